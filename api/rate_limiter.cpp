#include "api/rate_limiter.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace simbook::api {

int RateLimiter::Take(const std::string& client) {
    if (rate_ <= 0.0) {
        return 0;
    }
    const double burst = Burst();
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    if (buckets_.size() >= sweep_at_) {
        Sweep(now, burst);
    }
    auto [it, fresh] = buckets_.try_emplace(client, Bucket{burst, now});
    Bucket& bucket = it->second;
    if (!fresh) {
        const double elapsed = std::chrono::duration<double>(now - bucket.at).count();
        bucket.tokens = std::min(burst, bucket.tokens + elapsed * rate_);
        bucket.at = now;
    }
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return 0;
    }
    // At a tiny rate (--rate-limit accepts any value in [0, 1e9]) the wait passes what an int holds: it is capped,
    // never converted out of range.
    const double wait = std::ceil((1.0 - bucket.tokens) / rate_);
    constexpr int kLongest = std::numeric_limits<int>::max();
    return wait < static_cast<double>(kLongest) ? std::max(1, static_cast<int>(wait)) : kLongest;
}

void RateLimiter::Sweep(std::chrono::steady_clock::time_point now, double burst) {
    std::erase_if(buckets_, [&](const auto& entry) {
        const double elapsed = std::chrono::duration<double>(now - entry.second.at).count();
        return entry.second.tokens + elapsed * rate_ >= burst;
    });
    sweep_at_ = std::max<std::size_t>(1024, 2 * buckets_.size());
}

std::optional<RateLimiter::Usage> RateLimiter::UsageOf(const std::string& client) {
    if (rate_ <= 0.0) {
        return std::nullopt;
    }
    const double burst = Burst();
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    double tokens = burst;
    if (auto it = buckets_.find(client); it != buckets_.end()) {
        const double elapsed = std::chrono::duration<double>(now - it->second.at).count();
        tokens = std::min(burst, it->second.tokens + elapsed * rate_);
    }
    const auto size = static_cast<std::int64_t>(std::floor(burst));
    const auto remaining = static_cast<std::int64_t>(std::floor(tokens));
    return Usage{remaining, std::max<std::int64_t>(0, size - remaining)};
}

std::size_t RateLimiter::Clients() {
    std::lock_guard lock(mutex_);
    return buckets_.size();
}

} // namespace simbook::api
