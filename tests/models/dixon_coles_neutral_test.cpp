// Dixon-Coles with neutral-venue matches (the international fit): no home advantage for those matches.
#include "models/dixon_coles.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace simbook::models {
namespace {

//! Ten teams with spread ratings, home advantage 0.3, rho -0.08.
DixonColesModel Truth() {
    DixonColesModel model;
    for (int i = 0; i < 10; ++i) {
        model.teams.push_back("team" + std::to_string(10 + i));
        model.attack.push_back(0.06 * (i - 4.5));
        model.defence.push_back(0.04 * (4.5 - i) * ((i % 2 == 0) ? 1.0 : -1.0));
    }
    model.intercept = 0.1;
    model.home_advantage = 0.3;
    model.rho = -0.08;
    return model;
}

//! `rounds` double round robins; every second match at a neutral venue when `neutral`.
DixonColesData Fixtures(const DixonColesModel& model, int rounds, bool neutral) {
    DixonColesData data;
    data.teams = model.teams;
    const int n = static_cast<int>(model.teams.size());
    for (int r = 0; r < rounds; ++r) {
        for (int h = 0; h < n; ++h) {
            for (int a = 0; a < n; ++a) {
                if (h != a) {
                    DixonColesMatch m{h, a, 0, 0, 1.0};
                    m.neutral = neutral && data.matches.size() % 2 == 0;
                    data.matches.push_back(m);
                }
            }
        }
    }
    return data;
}

TEST(DixonColesNeutralTest, NeutralMatchesCarryNoHomeAdvantage) {
    const DixonColesModel truth = Truth();
    // Half the matches at neutral venues, simulated without home advantage: the fit recovers the home
    // advantage of the others.
    const DixonColesData data = SimulateDixonColes(Fixtures(truth, 40, true), truth, 17); // 3,600 matches
    DixonColesOptions options;
    options.prior_sd = 0.0;
    const auto fit = FitDixonColes(data, options);
    ASSERT_TRUE(fit.ok()) << fit.status().message();
    EXPECT_NEAR(fit->model.home_advantage, truth.home_advantage, 0.08);
    // The same scores read as if every match had been at home understate the home advantage.
    DixonColesData all_home = data;
    for (DixonColesMatch& m : all_home.matches) {
        m.neutral = false;
    }
    const auto naive = FitDixonColes(all_home, options);
    ASSERT_TRUE(naive.ok());
    EXPECT_LT(naive->model.home_advantage, fit->model.home_advantage - 0.08);
    // Simulated neutral matches really had no home advantage: home and away goals balance there.
    double home_goals = 0.0;
    double away_goals = 0.0;
    for (const DixonColesMatch& m : data.matches) {
        if (m.neutral) {
            home_goals += m.home_goals;
            away_goals += m.away_goals;
        }
    }
    EXPECT_NEAR(home_goals / away_goals, 1.0, 0.1);
}

TEST(DixonColesNeutralTest, GradientMatchesFiniteDifferencesWithNeutralMatches) {
    const DixonColesModel truth = Truth();
    const DixonColesData data = SimulateDixonColes(Fixtures(truth, 2, true), truth, 3);
    DixonColesOptions options;
    options.prior_sd = 0.5;
    DixonColesModel at = truth;
    at.home_advantage = 0.2;
    const auto [value, gradient] = DixonColesObjective(data, options, at);
    const std::size_t n = truth.teams.size();
    const auto perturbed = [&](std::size_t k, double h) {
        DixonColesModel m = at;
        double* p = k < n            ? &m.attack[k]
                    : k < 2 * n      ? &m.defence[k - n]
                    : k == 2 * n     ? &m.intercept
                    : k == 2 * n + 1 ? &m.home_advantage
                                     : &m.rho;
        *p += h;
        return DixonColesObjective(data, options, m).first;
    };
    ASSERT_EQ(gradient.size(), 2 * n + 3);
    for (std::size_t k = 0; k < gradient.size(); ++k) {
        const double h = 1e-5;
        const double numeric = (perturbed(k, h) - perturbed(k, -h)) / (2 * h);
        EXPECT_NEAR(gradient[k], numeric, 1e-5 * std::max(1.0, std::abs(numeric))) << "parameter " << k;
    }
    EXPECT_TRUE(std::isfinite(value));
}

} // namespace
} // namespace simbook::models
