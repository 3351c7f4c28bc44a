//! Lane types for kernels written once and run as scalars (GPU, CPU reference) or as SIMD batches (CPU).
#pragma once

#include "kernels/core/config.hpp"

#include <cstdint>
#include <cstring>

//! Forces inlining of the small per-slot helpers, so the kernel compiles to the same straight-line code in
//! every translation unit that instantiates it (GCC otherwise leaves some SIMD helpers out of line in large
//! translation units, costing 2-3x).
#if SIMBOOK_CUDA_COMPILER
#define SIMBOOK_LANE_INLINE __forceinline__
#else
#define SIMBOOK_LANE_INLINE [[gnu::always_inline]] inline
#endif

namespace simbook::kernels {

//! One path per lane object: plain integers. The lane type of device code and the CPU reference.
//! A lane type L provides: kWidth; I32 (signed 32-bit per lane), U32 (unsigned 32-bit per lane) and Mask
//! (the result of comparing I32s); and static helpers that hide the difference between a scalar and a
//! batch (Select, Count, Clamp, Any, All, MinLane, Lane, Generate, Gather, Store, Bits, MulHiLo). Kernels use only
//! these and the arithmetic, bitwise and comparison operators, which both kinds of lane define with the same meaning.
struct ScalarLanes {
    static constexpr int kWidth = 1;
    using I32 = std::int32_t;
    using U32 = std::uint32_t;
    using Mask = bool;

    //! m ? a : b per lane.
    SIMBOOK_HD SIMBOOK_LANE_INLINE static I32 Select(Mask m, I32 a, I32 b) { return m ? a : b; }
    //! 1 where m holds, else 0.
    SIMBOOK_HD SIMBOOK_LANE_INLINE static I32 Count(Mask m) { return static_cast<I32>(m); }
    //! v limited to [lo, hi] per lane (lo <= hi).
    SIMBOOK_HD SIMBOOK_LANE_INLINE static I32 Clamp(I32 v, I32 lo, I32 hi) { return v < lo ? lo : (v > hi ? hi : v); }
    SIMBOOK_HD SIMBOOK_LANE_INLINE static bool Any(Mask m) { return m; }
    SIMBOOK_HD SIMBOOK_LANE_INLINE static bool All(Mask m) { return m; }
    //! Smallest value over the lanes.
    SIMBOOK_HD SIMBOOK_LANE_INLINE static std::int32_t MinLane(I32 v) { return v; }
    //! Value of lane i (0 <= i < kWidth).
    SIMBOOK_HD SIMBOOK_LANE_INLINE static std::int32_t Lane(I32 v, int) { return v; }
    SIMBOOK_HD SIMBOOK_LANE_INLINE static std::uint32_t Lane(U32 v, int) { return v; }
    //! A lane value from f(lane index).
    template <typename F> SIMBOOK_HD SIMBOOK_LANE_INLINE static I32 Generate(F&& f) { return f(0); }
    template <typename F> SIMBOOK_HD SIMBOOK_LANE_INLINE static U32 GenerateU(F&& f) { return f(0); }
    //! table[index] per lane.
    SIMBOOK_HD SIMBOOK_LANE_INLINE static U32 Gather(const std::uint32_t* table, I32 index) { return table[index]; }
    //! Writes lane i of v to out[i].
    SIMBOOK_HD SIMBOOK_LANE_INLINE static void Store(std::int32_t* out, I32 v) { *out = v; }
    //! The same 32 bits as a signed value (two's complement).
    SIMBOOK_HD SIMBOOK_LANE_INLINE static I32 Bits(U32 v) { return static_cast<I32>(v); }
    //! hi:lo = a * b as a 64-bit product.
    SIMBOOK_HD SIMBOOK_LANE_INLINE static void MulHiLo(std::uint32_t a, U32 b, U32& hi, U32& lo) {
        const std::uint64_t p = static_cast<std::uint64_t>(a) * b;
        hi = static_cast<U32>(p >> 32);
        lo = static_cast<U32>(p);
    }

