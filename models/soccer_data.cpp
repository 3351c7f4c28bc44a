#include "models/soccer_data.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <tuple>

namespace simbook::models {
namespace {

constexpr SoccerLeague kLeagues[] = {
    {"premier-league", "england_premier-league.csv"},
    {"bundesliga", "germany_bundesliga.csv"},
    {"la-liga", "spain_primera.csv"},
    {"serie-a", "italy_serie-a.csv"},
    {"ligue-1", "france_league-1.csv"},
};

//! "file:line" for error messages.
std::string Where(const std::string& path, std::size_t line) {
    std::string where = path;
    where.append(":").append(std::to_string(line));
    return where;
}

std::string Quoted(std::string_view text) {
    std::string out = "'";
    out.append(text).append("'");
    return out;
}

//! Splits one CSV record (RFC 4180 quoting: "a, b" and "" for a quote inside quotes); nullopt when a
//! quote is left open.
std::optional<std::vector<std::string>> SplitCsv(std::string_view line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back().push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back().push_back(c);
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else {
            fields.back().push_back(c);
        }
    }
    if (quoted) {
        return std::nullopt;
    }
    return fields;
}

//! A CSV file read whole: header names and records, with their 1-based line numbers.
struct CsvFile {
    std::string path;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> lines;

    //! Column index of `name`, or an error naming the file and the missing column.
    Result<std::size_t> Column(std::string_view name) const {
        const auto it = std::find(header.begin(), header.end(), name);
        if (it == header.end()) {
            return InvalidArgument(Where(path, 1), "no column " + std::string(name) + " in the header");
        }
        return static_cast<std::size_t>(it - header.begin());
    }
};

Result<CsvFile> ReadCsv(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        return InvalidArgument(path, "cannot open the file (missing? see --data / SIMBOOK_DATA)");
    }
    CsvFile file;
    file.path = path;
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (number == 1 && line.starts_with("\xEF\xBB\xBF")) {
            line.erase(0, 3);
        }
        if (line.empty()) {
            continue;
        }
        auto fields = SplitCsv(line);
        if (!fields) {
            return InvalidArgument(Where(path, number), "unterminated quote in " + Quoted(line));
        }
        if (file.header.empty()) {
            file.header = std::move(*fields);
            continue;
        }
        if (fields->size() != file.header.size()) {
            return InvalidArgument(Where(path, number), std::to_string(fields->size()) +
                                                            " fields where the header has " +
                                                            std::to_string(file.header.size()));
        }
        file.rows.push_back(std::move(*fields));
        file.lines.push_back(number);
    }
    if (file.header.empty()) {
        return InvalidArgument(path, "empty file");
    }
    return file;
}

std::optional<int> ParseInt(std::string_view text) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
        return std::nullopt;
    }
    return value;
}

std::optional<double> ParseDouble(std::string_view text) {
    double value = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
        return std::nullopt;
    }
    return value;
}

//! A goal count in 0..99 from column `name` of a row, or an error naming file, line, column and value.
Result<int> Goals(const CsvFile& file, std::size_t row, std::size_t column, std::string_view name) {
    const std::string& text = file.rows[row][column];
    const auto value = ParseInt(text);
    if (!value || *value < 0 || *value > 99) {
        return InvalidArgument(Where(file.path, file.lines[row]),
                               std::string(name) + " " + Quoted(text) + " is not a goal count");
    }
    return *value;
}

} // namespace

std::string ResolveDataDir(const std::string& flag) {
    if (!flag.empty()) {
        return flag;
    }
    if (const char* env = std::getenv("SIMBOOK_DATA"); env != nullptr && *env != '\0') {
        return env;
    }
    // ../shared/data from where the user stands (the repository root), else beside this checkout.
    std::error_code error;
    return std::filesystem::is_directory("../shared/data", error) ? "../shared/data" : SIMBOOK_CHECKOUT_DATA_DIR;
}

