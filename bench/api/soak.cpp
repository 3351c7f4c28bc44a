// Soak: one `simbook serve` (a child process, its SQLite store in a temporary file) under a mixed load for a
// bounded time: odds reads, bets (some refused at the book's limits, some repeated with their Idempotency-Key),
// live state updates and market suspensions on a few events, WebSocket subscribers that reconnect now and then,
// tool requests (simulate, what-if, momentum, fantasy, futures) and a trickle of unknown keys. It reports, by kind
// of request, requests/s, p50 and p99 and the statuses; the pushes received; the server's RSS sampled over the
// run and its growth after warm-up. The server is stopped with SIGTERM at the end and must exit cleanly.
//
// Exit status 1 on any 5xx, transport error, unexpected status, subscriber that missed pushes or saw them out of
// order, a server that died or did not stop cleanly, or RSS growth after warm-up beyond the limit (see RssLimit).
//
//   simbook_soak [--seconds 600] [--warmup 0.2] [--sims 2000] [--readers 4] [--bettors 2] [--subscribers 4]
//                [--tools 2] [--updates-per-second 20] [--live-events 4] [--rss-limit-mib 6] [--rss-limit-pct 5]
//                [--server PATH] [-- more serve options]     (--help lists them)
#include "bench/api/bench_client.hpp"
#include "tests/support/serve_process.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <csignal>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <numeric>
#include <set>
#include <sstream>
#include <thread>

using namespace simbook::bench;
using nlohmann::json;
using simbook::testing::ServeProcess;

namespace {

//! What a request is, for the report.
enum class Kind { kOdds, kRead, kBet, kState, kMarket, kSimulate, kWhatIf, kMomentum, kFantasy, kFutures, kUnknownKey };
constexpr std::array<const char*, 11> kKindNames{"odds",   "read",     "bet",     "state",   "market",     "simulate",
                                                 "whatif", "momentum", "fantasy", "futures", "unknown_key"};
constexpr std::size_t kKinds = kKindNames.size();

//! Latency histogram with 5% wide buckets from 1 us to over a minute: bounded memory however long the run.
class Latencies {
public:
    void Add(double ms) {
        const double us = std::max(ms * 1000.0, 1.0);
        const auto bucket = static_cast<std::size_t>(std::log(us) / std::log(kStep));
        ++counts_[std::min(bucket, counts_.size() - 1)];
        ++total_;
    }
    void Merge(const Latencies& other) {
        for (std::size_t i = 0; i < counts_.size(); ++i) {
            counts_[i] += other.counts_[i];
        }
        total_ += other.total_;
    }
    //! The q-quantile (0..1) in milliseconds, to the bucket's middle.
    double Quantile(double q) const {
        if (total_ == 0) {
            return 0.0;
        }
        const auto rank = static_cast<std::uint64_t>(q * static_cast<double>(total_ - 1));
        std::uint64_t seen = 0;
        for (std::size_t i = 0; i < counts_.size(); ++i) {
            seen += counts_[i];
            if (seen > rank) {
                return std::pow(kStep, static_cast<double>(i) + 0.5) / 1000.0;
            }
        }
        return std::pow(kStep, static_cast<double>(counts_.size())) / 1000.0;
    }

private:
    static constexpr double kStep = 1.05;
    std::array<std::uint64_t, 400> counts_{};
    std::uint64_t total_ = 0;
};

//! The statuses of one kind of request and their latencies.
struct KindStats {
    std::uint64_t count = 0;
    std::uint64_t ok = 0;         //!< an expected status
    std::uint64_t unexpected = 0; //!< a status the soak did not expect (2xx-4xx)
    std::uint64_t server_errors = 0;
    std::uint64_t transport_errors = 0;
    std::map<int, std::uint64_t> by_status;
    Latencies latency;
    std::vector<std::string> examples; //!< the first few unexpected replies

