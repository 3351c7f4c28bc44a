// The `simbook simulate` contract, exercised through the real binary as a user runs it.
#include "tests/support/cli_run.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace {

using simbook::testing::CliRun;

CliRun Simbook(const std::string& args) {
    return simbook::testing::RunCli(SIMBOOK_BINARY, args);
}

TEST(SimulateCliTest, JsonContractForSoccer) {
    const CliRun r = Simbook("simulate --sport soccer --home-xg 1.45 --away-xg 1.15 --sims 100000 --seed 7 --json");
    ASSERT_EQ(r.status, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["sims"], 100000);
    EXPECT_EQ(j["seed"], 7);
    EXPECT_EQ(j["backend"], "cpu");
    const double total = j["win_probability"]["home"].get<double>() + j["win_probability"]["draw"].get<double>() +
                         j["win_probability"]["away"].get<double>();
    EXPECT_NEAR(total, 1.0, 1e-12);
    EXPECT_GT(j["win_probability"]["home"].get<double>(), j["win_probability"]["away"].get<double>());
    EXPECT_NEAR(j["mean_score"]["home"].get<double>(), 1.40, 0.08); // xG 1.45, damped a little by score effects
    EXPECT_GT(j["standard_error"].get<double>(), 0.0);
    EXPECT_TRUE(j["score_distribution"].is_array());
}

TEST(SimulateCliTest, SameSeedSameBytesOnOneAndTwoThreads) {
    for (const char* sport : {"soccer", "basketball"}) {
        const std::string args = std::string("simulate --sport ") + sport + " --sims 40000 --seed 3 --json --threads ";
        const CliRun one = Simbook(args + "1");
        const CliRun two = Simbook(args + "2");
        ASSERT_EQ(one.status, 0) << one.err;
        EXPECT_EQ(one.out, two.out) << sport;
    }
}

TEST(SimulateCliTest, BasketballPlayersAndLiveState) {
    const CliRun r = Simbook(
        R"(simulate --sport basketball --sims 20000 --json --state '{"period":4,"clock":"8:00","home":92,"away":89,"possession":"home"}')");
    ASSERT_EQ(r.status, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["players"].size(), 20u);
    EXPECT_GE(j["mean_score"]["home"].get<double>(), 92.0);
    EXPECT_TRUE(j["players"][0]["rebounds"].contains("p50"));
    EXPECT_GT(j["win_probability"]["home"].get<double>(), 0.6); // three up with eight minutes left
}

TEST(SimulateCliTest, FittedModelsDriveTheMatchup) {
    // The stronger side (by its fitted ratings) is favoured at home and, less so, away.
    const CliRun home = Simbook("simulate --sport soccer --league premier-league --home-team Arsenal --away-team "
                                "Burnley --sims 50000 --json");
    const CliRun away = Simbook("simulate --sport soccer --league premier-league --home-team Burnley --away-team "
                                "Arsenal --sims 50000 --json");
    ASSERT_EQ(home.status, 0) << home.err;
    ASSERT_EQ(away.status, 0) << away.err;
    const double arsenal_home = nlohmann::json::parse(home.out)["win_probability"]["home"].get<double>();
    const double arsenal_away = nlohmann::json::parse(away.out)["win_probability"]["away"].get<double>();
    EXPECT_GT(arsenal_away, 0.4);
    EXPECT_GT(arsenal_home, arsenal_away + 0.05);
    const CliRun nba =
        Simbook("simulate --sport basketball --league nba --home-team BOS --away-team DAL --sims 20000 --json");
    ASSERT_EQ(nba.status, 0) << nba.err;
    const auto j = nlohmann::json::parse(nba.out);
    EXPECT_GT(j["mean_score"]["home"].get<double>(), 95.0);
    EXPECT_LT(j["mean_score"]["home"].get<double>(), 135.0);
}

