#include "models/baseball_data.hpp"
#include "models/baseball_fit.hpp"
#include "models/baseball_model.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace simbook::models {
namespace {

using std::chrono::sys_days;
using namespace std::chrono_literals;

std::string DataDir() {
    if (const char* env = std::getenv("SIMBOOK_DATA"); env != nullptr && *env != '\0') {
        return env;
    }
    return SIMBOOK_TEST_DATA;
}

bool HaveData() {
    return std::filesystem::exists(std::filesystem::path(DataDir()) / "baseball/retrosheet/GL2014.TXT");
}

//! Every 2014-18 game, read once.
const std::vector<RetrosheetGame>& AllGames() {
    static const std::vector<RetrosheetGame> games = LoadGameLogs(DataDir(), 2014, 2018).value();
    return games;
}

// The first game of 2014 (Sydney), as the log has it.
const char* kSydney =
    R"gl("20140322","0","Sat","LAN","NL",1,"ARI","NL",1,3,1,54,"N","","","","SYD01",38266,169,"010200000","000001000",)gl"
    R"gl(33,5,2,0,1,3,0,0,1,3,0,11,0,0,0,0,7,4,1,1,1,0,27,13,1,0,0,0,33,5,1,0,0,1,0,0,0,2,0,10,0,0,0,0,7,5,3,3,1,0,27,)gl"
    R"gl(10,1,0,0,0,"welkt901","Tim Welke","scotd901","Dale Scott","diazl901","Laz Diaz","carlm901","Mark Carlson","",)gl"
    R"gl("(none)","","(none)","mattd001","Don Mattingly","gibsk001","Kirk Gibson","kersc001","Clayton Kershaw","milew001",)gl"
    R"gl("Wade Miley","jansk001","Kenley Jansen","ethia001","Andre Ethier","kersc001","Clayton Kershaw","milew001",)gl"
    R"gl("Wade Miley","puigy001","Yasiel Puig",9,"turnj001","Justin Turner",4,"ramih003","Hanley Ramirez",6,"gonza003",)gl"
    R"gl("Adrian Gonzalez",3,"vanss001","Scott Van Slyke",7,"uribj002","Juan Uribe",5,"ethia001","Andre Ethier",8,)gl"
    R"gl("ellia001","A.J. Ellis",2,"kersc001","Clayton Kershaw",1,"polla001","A.J. Pollock",8,"hilla001","Aaron Hill",4,)gl"
    R"gl("goldp001","Paul Goldschmidt",3,"pradm001","Martin Prado",5,"trumm001","Mark Trumbo",7,"montm001",)gl"
    R"gl("Miguel Montero",2,"owinc001","Chris Owings",6,"parrg001","Gerardo Parra",9,"milew001","Wade Miley",1,"","Y")gl";

std::string Replace(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
}

TEST(BaseballData, ParsesTheSydneyOpener) {
    const auto g = ParseGameLogRecord(kSydney);
    ASSERT_TRUE(g.ok()) << g.status().message();
    EXPECT_EQ(g->Id(), "ARI201403220");
    EXPECT_EQ(g->park, "SYD01");
    EXPECT_EQ(g->away.team, "LAN");
    EXPECT_EQ(g->home.team, "ARI");
    EXPECT_EQ(g->away.runs, 3);
    EXPECT_EQ(g->home.runs, 1);
    EXPECT_EQ(g->away.line_score, (std::vector<int>{0, 1, 0, 2, 0, 0, 0, 0, 0}));
    EXPECT_EQ(g->away.batting.at_bats, 33);
    EXPECT_EQ(g->away.batting.doubles, 2);
    EXPECT_EQ(g->away.batting.home_runs, 1);
    EXPECT_EQ(g->away.batting.strikeouts, 11);
    EXPECT_EQ(g->away.batting.left_on_base, 7);
    EXPECT_EQ(g->home.batting.strikeouts, 10);
    EXPECT_EQ(g->away.starter_name, "Clayton Kershaw");
    EXPECT_EQ(g->home.starter_id, "milew001");
    EXPECT_EQ(g->away.putouts, 27);
    EXPECT_EQ(g->outs, 54);
}

TEST(BaseballData, LineScoreNotation) {
    EXPECT_EQ(ParseLineScore("010(10)0030x").value(), (std::vector<int>{0, 1, 0, 10, 0, 0, 3, 0, -1}));
    EXPECT_EQ(ParseLineScore("(12)00000000").value()[0], 12);
    for (const char* bad : {"", "01(a)0", "01(10", "01?00", "0()1"}) {
        const auto r = ParseLineScore(bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_NE(r.status().message().find("line score"), std::string::npos) << r.status().message();
    }
}

TEST(BaseballData, BadRowsSayWhat) {
    const std::pair<std::string, std::string> cases[] = {
        {std::string(kSydney).substr(0, std::string(kSydney).find(",\"welkt901\"")), "fields, a game log has 161"},
        {Replace(kSydney, "\"010200000\"", "\"010200001\""), "field 20 (line score)"},
        {Replace(kSydney, "\"010200000\"", "\"01020?000\""), "field 20 (line score)"},
        {Replace(kSydney, "\"20140322\"", "\"20141322\""), "field 1 (date)"},
        {Replace(kSydney, "\"20140322\",\"0\"", "\"20140322\",\"7\""), "field 2 (game number)"},
        {Replace(kSydney, "\"SYD01\",38266,169,\"010200000\",\"000001000\",33",
                 "\"SYD01\",38266,169,\"010200000\",\"000001000\",x3"),
         "field 22 (at-bats)"},
        {Replace(kSydney, ",\"Y\"", ",\"Y"), "unterminated quote"},
        {Replace(kSydney, "\"kersc001\",\"Clayton Kershaw\",\"milew001\",\"Wade Miley\",\"puigy001\"",
                 "\"\",\"Clayton Kershaw\",\"milew001\",\"Wade Miley\",\"puigy001\""),
         "field 102 (starting pitcher)"},
    };
    for (const auto& [line, expected] : cases) {
        const auto g = ParseGameLogRecord(line);
        ASSERT_FALSE(g.ok()) << expected;
        EXPECT_EQ(g.status().code(), StatusCode::kInvalidArgument);
        EXPECT_NE(g.status().message().find(expected), std::string::npos) << g.status().message();
    }
}

// Random edits of a good record: every one parses or is refused with a message, none crashes.
TEST(BaseballData, MangledRecordsNeverCrash) {
    std::mt19937_64 rng(7);
    const std::string good = kSydney;
    const std::string alphabet = "0123456789,\"()xX-AB ";
    int refused = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string line = good;
        const int edits = 1 + static_cast<int>(rng() % 4);
        for (int e = 0; e < edits; ++e) {
            const std::size_t at = rng() % line.size();
            switch (rng() % 3) {
            case 0:
                line[at] = alphabet[rng() % alphabet.size()];
                break;
            case 1:
                line.erase(at, 1 + rng() % 8);
                break;
            default:
                line.insert(at, 1, alphabet[rng() % alphabet.size()]);
                break;
            }
        }
        const auto g = ParseGameLogRecord(line);
        if (!g.ok()) {
            ++refused;
            EXPECT_FALSE(g.status().message().empty());
        }
    }
    EXPECT_GT(refused, 1000);
    EXPECT_FALSE(ParseLineScore("(2000000000)(2000000000)").ok());
}

TEST(BaseballData, FileErrorsNameFileAndLine) {
    const std::string path = testing::TempDir() + "/GL_bad.TXT";
    {
        std::ofstream out(path);
        out << kSydney << "\r\n" << Replace(kSydney, ",33,5,2,", ",33,5,-2,") << "\n";
    }
    const auto r = LoadGameLogFile(path);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("GL_bad.TXT:2"), std::string::npos) << r.status().message();
    EXPECT_NE(r.status().message().find("doubles"), std::string::npos) << r.status().message();
    const auto missing = LoadGameLogs(testing::TempDir() + "/no-such-dir", 2014, 2014);
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.status().message().find("GL2014.TXT"), std::string::npos);
    EXPECT_FALSE(LoadGameLogs(DataDir(), 2018, 2014).ok());
}

