//! `simbook fit`: fit a model from the data folder and write it as a JSON model file.
#pragma once

#include "models/dixon_coles.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

namespace simbook::app {

//! Options of `simbook fit`.
struct FitOptions {
    std::string sport = "soccer";
    std::string league;                //!< soccer: premier-league, bundesliga, la-liga, serie-a, ligue-1
    std::string model = "dixon-coles"; //!< soccer: dixon-coles or market-ratings
    std::string market_params;         //!< market-ratings hyper-parameters (default DefaultMarketRatingsFile())
    std::string until;                 //!< last match date used, YYYY-MM-DD (default: the latest match in the data)
    std::string out;                   //!< model file to write
    std::string data;                  //!< data folder (default SIMBOOK_DATA, else ../shared/data)
    double half_life_days = models::DixonColesOptions{}.half_life_days; //!< time-decay half-life, days
    double window_days = models::DixonColesOptions{}.window_days;       //!< leave out matches older than this, days
    double prior_sd = models::DixonColesOptions{}.prior_sd; //!< penalty sd of each rating (log scale); 0: pure ML
    int bootstrap = 100;                                    //!< parametric bootstrap replicates (0: none)
    std::uint64_t seed = 1;                                 //!< bootstrap seed
    double level = 0.9;                                     //!< coverage of the stored match-probability intervals
    double friendly_weight = 0.5; //!< international: likelihood weight of a friendly relative to a competitive match
};

//! Registers `fit` on the app; the callback stores its exit code in *exit_code.
void RegisterFitCommand(CLI::App& app, int* exit_code);

//! `fit --sport soccer`: Dixon-Coles from soccer/results.
int RunFitSoccer(const FitOptions& options);

//! `fit --sport soccer --model market-ratings`: ratings from the league's odds, goals and shots before --until.
int RunFitMarketRatings(const FitOptions& options);

//! `fit --sport soccer --league international`: Dixon-Coles from soccer/international/results.csv, with no home
//! advantage at neutral venues and friendlies down-weighted.
int RunFitInternational(const FitOptions& options);

//! DISPATCH POINT for `fit --sport basketball`: refuses with a one-line error until the basketball fit
//! (models/basketball_fit.*) is wired in here.
int RunFitBasketball(const FitOptions& options);

//! `fit --sport baseball`: the MLB teams, starters and parks from the Retrosheet game logs (2014-18) before the day
//! after --until, written to --out (default: DefaultParamsDir()/mlb/teams.json) with Retrosheet's NOTICE beside it.
int RunFitBaseball(const FitOptions& options);

//! `fit --sport football`: the NFL ratings from the 2011-18 scores and closing lines (models::FitFootballRatings)
//! before the first week after --until (default: the next season's first week), written to --out (default:
//! DefaultParamsDir()/nfl/teams.json) with the data's licence as NOTICE beside it.
int RunFitFootball(const FitOptions& options);

} // namespace simbook::app
