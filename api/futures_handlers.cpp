// POST /v1/futures: season futures from a table and fixtures (or a past season cut at a date), futures/.
#include "api/errors.hpp"
#include "api/handlers.hpp"
#include "api/request_reader.hpp"
#include "api/service_context.hpp"
#include "futures/futures_api.hpp"

namespace simbook::api {

RouteReply Futures(ServiceContext& ctx, const RouteCall& call) {
    futures::FuturesContext context;
    context.params_dir = ctx.options.params_dir;
    context.data_dir = ctx.options.data_dir;
    context.threads = ctx.options.sim_threads;
    context.max_seasons = std::min(ctx.options.futures_max_seasons, ctx.Budget(call.who.role).max_paths);
    context.backend = kernels::Backend::kCpu;
    return LayerRequest(ctx, call, context, &futures::FuturesRequest);
}

} // namespace simbook::api
