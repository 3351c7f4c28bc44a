//! A key event between two live states of a game: markets suspend on it.
#pragma once

#include <string>

namespace simbook::engine {

struct KeyEvent {
    std::string type;      //!< "goal", "red_card", "basket"
    int seconds_left = -1; //!< basketball in the fourth quarter or overtime: clock seconds left; else -1
};

} // namespace simbook::engine
