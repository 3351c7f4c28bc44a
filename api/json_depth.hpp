//! A guard against deeply nested JSON: nlohmann::json parses any depth, but dumping or copying a value nested
//! hundreds of thousands of levels deep recurses that deep and overflows the stack. Request bodies and stream
//! messages are refused above kMaxJsonNesting before they are parsed.
#pragma once

#include <cstddef>
#include <string_view>

namespace simbook::api {

//! Deepest nesting a request body or stream message may have (no request of the API needs more than 8).
inline constexpr std::size_t kMaxJsonNesting = 64;

//! The deepest nesting of arrays and objects in JSON text; brackets inside strings do not count. A scan, not
//! a parse: malformed text gets some number, and the parser refuses it afterwards.
inline std::size_t JsonNesting(std::string_view text) {
    std::size_t depth = 0;
    std::size_t deepest = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i; // the escaped character, whatever it is
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = ++depth > deepest ? depth : deepest;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

} // namespace simbook::api
