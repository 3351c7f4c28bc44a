#include "models/baseball_model.hpp"

#include "models/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <utility>

namespace simbook::models {
namespace {

constexpr int kFirst = 1, kSecond = 2, kThird = 4;
constexpr int kValueSweeps = 200; // on-base chains within an out level shrink geometrically (~0.35 a sweep)

double At(const PaRates& rates, PaOutcome outcome) {
    return rates[static_cast<std::size_t>(outcome)];
}

void Add(PaTransitions& t, int outs, int bases, int runs, double probability, bool home_run = false) {
    if (probability <= 0.0) {
        return;
    }
    const int next = outs >= 3 ? kInningOver : outs * 8 + bases;
    t.items[static_cast<std::size_t>(t.count++)] = {next, outs >= 3 ? 0 : runs, probability, home_run};
}

void AddOut(PaTransitions& t, int outs, int bases, double q, const BaseRunning& r) {
    if (q <= 0.0) {
        return;
    }
    double rest = q;
    if (outs < 2 && (bases & kFirst)) {
        const double dp = q * r.double_play;
        Add(t, outs + 2, (bases & kSecond) ? kThird : 0, (bases & kThird) ? 1 : 0, dp);
        rest -= dp;
    }
    if (outs < 2 && (bases & kThird)) {
        const double sf = rest * r.sacrifice_fly;
        Add(t, outs + 1, bases & ~kThird, 1, sf);
        rest -= sf;
    }
    const double advance = outs < 2 && bases != 0 ? rest * r.out_advance : 0.0;
    Add(t, outs + 1, (bases << 1) & 7, (bases & kThird) ? 1 : 0, advance);
    Add(t, outs + 1, bases, 0, rest - advance);
}

int WalkBases(int bases, int& runs) {
    runs = 0;
    if (!(bases & kFirst)) {
        return bases | kFirst;
    }
    if (!(bases & kSecond)) {
        return bases | kFirst | kSecond;
    }
    runs = (bases & kThird) ? 1 : 0;
    return kFirst | kSecond | kThird;
}

void AddSingle(PaTransitions& t, int outs, int bases, double p, const BaseRunning& r) {
    const int from_third = (bases & kThird) ? 1 : 0;
    const double second_scores = (bases & kSecond) ? r.single_second_scores : 0.0;
    for (int scores = 0; scores < 2; ++scores) {
        const double p2 = scores ? second_scores : 1.0 - second_scores;
        const bool third_taken = (bases & kSecond) && !scores;
        const double first_to_third = (bases & kFirst) && !third_taken ? r.single_first_to_third : 0.0;
        for (int to_third = 0; to_third < 2; ++to_third) {
            const double p1 = to_third ? first_to_third : 1.0 - first_to_third;
            int next = kFirst | (third_taken ? kThird : 0);
            if (bases & kFirst) {
                next |= to_third ? kThird : kSecond;
            }
            Add(t, outs, next, from_third + scores, p * p2 * p1);
        }
    }
}

void AddDouble(PaTransitions& t, int outs, int bases, double p, const BaseRunning& r) {
    const int runs = ((bases & kSecond) ? 1 : 0) + ((bases & kThird) ? 1 : 0);
    if (!(bases & kFirst)) {
        Add(t, outs, kSecond, runs, p);
        return;
    }
    Add(t, outs, kSecond, runs + 1, p * r.double_first_scores);
    Add(t, outs, kSecond | kThird, runs, p * (1.0 - r.double_first_scores));
}

//! Solves the 8 x 8 system in columns 0..7 for the right-hand side in column 8 (Gaussian elimination; I - P of a
//! substochastic P is diagonally dominant, so no pivoting is needed). The solution replaces column 8.
void SolveInPlace(double (&a)[8][9]) {
    for (int col = 0; col < 8; ++col) {
        for (int row = col + 1; row < 8; ++row) {
            const double f = a[row][col] / a[col][col];
            for (int k = col; k < 9; ++k) {
                a[row][k] -= f * a[col][k];
            }
        }
    }
    for (int row = 7; row >= 0; --row) {
        double x = a[row][8];
        for (int k = row + 1; k < 8; ++k) {
            x -= a[row][k] * a[k][8];
        }
        a[row][8] = x / a[row][row];
    }
}

} // namespace

const std::array<const char*, kPaOutcomes>& PaOutcomeNames() {
    static const std::array<const char*, kPaOutcomes> kNames = {"strikeout", "other_out", "walk",    "single",
                                                                "double",    "triple",    "home_run"};
    return kNames;
}

PaTransitions BaseOutTransitions(int state, const PaRates& rates, const BaseRunning& running) {
    PaTransitions t;
    const int outs = state / 8;
    const int bases = state % 8;
    const int on_base = std::popcount(static_cast<unsigned>(bases));
    Add(t, outs + 1, bases, 0, At(rates, PaOutcome::kStrikeout));
    AddOut(t, outs, bases, At(rates, PaOutcome::kOtherOut), running);
    int walk_runs = 0;
    const int walk_bases = WalkBases(bases, walk_runs);
    Add(t, outs, walk_bases, walk_runs, At(rates, PaOutcome::kWalk));
    AddSingle(t, outs, bases, At(rates, PaOutcome::kSingle), running);
    AddDouble(t, outs, bases, At(rates, PaOutcome::kDouble), running);
    Add(t, outs, kThird, on_base, At(rates, PaOutcome::kTriple));
    Add(t, outs, 0, on_base + 1, At(rates, PaOutcome::kHomeRun), true);
    return t;
}

PaRates Log5(const PaRates& batter, const PaRates& pitcher, const PaRates& league) {
    PaRates out{};
    double sum = 0.0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i] = batter[i] * pitcher[i] / league[i];
        sum += out[i];
    }
    SIMBOOK_REQUIRE(sum > 0.0, "log5 of rates with no common outcome");
    for (double& p : out) {
        p /= sum;
    }
    return out;
}