    void Merge(const KindStats& other) {
        count += other.count;
        ok += other.ok;
        unexpected += other.unexpected;
        server_errors += other.server_errors;
        transport_errors += other.transport_errors;
        for (const auto& [status, n] : other.by_status) {
            by_status[status] += n;
        }
        latency.Merge(other.latency);
        for (const std::string& e : other.examples) {
            if (examples.size() < 5) {
                examples.push_back(e);
            }
        }
    }
};

//! One worker's tallies; the reporter reads them while the worker runs.
struct Tally {
    std::mutex mutex;
    std::array<KindStats, kKinds> kinds;
    std::map<std::string, std::uint64_t> bet_outcomes; //!< accepted, duplicate, limit, price_moved, ...
};

//! Everything the workers share: where the server is, its keys and events, and the stop flag.
struct Soak {
    std::uint16_t port = 0;
    std::map<std::string, std::string> keys; //!< by role name
    std::vector<std::string> events;         //!< the live events (demo and created)
    std::vector<std::string> sport_keys;     //!< feed keys of the events' sports
    std::atomic<bool> stop{false};
    double seconds = 600.0;
    Clock::time_point start;
};

//! Sends one request, times it and tallies its status against the expected ones. The reply (status 0 and the
//! error in the body when the request failed in transport).
HttpReply Request(HttpClient& http, Tally& tally, Kind kind, Verb verb, const std::string& target,
                  const std::string& body, std::initializer_list<int> expected,
                  const simbook::api::client::HttpHeaders& headers = {}) {
    const auto sent = Clock::now();
    simbook::Result<HttpReply> reply = http.Send(verb, target, body, headers);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
    const int status = StatusOf(reply);
    std::lock_guard lock(tally.mutex);
    KindStats& k = tally.kinds[static_cast<std::size_t>(kind)];
    ++k.count;
    ++k.by_status[status];
    k.latency.Add(ms);
    const bool wanted = std::find(expected.begin(), expected.end(), status) != expected.end();
    if (wanted) {
        ++k.ok;
    } else if (status == 0) {
        ++k.transport_errors;
    } else if (status >= 500) {
        ++k.server_errors;
    } else {
        ++k.unexpected;
    }
    if (!wanted && k.examples.size() < 5) {
        k.examples.push_back(std::string(verb == Verb::get ? "GET " : "POST ") + target + ": " +
                             Describe(reply).substr(0, 300));
    }
    return reply.ok() ? std::move(reply).value() : HttpReply{0, reply.status().message(), {}};
}

//! Runs a worker until the stop flag, counting an exception as a transport error of `kind`.
void RunWorker(Soak& soak, Tally& tally, Kind kind, const std::function<void(std::uint64_t)>& step) {
    for (std::uint64_t n = 0; !soak.stop.load(std::memory_order_relaxed); ++n) {
        try {
            step(n);
        } catch (const std::exception& error) {
            std::lock_guard lock(tally.mutex);
            KindStats& k = tally.kinds[static_cast<std::size_t>(kind)];
            ++k.transport_errors;
            if (k.examples.size() < 5) {
                k.examples.push_back(std::string("exception: ") + error.what());
            }
        }
    }
}

//! Odds and other reads with a sportsbook or a fantasy key, a new connection every 1,000 requests, and a
//! request with an unknown key (401) now and then.
void Reader(Soak& soak, Tally& tally, int index) {
    HttpClient http = Connect(soak.port, soak.keys.at(index % 2 == 0 ? "sportsbook" : "fantasy"));
    HttpClient anonymous = Connect(soak.port, "");
    const std::array<const char*, 5> markets{"", "?markets=h2h", "?markets=spreads,totals&oddsFormat=american",
                                             "?markets=h2h,totals", "?oddsFormat=american"};
    RunWorker(soak, tally, Kind::kRead, [&](std::uint64_t n) {
        const std::string& id = soak.events[n % soak.events.size()];
        if (n % 1000 == 999) {
            http.Close();
        }
        switch (n % 50) {
        case 0:
            Request(http, tally, Kind::kRead, Verb::get, "/v1/events", "", {200});
            break;
        case 1:
            Request(http, tally, Kind::kRead, Verb::get, "/v1/events/" + id, "", {200});
            break;
        case 2:
            Request(http, tally, Kind::kRead, Verb::get,
                    "/v1/sports/" + soak.sport_keys[(n / 50) % soak.sport_keys.size()] + "/odds", "", {200});
            break;
        case 3:
            Request(http, tally, Kind::kRead, Verb::get, "/v1/events/" + id + "/momentum", "", {200});
            break;
        case 4:
            Request(http, tally, Kind::kRead, Verb::get, n % 100 == 4 ? "/metrics" : "/v1/health", "", {200});
            break;
        case 5:
            // A different unknown key each time: whatever the server keeps per key must not grow with them. They
            // share their address's bucket, so past the rate limit they are answered 429.
            Request(anonymous, tally, Kind::kUnknownKey, Verb::get, "/v1/events", "", {401, 429},
                    {{"X-API-Key", "soak-unknown-" + std::to_string(index) + "-" + std::to_string(n)}});
            break;
        default:
            Request(http, tally, Kind::kOdds, Verb::get, "/v1/events/" + id + "/odds" + markets[n % markets.size()], "",
                    {200});
        }
    });
}

//! Bets with a sportsbook key: a quote (h2h or totals), then a bet a little under the quoted price from one of
//! 500 customers. Every 25th stakes above the tier's limit (refused: 409 limit); every 40th repeats the last
//! accepted bet with its Idempotency-Key (200, the same bet); a bet or the customer's bets are read back now and
//! then. A quote may move or be suspended by a live update before the bet arrives: 409 price_moved or
//! market_suspended are expected too.
void Bettor(Soak& soak, Tally& tally, int index) {
    HttpClient http = Connect(soak.port, soak.keys.at("sportsbook"));
    std::string last_key;
    std::string last_body;
    std::string last_id;
    RunWorker(soak, tally, Kind::kBet, [&](std::uint64_t n) {
        const std::string& event = soak.events[(n + static_cast<std::uint64_t>(index)) % soak.events.size()];
        const std::string customer = "soak-" + std::to_string(index) + "-" + std::to_string(n % 500);
        if (n % 40 == 39 && !last_key.empty()) {
            Request(http, tally, Kind::kBet, Verb::post, "/v1/bets", last_body, {200}, {{"Idempotency-Key", last_key}});
            std::lock_guard lock(tally.mutex);
            ++tally.bet_outcomes["duplicate"];
            return;
        }
        if (n % 10 == 5 && !last_id.empty()) {
            Request(http, tally, Kind::kRead, Verb::get, "/v1/bets/" + last_id, "", {200});
        }
        if (n % 200 == 7) {
            Request(http, tally, Kind::kRead, Verb::get, "/v1/bets?customer_id=" + customer, "", {200});
        }
        const char* market = n % 3 == 0 ? "totals" : "h2h";
        const auto quote =
            Request(http, tally, Kind::kOdds, Verb::get, "/v1/events/" + event + "/odds?markets=" + market, "", {200});
        if (quote.status != 200) {
            return;
        }
        const json odds = json::parse(quote.body, nullptr, false);
        const json markets = odds.is_object() ? odds.value("bookmakers", json::array()) : json::array();
        if (markets.empty() || markets[0].value("markets", json::array()).empty() ||
            markets[0]["markets"][0].value("outcomes", json::array()).empty()) {
            return; // none offered at this moment
        }
        const json& m = markets[0]["markets"][0];
        const json& outcome = m["outcomes"][n % m["outcomes"].size()];
        const bool over_limit = n % 25 == 0;
        const double stake = over_limit ? 1500.0 : static_cast<double>(100 + n % 900) / 100.0;
        const json bet{{"event_id", event},
                       {"market", m["market"]},
                       {"outcome", outcome["selection"]},
                       {"price", std::max(1.01, std::floor(outcome["price"].get<double>() * 100.0 - 2.0) / 100.0)},
                       {"stake", stake},
                       {"customer_id", customer}};
        const std::string key = "soak-" + std::to_string(index) + "-" + std::to_string(n);
        const auto placed = Request(http, tally, Kind::kBet, Verb::post, "/v1/bets", bet.dump(), {201, 409},
                                    {{"Idempotency-Key", key}});
        std::string outcome_name = "status " + std::to_string(placed.status);
        if (placed.status == 201) {
            outcome_name = "accepted";
            last_key = key;
            last_body = bet.dump();
            last_id = json::parse(placed.body, nullptr, false).value("id", "");
        } else if (placed.status == 409) {
            const json error = json::parse(placed.body, nullptr, false);
            outcome_name = error.is_object() ? error["error"].value("code", "409") : "409";
        }
        std::lock_guard lock(tally.mutex);
        ++tally.bet_outcomes[(over_limit ? "over_limit_" : "") + outcome_name];
    });
}

//! The live state of an event at fraction f (0..1) of the run: the clock runs from kick-off to shortly before the
//! end of the game (baseball: to the top of the 9th; football: a minute before the end), the scores rise; the same
//! state twice is a heartbeat, which the server accepts.
json LiveState(const std::string& sport, double f, std::size_t e, std::uint64_t n) {
    if (sport == "soccer") {
        return {{"minute", static_cast<int>(f * 88.0)},
                {"home", static_cast<int>(f * static_cast<double>(1 + e % 3))},
                {"away", static_cast<int>(f * 2.0)}};
    }
    if (sport == "baseball") { // the top of the 1st to the top of the 9th, every field moving only forward
        const double halves = f * 16.0;
        const int half = static_cast<int>(halves);
        return {{"inning", 1 + half / 2},
                {"half", half % 2 == 0 ? "top" : "bottom"},
                {"outs", std::min(2, static_cast<int>((halves - half) * 3.0))},
                {"home", static_cast<int>(f * static_cast<double>(3 + e % 3))},
                {"away", static_cast<int>(f * 4.0)}};
    }
    if (sport == "football") { // kick-off to a minute before the end, the ball changing hands, a drive's yard line
        const int played = static_cast<int>(f * (4 * 900 - 60));
        return {{"quarter", 1 + played / 900},
                {"clock", 900 - played % 900},
                {"home", static_cast<int>(f * (24.0 + static_cast<double>(e % 3) * 3.0))},
                {"away", static_cast<int>(f * 20.0)},
                {"possession", n % 2 == 0 ? "home" : "away"},
                {"yard_line", 20 + static_cast<int>((n * 7) % 60)}};
    }
    const int elapsed = static_cast<int>(f * (4 * 720 - 60));
    return {{"period", 1 + elapsed / 720},
            {"clock", 720 - elapsed % 720},
            {"home", static_cast<int>(f * (100.0 + static_cast<double>(e % 4) * 5.0))},
            {"away", static_cast<int>(f * 104.0)},
            {"possession", n % 2 == 0 ? "home" : "away"}};
}

//! The trader's feed: state updates round the live events at a steady rate, the game clock following the run;
//! every 100th update suspends and resumes the h2h market of an event, and reads its exposure.
void Feed(Soak& soak, Tally& tally, const std::vector<std::string>& sports, double per_second) {
    HttpClient http = Connect(soak.port, soak.keys.at("trader"));
    const auto period = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / per_second));
    auto due = soak.start;
    RunWorker(soak, tally, Kind::kState, [&](std::uint64_t n) {
        due += period;
        std::this_thread::sleep_until(due);
        const std::size_t e = n % soak.events.size();
        const std::string& id = soak.events[e];
        const double f = std::min(1.0, std::chrono::duration<double>(Clock::now() - soak.start).count() / soak.seconds);
        Request(http, tally, Kind::kState, Verb::post, "/v1/events/" + id + "/state",
                LiveState(sports[e], f, e, n).dump(), {200});
        if (n % 100 == 50) {
            const std::string base = "/v1/events/" + id + "/markets/h2h/";
            Request(http, tally, Kind::kMarket, Verb::post, base + "suspend", "", {200});
            Request(http, tally, Kind::kRead, Verb::get, "/v1/events/" + id + "/exposure", "", {200});
            Request(http, tally, Kind::kMarket, Verb::post, base + "resume", "", {200});
        }
    });
}

