//! Money and prices of the risk book: integer cents and decimal odds in thousandths, with the payout rules.
#pragma once

#include "odds/result.hpp"

#include <cstdint>
#include <string_view>

namespace simbook::odds::risk {

//! An amount of money in minor units (cents). Never a floating-point value.
using Cents = std::int64_t;
//! Decimal odds in thousandths: 1.950 is 1950. A bettable price is > 1000 (decimal odds > 1).
using PriceMilli = std::int64_t;

//! Largest stake of one bet (100,000,000.00): anything above is refused as absurd input.
inline constexpr Cents kMaxStake = 10'000'000'000;
//! Largest price (decimal odds 10,000): stake * price then stays far inside int64.
inline constexpr PriceMilli kMaxPrice = 10'000'000;
//! Price units per unit of decimal odds.
inline constexpr PriceMilli kPriceScale = 1000;

//! How one bet settles. Quarter lines split the stake in two halves (see Payout).
enum class SettlementKind {
    kWin,      //!< stake * price
    kHalfWin,  //!< half the stake wins at the price, the other half is returned
    kPush,     //!< stake returned
    kHalfLose, //!< half the stake is lost, the other half is returned
    kLose,     //!< nothing returned
    kVoid,     //!< stake returned (market voided)
};

//! "win", "half_win", "push", "half_lose", "lose", "void".
std::string_view ToString(SettlementKind kind);

//! Decimal odds -> thousandths, rounded down (the book's favour); fails naming `field` unless finite, > 1 and <=
//! 10,000, or when the rounded price is not above 1.000.
Result<PriceMilli> PriceFromDecimal(double decimal, std::string_view field = "price");

//! Decimal odds of a price in thousandths.
inline double ToDecimal(PriceMilli price) {
    return static_cast<double>(price) / static_cast<double>(kPriceScale);
}

//! What a winning stake returns (stake included): floor(stake * price / 1000), cents rounded down in the
//! book's favour. stake in [0, kMaxStake], price in (1000, kMaxPrice].
inline Cents WinPayout(Cents stake, PriceMilli price) {
    return stake * price / kPriceScale;
}

//! The total returned to the bettor (stake included) for a settled bet. Rounding rule, always in the book's
//! favour: a win pays floor(stake * price / 1000); a half win splits the stake into a winning part
//! floor(stake / 2), paid at the price, and a returned part stake - floor(stake / 2); a half lose returns
//! floor(stake / 2) and keeps the rest. So a half win or half lose pays exactly what two bets on the neighbouring
//! lines pay with the stake split in halves (an odd cent goes to the half the bettor does better without), and a
//! full win at most one cent more (one floor instead of two).
Cents Payout(Cents stake, PriceMilli price, SettlementKind kind);

} // namespace simbook::odds::risk
