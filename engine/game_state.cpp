#include "engine/game_state.hpp"

#include "models/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

namespace simbook::engine {

namespace ks = kernels::soccer;
namespace kb = kernels::basketball;

namespace {

//! An integer field in [lo, hi], or fallback when absent.
Result<int> IntField(const nlohmann::json& json, const char* name, int fallback, int lo, int hi) {
    const auto it = json.find(name);
    if (it == json.end()) {
        return fallback;
    }
    if (!it->is_number_integer()) {
        return InvalidArgument(std::string("state.") + name, it->dump() + " is not an integer");
    }
    const long long value = it->get<long long>();
    if (value < lo || value > hi) {
        return InvalidArgument(std::string("state.") + name, std::to_string(value) + " is outside [" +
                                                                 std::to_string(lo) + ", " + std::to_string(hi) + "]");
    }
    return static_cast<int>(value);
}

Result<bool> BoolField(const nlohmann::json& json, const char* name) {
    const auto it = json.find(name);
    if (it == json.end()) {
        return false;
    }
    if (!it->is_boolean()) {
        return InvalidArgument(std::string("state.") + name, it->dump() + " is not true or false");
    }
    return it->get<bool>();
}

//! "home" -> 0, "away" -> 1, null/"none" -> -1.
Result<int> TeamField(const nlohmann::json& json, const char* name, int fallback) {
    const auto it = json.find(name);
    if (it == json.end() || it->is_null()) {
        return fallback;
    }
    if (it->is_string()) {
        const std::string value = it->get<std::string>();
        if (value == "home") {
            return 0;
        }
        if (value == "away") {
            return 1;
        }
        if (value == "none") {
            return -1;
        }
    }
    return InvalidArgument(std::string("state.") + name, it->dump() + " is not \"home\", \"away\" or null");
}

int Sign(int x) {
    return x > 0 ? 1 : (x < 0 ? -1 : 0);
}

//! last_leader: explicit, else the sign of the current margin (a level score with goals leaves it unknown).
Result<int> LastLeader(const nlohmann::json& json, int home, int away) {
    Result<int> team = TeamField(json, "last_leader", -2);
    if (!team.ok()) {
        return team.status();
    }
    if (team.value() == -2) {
        return Sign(home - away);
    }
    if (home != away && (team.value() == 0 ? 1 : (team.value() == 1 ? -1 : 0)) != Sign(home - away)) {
        return InvalidArgument("state.last_leader", "contradicts the score: the leading team leads");
    }
    return team.value() == 0 ? 1 : (team.value() == 1 ? -1 : 0);
}

#define SIMBOOK_ASSIGN_OR_RETURN(lhs, expr)                                                                            \
    auto lhs##_result = (expr);                                                                                        \
    if (!lhs##_result.ok()) {                                                                                          \
        return lhs##_result.status();                                                                                  \
    }                                                                                                                  \
    const auto lhs = lhs##_result.value()

} // namespace

ks::SoccerState SoccerKickOff() {
    return ks::SoccerState{};
}

Result<ks::SoccerState> ParseSoccerState(const nlohmann::json& json, const ks::SoccerParams& params) {
    if (!json.is_object()) {
        return InvalidArgument("state", "expected a JSON object");
    }
    if (Status s = models::CheckKnownFields(json,
                                            {"minute", "home", "away", "half", "stoppage", "red_home", "red_away",
                                             "ht_home", "ht_away", "last_leader", "finished"},
                                            "state");
        !s.ok()) {
        return s;
    }
    SIMBOOK_ASSIGN_OR_RETURN(finished, BoolField(json, "finished"));
    SIMBOOK_ASSIGN_OR_RETURN(minute, models::NumberField(json, "minute", finished ? 90.0 : 0.0, "state", 0.0, 90.0));
    SIMBOOK_ASSIGN_OR_RETURN(home, IntField(json, "home", 0, 0, 50));
    SIMBOOK_ASSIGN_OR_RETURN(away, IntField(json, "away", 0, 0, 50));
    SIMBOOK_ASSIGN_OR_RETURN(half, IntField(json, "half", minute <= 45.0 ? 1 : 2, 1, 2));
    SIMBOOK_ASSIGN_OR_RETURN(red_home, IntField(json, "red_home", 0, 0, ks::kMaxReds));
    SIMBOOK_ASSIGN_OR_RETURN(red_away, IntField(json, "red_away", 0, 0, ks::kMaxReds));
    const double s1 = params.first_half_stoppage;
    const double s2 = params.segment_end[ks::kSegments - 1] - params.segment_end[ks::kSegments - 2];
    if (half == 1 && minute > 45.0) {
        return InvalidArgument("state.minute", std::to_string(minute) + " is past 45 in the first half");
    }
    if (half == 2 && minute < 45.0) {
        return InvalidArgument("state.minute", std::to_string(minute) + " is before 45 in the second half");
    }
    const double stoppage_max = half == 1 ? s1 : s2;
    const bool in_stoppage_minute = minute == (half == 1 ? 45.0 : 90.0);
    SIMBOOK_ASSIGN_OR_RETURN(
        stoppage, models::NumberField(json, "stoppage", 0.0, "state", 0.0, in_stoppage_minute ? stoppage_max : 0.0));

    ks::SoccerState state{};
    state.minute = half == 1 ? minute + stoppage : minute + s1 + stoppage;
    if (finished) {
        state.minute = params.segment_end[ks::kSegments - 1];
    }
    state.home = home;
    state.away = away;
    state.red[0] = red_home;
    state.red[1] = red_away;
    const bool second_half = state.minute >= params.segment_end[ks::kFirstHalfLastSegment];
    if (!second_half && (json.contains("ht_home") || json.contains("ht_away"))) {
        return InvalidArgument("state.ht_home", "the half-time score exists only after half-time");
    }
    SIMBOOK_ASSIGN_OR_RETURN(ht_home, IntField(json, "ht_home", home, 0, home));
    SIMBOOK_ASSIGN_OR_RETURN(ht_away, IntField(json, "ht_away", away, 0, away));
    state.ht_home = ht_home;
    state.ht_away = ht_away;
    SIMBOOK_ASSIGN_OR_RETURN(leader, LastLeader(json, home, away));
    state.last_leader = leader;
    return state;
}

kb::BasketballState BasketballTipOff() {
    return kb::BasketballState{1, kb::kQuarterSeconds, {0, 0}, -1, 0};
}

Result<kb::BasketballState> ParseBasketballState(const nlohmann::json& json) {
    if (!json.is_object()) {
        return InvalidArgument("state", "expected a JSON object");
    }
    if (Status s = models::CheckKnownFields(
            json, {"period", "clock", "home", "away", "possession", "last_leader", "finished"}, "state");
        !s.ok()) {
        return s;
    }
    SIMBOOK_ASSIGN_OR_RETURN(finished, BoolField(json, "finished"));
    SIMBOOK_ASSIGN_OR_RETURN(period, IntField(json, "period", finished ? 4 : 1, 1, 4 + kb::kMaxOvertimes));
    SIMBOOK_ASSIGN_OR_RETURN(home, IntField(json, "home", 0, 0, 400));
    SIMBOOK_ASSIGN_OR_RETURN(away, IntField(json, "away", 0, 0, 400));
    SIMBOOK_ASSIGN_OR_RETURN(possession, TeamField(json, "possession", -1));
    const int period_seconds = period <= 4 ? kb::kQuarterSeconds : kb::kOvertimeSeconds;
    int clock = finished ? 0 : period_seconds;
    if (const auto it = json.find("clock"); it != json.end()) {
        if (finished) {
            return InvalidArgument("state.clock", "a finished game has no clock");
        }
        if (it->is_number_integer()) {
            clock = it->get<int>();
        } else if (it->is_string()) {
            const std::string text = it->get<std::string>();
            const auto colon = text.find(':');
            try {
                std::size_t used = 0;
                const int minutes = colon == std::string::npos ? 0 : std::stoi(text.substr(0, colon), &used);
                if (colon != std::string::npos && used != colon) {
                    throw std::invalid_argument(text);
                }
                const std::string rest = colon == std::string::npos ? text : text.substr(colon + 1);
                const int seconds = std::stoi(rest, &used);
                if (used != rest.size() || minutes < 0 || seconds < 0 ||
                    (colon != std::string::npos && seconds >= 60)) {
                    throw std::invalid_argument(text);
                }
                clock = minutes * 60 + seconds;
            } catch (const std::exception&) {
                return InvalidArgument("state.clock", it->dump() + " is not \"mm:ss\" or whole seconds");
            }
        } else {
            return InvalidArgument("state.clock", it->dump() + " is not \"mm:ss\" or whole seconds");
        }
        if (clock < 0 || clock > period_seconds) {
            return InvalidArgument("state.clock", it->dump() + " is outside 0:00 to " +
                                                      std::to_string(period_seconds / 60) + ":00 for period " +
                                                      std::to_string(period));
        }
    }
    if (finished && home == away) {
        return InvalidArgument("state.finished", "a finished game cannot be tied");
    }
    if (period > 4 && clock == period_seconds && home != away) {
        return InvalidArgument("state.period", "an overtime is only played from a tie");
    }
    SIMBOOK_ASSIGN_OR_RETURN(leader, LastLeader(json, home, away));
    kb::BasketballState state{period, clock, {home, away}, possession, leader};
    if (finished) {
        state.period = period > 4 ? period : 4;
        state.clock_seconds = 0;
    }
    return state;
}

} // namespace simbook::engine
