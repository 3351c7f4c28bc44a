// `simbook replay` end to end: a real Server on 127.0.0.1:0 with the committed international model, and real
// internationals from ../shared/data replayed into it at full speed (skipped without the data).
#include "app/replay_command.hpp"

#include "api/server.hpp"
#include "models/fitted.hpp"
#include "models/soccer_data.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

namespace simbook::app {
namespace {

bool HaveData() {
    return std::filesystem::exists(SIMBOOK_DATA_DIR "/soccer/international/goalscorers.csv");
}

class ReplayTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (!HaveData()) {
            GTEST_SKIP() << "no ../shared/data";
        }
    }
    static void SetUpTestSuite() {
        api::ServerOptions options;
        options.port = 0;
        options.threads = 2;
        options.service.params_dir = SIMBOOK_SOURCE_PARAMS_DIR;
        options.service.store = ":memory:";
        options.service.sims = 5'000;
        options.service.rate_limit = 0.0;
        auto created = api::Server::Create(options);
        ASSERT_TRUE(created.ok()) << created.status().message();
        server_ = std::move(created.value()).release();
        server_->Start();
    }
    static void TearDownTestSuite() {
        delete server_;
        server_ = nullptr;
    }
    static ReplayOptions Options(const std::string& date, const std::string& home, const std::string& away) {
        ReplayOptions o;
        o.url = "http://127.0.0.1:" + std::to_string(server_->Port());
        o.key = server_->DemoKeys().at(api::Role::kTrader);
        o.date = date;
        o.home_team = home;
        o.away_team = away;
        o.speed = 0.0;
        o.data = SIMBOOK_DATA_DIR;
        return o;
    }
    static api::Server* server_;
};
api::Server* ReplayTest::server_ = nullptr;

TEST(InternationalModel, LoadsAndNeutralVenueRemovesTheHomeAdvantage) {
    auto home = models::FittedSoccerMatch(SIMBOOK_SOURCE_PARAMS_DIR, "international", "Argentina", "France");
    auto neutral = models::FittedSoccerMatch(SIMBOOK_SOURCE_PARAMS_DIR, "international", "Argentina", "France", true);
    ASSERT_TRUE(home.ok()) << home.status().message();
    ASSERT_TRUE(neutral.ok());
    EXPECT_GT(home.value().home_xg, neutral.value().home_xg);
    EXPECT_EQ(home.value().away_xg, neutral.value().away_xg);
    EXPECT_FALSE(models::FittedSoccerMatch(SIMBOOK_SOURCE_PARAMS_DIR, "international", "Atlantis", "France").ok());
}

TEST(InternationalData, GoalsOfAMatchAddUpToItsResult) {
    if (!HaveData()) {
        GTEST_SKIP() << "no ../shared/data";
    }
    auto results = models::LoadInternationalResults(SIMBOOK_DATA_DIR);
    ASSERT_TRUE(results.ok()) << results.status().message();
    const auto date = models::ParseDate("2022-12-18");
    const models::InternationalMatch* final = nullptr;
    for (const auto& m : *results) {
        if (m.match.date == *date && m.match.home == "Argentina" && m.match.away == "France") {
            final = &m;
        }
    }
    ASSERT_NE(final, nullptr);
    EXPECT_EQ(final->match.home_goals, 3);
    EXPECT_EQ(final->match.away_goals, 3);
    EXPECT_TRUE(final->neutral);
    EXPECT_TRUE(final->shootout);
    auto goals = models::LoadInternationalGoals(SIMBOOK_DATA_DIR, *date, "Argentina", "France");
    ASSERT_TRUE(goals.ok());
    ASSERT_EQ(goals->size(), 6U);
    EXPECT_EQ(goals->front().minute, 23);
    EXPECT_TRUE(goals->front().penalty);
}

