//! Walk-forward evaluation of the NFL drive model by week against the de-vigged closing lines: moneyline log loss
//! (model and market), cover rate and calibration of P(cover) at the closing spread, over/under at the closing
//! total, and the final-margin key numbers against the data.
#pragma once

#include "kernels/core/result.hpp"
#include "kernels/football/football_params.hpp"
#include "models/evaluation.hpp"
#include "models/football_data.hpp"
#include "models/football_fit.hpp"
#include "models/football_model.hpp"

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace simbook::models {

//! A game's final margin (home - away, index m + offset) and total distributions, probabilities in [0,1].
struct FootballDistribution {
    int margin_offset = 0;
    std::vector<double> margin;
    std::vector<double> total;

    double Margin(int m) const; //!< P(home - away = m) (0 outside)
    double HomeWin() const;
    double AwayWin() const;
    //! P(home margin + home_spread > 0) and P(= 0).
    double HomeCovers(double home_spread) const;
    double SpreadPush(double home_spread) const;
    double Over(double line) const;
    double TotalPush(double line) const;
};

//! Prices a game's kernel parameters (no clock): the caller's pricing path (the exact engine), so that the
//! evaluation scores what the product serves.
using FootballPricer = std::function<Result<FootballDistribution>(const kernels::football::FootballParams&)>;

//! Which seasons to score and how to fit.
struct FootballEvaluationOptions {
    std::string data_dir; //!< the data folder (ResolveDataDir)
    int first_season = 2012;
    int last_season = 2018;
    FootballFitOptions fit;
    FootballLeague league;
};

//! One scored game.
struct EvaluatedFootballGame {
    const FootballGame* game = nullptr; //!< into FootballEvaluation::games
    double home_points = 0.0;           //!< the ratings' expected points
    double away_points = 0.0;
    double model_home_win = 0.0;           //!< P(home win | no tie)
    std::optional<double> market_home_win; //!< de-vigged closing moneyline
    double model_cover = 0.0;              //!< P(home covers the closing spread | no push)
    double model_over = 0.0;               //!< P(over the closing total | no push)
    std::vector<double> abs_margin;        //!< P(|margin| = k), k = 0..kKeyMargins - 1
};

inline constexpr int kKeyMargins = 41;

//! Results: the games, the scored rows and the summary scores.
struct FootballEvaluation {
    std::vector<FootballGame> games;
    std::vector<EvaluatedFootballGame> rows;
    BinaryScores model_moneyline;     //!< games with usable moneylines and a winner
    BinaryScores market_moneyline;    //!< the same games
    std::vector<double> model_losses; //!< per game of model_moneyline, for PairedDifference
    std::vector<double> market_losses;
    BinaryScores model_cover; //!< P(home covers), games with a usable spread and no push
    int cover_picks = 0;      //!< games where the model's side (P > 1/2) covered
    BinaryScores model_over;  //!< P(over), games with a usable total and no push
    int over_picks = 0;       //!< games where the model's side of the total won
    //! Calibration of P(cover): [bucket] count, sum of forecasts, covers (buckets of 0.1).
    std::array<std::array<double, 3>, 10> cover_calibration{};
    std::array<double, kKeyMargins> data_abs_margin{};  //!< frequency of |margin| = k over the scored games
    std::array<double, kKeyMargins> model_abs_margin{}; //!< mean model P(|margin| = k) over the same games
    int fits = 0;                                       //!< ratings fits (one per week)
};

//! De-vigged P(home win) of American moneylines (multiplicative: inverse prices renormalised).
double DevigMoneyline(int home_moneyline, int away_moneyline);

//! Walk-forward: before each week of seasons first..last, fits the ratings on every earlier game, then prices the
//! week's games with `pricer` (no clock). Errors: the data, a failed fit or pricing.
Result<FootballEvaluation> RunFootballWalkForward(const FootballEvaluationOptions& options,
                                                  const FootballPricer& pricer);

} // namespace simbook::models
