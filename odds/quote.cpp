#include "odds/quote.hpp"

#include "odds/detail/checks.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace simbook::odds {

namespace {

double Overround(const std::vector<QuotedOutcome>& outcomes) {
    double sum = 0.0;
    bool any = false;
    for (const QuotedOutcome& o : outcomes) {
        if (o.decimal) {
            sum += 1.0 / *o.decimal;
            any = true;
        }
    }
    return any ? sum - 1.0 : 0.0;
}

bool IsLineMarket(MarketKind kind) {
    return kind == MarketKind::kHandicap || kind == MarketKind::kTotal || kind == MarketKind::kTeamTotal ||
           kind == MarketKind::kPlayerProp;
}

// Same market but for the line: members of one alternate-line ladder.
bool SameLadder(const Market& a, const Market& b) {
    return a.kind == b.kind && a.period == b.period && a.team == b.team && a.player == b.player && a.stat == b.stat;
}

} // namespace

Result<QuotedMarket> QuoteMarket(const FairMarket& fair, double margin, MarginMethod method) {
    if (!(margin >= 0.0 && margin < 0.5)) {
        return Error{"margin must lie in [0, 0.5), got " + detail::Num(margin)};
    }
    QuotedMarket out;
    out.key = fair.key;
    std::vector<double> offered;
    double sum = 0.0;
    for (const MarketOutcome& o : fair.outcomes) {
        out.outcomes.push_back({o.name, o.fair, std::nullopt});
        if (o.fair.probability > 0.0) {
            offered.push_back(o.fair.probability);
            sum += o.fair.probability;
        }
    }
    if (offered.size() < 2) {
        out.note = "fewer than two outcomes can happen: not offered";
        return out;
    }
    for (double& p : offered) {
        p /= sum;
    }
    // A renormalised probability can round to 1 only when the others are ~0; AddMargin refuses it.
    auto book = AddMargin(offered, margin, method);
    if (!book.ok()) {
        out.note = "not offered: " + book.status().message();
        return out;
    }
    std::size_t k = 0;
    for (QuotedOutcome& o : out.outcomes) {
        if (o.fair.probability > 0.0) {
            o.decimal = book->decimal_odds[k++];
        }
    }
    if (offered.size() < fair.outcomes.size()) {
        out.note = "outcomes with probability 0 are not offered";
    }
    out.parameter = book->parameter;
    out.overround = Overround(out.outcomes);
    return out;
}

Result<std::vector<QuotedMarket>> RoundOntoLadder(std::vector<QuotedMarket> quoted, std::span<const Market> markets,
                                                  const PriceLadder& ladder) {
    if (quoted.size() != markets.size()) {
        return Error{"RoundOntoLadder: " + std::to_string(quoted.size()) + " quotes for " +
                     std::to_string(markets.size()) + " markets"};
    }
    // A price shorter than the ladder's first tick cannot be published.
    const double shortest = ladder.Ticks().front();
    for (QuotedMarket& q : quoted) {
        for (QuotedOutcome& o : q.outcomes) {
            if (o.decimal && *o.decimal < shortest - 1e-9) {
                o.decimal.reset();
                q.note = "prices shorter than the ladder's first tick " + detail::Num(shortest) + " are not offered";
            }
        }
    }
    // Alternate-line ladders first, on the unrounded prices; the rest one price at a time.
    std::vector<bool> done(quoted.size(), false);
    for (std::size_t i = 0; i < markets.size(); ++i) {
        if (done[i] || !IsLineMarket(markets[i].kind)) {
            continue;
        }
        std::vector<std::size_t> group;
        for (std::size_t j = i; j < markets.size(); ++j) {
            if (!done[j] && SameLadder(markets[i], markets[j])) {
                group.push_back(j);
                done[j] = true;
            }
        }
        // Increasing line. The first outcome (home, over) gets harder as the line rises except for a home
        // handicap, which gets easier; the second outcome (away, under) the other way round.
        std::sort(group.begin(), group.end(),
                  [&](std::size_t a, std::size_t b) { return markets[a].line < markets[b].line; });
        for (std::size_t side = 0; side < 2; ++side) {
            const bool rising_is_harder = (side == 0) != (markets[i].kind == MarketKind::kHandicap);
            std::vector<std::size_t> order;
            for (const std::size_t g : group) {
                if (quoted[g].outcomes.size() == 2 && quoted[g].outcomes[side].decimal) {
                    order.push_back(g);
                }
            }
            if (!rising_is_harder) {
                std::reverse(order.begin(), order.end());
            }
            if (order.empty()) {
                continue;
            }
            std::vector<double> prices;
            for (const std::size_t g : order) {
                prices.push_back(*quoted[g].outcomes[side].decimal);
            }
            auto rounded = RoundAlternateLines(prices, ladder);
            if (!rounded.ok()) {
                return Error{"market " + quoted[order.front()].key + ": " + rounded.status().message()};
            }
            for (std::size_t k = 0; k < order.size(); ++k) {
                quoted[order[k]].outcomes[side].decimal = (*rounded)[k];
            }
        }
    }
    for (std::size_t i = 0; i < quoted.size(); ++i) {
        if (!done[i]) {
            for (QuotedOutcome& o : quoted[i].outcomes) {
                if (o.decimal) {
                    auto rounded = ladder.Round(*o.decimal);
                    if (!rounded.ok()) {
                        return Error{"market " + quoted[i].key + ", outcome " + o.name + ": " +
                                     rounded.status().message()};
                    }
                    o.decimal = *rounded;
                }
            }
        }
        quoted[i].overround = Overround(quoted[i].outcomes);
    }
    return quoted;
}

} // namespace simbook::odds
