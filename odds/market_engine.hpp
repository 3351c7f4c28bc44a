//! MarketEngine: fair probabilities (with Monte Carlo standard errors) of every market of a game, from a
//! finished simulation's tallies, an exact score matrix, or distributions added from a path replay.
#pragma once

#include "engine/simulation_result.hpp"
#include "odds/int_distribution.hpp"
#include "odds/market.hpp"
#include "odds/result.hpp"
#include "odds/score_markets.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace simbook::odds {

//! An integer quantity of one simulated game that markets settle on.
enum class Quantity { kHome, kAway, kTotal, kMargin, kPlayer, kFirstScorer, kRaceWinner, kScoreType };

//! A quantity over a period: goals or points of a team, their total, the margin home - away, or a player's
//! stat (kPlayer: player indexes the roster, home players first, as SimulationResult's players); per path
//! only: the first team to score (kFirstScorer, soccer: 0 none, 1 home, 2 away, 3 before the state) and the
//! first team to `target` points or runs (kRaceWinner: 0 neither, 1 home, 2 away); the next score's type
//! (kScoreType, football: 0 none, 1 touchdown, 2 field goal, 3 safety; also from a simulation's tallies).
struct Variable {
    Quantity quantity = Quantity::kTotal;
    Period period = Period::kGame;
    int player = -1;
    PlayerStat stat = PlayerStat::kPoints;
    int target = 0; //!< kRaceWinner: the race's points

    friend bool operator==(const Variable&, const Variable&) = default;
};

//! One outcome of a market with the probability that prices it: 1 / fair decimal odds, which is P(win)
//! when the bet cannot push (see EffectiveProbability); a market's outcomes sum to 1.
struct MarketOutcome {
    std::string name;                     //!< "home", "draw", "over", "2-1", "home/draw", ...
    Estimate fair;                        //!< probability in [0, 1] and its standard error (0 when exact)
    std::optional<Settlement> settlement; //!< line bets: the win/half/push/lose split behind `fair`
};

//! The joint and marginal estimates of a same-game parlay.
struct ParlayEstimate {
    Estimate joint;             //!< P(every leg wins), on the same paths
    std::vector<Estimate> legs; //!< P(leg i wins)
    double independent = 0.0;   //!< product of the leg probabilities: the price if legs were independent
    Estimate excess;            //!< joint - independent, standard error by the delta method
};

//! A market's fair book.
struct FairMarket {
    std::string key;                      //!< Market::Key()
    std::vector<MarketOutcome> outcomes;  //!< fair probabilities summing to 1
    double other = 0.0;                   //!< mass the market cannot settle (truncated grid), excluded
    std::optional<ParlayEstimate> parlay; //!< parlays only
};

//! Parlay estimates from the counts of each leg-result pattern: pattern_counts[b] = paths where exactly the
//! legs whose bit is set in b won (2^legs entries), over `sims` paths.
Result<ParlayEstimate> ParlayFromPatterns(std::span<const std::uint64_t> pattern_counts, int legs, std::uint64_t sims);

//! Ok, or an Error for a race target the sport does not have (SportRules race_first, race_step, race_last) or a race
//! in a period.
Status CheckRaceTarget(const Market& market, engine::Sport sport);

//! The index of a player by exact name in a roster, or an Error listing the roster.
Result<int> FindPlayer(std::span<const std::string> players, std::string_view name);

//! Bands of a winning-margin market per team (the last one open).
inline constexpr int kMarginBands = 4;

//! Prices markets (PricingEngine role; the Market is the arguments). Cheap to query: distributions are
//! built once, at construction or when a replay adds them.
class MarketEngine {
public:
    //! From a finished simulation: full-game markets, soccer first-half markets, HT/FT, first team to score,
    //! player points/rebounds/assists/threes, races, and baseball's first five innings (from a state at or before
    //! the 5th) come from its tallies; the rest need AddDistribution.
    static Result<MarketEngine> FromSimulation(const engine::SimulationResult& result);
    //! Soccer markets on an exact (sims 0) or simulated full-time score matrix.
    //! The main lines (match result, handicap, total of the whole game) from exact pmfs of the final margin
    //! (home - away) and total; InvalidArgument for a pmf that is not a distribution.
    static Result<MarketEngine> FromLines(engine::Sport sport, std::vector<double> margin, int margin_offset,
                                          std::vector<double> total, int total_offset);
    static MarketEngine FromScoreMatrix(const ScoreMatrix& matrix, engine::Sport sport = engine::Sport::kSoccer);

    //! The market's fair book, or an Error naming what is unsupported or missing (unknown player, a period
    //! or stat whose distribution needs a replay, a parlay without leg tallies).
    Result<FairMarket> Price(const Market& market) const;

    //! Distributions a market needs on a game of the sport with these players (home first), held or not.
    //! Fails for unknown players and markets the sport does not have.
    static Result<std::vector<Variable>> NeededVariables(const Market& market, engine::Sport sport,
                                                         std::span<const std::string> players);
    //! Distributions the market needs that this engine does not hold yet (to be filled from a path tally).
    //! Fails for unknown players.
    Result<std::vector<Variable>> MissingVariables(const Market& market) const;
    //! True when the engine holds the variable's distribution.
    bool Holds(const Variable& variable) const { return Find(variable) != nullptr; }
    //! Adds (or replaces) a variable's distribution.
    void AddDistribution(const Variable& variable, IntDistribution distribution);
    //! Adds a parlay's leg-pattern counts (see ParlayFromPatterns), keyed by Market::Key().
    void AddParlayPatterns(const std::string& key, std::vector<std::uint64_t> pattern_counts);

    //! The roster index of a player by exact name, or an Error listing none found.
    Result<int> PlayerIndex(std::string_view name) const { return FindPlayer(player_names_, name); }
    //! The roster: home players, then away.
    const std::vector<std::string>& Players() const { return player_names_; }
    //! Team of a roster index: 0 home, 1 away.
    int PlayerTeam(int index) const { return player_team_[static_cast<std::size_t>(index)]; }
    //! Sport of the game.
    engine::Sport Sport() const { return sport_; }
    //! Simulated games behind the estimates; 0 when exact.
    std::uint64_t Sims() const { return sims_; }

private:
    MarketEngine() = default;
    const IntDistribution* Find(const Variable& variable) const;
    Result<const IntDistribution*> Need(const Variable& variable) const;
    Estimate MakeEstimate(double probability) const;
    Result<FairMarket> PriceResult(const Market& market) const;
    Result<FairMarket> PriceLine(const Market& market) const;
    Result<FairMarket> PriceWinningMargin(const Market& market) const;

    engine::Sport sport_ = engine::Sport::kSoccer;
    std::uint64_t sims_ = 0;
    std::optional<ScoreMatrix> full_time_;
    std::optional<std::array<std::array<std::uint64_t, 3>, 3>> ht_ft_;
    std::optional<std::array<std::uint64_t, 4>> first_goal_;
    //! Race-to-N tallies by target: [home first, away first, neither] counts.
    std::vector<std::pair<int, std::array<std::uint64_t, 3>>> races_;
    std::vector<std::string> player_names_;
    std::vector<int> player_team_;
    std::vector<std::pair<Variable, IntDistribution>> distributions_;
    std::vector<std::pair<std::string, std::vector<std::uint64_t>>> parlays_;
};

} // namespace simbook::odds
