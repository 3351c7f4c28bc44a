//! A past season of the data folder cut at a date, for backtests: the results before the date form the table,
//! the matches from the date on form the fixtures, priced by a Dixon-Coles fit to the results before the date.
#pragma once

#include "futures/season.hpp"
#include "kernels/core/result.hpp"

#include <string>
#include <vector>

namespace simbook::futures {

//! Ratings used for teams that play no match in the fit window (promoted clubs new to the data): log-scale
//! attack and defence prior means, below the league average of 0.
inline constexpr double kNewTeamPrior = -0.25;

//! A data-driven season and what really happened.
struct DataSeason {
    LeagueSeason season;                //!< table before as_of (sorted as it stood), fixtures from as_of on
    std::vector<TableRow> final_table;  //!< the real final table, ranked by points, goal difference, goals
    std::vector<int> actual_position;   //!< [i]: real final place (1 = top) of season.table[i]
    std::string as_of;                  //!< "YYYY-MM-DD"
    std::string season_label;           //!< "2015-16"
    std::string ratings;                //!< how the fixtures' expected goals were obtained (one line)
    std::vector<std::string> new_teams; //!< teams rated with kNewTeamPrior
};

//! Parses "2015-16" (or "2015") into the start year 2015; InvalidArgument naming `season` otherwise.
Result<int> ParseSeasonLabel(const std::string& text);

//! Builds season `season_label` of `league` from `data_dir` (see models::ResolveDataDir) cut at `as_of`
//! ("YYYY-MM-DD"): matches dated before as_of are played, the others remain. Expected goals come from a
//! Dixon-Coles fit (default models::DixonColesOptions) to the league's results before as_of, in a window
//! reaching back into earlier seasons. InvalidArgument names `league`, `season` or `as_of` when the league is
//! unknown, the season has no data or nothing remains to play after as_of.
Result<DataSeason> LeagueSeasonFromData(const std::string& data_dir, const std::string& league,
                                        const std::string& season_label, const std::string& as_of);

} // namespace simbook::futures
