#include "engine/baseball/exact.hpp"

#include "models/baseball_data.hpp"
#include "models/baseball_fit.hpp"
#include "models/baseball_model.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace simbook::engine {
namespace {

using models::PaRates;

models::BaseballModel Example() {
    return models::ExampleBaseballModel();
}

//! The example without day factors: the rule tests check closed forms of one set of rates.
models::BaseballModel FixedDays() {
    models::BaseballModel m = models::ExampleBaseballModel();
    m.day_sd = 0.0;
    return m;
}

// The day-factor mixture is the mixture of games whose park and home factors absorb the two teams' day factors.
TEST(BaseballExact, DayFactorsMixGames) {
    const models::BaseballModel m = Example();
    BaseballState s;
    s.inning = 4;
    s.bottom = true;
    s.outs = 1;
    s.bases = 3;
    s.away_runs = 2;
    const auto mixed = ExactBaseball(m, s);
    ASSERT_TRUE(mixed.ok()) << mixed.status().message();
    ScoreDistribution sum(mixed->final_score.dim());
    double weight = 0.0;
    for (const auto& [home_day, home_p] : models::DayFactors(m.day_sd)) {
        for (const auto& [away_day, away_p] : models::DayFactors(m.day_sd)) {
            models::BaseballModel fixed = m;
            fixed.day_sd = 0.0;
            fixed.park_factor = m.park_factor * std::sqrt(home_day * away_day);
            fixed.home_run_factor = m.home_run_factor * std::sqrt(home_day / away_day);
            const auto one = ExactBaseball(fixed, s);
            ASSERT_TRUE(one.ok()) << one.status().message();
            for (std::size_t h = 0; h < sum.dim(); ++h) {
                for (std::size_t a = 0; a < sum.dim(); ++a) {
                    sum.At(h, a) += home_p * away_p * one->final_score.At(h, a);
                }
            }
            weight += home_p * away_p;
        }
    }
    EXPECT_NEAR(weight, 1.0, 1e-15);
    for (std::size_t h = 0; h < sum.dim(); ++h) {
        for (std::size_t a = 0; a < sum.dim(); ++a) {
            EXPECT_NEAR(sum.At(h, a), mixed->final_score.At(h, a), 1e-9) << h << " " << a;
        }
    }
    // The factors keep the mean at 1 and spread the total: its variance grows.
    double mean = 0.0;
    for (const auto& [factor, p] : models::DayFactors(0.25)) {
        mean += factor * p;
    }
    EXPECT_NEAR(mean, 1.0, 1e-15);
    const auto spread = [](const ScoreDistribution& g) {
        double m1 = 0.0, m2 = 0.0;
        for (std::size_t h = 0; h < g.dim(); ++h) {
            for (std::size_t a = 0; a < g.dim(); ++a) {
                m1 += g.At(h, a) * static_cast<double>(h + a);
                m2 += g.At(h, a) * static_cast<double>((h + a) * (h + a));
            }
        }
        return m2 - m1 * m1;
    };
    EXPECT_GT(spread(ExactBaseball(m, {}).value().final_score),
              spread(ExactBaseball(FixedDays(), {}).value().final_score));
}

TEST(BaseballExact, HalfInningsAreDistributions) {
    const models::BaseballModel m = Example();
    const models::MatchupRates matchup = models::MakeMatchupRates(m);
    std::vector<PaRates> rate_sets = {m.league, matchup.For(1, 0, 0), matchup.For(9, 1, 1),
                                      models::ScaleOnBase(m.league, 1.3)};
    for (const PaRates& rates : rate_sets) {
        const auto re = models::RunExpectancy(rates, m.running);
        for (int state = 0; state < models::kBaseOutStates; ++state) {
            const HalfInningRuns half = ExactHalfInning(rates, m.running, state / 8, state % 8);
            double sum = half.tail;
            for (double p : half.ends) {
                EXPECT_GE(p, 0.0);
                sum += p;
            }
            EXPECT_NEAR(sum, 1.0, 1e-12) << state;
            // The dropped tail (31+ runs) is negligible even at 1.3 times the league's on-base rate.
            EXPECT_LT(half.tail, &rates == &rate_sets.back() ? 1e-9 : 1e-10) << state;
            // Every dropped path had more than 30 runs, and nearly all fewer than 60.
            EXPECT_NEAR(half.Mean(), re[static_cast<std::size_t>(state)], 1e-12 + 60.0 * half.tail) << state;
        }
    }
    // A tiny cap shows up as tail mass.
    EXPECT_GT(ExactHalfInning(m.league, m.running, 0, 7, 2).tail, 0.05);
}

TEST(BaseballExact, StopWhenAheadIsADistribution) {
    const models::BaseballModel m = Example();
    const HalfInningRuns half = ExactHalfInning(m.league, m.running);
    for (int deficit = 0; deficit <= 12; ++deficit) {
        const WalkoffHalf w = StopWhenAhead(half, deficit);
        double sum = 0.0;
        for (double p : w.ends) {
            sum += p;
        }
        for (double p : w.walkoff) {
            sum += p;
        }
        EXPECT_NEAR(sum, 1.0, 1e-12) << deficit;
        for (int r = 0; r <= deficit; ++r) {
            EXPECT_DOUBLE_EQ(w.ends[static_cast<std::size_t>(r)], half.ends[static_cast<std::size_t>(r)]);
        }
    }
    // Tied: any run ends it; only a home run can win by more than one.
    const WalkoffHalf tied = StopWhenAhead(half, 0);
    EXPECT_NEAR(tied.walkoff[0] + tied.walkoff[1] + tied.walkoff[2] + tied.walkoff[3], 1.0 - half.ends[0], 1e-12);
    EXPECT_GT(tied.walkoff[3], 0.0); // a grand slam
    EXPECT_LT(tied.walkoff[3], tied.walkoff[1]);
}

TEST(BaseballExact, StarterLengths) {
    using Pmf = std::vector<std::pair<int, double>>;
    const Pmf pre = StarterInningsPmf(5.7, 0, true);
    ASSERT_EQ(pre.size(), 2u);
    EXPECT_EQ(pre[0].first, 5);
    EXPECT_NEAR(pre[0].second, 0.3, 1e-12);
    EXPECT_NEAR(pre[0].first * pre[0].second + pre[1].first * pre[1].second, 5.7, 1e-12);
    EXPECT_EQ(StarterInningsPmf(5.7, 6, true), (Pmf{{6, 1.0}}));
    EXPECT_EQ(StarterInningsPmf(5.7, 8, true), (Pmf{{8, 1.0}})); // still in: he finishes the inning
    EXPECT_EQ(StarterInningsPmf(5.7, 3, false), (Pmf{{2, 1.0}}));
    EXPECT_EQ(StarterInningsPmf(9.0, 1, true), (Pmf{{9, 1.0}}));
}

double Sum(const ScoreDistribution& g, bool (*keep)(int, int)) {
    double sum = 0.0;
    for (int h = 0; h < static_cast<int>(g.dim()); ++h) {
        for (int a = 0; a < static_cast<int>(g.dim()); ++a) {
            sum += keep(h, a) ? g.At(static_cast<std::size_t>(h), static_cast<std::size_t>(a)) : 0.0;
        }
    }
    return sum;
}

TEST(BaseballExact, PreGameOutputs) {
    const models::BaseballModel m = FixedDays();
    const auto start = std::chrono::steady_clock::now();
    const auto r = ExactBaseball(m, {});
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(r.ok()) << r.status().message();
    std::printf("exact pre-game: %.2f ms, truncated %.3g, P(extra innings) %.4f, P(walk-off) %.4f\n", ms, r->truncated,
                r->extra_innings, r->walkoff);
    EXPECT_LT(r->truncated, 1e-9);
    EXPECT_LT(r->final_score.WinProbabilities()[1], 1e-12); // no ties
    EXPECT_GT(r->extra_innings, 0.05);
    EXPECT_LT(r->extra_innings, 0.15);
    const auto mean = r->final_score.MeanScore();
    EXPECT_GT(mean[0], 3.5);
    EXPECT_LT(mean[0], 6.0);
    ASSERT_TRUE(r->first_five && r->first_inning);
    EXPECT_NEAR(1.0 - r->first_five->Truncated(), 1.0, 1e-9);
    EXPECT_NEAR(1.0 - r->first_inning->Truncated(), 1.0, 1e-10);
    // NRFI: both first halves scoreless, against the starters.
    const models::MatchupRates rates = models::MakeMatchupRates(m);
    const double nrfi =
        ExactHalfInning(rates.For(1, 1, 0), m.running).ends[0] * ExactHalfInning(rates.For(1, 0, 0), m.running).ends[0];
    EXPECT_NEAR(r->first_inning->At(0, 0), nrfi, 1e-12);
    for (int inning = 1; inning <= 8; ++inning) {
        const std::vector<double>& pmf = r->inning_runs[static_cast<std::size_t>(inning - 1)];
        double sum = 0.0;
        for (double p : pmf) {
            sum += p;
        }
        EXPECT_NEAR(sum, 1.0, 1e-10) << inning;
    }
    EXPECT_NEAR(r->inning_runs[0][0], nrfi, 1e-12);
    // Walk-offs and no-bottom-ninth wins change the margin's shape: the home team wins by 1 more often than the
    // visitors do.
    const double home_by_one = Sum(r->final_score, [](int h, int a) { return h - a == 1; });
    const double away_by_one = Sum(r->final_score, [](int h, int a) { return a - h == 1; });
    EXPECT_GT(home_by_one, away_by_one);
}

TEST(BaseballExact, WalkOffFromATiedNinth) {
    const models::BaseballModel m = FixedDays();
    BaseballState s;
    s.inning = 9;
    s.bottom = true;
    s.home_starter_in = false;
    s.away_starter_in = false;
    const auto r = ExactBaseball(m, s);
    ASSERT_TRUE(r.ok()) << r.status().message();
    // The home team can only win by a walk-off: by one, or by up to four on a home run.
    EXPECT_EQ(Sum(r->final_score, [](int h, int a) { return h - a > 4; }), 0.0);
    EXPECT_GT(Sum(r->final_score, [](int h, int a) { return h - a >= 2; }), 1e-3);
    EXPECT_GT(Sum(r->final_score, [](int h, int a) { return h - a == 1; }), 0.3);
    EXPECT_NEAR(r->walkoff, Sum(r->final_score, [](int h, int a) { return h > a; }), 1e-12);
    EXPECT_NEAR(r->extra_innings, ExactHalfInning(models::MakeMatchupRates(m).For(9, 0, 1), m.running).ends[0], 1e-12);
    // Winning by 2-4 needs a home run with runners on: the chain's home-run walk-offs give exactly that mass.
    const HalfInningRuns half = ExactHalfInning(models::MakeMatchupRates(m).For(9, 0, 1), m.running);
    const WalkoffHalf w = StopWhenAhead(half, 0);
    const double ninth = w.walkoff[1] + w.walkoff[2] + w.walkoff[3];
    EXPECT_GT(Sum(r->final_score, [](int h, int a) { return h - a >= 2; }), ninth);
}

TEST(BaseballExact, NoBottomOfTheNinthWhenTheHomeTeamLeads) {
    const models::BaseballModel m = FixedDays();
    BaseballState s;
    s.inning = 9;
    s.outs = 2;
    s.home_runs = 5;
    s.home_starter_in = false;
    s.away_starter_in = false;
    const auto r = ExactBaseball(m, s);
    ASSERT_TRUE(r.ok()) << r.status().message();
    // With the visitors still behind after the top, the home team never bats again.
    EXPECT_EQ(Sum(r->final_score, [](int h, int a) { return a < 5 && h != 5; }), 0.0);
    const HalfInningRuns top = ExactHalfInning(models::MakeMatchupRates(m).For(9, 1, 1), m.running, 2, 0);
    double below_five = 0.0;
    for (int k = 0; k < 5; ++k) {
        below_five += top.ends[static_cast<std::size_t>(k)];
    }
    EXPECT_NEAR(Sum(r->final_score, [](int h, int a) { return a < 5 && h == 5; }), below_five, 1e-12);
    EXPECT_FALSE(r->first_five.has_value());
    EXPECT_FALSE(r->first_inning.has_value());
}

TEST(BaseballExact, RefusesImpossibleStates) {
    const models::BaseballModel m = Example();
    BaseballState over;
    over.inning = 9;
    over.bottom = true;
    over.home_runs = 3;
    const std::pair<BaseballState, std::string> cases[] = {
        {over, "score"},
        {BaseballState{1, false, 3, 0, 0, 0, true, true}, "outs"},
        {BaseballState{1, false, 0, 8, 0, 0, true, true}, "bases"},
        {BaseballState{0, false, 0, 0, 0, 0, true, true}, "inning"},
        {BaseballState{11, false, 0, 0, 4, 3, false, false}, "score"},
        {BaseballState{3, false, 0, 0, -1, 0, true, true}, "score"},
    };
    for (const auto& [state, field] : cases) {
        const auto r = ExactBaseball(m, state);
        ASSERT_FALSE(r.ok()) << field;
        EXPECT_EQ(r.status().message().rfind(field, 0), 0u) << r.status().message();
    }
    models::BaseballModel bad = m;
    bad.home.batting[0] += 0.1;
    EXPECT_FALSE(ExactBaseball(bad, {}).ok());
}

//! An independent plain simulator of the same model: plate appearances drawn from the matchup rates, its own
//! base running and game rules.
class Simulator {
public:
    Simulator(const models::BaseballModel& m, std::uint64_t seed)
        : days_(models::DayFactors(m.day_sd)), run_(m.running), auto_runner_(m.automatic_runner), rng_(seed) {
        innings_[0] = m.home.pitching.starter_innings;
        innings_[1] = m.away.pitching.starter_innings;
        for (const auto& [home_day, unused_h] : days_) {
            for (const auto& [away_day, unused_a] : days_) {
                rates_.push_back(models::MakeMatchupRates(m, home_day, away_day));
            }
        }
    }

