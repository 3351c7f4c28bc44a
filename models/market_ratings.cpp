#include "models/market_ratings.hpp"

#include "models/json_fields.hpp"

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <vector>

namespace simbook::models {
namespace {

//! Log goal means are kept in [kMinLogMean, kMaxLogMean] (0.05 to 12 goals) by the inversion.
constexpr double kMinLogMean = -3.0;
constexpr double kMaxLogMean = 2.5;

//! The fields of the options, in the order of the JSON file.
struct OptionField {
    const char* name;
    double MarketRatingsOptions::*member;
    double lo;
    double hi;
};
constexpr OptionField kFields[] = {
    {"half_life_days", &MarketRatingsOptions::half_life_days, 1.0, 1e5},
    {"window_days", &MarketRatingsOptions::window_days, 1.0, 1e5},
    {"prior_weight", &MarketRatingsOptions::prior_weight, 0.0, 1e6},
    {"result_weight", &MarketRatingsOptions::result_weight, 0.0, 0.99},
    {"shot_share", &MarketRatingsOptions::shot_share, 0.0, 1.0},
    {"rho", &MarketRatingsOptions::rho, -0.3, 0.0},
    {"power", &MarketRatingsOptions::power, 0.2, 5.0},
    {"motivation_weight", &MarketRatingsOptions::motivation_weight, -2.0, 2.0},
    {"motivation_share", &MarketRatingsOptions::motivation_share, 0.0, 1.0},
    {"season_prior_half_life_days", &MarketRatingsOptions::season_prior_half_life_days, 0.0, 1e5},
};

} // namespace

Result<MarketRatingsOptions> MarketRatingsOptionsFromJson(const nlohmann::json& json,
                                                          const MarketRatingsOptions& defaults) {
    if (!json.is_object()) {
        return InvalidArgument("market ratings", "not a JSON object");
    }
    MarketRatingsOptions out = defaults;
    for (const OptionField& field : kFields) {
        const auto value = NumberField(json, field.name, defaults.*field.member, "", field.lo, field.hi);
        if (!value.ok()) {
            return value.status();
        }
        out.*field.member = *value;
    }
    const auto minimum = IntField(json, "min_market_matches", defaults.min_market_matches, "", 1, 100000);
    if (!minimum.ok()) {
        return minimum.status();
    }
    out.min_market_matches = static_cast<int>(*minimum);
    const auto anchor = BoolField(json, "age_from_latest_match", defaults.age_from_latest_match, "");
    if (!anchor.ok()) {
        return anchor.status();
    }
    out.age_from_latest_match = *anchor;
    return out;
}

Result<MarketRatingsOptions> LoadMarketRatingsOptions(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        return InvalidArgument(path, "cannot read the market-ratings file");
    }
    const auto file = nlohmann::json::parse(in, nullptr, false);
    if (file.is_discarded() || !file.is_object() || !file.contains("options")) {
        return InvalidArgument(path, "not a JSON object with \"options\"");
    }
    auto options = MarketRatingsOptionsFromJson(file["options"]);
    if (!options.ok()) {
        return InvalidArgument(path, options.status().message());
    }
    return options;
}

nlohmann::json ToJson(const MarketRatingsOptions& options) {
    nlohmann::json out = nlohmann::json::object();
    for (const OptionField& field : kFields) {
        out[field.name] = options.*field.member;
    }
    out["min_market_matches"] = options.min_market_matches;
    out["age_from_latest_match"] = options.age_from_latest_match;
    return out;
}

std::pair<double, double> ImpliedGoalMeans(const std::array<double, 3>& p, double rho) {
    // Gauss-Newton on (log lambda, log mu) for the residuals P(home) - p_home, P(away) - p_away, with a
    // finite-difference Jacobian and step halving.
    // Every tau factor stays positive while both means are below 1 / -rho.
    const double max_log_mean = rho < 0.0 ? std::min(kMaxLogMean, std::log(0.99 / -rho)) : kMaxLogMean;
    Eigen::Vector2d x(std::log(1.4), std::log(1.1));
    const auto residual = [&](const Eigen::Vector2d& at) {
        const auto q = DixonColesMatchResult(std::exp(at[0]), std::exp(at[1]), rho);
        return Eigen::Vector2d(q[0] - p[0], q[2] - p[2]);
    };
    Eigen::Vector2d r = residual(x);
    for (int iteration = 0; iteration < 50 && r.norm() > 1e-10; ++iteration) {
        Eigen::Matrix2d jacobian;
        constexpr double kStep = 1e-6;
        for (int k = 0; k < 2; ++k) {
            Eigen::Vector2d shifted = x;
            shifted[k] += kStep;
            jacobian.col(k) = (residual(shifted) - r) / kStep;
        }
        const Eigen::Vector2d step = (jacobian.transpose() * jacobian + 1e-12 * Eigen::Matrix2d::Identity())
                                         .ldlt()
                                         .solve(-jacobian.transpose() * r);
        double scale = 1.0;
        bool improved = false;
        for (int halving = 0; halving < 20; ++halving, scale *= 0.5) {
            const Eigen::Vector2d next = (x + scale * step).cwiseMax(kMinLogMean).cwiseMin(max_log_mean);
            const Eigen::Vector2d next_r = residual(next);
            if (next_r.norm() < r.norm()) {
                x = next;
                r = next_r;
                improved = true;
                break;
            }
        }
        if (!improved) {
            break; // the least-squares point: no exact solution for this draw probability
        }
    }
    return {std::exp(x[0]), std::exp(x[1])};
}

