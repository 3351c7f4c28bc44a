// The American football Monte Carlo kernel without the clock against the exact oracle (engine::ExactFootball):
// every checked probability within 4 standard errors, pre-game under each overtime rule and from a live state.
#include "engine/football/exact.hpp"
#include "kernels/football/launch.hpp"
#include "models/football_model.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace simbook::engine {
namespace {

namespace kf = kernels::football;

constexpr std::size_t kPaths = 100000;

struct Event {
    std::string name;
    std::function<bool(int, int)> happens; //!< of the final (home, away)
};

std::vector<Event> Events() {
    return {
        {"home win", [](int h, int a) { return h > a; }},
        {"tie", [](int h, int a) { return h == a; }},
        {"|margin| = 3", [](int h, int a) { return std::abs(h - a) == 3; }},
        {"|margin| = 7", [](int h, int a) { return std::abs(h - a) == 7; }},
        {"|margin| = 6", [](int h, int a) { return std::abs(h - a) == 6; }},
        {"home -3.5 covers", [](int h, int a) { return h - a > 3; }},
        {"home -7.5 covers", [](int h, int a) { return h - a > 7; }},
        {"over 44.5", [](int h, int a) { return h + a > 44; }},
        {"home over 24.5", [](int h, int) { return h > 24; }},
        {"away scores 0", [](int, int a) { return a == 0; }},
    };
}

//! The largest |z| of the events between MC and exact; prints each.
double MaxZ(const kf::FootballParams& params, const kf::FootballState& state, std::uint64_t seed) {
    const auto exact = ExactFootball(params, state);
    EXPECT_TRUE(exact.ok()) << exact.status().message();
    std::vector<kf::FootballOutcome> out(kPaths);
    kernels::LaunchConfig config;
    config.backend = kernels::Backend::kCpu;
    const auto status = kernels::RunFootball(params, state, seed, 0, kPaths, out.data(), config);
    EXPECT_TRUE(status.ok()) << status.message();
    double worst = 0.0;
    for (const Event& e : Events()) {
        double p = 0.0;
        for (int h = 0; h <= kFootballMaxPoints; ++h) {
            for (int a = 0; a <= kFootballMaxPoints; ++a) {
                p += e.happens(h, a) ? exact.value().At(h, a) : 0.0;
            }
        }
        double hits = 0.0;
        for (const auto& o : out) {
            EXPECT_EQ(o.invalid, 0);
            hits += e.happens(o.score[0], o.score[1]) ? 1.0 : 0.0;
        }
        const double mc = hits / double(kPaths);
        const double se = std::sqrt(std::max(p * (1.0 - p), 1e-12) / double(kPaths));
        const double z = (mc - p) / se;
        std::printf("  %-18s exact %.5f mc %.5f z %+.2f\n", e.name.c_str(), p, mc, z);
        worst = std::max(worst, std::abs(z));
    }
    return worst;
}

TEST(FootballMc, MatchesExactUnderEveryOvertimeRule) {
    const models::FootballLeague league;
    struct Case {
        int season;
        bool playoff;
        double home;
        double away;
    };
    double worst = 0.0;
    std::uint64_t seed = 17;
    for (const Case c : {Case{2011, false, 24.0, 20.0}, Case{2016, false, 21.0, 21.0}, Case{2017, false, 30.0, 17.0},
                         Case{2018, true, 23.0, 22.0}}) {
        std::printf("season %d%s, %.0f-%.0f\n", c.season, c.playoff ? " playoff" : "", c.home, c.away);
        const auto params =
            models::MakeFootballParams(league, c.home, c.away, models::FootballRulesFor(c.season, c.playoff), false);
        worst = std::max(worst, MaxZ(params, kf::FootballState{}, seed++));
    }
    std::printf("max |z| %.2f\n", worst);
    EXPECT_LT(worst, 4.0);
}

TEST(FootballMc, MatchesExactFromALiveState) {
    kf::FootballState s;
    s.drives_done = 15;
    s.score[0] = 10;
    s.score[1] = 14;
    s.possession = 0;
    s.field = 1;
    const auto params =
        models::MakeFootballParams(models::FootballLeague{}, 24.0, 22.0, models::FootballRulesFor(2015, false), false);
    EXPECT_LT(MaxZ(params, s, 99), 4.0);
}

} // namespace
} // namespace simbook::engine
