#include "api/event_pricing.hpp"

#include "api/errors.hpp"
#include "api/event_registry.hpp"
#include "engine/basketball/light_game.hpp"
#include "engine/exact.hpp"
#include "engine/game_state.hpp"
#include "models/basketball_model.hpp"
#include "models/fitted.hpp"
#include "models/soccer_model.hpp"
#include "odds/market.hpp"
#include "odds/market_engine.hpp"
#include "odds/path_tally.hpp"
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
    {"baseball_mlb", "baseball", "mlb", "MLB"},
    {"americanfootball_nfl", "football", "nfl", "NFL"},
};

//! Feed keys of the innings markets (SportRules::innings), as the public odds API names them, and the book's
//! market; a line of 0 is chosen per event as the half line nearest an even book.
struct InningsMarket {
    const char* key;
    const char* market;
    bool balanced_line; //!< the market text takes a line ("f5:totals:" + L)
};
constexpr InningsMarket kInningsMarkets[] = {{"h2h_1st_5_innings", "f5:h2h", false},
                                             {"totals_1st_5_innings", "f5:totals:", true},
                                             {"totals_1st_1_innings", "i1:totals:0.5", false},
                                             {"team_totals", "team_totals:home:", true},
                                             {"team_totals", "team_totals:away:", true}};

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

