#include "futures/futures_api.hpp"

#include "futures/outrights.hpp"
#include "futures/season.hpp"
#include "futures/season_data.hpp"
#include "models/json_fields.hpp"
#include "models/soccer_model.hpp"
#include "odds/margin.hpp"

#include <algorithm>
#include <limits>
#include <optional>

namespace simbook::futures {
namespace {

using models::IntField;
using models::StringField;

Result<std::vector<TableRow>> ParseTable(const nlohmann::json& table) {
    if (!table.is_array()) {
        return InvalidArgument("table", "must be an array of {team, played, points, gf, ga}");
    }
    std::vector<TableRow> rows;
    for (std::size_t i = 0; i < table.size(); ++i) {
        const nlohmann::json& row = table[i];
        const std::string path = "table[" + std::to_string(i) + "]";
        if (!row.is_object()) {
            return InvalidArgument(path, "must be an object {team, played, points, gf, ga}");
        }
        if (Status known = models::CheckKnownFields(row, {"team", "played", "points", "gf", "ga"}, path); !known.ok()) {
            return known;
        }
        TableRow r;
        const Result<std::string> team = StringField(row, "team", std::nullopt, path);
        if (!team.ok()) {
            return team.status();
        }
        r.team = team.value();
        int* targets[] = {&r.played, &r.points, &r.goals_for, &r.goals_against};
        const char* keys[] = {"played", "points", "gf", "ga"};
        for (int k = 0; k < 4; ++k) {
            // Negative values are read here and refused by ValidateLeagueSeason with the team's name.
            const Result<std::int64_t> value = IntField(row, keys[k], 0, path, -1'000'000, 1'000'000);
            if (!value.ok()) {
                return value.status();
            }
            *targets[k] = static_cast<int>(value.value());
        }
        rows.push_back(std::move(r));
    }
    return rows;
}

Result<std::vector<Fixture>> ParseFixtures(const nlohmann::json& fixtures) {
    if (!fixtures.is_array()) {
        return InvalidArgument("fixtures", "must be an array of {home, away[, home_xg, away_xg]}");
    }
    std::vector<Fixture> out;
    for (std::size_t i = 0; i < fixtures.size(); ++i) {
        const nlohmann::json& f = fixtures[i];
        const std::string path = "fixtures[" + std::to_string(i) + "]";
        if (!f.is_object()) {
            return InvalidArgument(path, "must be an object {home, away[, home_xg, away_xg]}");
        }
        if (Status known = models::CheckKnownFields(f, {"home", "away", "home_xg", "away_xg"}, path); !known.ok()) {
            return known;
        }
        Fixture fx;
        const Result<std::string> home = StringField(f, "home", std::nullopt, path);
        if (!home.ok()) {
            return home.status();
        }
        const Result<std::string> away = StringField(f, "away", std::nullopt, path);
        if (!away.ok()) {
            return away.status();
        }
        fx.home = home.value();
        fx.away = away.value();
        if (f.contains("home_xg") != f.contains("away_xg")) {
            return InvalidArgument(path + (f.contains("home_xg") ? ".away_xg" : ".home_xg"),
                                   "required with the other team's xg");
        }
        if (f.contains("home_xg")) {
            const Result<double> hx = models::NumberField(f, "home_xg", 0.0, path, 1e-6, 15.0);
            if (!hx.ok()) {
                return hx.status();
            }
            const Result<double> ax = models::NumberField(f, "away_xg", 0.0, path, 1e-6, 15.0);
            if (!ax.ok()) {
                return ax.status();
            }
            fx.home_xg = hx.value();
            fx.away_xg = ax.value();
        }
        out.push_back(std::move(fx));
    }
    return out;
}

Result<Positions> ParsePositions(const nlohmann::json& body) {
    Positions p;
    const auto it = body.find("positions");
    if (it == body.end()) {
        return p;
    }
    if (!it->is_object()) {
        return InvalidArgument("positions", "must be an object {title, top4, relegation}");
    }
    if (Status known = models::CheckKnownFields(*it, {"title", "top4", "relegation"}, "positions"); !known.ok()) {
        return known;
    }
    const Result<std::int64_t> title = IntField(*it, "title", 1, "positions", 1, 1000);
    const Result<std::int64_t> top = IntField(*it, "top4", 4, "positions", 1, 1000);
    const Result<std::int64_t> down = IntField(*it, "relegation", 3, "positions", 0, 1000);
    for (const auto* r : {&title, &top, &down}) {
        if (!r->ok()) {
            return r->status();
        }
    }
    p.title = static_cast<int>(title.value());
    p.top = static_cast<int>(top.value());
    p.relegation = static_cast<int>(down.value());
    return p;
}

nlohmann::json EstimateJson(const odds::Estimate& e) {
    return {{"probability", e.probability}, {"std_error", e.std_error}};
}

nlohmann::json Optional(const std::optional<double>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

} // namespace

Result<nlohmann::json> FuturesRequest(const nlohmann::json& body, const FuturesContext& ctx) {
    if (!body.is_object()) {
        return InvalidArgument("body", "must be a JSON object");
    }
    if (Status known = models::CheckKnownFields(body,
                                                {"league", "table", "fixtures", "season", "as_of", "positions",
                                                 "seasons", "seed", "margin", "method", "state_effects", "model"},
                                                "");
        !known.ok()) {
        return known;
    }
    const bool explicit_table = body.contains("table") || body.contains("fixtures");
    const bool from_data = body.contains("season") || body.contains("as_of");
    if (explicit_table && from_data) {
        return InvalidArgument("season", "give either table and fixtures, or season and as_of, not both");
    }
    if (!explicit_table && !from_data) {
        return InvalidArgument("table", "required (with fixtures), or season and as_of");
    }
    const Result<std::string> league = StringField(body, "league", std::string(), "");
    if (!league.ok()) {
        return league.status();
    }
    // The default is the server's limit when that is lower: a body without "seasons" runs within it too.
    const auto max_seasons = static_cast<std::int64_t>(ctx.max_seasons);
    const Result<std::int64_t> seasons =
        IntField(body, "seasons", std::min<std::int64_t>(100'000, max_seasons), "", 1, max_seasons);
    if (!seasons.ok()) {
        return seasons.status();
    }
    const Result<std::uint64_t> seed =
        models::UnsignedField(body, "seed", 7, "", 0, std::numeric_limits<std::uint64_t>::max());
    if (!seed.ok()) {
        return seed.status();
    }
    const Result<double> margin = models::NumberField(body, "margin", 0.05, "", 0.0, 0.4999);
    if (!margin.ok()) {
        return margin.status();
    }
    const Result<std::string> method_name = StringField(body, "method", std::string("multiplicative"), "");
    if (!method_name.ok()) {
        return method_name.status();
    }
    const Result<odds::MarginMethod> method = odds::ParseMarginMethod(method_name.value());
    if (!method.ok()) {
        return InvalidArgument("method", method.status().message());
    }
    const Result<Positions> positions = ParsePositions(body);
    if (!positions.ok()) {
        return positions.status();
    }
    models::SoccerModel match_model;
    if (const auto it = body.find("model"); it != body.end()) {
        Result<models::SoccerModel> parsed = models::SoccerModelFromJson(*it);
        if (!parsed.ok()) {
            return InvalidArgument("model", parsed.status().message());
        }
        match_model = parsed.value();
    }
    if (const auto it = body.find("state_effects"); it != body.end()) {
        if (!it->is_boolean()) {
            return InvalidArgument("state_effects", it->dump() + " is not true or false");
        }
        if (!it->get<bool>()) {
            match_model = match_model.WithoutStateEffects();
        }
    }

    LeagueSeason season;
    std::optional<DataSeason> data;
    if (from_data) {
        if (league.value().empty()) {
            return InvalidArgument("league", "required with season and as_of");
        }
        const Result<std::string> label = StringField(body, "season", std::nullopt, "");
        if (!label.ok()) {
            return label.status();
        }
        const Result<std::string> as_of = StringField(body, "as_of", std::nullopt, "");
        if (!as_of.ok()) {
            return as_of.status();
        }
        Result<DataSeason> built = LeagueSeasonFromData(ctx.data_dir, league.value(), label.value(), as_of.value());
        if (!built.ok()) {
            return built.status();
        }
        data = std::move(built).value();
        season = data->season;
    } else {
        if (!body.contains("table")) {
            return InvalidArgument("table", "required with fixtures");
        }
        if (!body.contains("fixtures")) {
            return InvalidArgument("fixtures", "required with table (an empty array when the season is over)");
        }
        Result<std::vector<TableRow>> table = ParseTable(body.at("table"));
        if (!table.ok()) {
            return table.status();
        }
        Result<std::vector<Fixture>> fixtures = ParseFixtures(body.at("fixtures"));
        if (!fixtures.ok()) {
            return fixtures.status();
        }
        season.league = league.value();
        season.table = std::move(table).value();
        season.fixtures = std::move(fixtures).value();
    }
    season.positions = positions.value();
    // Defaults that do not fit a small league shrink to it; positions given explicitly are checked as given.
    const nlohmann::json given = body.value("positions", nlohmann::json::object());
    const int n_teams = static_cast<int>(season.table.size());
    if (!given.contains("top4")) {
        season.positions.top = std::max(1, std::min(season.positions.top, n_teams - 1));
    }
    if (!given.contains("relegation")) {
        season.positions.relegation = std::max(0, std::min(season.positions.relegation, n_teams - 1));
    }
    season.match_model = match_model;
    // Validate before reading any model file so that bad input names its own field first.
    if (Status valid = ValidateLeagueSeason(season); !valid.ok()) {
        return valid;
    }
    if (Status resolved = ResolveFixtureXg(season, ctx.params_dir); !resolved.ok()) {
        return resolved;
    }
    SeasonSimulationOptions options;
    options.seasons = static_cast<std::uint64_t>(seasons.value());
    options.seed = seed.value();
    options.launch = {ctx.backend, ctx.threads};
    options.shares = ctx.shares;
    Result<SeasonForecast> forecast = SimulateSeasons(season, options);
    if (!forecast.ok()) {
        return forecast.status();
    }
    Result<std::vector<OutrightMarket>> markets =
        PriceOutrights(forecast.value(), season.positions, margin.value(), method.value());
    if (!markets.ok()) {
        return markets.status();
    }

    const SeasonForecast& f = forecast.value();
    nlohmann::json out;
    out["league"] = season.league;
    out["seasons"] = f.seasons;
    out["invalid_seasons"] = f.invalid_seasons;
    out["seed"] = seed.value();
    out["matches_simulated"] = f.matches;
    out["seconds"] = f.seconds;
    out["backend"] = std::string(kernels::BackendName(f.backend));
    out["state_effects"] = !(match_model.leading_mult == 1.0 && match_model.trailing_mult == 1.0 &&
                             match_model.home_reds_per_match == 0.0 && match_model.away_reds_per_match == 0.0);
    out["tie_breaks"] = {"points", "goal_difference", "goals_for", "lottery"};
    out["positions"] = {
        {"title", season.positions.title}, {"top4", season.positions.top}, {"relegation", season.positions.relegation}};
    if (data) {
        out["source"] = {{"kind", "data"},           {"season", data->season_label}, {"as_of", data->as_of},
                         {"ratings", data->ratings}, {"new_teams", data->new_teams}, {"new_team_prior", kNewTeamPrior}};
    } else {
        out["source"] = {{"kind", "table"}};
    }
    nlohmann::json teams = nlohmann::json::array();
    for (std::size_t i = 0; i < f.teams.size(); ++i) {
        const TeamForecast& t = f.teams[i];
        const TableRow& row = season.table[i];
        nlohmann::json team{{"team", t.team},
                            {"played", row.played},
                            {"points", row.points},
                            {"gf", row.goals_for},
                            {"ga", row.goals_against},
                            {"remaining", t.remaining},
                            {"expected_points", t.expected_points},
                            {"expected_points_se", t.expected_points_se},
                            {"points_sd", t.points_sd},
                            {"title", EstimateJson(t.title)},
                            {"top4", EstimateJson(t.top)},
                            {"relegation", EstimateJson(t.relegation)},
                            {"positions", t.position_probability}};
        double mean_place = 0.0;
        for (std::size_t k = 0; k < t.position_probability.size(); ++k) {
            mean_place += static_cast<double>(k + 1) * t.position_probability[k];
        }
        team["expected_position"] = mean_place;
        if (data) {
            team["actual_position"] = data->actual_position[i];
        }
        teams.push_back(std::move(team));
    }
    out["teams"] = std::move(teams);
    nlohmann::json list = nlohmann::json::array();
    for (const OutrightMarket& m : markets.value()) {
        nlohmann::json market{{"market", m.key},
                              {"places", m.places},
                              {"margin", margin.value()},
                              {"method", std::string(odds::ToString(method.value()))},
                              {"overround", m.overround}};
        if (!m.note.empty()) {
            market["note"] = m.note;
        }
        nlohmann::json outcomes = nlohmann::json::array();
        for (const OutrightOutcome& o : m.outcomes) {
            outcomes.push_back({{"team", o.team},
                                {"probability", o.fair.probability},
                                {"std_error", o.fair.std_error},
                                {"fair_decimal", Optional(o.fair_decimal)},
                                {"decimal", Optional(o.decimal)}});
        }
        market["outcomes"] = std::move(outcomes);
        list.push_back(std::move(market));
    }
    out["markets"] = std::move(list);
    return out;
}

} // namespace simbook::futures
