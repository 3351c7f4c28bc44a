//! Basketball teams and players in box-score terms -> possession-model kernel parameters.
#pragma once

#include "kernels/basketball/basketball_params.hpp"
#include "kernels/core/result.hpp"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <string>
#include <utility>
#include <vector>

namespace simbook::models {

//! A player's share of his team's events, in basketball-reference terms.
struct PlayerModel {
    std::string name;
    double minutes = 0.0;     //!< expected minutes played
    double usage = 0.2;       //!< usage rate: share of team possessions used while on court, in [0,1]
    double three_rate = 0.4;  //!< 3PA / FGA, in [0,1]
    double ft_rate = 0.25;    //!< FTA / FGA, >= 0
    double rebound_pct = 0.1; //!< share of available rebounds taken while on court, in [0,1]
    double assist_pct = 0.1;  //!< share of teammates' made field goals assisted while on court, in [0,1]
};

//! A team's offence and roster. Rates are per shot chance (a possession has one chance plus one per
//! offensive rebound).
struct TeamModel {
    std::string name;
    double pace = 99.0;            //!< expected possessions per 48 minutes
    double turnover_rate = 0.12;   //!< P(a chance ends in a turnover)
    double three_rate = 0.39;      //!< share of field-goal attempts that are threes
    double ft_trip_rate = 0.12;    //!< P(a non-turnover chance ends in a two-shot free-throw trip)
    double two_pct = 0.545;        //!< two-point make rate
    double three_pct = 0.365;      //!< three-point make rate
    double ft_pct = 0.78;          //!< free-throw make rate
    double off_rebound_pct = 0.24; //!< P(offensive rebound | missed field goal)
    double assist_rate = 0.62;     //!< P(a made field goal is assisted)
    std::vector<PlayerModel> players;
};

//! Lead pull of the calibrated model (NBA 2023-24, `simbook evaluate --sport basketball`): log-odds per point.
inline constexpr double kDefaultLeadPull = 0.003;

//! A game: two teams, the spread of the possession count around the average pace, and the lead pull.
struct BasketballModel {
    TeamModel home;
    TeamModel away;
    double pace_sd = 4.0; //!< standard deviation of possessions per team per game
    //! Score effects: an offence leading by L points (L clamped to +-kLeadCap) has its two- and three-point
    //! make rates shifted by -lead_pull * L in log-odds (a trailing offence's rise), so leads regress and the
    //! two scores correlate. Log-odds per point, in [0, 0.05]; 0 makes possessions independent.
    double lead_pull = kDefaultLeadPull;
};

//! A team's per-chance rates by their JSON names (every TeamModel number but pace), for readers and edits.
inline std::array<std::pair<const char*, double*>, 8> TeamRateFields(TeamModel& t) {
    return {{{"turnover_rate", &t.turnover_rate},
             {"three_rate", &t.three_rate},
             {"ft_trip_rate", &t.ft_trip_rate},
             {"two_pct", &t.two_pct},
             {"three_pct", &t.three_pct},
             {"ft_pct", &t.ft_pct},
             {"off_rebound_pct", &t.off_rebound_pct},
             {"assist_rate", &t.assist_rate}}};
}

//! The built-in example matchup (two NBA-like rosters with league-average-ish rates).
BasketballModel ExampleBasketballModel();

//! Kernel parameters, or an InvalidArgument naming the bad field.
Result<kernels::basketball::BasketballParams> MakeBasketballParams(const BasketballModel& model);

//! Probability of each chance outcome (kernels::basketball::Chance order) for an offence whose lead has
//! threshold row `lead_row` (kernels::basketball::LeadRow; the default is a tied game), exactly as the kernel's
//! quantised thresholds give it.
std::array<double, kernels::basketball::kChanceOutcomes>
ChanceProbabilities(const kernels::basketball::BasketballTeamParams& team,
                    int lead_row = kernels::basketball::kLeadCap);
//! True when every lead row of both teams holds the same thresholds (no lead pull): possessions are independent.
bool LeadIndependent(const kernels::basketball::BasketballParams& params);
//! Probability of each possession count pace_min + k, exactly as the kernel's thresholds give it.
std::array<double, kernels::basketball::kPaceValues>
PaceProbabilities(const kernels::basketball::BasketballParams& params);

//! Reads {"home": team, "away": team, "pace_sd": x, "lead_pull": y}; team fields as in TeamModel, players as
//! PlayerModel.
Result<BasketballModel> BasketballModelFromJson(const nlohmann::json& json);
nlohmann::json ToJson(const BasketballModel& model);

} // namespace simbook::models
