#include "models/baseball_data.hpp"

#include <charconv>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <optional>

namespace simbook::models {
namespace {

constexpr std::size_t kFields = 161;
constexpr int kMaxInningRuns = 99; // more in an inning is a broken record (and could overflow a sum)
// 0-based positions of the game-log fields (glfields.txt numbers them from 1).
constexpr std::size_t kDate = 0, kGameNumber = 1, kAwayTeam = 3, kAwayGame = 5, kHomeTeam = 6, kHomeGame = 8,
                      kAwayScore = 9, kHomeScore = 10, kOuts = 11, kPark = 16, kAwayLine = 19, kHomeLine = 20,
                      kAwayBatting = 21, kHomeBatting = 49, kBattingFields = 17, kPitchingFields = 5,
                      kAwayStarter = 101, kHomeStarter = 103, kAdditional = 159;

std::string Quoted(std::string_view text) {
    std::string out(1, '"');
    out.append(text);
    out.push_back('"');
    return out;
}

std::optional<int> ParseCount(std::string_view text) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < 0) {
        return std::nullopt;
    }
    return value;
}

//! The non-negative count in field `index` (0-based), or an error naming the field and its meaning.
Result<int> Count(const std::vector<std::string>& f, std::size_t index, const char* meaning) {
    const auto value = ParseCount(f[index]);
    if (!value) {
        return InvalidArgument("field " + std::to_string(index + 1) + " (" + meaning + ")",
                               Quoted(f[index]) + " is not a non-negative integer");
    }
    return *value;
}

Result<std::chrono::sys_days> ParseDay(std::string_view text) {
    const auto y = ParseCount(text.substr(0, 4));
    const auto m = text.size() == 8 ? ParseCount(text.substr(4, 2)) : std::nullopt;
    const auto d = text.size() == 8 ? ParseCount(text.substr(6, 2)) : std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year(y.value_or(0)),
                                          std::chrono::month(static_cast<unsigned>(m.value_or(0))),
                                          std::chrono::day(static_cast<unsigned>(d.value_or(0)))};
    if (!y || !m || !d || !ymd.ok()) {
        return InvalidArgument("field 1 (date)", Quoted(text) + " is not a date yyyymmdd");
    }
    return std::chrono::sys_days(ymd);
}

Result<BattingLine> ParseBatting(const std::vector<std::string>& f, std::size_t first) {
    static constexpr const char* kNames[kBattingFields] = {"at-bats",
                                                           "hits",
                                                           "doubles",
                                                           "triples",
                                                           "home runs",
                                                           "RBI",
                                                           "sacrifice hits",
                                                           "sacrifice flies",
                                                           "hit-by-pitch",
                                                           "walks",
                                                           "intentional walks",
                                                           "strikeouts",
                                                           "stolen bases",
                                                           "caught stealing",
                                                           "GIDP",
                                                           "catcher's interference",
                                                           "left on base"};
    int v[kBattingFields];
    for (std::size_t i = 0; i < kBattingFields; ++i) {
        auto value = Count(f, first + i, kNames[i]);
        if (!value) {
            return value.status();
        }
        v[i] = *value;
    }
    BattingLine b{v[0], v[1],  v[2],  v[3],  v[4],  v[5],  v[6],  v[7], v[8],
                  v[9], v[10], v[11], v[12], v[13], v[14], v[15], v[16]};
    const std::string where = "fields " + std::to_string(first + 1) + "-" + std::to_string(first + kBattingFields);
    if (b.doubles + b.triples + b.home_runs > b.hits || b.hits > b.at_bats || b.intentional_walks > b.walks) {
        return InvalidArgument(where + " (batting line)", "extra-base hits exceed hits, hits exceed at-bats or "
                                                          "intentional walks exceed walks");
    }
    return b;
}

//! One side (the home team when `home`): team, line score, batting, pitching and fielding lines, starter.
Result<TeamGameLine> ParseSide(const std::vector<std::string>& f, bool home) {
    TeamGameLine t;
    t.team = f[home ? kHomeTeam : kAwayTeam];
    t.league = f[(home ? kHomeTeam : kAwayTeam) + 1];
    if (t.team.empty()) {
        return InvalidArgument("field " + std::to_string((home ? kHomeTeam : kAwayTeam) + 1) + " (team)", "empty");
    }
    auto game = Count(f, home ? kHomeGame : kAwayGame, "team game number");
    auto runs = Count(f, home ? kHomeScore : kAwayScore, "score");
    if (!game || !runs) {
        return !game ? game.status() : runs.status();
    }
    t.game_number = *game;
    t.runs = *runs;
    const std::size_t line = home ? kHomeLine : kAwayLine;
    auto innings = ParseLineScore(f[line]);
    if (!innings) {
        return InvalidArgument("field " + std::to_string(line + 1) + " (line score)", innings.status().message());
    }
    t.line_score = *std::move(innings);
    int sum = 0;
    for (int r : t.line_score) {
        sum += r > 0 ? r : 0;
    }
    if (sum != t.runs) {
        return InvalidArgument("field " + std::to_string(line + 1) + " (line score)",
                               Quoted(f[line]) + " adds up to " + std::to_string(sum) + " runs, the score is " +
                                   std::to_string(t.runs));
    }
    const std::size_t batting = home ? kHomeBatting : kAwayBatting;
    auto b = ParseBatting(f, batting);
    auto pitchers = Count(f, batting + kBattingFields, "pitchers used");
    auto putouts = Count(f, batting + kBattingFields + kPitchingFields, "putouts");
    auto dps = Count(f, batting + kBattingFields + kPitchingFields + 4, "double plays");
    if (!b || !pitchers || !putouts || !dps) {
        return !b ? b.status() : !pitchers ? pitchers.status() : !putouts ? putouts.status() : dps.status();
    }
    t.batting = *b;
    t.pitchers_used = *pitchers;
    t.putouts = *putouts;
    t.double_plays = *dps;
    t.starter_id = f[home ? kHomeStarter : kAwayStarter];
    t.starter_name = f[(home ? kHomeStarter : kAwayStarter) + 1];
    if (t.starter_id.empty()) {
        return InvalidArgument(
            "field " + std::to_string((home ? kHomeStarter : kAwayStarter) + 1) + " (starting pitcher)", "empty");
    }
    return t;
}

} // namespace

