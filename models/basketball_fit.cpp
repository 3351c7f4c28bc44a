#include "models/basketball_fit.hpp"

#include "models/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <optional>
#include <sstream>
#include <unordered_map>

namespace simbook::models {
namespace {

constexpr const char* kGameLines = "basketball/player-stats/NBA_2023-2024_advanced_by_game.csv";
constexpr const char* kShooting = "basketball/player-stats/shooting_stats_2022-2024.csv";
constexpr const char* kTeamsFile = "basketball/player-stats/current_teams.csv";
//! The shooting table is a snapshot: its games and minutes run to this day (590 of its 615 player-team rows
//! for 2023-24 match their game-line count through 2024-02-29 exactly, none through any other day).
constexpr const char* kShootingSnapshotDay = "20240229";
constexpr double kRegulationMinutes = 240.0; // team minutes in 48 minutes of play
constexpr double kFtaPerPlay = 0.44;         // Basketball-Reference's FTA weight in usage and TS%

std::string Join(std::string a, const std::string& b) {
    a.append(b);
    return a;
}

Status Bad(const std::string& where, const std::string& what) {
    return InvalidArgument(where, what);
}

//! A CSV file: header and rows, each row with its 1-based line number. No quoted fields (none of the files
//! has them; current_teams.csv's last column holds commas and is joined back).
struct Csv {
    std::string path;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<int> lines;

    int Column(const std::string& name) const {
        const auto it = std::find(header.begin(), header.end(), name);
        return it == header.end() ? -1 : static_cast<int>(it - header.begin());
    }
    std::string Where(std::size_t row) const {
        std::string where = path;
        where.append(":").append(std::to_string(lines[row]));
        return where;
    }
};

std::vector<std::string> Split(const std::string& line) {
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

Result<Csv> ReadCsv(const std::string& path, bool join_tail = false) {
    std::ifstream in(path);
    if (!in) {
        return Bad(path, "cannot open the file (missing? the data folder needs basketball/player-stats)");
    }
    Csv csv;
    csv.path = path;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) {
            line.erase(0, 3);
        }
        if (line.empty()) {
            continue;
        }
        std::vector<std::string> fields = Split(line);
        if (csv.header.empty()) {
            csv.header = std::move(fields);
            continue;
        }
        if (join_tail && fields.size() > csv.header.size()) {
            for (std::size_t i = csv.header.size(); i < fields.size(); ++i) {
                fields[csv.header.size() - 1].append(",").append(fields[i]);
            }
            fields.resize(csv.header.size());
        }
        if (fields.size() != csv.header.size()) {
            return Bad(Join(path + ":", std::to_string(number)), "expected " + std::to_string(csv.header.size()) +
                                                                     " comma-separated fields, found " +
                                                                     std::to_string(fields.size()));
        }
        csv.rows.push_back(std::move(fields));
        csv.lines.push_back(number);
    }
    if (csv.header.empty()) {
        return Bad(path, "empty file (no header line)");
    }
    return csv;
}

//! Column indices by name, or an error naming the file and the missing column.
Result<std::vector<int>> Columns(const Csv& csv, std::initializer_list<const char*> names) {
    std::vector<int> out;
    for (const char* name : names) {
        const int c = csv.Column(name);
        if (c < 0) {
            return Bad(csv.path, Join("missing column '", name) + "'");
        }
        out.push_back(c);
    }
    return out;
}

//! A number field; blank gives nullopt, anything else that is not a finite number is an error naming the
//! file, line and column.
Result<std::optional<double>> Number(const Csv& csv, std::size_t row, int column) {
    const std::string& text = csv.rows[row][static_cast<std::size_t>(column)];
    if (text.empty()) {
        return std::optional<double>{};
    }
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !std::isfinite(value)) {
        return Bad(csv.Where(row), Join("column '", csv.header[static_cast<std::size_t>(column)]) + "': '" + text +
                                       "' is not a number");
    }
    return std::optional<double>{value};
}

//! "MM:SS" -> minutes; blank -> 0.
Result<double> Minutes(const Csv& csv, std::size_t row, int column) {
    const std::string& text = csv.rows[row][static_cast<std::size_t>(column)];
    if (text.empty()) {
        return 0.0;
    }
    const auto colon = text.find(':');
    int m = 0;
    int s = 0;
    const bool ok =
        colon != std::string::npos && std::from_chars(text.data(), text.data() + colon, m).ptr == text.data() + colon &&
        std::from_chars(text.data() + colon + 1, text.data() + text.size(), s).ptr == text.data() + text.size() &&
        m >= 0 && s >= 0 && s < 60;
    if (!ok) {
        return Bad(csv.Where(row), Join("column 'MP': '", text) + "' is not minutes:seconds");
    }
    return m + s / 60.0;
}

double Logit(double p) {
    return std::log(p / (1.0 - p));
}
double Logistic(double x) {
    return 1.0 / (1.0 + std::exp(-x));
}
//! logit(a) + logit(b) - logit(league): an offence rate a against a defence allowing b.
double Log5(double a, double b, double league) {
    return Logistic(Logit(a) + Logit(b) - Logit(league));
}
//! x rounded to `decimals` places, as the nearest double to the decimal (so JSON prints it short).
double Round(double x, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(x * scale) / scale;
}

//! One player's line in one game, reduced to shares of his team's plays (FGA + 0.44 FTA + TOV) in that game.
struct PlayerGame {
    std::string id;
    std::string name;
    std::string team;
    std::string day; // YYYYMMDD
    double minutes = 0.0;
    double usage = 0.0; // USG% / 100
    double trb = 0.0;   // TRB% / 100
    double ast = 0.0;   // AST% / 100
    double fga = 0.0;   // field-goal attempts per team play, times the game-length weight
    double fta = 0.0;   // free-throw attempts, same units
    double tov = 0.0;   // turnovers, same units
    double pts = 0.0;   // points, same units
    double efgm = 0.0;  // FGM + 0.5 * 3PM, same units
};

//! Sums over a team's games, in team plays (a 48-minute game weighs 1, an overtime game more).
struct Totals {
    double fga = 0.0, fta = 0.0, tov = 0.0, pts = 0.0, efgm = 0.0, orb_pct = 0.0, weight = 0.0;
    int games = 0;

    //! Adds one team-game's counts.
    template <typename Game> void Add(const Game& g) {
        fga += g.fga;
        fta += g.fta;
        tov += g.tov;
        pts += g.pts;
        efgm += g.efgm;
        orb_pct += g.orb_pct;
        weight += g.weight;
        ++games;
    }
};

//! A player-season row of the shooting table (2023-24): 3PA share of FGA, 2P% and 3P%, share of makes
//! assisted, dunks.
struct Shooting {
    double minutes = 0.0;
    double three_share = 0.0;
    std::optional<double> two_pct, three_pct, two_assisted, three_assisted;
    double dunk_share = 0.0;
    double dunks = 0.0;
};

struct Parsed {
    std::vector<PlayerGame> games;
    // team-game key "<game ref>|<team>" -> its player-game indices and the team's ORB% in that game
    std::map<std::string, std::pair<std::vector<std::size_t>, double>> team_games;
    std::map<std::string, Shooting> shooting_by_team; // "<id>|<team>"
    std::map<std::string, Shooting> shooting_total;   // "<id>", TOT row or the one team row
    std::map<std::string, std::string> franchise;     // abbreviation -> franchise name
    //! "<id>|<team>" -> FGA (plays units) through the shooting table's snapshot day, whatever the fit's last day:
    //! the dunk-based pace scale compares the table's counts with the lines over the same span.
    std::map<std::string, double> fga_to_snapshot;
};

