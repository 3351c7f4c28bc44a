#include "whatif/momentum.hpp"

namespace simbook::whatif {

namespace kbb = kernels::baseball;
using momentum_keys::Bad;

std::optional<Result<Momentum>> ParseMomentum(const engine::BaseballGame&, std::string_view key, std::string_view name,
                                              std::string_view arg) {
    if (name == "next_team_to_score") {
        if (!arg.empty()) {
            return Bad(key, "takes no argument");
        }
        Momentum m;
        m.kind = MomentumKind::kNextGoal;
        m.outcomes = {"home", "away", "none"};
        return m;
    }
    return std::nullopt;
}

std::string DefaultWhatIfMarkets(const engine::BaseballGame& game) {
    return game.state.inning <= 5 ? "h2h,spreads:-1.5,totals:8.5,f5:h2h,next_team_to_score"
                                  : "h2h,spreads:-1.5,totals:8.5,next_team_to_score";
}

std::vector<std::string> DefaultMomentumKeys(const engine::BaseballGame&) {
    return {"next_team_to_score"};
}

std::vector<int> Checkpoints(const engine::BaseballGame&) {
    // Baseball has no clock: its paths record runs by inning, not by time.
    return {};
}

int SettleMomentum(const Momentum& m, const kbb::BaseballState&, const kbb::BaseballOutcome& o) {
    if (m.kind == MomentumKind::kNextGoal) {
        return o.first_score == 0 ? 2 : o.first_score - 1;
    }
    return -1;
}

} // namespace simbook::whatif
