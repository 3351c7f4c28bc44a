#include "app/serve_command.hpp"

#include "api/server.hpp"
#include "app/game_setup.hpp"
#include "models/soccer_data.hpp"

#include <cstdio>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <memory>
#include <string>
#include <vector>

namespace simbook::app {
namespace {

//! A long-running server's memory stays bounded: glibc raises its mmap threshold each time a large block is freed,
//! so the path buffers of simulate and fantasy requests (tens of MiB) end up in the heap arenas, which fragment and
//! keep the pages. A fixed threshold maps every large block on its own and returns it to the system when freed.
void BoundHeapRetention() {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    mallopt(M_TRIM_THRESHOLD, 1024 * 1024);
#endif
}

int RunServe(api::ServerOptions options, const std::vector<std::string>& budgets) {
    BoundHeapRetention();
    for (const std::string& budget : budgets) {
        if (Status set = api::SetComputeBudget(budget, &options.service); !set.ok()) {
            return Fail(set.message());
        }
    }
    options.service.data_dir = models::ResolveDataDir(options.service.data_dir);
    const std::string bind = options.bind;
    auto server = api::Server::Create(std::move(options));
    if (!server.ok()) {
        return Fail(server.status().message());
    }
    api::Server& s = *server.value();
    s.Start();
    std::printf("simbook serve: listening on http://%s:%u (Ctrl-C or SIGTERM stops)\n", bind.c_str(),
                static_cast<unsigned>(s.Port()));
    for (const auto& [role, key] : s.DemoKeys()) {
        std::printf("demo key (%s): %s\n", std::string(api::ToString(role)).c_str(), key.c_str());
    }
    for (const std::string& id : s.GetService().EventIds()) {
        std::printf("demo event: %s  (GET /v1/events/%s/odds)\n", id.c_str(), id.c_str());
    }
    std::fflush(stdout);
    s.RunUntilSignal();
    return 0;
}

} // namespace

void RegisterServeCommand(CLI::App& app, int* exit_code) {
    auto options = std::make_shared<api::ServerOptions>();
    options->service.params_dir = DefaultParamsDir();
    options->service.store = "simbook.sqlite";
    CLI::App* command =
        app.add_subcommand("serve", "run the HTTP API: live odds, game states and bets. Options may also come "
                                    "from `--config FILE`, a TOML/INI file with a [serve] section "
                                    "of 'long-option = value' lines (the command line wins)");
    command->add_option("--bind", options->bind, "address to listen on")->capture_default_str();
    command->add_option("--port", options->port, "TCP port (0: any free port)")->capture_default_str();
    command->add_option("--threads", options->threads, "I/O threads (HTTP parsing, cached odds, WebSocket)")
        ->capture_default_str();
    command
        ->add_option("--compute-threads", options->compute_threads,
                     "threads of each compute pool: one prices the events (state updates), one runs clients' "
                     "simulations, what-if, momentum, futures and fantasy")
        ->capture_default_str();
    command
        ->add_option("--exact-tables", options->exact_tables,
                     "models whose precomputed exact main-line tables are kept (basketball with a lead pull: built "
                     "in the background, about 25 MB each: under a millisecond per live update instead of several; "
                     "0: none)")
        ->capture_default_str();
    command
        ->add_option("--store", options->service.store,
                     "SQLite file of bets, markets and events (:memory: for none), or a PostgreSQL URI "
                     "(postgresql://...) that several nodes share")
        ->capture_default_str();
    command->add_option("--keys", options->keys_file,
                        "API keys file, lines 'NAME ROLE KEY' (KEY plain or sha256:HEX; roles sportsbook, "
                        "fantasy, trader, admin); without it demo keys are printed at start");
    command->add_option("--params-dir", options->service.params_dir, "folder of fitted models")->capture_default_str();
    command->add_option("--data", options->service.data_dir,
                        "results data for futures backtests (default: $SIMBOOK_DATA, else ../shared/data)");
    command
        ->add_option("--futures-max-seasons", options->service.futures_max_seasons,
                     "most seasons one POST /v1/futures may ask for")
        ->capture_default_str();
    command->add_option("--sims", options->service.sims, "Monte Carlo paths per repricing")->capture_default_str();
    command->add_flag("--coalesce-launches", options->service.coalesce_launches,
                      "state updates repriced at the same time share one kernel launch (many games per launch: for "
                      "a GPU; the same prices)");
    command->add_option("--sim-threads", options->service.sim_threads, "OpenMP threads per repricing")
        ->capture_default_str();
    command->add_option("--margin", options->service.margin, "overround of every market, in [0, 0.5)")
        ->capture_default_str();
    command
        ->add_option("--simulate-max-sims", options->service.simulate_max_sims,
                     "most paths one POST /v1/simulate may ask for")
        ->capture_default_str();
    command
        ->add_option("--simulate-seconds", options->service.simulate_seconds,
                     "wall-clock limit of one POST /v1/simulate (504 beyond)")
        ->capture_default_str();
    command->add_option("--body-limit", options->body_limit, "largest request body in bytes (413 above)")
        ->capture_default_str();
    command->add_option("--read-timeout", options->read_timeout_seconds, "seconds a request may take to arrive")
        ->capture_default_str();
    command
        ->add_option("--rate-limit", options->service.rate_limit,
                     "requests per second per API key (token bucket; 429 with Retry-After above; 0: no limit)")
        ->capture_default_str();
    command
        ->add_option("--rate-burst", options->service.rate_burst,
                     "requests a key may send at once before --rate-limit applies (0: twice the rate)")
        ->capture_default_str();
    command->add_option("--cors-origin", options->cors_origin,
                        "allow browser requests from this origin (Access-Control-Allow-Origin); default none");
    command->add_flag("!--no-demo", options->service.demo_events, "do not create the demo events");
    command->add_flag("--log-requests", options->service.log_requests,
                      "log one JSON line per request (request id, method, route, status, ms) to stderr");
    command->add_flag(
        "!--no-momentum-markets", options->service.momentum_markets,
        "do not price the momentum and next-event markets at each reprice (they share the reprice's paths)");
    auto budgets = std::make_shared<std::vector<std::string>>();
    command->add_option("--compute-budget", *budgets,
                        "ROLE=PATHS/SECONDS: the most paths one batch request (simulate, what-if, momentum, fantasy, "
                        "futures) of that role may run, and its time limit (504 past it), within --simulate-max-sims "
                        "and --simulate-seconds; repeatable. Default: sportsbook and fantasy 250000/5, trader and "
                        "admin the server-wide limits");
    command->callback([options, budgets, exit_code] { *exit_code = RunServe(*options, *budgets); });
}

} // namespace simbook::app
