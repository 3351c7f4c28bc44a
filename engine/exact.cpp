#include "engine/exact.hpp"

#include "kernels/basketball/basketball_clock.cuh"
#include "kernels/core/result.hpp"
#include "kernels/soccer/soccer_step.cuh"
#include "models/basketball_model.hpp"

#include <boost/math/distributions/poisson.hpp>

#include <algorithm>

namespace simbook::engine {

namespace ks = kernels::soccer;
namespace kb = kernels::basketball;

std::array<double, 3> ScoreDistribution::WinProbabilities() const {
    std::array<double, 3> w{};
    for (std::size_t h = 0; h < dim_; ++h) {
        for (std::size_t a = 0; a < dim_; ++a) {
            w[h > a ? 0 : (h == a ? 1 : 2)] += At(h, a);
        }
    }
    return w;
}

std::array<double, 2> ScoreDistribution::MeanScore() const {
    std::array<double, 2> m{};
    for (std::size_t h = 0; h < dim_; ++h) {
        for (std::size_t a = 0; a < dim_; ++a) {
            m[0] += At(h, a) * static_cast<double>(h);
            m[1] += At(h, a) * static_cast<double>(a);
        }
    }
    return m;
}

double ScoreDistribution::Truncated() const {
    double total = 0.0;
    for (double x : p_) {
        total += x;
    }
    return 1.0 - total;
}

double RemainingExpectedGoals(const ks::SoccerParams& params, int team, double minute) {
    return params.goal_rate[team] * (params.shape_end[ks::kSegments - 1] - ks::ShapeMinutes(params, minute));
}

ScoreDistribution ExactSoccer(const ks::SoccerParams& params, const ks::SoccerState& state, std::size_t dim) {
    SIMBOOK_REQUIRE(params.leading_mult == 1.0 && params.trailing_mult == 1.0 && params.red_rate[0] == 0.0 &&
                        params.red_rate[1] == 0.0,
                    "ExactSoccer needs a model without state effects");
    SIMBOOK_REQUIRE(params.red_factor[state.red[0]][state.red[1]] == 1.0 &&
                        params.red_factor[state.red[1]][state.red[0]] == 1.0,
                    "ExactSoccer needs red cards without effect");
    std::array<std::vector<double>, 2> pmf;
    for (int team = 0; team < 2; ++team) {
        const double mean = RemainingExpectedGoals(params, team, state.minute);
        const int already = team == 0 ? state.home : state.away;
        pmf[team].assign(dim, 0.0);
        for (std::size_t g = static_cast<std::size_t>(already); g < dim; ++g) {
            const double k = static_cast<double>(g - static_cast<std::size_t>(already));
            pmf[team][g] = mean > 0.0 ? boost::math::pdf(boost::math::poisson_distribution<double>(mean), k)
                                      : (k == 0.0 ? 1.0 : 0.0);
        }
    }
    ScoreDistribution d(dim);
    for (std::size_t h = 0; h < dim; ++h) {
        for (std::size_t a = 0; a < dim; ++a) {
            d.At(h, a) = pmf[0][h] * pmf[1][a];
        }
    }
    return d;
}

std::array<double, 4> PossessionPointsPmf(const kb::BasketballTeamParams& team) {
    const auto q = models::ChanceProbabilities(team);
    using C = kb::Chance;
    auto at = [&q](C c) { return q[static_cast<std::size_t>(c)]; };
    const double keep = at(C::kTwoMissOffReb) + at(C::kThreeMissOffReb);
    const double scale = 1.0 / (1.0 - keep);
    return {(at(C::kTurnover) + at(C::kTwoMissDefReb) + at(C::kThreeMissDefReb) + at(C::kFreeThrowsNone)) * scale,
            at(C::kFreeThrowsOne) * scale, (at(C::kTwoMade) + at(C::kFreeThrowsTwo)) * scale,
            at(C::kThreeMade) * scale};
}

namespace {

//! pmf of the points of k possessions: the k-fold convolution of the possession pmf.
std::vector<double> ConvolutionPower(const std::array<double, 4>& pmf, int k) {
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
void AddBlock(ScoreDistribution& d, double weight, const std::array<std::array<double, 4>, 2>& pmf, int h0, int a0,
              int kh, int ka, int m) {
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

} // namespace

ScoreDistribution ExactBasketball(const kb::BasketballParams& params, const kb::BasketballState& state,
                                  std::size_t dim) {
    const std::array<std::array<double, 4>, 2> pmf = {PossessionPointsPmf(params.team[0]),
                                                      PossessionPointsPmf(params.team[1])};
    const auto pace = models::PaceProbabilities(params);
    ScoreDistribution d(dim);
    for (int k = 0; k < kb::kPaceValues; ++k) {
        const double pn = pace[static_cast<std::size_t>(k)];
        if (pn == 0.0) {
            continue;
        }
        const int n = params.pace_min + k;
        const int slots = kb::SlotsLeft(n, state);
        const int m = kb::OvertimePossessions(n);
        const int first = (slots + 1) / 2; // the team with the ball plays the extra slot of an odd count
        const int second = slots / 2;
        if (state.possession >= 0) {
            const int kh = state.possession == 0 ? first : second;
            AddBlock(d, pn, pmf, state.score[0], state.score[1], kh, slots - kh, m);
        } else {
            AddBlock(d, 0.5 * pn, pmf, state.score[0], state.score[1], first, second, m);
            AddBlock(d, 0.5 * pn, pmf, state.score[0], state.score[1], second, first, m);
        }
    }
    return d;
}

} // namespace simbook::engine
