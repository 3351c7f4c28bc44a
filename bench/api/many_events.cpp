// Many live events repriced on a schedule: an in-process `simbook serve` on 127.0.0.1, N events (half EPL soccer,
// half NBA) created over HTTP, then rounds in which every event gets one state update, spread over C keep-alive
// connections. A round starts every --period seconds; the benchmark says whether each round finished within its
// period (reprices per second, lag behind the schedule). Target: 1,000 live events held and repriced on
// a schedule without falling behind.
//
//   simbook_many_events [--events 1000] [--rounds 5] [--period 10] [--sims 2000] [--connections 4]
//                       [--server-threads 2]
#include "bench/api/bench_client.hpp"
#include "bench/api/update_phases.hpp"

#include <atomic>
#include <cstring>
#include <fstream>
#include <thread>

using namespace simbook::bench;
using nlohmann::json;

namespace {

//! Team names of a fitted model file: soccer teams of the latest season, or NBA abbreviations.
std::vector<std::string> Teams(const std::string& path, bool soccer) {
    std::ifstream in(path);
    const json file = json::parse(in, nullptr, false);
    std::vector<std::string> teams;
    if (file.is_discarded()) {
        return teams;
    }
    if (soccer) {
        for (const json& t : file["teams"]) {
            if (t.value("in_latest_season", false)) {
                teams.push_back(t["name"].get<std::string>());
            }
        }
    } else {
        for (const auto& [name, team] : file["teams"].items()) {
            teams.push_back(name);
        }
    }
    return teams;
}

//! The state of an event at round r of `rounds`: time runs forward, scores never go down.
json State(bool soccer, int r, int rounds, std::size_t e) {
    if (soccer) {
        const int minute = 1 + r * 88 / rounds;
        return {{"minute", minute}, {"home", r / 2 + (e % 3 == 0 && r > 0 ? 1 : 0)}, {"away", r / 4}};
    }
    const int elapsed = (r + 1) * (4 * 720 - 60) / (rounds + 1);
    return {{"period", 1 + elapsed / 720}, {"clock", 720 - elapsed % 720}, {"home", 5 * r + 2}, {"away", 5 * r}};
}

} // namespace

