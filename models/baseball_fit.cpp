#include "models/baseball_fit.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace simbook::models {
namespace {

//! Weighted outcome counts and plate appearances.
struct Tally {
    PaRates counts{};
    double pa = 0.0;

    void Add(const PaRates& c, double w) {
        for (std::size_t i = 0; i < counts.size(); ++i) {
            counts[i] += w * c[i];
            pa += w * c[i];
        }
    }
};

PaRates Shrink(const Tally& t, const PaRates& prior, double prior_pa) {
    PaRates out{};
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i] = (t.counts[i] + prior_pa * prior[i]) / (t.pa + prior_pa);
    }
    return out;
}

//! Everything the fit sums over the games before the date.
struct Sums {
    Tally league;
    std::map<std::string, Tally> batting, pitching, starts;
    std::map<std::string, std::pair<std::string, std::string>> starter_team_name; //!< id -> (team, name)
    std::map<std::string, int> starter_count;
    std::map<std::string, std::map<std::string, double>> home_parks; //!< team -> park -> weight
    std::map<std::string, std::array<double, 2>> park_runs_innings, road_runs_innings;
    std::map<std::string, std::map<std::string, double>> park_home_teams; //!< park -> team -> weight
    double games = 0.0, runs = 0.0, innings = 0.0, gidp = 0.0, sf = 0.0;
    double home_runs = 0.0, home_innings = 0.0, away_runs = 0.0, away_innings = 0.0;
    std::array<double, 9> inning_runs{}, inning_halves{};
    std::map<std::string, std::array<double, 3>> team_runs; //!< team -> (weight, weighted runs, weighted runs^2)
    int count = 0;
};

//! Runs by inning 1..9 (the 9th from its top half only).
void AddInnings(Sums& s, const RetrosheetGame& g, double w) {
    for (std::size_t i = 0; i < 9; ++i) {
        for (const TeamGameLine* t : {&g.away, &g.home}) {
            if (i < t->line_score.size() && t->line_score[i] >= 0 && (i < 8 || t == &g.away)) {
                s.inning_runs[i] += w * t->line_score[i];
                s.inning_halves[i] += w;
            }
        }
    }
}

void AddGame(Sums& s, const RetrosheetGame& g, double w) {
    const TeamGameLine* side[2] = {&g.home, &g.away};
    for (int i = 0; i < 2; ++i) {
        const TeamGameLine& bat = *side[i];
        const TeamGameLine& pitch = *side[1 - i];
        const PaRates c = OutcomeCounts(bat.batting);
        s.league.Add(c, w);
        s.batting[bat.team].Add(c, w);
        s.pitching[pitch.team].Add(c, w);
        s.starts[pitch.starter_id].Add(c, w);
        s.starter_team_name[pitch.starter_id] = {pitch.team, pitch.starter_name};
        ++s.starter_count[pitch.starter_id];
        auto& runs = s.team_runs[bat.team];
        runs[0] += w;
        runs[1] += w * bat.runs;
        runs[2] += w * bat.runs * bat.runs;
        s.gidp += w * bat.batting.gidp;
        s.sf += w * bat.batting.sacrifice_flies;
    }
    const double runs = g.home.runs + g.away.runs;
    const double innings = g.home.InningsBatted() + g.away.InningsBatted();
    s.games += w;
    ++s.count;
    s.runs += w * runs;
    s.innings += w * innings;
    s.home_runs += w * g.home.runs;
    s.home_innings += w * g.home.InningsBatted();
    s.away_runs += w * g.away.runs;
    s.away_innings += w * g.away.InningsBatted();
    AddInnings(s, g, w);
    s.home_parks[g.home.team][g.park] += w;
    s.park_home_teams[g.park][g.home.team] += w;
    auto& park = s.park_runs_innings[g.park];
    park[0] += w * runs;
    park[1] += w * innings;
    auto& road = s.road_runs_innings[g.away.team];
    road[0] += w * runs;
    road[1] += w * innings;
}

//! out_advance in [0, 1] that makes the league's expected runs per half-inning `runs_per_inning` (bisection).
double FitOutAdvance(const PaRates& league, BaseRunning running, double runs_per_inning) {
    double lo = 0.0;
    double hi = 1.0;
    for (int i = 0; i < 40; ++i) {
        running.out_advance = 0.5 * (lo + hi);
        (RunExpectancy(league, running)[0] < runs_per_inning ? lo : hi) = running.out_advance;
    }
    return 0.5 * (lo + hi);
}

