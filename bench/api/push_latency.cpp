// Live state update to pushed odds: an in-process `simbook serve` (real sockets on 127.0.0.1), a WebSocket
// subscriber of one event, and N successive state updates posted on a keep-alive HTTP connection. For each
// update: time from writing the POST to receiving the first pushed odds message of the update (an exact event's
// main lines; a Monte Carlo event's only version), to the version with every market, and to the POST's reply.
// Targets (issue 13): first version p99 <= 2 ms; every market p99 <= 10 ms with 20,000 paths (basketball).
// --tool-load N (issue 15): the same updates measured twice in one run, alone and then while N fantasy clients
// keep POST /v1/simulate busy at their role's compute budget, so live repricing's share of the machine shows as
// a ratio of the two.
//
//   simbook_push_latency [--updates 200] [--sims 20000] [--server-threads 2] [--sim-threads 1] [--quickack 0]
//                        [--sport basketball|soccer] [--pricing exact|monte_carlo] [--tool-load 0]
//                        [--exact-tables 8] [--store :memory:]
// (--exact-tables 0: the exact main lines from scratch at every update, without the model's precomputed table)
// (monte_carlo on basketball: the NBA demo event)
// (--store FILE: the ledger and events in a SQLite file (give a new one), each commit synced to disk as in
// production)
// (--quickack 1: the subscriber ACKs every push at once; a diagnostic for Nagle + delayed-ACK stalls)
#include "bench/api/bench_client.hpp"
#include "bench/api/update_phases.hpp"
#include "engine/exact.hpp"

#include <atomic>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <map>
#include <mutex>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <thread>

using namespace simbook::bench;
using nlohmann::json;

namespace {

//! The basketball state of update i of n: the clock runs from tip-off towards the end of the fourth quarter,
//! both scores rise, possession alternates.
json BasketballState(int i, int n) {
    const int elapsed = i * (4 * 720 - 60) / n; // seconds of game clock used, never the final buzzer
    const int period = 1 + elapsed / 720;
    const int clock = 720 - elapsed % 720;
    return {{"period", period},
            {"clock", clock},
            {"home", i * 110 / n},
            {"away", i * 104 / n},
            {"possession", i % 2 == 0 ? "home" : "away"}};
}

//! The soccer state of update i of n: the clock runs from kick-off to the 88th minute, a goal now and then.
json SoccerState(int i, int n) {
    const int minute = i * 88 / n;
    return {{"minute", minute}, {"home", i * 3 / n}, {"away", i * 2 / n}};
}

struct Latencies {
    std::vector<double> push_ms;  //!< to the first version of each update
    std::vector<double> all_ms;   //!< to the version with every market
    std::vector<double> reply_ms; //!< to the POST's reply
    int markets_in_first_push = -1;
    std::string event;        //!< the event updated
    double table_wait_ms = 0; //!< waited after creating it for the exact tables it queued
};

struct Measure {
    std::uint16_t port;
    std::string key;
    json game;
    bool exact;
    bool quickack;
    std::function<json(int, int)> state_of;

