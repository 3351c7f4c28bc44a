//! Suspension rules: which live events suspend a sport's markets, and how old a game state may be.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace simbook::odds::risk {

//! Why a market is suspended.
enum class SuspensionCause { kNone, kKeyEvent, kStale, kManual };

//! A live event of a game from a data feed.
struct LiveEvent {
    std::string type;         //!< "goal", "red_card", "penalty", "basket", ...
    int seconds_left = -1;    //!< seconds of game clock left in the game (-1 unknown)
    std::int64_t time_ms = 0; //!< when it happened, in the book's clock (milliseconds)
};

//! A live event type that suspends markets, optionally only late in the game.
struct KeyEventRule {
    std::string type;
    int max_seconds_left = -1; //!< suspend only when seconds_left <= this (and known); -1: at any time
};

//! Per-sport key events and the staleness limit.
struct SuspensionRules {
    std::map<std::string, std::vector<KeyEventRule>> key_events; //!< by sport ("soccer", "basketball")
    std::int64_t staleness_limit_ms = 10'000; //!< a live game state older than this suspends its markets

    //! Soccer: goal, red card, penalty at any time; basketball: a basket in the last 60 seconds.
    static SuspensionRules Default() {
        SuspensionRules rules;
        rules.key_events["soccer"] = {{"goal", -1}, {"red_card", -1}, {"penalty", -1}};
        rules.key_events["basketball"] = {{"basket", 60}};
        return rules;
    }

    //! True when `event` suspends the markets of a `sport` game.
    bool IsKeyEvent(const std::string& sport, const LiveEvent& event) const {
        const auto it = key_events.find(sport);
        if (it == key_events.end()) {
            return false;
        }
        for (const KeyEventRule& rule : it->second) {
            if (rule.type == event.type && (rule.max_seconds_left < 0 ||
                                            (event.seconds_left >= 0 && event.seconds_left <= rule.max_seconds_left))) {
                return true;
            }
        }
        return false;
    }
};

} // namespace simbook::odds::risk
