//! An NFL game as a model (two teams' expected points and the season's rules), its JSON form, the field-position
//! curve of a drive in progress, and the fitted NFL ratings as a file (params_dir/nfl/teams.json, written by
//! `simbook fit --sport football`, read by `--league nfl --home Patriots --away Chiefs`).
#pragma once

#include "kernels/core/result.hpp"
#include "kernels/football/football_params.hpp"
#include "models/football_fit.hpp"
#include "models/football_model.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace simbook::models {

//! One NFL game: what the kernel parameters are made from (MakeFootballParams with the default FootballLeague).
struct FootballMatchModel {
    std::string home_name; //!< franchise or free label
    std::string away_name;
    double home_points = 23.5; //!< expected regulation points of the home team (home advantage included), (3, 60]
    double away_points = 21.0; //!< expected regulation points of the away team
    //! Log expected points the home side gets from playing at home (the fit's home_advantage); a neutral site takes
    //! half of it from the home team and gives half to the away team (both then play as a visitor would).
    double home_advantage = 0.0;
    int season = 2019;    //!< the season's start year: its overtime and extra-point rules (FootballRulesFor)
    bool playoff = false; //!< playoff overtime (no ties)
    bool clock = true;    //!< 1: the clock plays (Monte Carlo); 0: the drive count (the exact model's game)
};

//! The example game (no fitted league): 23.5 against 21.0 points, 2019 rules, with the clock.
FootballMatchModel ExampleFootballMatch();
//! {"home": {"name", "points"}, "away": {...}, "home_advantage", "season", "playoff", "clock"}: every field but the
//! points optional; errors name the field by its path.
Result<FootballMatchModel> FootballMatchFromJson(const nlohmann::json& json);
nlohmann::json FootballMatchToJson(const FootballMatchModel& model);
//! FootballMatchToJson (the name every sport's model has).
nlohmann::json ToJson(const FootballMatchModel& model);
//! InvalidArgument naming the field: points outside (3, 60], a season outside 2000..2100.
Status ValidateFootballMatch(const FootballMatchModel& model);
//! The kernel parameters of a game (MakeFootballParams with the league defaults and the season's rules).
kernels::football::FootballParams MakeFootballMatchParams(const FootballMatchModel& model);

//! Drive-end probabilities of a drive in progress at yard line `yard_line` (0-100 from the offence's own goal line),
//! given the offence's probabilities of a normal-field drive (`normal`, which starts at kNormalStartYardLine).
//!
//! Assumption (the data has no play-by-play): league curves of P(touchdown), P(field goal) and P(safety) by where a
//! drive stands, piecewise linear through knots read off published NFL drive-outcome-by-starting-field-position
//! summaries (2011-18 play-by-play: about 19% touchdowns and 13% field goals from the own 20, a third touchdowns
//! from midfield, a half inside the opponent's 20, three quarters from the 5); the offence's own rates are scaled by
//! the curve's ratio to its value at the normal start, turnovers keep the team's rate, punts (every other end) take
//! the rest. Down and distance, when given, move the effective yard line back: 3 yards a down used and half of
//! every yard to go beyond 10.
DriveEnds DriveEndsAtYardLine(const DriveEnds& normal, double yard_line);
//! Where a normal-field drive (after a kickoff or a punt) starts on average: the offence's 28.
inline constexpr double kNormalStartYardLine = 28.0;
//! The effective yard line of a down and distance (see DriveEndsAtYardLine); down 0: not given.
double EffectiveYardLine(int yard_line, int down, int distance);
//! Expected points of a drive with these end probabilities (touchdown 6.94 with the try, field goal 3, safety -2).
double DriveExpectedPoints(const DriveEnds& ends);

//! The fitted NFL ratings as a file: {"model": "nfl-drives", "sport": "football", "league": "nfl", "season",
//! "week" (the ratings are those before this week of this season), "games", "intercept", "home_advantage",
//! "margin_scale", "teams": {franchise: {"attack", "defence"}}, "notice", "assumptions"}.
nlohmann::json FittedFootballToJson(const FootballRatings& ratings, int season, int week);
Result<FootballRatings> FittedFootballFromJson(const nlohmann::json& json, int* season = nullptr);
//! params_dir/nfl/teams.json.
std::string FittedNflPath(const std::string& params_dir);
//! A game between two fitted NFL franchises ("Patriots", "49ers") at the home team's stadium under the rules of
//! the season after the fit's data. Unavailable when the file cannot be read; InvalidArgument naming an unknown team.
Result<FootballMatchModel> FittedNflMatch(const std::string& params_dir, const std::string& home,
                                          const std::string& away);

} // namespace simbook::models