Status ParseGameLines(const std::string& path, const BasketballFitOptions& options, Parsed& out) {
    Result<Csv> read = ReadCsv(path);
    if (!read.ok()) {
        return read.status();
    }
    const Csv& csv = read.value();
    Result<std::vector<int>> cols =
        Columns(csv, {"Game Reference", "Team", "Player Name", "Player Reference", "MP", "TS%", "eFG%", "FTr", "ORB%",
                      "TRB%", "AST%", "TOV%", "USG%", "Reason"});
    if (!cols.ok()) {
        return cols.status();
    }
    const std::vector<int>& c = cols.value();
    struct Raw {
        PlayerGame g;
        double ts = 0.0, efg = 0.0, orb = 0.0, tov_pct = 0.0;
        std::optional<double> ftr;
    };
    std::map<std::string, std::vector<Raw>> by_team_game;
    for (std::size_t r = 0; r < csv.rows.size(); ++r) {
        const auto& row = csv.rows[r];
        const std::string& ref = row[static_cast<std::size_t>(c[0])];
        if (ref.size() < 12 ||
            !std::all_of(ref.begin(), ref.begin() + 8, [](char ch) { return ch >= '0' && ch <= '9'; })) {
            return Bad(csv.Where(r), Join("column 'Game Reference': '", ref) + "' is not YYYYMMDD0TEAM");
        }
        if (!row[static_cast<std::size_t>(c[13])].empty() ||
            ref.substr(0, 8) > std::max(options.last_regular_season_day, std::string(kShootingSnapshotDay))) {
            continue; // did not play, or past both the fit's last day and the shooting snapshot
        }
        Result<double> minutes = Minutes(csv, r, c[4]);
        if (!minutes.ok()) {
            return minutes.status();
        }
        if (!(minutes.value() > 0.0)) {
            continue;
        }
        Raw raw;
        raw.g.id = row[static_cast<std::size_t>(c[3])];
        raw.g.name = row[static_cast<std::size_t>(c[2])];
        raw.g.team = row[static_cast<std::size_t>(c[1])];
        raw.g.day = ref.substr(0, 8);
        raw.g.minutes = minutes.value();
        double* targets[] = {&raw.ts, &raw.efg, nullptr, &raw.orb, &raw.g.trb, &raw.g.ast, &raw.tov_pct, &raw.g.usage};
        for (int k = 0; k < 8; ++k) {
            Result<std::optional<double>> v = Number(csv, r, c[static_cast<std::size_t>(5 + k)]);
            if (!v.ok()) {
                return v.status();
            }
            if (k == 2) {
                raw.ftr = v.value();
            } else if (v.value()) {
                *targets[k] = *v.value();
            }
        }
        raw.g.usage /= 100.0;
        raw.g.trb /= 100.0;
        raw.g.ast /= 100.0;
        raw.orb /= 100.0;
        raw.tov_pct /= 100.0;
        if (raw.g.usage < 0.0 || raw.tov_pct < 0.0 || raw.tov_pct > 1.0 || (raw.ftr && *raw.ftr < 0.0)) {
            return Bad(csv.Where(r), "USG%, TOV% or FTr out of range");
        }
        by_team_game[Join(ref + "|", raw.g.team)].push_back(std::move(raw));
    }
    for (auto& [key, rows] : by_team_game) {
        const std::string day = key.substr(0, 8);
        const bool fitted = day <= options.last_regular_season_day;
        double team_minutes = 0.0;
        for (const Raw& raw : rows) {
            team_minutes += raw.g.minutes;
        }
        // Share of the team's plays: USG% * MP / (team MP / 5), renormalised (the shares sum to 1 +- 1.5%).
        double share_sum = 0.0;
        for (const Raw& raw : rows) {
            share_sum += raw.g.usage * raw.g.minutes / (team_minutes / 5.0);
        }
        const double weight = team_minutes / kRegulationMinutes;
        double orb_pct = 0.0;
        std::vector<std::size_t> indices;
        for (Raw& raw : rows) {
            const double plays = share_sum > 0.0 ? raw.g.usage * raw.g.minutes / (team_minutes / 5.0) / share_sum : 0.0;
            const double shots = (1.0 - raw.tov_pct) * plays; // FGA + 0.44 FTA
            const double fga = raw.ftr ? shots / (1.0 + kFtaPerPlay * *raw.ftr) : 0.0;
            const double fta = raw.ftr ? *raw.ftr * fga : shots / kFtaPerPlay;
            raw.g.fga = weight * fga;
            raw.g.fta = weight * fta;
            raw.g.tov = weight * raw.tov_pct * plays;
            raw.g.pts = weight * 2.0 * raw.ts * shots;
            raw.g.efgm = weight * raw.efg * fga;
            orb_pct += raw.orb * raw.g.minutes / (team_minutes / 5.0);
            if (day <= kShootingSnapshotDay) {
                out.fga_to_snapshot[Join(raw.g.id + "|", raw.g.team)] += raw.g.fga;
            }
            if (fitted) {
                indices.push_back(out.games.size());
                out.games.push_back(raw.g);
            }
        }
        if (fitted) {
            out.team_games[key] = {std::move(indices), orb_pct};
        }
    }
    if (out.games.empty()) {
        return Bad(path, "no regular-season player games on or before " + options.last_regular_season_day);
    }
    return Status::Ok();
}

Status ParseShooting(const std::string& path, Parsed& out) {
    Result<Csv> read = ReadCsv(path);
    if (!read.ok()) {
        return read.status();
    }
    const Csv& csv = read.value();
    Result<std::vector<int>> cols =
        Columns(csv, {"Tm", "MP", "3P", "2P.1", "3P.1", "2P.2", "3P.2", "%FGA", "#", "Player Reference", "Season"});
    if (!cols.ok()) {
        return cols.status();
    }
    const std::vector<int>& c = cols.value();
    for (std::size_t r = 0; r < csv.rows.size(); ++r) {
        const auto& row = csv.rows[r];
        if (row[static_cast<std::size_t>(c[10])] != "2023-2024") {
            continue;
        }
        std::optional<double> v[8];
        for (int k = 0; k < 8; ++k) {
            Result<std::optional<double>> n = Number(csv, r, c[static_cast<std::size_t>(1 + k)]);
            if (!n.ok()) {
                return n.status();
            }
            v[k] = n.value();
        }
        Shooting s;
        s.minutes = v[0].value_or(0.0);
        s.three_share = v[1].value_or(0.0);
        s.two_pct = v[2];
        s.three_pct = v[3];
        s.two_assisted = v[4];
        s.three_assisted = v[5];
        s.dunk_share = v[6].value_or(0.0);
        s.dunks = v[7].value_or(0.0);
        if (s.three_share < 0.0 || s.three_share > 1.0) {
            return Bad(csv.Where(r), "column '3P' (share of FGA from three) is outside [0, 1]");
        }
        const std::string& id = row[static_cast<std::size_t>(c[9])];
        const std::string& team = row[static_cast<std::size_t>(c[0])];
        if (team == "TOT") {
            out.shooting_total[id] = s;
        } else {
            out.shooting_by_team[Join(id + "|", team)] = s;
            out.shooting_total.emplace(id, s); // a TOT row, read before or after, takes precedence
            if (out.shooting_total[id].minutes < s.minutes) {
                out.shooting_total[id] = s;
            }
        }
    }
    return Status::Ok();
}

Status ParseTeams(const std::string& path, Parsed& out) {
    Result<Csv> read = ReadCsv(path, true);
    if (!read.ok()) {
        return read.status();
    }
    const Csv& csv = read.value();
    Result<std::vector<int>> cols = Columns(csv, {"Franchise", "Team Abbr"});
    if (!cols.ok()) {
        return cols.status();
    }
    for (std::size_t r = 0; r < csv.rows.size(); ++r) {
        std::string codes = csv.rows[r][static_cast<std::size_t>(cols.value()[1])];
        codes.erase(std::remove(codes.begin(), codes.end(), '\''), codes.end());
        std::istringstream in(codes);
        std::string code;
        while (std::getline(in, code, ',')) {
            out.franchise.emplace(code, csv.rows[r][static_cast<std::size_t>(cols.value()[0])]);
        }
    }
    return Status::Ok();
}

