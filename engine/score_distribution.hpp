//! A joint final-score distribution on a square grid: what the exact pricers of every sport return.
#pragma once

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

//! A probability mass function on consecutive integers: P(X = offset + i) = p[i].
struct IntegerPmf {
    int offset = 0;
    std::vector<double> p;

    //! P(X = x); 0 outside the support.
    double At(int x) const;
    double Mean() const;
    double Sum() const;
};

//! What main lines (match result, spread, total) need: the final margin (home - away) and total.
struct ExactLines {
    IntegerPmf margin;
    IntegerPmf total;
};

//! The margin and total marginals of a score grid.
ExactLines LinesOf(const ScoreDistribution& grid);

} // namespace simbook::engine
