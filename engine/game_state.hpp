//! Live game states from JSON, validated: an impossible state is refused with the field that is wrong. Each
//! sport's state and its parser are in engine/<sport>/game.hpp.
#pragma once

#include "engine/basketball/game.hpp"
#include "engine/soccer/game.hpp"
