//! Soccer data files (../shared/data/soccer): match results per league season, 1X2 bookmaker odds, and the
//! explicit map between the two sources' team names.
#pragma once

#include "kernels/core/result.hpp"

#include <array>
#include <chrono>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace simbook::models {

//! The data folder: `flag` when not empty, else the environment variable SIMBOOK_DATA when set and not
//! empty, else "../shared/data" from the current directory when it exists, else the one beside this checkout.
std::string ResolveDataDir(const std::string& flag);

//! A league held in the data folder.
struct SoccerLeague {
    std::string_view key;       //!< folder under soccer/results, e.g. "premier-league"
    std::string_view odds_file; //!< file under soccer/odds, e.g. "england_premier-league.csv"
};

//! The five leagues: premier-league, bundesliga, la-liga, serie-a, ligue-1.
std::span<const SoccerLeague> SoccerLeagues();
//! The league with this key, or InvalidArgument listing the known keys.
Result<SoccerLeague> FindSoccerLeague(std::string_view key);

//! A league of a data folder: one of the five, or any other folder of soccer/results.
struct DataLeague {
    std::string key;       //!< folder under soccer/results
    std::string odds_file; //!< file under soccer/odds; empty when the data folder has none for the league
};

//! The leagues of a data folder, so that a new league needs no code: the five (in their order) where a results
//! folder exists, then every other folder of soccer/results (sorted by name) whose name is lower-case letters,
//! digits and '-'. Odds file: the five's own, else the single soccer/odds/<country>_<key>.csv (none when there
//! is no such file or several).
std::vector<DataLeague> DataSoccerLeagues(const std::string& data_dir);
//! The league `key` of a data folder, or InvalidArgument naming it and listing the folder's leagues.
Result<DataLeague> FindDataSoccerLeague(const std::string& data_dir, std::string_view key);

//! One finished match.
struct SoccerMatch {
    std::chrono::sys_days date{}; //!< match day (UTC calendar date)
    int season = 0;               //!< year the season starts in: 2015 for 2015-16
    std::string home;             //!< results-file team name
    std::string away;
    int home_goals = 0; //!< full time
    int away_goals = 0;
    int ht_home_goals = -1; //!< half time; -1 when the file leaves it empty
    int ht_away_goals = -1;
    int home_shots_on_target = -1; //!< HST; -1 when the file has no such column or leaves it empty
    int away_shots_on_target = -1; //!< AST; -1 when the file has no such column or leaves it empty
};

//! Bookmaker 1X2 odds of one match (soccer/odds files: keyed by season, round and team names, no dates).
struct SoccerOdds {
    int season = 0;                       //!< year the season starts in
    int round = 0;                        //!< match round, 1-based
    std::string home;                     //!< odds-file team name (see ResultsTeamName)
    std::string away;                     //!< odds-file team name
    int home_goals = -1;                  //!< final score as the odds file records it; -1 when empty
    int away_goals = -1;                  //!< final score as the odds file records it; -1 when empty
    std::array<double, 3> decimal_odds{}; //!< average decimal odds: home, draw, away (> 1)
    std::array<double, 3> probability{};  //!< the file's de-vigged probabilities (1/odds normalised), sum 1
};

//! Parses a date "YYYY-MM-DD", "DD/MM/YYYY" or "DD/MM/YY" (YY < 50 is 20YY, else 19YY).
Result<std::chrono::sys_days> ParseDate(std::string_view text);
//! "YYYY-MM-DD".
std::string FormatDate(std::chrono::sys_days date);
//! "2015-16" for 2015.
std::string SeasonLabel(int season);

//! Reads one results file (header with at least Date, HomeTeam, AwayTeam, FTHG, FTAG; HTHG/HTAG and HST/AST
//! optional, empty allowed). Errors name the file, the line and the bad value.
Result<std::vector<SoccerMatch>> LoadSoccerResultsFile(const std::string& path, int season);

//! Every match of `league` in seasons first_season..last_season (start years, inclusive) that the data
//! folder holds (soccer/results/<league>/season-YYZZ.csv, YY >= 50 meaning 19YY), sorted by date. Seasons
//! without a file are skipped; no file in the range at all, or no such folder, is an error naming the folder.
Result<std::vector<SoccerMatch>> LoadSoccerResults(const std::string& data_dir, std::string_view league,
                                                   int first_season, int last_season);

//! Every row of the league's odds file (soccer/odds/<country>_<league>.csv, see DataSoccerLeagues). Errors name
//! file, line, value; a league of the data folder without an odds file has no rows.
Result<std::vector<SoccerOdds>> LoadSoccerOdds(const std::string& data_dir, std::string_view league);

//! One pair of names for the same club.
struct TeamNamePair {
    std::string_view odds;    //!< as in soccer/odds, e.g. "Manchester United"
    std::string_view results; //!< as in soccer/results, e.g. "Man United"
};

//! The explicit odds -> results team-name map of a league (empty for an unknown league).
std::span<const TeamNamePair> SoccerTeamNameMap(std::string_view league);
//! The results-file name of an odds-file team, or InvalidArgument naming the team and the league.
Result<std::string> ResultsTeamName(std::string_view league, std::string_view odds_name);

//! One international match (soccer/international/results.csv, martj42/international_results).
struct InternationalMatch {
    SoccerMatch match;      //!< date, teams, final score (after extra time when played); season = year
    std::string tournament; //!< "Friendly", "FIFA World Cup", ...
    bool neutral = false;   //!< played at a neutral venue
    bool shootout = false;  //!< decided on penalties (soccer/international/shootouts.csv)
};

//! Every played international (rows with NA scores, i.e. fixtures not yet played, are skipped), sorted by
//! date. Errors name the file, the line and the bad value.
Result<std::vector<InternationalMatch>> LoadInternationalResults(const std::string& data_dir);

//! One goal of an international (soccer/international/goalscorers.csv).
struct InternationalGoal {
    std::chrono::sys_days date{};
    std::string home; //!< the match's home team
    std::string away; //!< the match's away team
    std::string team; //!< the team credited with the goal (for an own goal: the opponent of the scorer's side)
    std::string scorer;
    int minute = -1; //!< football minute as the file gives it (1..90, past 90 in stoppage or extra time); -1: NA
    bool own_goal = false;
    bool penalty = false;
};

//! The goals of one match (date and teams exactly as in results.csv), in file order. Empty when the file
//! lists none. Errors name the file, the line and the bad value.
Result<std::vector<InternationalGoal>> LoadInternationalGoals(const std::string& data_dir, std::chrono::sys_days date,
                                                              std::string_view home, std::string_view away);

} // namespace simbook::models
