#include "engine/game_spec.hpp"

#include <string>

namespace simbook::engine {

const char* SportName(Sport sport) {
    const auto index = static_cast<std::size_t>(sport);
    return index < Sports::kCount ? Sports::kNames[index] : "unknown";
}

const SportRules& RulesOf(Sport sport) {
    const auto index = static_cast<std::size_t>(sport);
    SIMBOOK_REQUIRE(index < Sports::kCount, "RulesOf: not a registered sport");
    return Sports::kRules[index];
}

Result<Sport> ParseSport(std::string_view name) {
    // Built by append, not operator+: GCC 12 -Wrestrict false positive (PR 105329).
    std::string message(name.empty() ? "missing" : "'");
    if (!name.empty()) {
        message.append(name).append("' is not a sport");
    }
    message.append(" (");
    for (std::size_t i = 0; i < Sports::kCount; ++i) {
        if (name == Sports::kNames[i]) {
            return static_cast<Sport>(i);
        }
        message.append(i == 0 ? "" : " or ").append(Sports::kNames[i]);
    }
    message.append(")");
    return Status(StatusCode::kInvalidArgument, message);
}

Sport SportOf(const GameSpec& game) {
    return static_cast<Sport>(game.index());
}

bool AtStart(const GameSpec& game) {
    return std::visit([](const auto& g) { return AtStart(g); }, game);
}

std::array<int, 2> CurrentScore(const GameSpec& game) {
    return std::visit([](const auto& g) { return CurrentScore(g); }, game);
}

int ElapsedSeconds(const GameSpec& game) {
    return std::visit([](const auto& g) { return ElapsedSeconds(g); }, game);
}

} // namespace simbook::engine
