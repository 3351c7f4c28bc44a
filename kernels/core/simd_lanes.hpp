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
};

} // namespace simbook::kernels
