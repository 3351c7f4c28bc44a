//! Exact American football scores without clock effects: the regulation score is a convolution of drive outcomes
//! over the drive count (mixed over the pace distribution), then overtime on the tied mass. The oracle of the
//! Monte Carlo kernel's no-clock mode, and the fast path for main lines.
#pragma once

#include "kernels/core/result.hpp"
#include "kernels/football/football_params.hpp"

#include <vector>

namespace simbook::engine {

//! Joint distribution of the final score (home, away), points 0..kFootballMaxPoints each (a score past the cap is
//! counted at the cap; its mass is below 1e-9 for NFL-like rates).
inline constexpr int kFootballMaxPoints = 120;

struct FootballScorePmf {
    //! [home * (kFootballMaxPoints + 1) + away]: P(final score), probabilities in [0,1].
    std::vector<double> p;
    double invalid = 0.0;  //!< mass of playoff paths still tied after kMaxOvertimeDrives overtime drives
    double overtime = 0.0; //!< P(the game goes to overtime)

    double At(int home, int away) const { return p[home * (kFootballMaxPoints + 1) + away]; }
    //! P(home - away = m) for m in [-kFootballMaxPoints, kFootballMaxPoints], index m + kFootballMaxPoints.
    std::vector<double> MarginPmf() const;
    //! P(home + away = t) for t in [0, 2 kFootballMaxPoints].
    std::vector<double> TotalPmf() const;
    double HomeWin() const; //!< P(home ahead at the end)
    double AwayWin() const;
    double Tie() const;
    //! P(home margin + home_spread > 0) and P(= 0) (a push), for the home side of a spread line.
    double HomeCovers(double home_spread) const;
    double SpreadPush(double home_spread) const;
    //! P(total > line) and P(total = line).
    double Over(double line) const;
    double TotalPush(double line) const;
};

//! The exact final-score distribution of a game with params.clock == 0 from `state` (drives_done, score,
//! possession (-1: a coin toss), field). InvalidArgument for a clock model or a state outside the kernel's range.
Result<FootballScorePmf> ExactFootball(const kernels::football::FootballParams& params,
                                       const kernels::football::FootballState& state);

//! Overtime alone: P(extra points home, away) from a tied regulation, [home * 32 + away] (points 0..31), with the
//! invalid (unfinished playoff) mass returned in *invalid. The receiving team is a coin toss.
std::vector<double> ExactFootballOvertime(const kernels::football::FootballParams& params, double* invalid);

} // namespace simbook::engine
