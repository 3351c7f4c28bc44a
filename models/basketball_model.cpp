#include "models/basketball_model.hpp"

#include "models/json_fields.hpp"

#include <boost/math/distributions/normal.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <string>

namespace simbook::models {
namespace {

namespace kb = kernels::basketball;

constexpr double kTwo32 = 4294967296.0;
constexpr std::uint32_t kPlayerScale = 65536;

std::uint32_t ToThreshold32(double cumulative) {
    const double scaled = std::round(cumulative * kTwo32);
    return scaled >= kTwo32 - 1.0 ? 0xffffffffu : static_cast<std::uint32_t>(scaled < 0.0 ? 0.0 : scaled);
}

//! Cumulative 16-bit thresholds for picking a player by weight (by minutes when all weights are zero), each
//! player's slice scaled by total_mass (< 1 leaves the rest to "nobody"); unused slots hold 65536.
void FillPlayerThresholds(std::vector<double> weights, const std::vector<double>& minutes, double total_mass,
                          std::uint32_t (&out)[kb::kMaxPlayers]) {
    double sum = 0.0;
    for (double w : weights) {
        sum += w;
    }
    if (!(sum > 0.0)) {
        weights = minutes;
        sum = 0.0;
        for (double w : weights) {
            sum += w;
        }
    }
    double cumulative = 0.0;
    for (int j = 0; j < kb::kMaxPlayers; ++j) {
        if (j < static_cast<int>(weights.size())) {
            cumulative += sum > 0.0 ? weights[static_cast<std::size_t>(j)] / sum * total_mass : 0.0;
            out[j] = static_cast<std::uint32_t>(std::lround(cumulative * kPlayerScale));
        } else {
            out[j] = kPlayerScale;
        }
    }
    if (total_mass == 1.0) {
        out[weights.size() - 1] = kPlayerScale; // rounding must not leave a gap at the top
    }
}

Status ValidateTeam(const TeamModel& t, const std::string& side) {
    const std::pair<const char*, double> rates[] = {{"turnover_rate", t.turnover_rate},
                                                    {"three_rate", t.three_rate},
                                                    {"ft_trip_rate", t.ft_trip_rate},
                                                    {"two_pct", t.two_pct},
                                                    {"three_pct", t.three_pct},
                                                    {"ft_pct", t.ft_pct},
                                                    {"off_rebound_pct", t.off_rebound_pct},
                                                    {"assist_rate", t.assist_rate}};
    for (const auto& [name, value] : rates) {
        if (!InRange(value, 0.0, 1.0)) {
            return InvalidArgument(side + "." + name, std::to_string(value) + " is not a probability in [0, 1]");
        }
    }
    if (!(t.turnover_rate < 1.0)) {
        return InvalidArgument(side + ".turnover_rate", "must be below 1");
    }
    if (!(t.off_rebound_pct < 0.95)) {
        return InvalidArgument(side + ".off_rebound_pct", "must be below 0.95");
    }
    if (!InRange(t.pace, 60.0, 140.0)) {
        return InvalidArgument(side + ".pace", std::to_string(t.pace) + " is outside [60, 140] possessions");
    }
    if (t.players.empty() || t.players.size() > static_cast<std::size_t>(kb::kMaxPlayers)) {
        return InvalidArgument(side + ".players", "a team needs 1 to " + std::to_string(kb::kMaxPlayers) + " players");
    }
    double minutes = 0.0;
    for (std::size_t i = 0; i < t.players.size(); ++i) {
        const PlayerModel& p = t.players[i];
        const std::string field = side + ".players[" + std::to_string(i) + "]";
        if (!InRange(p.minutes, 0.0, 60.0)) {
            return InvalidArgument(field + ".minutes", std::to_string(p.minutes) + " is outside [0, 60]");
        }
        const std::pair<const char*, double> shares[] = {{"usage", p.usage},
                                                         {"three_rate", p.three_rate},
                                                         {"rebound_pct", p.rebound_pct},
                                                         {"assist_pct", p.assist_pct}};
        for (const auto& [name, value] : shares) {
            if (!InRange(value, 0.0, 1.0)) {
                return InvalidArgument(field + "." + name, std::to_string(value) + " is outside [0, 1]");
            }
        }
        if (!InRange(p.ft_rate, 0.0, 5.0)) {
            return InvalidArgument(field + ".ft_rate", std::to_string(p.ft_rate) + " is outside [0, 5]");
        }
        minutes += p.minutes;
    }
    if (!(minutes > 0.0)) {
        return InvalidArgument(side + ".players", "total minutes must be positive");
    }
    return Status::Ok();
}

double ShiftLogOdds(double p, double x) {
    if (x == 0.0 || p <= 0.0 || p >= 1.0) {
        return p;
    }
    return 1.0 / (1.0 + std::exp(-(std::log(p / (1.0 - p)) + x)));
}

//! Cumulative chance thresholds of an offence (its make rates already shifted for the lead).
void FillChanceThresholds(const TeamModel& t, std::uint32_t (&out)[kb::kChanceOutcomes - 1]) {
    const double live = 1.0 - t.turnover_rate;
    const double fga = live * (1.0 - t.ft_trip_rate);
    const double two = fga * (1.0 - t.three_rate);
    const double three = fga * t.three_rate;
    const double trip = live * t.ft_trip_rate;
    const double orb = t.off_rebound_pct;
    const double ft = t.ft_pct;
    const double probability[kb::kChanceOutcomes] = {t.turnover_rate,
                                                     two * t.two_pct,
                                                     two * (1 - t.two_pct) * orb,
                                                     two * (1 - t.two_pct) * (1 - orb),
                                                     three * t.three_pct,
                                                     three * (1 - t.three_pct) * orb,
                                                     three * (1 - t.three_pct) * (1 - orb),
                                                     trip * (1 - ft) * (1 - ft),
                                                     trip * 2 * ft * (1 - ft),
                                                     trip * ft * ft};
    double cumulative = 0.0;
    for (int i = 0; i < kb::kChanceOutcomes - 1; ++i) {
        cumulative += probability[i];
        out[i] = ToThreshold32(cumulative);
    }
}

kb::BasketballTeamParams MakeTeamParams(const TeamModel& t, double lead_pull) {
    kb::BasketballTeamParams p{};
    for (int row = 0; row < kb::kLeadRows; ++row) {
        TeamModel shifted = t;
        const double x = -lead_pull * (row - kb::kLeadCap);
        shifted.two_pct = ShiftLogOdds(t.two_pct, x);
        shifted.three_pct = ShiftLogOdds(t.three_pct, x);
        FillChanceThresholds(shifted, p.chance_threshold[row]);
    }

    std::vector<double> two_w, three_w, ft_w, reb_w, ast_w, minutes;
    for (const PlayerModel& pl : t.players) {
        const double use = pl.minutes * pl.usage;
        two_w.push_back(use * (1.0 - pl.three_rate));
        three_w.push_back(use * pl.three_rate);
        ft_w.push_back(use * pl.ft_rate);
        reb_w.push_back(pl.minutes * pl.rebound_pct);
        ast_w.push_back(pl.minutes * pl.assist_pct);
        minutes.push_back(pl.minutes);
    }
    FillPlayerThresholds(two_w, minutes, 1.0, p.shooter[0]);
    FillPlayerThresholds(three_w, minutes, 1.0, p.shooter[1]);
    FillPlayerThresholds(ft_w, minutes, 1.0, p.shooter[2]);
    FillPlayerThresholds(reb_w, minutes, 1.0, p.rebounder);
    const int n = static_cast<int>(t.players.size());
    for (int shooter = 0; shooter < kb::kMaxPlayers; ++shooter) {
        if (shooter >= n) {
            for (std::uint32_t& threshold : p.assister[shooter]) {
                threshold = kPlayerScale;
            }
            continue;
        }
        std::vector<double> others = ast_w;
        others[static_cast<std::size_t>(shooter)] = 0.0;
        double sum = 0.0;
        for (double w : others) {
            sum += w;
        }
        // A shooter whose teammates never assist (or who plays alone) is unassisted.
        FillPlayerThresholds(others, std::vector<double>(others.size(), 0.0), sum > 0.0 ? t.assist_rate : 0.0,
                             p.assister[shooter]);
    }
    p.players = n;
    return p;
}

} // namespace

BasketballModel ExampleBasketballModel() {
    BasketballModel m;
    m.home = {"Boston", 97.5, 0.115, 0.47, 0.11, 0.56, 0.388, 0.80, 0.25, 0.60, {}};
    m.home.players = {{"Jayson Tatum", 35.7, 0.30, 0.43, 0.28, 0.125, 0.22},
                      {"Jaylen Brown", 33.5, 0.29, 0.33, 0.25, 0.085, 0.17},
                      {"Kristaps Porzingis", 29.6, 0.26, 0.38, 0.33, 0.12, 0.08},
                      {"Derrick White", 32.6, 0.17, 0.57, 0.15, 0.065, 0.20},
                      {"Jrue Holiday", 32.8, 0.15, 0.45, 0.10, 0.09, 0.18},
                      {"Al Horford", 26.8, 0.12, 0.66, 0.08, 0.12, 0.14},
                      {"Sam Hauser", 22.0, 0.15, 0.85, 0.05, 0.07, 0.06},
                      {"Payton Pritchard", 22.0, 0.17, 0.60, 0.08, 0.06, 0.17},
                      {"Luke Kornet", 15.0, 0.12, 0.02, 0.30, 0.15, 0.07},
                      {"Xavier Tillman", 10.0, 0.15, 0.50, 0.10, 0.10, 0.07}};
    m.away = {"Denver", 97.0, 0.12, 0.34, 0.11, 0.56, 0.375, 0.77, 0.26, 0.68, {}};
    m.away.players = {{"Nikola Jokic", 34.6, 0.31, 0.15, 0.28, 0.21, 0.42},
                      {"Jamal Murray", 35.0, 0.27, 0.40, 0.15, 0.06, 0.30},
                      {"Michael Porter Jr.", 31.7, 0.19, 0.55, 0.11, 0.12, 0.06},
                      {"Aaron Gordon", 31.5, 0.17, 0.10, 0.38, 0.09, 0.14},
                      {"Kentavious Caldwell-Pope", 31.6, 0.14, 0.60, 0.11, 0.04, 0.09},
                      {"Christian Braun", 20.0, 0.15, 0.30, 0.20, 0.08, 0.07},
                      {"Reggie Jackson", 22.0, 0.19, 0.40, 0.12, 0.05, 0.30},
                      {"Peyton Watson", 15.0, 0.16, 0.40, 0.20, 0.09, 0.10},
                      {"DeAndre Jordan", 10.0, 0.13, 0.00, 0.50, 0.17, 0.08},
                      {"Julian Strawther", 12.0, 0.20, 0.55, 0.10, 0.06, 0.07}};
    m.pace_sd = 4.0;
    return m;
}

Result<kb::BasketballParams> MakeBasketballParams(const BasketballModel& model) {
    if (Status s = ValidateTeam(model.home, "home"); !s.ok()) {
        return s;
    }
    if (Status s = ValidateTeam(model.away, "away"); !s.ok()) {
        return s;
    }
    if (!InRange(model.pace_sd, 0.0, 15.0)) {
        return InvalidArgument("pace_sd", std::to_string(model.pace_sd) + " is outside [0, 15]");
    }
    if (!InRange(model.lead_pull, 0.0, 0.05)) {
        return InvalidArgument("lead_pull", std::to_string(model.lead_pull) + " is outside [0, 0.05]");
    }
    kb::BasketballParams p{};
    p.team[0] = MakeTeamParams(model.home, model.lead_pull);
    p.team[1] = MakeTeamParams(model.away, model.lead_pull);
    const double mean = 0.5 * (model.home.pace + model.away.pace);
    const int centre = static_cast<int>(std::lround(mean));
    p.pace_min = centre - kb::kPaceValues / 2;
    std::array<double, kb::kPaceValues> mass{};
    if (model.pace_sd > 0.0) {
        const boost::math::normal_distribution<double> normal(mean, model.pace_sd);
        double total = 0.0;
        for (int k = 0; k < kb::kPaceValues; ++k) {
            const double n = p.pace_min + k;
            mass[static_cast<std::size_t>(k)] = boost::math::cdf(normal, n + 0.5) - boost::math::cdf(normal, n - 0.5);
            total += mass[static_cast<std::size_t>(k)];
        }
        for (double& m : mass) {
            m /= total;
        }
    } else {
        mass[kb::kPaceValues / 2] = 1.0;
    }
    double cumulative = 0.0;
    for (int k = 0; k < kb::kPaceValues - 1; ++k) {
        cumulative += mass[static_cast<std::size_t>(k)];
        p.pace_threshold[k] = ToThreshold32(cumulative);
    }
    return p;
}

namespace {
template <std::size_t N, std::size_t M>
std::array<double, N> MassesFromThresholds(const std::uint32_t (&thresholds)[M]) {
    static_assert(N == M + 1);
    std::array<double, N> mass{};
    double previous = 0.0;
    for (std::size_t i = 0; i < M; ++i) {
        mass[i] = (thresholds[i] - previous) / kTwo32;
        previous = thresholds[i];
    }
    mass[M] = (kTwo32 - previous) / kTwo32;
    return mass;
}
} // namespace

std::array<double, kb::kChanceOutcomes> ChanceProbabilities(const kb::BasketballTeamParams& team, int lead_row) {
    SIMBOOK_REQUIRE(lead_row >= 0 && lead_row < kb::kLeadRows, "lead row out of range");
    return MassesFromThresholds<kb::kChanceOutcomes>(team.chance_threshold[lead_row]);
}

bool LeadIndependent(const kb::BasketballParams& params) {
    for (const kb::BasketballTeamParams& team : params.team) {
        for (int row = 0; row < kb::kLeadRows; ++row) {
            for (int i = 0; i < kb::kChanceOutcomes - 1; ++i) {
                if (team.chance_threshold[row][i] != team.chance_threshold[kb::kLeadCap][i]) {
                    return false;
                }
            }
        }
    }
    return true;
}

std::array<double, kb::kPaceValues> PaceProbabilities(const kb::BasketballParams& params) {
    return MassesFromThresholds<kb::kPaceValues>(params.pace_threshold);
}

namespace {

Result<TeamModel> TeamFromJson(const nlohmann::json& j, const std::string& side) {
    if (!j.is_object()) {
        return InvalidArgument(side, "expected a team object");
    }
    if (Status s = CheckKnownFields(j,
                                    {"name", "pace", "turnover_rate", "three_rate", "ft_trip_rate", "two_pct",
                                     "three_pct", "ft_pct", "off_rebound_pct", "assist_rate", "players"},
                                    side);
        !s.ok()) {
        return s;
    }
    TeamModel t;
    Result<std::string> name = TextField(j, "name", side, side);
    if (!name.ok()) {
        return name.status();
    }
    t.name = std::move(name).value();
    std::vector<std::pair<const char*, double*>> fields{{"pace", &t.pace}};
    for (const auto& field : TeamRateFields(t)) {
        fields.push_back(field);
    }
    for (const auto& [name, target] : fields) {
        Result<double> value = NumberField(j, name, *target, side);
        if (!value.ok()) {
            return value.status();
        }
        *target = value.value();
    }
    const auto players = j.find("players");
    if (players == j.end() || !players->is_array()) {
        return InvalidArgument(side + ".players", "expected an array of players");
    }
    for (std::size_t i = 0; i < players->size(); ++i) {
        const nlohmann::json& pj = (*players)[i];
        const std::string path = side + ".players[" + std::to_string(i) + "]";
        if (!pj.is_object() || !pj.contains("name") || !pj["name"].is_string()) {
            return InvalidArgument(path, "expected an object with a string name");
        }
        if (Status s = CheckKnownFields(
                pj, {"name", "minutes", "usage", "three_rate", "ft_rate", "rebound_pct", "assist_pct"}, path);
            !s.ok()) {
            return s;
        }
        PlayerModel p;
        p.name = pj["name"].get<std::string>();
        const std::pair<const char*, double*> pfields[] = {
            {"minutes", &p.minutes},         {"usage", &p.usage},
            {"three_rate", &p.three_rate},   {"ft_rate", &p.ft_rate},
            {"rebound_pct", &p.rebound_pct}, {"assist_pct", &p.assist_pct}};
        for (const auto& [name, target] : pfields) {
            Result<double> value = NumberField(pj, name, *target, path);
            if (!value.ok()) {
                return value.status();
            }
            *target = value.value();
        }
        t.players.push_back(p);
    }
    return t;
}

nlohmann::json TeamToJson(const TeamModel& t) {
    nlohmann::json players = nlohmann::json::array();
    for (const PlayerModel& p : t.players) {
        players.push_back({{"name", p.name},
                           {"minutes", p.minutes},
                           {"usage", p.usage},
                           {"three_rate", p.three_rate},
                           {"ft_rate", p.ft_rate},
                           {"rebound_pct", p.rebound_pct},
                           {"assist_pct", p.assist_pct}});
    }
    return {{"name", t.name},
            {"pace", t.pace},
            {"turnover_rate", t.turnover_rate},
            {"three_rate", t.three_rate},
            {"ft_trip_rate", t.ft_trip_rate},
            {"two_pct", t.two_pct},
            {"three_pct", t.three_pct},
            {"ft_pct", t.ft_pct},
            {"off_rebound_pct", t.off_rebound_pct},
            {"assist_rate", t.assist_rate},
            {"players", players}};
}

} // namespace

Result<BasketballModel> BasketballModelFromJson(const nlohmann::json& json) {
    if (!json.is_object()) {
        return InvalidArgument("params", "expected a JSON object with home and away teams");
    }
    if (Status s = CheckKnownFields(json, {"home", "away", "pace_sd", "lead_pull"}, "params"); !s.ok()) {
        return s;
    }
    if (!json.contains("home") || !json.contains("away")) {
        return InvalidArgument("params", "both home and away teams are required");
    }
    BasketballModel m;
    Result<TeamModel> home = TeamFromJson(json["home"], "home");
    if (!home.ok()) {
        return home.status();
    }
    Result<TeamModel> away = TeamFromJson(json["away"], "away");
    if (!away.ok()) {
        return away.status();
    }
    m.home = std::move(home).value();
    m.away = std::move(away).value();
    Result<double> pace_sd = NumberField(json, "pace_sd", m.pace_sd, "params");
    if (!pace_sd.ok()) {
        return pace_sd.status();
    }
    m.pace_sd = pace_sd.value();
    Result<double> lead_pull = NumberField(json, "lead_pull", m.lead_pull, "params");
    if (!lead_pull.ok()) {
        return lead_pull.status();
    }
    m.lead_pull = lead_pull.value();
    if (Result<kb::BasketballParams> check = MakeBasketballParams(m); !check.ok()) {
        return check.status();
    }
    return m;
}

nlohmann::json ToJson(const BasketballModel& model) {
    return {{"home", TeamToJson(model.home)},
            {"away", TeamToJson(model.away)},
            {"pace_sd", model.pace_sd},
            {"lead_pull", model.lead_pull}};
}

} // namespace simbook::models
