#include "fantasy/scoring.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace simbook::fantasy {
namespace {

TEST(ScoringTest, DraftKingsLineByHand) {
    // 25 pts, 11 reb, 9 ast, 3 threes, 2 stl, 1 blk, 4 tov: a double-double, no triple-double.
    const BoxLine line = {25, 11, 9, 3, 2, 1, 4};
    const double expected = 25 + 1.25 * 11 + 1.5 * 9 + 0.5 * 3 + 2 * 2 + 2 * 1 - 0.5 * 4 + 1.5;
    EXPECT_DOUBLE_EQ(Score(DraftKingsScoring(), line), expected);
    // Triple-double pays both bonuses.
    const BoxLine td = {12, 10, 10, 0, 0, 0, 0};
    EXPECT_DOUBLE_EQ(Score(DraftKingsScoring(), td), 12 + 12.5 + 15 + 1.5 + 3.0);
}

TEST(ScoringTest, FanDuelLineByHand) {
    const BoxLine line = {25, 11, 9, 3, 2, 1, 4};
    EXPECT_DOUBLE_EQ(Score(FanDuelScoring(), line), 25 + 1.2 * 11 + 1.5 * 9 + 3 * 2 + 3 * 1 - 4);
}

TEST(ScoringTest, CustomWeightsAndErrors) {
    auto s = ScoringFromJson(nlohmann::json{{"points", 1}, {"rebounds", 2}, {"double_double", 5}}, "scoring");
    ASSERT_TRUE(s.ok()) << s.status().message();
    EXPECT_DOUBLE_EQ(Score(*s, {10, 10, 0, 0, 0, 0, 0}), 10 + 20 + 5);
    auto bad = ScoringFromJson(nlohmann::json{{"dunks", 1}}, "scoring");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.status().message().find("scoring.dunks"), std::string::npos);
    EXPECT_FALSE(ScoringFromJson(nlohmann::json("yahoo"), "scoring").ok());
    EXPECT_FALSE(ScoringFromJson(nlohmann::json{{"points", "one"}}, "scoring").ok());
}

} // namespace
} // namespace simbook::fantasy
