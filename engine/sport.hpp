//! The sports, by enumerator. A sport is registered here and, with its game type, in engine/sports.hpp (which
//! checks that the two lists agree).
#pragma once

#include "kernels/core/result.hpp"

#include <string_view>

namespace simbook::engine {

enum class Sport { kSoccer, kBasketball };

//! What a sport's games have, for the layers that offer markets on them: data, not branches on the sport.
struct SportRules {
    bool quarters = false;      //!< four quarters (else two halves only)
    bool game_can_draw = false; //!< a whole game can end level (else overtime decides)
    bool players = false;       //!< player box scores (props, fantasy)
    bool score_grid = false;    //!< low-scoring: correct score, both teams to score, HT/FT, first team to score
    bool races = false;         //!< race to N points
    //! Period lines count only what is scored after the state (so a period under way cannot be priced);
    //! otherwise the state's score in the period counts (soccer's half-time score).
    bool periods_from_state = false;
};

//! The rules of a sport (each game type's kRules).
const SportRules& RulesOf(Sport sport);

//! "soccer" or "basketball" (each game type's kName).
const char* SportName(Sport sport);
//! The sport of a name ("soccer", "basketball"); InvalidArgument listing the sports otherwise.
Result<Sport> ParseSport(std::string_view name);

} // namespace simbook::engine
