// The baseball walk-forward against closing lines: de-vig maths, push handling, the closing-line parser, the exact
// pricer's probabilities, a walk-forward that reads no game of its own date or later, and the CLI's summary lines.
#include "app/baseball_evaluate.hpp"

#include "models/baseball_data.hpp"
#include "models/baseball_evaluation.hpp"

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace simbook::app {
namespace {

using namespace std::chrono_literals;

std::string DataDir() {
    if (const char* env = std::getenv("SIMBOOK_DATA"); env != nullptr && *env != '\0') {
        return env;
    }
    return SIMBOOK_TEST_DATA;
}

bool HaveData() {
    const std::filesystem::path dir(DataDir());
    return std::filesystem::exists(dir / "baseball/retrosheet/GL2016.TXT") &&
           std::filesystem::exists(dir / "baseball/pinnacle-mlb2016/MLB2016_games.csv");
}

TEST(BaseballEvaluate, DevigOfAmericanOdds) {
    // -110 / -110: both 1.9091 decimal, implied 0.5238 each; fair 1/2 each.
    const auto even = DevigAmerican({-110, -110}, odds::MarginMethod::kMultiplicative);
    ASSERT_TRUE(even);
    EXPECT_NEAR((*even)[0], 0.5, 1e-12);
    EXPECT_NEAR((*even)[1], 0.5, 1e-12);
    // +150 / -170: implied 1/2.5 = 0.4 and 170/270; fair = implied / their sum.
    const auto line = DevigAmerican({150, -170}, odds::MarginMethod::kMultiplicative);
    ASSERT_TRUE(line);
    const double a = 0.4, b = 170.0 / 270.0;
    EXPECT_NEAR((*line)[0], a / (a + b), 1e-12);
    EXPECT_NEAR((*line)[1], b / (a + b), 1e-12);
    EXPECT_NEAR((*line)[0] + (*line)[1], 1.0, 1e-12);
    // A missing price (0) or one inside (-100, 100) is no line.
    EXPECT_FALSE(DevigAmerican({0, -110}, odds::MarginMethod::kMultiplicative));
    EXPECT_FALSE(DevigAmerican({50, -110}, odds::MarginMethod::kMultiplicative));
}

TEST(BaseballEvaluate, ParsesAClosingLine) {
    const std::vector<std::string> columns = {
        "GameID", "close_MoneyUS1", "close_MoneyUS2", "close_TotalPoints", "close_TotalUSOver", "close_TotalUSUnder"};
    const auto line = models::ParseClosingLine(columns, {"PIT201604030", "109", "-118", "6.0", "-128", "116"});
    ASSERT_TRUE(line.ok()) << line.status().message();
    EXPECT_EQ(line->game_id, "PIT201604030");
    EXPECT_EQ(line->moneyline, (std::array<double, 2>{109, -118}));
    ASSERT_TRUE(line->total);
    EXPECT_EQ(*line->total, 6.0);
    EXPECT_EQ(line->total_odds, (std::array<double, 2>{-128, 116}));
    const auto no_total = models::ParseClosingLine(columns, {"X", "109", "-118", "", "", ""});
    ASSERT_TRUE(no_total.ok());
    EXPECT_FALSE(no_total->total);
    const auto bad = models::ParseClosingLine(columns, {"X", "abc", "-118", "", "", ""});
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.status().message().find("close_MoneyUS1"), std::string::npos);
}

TEST(BaseballEvaluate, PushesAreLeftOutOfTheTotals) {
    models::EvaluatedBaseballGame win; // 5-3 home win, total 8 over a line of 7.5
    win.home_runs = 5;
    win.away_runs = 3;
    win.model_home_win = 0.6;
    win.market_home_win = 0.55;
    win.base_home_win = 0.53;
    win.total_line = 7.5;
    win.model_over = 0.4;
    win.market_over = 0.5;
    models::EvaluatedBaseballGame push = win; // the same 5-3 on a line of 8: a push
    push.total_line = 8.0;
    push.push = true;
    const models::BaseballScores s = models::ScoreBaseballWalkForward({win, push});
    EXPECT_EQ(s.model_moneyline.count, 2u);
    EXPECT_NEAR(s.model_moneyline.log_loss, -2.0 * std::log(0.6), 1e-12);
    EXPECT_NEAR(s.market_moneyline.log_loss, -2.0 * std::log(0.55), 1e-12);
    EXPECT_NEAR(s.base_moneyline.log_loss, -2.0 * std::log(0.53), 1e-12);
    EXPECT_EQ(s.pushes, 1u);
    EXPECT_EQ(s.model_total.count, 1u);
    EXPECT_NEAR(s.model_total.log_loss, -std::log(0.4), 1e-12);
    EXPECT_NEAR(s.market_total.log_loss, -std::log(0.5), 1e-12);
    EXPECT_NEAR(s.model_minus_market, std::log(0.55) - std::log(0.6), 1e-12);
    // Calibration holds both outcomes of each game: P(home) 0.6 and P(away) 0.4 twice.
    EXPECT_EQ(s.model_moneyline_calibration.count[6], 2.0);
    EXPECT_EQ(s.model_moneyline_calibration.observed[6], 2.0);
    EXPECT_EQ(s.model_moneyline_calibration.count[4], 2.0);
    EXPECT_EQ(s.model_moneyline_calibration.observed[4], 0.0);
}

TEST(BaseballEvaluate, ExactPricerAtWholeAndHalfLines) {
    const models::BaseballModel model = models::ExampleBaseballModel();
    const auto half = PriceBaseballExact(model, 8.5);
    const auto whole = PriceBaseballExact(model, 9.0);
    const auto eight = PriceBaseballExact(model, 8.0);
    ASSERT_TRUE(half.ok() && whole.ok() && eight.ok());
    EXPECT_GT(half->home_win, 0.3);
    EXPECT_LT(half->home_win, 0.7);
    EXPECT_EQ(half->push, 0.0);
    EXPECT_GT(whole->push, 0.05);
    // P(total > 8.5) = P(total > 8) - P(total = 9) = P(total > 9) + P(total = 9).
    EXPECT_NEAR(half->over, whole->over + whole->push, 1e-12);
    EXPECT_NEAR(half->over, eight->over, 1e-12);
    EXPECT_EQ(half->home_win, whole->home_win);
}

//! The walk-forward's forecasts of one date, each with the date its fit stopped before.
std::vector<models::EvaluatedBaseballGame> ForecastsOn(const std::vector<models::RetrosheetGame>& games,
                                                       const std::vector<models::BaseballClosingLine>& lines,
                                                       std::chrono::sys_days day) {
    models::BaseballWalkForwardOptions o;
    o.first_date = day;
    o.last_date = day;
    const auto fair = [](const std::array<double, 2>& a) {
        return DevigAmerican(a, odds::MarginMethod::kMultiplicative);
    };
    auto walked = models::RunBaseballWalkForward(games, lines, o, PriceBaseballExact, fair);
    EXPECT_TRUE(walked.ok()) << walked.status().message();
    return walked.ok() ? walked->games : std::vector<models::EvaluatedBaseballGame>{};
}

//! Every game dated in [from, to] made a rout for its home team (10 more home runs in its batting line).
std::vector<models::RetrosheetGame> Rigged(std::vector<models::RetrosheetGame> games, std::chrono::sys_days from,
                                           std::chrono::sys_days to) {
    for (models::RetrosheetGame& g : games) {
        if (g.date >= from && g.date <= to) {
            g.home.batting.home_runs += 10;
            g.home.batting.hits += 10;
            g.home.batting.at_bats += 10;
            g.home.runs += 20;
        }
    }
    return games;
}

TEST(BaseballEvaluate, WalkForwardReadsOnlyEarlierDates) {
    if (!HaveData()) {
        GTEST_SKIP() << "no ../shared/data/baseball";
    }
    const auto games = models::LoadGameLogs(DataDir(), 2014, 2016).value();
    const auto lines = models::LoadPinnacleClosingLines(DataDir()).value();
    const std::chrono::sys_days day = 2016y / 5 / 10;
    const auto clean = ForecastsOn(games, lines, day);
    ASSERT_GE(clean.size(), 10u);
    for (const auto& g : clean) {
        EXPECT_EQ(g.fitted_before, day);
        EXPECT_TRUE(g.market_home_win);
    }
    // Games of the day itself and later changed: the day's forecasts must not move.
    const auto later = ForecastsOn(Rigged(games, day, 2016y / 12 / 31), lines, day);
    ASSERT_EQ(later.size(), clean.size());
    for (std::size_t i = 0; i < clean.size(); ++i) {
        EXPECT_EQ(later[i].model_home_win, clean[i].model_home_win) << clean[i].game_id;
        EXPECT_EQ(later[i].model_over, clean[i].model_over) << clean[i].game_id;
        EXPECT_EQ(later[i].base_home_win, clean[i].base_home_win) << clean[i].game_id;
    }
    // The control: the same change to the day before does move them, so the check above can fail.
    const auto earlier = ForecastsOn(Rigged(games, day - std::chrono::days{1}, day - std::chrono::days{1}), lines, day);
    ASSERT_EQ(earlier.size(), clean.size());
    EXPECT_NE(earlier[0].model_home_win, clean[0].model_home_win);
}

TEST(BaseballEvaluate, CliPrintsTheSummaryLines) {
    if (!HaveData()) {
        GTEST_SKIP() << "no ../shared/data/baseball";
    }
    // Two weeks of the season keep the test short; the full season runs the same code.
    const std::string command = std::string(SIMBOOK_BINARY) + " evaluate --sport baseball --season 2016 --data " +
                                DataDir() + " --from-date 2016-06-01 --to-date 2016-06-07 2>&1";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    ASSERT_NE(pipe, nullptr);
    std::string out;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe.get()) != nullptr) {
        out += buffer;
    }
    ASSERT_EQ(pclose(pipe.release()), 0) << out;
    for (const char* text :
         {"model moneyline log loss 0.", "market moneyline log loss 0.", "base rate moneyline log loss 0.",
          "model over/under log loss 0.", "market over/under log loss 0.", "moneyline,", "model (exact chain",
          "market (Pinnacle close", "base rate (home teams'", "over/under at the closing total",
          "model (P(over | no push)", "model - market log loss", "calibration (moneyline", "calibration (total",
          "log loss"}) {
        EXPECT_NE(out.find(text), std::string::npos) << text << "\n" << out;
    }
}

} // namespace
} // namespace simbook::app