TEST(BaseballData, ReadsEverySeason) {
    if (!HaveData()) {
        GTEST_SKIP() << "no ../shared/data";
    }
    const std::map<int, std::size_t> expected = {{2014, 2430}, {2015, 2429}, {2016, 2428}, {2017, 2430}, {2018, 2431}};
    for (const auto& [season, rows] : expected) {
        const auto games = LoadGameLogs(DataDir(), season, season);
        ASSERT_TRUE(games.ok()) << games.status().message();
        EXPECT_EQ(games->size(), rows) << season;
        for (const RetrosheetGame& g : *games) {
            EXPECT_EQ(static_cast<int>(std::chrono::year_month_day(g.date).year()), season);
            EXPECT_GE(g.away.InningsBatted(), 5) << g.Id();
            // 3 putouts an inning pitched; a walk-off inning ends short of 3 (with no outs at all, even).
            EXPECT_LE(g.away.putouts, 3 * g.home.InningsBatted()) << g.Id();
            EXPECT_GE(g.away.putouts, 3 * g.home.InningsBatted() - 3) << g.Id();
        }
    }
    // Mets 14, Brewers 1 with a ten-run 4th and no bottom of the 9th.
    const auto& all = AllGames();
    const auto mets = std::find_if(all.begin(), all.end(), [](const auto& g) { return g.Id() == "NYN201505160"; });
    ASSERT_NE(mets, all.end());
    EXPECT_EQ(mets->home.line_score, (std::vector<int>{0, 1, 0, 10, 0, 0, 3, 0, -1}));
    EXPECT_EQ(mets->home.runs, 14);
    EXPECT_EQ(mets->outs, 51);
    const auto last = std::find_if(all.begin(), all.end(), [](const auto& g) { return g.Id() == "LAN201810010"; });
    ASSERT_NE(last, all.end());
    EXPECT_EQ(last->away.team, "COL");
    EXPECT_EQ(last->home.runs, 5);
    EXPECT_EQ(last->away.runs, 2);
}

