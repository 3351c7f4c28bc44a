#include "api/metrics.hpp"

#include <cstdio>

namespace simbook::api {
namespace {

//! Prometheus text lines of one histogram: cumulative buckets, +Inf, sum and count.
template <typename Histogram>
void AppendHistogram(std::string* out, const std::string& name, const std::string& labels, const Histogram& h) {
    std::uint64_t cumulative = 0;
    char bound[32];
    for (std::size_t i = 0; i <= Histogram::kBounds.size(); ++i) {
        cumulative += h.counts[i];
        if (i < Histogram::kBounds.size()) {
            std::snprintf(bound, sizeof(bound), "%g", Histogram::kBounds[i]);
        } else {
            std::snprintf(bound, sizeof(bound), "+Inf");
        }
        out->append(name).append("_bucket{").append(labels).append("le=\"").append(bound).append("\"} ");
        out->append(std::to_string(cumulative)).append("\n");
    }
    std::string tail; // the labels without the trailing comma, in braces
    if (!labels.empty()) {
        tail.append("{").append(labels, 0, labels.size() - 1).append("}");
    }
    char sum[64];
    std::snprintf(sum, sizeof(sum), "%.9g", h.sum);
    out->append(name).append("_sum").append(tail).append(" ").append(sum).append("\n");
    out->append(name).append("_count").append(tail).append(" ").append(std::to_string(h.count)).append("\n");
}

} // namespace

void LatencyHistogram::Observe(double seconds) {
    std::size_t i = 0;
    while (i < kBounds.size() && seconds > kBounds[i]) {
        ++i;
    }
    ++counts[i];
    sum += seconds;
    ++count;
}

void PhaseHistogram::Observe(double seconds) {
    std::size_t i = 0;
    while (i < kBounds.size() && seconds > kBounds[i]) {
        ++i;
    }
    ++counts[i];
    sum += seconds;
    ++count;
}

void Metrics::CountRequest(const std::string& method, const std::string& route, int status, double seconds) {
    std::lock_guard lock(mutex_);
    ++request_counts_[method + "|" + route + "|" + std::to_string(status)];
    if (seconds >= 0.0) {
        latency_[route].Observe(seconds);
    }
}

void Metrics::CountReprice(double seconds) {
    ++reprices_;
    std::lock_guard lock(mutex_);
    reprice_latency_.Observe(seconds);
}

void Metrics::ObserveUpdate(const UpdateTrace& trace) {
    std::lock_guard lock(mutex_);
    for (std::size_t p = 0; p < kUpdatePhases; ++p) {
        if (trace.seconds[p] > 0.0) {
            phase_latency_[p].Observe(trace.seconds[p]);
        }
    }
    if (recent_.size() < kRecentUpdates) {
        recent_.push_back(trace);
    } else {
        recent_[recent_next_] = trace;
    }
    recent_next_ = (recent_next_ + 1) % kRecentUpdates;
}

std::vector<UpdateTrace> Metrics::RecentUpdates() const {
    std::lock_guard lock(mutex_);
    if (recent_.size() < kRecentUpdates) {
        return recent_;
    }
    std::vector<UpdateTrace> ordered(recent_.begin() + static_cast<std::ptrdiff_t>(recent_next_), recent_.end());
    ordered.insert(ordered.end(), recent_.begin(), recent_.begin() + static_cast<std::ptrdiff_t>(recent_next_));
    return ordered;
}

const char* PhaseName(UpdatePhase phase) {
    static constexpr const char* kNames[kUpdatePhases] = {
        "queue",      "wait",  "validate",  "key_events", "exact",       "store_main", "book_main",     "publish_main",
        "first_push", "paths", "store_all", "book_all",   "publish_all", "all_pushed", "first_push_cpu"};
    return kNames[static_cast<std::size_t>(phase)];
}

std::string Metrics::Text() const {
    std::string out = "# HELP simbook_http_requests_total HTTP requests by method, route and status.\n"
                      "# TYPE simbook_http_requests_total counter\n";
    {
        std::lock_guard lock(mutex_);
        for (const auto& [key, count] : request_counts_) {
            const std::size_t a = key.find('|');
            const std::size_t b = key.rfind('|');
            out += "simbook_http_requests_total{method=\"";
            out += key.substr(0, a);
            out += "\",route=\"";
            out += key.substr(a + 1, b - a - 1);
            out += "\",status=\"";
            out += key.substr(b + 1);
            out += "\"} ";
            out += std::to_string(count);
            out += "\n";
        }
    }
    out += "# TYPE simbook_reprices_total counter\nsimbook_reprices_total " + std::to_string(reprices_.load()) + "\n";
    out += "# TYPE simbook_bets_accepted_total counter\nsimbook_bets_accepted_total " +
           std::to_string(bets_accepted.load()) + "\n";
    out += "# TYPE simbook_bets_refused_total counter\nsimbook_bets_refused_total " +
           std::to_string(bets_refused.load()) + "\n";
    out += "# TYPE simbook_simulations_total counter\nsimbook_simulations_total ";
    out += std::to_string(simulations.load());
    out += "\n# TYPE simbook_key_event_suspensions_total counter\nsimbook_key_event_suspensions_total ";
    out += std::to_string(key_event_suspensions.load());
    out += "\n";
    std::lock_guard lock(mutex_);
    out += "# HELP simbook_http_request_duration_seconds Time to answer a request, by route.\n"
           "# TYPE simbook_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
        AppendHistogram(&out, "simbook_http_request_duration_seconds", "route=\"" + route + "\",", h);
    }
    out += "# HELP simbook_reprice_duration_seconds Time to price an event's markets (simulation included).\n"
           "# TYPE simbook_reprice_duration_seconds histogram\n";
    AppendHistogram(&out, "simbook_reprice_duration_seconds", "", reprice_latency_);
    out += "# HELP simbook_update_phase_seconds Time a live state update spends in each phase on the server "
           "(first_push and all_pushed: from the request read to the version handed to the subscribers).\n"
           "# TYPE simbook_update_phase_seconds histogram\n";
    for (std::size_t p = 0; p < kUpdatePhases; ++p) {
        AppendHistogram(&out, "simbook_update_phase_seconds",
                        std::string("phase=\"") + PhaseName(static_cast<UpdatePhase>(p)) + "\",", phase_latency_[p]);
    }
    return out;
}

} // namespace simbook::api
