//! Internals of the exact basketball pricers shared by exact.cpp (independent possessions), exact_lead.cpp (the
//! lead pull, where possessions depend on the score) and lead_table.cpp (backward tables of the pull's total).
//! Not part of the engine's interface.
#pragma once

#include "engine/score_distribution.hpp"
#include "kernels/basketball/basketball_params.hpp"

#include <array>
#include <cstddef>
#include <utility>
#include <vector>

namespace simbook::engine::detail {

//! Overtime recursions stop once the mass still tied falls below this (as the baseline per block did).
inline constexpr double kNegligibleTiedMass = 1e-18;
//! A score tied with less mass than this is not played on: its overtimes would move no cell, margin or total
//! probability by more than about 1e-30, and skipping the far tails (down to denormals) is most of the speed
//! of the overtime recursion.
inline constexpr double kNegligibleCell = 1e-30;
//! With a lead pull, the (margin, home points) grid drops the cells at the ends of each row below this.
inline constexpr double kLeadNegligibleCell = 1e-16;

//! Sum over overtimes j = 0, 1, ... of the mass tied at each score as overtime j + 1 starts, from the mass
//! tied after regulation; overtimes of oh / oa points. The overtime loop runs kMaxOvertimes times at most
//! and stops once the mass still tied is negligible; what is tied then is dropped (the kernel's invalid
//! paths). Scores past the vector's end are dropped.
std::vector<double> TiedEnteringOvertimes(std::vector<double> tied, const std::vector<double>& oh,
                                          const std::vector<double>& oa);
//! Drops the zeros at both ends of a pmf (moving its offset).
void TrimZeros(IntegerPmf& pmf);

// ---- With a lead pull (exact_lead.cpp; period lines in exact_lead_period.cpp) ----

//! Possession points pmf of each team (home, away) at each lead row of its offence.
using LeadPmfs = std::array<std::array<std::array<double, 4>, kernels::basketball::kLeadRows>, 2>;
LeadPmfs MakeLeadPmfs(const kernels::basketball::BasketballParams& params);

//! A margin pmf on [-radius, radius] (index margin + radius).
struct MarginGrid {
    int radius;
    std::vector<double> p;
    int lo, hi; //!< margins outside [lo, hi] hold no mass (the whole range until the first step)
    explicit MarginGrid(int r) : radius(r), p(static_cast<std::size_t>(2 * r + 1), 0.0), lo(-r), hi(r) {}
    double& operator[](int margin) { return p[static_cast<std::size_t>(margin + radius)]; }
    double operator[](int margin) const { return p[static_cast<std::size_t>(margin + radius)]; }
};

//! One slot of offence `team` on a margin pmf (home margin: home points add, away points subtract). Margins past
//! the lead cap share the capped pmf: there each points value is one contiguous multiply-add.
void StepMargin(const LeadPmfs& pmfs, int team, MarginGrid& g, std::vector<double>& scratch);

//! The pmf of offence `team` when the home margin is `margin`.
inline const std::array<double, 4>& PmfAt(const LeadPmfs& pmfs, int team, int margin) {
    return pmfs[static_cast<std::size_t>(team)]
               [static_cast<std::size_t>(kernels::basketball::LeadRow(team == 0 ? margin : -margin))];
}

//! Who has the ball at slot 0 and with what weight: the state's team, or both after a fair coin.
std::vector<std::pair<int, double>> Starts(const kernels::basketball::BasketballState& state);

//! Slots of regulation left for each pace value with positive probability: (slots, pace probability, m).
struct PaceEnd {
    int slots;
    double weight;
    int m;
};
std::vector<PaceEnd> PaceEnds(const kernels::basketball::BasketballParams& params,
                              const kernels::basketball::BasketballState& state);

//! pmf of the points of the overtimes played from a tie (until untied, kMaxOvertimes at most; what is still tied
//! then is dropped), each overtime 2m slots from offence `first`.
std::vector<double> OvertimeTotal(const LeadPmfs& pmfs, int m, int first);

//! The joint score grid, the margin and the total from the state, stepped slot by slot.
ScoreDistribution LeadJoint(const kernels::basketball::BasketballParams& params,
                            const kernels::basketball::BasketballState& state, std::size_t dim);
IntegerPmf LeadMargin(const kernels::basketball::BasketballParams& params,
                      const kernels::basketball::BasketballState& state);
IntegerPmf LeadTotal(const kernels::basketball::BasketballParams& params,
                     const kernels::basketball::BasketballState& state);

//! The period's slots for one pace: [begin, begin + count) counted from the state.
struct PeriodSlots {
    double weight;
    int begin;
    int count;
};

//! Adds start_weight x the points of the period (one pace per PeriodSlots) from offence `start` to d.
void LeadPeriod(const kernels::basketball::BasketballParams& params, const kernels::basketball::BasketballState& state,
                const std::vector<PeriodSlots>& paces, int start, double start_weight, ScoreDistribution& d);

} // namespace simbook::engine::detail