TEST(BaseballModel, TransitionsAreDistributions) {
    const BaseballModel m = ExampleBaseballModel();
    for (int s = 0; s < kBaseOutStates; ++s) {
        const PaTransitions t = BaseOutTransitions(s, m.league, m.running);
        double sum = 0.0;
        for (int i = 0; i < t.count; ++i) {
            sum += t.items[static_cast<std::size_t>(i)].probability;
            EXPECT_GE(t.items[static_cast<std::size_t>(i)].runs, 0);
            EXPECT_LE(t.items[static_cast<std::size_t>(i)].runs, 4);
        }
        EXPECT_NEAR(sum, 1.0, 1e-12) << s;
    }
    // Bases loaded, no outs, a walk: one run, still loaded.
    const PaRates walk = {0, 0, 1, 0, 0, 0, 0};
    const PaTransitions t = BaseOutTransitions(7, walk, m.running);
    ASSERT_EQ(t.count, 1);
    EXPECT_EQ(t.items[0].next, 7);
    EXPECT_EQ(t.items[0].runs, 1);
    // Runner on 1st, one out, a ground out: a double play ends the inning without a run.
    const PaRates out = {0, 1, 0, 0, 0, 0, 0};
    const PaTransitions dp = BaseOutTransitions(8 + 5, out, m.running);
    EXPECT_EQ(dp.items[0].next, kInningOver);
    EXPECT_DOUBLE_EQ(dp.items[0].probability, m.running.double_play);
}

//! RE of every state for the given rates: more outs fewer runs, an extra runner more runs.
void ExpectMonotone(const PaRates& rates, const BaseRunning& running) {
    const auto re = RunExpectancy(rates, running);
    for (int outs = 0; outs < 3; ++outs) {
        for (int bases = 0; bases < 8; ++bases) {
            const double v = re[static_cast<std::size_t>(outs * 8 + bases)];
            if (outs < 2) {
                EXPECT_GT(v, re[static_cast<std::size_t>((outs + 1) * 8 + bases)]) << outs << " " << bases;
            }
            for (int runner : {1, 2, 4}) {
                if (!(bases & runner)) {
                    EXPECT_GT(re[static_cast<std::size_t>(outs * 8 + (bases | runner))], v) << outs << " " << bases;
                }
            }
        }
    }
    EXPECT_GT(re[0], 0.35);
    EXPECT_LT(re[0], 0.65);
    EXPECT_GT(re[7], 2.0); // bases loaded, no outs
}

TEST(BaseballModel, RunExpectancyIsMonotone) {
    const BaseballModel m = ExampleBaseballModel();
    ExpectMonotone(m.league, m.running);
}

