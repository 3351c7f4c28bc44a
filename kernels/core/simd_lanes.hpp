//! SIMD lanes for host code: W paths per lane object as std::experimental::simd batches (g++ 12).
#pragma once

#include "kernels/core/config.hpp"
#include "kernels/core/lanes.cuh"

#if SIMBOOK_CUDA_COMPILER
#error "simd_lanes.hpp is host-only: nvcc builds use ScalarLanes"
#endif

#include <experimental/simd>

#include <cstdint>
#include <utility>

#if defined(__AVX2__)
#include <immintrin.h>
#endif

namespace simbook::kernels {

namespace stdx = std::experimental;

//! Lanes of the host's native vector width for 32-bit integers: 8 with AVX2, 16 with AVX-512.
inline constexpr int kNativeLanes = static_cast<int>(stdx::native_simd<std::int32_t>::size());

//! W paths per lane object (see ScalarLanes for the interface). Batches use the host's own ABI for W lanes
//! where it has one (deduce_t), so each is one register whose operations GCC inlines; fixed_size batches wrap
//! the same registers in tuples whose element lambdas GCC 12 does not always inline (3x slower here).
template <int W> struct SimdLanes {
    static constexpr int kWidth = W;
    using I32 = stdx::simd<std::int32_t, stdx::simd_abi::deduce_t<std::int32_t, W>>;
    using U32 = stdx::simd<std::uint32_t, stdx::simd_abi::deduce_t<std::uint32_t, W>>;
    using Mask = typename I32::mask_type;

    // libstdc++ 12's where-expression assignment does nothing under clang 14 (every lane keeps its old value),
    // so clang builds (the sanitizer and fuzzing builds) select lane by lane; GCC keeps the masked blend.
    SIMBOOK_LANE_INLINE static I32 Select(const Mask& m, const I32& a, const I32& b) {
#if defined(__clang__)
        return I32([&](auto i) { return m[i] ? a[i] : b[i]; });
#else
        I32 r = b;
        stdx::where(m, r) = a;
        return r;
#endif
    }
    SIMBOOK_LANE_INLINE static I32 Count(const Mask& m) {
        return Select(m, I32(1), I32(0));
    }
    SIMBOOK_LANE_INLINE static I32 Clamp(const I32& v, const I32& lo, const I32& hi) {
        return stdx::clamp(v, lo, hi);
    }
    SIMBOOK_LANE_INLINE static bool Any(const Mask& m) {
        return stdx::any_of(m);
    }
    SIMBOOK_LANE_INLINE static bool All(const Mask& m) {
        return stdx::all_of(m);
    }
    SIMBOOK_LANE_INLINE static std::int32_t MinLane(const I32& v) {
        return stdx::hmin(v);
    }
    SIMBOOK_LANE_INLINE static std::int32_t Lane(const I32& v, int i) {
        return v[i];
    }
    SIMBOOK_LANE_INLINE static std::uint32_t Lane(const U32& v, int i) {
        return v[i];
    }
    template <typename F> SIMBOOK_LANE_INLINE static I32 Generate(F&& f) {
        return I32([&f](auto i) { return static_cast<std::int32_t>(f(static_cast<int>(i))); });
    }
    template <typename F> SIMBOOK_LANE_INLINE static U32 GenerateU(F&& f) {
        return U32([&f](auto i) { return static_cast<std::uint32_t>(f(static_cast<int>(i))); });
    }
    //! table[index] per lane: one hardware gather where the host has one for this width, else lane by lane.
    SIMBOOK_LANE_INLINE static U32 Gather(const std::uint32_t* table, const I32& index) {
#if defined(__AVX512F__)
        if constexpr (W == 16) {
            alignas(64) std::int32_t at[W];
            index.copy_to(at, stdx::vector_aligned);
            alignas(64) std::uint32_t out[W];
            _mm512_store_si512(
                out, _mm512_mask_i32gather_epi32(_mm512_setzero_si512(), 0xffff, _mm512_load_si512(at), table, 4));
            return U32(out, stdx::vector_aligned);
        }
#endif
#if defined(__AVX2__)
        if constexpr (W == 8) {
            alignas(32) std::int32_t at[W];
            index.copy_to(at, stdx::vector_aligned);
            alignas(32) std::uint32_t out[W];
            _mm256_store_si256(reinterpret_cast<__m256i*>(out),
                               _mm256_i32gather_epi32(reinterpret_cast<const int*>(table),
                                                      _mm256_load_si256(reinterpret_cast<const __m256i*>(at)), 4));
            return U32(out, stdx::vector_aligned);
        }
#endif
        return U32([&](auto i) { return table[index[i]]; });
    }
    SIMBOOK_LANE_INLINE static void Store(std::int32_t* out, const I32& v) {
        v.copy_to(out, stdx::element_aligned);
    }
    SIMBOOK_LANE_INLINE static I32 Bits(const U32& v) {
        return stdx::static_simd_cast<I32>(v);
    }

    //! hi:lo = a * b per lane, from 64-bit products: widening multiplies of even and odd lanes where the
    //! host has them for this width, else one 64-bit product per lane. (The zero-masked AVX-512 forms avoid
    //! GCC 12's false -Wuninitialized on the unmasked intrinsics.)
    SIMBOOK_LANE_INLINE static void MulHiLo(std::uint32_t a, const U32& b, U32& hi, U32& lo) {
#if defined(__AVX512F__)
        if constexpr (W == 16) {
            alignas(64) std::uint32_t buffer[W];
            b.copy_to(buffer, stdx::vector_aligned);
            const __m512i x = _mm512_load_si512(buffer);
            const __m512i m = _mm512_set1_epi32(static_cast<int>(a));
            const __m512i even = _mm512_maskz_mul_epu32(0xff, x, m);
            const __m512i odd = _mm512_maskz_mul_epu32(0xff, _mm512_maskz_srli_epi64(0xff, x, 32), m);
            _mm512_store_si512(buffer, _mm512_mask_blend_epi32(0xaaaa, _mm512_maskz_srli_epi64(0xff, even, 32), odd));
            hi.copy_from(buffer, stdx::vector_aligned);
            _mm512_store_si512(buffer, _mm512_mask_blend_epi32(0xaaaa, even, _mm512_maskz_slli_epi64(0xff, odd, 32)));
            lo.copy_from(buffer, stdx::vector_aligned);
            return;
        }
#endif
#if defined(__AVX2__)
        if constexpr (W == 8) {
            alignas(32) std::uint32_t buffer[W];
            b.copy_to(buffer, stdx::vector_aligned);
            const __m256i x = _mm256_load_si256(reinterpret_cast<const __m256i*>(buffer));
            const __m256i m = _mm256_set1_epi32(static_cast<int>(a));
            const __m256i even = _mm256_mul_epu32(x, m);
            const __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(x, 32), m);
            _mm256_store_si256(reinterpret_cast<__m256i*>(buffer),
                               _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xaa));
            hi.copy_from(buffer, stdx::vector_aligned);
            _mm256_store_si256(reinterpret_cast<__m256i*>(buffer),
                               _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xaa));
            lo.copy_from(buffer, stdx::vector_aligned);
            return;
        }