//! A tool request of each kind in turn with modest path counts, each with a role allowed to make it that is not
//! the trader's (what-if is for traders and admins: the admin key). 429 is expected once a role's compute budget
//! is spent.
void Tools(Soak& soak, Tally& tally, int index, const std::string& salaries_csv) {
    HttpClient fantasy = Connect(soak.port, soak.keys.at("fantasy"));
    HttpClient admin = Connect(soak.port, soak.keys.at("admin"));
    HttpClient book = Connect(soak.port, soak.keys.at("sportsbook"));
    const json slate = json::parse(R"({"games":[{"home":"BOS","away":"DAL"},{"home":"DEN","away":"LAL"}]})");
    const json lineups{{"slate", slate}, {"site", "draftkings"}, {"salaries_csv", salaries_csv},
                       {"lineups", 1},   {"sims", 1000},         {"objective", "mean"}};
    const std::string futures = R"({"league":"premier-league","seasons":500,
        "table":[{"team":"Arsenal","played":36,"points":80,"gf":70,"ga":30},
                 {"team":"Chelsea","played":36,"points":79,"gf":68,"ga":31},
                 {"team":"Liverpool","played":36,"points":60,"gf":60,"ga":40},
                 {"team":"Everton","played":36,"points":40,"gf":40,"ga":60}],
        "fixtures":[{"home":"Arsenal","away":"Chelsea"},{"home":"Liverpool","away":"Everton"},
                    {"home":"Chelsea","away":"Liverpool"},{"home":"Everton","away":"Arsenal"}],
        "positions":{"title":1,"top4":2,"relegation":1}})";
    RunWorker(soak, tally, Kind::kSimulate, [&](std::uint64_t n) {
        const std::string seed = std::to_string(n * 7 + static_cast<std::uint64_t>(index));
        switch ((n + static_cast<std::uint64_t>(index)) % 6) {
        case 0:
            Request(fantasy, tally, Kind::kSimulate, Verb::post, "/v1/simulate",
                    n % 12 < 6 ? R"({"sport":"basketball","league":"nba","home_team":"BOS","away_team":"DAL",)"
                                 R"("sims":2000,"seed":)" +
                                     seed + "}"
                               : R"({"sport":"soccer","league":"premier-league","home_team":"Arsenal",)"
                                 R"("away_team":"Chelsea","sims":2000,"seed":)" +
                                     seed + "}",
                    {200, 429});
            break;
        case 1:
            Request(admin, tally, Kind::kWhatIf, Verb::post, "/v1/whatif",
                    R"({"sport":"soccer","league":"premier-league","home_team":"Arsenal","away_team":"Chelsea",)"
                    R"("markets":"h2h","scenario":[{"type":"red_card","team":"home","minute":30}],"sims":2000})",
                    {200, 429});
            break;
        case 2:
            Request(fantasy, tally, Kind::kMomentum, Verb::post, "/v1/momentum",
                    R"({"sport":"basketball","league":"nba","home_team":"BOS","away_team":"DAL","sims":2000,)"
                    R"("state":{"period":3,"clock":"6:00","home":70,"away":66,"possession":"away"}})",
                    {200, 429});
            break;
        case 3:
            Request(fantasy, tally, Kind::kFantasy, Verb::post, "/v1/fantasy/projections",
                    json{{"slate", slate}, {"sims", 1000}, {"scoring", "draftkings"}}.dump(), {200, 429});
            break;
        case 4:
            Request(fantasy, tally, Kind::kFantasy, Verb::post, "/v1/fantasy/lineups", lineups.dump(), {200, 429});
            break;
        default:
            Request(book, tally, Kind::kFutures, Verb::post, "/v1/futures", futures, {200, 429});
        }
    });
}

