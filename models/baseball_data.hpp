//! Retrosheet MLB game logs (../shared/data/baseball/retrosheet/GLyyyy.TXT, fields in glfields.txt).
#pragma once

#include "kernels/core/result.hpp"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace simbook::models {

//! A team's batting line of one game (game-log fields 22-38 or 50-66), counts.
struct BattingLine {
    int at_bats = 0;
    int hits = 0;
    int doubles = 0;
    int triples = 0;
    int home_runs = 0;
    int rbi = 0;
    int sacrifice_hits = 0;
    int sacrifice_flies = 0;
    int hit_by_pitch = 0;
    int walks = 0; //!< includes intentional walks
    int intentional_walks = 0;
    int strikeouts = 0;
    int stolen_bases = 0;
    int caught_stealing = 0;
    int gidp = 0;                 //!< grounded into double plays
    int catcher_interference = 0; //!< awarded first on catcher's interference
    int left_on_base = 0;

    //! Plate appearances: AB + BB + HBP + SF + SH + catcher's interference.
    int PlateAppearances() const;
};

//! One team's side of a game.
struct TeamGameLine {
    std::string team;   //!< Retrosheet team code ("NYA", "LAN")
    std::string league; //!< "AL" or "NL"
    int game_number = 0;
    int runs = 0;
    //! Runs per inning batted, in order; -1 where the team did not bat ("x", the home team's unplayed 9th).
    std::vector<int> line_score;
    BattingLine batting;
    int pitchers_used = 0;    //!< 1 is a complete game by the starter
    int putouts = 0;          //!< by this team's fielders: 3 per inning it pitched, fewer in a walk-off inning
    int double_plays = 0;     //!< turned by this team's fielders
    std::string starter_id;   //!< this team's starting pitcher ("kersc001")
    std::string starter_name; //!< "Clayton Kershaw"

    //! Innings batted (line-score entries other than "x").
    int InningsBatted() const;
};

//! One game of a log.
struct RetrosheetGame {
    std::chrono::sys_days date{};
    char game_number = '0'; //!< '0' single game, '1'/'2'/'3' doubleheader game, 'A'/'B' three-team doubleheader
    std::string park;       //!< park id ("LOS03")
    int outs = 0;           //!< length of the game in outs (54 for nine full innings, 51 without the bottom 9th)
    TeamGameLine away;      //!< the visitors
    TeamGameLine home;
    bool home_batted_first = false; //!< "HTBF" in the additional information

    //! Retrosheet game id: home code, yyyymmdd, game number ("ARI201403220").
    std::string Id() const;
};

//! Splits one CSV record (quoted fields may hold commas; "" inside quotes is a quote), or an error for an
//! unterminated quote.
Result<std::vector<std::string>> SplitGameLogRecord(std::string_view line);

//! Parses a line score such as "010000(10)0x": digits are innings, "(nn)" an inning of 10+ runs, "x" an inning
//! not batted (-1). Errors name the text.
Result<std::vector<int>> ParseLineScore(std::string_view text);

//! Parses one game-log record (161 fields). Errors say which field (number and meaning) holds what; the line
//! scores must add up to the runs.
Result<RetrosheetGame> ParseGameLogRecord(std::string_view line);

//! Reads one game-log file; errors name the file and the line.
Result<std::vector<RetrosheetGame>> LoadGameLogFile(const std::string& path);

//! Games of seasons first..last (inclusive) from data_dir/baseball/retrosheet/GLyyyy.TXT (data_dir as
//! ResolveDataDir gives it), in file order (date order). A missing season is an error naming the file.
Result<std::vector<RetrosheetGame>> LoadGameLogs(const std::string& data_dir, int first_season, int last_season);

//! Retrosheet's notice, which must ship with anything derived from the logs.
std::string_view RetrosheetNotice();

} // namespace simbook::models
