// Market-informed ratings: the odds -> goal means inversion, the least-squares fit against known ratings, the
// walk-forward rule (nothing from the match day on), the goal/shot update and the recalibration.
#include "models/market_ratings.hpp"

#include "models/evaluation.hpp"
#include "tests/support/walk_forward_inputs.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

namespace simbook::models {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

TEST(MarketRatingsTest, ImpliedGoalMeansInvertTheDixonColesResult) {
    for (const double rho : {-0.1, -0.05, 0.0}) {
        for (const double lambda : {0.4, 1.0, 1.5, 2.8}) {
            for (const double mu : {0.3, 0.9, 1.7}) {
                const auto p = DixonColesMatchResult(lambda, mu, rho);
                const auto [home, away] = ImpliedGoalMeans(p, rho);
                EXPECT_NEAR(home, lambda, 1e-5) << lambda << " " << mu << " " << rho;
                EXPECT_NEAR(away, mu, 1e-5) << lambda << " " << mu << " " << rho;
            }
        }
    }
}

TEST(MarketRatingsTest, PowerRecalibration) {
    const std::array<double, 3> p = {0.5, 0.3, 0.2};
    const auto same = PowerRecalibrate(p, 1.0);
    for (std::size_t k = 0; k < 3; ++k) {
        EXPECT_NEAR(same[k], p[k], 1e-15);
    }
    const auto sharper = PowerRecalibrate(p, 2.0);
    EXPECT_NEAR(sharper[0], 0.25 / 0.38, 1e-15);
    EXPECT_NEAR(sharper[1], 0.09 / 0.38, 1e-15);
    EXPECT_NEAR(sharper[2], 0.04 / 0.38, 1e-15);
}

TEST(MarketRatingsTest, OptionsReadFromJsonAndBadFieldsAreNamed) {
    MarketRatingsOptions defaults;
    defaults.power = 1.13;
    const auto options = MarketRatingsOptionsFromJson(nlohmann::json{{"half_life_days", 45}}, defaults);
    ASSERT_TRUE(options.ok());
    EXPECT_EQ(options->half_life_days, 45.0);
    EXPECT_EQ(options->power, 1.13);
    const auto round_trip = MarketRatingsOptionsFromJson(ToJson(*options));
    ASSERT_TRUE(round_trip.ok());
    EXPECT_EQ(ToJson(*round_trip), ToJson(*options));
    const auto bad = MarketRatingsOptionsFromJson(nlohmann::json{{"result_weight", 1.5}});
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.status().message().find("result_weight"), std::string::npos) << bad.status().message();
}

//! Six teams with known ratings; every pair meets once a week for `weeks` weeks, odds exactly as the ratings say.
struct Synthetic {
    std::vector<std::string> teams = {"A", "B", "C", "D", "E", "F"};
    std::vector<double> attack = {0.35, 0.1, 0.0, -0.05, -0.15, -0.25};
    std::vector<double> defence = {0.3, 0.05, 0.1, -0.1, -0.2, -0.15};
    double intercept = 0.1;
    double home_advantage = 0.25;
    sys_days start{std::chrono::year{2015} / 8 / 1};

    std::pair<double, double> Means(std::size_t h, std::size_t a) const {
        return {std::exp(intercept + home_advantage + attack[h] - defence[a]),
                std::exp(intercept + attack[a] - defence[h])};
    }

    std::vector<MarketRatedMatch> Matches(int weeks) const {
        std::vector<MarketRatedMatch> out;
        for (int w = 0; w < weeks; ++w) {
            for (std::size_t h = 0; h < teams.size(); ++h) {
                for (std::size_t a = 0; a < teams.size(); ++a) {
                    if (h == a || (h + a + static_cast<std::size_t>(w)) % 3 != 0) {
                        continue;
                    }
                    MarketRatedMatch m;
                    m.date = start + days{7 * w};
                    m.home = teams[h];
                    m.away = teams[a];
                    m.has_market = true;
                    std::tie(m.market_home, m.market_away) = Means(h, a);
                    m.home_goals = 1;
                    m.away_goals = 1;
                    out.push_back(m);
                }
            }
        }
        return out;
    }
};

TEST(MarketRatingsTest, RecoversTheRatingsBehindTheOdds) {
    const Synthetic s;
    const auto matches = s.Matches(20);
    MarketRatingsOptions options;
    options.prior_weight = 0.0;
    options.result_weight = 0.0;
    options.min_market_matches = 10;
    const auto model = FitMarketRatings(matches, s.start + days{7 * 20}, options);
    ASSERT_TRUE(model.ok()) << model.status().message();
    ASSERT_EQ(model->teams, s.teams);
    EXPECT_NEAR(model->home_advantage, s.home_advantage, 1e-6);
    EXPECT_EQ(model->rho, options.rho);
    for (std::size_t h = 0; h < 6; ++h) {
        for (std::size_t a = 0; a < 6; ++a) {
            if (h != a) {
                const auto [lambda, mu] = model->Rates(static_cast<int>(h), static_cast<int>(a));
                EXPECT_NEAR(lambda, s.Means(h, a).first, 1e-6);
                EXPECT_NEAR(mu, s.Means(h, a).second, 1e-6);
            }
        }
    }
}

