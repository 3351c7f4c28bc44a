#include "app/price_command.hpp"

#include "app/game_setup.hpp"
#include "engine/game_state.hpp"
#include "engine/simulation.hpp"
#include "models/basketball_model.hpp"
#include "models/soccer_model.hpp"
#include "odds/formats.hpp"
#include "odds/ladder.hpp"
#include "odds/margin.hpp"
#include "odds/market.hpp"
#include "odds/market_engine.hpp"
#include "odds/path_tally.hpp"
#include "odds/quote.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace simbook::app {
namespace {

constexpr const char* kMarketsHelp =
    "comma-separated markets. Every sport: h2h, spreads:L (home at handicap L, away at -L), totals:L, "
    "team_totals:home|away:L. Soccer: double_chance, dnb, btts, correct_score[:N], ht_ft, first_to_score, "
    "win_to_nil:home|away (Asian rules: whole lines push, quarter lines split). Basketball: "
    "player_points|rebounds|assists|threes|pra:NAME:L, race:N (10, 15, ..., 85). Baseball: race:N (1-10 runs). "
    "Football: race:N (10, 15, ..., 30), winning_margin (home_1-6 .. home_19+, away_..., tie), next_score_type. "
    "Period prefix h1:, h2: (soccer, basketball; basketball h2 includes overtime), q1:..q4: (basketball, football), "
    "f5: "
    "(baseball, first five innings) or i1:..i9: (baseball, one inning; NRFI is i1:totals:0.5 under), e.g. "
    "q1:totals:55.5. A line FROM..TO[/STEP] is a ladder of "
    "alternate lines (totals:220.5..230.5/2). Same-game parlay: sgp:MARKET=OUTCOME+MARKET=OUTCOME..., outcomes "
    "home, draw, away, over, under, yes, no, H-A (correct score), home/draw (ht_ft), on x.5 lines, e.g. "
    "sgp:h2h=home+totals:2.5=over";

struct PriceOptions {
    SimulateOptions simulate;
    std::string markets;
    double margin = 0.05;
    std::string method = "multiplicative";
    std::string odds_format = "decimal";
    std::string ladder = "none";
};

nlohmann::json FormatPrice(std::optional<double> decimal, odds::OddsFormat format) {
    if (!decimal || !(*decimal > 1.0)) {
        return nullptr;
    }
    auto text = odds::FormatOdds(*decimal, format);
    return text.ok() ? nlohmann::json(*text) : nlohmann::json(nullptr);
}

std::optional<double> FairDecimal(double probability) {
    if (probability > 0.0 && probability < 1.0) {
        return 1.0 / probability;
    }
    return std::nullopt;
}

nlohmann::json EstimateJson(const odds::Estimate& e) {
    return {{"probability", e.probability}, {"std_error", e.std_error}};
}

nlohmann::json MarketJson(const odds::Market& market, const odds::FairMarket& fair, const odds::QuotedMarket& quote,
                          odds::OddsFormat format) {
    nlohmann::json m;
    m["market"] = fair.key;
    if (market.kind == odds::MarketKind::kHandicap || market.kind == odds::MarketKind::kTotal ||
        market.kind == odds::MarketKind::kTeamTotal || market.kind == odds::MarketKind::kPlayerProp) {
        m["line"] = market.line;
    }
    m["overround"] = quote.overround;
    m["parameter"] = quote.parameter;
    if (fair.other > 0.0) {
        m["unsettled"] = fair.other;
    }
    if (!quote.note.empty()) {
        m["note"] = quote.note;
    }
    nlohmann::json outcomes = nlohmann::json::array();
    for (std::size_t i = 0; i < fair.outcomes.size(); ++i) {
        const odds::MarketOutcome& o = fair.outcomes[i];
        nlohmann::json out{{"name", o.name},
                           {"probability", o.fair.probability},
                           {"std_error", o.fair.std_error},
                           {"fair_price", FormatPrice(FairDecimal(o.fair.probability), format)},
                           {"price", FormatPrice(quote.outcomes[i].decimal, format)}};
        out["decimal"] =
            quote.outcomes[i].decimal ? nlohmann::json(*quote.outcomes[i].decimal) : nlohmann::json(nullptr);
        // The split matters only where the bet can push or half-settle: draw no bet, whole and quarter lines.
        const bool half_line = std::abs(std::fmod(2.0 * market.line, 2.0)) == 1.0;
        if (o.settlement && (market.kind == odds::MarketKind::kDrawNoBet || !half_line)) {
            const odds::Settlement& s = *o.settlement;
            out["settlement"] = {{"win", EstimateJson(s.win)},
                                 {"half_win", EstimateJson(s.half_win)},
                                 {"push", EstimateJson(s.push)},
                                 {"half_lose", EstimateJson(s.half_lose)},
                                 {"lose", EstimateJson(s.lose)}};
        }
        outcomes.push_back(std::move(out));
    }
    m["outcomes"] = std::move(outcomes);
    if (fair.parlay) {
        nlohmann::json legs = nlohmann::json::array();
        for (std::size_t j = 0; j < market.legs.size(); ++j) {
            legs.push_back({{"leg", market.legs[j].market.Key() + "=" + market.legs[j].outcome},
                            {"probability", fair.parlay->legs[j].probability},
                            {"std_error", fair.parlay->legs[j].std_error}});
        }
        m["parlay"] = {{"legs", std::move(legs)},
                       {"independent_probability", fair.parlay->independent},
                       {"correlation_excess", fair.parlay->excess.probability},
                       {"correlation_excess_std_error", fair.parlay->excess.std_error}};
    }
    return m;
}

void PrintMarket(const odds::FairMarket& fair, const odds::QuotedMarket& quote, odds::OddsFormat format) {
    std::printf("%s  (overround %.2f%%%s%s)\n", fair.key.c_str(), 100.0 * quote.overround,
                quote.note.empty() ? "" : "; ", quote.note.c_str());
    for (std::size_t i = 0; i < fair.outcomes.size(); ++i) {
        const odds::MarketOutcome& o = fair.outcomes[i];
        const nlohmann::json fair_price = FormatPrice(FairDecimal(o.fair.probability), format);
        const nlohmann::json price = FormatPrice(quote.outcomes[i].decimal, format);
        std::printf("  %-16s p %.4f +- %.4f  fair %-8s price %s\n", o.name.c_str(), o.fair.probability,
                    o.fair.std_error, fair_price.is_null() ? "-" : fair_price.get<std::string>().c_str(),
                    price.is_null() ? "-" : price.get<std::string>().c_str());
    }
    if (fair.parlay) {
        std::printf("  legs independent: %.4f, correlation excess %.4f +- %.4f\n", fair.parlay->independent,
                    fair.parlay->excess.probability, fair.parlay->excess.std_error);
    }
}

int RunPrice(const PriceOptions& o) {
    const SimulateOptions& s = o.simulate;
    if (!(o.margin >= 0.0 && o.margin < 0.5)) {
        char text[32];
        std::snprintf(text, sizeof(text), "%g", o.margin);
        return Fail("--margin: " + std::string(text) + " is outside [0, 0.5)");
    }
    const auto method = odds::ParseMarginMethod(o.method);
    if (!method.ok()) {
        return Fail("--method: " + method.status().message());
    }
    const auto format = odds::ParseOddsFormat(o.odds_format);
    if (!format.ok()) {
        return Fail("--odds-format: " + format.status().message());
    }
    std::optional<odds::PriceLadder> ladder;
    if (o.ladder == "betfair") {
        ladder = odds::PriceLadder::Betfair();
    } else if (o.ladder != "none") {
        return Fail("--ladder: '" + o.ladder + "' is not none or betfair");
    }
    auto markets = odds::ParseMarkets(o.markets);
    if (!markets.ok()) {
        return Fail("--markets: " + markets.status().message());
    }
    Result<kernels::Backend> backend = ParseBackend(s.backend);
    if (!backend.ok()) {
        return Fail(backend.status().message());
    }
    Result<Game> prepared = PrepareGame(s);
    if (!prepared.ok()) {
        return Fail(prepared.status().message());
    }
    const Game& game = prepared.value();
    if (engine::RulesOf(game.sport()).periods_from_state && !engine::AtStart(game.spec)) {
        for (const odds::Market& m : *markets) {
            if (m.kind == odds::MarketKind::kPlayerProp) {
                return Fail("--markets: '" + m.Key() + "': player props need a tip-off state (player stats are " +
                            "simulated from the state onward)");
            }
        }
    }
    const engine::Simulation simulation = game.MakeSimulation(s, backend.value());
    auto priced_run = odds::SimulateMarkets(simulation, *markets);
    if (!priced_run.ok()) {
        return Fail("--markets: " + priced_run.status().message());
    }
    const engine::SimulationResult& result = priced_run->result;
    const odds::MarketEngine* market_engine = &priced_run->engine;
    if (Status written = game.MaybeWriteHdf5(s, result); !written.ok()) {
        return Fail(written.message());
    }
    std::vector<odds::FairMarket> fair;
    std::vector<odds::QuotedMarket> quoted;
    for (const odds::Market& m : *markets) {
        auto priced = market_engine->Price(m);
        if (!priced.ok()) {
            return Fail("--markets: " + priced.status().message());
        }
        auto quote = odds::QuoteMarket(*priced, o.margin, *method);
        if (!quote.ok()) {
            return Fail("--margin: " + quote.status().message());
        }
        fair.push_back(std::move(priced).value());
        quoted.push_back(std::move(quote).value());
    }
    if (ladder) {
        auto rounded = odds::RoundOntoLadder(std::move(quoted), *markets, *ladder);
        if (!rounded.ok()) {
            return Fail("--ladder: " + rounded.status().message());
        }
        quoted = std::move(rounded).value();
    }
    if (s.json) {
        nlohmann::json out{{"sport", engine::SportName(game.sport())},
                           {"sims", result.sims},
                           {"invalid_paths", result.invalid_paths},
                           {"seed", s.seed},
                           {"margin", o.margin},
                           {"method", odds::ToString(*method)},
                           {"odds_format", odds::ToString(*format)},
                           {"ladder", o.ladder}};
        nlohmann::json list = nlohmann::json::array();
        for (std::size_t i = 0; i < fair.size(); ++i) {
            list.push_back(MarketJson((*markets)[i], fair[i], quoted[i], *format));
        }
        out["markets"] = std::move(list);
        std::cout << out.dump() << "\n";
        return 0;
    }
    std::printf("%s: %llu simulated games (seed %llu), margin %.2f%% by %s\n", engine::SportName(game.sport()),
                static_cast<unsigned long long>(result.sims), static_cast<unsigned long long>(s.seed), 100.0 * o.margin,
                std::string(odds::ToString(*method)).c_str());
    for (std::size_t i = 0; i < fair.size(); ++i) {
        PrintMarket(fair[i], quoted[i], *format);
    }
    return 0;
}

} // namespace

void RegisterPriceCommand(CLI::App& app, int* exit_code) {
    auto options = std::make_shared<PriceOptions>();
    CLI::App* command =
        app.add_subcommand("price", "simulate a game and price markets: fair probability, standard error, price");
    AddSimulateOptions(*command, options->simulate);
    command->add_option("--markets", options->markets, kMarketsHelp)->required();
    command
        ->add_option("--margin", options->margin,
                     "target overround in [0, 0.5): implied probabilities sum to 1 + margin")
        ->capture_default_str();
    command->add_option("--method", options->method, "margin method: multiplicative, additive, power, shin, odds-ratio")
        ->capture_default_str();
    command->add_option("--odds-format", options->odds_format, "decimal, american, fractional or probability")
        ->capture_default_str();
    command
        ->add_option("--ladder", options->ladder,
                     "none, or betfair: round prices down onto the Betfair ladder, alternate lines kept monotone")
        ->capture_default_str();
    command->callback([options, exit_code] { *exit_code = RunPrice(*options); });
}

} // namespace simbook::app
