#include "models/dixon_coles.hpp"

#include "models/json_fields.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_01.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <numeric>

namespace simbook::models {
namespace {

constexpr int kSampleGoals = 15; //!< bootstrap scores are drawn from the grid 0..15 (mass beyond: < 1e-6)

//! max over i != j of a[i] + b[j]: the best two of each are enough.
double MaxDistinctPairSum(const std::vector<double>& a, const std::vector<double>& b) {
    const std::size_t n = a.size();
    double best = -std::numeric_limits<double>::infinity();
    std::size_t ia = 0;
    std::size_t ib = 0;
    for (std::size_t i = 1; i < n; ++i) {
        ia = a[i] > a[ia] ? i : ia;
        ib = b[i] > b[ib] ? i : ib;
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (i != ib) {
            best = std::max(best, a[i] + b[ib]);
        }
        if (i != ia) {
            best = std::max(best, a[ia] + b[i]);
        }
    }
    return best;
}

//! Layout of the full parameter vector theta = (attack[n], defence[n], intercept, home, rho) and of the free
//! vector z = (attack[0..n-1), defence[0..n-1), intercept, home, rho): theta = M z enforces the sum-to-zero
//! constraints (the last attack and defence are minus the sum of the others).
struct Layout {
    int n = 0;
    int Full() const { return 2 * n + 3; }
    int Free() const { return 2 * n + 1; }
    int C() const { return 2 * n; }
    int H() const { return 2 * n + 1; }
    int Rho() const { return 2 * n + 2; }

    Eigen::MatrixXd Map() const {
        Eigen::MatrixXd m = Eigen::MatrixXd::Zero(Full(), Free());
        for (int k = 0; k < n - 1; ++k) {
            m(k, k) = 1.0;
            m(n - 1, k) = -1.0;
            m(n + k, n - 1 + k) = 1.0;
            m(2 * n - 1, n - 1 + k) = -1.0;
        }
        for (int k = 0; k < 3; ++k) {
            m(2 * n + k, 2 * n - 2 + k) = 1.0;
        }
        return m;
    }

    Eigen::VectorXd FullFromModel(const DixonColesModel& model) const {
        Eigen::VectorXd theta(Full());
        for (int i = 0; i < n; ++i) {
            theta(i) = model.attack[static_cast<std::size_t>(i)];
            theta(n + i) = model.defence[static_cast<std::size_t>(i)];
        }
        theta(C()) = model.intercept;
        theta(H()) = model.home_advantage;
        theta(Rho()) = model.rho;
        return theta;
    }

