#include "futures/outrights.hpp"

#include <cstddef>
#include <functional>
#include <span>

namespace simbook::futures {
namespace {

// The requested method, or the power method where the requested one cannot quote this book (a multiplicative
// margin on a near-certain outcome would imply a probability above 1); the power method always can.
Result<odds::QuotedBook> Quote(std::span<const double> fair, double margin, odds::MarginMethod method, bool* fallback) {
    Result<odds::QuotedBook> book = odds::AddMargin(fair, margin, method);
    if (book.ok() || method == odds::MarginMethod::kPower) {
        return book;
    }
    *fallback = true;
    return odds::AddMargin(fair, margin, odds::MarginMethod::kPower);
}

std::string FallbackNote(odds::MarginMethod method) {
    return "power method where " + std::string(odds::ToString(method)) + " would imply a probability above 1";
}

void AddNote(std::string& note, const std::string& text) {
    note += note.empty() ? text : "; " + text;
}

std::optional<double> Inverse(double probability) {
    if (probability > 0.0 && probability < 1.0) {
        return 1.0 / probability;
    }
    return std::nullopt;
}

Result<OutrightMarket> WinnerBook(const SeasonForecast& forecast, const std::string& key,
                                  const std::function<odds::Estimate(const TeamForecast&)>& pick, double margin,
                                  odds::MarginMethod method) {
    OutrightMarket market;
    market.key = key;
    market.places = 1;
    std::vector<double> fair;
    std::vector<std::size_t> priced;
    for (std::size_t i = 0; i < forecast.teams.size(); ++i) {
        const odds::Estimate e = pick(forecast.teams[i]);
        market.outcomes.push_back({forecast.teams[i].team, e, Inverse(e.probability), std::nullopt, std::nullopt});
        if (e.probability > 0.0 && e.probability < 1.0) {
            fair.push_back(e.probability);
            priced.push_back(i);
        }
    }
    if (priced.size() < 2) {
        market.note = "decided in every simulated season: no prices";
        return market;
    }
    bool fallback = false;
    const Result<odds::QuotedBook> book = Quote(fair, margin, method, &fallback);
    if (!book.ok()) {
        return InvalidArgument("margin", key + " market: " + book.status().message());
    }
    if (fallback) {
        market.note = FallbackNote(method);
    }
    double implied = 0.0;
    for (std::size_t k = 0; k < priced.size(); ++k) {
        market.outcomes[priced[k]].decimal = book.value().decimal_odds[k];
        implied += book.value().probabilities[k];
    }
    market.overround = implied - 1.0;
    int unpriced = 0;
    for (const OutrightOutcome& o : market.outcomes) {
        unpriced += o.fair.probability == 0.0 ? 1 : 0;
    }
    if (unpriced > 0) {
        AddNote(market.note, std::to_string(unpriced) + " team(s) never won in the simulated seasons: no price");
    }
    return market;
}

Result<OutrightMarket> YesNoBooks(const SeasonForecast& forecast, const std::string& key, int places,
                                  const std::function<odds::Estimate(const TeamForecast&)>& pick, double margin,
                                  odds::MarginMethod method) {
    OutrightMarket market;
    market.key = key;
    market.places = places;
    market.yes_no = true;
    market.overround = margin;
    int unpriced = 0;
    bool fallback = false;
    for (const TeamForecast& team : forecast.teams) {
        const odds::Estimate e = pick(team);
        OutrightOutcome o{team.team, e, Inverse(e.probability), std::nullopt, std::nullopt};
        if (e.probability > 0.0 && e.probability < 1.0) {
            const double fair[2] = {e.probability, 1.0 - e.probability};
            const Result<odds::QuotedBook> book = Quote(fair, margin, method, &fallback);
            if (!book.ok()) {
                return InvalidArgument("margin", key + " market, " + team.team + ": " + book.status().message());
            }
            o.decimal = book.value().decimal_odds[0];
            o.no_decimal = book.value().decimal_odds[1];
        } else {
            ++unpriced;
        }
        market.outcomes.push_back(std::move(o));
    }
    if (fallback) {
        market.note = FallbackNote(method);
    }
    if (unpriced > 0) {
        AddNote(market.note, std::to_string(unpriced) + " team(s) always or never finished there in the simulated " +
                                 "seasons: no price");
    }
    return market;
}

} // namespace

Result<std::vector<OutrightMarket>> PriceOutrights(const SeasonForecast& forecast, const Positions& positions,
                                                   double margin, odds::MarginMethod method) {
    if (!(margin >= 0.0 && margin < 0.5)) {
        return InvalidArgument("margin", std::to_string(margin) + " is outside [0, 0.5)");
    }
    std::vector<OutrightMarket> markets;
    const auto title = [](const TeamForecast& t) { return t.title; };
    Result<OutrightMarket> first = positions.title == 1
                                       ? WinnerBook(forecast, "title", title, margin, method)
                                       : YesNoBooks(forecast, "title", positions.title, title, margin, method);
    if (!first.ok()) {
        return first.status();
    }
    markets.push_back(std::move(first).value());
    Result<OutrightMarket> top = YesNoBooks(
        forecast, "top" + std::to_string(positions.top), positions.top, [](const TeamForecast& t) { return t.top; },
        margin, method);
    if (!top.ok()) {
        return top.status();
    }
    markets.push_back(std::move(top).value());
    if (positions.relegation > 0) {
        Result<OutrightMarket> down = YesNoBooks(
            forecast, "relegation", positions.relegation, [](const TeamForecast& t) { return t.relegation; }, margin,
            method);
        if (!down.ok()) {
            return down.status();
        }
        markets.push_back(std::move(down).value());
    }
    return markets;
}

} // namespace simbook::futures
