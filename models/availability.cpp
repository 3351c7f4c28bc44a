#include "models/availability.hpp"

#include "models/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace simbook::models {
namespace {

//! Sets the capped players' minutes and gives the freed minutes to the others (water-filling at 48).
Status Redistribute(TeamModel& team, const std::vector<std::optional<double>>& cap, const std::string& side) {
    double total = 0.0;
    for (const PlayerModel& p : team.players)
        total += p.minutes;
    std::vector<bool> fixed(team.players.size(), false);
    double fixed_minutes = 0.0;
    for (std::size_t i = 0; i < team.players.size(); ++i) {
        if (cap[i] && team.players[i].minutes > *cap[i]) {
            team.players[i].minutes = *cap[i];
        }
        if (cap[i]) {
            fixed[i] = true;
            fixed_minutes += team.players[i].minutes;
        }
    }
    // Scale the free players up to the old total; anyone pushed past 48 is pinned there and the rest rescaled.
    for (std::size_t round = 0; round <= team.players.size(); ++round) {
        double free_minutes = 0.0;
        for (std::size_t i = 0; i < team.players.size(); ++i) {
            if (!fixed[i])
                free_minutes += team.players[i].minutes;
        }
        const double wanted = total - fixed_minutes;
        if (free_minutes <= 0.0 || wanted <= 0.0)
            break;
        const double scale = wanted / free_minutes;
        bool pinned = false;
        for (std::size_t i = 0; i < team.players.size(); ++i) {
            if (fixed[i])
                continue;
            if (team.players[i].minutes * scale > kRegulationMinutes) {
                team.players[i].minutes = kRegulationMinutes;
                fixed[i] = true;
                fixed_minutes += kRegulationMinutes;
                pinned = true;
            }
        }
        if (pinned)
            continue;
        for (std::size_t i = 0; i < team.players.size(); ++i) {
            if (!fixed[i])
                team.players[i].minutes *= scale;
        }
        break;
    }
    double left = 0.0;
    for (const PlayerModel& p : team.players)
        left += p.minutes;
    if (!(left > 0.0))
        return InvalidArgument(side + ".players", "no player left with minutes");
    return Status::Ok();
}

} // namespace

Status ApplyAvailability(BasketballModel& model, const std::vector<AvailabilityOverride>& overrides) {
    std::vector<std::optional<double>> home_cap(model.home.players.size());
    std::vector<std::optional<double>> away_cap(model.away.players.size());
    std::set<std::string> seen;
    for (std::size_t k = 0; k < overrides.size(); ++k) {
        const AvailabilityOverride& o = overrides[k];
        const std::string field = "overrides[" + std::to_string(k) + "]";
        if (!seen.insert(o.player).second)
            return InvalidArgument(field + ".player", o.player + " is named twice");
        double cap = 0.0;
        if (!o.out) {
            if (!o.max_minutes)
                return InvalidArgument(field, "give out: true or max_minutes");
            if (!InRange(*o.max_minutes, 0.0, kRegulationMinutes)) {
                return InvalidArgument(field + ".max_minutes", std::to_string(*o.max_minutes) + " is outside [0, 48]");
            }
            cap = *o.max_minutes;
        }
        bool found = false;
        for (auto [team, caps] : {std::pair{&model.home, &home_cap}, std::pair{&model.away, &away_cap}}) {
            for (std::size_t i = 0; i < team->players.size(); ++i) {
                if (team->players[i].name == o.player) {
                    (*caps)[i] = cap;
                    found = true;
                }
            }
        }
        if (!found)
            return InvalidArgument(field + ".player", o.player + " is in neither roster");
    }
    BasketballModel changed = model;
    if (Status s = Redistribute(changed.home, home_cap, "home"); !s.ok())
        return s;
    if (Status s = Redistribute(changed.away, away_cap, "away"); !s.ok())
        return s;
    model = std::move(changed);
    return Status::Ok();
}

Result<std::vector<AvailabilityOverride>> AvailabilityFromJson(const nlohmann::json& json, const std::string& path) {
    if (!json.is_array())
        return InvalidArgument(path, "must be an array of {player, out?, max_minutes?}");
    std::vector<AvailabilityOverride> out;
    for (std::size_t i = 0; i < json.size(); ++i) {
        const nlohmann::json& item = json[i];
        const std::string field = path + "[" + std::to_string(i) + "]";
        if (!item.is_object())
            return InvalidArgument(field, "must be an object");
        if (Status s = CheckKnownFields(item, {"player", "out", "max_minutes"}, field); !s.ok())
            return s;
        AvailabilityOverride o;
        if (!item.contains("player") || !item["player"].is_string()) {
            return InvalidArgument(field + ".player", "must be a player name");
        }
        o.player = item["player"].get<std::string>();
        if (item.contains("out")) {
            if (!item["out"].is_boolean())
                return InvalidArgument(field + ".out", "must be true or false");
            o.out = item["out"].get<bool>();
        }
        if (item.contains("max_minutes")) {
            Result<double> m = NumberField(item, "max_minutes", 0.0, field, 0.0, kRegulationMinutes);
            if (!m.ok())
                return m.status();
            o.max_minutes = *m;
        }
        if (!o.out && !o.max_minutes)
            return InvalidArgument(field, "give out: true or max_minutes");
        out.push_back(std::move(o));
    }
    return out;
}

} // namespace simbook::models
