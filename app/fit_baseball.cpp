//! `simbook fit --sport baseball`: the MLB teams, starters and parks from the Retrosheet game logs, walk-forward to
//! a date, written as the fitted file that `--league mlb` loads (models/baseball_fitted.hpp).
#include "app/fit_command.hpp"
#include "app/game_setup.hpp"
#include "models/baseball_data.hpp"
#include "models/baseball_fit.hpp"
#include "models/baseball_fitted.hpp"
#include "models/soccer_data.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace simbook::app {

namespace {

//! The seasons of game logs in the data (Retrosheet GL2014..GL2018).
constexpr int kFirstSeason = 2014;
constexpr int kLastSeason = 2018;

//! Writes text to path through a temporary file and a rename (no partial file on failure), and Retrosheet's notice
//! beside it (it ships with anything derived from the logs).
Status WriteFitted(const std::string& path, const std::string& text) {
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
    std::ofstream notice((target.has_parent_path() ? target.parent_path() : ".") / "NOTICE");
    notice << models::RetrosheetNotice();
    if (!notice) {
        return InvalidArgument("--out", path + ": cannot write the NOTICE beside it");
    }
    return Status::Ok();
}

} // namespace

int RunFitBaseball(const FitOptions& o) {
    if (!o.league.empty() && o.league != "mlb") {
        return Fail("--league: '" + o.league + "': baseball has one league, mlb");
    }
    const auto start = std::chrono::steady_clock::now();
    Result<std::vector<models::RetrosheetGame>> games =
        models::LoadGameLogs(models::ResolveDataDir(o.data), kFirstSeason, kLastSeason);
    if (!games.ok()) {
        return Fail("--data: " + games.status().message());
    }
    if (games->empty()) {
        return Fail("--data: no games in the Retrosheet logs");
    }
    // Walk-forward: every game strictly before the day after --until (default: the latest game).
    std::chrono::sys_days before = games->back().date + std::chrono::days(1);
    if (!o.until.empty()) {
        Result<std::chrono::sys_days> until = models::ParseDate(o.until);
        if (!until.ok()) {
            return Fail("--until: " + until.status().message());
        }
        before = until.value() + std::chrono::days(1);
    }
    Result<models::FittedBaseball> fit = models::FitBaseball(games.value(), before);
    if (!fit.ok()) {
        return Fail(fit.status().message());
    }
    const std::string out = o.out.empty() ? models::FittedMlbPath(DefaultParamsDir()) : o.out;
    if (Status s = WriteFitted(out, models::FittedBaseballToJson(fit.value()).dump(1) + "\n"); !s.ok()) {
        return Fail(s.message());
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const models::FittedBaseball& f = fit.value();
    std::printf("fitted %d MLB games before %s in %.2f s: %zu teams, %zu starters, %zu parks\n", f.game_count,
                models::FormatDate(f.before).c_str(), seconds, f.teams.size(), f.starters.size(),
                f.park_factors.size());
    std::printf("  runs per team-game %.3f, per half-inning %.4f; home advantage x%.4f; day sd %.3f\n",
                f.runs_per_team_game, f.runs_per_inning, f.home_run_factor, f.day_sd);
    std::printf("wrote %s (and its Retrosheet NOTICE)\n", out.c_str());
    return 0;
}

} // namespace simbook::app
