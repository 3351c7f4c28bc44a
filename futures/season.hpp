//! Season futures: a league's current table and remaining fixtures, simulated season by season through the soccer
//! kernel, giving every team's finishing-position distribution, title, top-N and relegation probabilities.
#pragma once

#include "engine/run_shares.hpp"
#include "kernels/core/result.hpp"
#include "kernels/launch.hpp"
#include "models/soccer_model.hpp"
#include "odds/score_markets.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace simbook::futures {

//! A team's record so far. points are league points (3 a win, 1 a draw); goals in matches played.
struct TableRow {
    std::string team;
    int played = 0;
    int points = 0;
    int goals_for = 0;
    int goals_against = 0;
};

//! A remaining fixture. Expected goals are each team's goals over the full match ignoring score and red-card
//! effects (SoccerModel::home_xg, away_xg); 0 means "not given yet" (ResolveFixtureXg fills them).
struct Fixture {
    std::string home;
    std::string away;
    double home_xg = 0.0;
    double away_xg = 0.0;
};

//! Which places the outright markets cover.
struct Positions {
    int title = 1;      //!< the first `title` places win the title market (1 for a league title)
    int top = 4;        //!< the first `top` places (Champions League places)
    int relegation = 3; //!< the last `relegation` places (0: no relegation market)
};

//! A league season to simulate: the table now and what is left to play.
struct LeagueSeason {
    std::string league; //!< fitted model key (premier-league, ...) or a free label when every fixture has xg
    std::vector<TableRow> table;
    std::vector<Fixture> fixtures;
    Positions positions;
    models::SoccerModel match_model; //!< timing shape and state effects of every match (its xg is not used)
};

//! Checks a season: 2 to kernels::season::kMaxTeams teams, each named once, no negative record, points at most
//! 3 per match played and consistent with the goals (a win needs a goal scored, a loss a goal conceded), no
//! goals without matches, fixtures between two different teams of the table, expected goals both given (in
//! (0, 15]) or both 0, positions within the table. InvalidArgument names the field ("table[3].team: 'Arsenal'
//! is listed twice (also table[0])").
Status ValidateLeagueSeason(const LeagueSeason& season);

//! Fills the expected goals of fixtures that have none from the Dixon-Coles file
//! `<params_dir>/soccer/<league>.json`. Unavailable when the file cannot be read; InvalidArgument naming the
//! fixture and team when a team is not in the model.
Status ResolveFixtureXg(LeagueSeason& season, const std::string& params_dir);

//! How to simulate.
struct SeasonSimulationOptions {
    std::uint64_t seasons = 100'000; //!< simulated seasons
    std::uint64_t seed = 7;          //!< season s, fixture f is kernel path s * (fixtures + 1) + f of this seed
    kernels::LaunchConfig launch;
    //! Split across processes (MPI ranks): this process's seasons, every count summed over the processes.
    engine::RunShares shares;
};

//! One team's forecast. Estimates are Monte Carlo frequencies with binomial standard errors.
struct TeamForecast {
    std::string team;
    int remaining = 0;                        //!< fixtures left to play
    std::vector<double> position_probability; //!< [k]: P(finishing in place k + 1), k in 0..teams-1
    double expected_points = 0.0;             //!< mean final points
    double expected_points_se = 0.0;          //!< standard error of that mean
    double points_sd = 0.0;                   //!< standard deviation of final points over seasons
    odds::Estimate title;                     //!< P(place <= positions.title)
    odds::Estimate top;                       //!< P(place <= positions.top)
    odds::Estimate relegation;                //!< P(place > teams - positions.relegation)
};

//! Forecast of a season, teams in table order.
struct SeasonForecast {
    std::vector<TeamForecast> teams;
    std::uint64_t seasons = 0;         //!< seasons counted
    std::uint64_t invalid_seasons = 0; //!< seasons left out because a match hit an impossible state
    std::uint64_t matches = 0;         //!< matches simulated (seasons x fixtures)
    kernels::Backend backend = kernels::Backend::kCpu;
    double seconds = 0.0; //!< wall time of the simulation
};

//! Simulates the remaining fixtures `options.seasons` times (every fixture must have its xg) and ranks each
//! final table by points, then goal difference, then goals scored, then a lottery (a uniform random order of
//! the teams still level, drawn per season from the seed; head-to-head records are not used). Results depend
//! only on the inputs and the seed, never on the backend's thread count. InvalidArgument for a bad season or
//! a season count outside [1, 10^8].
Result<SeasonForecast> SimulateSeasons(const LeagueSeason& season, const SeasonSimulationOptions& options);

} // namespace simbook::futures