    //! A new event, a subscriber, and `updates` state updates; false (after a message) when one failed.
    bool Run(simbook::api::Service& service, int updates, Latencies& out) const {
        const simbook::api::ApiResponse made = service.Handle({"POST", "/v1/events", game.dump(), key});
        if (made.status != 201) {
            std::fprintf(stderr, "error: creating the event answered %d: %s\n", made.status, made.body.c_str());
            return false;
        }
        const std::string event = json::parse(made.body)["id"];
        out.event = event;
        // The event is created ahead of its game, as a book does: the exact pricer's tables it queued at creation
        // are built before the first state update (none to wait for where the server builds them on first use).
        const auto created = Clock::now();
        simbook::engine::LeadTableCache::Instance().WaitIdle();
        out.table_wait_ms = std::chrono::duration<double, std::milli>(Clock::now() - created).count();
        // The subscriber: a thread that stamps every pushed odds message with its arrival time, by version.
        asio::io_context ioc;
        std::unique_ptr<websocket::stream<beast::tcp_stream>> stream;
        try {
            stream = SubscribeStream(ioc, port, key, {event});
        } catch (const std::exception& error) {
            std::fprintf(stderr, "error: %s\n", error.what());
            return false;
        }
        websocket::stream<beast::tcp_stream>& ws = *stream;
        std::mutex mutex;
        std::condition_variable arrived;
        std::map<int, Clock::time_point> pushed_at;
        std::thread reader([&] {
            beast::flat_buffer in;
            beast::error_code ec;
            while (true) {
                ws.read(in, ec);
                if (ec) {
                    break;
                }
                if (quickack) {
                    // Diagnostic: ACK at once, so that a server socket with Nagle on never waits for a delayed ACK.
                    const int one = 1;
                    ::setsockopt(beast::get_lowest_layer(ws).socket().native_handle(), IPPROTO_TCP, TCP_QUICKACK, &one,
                                 sizeof(one));
                }
                const auto now = Clock::now();
                const json message = json::parse(beast::buffers_to_string(in.data()), nullptr, false);
                in.consume(in.size());
                if (message.value("type", "") != "odds") {
                    continue;
                }
                std::lock_guard lock(mutex);
                pushed_at[message.value("version", -1)] = now;
                if (out.markets_in_first_push < 0) {
                    out.markets_in_first_push = static_cast<int>(message["bookmakers"][0]["markets"].size());
                }
                arrived.notify_all();
            }
        });
        HttpClient http = Connect(port, key);
        bool ok = true;
        for (int i = 1; i <= updates && ok; ++i) {
            const std::string body = state_of(i, updates).dump();
            const auto sent = Clock::now();
            const auto reply = http.Send(Verb::post, "/v1/events/" + event + "/state", body);
            const auto replied = Clock::now();
            if (StatusOf(reply) != 200) {
                std::fprintf(stderr, "error: update %d answered %s\n", i, Describe(reply).c_str());
                ok = false;
                break;
            }
            const int version = json::parse(reply->body).value("version", -1);
            std::unique_lock lock(mutex);
            const int first = exact ? version - 1 : version;
            if (!arrived.wait_for(lock, std::chrono::seconds(10),
                                  [&] { return pushed_at.count(first) > 0 && pushed_at.count(version) > 0; })) {
                std::fprintf(stderr, "error: no pushed odds for versions %d-%d within 10 s\n", first, version);
                ok = false;
                break;
            }
            out.push_ms.push_back(std::chrono::duration<double, std::milli>(pushed_at[first] - sent).count());
            out.all_ms.push_back(std::chrono::duration<double, std::milli>(pushed_at[version] - sent).count());
            out.reply_ms.push_back(std::chrono::duration<double, std::milli>(replied - sent).count());
        }
        if (ok && out.markets_in_first_push <= 0) {
            std::fprintf(stderr, "error: the pushed odds carried no market\n");
            ok = false;
        }
        beast::error_code ignored;
        beast::get_lowest_layer(ws).socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
        beast::get_lowest_layer(ws).socket().close(ignored);
        reader.join();
        return ok;
    }
};

//! Clients that keep POST /v1/simulate busy with a fantasy key at the role's path budget until stopped.
class ToolLoad {
public:
    ToolLoad(std::uint16_t port, const std::string& key, int clients, std::uint64_t paths) {
        for (int c = 0; c < clients; ++c) {
            threads_.emplace_back([this, port, key, paths] {
                HttpClient http = Connect(port, key);
                const std::string body = json{
                    {"sport", "basketball"},
                    {"league", "nba"},
                    {"home_team", "BOS"},
                    {"away_team", "DAL"},
                    {"sims", paths}}.dump();
                while (!stop_.load()) {
                    const int status = StatusOf(http.Send(Verb::post, "/v1/simulate", body));
                    std::lock_guard lock(mutex_);
                    ++statuses_[status];
                }
            });
        }
    }
    //! Stops the clients (after their requests in flight) and returns the answers they got, by status.
    std::map<int, int> Stop() {
        stop_.store(true);
        for (std::thread& t : threads_) {
            t.join();
        }
        threads_.clear();
        return statuses_;
    }
    ~ToolLoad() { Stop(); }

private:
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::map<int, int> statuses_;
    std::vector<std::thread> threads_;
};

void PrintLatencies(const char* label, const Latencies& l) {
    std::printf("%s POST state -> first pushed version: p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n", label,
                Percentile(l.push_ms, 0.5), Percentile(l.push_ms, 0.9), Percentile(l.push_ms, 0.99),
                Percentile(l.push_ms, 1.0));
    std::printf("%s POST state -> every market pushed: p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n", label,
                Percentile(l.all_ms, 0.5), Percentile(l.all_ms, 0.9), Percentile(l.all_ms, 0.99),
                Percentile(l.all_ms, 1.0));
    std::printf("%s POST state -> HTTP reply:  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n", label,
                Percentile(l.reply_ms, 0.5), Percentile(l.reply_ms, 0.9), Percentile(l.reply_ms, 0.99),
                Percentile(l.reply_ms, 1.0));
}

} // namespace

