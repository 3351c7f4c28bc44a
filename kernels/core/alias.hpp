//! Walker alias tables packed in 32-bit words, for kernels that draw from a discrete distribution with one gathered
//! word: host-side construction (Vose) and the device-side draw.
#pragma once

#include "kernels/core/config.hpp"
#include "kernels/core/lanes.cuh"

#include <cmath>
#include <cstdint>
#include <vector>

namespace simbook::kernels {

//! An entry packs the column's cutoff in its high 32 - bits bits and its alias in its low `bits` bits. A draw x picks
//! the column c = floor(x * n / 2^32); with r = x * n mod 2^32 the result is c when (r >> bits) < (entry >> bits),
//! else the alias (entry & (2^bits - 1)).
//!
//! Walker alias table of `p` (non-negative, summing to about 1) packed as above with `bits` alias bits. Exact up to
//! the cutoff's 32 - bits bits: a column whose own share rounds up to the whole column aliases to itself.
inline void BuildAlias(const std::vector<double>& p, int bits, std::uint32_t* out) {
    const int n = static_cast<int>(p.size());
    double total = 0.0;
    for (double x : p) {
        total += x;
    }
    std::vector<double> q(p.size());
    std::vector<int> alias(p.size());
    std::vector<int> small, large;
    for (int i = 0; i < n; ++i) {
        q[i] = total > 0.0 ? p[i] * n / total : 1.0;
        alias[i] = i;
        (q[i] < 1.0 ? small : large).push_back(i);
    }
    while (!small.empty() && !large.empty()) {
        const int s = small.back();
        small.pop_back();
        const int l = large.back();
        alias[s] = l;
        q[l] -= 1.0 - q[s];
        if (q[l] < 1.0) {
            large.pop_back();
            small.push_back(l);
        }
    }
    for (int i : large) {
        q[i] = 1.0;
    }
    for (int i : small) { // rounding leftovers: their whole column is theirs
        q[i] = 1.0;
    }
    const double scale = std::ldexp(1.0, 32 - bits);
    for (int i = 0; i < n; ++i) {
        const double cut = std::round(q[i] * scale);
        if (cut >= scale) {
            out[i] = static_cast<std::uint32_t>(i); // cutoff 0: always the alias, which is i itself
        } else {
            out[i] = (static_cast<std::uint32_t>(cut < 0.0 ? 0.0 : cut) << bits) | static_cast<std::uint32_t>(alias[i]);
        }
    }
}

//! The alias draw of each lane's word x from its own table of kN entries at table + base (a gathered word per lane).
template <typename L, int kN, int kBits>
SIMBOOK_HD SIMBOOK_LANE_INLINE typename L::I32 AliasDraw(const std::uint32_t* table, const typename L::I32& base,
                                                         const typename L::U32& x) {
    using U32 = typename L::U32;
    U32 column, rest;
    L::MulHiLo(static_cast<std::uint32_t>(kN), x, column, rest);
    const U32 entry = L::Gather(table, base + L::Bits(column));
    return L::Select(L::Bits(rest >> kBits) < L::Bits(entry >> kBits), L::Bits(column),
                     L::Bits(entry & U32((1u << kBits) - 1u)));
}

} // namespace simbook::kernels
