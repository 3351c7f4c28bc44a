#include "odds/market.hpp"

#include "odds/detail/checks.hpp"

#include <charconv>
#include <climits>
#include <cmath>
#include <string>

namespace simbook::odds {

namespace {

struct PeriodName {
    std::string_view name;
    Period period;
};
constexpr PeriodName kPeriods[] = {
    {"h1", Period::kFirstHalf}, {"h2", Period::kSecondHalf}, {"q1", Period::kQ1},        {"q2", Period::kQ2},
    {"q3", Period::kQ3},        {"q4", Period::kQ4},         {"f5", Period::kFirstFive}, {"i1", Period::kInning1},
    {"i2", Period::kInning2},   {"i3", Period::kInning3},    {"i4", Period::kInning4},   {"i5", Period::kInning5},
    {"i6", Period::kInning6},   {"i7", Period::kInning7},    {"i8", Period::kInning8},   {"i9", Period::kInning9}};

struct StatName {
    std::string_view name;
    PlayerStat stat;
};
constexpr StatName kStats[] = {{"points", PlayerStat::kPoints},
                               {"rebounds", PlayerStat::kRebounds},
                               {"assists", PlayerStat::kAssists},
                               {"threes", PlayerStat::kThrees},
                               {"pra", PlayerStat::kPointsReboundsAssists}};

using detail::Quote;

Result<double> ParseNumber(std::string_view text, std::string_view what) {
    std::string_view t = text;
    if (!t.empty() && t.front() == '+') {
        t.remove_prefix(1);
    }
    double value = 0.0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (t.empty() || ec != std::errc{} || end != t.data() + t.size() || !std::isfinite(value)) {
        return Error{std::string(what) + " " + Quote(text) + " is not a number"};
    }
    return value;
}

// A line: a multiple of 0.25 within +-1000; totals (non_negative) must be >= 0.
Result<double> ParseLine(std::string_view text, bool non_negative, std::string_view market) {
    const auto value = ParseNumber(text, "line");
    if (!value.ok()) {
        return Error{value.status().message() + " in market " + Quote(market)};
    }
    const double line = *value;
    if (std::abs(line) > 1000.0 || std::abs(line * 4.0 - std::round(line * 4.0)) > 1e-9) {
        return Error{"line " + Quote(text) + " in market " + Quote(market) +
                     " must be a multiple of 0.25 within +-1000"};
    }
    if (non_negative && line < 0.0) {
        return Error{"line " + Quote(text) + " in market " + Quote(market) + " must be >= 0 (a total)"};
    }
    return line;
}

Result<Side> ParseSide(std::string_view text, std::string_view market) {
    if (text == "home") {
        return Side::kHome;
    }
    if (text == "away") {
        return Side::kAway;
    }
    return Error{"team " + Quote(text) + " in market " + Quote(market) + " is not home or away"};
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(separator, start);
        parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) {
            return parts;
        }
        start = end + 1;
    }
}

std::string LineText(double line) {
    return detail::Num(line);
}

// The outcome names a market offers to a parlay leg (correct scores are checked separately).
bool ValidLegOutcome(const Market& m, std::string_view outcome) {
    switch (m.kind) {
    case MarketKind::kMatchResult:
        return outcome == "home" || outcome == "draw" || outcome == "away";
    case MarketKind::kDoubleChance:
        return outcome == "home_or_draw" || outcome == "home_or_away" || outcome == "draw_or_away";
    case MarketKind::kHandicap:
    case MarketKind::kRaceTo:
        return outcome == "home" || outcome == "away";
    case MarketKind::kWinningMargin: {
        int lo = 0, hi = 0;
        return WinningMarginBand(outcome, &lo, &hi);
    }
    case MarketKind::kNextScoreType:
        return outcome == "touchdown" || outcome == "field_goal" || outcome == "safety" || outcome == "none";
    case MarketKind::kTotal:
    case MarketKind::kTeamTotal:
    case MarketKind::kPlayerProp:
        return outcome == "over" || outcome == "under";
    case MarketKind::kBothTeamsToScore:
    case MarketKind::kWinToNil:
        return outcome == "yes" || outcome == "no";
    case MarketKind::kHalfTimeFullTime: {
        const auto parts = Split(outcome, '/');
        const auto result = [](std::string_view r) { return r == "home" || r == "draw" || r == "away"; };
        return parts.size() == 2 && result(parts[0]) && result(parts[1]);
    }
    case MarketKind::kCorrectScore: {
        const auto parts = Split(outcome, '-');
        int h = 0, a = 0;
        return parts.size() == 2 &&
               std::from_chars(parts[0].data(), parts[0].data() + parts[0].size(), h).ptr ==
                   parts[0].data() + parts[0].size() &&
               std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), a).ptr ==
                   parts[1].data() + parts[1].size() &&
               !parts[0].empty() && !parts[1].empty() && h >= 0 && a >= 0;
    }
    default:
        return false;
    }
}

