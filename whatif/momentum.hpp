//! Momentum and next-event markets, per sport (whatif/<sport>/momentum.cpp): which ones a sport has, how a key
//! reads from a live state, and how a path settles one. PathMarket (whatif/path_markets.hpp) dispatches here.
#pragma once

#include "engine/game_spec.hpp"
#include "kernels/basketball/light_params.hpp"
#include "kernels/core/result.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace simbook::whatif {

//! What a momentum or next-event market bets on.
enum class MomentumKind {
    kNone,       //!< an odds::Market (see PathMarket::market)
    kNextGoal,   //!< "next_goal" (soccer) or "next_team_to_score" (basketball, baseball, football): home, away, none
    kNextScore,  //!< "next_score" (basketball): home_two, home_three, home_free_throws, away_..., none
    kGoalBefore, //!< "goal_before:M" (soccer): yes/no, a goal after the state by football minute M
    kLeadChange, //!< "lead_change:N": yes/no, the lead changes hands within the next N minutes
    kLeadAt,     //!< "lead_at:T": home, level, away at game time T minutes (soccer football minute;
                 //!< basketball 12, 24, 36 or 48, the end of a quarter)
    kLargestRun, //!< "largest_run:L" (basketball): over/under L points, the longest run after the state
    kLargestRunTeam, //!< "largest_run_team" (basketball): home/away, the team with the longest run
};

//! A momentum market read from a key at a live state.
struct Momentum {
    MomentumKind kind = MomentumKind::kNone;
    std::vector<std::string> outcomes;
    int threshold = 0; //!< kLargestRun: X > L <=> X >= threshold
    int limit = 0;     //!< kGoalBefore / kLeadAt (soccer): football minute; kLeadChange: window end
    int quarter = 0;   //!< kLeadAt (basketball): quarters 1..4 counted
};

//! The momentum market `name` (the key up to ':') with argument `arg` at the game's state; std::nullopt when
//! the sport has no momentum market of that name; InvalidArgument naming the key for a bad argument.
std::optional<Result<Momentum>> ParseMomentum(const engine::SoccerGame& game, std::string_view key,
                                              std::string_view name, std::string_view arg);
std::optional<Result<Momentum>> ParseMomentum(const engine::BasketballGame& game, std::string_view key,
                                              std::string_view name, std::string_view arg);
std::optional<Result<Momentum>> ParseMomentum(const engine::BaseballGame& game, std::string_view key,
                                              std::string_view name, std::string_view arg);
std::optional<Result<Momentum>> ParseMomentum(const engine::FootballGame& game, std::string_view key,
                                              std::string_view name, std::string_view arg);

//! The outcome index a path from the state gives, or -1 when the path cannot settle it.
int SettleMomentum(const Momentum& m, const kernels::soccer::SoccerState& at, const kernels::soccer::SoccerOutcome& o);
int SettleMomentum(const Momentum& m, const kernels::basketball::BasketballState& at,
                   const kernels::basketball::BasketballOutcome& o);
int SettleMomentum(const Momentum& m, const kernels::basketball::BasketballState& at,
                   const kernels::basketball::BasketballLightOutcome& o);
int SettleMomentum(const Momentum& m, const kernels::baseball::BaseballState& at,
                   const kernels::baseball::BaseballOutcome& o);
int SettleMomentum(const Momentum& m, const kernels::football::FootballState& at,
                   const kernels::football::FootballOutcome& o);

//! The markets a what-if prices when a request names none.
std::string DefaultWhatIfMarkets(const engine::SoccerGame& game);
std::string DefaultWhatIfMarkets(const engine::BasketballGame& game);
std::string DefaultWhatIfMarkets(const engine::BaseballGame& game);
std::string DefaultWhatIfMarkets(const engine::FootballGame& game);
//! The momentum markets priced when a request names none (before the lead_at checkpoints).
std::vector<std::string> DefaultMomentumKeys(const engine::SoccerGame& game);
std::vector<std::string> DefaultMomentumKeys(const engine::BasketballGame& game);
std::vector<std::string> DefaultMomentumKeys(const engine::BaseballGame& game);
std::vector<std::string> DefaultMomentumKeys(const engine::FootballGame& game);
//! The game times (minutes) after the state at which the win-probability path is read.
std::vector<int> Checkpoints(const engine::SoccerGame& game);
std::vector<int> Checkpoints(const engine::BasketballGame& game);
std::vector<int> Checkpoints(const engine::BaseballGame& game);
std::vector<int> Checkpoints(const engine::FootballGame& game);

//! Helpers for the sports' key readers.
namespace momentum_keys {
//! InvalidArgument "market '<key>': reason".
Status Bad(std::string_view key, const std::string& reason);
//! The integer after "name:" in a key, within [lo, hi].
Result<int> IntArgument(std::string_view key, std::string_view text, int lo, int hi);
//! True for a half line x.5.
bool HalfLine(double line);
//! Half line L: X > L <=> X >= floor(L) + 1.
int Above(double line);
} // namespace momentum_keys

} // namespace simbook::whatif
