// Fantasy: player projections as distributions and salary-cap lineups from the joint simulation, fantasy/.
#include "api/errors.hpp"
#include "api/handlers.hpp"
#include "api/request_reader.hpp"
#include "api/service_context.hpp"
#include "fantasy/fantasy_api.hpp"

#include <algorithm>

namespace simbook::api {
namespace {

fantasy::FantasyContext Context(ServiceContext& ctx, Role role) {
    fantasy::FantasyContext context;
    context.params_dir = ctx.options.params_dir;
    context.extra_rates_file = fantasy::DefaultExtraRatesFile();
    context.max_sims = std::min<std::uint64_t>(50'000, ctx.Budget(role).max_paths);
    context.default_sims = std::min<std::uint64_t>(10'000, context.max_sims);
    context.threads = ctx.options.sim_threads;
    context.backend = kernels::Backend::kCpu;
    return context;
}

} // namespace

RouteReply FantasyProjections(ServiceContext& ctx, const RouteCall& call) {
    return LayerRequest(ctx, call, Context(ctx, call.who.role), &fantasy::ProjectionsRequest);
}

RouteReply FantasyLineups(ServiceContext& ctx, const RouteCall& call) {
    return LayerRequest(ctx, call, Context(ctx, call.who.role), &fantasy::LineupsRequest);
}

} // namespace simbook::api