TEST(BaseballModel, Log5AndScaling) {
    const BaseballModel m = ExampleBaseballModel();
    const PaRates same = Log5(m.home.batting, m.league, m.league);
    const PaRates swapped = Log5(m.away.pitching.starter_rates, m.home.batting, m.league);
    const PaRates both = Log5(m.home.batting, m.away.pitching.starter_rates, m.league);
    for (std::size_t i = 0; i < same.size(); ++i) {
        EXPECT_NEAR(same[i], m.home.batting[i], 1e-12);
        EXPECT_NEAR(swapped[i], both[i], 1e-12);
    }
    // A strikeout pitcher against a strikeout-prone lineup: more strikeouts than either.
    EXPECT_GT(Log5(m.away.batting, m.home.pitching.starter_rates, m.league)[0], m.home.pitching.starter_rates[0]);
    for (double factor : {0.8, 1.1, 1.3}) {
        const double k = OnBaseScaleForRuns(m.league, m.running, factor);
        EXPECT_NEAR(RunExpectancy(ScaleOnBase(m.league, k), m.running)[0],
                    factor * RunExpectancy(m.league, m.running)[0], 1e-9);
    }
    const MatchupRates rates = MakeMatchupRates(m);
    const double home = RunExpectancy(rates.For(1, 0, 1), m.running)[0];
    const double raw = RunExpectancy(Log5(m.home.batting, m.away.pitching.bullpen_rates, m.league), m.running)[0];
    EXPECT_NEAR(home, raw * m.park_factor * m.home_run_factor * m.inning_factors[0], 1e-9);
    EXPECT_EQ(rates.For(10, 1, 0), rates.For(25, 1, 0));
    EXPECT_NEAR(RunExpectancy(rates.For(10, 1, 1), m.running)[0],
                RunExpectancy(Log5(m.away.batting, m.home.pitching.bullpen_rates, m.league), m.running)[0] *
                    m.park_factor / m.home_run_factor,
                1e-9);
}

TEST(BaseballModel, JsonRoundTripAndErrors) {
    const BaseballModel m = ExampleBaseballModel();
    ASSERT_TRUE(ValidateBaseballModel(m).ok());
    const nlohmann::json json = ToJson(m);
    const auto back = BaseballModelFromJson(json);
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(ToJson(*back), json);
    const std::pair<std::function<void(nlohmann::json&)>, std::string> cases[] = {
        {[](nlohmann::json& j) { j["home"]["batting"]["walk"] = 0.5; }, "home.batting: rates sum to"},
        {[](nlohmann::json& j) { j["away"]["pitching"]["starter_rates"]["single"] = -0.1; },
         "away.pitching.starter_rates.single"},
        {[](nlohmann::json& j) { j["away"]["pitching"]["starter_innings"] = 10; }, "away.pitching.starter_innings"},
        {[](nlohmann::json& j) { j["home"]["pitching"].erase("bullpen_rates"); },
         "home.pitching.bullpen_rates: required"},
        {[](nlohmann::json& j) { j["home"]["batting"]["hr"] = 0.1; }, "home.batting.hr: unknown field"},
        {[](nlohmann::json& j) { j["running"]["double_play"] = 1.5; }, "running.double_play"},
        {[](nlohmann::json& j) { j["park_factor"] = "big"; }, "park_factor"},
        {[](nlohmann::json& j) { j["home_run_factor"] = 3.0; }, "home_run_factor"},
        {[](nlohmann::json& j) {
             j["league"]["triple"] = 0.0;
             j["league"]["other_out"] = 0.4715;
         },
         "league.triple: must be positive"},
        {[](nlohmann::json& j) { j.erase("away"); }, "away: required"},
        {[](nlohmann::json& j) {
             j["inning_factors"] = {1, 1, 1};
         },
         "inning_factors: must be an array of 9"},
        {[](nlohmann::json& j) { j["inning_factors"][4] = 2.5; }, "inning_factors[4]"},
        {[](nlohmann::json& j) { j["day_sd"] = 0.7; }, "day_sd"},
        {[](nlohmann::json& j) { j["extra"] = 1; }, "extra: unknown field"},
        {[](nlohmann::json& j) {
             j["home"]["batting"] = {{"strikeout", 0.0}, {"other_out", 0.1}, {"walk", 0.5},    {"single", 0.4},
                                     {"double", 0.0},    {"triple", 0.0},    {"home_run", 0.0}};
         },
         "innings would hardly end"},
    };
    for (const auto& [edit, expected] : cases) {
        nlohmann::json j = json;
        edit(j);
        const auto r = BaseballModelFromJson(j);
        ASSERT_FALSE(r.ok()) << expected;
        EXPECT_NE(r.status().message().find(expected), std::string::npos) << r.status().message();
    }
    EXPECT_FALSE(BaseballModelFromJson(nlohmann::json::array()).ok());
}

