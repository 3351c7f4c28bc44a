//! Soccer match model in trader terms (expected goals, timing shape, state effects) -> kernel parameters.
#pragma once

#include "kernels/core/result.hpp"
#include "kernels/soccer/soccer_params.hpp"

#include <nlohmann/json_fwd.hpp>

#include <array>

namespace simbook::models {

//! Relative goal intensity per played minute in each of the eight segments (0-15, 15-30, 30-45, 1st-half
//! stoppage, 45-60, 60-75, 75-90, 2nd-half stoppage), fitted from 47,660 timed goals in
//! ../shared/data/soccer/international/goalscorers.csv by scripts/fit_goal_timing.py.
inline constexpr std::array<double, kernels::soccer::kSegments> kDefaultGoalShape = {0.8338, 0.9423, 1.0023, 0.5997,
                                                                                     1.0674, 1.0913, 1.1811, 0.7564};

//! Priors, not fitted here: the score-effect and red-card multipliers are of the size reported in the
//! literature (Dixon and Robinson 1998 on scoring rates by score; Vecer, Kopriva and Ichiba 2009 on red
//! cards); the data hold no goal times for club matches to fit them. The red-card rates are fitted from
//! 28,890 matches of the five leagues, 2010-11 on (scripts/fit_red_card_rates.py).
//! A soccer match. Expected goals are the integral of a team's intensity over a full match with no
//! state effects, so home_xg = 1.45 means 1.45 goals expected at kick-off ignoring score and cards.
struct SoccerModel {
    double home_xg = 1.45; //!< home expected goals over the full match
    double away_xg = 1.15; //!< away expected goals over the full match
    std::array<double, kernels::soccer::kSegments> shape = kDefaultGoalShape; //!< relative intensity per segment
    double first_half_stoppage = 2.0;                                         //!< minutes
    double second_half_stoppage = 4.0;                                        //!< minutes
    double leading_mult = 0.92;          //!< intensity multiplier of the leading team
    double trailing_mult = 1.10;         //!< intensity multiplier of the trailing team
    double home_reds_per_match = 0.0946; //!< home red cards per full match (their timing follows the shape)
    double away_reds_per_match = 0.1178; //!< away red cards per full match (their timing follows the shape)
    double red_own_mult = 0.72;          //!< per red card: the carded team's intensity multiplier
    double red_opp_mult = 1.22;          //!< per red card: the opponent's intensity multiplier

    //! A model with no state effects (no score effects, no red cards): goals are independent Poissons.
    SoccerModel WithoutStateEffects() const;
};

//! Kernel parameters of a model, or an InvalidArgument naming the bad field.
Result<kernels::soccer::SoccerParams> MakeSoccerParams(const SoccerModel& model);

//! Reads a model from JSON: any subset of the SoccerModel fields by name; others keep their defaults.
Result<SoccerModel> SoccerModelFromJson(const nlohmann::json& json);
//! Writes every field of a model.
nlohmann::json ToJson(const SoccerModel& model);

} // namespace simbook::models
