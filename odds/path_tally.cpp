#include "odds/path_tally.hpp"

#include "odds/detail/checks.hpp"
#include "odds/detail/football_values.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <string>
#include <utility>

namespace simbook::odds {

namespace {

namespace ks = kernels::soccer;
namespace kb = kernels::basketball;
namespace kbb = kernels::baseball;
namespace kf = kernels::football;
using detail::FootballValue;

// Values tallied per variable: [-kRange, kRange); anything outside is left unsettled (Other()).
constexpr int kRange = 1024;
// Most per-path values one settled market reads (half-time/full-time reads two).
constexpr std::size_t kMaxSettleVariables = 8;

using detail::Quote;

int PeriodIndex(Period period) {
    switch (period) {
    case Period::kQ1:
        return 0;
    case Period::kQ2:
        return 1;
    case Period::kQ3:
        return 2;
    case Period::kQ4:
        return 3;
    default:
        return -1;
    }
}

template <typename Slot> int Value(const Slot& s, const ks::SoccerOutcome& o) {
    int home = o.home, away = o.away;
    if (s.variable.period == Period::kFirstHalf) {
        home = o.ht_home;
        away = o.ht_away;
    } else if (s.variable.period == Period::kSecondHalf) {
        home -= o.ht_home;
        away -= o.ht_away;
    }
    switch (s.variable.quantity) {
    case Quantity::kHome:
        return home;
    case Quantity::kAway:
        return away;
    case Quantity::kTotal:
        return home + away;
    case Quantity::kMargin:
        return home - away;
    case Quantity::kFirstScorer:
        return static_cast<int>(o.first_goal);
    case Quantity::kPlayer:
    case Quantity::kRaceWinner:
    case Quantity::kScoreType:
        break;
    }
    return 0;
}

//! Points of a team in a period of a path (box-score or light).
template <typename Outcome> int BasketballPeriodPoints(const Outcome& o, Period period, int team) {
    const std::uint8_t* p = o.period_points[team];
    switch (period) {
    case Period::kGame:
        return o.score[team];
    case Period::kFirstHalf:
        return p[0] + p[1];
    case Period::kSecondHalf:
        return p[2] + p[3] + p[4];
    default:
        return p[PeriodIndex(period)];
    }
}

//! Box-score or light basketball paths (the same fields but players).
template <typename Slot, typename Outcome> int BasketballValue(const Slot& s, const Outcome& o) {
    if (s.variable.quantity == Quantity::kPlayer) {
        if constexpr (std::is_same_v<Outcome, kb::BasketballOutcome>) {
            const std::uint8_t* line = o.player[s.team][s.roster_slot];
            return s.variable.stat == PlayerStat::kPointsReboundsAssists ? line[0] + line[1] + line[2]
                                                                         : line[static_cast<int>(s.variable.stat)];
        } else {
            SIMBOOK_REQUIRE(false, "a player market on light basketball paths (no box scores)");
        }
    }
    if (s.variable.quantity == Quantity::kRaceWinner) {
        const int bit = (s.variable.target - 10) / 5;
        return ((o.race_won[0] >> bit) & 1u) != 0 ? 1 : ((o.race_won[1] >> bit) & 1u) != 0 ? 2 : 0;
    }
    const int points[2] = {BasketballPeriodPoints(o, s.variable.period, 0),
                           BasketballPeriodPoints(o, s.variable.period, 1)};
    switch (s.variable.quantity) {
    case Quantity::kHome:
        return points[0];
    case Quantity::kAway:
        return points[1];
    case Quantity::kTotal:
        return points[0] + points[1];
    case Quantity::kMargin:
        return points[0] - points[1];
    case Quantity::kPlayer:
    case Quantity::kFirstScorer:
    case Quantity::kRaceWinner:
    case Quantity::kScoreType:
        break;
    }
    return 0;
}

//! Runs of a team (0 home, 1 away) in a period of one baseball path: the final score, the runs after five innings
//! (those before the state included), or an inning's runs from the state on.
int BaseballPeriodRuns(const kbb::BaseballOutcome& o, Period period, int team) {
    if (period == Period::kFirstFive) {
        return o.first_five[team];
    }
    const int inning = InningOf(period);
    return inning > 0 ? o.inning_runs[team][inning - 1] : o.score[team];
}

template <typename Slot> int BaseballValue(const Slot& s, const kbb::BaseballOutcome& o, const std::array<int, 2>& at) {
    const int home = BaseballPeriodRuns(o, s.variable.period, 0), away = BaseballPeriodRuns(o, s.variable.period, 1);
    switch (s.variable.quantity) {
    case Quantity::kHome:
        return home;
    case Quantity::kAway:
        return away;
    case Quantity::kTotal:
        return home + away;
    case Quantity::kMargin:
        return home - away;
    case Quantity::kFirstScorer:
        return o.first_score;
    case Quantity::kRaceWinner:
        return engine::BaseballRaceWinner(o, at, s.variable.target);
    case Quantity::kPlayer:
    case Quantity::kScoreType:
        break;
    }
    SIMBOOK_REQUIRE(false, "a player market on baseball paths (no players)");
    return 0;
}

//! Where a period lies on the game's nominal clock (engine::ElapsedSeconds), and whether a path's value of it counts
//! only what is scored after the state (so it cannot be priced once it has begun) or is already settled at its end.
struct PeriodSpan {
    int start = 0;
    int end = 0; //!< 0: not checked
    bool from_state = false;
};
PeriodSpan SpanOf(const engine::SportRules& rules, Period period) {
    constexpr int kInning = 6 * engine::kSecondsPerOut;
    if (period == Period::kFirstFive) {
        return {0, 5 * kInning, false};
    }
    if (const int inning = InningOf(period); inning > 0) {
        return {(inning - 1) * kInning, inning * kInning, true};
    }
    const int start = period == Period::kFirstHalf    ? 0
                      : period == Period::kSecondHalf ? 2 * rules.quarter_seconds
                                                      : PeriodIndex(period) * rules.quarter_seconds;
    return {start, 0, rules.periods_from_state};
}

// Half line L (x.5): X > L <=> X >= floor(L) + 1.
int Above(double line) {
    return static_cast<int>(std::floor(line)) + 1;
}

} // namespace

int PeriodPoints(const kb::BasketballOutcome& o, Period period, int team) {
    return BasketballPeriodPoints(o, period, team);
}

Result<CompiledLeg> CompileLeg(const Leg& leg, std::span<const std::string> players) {
    const Market& m = leg.market;
    const std::string_view o = leg.outcome;
    const Period p = m.period;
    const auto var = [p](Quantity q) { return Variable{q, p}; };
    CompiledLeg out;
    switch (m.kind) {
    case MarketKind::kMatchResult:
        if (o == "home") {
            out.conditions = {{var(Quantity::kMargin), 1, INT_MAX}};
        } else if (o == "draw") {
            out.conditions = {{var(Quantity::kMargin), 0, 0}};
        } else {
            out.conditions = {{var(Quantity::kMargin), INT_MIN, -1}};
        }
        return out;
    case MarketKind::kDoubleChance:
        if (o == "home_or_draw") {
            out.conditions = {{var(Quantity::kMargin), 0, INT_MAX}};
        } else if (o == "draw_or_away") {
            out.conditions = {{var(Quantity::kMargin), INT_MIN, 0}};
        } else {
            out.conditions = {{var(Quantity::kMargin), 0, 0}};
            out.negate = true;
        }
        return out;
    case MarketKind::kHandicap: {
        // Home at L wins when margin > -L.
        const int threshold = Above(-m.line);
        out.conditions = {o == "home" ? LegCondition{var(Quantity::kMargin), threshold, INT_MAX}
                                      : LegCondition{var(Quantity::kMargin), INT_MIN, threshold - 1}};
        return out;
    }
    case MarketKind::kTotal:
    case MarketKind::kTeamTotal:
    case MarketKind::kPlayerProp: {
        Variable v = var(m.kind == MarketKind::kTotal ? Quantity::kTotal
                         : m.team == Side::kHome      ? Quantity::kHome
                                                      : Quantity::kAway);
        if (m.kind == MarketKind::kPlayerProp) {
            auto index = FindPlayer(players, m.player);
            if (!index.ok()) {
                return index.status();
            }
            v = Variable{Quantity::kPlayer, Period::kGame, *index, m.stat};
        }
        const int threshold = Above(m.line);
        out.conditions = {o == "over" ? LegCondition{v, threshold, INT_MAX} : LegCondition{v, INT_MIN, threshold - 1}};
        return out;
    }
    case MarketKind::kBothTeamsToScore:
        out.conditions = {{var(Quantity::kHome), 1, INT_MAX}, {var(Quantity::kAway), 1, INT_MAX}};
        out.negate = o == "no";
        return out;
    case MarketKind::kWinToNil:
        if (m.team == Side::kHome) {
            out.conditions = {{var(Quantity::kMargin), 1, INT_MAX}, {var(Quantity::kAway), INT_MIN, 0}};
        } else {
            out.conditions = {{var(Quantity::kMargin), INT_MIN, -1}, {var(Quantity::kHome), INT_MIN, 0}};
        }
        out.negate = o == "no";
        return out;
    case MarketKind::kCorrectScore: {
        const std::size_t dash = o.find('-');
        const int h = std::stoi(std::string(o.substr(0, dash)));
        const int a = std::stoi(std::string(o.substr(dash + 1)));
        out.conditions = {{var(Quantity::kHome), h, h}, {var(Quantity::kAway), a, a}};
        return out;
    }
    case MarketKind::kHalfTimeFullTime: {
        const std::size_t slash = o.find('/');
        const auto result = [](std::string_view r, Period period) {
            const Variable v{Quantity::kMargin, period};
            return r == "home"   ? LegCondition{v, 1, INT_MAX}
                   : r == "draw" ? LegCondition{v, 0, 0}
                                 : LegCondition{v, INT_MIN, -1};
        };
        out.conditions = {result(o.substr(0, slash), Period::kFirstHalf), result(o.substr(slash + 1), Period::kGame)};
        return out;
    }
    case MarketKind::kFirstTeamToScore: {
        // 1 home, 2 away; anything else (none, or before the state) is no goal.
        const Variable first{Quantity::kFirstScorer, Period::kGame};
        if (o == "no_goal") {
            out.conditions = {{first, 1, 2}};
            out.negate = true;
        } else {
            const int team = o == "home" ? 1 : 2;
            out.conditions = {{first, team, team}};
        }
        return out;
    }
    case MarketKind::kWinningMargin: {
        int lo = 0, hi = 0;
        if (!WinningMarginBand(o, &lo, &hi)) {
            return Error{"parlay leg " + Quote(m.Key() + "=" + std::string(o)) + ": not a winning margin band"};
        }
        out.conditions = {{var(Quantity::kMargin), lo, hi}};
        return out;
    }
    case MarketKind::kNextScoreType: {
        const int type = o == "touchdown" ? 1 : o == "field_goal" ? 2 : o == "safety" ? 3 : 0;
        out.conditions = {{Variable{Quantity::kScoreType, Period::kGame}, type, type}};
        return out;
    }
    case MarketKind::kRaceTo: {
        Variable race{Quantity::kRaceWinner, Period::kGame};
        race.target = static_cast<int>(m.line);
        const int team = o == "home" ? 1 : 2;
        out.conditions = {{race, team, team}};
        return out;
    }
    default:
        return Error{"parlay leg " + Quote(m.Key() + "=" + std::string(o)) + " is not supported"};
    }
}

Roster RosterOf(const engine::GameSpec& game) {
    Roster roster;
    roster.score = engine::CurrentScore(game);
    if (const auto* basketball = std::get_if<engine::BasketballGame>(&game); basketball != nullptr) {
        for (engine::RosterPlayer& p : engine::RosterPlayers(*basketball)) {
            roster.names.push_back(std::move(p.name));
            roster.teams.push_back(p.team);
        }
    }
    return roster;
}

std::size_t PathVariables::Add(const Variable& variable) {
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        if (slots_[i].variable == variable) {
            return i;
        }
    }
    slots_.push_back(Slot{variable, 0, 0});
    return slots_.size() - 1;
}