    struct Game {
        int home = 0, away = 0;
        int f5_home = -1, f5_away = -1; //!< after five innings (when the state is in the first five)
        bool first_inning_scoreless = false;
        std::array<int, 9> inning_runs{-1, -1, -1, -1, -1, -1, -1, -1, -1}; //!< both teams' runs, innings 1..9
        //!< played whole from the state (-1 otherwise)
    };

    Game Play(const BaseballState& s) {
        const int home_len = Length(innings_[0], s.inning, s.home_starter_in);
        const int away_len = Length(innings_[1], s.bottom ? s.inning : s.inning - 1, s.away_starter_in);
        const std::size_t home_day = Day();
        const std::size_t away_day = Day();
        const models::MatchupRates& rates = rates_[home_day * days_.size() + away_day];
        Game g{s.home_runs, s.away_runs};
        int inning = s.inning;
        bool bottom = s.bottom;
        int outs = s.outs;
        int bases = s.bases;
        int inning_start = -1; // score total when the current inning began, if it began from the state on
        for (;;) {
            if (!bottom) {
                inning_start = outs == 0 && bases == 0 ? g.home + g.away : -1;
                g.away += Half(rates.For(inning, 1, inning <= home_len ? 0 : 1), outs, bases, -1);
            } else {
                const int stop = inning >= 9 ? g.away - g.home : -1;
                g.home += Half(rates.For(inning, 0, inning <= away_len ? 0 : 1), outs, bases, stop);
            }
            if (bottom && inning == 1 && s.inning == 1) {
                g.first_inning_scoreless = g.home == 0 && g.away == 0;
            }
            if (bottom && inning == 5 && s.inning <= 5) {
                g.f5_home = g.home;
                g.f5_away = g.away;
            }
            if (bottom && inning <= 9 && inning_start >= 0) {
                g.inning_runs[static_cast<std::size_t>(inning - 1)] = g.home + g.away - inning_start;
            }
            if (inning >= 9 && ((!bottom && g.home > g.away) || (bottom && g.home != g.away))) {
                return g;
            }
            inning += bottom ? 1 : 0;
            bottom = !bottom;
            outs = 0;
            bases = inning > 9 && auto_runner_ ? 2 : 0;
        }
    }

private:
    double U() { return uniform_(rng_); }