//! Double-play and sacrifice-fly rates such that the chain's expected counts per half-inning match the data's,
//! and out_advance such that its runs per half-inning do.
BaseRunning FitRunning(const PaRates& league, BaseRunning running, double gidp_per_inning, double sf_per_inning,
                       double runs_per_inning) {
    for (int iteration = 0; iteration < 20; ++iteration) {
        const auto expected = ExpectedDoublePlaysAndSacFlies(league, running);
        running.double_play = std::clamp(running.double_play * gidp_per_inning / expected[0], 0.0, 1.0);
        running.sacrifice_fly = std::clamp(running.sacrifice_fly * sf_per_inning / expected[1], 0.0, 1.0);
        running.out_advance = FitOutAdvance(league, running, runs_per_inning);
    }
    return running;
}

double ParkFactor(const Sums& s, const std::string& park, double prior_games) {
    const auto& here = s.park_runs_innings.at(park);
    double road_rate = 0.0, weight = 0.0;
    for (const auto& [team, w] : s.park_home_teams.at(park)) {
        const auto it = s.road_runs_innings.find(team);
        if (it != s.road_runs_innings.end() && it->second[1] > 0.0) {
            road_rate += w * it->second[0] / it->second[1];
            weight += w;
        }
    }
    if (weight <= 0.0 || here[1] <= 0.0) {
        return 1.0;
    }
    const double raw = (here[0] / here[1]) / (road_rate / weight);
    const double games = weight;
    return std::clamp(1.0 + (raw - 1.0) * games / (games + prior_games), 0.5, 2.0);
}

//! Pooled within-team variance of runs per team-game.
double WithinTeamVariance(const Sums& s) {
    double sum = 0.0, weight = 0.0;
    for (const auto& [team, r] : s.team_runs) {
        sum += r[2] - r[1] * r[1] / r[0];
        weight += r[0];
    }
    return sum / weight;
}

//! Variance of a day factor of spread sd.
double DayVariance(double sd) {
    double second = 0.0;
    for (const auto& [factor, p] : DayFactors(sd)) {
        second += p * factor * factor;
    }
    return second - 1.0;
}

//! day_sd such that a league-average team's runs per game have the data's variance (0 when the chain's own is as
//! large; at most 0.5).
double FitDaySd(const FittedBaseball& fit, double data_variance) {
    double mean = 0.0, variance = 0.0;
    for (double factor : fit.inning_factors) {
        const PaRates rates = ScaleOnBase(fit.league, OnBaseScaleForRuns(fit.league, fit.running, factor));
        const auto moments = HalfInningRunMoments(rates, fit.running);
        mean += moments[0];
        variance += moments[1];
    }
    const double target = (data_variance - variance) / (mean * mean);
    if (!(target > 0.0)) {
        return 0.0;
    }
    double lo = 0.0, hi = 0.5;
    for (int i = 0; i < 50; ++i) {
        const double mid = 0.5 * (lo + hi);
        (DayVariance(mid) < target ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

PaRates StarterRates(const PaRates& starts, const PaRates& team, double share) {
    PaRates out{};
    double sum = 0.0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i] = std::max(team[i] + (starts[i] - team[i]) / share, 0.2 * team[i]);
        sum += out[i];
    }
    for (double& p : out) {
        p /= sum;
    }
    return out;
}

//! Rates measured against the league `from` moved to the league `to`: each outcome times to / from, renormalised.
PaRates Rebase(const PaRates& rates, const PaRates& from, const PaRates& to) {
    PaRates out{};
    double sum = 0.0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i] = from[i] > 0.0 ? rates[i] * to[i] / from[i] : rates[i];
        sum += out[i];
    }
    for (double& p : out) {
        p /= sum;
    }
    return out;
}

//! Every game before `before`, weighted 2^(-age / half_life).
Sums SumGames(const std::vector<RetrosheetGame>& games, std::chrono::sys_days before, double half_life) {
    Sums s;
    for (const RetrosheetGame& g : games) {
        if (g.date < before) {
            AddGame(s, g, std::exp2(-static_cast<double>((before - g.date).count()) / half_life));
        }
    }
    return s;
}

