//! Walk-forward NFL ratings: attack and defence per franchise fitted to earlier games' points and, where the game
//! had usable closing lines, the team points those lines imply, shrunk towards the league.
//!
//! Each earlier game g gives two targets, y = log(max(3, (1 - k) implied + k points)) for each team, where implied
//! = (total - home spread) / 2 for the home team and (total + home spread) / 2 for the away team (k = 1 without
//! lines). Weighted least squares (weight 2^(-age / half-life), age in weeks of play: the off-season counts as
//! offseason_weeks; every game before the target week of the last window_seasons seasons) fits
//!   y_home = intercept + home_advantage + attack_home - defence_away,   y_away = intercept + attack_away -
//!   defence_home,
//! with a ridge penalty pulling every rating towards 0 (the league). A team's expected points are exp of its line.
#pragma once

#include "kernels/core/result.hpp"
#include "models/football_data.hpp"

#include <chrono>
#include <map>
#include <span>
#include <string>

namespace simbook::models {

//! Hyper-parameters of the ratings.
struct FootballFitOptions {
    // Defaults chosen on the 2012-15 moneylines (a normal margin approximation, README: American football).
    double half_life_weeks = 8.0; //!< a game `age` weeks of play before the target weighs 2^(-age / half-life)
    double offseason_weeks = 8.0; //!< weeks of age the off-season adds (the regular season has 17 weeks, then playoffs)
    int window_seasons = 3;       //!< the target's season and the ones before it, at most this many in all
    double prior_weight = 2.0;    //!< ridge strength on each rating, in full-weight games
    double result_weight = 0.5;   //!< k: share of the points scored in a target where the game had lines
    //! Out-of-sample recalibration: the expected margin is stretched by this factor around the expected total (the
    //! ridge and the lag shrink it towards 0).
    double margin_scale = 1.3;
    int min_games = 100; //!< fewer games in the window: InvalidArgument
};

//! Fitted ratings (log expected points).
struct FootballRatings {
    double intercept = 0.0;
    double home_advantage = 0.0;
    std::map<std::string, double> attack;  //!< by franchise; absent: 0
    std::map<std::string, double> defence; //!< by franchise; absent: 0
    int games = 0;                         //!< games in the window
    double margin_scale = 1.0;             //!< FootballFitOptions::margin_scale

    //! Expected points of the home and away teams (home advantage applied, the margin stretched by margin_scale
    //! around the mean; each at least 3).
    std::pair<double, double> ExpectedPoints(const std::string& home, const std::string& away) const;
};

//! Ratings before week `week` of season `season` from the earlier games of `games`. InvalidArgument when the window
//! holds fewer than options.min_games games.
Result<FootballRatings> FitFootballRatings(std::span<const FootballGame> games, int season, int week,
                                           const FootballFitOptions& options);

//! Age in weeks of play of a game of (season, week) seen from (target_season, target_week).
double FootballAgeWeeks(int season, int week, int target_season, int target_week, double offseason_weeks);

} // namespace simbook::models