std::array<double, 3> PowerRecalibrate(const std::array<double, 3>& p, double power) {
    std::array<double, 3> out{};
    double sum = 0.0;
    for (std::size_t k = 0; k < 3; ++k) {
        out[k] = std::pow(std::max(p[k], 1e-300), power);
        sum += out[k];
    }
    for (double& q : out) {
        q /= sum;
    }
    return out;
}

Result<DixonColesModel> FitMarketRatings(std::span<const MarketRatedMatch> matches, std::chrono::sys_days day,
                                         const MarketRatingsOptions& options,
                                         const std::map<std::string, std::pair<double, double>>& prior) {
    const auto window_start = day - std::chrono::days{static_cast<int>(std::ceil(options.window_days))};
    const auto first = std::lower_bound(matches.begin(), matches.end(), window_start,
                                        [](const MarketRatedMatch& m, std::chrono::sys_days d) { return m.date < d; });
    const auto last = std::lower_bound(first, matches.end(), day,
                                       [](const MarketRatedMatch& m, std::chrono::sys_days d) { return m.date < d; });
    std::set<std::string> names;
    int with_market = 0;
    double goals = 0.0;
    double shots = 0.0;
    for (auto it = first; it != last; ++it) {
        if (!it->has_market) {
            continue;
        }
        ++with_market;
        names.insert(it->home);
        names.insert(it->away);
        if (it->home_shots_on_target >= 0 && it->away_shots_on_target >= 0) {
            goals += it->home_goals + it->away_goals;
            shots += it->home_shots_on_target + it->away_shots_on_target;
        }
    }
    if (with_market < options.min_market_matches) {
        return InvalidArgument("market ratings", std::to_string(with_market) + " matches with odds before " +
                                                     FormatDate(day) + " (at least " +
                                                     std::to_string(options.min_market_matches) + " needed)");
    }
    const double goals_per_shot = shots > 0.0 ? goals / shots : 0.0;
    std::chrono::sys_days reference = day;
    if (options.age_from_latest_match) {
        for (auto it = last; it != first; --it) {
            if (std::prev(it)->has_market) {
                reference = std::prev(it)->date;
                break;
            }
        }
    }
    DixonColesModel model;
    model.teams.assign(names.begin(), names.end());
    const std::size_t n = model.teams.size();
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < n; ++i) {
        index[model.teams[i]] = i;
    }
    // Parameters: attack[0..n), defence[n..2n), intercept 2n, home advantage 2n + 1.
    const Eigen::Index size = static_cast<Eigen::Index>(2 * n + 2);
    Eigen::MatrixXd normal = Eigen::MatrixXd::Zero(size, size);
    Eigen::VectorXd rhs = Eigen::VectorXd::Zero(size);
    const auto add = [&](std::array<Eigen::Index, 4> columns, std::array<double, 4> signs, double y, double w) {
        for (std::size_t a = 0; a < 4; ++a) {
            rhs[columns[a]] += w * signs[a] * y;
            for (std::size_t b = 0; b < 4; ++b) {
                normal(columns[a], columns[b]) += w * signs[a] * signs[b];
            }
        }
    };
    const auto performance = [&](int goals_scored, int shots_on_target) {
        if (shots_on_target < 0 || goals_per_shot <= 0.0) {
            return double(goals_scored);
        }
        return (1.0 - options.shot_share) * goals_scored + options.shot_share * goals_per_shot * shots_on_target;
    };
    const double k = options.result_weight;
    const auto intercept = static_cast<Eigen::Index>(2 * n);
    const auto home_advantage = intercept + 1;
    for (auto it = first; it != last; ++it) {
        if (!it->has_market) {
            continue;
        }
        const double age = double((reference - it->date).count());
        const double w = std::exp2(-age / options.half_life_days);
        const auto h = static_cast<Eigen::Index>(index[it->home]);
        const auto a = static_cast<Eigen::Index>(index[it->away]);
        const auto nn = static_cast<Eigen::Index>(n);
        const double y_home =
            std::log((1.0 - k) * it->market_home + k * performance(it->home_goals, it->home_shots_on_target));
        const double y_away =
            std::log((1.0 - k) * it->market_away + k * performance(it->away_goals, it->away_shots_on_target));
        add({intercept, home_advantage, h, nn + a}, {1.0, 1.0, 1.0, -1.0}, y_home, w);
        // The away row has no home advantage: its column enters with sign 0.
        add({intercept, home_advantage, a, nn + h}, {1.0, 0.0, 1.0, -1.0}, y_away, w);
    }
    for (std::size_t i = 0; i < n; ++i) {
        const auto it = prior.find(model.teams[i]);
        const auto [attack, defence] = it != prior.end() ? it->second : std::make_pair(0.0, 0.0);
        const auto ai = static_cast<Eigen::Index>(i);
        const auto di = static_cast<Eigen::Index>(n + i);
        normal(ai, ai) += options.prior_weight;
        normal(di, di) += options.prior_weight;
        rhs[ai] += options.prior_weight * attack;
        rhs[di] += options.prior_weight * defence;
    }
    // A whisper of ridge keeps the system solvable when prior_weight is 0 (ratings are then defined up to a shift
    // that this picks as the smallest).
    normal.diagonal().array() += 1e-9;
    const Eigen::VectorXd theta = normal.ldlt().solve(rhs);
    if (!theta.allFinite()) {
        return InvalidArgument("market ratings", "the least-squares system before " + FormatDate(day) + " is singular");
    }
    model.attack.resize(n);
    model.defence.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        model.attack[i] = theta[static_cast<Eigen::Index>(i)];
        model.defence[i] = theta[static_cast<Eigen::Index>(n + i)];
    }
    model.intercept = theta[intercept];
    model.home_advantage = theta[home_advantage];
    model.rho = options.rho;
    return model;
}

} // namespace simbook::models