//! Adds the momentum and next-event markets of a book (whatif::MomentumBookJson) to the published ones.
void AddMomentumMarkets(const json& book, std::vector<PricedMarket>* priced, json* momentum) {
    for (const json& m : book["markets"]) {
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
        *momentum = book["win_prob_path"];
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

LoadedGame LoadEventGame(const std::string& params_dir, const std::string& sport, const std::string& league,
                         const std::string& home, const std::string& away) {
    LoadedGame loaded;
    loaded.info = FindSport(sport, league);
    if (loaded.info == nullptr) {
        throw Bad("league", "no fitted model for sport '" + sport + "', league '" + league + "' (see /v1/sports)");
    }
    engine::GameSource source;
    source.sport = engine::ParseSport(sport).value(); // FindSport knows the sport
    source.league = league;
    source.home_team = home;
    source.away_team = away;
    source.params_dir = params_dir;
    Result<engine::GameModel> model = engine::LoadGame(source);
    if (!model.ok()) {
        throw FromFieldStatus(model.status());
    }
    Result<engine::Game> game = engine::StartGame(model.value());
    if (!game.ok()) {
        throw FromStatus(game.status());
    }
    loaded.game = std::move(game).value();
    return loaded;
}

void CheckPricing(const std::string& pricing) {
    if (pricing != "monte_carlo" && pricing != "exact") {
        throw Bad("pricing", "pricing must be monte_carlo or exact");
    }
}

void RestoreState(const json& state, engine::Game* game) {
    if (Status set = engine::SetState(*game, state); !set.ok()) {
        throw FromStatus(set, "state");
    }
}

StateUpdate ValidateStateUpdate(const Event& e, const json& body) {
    StateUpdate update{e.game, {}};
    Result<std::vector<engine::KeyEvent>> events = engine::AdvanceState(update.game, body);
    if (!events.ok()) {
        if (events.status().code() != StatusCode::kFailedPrecondition) {
            throw FromStatus(events.status());
        }
        // A copy: status() returns a Status by value, so a reference to its message dangled (found by
        // live_state_fuzz under ASan: stack-use-after-scope on every out-of-order update).
        const std::string message = events.status().message();
        const std::size_t colon = message.find(": ");
        throw OutOfOrder(message.substr(colon + 2), message.substr(0, colon));
    }
    for (const engine::KeyEvent& k : events.value()) {
        update.key_events.push_back({k.type, k.seconds_left, 0});
    }
    return update;
}

engine::Simulation MakeSimulation(engine::Game game, const std::optional<json>& state) {
    if (state) {
        if (Status set = engine::SetState(game, *state); !set.ok()) {
            throw FromStatus(set, "state");
        }
    }
    return engine::Simulation(std::move(game.spec));
}

namespace {

//! The momentum markets' plan of a game, or nothing (logged) when they are off or cannot be planned.
std::optional<whatif::MomentumPlan> MomentumPlan(const Event& e, const engine::Game& game,
                                                 const PricingOptions& options) {
    if (!options.momentum_markets) {
        return std::nullopt;
    }
    Result<whatif::MomentumPlan> plan = whatif::PlanMomentumMarkets(game, "");
    if (!plan.ok()) {
        spdlog::warn("event {}: momentum markets: {}", e.id, plan.status().message());
        return std::nullopt;
    }
    return std::move(plan).value();
}

//! One Monte Carlo pass over the event's paths: the simulation's tallies and, on the same paths, the momentum
//! markets' (each path id runs once for every market the event publishes).
template <typename Game>
std::pair<engine::SimulationResult, odds::MarketEngine>
SimulateOnce(const engine::Simulation& simulation, const std::optional<whatif::MomentumPlan>& plan,
             std::span<const odds::Market> markets, std::vector<whatif::MarketPrices>* momentum_prices) {
    using Outcome = typename Game::Outcome;
    const std::vector<whatif::PathMarket> none;
    whatif::PathMarketTally<Outcome> tally(
        plan ? std::span<const whatif::PathMarket>(plan->markets) : std::span<const whatif::PathMarket>(none), 0);
    // What the simulation's histograms do not keep (an inning's runs), tallied on the same paths.
    Result<odds::MarketTally<Outcome>> market_tally = odds::MarketTally<Outcome>::Make(markets, simulation.Spec());
    if (!market_tally.ok()) {
        throw FromStatus(market_tally.status());
    }
    std::vector<engine::PathSink<Outcome>*> more{&market_tally.value()};
    if (plan) {
        more.push_back(&tally);
    }
    Result<engine::SimulationResult> result = simulation.RunWith<Game>(more);
    if (!result.ok()) {
        throw FromStatus(result.status());
    }
    if (plan) {
        *momentum_prices = tally.Prices();
    }
    auto built = odds::MarketEngine::FromSimulation(result.value());
    if (!built.ok()) {
        throw FromStatus(built.status());
    }
    if (Status added = market_tally->AddTo(built.value()); !added.ok()) {
        throw FromStatus(added);
    }
    return {std::move(result).value(), std::move(built).value()};
}

//! The innings markets a game can be priced on from its state (those whose period has not begun or ended), as the
//! book's markets with their lines still to choose; none for a sport without innings.
std::vector<std::pair<const InningsMarket*, odds::Market>> InningsMarkets(const engine::Game& g) {
    std::vector<std::pair<const InningsMarket*, odds::Market>> out;
    if (!engine::RulesOf(g.sport()).innings) {
        return out;
    }
    for (const InningsMarket& m : kInningsMarkets) {
        auto market = odds::ParseMarket(std::string(m.market) + (m.balanced_line ? "0.5" : ""));
        if (!market.ok()) {
            continue;
        }
        const bool priceable = std::visit(
            [&](const auto& game) {
                using Outcome = typename std::decay_t<decltype(game)>::Outcome;
                return odds::MarketTally<Outcome>::Make(std::span<const odds::Market>(&market.value(), 1), g.spec).ok();
            },
            g.spec);
        if (priceable) {
            out.emplace_back(&m, std::move(market).value());
        }
    }
    return out;
}

//! The half line of a line market (its line set) whose first outcome's fair probability is nearest 1/2, from 0.5 up
//! to 40.5; the market as given when none prices.
odds::Market BalancedLine(const odds::MarketEngine& engine, odds::Market market) {
    double best = 2.0;
    odds::Market chosen = market;
    for (double line = 0.5; line <= 40.5; line += 1.0) {
        market.line = line;
        auto fair = engine.Price(market);
        if (!fair.ok() || fair->outcomes.empty()) {
            continue;
        }
        const double distance = std::abs(fair->outcomes[0].fair.probability - 0.5);
        if (distance < best) {
            best = distance;
            chosen = market;
        }
    }
    return chosen;
}

} // namespace

std::vector<PricedMarket> PriceMarkets(const Event& e, const engine::Game& g, int version,
                                       const PricingOptions& options, json* momentum, PricingStage stage,
                                       std::optional<engine::ExactLines>* exact_lines_at_state) {
    const std::uint64_t seed = 7 + static_cast<std::uint64_t>(version);
    const bool exact = e.pricing == "exact";
    // Exact events: the main lines come from the sport's exact Markov pricer (milliseconds), the first answer to
    // every state update; the paths serve what needs them (props, momentum) in the next stage.
    std::optional<odds::MarketEngine> main_engine;
    std::array<double, 2> mean{};
    if (exact) {
        const bool known = exact_lines_at_state != nullptr && exact_lines_at_state->has_value();
        engine::ExactLines exact_lines = known ? **exact_lines_at_state : engine::ExactMainLines(g.spec);
        if (exact_lines_at_state != nullptr && !known) {
            *exact_lines_at_state = exact_lines;
        }
        const double margin = exact_lines.margin.Mean(), total = exact_lines.total.Mean();
        mean = {(total + margin) / 2, (total - margin) / 2};
        auto built =
            odds::MarketEngine::FromLines(g.sport(), std::move(exact_lines.margin.p), exact_lines.margin.offset,
                                          std::move(exact_lines.total.p), exact_lines.total.offset);
        if (!built.ok()) {
            throw FromStatus(built.status());
        }
        main_engine.emplace(std::move(built).value());
    }
    const std::optional<whatif::MomentumPlan> plan =
        stage == PricingStage::kAll ? MomentumPlan(e, g, options) : std::nullopt;
    const engine::BasketballGame* basketball = g.basketball();
    const std::vector<std::pair<const InningsMarket*, odds::Market>> innings =
        stage == PricingStage::kAll ? InningsMarkets(g) : std::vector<std::pair<const InningsMarket*, odds::Market>>{};
    // Player props before tip-off only: after it the kernel's player lines count from the state onward,
    // which is not what a prop settles on, so the props stop being offered (and are suspended in the book).
    const bool props = stage == PricingStage::kAll && basketball != nullptr && engine::AtStart(*basketball);
    std::vector<whatif::MarketPrices> momentum_prices;
    std::optional<odds::MarketEngine> path_engine;
    std::vector<std::array<double, 4>> player_means;
    if (exact && plan && !props && basketball != nullptr) {
        // No player markets: the light kernel (no box scores, vectorised across paths) serves every path-based
        // market of the version, in one pass.
        using LightOutcome = engine::BasketballLightGame::Outcome;
        const engine::BasketballLightGame light = engine::BasketballLightGame::Of(*basketball);
        whatif::PathMarketTally<LightOutcome> tally(plan->markets, 0);
        engine::PathRun run;
        run.seed = seed;
        run.paths = options.sims;
        run.launch = {kernels::Backend::kCpu, options.sim_threads, options.coalesce_launches};
        const std::array<engine::PathSink<LightOutcome>*, 1> sinks{&tally};
        auto info = engine::RunPaths(light, std::span<const engine::BasketballLightGame>(), run,
                                     std::span<engine::PathSink<LightOutcome>* const>(sinks));
        if (!info.ok()) {
            throw FromStatus(info.status());
        }
        momentum_prices = tally.Prices();
    } else if (!exact || plan || props || !innings.empty()) {
        // One Monte Carlo pass over the event's paths for every path-based market it publishes.
        engine::Simulation simulation(g.spec);
        simulation.WithSeed(seed).WithPaths(options.sims).WithLaunch({kernels::Backend::kCpu, options.sim_threads});
        std::vector<odds::Market> tallied;
        for (const auto& [feed, market] : innings) {
            tallied.push_back(market);
        }
        auto [result, built] = std::visit(
            [&](const auto& game) {
                return SimulateOnce<std::decay_t<decltype(game)>>(simulation, plan, tallied, &momentum_prices);
            },
            g.spec);
        path_engine.emplace(std::move(built));
        if (!exact || !engine::ExactMainLinesAreExact(g.spec)) {
            mean = result.MeanScore();
        }
        if (const engine::BasketballTallies* tallies = result.basketball(); tallies != nullptr) {
            for (const engine::PlayerTallies& p : tallies->players) {
                std::array<double, 4> m{};
                for (std::size_t k = 0; k < m.size(); ++k) {
                    m[k] = p.stat[k].Mean();
                }
                player_means.push_back(m);
            }
        }
    }
    // Main lines from the exact pricer, unless it only approximates the game (football with the clock) and the paths
    // ran: then the paths' (the first stage's exact approximation is replaced by this stage's Monte Carlo).
    const bool exact_lines = exact && !(path_engine && !engine::ExactMainLinesAreExact(g.spec));
    const odds::MarketEngine& lines = exact_lines ? *main_engine : *path_engine;
    // Main lines: half-point lines nearest the expected margin and total, so no bet can push; a sport with a fixed
    // main handicap (baseball's run line) gives it to the favourite.
    const double fixed_spread = engine::RulesOf(g.sport()).main_handicap;
    const double spread = fixed_spread > 0.0 ? (mean[0] >= mean[1] ? -fixed_spread : fixed_spread)
                                             : -(std::floor(mean[0] - mean[1]) + 0.5);
    const double total = std::floor(mean[0] + mean[1]) + 0.5;
    // The moneyline: three-way where a game can end level, two-way with ties pushing where the sport's book does so.
    const char* moneyline = engine::RulesOf(g.sport()).moneyline_push ? "dnb" : "h2h";
    std::vector<std::pair<std::string, std::string>> wanted{{"h2h", moneyline},
                                                            {"spreads", "spreads:" + Line(spread)},
                                                            {"totals", "totals:" + Line(total < 0.5 ? 0.5 : total)}};
    if (props) {
        for (std::size_t i = 0; i < player_means.size() && i < basketball->player_names.size(); ++i) {
            const auto& m = player_means[i];
            if (m[0] < kPropMinPoints) {
                continue;
            }
            const double values[] = {m[0], m[1], m[2], m[3], m[0] + m[1] + m[2]};
            for (std::size_t k = 0; k < std::size(kPlayerProps); ++k) {
                wanted.emplace_back(kPlayerProps[k].first, std::string(kPlayerProps[k].second) + ":" +
                                                               basketball->player_names[i] + ":" +
                                                               Line(std::floor(values[k]) + 0.5));
            }
        }
    }
    for (const auto& [feed, market] : innings) {
        const odds::Market chosen = feed->balanced_line ? BalancedLine(*path_engine, market) : market;
        wanted.emplace_back(feed->key, chosen.Key());
    }
    std::vector<PricedMarket> priced;
    for (const auto& [key, text] : wanted) {
        auto market = odds::ParseMarket(text);
        if (!market.ok()) {
            continue; // e.g. a player name the market grammar cannot carry
        }
        // Main lines from the main engine, props and innings markets from the paths.
        const odds::MarketEngine& pricer = IsMainLine(key) ? lines : *path_engine;
        auto fair = pricer.Price(market.value());
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
            if (market.value().kind == odds::MarketKind::kMatchResult ||
                market.value().kind == odds::MarketKind::kDrawNoBet) {
                out.name = o.name == "home" ? e.home_name : o.name == "away" ? e.away_name : "Draw";
            } else if (key == "spreads") {
                out.name = o.name == "home" ? e.home_name : e.away_name;
                out.point = o.name == "home" ? market.value().line : -market.value().line;
            } else {
                out.name = o.name == "over" ? "Over" : "Under";
                out.point = market.value().line;
                out.description = market.value().kind == odds::MarketKind::kTeamTotal
                                      ? (market.value().team == odds::Side::kHome ? e.home_name : e.away_name)
                                      : market.value().player;
            }
            pm.outcomes.push_back(out);
        }
        if (pm.outcomes.size() >= 2) {
            priced.push_back(std::move(pm));
        }
    }
    if (plan) {
        AddMomentumMarkets(
            whatif::MomentumBookJson(*plan, momentum_prices, options.margin, odds::MarginMethod::kMultiplicative),
            &priced, momentum);
    }
    return priced;
}

bool IsMainLine(const std::string& key) {
    return key == "h2h" || key == "spreads" || key == "totals";
}

bool IsFeedMarketKey(const std::string& key) {
    if (IsMainLine(key)) {
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
    for (const InningsMarket& m : kInningsMarkets) {
        if (key == m.key) {
            return true;
        }
    }
    return false;
}

} // namespace simbook::api
