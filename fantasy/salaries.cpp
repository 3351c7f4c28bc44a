#include "fantasy/salaries.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <sstream>

namespace simbook::fantasy {

namespace {

constexpr const char* kPositionNames[5] = {"PG", "SG", "SF", "PF", "C"};

// Splits one CSV record (RFC 4180 quotes; no embedded newlines in these exports).
std::vector<std::string> SplitCsv(const std::string& line) {
    std::vector<std::string> out;
    std::string cur;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                cur += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cur += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            out.push_back(cur);
            cur.clear();
        } else if (c != '\r') {
            cur += c;
        }
    }
    out.push_back(cur);
    return out;
}

std::string Trim(std::string s) {
    const auto not_space = [](unsigned char c) { return !std::isspace(c); };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
    s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
    return s;
}

} // namespace

std::string PositionsText(std::uint32_t positions) {
    std::string out;
    for (int i = 0; i < 5; ++i) {
        if (positions & (1u << i)) {
            out.append(out.empty() ? "" : "/").append(kPositionNames[i]);
        }
    }
    return out;
}

std::uint32_t ParsePositions(const std::string& text) {
    std::uint32_t bits = 0;
    std::stringstream in(text);
    std::string part;
    while (std::getline(in, part, '/')) {
        part = Trim(part);
        bool known = false;
        for (int i = 0; i < 5; ++i) {
            if (part == kPositionNames[i]) {
                bits |= 1u << i;
                known = true;
            }
        }
        if (!known) {
            return 0;
        }
    }
    return bits;
}

SiteRules DraftKingsNba() {
    SiteRules r;
    r.site = "draftkings";
    r.slots = {{"PG", kPG}, {"SG", kSG},      {"SF", kSF},      {"PF", kPF},
               {"C", kC},   {"G", kPG | kSG}, {"F", kSF | kPF}, {"UTIL", kPG | kSG | kSF | kPF | kC}};
    r.salary_cap = 50'000;
    r.min_games = 2;
    r.scoring = DraftKingsScoring();
    return r;
}

SiteRules FanDuelNba() {
    SiteRules r;
    r.site = "fanduel";
    r.slots = {{"PG", kPG}, {"PG", kPG}, {"SG", kSG}, {"SG", kSG}, {"SF", kSF},
               {"SF", kSF}, {"PF", kPF}, {"PF", kPF}, {"C", kC}};
    r.salary_cap = 60'000;
    r.max_per_team = 4;
    r.min_teams = 3;
    r.scoring = FanDuelScoring();
    return r;
}

Result<SiteRules> SiteFromName(const std::string& name, const std::string& field) {
    if (name == "draftkings" || name == "dk") {
        return DraftKingsNba();
    }
    if (name == "fanduel" || name == "fd") {
        return FanDuelNba();
    }
    return InvalidArgument(field, "'" + name + "' is not draftkings or fanduel");
}

std::string FittedTeamCode(const std::string& site_code) {
    static const std::map<std::string, std::string> kMap = {
        {"BKN", "BRK"}, {"PHX", "PHO"}, {"CHA", "CHO"}, {"GS", "GSW"}, {"NO", "NOP"}, {"NY", "NYK"}, {"SA", "SAS"}};
    const auto it = kMap.find(site_code);
    return it == kMap.end() ? site_code : it->second;
}

