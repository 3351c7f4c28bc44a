// Alias tables (kernels/core/alias.hpp) read back plainly: the distribution an entry array carries, and one draw.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace simbook::kernels::alias_checks {

//! P(result = c) of an alias table of n entries with `bits` alias bits, from its entries.
inline std::vector<double> AliasPmf(const std::uint32_t* table, int n, int bits) {
    std::vector<double> p(static_cast<std::size_t>(n), 0.0);
    const double scale = std::ldexp(1.0, 32 - bits);
    for (int c = 0; c < n; ++c) {
        const double own = static_cast<double>(table[c] >> bits) / scale;
        p[static_cast<std::size_t>(c)] += own / n;
        p[table[c] & ((1u << bits) - 1u)] += (1.0 - own) / n;
    }
    return p;
}

//! The documented alias draw of word x, written plainly.
inline int PlainAliasDraw(const std::uint32_t* table, int n, int bits, std::uint32_t x) {
    const std::uint64_t product = static_cast<std::uint64_t>(x) * static_cast<std::uint32_t>(n);
    const auto column = static_cast<int>(product >> 32);
    const auto rest = static_cast<std::uint32_t>(product);
    return (rest >> bits) < (table[column] >> bits) ? column : static_cast<int>(table[column] & ((1u << bits) - 1u));
}

} // namespace simbook::kernels::alias_checks
