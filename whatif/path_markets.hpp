//! PathMarket: a market settled on each simulated path (the outcome index a path gives), so that two runs on
//! the same path ids can be paired outcome by outcome. Covers the half-line markets of odds::Market and the
//! momentum and next-event markets (next goal, next score, goal before a minute, lead change in the next N
//! minutes, who leads at a game time, largest run).
#pragma once

#include "engine/game_spec.hpp"
#include "engine/simulation_result.hpp"
#include "kernels/basketball/basketball_params.hpp"
#include "kernels/core/result.hpp"
#include "kernels/soccer/soccer_params.hpp"
#include "odds/market.hpp"
#include "odds/path_tally.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace simbook::whatif {

//! What markets need to know about a game to settle a path: its spec (sport, parameters, the state the paths
//! start from, rosters) and names.
using GameSpec = engine::Game;

using engine::BasketballElapsedSeconds;
using engine::IsTipOff;
using engine::SoccerStateMinute;

//! What a momentum or next-event market bets on.
enum class MomentumKind {
    kNone,           //!< an odds::Market (see PathMarket::market)
    kNextGoal,       //!< "next_goal" (soccer) or "next_team_to_score": home, away, none
    kNextScore,      //!< "next_score" (basketball): home_two, home_three, home_free_throws, away_..., none
    kGoalBefore,     //!< "goal_before:M" (soccer): yes/no, a goal after the state by football minute M
    kLeadChange,     //!< "lead_change:N": yes/no, the lead changes hands within the next N minutes
    kLeadAt,         //!< "lead_at:T": home, level, away at game time T minutes (soccer football minute;
                     //!< basketball 12, 24, 36 or 48, the end of a quarter)
    kLargestRun,     //!< "largest_run:L" (basketball): over/under L points, the longest run after the state
    kLargestRunTeam, //!< "largest_run_team" (basketball): home/away, the team with the longest run
};

//! A market settled path by path.
class PathMarket {
public:
    //! Parses a key: a momentum key (see MomentumKind) or any odds::ParseMarket key whose outcomes partition
    //! the paths: h2h, double_chance, spreads/totals/team_totals/player props on x.5 lines, btts,
    //! first_to_score, win_to_nil, race:N, with period prefixes. InvalidArgument names the key and the reason
    //! (unknown market, wrong sport, whole line, unknown player, a time before the state).
    static Result<PathMarket> Parse(std::string_view key, const GameSpec& game);

    //! The canonical key.
    const std::string& Key() const { return key_; }
    //! Outcome names, in the order Settle indexes them.
    const std::vector<std::string>& Outcomes() const { return outcomes_; }
    //! The momentum kind (kNone for an odds::Market).
    MomentumKind Kind() const { return kind_; }

    //! The outcome index a path gives, or -1 when the path cannot settle it (more goals than recorded).
    int Settle(const kernels::soccer::SoccerOutcome& o) const;
    int Settle(const kernels::basketball::BasketballOutcome& o) const;

private:
    PathMarket() = default;

    std::string key_;
    std::vector<std::string> outcomes_;
    MomentumKind kind_ = MomentumKind::kNone;
    odds::Market market_;
    odds::PathSettler settler_; //!< kNone: the market's outcomes on a path
    int threshold_ = 0;         //!< kLargestRun: X > L <=> X >= threshold_
    int limit_ = 0;             //!< kGoalBefore / kLeadAt (soccer): football minute; kLeadChange: window end
    int quarter_ = 0;           //!< kLeadAt (basketball): quarters 1..4 counted
    engine::Sport sport_ = engine::Sport::kSoccer;
    kernels::soccer::SoccerState soccer_state_{};
    kernels::basketball::BasketballState basketball_state_{};
};

//! Parses a comma-separated list of keys (ladders "totals:2.5..4.5" expand as in odds::ParseMarkets).
Result<std::vector<PathMarket>> ParsePathMarkets(std::string_view text, const GameSpec& game);

} // namespace simbook::whatif
