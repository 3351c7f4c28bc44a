#include "engine/simulation_result.hpp"

#include "kernels/core/result.hpp"

#include <cmath>

namespace simbook::engine {

void SimulationResult::Combine(const SimulationResult& other) {
    SIMBOOK_REQUIRE(tallies.index() == other.tallies.index(), "SimulationResult::Combine: sports differ");
    sims += other.sims;
    invalid_paths += other.invalid_paths;
    score.Combine(other.score);
    std::visit(
        [&other](auto& mine) {
            using Tallies = std::decay_t<decltype(mine)>;
            mine.Combine(std::get<Tallies>(other.tallies));
        },
        tallies);
}

std::array<double, 3> SimulationResult::WinProbabilities() const {
    std::array<std::uint64_t, 3> counts{};
    for (std::size_t h = 0; h < score.dim(); ++h) {
        for (std::size_t a = 0; a < score.dim(); ++a) {
            counts[h > a ? 0 : (h == a ? 1 : 2)] += score.count(h, a);
        }
    }
    const double n = sims > 0 ? static_cast<double>(sims) : 1.0;
    return {counts[0] / n, counts[1] / n, counts[2] / n};
}

double SimulationResult::HomeWinStandardError() const {
    if (sims == 0) {
        return 0.0;
    }
    const double p = WinProbabilities()[0];
    return std::sqrt(p * (1.0 - p) / static_cast<double>(sims));
}

std::array<double, 2> SimulationResult::MeanScore() const {
    std::array<std::uint64_t, 2> sum{};
    for (std::size_t h = 0; h < score.dim(); ++h) {
        for (std::size_t a = 0; a < score.dim(); ++a) {
            sum[0] += score.count(h, a) * h;
            sum[1] += score.count(h, a) * a;
        }
    }
    const double n = sims > 0 ? static_cast<double>(sims) : 1.0;
    return {sum[0] / n, sum[1] / n};
}

std::vector<double> SimulationResult::MarginDistribution(int* offset) const {
    const int dim = static_cast<int>(score.dim());
    *offset = -(dim - 1);
    std::vector<double> p(static_cast<std::size_t>(2 * dim - 1), 0.0);
    const double n = sims > 0 ? static_cast<double>(sims) : 1.0;
    for (int h = 0; h < dim; ++h) {
        for (int a = 0; a < dim; ++a) {
            p[static_cast<std::size_t>(h - a + dim - 1)] += score.count(h, a) / n;
        }
    }
    return p;
}

std::vector<double> SimulationResult::TotalDistribution() const {
    const std::size_t dim = score.dim();
    std::vector<double> p(dim == 0 ? 0 : 2 * dim - 1, 0.0);
    const double n = sims > 0 ? static_cast<double>(sims) : 1.0;
    for (std::size_t h = 0; h < dim; ++h) {
        for (std::size_t a = 0; a < dim; ++a) {
            p[h + a] += score.count(h, a) / n;
        }
    }
    return p;
}

} // namespace simbook::engine
