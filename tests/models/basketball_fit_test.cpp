#include "models/basketball_fit.hpp"

#include "engine/exact.hpp"
#include "engine/game_state.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace simbook::models {
namespace {

namespace kb = kernels::basketball;

std::string DataDir() {
    if (const char* env = std::getenv("SIMBOOK_DATA"); env != nullptr && *env != '\0') {
        return env;
    }
    return SIMBOOK_TEST_DATA_DIR;
}

bool HaveData() {
    return std::filesystem::exists(std::filesystem::path(DataDir()) / "basketball/player-stats");
}

//! Every ordered pair of fitted teams priced exactly once: the league figures the tests check.
struct LeagueRun {
    FittedLeague league;
    struct Game {
        std::string home, away;
        double mean[2] = {0, 0}; //!< expected points
        double margin_mean = 0, margin_var = 0, neutral_margin_mean = 0;
        double home_var = 0, total_var = 0; //!< variance of the home score and of the total
        double type_points[2][3] = {};      //!< expected points from twos, threes, free throws
        bool has_neutral = false;
        BasketballModel model;
    };
    std::vector<Game> games;
};

//! Points per chance from twos, threes and free throws, as the kernel's quantised thresholds give them.
std::array<double, 3> TypePoints(const kb::BasketballTeamParams& team) {
    const auto p = ChanceProbabilities(team);
    using C = kb::Chance;
    auto at = [&](C c) { return p[static_cast<std::size_t>(c)]; };
    return {2.0 * at(C::kTwoMade), 3.0 * at(C::kThreeMade), at(C::kFreeThrowsOne) + 2.0 * at(C::kFreeThrowsTwo)};
}

const FittedLeague& Fitted();

//! Expected points of player `index` of `team`, averaged over a home and an away game against every other team:
//! the team's expected regulation points (pace * points per possession) split by shot type with the kernel's
//! quantised chance probabilities, times the player's slice of that type's shooter table.
double ProjectedPoints(const FittedLeague& league, const std::string& team, std::size_t index) {
    double points = 0;
    int games = 0;
    for (const auto& [opponent, unused] : league.teams) {
        if (opponent == team) {
            continue;
        }
        for (int side = 0; side < 2; ++side) {
            const BasketballModel m =
                side == 0 ? MakeMatchup(league, team, opponent).value() : MakeMatchup(league, opponent, team).value();
            const TeamModel& own = side == 0 ? m.home : m.away;
            const kb::BasketballTeamParams p = MakeBasketballParams(m).value().team[side];
            const auto tp = TypePoints(p);
            const double team_points = own.pace * ExpectedPointsPerPossession(own);
            for (int k = 0; k < 3; ++k) {
                const double below = index == 0 ? 0.0 : p.shooter[k][index - 1];
                const double share = (p.shooter[k][index] - below) / 65536.0;
                points += team_points * tp[static_cast<std::size_t>(k)] / (tp[0] + tp[1] + tp[2]) * share;
            }
            ++games;
        }
    }
    return points / games;
}

//! The fitted league (about 0.1 s), shared by the tests of one process.
const FittedLeague& Fitted() {
    static const FittedLeague league = [] {
        Result<FittedLeague> fitted = FitBasketballTeams(DataDir());
        SIMBOOK_REQUIRE(fitted.ok(), fitted.status().message());
        return std::move(fitted).value();
    }();
    return league;
}

//! A balanced sample of games priced exactly (each ExactBasketball call takes ~0.3 s, so not all 870 pairs):
//! team i hosts teams i+1 and i+15 (mod 30), so every team plays twice at home and twice away.
const LeagueRun& PricedLeague() {
    static const LeagueRun run = [] {
        LeagueRun r;
        r.league = Fitted();
        std::vector<std::string> codes;
        for (const auto& [code, team] : r.league.teams) {
            codes.push_back(code);
        }
        const auto tip_off = engine::BasketballTipOff();
        for (std::size_t i = 0; i < codes.size(); ++i) {
            for (const std::size_t offset : {1u, 15u}) {
                LeagueRun::Game g;
                g.home = codes[i];
                g.away = codes[(i + offset) % codes.size()];
                g.model = MakeMatchup(r.league, g.home, g.away).value();
                const auto params = MakeBasketballParams(g.model).value();
                const engine::ScoreDistribution d = engine::ExactBasketball(params, tip_off);
                double m1 = 0, m2 = 0, h2 = 0, t1 = 0, t2 = 0;
                for (std::size_t x = 0; x < d.dim(); ++x) {
                    for (std::size_t y = 0; y < d.dim(); ++y) {
                        const double p = d.At(x, y);
                        const double margin = static_cast<double>(x) - static_cast<double>(y);
                        g.mean[0] += p * static_cast<double>(x);
                        g.mean[1] += p * static_cast<double>(y);
                        m1 += p * margin;
                        m2 += p * margin * margin;
                        h2 += p * static_cast<double>(x * x);
                        t1 += p * static_cast<double>(x + y);
                        t2 += p * static_cast<double>((x + y) * (x + y));
                    }
                }
                g.home_var = h2 - g.mean[0] * g.mean[0];
                g.total_var = t2 - t1 * t1;
                g.margin_mean = m1;
                g.margin_var = m2 - m1 * m1;
                if (i % 3 == 0) { // the home advantage is checked on a third of the games
                    const auto neutral = MakeBasketballParams(MakeMatchup(r.league, g.home, g.away, 0.0).value());
                    const auto mean = engine::ExactBasketball(neutral.value(), tip_off).MeanScore();
                    g.neutral_margin_mean = mean[0] - mean[1];
                    g.has_neutral = true;
                }
                r.games.push_back(std::move(g));
            }
        }
        return r;
    }();
    return run;
}

class BasketballFitTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (!HaveData()) {
            GTEST_SKIP() << "no basketball data under " << DataDir() << " (set SIMBOOK_DATA)";
        }
    }
};

