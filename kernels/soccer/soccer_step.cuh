//! Soccer event process: exponential inter-arrival times over a piecewise-constant intensity.
#pragma once

#include "kernels/core/config.hpp"
#include "kernels/core/lanes.cuh"
#include "kernels/core/math.cuh"
#include "kernels/core/rng.cuh"
#include "kernels/soccer/soccer_params.hpp"

#include <cstdint>
#include <type_traits>

namespace simbook::kernels::soccer {

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

//! Simulates matches from a state to the final whistle, L::kWidth paths at a time (scalar lanes on the GPU and as
//! the CPU reference, SIMD batches of doubles on the CPU). Each lane runs one path; a lane whose match ends hands its
//! outcome over and takes the next path of the range, so lanes stay busy although matches have different numbers
//! of events. A path's draws depend only on (seed, path id), never on its lane or on the other lanes.
//!
//! The process: between events every intensity is a constant c times the timing shape, so the next event comes
//! after an Exp(1) draw E / c shape-minutes; mapping shape-minutes back to played minutes is a branch-free search
//! of the segment table. A second uniform picks which event it was (goal, red card), in proportion to the rates.
//! Each step takes two words of the path's stream (E's uniform, then the picking uniform): words 0-1 and 2-3 of
//! one Philox block serve two steps, as PathRng's draws would.
template <typename L> struct SoccerLaneGame {
    using F64 = typename L::F64;
    using FMask = typename L::FMask;
    using U32 = typename L::U32;
    static constexpr int kWidth = L::kWidth;

    SoccerParams params;
    SoccerState state;
    std::uint64_t seed;

    //! Runs paths [first_path, first_path + count) and writes their outcomes to out[0..count).
    SIMBOOK_HD void operator()(std::uint64_t first_path, SoccerOutcome* out, int count) const {
        Lanes s;
        Init(s);
        int next = 0;     // the next path of the range to start, counted from first_path
        int occupied = 0; // lanes running a path
        for (;;) {
            const FMask ended = s.occupied && !s.live;
            if (L::AnyF(ended)) {
                occupied -= Finish(s, out);
            }
            if (next < count && occupied < kWidth) {
                occupied += Refill(s, first_path, out, count, next);
            }
            if (occupied == 0) {
                return;
            }
            if (L::AnyF(s.live)) {
                Step(s, out);
            }
        }
    }

    //! One path (scalar lanes): its outcome.
    SIMBOOK_HD SoccerOutcome operator()(std::uint64_t path_id) const {
        SoccerOutcome o{};
        (*this)(path_id, &o, 1);
        return o;
    }

private:
    //! The lanes' state. Counts are whole numbers held as doubles, so that every test is one kind of mask.
    struct Lanes {
        F64 t;      //!< played minutes
        F64 lambda; //!< shape-minutes at t
        F64 goals[2];
        F64 red[2];
        F64 last_leader; //!< +1 home, -1 away, 0 never led
        F64 lead_changes;
        F64 first_goal;   //!< FirstGoal's value
        F64 first_minute; //!< the first goal's football minute
        F64 recorded;     //!< goals recorded in the outcome
        F64 ht[2];        //!< half-time score once recorded (the state's, when it is past half time)
        F64 carry_e;      //!< Exp(1) exposure left over when a scheduled red card interrupted a step
        F64 carry_u;      //!< the interrupted step's event-picking uniform
        F64 saved[2];     //!< words 2 and 3 of the lane's last block, as uniforms, while `have`
        F64 block;        //!< the lane's next Philox block
        FMask live;
        FMask occupied;
        FMask invalid;
        FMask carry;       //!< the next step reuses carry_e and carry_u instead of drawing
        FMask have;        //!< saved[] holds the next two draws
        FMask red_done[2]; //!< the red card of params.red_card_at[team] was shown (or there is none)
        U32 path_lo;
        U32 path_hi;
        int slot[kWidth];         //!< each lane's path, as its index in out; -1 for none
        std::uint32_t lo[kWidth]; //!< each lane's path id, low word
        std::uint32_t hi[kWidth]; //!< and high word
        double lambda_at_state;   //!< shape-minutes at the state
        bool scheduled;           //!< a red card is scheduled after the state (what-if)
    };

    SIMBOOK_HD SIMBOOK_LANE_INLINE static F64 One(const FMask& m) { return L::SelectF(m, F64(1.0), F64(0.0)); }
    SIMBOOK_HD SIMBOOK_LANE_INLINE static FMask None() {
        return L::MaskF([](int) { return false; });
    }

    SIMBOOK_HD void Init(Lanes& s) const {
        s.live = None();
        s.occupied = None();
        s.invalid = None();
        s.carry = None();
        s.have = None();
        s.red_done[0] = None();
        s.red_done[1] = None();
        s.t = F64(0.0);
        s.lambda = F64(0.0);
        s.saved[0] = F64(0.5);
        s.saved[1] = F64(0.5);
        s.carry_e = F64(0.0);
        s.carry_u = F64(0.0);
        s.block = F64(0.0);
        for (int team = 0; team < 2; ++team) {
            s.goals[team] = F64(0.0);
            s.red[team] = F64(0.0);
            s.ht[team] = F64(0.0);
        }
        s.last_leader = F64(0.0);
        s.lead_changes = F64(0.0);
        s.first_goal = F64(0.0);
        s.first_minute = F64(0.0);
        s.recorded = F64(0.0);
        s.path_lo = U32(0u);
        s.path_hi = U32(0u);
        for (int i = 0; i < kWidth; ++i) {
            s.slot[i] = -1;
            s.lo[i] = 0;
            s.hi[i] = 0;
        }
        s.lambda_at_state = ShapeMinutes(params, state.minute);
        s.scheduled = false;
        for (int team = 0; team < 2; ++team) {
            s.scheduled = s.scheduled || (params.red_card_at[team] > state.minute &&
                                          params.red_card_at[team] < params.segment_end[kSegments - 1]);
        }
    }

    //! Starts the next paths of the range on the free lanes: the state's values, a fresh stream. Returns how many.
    SIMBOOK_HD SIMBOOK_LANE_INLINE int Refill(Lanes& s, std::uint64_t first_path, SoccerOutcome* out, int count,
                                              int& next) const {
        bool fresh[kWidth];
        int started = 0;
        for (int i = 0; i < kWidth; ++i) {
            fresh[i] = s.slot[i] < 0 && next < count;
            if (fresh[i]) {
                s.slot[i] = next;
                const std::uint64_t path = first_path + static_cast<std::uint64_t>(next);
                s.lo[i] = static_cast<std::uint32_t>(path);
                s.hi[i] = static_cast<std::uint32_t>(path >> 32);
                out[next] = SoccerOutcome{};
                ++next;
                ++started;
            }
        }
        if (started == 0) {
            return 0;
        }
        const FMask m = L::MaskF([&fresh](int i) { return fresh[i]; });
        s.path_lo = L::LoadU(s.lo);
        s.path_hi = L::LoadU(s.hi);
        const double end = params.segment_end[kSegments - 1];
        const bool second_half = !(state.minute < params.segment_end[kFirstHalfLastSegment]);
        s.t = L::SelectF(m, F64(state.minute), s.t);
        s.lambda = L::SelectF(m, F64(s.lambda_at_state), s.lambda);
        s.goals[0] = L::SelectF(m, F64(state.home), s.goals[0]);
        s.goals[1] = L::SelectF(m, F64(state.away), s.goals[1]);
        s.red[0] = L::SelectF(m, F64(state.red[0]), s.red[0]);
        s.red[1] = L::SelectF(m, F64(state.red[1]), s.red[1]);
        s.ht[0] = L::SelectF(m, F64(second_half ? state.ht_home : 0), s.ht[0]);
        s.ht[1] = L::SelectF(m, F64(second_half ? state.ht_away : 0), s.ht[1]);
        s.last_leader = L::SelectF(m, F64(state.last_leader), s.last_leader);
        s.lead_changes = L::SelectF(m, F64(0.0), s.lead_changes);
        const FirstGoal first = state.home + state.away > 0 ? FirstGoal::kBeforeState : FirstGoal::kNone;
        s.first_goal = L::SelectF(m, F64(static_cast<double>(first)), s.first_goal);
        s.first_minute = L::SelectF(m, F64(0.0), s.first_minute);
        s.recorded = L::SelectF(m, F64(0.0), s.recorded);
        s.block = L::SelectF(m, F64(0.0), s.block);
        s.occupied = s.occupied || m;
        const FMask not_m = !m;
        s.invalid = s.invalid && not_m;
        s.carry = s.carry && not_m;
        s.have = s.have && not_m;
        if (state.minute < end) {
            s.live = s.live || m;
        }
        for (int team = 0; team < 2; ++team) {
            const bool done = !(params.red_card_at[team] > state.minute && params.red_card_at[team] < end);
            s.red_done[team] = done ? (s.red_done[team] || m) : (s.red_done[team] && not_m);
        }
        return started;
    }

    //! Hands the finished paths over to their outcomes (the recorded goals are there already) and frees their
    //! lanes. Returns how many.
    SIMBOOK_HD SIMBOOK_LANE_INLINE static int Finish(Lanes& s, SoccerOutcome* out) {
        double goals[2][kWidth];
        double ht[2][kWidth];
        double red[2][kWidth];
        double lead_changes[kWidth];
        double invalid[kWidth];
        double first_goal[kWidth];
        double first_minute[kWidth];
        double recorded[kWidth];
        L::StoreF(first_goal, s.first_goal);
        L::StoreF(first_minute, s.first_minute);
        L::StoreF(recorded, s.recorded);
        for (int team = 0; team < 2; ++team) {
            L::StoreF(goals[team], s.goals[team]);
            L::StoreF(ht[team], s.ht[team]);
            L::StoreF(red[team], s.red[team]);
        }
        L::StoreF(lead_changes, s.lead_changes);
        L::StoreF(invalid, One(s.invalid));
        int finished = 0;
        for (int i = 0; i < kWidth; ++i) {
            if (s.slot[i] < 0 || L::LaneF(s.live, i)) {
                continue;
            }
            SoccerOutcome* o = out + s.slot[i];
            const int home = static_cast<int>(goals[0][i]);
            const int away = static_cast<int>(goals[1][i]);
            o->home = static_cast<std::uint8_t>(home < 255 ? home : 255);
            o->away = static_cast<std::uint8_t>(away < 255 ? away : 255);
            o->ht_home = static_cast<std::uint8_t>(static_cast<int>(ht[0][i]));
            o->ht_away = static_cast<std::uint8_t>(static_cast<int>(ht[1][i]));
            o->red_home = static_cast<std::uint8_t>(static_cast<int>(red[0][i]));
            o->red_away = static_cast<std::uint8_t>(static_cast<int>(red[1][i]));
            o->lead_changes = static_cast<std::uint8_t>(static_cast<int>(lead_changes[i]));
            o->invalid = invalid[i] != 0.0 ? 1 : 0;
            o->first_goal = static_cast<FirstGoal>(static_cast<int>(first_goal[i]));
            o->first_goal_minute = static_cast<std::uint8_t>(static_cast<int>(first_minute[i]));
            o->goals_recorded = static_cast<std::uint8_t>(static_cast<int>(recorded[i]));
            s.slot[i] = -1;
            ++finished;
        }
        s.occupied = s.occupied && s.live;
        return finished;
    }

    //! Advances every live lane to its next event (goal or red card) or to the final whistle, and applies it.
    SIMBOOK_HD SIMBOOK_LANE_INLINE void Step(Lanes& s, SoccerOutcome* out) const {
        const F64 zero(0.0);
        const F64 margin = s.goals[0] - s.goals[1];
        const F64 lead_home = L::SelectF(margin > zero, F64(params.leading_mult),
                                         L::SelectF(margin < zero, F64(params.trailing_mult), F64(1.0)));
        const F64 lead_away = L::SelectF(margin < zero, F64(params.leading_mult),
                                         L::SelectF(margin > zero, F64(params.trailing_mult), F64(1.0)));
        F64 factor_home(params.red_factor[0][0]);
        F64 factor_away(params.red_factor[0][0]);
        if (L::AnyF(s.red[0] > zero || s.red[1] > zero)) {
            const double* table = &params.red_factor[0][0];
            factor_home = L::GatherF(table, s.red[0] * double(kMaxReds + 1) + s.red[1]);
            factor_away = L::GatherF(table, s.red[1] * double(kMaxReds + 1) + s.red[0]);
        }
        const F64 rate_home = params.goal_rate[0] * lead_home * factor_home;
        const F64 rate_away = params.goal_rate[1] * lead_away * factor_away;
        const F64 max_reds(static_cast<double>(kMaxReds));
        const F64 red_home = L::SelectF(s.red[0] < max_reds, F64(params.red_rate[0]), zero);
        const F64 red_away = L::SelectF(s.red[1] < max_reds, F64(params.red_rate[1]), zero);
        const F64 total = rate_home + rate_away + red_home + red_away;

        // The draws: words 0-1 of a fresh block, or the saved words 2-3 of the last one.
        const FMask draw = s.live && !s.carry;
        const FMask need = draw && !s.have;
        F64 ue = s.saved[0];
        F64 uu = s.saved[1];
        if (L::AnyF(need)) {
            U32 words[4];
            LanePhilox<L>::Block(static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32), s.path_lo,
                                 s.path_hi, L::WordOf(s.block), words);
            ue = L::SelectF(need, L::Uniform(words[0]), ue);
            uu = L::SelectF(need, L::Uniform(words[1]), uu);
            s.saved[0] = L::SelectF(need, L::Uniform(words[2]), s.saved[0]);
            s.saved[1] = L::SelectF(need, L::Uniform(words[3]), s.saved[1]);
            s.block = L::SelectF(need, s.block + 1.0, s.block);
        }
        s.have = (s.have && !draw) || need;
        const F64 e = L::SelectF(s.carry, s.carry_e, -LogLanes<L>(ue));
        const F64 u = L::SelectF(s.carry, s.carry_u, uu);
        s.carry = None();

        const F64 pick = u * total;
        const F64 target = s.lambda + e / total; // +inf when total == 0: no more events
        const FMask first_half = s.t < F64(params.segment_end[kFirstHalfLastSegment]);
        FMask act = s.live;
        if (s.scheduled) {
            act = act && !ScheduledRed(s, e, u, total, target, first_half);
        }
        const FMask end = !(target < F64(params.shape_end[kSegments - 1]));
        const FMask half_time = act && first_half && (end || target >= F64(params.shape_end[kFirstHalfLastSegment]));
        s.ht[0] = L::SelectF(half_time, s.goals[0], s.ht[0]);
        s.ht[1] = L::SelectF(half_time, s.goals[1], s.ht[1]);
        s.live = s.live && !(act && end);
        const FMask moved = act && !end;
        F64 segment_start = zero;
        F64 lambda_start = zero;
        F64 shape(params.shape[0]);
        for (int j = 0; j < kSegments - 1; ++j) {
            const FMask past = target >= F64(params.shape_end[j]);
            segment_start = L::SelectF(past, F64(params.segment_end[j]), segment_start);
            lambda_start = L::SelectF(past, F64(params.shape_end[j]), lambda_start);
            shape = L::SelectF(past, F64(params.shape[j + 1]), shape);
        }
        s.t = L::SelectF(moved, segment_start + (target - lambda_start) / shape, s.t);
        s.lambda = L::SelectF(moved, target, s.lambda);

        const F64 goal_rates = rate_home + rate_away;
        const FMask goal = moved && pick < goal_rates;
        const FMask away = !(pick < rate_home);
        const FMask red = moved && !(pick < goal_rates);
        const FMask red_away_team = !(pick < goal_rates + red_home);
        s.red[0] = s.red[0] + One(red && !red_away_team);
        s.red[1] = s.red[1] + One(red && red_away_team);
        if (!L::AnyF(goal)) {
            return;
        }
        s.goals[0] = s.goals[0] + One(goal && !away);
        s.goals[1] = s.goals[1] + One(goal && away);
        const F64 max_goals(static_cast<double>(kMaxGoals));
        const FMask over = goal && L::SelectF(away, s.goals[1], s.goals[0]) >= max_goals;
        s.invalid = s.invalid || over;
        s.live = s.live && !over;
        const F64 new_margin = s.goals[0] - s.goals[1];
        const F64 leader = L::SelectF(new_margin > zero, F64(1.0), L::SelectF(new_margin < zero, F64(-1.0), zero));
        const FMask leads = goal && leader != zero;
        s.lead_changes = s.lead_changes + One(leads && s.last_leader != zero && leader != s.last_leader);
        s.last_leader = L::SelectF(leads, leader, s.last_leader);
        // The goal's football minute (FootballMinute on lanes), the first goal, and the recorded goals: each
        // recorded goal's minute and team go to the path's outcome lane by lane, as the lane's n-th entry.
        const F64 stoppage_start(params.segment_end[kFirstHalfLastSegment]);
        const F64 second = s.t - params.first_half_stoppage;
        const F64 ninety(90.0);
        const F64 minute = L::SelectF(
            s.t < F64(45.0), L::TruncF(s.t) + 1.0,
            L::SelectF(s.t < stoppage_start, F64(45.0), L::SelectF(second < ninety, L::TruncF(second) + 1.0, ninety)));
        const FMask first = goal && s.first_goal == zero;
        s.first_goal = L::SelectF(first, L::SelectF(away, F64(2.0), F64(1.0)), s.first_goal);
        s.first_minute = L::SelectF(first, minute, s.first_minute);
        const FMask record = goal && s.recorded < F64(static_cast<double>(kMaxGoalsRecorded));
        if (L::AnyF(record)) {
            double minutes[kWidth];
            double index[kWidth];
            double team[kWidth];
            L::StoreF(minutes, minute);
            L::StoreF(index, s.recorded);
            L::StoreF(team, One(away));
            for (unsigned bits = L::BitsF(record); bits != 0; bits &= bits - 1) {
                const int i = Lowest(bits);
                SoccerOutcome& o = out[s.slot[i]];
                const int n = static_cast<int>(index[i]);
                o.goal_minute[n] = static_cast<std::uint8_t>(static_cast<int>(minutes[i]));
                o.goal_team_bits = static_cast<std::uint16_t>(o.goal_team_bits | (static_cast<int>(team[i]) << n));
            }
            s.recorded = s.recorded + One(record);
        }
    }