int main(int argc, char** argv) {
    int events = 1000;
    int rounds = 5;
    double period = 10.0;
    std::uint64_t sims = 2'000;
    int connections = 4;
    int server_threads = 2;
    for (int a = 1; a + 1 < argc; a += 2) {
        const std::string flag = argv[a];
        if (flag == "--events") {
            events = std::atoi(argv[a + 1]);
        } else if (flag == "--rounds") {
            rounds = std::atoi(argv[a + 1]);
        } else if (flag == "--period") {
            period = std::atof(argv[a + 1]);
        } else if (flag == "--sims") {
            sims = std::strtoull(argv[a + 1], nullptr, 10);
        } else if (flag == "--connections") {
            connections = std::atoi(argv[a + 1]);
        } else if (flag == "--server-threads") {
            server_threads = std::atoi(argv[a + 1]);
        } else {
            std::fprintf(stderr,
                         "usage: %s [--events N] [--rounds N] [--period S] [--sims N] [--connections N] "
                         "[--server-threads N]\n",
                         argv[0]);
            return 2;
        }
    }
    if (events < 2 || events > 100'000 || rounds < 1 || rounds > 80 || !(period > 0.0) || sims < 1 || connections < 1 ||
        connections > 256 || server_threads < 1) {
        std::fprintf(stderr, "error: --events 2..100000, --rounds 1..80, --period > 0, --sims >= 1, --connections "
                             "1..256, --server-threads >= 1\n");
        return 2;
    }
    const std::vector<std::string> soccer_teams = Teams(SIMBOOK_SOURCE_PARAMS_DIR "/soccer/premier-league.json", true);
    const std::vector<std::string> nba_teams = Teams(SIMBOOK_SOURCE_PARAMS_DIR "/nba/2023-24.json", false);
    if (soccer_teams.size() < 2 || nba_teams.size() < 2) {
        std::fprintf(stderr, "error: cannot read the team lists of the committed models\n");
        return 2;
    }
    const double load_before = LoadAverage();
    std::unique_ptr<simbook::api::Server> server = StartServer(sims, server_threads, false);
    const std::uint16_t port = server->Port();
    const std::string key = server->DemoKeys().at(simbook::api::Role::kTrader);

    // Creation: event e is soccer when e is even; teams cycle through every pair.
    std::vector<std::string> ids(static_cast<std::size_t>(events));
    std::vector<bool> is_soccer(static_cast<std::size_t>(events));
    std::atomic<int> failures{0};
    auto run_connections = [&](auto&& work) {
        std::vector<std::thread> threads;
        for (int c = 0; c < connections; ++c) {
            threads.emplace_back([&, c] {
                try {
                    HttpClient http = Connect(port, key);
                    for (std::size_t e = static_cast<std::size_t>(c); e < ids.size();
                         e += static_cast<std::size_t>(connections)) {
                        work(http, e);
                    }
                } catch (const std::exception& error) {
                    std::fprintf(stderr, "error: connection %d: %s\n", c, error.what());
                    ++failures;
                }
            });
        }
        for (std::thread& t : threads) {
            t.join();
        }
    };
    const auto created_start = Clock::now();
    run_connections([&](HttpClient& http, std::size_t e) {
        const bool soccer = e % 2 == 0;
        const std::vector<std::string>& teams = soccer ? soccer_teams : nba_teams;
        const std::size_t n = teams.size();
        const std::size_t k = e / 2;
        const std::string& home = teams[k % n];
        const std::string& away = teams[(k % n + 1 + (k / n) % (n - 1)) % n];
        const json body = {{"sport", soccer ? "soccer" : "basketball"},
                           {"league", soccer ? "premier-league" : "nba"},
                           {"home_team", home},
                           {"away_team", away}};
        const auto reply = http.Send(Verb::post, "/v1/events", body.dump());
        if (StatusOf(reply) != 201) {
            std::fprintf(stderr, "error: creating event %zu (%s v %s): %s\n", e, home.c_str(), away.c_str(),
                         Describe(reply).c_str());
            ++failures;
            return;
        }
        ids[e] = json::parse(reply->body)["id"].get<std::string>();
        is_soccer[e] = soccer;
    });
    const double create_seconds = std::chrono::duration<double>(Clock::now() - created_start).count();
    if (failures > 0) {
        return 1;
    }
    std::printf("many events: %d events (half EPL, half NBA), --sims %llu, %d server I/O threads, %d client "
                "connections, a round every %.1f s, load average %.2f before\n",
                events, static_cast<unsigned long long>(sims), server_threads, connections, period, load_before);
    std::printf("created (and priced) %d events in %.2f s: %.0f events/s\n", events, create_seconds,
                events / create_seconds);

    const auto schedule_start = Clock::now();
    double worst_lag = 0.0;
    int late_rounds = 0;
    double total_updates = 0.0;
    double total_busy = 0.0;
    for (int r = 0; r < rounds; ++r) {
        const auto due =
            schedule_start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(period * r));
        std::this_thread::sleep_until(due);
        const auto began = Clock::now();
        std::vector<double> update_ms(ids.size());
        run_connections([&](HttpClient& http, std::size_t e) {
            const auto sent = Clock::now();
            const auto reply =
                http.Send(Verb::post, "/v1/events/" + ids[e] + "/state", State(is_soccer[e], r, rounds, e).dump());
            update_ms[e] = std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
            if (StatusOf(reply) != 200) {
                std::fprintf(stderr, "error: round %d event %zu: %s\n", r, e, Describe(reply).c_str());
                ++failures;
            }
        });
        if (failures > 0) {
            return 1;
        }
        const auto ended = Clock::now();
        const double took = std::chrono::duration<double>(ended - began).count();
        const double start_lag = std::chrono::duration<double>(began - due).count();
        const double end_lag =
            std::chrono::duration<double>(
                ended - (due + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(period))))
                .count();
        worst_lag = std::max(worst_lag, end_lag);
        late_rounds += end_lag > 0.0 ? 1 : 0;
        total_updates += static_cast<double>(ids.size());
        total_busy += took;
        std::printf("round %d: %zu updates in %.2f s (%.0f reprices/s), started %.3f s after its time, %s; "
                    "update p50 %.1f ms p99 %.1f ms\n",
                    r + 1, ids.size(), took, static_cast<double>(ids.size()) / took, start_lag,
                    end_lag > 0.0 ? "LATE" : "on time", Percentile(update_ms, 0.5), Percentile(update_ms, 0.99));
    }
    server->Stop();
    // Where each update's time went on the server (the last Metrics::kRecentUpdates updates).
    PrintUpdatePhases("", UpdateTraces(server->GetService()), 3);
    std::printf(
        "RESULT events=%d sims=%llu period_s=%.1f rounds=%d late_rounds=%d worst_lag_s=%.2f reprices_per_s=%.0f "
        "%s\n",
        events, static_cast<unsigned long long>(sims), period, rounds, late_rounds, std::max(0.0, worst_lag),
        total_updates / total_busy, late_rounds == 0 ? "KEPT UP" : "FELL BEHIND");
    return 0;
}
