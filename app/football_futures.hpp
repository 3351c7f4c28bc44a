//! `simbook futures --sport football`: an NFL regular season's remaining schedule (from the data file) simulated
//! from the as-of date, each game's home win, tie and away win probabilities from the exact drive model of the
//! ratings fitted before that week; every team's expected wins, P(10 wins or more) and P(the best record).
#pragma once

#include <cstdint>
#include <string>

namespace simbook::app {

struct FootballFuturesOptions {
    int season = 0;    //!< start year, 2011..2018
    std::string as_of; //!< YYYY-MM-DD: games before it form the table, games from it on are simulated
    std::uint64_t seasons = 100'000;
    std::uint64_t seed = 7;
    std::string data; //!< data folder (ResolveDataDir)
    bool json = false;
};

//! Runs it (split across MPI ranks by season; rank 0 prints); the exit code.
int RunFootballFutures(const FootballFuturesOptions& options);

} // namespace simbook::app