    DixonColesModel ModelFromFull(const Eigen::VectorXd& theta, const std::vector<std::string>& teams) const {
        DixonColesModel model;
        model.teams = teams;
        model.attack.resize(static_cast<std::size_t>(n));
        model.defence.resize(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            model.attack[static_cast<std::size_t>(i)] = theta(i);
            model.defence[static_cast<std::size_t>(i)] = theta(n + i);
        }
        model.intercept = theta(C());
        model.home_advantage = theta(H());
        model.rho = theta(Rho());
        return model;
    }
};

//! Objective (penalised weighted log-likelihood) with, when asked, its gradient and Hessian in theta.
struct Evaluation {
    bool feasible = false;
    double log_likelihood = 0.0;
    double objective = 0.0;
    Eigen::VectorXd gradient;
    Eigen::MatrixXd hessian;
};

bool RhoFeasible(const DixonColesModel& model) {
    const RhoInterval bound = RhoBounds(model);
    return std::isfinite(bound.lo) && std::isfinite(bound.hi) && bound.lo < model.rho && model.rho < bound.hi;
}

Evaluation Evaluate(const DixonColesData& data, const DixonColesOptions& options, const Layout& layout,
                    const Eigen::VectorXd& theta, bool derivatives) {
    Evaluation e;
    const int n = layout.n;
    if (!theta.allFinite() || !RhoFeasible(layout.ModelFromFull(theta, {}))) {
        return e;
    }
    if (derivatives) {
        e.gradient = Eigen::VectorXd::Zero(layout.Full());
        e.hessian = Eigen::MatrixXd::Zero(layout.Full(), layout.Full());
    }
    const double c = theta(layout.C());
    const double h = theta(layout.H());
    const double rho = theta(layout.Rho());
    for (const DixonColesMatch& m : data.matches) {
        const double at_home = m.neutral ? 0.0 : 1.0;
        const double eta1 = c + at_home * h + theta(m.home) - theta(n + m.away);
        const double eta2 = c + theta(m.away) - theta(n + m.home);
        const double lambda = std::exp(eta1);
        const double mu = std::exp(eta2);
        const int x = m.home_goals;
        const int y = m.away_goals;
        // tau and its derivatives in (eta1, eta2, rho).
        double tau = 1.0;
        std::array<double, 3> t1{};
        std::array<std::array<double, 3>, 3> t2{};
        if (x == 0 && y == 0) {
            const double lm = lambda * mu;
            tau = 1.0 - lm * rho;
            t1 = {-lm * rho, -lm * rho, -lm};
            t2 = {{{-lm * rho, -lm * rho, -lm}, {-lm * rho, -lm * rho, -lm}, {-lm, -lm, 0.0}}};
        } else if (x == 0 && y == 1) {
            tau = 1.0 + lambda * rho;
            t1 = {lambda * rho, 0.0, lambda};
            t2 = {{{lambda * rho, 0.0, lambda}, {0.0, 0.0, 0.0}, {lambda, 0.0, 0.0}}};
        } else if (x == 1 && y == 0) {
            tau = 1.0 + mu * rho;
            t1 = {0.0, mu * rho, mu};
            t2 = {{{0.0, 0.0, 0.0}, {0.0, mu * rho, mu}, {0.0, mu, 0.0}}};
        } else if (x == 1 && y == 1) {
            tau = 1.0 - rho;
            t1 = {0.0, 0.0, -1.0};
        }
        if (!(tau > 0.0)) {
            return Evaluation{};
        }
        const double ll =
            x * eta1 - lambda - std::lgamma(x + 1.0) + y * eta2 - mu - std::lgamma(y + 1.0) + std::log(tau);
        e.log_likelihood += m.weight * ll;
        if (!derivatives) {
            continue;
        }
        std::array<double, 3> g = {x - lambda + t1[0] / tau, y - mu + t1[1] / tau, t1[2] / tau};
        std::array<std::array<double, 3>, 3> l{};
        for (int k = 0; k < 3; ++k) {
            for (int q = 0; q < 3; ++q) {
                l[k][q] = t2[k][q] / tau - t1[k] * t1[q] / (tau * tau);
            }
        }
        l[0][0] -= lambda;
        l[1][1] -= mu;
        // d eta / d theta: sparse rows with +1/-1 entries.
        struct Entry {
            int index;
            double sign;
        };
        const std::array<std::array<Entry, 4>, 3> rows = {{
            {{{m.home, 1.0}, {n + m.away, -1.0}, {layout.C(), 1.0}, {layout.H(), at_home}}},
            {{{m.away, 1.0}, {n + m.home, -1.0}, {layout.C(), 1.0}, {layout.H(), 0.0}}},
            {{{layout.Rho(), 1.0}, {layout.Rho(), 0.0}, {layout.Rho(), 0.0}, {layout.Rho(), 0.0}}},
        }};
        for (int k = 0; k < 3; ++k) {
            for (const Entry& a : rows[k]) {
                e.gradient(a.index) += m.weight * a.sign * g[k];
                for (int q = 0; q < 3; ++q) {
                    const double wl = m.weight * a.sign * l[k][q];
                    if (wl == 0.0) {
                        continue;
                    }
                    for (const Entry& b : rows[q]) {
                        e.hessian(a.index, b.index) += wl * b.sign;
                    }
                }
            }
        }
    }
    e.objective = e.log_likelihood;
    if (options.prior_sd > 0.0) {
        const double precision = 1.0 / (options.prior_sd * options.prior_sd);
        for (int i = 0; i < n; ++i) {
            const std::size_t s = static_cast<std::size_t>(i);
            const double da = theta(i) - (data.prior_attack.empty() ? 0.0 : data.prior_attack[s]);
            const double dd = theta(n + i) - (data.prior_defence.empty() ? 0.0 : data.prior_defence[s]);
            e.objective -= 0.5 * precision * (da * da + dd * dd);
            if (derivatives) {
                e.gradient(i) -= precision * da;
                e.gradient(n + i) -= precision * dd;
                e.hessian(i, i) -= precision;
                e.hessian(n + i, n + i) -= precision;
            }
        }
    }
    e.feasible = std::isfinite(e.objective);
    return e;
}

//! A starting model: the warm start's ratings by team name, else the prior means; constraints restored.
DixonColesModel StartingModel(const DixonColesData& data, const DixonColesModel* start) {
    const std::size_t n = data.teams.size();
    DixonColesModel model;
    model.teams = data.teams;
    model.attack.assign(n, 0.0);
    model.defence.assign(n, 0.0);
    double home_goals = 0.0;
    double away_goals = 0.0;
    double weight = 0.0;
    for (const DixonColesMatch& m : data.matches) {
        home_goals += m.weight * m.home_goals;
        away_goals += m.weight * m.away_goals;
        weight += m.weight;
    }
    model.intercept = std::log(std::max(away_goals, 0.1 * weight) / weight);
    model.home_advantage = std::log(std::max(home_goals, 0.1 * weight) / std::max(away_goals, 0.1 * weight));
    model.rho = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        model.attack[i] = data.prior_attack.empty() ? 0.0 : data.prior_attack[i];
        model.defence[i] = data.prior_defence.empty() ? 0.0 : data.prior_defence[i];
        if (start != nullptr) {
            const auto index = start->TeamIndex(data.teams[i]);
            if (index.ok()) {
                model.attack[i] = start->attack[static_cast<std::size_t>(*index)];
                model.defence[i] = start->defence[static_cast<std::size_t>(*index)];
            }
        }
    }
    if (start != nullptr) {
        model.intercept = start->intercept;
        model.home_advantage = start->home_advantage;
        model.rho = start->rho;
    }
    const double mean_attack = std::accumulate(model.attack.begin(), model.attack.end(), 0.0) / double(n);
    const double mean_defence = std::accumulate(model.defence.begin(), model.defence.end(), 0.0) / double(n);
    for (std::size_t i = 0; i < n; ++i) {
        model.attack[i] -= mean_attack;
        model.defence[i] -= mean_defence;
    }
    model.intercept += mean_attack - mean_defence;
    if (!RhoFeasible(model)) {
        model.rho = 0.0;
    }
    return model;
}

void SampleScores(DixonColesData& data, const DixonColesModel& model, boost::random::mt19937_64& engine) {
    boost::random::uniform_01<double> uniform;
    for (DixonColesMatch& m : data.matches) {
        auto [lambda, mu] = model.Rates(m.home, m.away);
        if (m.neutral) {
            lambda *= std::exp(-model.home_advantage);
        }
        const auto grid = DixonColesScoreGrid(lambda, mu, model.rho, kSampleGoals);
        double u = uniform(engine);
        int x = kSampleGoals;
        int y = kSampleGoals;
        bool found = false;
        for (int i = 0; i <= kSampleGoals && !found; ++i) {
            for (int j = 0; j <= kSampleGoals && !found; ++j) {
                u -= grid[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
                if (u < 0.0) {
                    x = i;
                    y = j;
                    found = true;
                }
            }
        }
        m.home_goals = x;
        m.away_goals = y;
    }
}

double Quantile(std::vector<double> values, double q) {
    std::sort(values.begin(), values.end());
    const double position = q * double(values.size() - 1);
    const std::size_t below = static_cast<std::size_t>(std::floor(position));
    const std::size_t above = std::min(below + 1, values.size() - 1);
    const double fraction = position - double(below);
    return values[below] + fraction * (values[above] - values[below]);
}

} // namespace

Result<int> DixonColesModel::TeamIndex(std::string_view name) const {
    const auto it = std::find(teams.begin(), teams.end(), name);
    if (it == teams.end()) {
        std::string message = "'";
        message.append(name).append("' is not a team of the model");
        return InvalidArgument("team", message);
    }
    return static_cast<int>(it - teams.begin());
}

std::pair<double, double> DixonColesModel::Rates(int home, int away) const {
    const auto h = static_cast<std::size_t>(home);
    const auto a = static_cast<std::size_t>(away);
    return {std::exp(intercept + home_advantage + attack[h] - defence[a]),
            std::exp(intercept + attack[a] - defence[h])};
}

RhoInterval RhoBounds(const DixonColesModel& model) {
    const std::size_t n = model.attack.size();
    std::vector<double> minus_defence(n);
    std::vector<double> strength(n);
    for (std::size_t i = 0; i < n; ++i) {
        minus_defence[i] = -model.defence[i];
        strength[i] = model.attack[i] - model.defence[i];
    }
    // log lambda = intercept + home + attack_i - defence_j and log mu = intercept + attack_j - defence_i range
    // over the same pairs; log(lambda mu) = 2 intercept + home + strength_i + strength_j.
    const double best_pair = MaxDistinctPairSum(model.attack, minus_defence);
    const double lambda_max = std::exp(model.intercept + model.home_advantage + best_pair);
    const double mu_max = std::exp(model.intercept + best_pair);
    const double product_max =
        std::exp(2.0 * model.intercept + model.home_advantage + MaxDistinctPairSum(strength, strength));
    return {std::max(-1.0 / lambda_max, -1.0 / mu_max), std::min(1.0, 1.0 / product_max)};
}

double DixonColesTau(int home_goals, int away_goals, double lambda, double mu, double rho) {
    if (home_goals == 0 && away_goals == 0) {
        return 1.0 - lambda * mu * rho;
    }
    if (home_goals == 0 && away_goals == 1) {
        return 1.0 + lambda * rho;
    }
    if (home_goals == 1 && away_goals == 0) {
        return 1.0 + mu * rho;
    }
    if (home_goals == 1 && away_goals == 1) {
        return 1.0 - rho;
    }
    return 1.0;
}

std::vector<std::vector<double>> DixonColesScoreGrid(double lambda, double mu, double rho, int max_goals) {
    SIMBOOK_REQUIRE(lambda > 0.0 && mu > 0.0 && max_goals >= 1, "DixonColesScoreGrid: bad rates or size");
    const std::size_t size = static_cast<std::size_t>(max_goals) + 1;
    std::vector<double> px(size);
    std::vector<double> py(size);
    px[0] = std::exp(-lambda);
    py[0] = std::exp(-mu);
    for (std::size_t k = 1; k < size; ++k) {
        px[k] = px[k - 1] * lambda / double(k);
        py[k] = py[k - 1] * mu / double(k);
    }
    std::vector<std::vector<double>> grid(size, std::vector<double>(size));
    for (std::size_t x = 0; x < size; ++x) {
        for (std::size_t y = 0; y < size; ++y) {
            const double tau = DixonColesTau(static_cast<int>(x), static_cast<int>(y), lambda, mu, rho);
            SIMBOOK_REQUIRE(tau > 0.0, "DixonColesScoreGrid: rho outside the bound for these rates");
            grid[x][y] = tau * px[x] * py[y];
        }
    }
    return grid;
}

std::array<double, 3> DixonColesMatchResult(double lambda, double mu, double rho) {
    const auto grid = DixonColesScoreGrid(lambda, mu, rho, 30);
    std::array<double, 3> result{};
    for (std::size_t x = 0; x < grid.size(); ++x) {
        for (std::size_t y = 0; y < grid.size(); ++y) {
            result[x > y ? 0 : (x == y ? 1 : 2)] += grid[x][y];
        }
    }
    return result;
}

Result<std::pair<double, double>> SoccerMatchXg(const DixonColesModel& model, std::string_view home,
                                                std::string_view away) {
    const auto h = model.TeamIndex(home);
    if (!h.ok()) {
        return h.status();
    }
    const auto a = model.TeamIndex(away);
    if (!a.ok()) {
        return a.status();
    }
    if (*h == *a) {
        return InvalidArgument("team", "a team cannot play itself");
    }
    return model.Rates(*h, *a);
}

Result<DixonColesModel> DixonColesModelFromJson(const nlohmann::json& json) {
    if (!json.is_object() || !json.contains("teams") || !json["teams"].is_array() || json["teams"].size() < 2) {
        return InvalidArgument("teams", "a fitted model needs an array of at least two teams");
    }
    DixonColesModel model;
    for (std::size_t i = 0; i < json["teams"].size(); ++i) {
        const nlohmann::json& team = json["teams"][i];
        const std::string path = "teams[" + std::to_string(i) + "]";
        if (!team.is_object() || !team.contains("name") || !team["name"].is_string()) {
            return InvalidArgument(path + ".name", "missing or not a string");
        }
        const auto attack = NumberField(team, "attack", std::nan(""), path, -5.0, 5.0);
        const auto defence = NumberField(team, "defence", std::nan(""), path, -5.0, 5.0);
        if (!attack.ok() || !defence.ok() || std::isnan(*attack) || std::isnan(*defence)) {
            return !attack.ok()    ? attack.status()
                   : !defence.ok() ? defence.status()
                                   : InvalidArgument(path, "needs attack and defence");
        }
        model.teams.push_back(team["name"].get<std::string>());
        model.attack.push_back(*attack);
        model.defence.push_back(*defence);
    }
    const auto intercept = NumberField(json, "intercept", std::nan(""), "", -5.0, 5.0);
    const auto home = NumberField(json, "home_advantage", std::nan(""), "", -2.0, 2.0);
    const auto rho = NumberField(json, "rho", std::nan(""), "", -1.0, 1.0);
    for (const auto* field : {&intercept, &home, &rho}) {
        if (!field->ok()) {
            return field->status();
        }
    }
    if (std::isnan(*intercept) || std::isnan(*home) || std::isnan(*rho)) {
        return InvalidArgument("model", "needs intercept, home_advantage and rho");
    }
    model.intercept = *intercept;
    model.home_advantage = *home;
    model.rho = *rho;
    if (!RhoFeasible(model)) {
        const RhoInterval bound = RhoBounds(model);
        return InvalidArgument(".rho", std::to_string(model.rho) + " is outside (" + std::to_string(bound.lo) + ", " +
                                           std::to_string(bound.hi) + "), where every probability stays in (0, 1)");
    }
    return model;
}

Result<DixonColesData> MakeDixonColesData(std::span<const SoccerMatch> matches, std::chrono::sys_days until,
                                          const DixonColesOptions& options) {
    std::map<std::string, int> index;
    std::vector<const SoccerMatch*> used;
    for (const SoccerMatch& match : matches) {
        const double age = double((until - match.date).count());
        if (age < 0.0 || age >= options.window_days) {
            continue;
        }
        used.push_back(&match);
        index.emplace(match.home, 0);
        index.emplace(match.away, 0);
    }
    if (used.empty()) {
        return InvalidArgument("date range", "no matches in the " + std::to_string(int(options.window_days)) +
                                                 " days up to " + FormatDate(until));
    }
    DixonColesData data;
    for (auto& [name, i] : index) {
        i = static_cast<int>(data.teams.size());
        data.teams.push_back(name);
    }
    if (data.teams.size() < 2) {
        return InvalidArgument("date range", "fewer than two teams up to " + FormatDate(until));
    }
    data.first = used.front()->date;
    data.last = used.front()->date;
    for (const SoccerMatch* match : used) {
        const double age = double((until - match->date).count());
        const double weight = options.half_life_days > 0.0 ? std::exp2(-age / options.half_life_days) : 1.0;
        data.matches.push_back({index[match->home], index[match->away], match->home_goals, match->away_goals, weight});
        data.first = std::min(data.first, match->date);
        data.last = std::max(data.last, match->date);
    }
    return data;
}

Result<DixonColesFit> FitDixonColes(const DixonColesData& data, const DixonColesOptions& options,
                                    const DixonColesModel* start) {
    const Layout layout{static_cast<int>(data.teams.size())};
    SIMBOOK_REQUIRE(layout.n >= 2, "FitDixonColes: fewer than two teams");
    SIMBOOK_REQUIRE(data.prior_attack.empty() || data.prior_attack.size() == data.teams.size(),
                    "FitDixonColes: prior_attack size");
    SIMBOOK_REQUIRE(data.prior_defence.empty() || data.prior_defence.size() == data.teams.size(),
                    "FitDixonColes: prior_defence size");
    if (data.matches.empty()) {
        return InvalidArgument("matches", "no matches to fit");
    }
    const Eigen::MatrixXd map = layout.Map();
    const DixonColesModel initial = StartingModel(data, start);
    Eigen::VectorXd theta = layout.FullFromModel(initial);
    Evaluation current = Evaluate(data, options, layout, theta, true);
    if (!current.feasible) {
        return Status{StatusCode::kInternal, "Dixon-Coles fit: the starting point has no finite likelihood"};
    }
    const char* stopped = "no convergence";
    int steps = 0;
    for (int iteration = 0; iteration < options.max_iterations; ++iteration) {
        const Eigen::VectorXd gradient = map.transpose() * current.gradient;
        const Eigen::MatrixXd negative_hessian = -(map.transpose() * current.hessian * map);
        // Newton direction from the negative Hessian, shifted (Levenberg) until positive definite.
        Eigen::LLT<Eigen::MatrixXd> llt(negative_hessian);
        double shift = 1e-8 * std::max(1.0, negative_hessian.diagonal().cwiseAbs().maxCoeff());
        while (llt.info() != Eigen::Success && shift < 1e12) {
            llt.compute(negative_hessian + shift * Eigen::MatrixXd::Identity(layout.Free(), layout.Free()));
            shift *= 10.0;
        }
        if (llt.info() != Eigen::Success) {
            stopped = "no usable Newton direction";
            break;
        }
        const Eigen::VectorXd step_free = llt.solve(gradient);
        const double decrement = gradient.dot(step_free); // Newton decrement squared: ~2x the remaining gain
        if (decrement < 1e-10) {
            DixonColesFit fit;
            fit.model = layout.ModelFromFull(theta, data.teams);
            fit.log_likelihood = current.log_likelihood;
            fit.objective = current.objective;
            fit.iterations = iteration;
            for (const DixonColesMatch& m : data.matches) {
                fit.total_weight += m.weight;
            }
            return fit;
        }
        const Eigen::VectorXd step = map * step_free;
        double t = 1.0;
        bool accepted = false;
        while (t > 1e-12) {
            const Eigen::VectorXd trial = theta + t * step;
            const Evaluation value = Evaluate(data, options, layout, trial, false);
            if (value.feasible && value.objective >= current.objective + 1e-4 * t * decrement) {
                theta = trial;
                accepted = true;
                break;
            }
            t *= 0.5;
        }
        if (!accepted) {
            stopped = "the line search found no better point";
            break;
        }
        current = Evaluate(data, options, layout, theta, true);
        ++steps;
    }
    const DixonColesModel last = layout.ModelFromFull(theta, data.teams);
    const RhoInterval bound = RhoBounds(last);
    char detail[192];
    std::snprintf(detail, sizeof detail,
                  "%s after %d Newton steps (%zu matches, %zu teams; rho %.4f, bound (%.4f, %.4f)", stopped, steps,
                  data.matches.size(), data.teams.size(), last.rho, bound.lo, bound.hi);
    std::string message = "Dixon-Coles fit did not converge: ";
    message.append(detail);
    const double width = bound.hi - bound.lo;
    if (last.rho - bound.lo < 0.02 * width || bound.hi - last.rho < 0.02 * width) {
        message.append("; the likelihood pushes rho against its bound");
    }
    message.append(")");
    return Status{StatusCode::kInternal, message};
}

std::pair<double, std::vector<double>> DixonColesObjective(const DixonColesData& data, const DixonColesOptions& options,
                                                           const DixonColesModel& model) {
    const Layout layout{static_cast<int>(data.teams.size())};
    const Evaluation e = Evaluate(data, options, layout, layout.FullFromModel(model), true);
    if (!e.feasible) {
        return {-std::numeric_limits<double>::infinity(), {}};
    }
    return {e.objective, std::vector<double>(e.gradient.data(), e.gradient.data() + e.gradient.size())};
}

DixonColesData SimulateDixonColes(const DixonColesData& data, const DixonColesModel& model, std::uint64_t seed) {
    boost::random::mt19937_64 engine(seed);
    DixonColesData simulated = data;
    SampleScores(simulated, model, engine);
    return simulated;
}

DixonColesModel DixonColesBootstrap::StandardErrors() const {
    SIMBOOK_REQUIRE(models.size() >= 2, "StandardErrors: fewer than two replicates");
    const std::size_t n = models.front().teams.size();
    const double count = double(models.size());
    const auto sd = [&](auto get) {
        double sum = 0.0;
        double sum_sq = 0.0;
        for (const DixonColesModel& m : models) {
            const double v = get(m);
            sum += v;
            sum_sq += v * v;
        }
        const double mean = sum / count;
        return std::sqrt(std::max(0.0, (sum_sq - count * mean * mean) / (count - 1.0)));
    };
    DixonColesModel se;
    se.teams = models.front().teams;
    se.attack.resize(n);
    se.defence.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        se.attack[i] = sd([i](const DixonColesModel& m) { return m.attack[i]; });
        se.defence[i] = sd([i](const DixonColesModel& m) { return m.defence[i]; });
    }
    se.intercept = sd([](const DixonColesModel& m) { return m.intercept; });
    se.home_advantage = sd([](const DixonColesModel& m) { return m.home_advantage; });
    se.rho = sd([](const DixonColesModel& m) { return m.rho; });
    return se;
}

