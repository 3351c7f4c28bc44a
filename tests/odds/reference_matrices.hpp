//! Hand-checkable score matrices shared by the odds tests.
#pragma once

#include "odds/score_markets.hpp"

#include <cstdint>

namespace simbook::odds::testing {

//! The reference grid: rows are home goals 0..2, columns away goals 0..2; the entries sum to 1.
inline ScoreMatrix Reference(std::uint64_t sims = 0) {
    return ScoreMatrix::Create({{0.1, 0.2, 0.1}, {0.2, 0.1, 0.05}, {0.1, 0.05, 0.1}}, sims).value();
}

//! Asymmetric: home 0..1, away 0..2, so swapped teams or axes show up.
inline ScoreMatrix Lopsided() {
    return ScoreMatrix::Create({{0.1, 0.2, 0.3}, {0.15, 0.05, 0.2}}).value();
}

} // namespace simbook::odds::testing
