#include "engine/game_spec.hpp"

#include <algorithm>

namespace simbook::engine {

namespace ks = kernels::soccer;
namespace kb = kernels::basketball;

namespace {

//! Every sport by name: the one place a sport's name is registered.
constexpr std::pair<Sport, const char*> kSportNames[] = {{Sport::kSoccer, "soccer"},
                                                         {Sport::kBasketball, "basketball"}};

} // namespace

const char* SportName(Sport sport) {
    for (const auto& [s, name] : kSportNames) {
        if (s == sport) {
            return name;
        }
    }
    return "unknown";
}

Result<Sport> ParseSport(std::string_view name) {
    // Built by append, not operator+: GCC 12 -Wrestrict false positive (PR 105329).
    std::string message(name.empty() ? "missing" : "'");
    if (!name.empty()) {
        message.append(name).append("' is not a sport");
    }
    message.append(" (");
    for (std::size_t i = 0; i < std::size(kSportNames); ++i) {
        if (name == kSportNames[i].second) {
            return kSportNames[i].first;
        }
        message.append(i == 0 ? "" : " or ").append(kSportNames[i].second);
    }
    message.append(")");
    return Status(StatusCode::kInvalidArgument, message);
}

Sport SportOf(const GameSpec& game) {
    return std::visit([](const auto& g) { return std::decay_t<decltype(g)>::kSport; }, game);
}

Status RunKernel(const SoccerGame& game, std::uint64_t seed, std::uint64_t first_path, std::size_t count,
                 SoccerGame::Outcome* out, const kernels::LaunchConfig& launch) {
    return kernels::RunSoccer(game.params, game.state, seed, first_path, count, out, launch);
}

Status RunKernel(const BasketballGame& game, std::uint64_t seed, std::uint64_t first_path, std::size_t count,
                 BasketballGame::Outcome* out, const kernels::LaunchConfig& launch) {
    return kernels::RunBasketball(game.params, game.state, seed, first_path, count, out, launch);
}

int SoccerStateMinute(const ks::SoccerParams& params, const ks::SoccerState& state) {
    if (state.minute <= 45.0) {
        return static_cast<int>(state.minute);
    }
    if (state.minute < params.segment_end[ks::kFirstHalfLastSegment]) {
        return 45;
    }
    return std::min(90, static_cast<int>(state.minute - params.first_half_stoppage));
}

int BasketballElapsedSeconds(const kb::BasketballState& s) {
    if (s.period <= 4) {
        return (s.period - 1) * kb::kQuarterSeconds + (kb::kQuarterSeconds - s.clock_seconds);
    }
    return kb::kRegulationSeconds + (s.period - 5) * kb::kOvertimeSeconds + (kb::kOvertimeSeconds - s.clock_seconds);
}

bool IsTipOff(const kb::BasketballState& s) {
    return s.period == 1 && s.clock_seconds == kb::kQuarterSeconds && s.score[0] == 0 && s.score[1] == 0;
}

int ElapsedSeconds(const SoccerGame& game) {
    return SoccerStateMinute(game.params, game.state) * 60;
}

int ElapsedSeconds(const BasketballGame& game) {
    return BasketballElapsedSeconds(game.state);
}

bool AtStart(const SoccerGame& game) {
    return game.state.minute == 0.0 && game.state.home == 0 && game.state.away == 0;
}

bool AtStart(const BasketballGame& game) {
    return IsTipOff(game.state);
}

bool AtStart(const GameSpec& game) {
    return std::visit([](const auto& g) { return AtStart(g); }, game);
}

} // namespace simbook::engine
