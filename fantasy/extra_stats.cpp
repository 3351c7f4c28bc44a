#include "fantasy/extra_stats.hpp"

#include "models/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

namespace simbook::fantasy {

const ExtraRates& ExtraRateTable::Of(const std::string& name) const {
    const auto it = players.find(name);
    return it == players.end() ? league : it->second;
}

namespace {

Result<ExtraRates> RatesFromJson(const nlohmann::json& j, const std::string& path) {
    ExtraRates r;
    const char* names[3] = {"stl_pct", "blk_pct", "tov_pct"};
    double* fields[3] = {&r.stl_pct, &r.blk_pct, &r.tov_pct};
    for (int i = 0; i < 3; ++i) {
        if (!j.contains(names[i]) || !j[names[i]].is_number() || !(j[names[i]].get<double>() >= 0.0) ||
            !(j[names[i]].get<double>() <= 100.0)) {
            return InvalidArgument(path + "." + names[i], "expected a percentage in [0, 100]");
        }
        *fields[i] = j[names[i]].get<double>();
    }
    return r;
}

// Shot chances per possession (offensive rebounds add chances) and field-goal attempts per chance.
double ChancesPerPossession(const models::TeamModel& t) {
    const double fg = (1.0 - t.three_rate) * t.two_pct + t.three_rate * t.three_pct;
    const double miss = (1.0 - t.turnover_rate) * (1.0 - t.ft_trip_rate) * (1.0 - fg);
    return 1.0 / (1.0 - miss * t.off_rebound_pct);
}
double AttemptsPerChance(const models::TeamModel& t) {
    return (1.0 - t.turnover_rate) * (1.0 - t.ft_trip_rate);
}

} // namespace

Result<ExtraRateTable> LoadExtraRates(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        return Status{StatusCode::kUnavailable, path + ": cannot read the steal/block/turnover rates"};
    }
    const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("league") || !j.contains("players") ||
        !j["players"].is_object()) {
        return InvalidArgument(path, "expected {\"league\": rates, \"players\": {name: rates}}");
    }
    ExtraRateTable table;
    auto league = RatesFromJson(j["league"], path + ".league");
    if (!league.ok()) {
        return league.status();
    }
    table.league = *league;
    for (const auto& [name, value] : j["players"].items()) {
        auto r = RatesFromJson(value, path + ".players." + name);
        if (!r.ok()) {
            return r.status();
        }
        table.players.emplace(name, *r);
    }
    Result<std::string> source = models::TextField(j, "source", path, path);
    if (!source.ok()) {
        return source.status();
    }
    table.source = std::move(source).value();
    return table;
}

std::array<double, 3> ExpectedExtras(const models::PlayerModel& player, const models::TeamModel& own,
                                     const models::TeamModel& opponent, const ExtraRates& rates) {
    const double share = player.minutes / 48.0;
    // The kernel plays both teams at one pace; the matchup gives both the same value.
    const double possessions = 0.5 * (own.pace + opponent.pace);
    const double opp_two_attempts =
        possessions * ChancesPerPossession(opponent) * AttemptsPerChance(opponent) * (1.0 - opponent.three_rate);
    const double own_plays = possessions * ChancesPerPossession(own) * player.usage;
    return {rates.stl_pct / 100.0 * possessions * share, rates.blk_pct / 100.0 * opp_two_attempts * share,
            rates.tov_pct / 100.0 * own_plays * share};
}

std::uint64_t ExtraStatsSeed(std::uint64_t game_seed) {
    // splitmix64 finaliser of a tagged seed.
    std::uint64_t z = game_seed ^ 0x5ea1b10c75a11ULL;
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

int PoissonInverse(double mean, double uniform) {
    if (!(mean > 0.0)) {
        return 0;
    }
    double p = std::exp(-mean);
    double cdf = p;
    int k = 0;
    while (uniform > cdf && k < 255) {
        ++k;
        p *= mean / k;
        cdf += p;
    }
    return k;
}

} // namespace simbook::fantasy
