// Nodes following each other on one PostgreSQL database (SIMBOOK_TEST_POSTGRES; skipped when unset): an event
// created on one node appears on the other (its list, odds and stream) without a restart; events created on two
// nodes at once get distinct ids; bets taken on one node move the other node's exposure and shading; a node whose
// listener is cut off reports not ready, reconnects, and catches up on what was committed meanwhile (a state, a
// bet, a new event whose market was suspended).
#include "tests/api/multi_node_fixture.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace simbook::api {
namespace {

using namespace multi_node; // NOLINT: the fixture of this target

// The ids a node lists, in its order.
std::vector<std::string> ListedIds(std::uint16_t port) {
    std::vector<std::string> ids;
    auto [status, list] = MultiNodeTest::Send(port, client::Verb::get, "/v1/events");
    if (status == 200) {
        for (const json& e : list) {
            ids.push_back(e["id"].get<std::string>());
        }
    }
    return ids;
}

// The odds version a node serves for the event (-1 when it does not serve it).
int OddsVersion(std::uint16_t port, const std::string& id) {
    auto [status, odds] = MultiNodeTest::Send(port, client::Verb::get, "/v1/events/" + id + "/odds");
    return status == 200 ? odds["version"].get<int>() : -1;
}

TEST_F(MultiNodeTest, AnEventCreatedOnOneNodeAppearsOnTheOtherWithoutARestart) {
    std::uint16_t port_a = 0;
    std::uint16_t port_b = 0;
    auto a = Start(&port_a);
    auto b = Start(&port_b);
    ASSERT_TRUE(WaitReady(port_a) && WaitReady(port_b)) << a->Printed() << b->Printed();
    const auto created = std::chrono::steady_clock::now();
    const std::string id = CreateEvent(port_a);
    ASSERT_FALSE(id.empty());
    // Node B lists it within 5 s (its creation announced at commit), at node A's prices.
    ASSERT_TRUE(Eventually([&] { return Serves(port_b, id); })) << "node B never listed " << id << b->Printed();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - created).count();
    const std::vector<std::string> listed = ListedIds(port_b);
    EXPECT_EQ(std::count(listed.begin(), listed.end(), id), 1);
    const std::vector<std::string> on_a = ListedIds(port_a);
    EXPECT_EQ(std::count(on_a.begin(), on_a.end(), id), 1) << "the creating node lists it once (its own notice)";
    auto [status_a, odds_a] = Send(port_a, client::Verb::get, "/v1/events/" + id + "/odds");
    auto [status_b, odds_b] = Send(port_b, client::Verb::get, "/v1/events/" + id + "/odds");
    ASSERT_EQ(status_b, 200) << odds_b;
    EXPECT_EQ(Markets(odds_b), Markets(odds_a));
    // Node B's book has the event's markets: a bet through B is taken.
    auto [bet_status, bet] =
        Send(port_b, client::Verb::post, "/v1/bets", Bet(id, "follow", 10.0).dump(), "follow-created-1");
    EXPECT_EQ(bet_status, 201) << bet;
    // A subscriber on node B gets the event's next version, posted to node A.
    Subscriber subscriber(port_b, id);
    ASSERT_EQ(subscriber.Subscribed()["type"], "subscribed") << subscriber.Subscribed();
    auto [state_status, update] =
        Send(port_a, client::Verb::post, "/v1/events/" + id + "/state", R"({"minute":10,"home":0,"away":0})");
    ASSERT_EQ(state_status, 200) << update;
    json pushed = json::object();
    for (int i = 0; i < 3 && pushed.value("version", 0) < update["version"].get<int>(); ++i) {
        pushed = subscriber.Next(std::chrono::seconds(5));
        ASSERT_TRUE(pushed.is_object() && pushed.value("type", "") == "odds") << pushed << b->Printed();
    }
    EXPECT_EQ(pushed["version"], update["version"]);
    // The store holds it once.
    EXPECT_EQ(Query("SELECT count(*) FROM api_events WHERE id = '" + id + "'")[0][0], "1");
    std::printf("node B listed node A's new event after %.3f s\n", seconds);
}

