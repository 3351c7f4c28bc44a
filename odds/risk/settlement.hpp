//! Settling one outcome of a market from a final result, with the Asian line rules of score_markets.hpp.
#pragma once

#include "odds/market.hpp"
#include "odds/result.hpp"
#include "odds/risk/money.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace simbook::odds::risk {

//! The final result a market settles on. home and away are the goals or points of the market's period (the
//! whole game for full-game markets, the first quarter for "q1:" markets, ...).
struct MarketResult {
    int home = 0;                   //!< >= 0
    int away = 0;                   //!< >= 0
    std::optional<int> value;       //!< player props: the player's settled stat (>= 0)
    std::vector<MarketResult> legs; //!< parlays: one result per leg, in the order of Market::legs

    //! Compact text for the ledger and the audit ("2-1", "2-1 value=27", "[1-0|110-104 value=31]").
    std::string ToText() const;
};

//! How `outcome` of `market` settles on `result`. Line markets (spreads, totals, team totals, player props)
//! settle through score_markets.hpp / int_distribution.hpp on a one-point distribution, so the quarter-line
//! rules are theirs. Correct score: "any_other" wins when the score is none of `listed` (the market's outcome
//! names). A parlay wins when every leg wins, loses when any leg loses or half-loses, and is void otherwise
//! (a push or half win on a leg: the caller's parlay price cannot be reduced here). Refused, naming the field:
//! a negative score or value, an outcome the market does not have, a missing player value or leg results, and
//! markets that a score cannot settle (half-time/full-time, first to score, race to N: settle those with a
//! named winner).
Result<SettlementKind> SettleOutcome(const Market& market, std::string_view outcome, const MarketResult& result,
                                     std::span<const std::string> listed = {});

//! Checks a result against a market without settling: scores and values >= 0 and <= 100000, legs present.
Status CheckResult(const Market& market, const MarketResult& result);

} // namespace simbook::odds::risk
