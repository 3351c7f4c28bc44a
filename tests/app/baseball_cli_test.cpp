// Baseball through the real binary as a user runs it: simulate (pre-game and live), price (main lines, alternates,
// first five, NRFI, races, a same-game parlay), whatif (a starting pitcher scratched) and fit (from the Retrosheet
// logs, then simulated through --league mlb); bad input is one line naming the option or field.
#include "tests/support/cli_run.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace {

using simbook::testing::CliRun;

CliRun Simbook(const std::string& args) {
    return simbook::testing::RunCli(SIMBOOK_BINARY, args);
}

TEST(BaseballCli, SimulatePreGameAndLive) {
    const CliRun pre = Simbook("simulate --sport baseball --sims 40000 --seed 3 --json");
    ASSERT_EQ(pre.status, 0) << pre.err;
    const auto j = nlohmann::json::parse(pre.out);
    EXPECT_EQ(j["sims"], 40000);
    EXPECT_EQ(j["invalid_paths"], 0);
    EXPECT_NEAR(j["win_probability"]["home"].get<double>() + j["win_probability"]["away"].get<double>(), 1.0, 1e-12);
    EXPECT_EQ(j["win_probability"]["draw"], 0.0);
    const double nrfi = j["first_inning"]["nrfi"].get<double>();
    EXPECT_GT(nrfi, 0.4);
    EXPECT_LT(nrfi, 0.65);
    EXPECT_GT(j["extra_innings_probability"].get<double>(), 0.04);
    EXPECT_EQ(j["race_to"].size(), 10u);
    EXPECT_TRUE(j["first_five"]["win_probability"].contains("tie"));
    // Same seed, same bytes on one and two threads.
    const CliRun one = Simbook("simulate --sport baseball --sims 20000 --seed 5 --json --threads 1");
    const CliRun two = Simbook("simulate --sport baseball --sims 20000 --seed 5 --json --threads 2");
    ASSERT_EQ(one.status, 0) << one.err;
    EXPECT_EQ(one.out, two.out);

    const CliRun live = Simbook("simulate --sport baseball --sims 20000 --json --state "
                                "'{\"inning\":9,\"half\":\"top\",\"outs\":2,\"home\":4,\"away\":1}'");
    ASSERT_EQ(live.status, 0) << live.err;
    const auto l = nlohmann::json::parse(live.out);
    EXPECT_GT(l["win_probability"]["home"].get<double>(), 0.95);
    EXPECT_FALSE(l.contains("first_five")); // the 5th is long over
    const CliRun text = Simbook("simulate --sport baseball --sims 20000");
    ASSERT_EQ(text.status, 0) << text.err;
    EXPECT_NE(text.out.find("extra innings"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("NRFI"), std::string::npos) << text.out;
}

TEST(BaseballCli, PriceMainLinesAlternatesInningsRacesAndParlays) {
    const CliRun run = Simbook("price --sport baseball --markets "
                               "\"h2h,spreads:-1.5,spreads:-3.5..3.5/1,totals:8.5,team_totals:away:4.5,f5:h2h,"
                               "f5:totals:4.5,i1:totals:0.5,i7:totals:0.5,race:3,sgp:h2h=home+totals:8.5=over\" "
                               "--sims 50000 --seed 7 --json");
    ASSERT_EQ(run.status, 0) << run.err;
    const auto j = nlohmann::json::parse(run.out);
    ASSERT_EQ(j["markets"].size(), 18u) << j;
    for (const auto& m : j["markets"]) {
        double sum = 0.0;
        for (const auto& o : m["outcomes"]) {
            sum += o["probability"].get<double>();
        }
        EXPECT_NEAR(sum, 1.0, 1e-9) << m["market"];
    }
    EXPECT_EQ(j["markets"][0]["outcomes"].size(), 2u); // no draw
    EXPECT_EQ(j["markets"][12]["market"], "f5:h2h");
    EXPECT_EQ(j["markets"][12]["outcomes"].size(), 3u); // a tie after five innings
    EXPECT_EQ(j["markets"][14]["market"], "i1:totals:0.5");
}

TEST(BaseballCli, WhatIfStarterScratched) {
    const std::string base = "whatif --sport baseball --sims 20000 --backend cpu --markets h2h,totals:8.5 --json ";
    const CliRun run =
        Simbook(base + "--scenario '[{\"type\":\"starter_scratched\",\"team\":\"home\",\"innings\":2}]'");
    ASSERT_EQ(run.status, 0) << run.err;
    const auto r = nlohmann::json::parse(run.out);
    ASSERT_EQ(r["markets"].size(), 2u);
    EXPECT_TRUE(r["common_random_numbers"].get<bool>());
    EXPECT_TRUE(r["markets"][0]["outcomes"][0].contains("delta"));
    const CliRun bad =
        Simbook(base + "--scenario '[{\"type\":\"starter_scratched\",\"team\":\"home\",\"innings\":12}]'");
    EXPECT_EQ(bad.status, 2);
    EXPECT_NE(bad.err.find("innings"), std::string::npos) << bad.err;
    const CliRun other_sport = Simbook(base + "--scenario '[{\"type\":\"player_out\",\"player\":\"X\"}]'");
    EXPECT_EQ(other_sport.status, 2);
    EXPECT_NE(other_sport.err.find("basketball only"), std::string::npos) << other_sport.err;
}

TEST(BaseballCli, BadInputIsOneLineNamingTheField) {
    const struct {
        std::string args;
        std::string field;
    } cases[] = {
        {"simulate --sport baseball --state '{\"inning\":3,\"outs\":3}'", "state.outs"},
        {"simulate --sport baseball --state '{\"bases\":[0]}'", "state.bases"},
        {"simulate --sport baseball --league nba --home-team NYA --away-team BOS", "--league"},
        {"simulate --sport baseball --home-xg 4.5", "--home-xg"},
        {"price --sport baseball --markets q1:h2h", "--markets"},
        {"price --sport baseball --markets race:11", "--markets"},
        {"price --sport baseball --markets player_points:X:10.5", "--markets"},
        {"price --sport baseball --state '{\"inning\":6}' --markets f5:h2h", "--markets"},
    };
    for (const auto& c : cases) {
        const CliRun r = Simbook(c.args);
        EXPECT_EQ(r.status, 2) << c.args << ": " << r.err;
        EXPECT_NE(r.err.find(c.field), std::string::npos) << c.args << ": " << r.err;
        EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << c.args << ": " << r.err;
    }
}

TEST(BaseballCli, FitThenSimulateTheFittedMatchup) {
    const std::string data = SIMBOOK_TEST_DATA;
    if (!std::filesystem::exists(data + "/baseball/retrosheet/GL2018.TXT")) {
        GTEST_SKIP() << "no Retrosheet logs under " << data;
    }
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "simbook_baseball_fit_test";
    std::filesystem::remove_all(dir);
    const CliRun fit = Simbook("fit --sport baseball --data " + data + " --until 2016-06-30 --out " +
                               (dir / "mlb" / "teams.json").string());
    ASSERT_EQ(fit.status, 0) << fit.err;
    EXPECT_NE(fit.out.find("MLB games before 2016-07-01"), std::string::npos) << fit.out;
    EXPECT_TRUE(std::filesystem::exists(dir / "mlb" / "NOTICE"));
    const std::string game = "--sport baseball --league mlb --params-dir " + dir.string() + " --sims 20000 --json ";
    const CliRun sim = Simbook("simulate " + game + "--home-team NYA/sevel001 --away-team BOS");
    ASSERT_EQ(sim.status, 0) << sim.err;
    const auto j = nlohmann::json::parse(sim.out);
    EXPECT_GT(j["mean_score"]["home"].get<double>(), 3.0);
    EXPECT_LT(j["mean_score"]["home"].get<double>(), 6.0);
    const CliRun unknown = Simbook("simulate " + game + "--home-team XXX --away-team BOS");
    EXPECT_EQ(unknown.status, 2);
    EXPECT_NE(unknown.err.find("XXX"), std::string::npos) << unknown.err;
    std::filesystem::remove_all(dir);
}

} // namespace
