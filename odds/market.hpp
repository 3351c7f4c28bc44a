//! Market: the arguments of a market (what is bet on, which period, which line), parsed from text such as
//! "totals:2.5", "q1:spreads:-1.5", "player_points:Jayson Tatum:24.5" or "sgp:h2h=home+totals:2.5=over".
#pragma once

#include "odds/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace simbook::odds {

//! What a market bets on.
enum class MarketKind {
    kMatchResult,      //!< "h2h": soccer 1X2; basketball moneyline (overtime included, no draw)
    kDoubleChance,     //!< "double_chance": 1X, 12, X2
    kDrawNoBet,        //!< "dnb"
    kHandicap,         //!< "spreads:L": home at handicap L (Asian rules in soccer), away at -L
    kTotal,            //!< "totals:L": over/under L
    kTeamTotal,        //!< "team_totals:home|away:L"
    kBothTeamsToScore, //!< "btts"
    kCorrectScore,     //!< "correct_score" or "correct_score:N" (N most likely scores plus any other)
    kHalfTimeFullTime, //!< "ht_ft"
    kFirstTeamToScore, //!< "first_to_score": home, away, no goal
    kWinToNil,         //!< "win_to_nil:home|away": yes/no
    kPlayerProp,       //!< "player_points|rebounds|assists|threes|pra:NAME:L": over/under L
    kParlay,           //!< "sgp:LEG+LEG+...", LEG = MARKET=OUTCOME: all legs win, same simulated paths
    kRaceTo,           //!< "race:N": which team reaches N points or runs first (the sport's targets, SportRules)
    //! "winning_margin": the final margin in bands of the sport's width (SportRules::margin_band, NFL 6): outcomes
    //! "home_1-6", "home_7-12", "home_13-18", "home_19+", the same for "away_", and "tie".
    kWinningMargin,
    //! "next_score_type": how the next points after the state come: "touchdown", "field_goal", "safety", "none".
    kNextScoreType,
};

//! The band of a winning-margin outcome name: margin (home - away) in [*lo, *hi]; false for a name that is not one
//! ("home_7-12" -> [7, 12], "away_19+" -> [INT_MIN, -19], "tie" -> [0, 0]).
bool WinningMarginBand(std::string_view outcome, int* lo, int* hi);

//! Which part of the game a market settles on. Soccer has halves; basketball quarters and halves, where the
//! second half includes overtime and the fourth quarter does not; baseball the first five innings ("f5": runs after
//! five full innings) and single innings 1-9 ("i1".."i9": NRFI is "i1:totals:0.5" under).
enum class Period {
    kGame,
    kFirstHalf,
    kSecondHalf,
    kQ1,
    kQ2,
    kQ3,
    kQ4,
    kFirstFive,
    kInning1,
    kInning2,
    kInning3,
    kInning4,
    kInning5,
    kInning6,
    kInning7,
    kInning8,
    kInning9
};

//! The inning of a single-inning period (1-9), or 0 for any other period.
int InningOf(Period period);

//! A basketball player's box-score stat.
enum class PlayerStat { kPoints = 0, kRebounds = 1, kAssists = 2, kThrees = 3, kPointsReboundsAssists = 4 };

//! Home or away team of a market (kept local to markets: score_markets.hpp has its own Team).
enum class Side { kHome, kAway };

struct Leg;

//! A market's arguments.
struct Market {
    MarketKind kind = MarketKind::kMatchResult;
    Period period = Period::kGame;
    double line = 0.0;       //!< handicap or total line (kHandicap, kTotal, kTeamTotal, kPlayerProp); kRaceTo: N
    Side team = Side::kHome; //!< kTeamTotal, kWinToNil
    std::string player;      //!< kPlayerProp
    PlayerStat stat = PlayerStat::kPoints; //!< kPlayerProp
    int top = 16;                          //!< kCorrectScore: scores listed before "any other"
    std::vector<Leg> legs;                 //!< kParlay

    //! The canonical text of the market ("q1:totals:55.5"); parsing it gives the same market.
    std::string Key() const;
};

//! One selection of a parlay: an outcome (by name, e.g. "home", "over", "yes", "draw") of a market.
struct Leg {
    Market market;
    std::string outcome;
};

//! Parses one market (see MarketKind for the syntax; "q1:", "q2:", "q3:", "q4:", "h1:", "h2:", "f5:", "i1:".."i9:"
//! prefixes pick a period; whether the sport has it is the pricer's check). A line "FROM..TO" or "FROM..TO/STEP" is a
//! ladder of alternate lines (at most 501) and is refused here: use ParseMarkets. Errors name the bad text: unknown
//! market, bad line (a total must be >= 0), bad team.
Result<Market> ParseMarket(std::string_view text);

//! Parses a comma-separated list of markets, expanding ladders ("totals:220.5..230.5" is eleven totals,
//! "spreads:-9.5..-1.5/2" five spreads) into one market per line, in order.
Result<std::vector<Market>> ParseMarkets(std::string_view text);

//! "points", "rebounds", "assists", "threes" or "pra".
std::string_view ToString(PlayerStat stat);
//! "", "h1", "h2", "q1".."q4", "f5", "i1".."i9".
std::string_view ToString(Period period);

} // namespace simbook::odds
