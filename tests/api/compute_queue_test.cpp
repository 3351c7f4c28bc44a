// The batch pool: traders first, then sportsbooks, then the rest; no class but traders holds every thread; the
// queue is bounded per class and refuses work once joining.
#include "api/compute_queue.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace simbook::api {
namespace {

//! Holds a worker until released.
struct Gate {
    std::promise<void> open;
    std::shared_future<void> opened = open.get_future().share();
    std::atomic<int> waiting{0};
    std::function<void()> Job() {
        return [this] {
            ++waiting;
            opened.wait();
        };
    }
    void AwaitWaiting(int n) const {
        while (waiting.load() < n) {
            std::this_thread::yield();
        }
    }
};

TEST(ComputeQueueTest, ServesTradersThenBooksThenOthers) {
    ComputeQueue queue({1, 8, 0});
    Gate gate;
    ASSERT_TRUE(queue.Post(ComputeClass::kOther, gate.Job()));
    gate.AwaitWaiting(1);
    std::mutex mutex;
    std::vector<std::string> order;
    const auto record = [&](std::string name) {
        return [&, name] {
            std::lock_guard lock(mutex);
            order.push_back(name);
        };
    };
    ASSERT_TRUE(queue.Post(ComputeClass::kOther, record("other")));
    ASSERT_TRUE(queue.Post(ComputeClass::kBook, record("book 1")));
    ASSERT_TRUE(queue.Post(ComputeClass::kTrading, record("trading")));
    ASSERT_TRUE(queue.Post(ComputeClass::kBook, record("book 2")));
    gate.open.set_value();
    queue.Join();
    EXPECT_EQ(order, (std::vector<std::string>{"trading", "book 1", "book 2", "other"}));
}

TEST(ComputeQueueTest, OnlyTradersMayHoldEveryThread) {
    ComputeQueue queue({2, 8, 0});
    EXPECT_EQ(queue.Cap(ComputeClass::kTrading), 2);
    EXPECT_EQ(queue.Cap(ComputeClass::kBook), 1);
    EXPECT_EQ(queue.Cap(ComputeClass::kOther), 1);
    Gate gate;
    // Two long fantasy runs: one runs, the other waits for it, and a trader's request runs meanwhile.
    ASSERT_TRUE(queue.Post(ComputeClass::kOther, gate.Job()));
    ASSERT_TRUE(queue.Post(ComputeClass::kOther, gate.Job()));
    gate.AwaitWaiting(1);
    std::promise<void> traded;
    ASSERT_TRUE(queue.Post(ComputeClass::kTrading, [&] { traded.set_value(); }));
    EXPECT_EQ(traded.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(gate.waiting.load(), 1); // the second fantasy run is still queued
    gate.open.set_value();
    queue.Join();
    EXPECT_EQ(gate.waiting.load(), 2); // and ran before the join returned
}

TEST(ComputeQueueTest, RefusesPastItsBoundAndOnceJoining) {
    ComputeQueue queue({1, 2, 0});
    Gate gate;
    ASSERT_TRUE(queue.Post(ComputeClass::kOther, gate.Job()));
    gate.AwaitWaiting(1);
    EXPECT_TRUE(queue.Post(ComputeClass::kOther, [] {}));
    EXPECT_TRUE(queue.Post(ComputeClass::kOther, [] {}));
    EXPECT_FALSE(queue.Post(ComputeClass::kOther, [] {}));  // two already wait
    EXPECT_TRUE(queue.Post(ComputeClass::kTrading, [] {})); // each class has its own bound
    gate.open.set_value();
    queue.Join();
    EXPECT_FALSE(queue.Post(ComputeClass::kTrading, [] {}));
}

} // namespace
} // namespace simbook::api