//! P(chance is a missed field goal that the offence rebounds): each one adds a chance to the possession.
double OffensiveReboundPerChance(const TeamModel& t) {
    const double fga = (1.0 - t.turnover_rate) * (1.0 - t.ft_trip_rate);
    return fga * ((1.0 - t.three_rate) * (1.0 - t.two_pct) + t.three_rate * (1.0 - t.three_pct)) * t.off_rebound_pct;
}

struct PlayerAgg {
    std::string name;
    double minutes = 0.0, usage_min = 0.0, trb_min = 0.0, ast_min = 0.0, fga = 0.0, fta = 0.0;
    std::string last_day;
    std::string team; // team of the most recent game
};

std::vector<std::string> Assumptions(const BasketballFitOptions& o) {
    auto num = [](double x) {
        std::ostringstream s;
        s << x;
        return s.str();
    };
    return {
        "Regular season only: game lines dated on or before " + o.last_regular_season_day +
            " (play-in and playoff games left out); players who did not play are skipped.",
        "The game lines hold rates, not counts. A player's share of his team's plays (FGA + 0.44 FTA + TOV) in a "
        "game is USG% * MP / (team MP / 5), renormalised to sum to 1 per team-game; then TOV = TOV% * plays, "
        "FGA + 0.44 FTA = (1 - TOV%) * plays, FTA = FTr * FGA (FTr blank: no FGA, all FTA), points = 2 * TS% * "
        "(FGA + 0.44 FTA) and FGM + 0.5 * 3PM = eFG% * FGA. An overtime game weighs team MP / 240.",
        "Absolute scale: league field-goal attempts per team per game = " + num(o.league_fga_per_game) +
            " (Basketball-Reference 2023-24 league averages) fixes plays per 48 minutes; each team's scale relative "
            "to the league comes from made dunks / dunk share of FGA in the shooting table (an FGA count up to the "
            "league dunk make rate) divided by the same players' FGA shares through the table's snapshot day (" +
            kShootingSnapshotDay + "), dunk-weighted over players with at least " + std::to_string(o.min_dunks) +
            " dunks and shrunk toward 1 with weight n / (n + " + num(o.pace_shrink_players) + ").",
        "Shot chances = FGA + FTA / 2 + TOV: every free-throw trip is approximated as two shots ending the "
        "possession (and-ones and three-shot trips become separate two-shot trips; FTA/2 trips keep FTA exact).",
        "turnover_rate = TOV / (FGA + FTA/2 + TOV); ft_trip_rate = (FTA/2) / (FGA + FTA/2); ft_pct = (points - 2 * "
        "eFG% * FGA) / FTA (the identity points = 2 FGM + 3PM + FTM).",
        "three_rate and three_pct: each player's 3PA share of FGA and 3P% from the shooting table (player-season, "
        "through " +
            std::string(kShootingSnapshotDay) +
            "), weighted by his full-season FGA for the team; two_pct = (eFG% * FGA - 1.5 * 3PM) / 2PA so that the "
            "team's eFG% and TS% from the game lines are kept exactly. Players missing from the table get league "
            "values.",
        "off_rebound_pct = team ORB% = sum over players of ORB% * MP / (team MP / 5), averaged over games; the model "
        "rebounds only missed field goals (missed last free throws and team rebounds are ignored).",
        "assist_rate = share of made field goals assisted, from each player's assisted share of 2P and 3P makes in "
        "the shooting table.",
        "pace = possessions per 48 minutes in the model's own terms: chances * (1 - P(offensive rebound per "
        "chance)), averaged between the team's own and its opponents' possessions in its games. A matchup plays "
        "at pace_home + pace_away - league pace.",
        "Defence: the same rates of the team's opponents in its games (turnover rate, free-throw trip rate, eFG%, "
        "offensive rebound %), with no adjustment for schedule strength. MakeMatchup combines offence and defence "
        "additively in log-odds against the league average; eFG% moves two_pct and three_pct by the same log-odds "
        "shift; ft_pct, three_rate and assist_rate are the offence's own.",
        "Rosters: a player belongs to the team of his most recent regular-season game (traded players move with "
        "their last team); rates use all his games for all teams. At most " +
            std::to_string(o.max_players) +
            " players per team, ranked by minutes per game played * games / (games + 5).",
        "Expected minutes: the healthy-roster rotation. In rank order each player gets his average minutes per game "
        "played until the team's 240 minutes are filled; later players get what is left (often 0). Minutes sum to "
        "240 per team.",
        "Player rates shrink toward the league's minutes-weighted average with weight MP / (MP + " +
            num(o.shrink_minutes) +
            ") (MP = regular-season minutes; for three_rate the shooting table's minutes): usage = MP-weighted USG%, "
            "ft_rate = FTA / FGA, rebound_pct = MP-weighted TRB%, assist_pct = MP-weighted AST%, three_rate = 3PA / "
            "FGA.",
        "The kernel picks a shooter by attempts, and a make uses the team's make rate: a player's projected points "
        "follow his share of attempts, not his own shooting percentages.",
        "Home advantage (MakeMatchup): a log-odds shift up of the home team's two_pct and three_pct and the same "
        "shift down of the away team's, solved so that the expected home margin grows by " +
            num(o.home_advantage_points) +
            " points (a round recent-NBA figure, not fitted here: the files hold no final scores).",
        "pace_sd = " + num(o.pace_sd) +
            " possessions per team per game (not fitted: the game lines give no per-game possession counts).",
        "lead_pull = " + num(o.lead_pull) +
            " log-odds per point of lead, taken off the leading offence's two- and three-point make rates (added to "
            "a trailing offence's), leads capped at 20: chosen so that the model's within-game margin standard "
            "deviation matches the residual standard deviation of 2023-24 final margins about its own walk-forward "
            "predictions (`simbook evaluate --sport basketball`); independent possessions give a margin far wider "
            "than real games.",
        "FiveThirtyEight RAPTOR (basketball/raptor) is not used: it ends with the 2021-22 season, so it says "
        "nothing about 2023-24 rosters; team strength comes from the same-season offence and defence rates.",
    };
}

TeamModel Rounded(TeamModel t) {
    t.pace = Round(t.pace, 2);
    for (double* x : {&t.turnover_rate, &t.three_rate, &t.ft_trip_rate, &t.two_pct, &t.three_pct, &t.ft_pct,
                      &t.off_rebound_pct, &t.assist_rate}) {
        *x = Round(*x, 4);
    }
    for (PlayerModel& p : t.players) {
        p.minutes = Round(p.minutes, 2);
        for (double* x : {&p.usage, &p.three_rate, &p.ft_rate, &p.rebound_pct, &p.assist_pct}) {
            *x = Round(*x, 4);
        }
    }
    return t;
}

} // namespace

double ExpectedPointsPerPossession(const TeamModel& t) {
    const double live = 1.0 - t.turnover_rate;
    const double fga = live * (1.0 - t.ft_trip_rate);
    const double per_chance = fga * (1.0 - t.three_rate) * t.two_pct * 2.0 + fga * t.three_rate * t.three_pct * 3.0 +
                              live * t.ft_trip_rate * 2.0 * t.ft_pct;
    return per_chance / (1.0 - OffensiveReboundPerChance(t));
}

