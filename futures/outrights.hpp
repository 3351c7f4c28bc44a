//! Outright markets of a season forecast: the title as one book over the teams, top-N and relegation as a
//! yes/no book per team, each with a bookmaker margin (odds/margin.hpp).
#pragma once

#include "futures/season.hpp"
#include "kernels/core/result.hpp"
#include "odds/margin.hpp"

#include <optional>
#include <string>
#include <vector>

namespace simbook::futures {

//! One team's prices in an outright market (decimal odds, unrounded; empty where the outcome is impossible or
//! certain in the simulation, so no price is offered).
struct OutrightOutcome {
    std::string team;
    odds::Estimate fair;                //!< simulated probability and its standard error
    std::optional<double> fair_decimal; //!< 1 / probability
    std::optional<double> decimal;      //!< price with the margin: the team wins the title / finishes in the places
    std::optional<double> no_decimal;   //!< yes/no markets: price of "no", with the margin
};

//! A priced outright market.
struct OutrightMarket {
    std::string key;        //!< "title", "top4" (top<N>) or "relegation"
    int places = 1;         //!< places that win: title places, top N, or the last N
    bool yes_no = false;    //!< false: one book over every team (sum of implied probabilities 1 + margin);
                            //!< true: a two-way yes/no book per team, each with the margin
    double overround = 0.0; //!< sum of implied probabilities minus 1 of the priced book (winner books)
    std::string note;       //!< why prices are missing, when they are
    std::vector<OutrightOutcome> outcomes; //!< teams in the forecast's order
};

//! Prices the title (one book when positions.title is 1, else yes/no), top-N and, when positions.relegation
//! > 0, relegation markets. margin in [0, 0.5). Where the method cannot quote a book (a multiplicative margin on a
//! near-certain outcome) the power method prices it, and the market's note says so. Teams the simulation never
//! (or always) saw in the places get no price. Fails, naming the market, when no method reaches the margin.
Result<std::vector<OutrightMarket>> PriceOutrights(const SeasonForecast& forecast, const Positions& positions,
                                                   double margin, odds::MarginMethod method);

} // namespace simbook::futures
