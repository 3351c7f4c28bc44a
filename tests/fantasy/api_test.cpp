// The JSON entry points the API serves: shapes, rule checks on returned lineups, errors naming the field.
#include "fantasy/fantasy_api.hpp"
#include "fantasy/salaries.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace simbook::fantasy {
namespace {

std::string ReadFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

FantasyContext Context() {
    FantasyContext ctx;
    ctx.params_dir = std::string(SIMBOOK_SOURCE_FANTASY_DIR) + "/../../models/params";
    ctx.extra_rates_file = DefaultExtraRatesFile();
    ctx.default_sims = 1000;
    ctx.backend = kernels::Backend::kCpu;
    return ctx;
}

nlohmann::json Slate2() {
    return nlohmann::json::parse(ReadFile(DefaultFantasyDataDir() + "/slate-2.json"));
}

TEST(FantasyApiTest, ProjectionsShape) {
    nlohmann::json body{{"slate", Slate2()}, {"scoring", "fanduel"}, {"thresholds", {30, 45}}, {"sims", 800}};
    auto r = ProjectionsRequest(body, Context());
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ((*r)["sims"], 800);
    EXPECT_EQ((*r)["scoring"]["name"], "fanduel");
    ASSERT_GT((*r)["players"].size(), 40u);
    const nlohmann::json& top = (*r)["players"][0];
    for (const char* key : {"name", "team", "opponent", "game", "minutes", "usage", "mean", "median", "sd",
                            "percentiles", "p_reach", "stats", "double_double"}) {
        EXPECT_TRUE(top.contains(key)) << key;
    }
    EXPECT_EQ(top["p_reach"].size(), 2u);
    EXPECT_GE(top["mean"].get<double>(), (*r)["players"][1]["mean"].get<double>());
}

TEST(FantasyApiTest, ProjectionErrorsNameTheField) {
    const auto message = [](const nlohmann::json& body) {
        auto r = ProjectionsRequest(body, Context());
        return r.ok() ? std::string("ok") : r.status().message();
    };
    EXPECT_EQ(message({{"slate", Slate2()}, {"colour", 1}}).rfind("colour", 0), 0u);
    EXPECT_EQ(message(nlohmann::json::object()).rfind("slate", 0), 0u);
    EXPECT_EQ(message({{"slate", Slate2()}, {"sims", 5}}).rfind("sims", 0), 0u);
    EXPECT_EQ(message({{"slate", Slate2()}, {"scoring", {{"dunks", 2}}}}).rfind("scoring.dunks", 0), 0u);
    EXPECT_EQ(message({{"slate", {{"games", {{{"home", "BOS"}, {"away", "BOS"}}}}}}}).rfind("slate.games[0].away", 0),
              0u);
}

TEST(FantasyApiTest, LineupsObeyTheSiteRules) {
    for (const std::string site : {"draftkings", "fanduel"}) {
        const std::string file = site == "draftkings" ? "/DKSalaries-slate-2.csv" : "/FDSalaries-slate-2.csv";
        nlohmann::json body{{"slate", Slate2()},
                            {"site", site},
                            {"salaries_csv", ReadFile(DefaultFantasyDataDir() + file)},
                            {"lineups", 6},
                            {"max_exposure", 0.67},
                            {"min_different", 2},
                            {"excludes", {"Luka Dončić"}},
                            {"target", 250}};
        auto r = LineupsRequest(body, Context());
        ASSERT_TRUE(r.ok()) << r.status().message();
        const SiteRules rules = site == "draftkings" ? DraftKingsNba() : FanDuelNba();
        ASSERT_EQ((*r)["lineups"].size(), 6u);
        std::map<std::string, int> used;
        std::vector<std::set<std::string>> sets;
        for (const nlohmann::json& l : (*r)["lineups"]) {
            int salary = 0;
            std::set<std::string> ids;
            std::map<std::string, int> teams;
            ASSERT_EQ(l["players"].size(), rules.slots.size());
            for (std::size_t s = 0; s < rules.slots.size(); ++s) {
                const nlohmann::json& p = l["players"][s];
                EXPECT_EQ(p["slot"], rules.slots[s].name);
                EXPECT_TRUE(ParsePositions(p["positions"]) & rules.slots[s].eligible);
                EXPECT_NE(p["name"], "Luka Dončić");
                salary += p["salary"].get<int>();
                ids.insert(p["id"]);
                ++used[p["id"]];
                ++teams[p["team"]];
            }
            EXPECT_EQ(ids.size(), rules.slots.size());
            EXPECT_LE(salary, rules.salary_cap);
            EXPECT_EQ(salary, l["salary"].get<int>());
            if (rules.max_per_team > 0) {
                for (const auto& [t, c] : teams) {
                    EXPECT_LE(c, rules.max_per_team) << t;
                }
            }
            EXPECT_TRUE(l["p_target"].is_number());
            for (const auto& other : sets) {
                int common = 0;
                for (const std::string& id : ids) {
                    common += other.count(id) ? 1 : 0;
                }
                EXPECT_GE(static_cast<int>(ids.size()) - common, 2);
            }
            sets.push_back(ids);
        }
        for (const auto& [id, c] : used) {
            EXPECT_LE(c, 4) << id; // floor(0.67 * 6)
        }
    }
}

TEST(FantasyApiTest, LockedSalariesOverTheCapAreNamed) {
    auto rows = ParseSalariesCsv(ReadFile(DefaultFantasyDataDir() + "/DKSalaries-slate-2.csv"), "s");
    ASSERT_TRUE(rows.ok());
    std::sort(rows->begin(), rows->end(), [](const SalaryRow& a, const SalaryRow& b) { return a.salary > b.salary; });
    nlohmann::json locks = nlohmann::json::array();
    int total = 0;
    for (const SalaryRow& r : *rows) {
        if (total > 50'000) {
            break;
        }
        locks.push_back(r.name);
        total += r.salary;
    }
    ASSERT_LE(locks.size(), 8u);
    nlohmann::json body{{"slate", Slate2()},
                        {"site", "draftkings"},
                        {"salaries_csv", ReadFile(DefaultFantasyDataDir() + "/DKSalaries-slate-2.csv")},
                        {"locks", locks}};
    auto r = LineupsRequest(body, Context());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    const std::string m = r.status().message();
    EXPECT_EQ(m.rfind("locks:", 0), 0u) << m;
    EXPECT_NE(m.find("exceeds the salary cap of 50,000"), std::string::npos) << m;
    EXPECT_NE(m.find((*rows)[0].name), std::string::npos) << m;
    // A locked player ruled out by the slate's availability is named as such.
    nlohmann::json slate = Slate2();
    slate["availability"] = {{{"player", "Jayson Tatum"}, {"out", true}}};
    body["slate"] = slate;
    body["locks"] = {"Jayson Tatum"};
    r = LineupsRequest(body, Context());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("ruled out"), std::string::npos) << r.status().message();
    body.erase("locks");
    body["objective"] = "p_target";
    r = LineupsRequest(body, Context());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().message().rfind("target", 0), 0u) << r.status().message();
}

} // namespace
} // namespace simbook::fantasy
