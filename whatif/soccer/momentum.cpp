#include "whatif/momentum.hpp"

#include <algorithm>

namespace simbook::whatif {

namespace ks = kernels::soccer;
using momentum_keys::Bad;
using momentum_keys::IntArgument;

std::optional<Result<Momentum>> ParseMomentum(const engine::SoccerGame& game, std::string_view key,
                                              std::string_view name, std::string_view arg) {
    const int minute_now = engine::SoccerStateMinute(game.params, game.state);
    Momentum m;
    if (name == "next_goal" || name == "next_team_to_score") {
        if (!arg.empty()) {
            return Bad(key, "takes no argument");
        }
        m.kind = MomentumKind::kNextGoal;
        m.outcomes = {"home", "away", "none"};
        return m;
    }
    if (name == "goal_before") {
        Result<int> minute = IntArgument(key, arg, 1, 90);
        if (!minute.ok()) {
            return minute.status();
        }
        if (*minute <= minute_now) {
            return Bad(key, "minute " + std::to_string(*minute) + " is not after the state's minute " +
                                std::to_string(minute_now));
        }
        m.kind = MomentumKind::kGoalBefore;
        m.limit = *minute;
        m.outcomes = {"yes", "no"};
        return m;
    }
    if (name == "lead_change") {
        Result<int> minutes = IntArgument(key, arg, 1, 90);
        if (!minutes.ok()) {
            return minutes.status();
        }
        m.kind = MomentumKind::kLeadChange;
        m.limit = minute_now + *minutes;
        m.outcomes = {"yes", "no"};
        return m;
    }
    if (name == "lead_at") {
        Result<int> minute = IntArgument(key, arg, 1, 90);
        if (!minute.ok()) {
            return minute.status();
        }
        if (*minute <= minute_now) {
            return Bad(key, "minute " + std::to_string(*minute) + " is not after the state");
        }
        m.kind = MomentumKind::kLeadAt;
        m.limit = *minute;
        m.outcomes = {"home", "level", "away"};
        return m;
    }
    return std::nullopt;
}

std::string DefaultWhatIfMarkets(const engine::SoccerGame&) {
    return "h2h,totals:2.5,btts,next_goal";
}

std::vector<std::string> DefaultMomentumKeys(const engine::SoccerGame& game) {
    const int now = engine::SoccerStateMinute(game.params, game.state);
    std::vector<std::string> keys{"next_goal"};
    if (now < 90) {
        keys.push_back("goal_before:" + std::to_string(std::min(90, (now / 15 + 1) * 15)));
    }
    keys.push_back("lead_change:15");
    return keys;
}

std::vector<int> Checkpoints(const engine::SoccerGame& game) {
    const int now = engine::SoccerStateMinute(game.params, game.state);
    std::vector<int> out;
    for (int t = 15; t < 90; t += 15) {
        if (t > now) {
            out.push_back(t);
        }
    }
    return out;
}

int SettleMomentum(const Momentum& m, const ks::SoccerState& at, const ks::SoccerOutcome& o) {
    switch (m.kind) {
    case MomentumKind::kNextGoal:
        return o.goals_recorded == 0 ? 2 : static_cast<int>(o.goal_team_bits & 1u);
    case MomentumKind::kGoalBefore:
        return o.goals_recorded > 0 && o.goal_minute[0] <= m.limit ? 0 : 1;
    case MomentumKind::kLeadChange:
    case MomentumKind::kLeadAt: {
        const int total = o.home + o.away - at.home - at.away;
        int margin = at.home - at.away;
        int leader = at.last_leader;
        for (int i = 0; i < o.goals_recorded; ++i) {
            if (o.goal_minute[i] > m.limit) {
                break;
            }
            margin += ((o.goal_team_bits >> i) & 1u) != 0 ? -1 : 1;
            const int now = (margin > 0) - (margin < 0);
            if (m.kind == MomentumKind::kLeadChange && now != 0 && leader != 0 && now != leader) {
                return 0;
            }
            leader = now != 0 ? now : leader;
        }
        const bool complete =
            total <= o.goals_recorded || (o.goals_recorded > 0 && o.goal_minute[o.goals_recorded - 1] > m.limit);
        if (!complete) {
            return -1;
        }
        if (m.kind == MomentumKind::kLeadChange) {
            return 1;
        }
        return margin > 0 ? 0 : (margin == 0 ? 1 : 2);
    }
    default:
        return -1;
    }
}

} // namespace simbook::whatif
