#include "fantasy/fantasy_api.hpp"
#include "fantasy/salaries.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace simbook::fantasy {
namespace {

std::string ReadFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST(SalariesTest, DraftKingsDemoExport) {
    auto rows = ParseSalariesCsv(ReadFile(DefaultFantasyDataDir() + "/DKSalaries-slate-2.csv"), "salaries");
    ASSERT_TRUE(rows.ok()) << rows.status().message();
    EXPECT_EQ(rows->size(), 34u);
    EXPECT_EQ((*rows)[0].name, "Jayson Tatum");
    EXPECT_EQ((*rows)[0].team, "BOS");
    EXPECT_EQ((*rows)[0].id, "90000000");
    EXPECT_EQ((*rows)[0].line, 2);
    for (const SalaryRow& r : *rows) {
        EXPECT_GE(r.salary, 3000);
        EXPECT_NE(r.positions, 0u);
    }
}

TEST(SalariesTest, FanDuelExportMapsTeamCodes) {
    const std::string csv = "Id,Position,First Name,Nickname,Last Name,FPPG,Played,Salary,Game,Team,Opponent\n"
                            "1-1,PG/SG,Steph,\"Stephen Curry\",Curry,48.1,70,10500,GS@PHX,GS,PHX\n"
                            "1-2,C,Kevin,Kevin Durant,Durant,45,70,9800,GS@PHX,PHX,GS\n";
    auto rows = ParseSalariesCsv(csv, "salaries");
    ASSERT_TRUE(rows.ok()) << rows.status().message();
    ASSERT_EQ(rows->size(), 2u);
    EXPECT_EQ((*rows)[0].name, "Stephen Curry");
    EXPECT_EQ((*rows)[0].team, "GSW");
    EXPECT_EQ((*rows)[0].positions, kPG | kSG);
    EXPECT_EQ((*rows)[1].team, "PHO");
}

TEST(SalariesTest, ErrorsNameTheLineAndColumn) {
    const std::string csv = "Position,Name + ID,Name,ID,Roster Position,Salary,Game Info,TeamAbbrev\n"
                            "PG,A (1),A,1,PG/G/UTIL,5000,X@Y,BOS\n"
                            "PG,B (2),B,2,PG/G/UTIL,lots,X@Y,BOS\n";
    auto rows = ParseSalariesCsv(csv, "salaries_csv");
    ASSERT_FALSE(rows.ok());
    EXPECT_NE(rows.status().message().find("salaries_csv line 3: Salary"), std::string::npos)
        << rows.status().message();
    auto bad_pos = ParseSalariesCsv("Position,Name,Salary,TeamAbbrev\nQB,A,5000,BOS\n", "s");
    ASSERT_FALSE(bad_pos.ok());
    EXPECT_NE(bad_pos.status().message().find("Position"), std::string::npos);
    EXPECT_FALSE(ParseSalariesCsv("a,b,c\n1,2,3\n", "s").ok());
}

} // namespace
} // namespace simbook::fantasy