bool HasLine(MarketKind kind) {
    return kind == MarketKind::kHandicap || kind == MarketKind::kTotal || kind == MarketKind::kTeamTotal ||
           kind == MarketKind::kPlayerProp;
}

Result<Market> ParseParlay(std::string_view text, std::string_view body) {
    Market m;
    m.kind = MarketKind::kParlay;
    if (body.empty()) {
        return Error{"parlay " + Quote(text) + " has no legs (expected sgp:MARKET=OUTCOME+MARKET=OUTCOME...)"};
    }
    for (const std::string_view leg_text : Split(body, '+')) {
        const std::size_t eq = leg_text.rfind('=');
        if (eq == std::string_view::npos) {
            return Error{"parlay leg " + Quote(leg_text) + " is not MARKET=OUTCOME"};
        }
        auto leg_market = ParseMarket(leg_text.substr(0, eq));
        if (!leg_market.ok()) {
            return leg_market.status();
        }
        const std::string_view outcome = leg_text.substr(eq + 1);
        if (leg_market->kind == MarketKind::kParlay || !ValidLegOutcome(*leg_market, outcome)) {
            return Error{"parlay leg " + Quote(leg_text) + " is not a supported MARKET=OUTCOME selection"};
        }
        if (HasLine(leg_market->kind) && std::abs(leg_market->line - std::floor(leg_market->line) - 0.5) > 1e-9) {
            return Error{"parlay leg " + Quote(leg_text) + " needs a half line (x.5) so that it cannot push"};
        }
        m.legs.push_back(Leg{std::move(leg_market).value(), std::string(outcome)});
    }
    if (m.legs.size() < 2 || m.legs.size() > 12) {
        return Error{"parlay " + Quote(text) + " needs 2 to 12 legs, got " + std::to_string(m.legs.size())};
    }
    return m;
}

} // namespace

std::string_view ToString(PlayerStat stat) {
    for (const StatName& s : kStats) {
        if (s.stat == stat) {
            return s.name;
        }
    }
    return "?";
}

bool WinningMarginBand(std::string_view outcome, int* lo, int* hi) {
    if (outcome == "tie") {
        *lo = *hi = 0;
        return true;
    }
    const bool home = outcome.starts_with("home_");
    if (!home && !outcome.starts_with("away_")) {
        return false;
    }
    const std::string_view band = outcome.substr(5);
    const char* end = band.data() + band.size();
    int from = 0, to = 0;
    auto [p, error] = std::from_chars(band.data(), end, from);
    if (error != std::errc() || from < 1 || p == end) {
        return false;
    }
    if (*p == '+' && p + 1 == end) {
        to = INT_MAX;
    } else if (*p == '-') {
        auto [q, e2] = std::from_chars(p + 1, end, to);
        if (e2 != std::errc() || q != end || to < from) {
            return false;
        }
    } else {
        return false;
    }
    *lo = home ? from : (to == INT_MAX ? INT_MIN : -to);
    *hi = home ? to : -from;
    return true;
}

int InningOf(Period period) {
    const int i = static_cast<int>(period) - static_cast<int>(Period::kInning1) + 1;
    return i >= 1 && i <= 9 ? i : 0;
}

std::string_view ToString(Period period) {
    for (const PeriodName& p : kPeriods) {
        if (p.period == period) {
            return p.name;
        }
    }
    return "";
}

std::string Market::Key() const {
    std::string key;
    if (period != Period::kGame) {
        key = std::string(ToString(period)) + ":";
    }
    switch (kind) {
    case MarketKind::kMatchResult:
        return key + "h2h";
    case MarketKind::kDoubleChance:
        return key + "double_chance";
    case MarketKind::kDrawNoBet:
        return key + "dnb";
    case MarketKind::kHandicap:
        return key + "spreads:" + LineText(line);
    case MarketKind::kTotal:
        return key + "totals:" + LineText(line);
    case MarketKind::kTeamTotal:
        return key + "team_totals:" + (team == Side::kHome ? "home:" : "away:") + LineText(line);
    case MarketKind::kBothTeamsToScore:
        return key + "btts";
    case MarketKind::kCorrectScore:
        return key + "correct_score:" + std::to_string(top);
    case MarketKind::kHalfTimeFullTime:
        return key + "ht_ft";
    case MarketKind::kFirstTeamToScore:
        return key + "first_to_score";
    case MarketKind::kWinToNil:
        return key + "win_to_nil:" + (team == Side::kHome ? "home" : "away");
    case MarketKind::kPlayerProp:
        return key + "player_" + std::string(ToString(stat)) + ":" + player + ":" + LineText(line);
    case MarketKind::kRaceTo:
        return key + "race:" + LineText(line);
    case MarketKind::kWinningMargin:
        return key + "winning_margin";
    case MarketKind::kNextScoreType:
        return key + "next_score_type";
    case MarketKind::kParlay: {
        key += "sgp:";
        for (std::size_t i = 0; i < legs.size(); ++i) {
            if (i > 0) {
                key += '+';
            }
            key += legs[i].market.Key();
            key += '=';
            key += legs[i].outcome;
        }
        return key;
    }
    }
    return key;
}