    //! Index of the lowest set bit of a non-zero word.
    SIMBOOK_HD SIMBOOK_LANE_INLINE static int Lowest(unsigned bits) {
        int i = 0;
        while ((bits & 1u) == 0) {
            bits >>= 1;
            ++i;
        }
        return i;
    }

    //! A scheduled red card due before the next event: moves the lane to it, shows it, and keeps the rest of the
    //! Exp(1) exposure (memoryless, so still Exp(1)) and the uniform for the next step, which then runs at the new
    //! rates. No draw is added, so paths keep their random numbers. True in the lanes it interrupted.
    SIMBOOK_HD SIMBOOK_LANE_INLINE FMask ScheduledRed(Lanes& s, const F64& e, const F64& u, const F64& total,
                                                      const F64& target, const FMask& first_half) const {
        const double at0 = params.red_card_at[0];
        const double at1 = params.red_card_at[1];
        const FMask pick_away = !s.red_done[1] && (s.red_done[0] || F64(at1) < F64(at0));
        const FMask pick_home = !s.red_done[0] && !pick_away;
        const F64 red_t = L::SelectF(pick_away, F64(at1), F64(at0));
        const F64 red_lambda = L::SelectF(pick_away, F64(ShapeMinutes(params, at1)), F64(ShapeMinutes(params, at0)));
        const FMask hit = s.live && (pick_home || pick_away) && !(target < red_lambda);
        if (!L::AnyF(hit)) {
            return hit;
        }
        const F64 spent = (red_lambda - s.lambda) * total;
        s.carry = hit;
        s.carry_e = L::SelectF(hit, L::SelectF(e > spent, e - spent, F64(0.0)), s.carry_e);
        s.carry_u = L::SelectF(hit, u, s.carry_u);
        const FMask half_time = hit && first_half && !(red_t < F64(params.segment_end[kFirstHalfLastSegment]));
        s.ht[0] = L::SelectF(half_time, s.goals[0], s.ht[0]);
        s.ht[1] = L::SelectF(half_time, s.goals[1], s.ht[1]);
        s.t = L::SelectF(hit, red_t, s.t);
        s.lambda = L::SelectF(hit, red_lambda, s.lambda);
        const F64 max_reds(static_cast<double>(kMaxReds));
        const FMask home = hit && pick_home;
        const FMask away = hit && pick_away;
        s.red[0] = s.red[0] + One(home && s.red[0] < max_reds);
        s.red[1] = s.red[1] + One(away && s.red[1] < max_reds);
        s.red_done[0] = s.red_done[0] || home;
        s.red_done[1] = s.red_done[1] || away;
        return hit;
    }
};

//! One match per call (scalar lanes): path_id -> outcome. The GPU's and the season kernel's soccer game.
using SoccerGame = SoccerLaneGame<ScalarLanes>;
static_assert(std::is_trivially_copyable_v<SoccerGame>);

} // namespace simbook::kernels::soccer
