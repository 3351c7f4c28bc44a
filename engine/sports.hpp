//! The registration of the sports: every sport's game type, in the order of the Sport enumerators
//! (engine/sport.hpp). Everything per sport follows from this list: GameSpec (a game of any sport), the models
//! (GameModel) and the tallies (SimulationResult) are variants over it, and the sport names are the game types'
//! kName. Code that branches on the sport visits these variants, so the compiler names every place a new sport
//! must fill in: its folder in each layer (engine/<sport>, whatif/<sport>, ...).
//!
//! Adding a sport: kernels/<sport>, engine/<sport>/game.hpp (the game type and its traits: RunKernel, AtStart,
//! ElapsedSeconds, SetState, Advance, LoadModel, StartGame, TeamNames), engine/<sport>/tallies.hpp (what a
//! simulation counts and reports), its enumerator in engine/sport.hpp and its game type here; then the
//! per-sport files of the layers above, which the compiler lists.
#pragma once

#include "engine/baseball/game.hpp"
#include "engine/basketball/game.hpp"
#include "engine/football/game.hpp"
#include "engine/soccer/game.hpp"
#include "engine/sport.hpp"

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <variant>

namespace simbook::engine {

//! The registered sports, as a list of game types.
template <typename... Games> struct SportList {
    //! One game of any sport.
    using Spec = std::variant<Games...>;
    //! The model of a game of any sport (what-if changes act on it).
    using Model = std::variant<typename Games::Model...>;
    //! The live state of a game of any sport.
    using State = std::variant<typename Games::State...>;
    //! What a simulation of a game of any sport counts beyond the score (complete in simulation_result.hpp).
    using Tallies = std::variant<typename Games::Tallies...>;
    static constexpr std::size_t kCount = sizeof...(Games);
    static constexpr const char* kNames[] = {Games::kName...};
    static constexpr SportRules kRules[] = {Games::kRules...};
};

//! THE registration: every sport's game type, in the order of the Sport enumerators, as an X-macro (so that
//! explicit template instantiations can be written once for every sport: SIMBOOK_SPORTS(INSTANTIATE)).
#define SIMBOOK_SPORTS(X)                                                                                              \
    X(::simbook::engine::SoccerGame)                                                                                   \
    X(::simbook::engine::BasketballGame) X(::simbook::engine::BaseballGame) X(::simbook::engine::FootballGame)

namespace detail {
template <typename... Ts> struct Registered;
template <typename... Games> struct Registered<void, Games...> { using type = SportList<Games...>; };
#define SIMBOOK_SPORT_ENTRY(Game) , Game
} // namespace detail

//! The registered sports.
using Sports = detail::Registered<void SIMBOOK_SPORTS(SIMBOOK_SPORT_ENTRY)>::type;

//! One game of any sport.
using GameSpec = Sports::Spec;
//! The model of a game of any sport.
using SportModel = Sports::Model;
//! The live state of a game of any sport.
using SportState = Sports::State;

//! The Sport enumerator of a game type: its place in the list.
template <typename G> constexpr Sport SportOfGame() {
    constexpr std::size_t index = []<typename... Ts>(std::variant<Ts...>*) {
        std::size_t i = 0;
        (void)((std::is_same_v<G, Ts> ? false : (++i, true)) && ...);
        return i;
    }(static_cast<GameSpec*>(nullptr));
    static_assert(index < Sports::kCount, "not a registered sport");
    return static_cast<Sport>(index);
}

static_assert(SportOfGame<SoccerGame>() == Sport::kSoccer && SportOfGame<BasketballGame>() == Sport::kBasketball &&
                  SportOfGame<BaseballGame>() == Sport::kBaseball && SportOfGame<FootballGame>() == Sport::kFootball,
              "the game types must be registered in the order of the Sport enumerators");

//! The game type of an outcome type.
template <typename Outcome, typename Spec = GameSpec> struct GameOfOutcome;
template <typename Outcome, typename... Games> struct GameOfOutcome<Outcome, std::variant<Games...>> {
    using type = std::tuple_element_t<0, decltype(std::tuple_cat(
                                             std::conditional_t<std::is_same_v<typename Games::Outcome, Outcome>,
                                                                std::tuple<Games>, std::tuple<>>{}...))>;
};
template <typename Outcome> using GameOf = typename GameOfOutcome<Outcome>::type;

//! A visitor from one lambda per sport: std::visit(Overloaded{[](const SoccerGame&) {...}, ...}, spec).
template <typename... Fs> struct Overloaded : Fs... { using Fs::operator()...; };
// clang before 17 does not deduce an aggregate's template arguments (P1816) without a guide.
template <typename... Fs> Overloaded(Fs...) -> Overloaded<Fs...>;

//! Calls fn(std::type_identity<G>{}) for the game type G of a sport.
template <typename Fn> decltype(auto) VisitSport(Sport sport, Fn&& fn) {
    const auto index = static_cast<std::size_t>(sport);
    SIMBOOK_REQUIRE(index < Sports::kCount, "VisitSport: not a registered sport");
    return [&]<std::size_t... I>(std::index_sequence<I...>)->decltype(auto) {
        using R = decltype(fn(std::type_identity<std::variant_alternative_t<0, GameSpec>>{}));
        R(*table[])
        (Fn&) = {+[](Fn& f) -> R { return f(std::type_identity<std::variant_alternative_t<I, GameSpec>>{}); }...};
        return table[index](fn);
    }
    (std::make_index_sequence<Sports::kCount>());
}

} // namespace simbook::engine