Result<Market> ParseMarket(std::string_view text) {
    std::string_view rest = text;
    Market m;
    for (const PeriodName& p : kPeriods) {
        if (rest.size() > p.name.size() && rest.substr(0, p.name.size()) == p.name && rest[p.name.size()] == ':') {
            m.period = p.period;
            rest.remove_prefix(p.name.size() + 1);
            break;
        }
    }
    const std::size_t colon = rest.find(':');
    const std::string_view name = rest.substr(0, colon);
    const std::string_view body = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
    const std::vector<std::string_view> args =
        colon == std::string_view::npos ? std::vector<std::string_view>{} : Split(body, ':');
    const auto expect_args = [&](std::size_t n, std::string_view usage) -> std::optional<Error> {
        if (args.size() != n) {
            return Error{"market " + Quote(text) + " must be written " + std::string(usage)};
        }
        return std::nullopt;
    };
    const auto plain = [&](MarketKind kind) -> Result<Market> {
        if (auto e = expect_args(0, name)) {
            return *e;
        }
        m.kind = kind;
        return m;
    };
    if (name == "sgp") {
        if (m.period != Period::kGame) {
            return Error{"market " + Quote(text) + ": a parlay takes periods on its legs, not as a prefix"};
        }
        return ParseParlay(text, body);
    }
    if (name == "h2h") {
        return plain(MarketKind::kMatchResult);
    }
    if (name == "double_chance") {
        return plain(MarketKind::kDoubleChance);
    }
    if (name == "dnb") {
        return plain(MarketKind::kDrawNoBet);
    }
    if (name == "btts") {
        return plain(MarketKind::kBothTeamsToScore);
    }
    if (name == "ht_ft") {
        return plain(MarketKind::kHalfTimeFullTime);
    }
    if (name == "first_to_score") {
        return plain(MarketKind::kFirstTeamToScore);
    }
    if (name == "winning_margin") {
        return plain(MarketKind::kWinningMargin);
    }
    if (name == "next_score_type") {
        return plain(MarketKind::kNextScoreType);
    }
    if (name == "race") {
        if (auto e = expect_args(1, "race:N with N a whole number of points or runs")) {
            return *e;
        }
        auto n = ParseLine(args[0], true, text);
        if (!n.ok()) {
            return n.status();
        }
        // The sport's targets (basketball 10, 15, ..., 85 points; baseball 1-10 runs) are the pricer's check.
        const int target = static_cast<int>(*n);
        if (target != *n || target < 1) {
            return Error{"market " + Quote(text) + ": a race target is a whole number >= 1"};
        }
        m.kind = MarketKind::kRaceTo;
        m.line = *n;
        return m;
    }
    if (name == "spreads" || name == "totals") {
        if (auto e = expect_args(1, std::string(name) + ":LINE")) {
            return *e;
        }
        m.kind = name == "spreads" ? MarketKind::kHandicap : MarketKind::kTotal;
        auto line = ParseLine(args[0], m.kind == MarketKind::kTotal, text);
        if (!line.ok()) {
            return line.status();
        }
        m.line = *line;
        return m;
    }
    if (name == "team_totals") {
        if (auto e = expect_args(2, "team_totals:home|away:LINE")) {
            return *e;
        }
        auto side = ParseSide(args[0], text);
        auto line = ParseLine(args[1], true, text);
        if (!side.ok()) {
            return side.status();
        }
        if (!line.ok()) {
            return line.status();
        }
        m.kind = MarketKind::kTeamTotal;
        m.team = *side;
        m.line = *line;
        return m;
    }
    if (name == "win_to_nil") {
        if (auto e = expect_args(1, "win_to_nil:home|away")) {
            return *e;
        }
        auto side = ParseSide(args[0], text);
        if (!side.ok()) {
            return side.status();
        }
        m.kind = MarketKind::kWinToNil;
        m.team = *side;
        return m;
    }
    if (name == "correct_score") {
        m.kind = MarketKind::kCorrectScore;
        if (args.empty()) {
            return m;
        }
        if (auto e = expect_args(1, "correct_score or correct_score:N")) {
            return *e;
        }
        int top = 0;
        const auto [end, ec] = std::from_chars(args[0].data(), args[0].data() + args[0].size(), top);
        if (ec != std::errc{} || end != args[0].data() + args[0].size() || top < 1 || top > 400) {
            return Error{"correct score count " + Quote(args[0]) + " in market " + Quote(text) +
                         " must be a whole number in [1, 400]"};
        }
        m.top = top;
        return m;
    }
    if (name.substr(0, 7) == "player_") {
        const std::string_view stat_name = name.substr(7);
        bool found = false;
        for (const StatName& s : kStats) {
            if (s.name == stat_name) {
                m.stat = s.stat;
                found = true;
            }
        }
        if (!found) {
            return Error{"unknown player stat " + Quote(stat_name) + " in market " + Quote(text) +
                         " (points, rebounds, assists, threes, pra)"};
        }
        if (auto e = expect_args(2, "player_STAT:NAME:LINE")) {
            return *e;
        }
        if (args[0].empty()) {
            return Error{"market " + Quote(text) + " names no player"};
        }
        auto line = ParseLine(args[1], true, text);
        if (!line.ok()) {
            return line.status();
        }
        if (m.period != Period::kGame) {
            return Error{"market " + Quote(text) + ": player props are for the whole game only"};
        }
        m.kind = MarketKind::kPlayerProp;
        m.player = std::string(args[0]);
        m.line = *line;
        return m;
    }
    return Error{"unknown market " + Quote(name) + " in " + Quote(text) +
                 " (h2h, double_chance, dnb, spreads, totals, team_totals, btts, correct_score, ht_ft, "
                 "first_to_score, win_to_nil, race, winning_margin, next_score_type, "
                 "player_points|rebounds|assists|threes|pra, sgp)"};
}

