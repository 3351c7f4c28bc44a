//! Fantasy scoring systems: stat weights plus double- and triple-double bonuses (DraftKings, FanDuel, custom).
#pragma once

#include "kernels/core/result.hpp"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <string>

namespace simbook::fantasy {

//! Box-score stats a fantasy line is scored from, in this order.
enum class Stat : int { kPoints = 0, kRebounds, kAssists, kThrees, kSteals, kBlocks, kTurnovers };
inline constexpr int kStats = 7;
//! A player's box line on one path.
using BoxLine = std::array<int, kStats>;

//! "points", "rebounds", "assists", "threes", "steals", "blocks", "turnovers".
const char* StatName(int stat);

//! Points per unit of each stat, plus bonuses. A double-double is 10+ in two of points, rebounds, assists,
//! steals, blocks; a triple-double 10+ in three. Both bonuses add (DraftKings pays 1.5 + 3 for a triple-double).
struct Scoring {
    std::string name;
    std::array<double, kStats> weight{};
    double double_double = 0.0; //!< fantasy points for a double-double
    double triple_double = 0.0; //!< fantasy points for a triple-double (on top of double_double)
};

//! DraftKings NBA classic: PTS 1, 3PM 0.5, REB 1.25, AST 1.5, STL 2, BLK 2, TO -0.5, DD 1.5, TD 3.
Scoring DraftKingsScoring();
//! FanDuel NBA classic: PTS 1, REB 1.2, AST 1.5, STL 3, BLK 3, TO -1 (threes count only through points).
Scoring FanDuelScoring();

//! Fantasy points of one box line.
double Score(const Scoring& scoring, const BoxLine& line);

//! "draftkings", "fanduel" or a JSON object of weights {"points": 1, "rebounds": 1.25, ..., "double_double":
//! 1.5, "triple_double": 3} (absent stats weigh 0). Errors name "field" or "field.key".
Result<Scoring> ScoringFromJson(const nlohmann::json& json, const std::string& field);
//! {"name", "weights": {...}, "double_double", "triple_double"}.
nlohmann::json ToJson(const Scoring& scoring);

} // namespace simbook::fantasy