void PathVariables::ResolvePlayers(const Roster& roster) {
    score_ = roster.score;
    for (Slot& s : slots_) {
        if (s.variable.quantity != Quantity::kPlayer) {
            continue;
        }
        s.team = roster.teams[static_cast<std::size_t>(s.variable.player)];
        s.roster_slot = 0;
        for (int i = 0; i < s.variable.player; ++i) {
            s.roster_slot += roster.teams[static_cast<std::size_t>(i)] == s.team ? 1 : 0;
        }
    }
}

void PathVariables::Evaluate(const ks::SoccerOutcome& o, int* values) const {
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        values[i] = Value(slots_[i], o);
    }
}

void PathVariables::Evaluate(const kb::BasketballOutcome& o, int* values) const {
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        values[i] = BasketballValue(slots_[i], o);
    }
}

void PathVariables::Evaluate(const kb::BasketballLightOutcome& o, int* values) const {
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        values[i] = BasketballValue(slots_[i], o);
    }
}

void PathVariables::Evaluate(const kbb::BaseballOutcome& o, int* values) const {
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        values[i] = BaseballValue(slots_[i], o, score_);
    }
}

void PathVariables::Evaluate(const kf::FootballOutcome& o, int* values) const {
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        values[i] = FootballValue(slots_[i], o, score_);
    }
}

