#include "app/project_command.hpp"

#include "app/game_setup.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace simbook::app {

namespace {

struct ProjectOptions {
    FantasyCliOptions common;
    std::string scoring = "draftkings";
    std::vector<double> thresholds = {20, 30, 40, 50};
    int top = 30;
};

Result<nlohmann::json> ReadJsonFile(const std::string& path, const std::string& option) {
    std::ifstream in(path);
    if (!in) {
        return InvalidArgument(option, "cannot read '" + path + "'");
    }
    nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded()) {
        return InvalidArgument(option, "'" + path + "' is not valid JSON");
    }
    return j;
}

int RunProject(const ProjectOptions& o) {
    auto body = FantasyRequestBase(o.common);
    if (!body.ok()) {
        return Fail(body.status().message());
    }
    if (o.scoring == "draftkings" || o.scoring == "fanduel") {
        (*body)["scoring"] = o.scoring;
    } else {
        auto custom = ReadJsonFile(o.scoring, "--scoring");
        if (!custom.ok()) {
            return Fail(custom.status().message() + " (draftkings, fanduel or a JSON file of stat weights)");
        }
        (*body)["scoring"] = *custom;
    }
    (*body)["thresholds"] = o.thresholds;
    auto ctx = FantasyContextFrom(o.common);
    if (!ctx.ok()) {
        return Fail(ctx.status().message());
    }
    auto result = fantasy::ProjectionsRequest(*body, *ctx);
    if (!result.ok()) {
        return Fail(result.status().message());
    }
    const nlohmann::json& r = *result;
    if (o.common.json) {
        std::cout << r.dump() << "\n";
        return 0;
    }
    std::printf("%s projections: %zu games, %llu joint paths (seed %llu)\n",
                r["scoring"]["name"].get<std::string>().c_str(), r["games"].size(),
                static_cast<unsigned long long>(r["sims"].get<std::uint64_t>()),
                static_cast<unsigned long long>(r["seed"].get<std::uint64_t>()));
    std::printf("%-26s %-4s %-8s %5s %5s %6s %6s %5s %6s %6s", "player", "team", "game", "min", "usg", "mean", "median",
                "sd", "p10", "p90");
    for (double t : o.thresholds) {
        std::printf("  P>=%-4g", t);
    }
    std::printf("\n");
    int shown = 0;
    for (const nlohmann::json& p : r["players"]) {
        if (shown++ >= o.top) {
            break;
        }
        std::printf("%s %-4s %-8s %5.1f %5.3f %6.2f %6.2f %5.2f %6.2f %6.2f",
                    PadName(p["name"].get<std::string>(), 26).c_str(), p["team"].get<std::string>().c_str(),
                    p["game"].get<std::string>().c_str(), p["minutes"].get<double>(), p["usage"].get<double>(),
                    p["mean"].get<double>(), p["median"].get<double>(), p["sd"].get<double>(),
                    p["percentiles"]["p10"].get<double>(), p["percentiles"]["p90"].get<double>());
        for (const nlohmann::json& reach : p["p_reach"]) {
            std::printf("  %7.4f", reach["probability"].get<double>());
        }
        std::printf("%s\n", p["out"].get<bool>() ? "  (out)" : "");
    }
    if (r["players"].size() > static_cast<std::size_t>(o.top)) {
        std::printf("... %zu players in all (--top N shows more, --json all)\n", r["players"].size());
    }
    return 0;
}

} // namespace

std::string PadName(const std::string& text, std::size_t width) {
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
        if (chars == width) {
            break;
        }
        out.append(text, i, len);
        i += len;
        ++chars;
    }
    out.append(width - chars, ' ');
    return out;
}

