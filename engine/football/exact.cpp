#include "engine/football/exact.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

namespace simbook::engine {
namespace {

namespace kf = kernels::football;
constexpr int kSide = kFootballMaxPoints + 1;
constexpr int kOtSide = 32;
constexpr double kTwo32 = 4294967296.0;

//! P(choice k) of n cumulative thresholds, as the kernel's ChoiceOf draws them.
template <int N> std::array<double, N> ChoiceProbabilities(const std::uint32_t* thresholds) {
    std::array<double, N> p{};
    double previous = 0.0;
    for (int k = 0; k < N; ++k) {
        const double t = k + 1 < N ? double(thresholds[k]) : kTwo32;
        p[k] = (t - previous) / kTwo32;
        previous = t;
    }
    return p;
}

double Threshold(std::uint32_t t) {
    return double(t) / kTwo32;
}

//! Drive-end probabilities after the endgame's or the last drive's choices (kernels::football::EndgameEnd) at the
//! offence's lead.
std::array<double, kf::kDriveEnds> Endgame(const kf::FootballParams& params, std::array<double, kf::kDriveEnds> p,
                                           int lead, bool endgame, bool last) {
    if (!endgame && !last) {
        return p;
    }
    constexpr int kTd = static_cast<int>(kf::DriveEnd::kTouchdown);
    constexpr int kFg = static_cast<int>(kf::DriveEnd::kFieldGoal);
    constexpr int kPunt = static_cast<int>(kf::DriveEnd::kPunt);
    if (lead >= -3 && lead <= 0) {
        const double q = Threshold(last ? params.last_fg_threshold : params.endgame_fg_threshold);
        p[kFg] += q * p[kPunt];
        p[kPunt] *= 1.0 - q;
    } else if (lead >= -8 && lead <= -4) {
        const double u = Threshold(params.urgent_td_threshold);
        p[kTd] += u * p[kFg];
        p[kPunt] += (1.0 - u) * p[kFg];
        p[kFg] = 0.0;
    } else if (lead >= 1) {
        const double k = Threshold(last ? params.last_protect_threshold : params.protect_threshold);
        p[kPunt] += k * (p[kTd] + p[kFg]);
        p[kTd] *= 1.0 - k;
        p[kFg] *= 1.0 - k;
    }
    return p;
}

int Cap(int points) {
    return std::min(points, kFootballMaxPoints);
}

//! The distribution of regulation drives given that more than `done` are played.
std::array<double, kf::kDriveCounts> DriveCountPmf(const kf::FootballParams& params, int done) {
    auto pmf = ChoiceProbabilities<kf::kDriveCounts>(params.drive_count_threshold);
    double kept = 0.0;
    for (int k = 0; k < kf::kDriveCounts; ++k) {
        if (params.min_drives + k <= done) {
            pmf[k] = 0.0;
        }
        kept += pmf[k];
    }
    for (double& x : pmf) {
        x = kept > 0.0 ? x / kept : 0.0;
    }
    return pmf;
}

//! Regulation from `state` with drive `state.drives_done` played by `first`: adds weight x P(final regulation score)
//! into reg[home * kSide + away]. dist holds the paths still playing; before drive i, the share of them for which it
//! is the last drive (N = i + 1, independent of the score) plays it as a last drive and ends.
void Regulation(const kf::FootballParams& params, const kf::FootballState& state, int first, double weight,
                std::vector<double>& reg) {
    const int done = state.drives_done;
    const auto counts = DriveCountPmf(params, done);
    const int last = params.min_drives + kf::kDriveCounts - 1;
    // dist[field][home][away] before the next drive.
    std::vector<double> dist(2 * kSide * kSide, 0.0);
    std::vector<double> next(dist.size(), 0.0);
    dist[(state.field * kSide + Cap(state.score[0])) * kSide + Cap(state.score[1])] = weight;
    std::array<std::array<std::array<double, kf::kDriveEnds>, kf::kFieldStarts>, 2> ends{};
    for (int team = 0; team < 2; ++team) {
        for (int field = 0; field < kf::kFieldStarts; ++field) {
            ends[team][field] = ChoiceProbabilities<kf::kDriveEnds>(params.drive_threshold[team][field]);
        }
    }
    const auto now_ends = ChoiceProbabilities<kf::kDriveEnds>(state.now_threshold);
    const double kick = Threshold(params.kick_threshold);
    const double two = Threshold(params.two_point_threshold);
    double playing = 1.0; // P(N > i)
    // Scores with mass lie in [0, reach] (a drive adds at most 8 points to one side).
    int reach = std::max(Cap(state.score[0]), Cap(state.score[1]));
    for (int i = done; i < last; ++i) {
        const int k = i + 1 - params.min_drives;
        const double ends_here = k >= 0 ? counts[k] : 0.0;
        const double final_share = playing > 0.0 ? std::min(1.0, ends_here / playing) : 1.0;
        playing -= ends_here;
        const int offence = (first + i - done) % 2;
        const bool late = i >= params.late_drive;
        const bool endgame = i >= params.endgame_drive;
        std::fill(next.begin(), next.end(), 0.0);
        for (int f = 0; f < 2; ++f) {
            // The drive in progress at a live state may have its own ends (its field position).
            const auto& drawn = i == done && state.now_set != 0 ? now_ends : ends[offence][f];
            for (int h = 0; h <= reach; ++h) {
                for (int a = 0; a <= reach; ++a) {
                    const double mass = dist[(f * kSide + h) * kSide + a];
                    if (mass == 0.0) {
                        continue;
                    }
                    const int own = offence == 0 ? h : a;
                    const int other = offence == 0 ? a : h;
                    const auto p = Endgame(params, drawn, own - other, endgame, false);
                    const auto q = Endgame(params, drawn, own - other, endgame, true);
                    const double going = mass * (1.0 - final_share);
                    const double ending = mass * final_share;
                    const auto put = [&](int field, int dh, int da, int end, double share) {
                        next[(field * kSide + Cap(h + dh)) * kSide + Cap(a + da)] += going * p[end] * share;
                        reg[Cap(h + dh) * kSide + Cap(a + da)] += ending * q[end] * share;
                    };
                    const int lead = own + 6 - other;
                    const bool go_two = late && lead + kf::kChartOffset >= 0 && lead + kf::kChartOffset < 64 &&
                                        ((params.two_point_chart >> (lead + kf::kChartOffset)) & 1u) != 0;
                    const double good = go_two ? two : kick;
                    const int td_good = 6 + (go_two ? 2 : 1);
                    put(0, offence == 0 ? td_good : 0, offence == 0 ? 0 : td_good, 0, good);
                    put(0, offence == 0 ? 6 : 0, offence == 0 ? 0 : 6, 0, 1.0 - good);
                    put(0, offence == 0 ? 3 : 0, offence == 0 ? 0 : 3, 1, 1.0);
                    put(0, offence == 0 ? 0 : 2, offence == 0 ? 2 : 0, 2, 1.0);
                    put(1, 0, 0, 3, 1.0);
                    put(0, 0, 0, 4, 1.0);
                }
            }
        }
        dist.swap(next);
        reach = std::min(reach + 8, kFootballMaxPoints);
    }
}

} // namespace

std::vector<double> ExactFootballOvertime(const kf::FootballParams& params, double* invalid) {
    std::vector<double> out(kOtSide * kOtSide, 0.0);
    *invalid = 0.0;
    // Live overtime states: phase (0 first possession, 1 the answer to a field goal, 2 sudden death), field, points.
    constexpr int kPhases = 3;
    const auto index = [](int phase, int field, int h, int a) {
        return ((phase * 2 + field) * kOtSide + h) * kOtSide + a;
    };
    std::vector<double> dist(kPhases * 2 * kOtSide * kOtSide, 0.0);
    std::vector<double> next(dist.size(), 0.0);
    const int max_drives = params.overtime_playoff != 0 ? kf::kMaxOvertimeDrives : params.overtime_drives;
    for (int receiver = 0; receiver < 2; ++receiver) {
        std::fill(dist.begin(), dist.end(), 0.0);
        dist[index(0, 0, 0, 0)] = 0.5;
        for (int j = 0; j < max_drives; ++j) {
            const int offence = (receiver + j) % 2;
            std::fill(next.begin(), next.end(), 0.0);
            for (int phase = 0; phase < kPhases; ++phase) {
                for (int f = 0; f < 2; ++f) {
                    const auto drawn = ChoiceProbabilities<kf::kDriveEnds>(params.drive_threshold[offence][f]);
                    for (int h = 0; h < kOtSide; ++h) {
                        for (int a = 0; a < kOtSide; ++a) {
                            const double mass = dist[index(phase, f, h, a)];
                            if (mass == 0.0) {
                                continue;
                            }
                            // Overtime drives play like the last drive of regulation (kernels EndgameEnd).
                            const auto p = Endgame(params, drawn, offence == 0 ? h - a : a - h, true, true);
                            const auto end = [&](int dh, int da, double q) {
                                out[std::min(h + dh, kOtSide - 1) * kOtSide + std::min(a + da, kOtSide - 1)] +=
                                    mass * q;
                            };
                            const auto go = [&](int np, int nf, int dh, int da, double q) {
                                next[index(np, nf, std::min(h + dh, kOtSide - 1), std::min(a + da, kOtSide - 1))] +=
                                    mass * q;
                            };
                            const int own_h = offence == 0 ? 1 : 0;
                            end(6 * own_h, 6 * (1 - own_h), p[0]);
                            end(2 * (1 - own_h), 2 * own_h, p[2]);
                            if (phase == 0 && params.overtime_modified != 0) {
                                go(1, 0, 3 * own_h, 3 * (1 - own_h), p[1]);
                            } else if (phase == 1) {
                                go(2, 0, 3 * own_h, 3 * (1 - own_h), p[1]);
                            } else {
                                end(3 * own_h, 3 * (1 - own_h), p[1]);
                            }
                            if (phase == 1) {
                                end(0, 0, p[3] + p[4]); // the first team's field goal stands
                            } else {
                                go(2, 1, 0, 0, p[3]);
                                go(2, 0, 0, 0, p[4]);
                            }
                        }
                    }
                }
            }
            dist.swap(next);
        }
        // Whatever is still playing when the drives run out: a regular-season game ends as it stands.
        for (int phase = 0; phase < kPhases; ++phase) {
            for (int f = 0; f < 2; ++f) {
                for (int h = 0; h < kOtSide; ++h) {
                    for (int a = 0; a < kOtSide; ++a) {
                        const double mass = dist[index(phase, f, h, a)];
                        if (params.overtime_playoff != 0) {
                            *invalid += mass;
                        } else {
                            out[h * kOtSide + a] += mass;
                        }
                    }
                }
            }
        }
    }
    return out;
}

Result<FootballScorePmf> ExactFootball(const kf::FootballParams& params, const kf::FootballState& state) {
    if (params.clock != 0) {
        return InvalidArgument("clock", "the exact model has no clock (params.clock must be 0)");
    }
    const int last = params.min_drives + kf::kDriveCounts - 1;
    if (state.drives_done < 0 || state.drives_done >= last) {
        return InvalidArgument("drives_done",
                               std::to_string(state.drives_done) + " is outside 0.." + std::to_string(last - 1));
    }
    for (int team = 0; team < 2; ++team) {
        if (state.score[team] < 0 || state.score[team] > 90) {
            return InvalidArgument("score", std::to_string(state.score[team]) + " is outside 0..90");
        }
    }
    if (state.possession < -1 || state.possession > 1 || state.field < 0 || state.field > 1) {
        return InvalidArgument("possession/field", "possession must be -1, 0 or 1 and field 0 or 1");
    }
    std::vector<double> reg(kSide * kSide, 0.0);
    if (state.possession < 0) {
        Regulation(params, state, 0, 0.5, reg);
        Regulation(params, state, 1, 0.5, reg);
    } else {
        Regulation(params, state, state.possession, 1.0, reg);
    }
    FootballScorePmf out;
    out.p.assign(kSide * kSide, 0.0);
    double ot_invalid = 0.0;
    const std::vector<double> ot = ExactFootballOvertime(params, &ot_invalid);
    for (int h = 0; h < kSide; ++h) {
        for (int a = 0; a < kSide; ++a) {
            const double mass = reg[h * kSide + a];
            if (mass == 0.0) {
                continue;
            }
            if (h != a) {
                out.p[h * kSide + a] += mass;
                continue;
            }
            out.overtime += mass;
            out.invalid += mass * ot_invalid;
            for (int x = 0; x < kOtSide; ++x) {
                for (int y = 0; y < kOtSide; ++y) {
                    const double q = ot[x * kOtSide + y];
                    if (q > 0.0) {
                        out.p[Cap(h + x) * kSide + Cap(a + y)] += mass * q;
                    }
                }
            }
        }
    }
    return out;
}

std::vector<double> FootballScorePmf::MarginPmf() const {
    std::vector<double> m(2 * kFootballMaxPoints + 1, 0.0);
    for (int h = 0; h < kSide; ++h) {
        for (int a = 0; a < kSide; ++a) {
            m[h - a + kFootballMaxPoints] += At(h, a);
        }
    }
    return m;
}

std::vector<double> FootballScorePmf::TotalPmf() const {
    std::vector<double> t(2 * kFootballMaxPoints + 1, 0.0);
    for (int h = 0; h < kSide; ++h) {
        for (int a = 0; a < kSide; ++a) {
            t[h + a] += At(h, a);
        }
    }
    return t;
}

double FootballScorePmf::HomeWin() const {
    const auto m = MarginPmf();
    double s = 0.0;
    for (int i = kFootballMaxPoints + 1; i < int(m.size()); ++i) {
        s += m[i];
    }
    return s;
}

double FootballScorePmf::AwayWin() const {
    const auto m = MarginPmf();
    double s = 0.0;
    for (int i = 0; i < kFootballMaxPoints; ++i) {
        s += m[i];
    }
    return s;
}

double FootballScorePmf::Tie() const {
    return MarginPmf()[kFootballMaxPoints];
}

double FootballScorePmf::HomeCovers(double home_spread) const {
    const auto m = MarginPmf();
    double s = 0.0;
    for (int i = 0; i < int(m.size()); ++i) {
        s += (i - kFootballMaxPoints) + home_spread > 0.0 ? m[i] : 0.0;
    }
    return s;
}

double FootballScorePmf::SpreadPush(double home_spread) const {
    const auto m = MarginPmf();
    double s = 0.0;
    for (int i = 0; i < int(m.size()); ++i) {
        s += (i - kFootballMaxPoints) + home_spread == 0.0 ? m[i] : 0.0;
    }
    return s;
}

double FootballScorePmf::Over(double line) const {
    const auto t = TotalPmf();
    double s = 0.0;
    for (int i = 0; i < int(t.size()); ++i) {
        s += i > line ? t[i] : 0.0;
    }
    return s;
}

double FootballScorePmf::TotalPush(double line) const {
    const auto t = TotalPmf();
    double s = 0.0;
    for (int i = 0; i < int(t.size()); ++i) {
        s += double(i) == line ? t[i] : 0.0;
    }
    return s;
}

} // namespace simbook::engine
