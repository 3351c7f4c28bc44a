#include "app/replay_command.hpp"

#include "api/client/http_client.hpp"
#include "models/soccer_data.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <utility>

namespace simbook::app {
namespace {

using api::client::Verb;
using nlohmann::json;

//! Minutes of second-half stoppage the server's soccer state accepts (SoccerModel's default); a goal the data
//! puts later in a match without extra time is posted at the last of them.
constexpr int kMaxStoppage = 4;
//! A goal past this minute means the match went to extra time (the data writes stoppage as 90+s as 90 + s).
constexpr int kLastStoppageMinute = 99;

//! A reply with its body parsed as JSON (null when it is not JSON).
struct Reply {
    int status = 0;
    json body;
};

//! The server's replies as JSON, on the shared client's keep-alive connection.
class ApiClient {
public:
    ApiClient(std::string host, std::string port, std::string key)
        : http_(std::move(host), std::move(port), api::client::HttpClientOptions(std::move(key), "simbook-replay")) {}

    Result<Reply> Send(api::client::Verb verb, const std::string& target, const json& body) {
        auto reply = http_.Send(verb, target, body.is_null() ? std::string() : body.dump());
        if (!reply.ok()) {
            Status s = reply.status();
            if (s.message().starts_with("cannot reach")) {
                return Status(s.code(), s.message() + "; is `simbook serve` running?");
            }
            return s;
        }
        return Reply{reply->status, json::parse(reply->body, nullptr, false)};
    }

    std::string Url() const { return http_.Url(); }

private:
    api::client::HttpClient http_;
};

//! "http://host:port[/]" split into host and port.
Result<std::pair<std::string, std::string>> ParseUrl(const std::string& url) {
    const std::string scheme = "http://";
    if (!url.starts_with(scheme)) {
        return InvalidArgument("--url", "'" + url + "' must start with http:// (https is not supported)");
    }
    std::string rest = url.substr(scheme.size());
    if (!rest.empty() && rest.back() == '/') {
        rest.pop_back();
    }
    if (rest.empty() || rest.find('/') != std::string::npos) {
        return InvalidArgument("--url", "'" + url + "' must be http://HOST:PORT");
    }
    const std::size_t colon = rest.rfind(':');
    if (colon == std::string::npos) {
        return std::make_pair(rest, std::string("80"));
    }
    const std::string port = rest.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c) != 0; }) ||
        std::stoi(port) == 0 || std::stoi(port) > 65535) {
        return InvalidArgument("--url", "'" + url + "': bad port '" + port + "'");
    }
    return std::make_pair(rest.substr(0, colon), port);
}

//! A server error reply as one line, with a hint for the common causes.
Status ServerError(const Reply& reply, const std::string& what) {
    std::string message = what + ": HTTP " + std::to_string(reply.status);
    if (reply.body.is_object() && reply.body.contains("error") && reply.body["error"].is_object()) {
        const json& e = reply.body["error"];
        message += " " + e.value("code", std::string()) + ": " + e.value("message", std::string());
    }
    if (reply.status == 401) {
        message += " (pass a trader or admin key with --key; `simbook serve` prints demo keys at start)";
        return Status(StatusCode::kInvalidArgument, message);
    }
    if (reply.status == 403) {
        message += " (replay needs a trader or admin key)";
        return Status(StatusCode::kInvalidArgument, message);
    }
    return Status(reply.status >= 500 ? StatusCode::kUnavailable : StatusCode::kInvalidArgument, message);
}

//! h2h decimal odds (home, draw, away) and the book market keys of an odds reply.
void ReadOdds(const json& odds, std::array<double, 3>* h2h, std::vector<std::string>* lines) {
    *h2h = {0.0, 0.0, 0.0};
    if (!odds.is_object() || !odds.contains("bookmakers") || !odds["bookmakers"].is_array() ||
        odds["bookmakers"].empty()) {
        return;
    }
    for (const json& market : odds["bookmakers"][0].value("markets", json::array())) {
        if (lines != nullptr) {
            lines->push_back(market.value("market", std::string()));
        }
        if (market.value("key", std::string()) != "h2h") {
            continue;
        }
        for (const json& outcome : market.value("outcomes", json::array())) {
            const std::string selection = outcome.value("selection", std::string());
            const double price = outcome.value("price", 0.0);
            if (selection == "home") {
                (*h2h)[0] = price;
            } else if (selection == "draw") {
                (*h2h)[1] = price;
            } else if (selection == "away") {
                (*h2h)[2] = price;
            }
        }
    }
}

