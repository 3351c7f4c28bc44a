#include "engine/simulation.hpp"

#include "engine/game_state.hpp"
#include "engine/hdf5_writer.hpp"
#include "engine/report.hpp"
#include "models/basketball_model.hpp"
#include "models/soccer_model.hpp"

#include <H5Cpp.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>

namespace simbook::engine {
namespace {

Simulation SoccerSim() {
    return Simulation(SoccerGame{models::MakeSoccerParams(models::SoccerModel{}).value(), SoccerKickOff()});
}

Simulation BasketballSim() {
    const models::BasketballModel m = models::ExampleBasketballModel();
    return Simulation(BasketballGame{models::MakeBasketballParams(m).value(), BasketballTipOff(), {"a", "b"}});
}

std::string Json(Simulation sim, int threads, std::uint64_t batch) {
    const auto r =
        sim.WithPaths(50000).WithSeed(42).WithLaunch({kernels::Backend::kCpu, threads}).WithBatchSize(batch).Run();
    EXPECT_TRUE(r.ok()) << r.status().message();
    return ToJson(r.value()).dump();
}

TEST(SimulationTest, ResultDoesNotDependOnThreadsOrBatchSize) {
    for (const Simulation& sim : {SoccerSim(), BasketballSim()}) {
        const std::string reference = Json(sim, 1, 65536);
        EXPECT_EQ(Json(sim, 2, 65536), reference);
        EXPECT_EQ(Json(sim, 2, 7777), reference);
        EXPECT_EQ(Json(sim, 1, 1000), reference);
    }
}

TEST(SimulationTest, DifferentSeedsGiveDifferentResults) {
    const auto a = SoccerSim().WithPaths(20000).WithSeed(1).Run().value();
    const auto b = SoccerSim().WithPaths(20000).WithSeed(2).Run().value();
    EXPECT_NE(ToJson(a).dump(), ToJson(b).dump());
}

TEST(SimulationTest, StopsAtTheStandardErrorTarget) {
    const auto r = SoccerSim().WithSeed(5).WithTargetStandardError(0.002, 5'000'000).WithBatchSize(10000).Run();
    ASSERT_TRUE(r.ok());
    EXPECT_LE(r.value().HomeWinStandardError(), 0.002);
    EXPECT_LT(r.value().sims, 5'000'000u);
    EXPECT_GT(r.value().sims, 10000u); // 0.002 needs ~62k paths at p ~ 0.43
    EXPECT_EQ(r.value().sims % 10000, 0u);
}

TEST(SimulationTest, RefusesBadSettings) {
    EXPECT_EQ(SoccerSim().WithPaths(0).Run().status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(SoccerSim().WithPaths(kMaxSims + 1).Run().status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(SoccerSim().WithTargetStandardError(-1.0, 100).Run().status().code(), StatusCode::kInvalidArgument);
    if (!kernels::CudaAvailable()) {
        const auto r = SoccerSim().WithPaths(10).WithLaunch({kernels::Backend::kCuda, 0}).Run();
        EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
        EXPECT_NE(r.status().message().find("cuda"), std::string::npos);
    }
}

TEST(SimulationTest, JsonCarriesTheContract) {
    const auto soccer = ToJson(SoccerSim().WithPaths(10000).Run().value());
    for (const char* key : {"sims", "seed", "backend", "win_probability", "mean_score", "standard_error",
                            "score_distribution", "half_time", "first_goal", "lead_changes"}) {
        EXPECT_TRUE(soccer.contains(key)) << key;
    }
    double total = 0.0;
    for (const auto& cell : soccer["score_distribution"]) {
        total += cell[2].get<double>();
    }
    EXPECT_NEAR(total, 1.0, 1e-9);
    const auto basketball = ToJson(BasketballSim().WithPaths(2000).Run().value());
    ASSERT_TRUE(basketball.contains("players"));
    EXPECT_EQ(basketball["players"].size(), 20u);
    EXPECT_EQ(basketball["players"][0]["name"], "a");
    EXPECT_TRUE(basketball["players"][5]["points"].contains("p90"));
    EXPECT_EQ(basketball["win_probability"]["draw"].get<double>(), 0.0);
}

TEST(Hdf5WriterTest, WritesDistributionsAndAttributes) {
    const auto r = SoccerSim().WithPaths(20000).WithSeed(9).Run().value();
    const std::string path = ::testing::TempDir() + "simbook_test.h5";
    ASSERT_TRUE(WriteHdf5(path, r, R"({"home_xg":1.45})", "{}").ok());
    H5::H5File file(path, H5F_ACC_RDONLY);
    std::uint64_t sims = 0;
    file.openGroup("/").openAttribute("sims").read(H5::PredType::NATIVE_UINT64, &sims);
    EXPECT_EQ(sims, 20000u);
    H5::DataSet counts = file.openDataSet("score_counts");
    hsize_t dims[2];
    counts.getSpace().getSimpleExtentDims(dims);
    std::vector<std::uint64_t> data(dims[0] * dims[1]);
    counts.read(data.data(), H5::PredType::NATIVE_UINT64);
    std::uint64_t total = 0;
    for (std::uint64_t c : data) {
        total += c;
    }
    EXPECT_EQ(total, 20000u);
    EXPECT_EQ(data[1 * dims[1] + 1], r.score.count(1, 1));
    file.close();
    std::remove(path.c_str());
    EXPECT_FALSE(WriteHdf5("/nonexistent-dir/x.h5", r, "{}", "{}").ok());
}

} // namespace
} // namespace simbook::engine
