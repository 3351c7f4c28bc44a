// A run split into disjoint ranges of path ids (what MPI ranks run) sums, count by count, to the whole run.
#include "engine/report.hpp"
#include "engine/result_counts.hpp"
#include "engine/simulation.hpp"
#include "models/baseball_model.hpp"
#include "models/basketball_model.hpp"
#include "models/soccer_model.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace simbook::engine {
namespace {

std::vector<GameSpec> Games() {
    return {StartGame(models::SoccerModel{}).value(), StartGame(models::ExampleBasketballModel()).value(),
            StartGame(models::ExampleBaseballModel()).value()};
}

SimulationResult RunShare(const GameSpec& game, std::uint64_t first, std::uint64_t paths) {
    auto r = Simulation(game).WithSeed(9).WithFirstPath(first).WithPaths(paths).WithBatchSize(4096).Run();
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.value();
}

TEST(ResultCounts, SharesOfARunSumToTheWholeRun) {
    constexpr std::uint64_t kPaths = 20000;
    for (const GameSpec& game : Games()) {
        const SimulationResult whole = RunShare(game, 0, kPaths);
        // Three uneven shares, as three ranks would run them.
        const std::vector<std::uint64_t> cuts{0, 6917, 13000, kPaths};
        std::vector<std::uint64_t> sum(CountWords(whole).size(), 0);
        for (std::size_t r = 0; r + 1 < cuts.size(); ++r) {
            const SimulationResult share = RunShare(game, cuts[r], cuts[r + 1] - cuts[r]);
            EXPECT_EQ(share.sims + share.invalid_paths, cuts[r + 1] - cuts[r]);
            const std::vector<std::uint64_t> words = CountWords(share);
            ASSERT_EQ(words.size(), sum.size());
            for (std::size_t i = 0; i < words.size(); ++i) {
                sum[i] += words[i];
            }
        }
        SimulationResult merged = RunShare(game, 0, 1); // any result of the game: every count is replaced
        ASSERT_TRUE(SetCountWords(merged, sum).ok());
        EXPECT_EQ(ToJson(merged).dump(), ToJson(whole).dump()) << SportName(SportOf(game));
        // A share is not the whole: the check has power.
        EXPECT_NE(ToJson(RunShare(game, 6917, kPaths - 6917)).dump(), ToJson(whole).dump());
    }
}

TEST(ResultCounts, WordsOfAnotherGameAreRefusedAndChangeNothing) {
    const std::vector<GameSpec> games = Games();
    SimulationResult soccer = RunShare(games[0], 0, 100);
    const std::string before = ToJson(soccer).dump();
    const std::vector<std::uint64_t> basketball = CountWords(RunShare(games[1], 0, 100));
    const Status s = SetCountWords(soccer, basketball);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(ToJson(soccer).dump(), before);
}

TEST(ResultCounts, PathIdsPast64BitsAreRefused) {
    const auto r = Simulation(Games()[0]).WithFirstPath(~std::uint64_t{0} - 10).WithPaths(100).Run();
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

} // namespace
} // namespace simbook::engine
