#include "engine/score_distribution.hpp"

namespace simbook::engine {

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

} // namespace simbook::engine
