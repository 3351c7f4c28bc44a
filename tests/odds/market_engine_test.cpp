#include "odds/market_engine.hpp"

#include "engine/exact.hpp"
#include "test_games.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace simbook::odds {
namespace {

using testing::Poisson;
using testing::PoissonAbove;

constexpr double kTol = 1e-12;

MarketEngine ReferenceEngine() {
    return MarketEngine::FromScoreMatrix(
        ScoreMatrix::Create({{0.1, 0.2, 0.1}, {0.2, 0.1, 0.05}, {0.1, 0.05, 0.1}}).value());
}

FairMarket Price(const MarketEngine& engine, const std::string& text) {
    const auto market = ParseMarket(text);
    EXPECT_TRUE(market.ok()) << text;
    const auto fair = engine.Price(market.value());
    EXPECT_TRUE(fair.ok()) << text << ": " << (fair.ok() ? "" : fair.status().message());
    return fair.ok() ? fair.value() : FairMarket{};
}

double P(const FairMarket& m, const std::string& outcome) {
    for (const MarketOutcome& o : m.outcomes) {
        if (o.name == outcome) {
            return o.fair.probability;
        }
    }
    ADD_FAILURE() << m.key << " has no outcome " << outcome;
    return -1.0;
}

double Se(const FairMarket& m, const std::string& outcome) {
    for (const MarketOutcome& o : m.outcomes) {
        if (o.name == outcome) {
            return o.fair.std_error;
        }
    }
    return -1.0;
}

void ExpectSumsToOne(const FairMarket& m) {
    double sum = 0.0;
    for (const MarketOutcome& o : m.outcomes) {
        sum += o.fair.probability;
    }
    EXPECT_NEAR(sum, 1.0, 1e-9) << m.key;
}

TEST(MarketEngineTest, ReferenceGridExact) {
    const MarketEngine e = ReferenceEngine();
    const FairMarket h2h = Price(e, "h2h");
    EXPECT_NEAR(P(h2h, "home"), 0.35, kTol);
    EXPECT_NEAR(P(h2h, "draw"), 0.30, kTol);
    EXPECT_NEAR(P(h2h, "away"), 0.35, kTol);
    EXPECT_EQ(Se(h2h, "home"), 0.0);
    EXPECT_NEAR(P(Price(e, "btts"), "yes"), 0.30, kTol);
    const FairMarket total = Price(e, "totals:2");
    EXPECT_NEAR(P(total, "over"), 0.2 / 0.7, kTol);
    EXPECT_NEAR(total.outcomes[0].settlement->push.probability, 0.3, kTol);
    EXPECT_NEAR(P(Price(e, "double_chance"), "home_or_draw"), 0.65, kTol);
    EXPECT_NEAR(P(Price(e, "dnb"), "home"), 0.5, kTol);
    EXPECT_NEAR(P(Price(e, "win_to_nil:home"), "yes"), 0.3, kTol);
    EXPECT_NEAR(P(Price(e, "team_totals:home:0.5"), "over"), 0.6, kTol);
    const FairMarket cs = Price(e, "correct_score:2");
    ASSERT_EQ(cs.outcomes.size(), 3u);
    EXPECT_EQ(cs.outcomes[0].name, "0-1");
    EXPECT_EQ(cs.outcomes[1].name, "1-0");
    EXPECT_NEAR(P(cs, "any_other"), 0.6, kTol);
    for (const std::string m : {"h2h", "btts", "totals:2", "spreads:-0.75", "correct_score", "double_chance"}) {
        if (m != "double_chance") {
            ExpectSumsToOne(Price(e, m));
        }
    }
    // Asian -0.75 = halves on -0.5 and -1: home by one (0.35) half-wins, home by two wins (0.1).
    const FairMarket ah = Price(e, "spreads:-0.75");
    EXPECT_NEAR(ah.outcomes[0].settlement->win.probability, 0.1, kTol);
    EXPECT_NEAR(ah.outcomes[0].settlement->half_win.probability, 0.25, kTol);
    EXPECT_NEAR(P(ah, "home"), (0.1 + 0.125) / (0.1 + 0.125 + 0.65), kTol);
}

TEST(MarketEngineTest, RefusesWhatItCannotPrice) {
    const MarketEngine e = ReferenceEngine();
    EXPECT_FALSE(e.Price(ParseMarket("ht_ft").value()).ok());
    EXPECT_FALSE(e.Price(ParseMarket("q1:h2h").value()).ok());
    EXPECT_FALSE(e.Price(ParseMarket("h2:totals:1.5").value()).ok());
    EXPECT_FALSE(e.Price(ParseMarket("player_points:X:1.5").value()).ok());
    EXPECT_FALSE(e.Price(ParseMarket("sgp:h2h=home+btts=yes").value()).ok());
}

// Simulated soccer without state effects against the independent-Poisson closed forms, within 4 s.e.
TEST(MarketEngineTest, SimulatedSoccerMatchesExactWithinFourStandardErrors) {
    const auto game = testing::SimulateIndependentSoccer(1.45, 1.15, 200'000, 11);
    const MarketEngine mc = MarketEngine::FromSimulation(game.result).value();
    const auto exact_dist = engine::ExactSoccer(game.soccer_params, engine::SoccerKickOff(), 40);
    std::vector<std::vector<double>> rows(40, std::vector<double>(40));
    for (std::size_t h = 0; h < 40; ++h) {
        for (std::size_t a = 0; a < 40; ++a) {
            rows[h][a] = exact_dist.At(h, a);
        }
    }
    const MarketEngine exact = MarketEngine::FromScoreMatrix(ScoreMatrix::Create(rows).value());
    for (const std::string market :
         {"h2h", "double_chance", "dnb", "spreads:-0.75", "spreads:0.25", "spreads:-1", "totals:2.5", "totals:2.25",
          "totals:3", "team_totals:home:1.5", "team_totals:away:0.5", "btts", "win_to_nil:home", "correct_score:8"}) {
        const FairMarket m = Price(mc, market);
        const FairMarket x = Price(exact, market);
        ASSERT_EQ(m.outcomes.size(), x.outcomes.size()) << market;
        for (std::size_t i = 0; i < m.outcomes.size(); ++i) {
            EXPECT_EQ(m.outcomes[i].name, x.outcomes[i].name) << market;
            EXPECT_GT(m.outcomes[i].fair.std_error, 0.0) << market;
            EXPECT_EQ(x.outcomes[i].fair.std_error, 0.0) << market;
            EXPECT_NEAR(m.outcomes[i].fair.probability, x.outcomes[i].fair.probability,
                        4.0 * m.outcomes[i].fair.std_error)
                << market << " " << m.outcomes[i].name;
        }
    }
    // First team to score: with total rate L = lh + la, P(no goal) = e^-L, P(home first) = lh / L (1 - e^-L).
    const double lh = 1.45, la = 1.15, none = std::exp(-(lh + la));
    const FairMarket first = Price(mc, "first_to_score");
    EXPECT_NEAR(P(first, "no_goal"), none, 4.0 * Se(first, "no_goal"));
    EXPECT_NEAR(P(first, "home"), lh / (lh + la) * (1.0 - none), 4.0 * Se(first, "home"));
    ExpectSumsToOne(first);
    // HT/FT: halves are independent Poissons; FT = HT + second half.
    const auto [h1, h2] = testing::HalfMeans(game.soccer_params, 0);
    const auto [a1, a2] = testing::HalfMeans(game.soccer_params, 1);
    double ht_ft[3][3] = {};
    for (int hh = 0; hh < 15; ++hh) {
        for (int ha = 0; ha < 15; ++ha) {
            for (int sh = 0; sh < 15; ++sh) {
                for (int sa = 0; sa < 15; ++sa) {
                    const double p = Poisson(h1, hh) * Poisson(a1, ha) * Poisson(h2, sh) * Poisson(a2, sa);
                    const auto r = [](int x, int y) { return x > y ? 0 : x == y ? 1 : 2; };
                    ht_ft[r(hh, ha)][r(hh + sh, ha + sa)] += p;
                }
            }
        }
    }
    const FairMarket htft = Price(mc, "ht_ft");
    ASSERT_EQ(htft.outcomes.size(), 9u);
    for (int i = 0; i < 9; ++i) {
        EXPECT_NEAR(htft.outcomes[i].fair.probability, ht_ft[i / 3][i % 3], 4.0 * htft.outcomes[i].fair.std_error)
            << htft.outcomes[i].name;
    }
    // First half from the half-time tallies.
    const FairMarket ht_total = Price(mc, "h1:totals:0.5");
    EXPECT_NEAR(P(ht_total, "over"), PoissonAbove(h1 + a1, 0), 4.0 * Se(ht_total, "over"));
}

TEST(MarketEngineTest, SimulatedBasketballMatchesExactMoneylineAndPricesProps) {
    const auto game = testing::SimulateBasketball(100'000, 5);
    const MarketEngine mc = MarketEngine::FromSimulation(game.result).value();
    const auto exact = engine::ExactBasketball(game.basketball_params, engine::BasketballTipOff());
    const auto win = exact.WinProbabilities();
    const FairMarket h2h = Price(mc, "h2h");
    ASSERT_EQ(h2h.outcomes.size(), 2u); // overtime decides: no draw
    EXPECT_NEAR(P(h2h, "home"), win[0] / (win[0] + win[2]), 4.0 * Se(h2h, "home"));
    // Spread and total ladders against the exact margin and total distributions.
    for (double line = -12.5; line <= 12.5; line += 5.0) {
        double exact_home = 0.0;
        for (std::size_t h = 0; h < exact.dim(); ++h) {
            for (std::size_t a = 0; a < exact.dim(); ++a) {
                exact_home += static_cast<double>(h) - static_cast<double>(a) + line > 0.0 ? exact.At(h, a) : 0.0;
            }
        }
        const FairMarket spread = Price(mc, "spreads:" + std::to_string(line));
        EXPECT_NEAR(P(spread, "home"), exact_home, 4.0 * Se(spread, "home")) << line;
    }
    const FairMarket pts = Price(mc, "player_points:Jayson Tatum:24.5");
    ExpectSumsToOne(pts);
    EXPECT_GT(P(pts, "over"), 0.3);
    EXPECT_LT(P(pts, "over"), 0.7);
    // A higher line is harder: P(over) decreases along the ladder.
    EXPECT_GT(P(Price(mc, "player_rebounds:Nikola Jokic:10.5"), "over"),
              P(Price(mc, "player_rebounds:Nikola Jokic:14.5"), "over"));
    EXPECT_FALSE(mc.Price(ParseMarket("player_points:Nobody:10.5").value()).ok());
    EXPECT_FALSE(mc.Price(ParseMarket("btts").value()).ok());
    EXPECT_FALSE(mc.Price(ParseMarket("dnb").value()).ok());
    // Quarter markets and points+rebounds+assists need a replay.
    EXPECT_FALSE(mc.Price(ParseMarket("q1:h2h").value()).ok());
    EXPECT_FALSE(mc.Price(ParseMarket("player_pra:Nikola Jokic:45.5").value()).ok());
}

//! P(home reaches n points first) by dynamic programming over alternating possessions from 0-0, the first
//! possession decided by a coin: an oracle independent of the kernel's bookkeeping (valid while the race
//! ends long before regulation does, as it does for small n).
double ExactRaceHomeFirst(const kernels::basketball::BasketballParams& params, int n) {
    const std::array<std::array<double, 4>, 2> pmf = {engine::PossessionPointsPmf(params.team[0]),
                                                      engine::PossessionPointsPmf(params.team[1])};
    double home_first = 0.0;
    for (int starter = 0; starter < 2; ++starter) {
        std::vector<double> p(static_cast<std::size_t>(n * n), 0.0); // [home][away], both below n
        p[0] = 0.5;
        for (int slot = 0; slot < 400; ++slot) {
            const int team = (starter + slot) % 2;
            std::vector<double> next(p.size(), 0.0);
            for (int h = 0; h < n; ++h) {
                for (int a = 0; a < n; ++a) {
                    const double mass = p[static_cast<std::size_t>(h * n + a)];
                    for (int x = 0; x < 4 && mass > 0.0; ++x) {
                        const int nh = team == 0 ? h + x : h;
                        const int na = team == 1 ? a + x : a;
                        const double m = mass * pmf[static_cast<std::size_t>(team)][static_cast<std::size_t>(x)];
                        if (nh >= n) {
                            home_first += m;
                        } else if (na < n) {
                            next[static_cast<std::size_t>(nh * n + na)] += m;
                        }
                    }
                }
            }
            p.swap(next);
        }
    }
    return home_first;
}

TEST(MarketEngineTest, RaceToNMatchesAnExactRaceDp) {
    const auto game = testing::SimulateBasketball(100'000, 9);
    const MarketEngine mc = MarketEngine::FromSimulation(game.result).value();
    for (int n : {10, 20, 30}) {
        const FairMarket race = Price(mc, "race:" + std::to_string(n));
        ExpectSumsToOne(race);
        const double exact = ExactRaceHomeFirst(game.basketball_params, n);
        EXPECT_NEAR(P(race, "home"), exact, 4.0 * Se(race, "home") + 1e-9) << "race to " << n;
    }
    // The sport's targets are the pricer's check (basketball: 10, 15, ..., 85 points; baseball: 1-10 runs).
    EXPECT_FALSE(mc.Price(ParseMarket("race:12").value()).ok());
    EXPECT_FALSE(mc.Price(ParseMarket("race:90").value()).ok());
    EXPECT_FALSE(ParseMarket("race:12.5").ok());
    EXPECT_FALSE(ParseMarket("race").ok());
    EXPECT_EQ(ParseMarket("race:25").value().Key(), "race:25");
    EXPECT_FALSE(mc.Price(ParseMarket("q1:race:20").value()).ok());
    const auto soccer = testing::SimulateIndependentSoccer(1.4, 1.1, 1000, 1);
    EXPECT_FALSE(MarketEngine::FromSimulation(soccer.result).value().Price(ParseMarket("race:10").value()).ok());
}

TEST(MarketEngineTest, ParlayFromPatternsExactCases) {
    // Two legs, 100 paths: neither 40, only leg 0: 10, only leg 1: 10, both 40.
    const std::vector<std::uint64_t> counts = {40, 10, 10, 40};
    const ParlayEstimate p = ParlayFromPatterns(counts, 2, 100).value();
    EXPECT_NEAR(p.joint.probability, 0.4, kTol);
    EXPECT_NEAR(p.legs[0].probability, 0.5, kTol);
    EXPECT_NEAR(p.independent, 0.25, kTol);
    EXPECT_NEAR(p.excess.probability, 0.15, kTol);
    // Influence 1[both] - 0.5 (1[0] + 1[1]): 0 on both, -0.5 on one, 0 on none; mean -0.1, E f^2 = 0.05.
    EXPECT_NEAR(p.excess.std_error, std::sqrt((0.05 - 0.01) / 100), kTol);
    EXPECT_FALSE(ParlayFromPatterns(counts, 3, 100).ok());
}

} // namespace
} // namespace simbook::odds
