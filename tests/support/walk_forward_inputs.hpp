//! What walk-forward tests price with: the exact Dixon-Coles 1X2 (over 2.5 left at 1/2) and the odds files' own
//! de-vigged probabilities.
#pragma once

#include "models/evaluation.hpp"

#include <optional>

namespace simbook::testing {

//! A forecast with the exact Dixon-Coles 1X2 of (home xG, away xG, rho) and P(over 2.5) = 1/2.
inline models::MatchForecast ExactForecast(double home_xg, double away_xg, double rho) {
    models::MatchForecast forecast;
    forecast.result = models::DixonColesMatchResult(home_xg, away_xg, rho);
    forecast.over_2_5 = 0.5;
    return forecast;
}

//! The market as the odds file de-vigs it (multiplicative).
inline std::optional<models::ThreeWay> FileProbabilities(const models::SoccerOdds& odds) {
    return odds.probability;
}

} // namespace simbook::testing
