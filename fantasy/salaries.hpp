//! Contest sites' classic NBA rules (roster slots, salary cap, team rules) and their salary exports.
#pragma once

#include "fantasy/scoring.hpp"
#include "kernels/core/result.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace simbook::fantasy {

//! Position bits: PG 1, SG 2, SF 4, PF 8, C 16.
inline constexpr std::uint32_t kPG = 1, kSG = 2, kSF = 4, kPF = 8, kC = 16;
//! Positions as "PG/SG".
std::string PositionsText(std::uint32_t positions);
//! "PG/SG" -> bits; 0 for an unknown position.
std::uint32_t ParsePositions(const std::string& text);

//! One roster slot and the positions that may fill it.
struct RosterSlot {
    std::string name;       //!< "PG", "G", "UTIL", ...
    std::uint32_t eligible; //!< position bits
};

//! A site's classic NBA contest.
struct SiteRules {
    std::string site;              //!< "draftkings" or "fanduel"
    std::vector<RosterSlot> slots; //!< in the site's lineup order
    int salary_cap = 0;            //!< dollars
    int max_per_team = 0;          //!< the site's own limit (0 = none)
    int min_games = 0;             //!< players from at least this many games (0 = no rule)
    int min_teams = 0;             //!< players from at least this many teams (0 = no rule)
    Scoring scoring;
};

//! DraftKings NBA classic: PG, SG, SF, PF, C, G, F, UTIL; cap 50,000; players from at least 2 games.
SiteRules DraftKingsNba();
//! FanDuel NBA classic: PG, PG, SG, SG, SF, SF, PF, PF, C; cap 60,000; at most 4 per team, at least 3 teams.
SiteRules FanDuelNba();
//! "draftkings" or "fanduel"; the error names "field".
Result<SiteRules> SiteFromName(const std::string& name, const std::string& field);

//! One player of a salary file.
struct SalaryRow {
    std::string id;
    std::string name;
    std::string team;          //!< fitted league code (site codes such as BKN, PHX, GS are mapped)
    std::uint32_t positions{}; //!< position bits
    int salary = 0;            //!< dollars
    int line = 0;              //!< 1-based line of the file (0 when from JSON)
};

//! Basketball-Reference code of a site's team code: BKN->BRK, PHX->PHO, CHA->CHO, GS->GSW, NO->NOP, NY->NYK,
//! SA->SAS, others unchanged.
std::string FittedTeamCode(const std::string& site_code);

//! Parses a salary export: DraftKings ("Position,Name + ID,Name,ID,Roster Position,Salary,Game Info,
//! TeamAbbrev,...") or FanDuel ("Id,Position,First Name,Nickname,Last Name,FPPG,Played,Salary,Game,Team,...").
//! The columns are found by header name; fields may be quoted. Errors name "field line N: column".
Result<std::vector<SalaryRow>> ParseSalariesCsv(const std::string& text, const std::string& field);

//! Reads [{"id"?, "name", "team", "positions": "PG/SG" or ["PG","SG"], "salary"}, ...]; errors name
//! "field[i].key".
Result<std::vector<SalaryRow>> SalariesFromJson(const nlohmann::json& json, const std::string& field);

} // namespace simbook::fantasy
