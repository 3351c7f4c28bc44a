#include "app/futures_command.hpp"

#include "app/football_futures.hpp"

#include "app/game_setup.hpp"
#include "app/processes.hpp"
#include "futures/futures_api.hpp"
#include "models/soccer_data.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace simbook::app {
namespace {

struct FuturesOptions {
    std::string sport = "soccer";
    std::string input;
    std::optional<std::string> league;
    std::optional<std::string> season;
    std::optional<std::string> as_of;
    std::optional<std::uint64_t> seasons;
    std::optional<std::uint64_t> seed;
    std::optional<double> margin;
    std::optional<std::string> method;
    std::optional<int> title;
    std::optional<int> top;
    std::optional<int> relegation;
    bool no_state_effects = false;
    int threads = 0;
    std::string backend = "auto";
    std::string data;
    std::string params_dir = DefaultParamsDir();
    bool json = false;
};

std::string Price(const nlohmann::json& value) {
    if (value.is_null()) {
        return "-";
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", value.get<double>());
    return text;
}

const nlohmann::json* FindOutcome(const nlohmann::json& markets, const std::string& market, const std::string& team) {
    for (const nlohmann::json& m : markets) {
        if (m["market"] == market) {
            for (const nlohmann::json& o : m["outcomes"]) {
                if (o["team"] == team) {
                    return &o;
                }
            }
        }
    }
    return nullptr;
}

void PrintReport(const nlohmann::json& r) {
    const nlohmann::json& pos = r["positions"];
    std::printf("%s: %llu simulated seasons (seed %llu, %llu matches, %.2f s on %s); tie-breaks: points, goal "
                "difference, goals scored, lottery\n",
                r["league"].get<std::string>().c_str(), r["seasons"].get<unsigned long long>(),
                r["seed"].get<unsigned long long>(), r["matches_simulated"].get<unsigned long long>(),
                r["seconds"].get<double>(), r["backend"].get<std::string>().c_str());
    if (r["source"]["kind"] == "data") {
        std::printf("table as of %s (%s); %s\n", r["source"]["as_of"].get<std::string>().c_str(),
                    r["source"]["season"].get<std::string>().c_str(),
                    r["source"]["ratings"].get<std::string>().c_str());
    }
    const bool actual = r["source"]["kind"] == "data";
    const int top = pos["top4"].get<int>();
    const int down = pos["relegation"].get<int>();
    std::printf("%-18s %3s %4s %6s %7s %7s %7s %7s %7s %7s%s\n", "team", "P", "Pts", "xPts", "title", "top", "releg",
                "odds", "top", "releg", actual ? "  final" : "");
    std::printf("%-18s %3s %4s %6s %7s %7s %7s %7s %7s %7s\n", "", "", "", "", "%",
                (std::to_string(top) + " %").c_str(), (std::to_string(down) + " %").c_str(), "title", "yes", "yes");
    const nlohmann::json& markets = r["markets"];
    for (const nlohmann::json& t : r["teams"]) {
        const std::string team = t["team"].get<std::string>();
        const nlohmann::json* title = FindOutcome(markets, "title", team);
        const nlohmann::json* top4 = FindOutcome(markets, "top4", team);
        const nlohmann::json* releg = FindOutcome(markets, "relegation", team);
        std::printf("%-18s %3d %4d %6.1f %7.2f %7.2f %7.2f %7s %7s %7s", team.c_str(), t["played"].get<int>(),
                    t["points"].get<int>(), t["expected_points"].get<double>(),
                    100.0 * t["title"]["probability"].get<double>(), 100.0 * t["top4"]["probability"].get<double>(),
                    100.0 * t["relegation"]["probability"].get<double>(),
                    title != nullptr ? Price((*title)["decimal"]).c_str() : "-",
                    top4 != nullptr ? Price((*top4)["decimal"]).c_str() : "-",
                    releg != nullptr ? Price((*releg)["decimal"]).c_str() : "-");
        if (actual) {
            std::printf("  %5d", t["actual_position"].get<int>());
        }
        std::printf("\n");
    }
    for (const nlohmann::json& m : markets) {
        std::printf("%s (%d places, margin %.1f%% by %s%s%s)\n", m["market"].get<std::string>().c_str(),
                    m["places"].get<int>(), 100.0 * m["margin"].get<double>(), m["method"].get<std::string>().c_str(),
                    m.contains("note") ? "; " : "", m.contains("note") ? m["note"].get<std::string>().c_str() : "");
    }
}

//! `futures --sport football`: the NFL season of --season (its start year) from --as-of.
int RunFootball(const FuturesOptions& o) {
    if (!o.input.empty() || o.league || o.margin || o.method || o.title || o.top || o.relegation) {
        return Fail("--sport football takes --season, --as-of, --seasons, --seed, --data and --json only");
    }
    if (!o.season || !o.as_of) {
        return Fail("--sport football needs --season (a start year, 2011-2018) and --as-of YYYY-MM-DD");
    }
    FootballFuturesOptions f;
    try {
        std::size_t used = 0;
        f.season = std::stoi(*o.season, &used);
        if (used != o.season->size()) {
            throw std::invalid_argument(*o.season);
        }
    } catch (const std::exception&) {
        return Fail("--season: '" + *o.season + "' is not a start year such as 2018");
    }
    f.as_of = *o.as_of;
    f.seasons = o.seasons.value_or(f.seasons);
    f.seed = o.seed.value_or(f.seed);
    f.data = o.data;
    f.json = o.json;
    if (f.seasons == 0) {
        return Fail("--seasons: must be at least 1");
    }
    return RunFootballFutures(f);
}

int RunFutures(const FuturesOptions& o) {
    if (o.sport == "football") {
        return RunFootball(o);
    }
    if (o.sport != "soccer") {
        return Fail("--sport: '" + o.sport + "': futures are for soccer (league tables) or football (NFL seasons)");
    }
    nlohmann::json body = nlohmann::json::object();
    if (!o.input.empty()) {
        std::ifstream in(o.input);
        if (!in.is_open()) {
            return Fail("--input: cannot read " + o.input);
        }
        body = nlohmann::json::parse(in, nullptr, false);
        if (body.is_discarded()) {
            return Fail("--input: " + o.input + " is not valid JSON");
        }
        if (!body.is_object()) {
            return Fail("--input: " + o.input + " must hold a JSON object");
        }
        if (o.season || o.as_of) {
            return Fail("--season/--as-of: give either --input or --season and --as-of, not both");
        }
    } else if (!o.season || !o.as_of || !o.league) {
        return Fail("--input FILE, or --league with --season and --as-of, is required");
    }
    if (o.league) {
        body["league"] = *o.league;
    }
    if (o.season) {
        body["season"] = *o.season;
    }
    if (o.as_of) {
        body["as_of"] = *o.as_of;
    }
    if (o.seasons) {
        body["seasons"] = *o.seasons;
    }
    if (o.seed) {
        body["seed"] = *o.seed;
    }
    if (o.margin) {
        body["margin"] = *o.margin;
    }
    if (o.method) {
        body["method"] = *o.method;
    }
    if (o.title || o.top || o.relegation) {
        nlohmann::json& positions = body["positions"];
        if (!positions.is_object()) {
            positions = nlohmann::json::object();
        }
        if (o.title) {
            positions["title"] = *o.title;
        }
        if (o.top) {
            positions["top4"] = *o.top;
        }
        if (o.relegation) {
            positions["relegation"] = *o.relegation;
        }
    }
    if (o.no_state_effects) {
        body["state_effects"] = false;
    }
    const Result<kernels::Backend> backend = ParseBackend(o.backend);
    if (!backend.ok()) {
        return Fail(backend.status().message());
    }
    if (o.threads < 0) {
        return Fail("--threads: must be >= 0");
    }
    futures::FuturesContext ctx;
    ctx.params_dir = o.params_dir;
    ctx.data_dir = models::ResolveDataDir(o.data);
    ctx.threads = o.threads;
    ctx.max_seasons = 100'000'000;
    ctx.backend = backend.value();
    // Under mpirun, each rank simulates its share of the seasons and every rank gets the summed counts; rank 0
    // reports.
    Processes& processes = Processes::Get();
    ctx.shares = processes.Shares();
    const Result<nlohmann::json> response = futures::FuturesRequest(body, ctx);
    if (!processes.AllOk(response.ok()) && response.ok()) {
        return 1; // another rank failed and reports it
    }
    if (!response.ok()) {
        return processes.rank() == 0 ? Fail(response.status().message()) : 1;
    }
    if (processes.rank() != 0) {
        return 0;
    }
    if (o.json) {
        std::cout << response.value().dump() << "\n";
    } else {
        PrintReport(response.value());
    }
    return 0;
}

} // namespace

void RegisterFuturesCommand(CLI::App& app, int* exit_code) {
    auto o = std::make_shared<FuturesOptions>();
    CLI::App* command = app.add_subcommand(
        "futures", "simulate the rest of a league season: title, top-N, relegation probabilities and outright prices");
    command
        ->add_option("--sport", o->sport, "soccer (a league table) or football (an NFL regular season from the data)")
        ->capture_default_str();
    command->add_option("--input", o->input,
                        "JSON request: {league, table: [{team, played, points, gf, ga}], fixtures: [{home, away[, "
                        "home_xg, away_xg]}], positions: {title, top4, relegation}} (see futures/futures_api.hpp)");
    command->add_option("--league", o->league, "premier-league, la-liga, bundesliga, serie-a or ligue-1");
    command->add_option("--season", o->season, "past season of the data folder, e.g. 2015-16 (football: 2018)");
    command->add_option("--as-of", o->as_of,
                        "YYYY-MM-DD: results before this date form the table, matches from it on are simulated");
    command->add_option("--seasons", o->seasons, "seasons to simulate (default 100000)");
    command->add_option("--seed", o->seed, "random seed (default 7)");
    command->add_option("--margin", o->margin, "overround in [0, 0.5) of the outright prices (default 0.05)");
    command->add_option("--method", o->method,
                        "margin method: multiplicative (default), additive, power, shin, odds-ratio");
    command->add_option("--title", o->title, "places that win the title market (default 1)");
    command->add_option("--top", o->top, "places of the top-N market (default 4)");
    command->add_option("--relegation", o->relegation, "places relegated (default 3; 0 for none)");
    command->add_flag("--no-state-effects", o->no_state_effects,
                      "independent Poisson goals: no score effects, no red cards");
    command->add_option("--threads", o->threads, "CPU threads (0 = all cores)")->capture_default_str();
    command->add_option("--backend", o->backend, "auto, cpu or cuda")->capture_default_str();
    command->add_option("--data", o->data, "data folder (default: $SIMBOOK_DATA, else ../shared/data)");
    command->add_option("--params-dir", o->params_dir, "folder of fitted models")->capture_default_str();
    command->add_flag("--json", o->json, "print the response as one JSON object");
    command->callback([o, exit_code] { *exit_code = RunFutures(*o); });
}

} // namespace simbook::app
