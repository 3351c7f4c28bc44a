//! The sports, by enumerator. A sport is registered here and, with its game type, in engine/sports.hpp (which
//! checks that the two lists agree).
#pragma once

#include "kernels/core/result.hpp"

#include <string_view>

namespace simbook::engine {

enum class Sport { kSoccer, kBasketball, kBaseball, kFootball };

//! What a sport's games have, for the layers that offer markets on them: data, not branches on the sport.
struct SportRules {
    bool quarters = false;      //!< four quarters (else two halves only)
    bool game_can_draw = false; //!< a whole game can end level (else overtime decides)
    bool players = false;       //!< player box scores (props, fantasy)
    bool score_grid = false;    //!< low-scoring: correct score, both teams to score, HT/FT, first team to score
    bool races = false;         //!< race to N points (N = race_first, race_first + race_step, ..., race_last)
    int race_first = 0;         //!< the smallest race target
    int race_last = 0;          //!< the largest race target
    int race_step = 1;          //!< targets between race_first and race_last step by this
    //! Innings: first-five-innings lines (f5:) and single-inning lines (i1: .. i9:) instead of halves and quarters.
    bool innings = false;
    //! The main handicap's size when the sport fixes it (MLB's run line, 1.5: the favourite gives it); 0: the half
    //! line nearest the expected margin.
    double main_handicap = 0.0;
    //! Period lines count only what is scored after the state (so a period under way cannot be priced);
    //! otherwise the state's score in the period counts (soccer's half-time score).
    bool periods_from_state = false;
    //! Seconds of game clock in a quarter (where the quarter lines start on ElapsedSeconds' clock): NBA 720, NFL 900.
    int quarter_seconds = 720;
    //! Next score type (touchdown, field goal, safety, none): "next_score_type".
    bool score_types = false;
    //! Winning margin bands of this width ("winning_margin": 1-6, 7-12, ... by team, the last band open, and a tie);
    //! 0: no winning margin market.
    int margin_band = 0;
    //! The published moneyline is two-way and a tie returns the stakes (the NFL's): the feed's h2h is draw no bet.
    bool moneyline_push = false;
};

//! The rules of a sport (each game type's kRules).
const SportRules& RulesOf(Sport sport);

//! "soccer", "basketball", "baseball" or "football" (each game type's kName).
const char* SportName(Sport sport);
//! The sport of a name ("soccer", "basketball", "baseball", "football"); InvalidArgument listing the sports
//! otherwise.
Result<Sport> ParseSport(std::string_view name);

} // namespace simbook::engine
