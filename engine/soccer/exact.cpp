#include "engine/soccer/exact.hpp"

#include "engine/soccer/game.hpp"

#include "kernels/core/result.hpp"
#include "kernels/soccer/soccer_step.cuh"

#include <boost/math/distributions/poisson.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace simbook::engine {

namespace ks = kernels::soccer;

double RemainingExpectedGoals(const ks::SoccerParams& params, int team, double minute) {
    return params.goal_rate[team] * (params.shape_end[ks::kSegments - 1] - ks::ShapeMinutes(params, minute));
}

ScoreDistribution ExactSoccer(const ks::SoccerParams& params, const ks::SoccerState& state, std::size_t dim) {
    SIMBOOK_REQUIRE(params.leading_mult == 1.0 && params.trailing_mult == 1.0 && params.red_rate[0] == 0.0 &&
                        params.red_rate[1] == 0.0,
                    "ExactSoccer needs a model without state effects");
    SIMBOOK_REQUIRE(params.red_factor[state.red[0]][state.red[1]] == 1.0 &&
                        params.red_factor[state.red[1]][state.red[0]] == 1.0,
                    "ExactSoccer needs red cards without effect");
    std::array<std::vector<double>, 2> pmf;
    for (int team = 0; team < 2; ++team) {
        const double mean = RemainingExpectedGoals(params, team, state.minute);
        const int already = team == 0 ? state.home : state.away;
        pmf[team].assign(dim, 0.0);
        for (std::size_t g = static_cast<std::size_t>(already); g < dim; ++g) {
            const double k = static_cast<double>(g - static_cast<std::size_t>(already));
            pmf[team][g] = mean > 0.0 ? boost::math::pdf(boost::math::poisson_distribution<double>(mean), k)
                                      : (k == 0.0 ? 1.0 : 0.0);
        }
    }
    ScoreDistribution d(dim);
    for (std::size_t h = 0; h < dim; ++h) {
        for (std::size_t a = 0; a < dim; ++a) {
            d.At(h, a) = pmf[0][h] * pmf[1][a];
        }
    }
    return d;
}

namespace {

//! Poisson tail mass below which a uniformisation sum stops.
constexpr double kTailTolerance = 1e-15;
//! Largest uniformisation exponent q * t summed in one go (exp(-q t) stays far from underflow).
constexpr double kMaxExponent = 50.0;

//! The chain on (home goals, away goals, home reds, away reds). Mass lives in one grid per red-card pair (a
//! "layer"), each (dim + 1)^2 with a zero first row and column, so the pull of a goal from (h - 1, a) or
//! (h, a - 1) needs no branch. Rates depend only on the layer and the margin sign, so a step is a few
//! streaming loops per row with constant coefficients.
class SoccerChain {
public:
    SoccerChain(const ks::SoccerParams& params, const ks::SoccerState& state, std::size_t dim,
                const std::array<bool, 2>& scheduled)
        : dim_(dim), side_(dim + 1), cells_(side_ * side_) {
        for (int team = 0; team < 2; ++team) {
            lo_[team] = std::clamp(state.red[team], 0, ks::kMaxReds);
            hi_[team] = params.red_rate[team] > 0.0 || scheduled[team] ? ks::kMaxReds : lo_[team];
            count_[team] = static_cast<std::size_t>(hi_[team] - lo_[team] + 1);
        }
        layers_ = count_[0] * count_[1];
        v_.assign(layers_ * cells_, 0.0);
        next_.assign(layers_ * cells_, 0.0);
        acc_.assign(layers_ * cells_, 0.0);
        active_.assign(layers_, 0);
        next_active_.assign(layers_, 0);
        zero_.assign(cells_, 0.0);
        BuildCoefficients(params);
        if (state.home >= 0 && state.away >= 0 && static_cast<std::size_t>(state.home) < dim_ &&
            static_cast<std::size_t>(state.away) < dim_) {
            const std::size_t layer = Layer(lo_[0], lo_[1]);
            v_[layer * cells_ + Cell(static_cast<std::size_t>(state.home), static_cast<std::size_t>(state.away))] = 1.0;
            active_[layer] = 1;
        }
        origin_ = {static_cast<std::size_t>(std::clamp(state.home, 0, static_cast<int>(dim_))),
                   static_cast<std::size_t>(std::clamp(state.away, 0, static_cast<int>(dim_)))};
    }

