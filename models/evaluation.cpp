#include "models/evaluation.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>
#include <tuple>
#include <utility>

namespace simbook::models {

int MatchOutcome(int home_goals, int away_goals) {
    return home_goals > away_goals ? 0 : (home_goals == away_goals ? 1 : 2);
}

void ThreeWayScores::Add(const ThreeWay& p, int outcome) {
    const double ll = -std::log(std::max(p[static_cast<std::size_t>(outcome)], 1e-15));
    log_loss += ll;
    log_losses.push_back(ll);
    double cumulative_p = 0.0;
    double cumulative_o = 0.0;
    for (int k = 0; k < 3; ++k) {
        const double o = k == outcome ? 1.0 : 0.0;
        brier += std::pow(p[static_cast<std::size_t>(k)] - o, 2);
        if (k < 2) {
            cumulative_p += p[static_cast<std::size_t>(k)];
            cumulative_o += o;
            rps += 0.5 * std::pow(cumulative_p - cumulative_o, 2);
        }
    }
}

double ThreeWayScores::MeanLogLoss() const {
    return log_loss / double(std::max<std::size_t>(Count(), 1));
}
double ThreeWayScores::MeanBrier() const {
    return brier / double(std::max<std::size_t>(Count(), 1));
}
double ThreeWayScores::MeanRps() const {
    return rps / double(std::max<std::size_t>(Count(), 1));
}

void BinaryScores::Add(double p, bool yes) {
    log_loss -= std::log(std::max(yes ? p : 1.0 - p, 1e-15));
    brier += std::pow(p - (yes ? 1.0 : 0.0), 2);
    ++count;
}

void Calibration::Add(const ThreeWay& p, int outcome) {
    for (int k = 0; k < 3; ++k) {
        const double q = p[static_cast<std::size_t>(k)];
        const auto b = static_cast<std::size_t>(std::clamp(int(q * kCalibrationBuckets), 0, kCalibrationBuckets - 1));
        count[b] += 1.0;
        predicted[b] += q;
        observed[b] += k == outcome ? 1.0 : 0.0;
    }
}

void Calibration::AddBinary(double p, bool yes) {
    for (const auto& [q, happened] : {std::pair{p, yes}, std::pair{1.0 - p, !yes}}) {
        const auto b = static_cast<std::size_t>(std::clamp(int(q * kCalibrationBuckets), 0, kCalibrationBuckets - 1));
        count[b] += 1.0;
        predicted[b] += q;
        observed[b] += happened ? 1.0 : 0.0;
    }
}

std::pair<double, double> PairedDifference(const std::vector<double>& a, const std::vector<double>& b) {
    const double n = double(a.size());
    double sum = 0.0;
    double sum_sq = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        sum += a[i] - b[i];
        sum_sq += (a[i] - b[i]) * (a[i] - b[i]);
    }
    const double mean = sum / n;
    return {mean, n > 1 ? std::sqrt(std::max(0.0, (sum_sq - n * mean * mean) / (n - 1.0)) / n) : 0.0};
}

std::vector<const SoccerOdds*> OddsByMatch(const OddsJoin& join, std::span<const SoccerOdds> odds,
                                           std::size_t results) {
    std::vector<const SoccerOdds*> out(results, nullptr);
    for (std::size_t r = 0; r < odds.size(); ++r) {
        if (const auto m = join.result_of[r]) {
            out[*m] = &odds[r];
        }
    }
    return out;
}

std::vector<MarketRatedMatch> MarketRatedMatches(std::span<const SoccerMatch> results,
                                                 std::span<const SoccerOdds* const> odds_of,
                                                 const MarketProbabilities& market, double rho) {
    std::vector<MarketRatedMatch> rated;
    rated.reserve(results.size());
    for (std::size_t i = 0; i < results.size(); ++i) {
        const SoccerMatch& m = results[i];
        MarketRatedMatch r{
            m.date, m.home, m.away, m.home_goals, m.away_goals, m.home_shots_on_target, m.away_shots_on_target};
        if (odds_of[i] != nullptr) {
            if (const auto p = market(*odds_of[i])) {
                r.has_market = true;
                std::tie(r.market_home, r.market_away) = ImpliedGoalMeans(*p, rho);
            }
        }
        rated.push_back(std::move(r));
    }
    return rated;
}

