//! Dixon-Coles (1997) soccer team model: attack and defence ratings, home advantage and the low-score
//! correction rho, fitted by time-weighted (penalised) maximum likelihood with Newton's method.
//!
//! Home goals x and away goals y of home team i against away team j:
//!   P(x, y) = tau(x, y) Poisson(x; lambda) Poisson(y; mu),
//!   lambda = exp(intercept + home_advantage + attack_i - defence_j), mu = exp(intercept + attack_j - defence_i),
//!   tau(0,0) = 1 - lambda mu rho, tau(0,1) = 1 + lambda rho, tau(1,0) = 1 + mu rho, tau(1,1) = 1 - rho, else 1.
//! The tau factors keep the total mass at 1 for any rho; every probability stays in (0, 1) exactly when every
//! tau > 0, i.e. max(-1/lambda, -1/mu) < rho < min(1, 1/(lambda mu)). The fit enforces this bound for every
//! home/away pair of distinct fitted teams (RhoBounds), not only for the pairs in the data, so any match the
//! model can price has proper probabilities.
//! Identifiability: sum of attacks = 0 and sum of defences = 0 (a rating of 0 is the average team; the
//! intercept carries the league's goal level).
#pragma once

#include "kernels/core/result.hpp"
#include "models/soccer_data.hpp"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace simbook::models {

//! Fitted (or given) Dixon-Coles parameters. Ratings are on the log-goal-rate scale.
struct DixonColesModel {
    std::vector<std::string> teams; //!< team names (results-file names), index = team id
    std::vector<double> attack;     //!< per team, sums to 0: + scores more
    std::vector<double> defence;    //!< per team, sums to 0: + concedes less
    double intercept = 0.0;         //!< log of the away goal rate of two average teams
    double home_advantage = 0.0;    //!< log of the home/away goal-rate ratio
    double rho = 0.0;               //!< low-score correction (see RhoBounds)

    //! Index of a team by exact name, or InvalidArgument naming it.
    Result<int> TeamIndex(std::string_view name) const;
    //! Expected goals (lambda, mu) of home team `home` against away team `away` (indexes).
    std::pair<double, double> Rates(int home, int away) const;
};

//! Open interval of rho that keeps every tau factor > 0 for every pair of distinct teams of a model.
struct RhoInterval {
    double lo = -1.0; //!< max over pairs of max(-1/lambda, -1/mu)
    double hi = 1.0;  //!< min(1, min over pairs of 1/(lambda mu))
};
//! The rho bound of a model's ratings (its rho is not used).
RhoInterval RhoBounds(const DixonColesModel& model);

//! The tau factor of a score (1 unless both scores are at most 1).
double DixonColesTau(int home_goals, int away_goals, double lambda, double mu, double rho);

//! P(home x, away y) for x, y in 0..max_goals: rows[x][y]. The entries sum to 1 minus the mass beyond
//! max_goals (the tau correction does not change the total). Requires every tau > 0.
std::vector<std::vector<double>> DixonColesScoreGrid(double lambda, double mu, double rho, int max_goals);

//! P(home win), P(draw), P(away win) of the exact distribution (grid to 30 goals each).
std::array<double, 3> DixonColesMatchResult(double lambda, double mu, double rho);

//! Expected goals (home, away) of a fixture between two fitted teams; InvalidArgument names an unknown team.
Result<std::pair<double, double>> SoccerMatchXg(const DixonColesModel& model, std::string_view home,
                                                std::string_view away);

//! Reads the model of a fitted file (`simbook fit` output): teams[] with name, attack and defence, then
//! intercept, home_advantage and rho. InvalidArgument names the bad field; a rho outside RhoBounds is refused.
Result<DixonColesModel> DixonColesModelFromJson(const nlohmann::json& json);

//! A match in a fit: team indexes, final score and likelihood weight.
struct DixonColesMatch {
    int home = 0;
    int away = 0;
    int home_goals = 0;
    int away_goals = 0;
    double weight = 1.0;  //!< in (0, 1]: exponential time decay
    bool neutral = false; //!< neutral venue: no home advantage for this match
};

