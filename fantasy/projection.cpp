#include "fantasy/projection.hpp"

#include "engine/game_loader.hpp"
#include "engine/game_state.hpp"
#include "engine/path_driver.hpp"
#include "kernels/core/rng.cuh"
#include "kernels/launch.hpp"
#include "models/basketball_fit.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <fstream>
#include <set>

namespace simbook::fantasy {

namespace kb = kernels::basketball;

Result<Slate> SlateFromJson(const nlohmann::json& json, const std::string& field) {
    if (!json.is_object() || !json.contains("games") || !json["games"].is_array()) {
        return InvalidArgument(field + ".games", "expected an array of {\"home\": team, \"away\": team}");
    }
    Slate slate;
    std::set<std::string> teams;
    const nlohmann::json& games = json["games"];
    if (games.empty()) {
        return InvalidArgument(field + ".games", "the slate has no games");
    }
    for (std::size_t i = 0; i < games.size(); ++i) {
        const std::string f = field + ".games[" + std::to_string(i) + "]";
        SlateGame g;
        for (const char* side : {"home", "away"}) {
            if (!games[i].is_object() || !games[i].contains(side) || !games[i][side].is_string()) {
                return InvalidArgument(f + "." + side, "expected a team code such as \"BOS\"");
            }
            const std::string team = games[i][side].get<std::string>();
            if (!teams.insert(team).second) {
                return InvalidArgument(f + "." + side, team + " plays more than once on the slate");
            }
            (std::string(side) == "home" ? g.home : g.away) = team;
        }
        slate.games.push_back(std::move(g));
    }
    if (json.contains("availability")) {
        auto overrides = models::AvailabilityFromJson(json["availability"], field + ".availability");
        if (!overrides.ok()) {
            return overrides.status();
        }
        slate.availability = std::move(overrides).value();
    }
    return slate;
}

Result<Slate> LoadSlate(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        return Status{StatusCode::kInvalidArgument, path + ": cannot read the slate file"};
    }
    const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded()) {
        return InvalidArgument(path, "not valid JSON");
    }
    return SlateFromJson(j, path);
}

