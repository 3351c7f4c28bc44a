#include "odds/risk/settlement.hpp"

#include "odds/int_distribution.hpp"
#include "odds/score_markets.hpp"

#include <algorithm>
#include <string>

namespace simbook::odds::risk {

namespace {

constexpr int kMaxScore = 100000;

std::string Named(std::string_view text) {
    std::string out;
    out += '\'';
    out += text;
    out += '\'';
    return out;
}

Status UnknownOutcome(const Market& market, std::string_view outcome) {
    std::string reason = "market ";
    reason += market.Key();
    reason += " has no outcome ";
    reason += Named(outcome);
    return InvalidArgument("outcome", reason);
}

// The kind of a settlement of a one-point distribution: exactly one field holds probability 1.
SettlementKind KindOf(const Settlement& s) {
    if (s.win.probability > 0.5) {
        return SettlementKind::kWin;
    }
    if (s.half_win.probability > 0.5) {
        return SettlementKind::kHalfWin;
    }
    if (s.push.probability > 0.5) {
        return SettlementKind::kPush;
    }
    if (s.half_lose.probability > 0.5) {
        return SettlementKind::kHalfLose;
    }
    return SettlementKind::kLose;
}

SettlementKind WinIf(bool won) {
    return won ? SettlementKind::kWin : SettlementKind::kLose;
}

Result<ScoreMatrix> PointMatrix(int home, int away) {
    std::vector<std::vector<double>> rows(static_cast<std::size_t>(home) + 1,
                                          std::vector<double>(static_cast<std::size_t>(away) + 1, 0.0));
    rows[static_cast<std::size_t>(home)][static_cast<std::size_t>(away)] = 1.0;
    return ScoreMatrix::Create(std::move(rows));
}

Result<SettlementKind> FromSettlement(const Result<Settlement>& settlement) {
    if (!settlement.ok()) {
        return InvalidArgument("line", settlement.status().message());
    }
    return KindOf(*settlement);
}

} // namespace

std::string MarketResult::ToText() const {
    std::string text = std::to_string(home);
    text += '-';
    text += std::to_string(away);
    if (value) {
        text += " value=";
        text += std::to_string(*value);
    }
    if (!legs.empty()) {
        text += " [";
        for (std::size_t i = 0; i < legs.size(); ++i) {
            if (i > 0) {
                text += '|';
            }
            text += legs[i].ToText();
        }
        text += ']';
    }
    return text;
}

Status CheckResult(const Market& market, const MarketResult& result) {
    if (market.kind == MarketKind::kParlay) {
        if (result.legs.size() != market.legs.size()) {
            return InvalidArgument("result.legs", "a parlay of " + std::to_string(market.legs.size()) +
                                                      " legs needs as many leg results, got " +
                                                      std::to_string(result.legs.size()));
        }
        for (std::size_t i = 0; i < result.legs.size(); ++i) {
            const Status leg = CheckResult(market.legs[i].market, result.legs[i]);
            if (!leg.ok()) {
                std::string message = "result.legs[";
                message += std::to_string(i);
                message += "].";
                message += leg.message();
                return {StatusCode::kInvalidArgument, message};
            }
        }
        return Status::Ok();
    }
    if (result.home < 0 || result.home > kMaxScore) {
        return InvalidArgument("result.home", "score must be in [0, 100000], got " + std::to_string(result.home));
    }
    if (result.away < 0 || result.away > kMaxScore) {
        return InvalidArgument("result.away", "score must be in [0, 100000], got " + std::to_string(result.away));
    }
    if (market.kind == MarketKind::kPlayerProp) {
        if (!result.value) {
            return InvalidArgument("result.value", "a player prop needs the player's settled value");
        }
        if (*result.value < 0 || *result.value > kMaxScore) {
            return InvalidArgument("result.value", "must be in [0, 100000], got " + std::to_string(*result.value));
        }
    }
    return Status::Ok();
}

Result<SettlementKind> SettleOutcome(const Market& market, std::string_view outcome, const MarketResult& result,
                                     std::span<const std::string> listed) {
    if (const Status checked = CheckResult(market, result); !checked.ok()) {
        return checked;
    }
    const int h = result.home;
    const int a = result.away;
    switch (market.kind) {
    case MarketKind::kMatchResult:
        if (outcome == "home") {
            return WinIf(h > a);
        }
        if (outcome == "draw") {
            return WinIf(h == a);
        }
        if (outcome == "away") {
            return WinIf(h < a);
        }
        return UnknownOutcome(market, outcome);
    case MarketKind::kDoubleChance:
        if (outcome == "home_or_draw") {
            return WinIf(h >= a);
        }
        if (outcome == "home_or_away") {
            return WinIf(h != a);
        }
        if (outcome == "draw_or_away") {
            return WinIf(h <= a);
        }
        return UnknownOutcome(market, outcome);
    case MarketKind::kDrawNoBet:
        if (outcome != "home" && outcome != "away") {
            return UnknownOutcome(market, outcome);
        }
        if (h == a) {
            return SettlementKind::kPush;
        }
        return WinIf((outcome == "home") == (h > a));
    case MarketKind::kHandicap: {
        if (outcome != "home" && outcome != "away") {
            return UnknownOutcome(market, outcome);
        }
        const auto matrix = PointMatrix(h, a);
        if (!matrix.ok()) {
            return matrix.status();
        }
        return outcome == "home" ? FromSettlement(AsianHandicap(*matrix, Team::kHome, market.line))
                                 : FromSettlement(AsianHandicap(*matrix, Team::kAway, -market.line));
    }
    case MarketKind::kTotal:
    case MarketKind::kTeamTotal: {
        if (outcome != "over" && outcome != "under") {
            return UnknownOutcome(market, outcome);
        }
        const auto matrix = PointMatrix(h, a);
        if (!matrix.ok()) {
            return matrix.status();
        }
        const TotalSide side = outcome == "over" ? TotalSide::kOver : TotalSide::kUnder;
        if (market.kind == MarketKind::kTotal) {
            return FromSettlement(Total(*matrix, side, market.line));
        }
        const Team team = market.team == Side::kHome ? Team::kHome : Team::kAway;
        return FromSettlement(TeamTotal(*matrix, team, side, market.line));
    }
    case MarketKind::kBothTeamsToScore:
        if (outcome != "yes" && outcome != "no") {
            return UnknownOutcome(market, outcome);
        }
        return WinIf((outcome == "yes") == (h > 0 && a > 0));
    case MarketKind::kWinToNil: {
        if (outcome != "yes" && outcome != "no") {
            return UnknownOutcome(market, outcome);
        }
        const bool yes = market.team == Side::kHome ? (h > a && a == 0) : (a > h && h == 0);
        return WinIf((outcome == "yes") == yes);
    }
    case MarketKind::kCorrectScore: {
        const std::string score = std::to_string(h) + "-" + std::to_string(a);
        if (outcome == "any_other") {
            return WinIf(std::find(listed.begin(), listed.end(), score) == listed.end());
        }
        if (!listed.empty() && std::find(listed.begin(), listed.end(), outcome) == listed.end()) {
            return UnknownOutcome(market, outcome);
        }
        return WinIf(outcome == score);
    }
    case MarketKind::kPlayerProp: {
        if (outcome != "over" && outcome != "under") {
            return UnknownOutcome(market, outcome);
        }
        const auto point = IntDistribution::Create({1.0}, *result.value);
        if (!point.ok()) {
            return point.status();
        }
        return outcome == "over" ? FromSettlement(SettleOver(*point, market.line))
                                 : FromSettlement(SettleUnder(*point, market.line));
    }
    case MarketKind::kParlay: {
        if (outcome != "yes") {
            return UnknownOutcome(market, outcome);
        }
        bool all_win = true;
        for (std::size_t i = 0; i < market.legs.size(); ++i) {
            const auto leg = SettleOutcome(market.legs[i].market, market.legs[i].outcome, result.legs[i]);
            if (!leg.ok()) {
                return leg.status();
            }
            if (*leg == SettlementKind::kLose || *leg == SettlementKind::kHalfLose) {
                return SettlementKind::kLose;
            }
            all_win = all_win && *leg == SettlementKind::kWin;
        }
        return all_win ? SettlementKind::kWin : SettlementKind::kVoid;
    }
    case MarketKind::kWinningMargin: {
        int lo = 0, hi = 0;
        if (!WinningMarginBand(outcome, &lo, &hi)) {
            return UnknownOutcome(market, outcome);
        }
        return WinIf(h - a >= lo && h - a <= hi);
    }
    case MarketKind::kHalfTimeFullTime:
    case MarketKind::kFirstTeamToScore:
    case MarketKind::kRaceTo:
    case MarketKind::kNextScoreType:
        break;
    }
    std::string reason = "market ";
    reason += market.Key();
    reason += " cannot be settled from a final score: settle it with a named winner";
    return InvalidArgument("market", reason);
}

} // namespace simbook::odds::risk
