#include "api/event_pricing.hpp"

#include "api/errors.hpp"
#include "api/event_registry.hpp"
#include "engine/exact.hpp"
#include "engine/game_state.hpp"
#include "models/basketball_model.hpp"
#include "models/fitted.hpp"
#include "models/soccer_model.hpp"
#include "odds/market.hpp"
#include "odds/market_engine.hpp"
#include "odds/quote.hpp"
#include "odds/risk/book.hpp"
#include "odds/score_markets.hpp"
#include "whatif/whatif_api.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <cmath>
#include <cstdio>

namespace simbook::api {
namespace {

using nlohmann::json;

constexpr SportInfo kSports[] = {
    {"soccer_epl", "soccer", "premier-league", "EPL"},
    {"soccer_germany_bundesliga", "soccer", "bundesliga", "Bundesliga - Germany"},
    {"soccer_spain_la_liga", "soccer", "la-liga", "La Liga - Spain"},
    {"soccer_italy_serie_a", "soccer", "serie-a", "Serie A - Italy"},
    {"soccer_france_ligue_one", "soccer", "ligue-1", "Ligue 1 - France"},
    {"soccer_international", "soccer", "international", "International"},
    {"basketball_nba", "basketball", "nba", "NBA"},
};

//! Public feed keys of the player prop markets and the book's stat names.
constexpr std::pair<const char*, const char*> kPlayerProps[] = {{"player_points", "player_points"},
                                                                {"player_rebounds", "player_rebounds"},
                                                                {"player_assists", "player_assists"},
                                                                {"player_threes", "player_threes"},
                                                                {"player_points_rebounds_assists", "player_pra"}};
//! Public feed keys of the momentum and next-event markets (whatif::DefaultMomentumKeys, before the ':').
constexpr const char* kMomentumKeys[] = {"next_goal",          "goal_before", "lead_change", "lead_at",
                                         "next_team_to_score", "next_score",  "largest_run", "largest_run_team"};
//! Players with fewer expected points than this get no props (deep bench).
constexpr double kPropMinPoints = 4.0;

std::string Line(double value) {
    char text[32];
    std::snprintf(text, sizeof(text), "%.1f", value);
    return text;
}

ApiError OutOfOrder(const std::string& message, const std::string& field) {
    ApiError error = MakeError(StatusCode::kFailedPrecondition, message, field);
    error.reason = "out_of_order";
    return error;
}

//! Decimal prices with margin for a fair book: multiplicative first; near-certain outcomes push it past
//! probability 1, where the odds-ratio method still prices every outcome.
Result<odds::QuotedMarket> Quote(const odds::FairMarket& fair, double margin) {
    auto quote = odds::QuoteMarket(fair, margin, odds::MarginMethod::kMultiplicative);
    if (quote.ok() && !quote.value().note.empty()) {
        quote = odds::QuoteMarket(fair, margin, odds::MarginMethod::kOddsRatio);
    }
    return quote;
}

//! Momentum and next-event markets from the same seed and path count as the main markets (whatif/).
void AddMomentumMarkets(const Event& e, const EventGame& g, int version, const PricingOptions& options,
                        std::vector<PricedMarket>* priced, json* momentum) {
    engine::Game game;
    if (e.sport == "soccer") {
        game.spec = engine::SoccerGame{g.soccer_params, g.soccer_state};
    } else {
        game.spec = engine::BasketballGame{g.basketball_params, g.basketball_state, g.player_names};
    }
    game.home_name = e.home_team;
    game.away_name = e.away_team;
    whatif::RunConfig run;
    run.paths = options.sims;
    run.seed = 7 + static_cast<std::uint64_t>(version);
    run.launch = {kernels::Backend::kCpu, options.sim_threads};
    auto result = whatif::MomentumMarkets(game, "", run, options.margin, odds::MarginMethod::kMultiplicative);
    if (!result.ok()) {
        spdlog::warn("event {}: momentum markets: {}", e.id, result.status().message());
        return;
    }
    for (const json& m : result.value()["markets"]) {
        if (m.value("settled", std::uint64_t{0}) == 0) {
            continue; // no path settles it (e.g. no goal left to be next)
        }
        const std::string market = m.value("market", "");
        // In the book these are event props ("prop:next_goal"), settled by naming the winner or from evidence.
        PricedMarket pm{market.substr(0, market.find(':')), "prop:" + market, {}};
        for (const json& o : m["outcomes"]) {
            auto milli = o.contains("price") && o["price"].is_number()
                             ? odds::risk::PriceFromDecimal(o["price"].get<double>())
                             : Result<odds::risk::PriceMilli>(InvalidArgument("price", "none"));
            if (milli.ok()) {
                const std::string name = o.value("name", "");
                pm.outcomes.push_back({name, name, odds::risk::ToDecimal(milli.value()), std::nullopt, ""});
            }
        }
        if (pm.outcomes.size() >= 2) {
            priced->push_back(std::move(pm));
        }
    }
    if (momentum != nullptr) {
        *momentum = result.value()["win_prob_path"];
    }
}

} // namespace

std::span<const SportInfo> Sports() {
    return kSports;
}

const SportInfo* FindSport(const std::string& sport, const std::string& league) {
    for (const SportInfo& s : kSports) {
        if (sport == s.sport && league == s.league) {
            return &s;
        }
    }
    return nullptr;
}

GameModel LoadGame(const std::string& params_dir, const std::string& sport, const std::string& league,
                   const std::string& home, const std::string& away, bool without_state_effects) {
    GameModel game;
    game.info = FindSport(sport, league);
    if (game.info == nullptr) {
        throw Bad("league", "no fitted model for sport '" + sport + "', league '" + league + "' (see /v1/sports)");
    }
    if (home == away) {
        throw Bad("away_team", "'" + away + "' cannot play itself");
    }
    if (sport == "soccer") {
        auto model = models::FittedSoccerMatch(params_dir, league, home, away);
        if (!model.ok()) {
            throw model.status().code() == StatusCode::kUnavailable ? FromStatus(model.status())
                                                                    : Bad("home_team", model.status().message());
        }
        auto params =
            models::MakeSoccerParams(without_state_effects ? model.value().WithoutStateEffects() : model.value());
        if (!params.ok()) {
            throw FromStatus(params.status());
        }
        game.soccer = params.value();
    } else {
        auto matchup = models::FittedNbaMatch(params_dir, home, away);
        if (!matchup.ok()) {
            throw matchup.status().code() == StatusCode::kUnavailable ? FromStatus(matchup.status())
                                                                      : Bad("home_team", matchup.status().message());
        }
        auto params = models::MakeBasketballParams(matchup.value());
        if (!params.ok()) {
            throw FromStatus(params.status());
        }
        game.basketball = params.value();
        for (const auto* team : {&matchup.value().home, &matchup.value().away}) {
            for (const models::PlayerModel& p : team->players) {
                game.players.push_back(p.name);
            }
        }
    }
    return game;
}

void CheckPricing(const std::string& pricing, const std::string& sport) {
    if (pricing != "monte_carlo" && pricing != "exact") {
        throw Bad("pricing", "pricing must be monte_carlo or exact");
    }
    if (pricing == "exact" && sport != "soccer") {
        throw Bad("pricing", "exact pricing needs a soccer model without state effects; basketball is "
                             "priced by Monte Carlo");
    }
}

EventGame StartGame(const std::string& sport, GameModel model) {
    EventGame game;
    if (sport == "soccer") {
        game.soccer_params = model.soccer;
        game.soccer_state = engine::SoccerKickOff();
    } else {
        game.basketball_params = model.basketball;
        game.basketball_state = engine::BasketballTipOff();
        game.player_names = std::move(model.players);
    }
    return game;
}

void RestoreState(const std::string& sport, const json& state, EventGame* game) {
    if (sport == "soccer") {
        auto parsed = engine::ParseSoccerState(state, game->soccer_params);
        if (!parsed.ok()) {
            throw FromStatus(parsed.status(), "state");
        }
        game->soccer_state = parsed.value();
    } else {
        auto parsed = engine::ParseBasketballState(state);
        if (!parsed.ok()) {
            throw FromStatus(parsed.status(), "state");
        }
        game->basketball_state = parsed.value();
    }
}

StateUpdate ValidateStateUpdate(const Event& e, const json& body) {
    StateUpdate update{e.game, {}};
    if (e.sport == "soccer") {
        auto parsed = engine::ParseSoccerState(body, e.game.soccer_params);
        if (!parsed.ok()) {
            throw FromStatus(parsed.status());
        }
        const kernels::soccer::SoccerState& now = parsed.value();
        const kernels::soccer::SoccerState& was = e.game.soccer_state;
        if (now.home < was.home || now.away < was.away) {
            throw OutOfOrder("the score cannot go down", "home");
        }
        if (now.minute < was.minute) {
            throw OutOfOrder("the clock cannot go backwards", "minute");
        }
        if (now.red[0] < was.red[0] || now.red[1] < was.red[1]) {
            throw OutOfOrder("red cards cannot go down", "red_home");
        }
        if (now.home != was.home || now.away != was.away) {
            update.key_events.push_back({"goal", -1, 0});
        }
        if (now.red[0] != was.red[0] || now.red[1] != was.red[1]) {
            update.key_events.push_back({"red_card", -1, 0});
        }
        update.game.soccer_state = now;
    } else {
        auto parsed = engine::ParseBasketballState(body);
        if (!parsed.ok()) {
            throw FromStatus(parsed.status());
        }
        const kernels::basketball::BasketballState& now = parsed.value();
        const kernels::basketball::BasketballState& was = e.game.basketball_state;
        if (now.score[0] < was.score[0] || now.score[1] < was.score[1]) {
            throw OutOfOrder("the score cannot go down", "home");
        }
        if (now.period < was.period || (now.period == was.period && now.clock_seconds > was.clock_seconds)) {
            throw OutOfOrder("the clock cannot go backwards", "clock");
        }
        if (now.score[0] != was.score[0] || now.score[1] != was.score[1]) {
            const int left = now.period >= 4 ? now.clock_seconds : -1;
            update.key_events.push_back({"basket", left, 0});
        }
        update.game.basketball_state = now;
    }
    return update;
}

engine::Simulation MakeSimulation(const std::string& sport, const GameModel& model, const std::optional<json>& state) {
    if (sport == "soccer") {
        kernels::soccer::SoccerState start = engine::SoccerKickOff();
        if (state) {
            auto parsed = engine::ParseSoccerState(*state, model.soccer);
            if (!parsed.ok()) {
                throw FromStatus(parsed.status(), "state");
            }
            start = parsed.value();
        }
        return engine::Simulation::Soccer(model.soccer, start);
    }
    kernels::basketball::BasketballState start = engine::BasketballTipOff();
    if (state) {
        auto parsed = engine::ParseBasketballState(*state);
        if (!parsed.ok()) {
            throw FromStatus(parsed.status(), "state");
        }
        start = parsed.value();
    }
    return engine::Simulation::Basketball(model.basketball, start, model.players);
}

std::vector<PricedMarket> PriceMarkets(const Event& e, const EventGame& g, int version, const PricingOptions& options,
                                       json* momentum) {
    const bool soccer = e.sport == "soccer";
    const kernels::basketball::BasketballState& basketball_state = g.basketball_state;
    std::optional<odds::MarketEngine> engine;
    std::array<double, 2> mean{};
    std::vector<std::array<double, 4>> player_means;
    if (e.pricing == "exact") {
        // Closed form: with no state effects the remaining goals are independent Poissons (engine/exact).
        const engine::ScoreDistribution d = engine::ExactSoccer(g.soccer_params, g.soccer_state);
        std::vector<std::vector<double>> rows(d.dim(), std::vector<double>(d.dim()));
        for (std::size_t h = 0; h < d.dim(); ++h) {
            for (std::size_t a = 0; a < d.dim(); ++a) {
                rows[h][a] = d.At(h, a);
            }
        }
        auto matrix = odds::ScoreMatrix::Create(std::move(rows));
        if (!matrix.ok()) {
            throw FromStatus(matrix.status());
        }
        engine.emplace(odds::MarketEngine::FromScoreMatrix(matrix.value()));
        mean = d.MeanScore();
    } else {
        engine::Simulation simulation =
            soccer ? engine::Simulation::Soccer(g.soccer_params, g.soccer_state)
                   : engine::Simulation::Basketball(g.basketball_params, basketball_state, g.player_names);
        simulation.WithSeed(7 + static_cast<std::uint64_t>(version))
            .WithPaths(options.sims)
            .WithLaunch({kernels::Backend::kCpu, options.sim_threads});
        Result<engine::SimulationResult> result = simulation.Run();
        if (!result.ok()) {
            throw FromStatus(result.status());
        }
        auto built = odds::MarketEngine::FromSimulation(result.value());
        if (!built.ok()) {
            throw FromStatus(built.status());
        }
        engine.emplace(std::move(built.value()));
        mean = result.value().MeanScore();
        for (const engine::PlayerTallies& p : result.value().basketball.players) {
            std::array<double, 4> m{};
            for (std::size_t k = 0; k < m.size(); ++k) {
                m[k] = p.stat[k].Mean();
            }
            player_means.push_back(m);
        }
    }
    // Main lines: half-point lines nearest the expected margin and total, so no bet can push.
    const double spread = -(std::floor(mean[0] - mean[1]) + 0.5);
    const double total = std::floor(mean[0] + mean[1]) + 0.5;
    std::vector<std::pair<std::string, std::string>> wanted{{"h2h", "h2h"},
                                                            {"spreads", "spreads:" + Line(spread)},
                                                            {"totals", "totals:" + Line(total < 0.5 ? 0.5 : total)}};
    // Player props before tip-off only: after it the kernel's player lines count from the state onward,
    // which is not what a prop settles on, so the props stop being offered (and are suspended in the book).
    const bool pre_game = !soccer && basketball_state.period == 1 &&
                          basketball_state.clock_seconds == engine::BasketballTipOff().clock_seconds &&
                          basketball_state.score[0] == 0 && basketball_state.score[1] == 0;
    if (pre_game) {
        for (std::size_t i = 0; i < player_means.size() && i < g.player_names.size(); ++i) {
            const auto& m = player_means[i];
            if (m[0] < kPropMinPoints) {
                continue;
            }
            const double values[] = {m[0], m[1], m[2], m[3], m[0] + m[1] + m[2]};
            for (std::size_t k = 0; k < std::size(kPlayerProps); ++k) {
                wanted.emplace_back(kPlayerProps[k].first, std::string(kPlayerProps[k].second) + ":" +
                                                               g.player_names[i] + ":" +
                                                               Line(std::floor(values[k]) + 0.5));
            }
        }
    }
    std::vector<PricedMarket> priced;
    for (const auto& [key, text] : wanted) {
        auto market = odds::ParseMarket(text);
        if (!market.ok()) {
            continue; // e.g. a player name the market grammar cannot carry
        }
        auto fair = engine->Price(market.value());
        if (!fair.ok()) {
            continue;
        }
        auto quote = Quote(fair.value(), options.margin);
        if (!quote.ok()) {
            continue;
        }
        PricedMarket pm{key, market.value().Key(), {}};
        for (const odds::QuotedOutcome& o : quote.value().outcomes) {
            // The published price is the book's: decimal odds floored to thousandths (in the book's favour), so
            // a bet at the published price is a bet at the book's price.
            auto milli = o.decimal ? odds::risk::PriceFromDecimal(*o.decimal)
                                   : Result<odds::risk::PriceMilli>(InvalidArgument("price", "none"));
            if (!milli.ok()) {
                continue;
            }
            PricedOutcome out{o.name, o.name, odds::risk::ToDecimal(milli.value()), std::nullopt, ""};
            if (key == "h2h") {
                out.name = o.name == "home" ? e.home_team : o.name == "away" ? e.away_team : "Draw";
            } else if (key == "spreads") {
                out.name = o.name == "home" ? e.home_team : e.away_team;
                out.point = o.name == "home" ? market.value().line : -market.value().line;
            } else {
                out.name = o.name == "over" ? "Over" : "Under";
                out.point = market.value().line;
                out.description = market.value().player;
            }
            pm.outcomes.push_back(out);
        }
        if (pm.outcomes.size() >= 2) {
            priced.push_back(std::move(pm));
        }
    }
    if (options.momentum_markets) {
        AddMomentumMarkets(e, g, version, options, &priced, momentum);
    }
    return priced;
}

bool IsFeedMarketKey(const std::string& key) {
    if (key == "h2h" || key == "spreads" || key == "totals") {
        return true;
    }
    for (const auto& [feed, book] : kPlayerProps) {
        if (key == feed) {
            return true;
        }
    }
    for (const char* momentum : kMomentumKeys) {
        if (key == momentum) {
            return true;
        }
    }
    return false;
}

} // namespace simbook::api
