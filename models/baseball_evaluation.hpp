//! Walk-forward evaluation of the baseball model against Pinnacle's closing lines (MLB 2016): refits on earlier
//! games only, the model's moneyline and total forecasts, the market's de-vigged ones, and their scores.
#pragma once

#include "kernels/core/result.hpp"
#include "models/baseball_data.hpp"
#include "models/baseball_fit.hpp"
#include "models/baseball_model.hpp"
#include "models/evaluation.hpp"

#include <array>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace simbook::models {

//! The closing line of one game (the last non-missing entry of each field): American odds, away (Team1) and home.
struct BaseballClosingLine {
    std::string game_id;                //!< Retrosheet game id ("PIT201604030")
    std::array<double, 2> moneyline{};  //!< American odds: away, home (0 where the file has none)
    std::optional<double> total;        //!< the closing total, runs
    std::array<double, 2> total_odds{}; //!< American odds: over, under
};

//! Parses one row of MLB2016_games.csv (columns named by the header `columns`); errors name the column.
Result<BaseballClosingLine> ParseClosingLine(const std::vector<std::string>& columns,
                                             const std::vector<std::string>& row);

//! Every game's closing line from data_dir/baseball/pinnacle-mlb2016/MLB2016_games.csv (GPL-3: read at run time,
//! nothing derived from it is stored). Errors name the file and line.
Result<std::vector<BaseballClosingLine>> LoadPinnacleClosingLines(const std::string& data_dir);

//! A market's fair probabilities of a two-way line from its American odds (the caller's de-vig method); nullopt
//! when the odds are missing or invalid.
using TwoWayDevig = std::function<std::optional<std::array<double, 2>>(const std::array<double, 2>& american)>;

//! What the pricer makes of a game: P(home wins) and, at a total line, P(over), P(exactly the line) (a push).
struct BaseballForecast {
    double home_win = 0.0;
    double over = 0.0;             //!< P(total runs > line)
    double push = 0.0;             //!< P(total runs == line); 0 for a half-run line
    double mean_total = 0.0;       //!< expected total runs
    std::vector<double> total_pmf; //!< P(total runs = k), k = 0, 1, ...
};

//! Prices a fitted matchup at a total line (the caller's pricing path: the exact game distribution).
using BaseballPricer = std::function<Result<BaseballForecast>(const BaseballModel& model, double total_line)>;

//! Which games to score and how to fit before each date.
struct BaseballWalkForwardOptions {
    int season = 2016;                  //!< the scored season; the fits also read the two seasons before
    BaseballFitOptions fit;             //!< every refit's settings
    int refit_days = 1;                 //!< refit when the last fit is this many days old (1: every date)
    std::chrono::sys_days first_date{}; //!< scored dates from here (default: the season's first)
    std::chrono::sys_days last_date{std::chrono::year{9999} / 1 / 1}; //!< up to and including this date
    //! Also score games without a closing line (model and base rate only): for tuning on seasons the market file
    //! does not cover.
    bool all_games = false;
};

//! One scored game: the model's forecasts from a fit on earlier games only, the market's, the base rate's.
struct EvaluatedBaseballGame {
    std::string game_id;
    std::chrono::sys_days date{};
    std::chrono::sys_days fitted_before{}; //!< the fit read only games dated before this day
    int home_runs = 0;
    int away_runs = 0;
    double model_home_win = 0.0;
    double model_mean_total = 0.0;          //!< the model's expected total runs
    double model_total_runs_log_loss = 0.0; //!< -ln P(total runs = the actual total), from the model's pmf
    std::optional<double> market_home_win;  //!< de-vigged closing moneyline
    double base_home_win = 0.0;             //!< home teams' win share of the games the fit read (unweighted)
    std::optional<double> total_line;       //!< the closing total
    double model_over = 0.0;                //!< P(over | no push) at the closing total
    std::optional<double> market_over;      //!< de-vigged closing over price (a push refunds, so no push implied)
    bool push = false;                      //!< the total landed on the line

    bool HomeWon() const { return home_runs > away_runs; }
    bool Over() const { return total_line && home_runs + away_runs > *total_line; }
};

//! A walk-forward run over a season's games with closing lines.
struct BaseballWalkForward {
    std::vector<EvaluatedBaseballGame> games; //!< in date order
    int fits = 0;
    int unmatched_lines = 0; //!< closing lines without a regular-season game of the season (All-Star, postseason)
    double seconds = 0.0;    //!< wall time of the fits and pricing
};

//! Walk-forward over `games` (the logs, several seasons, date order): every game of options.season that has a
//! closing line, in the date range, priced with a fit on games dated strictly before its date (refitted every
//! options.refit_days days), its starters and park. Errors: no scored games, a failed fit or pricing.
Result<BaseballWalkForward> RunBaseballWalkForward(const std::vector<RetrosheetGame>& games,
                                                   const std::vector<BaseballClosingLine>& lines,
                                                   const BaseballWalkForwardOptions& options,
                                                   const BaseballPricer& pricer, const TwoWayDevig& devig);

//! The scores of a walk-forward: moneyline log loss and Brier for the model, market and base rate on the games with
//! a closing moneyline; over/under at the closing total for the model and the market (pushes left out);
//! calibration tables (both outcomes of each game).
struct BaseballScores {
    BinaryScores model_moneyline, market_moneyline, base_moneyline;
    BinaryScores model_total, market_total;
    BinaryScores model_all, base_all; //!< moneyline over every scored game, with a closing line or not
    double total_runs_log_loss = 0.0; //!< mean -ln P(total runs = actual) over every scored game (the model)
    Calibration model_moneyline_calibration, market_moneyline_calibration;
    Calibration model_total_calibration, market_total_calibration;
    std::size_t pushes = 0;
    double model_minus_market = 0.0, model_minus_market_se = 0.0;             //!< moneyline log loss, paired
    double model_minus_market_total = 0.0, model_minus_market_total_se = 0.0; //!< totals log loss, paired
};

BaseballScores ScoreBaseballWalkForward(const std::vector<EvaluatedBaseballGame>& games);

} // namespace simbook::models
