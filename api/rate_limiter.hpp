//! RateLimiter: a token bucket per client (API key owner and role), refilled at a steady rate.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace simbook::api {

//! Token buckets by client id. Thread-safe.
class RateLimiter {
public:
    //! rate: requests per second per client (0: no limit); burst: bucket size (0: twice the rate, at least 1).
    RateLimiter(double rate, double burst) : rate_(rate), burst_(burst) {}
    //! Takes one token from the client's bucket: 0 when there was one, else the seconds to wait (>= 1).
    int Take(const std::string& client);
    //! A client's bucket as a request quota (the public odds API's x-requests-remaining / x-requests-used): the
    //! whole requests it may make now, and the bucket's size less those.
    struct Usage {
        std::int64_t remaining = 0;
        std::int64_t used = 0;
    };
    //! The client's quota now, taking nothing (a client without a bucket has a full one); nothing without a limit.
    std::optional<Usage> UsageOf(const std::string& client);
    //! Buckets held now (for tests of the memory bound).
    std::size_t Clients();

private:
    struct Bucket {
        double tokens = 0.0;
        std::chrono::steady_clock::time_point at;
    };
    //! Drops the buckets that have refilled: such a client is as if new, so memory stays bounded by the clients
    //! active within the last burst / rate seconds, however many addresses or keys were ever seen.
    void Sweep(std::chrono::steady_clock::time_point now, double burst);
    //! The bucket size: burst, or twice the rate (at least 1).
    double Burst() const { return burst_ > 0.0 ? burst_ : std::max(1.0, 2.0 * rate_); }

    double rate_;
    double burst_;
    std::mutex mutex_;
    std::map<std::string, Bucket> buckets_;
    std::size_t sweep_at_ = 1024; //!< the bucket count that triggers the next sweep
};

} // namespace simbook::api
