// Market specs: odds::ParseMarkets (the ?markets= lists, ladders "totals:2.5..4.5/1", parlays "sgp:LEG+LEG",
// player props, periods) and whatif::ParsePathMarkets (what-if, momentum and the event feed's path markets) on a
// soccer game at kick-off, a soccer game in play and a basketball game, loaded once; odds formats and prices as
// text (ParseOddsFormat, ParseOdds, ParseFraction) and margin method names.
//
// Input: the text. A finding: a crash, a sanitizer report, an exception, or a parsed market whose canonical key
// (Market::Key) does not parse back to the same key, as market.hpp promises.
#include "api/event_pricing.hpp"
#include "fuzz/fuzz_support.hpp"
#include "odds/formats.hpp"
#include "odds/margin.hpp"
#include "odds/market.hpp"
#include "whatif/path_markets.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace {

using namespace simbook;

std::vector<engine::Game>* games = nullptr;

engine::Game LoadGame(const char* sport, const char* league, const char* home, const char* away, const char* state) {
    engine::Game game = api::LoadEventGame(SIMBOOK_FUZZ_PARAMS_DIR, sport, league, home, away).game;
    if (state != nullptr) {
        api::RestoreState(nlohmann::json::parse(state), &game);
    }
    return game;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    games = new std::vector<engine::Game>;
    games->push_back(LoadGame("soccer", "premier-league", "Arsenal", "Chelsea", nullptr));
    games->push_back(
        LoadGame("soccer", "premier-league", "Arsenal", "Chelsea", R"({"minute": 70, "home": 2, "away": 1})"));
    games->push_back(LoadGame("basketball", "nba", "BOS", "DAL", nullptr));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text = fuzz::Text(data, size);
    if (auto markets = odds::ParseMarkets(text); markets.ok()) {
        for (const odds::Market& market : *markets) {
            const std::string key = market.Key();
            auto again = odds::ParseMarket(key);
            if (!again.ok() || again->Key() != key) {
                fuzz::Finding("the key " + key + " of a market parsed from '" + text +
                              "' does not parse back: " + (again.ok() ? again->Key() : again.status().message()));
            }
        }
    }
    for (const engine::Game& game : *games) {
        if (auto markets = whatif::ParsePathMarkets(text, game); markets.ok()) {
            for (const whatif::PathMarket& market : *markets) {
                (void)market.Outcomes();
            }
        }
    }
    if (auto format = odds::ParseOddsFormat(text); format.ok()) {
        (void)*format;
    }
    for (odds::OddsFormat format : {odds::OddsFormat::kDecimal, odds::OddsFormat::kAmerican,
                                    odds::OddsFormat::kFractional, odds::OddsFormat::kProbability}) {
        (void)odds::ParseOdds(text, format);
    }
    (void)odds::ParseFraction(text);
    (void)odds::ParseMarginMethod(text);
    return 0;
}
