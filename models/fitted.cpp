#include "models/fitted.hpp"

#include "models/basketball_fit.hpp"
#include "models/dixon_coles.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

namespace simbook::models {

Result<SoccerModel> FittedSoccerMatch(const std::string& params_dir, const std::string& league, const std::string& home,
                                      const std::string& away, bool neutral) {
    std::string path = params_dir;
    path.append("/soccer/").append(league).append(".json");
    std::ifstream in(path);
    const nlohmann::json file = nlohmann::json::parse(in, nullptr, false);
    if (!in.is_open() || file.is_discarded()) {
        return Status(StatusCode::kUnavailable, "no readable fitted model for league '" + league + "' at " + path);
    }
    Result<DixonColesModel> fitted = DixonColesModelFromJson(file);
    if (!fitted.ok()) {
        return Status(StatusCode::kUnavailable, path + ": " + fitted.status().message());
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
