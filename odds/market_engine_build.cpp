//! MarketEngine's construction: from a simulation's counts (scores, players, periods, races, parlays), from exact
//! margin and total series, from a score matrix; its pricing is in market_engine.cpp.
#include "odds/market_engine.hpp"

#include "odds/detail/checks.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

namespace simbook::odds {

namespace {

// Marginal distributions of the joint score counts: home, away, total and margin over the used extent.
struct ScoreDistributions {
    std::vector<std::uint64_t> home, away, total, margin;
    int margin_offset = 0;
};

ScoreDistributions Marginals(const engine::Histogram2D& score) {
    ScoreDistributions d;
    if (score.total() == 0) {
        return d;
    }
    const std::size_t max_home = score.MaxHome(), max_away = score.MaxAway();
    d.home.assign(max_home + 1, 0);
    d.away.assign(max_away + 1, 0);
    d.total.assign(max_home + max_away + 1, 0);
    d.margin.assign(max_home + max_away + 1, 0);
    d.margin_offset = -static_cast<int>(max_away);
    for (std::size_t h = 0; h <= max_home; ++h) {
        for (std::size_t a = 0; a <= max_away; ++a) {
            const std::uint64_t c = score.count(h, a);
            d.home[h] += c;
            d.away[a] += c;
            d.total[h + a] += c;
            d.margin[h + max_away - a] += c;
        }
    }
    return d;
}

// The race tallies of a sport's targets (SportRules race_first, race_step, ...).
template <typename Counts>
std::vector<std::pair<int, std::array<std::uint64_t, 3>>> RaceCounts(const engine::SportRules& rules,
                                                                     const Counts& counts) {
    std::vector<std::pair<int, std::array<std::uint64_t, 3>>> races;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        races.emplace_back(rules.race_first + static_cast<int>(i) * rules.race_step, counts[i]);
    }
    return races;
}

} // namespace

Result<MarketEngine> MarketEngine::FromSimulation(const engine::SimulationResult& result) {
    if (result.sims == 0) {
        return Error{"the simulation has no valid paths to price from"};
    }
    MarketEngine e;
    e.sport_ = result.sport();
    e.sims_ = result.sims;
    const auto add_marginals = [&e](const engine::Histogram2D& score, Period period) -> std::optional<Error> {
        const ScoreDistributions d = Marginals(score);
        const std::pair<Quantity, std::pair<const std::vector<std::uint64_t>*, int>> items[] = {
            {Quantity::kHome, {&d.home, 0}},
            {Quantity::kAway, {&d.away, 0}},
            {Quantity::kTotal, {&d.total, 0}},
            {Quantity::kMargin, {&d.margin, d.margin_offset}}};
        for (const auto& [quantity, counts] : items) {
            auto dist = IntDistribution::FromCounts(*counts.first, counts.second, e.sims_);
            if (!dist.ok()) {
                return Error{dist.status().message()};
            }
            e.AddDistribution(Variable{quantity, period}, std::move(dist).value());
        }
        return std::nullopt;
    };
    if (auto error = add_marginals(result.score, Period::kGame)) {
        return *error;
    }
    const auto add_sport = engine::Overloaded{
        [&](const engine::SoccerTallies& soccer) -> Status {
            const std::size_t max_home = result.score.MaxHome(), max_away = result.score.MaxAway();
            std::vector<std::vector<std::uint64_t>> counts(max_home + 1, std::vector<std::uint64_t>(max_away + 1));
            for (std::size_t h = 0; h <= max_home; ++h) {
                for (std::size_t a = 0; a <= max_away; ++a) {
                    counts[h][a] = result.score.count(h, a);
                }
            }
            auto matrix = ScoreMatrix::FromCounts(counts, result.sims);
            if (!matrix.ok()) {
                return matrix.status();
            }
            e.full_time_ = std::move(matrix).value();
            if (auto error = add_marginals(soccer.half_time, Period::kFirstHalf)) {
                return *error;
            }
            e.ht_ft_ = soccer.ht_ft;
            e.first_goal_ = soccer.first_goal;
            return Status::Ok();
        },
        [&](const engine::BaseballTallies& baseball) -> Status {
            e.races_ = RaceCounts(engine::RulesOf(e.sport_), baseball.race);
            if (baseball.first_five_open) {
                if (auto error = add_marginals(baseball.first_five, Period::kFirstFive)) {
                    return *error;
                }
            }
            return Status::Ok();
        },
        [&](const engine::FootballTallies& football) -> Status {
            e.races_ = RaceCounts(engine::RulesOf(e.sport_), football.race);
            const std::vector<std::uint64_t> types(football.next_score.begin(), football.next_score.end());
            auto dist = IntDistribution::FromCounts(types, 0, e.sims_);
            if (!dist.ok()) {
                return dist.status();
            }
            e.AddDistribution(Variable{Quantity::kScoreType, Period::kGame}, std::move(dist).value());
            return Status::Ok();
        },
        [&](const engine::BasketballTallies& basketball) -> Status {
            e.races_ = RaceCounts(engine::RulesOf(e.sport_), basketball.race);
            for (std::size_t i = 0; i < basketball.players.size(); ++i) {
                const engine::PlayerTallies& player = basketball.players[i];
                e.player_names_.push_back(player.name);
                e.player_team_.push_back(player.team);
                for (int s = 0; s < kernels::basketball::kPlayerStats; ++s) {
                    auto dist =
                        IntDistribution::FromCounts(player.stat[static_cast<std::size_t>(s)].counts(), 0, e.sims_);
                    if (!dist.ok()) {
                        return dist.status();
                    }
                    e.AddDistribution(Variable{Quantity::kPlayer, Period::kGame, static_cast<int>(i), PlayerStat(s)},
                                      std::move(dist).value());
                }
            }
            return Status::Ok();
        }};
    if (Status s = std::visit(add_sport, result.tallies); !s.ok()) {
        return s;
    }
    return e;
}

