#include "models/football_model.hpp"

#include <algorithm>
#include <cmath>

namespace simbook::models {
namespace {

namespace kf = kernels::football;

// The standard two-point chart, as the scoring team's lead after the six points: go for two when ahead by 1, 4, 5,
// 12, 15 or 19, or behind by 2, 5, 9, 12 or 16.
constexpr int kChartMargins[] = {1, 4, 5, 12, 15, 19, -2, -5, -9, -12, -16};

// Mean seconds a drive uses by how it ends, relative to the mean drive (touchdown and field-goal drives are long,
// turnovers and safeties short); scaled so the mean drive fits the pace.
constexpr double kRelativeSeconds[kf::kDriveEnds] = {1.15, 1.25, 0.55, 0.75, 0.95};

void FillThresholds(const double* p, int n, std::uint32_t* out) {
    double cumulative = 0.0;
    for (int k = 0; k + 1 < n; ++k) {
        cumulative += p[k];
        out[k] = FootballThreshold(std::min(cumulative, 1.0));
    }
}

double NormalCdf(double x) {
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

} // namespace

std::uint32_t FootballThreshold(double p) {
    const double scaled = std::clamp(p, 0.0, 1.0) * 4294967296.0;
    return scaled >= 4294967295.0 ? 4294967295u : static_cast<std::uint32_t>(scaled);
}

FootballRules FootballRulesFor(int season, bool playoff) {
    FootballRules rules;
    rules.playoff = playoff;
    rules.overtime_seconds = playoff || season < 2017 ? 900 : 600;
    rules.overtime_modified = playoff || season >= 2012;
    rules.kick_good = season >= 2015 ? 0.94 : 0.995;
    return rules;
}

DriveEnds DriveEndsFor(const FootballLeague& league, double scale, int field) {
    DriveEnds e;
    const double root = std::sqrt(scale);
    e.p[0] = league.p_td * scale * (field == 1 ? league.short_td : 1.0);
    e.p[1] = league.p_fg * root * (field == 1 ? league.short_fg : 1.0);
    e.p[2] = league.p_safety;
    e.p[3] = league.p_turnover / root;
    // Keep at least 5% of drives ending without points or a turnover; scoring gives way first.
    const double scoring = e.p[0] + e.p[1] + e.p[2] + e.p[3];
    if (scoring > 0.95) {
        const double shrink = 0.95 / scoring;
        for (int k = 0; k < 4; ++k) {
            e.p[k] *= shrink;
        }
    }
    e.p[4] = 1.0 - (e.p[0] + e.p[1] + e.p[2] + e.p[3]);
    return e;
}

double ExpectedDrivePoints(const FootballLeague& league, double m_off, double m_opp, double kick_good) {
    const DriveEnds normal = DriveEndsFor(league, m_off, 0);
    const DriveEnds short_field = DriveEndsFor(league, m_off, 1);
    const DriveEnds opp = DriveEndsFor(league, m_opp, 0);
    const double touchdown = 6.0 + kick_good;
    const double share_short = opp.p[3];
    const double per_drive = (1.0 - share_short) * (touchdown * normal.p[0] + 3.0 * normal.p[1]) +
                             share_short * (touchdown * short_field.p[0] + 3.0 * short_field.p[1]) + 2.0 * opp.p[2];
    return 0.5 * league.mean_drives * per_drive;
}

void SolveOffenceScales(const FootballLeague& league, double home_points, double away_points, double kick_good,
                        double* m_home, double* m_away) {
    double mh = 1.0;
    double ma = 1.0;
    const auto solve = [&](double target, double m_opp) {
        double lo = 0.2;
        double hi = 3.0;
        for (int i = 0; i < 50; ++i) {
            const double mid = 0.5 * (lo + hi);
            (ExpectedDrivePoints(league, mid, m_opp, kick_good) < target ? lo : hi) = mid;
        }
        return 0.5 * (lo + hi);
    };
    for (int round = 0; round < 3; ++round) {
        mh = solve(home_points, ma);
        ma = solve(away_points, mh);
    }
    *m_home = mh;
    *m_away = ma;
}

kf::FootballParams MakeFootballParams(const FootballLeague& league, double home_points, double away_points,
                                      const FootballRules& rules, bool clock) {
    kf::FootballParams p{};
    double scale[2];
    SolveOffenceScales(league, home_points, away_points, rules.kick_good, &scale[0], &scale[1]);
    for (int team = 0; team < 2; ++team) {
        for (int field = 0; field < kf::kFieldStarts; ++field) {
            const DriveEnds e = DriveEndsFor(league, scale[team], field);
            FillThresholds(e.p, kf::kDriveEnds, p.drive_threshold[team][field]);
        }
    }
    p.kick_threshold = FootballThreshold(rules.kick_good);
    p.two_point_threshold = FootballThreshold(league.two_point_good);
    p.two_point_chart = 0;
    for (int margin : kChartMargins) {
        p.two_point_chart |= std::uint64_t{1} << (margin + kf::kChartOffset);
    }
    p.late_drive = static_cast<std::int32_t>(std::lround(league.late_share * league.mean_drives));
    // Pace: a normal of mean mean_drives and sd drive_sd, rounded to whole drives, over kDriveCounts values.
    p.min_drives = static_cast<std::int32_t>(std::lround(league.mean_drives)) - kf::kDriveCounts / 2;
    double pmf[kf::kDriveCounts];
    double sum = 0.0;
    for (int k = 0; k < kf::kDriveCounts; ++k) {
        const double n = p.min_drives + k;
        pmf[k] = NormalCdf((n + 0.5 - league.mean_drives) / league.drive_sd) -
                 NormalCdf((n - 0.5 - league.mean_drives) / league.drive_sd);
        sum += pmf[k];
    }
    for (double& x : pmf) {
        x /= sum;
    }
    FillThresholds(pmf, kf::kDriveCounts, p.drive_count_threshold);
    p.clock = clock ? 1 : 0;
    // Durations: the league's mean drive takes 3600 / mean_drives seconds.
    const DriveEnds average = DriveEndsFor(league, 1.0, 0);
    double relative = 0.0;
    for (int k = 0; k < kf::kDriveEnds; ++k) {
        relative += average.p[k] * kRelativeSeconds[k];
    }
    for (int k = 0; k < kf::kDriveEnds; ++k) {
        p.drive_seconds[k] =
            static_cast<std::int32_t>(std::lround(3600.0 / league.mean_drives * kRelativeSeconds[k] / relative));
    }
    p.urgency_seconds = 300;
    p.hurry_percent = 60;
    p.protect_percent = 125;
    p.endgame_drive = static_cast<std::int32_t>(std::lround(league.endgame_share * league.mean_drives));
    p.endgame_fg_threshold = FootballThreshold(league.endgame_fg);
    p.urgent_td_threshold = FootballThreshold(league.endgame_td);
    p.protect_threshold = FootballThreshold(league.endgame_protect);
    p.last_fg_threshold = FootballThreshold(league.last_fg);
    p.last_protect_threshold = FootballThreshold(league.last_protect);
    p.final_seconds = 120;
    p.overtime_seconds = rules.overtime_seconds;
    // No clock: an overtime period holds one drive per 3 minutes (5 in 15 minutes, 3 in 10).
    p.overtime_drives = rules.overtime_seconds / 180;
    p.overtime_modified = rules.overtime_modified ? 1 : 0;
    p.overtime_playoff = rules.playoff ? 1 : 0;
    return p;
}

} // namespace simbook::models
