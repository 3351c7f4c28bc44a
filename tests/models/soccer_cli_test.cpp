// `simbook fit` and `simbook evaluate` run as a user runs them, on the shared data folder.
#include "models/dixon_coles.hpp"

#include "tests/support/cli_run.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>

namespace {

using simbook::testing::CliRun;

CliRun Simbook(const std::string& args) {
    return simbook::testing::RunCli(SIMBOOK_BINARY, args);
}

std::string DataDir() {
    const std::string dir = SIMBOOK_TEST_DATA;
    return std::filesystem::is_directory(dir + "/soccer/results") ? dir : "";
}

#define SKIP_WITHOUT_DATA()                                                                                            \
    if (DataDir().empty()) {                                                                                           \
        GTEST_SKIP() << "no data folder at " << SIMBOOK_TEST_DATA;                                                     \
    }

TEST(SoccerFitCliTest, WritesAModelFileThatReadsBack) {
    SKIP_WITHOUT_DATA();
    const std::string out = ::testing::TempDir() + "pl-2016.json";
    std::filesystem::remove(out);
    const CliRun r = Simbook("fit --sport soccer --league premier-league --until 2016-06-30 --bootstrap 20 --data " +
                             DataDir() + " --out " + out);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("Leicester"), std::string::npos);
    std::ifstream in(out);
    const auto j = nlohmann::json::parse(in);
    EXPECT_EQ(j["until"], "2016-06-30");
    EXPECT_EQ(j["data"]["last_match"], "2016-05-17");
    EXPECT_EQ(j["data"]["matches"], 1140); // three seasons
    EXPECT_LT(j["log_likelihood"].get<double>(), 0.0);
    EXPECT_GT(j["home_advantage"].get<double>(), 0.1);
    EXPECT_EQ(j["bootstrap"]["replicates"], 20);
    const auto model = simbook::models::DixonColesModelFromJson(j).value();
    EXPECT_EQ(model.teams.size(), j["teams"].size());
    for (const auto& team : j["teams"]) {
        EXPECT_GT(team["attack_se"].get<double>(), 0.0) << team["name"];
    }
    const auto xg = simbook::models::SoccerMatchXg(model, "Man City", "Aston Villa").value();
    EXPECT_GT(xg.first, 2.0 * xg.second);
    ASSERT_EQ(j["match_probabilities"].size(), 380u); // 20 teams of 2015-16, home and away
    for (const auto& fixture : j["match_probabilities"]) {
        double total = 0.0;
        for (std::size_t k = 0; k < 3; ++k) {
            const double p = fixture["probabilities"][k].get<double>();
            total += p;
            EXPECT_LE(fixture["lower"][k].get<double>(), p + 1e-4);
            EXPECT_GE(fixture["upper"][k].get<double>(), p - 1e-4);
        }
        EXPECT_NEAR(total, 1.0, 2e-4);
    }
}

TEST(SoccerFitCliTest, BadInputIsOneLineAndWritesNothing) {
    SKIP_WITHOUT_DATA();
    const std::string out = ::testing::TempDir() + "never-written.json";
    std::filesystem::remove(out);
    const std::string data = " --data " + DataDir() + " --out " + out;
    struct Case {
        std::string args;
        std::string expected;
    };
    for (const Case& c : {Case{"fit --league mls" + data, "'mls'"},
                          Case{"fit --league premier-league --until 1980-01-01" + data, "no matches"},
                          Case{"fit --league premier-league --until 2016-13-01" + data, "--until"},
                          Case{"fit --league premier-league --data /nonexistent --out " + out, "/nonexistent"},
                          Case{"fit --sport basketball --until 2024-01-01" + data, "--until"},
                          Case{"fit --sport basketball --league wnba" + data, "wnba"},
                          Case{"fit --sport basketball --data /nonexistent --out " + out, "/nonexistent"},
                          Case{"fit --league premier-league --bootstrap 1" + data, "--bootstrap"}}) {
        const CliRun r = Simbook(c.args);
        EXPECT_EQ(r.status, 2) << c.args;
        EXPECT_NE(r.err.find(c.expected), std::string::npos) << c.args << ": " << r.err;
        EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
        EXPECT_FALSE(std::filesystem::exists(out)) << c.args;
    }
}