//! What a subscriber saw.
struct Pushes {
    std::atomic<std::uint64_t> messages{0};
    std::atomic<std::uint64_t> bytes{0};
    std::atomic<std::uint64_t> connects{0};
    std::atomic<std::uint64_t> out_of_order{0}; //!< an event's version lower than one pushed before
    std::atomic<std::uint64_t> malformed{0};    //!< not JSON, or not an odds message
    std::atomic<std::uint64_t> errors{0};
    std::mutex mutex;
    std::vector<std::string> examples;
};

//! A WebSocket subscriber of every live event (sportsbook or fantasy key) that reads pushes and reconnects
//! every 20-40 s; the socket is shut down from outside to stop it.
void Subscriber(Soak& soak, Pushes& pushes, int index, std::mutex& sockets_mutex,
                std::vector<beast::tcp_stream*>& sockets) {
    const std::string key = soak.keys.at(index % 2 == 0 ? "sportsbook" : "fantasy");
    while (!soak.stop.load()) {
        asio::io_context ioc;
        std::unique_ptr<websocket::stream<beast::tcp_stream>> ws;
        try {
            ws = SubscribeStream(ioc, soak.port, key, soak.events);
        } catch (const std::exception& error) {
            if (!soak.stop.load()) {
                ++pushes.errors;
                std::lock_guard lock(pushes.mutex);
                pushes.examples.push_back(std::string("subscribe: ") + error.what());
            }
            return;
        }
        ++pushes.connects;
        {
            std::lock_guard lock(sockets_mutex);
            sockets[static_cast<std::size_t>(index)] = &beast::get_lowest_layer(*ws);
        }
        const auto reconnect_at = Clock::now() + std::chrono::seconds(20 + (index * 7) % 20);
        std::map<std::string, int> last_version;
        beast::flat_buffer in;
        beast::error_code ec;
        while (!soak.stop.load() && Clock::now() < reconnect_at) {
            ws->read(in, ec);
            if (ec) {
                break;
            }
            ++pushes.messages;
            pushes.bytes += in.size();
            const json message = json::parse(beast::buffers_to_string(in.data()), nullptr, false);
            in.consume(in.size());
            if (!message.is_object() || message.value("type", "") != "odds" || !message.contains("id")) {
                ++pushes.malformed;
                continue;
            }
            const int version = message.value("version", -1);
            int& last = last_version[message["id"].get<std::string>()];
            if (version < last) {
                ++pushes.out_of_order;
            }
            last = std::max(last, version);
        }
        {
            std::lock_guard lock(sockets_mutex);
            sockets[static_cast<std::size_t>(index)] = nullptr;
        }
        if (ec && !soak.stop.load()) {
            ++pushes.errors;
            std::lock_guard lock(pushes.mutex);
            pushes.examples.push_back("read: " + ec.message());
            return;
        }
        if (!ec && !soak.stop.load()) {
            ws->close(websocket::close_code::normal, ec); // reads (and drops) pushes until the server's close
        }
    }
}

