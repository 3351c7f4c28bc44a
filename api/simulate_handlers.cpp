// POST /v1/simulate: one game simulated within the server's path and time limits, its distribution summary.
#include "api/errors.hpp"
#include "api/handlers.hpp"
#include "api/requests.hpp"
#include "api/service_context.hpp"
#include "engine/report.hpp"
#include "kernels/core/run_deadline.hpp"

#include <algorithm>

namespace simbook::api {

RouteReply Simulate(ServiceContext& ctx, const RouteCall& call) {
    const ComputeBudget budget = ctx.Budget(call.who.role);
    const double seconds =
        budget.seconds > 0.0 ? std::min(budget.seconds, ctx.options.simulate_seconds) : ctx.options.simulate_seconds;
    const SimulateRequest request = ReadRequest<SimulateRequest>(call.request.body, budget.max_paths);
    LoadedGame loaded =
        LoadEventGame(ctx.options.params_dir, request.sport, request.league, request.home_team, request.away_team);
    engine::Simulation simulation = MakeSimulation(std::move(loaded.game), request.state);
    simulation.WithSeed(request.seed)
        .WithPaths(request.sims)
        .WithBatchSize(1 << 14)
        .WithLaunch({kernels::Backend::kCpu, ctx.options.sim_threads});
    // The time limit is checked between batches of 16,384 paths: a run past it stops there and answers 504.
    const kernels::ScopedRunDeadline limit(seconds);
    Result<engine::SimulationResult> result = simulation.Run();
    if (!result.ok()) {
        throw FromStatus(result.status(), result.status().code() == StatusCode::kDeadlineExceeded ? "sims" : "");
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
