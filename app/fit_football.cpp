//! `simbook fit --sport football`: the NFL ratings from the 2011-18 scores and closing lines, walk-forward to a date,
//! written as the fitted file that `--league nfl` loads (models/football_fitted.hpp).
#include "app/fit_command.hpp"
#include "app/game_setup.hpp"
#include "models/football_data.hpp"
#include "models/football_fit.hpp"
#include "models/football_fitted.hpp"
#include "models/soccer_data.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace simbook::app {

namespace {

//! Writes text to path through a temporary file and a rename, and the data's licence beside it as NOTICE (the MIT
//! licence of the scrape asks for its notice in every copy of anything derived).
Status WriteFittedNfl(const std::string& path, const std::string& text, const std::string& data_dir) {
    std::error_code error;
    const std::filesystem::path target(path);
    if (target.has_parent_path()) {
        std::filesystem::create_directories(target.parent_path(), error);
    }
    const std::string temporary = path + ".tmp";
    {
        std::ofstream out(temporary);
        out << text;
        if (!out) {
            std::filesystem::remove(temporary, error);
            return InvalidArgument("--out", path + ": cannot write");
        }
    }
    std::filesystem::rename(temporary, target, error);
    if (error) {
        std::filesystem::remove(temporary, error);
        return InvalidArgument("--out", path + ": cannot write");
    }
    std::ifstream licence(data_dir + "/football/sbr-odds/LICENSE");
    std::stringstream text_of_licence;
    text_of_licence << licence.rdbuf();
    std::ofstream notice((target.has_parent_path() ? target.parent_path() : ".") / "NOTICE");
    notice << models::FootballDataNotice() << "\n\n" << text_of_licence.str();
    if (!notice) {
        return InvalidArgument("--out", path + ": cannot write the NOTICE beside it");
    }
    return Status::Ok();
}

} // namespace

int RunFitFootball(const FitOptions& o) {
    if (!o.league.empty() && o.league != "nfl") {
        return Fail("--league: '" + o.league + "': football has one league, nfl");
    }
    const auto start = std::chrono::steady_clock::now();
    const std::string data_dir = models::ResolveDataDir(o.data);
    Result<std::vector<models::FootballGame>> games = models::LoadFootballGames(data_dir);
    if (!games.ok()) {
        return Fail("--data: " + games.status().message());
    }
    if (games->empty()) {
        return Fail("--data: no NFL games");
    }
    // Walk-forward: the ratings before the first week with a game after --until (default: the next season's first
    // week, after every game in the data).
    int season = games->back().season + 1, week = 1;
    if (!o.until.empty()) {
        Result<std::chrono::sys_days> until = models::ParseDate(o.until);
        if (!until.ok()) {
            return Fail("--until: " + until.status().message());
        }
        for (const models::FootballGame& g : games.value()) {
            if (g.date > until.value()) {
                season = g.season;
                week = g.week;
                break;
            }
        }
    }
    Result<models::FootballRatings> ratings =
        models::FitFootballRatings(games.value(), season, week, models::FootballFitOptions{});
    if (!ratings.ok()) {
        return Fail(ratings.status().message());
    }
    const std::string out = o.out.empty() ? models::FittedNflPath(DefaultParamsDir()) : o.out;
    if (Status s =
            WriteFittedNfl(out, models::FittedFootballToJson(ratings.value(), season, week).dump(1) + "\n", data_dir);
        !s.ok()) {
        return Fail(s.message());
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const models::FootballRatings& r = ratings.value();
    std::printf("fitted %d NFL games before week %d of %d in %.2f s: %zu teams\n", r.games, week, season, seconds,
                r.attack.size());
    std::printf("  league points per team-game %.2f, home advantage x%.4f, margin scale %.2f\n", std::exp(r.intercept),
                std::exp(r.home_advantage), r.margin_scale);
    std::printf("wrote %s (and the data's licence NOTICE)\n", out.c_str());
    return 0;
}

} // namespace simbook::app
