// POST /v1/simulate: one game simulated within the server's path and time limits, its distribution summary.
#include "api/errors.hpp"
#include "api/handlers.hpp"
#include "api/requests.hpp"
#include "api/service_context.hpp"
#include "engine/report.hpp"

#include <chrono>
#include <cstdio>

namespace simbook::api {

RouteReply Simulate(ServiceContext& ctx, const RouteCall& call) {
    const ServiceOptions& options = ctx.options;
    const SimulateRequest request = ReadRequest<SimulateRequest>(call.request.body, options.simulate_max_sims);
    LoadedGame loaded =
        LoadEventGame(options.params_dir, request.sport, request.league, request.home_team, request.away_team);
    engine::Simulation simulation = MakeSimulation(std::move(loaded.game), request.state);
    // The time limit is checked between batches of 16,384 paths: a run past it stops there and answers 504.
    struct PastDeadline {};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(options.simulate_seconds);
    simulation.WithSeed(request.seed)
        .WithPaths(request.sims)
        .WithBatchSize(1 << 14)
        .WithLaunch({kernels::Backend::kCpu, options.sim_threads})
        .WithProgress([deadline](std::uint64_t done, std::uint64_t planned) {
            if (done < planned && std::chrono::steady_clock::now() > deadline) {
                throw PastDeadline{};
            }
        });
    std::optional<Result<engine::SimulationResult>> run;
    try {
        run.emplace(simulation.Run());
    } catch (const PastDeadline&) {
        char message[128];
        std::snprintf(message, sizeof(message), "the simulation ran past the %.3g s limit; ask for fewer sims",
                      options.simulate_seconds);
        throw MakeError(StatusCode::kDeadlineExceeded, message, "sims");
    }
    Result<engine::SimulationResult>& result = *run;
    if (!result.ok()) {
        throw FromStatus(result.status());
    }
    ++ctx.metrics.simulations;
    nlohmann::json out = engine::ToJson(result.value());
    out["sport"] = request.sport;
    out["league"] = request.league;
    out["home_team"] = request.home_team;
    out["away_team"] = request.away_team;
    return out;
}

} // namespace simbook::api