bool PathVariables::Test::Holds(const int* values) const {
    bool all = true;
    for (const auto& [slot, range] : conditions) {
        all = all && values[slot] >= range.first && values[slot] <= range.second;
    }
    return all != negate;
}

PathVariables::Test PathVariables::Compile(const CompiledLeg& leg) {
    Test test;
    test.negate = leg.negate;
    for (const LegCondition& c : leg.conditions) {
        test.conditions.push_back({Add(c.variable), {c.lo, c.hi}});
    }
    return test;
}

Result<PathSettler> PathSettler::Make(const Market& market, std::span<const std::string> outcomes,
                                      const Roster& roster) {
    PathSettler settler;
    for (const std::string& outcome : outcomes) {
        auto leg = CompileLeg(Leg{market, outcome}, roster.names);
        if (!leg.ok()) {
            return leg.status();
        }
        settler.tests_.push_back(settler.variables_.Compile(leg.value()));
    }
    if (settler.variables_.Size() > kMaxSettleVariables) {
        return Error{"market " + Quote(market.Key()) + " reads too many per-path values"};
    }
    settler.variables_.ResolvePlayers(roster);
    return settler;
}

template <typename Outcome> int PathSettler::Find(const Outcome& o) const {
    int values[kMaxSettleVariables];
    variables_.Evaluate(o, values);
    for (std::size_t k = 0; k < tests_.size(); ++k) {
        if (tests_[k].Holds(values)) {
            return static_cast<int>(k);
        }
    }
    return -1;
}

