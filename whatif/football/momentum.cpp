#include "whatif/momentum.hpp"

namespace simbook::whatif {

namespace kf = kernels::football;
using momentum_keys::Bad;

std::optional<Result<Momentum>> ParseMomentum(const engine::FootballGame&, std::string_view key, std::string_view name,
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

std::string DefaultWhatIfMarkets(const engine::FootballGame& game) {
    // Period lines count from the state on, so the halves and quarters are offered at the kick-off only.
    return engine::AtStart(game) ? "h2h,spreads:-2.5,totals:44.5,h1:spreads:-0.5,q1:totals:9.5,winning_margin,"
                                   "next_score_type,next_team_to_score"
                                 : "h2h,spreads:-2.5,totals:44.5,winning_margin,next_score_type,next_team_to_score";
}

std::vector<std::string> DefaultMomentumKeys(const engine::FootballGame&) {
    return {"next_team_to_score"};
}

std::vector<int> Checkpoints(const engine::FootballGame&) {
    // The paths record points by quarter, not a win probability by time.
    return {};
}

int SettleMomentum(const Momentum& m, const kf::FootballState&, const kf::FootballOutcome& o) {
    if (m.kind == MomentumKind::kNextGoal) {
        return o.first_scorer == 0 ? 2 : o.first_scorer - 1;
    }
    return -1;
}

} // namespace simbook::whatif
