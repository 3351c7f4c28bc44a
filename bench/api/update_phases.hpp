//! The server's phase times of live state updates (api::Metrics' update traces), as the latency benchmarks print
//! them: each phase's p50/p99/max, and where the slowest updates spent their time.
#pragma once

#include "api/metrics.hpp"
#include "api/service.hpp"
#include "bench/api/bench_client.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace simbook::bench {

//! The traces of the service's recent updates (of one event, unless event_id is empty).
inline std::vector<api::UpdateTrace> UpdateTraces(const api::Service& service, const std::string& event_id = "") {
    std::vector<api::UpdateTrace> traces = service.GetMetrics().RecentUpdates();
    if (!event_id.empty()) {
        std::erase_if(traces, [&event_id](const api::UpdateTrace& t) { return t.event_id != event_id; });
    }
    return traces;
}

//! Prints each phase's p50, p99 and max in ms over the traces (phases that never ran left out), then the phases
//! of the `worst` updates with the longest first push.
inline void PrintUpdatePhases(const char* label, std::vector<api::UpdateTrace> traces, std::size_t worst = 5) {
    std::printf("%s server-side phases over %zu updates (ms):      p50      p99      max\n", label, traces.size());
    for (std::size_t p = 0; p < api::kUpdatePhases; ++p) {
        std::vector<double> ms;
        for (const api::UpdateTrace& t : traces) {
            ms.push_back(t.seconds[p] * 1e3);
        }
        if (std::none_of(ms.begin(), ms.end(), [](double x) { return x > 0.0; })) {
            continue;
        }
        std::printf("%s   %-14s                            %8.3f %8.3f %8.3f\n", label,
                    api::PhaseName(static_cast<api::UpdatePhase>(p)), Percentile(ms, 0.5), Percentile(ms, 0.99),
                    Percentile(ms, 1.0));
    }
    std::sort(traces.begin(), traces.end(), [](const api::UpdateTrace& a, const api::UpdateTrace& b) {
        return a[api::UpdatePhase::kFirstPush] > b[api::UpdatePhase::kFirstPush];
    });
    for (std::size_t i = 0; i < std::min(worst, traces.size()); ++i) {
        const api::UpdateTrace& t = traces[i];
        std::string phases;
        for (std::size_t p = 0; p < api::kUpdatePhases; ++p) {
            if (t.seconds[p] >= 1e-4) {
                char part[64];
                std::snprintf(part, sizeof(part), " %s %.2f", api::PhaseName(static_cast<api::UpdatePhase>(p)),
                              t.seconds[p] * 1e3);
                phases += part;
            }
        }
        std::printf("%s   slow first push: version %d, %d key events:%s\n", label, t.version, t.key_events,
                    phases.c_str());
    }
}

} // namespace simbook::bench
