#include "whatif/whatif_api.hpp"

#include "models/fitted.hpp"
#include "models/json_fields.hpp"
#include "odds/margin.hpp"
#include "odds/market_engine.hpp"
#include "odds/quote.hpp"
#include "whatif/whatif.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

namespace simbook::whatif {
namespace {

using engine::Sport;

constexpr std::initializer_list<const char*> kGameFields = {"sport",   "league", "home_team", "away_team", "home_xg",
                                                            "away_xg", "model",  "state",     "markets",   "sims",
                                                            "seed",    "margin", "method"};

//! Settings of a run and its quoting.
struct Settings {
    RunConfig run;
    double margin = 0.05;
    odds::MarginMethod method = odds::MarginMethod::kMultiplicative;
};

Result<Settings> ParseSettings(const nlohmann::json& body, const WhatIfContext& ctx) {
    Settings s;
    s.run.launch = ctx.launch;
    s.run.shares = ctx.shares;
    Result<std::uint64_t> sims =
        models::UnsignedField(body, "sims", std::min<std::uint64_t>(100'000, ctx.max_paths), "", 1, ctx.max_paths);
    if (!sims.ok()) {
        return sims.status();
    }
    s.run.paths = *sims;
    Result<std::uint64_t> seed =
        models::UnsignedField(body, "seed", 7, "", 0, std::numeric_limits<std::uint64_t>::max());
    if (!seed.ok()) {
        return seed.status();
    }
    s.run.seed = *seed;
    if (body.contains("margin")) {
        if (!body["margin"].is_number() ||
            !(body["margin"].get<double>() >= 0.0 && body["margin"].get<double>() < 0.5)) {
            return InvalidArgument("margin", "expected a number in [0, 0.5)");
        }
        s.margin = body["margin"].get<double>();
    }
    Result<std::string> method = models::StringField(body, "method", std::string(), "");
    if (!method.ok()) {
        return method.status();
    }
    if (!method->empty()) {
        Result<odds::MarginMethod> m = odds::ParseMarginMethod(*method);
        if (!m.ok()) {
            return InvalidArgument("method", m.status().message());
        }
        s.method = *m;
    }
    return s;
}

Result<std::vector<PathMarket>> ParseMarketsField(const nlohmann::json& body, const GameSpec& game,
                                                  const std::string& fallback) {
    std::string text = fallback;
    if (body.contains("markets")) {
        const nlohmann::json& m = body["markets"];
        if (m.is_string()) {
            text = m.get<std::string>();
        } else if (m.is_array() && !m.empty()) {
            text.clear();
            for (const nlohmann::json& key : m) {
                if (!key.is_string()) {
                    return InvalidArgument("markets", "expected market keys as strings");
                }
                text.append(text.empty() ? "" : ",").append(key.get<std::string>());
            }
        } else {
            return InvalidArgument("markets", "expected a comma-separated string or a non-empty array of keys");
        }
    }
    Result<std::vector<PathMarket>> markets = ParsePathMarkets(text, game);
    if (!markets.ok()) {
        return Status(markets.status().code(), "markets: " + markets.status().message());
    }
    return markets;
}

//! Margined decimal prices of one book (null where the outcome is not offered).
std::vector<nlohmann::json> Prices(const std::string& key, const std::vector<std::string>& names,
                                   const std::vector<double>& probability, const std::vector<double>& std_error,
                                   const Settings& s, double* overround = nullptr, std::string* note = nullptr) {
    odds::FairMarket fair;
    fair.key = key;
    for (std::size_t i = 0; i < names.size(); ++i) {
        fair.outcomes.push_back({names[i], {probability[i], std_error[i]}, std::nullopt});
    }
    std::vector<nlohmann::json> out(names.size(), nullptr);
    Result<odds::QuotedMarket> quoted = odds::QuoteMarket(fair, s.margin, s.method);
    if (!quoted.ok()) {
        return out;
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (quoted->outcomes[i].decimal) {
            out[i] = *quoted->outcomes[i].decimal;
        }
    }
    if (overround != nullptr) {
        *overround = quoted->overround;
    }
    if (note != nullptr) {
        *note = quoted->note;
    }
    return out;
}

nlohmann::json FairPrice(double p) {
    return p > 0.0 && p < 1.0 ? nlohmann::json(1.0 / p) : nlohmann::json(nullptr);
}

//! The markets a what-if prices when the request names none.
std::string DefaultMarketsOf(const GameSpec& game) {
    return std::visit([](const auto& g) { return DefaultWhatIfMarkets(g); }, game.spec);
}

//! The checkpoints (minutes) of the win-probability path after a state.
std::vector<int> CheckpointsOf(const GameSpec& game) {
    return std::visit([](const auto& g) { return Checkpoints(g); }, game.spec);
}

//! Prices momentum markets with margin and the win-probability path, all on one run.
//! The requested markets plus what the win-probability path needs: leads at the checkpoints and the result.
MomentumPlan PlanWithPath(const GameSpec& game, std::vector<PathMarket> markets) {
    MomentumPlan plan;
    plan.requested = markets.size();
    plan.checkpoints = CheckpointsOf(game);
    for (int t : plan.checkpoints) {
        markets.push_back(PathMarket::Parse("lead_at:" + std::to_string(t), game).value());
    }
    markets.push_back(PathMarket::Parse("h2h", game).value());
    plan.markets = std::move(markets);
    return plan;
}

//! Prices momentum markets with margin and the win-probability path, all on one run.
Result<nlohmann::json> MomentumBook(const GameSpec& game, std::vector<PathMarket> markets, const Settings& settings) {
    const MomentumPlan plan = PlanWithPath(game, std::move(markets));
    Result<std::vector<MarketPrices>> prices = PriceMarkets(game, plan.markets, settings.run);
    if (!prices.ok()) {
        return prices.status();
    }
    return MomentumBookJson(plan, *prices, settings.margin, settings.method);
}

} // namespace

nlohmann::json MomentumBookJson(const MomentumPlan& plan, const std::vector<MarketPrices>& prices, double margin,
                                odds::MarginMethod method) {
    Settings settings;
    settings.margin = margin;
    settings.method = method;
    const std::size_t requested = plan.requested;
    const std::vector<int>& checkpoints = plan.checkpoints;
    nlohmann::json list = nlohmann::json::array();
    for (std::size_t m = 0; m < requested; ++m) {
        const MarketPrices& p = prices[m];
        double overround = 0.0;
        std::string note;
        const std::vector<nlohmann::json> quoted =
            Prices(p.key, p.outcomes, p.probability, p.std_error, settings, &overround, &note);
        nlohmann::json outcomes = nlohmann::json::array();
        for (std::size_t i = 0; i < p.outcomes.size(); ++i) {
            outcomes.push_back({{"name", p.outcomes[i]},
                                {"probability", p.probability[i]},
                                {"std_error", p.std_error[i]},
                                {"fair_price", FairPrice(p.probability[i])},
                                {"price", quoted[i]}});
        }
        nlohmann::json market{
            {"market", p.key}, {"settled", p.settled}, {"overround", overround}, {"outcomes", std::move(outcomes)}};
        if (!note.empty()) {
            market["note"] = note;
        }
        list.push_back(std::move(market));
    }
    nlohmann::json path = nlohmann::json::array();
    for (std::size_t k = 0; k < checkpoints.size(); ++k) {
        const MarketPrices& p = prices[requested + k];
        path.push_back({{"minute", checkpoints[k]},
                        {"home", p.probability[0]},
                        {"level", p.probability[1]},
                        {"away", p.probability[2]},
                        {"std_error", p.std_error[0]}});
    }
    const MarketPrices& final_result = prices.back();
    nlohmann::json last{{"minute", "final"},
                        {"home", final_result.probability.front()},
                        {"away", final_result.probability.back()},
                        {"std_error", final_result.std_error.front()}};
    if (final_result.outcomes.size() == 3) {
        last["draw"] = final_result.probability[1];
    }
    path.push_back(std::move(last));
    return nlohmann::json{{"markets", std::move(list)}, {"win_prob_path", std::move(path)}};
}

Result<GameModel> BaseGameFromJson(const nlohmann::json& body, const std::string& params_dir) {
    if (!body.is_object()) {
        return InvalidArgument("body", "expected a JSON object");
    }
    engine::GameSource source;
    source.params_dir = params_dir;
    Result<std::string> sport = models::StringField(body, "sport", std::string(), "");
    if (!sport.ok()) {
        return sport.status();
    }
    Result<Sport> parsed = engine::ParseSport(*sport);
    if (!parsed.ok()) {
        return InvalidArgument("sport", parsed.status().message());
    }
    source.sport = parsed.value();
    for (auto [name, target] : {std::pair{"league", &source.league}, std::pair{"home_team", &source.home_team},
                                std::pair{"away_team", &source.away_team}}) {
        Result<std::string> text = models::StringField(body, name, std::string(), "");
        if (!text.ok()) {
            return text.status();
        }
        *target = *text;
    }
    if (body.contains("state")) {
        if (!body["state"].is_object() && !body["state"].is_null()) {
            return InvalidArgument("state", "expected a live state object");
        }
        source.state = body["state"];
    }
    if (body.contains("model")) {
        source.model = body["model"];
    }
    for (auto [name, target] : {std::pair{"home_xg", &source.home_xg}, std::pair{"away_xg", &source.away_xg}}) {
        if (body.contains(name)) {
            Result<double> xg = models::NumberField(body, name, std::nullopt, "");
            if (!xg.ok()) {
                return xg.status();
            }
            *target = *xg;
        }
    }
    Result<GameModel> model = engine::LoadGame(source);
    if (!model.ok() && model.status().code() == StatusCode::kUnavailable) {
        // A league a request names and no fitted file has is the request's error, not the server's.
        return Status(StatusCode::kInvalidArgument, model.status().message());
    }
    return model;
}

Result<nlohmann::json> WhatIfRequest(const nlohmann::json& body, const WhatIfContext& ctx) {
    Result<GameModel> base = BaseGameFromJson(body, ctx.params_dir);
    if (!base.ok()) {
        return base.status();
    }
    if (Status s = models::CheckKnownFields(body, kGameFields, "", {"scenario", "sweep", "scenario_seed"}); !s.ok()) {
        return s;
    }
    Result<Settings> settings = ParseSettings(body, ctx);
    if (!settings.ok()) {
        return settings.status();
    }
    Settings& set = *settings;
    if (body.contains("scenario_seed")) {
        Result<std::uint64_t> seed =
            models::UnsignedField(body, "scenario_seed", 0, "", 0, std::numeric_limits<std::uint64_t>::max());
        if (!seed.ok()) {
            return seed.status();
        }
        set.run.scenario_seed = *seed;
    }
    Result<GameSpec> base_spec = BuildBase(*base);
    if (!base_spec.ok()) {
        return base_spec.status();
    }
    if (!body.contains("scenario") && !body.contains("sweep")) {
        return InvalidArgument("scenario", "missing: give a scenario (a list of changes), a sweep, or both");
    }
    Result<std::vector<Change>> changes =
        body.contains("scenario") ? ParseScenario(body["scenario"], "scenario", *base) : std::vector<Change>{};
    if (!changes.ok()) {
        return changes.status();
    }
    std::optional<Sweep> sweep;
    std::vector<GameSpec> scenarios;
    if (body.contains("sweep")) {
        Result<Sweep> parsed = ParseSweep(body["sweep"], "sweep");
        if (!parsed.ok()) {
            return parsed.status();
        }
        sweep = *parsed;
        for (std::size_t i = 0; i < sweep->values.size(); ++i) {
            nlohmann::json list = body.contains("scenario") ? body["scenario"] : nlohmann::json::array();
            list.push_back(SweepChange(*sweep, i));
            Result<std::vector<Change>> point = ParseScenario(list, "sweep+scenario", *base);
            if (!point.ok()) {
                return point.status();
            }
            Result<GameSpec> spec = BuildScenario(*base, *point, "sweep");
            if (!spec.ok()) {
                return spec.status();
            }
            scenarios.push_back(*spec);
        }
    } else {
        Result<GameSpec> spec = BuildScenario(*base, *changes, "scenario");
        if (!spec.ok()) {
            return spec.status();
        }
        scenarios.push_back(*spec);
    }
    const std::uint64_t total = set.run.paths * (1 + scenarios.size());
    if (total > ctx.max_total_paths) {
        return InvalidArgument(sweep ? "sweep" : "sims", "the request would run " + std::to_string(total) +
                                                             " paths; at most " + std::to_string(ctx.max_total_paths));
    }
    Result<std::vector<PathMarket>> markets = ParseMarketsField(body, *base_spec, DefaultMarketsOf(*base_spec));
    if (!markets.ok()) {
        return markets.status();
    }
    Result<std::vector<ScenarioResult>> results = RunWhatIf(*base_spec, scenarios, *markets, set.run);
    if (!results.ok()) {
        return results.status();
    }

    nlohmann::json out{{"sport", engine::SportName(base->sport())},
                       {"sims", set.run.paths},
                       {"seed", set.run.seed},
                       {"scenario_seed", set.run.scenario_seed.value_or(set.run.seed)},
                       {"common_random_numbers", set.run.scenario_seed.value_or(set.run.seed) == set.run.seed},
                       {"margin", set.margin},
                       {"method", odds::ToString(set.method)}};
    std::uint64_t invalid = 0;
    std::vector<double> ratios;
    for (const ScenarioResult& r : *results) {
        invalid = std::max(invalid, r.invalid_paths);
        for (const MarketDelta& m : r.markets) {
            for (const OutcomeDelta& o : m.outcomes) {
                if (o.delta_se > 0.0) {
                    ratios.push_back(o.independent_se / o.delta_se);
                }
            }
        }
    }
    out["invalid_paths"] = invalid;
    if (!ratios.empty()) {
        std::nth_element(ratios.begin(), ratios.begin() + static_cast<std::ptrdiff_t>(ratios.size() / 2), ratios.end());
        out["median_se_ratio"] = ratios[ratios.size() / 2];
    } else {
        out["median_se_ratio"] = nullptr;
    }
    if (!sweep) {
        nlohmann::json list = nlohmann::json::array();
        for (const MarketDelta& m : results->front().markets) {
            std::vector<std::string> names;
            std::vector<double> pb, sb, ps, ss;
            for (const OutcomeDelta& o : m.outcomes) {
                names.push_back(o.name);
                pb.push_back(o.base);
                sb.push_back(o.base_se);
                ps.push_back(o.scenario);
                ss.push_back(o.scenario_se);
            }
            const std::vector<nlohmann::json> base_prices = Prices(m.key, names, pb, sb, set);
            const std::vector<nlohmann::json> scen_prices = Prices(m.key, names, ps, ss, set);
            nlohmann::json outcomes = nlohmann::json::array();
            for (std::size_t i = 0; i < m.outcomes.size(); ++i) {
                const OutcomeDelta& o = m.outcomes[i];
                outcomes.push_back({{"name", o.name},
                                    {"base", o.base},
                                    {"scenario", o.scenario},
                                    {"delta", o.delta},
                                    {"delta_se", o.delta_se},
                                    {"independent_se", o.independent_se},
                                    {"se_ratio", o.delta_se > 0.0 ? nlohmann::json(o.independent_se / o.delta_se)
                                                                  : nlohmann::json(nullptr)},
                                    {"base_se", o.base_se},
                                    {"scenario_se", o.scenario_se},
                                    {"base_price", base_prices[i]},
                                    {"scenario_price", scen_prices[i]}});
            }
            list.push_back({{"market", m.key}, {"settled", m.settled}, {"outcomes", std::move(outcomes)}});
        }
        out["markets"] = std::move(list);
        return out;
    }
    nlohmann::json curves = nlohmann::json::array();
    for (std::size_t m = 0; m < markets->size(); ++m) {
        nlohmann::json outcomes = nlohmann::json::array();
        for (std::size_t o = 0; o < (*markets)[m].Outcomes().size(); ++o) {
            nlohmann::json scenario = nlohmann::json::array(), delta = nlohmann::json::array(),
                           delta_se = nlohmann::json::array();
            for (const ScenarioResult& r : *results) {
                const OutcomeDelta& d = r.markets[m].outcomes[o];
                scenario.push_back(d.scenario);
                delta.push_back(d.delta);
                delta_se.push_back(d.delta_se);
            }
            outcomes.push_back({{"name", (*markets)[m].Outcomes()[o]},
                                {"base", results->front().markets[m].outcomes[o].base},
                                {"scenario", std::move(scenario)},
                                {"delta", std::move(delta)},
                                {"delta_se", std::move(delta_se)}});
        }
        curves.push_back({{"market", (*markets)[m].Key()}, {"outcomes", std::move(outcomes)}});
    }
    out["sweep"] = {
        {"change", sweep->change}, {"field", sweep->field}, {"values", sweep->values}, {"markets", std::move(curves)}};
    return out;
}

std::vector<std::string> DefaultMomentumKeys(const GameSpec& game) {
    std::vector<std::string> keys = std::visit([](const auto& g) { return DefaultMomentumKeys(g); }, game.spec);
    for (int t : CheckpointsOf(game)) {
        keys.push_back("lead_at:" + std::to_string(t));
    }
    return keys;
}

Result<nlohmann::json> MomentumRequest(const nlohmann::json& body, const WhatIfContext& ctx) {
    Result<GameModel> base = BaseGameFromJson(body, ctx.params_dir);
    if (!base.ok()) {
        return base.status();
    }
    if (Status s = models::CheckKnownFields(body, kGameFields, ""); !s.ok()) {
        return s;
    }
    Result<Settings> settings = ParseSettings(body, ctx);
    if (!settings.ok()) {
        return settings.status();
    }
    Result<GameSpec> game = BuildBase(*base);
    if (!game.ok()) {
        return game.status();
    }
    std::string defaults;
    for (const std::string& k : DefaultMomentumKeys(*game)) {
        defaults.append(defaults.empty() ? "" : ",").append(k);
    }
    Result<std::vector<PathMarket>> markets = ParseMarketsField(body, *game, defaults);
    if (!markets.ok()) {
        return markets.status();
    }
    Result<nlohmann::json> book = MomentumBook(*game, std::move(markets).value(), *settings);
    if (!book.ok()) {
        return book.status();
    }
    nlohmann::json out{{"sport", engine::SportName(game->sport())},
                       {"sims", settings->run.paths},
                       {"seed", settings->run.seed},
                       {"margin", settings->margin},
                       {"method", odds::ToString(settings->method)}};
    out.update(*book);
    return out;
}

Result<MomentumPlan> PlanMomentumMarkets(const GameSpec& game, const std::string& keys) {
    std::string text = keys;
    if (text.empty()) {
        for (const std::string& k : DefaultMomentumKeys(game)) {
            text.append(text.empty() ? "" : ",").append(k);
        }
    }
    Result<std::vector<PathMarket>> markets = ParsePathMarkets(text, game);
    if (!markets.ok()) {
        return Status(markets.status().code(), "markets: " + markets.status().message());
    }
    return PlanWithPath(game, std::move(markets).value());
}

Result<nlohmann::json> MomentumMarkets(const GameSpec& game, const std::string& keys, const RunConfig& run,
                                       double margin, odds::MarginMethod method) {
    if (!(margin >= 0.0 && margin < 0.5)) {
        return InvalidArgument("margin", "expected a number in [0, 0.5)");
    }
    Result<MomentumPlan> plan = PlanMomentumMarkets(game, keys);
    if (!plan.ok()) {
        return plan.status();
    }
    Result<std::vector<MarketPrices>> prices = PriceMarkets(game, plan->markets, run);
    if (!prices.ok()) {
        return prices.status();
    }
    return MomentumBookJson(*plan, *prices, margin, method);
}

} // namespace simbook::whatif
