//! Counter-based random numbers: Philox4x32-10 (Random123) keyed by (seed, path id).
#pragma once

#include "kernels/core/config.hpp"

#include <Random123/philox.h>

#include <cstdint>

namespace simbook::kernels {

//! The random stream of one simulated path. Its draws depend only on (seed, path_id) and the draw index,
//! never on the thread, batch or backend that runs the path. Counter layout: {path lo, path hi, block, 0}.
class PathRng {
public:
    using Engine = r123::Philox4x32;

    SIMBOOK_HD PathRng(std::uint64_t seed, std::uint64_t path_id) {
        key_ = {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
        ctr_ = {{static_cast<std::uint32_t>(path_id), static_cast<std::uint32_t>(path_id >> 32), 0u, 0u}};
    }

    //! Next 32 random bits.
    SIMBOOK_HD std::uint32_t NextU32() {
        if (index_ == 4) {
            Refill();
        }
        return block_.v[index_++];
    }

    //! Uniform double in the open interval (0, 1), exact: (k + 0.5) / 2^32.
    SIMBOOK_HD double NextOpenUniform() { return (static_cast<double>(NextU32()) + 0.5) * (1.0 / 4294967296.0); }

    //! Number of 32-bit draws taken so far.
    SIMBOOK_HD std::uint32_t draws() const { return ctr_.v[2] * 4u - (4u - index_); }

private:
    SIMBOOK_HD void Refill() {
        Engine engine;
        block_ = engine(ctr_, key_);
        ++ctr_.v[2];
        index_ = 0;
    }

    Engine::key_type key_;
    Engine::ctr_type ctr_;
    Engine::ctr_type block_{};
    std::uint32_t index_ = 4;
};

} // namespace simbook::kernels
