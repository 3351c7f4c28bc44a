//! Soccer event process: exponential inter-arrival times over a piecewise-constant intensity.
#pragma once

#include "kernels/core/config.hpp"
#include "kernels/core/math.cuh"
#include "kernels/core/rng.cuh"
#include "kernels/soccer/soccer_params.hpp"

#include <cstdint>
#include <type_traits>

namespace simbook::kernels::soccer {

//! The evolving state of one path.
struct SoccerPathState {
    double t;      //!< played minutes
    double lambda; //!< shape-minutes at t
    int goals[2];
    int red[2];
    int last_leader; //!< +1 home, -1 away, 0 never led
    bool done;
    bool scheduled_red_done[2]; //!< the red card of params.red_card_at[team] was shown (or there is none)
    bool carry;                 //!< the next step reuses carry_e and carry_u instead of drawing
    double carry_e;             //!< Exp(1) exposure left over when a scheduled red card interrupted a step
    double carry_u;             //!< the interrupted step's event-picking uniform
    SoccerOutcome out;
};

//! Shape-minutes elapsed at played minute t: the integral of the timing shape from 0 to t.
SIMBOOK_HD inline double ShapeMinutes(const SoccerParams& p, double t) {
    double start = 0.0;
    double lambda_start = 0.0;
    for (int k = 0; k < kSegments; ++k) {
        if (t < p.segment_end[k]) {
            return lambda_start + (t - start) * p.shape[k];
        }
        start = p.segment_end[k];
        lambda_start = p.shape_end[k];
    }
    return p.shape_end[kSegments - 1];
}

//! Football minute (1..90, stoppage goals as 45 or 90) of a played-minute time.
SIMBOOK_HD inline std::uint8_t FootballMinute(const SoccerParams& p, double t) {
    if (t < 45.0) {
        return static_cast<std::uint8_t>(static_cast<int>(t) + 1);
    }
    if (t < p.segment_end[kFirstHalfLastSegment]) {
        return 45;
    }
    const double second = t - p.first_half_stoppage;
    return second < 90.0 ? static_cast<std::uint8_t>(static_cast<int>(second) + 1) : std::uint8_t{90};
}

//! Advances a path to its next event (goal or red card) or to the final whistle, and applies the event.
//! Between events every intensity is a constant c times the timing shape, so the next event comes after
//! an Exp(1) draw E / c shape-minutes; mapping shape-minutes back to played minutes is a branch-free
//! search of the segment table. A second uniform picks which event it was, in proportion to the rates.
struct SoccerEventStep {
    SoccerParams params;

    SIMBOOK_HD void operator()(SoccerPathState& s, PathRng& rng) const {
        const int margin = s.goals[0] - s.goals[1];
        const double lead_home = margin > 0 ? params.leading_mult : (margin < 0 ? params.trailing_mult : 1.0);
        const double lead_away = margin < 0 ? params.leading_mult : (margin > 0 ? params.trailing_mult : 1.0);
        const double rate_home = params.goal_rate[0] * lead_home * params.red_factor[s.red[0]][s.red[1]];
        const double rate_away = params.goal_rate[1] * lead_away * params.red_factor[s.red[1]][s.red[0]];
        const double red_home = s.red[0] < kMaxReds ? params.red_rate[0] : 0.0;
        const double red_away = s.red[1] < kMaxReds ? params.red_rate[1] : 0.0;
        const double total = rate_home + rate_away + red_home + red_away;

        const double e = s.carry ? s.carry_e : ExpFromUniform(rng.NextOpenUniform());
        const double u = s.carry ? s.carry_u : rng.NextOpenUniform();
        s.carry = false;
        const double pick = u * total;
        const double target = s.lambda + e / total; // +inf when total == 0: no more events
        const bool first_half = s.t < params.segment_end[kFirstHalfLastSegment];
        if (ScheduledRed(s, e, u, total, target, first_half)) {
            return;
        }
        if (!(target < params.shape_end[kSegments - 1])) {
            if (first_half) {
                RecordHalfTime(s);
            }
            s.done = true;
            return;
        }
        int k = 0;
        for (int j = 0; j < kSegments - 1; ++j) {
            k += static_cast<int>(target >= params.shape_end[j]);
        }
        const double segment_start = k == 0 ? 0.0 : params.segment_end[k - 1];
        const double lambda_start = k == 0 ? 0.0 : params.shape_end[k - 1];
        s.t = segment_start + (target - lambda_start) / params.shape[k];
        s.lambda = target;
        if (first_half && k > kFirstHalfLastSegment) {
            RecordHalfTime(s);
        }
        if (pick < rate_home + rate_away) {
            Goal(s, pick < rate_home ? 0 : 1);
        } else {
            ++s.red[pick < rate_home + rate_away + red_home ? 0 : 1];
        }
    }

private:
    //! A scheduled red card due before the next event: moves the path to it, shows it, and keeps the rest of
    //! the Exp(1) exposure (memoryless, so still Exp(1)) and the uniform for the next step, which then runs at
    //! the new rates. No draw is added, so paths keep their random numbers. True when it interrupted.
    SIMBOOK_HD bool ScheduledRed(SoccerPathState& s, double e, double u, double total, double target,
                                 bool first_half) const {
        int team = -1;
        for (int i = 0; i < 2; ++i) {
            if (!s.scheduled_red_done[i] && (team < 0 || params.red_card_at[i] < params.red_card_at[team])) {
                team = i;
            }
        }
        if (team < 0) {
            return false;
        }
        const double red_t = params.red_card_at[team];
        const double red_lambda = ShapeMinutes(params, red_t);
        if (target < red_lambda) {
            return false;
        }
        const double spent = (red_lambda - s.lambda) * total;
        s.carry = true;
        s.carry_e = e > spent ? e - spent : 0.0;
        s.carry_u = u;
        if (first_half && !(red_t < params.segment_end[kFirstHalfLastSegment])) {
            RecordHalfTime(s);
        }
        s.t = red_t;
        s.lambda = red_lambda;
        s.red[team] += s.red[team] < kMaxReds ? 1 : 0;
        s.scheduled_red_done[team] = true;
        return true;
    }

