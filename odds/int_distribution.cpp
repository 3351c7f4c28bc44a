#include "odds/int_distribution.hpp"

#include "odds/detail/checks.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace simbook::odds {

namespace {

Result<int> LineInQuarters(double line) {
    const double quarters = line * 4.0;
    if (!std::isfinite(line) || std::abs(line) > 100000.0 || std::abs(quarters - std::round(quarters)) > 1e-9) {
        return Error{"line must be a multiple of 0.25 within +-100000, got " + detail::Num(line)};
    }
    return static_cast<int>(std::round(quarters));
}

// Settles "sign * X + quarters / 4 > 0" for every held value (the rules of score_markets.cpp's Settle).
Settlement Settle(const IntDistribution& x, int sign, int quarters) {
    double win = 0.0, half_win = 0.0, push = 0.0, half_lose = 0.0, lose = 0.0;
    // Values where the bet's margin 4 sign x + quarters changes sign lie near x = -sign quarters / 4; whole
    // ranges on either side add up in one sweep.
    for (int v = x.Offset(); v <= x.MaxValue(); ++v) {
        const double p = x.At(v);
        if (p == 0.0) {
            continue;
        }
        const long margin = 4L * sign * v + quarters;
        if (quarters % 2 == 0) {
            (margin > 0 ? win : margin == 0 ? push : lose) += p;
            continue;
        }
        // Quarter line: half stakes a quarter either side; both margins are even and never straddle zero.
        if (margin - 1 > 0) {
            win += p;
        } else if (margin + 1 < 0) {
            lose += p;
        } else if (margin + 1 > 0) {
            half_win += p;
        } else {
            half_lose += p;
        }
    }
    return Settlement{x.MakeEstimate(win),       x.MakeEstimate(half_win), x.MakeEstimate(push),
                      x.MakeEstimate(half_lose), x.MakeEstimate(lose),     x.Other()};
}

} // namespace

Result<IntDistribution> IntDistribution::Create(std::vector<double> pmf, int offset, std::uint64_t sims) {
    double covered = 0.0;
    for (std::size_t i = 0; i < pmf.size(); ++i) {
        if (!std::isfinite(pmf[i]) || pmf[i] < 0.0) {
            return Error{"distribution entry " + std::to_string(offset + static_cast<long>(i)) +
                         " must be a finite probability >= 0, got " + detail::Num(pmf[i])};
        }
        covered += pmf[i];
    }
    if (covered > 1.0 + 1e-9) {
        return Error{"distribution entries must sum to at most 1, got " + detail::Num(covered)};
    }
    return IntDistribution(std::move(pmf), offset, covered, sims);
}

Result<IntDistribution> IntDistribution::FromCounts(const std::vector<std::uint64_t>& counts, int offset,
                                                    std::uint64_t sims) {
    if (sims == 0) {
        return Error{"sims must be > 0 for a distribution of counts"};
    }
    std::uint64_t total = 0;
    std::vector<double> pmf(counts.size());
    for (std::size_t i = 0; i < counts.size(); ++i) {
        total += counts[i];
        pmf[i] = static_cast<double>(counts[i]) / static_cast<double>(sims);
    }
    if (total > sims) {
        return Error{"counts total " + std::to_string(total) + ", more than sims " + std::to_string(sims)};
    }
    // Trim empty ends so that settling sweeps only the values that occurred.
    std::size_t first = 0, last = pmf.size();
    while (first < last && counts[first] == 0) {
        ++first;
    }
    while (last > first && counts[last - 1] == 0) {
        --last;
    }
    std::vector<double> trimmed(pmf.begin() + static_cast<long>(first), pmf.begin() + static_cast<long>(last));
    return Create(std::move(trimmed), offset + static_cast<int>(first), sims);
}

double IntDistribution::Other() const {
    return std::max(0.0, 1.0 - covered_);
}

Estimate IntDistribution::MakeEstimate(double probability) const {
    if (sims_ == 0) {
        return {probability, 0.0};
    }
    const double p = std::clamp(probability, 0.0, 1.0);
    return {probability, std::sqrt(p * (1.0 - p) / static_cast<double>(sims_))};
}

double IntDistribution::Between(int lo, int hi) const {
    double sum = 0.0;
    for (int v = std::max(lo, Offset()); v <= std::min(hi, MaxValue()); ++v) {
        sum += At(v);
    }
    return sum;
}

Result<Settlement> SettleHandicap(const IntDistribution& x, double line) {
    const auto quarters = LineInQuarters(line);
    if (!quarters.ok()) {
        return quarters.status();
    }
    return Settle(x, 1, *quarters);
}

Result<Settlement> SettleOver(const IntDistribution& x, double line) {
    const auto quarters = LineInQuarters(line);
    if (!quarters.ok()) {
        return quarters.status();
    }
    return Settle(x, 1, -*quarters);
}

Result<Settlement> SettleUnder(const IntDistribution& x, double line) {
    const auto quarters = LineInQuarters(line);
    if (!quarters.ok()) {
        return quarters.status();
    }
    return Settle(x, -1, *quarters);
}

Result<Estimate> EffectiveProbability(const Settlement& s, std::uint64_t sims) {
    const double gain = s.win.probability + s.half_win.probability / 2.0;
    const double loss = s.lose.probability + s.half_lose.probability / 2.0;
    if (!(gain + loss > 0.0)) {
        return Error{"the bet always pushes, so it has no price"};
    }
    const double q = gain / (gain + loss);
    if (sims == 0) {
        return Estimate{q, 0.0};
    }
    const double gain_sq = s.win.probability + s.half_win.probability / 4.0;
    const double loss_sq = s.lose.probability + s.half_lose.probability / 4.0;
    const double scale = (gain + loss) * (gain + loss);
    const double variance =
        (loss * loss * gain_sq + gain * gain * loss_sq) / (scale * scale * static_cast<double>(sims));
    return Estimate{q, std::sqrt(std::max(0.0, variance))};
}

} // namespace simbook::odds