Result<FittedLeague> FitBasketballTeams(const std::string& data_dir, const BasketballFitOptions& options) {
    const std::filesystem::path root(data_dir);
    Parsed data;
    if (Status s = ParseGameLines((root / kGameLines).string(), options, data); !s.ok()) {
        return s;
    }
    if (Status s = ParseShooting((root / kShooting).string(), data); !s.ok()) {
        return s;
    }
    if (Status s = ParseTeams((root / kTeamsFile).string(), data); !s.ok()) {
        return s;
    }

    // Team-game records: the player-game indices, the team's ORB% that game, the opponent's key.
    struct TeamGame {
        std::string team, game, day;
        std::vector<std::size_t> players;
        double orb_pct = 0.0, weight = 0.0;
        double fga = 0.0, fta = 0.0, tov = 0.0, pts = 0.0, efgm = 0.0;
    };
    std::vector<TeamGame> team_games;
    std::map<std::string, std::vector<std::size_t>> by_game; // game ref -> team-game indices
    for (const auto& [key, entry] : data.team_games) {
        TeamGame tg;
        tg.game = key.substr(0, key.find('|'));
        tg.team = key.substr(key.find('|') + 1);
        tg.day = tg.game.substr(0, 8);
        tg.players = entry.first;
        tg.orb_pct = entry.second;
        double minutes = 0.0;
        for (std::size_t i : tg.players) {
            const PlayerGame& g = data.games[i];
            minutes += g.minutes;
            tg.fga += g.fga;
            tg.fta += g.fta;
            tg.tov += g.tov;
            tg.pts += g.pts;
            tg.efgm += g.efgm;
        }
        tg.weight = minutes / kRegulationMinutes;
        by_game[tg.game].push_back(team_games.size());
        team_games.push_back(std::move(tg));
    }
    std::vector<std::size_t> opponent(team_games.size(), static_cast<std::size_t>(-1));
    for (const auto& [game, pair] : by_game) {
        if (pair.size() == 2) {
            opponent[pair[0]] = pair[1];
            opponent[pair[1]] = pair[0];
        }
    }

    // Team offence and defence totals.
    std::map<std::string, Totals> offence, defence;
    for (std::size_t k = 0; k < team_games.size(); ++k) {
        const TeamGame& tg = team_games[k];
        offence[tg.team].Add(tg);
        if (opponent[k] != static_cast<std::size_t>(-1)) {
            defence[tg.team].Add(team_games[opponent[k]]);
        }
    }
    if (offence.size() < 2) {
        return Bad(Join((root / kGameLines).string(), ""), "fewer than two teams with regular-season games");
    }

    // League player averages (shrinkage targets) and per-player aggregates.
    std::map<std::string, PlayerAgg> players;
    std::map<std::string, double> fga_with_team;             // "<id>|<team>" -> FGA (plays units)
    std::map<std::string, std::pair<int, double>> with_team; // games, minutes
    std::map<std::string, double> pts_with_team;
    for (const PlayerGame& g : data.games) {
        PlayerAgg& p = players[g.id];
        p.name = g.name;
        p.minutes += g.minutes;
        p.usage_min += g.usage * g.minutes;
        p.trb_min += g.trb * g.minutes;
        p.ast_min += g.ast * g.minutes;
        p.fga += g.fga;
        p.fta += g.fta;
        if (g.day >= p.last_day) {
            p.last_day = g.day;
            p.team = g.team;
        }
        const std::string key = Join(g.id + "|", g.team);
        fga_with_team[key] += g.fga;
        with_team[key].first += 1;
        with_team[key].second += g.minutes;
        pts_with_team[key] += g.pts;
    }
    PlayerModel lg_player;
    {
        double minutes = 0.0, usage = 0.0, trb = 0.0, ast = 0.0, fga = 0.0, fta = 0.0, three_fga = 0.0, fga_s = 0.0;
        for (const auto& [id, p] : players) {
            minutes += p.minutes;
            usage += p.usage_min;
            trb += p.trb_min;
            ast += p.ast_min;
            fga += p.fga;
            fta += p.fta;
            if (const auto s = data.shooting_total.find(id); s != data.shooting_total.end()) {
                three_fga += s->second.three_share * p.fga;
                fga_s += p.fga;
            }
        }
        lg_player.name = "league average";
        lg_player.minutes = 0.0;
        lg_player.usage = usage / minutes;
        lg_player.rebound_pct = trb / minutes;
        lg_player.assist_pct = ast / minutes;
        lg_player.ft_rate = fta / fga;
        lg_player.three_rate = fga_s > 0.0 ? three_fga / fga_s : 0.39;
    }

    // Shooting split per team: 3PA, 3PM, assisted makes, from players' table rows and full-season FGA.
    struct Split3 {
        double fga = 0.0, three_a = 0.0, three_m = 0.0, two_m = 0.0, assisted = 0.0, fgm = 0.0;
    };
    std::map<std::string, Split3> split;
    Split3 league_split;
    {
        // League 3P% / 2P% / assisted shares for players missing from the table: attempt-weighted means.
        double a3 = 0.0, m3 = 0.0, a2 = 0.0, m2 = 0.0, ast_m = 0.0, all_m = 0.0;
        for (const auto& [key, fga] : fga_with_team) {
            const auto s = data.shooting_by_team.find(key);
            if (s == data.shooting_by_team.end()) {
                continue;
            }
            const Shooting& sh = s->second;
            const double three_a = fga * sh.three_share;
            const double two_a = fga - three_a;
            const double three_m = three_a * sh.three_pct.value_or(0.0);
            const double two_m = two_a * sh.two_pct.value_or(0.0);
            a3 += three_a;
            m3 += three_m;
            a2 += two_a;
            m2 += two_m;
            ast_m += two_m * sh.two_assisted.value_or(0.0) + three_m * sh.three_assisted.value_or(0.0);
            all_m += two_m + three_m;
        }
        league_split.fga = a2 + a3;
        league_split.three_a = a3;
        league_split.three_m = m3;
        league_split.two_m = m2;
        league_split.assisted = ast_m;
        league_split.fgm = all_m;
    }
    const double lg_three_share = league_split.three_a / league_split.fga;
    const double lg_three_pct = league_split.three_m / league_split.three_a;
    const double lg_two_pct = league_split.two_m / (league_split.fga - league_split.three_a);
    const double lg_assisted = league_split.assisted / league_split.fgm;
    for (const auto& [key, fga] : fga_with_team) {
        const std::string team = key.substr(key.find('|') + 1);
        Split3& t = split[team];
        const auto s = data.shooting_by_team.find(key);
        const bool known = s != data.shooting_by_team.end();
        const double share = known ? s->second.three_share : lg_three_share;
        const double three_a = fga * share;
        const double three_m = three_a * (known ? s->second.three_pct.value_or(lg_three_pct) : lg_three_pct);
        const double two_m = (fga - three_a) * (known ? s->second.two_pct.value_or(lg_two_pct) : lg_two_pct);
        const double a2 = known ? s->second.two_assisted.value_or(lg_assisted) : lg_assisted;
        const double a3 = known ? s->second.three_assisted.value_or(lg_assisted) : lg_assisted;
        t.fga += fga;
        t.three_a += three_a;
        t.three_m += three_m;
        t.two_m += two_m;
        t.assisted += two_m * a2 + three_m * a3;
        t.fgm += two_m + three_m;
    }

    // Relative possession scale per team from dunks: (made dunks / dunk share of FGA) / FGA share.
    std::map<std::string, std::pair<double, double>> dunk_scale; // team -> (sum dunks * ratio, sum dunks)
    std::map<std::string, int> dunk_players;
    double pooled = 0.0, pooled_weight = 0.0;
    for (const auto& [key, sh] : data.shooting_by_team) {
        const auto f = data.fga_to_snapshot.find(key);
        if (f == data.fga_to_snapshot.end() || !(f->second > 0.0) || sh.dunks < options.min_dunks ||
            !(sh.dunk_share > 0.0)) {
            continue;
        }
        const std::string team = key.substr(key.find('|') + 1);
        const double ratio = sh.dunks / sh.dunk_share / f->second;
        dunk_scale[team].first += sh.dunks * ratio;
        dunk_scale[team].second += sh.dunks;
        ++dunk_players[team];
        pooled += sh.dunks * ratio;
        pooled_weight += sh.dunks;
    }
    const double pooled_ratio = pooled_weight > 0.0 ? pooled / pooled_weight : 1.0;
    std::map<std::string, double> relative;
    for (const auto& [team, o] : offence) {
        const auto d = dunk_scale.find(team);
        const double raw = d == dunk_scale.end() ? 1.0 : d->second.first / d->second.second / pooled_ratio;
        const double n = dunk_players[team];
        relative[team] = 1.0 + n / (n + options.pace_shrink_players) * (raw - 1.0);
    }
    // Plays per 240 team minutes for a league-average team, from the FGA anchor (per game, overtime included).
    double fga_per_play = 0.0, minutes_per_game = 0.0;
    int team_count = 0;
    for (const auto& [team, o] : offence) {
        fga_per_play += relative[team] * o.fga / o.weight;
        minutes_per_game += o.weight / o.games * kRegulationMinutes;
        ++team_count;
    }
    fga_per_play /= team_count;
    minutes_per_game /= team_count;
    const double league_plays = options.league_fga_per_game * (kRegulationMinutes / minutes_per_game) / fga_per_play;

    FittedLeague league;
    league.source = "NBA 2023-24 player game lines (advanced box score), shooting and play-by-play tables: "
                    "github.com/gonzalo-gigena/nba-datasets (MIT), statistics compiled by Basketball-Reference; "
                    "fitted by simbook models::FitBasketballTeams";
    league.attribution = "Player statistics: Basketball-Reference via gonzalo-gigena/nba-datasets (MIT licence). "
                         "FiveThirtyEight RAPTOR (CC BY 4.0) is in the data folder but not used by this fit.";
    league.assumptions = Assumptions(options);
    league.home_advantage_points = options.home_advantage_points;
    league.pace_sd = options.pace_sd;
    league.lead_pull = options.lead_pull;

    auto rates = [](const Totals& t, TeamModel& m) {
        m.turnover_rate = t.tov / (t.fga + t.fta / 2.0 + t.tov);
        m.ft_trip_rate = (t.fta / 2.0) / (t.fga + t.fta / 2.0);
        m.ft_pct = (t.pts - 2.0 * t.efgm) / t.fta;
        m.off_rebound_pct = t.orb_pct / t.games;
    };
    // Offence models (pace filled in below, once every team's possessions are known).
    std::map<std::string, double> chances_per_play;
    for (const auto& [team, o] : offence) {
        FittedTeam ft;
        ft.abbreviation = team;
        const auto name = data.franchise.find(team);
        ft.offense.name = name != data.franchise.end() ? name->second : team;
        rates(o, ft.offense);
        const Split3& s = split[team];
        const double three_a = o.fga * s.three_a / s.fga;
        const double three_m = o.fga * s.three_m / s.fga;
        ft.offense.three_rate = three_a / o.fga;
        ft.offense.three_pct = three_m / three_a;
        ft.offense.two_pct = (o.efgm - 1.5 * three_m) / (o.fga - three_a);
        ft.offense.assist_rate = s.assisted / s.fgm;
        chances_per_play[team] = (o.fga + o.fta / 2.0 + o.tov) / o.weight;
        const Totals& d = defence[team];
        ft.defense.turnover_rate = d.tov / (d.fga + d.fta / 2.0 + d.tov);
        ft.defense.ft_trip_rate = (d.fta / 2.0) / (d.fga + d.fta / 2.0);
        ft.defense.efg = d.efgm / d.fga;
        ft.defense.off_rebound_pct = d.orb_pct / d.games;
        for (double* x :
             {&ft.defense.turnover_rate, &ft.defense.ft_trip_rate, &ft.defense.efg, &ft.defense.off_rebound_pct}) {
            *x = Round(*x, 4);
        }
        league.teams[team] = std::move(ft);
    }
    // Possessions per 48 minutes: own, and the opponents' in the team's games.
    auto possessions = [&](const std::string& team) {
        const FittedTeam& ft = league.teams[team];
        return relative[team] * league_plays * chances_per_play[team] * (1.0 - OffensiveReboundPerChance(ft.offense));
    };
    std::map<std::string, std::pair<double, int>> opp_poss;
    for (std::size_t k = 0; k < team_games.size(); ++k) {
        if (opponent[k] != static_cast<std::size_t>(-1)) {
            auto& [sum, n] = opp_poss[team_games[k].team];
            sum += possessions(team_games[opponent[k]].team);
            ++n;
        }
    }
    for (auto& [team, ft] : league.teams) {
        const auto& [sum, n] = opp_poss[team];
        ft.offense.pace = n > 0 ? 0.5 * (possessions(team) + sum / n) : possessions(team);
    }

    // League averages: pooled totals.
    Totals all;
    for (const auto& [team, o] : offence) {
        all.fga += o.fga;
        all.fta += o.fta;
        all.tov += o.tov;
        all.pts += o.pts;
        all.efgm += o.efgm;
        all.orb_pct += o.orb_pct;
        all.weight += o.weight;
        all.games += o.games;
    }
    TeamModel& lg = league.league.team;
    lg.name = "league average";
    rates(all, lg);
    lg.three_rate = lg_three_share;
    lg.three_pct = lg_three_pct;
    league.league.efg = Round(all.efgm / all.fga, 4);
    lg.two_pct = (league.league.efg - 1.5 * lg_three_share * lg_three_pct) / (1.0 - lg_three_share);
    lg.assist_rate = lg_assisted;
    double pace = 0.0;
    for (const auto& [team, ft] : league.teams) {
        pace += ft.offense.pace;
    }
    lg.pace = pace / static_cast<double>(league.teams.size());
    league.league.fga_per_game = league_plays * all.fga / all.weight;
    league.league.fta_per_game = league_plays * all.fta / all.weight;
    league.league.tov_per_game = league_plays * all.tov / all.weight;
    league.league.points_per_game = lg.pace * ExpectedPointsPerPossession(lg);
    league.league.player = lg_player;

    // Rosters.
    auto shrink = [&](double value, double minutes, double league_value) {
        const double w = minutes / (minutes + options.shrink_minutes);
        return w * value + (1.0 - w) * league_value;
    };
    std::map<std::string, std::vector<std::pair<double, std::string>>> candidates; // team -> (priority, id)
    for (const auto& [id, p] : players) {
        const auto& [games, minutes] = with_team[Join(id + "|", p.team)];
        const double per_game = minutes / games;
        candidates[p.team].emplace_back(per_game * games / (games + 5.0), id);
    }
    for (auto& [team, list] : candidates) {
        std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        if (list.size() > static_cast<std::size_t>(options.max_players)) {
            list.resize(static_cast<std::size_t>(options.max_players));
        }
        FittedTeam& ft = league.teams[team];
        double filled = 0.0;
        double available = 0.0;
        for (const auto& [priority, id] : list) {
            const auto& [games, minutes] = with_team[Join(id + "|", team)];
            available += minutes / games;
        }
        const double stretch = available < kRegulationMinutes ? kRegulationMinutes / available : 1.0;
        for (const auto& [priority, id] : list) {
            const PlayerAgg& p = players[id];
            const std::string key = Join(id + "|", team);
            const auto& [games, minutes] = with_team[key];
            PlayerModel m;
            m.name = p.name;
            m.minutes = std::min(minutes / games * stretch, kRegulationMinutes - filled);
            filled += m.minutes;
            m.usage = shrink(p.usage_min / p.minutes, p.minutes, lg_player.usage);
            m.rebound_pct = shrink(p.trb_min / p.minutes, p.minutes, lg_player.rebound_pct);
            m.assist_pct = shrink(p.ast_min / p.minutes, p.minutes, lg_player.assist_pct);
            m.ft_rate =
                p.fga > 0.0 ? std::min(shrink(p.fta / p.fga, p.minutes, lg_player.ft_rate), 5.0) : lg_player.ft_rate;
            const auto s = data.shooting_total.find(id);
            m.three_rate = s == data.shooting_total.end()
                               ? lg_player.three_rate
                               : shrink(s->second.three_share, s->second.minutes, lg_player.three_rate);
            ft.offense.players.push_back(m);
            RosterLine line;
            line.name = p.name;
            line.id = id;
            line.games = games;
            line.minutes_per_game = Round(minutes / games, 2);
            line.season_minutes = Round(p.minutes, 1);
            line.points_per_game = Round(pts_with_team[key] * relative[team] * league_plays / games, 2);
            ft.roster.push_back(line);
        }
        ft.offense = Rounded(std::move(ft.offense));
        Result<kernels::basketball::BasketballParams> check =
            MakeBasketballParams(BasketballModel{ft.offense, ft.offense, options.pace_sd});
        if (!check.ok()) {
            return Status(check.status().code(), Join("fitted team " + team + ": ", check.status().message()));
        }
    }
    lg = Rounded(lg);
    return league;
}

