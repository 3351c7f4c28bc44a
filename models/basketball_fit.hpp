//! NBA team and player parameters for the possession model, fitted from 2023-24 player game lines.
#pragma once

#include "kernels/core/result.hpp"
#include "models/basketball_model.hpp"

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace simbook::models {

//! What a team's opponents did against it, in the same per-chance terms as TeamModel (no schedule adjustment).
struct TeamDefense {
    double turnover_rate = 0.12;   //!< P(an opponent chance ends in a turnover)
    double ft_trip_rate = 0.12;    //!< P(a non-turnover opponent chance is a two-shot free-throw trip)
    double efg = 0.547;            //!< opponents' effective field-goal % ((FGM + 0.5 * 3PM) / FGA), in [0,1]
    double off_rebound_pct = 0.24; //!< P(opponent offensive rebound | opponent missed field goal)
};

//! Raw per-player figures behind a fitted PlayerModel (before shrinkage), for reports and checks.
struct RosterLine {
    std::string name;
    std::string id;                //!< Basketball-Reference player id ("doncilu01")
    int games = 0;                 //!< regular-season games played for this team
    double minutes_per_game = 0.0; //!< average minutes in those games
    double season_minutes = 0.0;   //!< regular-season minutes for all teams (the shrinkage weight's input)
    double points_per_game = 0.0;  //!< estimated from TS% and the team's fitted possession scale (not a box score)
};

//! One fitted team: its offence in the kernel's terms (defence-neutral, no home advantage) and its defence.
struct FittedTeam {
    std::string abbreviation; //!< Basketball-Reference code ("BOS", "BRK", "PHO")
    TeamModel offense;        //!< pace and rates of the team's own offence; players with expected minutes
    TeamDefense defense;
    std::vector<RosterLine> roster; //!< same order as offense.players
};

//! Settings of the fit; the defaults are the documented ones.
struct BasketballFitOptions {
    //! Last regular-season day of 2023-24 (YYYYMMDD); later games (play-in, playoffs) are left out.
    std::string last_regular_season_day = "20240414";
    //! League field-goal attempts per team per game in 2023-24 (Basketball-Reference league averages): the one
    //! absolute anchor, as the game lines hold only rates and shares.
    double league_fga_per_game = 88.9;
    //! Shrinkage of a player's rates toward the league: weight minutes / (minutes + shrink_minutes).
    double shrink_minutes = 250.0;
    //! Shrinkage of a team's relative possession scale (from dunk counts) toward 1: weight n / (n + k), n the
    //! players with at least min_dunks made dunks.
    double pace_shrink_players = 15.0;
    int min_dunks = 10;
    //! Players kept per team (the kernel's limit is 16).
    int max_players = 16;
    //! Home advantage MakeMatchup applies when none is given, in points per game.
    double home_advantage_points = 2.5;
    //! Standard deviation of possessions per team per game in a matchup.
    double pace_sd = 4.0;
    //! BasketballModel::lead_pull of every matchup (calibrated on 2023-24 final margins, see the README).
    double lead_pull = kDefaultLeadPull;
};

//! League-wide averages of the fitted quantities (every team-game weighted equally).
struct LeagueAverages {
    TeamModel team;               //!< league-average offence (no players)
    double efg = 0.547;           //!< effective field-goal %
    double points_per_game = 0.0; //!< implied by the fitted rates and pace (regulation, no overtime)
    double fga_per_game = 0.0;    //!< field-goal attempts per team per 48 minutes
    double fta_per_game = 0.0;    //!< free-throw attempts per team per 48 minutes
    double tov_per_game = 0.0;    //!< turnovers per team per 48 minutes
    PlayerModel player;           //!< minutes-weighted average player rates (the shrinkage target)
};

//! A fitted league: teams by abbreviation, averages, provenance and every modelling assumption in words.
struct FittedLeague {
    std::string season = "2023-24";
    std::string source;
    std::string attribution;
    std::vector<std::string> assumptions;
    LeagueAverages league;
    double home_advantage_points = 2.5;  //!< default of MakeMatchup, points per game
    double pace_sd = 4.0;                //!< possessions per team per game
    double lead_pull = kDefaultLeadPull; //!< BasketballModel::lead_pull of every matchup, log-odds per point
    std::map<std::string, FittedTeam> teams;
};

//! Fits every team from `data_dir` (the shared data folder: reads basketball/player-stats/*.csv). Errors name
//! the file and line of missing or malformed input.
Result<FittedLeague> FitBasketballTeams(const std::string& data_dir, const BasketballFitOptions& options = {});

//! Expected points per possession of an offence (offensive-rebound chains summed as a geometric series).
double ExpectedPointsPerPossession(const TeamModel& team);

//! Expected home margin at the end of regulation (mean pace, lead pull included, a fair coin for the first
//! possession): a margin-only DP for fitting.
double ExpectedRegulationMargin(const BasketballModel& model);

//! A game between two fitted teams: each offence is adjusted for the other's defence (additive in log-odds
//! against the league average), both teams play at pace_home + pace_away - league pace, and the home team's
//! two- and three-point make rates rise (the away team's fall) by one log-odds shift solved so that the
//! expected home margin grows by home_advantage_points (the league's default when absent; 0 for a neutral
//! court). With a lead pull, both make rates are then shifted apart (home up, away down, in log-odds) until
//! ExpectedRegulationMargin equals the margin of independent possessions. Unknown teams give InvalidArgument
//! naming the team.
Result<BasketballModel> MakeMatchup(const FittedLeague& league, const std::string& home, const std::string& away,
                                    std::optional<double> home_advantage_points = std::nullopt);

//! The league file: {"season", "source", "attribution", "assumptions", "league", "teams": {"BOS": {"model":
//! TeamModel JSON as BasketballModelFromJson reads it, "defense", "roster"}}}.
nlohmann::json ToJson(const FittedLeague& league);
Result<FittedLeague> FittedLeagueFromJson(const nlohmann::json& json);
//! Reads a league file; errors name the path.
Result<FittedLeague> LoadFittedLeague(const std::string& path);

//! One NBA game's final score, rebuilt from the player game lines (the data holds no score table).
struct NbaGameResult {
    std::string day;  //!< YYYYMMDD
    std::string home; //!< Basketball-Reference code
    std::string away;
    int home_points = 0;
    int away_points = 0;
    int overtimes = 0;
};

//! Every game of basketball/player-stats/NBA_2023-2024_advanced_by_game.csv (play-in and playoffs included),
//! in date order. The lines hold rates, not counts: each team-game's plays P (FGA + 0.44 FTA + TOV) is the value
//! in [40, 180] (steps of 0.01) at which every player's implied TOV, FGA, FTA, 3PA, 2 x (FGM + 0.5 x 3PM) and
//! points (from USG% x MP share, TOV%, FTr, 3PAr, eFG%, TS%) lie nearest to integers; the team's points are the
//! players' rounded points. Reproduces box scores (2024 Finals game 5: BOS 106, DAL 88).
Result<std::vector<NbaGameResult>> ReconstructNbaGames(const std::string& data_dir);

//! Fits the league from data_dir and writes out_dir/2023-24.json (the league) and out_dir/BOS-DAL.json (an
//! example matchup that BasketballModelFromJson reads). Writes nothing when the fit fails.
Status WriteFittedTeams(const std::string& data_dir, const std::string& out_dir);

} // namespace simbook::models
