//! Exact basketball pricing: possession points convolved over the remaining possessions.
#pragma once

#include "engine/score_distribution.hpp"
#include "kernels/basketball/basketball_params.hpp"

#include <array>
#include <cstddef>
#include <vector>

namespace simbook::engine {

//! Points of one possession: P(0), P(1), P(2), P(3), from the kernel's quantised chance probabilities of the
//! offence's lead row (kernels::basketball::LeadRow; the default is a tied game), offensive-rebound chains
//! summed as a geometric series.
std::array<double, 4> PossessionPointsPmf(const kernels::basketball::BasketballTeamParams& team,
                                          int lead_row = kernels::basketball::kLeadCap);

//! Basketball by dynamic programming: possession points convolved over the remaining possessions of each
//! team, mixed over the pace distribution, then overtimes until untied, exactly as the kernel schedules
//! possessions from the state. Convolution powers are built once and shared by every pace; the tied mass of
//! all paces with the same overtime length goes through one overtime recursion (scores tied with under 1e-30 are
//! not played on). Scores >= dim are dropped. With a lead pull (rates that depend on the score) possessions
//! are not independent: the joint score is stepped slot by slot instead (one pass shared by every pace, the
//! paces read off where their regulation ends; cells under 1e-30 are not played on).
ScoreDistribution ExactBasketball(const kernels::basketball::BasketballParams& params,
                                  const kernels::basketball::BasketballState& state, std::size_t dim = 320);

//! pmf of the final margin home - away points (overtimes included), as ExactBasketball's grid marginal but
//! without the grid: per-possession-pair differences convolved, and the margin-0 mass played on (with a lead
//! pull, the margin stepped slot by slot).
IntegerPmf ExactBasketballMargin(const kernels::basketball::BasketballParams& params,
                                 const kernels::basketball::BasketballState& state);

//! pmf of the final total home + away points (overtimes included), as ExactBasketball's grid marginal: the
//! tied mass at each score is carried into the overtimes (with a lead pull, the marginal of the stepped grid).
IntegerPmf ExactBasketballTotal(const kernels::basketball::BasketballParams& params,
                                const kernels::basketball::BasketballState& state);

//! The periods with lines: the four quarters and the first half (the kernel reports overtime as one).
enum class BasketballPeriod { kFirstQuarter, kSecondQuarter, kThirdQuarter, kFourthQuarter, kFirstHalf };

//! Joint distribution of (home, away) points scored in the period from the state onward (the kernel's
//! BasketballOutcome::period_points: points before the state are not counted, and a period already over
//! gives 0-0 with probability 1). Possession slots fall in quarters exactly as kernels::basketball::QuarterClock
//! places them, and the teams alternate from the team with the ball (a fair coin when unknown). With a lead
//! pull, the margin is stepped to the period's first slot and (margin, home points, away points) through the
//! period, per pace: exact, but seconds for a period that starts well after the state.
ScoreDistribution ExactBasketballPeriod(const kernels::basketball::BasketballParams& params,
                                        const kernels::basketball::BasketballState& state, BasketballPeriod period);

struct BasketballGame;
//! The exact final-score distribution of a game from its state (ExactBasketball).
ScoreDistribution ExactFinalScore(const BasketballGame& game);
//! The exact final margin and total from the state, without the grid (the margin and total series). With a lead
//! pull the total of a game under way comes from the model's backward table (engine/basketball/lead_table.hpp) once
//! it is built and where it covers the state (equal to the series within about 1e-11), else from the series.
ExactLines ExactMainLines(const BasketballGame& game);

} // namespace simbook::engine