template int PathSettler::Find(const ks::SoccerOutcome&) const;
template int PathSettler::Find(const kb::BasketballOutcome&) const;
template int PathSettler::Find(const kb::BasketballLightOutcome&) const;
template int PathSettler::Find(const kbb::BaseballOutcome&) const;
template int PathSettler::Find(const kf::FootballOutcome&) const;

template <typename Outcome>
Result<MarketTally<Outcome>> MarketTally<Outcome>::Make(std::span<const Market> markets, const engine::GameSpec& game) {
    const engine::Sport sport = engine::SportOf(game);
    if (sport != engine::SportOfGame<engine::GameOf<Outcome>>()) {
        return Error{std::string("market tally: the game is ") + engine::SportName(sport)};
    }
    const engine::SportRules& rules = engine::RulesOf(sport);
    const Roster roster = RosterOf(game);
    MarketTally tally;
    for (const Market& market : markets) {
        if (market.kind == MarketKind::kParlay) {
            std::vector<PathVariables::Test>& legs = tally.parlays_.emplace_back();
            tally.parlay_keys_.push_back(market.Key());
            for (const Leg& leg : market.legs) {
                if (!rules.players && leg.market.kind == MarketKind::kPlayerProp) {
                    return Error{"parlay leg " + Quote(leg.market.Key()) + " does not exist in " +
                                 engine::SportName(sport)};
                }
                // The leg's own market must exist in the sport (its period, a race's target).
                if (auto needed = MarketEngine::NeededVariables(leg.market, sport, roster.names); !needed.ok()) {
                    return needed.status();
                }
                auto compiled = CompileLeg(leg, roster.names);
                if (!compiled.ok()) {
                    return compiled.status();
                }
                legs.push_back(tally.variables_.Compile(compiled.value()));
            }
            continue;
        }
        auto needed = MarketEngine::NeededVariables(market, sport, roster.names);
        if (!needed.ok()) {
            return needed.status();
        }
        for (const Variable& v : *needed) {
            const std::size_t slot = tally.variables_.Add(v);
            if (std::find(tally.distribution_slots_.begin(), tally.distribution_slots_.end(), slot) ==
                tally.distribution_slots_.end()) {
                tally.distribution_slots_.push_back(slot);
            }
        }
    }
    const int elapsed = engine::ElapsedSeconds(game);
    for (std::size_t i = 0; i < tally.variables_.Size(); ++i) {
        const Variable& v = tally.variables_.At(i);
        if (!rules.quarters && PeriodIndex(v.period) >= 0) {
            return Error{std::string(engine::SportName(sport)) + " has no quarters"};
        }
        if (v.period != Period::kGame) {
            const PeriodSpan span = SpanOf(rules, v.period);
            if (span.from_state && elapsed > span.start) {
                return Error{"period " + Quote(ToString(v.period)) +
                             " began before the state: its markets cannot be priced from the remaining play"};
            }
            if (span.end > 0 && elapsed >= span.end) {
                return Error{"period " + Quote(ToString(v.period)) + " is over at the state: its markets are settled"};
            }
        }
        if (v.quantity == Quantity::kPlayer && elapsed > 0) {
            return Error{"player markets need a tip-off state (the kernel counts player stats from the state)"};
        }
    }
    tally.variables_.ResolvePlayers(roster);
    tally.total_ = tally.EmptyCounts();
    return tally;
}

