// The CSV loaders, each reading a scratch data folder laid out as ../shared/data: soccer results
// (models::LoadSoccerResultsFile), bookmaker odds (LoadSoccerOdds), internationals (LoadInternationalResults,
// LoadInternationalGoals), the NBA player-stats files of `simbook fit` (models::FitBasketballTeams: game lines,
// shooting, teams), a past season for futures (futures::LeagueSeasonFromData) and fantasy salary exports
// (fantasy::ParseSalariesCsv, the lineups route's "salaries_csv").
//
// Input: byte 0 picks the loader (and, for files read together, which one is fuzzed; the others hold the first
// lines of the real files when the data folder is there), the rest is the file. A finding: a crash, a sanitizer
// report or an exception (the loaders answer bad files with a Status naming the file and line).
#include "fantasy/salaries.hpp"
#include "futures/season_data.hpp"
#include "fuzz/fuzz_support.hpp"
#include "models/basketball_fit.hpp"
#include "models/soccer_data.hpp"

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <map>
#include <string>

namespace {

using namespace simbook;

constexpr const char* kShootouts = "soccer/international/shootouts.csv";
constexpr const char* kGameLines = "basketball/player-stats/NBA_2023-2024_advanced_by_game.csv";
constexpr const char* kShooting = "basketball/player-stats/shooting_stats_2022-2024.csv";
constexpr const char* kTeams = "basketball/player-stats/current_teams.csv";

struct Fixture {
    fuzz::ScratchDir scratch;
    std::map<std::string, std::string> heads; //!< the first lines of the real files, by data-relative path
};

Fixture* fixture = nullptr;

//! The first `lines` lines of a data file, or "" when the data folder does not have it.
std::string Head(const std::string& data_dir, const std::string& relative, int lines) {
    std::ifstream in(data_dir + "/" + relative);
    std::string head;
    std::string line;
    for (int i = 0; i < lines && std::getline(in, line); ++i) {
        head.append(line).append("\n");
    }
    return head;
}

//! Writes every file of `together` but `fuzzed` with its real head, and `fuzzed` with the input.
void Lay(std::initializer_list<const char*> together, const char* fuzzed, const std::string& text) {
    for (const char* relative : together) {
        fixture->scratch.Write(relative, relative == fuzzed ? std::string_view(text) : fixture->heads[relative]);
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fixture = new Fixture;
    const std::string data = models::ResolveDataDir("");
    fixture->heads[kShootouts] = Head(data, kShootouts, 40);
    fixture->heads[kGameLines] = Head(data, kGameLines, 120);
    fixture->heads[kShooting] = Head(data, kShooting, 60);
    fixture->heads[kTeams] = Head(data, kTeams, 40);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) {
        return 0;
    }
    const std::string text = fuzz::Text(data + 1, size - 1);
    const std::string& dir = fixture->scratch.Path();
    switch (data[0] % 9) {
    case 0:
        (void)models::LoadSoccerResultsFile(fixture->scratch.Write("season.csv", text), 2015);
        break;
    case 1:
        fixture->scratch.Write("soccer/odds/england_premier-league.csv", text);
        (void)models::LoadSoccerOdds(dir, "premier-league");
        break;
    case 2:
        fixture->scratch.Write("soccer/international/results.csv", text);
        fixture->scratch.Write(kShootouts, fixture->heads[kShootouts]);
        (void)models::LoadInternationalResults(dir);
        break;
    case 3:
        fixture->scratch.Write("soccer/international/goalscorers.csv", text);
        (void)models::LoadInternationalGoals(dir, std::chrono::sys_days(std::chrono::year(2022) / 12 / 18), "Argentina",
                                             "France");
        break;
    case 4:
        (void)fantasy::ParseSalariesCsv(text, "salaries_csv");
        break;
    case 5:
        Lay({kGameLines, kShooting, kTeams}, kGameLines, text);
        (void)models::FitBasketballTeams(dir);
        break;
    case 6:
        Lay({kGameLines, kShooting, kTeams}, kShooting, text);
        (void)models::FitBasketballTeams(dir);
        break;
    case 7:
        Lay({kGameLines, kShooting, kTeams}, kTeams, text);
        (void)models::FitBasketballTeams(dir);
        break;
    default:
        fixture->scratch.Write("soccer/results/premier-league/season-1516.csv", text);
        (void)futures::LeagueSeasonFromData(dir, "premier-league", "2015-16", "2016-03-01");
        break;
    }
    return 0;
}
