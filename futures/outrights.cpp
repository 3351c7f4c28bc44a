#include "futures/outrights.hpp"

#include <cstddef>
#include <functional>

namespace simbook::futures {
namespace {

std::optional<double> Inverse(double probability) {
    if (probability > 0.0 && probability < 1.0) {
        return 1.0 / probability;
    }
    return std::nullopt;
}

Result<OutrightMarket> Book(const SeasonForecast& forecast, const std::string& key, int places,
                            const std::function<odds::Estimate(const TeamForecast&)>& pick, double margin,
                            odds::MarginMethod method) {
    OutrightMarket market;
    market.key = key;
    market.places = places;
    std::vector<double> fair;
    std::vector<std::size_t> priced;
    double share = 0.0; // places left to the priced teams (the rest go to certain teams)
    for (std::size_t i = 0; i < forecast.teams.size(); ++i) {
        const odds::Estimate e = pick(forecast.teams[i]);
        market.outcomes.push_back({forecast.teams[i].team, e, Inverse(e.probability), std::nullopt});
        if (e.probability > 0.0 && e.probability < 1.0) {
            fair.push_back(e.probability);
            priced.push_back(i);
            share += e.probability;
        }
    }
    const int unpriced = static_cast<int>(forecast.teams.size() - priced.size());
    if (priced.size() < 2) {
        market.note = "decided in every simulated season: no prices";
        return market;
    }
    for (double& p : fair) {
        p /= share;
    }
    std::vector<double> quoted;
    std::string fallback;
    if (Result<odds::QuotedBook> book = odds::AddMargin(fair, margin, method); book.ok()) {
        quoted = std::move(book.value().probabilities);
    } else if (method == odds::MarginMethod::kMultiplicative) {
        // AddMargin refuses an implied probability of 1 or more (a near-certain favourite); the floor below
        // quotes such a team at the shortest price instead.
        for (double p : fair) {
            quoted.push_back(p * (1.0 + margin));
        }
    } else {
        Result<odds::QuotedBook> power = odds::AddMargin(fair, margin, odds::MarginMethod::kPower);
        if (!power.ok()) {
            return InvalidArgument("margin", key + " market: " + book.status().message());
        }
        quoted = std::move(power.value().probabilities);
        fallback = "priced by the power method: " + book.status().message();
    }
    double implied = 0.0;
    int floored = 0;
    for (std::size_t k = 0; k < priced.size(); ++k) {
        double q = quoted[k] * share;
        if (q > 1.0 / kMinDecimal) {
            q = 1.0 / kMinDecimal;
            ++floored;
        }
        market.outcomes[priced[k]].decimal = 1.0 / q;
        implied += q;
    }
    market.overround = implied / share - 1.0;
    market.note = fallback;
    if (unpriced > 0) {
        market.note += (market.note.empty() ? "" : "; ") + std::to_string(unpriced) +
                       " team(s) never or always in the places in the simulated seasons: no price";
    }
    if (floored > 0) {
        market.note += (market.note.empty() ? "" : "; ") + std::to_string(floored) + " team(s) near-certain: quoted " +
                       "at the shortest price";
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
    Result<OutrightMarket> title = Book(
        forecast, "title", positions.title, [](const TeamForecast& t) { return t.title; }, margin, method);
    if (!title.ok()) {
        return title.status();
    }
    markets.push_back(std::move(title).value());
    Result<OutrightMarket> top = Book(
        forecast, "top4", positions.top, [](const TeamForecast& t) { return t.top; }, margin, method);
    if (!top.ok()) {
        return top.status();
    }
    markets.push_back(std::move(top).value());
    if (positions.relegation > 0) {
        Result<OutrightMarket> down = Book(
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
