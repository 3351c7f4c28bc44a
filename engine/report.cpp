#include "engine/report.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <utility>
#include <vector>

namespace simbook::engine {

namespace report_format {

double Ratio(std::uint64_t count, std::uint64_t total) {
    return total > 0 ? static_cast<double>(count) / static_cast<double>(total) : 0.0;
}

//! {"mean": m, "p10": ..., "p90": ...} of a histogram.
nlohmann::json Describe(const Histogram1D& h) {
    nlohmann::json j = {{"mean", h.Mean()}};
    for (int q : kReportedPercentiles) {
        std::string key = std::to_string(q);
        key.insert(0, 1, 'p'); // not "p" + ...: GCC 12 -Wrestrict false positive (PR 105329)
        j[key] = h.Quantile(q / 100.0);
    }
    return j;
}

//! [[value, probability], ...] for values with non-zero mass.
nlohmann::json Pairs(const std::vector<double>& p, int offset) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (p[i] > 0.0) {
            out.push_back({static_cast<int>(i) + offset, p[i]});
        }
    }
    return out;
}

nlohmann::json Pairs(const Histogram1D& h) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < h.size(); ++i) {
        if (h.count(i) > 0) {
            out.push_back({i, Ratio(h.count(i), h.total())});
        }
    }
    return out;
}

nlohmann::json ScoreGrid(const Histogram2D& h, std::uint64_t sims) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t a = 0; a < h.dim(); ++a) {
        for (std::size_t b = 0; b < h.dim(); ++b) {
            if (h.count(a, b) > 0) {
                out.push_back({a, b, Ratio(h.count(a, b), sims)});
            }
        }
    }
    return out;
}

std::array<double, 3> Outcomes(const Histogram2D& h, std::uint64_t sims) {
    std::array<std::uint64_t, 3> c{};
    for (std::size_t a = 0; a < h.dim(); ++a) {
        for (std::size_t b = 0; b < h.dim(); ++b) {
            c[a > b ? 0 : (a == b ? 1 : 2)] += h.count(a, b);
        }
    }
    return {Ratio(c[0], sims), Ratio(c[1], sims), Ratio(c[2], sims)};
}

} // namespace report_format

using report_format::Pairs;
using report_format::Ratio;
using report_format::ScoreGrid;

nlohmann::json ToJson(const SimulationResult& r) {
    const auto win = r.WinProbabilities();
    const auto mean = r.MeanScore();
    int offset = 0;
    const std::vector<double> margin = r.MarginDistribution(&offset);
    nlohmann::json j = {{"sport", SportName(r.sport())},
                        {"sims", r.sims},
                        {"seed", r.seed},
                        {"backend", std::string(kernels::BackendName(r.backend))},
                        {"invalid_paths", r.invalid_paths},
                        {"win_probability", {{"home", win[0]}, {"draw", win[1]}, {"away", win[2]}}},
                        {"mean_score", {{"home", mean[0]}, {"away", mean[1]}}},
                        {"standard_error", r.HomeWinStandardError()},
                        {"score_distribution", ScoreGrid(r.score, r.sims)},
                        {"margin_distribution", Pairs(margin, offset)},
                        {"total_distribution", Pairs(r.TotalDistribution(), 0)}};
    if (r.score.overflow() > 0) {
        j["score_overflow_paths"] = r.score.overflow();
    }
    std::visit([&](const auto& tallies) { AddReport(j, tallies, r); }, r.tallies);
    return j;
}

std::string Summary(const SimulationResult& r, const std::string& home_name, const std::string& away_name) {
    std::ostringstream out;
    char line[256];
    const auto mean = r.MeanScore();
    std::snprintf(line, sizeof line, "%s: %s vs %s, %llu simulations (seed %llu, backend %s)\n", SportName(r.sport()),
                  home_name.c_str(), away_name.c_str(), static_cast<unsigned long long>(r.sims),
                  static_cast<unsigned long long>(r.seed), std::string(kernels::BackendName(r.backend)).c_str());
    out << line;
    out << std::visit([&r](const auto& tallies) { return WinLine(tallies, r); }, r.tallies);
    std::snprintf(line, sizeof line, "  mean score       %.2f - %.2f\n", mean[0], mean[1]);
    out << line;
    std::vector<std::pair<std::uint64_t, std::pair<std::size_t, std::size_t>>> scores;
    for (std::size_t h = 0; h < r.score.dim(); ++h) {
        for (std::size_t a = 0; a < r.score.dim(); ++a) {
            if (r.score.count(h, a) > 0) {
                scores.push_back({r.score.count(h, a), {h, a}});
            }
        }
    }
    std::sort(scores.begin(), scores.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
    out << "  most likely scores:";
    for (std::size_t i = 0; i < std::min<std::size_t>(5, scores.size()); ++i) {
        std::snprintf(line, sizeof line, "  %zu-%zu %.1f%%", scores[i].second.first, scores[i].second.second,
                      100.0 * Ratio(scores[i].first, r.sims));
        out << line;
    }
    out << "\n";
    out << std::visit([&r](const auto& tallies) { return ExtraLines(tallies, r); }, r.tallies);
    if (r.invalid_paths > 0) {
        out << "  warning: " << r.invalid_paths << " paths reached an impossible state and were not counted\n";
    }
    return out.str();
}

} // namespace simbook::engine
