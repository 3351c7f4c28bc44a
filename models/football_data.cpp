#include "models/football_data.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace simbook::models {
namespace {

//! The one nickname map. A row applies in seasons first..last (0: any).
struct Alias {
    std::string_view nickname;
    std::string_view franchise;
    int first = 0;
    int last = 0;
};

// Franchise names as the scrape mostly writes them; relocated teams keep one name (Rams: St. Louis to 2015, Los
// Angeles from 2016; Chargers: San Diego to 2016; Raiders: Oakland). "LosAngeles" appears only in 2016, when the
// Rams were the only Los Angeles team. "NewYork" appears once, 2013-11-10 at Oakland: the Giants won 24-20 (the
// Jets had their bye that week).
constexpr std::array kAliases = {
    Alias{"49ers", "49ers"},
    Alias{"Fortyniners", "49ers"},
    Alias{"Bears", "Bears"},
    Alias{"Bengals", "Bengals"},
    Alias{"Bills", "Bills"},
    Alias{"BuffaloBills", "Bills"},
    Alias{"Broncos", "Broncos"},
    Alias{"Browns", "Browns"},
    Alias{"Buccaneers", "Buccaneers"},
    Alias{"Cardinals", "Cardinals"},
    Alias{"Chargers", "Chargers"},
    Alias{"SanDiego", "Chargers"},
    Alias{"Chiefs", "Chiefs"},
    Alias{"Colts", "Colts"},
    Alias{"Commanders", "Commanders"},
    Alias{"Cowboys", "Cowboys"},
    Alias{"Dolphins", "Dolphins"},
    Alias{"Eagles", "Eagles"},
    Alias{"Falcons", "Falcons"},
    Alias{"Giants", "Giants"},
    Alias{"NewYork", "Giants", 2013, 2013},
    Alias{"Jaguars", "Jaguars"},
    Alias{"Jets", "Jets"},
    Alias{"Lions", "Lions"},
    Alias{"Packers", "Packers"},
    Alias{"Panthers", "Panthers"},
    Alias{"Patriots", "Patriots"},
    Alias{"Raiders", "Raiders"},
    Alias{"Oakland", "Raiders"},
    Alias{"Rams", "Rams"},
    Alias{"St.Louis", "Rams"},
    Alias{"LosAngeles", "Rams", 2016, 2016},
    Alias{"Ravens", "Ravens"},
    Alias{"Saints", "Saints"},
    Alias{"Seahawks", "Seahawks"},
    Alias{"Steelers", "Steelers"},
    Alias{"Texans", "Texans"},
    Alias{"Titans", "Titans"},
    Alias{"Vikings", "Vikings"},
};

constexpr int kColumns = 25;

std::vector<std::string> SplitCsv(const std::string& line) {
    std::vector<std::string> fields;
    std::string field;
    std::istringstream in(line);
    while (std::getline(in, field, ',')) {
        fields.push_back(field);
    }
    if (!line.empty() && line.back() == ',') {
        fields.emplace_back();
    }
    return fields;
}

bool ParseInt(const std::string& s, int* out) {
    if (s.empty()) {
        return false;
    }
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
    return ec == std::errc() && ptr == s.data() + s.size();
}

bool ParseDouble(const std::string& s, double* out) {
    try {
        std::size_t used = 0;
        *out = std::stod(s, &used);
        return used == s.size();
    } catch (const std::exception&) {
        return false;
    }
}

} // namespace

std::optional<std::string> FootballFranchise(std::string_view nickname, int season) {
    for (const Alias& a : kAliases) {
        if (a.nickname == nickname && (a.first == 0 || (season >= a.first && season <= a.last))) {
            return std::string(a.franchise);
        }
    }
    return std::nullopt;
}

std::vector<std::string> FootballFranchises() {
    std::set<std::string> names;
    for (const Alias& a : kAliases) {
        names.emplace(a.franchise);
    }
    return {names.begin(), names.end()};
}

int FootballGame::HomeOvertime() const {
    return home_points - (home_quarters[0] + home_quarters[1] + home_quarters[2] + home_quarters[3]);
}

int FootballGame::AwayOvertime() const {
    return away_points - (away_quarters[0] + away_quarters[1] + away_quarters[2] + away_quarters[3]);
}

