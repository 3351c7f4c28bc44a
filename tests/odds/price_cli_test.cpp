// Runs the built `simbook` binary (path in SIMBOOK_BINARY) and checks the price/devig CLI contract.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace {

struct CliRun {
    int exit_code = -1;
    std::string out;
};

//! Runs `simbook args`; out is stdout, or stderr alone when stderr_only.
CliRun Simbook(const std::string& args, bool stderr_only = false) {
    const std::string command =
        std::string("'") + SIMBOOK_BINARY + "' " + args + (stderr_only ? " 2>&1 >/dev/null" : " 2>/dev/null");
    CliRun run;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) {
        return run;
    }
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
        run.out.append(buffer.data(), n);
    }
    const int status = pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

TEST(PriceCliTest, SoccerJsonContract) {
    const CliRun run =
        Simbook("price --sport soccer --home-xg 1.45 --away-xg 1.15 --markets h2h,totals:2.5,spreads:-0.75,btts "
                "--margin 0.05 --method shin --odds-format american --sims 200000 --seed 7 --json");
    ASSERT_EQ(run.exit_code, 0) << run.out;
    const auto json = nlohmann::json::parse(run.out);
    EXPECT_EQ(json["sims"], 200000);
    ASSERT_EQ(json["markets"].size(), 4u);
    const std::array<const char*, 4> keys = {"h2h", "totals:2.5", "spreads:-0.75", "btts"};
    for (std::size_t i = 0; i < 4; ++i) {
        const auto& m = json["markets"][i];
        EXPECT_EQ(m["market"], keys[i]);
        EXPECT_NEAR(m["overround"].get<double>(), 0.05, 1e-6) << keys[i];
        double sum = 0.0, implied = 0.0;
        for (const auto& o : m["outcomes"]) {
            sum += o["probability"].get<double>();
            EXPECT_GT(o["std_error"].get<double>(), 0.0);
            EXPECT_LT(o["std_error"].get<double>(), 0.002);
            const std::string price = o["price"].get<std::string>();
            EXPECT_TRUE(price[0] == '+' || price[0] == '-') << price;
            implied += 1.0 / o["decimal"].get<double>();
        }
        EXPECT_NEAR(sum, 1.0, 1e-9) << keys[i];
        EXPECT_NEAR(implied, 1.05, 1e-6) << keys[i];
    }
    EXPECT_EQ(json["markets"][0]["outcomes"].size(), 3u);
    EXPECT_TRUE(json["markets"][2]["outcomes"][0].contains("settlement")); // quarter line: half wins
    // Same seed, same output.
    EXPECT_EQ(Simbook("price --sport soccer --home-xg 1.45 --away-xg 1.15 --markets h2h,totals:2.5,spreads:-0.75,btts "
                      "--margin 0.05 --method shin --odds-format american --sims 200000 --seed 7 --json")
                  .out,
              run.out);
}

TEST(PriceCliTest, BasketballMarketsPropsPeriodsAndParlays) {
    const CliRun run =
        Simbook("price --sport basketball --markets \"h2h,spreads:-3.5,totals:225.5,q1:h2h,"
                "player_points:Jayson Tatum:24.5,player_pra:Nikola Jokic:44.5..46.5,"
                "sgp:h2h=home+team_totals:home:115.5=over\" --sims 20000 --seed 3 --json --ladder betfair");
    ASSERT_EQ(run.exit_code, 0) << run.out;
    const auto json = nlohmann::json::parse(run.out);
    ASSERT_EQ(json["markets"].size(), 9u);
    EXPECT_EQ(json["markets"][0]["outcomes"].size(), 2u); // moneyline: overtime included
    EXPECT_EQ(json["markets"][3]["outcomes"].size(), 3u); // a quarter can be tied
    EXPECT_EQ(json["markets"][4]["market"], "player_points:Jayson Tatum:24.5");
    const auto& parlay = json["markets"][8]["parlay"];
    EXPECT_GT(parlay["correlation_excess"].get<double>(), 4.0 * parlay["correlation_excess_std_error"].get<double>());
}

TEST(PriceCliTest, DevigShinReference) {
    const CliRun run = Simbook("devig --odds 2.6,2.4,4.3 --method shin --json");
    ASSERT_EQ(run.exit_code, 0);
    const auto json = nlohmann::json::parse(run.out);
    EXPECT_NEAR(json["probabilities"][0].get<double>(), 0.3729941, 5e-8);
    EXPECT_NEAR(json["probabilities"][1].get<double>(), 0.4047794, 5e-8);
    EXPECT_NEAR(json["probabilities"][2].get<double>(), 0.2222265, 5e-8);
    EXPECT_EQ(json["parameter"]["name"], "z");
    EXPECT_NEAR(json["parameter"]["value"].get<double>(), 0.01694251, 5e-9);
    const auto two = nlohmann::json::parse(Simbook("devig --odds 1.5,2.74 --method shin --json").out);
    EXPECT_NEAR(two["probabilities"][0].get<double>(), 0.6508515815, 1e-9);
    EXPECT_NEAR(two["parameter"]["value"].get<double>(), 0.0317272854, 1e-9);
}

// Bad input: a non-zero exit and one line on stderr that names the bad value.
TEST(PriceCliTest, RefusesBadInputWithOneLineNamingTheValue) {
    const std::string soccer = "price --sport soccer --sims 1000 ";
    const std::array<std::pair<std::string, std::string>, 9> cases = {{
        {soccer + "--markets totals:-1", "-1"},
        {soccer + "--markets moneyball", "moneyball"},
        {soccer + "--markets h2h --method fancy", "fancy"},
        {soccer + "--markets h2h --margin 0.5", "0.5"},
        {soccer + "--markets h2h --margin -0.1", "-0.1"},
        {soccer + "--markets h2h --odds-format roman", "roman"},
        {"price --sport basketball --sims 1000 --markets \"player_points:Nobody:10.5\"", "Nobody"},
        {"devig --odds 0.9,2.0", "0.9"},
        {"devig --odds 2.6,2.4,4.3 --method magic", "magic"},
    }};
    for (const auto& [args, needle] : cases) {
        const CliRun run = Simbook(args, true);
        EXPECT_NE(run.exit_code, 0) << args;
        EXPECT_NE(run.out.find(needle), std::string::npos) << args << " -> " << run.out;
        ASSERT_FALSE(run.out.empty()) << args;
        EXPECT_EQ(run.out.find('\n'), run.out.size() - 1) << args << " -> " << run.out;
    }
}

} // namespace
