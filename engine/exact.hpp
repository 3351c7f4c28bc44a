//! The exact pricers of every sport (each in engine/<sport>/exact.hpp): test oracles and fast paths.
#pragma once

#include "engine/basketball/exact.hpp"
#include "engine/score_distribution.hpp"
#include "engine/soccer/exact.hpp"