// The committed model files (models/params/soccer) read back and cover the latest season's teams.
TEST(SoccerFitCliTest, CommittedModelFilesLoad) {
    for (const char* league : {"premier-league", "bundesliga", "la-liga", "serie-a", "ligue-1"}) {
        std::ifstream in(std::string(SIMBOOK_PARAMS_DIR) + "/" + league + ".json");
        ASSERT_TRUE(in) << league;
        const auto j = nlohmann::json::parse(in);
        const auto model = simbook::models::DixonColesModelFromJson(j);
        ASSERT_TRUE(model.ok()) << league << ": " << model.status().message();
        int current = 0;
        for (const auto& team : j["teams"]) {
            current += team["in_latest_season"].get<bool>() ? 1 : 0;
        }
        EXPECT_GE(current, 18) << league;
        EXPECT_EQ(j["match_probabilities"].size(), std::size_t(current * (current - 1))) << league;
    }
}

TEST(SoccerEvaluateCliTest, OneSeasonBeatsTheBaseRateAndIsCloseToTheMarket) {
    SKIP_WITHOUT_DATA();
    const std::string csv = ::testing::TempDir() + "pl-2015.csv";
    const CliRun r =
        Simbook("evaluate --league premier-league --seasons 2015-2016 --json --data " + DataDir() + " --csv " + csv);
    ASSERT_EQ(r.status, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["matches"], 380);
    EXPECT_EQ(j["matches_with_market"], 380);
    EXPECT_EQ(j["failed_fits"], 0);
    const auto& w = j["with_market"];
    for (const char* who : {"model", "market", "base_rate"}) {
        for (const char* score : {"log_loss", "brier", "rps"}) {
            EXPECT_TRUE(std::isfinite(w[who][score].get<double>())) << who << " " << score;
        }
    }
    const double model = w["model"]["log_loss"].get<double>();
    const double market = w["market"]["log_loss"].get<double>();
    const double base = w["base_rate"]["log_loss"].get<double>();
    EXPECT_LT(model, base);
    EXPECT_LT(w["model"]["rps"].get<double>(), w["base_rate"]["rps"].get<double>());
    EXPECT_LT(market, model + 0.03); // the market beats the model or is close
    EXPECT_GT(model, 0.8);           // no leak of the results into the forecasts
    double counted = 0.0;
    for (const auto& bucket : j["calibration"]["model"]) {
        counted += bucket["count"].get<double>();
    }
    EXPECT_EQ(counted, 3 * 380);
    std::ifstream in(csv);
    std::string line;
    int lines = 0;
    while (std::getline(in, line)) {
        ++lines;
    }
    EXPECT_EQ(lines, 381);
}

// One run covers the five leagues with per-league and pooled scores, keeping the "model" and "market" log-loss
// lines; the market-informed ratings sit close to the market and price over/under 2.5 better than the base rate.
TEST(SoccerEvaluateCliTest, AllLeaguesInOneRunWithTheMarketRatings) {
    SKIP_WITHOUT_DATA();
    const CliRun text = Simbook("evaluate --model market-ratings --seasons 2015-2016 --data " + DataDir());
    ASSERT_EQ(text.status, 0) << text.err;
    for (const char* expected :
         {"premier-league", "bundesliga", "la-liga", "serie-a", "ligue-1", "all 5 leagues pooled",
          "  model (market ratings, via MarketEngine)", "  market (bookmakers' average, de-vigged)", "log loss"}) {
        EXPECT_NE(text.out.find(expected), std::string::npos) << expected << "\n" << text.out;
    }
    const CliRun r = Simbook("evaluate --model market-ratings --seasons 2015-2016 --json --data " + DataDir());
    ASSERT_EQ(r.status, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["leagues"].size(), 5u);
    EXPECT_EQ(j["matches"], 4 * 380 + 306);
    EXPECT_EQ(j["matches_with_market"], 4 * 380 + 306);
    const double model = j["with_market"]["model"]["log_loss"].get<double>();
    const double market = j["with_market"]["market"]["log_loss"].get<double>();
    EXPECT_LT(model, market + 0.015);
    EXPECT_GT(model, market - 0.02); // no leak of the match's own odds or result
    EXPECT_LT(j["over_under_2_5"]["model"]["log_loss"].get<double>(),
              j["over_under_2_5"]["base_rate"]["log_loss"].get<double>());
    for (const auto& [league, scores] : j["leagues"].items()) {
        EXPECT_EQ(scores["odds_rows_not_joined"], 0) << league;
        EXPECT_EQ(scores["fallback_fits"], 0) << league;
    }
}

