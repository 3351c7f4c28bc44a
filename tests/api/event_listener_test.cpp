// The listener on a real PostgreSQL (SIMBOOK_TEST_POSTGRES; skipped when unset): a catch-up the store did not
// answer leaves it not ready and is tried again on a new connection; a notice the store did not answer brings a
// catch-up; notices reach the callback as they were sent.
#include "api/event_listener.hpp"
#include "tests/support/postgres_test_db.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace simbook::api {
namespace {

bool Within(double seconds, const std::function<bool()>& check) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (!check()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

TEST(EventListenerTest, CatchesUpUntilTheStoreAnswersAndAfterANoticeItCouldNotApply) {
    const auto uri = simbook::testing::PostgresTestUri();
    if (!uri) {
        GTEST_SKIP() << simbook::testing::kNoPostgres;
    }
    std::atomic<int> catch_ups{0};
    std::atomic<bool> store_answers{false};
    std::mutex mutex;
    std::vector<std::string> events; // "ID VERSION" of each kEvent notice for this test's event
    const std::string id = "listener-test-" + std::to_string(::getpid());
    EventListener listener(*uri, [&](const StoreNotice& notice) {
        if (notice.kind == StoreNotice::Kind::kCatchUp) {
            ++catch_ups;
            return store_answers.load();
        }
        if (notice.kind == StoreNotice::Kind::kEvent && notice.id == id) {
            std::lock_guard lock(mutex);
            events.push_back(notice.id + " " + std::to_string(notice.version));
            return notice.version != 13; // version 13: as if the store had not answered
        }
        return true;
    });
    // The store does not answer: catch-ups are tried again (0.1 s, 0.2 s, ... apart) and it never reports ready.
    ASSERT_TRUE(Within(5.0, [&] { return catch_ups.load() >= 3; })) << catch_ups.load();
    EXPECT_FALSE(listener.Connected());
    store_answers = true;
    ASSERT_TRUE(Within(10.0, [&] { return listener.Connected(); }));
    const int caught_up = catch_ups.load();
    // Notices arrive as sent.
    ASSERT_EQ(simbook::testing::ExecPostgres(*uri, "NOTIFY simbook_events, '" + id + " 12'"), "");
    ASSERT_TRUE(Within(5.0, [&] {
        std::lock_guard lock(mutex);
        return !events.empty();
    }));
    EXPECT_EQ(events.front(), id + " 12");
    EXPECT_EQ(catch_ups.load(), caught_up) << "no catch-up after a notice it applied";
    // A notice it could not apply: it reconnects and catches up.
    ASSERT_EQ(simbook::testing::ExecPostgres(*uri, "NOTIFY simbook_events, '" + id + " 13'"), "");
    EXPECT_TRUE(Within(5.0, [&] { return catch_ups.load() > caught_up && listener.Connected(); })) << catch_ups.load();
    listener.Stop();
}

} // namespace
} // namespace simbook::api
