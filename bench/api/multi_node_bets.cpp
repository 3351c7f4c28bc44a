// Accepted bets per second, in one run: one node on SQLite (a file, WAL, synchronous=FULL) against two nodes on
// one PostgreSQL database (each its own service, book and connection pool, as two API processes would be), every
// node an in-process server on loopback driven by keep-alive HTTP clients posting bets (POST /v1/bets, each with
// its own idempotency key, spread over two events' match winners so that no limit refuses them).
//
//   SIMBOOK_TEST_POSTGRES=$(scripts/pg_cluster.sh start) simbook_multi_node_bets [--seconds 5] [--clients 8]
//
// Each configuration is validated before it is timed: its first bets must be accepted (201) and stored.
#include "bench/api/bench_client.hpp"

#include <libpq-fe.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <thread>
#include <unistd.h>

using namespace simbook::bench;

namespace {

struct Options {
    double seconds = 5.0;
    int clients = 8;
};

std::unique_ptr<simbook::api::Server> StartNode(const std::string& store) {
    simbook::api::ServerOptions options;
    options.port = 0;
    options.threads = 4;
    options.service.params_dir = SIMBOOK_SOURCE_PARAMS_DIR;
    options.service.store = store;
    options.service.sims = 500;
    options.service.rate_limit = 0.0;
    options.service.demo_events = false; // the first node creates the events (CreateEvents)
    auto created = simbook::api::Server::Create(options);
    if (!created.ok()) {
        std::fprintf(stderr, "error: %s\n", created.status().message().c_str());
        std::exit(2);
    }
    std::unique_ptr<simbook::api::Server> server = std::move(created.value());
    server->Start();
    return server;
}

// Two soccer events created through one node (stored for every node on the same store).
void CreateEvents(simbook::api::Server& node) {
    HttpClient http = Connect(node.Port(), node.DemoKeys().at(simbook::api::Role::kTrader));
    for (const auto& [home, away] : {std::pair{"Arsenal", "Chelsea"}, std::pair{"Liverpool", "Everton"}}) {
        const nlohmann::json request{
            {"sport", "soccer"}, {"league", "premier-league"}, {"home_team", home}, {"away_team", away}};
        const auto created = http.Send(Verb::post, "/v1/events", request.dump());
        if (StatusOf(created) != 201) {
            std::fprintf(stderr, "error: creating an event: %s\n", Describe(created).c_str());
            std::exit(1);
        }
    }
}

// Bets through `nodes` for `seconds` by `clients` threads (spread over the nodes); returns accepted bets/s.
double Run(const std::vector<simbook::api::Server*>& nodes, const Options& options, const std::string& tag) {
    std::vector<std::pair<std::uint16_t, std::string>> targets;
    for (simbook::api::Server* node : nodes) {
        targets.emplace_back(node->Port(), node->DemoKeys().at(simbook::api::Role::kTrader));
    }
    HttpClient probe = Connect(targets[0].first, targets[0].second);
    const auto listed = probe.Send(Verb::get, "/v1/events");
    const auto events = nlohmann::json::parse(listed.ok() ? listed->body : "[]", nullptr, false);
    std::vector<std::string> ids;
    for (const auto& e : events) {
        ids.push_back(e["id"]);
    }
    if (ids.empty()) {
        std::fprintf(stderr, "error: no events: %s\n", Describe(listed).c_str());
        std::exit(1);
    }
    std::atomic<std::int64_t> accepted{0};
    std::atomic<std::int64_t> failed{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    for (int c = 0; c < options.clients; ++c) {
        threads.emplace_back([&, c] {
            const auto& [port, key] = targets[static_cast<std::size_t>(c) % targets.size()];
            HttpClient http = Connect(port, key);
            for (int i = 0; !stop; ++i) {
                // Small stakes on both sides of every event's match winner: the book never nears a limit.
                const nlohmann::json bet{{"event_id", ids[static_cast<std::size_t>(i) % ids.size()]},
                                         {"market", "h2h"},
                                         {"outcome", i % 2 == 0 ? "home" : "away"},
                                         {"price", 1.01},
                                         {"stake", 1.0},
                                         {"customer_id", "bench" + std::to_string(c)}};
                const auto reply =
                    http.Send(Verb::post, "/v1/bets", bet.dump(),
                              {{"Idempotency-Key", tag + "-" + std::to_string(c) + "-" + std::to_string(i)}});
                if (StatusOf(reply) == 201) {
                    ++accepted;
                } else if (failed++ == 0) {
                    std::fprintf(stderr, "%s: refused: %s\n", tag.c_str(), Describe(reply).c_str());
                }
            }
        });
    }
    const auto start = Clock::now();
    std::this_thread::sleep_for(std::chrono::duration<double>(options.seconds));
    stop = true;
    for (std::thread& t : threads) {
        t.join();
    }
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    if (accepted == 0 || failed > 0) {
        std::fprintf(stderr, "error: %s: %lld accepted, %lld not\n", tag.c_str(),
                     static_cast<long long>(accepted.load()), static_cast<long long>(failed.load()));
        std::exit(1);
    }
    return static_cast<double>(accepted.load()) / elapsed;
}

} // namespace

int main(int argc, char** argv) {
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--seconds") == 0) {
            options.seconds = std::stod(argv[i + 1]);
        } else if (std::strcmp(argv[i], "--clients") == 0) {
            options.clients = std::stoi(argv[i + 1]);
        } else {
            std::fprintf(stderr, "usage: simbook_multi_node_bets [--seconds S] [--clients N]\n");
            return 2;
        }
    }
    const char* pg = std::getenv("SIMBOOK_TEST_POSTGRES");
    if (pg == nullptr || *pg == '\0') {
        std::fprintf(stderr, "SIMBOOK_TEST_POSTGRES is unset: export SIMBOOK_TEST_POSTGRES=$(scripts/pg_cluster.sh "
                             "start)\n");
        return 2;
    }
    // A fresh schema for the PostgreSQL nodes, a fresh file for SQLite.
    const std::string schema = "bench" + std::to_string(getpid());
    PGconn* conn = PQconnectdb(pg);
    PQsetNoticeProcessor(
        conn, [](void*, const char*) {}, nullptr); // DROP ... CASCADE lists every table
    PGresult* made = PQexec(conn, ("CREATE SCHEMA " + schema).c_str());
    if (PQresultStatus(made) != PGRES_COMMAND_OK) {
        std::fprintf(stderr, "error: %s\n", PQerrorMessage(conn));
        return 2;
    }
    PQclear(made);
    const std::string base(pg);
    const std::string uri =
        base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
    const std::string file =
        (std::filesystem::temp_directory_path() / ("simbook_bench_" + std::to_string(getpid()) + ".sqlite")).string();

    std::printf("clients %d, %.1f s per configuration, load average %.2f, hardware threads %u\n", options.clients,
                options.seconds, LoadAverage(), std::thread::hardware_concurrency());
    double sqlite_rate = 0.0;
    {
        auto node = StartNode(file);
        CreateEvents(*node);
        sqlite_rate = Run({node.get()}, options, "sqlite");
        node->Stop();
    }
    double pg_rate = 0.0;
    {
        auto a = StartNode(uri);
        CreateEvents(*a);
        auto b = StartNode(uri); // finds A's events in the database
        pg_rate = Run({a.get(), b.get()}, options, "postgres");
        b->Stop();
        a->Stop();
    }
    std::printf("BM_MultiNodeBets/sqlite_1node      %10.0f accepted bets/s\n", sqlite_rate);
    std::printf("BM_MultiNodeBets/postgres_2nodes   %10.0f accepted bets/s  (%.2fx)\n", pg_rate, pg_rate / sqlite_rate);
    PGresult* dropped = PQexec(conn, ("DROP SCHEMA " + schema + " CASCADE").c_str());
    PQclear(dropped);
    PQfinish(conn);
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(file + suffix);
    }
    return 0;
}
