// A live reprice runs each path id once for every market it publishes: the main lines, the player props and
// the momentum markets all come from one pass of the path driver (engine::PathsEvaluated counts kernel paths).
#include "api/auth.hpp"
#include "api/service.hpp"
#include "engine/path_driver.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace simbook::api {
namespace {

using nlohmann::json;

TEST(RepricePaths, EachPathIdRunsOncePerStateUpdate) {
    std::map<Role, std::string> keys;
    ServiceOptions options;
    options.params_dir = SIMBOOK_SOURCE_PARAMS_DIR;
    options.store = ":memory:";
    options.sims = 3000;
    options.rate_limit = 0.0;
    auto service = Service::Create(options, KeyStore::Demo(&keys));
    ASSERT_TRUE(service.ok()) << service.status().message();
    const std::string trader = keys.at(Role::kTrader);
    const json events = json::parse((*service)->Handle({"GET", "/v1/events", "", trader, ""}).body);
    ASSERT_EQ(events.size(), 2U);
    for (const json& e : events) {
        const std::string id = e.at("id").get<std::string>();
        const bool soccer = e.at("sport") == "soccer";
        const std::string state = soccer ? R"({"minute":30,"home":1,"away":0})"
                                         : R"({"period":2,"clock":"6:00","home":40,"away":38,"possession":"home"})";
        const std::uint64_t before = engine::PathsEvaluated();
        const ApiResponse posted = (*service)->Handle({"POST", "/v1/events/" + id + "/state", state, trader, ""});
        ASSERT_EQ(posted.status, 200) << posted.body;
        EXPECT_EQ(engine::PathsEvaluated() - before, options.sims) << e.at("sport");
        // The reprice published main lines and momentum markets from that one pass.
        const json odds =
            json::parse((*service)->Handle({"GET", "/v1/events/" + id + "/odds?markets=h2h," +
                                                       (soccer ? "next_goal" : "next_score"),
                                            "", trader, ""})
                            .body);
        ASSERT_EQ(odds.at("bookmakers").size(), 1U) << odds.dump();
        EXPECT_EQ(odds["bookmakers"][0]["markets"].size(), 2U) << odds.dump();
    }
}

} // namespace
} // namespace simbook::api
