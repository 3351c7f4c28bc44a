// The path driver: consumers see every path id once, in chunks that never change a result (thread count, batch
// size), paired games run on the same ids, a stop ends the run at a batch boundary, and errors stop it.
#include "engine/game_state.hpp"
#include "engine/path_driver.hpp"
#include "engine/simulation.hpp"
#include "models/basketball_model.hpp"
#include "models/soccer_model.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace simbook::engine {
namespace {

namespace ks = kernels::soccer;

SoccerGame Match(double home_xg) {
    models::SoccerModel model;
    model.home_xg = home_xg;
    return SoccerGame{models::MakeSoccerParams(model).value(), SoccerKickOff()};
}

//! Records every path's final score by id, and counts the Sink/Combine/Finalize calls.
class Recorder final : public PathSink<ks::SoccerOutcome> {
public:
    explicit Recorder(std::uint64_t paths) : scores_(paths, -1), paired_(paths, -1) {}
    void Begin(int locals) override { locals_ = locals; }
    void Sink(int local, const PathChunk<ks::SoccerOutcome>& chunk) override {
        EXPECT_GE(local, 0);
        EXPECT_LT(local, locals_);
        for (std::size_t i = 0; i < chunk.base.size(); ++i) {
            const std::uint64_t id = chunk.first_path + i;
            EXPECT_EQ(scores_[id], -1) << "path " << id << " sunk twice";
            scores_[id] = 100 * chunk.base[i].home + chunk.base[i].away;
            if (!chunk.paired.empty()) {
                paired_[id] = 100 * chunk.paired[0][i].home + chunk.paired[0][i].away;
            }
        }
    }
    void Combine() override { ++combines_; }
    Status Finalize() override {
        ++finalizes_;
        return Status::Ok();
    }

