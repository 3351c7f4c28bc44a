// The lineup optimizer against an independent brute force and an independent rule checker.
#include "fantasy/optimizer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <random>
#include <set>

namespace simbook::fantasy {
namespace {

// A random pool: teams T0..T{teams-1}, games pair consecutive teams.
std::vector<PoolPlayer> RandomPool(int n, int teams, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> pos(0, 4), salary(30, 110), coin(0, 2);
    std::normal_distribution<double> noise(0.0, 4.0);
    std::vector<PoolPlayer> pool;
    for (int i = 0; i < n; ++i) {
        PoolPlayer p;
        p.id = std::string("id").append(std::to_string(i));
        p.name = std::string("Player ").append(std::to_string(i));
        const int t = i % teams;
        p.team = std::string("T").append(std::to_string(t));
        p.game = std::string("G").append(std::to_string(t / 2));
        const int a = pos(rng);
        p.positions = 1u << a;
        if (coin(rng) == 0 && a < 4) {
            p.positions |= 1u << (a + 1);
        }
        p.salary = salary(rng) * 100;
        p.mean = std::max(0.0, p.salary / 200.0 + noise(rng));
        p.path_row = i;
        pool.push_back(p);
    }
    // Every position at least twice so that small pools have lineups.
    for (int k = 0; k < 10; ++k) {
        pool[k].positions |= 1u << (k % 5);
    }
    return pool;
}

// Independent slot check: DP over slots with the set of used players (no matching code shared).
bool FitsSlots(const SiteRules& site, const std::vector<PoolPlayer>& pool, const std::vector<int>& chosen) {
    const int r = static_cast<int>(site.slots.size());
    if (static_cast<int>(chosen.size()) != r) {
        return false;
    }
    std::vector<char> reach(1u << r, 0);
    reach[0] = 1;
    for (unsigned mask = 0; mask < reach.size(); ++mask) {
        if (!reach[mask]) {
            continue;
        }
        const int s = __builtin_popcount(mask); // fill slots in order
        if (s == r) {
            continue;
        }
        for (int i = 0; i < r; ++i) {
            if (!(mask & (1u << i)) && (site.slots[s].eligible & pool[chosen[i]].positions)) {
                reach[mask | (1u << i)] = 1;
            }
        }
    }
    return reach.back() != 0;
}

// Every rule for one set of players, written independently of the optimizer.
bool Feasible(const SiteRules& site, const std::vector<PoolPlayer>& pool, const LineupRules& rules,
              const std::vector<int>& chosen) {
    long long salary = 0;
    std::map<std::string, int> teams, games;
    for (int p : chosen) {
        salary += pool[p].salary;
        ++teams[pool[p].team];
        ++games[pool[p].game];
        for (const std::string& e : rules.excludes) {
            if (pool[p].id == e) {
                return false;
            }
        }
    }
    if (salary > site.salary_cap) {
        return false;
    }
    for (const std::string& l : rules.locks) {
        if (std::none_of(chosen.begin(), chosen.end(), [&](int p) { return pool[p].id == l; })) {
            return false;
        }
    }
    for (const auto& [t, c] : teams) {
        if ((site.max_per_team && c > site.max_per_team) || (rules.max_per_team && c > rules.max_per_team)) {
            return false;
        }
    }
    if (static_cast<int>(games.size()) < site.min_games || static_cast<int>(teams.size()) < site.min_teams) {
        return false;
    }
    for (const TeamLimit& l : rules.team_limits) {
        const int c = teams.count(l.team) ? teams[l.team] : 0;
        if (c < l.min || c > l.max) {
            return false;
        }
    }
    for (const StackRule& s : rules.stacks) {
        bool ok = false;
        for (const auto& [k, c] : s.by_game ? games : teams) {
            ok = ok || (c >= s.size && (s.among.empty() || std::count(s.among.begin(), s.among.end(), k)));
        }
        if (!ok) {
            return false;
        }
    }
    return FitsSlots(site, pool, chosen);
}

// Best mean over all subsets of the roster size (-1 when none is feasible).
double BruteForceBest(const SiteRules& site, const std::vector<PoolPlayer>& pool, const LineupRules& rules) {
    const int r = static_cast<int>(site.slots.size());
    const int n = static_cast<int>(pool.size());
    double best = -1.0;
    std::vector<int> chosen;
    std::function<void(int, long long, double)> go = [&](int next, long long salary, double mean) {
        if (salary > site.salary_cap) {
            return;
        }
        if (static_cast<int>(chosen.size()) == r) {
            if (mean > best && Feasible(site, pool, rules, chosen)) {
                best = mean;
            }
            return;
        }
        for (int p = next; p <= n - (r - static_cast<int>(chosen.size())); ++p) {
            chosen.push_back(p);
            go(p + 1, salary + pool[p].salary, mean + pool[p].mean);
            chosen.pop_back();
        }
    };
    go(0, 0, 0.0);
    return best;
}

std::vector<int> Players(const Lineup& l) {
    std::vector<int> v = l.players;
    std::sort(v.begin(), v.end());
    return v;
}

struct Case {
    bool fanduel;
    unsigned seed;
    int variant; // 0 plain, 1 team rules and a stack, 2 a lock, an exclude and a game stack
};

class BruteForceTest : public ::testing::TestWithParam<Case> {};

LineupRules RulesFor(int variant) {
    LineupRules rules;
    if (variant == 1) {
        rules.max_per_team = 3;
        rules.stacks = {StackRule{false, 3, {}}};
        rules.team_limits = {TeamLimit{"T1", 1, 3}};
    } else if (variant == 2) {
        rules.locks = {"id3"};
        rules.excludes = {"id0"};
        rules.stacks = {StackRule{true, 5, {"G1"}}};
    }
    return rules;
}

TEST_P(BruteForceTest, MilpOptimumEqualsBruteForce) {
    const Case c = GetParam();
    const SiteRules site = c.fanduel ? FanDuelNba() : DraftKingsNba();
    const int n = c.fanduel ? 17 : 16;
    std::vector<PoolPlayer> pool = RandomPool(n, 4, c.seed);
    const LineupRules rules = RulesFor(c.variant);
    const double brute = BruteForceBest(site, pool, rules);
    auto result = OptimizeLineups(site, pool, rules, OptimizeOptions{});
    if (brute < 0.0) {
        EXPECT_FALSE(result.ok()) << "brute force finds no lineup but the MILP does";
        return;
    }
    ASSERT_TRUE(result.ok()) << result.status().message();
    ASSERT_EQ(result->lineups.size(), 1u);
    EXPECT_NEAR(result->lineups[0].mean, brute, 1e-6);
    EXPECT_TRUE(Feasible(site, pool, rules, Players(result->lineups[0])));
    EXPECT_EQ(CheckLineups(site, pool, rules, result->lineups), "");
}

std::vector<Case> Cases() {
    std::vector<Case> out;
    for (unsigned seed = 1; seed <= 4; ++seed) {
        for (int variant = 0; variant < 3; ++variant) {
            out.push_back({false, seed, variant});
            out.push_back({true, seed, variant});
        }
    }
    return out;
}
INSTANTIATE_TEST_SUITE_P(Pools, BruteForceTest, ::testing::ValuesIn(Cases()));

// Most generated pools must have lineups, or the comparison above would prove little.
TEST(BruteForceCoverageTest, MostCasesAreFeasible) {
    const SiteRules dk = DraftKingsNba(), fd = FanDuelNba();
    int feasible = 0;
    for (const Case& c : Cases()) {
        const LineupRules rules = RulesFor(c.variant);
        feasible += BruteForceBest(c.fanduel ? fd : dk, RandomPool(c.fanduel ? 17 : 16, 4, c.seed), rules) >= 0.0;
    }
    EXPECT_GE(feasible, 18) << "of " << Cases().size();
}

// N lineups: each one obeys every rule, exposure and uniqueness hold across them, and lineup k is the best
// lineup that differs enough from lineups 1..k-1 (checked for the first two by brute force on a small pool).
TEST(OptimizerTest, ManyLineupsSatisfyEveryRule) {
    const SiteRules site = DraftKingsNba();
    const std::vector<PoolPlayer> pool = RandomPool(48, 8, 11);
    LineupRules rules;
    rules.lineups = 20;
    rules.max_exposure = 0.4;
    rules.min_different = 3;
    rules.locks = {"id5"};
    rules.excludes = {"id7", "id8"};
    rules.max_per_team = 3;
    rules.stacks = {StackRule{true, 4, {}}};
    auto result = OptimizeLineups(site, pool, rules, OptimizeOptions{});
    ASSERT_TRUE(result.ok()) << result.status().message();
    ASSERT_EQ(result->lineups.size(), 20u);
    std::map<int, int> used;
    for (std::size_t i = 0; i < result->lineups.size(); ++i) {
        const Lineup& l = result->lineups[i];
        EXPECT_TRUE(Feasible(site, pool, rules, Players(l))) << "lineup " << i;
        for (std::size_t s = 0; s < l.players.size(); ++s) {
            EXPECT_TRUE(site.slots[s].eligible & pool[l.players[s]].positions) << "slot " << site.slots[s].name;
            ++used[l.players[s]];
        }
        for (std::size_t j = 0; j < i; ++j) {
            std::vector<int> a = Players(l), b = Players(result->lineups[j]), common;
            std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
            EXPECT_GE(8 - static_cast<int>(common.size()), 3) << "lineups " << j << " and " << i;
        }
        if (i > 0) {
            EXPECT_LE(l.mean, result->lineups[i - 1].mean + 1e-9);
        }
    }
    for (const auto& [p, count] : used) {
        if (pool[p].id == "id5") {
            EXPECT_EQ(count, 20);
        } else {
            EXPECT_LE(count, 8) << pool[p].name; // floor(0.4 * 20)
        }
    }
    EXPECT_EQ(CheckLineups(site, pool, rules, result->lineups), "");
}

TEST(OptimizerTest, SecondLineupIsTheBestDifferentOne) {
    const SiteRules site = DraftKingsNba();
    std::vector<PoolPlayer> pool = RandomPool(15, 4, 5);
    LineupRules rules;
    rules.lineups = 2;
    rules.min_different = 2;
    auto result = OptimizeLineups(site, pool, rules, OptimizeOptions{});
    ASSERT_TRUE(result.ok()) << result.status().message();
    ASSERT_EQ(result->lineups.size(), 2u);
    const std::vector<int> first = Players(result->lineups[0]);
    // Brute force of the second: best feasible set sharing at most 6 players with the first.
    double best = -1.0;
    const int n = static_cast<int>(pool.size());
    for (unsigned mask = 0; mask < (1u << n); ++mask) {
        if (__builtin_popcount(mask) != 8) {
            continue;
        }
        std::vector<int> chosen;
        double mean = 0.0;
        int common = 0;
        for (int p = 0; p < n; ++p) {
            if (mask & (1u << p)) {
                chosen.push_back(p);
                mean += pool[p].mean;
                common += std::count(first.begin(), first.end(), p) ? 1 : 0;
            }
        }
        if (common <= 6 && mean > best && Feasible(site, pool, rules, chosen)) {
            best = mean;
        }
    }
    EXPECT_NEAR(result->lineups[1].mean, best, 1e-6);
}

TEST(OptimizerTest, AnEmptyPoolIsRefusedNotAborted) {
    // GLPK aborts the process on a problem without columns (a lineup request whose salaries name no simulated
    // player): the optimizer refuses it first.
    const auto result = OptimizeLineups(DraftKingsNba(), {}, LineupRules{}, OptimizeOptions{});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(result.status().message().find("salaries"), std::string::npos) << result.status().message();
}

TEST(OptimizerTest, InfeasibleRequestsNameTheConflict) {
    const SiteRules site = DraftKingsNba();
    std::vector<PoolPlayer> pool = RandomPool(30, 6, 3);
    // The six most expensive players cost more than the cap.
    std::vector<int> order(pool.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = static_cast<int>(i);
    }
    std::sort(order.begin(), order.end(), [&](int a, int b) { return pool[a].salary > pool[b].salary; });
    for (int i = 0; i < 6; ++i) {
        pool[order[i]].salary = 9'000;
    }
    LineupRules rules;
    for (int i = 0; i < 6; ++i) {
        rules.locks.push_back(pool[order[i]].id);
    }
    auto r = OptimizeLineups(site, pool, rules, OptimizeOptions{});
    ASSERT_FALSE(r.ok());
    const std::string m = r.status().message();
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(m.find("locks"), std::string::npos) << m;
    EXPECT_NE(m.find("salary cap of 50,000"), std::string::npos) << m;
    EXPECT_NE(m.find(pool[order[0]].name), std::string::npos) << m;
    // Three centres cannot all fit DraftKings' slots (C and UTIL only).
    LineupRules centres;
    for (int i = 0; i < 3; ++i) {
        pool[i].positions = kC;
        pool[i].salary = 4'000;
        centres.locks.push_back(pool[i].id);
    }
    r = OptimizeLineups(site, pool, centres, OptimizeOptions{});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("cannot all fill"), std::string::npos) << r.status().message();
    // Locked and excluded, unknown lock.
    LineupRules both;
    both.locks = {"id9"};
    both.excludes = {"id9"};
    r = OptimizeLineups(site, pool, both, OptimizeOptions{});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("both locked and excluded"), std::string::npos);
    LineupRules unknown;
    unknown.locks = {"Nobody"};
    r = OptimizeLineups(site, pool, unknown, OptimizeOptions{});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("locks[0]"), std::string::npos);
    // A team stack larger than the per-team limit is named before any solving.
    LineupRules stack;
    stack.max_per_team = 2;
    stack.stacks = {StackRule{false, 3, {}}};
    r = OptimizeLineups(site, pool, stack, OptimizeOptions{});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().message().rfind("stacks[0].size", 0), 0u) << r.status().message();
    // No centre left: the solver finds no lineup and says which rules were involved.
    LineupRules no_centre;
    for (const PoolPlayer& p : pool) {
        if (p.positions & kC) {
            no_centre.excludes.push_back(p.id);
        }
    }
    r = OptimizeLineups(site, pool, no_centre, OptimizeOptions{});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("no lineup satisfies"), std::string::npos) << r.status().message();
}

