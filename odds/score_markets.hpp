//! Football-style markets priced from a joint final-score distribution: 1X2, double chance, draw no bet,
//! Asian handicap, totals, team totals, both teams to score, correct score, win to nil.
#pragma once

#include "odds/result.hpp"

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace simbook::odds {

//! A probability and its Monte Carlo standard error sqrt(p (1 - p) / sims); 0 when the source is exact.
struct Estimate {
    double probability = 0.0; //!< in [0, 1]
    double std_error = 0.0;   //!< >= 0
};

//! Joint distribution of the final score: At(h, a) = P(home scores h, away scores a) for h in 0..MaxHome(),
//! a in 0..MaxAway(). Entries may sum to less than 1: the rest, Other(), is mass beyond the truncation
//! that no market here can settle, and every market reports it.
class ScoreMatrix {
public:
    //! rows[h][a], rectangular and non-empty, entries finite and >= 0, summing to at most 1 (+1e-9).
    //! sims is the number of simulated games behind the estimates; 0 means the matrix is exact.
    static Result<ScoreMatrix> Create(std::vector<std::vector<double>> rows, std::uint64_t sims = 0);
    //! counts[h][a] = games of sims ending h-a; the counts may total less than sims (truncated scores).
    static Result<ScoreMatrix> FromCounts(const std::vector<std::vector<std::uint64_t>>& counts, std::uint64_t sims);

    //! Highest home score held (rows - 1).
    int MaxHome() const { return static_cast<int>(rows_.size()) - 1; }
    //! Highest away score held (columns - 1).
    int MaxAway() const { return static_cast<int>(rows_.front().size()) - 1; }
    //! P(home h, away a); 0 outside the held range.
    double At(int home, int away) const;
    //! Sum of the held entries.
    double Covered() const { return covered_; }
    //! 1 - Covered(), clamped at 0: the truncated mass.
    double Other() const;
    //! Simulated games behind the estimates; 0 when exact.
    std::uint64_t Sims() const { return sims_; }
    //! p with its standard error sqrt(p (1 - p) / Sims()), or 0 when exact.
    Estimate MakeEstimate(double probability) const;

private:
    ScoreMatrix(std::vector<std::vector<double>> rows, double covered, std::uint64_t sims)
        : rows_(std::move(rows)), covered_(covered), sims_(sims) {}

    std::vector<std::vector<double>> rows_;
    double covered_ = 0.0;
    std::uint64_t sims_ = 0;
};

//! Which team a market is about.
enum class Team { kHome, kAway };
//! Side of a total.
enum class TotalSide { kOver, kUnder };

//! 1X2 / moneyline.
struct ThreeWay {
    Estimate home;
    Estimate draw;
    Estimate away;
    double other = 0.0; //!< truncated mass, unsettled
};

//! Double chance: each bet wins on two of the three results.
struct DoubleChanceOutcomes {
    Estimate home_or_draw;
    Estimate home_or_away;
    Estimate draw_or_away;
    double other = 0.0; //!< truncated mass, unsettled
};

//! Draw no bet: win probabilities conditional on no draw (stakes are returned on a draw). The standard
//! errors are those of a proportion over the sims * (1 - draw) games that were not drawn.
struct DrawNoBetOutcomes {
    Estimate home;      //!< P(home | no draw)
    Estimate away;      //!< P(away | no draw)
    Estimate void_mass; //!< P(draw): the push
    double other = 0.0; //!< truncated mass, unsettled
};

//! How a handicap or total bet settles. Quarter lines split the stake over the two neighbouring half/whole
//! lines, giving half wins and half losses.
struct Settlement {
    Estimate win;
    Estimate half_win;  //!< half the stake wins, half is returned
    Estimate push;      //!< stake returned
    Estimate half_lose; //!< half the stake loses, half is returned
    Estimate lose;
    double other = 0.0; //!< truncated mass, unsettled
};

//! A yes/no market.
struct YesNo {
    Estimate yes;
    Estimate no;
    double other = 0.0; //!< truncated mass, unsettled
};

//! One exact score and its probability.
struct ScoreLine {
    int home = 0;
    int away = 0;
    Estimate probability;
};

//! Correct score: the most likely scores plus "any other" (every other score, the truncated mass included).
struct CorrectScoreOutcomes {
    std::vector<ScoreLine> scores; //!< by decreasing probability, ties by home then away score
    Estimate any_other;
};

//! Home win / draw / away win.
ThreeWay MatchResult(const ScoreMatrix& matrix);
//! 1X, 12, X2.
DoubleChanceOutcomes DoubleChance(const ScoreMatrix& matrix);
//! Draw no bet.
DrawNoBetOutcomes DrawNoBet(const ScoreMatrix& matrix);

//! Asian handicap on `team` at `line` goals added to its score (e.g. -0.75, +1, +0.5): line must be a
//! multiple of 0.25. Whole lines can push; quarter lines settle as half stakes on line -/+ 0.25.
Result<Settlement> AsianHandicap(const ScoreMatrix& matrix, Team team, double line);
//! Total goals over/under `line` (a multiple of 0.25), with the same push and quarter-line rules.
Result<Settlement> Total(const ScoreMatrix& matrix, TotalSide side, double line);
//! One team's goals over/under `line` (a multiple of 0.25).
Result<Settlement> TeamTotal(const ScoreMatrix& matrix, Team team, TotalSide side, double line);

//! Both teams score at least once.
YesNo BothTeamsToScore(const ScoreMatrix& matrix);
//! `team` wins without conceding.
YesNo WinToNil(const ScoreMatrix& matrix, Team team);
//! The `top` most likely scores (zero-probability scores left out) plus any other.
CorrectScoreOutcomes CorrectScore(const ScoreMatrix& matrix, std::size_t top);

//! The decimal odds d with zero expected profit per unit stake:
//! P(win)(d - 1) + P(half win)(d - 1)/2 - P(half lose)/2 - P(lose) = 0. Pushes and truncated mass do not
//! enter. Fails when the bet cannot win, or cannot lose (d would be 1).
Result<double> FairDecimalOdds(const Settlement& settlement);

} // namespace simbook::odds
