//! Light basketball kernel: one draw per possession, no box scores; one source for scalar and SIMD lanes.
#pragma once

#include "kernels/basketball/basketball_clock.cuh"
#include "kernels/basketball/basketball_params.hpp"
#include "kernels/basketball/light_params.hpp"
#include "kernels/core/alias.hpp"
#include "kernels/core/config.hpp"
#include "kernels/core/lanes.cuh"

#include <cstdint>
#include <type_traits>

namespace simbook::kernels::basketball {

//! First of the `slots` regulation slots left at a state (slot k at game time elapsed + (k + 0.5) *
//! remaining / slots) that falls in quarter q (1-3), capped at `slots`: QuarterClock in closed form, so
//! slot k is in quarter (k >= start(1)) + (k >= start(2)) + (k >= start(3)). 0 for overtime states.
SIMBOOK_HD inline int QuarterStartSlot(const BasketballState& state, int slots, int q) {
    if (state.period > 4 || slots <= 0) {
        return 0;
    }
    const long long elapsed = RegulationElapsed(state);
    const long long remaining = kRegulationSeconds - elapsed;
    if (remaining <= 0) {
        return 0;
    }
    // QuarterClock's time of slot k, scaled by 2 * slots: 2 * elapsed * slots + remaining + 2 * remaining * k.
    const long long need = 2LL * kQuarterSeconds * slots * q - 2 * elapsed * slots - remaining;
    if (need <= 0) {
        return 0;
    }
    const long long k = (need + 2 * remaining - 1) / (2 * remaining);
    return k < slots ? static_cast<int>(k) : slots;
}

//! x as a signed value that orders like x does unsigned (so lanes compare draws with signed compares).
SIMBOOK_HD inline std::int32_t OrderedSigned(std::uint32_t x) {
    return static_cast<std::int32_t>(x ^ 0x80000000u);
}

//! Plays games from a state, L::kWidth paths per call, one possession-points draw per possession slot.
//!
//! The model and schedule are the box-score kernel's (BasketballGame), rates at the offence's lead included:
//! N possessions a team drawn once per
//! game from the pace distribution, SlotsLeft(N, state) alternating slots from the team with the ball (a
//! fair coin at a jump ball), quarters by QuarterClock, then overtimes of 2 * OvertimePossessions(N) slots
//! while tied (kMaxOvertimes, then invalid). A possession's points (0-3, offensive-rebound chains included)
//! come from one draw, so paths differ from the box-score kernel's but have the same distribution.
//!
//! Random words of path p (PathRng(seed, p) numbering: word j is word j % 4 of Philox block j / 4):
//! word 0 the pace draw, word 1 the jump-ball coin (its top bit), words 2-3 unused, and word 4 + t the
//! possession of global slot t (t counts regulation slots, then overtime slots, from 0), whose outcome is the
//! alias draw (kernels/core/alias.hpp) of the word from the offence's possession_alias row at its lead (0 no
//! points, 1 one free throw, 2 two free throws, 3 a made two, 4 a made three). A path's outcome
//! is a function of (seed, p) only: lanes run in lockstep but each reads its own stream, and lanes past
//! the end of their game draw words they never use.
//!
//! Inside, teams are relabelled: team 0 is the team with the ball at slot 0, so slot t's offence is team
//! t % 2 for every lane and the step is specialised per team at compile time.
template <typename L> struct BasketballLightGame {
    BasketballLightParams params;
    BasketballState state;
    std::uint64_t seed;

    using I32 = typename L::I32;
    using U32 = typename L::U32;
    using Mask = typename L::Mask;

    //! Plays paths first_path + i for i < count (count <= L::kWidth) and writes out[0..count).
    SIMBOOK_HD void operator()(std::uint64_t first_path, BasketballLightOutcome* out, int count) const {
        const LanePhilox<L> rng(seed, first_path);
        U32 w[4];
        rng.Block(0, w);
        Lanes s = Start(w[0], w[1]);
        int next_event = 0;
        for (int t = 0;; t += 4) {
            rng.Block(1u + static_cast<std::uint32_t>(t / 4), w);
            // Tallies that no lane can still change are skipped for the block (races all run, every lane has
            // scored): the flags only ever turn off, so checking them once per block changes no result.
            const Open open{L::Any(s.next_race[0] < I32(kRaceTargets)), L::Any(s.next_race[1] < I32(kRaceTargets)),
                            L::Any(s.first_score == I32(0))};
            if (Slot<0>(s, t, w[0], next_event, open) || Slot<1>(s, t + 1, w[1], next_event, open) ||
                Slot<0>(s, t + 2, w[2], next_event, open) || Slot<1>(s, t + 3, w[3], next_event, open)) {
                break;
            }
        }
        Finish(s, out, count);
    }

private:
    static constexpr std::int32_t kNever = 0x7fffffff;
    //! Words of one team's alias rows in the flat table [team][row][column].
    static constexpr int kPerTeam = static_cast<int>(sizeof(BasketballLightTeamParams) / sizeof(std::uint32_t));
    static_assert(sizeof(BasketballLightTeamParams) == sizeof(std::uint32_t) * kLeadRows * kPossessionOutcomes);

    //! The state of L::kWidth paths; per-team arrays are indexed by relabelled team.
    struct Lanes {
        I32 first_team;     //!< actual team (0 home, 1 away) of relabelled team 0
        I32 alias_base[2];  //!< offset of relabelled team k's alias rows in the flat table
        I32 n;              //!< possessions per team in regulation
        I32 slots;          //!< regulation slots left at the state (the rest of the overtime in one)
        I32 overtime_slots; //!< slots of one overtime
        I32 quarter_start[3];
        I32 regulation_end; //!< slot where regulation ends (0 for an overtime state)
        I32 block_end;      //!< slot where the current block (regulation or an overtime) ends
        I32 overtimes;
        I32 invalid;
        Mask active;
        I32 score[2];
        I32 snapshot[2][kReportedPeriods]; //!< score at the start of each reported period
        I32 run_team;
        I32 run_points;
        I32 largest_run;
        I32 largest_run_team; //!< actual team
        I32 last_leader;      //!< +1 team 0, -1 team 1, 0 never led
        I32 lead_changes;
        I32 first_lead_change_slot; //!< -1 none yet
        I32 first_score;            //!< 1 + 3 * team + kind, 0 none yet
        I32 next_race[2];
        I32 race_won[2];
    };

    SIMBOOK_HD Lanes Start(const U32& pace_word, const U32& coin_word) const {
        Lanes s;
        const I32 pace_draw = L::Bits(pace_word ^ U32(0x80000000u));
        s.n = I32(params.pace_min);
        for (int k = 0; k < kPaceValues - 1; ++k) {
            s.n += L::Count(pace_draw >= I32(OrderedSigned(params.pace_threshold[k])));
        }
        s.first_team = state.possession >= 0 ? I32(state.possession) : L::Bits(coin_word >> 31);
        for (int team = 0; team < 2; ++team) {
            s.alias_base[team] = (s.first_team ^ I32(team)) * I32(kPerTeam);
        }
        const I32 n = s.n;
        const BasketballState st = state;
        s.slots = L::Generate([&n, &st](int i) { return SlotsLeft(L::Lane(n, i), st); });
        s.overtime_slots = L::Generate([&n](int i) { return 2 * OvertimePossessions(L::Lane(n, i)); });
        const I32 slots = s.slots;
        for (int q = 0; q < 3; ++q) {
            s.quarter_start[q] =
                L::Generate([&slots, &st, q](int i) { return QuarterStartSlot(st, L::Lane(slots, i), q + 1); });
        }
        s.regulation_end = state.period <= 4 ? s.slots : I32(0);
        s.block_end = s.slots;
        s.overtimes = I32(state.period > 4 ? state.period - 4 : 0);
        s.invalid = I32(0);
        s.active = Mask(true);

        // Races decided before the state go to the only team past N (as the box-score kernel).
        int next_race[2], race_won[2];
        RacesAtState(state, next_race, race_won);

        const Mask home_first = s.first_team == 0;
        for (int team = 0; team < 2; ++team) {
            const int home = team == 0 ? 0 : 1; // actual team of relabelled `team` when home has the ball
            const int away = 1 - home;
            s.score[team] = L::Select(home_first, I32(state.score[home]), I32(state.score[away]));
            for (int p = 0; p < kReportedPeriods; ++p) {
                s.snapshot[team][p] = s.score[team];
            }
            s.next_race[team] = L::Select(home_first, I32(next_race[home]), I32(next_race[away]));
            s.race_won[team] = L::Select(home_first, I32(race_won[home]), I32(race_won[away]));
        }
        s.run_team = I32(-1);
        s.run_points = I32(0);
        s.largest_run = I32(0);
        s.largest_run_team = I32(0); // actual team, as the box-score kernel's initial value
        // The team ahead at the state led last, whatever the state says (engine states always agree: see
        // state_fields::LastLeader); the lead-change test in Possession relies on it.
        const int margin = state.score[0] - state.score[1];
        const int last_leader = margin > 0 ? 1 : (margin < 0 ? -1 : state.last_leader);
        s.last_leader = L::Select(home_first, I32(last_leader), I32(-last_leader));
        s.lead_changes = I32(0);
        s.first_lead_change_slot = I32(-1);
        s.first_score = I32(0);
        return s;
    }

    //! Which optional tallies some lane may still change (for a block of slots).
    struct Open {
        bool race[2];     //!< relabelled team k has races left to reach in some lane
        bool first_score; //!< some lane has no score yet
    };

    //! Slot t of every lane: period and block boundaries first when one falls here, then the possession.
    //! True when every lane's game is over.
    template <int kTeam>
    SIMBOOK_HD SIMBOOK_LANE_INLINE bool Slot(Lanes& s, int t, const U32& word, int& next_event,
                                             const Open& open) const {
        if (t == next_event && Boundaries(s, t, next_event)) {
            return true;
        }
        Possession<kTeam>(s, t, word, open);
        return false;
    }

    //! Snapshots period scores and ends or extends blocks of lanes whose boundary is slot t; sets the
    //! next slot where any lane has one. True when no lane is still playing.
    SIMBOOK_HD bool Boundaries(Lanes& s, int t, int& next_event) const {
        const I32 now(t);
        for (int team = 0; team < 2; ++team) {
            for (int q = 0; q < 3; ++q) {
                s.snapshot[team][q + 1] = L::Select(s.quarter_start[q] == now, s.score[team], s.snapshot[team][q + 1]);
            }
            s.snapshot[team][4] = L::Select(s.regulation_end == now, s.score[team], s.snapshot[team][4]);
        }
        const Mask ends = s.active && s.block_end == now;
        if (L::Any(ends)) {
            const Mask tied = ends && s.score[0] == s.score[1];
            const Mask extend = tied && s.overtimes < kMaxOvertimes && s.overtime_slots > 0;
            s.invalid = L::Select(tied && !extend, I32(1), s.invalid);
            s.overtimes += L::Count(extend);
            s.block_end += L::Select(extend, s.overtime_slots, I32(0));
            s.active = s.active && !(ends && !extend);
        }
        if (!L::Any(s.active)) {
            return true;
        }
        const I32 never(kNever);
        I32 next = L::Select(s.active, s.block_end, never);
        for (int q = 0; q < 3; ++q) {
            const I32 later = L::Select(s.quarter_start[q] > now, s.quarter_start[q], never);
            next = L::Select(later < next, later, next);
        }
        const I32 later = L::Select(s.regulation_end > now, s.regulation_end, never);
        next = L::Select(later < next, later, next);
        next_event = L::MinLane(next);
        return false;
    }

    //! The possession of slot t by relabelled team kTeam: one draw, its points, and every running tally.
    template <int kTeam>
    SIMBOOK_HD SIMBOOK_LANE_INLINE void Possession(Lanes& s, int t, const U32& word, const Open& open) const {
        constexpr int kOther = 1 - kTeam;
        // The offence's alias row at its lead, gathered per lane (each lane has its own score and team order) from
        // the two teams' tables, flat: [team][row][column].
        const I32 lead = s.score[kTeam] - s.score[kOther] + I32(kLeadCap);
        const I32 row = L::Clamp(lead, I32(0), I32(kLeadRows - 1));
        const I32 outcome = AliasDraw<L, kPossessionOutcomes, kPossessionAliasBits>(
            &params.team[0].possession_alias[0][0], s.alias_base[kTeam] + row * I32(kPossessionOutcomes), word);
        const I32 zero(0);
        const I32 points = L::Select(
            s.active, (I32(static_cast<std::int32_t>(kPossessionPointsPacked)) >> (outcome + outcome)) & I32(3), zero);
        s.score[kTeam] += points;

        const Mask scored = points > zero;
        // A score by the other team than the run's starts a new run; points are 0 when nothing was scored.
        s.run_points = L::Select(scored && s.run_team != kTeam, zero, s.run_points) + points;
        s.run_team = L::Select(scored, I32(kTeam), s.run_team);
        const Mask longer = s.run_points > s.largest_run;
        s.largest_run = L::Select(longer, s.run_points, s.largest_run);
        s.largest_run_team = L::Select(longer, I32(kTeam) ^ s.first_team, s.largest_run_team);

        // Only the offence scores, so only it can take the lead: the lead changes when it leads now and the other
        // team led last. (Whenever a team leads it is last_leader, from Start on, so a tie or the other team still
        // ahead changes nothing; the box-score kernel's general test gives the same counts.)
        constexpr std::int32_t kSign = kTeam == 0 ? 1 : -1;
        const Mask leads = s.score[kTeam] > s.score[kOther];
        const Mask change = s.active && leads && s.last_leader == I32(-kSign);
        s.first_lead_change_slot = L::Select(change && s.lead_changes == zero, I32(t), s.first_lead_change_slot);
        s.lead_changes += L::Count(change);
        s.last_leader = L::Select(leads, I32(kSign), s.last_leader);

        // At most one race target per possession: 3 points or fewer, targets 5 apart.
        if (open.race[kTeam]) {
            const I32 race = s.next_race[kTeam];
            const Mask reached = race < kRaceTargets && s.score[kTeam] >= race * 5 + 10;
            s.race_won[kTeam] |= L::Select(reached && s.next_race[kOther] <= race, I32(1) << race, zero);
            s.next_race[kTeam] += L::Count(reached);
        }

        if (open.first_score) {
            const Mask first = scored && s.first_score == zero;
            // Kind: 0 a made two (outcome 3), 1 a three (outcome 4), 2 free throws (outcomes 1 and 2).
            const I32 kind = L::Select(outcome == I32(4), I32(1), L::Select(outcome == I32(3), zero, I32(2)));
            s.first_score = L::Select(first, I32(1 + 3 * kTeam) + kind, s.first_score);
        }
    }

    SIMBOOK_HD static std::uint8_t Saturate(std::int32_t x) {
        return static_cast<std::uint8_t>(x < 0 ? 0 : (x < 255 ? x : 255));
    }

    SIMBOOK_HD void Finish(const Lanes& s, BasketballLightOutcome* out, int count) const {
        for (int i = 0; i < count; ++i) {
            const int first_team = L::Lane(s.first_team, i);
            BasketballLightOutcome o{};
            for (int team = 0; team < 2; ++team) {
                const int r = team ^ first_team; // relabelled index of actual `team`
                const int score = L::Lane(s.score[r], i);
                o.score[team] = static_cast<std::uint16_t>(score);
                for (int p = 0; p < kReportedPeriods; ++p) {
                    const int end = p + 1 < kReportedPeriods ? L::Lane(s.snapshot[r][p + 1], i) : score;
                    o.period_points[team][p] = Saturate(end - L::Lane(s.snapshot[r][p], i));
                }
                o.race_won[team] = static_cast<std::uint16_t>(L::Lane(s.race_won[r], i));
            }
            o.overtimes = static_cast<std::uint8_t>(L::Lane(s.overtimes, i));
            o.lead_changes = Saturate(L::Lane(s.lead_changes, i));
            o.largest_run = Saturate(L::Lane(s.largest_run, i));
            o.largest_run_team = static_cast<std::uint8_t>(L::Lane(s.largest_run_team, i));
            o.invalid = static_cast<std::uint8_t>(L::Lane(s.invalid, i));
            const int first_score = L::Lane(s.first_score, i);
            o.first_score = static_cast<std::uint8_t>(
                first_score == 0 ? 0 : 1 + 3 * (((first_score - 1) / 3) ^ first_team) + (first_score - 1) % 3);
            const int slot = L::Lane(s.first_lead_change_slot, i);
            o.first_lead_change_second =
                slot < 0 ? kNoLeadChange
                         : static_cast<std::uint16_t>(
                               SlotSecond(state, L::Lane(s.slots, i), L::Lane(s.overtime_slots, i), slot));
            out[i] = o;
        }
    }
};

static_assert(std::is_trivially_copyable_v<BasketballLightGame<ScalarLanes>>);

} // namespace simbook::kernels::basketball