PaRates ScaleOnBase(const PaRates& rates, double k) {
    const double outs = At(rates, PaOutcome::kStrikeout) + At(rates, PaOutcome::kOtherOut);
    const double on_base = 1.0 - outs;
    SIMBOOK_REQUIRE(k >= 0.0 && k * on_base < 1.0 && outs > 0.0, "on-base scale leaves no outs");
    PaRates out = rates;
    const double out_scale = (1.0 - k * on_base) / outs;
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i] *= i < 2 ? out_scale : k;
    }
    return out;
}

namespace {

//! Values V(s) = sum over transitions t of p (reward(t) + V(next)) of the 24 base-out states, the inning's end worth
//! 0. Out levels 2, 1, 0 in turn: within a level only on-base events move between its 8 base states, so each level
//! is an 8 x 8 linear system (I - P) V = c, c the rewards of one plate appearance plus the values of higher levels.
template <typename Reward>
std::array<double, 24> SolveByOutLevel(const PaRates& rates, const BaseRunning& running, Reward&& reward) {
    std::array<double, 24> value{};
    for (int outs = 2; outs >= 0; --outs) {
        double a[8][9] = {};
        for (int b = 0; b < 8; ++b) {
            a[b][b] = 1.0;
            const PaTransitions ts = BaseOutTransitions(outs * 8 + b, rates, running);
            for (int i = 0; i < ts.count; ++i) {
                const PaTransition& x = ts.items[static_cast<std::size_t>(i)];
                a[b][8] += x.probability * reward(x);
                if (x.next == kInningOver) {
                    continue;
                }
                if (x.next / 8 == outs) {
                    a[b][x.next % 8] -= x.probability;
                } else {
                    a[b][8] += x.probability * value[static_cast<std::size_t>(x.next)];
                }
            }
        }
        SolveInPlace(a);
        for (int b = 0; b < 8; ++b) {
            value[static_cast<std::size_t>(outs * 8 + b)] = a[b][8];
        }
    }
    return value;
}

} // namespace

std::array<double, 24> RunExpectancy(const PaRates& rates, const BaseRunning& running) {
    return SolveByOutLevel(rates, running, [](const PaTransition& t) { return static_cast<double>(t.runs); });
}

std::array<double, 24> ExpectedVisits(const PaRates& rates, const BaseRunning& running) {
    std::array<double, 24> visits{};
    for (int sweep = 0; sweep < kValueSweeps; ++sweep) {
        std::array<double, 24> next{};
        next[0] = 1.0;
        for (int s = 0; s < kBaseOutStates; ++s) {
            const PaTransitions ts = BaseOutTransitions(s, rates, running);
            for (int i = 0; i < ts.count; ++i) {
                const PaTransition& x = ts.items[static_cast<std::size_t>(i)];
                if (x.next != kInningOver) {
                    next[static_cast<std::size_t>(x.next)] += visits[static_cast<std::size_t>(s)] * x.probability;
                }
            }
        }
        visits = next;
    }
    return visits;
}

