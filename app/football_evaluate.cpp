#include "app/football_evaluate.hpp"

#include "engine/football/exact.hpp"
#include "models/evaluation.hpp"
#include "models/football_evaluation.hpp"
#include "models/soccer_data.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>

namespace simbook::app {
namespace {

namespace kf = kernels::football;

//! The model's prices through the exact engine (the main-line fast path).
Result<models::FootballDistribution> PriceExact(const kf::FootballParams& params) {
    auto pmf = engine::ExactFootball(params, kf::FootballState{});
    if (!pmf.ok()) {
        return pmf.status();
    }
    return models::FootballDistribution{engine::kFootballMaxPoints, pmf.value().MarginPmf(), pmf.value().TotalPmf()};
}

bool ParseSeasonRange(const std::string& text, int* first, int* last) {
    if (text.empty()) {
        *first = 2012;
        *last = 2018;
        return true;
    }
    try {
        const auto dash = text.find('-');
        *first = std::stoi(text.substr(0, dash));
        *last = dash == std::string::npos ? *first : std::stoi(text.substr(dash + 1));
    } catch (const std::exception&) {
        return false;
    }
    return *first >= 2012 && *last <= 2018 && *first <= *last;
}

//! Over the games whose closing spread is `line` (the favourite's points, e.g. 3; home or away favoured): the mean
//! favourite-win probability of the market and the model and the favourites' win rate, and the model's mean
//! P(|margin| = key) against its frequency (key: the key number the half point moves around).
void PrintLineGroup(const models::FootballEvaluation& ev, double line, int key) {
    double n = 0.0;
    double market = 0.0;
    double model = 0.0;
    double won = 0.0;
    double model_key = 0.0;
    double data_key = 0.0;
    for (const auto& row : ev.rows) {
        const models::FootballGame& g = *row.game;
        if (!g.has_spread || std::abs(g.home_spread) != line || !row.market_home_win) {
            continue;
        }
        const bool home_favoured = g.home_spread < 0.0;
        const int margin = g.home_points - g.away_points;
        n += 1.0;
        market += home_favoured ? *row.market_home_win : 1.0 - *row.market_home_win;
        model += home_favoured ? row.model_home_win : 1.0 - row.model_home_win;
        won += (home_favoured ? margin > 0 : margin < 0) ? 1.0 : 0.0;
        model_key += row.abs_margin[key];
        data_key += std::abs(margin) == key ? 1.0 : 0.0;
    }
    if (n > 0.0) {
        std::printf("  -%-4.1f %5.0f games  P(fav wins) market %.3f model %.3f observed %.3f   P(|margin| = %d) "
                    "model %.3f observed %.3f\n",
                    line, n, market / n, model / n, won / n, key, model_key / n, data_key / n);
    }
}

} // namespace

int RunFootballEvaluate(const std::string& data, const std::string& seasons, const std::string& csv) {
    models::FootballEvaluationOptions options;
    options.data_dir = models::ResolveDataDir(data);
    if (!ParseSeasonRange(seasons, &options.first_season, &options.last_season)) {
        std::fprintf(stderr, "simbook: error: --seasons: '%s': expected START-END start years within 2012-2018\n",
                     seasons.c_str());
        return 1;
    }
    auto result = models::RunFootballWalkForward(options, PriceExact);
    if (!result.ok()) {
        std::fprintf(stderr, "simbook: error: %s\n", result.status().message().c_str());
        return 1;
    }
    const models::FootballEvaluation& ev = result.value();
    const auto mean = [](const models::BinaryScores& s) {
        return s.log_loss / double(std::max<std::size_t>(s.count, 1));
    };
    const auto brier = [](const models::BinaryScores& s) {
        return s.brier / double(std::max<std::size_t>(s.count, 1));
    };
    std::printf("NFL %d to %d, walk-forward by week (%d fits, ratings from earlier weeks' scores and closing lines), "
                "%zu games priced by the exact drive model\n\n",
                options.first_season, options.last_season, ev.fits, ev.rows.size());
    const auto [diff, diff_se] = models::PairedDifference(ev.model_losses, ev.market_losses);
    std::printf("moneyline, %zu games with closing moneylines and a winner   log loss     Brier\n",
                ev.model_moneyline.count);
    std::printf("  %-40s %9.4f %9.4f\n", "model (drive model, exact)", mean(ev.model_moneyline),
                brier(ev.model_moneyline));
    std::printf("  %-40s %9.4f %9.4f\n", "market (closing moneyline, de-vigged)", mean(ev.market_moneyline),
                brier(ev.market_moneyline));
    std::printf("  model - market log loss: %+.4f (s.e. %.4f): %s\n\n", diff, diff_se,
                diff > 2 * diff_se    ? "the market is better"
                : diff < -2 * diff_se ? "the model is better"
                                      : "no clear difference");
    const double covers = double(std::max<std::size_t>(ev.model_cover.count, 1));
    std::printf("closing spread, %zu games without a push: model side covers %.4f; P(cover) log loss %.4f "
                "(coin flip %.4f)\n",
                ev.model_cover.count, ev.cover_picks / covers, mean(ev.model_cover), std::log(2.0));
    std::printf("calibration of P(home covers): bucket, games, mean forecast / observed\n");
    for (int b = 0; b < 10; ++b) {
        const auto& c = ev.cover_calibration[b];
        if (c[0] > 0) {
            std::printf("  %.1f-%.1f %6.0f %.3f / %.3f\n", b / 10.0, (b + 1) / 10.0, c[0], c[1] / c[0], c[2] / c[0]);
        }
    }
    const double overs = double(std::max<std::size_t>(ev.model_over.count, 1));
    std::printf("\nclosing total, %zu games without a push: model side wins %.4f; P(over) log loss %.4f (coin flip "
                "%.4f)\n\n",
                ev.model_over.count, ev.over_picks / overs, mean(ev.model_over), std::log(2.0));
    std::printf("key numbers, P(|final margin| = k): model (mean over games) / data\n");
    for (int k : {3, 7, 10, 6, 4, 14, 1, 2, 8}) {
        std::printf("  %2d  %.4f / %.4f  (%+.2f points)\n", k, ev.model_abs_margin[k], ev.data_abs_margin[k],
                    100.0 * (ev.model_abs_margin[k] - ev.data_abs_margin[k]));
    }
    std::printf("\nhalf-point moves: games closing at each spread\n");
    for (double line : {2.5, 3.0, 3.5}) {
        PrintLineGroup(ev, line, 3);
    }
    for (double line : {6.5, 7.0, 7.5}) {
        PrintLineGroup(ev, line, 7);
    }
    if (!csv.empty()) {
        std::ofstream out(csv);
        out << "season,week,date_days,home,away,home_points,away_points,model_home_points,model_away_points,"
               "model_home_win,market_home_win,home_spread,model_cover,total,model_over\n";
        for (const auto& row : ev.rows) {
            const auto& g = *row.game;
            out << g.season << ',' << g.week << ',' << g.date.time_since_epoch().count() << ',' << g.home << ','
                << g.away << ',' << g.home_points << ',' << g.away_points << ',' << row.home_points << ','
                << row.away_points << ',' << row.model_home_win << ','
                << (row.market_home_win ? std::to_string(*row.market_home_win) : "") << ','
                << (g.has_spread ? std::to_string(g.home_spread) : "") << ',' << row.model_cover << ','
                << (g.has_total ? std::to_string(g.total) : "") << ',' << row.model_over << '\n';
        }
        std::printf("\nwrote %s\n", csv.c_str());
    }
    return 0;
}

} // namespace simbook::app