double AmericanToDecimal(int american) {
    if (american == 0) {
        return 0.0;
    }
    return american > 0 ? 1.0 + american / 100.0 : 1.0 + 100.0 / -american;
}

Result<std::vector<FootballGame>> LoadFootballGames(const std::string& data_dir, FootballLoadReport* report) {
    const std::string path = data_dir + "/football/sbr-odds/nfl_2011_2018.csv";
    std::ifstream in(path);
    if (!in) {
        return Status{StatusCode::kNotFound, path + ": cannot open"};
    }
    FootballLoadReport counts;
    std::vector<FootballGame> games;
    std::map<int, std::chrono::sys_days> season_start;
    std::string line;
    std::getline(in, line); // header
    for (int line_no = 2; std::getline(in, line); ++line_no) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.empty()) {
            continue;
        }
        ++counts.rows;
        const std::vector<std::string> f = SplitCsv(line);
        const std::string where = path + ":" + std::to_string(line_no);
        if (f.size() != kColumns) {
            return InvalidArgument(where, std::to_string(f.size()) + " fields, expected 25");
        }
        FootballGame g;
        int ymd = 0;
        int ints[12];
        if (!ParseInt(f[0], &g.season) || !ParseInt(f[1], &ymd)) {
            return InvalidArgument(where, "season or date is not a number");
        }
        for (int k = 0; k < 12; ++k) {
            double value = 0.0;
            if (!ParseDouble(f[4 + k], &value) || value != std::floor(value)) {
                return InvalidArgument(where,
                                       "field " + std::to_string(5 + k) + " '" + f[4 + k] + "' is not an integer");
            }
            ints[k] = static_cast<int>(value);
        }
        const auto home = FootballFranchise(f[2], g.season);
        const auto away = FootballFranchise(f[3], g.season);
        if (!home || !away) {
            ++counts.dropped_teams;
            continue;
        }
        g.home = *home;
        g.away = *away;
        g.date = std::chrono::sys_days{std::chrono::year(ymd / 10000) / std::chrono::month(unsigned(ymd / 100 % 100)) /
                                       std::chrono::day(unsigned(ymd % 100))};
        for (int q = 0; q < 4; ++q) {
            g.home_quarters[q] = ints[2 * q];
            g.away_quarters[q] = ints[2 * q + 1];
        }
        g.home_points = ints[8];
        g.away_points = ints[9];
        g.home_moneyline = ints[10];
        g.away_moneyline = ints[11];
        double spread = 0.0;
        double total = 0.0;
        if (!ParseDouble(f[18], &spread) || !ParseDouble(f[24], &total)) {
            return InvalidArgument(where, "closing spread or total is not a number");
        }
        g.has_moneyline =
            g.home_moneyline != 0 && g.away_moneyline != 0 && !(g.home_moneyline < 0 && g.away_moneyline < 0);
        counts.bad_moneyline += g.has_moneyline ? 0 : 1;
        g.has_spread = std::abs(spread) <= 25.0;
        counts.bad_spread += g.has_spread ? 0 : 1;
        g.home_spread = spread;
        if (g.has_spread && g.has_moneyline && spread != 0.0) {
            // The moneyline names the favourite where the two disagree (the data README).
            const bool ml_home_favoured = AmericanToDecimal(g.home_moneyline) < AmericanToDecimal(g.away_moneyline);
            if (ml_home_favoured != (spread < 0.0)) {
                g.home_spread = -spread;
                ++counts.flipped_spread;
            }
        }
        g.has_total = total > 25.0 && total < 70.0;
        counts.bad_total += g.has_total ? 0 : 1;
        g.total = total;
        auto [it, inserted] = season_start.emplace(g.season, g.date);
        g.week = int((g.date - it->second).count() / 7) + 1;
        g.playoff = g.week >= 18;
        games.push_back(std::move(g));
    }
    if (report != nullptr) {
        *report = counts;
    }
    return games;
}

std::string_view FootballDataNotice() {
    return "NFL closing lines and scores: sportsbookreviewsonline.com archives via "
           "github.com/FinnedAI/sportsbookreview-scraper (MIT licence; see football/sbr-odds/LICENSE).";
}

} // namespace simbook::models