// Argentina 1-2 Saudi Arabia (World Cup 2022): Messi's penalty at 10', then two away goals at 48' and 53'.
TEST_F(ReplayTest, ReplaysAMatchToItsFinalScoreAndMovesThePrices) {
    auto summary = RunReplay(Options("2022-11-22", "Argentina", "Saudi Arabia"), nullptr);
    ASSERT_TRUE(summary.ok()) << summary.status().message();
    const ReplaySummary& s = summary.value();
    EXPECT_EQ(s.final_home, 1);
    EXPECT_EQ(s.final_away, 2);
    EXPECT_EQ(s.result_home, 1);
    EXPECT_EQ(s.result_away, 2);
    EXPECT_EQ(s.extra_time_goals, 0);

    // Two versions per posted update (an exact event: main lines, then every market), and the server's event
    // agrees with the last one.
    ASSERT_EQ(s.updates.size(), 91U); // minutes 1..90 and full time (no stoppage-time goal)
    for (std::size_t k = 0; k < s.updates.size(); ++k) {
        EXPECT_EQ(s.updates[k].version, static_cast<int>(2 * (k + 1)));
    }
    api::ApiRequest get{"GET", "/v1/events/" + s.event_id, "", server_->DemoKeys().at(api::Role::kTrader), "", ""};
    const nlohmann::json event = nlohmann::json::parse(server_->GetService().Handle(get).body);
    EXPECT_EQ(event["version"], static_cast<int>(2 * s.updates.size()));
    EXPECT_EQ(event["state"]["home"], 1);
    EXPECT_EQ(event["state"]["away"], 2);
    EXPECT_EQ(event["state"]["finished"], true);

    // The home goal at 10' shortens the home price; the away goals lengthen it.
    const ReplayUpdate& before = s.updates[8]; // 9'
    const ReplayUpdate& goal = s.updates[9];   // 10'
    ASSERT_EQ(goal.clock, "10'");
    EXPECT_TRUE(goal.goal);
    EXPECT_EQ(goal.home, 1);
    ASSERT_GT(before.h2h[0], 1.0);
    EXPECT_LT(goal.h2h[0], before.h2h[0] - 0.2);
    EXPECT_GT(goal.h2h[2], before.h2h[2]);
    const ReplayUpdate& away_goal = s.updates[47]; // 48'
    EXPECT_EQ(away_goal.away, 1);
    EXPECT_GT(away_goal.h2h[0], s.updates[46].h2h[0]);
}

// The World Cup final went to extra time: the replay stops at 90 minutes (2-2), where the markets settle.
TEST_F(ReplayTest, ExtraTimeIsReportedNotReplayed) {
    auto summary = RunReplay(Options("2022-12-18", "Argentina", "France"), nullptr);
    ASSERT_TRUE(summary.ok()) << summary.status().message();
    EXPECT_EQ(summary->final_home, 2);
    EXPECT_EQ(summary->final_away, 2);
    EXPECT_EQ(summary->extra_time_goals, 2);
    EXPECT_EQ(summary->result_home, 3);
    EXPECT_TRUE(summary->shootout);
}

TEST_F(ReplayTest, ClearErrors) {
    auto unknown = RunReplay(Options("2022-12-18", "Argentina", "Brazil"), nullptr);
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.status().message().find("no international Argentina v Brazil on 2022-12-18"), std::string::npos)
        << unknown.status().message();
    auto swapped = RunReplay(Options("2022-12-18", "France", "Argentina"), nullptr);
    ASSERT_FALSE(swapped.ok());
    EXPECT_NE(swapped.status().message().find("swap"), std::string::npos) << swapped.status().message();

    auto no_goals = RunReplay(Options("2022-06-01", "Ghana", "Madagascar"), nullptr);
    ASSERT_FALSE(no_goals.ok());
    EXPECT_NE(no_goals.status().message().find("no complete goal data"), std::string::npos)
        << no_goals.status().message();

    auto no_minute = RunReplay(Options("1963-11-26", "Ghana", "Ethiopia"), nullptr);
    ASSERT_FALSE(no_minute.ok());
    EXPECT_NE(no_minute.status().message().find("no minute"), std::string::npos) << no_minute.status().message();

    // A team the fitted model does not know (Yugoslavia last played in 2002): the server's reason, one line.
    auto unknown_team = RunReplay(Options("1938-04-03", "Yugoslavia", "Poland"), nullptr);
    ASSERT_FALSE(unknown_team.ok());
    EXPECT_NE(unknown_team.status().message().find("'Yugoslavia' is not a team of the model"), std::string::npos)
        << unknown_team.status().message();
    ReplayOptions no_model = Options("2022-11-22", "Argentina", "Saudi Arabia");
    no_model.league = "atlantis";
    auto unpriced = RunReplay(no_model, nullptr);
    ASSERT_FALSE(unpriced.ok());
    EXPECT_NE(unpriced.status().message().find("the server needs models/params/soccer/atlantis.json"),
              std::string::npos)
        << unpriced.status().message();

    ReplayOptions bad_key = Options("2022-11-22", "Argentina", "Saudi Arabia");
    bad_key.key = "not-a-key";
    auto refused = RunReplay(bad_key, nullptr);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.status().message().find("401"), std::string::npos) << refused.status().message();

    ReplayOptions down = Options("2022-11-22", "Argentina", "Saudi Arabia");
    down.url = "http://127.0.0.1:1";
    auto unreachable = RunReplay(down, nullptr);
    ASSERT_FALSE(unreachable.ok());
    EXPECT_NE(unreachable.status().message().find("cannot reach the server"), std::string::npos)
        << unreachable.status().message();

    ReplayOptions bad_date = Options("18/13/2022", "Argentina", "France");
    EXPECT_FALSE(RunReplay(bad_date, nullptr).ok());
}

} // namespace
} // namespace simbook::app
