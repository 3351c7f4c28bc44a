//! Quoting a market: fair probabilities -> prices with a margin (by a MarginMethod), optionally rounded onto a
//! price ladder with alternate lines kept monotone.
#pragma once

#include "odds/ladder.hpp"
#include "odds/margin.hpp"
#include "odds/market.hpp"
#include "odds/market_engine.hpp"
#include "odds/result.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace simbook::odds {

//! One outcome of a quoted market.
struct QuotedOutcome {
    std::string name;
    Estimate fair;                 //!< fair probability and its standard error
    std::optional<double> decimal; //!< published decimal odds (> 1); empty when not offered
};

//! A market's published book.
struct QuotedMarket {
    std::string key;
    std::vector<QuotedOutcome> outcomes;
    double overround = 0.0; //!< sum of 1 / decimal over the offered outcomes, minus 1
    double parameter = 0.0; //!< the margin method's parameter (see MarginMethod)
    std::string note;       //!< why outcomes are not offered, empty when all are
};

//! Applies `margin` (target overround in [0, 0.5)) with `method` to a fair book. Outcomes with fair
//! probability 0 are not offered (they cannot be priced); the others are renormalised to sum to 1 first (a
//! truncated grid's unsettled mass is left out). A book with fewer than two priceable outcomes (or one the
//! method cannot reach) is returned unpriced with a note. Fails for a margin outside [0, 0.5).
Result<QuotedMarket> QuoteMarket(const FairMarket& fair, double margin, MarginMethod method);

//! Rounds every offered price down onto the ladder (never paying more than the margined price), then makes
//! each alternate-line ladder (markets that differ only in their line: spreads, totals, team totals, player
//! props of one period/team/player) monotone, so that a harder line never pays less (RoundAlternateLines).
//! Prices shorter than the ladder's first tick are withdrawn (not offered, with a note). markets[i] must be
//! the arguments of quoted[i]; overrounds are recomputed.
Result<std::vector<QuotedMarket>> RoundOntoLadder(std::vector<QuotedMarket> quoted, std::span<const Market> markets,
                                                  const PriceLadder& ladder);

} // namespace simbook::odds
