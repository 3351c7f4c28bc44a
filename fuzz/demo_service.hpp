//! The service the HTTP harnesses send requests to: the demo soccer and basketball events, the demo keys of every
//! role, an in-memory store, no rate limit. Set up once per process.
#pragma once

#include "api/auth.hpp"
#include "api/service.hpp"
#include "fuzz/fuzz_support.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace simbook::fuzz {

struct DemoService {
    std::unique_ptr<api::Service> service;
    std::vector<std::string> keys;   //!< "", an unknown key, then the demo keys by role
    std::vector<std::string> events; //!< the demo soccer and basketball events' ids

    DemoService() {
        api::ServiceOptions options;
        options.params_dir = SIMBOOK_FUZZ_PARAMS_DIR;
        options.store = ":memory:";
        options.sims = 2'000; // the demo events are priced once, here
        options.rate_limit = 0.0;
        std::map<api::Role, std::string> plain;
        auto created = api::Service::Create(options, api::KeyStore::Demo(&plain));
        if (!created.ok()) {
            Finding("the service does not start: " + created.status().message());
        }
        service = std::move(created).value();
        keys = {"", "not-a-key"};
        for (const auto& [role, key] : plain) {
            keys.push_back(key);
        }
        events = service->EventIds();
        if (events.size() < 2) {
            Finding("expected the two demo events");
        }
    }

    //! Replaces "{event0}" and "{event1}" in text by the demo events' ids (they carry a random prefix the fuzzer
    //! cannot guess) and "{key0}".."{key9}" by the keys.
    std::string Expand(std::string text) const {
        for (std::size_t i = 0; i < events.size(); ++i) {
            Replace(text, "{event" + std::to_string(i) + "}", events[i]);
        }
        for (std::size_t i = 0; i < keys.size() && i < 10; ++i) {
            Replace(text, "{key" + std::to_string(i) + "}", keys[i]);
        }
        return text;
    }

    //! Handles a request; any 5xx is a finding.
    api::ApiResponse Handle(const api::ApiRequest& request) const {
        (void)service->ServingOf(request);
        api::ApiResponse response = service->Handle(request);
        if (response.status >= 500) {
            Finding(request.method + " " + request.target + " answered " + std::to_string(response.status) + ": " +
                    response.body);
        }
        return response;
    }

private:
    static void Replace(std::string& text, const std::string& token, const std::string& value) {
        for (std::size_t at = text.find(token); at != std::string::npos; at = text.find(token, at + value.size())) {
            text.replace(at, token.size(), value);
        }
    }
};

} // namespace simbook::fuzz