std::vector<std::string> Assumptions(const BaseballFitOptions& o) {
    return {
        "plate-appearance outcomes from team batting lines: walk = BB + HBP + catcher's interference, other out = "
        "PA - K - walks - hits (errors and sacrifice bunts are outs)",
        "team rates shrunk toward the league with a prior of " + std::to_string(o.prior_pa) +
            " PA; no schedule "
            "adjustment; games weighted 2^(-age / " +
            std::to_string(o.half_life_days) + " days)",
        "starters pitch " + std::to_string(o.starter_innings) +
            " full innings on average (assumed: the logs have "
            "no innings per pitcher); a starter's rates come from his opponents' whole-game lines in his starts, "
            "shrunk "
            "toward his team (" +
            std::to_string(o.starter_prior_pa) + " PA) and unmixed from the bullpen's share",
        "the bullpen allows the team's overall pitching rates",
        "league run environment (league rates, base running, runs per inning) weighted 2^(-age / " +
            std::to_string(o.league_half_life_days > 0.0 ? o.league_half_life_days : o.half_life_days) +
            " days); team and starter rates re-based to it from the league of their own weighting, outcome by outcome",
        "runner on 2nd scores on a single with p = " + std::to_string(o.running.single_second_scores) +
            ", runner on 1st reaches 3rd on a single with p = " + std::to_string(o.running.single_first_to_third) +
            ", runner on 1st scores on a double with p = " + std::to_string(o.running.double_first_scores) +
            " (assumed)",
        "double plays fitted from GIDP totals, runs from 3rd on outs from sacrifice-fly totals (runs on ground outs "
        "are not counted); out_advance (runners on 1st and 2nd move up on an out) fitted to the league's runs per "
        "inning, standing in for productive outs, steals, wild pitches and errors, which are not modelled as such",
        "inning factors: runs per half-inning in each of innings 1-9 over the average (batting order is not "
        "modelled, so the 1st inning's top of the order enters only through its factor)",
        "day factors: day_sd matches a league-average team's variance of runs per game (chain plus day factor) to "
        "the data's within-team variance (which also holds opponents, parks and home or away); from a live state the "
        "day factors keep their pre-game weights",
        "home advantage: sqrt of home over visitors' runs per inning batted; park factors: runs per inning at the "
        "park over its home teams' road games, shrunk toward 1 with " +
            std::to_string(o.park_prior_games) + " games",
    };
}

Status CheckOptions(const BaseballFitOptions& o) {
    const std::pair<const char*, bool> checks[] = {
        {"half_life_days", o.half_life_days > 0.0},
        {"league_half_life_days", o.league_half_life_days >= 0.0 && std::isfinite(o.league_half_life_days)},
        {"starter_innings", o.starter_innings > 0.0 && o.starter_innings <= 9.0},
        {"prior_pa", o.prior_pa >= 0.0 && std::isfinite(o.prior_pa)},
        {"starter_prior_pa", o.starter_prior_pa > 0.0 && std::isfinite(o.starter_prior_pa)},
        {"park_prior_games", o.park_prior_games >= 0.0 && std::isfinite(o.park_prior_games)},
        {"min_games", o.min_games >= 1.0},
    };
    for (const auto& [name, ok] : checks) {
        if (!ok) {
            return InvalidArgument(std::string("options.") + name, "out of range (see BaseballFitOptions)");
        }
    }
    return Status::Ok();
}

//! League rates and base running from `level` (the run environment's weighting); home advantage, inning factors, day
//! spread and park factors from `s`.
void FitLeague(const Sums& level, const Sums& s, const BaseballFitOptions& options, FittedBaseball& fit) {
    fit.league = Shrink(level.league, level.league.counts, 0.0);
    fit.running = FitRunning(fit.league, options.running, level.gidp / level.innings, level.sf / level.innings,
                             level.runs / level.innings);
    fit.starter_innings = options.starter_innings;
    fit.home_run_factor = std::sqrt((s.home_runs / s.home_innings) / (s.away_runs / s.away_innings));
    fit.runs_per_team_game = level.runs / (2.0 * level.games);
    fit.runs_per_inning = level.runs / level.innings;
    const double runs_per_inning = s.runs / s.innings; // the inning factors' own weighting
    for (std::size_t i = 0; i < 9; ++i) {
        const double rate = s.inning_halves[i] > 0.0 ? s.inning_runs[i] / s.inning_halves[i] : runs_per_inning;
        fit.inning_factors[i] = std::clamp(rate / runs_per_inning, 0.5, 2.0);
    }
    fit.runs_variance = WithinTeamVariance(s);
    fit.day_sd = FitDaySd(fit, fit.runs_variance);
    for (const auto& [park, unused] : s.park_runs_innings) {
        fit.park_factors[park] = ParkFactor(s, park, options.park_prior_games);
    }
}

//! Every team's batting and pitching rates, shrunk toward the league, and its usual park.
void FitTeams(const Sums& s, const BaseballFitOptions& options, FittedBaseball& fit) {
    const PaRates league = Shrink(s.league, s.league.counts, 0.0); // the league of the teams' own weighting
    for (const auto& [code, tally] : s.batting) {
        FittedBaseballTeam& t = fit.teams[code];
        const Tally& allowed = s.pitching.at(code);
        t.code = code;
        t.batting = Rebase(Shrink(tally, league, options.prior_pa), league, fit.league);
        t.batting_pa = tally.pa;
        t.pitching = Rebase(Shrink(allowed, league, options.prior_pa), league, fit.league);
        t.pitching_pa = allowed.pa;
        if (const auto parks = s.home_parks.find(code); parks != s.home_parks.end()) {
            const auto top = std::max_element(parks->second.begin(), parks->second.end(),
                                              [](const auto& a, const auto& b) { return a.second < b.second; });
            t.home_park = top->first;
        }
    }
}