void AddFantasyOptions(CLI::App& command, FantasyCliOptions& o) {
    command
        .add_option("--slate", o.slate,
                    "slate JSON: {\"games\": [{\"home\": \"BOS\", \"away\": \"DAL\"}], "
                    "\"availability\": [...]}")
        ->required();
    command.add_option("--out", o.out, "player ruled out (exact roster name; repeatable)");
    command.add_option("--cap", o.caps, "minutes cap as \"Player Name=30\" (repeatable)");
    command.add_option("--sims", o.sims, "joint paths of the slate")->capture_default_str();
    command.add_option("--seed", o.seed, "random seed")->capture_default_str();
    command.add_option("--threads", o.threads, "CPU threads (0 = all cores)")->capture_default_str();
    command.add_option("--backend", o.backend, "auto, cpu or cuda")->capture_default_str();
    command.add_option("--params-dir", o.params_dir,
                       "folder of the fitted models (default: $SIMBOOK_PARAMS or "
                       "the checkout's models/params)");
    command.add_option("--extra-rates", o.extra_rates,
                       "steal/block/turnover rates JSON (default: data/fantasy/nba-2023-24-extra-rates.json; "
                       "'league' for league averages)");
    command.add_flag("--json", o.json, "print JSON");
}

Result<nlohmann::json> FantasyRequestBase(const FantasyCliOptions& o) {
    auto slate = ReadJsonFile(o.slate, "--slate");
    if (!slate.ok()) {
        return slate.status();
    }
    if (!slate->is_object()) {
        return InvalidArgument("--slate", "expected a JSON object with \"games\"");
    }
    nlohmann::json availability = slate->value("availability", nlohmann::json::array());
    for (const std::string& name : o.out) {
        availability.push_back({{"player", name}, {"out", true}});
    }
    for (const std::string& cap : o.caps) {
        const std::size_t eq = cap.rfind('=');
        double minutes = -1.0;
        if (eq != std::string::npos) {
            std::istringstream in(cap.substr(eq + 1));
            in >> minutes;
            if (!in || !in.eof()) {
                minutes = -1.0;
            }
        }
        if (eq == std::string::npos || eq == 0 || !(minutes >= 0.0 && minutes <= 48.0)) {
            return InvalidArgument("--cap", "'" + cap + "' is not \"Player Name=minutes\" with minutes in [0, 48]");
        }
        availability.push_back({{"player", cap.substr(0, eq)}, {"max_minutes", minutes}});
    }
    (*slate)["availability"] = std::move(availability);
    return nlohmann::json{{"slate", std::move(slate).value()}, {"sims", o.sims}, {"seed", o.seed}};
}

Result<fantasy::FantasyContext> FantasyContextFrom(const FantasyCliOptions& o) {
    auto backend = ParseBackend(o.backend);
    if (!backend.ok()) {
        return backend.status();
    }
    fantasy::FantasyContext ctx;
    ctx.params_dir = o.params_dir.empty() ? DefaultParamsDir() : o.params_dir;
    ctx.extra_rates_file = o.extra_rates.empty()       ? fantasy::DefaultExtraRatesFile()
                           : o.extra_rates == "league" ? std::string()
                                                       : o.extra_rates;
    ctx.default_sims = o.sims;
    ctx.max_sims = 200'000;
    ctx.threads = o.threads;
    ctx.backend = *backend;
    return ctx;
}

void RegisterProjectCommand(CLI::App& app, int* exit_code) {
    auto options = std::make_shared<ProjectOptions>();
    CLI::App* command = app.add_subcommand(
        "project", "fantasy projections for every player of a slate: mean, median, sd, percentiles, P(>= threshold)");
    AddFantasyOptions(*command, options->common);
    command->add_option("--scoring", options->scoring, "draftkings, fanduel or a JSON file of stat weights")
        ->capture_default_str();
    command->add_option("--thresholds", options->thresholds, "fantasy-point thresholds for P(points >= t)")
        ->delimiter(',')
        ->capture_default_str();
    command->add_option("--top", options->top, "players shown in the table (by mean)")->capture_default_str();
    command->callback([options, exit_code] { *exit_code = RunProject(*options); });
}

} // namespace simbook::app
