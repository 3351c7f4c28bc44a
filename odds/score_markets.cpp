#include "odds/score_markets.hpp"

#include "odds/detail/checks.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace simbook::odds {

namespace {

// Lines are whole numbers of quarter goals; settlement then compares integers, so it is exact.
Result<int> LineInQuarters(double line) {
    const double quarters = line * 4.0;
    if (!std::isfinite(line) || std::abs(line) > 1000.0 || std::abs(quarters - std::round(quarters)) > 1e-9) {
        return Error{"line must be a multiple of 0.25 within +-1000, got " + detail::Num(line)};
    }
    return static_cast<int>(std::round(quarters));
}

int Sign(int x) {
    return (x > 0) - (x < 0);
}

// Settles "value(h, a) + line > 0 wins" for every held score, with the line given in quarters.
template <typename Value> Settlement Settle(const ScoreMatrix& matrix, Value value, int quarters) {
    double win = 0.0, half_win = 0.0, push = 0.0, half_lose = 0.0, lose = 0.0;
    for (int h = 0; h <= matrix.MaxHome(); ++h) {
        for (int a = 0; a <= matrix.MaxAway(); ++a) {
            const double p = matrix.At(h, a);
            const int margin = 4 * value(h, a) + quarters;
            if (quarters % 2 == 0) {
                // Half or whole line: one bet.
                (margin > 0 ? win : margin == 0 ? push : lose) += p;
                continue;
            }
            // Quarter line: half stakes on the neighbouring lines, 0.25 goals (one quarter) either side.
            // Both margins are even, so they never straddle zero.
            const int low = Sign(margin - 1);
            const int high = Sign(margin + 1);
            if (low > 0) {
                win += p;
            } else if (high < 0) {
                lose += p;
            } else if (high > 0) {
                half_win += p;
            } else {
                half_lose += p;
            }
        }
    }
    return Settlement{matrix.MakeEstimate(win),       matrix.MakeEstimate(half_win), matrix.MakeEstimate(push),
                      matrix.MakeEstimate(half_lose), matrix.MakeEstimate(lose),     matrix.Other()};
}

} // namespace

Result<ScoreMatrix> ScoreMatrix::Create(std::vector<std::vector<double>> rows, std::uint64_t sims) {
    if (rows.empty() || rows.front().empty()) {
        return Error{"a score matrix needs at least one row and one column"};
    }
    double covered = 0.0;
    for (std::size_t h = 0; h < rows.size(); ++h) {
        if (rows[h].size() != rows.front().size()) {
            return Error{"score matrix row " + std::to_string(h) + " has " + std::to_string(rows[h].size()) +
                         " columns, row 0 has " + std::to_string(rows.front().size())};
        }
        for (std::size_t a = 0; a < rows[h].size(); ++a) {
            const double p = rows[h][a];
            if (!std::isfinite(p) || p < 0.0) {
                return Error{"score matrix entry (" + std::to_string(h) + ", " + std::to_string(a) +
                             ") must be a finite probability >= 0, got " + detail::Num(p)};
            }
            covered += p;
        }
    }
    if (covered > 1.0 + 1e-9) {
        return Error{"score matrix entries must sum to at most 1, got " + detail::Num(covered)};
    }
    return ScoreMatrix(std::move(rows), covered, sims);
}

Result<ScoreMatrix> ScoreMatrix::FromCounts(const std::vector<std::vector<std::uint64_t>>& counts, std::uint64_t sims) {
    if (sims == 0) {
        return Error{"sims must be > 0 for a matrix of counts"};
    }
    std::uint64_t total = 0;
    std::vector<std::vector<double>> rows;
    rows.reserve(counts.size());
    for (const auto& row : counts) {
        std::vector<double>& out = rows.emplace_back();
        out.reserve(row.size());
        for (const std::uint64_t count : row) {
            total += count;
            out.push_back(static_cast<double>(count) / static_cast<double>(sims));
        }
    }
    if (total > sims) {
        return Error{"score counts total " + std::to_string(total) + ", more than sims " + std::to_string(sims)};
    }
    return Create(std::move(rows), sims);
}

double ScoreMatrix::At(int home, int away) const {
    if (home < 0 || away < 0 || home > MaxHome() || away > MaxAway()) {
        return 0.0;
    }
    return rows_[static_cast<std::size_t>(home)][static_cast<std::size_t>(away)];
}

double ScoreMatrix::Other() const {
    return std::max(0.0, 1.0 - covered_);
}

Estimate ScoreMatrix::MakeEstimate(double probability) const {
    if (sims_ == 0) {
        return {probability, 0.0};
    }
    const double p = std::clamp(probability, 0.0, 1.0);
    return {probability, std::sqrt(p * (1.0 - p) / static_cast<double>(sims_))};
}

ThreeWay MatchResult(const ScoreMatrix& matrix) {
    double home = 0.0, draw = 0.0, away = 0.0;
    for (int h = 0; h <= matrix.MaxHome(); ++h) {
        for (int a = 0; a <= matrix.MaxAway(); ++a) {
            (h > a ? home : h == a ? draw : away) += matrix.At(h, a);
        }
    }
    return {matrix.MakeEstimate(home), matrix.MakeEstimate(draw), matrix.MakeEstimate(away), matrix.Other()};
}

