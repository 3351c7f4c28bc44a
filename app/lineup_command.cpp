#include "app/lineup_command.hpp"

#include "app/game_setup.hpp"
#include "app/project_command.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

namespace simbook::app {

namespace {

struct LineupOptions {
    FantasyCliOptions common;
    std::string salaries;
    std::string site = "draftkings";
    int lineups = 1;
    std::string objective = "mean";
    std::optional<double> target;
    std::vector<std::string> locks;
    std::vector<std::string> excludes;
    int max_per_team = 0;
    std::vector<std::string> team_limits;
    std::vector<std::string> stacks;
    double max_exposure = 1.0;
    int min_different = 1;
    int candidates = 3;
};

std::vector<std::string> Split(const std::string& text, char sep) {
    std::vector<std::string> out;
    std::stringstream in(text);
    std::string part;
    while (std::getline(in, part, sep)) {
        out.push_back(part);
    }
    return out;
}

std::optional<int> ParseInt(const std::string& text) {
    try {
        std::size_t used = 0;
        const int v = std::stoi(text, &used);
        return used == text.size() ? std::optional<int>(v) : std::nullopt;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

int RunLineup(const LineupOptions& o) {
    auto body = FantasyRequestBase(o.common);
    if (!body.ok()) {
        return Fail(body.status().message());
    }
    std::ifstream in(o.salaries, std::ios::binary);
    if (!in) {
        return Fail("--salaries: cannot read '" + o.salaries + "'");
    }
    std::stringstream text;
    text << in.rdbuf();
    nlohmann::json& b = *body;
    b["salaries_csv"] = text.str();
    b["site"] = o.site;
    b["lineups"] = o.lineups;
    b["objective"] = o.objective;
    if (o.target) {
        b["target"] = *o.target;
    }
    b["locks"] = o.locks;
    b["excludes"] = o.excludes;
    b["max_per_team"] = o.max_per_team;
    b["max_exposure"] = o.max_exposure;
    b["min_different"] = o.min_different;
    b["candidates"] = o.candidates;
    nlohmann::json limits = nlohmann::json::array();
    for (const std::string& t : o.team_limits) {
        const auto parts = Split(t, ':');
        const auto mn = parts.size() == 3 ? ParseInt(parts[1]) : std::nullopt;
        const auto mx = parts.size() == 3 ? ParseInt(parts[2]) : std::nullopt;
        if (!mn || !mx) {
            return Fail("--team-limit: '" + t + "' is not TEAM:MIN:MAX (e.g. BOS:0:3)");
        }
        limits.push_back({{"team", parts[0]}, {"min", *mn}, {"max", *mx}});
    }
    b["team_limits"] = std::move(limits);
    nlohmann::json stacks = nlohmann::json::array();
    for (const std::string& s : o.stacks) {
        const auto parts = Split(s, ':');
        const auto size = parts.size() >= 2 ? ParseInt(parts[1]) : std::nullopt;
        if (parts.size() < 2 || parts.size() > 3 || (parts[0] != "team" && parts[0] != "game") || !size) {
            return Fail("--stack: '" + s + "' is not team:K[:BOS/DAL] or game:K[:DAL@BOS/LAL@DEN]");
        }
        nlohmann::json rule{{"kind", parts[0]}, {"size", *size}};
        if (parts.size() == 3) {
            rule["among"] = Split(parts[2], '/');
        }
        stacks.push_back(std::move(rule));
    }
    b["stacks"] = std::move(stacks);
    auto ctx = FantasyContextFrom(o.common);
    if (!ctx.ok()) {
        return Fail(ctx.status().message());
    }
    auto result = fantasy::LineupsRequest(b, *ctx);
    if (!result.ok()) {
        return Fail(result.status().message());
    }
    const nlohmann::json& r = *result;
    if (o.common.json) {
        std::cout << r.dump() << "\n";
        return 0;
    }
    const std::string target_text = r["target"].is_null() ? std::string() : ", target " + r["target"].dump();
    std::printf("%s lineups (%s objective%s), %llu joint paths; simulate %.2f s, optimise %.2f s (%d MILPs)\n",
                r["site"].get<std::string>().c_str(), r["objective"].get<std::string>().c_str(), target_text.c_str(),
                static_cast<unsigned long long>(r["sims"].get<std::uint64_t>()),
                r["timing"]["simulate_s"].get<double>(), r["timing"]["optimize_s"].get<double>(),
                r["milps"].get<int>());
    int k = 0;
    for (const nlohmann::json& l : r["lineups"]) {
        std::printf("#%d  salary %d  mean %.2f", ++k, l["salary"].get<int>(), l["mean"].get<double>());
        if (!l["p_target"].is_null()) {
            std::printf("  P(>= %g) %.4f +- %.4f", r["target"].get<double>(), l["p_target"].get<double>(),
                        l["p_target_se"].get<double>());
        }
        std::printf("\n");
        for (const nlohmann::json& p : l["players"]) {
            std::printf("    %-4s %s %-4s %-6s %6d %6.2f\n", p["slot"].get<std::string>().c_str(),
                        PadName(p["name"].get<std::string>(), 26).c_str(), p["team"].get<std::string>().c_str(),
                        p["positions"].get<std::string>().c_str(), p["salary"].get<int>(), p["mean"].get<double>());
        }
    }
    if (r.contains("note")) {
        std::printf("note: %s\n", r["note"].get<std::string>().c_str());
    }
    if (!r["unmatched"].empty()) {
        std::printf("%zu salary-file players not on a simulated roster were left out\n", r["unmatched"].size());
    }
    return 0;
}

} // namespace

void RegisterLineupCommand(CLI::App& app, int* exit_code) {
    auto options = std::make_shared<LineupOptions>();
    CLI::App* command = app.add_subcommand(
        "lineup", "salary-cap fantasy lineups (DraftKings / FanDuel NBA classic) from the slate's joint simulation");
    AddFantasyOptions(*command, options->common);
    command->add_option("--salaries", options->salaries, "the site's salary export (DKSalaries.csv / FanDuel CSV)")
        ->required();
    command->add_option("--site", options->site, "draftkings or fanduel")->capture_default_str();
    command->add_option("--lineups", options->lineups, "number of lineups N")->capture_default_str();
    command->add_option("--objective", options->objective, "mean or p_target")->capture_default_str();
    command->add_option("--target", options->target, "fantasy points to beat (p_target; also reported for mean)");
    command->add_option("--lock", options->locks, "player id or exact name in every lineup (repeatable)");
    command->add_option("--exclude", options->excludes, "player id or exact name in no lineup (repeatable)");
    command->add_option("--max-per-team", options->max_per_team, "most players from one team (0: site rule only)")
        ->capture_default_str();
    command->add_option("--team-limit", options->team_limits, "TEAM:MIN:MAX players from a team (repeatable)");
    command->add_option("--stack", options->stacks,
                        "team:K or game:K (optionally :BOS/DAL or :DAL@BOS): at least K players from one team or "
                        "game (repeatable)");
    command->add_option("--max-exposure", options->max_exposure, "largest share of lineups one player may be in")
        ->capture_default_str();
    command->add_option("--min-different", options->min_different, "players any two lineups must differ in")
        ->capture_default_str();
    command->add_option("--candidates", options->candidates, "p_target: MILPs solved per lineup")
        ->capture_default_str();
    command->callback([options, exit_code] { *exit_code = RunLineup(*options); });
}

} // namespace simbook::app