    //! Index of a team's day factor, drawn from its probabilities.
    std::size_t Day() {
        double u = U();
        for (std::size_t i = 0; i + 1 < days_.size(); ++i) {
            u -= days_[i].second;
            if (u < 0.0) {
                return i;
            }
        }
        return days_.size() - 1;
    }

    int Length(double expected, int inning, bool in) {
        if (!in) {
            return std::max(inning - 1, 0);
        }
        const int lo = std::min(static_cast<int>(expected), 9);
        const double frac = lo == 9 ? 0.0 : expected - lo;
        if (lo + (frac > 0.0 ? 1 : 0) < inning) {
            return inning;
        }
        for (;;) {
            const int length = lo + (U() < frac ? 1 : 0);
            if (length >= inning) {
                return length;
            }
        }
    }

    int Outcome(const PaRates& p) {
        double x = U();
        for (int i = 0; i < 6; ++i) {
            x -= p[static_cast<std::size_t>(i)];
            if (x < 0.0) {
                return i;
            }
        }
        return 6;
    }

    //! Runs of a half-inning; with stop >= 0 it ends once runs pass stop (only the winning run counts, except on
    //! a home run).
    int Half(const PaRates& p, int outs, int bases, int stop) {
        bool first = bases & 1, second = bases & 2, third = bases & 4;
        int runs = 0;
        while (outs < 3) {
            int scored = 0;
            bool homer = false;
            switch (Outcome(p)) {
            case 0:
                ++outs;
                break;
            case 1:
                if (outs < 2 && first && U() < run_.double_play) {
                    outs += 2;
                    if (outs < 3) {
                        scored = third;
                        third = second;
                        first = second = false;
                    }
                } else if (outs < 2 && third && U() < run_.sacrifice_fly) {
                    ++outs;
                    scored = 1;
                    third = false;
                } else if (outs < 2 && (first || second || third) && U() < run_.out_advance) {
                    ++outs;
                    scored = third;
                    third = second;
                    second = first;
                    first = false;
                } else {
                    ++outs;
                }
                break;
            case 2:
                if (first) {
                    if (second) {
                        scored = third;
                        third = true;
                    }
                    second = true;
                }
                first = true;
                break;
            case 3:
                scored = third;
                third = false;
                if (second) {
                    second = false;
                    if (U() < run_.single_second_scores) {
                        ++scored;
                    } else {
                        third = true;
                    }
                }
                if (first) {
                    if (!third && U() < run_.single_first_to_third) {
                        third = true;
                    } else {
                        second = true;
                    }
                }
                first = true;
                break;
            case 4:
                scored = third + second;
                third = false;
                if (first) {
                    if (U() < run_.double_first_scores) {
                        ++scored;
                    } else {
                        third = true;
                    }
                }
                first = false;
                second = true;
                break;
            case 5:
                scored = first + second + third;
                first = second = false;
                third = true;
                break;
            default:
                scored = first + second + third + 1;
                first = second = third = false;
                homer = true;
                break;
            }
            if (stop >= 0 && runs + scored > stop) {
                return homer ? runs + scored : stop + 1;
            }
            runs += scored;
        }
        return runs;
    }

