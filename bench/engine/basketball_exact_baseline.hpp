//! The exact basketball pricer as it was before the shared-powers rewrite (engine/basketball/exact.cpp at
//! 5df026c), kept verbatim as the reference and speed baseline of the benchmark and tests.
#pragma once

#include "engine/basketball/exact.hpp"
#include "engine/score_distribution.hpp"
#include "kernels/basketball/basketball_clock.cuh"
#include "kernels/basketball/basketball_params.hpp"
#include "models/basketball_model.hpp"

#include <array>
#include <cstddef>
#include <vector>

namespace simbook::bench {

namespace detail {

namespace kb = kernels::basketball;

//! pmf of the points of k possessions: the k-fold convolution of the possession pmf.
inline std::vector<double> ConvolutionPower(const std::array<double, 4>& pmf, int k) {
    std::vector<double> out{1.0};
    for (int i = 0; i < k; ++i) {
        std::vector<double> next(out.size() + 3, 0.0);
        for (std::size_t s = 0; s < out.size(); ++s) {
            for (std::size_t x = 0; x < 4; ++x) {
                next[s + x] += out[s] * pmf[x];
            }
        }
        out.swap(next);
    }
    return out;
}

//! Adds weight * (distribution of a block where home plays kh and away ka possessions, from score (h0, a0),
//! followed by overtimes of m possessions each while tied) to d.
inline void AddBlock(engine::ScoreDistribution& d, double weight, const std::array<std::array<double, 4>, 2>& pmf,
                     int h0, int a0, int kh, int ka, int m) {
    const std::size_t dim = d.dim();
    const std::vector<double> ph = ConvolutionPower(pmf[0], kh);
    const std::vector<double> pa = ConvolutionPower(pmf[1], ka);
    std::vector<double> tied(dim, 0.0); // mass level at score s after the block
    for (std::size_t x = 0; x < ph.size(); ++x) {
        for (std::size_t y = 0; y < pa.size(); ++y) {
            const std::size_t h = static_cast<std::size_t>(h0) + x;
            const std::size_t a = static_cast<std::size_t>(a0) + y;
            if (h >= dim || a >= dim) {
                continue;
            }
            if (h == a) {
                tied[h] += weight * ph[x] * pa[y];
            } else {
                d.At(h, a) += weight * ph[x] * pa[y];
            }
        }
    }
    const std::vector<double> oh = ConvolutionPower(pmf[0], m);
    const std::vector<double> oa = ConvolutionPower(pmf[1], m);
    for (int overtime = 0; overtime < kb::kMaxOvertimes && m > 0; ++overtime) {
        std::vector<double> next(dim, 0.0);
        double left = 0.0;
        for (std::size_t s = 0; s < dim; ++s) {
            if (tied[s] == 0.0) {
                continue;
            }
            for (std::size_t x = 0; x < oh.size(); ++x) {
                for (std::size_t y = 0; y < oa.size(); ++y) {
                    const std::size_t h = s + x;
                    const std::size_t a = s + y;
                    if (h >= dim || a >= dim) {
                        continue;
                    }
                    const double mass = tied[s] * oh[x] * oa[y];
                    if (h == a) {
                        next[h] += mass;
                        left += mass;
                    } else {
                        d.At(h, a) += mass;
                    }
                }
            }
        }
        tied.swap(next);
        if (left < 1e-18) {
            break;
        }
    }
}

} // namespace detail

//! ExactBasketball as it was: convolution powers and the overtime loop rebuilt for every (pace, split) block.
inline engine::ScoreDistribution ExactBasketballBaseline(const kernels::basketball::BasketballParams& params,
                                                         const kernels::basketball::BasketballState& state,
                                                         std::size_t dim = 320) {
    const std::array<std::array<double, 4>, 2> pmf = {engine::PossessionPointsPmf(params.team[0]),
                                                      engine::PossessionPointsPmf(params.team[1])};
    const auto pace = models::PaceProbabilities(params);
    engine::ScoreDistribution d(dim);
    for (int k = 0; k < kernels::basketball::kPaceValues; ++k) {
        const double pn = pace[static_cast<std::size_t>(k)];
        if (pn == 0.0) {
            continue;
        }
        const int n = params.pace_min + k;
        const int slots = kernels::basketball::SlotsLeft(n, state);
        const int m = kernels::basketball::OvertimePossessions(n);
        const int first = (slots + 1) / 2; // the team with the ball plays the extra slot of an odd count
        const int second = slots / 2;
        if (state.possession >= 0) {
            const int kh = state.possession == 0 ? first : second;
            detail::AddBlock(d, pn, pmf, state.score[0], state.score[1], kh, slots - kh, m);
        } else {
            detail::AddBlock(d, 0.5 * pn, pmf, state.score[0], state.score[1], first, second, m);
            detail::AddBlock(d, 0.5 * pn, pmf, state.score[0], state.score[1], second, first, m);
        }
    }
    return d;
}

} // namespace simbook::bench