template <typename Outcome> typename MarketTally<Outcome>::Counts MarketTally<Outcome>::EmptyCounts() const {
    Counts counts;
    counts.histograms.assign(distribution_slots_.size(), std::vector<std::uint64_t>(2 * kRange, 0));
    for (const auto& legs : parlays_) {
        counts.patterns.emplace_back(std::size_t{1} << legs.size(), 0);
    }
    return counts;
}

template <typename Outcome> void MarketTally<Outcome>::Begin(int locals) {
    locals_.assign(Empty() ? 0 : static_cast<std::size_t>(locals), EmptyCounts());
}

template <typename Outcome> void MarketTally<Outcome>::Sink(int local, const engine::PathChunk<Outcome>& chunk) {
    if (Empty()) {
        return;
    }
    Counts& counts = locals_[static_cast<std::size_t>(local)];
    std::vector<int> values(variables_.Size());
    for (const Outcome& outcome : chunk.base) {
        if (outcome.invalid) {
            continue;
        }
        ++counts.valid;
        variables_.Evaluate(outcome, values.data());
        for (std::size_t d = 0; d < distribution_slots_.size(); ++d) {
            const int v = values[distribution_slots_[d]];
            if (v >= -kRange && v < kRange) {
                ++counts.histograms[d][static_cast<std::size_t>(v + kRange)];
            }
        }
        for (std::size_t k = 0; k < parlays_.size(); ++k) {
            std::size_t bits = 0;
            for (std::size_t j = 0; j < parlays_[k].size(); ++j) {
                bits |= static_cast<std::size_t>(parlays_[k][j].Holds(values.data())) << j;
            }
            ++counts.patterns[k][bits];
        }
    }
}