std::span<const SoccerLeague> SoccerLeagues() {
    return kLeagues;
}

Result<SoccerLeague> FindSoccerLeague(std::string_view key) {
    std::string known;
    for (const SoccerLeague& league : kLeagues) {
        if (league.key == key) {
            return league;
        }
        known.append(known.empty() ? "" : ", ").append(league.key);
    }
    return InvalidArgument("league", Quoted(key) + " is not a known league (" + known + ")");
}

namespace {

//! A folder name that can be a league key: lower-case letters, digits and '-', not empty.
bool IsLeagueKey(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

} // namespace

std::vector<DataLeague> DataSoccerLeagues(const std::string& data_dir) {
    std::error_code error;
    const std::string results = data_dir + "/soccer/results";
    std::vector<DataLeague> out;
    for (const SoccerLeague& league : kLeagues) {
        if (std::filesystem::is_directory(results + "/" + std::string(league.key), error)) {
            out.push_back({std::string(league.key), std::string(league.odds_file)});
        }
    }
    std::vector<std::string> others;
    for (const auto& entry : std::filesystem::directory_iterator(results, error)) {
        const std::string name = entry.path().filename().string();
        const bool known = std::any_of(std::begin(kLeagues), std::end(kLeagues),
                                       [&](const SoccerLeague& league) { return league.key == name; });
        if (entry.is_directory(error) && !known && IsLeagueKey(name)) {
            others.push_back(name);
        }
    }
    std::sort(others.begin(), others.end());
    for (const std::string& key : others) {
        std::vector<std::string> odds;
        for (const auto& entry : std::filesystem::directory_iterator(data_dir + "/soccer/odds", error)) {
            const std::string name = entry.path().filename().string();
            if (name.ends_with("_" + key + ".csv")) {
                odds.push_back(name);
            }
        }
        out.push_back({key, odds.size() == 1 ? odds.front() : std::string()});
    }
    return out;
}

Result<DataLeague> FindDataSoccerLeague(const std::string& data_dir, std::string_view key) {
    std::string known;
    for (DataLeague& league : DataSoccerLeagues(data_dir)) {
        if (league.key == key) {
            return std::move(league);
        }
        known.append(known.empty() ? "" : ", ").append(league.key);
    }
    return InvalidArgument("league", Quoted(key) + " is not a league of " + data_dir + "/soccer/results (" +
                                         (known.empty() ? std::string("none there") : known) + ")");
}

Result<std::chrono::sys_days> ParseDate(std::string_view text) {
    using namespace std::chrono;
    const auto bad = [&] {
        return InvalidArgument("date", Quoted(text) + " is not YYYY-MM-DD, DD/MM/YYYY or DD/MM/YY");
    };
    int y = 0;
    int m = 0;
    int d = 0;
    if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
        const auto yy = ParseInt(text.substr(0, 4));
        const auto mm = ParseInt(text.substr(5, 2));
        const auto dd = ParseInt(text.substr(8, 2));
        if (!yy || !mm || !dd) {
            return bad();
        }
        y = *yy;
        m = *mm;
        d = *dd;
    } else if ((text.size() == 8 || text.size() == 10) && text[2] == '/' && text[5] == '/') {
        const auto dd = ParseInt(text.substr(0, 2));
        const auto mm = ParseInt(text.substr(3, 2));
        const auto yy = ParseInt(text.substr(6));
        if (!yy || !mm || !dd) {
            return bad();
        }
        y = text.size() == 10 ? *yy : (*yy < 50 ? 2000 + *yy : 1900 + *yy);
        m = *mm;
        d = *dd;
    } else {
        return bad();
    }
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) {
        return InvalidArgument("date", Quoted(text) + " is not a calendar date");
    }
    return sys_days{ymd};
}

std::string FormatDate(std::chrono::sys_days date) {
    const std::chrono::year_month_day ymd{date};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return text;
}

