//! American football kernel: alternating drives with the clock (ends of halves, a trailing team's urgency) or a drive
//! count (the exact model), tries after touchdowns and overtime; one source for scalar and SIMD lanes.
#pragma once

#include "kernels/core/config.hpp"
#include "kernels/core/lanes.cuh"
#include "kernels/football/football_params.hpp"

#include <cstdint>
#include <type_traits>

namespace simbook::kernels::football {

//! Number of the n cumulative thresholds that are <= x: the index of the choice a uniform 32-bit draw x makes.
SIMBOOK_HD SIMBOOK_LANE_INLINE int DriveChoiceOf(const std::uint32_t* thresholds, int n, std::uint32_t x) {
    int k = 0;
    for (int j = 0; j < n; ++j) {
        k += x >= thresholds[j] ? 1 : 0;
    }
    return k;
}

//! What one drive of one lane does: its end, the points of the offence and the defence, the next field start and
//! the seconds it uses.
struct DriveResult {
    int end;
    int offence_points;
    int defence_points;
    int field;
    int seconds;
};

//! The drive end after the endgame's choices (FootballParams::endgame_drive): `end` as drawn, the offence's lead.
SIMBOOK_HD inline int EndgameEnd(const FootballParams& p, int end, int lead, bool endgame, bool last,
                                 std::uint32_t word) {
    constexpr int kTouchdown = static_cast<int>(DriveEnd::kTouchdown);
    constexpr int kFieldGoal = static_cast<int>(DriveEnd::kFieldGoal);
    constexpr int kPunt = static_cast<int>(DriveEnd::kPunt);
    if (!endgame && !last) {
        return end;
    }
    if (lead >= -3 && lead <= 0) {
        return end == kPunt && word < (last ? p.last_fg_threshold : p.endgame_fg_threshold) ? kFieldGoal : end;
    }
    if (lead >= -8 && lead <= -4) {
        return end == kFieldGoal ? (word < p.urgent_td_threshold ? kTouchdown : kPunt) : end;
    }
    if (lead >= 1) {
        return (end == kTouchdown || end == kFieldGoal) &&
                       word < (last ? p.last_protect_threshold : p.protect_threshold)
                   ? kPunt
                   : end;
    }
    return end;
}

//! One drive of one lane (see FootballGame for the model). thresholds: the drive's end thresholds (the offence's on
//! its field start, or the live state's for the drive in progress); lead: the offence's points minus the defence's;
//! seconds_left: regulation seconds left, or the overtime period's; late: the two-point chart applies; endgame: the
//! endgame's choices apply; last: the last drive's (EndgameEnd).
SIMBOOK_HD inline DriveResult PlayDrive(const FootballParams& p, const std::uint32_t* thresholds, int lead,
                                        int seconds_left, bool overtime, bool late, bool endgame, bool last,
                                        const std::uint32_t (&w)[4]) {
    int end = DriveChoiceOf(thresholds, kDriveEnds - 1, w[0]);
    int used = 0;
    if (p.clock != 0) {
        const int base = p.drive_seconds[end];
        int seconds = base / 2 + static_cast<int>((static_cast<std::uint64_t>(base) * (w[2] >> 16)) >> 16);
        const bool fourth = !overtime && seconds_left <= 900;
        if (endgame && lead <= -1 && lead >= -16) {
            seconds = seconds * p.hurry_percent / 100;
        } else if (fourth && lead > 0) {
            seconds = seconds * p.protect_percent / 100;
        }
        seconds = seconds < 1 ? 1 : seconds;
        const int half_left = overtime ? seconds_left : (seconds_left > 1800 ? seconds_left - 1800 : seconds_left);
        if (seconds >= half_left) {
            // Out of time: the drive's end happens with P(half_left / seconds); otherwise a touchdown drive settles
            // for a field goal half the time and every other drive ends without points.
            const std::uint32_t fit = static_cast<std::uint32_t>((static_cast<std::uint64_t>(half_left) << 16) /
                                                                 static_cast<std::uint64_t>(seconds));
            if ((w[2] & 0xFFFFu) >= fit) {
                end = end == static_cast<int>(DriveEnd::kTouchdown) && (w[3] & 1u) != 0
                          ? static_cast<int>(DriveEnd::kFieldGoal)
                          : static_cast<int>(DriveEnd::kPunt);
            }
            seconds = half_left;
        }
        used = seconds;
    }
    end = EndgameEnd(p, end, lead, endgame, last, w[3]);
    DriveResult r{end, 0, 0, 0, used};
    if (end == static_cast<int>(DriveEnd::kTouchdown)) {
        if (overtime) {
            r.offence_points = 6;
        } else {
            const int bit = lead + 6 + kChartOffset;
            const bool two = late && bit >= 0 && bit < 64 && ((p.two_point_chart >> bit) & 1u) != 0;
            const bool good = w[1] < (two ? p.two_point_threshold : p.kick_threshold);
            r.offence_points = 6 + (good ? (two ? 2 : 1) : 0);
        }
    } else if (end == static_cast<int>(DriveEnd::kFieldGoal)) {
        r.offence_points = 3;
    } else if (end == static_cast<int>(DriveEnd::kSafety)) {
        r.defence_points = 2;
    } else if (end == static_cast<int>(DriveEnd::kTurnover)) {
        r.field = 1;
    }
    return r;
}

//! Plays games from a state, L::kWidth paths per call, one drive of every lane per step.
//!
//! Drives alternate. Each ends as its offence's thresholds on its field start say (a turnover gives the next drive a
//! short field); a live state may give the drive in progress its own thresholds (FootballState::now_threshold). After a
//! touchdown the offence kicks the extra point, or late (4th quarter with the clock, from drive params.late_drive
//! without) goes for two at the chart's margins; in overtime a touchdown ends the game untried. Without the clock a
//! game has N regulation drives (N from the pace thresholds), the opening possession a coin toss. With the clock every
//! drive uses seconds (uniform on [0.5, 1.5] x its end's mean; hurry-up and clock-protecting teams in the 4th quarter);
//! a drive that runs past the end of a half is cut short (PlayDrive); the team that kicked off receives the second
//! half; regulation ends at 0 seconds. A tie goes to overtime: a coin toss for the ball, modified (a first-possession
//! field goal gives the other team a drive) or pure sudden death, overtime_drives drives (no clock) or overtime_seconds
//! (clock); a regular-season game still tied ends tied, a playoff game plays on (invalid after kMaxOvertimeDrives).
//!
//! Random words of path p (PathRng(seed, p) numbering, word j is word j % 4 of Philox block j / 4): block 0 holds
//! the drive count (word 0), the opening coin toss (word 1) and the overtime coin toss (word 2); drive t (counted
//! from the state) takes block t + 1: its end (word 0), its try (word 1), its seconds (word 2, high half) and cut
//! (low half), and the urgency and cut choices (word 3). A path's outcome depends only on (seed, p).
template <typename L> struct FootballGame {
    FootballParams params;
    FootballState state;
    std::uint64_t seed;

    using I32 = typename L::I32;
    using U32 = typename L::U32;
    using Mask = typename L::Mask;

    //! Plays paths first_path + i for i < count (count <= L::kWidth) and writes out[0..count).
    SIMBOOK_HD void operator()(std::uint64_t first_path, FootballOutcome* out, int count) const {
        const LanePhilox<L> rng(seed, first_path);
        U32 w[4];
        rng.Block(0, w);
        Lanes s = Start(w);
        for (std::uint32_t block = 1; block < kMaxBlocks; ++block) {
            rng.Block(block, w);
            if (Drive(s, w)) {
                break;
            }
        }
        s.invalid = L::Select(s.active, I32(1), s.invalid);
        Finish(s, out, count);
    }

private:
    //! A bound on drives a path plays (no valid path comes near it).
    static constexpr std::uint32_t kMaxBlocks = 400;

    struct Lanes {
        I32 score[2];
        I32 half[2];
        I32 touchdowns[2];
        I32 field_goals[2];
        I32 possession;
        I32 field;
        I32 drive_index; //!< regulation drives played (no clock)
        I32 drives;      //!< n regulation drives (no clock)
        I32 seconds_left;
        I32 opening;
        I32 ot_receiver;
        I32 overtime;
        I32 ot_phase; //!< 0 first possession, 1 the answer to a field goal, 2 sudden death
        I32 ot_drives;
        I32 half_done;
        I32 played;
        I32 first_score;
        I32 invalid;
        I32 quarter[2][4];
        I32 race[kRaceTargets];
        I32 first_scorer;
        I32 turnovers;
        Mask active;
    };

    SIMBOOK_HD Lanes Start(const U32 (&w)[4]) const {
        Lanes s;
        const FootballParams& p = params;
        const FootballState& st = state;
        const U32& count_word = w[0];
        const U32& coin_word = w[1];
        const U32& ot_word = w[2];
        s.drives = L::Generate([&p, &count_word](int i) {
            return p.min_drives + DriveChoiceOf(p.drive_count_threshold, kDriveCounts - 1, L::Lane(count_word, i));
        });
        const I32 coin = L::Generate([&coin_word](int i) { return static_cast<int>(L::Lane(coin_word, i) >> 31); });
        s.ot_receiver = L::Generate([&ot_word](int i) { return static_cast<int>(L::Lane(ot_word, i) >> 31); });
        s.opening = st.opening_receiver >= 0 ? I32(st.opening_receiver) : coin;
        s.possession = st.possession >= 0 ? I32(st.possession) : s.opening;
        s.field = I32(st.field);
        s.drive_index = I32(st.drives_done);
        s.seconds_left = I32(st.seconds_left);
        const bool past_half = p.clock != 0 ? st.seconds_left <= 1800 : false;
        for (int team = 0; team < 2; ++team) {
            s.score[team] = I32(st.score[team]);
            s.half[team] = s.score[team];
            s.touchdowns[team] = I32(0);
            s.field_goals[team] = I32(0);
        }
        s.half_done = I32(past_half ? 1 : 0);
        s.overtime = I32(0);
        s.ot_phase = I32(0);
        s.ot_drives = I32(0);
        s.played = I32(0);
        s.first_score = I32(0);
        s.invalid = I32(0);
        for (int team = 0; team < 2; ++team) {
            for (int q = 0; q < 4; ++q) {
                s.quarter[team][q] = I32(0);
            }
        }
        for (int k = 0; k < kRaceTargets; ++k) {
            const int n = kRaceFirst + k * kRaceStep;
            const bool home = st.score[0] >= n, away = st.score[1] >= n;
            s.race[k] = I32(home && away ? 3 : (home ? 1 : (away ? 2 : 0)));
        }
        s.first_scorer = I32(0);
        s.turnovers = I32(0);
        s.active = Mask(true);
        return s;
    }

    //! One drive of every lane. True when no lane is still playing.
    SIMBOOK_HD bool Drive(Lanes& s, const U32 (&w)[4]) const {
        std::int32_t end[L::kWidth];
        std::int32_t points[2][L::kWidth];
        std::int32_t field[L::kWidth];
        std::int32_t used[L::kWidth];
        std::int32_t quarter_of[L::kWidth];
        for (int i = 0; i < L::kWidth; ++i) {
            const int offence = L::Lane(s.possession, i);
            const int own = L::Lane(s.score[offence == 0 ? 0 : 1], i);
            const int other = L::Lane(s.score[offence == 0 ? 1 : 0], i);
            const bool overtime = L::Lane(s.overtime, i) != 0;
            const int seconds_left = L::Lane(s.seconds_left, i);
            const bool late =
                !overtime && (params.clock != 0 ? seconds_left <= 900 : L::Lane(s.drive_index, i) >= params.late_drive);
            const bool endgame = !overtime && (params.clock != 0 ? seconds_left <= params.urgency_seconds
                                                                 : L::Lane(s.drive_index, i) >= params.endgame_drive);
            // Overtime drives play like last drives: tied or down 3, a team plays for the field goal.
            const bool last = overtime || (params.clock != 0 ? seconds_left <= params.final_seconds
                                                             : L::Lane(s.drive_index, i) + 1 == L::Lane(s.drives, i));
            const std::uint32_t words[4] = {L::Lane(w[0], i), L::Lane(w[1], i), L::Lane(w[2], i), L::Lane(w[3], i)};
            const bool now = state.now_set != 0 && L::Lane(s.played, i) == 0;
            const std::uint32_t* thresholds =
                now ? state.now_threshold : params.drive_threshold[offence][L::Lane(s.field, i)];
            const DriveResult r =
                PlayDrive(params, thresholds, own - other, seconds_left, overtime, late, endgame, last, words);
            // The quarter the drive ends in (-1: overtime).
            int q = -1;
            if (!overtime && params.clock != 0) {
                const int after = seconds_left - r.seconds > 0 ? seconds_left - r.seconds : 0;
                q = (3599 - after) / 900;
            } else if (!overtime) {
                const int n = L::Lane(s.drives, i);
                q = n > 0 ? 4 * L::Lane(s.drive_index, i) / n : 3;
            }
            quarter_of[i] = q < 0 ? -1 : (q > 3 ? 3 : q);
            end[i] = r.end;
            points[0][i] = offence == 0 ? r.offence_points : r.defence_points;
            points[1][i] = offence == 0 ? r.defence_points : r.offence_points;
            field[i] = r.field;
            used[i] = r.seconds;
        }
        const I32 zero(0);
        const I32 e = L::Generate([&end](int i) { return end[i]; });
        const I32 next_field = L::Generate([&field](int i) { return field[i]; });
        const I32 seconds = L::Generate([&used](int i) { return used[i]; });
        const I32 quarter = L::Generate([&quarter_of](int i) { return quarter_of[i]; });
        const Mask active = s.active;
        const Mask td = active && e == I32(static_cast<int>(DriveEnd::kTouchdown));
        const Mask fg = active && e == I32(static_cast<int>(DriveEnd::kFieldGoal));
        const Mask safety = active && e == I32(static_cast<int>(DriveEnd::kSafety));
        const Mask home_ball = s.possession == zero;
        for (int team = 0; team < 2; ++team) {
            const I32 pts = L::Generate([&points, team](int i) { return points[team][i]; });
            s.score[team] += L::Select(active, pts, zero);
            const Mask mine = team == 0 ? home_ball : !home_ball;
            s.touchdowns[team] += L::Count(td && mine);
            s.field_goals[team] += L::Count(fg && mine);
            for (int q = 0; q < 4; ++q) {
                s.quarter[team][q] += L::Select(active && quarter == I32(q), pts, zero);
            }
        }
        // One team scores on a drive: the first to reach a target is the one whose score reaches it now.
        for (int k = 0; k < kRaceTargets; ++k) {
            const I32 n(kRaceFirst + k * kRaceStep);
            const Mask open = active && s.race[k] == zero;
            s.race[k] =
                L::Select(open && s.score[0] >= n, I32(1), L::Select(open && s.score[1] >= n, I32(2), s.race[k]));
        }
        const I32 home_points = L::Generate([&points](int i) { return points[0][i]; });
        s.first_scorer = L::Select(active && s.first_scorer == zero && (td || fg || safety),
                                   L::Select(home_points > zero, I32(1), I32(2)), s.first_scorer);
        s.turnovers += L::Count(active && e == I32(static_cast<int>(DriveEnd::kTurnover)));
        s.first_score = L::Select(s.first_score == zero && (td || fg || safety),
                                  L::Select(td, I32(1), L::Select(fg, I32(2), I32(3))), s.first_score);
        s.played += L::Count(active);
        s.field = L::Select(active, next_field, s.field);
        const Mask in_ot = active && s.overtime == I32(1);
        const Mask in_reg = active && s.overtime == zero;
        Mask reg_over = in_reg && Mask(false);
        const I32 switched = I32(1) - s.possession;
        s.possession = L::Select(active, switched, s.possession);
        if (params.clock != 0) {
            const I32 before = s.seconds_left;
            s.seconds_left = L::Select(active, s.seconds_left - seconds, s.seconds_left);
            const Mask half_time = in_reg && before > I32(1800) && s.seconds_left <= I32(1800);
            s.possession = L::Select(half_time, I32(1) - s.opening, s.possession);
            s.field = L::Select(half_time, zero, s.field);
            for (int team = 0; team < 2; ++team) {
                s.half[team] = L::Select(half_time, s.score[team], s.half[team]);
            }
            s.half_done = L::Select(half_time, I32(1), s.half_done);
            reg_over = in_reg && s.seconds_left <= zero;
        } else {
            s.drive_index += L::Count(in_reg);
            const Mask half_time = in_reg && s.half_done == zero && s.drive_index * I32(2) >= s.drives;
            for (int team = 0; team < 2; ++team) {
                s.half[team] = L::Select(half_time, s.score[team], s.half[team]);
            }
            s.half_done = L::Select(half_time, I32(1), s.half_done);
            reg_over = in_reg && s.drive_index >= s.drives;
        }
        // Overtime: who wins where, and the next phase.
        const Mask modified = Mask(params.overtime_modified != 0);
        const Mask phase0 = s.ot_phase == zero;
        const Mask phase1 = s.ot_phase == I32(1);
        const Mask no_score = !(td || fg || safety);
        const Mask ot_ends =
            in_ot && (td || safety || (fg && !(phase0 && modified) && !phase1) || (phase1 && no_score));
        s.ot_phase = L::Select(in_ot && fg && phase0 && modified, I32(1),
                               L::Select(in_ot && ((fg && phase1) || (no_score && phase0)), I32(2), s.ot_phase));
        s.ot_drives += L::Count(in_ot);
        Mask period_over = in_ot && Mask(false);
        if (params.clock != 0) {
            period_over = in_ot && s.seconds_left <= zero;
            s.seconds_left = L::Select(period_over, I32(params.overtime_seconds), s.seconds_left);
        } else {
            period_over = in_ot && s.ot_drives >= I32(params.overtime_drives > 0 ? params.overtime_drives : 1) &&
                          Mask(params.overtime_playoff == 0);
        }
        const Mask playoff = Mask(params.overtime_playoff != 0);
        const Mask still_tied_out = period_over && !playoff;
        const Mask too_long = in_ot && playoff && s.ot_drives >= I32(kMaxOvertimeDrives) && !ot_ends;
        s.invalid = L::Select(too_long, I32(1), s.invalid);
        // Regulation over: tied games start overtime.
        const Mask tied = reg_over && s.score[0] == s.score[1];
        s.overtime = L::Select(tied, I32(1), s.overtime);
        s.ot_phase = L::Select(tied, zero, s.ot_phase);
        s.possession = L::Select(tied, s.ot_receiver, s.possession);
        s.field = L::Select(tied, zero, s.field);
        s.seconds_left = L::Select(tied, I32(params.overtime_seconds), s.seconds_left);
        s.active = active && !(reg_over && !tied) && !ot_ends && !still_tied_out && !too_long;
        return !L::Any(s.active);
    }

    SIMBOOK_HD static std::uint8_t Saturate(std::int32_t x) {
        return static_cast<std::uint8_t>(x < 0 ? 0 : (x < 255 ? x : 255));
    }

    SIMBOOK_HD void Finish(const Lanes& s, FootballOutcome* out, int count) const {
        for (int i = 0; i < count; ++i) {
            FootballOutcome o{};
            for (int team = 0; team < 2; ++team) {
                o.score[team] = static_cast<std::uint16_t>(L::Lane(s.score[team], i));
                o.half[team] = static_cast<std::uint16_t>(L::Lane(s.half[team], i));
                o.touchdowns[team] = Saturate(L::Lane(s.touchdowns[team], i));
                o.field_goals[team] = Saturate(L::Lane(s.field_goals[team], i));
            }
            o.overtime = static_cast<std::uint8_t>(L::Lane(s.overtime, i));
            o.first_score = static_cast<std::uint8_t>(L::Lane(s.first_score, i));
            o.drives = Saturate(L::Lane(s.played, i));
            o.invalid = static_cast<std::uint8_t>(L::Lane(s.invalid, i));
            for (int team = 0; team < 2; ++team) {
                for (int q = 0; q < 4; ++q) {
                    o.quarter[team][q] = Saturate(L::Lane(s.quarter[team][q], i));
                }
            }
            int race = 0;
            for (int k = 0; k < kRaceTargets; ++k) {
                race |= L::Lane(s.race[k], i) << (2 * k);
            }
            o.race = static_cast<std::uint16_t>(race);
            o.first_scorer = static_cast<std::uint8_t>(L::Lane(s.first_scorer, i));
            o.turnovers = Saturate(L::Lane(s.turnovers, i));
            out[i] = o;
        }
    }
};

static_assert(std::is_trivially_copyable_v<FootballGame<ScalarLanes>>);

} // namespace simbook::kernels::football
