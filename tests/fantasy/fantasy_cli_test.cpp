// `simbook project` and `simbook lineup` run as a user would.
#include "tests/support/cli_run.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace {

using simbook::testing::RunCli;

const std::string kDir = SIMBOOK_FANTASY_DIR;

TEST(FantasyCliTest, ProjectJson) {
    const auto run = RunCli(SIMBOOK_BINARY, "project --slate " + kDir +
                                                "/slate-2.json --sims 500 --scoring fanduel "
                                                "--thresholds 30,40 --out 'Luka Dončić' --json");
    ASSERT_EQ(run.status, 0) << run.err;
    const auto j = nlohmann::json::parse(run.out);
    EXPECT_EQ(j["sims"], 500);
    bool found = false;
    for (const auto& p : j["players"]) {
        if (p["name"] == "Luka Dončić") {
            found = true;
            EXPECT_TRUE(p["out"].get<bool>());
            EXPECT_EQ(p["mean"].get<double>(), 0.0);
        }
    }
    EXPECT_TRUE(found);
}

TEST(FantasyCliTest, LineupTextAndJson) {
    const std::string args = "lineup --slate " + kDir + "/slate-2.json --salaries " + kDir +
                             "/DKSalaries-slate-2.csv --site draftkings --lineups 3 --sims 500 --target 240";
    const auto text = RunCli(SIMBOOK_BINARY, args);
    ASSERT_EQ(text.status, 0) << text.err;
    EXPECT_NE(text.out.find("#3"), std::string::npos);
    const auto json = RunCli(SIMBOOK_BINARY, args + " --objective p_target --candidates 3 --json");
    ASSERT_EQ(json.status, 0) << json.err;
    const auto j = nlohmann::json::parse(json.out);
    EXPECT_EQ(j["lineups"].size(), 3u);
    EXPECT_EQ(j["objective"], "p_target");
}

TEST(FantasyCliTest, BadInputIsOneLineNamingTheOption) {
    const auto run = RunCli(SIMBOOK_BINARY, "lineup --slate " + kDir + "/slate-2.json --salaries " + kDir +
                                                "/DKSalaries-slate-2.csv --site yahoo --sims 200");
    EXPECT_EQ(run.status, 2);
    EXPECT_EQ(run.err, "simbook: error: site: 'yahoo' is not draftkings or fanduel\n");
    const auto cap = RunCli(SIMBOOK_BINARY, "project --slate " + kDir + "/slate-2.json --cap 'Jayson Tatum=60'");
    EXPECT_EQ(cap.status, 2);
    EXPECT_NE(cap.err.find("--cap"), std::string::npos) << cap.err;
    const auto stack = RunCli(SIMBOOK_BINARY, "lineup --slate " + kDir + "/slate-2.json --salaries " + kDir +
                                                  "/DKSalaries-slate-2.csv --stack pair --sims 200");
    EXPECT_EQ(stack.status, 2);
    EXPECT_NE(stack.err.find("--stack"), std::string::npos) << stack.err;
}

} // namespace