//! What a fit sees: teams, weighted matches and the prior means of the ratings.
struct DixonColesData {
    std::vector<std::string> teams;
    std::vector<DixonColesMatch> matches;
    std::vector<double> prior_attack;  //!< per team prior mean of the attack (empty: all 0)
    std::vector<double> prior_defence; //!< per team prior mean of the defence (empty: all 0)
    std::chrono::sys_days first{};     //!< earliest match date used
    std::chrono::sys_days last{};      //!< latest match date used
};

//! How to weight and penalise a fit.
struct DixonColesOptions {
    double half_life_days = 365.0; //!< a match `age` days before the reference date weighs 2^(-age / half-life);
                                   //!< 0 means no decay
    double window_days = 1095.0;   //!< matches older than this (days before the reference date) are left out
    double prior_sd =
        0.5; //!< sd of a Gaussian penalty on each attack and defence around its prior mean (log
             //!< scale; 0.5 is worth about three matches): keeps teams with little data finite. 0: pure ML
    int max_iterations = 200; //!< Newton iterations before giving up
};

//! The matches of `matches` dated in (until - window, until], weighted by age in days before `until`.
//! Teams are those that play in the window, sorted by name. InvalidArgument when no match is in the window.
Result<DixonColesData> MakeDixonColesData(std::span<const SoccerMatch> matches, std::chrono::sys_days until,
                                          const DixonColesOptions& options);

//! A converged fit.
struct DixonColesFit {
    DixonColesModel model;
    double log_likelihood = 0.0; //!< weighted log-likelihood sum_m w_m log P(score_m) (no penalty)
    double objective = 0.0;      //!< log_likelihood minus the prior penalty: what the fit maximises
    int iterations = 0;          //!< Newton steps taken
    double total_weight = 0.0;   //!< sum of the match weights
};

//! Maximises the penalised weighted log-likelihood by Newton's method (analytic gradient and Hessian, a
//! Levenberg shift when the Hessian is not negative definite, backtracking line search that stays inside
//! the rho bound). `start` (teams matched by name; unknown teams start at their prior mean) warm-starts it.
//! Fails, saying so, when it does not converge within options.max_iterations.
Result<DixonColesFit> FitDixonColes(const DixonColesData& data, const DixonColesOptions& options,
                                    const DixonColesModel* start = nullptr);

//! Objective value and gradient at a model (for tests): parameters ordered attack[0..n), defence[0..n),
//! intercept, home_advantage, rho (the unconstrained gradient; the fit projects it onto the constraints).
std::pair<double, std::vector<double>> DixonColesObjective(const DixonColesData& data, const DixonColesOptions& options,
                                                           const DixonColesModel& model);

//! Parametric bootstrap: `replicates` data sets simulated from the fitted model at the data's own fixtures
//! and weights (Boost.Random mt19937_64 seeded with `seed`), each refitted from the fit.
struct DixonColesBootstrap {
    std::vector<DixonColesModel> models; //!< converged replicate fits
    int failed = 0;                      //!< replicates that did not converge (left out)
    std::uint64_t seed = 0;
    //! Standard deviation over the replicates of attack, defence (per team), intercept, home advantage, rho.
    DixonColesModel StandardErrors() const;
    //! The (1 - level)/2 and (1 + level)/2 quantiles of P(home), P(draw), P(away) over the replicates.
    std::array<std::pair<double, double>, 3> MatchResultInterval(int home, int away, double level) const;
};

//! Runs the bootstrap; fails when more than a tenth of the replicates do not converge.
Result<DixonColesBootstrap> BootstrapDixonColes(const DixonColesData& data, const DixonColesOptions& options,
                                                const DixonColesFit& fit, int replicates, std::uint64_t seed);

//! Simulates scores for the fixtures of `data` from `model` (teams by index), keeping fixtures and weights.
DixonColesData SimulateDixonColes(const DixonColesData& data, const DixonColesModel& model, std::uint64_t seed);

} // namespace simbook::models
