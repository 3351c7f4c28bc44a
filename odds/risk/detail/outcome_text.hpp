//! A market's outcomes as the ledgers store them: lines "PRICE<TAB>NAME" (names never hold a newline: the book
//! refuses them). Shared by the SQLite and PostgreSQL ledgers, so both stores read each other's text.
#pragma once

#include "odds/risk/ledger.hpp"

#include <string>
#include <vector>

namespace simbook::odds::risk::detail {

inline std::string EncodeOutcomes(const std::vector<OutcomePrice>& outcomes) {
    std::string text;
    for (const OutcomePrice& o : outcomes) {
        text += std::to_string(o.price);
        text += '\t';
        text += o.name;
        text += '\n';
    }
    return text;
}

inline std::vector<OutcomePrice> DecodeOutcomes(const std::string& text) {
    std::vector<OutcomePrice> outcomes;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        const std::string line = text.substr(start, end - start);
        const std::size_t tab = line.find('\t');
        outcomes.push_back({line.substr(tab + 1), std::stoll(line.substr(0, tab))});
        start = end == std::string::npos ? text.size() : end + 1;
    }
    return outcomes;
}

} // namespace simbook::odds::risk::detail
