// Exact basketball with a lead pull: a possession's points depend on the score (the offence's lead row), so the
// possessions are not independent and every series steps the score slot by slot. See exact_internal.hpp.
#include "engine/basketball/exact.hpp"
#include "engine/basketball/exact_internal.hpp"

#include "kernels/basketball/basketball_clock.cuh"
#include "models/basketball_model.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>
#include <optional>
#include <utility>
#include <vector>

namespace simbook::engine::detail {

namespace kb = kernels::basketball;

LeadPmfs MakeLeadPmfs(const kb::BasketballParams& params) {
    LeadPmfs out{};
    for (int team = 0; team < 2; ++team) {
        for (int row = 0; row < kb::kLeadRows; ++row) {
            out[static_cast<std::size_t>(team)][static_cast<std::size_t>(row)] =
                PossessionPointsPmf(params.team[team], row);
        }
    }
    return out;
}

std::vector<std::pair<int, double>> Starts(const kb::BasketballState& state) {
    if (state.possession >= 0) {
        return {{state.possession, 1.0}};
    }
    return {{0, 0.5}, {1, 0.5}};
}

std::vector<PaceEnd> PaceEnds(const kb::BasketballParams& params, const kb::BasketballState& state) {
    const auto pace = models::PaceProbabilities(params);
    std::vector<PaceEnd> out;
    for (int k = 0; k < kb::kPaceValues; ++k) {
        const double pn = pace[static_cast<std::size_t>(k)];
        if (pn > 0.0) {
            const int n = params.pace_min + k;
            out.push_back({kb::SlotsLeft(n, state), pn, kb::OvertimePossessions(n)});
        }
    }
    return out;
}

void StepMargin(const LeadPmfs& pmfs, int team, MarginGrid& g, std::vector<double>& scratch) {
    while (g.lo <= g.hi && g[g.lo] < kNegligibleCell) {
        ++g.lo;
    }
    while (g.hi >= g.lo && g[g.hi] < kNegligibleCell) {
        --g.hi;
    }
    scratch.assign(g.p.size(), 0.0);
    const int sign = team == 0 ? 1 : -1;
    const int cap = kb::kLeadCap;
    double* out = scratch.data() + g.radius;
    const double* in = g.p.data() + g.radius;
    for (int x = 3; x >= 0; --x) {
        const int shift = sign * x;
        const int a = std::max(g.lo, -g.radius - shift), b = std::min(g.hi, g.radius - shift);
        const double below = PmfAt(pmfs, team, -cap - 1)[static_cast<std::size_t>(x)];
        const double above = PmfAt(pmfs, team, cap + 1)[static_cast<std::size_t>(x)];
        for (int m = a; m <= std::min(b, -cap - 1); ++m) {
            out[m + shift] += below * in[m];
        }
        for (int m = std::max(a, -cap); m <= std::min(b, cap); ++m) {
            out[m + shift] += PmfAt(pmfs, team, m)[static_cast<std::size_t>(x)] * in[m];
        }
        for (int m = std::max(a, cap + 1); m <= b; ++m) {
            out[m + shift] += above * in[m];
        }
    }
    g.p.swap(scratch);
    if (g.lo <= g.hi) {
        g.lo = std::max(g.lo - (team == 1 ? 3 : 0), -g.radius);
        g.hi = std::min(g.hi + (team == 0 ? 3 : 0), g.radius);
    }
}

namespace {

//! Adds the mass `v` at (home h, away a) of a `side` x `side` grid, moved by one possession of `team` scoring 0-3
//! points with `pmf`, to `next` (points past the grid are dropped).
void AddPossession(std::vector<double>& next, int side, int h, int a, int team, double v,
                   const std::array<double, 4>& pmf) {
    for (int x = 0; x < 4; ++x) {
        const int th = h + (team == 0 ? x : 0);
        const int ta = a + (team == 1 ? x : 0);
        if (th < side && ta < side) {
            next[static_cast<std::size_t>(th * side + ta)] += v * pmf[static_cast<std::size_t>(x)];
        }
    }
}

//! Joint (home points, away points) of one overtime from a tie: 2m slots from offence `first`; index dx * (3m + 1)
//! + dy.
std::vector<double> OvertimeJoint(const LeadPmfs& pmfs, int m, int first) {
    const int side = 3 * m + 1;
    std::vector<double> g(static_cast<std::size_t>(side * side), 0.0), next;
    g[0] = 1.0;
    for (int k = 0; k < 2 * m; ++k) {
        const int team = first ^ (k & 1);
        next.assign(g.size(), 0.0);
        for (int dx = 0; dx < side; ++dx) {
            for (int dy = 0; dy < side; ++dy) {
                const double v = g[static_cast<std::size_t>(dx * side + dy)];
                if (v == 0.0) {
                    continue;
                }
                AddPossession(next, side, dx, dy, team, v, PmfAt(pmfs, team, dx - dy));
            }
        }
        g.swap(next);
    }
    return g;
}

//! Tied mass after regulation, by overtime length and by the team with the ball when overtime starts.
struct LeadTied {
    int m;
    int first;
    std::vector<double> tied; //!< by score (joint grid) or one entry (margin)
};

std::vector<double>& LeadTiedFor(std::vector<LeadTied>& groups, int m, int first, std::size_t size) {
    for (LeadTied& g : groups) {
        if (g.m == m && g.first == first) {
            return g.tied;
        }
    }
    groups.push_back({m, first, std::vector<double>(size, 0.0)});
    return groups.back().tied;
}

//! Regulation of the joint DP with a lead pull on a (margin, home points) grid. A possession's pmf depends on
//! the margin only, so it moves whole rows: home scoring x shifts row m to row m + x, x columns right; away
//! scoring x moves row m to row m - x in place. Each row keeps the column range [lo, hi] outside which it is
//! zero, trimmed of cells below kNegligibleCell (their mass is dropped, as the cell-by-cell sweep skipped them).
//! Rows carry kPad zero columns in front, so a row can be read shifted by up to kPad columns: a step computes
//! each target row in one contiguous pass over its (up to four) source rows.
class MarginRows {
    struct Free {
        void operator()(double* p) const { std::free(p); }
    };

public:
    //! Margins [m_lo, m_hi], home points [h_lo, h_hi].
    MarginRows(int m_lo, int m_hi, int h_lo, int h_hi)
        : m_lo_(m_lo), h_lo_(h_lo), rows_(m_hi - m_lo + 1), cols_(h_hi - h_lo + 1), stride_(cols_ + kPad),
          cells_(static_cast<double*>(
              std::calloc(static_cast<std::size_t>(rows_ + 1) * static_cast<std::size_t>(stride_), sizeof(double)))),
          lo_(static_cast<std::size_t>(rows_), cols_), hi_(static_cast<std::size_t>(rows_), -1), first_(rows_),
          last_(-1) {
        if (!cells_) {
            throw std::bad_alloc();
        }
    }

