// The per-path settlement of a market (odds::PathSettler, by CompileLeg) and the settlement of a bet on a final
// result (risk::SettleOutcome) agree on every half-line and result market: the outcome a path gives is the one
// outcome that wins on that path's score.
#include "odds/path_tally.hpp"
#include "odds/risk/settlement.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace simbook::odds {
namespace {

// The outcome names a market settles over on a path.
std::vector<std::string> Outcomes(const Market& m) {
    switch (m.kind) {
    case MarketKind::kMatchResult:
        return {"home", "draw", "away"};
    case MarketKind::kHandicap:
        return {"home", "away"};
    case MarketKind::kBothTeamsToScore:
    case MarketKind::kWinToNil:
        return {"yes", "no"};
    default:
        return {"over", "under"};
    }
}

TEST(PathSettlement, AgreesWithTheBookOnEveryScore) {
    const char* keys[] = {"h2h",
                          "spreads:-0.5",
                          "spreads:1.5",
                          "totals:2.5",
                          "totals:0.5",
                          "team_totals:home:1.5",
                          "team_totals:away:0.5",
                          "btts",
                          "win_to_nil:home",
                          "win_to_nil:away",
                          "h1:h2h",
                          "h1:totals:1.5",
                          "h2:spreads:-1.5",
                          "h2:team_totals:away:0.5"};
    int checked = 0;
    for (const char* key : keys) {
        const Market market = ParseMarket(key).value();
        const std::vector<std::string> names = Outcomes(market);
        const auto settler = PathSettler::Make(market, names, Roster{});
        ASSERT_TRUE(settler.ok()) << key << ": " << settler.status().message();
        for (int ht_home = 0; ht_home <= 3; ++ht_home) {
            for (int ht_away = 0; ht_away <= 3; ++ht_away) {
                for (int home = ht_home; home <= ht_home + 3; ++home) {
                    for (int away = ht_away; away <= ht_away + 3; ++away) {
                        kernels::soccer::SoccerOutcome o{};
                        o.home = static_cast<std::uint8_t>(home);
                        o.away = static_cast<std::uint8_t>(away);
                        o.ht_home = static_cast<std::uint8_t>(ht_home);
                        o.ht_away = static_cast<std::uint8_t>(ht_away);
                        const int index = settler->Settle(o);
                        ASSERT_GE(index, 0) << key;
                        risk::MarketResult result;
                        result.home = market.period == Period::kFirstHalf    ? ht_home
                                      : market.period == Period::kSecondHalf ? home - ht_home
                                                                             : home;
                        result.away = market.period == Period::kFirstHalf    ? ht_away
                                      : market.period == Period::kSecondHalf ? away - ht_away
                                                                             : away;
                        for (std::size_t k = 0; k < names.size(); ++k) {
                            const auto settled = risk::SettleOutcome(market, names[k], result);
                            ASSERT_TRUE(settled.ok()) << key << " " << names[k] << ": " << settled.status().message();
                            EXPECT_EQ(settled.value() == risk::SettlementKind::kWin, static_cast<int>(k) == index)
                                << key << " " << names[k] << " at " << result.home << "-" << result.away;
                            ++checked;
                        }
                    }
                }
            }
        }
    }
    EXPECT_GT(checked, 5000);
}

} // namespace
} // namespace simbook::odds
