#include "models/soccer_join.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <limits>
#include <set>

namespace simbook::models {
namespace {

//! Weight of the name similarity next to the score evidence (one shared score is worth 1): decides only
//! between candidates that the scores cannot tell apart.
constexpr double kNameWeight = 0.5;
//! Rounds of re-pairing with the opponents' pairing before giving up on a fixed point.
constexpr int kMaxRounds = 10;

//! Maximum-weight perfect assignment of a square matrix (Hungarian algorithm, O(n^3)): column of each row.
std::vector<int> MaxWeightAssignment(const std::vector<std::vector<double>>& weight) {
    const int n = static_cast<int>(weight.size());
    const double inf = std::numeric_limits<double>::infinity();
    // Potentials u (rows), v (columns), matched row p of each column, 1-based with a virtual column 0.
    std::vector<double> u(n + 1, 0.0), v(n + 1, 0.0);
    std::vector<int> p(n + 1, 0), way(n + 1, 0);
    for (int i = 1; i <= n; ++i) {
        p[0] = i;
        int j0 = 0;
        std::vector<double> minv(n + 1, inf);
        std::vector<char> used(n + 1, 0);
        do {
            used[j0] = 1;
            const int i0 = p[j0];
            double delta = inf;
            int j1 = 0;
            for (int j = 1; j <= n; ++j) {
                if (!used[j]) {
                    const double cost = -weight[i0 - 1][j - 1] - u[i0] - v[j];
                    if (cost < minv[j]) {
                        minv[j] = cost;
                        way[j] = j0;
                    }
                    if (minv[j] < delta) {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for (int j = 0; j <= n; ++j) {
                if (used[j]) {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
        } while (p[j0] != 0);
        do {
            const int j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
        } while (j0 != 0);
    }
    std::vector<int> column(n, -1);
    for (int j = 1; j <= n; ++j) {
        if (p[j] > 0) {
            column[p[j] - 1] = j - 1;
        }
    }
    return column;
}

std::string Describe(const SoccerOdds& row) {
    std::string text = SeasonLabel(row.season);
    text.append(" round ")
        .append(std::to_string(row.round))
        .append(" ")
        .append(row.home)
        .append(" v ")
        .append(row.away);
    return text;
}

std::string Score(int home, int away) {
    return std::to_string(home) + "-" + std::to_string(away);
}

//! The teams of one season of both files, their pairing and the results index by (home, away).
class SeasonJoin {
public:
    SeasonJoin(std::vector<std::size_t> rows, std::span<const SoccerOdds> odds, std::vector<std::size_t> matches,
               std::span<const SoccerMatch> results)
        : rows_(std::move(rows)), odds_(odds), matches_(std::move(matches)), results_(results) {
        for (std::size_t r : rows_) {
            odds_team_.emplace(odds_[r].home, 0);
            odds_team_.emplace(odds_[r].away, 0);
        }
        for (std::size_t m : matches_) {
            results_team_.emplace(results_[m].home, 0);
            results_team_.emplace(results_[m].away, 0);
        }
        for (auto* index : {&odds_team_, &results_team_}) {
            int next = 0;
            for (auto& [name, id] : *index) {
                id = next++;
            }
        }
        for (const auto& [name, id] : results_team_) {
            results_name_.push_back(name);
        }
        for (std::size_t m : matches_) {
            by_pair_[{Team(results_team_, results_[m].home), Team(results_team_, results_[m].away)}].push_back(m);
        }
        scored_rows_.assign(std::max(odds_team_.size(), results_team_.size()), 0);
        for (std::size_t r : rows_) {
            if (odds_[r].home_goals >= 0) {
                ++scored_rows_[Index(odds_team_, odds_[r].home)];
                ++scored_rows_[Index(odds_team_, odds_[r].away)];
            }
        }
    }

    //! results-team id of each odds-team id (-1: none).
    std::vector<int> Pair(std::span<const TeamNamePair> overrides) const {
        const std::size_t n = std::max(odds_team_.size(), results_team_.size());
        std::vector<int> fixed(odds_team_.size(), -1);
        for (const TeamNamePair& pair : overrides) {
            const auto o = odds_team_.find(std::string(pair.odds));
            const auto r = results_team_.find(std::string(pair.results));
            if (o != odds_team_.end() && r != results_team_.end()) {
                fixed[static_cast<std::size_t>(o->second)] = r->second;
            }
        }
        // Prior evidence: rows whose score a results match repeats at the same venue (1/16 each: a team shares its
        // scores with many), and the similarity of the names.
        std::vector<std::vector<double>> prior(n, std::vector<double>(n, 0.0));
        for (std::size_t r : rows_) {
            const SoccerOdds& row = odds_[r];
            if (row.home_goals < 0) {
                continue;
            }
            for (std::size_t m : matches_) {
                if (results_[m].home_goals == row.home_goals && results_[m].away_goals == row.away_goals) {
                    prior[Index(odds_team_, row.home)][Index(results_team_, results_[m].home)] += 1.0 / 16.0;
                    prior[Index(odds_team_, row.away)][Index(results_team_, results_[m].away)] += 1.0 / 16.0;
                }
            }
        }
        for (const auto& [o_name, o] : odds_team_) {
            for (const auto& [r_name, r] : results_team_) {
                prior[static_cast<std::size_t>(o)][static_cast<std::size_t>(r)] +=
                    kNameWeight * TeamNameSimilarity(o_name, r_name);
            }
        }
        std::vector<int> pairing = Assign(prior, fixed);
        for (int round = 0; round < kMaxRounds; ++round) {
            std::vector<std::vector<double>> weight = Support(pairing);
            for (std::size_t o = 0; o < n; ++o) {
                for (std::size_t r = 0; r < n; ++r) {
                    weight[o][r] += 1e-3 * prior[o][r]; // a tie-breaker only
                }
            }
            std::vector<int> next = Assign(std::move(weight), fixed);
            if (next == pairing) {
                break;
            }
            pairing = std::move(next);
        }
        // Refuse pairings that do not explain at least half of a team's scored rows.
        const std::vector<std::vector<double>> support = Support(pairing);
        for (std::size_t o = 0; o < pairing.size(); ++o) {
            if (pairing[o] >= 0 && fixed[o] < 0 &&
                support[o][static_cast<std::size_t>(pairing[o])] < 0.5 * double(scored_rows_[o])) {
                pairing[o] = -1;
            }
        }
        return pairing;
    }

    //! Joins the rows with a pairing: results index per row (or none) and the issues.
    void Join(const std::vector<int>& pairing, OddsJoin& out) const {
        for (const auto& [name, o] : odds_team_) {
            if (pairing[static_cast<std::size_t>(o)] >= 0) {
                out.names[{odds_[rows_.front()].season, name}] =
                    results_name_[static_cast<std::size_t>(pairing[static_cast<std::size_t>(o)])];
            }
        }
        std::map<int, std::vector<std::chrono::sys_days>> round_dates;
        for (std::size_t r : rows_) {
            const SoccerOdds& row = odds_[r];
            const int home = pairing[Index(odds_team_, row.home)];
            const int away = pairing[Index(odds_team_, row.away)];
            if (home < 0 || away < 0) {
                out.issues.push_back({r, OddsJoinProblem::kNoTeam,
                                      Describe(row) + ": no results-file team for " + (home < 0 ? row.home : row.away) +
                                          " in " + SeasonLabel(row.season)});
                continue;
            }
            const auto it = by_pair_.find({home, away});
            if (it == by_pair_.end()) {
                out.issues.push_back({r, OddsJoinProblem::kNoMatch,
                                      Describe(row) + ": the results file has no " +
                                          results_name_[static_cast<std::size_t>(home)] + " v " +
                                          results_name_[static_cast<std::size_t>(away)]});
                continue;
            }
            // Several meetings at the same venue in one season: the one with the same score, else the first.
            std::size_t match = it->second.front();
            for (std::size_t m : it->second) {
                if (results_[m].home_goals == row.home_goals && results_[m].away_goals == row.away_goals) {
                    match = m;
                    break;
                }
            }
            out.result_of[r] = match;
            ++out.joined;
            round_dates[row.round].push_back(results_[match].date);
            const SoccerMatch& result = results_[match];
            if (row.home_goals < 0) {
                out.issues.push_back(
                    {r, OddsJoinProblem::kNoScore, Describe(row) + ": no score in the odds file, joined by teams"});
            } else if (row.home_goals != result.home_goals || row.away_goals != result.away_goals) {
                out.issues.push_back({r, OddsJoinProblem::kScoreDiffers,
                                      Describe(row) + ": score " + Score(row.home_goals, row.away_goals) +
                                          " in the odds file, " + Score(result.home_goals, result.away_goals) +
                                          " in the results file (" + FormatDate(result.date) + ")"});
            }
        }
        for (auto& [round, dates] : round_dates) {
            std::sort(dates.begin(), dates.end());
        }
        for (std::size_t r : rows_) {
            if (!out.result_of[r]) {
                continue;
            }
            const auto& dates = round_dates[odds_[r].round];
            const auto date = results_[*out.result_of[r]].date;
            const auto median = dates[(dates.size() - 1) / 2]; // the lower median
            if (std::abs((date - median).count()) > kRoundDateToleranceDays) {
                out.issues.push_back({r, OddsJoinProblem::kDateOutsideRound,
                                      Describe(odds_[r]) + ": played " + FormatDate(date) +
                                          ", the round's median date is " + FormatDate(median)});
            }
        }
    }

private:
    static int Team(const std::map<std::string, int>& index, const std::string& name) { return index.at(name); }
    static std::size_t Index(const std::map<std::string, int>& index, const std::string& name) {
        return static_cast<std::size_t>(index.at(name));
    }

    //! support[o][r]: rows of odds team o whose score the results file repeats when o is r and the opponent is
    //! paired as in `pairing`.
    std::vector<std::vector<double>> Support(const std::vector<int>& pairing) const {
        const std::size_t n = std::max(odds_team_.size(), results_team_.size());
        std::vector<std::vector<double>> support(n, std::vector<double>(n, 0.0));
        for (std::size_t r : rows_) {
            const SoccerOdds& row = odds_[r];
            if (row.home_goals < 0) {
                continue;
            }
            const std::size_t home = Index(odds_team_, row.home);
            const std::size_t away = Index(odds_team_, row.away);
            for (std::size_t m : matches_) {
                const SoccerMatch& match = results_[m];
                if (match.home_goals != row.home_goals || match.away_goals != row.away_goals) {
                    continue;
                }
                const int h = Team(results_team_, match.home);
                const int a = Team(results_team_, match.away);
                if (pairing[away] == a) {
                    support[home][static_cast<std::size_t>(h)] += 1.0;
                }
                if (pairing[home] == h) {
                    support[away][static_cast<std::size_t>(a)] += 1.0;
                }
            }
        }
        return support;
    }

    //! The best assignment of the padded square matrix, keeping fixed pairs; -1 for a padding column.
    std::vector<int> Assign(std::vector<std::vector<double>> weight, const std::vector<int>& fixed) const {
        const double big = 1e6;
        for (std::size_t o = 0; o < fixed.size(); ++o) {
            if (fixed[o] >= 0) {
                for (std::size_t r = 0; r < weight.size(); ++r) {
                    weight[o][r] = r == static_cast<std::size_t>(fixed[o]) ? big : -big;
                }
            }
        }
        const std::vector<int> column = MaxWeightAssignment(weight);
        std::vector<int> pairing(odds_team_.size(), -1);
        for (std::size_t o = 0; o < pairing.size(); ++o) {
            if (column[o] < static_cast<int>(results_team_.size())) {
                pairing[o] = column[o];
            }
        }
        return pairing;
    }

    std::vector<std::size_t> rows_;
    std::span<const SoccerOdds> odds_;
    std::vector<std::size_t> matches_;
    std::span<const SoccerMatch> results_;
    std::map<std::string, int> odds_team_;
    std::map<std::string, int> results_team_;
    std::vector<std::string> results_name_;
    std::map<std::pair<int, int>, std::vector<std::size_t>> by_pair_;
    std::vector<int> scored_rows_; //!< per odds team: its rows with a score
};

//! Lower-case ASCII letters and digits of a name (other bytes, accents included, are dropped).
std::string Normalised(std::string_view name) {
    std::string out;
    for (const char c : name) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            out.push_back(c);
        } else if (c >= 'A' && c <= 'Z') {
            out.push_back(static_cast<char>(c - 'A' + 'a'));
        }
    }
    return out;
}

} // namespace

double TeamNameSimilarity(std::string_view a, std::string_view b) {
    const std::string x = Normalised(a);
    const std::string y = Normalised(b);
    if (x.empty() || y.empty()) {
        return 0.0;
    }
    std::vector<int> previous(y.size() + 1, 0), current(y.size() + 1, 0);
    int longest = 0;
    for (std::size_t i = 1; i <= x.size(); ++i) {
        for (std::size_t j = 1; j <= y.size(); ++j) {
            current[j] = x[i - 1] == y[j - 1] ? previous[j - 1] + 1 : 0;
            longest = std::max(longest, current[j]);
        }
        std::swap(previous, current);
    }
    return double(longest) / double(std::min(x.size(), y.size()));
}

OddsJoin JoinOddsToResults(std::span<const SoccerOdds> odds, std::span<const SoccerMatch> results,
                           std::span<const TeamNamePair> overrides) {
    OddsJoin out;
    out.result_of.assign(odds.size(), std::nullopt);
    std::map<int, std::vector<std::size_t>> rows_by_season;
    std::map<int, std::vector<std::size_t>> matches_by_season;
    for (std::size_t r = 0; r < odds.size(); ++r) {
        rows_by_season[odds[r].season].push_back(r);
    }
    for (std::size_t m = 0; m < results.size(); ++m) {
        matches_by_season[results[m].season].push_back(m);
    }
    for (auto& [season, rows] : rows_by_season) {
        const auto matches = matches_by_season.find(season);
        if (matches == matches_by_season.end()) {
            for (std::size_t r : rows) {
                out.issues.push_back(
                    {r, OddsJoinProblem::kNoMatch, Describe(odds[r]) + ": no results for " + SeasonLabel(season)});
            }
            continue;
        }
        const SeasonJoin join(rows, odds, matches->second, results);
        join.Join(join.Pair(overrides), out);
    }
    std::stable_sort(out.issues.begin(), out.issues.end(),
                     [](const OddsJoinIssue& a, const OddsJoinIssue& b) { return a.odds_row < b.odds_row; });
    return out;
}

} // namespace simbook::models
