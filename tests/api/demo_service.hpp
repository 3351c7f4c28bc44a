//! Test support: a service in process (no sockets) with its demo events, the committed models, bets in memory,
//! no rate limit, and its demo keys by role.
#pragma once

#include "api/auth.hpp"
#include "api/service.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace simbook::api::testing {

struct DemoService {
    std::unique_ptr<Service> service;
    std::map<Role, std::string> keys;
};

//! The service with `sims` paths per reprice; fails the test when it cannot start.
inline DemoService MakeDemoService(std::uint64_t sims) {
    DemoService demo;
    ServiceOptions options;
    options.params_dir = SIMBOOK_SOURCE_PARAMS_DIR;
    options.store = ":memory:";
    options.sims = sims;
    options.rate_limit = 0.0;
    auto service = Service::Create(options, KeyStore::Demo(&demo.keys));
    EXPECT_TRUE(service.ok()) << service.status().message();
    if (service.ok()) {
        demo.service = std::move(service).value();
    }
    return demo;
}

} // namespace simbook::api::testing