// Basketball-Reference, NBA league averages 2023-24 (per team per game, overtime included): 114.2 points. The
// fit anchors only FGA per game (88.9); points follow from the fitted shooting, free-throw and turnover rates.
void LeaguePoints(const LeagueRun& run) {
    ASSERT_EQ(run.games.size(), 60u);
    double points = 0;
    for (const auto& g : run.games) {
        points += 0.5 * (g.mean[0] + g.mean[1]);
    }
    points /= static_cast<double>(run.games.size());
    std::printf("league points per team per game %.2f (2023-24: 114.2)\n", points);
    EXPECT_NEAR(points, 114.2, 3.0);
    EXPECT_NEAR(run.league.league.points_per_game, 114.2 * 240.0 / 241.5, 3.0); // regulation only
}

// Reference: NBA games 2014-10 to 2024-06 (13,183 games, sport12x.com "Mathematical statistics of points, NBA"):
// margin SD 14.33, one team's points SD 12.76, total SD 21.15, mean home margin +2.32; and the SD of the margin
// around the point spread is near 12 (W. Winston, waynewinston.com/wordpress/p_2333), so team strength spreads
// expected margins by about sqrt(14.33^2 - 12^2) = 7.8 points.
// The fit controls the spread of team strength and each team's scoring level; both are checked against those
// figures. The game-to-game noise of the margin is the kernel's: independent possessions give ~16.4 points;
// the lead pull (leads regress, the two scores correlate) brings it to the real residual sd, checked here.
void MarginSpread(const LeagueRun& run) {
    double within = 0, mean = 0, mean2 = 0, home_var = 0, total_var = 0;
    for (const auto& g : run.games) {
        within += g.margin_var;
        mean += g.margin_mean;
        mean2 += g.margin_mean * g.margin_mean;
        home_var += g.home_var;
        total_var += g.total_var;
    }
    const double n = static_cast<double>(run.games.size());
    const double between = mean2 / n - (mean / n) * (mean / n);
    const double sd = std::sqrt(within / n + between);
    std::printf("margin sd %.2f (within-game %.2f, expected-margin sd %.2f), team points sd %.2f, total sd %.2f\n", sd,
                std::sqrt(within / n), std::sqrt(between), std::sqrt(home_var / n), std::sqrt(total_var / n));
    EXPECT_NEAR(std::sqrt(between), 7.8, 2.0);
    EXPECT_NEAR(std::sqrt(home_var / n), 12.76, 1.5);
    // Calibration: the within-game margin sd must stay within 1 point of the real residual sd of 2023-24 final
    // margins about the model's walk-forward predictions (14.81, `simbook evaluate --sport basketball --from
    // 20240301`); independent possessions (lead_pull 0) gave 16.4.
    EXPECT_NEAR(std::sqrt(within / n), 14.81, 1.0);
    EXPECT_LE(sd, 20.0);
}

