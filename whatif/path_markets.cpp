#include "whatif/path_markets.hpp"

#include "engine/basketball/light_game.hpp"
#include "odds/path_tally.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

namespace simbook::whatif {

namespace momentum_keys {

Status Bad(std::string_view key, const std::string& reason) {
    return InvalidArgument("market '" + std::string(key) + "'", reason);
}

Result<int> IntArgument(std::string_view key, std::string_view text, int lo, int hi) {
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
        std::string reason(text);
        reason.insert(0, 1, '\'').append("' is not a whole number");
        return Bad(key, reason);
    }
    if (value < lo || value > hi) {
        return Bad(key, std::to_string(value) + " is outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    }
    return value;
}

bool HalfLine(double line) {
    return std::abs(std::fmod(2.0 * line, 2.0)) == 1.0;
}

int Above(double line) {
    return static_cast<int>(std::floor(line)) + 1;
}

} // namespace momentum_keys

namespace {

using momentum_keys::Bad;
using momentum_keys::HalfLine;
using odds::MarketKind;
using odds::Period;

//! The first registered sport with a momentum market of this name, for "is a <sport> market".
std::optional<engine::Sport> MomentumOwner(std::string_view key, std::string_view name, std::string_view arg) {
    std::optional<engine::Sport> owner;
    for (std::size_t i = 0; i < engine::Sports::kCount && !owner; ++i) {
        engine::VisitSport(static_cast<engine::Sport>(i), [&](auto type) {
            using G = typename decltype(type)::type;
            if (ParseMomentum(G{}, key, name, arg).has_value()) {
                owner = static_cast<engine::Sport>(i);
            }
        });
    }
    return owner;
}

//! The first registered sport whose rules have `has`, for "is a <sport> market".
template <typename Has> std::string SportWith(Has has) {
    for (std::size_t i = 0; i < engine::Sports::kCount; ++i) {
        if (has(engine::Sports::kRules[i])) {
            return engine::Sports::kNames[i];
        }
    }
    return "another sport's";
}

} // namespace

Result<PathMarket> PathMarket::Parse(std::string_view key, const GameSpec& game) {
    PathMarket m;
    m.state_ = std::visit([](const auto& g) { return engine::SportState(g.state); }, game.spec);
    m.key_ = std::string(key);
    const engine::SportRules& rules = engine::RulesOf(game.sport());
    const std::string_view name = key.substr(0, key.find(':'));
    const std::string_view arg = key.find(':') == std::string_view::npos ? "" : key.substr(key.find(':') + 1);

    std::optional<Result<Momentum>> momentum =
        std::visit([&](const auto& g) { return ParseMomentum(g, key, name, arg); }, game.spec);
    if (momentum.has_value()) {
        if (!momentum->ok()) {
            return momentum->status();
        }
        m.momentum_ = std::move(*momentum).value();
        m.outcomes_ = m.momentum_.outcomes;
        return m;
    }
    if (const std::optional<engine::Sport> owner = MomentumOwner(key, name, arg); owner.has_value()) {
        return Bad(key, std::string("is a ") + engine::SportName(*owner) + " market");
    }

    Result<odds::Market> parsed = odds::ParseMarket(key);
    if (!parsed.ok()) {
        return Bad(key, parsed.status().message());
    }
    m.market_ = *parsed;
    m.key_ = m.market_.Key();
    const odds::Market& mk = m.market_;
    const auto need = [&](bool has, const std::string& sport) -> Status {
        return has ? Status::Ok() : Bad(key, "is a " + sport + " market");
    };
    if (!rules.quarters && (mk.period == Period::kQ1 || mk.period == Period::kQ2 || mk.period == Period::kQ3 ||
                            mk.period == Period::kQ4)) {
        return Bad(key, std::string(engine::SportName(game.sport())) + " has no quarters");
    }
    if (rules.periods_from_state && mk.period != Period::kGame && !engine::AtStart(game.spec)) {
        return Bad(key, "period markets need a tip-off state (periods are counted from the state onward)");
    }
    switch (mk.kind) {
    case MarketKind::kMatchResult:
        m.outcomes_ = rules.game_can_draw || mk.period != Period::kGame
                          ? std::vector<std::string>{"home", "draw", "away"}
                          : std::vector<std::string>{"home", "away"};
        break;
    case MarketKind::kHandicap:
    case MarketKind::kTotal:
    case MarketKind::kTeamTotal:
    case MarketKind::kPlayerProp:
        if (!HalfLine(mk.line)) {
            return Bad(key, "what-if and momentum prices need a half line (x.5), which cannot push");
        }
        m.outcomes_ = mk.kind == MarketKind::kHandicap ? std::vector<std::string>{"home", "away"}
                                                       : std::vector<std::string>{"over", "under"};
        if (mk.kind == MarketKind::kPlayerProp) {
            if (Status s = need(rules.players, SportWith([](const auto& r) { return r.players; })); !s.ok()) {
                return s;
            }
            if (!engine::AtStart(game.spec)) {
                return Bad(key, "player props need a tip-off state (player stats are simulated from the state on)");
            }
            const std::vector<std::string> names = odds::RosterOf(game.spec).names;
            if (std::find(names.begin(), names.end(), mk.player) == names.end()) {
                return Bad(key, "unknown player '" + mk.player + "'");
            }
        }
        break;
    case MarketKind::kBothTeamsToScore:
    case MarketKind::kWinToNil:
    case MarketKind::kHalfTimeFullTime:
    case MarketKind::kFirstTeamToScore:
        if (Status s = need(rules.score_grid, SportWith([](const auto& r) { return r.score_grid; })); !s.ok()) {
            return s;
        }
        if (mk.period != Period::kGame) {
            return Bad(key, "is priced for a whole match only");
        }
        if (mk.kind == MarketKind::kFirstTeamToScore) {
            if (const std::array<int, 2> score = engine::CurrentScore(game.spec); score[0] + score[1] > 0) {
                return Bad(key, "is settled before the state; next_goal prices the next goal");
            }
            m.outcomes_ = {"home", "away", "no_goal"};
        } else if (mk.kind == MarketKind::kHalfTimeFullTime) {
            for (const char* h : {"home", "draw", "away"}) {
                for (const char* f : {"home", "draw", "away"}) {
                    m.outcomes_.push_back(std::string(h) + "/" + f);
                }
            }
        } else {
            m.outcomes_ = {"yes", "no"};
        }
        break;
    case MarketKind::kRaceTo:
        if (Status s = need(rules.races, SportWith([](const auto& r) { return r.races; })); !s.ok()) {
            return s;
        }
        m.outcomes_ = {"home", "away"};
        break;
    default:
        return Bad(key, "is not a market whose outcomes split every path (double chance, draw no bet, correct "
                        "score and parlays are left out)");
    }
    // Each outcome settles on a path by the one per-path definition of its market kind (odds::CompileLeg).
    Result<odds::PathSettler> settler = odds::PathSettler::Make(mk, m.outcomes_, odds::RosterOf(game.spec));
    if (!settler.ok()) {
        return Bad(key, settler.status().message());
    }
    m.settler_ = std::move(settler).value();
    return m;
}

template <typename Outcome> int PathMarket::Settle(const Outcome& o) const {
    if (momentum_.kind == MomentumKind::kNone) {
        return settler_.Settle(o);
    }
    using State = typename engine::GameOf<Outcome>::State;
    return SettleMomentum(momentum_, std::get<State>(state_), o);
}

#define SIMBOOK_INSTANTIATE(Game) template int PathMarket::Settle(const Game::Outcome&) const;
SIMBOOK_SPORTS(SIMBOOK_INSTANTIATE)
SIMBOOK_INSTANTIATE(engine::BasketballLightGame)
#undef SIMBOOK_INSTANTIATE

Result<std::vector<PathMarket>> ParsePathMarkets(std::string_view text, const GameSpec& game) {
    std::vector<PathMarket> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        const std::string_view token = text.substr(start, comma - start);
        start = comma + 1;
        if (token.empty()) {
            return InvalidArgument("markets", "empty market in '" + std::string(text) + "'");
        }
        std::vector<std::string> keys;
        if (token.find("..") != std::string_view::npos) {
            Result<std::vector<odds::Market>> ladder = odds::ParseMarkets(token);
            if (!ladder.ok()) {
                return Bad(token, ladder.status().message());
            }
            for (const odds::Market& m : *ladder) {
                keys.push_back(m.Key());
            }
        } else {
            keys.emplace_back(token);
        }
        for (const std::string& key : keys) {
            Result<PathMarket> market = PathMarket::Parse(key, game);
            if (!market.ok()) {
                return market.status();
            }
            out.push_back(std::move(market).value());
        }
    }
    return out;
}

} // namespace simbook::whatif