Result<std::vector<SalaryRow>> ParseSalariesCsv(const std::string& text, const std::string& field) {
    std::stringstream in(text);
    std::string line;
    int line_no = 0;
    std::vector<std::string> header;
    while (header.empty() && std::getline(in, line)) {
        ++line_no;
        if (!Trim(line).empty()) {
            header = SplitCsv(line);
            if (!header.empty() && header[0].rfind("\xEF\xBB\xBF", 0) == 0) {
                header[0] = header[0].substr(3); // UTF-8 byte-order mark
            }
        }
    }
    const auto column = [&](const char* name) -> int {
        for (std::size_t i = 0; i < header.size(); ++i) {
            if (Trim(header[i]) == name) {
                return static_cast<int>(i);
            }
        }
        return -1;
    };
    // DraftKings: Name, ID, Position, Salary, TeamAbbrev. FanDuel: Nickname, Id, Position, Salary, Team.
    const bool draftkings = column("TeamAbbrev") >= 0;
    const int name_col = draftkings ? column("Name") : column("Nickname");
    const int id_col = draftkings ? column("ID") : column("Id");
    const int pos_col = column("Position");
    const int salary_col = column("Salary");
    const int team_col = draftkings ? column("TeamAbbrev") : column("Team");
    if (name_col < 0 || pos_col < 0 || salary_col < 0 || team_col < 0) {
        return InvalidArgument(field, "not a DraftKings (Name, Position, Salary, TeamAbbrev) or FanDuel (Nickname, "
                                      "Position, Salary, Team) salary export: header columns missing");
    }
    std::vector<SalaryRow> rows;
    while (std::getline(in, line)) {
        ++line_no;
        if (Trim(line).empty()) {
            continue;
        }
        const std::vector<std::string> cells = SplitCsv(line);
        const std::string where = field + " line " + std::to_string(line_no);
        const auto cell = [&](int col) {
            return col >= 0 && col < static_cast<int>(cells.size()) ? Trim(cells[col]) : "";
        };
        SalaryRow row;
        row.line = line_no;
        row.name = cell(name_col);
        row.id = id_col >= 0 ? cell(id_col) : row.name;
        row.team = FittedTeamCode(cell(team_col));
        if (row.name.empty()) {
            return InvalidArgument(where, "empty player name");
        }
        row.positions = ParsePositions(cell(pos_col));
        if (row.positions == 0) {
            return InvalidArgument(where + ": Position", "'" + cell(pos_col) + "' is not PG/SG/SF/PF/C");
        }
        try {
            std::size_t used = 0;
            const std::string s = cell(salary_col);
            row.salary = std::stoi(s, &used);
            if (used != s.size() || row.salary <= 0) {
                throw std::invalid_argument(s);
            }
        } catch (const std::exception&) {
            return InvalidArgument(where + ": Salary", "'" + cell(salary_col) + "' is not a positive whole number");
        }
        rows.push_back(std::move(row));
    }
    if (rows.empty()) {
        return InvalidArgument(field, "no players");
    }
    return rows;
}

Result<std::vector<SalaryRow>> SalariesFromJson(const nlohmann::json& json, const std::string& field) {
    if (!json.is_array() || json.empty()) {
        return InvalidArgument(field, "expected a non-empty array of {name, team, positions, salary}");
    }
    std::vector<SalaryRow> rows;
    for (std::size_t i = 0; i < json.size(); ++i) {
        const nlohmann::json& j = json[i];
        const std::string f = field + "[" + std::to_string(i) + "]";
        if (!j.is_object()) {
            return InvalidArgument(f, "expected an object");
        }
        SalaryRow row;
        for (const char* key : {"name", "team"}) {
            if (!j.contains(key) || !j[key].is_string() || j[key].get<std::string>().empty()) {
                return InvalidArgument(f + "." + key, "expected a non-empty string");
            }
        }
        row.name = j["name"].get<std::string>();
        row.team = FittedTeamCode(j["team"].get<std::string>());
        row.id = j.contains("id") ? (j["id"].is_string() ? j["id"].get<std::string>() : j["id"].dump()) : row.name;
        std::string positions;
        if (j.contains("positions") && j["positions"].is_string()) {
            positions = j["positions"].get<std::string>();
        } else if (j.contains("positions") && j["positions"].is_array()) {
            for (const nlohmann::json& p : j["positions"]) {
                positions.append(positions.empty() ? "" : "/").append(p.is_string() ? p.get<std::string>() : p.dump());
            }
        }
        row.positions = ParsePositions(positions);
        if (row.positions == 0) {
            return InvalidArgument(f + ".positions", "expected positions among PG, SG, SF, PF, C");
        }
        if (!j.contains("salary") || !j["salary"].is_number_integer() || j["salary"].get<long long>() <= 0 ||
            j["salary"].get<long long>() > 1'000'000) {
            return InvalidArgument(f + ".salary", "expected a positive whole number of dollars");
        }
        row.salary = static_cast<int>(j["salary"].get<long long>());
        rows.push_back(std::move(row));
    }
    return rows;
}

} // namespace simbook::fantasy
