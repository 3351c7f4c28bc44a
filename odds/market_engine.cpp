#include "odds/market_engine.hpp"

#include "odds/detail/checks.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

namespace simbook::odds {

namespace {

using detail::Quote;

const char* ResultName(int r) {
    return r == 0 ? "home" : r == 1 ? "draw" : "away";
}

Estimate Binomial(double p, std::uint64_t sims) {
    if (sims == 0) {
        return {p, 0.0};
    }
    const double q = std::clamp(p, 0.0, 1.0);
    return {p, std::sqrt(q * (1.0 - q) / static_cast<double>(sims))};
}

bool ValidPeriod(engine::Sport sport, Period period) {
    const engine::SportRules& rules = engine::RulesOf(sport);
    if (period == Period::kGame) {
        return true;
    }
    if (period == Period::kFirstFive || InningOf(period) > 0) {
        return rules.innings;
    }
    if (period == Period::kFirstHalf || period == Period::kSecondHalf) {
        return !rules.innings;
    }
    return rules.quarters;
}

std::string NoSuchPeriod(const Market& market, engine::Sport sport) {
    return "market " + Quote(market.Key()) + ": " + engine::SportName(sport) + " has no period '" +
           std::string(ToString(market.period)) + "'";
}

} // namespace

Status CheckRaceTarget(const Market& market, engine::Sport sport) {
    const engine::SportRules& rules = engine::RulesOf(sport);
    const int target = static_cast<int>(market.line);
    if (!rules.races || market.period != Period::kGame) {
        return Error{"market " + Quote(market.Key()) + ": " + engine::SportName(sport) +
                     " has no races (or not in a period)"};
    }
    if (target < rules.race_first || target > rules.race_last || (target - rules.race_first) % rules.race_step != 0) {
        return Error{"market " + Quote(market.Key()) + ": " + engine::SportName(sport) + " race targets are " +
                     std::to_string(rules.race_first) + ", " + std::to_string(rules.race_first + rules.race_step) +
                     ", ..., " + std::to_string(rules.race_last)};
    }
    return Status::Ok();
}

Result<ParlayEstimate> ParlayFromPatterns(std::span<const std::uint64_t> pattern_counts, int legs, std::uint64_t sims) {
    if (legs < 1 || legs > 16 || pattern_counts.size() != (std::size_t{1} << legs)) {
        return Error{"parlay patterns: need 2^legs counts for 1 to 16 legs, got " +
                     std::to_string(pattern_counts.size()) + " for " + std::to_string(legs) + " legs"};
    }
    if (sims == 0) {
        return Error{"parlay patterns: sims must be > 0"};
    }
    const double n = static_cast<double>(sims);
    const std::size_t all = pattern_counts.size() - 1;
    ParlayEstimate out;
    std::vector<double> p(static_cast<std::size_t>(legs), 0.0);
    for (std::size_t b = 0; b < pattern_counts.size(); ++b) {
        for (int j = 0; j < legs; ++j) {
            if (b >> j & 1u) {
                p[static_cast<std::size_t>(j)] += static_cast<double>(pattern_counts[b]) / n;
            }
        }
    }
    const double joint = static_cast<double>(pattern_counts[all]) / n;
    out.joint = Binomial(joint, sims);
    out.independent = 1.0;
    for (int j = 0; j < legs; ++j) {
        out.legs.push_back(Binomial(p[static_cast<std::size_t>(j)], sims));
        out.independent *= p[static_cast<std::size_t>(j)];
    }
    // Delta method: the influence of one path on joint - prod p_j is 1[all] - sum_j (prod_{k != j} p_k) 1[j].
    std::vector<double> others(static_cast<std::size_t>(legs), 1.0);
    for (int j = 0; j < legs; ++j) {
        for (int k = 0; k < legs; ++k) {
            if (k != j) {
                others[static_cast<std::size_t>(j)] *= p[static_cast<std::size_t>(k)];
            }
        }
    }
    double mean = 0.0, mean_sq = 0.0;
    for (std::size_t b = 0; b < pattern_counts.size(); ++b) {
        if (pattern_counts[b] == 0) {
            continue;
        }
        double f = b == all ? 1.0 : 0.0;
        for (int j = 0; j < legs; ++j) {
            if (b >> j & 1u) {
                f -= others[static_cast<std::size_t>(j)];
            }
        }
        const double w = static_cast<double>(pattern_counts[b]) / n;
        mean += w * f;
        mean_sq += w * f * f;
    }
    out.excess = {joint - out.independent, std::sqrt(std::max(0.0, mean_sq - mean * mean) / n)};
    return out;
}

Result<int> FindPlayer(std::span<const std::string> players, std::string_view name) {
    for (std::size_t i = 0; i < players.size(); ++i) {
        if (players[i] == name) {
            return static_cast<int>(i);
        }
    }
    std::string known;
    for (const std::string& n : players) {
        known += (known.empty() ? "" : ", ") + n;
    }
    return Error{"unknown player " + Quote(name) + (known.empty() ? " (no players)" : " (players: " + known + ")")};
}

const IntDistribution* MarketEngine::Find(const Variable& variable) const {
    for (const auto& [v, d] : distributions_) {
        if (v == variable) {
            return &d;
        }
    }
    return nullptr;
}

Result<const IntDistribution*> MarketEngine::Need(const Variable& variable) const {
    if (const IntDistribution* d = Find(variable)) {
        return d;
    }
    return Error{"this market needs per-path data (period " +
                 std::string(variable.period == Period::kGame ? "game" : ToString(variable.period)) +
                 "): replay the simulated paths first"};
}

Estimate MarketEngine::MakeEstimate(double probability) const {
    return Binomial(probability, sims_);
}

Result<std::vector<Variable>> MarketEngine::MissingVariables(const Market& market) const {
    auto needed = NeededVariables(market, sport_, player_names_);
    if (needed.ok()) {
        std::erase_if(needed.value(), [this](const Variable& v) { return Find(v) != nullptr; });
    }
    return needed;
}

Result<std::vector<Variable>> MarketEngine::NeededVariables(const Market& market, engine::Sport sport,
                                                            std::span<const std::string> players) {
    if (!ValidPeriod(sport, market.period)) {
        return Error{NoSuchPeriod(market, sport)};
    }
    std::vector<Variable> needed;
    if (market.kind == MarketKind::kRaceTo) {
        if (Status s = CheckRaceTarget(market, sport); !s.ok()) {
            return s;
        }
    }
    switch (market.kind) {
    case MarketKind::kMatchResult:
    case MarketKind::kDoubleChance:
    case MarketKind::kDrawNoBet:
    case MarketKind::kHandicap:
        needed.push_back({Quantity::kMargin, market.period});
        break;
    case MarketKind::kTotal:
        needed.push_back({Quantity::kTotal, market.period});
        break;
    case MarketKind::kTeamTotal:
        needed.push_back({market.team == Side::kHome ? Quantity::kHome : Quantity::kAway, market.period});
        break;
    case MarketKind::kWinningMargin:
        if (engine::RulesOf(sport).margin_band <= 0) {
            return Error{"market " + Quote(market.Key()) + ": " + engine::SportName(sport) +
                         " has no winning margin bands"};
        }
        needed.push_back({Quantity::kMargin, market.period});
        break;
    case MarketKind::kNextScoreType:
        if (!engine::RulesOf(sport).score_types || market.period != Period::kGame) {
            return Error{"market " + Quote(market.Key()) + ": " + engine::SportName(sport) +
                         " has no score types (or not in a period)"};
        }
        needed.push_back({Quantity::kScoreType, Period::kGame});
        break;
    case MarketKind::kPlayerProp: {
        if (!engine::RulesOf(sport).players) {
            return Error{"market " + Quote(market.Key()) + ": " + engine::SportName(sport) + " has no player props"};
        }
        auto index = FindPlayer(players, market.player);
        if (!index.ok()) {
            return index.status();
        }
        needed.push_back({Quantity::kPlayer, Period::kGame, *index, market.stat});
        break;
    }
    default:
        break;
    }
    return needed;
}

Result<FairMarket> MarketEngine::PriceResult(const Market& market) const {
    auto margin = Need({Quantity::kMargin, market.period});
    if (!margin.ok()) {
        return margin.status();
    }
    const IntDistribution& m = **margin;
    const double home = m.Between(1, m.MaxValue()), draw = m.At(0), away = m.Between(m.Offset(), -1);
    const bool has_draw = engine::RulesOf(sport_).game_can_draw || market.period != Period::kGame;
    FairMarket out{market.Key(), {}, m.Other(), std::nullopt};
    if (market.kind == MarketKind::kMatchResult) {
        out.outcomes.push_back({"home", MakeEstimate(home), std::nullopt});
        if (has_draw) {
            out.outcomes.push_back({"draw", MakeEstimate(draw), std::nullopt});
        }
        out.outcomes.push_back({"away", MakeEstimate(away), std::nullopt});
        return out;
    }
    if (!has_draw) {
        return Error{"market " + Quote(market.Key()) + ": a " + engine::SportName(sport_) +
                     " game cannot be drawn (extra time decides)"};
    }
    if (market.kind == MarketKind::kDoubleChance) {
        out.outcomes = {{"home_or_draw", MakeEstimate(home + draw), std::nullopt},
                        {"home_or_away", MakeEstimate(home + away), std::nullopt},
                        {"draw_or_away", MakeEstimate(draw + away), std::nullopt}};
        return out;
    }
    // Draw no bet: a draw returns the stake.
    const Settlement home_bet{MakeEstimate(home), {}, MakeEstimate(draw), {}, MakeEstimate(away), m.Other()};
    const Settlement away_bet{MakeEstimate(away), {}, MakeEstimate(draw), {}, MakeEstimate(home), m.Other()};
    auto home_fair = EffectiveProbability(home_bet, sims_);
    auto away_fair = EffectiveProbability(away_bet, sims_);
    if (!home_fair.ok()) {
        return Error{"market " + Quote(market.Key()) + ": " + home_fair.status().message()};
    }
    out.outcomes = {{"home", *home_fair, home_bet}, {"away", *away_fair, away_bet}};
    return out;
}

Result<FairMarket> MarketEngine::PriceWinningMargin(const Market& market) const {
    auto needed = NeededVariables(market, sport_, player_names_);
    if (!needed.ok()) {
        return needed.status();
    }
    auto margin = Need({Quantity::kMargin, market.period});
    if (!margin.ok()) {
        return margin.status();
    }
    const IntDistribution& m = **margin;
    const int band = engine::RulesOf(sport_).margin_band;
    FairMarket out{market.Key(), {}, m.Other(), std::nullopt};
    for (const char* side : {"home_", "away_"}) {
        for (int b = 0; b < kMarginBands; ++b) {
            const std::string name = std::string(side) + std::to_string(b * band + 1) +
                                     (b + 1 < kMarginBands ? "-" + std::to_string((b + 1) * band) : "+");
            int lo = 0, hi = 0;
            WinningMarginBand(name, &lo, &hi);
            const int from = std::max(lo, m.Offset()), to = std::min(hi, m.MaxValue());
            out.outcomes.push_back({name, MakeEstimate(from <= to ? m.Between(from, to) : 0.0), std::nullopt});
        }
    }
    out.outcomes.push_back({"tie", MakeEstimate(m.At(0)), std::nullopt});
    return out;
}

Result<FairMarket> MarketEngine::PriceLine(const Market& market) const {
    auto missing = MissingVariables(market);
    if (!missing.ok()) {
        return missing.status();
    }
    Variable variable{Quantity::kMargin, market.period};
    const char* names[2] = {"over", "under"};
    if (market.kind == MarketKind::kHandicap) {
        names[0] = "home";
        names[1] = "away";
    } else if (market.kind == MarketKind::kTotal) {
        variable.quantity = Quantity::kTotal;
    } else if (market.kind == MarketKind::kTeamTotal) {
        variable.quantity = market.team == Side::kHome ? Quantity::kHome : Quantity::kAway;
    } else {
        variable = {Quantity::kPlayer, Period::kGame, PlayerIndex(market.player).value(), market.stat};
    }
    auto dist = Need(variable);
    if (!dist.ok()) {
        return dist.status();
    }
    // Home at handicap L wins when margin + L > 0; away (at -L) when margin + L < 0.
    auto first =
        market.kind == MarketKind::kHandicap ? SettleHandicap(**dist, market.line) : SettleOver(**dist, market.line);
    auto second =
        market.kind == MarketKind::kHandicap ? SettleUnder(**dist, -market.line) : SettleUnder(**dist, market.line);
    if (!first.ok()) {
        return first.status();
    }
    if (!second.ok()) {
        return second.status();
    }
    auto first_fair = EffectiveProbability(*first, sims_);
    auto second_fair = EffectiveProbability(*second, sims_);
    if (!first_fair.ok() || !second_fair.ok()) {
        return Error{"market " + Quote(market.Key()) + ": the bet always pushes, so it has no price"};
    }
    return FairMarket{market.Key(),
                      {{names[0], *first_fair, *first}, {names[1], *second_fair, *second}},
                      (*dist)->Other(),
                      std::nullopt};
}

Result<FairMarket> MarketEngine::Price(const Market& market) const {
    if (!ValidPeriod(sport_, market.period)) {
        return Error{NoSuchPeriod(market, sport_)};
    }
    const auto soccer_game_only = [&]() -> std::optional<Error> {
        if (!engine::RulesOf(sport_).score_grid || market.period != Period::kGame) {
            return Error{"market " + Quote(market.Key()) + " is priced for a whole soccer match only"};
        }
        return std::nullopt;
    };
    switch (market.kind) {
    case MarketKind::kMatchResult:
    case MarketKind::kDoubleChance:
    case MarketKind::kDrawNoBet:
        return PriceResult(market);
    case MarketKind::kHandicap:
    case MarketKind::kTotal:
    case MarketKind::kTeamTotal:
    case MarketKind::kPlayerProp:
        return PriceLine(market);
    case MarketKind::kBothTeamsToScore:
    case MarketKind::kWinToNil: {
        if (auto e = soccer_game_only()) {
            return *e;
        }
        const YesNo yes_no = market.kind == MarketKind::kBothTeamsToScore
                                 ? BothTeamsToScore(*full_time_)
                                 : WinToNil(*full_time_, market.team == Side::kHome ? Team::kHome : Team::kAway);
        return FairMarket{market.Key(), {{"yes", yes_no.yes, {}}, {"no", yes_no.no, {}}}, yes_no.other, {}};
    }
    case MarketKind::kCorrectScore: {
        if (auto e = soccer_game_only()) {
            return *e;
        }
        const CorrectScoreOutcomes scores = CorrectScore(*full_time_, static_cast<std::size_t>(market.top));
        FairMarket out{market.Key(), {}, 0.0, {}};
        for (const ScoreLine& s : scores.scores) {
            out.outcomes.push_back({std::to_string(s.home) + "-" + std::to_string(s.away), s.probability, {}});
        }
        out.outcomes.push_back({"any_other", scores.any_other, {}});
        return out;
    }
    case MarketKind::kHalfTimeFullTime: {
        if (auto e = soccer_game_only()) {
            return *e;
        }
        if (!ht_ft_) {
            return Error{"market 'ht_ft' needs the half-time/full-time tallies of a simulation"};
        }
        FairMarket out{market.Key(), {}, 0.0, {}};
        for (int h = 0; h < 3; ++h) {
            for (int f = 0; f < 3; ++f) {
                const double p = static_cast<double>((*ht_ft_)[h][f]) / static_cast<double>(sims_);
                out.outcomes.push_back({std::string(ResultName(h)) + "/" + ResultName(f), MakeEstimate(p), {}});
            }
        }
        return out;
    }
    case MarketKind::kFirstTeamToScore: {
        if (auto e = soccer_game_only()) {
            return *e;
        }
        if (!first_goal_) {
            return Error{"market 'first_to_score' needs the first-goal tallies of a simulation"};
        }
        using kernels::soccer::FirstGoal;
        const auto count = [this](FirstGoal g) { return (*first_goal_)[static_cast<std::size_t>(g)]; };
        if (count(FirstGoal::kBeforeState) > 0) {
            return Error{"market 'first_to_score' is already settled: a goal was scored before the state"};
        }
        const double n = static_cast<double>(sims_);
        return FairMarket{market.Key(),
                          {{"home", MakeEstimate(static_cast<double>(count(FirstGoal::kHome)) / n), {}},
                           {"away", MakeEstimate(static_cast<double>(count(FirstGoal::kAway)) / n), {}},
                           {"no_goal", MakeEstimate(static_cast<double>(count(FirstGoal::kNone)) / n), {}}},
                          0.0,
                          {}};
    }
    case MarketKind::kParlay: {
        const std::string key = market.Key();
        for (const auto& [k, counts] : parlays_) {
            if (k == key) {
                auto parlay = ParlayFromPatterns(counts, static_cast<int>(market.legs.size()), sims_);
                if (!parlay.ok()) {
                    return parlay.status();
                }
                const Estimate yes = parlay->joint;
                return FairMarket{key,
                                  {{"yes", yes, {}}, {"no", {1.0 - yes.probability, yes.std_error}, {}}},
                                  0.0,
                                  std::move(parlay).value()};
            }
        }
        return Error{"parlay " + Quote(key) + " needs per-path data: replay the simulated paths first"};
    }
    case MarketKind::kWinningMargin:
        return PriceWinningMargin(market);
    case MarketKind::kNextScoreType: {
        auto needed = NeededVariables(market, sport_, player_names_);
        if (!needed.ok()) {
            return needed.status();
        }
        auto dist = Need({Quantity::kScoreType, Period::kGame});
        if (!dist.ok()) {
            return dist.status();
        }
        const IntDistribution& d = **dist;
        return FairMarket{market.Key(),
                          {{"touchdown", MakeEstimate(d.At(1)), {}},
                           {"field_goal", MakeEstimate(d.At(2)), {}},
                           {"safety", MakeEstimate(d.At(3)), {}},
                           {"none", MakeEstimate(d.At(0)), {}}},
                          d.Other(),
                          {}};
    }
    case MarketKind::kRaceTo: {
        if (Status s = CheckRaceTarget(market, sport_); !s.ok()) {
            return s;
        }
        const auto race = std::find_if(races_.begin(), races_.end(),
                                       [&](const auto& r) { return r.first == static_cast<int>(market.line); });
        if (race == races_.end()) {
            return Error{"market " + Quote(market.Key()) + " needs the race tallies of a simulation"};
        }
        const auto& c = race->second;
        const std::uint64_t decided = c[0] + c[1];
        if (decided == 0) {
            return Error{"market " + Quote(market.Key()) + " cannot be settled: nobody reaches it, or both teams " +
                         "had before the state"};
        }
        // Like draw-no-bet: priced on the games where somebody gets there; the rest is void.
        const double home = static_cast<double>(c[0]) / static_cast<double>(decided);
        const double void_mass = sims_ > 0 ? static_cast<double>(c[2]) / static_cast<double>(sims_) : 0.0;
        return FairMarket{market.Key(),
                          {{"home", Binomial(home, decided), {}}, {"away", Binomial(1.0 - home, decided), {}}},
                          void_mass,
                          {}};
    }
    }
    return Error{"unsupported market " + Quote(market.Key())};
}

} // namespace simbook::odds
