// Projections against the simulation they come from: per-path lines equal a direct kernel run, summaries equal
// recomputations, extra stats match their Poisson means, overrides change only the affected game.
#include "fantasy/fantasy_api.hpp"
#include "fantasy/projection.hpp"

#include "engine/game_state.hpp"
#include "kernels/launch.hpp"
#include "models/basketball_fit.hpp"
#include "models/fitted.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace simbook::fantasy {
namespace {

namespace kb = kernels::basketball;

std::string ParamsDir() {
    return std::string(SIMBOOK_SOURCE_FANTASY_DIR) + "/../../models/params";
}

Slate TwoGames() {
    Slate s;
    s.games = {{"BOS", "DAL"}, {"DEN", "LAL"}};
    return s;
}

SlateOptions Options(std::uint64_t sims) {
    SlateOptions o;
    o.params_dir = ParamsDir();
    o.extra_rates_file = DefaultExtraRatesFile();
    o.sims = sims;
    o.seed = 11;
    o.backend = kernels::Backend::kCpu;
    return o;
}

TEST(ProjectionTest, LinesAreTheKernelsPerPathLines) {
    auto sim = SimulateSlate(TwoGames(), Options(2000));
    ASSERT_TRUE(sim.ok()) << sim.status().message();
    // An independent run of game 1 with the slate's game seed.
    auto model = models::FittedNbaMatch(ParamsDir(), "DEN", "LAL");
    ASSERT_TRUE(model.ok());
    auto params = models::MakeBasketballParams(*model);
    ASSERT_TRUE(params.ok());
    std::vector<kb::BasketballOutcome> out(2000);
    ASSERT_TRUE(kernels::RunBasketball(*params, engine::BasketballTipOff(), GameSeed(11, 1), 0, out.size(), out.data(),
                                       {kernels::Backend::kCpu, 1})
                    .ok());
    int checked = 0;
    for (std::size_t i = 0; i < sim->players().size(); ++i) {
        const SlatePlayer& p = sim->players()[i];
        if (p.game != 1) {
            continue;
        }
        ASSERT_EQ(p.name, (p.side == 0 ? model->home : model->away).players[p.slot].name);
        for (std::uint64_t k = 0; k < out.size(); ++k) {
            const BoxLine line = sim->Line(i, k);
            for (int s = 0; s < kb::kPlayerStats; ++s) {
                ASSERT_EQ(line[s], out[k].player[p.side][p.slot][s]) << p.name << " path " << k;
            }
        }
        ++checked;
    }
    EXPECT_GE(checked, 20);
}

TEST(ProjectionTest, SummariesMatchRecomputedStatistics) {
    auto sim = SimulateSlate(TwoGames(), Options(4000));
    ASSERT_TRUE(sim.ok());
    const Scoring dk = DraftKingsScoring();
    const std::vector<double> thresholds = {25.0, 40.0};
    const std::vector<Projection> pr = Project(*sim, dk, thresholds);
    ASSERT_EQ(pr.size(), sim->players().size());
    const std::uint64_t n = sim->paths();
    for (const Projection& p : pr) {
        std::vector<double> x(n);
        double dd = 0.0;
        std::array<double, kStats> stat{};
        for (std::uint64_t k = 0; k < n; ++k) {
            const BoxLine line = sim->Line(p.player, k);
            x[k] = Score(dk, line);
            for (int s = 0; s < kStats; ++s) {
                stat[s] += line[s];
            }
            int tens = 0;
            for (int s : {0, 1, 2, 4, 5}) {
                tens += line[s] >= 10;
            }
            dd += tens >= 2;
        }
        // Linearity: mean fantasy points = weights . mean line + bonus terms.
        double linear = 0.0;
        for (int s = 0; s < kStats; ++s) {
            EXPECT_NEAR(p.stat_mean[s], stat[s] / n, 1e-9);
            linear += dk.weight[s] * stat[s] / n;
        }
        EXPECT_NEAR(p.double_double, dd / n, 1e-12);
        EXPECT_NEAR(p.mean, linear + dk.double_double * p.double_double + dk.triple_double * p.triple_double, 1e-6);
        std::sort(x.begin(), x.end());
        const auto quantile = [&](double q) {
            const double h = q * (n - 1);
            const auto lo = static_cast<std::size_t>(h);
            return x[lo] + (h - lo) * (x[std::min<std::size_t>(lo + 1, n - 1)] - x[lo]);
        };
        EXPECT_NEAR(p.median, quantile(0.5), 1e-4);
        EXPECT_NEAR(p.percentiles[0], quantile(0.1), 1e-4);
        EXPECT_NEAR(p.percentiles[3], quantile(0.9), 1e-4);
        double ss = 0.0;
        for (double v : x) {
            ss += (v - p.mean) * (v - p.mean);
        }
        EXPECT_NEAR(p.sd, std::sqrt(ss / (n - 1)), 1e-6);
        const double reach = static_cast<double>(x.end() - std::lower_bound(x.begin(), x.end(), 40.0)) / n;
        EXPECT_NEAR(p.p_reach[1], reach, 1e-12);
        EXPECT_LE(p.percentiles[0], p.percentiles[1]);
        EXPECT_LE(p.percentiles[2], p.percentiles[3]);
        // Extra stats: within 4 standard errors of their Poisson means.
        const SlatePlayer& sp = sim->players()[p.player];
        for (int e = 0; e < 3; ++e) {
            const double lambda = sp.extra_mean[e];
            EXPECT_NEAR(p.stat_mean[4 + e], lambda, 4.0 * std::sqrt(lambda / n) + 1e-9) << sp.name << " extra " << e;
        }
    }
}

double Correlation(const std::vector<double>& a, const std::vector<double>& b) {
    const double n = static_cast<double>(a.size());
    double ma = 0, mb = 0;
    for (std::size_t k = 0; k < a.size(); ++k) {
        ma += a[k] / n;
        mb += b[k] / n;
    }
    double cov = 0, va = 0, vb = 0;
    for (std::size_t k = 0; k < a.size(); ++k) {
        cov += (a[k] - ma) * (b[k] - mb);
        va += (a[k] - ma) * (a[k] - ma);
        vb += (b[k] - mb) * (b[k] - mb);
    }
    return cov / std::sqrt(va * vb);
}

TEST(ProjectionTest, CorrelationsComeFromTheJointPaths) {
    // A player's assists are his teammates' made shots on the same path: strongly positively correlated with
    // their points. Different games run on independent streams: uncorrelated within noise (|r| sqrt(n) < 4).
    auto sim = SimulateSlate(TwoGames(), Options(4000));
    ASSERT_TRUE(sim.ok());
    const std::uint64_t n = sim->paths();
    std::vector<double> assists(n), teammates(n), bos(n), den(n);
    for (std::size_t i = 0; i < sim->players().size(); ++i) {
        const SlatePlayer& p = sim->players()[i];
        for (std::uint64_t k = 0; k < n; ++k) {
            const BoxLine line = sim->Line(i, k);
            if (p.team == "BOS") {
                (p.slot == 0 ? assists[k] += line[2] : teammates[k] += line[0]);
                bos[k] += line[0];
            }
            if (p.team == "DEN") {
                den[k] += line[0];
            }
        }
    }
    const double r = Correlation(assists, teammates);
    EXPECT_GT(r * std::sqrt(static_cast<double>(n)), 8.0) << "r = " << r;
    EXPECT_LT(std::abs(Correlation(bos, den)) * std::sqrt(static_cast<double>(n)), 4.0);
}

TEST(ProjectionTest, OverridesRerunOnlyTheAffectedGame) {
    auto base = SimulateSlate(TwoGames(), Options(1500));
    ASSERT_TRUE(base.ok());
    Slate slate = TwoGames();
    slate.availability = {models::AvailabilityOverride{"Jayson Tatum", true, std::nullopt},
                          models::AvailabilityOverride{"Jaylen Brown", false, 20.0}};
    auto changed = SimulateSlate(slate, Options(1500));
    ASSERT_TRUE(changed.ok()) << changed.status().message();
    ASSERT_EQ(base->players().size(), changed->players().size());
    double bos_minutes_before = 0, bos_minutes_after = 0;
    for (std::size_t i = 0; i < base->players().size(); ++i) {
        const SlatePlayer& a = base->players()[i];
        const SlatePlayer& b = changed->players()[i];
        ASSERT_EQ(a.name, b.name);
        if (a.game == 1) { // DEN-LAL: untouched, every path identical
            for (std::uint64_t k = 0; k < base->paths(); ++k) {
                ASSERT_EQ(base->Line(i, k), changed->Line(i, k)) << a.name;
            }
        }
        if (a.team == "BOS") {
            bos_minutes_before += a.minutes;
            bos_minutes_after += b.minutes;
        }
        if (a.name == "Jayson Tatum") {
            EXPECT_TRUE(b.out);
            EXPECT_EQ(b.minutes, 0.0);
            for (std::uint64_t k = 0; k < changed->paths(); ++k) {
                ASSERT_EQ(changed->Line(i, k)[0], 0);
            }
        }
        if (a.name == "Jaylen Brown") {
            EXPECT_NEAR(b.minutes, 20.0, 1e-9);
            EXPECT_GT(a.minutes, 20.0);
        }
        if (a.name == "Jrue Holiday") {
            EXPECT_GT(b.minutes, a.minutes); // freed minutes go to teammates
        }
    }
    EXPECT_NEAR(bos_minutes_before, bos_minutes_after, 1e-6);
    // Unknown player and a team on the slate twice are refused with the field named.
    slate.availability = {models::AvailabilityOverride{"Nobody Atall", true, std::nullopt}};
    auto bad = SimulateSlate(slate, Options(100));
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.status().message().find("slate.availability[0].player"), std::string::npos);
    Slate twice;
    twice.games = {{"BOS", "DAL"}, {"XXX", "LAL"}};
    auto unknown = SimulateSlate(twice, Options(100));
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.status().message().find("slate.games[1]"), std::string::npos) << unknown.status().message();
}

TEST(ProjectionTest, SameSeedSameNumbersOnAnyThreadCount) {
    SlateOptions one = Options(1000);
    one.threads = 1;
    SlateOptions two = Options(1000);
    two.threads = 2;
    auto a = SimulateSlate(TwoGames(), one);
    auto b = SimulateSlate(TwoGames(), two);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->Points(FanDuelScoring()), b->Points(FanDuelScoring()));
}

} // namespace
} // namespace simbook::fantasy
