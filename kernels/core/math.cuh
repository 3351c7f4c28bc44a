//! Elementary functions built from IEEE basic operations only, so host and device round identically.
#pragma once

#include "kernels/core/config.hpp"
#include "kernels/core/lanes.cuh"

#include <cstdint>
#include <cstring>

namespace simbook::kernels {

//! Natural logarithm of each lane of x (finite, normal, > 0), within 2 ulp of the true value. Unlike std::log,
//! whose last bit differs between glibc and CUDA's libdevice, this gives the same double on every backend and lane
//! width (with floating-point contraction off, which the build sets), so paths are bit-identical across backends.
template <typename L> SIMBOOK_HD SIMBOOK_LANE_INLINE typename L::F64 LogLanes(const typename L::F64& x) {
    using F64 = typename L::F64;
    F64 m;
    F64 e;
    L::SplitLog2(x, m, e); // x = m 2^e, m in [1, 2)
    // Keep m in [sqrt(1/2), sqrt(2)) so the series converges fast (both steps exact).
    const typename L::FMask big = m > F64(1.4142135623730951);
    m = L::SelectF(big, m * 0.5, m);
    e = L::SelectF(big, e + 1.0, e);
    // log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716: the series to s^21 reaches 1e-17. Its
    // polynomial in z = s^2 is evaluated by Estrin's scheme: a short dependency chain, since sampling
    // exponentials is latency-bound.
    const F64 s = (m - 1.0) / (m + 1.0);
    const F64 z = s * s;
    const F64 z2 = z * z;
    const F64 z4 = z2 * z2;
    const F64 z8 = z4 * z4;
    const F64 q0 = 1.0 + z * (1.0 / 3.0);
    const F64 q1 = 1.0 / 5.0 + z * (1.0 / 7.0);
    const F64 q2 = 1.0 / 9.0 + z * (1.0 / 11.0);
    const F64 q3 = 1.0 / 13.0 + z * (1.0 / 15.0);
    const F64 q4 = 1.0 / 17.0 + z * (1.0 / 19.0);
    const F64 r0 = q0 + z2 * q1;
    const F64 r1 = q2 + z2 * q3;
    const F64 r2 = q4 + z2 * (1.0 / 21.0);
    const F64 poly = (r0 + z4 * r1) + z8 * r2;
    constexpr double kLn2Hi = 6.93147180369123816490e-01; // ln 2 split so exponent * kLn2Hi is exact
    constexpr double kLn2Lo = 1.90821492927058770002e-10;
    return e * kLn2Hi + (2.0 * s * poly + e * kLn2Lo);
}

//! LogLanes of one double.
SIMBOOK_HD inline double PortableLog(double x) {
    return LogLanes<ScalarLanes>(x);
}

//! A draw from Exp(1) from a uniform u in (0, 1).
SIMBOOK_HD inline double ExpFromUniform(double u) {
    return -PortableLog(u);
}

} // namespace simbook::kernels
