#include "models/dixon_coles.hpp"

#include "odds/market.hpp"
#include "odds/market_engine.hpp"
#include "odds/score_markets.hpp"

#include <gtest/gtest.h>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>

namespace simbook::models {
namespace {

//! A known model of `n` teams with ratings drawn from N(0, 0.3^2), centred.
DixonColesModel KnownModel(int n, double rho, std::uint64_t seed) {
    boost::random::mt19937_64 engine(seed);
    boost::random::normal_distribution<double> normal(0.0, 0.3);
    DixonColesModel model;
    for (int i = 0; i < n; ++i) {
        model.teams.push_back("team" + std::to_string(100 + i));
        model.attack.push_back(normal(engine));
        model.defence.push_back(normal(engine));
    }
    const double ma = std::accumulate(model.attack.begin(), model.attack.end(), 0.0) / n;
    const double md = std::accumulate(model.defence.begin(), model.defence.end(), 0.0) / n;
    for (int i = 0; i < n; ++i) {
        model.attack[static_cast<std::size_t>(i)] -= ma;
        model.defence[static_cast<std::size_t>(i)] -= md;
    }
    model.intercept = 0.1;
    model.home_advantage = 0.25;
    model.rho = rho;
    return model;
}

//! `rounds` double round robins between the model's teams (scores 0 until simulated), weight 1.
DixonColesData Fixtures(const DixonColesModel& model, int rounds) {
    DixonColesData data;
    data.teams = model.teams;
    const int n = static_cast<int>(model.teams.size());
    for (int r = 0; r < rounds; ++r) {
        for (int h = 0; h < n; ++h) {
            for (int a = 0; a < n; ++a) {
                if (h != a) {
                    data.matches.push_back({h, a, 0, 0, 1.0});
                }
            }
        }
    }
    return data;
}

TEST(DixonColesTest, RecoversKnownParametersFromSyntheticData) {
    const DixonColesModel truth = KnownModel(20, -0.12, 11);
    const DixonColesData data = SimulateDixonColes(Fixtures(truth, 10), truth, 5); // 3,800 matches
    DixonColesOptions options;
    options.prior_sd = 0.0; // pure maximum likelihood
    const auto started = std::chrono::steady_clock::now();
    const auto fit = FitDixonColes(data, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    ASSERT_TRUE(fit.ok()) << fit.status().message();
    std::printf("fit of 3,800 matches, 20 teams: %d Newton steps, %.1f ms\n", fit->iterations, 1e3 * seconds);
    // About 380 matches per team: a rating's standard error is about 1/sqrt(380 * 1.3) = 0.045.
    double sum_sq = 0.0;
    for (std::size_t i = 0; i < 20; ++i) {
        EXPECT_NEAR(fit->model.attack[i], truth.attack[i], 0.2) << truth.teams[i];
        EXPECT_NEAR(fit->model.defence[i], truth.defence[i], 0.2) << truth.teams[i];
        sum_sq +=
            std::pow(fit->model.attack[i] - truth.attack[i], 2) + std::pow(fit->model.defence[i] - truth.defence[i], 2);
    }
    EXPECT_LT(std::sqrt(sum_sq / 40.0), 0.08);
    EXPECT_NEAR(fit->model.home_advantage, truth.home_advantage, 0.08);
    EXPECT_NEAR(fit->model.intercept, truth.intercept, 0.08);
    EXPECT_NEAR(fit->model.rho, truth.rho, 0.1);
    // The constraints hold.
    EXPECT_NEAR(std::accumulate(fit->model.attack.begin(), fit->model.attack.end(), 0.0), 0.0, 1e-9);
    EXPECT_NEAR(std::accumulate(fit->model.defence.begin(), fit->model.defence.end(), 0.0), 0.0, 1e-9);
    // The optimum: a parameter moved either way lowers the objective.
    const double best = DixonColesObjective(data, options, fit->model).first;
    for (double step : {-1e-3, 1e-3}) {
        DixonColesModel moved = fit->model;
        moved.rho += step;
        EXPECT_LT(DixonColesObjective(data, options, moved).first, best);
        moved = fit->model;
        moved.home_advantage += step;
        EXPECT_LT(DixonColesObjective(data, options, moved).first, best);
    }
}

TEST(DixonColesTest, GradientMatchesFiniteDifferences) {
    const DixonColesModel truth = KnownModel(6, -0.1, 3);
    DixonColesData data = SimulateDixonColes(Fixtures(truth, 3), truth, 9);
    for (std::size_t m = 0; m < data.matches.size(); ++m) {
        data.matches[m].weight = std::exp2(-double(m) / 40.0); // time decay
    }
    data.prior_attack = {0.1, -0.2, 0.0, 0.0, 0.3, -0.1};
    data.prior_defence = {0.0, 0.1, -0.1, 0.2, 0.0, 0.0};
    DixonColesOptions options;
    options.prior_sd = 0.7;
    DixonColesModel at = truth; // not the optimum of this data
    at.attack[0] += 0.05;
    at.rho = 0.04;
    const auto [value, gradient] = DixonColesObjective(data, options, at);
    ASSERT_EQ(gradient.size(), 6u * 2 + 3);
    const auto perturbed = [&](std::size_t k, double h) {
        DixonColesModel m = at;
        double* p = k < 6     ? &m.attack[k]
                    : k < 12  ? &m.defence[k - 6]
                    : k == 12 ? &m.intercept
                    : k == 13 ? &m.home_advantage
                              : &m.rho;
        *p += h;
        return DixonColesObjective(data, options, m).first;
    };
    for (std::size_t k = 0; k < gradient.size(); ++k) {
        const double h = 1e-5;
        const double numeric = (perturbed(k, h) - perturbed(k, -h)) / (2 * h);
        EXPECT_NEAR(gradient[k], numeric, 1e-5 * std::max(1.0, std::abs(numeric))) << "parameter " << k;
    }
    EXPECT_TRUE(std::isfinite(value));
}

TEST(DixonColesTest, RhoBoundKeepsEveryTauPositive) {
    const DixonColesModel truth = KnownModel(8, 0.0, 21);
    // Brute-force the bound over all pairs of distinct teams.
    double lo = -1e300;
    double hi = 1.0;
    for (int i = 0; i < 8; ++i) {
        for (int j = 0; j < 8; ++j) {
            if (i != j) {
                const auto [lambda, mu] = truth.Rates(i, j);
                lo = std::max({lo, -1.0 / lambda, -1.0 / mu});
                hi = std::min(hi, 1.0 / (lambda * mu));
            }
        }
    }
    const RhoInterval bound = RhoBounds(truth);
    EXPECT_NEAR(bound.lo, lo, 1e-12);
    EXPECT_NEAR(bound.hi, hi, 1e-12);
    // A model outside the bound has no likelihood.
    DixonColesData data = Fixtures(truth, 2);
    DixonColesModel outside = truth;
    outside.rho = bound.hi + 0.01;
    EXPECT_FALSE(std::isfinite(DixonColesObjective(data, DixonColesOptions{}, outside).first));
    outside.rho = bound.lo - 0.01;
    EXPECT_FALSE(std::isfinite(DixonColesObjective(data, DixonColesOptions{}, outside).first));

    // Data drawn with a large positive rho: the fit converges inside the bound, every tau > 0.
    DixonColesModel strong = truth;
    strong.rho = 0.7 * bound.hi;
    ASSERT_GT(strong.rho, 0.12);
    const auto fit = FitDixonColes(SimulateDixonColes(Fixtures(strong, 30), strong, 1), DixonColesOptions{});
    ASSERT_TRUE(fit.ok()) << fit.status().message();
    const RhoInterval fitted = RhoBounds(fit->model);
    EXPECT_GT(fit->model.rho, 0.05);
    EXPECT_GT(fit->model.rho, fitted.lo);
    EXPECT_LT(fit->model.rho, fitted.hi);
    for (int i = 0; i < 8; ++i) {
        for (int j = 0; j < 8; ++j) {
            const auto [lambda, mu] = fit->model.Rates(i, j);
            for (int x = 0; x <= 1 && i != j; ++x) {
                for (int y = 0; y <= 1; ++y) {
                    EXPECT_GT(DixonColesTau(x, y, lambda, mu, fit->model.rho), 0.0);
                }
            }
        }
    }
    // Data whose likelihood wants rho beyond the bound (no 0-0 or 1-1, many 1-0 and 0-1): the fit stops at
    // the bound and says it did not converge rather than return probabilities outside (0, 1).
    for (std::size_t m = 0; m < data.matches.size(); ++m) {
        data.matches[m].home_goals = m % 3 == 0 ? 1 : (m % 3 == 1 ? 0 : 3);
        data.matches[m].away_goals = m % 3 == 0 ? 0 : (m % 3 == 1 ? 1 : 2);
    }
    const auto pushed = FitDixonColes(data, DixonColesOptions{});
    ASSERT_FALSE(pushed.ok());
    EXPECT_NE(pushed.status().message().find("did not converge"), std::string::npos);
    EXPECT_NE(pushed.status().message().find("against its bound"), std::string::npos) << pushed.status().message();
}

TEST(DixonColesTest, ScoreProbabilitiesSumToOneAndPriceLikeTheMarketEngine) {
    for (const double rho : {-0.2, -0.05, 0.0, 0.1}) {
        const double lambda = 1.7;
        const double mu = 0.9;
        const auto grid = DixonColesScoreGrid(lambda, mu, rho, 30);
        double total = 0.0;
        for (const auto& row : grid) {
            for (const double p : row) {
                EXPECT_GT(p, 0.0);
                EXPECT_LT(p, 1.0);
                total += p;
            }
        }
        EXPECT_NEAR(total, 1.0, 1e-12) << rho;
        EXPECT_NEAR(grid[0][0], (1.0 - lambda * mu * rho) * std::exp(-lambda - mu), 1e-15);
        const auto result = DixonColesMatchResult(lambda, mu, rho);
        EXPECT_NEAR(result[0] + result[1] + result[2], 1.0, 1e-12);
        // The pricing path: an exact ScoreMatrix through MarketEngine.
        const auto matrix = odds::ScoreMatrix::Create(DixonColesScoreGrid(lambda, mu, rho, 15)).value();
        const auto h2h = odds::MarketEngine::FromScoreMatrix(matrix).Price(odds::ParseMarket("h2h").value()).value();
        ASSERT_EQ(h2h.outcomes.size(), 3u);
        for (std::size_t k = 0; k < 3; ++k) {
            EXPECT_NEAR(h2h.outcomes[k].fair.probability, result[k], 1e-6);
        }
    }
}

TEST(DixonColesTest, SaysWhenItDoesNotConvergeAndWarmStartsFast) {
    const DixonColesModel truth = KnownModel(10, -0.1, 4);
    const DixonColesData data = SimulateDixonColes(Fixtures(truth, 4), truth, 2);
    DixonColesOptions options;
    options.max_iterations = 1;
    const auto failed = FitDixonColes(data, options);
    ASSERT_FALSE(failed.ok());
    EXPECT_NE(failed.status().message().find("did not converge"), std::string::npos);
    options.max_iterations = 200;
    const auto fit = FitDixonColes(data, options).value();
    EXPECT_GT(fit.iterations, 1);
    const auto again = FitDixonColes(data, options, &fit.model).value();
    EXPECT_LE(again.iterations, 1);
    EXPECT_NEAR(again.objective, fit.objective, 1e-8);
}

TEST(DixonColesTest, BootstrapIsReproducibleAndItsSpreadMatchesTheTruthsError) {
    const DixonColesModel truth = KnownModel(10, -0.1, 8);
    const DixonColesData data = SimulateDixonColes(Fixtures(truth, 4), truth, 6);
    const DixonColesOptions options;
    const auto fit = FitDixonColes(data, options).value();
    const auto a = BootstrapDixonColes(data, options, fit, 60, 42).value();
    const auto b = BootstrapDixonColes(data, options, fit, 60, 42).value();
    ASSERT_EQ(a.models.size(), b.models.size());
    EXPECT_EQ(a.models.back().attack, b.models.back().attack);
    const DixonColesModel se = a.StandardErrors();
    // 72 matches per team: a rating's standard error is about 1/sqrt(72 * 1.3) = 0.1.
    for (std::size_t i = 0; i < 10; ++i) {
        EXPECT_GT(se.attack[i], 0.05);
        EXPECT_LT(se.attack[i], 0.2);
    }
    EXPECT_GT(se.rho, 0.0);
    const auto interval = a.MatchResultInterval(0, 1, 0.9);
    const auto [lambda, mu] = fit.model.Rates(0, 1);
    const auto point = DixonColesMatchResult(lambda, mu, fit.model.rho);
    for (std::size_t k = 0; k < 3; ++k) {
        EXPECT_LT(interval[k].first, point[k]);
        EXPECT_GT(interval[k].second, point[k]);
    }
}

TEST(DixonColesTest, TimeDecayHalvesTheWeightEachHalfLife) {
    std::vector<SoccerMatch> matches(3);
    const auto day = std::chrono::sys_days{std::chrono::year{2016} / 6 / 30};
    for (int i = 0; i < 3; ++i) {
        matches[static_cast<std::size_t>(i)].home = "A";
        matches[static_cast<std::size_t>(i)].away = "B";
        matches[static_cast<std::size_t>(i)].date = day - std::chrono::days{180 * i};
    }
    matches.push_back(matches.back());
    matches.back().date = day + std::chrono::days{1}; // after the reference date: left out
    DixonColesOptions options;
    options.half_life_days = 180.0;
    const auto data = MakeDixonColesData(matches, day, options).value();
    ASSERT_EQ(data.matches.size(), 3u);
    EXPECT_DOUBLE_EQ(data.matches[0].weight, 1.0);
    EXPECT_DOUBLE_EQ(data.matches[1].weight, 0.5);
    EXPECT_DOUBLE_EQ(data.matches[2].weight, 0.25);
    options.window_days = 200.0;
    EXPECT_EQ(MakeDixonColesData(matches, day, options).value().matches.size(), 2u);
    const auto none = MakeDixonColesData(matches, day - std::chrono::days{1000}, options);
    ASSERT_FALSE(none.ok());
    EXPECT_NE(none.status().message().find("no matches"), std::string::npos);
}

TEST(DixonColesTest, MatchXgNamesAnUnknownTeam) {
    const DixonColesModel model = KnownModel(4, -0.1, 1);
    const auto xg = SoccerMatchXg(model, "team100", "team101").value();
    EXPECT_NEAR(xg.first, std::exp(0.35 + model.attack[0] - model.defence[1]), 1e-12);
    const auto unknown = SoccerMatchXg(model, "team100", "Atlantis");
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.status().message().find("Atlantis"), std::string::npos);
}

} // namespace
} // namespace simbook::models
