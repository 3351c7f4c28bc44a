#include "models/baseball_evaluation.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <tuple>
#include <utility>

namespace simbook::models {
namespace {

//! A number of the row, or nullopt for an empty field; errors name the column.
Result<std::optional<double>> Number(const std::vector<std::string>& columns, const std::vector<std::string>& row,
                                     const std::string& name) {
    const auto at = std::find(columns.begin(), columns.end(), name);
    if (at == columns.end()) {
        return InvalidArgument(name, "no such column");
    }
    const std::string& text = row[static_cast<std::size_t>(at - columns.begin())];
    if (text.empty() || text == "NA") {
        return std::optional<double>{};
    }
    try {
        std::size_t used = 0;
        const double x = std::stod(text, &used);
        if (used == text.size() && std::isfinite(x)) {
            return std::optional<double>{x};
        }
    } catch (const std::exception&) {
    }
    return InvalidArgument(name, "'" + text + "' is not a number");
}

int Year(std::chrono::sys_days day) {
    return static_cast<int>(std::chrono::year_month_day(day).year());
}

//! Home teams' win share of the games dated before `before`.
double HomeWinShare(const std::vector<RetrosheetGame>& games, std::chrono::sys_days before) {
    double wins = 0.0, count = 0.0;
    for (const RetrosheetGame& g : games) {
        if (g.date < before) {
            wins += g.home.runs > g.away.runs ? 1.0 : 0.0;
            count += 1.0;
        }
    }
    return count > 0.0 ? wins / count : 0.5;
}

//! -ln p(outcome), floored like BinaryScores.
double LogLoss(double p, bool yes) {
    return -std::log(std::max(yes ? p : 1.0 - p, 1e-15));
}

} // namespace

Result<BaseballClosingLine> ParseClosingLine(const std::vector<std::string>& columns,
                                             const std::vector<std::string>& row) {
    if (row.size() != columns.size()) {
        return InvalidArgument("row", std::to_string(row.size()) + " fields, the header has " +
                                          std::to_string(columns.size()));
    }
    const auto id = std::find(columns.begin(), columns.end(), "GameID");
    if (id == columns.end()) {
        return InvalidArgument("GameID", "no such column");
    }
    BaseballClosingLine line;
    line.game_id = row[static_cast<std::size_t>(id - columns.begin())];
    const std::pair<const char*, double*> prices[] = {{"close_MoneyUS1", &line.moneyline[0]},
                                                      {"close_MoneyUS2", &line.moneyline[1]},
                                                      {"close_TotalUSOver", &line.total_odds[0]},
                                                      {"close_TotalUSUnder", &line.total_odds[1]}};
    for (const auto& [name, out] : prices) {
        auto x = Number(columns, row, name);
        if (!x.ok()) {
            return x.status();
        }
        *out = x->value_or(0.0);
    }
    auto total = Number(columns, row, "close_TotalPoints");
    if (!total.ok()) {
        return total.status();
    }
    line.total = *total;
    return line;
}

Result<std::vector<BaseballClosingLine>> LoadPinnacleClosingLines(const std::string& data_dir) {
    const std::string path = data_dir + "/baseball/pinnacle-mlb2016/MLB2016_games.csv";
    std::ifstream in(path);
    if (!in) {
        return Status(StatusCode::kNotFound, path + ": cannot read");
    }
    std::string text;
    std::vector<std::string> columns;
    std::vector<BaseballClosingLine> lines;
    for (int number = 1; std::getline(in, text); ++number) {
        if (!text.empty() && text.back() == '\r') {
            text.pop_back();
        }
        auto fields = SplitGameLogRecord(text);
        if (!fields.ok()) {
            return InvalidArgument(path + ":" + std::to_string(number), fields.status().message());
        }
        if (number == 1) {
            columns = *std::move(fields);
            continue;
        }
        auto line = ParseClosingLine(columns, *fields);
        if (!line.ok()) {
            return InvalidArgument(path + ":" + std::to_string(number), line.status().message());
        }
        lines.push_back(*std::move(line));
    }
    return lines;
}

Result<BaseballWalkForward> RunBaseballWalkForward(const std::vector<RetrosheetGame>& games,
                                                   const std::vector<BaseballClosingLine>& lines,
                                                   const BaseballWalkForwardOptions& options,
                                                   const BaseballPricer& pricer, const TwoWayDevig& devig) {
    if (options.refit_days < 1) {
        return InvalidArgument("refit_days", "must be at least 1");
    }
    const auto start = std::chrono::steady_clock::now();
    std::map<std::string, const BaseballClosingLine*> by_id;
    for (const BaseballClosingLine& line : lines) {
        by_id[line.game_id] = &line;
    }
    BaseballWalkForward out;
    std::set<std::string> season_ids;
    std::optional<FittedBaseball> fit;
    double base = 0.5;
    for (const RetrosheetGame& g : games) {
        if (Year(g.date) != options.season) {
            continue;
        }
        const std::string id = g.Id();
        season_ids.insert(id);
        const auto line = by_id.find(id);
        if ((line == by_id.end() && !options.all_games) || g.date < options.first_date || g.date > options.last_date) {
            continue;
        }
        if (!fit || (g.date - fit->before).count() >= options.refit_days) {
            // Walk-forward: the fit and the base rate read games dated strictly before this one only.
            auto fitted = FitBaseball(games, g.date, options.fit);
            if (!fitted.ok()) {
                return Status(fitted.status().code(), "fit before " + id + ": " + fitted.status().message());
            }
            fit = *std::move(fitted);
            base = HomeWinShare(games, g.date);
            ++out.fits;
        }
        auto model = MakeBaseballMatchup(*fit, g.home.team, g.away.team, g.home.starter_id, g.away.starter_id, g.park);
        if (!model.ok()) {
            return Status(model.status().code(), id + ": " + model.status().message());
        }
        const BaseballClosingLine closing = line == by_id.end() ? BaseballClosingLine{} : *line->second;
        auto forecast = pricer(*model, closing.total.value_or(8.5));
        if (!forecast.ok()) {
            return Status(forecast.status().code(), id + ": pricing: " + forecast.status().message());
        }
        EvaluatedBaseballGame e;
        e.game_id = id;
        e.date = g.date;
        e.fitted_before = fit->before;
        e.home_runs = g.home.runs;
        e.away_runs = g.away.runs;
        e.model_home_win = forecast->home_win;
        e.model_mean_total = forecast->mean_total;
        const auto total = static_cast<std::size_t>(g.home.runs + g.away.runs);
        e.model_total_runs_log_loss =
            -std::log(std::max(total < forecast->total_pmf.size() ? forecast->total_pmf[total] : 0.0, 1e-15));
        e.base_home_win = base;
        if (const auto fair = devig(closing.moneyline)) {
            e.market_home_win = (*fair)[1];
        }
        if (closing.total) {
            e.total_line = closing.total;
            const double no_push = 1.0 - forecast->push;
            e.model_over = no_push > 0.0 ? forecast->over / no_push : 0.5;
            e.push = g.home.runs + g.away.runs == *closing.total;
            if (const auto fair = devig(closing.total_odds)) {
                e.market_over = (*fair)[0];
            }
        }
        out.games.push_back(std::move(e));
    }
    for (const BaseballClosingLine& line : lines) {
        out.unmatched_lines += season_ids.count(line.game_id) ? 0 : 1;
    }
    if (out.games.empty()) {
        return InvalidArgument("season",
                               "no game of " + std::to_string(options.season) + " to score in the date range");
    }
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
}

BaseballScores ScoreBaseballWalkForward(const std::vector<EvaluatedBaseballGame>& games) {
    BaseballScores s;
    std::vector<double> model_ml, market_ml, model_tot, market_tot;
    for (const EvaluatedBaseballGame& g : games) {
        const bool won = g.HomeWon();
        s.model_all.Add(g.model_home_win, won);
        s.base_all.Add(g.base_home_win, won);
        s.total_runs_log_loss += g.model_total_runs_log_loss / double(games.size());
        if (g.market_home_win) {
            s.model_moneyline.Add(g.model_home_win, won);
            s.market_moneyline.Add(*g.market_home_win, won);
            s.base_moneyline.Add(g.base_home_win, won);
            s.model_moneyline_calibration.AddBinary(g.model_home_win, won);
            s.market_moneyline_calibration.AddBinary(*g.market_home_win, won);
            model_ml.push_back(LogLoss(g.model_home_win, won));
            market_ml.push_back(LogLoss(*g.market_home_win, won));
        }
        if (!g.total_line || !g.market_over) {
            continue;
        }
        if (g.push) {
            ++s.pushes;
            continue;
        }
        const bool over = g.Over();
        s.model_total.Add(g.model_over, over);
        s.market_total.Add(*g.market_over, over);
        s.model_total_calibration.AddBinary(g.model_over, over);
        s.market_total_calibration.AddBinary(*g.market_over, over);
        model_tot.push_back(LogLoss(g.model_over, over));
        market_tot.push_back(LogLoss(*g.market_over, over));
    }
    if (!model_ml.empty()) {
        std::tie(s.model_minus_market, s.model_minus_market_se) = PairedDifference(model_ml, market_ml);
    }
    if (!model_tot.empty()) {
        std::tie(s.model_minus_market_total, s.model_minus_market_total_se) = PairedDifference(model_tot, market_tot);
    }
    return s;
}

} // namespace simbook::models