Result<MarketEngine> MarketEngine::FromLines(engine::Sport sport, std::vector<double> margin, int margin_offset,
                                             std::vector<double> total, int total_offset) {
    MarketEngine e;
    e.sport_ = sport;
    auto m = IntDistribution::Create(std::move(margin), margin_offset, 0);
    if (!m.ok()) {
        return m.status();
    }
    auto t = IntDistribution::Create(std::move(total), total_offset, 0);
    if (!t.ok()) {
        return t.status();
    }
    e.AddDistribution({Quantity::kMargin}, std::move(m).value());
    e.AddDistribution({Quantity::kTotal}, std::move(t).value());
    return e;
}

MarketEngine MarketEngine::FromScoreMatrix(const ScoreMatrix& matrix, engine::Sport sport) {
    MarketEngine e;
    e.sport_ = sport;
    e.sims_ = matrix.Sims();
    e.full_time_ = matrix;
    const int max_home = matrix.MaxHome(), max_away = matrix.MaxAway();
    std::vector<double> home(static_cast<std::size_t>(max_home + 1)), away(static_cast<std::size_t>(max_away + 1)),
        total(static_cast<std::size_t>(max_home + max_away + 1)), margin(total.size());
    for (int h = 0; h <= max_home; ++h) {
        for (int a = 0; a <= max_away; ++a) {
            const double p = matrix.At(h, a);
            home[static_cast<std::size_t>(h)] += p;
            away[static_cast<std::size_t>(a)] += p;
            total[static_cast<std::size_t>(h + a)] += p;
            margin[static_cast<std::size_t>(h - a + max_away)] += p;
        }
    }
    // Marginals of a valid matrix are valid distributions (non-negative, summing to Covered() <= 1).
    e.AddDistribution({Quantity::kHome}, IntDistribution::Create(std::move(home), 0, e.sims_).value());
    e.AddDistribution({Quantity::kAway}, IntDistribution::Create(std::move(away), 0, e.sims_).value());
    e.AddDistribution({Quantity::kTotal}, IntDistribution::Create(std::move(total), 0, e.sims_).value());
    e.AddDistribution({Quantity::kMargin}, IntDistribution::Create(std::move(margin), -max_away, e.sims_).value());
    return e;
}

void MarketEngine::AddDistribution(const Variable& variable, IntDistribution distribution) {
    for (auto& [v, d] : distributions_) {
        if (v == variable) {
            d = std::move(distribution);
            return;
        }
    }
    distributions_.emplace_back(variable, std::move(distribution));
}

void MarketEngine::AddParlayPatterns(const std::string& key, std::vector<std::uint64_t> pattern_counts) {
    for (auto& [k, counts] : parlays_) {
        if (k == key) {
            counts = std::move(pattern_counts);
            return;
        }
    }
    parlays_.emplace_back(key, std::move(pattern_counts));
}

} // namespace simbook::odds
