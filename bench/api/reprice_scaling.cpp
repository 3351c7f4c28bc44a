// Cost of one state update as the number of live events grows, with the simulation made cheap (--sims 100) so
// that what is left is the service's own work: straight through Service::Handle, no sockets. Events are EPL
// matches; `--line-rounds` rounds of goals first move every event's lines, so the book also holds the
// suspended old lines.
//
//   simbook_reprice_scaling [--events 1000] [--line-rounds 4] [--updates 200] [--sims 100]
#include "bench/api/bench_client.hpp"

using namespace simbook::bench;
using nlohmann::json;

int main(int argc, char** argv) {
    int events = 1000;
    int line_rounds = 4;
    int updates = 200;
    std::uint64_t sims = 100;
    for (int a = 1; a + 1 < argc; a += 2) {
        const std::string flag = argv[a];
        if (flag == "--events") {
            events = std::atoi(argv[a + 1]);
        } else if (flag == "--line-rounds") {
            line_rounds = std::atoi(argv[a + 1]);
        } else if (flag == "--updates") {
            updates = std::atoi(argv[a + 1]);
        } else if (flag == "--sims") {
            sims = std::strtoull(argv[a + 1], nullptr, 10);
        } else {
            std::fprintf(stderr, "usage: %s [--events N] [--line-rounds N] [--updates N] [--sims N]\n", argv[0]);
            return 2;
        }
    }
    if (events < 1 || events > 100'000 || line_rounds < 0 || line_rounds > 7 || updates < 1 || sims < 1) {
        std::fprintf(stderr, "error: --events 1..100000, --line-rounds 0..7, --updates >= 1, --sims >= 1\n");
        return 2;
    }
    std::unique_ptr<simbook::api::Server> server = StartServer(sims, 1, false);
    simbook::api::Service& service = server->GetService();
    const std::string key = server->DemoKeys().at(simbook::api::Role::kTrader);
    const char* teams[] = {"Arsenal", "Chelsea", "Liverpool", "Everton", "Fulham", "Brentford"};
    std::vector<std::string> ids;
    for (int e = 0; e < events; ++e) {
        const json body = {{"sport", "soccer"},
                           {"league", "premier-league"},
                           {"home_team", teams[e % 6]},
                           {"away_team", teams[(e + 1) % 6]}};
        const simbook::api::ApiResponse r = service.Handle({"POST", "/v1/events", body.dump(), key, "", ""});
        if (r.status != 201) {
            std::fprintf(stderr, "error: creating event %d: %d %s\n", e, r.status, r.body.c_str());
            return 1;
        }
        ids.push_back(json::parse(r.body)["id"].get<std::string>());
    }
    auto post = [&](const std::string& id, const json& state) {
        return service.Handle({"POST", "/v1/events/" + id + "/state", state.dump(), key, "", ""});
    };
    for (int r = 0; r < line_rounds; ++r) {
        for (const std::string& id : ids) {
            if (post(id, {{"minute", 10 + 10 * r}, {"home", r + 1}, {"away", 0}}).status != 200) {
                std::fprintf(stderr, "error: line round %d refused\n", r);
                return 1;
            }
        }
    }
    std::vector<double> ms;
    for (int i = 0; i < updates; ++i) {
        const std::string& id = ids[static_cast<std::size_t>(i) % ids.size()];
        const int minute = 10 + 10 * line_rounds + i / events;
        const auto start = Clock::now();
        const simbook::api::ApiResponse r =
            post(id, {{"minute", std::min(minute, 89)}, {"home", line_rounds}, {"away", 0}});
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        if (r.status != 200) {
            std::fprintf(stderr, "error: update %d: %d %s\n", i, r.status, r.body.c_str());
            return 1;
        }
    }
    server->Stop();
    std::printf("RESULT events=%d line_rounds=%d sims=%llu update_p50_ms=%.3f update_p90_ms=%.3f\n", events,
                line_rounds, static_cast<unsigned long long>(sims), Percentile(ms, 0.5), Percentile(ms, 0.9));
    return 0;
}
