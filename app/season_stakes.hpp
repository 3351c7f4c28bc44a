//! The motivation term of the walk-forward evaluation: what each side of a match has riding on its result, from
//! the futures engine simulating the rest of the season.
#pragma once

#include "models/evaluation.hpp"

#include <cstdint>

namespace simbook::app {

//! Stakes from futures::SimulateSeasons: for each match of the day, the table before the day plus the match won by
//! the home side, then by the away side (1-0 and 0-1), the rest of the fixture list simulated `seasons` times at the
//! situation's xG. A team's stake is the total-variation distance between its final-zone distributions (title, top
//! places, middle, relegation: futures::Positions defaults) after a win and after a loss. CPU backend, one thread;
//! the seed is fixed per call so the evaluation is reproducible.
models::MotivationFn MakeFuturesMotivation(std::uint64_t seasons, std::uint64_t seed);

} // namespace simbook::app