// The default home advantage is 2.5 points; the exact DP must show it (overtime included) within 0.3 points.
void HomeAdvantage(const LeagueRun& run) {
    double gained = 0;
    int games = 0;
    for (const auto& g : run.games) {
        if (g.has_neutral) {
            gained += g.margin_mean - g.neutral_margin_mean;
            ++games;
        }
    }
    EXPECT_GT(games, 10);
    std::printf("home advantage measured %.3f points over %d games\n", gained / games, games);
    EXPECT_NEAR(gained / games, run.league.home_advantage_points, 0.3);
    double home_margin = 0;
    for (const auto& g : run.games) {
        home_margin += g.margin_mean;
    }
    // Each team is home and away equally often, so the sample's average home margin is the home advantage.
    EXPECT_NEAR(home_margin / static_cast<double>(run.games.size()), run.league.home_advantage_points, 0.5);
}

// One test for every check on the exact prices: each process that runs it spends ~25 s in ExactBasketball.
TEST_F(BasketballFitTest, ExactPricesMatchThe2023To24Season) {
    const LeagueRun& run = PricedLeague();
    LeaguePoints(run);
    MarginSpread(run);
    HomeAdvantage(run);
}

// Team strength from offence and defence: Boston (64-18) must rate best, and the model's five weakest teams must
// all come from the 2023-24 bottom eight (DET 14-68, WAS 15-67, CHO 21-61, POR 21-61, SAS 22-60, TOR 25-57,
// MEM 27-55, UTA 31-51; BRK 32-50 allowed as ninth).
TEST_F(BasketballFitTest, TeamStrengthOrdersLikeThe2023To24Standings) {
    const FittedLeague& league = Fitted();
    std::vector<std::pair<double, std::string>> strength;
    for (const auto& [home, h] : league.teams) {
        double margin = 0;
        for (const auto& [away, a] : league.teams) {
            if (home == away) {
                continue;
            }
            for (const auto& [x, y] : {std::pair{home, away}, std::pair{away, home}}) {
                const BasketballModel m = MakeMatchup(league, x, y, 0.0).value();
                const double d =
                    m.home.pace * (ExpectedPointsPerPossession(m.home) - ExpectedPointsPerPossession(m.away));
                margin += x == home ? d : -d;
            }
        }
        strength.emplace_back(margin / (2.0 * static_cast<double>(league.teams.size() - 1)), home);
    }
    std::sort(strength.rbegin(), strength.rend());
    for (const auto& [m, code] : strength) {
        std::printf("%s %+.2f  ", code.c_str(), m);
    }
    std::printf("\n");
    EXPECT_EQ(strength.front().second, "BOS");
    const std::set<std::string> bottom = {"DET", "WAS", "CHO", "POR", "SAS", "TOR", "MEM", "UTA", "BRK"};
    for (std::size_t i = strength.size() - 5; i < strength.size(); ++i) {
        EXPECT_TRUE(bottom.count(strength[i].second)) << strength[i].second << " rated among the weakest five";
    }
}