    SIMBOOK_HD static void RecordHalfTime(SoccerPathState& s) {
        s.out.ht_home = static_cast<std::uint8_t>(s.goals[0]);
        s.out.ht_away = static_cast<std::uint8_t>(s.goals[1]);
    }

    SIMBOOK_HD void Goal(SoccerPathState& s, int team) const {
        ++s.goals[team];
        if (s.goals[team] >= kMaxGoals) {
            s.out.invalid = 1;
            s.done = true;
        }
        const std::uint8_t minute = FootballMinute(params, s.t);
        if (s.out.first_goal == FirstGoal::kNone) {
            s.out.first_goal = team == 0 ? FirstGoal::kHome : FirstGoal::kAway;
            s.out.first_goal_minute = minute;
        }
        if (s.out.goals_recorded < kMaxGoalsRecorded) {
            s.out.goal_minute[s.out.goals_recorded] = minute;
            s.out.goal_team_bits = static_cast<std::uint16_t>(s.out.goal_team_bits | (team << s.out.goals_recorded));
            ++s.out.goals_recorded;
        }
        const int margin = s.goals[0] - s.goals[1];
        const int leader = margin > 0 ? 1 : (margin < 0 ? -1 : 0);
        if (leader != 0) {
            if (s.last_leader != 0 && leader != s.last_leader) {
                ++s.out.lead_changes;
            }
            s.last_leader = leader;
        }
    }
};
static_assert(std::is_trivially_copyable_v<SoccerEventStep>);

//! Simulates one match from a state to the final whistle: path_id -> outcome.
struct SoccerGame {
    SoccerEventStep step;
    SoccerState state;
    std::uint64_t seed;

    SIMBOOK_HD SoccerOutcome operator()(std::uint64_t path_id) const {
        const SoccerParams& params = step.params;
        PathRng rng(seed, path_id);
        SoccerPathState s{};
        s.t = state.minute;
        s.lambda = ShapeMinutes(params, state.minute);
        s.goals[0] = state.home;
        s.goals[1] = state.away;
        s.red[0] = state.red[0];
        s.red[1] = state.red[1];
        s.last_leader = state.last_leader;
        s.done = !(state.minute < params.segment_end[kSegments - 1]);
        for (int i = 0; i < 2; ++i) {
            s.scheduled_red_done[i] =
                !(params.red_card_at[i] > state.minute && params.red_card_at[i] < params.segment_end[kSegments - 1]);
        }
        s.out.first_goal = state.home + state.away > 0 ? FirstGoal::kBeforeState : FirstGoal::kNone;
        const bool second_half = !(state.minute < params.segment_end[kFirstHalfLastSegment]);
        s.out.ht_home = static_cast<std::uint8_t>(second_half ? state.ht_home : 0);
        s.out.ht_away = static_cast<std::uint8_t>(second_half ? state.ht_away : 0);
        while (!s.done) {
            step(s, rng);
        }
        s.out.home = static_cast<std::uint8_t>(s.goals[0] < 255 ? s.goals[0] : 255);
        s.out.away = static_cast<std::uint8_t>(s.goals[1] < 255 ? s.goals[1] : 255);
        s.out.red_home = static_cast<std::uint8_t>(s.red[0]);
        s.out.red_away = static_cast<std::uint8_t>(s.red[1]);
        return s.out;
    }
};
static_assert(std::is_trivially_copyable_v<SoccerGame>);

} // namespace simbook::kernels::soccer
