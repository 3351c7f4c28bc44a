#include "models/fitted.hpp"

#include "models/basketball_fit.hpp"
#include "models/dixon_coles.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>

namespace simbook::models {

namespace {

bool IsLeagueKey(const std::string& league) {
    return !league.empty() && league.size() <= 64 && std::all_of(league.begin(), league.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

} // namespace

Result<DixonColesModel> LoadSoccerLeague(const std::string& params_dir, const std::string& league) {
    if (!IsLeagueKey(league)) {
        return Status(StatusCode::kNotFound, "not a league key (1-64 of a-z, 0-9, '-', '_')");
    }
    std::ifstream in(params_dir + "/soccer/" + league + ".json");
    if (!in.is_open()) {
        return Status(StatusCode::kNotFound, "no fitted model for league '" + league + "'");
    }
    const nlohmann::json file = nlohmann::json::parse(in, nullptr, false);
    Result<DixonColesModel> fitted = file.is_discarded()
                                         ? Result<DixonColesModel>(Status(StatusCode::kUnknown, "not JSON"))
                                         : DixonColesModelFromJson(file);
    if (!fitted.ok()) {
        return Status(StatusCode::kUnavailable,
                      "the fitted model for league '" + league + "' is unreadable: " + fitted.status().message());
    }
    return fitted;
}

Result<SoccerModel> FittedSoccerMatch(const std::string& params_dir, const std::string& league, const std::string& home,
                                      const std::string& away, bool neutral) {
    Result<DixonColesModel> fitted = LoadSoccerLeague(params_dir, league);
    if (!fitted.ok()) {
        return fitted.status();
    }
    Result<std::pair<double, double>> xg = SoccerMatchXg(fitted.value(), home, away);
    if (!xg.ok()) {
        return xg.status();
    }
    SoccerModel model;
    model.home_xg = xg.value().first * (neutral ? std::exp(-fitted.value().home_advantage) : 1.0);
    model.away_xg = xg.value().second;
    return model;
}

Result<BasketballModel> FittedNbaMatch(const std::string& params_dir, const std::string& home,
                                       const std::string& away) {
    Result<FittedLeague> league = LoadFittedLeague(params_dir + "/nba/2023-24.json");
    if (!league.ok()) {
        return Status(StatusCode::kUnavailable, league.status().message());
    }
    return MakeMatchup(league.value(), home, away);
}

} // namespace simbook::models
