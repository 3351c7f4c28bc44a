#include "engine/histogram.hpp"

#include "kernels/core/result.hpp"

namespace simbook::engine {

void Histogram1D::Combine(const Histogram1D& other) {
    SIMBOOK_REQUIRE(other.counts_.size() == counts_.size(), "Histogram1D::Combine: sizes differ");
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        counts_[i] += other.counts_[i];
    }
    total_ += other.total_;
    overflow_ += other.overflow_;
}

double Histogram1D::Mean() const {
    if (total_ == 0) {
        return 0.0;
    }
    std::uint64_t sum = 0; // exact: order-independent
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        sum += counts_[i] * i;
    }
    return static_cast<double>(sum) / static_cast<double>(total_);
}

std::size_t Histogram1D::Quantile(double q) const {
    SIMBOOK_REQUIRE(q >= 0.0 && q <= 1.0, "Histogram1D::Quantile: q outside [0, 1]");
    if (total_ == 0) {
        return 0;
    }
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        cumulative += counts_[i];
        if (static_cast<double>(cumulative) >= q * static_cast<double>(total_) && cumulative > 0) {
            return i;
        }
    }
    return counts_.size() - 1;
}

double Histogram1D::TailProbability(std::size_t value) const {
    if (total_ == 0) {
        return 0.0;
    }
    std::uint64_t tail = 0;
    for (std::size_t i = value; i < counts_.size(); ++i) {
        tail += counts_[i];
    }
    return static_cast<double>(tail) / static_cast<double>(total_);
}

void Histogram2D::Combine(const Histogram2D& other) {
    SIMBOOK_REQUIRE(other.dim_ == dim_, "Histogram2D::Combine: sizes differ");
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        counts_[i] += other.counts_[i];
    }
    total_ += other.total_;
    overflow_ += other.overflow_;
}

std::size_t Histogram2D::MaxHome() const {
    std::size_t max = 0;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        if (counts_[i] != 0 && i / dim_ > max) {
            max = i / dim_;
        }
    }
    return max;
}

std::size_t Histogram2D::MaxAway() const {
    std::size_t max = 0;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        if (counts_[i] != 0 && i % dim_ > max) {
            max = i % dim_;
        }
    }
    return max;
}

} // namespace simbook::engine