//! A field of /proc/PID/status in kB ("VmRSS:", "RssAnon:"), in MiB (0 when it cannot be read).
double StatusMib(pid_t pid, const std::string& field) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(field, 0) == 0) {
            return std::strtod(line.c_str() + field.size(), nullptr) / 1024.0;
        }
    }
    return 0.0;
}

//! The server's resident set in MiB (0 when it cannot be read).
double RssMib(pid_t pid) {
    return StatusMib(pid, "VmRSS:");
}

struct RssSample {
    double seconds;
    double mib;
    double anon_mib; //!< RssAnon: the heap and stacks, without mapped files (the SQLite -shm, the executable)
};

//! The median of the samples' RSS.
double MedianMib(std::vector<RssSample> samples) {
    if (samples.empty()) {
        return 0.0;
    }
    std::sort(samples.begin(), samples.end(), [](const RssSample& a, const RssSample& b) { return a.mib < b.mib; });
    return samples[samples.size() / 2].mib;
}

//! Least-squares slope of RSS against time, MiB per minute.
double SlopeMibPerMinute(const std::vector<RssSample>& samples) {
    if (samples.size() < 2) {
        return 0.0;
    }
    double t = 0.0;
    double r = 0.0;
    for (const RssSample& s : samples) {
        t += s.seconds;
        r += s.mib;
    }
    t /= static_cast<double>(samples.size());
    r /= static_cast<double>(samples.size());
    double tt = 0.0;
    double tr = 0.0;
    for (const RssSample& s : samples) {
        tt += (s.seconds - t) * (s.seconds - t);
        tr += (s.seconds - t) * (s.mib - r);
    }
    return tt > 0.0 ? 60.0 * tr / tt : 0.0;
}

//! The whole text of a file (empty when it cannot be read).
std::string ReadFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