std::string SeasonLabel(int season) {
    char text[16];
    std::snprintf(text, sizeof text, "%d-%02d", season, (season + 1) % 100);
    return text;
}

Result<std::vector<SoccerMatch>> LoadSoccerResultsFile(const std::string& path, int season) {
    auto file = ReadCsv(path);
    if (!file.ok()) {
        return file.status();
    }
    std::array<std::size_t, 5> column{};
    constexpr std::array<std::string_view, 5> kRequired = {"Date", "HomeTeam", "AwayTeam", "FTHG", "FTAG"};
    for (std::size_t i = 0; i < kRequired.size(); ++i) {
        const auto index = file->Column(kRequired[i]);
        if (!index.ok()) {
            return index.status();
        }
        column[i] = *index;
    }
    const auto hthg = file->Column("HTHG");
    const auto htag = file->Column("HTAG");
    const auto hst = file->Column("HST");
    const auto ast = file->Column("AST");
    std::vector<SoccerMatch> matches;
    matches.reserve(file->rows.size());
    for (std::size_t r = 0; r < file->rows.size(); ++r) {
        const auto& row = file->rows[r];
        SoccerMatch match;
        match.season = season;
        const auto date = ParseDate(row[column[0]]);
        if (!date.ok()) {
            return InvalidArgument(Where(path, file->lines[r]), "Date: " + date.status().message());
        }
        match.date = *date;
        match.home = row[column[1]];
        match.away = row[column[2]];
        if (match.home.empty() || match.away.empty() || match.home == match.away) {
            return InvalidArgument(Where(path, file->lines[r]),
                                   "bad teams " + Quoted(match.home) + " v " + Quoted(match.away));
        }
        const auto home_goals = Goals(*file, r, column[3], "FTHG");
        const auto away_goals = Goals(*file, r, column[4], "FTAG");
        if (!home_goals.ok() || !away_goals.ok()) {
            return home_goals.ok() ? away_goals.status() : home_goals.status();
        }
        match.home_goals = *home_goals;
        match.away_goals = *away_goals;
        if (hthg.ok() && htag.ok() && !row[*hthg].empty() && !row[*htag].empty()) {
            const auto ht_home = Goals(*file, r, *hthg, "HTHG");
            const auto ht_away = Goals(*file, r, *htag, "HTAG");
            if (!ht_home.ok() || !ht_away.ok()) {
                return ht_home.ok() ? ht_away.status() : ht_home.status();
            }
            match.ht_home_goals = *ht_home;
            match.ht_away_goals = *ht_away;
        }
        if (hst.ok() && ast.ok() && !row[*hst].empty() && !row[*ast].empty()) {
            const auto home_shots = Goals(*file, r, *hst, "HST");
            const auto away_shots = Goals(*file, r, *ast, "AST");
            if (!home_shots.ok() || !away_shots.ok()) {
                return home_shots.ok() ? away_shots.status() : home_shots.status();
            }
            match.home_shots_on_target = *home_shots;
            match.away_shots_on_target = *away_shots;
        }
        matches.push_back(std::move(match));
    }
    return matches;
}

