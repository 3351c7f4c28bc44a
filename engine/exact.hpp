//! Exact final-score distributions where the models factorise: test oracles now, fast paths later.
#pragma once

#include "kernels/basketball/basketball_params.hpp"
#include "kernels/soccer/soccer_params.hpp"

#include <array>
#include <cstddef>
#include <vector>

namespace simbook::engine {

//! A joint probability distribution of the final score on a square grid 0..dim-1 (mass outside the grid,
//! if any, is reported by Truncated()).
class ScoreDistribution {
public:
    explicit ScoreDistribution(std::size_t dim) : dim_(dim), p_(dim * dim, 0.0) {}

    std::size_t dim() const { return dim_; }
    double At(std::size_t home, std::size_t away) const {
        return home < dim_ && away < dim_ ? p_[home * dim_ + away] : 0.0;
    }
    double& At(std::size_t home, std::size_t away) { return p_[home * dim_ + away]; }

    //! P(home wins), P(draw), P(away wins).
    std::array<double, 3> WinProbabilities() const;
    std::array<double, 2> MeanScore() const;
    //! 1 minus the mass on the grid.
    double Truncated() const;

private:
    std::size_t dim_;
    std::vector<double> p_;
};

//! Soccer with no state effects (leading/trailing multipliers 1, no red cards): the remaining goals of each
//! team are independent Poissons whose means integrate the piecewise intensity from the state to full time.
//! Requires params without state effects (checked).
ScoreDistribution ExactSoccer(const kernels::soccer::SoccerParams& params, const kernels::soccer::SoccerState& state,
                              std::size_t dim = 64);

//! Remaining expected goals of a team (0 home, 1 away) from a played minute to full time, no state effects.
double RemainingExpectedGoals(const kernels::soccer::SoccerParams& params, int team, double minute);

//! Points of one possession: P(0), P(1), P(2), P(3), from the kernel's quantised chance probabilities
//! (offensive-rebound chains summed as a geometric series).
std::array<double, 4> PossessionPointsPmf(const kernels::basketball::BasketballTeamParams& team);

//! Basketball by dynamic programming: possession points convolved over the remaining possessions of each
//! team, mixed over the pace distribution, then overtimes until untied, exactly as the kernel schedules
//! possessions from the state.
ScoreDistribution ExactBasketball(const kernels::basketball::BasketballParams& params,
                                  const kernels::basketball::BasketballState& state, std::size_t dim = 320);

} // namespace simbook::engine
