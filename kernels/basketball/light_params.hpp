//! Light basketball kernel (no box scores): possession-points thresholds and the per-path outcome.
#pragma once

#include "kernels/basketball/basketball_params.hpp"
#include "kernels/core/alias.hpp"

#include <cmath>
#include <cstdint>
#include <type_traits>
#include <vector>

namespace simbook::kernels::basketball {

//! Outcomes of one whole possession (offensive-rebound chains included), in threshold order:
//! no points, one free throw made, two free throws made, a made two, a made three.
inline constexpr int kPossessionOutcomes = 5;

//! Alias bits of a possession_alias entry (kernels/core/alias.hpp).
inline constexpr int kPossessionAliasBits = 3;
static_assert(kPossessionOutcomes <= (1 << kPossessionAliasBits));
//! Points of possession outcome o: (kPossessionPointsPacked >> 2o) & 3.
inline constexpr std::uint32_t kPossessionPointsPacked = (1u << 2) | (2u << 4) | (2u << 6) | (3u << 8);

//! One team's offence as one draw per possession: [LeadRow(offence lead)] an alias table (kernels/core/alias.hpp)
//! over the kPossessionOutcomes outcomes.
struct BasketballLightTeamParams {
    std::uint32_t possession_alias[kLeadRows][kPossessionOutcomes];
};
static_assert(std::is_trivially_copyable_v<BasketballLightTeamParams>);

//! Both teams and the pace distribution (the box-score kernel's, unchanged).
struct BasketballLightParams {
    BasketballLightTeamParams team[2];             //!< home, away
    std::int32_t pace_min;                         //!< smallest possession count of the pace distribution
    std::uint32_t pace_threshold[kPaceValues - 1]; //!< cumulative P(N = pace_min + k) * 2^32
};
static_assert(std::is_trivially_copyable_v<BasketballLightParams>);

//! Per-path result of one light game; period points count points scored from the state onward.
struct BasketballLightOutcome {
    std::uint16_t score[2];
    std::uint8_t period_points[2][kReportedPeriods];
    std::uint8_t overtimes;
    std::uint8_t lead_changes;
    std::uint8_t largest_run;      //!< most consecutive points by one team without the other scoring
    std::uint8_t largest_run_team; //!< 0 home, 1 away
    std::uint8_t invalid;
    //! First score after the state: 0 none, else 1 + 3 * team + kind (kind 0 two, 1 three, 2 free throws),
    //! as BasketballOutcome::first_score.
    std::uint8_t first_score;
    std::uint16_t race_won[2]; //!< as BasketballOutcome::race_won
    //! Game-clock seconds from tip-off (at its possession slot) of the first lead change after the state;
    //! kNoLeadChange when there is none.
    std::uint16_t first_lead_change_second;
};
static_assert(std::is_trivially_copyable_v<BasketballLightOutcome>);
static_assert(sizeof(BasketballLightOutcome) == 26, "no padding: every byte of an outcome is written");

//! The light kernel's parameters from the box-score kernel's: the possession-points distribution implied
//! by the quantised chance probabilities of every lead row (offensive-rebound chains summed as a geometric
//! series, as engine::PossessionPointsPmf), as alias tables. Host only.
inline BasketballLightParams MakeBasketballLightParams(const BasketballParams& params) {
    constexpr double kTwo32 = 4294967296.0;
    BasketballLightParams light{};
    for (int team = 0; team < 2; ++team) {
        for (int row = 0; row < kLeadRows; ++row) {
            const std::uint32_t(&t)[kChanceOutcomes - 1] = params.team[team].chance_threshold[row];
            double q[kChanceOutcomes];
            double previous = 0.0;
            for (int i = 0; i < kChanceOutcomes - 1; ++i) {
                q[i] = (t[i] - previous) / kTwo32;
                previous = t[i];
            }
            q[kChanceOutcomes - 1] = (kTwo32 - previous) / kTwo32;
            auto at = [&q](Chance c) { return q[static_cast<int>(c)]; };
            const double scale = 1.0 / (1.0 - (at(Chance::kTwoMissOffReb) + at(Chance::kThreeMissOffReb)));
            const double mass[kPossessionOutcomes] = {(at(Chance::kTurnover) + at(Chance::kTwoMissDefReb) +
                                                       at(Chance::kThreeMissDefReb) + at(Chance::kFreeThrowsNone)) *
                                                          scale,
                                                      at(Chance::kFreeThrowsOne) * scale,
                                                      at(Chance::kFreeThrowsTwo) * scale, at(Chance::kTwoMade) * scale,
                                                      at(Chance::kThreeMade) * scale};
            BuildAlias(std::vector<double>(mass, mass + kPossessionOutcomes), kPossessionAliasBits,
                       light.team[team].possession_alias[row]);
        }
    }
    light.pace_min = params.pace_min;
    for (int k = 0; k < kPaceValues - 1; ++k) {
        light.pace_threshold[k] = params.pace_threshold[k];
    }
    return light;
}

} // namespace simbook::kernels::basketball