TEST_F(BasketballFitTest, TeamsArePlausible) {
    const FittedLeague& league = Fitted();
    ASSERT_EQ(league.teams.size(), 30u);
    for (const auto& [code, t] : league.teams) {
        SCOPED_TRACE(code);
        double minutes = 0;
        for (const PlayerModel& p : t.offense.players) {
            minutes += p.minutes;
        }
        EXPECT_NEAR(minutes, 240.0, 0.2);
        EXPECT_GE(t.offense.players.size(), 10u);
        EXPECT_LE(t.offense.players.size(), 16u);
        EXPECT_EQ(t.roster.size(), t.offense.players.size());
        EXPECT_GT(t.offense.pace, 94.0);
        EXPECT_LT(t.offense.pace, 106.0);
        EXPECT_GT(t.offense.turnover_rate, 0.08);
        EXPECT_LT(t.offense.turnover_rate, 0.15);
        EXPECT_GT(t.offense.three_rate, 0.30);
        EXPECT_LT(t.offense.three_rate, 0.50);
        EXPECT_GT(t.offense.two_pct, 0.48);
        EXPECT_LT(t.offense.two_pct, 0.60);
        EXPECT_GT(t.offense.three_pct, 0.32);
        EXPECT_LT(t.offense.three_pct, 0.41);
        EXPECT_GT(t.offense.ft_pct, 0.70);
        EXPECT_LT(t.offense.ft_pct, 0.86);
        EXPECT_GT(t.offense.off_rebound_pct, 0.18);
        EXPECT_LT(t.offense.off_rebound_pct, 0.34);
        EXPECT_GT(t.offense.assist_rate, 0.50);
        EXPECT_LT(t.offense.assist_rate, 0.72);
    }
    // Basketball-Reference 2023-24 league averages: 3P% .366, FT% .784, FTA 21.7 and TOV 12.6 per game.
    const LeagueAverages& lg = league.league;
    std::printf("league: pace %.2f tov %.4f 3PAr %.4f trip %.4f 2P %.4f 3P %.4f FT %.4f ORB %.4f AST %.4f eFG %.4f "
                "FGA %.2f FTA %.2f TOV %.2f pts(reg) %.2f\n",
                lg.team.pace, lg.team.turnover_rate, lg.team.three_rate, lg.team.ft_trip_rate, lg.team.two_pct,
                lg.team.three_pct, lg.team.ft_pct, lg.team.off_rebound_pct, lg.team.assist_rate, lg.efg,
                lg.fga_per_game, lg.fta_per_game, lg.tov_per_game, lg.points_per_game);
    EXPECT_NEAR(lg.team.three_pct, 0.366, 0.01);
    EXPECT_NEAR(lg.team.ft_pct, 0.784, 0.015);
    EXPECT_NEAR(lg.fta_per_game * 241.5 / 240.0, 21.7, 1.5);
    EXPECT_NEAR(lg.tov_per_game * 241.5 / 240.0, 12.6, 1.5);
}

// Projected points per game of the 2023-24 scoring leaders against their Basketball-Reference averages (points
// per game played). The kernel gives every shooter his team's make rates, so efficient scorers come out low (Embiid,
// TS% .644 on a .58 team, by ~4.7): the projection's tolerance is 5 points. The fit's own per-player estimate from
// the game lines (TS% and the team's possession scale) must land within 2 points of the real averages.
TEST_F(BasketballFitTest, ScoringLeadersProjectNearTheirAverages) {
    const FittedLeague& league = Fitted();
    const std::vector<std::tuple<std::string, std::string, double>> leaders = {
        {"PHI", "Joel Embiid", 34.7},           {"DAL", "Luka Dončić", 33.9},
        {"MIL", "Giannis Antetokounmpo", 30.4}, {"OKC", "Shai Gilgeous-Alexander", 30.1},
        {"NYK", "Jalen Brunson", 28.7},         {"PHO", "Kevin Durant", 27.1},
        {"PHO", "Devin Booker", 27.1},          {"BOS", "Jayson Tatum", 26.9},
        {"CLE", "Donovan Mitchell", 26.6},      {"SAC", "De'Aaron Fox", 26.6}};
    for (const auto& [team, name, actual] : leaders) {
        SCOPED_TRACE(name);
        const FittedTeam& t = league.teams.at(team);
        std::size_t index = t.offense.players.size();
        for (std::size_t j = 0; j < t.offense.players.size(); ++j) {
            if (t.offense.players[j].name == name) {
                index = j;
            }
        }
        ASSERT_LT(index, t.offense.players.size()) << "not on the fitted roster";
        const double points = ProjectedPoints(league, team, index);
        std::printf("%-26s projected %.1f, game-line estimate %.1f, actual %.1f\n", name.c_str(), points,
                    t.roster[index].points_per_game, actual);
        EXPECT_NEAR(points, actual, 5.0);
        EXPECT_NEAR(t.roster[index].points_per_game, actual, 2.0);
    }
}