int BattingLine::PlateAppearances() const {
    return at_bats + walks + hit_by_pitch + sacrifice_flies + sacrifice_hits + catcher_interference;
}

int TeamGameLine::InningsBatted() const {
    int n = 0;
    for (int r : line_score) {
        n += r >= 0 ? 1 : 0;
    }
    return n;
}

std::string RetrosheetGame::Id() const {
    const std::chrono::year_month_day ymd{date};
    char day[16];
    std::snprintf(day, sizeof day, "%04d%02u%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return home.team + day + game_number;
}

Result<std::vector<std::string>> SplitGameLogRecord(std::string_view line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '"' && quoted && i + 1 < line.size() && line[i + 1] == '"') {
            fields.back().push_back('"');
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (c == ',' && !quoted) {
            fields.emplace_back();
        } else {
            fields.back().push_back(c);
        }
    }
    if (quoted) {
        return InvalidArgument("record", "unterminated quote");
    }
    return fields;
}

Result<std::vector<int>> ParseLineScore(std::string_view text) {
    std::vector<int> runs;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            runs.push_back(c - '0');
        } else if (c == 'x' || c == 'X') {
            runs.push_back(-1);
        } else if (c == '(') {
            const std::size_t close = text.find(')', i);
            const auto value =
                close == std::string_view::npos ? std::nullopt : ParseCount(text.substr(i + 1, close - i - 1));
            if (!value || *value > kMaxInningRuns) {
                return InvalidArgument("line score", Quoted(text) + ": \"(\" without a run count up to " +
                                                         std::to_string(kMaxInningRuns) + " and \")\"");
            }
            runs.push_back(*value);
            i = close;
        } else {
            return InvalidArgument("line score", Quoted(text) + ": unexpected character " + Quoted(text.substr(i, 1)));
        }
    }
    if (runs.empty() || runs.size() > 99) {
        return InvalidArgument("line score", runs.empty() ? "empty" : "more than 99 innings");
    }
    return runs;
}

Result<RetrosheetGame> ParseGameLogRecord(std::string_view line) {
    auto fields = SplitGameLogRecord(line);
    if (!fields) {
        return fields.status();
    }
    const std::vector<std::string>& f = *fields;
    if (f.size() != kFields) {
        return InvalidArgument("record",
                               std::to_string(f.size()) + " fields, a game log has " + std::to_string(kFields));
    }
    RetrosheetGame g;
    auto date = ParseDay(f[kDate]);
    if (!date) {
        return date.status();
    }
    g.date = *date;
    if (f[kGameNumber].size() != 1 || std::string_view("0123AB").find(f[kGameNumber][0]) == std::string_view::npos) {
        return InvalidArgument("field 2 (game number)", Quoted(f[kGameNumber]) + " is not one of 0, 1, 2, 3, A, B");
    }
    g.game_number = f[kGameNumber][0];
    g.park = f[kPark];
    auto outs = Count(f, kOuts, "length in outs");
    if (!outs) {
        return outs.status();
    }
    g.outs = *outs;
    auto away = ParseSide(f, false);
    if (!away) {
        return away.status();
    }
    auto home = ParseSide(f, true);
    if (!home) {
        return home.status();
    }
    g.away = *std::move(away);
    g.home = *std::move(home);
    g.home_batted_first = f[kAdditional].find("HTBF") != std::string::npos;
    return g;
}

Result<std::vector<RetrosheetGame>> LoadGameLogFile(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        return InvalidArgument(path, "cannot open the file (missing? see --data / SIMBOOK_DATA)");
    }
    std::vector<RetrosheetGame> games;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.empty()) {
            continue;
        }
        auto game = ParseGameLogRecord(line);
        if (!game) {
            return InvalidArgument(path + ":" + std::to_string(number), game.status().message());
        }
        games.push_back(*std::move(game));
    }
    if (games.empty()) {
        return InvalidArgument(path, "no games in the file");
    }
    return games;
}

Result<std::vector<RetrosheetGame>> LoadGameLogs(const std::string& data_dir, int first_season, int last_season) {
    if (first_season > last_season || first_season < 1871 || last_season > 2100) {
        return InvalidArgument("seasons", std::to_string(first_season) + ".." + std::to_string(last_season) +
                                              " is not a range of seasons");
    }
    std::vector<RetrosheetGame> games;
    for (int season = first_season; season <= last_season; ++season) {
        auto file = LoadGameLogFile(data_dir + "/baseball/retrosheet/GL" + std::to_string(season) + ".TXT");
        if (!file) {
            return file.status();
        }
        games.insert(games.end(), std::make_move_iterator(file->begin()), std::make_move_iterator(file->end()));
    }
    return games;
}

std::string_view RetrosheetNotice() {
    return "The information used here was obtained free of charge from and is copyrighted by Retrosheet.\n"
           "Interested parties may contact Retrosheet at \"www.retrosheet.org\".\n";
}

} // namespace simbook::models
