#include "whatif/path_markets.hpp"

#include "odds/path_tally.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

namespace simbook::whatif {
namespace {

namespace ks = kernels::soccer;
namespace kb = kernels::basketball;

using engine::Sport;
using odds::MarketKind;
using odds::Period;

Status Bad(std::string_view key, const std::string& reason) {
    return InvalidArgument("market '" + std::string(key) + "'", reason);
}

//! The integer after "name:" in a key, within [lo, hi].
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

//! Half line L: X > L <=> X >= floor(L) + 1.
int Above(double line) {
    return static_cast<int>(std::floor(line)) + 1;
}

int Sign(int x) {
    return (x > 0) - (x < 0);
}

} // namespace

Result<PathMarket> PathMarket::Parse(std::string_view key, const GameSpec& game) {
    PathMarket m;
    m.sport_ = game.sport();
    if (const engine::SoccerGame* soccer = game.soccer(); soccer != nullptr) {
        m.soccer_state_ = soccer->state;
    } else {
        m.basketball_state_ = game.basketball()->state;
    }
    m.key_ = std::string(key);
    const bool soccer = game.sport() == Sport::kSoccer;
    const std::string_view name = key.substr(0, key.find(':'));
    const std::string_view arg = key.find(':') == std::string_view::npos ? "" : key.substr(key.find(':') + 1);
    const auto need_sport = [&](Sport sport) -> Status {
        if (game.sport() != sport) {
            return Bad(key, std::string("is a ") + engine::SportName(sport) + " market");
        }
        return Status::Ok();
    };
    const int soccer_minute = soccer ? SoccerStateMinute(game.soccer()->params, m.soccer_state_) : 0;
    const int elapsed_minutes = soccer ? 0 : BasketballElapsedSeconds(m.basketball_state_) / 60;

    if (name == "next_goal" || name == "next_team_to_score") {
        if (!arg.empty()) {
            return Bad(key, "takes no argument");
        }
        if (name == "next_goal") {
            if (Status s = need_sport(Sport::kSoccer); !s.ok()) {
                return s;
            }
        }
        m.kind_ = MomentumKind::kNextGoal;
        m.outcomes_ = {"home", "away", "none"};
        return m;
    }
    if (name == "next_score") {
        if (Status s = need_sport(Sport::kBasketball); !s.ok()) {
            return s;
        }
        if (!arg.empty()) {
            return Bad(key, "takes no argument");
        }
        m.kind_ = MomentumKind::kNextScore;
        m.outcomes_ = {"home_two",         "home_three", "home_free_throws", "away_two", "away_three",
                       "away_free_throws", "none"};
        return m;
    }
    if (name == "goal_before") {
        if (Status s = need_sport(Sport::kSoccer); !s.ok()) {
            return s;
        }
        Result<int> minute = IntArgument(key, arg, 1, 90);
        if (!minute.ok()) {
            return minute.status();
        }
        if (*minute <= soccer_minute) {
            return Bad(key, "minute " + std::to_string(*minute) + " is not after the state's minute " +
                                std::to_string(soccer_minute));
        }
        m.kind_ = MomentumKind::kGoalBefore;
        m.limit_ = *minute;
        m.outcomes_ = {"yes", "no"};
        return m;
    }
    if (name == "lead_change") {
        Result<int> minutes = IntArgument(key, arg, 1, soccer ? 90 : 48);
        if (!minutes.ok()) {
            return minutes.status();
        }
        m.kind_ = MomentumKind::kLeadChange;
        m.limit_ = soccer ? soccer_minute + *minutes : BasketballElapsedSeconds(m.basketball_state_) + 60 * *minutes;
        m.outcomes_ = {"yes", "no"};
        return m;
    }
    if (name == "lead_at") {
        Result<int> minute = IntArgument(key, arg, 1, soccer ? 90 : 48);
        if (!minute.ok()) {
            return minute.status();
        }
        if (soccer ? *minute <= soccer_minute : *minute <= elapsed_minutes) {
            return Bad(key, "minute " + std::to_string(*minute) + " is not after the state");
        }
        if (!soccer) {
            if (*minute % 12 != 0 || m.basketball_state_.period > 4) {
                return Bad(key, "basketball leads are kept at the end of a quarter in regulation: 12, 24, 36 or 48");
            }
            m.quarter_ = *minute / 12;
        }
        m.kind_ = MomentumKind::kLeadAt;
        m.limit_ = *minute;
        m.outcomes_ = {"home", "level", "away"};
        return m;
    }
    if (name == "largest_run" || name == "largest_run_team") {
        if (Status s = need_sport(Sport::kBasketball); !s.ok()) {
            return s;
        }
        if (name == "largest_run_team") {
            if (!arg.empty()) {
                return Bad(key, "takes no argument");
            }
            m.kind_ = MomentumKind::kLargestRunTeam;
            m.outcomes_ = {"home", "away"};
            return m;
        }
        Result<odds::Market> line = odds::ParseMarket("totals:" + std::string(arg));
        if (!line.ok() || !HalfLine(line->line)) {
            return Bad(key, "needs a half line (x.5) of points, e.g. largest_run:9.5");
        }
        m.kind_ = MomentumKind::kLargestRun;
        m.threshold_ = Above(line->line);
        m.outcomes_ = {"over", "under"};
        return m;
    }

    Result<odds::Market> parsed = odds::ParseMarket(key);
    if (!parsed.ok()) {
        return Bad(key, parsed.status().message());
    }
    m.market_ = *parsed;
    m.key_ = m.market_.Key();
    const odds::Market& mk = m.market_;
    if (soccer && (mk.period == Period::kQ1 || mk.period == Period::kQ2 || mk.period == Period::kQ3 ||
                   mk.period == Period::kQ4)) {
        return Bad(key, "soccer has no quarters");
    }
    if (!soccer && mk.period != Period::kGame && !IsTipOff(m.basketball_state_)) {
        return Bad(key, "period markets need a tip-off state (periods are counted from the state onward)");
    }
    switch (mk.kind) {
    case MarketKind::kMatchResult:
        m.outcomes_ = soccer || mk.period != Period::kGame ? std::vector<std::string>{"home", "draw", "away"}
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
            if (Status s = need_sport(Sport::kBasketball); !s.ok()) {
                return s;
            }
            if (!IsTipOff(m.basketball_state_)) {
                return Bad(key, "player props need a tip-off state (player stats are simulated from the state on)");
            }
            const engine::BasketballGame& basketball = *game.basketball();
            if (std::find(basketball.player_names.begin(), basketball.player_names.end(), mk.player) ==
                basketball.player_names.end()) {
                return Bad(key, "unknown player '" + mk.player + "'");
            }
        }
        break;
    case MarketKind::kBothTeamsToScore:
    case MarketKind::kWinToNil:
    case MarketKind::kHalfTimeFullTime:
    case MarketKind::kFirstTeamToScore:
        if (Status s = need_sport(Sport::kSoccer); !s.ok()) {
            return s;
        }
        if (mk.period != Period::kGame) {
            return Bad(key, "is priced for a whole match only");
        }
        if (mk.kind == MarketKind::kFirstTeamToScore) {
            if (m.soccer_state_.home + m.soccer_state_.away > 0) {
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
        if (Status s = need_sport(Sport::kBasketball); !s.ok()) {
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

int PathMarket::Settle(const ks::SoccerOutcome& o) const {
    switch (kind_) {
    case MomentumKind::kNone:
        return settler_.Settle(o);
    case MomentumKind::kNextGoal:
        return o.goals_recorded == 0 ? 2 : static_cast<int>(o.goal_team_bits & 1u);
    case MomentumKind::kGoalBefore:
        return o.goals_recorded > 0 && o.goal_minute[0] <= limit_ ? 0 : 1;
    case MomentumKind::kLeadChange:
    case MomentumKind::kLeadAt: {
        const int total = o.home + o.away - soccer_state_.home - soccer_state_.away;
        int margin = soccer_state_.home - soccer_state_.away;
        int leader = soccer_state_.last_leader;
        for (int i = 0; i < o.goals_recorded; ++i) {
            if (o.goal_minute[i] > limit_) {
                break;
            }
            margin += ((o.goal_team_bits >> i) & 1u) != 0 ? -1 : 1;
            const int now = Sign(margin);
            if (kind_ == MomentumKind::kLeadChange && now != 0 && leader != 0 && now != leader) {
                return 0;
            }
            leader = now != 0 ? now : leader;
        }
        const bool complete =
            total <= o.goals_recorded || (o.goals_recorded > 0 && o.goal_minute[o.goals_recorded - 1] > limit_);
        if (!complete) {
            return -1;
        }
        if (kind_ == MomentumKind::kLeadChange) {
            return 1;
        }
        return margin > 0 ? 0 : (margin == 0 ? 1 : 2);
    }
    default:
        return -1;
    }
}

int PathMarket::Settle(const kb::BasketballOutcome& o) const {
    switch (kind_) {
    case MomentumKind::kNone:
        return settler_.Settle(o);
    case MomentumKind::kNextGoal:
        return o.first_score == 0 ? 2 : (o.first_score - 1) / 3;
    case MomentumKind::kNextScore:
        return o.first_score == 0 ? 6 : o.first_score - 1;
    case MomentumKind::kLeadChange:
        return o.first_lead_change_second != kb::kNoLeadChange && o.first_lead_change_second < limit_ ? 0 : 1;
    case MomentumKind::kLeadAt: {
        int margin = basketball_state_.score[0] - basketball_state_.score[1];
        for (int q = 0; q < quarter_; ++q) {
            margin += o.period_points[0][q] - o.period_points[1][q];
        }
        return margin > 0 ? 0 : (margin == 0 ? 1 : 2);
    }
    case MomentumKind::kLargestRun:
        return o.largest_run >= threshold_ ? 0 : 1;
    case MomentumKind::kLargestRunTeam:
        return o.largest_run == 0 ? -1 : o.largest_run_team;
    default:
        return -1;
    }
}

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