Result<std::vector<SoccerMatch>> LoadSoccerResults(const std::string& data_dir, std::string_view league,
                                                   int first_season, int last_season) {
    if (!IsLeagueKey(league)) {
        return InvalidArgument("league", Quoted(league) + " is not a league name (lower-case letters, digits, '-')");
    }
    std::string folder = data_dir;
    folder.append("/soccer/results/").append(league);
    std::error_code error;
    if (!std::filesystem::is_directory(folder, error)) {
        return InvalidArgument(folder, "no such folder (see --data / SIMBOOK_DATA)");
    }
    // Season files are named season-YYZZ.csv: YY >= 50 is 19YY, else 20YY.
    std::vector<std::pair<int, std::string>> seasons;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
        const std::string name = entry.path().filename().string();
        const auto yy = name.size() == 15 && name.starts_with("season-") && name.ends_with(".csv")
                            ? ParseInt(std::string_view(name).substr(7, 2))
                            : std::nullopt;
        const auto zz = yy ? ParseInt(std::string_view(name).substr(9, 2)) : std::nullopt;
        if (!yy || !zz || *zz != (*yy + 1) % 100) {
            continue;
        }
        const int season = *yy >= 50 ? 1900 + *yy : 2000 + *yy;
        if (season >= first_season && season <= last_season) {
            seasons.emplace_back(season, entry.path().string());
        }
    }
    std::sort(seasons.begin(), seasons.end());
    std::vector<SoccerMatch> matches;
    int files = 0;
    for (const auto& [season, path] : seasons) {
        auto season_matches = LoadSoccerResultsFile(path, season);
        if (!season_matches.ok()) {
            return season_matches.status();
        }
        ++files;
        for (SoccerMatch& match : *season_matches) {
            matches.push_back(std::move(match));
        }
    }
    if (files == 0) {
        return InvalidArgument(folder,
                               "no season files for " + SeasonLabel(first_season) + " to " + SeasonLabel(last_season));
    }
    std::stable_sort(matches.begin(), matches.end(),
                     [](const SoccerMatch& a, const SoccerMatch& b) { return a.date < b.date; });
    return matches;
}

Result<std::vector<SoccerOdds>> LoadSoccerOdds(const std::string& data_dir, std::string_view league) {
    std::string odds_file;
    if (const auto known = FindSoccerLeague(league); known.ok()) {
        odds_file = known->odds_file;
    } else {
        const auto found = FindDataSoccerLeague(data_dir, league);
        if (!found.ok()) {
            return found.status();
        }
        if (found->odds_file.empty()) {
            return std::vector<SoccerOdds>{};
        }
        odds_file = found->odds_file;
    }
    std::string path = data_dir;
    path.append("/soccer/odds/").append(odds_file);
    auto file = ReadCsv(path);
    if (!file.ok()) {
        return file.status();
    }
    constexpr std::array<std::string_view, 12> kNames = {"season", "round", "hTeam", "aTeam", "hScore", "aScore",
                                                         "hOdd",   "dOdd",  "aOdd",  "hProb", "dProb",  "aProb"};
    std::array<std::size_t, 12> column{};
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        const auto index = file->Column(kNames[i]);
        if (!index.ok()) {
            return index.status();
        }
        column[i] = *index;
    }
    std::vector<SoccerOdds> rows;
    rows.reserve(file->rows.size());
    for (std::size_t r = 0; r < file->rows.size(); ++r) {
        const auto& row = file->rows[r];
        const std::string where = Where(path, file->lines[r]);
        SoccerOdds odds;
        const std::string& season = row[column[0]];
        const auto first = ParseInt(std::string_view(season).substr(0, 4));
        const auto second = season.size() == 9 ? ParseInt(std::string_view(season).substr(5, 4)) : std::nullopt;
        if (!first || !second || season[4] != '-' || *second != *first + 1) {
            return InvalidArgument(where, "season " + Quoted(season) + " is not YYYY-YYYY+1");
        }
        odds.season = *first;
        const auto round = ParseInt(row[column[1]]);
        if (!round || *round < 1) {
            return InvalidArgument(where, "round " + Quoted(row[column[1]]) + " is not a positive integer");
        }
        odds.round = *round;
        odds.home = row[column[2]];
        odds.away = row[column[3]];
        if (!row[column[4]].empty() || !row[column[5]].empty()) { // one row in the files has no score
            const auto home_goals = Goals(*file, r, column[4], "hScore");
            const auto away_goals = Goals(*file, r, column[5], "aScore");
            if (!home_goals.ok() || !away_goals.ok()) {
                return home_goals.ok() ? away_goals.status() : home_goals.status();
            }
            odds.home_goals = *home_goals;
            odds.away_goals = *away_goals;
        }
        double sum = 0.0;
        for (std::size_t k = 0; k < 3; ++k) {
            const auto price = ParseDouble(row[column[6 + k]]);
            if (!price || !(*price > 1.0) || !std::isfinite(*price)) {
                return InvalidArgument(where, std::string(kNames[6 + k]) + " " + Quoted(row[column[6 + k]]) +
                                                  " is not decimal odds > 1");
            }
            const auto p = ParseDouble(row[column[9 + k]]);
            if (!p || !(*p > 0.0 && *p < 1.0)) {
                return InvalidArgument(where, std::string(kNames[9 + k]) + " " + Quoted(row[column[9 + k]]) +
                                                  " is not a probability in (0, 1)");
            }
            odds.decimal_odds[k] = *price;
            odds.probability[k] = *p;
            sum += *p;
        }
        if (std::abs(sum - 1.0) > 1e-6) {
            return InvalidArgument(where, "hProb + dProb + aProb = " + std::to_string(sum) + ", not 1");
        }
        rows.push_back(std::move(odds));
    }
    return rows;
}