    //! Runs the chain for t shape-minutes.
    void Propagate(double t) {
        if (!(t > 0.0) || !(q_ > 0.0)) {
            return;
        }
        const int pieces = static_cast<int>(std::ceil(q_ * t / kMaxExponent));
        for (int i = 0; i < pieces; ++i) {
            Uniformise(q_ * t / pieces);
        }
    }

    //! Shows a team a red card now (a team with kMaxReds keeps them), as the kernel's scheduled red card.
    //! Highest counts first, so each layer's mass moves up exactly one layer.
    void ScheduledRed(int team) {
        for (int h = hi_[0]; h >= lo_[0]; --h) {
            for (int a = hi_[1]; a >= lo_[1]; --a) {
                const std::size_t from = Layer(h, a);
                if ((team == 0 ? h : a) >= ks::kMaxReds || !active_[from]) {
                    continue;
                }
                const std::size_t to = team == 0 ? Layer(h + 1, a) : Layer(h, a + 1);
                double* src = &v_[from * cells_];
                double* dst = &v_[to * cells_];
                for (std::size_t i = 0; i < cells_; ++i) {
                    dst[i] += src[i];
                }
                // An emptied layer is skipped by Step, so neither buffer may keep stale mass.
                std::fill(src, src + cells_, 0.0);
                std::fill(next_.begin() + static_cast<std::ptrdiff_t>(from * cells_),
                          next_.begin() + static_cast<std::ptrdiff_t>((from + 1) * cells_), 0.0);
                active_[to] = 1;
                active_[from] = 0;
            }
        }
    }

    //! The goal grid summed over red cards.
    ScoreDistribution Score() const {
        ScoreDistribution d(dim_);
        for (std::size_t layer = 0; layer < layers_; ++layer) {
            const double* p = &v_[layer * cells_];
            for (std::size_t h = 0; h < dim_; ++h) {
                for (std::size_t a = 0; a < dim_; ++a) {
                    d.At(h, a) += p[Cell(h, a)];
                }
            }
        }
        return d;
    }

    //! P(home reds, away reds) over the grid's mass.
    std::array<std::array<double, ks::kMaxReds + 1>, ks::kMaxReds + 1> Reds() const {
        std::array<std::array<double, ks::kMaxReds + 1>, ks::kMaxReds + 1> reds{};
        for (int h = lo_[0]; h <= hi_[0]; ++h) {
            for (int a = lo_[1]; a <= hi_[1]; ++a) {
                const double* p = &v_[Layer(h, a) * cells_];
                double sum = 0.0;
                for (std::size_t i = 0; i < cells_; ++i) {
                    sum += p[i];
                }
                reds[static_cast<std::size_t>(h)][static_cast<std::size_t>(a)] = sum;
            }
        }
        return reds;
    }

    int steps() const { return steps_; }

private:
    std::size_t Layer(int home_reds, int away_reds) const {
        return static_cast<std::size_t>(home_reds - lo_[0]) * count_[1] + static_cast<std::size_t>(away_reds - lo_[1]);
    }
    std::size_t Cell(std::size_t h, std::size_t a) const { return (h + 1) * side_ + (a + 1); }

    //! Rates of the kernel's SoccerEventStep in each layer and margin sign, the uniformisation rate q_ (their
    //! largest total), and the jump probabilities of each layer and sign.
    void BuildCoefficients(const ks::SoccerParams& params) {
        struct Rates {
            double home, away, total;
        };
        std::vector<std::array<Rates, 3>> rates(layers_); // sign 0 home leads, 1 level, 2 away leads
        red_home_.assign(layers_, 0.0);
        red_away_.assign(layers_, 0.0);
        std::vector<std::array<double, 2>> red_rate(layers_);
        q_ = 0.0;
        for (int rh = lo_[0]; rh <= hi_[0]; ++rh) {
            for (int ra = lo_[1]; ra <= hi_[1]; ++ra) {
                const std::size_t layer = Layer(rh, ra);
                const double red_h = rh < ks::kMaxReds ? params.red_rate[0] : 0.0;
                const double red_a = ra < ks::kMaxReds ? params.red_rate[1] : 0.0;
                // Red cards move mass to layers that exist only when the rate is on (hi_ = kMaxReds).
                red_rate[layer] = {rh < hi_[0] ? red_h : 0.0, ra < hi_[1] ? red_a : 0.0};
                const double lead[3][2] = {{params.leading_mult, params.trailing_mult},
                                           {1.0, 1.0},
                                           {params.trailing_mult, params.leading_mult}};
                for (int sign = 0; sign < 3; ++sign) {
                    Rates& r = rates[layer][static_cast<std::size_t>(sign)];
                    r.home = params.goal_rate[0] * lead[sign][0] * params.red_factor[rh][ra];
                    r.away = params.goal_rate[1] * lead[sign][1] * params.red_factor[ra][rh];
                    r.total = r.home + r.away + red_h + red_a;
                    q_ = std::max(q_, r.total);
                }
            }
        }
        jump_.assign(layers_, {});
        if (!(q_ > 0.0)) {
            return;
        }
        for (std::size_t layer = 0; layer < layers_; ++layer) {
            red_home_[layer] = red_rate[layer][0] / q_;
            red_away_[layer] = red_rate[layer][1] / q_;
            for (std::size_t sign = 0; sign < 3; ++sign) {
                const Rates& r = rates[layer][sign];
                jump_[layer][sign] = {(q_ - r.total) / q_, r.home / q_, r.away / q_};
            }
        }
    }