// The walk-forward's first days: a fit from the first two weeks' game lines (the shooting table still spans the
// season) fits every team with a plausible pace. Before the pace scale compared the table with the game lines over
// the table's own span, any fit before 2024-03-01 failed with a team pace over 140.
TEST_F(BasketballFitTest, EarlySeasonFitHasPlausiblePaces) {
    BasketballFitOptions options;
    options.last_regular_season_day = "20231110";
    const Result<FittedLeague> early = FitBasketballTeams(DataDir(), options);
    ASSERT_TRUE(early.ok()) << early.status().message();
    EXPECT_EQ(early.value().teams.size(), 30u);
    for (const auto& [code, t] : early.value().teams) {
        EXPECT_GT(t.offense.pace, 90.0) << code;
        EXPECT_LT(t.offense.pace, 110.0) << code;
    }
}

TEST_F(BasketballFitTest, MatchupsRoundTripThroughJson) {
    const FittedLeague& league = Fitted();
    Result<FittedLeague> back = FittedLeagueFromJson(ToJson(league));
    ASSERT_TRUE(back.ok()) << back.status().message();
    const BasketballModel a = MakeMatchup(league, "BOS", "DEN").value();
    const BasketballModel b = MakeMatchup(back.value(), "BOS", "DEN").value();
    EXPECT_EQ(ToJson(a), ToJson(b));
    Result<BasketballModel> read = BasketballModelFromJson(ToJson(a));
    ASSERT_TRUE(read.ok()) << read.status().message();
    EXPECT_EQ(read.value().home.players.size(), a.home.players.size());
    const auto unknown = MakeMatchup(league, "BOS", "SEA");
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.status().message().find("'SEA'"), std::string::npos);
    EXPECT_FALSE(MakeMatchup(league, "BOS", "BOS").ok());
}

//! ExpectedRegulationMargin as first written: every step sweeps and clears the whole grid.
double FullGridRegulationMargin(const BasketballModel& model) {
    const kb::BasketballParams params = MakeBasketballParams(model).value();
    std::array<std::array<std::array<double, 4>, kb::kLeadRows>, 2> pmf{};
    for (int team = 0; team < 2; ++team) {
        for (int row = 0; row < kb::kLeadRows; ++row) {
            const auto q = ChanceProbabilities(params.team[team], row);
            using C = kb::Chance;
            auto at = [&q](C c) { return q[static_cast<std::size_t>(c)]; };
            const double scale = 1.0 / (1.0 - at(C::kTwoMissOffReb) - at(C::kThreeMissOffReb));
            pmf[team][row] = {0.0, at(C::kFreeThrowsOne) * scale, (at(C::kTwoMade) + at(C::kFreeThrowsTwo)) * scale,
                              at(C::kThreeMade) * scale};
        }
    }
    const int n = static_cast<int>(std::lround(0.5 * (model.home.pace + model.away.pace)));
    const int radius = 6 * n + 3;
    double mean = 0.0;
    for (int start = 0; start < 2; ++start) {
        std::vector<double> g(static_cast<std::size_t>(2 * radius + 1), 0.0), next;
        g[static_cast<std::size_t>(radius)] = 1.0;
        for (int k = 0; k < 2 * n; ++k) {
            const int team = start ^ (k & 1);
            next.assign(g.size(), 0.0);
            for (int i = 0; i < 2 * radius + 1; ++i) {
                if (g[static_cast<std::size_t>(i)] < 1e-16) {
                    continue;
                }
                const int margin = i - radius;
                const auto& p = pmf[team][kb::LeadRow(team == 0 ? margin : -margin)];
                for (int x = 1; x < 4; ++x) {
                    const int to = i + (team == 0 ? x : -x);
                    if (to >= 0 && to <= 2 * radius) {
                        next[static_cast<std::size_t>(to)] += g[static_cast<std::size_t>(i)] * p[x];
                    }
                }
                next[static_cast<std::size_t>(i)] += g[static_cast<std::size_t>(i)] * (1.0 - p[1] - p[2] - p[3]);
            }
            g.swap(next);
        }
        for (int i = 0; i < 2 * radius + 1; ++i) {
            mean += 0.5 * (i - radius) * g[static_cast<std::size_t>(i)];
        }
    }
    return mean;
}