// Seasons the odds files do not cover still evaluate (against the base rate), whatever team names they bring.
TEST(SoccerEvaluateCliTest, SeasonsAfterTheOddsEvaluate) {
    SKIP_WITHOUT_DATA();
    for (const char* model : {"dixon-coles", "market-ratings"}) {
        const CliRun r =
            Simbook(std::string("evaluate --model ") + model + " --seasons 2017-2018 --json --data " + DataDir());
        ASSERT_EQ(r.status, 0) << model << ": " << r.err;
        const auto j = nlohmann::json::parse(r.out);
        EXPECT_EQ(j["matches"], 4 * 380 + 306) << model;
        EXPECT_LT(j["all_matches"]["model"]["log_loss"].get<double>(),
                  j["all_matches"]["base_rate"]["log_loss"].get<double>())
            << model;
    }
}

// A league the code does not know: a data folder with the Premier League's files under another name (results
// folder "test-league", odds file "testland_test-league.csv"). It evaluates without a code change or a name table,
// with the same scores as the Premier League.
TEST(SoccerEvaluateCliTest, ANewLeagueNeedsNoCode) {
    SKIP_WITHOUT_DATA();
    namespace fs = std::filesystem;
    const fs::path data = fs::path(::testing::TempDir()) / "new-league-data";
    fs::remove_all(data);
    fs::create_directories(data / "soccer" / "odds");
    fs::create_directories(data / "soccer" / "results");
    fs::copy(fs::path(DataDir()) / "soccer" / "results" / "premier-league",
             data / "soccer" / "results" / "test-league");
    fs::copy_file(fs::path(DataDir()) / "soccer" / "odds" / "england_premier-league.csv",
                  data / "soccer" / "odds" / "testland_test-league.csv");
    const CliRun all = Simbook("evaluate --seasons 2015-2016 --json --data " + data.string());
    ASSERT_EQ(all.status, 0) << all.err;
    EXPECT_EQ(nlohmann::json::parse(all.out)["league"], "test-league"); // the one league there
    const auto renamed = nlohmann::json::parse(all.out);
    const CliRun original = Simbook("evaluate --league premier-league --seasons 2015-2016 --json --data " + DataDir());
    ASSERT_EQ(original.status, 0) << original.err;
    const auto j = nlohmann::json::parse(original.out);
    EXPECT_EQ(renamed["matches_with_market"], 380);
    EXPECT_EQ(renamed["odds_rows_not_joined"], 0);
    EXPECT_DOUBLE_EQ(renamed["with_market"]["model"]["log_loss"].get<double>(),
                     j["with_market"]["model"]["log_loss"].get<double>());
    EXPECT_DOUBLE_EQ(renamed["over_under_2_5"]["model"]["log_loss"].get<double>(),
                     j["over_under_2_5"]["model"]["log_loss"].get<double>());
    const CliRun unknown = Simbook("evaluate --league eredivisie --data " + data.string());
    EXPECT_EQ(unknown.status, 2);
    EXPECT_NE(unknown.err.find("test-league"), std::string::npos) << unknown.err; // lists what the folder has
    fs::remove_all(data);
}

TEST(SoccerFitCliTest, MarketRatingsWriteAModelFileThatReadsBack) {
    SKIP_WITHOUT_DATA();
    const std::string out = ::testing::TempDir() + "pl-market-2016.json";
    std::filesystem::remove(out);
    const CliRun r = Simbook("fit --sport soccer --model market-ratings --league premier-league --until 2016-05-31 "
                             "--data " +
                             DataDir() + " --out " + out);
    ASSERT_EQ(r.status, 0) << r.err;
    std::ifstream in(out);
    const auto j = nlohmann::json::parse(in);
    EXPECT_EQ(j["model"], "market-ratings");
    EXPECT_EQ(j["data"]["odds_rows_not_joined"], 0);
    const auto model = simbook::models::DixonColesModelFromJson(j).value();
    const auto xg = simbook::models::SoccerMatchXg(model, "Man City", "Aston Villa").value();
    EXPECT_GT(xg.first, 2.0 * xg.second);
    EXPECT_GT(model.home_advantage, 0.1);
}

TEST(SoccerEvaluateCliTest, BadSeasonsAndLeaguesAreRefused) {
    SKIP_WITHOUT_DATA();
    const std::string data = " --data " + DataDir();
    for (const auto& [args, expected] :
         {std::pair<std::string, std::string>{"evaluate --league premier-league --seasons 2016-2008" + data,
                                              "--seasons"},
          {"evaluate --league premier-league --seasons 2030-2031" + data, "no season files"},
          {"evaluate --league eredivisie" + data, "'eredivisie'"},
          {"evaluate --league premier-league --devig magic" + data, "--devig"}}) {
        const CliRun r = Simbook(args);
        EXPECT_EQ(r.status, 2) << args;
        EXPECT_NE(r.err.find(expected), std::string::npos) << args << ": " << r.err;
    }
}

} // namespace
