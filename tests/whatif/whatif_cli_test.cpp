// `simbook whatif` and `simbook momentum` as a user runs them: JSON out, one-line errors naming the option
// or field, exit status 2 for bad input.
#include "tests/support/cli_run.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace {

using simbook::testing::CliRun;
using simbook::testing::RunCli;

CliRun Simbook(const std::string& args) {
    return RunCli(SIMBOOK_BINARY, args);
}

TEST(WhatIfCli, ScenarioOnCommonRandomNumbers) {
    const CliRun run = Simbook("whatif --sport soccer --league premier-league --home-team Arsenal --away-team Chelsea "
                               "--sims 20000 --backend cpu --markets h2h,totals:2.5,next_goal "
                               "--scenario '[{\"type\":\"red_card\",\"team\":\"home\",\"minute\":30}]' --json");
    ASSERT_EQ(run.status, 0) << run.err;
    const nlohmann::json r = nlohmann::json::parse(run.out);
    EXPECT_TRUE(r["common_random_numbers"].get<bool>());
    ASSERT_EQ(r["markets"].size(), 3u);
    const nlohmann::json& home = r["markets"][0]["outcomes"][0];
    EXPECT_LT(home["delta"].get<double>(), 0.0);
    EXPECT_GT(home["se_ratio"].get<double>(), 1.3); // about 1.9 for a red card (see README)
    EXPECT_GT(home["scenario_price"].get<double>(), home["base_price"].get<double>());
}

TEST(WhatIfCli, SweepPrintsACurvePerMarket) {
    const CliRun run = Simbook("whatif --sport basketball --league nba --home-team BOS --away-team DAL --sims 5000 "
                               "--backend cpu --markets h2h "
                               "--sweep '{\"type\":\"pace\",\"mult\":{\"from\":0.9,\"to\":1.1,\"step\":0.1}}'");
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_NE(run.out.find("sweep of mult over 0.9 1 1.1"), std::string::npos) << run.out;
}

TEST(WhatIfCli, MomentumMarkets) {
    const CliRun run = Simbook("momentum --sport basketball --sims 5000 --backend cpu "
                               "--state '{\"period\":3,\"clock\":\"6:00\",\"home\":70,\"away\":66}' --json");
    ASSERT_EQ(run.status, 0) << run.err;
    const nlohmann::json r = nlohmann::json::parse(run.out);
    EXPECT_EQ(r["markets"][0]["market"], "next_team_to_score");
    EXPECT_EQ(r["win_prob_path"].back()["minute"], "final");
}

TEST(WhatIfCli, BadInputIsOneLineNamingTheField) {
    const struct {
        std::string args;
        std::string field;
    } cases[] = {
        {"whatif --sport basketball --league nba --home-team BOS --away-team DAL "
         "--scenario '[{\"type\":\"player_out\",\"player\":\"Nobody\"}]'",
         "Nobody"},
        {"whatif --sport soccer --scenario 'not json'", "--scenario"},
        {"whatif --sport soccer --sweep '{\"type\":\"pace\",\"mult\":{\"from\":0,\"to\":100,\"step\":1}}'",
         "sweep.mult"},
        {"whatif --sport soccer --scenario '[{\"type\":\"rating\",\"team\":\"Leeds\",\"xg\":1}]'", "scenario[0].team"},
        {"momentum --sport soccer --markets lead_at:200", "lead_at:200"},
        // An option left out is a field left out, not an empty string.
        {"whatif --sport basketball --league nba --home-team BOS", "--away-team: a fitted league needs"},
        {"whatif --sport basketball --home-team BOS", "--league: teams need a fitted league"},
    };
    for (const auto& c : cases) {
        const CliRun run = Simbook(c.args);
        EXPECT_EQ(run.status, 2) << c.args;
        EXPECT_TRUE(run.out.empty()) << run.out;
        EXPECT_NE(run.err.find(c.field), std::string::npos) << run.err;
        EXPECT_EQ(run.err.find('\n'), run.err.size() - 1) << run.err;
    }
}

} // namespace