Result<std::vector<Market>> ParseMarkets(std::string_view text) {
    std::vector<Market> markets;
    if (text.empty()) {
        return Error{"no markets given"};
    }
    for (const std::string_view item : Split(text, ',')) {
        if (item.empty()) {
            return Error{"empty market in list " + Quote(text)};
        }
        // A ladder lives in the last ':' field: FROM..TO or FROM..TO/STEP (not inside a parlay).
        const std::size_t colon = item.rfind(':');
        const std::size_t dots = item.find("..");
        if (dots == std::string_view::npos || colon == std::string_view::npos || dots < colon ||
            item.substr(0, 4) == "sgp:") {
            auto market = ParseMarket(item);
            if (!market.ok()) {
                return market.status();
            }
            markets.push_back(std::move(market).value());
            continue;
        }
        const std::string_view head = item.substr(0, colon + 1);
        const std::string_view range = item.substr(colon + 1);
        const std::size_t slash = range.find('/');
        const std::string_view span = range.substr(0, slash);
        const std::size_t range_dots = span.find("..");
        if (range_dots == std::string_view::npos) {
            // "..", but after the step's '/' ("x:/0.5..6"): not FROM..TO (substr past the end threw, a 500).
            return Error{"ladder " + Quote(range) + " in market " + Quote(item) +
                         " must run FROM..TO or FROM..TO/STEP"};
        }
        auto from = ParseNumber(span.substr(0, range_dots), "ladder start");
        auto to = ParseNumber(span.substr(range_dots + 2), "ladder end");
        auto step =
            slash == std::string_view::npos ? Result<double>(1.0) : ParseNumber(range.substr(slash + 1), "ladder step");
        for (const auto* r : {&from, &to, &step}) {
            if (!r->ok()) {
                return Error{r->status().message() + " in market " + Quote(item)};
            }
        }
        if (!(*step > 0.0) || *to < *from || (*to - *from) / *step > 500.0 + 1e-9 ||
            std::abs((*to - *from) / *step - std::round((*to - *from) / *step)) > 1e-9) {
            return Error{"ladder " + Quote(range) + " in market " + Quote(item) +
                         " must run FROM..TO/STEP upwards in whole steps, at most 501 lines"};
        }
        const int lines = static_cast<int>(std::round((*to - *from) / *step)) + 1;
        for (int i = 0; i < lines; ++i) {
            const std::string line = detail::Num(*from + i * *step);
            auto market = ParseMarket(std::string(head) + line);
            if (!market.ok()) {
                return market.status();
            }
            markets.push_back(std::move(market).value());
        }
    }
    return markets;
}

} // namespace simbook::odds