template <typename Outcome> void MarketTally<Outcome>::Combine() {
    total_ = EmptyCounts();
    for (const Counts& local : locals_) {
        total_.valid += local.valid;
        for (std::size_t d = 0; d < local.histograms.size(); ++d) {
            for (std::size_t i = 0; i < local.histograms[d].size(); ++i) {
                total_.histograms[d][i] += local.histograms[d][i];
            }
        }
        for (std::size_t k = 0; k < local.patterns.size(); ++k) {
            for (std::size_t i = 0; i < local.patterns[k].size(); ++i) {
                total_.patterns[k][i] += local.patterns[k][i];
            }
        }
    }
    locals_.clear();
}

template <typename Outcome> Status MarketTally<Outcome>::AddTo(MarketEngine& engine) const {
    if (Empty()) {
        return Status::Ok();
    }
    if (total_.valid != engine.Sims()) {
        return Error{"market tally: " + std::to_string(total_.valid) + " valid paths tallied but the engine has " +
                     std::to_string(engine.Sims()) + " (not the same run)"};
    }
    for (std::size_t d = 0; d < distribution_slots_.size(); ++d) {
        const Variable& v = variables_.At(distribution_slots_[d]);
        if (engine.Holds(v)) {
            continue; // the simulation's own tallies price it
        }
        auto dist = IntDistribution::FromCounts(total_.histograms[d], -kRange, total_.valid);
        if (!dist.ok()) {
            return dist.status();
        }
        engine.AddDistribution(v, std::move(dist).value());
    }
    for (std::size_t k = 0; k < parlays_.size(); ++k) {
        engine.AddParlayPatterns(parlay_keys_[k], total_.patterns[k]);
    }
    return Status::Ok();
}

template class MarketTally<ks::SoccerOutcome>;
template class MarketTally<kb::BasketballOutcome>;
template class MarketTally<kbb::BaseballOutcome>;
template class MarketTally<kf::FootballOutcome>;

Result<PricedSimulation> SimulateMarkets(const engine::Simulation& simulation, std::span<const Market> markets) {
    return std::visit(
        [&](const auto& game) -> Result<PricedSimulation> {
            using Game = std::decay_t<decltype(game)>;
            using Outcome = typename Game::Outcome;
            auto tally = MarketTally<Outcome>::Make(markets, simulation.Spec());
            if (!tally.ok()) {
                return tally.status();
            }
            engine::PathSink<Outcome>* sinks[] = {&tally.value()};
            auto result = simulation.RunWith<Game>(sinks);
            if (!result.ok()) {
                return result.status();
            }
            auto market_engine = MarketEngine::FromSimulation(result.value());
            if (!market_engine.ok()) {
                return market_engine.status();
            }
            if (Status added = tally->AddTo(market_engine.value()); !added.ok()) {
                return added;
            }
            return PricedSimulation{std::move(result).value(), std::move(market_engine).value()};
        },
        simulation.Spec());
}

} // namespace simbook::odds
