//! Walk-forward fit of the baseball plate-appearance model from Retrosheet game logs: league, team batting and
//! pitching rates shrunk toward the league, starting-pitcher effects, home advantage, park factors, double-play
//! and sacrifice-fly rates.
#pragma once

#include "kernels/core/result.hpp"
#include "models/baseball_data.hpp"
#include "models/baseball_model.hpp"

#include <array>
#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace simbook::models {

//! Settings of the fit; the defaults are the documented ones.
struct BaseballFitOptions {
    //! A team's rates are (counts + prior_pa x league) / (PA + prior_pa): about 50 games of plate appearances.
    double prior_pa = 2000.0;
    //! A starter's opponents' rates in his starts are shrunk the same way toward his team's pitching.
    double starter_prior_pa = 500.0;
    //! A park factor's raw ratio r becomes 1 + (r - 1) x n / (n + park_prior_games), n the weighted games there.
    double park_prior_games = 100.0;
    //! Games count with weight 2^(-age / half_life_days), age the days before the fit date.
    double half_life_days = 365.0;
    //! Half-life of the league's run environment (league rates, base running and the runs per inning they are fitted
    //! to), days; team and starter rates keep half_life_days, re-based from their own weighting's league to this
    //! one (ratio per outcome). 0: half_life_days. Park, home, inning and day factors use half_life_days. 60 days:
    //! scoring moves between and within seasons (4.07 runs per 9 innings in 2014, 4.48 in 2016); chosen on the
    //! total-runs log likelihood of Retrosheet games (2016 and 2017 to June better, 2015 to June slightly worse).
    double league_half_life_days = 60.0;
    //! Expected full innings of a starter (assumed: the logs do not say how long each pitcher pitched).
    double starter_innings = 5.7;
    //! Assumed advancement rates; double_play, sacrifice_fly and out_advance are fitted over these.
    BaseRunning running;
    //! Fewer weighted games than this before the date is an error.
    double min_games = 100.0;
};

//! One team's fitted rates (against league-average opposition; no schedule adjustment).
struct FittedBaseballTeam {
    std::string code;       //!< Retrosheet team code
    PaRates batting{};      //!< its batters' rates, shrunk
    PaRates pitching{};     //!< rates its pitchers allowed, shrunk (the bullpen's rates in a matchup)
    double batting_pa = 0;  //!< weighted plate appearances behind `batting`
    double pitching_pa = 0; //!< weighted plate appearances behind `pitching`
    std::string home_park;  //!< park of most of its (weighted) home games
};

//! One starting pitcher: what his opponents did in his starts, turned into his own rates.
struct FittedStarter {
    std::string id;
    std::string name;
    std::string team; //!< team of his latest start
    int starts = 0;
    double pa = 0.0; //!< weighted opponents' plate appearances in his starts (whole games, bullpen included)
    //! His rates: team + (shrunk starts' rates - team) / (starter_innings / 9), floored at a fifth of the
    //! team's rate and renormalised (his starts mix him with the bullpen, whose rates are the team's).
    PaRates rates{};
};

//! A fit made from the games before `before`.
struct FittedBaseball {
    std::chrono::sys_days before{};
    double games = 0.0; //!< weighted games used
    int game_count = 0; //!< games used
    PaRates league{};
    BaseRunning running;
    double starter_innings = 5.7;
    double home_run_factor = 1.0; //!< sqrt(home runs per inning batted / visitors' runs per inning batted)
    std::map<std::string, double> park_factors; //!< park id -> shrunk runs-per-inning factor
    //! Runs per half-inning in innings 1..9 over the average half-inning (the 9th from its top halves only: the
    //! bottom is cut short by walk-offs and skipped by leading home teams).
    std::array<double, 9> inning_factors{1, 1, 1, 1, 1, 1, 1, 1, 1};
    //! BaseballModel::day_sd: the spread that makes a league-average team's variance of runs per game (the chain's,
    //! inning factors included, plus mean^2 x the day factor's variance) equal the data's within-team variance.
    double day_sd = 0.0;
    double runs_variance = 0.0; //!< the data's within-team variance of runs per team-game
    std::map<std::string, FittedBaseballTeam> teams;
    std::map<std::string, FittedStarter> starters; //!< by Retrosheet player id
    double runs_per_team_game = 0.0;               //!< the data's (weighted) runs per team per game
    double runs_per_inning = 0.0;                  //!< the data's runs per half-inning batted
    std::vector<std::string> assumptions;          //!< every modelling assumption in words
};

//! Fits from the games strictly before `before` (walk-forward). Errors: too few games before the date, options
//! out of range (InvalidArgument naming "options.<field>").
Result<FittedBaseball> FitBaseball(const std::vector<RetrosheetGame>& games, std::chrono::sys_days before,
                                   const BaseballFitOptions& options = {});

//! A game between two fitted teams: team batting, the named starters (their team's pitching when unknown or
//! empty) then the team's bullpen, the park's factor (the home team's park when `park` is empty; 1 for a park
//! never seen). Unknown teams give InvalidArgument naming the team.
Result<BaseballModel> MakeBaseballMatchup(const FittedBaseball& fit, const std::string& home, const std::string& away,
                                          const std::string& home_starter = "", const std::string& away_starter = "",
                                          const std::string& park = "");

//! A team-game batting line as plate-appearance outcome counts (PaOutcome order).
PaRates OutcomeCounts(const BattingLine& line);

} // namespace simbook::models