#endif
        hi = U32([&](auto i) { return static_cast<std::uint32_t>((std::uint64_t{a} * b[i]) >> 32); });
        lo = b * U32(a);
    }

    // Double lanes (see ScalarLanes): W doubles per batch.
    using F64 = stdx::simd<double, stdx::simd_abi::deduce_t<double, W>>;
    using FMask = typename F64::mask_type;
    SIMBOOK_LANE_INLINE static F64 SelectF(const FMask& m, const F64& a, const F64& b) {
#if defined(__clang__)
        return F64([&](auto i) { return m[i] ? a[i] : b[i]; });
#else
        F64 r = b;
        stdx::where(m, r) = a;
        return r;
#endif
    }
    SIMBOOK_LANE_INLINE static bool AnyF(const FMask& m) {
        return stdx::any_of(m);
    }
    SIMBOOK_LANE_INLINE static bool LaneF(const FMask& m, int i) {
        return m[i];
    }
    SIMBOOK_LANE_INLINE static double LaneF(const F64& v, int i) {
        return v[i];
    }
    SIMBOOK_LANE_INLINE static void StoreF(double* out, const F64& v) {
        v.copy_to(out, stdx::element_aligned);
    }
    SIMBOOK_LANE_INLINE static F64 TruncF(const F64& v) {
#if defined(__AVX512F__)
        if constexpr (W == 8) {
            alignas(64) double buffer[W];
            v.copy_to(buffer, stdx::vector_aligned);
            _mm512_store_pd(buffer, _mm512_maskz_roundscale_pd(0xff, _mm512_load_pd(buffer),
                                                               _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC));
            return F64(buffer, stdx::vector_aligned);
        }
#endif
        return stdx::trunc(v);
    }
    SIMBOOK_LANE_INLINE static unsigned BitsF(const FMask& m) {
        unsigned bits = 0;
        for (int i = 0; i < W; ++i) {
            bits |= m[i] ? 1u << i : 0u;
        }
        return bits;
    }
    SIMBOOK_LANE_INLINE static U32 LoadU(const std::uint32_t* in) {
        return U32(in, stdx::element_aligned);
    }
    template <typename F> SIMBOOK_LANE_INLINE static FMask MaskF(F&& f) {
        return F64([&f](auto i) { return f(static_cast<int>(i)) ? 1.0 : 0.0; }) > F64(0.5);
    }
    template <typename F> SIMBOOK_LANE_INLINE static F64 GenerateF(F&& f) {
        return F64([&f](auto i) { return static_cast<double>(f(static_cast<int>(i))); });
    }
    // The conversions below use AVX-512's zero-masked forms where W == 8: libstdc++'s own (unmasked) ones trip GCC
    // 12's false -Wuninitialized, as in MulHiLo.
    SIMBOOK_LANE_INLINE static F64 Uniform(const U32& w) {
#if defined(__AVX512F__)
        if constexpr (W == 8) {
            alignas(64) std::uint32_t words[W];
            w.copy_to(words, stdx::vector_aligned);
            alignas(64) double buffer[W];
            _mm512_store_pd(buffer,
                            _mm512_maskz_cvtepu32_pd(0xff, _mm256_load_si256(reinterpret_cast<const __m256i*>(words))));
            return (F64(buffer, stdx::vector_aligned) + 0.5) * (1.0 / 4294967296.0);
        }
#endif
        return (stdx::static_simd_cast<F64>(w) + 0.5) * (1.0 / 4294967296.0);
    }
    SIMBOOK_LANE_INLINE static U32 WordOf(const F64& v) {
#if defined(__AVX512F__)
        if constexpr (W == 8) {
            alignas(64) double buffer[W];
            v.copy_to(buffer, stdx::vector_aligned);
            alignas(64) std::uint32_t words[W];
            _mm256_store_si256(reinterpret_cast<__m256i*>(words),
                               _mm512_maskz_cvttpd_epu32(0xff, _mm512_load_pd(buffer)));
            return U32(words, stdx::vector_aligned);
        }
#endif
        return stdx::static_simd_cast<U32>(v);
    }
    SIMBOOK_LANE_INLINE static F64 GatherF(const double* table, const F64& index) {
        return F64([&](auto i) { return table[static_cast<int>(index[i])]; });
    }
    //! As ScalarLanes::SplitLog2: AVX-512's getmant/getexp, or AVX2's field extraction (the exponent converted
    //! exactly by the 2^52 trick), else lane by lane.
    SIMBOOK_LANE_INLINE static void SplitLog2(const F64& x, F64& m, F64& e) {
#if defined(__AVX512F__)
        if constexpr (W == 8) {
            alignas(64) double buffer[W];
            x.copy_to(buffer, stdx::vector_aligned);
            const __m512d v = _mm512_load_pd(buffer);
            _mm512_store_pd(buffer, _mm512_maskz_getmant_pd(0xff, v, _MM_MANT_NORM_1_2, _MM_MANT_SIGN_src));
            m.copy_from(buffer, stdx::vector_aligned);
            _mm512_store_pd(buffer, _mm512_maskz_getexp_pd(0xff, v));
            e.copy_from(buffer, stdx::vector_aligned);
            return;
        }
#endif
#if defined(__AVX2__)
        if constexpr (W == 4) {
            alignas(32) double buffer[W];
            x.copy_to(buffer, stdx::vector_aligned);
            const __m256i bits = _mm256_castpd_si256(_mm256_load_pd(buffer));
            const __m256i biased = _mm256_or_si256(_mm256_srli_epi64(bits, 52), _mm256_set1_epi64x(0x4330000000000000));
            _mm256_store_pd(buffer,
                            _mm256_sub_pd(_mm256_castsi256_pd(biased), _mm256_set1_pd(4503599627370496.0 + 1023.0)));
            e.copy_from(buffer, stdx::vector_aligned);
            const __m256i mantissa = _mm256_or_si256(_mm256_and_si256(bits, _mm256_set1_epi64x(0x000fffffffffffff)),
                                                     _mm256_set1_epi64x(0x3ff0000000000000));
            _mm256_store_pd(buffer, _mm256_castsi256_pd(mantissa));
            m.copy_from(buffer, stdx::vector_aligned);
            return;
        }
#endif
        alignas(64) double ms[W];
        alignas(64) double es[W];
        for (int i = 0; i < W; ++i) {
            ScalarLanes::SplitLog2(x[i], ms[i], es[i]);
        }
        m.copy_from(ms, stdx::element_aligned);
        e.copy_from(es, stdx::element_aligned);
    }
};

//! Lanes of the host's native vector width for doubles: 4 with AVX2, 8 with AVX-512.
inline constexpr int kNativeDoubleLanes = static_cast<int>(stdx::native_simd<double>::size());

} // namespace simbook::kernels
