#include "odds/margin.hpp"

#include "odds/detail/checks.hpp"
#include "odds/detail/root.hpp"

#include <cmath>
#include <numeric>
#include <optional>
#include <string>

namespace simbook::odds {

namespace {

constexpr double kSumTolerance = 1e-9;

double Sum(std::span<const double> values) {
    return std::accumulate(values.begin(), values.end(), 0.0);
}

std::string MethodText(MarginMethod method) {
    return std::string(ToString(method));
}

// Every quoted or fair probability must lie in (0, 1); names the first one that does not.
std::optional<Error> CheckAllOpen(const std::vector<double>& probabilities, MarginMethod method, const char* what) {
    for (std::size_t i = 0; i < probabilities.size(); ++i) {
        if (!(probabilities[i] > 0.0 && probabilities[i] < 1.0)) {
            return Error{MethodText(method) + " margin gives " + what + " probability " +
                         detail::Num(probabilities[i]) + " outside (0, 1) for outcome " + std::to_string(i)};
        }
    }
    return std::nullopt;
}

// Bracket [lo, hi] grown by doubling hi (or halving lo) until f changes sign, within a sane range.
template <typename F> Result<double> SolveUpward(F f, double lo, double hi, const std::string& what) {
    const double f_lo = f(lo);
    while ((f(hi) > 0.0) == (f_lo > 0.0) && hi < 1e8) {
        hi *= 2.0;
    }
    return detail::FindRoot(f, lo, hi, what);
}

template <typename F> Result<double> SolveDownward(F f, double lo, double hi, const std::string& what) {
    const double f_hi = f(hi);
    while ((f(lo) > 0.0) == (f_hi > 0.0) && lo > 1e-8) {
        lo /= 2.0;
    }
    return detail::FindRoot(f, lo, hi, what);
}

double ShinFair(double q, double z, double s) {
    return (std::sqrt(z * z + 4.0 * (1.0 - z) * q * q / s) - z) / (2.0 * (1.0 - z));
}

double OddsRatioQuote(double p, double c) {
    return c * p / (1.0 - p + c * p);
}
double OddsRatioFair(double q, double c) {
    return q / (c + q - c * q);
}

} // namespace

std::string_view ToString(MarginMethod method) {
    switch (method) {
    case MarginMethod::kMultiplicative:
        return "multiplicative";
    case MarginMethod::kAdditive:
        return "additive";
    case MarginMethod::kPower:
        return "power";
    case MarginMethod::kShin:
        return "shin";
    case MarginMethod::kOddsRatio:
        return "odds-ratio";
    }
    return "unknown";
}

Result<MarginMethod> ParseMarginMethod(std::string_view text) {
    for (const MarginMethod method : {MarginMethod::kMultiplicative, MarginMethod::kAdditive, MarginMethod::kPower,
                                      MarginMethod::kShin, MarginMethod::kOddsRatio}) {
        if (text == ToString(method)) {
            return method;
        }
    }
    return Error{"unknown margin method '" + std::string(text) +
                 "' (expected multiplicative, additive, power, shin or odds-ratio)"};
}

Result<QuotedBook> AddMargin(std::span<const double> fair_probabilities, double margin, MarginMethod method) {
    if (!(margin >= 0.0 && margin < 0.5)) {
        return Error{"margin must lie in [0, 0.5), got " + detail::Num(margin)};
    }
    if (fair_probabilities.size() < 2) {
        return Error{"a book needs at least 2 outcomes, got " + std::to_string(fair_probabilities.size())};
    }
    for (const double p : fair_probabilities) {
        if (auto error = detail::CheckOpenProbability(p)) {
            return Error{"fair " + error->message};
        }
    }
    const double total = Sum(fair_probabilities);
    if (std::abs(total - 1.0) > kSumTolerance) {
        return Error{"fair probabilities must sum to 1, got " + detail::Num(total)};
    }
    const auto n = static_cast<double>(fair_probabilities.size());
    const double target = 1.0 + margin;
    QuotedBook book;
    book.probabilities.reserve(fair_probabilities.size());
    switch (method) {
    case MarginMethod::kMultiplicative:
        book.parameter = target;
        for (const double p : fair_probabilities) {
            book.probabilities.push_back(p * target);
        }
        break;
    case MarginMethod::kAdditive:
        book.parameter = margin / n;
        for (const double p : fair_probabilities) {
            book.probabilities.push_back(p + book.parameter);
        }
        break;
    case MarginMethod::kPower: {
        // Solve for the reciprocal exponent e = 1/k in (0, 1]: sum p^e falls from n to 1 as e rises to 1.
        const auto f = [&](double e) {
            double s = 0.0;
            for (const double p : fair_probabilities) {
                s += std::pow(p, e);
            }
            return s - target;
        };
        const auto e = detail::FindRoot(f, 1e-9, 1.0, "power margin");
        if (!e.ok()) {
            return e.status();
        }
        book.parameter = 1.0 / *e;
        for (const double p : fair_probabilities) {
            book.probabilities.push_back(std::pow(p, *e));
        }
        break;
    }
    case MarginMethod::kShin: {
        // Inverting Shin's fair-probability formula gives q_i = sqrt(S) sqrt(z p_i + (1 - z) p_i^2) with
        // sqrt(S) = sum_j sqrt(z p_j + (1 - z) p_j^2); solve that sum for z in [0, 1].
        const double root_target = std::sqrt(target);
        const auto f = [&](double z) {
            double s = 0.0;
            for (const double p : fair_probabilities) {
                s += std::sqrt(z * p + (1.0 - z) * p * p);
            }
            return s - root_target;
        };
        const auto z = detail::FindRoot(f, 0.0, 1.0, "shin margin");
        if (!z.ok()) {
            return Error{"shin margin " + detail::Num(margin) + " is out of reach for this book (" +
                         z.status().message() + ")"};
        }
        book.parameter = *z;
        for (const double p : fair_probabilities) {
            book.probabilities.push_back(root_target * std::sqrt(*z * p + (1.0 - *z) * p * p));
        }
        break;
    }
    case MarginMethod::kOddsRatio: {
        const auto f = [&](double c) {
            double s = 0.0;
            for (const double p : fair_probabilities) {
                s += OddsRatioQuote(p, c);
            }
            return s - target;
        };
        const auto c = SolveUpward(f, 1.0, 2.0, "odds-ratio margin");
        if (!c.ok()) {
            return c.status();
        }
        book.parameter = *c;
        for (const double p : fair_probabilities) {
            book.probabilities.push_back(OddsRatioQuote(p, *c));
        }
        break;
    }
    }
    if (auto error = CheckAllOpen(book.probabilities, method, "implied")) {
        return *error;
    }
    book.decimal_odds.reserve(book.probabilities.size());
    for (const double q : book.probabilities) {
        book.decimal_odds.push_back(1.0 / q);
    }
    return book;
}

Result<FairBook> RemoveMargin(std::span<const double> decimal_odds, MarginMethod method) {
    if (decimal_odds.size() < 2) {
        return Error{"a book needs at least 2 outcomes, got " + std::to_string(decimal_odds.size())};
    }
    std::vector<double> quoted;
    quoted.reserve(decimal_odds.size());
    for (const double d : decimal_odds) {
        if (auto error = detail::CheckDecimalOdds(d)) {
            return *error;
        }
        quoted.push_back(1.0 / d);
    }
    const double s = Sum(quoted);
    const auto n = static_cast<double>(quoted.size());
    FairBook book;
    book.overround = s - 1.0;
    book.probabilities.reserve(quoted.size());
    switch (method) {
    case MarginMethod::kMultiplicative:
        book.parameter = s;
        for (const double q : quoted) {
            book.probabilities.push_back(q / s);
        }
        break;
    case MarginMethod::kAdditive:
        book.parameter = (s - 1.0) / n;
        for (const double q : quoted) {
            book.probabilities.push_back(q - book.parameter);
        }
        break;
    case MarginMethod::kPower: {
        // sum q^k falls in k from n (k -> 0) through S (k = 1) towards 0.
        const auto f = [&](double k) {
            double total = 0.0;
            for (const double q : quoted) {
                total += std::pow(q, k);
            }
            return total - 1.0;
        };
        const auto k = s >= 1.0 ? SolveUpward(f, 1.0, 2.0, "power margin") : SolveDownward(f, 0.5, 1.0, "power margin");
        if (!k.ok()) {
            return k.status();
        }
        book.parameter = *k;
        for (const double q : quoted) {
            book.probabilities.push_back(std::pow(q, *k));
        }
        break;
    }
    case MarginMethod::kShin: {
        // A zero-margin book can sum to a hair under 1 after the reciprocals; that is z = 0, not an error.
        if (s < 1.0 - 1e-12) {
            return Error{"shin needs an overround >= 0, got " + detail::Num(book.overround)};
        }
        // The fair sum is sqrt(S) >= 1 at z = 0 and tends to sum q_i^2 / S < 1 as z -> 1.
        const auto f = [&](double z) {
            double total = 0.0;
            for (const double q : quoted) {
                total += ShinFair(q, z, s);
            }
            return total - 1.0;
        };
        double hi = 0.5;
        while (f(hi) >= 0.0 && hi < 0.999999) {
            hi = 1.0 - (1.0 - hi) / 10.0;
        }
        const auto z = detail::FindRoot(f, 0.0, hi, "shin margin");
        if (!z.ok()) {
            return z.status();
        }
        book.parameter = *z;
        for (const double q : quoted) {
            book.probabilities.push_back(ShinFair(q, *z, s));
        }
        break;
    }
    case MarginMethod::kOddsRatio: {
        // The fair sum falls in c from n (c -> 0) through S (c = 1) towards 0.
        const auto f = [&](double c) {
            double total = 0.0;
            for (const double q : quoted) {
                total += OddsRatioFair(q, c);
            }
            return total - 1.0;
        };
        const auto c =
            s >= 1.0 ? SolveUpward(f, 1.0, 2.0, "odds-ratio margin") : SolveDownward(f, 0.5, 1.0, "odds-ratio margin");
        if (!c.ok()) {
            return c.status();
        }
        book.parameter = *c;
        for (const double q : quoted) {
            book.probabilities.push_back(OddsRatioFair(q, *c));
        }
        break;
    }
    }
    if (auto error = CheckAllOpen(book.probabilities, method, "fair")) {
        return *error;
    }
    return book;
}

} // namespace simbook::odds
