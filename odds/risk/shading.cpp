#include "odds/risk/shading.hpp"

#include "odds/detail/checks.hpp"

#include <algorithm>
#include <cmath>

namespace simbook::odds::risk {

double Overround(std::span<const PriceMilli> prices) {
    double sum = 0.0;
    for (const PriceMilli p : prices) {
        sum += static_cast<double>(kPriceScale) / static_cast<double>(p);
    }
    return sum - 1.0;
}

Result<std::vector<PriceMilli>> ShadePrices(std::span<const PriceMilli> base, std::span<const Cents> liabilities,
                                            Cents limit, const ShadingParams& params) {
    if (base.size() != liabilities.size()) {
        return InvalidArgument("liabilities", "need one per price");
    }
    if (limit <= 0) {
        return InvalidArgument("limit", "must be > 0, got " + std::to_string(limit));
    }
    if (!std::isfinite(params.strength) || params.strength < 0.0) {
        return InvalidArgument("strength", "must be finite and >= 0, got " + odds::detail::Num(params.strength));
    }
    std::vector<PriceMilli> out(base.begin(), base.end());
    for (const PriceMilli p : base) {
        if (p <= kPriceScale || p > kMaxPrice) {
            return InvalidArgument("price", "must be in (1000, 10000000] thousandths, got " + std::to_string(p));
        }
    }
    const bool exposed = std::any_of(liabilities.begin(), liabilities.end(), [](Cents l) { return l > 0; });
    if (base.size() < 2 || !exposed || params.strength == 0.0) {
        return out;
    }
    double base_sum = 0.0;
    double weight_sum = 0.0;
    std::vector<double> weights(base.size());
    for (std::size_t i = 0; i < base.size(); ++i) {
        const double q = static_cast<double>(kPriceScale) / static_cast<double>(base[i]);
        const double u = std::clamp(static_cast<double>(liabilities[i]) / static_cast<double>(limit), 0.0, 1.0);
        weights[i] = q * (1.0 + params.strength * u);
        base_sum += q;
        weight_sum += weights[i];
    }
    for (std::size_t i = 0; i < base.size(); ++i) {
        const double shaded = base_sum * weights[i] / weight_sum;
        const double price = std::floor(static_cast<double>(kPriceScale) / shaded + 1e-9);
        out[i] = std::clamp(static_cast<PriceMilli>(price), kPriceScale + 1, kMaxPrice);
    }
    return out;
}

} // namespace simbook::odds::risk
