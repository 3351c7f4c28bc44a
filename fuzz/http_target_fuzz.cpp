// The HTTP target and query as the service reads them: SplitTarget (path, query, percent-decoding), MatchPath on
// the route table, authentication and roles, and every GET handler's query parameters (markets, ladders,
// oddsFormat, customer_id), through Service::Handle, the one entry point the HTTP front calls.
//
// Input: byte 0 picks the method, byte 1 the API key (none, unknown, or a demo key of a role), the rest is the
// request target. "{event0}" and "{event1}" in the target become the ids of the demo soccer and basketball
// events (their ids carry a random prefix the fuzzer cannot guess). POST is never sent: the bodies are
// request_body_fuzz's and tool_request_fuzz's, and a fuzzed POST would place bets and reprice events.
// A finding: a crash, a sanitizer report, or any 5xx answer (the catch point's "internal error").
#include "api/auth.hpp"
#include "api/service.hpp"
#include "fuzz/fuzz_support.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

using namespace simbook;

struct Fixture {
    std::unique_ptr<api::Service> service;
    std::vector<std::string> keys; //!< "", an unknown key, then the demo keys by role
    std::vector<std::string> events;
};

Fixture* fixture = nullptr;

void Replace(std::string& text, const std::string& token, const std::string& value) {
    for (std::size_t at = text.find(token); at != std::string::npos; at = text.find(token, at + value.size())) {
        text.replace(at, token.size(), value);
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fixture = new Fixture;
    api::ServiceOptions options;
    options.params_dir = SIMBOOK_FUZZ_PARAMS_DIR;
    options.store = ":memory:";
    options.sims = 2'000; // the demo events are priced once, here
    options.rate_limit = 0.0;
    std::map<api::Role, std::string> plain;
    auto service = api::Service::Create(options, api::KeyStore::Demo(&plain));
    if (!service.ok()) {
        fuzz::Finding("the service does not start: " + service.status().message());
    }
    fixture->service = std::move(service).value();
    fixture->keys = {"", "not-a-key"};
    for (const auto& [role, key] : plain) {
        fixture->keys.push_back(key);
    }
    fixture->events = fixture->service->EventIds();
    if (fixture->events.size() < 2) {
        fuzz::Finding("expected the two demo events");
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::array<const char*, 7> kMethods{"GET", "GET", "GET", "HEAD", "PUT", "DELETE", "OPTIONS"};
    if (size < 2) {
        return 0;
    }
    api::ApiRequest request;
    request.method = kMethods[data[0] % kMethods.size()];
    request.api_key = fixture->keys[data[1] % fixture->keys.size()];
    request.target = fuzz::Text(data + 2, size - 2);
    Replace(request.target, "{event0}", fixture->events[0]);
    Replace(request.target, "{event1}", fixture->events[1]);
    (void)fixture->service->ServingOf(request);
    const api::ApiResponse response = fixture->service->Handle(request);
    if (response.status >= 500) {
        fuzz::Finding(request.method + " " + request.target + " answered " + std::to_string(response.status) + ": " +
                      response.body);
    }
    return 0;
}