// Matches on the match day itself or later never enter the fit; too few earlier matches with odds is an error.
TEST(MarketRatingsTest, NeverReadsTheMatchDayOrLater) {
    const Synthetic s;
    auto matches = s.Matches(12);
    const sys_days day = s.start + days{7 * 10};
    MarketRatingsOptions options;
    options.min_market_matches = 10;
    const auto before = FitMarketRatings(matches, day, options).value();
    for (MarketRatedMatch& m : matches) {
        if (m.date >= day) {
            m.market_home = 9.0; // the day's own odds and everything later, changed beyond recognition
            m.market_away = 0.1;
            m.home_goals = 9;
        }
    }
    const auto after = FitMarketRatings(matches, day, options).value();
    EXPECT_EQ(after.attack, before.attack);
    EXPECT_EQ(after.defence, before.defence);
    EXPECT_EQ(after.intercept, before.intercept);
    const auto changed = FitMarketRatings(matches, day + days{1}, options).value();
    EXPECT_NE(changed.attack, before.attack);
    options.min_market_matches = 1000;
    const auto too_few = FitMarketRatings(matches, day, options);
    ASSERT_FALSE(too_few.ok());
    EXPECT_NE(too_few.status().message().find("matches with odds"), std::string::npos);
}

// A team that keeps scoring and shooting more than its odds said rises with the result weight; its shots count
// with the shot share.
TEST(MarketRatingsTest, GoalsAndShotsMoveTheRatings) {
    const Synthetic s;
    auto matches = s.Matches(20);
    for (MarketRatedMatch& m : matches) {
        const bool f_home = m.home == "F";
        m.home_goals = f_home ? 3 : 1;
        m.away_goals = m.away == "F" ? 3 : 1;
        m.home_shots_on_target = f_home ? 9 : 4;
        m.away_shots_on_target = m.away == "F" ? 9 : 4;
    }
    const sys_days day = s.start + days{7 * 20};
    MarketRatingsOptions options;
    options.min_market_matches = 10;
    options.result_weight = 0.0;
    const double market_only = FitMarketRatings(matches, day, options).value().attack[5];
    options.result_weight = 0.3;
    const auto updated = FitMarketRatings(matches, day, options).value();
    EXPECT_GT(updated.attack[5], market_only + 0.1);
    EXPECT_GT(updated.attack[5] - updated.attack[4], 0.0); // F overtakes E, rated above it by the odds
}

// The walk-forward with the market-informed ratings on real data: every match priced, no look-ahead in the
// inputs it reads, and closer to the market than the base rate.
TEST(MarketRatingsTest, WalkForwardOnRealData) {
    if (!std::filesystem::exists(std::string(SIMBOOK_TEST_DATA) + "/soccer/odds")) {
        GTEST_SKIP() << "no data folder at " << SIMBOOK_TEST_DATA;
    }
    WalkForwardOptions options;
    options.league = "serie-a";
    options.data_dir = SIMBOOK_TEST_DATA;
    options.first_season = 2014;
    options.last_season = 2014;
    options.model = SoccerRatingModel::kMarketRatings;
    const MatchPricer pricer = [](double home_xg, double away_xg, double rho) -> Result<MatchForecast> {
        return testing::ExactForecast(home_xg, away_xg, rho);
    };
    const MarketProbabilities market = testing::FileProbabilities;
    const auto walked = RunWalkForward(options, pricer, market);
    ASSERT_TRUE(walked.ok()) << walked.status().message();
    EXPECT_EQ(walked->matches.size(), 380u);
    EXPECT_EQ(walked->fallback_fits, 0);
    const EvaluationScores scores = ScoreWalkForward(walked->matches);
    EXPECT_EQ(scores.market.Count(), 380u);
    EXPECT_LT(scores.model_with_market.MeanLogLoss(), scores.base_with_market.MeanLogLoss() - 0.05);
    EXPECT_LT(scores.model_minus_market, 0.03);

    // The motivation hook: asked only near the end of the season, shown the results before the day and the
    // fixture list from the day on; its stakes move the xG by exp(+-weight (home stake - away stake)).
    options.market_ratings.motivation_weight = 0.2;
    options.market_ratings.motivation_share = 0.1;
    int calls = 0;
    const MotivationFn motivation = [&](const SeasonSituation& s) {
        ++calls;
        EXPECT_EQ(s.played.size() + s.remaining.size(), 380u);
        EXPECT_LE(s.remaining.size(), 38u);
        for (const SoccerMatch* m : s.played) {
            EXPECT_LT(m->date, s.day);
        }
        for (std::size_t i = 0; i < s.remaining.size(); ++i) {
            EXPECT_EQ(s.remaining[i]->date == s.day, i < s.today);
            EXPECT_GE(s.remaining[i]->date, s.day);
        }
        return std::vector<std::pair<double, double>>(s.today, {1.0, 0.0});
    };
    const auto moved = RunWalkForward(options, pricer, market, motivation);
    ASSERT_TRUE(moved.ok()) << moved.status().message();
    EXPECT_GT(calls, 0);
    int shifted = 0;
    for (std::size_t i = 0; i < moved->matches.size(); ++i) {
        const EvaluatedMatch& with = moved->matches[i];
        const EvaluatedMatch& without = walked->matches[i];
        if (with.home_stake < 0.0) {
            EXPECT_EQ(with.home_xg, without.home_xg);
            continue;
        }
        ++shifted;
        EXPECT_NEAR(with.home_xg, without.home_xg * std::exp(0.2), 1e-12);
        EXPECT_NEAR(with.away_xg, without.away_xg * std::exp(-0.2), 1e-12);
    }
    EXPECT_GE(shifted, 30);
    EXPECT_LE(shifted, 38);
}

} // namespace
} // namespace simbook::models
