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

double IntegerPmf::At(int x) const {
    const long i = static_cast<long>(x) - offset;
    return i >= 0 && i < static_cast<long>(p.size()) ? p[static_cast<std::size_t>(i)] : 0.0;
}

double IntegerPmf::Mean() const {
    double mean = 0.0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        mean += p[i] * (offset + static_cast<double>(i));
    }
    return mean;
}

double IntegerPmf::Sum() const {
    double sum = 0.0;
    for (const double x : p) {
        sum += x;
    }
    return sum;
}

ExactLines LinesOf(const ScoreDistribution& grid) {
    const int dim = static_cast<int>(grid.dim());
    ExactLines lines;
    lines.margin.offset = -(dim - 1);
    lines.margin.p.assign(static_cast<std::size_t>(2 * dim - 1), 0.0);
    lines.total.p.assign(static_cast<std::size_t>(2 * dim - 1), 0.0);
    for (int h = 0; h < dim; ++h) {
        for (int a = 0; a < dim; ++a) {
            const double p = grid.At(static_cast<std::size_t>(h), static_cast<std::size_t>(a));
            lines.margin.p[static_cast<std::size_t>(h - a + dim - 1)] += p;
            lines.total.p[static_cast<std::size_t>(h + a)] += p;
        }
    }
    return lines;
}

} // namespace simbook::engine