double ExpectedRegulationMargin(const BasketballModel& model) {
    namespace kb = kernels::basketball;
    const Result<kb::BasketballParams> made = MakeBasketballParams(model);
    SIMBOOK_REQUIRE(made.ok(), "ExpectedRegulationMargin: invalid model");
    const kb::BasketballParams& params = made.value();
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
    // Only cells at least 1e-16 pass mass on, so every non-zero cell lies within 3 points of one that did:
    // each step visits (and clears) only the band [lo, hi] that holds the non-zero cells, in the same order as a
    // sweep of the whole grid, so the sums are the same bit for bit at a fraction of the cost.
    std::vector<double> g(static_cast<std::size_t>(2 * radius + 1)), next(g.size());
    for (int start = 0; start < 2; ++start) {
        std::fill(g.begin(), g.end(), 0.0);
        g[static_cast<std::size_t>(radius)] = 1.0;
        int lo = radius, hi = radius; // g is zero outside [lo, hi]
        for (int k = 0; k < 2 * n; ++k) {
            const int team = start ^ (k & 1);
            int new_lo = 2 * radius, new_hi = 0; // next is all zero here
            for (int i = lo; i <= hi; ++i) {
                if (g[static_cast<std::size_t>(i)] < 1e-16) {
                    continue;
                }
                const int margin = i - radius;
                const auto& p = pmf[team][kb::LeadRow(team == 0 ? margin : -margin)];
                for (int x = 1; x < 4; ++x) {
                    const int to = i + (team == 0 ? x : -x);
                    if (to >= 0 && to <= 2 * radius) {
                        next[static_cast<std::size_t>(to)] += g[static_cast<std::size_t>(i)] * p[x];
                        new_lo = std::min(new_lo, to);
                        new_hi = std::max(new_hi, to);
                    }
                }
                next[static_cast<std::size_t>(i)] += g[static_cast<std::size_t>(i)] * (1.0 - p[1] - p[2] - p[3]);
                new_lo = std::min(new_lo, i);
                new_hi = std::max(new_hi, i);
            }
            std::fill(g.begin() + lo, g.begin() + hi + 1, 0.0); // all zero again: the next step's `next`
            g.swap(next);
            lo = new_lo;
            hi = new_hi;
        }
        for (int i = 0; i < 2 * radius + 1; ++i) {
            mean += 0.5 * (i - radius) * g[static_cast<std::size_t>(i)];
        }
    }
    return mean;
}