DoubleChanceOutcomes DoubleChance(const ScoreMatrix& matrix) {
    const ThreeWay result = MatchResult(matrix);
    const double home = result.home.probability, draw = result.draw.probability, away = result.away.probability;
    return {matrix.MakeEstimate(home + draw), matrix.MakeEstimate(home + away), matrix.MakeEstimate(draw + away),
            matrix.Other()};
}

DrawNoBetOutcomes DrawNoBet(const ScoreMatrix& matrix) {
    const ThreeWay result = MatchResult(matrix);
    const double decided = result.home.probability + result.away.probability;
    DrawNoBetOutcomes out;
    out.void_mass = result.draw;
    out.other = matrix.Other();
    if (decided <= 0.0) {
        return out;
    }
    const double home = result.home.probability / decided;
    const double away = result.away.probability / decided;
    // A proportion over the undrawn games: sims * decided of them.
    const double games = static_cast<double>(matrix.Sims()) * decided;
    const auto conditional = [&](double q) {
        return Estimate{q, matrix.Sims() == 0 ? 0.0 : std::sqrt(q * (1.0 - q) / games)};
    };
    out.home = conditional(home);
    out.away = conditional(away);
    return out;
}

Result<Settlement> AsianHandicap(const ScoreMatrix& matrix, Team team, double line) {
    const auto quarters = LineInQuarters(line);
    if (!quarters.ok()) {
        return quarters.status();
    }
    if (team == Team::kHome) {
        return Settle(
            matrix, [](int h, int a) { return h - a; }, *quarters);
    }
    return Settle(
        matrix, [](int h, int a) { return a - h; }, *quarters);
}

Result<Settlement> Total(const ScoreMatrix& matrix, TotalSide side, double line) {
    const auto quarters = LineInQuarters(line);
    if (!quarters.ok()) {
        return quarters.status();
    }
    if (side == TotalSide::kOver) {
        return Settle(
            matrix, [](int h, int a) { return h + a; }, -*quarters);
    }
    return Settle(
        matrix, [](int h, int a) { return -(h + a); }, *quarters);
}

Result<Settlement> TeamTotal(const ScoreMatrix& matrix, Team team, TotalSide side, double line) {
    const auto quarters = LineInQuarters(line);
    if (!quarters.ok()) {
        return quarters.status();
    }
    const int sign = side == TotalSide::kOver ? 1 : -1;
    if (team == Team::kHome) {
        return Settle(
            matrix, [sign](int h, int) { return sign * h; }, -sign * *quarters);
    }
    return Settle(
        matrix, [sign](int, int a) { return sign * a; }, -sign * *quarters);
}

YesNo BothTeamsToScore(const ScoreMatrix& matrix) {
    double yes = 0.0, no = 0.0;
    for (int h = 0; h <= matrix.MaxHome(); ++h) {
        for (int a = 0; a <= matrix.MaxAway(); ++a) {
            (h > 0 && a > 0 ? yes : no) += matrix.At(h, a);
        }
    }
    return {matrix.MakeEstimate(yes), matrix.MakeEstimate(no), matrix.Other()};
}

YesNo WinToNil(const ScoreMatrix& matrix, Team team) {
    double yes = 0.0, no = 0.0;
    for (int h = 0; h <= matrix.MaxHome(); ++h) {
        for (int a = 0; a <= matrix.MaxAway(); ++a) {
            const bool hit = team == Team::kHome ? (h > 0 && a == 0) : (a > 0 && h == 0);
            (hit ? yes : no) += matrix.At(h, a);
        }
    }
    return {matrix.MakeEstimate(yes), matrix.MakeEstimate(no), matrix.Other()};
}

CorrectScoreOutcomes CorrectScore(const ScoreMatrix& matrix, std::size_t top) {
    std::vector<ScoreLine> scores;
    for (int h = 0; h <= matrix.MaxHome(); ++h) {
        for (int a = 0; a <= matrix.MaxAway(); ++a) {
            if (matrix.At(h, a) > 0.0) {
                scores.push_back({h, a, matrix.MakeEstimate(matrix.At(h, a))});
            }
        }
    }
    // Stable sort keeps the (home, away) order of the loops among equal probabilities.
    std::stable_sort(scores.begin(), scores.end(), [](const ScoreLine& x, const ScoreLine& y) {
        return x.probability.probability > y.probability.probability;
    });
    if (scores.size() > top) {
        scores.resize(top);
    }
    double listed = 0.0;
    for (const ScoreLine& score : scores) {
        listed += score.probability.probability;
    }
    return {std::move(scores), matrix.MakeEstimate(std::max(0.0, 1.0 - listed))};
}

Result<double> FairDecimalOdds(const Settlement& settlement) {
    const double gain = settlement.win.probability + settlement.half_win.probability / 2.0;
    const double loss = settlement.lose.probability + settlement.half_lose.probability / 2.0;
    if (!(gain > 0.0)) {
        return Error{"the bet cannot win (win + half win probability is " + detail::Num(gain) +
                     "), so it has no fair odds"};
    }
    if (!(loss > 0.0)) {
        return Error{"the bet cannot lose (lose + half lose probability is " + detail::Num(loss) +
                     "), so its fair odds would be 1"};
    }
    return 1.0 + loss / gain;
}

} // namespace simbook::odds
