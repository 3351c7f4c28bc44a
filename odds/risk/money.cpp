#include "odds/risk/money.hpp"

#include "odds/detail/checks.hpp"

#include <cmath>
#include <string>

namespace simbook::odds::risk {

std::string_view ToString(SettlementKind kind) {
    switch (kind) {
    case SettlementKind::kWin:
        return "win";
    case SettlementKind::kHalfWin:
        return "half_win";
    case SettlementKind::kPush:
        return "push";
    case SettlementKind::kHalfLose:
        return "half_lose";
    case SettlementKind::kLose:
        return "lose";
    case SettlementKind::kVoid:
        return "void";
    }
    return "?";
}

Result<PriceMilli> PriceFromDecimal(double decimal, std::string_view field) {
    if (!std::isfinite(decimal) || !(decimal > 1.0) || decimal > ToDecimal(kMaxPrice)) {
        return InvalidArgument(std::string(field),
                               "decimal odds must be finite, > 1 and <= 10000, got " + odds::detail::Num(decimal));
    }
    // A tiny allowance so that 1.95 (stored as 1.9499999...) reads as 1950, not 1949.
    const auto price = static_cast<PriceMilli>(std::floor(decimal * static_cast<double>(kPriceScale) + 1e-6));
    if (price <= kPriceScale) {
        return InvalidArgument(std::string(field),
                               "decimal odds round down to 1.000, got " + odds::detail::Num(decimal));
    }
    return price;
}

Cents Payout(Cents stake, PriceMilli price, SettlementKind kind) {
    const Cents half = stake / 2;
    switch (kind) {
    case SettlementKind::kWin:
        return WinPayout(stake, price);
    case SettlementKind::kHalfWin:
        return WinPayout(half, price) + (stake - half);
    case SettlementKind::kPush:
    case SettlementKind::kVoid:
        return stake;
    case SettlementKind::kHalfLose:
        return half;
    case SettlementKind::kLose:
        return 0;
    }
    return 0;
}

} // namespace simbook::odds::risk