namespace {

//! MakeMatchup's lead-pull shifts by (model, target): a bounded map, emptied when full, shared by every thread.
class PullShiftCache {
public:
    std::optional<double> Find(const std::string& key) {
        const std::lock_guard lock(mutex_);
        const auto it = shifts_.find(key);
        return it == shifts_.end() ? std::nullopt : std::optional<double>(it->second);
    }
    void Add(const std::string& key, double shift) {
        const std::lock_guard lock(mutex_);
        if (shifts_.size() >= kCapacity) {
            shifts_.clear();
        }
        shifts_.emplace(key, shift);
    }

private:
    static constexpr std::size_t kCapacity = 4096; // a league's 30 x 29 matchups several times over
    std::mutex mutex_;
    std::unordered_map<std::string, double> shifts_;
};

PullShiftCache& PullShifts() {
    static PullShiftCache cache;
    return cache;
}

} // namespace

Result<BasketballModel> MakeMatchup(const FittedLeague& league, const std::string& home, const std::string& away,
                                    std::optional<double> home_advantage_points) {
    const auto h = league.teams.find(home);
    const auto a = league.teams.find(away);
    for (const auto& [name, it] : {std::pair{home, h}, std::pair{away, a}}) {
        if (it == league.teams.end()) {
            std::string known;
            for (const auto& [code, team] : league.teams) {
                known.append(known.empty() ? "" : ", ").append(code);
            }
            return InvalidArgument(Join("team '", name) + "'", "unknown team (known: " + known + ")");
        }
    }
    if (home == away) {
        return InvalidArgument("team '" + home + "'", "a team cannot play itself");
    }
    const double advantage = home_advantage_points.value_or(league.home_advantage_points);
    if (!InRange(advantage, -20.0, 20.0)) {
        return InvalidArgument("home_advantage_points", std::to_string(advantage) + " is outside [-20, 20]");
    }
    const TeamModel& lg = league.league.team;
    auto against = [&](const FittedTeam& off, const FittedTeam& def) {
        TeamModel t = off.offense;
        t.turnover_rate = Log5(t.turnover_rate, def.defense.turnover_rate, lg.turnover_rate);
        t.ft_trip_rate = Log5(t.ft_trip_rate, def.defense.ft_trip_rate, lg.ft_trip_rate);
        t.off_rebound_pct = Log5(t.off_rebound_pct, def.defense.off_rebound_pct, lg.off_rebound_pct);
        const double shift = Logit(def.defense.efg) - Logit(league.league.efg);
        t.two_pct = Logistic(Logit(t.two_pct) + shift);
        t.three_pct = Logistic(Logit(t.three_pct) + shift);
        return t;
    };
    BasketballModel m;
    m.home = against(h->second, a->second);
    m.away = against(a->second, h->second);
    const double pace = std::clamp(h->second.offense.pace + a->second.offense.pace - lg.pace, 60.0, 140.0);
    m.home.pace = pace;
    m.away.pace = pace;
    m.pace_sd = league.pace_sd;
    m.lead_pull = league.lead_pull;
    // Home advantage: the log-odds shift x (home +x, away -x on both make rates) that adds `advantage` points
    // to the expected margin; the margin is monotone in x, so bisect.
    auto shifted = [](TeamModel t, double x) {
        t.two_pct = Logistic(Logit(t.two_pct) + x);
        t.three_pct = Logistic(Logit(t.three_pct) + x);
        return t;
    };
    const double base = pace * (ExpectedPointsPerPossession(m.home) - ExpectedPointsPerPossession(m.away));
    double lo = -2.0, hi = 2.0;
    for (int i = 0; i < 100; ++i) {
        const double x = 0.5 * (lo + hi);
        const double margin =
            pace * (ExpectedPointsPerPossession(shifted(m.home, x)) - ExpectedPointsPerPossession(shifted(m.away, -x)));
        (margin - base < advantage ? lo : hi) = x;
    }
    const double x = 0.5 * (lo + hi);
    m.home = shifted(m.home, x);
    m.away = shifted(m.away, -x);
    if (m.lead_pull > 0.0) {
        // The pull draws every lead back, the expected one too: shift the make rates apart again until the
        // expected margin is the one of independent possessions (the ratings come from realised averages). The
        // 40 margin DPs take about 18 ms, and every request that loads this matchup asks again: the shift is kept
        // per (model, target), a pure function of them, so a repeat gives the same bits.
        const double target = base + advantage;
        const std::string key = ToJson(m).dump() + "|" + std::to_string(std::bit_cast<std::uint64_t>(target));
        std::optional<double> known = PullShifts().Find(key);
        if (!known) {
            double lo2 = -1.0, hi2 = 1.0;
            for (int i = 0; i < 40; ++i) {
                const double y = 0.5 * (lo2 + hi2);
                BasketballModel t = m;
                t.home = shifted(m.home, y);
                t.away = shifted(m.away, -y);
                (ExpectedRegulationMargin(t) < target ? lo2 : hi2) = y;
            }
            known = 0.5 * (lo2 + hi2);
            PullShifts().Add(key, *known);
        }
        m.home = shifted(m.home, *known);
        m.away = shifted(m.away, -*known);
    }
    if (Result<kernels::basketball::BasketballParams> check = MakeBasketballParams(m); !check.ok()) {
        return check.status();
    }
    return m;
}

