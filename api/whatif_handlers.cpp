// What-if and momentum: a game's prices under a scenario on common random numbers, and its momentum and
// next-event markets from a state (whatif/).
#include "api/errors.hpp"
#include "api/handlers.hpp"
#include "api/request_reader.hpp"
#include "api/service_context.hpp"
#include "whatif/whatif_api.hpp"

namespace simbook::api {
namespace {

whatif::WhatIfContext Context(ServiceContext& ctx, Role role) {
    whatif::WhatIfContext context;
    context.params_dir = ctx.options.params_dir;
    context.launch = {kernels::Backend::kCpu, ctx.options.sim_threads};
    context.max_paths = ctx.Budget(role).max_paths;
    context.max_total_paths = 10 * context.max_paths;
    return context;
}

} // namespace

RouteReply WhatIf(ServiceContext& ctx, const RouteCall& call) {
    return LayerRequest(ctx, call, Context(ctx, call.who.role), &whatif::WhatIfRequest);
}

RouteReply Momentum(ServiceContext& ctx, const RouteCall& call) {
    return LayerRequest(ctx, call, Context(ctx, call.who.role), &whatif::MomentumRequest);
}

} // namespace simbook::api