    std::vector<int> scores_;
    std::vector<int> paired_;
    int locals_ = 0;
    int combines_ = 0;
    int finalizes_ = 0;
};

std::vector<int> ScoresOf(int threads, std::uint64_t batch, std::uint64_t paths = 5000) {
    const SoccerGame game = Match(1.5);
    Recorder recorder(paths);
    PathSink<ks::SoccerOutcome>* sinks[] = {&recorder};
    PathRun run;
    run.seed = 17;
    run.paths = paths;
    run.batch = batch;
    run.launch = {kernels::Backend::kCpu, threads};
    const auto info = RunPaths(game, std::span<const SoccerGame>(), run, sinks);
    EXPECT_TRUE(info.ok());
    EXPECT_EQ(info.value().paths, paths);
    EXPECT_EQ(recorder.combines_, 1);
    EXPECT_EQ(recorder.finalizes_, 1);
    return recorder.scores_;
}

TEST(PathDriver, EveryPathOnceWhateverTheThreadsAndBatches) {
    const std::vector<int> reference = ScoresOf(1, 1 << 16);
    for (int score : reference) {
        ASSERT_GE(score, 0);
    }
    EXPECT_EQ(ScoresOf(2, 1 << 16), reference);
    EXPECT_EQ(ScoresOf(2, 777), reference);
    EXPECT_EQ(ScoresOf(3, 1), reference);
}

TEST(PathDriver, PairedGamesRunOnTheSameIdsAndSeed) {
    const SoccerGame base = Match(1.5);
    const SoccerGame same[] = {Match(1.5)};
    Recorder recorder(3000);
    PathSink<ks::SoccerOutcome>* sinks[] = {&recorder};
    PathRun run;
    run.seed = 5;
    run.paths = 3000;
    run.launch = {kernels::Backend::kCpu, 2};
    const std::uint64_t before = PathsEvaluated();
    ASSERT_TRUE(RunPaths(base, std::span<const SoccerGame>(same), run, sinks).ok());
    EXPECT_EQ(PathsEvaluated() - before, 6000U);
    // Common random numbers: an identical paired game gives identical paths.
    EXPECT_EQ(recorder.paired_, recorder.scores_);
    // Another seed for the paired game gives other paths.
    Recorder other(3000);
    PathSink<ks::SoccerOutcome>* other_sinks[] = {&other};
    run.paired_seed = 6;
    ASSERT_TRUE(RunPaths(base, std::span<const SoccerGame>(same), run, other_sinks).ok());
    EXPECT_EQ(other.scores_, recorder.scores_);
    EXPECT_NE(other.paired_, recorder.paired_);
}

TEST(PathDriver, StopsAtABatchBoundaryAndRefusesBadRuns) {
    const SoccerGame game = Match(1.2);
    Recorder recorder(10'000);
    PathSink<ks::SoccerOutcome>* sinks[] = {&recorder};
    PathRun run;
    run.paths = 10'000;
    run.batch = 1000;
    run.launch = {kernels::Backend::kCpu, 1};
    run.stop_after_batch = [](std::uint64_t done) { return done >= 3000; };
    const auto info = RunPaths(game, std::span<const SoccerGame>(), run, sinks);
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info.value().paths, 3000U);
    EXPECT_EQ(recorder.scores_[2999] >= 0, true);
    EXPECT_EQ(recorder.scores_[3000], -1);
    EXPECT_EQ(recorder.combines_, 1);

    run.stop_after_batch = nullptr;
    run.paths = 0;
    EXPECT_EQ(RunPaths(game, std::span<const SoccerGame>(), run, sinks).status().code(), StatusCode::kInvalidArgument);
    run.paths = 10;
    run.batch = 0;
    EXPECT_EQ(RunPaths(game, std::span<const SoccerGame>(), run, sinks).status().code(), StatusCode::kInvalidArgument);
}

TEST(PathDriver, StopsPastTheThreadsRunDeadline) {
    const SoccerGame game = Match(1.2);
    PathRun run;
    run.paths = 10'000;
    run.batch = 1000;
    run.launch = {kernels::Backend::kCpu, 1};
    {
        Recorder recorder(10'000);
        PathSink<ks::SoccerOutcome>* sinks[] = {&recorder};
        const kernels::ScopedRunDeadline limit(0.0);
        const auto past = RunPaths(game, std::span<const SoccerGame>(), run, sinks);
        ASSERT_EQ(past.status().code(), StatusCode::kDeadlineExceeded);
        EXPECT_NE(past.status().message().find("time budget of 0 s"), std::string::npos) << past.status().message();
        EXPECT_EQ(recorder.scores_[999] >= 0, true); // one batch ran
        EXPECT_EQ(recorder.scores_[1000], -1);
        {
            // The innermost scope wins, and leaving it restores the outer one.
            const kernels::ScopedRunDeadline generous(3600.0);
            Recorder again(10'000);
            PathSink<ks::SoccerOutcome>* more[] = {&again};
            EXPECT_TRUE(RunPaths(game, std::span<const SoccerGame>(), run, more).ok());
        }
        EXPECT_EQ(kernels::CheckRunDeadline().code(), StatusCode::kDeadlineExceeded);
    }
    // Outside any scope, no limit.
    EXPECT_TRUE(kernels::CheckRunDeadline().ok());
    Recorder recorder(10'000);
    PathSink<ks::SoccerOutcome>* sinks[] = {&recorder};
    EXPECT_TRUE(RunPaths(game, std::span<const SoccerGame>(), run, sinks).ok());
}

// A Simulation and an extra consumer on the same run see the same paths: the consumer's count of home wins
// equals the result's.
TEST(PathDriver, ExtraConsumersOfASimulationSeeItsPaths) {
    const SoccerGame game = Match(1.6);
    std::atomic<std::uint64_t> home_wins{0}, valid{0};
    ForEachPath<ks::SoccerOutcome> count([&](int, std::uint64_t, const ks::SoccerOutcome& o) {
        if (o.invalid == 0) {
            ++valid;
            home_wins += o.home > o.away ? 1 : 0;
        }
    });
    PathSink<ks::SoccerOutcome>* more[] = {&count};
    Simulation simulation(game);
    simulation.WithPaths(20'000).WithSeed(3).WithLaunch({kernels::Backend::kCpu, 2});
    const auto result = simulation.RunWith<SoccerGame>(more);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(valid.load(), result.value().sims);
    const auto plain = simulation.Run().value();
    EXPECT_EQ(result.value().sims, plain.sims);
    EXPECT_NEAR(static_cast<double>(home_wins.load()) / static_cast<double>(valid.load()), plain.WinProbabilities()[0],
                1e-12);
    // The wrong sport is refused.
    EXPECT_FALSE(
        simulation.RunWith<BasketballGame>(std::span<PathSink<kernels::basketball::BasketballOutcome>* const>()).ok());
}

} // namespace
} // namespace simbook::engine
