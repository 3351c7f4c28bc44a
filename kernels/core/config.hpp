//! Host/device portability: SIMBOOK_HD, the compiled backends, and the run-time backend choice.
#pragma once

#include <string_view>

// The only place in the project that tests __CUDACC__ (STYLE.md section 3).
#ifdef __CUDACC__
#define SIMBOOK_HD __host__ __device__
#define SIMBOOK_CUDA_COMPILER 1
#else
#define SIMBOOK_HD
#define SIMBOOK_CUDA_COMPILER 0
#endif

// SIMBOOK_SIMD_SUM(x): asks the host compiler to vectorise the next loop, a sum reduction into x (OpenMP
// simd, honoured by g++ with -fopenmp or -fopenmp-simd). Device code and other compilers ignore it.
#if defined(__CUDA_ARCH__) || !defined(_OPENMP)
#define SIMBOOK_SIMD_SUM(x)
#else
#define SIMBOOK_DETAIL_PRAGMA(text) _Pragma(#text)
#define SIMBOOK_SIMD_SUM(x) SIMBOOK_DETAIL_PRAGMA(omp simd reduction(+ : x))
#endif

namespace simbook::kernels {

//! Where paths are simulated. kAuto picks CUDA when a GPU is present, else the CPU (OpenMP).
enum class Backend { kAuto, kCpu, kCuda };

//! "auto", "cpu" or "cuda".
constexpr std::string_view BackendName(Backend backend) {
    switch (backend) {
    case Backend::kAuto:
        return "auto";
    case Backend::kCpu:
        return "cpu";
    case Backend::kCuda:
        return "cuda";
    }
    return "unknown";
}

} // namespace simbook::kernels
