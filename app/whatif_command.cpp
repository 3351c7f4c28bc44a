#include "app/whatif_command.hpp"

#include "app/game_setup.hpp"
#include "app/processes.hpp"
#include "whatif/whatif_api.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>

namespace simbook::app {
namespace {

struct WhatIfOptions {
    std::string sport;
    std::string league;
    std::string home_team;
    std::string away_team;
    std::optional<double> home_xg;
    std::optional<double> away_xg;
    std::string params_file;
    std::string params_dir = DefaultParamsDir();
    std::string state;
    std::string markets;
    std::string scenario;
    std::string sweep;
    std::uint64_t sims = 100'000;
    std::uint64_t seed = 7;
    std::optional<std::uint64_t> scenario_seed;
    double margin = 0.05;
    std::string method = "multiplicative";
    int threads = 0;
    std::string backend = "auto";
    bool json = false;
};

//! JSON from an option: inline text, or @file.
Result<nlohmann::json> JsonOption(const std::string& text, const std::string& option) {
    std::string content = text;
    if (!text.empty() && text[0] == '@') {
        std::ifstream in(text.substr(1));
        if (!in) {
            return InvalidArgument(option, "cannot open '" + text.substr(1) + "'");
        }
        std::stringstream buffer;
        buffer << in.rdbuf();
        content = buffer.str();
    }
    try {
        return nlohmann::json::parse(content);
    } catch (const nlohmann::json::exception& e) { // parse_error, or out_of_range for a number like 1e999
        return InvalidArgument(option, "not valid JSON: " + std::string(e.what()));
    }
}

//! The request body the options describe (the same JSON `POST /v1/whatif` takes).
Result<nlohmann::json> Body(const WhatIfOptions& o) {
    nlohmann::json body{
        {"sport", o.sport}, {"sims", o.sims}, {"seed", o.seed}, {"margin", o.margin}, {"method", o.method}};
    // An option not given is a field left out (the body's strings are non-empty).
    for (const auto& [name, value] :
         {std::pair{"league", &o.league}, std::pair{"home_team", &o.home_team}, std::pair{"away_team", &o.away_team}}) {
        if (!value->empty()) {
            body[name] = *value;
        }
    }
    if (o.home_xg) {
        body["home_xg"] = *o.home_xg;
    }
    if (o.away_xg) {
        body["away_xg"] = *o.away_xg;
    }
    if (o.scenario_seed) {
        body["scenario_seed"] = *o.scenario_seed;
    }
    if (!o.markets.empty()) {
        body["markets"] = o.markets;
    }
    const std::pair<const std::string*, const char*> json_options[] = {
        {&o.params_file, "--params"}, {&o.state, "--state"}, {&o.scenario, "--scenario"}, {&o.sweep, "--sweep"}};
    const char* fields[] = {"model", "state", "scenario", "sweep"};
    for (std::size_t i = 0; i < 4; ++i) {
        const std::string& text = *json_options[i].first;
        if (text.empty()) {
            continue;
        }
        // --params names a file, like every other command; the rest take JSON text or @file.
        Result<nlohmann::json> parsed = JsonOption(i == 0 ? "@" + text : text, json_options[i].second);
        if (!parsed.ok()) {
            return parsed.status();
        }
        body[fields[i]] = *parsed;
    }
    return body;
}

void AddGameOptions(CLI::App& c, WhatIfOptions& o) {
    c.add_option("--sport", o.sport, "soccer, basketball, baseball or football")->required();
    c.add_option("--league", o.league, "fitted model: premier-league, bundesliga, la-liga, serie-a, ligue-1 or nba");
    c.add_option("--home-team", o.home_team, "home team as named in the fitted model (Arsenal, BOS)");
    c.add_option("--away-team", o.away_team, "away team as named in the fitted model");
    c.add_option("--home-xg", o.home_xg, "soccer: home expected goals over the full match");
    c.add_option("--away-xg", o.away_xg, "soccer: away expected goals over the full match");
    c.add_option("--params", o.params_file, "model parameters (JSON file)");
    c.add_option("--params-dir", o.params_dir, "folder of fitted models")->capture_default_str();
    c.add_option("--state", o.state, "live state as JSON, e.g. '{\"minute\":60,\"home\":1,\"away\":0}'");
    c.add_option("--sims", o.sims, "paths (the same path ids for base and scenario)")->capture_default_str();
    c.add_option("--seed", o.seed, "random seed")->capture_default_str();
    c.add_option("--margin", o.margin, "target overround in [0, 0.5) of the quoted prices")->capture_default_str();
    c.add_option("--method", o.method, "margin method: multiplicative, additive, power, shin, odds-ratio")
        ->capture_default_str();
    c.add_option("--threads", o.threads, "CPU threads (0 = all cores)")->capture_default_str();
    c.add_option("--backend", o.backend, "auto, cpu or cuda")->capture_default_str();
    c.add_flag("--json", o.json, "print the JSON response instead of a table");
}

std::string Price(const nlohmann::json& price) {
    if (price.is_null()) {
        return "-";
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", price.get<double>());
    return text;
}

void PrintWhatIf(const nlohmann::json& r) {
    std::printf("%s: %llu paired paths, seed %llu, %s; median SE ratio (independent / paired) %.1f\n",
                r["sport"].get<std::string>().c_str(), static_cast<unsigned long long>(r["sims"].get<std::uint64_t>()),
                static_cast<unsigned long long>(r["seed"].get<std::uint64_t>()),
                r["common_random_numbers"].get<bool>() ? "common random numbers" : "independent scenario seed",
                r["median_se_ratio"].is_null() ? 0.0 : r["median_se_ratio"].get<double>());
    if (r.contains("markets")) {
        for (const nlohmann::json& m : r["markets"]) {
            std::printf("%s\n", m["market"].get<std::string>().c_str());
            for (const nlohmann::json& o : m["outcomes"]) {
                std::printf(
                    "  %-18s base %.4f  scenario %.4f  delta %+.4f +- %.4f (independent +- %.4f)  price %s -> %s\n",
                    o["name"].get<std::string>().c_str(), o["base"].get<double>(), o["scenario"].get<double>(),
                    o["delta"].get<double>(), o["delta_se"].get<double>(), o["independent_se"].get<double>(),
                    Price(o["base_price"]).c_str(), Price(o["scenario_price"]).c_str());
            }
        }
        return;
    }
    const nlohmann::json& sweep = r["sweep"];
    std::printf("sweep of %s over", sweep["field"].get<std::string>().c_str());
    for (const nlohmann::json& v : sweep["values"]) {
        std::printf(" %g", v.get<double>());
    }
    std::printf("\n");
    for (const nlohmann::json& m : sweep["markets"]) {
        std::printf("%s\n", m["market"].get<std::string>().c_str());
        for (const nlohmann::json& o : m["outcomes"]) {
            std::printf("  %-18s base %.4f  scenario", o["name"].get<std::string>().c_str(), o["base"].get<double>());
            for (const nlohmann::json& p : o["scenario"]) {
                std::printf(" %.4f", p.get<double>());
            }
            std::printf("\n  %-18s delta +- se", "");
            for (std::size_t i = 0; i < o["delta"].size(); ++i) {
                std::printf(" %+.4f+-%.4f", o["delta"][i].get<double>(), o["delta_se"][i].get<double>());
            }
            std::printf("\n");
        }
    }
}

void PrintMomentum(const nlohmann::json& r) {
    std::printf("%s: %llu paths, seed %llu, margin %.2f%%\n", r["sport"].get<std::string>().c_str(),
                static_cast<unsigned long long>(r["sims"].get<std::uint64_t>()),
                static_cast<unsigned long long>(r["seed"].get<std::uint64_t>()), 100.0 * r["margin"].get<double>());
    for (const nlohmann::json& m : r["markets"]) {
        std::printf("%s\n", m["market"].get<std::string>().c_str());
        for (const nlohmann::json& o : m["outcomes"]) {
            std::printf("  %-18s p %.4f +- %.4f  fair %-7s price %s\n", o["name"].get<std::string>().c_str(),
                        o["probability"].get<double>(), o["std_error"].get<double>(), Price(o["fair_price"]).c_str(),
                        Price(o["price"]).c_str());
        }
    }
    std::printf("win probability path (P home leads / level / away leads)\n");
    for (const nlohmann::json& p : r["win_prob_path"]) {
        const std::string minute =
            p["minute"].is_string() ? p["minute"].get<std::string>() : std::to_string(p["minute"].get<int>());
        const double level = p.contains("level") ? p["level"].get<double>() : p.value("draw", 0.0);
        std::printf("  %-6s %.4f  %.4f  %.4f\n", minute.c_str(), p["home"].get<double>(), level,
                    p["away"].get<double>());
    }
}

//! An error of the JSON entry point in the CLI's terms: a top-level field becomes its option ("sims: ..." ->
//! "--sims: ..."); fields inside --scenario, --sweep and --state keep their JSON paths.
std::string OptionError(const std::string& message) {
    const std::pair<const char*, const char*> options[] = {
        {"sims", "--sims"},       {"seed", "--seed"},           {"scenario_seed", "--scenario-seed"},
        {"margin", "--margin"},   {"method", "--method"},       {"markets", "--markets"},
        {"league", "--league"},   {"home_team", "--home-team"}, {"away_team", "--away-team"},
        {"home_xg", "--home-xg"}, {"away_xg", "--away-xg"},     {"model", "--params"},
        {"sport", "--sport"}};
    for (const auto& [field, option] : options) {
        const std::string f = field;
        if (message.compare(0, f.size(), f) == 0 && message.size() > f.size() &&
            (message[f.size()] == ':' || message[f.size()] == '.')) {
            return option + message.substr(f.size());
        }
    }
    return message;
}

int Run(const WhatIfOptions& o, bool momentum) {
    Result<kernels::Backend> backend = ParseBackend(o.backend);
    if (!backend.ok()) {
        return Fail(backend.status().message());
    }
    if (o.threads < 0 || o.threads > 1024) {
        return Fail("--threads: " + std::to_string(o.threads) + " is outside [0, 1024]");
    }
    Result<nlohmann::json> body = Body(o);
    if (!body.ok()) {
        return Fail(body.status().message());
    }
    whatif::WhatIfContext ctx;
    ctx.params_dir = o.params_dir;
    ctx.launch = {backend.value(), o.threads};
    ctx.max_paths = 50'000'000;
    ctx.max_total_paths = 500'000'000;
    // Under mpirun, each rank runs its share of the path ids and every rank gets the summed counts; rank 0 reports.
    Processes& processes = Processes::Get();
    ctx.shares = processes.Shares();
    Result<nlohmann::json> result = momentum ? whatif::MomentumRequest(*body, ctx) : whatif::WhatIfRequest(*body, ctx);
    if (!processes.AllOk(result.ok()) && result.ok()) {
        return 1; // another rank failed and reports it
    }
    if (!result.ok()) {
        return processes.rank() == 0 ? Fail(OptionError(result.status().message())) : 1;
    }
    if (processes.rank() != 0) {
        return 0;
    }
    if (o.json) {
        std::cout << result->dump() << "\n";
    } else if (momentum) {
        PrintMomentum(*result);
    } else {
        PrintWhatIf(*result);
    }
    return 0;
}

} // namespace

void RegisterWhatIfCommand(CLI::App& app, int* exit_code) {
    auto options = std::make_shared<WhatIfOptions>();
    CLI::App* command = app.add_subcommand(
        "whatif", "price a scenario against a base on common random numbers: base, scenario, delta and its error");
    AddGameOptions(*command, *options);
    command->add_option("--markets", options->markets,
                        "markets (PathMarket keys: h2h, totals:L, spreads:L, team_totals:home|away:L, btts, "
                        "first_to_score, ht_ft, win_to_nil:T, race:N, player props, next_goal, next_score, "
                        "goal_before:M, lead_change:N, lead_at:T, largest_run:L; x.5 lines)");
    command->add_option("--scenario", options->scenario,
                        "changes as a JSON array (or @file), e.g. "
                        "'[{\"type\":\"player_out\",\"player\":\"Jayson Tatum\"}]'");
    command->add_option("--sweep", options->sweep,
                        "one change with one field as a range (JSON or @file), e.g. "
                        "'{\"type\":\"minutes_cap\",\"player\":\"Jayson Tatum\",\"minutes\":{\"from\":0,\"to\":40,"
                        "\"step\":10}}'");
    command->add_option("--scenario-seed", options->scenario_seed,
                        "run the scenario on another seed (independent runs, to compare errors)");
    command->callback([options, exit_code] { *exit_code = Run(*options, false); });

    auto momentum_options = std::make_shared<WhatIfOptions>();
    CLI::App* momentum = app.add_subcommand(
        "momentum", "momentum and next-event markets with margin, and the win-probability path, from one run");
    AddGameOptions(*momentum, *momentum_options);
    momentum->add_option("--markets", momentum_options->markets,
                         "markets (default: the sport's momentum markets); keys as for whatif");
    momentum->callback([momentum_options, exit_code] { *exit_code = Run(*momentum_options, true); });
}

} // namespace simbook::app
