//! Walk-forward evaluation of the Dixon-Coles soccer model against results, the market and a base rate: the
//! refits before each match day, the forecasts, and their scores (log loss, Brier, RPS, calibration).
#pragma once

#include "kernels/core/result.hpp"
#include "models/dixon_coles.hpp"
#include "models/market_ratings.hpp"
#include "models/soccer_data.hpp"
#include "models/soccer_join.hpp"

#include <array>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace simbook::models {

//! 1X2 probabilities in [0,1]: home win, draw, away win.
using ThreeWay = std::array<double, 3>;

//! Probability buckets of a calibration table, each 1 / kCalibrationBuckets wide.
inline constexpr int kCalibrationBuckets = 10;

//! The 1X2 outcome of a final score: 0 home win, 1 draw, 2 away win.
int MatchOutcome(int home_goals, int away_goals);

//! Sums of the log loss, Brier score and ranked probability score of 1X2 forecasts, and every match's log loss.
//! Probabilities below 1e-15 count as 1e-15 in the log loss.
struct ThreeWayScores {
    double log_loss = 0.0;          //!< sum of -ln p(outcome)
    double brier = 0.0;             //!< sum over matches of sum over outcomes of (p - o)^2
    double rps = 0.0;               //!< sum over matches of 1/2 sum over the two cumulative splits of (P - O)^2
    std::vector<double> log_losses; //!< per match, in order

    //! Adds one forecast and its outcome (0, 1 or 2, see MatchOutcome).
    void Add(const ThreeWay& p, int outcome);
    //! Matches added.
    std::size_t Count() const { return log_losses.size(); }
    //! Mean log loss, Brier score and RPS (0 when nothing was added).
    double MeanLogLoss() const;
    double MeanBrier() const;
    double MeanRps() const;
};

//! Sums of the log loss and Brier score (p - o)^2 of yes/no forecasts (p: probability of yes, in [0,1]).
struct BinaryScores {
    double log_loss = 0.0;
    double brier = 0.0;
    std::size_t count = 0;

    //! Adds one forecast and whether the event happened.
    void Add(double p, bool yes);
};

//! Predicted against observed frequency by probability bucket, over all three outcomes of each match.
struct Calibration {
    std::array<double, kCalibrationBuckets> count{};     //!< outcomes forecast inside the bucket
    std::array<double, kCalibrationBuckets> predicted{}; //!< sum of their probabilities
    std::array<double, kCalibrationBuckets> observed{};  //!< how many of them happened

    //! Adds the three outcomes of one match.
    void Add(const ThreeWay& p, int outcome);
    //! Adds both outcomes of a yes/no forecast: yes with probability p, no with 1 - p.
    void AddBinary(double p, bool yes);
    //! Mean forecast probability and observed frequency of bucket b (0 for an empty bucket).
    double MeanPredicted(std::size_t b) const { return count[b] > 0 ? predicted[b] / count[b] : 0.0; }
    double Observed(std::size_t b) const { return count[b] > 0 ? observed[b] / count[b] : 0.0; }
};

//! Mean of a - b over paired values and its standard error (0 for fewer than two pairs); a and b equally long.
std::pair<double, double> PairedDifference(const std::vector<double>& a, const std::vector<double>& b);

//! What the pricing path makes of one match: the 1X2 fair probabilities and P(more than 2.5 goals).
struct MatchForecast {
    ThreeWay result{};
    double over_2_5 = 0.0;
};

//! Prices a match from the expected goals (home, away) and the Dixon-Coles rho: the caller's pricing path, so that
//! the evaluation scores the prices the product serves.
using MatchPricer = std::function<Result<MatchForecast>(double home_xg, double away_xg, double rho)>;

//! The market's fair 1X2 probabilities from an odds row (the caller's de-vig method); nullopt when none.
using MarketProbabilities = std::function<std::optional<ThreeWay>(const SoccerOdds& odds)>;

//! The ratings a walk-forward refits before each match day.
enum class SoccerRatingModel {
    kDixonColes,    //!< Dixon-Coles on earlier results (models/dixon_coles.hpp)
    kMarketRatings, //!< fitted to earlier matches' de-vigged odds, goals and shots (models/market_ratings.hpp)
};

//! Which matches to evaluate and how to fit before each match day.
struct WalkForwardOptions {
    std::string league;                                       //!< e.g. "premier-league"
    std::string data_dir;                                     //!< the data folder (see ResolveDataDir)
    int first_season = 0;                                     //!< start year of the first scored season
    int last_season = 0;                                      //!< start year of the last scored season
    DixonColesOptions fit;                                    //!< decay, window and prior of every Dixon-Coles refit
    SoccerRatingModel model = SoccerRatingModel::kDixonColes; //!< the ratings refitted before each match day
    MarketRatingsOptions market_ratings;                      //!< kMarketRatings: its fit, rho and 1X2 recalibration
};

