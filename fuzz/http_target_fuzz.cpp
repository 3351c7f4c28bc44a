// The HTTP target and query as the service reads them: SplitTarget (path, query, percent-decoding), MatchPath on
// the route table, authentication and roles, and every GET handler's query parameters (markets, ladders,
// oddsFormat, customer_id), through Service::Handle, the one entry point the HTTP front calls.
//
// Input: byte 0 picks the method, byte 1 the API key (none, unknown, or a demo key of a role), the rest is the
// request target. "{event0}" and "{event1}" in the target become the ids of the demo soccer and basketball
// events (their ids carry a random prefix the fuzzer cannot guess). POST is never sent: the bodies are
// request_body_fuzz's and tool_request_fuzz's, and a fuzzed POST would place bets and reprice events.
// A finding: a crash, a sanitizer report, or any 5xx answer (the catch point's "internal error").
#include "fuzz/demo_service.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace {

simbook::fuzz::DemoService* demo = nullptr;

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    demo = new simbook::fuzz::DemoService;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::array<const char*, 7> kMethods{"GET", "GET", "GET", "HEAD", "PUT", "DELETE", "OPTIONS"};
    if (size < 2) {
        return 0;
    }
    simbook::api::ApiRequest request;
    request.method = kMethods[data[0] % kMethods.size()];
    request.api_key = demo->keys[data[1] % demo->keys.size()];
    request.target = demo->Expand(simbook::fuzz::Text(data + 2, size - 2));
    (void)demo->Handle(request);
    return 0;
}
