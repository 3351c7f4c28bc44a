// The baseball Monte Carlo kernel against the exact oracle (engine::ExactBaseball), pre-game and from live states.
#include "engine/baseball/exact.hpp"
#include "engine/baseball/kernel_params.hpp"
#include "kernels/baseball/launch.hpp"
#include "models/baseball_model.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace simbook::engine {
namespace {

namespace kb = kernels::baseball;

constexpr std::size_t kPaths = 200000;

struct Check {
    std::string name;
    double exact;
    double mc;
};

//! P(f(home, away)) under a joint score grid.
double Probability(const ScoreDistribution& g, const std::function<bool(int, int)>& f) {
    double sum = 0.0;
    for (std::size_t h = 0; h < g.dim(); ++h) {
        for (std::size_t a = 0; a < g.dim(); ++a) {
            sum += f(static_cast<int>(h), static_cast<int>(a)) ? g.At(h, a) : 0.0;
        }
    }
    return sum;
}

//! Share of paths where f(outcome) holds.
double Share(const std::vector<kb::BaseballOutcome>& paths, const std::function<bool(const kb::BaseballOutcome&)>& f) {
    double n = 0.0;
    for (const kb::BaseballOutcome& o : paths) {
        n += f(o) ? 1.0 : 0.0;
    }
    return n / static_cast<double>(paths.size());
}

//! |mc - exact| < 4 binomial standard errors for every check; prints the z-scores.
void ExpectWithin4Se(const std::vector<Check>& checks, const std::string& label) {
    for (const Check& c : checks) {
        const double se = std::sqrt(std::max(c.exact * (1.0 - c.exact), 1e-12) / static_cast<double>(kPaths));
        const double z = (c.mc - c.exact) / se;
        std::printf("%-34s %-22s exact %.5f mc %.5f z %+.2f\n", label.c_str(), c.name.c_str(), c.exact, c.mc, z);
        EXPECT_LT(std::abs(z), 4.0) << label << " " << c.name;
    }
}

//! The score lines the checks use: the total's main line and one two runs higher.
std::vector<double> TotalLines(const ScoreDistribution& g) {
    double mean = 0.0;
    for (std::size_t h = 0; h < g.dim(); ++h) {
        for (std::size_t a = 0; a < g.dim(); ++a) {
            mean += static_cast<double>(h + a) * g.At(h, a);
        }
    }
    const double main = std::floor(mean) + 0.5;
    return {main, main + 2.0};
}

std::vector<Check> GameChecks(const BaseballExact& exact, const std::vector<kb::BaseballOutcome>& paths) {
    const ScoreDistribution& g = exact.final_score;
    std::vector<Check> checks = {
        {"moneyline home", Probability(g, [](int h, int a) { return h > a; }),
         Share(paths, [](const auto& o) { return o.score[0] > o.score[1]; })},
        {"run line home -1.5", Probability(g, [](int h, int a) { return h >= a + 2; }),
         Share(paths, [](const auto& o) { return o.score[0] >= o.score[1] + 2; })},
        {"run line away -1.5", Probability(g, [](int h, int a) { return a >= h + 2; }),
         Share(paths, [](const auto& o) { return o.score[1] >= o.score[0] + 2; })},
        {"walk-off", exact.walkoff, Share(paths, [](const auto& o) { return o.walkoff != 0; })},
    };
    for (double line : TotalLines(g)) {
        checks.push_back({"over " + std::to_string(line).substr(0, 4),
                          Probability(g, [line](int h, int a) { return h + a > line; }),
                          Share(paths, [line](const auto& o) { return o.score[0] + o.score[1] > line; })});
    }
    if (exact.extra_innings < 1.0) {
        checks.push_back(
            {"extra innings", exact.extra_innings, Share(paths, [](const auto& o) { return o.innings > 9; })});
    }
    return checks;
}

//! First five, first inning and the runs of the next whole inning, where the state allows them.
std::vector<Check> EarlyChecks(const BaseballExact& exact, const BaseballState& s,
                               const std::vector<kb::BaseballOutcome>& paths) {
    std::vector<Check> checks;
    if (exact.first_five) {
        checks.push_back({"F5 moneyline home", Probability(*exact.first_five, [](int h, int a) { return h > a; }),
                          Share(paths, [](const auto& o) { return o.first_five[0] > o.first_five[1]; })});
        checks.push_back({"F5 tie", Probability(*exact.first_five, [](int h, int a) { return h == a; }),
                          Share(paths, [](const auto& o) { return o.first_five[0] == o.first_five[1]; })});
    }
    if (exact.first_inning) {
        checks.push_back({"NRFI", exact.first_inning->At(0, 0), Share(paths, [&s](const auto& o) {
                              return s.home_runs + o.inning_runs[0][0] == 0 && s.away_runs + o.inning_runs[1][0] == 0;
                          })});
    }
    const bool at_start = !s.bottom && s.outs == 0 && s.bases == 0;
    const int next = s.inning + (at_start ? 0 : 1);
    if (next <= 8 && !exact.inning_runs[static_cast<std::size_t>(next - 1)].empty()) {
        const std::vector<double>& pmf = exact.inning_runs[static_cast<std::size_t>(next - 1)];
        checks.push_back({"inning " + std::to_string(next) + " runs >= 2", 1.0 - pmf[0] - pmf[1],
                          Share(paths, [next](const auto& o) {
                              return o.inning_runs[0][next - 1] + o.inning_runs[1][next - 1] >= 2;
                          })});
    }
    return checks;
}

void CompareWithExact(const models::BaseballModel& m, const BaseballState& s, const std::string& label,
                      std::uint64_t seed) {
    const auto exact = ExactBaseball(m, s);
    ASSERT_TRUE(exact.ok()) << exact.status().message();
    const auto params = MakeBaseballKernelParams(m);
    const auto state = MakeBaseballKernelState(s);
    ASSERT_TRUE(params.ok() && state.ok());
    std::vector<kb::BaseballOutcome> paths(kPaths);
    const Status status = kernels::RunBaseball(*params, *state, seed, 0, kPaths, paths.data(), {});
    ASSERT_TRUE(status.ok()) << status.message();
    EXPECT_EQ(Share(paths, [](const auto& o) { return o.invalid != 0; }), 0.0);
    ExpectWithin4Se(GameChecks(*exact, paths), label);
    ExpectWithin4Se(EarlyChecks(*exact, s, paths), label);
}

models::BaseballModel Fitted() {
    std::ifstream in(std::string(SIMBOOK_SOURCE_PARAMS_DIR) + "/mlb/BOS-NYA-20180508.json");
    EXPECT_TRUE(in.good()) << "models/params/mlb/BOS-NYA-20180508.json";
    const auto model = models::BaseballModelFromJson(nlohmann::json::parse(in));
    EXPECT_TRUE(model.ok()) << model.status().message();
    return model.value();
}

TEST(BaseballMonteCarlo, MatchesExactPreGame) {
    CompareWithExact(models::ExampleBaseballModel(), {}, "example pre-game", 1);
    CompareWithExact(Fitted(), {}, "fitted BOS at NYA pre-game", 2);
}

TEST(BaseballMonteCarlo, MatchesExactLive) {
    const models::BaseballModel m = models::ExampleBaseballModel();
    CompareWithExact(m, {1, false, 1, 1, 0, 0, true, true}, "top 1st 1 out on 1st", 3);
    CompareWithExact(m, {3, false, 1, 5, 1, 0, true, true}, "top 3rd 1 out 1st+3rd 1-0", 4);
    CompareWithExact(m, {7, true, 2, 7, 3, 4, false, true}, "bottom 7th 2 out loaded 3-4", 5);
    CompareWithExact(m, {9, true, 1, 2, 3, 4, false, false}, "bottom 9th 1 out on 2nd 3-4", 6);
    CompareWithExact(m, {9, false, 0, 0, 4, 2, true, false}, "top 9th home up 4-2", 7);
    CompareWithExact(m, {11, false, 0, 0, 5, 5, false, false}, "top 11th tied 5-5", 8);
}

TEST(BaseballMonteCarlo, MatchesExactWithTheAutomaticRunner) {
    models::BaseballModel m = Fitted();
    m.automatic_runner = true;
    CompareWithExact(m, {10, true, 1, 6, 4, 5, false, false}, "auto runner bottom 10th 4-5", 9);
    CompareWithExact(m, {8, true, 0, 0, 3, 3, false, false}, "auto runner bottom 8th tied", 10);
}

} // namespace
} // namespace simbook::engine
