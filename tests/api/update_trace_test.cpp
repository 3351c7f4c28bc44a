// A live state update's way to its subscribers: each phase timed into /v1/metrics (where the first push's tail
// comes from), the exact pricer's table built when an exact event is created (not while its game is live), and a
// key event's suspension and the update's version on disk by the time the update is acknowledged, though nothing
// waits for the disk before the first push.
#include "api/event_store.hpp"
#include "api/metrics.hpp"
#include "engine/exact.hpp"
#include "odds/risk/sqlite_ledger.hpp"
#include "tests/api/demo_service.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <unistd.h>

namespace simbook::api {
namespace {

using nlohmann::json;

//! The exact basketball demo event's id.
std::string Basketball(Service& service, const std::string& key) {
    for (const json& e : json::parse(service.Handle({"GET", "/v1/events", "", key, "", ""}).body)) {
        if (e.at("sport") == "basketball") {
            return e.at("id").get<std::string>();
        }
    }
    return "";
}

TEST(UpdateTrace, EachPhaseOfAnUpdateIsTimedInTheMetrics) {
    testing::DemoService demo = testing::MakeDemoService(1000);
    ASSERT_NE(demo.service, nullptr);
    Service& service = *demo.service;
    const std::string trader = demo.keys.at(Role::kTrader);
    const std::string id = Basketball(service, trader);
    ASSERT_FALSE(id.empty());
    const ApiResponse posted = service.Handle(
        {"POST", "/v1/events/" + id + "/state", R"({"period":2,"clock":"6:00","home":40,"away":38})", trader, "", ""});
    ASSERT_EQ(posted.status, 200) << posted.body;
    const std::vector<UpdateTrace> traces = service.GetMetrics().RecentUpdates();
    ASSERT_EQ(traces.size(), 1u);
    const UpdateTrace& t = traces[0];
    EXPECT_EQ(t.event_id, id);
    EXPECT_EQ(t.version, json::parse(posted.body)["version"].get<int>());
    for (UpdatePhase phase : {UpdatePhase::kExact, UpdatePhase::kBookMain, UpdatePhase::kPublishMain,
                              UpdatePhase::kFirstPush, UpdatePhase::kPaths, UpdatePhase::kAllPushed}) {
        EXPECT_GT(t[phase], 0.0) << PhaseName(phase);
    }
    // The first stage comes before the paths are priced, so its total is a part of the last one's.
    EXPECT_LT(t[UpdatePhase::kFirstPush] + t[UpdatePhase::kPaths], t[UpdatePhase::kAllPushed] + 1e-9);
    const std::string metrics = service.Handle({"GET", "/metrics", "", trader, "", ""}).body;
    EXPECT_NE(metrics.find("simbook_update_phase_seconds_count{phase=\"first_push\"} 1"), std::string::npos) << metrics;
    EXPECT_NE(metrics.find("simbook_update_phase_seconds_bucket{phase=\"exact\",le=\"5e-05\"}"), std::string::npos);
}

TEST(UpdateTrace, AnExactEventsTableIsBuiltWhenItIsCreated) {
    engine::SetExactTableCapacity(8);
    testing::DemoService demo = testing::MakeDemoService(1000); // creates the exact NBA demo event
    ASSERT_NE(demo.service, nullptr);
    engine::LeadTableCache::Instance().WaitIdle();
    const std::size_t before = engine::LeadTableCache::Instance().Size();
    EXPECT_GE(before, 1u) << "the demo event's model, before any state update";
    const ApiResponse created = demo.service->Handle(
        {"POST", "/v1/events", R"({"sport":"basketball","league":"nba","home_team":"LAL","away_team":"MIA"})",
         demo.keys.at(Role::kTrader), "", ""});
    ASSERT_EQ(created.status, 201) << created.body;
    engine::LeadTableCache::Instance().WaitIdle();
    EXPECT_EQ(engine::LeadTableCache::Instance().Size(), before + 1);
}

TEST(UpdateTrace, AnAcknowledgedUpdateAndItsKeyEventAreOnDisk) {
    const std::string path =
        (std::filesystem::temp_directory_path() / ("simbook_update_trace_" + std::to_string(::getpid()) + ".db"))
            .string();
    std::filesystem::remove(path);
    std::map<Role, std::string> keys;
    ServiceOptions options;
    options.params_dir = SIMBOOK_SOURCE_PARAMS_DIR;
    options.store = path;
    options.sims = 1000;
    options.rate_limit = 0.0;
    auto created = Service::Create(options, KeyStore::Demo(&keys));
    ASSERT_TRUE(created.ok()) << created.status().message();
    std::unique_ptr<Service> service = std::move(created).value();
    const std::string trader = keys.at(Role::kTrader);
    const std::string id = Basketball(*service, trader);
    ASSERT_FALSE(id.empty());
    ASSERT_EQ(service
                  ->Handle({"POST", "/v1/events/" + id + "/state", R"({"period":4,"clock":"1:30","home":90,"away":88})",
                            trader, "", ""})
                  .status,
              200);
    // A basket in the last minute is a key event: the open markets are suspended, then repriced.
    const ApiResponse posted = service->Handle(
        {"POST", "/v1/events/" + id + "/state", R"({"period":4,"clock":"0:40","home":92,"away":88})", trader, "", ""});
    ASSERT_EQ(posted.status, 200) << posted.body;
    ASSERT_EQ(json::parse(posted.body)["key_events"], 1);
    // Read by other connections while the service is still open.
    auto ledger = odds::risk::SqliteLedger::Open(path);
    ASSERT_TRUE(ledger.ok()) << ledger.status().message();
    auto audit = (*ledger)->ListAudit("market:" + id + "/");
    ASSERT_TRUE(audit.ok());
    int suspended = 0;
    for (const odds::risk::AuditEntry& a : *audit) {
        suspended += a.action == "suspended" && a.actor == "system:feed";
    }
    EXPECT_GE(suspended, 1) << "the key event's suspensions";
    auto store = EventStore::Open(path);
    ASSERT_TRUE(store.ok());
    auto stored = (*store)->LoadEvent(id);
    ASSERT_TRUE(stored.ok()) << stored.status().message();
    EXPECT_EQ(stored->version, json::parse(posted.body)["version"].get<int>());
    EXPECT_EQ(stored->state["clock"], "0:40");
    ledger->reset();
    store->reset();
    service.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path + suffix);
    }
}

} // namespace
} // namespace simbook::api