std::array<double, 2> ExpectedDoublePlaysAndSacFlies(const PaRates& rates, const BaseRunning& running) {
    const std::array<double, 24> visits = ExpectedVisits(rates, running);
    const double q = At(rates, PaOutcome::kOtherOut);
    std::array<double, 2> out{};
    for (int s = 0; s < 16; ++s) { // fewer than two outs
        const int bases = s % 8;
        const double dp = (bases & kFirst) ? running.double_play : 0.0;
        out[0] += visits[static_cast<std::size_t>(s)] * q * dp;
        if (bases & kThird) {
            out[1] += visits[static_cast<std::size_t>(s)] * q * (1.0 - dp) * running.sacrifice_fly;
        }
    }
    return out;
}

double OnBaseScaleForRuns(const PaRates& rates, const BaseRunning& running, double factor) {
    SIMBOOK_REQUIRE(factor >= 0.25 && factor <= 4.0, "run factor outside [0.25, 4]");
    if (factor == 1.0) {
        return 1.0;
    }
    const double base = RunExpectancy(rates, running)[0];
    const double target = base * factor;
    const double on_base = 1.0 - At(rates, PaOutcome::kStrikeout) - At(rates, PaOutcome::kOtherOut);
    const double k_max = std::min(4.0, 0.98 / on_base);
    const auto gap = [&](double k) { return RunExpectancy(ScaleOnBase(rates, k), running)[0] - target; };
    // Secant from k = 1 and a first guess of runs ~ on-base^2; runs rise smoothly with k, so a few steps suffice.
    double k0 = 1.0, g0 = base - target;
    double k1 = std::min(std::sqrt(factor), 0.5 * (1.0 + k_max));
    double g1 = gap(k1);
    for (int i = 0; i < 100 && std::abs(g1) > 1e-14 * target && g1 != g0; ++i) {
        const double k2 = std::clamp(k1 - g1 * (k1 - k0) / (g1 - g0), 0.5 * k1, 0.5 * (k1 + k_max));
        k0 = k1, g0 = g1;
        k1 = k2, g1 = gap(k2);
    }
    SIMBOOK_REQUIRE(std::abs(g1) <= 1e-9 * target, "run factor out of the on-base scale's reach");
    return k1;
}

std::vector<std::pair<double, double>> DayFactors(double sd) {
    if (sd == 0.0) {
        return {{1.0, 1.0}};
    }
    const double x = std::sqrt(3.0) * sd;
    const double mean = (std::exp(-x) + 4.0 + std::exp(x)) / 6.0;
    return {{std::exp(-x) / mean, 1.0 / 6.0}, {1.0 / mean, 2.0 / 3.0}, {std::exp(x) / mean, 1.0 / 6.0}};
}

std::array<double, 2> HalfInningRunMoments(const PaRates& rates, const BaseRunning& running) {
    // Second moments by the same level-by-level solve as RunExpectancy: S(s) = sum p (r^2 + 2 r E(next) + S(next)).
    const std::array<double, 24> mean = RunExpectancy(rates, running);
    const std::array<double, 24> second = SolveByOutLevel(rates, running, [&mean](const PaTransition& t) {
        const double next_mean = t.next == kInningOver ? 0.0 : mean[static_cast<std::size_t>(t.next)];
        return t.runs * t.runs + 2.0 * t.runs * next_mean;
    });
    return {mean[0], second[0] - mean[0] * mean[0]};
}

MatchupRates MakeMatchupRates(const BaseballModel& model, double home_day, double away_day) {
    MatchupRates m;
    const BaseballTeamModel* batting[2] = {&model.home, &model.away};
    const double side_factor[2] = {model.park_factor * model.home_run_factor * home_day,
                                   model.park_factor / model.home_run_factor * away_day};
    std::map<std::tuple<int, int, double>, PaRates> solved; // innings with the same factor share a solve
    for (int inning = 0; inning <= 9; ++inning) {
        const double inning_factor = inning == 0 ? 1.0 : model.inning_factors[static_cast<std::size_t>(inning - 1)];
        for (int side = 0; side < 2; ++side) {
            const PitchingStaff& staff = batting[1 - side]->pitching;
            const PaRates* pitcher[2] = {&staff.starter_rates, &staff.bullpen_rates};
            for (int p = 0; p < 2; ++p) {
                const double factor = std::clamp(side_factor[side] * inning_factor, 0.25, 4.0);
                auto [it, fresh] = solved.try_emplace({side, p, factor});
                if (fresh) {
                    const PaRates raw = Log5(batting[side]->batting, *pitcher[p], model.league);
                    it->second = ScaleOnBase(raw, OnBaseScaleForRuns(raw, model.running, factor));
                }
                m.rates[static_cast<std::size_t>(inning)][static_cast<std::size_t>(side)][static_cast<std::size_t>(p)] =
                    it->second;
            }
        }
    }
    return m;
}

} // namespace simbook::models