// The banded sweep of ExpectedRegulationMargin (MakeMatchup's lead-pull shift) gives the full sweep's sums bit
// for bit, for strong and weak teams, a lopsided pairing and a strong pull (leads far from zero).
TEST(BasketballMatchup, BandedMarginEqualsTheFullGridBitForBit) {
    const Result<FittedLeague> league = LoadFittedLeague(std::string(SIMBOOK_TEST_PARAMS_DIR) + "/2023-24.json");
    ASSERT_TRUE(league.ok()) << league.status().message();
    for (const auto& [home, away] : {std::pair{"BOS", "DAL"}, std::pair{"DET", "BOS"}, std::pair{"SAS", "OKC"}}) {
        BasketballModel m = MakeMatchup(league.value(), home, away).value();
        for (const double pull : {m.lead_pull, 0.0, 0.02}) {
            m.lead_pull = pull;
            const double banded = ExpectedRegulationMargin(m), full = FullGridRegulationMargin(m);
            EXPECT_EQ(banded, full) << home << "-" << away << " pull " << pull;
        }
    }
}

// MakeMatchup keeps its lead-pull shifts per (model, target): a repeat gives the same bits, and a change of anything
// the shift depends on (the pull, the home advantage) is solved again, never served the shift of another input.
TEST(BasketballMatchup, KeptShiftsAreExactAndNeverStale) {
    const Result<FittedLeague> league = LoadFittedLeague(std::string(SIMBOOK_TEST_PARAMS_DIR) + "/2023-24.json");
    ASSERT_TRUE(league.ok()) << league.status().message();
    FittedLeague other_pull = league.value();
    other_pull.lead_pull = 0.012;
    const BasketballModel first = MakeMatchup(league.value(), "BOS", "DAL").value();
    const BasketballModel pulled = MakeMatchup(other_pull, "BOS", "DAL").value();
    const BasketballModel advantage = MakeMatchup(league.value(), "BOS", "DAL", 6.0).value();
    const BasketballModel again = MakeMatchup(league.value(), "BOS", "DAL").value();
    EXPECT_EQ(ToJson(first).dump(), ToJson(again).dump());
    EXPECT_NE(first.home.two_pct, pulled.home.two_pct);
    EXPECT_NE(first.home.two_pct, advantage.home.two_pct);
    // Each still meets its own target: a stronger pull needs a wider shift for the same expected margin.
    EXPECT_GT(pulled.home.two_pct - pulled.away.two_pct, first.home.two_pct - first.away.two_pct);
    EXPECT_GT(ExpectedRegulationMargin(advantage), ExpectedRegulationMargin(first) + 3.0);
}

