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
    double t;        //!< played minutes
    int segment;     //!< segment that contains t
    int goals[2];
    int red[2];
    int last_leader; //!< +1 home, -1 away, 0 never led
    bool done;
    SoccerOutcome out;
};

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
//! Intensities are constant between events within a segment, so the waiting time is one Exp(1) draw
//! spent against the integrated intensity, segment by segment.
struct SoccerEventStep {
    SoccerParams params;

    SIMBOOK_HD void operator()(SoccerPathState& s, PathRng& rng) const {
        const int margin = s.goals[0] - s.goals[1];
        const double lead_home = margin > 0 ? params.leading_mult : (margin < 0 ? params.trailing_mult : 1.0);
        const double lead_away = margin < 0 ? params.leading_mult : (margin > 0 ? params.trailing_mult : 1.0);
        const double mult_home = lead_home * params.red_factor[s.red[0]][s.red[1]];
        const double mult_away = lead_away * params.red_factor[s.red[1]][s.red[0]];
        const double red_home = s.red[0] < kMaxReds ? params.red_rate[0] : 0.0;
        const double red_away = s.red[1] < kMaxReds ? params.red_rate[1] : 0.0;

        double e = ExpFromUniform(rng.NextOpenUniform());
        double rate_home = 0.0;
        double rate_away = 0.0;
        double total = 0.0;
        for (;;) {
            rate_home = params.home_rate[s.segment] * mult_home;
            rate_away = params.away_rate[s.segment] * mult_away;
            total = rate_home + rate_away + red_home + red_away;
            const double left = params.segment_end[s.segment] - s.t;
            if (e < total * left) {
                s.t += e / total;
                break;
            }
            e -= total * left;
            RecordSegmentEnd(s);
            if (++s.segment == kSegments) {
                s.done = true;
                return;
            }
        }
        const double pick = rng.NextOpenUniform() * total;
        if (pick < rate_home + rate_away) {
            Goal(s, pick < rate_home ? 0 : 1);
        } else {
            ++s.red[pick < rate_home + rate_away + red_home ? 0 : 1];
        }
    }

private:
    SIMBOOK_HD void RecordSegmentEnd(SoccerPathState& s) const {
        s.t = params.segment_end[s.segment];
        if (s.segment == kFirstHalfLastSegment) {
            s.out.ht_home = static_cast<std::uint8_t>(s.goals[0]);
            s.out.ht_away = static_cast<std::uint8_t>(s.goals[1]);
        }
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
    SoccerParams params;
    SoccerState state;
    std::uint64_t seed;

    SIMBOOK_HD SoccerOutcome operator()(std::uint64_t path_id) const {
        PathRng rng(seed, path_id);
        SoccerPathState s{};
        s.t = state.minute;
        s.segment = 0;
        while (s.segment < kSegments && params.segment_end[s.segment] <= s.t) {
            ++s.segment;
        }
        s.goals[0] = state.home;
        s.goals[1] = state.away;
        s.red[0] = state.red[0];
        s.red[1] = state.red[1];
        s.last_leader = state.last_leader;
        s.done = s.segment == kSegments;
        s.out.first_goal = state.home + state.away > 0 ? FirstGoal::kBeforeState : FirstGoal::kNone;
        const bool second_half = s.segment > kFirstHalfLastSegment;
        s.out.ht_home = static_cast<std::uint8_t>(second_half ? state.ht_home : 0);
        s.out.ht_away = static_cast<std::uint8_t>(second_half ? state.ht_away : 0);
        const SoccerEventStep step{params};
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