//! Every starter's rates from his starts, shrunk toward his (latest) team's pitching.
void FitStarters(const Sums& s, const BaseballFitOptions& options, FittedBaseball& fit) {
    const PaRates league = Shrink(s.league, s.league.counts, 0.0);
    for (const auto& [id, tally] : s.starts) {
        const auto& [team, name] = s.starter_team_name.at(id);
        const PaRates team_rates = Shrink(s.pitching.at(team), league, options.prior_pa); // before re-basing
        FittedStarter st{id, name, team, s.starter_count.at(id), tally.pa, {}};
        st.rates = Rebase(StarterRates(Shrink(tally, team_rates, options.starter_prior_pa), team_rates,
                                       options.starter_innings / 9.0),
                          league, fit.league);
        fit.starters[id] = std::move(st);
    }
}

} // namespace

PaRates OutcomeCounts(const BattingLine& b) {
    const double walks = b.walks + b.hit_by_pitch + b.catcher_interference;
    const double singles = b.hits - b.doubles - b.triples - b.home_runs;
    const double pa = b.PlateAppearances();
    const double other = pa - b.strikeouts - walks - b.hits;
    return {static_cast<double>(b.strikeouts),
            std::max(other, 0.0),
            walks,
            singles,
            static_cast<double>(b.doubles),
            static_cast<double>(b.triples),
            static_cast<double>(b.home_runs)};
}

Result<FittedBaseball> FitBaseball(const std::vector<RetrosheetGame>& games, std::chrono::sys_days before,
                                   const BaseballFitOptions& options) {
    if (Status status = CheckOptions(options); !status.ok()) {
        return status;
    }
    const Sums s = SumGames(games, before, options.half_life_days);
    if (s.games < options.min_games || s.league.pa <= 0.0 || s.innings <= 0.0) {
        return InvalidArgument("before", "only " + std::to_string(s.games) + " weighted games before the date (" +
                                             std::to_string(options.min_games) + " needed)");
    }
    FittedBaseball fit;
    fit.before = before;
    fit.games = s.games;
    fit.game_count = s.count;
    const double level_half_life =
        options.league_half_life_days > 0.0 ? options.league_half_life_days : options.half_life_days;
    if (level_half_life != options.half_life_days) {
        FitLeague(SumGames(games, before, level_half_life), s, options, fit);
    } else {
        FitLeague(s, s, options, fit);
    }
    FitTeams(s, options, fit);
    FitStarters(s, options, fit);
    fit.assumptions = Assumptions(options);
    return fit;
}

Result<BaseballModel> MakeBaseballMatchup(const FittedBaseball& fit, const std::string& home, const std::string& away,
                                          const std::string& home_starter, const std::string& away_starter,
                                          const std::string& park) {
    BaseballModel m;
    m.league = fit.league;
    m.running = fit.running;
    m.home_run_factor = fit.home_run_factor;
    m.inning_factors = fit.inning_factors;
    m.day_sd = fit.day_sd;
    const std::pair<const std::string*, const std::string*> sides[2] = {{&home, &home_starter}, {&away, &away_starter}};
    BaseballTeamModel* out[2] = {&m.home, &m.away};
    for (int i = 0; i < 2; ++i) {
        const auto it = fit.teams.find(*sides[i].first);
        if (it == fit.teams.end()) {
            return InvalidArgument(i == 0 ? "home" : "away", "unknown team \"" + *sides[i].first + "\"");
        }
        BaseballTeamModel& t = *out[i];
        t.name = it->first;
        t.batting = it->second.batting;
        t.pitching.bullpen_rates = it->second.pitching;
        t.pitching.starter_innings = fit.starter_innings;
        const auto st = fit.starters.find(*sides[i].second);
        t.pitching.starter = st == fit.starters.end() ? "(team average)" : st->second.name;
        t.pitching.starter_rates = st == fit.starters.end() ? it->second.pitching : st->second.rates;
    }
    const std::string& where = park.empty() ? fit.teams.at(home).home_park : park;
    const auto pf = fit.park_factors.find(where);
    m.park_factor = pf == fit.park_factors.end() ? 1.0 : pf->second;
    if (Status s = ValidateBaseballModel(m); !s.ok()) {
        return s;
    }
    return m;
}

} // namespace simbook::models