// Every field of a league file is read with its type checked: a wrong type is refused with its path, never thrown.
TEST(BasketballMatchup, LeagueFieldsOfTheWrongTypeAreRefused) {
    const Result<FittedLeague> league = LoadFittedLeague(std::string(SIMBOOK_TEST_PARAMS_DIR) + "/2023-24.json");
    ASSERT_TRUE(league.ok()) << league.status().message();
    const nlohmann::json good = ToJson(league.value());
    const std::string team = good["teams"].begin().key();
    const std::vector<std::pair<nlohmann::json::json_pointer, nlohmann::json>> edits{
        {nlohmann::json::json_pointer("/season"), 2024},
        {nlohmann::json::json_pointer("/source"), nlohmann::json::array()},
        {nlohmann::json::json_pointer("/assumptions"), "one"},
        {nlohmann::json::json_pointer("/league/points_per_game"), "many"},
        {nlohmann::json::json_pointer("/teams/" + team + "/model/name"), 7},
        {nlohmann::json::json_pointer("/teams/" + team + "/roster/0"), "a player"},
        {nlohmann::json::json_pointer("/teams/" + team + "/roster/0/games"), "82"},
        {nlohmann::json::json_pointer("/teams/" + team + "/roster/0/name"), false},
    };
    for (const auto& [pointer, value] : edits) {
        nlohmann::json bad = good;
        bad[pointer] = value;
        const Result<FittedLeague> read = FittedLeagueFromJson(bad);
        EXPECT_FALSE(read.ok()) << pointer.to_string();
    }
}

// LoadFittedLeague keeps the last file it read by its bytes: the same file again gives the same league, an edited file
// is read afresh.
TEST(BasketballMatchup, AnEditedLeagueFileIsReadAfresh) {
    const Result<FittedLeague> league = LoadFittedLeague(std::string(SIMBOOK_TEST_PARAMS_DIR) + "/2023-24.json");
    ASSERT_TRUE(league.ok()) << league.status().message();
    const std::filesystem::path file = std::filesystem::temp_directory_path() / "simbook_edited_league_test.json";
    nlohmann::json json = ToJson(league.value());
    for (const double pace_sd : {4.5, 5.5}) {
        json["pace_sd"] = pace_sd;
        std::ofstream(file) << json.dump();
        for (int repeat = 0; repeat < 2; ++repeat) {
            const Result<FittedLeague> read = LoadFittedLeague(file.string());
            ASSERT_TRUE(read.ok()) << read.status().message();
            EXPECT_EQ(read.value().pace_sd, pace_sd);
        }
    }
    std::ofstream(file) << "{";
    EXPECT_FALSE(LoadFittedLeague(file.string()).ok());
    std::filesystem::remove(file);
}

// The committed files are what WriteFittedTeams produces now (regenerate them when the fit changes).
TEST_F(BasketballFitTest, CommittedParamsAreCurrent) {
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "simbook_basketball_fit_test";
    std::filesystem::remove_all(dir);
    ASSERT_TRUE(WriteFittedTeams(DataDir(), dir.string()).ok());
    for (const char* name : {"2023-24.json", "BOS-DAL.json"}) {
        SCOPED_TRACE(name);
        std::ifstream fresh(dir / name);
        std::ifstream committed(std::filesystem::path(SIMBOOK_TEST_PARAMS_DIR) / name);
        ASSERT_TRUE(committed.good()) << "missing in models/params/nba";
        EXPECT_EQ(nlohmann::json::parse(fresh), nlohmann::json::parse(committed));
    }
    Result<FittedLeague> loaded = LoadFittedLeague((dir / "2023-24.json").string());
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    std::ifstream matchup(dir / "BOS-DAL.json");
    EXPECT_TRUE(BasketballModelFromJson(nlohmann::json::parse(matchup)).ok());
    std::filesystem::remove_all(dir);
}