Result<WalkForward> RunWalkForward(const WalkForwardOptions& o, const MatchPricer& pricer,
                                   const MarketProbabilities& market, const MotivationFn& motivation) {
    const DixonColesOptions& options = o.fit;
    const bool market_ratings = o.model == SoccerRatingModel::kMarketRatings;
    const double window_days =
        market_ratings ? std::max(options.window_days, o.market_ratings.window_days) : options.window_days;
    const int lookback = static_cast<int>(std::ceil(window_days / 365.0)) + 1;
    auto loaded = LoadSoccerResults(o.data_dir, o.league, o.first_season - lookback, o.last_season);
    if (!loaded.ok()) {
        return loaded.status();
    }
    auto odds_rows = LoadSoccerOdds(o.data_dir, o.league);
    if (!odds_rows.ok()) {
        return odds_rows.status();
    }
    WalkForward out;
    out.results = std::move(*loaded);
    const std::vector<SoccerMatch>& all = out.results;
    // Only the odds of the loaded seasons are joined.
    const int first_loaded = all.empty() ? o.first_season : all.front().season;
    for (SoccerOdds& row : *odds_rows) {
        if (row.season >= first_loaded && row.season <= o.last_season) {
            out.odds.push_back(std::move(row));
        }
    }
    out.odds_join = JoinOddsToResults(out.odds, all, SoccerTeamNameMap(o.league));
    const std::vector<const SoccerOdds*> market_of = OddsByMatch(out.odds_join, out.odds, all.size());
    const std::vector<MarketRatedMatch> rated = market_ratings
                                                    ? MarketRatedMatches(all, market_of, market, o.market_ratings.rho)
                                                    : std::vector<MarketRatedMatch>{};
    std::map<int, std::set<std::string>> teams_by_season;
    for (const SoccerMatch& m : all) {
        teams_by_season[m.season].insert(m.home);
        teams_by_season[m.season].insert(m.away);
    }

    std::optional<DixonColesModel> model;
    // Whether `model` comes from the market ratings (not the Dixon-Coles fallback): only those are recalibrated and
    // get the motivation term, both tuned on them.
    bool model_from_market = false;
    bool fitted_from_market = false;
    const auto started = std::chrono::steady_clock::now();
    for (int season = o.first_season; season <= o.last_season; ++season) {
        std::vector<const SoccerMatch*> season_matches;
        for (const SoccerMatch& m : all) {
            if (m.season == season) {
                season_matches.push_back(&m);
            }
        }
        if (season_matches.empty()) {
            return Status(StatusCode::kInvalidArgument, "no " + SeasonLabel(season) + " results for " + o.league +
                                                            " in " + o.data_dir + "/soccer/results");
        }
        // Promoted teams (not in last season's league) start from the mean ratings of the relegated teams,
        // taken from a fit on everything before the season: their prior mean for the whole season.
        std::map<std::string, std::pair<double, double>> prior;
        const auto fit_before = [&](std::chrono::sys_days day) -> Result<DixonColesModel> {
            if (market_ratings) {
                ++out.fits;
                auto fitted = FitMarketRatings(rated, day, o.market_ratings, prior);
                fitted_from_market = fitted.ok();
                if (fitted.ok()) {
                    return fitted;
                }
                ++out.fallback_fits;
            }
            auto data = MakeDixonColesData(all, day - std::chrono::days{1}, options);
            if (!data.ok()) {
                return data.status();
            }
            data->prior_attack.assign(data->teams.size(), 0.0);
            data->prior_defence.assign(data->teams.size(), 0.0);
            for (std::size_t i = 0; i < data->teams.size(); ++i) {
                if (const auto it = prior.find(data->teams[i]); it != prior.end()) {
                    data->prior_attack[i] = it->second.first;
                    data->prior_defence[i] = it->second.second;
                }
            }
            out.fits += market_ratings ? 0 : 1;
            auto fitted = FitDixonColes(*data, options, model && !market_ratings ? &*model : nullptr);
            if (!fitted.ok()) {
                return fitted.status();
            }
            return std::move(fitted->model);
        };
        const auto& previous = teams_by_season[season - 1];
        const auto& current = teams_by_season[season];
        if (auto start = fit_before(season_matches.front()->date); start.ok() && !previous.empty()) {
            double attack = 0.0;
            double defence = 0.0;
            int relegated = 0;
            for (const std::string& team : previous) {
                const auto index = start->TeamIndex(team);
                if (current.count(team) == 0 && index.ok()) {
                    attack += start->attack[static_cast<std::size_t>(*index)];
                    defence += start->defence[static_cast<std::size_t>(*index)];
                    ++relegated;
                }
            }
            for (const std::string& team : current) {
                if (previous.count(team) == 0 && relegated > 0) {
                    prior[team] = {attack / relegated, defence / relegated};
                }
            }
            model = *start;
            model_from_market = fitted_from_market;
        }
        // Market ratings: the other teams start from a season-long view of the market (a fit with a long half-life
        // before the season), not from the last weeks of last season, whose odds carry its end-of-season motives.
        if (market_ratings && o.market_ratings.season_prior_half_life_days > 0.0) {
            MarketRatingsOptions long_view = o.market_ratings;
            long_view.half_life_days = o.market_ratings.season_prior_half_life_days;
            if (const auto long_fit = FitMarketRatings(rated, season_matches.front()->date, long_view, prior);
                long_fit.ok()) {
                for (const std::string& team : current) {
                    if (const auto index = long_fit->TeamIndex(team); index.ok() && previous.count(team) > 0) {
                        prior[team] = {long_fit->attack[static_cast<std::size_t>(*index)],
                                       long_fit->defence[static_cast<std::size_t>(*index)]};
                    }
                }
            }
        }
        for (std::size_t begin = 0; begin < season_matches.size();) {
            const std::chrono::sys_days day = season_matches[begin]->date;
            std::size_t end = begin;
            while (end < season_matches.size() && season_matches[end]->date == day) {
                ++end;
            }
            auto fit = fit_before(day);
            if (fit.ok()) {
                model = std::move(*fit);
                model_from_market = fitted_from_market;
            } else {
                ++out.failed_fits;
                if (!model) {
                    return Status(StatusCode::kInvalidArgument,
                                  "no model before " + FormatDate(day) + ": " + fit.status().message());
                }
            }
            // Base rate: result and over-2.5 frequencies of the training window (unweighted).
            ThreeWay base{};
            double base_over = 0.0;
            std::size_t train = 0;
            for (const SoccerMatch& m : all) {
                const double age = double((day - m.date).count());
                if (age >= 1.0 && age <= options.window_days) {
                    base[static_cast<std::size_t>(MatchOutcome(m.home_goals, m.away_goals))] += 1.0;
                    base_over += m.home_goals + m.away_goals > 2 ? 1.0 : 0.0;
                    ++train;
                }
            }
            for (double& p : base) {
                p /= double(train);
            }
            base_over /= double(train);
            const auto xg_of = [&](const SoccerMatch& match) {
                const auto rating = [&](const std::string& team) {
                    if (const auto index = model->TeamIndex(team); index.ok()) {
                        const auto k = static_cast<std::size_t>(*index);
                        return std::make_pair(model->attack[k], model->defence[k]);
                    }
                    const auto it = prior.find(team);
                    return it != prior.end() ? it->second : std::make_pair(0.0, 0.0);
                };
                const auto [home_attack, home_defence] = rating(match.home);
                const auto [away_attack, away_defence] = rating(match.away);
                return std::make_pair(std::exp(model->intercept + model->home_advantage + home_attack - away_defence),
                                      std::exp(model->intercept + away_attack - home_defence));
            };
            // Motivation near the end of the season: the stakes of the day's matches, from the table before the day.
            std::vector<std::pair<double, double>> stakes;
            const MarketRatingsOptions& mo = o.market_ratings;
            if (motivation && model_from_market && mo.motivation_weight != 0.0 &&
                double(season_matches.size() - begin) <= mo.motivation_share * double(season_matches.size())) {
                SeasonSituation situation;
                situation.league = o.league;
                situation.season = season;
                situation.day = day;
                situation.played.assign(season_matches.begin(), season_matches.begin() + long(begin));
                situation.remaining.assign(season_matches.begin() + long(begin), season_matches.end());
                for (const SoccerMatch* m : situation.remaining) {
                    situation.remaining_xg.push_back(xg_of(*m));
                }
                situation.today = end - begin;
                stakes = motivation(situation);
                SIMBOOK_REQUIRE(stakes.size() == end - begin, "one stake pair per match of the day");
            }
            for (std::size_t i = begin; i < end; ++i) {
                const SoccerMatch& match = *season_matches[i];
                EvaluatedMatch row;
                row.match = &match;
                std::tie(row.home_xg, row.away_xg) = xg_of(match);
                if (!stakes.empty()) {
                    std::tie(row.home_stake, row.away_stake) = stakes[i - begin];
                    const double shift = mo.motivation_weight * (row.home_stake - row.away_stake);
                    row.home_xg *= std::exp(shift);
                    row.away_xg *= std::exp(-shift);
                }
                // The fit bounds rho for its own teams; a team priced from its prior could leave that bound.
                const double lo = std::max(-1.0 / row.home_xg, -1.0 / row.away_xg);
                const double hi = std::min(1.0, 1.0 / (row.home_xg * row.away_xg));
                row.rho = std::clamp(model->rho, 0.99 * lo, 0.99 * hi);
                out.clamped_rho += row.rho != model->rho ? 1 : 0;
                const auto forecast = pricer(row.home_xg, row.away_xg, row.rho);
                if (!forecast.ok()) {
                    return forecast.status();
                }
                // The market-informed ratings recalibrate their 1X2 out of sample (an exponent tuned on earlier
                // seasons); Dixon-Coles, the fallback included, prices as fitted.
                row.model =
                    model_from_market ? PowerRecalibrate(forecast->result, o.market_ratings.power) : forecast->result;
                row.model_over = forecast->over_2_5;
                row.base = base;
                row.base_over = base_over;
                row.train_matches = train;
                if (const SoccerOdds* odds = market_of[static_cast<std::size_t>(&match - all.data())]) {
                    row.odds = odds->decimal_odds;
                    row.market = market(*odds);
                }
                out.matches.push_back(row);
            }
            begin = end;
        }
    }
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return out;
}

EvaluationScores ScoreWalkForward(const std::vector<EvaluatedMatch>& matches) {
    EvaluationScores s;
    for (const EvaluatedMatch& row : matches) {
        const int outcome = MatchOutcome(row.match->home_goals, row.match->away_goals);
        const bool over = row.match->home_goals + row.match->away_goals > 2;
        s.model_all.Add(row.model, outcome);
        s.base_all.Add(row.base, outcome);
        s.model_over.Add(row.model_over, over);
        s.base_over.Add(row.base_over, over);
        s.model_calibration.Add(row.model, outcome);
        if (row.market) {
            s.model_with_market.Add(row.model, outcome);
            s.market.Add(*row.market, outcome);
            s.base_with_market.Add(row.base, outcome);
            s.market_calibration.Add(*row.market, outcome);
            auto& season = s.by_season[row.match->season];
            season[0].Add(row.model, outcome);
            season[1].Add(*row.market, outcome);
            season[2].Add(row.base, outcome);
        }
    }
    if (s.model_with_market.Count() > 0) {
        std::tie(s.model_minus_market, s.model_minus_market_se) =
            PairedDifference(s.model_with_market.log_losses, s.market.log_losses);
    }
    return s;
}

} // namespace simbook::models
