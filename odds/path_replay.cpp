#include "odds/path_replay.hpp"

#include "odds/detail/checks.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <string>
#include <utility>

namespace simbook::odds {

namespace {

namespace ks = kernels::soccer;
namespace kb = kernels::basketball;

// Values tallied per variable: [-kRange, kRange); anything outside is left unsettled (Other()).
constexpr int kRange = 1024;
constexpr std::size_t kBatch = std::size_t{1} << 16;

using detail::Quote;

// A variable resolved for fast evaluation on one path.
struct Slot {
    Variable variable;
    int team = 0;        // kPlayer: 0 home, 1 away
    int roster_slot = 0; // kPlayer: index within the team
};

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

int Value(const Slot& s, const ks::SoccerOutcome& o) {
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
    case Quantity::kPlayer:
        break;
    }
    return 0;
}

int Value(const Slot& s, const kb::BasketballOutcome& o) {
    if (s.variable.quantity == Quantity::kPlayer) {
        const std::uint8_t* line = o.player[s.team][s.roster_slot];
        return s.variable.stat == PlayerStat::kPointsReboundsAssists ? line[0] + line[1] + line[2]
                                                                     : line[static_cast<int>(s.variable.stat)];
    }
    const int points[2] = {PeriodPoints(o, s.variable.period, 0), PeriodPoints(o, s.variable.period, 1)};
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
        break;
    }
    return 0;
}

// Half line L (x.5): X > L <=> X >= floor(L) + 1.
int Above(double line) {
    return static_cast<int>(std::floor(line)) + 1;
}

} // namespace

int PeriodPoints(const kb::BasketballOutcome& o, Period period, int team) {
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

Result<CompiledLeg> CompileLeg(const Leg& leg, const MarketEngine& engine) {
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
            auto index = engine.PlayerIndex(m.player);
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
    default:
        return Error{"parlay leg " + Quote(m.Key() + "=" + std::string(o)) + " is not supported"};
    }
}

PathReplay PathReplay::Soccer(const ks::SoccerParams& params, const ks::SoccerState& state, std::uint64_t seed,
                              std::uint64_t paths, kernels::LaunchConfig launch) {
    PathReplay r;
    r.sport_ = engine::Sport::kSoccer;
    r.soccer_params_ = params;
    r.soccer_state_ = state;
    r.seed_ = seed;
    r.paths_ = paths;
    r.launch_ = launch;
    return r;
}

PathReplay PathReplay::Basketball(const kb::BasketballParams& params, const kb::BasketballState& state,
                                  std::uint64_t seed, std::uint64_t paths, kernels::LaunchConfig launch) {
    PathReplay r;
    r.sport_ = engine::Sport::kBasketball;
    r.basketball_params_ = params;
    r.basketball_state_ = state;
    r.seed_ = seed;
    r.paths_ = paths;
    r.launch_ = launch;
    return r;
}

int PathReplay::ElapsedSeconds() const {
    if (sport_ != engine::Sport::kBasketball) {
        return 0;
    }
    const kb::BasketballState& s = basketball_state_;
    if (s.period <= 4) {
        return (s.period - 1) * kb::kQuarterSeconds + (kb::kQuarterSeconds - s.clock_seconds);
    }
    return kb::kRegulationSeconds + (s.period - 5) * kb::kOvertimeSeconds + (kb::kOvertimeSeconds - s.clock_seconds);
}

