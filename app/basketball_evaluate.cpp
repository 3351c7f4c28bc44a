#include "app/basketball_evaluate.hpp"

#include "engine/basketball/exact.hpp"
#include "models/basketball_fit.hpp"
#include "models/soccer_data.hpp" // ResolveDataDir

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace simbook::app {
namespace {

//! Mean, standard deviation and P(> 0) of an integer pmf.
struct PmfSummary {
    double mean = 0.0;
    double sd = 0.0;
    double positive = 0.0;
};

PmfSummary Summarise(const engine::IntegerPmf& pmf) {
    PmfSummary s;
    double m2 = 0.0;
    for (std::size_t i = 0; i < pmf.p.size(); ++i) {
        const double x = pmf.offset + static_cast<double>(i);
        s.mean += x * pmf.p[i];
        m2 += x * x * pmf.p[i];
        s.positive += x > 0 ? pmf.p[i] : 0.0;
    }
    s.sd = std::sqrt(std::max(m2 - s.mean * s.mean, 0.0));
    return s;
}

//! Running sums for the win-probability scores of one forecaster.
struct WinScores {
    double log_loss = 0.0;
    double brier = 0.0;
    std::size_t count = 0;
    std::array<double, 10> bucket_count{}, bucket_predicted{}, bucket_observed{};

    void Add(double p, bool home_won) {
        p = std::clamp(p, 1e-9, 1.0 - 1e-9);
        log_loss -= std::log(home_won ? p : 1.0 - p);
        brier += (p - (home_won ? 1.0 : 0.0)) * (p - (home_won ? 1.0 : 0.0));
        ++count;
        const auto b = static_cast<std::size_t>(std::min(p * 10.0, 9.0));
        bucket_count[b] += 1.0;
        bucket_predicted[b] += p;
        bucket_observed[b] += home_won ? 1.0 : 0.0;
    }
    double LogLoss() const { return log_loss / double(std::max<std::size_t>(count, 1)); }
    double Brier() const { return brier / double(std::max<std::size_t>(count, 1)); }
};

//! Elo for NBA games (FiveThirtyEight's: K 20, 100 points of home advantage, margin-of-victory multiplier),
//! updated after each game day.
struct Elo {
    std::map<std::string, double> rating;
    double At(const std::string& team) const {
        const auto it = rating.find(team);
        return it == rating.end() ? 1500.0 : it->second;
    }
    double HomeWin(const std::string& home, const std::string& away) const {
        return 1.0 / (1.0 + std::pow(10.0, -(At(home) + 100.0 - At(away)) / 400.0));
    }
};

} // namespace

int RunBasketballEvaluate(const BasketballEvaluateOptions& o, const std::string& data, const std::string& csv_path) {
    const std::string data_dir = models::ResolveDataDir(data);
    Result<std::vector<models::NbaGameResult>> games = models::ReconstructNbaGames(data_dir);
    if (!games.ok()) {
        std::fprintf(stderr, "simbook: error: %s\n", games.status().message().c_str());
        return 1;
    }
    std::unique_ptr<std::ofstream> csv;
    if (!csv_path.empty()) {
        csv = std::make_unique<std::ofstream>(csv_path);
        *csv << "day,home,away,home_points,away_points,model_margin,model_margin_sd,model_total,model_total_sd,"
                "model_home_win,elo_home_win\n";
    }
    const kernels::basketball::BasketballState tip{1, kernels::basketball::kQuarterSeconds, {0, 0}, -1, 0};
    Elo elo;
    WinScores model_scores, elo_scores;
    double margin_sq = 0.0, margin_sum = 0.0, total_sq = 0.0, total_sum = 0.0, model_var = 0.0, model_total_var = 0.0;
    double pull = 0.0;
    std::size_t n = 0;
    std::string fitted_day;
    std::optional<models::FittedLeague> league;
    const std::vector<models::NbaGameResult>& all = games.value();
    for (std::size_t i = 0; i < all.size();) {
        std::size_t j = i;
        while (j < all.size() && all[j].day == all[i].day) {
            ++j;
        }
        const std::string& day = all[i].day;
        if (day >= o.from) {
            // Walk-forward: the fit reads regular-season lines dated before this day only.
            models::BasketballFitOptions fit;
            fit.last_regular_season_day = std::min(std::to_string(std::stol(day) - 1), fit.last_regular_season_day);
            if (fit.last_regular_season_day != fitted_day) {
                Result<models::FittedLeague> fitted = models::FitBasketballTeams(data_dir, fit);
                if (!fitted.ok()) {
                    std::fprintf(stderr, "simbook: error: %s\n", fitted.status().message().c_str());
                    return 1;
                }
                league = std::move(fitted).value();
                fitted_day = fit.last_regular_season_day;
                if (o.lead_pull >= 0.0) {
                    league->lead_pull = o.lead_pull;
                }
            }
            for (std::size_t k = i; k < j; ++k) {
                const models::NbaGameResult& g = all[k];
                Result<models::BasketballModel> m = models::MakeMatchup(*league, g.home, g.away);
                if (!m.ok()) {
                    continue; // a team without a game line yet
                }
                const models::BasketballModel& model = m.value();
                pull = model.lead_pull;
                const kernels::basketball::BasketballParams params = models::MakeBasketballParams(model).value();
                const PmfSummary margin = Summarise(engine::ExactBasketballMargin(params, tip));
                const PmfSummary total = Summarise(engine::ExactBasketballTotal(params, tip));
                const int actual_margin = g.home_points - g.away_points;
                const int actual_total = g.home_points + g.away_points;
                margin_sum += actual_margin - margin.mean;
                margin_sq += (actual_margin - margin.mean) * (actual_margin - margin.mean);
                total_sum += actual_total - total.mean;
                total_sq += (actual_total - total.mean) * (actual_total - total.mean);
                model_var += margin.sd * margin.sd;
                model_total_var += total.sd * total.sd;
                ++n;
                model_scores.Add(margin.positive, actual_margin > 0);
                const double elo_p = elo.HomeWin(g.home, g.away);
                elo_scores.Add(elo_p, actual_margin > 0);
                if (csv) {
                    *csv << g.day << ',' << g.home << ',' << g.away << ',' << g.home_points << ',' << g.away_points
                         << ',' << margin.mean << ',' << margin.sd << ',' << total.mean << ',' << total.sd << ','
                         << margin.positive << ',' << elo_p << '\n';
                }
            }
        }
        for (std::size_t k = i; k < j; ++k) { // Elo learns from every game, scored or not
            const models::NbaGameResult& g = all[k];
            const double p = elo.HomeWin(g.home, g.away);
            const int mov = std::abs(g.home_points - g.away_points);
            const double diff =
                (g.home_points > g.away_points ? 1.0 : -1.0) * (elo.At(g.home) + 100.0 - elo.At(g.away));
            const double shift = 20.0 * std::pow(mov + 3.0, 0.8) / (7.5 + 0.006 * diff) *
                                 ((g.home_points > g.away_points ? 1.0 : 0.0) - p);
            elo.rating[g.home] = elo.At(g.home) + shift;
            elo.rating[g.away] = elo.At(g.away) - shift;
        }
        i = j;
    }
    const double count = double(std::max<std::size_t>(n, 1));
    const double margin_mean = margin_sum / count;
    const double total_mean = total_sum / count;
    std::printf("NBA 2023-24, walk-forward by day from %s: %zu games (regular season, play-in and playoffs), "
                "lead_pull %.4f\n",
                o.from.c_str(), n, pull);
    std::printf("margin residual sd %.2f (mean %+.2f), model margin sd %.2f\n",
                std::sqrt(margin_sq / count - margin_mean * margin_mean), margin_mean, std::sqrt(model_var / count));
    std::printf("total residual sd %.2f (mean %+.2f), model total sd %.2f\n",
                std::sqrt(total_sq / count - total_mean * total_mean), total_mean, std::sqrt(model_total_var / count));
    std::printf("model home-win log loss %.4f brier %.4f\n", model_scores.LogLoss(), model_scores.Brier());
    std::printf("elo home-win log loss %.4f brier %.4f\n", elo_scores.LogLoss(), elo_scores.Brier());
    std::printf("\ncalibration of P(home win): bucket, games, model mean forecast / observed; elo games, forecast / "
                "observed\n");
    for (std::size_t b = 0; b < 10; ++b) {
        auto ratio = [](double a, double c) { return c > 0 ? a / c : 0.0; };
        std::printf("  %.1f-%.1f %5.0f %.3f / %.3f   %5.0f %.3f / %.3f\n", b / 10.0, (b + 1) / 10.0,
                    model_scores.bucket_count[b], ratio(model_scores.bucket_predicted[b], model_scores.bucket_count[b]),
                    ratio(model_scores.bucket_observed[b], model_scores.bucket_count[b]), elo_scores.bucket_count[b],
                    ratio(elo_scores.bucket_predicted[b], elo_scores.bucket_count[b]),
                    ratio(elo_scores.bucket_observed[b], elo_scores.bucket_count[b]));
    }
    if (csv) {
        std::printf("\nwrote %s\n", csv_path.c_str());
    }
    return 0;
}

} // namespace simbook::app
