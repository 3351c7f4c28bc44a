#include "engine/basketball/exact.hpp"

#include "engine/basketball/exact_internal.hpp"
#include "engine/basketball/lead_table.hpp"

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

namespace detail {

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

} // namespace detail

using namespace detail;

namespace {

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

std::array<std::array<double, 4>, 2> TeamPmfs(const kb::BasketballParams& params) {
    return {PossessionPointsPmf(params.team[0]), PossessionPointsPmf(params.team[1])};
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
    IntegerPmf margin = ExactBasketballMargin(game.params, game.state);
    // With a lead pull the total steps the joint score slot by slot: the model's backward table answers in
    // microseconds where it covers the state and is built (LeadTableCache builds it in the background, once the
    // game is under way: a pre-game price is asked for once and does not need it).
    if (const auto table = AtStart(game) ? nullptr : LeadTableCache::Instance().Find(game.params)) {
        if (std::optional<IntegerPmf> total = table->Total(game.state)) {
            return {std::move(margin), std::move(*total)};
        }
    }
    return {std::move(margin), ExactBasketballTotal(game.params, game.state)};
}

} // namespace simbook::engine
