//! Baseball kernel: plate appearances over the 24 base-out states under the game's rules; one source for scalar
//! and SIMD lanes.
#pragma once

#include "kernels/baseball/baseball_params.hpp"
#include "kernels/core/config.hpp"
#include "kernels/core/lanes.cuh"

#include <cstdint>
#include <type_traits>

namespace simbook::kernels::baseball {

//! Number of the n cumulative thresholds that are <= x: the index of the choice a uniform 32-bit draw x makes.
SIMBOOK_HD SIMBOOK_LANE_INLINE int ChoiceOf(const std::uint32_t* thresholds, int n, std::uint32_t x) {
    int k = 0;
    for (int j = 0; j < n; ++j) {
        k += x >= thresholds[j] ? 1 : 0;
    }
    return k;
}

//! Full innings the starter of `team` (0 home, 1 away) pitches, as engine::StarterInningsPmf: floor(E) or
//! floor(E) + 1, conditioned on reaching `inning` (the inning he pitches at the state); inning - 1 when he has
//! left; `inning` when no length reaches it. `word` draws the extra inning.
SIMBOOK_HD inline int StarterLength(const BaseballParams& p, int team, int inning, bool starter_in,
                                    std::uint32_t word) {
    if (!starter_in) {
        return inning > 1 ? inning - 1 : 0;
    }
    const int whole = p.starter_whole[team];
    const bool has_extra = p.starter_has_extra[team] != 0;
    if (whole >= inning) {
        return has_extra && word < p.starter_extra_threshold[team] ? whole + 1 : whole;
    }
    return has_extra && whole + 1 >= inning ? whole + 1 : inning;
}

//! Plays games from a state, L::kWidth paths per call, one plate appearance of every lane per step.
//!
//! The model is the one engine::ExactBaseball prices: each team's day factor drawn once per game; each starter's
//! length drawn once (StarterLength), the starter pitching the innings up to it and the bullpen the rest; every
//! plate appearance's outcome from the batting side's rates in that inning against that pitcher, then its
//! base-running branch from the outcome and the base-out state. Rules: a half-inning ends at three outs; after the
//! top of the 9th or later a home team ahead has won; a bottom half from the 9th on ends once the home team leads
//! (a walk-off counts only the winning run, unless it is a home run); after a bottom half from the 9th on the game
//! is over unless tied; extra innings start with a runner on 2nd when params.automatic_runner is set.
//!
//! Random words of path p (PathRng(seed, p) numbering: word j is word j % 4 of Philox block j / 4): words 0 and 1
//! the home and away day factors, words 2 and 3 the home and away starters' lengths, then plate appearance t
//! (counted from the state over the whole game) takes words 4 + 2t (its outcome) and 5 + 2t (its base running).
//! A path's outcome is a function of (seed, p) only: lanes run in lockstep but each reads its own stream, and
//! lanes whose game is over draw words they never use.
template <typename L> struct BaseballGame {
    BaseballParams params;
    BaseballState state;
    std::uint64_t seed;

    using I32 = typename L::I32;
    using U32 = typename L::U32;
    using Mask = typename L::Mask;

    //! Plays paths first_path + i for i < count (count <= L::kWidth) and writes out[0..count).
    SIMBOOK_HD void operator()(std::uint64_t first_path, BaseballOutcome* out, int count) const {
        const LanePhilox<L> rng(seed, first_path);
        U32 w[4];
        rng.Block(0, w);
        Lanes s = Start(w);
        InningRuns inning_runs{};
        for (std::uint32_t block = 1;; ++block) {
            rng.Block(block, w);
            if (PlateAppearance(s, inning_runs, w[0], w[1]) || PlateAppearance(s, inning_runs, w[2], w[3])) {
                break;
            }
        }
        Finish(s, inning_runs, out, count);
    }

private:
    //! The state of L::kWidth games; [0] home, [1] away.
    struct Lanes {
        I32 inning;
        I32 bottom;   //!< 1: the home team bats
        I32 base_out; //!< outs * 8 + bases; 0 once the game is over
        I32 score[2];
        I32 length[2]; //!< full innings of the home starter (top halves) and the away starter (bottom halves)
        I32 day[2];    //!< day factor index of the home and the away batters
        I32 half_runs; //!< runs of the current half-inning since the state
        I32 first_five[2];
        I32 first_score;
        I32 walkoff;
        I32 invalid;
        Mask active;
    };

    //! Runs per lane: slot team * kReportedInnings + inning - 1 (team 0 home, 1 away), and a last slot that takes
    //! the writes of lanes with nothing to record (so the lane-by-lane writes need no branch).
    static constexpr int kDiscardSlot = 2 * kReportedInnings;
    struct InningRuns {
        std::uint8_t runs[L::kWidth][kDiscardSlot + 1];
    };

    SIMBOOK_HD Lanes Start(const U32 (&w)[4]) const {
        Lanes s;
        s.inning = I32(state.inning);
        s.bottom = I32(state.bottom);
        s.base_out = I32(state.outs * 8 + state.bases);
        const BaseballParams& p = params;
        const BaseballState& st = state;
        for (int team = 0; team < 2; ++team) {
            s.score[team] = I32(state.score[team]);
            s.first_five[team] = s.score[team];
            const U32& day_word = w[team];
            s.day[team] = L::Generate(
                [&p, &day_word](int i) { return ChoiceOf(p.day_threshold, kDayFactors - 1, L::Lane(day_word, i)); });
        }
        // The home starter pitches the top halves: he is at the state's inning; the away starter pitches the
        // bottom halves: at the state's inning in a bottom half, at the one before in a top half.
        const U32& home_word = w[2];
        const U32& away_word = w[3];
        s.length[0] = L::Generate([&p, &st, &home_word](int i) {
            return StarterLength(p, 0, st.inning, st.starter_in[0] != 0, L::Lane(home_word, i));
        });
        s.length[1] = L::Generate([&p, &st, &away_word](int i) {
            return StarterLength(p, 1, st.bottom ? st.inning : st.inning - 1, st.starter_in[1] != 0,
                                 L::Lane(away_word, i));
        });
        s.half_runs = I32(0);
        s.first_score = I32(0);
        s.walkoff = I32(0);
        s.invalid = I32(0);
        s.active = Mask(true);
        return s;
    }

    //! One plate appearance of every lane: its outcome and base running (one draw each), the runs, and the end of
    //! the half-inning or the game where it makes one. True when no lane is still playing.
    SIMBOOK_HD bool PlateAppearance(Lanes& s, InningRuns& inning_runs, const U32& outcome_word,
                                    const U32& running_word) const {
        const Mask bottom = s.bottom == I32(1);
        const I32 pitcher = L::Count(s.inning > L::Select(bottom, s.length[1], s.length[0]));
        const I32 row = L::Select(s.inning > I32(9), I32(0), s.inning);
        const I32 side = I32(1) - s.bottom;
        const I32 day = L::Select(bottom, s.day[0], s.day[1]);
        const I32 table = ((side * I32(kDayFactors) + day) * I32(kInningRows) + row) * I32(2) + pitcher;
        const I32 result = Transitions(table, s.base_out, outcome_word, running_word);
        const I32 zero(0);
        const I32 next = result & I32(31);
        const I32 runs = L::Select(s.active, (result >> kRunsShift) & I32(7), zero);
        const Mask home_run = ((result >> kHomeRunShift) & I32(1)) == I32(1);
        const Mask walkoff = s.active && bottom && s.inning >= I32(9) && s.score[0] + runs > s.score[1];
        const I32 before = s.score[0] + s.score[1];
        s.score[0] = L::Select(walkoff && !home_run, s.score[1] + I32(1), s.score[0] + L::Select(bottom, runs, zero));
        s.score[1] += L::Select(bottom, zero, runs);
        const I32 credited = s.score[0] + s.score[1] - before;
        s.half_runs += credited;
        s.first_score =
            L::Select(s.first_score == zero && credited > zero, L::Select(bottom, I32(1), I32(2)), s.first_score);
        s.base_out = L::Select(s.active, next, s.base_out);
        const Mask third_out = s.active && next == I32(kInningOver);
        if (L::Any(third_out || walkoff)) {
            EndHalves(s, inning_runs, third_out, walkoff);
        }
        return !L::Any(s.active);
    }

    //! Each lane's plate appearance from its rate table and base-out state: the running result of its outcome and
    //! branch. Lane by lane (table lookups), in a loop rather than a generator so that the compiler keeps one copy
    //! of the body.
    SIMBOOK_HD I32 Transitions(const I32& table, const I32& base_out, const U32& outcome_word,
                               const U32& running_word) const {
        std::int32_t result[L::kWidth];
        for (int i = 0; i < L::kWidth; ++i) {
            const int outcome =
                ChoiceOf(params.pa_threshold[L::Lane(table, i)], kPaOutcomes - 1, L::Lane(outcome_word, i));
            const int r = outcome * kBaseOutStates + L::Lane(base_out, i);
            const int branch = ChoiceOf(params.running_threshold[r], kRunningBranches - 1, L::Lane(running_word, i));
            result[i] = params.running_result[r][branch];
        }
        return L::Generate([&result](int i) { return result[i]; });
    }

    //! Lanes whose half-inning ended: their inning runs, the first-five score, the end of the game or the next
    //! half-inning.
    SIMBOOK_HD void EndHalves(Lanes& s, InningRuns& inning_runs, const Mask& third_out, const Mask& walkoff) const {
        RecordInningRuns(s, inning_runs, third_out || walkoff);
        const Mask bottom = s.bottom == I32(1);
        const Mask fifth_done = third_out && bottom && s.inning == I32(5);
        for (int team = 0; team < 2; ++team) {
            s.first_five[team] = L::Select(fifth_done, s.score[team], s.first_five[team]);
        }
        const Mask late = third_out && s.inning >= I32(9);
        const Mask over =
            walkoff || (late && !bottom && s.score[0] > s.score[1]) || (late && bottom && s.score[0] != s.score[1]);
        s.walkoff = L::Select(walkoff, I32(1), s.walkoff);
        s.active = s.active && !over;
        const Mask go_on = third_out && !over;
        s.inning += L::Count(go_on && bottom);
        s.bottom = L::Select(go_on, I32(1) - s.bottom, s.bottom);
        s.half_runs = L::Select(third_out || walkoff, I32(0), s.half_runs);
        const I32 start = params.automatic_runner != 0 ? L::Select(s.inning > I32(9), I32(2), I32(0)) : I32(0);
        s.base_out = L::Select(go_on, start, L::Select(over, I32(0), s.base_out));
        const Mask too_long = go_on && s.inning > I32(kMaxInnings);
        s.invalid = L::Select(too_long, I32(1), s.invalid);
        s.active = s.active && !too_long;
    }

    SIMBOOK_HD static std::uint8_t Saturate(std::int32_t x) {
        return static_cast<std::uint8_t>(x < 0 ? 0 : (x < 255 ? x : 255));
    }

    //! Writes the runs of the half-inning that just ended in the lanes of `ended`.
    SIMBOOK_HD void RecordInningRuns(const Lanes& s, InningRuns& inning_runs, const Mask& ended) const {
        const I32 team = L::Select(s.bottom == I32(1), I32(0), I32(kReportedInnings));
        const I32 slot =
            L::Select(ended && s.inning <= I32(kReportedInnings), team + s.inning - I32(1), I32(kDiscardSlot));
        const I32 runs = L::Select(s.half_runs > I32(255), I32(255), s.half_runs);
        for (int i = 0; i < L::kWidth; ++i) {
            inning_runs.runs[i][L::Lane(slot, i)] = static_cast<std::uint8_t>(L::Lane(runs, i));
        }
    }

    SIMBOOK_HD void Finish(const Lanes& s, const InningRuns& inning_runs, BaseballOutcome* out, int count) const {
        for (int i = 0; i < count; ++i) {
            BaseballOutcome o{};
            for (int team = 0; team < 2; ++team) {
                o.score[team] = static_cast<std::uint16_t>(L::Lane(s.score[team], i));
                o.first_five[team] = Saturate(L::Lane(s.first_five[team], i));
                for (int k = 0; k < kReportedInnings; ++k) {
                    o.inning_runs[team][k] = inning_runs.runs[i][team * kReportedInnings + k];
                }
            }
            o.innings = Saturate(L::Lane(s.inning, i));
            o.first_score = static_cast<std::uint8_t>(L::Lane(s.first_score, i));
            o.walkoff = static_cast<std::uint8_t>(L::Lane(s.walkoff, i));
            o.invalid = static_cast<std::uint8_t>(L::Lane(s.invalid, i));
            out[i] = o;
        }
    }
};

static_assert(std::is_trivially_copyable_v<BaseballGame<ScalarLanes>>);

} // namespace simbook::kernels::baseball
