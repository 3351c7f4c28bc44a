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

// Host code built for AVX-512 may use its intrinsics in hot helpers (with a portable version beside them that
// device code and other hosts run, tested to agree).
#if !defined(__CUDA_ARCH__) && defined(__AVX512F__)
#define SIMBOOK_HOST_AVX512 1
#else
#define SIMBOOK_HOST_AVX512 0
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