    void Clear() {
        for (int r = first_; r <= last_; ++r) {
            if (lo_[static_cast<std::size_t>(r)] <= hi_[static_cast<std::size_t>(r)]) {
                std::fill(Row(r) + lo_[static_cast<std::size_t>(r)], Row(r) + hi_[static_cast<std::size_t>(r)] + 1,
                          0.0);
            }
            lo_[static_cast<std::size_t>(r)] = cols_;
            hi_[static_cast<std::size_t>(r)] = -1;
        }
        first_ = rows_;
        last_ = -1;
    }
    void Set(int margin, int home, double v) {
        const int r = margin - m_lo_, c = home - h_lo_;
        Row(r)[c] = v;
        Widen(r, c, c);
    }
    //! Calls f(margin, home points, mass) for every cell that may hold mass.
    template <typename F> void ForEach(F&& f) const {
        for (int r = first_; r <= last_; ++r) {
            const double* row = Row(r);
            for (int c = lo_[static_cast<std::size_t>(r)]; c <= hi_[static_cast<std::size_t>(r)]; ++c) {
                f(r + m_lo_, c + h_lo_, row[c]);
            }
        }
    }
    //! Calls f(home points, mass) for every cell of the margin's row that may hold mass.
    template <typename F> void ForEachInRow(int margin, F&& f) const {
        const int r = margin - m_lo_;
        if (r < 0 || r >= rows_) {
            return;
        }
        const double* row = Row(r);
        for (int c = lo_[static_cast<std::size_t>(r)]; c <= hi_[static_cast<std::size_t>(r)]; ++c) {
            f(c + h_lo_, row[c]);
        }
    }
    //! Adds w x every row of `g` (the same shape) but the margin-0 row: contiguous multiply-adds.
    void AddDecided(const MarginRows& g, double w) {
        for (int r = g.first_; r <= g.last_; ++r) {
            const int lo = g.lo_[static_cast<std::size_t>(r)], hi = g.hi_[static_cast<std::size_t>(r)];
            if (r + m_lo_ == 0 || lo > hi) {
                continue;
            }
            const double* in = g.Row(r);
            double* out = Row(r);
            for (int c = lo; c <= hi; ++c) {
                out[c] += w * in[c];
            }
            Widen(r, lo, hi);
        }
    }
    //! `next` = this grid after one possession of `team`; cells past `dim` points are dropped. Target row by
    //! target row, each cell the sum of its sources (3 and 2 points, 1 and 0 points, then both) in one pass.
    void Step(const LeadPmfs& pmfs, int team, int dim, MarginRows& next) const {
        const int dir = team == 0 ? 1 : -1;
        const double* zeros = Row(rows_); // the spare row past the last: always zero
        // Rows that can receive mass, and the rows of `next` that may hold stale cells.
        const int t_lo = std::min(std::max(0, team == 0 ? first_ : first_ - 3), next.first_);
        const int t_hi = std::max(std::min(rows_ - 1, team == 0 ? last_ + 3 : last_), next.last_);
        int first = rows_, last = -1;
        for (int tr = t_lo; tr <= t_hi; ++tr) {
            const int target = tr + m_lo_;
            // Away points (home - margin) past dim - 1 leave the grid; home points past dim - 1 are past cols_.
            const int cap = std::min(cols_ - 1, dim - 1 + target - h_lo_);
            std::array<const double*, 4> src{zeros, zeros, zeros, zeros};
            std::array<double, 4> p{};
            int lo = cols_, hi = -1;
            for (int x = 0; x < 4; ++x) {
                const int r = tr - dir * x;
                if (r < 0 || r >= rows_ || lo_[static_cast<std::size_t>(r)] > hi_[static_cast<std::size_t>(r)]) {
                    continue;
                }
                const int shift = team == 0 ? x : 0; // home points move with home scoring
                src[static_cast<std::size_t>(x)] = Row(r) - shift;
                p[static_cast<std::size_t>(x)] = PmfAt(pmfs, team, r + m_lo_)[static_cast<std::size_t>(x)];
                lo = std::min(lo, lo_[static_cast<std::size_t>(r)] + shift);
                hi = std::max(hi, hi_[static_cast<std::size_t>(r)] + shift);
            }
            hi = std::min(hi, cap);
            double* out = next.Row(tr);
            const double *s3 = src[3], *s2 = src[2], *s1 = src[1], *s0 = src[0];
            for (int c = lo; c <= hi; ++c) {
                out[c] = std::fma(p[2], s2[c], p[3] * s3[c]) + std::fma(p[0], s0[c], p[1] * s1[c]);
            }
            // Drop negligible cells at the ends of the range, then zero what is left of the row's old range.
            while (lo <= hi && out[lo] < kLeadNegligibleCell) {
                out[lo++] = 0.0;
            }
            while (hi >= lo && out[hi] < kLeadNegligibleCell) {
                out[hi--] = 0.0;
            }
            int& old_lo = next.lo_[static_cast<std::size_t>(tr)];
            int& old_hi = next.hi_[static_cast<std::size_t>(tr)];
            if (lo > hi) {
                lo = cols_; // empty: the whole old range is zeroed below
            }
            for (int c = old_lo; c <= std::min(old_hi, lo - 1); ++c) {
                out[c] = 0.0;
            }
            for (int c = std::max(old_lo, hi + 1); c <= old_hi; ++c) {
                out[c] = 0.0;
            }
            old_lo = lo;
            old_hi = lo <= hi ? hi : -1;
            if (lo <= hi) {
                first = std::min(first, tr);
                last = tr;
            }
        }
        next.first_ = first;
        next.last_ = last;
    }

private:
    static constexpr int kPad = 3;
    double* Row(int r) { return cells_.get() + static_cast<std::ptrdiff_t>(r) * stride_ + kPad; }
    const double* Row(int r) const { return cells_.get() + static_cast<std::ptrdiff_t>(r) * stride_ + kPad; }
    void Widen(int r, int from, int to) {
        lo_[static_cast<std::size_t>(r)] = std::min(lo_[static_cast<std::size_t>(r)], from);
        hi_[static_cast<std::size_t>(r)] = std::max(hi_[static_cast<std::size_t>(r)], to);
        first_ = std::min(first_, r);
        last_ = std::max(last_, r);
    }