std::string Price(double decimal) {
    if (decimal <= 0.0) {
        return "  -   ";
    }
    char text[16];
    std::snprintf(text, sizeof(text), "%6.2f", decimal);
    return text;
}

//! A state update to post: when (match minute, stoppage minute) and the score then.
struct Step {
    int minute = 0;
    int stoppage = 0;
    int home = 0;
    int away = 0;
    int ht_home = 0;
    int ht_away = 0;
    std::string leader = "none"; //!< last team to lead: "home", "away", "none"
    bool goal = false;
    bool finished = false;
    std::string clock;
    std::string note; //!< the goals in this step, e.g. "GOAL Argentina (Lionel Messi, pen)"
};

} // namespace

Result<ReplaySummary> RunReplay(const ReplayOptions& o, std::FILE* out) {
    if (!(o.speed >= 0.0 && o.speed <= 1e6)) {
        char text[32];
        std::snprintf(text, sizeof(text), "%g", o.speed);
        return InvalidArgument("--speed", std::string(text) + " is outside [0, 1e6]");
    }
    if (o.key.empty()) {
        return InvalidArgument("--key", "required: a trader or admin API key (`simbook serve` prints demo keys)");
    }
    const auto date = models::ParseDate(o.date);
    if (!date.ok()) {
        return InvalidArgument("--date", date.status().message());
    }
    const auto url = ParseUrl(o.url);
    if (!url.ok()) {
        return url.status();
    }
    const std::string data_dir = models::ResolveDataDir(o.data);
    const auto results = models::LoadInternationalResults(data_dir);
    if (!results.ok()) {
        return results.status();
    }
    const models::InternationalMatch* match = nullptr;
    bool swapped = false;
    std::vector<std::string> that_day;
    for (const models::InternationalMatch& m : *results) {
        if (m.match.date != *date) {
            continue;
        }
        if (m.match.home == o.home_team && m.match.away == o.away_team) {
            match = &m;
        }
        swapped = swapped || (m.match.home == o.away_team && m.match.away == o.home_team);
        if (m.match.home == o.home_team || m.match.away == o.home_team || m.match.home == o.away_team ||
            m.match.away == o.away_team) {
            that_day.push_back(m.match.home + " v " + m.match.away);
        }
    }
    if (match == nullptr) {
        std::string message = "no international " + o.home_team + " v " + o.away_team + " on " + o.date + " in " +
                              data_dir + "/soccer/international/results.csv";
        if (swapped) {
            message += " (the home team that day was " + o.away_team + ": swap --home-team and --away-team)";
        } else if (!that_day.empty()) {
            message += " (that day: " + that_day.front() + ")";
        }
        return InvalidArgument("match", message);
    }
    const auto goals = models::LoadInternationalGoals(data_dir, *date, o.home_team, o.away_team);
    if (!goals.ok()) {
        return goals.status();
    }
    const int total = match->match.home_goals + match->match.away_goals;
    if (static_cast<int>(goals->size()) != total) {
        return InvalidArgument("match", "no complete goal data for " + o.home_team + " v " + o.away_team + " on " +
                                            o.date + ": the result is " + std::to_string(match->match.home_goals) +
                                            "-" + std::to_string(match->match.away_goals) +
                                            " but goalscorers.csv lists " + std::to_string(goals->size()) + " goals");
    }
    int last_minute = 0;
    for (const models::InternationalGoal& g : *goals) {
        if (g.minute < 0) {
            return InvalidArgument("match", "goalscorers.csv has no minute for " + g.scorer + "'s goal in " +
                                                o.home_team + " v " + o.away_team + " on " + o.date);
        }
        last_minute = std::max(last_minute, g.minute);
    }
    // The data folds stoppage time into minutes past 45 and 90; a goal past minute 99, or a shootout, means
    // extra time was played, and then every goal past 90 belongs to it.
    const bool extra_time = match->shootout || last_minute > kLastStoppageMinute;
    std::vector<const models::InternationalGoal*> ordered;
    for (const models::InternationalGoal& g : *goals) {
        ordered.push_back(&g);
    }
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto* a, const auto* b) { return a->minute < b->minute; });

    // The updates: every minute 1..90, then the stoppage minutes with goals, then full time.
    std::vector<Step> steps;
    Step now;
    std::size_t next = 0;
    ReplaySummary summary;
    auto score = [&](const models::InternationalGoal& g, Step& step) {
        (g.team == o.home_team ? step.home : step.away) += 1;
        if (step.home != step.away) {
            step.leader = step.home > step.away ? "home" : "away";
        }
        step.goal = true;
        step.note += step.note.empty() ? "GOAL " : ", GOAL ";
        step.note += g.team + " (" + g.scorer + (g.penalty ? ", pen" : "") + (g.own_goal ? ", own goal" : "") + ")";
    };
    for (int minute = 1; minute <= 90; ++minute) {
        now.goal = false;
        now.note.clear();
        now.minute = minute;
        now.clock = std::to_string(minute) + "'";
        while (next < ordered.size() && ordered[next]->minute <= minute) {
            score(*ordered[next++], now);
        }
        if (minute <= 45) {
            now.ht_home = now.home;
            now.ht_away = now.away;
        }
        steps.push_back(now);
    }
    while (next < ordered.size() && !extra_time) {
        const int stoppage = std::min(kMaxStoppage, ordered[next]->minute - 90);
        now.goal = false;
        now.note.clear();
        now.stoppage = stoppage;
        now.clock = "90+" + std::to_string(ordered[next]->minute - 90) + "'";
        const int at = ordered[next]->minute;
        while (next < ordered.size() && ordered[next]->minute == at) {
            score(*ordered[next++], now);
        }
        steps.push_back(now);
    }
    summary.extra_time_goals = static_cast<int>(ordered.size() - next);
    now.goal = false;
    now.note.clear();
    now.finished = true;
    now.clock = "FT";
    steps.push_back(now);
    summary.final_home = now.home;
    summary.final_away = now.away;
    summary.result_home = match->match.home_goals;
    summary.result_away = match->match.away_goals;
    summary.shootout = match->shootout;

    ApiClient client(url->first, url->second, o.key);
    const std::string commence = o.date + "T00:00:00Z";
    auto created = client.Send(Verb::post, "/v1/events",
                               {{"sport", "soccer"},
                                {"league", o.league},
                                {"home_team", o.home_team},
                                {"away_team", o.away_team},
                                {"commence_time", commence}});
    if (!created.ok()) {
        return created.status();
    }
    if (created->status != 201 || !created->body.is_object() || !created->body.contains("id") ||
        !created->body["id"].is_string()) {
        Status error = ServerError(*created, "creating the event");
        // A server without the league's model (or its sport row) says so; name what it needs.
        if (error.message().find("fitted model") != std::string::npos) {
            return Status(error.code(), error.message() + " (the server needs models/params/soccer/" + o.league +
                                            ".json and the soccer_" + o.league + " sport)");
        }
        return error;
    }
    summary.event_id = created->body["id"].get<std::string>();
    const std::string odds_target = "/v1/events/" + summary.event_id + "/odds";
    auto opening = client.Send(Verb::get, odds_target, nullptr);
    if (!opening.ok()) {
        return opening.status();
    }
    if (opening->status != 200) {
        return ServerError(*opening, "reading the odds");
    }
    std::vector<std::string> previous_lines;
    ReadOdds(opening->body, &summary.opening, &previous_lines);
    if (out != nullptr) {
        std::fprintf(out, "replay %s: %s v %s (%s%s), result %d-%d%s; event %s at %s, speed %g\n", o.date.c_str(),
                     o.home_team.c_str(), o.away_team.c_str(), match->tournament.c_str(),
                     match->neutral ? ", neutral venue" : "", summary.result_home, summary.result_away,
                     extra_time ? " after extra time" : "", summary.event_id.c_str(), client.Url().c_str(), o.speed);
        std::fprintf(out, "%-6s %5s %4s %8s %8s %8s  %s\n", "clock", "score", "ver", o.home_team.substr(0, 8).c_str(),
                     "Draw", o.away_team.substr(0, 8).c_str(), "lines / events");
        std::fprintf(out, "%-6s %5s %4d %8s %8s %8s\n", "KO", "0-0", 0, Price(summary.opening[0]).c_str(),
                     Price(summary.opening[1]).c_str(), Price(summary.opening[2]).c_str());
    }

    const double seconds_per_minute = o.speed > 0.0 ? 60.0 / o.speed : 0.0;
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t k = 0; k < steps.size(); ++k) {
        const Step& step = steps[k];
        if (seconds_per_minute > 0.0) {
            // A schedule from the start, so that slow requests do not make the match drift.
            const double at = seconds_per_minute * static_cast<double>(k + 1);
            std::this_thread::sleep_until(start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                      std::chrono::duration<double>(at)));
        }
        json state{
            {"home", step.home}, {"away", step.away}, {"red_home", 0}, {"red_away", 0}, {"last_leader", step.leader}};
        if (step.finished) {
            state["finished"] = true;
        } else {
            state["minute"] = step.minute;
            if (step.stoppage > 0) {
                state["stoppage"] = step.stoppage;
            }
        }
        if (step.finished || step.minute > 45) {
            state["ht_home"] = step.ht_home;
            state["ht_away"] = step.ht_away;
        }
        auto posted = client.Send(Verb::post, "/v1/events/" + summary.event_id + "/state", state);
        if (!posted.ok()) {
            return posted.status();
        }
        if (posted->status != 200) {
            return ServerError(*posted, "posting the state at " + step.clock);
        }
        ReplayUpdate update{
            step.clock, step.home, step.away, posted->body.is_object() ? posted->body.value("version", 0) : 0,
            {},         {},        step.goal};
        auto odds = client.Send(Verb::get, odds_target, nullptr);
        if (!odds.ok()) {
            return odds.status();
        }
        if (odds->status != 200) {
            return ServerError(*odds, "reading the odds at " + step.clock);
        }
        ReadOdds(odds->body, &update.h2h, &update.lines);
        if (out != nullptr) {
            std::string events = step.note;
            for (const std::string& line : previous_lines) {
                if (std::find(update.lines.begin(), update.lines.end(), line) == update.lines.end()) {
                    events += (events.empty() ? "" : "; ") + line + " suspended";
                }
            }
            for (const std::string& line : update.lines) {
                if (std::find(previous_lines.begin(), previous_lines.end(), line) == previous_lines.end()) {
                    events += (events.empty() ? "" : "; ") + line + " open";
                }
            }
            std::fprintf(out, "%-6s %2d-%-2d %4d %8s %8s %8s  %s\n", step.clock.c_str(), step.home, step.away,
                         update.version, Price(update.h2h[0]).c_str(), Price(update.h2h[1]).c_str(),
                         Price(update.h2h[2]).c_str(), events.c_str());
            std::fflush(out);
        }
        previous_lines = update.lines;
        summary.updates.push_back(std::move(update));
    }
    if (out != nullptr) {
        std::fprintf(out, "full time %d-%d after %zu updates (event %s, version %d)", summary.final_home,
                     summary.final_away, summary.updates.size(), summary.event_id.c_str(),
                     summary.updates.empty() ? 0 : summary.updates.back().version);
        if (extra_time) {
            std::fprintf(out, "; extra time not replayed (markets settle at 90 minutes): %d goal%s, result %d-%d%s",
                         summary.extra_time_goals, summary.extra_time_goals == 1 ? "" : "s", summary.result_home,
                         summary.result_away, match->shootout ? ", decided on penalties" : "");
        }
        std::fprintf(out, "\n");
    }
    return summary;
}