TEST(SimulateCliTest, FinishedGameIsCertain) {
    const CliRun r =
        Simbook(R"(simulate --sport soccer --sims 1000 --json --state '{"finished":true,"home":0,"away":2}')");
    ASSERT_EQ(r.status, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["win_probability"]["away"].get<double>(), 1.0);
    EXPECT_EQ(j["score_distribution"].size(), 1u);
}

TEST(SimulateCliTest, ReadableSummaryWithoutJson) {
    const CliRun r = Simbook("simulate --sport soccer --sims 20000");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("win probability"), std::string::npos);
    EXPECT_NE(r.out.find("most likely scores"), std::string::npos);
}

TEST(SimulateCliTest, BadArgumentsGiveOneLineErrors) {
    const std::pair<const char*, const char*> cases[] = {
        {"simulate --sport cricket", "cricket"},
        {"simulate --sport soccer --sims 0", "--sims"},
        {"simulate --sport soccer --sims 1000000000000", "--sims"},
        {"simulate --sport soccer --home-xg -1", "home_xg"},
        {"simulate --sport soccer --backend tpu", "tpu"},
        {"simulate --sport soccer --threads -2", "--threads"},
        {"simulate --sport soccer --state '{\"minute\": 120}'", "state.minute"},
        {"simulate --sport soccer --state '{not json'", "--state"},
        {"simulate --sport soccer --state '{\"minute\": 1e999}'", "--state"},
        {"simulate --sport basketball --state '{\"clock\": \"-1:00\"}'", "state.clock"},
        {"simulate --sport basketball --home-xg 1.2", "--home-xg"},
        {"simulate --sport basketball --params /nonexistent.json", "/nonexistent.json"},
        {"simulate --sport soccer --sims abc", "abc"},
        {"simulate --sport soccer --sims 100 --hdf5 /nonexistent-dir/run.h5", "--hdf5"},
        {"simulate --sport soccer --league premier-league --home-team Arsenal --away-team Nobody", "Nobody"},
        {"simulate --sport soccer --league premier-league --home-team Arsenal", "--home-team"},
        {"simulate --sport soccer --league atlantis --home-team A --away-team B", "atlantis"},
        {"simulate --sport soccer --home-team Arsenal --away-team Chelsea", "--league"},
        {"simulate --sport basketball --league nba --home-team BOS --away-team XYZ", "XYZ"},
        {"simulate --sport soccer --target-se 0.01 --max-sims 0", "--max-sims"},
    };
    for (const auto& [args, needle] : cases) {
        const CliRun r = Simbook(args);
        EXPECT_NE(r.status, 0) << args;
        EXPECT_TRUE(r.out.empty()) << args;
        EXPECT_NE(r.err.find(needle), std::string::npos) << args << " -> " << r.err;
        EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line expected: " << r.err;
    }
}

TEST(SimulateCliTest, ModelFileWithAnOverflowingNumberIsAnOptionError) {
    // Found by fuzz/fitted_model_fuzz: 1e999 threw json out_of_range past the parse_error catch ("internal error").
    const std::string path = ::testing::TempDir() + "simbook_overflow_model.json";
    std::FILE* file = std::fopen(path.c_str(), "w");
    ASSERT_NE(file, nullptr);
    std::fputs("{\"home_xg\": 1e999}", file);
    std::fclose(file);
    const CliRun r = Simbook("simulate --sport soccer --params " + path);
    std::remove(path.c_str());
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_NE(r.err.find("--params"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
}

TEST(SimulateCliTest, ConfigFlagWithAnOverflowingNumberIsAnOptionError) {
    // Found by fuzz/config_file_fuzz: a flag's value past long long made CLI11's stoll throw out_of_range, which
    // main answered as an internal error (exit 1).
    const std::string path = ::testing::TempDir() + "simbook_overflow_config.toml";
    std::FILE* file = std::fopen(path.c_str(), "w");
    ASSERT_NE(file, nullptr);
    std::fputs("[serve]\nno-demo = 23333333333333333333333333\n", file);
    std::fclose(file);
    const CliRun r = Simbook("serve --config " + path);
    std::remove(path.c_str());
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_NE(r.err.find("simbook: error:"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
}

} // namespace
