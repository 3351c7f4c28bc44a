#include "engine/result_counts.hpp"

#include <array>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace simbook::engine {
namespace {

//! Calls f(word) on every count of a value: a count, arrays and vectors of values, and anything with
//! VisitCounts (histograms, tallies).
template <typename F> struct CountVisitor {
    F f;
    void operator()(std::uint64_t& count) { f(count); }
    template <typename T, std::size_t N> void operator()(std::array<T, N>& values) {
        for (T& v : values) {
            (*this)(v);
        }
    }
    template <typename T> void operator()(std::vector<T>& values) {
        for (T& v : values) {
            (*this)(v);
        }
    }
    template <typename T>
    requires requires(T& t, CountVisitor& v) { t.VisitCounts(v); }
    void operator()(T& value) { value.VisitCounts(*this); }
};

template <typename F> void VisitResult(SimulationResult& r, F f) {
    CountVisitor<F> v{std::move(f)};
    v(r.sims);
    v(r.invalid_paths);
    v(r.score);
    std::visit([&v](auto& tallies) { v(tallies); }, r.tallies);
}

} // namespace

std::vector<std::uint64_t> CountWords(const SimulationResult& result) {
    std::vector<std::uint64_t> words;
    SimulationResult copy = result; // visited through non-const references
    VisitResult(copy, [&words](std::uint64_t& count) { words.push_back(count); });
    return words;
}

Status SetCountWords(SimulationResult& result, std::span<const std::uint64_t> words) {
    std::size_t expected = 0;
    VisitResult(result, [&expected](std::uint64_t&) { ++expected; });
    if (words.size() != expected) {
        return InvalidArgument("counts", std::to_string(words.size()) + " words for a result of " +
                                             std::to_string(expected) + " (not the same game)");
    }
    std::size_t next = 0;
    VisitResult(result, [&](std::uint64_t& count) { count = words[next++]; });
    return Status::Ok();
}

} // namespace simbook::engine