//! One scored match: the model's forecast before its match day, the market's and the base rate's.
struct EvaluatedMatch {
    const SoccerMatch* match = nullptr; //!< into WalkForward::results
    double home_xg = 0.0;
    double away_xg = 0.0;
    double rho = 0.0;               //!< the fit's rho, clamped into the valid range for this pair's expected goals
    double home_stake = -1.0;       //!< motivation stake of the home side (-1: not computed)
    double away_stake = -1.0;       //!< motivation stake of the away side (-1: not computed)
    ThreeWay model{};               //!< 1X2 from the pricer
    double model_over = 0.0;        //!< P(over 2.5) from the pricer
    std::optional<ThreeWay> market; //!< de-vigged market probabilities, where the odds files have the match
    std::array<double, 3> odds{};   //!< the average decimal odds behind them
    ThreeWay base{};                //!< H/D/A frequencies of the training window (unweighted)
    double base_over = 0.0;         //!< over-2.5 frequency of the training window
    std::size_t train_matches = 0;  //!< matches in the training window
};

//! A walk-forward run: every match of the scored seasons in date order.
struct WalkForward {
    std::vector<SoccerMatch> results;    //!< the loaded results (the scored seasons and the look-back)
    std::vector<EvaluatedMatch> matches; //!< the scored matches (pointing into results)
    OddsJoin odds_join;                  //!< the league's odds rows (of the loaded seasons) joined to the results
    std::vector<SoccerOdds> odds;        //!< those odds rows (odds_join indexes them)
    int fits = 0;                        //!< fits run
    int fallback_fits = 0;               //!< kMarketRatings: match days without enough odds, fitted by Dixon-Coles
    int failed_fits = 0;                 //!< fits that did not converge (the previous model is kept)
    int clamped_rho = 0;                 //!< matches whose rho had to be clamped
    double seconds = 0.0;                //!< wall time of the fits and pricing

    WalkForward() = default;
    WalkForward(const WalkForward&) = delete;
    WalkForward& operator=(const WalkForward&) = delete;
    WalkForward(WalkForward&&) = default; //!< keeps matches' pointers valid (the vector's buffer moves)
    WalkForward& operator=(WalkForward&&) = default;
};

//! A season as it stands before a match day, for a motivation term: what has been played and what remains.
struct SeasonSituation {
    std::string league;
    int season = 0;                                      //!< start year
    std::chrono::sys_days day{};                         //!< the match day
    std::vector<const SoccerMatch*> played;              //!< the season's matches before the day (results read)
    std::vector<const SoccerMatch*> remaining;           //!< the fixture list from the day on (results not read)
    std::vector<std::pair<double, double>> remaining_xg; //!< per remaining fixture: the current ratings' xG
    std::size_t today = 0;                               //!< remaining[0..today) are the day's matches
};

//! Per match of the day (remaining[0..today)): (home stake, away stake), each in [0, 1], the probability that the
//! team's final zone (title, top places, middle, relegation) depends on the match's result.
using MotivationFn = std::function<std::vector<std::pair<double, double>>(const SeasonSituation& situation)>;

//! The joined odds row of every match of a results list of `results` matches (nullptr where none joined).
std::vector<const SoccerOdds*> OddsByMatch(const OddsJoin& join, std::span<const SoccerOdds> odds, std::size_t results);

//! The market-informed ratings' view of `results` (sorted by date): each match with odds (`odds_of`, by index)
//! carries the goal means implied by market(odds) with `rho` (ImpliedGoalMeans).
std::vector<MarketRatedMatch> MarketRatedMatches(std::span<const SoccerMatch> results,
                                                 std::span<const SoccerOdds* const> odds_of,
                                                 const MarketProbabilities& market, double rho);

//! Walk-forward: before each match day, refits the ratings on earlier match days only (results, and for
//! kMarketRatings their odds; promoted teams start from the mean ratings of the teams they replaced) and prices the
//! day's matches through `pricer`; the market from `market`. Odds rows are joined to results by JoinOddsToResults
//! (the hand table of SoccerTeamNameMap as overrides); rows that do not join are listed in odds_join.issues and
//! left out. Errors: unknown league or data files, a season without results, no model before the first match
//! day, a pricing failure.
//! `motivation` (kMarketRatings with motivation_weight != 0): called on each match day once at most
//! motivation_share of the season remains; the stakes move each match's xG (MarketRatingsOptions).
Result<WalkForward> RunWalkForward(const WalkForwardOptions& options, const MatchPricer& pricer,
                                   const MarketProbabilities& market, const MotivationFn& motivation = nullptr);

//! The scores of a walk-forward: every match for the model and the base rate, the matches with market odds for the
//! three-way comparison, over/under 2.5, calibration, and 1X2 scores per season on the matches with odds.
struct EvaluationScores {
    ThreeWayScores model_all;
    ThreeWayScores base_all;
    ThreeWayScores model_with_market;
    ThreeWayScores market;
    ThreeWayScores base_with_market;
    BinaryScores model_over;
    BinaryScores base_over;
    Calibration model_calibration;
    Calibration market_calibration;
    std::map<int, std::array<ThreeWayScores, 3>> by_season; //!< by start year: model, market, base rate
    double model_minus_market = 0.0;    //!< mean paired 1X2 log-loss difference on the matches with odds
    double model_minus_market_se = 0.0; //!< its standard error
};

//! Scores the matches of a walk-forward.
EvaluationScores ScoreWalkForward(const std::vector<EvaluatedMatch>& matches);

} // namespace simbook::models