TEST(OptimizerTest, TargetObjectiveBeatsOrMatchesTheMeanLineupOnThePaths) {
    const SiteRules site = DraftKingsNba();
    const std::vector<PoolPlayer> pool = RandomPool(40, 8, 21);
    // Paths: each player's points = mean + sd * (0.6 * game factor + 0.8 * own noise).
    const std::uint64_t paths = 4000;
    std::vector<float> data(pool.size() * paths);
    std::mt19937 rng(99);
    std::normal_distribution<double> z(0.0, 1.0);
    for (std::uint64_t k = 0; k < paths; ++k) {
        double game[4];
        for (double& g : game) {
            g = z(rng);
        }
        for (std::size_t p = 0; p < pool.size(); ++p) {
            const double sd = 0.35 * pool[p].mean;
            const int g = pool[p].game[1] - '0';
            data[p * paths + k] = static_cast<float>(pool[p].mean + sd * (0.6 * game[g] + 0.8 * z(rng)));
        }
    }
    // The path means differ from pool means by sampling noise; the optimizer uses the pool's means.
    const PathPoints pp{data.data(), paths};
    LineupRules rules;
    rules.lineups = 6;
    rules.max_exposure = 0.5;
    rules.min_different = 2;
    rules.locks = {"id5"};
    rules.max_per_team = 3;
    rules.stacks = {StackRule{true, 3, {}}};
    OptimizeOptions mean_opts;
    auto mean = OptimizeLineups(site, pool, rules, mean_opts);
    ASSERT_TRUE(mean.ok());
    const double target = mean->lineups[0].mean + 25.0;
    OptimizeOptions opts;
    opts.objective = Objective::kPTarget;
    opts.target = target;
    auto best = OptimizeLineups(site, pool, rules, opts, &pp);
    ASSERT_TRUE(best.ok()) << best.status().message();
    ASSERT_EQ(best->lineups.size(), 6u);
    EXPECT_EQ(best->milps, 6 * opts.candidates);
    // Every rule holds after the MILPs and the swap search (independent checks as above).
    EXPECT_EQ(CheckLineups(site, pool, rules, best->lineups), "");
    std::map<int, int> used;
    for (std::size_t i = 0; i < best->lineups.size(); ++i) {
        EXPECT_TRUE(Feasible(site, pool, rules, Players(best->lineups[i])));
        for (int p : best->lineups[i].players) {
            ++used[p];
        }
        for (std::size_t j = 0; j < i; ++j) {
            std::vector<int> a = Players(best->lineups[i]), b = Players(best->lineups[j]), common;
            std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
            EXPECT_LE(common.size(), 6u);
        }
    }
    for (const auto& [p, count] : used) {
        EXPECT_LE(count, pool[p].id == "id5" ? 6 : 3) << pool[p].name;
    }
    // Reported probabilities are the paths' frequencies, recomputed here.
    for (const Lineup& l : best->lineups) {
        std::uint64_t hits = 0;
        for (std::uint64_t k = 0; k < paths; ++k) {
            double total = 0.0;
            for (int p : l.players) {
                total += data[p * paths + k];
            }
            hits += total >= target - 1e-9;
        }
        EXPECT_DOUBLE_EQ(l.p_target, static_cast<double>(hits) / paths);
    }
    // The mean optimum is one of the first lineup's candidates, so the pick is at least as likely to hit.
    const double p_mean = TargetProbability(pool, mean->lineups[0].players, pp, target).first;
    EXPECT_GE(best->lineups[0].p_target, p_mean);
    // p_target without a target or without paths is refused.
    opts.target = 0.0;
    EXPECT_FALSE(OptimizeLineups(site, pool, rules, opts, &pp).ok());
    opts.target = target;
    EXPECT_FALSE(OptimizeLineups(site, pool, rules, opts, nullptr).ok());
}

} // namespace
} // namespace simbook::fantasy