TEST_F(MultiNodeTest, EventsCreatedOnTwoNodesAtOnceGetDistinctIds) {
    std::uint16_t ports[2] = {0, 0};
    auto a = Start(&ports[0]);
    auto b = Start(&ports[1]);
    ASSERT_TRUE(WaitReady(ports[0]) && WaitReady(ports[1]));
    constexpr int kPerClient = 8;
    std::mutex mutex;
    std::vector<std::string> ids;
    std::vector<std::thread> clients;
    for (int c = 0; c < 4; ++c) {
        clients.emplace_back([&, c] {
            for (int i = 0; i < kPerClient; ++i) {
                const std::string id = CreateEvent(ports[c % 2]);
                std::lock_guard lock(mutex);
                ids.push_back(id);
            }
        });
    }
    for (std::thread& t : clients) {
        t.join();
    }
    ASSERT_EQ(ids.size(), 4u * kPerClient);
    // Distinct ids, and distinct numbers: each node's own count would give both nodes 1, 2, ... (the random node
    // prefix alone is no guarantee).
    std::set<std::string> distinct(ids.begin(), ids.end());
    std::set<std::string> numbers;
    for (const std::string& id : ids) {
        ASSERT_FALSE(id.empty());
        numbers.insert(id.substr(id.rfind('-') + 1));
    }
    EXPECT_EQ(distinct.size(), ids.size());
    EXPECT_EQ(numbers.size(), ids.size());
    EXPECT_EQ(Query("SELECT count(*) FROM api_events")[0][0], std::to_string(ids.size()));
    // Each node lists every event once, its own and the other's.
    for (std::uint16_t port : ports) {
        EXPECT_TRUE(Eventually([&] { return ListedIds(port).size() >= ids.size(); }));
        const std::vector<std::string> listed = ListedIds(port);
        EXPECT_EQ(std::set<std::string>(listed.begin(), listed.end()), distinct);
        EXPECT_EQ(listed.size(), ids.size());
    }
    // Every market of every event is open on both nodes: its markets were stored before the event, so the
    // follower took them as stored instead of opening them itself, and the creator never found its own markets
    // taken and suspended them as no longer offered.
    for (std::uint16_t port : ports) {
        for (const std::string& id : ids) {
            auto [status, exposure] = Send(port, client::Verb::get, "/v1/events/" + id + "/exposure");
            ASSERT_EQ(status, 200) << exposure;
            ASSERT_FALSE(exposure["markets"].empty()) << id;
            for (const json& m : exposure["markets"]) {
                EXPECT_EQ(m["state"], "open") << id << " " << m["market"] << " on port " << port;
            }
        }
    }
    EXPECT_EQ(Query("SELECT count(*) FROM audit WHERE action = 'suspended'")[0][0], "0");
}

// A market's state on a node: its exposure's "state" ("" when the node does not have it).
std::string MarketState(std::uint16_t port, const std::string& id, const std::string& market) {
    auto [status, exposure] = MultiNodeTest::Send(port, client::Verb::get, "/v1/events/" + id + "/exposure");
    if (status == 200) {
        for (const json& m : exposure["markets"]) {
            if (m["market"] == market) {
                return m["state"].get<std::string>();
            }
        }
    }
    return "";
}

