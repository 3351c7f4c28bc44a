//! Outright markets of a season forecast: title, top-N and relegation, each one book of "yes" prices over the
//! teams with a bookmaker margin (odds/margin.hpp), as bookmakers quote "to win the league", "top 4 finish" and
//! "to be relegated".
#pragma once

#include "futures/season.hpp"
#include "kernels/core/result.hpp"
#include "odds/margin.hpp"

#include <optional>
#include <string>
#include <vector>

namespace simbook::futures {

//! Shortest price quoted: a team (all but) certain to finish in the places is offered at this.
inline constexpr double kMinDecimal = 1.01;

//! One team's price in an outright market (decimal odds, unrounded).
struct OutrightOutcome {
    std::string team;
    odds::Estimate fair;                //!< simulated probability and its standard error
    std::optional<double> fair_decimal; //!< 1 / probability; empty at probability 0 or 1
    std::optional<double> decimal;      //!< price with the margin; empty where the simulation never (or always)
                                        //!< saw the team in the places, so no price is offered
};

//! A priced outright market with `places` winners. The fair probabilities of the priced teams, divided by
//! their sum, form a book that AddMargin marks up by the method; the implied probabilities are then scaled back
//! by that sum, so they total (sum of fair) x (1 + margin) under the multiplicative method. Implied
//! probabilities above 1 / kMinDecimal are quoted at kMinDecimal (the note counts them). Where another method
//! cannot quote the book (an implied probability of 1 or more), the power method prices it and the note says so.
struct OutrightMarket {
    std::string key;                       //!< "title", "top4" or "relegation"
    int places = 1;                        //!< places that win: title places, top N, or the last N
    double overround = 0.0;                //!< sum of implied probabilities of the quoted teams / places - 1
    std::string note;                      //!< what was not priced or was floored, when anything was
    std::vector<OutrightOutcome> outcomes; //!< teams in the forecast's order
};

//! Prices the title, top-N and (when positions.relegation > 0) relegation markets. margin in [0, 0.5). Fails,
//! naming the market, when the method cannot reach the margin on a book.
Result<std::vector<OutrightMarket>> PriceOutrights(const SeasonForecast& forecast, const Positions& positions,
                                                   double margin, odds::MarginMethod method);

} // namespace simbook::futures