Result<std::uint64_t> PathReplay::Complete(MarketEngine& engine, std::span<const Market> markets) const {
    if (engine.Sport() != sport_) {
        return Error{"replay: the market engine prices " + std::string(engine::SportName(engine.Sport())) +
                     " but the replay runs " + engine::SportName(sport_)};
    }
    // What to tally: variables for distributions, and the compiled legs of each parlay.
    std::vector<Variable> distribution_vars;
    std::vector<std::pair<std::string, std::vector<CompiledLeg>>> parlays;
    for (const Market& market : markets) {
        if (market.kind == MarketKind::kParlay) {
            if (engine.Price(market).ok()) {
                continue;
            }
            std::vector<CompiledLeg> legs;
            for (const Leg& leg : market.legs) {
                if (sport_ == engine::Sport::kSoccer &&
                    (leg.market.kind == MarketKind::kPlayerProp || PeriodIndex(leg.market.period) >= 0)) {
                    return Error{"parlay leg " + Quote(leg.market.Key()) + " does not exist in soccer"};
                }
                auto compiled = CompileLeg(leg, engine);
                if (!compiled.ok()) {
                    return compiled.status();
                }
                legs.push_back(std::move(compiled).value());
            }
            parlays.emplace_back(market.Key(), std::move(legs));
            continue;
        }
        auto missing = engine.MissingVariables(market);
        if (!missing.ok()) {
            return missing.status();
        }
        for (const Variable& v : *missing) {
            if (std::find(distribution_vars.begin(), distribution_vars.end(), v) == distribution_vars.end()) {
                distribution_vars.push_back(v);
            }
        }
    }
    if (distribution_vars.empty() && parlays.empty()) {
        return std::uint64_t{0};
    }
    // Every variable evaluated per path, each once.
    std::vector<Slot> slots;
    const auto slot_of = [&](const Variable& v) -> std::size_t {
        for (std::size_t i = 0; i < slots.size(); ++i) {
            if (slots[i].variable == v) {
                return i;
            }
        }
        slots.push_back(Slot{v, 0, 0});
        return slots.size() - 1;
    };
    std::vector<std::size_t> distribution_slots;
    for (const Variable& v : distribution_vars) {
        distribution_slots.push_back(slot_of(v));
    }
    struct LegSlots {
        std::vector<std::pair<std::size_t, std::pair<int, int>>> conditions;
        bool negate = false;
    };
    std::vector<std::vector<LegSlots>> parlay_slots;
    for (const auto& [key, legs] : parlays) {
        std::vector<LegSlots>& out = parlay_slots.emplace_back();
        for (const CompiledLeg& leg : legs) {
            LegSlots ls;
            ls.negate = leg.negate;
            for (const LegCondition& c : leg.conditions) {
                ls.conditions.push_back({slot_of(c.variable), {c.lo, c.hi}});
            }
            out.push_back(std::move(ls));
        }
    }
    const int elapsed = ElapsedSeconds();
    for (Slot& s : slots) {
        const Variable& v = s.variable;
        if (sport_ == engine::Sport::kSoccer && PeriodIndex(v.period) >= 0) {
            return Error{"replay: soccer has no quarters"};
        }
        if (sport_ == engine::Sport::kBasketball && v.period != Period::kGame) {
            const int start = v.period == Period::kFirstHalf    ? 0
                              : v.period == Period::kSecondHalf ? 2 * kb::kQuarterSeconds
                                                                : PeriodIndex(v.period) * kb::kQuarterSeconds;
            if (elapsed > start) {
                return Error{"period " + Quote(ToString(v.period)) +
                             " began before the state: its markets cannot be priced from the remaining play"};
            }
        }
        if (v.quantity == Quantity::kPlayer) {
            if (elapsed > 0) {
                return Error{"player markets need a tip-off state (the kernel counts player stats from the state)"};
            }
            s.team = engine.PlayerTeam(v.player);
            s.roster_slot = 0;
            for (int i = 0; i < v.player; ++i) {
                s.roster_slot += engine.PlayerTeam(i) == s.team ? 1 : 0;
            }
        }
    }

    std::vector<std::vector<std::uint64_t>> histograms(distribution_slots.size(),
                                                       std::vector<std::uint64_t>(2 * kRange, 0));
    std::vector<std::vector<std::uint64_t>> patterns;
    for (const auto& legs : parlay_slots) {
        patterns.emplace_back(std::size_t{1} << legs.size(), 0);
    }
    std::vector<int> values(slots.size());
    std::uint64_t valid = 0;
    const auto tally = [&](const auto& outcome) {
        for (std::size_t i = 0; i < slots.size(); ++i) {
            values[i] = Value(slots[i], outcome);
        }
        for (std::size_t d = 0; d < distribution_slots.size(); ++d) {
            const int v = values[distribution_slots[d]];
            if (v >= -kRange && v < kRange) {
                ++histograms[d][static_cast<std::size_t>(v + kRange)];
            }
        }
        for (std::size_t k = 0; k < parlay_slots.size(); ++k) {
            std::size_t bits = 0;
            for (std::size_t j = 0; j < parlay_slots[k].size(); ++j) {
                bool all = true;
                for (const auto& [slot, range] : parlay_slots[k][j].conditions) {
                    all = all && values[slot] >= range.first && values[slot] <= range.second;
                }
                bits |= static_cast<std::size_t>(all != parlay_slots[k][j].negate) << j;
            }
            ++patterns[k][bits];
        }
    };
    const auto run = [&](auto* buffer, auto launch) -> std::optional<Error> {
        for (std::uint64_t first = 0; first < paths_; first += kBatch) {
            const std::size_t count = static_cast<std::size_t>(std::min<std::uint64_t>(kBatch, paths_ - first));
            if (kernels::Status status = launch(first, count, buffer); !status.ok()) {
                return Error{"replay: " + status.message()};
            }
            for (std::size_t i = 0; i < count; ++i) {
                if (!buffer[i].invalid) {
                    ++valid;
                    tally(buffer[i]);
                }
            }
        }
        return std::nullopt;
    };
    std::optional<Error> error;
    if (sport_ == engine::Sport::kSoccer) {
        std::vector<ks::SoccerOutcome> buffer(kBatch);
        error = run(buffer.data(), [this](std::uint64_t first, std::size_t count, ks::SoccerOutcome* out) {
            return kernels::RunSoccer(soccer_params_, soccer_state_, seed_, first, count, out, launch_);
        });
    } else {
        std::vector<kb::BasketballOutcome> buffer(kBatch);
        error = run(buffer.data(), [this](std::uint64_t first, std::size_t count, kb::BasketballOutcome* out) {
            return kernels::RunBasketball(basketball_params_, basketball_state_, seed_, first, count, out, launch_);
        });
    }
    if (error) {
        return *error;
    }
    if (valid != engine.Sims()) {
        return Error{"replay: " + std::to_string(valid) + " valid paths replayed but the engine was built from " +
                     std::to_string(engine.Sims()) + " (different inputs, seed or path count)"};
    }
    for (std::size_t d = 0; d < distribution_slots.size(); ++d) {
        auto dist = IntDistribution::FromCounts(histograms[d], -kRange, valid);
        if (!dist.ok()) {
            return dist.status();
        }
        engine.AddDistribution(distribution_vars[d], std::move(dist).value());
    }
    for (std::size_t k = 0; k < parlays.size(); ++k) {
        engine.AddParlayPatterns(parlays[k].first, std::move(patterns[k]));
    }
    return paths_;
}

} // namespace simbook::odds