int main(int argc, char** argv) {
    double seconds = 600.0;
    double warmup = 0.2;
    std::uint64_t sims = 2'000;
    int readers = 4;
    int bettors = 2;
    int subscribers = 4;
    int tools = 2;
    double updates_per_second = 20.0;
    int live_events = 4;
    // RSS after warm-up may grow by at most max(rss_limit_mib, rss_limit_pct % of the RSS at warm-up). Flat means
    // within the noise: tool requests make a 3-5 MiB sawtooth (peak to trough) that a 10-s median can land on, and
    // the medians of the fixed server moved -0.2 to +2.6 MiB over 4-8 minutes; the bets the book used to keep
    // grew 5 MiB/min, 7 MiB between the medians of the 2-minute CI run. 6 MiB sits between the two, and over
    // 10 minutes catches 0.75 MiB/min. The percentage lets a larger server (more paths, events) have more noise.
    double rss_limit_mib = 6.0;
    double rss_limit_pct = 5.0;
    std::string server = SIMBOOK_BINARY;
    std::vector<std::string> serve_extra;
    CLI::App app{"Soak: one simbook serve under a mixed load for a bounded time; its throughput, latencies, errors "
                 "and RSS growth after warm-up"};
    app.add_option("--seconds", seconds, "how long the load runs")->capture_default_str();
    app.add_option("--warmup", warmup, "fraction of the run before RSS must stay flat")->capture_default_str();
    app.add_option("--sims", sims, "serve --sims: Monte Carlo paths per reprice")->capture_default_str();
    app.add_option("--readers", readers, "clients reading odds, events and bets")->capture_default_str();
    app.add_option("--bettors", bettors, "clients placing bets")->capture_default_str();
    app.add_option("--subscribers", subscribers, "WebSocket subscribers of every live event")->capture_default_str();
    app.add_option("--tools", tools, "clients of simulate, what-if, momentum, fantasy and futures")
        ->capture_default_str();
    app.add_option("--updates-per-second", updates_per_second, "live state updates a second, over all live events")
        ->capture_default_str();
    app.add_option("--live-events", live_events, "events updated live (the demo ones, then created)")
        ->capture_default_str();
    app.add_option("--rss-limit-mib", rss_limit_mib, "RSS growth after warm-up allowed, MiB")->capture_default_str();
    app.add_option("--rss-limit-pct", rss_limit_pct, "... or this percentage of the RSS at warm-up, if larger")
        ->capture_default_str();
    app.add_option("--server", server, "the simbook executable")->capture_default_str();
    app.add_option("serve_options", serve_extra, "more `simbook serve` options, after --");
    CLI11_PARSE(app, argc, argv);
    if (!(seconds >= 10.0) || !(warmup >= 0.0 && warmup < 0.9) || sims < 1 || readers < 0 || bettors < 0 ||
        subscribers < 0 || tools < 0 || !(updates_per_second > 0.0) || live_events < 2 || live_events > 64) {
        std::fprintf(stderr, "error: --seconds >= 10, --warmup in [0, 0.9), --sims >= 1, worker counts >= 0, "
                             "--updates-per-second > 0, --live-events 2..64\n");
        return 2;
    }
    const std::string salaries = ReadFile(SIMBOOK_SOURCE_DIR "/data/fantasy/DKSalaries-slate-2.csv");
    if (salaries.empty()) {
        std::fprintf(stderr, "error: cannot read data/fantasy/DKSalaries-slate-2.csv\n");
        return 2;
    }
    const std::string store = "/tmp/simbook_soak_" + std::to_string(getpid()) + ".sqlite";
    std::vector<std::string> args{"--port",       "0",
                                  "--store",      store,
                                  "--sims",       std::to_string(sims),
                                  "--params-dir", SIMBOOK_SOURCE_PARAMS_DIR,
                                  "--rate-limit", "0"};
    args.insert(args.end(), serve_extra.begin(), serve_extra.end());
    const double load_before = LoadAverage();
    ServeProcess serve(server, args);
    Soak soak;
    soak.seconds = seconds;
    const simbook::testing::ServeStarted started = simbook::testing::ReadStartup(serve);
    soak.port = started.port;
    soak.keys = started.keys;
    const auto cleanup = [&store] {
        for (const char* suffix : {"", "-wal", "-shm"}) {
            std::remove((store + suffix).c_str());
        }
    };
    if (soak.port == 0 || soak.keys.size() < 4) {
        std::fprintf(stderr, "error: %s serve did not start:\n%s\n", server.c_str(), serve.Printed().c_str());
        cleanup();
        return 1;
    }
    // The server's stdout must be drained, or a burst of log lines would fill the pipe and stall it.
    std::atomic<std::uint64_t> log_lines{0};
    std::thread drain([&serve, &log_lines] {
        std::string line;
        while (serve.ReadLine(&line)) {
            if (line.rfind("demo event", 0) != 0 && ++log_lines <= 5) {
                std::fprintf(stderr, "server: %s", line.c_str());
            }
        }
    });

    // The live events: the demo events, then more alternating EPL and NBA games (one soccer game priced exactly).
    std::vector<std::string> sports;
    {
        HttpClient trader = Connect(soak.port, soak.keys.at("trader"));
        const auto listed = trader.Send(Verb::get, "/v1/events");
        const json events = StatusOf(listed) == 200 ? json::parse(listed->body, nullptr, false) : json();
        for (const json& e : events.is_array() ? events : json::array()) {
            soak.events.push_back(e["id"]);
            sports.push_back(e["sport"]);
        }
        const std::array<const char*, 4> games{
            R"({"sport":"basketball","league":"nba","home_team":"DEN","away_team":"LAL"})",
            R"({"sport":"soccer","league":"premier-league","home_team":"Liverpool","away_team":"Everton",)"
            R"("pricing":"exact"})",
            R"({"sport":"basketball","league":"nba","home_team":"MIL","away_team":"PHI"})",
            R"({"sport":"soccer","league":"premier-league","home_team":"Newcastle","away_team":"Tottenham"})"};
        for (std::size_t i = 0; soak.events.size() < static_cast<std::size_t>(live_events); ++i) {
            const json game = json::parse(games[i % games.size()]);
            const auto created = trader.Send(Verb::post, "/v1/events", game.dump());
            if (StatusOf(created) != 201) {
                std::fprintf(stderr, "error: creating %s: %s\n", game.dump().c_str(), Describe(created).c_str());
                serve.Stop(SIGKILL);
                drain.join();
                cleanup();
                return 1;
            }
            soak.events.push_back(json::parse(created->body)["id"]);
            sports.push_back(game["sport"]);
        }
        soak.events.resize(static_cast<std::size_t>(live_events));
        sports.resize(soak.events.size());
        const auto all = trader.Send(Verb::get, "/v1/events");
        std::set<std::string> keys;
        for (const json& e : json::parse(all->body, nullptr, false)) {
            keys.insert(e.value("sport_key", ""));
        }
        soak.sport_keys.assign(keys.begin(), keys.end());
    }
    const double rss_start = RssMib(serve.Pid());
    std::printf("soak: %s serve (pid %d) on port %u for %.0f s, warm-up %.0f s; %zu live events, %.0f state "
                "updates/s, --sims %llu; %d readers, %d bettors, %d subscribers, %d tool clients; load average "
                "%.2f before\n",
                server.c_str(), static_cast<int>(serve.Pid()), static_cast<unsigned>(soak.port), seconds,
                warmup * seconds, soak.events.size(), updates_per_second, static_cast<unsigned long long>(sims),
                readers, bettors, subscribers, tools, load_before);
    std::fflush(stdout);

    std::vector<std::unique_ptr<Tally>> tallies;
    std::vector<std::thread> workers;
    const auto add_worker = [&](auto&& body) {
        tallies.push_back(std::make_unique<Tally>());
        Tally* tally = tallies.back().get();
        workers.emplace_back([body, tally] { body(*tally); });
    };
    soak.start = Clock::now();
    for (int i = 0; i < readers; ++i) {
        add_worker([&soak, i](Tally& t) { Reader(soak, t, i); });
    }
    for (int i = 0; i < bettors; ++i) {
        add_worker([&soak, i](Tally& t) { Bettor(soak, t, i); });
    }
    add_worker([&soak, &sports, updates_per_second](Tally& t) { Feed(soak, t, sports, updates_per_second); });
    for (int i = 0; i < tools; ++i) {
        add_worker([&soak, i, &salaries](Tally& t) { Tools(soak, t, i, salaries); });
    }
    Pushes pushes;
    std::mutex sockets_mutex;
    std::vector<beast::tcp_stream*> sockets(static_cast<std::size_t>(subscribers), nullptr);
    std::vector<std::thread> listeners;
    for (int i = 0; i < subscribers; ++i) {
        listeners.emplace_back([&, i] { Subscriber(soak, pushes, i, sockets_mutex, sockets); });
    }

    // Sample the server's RSS every second; a progress line every tenth of the run.
    const auto total = [&tallies] {
        std::uint64_t n = 0;
        for (const auto& t : tallies) {
            std::lock_guard lock(t->mutex);
            for (const KindStats& k : t->kinds) {
                n += k.count;
            }
        }
        return n;
    };
    std::vector<RssSample> rss;
    bool server_died = false;
    const auto end = soak.start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    int next_progress = 1;
    std::uint64_t requests_before = 0;
    double progress_before = 0.0;
    for (auto tick = soak.start + std::chrono::seconds(1); tick <= end; tick += std::chrono::seconds(1)) {
        std::this_thread::sleep_until(tick);
        const double t = std::chrono::duration<double>(Clock::now() - soak.start).count();
        const double mib = RssMib(serve.Pid());
        if (mib == 0.0) {
            server_died = true;
            std::fprintf(stderr, "error: the server is gone at %.0f s\n", t);
            break;
        }
        const double anon = StatusMib(serve.Pid(), "RssAnon:");
        rss.push_back({t, mib, anon});
        if (t >= seconds * next_progress / 10.0 - 0.5) {
            const std::uint64_t requests = total();
            std::printf("  %5.0f s  RSS %7.1f MiB (anon %5.1f)  %9llu requests  %7.0f/s  %llu pushes\n", t, mib, anon,
                        static_cast<unsigned long long>(requests),
                        static_cast<double>(requests - requests_before) / (t - progress_before),
                        static_cast<unsigned long long>(pushes.messages.load()));
            std::fflush(stdout);
            requests_before = requests;
            progress_before = t;
            ++next_progress;
        }
    }
    soak.stop = true;
    const double elapsed = std::chrono::duration<double>(Clock::now() - soak.start).count();
    for (std::thread& w : workers) {
        w.join();
    }
    {
        std::lock_guard lock(sockets_mutex);
        for (beast::tcp_stream* s : sockets) {
            if (s != nullptr) {
                beast::error_code ignored;
                s->socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
            }
        }
    }
    for (std::thread& l : listeners) {
        l.join();
    }
    const double rss_end_raw = server_died ? 0.0 : RssMib(serve.Pid());
    const auto stop_started = Clock::now();
    const int exit_status = server_died ? -1 : serve.Stop(SIGTERM);
    const double stop_seconds = std::chrono::duration<double>(Clock::now() - stop_started).count();
    drain.join();
    std::ifstream store_file(store, std::ios::binary | std::ios::ate);
    const double store_mib = store_file ? static_cast<double>(store_file.tellg()) / (1024.0 * 1024.0) : 0.0;
    cleanup();

    // The report.
    std::array<KindStats, kKinds> kinds;
    std::map<std::string, std::uint64_t> bet_outcomes;
    for (const auto& t : tallies) {
        for (std::size_t k = 0; k < kKinds; ++k) {
            kinds[k].Merge(t->kinds[k]);
        }
        for (const auto& [name, n] : t->bet_outcomes) {
            bet_outcomes[name] += n;
        }
    }
    std::uint64_t requests = 0;
    std::uint64_t server_errors = 0;
    std::uint64_t transport_errors = 0;
    std::uint64_t unexpected = 0;
    std::printf("%-12s %10s %9s %9s %9s  %s\n", "kind", "requests", "per s", "p50 ms", "p99 ms", "statuses");
    for (std::size_t k = 0; k < kKinds; ++k) {
        const KindStats& s = kinds[k];
        if (s.count == 0 && s.transport_errors == 0) {
            continue;
        }
        std::string statuses;
        for (const auto& [status, n] : s.by_status) {
            statuses += (statuses.empty() ? "" : " ") + std::to_string(status) + ":" + std::to_string(n);
        }
        std::printf("%-12s %10llu %9.1f %9.2f %9.2f  %s\n", kKindNames[k], static_cast<unsigned long long>(s.count),
                    static_cast<double>(s.count) / elapsed, s.latency.Quantile(0.5), s.latency.Quantile(0.99),
                    statuses.c_str());
        for (const std::string& e : s.examples) {
            std::printf("    unexpected: %s\n", e.c_str());
        }
        requests += s.count;
        server_errors += s.server_errors;
        transport_errors += s.transport_errors;
        unexpected += s.unexpected;
    }
    std::string outcomes;
    for (const auto& [name, n] : bet_outcomes) {
        outcomes += (outcomes.empty() ? "" : ", ") + name + " " + std::to_string(n);
    }
    std::printf("bets: %s\n", outcomes.c_str());
    std::printf("pushes: %llu messages (%.1f MiB) on %llu connections, %llu out of order, %llu malformed, %llu "
                "errors\n",
                static_cast<unsigned long long>(pushes.messages.load()),
                static_cast<double>(pushes.bytes.load()) / (1024.0 * 1024.0),
                static_cast<unsigned long long>(pushes.connects.load()),
                static_cast<unsigned long long>(pushes.out_of_order.load()),
                static_cast<unsigned long long>(pushes.malformed.load()),
                static_cast<unsigned long long>(pushes.errors.load()));
    for (const std::string& e : pushes.examples) {
        std::printf("    subscriber: %s\n", e.c_str());
    }
    // RSS: the median of the first 10 s after warm-up against the median of the last 10 s, and the trend between.
    std::vector<RssSample> after;
    for (const RssSample& s : rss) {
        if (s.seconds >= warmup * seconds) {
            after.push_back(s);
        }
    }
    const std::size_t window = std::min<std::size_t>(10, after.size());
    const double rss_warm = MedianMib({after.begin(), after.begin() + static_cast<std::ptrdiff_t>(window)});
    const double rss_end = MedianMib({after.end() - static_cast<std::ptrdiff_t>(window), after.end()});
    double rss_max = 0.0;
    for (const RssSample& s : rss) {
        rss_max = std::max(rss_max, s.mib);
    }
    std::vector<RssSample> anon_first(after.begin(), after.begin() + static_cast<std::ptrdiff_t>(window));
    std::vector<RssSample> anon_last(after.end() - static_cast<std::ptrdiff_t>(window), after.end());
    for (std::vector<RssSample>* v : {&anon_first, &anon_last}) {
        for (RssSample& s : *v) {
            s.mib = s.anon_mib;
        }
    }
    const double growth = rss_end - rss_warm;
    const double limit = std::max(rss_limit_mib, rss_limit_pct / 100.0 * rss_warm);
    std::printf("RSS: %.1f MiB at start, %.1f MiB after warm-up (%.0f s), %.1f MiB at the end, %.1f MiB max, "
                "%.1f MiB at stop; growth after warm-up %+.1f MiB (limit %.1f MiB), trend %+.2f MiB/min\n",
                rss_start, rss_warm, warmup * seconds, rss_end, rss_max, rss_end_raw, growth, limit,
                SlopeMibPerMinute(after));
    std::printf("RSS anon (heap): %.1f MiB after warm-up, %.1f MiB at the end\n", MedianMib(anon_first),
                MedianMib(anon_last));
    std::printf("store: %.1f MiB; server log lines: %llu; stopped by SIGTERM in %.2f s with status %d\n", store_mib,
                static_cast<unsigned long long>(log_lines.load()), stop_seconds, exit_status);

    std::vector<std::string> failures;
    if (server_died) {
        failures.push_back("the server died");
    } else if (exit_status != 0) {
        failures.push_back("the server did not stop cleanly (status " + std::to_string(exit_status) + ")");
    }
    if (server_errors > 0) {
        failures.push_back(std::to_string(server_errors) + " 5xx");
    }
    if (transport_errors > 0) {
        failures.push_back(std::to_string(transport_errors) + " transport errors");
    }
    if (unexpected > 0) {
        failures.push_back(std::to_string(unexpected) + " unexpected statuses");
    }
    if (subscribers > 0 &&
        (pushes.messages == 0 || pushes.errors > 0 || pushes.out_of_order > 0 || pushes.malformed > 0)) {
        failures.push_back("subscribers missed pushes or saw them wrong");
    }
    if (growth > limit) {
        failures.push_back("RSS grew after warm-up");
    }
    std::string failed;
    for (const std::string& f : failures) {
        failed += (failed.empty() ? "" : "; ") + f;
    }
    std::printf("RESULT seconds=%.0f requests=%llu rps=%.0f 5xx=%llu transport_errors=%llu unexpected=%llu "
                "pushes=%llu rss_warm_mib=%.1f rss_end_mib=%.1f rss_growth_mib=%.1f %s%s\n",
                elapsed, static_cast<unsigned long long>(requests), static_cast<double>(requests) / elapsed,
                static_cast<unsigned long long>(server_errors), static_cast<unsigned long long>(transport_errors),
                static_cast<unsigned long long>(unexpected), static_cast<unsigned long long>(pushes.messages.load()),
                rss_warm, rss_end, growth, failures.empty() ? "PASSED" : "FAILED: ", failed.c_str());
    return failures.empty() ? 0 : 1;
}
