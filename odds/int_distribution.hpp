//! Distributions of one integer quantity (a margin, a total, a player's points) and line bets settled on them.
#pragma once

#include "odds/result.hpp"
#include "odds/score_markets.hpp"

#include <cstdint>
#include <vector>

namespace simbook::odds {

//! P(X = offset + i) = pmf[i]. The entries may sum to less than 1: the rest, Other(), is mass that no
//! market here can settle (a truncated grid), and every market reports it. sims = simulated games behind the
//! estimates; 0 means exact.
class IntDistribution {
public:
    //! pmf entries finite and >= 0, summing to at most 1 (+1e-9); an empty pmf is a distribution with no mass.
    static Result<IntDistribution> Create(std::vector<double> pmf, int offset, std::uint64_t sims = 0);
    //! counts[i] = games of sims with X = offset + i; the counts may total less than sims.
    static Result<IntDistribution> FromCounts(const std::vector<std::uint64_t>& counts, int offset, std::uint64_t sims);

    //! Smallest value held.
    int Offset() const { return offset_; }
    //! Largest value held (Offset() - 1 when empty).
    int MaxValue() const { return offset_ + static_cast<int>(pmf_.size()) - 1; }
    //! P(X = value); 0 outside the held range.
    double At(int value) const {
        const long i = static_cast<long>(value) - offset_;
        return i >= 0 && i < static_cast<long>(pmf_.size()) ? pmf_[static_cast<std::size_t>(i)] : 0.0;
    }
    //! 1 - sum of the held entries, clamped at 0.
    double Other() const;
    //! Simulated games behind the estimates; 0 when exact.
    std::uint64_t Sims() const { return sims_; }
    //! p with its standard error sqrt(p (1 - p) / Sims()), or 0 when exact.
    Estimate MakeEstimate(double probability) const;
    //! P(lo <= X <= hi).
    double Between(int lo, int hi) const;

private:
    IntDistribution(std::vector<double> pmf, int offset, double covered, std::uint64_t sims)
        : pmf_(std::move(pmf)), offset_(offset), covered_(covered), sims_(sims) {}

    std::vector<double> pmf_;
    int offset_ = 0;
    double covered_ = 0.0;
    std::uint64_t sims_ = 0;
};

//! The bet "X + line > 0" (a handicap on X; line a multiple of 0.25) with the Asian rules of score_markets.hpp:
//! whole lines push, quarter lines settle as half stakes on line -/+ 0.25.
Result<Settlement> SettleHandicap(const IntDistribution& x, double line);
//! The bet "X > line" (over; line a multiple of 0.25), same rules.
Result<Settlement> SettleOver(const IntDistribution& x, double line);
//! The bet "X < line" (under; line a multiple of 0.25), same rules.
Result<Settlement> SettleUnder(const IntDistribution& x, double line);

//! The probability that prices a line bet: 1 / fair decimal odds = gain / (gain + loss), with gain =
//! P(win) + P(half win) / 2 and loss = P(lose) + P(half lose) / 2, so a bet and its opposite sum to 1. Equal
//! to P(win) when the bet cannot push. Its standard error comes from the delta method over the `sims`
//! games (0 when sims is 0): Var = (L^2 E[G^2] + g^2 E[Y^2]) / ((g + L)^4 sims). Fails when gain + loss is 0.
Result<Estimate> EffectiveProbability(const Settlement& settlement, std::uint64_t sims);

} // namespace simbook::odds
