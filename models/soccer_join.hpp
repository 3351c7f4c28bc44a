//! Joins soccer/odds rows to soccer/results matches without a hand-written name table: per season, the two
//! files' team names are paired by the scores their matches share, then each row is matched by its teams and
//! checked against the score and the dates of its round.
#pragma once

#include "models/soccer_data.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace simbook::models {

//! Why an odds row is reported.
enum class OddsJoinProblem {
    kNoTeam,           //!< a team of the row has no results-file counterpart in that season: not joined
    kNoMatch,          //!< both teams are paired, but the results file has no such match: not joined
    kScoreDiffers,     //!< joined; the odds file records another final score than the results file
    kNoScore,          //!< joined; the odds file has no score, so the join is by teams alone
    kDateOutsideRound, //!< joined; played more than kRoundDateToleranceDays from the median date of its round
};

//! A joined row more than this many days from the median date of its round's other matches is reported.
inline constexpr int kRoundDateToleranceDays = 45;

//! One reported odds row.
struct OddsJoinIssue {
    std::size_t odds_row = 0; //!< index into the odds rows
    OddsJoinProblem problem = OddsJoinProblem::kNoMatch;
    std::string message; //!< e.g. "2013-14 round 7 FC Nantes v SC Bastia: score 0-0 in the odds file, 2-0 in ..."
};

//! The join of a league's odds rows to its results.
struct OddsJoin {
    std::vector<std::optional<std::size_t>> result_of;        //!< per odds row: index into the results, or none
    std::map<std::pair<int, std::string>, std::string> names; //!< (season, odds name) -> results name
    std::vector<OddsJoinIssue> issues; //!< every row not joined or joined with a difference, in row order
    std::size_t joined = 0;            //!< rows with a result

    //! Issues that leave a row without a result (kNoTeam, kNoMatch).
    std::size_t Unjoined() const { return result_of.size() - joined; }
};

//! Pairs the team names of each season (the seasons of `odds` that `results` also holds; rows of other seasons
//! are reported as kNoMatch) and joins every row. A pair from `overrides` is taken as given when both names
//! play in the season; every other name is paired by an assignment that maximises the number of odds rows whose
//! score the results file repeats for the paired teams (started from the scores each team's matches share and
//! the similarity of the names, then repeated with the pairing of the opponents until it no longer changes).
//! A pairing that explains fewer than half of a team's scored rows is refused (its rows: kNoTeam).
OddsJoin JoinOddsToResults(std::span<const SoccerOdds> odds, std::span<const SoccerMatch> results,
                           std::span<const TeamNamePair> overrides = {});

//! Similarity of two team names in [0, 1]: the longest common substring of their lower-case ASCII letters and
//! digits over the shorter one's length ("Manchester United" / "Man United": 6/9). A tie-breaker only.
double TeamNameSimilarity(std::string_view a, std::string_view b);

} // namespace simbook::models