TEST_F(MultiNodeTest, ATradersSuspensionOnOneNodeHoldsOnEveryNode) {
    std::uint16_t port_a = 0;
    std::uint16_t port_b = 0;
    auto a = Start(&port_a);
    auto b = Start(&port_b);
    ASSERT_TRUE(WaitReady(port_a) && WaitReady(port_b));
    const std::string id = CreateEvent(port_a);
    ASSERT_TRUE(Eventually([&] { return MarketState(port_b, id, "h2h") == "open"; })) << b->Printed();
    const std::string target = "/v1/events/" + id + "/markets/h2h/";
    auto [suspended, reply] = Send(port_a, client::Verb::post, target + "suspend");
    ASSERT_EQ(suspended, 200) << reply;
    // Node B's book, feed and trader view follow within 5 s.
    ASSERT_TRUE(Eventually([&] { return MarketState(port_b, id, "h2h") == "suspended"; }))
        << "node B still shows h2h " << MarketState(port_b, id, "h2h");
    auto [odds_status, odds] = Send(port_b, client::Verb::get, "/v1/events/" + id + "/odds?markets=h2h");
    ASSERT_EQ(odds_status, 200) << odds;
    EXPECT_EQ(odds["bookmakers"][0]["markets"][0].value("suspended", false), true) << odds;
    // A state update taken by node B reprices the event there: the suspension stays (its prices only are written).
    auto [state_status, update] =
        Send(port_b, client::Verb::post, "/v1/events/" + id + "/state", R"({"minute":20,"home":0,"away":0})");
    ASSERT_EQ(state_status, 200) << update;
    EXPECT_EQ(Query("SELECT state FROM markets WHERE event_id = '" + id + "' AND market_key = 'h2h'")[0][0], "1");
    EXPECT_EQ(MarketState(port_a, id, "h2h"), "suspended");
    EXPECT_EQ(MarketState(port_b, id, "h2h"), "suspended");
    auto [bet_status, bet] = Send(port_b, client::Verb::post, "/v1/bets", Bet(id, "held", 10.0).dump(), "held-1");
    EXPECT_NE(bet_status, 201) << "a bet on a suspended market through node B: " << bet;
    // Node B's trader resumes it (node B knows it is suspended), and node A follows.
    auto [resumed, resume_reply] = Send(port_b, client::Verb::post, target + "resume");
    ASSERT_EQ(resumed, 200) << resume_reply;
    EXPECT_TRUE(Eventually([&] { return MarketState(port_a, id, "h2h") == "open"; }))
        << "node A still shows h2h " << MarketState(port_a, id, "h2h");
    auto [taken, taken_bet] = Send(port_a, client::Verb::post, "/v1/bets", Bet(id, "held", 10.0).dump(), "held-2");
    EXPECT_EQ(taken, 201) << taken_bet;
}

TEST_F(MultiNodeTest, TwoNodesStartingOnAnEmptyStoreAddTheDemoEventsOnce) {
    std::uint16_t ports[2] = {0, 0};
    // Both start at once: each finds the store empty, one of them adds the demo events.
    std::unique_ptr<ServeProcess> nodes[2];
    std::thread starter([&] { nodes[1] = Start(&ports[1], "", true); });
    nodes[0] = Start(&ports[0], "", true);
    starter.join();
    ASSERT_TRUE(WaitReady(ports[0]) && WaitReady(ports[1])) << nodes[0]->Printed() << nodes[1]->Printed();
    const std::string stored = Query("SELECT count(*) FROM api_events")[0][0];
    EXPECT_EQ(stored, "4") << "one sport each, added once";
    for (std::uint16_t port : ports) {
        EXPECT_TRUE(Eventually([&] { return ListedIds(port).size() == 4; }))
            << "port " << port << " lists " << ListedIds(port).size();
    }
    EXPECT_EQ(ListedIds(ports[0]), ListedIds(ports[1]));
    // A node restarted later adds none.
    nodes[1].reset();
    nodes[1] = Start(&ports[1], "", true);
    ASSERT_TRUE(WaitReady(ports[1]));
    EXPECT_EQ(Query("SELECT count(*) FROM api_events")[0][0], "4");
}

