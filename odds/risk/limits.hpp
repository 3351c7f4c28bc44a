//! Risk limits of the book and the exact largest stake a bet may have under each of them.
#pragma once

#include "odds/risk/money.hpp"

#include <array>
#include <string_view>

namespace simbook::odds::risk {

//! A customer's tier, which sets the largest stake per bet.
enum class CustomerTier { kRestricted = 0, kStandard = 1, kVip = 2 };

//! "restricted", "standard", "vip".
std::string_view ToString(CustomerTier tier);

//! The limits a bet must keep. Liabilities are what the book loses if an outcome wins (see RiskBook).
struct Limits {
    std::array<Cents, 3> max_stake_by_tier = {5'000, 100'000, 1'000'000}; //!< per bet, indexed by CustomerTier
    Cents max_payout_per_bet = 5'000'000;                                 //!< stake included
    Cents max_liability_per_outcome = 2'000'000;                          //!< per outcome of one market
    Cents max_liability_per_market = 2'000'000;                           //!< the market's worst outcome
    Cents max_liability_per_event = 10'000'000;                           //!< sum of the event's market liabilities

    //! Every limit at its widest (kMaxStake): for load tests and tools where no bet should be refused.
    static Limits Unlimited() {
        return {{kMaxStake, kMaxStake, kMaxStake}, kMaxStake, kMaxStake, kMaxStake, kMaxStake};
    }
};

//! Which limit refused a bet.
enum class LimitKind { kTierStake, kPayout, kOutcomeLiability, kMarketLiability, kEventLiability };

//! "max_stake_per_bet", "max_payout_per_bet", "max_liability_per_outcome", "max_liability_per_market",
//! "max_liability_per_event".
std::string_view ToString(LimitKind limit);

//! The largest stake s >= 0 with floor(s * (price - 1000) / 1000) <= budget: the most a bet at `price` may
//! add to a liability that has `budget` cents of room left (0 when the budget is negative).
inline Cents LargestStakeForBudget(Cents budget, PriceMilli price) {
    if (budget < 0) {
        return 0;
    }
    const Cents profit_per_mille = price - kPriceScale;
    const Cents stake = (kPriceScale * (budget + 1) - 1) / profit_per_mille;
    return stake < kMaxStake ? stake : kMaxStake;
}

//! The largest stake s >= 0 whose win payout floor(s * price / 1000) is <= max_payout.
inline Cents LargestStakeForPayout(Cents max_payout, PriceMilli price) {
    if (max_payout < 0) {
        return 0;
    }
    const Cents stake = (kPriceScale * (max_payout + 1) - 1) / price;
    return stake < kMaxStake ? stake : kMaxStake;
}

} // namespace simbook::odds::risk