std::array<std::pair<double, double>, 3> DixonColesBootstrap::MatchResultInterval(int home, int away,
                                                                                  double level) const {
    SIMBOOK_REQUIRE(!models.empty() && level > 0.0 && level < 1.0, "MatchResultInterval: no replicates or bad level");
    std::array<std::vector<double>, 3> values;
    for (const DixonColesModel& m : models) {
        const auto [lambda, mu] = m.Rates(home, away);
        const auto p = DixonColesMatchResult(lambda, mu, m.rho);
        for (std::size_t k = 0; k < 3; ++k) {
            values[k].push_back(p[k]);
        }
    }
    std::array<std::pair<double, double>, 3> interval;
    for (std::size_t k = 0; k < 3; ++k) {
        interval[k] = {Quantile(values[k], 0.5 * (1.0 - level)), Quantile(values[k], 0.5 * (1.0 + level))};
    }
    return interval;
}

Result<DixonColesBootstrap> BootstrapDixonColes(const DixonColesData& data, const DixonColesOptions& options,
                                                const DixonColesFit& fit, int replicates, std::uint64_t seed) {
    if (replicates < 2) {
        return InvalidArgument("bootstrap", std::to_string(replicates) + " replicates: need at least 2");
    }
    boost::random::mt19937_64 engine(seed);
    DixonColesBootstrap bootstrap;
    bootstrap.seed = seed;
    DixonColesData simulated = data;
    for (int r = 0; r < replicates; ++r) {
        SampleScores(simulated, fit.model, engine);
        auto refit = FitDixonColes(simulated, options, &fit.model);
        if (refit.ok()) {
            bootstrap.models.push_back(std::move(refit->model));
        } else {
            ++bootstrap.failed;
        }
    }
    if (bootstrap.failed * 10 > replicates || bootstrap.models.size() < 2) {
        return Status{StatusCode::kInternal, "bootstrap: " + std::to_string(bootstrap.failed) + " of " +
                                                 std::to_string(replicates) + " replicate fits did not converge"};
    }
    return bootstrap;
}

} // namespace simbook::models