TEST_F(MultiNodeTest, BetsTakenOnOneNodeMoveTheOtherNodesExposureAndShading) {
    std::uint16_t port_a = 0;
    std::uint16_t port_b = 0;
    auto a = Start(&port_a);
    const std::string id = CreateEvent(port_a);
    ASSERT_FALSE(id.empty());
    auto b = Start(&port_b);
    ASSERT_TRUE(WaitReady(port_b));
    const json before = OutcomeExposure(port_b, id, "h2h", "home");
    ASSERT_TRUE(before.is_object());
    // Bets on home through node A only.
    for (int i = 0; i < 6; ++i) {
        auto [status, bet] = Send(port_a, client::Verb::post, "/v1/bets", Bet(id, Name("a", i), 1000.0).dump(),
                                  "exposure-a-" + std::to_string(i));
        ASSERT_EQ(status, 201) << bet;
    }
    const auto sums = Query("SELECT sum(stake), sum(potential_payout) FROM bets WHERE event_id = '" + id + "'");
    const double stakes = std::stoll(sums[0][0]) / 100.0;
    const double liability = (std::stoll(sums[0][1]) - std::stoll(sums[0][0])) / 100.0;
    // Node B's exposure counts them (its trader view), and its shaded price is node A's.
    ASSERT_TRUE(Eventually([&] { return OutcomeExposure(port_b, id, "h2h", "home").value("stakes", 0.0) == stakes; }))
        << "node B's exposure never counted node A's bets: " << OutcomeExposure(port_b, id, "h2h", "home");
    const json on_b = OutcomeExposure(port_b, id, "h2h", "home");
    const json on_a = OutcomeExposure(port_a, id, "h2h", "home");
    EXPECT_NEAR(on_b["liability"].get<double>(), liability, 0.005);
    EXPECT_EQ(on_b["price"], on_a["price"]);
    EXPECT_LT(on_b["price"].get<double>(), before["price"].get<double>()) << "shaded by node A's bets";
    // And the other way: a bet through node B reaches node A's exposure, each node counting both.
    auto [status, bet] = Send(port_b, client::Verb::post, "/v1/bets", Bet(id, "b", 500.0).dump(), "exposure-b-0");
    ASSERT_EQ(status, 201) << bet;
    EXPECT_TRUE(Eventually([&] {
        return OutcomeExposure(port_a, id, "h2h", "home").value("stakes", 0.0) == stakes + 500.0;
    })) << OutcomeExposure(port_a, id, "h2h", "home");
    EXPECT_EQ(OutcomeExposure(port_b, id, "h2h", "home")["stakes"], stakes + 500.0);
    EXPECT_EQ(OutcomeExposure(port_a, id, "h2h", "home")["price"], OutcomeExposure(port_b, id, "h2h", "home")["price"]);
}

// A role of its own for the node whose listener is cut off: NOLOGIN keeps it from reconnecting (its other
// connections stay up) until the test lets it in again.
class ListenerCutOffTest : public MultiNodeTest {
protected:
    void SetUp() override {
        MultiNodeTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) {
            return;
        }
        role_ = "simbook_cut_" + std::to_string(::getpid());
        const std::string error =
            simbook::testing::ExecPostgres(uri_, "SET client_min_messages = warning; DROP ROLE IF EXISTS " + role_ +
                                                     "; CREATE ROLE " + role_ + " LOGIN SUPERUSER");
        if (!error.empty()) {
            GTEST_SKIP() << "cannot create a role in the test cluster: " << error;
        }
        // The same URI as another user.
        static const std::regex user("([?&])user=[^&]*");
        role_uri_ =
            std::regex_search(uri_, user) ? std::regex_replace(uri_, user, "$1user=" + role_) : uri_ + "&user=" + role_;
    }
    void TearDown() override {
        if (!role_.empty()) {
            simbook::testing::ExecPostgres(uri_, "DROP OWNED BY " + role_ + "; DROP ROLE IF EXISTS " + role_);
        }
        MultiNodeTest::TearDown();
    }
    std::string role_;
    std::string role_uri_;
};