    // Double lanes (kernels whose state is real-valued, e.g. soccer's clock): F64 per lane and FMask, the result of
    // comparing F64s. The operators + - * / and comparisons round exactly as on scalars (IEEE, no contraction).
    using F64 = double;
    using FMask = bool;
    SIMBOOK_HD SIMBOOK_LANE_INLINE static F64 SelectF(FMask m, F64 a, F64 b) { return m ? a : b; }
    SIMBOOK_HD SIMBOOK_LANE_INLINE static bool AnyF(FMask m) { return m; }
    SIMBOOK_HD SIMBOOK_LANE_INLINE static bool LaneF(FMask m, int) { return m; }
    SIMBOOK_HD SIMBOOK_LANE_INLINE static double LaneF(F64 v, int) { return v; }
    //! Writes lane i of v to out[i].
    SIMBOOK_HD SIMBOOK_LANE_INLINE static void StoreF(double* out, F64 v) { *out = v; }
    //! v rounded toward zero, for |v| < 2^31.
    SIMBOOK_HD SIMBOOK_LANE_INLINE static F64 TruncF(F64 v) { return static_cast<double>(static_cast<int>(v)); }
    //! Bit i set where lane i of m holds.
    SIMBOOK_HD SIMBOOK_LANE_INLINE static unsigned BitsF(FMask m) { return m ? 1u : 0u; }
    //! Lane i from in[i].
    SIMBOOK_HD SIMBOOK_LANE_INLINE static U32 LoadU(const std::uint32_t* in) { return *in; }
    //! A mask from f(lane index).
    template <typename F> SIMBOOK_HD SIMBOOK_LANE_INLINE static FMask MaskF(F&& f) { return f(0); }
    //! A value from f(lane index).
    template <typename F> SIMBOOK_HD SIMBOOK_LANE_INLINE static F64 GenerateF(F&& f) { return f(0); }
    //! The open uniform (w + 0.5) / 2^32 of a random word (PathRng::NextOpenUniform).
    SIMBOOK_HD SIMBOOK_LANE_INLINE static F64 Uniform(U32 w) {
        return (static_cast<double>(w) + 0.5) * (1.0 / 4294967296.0);
    }
    //! A whole number 0 <= v < 2^32 as a word.
    SIMBOOK_HD SIMBOOK_LANE_INLINE static U32 WordOf(F64 v) { return static_cast<U32>(v); }
    //! table[index] per lane, index a whole number.
    SIMBOOK_HD SIMBOOK_LANE_INLINE static F64 GatherF(const double* table, F64 index) {
        return table[static_cast<int>(index)];
    }
    //! x = m * 2^e with m in [1, 2), for a normal x > 0: the exponent and mantissa fields of x, read exactly.
    SIMBOOK_HD SIMBOOK_LANE_INLINE static void SplitLog2(F64 x, F64& m, F64& e) {
        std::uint64_t bits;
        std::memcpy(&bits, &x, sizeof bits);
        e = static_cast<double>(static_cast<int>((bits >> 52) & 0x7ffu) - 1023);
        bits = (bits & 0x000fffffffffffffull) | 0x3ff0000000000000ull;
        std::memcpy(&m, &bits, sizeof m);
    }
};

//! Philox4x32-10 over lanes: lane i is the stream of path first_path + i, word for word the words
//! PathRng(seed, first_path + i) returns (block b is the counter {path lo, path hi, b, 0} under the key
//! {seed lo, seed hi}; PathRng's k-th draw is word k % 4 of block k / 4).
template <typename L> class LanePhilox {
public:
    using U32 = typename L::U32;

    SIMBOOK_HD LanePhilox(std::uint64_t seed, std::uint64_t first_path)
        : key0_(static_cast<std::uint32_t>(seed)), key1_(static_cast<std::uint32_t>(seed >> 32)),
          path_lo_(L::GenerateU([first_path](int i) { return static_cast<std::uint32_t>(first_path + i); })),
          path_hi_(L::GenerateU([first_path](int i) { return static_cast<std::uint32_t>((first_path + i) >> 32); })) {}

    //! The four words of block b of every lane.
    SIMBOOK_HD SIMBOOK_LANE_INLINE void Block(std::uint32_t b, U32 (&out)[4]) const {
        Block(key0_, key1_, path_lo_, path_hi_, U32(b), out);
    }

    //! The four words of block b[i] of path hi[i]:lo[i] in each lane i, under the key {key0, key1}: lanes whose paths
    //! or block counters differ (a kernel whose lanes take new paths as theirs end).
    SIMBOOK_HD SIMBOOK_LANE_INLINE static void Block(std::uint32_t key0, std::uint32_t key1, const U32& lo,
                                                     const U32& hi, const U32& b, U32 (&out)[4]) {
        U32 c0 = lo;
        U32 c1 = hi;
        U32 c2 = b;
        U32 c3 = U32(0u);
        std::uint32_t k0 = key0;
        std::uint32_t k1 = key1;
        for (int round = 0; round < 10; ++round) {
            U32 hi0, lo0, hi1, lo1;
            L::MulHiLo(kM0, c0, hi0, lo0);
            L::MulHiLo(kM1, c2, hi1, lo1);
            c0 = hi1 ^ c1 ^ U32(k0);
            c1 = lo1;
            c2 = hi0 ^ c3 ^ U32(k1);
            c3 = lo0;
            k0 += kW0;
            k1 += kW1;
        }
        out[0] = c0;
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
    }

private:
    // Random123's PHILOX_M4x32_0/1 and PHILOX_W32_0/1.
    static constexpr std::uint32_t kM0 = 0xD2511F53u;
    static constexpr std::uint32_t kM1 = 0xCD9E8D57u;
    static constexpr std::uint32_t kW0 = 0x9E3779B9u;
    static constexpr std::uint32_t kW1 = 0xBB67AE85u;

    std::uint32_t key0_;
    std::uint32_t key1_;
    U32 path_lo_;
    U32 path_hi_;
};

} // namespace simbook::kernels
