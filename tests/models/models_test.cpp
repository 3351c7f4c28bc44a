#include "models/basketball_model.hpp"
#include "models/soccer_model.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <numeric>
#include <string>

namespace simbook::models {
namespace {

namespace ks = kernels::soccer;
namespace kb = kernels::basketball;

TEST(SoccerModelTest, RatesIntegrateToTheExpectedGoals) {
    SoccerModel m;
    m.home_xg = 2.1;
    m.away_xg = 0.7;
    m.home_reds_per_match = 0.2;
    const ks::SoccerParams p = MakeSoccerParams(m).value();
    const double lambda = p.shape_end[ks::kSegments - 1];
    EXPECT_NEAR(p.goal_rate[0] * lambda, 2.1, 1e-12);
    EXPECT_NEAR(p.goal_rate[1] * lambda, 0.7, 1e-12);
    EXPECT_NEAR(p.red_rate[0] * lambda, 0.2, 1e-12);
    EXPECT_DOUBLE_EQ(p.segment_end[ks::kFirstHalfLastSegment], 45.0 + m.first_half_stoppage);
    EXPECT_DOUBLE_EQ(p.segment_end[ks::kSegments - 1], 90.0 + m.first_half_stoppage + m.second_half_stoppage);
    EXPECT_NEAR(p.red_factor[2][1], m.red_own_mult * m.red_own_mult * m.red_opp_mult, 1e-12);
}

TEST(SoccerModelTest, RefusesBadValuesNamingTheField) {
    SoccerModel m;
    m.home_xg = -0.5;
    EXPECT_NE(MakeSoccerParams(m).status().message().find("home_xg"), std::string::npos);
    m = SoccerModel{};
    m.shape[3] = 0.0;
    EXPECT_NE(MakeSoccerParams(m).status().message().find("shape"), std::string::npos);
    EXPECT_NE(SoccerModelFromJson(nlohmann::json{{"home_xg", "lots"}}).status().message().find("home_xg"),
              std::string::npos);
    EXPECT_NE(SoccerModelFromJson(nlohmann::json{{"homexg", 1.0}}).status().message().find("homexg"),
              std::string::npos);
    const auto parsed = SoccerModelFromJson(nlohmann::json{{"home_xg", 2.0}, {"trailing_mult", 1.3}});
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed.value().home_xg, 2.0);
    EXPECT_EQ(parsed.value().trailing_mult, 1.3);
    EXPECT_EQ(parsed.value().away_xg, SoccerModel{}.away_xg);
}

TEST(BasketballModelTest, ChanceProbabilitiesFollowTheTeamRates) {
    const BasketballModel m = ExampleBasketballModel();
    const kb::BasketballParams p = MakeBasketballParams(m).value();
    const auto q = ChanceProbabilities(p.team[0]);
    EXPECT_NEAR(std::accumulate(q.begin(), q.end(), 0.0), 1.0, 1e-12);
    EXPECT_NEAR(q[static_cast<int>(kb::Chance::kTurnover)], m.home.turnover_rate, 1e-9);
    const double fga = (1 - m.home.turnover_rate) * (1 - m.home.ft_trip_rate);
    EXPECT_NEAR(q[static_cast<int>(kb::Chance::kThreeMade)], fga * m.home.three_rate * m.home.three_pct, 1e-9);
    EXPECT_NEAR(q[static_cast<int>(kb::Chance::kFreeThrowsTwo)],
                (1 - m.home.turnover_rate) * m.home.ft_trip_rate * m.home.ft_pct * m.home.ft_pct, 1e-9);
    const auto pace = PaceProbabilities(p);
    EXPECT_NEAR(std::accumulate(pace.begin(), pace.end(), 0.0), 1.0, 1e-12);
    double mean = 0.0;
    for (int k = 0; k < kb::kPaceValues; ++k) {
        mean += pace[static_cast<std::size_t>(k)] * (p.pace_min + k);
    }
    EXPECT_NEAR(mean, 0.5 * (m.home.pace + m.away.pace), 0.01);
}

TEST(BasketballModelTest, PlayerTablesAreCumulativeShares) {
    const kb::BasketballParams p = MakeBasketballParams(ExampleBasketballModel()).value();
    const kb::BasketballTeamParams& t = p.team[1];
    EXPECT_EQ(t.players, 10);
    for (int table = 0; table < kb::kShotTypes; ++table) {
        for (int j = 1; j < kb::kMaxPlayers; ++j) {
            EXPECT_LE(t.shooter[table][j - 1], t.shooter[table][j]);
        }
        EXPECT_EQ(t.shooter[table][t.players - 1], 65536u);
    }
    // A shooter never assists himself, and about assist_rate of makes are assisted.
    for (int shooter = 0; shooter < t.players; ++shooter) {
        const std::uint32_t before = shooter == 0 ? 0u : t.assister[shooter][shooter - 1];
        EXPECT_EQ(t.assister[shooter][shooter], before);
        EXPECT_NEAR(t.assister[shooter][t.players - 1] / 65536.0, 0.68, 1e-4);
    }
}

TEST(BasketballModelTest, JsonRoundTripAndErrors) {
    const BasketballModel m = ExampleBasketballModel();
    const auto back = BasketballModelFromJson(ToJson(m));
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(ToJson(back.value()), ToJson(m));
    nlohmann::json bad = ToJson(m);
    bad["home"]["players"][2]["usage"] = 1.7;
    EXPECT_NE(BasketballModelFromJson(bad).status().message().find("home.players[2].usage"), std::string::npos);
    bad = ToJson(m);
    bad["away"]["two_pct"] = -0.1;
    EXPECT_NE(BasketballModelFromJson(bad).status().message().find("away.two_pct"), std::string::npos);
    bad = ToJson(m);
    bad["away"]["players"] = nlohmann::json::array();
    EXPECT_NE(BasketballModelFromJson(bad).status().message().find("away.players"), std::string::npos);
    EXPECT_FALSE(BasketballModelFromJson(nlohmann::json{{"home", ToJson(m)["home"]}}).ok());
    // A field of the wrong type is refused with its path, never thrown (fuzzing found a number as a team name).
    for (const nlohmann::json& name : {nlohmann::json(100.8), nlohmann::json::array({1, 2}), nlohmann::json(nullptr)}) {
        bad = ToJson(m);
        bad["home"]["name"] = name;
        const auto read = BasketballModelFromJson(bad);
        ASSERT_FALSE(read.ok()) << name;
        EXPECT_NE(read.status().message().find("home.name"), std::string::npos) << read.status().message();
    }
}

} // namespace
} // namespace simbook::models
