//! NFL games with closing lines (../shared/data/football/sbr-odds/nfl_2011_2018.csv), the raw scrape's defects
//! filtered, and the one map from its team nicknames to franchises.
#pragma once

#include "kernels/core/result.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace simbook::models {

//! The franchise of a nickname as the scrape writes it in `season` ("SanDiego" -> "Chargers", "St.Louis" ->
//! "Rams", "Fortyniners" -> "49ers"); nullopt for a name the map does not know there (an ambiguous "LosAngeles"
//! after 2016, "NewYork" outside the one 2013 game it names). Franchises keep one name across relocations.
std::optional<std::string> FootballFranchise(std::string_view nickname, int season);

//! The 32 franchise names FootballFranchise returns.
std::vector<std::string> FootballFranchises();

//! One game of the scrape. Spreads are the home side's: negative when the home team is favoured.
struct FootballGame {
    int season = 0; //!< the season's start year (a January playoff game belongs to the year before)
    std::chrono::sys_days date{};
    int week = 0; //!< 1 + whole weeks since the season's first game; 18 and later are playoffs
    bool playoff = false;
    std::string home; //!< franchise (FootballFranchise)
    std::string away;
    int home_quarters[4] = {0, 0, 0, 0}; //!< points by quarter; overtime is final - their sum
    int away_quarters[4] = {0, 0, 0, 0};
    int home_points = 0;
    int away_points = 0;
    bool has_moneyline = false; //!< closing moneylines usable (not both negative, both present)
    int home_moneyline = 0;     //!< American odds
    int away_moneyline = 0;
    bool has_spread = false;  //!< closing spread usable (|spread| <= 25), sign checked against the moneyline
    double home_spread = 0.0; //!< closing home spread, points
    bool has_total = false;   //!< closing total usable (25 < total < 70)
    double total = 0.0;       //!< closing over/under, points

    //! Overtime points (final minus the quarters), home and away.
    int HomeOvertime() const;
    int AwayOvertime() const;
};

//! How many rows each filter touched.
struct FootballLoadReport {
    int rows = 0;           //!< data rows in the file
    int dropped_teams = 0;  //!< rows whose teams do not map (the Super Bowl rows with home_team "0")
    int bad_spread = 0;     //!< spread outside |s| <= 25 (a total in the spread field): has_spread false
    int bad_total = 0;      //!< total outside (25, 70): has_total false
    int bad_moneyline = 0;  //!< both moneylines negative or missing: has_moneyline false
    int flipped_spread = 0; //!< spread sign disagreeing with the moneyline favourite: flipped to agree
};

//! Games of data_dir/football/sbr-odds/nfl_2011_2018.csv (data_dir as ResolveDataDir gives it), in file order
//! (date order). Errors name the file and line; `report` (optional) gets the filter counts.
Result<std::vector<FootballGame>> LoadFootballGames(const std::string& data_dir, FootballLoadReport* report = nullptr);

//! Converts American odds to a decimal price (+150 -> 2.5, -200 -> 1.5); 0 for 0.
double AmericanToDecimal(int american);

//! The sbr-odds licence notice to keep with anything derived from the file.
std::string_view FootballDataNotice();

} // namespace simbook::models
