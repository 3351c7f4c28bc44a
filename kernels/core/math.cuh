//! Elementary functions built from IEEE basic operations only, so host and device round identically.
#pragma once

#include "kernels/core/config.hpp"

#include <cstdint>
#include <cstring>

namespace simbook::kernels {

//! Natural logarithm of a finite x > 0, within 2 ulp of the true value. Unlike std::log, whose last bit
//! differs between glibc and CUDA's libdevice, this gives the same double on every backend (with
//! floating-point contraction off, which the build sets), so paths are bit-identical across backends.
SIMBOOK_HD inline double PortableLog(double x) {
    std::uint64_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    int exponent = static_cast<int>((bits >> 52) & 0x7ffu) - 1023;
    bits = (bits & 0x000fffffffffffffull) | 0x3ff0000000000000ull; // mantissa m in [1, 2)
    double m;
    std::memcpy(&m, &bits, sizeof m);
    if (m > 1.4142135623730951) { // keep m in [sqrt(1/2), sqrt(2)) so the series converges fast
        m *= 0.5;
        ++exponent;
    }
    // log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716: the series to s^21 reaches 1e-17. Its
    // polynomial in z = s^2 is evaluated by Estrin's scheme: a short dependency chain, since sampling
    // exponentials is latency-bound.
    const double s = (m - 1.0) / (m + 1.0);
    const double z = s * s;
    const double z2 = z * z;
    const double z4 = z2 * z2;
    const double z8 = z4 * z4;
    const double q0 = 1.0 + z * (1.0 / 3.0);
    const double q1 = 1.0 / 5.0 + z * (1.0 / 7.0);
    const double q2 = 1.0 / 9.0 + z * (1.0 / 11.0);
    const double q3 = 1.0 / 13.0 + z * (1.0 / 15.0);
    const double q4 = 1.0 / 17.0 + z * (1.0 / 19.0);
    const double r0 = q0 + z2 * q1;
    const double r1 = q2 + z2 * q3;
    const double r2 = q4 + z2 * (1.0 / 21.0);
    const double poly = (r0 + z4 * r1) + z8 * r2;
    constexpr double kLn2Hi = 6.93147180369123816490e-01; // ln 2 split so exponent * kLn2Hi is exact
    constexpr double kLn2Lo = 1.90821492927058770002e-10;
    const double e = static_cast<double>(exponent);
    return e * kLn2Hi + (2.0 * s * poly + e * kLn2Lo);
}

//! A draw from Exp(1) from a uniform u in (0, 1).
SIMBOOK_HD inline double ExpFromUniform(double u) {
    return -PortableLog(u);
}

} // namespace simbook::kernels