TEST_F(ListenerCutOffTest, ANodeCutOffIsNotReadyThenReconnectsAndCatchesUp) {
    std::uint16_t port_a = 0;
    std::uint16_t port_b = 0;
    auto a = Start(&port_a);
    const std::string id = CreateEvent(port_a);
    ASSERT_FALSE(id.empty());
    auto b = Start(&port_b, role_uri_);
    ASSERT_TRUE(WaitReady(port_b)) << b->Printed();
    Subscriber subscriber(port_b, id);
    ASSERT_EQ(subscriber.Subscribed()["type"], "subscribed");
    const int version_before = OddsVersion(port_b, id);
    // Cut node B's listener off: its backend terminated, and its role may not log in again for now.
    ASSERT_EQ(simbook::testing::ExecPostgres(uri_, "ALTER ROLE " + role_ + " NOLOGIN"), "");
    const auto killed = Query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = "
                              "'simbook listener " +
                              std::to_string(b->Pid()) + "'");
    ASSERT_EQ(killed.size(), 1u) << "node B's listener connection, by its application_name";
    ASSERT_TRUE(WaitReady(port_b, 503, 3.0)) << "node B stays ready without its listener";
    // Meanwhile node A takes a state update and a bet: node B misses both notices.
    auto [status, update] =
        Send(port_a, client::Verb::post, "/v1/events/" + id + "/state", R"({"minute":55,"home":2,"away":1})");
    ASSERT_EQ(status, 200) << update;
    const int version = update["version"].get<int>();
    auto [bet_status, bet] = Send(port_a, client::Verb::post, "/v1/bets", Bet(id, "cut", 700.0).dump(), "cut-1");
    ASSERT_EQ(bet_status, 201) << bet;
    // And creates an event whose h2h a trader suspends at once.
    const std::string fresh = CreateEvent(port_a);
    ASSERT_FALSE(fresh.empty());
    auto [suspend_status, suspended] = Send(port_a, client::Verb::post, "/v1/events/" + fresh + "/markets/h2h/suspend");
    ASSERT_EQ(suspend_status, 200) << suspended;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    EXPECT_EQ(OddsVersion(port_b, id), version_before) << "node B cannot have seen it";
    EXPECT_FALSE(Serves(port_b, fresh));
    EXPECT_EQ(Send(port_b, client::Verb::get, "/v1/ready").first, 503);
    // Let it in again: it reconnects (backoff up to 5 s), catches up, and only then reports ready.
    const long reprices_before = Reprices(port_b);
    ASSERT_GE(reprices_before, 0);
    const auto let_in = std::chrono::steady_clock::now();
    ASSERT_EQ(simbook::testing::ExecPostgres(uri_, "ALTER ROLE " + role_ + " LOGIN"), "");
    ASSERT_TRUE(WaitReady(port_b, 200, 10.0)) << b->Printed();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - let_in).count();
    EXPECT_EQ(OddsVersion(port_b, id), version) << "ready before catching up";
    EXPECT_EQ(OutcomeExposure(port_b, id, "h2h", "home")["stakes"], 700.0) << "the bet taken meanwhile";
    // Priced once: the new event is priced as it is added (its first version, as its creator did), the version it
    // missed is node A's as stored, not priced again.
    EXPECT_EQ(Reprices(port_b) - reprices_before, 1);
    // The new event is node B's too, its markets as node A stored them: the suspension stays, in the database
    // and in node B's book.
    EXPECT_TRUE(Serves(port_b, fresh));
    EXPECT_EQ(Query("SELECT state FROM markets WHERE event_id = '" + fresh + "' AND market_key = 'h2h'")[0][0], "1");
    auto [fresh_status, fresh_exposure] = Send(port_b, client::Verb::get, "/v1/events/" + fresh + "/exposure");
    ASSERT_EQ(fresh_status, 200) << fresh_exposure;
    for (const json& m : fresh_exposure["markets"]) {
        if (m["market"] == "h2h") {
            EXPECT_EQ(m["state"], "suspended") << m;
        }
    }
    json pushed = json::object();
    for (int i = 0; i < 3 && pushed.value("version", 0) < version; ++i) {
        pushed = subscriber.Next(std::chrono::seconds(5));
        ASSERT_TRUE(pushed.is_object() && pushed.value("type", "") == "odds") << pushed << b->Printed();
    }
    EXPECT_EQ(pushed["version"], version);
    // And it follows again: the next update arrives by its notice.
    auto [next_status, next] =
        Send(port_a, client::Verb::post, "/v1/events/" + id + "/state", R"({"minute":60,"home":2,"away":1})");
    ASSERT_EQ(next_status, 200) << next;
    const int next_version = next["version"].get<int>(); // clang 14: no structured binding in a lambda
    EXPECT_TRUE(Eventually([&] { return OddsVersion(port_b, id) == next_version; }));
    std::printf("node B ready and caught up %.3f s after it could log in again\n", seconds);
}

} // namespace
} // namespace simbook::api