//! A fit of one season's games only (no decay), as of the next New Year.
FittedBaseball SeasonFit(int season) {
    std::vector<RetrosheetGame> games;
    for (const RetrosheetGame& g : AllGames()) {
        if (static_cast<int>(std::chrono::year_month_day(g.date).year()) == season) {
            games.push_back(g);
        }
    }
    BaseballFitOptions options;
    options.half_life_days = 1e9;
    options.league_half_life_days = 0.0; // the league on the same (no) decay
    const sys_days next_year = std::chrono::year(season + 1) / 1 / 1;
    return FitBaseball(games, next_year, options).value();
}

TEST(BaseballFit, LeagueRunsMatchTheData) {
    if (!HaveData()) {
        GTEST_SKIP() << "no ../shared/data";
    }
    for (int season = 2014; season <= 2018; ++season) {
        const FittedBaseball fit = SeasonFit(season);
        const double model = 9.0 * RunExpectancy(fit.league, fit.running)[0];
        std::printf(
            "%d: model %.3f runs per 9 innings, data %.3f runs per team-game (%.4f per inning); dp %.3f sf %.3f "
            "out_advance %.3f home factor %.4f Coors %.3f 1st inning %.3f 2nd %.3f; runs variance %.2f day_sd %.3f\n",
            season, model, fit.runs_per_team_game, fit.runs_per_inning, fit.running.double_play,
            fit.running.sacrifice_fly, fit.running.out_advance, fit.home_run_factor, fit.park_factors.at("DEN02"),
            fit.inning_factors[0], fit.inning_factors[1], fit.runs_variance, fit.day_sd);
        EXPECT_GT(fit.runs_per_team_game, 4.0);
        EXPECT_LT(fit.runs_per_team_game, 4.8);
        EXPECT_NEAR(model / (9.0 * fit.runs_per_inning), 1.0, 0.01) << season;
        EXPECT_NEAR(model, fit.runs_per_team_game, 0.25) << season;
        EXPECT_GT(fit.running.out_advance, 0.0) << "not at its bounds";
        EXPECT_LT(fit.running.out_advance, 1.0) << "not at its bounds";
        EXPECT_GT(model, 4.0);
        EXPECT_LT(model, 4.8);
        ExpectMonotone(fit.league, fit.running);
        EXPECT_GT(fit.running.double_play, 0.05);
        EXPECT_LT(fit.running.double_play, 0.30);
        EXPECT_GT(fit.running.sacrifice_fly, 0.05);
        EXPECT_LT(fit.running.sacrifice_fly, 0.50);
        EXPECT_GT(fit.home_run_factor, 1.0);
        EXPECT_LT(fit.home_run_factor, 1.06);
        EXPECT_EQ(fit.teams.size(), 30u);
        EXPECT_GT(fit.park_factors.at("DEN02"), 1.1) << "Coors Field";
        // The top of the order bats in the 1st, the bottom of it most often in the 2nd.
        EXPECT_GT(fit.inning_factors[0], 1.05);
        EXPECT_LT(fit.inning_factors[1], 0.97);
        double mean = 0.0;
        for (double f : fit.inning_factors) {
            mean += f / 9.0;
        }
        EXPECT_NEAR(mean, 1.0, 0.03);
        EXPECT_GT(fit.day_sd, 0.05);
        EXPECT_LT(fit.day_sd, 0.4);
    }
}

