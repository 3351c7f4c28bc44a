#include "models/football_evaluation.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace simbook::models {

double FootballDistribution::Margin(int m) const {
    const int i = m + margin_offset;
    return i >= 0 && i < int(margin.size()) ? margin[i] : 0.0;
}

double FootballDistribution::HomeWin() const {
    double s = 0.0;
    for (int i = margin_offset + 1; i < int(margin.size()); ++i) {
        s += margin[i];
    }
    return s;
}

double FootballDistribution::AwayWin() const {
    double s = 0.0;
    for (int i = 0; i < margin_offset && i < int(margin.size()); ++i) {
        s += margin[i];
    }
    return s;
}

double FootballDistribution::HomeCovers(double home_spread) const {
    double s = 0.0;
    for (int i = 0; i < int(margin.size()); ++i) {
        s += (i - margin_offset) + home_spread > 0.0 ? margin[i] : 0.0;
    }
    return s;
}

double FootballDistribution::SpreadPush(double home_spread) const {
    double s = 0.0;
    for (int i = 0; i < int(margin.size()); ++i) {
        s += (i - margin_offset) + home_spread == 0.0 ? margin[i] : 0.0;
    }
    return s;
}

double FootballDistribution::Over(double line) const {
    double s = 0.0;
    for (int i = 0; i < int(total.size()); ++i) {
        s += double(i) > line ? total[i] : 0.0;
    }
    return s;
}

double FootballDistribution::TotalPush(double line) const {
    double s = 0.0;
    for (int i = 0; i < int(total.size()); ++i) {
        s += double(i) == line ? total[i] : 0.0;
    }
    return s;
}

double DevigMoneyline(int home_moneyline, int away_moneyline) {
    const double h = 1.0 / AmericanToDecimal(home_moneyline);
    const double a = 1.0 / AmericanToDecimal(away_moneyline);
    return h / (h + a);
}

namespace {

double Clamp(double p) {
    return std::clamp(p, 1e-6, 1.0 - 1e-6);
}

} // namespace

Result<FootballEvaluation> RunFootballWalkForward(const FootballEvaluationOptions& options,
                                                  const FootballPricer& pricer) {
    auto loaded = LoadFootballGames(options.data_dir);
    if (!loaded.ok()) {
        return loaded.status();
    }
    FootballEvaluation ev;
    ev.games = std::move(loaded).value();
    // Weeks to score, in order: (season, week) -> the first day of the week's games.
    std::map<std::pair<int, int>, std::chrono::sys_days> weeks;
    for (const FootballGame& g : ev.games) {
        if (g.season >= options.first_season && g.season <= options.last_season) {
            auto [it, inserted] = weeks.emplace(std::make_pair(g.season, g.week), g.date);
            it->second = std::min(it->second, g.date);
        }
    }
    double scored = 0.0;
    for (const auto& [key, first_day] : weeks) {
        auto ratings = FitFootballRatings(ev.games, key.first, key.second, options.fit);
        if (!ratings.ok()) {
            return ratings.status();
        }
        ++ev.fits;
        for (const FootballGame& g : ev.games) {
            if (g.season != key.first || g.week != key.second) {
                continue;
            }
            EvaluatedFootballGame row;
            row.game = &g;
            std::tie(row.home_points, row.away_points) = ratings.value().ExpectedPoints(g.home, g.away);
            const FootballRules rules = FootballRulesFor(g.season, g.playoff);
            const auto params = MakeFootballParams(options.league, row.home_points, row.away_points, rules, false);
            auto priced = pricer(params);
            if (!priced.ok()) {
                return priced.status();
            }
            const FootballDistribution& d = priced.value();
            const double hw = d.HomeWin();
            const double aw = d.AwayWin();
            row.model_home_win = hw / (hw + aw);
            row.abs_margin.assign(kKeyMargins, 0.0);
            for (int k = 0; k < kKeyMargins; ++k) {
                row.abs_margin[k] = k == 0 ? d.Margin(0) : d.Margin(k) + d.Margin(-k);
                ev.model_abs_margin[k] += row.abs_margin[k];
            }
            const int margin = g.home_points - g.away_points;
            if (std::abs(margin) < kKeyMargins) {
                ev.data_abs_margin[std::abs(margin)] += 1.0;
            }
            scored += 1.0;
            if (g.has_moneyline && margin != 0) {
                row.market_home_win = DevigMoneyline(g.home_moneyline, g.away_moneyline);
                const bool home_won = margin > 0;
                const double pm = Clamp(row.model_home_win);
                const double pk = Clamp(*row.market_home_win);
                ev.model_moneyline.Add(pm, home_won);
                ev.market_moneyline.Add(pk, home_won);
                ev.model_losses.push_back(-std::log(home_won ? pm : 1.0 - pm));
                ev.market_losses.push_back(-std::log(home_won ? pk : 1.0 - pk));
            }
            if (g.has_spread && double(margin) + g.home_spread != 0.0) {
                const double push = d.SpreadPush(g.home_spread);
                row.model_cover = Clamp(d.HomeCovers(g.home_spread) / (1.0 - push));
                const bool covered = double(margin) + g.home_spread > 0.0;
                ev.model_cover.Add(row.model_cover, covered);
                ev.cover_picks += (row.model_cover > 0.5) == covered ? 1 : 0;
                const int b = std::min(9, int(row.model_cover * 10.0));
                ev.cover_calibration[b][0] += 1.0;
                ev.cover_calibration[b][1] += row.model_cover;
                ev.cover_calibration[b][2] += covered ? 1.0 : 0.0;
            }
            const int total = g.home_points + g.away_points;
            if (g.has_total && double(total) != g.total) {
                const double push = d.TotalPush(g.total);
                row.model_over = Clamp(d.Over(g.total) / (1.0 - push));
                const bool over = double(total) > g.total;
                ev.model_over.Add(row.model_over, over);
                ev.over_picks += (row.model_over > 0.5) == over ? 1 : 0;
            }
            ev.rows.push_back(std::move(row));
        }
    }
    for (int k = 0; k < kKeyMargins; ++k) {
        ev.data_abs_margin[k] /= std::max(scored, 1.0);
        ev.model_abs_margin[k] /= std::max(scored, 1.0);
    }
    return ev;
}

} // namespace simbook::models
