// The international data files and `simbook fit --league international`. Tests that need
// ../shared/data skip without it.
#include "models/dixon_coles.hpp"
#include "models/fitted.hpp"
#include "models/soccer_data.hpp"
#include "tests/support/cli_run.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

namespace simbook::models {
namespace {

bool HaveData() {
    return std::filesystem::exists(SIMBOOK_TEST_DATA "/soccer/international/results.csv");
}

simbook::testing::CliRun Simbook(const std::string& args) {
    return simbook::testing::RunCli(SIMBOOK_BINARY, args);
}

//! A data folder holding one international results file with the given rows.
std::string DataFolder(const std::string& name, const std::string& rows) {
    const std::string dir = ::testing::TempDir() + name;
    std::filesystem::create_directories(dir + "/soccer/international");
    std::ofstream(dir + "/soccer/international/results.csv")
        << "date,home_team,away_team,home_score,away_score,tournament,city,country,neutral\n"
        << rows;
    return dir;
}

TEST(InternationalResults, ReadsVenuesSkipsUnplayedAndNamesBadRows) {
    const std::string dir = DataFolder("intl-ok", "2024-03-21,Spain,Colombia,0,1,Friendly,London,England,TRUE\n"
                                                  "2024-03-20,England,Brazil,0,1,Friendly,London,England,FALSE\n"
                                                  "2026-06-11,Mexico,South Africa,NA,NA,FIFA World Cup,Mexico "
                                                  "City,Mexico,FALSE\n");
    const auto matches = LoadInternationalResults(dir);
    ASSERT_TRUE(matches.ok()) << matches.status().message();
    ASSERT_EQ(matches->size(), 2U);                    // the unplayed fixture is skipped
    EXPECT_EQ(matches->front().match.home, "England"); // sorted by date
    EXPECT_FALSE(matches->front().neutral);
    EXPECT_TRUE(matches->back().neutral);
    EXPECT_EQ(matches->back().tournament, "Friendly");
    EXPECT_FALSE(matches->back().shootout); // no shootouts file: none marked

    const auto bad = LoadInternationalResults(
        DataFolder("intl-bad", "2024-03-21,Spain,Colombia,0,1,Friendly,London,England,maybe\n"));
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.status().message().find("results.csv:2"), std::string::npos) << bad.status().message();
    EXPECT_NE(bad.status().message().find("neutral 'maybe'"), std::string::npos) << bad.status().message();
    EXPECT_FALSE(LoadInternationalResults(::testing::TempDir() + "no-such-folder").ok());
}

TEST(InternationalFit, WritesAModelTheServiceCanLoad) {
    if (!HaveData()) {
        GTEST_SKIP() << "no ../shared/data";
    }
    const std::string out = ::testing::TempDir() + "international.json";
    const auto run = Simbook("fit --sport soccer --league international --until 2024-06-01 --window-days 1461 "
                             "--half-life-days 730 --bootstrap 0 --data " SIMBOOK_TEST_DATA " --out " +
                             out);
    ASSERT_EQ(run.status, 0) << run.err;
    std::ifstream in(out);
    const nlohmann::json file = nlohmann::json::parse(in);
    EXPECT_EQ(file["league"], "international");
    EXPECT_EQ(file["until"], "2024-06-01");
    EXPECT_GT(file["data"]["neutral_venue_matches"].get<int>(), 500);
    EXPECT_GT(file["data"]["friendlies"].get<int>(), 500);
    // Home advantage at a home venue: clearly positive and within what national teams show (x1.1 to x1.6).
    EXPECT_GT(file["home_advantage"].get<double>(), std::log(1.1));
    EXPECT_LT(file["home_advantage"].get<double>(), std::log(1.6));
    const auto model = DixonColesModelFromJson(file);
    ASSERT_TRUE(model.ok()) << model.status().message();
    // A strong side against a weak one is the favourite both ways round.
    const auto [lambda, mu] = model->Rates(*model->TeamIndex("France"), *model->TeamIndex("San Marino"));
    EXPECT_GT(lambda, 5.0 * mu);
}

TEST(InternationalFit, RefusesBadOptionsInOneLine) {
    const auto weight = Simbook("fit --sport soccer --league international --friendly-weight 0 --out /dev/null");
    EXPECT_EQ(weight.status, 2);
    EXPECT_NE(weight.err.find("--friendly-weight"), std::string::npos) << weight.err;
    const auto no_out = Simbook("fit --sport soccer --league international");
    EXPECT_EQ(no_out.status, 2);
    EXPECT_NE(no_out.err.find("--out"), std::string::npos) << no_out.err;
}

TEST(InternationalFit, CommittedModelLoads) {
    const auto match = FittedSoccerMatch(SIMBOOK_PARAMS_ROOT, "international", "Argentina", "France");
    ASSERT_TRUE(match.ok()) << match.status().message();
    EXPECT_GT(match->home_xg, 0.3);
    EXPECT_LT(match->home_xg, 4.0);
}

} // namespace
} // namespace simbook::models