namespace {

nlohmann::json TeamJson(const TeamModel& t) {
    return ToJson(BasketballModel{t, t, 4.0})["home"];
}

Result<TeamModel> TeamFromJson(const nlohmann::json& j, const std::string& path) {
    Result<BasketballModel> m = BasketballModelFromJson(nlohmann::json{{"home", j}, {"away", j}});
    if (!m.ok()) {
        return InvalidArgument(path, m.status().message());
    }
    return m.value().home;
}

} // namespace

nlohmann::json ToJson(const FittedLeague& league) {
    nlohmann::json teams = nlohmann::json::object();
    for (const auto& [code, t] : league.teams) {
        nlohmann::json roster = nlohmann::json::array();
        for (const RosterLine& r : t.roster) {
            roster.push_back({{"name", r.name},
                              {"id", r.id},
                              {"games", r.games},
                              {"minutes_per_game", r.minutes_per_game},
                              {"season_minutes", r.season_minutes},
                              {"points_per_game", r.points_per_game}});
        }
        teams[code] = {{"model", TeamJson(t.offense)},
                       {"defense",
                        {{"turnover_rate", Round(t.defense.turnover_rate, 4)},
                         {"ft_trip_rate", Round(t.defense.ft_trip_rate, 4)},
                         {"efg", Round(t.defense.efg, 4)},
                         {"off_rebound_pct", Round(t.defense.off_rebound_pct, 4)}}},
                       {"roster", roster}};
    }
    nlohmann::json lg = TeamJson(league.league.team);
    lg.erase("players");
    const PlayerModel& p = league.league.player;
    return {{"season", league.season},
            {"source", league.source},
            {"attribution", league.attribution},
            {"assumptions", league.assumptions},
            {"home_advantage_points", league.home_advantage_points},
            {"pace_sd", league.pace_sd},
            {"lead_pull", league.lead_pull},
            {"league",
             {{"team", lg},
              {"efg", Round(league.league.efg, 4)},
              {"points_per_game", Round(league.league.points_per_game, 2)},
              {"fga_per_game", Round(league.league.fga_per_game, 2)},
              {"fta_per_game", Round(league.league.fta_per_game, 2)},
              {"tov_per_game", Round(league.league.tov_per_game, 2)},
              {"player",
               {{"usage", Round(p.usage, 4)},
                {"three_rate", Round(p.three_rate, 4)},
                {"ft_rate", Round(p.ft_rate, 4)},
                {"rebound_pct", Round(p.rebound_pct, 4)},
                {"assist_pct", Round(p.assist_pct, 4)}}}}},
            {"teams", teams}};
}

namespace {

//! One line of a fitted team's roster file entry; every field optional, each of its type.
Result<RosterLine> RosterLineFromJson(const nlohmann::json& rj, const std::string& path) {
    if (!rj.is_object()) {
        return InvalidArgument(path, "expected a roster object");
    }
    RosterLine r;
    for (const auto& [name, target] : {std::pair{"name", &r.name}, std::pair{"id", &r.id}}) {
        Result<std::string> text = TextField(rj, name, "", path);
        if (!text.ok()) {
            return text.status();
        }
        *target = std::move(text).value();
    }
    Result<std::int64_t> games = IntField(rj, "games", 0, path, 0, 1000);
    if (!games.ok()) {
        return games.status();
    }
    r.games = static_cast<int>(games.value());
    for (const auto& [name, target] :
         {std::pair{"minutes_per_game", &r.minutes_per_game}, std::pair{"season_minutes", &r.season_minutes},
          std::pair{"points_per_game", &r.points_per_game}}) {
        Result<double> v = NumberField(rj, name, 0.0, path, 0.0, 1e6);
        if (!v.ok()) {
            return v.status();
        }
        *target = v.value();
    }
    return r;
}

} // namespace

Result<FittedLeague> FittedLeagueFromJson(const nlohmann::json& json) {
    if (!json.is_object() || !json.contains("teams") || !json["teams"].is_object() || !json.contains("league")) {
        return InvalidArgument("league", "expected an object with 'league' and 'teams'");
    }
    FittedLeague league;
    for (const auto& [name, target] : {std::pair{"season", &league.season}, std::pair{"source", &league.source},
                                       std::pair{"attribution", &league.attribution}}) {
        Result<std::string> text = TextField(json, name, *target, "league");
        if (!text.ok()) {
            return text.status();
        }
        *target = std::move(text).value();
    }
    Result<std::vector<std::string>> assumptions = StringListField(json, "assumptions", "league");
    if (!assumptions.ok()) {
        return assumptions.status();
    }
    league.assumptions = std::move(assumptions).value();
    for (const auto& [name, target] :
         {std::pair{"home_advantage_points", &league.home_advantage_points}, std::pair{"pace_sd", &league.pace_sd},
          std::pair{"lead_pull", &league.lead_pull}}) {
        Result<double> v = NumberField(json, name, *target, "league", -20.0, 20.0);
        if (!v.ok()) {
            return v.status();
        }
        *target = v.value();
    }
    const nlohmann::json& lj = json["league"];
    if (!lj.is_object() || !lj.contains("team")) {
        return InvalidArgument("league.league", "expected an object with 'team'");
    }
    nlohmann::json lt = lj["team"];
    lt["players"] = nlohmann::json::array({{{"name", "placeholder"}, {"minutes", 1.0}}});
    Result<TeamModel> lteam = TeamFromJson(lt, "league.league.team");
    if (!lteam.ok()) {
        return lteam.status();
    }
    league.league.team = lteam.value();
    league.league.team.players.clear();
    Result<double> efg = NumberField(lj, "efg", league.league.efg, "league.league", 0.0, 1.0);
    if (!efg.ok()) {
        return efg.status();
    }
    league.league.efg = efg.value();
    for (const auto& [name, target] : {std::pair{"points_per_game", &league.league.points_per_game},
                                       std::pair{"fga_per_game", &league.league.fga_per_game},
                                       std::pair{"fta_per_game", &league.league.fta_per_game},
                                       std::pair{"tov_per_game", &league.league.tov_per_game}}) {
        Result<double> v = NumberField(lj, name, 0.0, "league.league", 0.0, 1000.0);
        if (!v.ok()) {
            return v.status();
        }
        *target = v.value();
    }
    for (const auto& [code, tj] : json["teams"].items()) {
        const std::string path = Join("league.teams.", code);
        if (!tj.is_object() || !tj.contains("model") || !tj.contains("defense")) {
            return InvalidArgument(path, "expected an object with 'model' and 'defense'");
        }
        FittedTeam t;
        t.abbreviation = code;
        Result<TeamModel> model = TeamFromJson(tj["model"], path + ".model");
        if (!model.ok()) {
            return model.status();
        }
        t.offense = model.value();
        const nlohmann::json& dj = tj["defense"];
        for (const auto& [name, target] :
             {std::pair{"turnover_rate", &t.defense.turnover_rate}, std::pair{"ft_trip_rate", &t.defense.ft_trip_rate},
              std::pair{"efg", &t.defense.efg}, std::pair{"off_rebound_pct", &t.defense.off_rebound_pct}}) {
            Result<double> v = NumberField(dj, name, *target, path + ".defense", 1e-6, 1.0 - 1e-6);
            if (!v.ok()) {
                return v.status();
            }
            *target = v.value();
        }
        if (tj.contains("roster") && tj["roster"].is_array()) {
            for (std::size_t i = 0; i < tj["roster"].size(); ++i) {
                Result<RosterLine> r = RosterLineFromJson(tj["roster"][i], path + ".roster[" + std::to_string(i) + "]");
                if (!r.ok()) {
                    return r.status();
                }
                t.roster.push_back(std::move(r).value());
            }
        }
        league.teams[code] = std::move(t);
    }
    if (league.teams.size() < 2) {
        return InvalidArgument("league.teams", "needs at least two teams");
    }
    return league;
}