Result<std::string> ResultsTeamName(std::string_view league, std::string_view odds_name) {
    for (const TeamNamePair& pair : SoccerTeamNameMap(league)) {
        if (pair.odds == odds_name) {
            return std::string(pair.results);
        }
    }
    return InvalidArgument("team", Quoted(odds_name) + " (odds file) has no results-file name in the " +
                                       std::string(league) + " name map (models/soccer_team_names.cpp)");
}

namespace {

//! "TRUE"/"FALSE" of the international files, or an error naming the file, line and column.
Result<bool> Flag(const CsvFile& file, std::size_t row, std::size_t column, std::string_view name) {
    const std::string& text = file.rows[row][column];
    if (text == "TRUE") {
        return true;
    }
    if (text == "FALSE") {
        return false;
    }
    return InvalidArgument(Where(file.path, file.lines[row]),
                           std::string(name) + " " + Quoted(text) + " is not TRUE or FALSE");
}

//! Column indexes of `names` in a file, or the first missing one.
Result<std::vector<std::size_t>> Columns(const CsvFile& file, std::initializer_list<std::string_view> names) {
    std::vector<std::size_t> columns;
    for (std::string_view name : names) {
        const auto index = file.Column(name);
        if (!index.ok()) {
            return index.status();
        }
        columns.push_back(*index);
    }
    return columns;
}

} // namespace

