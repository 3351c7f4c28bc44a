// Live states as POST /v1/events/{id}/state reads them: api::ParseBody, then api::ValidateStateUpdate (the
// sport's state parser through engine::AdvanceState, and the checks that the state can follow the event's current
// one), and as POST /v1/simulate's "state" and a restored event read them (api::RestoreState, engine::SetState).
// Four events, loaded once from the committed fitted models: a soccer and a basketball game at kick-off and
// each in play.
//
// Input: byte 0 picks the event, the rest is the body. A finding: a crash, a sanitizer report or an exception
// other than the API's errors.
#include "api/errors.hpp"
#include "api/event_pricing.hpp"
#include "api/event_registry.hpp"
#include "api/request_reader.hpp"
#include "fuzz/fuzz_support.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace {

using namespace simbook;

std::array<std::unique_ptr<api::Event>, 4>* events = nullptr;

std::unique_ptr<api::Event> MakeEvent(const char* sport, const char* league, const char* home, const char* away,
                                      const char* state) {
    auto e = std::make_unique<api::Event>();
    e->sport = sport;
    e->league = league;
    e->home_team = home;
    e->away_team = away;
    e->game = api::LoadEventGame(SIMBOOK_FUZZ_PARAMS_DIR, sport, league, home, away).game;
    if (state != nullptr) {
        e->state = nlohmann::json::parse(state);
        api::RestoreState(e->state, &e->game);
    }
    return e;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    events = new std::array<std::unique_ptr<api::Event>, 4>;
    try {
        (*events)[0] = MakeEvent("soccer", "premier-league", "Arsenal", "Chelsea", nullptr);
        (*events)[1] = MakeEvent("soccer", "premier-league", "Arsenal", "Chelsea",
                                 R"({"minute": 60, "home": 1, "away": 1, "red_home": 1, "ht_home": 1, "ht_away": 0})");
        (*events)[2] = MakeEvent("basketball", "nba", "BOS", "DAL", nullptr);
        (*events)[3] = MakeEvent("basketball", "nba", "BOS", "DAL",
                                 R"({"period": 3, "clock": "6:00", "home": 70, "away": 66, "possession": "away"})");
    } catch (const api::ApiError& e) {
        fuzz::Finding("cannot load the events: " + e.message);
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) {
        return 0;
    }
    const api::Event& event = *(*events)[data[0] % events->size()];
    try {
        const nlohmann::json body = api::ParseBody(fuzz::Text(data + 1, size - 1));
        engine::Game game = event.game;
        try {
            api::RestoreState(body, &game);
        } catch (const api::ApiError&) {
            // the 400 of a state that does not parse
        }
        (void)api::ValidateStateUpdate(event, body);
    } catch (const api::ApiError&) {
        // a 400, or 409 out of order
    }
    return 0;
}
