#include "models/availability.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <numeric>

namespace simbook::models {
namespace {

double TotalMinutes(const TeamModel& team) {
    return std::accumulate(team.players.begin(), team.players.end(), 0.0,
                           [](double s, const PlayerModel& p) { return s + p.minutes; });
}

TEST(AvailabilityTest, PlayerOutKeepsHisSlotAndTheTeamKeepsItsMinutes) {
    BasketballModel model = ExampleBasketballModel();
    const BasketballModel before = model;
    const std::string star = model.home.players[0].name;
    ASSERT_TRUE(ApplyAvailability(model, {{star, true, std::nullopt}}).ok());
    ASSERT_EQ(model.home.players.size(), before.home.players.size());
    EXPECT_EQ(model.home.players[0].minutes, 0.0);
    EXPECT_NEAR(TotalMinutes(model.home), TotalMinutes(before.home), 1e-9);
    for (std::size_t i = 1; i < model.home.players.size(); ++i) {
        EXPECT_GE(model.home.players[i].minutes, before.home.players[i].minutes);
        EXPECT_LE(model.home.players[i].minutes, kRegulationMinutes);
    }
    EXPECT_NEAR(TotalMinutes(model.away), TotalMinutes(before.away), 1e-12); // the other team is untouched
    EXPECT_TRUE(MakeBasketballParams(model).ok());
}

TEST(AvailabilityTest, CapHoldsAndNobodyPassesFortyEight) {
    BasketballModel model = ExampleBasketballModel();
    model.home.players.resize(6); // a short bench: the freed minutes must pin some players at 48
    const double total = TotalMinutes(model.home);
    ASSERT_TRUE(ApplyAvailability(model, {{model.home.players[1].name, false, 10.0}}).ok());
    EXPECT_DOUBLE_EQ(model.home.players[1].minutes, 10.0);
    double sum = 0.0;
    for (const PlayerModel& p : model.home.players) {
        EXPECT_LE(p.minutes, kRegulationMinutes + 1e-9);
        sum += p.minutes;
    }
    EXPECT_NEAR(sum, std::min(total, 10.0 + 5 * kRegulationMinutes), 1e-9);
}

TEST(AvailabilityTest, BadOverridesAreRefusedAndChangeNothing) {
    BasketballModel model = ExampleBasketballModel();
    const nlohmann::json before = ToJson(model);
    const std::string p = model.home.players[0].name;
    Status unknown = ApplyAvailability(model, {{"Nobody", true, std::nullopt}});
    EXPECT_NE(unknown.message().find("overrides[0].player"), std::string::npos) << unknown.message();
    EXPECT_FALSE(ApplyAvailability(model, {{p, true, std::nullopt}, {p, false, 20.0}}).ok());
    EXPECT_FALSE(ApplyAvailability(model, {{p, false, 49.0}}).ok());
    EXPECT_FALSE(ApplyAvailability(model, {{p, false, std::nullopt}}).ok());
    std::vector<AvailabilityOverride> all;
    for (const PlayerModel& pl : model.away.players)
        all.push_back({pl.name, true, std::nullopt});
    Status empty = ApplyAvailability(model, all);
    EXPECT_NE(empty.message().find("away.players"), std::string::npos) << empty.message();
    EXPECT_EQ(ToJson(model), before);
}

TEST(AvailabilityTest, ReadsJsonAndNamesBadFields) {
    auto ok = AvailabilityFromJson(
        nlohmann::json::parse(R"([{"player":"A","out":true},{"player":"B","max_minutes":20}])"), "overrides");
    ASSERT_TRUE(ok.ok()) << ok.status().message();
    ASSERT_EQ(ok->size(), 2u);
    EXPECT_TRUE((*ok)[0].out);
    EXPECT_EQ((*ok)[1].max_minutes.value(), 20.0);
    auto bad = AvailabilityFromJson(nlohmann::json::parse(R"([{"player":"A","minutes":3}])"), "overrides");
    EXPECT_NE(bad.status().message().find("overrides[0].minutes"), std::string::npos) << bad.status().message();
    EXPECT_FALSE(AvailabilityFromJson(nlohmann::json::parse(R"([{"player":"A","max_minutes":60}])"), "o").ok());
    EXPECT_FALSE(AvailabilityFromJson(nlohmann::json::parse(R"({"player":"A"})"), "o").ok());
}

} // namespace
} // namespace simbook::models
