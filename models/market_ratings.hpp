//! Market-informed soccer ratings: attack and defence per team fitted to the goal means implied by earlier
//! matches' de-vigged 1X2 odds, moved towards what those matches produced (goals and shots on target).
//!
//! Each past match m with odds gives the Poisson means (lambda_m, mu_m) whose Dixon-Coles 1X2 (with a fixed rho)
//! equals its de-vigged probabilities (ImpliedGoalMeans). Its targets are
//!   y_home = log((1 - k) lambda_m + k g_home),   y_away = log((1 - k) mu_m + k g_away),
//!   g = (1 - s) goals + s c shots_on_target   (c: goals per shot on target in the window; g = goals without shots),
//! k = result_weight, s = shot_share. Weighted least squares (weight 2^(-age / half-life)) fits
//!   y_home = intercept + home_advantage + attack_home - defence_away,  y_away = intercept + attack_away -
//!   defence_home,
//! with a ridge penalty pulling every rating towards its prior mean. The result is a DixonColesModel (rho fixed), so
//! the same pricing path serves it.
#pragma once

#include "kernels/core/result.hpp"
#include "models/dixon_coles.hpp"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <chrono>
#include <map>
#include <span>
#include <string>
#include <utility>

namespace simbook::models {

//! Hyper-parameters of the market-informed ratings (defaults: as tuned pooled on the five leagues, 2005-06 to
//! 2011-12, and committed in models/params/soccer/market-ratings.json, which the commands read).
struct MarketRatingsOptions {
    double half_life_days = 17.0;   //!< a match `age` days before the match day weighs 2^(-age / half-life)
    double window_days = 365.0;     //!< matches older than this are left out, days
    double prior_weight = 0.1;      //!< ridge strength on each rating, in full-weight matches
    double result_weight = 0.1;     //!< k: share of the match's own goals/shots in its target, in [0, 1)
    double shot_share = 0.75;       //!< s: share of the shots-on-target proxy in the performance g, in [0, 1]
    double rho = -0.12;             //!< Dixon-Coles rho of the inversion and of the prices, in [-0.3, 0]
    double power = 1.15;            //!< out-of-sample recalibration: 1X2 p_k proportional to p_k^power
    double motivation_weight = 0.3; //!< delta: log home xG += delta (stake_home - stake_away), away xG -= the same
    double motivation_share = 0.15; //!< stakes are computed once at most this share of the season's matches remain
    //! > 0: at the start of each season, teams of the previous season get as prior means their ratings from a fit
    //! with this half-life (days) on everything before the season; 0: prior means 0
    double season_prior_half_life_days = 0.0;
    int min_market_matches = 60; //!< fewer matches with odds in the window: no fit (the caller falls back)
    //! Ages count from the latest earlier match with odds, not from the match day: across a summer break the
    //! ratings keep the end of last season at full weight instead of fading towards their priors.
    bool age_from_latest_match = false;
};

//! Reads options from JSON (any subset by field name; others keep `defaults`); InvalidArgument names a bad field.
Result<MarketRatingsOptions> MarketRatingsOptionsFromJson(const nlohmann::json& json,
                                                          const MarketRatingsOptions& defaults = {});
//! The options of a hyper-parameters file (`{"model": "market-ratings", "options": {...}}`, e.g.
//! models/params/soccer/market-ratings.json); InvalidArgument names the file or the bad field.
Result<MarketRatingsOptions> LoadMarketRatingsOptions(const std::string& path);
//! Every field of the options.
nlohmann::json ToJson(const MarketRatingsOptions& options);

//! The Poisson means (home, away) whose Dixon-Coles 1X2 with `rho` is closest to p (exact where reachable; least
//! squares on P(home) and P(away) otherwise), each in [0.05, min(12, 0.99 / -rho)]. p: home, draw, away
//! probabilities summing to 1; rho <= 0.
std::pair<double, double> ImpliedGoalMeans(const std::array<double, 3>& p, double rho);

//! 1X2 probabilities raised to `power` and renormalised (power 1: unchanged).
std::array<double, 3> PowerRecalibrate(const std::array<double, 3>& p, double power);

//! A finished match as the ratings see it.
struct MarketRatedMatch {
    std::chrono::sys_days date{};
    std::string home;
    std::string away;
    int home_goals = 0;
    int away_goals = 0;
    int home_shots_on_target = -1; //!< -1: unknown
    int away_shots_on_target = -1;
    bool has_market = false;  //!< the odds files have the match
    double market_home = 0.0; //!< implied home goal mean (ImpliedGoalMeans of its de-vigged odds)
    double market_away = 0.0; //!< implied away goal mean
};

//! Ratings from the matches of `matches` (sorted by date) with date in [day - window, day): never the match day
//! itself; matches without odds are left out. Teams: those of the window, each pulled towards its prior mean in
//! `prior` (absent: 0); a team outside the window is priced from its prior. InvalidArgument when the window holds fewer
//! than options.min_market_matches matches with odds.
Result<DixonColesModel> FitMarketRatings(std::span<const MarketRatedMatch> matches, std::chrono::sys_days day,
                                         const MarketRatingsOptions& options,
                                         const std::map<std::string, std::pair<double, double>>& prior = {});

} // namespace simbook::models