    //! v <- sum_n Poisson(n; x) v P^n with P = I + Q / q_, x = q_ t: exact up to the Poisson tail.
    void Uniformise(double x) {
        double weight = std::exp(-x);
        for (std::size_t i = 0; i < acc_.size(); ++i) {
            acc_[i] = weight * v_[i];
        }
        for (int n = 1;; ++n) {
            weight *= x / n;
            Step(weight);
            // Tail after term n: w_{n+1} (1 + r + r^2 + ...) with ratio r <= x / (n + 2) once n + 2 > x.
            const double ratio = x / (n + 2);
            if (ratio < 1.0 && weight * (x / (n + 1)) / (1.0 - ratio) < kTailTolerance) {
                break;
            }
        }
        v_.swap(acc_);
    }

    //! next = v P over the active layers, acc += weight next, v <- next.
    void Step(double weight) {
        ++steps_;
        // Goals never go down and a step adds at most one, so mass lies in a box that grows from the state.
        const std::size_t reach = static_cast<std::size_t>(steps_) + 1;
        const std::size_t h_hi = std::min(dim_, origin_[0] + reach);
        const std::size_t a_lo = origin_[1];
        const std::size_t a_hi = std::min(dim_, origin_[1] + reach);
        for (int rh = lo_[0]; rh <= hi_[0]; ++rh) {
            for (int ra = lo_[1]; ra <= hi_[1]; ++ra) {
                const std::size_t layer = Layer(rh, ra);
                const std::size_t below_h = rh > lo_[0] ? Layer(rh - 1, ra) : layers_;
                const std::size_t below_a = ra > lo_[1] ? Layer(rh, ra - 1) : layers_;
                const bool from_h = below_h < layers_ && active_[below_h] && red_home_[below_h] > 0.0;
                const bool from_a = below_a < layers_ && active_[below_a] && red_away_[below_a] > 0.0;
                double* __restrict out = &next_[layer * cells_];
                if (!active_[layer] && !from_h && !from_a) {
                    next_active_[layer] = 0;
                    continue;
                }
                next_active_[layer] = 1;
                const double* __restrict in = &v_[layer * cells_];
                const double* __restrict in_h = from_h ? &v_[below_h * cells_] : zero_.data();
                const double* __restrict in_a = from_a ? &v_[below_a * cells_] : zero_.data();
                const double c_h = from_h ? red_home_[below_h] : 0.0;
                const double c_a = from_a ? red_away_[below_a] : 0.0;
                double* __restrict acc = &acc_[layer * cells_];
                const auto& jump = jump_[layer];
                // Cell (h, a) pulls from itself, (h - 1, a) and (h, a - 1) (zero padding at the edges), each
                // with the jump probability of the margin sign at the source. Along a row the signs change
                // only around the diagonal, so a row is two runs of constant coefficients and three cells.
                const auto run = [&](std::size_t row, std::size_t from, std::size_t to, const Jump& self,
                                     const Jump& up, const Jump& left) {
                    const std::size_t base = (row + 1) * side_ + 1;
                    from = std::max(from, a_lo);
                    to = std::min(to, a_hi);
                    for (std::size_t i = base + from; i < base + to; ++i) {
                        const double x = self.stay * in[i] + up.home * in[i - side_] + left.away * in[i - 1] +
                                         c_h * in_h[i] + c_a * in_a[i];
                        out[i] = x;
                        acc[i] += weight * x;
                    }
                };
                for (std::size_t h = origin_[0]; h < h_hi; ++h) {
                    if (h >= 2) {
                        run(h, 0, h - 1, jump[0], jump[0], jump[0]);
                    }
                    if (h >= 1) {
                        run(h, h - 1, h, jump[0], jump[1], jump[0]);
                    }
                    run(h, h, h + 1, jump[1], jump[2], jump[0]);
                    if (h + 1 < dim_) {
                        run(h, h + 1, h + 2, jump[2], jump[2], jump[1]);
                    }
                    if (h + 2 < dim_) {
                        run(h, h + 2, dim_, jump[2], jump[2], jump[2]);
                    }
                }
            }
        }
        v_.swap(next_);
        active_.swap(next_active_);
    }