//! A data folder with the three files, the game lines replaced by `game_lines`.
std::filesystem::path FakeData(const std::string& game_lines, bool with_game_lines = true) {
    // One folder per test: CTest runs these tests in parallel processes.
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() /
        ("simbook_basketball_bad_data_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "basketball/player-stats");
    if (with_game_lines) {
        std::ofstream(dir / "basketball/player-stats/NBA_2023-2024_advanced_by_game.csv") << game_lines;
    }
    return dir;
}

constexpr const char* kHeader = "Game Reference,Team,Period,Starter,Player Name,Player Reference,MP,TS%,eFG%,3PAr%,FTr,"
                                "ORB%,DRB%,TRB%,AST%,STL%,BLK%,TOV%,USG%,ORtg,DRtg,BPM,Reason\n";

TEST(BasketballFitBadInput, MissingFileIsNamed) {
    const auto dir = FakeData("", false);
    const auto r = FitBasketballTeams(dir.string());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("NBA_2023-2024_advanced_by_game.csv"), std::string::npos)
        << r.status().message();
    std::filesystem::remove_all(dir);
}

TEST(BasketballFitBadInput, MalformedNumberNamesFileLineAndColumn) {
    std::string text = kHeader;
    text.append("202310240DEN,DEN,game,True,Nikola Jokic,jokicni01,36:10,0.6,0.6,,0.2,10,20,15,40,1,1,10,30,120,110,"
                "5,\n");
    text.append(
        "202310240DEN,DEN,game,True,Jamal Murray,murraja01,33:00,abc,0.5,,0.2,5,10,7,25,1,1,10,25,110,112,1,\n");
    const auto dir = FakeData(text);
    const auto r = FitBasketballTeams(dir.string());
    ASSERT_FALSE(r.ok());
    const std::string m = r.status().message();
    EXPECT_NE(m.find("NBA_2023-2024_advanced_by_game.csv:3"), std::string::npos) << m;
    EXPECT_NE(m.find("TS%"), std::string::npos) << m;
    EXPECT_NE(m.find("'abc'"), std::string::npos) << m;
    std::filesystem::remove_all(dir);
}

TEST(BasketballFitBadInput, WrongFieldCountAndBadMinutesAreNamed) {
    std::string text = kHeader;
    text.append("202310240DEN,DEN,game,True,Nikola Jokic,jokicni01,36:10,0.6\n");
    auto dir = FakeData(text);
    auto r = FitBasketballTeams(dir.string());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("advanced_by_game.csv:2: expected 23"), std::string::npos)
        << r.status().message();
    text = kHeader;
    text.append(
        "202310240DEN,DEN,game,True,Nikola Jokic,jokicni01,36m,0.6,0.6,,0.2,10,20,15,40,1,1,10,30,120,110,5,\n");
    dir = FakeData(text);
    r = FitBasketballTeams(dir.string());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("advanced_by_game.csv:2: column 'MP'"), std::string::npos)
        << r.status().message();
    std::filesystem::remove_all(dir);
}

// Final scores rebuilt from the player game lines match published box scores and the league's scoring level.
TEST(NbaGameResults, RebuiltScoresMatchBoxScores) {
    const std::string dir = DataDir();
    if (!std::filesystem::exists(dir + "/basketball/player-stats/NBA_2023-2024_advanced_by_game.csv")) {
        GTEST_SKIP() << "no basketball data under " << dir << " (set SIMBOOK_DATA)";
    }
    const auto games = ReconstructNbaGames(dir);
    ASSERT_TRUE(games.ok()) << games.status().message();
    double points = 0.0;
    int regular = 0;
    bool finals_game_1 = false, finals_game_5 = false;
    for (const auto& g : games.value()) {
        if (g.day <= "20240414") {
            points += g.home_points + g.away_points;
            regular += 2;
        }
        // 2024 Finals: game 1 BOS 107 DAL 89, game 5 BOS 106 DAL 88 (Basketball-Reference box scores).
        finals_game_1 |= g.day == "20240606" && g.home == "BOS" && g.home_points == 107 && g.away_points == 89;
        finals_game_5 |= g.day == "20240617" && g.home == "BOS" && g.home_points == 106 && g.away_points == 88;
    }
    EXPECT_TRUE(finals_game_1);
    EXPECT_TRUE(finals_game_5);
    EXPECT_GT(regular / 2, 1200);
    EXPECT_NEAR(points / regular, 114.2, 0.2); // 2023-24 league average points per team per game
}

} // namespace
} // namespace simbook::models