void RegisterReplayCommand(CLI::App& app, int* exit_code) {
    auto options = std::make_shared<ReplayOptions>();
    CLI::App* command =
        app.add_subcommand("replay", "stream a real past international's goals into a running `simbook serve`");
    command->add_option("--url", options->url, "the server, http://HOST:PORT")->capture_default_str();
    command->add_option("--key", options->key, "API key of a trader or admin (serve prints demo keys)")->required();
    command->add_option("--date", options->date, "match day, YYYY-MM-DD")->required();
    command->add_option("--home-team", options->home_team, "home team as in results.csv, e.g. Argentina")->required();
    command->add_option("--away-team", options->away_team, "away team as in results.csv")->required();
    command
        ->add_option("--speed", options->speed,
                     "match minutes per real minute (1: real time; 60: a match minute a second); 0: no waiting")
        ->capture_default_str();
    command->add_option("--league", options->league, "fitted model the event is priced with")->capture_default_str();
    command->add_option("--data", options->data, "data folder (default: $SIMBOOK_DATA, else ../shared/data)");
    command->add_flag("--quiet", options->quiet, "print nothing but errors");
    command->callback([options, exit_code] {
        auto summary = RunReplay(*options, options->quiet ? nullptr : stdout);
        if (!summary.ok()) {
            std::cerr << "simbook: error: " << summary.status().message() << "\n";
            *exit_code = 2;
            return;
        }
        *exit_code = 0;
    });
}

} // namespace simbook::app
