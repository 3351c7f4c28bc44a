#include "whatif/momentum.hpp"

#include "odds/market.hpp"

namespace simbook::whatif {

namespace kb = kernels::basketball;
using momentum_keys::Above;
using momentum_keys::Bad;
using momentum_keys::HalfLine;
using momentum_keys::IntArgument;

std::optional<Result<Momentum>> ParseMomentum(const engine::BasketballGame& game, std::string_view key,
                                              std::string_view name, std::string_view arg) {
    const int elapsed = engine::BasketballElapsedSeconds(game.state);
    Momentum m;
    if (name == "next_team_to_score") {
        if (!arg.empty()) {
            return Bad(key, "takes no argument");
        }
        m.kind = MomentumKind::kNextGoal;
        m.outcomes = {"home", "away", "none"};
        return m;
    }
    if (name == "next_score") {
        if (!arg.empty()) {
            return Bad(key, "takes no argument");
        }
        m.kind = MomentumKind::kNextScore;
        m.outcomes = {"home_two",         "home_three", "home_free_throws", "away_two", "away_three",
                      "away_free_throws", "none"};
        return m;
    }
    if (name == "lead_change") {
        Result<int> minutes = IntArgument(key, arg, 1, 48);
        if (!minutes.ok()) {
            return minutes.status();
        }
        m.kind = MomentumKind::kLeadChange;
        m.limit = elapsed + 60 * *minutes;
        m.outcomes = {"yes", "no"};
        return m;
    }
    if (name == "lead_at") {
        Result<int> minute = IntArgument(key, arg, 1, 48);
        if (!minute.ok()) {
            return minute.status();
        }
        if (*minute <= elapsed / 60) {
            return Bad(key, "minute " + std::to_string(*minute) + " is not after the state");
        }
        if (*minute % 12 != 0 || game.state.period > 4) {
            return Bad(key, "basketball leads are kept at the end of a quarter in regulation: 12, 24, 36 or 48");
        }
        m.quarter = *minute / 12;
        m.kind = MomentumKind::kLeadAt;
        m.limit = *minute;
        m.outcomes = {"home", "level", "away"};
        return m;
    }
    if (name == "largest_run_team") {
        if (!arg.empty()) {
            return Bad(key, "takes no argument");
        }
        m.kind = MomentumKind::kLargestRunTeam;
        m.outcomes = {"home", "away"};
        return m;
    }
    if (name == "largest_run") {
        Result<odds::Market> line = odds::ParseMarket("totals:" + std::string(arg));
        if (!line.ok() || !HalfLine(line->line)) {
            return Bad(key, "needs a half line (x.5) of points, e.g. largest_run:9.5");
        }
        m.kind = MomentumKind::kLargestRun;
        m.threshold = Above(line->line);
        m.outcomes = {"over", "under"};
        return m;
    }
    return std::nullopt;
}

std::string DefaultWhatIfMarkets(const engine::BasketballGame&) {
    return "h2h,spreads:-4.5,totals:224.5,next_score";
}

std::vector<std::string> DefaultMomentumKeys(const engine::BasketballGame&) {
    return {"next_team_to_score", "next_score", "lead_change:5", "largest_run:10.5", "largest_run_team"};
}

std::vector<int> Checkpoints(const engine::BasketballGame& game) {
    std::vector<int> out;
    if (game.state.period <= 4) {
        const int now = engine::BasketballElapsedSeconds(game.state);
        for (int t = 12; t < 48; t += 12) {
            if (60 * t > now) {
                out.push_back(t);
            }
        }
    }
    return out;
}

namespace {

//! Box-score and light paths settle momentum markets alike (the same fields).
template <typename Outcome> int Settle(const Momentum& m, const kb::BasketballState& at, const Outcome& o) {
    switch (m.kind) {
    case MomentumKind::kNextGoal:
        return o.first_score == 0 ? 2 : (o.first_score - 1) / 3;
    case MomentumKind::kNextScore:
        return o.first_score == 0 ? 6 : o.first_score - 1;
    case MomentumKind::kLeadChange:
        return o.first_lead_change_second != kb::kNoLeadChange && o.first_lead_change_second < m.limit ? 0 : 1;
    case MomentumKind::kLeadAt: {
        int margin = at.score[0] - at.score[1];
        for (int q = 0; q < m.quarter; ++q) {
            margin += o.period_points[0][q] - o.period_points[1][q];
        }
        return margin > 0 ? 0 : (margin == 0 ? 1 : 2);
    }
    case MomentumKind::kLargestRun:
        return o.largest_run >= m.threshold ? 0 : 1;
    case MomentumKind::kLargestRunTeam:
        return o.largest_run == 0 ? -1 : o.largest_run_team;
    default:
        return -1;
    }
}

} // namespace

int SettleMomentum(const Momentum& m, const kb::BasketballState& at, const kb::BasketballOutcome& o) {
    return Settle(m, at, o);
}

int SettleMomentum(const Momentum& m, const kb::BasketballState& at, const kb::BasketballLightOutcome& o) {
    return Settle(m, at, o);
}

} // namespace simbook::whatif
