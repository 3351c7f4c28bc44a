//! Walk-forward NFL ratings: attack and defence per franchise fitted to earlier games' points and, where the game
//! had usable closing lines, the team points those lines imply, shrunk towards the league.
//!
//! Each earlier game g gives two targets, y = log(max(3, (1 - k) implied + k points)) for each team, where implied
//! = (total - home spread) / 2 for the home team and (total + home spread) / 2 for the away team (k = 1 without
//! lines). Weighted least squares (weight 2^(-age / half-life), games in [day - window, day)) fits
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
    double half_life_days = 120.0; //!< a game `age` days before the day weighs 2^(-age / half-life)
    double window_days = 800.0;    //!< older games are left out, days
    double prior_weight = 2.0;     //!< ridge strength on each rating, in full-weight games
    double result_weight = 0.25;   //!< k: share of the points scored in a target where the game had lines
    int min_games = 100;           //!< fewer games in the window: InvalidArgument
};

//! Fitted ratings (log expected points).
struct FootballRatings {
    double intercept = 0.0;
    double home_advantage = 0.0;
    std::map<std::string, double> attack;  //!< by franchise; absent: 0
    std::map<std::string, double> defence; //!< by franchise; absent: 0
    int games = 0;                         //!< games in the window

    //! Expected points of the home and away teams (home advantage applied).
    std::pair<double, double> ExpectedPoints(const std::string& home, const std::string& away) const;
};

//! Ratings from the games of `games` (date order) with date in [day - window, day). InvalidArgument when the window
//! holds fewer than options.min_games games.
Result<FootballRatings> FitFootballRatings(std::span<const FootballGame> games, std::chrono::sys_days day,
                                           const FootballFitOptions& options);

} // namespace simbook::models
