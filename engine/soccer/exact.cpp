#include "engine/soccer/exact.hpp"

#include "kernels/core/result.hpp"
#include "kernels/soccer/soccer_step.cuh"

#include <boost/math/distributions/poisson.hpp>

#include <vector>

namespace simbook::engine {

namespace ks = kernels::soccer;

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

} // namespace simbook::engine
