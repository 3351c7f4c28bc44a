#include "fantasy/fantasy_api.hpp"

#include "fantasy/optimizer.hpp"
#include "fantasy/projection.hpp"
#include "fantasy/salaries.hpp"
#include "fantasy/scoring.hpp"
#include "models/json_fields.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>

namespace simbook::fantasy {

namespace {

using Clock = std::chrono::steady_clock;

Status KnownFields(const nlohmann::json& body, std::initializer_list<const char*> allowed) {
    if (!body.is_object()) {
        return InvalidArgument("body", "expected a JSON object");
    }
    return models::CheckKnownFields(body, allowed, "");
}

// The slate simulated as the body asks.
struct Simulated {
    SlateSimulation sim;
    double seconds = 0.0;
};

Result<Simulated> RunSlate(const nlohmann::json& body, const FantasyContext& ctx) {
    if (!body.contains("slate")) {
        return InvalidArgument("slate", "required: {\"games\": [{\"home\", \"away\"}], \"availability\"?}");
    }
    auto slate = SlateFromJson(body["slate"], "slate");
    if (!slate.ok()) {
        return slate.status();
    }
    auto sims = models::IntField(body, "sims", static_cast<std::int64_t>(ctx.default_sims), "", 100,
                                 static_cast<std::int64_t>(ctx.max_sims));
    if (!sims.ok()) {
        return sims.status();
    }
    auto seed = models::IntField(body, "seed", 7, "", 0, std::numeric_limits<std::int64_t>::max());
    if (!seed.ok()) {
        return seed.status();
    }
    SlateOptions options;
    options.params_dir = ctx.params_dir;
    options.extra_rates_file = ctx.extra_rates_file;
    options.sims = static_cast<std::uint64_t>(*sims);
    options.seed = static_cast<std::uint64_t>(*seed);
    options.threads = ctx.threads;
    options.backend = ctx.backend;
    const auto start = Clock::now();
    auto sim = SimulateSlate(*slate, options);
    if (!sim.ok()) {
        return sim.status();
    }
    return Simulated{std::move(sim).value(), std::chrono::duration<double>(Clock::now() - start).count()};
}

nlohmann::json Assumptions(const SlateSimulation& sim) {
    return nlohmann::json::array(
        {"Points, rebounds, assists and threes per player come from the possession simulation: every player of a "
         "game shares its path, so teammates' and opponents' lines are jointly distributed as simulated.",
         "Games of the slate are simulated independently of each other (path p of every game forms one slate path).",
         "Steals, blocks and turnovers are not simulated by the possession model: each is drawn per path as an "
         "independent Poisson count with the player's expected value (his STL%, BLK%, TOV% times the on-court "
         "opportunities his minutes and usage give), keyed by (seed, path id). Rates: " +
             sim.extra_rates_source() + ".",
         "Double- and triple-doubles count points, rebounds, assists, steals and blocks on the same path.",
         "Minutes are the fitted expected minutes (after availability overrides); the kernel does not vary a "
         "player's minutes per path."});
}

} // namespace

std::string DefaultFantasyDataDir() {
    return SIMBOOK_SOURCE_FANTASY_DIR;
}

std::string DefaultExtraRatesFile() {
    return DefaultFantasyDataDir() + "/nba-2023-24-extra-rates.json";
}

Result<nlohmann::json> ProjectionsRequest(const nlohmann::json& body, const FantasyContext& ctx) {
    if (Status s = KnownFields(body, {"slate", "scoring", "thresholds", "sims", "seed"}); !s.ok()) {
        return s;
    }
    auto scoring = ScoringFromJson(body.value("scoring", nlohmann::json("draftkings")), "scoring");
    if (!scoring.ok()) {
        return scoring.status();
    }
    std::vector<double> thresholds = {20, 30, 40, 50};
    if (body.contains("thresholds")) {
        const nlohmann::json& t = body["thresholds"];
        if (!t.is_array() || t.size() > 32) {
            return InvalidArgument("thresholds", "expected an array of at most 32 numbers");
        }
        thresholds.clear();
        for (std::size_t i = 0; i < t.size(); ++i) {
            if (!t[i].is_number() || !std::isfinite(t[i].get<double>())) {
                return InvalidArgument("thresholds[" + std::to_string(i) + "]", "expected a number");
            }
            thresholds.push_back(t[i].get<double>());
        }
    }
    auto run = RunSlate(body, ctx);
    if (!run.ok()) {
        return run.status();
    }
    const SlateSimulation& sim = run->sim;
    std::vector<Projection> projections = Project(sim, *scoring, thresholds);
    std::stable_sort(projections.begin(), projections.end(),
                     [](const Projection& a, const Projection& b) { return a.mean > b.mean; });
    nlohmann::json players = nlohmann::json::array();
    for (const Projection& pr : projections) {
        const SlatePlayer& p = sim.players()[pr.player];
        nlohmann::json reach = nlohmann::json::array();
        for (std::size_t t = 0; t < thresholds.size(); ++t) {
            reach.push_back({{"threshold", thresholds[t]}, {"probability", pr.p_reach[t]}});
        }
        nlohmann::json stats = nlohmann::json::object();
        for (int s = 0; s < kStats; ++s) {
            stats[StatName(s)] = pr.stat_mean[s];
        }
        players.push_back({{"name", p.name},
                           {"team", p.team},
                           {"opponent", p.opponent},
                           {"game", sim.games()[p.game].Label()},
                           {"out", p.out},
                           {"minutes", p.minutes},
                           {"base_minutes", p.base_minutes},
                           {"usage", p.usage},
                           {"mean", pr.mean},
                           {"median", pr.median},
                           {"sd", pr.sd},
                           {"percentiles",
                            {{"p10", pr.percentiles[0]},
                             {"p25", pr.percentiles[1]},
                             {"p75", pr.percentiles[2]},
                             {"p90", pr.percentiles[3]}}},
                           {"p_reach", std::move(reach)},
                           {"stats", std::move(stats)},
                           {"double_double", pr.double_double},
                           {"triple_double", pr.triple_double}});
    }
    nlohmann::json games = nlohmann::json::array();
    for (std::size_t g = 0; g < sim.games().size(); ++g) {
        games.push_back({{"label", sim.games()[g].Label()},
                         {"home", sim.games()[g].home},
                         {"away", sim.games()[g].away},
                         {"seed", GameSeed(sim.seed(), g)}});
    }
    return nlohmann::json{{"scoring", ToJson(*scoring)},
                          {"sims", sim.paths()},
                          {"seed", sim.seed()},
                          {"invalid_paths", sim.invalid_paths()},
                          {"games", std::move(games)},
                          {"extra_rates_source", sim.extra_rates_source()},
                          {"assumptions", Assumptions(sim)},
                          {"players", std::move(players)},
                          {"timing", {{"simulate_s", run->seconds}}}};
}

Result<nlohmann::json> LineupsRequest(const nlohmann::json& body, const FantasyContext& ctx) {
    if (Status s = KnownFields(body, {"slate", "site", "salaries_csv", "salaries", "lineups", "objective", "target",
                                      "locks", "excludes", "max_per_team", "team_limits", "stacks", "max_exposure",
                                      "min_different", "candidates", "scoring", "sims", "seed"});
        !s.ok()) {
        return s;
    }
    if (!body.contains("site") || !body["site"].is_string()) {
        return InvalidArgument("site", "required: \"draftkings\" or \"fanduel\"");
    }
    auto site = SiteFromName(body["site"].get<std::string>(), "site");
    if (!site.ok()) {
        return site.status();
    }
    Scoring scoring = site->scoring;
    if (body.contains("scoring")) {
        auto custom = ScoringFromJson(body["scoring"], "scoring");
        if (!custom.ok()) {
            return custom.status();
        }
        scoring = *custom;
    }
    // Salaries.
    Result<std::vector<SalaryRow>> rows = InvalidArgument("salaries", "give salaries_csv or salaries");
    if (body.contains("salaries_csv") && body.contains("salaries")) {
        return InvalidArgument("salaries", "give salaries_csv or salaries, not both");
    }
    if (body.contains("salaries_csv")) {
        if (!body["salaries_csv"].is_string()) {
            return InvalidArgument("salaries_csv", "expected the CSV file's text");
        }
        rows = ParseSalariesCsv(body["salaries_csv"].get<std::string>(), "salaries_csv");
    } else if (body.contains("salaries")) {
        rows = SalariesFromJson(body["salaries"], "salaries");
    }
    if (!rows.ok()) {
        return rows.status();
    }
    // Rules and options.
    LineupRules rules;
    OptimizeOptions options;
    auto lineups = models::IntField(body, "lineups", 1, "", 1, 500);
    auto max_per_team = models::IntField(body, "max_per_team", 0, "", 0, 9);
    auto min_different =
        models::IntField(body, "min_different", 1, "", 1, static_cast<std::int64_t>(site->slots.size()));
    auto candidates = models::IntField(body, "candidates", options.candidates, "", 1, 64);
    auto exposure = models::NumberField(body, "max_exposure", 1.0, "", 1e-9, 1.0);
    auto locks = models::StringListField(body, "locks", "");
    auto excludes = models::StringListField(body, "excludes", "");
    for (const Status& s : {lineups.status(), max_per_team.status(), min_different.status(), candidates.status(),
                            exposure.status(), locks.status(), excludes.status()}) {
        if (!s.ok()) {
            return s;
        }
    }
    rules.lineups = static_cast<int>(*lineups);
    rules.max_per_team = static_cast<int>(*max_per_team);
    rules.min_different = static_cast<int>(*min_different);
    rules.max_exposure = *exposure;
    rules.locks = *locks;
    rules.excludes = *excludes;
    options.candidates = static_cast<int>(*candidates);
    Result<std::string> objective_field = models::TextField(body, "objective", "mean", "");
    if (!objective_field.ok()) {
        return objective_field.status();
    }
    const std::string objective = std::move(objective_field).value();
    if (objective == "p_target") {
        options.objective = Objective::kPTarget;
        if (!body.contains("target")) {
            return InvalidArgument("target", "required with objective p_target (fantasy points to beat)");
        }
    } else if (objective != "mean") {
        return InvalidArgument("objective", "'" + objective + "' is not mean or p_target");
    }
    auto target = models::NumberField(body, "target", 0.0, "", 1e-9, 1e6);
    if (!target.ok()) {
        return target.status();
    }
    options.target = *target;
    if (body.contains("team_limits")) {
        const nlohmann::json& tl = body["team_limits"];
        if (!tl.is_array()) {
            return InvalidArgument("team_limits", "expected [{\"team\", \"min\"?, \"max\"?}]");
        }
        for (std::size_t i = 0; i < tl.size(); ++i) {
            const std::string f = "team_limits[" + std::to_string(i) + "]";
            if (!tl[i].is_object() || !tl[i].contains("team") || !tl[i]["team"].is_string()) {
                return InvalidArgument(f + ".team", "expected a team code");
            }
            TeamLimit l;
            l.team = FittedTeamCode(tl[i]["team"].get<std::string>());
            auto mn = models::IntField(tl[i], "min", 0, f, 0, 9);
            auto mx =
                models::IntField(tl[i], "max", std::numeric_limits<int>::max(), f, 0, std::numeric_limits<int>::max());
            if (!mn.ok() || !mx.ok()) {
                return mn.ok() ? mx.status() : mn.status();
            }
            l.min = static_cast<int>(*mn);
            l.max = static_cast<int>(*mx);
            rules.team_limits.push_back(l);
        }
    }
    if (body.contains("stacks")) {
        const nlohmann::json& st = body["stacks"];
        if (!st.is_array()) {
            return InvalidArgument("stacks", "expected [{\"kind\": \"team\" | \"game\", \"size\", \"among\"?}]");
        }
        for (std::size_t i = 0; i < st.size(); ++i) {
            const std::string f = "stacks[" + std::to_string(i) + "]";
            if (!st[i].is_object()) {
                return InvalidArgument(f, "expected an object");
            }
            StackRule rule;
            Result<std::string> kind_field = models::TextField(st[i], "kind", "team", f);
            if (!kind_field.ok()) {
                return kind_field.status();
            }
            const std::string kind = std::move(kind_field).value();
            if (kind != "team" && kind != "game") {
                return InvalidArgument(f + ".kind", "'" + kind + "' is not team or game");
            }
            rule.by_game = kind == "game";
            auto size = models::IntField(st[i], "size", 2, f, 1, 9);
            if (!size.ok()) {
                return size.status();
            }
            rule.size = static_cast<int>(*size);
            auto among = models::StringListField(st[i], "among", f);
            if (!among.ok()) {
                return InvalidArgument(f + ".among", "expected an array of team codes or game labels");
            }
            for (const std::string& a : *among) {
                rule.among.push_back(rule.by_game ? a : FittedTeamCode(a));
            }
            rules.stacks.push_back(std::move(rule));
        }
    }
    // Simulate and join.
    auto run = RunSlate(body, ctx);
    if (!run.ok()) {
        return run.status();
    }
    const SlateSimulation& sim = run->sim;
    const auto opt_start = Clock::now();
    const std::vector<float> points = sim.Points(scoring);
    const std::uint64_t n = sim.paths();
    std::vector<PoolPlayer> pool;
    nlohmann::json unmatched = nlohmann::json::array();
    nlohmann::json unavailable = nlohmann::json::array();
    std::set<std::string> ruled_out;
    std::set<std::pair<std::string, std::string>> seen;
    for (const SalaryRow& r : *rows) {
        const int i = sim.Find(r.team, r.name);
        const auto skip = [&](const std::string& why) {
            unmatched.push_back({{"line", r.line}, {"name", r.name}, {"team", r.team}, {"reason", why}});
        };
        if (i < 0) {
            skip("not on a simulated roster of the slate");
            continue;
        }
        if (!seen.insert({r.team, r.name}).second) {
            skip("listed twice");
            continue;
        }
        const SlatePlayer& p = sim.players()[i];
        if (p.out) {
            unavailable.push_back(r.name);
            ruled_out.insert(r.name);
            ruled_out.insert(r.id);
            continue;
        }
        PoolPlayer pp;
        pp.id = r.id;
        pp.name = r.name;
        pp.team = r.team;
        pp.game = sim.games()[p.game].Label();
        pp.positions = r.positions;
        pp.salary = r.salary;
        double sum = 0.0;
        for (std::uint64_t k = 0; k < n; ++k) {
            sum += points[static_cast<std::uint64_t>(i) * n + k];
        }
        pp.mean = sum / static_cast<double>(n);
        pp.path_row = i;
        pool.push_back(std::move(pp));
    }
    for (std::size_t k = 0; k < rules.locks.size(); ++k) {
        if (ruled_out.count(rules.locks[k])) {
            return InvalidArgument("locks[" + std::to_string(k) + "]",
                                   "'" + rules.locks[k] + "' is ruled out by slate.availability");
        }
    }
    const PathPoints path_points{points.data(), n};
    auto optimized = OptimizeLineups(*site, pool, rules, options, &path_points);
    if (!optimized.ok()) {
        return optimized.status();
    }
    const double optimize_s = std::chrono::duration<double>(Clock::now() - opt_start).count();
    nlohmann::json list = nlohmann::json::array();
    std::map<int, int> used;
    for (const Lineup& l : optimized->lineups) {
        nlohmann::json players = nlohmann::json::array();
        for (std::size_t s = 0; s < l.players.size(); ++s) {
            const PoolPlayer& p = pool[l.players[s]];
            ++used[l.players[s]];
            players.push_back({{"slot", site->slots[s].name},
                               {"id", p.id},
                               {"name", p.name},
                               {"team", p.team},
                               {"positions", PositionsText(p.positions)},
                               {"salary", p.salary},
                               {"mean", p.mean}});
        }
        list.push_back({{"players", std::move(players)},
                        {"salary", l.salary},
                        {"mean", l.mean},
                        {"p_target", l.p_target >= 0.0 ? nlohmann::json(l.p_target) : nlohmann::json(nullptr)},
                        {"p_target_se", l.p_target >= 0.0 ? nlohmann::json(l.p_target_se) : nlohmann::json(nullptr)}});
    }
    nlohmann::json exposure_list = nlohmann::json::array();
    std::vector<std::pair<int, int>> by_count(used.begin(), used.end());
    std::stable_sort(by_count.begin(), by_count.end(), [](auto a, auto b) { return a.second > b.second; });
    for (const auto& [p, count] : by_count) {
        exposure_list.push_back({{"id", pool[p].id},
                                 {"name", pool[p].name},
                                 {"lineups", count},
                                 {"share", static_cast<double>(count) / optimized->lineups.size()}});
    }
    nlohmann::json slots = nlohmann::json::array();
    for (const RosterSlot& s : site->slots) {
        slots.push_back(s.name);
    }
    const std::string method =
        options.objective == Objective::kMean
            ? "exact MILP (GLPK) maximising the sum of mean projections, lineups one after another with uniqueness "
              "and exposure constraints added"
            : "per lineup, " + std::to_string(options.candidates) +
                  " MILPs (GLPK) on the same rules: the exact mean optimum, then by turns upside tilts (mean + k x sd, "
                  "k = 0.25, 0.5, ...) and game scenarios (one game's players tilted towards their means on the joint "
                  "paths where that game's fantasy total is in its top fifth), solved to a 0.5% gap; the candidate "
                  "with the highest P(total >= target) on all paths is kept, then single-player swaps that keep every "
                  "rule are made while one raises that probability (best improvement, at most " +
                  std::to_string(options.swap_passes) + " per lineup)";
    nlohmann::json out{{"site", site->site},
                       {"objective", objective},
                       {"target", options.target > 0.0 ? nlohmann::json(options.target) : nlohmann::json(nullptr)},
                       {"method", method},
                       {"scoring", ToJson(scoring)},
                       {"salary_cap", site->salary_cap},
                       {"slots", std::move(slots)},
                       {"sims", sim.paths()},
                       {"seed", sim.seed()},
                       {"lineups", std::move(list)},
                       {"exposure", std::move(exposure_list)},
                       {"unmatched", std::move(unmatched)},
                       {"unavailable", std::move(unavailable)},
                       {"milps", optimized->milps},
                       {"swaps", optimized->swaps},
                       {"timing", {{"simulate_s", run->seconds}, {"optimize_s", optimize_s}}}};
    if (!optimized->note.empty()) {
        out["note"] = optimized->note;
    }
    return out;
}

} // namespace simbook::fantasy
