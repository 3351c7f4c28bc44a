//! `simbook replay`: streams a real past international's goals (soccer/international data) into a running
//! `simbook serve` as live state updates, minute by minute, printing the in-play prices as they move.
#pragma once

#include "kernels/core/result.hpp"

#include <CLI/CLI.hpp>

#include <array>
#include <cstdio>
#include <string>
#include <vector>

namespace simbook::app {

//! Options of `simbook replay`.
struct ReplayOptions {
    std::string url = "http://127.0.0.1:8080"; //!< the server, http://HOST:PORT
    std::string key;                           //!< API key of a trader or admin
    std::string date;                          //!< match day, YYYY-MM-DD
    std::string home_team;                     //!< as in results.csv, e.g. "Argentina"
    std::string away_team;
    double speed = 60.0; //!< match minutes per real minute (1: real time, 90: one match per minute); 0: no wait
    std::string league = "international"; //!< league of the fitted model the event is priced with
    std::string data;                     //!< data folder (default SIMBOOK_DATA, else ../shared/data)
    bool quiet = false;                   //!< print nothing but errors
};

//! One posted state update and the prices the server answered with.
struct ReplayUpdate {
    std::string clock; //!< "23'", "90+2'", "FT"
    int home = 0;      //!< score posted
    int away = 0;
    int version = 0;                //!< event version after the update
    std::array<double, 3> h2h{};    //!< decimal odds home, draw, away; 0 where the market offers none
    std::vector<std::string> lines; //!< book market keys priced after the update ("h2h", "totals:2.5", ...)
    bool goal = false;              //!< a goal came in this update
};

//! What a replay did.
struct ReplaySummary {
    std::string event_id;
    std::vector<ReplayUpdate> updates; //!< in posting order (the event's versions 1..n)
    std::array<double, 3> opening{};   //!< h2h decimal odds at creation (version 0)
    int final_home = 0;                //!< score of the final posted state (after 90 minutes and stoppage)
    int final_away = 0;
    int result_home = 0; //!< the recorded result (after extra time where one was played)
    int result_away = 0;
    int extra_time_goals = 0; //!< goals in extra time (not replayed: markets settle at 90 minutes)
    bool shootout = false;
};

//! Runs a replay against a server, printing progress to `out` (nullptr: silent). Errors are one line:
//! unknown match, incomplete goal data, server unreachable, key refused, no fitted model.
Result<ReplaySummary> RunReplay(const ReplayOptions& options, std::FILE* out);

//! Registers `replay` on the app; the callback stores its exit code in *exit_code.
void RegisterReplayCommand(CLI::App& app, int* exit_code);

} // namespace simbook::app
