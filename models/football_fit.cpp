#include "models/football_fit.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <vector>

namespace simbook::models {
namespace {

double Lookup(const std::map<std::string, double>& m, const std::string& key) {
    const auto it = m.find(key);
    return it == m.end() ? 0.0 : it->second;
}

} // namespace

std::pair<double, double> FootballRatings::ExpectedPoints(const std::string& home, const std::string& away) const {
    const double h = std::exp(intercept + home_advantage + Lookup(attack, home) - Lookup(defence, away));
    const double a = std::exp(intercept + Lookup(attack, away) - Lookup(defence, home));
    const double mean = 0.5 * (h + a);
    const double half_margin = 0.5 * margin_scale * (h - a);
    return {std::max(3.0, mean + half_margin), std::max(3.0, mean - half_margin)};
}

double FootballAgeWeeks(int season, int week, int target_season, int target_week, double offseason_weeks) {
    // A season's weeks run 1..22 (17 regular, then playoffs); the off-season adds offseason_weeks.
    constexpr double kSeasonWeeks = 22.0;
    return (target_season - season) * (kSeasonWeeks + offseason_weeks) + double(target_week - week);
}

Result<FootballRatings> FitFootballRatings(std::span<const FootballGame> games, int season, int week,
                                           const FootballFitOptions& options) {
    std::map<std::string, int> index;
    std::vector<const FootballGame*> window;
    for (const FootballGame& g : games) {
        const bool earlier = g.season < season || (g.season == season && g.week < week);
        if (!earlier || g.season <= season - options.window_seasons) {
            continue;
        }
        window.push_back(&g);
        index.emplace(g.home, 0);
        index.emplace(g.away, 0);
    }
    if (static_cast<int>(window.size()) < options.min_games) {
        return InvalidArgument("football fit", std::to_string(window.size()) + " games in the window, fewer than " +
                                                   std::to_string(options.min_games));
    }
    int next = 0;
    for (auto& [team, i] : index) {
        i = next++;
    }
    const int teams = next;
    // Unknowns: intercept, home advantage, attack[teams], defence[teams].
    const int n = 2 + 2 * teams;
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(n, n);
    Eigen::VectorXd b = Eigen::VectorXd::Zero(n);
    const auto add_row = [&](double w, double y, int home_flag, int attack, int defence) {
        int cols[4] = {0, 1, 2 + attack, 2 + teams + defence};
        double vals[4] = {1.0, double(home_flag), 1.0, -1.0};
        for (int i = 0; i < 4; ++i) {
            b(cols[i]) += w * vals[i] * y;
            for (int j = 0; j < 4; ++j) {
                a(cols[i], cols[j]) += w * vals[i] * vals[j];
            }
        }
    };
    for (const FootballGame* g : window) {
        const double age = FootballAgeWeeks(g->season, g->week, season, week, options.offseason_weeks);
        const double w = std::exp2(-age / options.half_life_weeks);
        const bool lines = g->has_spread && g->has_total;
        const double k = lines ? options.result_weight : 1.0;
        const double implied_home = lines ? 0.5 * (g->total - g->home_spread) : 0.0;
        const double implied_away = lines ? 0.5 * (g->total + g->home_spread) : 0.0;
        const double y_home = std::log(std::max(3.0, (1.0 - k) * implied_home + k * g->home_points));
        const double y_away = std::log(std::max(3.0, (1.0 - k) * implied_away + k * g->away_points));
        const int h = index[g->home];
        const int v = index[g->away];
        add_row(w, y_home, 1, h, v);
        add_row(w, y_away, 0, v, h);
    }
    for (int i = 2; i < n; ++i) {
        a(i, i) += options.prior_weight;
    }
    a(0, 0) += 1e-9;
    a(1, 1) += 1e-9;
    const Eigen::VectorXd x = a.ldlt().solve(b);
    FootballRatings r;
    r.intercept = x(0);
    r.home_advantage = x(1);
    for (const auto& [team, i] : index) {
        r.attack[team] = x(2 + i);
        r.defence[team] = x(2 + teams + i);
    }
    r.games = static_cast<int>(window.size());
    r.margin_scale = options.margin_scale;
    return r;
}

} // namespace simbook::models
