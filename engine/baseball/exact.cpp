#include "engine/baseball/exact.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <utility>

namespace simbook::engine {
// Named, so that the engine's unity batches do not mix these names with other files' file-local ones.
namespace baseball_detail {
namespace {

using models::PaRates;

constexpr int kMaxSteps = 400;            // plate appearances in one half-inning before the rest is dropped
constexpr double kNegligible = 1e-17;     // live mass of a half-inning chain that ends it
constexpr int kMaxInnings = 49;           // the latest inning a state may be in
constexpr double kNegligibleRuns = 1e-18; // half-inning run probabilities below this are dropped in the grid
constexpr double kNegligibleCell = 1e-22; // grid cells below this are not played on (their mass is dropped)
constexpr int kExtraInning = 10;          // any inning past the 9th: they share the extra-inning rates
constexpr int kAutomaticRunner = 2;       // bases with a runner on 2nd

//! Half-inning chains of one game, built on first use: key (the half-inning's rates, outs, bases), so innings,
//! day factors and pitchers whose rates agree share a chain.
class HalfCache {
public:
    HalfCache(const models::BaseRunning& running, std::size_t dim) : running_(running), dim_(dim) {}

    const HalfInningRuns& Get(const PaRates& rates, int outs, int bases) {
        const Key key{rates, outs, bases};
        auto it = halves_.find(key);
        if (it == halves_.end()) {
            it = halves_.emplace(key, ExactHalfInning(rates, running_, outs, bases)).first;
        }
        return it->second;
    }

    //! The home team's stop-when-ahead halves with these rates for every deficit 0..dim-1.
    const std::vector<WalkoffHalf>& Walkoffs(const PaRates& rates, int outs, int bases) {
        const Key key{rates, outs, bases};
        auto it = walkoffs_.find(key);
        if (it == walkoffs_.end()) {
            const HalfInningRuns& half = Get(rates, outs, bases);
            std::vector<WalkoffHalf> all;
            for (std::size_t d = 0; d < dim_; ++d) {
                all.push_back(StopWhenAhead(half, static_cast<int>(d)));
            }
            it = walkoffs_.emplace(key, std::move(all)).first;
        }
        return it->second;
    }

private:
    using Key = std::tuple<PaRates, int, int>;
    models::BaseRunning running_;
    std::size_t dim_;
    std::map<Key, HalfInningRuns> halves_;
    std::map<Key, std::vector<WalkoffHalf>> walkoffs_;
};

//! A (home, away) grid of probabilities; cells past the grid are dropped.
struct Cells {
    std::size_t dim;
    std::vector<double> p;