Result<FittedLeague> LoadFittedLeague(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return InvalidArgument(path, "cannot open the file");
    }
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Requests that load a matchup read the same file again and again (a league file is about 250 KB of JSON, a few
    // milliseconds to parse): the last file read well is kept, by its bytes, so an edited file is read afresh.
    static std::mutex mutex;
    static std::string last_text;
    static FittedLeague last_league;
    {
        const std::lock_guard lock(mutex);
        if (!last_text.empty() && text == last_text) {
            return last_league;
        }
    }
    nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded()) {
        return InvalidArgument(path, "not valid JSON");
    }
    Result<FittedLeague> league = FittedLeagueFromJson(json);
    if (!league.ok()) {
        return InvalidArgument(path, league.status().message());
    }
    const std::lock_guard lock(mutex);
    last_text = std::move(text);
    last_league = league.value();
    return league;
}

Result<std::vector<NbaGameResult>> ReconstructNbaGames(const std::string& data_dir) {
    const std::string path = data_dir + "/basketball/player-stats/NBA_2023-2024_advanced_by_game.csv";
    Result<Csv> read = ReadCsv(path);
    if (!read.ok()) {
        return read.status();
    }
    const Csv& csv = read.value();
    Result<std::vector<int>> cols =
        Columns(csv, {"Game Reference", "Team", "MP", "TS%", "eFG%", "3PAr%", "FTr", "TOV%", "USG%", "Reason"});
    if (!cols.ok()) {
        return cols.status();
    }
    const std::vector<int>& c = cols.value();
    struct Line {
        double seconds = 0.0;
        std::optional<double> v[6]; // TS%, eFG%, 3PAr, FTr, TOV%, USG%
    };
    std::map<std::string, std::map<std::string, std::vector<Line>>> games; // ref -> team -> lines
    for (std::size_t r = 0; r < csv.rows.size(); ++r) {
        const auto& row = csv.rows[r];
        if (!row[static_cast<std::size_t>(c[9])].empty()) {
            continue;
        }
        Result<double> minutes = Minutes(csv, r, c[2]);
        if (!minutes.ok()) {
            return minutes.status();
        }
        Line line;
        line.seconds = std::round(minutes.value() * 60.0);
        for (int k = 0; k < 6; ++k) {
            Result<std::optional<double>> v = Number(csv, r, c[static_cast<std::size_t>(3 + k)]);
            if (!v.ok()) {
                return v.status();
            }
            line.v[k] = v.value();
        }
        games[row[static_cast<std::size_t>(c[0])]][row[static_cast<std::size_t>(c[1])]].push_back(line);
    }
    auto frac = [](double x) { return std::abs(x - std::round(x)); };
    std::vector<NbaGameResult> out;
    for (const auto& [ref, teams] : games) {
        if (ref.size() < 12 || teams.size() != 2) {
            return Bad(path, "game " + ref + " does not have two teams");
        }
        NbaGameResult g;
        g.day = ref.substr(0, 8);
        g.home = ref.substr(ref.size() - 3);
        int points[2] = {0, 0};
        bool home_seen = false;
        for (const auto& [team, lines] : teams) {
            const int side = team == g.home ? 0 : 1;
            home_seen = home_seen || side == 0;
            if (side == 1) {
                g.away = team;
            }
            double team_seconds = 0.0;
            for (const Line& l : lines) {
                team_seconds += l.seconds;
            }
            g.overtimes = std::max(g.overtimes, static_cast<int>(std::lround((team_seconds - 14400.0) / 1500.0)));
            std::vector<Line> used;
            for (const Line& l : lines) {
                if (l.v[5] && *l.v[5] > 0.0 && l.seconds > 0.0) {
                    used.push_back(l);
                }
            }
            auto share = [&team_seconds](const Line& l) { return *l.v[5] / 100.0 * l.seconds / (team_seconds / 5.0); };
            double best = 1e300, best_plays = 0.0;
            for (int step = 4000; step <= 18000; ++step) {
                const double plays = step * 0.01;
                double miss = 0.0;
                for (const Line& l : used) {
                    const double p = share(l) * plays;
                    const double tov = l.v[4].value_or(0.0) / 100.0 * p;
                    const double tsa = p - tov;
                    const double fga = l.v[3] ? tsa / (1.0 + 0.44 * *l.v[3]) : 0.0;
                    const double fta = l.v[3] ? *l.v[3] * fga : tsa / 0.44;
                    miss += frac(tov) + frac(fga) + frac(fta) + frac(2.0 * l.v[0].value_or(0.0) * tsa);
                    miss += l.v[2] ? frac(*l.v[2] * fga) : 0.0;
                    miss += l.v[1] ? frac(2.0 * *l.v[1] * fga) : 0.0;
                }
                if (miss < best) {
                    best = miss;
                    best_plays = plays;
                }
            }
            for (const Line& l : used) {
                const double p = share(l) * best_plays;
                points[side] +=
                    static_cast<int>(std::lround(2.0 * l.v[0].value_or(0.0) * (p - l.v[4].value_or(0.0) / 100.0 * p)));
            }
        }
        if (!home_seen) {
            return Bad(path, "game " + ref + " has no lines for its home team " + g.home);
        }
        g.home_points = points[0];
        g.away_points = points[1];
        out.push_back(g);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const NbaGameResult& a, const NbaGameResult& b) { return a.day < b.day; });
    return out;
}

Status WriteFittedTeams(const std::string& data_dir, const std::string& out_dir) {
    Result<FittedLeague> league = FitBasketballTeams(data_dir);
    if (!league.ok()) {
        return league.status();
    }
    Result<BasketballModel> example = MakeMatchup(league.value(), "BOS", "DAL");
    if (!example.ok()) {
        return example.status();
    }
    const std::string league_text = ToJson(league.value()).dump(2) + "\n";
    const std::string example_text = ToJson(example.value()).dump(2) + "\n";
    std::error_code ec;
    std::filesystem::create_directories(out_dir, ec);
    if (ec) {
        return InvalidArgument(out_dir, "cannot create the folder: " + ec.message());
    }
    const std::filesystem::path dir(out_dir);
    for (const auto& [name, text] :
         {std::pair{"2023-24.json", &league_text}, std::pair{"BOS-DAL.json", &example_text}}) {
        const std::string path = (dir / name).string();
        std::ofstream out(path);
        out << *text;
        if (!out) {
            return InvalidArgument(path, "cannot write the file");
        }
    }
    return Status::Ok();
}

} // namespace simbook::models