TEST(BaseballFit, WalkForwardUsesOnlyEarlierGames) {
    if (!HaveData()) {
        GTEST_SKIP() << "no ../shared/data";
    }
    const sys_days date = std::chrono::year(2016) / 6 / 1;
    std::vector<RetrosheetGame> earlier;
    for (const RetrosheetGame& g : AllGames()) {
        if (g.date < date) {
            earlier.push_back(g);
        }
    }
    const FittedBaseball all = FitBaseball(AllGames(), date).value();
    const FittedBaseball only = FitBaseball(earlier, date).value();
    EXPECT_EQ(all.game_count, static_cast<int>(earlier.size()));
    EXPECT_EQ(ToJson(MakeBaseballMatchup(all, "BOS", "NYA", "pricd001", "tanam001").value()),
              ToJson(MakeBaseballMatchup(only, "BOS", "NYA", "pricd001", "tanam001").value()));
    // Shrinkage: every team's batting rates lie between its raw rates and the league's.
    for (const auto& [code, team] : all.teams) {
        EXPECT_GT(team.batting_pa, 3000.0) << code;
        for (std::size_t i = 0; i < team.batting.size(); ++i) {
            EXPECT_LE(std::abs(team.batting[i] - all.league[i]), 0.05) << code << " " << i;
        }
    }
    EXPECT_EQ(all.starters.at("pricd001").name, "David Price");
    EXPECT_GT(all.starters.at("pricd001").starts, 30);
    const auto model = MakeBaseballMatchup(all, "COL", "LAN", "", "kersc001");
    ASSERT_TRUE(model.ok()) << model.status().message();
    EXPECT_EQ(model->away.pitching.starter, "Clayton Kershaw");
    EXPECT_GT(model->park_factor, 1.1);
    // Kershaw strikes out more and walks fewer than the Dodgers' staff.
    EXPECT_GT(model->away.pitching.starter_rates[0], model->away.pitching.bullpen_rates[0]);
    EXPECT_LT(model->away.pitching.starter_rates[2], model->away.pitching.bullpen_rates[2]);
    EXPECT_FALSE(MakeBaseballMatchup(all, "XXX", "LAN").ok());
    EXPECT_FALSE(FitBaseball(AllGames(), std::chrono::year(2014) / 3 / 1).ok());
    BaseballFitOptions bad;
    bad.half_life_days = 0.0;
    const auto refused = FitBaseball(AllGames(), date, bad);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.status().message().find("options.half_life_days"), std::string::npos);
    EXPECT_FALSE(all.assumptions.empty());
}

TEST(BaseballData, NoticeMatchesTheDataFile) {
    if (!HaveData()) {
        GTEST_SKIP() << "no ../shared/data";
    }
    std::ifstream in(DataDir() + "/baseball/retrosheet/NOTICE");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(text, RetrosheetNotice());
}

//! Every number of `a` within 1e-9 of the same field of `b`, every other value equal.
void ExpectJsonNear(const nlohmann::json& a, const nlohmann::json& b, const std::string& path) {
    if (a.is_object()) {
        ASSERT_TRUE(b.is_object()) << path;
        ASSERT_EQ(a.size(), b.size()) << path;
        for (const auto& [key, value] : a.items()) {
            ASSERT_TRUE(b.contains(key)) << path << "." << key;
            ExpectJsonNear(value, b.at(key), path + "." + key);
        }
    } else if (a.is_number()) {
        EXPECT_NEAR(a.get<double>(), b.get<double>(), 1e-9) << path;
    } else {
        EXPECT_EQ(a, b) << path;
    }
}

// The committed fitted matchup (models/params/mlb) reads back, is what the fit gives today, and ships with the
// Retrosheet notice.
TEST(BaseballFit, CommittedMatchupFile) {
    const std::string dir = SIMBOOK_PARAMS_DIR;
    std::ifstream in(dir + "/BOS-NYA-20180508.json");
    ASSERT_TRUE(in) << dir;
    const auto model = BaseballModelFromJson(nlohmann::json::parse(in));
    ASSERT_TRUE(model.ok()) << model.status().message();
    EXPECT_EQ(model->home.pitching.starter, "Luis Severino");
    std::ifstream notice_file(dir + "/NOTICE");
    const std::string notice((std::istreambuf_iterator<char>(notice_file)), std::istreambuf_iterator<char>());
    EXPECT_EQ(notice, RetrosheetNotice());
    if (!HaveData()) {
        GTEST_SKIP() << "no ../shared/data";
    }
    const FittedBaseball fit = FitBaseball(AllGames(), std::chrono::year(2018) / 5 / 8).value();
    const BaseballModel again = MakeBaseballMatchup(fit, "NYA", "BOS", "sevel001", "pomed001", "NYC21").value();
    ExpectJsonNear(ToJson(*model), ToJson(again), "");
    EXPECT_NEAR(model->park_factor, again.park_factor, 1e-12);
    EXPECT_NEAR(model->running.out_advance, again.running.out_advance, 1e-9);
}

} // namespace
} // namespace simbook::models