    int m_lo_, h_lo_, rows_, cols_, stride_;
    //! calloc: the pages of rows that no mass reaches are never touched.
    std::unique_ptr<double, Free> cells_;
    std::vector<int> lo_, hi_;
    int first_, last_; //!< rows outside [first_, last_] are empty
};

//! Regulation with a lead pull: the mass decided in regulation, mixed over paces, on a (margin, home points) grid,
//! and the tied mass by overtime group.
struct LeadRegulation {
    LeadPmfs pmfs;
    std::optional<MarginRows> decided;
    std::vector<LeadTied> groups;
};

LeadRegulation LeadRegulationOf(const kb::BasketballParams& params, const kb::BasketballState& state, std::size_t dim) {
    LeadRegulation out{MakeLeadPmfs(params), std::nullopt, {}};
    const std::vector<PaceEnd> ends = PaceEnds(params, state);
    int max_slots = 0;
    for (const PaceEnd& e : ends) {
        max_slots = std::max(max_slots, e.slots);
    }
    const int h0 = state.score[0];
    const int a0 = state.score[1];
    const int n = static_cast<int>(dim);
    if (h0 >= n || a0 >= n) {
        return out;
    }
    // A team has the ball in at most (max_slots + 1) / 2 slots: 3 points each.
    const int reach = 3 * ((max_slots + 1) / 2);
    const int lead = h0 - a0;
    const int m_lo = std::max(lead - reach, -(n - 1)), m_hi = std::min(lead + reach, n - 1);
    const int h_hi = std::min(h0 + reach, n - 1); // regulation cannot pass it; overtimes come after
    MarginRows g(m_lo, m_hi, h0, h_hi), next(m_lo, m_hi, h0, h_hi);
    out.decided.emplace(m_lo, m_hi, h0, h_hi);
    for (const auto& [start, start_weight] : Starts(state)) {
        g.Clear();
        next.Clear();
        g.Set(lead, h0, 1.0);
        for (int k = 0;; ++k) {
            double w_decided = 0.0;
            for (const PaceEnd& e : ends) {
                if (e.slots != k) {
                    continue;
                }
                const double w = start_weight * e.weight;
                w_decided += w;
                std::vector<double>& tied = LeadTiedFor(out.groups, e.m, start ^ (k & 1), dim);
                g.ForEachInRow(0, [&](int h, double mass) { tied[static_cast<std::size_t>(h)] += w * mass; });
            }
            if (w_decided > 0.0) {
                out.decided->AddDecided(g, w_decided);
            }
            if (k == max_slots) {
                break;
            }
            g.Step(out.pmfs, start ^ (k & 1), n, next);
            std::swap(g, next);
        }
    }
    return out;
}

//! Calls f(e, j, side) for every overtime group: e[s] the mass entering an overtime tied at s-s and j
//! the overtime's joint (home, away) points from a tie, side x side, whose tie (dx == dy) goes on to the next one.
template <typename F> void ForEachOvertime(LeadRegulation& reg, F&& f) {
    for (LeadTied& group : reg.groups) {
        if (group.m == 0) {
            continue; // no overtime possessions: the tied mass is the kernel's invalid paths
        }
        const int side = 3 * group.m + 1;
        const std::vector<double> j = OvertimeJoint(reg.pmfs, group.m, group.first);
        std::vector<double> stay(static_cast<std::size_t>(side));
        for (int x = 0; x < side; ++x) {
            stay[static_cast<std::size_t>(x)] = j[static_cast<std::size_t>(x * side + x)];
        }
        // TiedEnteringOvertimes moves tied mass by stay[x] = oh[x] * oa[x]: pass stay as oh and ones as oa.
        const std::vector<double> ones(static_cast<std::size_t>(side), 1.0);
        const std::vector<double> entering = TiedEnteringOvertimes(std::move(group.tied), stay, ones);
        f(entering, j, side);
    }
}

} // namespace

ScoreDistribution LeadJoint(const kb::BasketballParams& params, const kb::BasketballState& state, std::size_t dim) {
    LeadRegulation reg = LeadRegulationOf(params, state, dim);
    ScoreDistribution d(dim);
    if (reg.decided) {
        reg.decided->ForEach([&](int margin, int h, double mass) {
            d.At(static_cast<std::size_t>(h), static_cast<std::size_t>(h - margin)) += mass;
        });
    }
    ForEachOvertime(reg, [&](const std::vector<double>& entering, const std::vector<double>& j, int side) {
        for (std::size_t s = 0; s < dim; ++s) {
            const double e = entering[s];
            if (e < kNegligibleCell) {
                continue;
            }
            // Row s + dx of the grid gets e x row dx of the overtime's joint, all but its tie (dy == dx), which
            // TiedEnteringOvertimes carried into the next overtime: two contiguous runs.
            const int ny = static_cast<int>(std::min(static_cast<std::size_t>(side), dim - s));
            for (int dx = 0; dx < ny; ++dx) {
                double* row = &d.At(s + static_cast<std::size_t>(dx), s);
                const double* jr = j.data() + static_cast<std::ptrdiff_t>(dx) * side;
                for (int dy = 0; dy < dx; ++dy) {
                    row[dy] += e * jr[dy];
                }
                for (int dy = dx + 1; dy < ny; ++dy) {
                    row[dy] += e * jr[dy];
                }
            }
        }
    });
    return d;
}

IntegerPmf LeadMargin(const kb::BasketballParams& params, const kb::BasketballState& state) {
    const LeadPmfs pmfs = MakeLeadPmfs(params);
    const std::vector<PaceEnd> ends = PaceEnds(params, state);
    int max_slots = 0, max_m = 0;
    for (const PaceEnd& e : ends) {
        max_slots = std::max(max_slots, e.slots);
        max_m = std::max(max_m, e.m);
    }
    const int lead = state.score[0] - state.score[1];
    const int radius = std::abs(lead) + 3 * max_slots + 3 * max_m + 3;
    MarginGrid out(radius);
    std::vector<LeadTied> groups;
    std::vector<double> scratch;
    for (const auto& [start, start_weight] : Starts(state)) {
        MarginGrid g(radius);
        g[lead] = 1.0;
        for (int k = 0;; ++k) {
            for (const PaceEnd& e : ends) {
                if (e.slots != k) {
                    continue;
                }
                const double w = start_weight * e.weight;
                LeadTiedFor(groups, e.m, start ^ (k & 1), 1)[0] += w * g[0];
                for (int m = g.lo; m <= g.hi; ++m) {
                    out[m] += m != 0 ? w * g[m] : 0.0;
                }
            }
            if (k == max_slots) {
                break;
            }
            StepMargin(pmfs, start ^ (k & 1), g, scratch);
        }
    }
    for (const LeadTied& group : groups) {
        if (group.m == 0) {
            continue;
        }
        MarginGrid o(3 * group.m);
        o[0] = 1.0;
        for (int k = 0; k < 2 * group.m; ++k) {
            StepMargin(pmfs, group.first ^ (k & 1), o, scratch);
        }
        double t = group.tied[0];
        for (int overtime = 0; overtime < kb::kMaxOvertimes; ++overtime) {
            for (int m = -3 * group.m; m <= 3 * group.m; ++m) {
                out[m] += m != 0 ? t * o[m] : 0.0;
            }
            t *= o[0];
            if (t < kNegligibleTiedMass) {
                break;
            }
        }
    }
    IntegerPmf pmf{-radius, std::move(out.p)};
    TrimZeros(pmf);
    return pmf;
}

//! Largest score a path can reach from the state with a lead pull, overtimes included (the joint grid's size).
namespace {
std::size_t LeadDim(const kb::BasketballParams& params, const kb::BasketballState& state) {
    int max_slots = 0, max_m = 0;
    for (const PaceEnd& e : PaceEnds(params, state)) {
        max_slots = std::max(max_slots, e.slots);
        max_m = std::max(max_m, e.m);
    }
    return static_cast<std::size_t>(std::max(state.score[0], state.score[1]) + 3 * ((max_slots + 1) / 2) +
                                    3 * max_m * kb::kMaxOvertimes + 1);
}
} // namespace

IntegerPmf LeadTotal(const kb::BasketballParams& params, const kb::BasketballState& state) {
    const std::size_t dim = LeadDim(params, state);
    LeadRegulation reg = LeadRegulationOf(params, state, dim);
    IntegerPmf out{0, std::vector<double>(2 * dim, 0.0)};
    if (reg.decided) {
        reg.decided->ForEach([&](int margin, int h, double mass) {
            out.p[static_cast<std::size_t>(2 * h - margin)] += mass; // home h, away h - margin
        });
    }
    ForEachOvertime(reg, [&](const std::vector<double>& entering, const std::vector<double>& j, int side) {
        // The overtime's points, all but its tie, by total: as the joint grid's marginal (dim is past every reach).
        std::vector<double> points(static_cast<std::size_t>(2 * side), 0.0);
        for (int dx = 0; dx < side; ++dx) {
            for (int dy = 0; dy < side; ++dy) {
                if (dx != dy) {
                    points[static_cast<std::size_t>(dx + dy)] += j[static_cast<std::size_t>(dx * side + dy)];
                }
            }
        }
        for (std::size_t s = 0; s < dim; ++s) {
            const double e = entering[s];
            if (e < kNegligibleCell) {
                continue;
            }
            for (std::size_t t = 0; t < points.size() && 2 * s + t < out.p.size(); ++t) {
                out.p[2 * s + t] += e * points[t];
            }
        }
    });
    TrimZeros(out);
    return out;
}

std::vector<double> OvertimeTotal(const LeadPmfs& pmfs, int m, int first) {
    const int side = 3 * m + 1;
    const std::vector<double> j = OvertimeJoint(pmfs, m, first);
    std::vector<double> stay(static_cast<std::size_t>(side)), points(static_cast<std::size_t>(2 * side), 0.0);
    for (int dx = 0; dx < side; ++dx) {
        for (int dy = 0; dy < side; ++dy) {
            const double v = j[static_cast<std::size_t>(dx * side + dy)];
            if (dx == dy) {
                stay[static_cast<std::size_t>(dx)] = v;
            } else {
                points[static_cast<std::size_t>(dx + dy)] += v;
            }
        }
    }
    // Entering overtimes tied at s-s (from 0-0), then the untied points of the last one.
    std::vector<double> tied(static_cast<std::size_t>(side * kernels::basketball::kMaxOvertimes + 1), 0.0);
    tied[0] = 1.0;
    const std::vector<double> ones(static_cast<std::size_t>(side), 1.0);
    const std::vector<double> entering = TiedEnteringOvertimes(std::move(tied), stay, ones);
    std::vector<double> out(2 * entering.size() + points.size(), 0.0);
    for (std::size_t s = 0; s < entering.size(); ++s) {
        if (entering[s] < kNegligibleCell) {
            continue;
        }
        for (std::size_t t = 0; t < points.size(); ++t) {
            out[2 * s + t] += entering[s] * points[t];
        }
    }
    while (!out.empty() && out.back() == 0.0) {
        out.pop_back();
    }
    return out;
}

} // namespace simbook::engine::detail