int main(int argc, char** argv) {
    int updates = 200;
    std::uint64_t sims = 20'000;
    int server_threads = 2;
    int sim_threads = 1;
    int tool_load = 0;
    int exact_tables = 8;
    bool quickack = false;
    std::string sport = "basketball";
    std::string pricing = "exact";
    std::string store = ":memory:";
    for (int a = 1; a + 1 < argc; a += 2) {
        if (std::strcmp(argv[a], "--updates") == 0) {
            updates = std::atoi(argv[a + 1]);
        } else if (std::strcmp(argv[a], "--sims") == 0) {
            sims = std::strtoull(argv[a + 1], nullptr, 10);
        } else if (std::strcmp(argv[a], "--quickack") == 0) {
            quickack = std::atoi(argv[a + 1]) != 0;
        } else if (std::strcmp(argv[a], "--sim-threads") == 0) {
            sim_threads = std::atoi(argv[a + 1]);
        } else if (std::strcmp(argv[a], "--server-threads") == 0) {
            server_threads = std::atoi(argv[a + 1]);
        } else if (std::strcmp(argv[a], "--tool-load") == 0) {
            tool_load = std::atoi(argv[a + 1]);
        } else if (std::strcmp(argv[a], "--sport") == 0) {
            sport = argv[a + 1];
        } else if (std::strcmp(argv[a], "--pricing") == 0) {
            pricing = argv[a + 1];
        } else if (std::strcmp(argv[a], "--store") == 0) {
            store = argv[a + 1];
        } else if (std::strcmp(argv[a], "--exact-tables") == 0) {
            exact_tables = std::atoi(argv[a + 1]);
        } else {
            std::fprintf(stderr,
                         "usage: %s [--updates N] [--sims N] [--sim-threads N] [--server-threads N] [--quickack 0|1] "
                         "[--sport basketball|soccer] [--pricing exact|monte_carlo] [--tool-load N] [--exact-tables N] "
                         "[--store FILE]\n",
                         argv[0]);
            return 2;
        }
    }
    if (updates < 1 || updates > 100'000 || sims < 1 || server_threads < 1 || sim_threads < 1 || tool_load < 0 ||
        tool_load > 64 || exact_tables < 0 || (sport != "basketball" && sport != "soccer") ||
        (pricing != "exact" && pricing != "monte_carlo")) {
        std::fprintf(stderr, "error: --updates in 1..100000, --sims and --server-threads >= 1, --tool-load in 0..64\n");
        return 2;
    }
    const double load_before = LoadAverage();
    std::unique_ptr<simbook::api::Server> server = StartServer(sims, server_threads, true, sim_threads, store);
    simbook::engine::SetExactTableCapacity(static_cast<std::size_t>(exact_tables));
    simbook::api::Service& service = server->GetService();
    const std::string key = server->DemoKeys().at(simbook::api::Role::kTrader);
    const json game = sport == "soccer" ? json{{"sport", "soccer"},
                                               {"league", "premier-league"},
                                               {"home_team", "Arsenal"},
                                               {"away_team", "Chelsea"},
                                               {"pricing", pricing}}
                                        : json{{"sport", "basketball"},
                                               {"league", "nba"},
                                               {"home_team", "BOS"},
                                               {"away_team", "DAL"},
                                               {"pricing", pricing}};
    const auto state_of = [&sport](int i, int n) {
        return sport == "soccer" ? SoccerState(i, n) : BasketballState(i, n);
    };
    const Measure measure{server->Port(), key, game, pricing == "exact", quickack, state_of};
    Latencies alone;
    if (!measure.Run(service, updates, alone)) {
        return 1;
    }
    Latencies loaded;
    std::map<int, int> tool_statuses;
    if (tool_load > 0) {
        const simbook::api::ComputeBudget budget =
            simbook::api::ServiceOptions{}.compute_budgets[static_cast<std::size_t>(simbook::api::Role::kFantasy)];
        ToolLoad tools(server->Port(), server->DemoKeys().at(simbook::api::Role::kFantasy), tool_load,
                       budget.max_paths);
        std::this_thread::sleep_for(std::chrono::milliseconds(500)); // the compute queue is busy before we start
        const bool ok = measure.Run(service, updates, loaded);
        tool_statuses = tools.Stop();
        if (!ok) {
            return 1;
        }
    }
    // The same updates on another game straight through Service::Handle (no sockets, no subscriber): the cost
    // of validating and repricing alone.
    std::vector<double> handle_ms;
    const simbook::api::ApiResponse created = service.Handle({"POST", "/v1/events", game.dump(), key});
    const json second = json::parse(created.body, nullptr, false);
    if (created.status != 201 || !second.is_object()) {
        std::fprintf(stderr, "error: creating a second event answered %d: %s\n", created.status, created.body.c_str());
        return 1;
    }
    const std::string target = "/v1/events/" + second["id"].get<std::string>() + "/state";
    for (int i = 1; i <= updates; ++i) {
        const auto start = Clock::now();
        const simbook::api::ApiResponse r = service.Handle({"POST", target, state_of(i, updates).dump(), key});
        handle_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        if (r.status != 200) {
            std::fprintf(stderr, "error: in-process update %d answered %d: %s\n", i, r.status, r.body.c_str());
            return 1;
        }
    }
    server->Stop();
    std::printf(
        "push latency, %s event, pricing %s, %d state updates, --sims %llu, %d server I/O threads, %d sim threads, "
        "--exact-tables %d, store %s, load average %.2f before\n",
        sport.c_str(), pricing.c_str(), updates, static_cast<unsigned long long>(sims), server_threads, sim_threads,
        exact_tables, store.c_str(), load_before);
    std::printf("(waited %.0f ms after creating the event for its exact tables)\n", alone.table_wait_ms);
    PrintLatencies("", alone);
    PrintUpdatePhases("", UpdateTraces(service, alone.event));
    std::printf("in-process Handle (reprice only): p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n",
                Percentile(handle_ms, 0.5), Percentile(handle_ms, 0.9), Percentile(handle_ms, 0.99),
                Percentile(handle_ms, 1.0));
    std::printf("RESULT first_push_p50_ms=%.2f first_push_p99_ms=%.2f target_p99_ms=2 %s\n",
                Percentile(alone.push_ms, 0.5), Percentile(alone.push_ms, 0.99),
                Percentile(alone.push_ms, 0.99) <= 2.0 ? "MET" : "MISSED");
    std::printf("RESULT all_push_p50_ms=%.2f all_push_p99_ms=%.2f target_p99_ms=10 %s\n", Percentile(alone.all_ms, 0.5),
                Percentile(alone.all_ms, 0.99), Percentile(alone.all_ms, 0.99) <= 10.0 ? "MET" : "MISSED");
    if (tool_load > 0) {
        std::string answers;
        for (const auto& [status, count] : tool_statuses) {
            answers += " " + std::to_string(count) + "x" + std::to_string(status);
        }
        std::printf("with %d fantasy clients running POST /v1/simulate at their budget (answers:%s):\n", tool_load,
                    answers.c_str());
        PrintLatencies("loaded", loaded);
        PrintUpdatePhases("loaded", UpdateTraces(service, loaded.event));
        std::printf("RESULT loaded_first_push_p99_ms=%.2f loaded_all_push_p99_ms=%.2f ratio_all_p99=%.2f %s\n",
                    Percentile(loaded.push_ms, 0.99), Percentile(loaded.all_ms, 0.99),
                    Percentile(loaded.all_ms, 0.99) / Percentile(alone.all_ms, 0.99),
                    Percentile(loaded.all_ms, 0.99) <= 10.0 ? "MET" : "MISSED");
    }
    return 0;
}