    explicit Cells(std::size_t n) : dim(n), p(n * n, 0.0) {}
    double At(int h, int a) const { return p[static_cast<std::size_t>(h) * dim + static_cast<std::size_t>(a)]; }
    void Add(int h, int a, double x) {
        if (h < static_cast<int>(dim) && a < static_cast<int>(dim)) {
            p[static_cast<std::size_t>(h) * dim + static_cast<std::size_t>(a)] += x;
        }
    }
    double Sum() const {
        double sum = 0.0;
        for (double x : p) {
            sum += x;
        }
        return sum;
    }
};

//! The pmf without its negligible top: runs past the last entry above kNegligibleRuns are dropped (counted as
//! truncated), so the grid steps do not spread mass of 1e-30 over every cell.
std::vector<double> Trimmed(const std::vector<double>& ends) {
    std::size_t size = ends.size();
    while (size > 1 && ends[size - 1] < kNegligibleRuns) {
        --size;
    }
    return {ends.begin(), ends.begin() + static_cast<std::ptrdiff_t>(size)};
}

//! Adds r runs (pmf `ends`) to the batting side of every cell: whole rows at a time (contiguous multiply-adds).
Cells Convolve(const Cells& live, const std::vector<double>& pmf, bool home_bats) {
    const std::vector<double> ends = Trimmed(pmf);
    const std::size_t n = live.dim;
    Cells next(n);
    for (std::size_t h = 0; h < n; ++h) {
        const double* row = &live.p[h * n];
        std::size_t lo = 0, hi = n;
        while (lo < hi && row[lo] < kNegligibleCell) {
            ++lo;
        }
        while (hi > lo && row[hi - 1] < kNegligibleCell) {
            --hi;
        }
        if (home_bats) {
            for (std::size_t r = 0; r < ends.size() && h + r < n; ++r) {
                double* out = &next.p[(h + r) * n];
                for (std::size_t a = lo; a < hi; ++a) {
                    out[a] += ends[r] * row[a];
                }
            }
            continue;
        }
        double* out = &next.p[h * n];
        for (std::size_t a = lo; a < hi; ++a) {
            const std::size_t top = std::min(ends.size(), n - a);
            for (std::size_t r = 0; row[a] >= kNegligibleCell && r < top; ++r) {
                out[a + r] += row[a] * ends[r];
            }
        }
    }
    return next;
}

//! After the top of the 9th or later: a home team ahead has won without batting.
void SettleHomeAhead(Cells& live, Cells& final) {
    const int n = static_cast<int>(live.dim);
    for (int h = 0; h < n; ++h) {
        for (int a = 0; a < h; ++a) {
            final.Add(h, a, live.At(h, a));
            live.p[static_cast<std::size_t>(h) * live.dim + static_cast<std::size_t>(a)] = 0.0;
        }
    }
}

//! One stop-when-ahead bottom half from (h, a), h <= a, with mass m: losses and walk-offs go to `final`, a tie
//! to `tied[a]`. Returns the walk-off mass.
double PlayWalkoff(const WalkoffHalf& w, int h, int a, double m, Cells& final, std::vector<double>& tied) {
    for (int r = 0; r + 1 < static_cast<int>(w.ends.size()); ++r) {
        final.Add(h + r, a, m * w.ends[static_cast<std::size_t>(r)]);
    }
    if (a < static_cast<int>(tied.size())) {
        tied[static_cast<std::size_t>(a)] += m * w.ends.back();
    }
    double walkoff = 0.0;
    for (int lead = 1; lead <= 4; ++lead) {
        const double p = m * w.walkoff[static_cast<std::size_t>(lead - 1)];
        final.Add(a + lead, a, p);
        walkoff += p;
    }
    return walkoff;
}

//! A bottom half of the 9th or later: every live cell plays a stop-when-ahead chain for its deficit; the
//! game goes on only from ties.
double WalkoffBottom(Cells& live, Cells& final, const std::vector<WalkoffHalf>& walkoffs) {
    const int n = static_cast<int>(live.dim);
    std::vector<double> tied(live.dim, 0.0);
    double walkoff = 0.0;
    for (int h = 0; h < n; ++h) {
        for (int a = h; a < n; ++a) {
            const double m = live.At(h, a);
            if (m >= kNegligibleCell) {
                walkoff += PlayWalkoff(walkoffs[static_cast<std::size_t>(a - h)], h, a, m, final, tied);
            }
        }
    }
    live = Cells(live.dim);
    for (int t = 0; t < n; ++t) {
        live.Add(t, t, tied[static_cast<std::size_t>(t)]);
    }
    return walkoff;
}

ScoreDistribution ToGrid(const std::vector<double>& cells, std::size_t dim) {
    ScoreDistribution grid(dim);
    for (std::size_t h = 0; h < dim; ++h) {
        for (std::size_t a = 0; a < dim; ++a) {
            grid.At(h, a) = cells[h * dim + a];
        }
    }
    return grid;
}

void AddInto(std::optional<ScoreDistribution>& into, const Cells& cells, double w) {
    if (!into) {
        into.emplace(cells.dim);
    }
    for (std::size_t h = 0; h < cells.dim; ++h) {
        for (std::size_t a = 0; a < cells.dim; ++a) {
            into->At(h, a) += w * cells.p[h * cells.dim + a];
        }
    }
}

//! Innings the two starters pitch in full.
struct Lengths {
    int home = 0; //!< the home starter pitches the top halves 1..home
    int away = 0; //!< the visitors' starter pitches the bottom halves 1..away
};

//! A team's score pmf plus r runs (pmf `ends`); scores past the vector are dropped.
std::vector<double> Convolve1D(const std::vector<double>& score, const std::vector<double>& pmf) {
    const std::vector<double> ends = Trimmed(pmf);
    std::vector<double> next(score.size(), 0.0);
    for (std::size_t x = 0; x < score.size(); ++x) {
        for (std::size_t r = 0; score[x] >= kNegligibleCell && r < ends.size() && x + r < score.size(); ++r) {
            next[x + r] += score[x] * ends[r];
        }
    }
    return next;
}

//! The grid of two independent scores.
Cells Outer(const std::vector<double>& home, const std::vector<double>& away) {
    Cells grid(home.size());
    for (std::size_t h = 0; h < home.size(); ++h) {
        for (std::size_t a = 0; home[h] != 0.0 && a < away.size(); ++a) {
            grid.p[h * grid.dim + a] = home[h] * away[a];
        }
    }
    return grid;
}

//! Inning runs of innings 1..8 that start at or after the state: keeps the top half's pmf, and after the bottom
//! half adds w x (top * bottom) to the inning's pmf.
void AddInningRuns(const BaseballState& s, int inning, bool bottom, const std::vector<double>& ends, double w,
                   std::vector<double>& top_runs, BaseballExact& out) {
    const bool whole = inning > s.inning || (!s.bottom && s.outs == 0 && s.bases == 0);
    if (!whole || inning > 8) {
        return;
    }
    if (!bottom) {
        top_runs = ends;
        return;
    }
    std::vector<double>& pmf = out.inning_runs[static_cast<std::size_t>(inning - 1)];
    pmf.resize(top_runs.size() + ends.size() - 1, 0.0);
    for (std::size_t a = 0; a < top_runs.size(); ++a) {
        for (std::size_t h = 0; h < ends.size(); ++h) {
            pmf[a + h] += w * top_runs[a] * ends[h];
        }
    }
}

//! Plays the game from the state with fixed starter lengths until it is over or tied at the start of an extra
//! inning that both bullpens pitch; adds its finished cells, its tied mass by score and its inning outputs,
//! weighted by w. Before the 9th no rule ties the two scores, so they are stepped apart as two pmfs and joined
//! into the grid at the 9th.
void PlayToBullpenExtras(const models::BaseballModel& model, const models::MatchupRates& rates, const BaseballState& s,
                         Lengths len, HalfCache& cache, double w, Cells& final, std::vector<double>& tied,
                         BaseballExact& out) {
    const std::size_t dim = final.dim;
    std::vector<double> home(dim, 0.0), away(dim, 0.0);
    home[static_cast<std::size_t>(s.home_runs)] = 1.0;
    away[static_cast<std::size_t>(s.away_runs)] = 1.0;
    Cells live(dim), done(dim);
    std::vector<double> top_runs;
    bool joined = false;
    int inning = s.inning;
    bool bottom = s.bottom;
    double walkoff = 0.0;
    for (bool first = true; first || bottom || inning <= std::max({9, len.home, len.away}); first = false) {
        const int outs = first ? s.outs : 0;
        const int bases = first ? s.bases : (inning > 9 && model.automatic_runner ? kAutomaticRunner : 0);
        const int pitcher = inning <= (bottom ? len.away : len.home) ? 0 : 1;
        const HalfInningRuns& half = cache.Get(rates.For(inning, bottom ? 0 : 1, pitcher), outs, bases);
        if (!joined && inning >= 9) {
            live = Outer(home, away);
            joined = true;
        }
        if (!joined) {
            (bottom ? home : away) = Convolve1D(bottom ? home : away, half.ends);
            AddInningRuns(s, inning, bottom, half.ends, w, top_runs, out);
        } else if (!bottom) {
            live = Convolve(live, half.ends, false);
            SettleHomeAhead(live, done);
        } else {
            walkoff += WalkoffBottom(live, done, cache.Walkoffs(rates.For(inning, 0, pitcher), outs, bases));
        }
        if (bottom && inning == 1 && s.inning == 1) {
            AddInto(out.first_inning, Outer(home, away), w);
        }
        if (bottom && inning == 5 && s.inning <= 5) {
            AddInto(out.first_five, Outer(home, away), w);
        }
        if (bottom && inning == 9) {
            out.extra_innings += w * live.Sum();
        }
        inning += bottom ? 1 : 0;
        bottom = !bottom;
    }
    for (std::size_t i = 0; i < final.p.size(); ++i) {
        final.p[i] += w * done.p[i];
    }
    for (std::size_t t = 0; t < tied.size(); ++t) {
        tied[t] += w * live.At(static_cast<int>(t), static_cast<int>(t));
    }
    out.walkoff += w * walkoff;
}

//! Extra innings from tied scores, both bullpens pitching. Every such inning is alike: from a tie at t it ends the
//! game at (t + dh, t + da) with probability q(dh, da) or ties again at t + r with probability c(r). So the ties
//! of all extra innings together are the starting ties convolved with the renewal series G = sum_k c^(*k), which
//! solves G = delta + c * G term by term, and the game ends at (s + dh, s + da) with mass (ties * G)(s) q(dh, da).
void BullpenExtras(const models::BaseballModel& model, const models::MatchupRates& rates, HalfCache& cache,
                   const std::vector<double>& tied, Cells& final, BaseballExact& out) {
    const int bases = model.automatic_runner ? kAutomaticRunner : 0;
    const std::vector<double> top = Trimmed(cache.Get(rates.For(kExtraInning, 1, 1), 0, bases).ends);
    const std::vector<WalkoffHalf>& walkoffs = cache.Walkoffs(rates.For(kExtraInning, 0, 1), 0, bases);
    const std::size_t n = tied.size();
    Cells q(n);
    std::vector<double> c(n, 0.0);
    double walkoff_mass = 0.0;
    for (std::size_t r = 0; r < top.size() && r < n; ++r) {
        walkoff_mass += PlayWalkoff(walkoffs[r], 0, static_cast<int>(r), top[r], q, c);
    }
    std::vector<double> renewal(n, 0.0);
    for (std::size_t k = 0; k < n; ++k) {
        double x = k == 0 ? 1.0 : 0.0;
        for (std::size_t r = 1; r <= k; ++r) {
            x += c[r] * renewal[k - r];
        }
        renewal[k] = x / (1.0 - c[0]);
    }
    std::vector<double> starts(n, 0.0);
    for (std::size_t t = 0; t < n; ++t) {
        for (std::size_t k = 0; tied[t] >= kNegligibleCell && t + k < n; ++k) {
            starts[t + k] += tied[t] * renewal[k];
        }
    }
    for (std::size_t t = 0; t < n; ++t) {
        for (std::size_t dh = 0; starts[t] >= kNegligibleCell && t + dh < n; ++dh) {
            for (std::size_t da = 0; da < n - t; ++da) {
                const double p = q.p[dh * n + da];
                if (p != 0.0) {
                    final.Add(static_cast<int>(t + dh), static_cast<int>(t + da), starts[t] * p);
                }
            }
        }
        out.walkoff += starts[t] * walkoff_mass;
    }
}

//! The home batters' rates of `home`, the visitors' of `away`.
models::MatchupRates Combine(const models::MatchupRates& home, const models::MatchupRates& away) {
    models::MatchupRates rates = home;
    for (std::size_t inning = 0; inning < rates.rates.size(); ++inning) {
        rates.rates[inning][1] = away.rates[inning][1];
    }
    return rates;
}

} // namespace
} // namespace baseball_detail

double HalfInningRuns::Mean() const {
    double mean = 0.0;
    for (std::size_t r = 0; r < ends.size(); ++r) {
        mean += static_cast<double>(r) * ends[r];
    }
    return mean;
}

Status ValidateBaseballState(const BaseballState& s) {
    if (s.inning < 1 || s.inning > baseball_detail::kMaxInnings) {
        return InvalidArgument("inning", std::to_string(s.inning) + " is outside 1.." +
                                             std::to_string(baseball_detail::kMaxInnings));
    }
    if (s.outs < 0 || s.outs > 2) {
        return InvalidArgument("outs", std::to_string(s.outs) + " is outside 0..2");
    }
    if (s.bases < 0 || s.bases > 7) {
        return InvalidArgument("bases", std::to_string(s.bases) + " is not a base mask in 0..7");
    }
    if (s.home_runs < 0 || s.away_runs < 0 || s.home_runs > 40 || s.away_runs > 40) {
        return InvalidArgument("score", "runs must be in 0..40");
    }
    if ((s.inning > 9 || (s.inning == 9 && s.bottom)) && s.home_runs > s.away_runs) {
        return InvalidArgument("score", "the home team leads in the " + std::string(s.bottom ? "bottom" : "top") +
                                            " of inning " + std::to_string(s.inning) + ": the game is over");
    }
    return Status::Ok();
}

HalfInningRuns ExactHalfInning(const models::PaRates& rates, const models::BaseRunning& running, int outs, int bases,
                               int cap) {
    SIMBOOK_REQUIRE(outs >= 0 && outs <= 2 && bases >= 0 && bases <= 7 && cap >= 1, "bad half-inning start");
    std::array<models::PaTransitions, models::kBaseOutStates> trans;
    for (int s = 0; s < models::kBaseOutStates; ++s) {
        trans[static_cast<std::size_t>(s)] = models::BaseOutTransitions(s, rates, running);
    }
    const std::size_t width = static_cast<std::size_t>(cap) + 1;
    HalfInningRuns out{std::vector<double>(width, 0.0), 0.0, std::vector<std::array<std::array<double, 2>, 4>>(width)};
    std::vector<double> cur(models::kBaseOutStates * width, 0.0), next(cur.size());
    cur[static_cast<std::size_t>(outs * 8 + bases) * width] = 1.0;
    double alive = 1.0;
    std::size_t reach = 1; // runs 0..reach-1 can hold mass: a plate appearance adds at most 4
    for (int step = 0; step < baseball_detail::kMaxSteps && alive > baseball_detail::kNegligible; ++step) {
        std::fill(next.begin(), next.end(), 0.0);
        for (int s = 0; s < models::kBaseOutStates; ++s) {
            const models::PaTransitions& ts = trans[static_cast<std::size_t>(s)];
            for (std::size_t r = 0; r < reach; ++r) {
                const double m = cur[static_cast<std::size_t>(s) * width + r];
                if (m == 0.0) {
                    continue;
                }
                for (int i = 0; i < ts.count; ++i) {
                    const models::PaTransition& t = ts.items[static_cast<std::size_t>(i)];
                    const double p = m * t.probability;
                    const std::size_t nr = r + static_cast<std::size_t>(t.runs);
                    if (t.runs > 0) {
                        out.scoring[r][static_cast<std::size_t>(t.runs - 1)][t.home_run ? 1 : 0] += p;
                    }
                    if (nr >= width) {
                        out.tail += p;
                    } else if (t.next == models::kInningOver) {
                        out.ends[nr] += p;
                    } else {
                        next[static_cast<std::size_t>(t.next) * width + nr] += p;
                    }
                }
            }
        }
        cur.swap(next);
        reach = std::min(reach + 4, width);
        alive = 0.0;
        for (double m : cur) {
            alive += m;
        }
    }
    out.tail += alive;
    return out;
}

WalkoffHalf StopWhenAhead(const HalfInningRuns& half, int deficit) {
    SIMBOOK_REQUIRE(deficit >= 0, "a walk-off chain needs the home team level or behind");
    WalkoffHalf w;
    w.ends.assign(static_cast<std::size_t>(deficit) + 1, 0.0);
    const int top = std::min(deficit, static_cast<int>(half.ends.size()) - 1);
    for (int r = 0; r <= top; ++r) {
        w.ends[static_cast<std::size_t>(r)] = half.ends[static_cast<std::size_t>(r)];
        for (int k = 1; k <= 4; ++k) {
            if (r + k <= deficit) {
                continue;
            }
            const auto& event = half.scoring[static_cast<std::size_t>(r)][static_cast<std::size_t>(k - 1)];
            w.walkoff[0] += event[0]; // only the winning run counts
            w.walkoff[static_cast<std::size_t>(r + k - deficit - 1)] += event[1];
        }
    }
    return w;
}

std::vector<std::pair<int, double>> StarterInningsPmf(double starter_innings, int inning, bool starter_in) {
    if (!starter_in) {
        return {{std::max(inning - 1, 0), 1.0}};
    }
    const int whole = std::min(static_cast<int>(std::floor(starter_innings)), 9);
    const double frac = whole == 9 ? 0.0 : starter_innings - whole;
    std::vector<std::pair<int, double>> pmf;
    double mass = 0.0;
    for (const auto& [length, p] : {std::pair{whole, 1.0 - frac}, std::pair{whole + 1, frac}}) {
        if (p > 0.0 && length >= inning) {
            pmf.emplace_back(length, p);
            mass += p;
        }
    }
    if (pmf.empty()) {
        return {{inning, 1.0}};
    }
    for (auto& entry : pmf) {
        entry.second /= mass;
    }
    return pmf;
}

Result<BaseballExact> ExactBaseball(const models::BaseballModel& model, const BaseballState& state, std::size_t dim) {
    if (Status s = models::ValidateBaseballModel(model); !s.ok()) {
        return s;
    }
    if (Status s = ValidateBaseballState(state); !s.ok()) {
        return s;
    }
    if (dim < 2 || dim > 200 || static_cast<std::size_t>(std::max(state.home_runs, state.away_runs)) >= dim) {
        return InvalidArgument("dim", std::to_string(dim) + " cannot hold the score (2..200)");
    }
    baseball_detail::HalfCache cache(model.running, dim);
    const int away_inning = state.bottom ? state.inning : state.inning - 1; // the visitors pitch the bottom halves
    const auto home_pmf = StarterInningsPmf(model.home.pitching.starter_innings, state.inning, state.home_starter_in);
    const auto away_pmf = StarterInningsPmf(model.away.pitching.starter_innings, away_inning, state.away_starter_in);
    const auto days = models::DayFactors(model.day_sd);
    BaseballExact out;
    baseball_detail::Cells final(dim);
    // The home batters' rates depend only on the home day factor, the visitors' only on theirs.
    std::vector<models::MatchupRates> same_day;
    for (const auto& [day, unused] : days) {
        same_day.push_back(models::MakeMatchupRates(model, day, day));
    }
    for (std::size_t i = 0; i < days.size(); ++i) {
        for (std::size_t j = 0; j < days.size(); ++j) {
            const double home_day_p = days[i].second;
            const double away_day_p = days[j].second;
            const models::MatchupRates rates = baseball_detail::Combine(same_day[i], same_day[j]);
            std::vector<double> tied(dim, 0.0);
            for (const auto& [home_len, home_p] : home_pmf) {
                for (const auto& [away_len, away_p] : away_pmf) {
                    const double w = home_day_p * away_day_p * home_p * away_p;
                    baseball_detail::PlayToBullpenExtras(model, rates, state, {home_len, away_len}, cache, w, final,
                                                         tied, out);
                }
            }
            baseball_detail::BullpenExtras(model, rates, cache, tied, final, out);
        }
    }
    if (state.inning > 9) {
        out.extra_innings = 1.0;
    }
    out.final_score = baseball_detail::ToGrid(final.p, dim);
    out.truncated = out.final_score.Truncated();
    return out;
}

} // namespace simbook::engine
