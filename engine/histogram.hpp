//! Mergeable integer histograms (Sink -> Combine -> Finalize): exact counts, so any merge order gives the
//! same result and runs on any thread count are identical.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace simbook::engine {

//! Counts of values 0..size-1; larger values land in the last bin and are counted as overflow.
class Histogram1D {
public:
    Histogram1D() = default;
    explicit Histogram1D(std::size_t size) : counts_(size, 0) {}

    void Add(std::size_t value, std::uint64_t weight = 1) {
        if (value >= counts_.size()) {
            value = counts_.size() - 1;
            overflow_ += weight;
        }
        counts_[value] += weight;
        total_ += weight;
    }
    void Combine(const Histogram1D& other);
    //! Calls v on every count (all additive: engine/result_counts.hpp).
    template <typename V> void VisitCounts(V&& v) {
        v(counts_);
        v(total_);
        v(overflow_);
    }

    std::size_t size() const { return counts_.size(); }
    std::uint64_t count(std::size_t value) const { return value < counts_.size() ? counts_[value] : 0; }
    std::uint64_t total() const { return total_; }
    std::uint64_t overflow() const { return overflow_; }
    const std::vector<std::uint64_t>& counts() const { return counts_; }

    //! Mean of the values (0 when empty).
    double Mean() const;
    //! Smallest value v with P(X <= v) >= q, for q in [0, 1].
    std::size_t Quantile(double q) const;
    //! P(X >= value).
    double TailProbability(std::size_t value) const;

private:
    std::vector<std::uint64_t> counts_;
    std::uint64_t total_ = 0;
    std::uint64_t overflow_ = 0;
};

//! Counts of pairs (home, away) in a square grid 0..dim-1; out-of-grid pairs are clamped and counted.
class Histogram2D {
public:
    Histogram2D() = default;
    explicit Histogram2D(std::size_t dim) : dim_(dim), counts_(dim * dim, 0) {}

    void Add(std::size_t home, std::size_t away) {
        if (home >= dim_ || away >= dim_) {
            home = home < dim_ ? home : dim_ - 1;
            away = away < dim_ ? away : dim_ - 1;
            ++overflow_;
        }
        ++counts_[home * dim_ + away];
        ++total_;
    }
    void Combine(const Histogram2D& other);
    //! Calls v on every count (all additive: engine/result_counts.hpp).
    template <typename V> void VisitCounts(V&& v) {
        v(counts_);
        v(total_);
        v(overflow_);
    }

    std::size_t dim() const { return dim_; }
    std::uint64_t count(std::size_t home, std::size_t away) const {
        return home < dim_ && away < dim_ ? counts_[home * dim_ + away] : 0;
    }
    std::uint64_t total() const { return total_; }
    std::uint64_t overflow() const { return overflow_; }

    //! Largest home and away values with a non-zero count (the used extent of the grid).
    std::size_t MaxHome() const;
    std::size_t MaxAway() const;

private:
    std::size_t dim_ = 0;
    std::vector<std::uint64_t> counts_;
    std::uint64_t total_ = 0;
    std::uint64_t overflow_ = 0;
};

} // namespace simbook::engine