std::uint64_t GameSeed(std::uint64_t seed, std::size_t game) {
    std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (static_cast<std::uint64_t>(game) + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

BoxLine SlateSimulation::Line(std::size_t player, std::uint64_t path) const {
    const std::uint8_t* p = &lines_[(player * paths_ + path) * kStats];
    BoxLine line;
    for (int s = 0; s < kStats; ++s) {
        line[s] = p[s];
    }
    return line;
}

std::vector<float> SlateSimulation::Points(const Scoring& scoring) const {
    std::vector<float> out(players_.size() * paths_);
    for (std::size_t i = 0; i < players_.size(); ++i) {
        for (std::uint64_t p = 0; p < paths_; ++p) {
            out[i * paths_ + p] = static_cast<float>(Score(scoring, Line(i, p)));
        }
    }
    return out;
}

int SlateSimulation::Find(const std::string& team, const std::string& name) const {
    for (std::size_t i = 0; i < players_.size(); ++i) {
        if (players_[i].team == team && players_[i].name == name) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

Result<SlateSimulation> SimulateSlate(const Slate& slate, const SlateOptions& options) {
    if (options.sims == 0 || options.sims > 1'000'000) {
        return InvalidArgument("sims", std::to_string(options.sims) + " is outside [1, 1000000]");
    }
    ExtraRateTable rates;
    rates.source = "league averages (no rates file)";
    if (!options.extra_rates_file.empty()) {
        auto loaded = LoadExtraRates(options.extra_rates_file);
        if (!loaded.ok()) {
            return loaded.status();
        }
        rates = std::move(loaded).value();
    }
    // Build every game's model first so that bad input fails before anything runs.
    std::vector<models::BasketballModel> base(slate.games.size());
    std::vector<models::BasketballModel> adjusted(slate.games.size());
    std::vector<std::vector<models::AvailabilityOverride>> per_game(slate.games.size());
    std::vector<std::set<std::string>> out_players(slate.games.size());
    for (std::size_t g = 0; g < slate.games.size(); ++g) {
        // Each game loads as every game does (engine::LoadGame): the fitted NBA matchup of its teams.
        engine::GameSource source;
        source.sport = engine::Sport::kBasketball;
        source.league = "nba";
        source.home_team = slate.games[g].home;
        source.away_team = slate.games[g].away;
        source.params_dir = options.params_dir;
        auto m = engine::LoadGame(source);
        if (!m.ok()) {
            return Status(m.status().code(), "slate.games[" + std::to_string(g) + "]: " + m.status().message());
        }
        base[g] = adjusted[g] = *m.value().basketball();
    }
    for (std::size_t k = 0; k < slate.availability.size(); ++k) {
        const models::AvailabilityOverride& o = slate.availability[k];
        int found = -1;
        for (std::size_t g = 0; g < slate.games.size() && found < 0; ++g) {
            for (const auto* team : {&base[g].home, &base[g].away}) {
                for (const models::PlayerModel& p : team->players) {
                    if (p.name == o.player) {
                        found = static_cast<int>(g);
                    }
                }
            }
        }
        const std::string field = "slate.availability[" + std::to_string(k) + "].player";
        if (found < 0) {
            return InvalidArgument(field, "'" + o.player + "' plays for no team of the slate");
        }
        per_game[found].push_back(o);
        if (o.out) {
            out_players[found].insert(o.player);
        }
    }
    for (std::size_t g = 0; g < slate.games.size(); ++g) {
        if (Status s = models::ApplyAvailability(adjusted[g], per_game[g]); !s.ok()) {
            return InvalidArgument("slate.availability (" + slate.games[g].Label() + ")", s.message());
        }
    }
    SlateSimulation sim;
    sim.games_ = slate.games;
    sim.paths_ = options.sims;
    sim.seed_ = options.seed;
    sim.extra_source_ = rates.source;
    std::vector<std::size_t> first_player(slate.games.size());
    for (std::size_t g = 0; g < slate.games.size(); ++g) {
        first_player[g] = sim.players_.size();
        for (int side = 0; side < 2; ++side) {
            const models::TeamModel& team = side == 0 ? adjusted[g].home : adjusted[g].away;
            const models::TeamModel& base_team = side == 0 ? base[g].home : base[g].away;
            const models::TeamModel& opponent = side == 0 ? adjusted[g].away : adjusted[g].home;
            for (std::size_t i = 0; i < team.players.size() && i < static_cast<std::size_t>(kb::kMaxPlayers); ++i) {
                SlatePlayer p;
                p.name = team.players[i].name;
                p.team = side == 0 ? slate.games[g].home : slate.games[g].away;
                p.opponent = side == 0 ? slate.games[g].away : slate.games[g].home;
                p.game = static_cast<int>(g);
                p.side = side;
                p.slot = static_cast<int>(i);
                p.minutes = team.players[i].minutes;
                p.base_minutes = base_team.players[i].minutes;
                p.usage = team.players[i].usage;
                p.out = out_players[g].count(p.name) > 0;
                p.extra_mean = ExpectedExtras(team.players[i], team, opponent, rates.Of(p.name));
                sim.players_.push_back(std::move(p));
            }
        }
    }
    const std::uint64_t n = options.sims;
    sim.lines_.assign(sim.players_.size() * n * kStats, 0);
    for (std::size_t g = 0; g < slate.games.size(); ++g) {
        auto params = models::MakeBasketballParams(adjusted[g]);
        if (!params.ok()) {
            return InvalidArgument("slate.games[" + std::to_string(g) + "]", params.status().message());
        }
        const engine::BasketballGame game{*params, engine::BasketballTipOff(), {}};
        engine::PathRun run;
        run.seed = GameSeed(options.seed, g);
        run.paths = n;
        run.launch = {options.backend, options.threads};
        const std::uint64_t extra_seed = ExtraStatsSeed(run.seed);
        const std::size_t end = g + 1 < slate.games.size() ? first_player[g + 1] : sim.players_.size();
        std::atomic<std::uint64_t> invalid{0};
        engine::ForEachPath<kb::BasketballOutcome> lines([&](int, std::uint64_t path, const kb::BasketballOutcome& o) {
            if (o.invalid != 0) {
                invalid.fetch_add(1, std::memory_order_relaxed);
            }
            kernels::PathRng rng(extra_seed, path);
            for (std::size_t i = first_player[g]; i < end; ++i) {
                const SlatePlayer& p = sim.players_[i];
                std::uint8_t* line = &sim.lines_[(i * n + path) * kStats];
                for (int s = 0; s < kb::kPlayerStats; ++s) {
                    line[s] = o.player[p.side][p.slot][s];
                }
                // Three uniforms per player in roster order, drawn even for players out, so that an override
                // in one team leaves the other players' draws unchanged.
                for (int e = 0; e < 3; ++e) {
                    const int k = PoissonInverse(p.extra_mean[e], rng.NextOpenUniform());
                    line[kb::kPlayerStats + e] = static_cast<std::uint8_t>(std::min(k, 255));
                }
            }
        });
        engine::PathSink<kb::BasketballOutcome>* sinks[] = {&lines};
        auto info = engine::RunPaths(game, std::span<const engine::BasketballGame>(), run, sinks);
        if (!info.ok()) {
            return info.status();
        }
        sim.invalid_paths_ += invalid.load();
    }
    return sim;
}

double Quantile(const std::vector<float>& sorted, double q) {
    if (sorted.empty()) {
        return 0.0;
    }
    const double h = q * static_cast<double>(sorted.size() - 1);
    const std::size_t lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (h - static_cast<double>(lo)) * (static_cast<double>(sorted[hi]) - sorted[lo]);
}

std::vector<Projection> Project(const SlateSimulation& sim, const Scoring& scoring,
                                const std::vector<double>& thresholds) {
    std::vector<Projection> out;
    const std::uint64_t n = sim.paths();
    std::vector<float> points(n);
    for (std::size_t i = 0; i < sim.players().size(); ++i) {
        Projection pr;
        pr.player = i;
        pr.p_reach.assign(thresholds.size(), 0.0);
        double sum = 0.0, sum_sq = 0.0;
        for (std::uint64_t p = 0; p < n; ++p) {
            const BoxLine line = sim.Line(i, p);
            const double x = Score(scoring, line);
            points[p] = static_cast<float>(x);
            sum += x;
            sum_sq += x * x;
            for (int s = 0; s < kStats; ++s) {
                pr.stat_mean[s] += line[s];
            }
            const int tens = (line[0] >= 10) + (line[1] >= 10) + (line[2] >= 10) + (line[4] >= 10) + (line[5] >= 10);
            pr.double_double += tens >= 2;
            pr.triple_double += tens >= 3;
            for (std::size_t t = 0; t < thresholds.size(); ++t) {
                pr.p_reach[t] += x >= thresholds[t];
            }
        }
        const double nn = static_cast<double>(n);
        pr.mean = sum / nn;
        pr.sd = n > 1 ? std::sqrt(std::max(0.0, (sum_sq - sum * sum / nn) / (nn - 1.0))) : 0.0;
        for (double& m : pr.stat_mean) {
            m /= nn;
        }
        pr.double_double /= nn;
        pr.triple_double /= nn;
        for (double& r : pr.p_reach) {
            r /= nn;
        }
        std::sort(points.begin(), points.end());
        pr.median = Quantile(points, 0.5);
        const double qs[4] = {0.10, 0.25, 0.75, 0.90};
        for (int k = 0; k < 4; ++k) {
            pr.percentiles[k] = Quantile(points, qs[k]);
        }
        out.push_back(std::move(pr));
    }
    return out;
}

} // namespace simbook::fantasy
