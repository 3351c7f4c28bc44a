//! Box-score basketball kernel: every shot chance with its players; one source for scalar and SIMD lanes.
#pragma once

#include "kernels/basketball/basketball_clock.cuh"
#include "kernels/basketball/basketball_params.hpp"
#include "kernels/basketball/box_params.hpp"
#include "kernels/basketball/light_step.cuh"
#include "kernels/core/alias.hpp"
#include "kernels/core/config.hpp"
#include "kernels/core/lanes.cuh"

#include <cstdint>
#include <type_traits>

namespace simbook::kernels::basketball {

//! Plays games from a state with box scores, L::kWidth paths per call.
//!
//! The model: N possessions a team in regulation, N drawn once per game from the pace distribution;
//! SlotsLeft(N, state) alternating possession slots from the team with the ball (a fair coin at a jump ball),
//! quarters by QuarterClock, then overtimes of 2 * OvertimePossessions(N) slots while tied (kMaxOvertimes, then
//! invalid). A possession is a chain of shot chances that goes on after an offensive rebound (64 at most, p < 1e-30);
//! each chance's outcome is drawn at the offence's lead (the lead pull), and with it the players: the shooter from
//! the outcome's shot type, the assister on a make, the rebounder on a miss.
//!
//! Random words of path p (PathRng(seed, p) numbering, word j is word j % 4 of Philox block j / 4): word 0 is the
//! pace draw, the top bit of word 1 the jump-ball coin, words 2-3 are unused; the path's shot chance c (counted from
//! 0 over the whole path) draws its outcome with word 4 + 2c (from the offence's chance_alias row at its lead) and its
//! (shooter, helper) cell with word 5 + 2c (from the outcome's player_alias table). A path's outcome is a function of
//! (seed, p) only. Lanes step chance by chance, not possession by possession, so a lane's offensive rebound costs the
//! others nothing, and step k is chance k of every lane still playing: one Philox block serves two steps.
//!
//! Box scores: each chance's event (its outcome and the box-score rows of its shooter and helper) goes to a per-lane
//! event log, tallied lane by lane into the lane's box score when the log fills and at the end (scalar lanes tally
//! each event at once). The vector part then never scatters to per-lane memory.
template <typename L> struct BasketballBoxGame {
    BasketballBoxParams params;
    BasketballState state;
    std::uint64_t seed;

    using I32 = typename L::I32;
    using U32 = typename L::U32;
    using Mask = typename L::Mask;

    //! Plays paths first_path + i for i < count (count <= L::kWidth) and writes out[0..count).
    SIMBOOK_HD void operator()(std::uint64_t first_path, BasketballOutcome* out, int count) const {
        const LanePhilox<L> rng(seed, first_path);
        U32 w[4];
        rng.Block(0, w);
        Lanes s = Start(w[0], w[1]);
        Box box[L::kWidth] = {};
        constexpr int kLog = L::kWidth == 1 ? 1 : 64;
        std::int32_t log[kLog * L::kWidth];
        int logged = 0;
        // Every active lane plays one chance per step, so step k is chance k of every lane still playing.
        for (std::uint32_t k = 0; L::Any(s.active); ++k) {
            if ((k & 1u) == 0) {
                rng.Block(1u + k / 2, w);
            }
            const I32 event = Chance(s, w[2 * (k & 1u)], w[2 * (k & 1u) + 1]);
            L::Store(log + logged * L::kWidth, event);
            if (++logged == kLog) {
                Tally(log, logged, box);
                logged = 0;
            }
        }
        Tally(log, logged, box);
        Finish(s, box, out, count);
    }

private:
    static constexpr std::int32_t kNever = 0x7fffffff;
    static constexpr int kMaxChances = 64;
    static constexpr int kTeamChanceEntries = kLeadRows * kChanceOutcomes;
    static constexpr int kTeamPlayerEntries = kChanceOutcomes * kPlayerCells;
    static_assert(sizeof(BasketballBoxTeamParams) == sizeof(std::uint32_t) * (kTeamChanceEntries + kTeamPlayerEntries));

    //! One lane's box score: [team * kPlayerRows + player] the player's points, rebounds, assists and threes in 16
    //! bits each (low to high; a game's counts stay far below 2^16), the spare row last in each team.
    struct Box {
        std::uint64_t row[2 * kPlayerRows];
    };
    //! cell / kPlayerRows == (cell * kCellDivide) >> kCellShift for every cell.
    static constexpr int kCellDivide = 241;
    static constexpr int kCellShift = 12;
    static constexpr bool CellDivisionIsExact() {
        for (int cell = 0; cell < kPlayerCells; ++cell) {
            if ((cell * kCellDivide) >> kCellShift != cell / kPlayerRows) {
                return false;
            }
        }
        return true;
    }
    static_assert(CellDivisionIsExact());

    //! The state of L::kWidth paths; teams are actual (0 home, 1 away).
    struct Lanes {
        I32 slots;          //!< regulation slots left at the state (the rest of the overtime in one)
        I32 overtime_slots; //!< slots of one overtime
        I32 quarter_start[3];
        I32 regulation_end; //!< slot where regulation ends (0 for an overtime state)
        I32 block_end;      //!< slot where the current block (regulation or an overtime) ends
        I32 next_boundary;  //!< the next slot with a period or block boundary
        I32 overtimes;
        I32 invalid;
        Mask active;
        I32 t;        //!< the lane's current possession slot
        I32 offense;  //!< team with the ball
        I32 in_chain; //!< chances already played in the current possession
        I32 score[2];
        I32 snapshot[2][kReportedPeriods]; //!< score at the start of each reported period
        I32 run_team;
        I32 run_points;
        I32 largest_run;
        I32 largest_run_team;
        I32 last_leader; //!< +1 home, -1 away, 0 never led
        I32 lead_changes;
        I32 first_lead_change_slot; //!< -1 none yet
        I32 first_score;            //!< 1 + 3 * team + kind, 0 none yet
        I32 next_race[2];
        I32 race_won[2];
    };

    SIMBOOK_HD Lanes Start(const U32& pace_word, const U32& coin_word) const {
        Lanes s;
        const I32 pace_draw = L::Bits(pace_word ^ U32(0x80000000u));
        I32 n(params.pace_min);
        for (int k = 0; k < kPaceValues - 1; ++k) {
            n += L::Count(pace_draw >= I32(OrderedSigned(params.pace_threshold[k])));
        }
        s.offense = state.possession >= 0 ? I32(state.possession) : L::Bits(coin_word >> 31);
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
        s.t = I32(0);
        s.in_chain = I32(0);

        // Races decided before the state go to the only team past N.
        int next_race[2], race_won[2];
        RacesAtState(state, next_race, race_won);
        for (int team = 0; team < 2; ++team) {
            s.score[team] = I32(state.score[team]);
            for (int p = 0; p < kReportedPeriods; ++p) {
                s.snapshot[team][p] = s.score[team];
            }
            s.next_race[team] = I32(next_race[team]);
            s.race_won[team] = I32(race_won[team]);
        }
        s.run_team = I32(-1);
        s.run_points = I32(0);
        s.largest_run = I32(0);
        s.largest_run_team = I32(0);
        s.last_leader = I32(state.last_leader);
        s.lead_changes = I32(0);
        s.first_lead_change_slot = I32(-1);
        s.first_score = I32(0);
        Boundaries(s, Mask(true));
        return s;
    }

    //! Lanes `at` start slot s.t: snapshot period scores, end or extend blocks, find each lane's next boundary.
    SIMBOOK_HD void Boundaries(Lanes& s, const Mask& at) const {
        for (int team = 0; team < 2; ++team) {
            for (int q = 0; q < 3; ++q) {
                s.snapshot[team][q + 1] =
                    L::Select(at && s.quarter_start[q] == s.t, s.score[team], s.snapshot[team][q + 1]);
            }
            s.snapshot[team][4] = L::Select(at && s.regulation_end == s.t, s.score[team], s.snapshot[team][4]);
        }
        const Mask ends = at && s.active && s.block_end == s.t;
        const Mask tied = ends && s.score[0] == s.score[1];
        const Mask extend = tied && s.overtimes < kMaxOvertimes && s.overtime_slots > 0;
        s.invalid = L::Select(tied && !extend, I32(1), s.invalid);
        s.overtimes += L::Count(extend);
        s.block_end += L::Select(extend, s.overtime_slots, I32(0));
        s.active = s.active && !(ends && !extend);
        const I32 never(kNever);
        I32 next = s.block_end;
        for (int q = 0; q < 3; ++q) {
            next = L::Select(s.quarter_start[q] > s.t && s.quarter_start[q] < next, s.quarter_start[q], next);
        }
        next = L::Select(s.regulation_end > s.t && s.regulation_end < next, s.regulation_end, next);
        s.next_boundary = L::Select(at, L::Select(s.active, next, never), s.next_boundary);
    }

    //! One shot chance of every active lane, drawn from words x (outcome) and y (players). Returns the lanes' events
    //! for the box score: outcome | shooter's row << 4 | helper's row << 10 (rows team * kPlayerRows + player), or 0
    //! for an inactive lane (a turnover in row 0, which adds nothing).
    SIMBOOK_HD SIMBOOK_LANE_INLINE I32 Chance(Lanes& s, const U32& x, const U32& y) const {
        const I32 zero(0);
        const Mask home = s.offense == zero;
        const I32 own = L::Select(home, s.score[0], s.score[1]);
        const I32 other = L::Select(home, s.score[1], s.score[0]);
        const I32 lead = own - other + I32(kLeadCap);
        const I32 row = L::Select(lead < zero, zero, L::Select(lead > I32(kLeadRows - 1), I32(kLeadRows - 1), lead));

        constexpr int kPerTeam = static_cast<int>(sizeof(BasketballBoxTeamParams) / sizeof(std::uint32_t));
        const std::uint32_t* chance_table = &params.team[0].chance_alias[0][0];
        const std::uint32_t* player_table = &params.team[0].player_alias[0][0];
        const I32 o = AliasDraw<L, kChanceOutcomes, kChanceAliasBits>(
            chance_table, s.offense * I32(kPerTeam) + row * I32(kChanceOutcomes), x);
        const I32 cell = AliasDraw<L, kPlayerCells, kPlayerAliasBits>(
            player_table, s.offense * I32(kPerTeam) + o * I32(kPlayerCells), y);

        const I32 points =
            L::Select(s.active, (I32(static_cast<std::int32_t>(kChancePointsPacked)) >> (o + o)) & I32(3), zero);
        s.score[0] += L::Select(home, points, zero);
        s.score[1] += L::Select(home, zero, points);
        const Mask scored = points > zero;
        s.run_points =
            L::Select(scored, L::Select(s.run_team == s.offense, s.run_points + points, points), s.run_points);
        s.run_team = L::Select(scored, s.offense, s.run_team);
        const Mask longer = s.run_points > s.largest_run;
        s.largest_run = L::Select(longer, s.run_points, s.largest_run);
        s.largest_run_team = L::Select(longer, s.offense, s.largest_run_team);

        const I32 margin = s.score[0] - s.score[1];
        const I32 leader = L::Count(margin > zero) - L::Count(margin < zero);
        const Mask change = s.active && leader != zero && s.last_leader != zero && leader != s.last_leader;
        s.first_lead_change_slot = L::Select(change && s.lead_changes == zero, s.t, s.first_lead_change_slot);
        s.lead_changes += L::Count(change);
        s.last_leader = L::Select(leader != zero, leader, s.last_leader);

        // At most one race target per chance: 3 points or fewer, targets 5 apart.
        const I32 race = L::Select(home, s.next_race[0], s.next_race[1]);
        const I32 other_race = L::Select(home, s.next_race[1], s.next_race[0]);
        const Mask reached = scored && race < kRaceTargets && own + points >= race * I32(5) + I32(10);
        const I32 won = L::Select(reached && other_race <= race, I32(1) << race, zero);
        s.race_won[0] |= L::Select(home, won, zero);
        s.race_won[1] |= L::Select(home, zero, won);
        s.next_race[0] += L::Count(reached && home);
        s.next_race[1] += L::Count(reached && !home);

        const I32 kind = (I32(static_cast<std::int32_t>(kShooterTablePacked)) >> (o + o)) & I32(3);
        s.first_score = L::Select(scored && s.first_score == zero, I32(1) + I32(3) * s.offense + kind, s.first_score);

        // The possession goes on after an offensive rebound; otherwise the ball changes hands at the next slot.
        const Mask chain = s.active &&
                           ((I32(static_cast<std::int32_t>(kOffensiveReboundMask)) >> o) & I32(1)) != zero &&
                           s.in_chain < I32(kMaxChances - 1);
        // The box-score rows the chance touches: the shooter's, and the helper's (on the defence for a defensive
        // rebound). cell / kPlayerRows as a multiply and shift (exact for every cell, checked below).
        const I32 shooter = (cell * I32(kCellDivide)) >> kCellShift;
        const I32 helper_team = s.offense ^ ((I32(static_cast<std::int32_t>(kDefensiveReboundMask)) >> o) & I32(1));
        const I32 shooter_row = s.offense * I32(kPlayerRows) + shooter;
        const I32 helper_row = helper_team * I32(kPlayerRows) + cell - shooter * I32(kPlayerRows);
        const I32 event = L::Select(s.active, o | (shooter_row << 4) | (helper_row << 10), zero);
        const Mask ended = s.active && !chain;
        s.in_chain = L::Select(chain, s.in_chain + I32(1), zero);
        s.t += L::Count(ended);
        s.offense = s.offense ^ L::Count(ended);
        const Mask at = ended && s.t == s.next_boundary;
        if (L::Any(at)) {
            Boundaries(s, at);
        }
        return event;
    }

    //! Adds `logged` rows of lane events to each lane's box score: the shooter's row gets the outcome's points and
    //! threes, the helper's its assist (a make) or rebound (a miss); no branches.
    SIMBOOK_HD static void Tally(const std::int32_t* log, int logged, Box* box) {
        for (int i = 0; i < L::kWidth; ++i) {
            std::uint64_t* rows = box[i].row;
            for (int k = 0; k < logged; ++k) {
                const auto e = static_cast<std::uint32_t>(log[k * L::kWidth + i]);
                const std::uint32_t o = e & 15u;
                rows[(e >> 4) & 63u] += ((kChancePointsPacked >> (2 * o)) & 3u) |
                                        (static_cast<std::uint64_t>((kThreeMadeMask >> o) & 1u) << 48);
                rows[e >> 10] += (static_cast<std::uint64_t>((kMadeFieldGoalMask >> o) & 1u) << 32) |
                                 (static_cast<std::uint64_t>((kMissMask >> o) & 1u) << 16);
            }
        }
    }

    SIMBOOK_HD static std::uint8_t Saturate(std::int32_t x) {
        return static_cast<std::uint8_t>(x < 0 ? 0 : (x < 255 ? x : 255));
    }

    SIMBOOK_HD void Finish(const Lanes& s, const Box* box, BasketballOutcome* out, int count) const {
        for (int i = 0; i < count; ++i) {
            BasketballOutcome o{};
            for (int team = 0; team < 2; ++team) {
                const int score = L::Lane(s.score[team], i);
                o.score[team] = static_cast<std::uint16_t>(score);
                for (int p = 0; p < kReportedPeriods; ++p) {
                    const int end = p + 1 < kReportedPeriods ? L::Lane(s.snapshot[team][p + 1], i) : score;
                    o.period_points[team][p] = Saturate(end - L::Lane(s.snapshot[team][p], i));
                }
                o.race_won[team] = static_cast<std::uint16_t>(L::Lane(s.race_won[team], i));
                for (int p = 0; p < params.players[team] && p < kMaxPlayers; ++p) { // the spare row is scratch
                    for (int k = 0; k < kPlayerStats; ++k) {
                        o.player[team][p][k] = Saturate(
                            static_cast<std::int32_t>((box[i].row[team * kPlayerRows + p] >> (16 * k)) & 0xffffu));
                    }
                }
            }
            o.overtimes = static_cast<std::uint8_t>(L::Lane(s.overtimes, i));
            o.lead_changes = Saturate(L::Lane(s.lead_changes, i));
            o.largest_run = Saturate(L::Lane(s.largest_run, i));
            o.largest_run_team = static_cast<std::uint8_t>(L::Lane(s.largest_run_team, i));
            o.invalid = static_cast<std::uint8_t>(L::Lane(s.invalid, i));
            o.first_score = static_cast<std::uint8_t>(L::Lane(s.first_score, i));
            const int slot = L::Lane(s.first_lead_change_slot, i);
            o.first_lead_change_second =
                slot < 0 ? kNoLeadChange
                         : static_cast<std::uint16_t>(
                               SlotSecond(state, L::Lane(s.slots, i), L::Lane(s.overtime_slots, i), slot));
            out[i] = o;
        }
    }
};

static_assert(std::is_trivially_copyable_v<BasketballBoxGame<ScalarLanes>>);

} // namespace simbook::kernels::basketball
