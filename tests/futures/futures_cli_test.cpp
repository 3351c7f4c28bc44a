// `simbook futures` as a user runs it: JSON input file, data-driven backtest, one-line errors with status 2.
#include "tests/support/cli_run.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace {

using simbook::testing::RunCli;

std::string WriteInput(const std::string& name, const std::string& text) {
    const std::string path = ::testing::TempDir() + name;
    std::ofstream(path) << text;
    return path;
}

const char* kLeague = R"({"league": "premier-league",
  "table": [{"team": "Arsenal", "played": 36, "points": 74, "gf": 70, "ga": 30},
            {"team": "Man City", "played": 36, "points": 73, "gf": 80, "ga": 33},
            {"team": "Liverpool", "played": 36, "points": 70, "gf": 72, "ga": 38},
            {"team": "Fulham", "played": 36, "points": 30, "gf": 38, "ga": 70}],
  "fixtures": [{"home": "Arsenal", "away": "Man City"}, {"home": "Liverpool", "away": "Fulham"},
               {"home": "Fulham", "away": "Arsenal"}, {"home": "Man City", "away": "Liverpool"}],
  "positions": {"title": 1, "top4": 2, "relegation": 1}})";

TEST(FuturesCli, JsonInputFile) {
    const std::string input = WriteInput("futures_league.json", kLeague);
    const auto run = RunCli(SIMBOOK_BINARY, "futures --input " + input + " --seasons 5000 --threads 2 --json");
    ASSERT_EQ(run.status, 0) << run.err;
    const nlohmann::json out = nlohmann::json::parse(run.out);
    EXPECT_EQ(out["seasons"], 5000);
    EXPECT_EQ(out["teams"][3]["relegation"]["probability"], 1.0); // Fulham cannot catch anyone
    EXPECT_GT(out["teams"][0]["title"]["probability"].get<double>(), 0.2);
    const auto text = RunCli(SIMBOOK_BINARY, "futures --input " + input + " --seasons 2000 --margin 0.1");
    ASSERT_EQ(text.status, 0) << text.err;
    EXPECT_NE(text.out.find("Man City"), std::string::npos);
    EXPECT_NE(text.out.find("margin 10.0%"), std::string::npos);
}

TEST(FuturesCli, BacktestFromData) {
    const auto run = RunCli(SIMBOOK_BINARY, "futures --league premier-league --season 2015-16 --as-of 2016-04-01 "
                                            "--seasons 2000 --threads 2 --json");
    ASSERT_EQ(run.status, 0) << run.err;
    const nlohmann::json out = nlohmann::json::parse(run.out);
    EXPECT_EQ(out["source"]["as_of"], "2016-04-01");
    EXPECT_EQ(out["teams"].size(), 20u);
}

TEST(FuturesCli, BadInputIsOneLineAndRunsNothing) {
    nlohmann::json league = nlohmann::json::parse(kLeague);
    league["fixtures"][1]["home"] = "Fulham";
    const std::string input = WriteInput("futures_self.json", league.dump());
    const auto run = RunCli(SIMBOOK_BINARY, "futures --input " + input + " --seasons 1000");
    EXPECT_EQ(run.status, 2);
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(run.err, "simbook: error: fixtures[1].away: 'Fulham' cannot play itself\n");

    const auto unknown = RunCli(SIMBOOK_BINARY, "futures --league serie-x --season 2015-16 --as-of 2016-03-01");
    EXPECT_EQ(unknown.status, 2);
    EXPECT_EQ(unknown.err.rfind("simbook: error: league: ", 0), 0u) << unknown.err;

    const auto missing = RunCli(SIMBOOK_BINARY, "futures --league premier-league");
    EXPECT_EQ(missing.status, 2);
    EXPECT_NE(missing.err.find("--input"), std::string::npos);
}

} // namespace
