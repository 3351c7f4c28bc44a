//! PathMarket: a market settled on each simulated path (the outcome index a path gives), so that two runs on
//! the same path ids can be paired outcome by outcome. Covers the half-line markets of odds::Market and the
//! momentum and next-event markets (next goal, next score, goal before a minute, lead change in the next N
//! minutes, who leads at a game time, largest run).
#pragma once

#include "engine/game_spec.hpp"
#include "engine/simulation_result.hpp"
#include "kernels/core/result.hpp"
#include "odds/market.hpp"
#include "odds/path_tally.hpp"
#include "whatif/momentum.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace simbook::whatif {

//! What markets need to know about a game to settle a path: its spec (sport, parameters, the state the paths
//! start from, rosters) and names.
using GameSpec = engine::Game;

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
    MomentumKind Kind() const { return momentum_.kind; }

    //! The outcome index a path gives, or -1 when the path cannot settle it (more goals than recorded). For
    //! the outcome type of any registered sport (engine/sports.hpp).
    template <typename Outcome> int Settle(const Outcome& o) const;

private:
    PathMarket() = default;

    std::string key_;
    std::vector<std::string> outcomes_;
    Momentum momentum_; //!< a momentum market (kind kNone for an odds::Market)
    odds::Market market_;
    odds::PathSettler settler_; //!< kNone: the market's outcomes on a path
    engine::SportState state_;  //!< the state the paths start from
};

//! Parses a comma-separated list of keys (ladders "totals:2.5..4.5" expand as in odds::ParseMarkets).
Result<std::vector<PathMarket>> ParsePathMarkets(std::string_view text, const GameSpec& game);

} // namespace simbook::whatif
