//! The sports, by enumerator. A sport is registered here and, with its game type, in engine/sports.hpp (which
//! checks that the two lists agree).
#pragma once

#include "kernels/core/result.hpp"

#include <string_view>

namespace simbook::engine {

enum class Sport { kSoccer, kBasketball };

//! "soccer" or "basketball" (each game type's kName).
const char* SportName(Sport sport);
//! The sport of a name ("soccer", "basketball"); InvalidArgument listing the sports otherwise.
Result<Sport> ParseSport(std::string_view name);

} // namespace simbook::engine