Result<std::vector<InternationalMatch>> LoadInternationalResults(const std::string& data_dir) {
    const std::string folder = data_dir + "/soccer/international";
    auto file = ReadCsv(folder + "/results.csv");
    if (!file.ok()) {
        return file.status();
    }
    auto c = Columns(*file, {"date", "home_team", "away_team", "home_score", "away_score", "tournament", "neutral"});
    if (!c.ok()) {
        return c.status();
    }
    const std::vector<std::size_t>& col = *c;
    std::vector<InternationalMatch> matches;
    matches.reserve(file->rows.size());
    for (std::size_t r = 0; r < file->rows.size(); ++r) {
        const auto& row = file->rows[r];
        if (row[col[3]] == "NA" || row[col[4]] == "NA") {
            continue; // a fixture not played yet
        }
        InternationalMatch m;
        const auto date = ParseDate(row[col[0]]);
        if (!date.ok()) {
            return InvalidArgument(Where(file->path, file->lines[r]), "date: " + date.status().message());
        }
        m.match.date = *date;
        m.match.season = static_cast<int>(std::chrono::year_month_day(*date).year());
        m.match.home = row[col[1]];
        m.match.away = row[col[2]];
        if (m.match.home.empty() || m.match.away.empty() || m.match.home == m.match.away) {
            return InvalidArgument(Where(file->path, file->lines[r]),
                                   "bad teams " + Quoted(m.match.home) + " v " + Quoted(m.match.away));
        }
        const auto home_goals = Goals(*file, r, col[3], "home_score");
        const auto away_goals = Goals(*file, r, col[4], "away_score");
        const auto neutral = Flag(*file, r, col[6], "neutral");
        if (!home_goals.ok() || !away_goals.ok() || !neutral.ok()) {
            return !home_goals.ok() ? home_goals.status() : !away_goals.ok() ? away_goals.status() : neutral.status();
        }
        m.match.home_goals = *home_goals;
        m.match.away_goals = *away_goals;
        m.tournament = row[col[5]];
        m.neutral = *neutral;
        matches.push_back(std::move(m));
    }
    // Shootouts are optional: without the file no match is marked.
    std::error_code error;
    if (std::filesystem::exists(folder + "/shootouts.csv", error)) {
        auto shootouts = ReadCsv(folder + "/shootouts.csv");
        if (!shootouts.ok()) {
            return shootouts.status();
        }
        auto s = Columns(*shootouts, {"date", "home_team", "away_team"});
        if (!s.ok()) {
            return s.status();
        }
        std::map<std::tuple<std::chrono::sys_days, std::string, std::string>, InternationalMatch*> index;
        for (InternationalMatch& m : matches) {
            index[{m.match.date, m.match.home, m.match.away}] = &m;
        }
        for (const auto& row : shootouts->rows) {
            const auto date = ParseDate(row[(*s)[0]]);
            if (!date.ok()) {
                continue;
            }
            auto it = index.find({*date, row[(*s)[1]], row[(*s)[2]]});
            if (it != index.end()) {
                it->second->shootout = true;
            }
        }
    }
    std::stable_sort(matches.begin(), matches.end(), [](const InternationalMatch& a, const InternationalMatch& b) {
        return a.match.date < b.match.date;
    });
    return matches;
}

Result<std::vector<InternationalGoal>> LoadInternationalGoals(const std::string& data_dir, std::chrono::sys_days date,
                                                              std::string_view home, std::string_view away) {
    auto file = ReadCsv(data_dir + "/soccer/international/goalscorers.csv");
    if (!file.ok()) {
        return file.status();
    }
    auto c = Columns(*file, {"date", "home_team", "away_team", "team", "scorer", "minute", "own_goal", "penalty"});
    if (!c.ok()) {
        return c.status();
    }
    const std::vector<std::size_t>& col = *c;
    const std::string day = FormatDate(date);
    std::vector<InternationalGoal> goals;
    for (std::size_t r = 0; r < file->rows.size(); ++r) {
        const auto& row = file->rows[r];
        if (row[col[0]] != day || row[col[1]] != home || row[col[2]] != away) {
            continue;
        }
        InternationalGoal g;
        g.date = date;
        g.home = row[col[1]];
        g.away = row[col[2]];
        g.team = row[col[3]];
        g.scorer = row[col[4]];
        if (g.team != g.home && g.team != g.away) {
            return InvalidArgument(Where(file->path, file->lines[r]),
                                   "team " + Quoted(g.team) + " plays in neither side");
        }
        if (row[col[5]] != "NA") {
            const auto minute = ParseInt(row[col[5]]);
            if (!minute || *minute < 0 || *minute > 130) {
                return InvalidArgument(Where(file->path, file->lines[r]),
                                       "minute " + Quoted(row[col[5]]) + " is not a minute in 0..130");
            }
            g.minute = *minute;
        }
        const auto own_goal = Flag(*file, r, col[6], "own_goal");
        const auto penalty = Flag(*file, r, col[7], "penalty");
        if (!own_goal.ok() || !penalty.ok()) {
            return own_goal.ok() ? penalty.status() : own_goal.status();
        }
        g.own_goal = *own_goal;
        g.penalty = *penalty;
        goals.push_back(std::move(g));
    }
    return goals;
}

} // namespace simbook::models