    std::vector<std::pair<double, double>> days_;
    std::vector<models::MatchupRates> rates_; //!< by (home day, away day)
    models::BaseRunning run_;
    bool auto_runner_;
    double innings_[2];
    std::mt19937_64 rng_;
    std::uniform_real_distribution<double> uniform_{0.0, 1.0};
};

struct Check {
    std::string name;
    double exact;
    double mc;
};

//! Checks |mc - exact| < 4 standard errors (binomial, n games) and prints the z-scores.
void ExpectWithin4Se(const std::vector<Check>& checks, int n, const std::string& label) {
    for (const Check& c : checks) {
        const double se = std::sqrt(std::max(c.exact * (1.0 - c.exact), 1e-12) / n);
        const double z = (c.mc - c.exact) / se;
        std::printf("%s %s: exact %.5f mc %.5f z %+.2f\n", label.c_str(), c.name.c_str(), c.exact, c.mc, z);
        EXPECT_LT(std::abs(z), 4.0) << label << " " << c.name;
    }
}

void CompareWithMonteCarlo(const models::BaseballModel& m, const BaseballState& s, const std::string& label,
                           std::uint64_t seed) {
    constexpr int kGames = 200000;
    const auto start = std::chrono::steady_clock::now();
    const auto exact = ExactBaseball(m, s);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(exact.ok()) << exact.status().message();
    std::printf("%s exact %.2f ms, truncated %.2g\n", label.c_str(), ms, exact->truncated);
    EXPECT_LT(exact->truncated, 1e-9);
    const double line = s.home_runs + s.away_runs + (s.inning == 1 && !s.bottom && s.outs == 0 ? 8.5 : 2.5);
    const ScoreDistribution& g = exact->final_score;
    double home_win = 0.0, over = 0.0, home_cover = 0.0;
    for (std::size_t h = 0; h < g.dim(); ++h) {
        for (std::size_t a = 0; a < g.dim(); ++a) {
            const double p = g.At(h, a);
            home_win += h > a ? p : 0.0;
            over += static_cast<double>(h + a) > line ? p : 0.0;
            home_cover += h >= a + 2 ? p : 0.0;
        }
    }
    Simulator sim(m, seed);
    // The first inning played whole from the state: its runs come from the inning pmfs.
    const int next_inning = std::min(s.inning + (s.bottom || s.outs > 0 || s.bases > 0 ? 1 : 0), 9);
    double mc_win = 0, mc_over = 0, mc_cover = 0, mc_f5_win = 0, mc_f5_over = 0, mc_nrfi = 0, mc_next = 0;
    for (int i = 0; i < kGames; ++i) {
        const Simulator::Game game = sim.Play(s);
        mc_win += game.home > game.away;
        mc_over += game.home + game.away > line;
        mc_cover += game.home >= game.away + 2;
        mc_f5_win += game.f5_home > game.f5_away;
        mc_f5_over += game.f5_home + game.f5_away > 4.5;
        mc_nrfi += game.first_inning_scoreless;
        mc_next += game.inning_runs[next_inning - 1] >= 2;
    }
    std::vector<Check> checks = {{"moneyline", home_win, mc_win / kGames},
                                 {"total over " + std::to_string(line), over, mc_over / kGames},
                                 {"run line -1.5", home_cover, mc_cover / kGames}};
    if (exact->first_five) {
        checks.push_back({"F5 moneyline", exact->first_five->WinProbabilities()[0], mc_f5_win / kGames});
        checks.push_back(
            {"F5 over 4.5", Sum(*exact->first_five, [](int h, int a) { return h + a > 4; }), mc_f5_over / kGames});
    }
    if (exact->first_inning) {
        checks.push_back({"NRFI", exact->first_inning->At(0, 0), mc_nrfi / kGames});
    }
    if (next_inning <= 8) {
        const std::vector<double>& pmf = exact->inning_runs[static_cast<std::size_t>(next_inning - 1)];
        EXPECT_FALSE(pmf.empty()) << label;
        if (!pmf.empty()) {
            checks.push_back(
                {"inning " + std::to_string(next_inning) + " runs >= 2", 1.0 - pmf[0] - pmf[1], mc_next / kGames});
        }
    }
    ExpectWithin4Se(checks, kGames, label);
}

TEST(BaseballExact, MatchesMonteCarloPreGame) {
    CompareWithMonteCarlo(Example(), {}, "pre-game", 1);
}

TEST(BaseballExact, MatchesMonteCarloLive) {
    const models::BaseballModel m = Example();
    // Top 3rd, one out, runners on 1st and 3rd, home up 1-0.
    CompareWithMonteCarlo(m, {3, false, 1, 5, 1, 0, true, true}, "top 3rd 1 out 1st+3rd 1-0", 2);
    // Bottom 7th, two outs, bases loaded, home down 3-4; home starter gone, the visitors' starter finishing the 7th.
    CompareWithMonteCarlo(m, {7, true, 2, 7, 3, 4, false, true}, "bottom 7th 2 out loaded 3-4", 3);
    // Top 9th, tied 2-2, runner on 2nd, both bullpens.
    CompareWithMonteCarlo(m, {9, false, 0, 2, 2, 2, false, false}, "top 9th tied 2-2 runner on 2nd", 4);
    // Bottom 10th under the automatic-runner rule, down 4-5, one out, runners on 2nd and 3rd.
    models::BaseballModel automatic = m;
    automatic.automatic_runner = true;
    CompareWithMonteCarlo(automatic, {10, true, 1, 6, 4, 5, false, false}, "bottom 10th auto runner 4-5", 5);
    CompareWithMonteCarlo(automatic, {8, true, 0, 0, 3, 3, false, false}, "bottom 8th tied auto runner", 6);
}

std::string DataDir() {
    if (const char* env = std::getenv("SIMBOOK_DATA"); env != nullptr && *env != '\0') {
        return env;
    }
    return SIMBOOK_TEST_DATA;
}

// Walk-forward on the first 400 games of 2017 (fitted on 2014-16): the exact game's runs and home wins against
// what happened.
TEST(BaseballExact, FittedGamesLookLikeTheData) {
    if (!std::filesystem::exists(DataDir() + "/baseball/retrosheet/GL2017.TXT")) {
        GTEST_SKIP() << "no ../shared/data";
    }
    const auto games = models::LoadGameLogs(DataDir(), 2014, 2017).value();
    const std::chrono::sys_days opening = std::chrono::year(2017) / 4 / 1;
    const models::FittedBaseball fit = models::FitBaseball(games, opening).value();
    double predicted_runs = 0, actual_runs = 0, predicted_home = 0, actual_home = 0, log_loss = 0, n = 0;
    double base_home = 0, base_n = 0;
    for (const auto& g : games) {
        if (g.date < opening) {
            base_home += g.home.runs > g.away.runs;
            ++base_n;
        }
    }
    const double base_rate = base_home / base_n;
    double base_loss = 0;
    const auto start = std::chrono::steady_clock::now();
    for (const auto& g : games) {
        if (g.date < opening || n >= 400) {
            continue;
        }
        const auto model =
            models::MakeBaseballMatchup(fit, g.home.team, g.away.team, g.home.starter_id, g.away.starter_id, g.park);
        ASSERT_TRUE(model.ok()) << model.status().message();
        const auto exact = ExactBaseball(*model, {});
        ASSERT_TRUE(exact.ok()) << exact.status().message();
        const auto mean = exact->final_score.MeanScore();
        const double p = exact->final_score.WinProbabilities()[0];
        const bool home_won = g.home.runs > g.away.runs;
        predicted_runs += mean[0] + mean[1];
        actual_runs += g.home.runs + g.away.runs;
        predicted_home += p;
        actual_home += home_won;
        log_loss -= std::log(home_won ? p : 1.0 - p);
        base_loss -= std::log(home_won ? base_rate : 1.0 - base_rate);
        ++n;
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("2017 first %.0f games: runs per game predicted %.3f actual %.3f; P(home) predicted %.4f actual %.4f; "
                "log loss %.4f (home base rate %.4f: %.4f); %.2f ms per game (matchup + exact)\n",
                n, predicted_runs / n, actual_runs / n, predicted_home / n, actual_home / n, log_loss / n, base_rate,
                base_loss / n, ms / n);
    EXPECT_EQ(n, 400);
    EXPECT_NEAR(predicted_runs / n, 2 * fit.runs_per_team_game, 0.4);
    EXPECT_NEAR(predicted_home / n, base_rate, 0.03);
    EXPECT_LT(log_loss / n, 0.70);
}

} // namespace
} // namespace simbook::engine
