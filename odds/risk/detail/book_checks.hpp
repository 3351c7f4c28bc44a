#pragma once
//! The risk book's argument checks and message pieces, shared by its translation units (book.cpp: markets, prices and
//! suspensions; book_bets.cpp: bets; book_settle.cpp: settlement).
#include "odds/detail/checks.hpp"
#include "odds/market.hpp"
#include "odds/result.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace simbook::odds::risk::detail {

inline constexpr std::size_t kMaxIdLength = 256;

inline Status CheckId(const std::string& field, const std::string& value) {
    if (value.empty()) {
        return InvalidArgument(field, "must not be empty");
    }
    if (value.size() > kMaxIdLength) {
        return InvalidArgument(field, "must be at most 256 characters, got " + std::to_string(value.size()));
    }
    if (std::any_of(value.begin(), value.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
        return InvalidArgument(field, "must not hold control characters");
    }
    return Status::Ok();
}

inline Status Refuse(const std::string& field, std::string_view what, std::string_view reason) {
    std::string message(what);
    message += ' ';
    message += reason;
    return InvalidArgument(field, message);
}

inline std::string Quoted(std::string_view text) {
    return odds::detail::Quote(text);
}

inline std::string MarketName(const std::string& event_id, const std::string& key) {
    std::string name = "market ";
    name += event_id;
    name += '/';
    name += key;
    return name;
}

// The line a bet must name for a market: the handicap or total of line markets, 0 otherwise.
inline double LineOf(const std::optional<Market>& market) {
    if (!market) {
        return 0.0;
    }
    switch (market->kind) {
    case MarketKind::kHandicap:
    case MarketKind::kTotal:
    case MarketKind::kTeamTotal:
    case MarketKind::kPlayerProp:
        return market->line;
    default:
        return 0.0;
    }
}

} // namespace simbook::odds::risk::detail