    std::size_t dim_;
    std::size_t side_;
    std::size_t cells_;
    std::size_t layers_ = 0;
    std::array<int, 2> lo_{};
    std::array<int, 2> hi_{};
    std::array<std::size_t, 2> count_{};
    std::array<std::size_t, 2> origin_{}; //!< the state's goals: no mass below them
    double q_ = 0.0;
    int steps_ = 0;
    std::vector<double> v_, next_, acc_, zero_;
    //! Probabilities of one uniformised step out of a cell: stay, home goal, away goal.
    struct Jump {
        double stay, home, away;
    };
    std::vector<std::array<Jump, 3>> jump_;   //!< per layer and margin sign (0 home leads, 1 level, 2 away leads)
    std::vector<double> red_home_, red_away_; //!< per source layer, over q_
    std::vector<char> active_, next_active_;  //!< layers that may hold mass
};

} // namespace

SoccerLiveDistribution ExactSoccerLive(const ks::SoccerParams& params, const ks::SoccerState& state, std::size_t dim) {
    SIMBOOK_REQUIRE(dim > 0, "ExactSoccerLive needs a grid");
    SIMBOOK_REQUIRE(state.red[0] >= 0 && state.red[0] <= ks::kMaxReds && state.red[1] >= 0 &&
                        state.red[1] <= ks::kMaxReds,
                    "red cards out of range");
    const double end = params.segment_end[ks::kSegments - 1];
    const double half_time = params.segment_end[ks::kFirstHalfLastSegment];
    const bool live = state.minute < end;
    const bool first_half = state.minute < half_time;

    // Breaks in the shape clock, in the kernel's order: by played minute; at a tie half-time is recorded
    // before a red card (the kernel records it when the red's minute is not before half-time), and a home
    // red before an away one (the kernel picks the earliest, home on a tie).
    struct Break {
        double minute;
        int kind; // 0 half-time, 1 home red, 2 away red
    };
    std::vector<Break> breaks;
    std::array<bool, 2> scheduled{};
    if (live && first_half) {
        breaks.push_back({half_time, 0});
    }
    for (int team = 0; team < 2; ++team) {
        scheduled[team] = live && params.red_card_at[team] > state.minute && params.red_card_at[team] < end;
        if (scheduled[team]) {
            breaks.push_back({params.red_card_at[team], team + 1});
        }
    }
    std::sort(breaks.begin(), breaks.end(), [](const Break& x, const Break& y) {
        return x.minute < y.minute || (x.minute == y.minute && x.kind < y.kind);
    });

    SoccerChain chain(params, state, dim, scheduled);
    SoccerLiveDistribution out{ScoreDistribution(dim), ScoreDistribution(dim), {}, 0};
    const auto in_grid = [dim](int h, int a) {
        return h >= 0 && a >= 0 && static_cast<std::size_t>(h) < dim && static_cast<std::size_t>(a) < dim;
    };
    if (!first_half && in_grid(state.ht_home, state.ht_away)) {
        out.half_time.At(static_cast<std::size_t>(state.ht_home), static_cast<std::size_t>(state.ht_away)) = 1.0;
    }
    double lambda = ShapeMinutes(params, state.minute);
    for (const Break& b : breaks) {
        const double at = ShapeMinutes(params, b.minute);
        chain.Propagate(at - lambda);
        lambda = std::max(lambda, at);
        if (b.kind == 0) {
            out.half_time = chain.Score();
        } else {
            chain.ScheduledRed(b.kind - 1);
        }
    }
    chain.Propagate(params.shape_end[ks::kSegments - 1] - lambda);
    out.final_score = chain.Score();
    out.red_cards = chain.Reds();
    out.steps = chain.steps();
    return out;
}

ScoreDistribution ExactFinalScore(const SoccerGame& game) {
    return ExactSoccerLive(game.params, game.state).final_score;
}

ExactLines ExactMainLines(const SoccerGame& game) {
    return LinesOf(ExactFinalScore(game));
}

} // namespace simbook::engine
