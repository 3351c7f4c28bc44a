#include "engine/basketball/exact.hpp"

#include "engine/basketball/game.hpp"

#include "kernels/basketball/basketball_clock.cuh"
#include "models/basketball_model.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>
#include <numeric>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace simbook::engine {

namespace kb = kernels::basketball;

std::array<double, 4> PossessionPointsPmf(const kb::BasketballTeamParams& team, int lead_row) {
    const auto q = models::ChanceProbabilities(team, lead_row);
    using C = kb::Chance;
    auto at = [&q](C c) { return q[static_cast<std::size_t>(c)]; };
    const double keep = at(C::kTwoMissOffReb) + at(C::kThreeMissOffReb);
    const double scale = 1.0 / (1.0 - keep);
    return {(at(C::kTurnover) + at(C::kTwoMissDefReb) + at(C::kThreeMissDefReb) + at(C::kFreeThrowsNone)) * scale,
            at(C::kFreeThrowsOne) * scale, (at(C::kTwoMade) + at(C::kFreeThrowsTwo)) * scale,
            at(C::kThreeMade) * scale};
}

namespace {

//! Overtime recursions stop once the mass still tied falls below this (as the baseline per block did).
constexpr double kNegligibleTiedMass = 1e-18;
//! A score tied with less mass than this is not played on: its overtimes would move no cell, margin or total
//! probability by more than about 1e-30, and skipping the far tails (down to denormals) is most of the speed
//! of the overtime recursion.
constexpr double kNegligibleCell = 1e-30;
//! With a lead pull, the (margin, home points) grid drops the cells at the ends of each row below this.
constexpr double kLeadNegligibleCell = 1e-16;

//! powers[k] = pmf of the sum of k independent draws of `pmf` (values 0..size-1), k = 0..kmax, each built
//! from the one before (the same loop as a k-fold convolution from scratch, so the same bits).
std::vector<std::vector<double>> Powers(std::span<const double> pmf, int kmax) {
    std::vector<std::vector<double>> powers(static_cast<std::size_t>(std::max(kmax, 0)) + 1);
    powers[0] = {1.0};
    for (std::size_t k = 1; k < powers.size(); ++k) {
        const std::vector<double>& out = powers[k - 1];
        std::vector<double> next(out.size() + pmf.size() - 1, 0.0);
        for (std::size_t s = 0; s < out.size(); ++s) {
            for (std::size_t x = 0; x < pmf.size(); ++x) {
                next[s + x] += out[s] * pmf[x];
            }
        }
        powers[k] = std::move(next);
    }
    return powers;
}

//! Possessions left to each team in one pace and possession outcome, and the overtime length of that pace.
struct Block {
    double weight;
    int kh; //!< home possessions
    int ka; //!< away possessions
    int m;  //!< possessions per team in each overtime
};

//! Adds weight to the block with the same split and overtime length, or appends one.
void AddTo(std::vector<Block>& blocks, const Block& b) {
    for (Block& other : blocks) {
        if (other.kh == b.kh && other.ka == b.ka && other.m == b.m) {
            other.weight += b.weight;
            return;
        }
    }
    blocks.push_back(b);
}

//! The blocks of the game from the state: every pace, and both coin outcomes when the ball is unknown.
std::vector<Block> GameBlocks(const kb::BasketballParams& params, const kb::BasketballState& state) {
    const auto pace = models::PaceProbabilities(params);
    std::vector<Block> blocks;
    for (int k = 0; k < kb::kPaceValues; ++k) {
        const double pn = pace[static_cast<std::size_t>(k)];
        if (pn == 0.0) {
            continue;
        }
        const int n = params.pace_min + k;
        const int slots = kb::SlotsLeft(n, state);
        const int m = kb::OvertimePossessions(n);
        const int first = (slots + 1) / 2; // the team with the ball plays the extra slot of an odd count
        const int second = slots / 2;
        if (state.possession >= 0) {
            const int kh = state.possession == 0 ? first : second;
            AddTo(blocks, {pn, kh, slots - kh, m});
        } else {
            AddTo(blocks, {0.5 * pn, first, second, m});
            AddTo(blocks, {0.5 * pn, second, first, m});
        }
    }
    return blocks;
}

struct Extent {
    int kh = 0; //!< most home possessions of any block
    int ka = 0;
    int m = 0;       //!< longest overtime
    int pair = 0;    //!< most possession pairs min(kh, ka)
    int extra_h = 0; //!< most unpaired home possessions kh - ka
    int extra_a = 0;
};

Extent ExtentOf(const std::vector<Block>& blocks) {
    Extent e;
    for (const Block& b : blocks) {
        e.kh = std::max(e.kh, b.kh);
        e.ka = std::max(e.ka, b.ka);
        e.m = std::max(e.m, b.m);
        e.pair = std::max(e.pair, std::min(b.kh, b.ka));
        e.extra_h = std::max(e.extra_h, b.kh - b.ka);
        e.extra_a = std::max(e.extra_a, b.ka - b.kh);
    }
    return e;
}

//! Mass tied at each score (index = each team's score) at the end of regulation, for one overtime length.
struct TiedGroup {
    int m;
    std::vector<double> tied;
};

std::vector<double>& TiedFor(std::vector<TiedGroup>& groups, int m, std::size_t size) {
    for (TiedGroup& g : groups) {
        if (g.m == m) {
            return g.tied;
        }
    }
    groups.push_back({m, std::vector<double>(size, 0.0)});
    return groups.back().tied;
}

//! Sum over overtimes j = 0, 1, ... of the mass tied at each score as overtime j + 1 starts, from the mass
//! tied after regulation; overtimes of oh / oa points. The overtime loop runs kMaxOvertimes times at most
//! and stops once the mass still tied is negligible; what is tied then is dropped (the kernel's invalid
//! paths). Scores past the vector's end are dropped.
std::vector<double> TiedEnteringOvertimes(std::vector<double> tied, const std::vector<double>& oh,
                                          const std::vector<double>& oa) {
    const std::size_t size = tied.size();
    const std::size_t reach = std::min(oh.size(), oa.size());
    std::vector<double> stay(reach); // P(both teams score x in one overtime)
    for (std::size_t x = 0; x < reach; ++x) {
        stay[x] = oh[x] * oa[x];
    }
    std::vector<double> entering(size, 0.0);
    std::vector<double> next(size);
    for (int overtime = 0; overtime < kb::kMaxOvertimes; ++overtime) {
        std::fill(next.begin(), next.end(), 0.0);
        for (std::size_t s = 0; s < size; ++s) {
            entering[s] += tied[s];
            if (tied[s] < kNegligibleCell) {
                continue;
            }
            const double t = tied[s];
            double* out = next.data() + s;
            const std::size_t n = std::min(reach, size - s);
            for (std::size_t x = 0; x < n; ++x) {
                out[x] += t * stay[x];
            }
        }
        tied.swap(next);
        if (std::accumulate(tied.begin(), tied.end(), 0.0) < kNegligibleTiedMass) {
            break;
        }
    }
    return entering;
}

//! pmf of the difference (home - away, index + 3) or the sum (index) of one home and one away possession.
std::array<double, 7> PairPmf(const std::array<std::array<double, 4>, 2>& pmf, bool difference) {
    std::array<double, 7> out{};
    for (std::size_t x = 0; x < 4; ++x) {
        for (std::size_t y = 0; y < 4; ++y) {
            out[difference ? x + 3 - y : x + y] += pmf[0][x] * pmf[1][y];
        }
    }
    return out;
}

void TrimZeros(IntegerPmf& pmf) {
    while (!pmf.p.empty() && pmf.p.back() == 0.0) {
        pmf.p.pop_back();
    }
    std::size_t lead = 0;
    while (lead < pmf.p.size() && pmf.p[lead] == 0.0) {
        ++lead;
    }
    pmf.p.erase(pmf.p.begin(), pmf.p.begin() + static_cast<std::ptrdiff_t>(lead));
    pmf.offset += static_cast<int>(lead);
}

std::array<std::array<double, 4>, 2> TeamPmfs(const kb::BasketballParams& params) {
    return {PossessionPointsPmf(params.team[0]), PossessionPointsPmf(params.team[1])};
}

// ---- With a lead pull: possessions depend on the score, so the DPs step slot by slot. ----

//! Possession points pmf of each team (home, away) at each lead row of its offence.
using LeadPmfs = std::array<std::array<std::array<double, 4>, kb::kLeadRows>, 2>;

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

//! The pmf of offence `team` when the home margin is `margin`.
const std::array<double, 4>& PmfAt(const LeadPmfs& pmfs, int team, int margin) {
    return pmfs[static_cast<std::size_t>(team)][static_cast<std::size_t>(kb::LeadRow(team == 0 ? margin : -margin))];
}

//! Who has the ball at slot 0 and with what weight: the state's team, or both after a fair coin.
std::vector<std::pair<int, double>> Starts(const kb::BasketballState& state) {
    if (state.possession >= 0) {
        return {{state.possession, 1.0}};
    }
    return {{0, 0.5}, {1, 0.5}};
}

//! A margin pmf on [-radius, radius] (index margin + radius).
struct MarginGrid {
    int radius;
    std::vector<double> p;
    explicit MarginGrid(int r) : radius(r), p(static_cast<std::size_t>(2 * r + 1), 0.0) {}
    double& operator[](int margin) { return p[static_cast<std::size_t>(margin + radius)]; }
    double operator[](int margin) const { return p[static_cast<std::size_t>(margin + radius)]; }
};

//! One slot of offence `team` on a margin pmf (home margin: home points add, away points subtract).
void StepMargin(const LeadPmfs& pmfs, int team, MarginGrid& g, std::vector<double>& scratch) {
    scratch.assign(g.p.size(), 0.0);
    const int sign = team == 0 ? 1 : -1;
    for (int m = -g.radius; m <= g.radius; ++m) {
        const double v = g[m];
        if (v < kNegligibleCell) {
            continue;
        }
        const std::array<double, 4>& pmf = PmfAt(pmfs, team, m);
        for (int x = 0; x < 4; ++x) {
            const int to = m + sign * x;
            if (to >= -g.radius && to <= g.radius) {
                scratch[static_cast<std::size_t>(to + g.radius)] += v * pmf[static_cast<std::size_t>(x)];
            }
        }
    }
    g.p.swap(scratch);
}

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

//! Slots of regulation left for each pace value with positive probability: (slots, pace probability, m).
struct PaceEnd {
    int slots;
    double weight;
    int m;
};

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
                for (int m = -radius; m <= radius; ++m) {
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
std::size_t LeadDim(const kb::BasketballParams& params, const kb::BasketballState& state) {
    int max_slots = 0, max_m = 0;
    for (const PaceEnd& e : PaceEnds(params, state)) {
        max_slots = std::max(max_slots, e.slots);
        max_m = std::max(max_m, e.m);
    }
    return static_cast<std::size_t>(std::max(state.score[0], state.score[1]) + 3 * ((max_slots + 1) / 2) +
                                    3 * max_m * kb::kMaxOvertimes + 1);
}

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

//! The period's slots for one pace: [begin, begin + count) counted from the state.
struct PeriodSlots {
    double weight;
    int begin;
    int count;
};

//! Points in a period with a lead pull: per pace, the margin stepped to the period's first slot, then (margin,
//! home points, away points) through its slots.
void LeadPeriod(const kb::BasketballParams& params, const kb::BasketballState& state,
                const std::vector<PeriodSlots>& paces, int start, double start_weight, ScoreDistribution& d) {
    const LeadPmfs pmfs = MakeLeadPmfs(params);
    const int lead = state.score[0] - state.score[1];
    int max_begin = 0;
    for (const PeriodSlots& p : paces) {
        max_begin = std::max(max_begin, p.begin);
    }
    const int radius = std::abs(lead) + 3 * max_begin + 3;
    // Margin at each slot up to the last begin (one pass shared by every pace).
    std::vector<MarginGrid> before;
    MarginGrid g(radius);
    g[lead] = 1.0;
    std::vector<double> scratch;
    for (int k = 0; k <= max_begin; ++k) {
        before.push_back(g);
        if (k < max_begin) {
            StepMargin(pmfs, start ^ (k & 1), g, scratch);
        }
    }
    const int side = static_cast<int>(d.dim());
    const int span = 2 * radius + 1;
    int max_points = 1;
    for (const PeriodSlots& p : paces) {
        max_points = std::max(max_points, 3 * ((p.count + 1) / 2) + 1);
    }
    // (margin at the period's start + radius, home points, away points), laid out for the longest period and
    // shared by every pace. Only the cells a step can reach are cleared and visited: the margins the period can
    // start from (the rest are below kNegligibleCell and would be skipped) and the points reached so far.
    const std::size_t points = static_cast<std::size_t>(max_points);
    auto at = [points](int l, int x, int y) {
        return (static_cast<std::size_t>(l) * points + static_cast<std::size_t>(x)) * points +
               static_cast<std::size_t>(y);
    };
    std::vector<double> cube(static_cast<std::size_t>(span) * points * points);
    std::vector<double> next(cube.size());
    auto clear = [&at](std::vector<double>& c, int l_lo, int l_hi, int hx, int ay) {
        for (int l = l_lo; l <= l_hi; ++l) {
            for (int x = 0; x <= hx; ++x) {
                std::fill_n(c.begin() + static_cast<std::ptrdiff_t>(at(l, x, 0)), ay + 1, 0.0);
            }
        }
    };
    for (const PeriodSlots& p : paces) {
        if (p.count <= 0) {
            d.At(0, 0) += start_weight * p.weight;
            continue;
        }
        const MarginGrid& m0 = before[static_cast<std::size_t>(p.begin)];
        int l_lo = span;
        int l_hi = -1;
        for (int l = 0; l < span; ++l) {
            if (m0.p[static_cast<std::size_t>(l)] >= kNegligibleCell) {
                l_lo = std::min(l_lo, l);
                l_hi = l;
            }
        }
        const int top = 3 * ((p.count + 1) / 2); // the most points a team can reach in the period
        for (int l = l_lo; l <= l_hi; ++l) {
            cube[at(l, 0, 0)] = m0.p[static_cast<std::size_t>(l)];
        }
        int hx = 0, ay = 0; // points reached so far
        for (int k = 0; k < p.count; ++k) {
            const int team = start ^ ((p.begin + k) & 1);
            const int nhx = team == 0 ? std::min(hx + 3, top) : hx;
            const int nay = team == 1 ? std::min(ay + 3, top) : ay;
            clear(next, l_lo, l_hi, nhx, nay);
            for (int l = l_lo; l <= l_hi; ++l) {
                for (int x = 0; x <= hx; ++x) {
                    for (int y = 0; y <= ay; ++y) {
                        const double v = cube[at(l, x, y)];
                        if (v < kNegligibleCell) {
                            continue;
                        }
                        const std::array<double, 4>& pmf = PmfAt(pmfs, team, l - radius + x - y);
                        for (int z = 0; z < 4; ++z) {
                            next[at(l, x + (team == 0 ? z : 0), y + (team == 1 ? z : 0))] +=
                                v * pmf[static_cast<std::size_t>(z)];
                        }
                    }
                }
            }
            cube.swap(next);
            hx = nhx;
            ay = nay;
        }
        for (int l = l_lo; l <= l_hi; ++l) {
            for (int x = 0; x <= hx && x < side; ++x) {
                for (int y = 0; y <= ay && y < side; ++y) {
                    d.At(static_cast<std::size_t>(x), static_cast<std::size_t>(y)) +=
                        start_weight * p.weight * cube[at(l, x, y)];
                }
            }
        }
    }
}
} // namespace

ScoreDistribution ExactBasketball(const kb::BasketballParams& params, const kb::BasketballState& state,
                                  std::size_t dim) {
    if (!models::LeadIndependent(params)) {
        ScoreDistribution d = LeadJoint(params, state, dim);
        for (std::size_t s = 0; s < dim; ++s) {
            d.At(s, s) = 0.0;
        }
        return d;
    }
    const auto pmf = TeamPmfs(params);
    const std::vector<Block> blocks = GameBlocks(params, state);
    const Extent e = ExtentOf(blocks);
    const auto ph = Powers(pmf[0], std::max(e.kh, e.m));
    const auto pa = Powers(pmf[1], std::max(e.ka, e.m));
    ScoreDistribution d(dim);
    std::vector<TiedGroup> groups;
    const std::size_t h0 = static_cast<std::size_t>(state.score[0]);
    const std::size_t a0 = static_cast<std::size_t>(state.score[1]);
    for (const Block& b : blocks) {
        std::vector<double>& tied = TiedFor(groups, b.m, dim);
        const std::vector<double>& x = ph[static_cast<std::size_t>(b.kh)];
        const std::vector<double>& y = pa[static_cast<std::size_t>(b.ka)];
        const std::size_t ny = a0 < dim ? std::min(y.size(), dim - a0) : 0;
        for (std::size_t i = 0; i < x.size() && h0 + i < dim && ny > 0; ++i) {
            const std::size_t h = h0 + i;
            const double wx = b.weight * x[i];
            double* row = &d.At(h, a0);
            for (std::size_t j = 0; j < ny; ++j) {
                row[j] += wx * y[j];
            }
            if (h >= a0 && h - a0 < ny) {
                tied[h] += wx * y[h - a0];
            }
        }
    }
    for (TiedGroup& g : groups) {
        if (g.m == 0) {
            continue; // no overtime possessions: the tied mass is the kernel's invalid paths
        }
        const std::vector<double>& oh = ph[static_cast<std::size_t>(g.m)];
        const std::vector<double>& oa = pa[static_cast<std::size_t>(g.m)];
        const std::vector<double> entering = TiedEnteringOvertimes(std::move(g.tied), oh, oa);
        for (std::size_t s = 0; s < dim; ++s) {
            if (entering[s] < kNegligibleCell) {
                continue;
            }
            const std::size_t ny = std::min(oa.size(), dim - s);
            for (std::size_t x = 0; x < oh.size() && s + x < dim; ++x) {
                const double wx = entering[s] * oh[x];
                double* row = &d.At(s + x, s);
                for (std::size_t y = 0; y < ny; ++y) {
                    row[y] += wx * oa[y];
                }
            }
        }
    }
    // Every path tied after regulation or an overtime played on (the groups hold that mass): no final score is
    // a draw, and the diagonal's sums are dropped.
    for (std::size_t s = 0; s < dim; ++s) {
        d.At(s, s) = 0.0;
    }
    return d;
}

IntegerPmf ExactBasketballMargin(const kb::BasketballParams& params, const kb::BasketballState& state) {
    if (!models::LeadIndependent(params)) {
        return LeadMargin(params, state);
    }
    const auto pmf = TeamPmfs(params);
    const std::vector<Block> blocks = GameBlocks(params, state);
    const Extent e = ExtentOf(blocks);
    const std::array<double, 7> pair = PairPmf(pmf, true);
    const auto pairs = Powers(pair, std::max(e.pair, e.m)); // pairs[c][i]: P(difference = i - 3c)
    const auto ph = Powers(pmf[0], e.extra_h);
    const auto pa = Powers(pmf[1], e.extra_a);
    const int lead = state.score[0] - state.score[1];
    IntegerPmf out;
    out.offset = std::min(lead - 3 * e.ka, -3 * e.m);
    out.p.assign(static_cast<std::size_t>(std::max(lead + 3 * e.kh, 3 * e.m) - out.offset + 1), 0.0);
    std::vector<std::pair<int, double>> tied; // (m, mass tied after regulation)
    auto add = [&out](int margin, double mass) { out.p[static_cast<std::size_t>(margin - out.offset)] += mass; };
    for (const Block& b : blocks) {
        const int c = std::min(b.kh, b.ka);
        const std::vector<double>& d = pairs[static_cast<std::size_t>(c)];
        // The unpaired possessions of one team: home points count up, away points down.
        const bool home_extra = b.kh >= b.ka;
        const std::vector<double>& extra =
            home_extra ? ph[static_cast<std::size_t>(b.kh - c)] : pa[static_cast<std::size_t>(b.ka - c)];
        double tie = 0.0;
        for (std::size_t i = 0; i < d.size(); ++i) {
            const double wd = b.weight * d[i];
            for (std::size_t j = 0; j < extra.size(); ++j) {
                const int jj = static_cast<int>(j);
                const int margin = lead + static_cast<int>(i) - 3 * c + (home_extra ? jj : -jj);
                if (margin == 0) {
                    tie += wd * extra[j];
                } else {
                    add(margin, wd * extra[j]);
                }
            }
        }
        auto it = std::find_if(tied.begin(), tied.end(), [&b](const auto& t) { return t.first == b.m; });
        if (it == tied.end()) {
            tied.emplace_back(b.m, tie);
        } else {
            it->second += tie;
        }
    }
    for (const auto& [m, mass] : tied) {
        if (m == 0) {
            continue;
        }
        const std::vector<double>& d = pairs[static_cast<std::size_t>(m)];
        double t = mass;
        for (int overtime = 0; overtime < kb::kMaxOvertimes; ++overtime) {
            for (std::size_t i = 0; i < d.size(); ++i) {
                if (static_cast<int>(i) != 3 * m) {
                    add(static_cast<int>(i) - 3 * m, t * d[i]);
                }
            }
            t *= d[static_cast<std::size_t>(3 * m)];
            if (t < kNegligibleTiedMass) {
                break;
            }
        }
    }
    TrimZeros(out);
    return out;
}

IntegerPmf ExactBasketballTotal(const kb::BasketballParams& params, const kb::BasketballState& state) {
    if (!models::LeadIndependent(params)) {
        return LeadTotal(params, state);
    }
    const auto pmf = TeamPmfs(params);
    const std::vector<Block> blocks = GameBlocks(params, state);
    const Extent e = ExtentOf(blocks);
    const std::array<double, 7> pair = PairPmf(pmf, false);
    const auto pairs = Powers(pair, e.pair); // pairs[c][i]: P(c pairs of possessions score i)
    const auto ph = Powers(pmf[0], std::max(e.kh, e.m));
    const auto pa = Powers(pmf[1], std::max(e.ka, e.m));
    const int h0 = state.score[0];
    const int a0 = state.score[1];
    // Scores a tied game can reach: the end of regulation, then kMaxOvertimes overtimes at most.
    const std::size_t tied_size =
        static_cast<std::size_t>(std::max(h0 + 3 * e.kh, a0 + 3 * e.ka) + 3 * e.m * kb::kMaxOvertimes + 1);
    IntegerPmf out;
    out.offset = h0 + a0;
    out.p.assign(2 * tied_size + static_cast<std::size_t>(6 * e.m) - static_cast<std::size_t>(out.offset), 0.0);
    std::vector<TiedGroup> groups;
    for (const Block& b : blocks) {
        const int c = std::min(b.kh, b.ka);
        const std::vector<double>& t = pairs[static_cast<std::size_t>(c)];
        const std::vector<double>& extra =
            b.kh >= b.ka ? ph[static_cast<std::size_t>(b.kh - c)] : pa[static_cast<std::size_t>(b.ka - c)];
        for (std::size_t i = 0; i < t.size(); ++i) {
            const double wt = b.weight * t[i];
            for (std::size_t j = 0; j < extra.size(); ++j) {
                out.p[i + j] += wt * extra[j];
            }
        }
        // The tied part of the block leaves the regulation total and plays on.
        std::vector<double>& tied = TiedFor(groups, b.m, tied_size);
        const std::vector<double>& x = ph[static_cast<std::size_t>(b.kh)];
        const std::vector<double>& y = pa[static_cast<std::size_t>(b.ka)];
        const int s_end = std::min(h0 + static_cast<int>(x.size()), a0 + static_cast<int>(y.size()));
        for (int s = std::max(h0, a0); s < s_end; ++s) {
            const double mass = b.weight * x[static_cast<std::size_t>(s - h0)] * y[static_cast<std::size_t>(s - a0)];
            tied[static_cast<std::size_t>(s)] += mass;
            out.p[static_cast<std::size_t>(2 * s - out.offset)] -= mass;
        }
    }
    for (TiedGroup& g : groups) {
        if (g.m == 0) {
            continue;
        }
        const std::vector<double>& oh = ph[static_cast<std::size_t>(g.m)];
        const std::vector<double>& oa = pa[static_cast<std::size_t>(g.m)];
        std::vector<double> untie(oh.size() + oa.size() - 1, 0.0); // P(overtime ends untied with z points)
        for (std::size_t x = 0; x < oh.size(); ++x) {
            for (std::size_t y = 0; y < oa.size(); ++y) {
                if (x != y) {
                    untie[x + y] += oh[x] * oa[y];
                }
            }
        }
        const std::vector<double> entering = TiedEnteringOvertimes(std::move(g.tied), oh, oa);
        for (std::size_t s = 0; s < entering.size(); ++s) {
            if (entering[s] < kNegligibleCell) {
                continue;
            }
            for (std::size_t z = 0; z < untie.size(); ++z) {
                out.p[2 * s + z - static_cast<std::size_t>(out.offset)] += entering[s] * untie[z];
            }
        }
    }
    for (double& p : out.p) { // the subtracted tied mass can leave a rounding residue below zero
        p = std::max(p, 0.0);
    }
    TrimZeros(out);
    return out;
}

ScoreDistribution ExactBasketballPeriod(const kb::BasketballParams& params, const kb::BasketballState& state,
                                        BasketballPeriod period) {
    const int first_quarter = period == BasketballPeriod::kFirstHalf ? 0 : static_cast<int>(period);
    const int last_quarter = period == BasketballPeriod::kFirstHalf ? 1 : static_cast<int>(period);
    const auto pace = models::PaceProbabilities(params);
    std::vector<Block> blocks;
    std::vector<PeriodSlots> slots_by_pace;
    for (int k = 0; k < kb::kPaceValues; ++k) {
        const double pn = pace[static_cast<std::size_t>(k)];
        if (pn == 0.0) {
            continue;
        }
        // Overtime states have no quarter slots left; the kernel books their points to the overtime period.
        const int slots = state.period <= 4 ? kb::SlotsLeft(params.pace_min + k, state) : 0;
        kb::QuarterClock clock(state, slots);
        int begin = slots; // the period's slots are consecutive: quarters never decrease along the slots
        int end = slots;
        for (int slot = 0; slot < slots; ++slot) {
            const int quarter = clock.Quarter();
            clock.Advance();
            if (quarter >= first_quarter && begin == slots) {
                begin = slot;
            }
            if (quarter > last_quarter) {
                end = slot;
                break;
            }
        }
        const int count = std::max(end - begin, 0);
        slots_by_pace.push_back({pn, begin, count});
        // Slot k goes to the team with the ball at the state when k is even: home plays the slots of the
        // period with its parity.
        auto home_slots = [&](int with_ball) {
            const bool home_first = (with_ball + begin) % 2 == 0;
            return count / 2 + (count % 2 == 1 && home_first ? 1 : 0);
        };
        if (state.possession >= 0) {
            const int kh = home_slots(state.possession);
            AddTo(blocks, {pn, kh, count - kh, 0});
        } else {
            AddTo(blocks, {0.5 * pn, home_slots(0), count - home_slots(0), 0});
            AddTo(blocks, {0.5 * pn, home_slots(1), count - home_slots(1), 0});
        }
    }
    const Extent e = ExtentOf(blocks);
    if (!models::LeadIndependent(params)) {
        int most = 0;
        for (const PeriodSlots& p : slots_by_pace) {
            most = std::max(most, p.count);
        }
        ScoreDistribution d(static_cast<std::size_t>(3 * ((most + 1) / 2) + 1));
        for (const auto& [start, start_weight] : Starts(state)) {
            LeadPeriod(params, state, slots_by_pace, start, start_weight, d);
        }
        return d;
    }
    const auto pmf = TeamPmfs(params);
    const auto ph = Powers(pmf[0], e.kh);
    const auto pa = Powers(pmf[1], e.ka);
    ScoreDistribution d(static_cast<std::size_t>(3 * std::max(e.kh, e.ka) + 1));
    for (const Block& b : blocks) {
        const std::vector<double>& x = ph[static_cast<std::size_t>(b.kh)];
        const std::vector<double>& y = pa[static_cast<std::size_t>(b.ka)];
        for (std::size_t i = 0; i < x.size(); ++i) {
            const double wx = b.weight * x[i];
            for (std::size_t j = 0; j < y.size(); ++j) {
                d.At(i, j) += wx * y[j];
            }
        }
    }
    return d;
}

ScoreDistribution ExactFinalScore(const BasketballGame& game) {
    return ExactBasketball(game.params, game.state);
}

ExactLines ExactMainLines(const BasketballGame& game) {
    return {ExactBasketballMargin(game.params, game.state), ExactBasketballTotal(game.params, game.state)};
}

} // namespace simbook::engine
