#include "fantasy/optimizer.hpp"

#include "kernels/core/rng.cuh"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

namespace simbook::fantasy {

namespace {

std::string Dollars(long long v) {
    const std::string digits = std::to_string(v < 0 ? -v : v);
    std::string out = v < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            out.push_back(',');
        }
        out.push_back(digits[i]);
    }
    return out;
}

// Augmenting-path matching of players to slots.
bool Augment(const SiteRules& site, const std::vector<PoolPlayer>& pool, const std::vector<int>& chosen, int i,
             std::vector<int>& slot_of_player, std::vector<int>& player_of_slot, std::vector<bool>& seen) {
    for (std::size_t s = 0; s < site.slots.size(); ++s) {
        if (!(site.slots[s].eligible & pool[chosen[i]].positions) || seen[s]) {
            continue;
        }
        seen[s] = true;
        if (player_of_slot[s] < 0 ||
            Augment(site, pool, chosen, player_of_slot[s], slot_of_player, player_of_slot, seen)) {
            player_of_slot[s] = i;
            slot_of_player[i] = static_cast<int>(s);
            return true;
        }
    }
    return false;
}

// A pool player by id, else by exact name; -1 unknown, -2 ambiguous name.
int Resolve(const std::vector<PoolPlayer>& pool, const std::string& key) {
    for (std::size_t i = 0; i < pool.size(); ++i) {
        if (pool[i].id == key) {
            return static_cast<int>(i);
        }
    }
    int found = -1;
    for (std::size_t i = 0; i < pool.size(); ++i) {
        if (pool[i].name == key) {
            if (found >= 0) {
                return -2;
            }
            found = static_cast<int>(i);
        }
    }
    return found;
}

//! GLPK keeps an environment per thread (allocated by its first call, about 5 KB); a request thread that solved a
//! lineup frees it when the solve ends, so server threads hold nothing between requests (ASan's leak check).
struct ThreadEnvironmentRelease {
    ThreadEnvironmentRelease() = default;
    ThreadEnvironmentRelease(const ThreadEnvironmentRelease&) = delete;
    ThreadEnvironmentRelease& operator=(const ThreadEnvironmentRelease&) = delete;
    ~ThreadEnvironmentRelease() { glp_free_env(); }
};

struct ProblemDeleter {
    void operator()(glp_prob* p) const { glp_delete_prob(p); }
};

// The MILP: y_p binary (player p picked), z binary per stack group, u binary per game/team of the site's spread
// rule. Positions enter through Hall's conditions on y (see the constructor).
class LineupMilp {
public:
    LineupMilp(const SiteRules& site, const std::vector<PoolPlayer>& pool, const std::vector<bool>& allowed,
               const std::vector<bool>& locked, const std::vector<TeamLimit>& limits,
               const std::vector<StackRule>& stacks)
        : pool_(pool), lp_(glp_create_prob()) {
        glp_prob* lp = lp_.get();
        glp_set_obj_dir(lp, GLP_MAX);
        const int n = static_cast<int>(pool.size());
        const int slots = static_cast<int>(site.slots.size());
        SIMBOOK_REQUIRE(slots > 0, "a site without roster slots");
        // Groups by team and by game.
        std::map<std::string, std::vector<int>> by_team, by_game;
        for (int p = 0; p < n; ++p) {
            by_team[pool[p].team].push_back(p);
            by_game[pool[p].game].push_back(p);
        }
        const auto listed = [](const StackRule& st, const std::string& key) {
            return st.among.empty() || std::find(st.among.begin(), st.among.end(), key) != st.among.end();
        };
        // Auxiliary binaries come first: GLPK's first-fractional branching then decides which team or game to
        // stack before it branches on players (the player columns follow them).
        int aux = 0;
        for (const StackRule& st : stacks) {
            for (const auto& [key, members] : st.by_game ? by_game : by_team) {
                aux += listed(st, key) ? 1 : 0;
            }
        }
        aux += site.min_games > 1 ? static_cast<int>(by_game.size()) : 0;
        aux += site.min_teams > 1 ? static_cast<int>(by_team.size()) : 0;
        if (aux > 0) {
            glp_add_cols(lp, aux);
        }
        int next_aux = 1;
        y0_ = aux + 1;
        glp_add_cols(lp, n);
        for (int p = 0; p < n; ++p) {
            glp_set_col_kind(lp, Y(p), GLP_BV);
            if (!allowed[p]) {
                glp_set_col_bnds(lp, Y(p), GLP_FX, 0.0, 0.0);
            } else if (locked[p]) {
                glp_set_col_bnds(lp, Y(p), GLP_FX, 1.0, 1.0);
            }
        }
        // Slots by Hall's theorem on y alone (no assignment variables): exactly R players, and for every set Q of
        // positions, the players with a position in Q number at least the slots that only Q's positions can
        // fill. Those conditions are exactly "the chosen players can fill the slots" (every Hall set S of slots
        // is dominated by Q = the positions S accepts), and the assignment itself is a matching afterwards.
        std::vector<std::pair<int, double>> all;
        for (int p = 0; p < n; ++p) {
            all.push_back({Y(p), 1.0});
        }
        AddRow(all, GLP_FX, slots, slots);
        for (std::uint32_t q = 1; q < 31u; ++q) {
            int only_q = 0;
            for (const RosterSlot& slot : site.slots) {
                only_q += (slot.eligible & ~q) == 0 ? 1 : 0;
            }
            if (only_q == 0) {
                continue;
            }
            std::vector<std::pair<int, double>> row;
            for (int p = 0; p < n; ++p) {
                if (pool[p].positions & q) {
                    row.push_back({Y(p), 1.0});
                }
            }
            AddRow(row, GLP_LO, only_q, 0.0);
        }
        std::vector<std::pair<int, double>> cap;
        for (int p = 0; p < n; ++p) {
            cap.push_back({Y(p), static_cast<double>(pool[p].salary)});
        }
        AddRow(cap, GLP_UP, 0.0, site.salary_cap);
        for (const TeamLimit& l : limits) {
            std::vector<std::pair<int, double>> row;
            for (int p : by_team[l.team]) {
                row.push_back({Y(p), 1.0});
            }
            const bool has_max = l.max != std::numeric_limits<int>::max();
            AddRow(row, has_max ? (l.min > 0 ? GLP_DB : GLP_UP) : GLP_LO, l.min, has_max ? l.max : 0.0);
        }
        const auto spread = [&](const std::map<std::string, std::vector<int>>& groups, int minimum) {
            if (minimum <= 1) {
                return;
            }
            std::vector<std::pair<int, double>> total;
            for (const auto& [key, members] : groups) {
                const int u = next_aux++;
                glp_set_col_kind(lp, u, GLP_BV);
                std::vector<std::pair<int, double>> row{{u, -1.0}};
                for (int p : members) {
                    row.push_back({Y(p), 1.0});
                }
                AddRow(row, GLP_LO, 0.0, 0.0); // u_g <= players from g
                total.push_back({u, 1.0});
            }
            AddRow(total, GLP_LO, minimum, 0.0);
        };
        for (const StackRule& st : stacks) {
            const auto& groups = st.by_game ? by_game : by_team;
            std::vector<std::pair<int, double>> any;
            for (const auto& [key, members] : groups) {
                if (!listed(st, key)) {
                    continue;
                }
                const int z = next_aux++;
                glp_set_col_kind(lp, z, GLP_BV);
                std::vector<std::pair<int, double>> row{{z, -static_cast<double>(st.size)}};
                for (int p : members) {
                    row.push_back({Y(p), 1.0});
                }
                AddRow(row, GLP_LO, 0.0, 0.0); // players from g >= size * z_g
                any.push_back({z, 1.0});
            }
            AddRow(any, GLP_LO, 1.0, 0.0);
        }
        spread(by_game, site.min_games);
        spread(by_team, site.min_teams);
    }

    //! Lineups that share more than `max_common` players with `players` are cut off.
    void AddUniqueness(const std::vector<int>& players, int max_common) {
        std::vector<std::pair<int, double>> row;
        for (int p : players) {
            row.push_back({Y(p), 1.0});
        }
        AddRow(row, GLP_UP, 0.0, max_common);
    }
    void Forbid(int p) { glp_set_col_bnds(lp_.get(), Y(p), GLP_FX, 0.0, 0.0); }

    enum class Outcome { kOptimal, kInfeasible, kTimeLimit, kFailed };
    //! Maximises sum coef[p] y_p to within the relative gap (0: exact); chosen gets the picked players.
    Outcome Solve(const std::vector<double>& coef, double time_limit_s, double mip_gap, std::vector<int>* chosen) {
        glp_prob* lp = lp_.get();
        for (std::size_t p = 0; p < coef.size(); ++p) {
            glp_set_obj_coef(lp, Y(static_cast<int>(p)), coef[p]);
        }
        glp_term_out(GLP_OFF); // nothing on stdout (the CLI prints JSON there); per thread in this reentrant GLPK
        glp_iocp parm;
        glp_init_iocp(&parm);
        parm.presolve = GLP_ON;
        parm.msg_lev = GLP_MSG_OFF;
        parm.tm_lim = static_cast<int>(time_limit_s * 1000.0);
        parm.mip_gap = mip_gap;
        // Measured on the 10-game demo slate (150 DraftKings lineups): no integer preprocessing, first-fractional
        // branching and depth-first backtracking take half the time of GLPK's defaults; still exact (gap 0).
        parm.pp_tech = GLP_PP_NONE;
        parm.br_tech = GLP_BR_FFV;
        parm.bt_tech = GLP_BT_DFS;
        const int ret = glp_intopt(lp, &parm);
        const int status = glp_mip_status(lp);
        if (ret == GLP_ENOPFS || status == GLP_NOFEAS) {
            return Outcome::kInfeasible;
        }
        if (status != GLP_OPT && status != GLP_FEAS) {
            return ret == GLP_ETMLIM ? Outcome::kInfeasible : Outcome::kFailed;
        }
        chosen->clear();
        for (std::size_t p = 0; p < pool_.size(); ++p) {
            if (glp_mip_col_val(lp, Y(static_cast<int>(p))) > 0.5) {
                chosen->push_back(static_cast<int>(p));
            }
        }
        return status == GLP_OPT && ret == 0 ? Outcome::kOptimal : Outcome::kTimeLimit;
    }

private:
    void AddRow(const std::vector<std::pair<int, double>>& entries, int type, double lo, double hi) {
        glp_prob* lp = lp_.get();
        const int row = glp_add_rows(lp, 1);
        std::vector<int> index(entries.size() + 1);
        std::vector<double> value(entries.size() + 1);
        for (std::size_t k = 0; k < entries.size(); ++k) {
            index[k + 1] = entries[k].first;
            value[k + 1] = entries[k].second;
        }
        glp_set_mat_row(lp, row, static_cast<int>(entries.size()), index.data(), value.data());
        glp_set_row_bnds(lp, row, type, lo, hi);
    }

    //! Column of player p's variable.
    int Y(int p) const { return y0_ + p; }

    const std::vector<PoolPlayer>& pool_;
    std::unique_ptr<glp_prob, ProblemDeleter> lp_;
    int y0_ = 1;
};

} // namespace

bool AssignSlots(const SiteRules& site, const std::vector<PoolPlayer>& pool, const std::vector<int>& chosen,
                 std::vector<int>* slot_players) {
    if (chosen.size() > site.slots.size()) {
        return false;
    }
    std::vector<int> slot_of_player(chosen.size(), -1), player_of_slot(site.slots.size(), -1);
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        std::vector<bool> seen(site.slots.size(), false);
        if (!Augment(site, pool, chosen, static_cast<int>(i), slot_of_player, player_of_slot, seen)) {
            return false;
        }
    }
    if (slot_players != nullptr) {
        slot_players->assign(site.slots.size(), -1);
        for (std::size_t s = 0; s < site.slots.size(); ++s) {
            if (player_of_slot[s] >= 0) {
                (*slot_players)[s] = chosen[player_of_slot[s]];
            }
        }
    }
    return true;
}

std::pair<double, double> TargetProbability(const std::vector<PoolPlayer>& pool, const std::vector<int>& players,
                                            const PathPoints& paths, double target) {
    if (paths.data == nullptr || paths.paths == 0) {
        return {-1.0, 0.0};
    }
    std::vector<const float*> rows;
    for (int p : players) {
        if (pool[p].path_row < 0) {
            return {-1.0, 0.0};
        }
        rows.push_back(paths.data + static_cast<std::uint64_t>(pool[p].path_row) * paths.paths);
    }
    std::uint64_t hits = 0;
    for (std::uint64_t k = 0; k < paths.paths; ++k) {
        double total = 0.0;
        for (const float* r : rows) {
            total += r[k];
        }
        hits += total >= target - 1e-9;
    }
    const double n = static_cast<double>(paths.paths);
    const double p = static_cast<double>(hits) / n;
    return {p, std::sqrt(p * (1.0 - p) / n)};
}

std::string CheckLineups(const SiteRules& site, const std::vector<PoolPlayer>& pool, const LineupRules& rules,
                         const std::vector<Lineup>& lineups) {
    std::map<int, int> used;
    const int cap_count = std::max(1, static_cast<int>(std::floor(rules.max_exposure * lineups.size() + 1e-9)));
    std::set<int> locked, excluded;
    for (const std::string& k : rules.locks) {
        locked.insert(Resolve(pool, k));
    }
    for (const std::string& k : rules.excludes) {
        excluded.insert(Resolve(pool, k));
    }
    for (std::size_t l = 0; l < lineups.size(); ++l) {
        const Lineup& lu = lineups[l];
        const std::string at = "lineup " + std::to_string(l + 1) + ": ";
        if (lu.players.size() != site.slots.size()) {
            return at + "wrong number of players";
        }
        std::set<int> distinct(lu.players.begin(), lu.players.end());
        if (distinct.size() != lu.players.size() || distinct.count(-1)) {
            return at + "a player repeats or a slot is empty";
        }
        long long salary = 0;
        std::map<std::string, int> teams, games;
        for (std::size_t s = 0; s < lu.players.size(); ++s) {
            const PoolPlayer& p = pool[lu.players[s]];
            if (!(site.slots[s].eligible & p.positions)) {
                return at + p.name + " (" + PositionsText(p.positions) + ") cannot fill " + site.slots[s].name;
            }
            salary += p.salary;
            ++teams[p.team];
            ++games[p.game];
            if (excluded.count(lu.players[s])) {
                return at + p.name + " is excluded";
            }
            ++used[lu.players[s]];
        }
        if (salary > site.salary_cap || salary != lu.salary) {
            return at + "salary " + Dollars(salary) + " over the cap or misreported";
        }
        for (int k : locked) {
            if (!distinct.count(k)) {
                return at + "a locked player is missing";
            }
        }
        for (const auto& [team, count] : teams) {
            if ((site.max_per_team > 0 && count > site.max_per_team) ||
                (rules.max_per_team > 0 && count > rules.max_per_team)) {
                return at + std::to_string(count) + " players from " + team;
            }
        }
        if (static_cast<int>(games.size()) < site.min_games || static_cast<int>(teams.size()) < site.min_teams) {
            return at + "too few games or teams";
        }
        for (const TeamLimit& t : rules.team_limits) {
            const int c = teams.count(t.team) ? teams[t.team] : 0;
            if (c < t.min || c > t.max) {
                return at + "team limit for " + t.team;
            }
        }
        for (const StackRule& st : rules.stacks) {
            bool met = false;
            for (const auto& [key, count] : st.by_game ? games : teams) {
                const bool listed =
                    st.among.empty() || std::find(st.among.begin(), st.among.end(), key) != st.among.end();
                met = met || (listed && count >= st.size);
            }
            if (!met) {
                return at + "stack of " + std::to_string(st.size) + " not met";
            }
        }
        for (std::size_t m = 0; m < l; ++m) {
            int common = 0;
            for (int p : lineups[m].players) {
                common += distinct.count(p) ? 1 : 0;
            }
            if (static_cast<int>(site.slots.size()) - common < rules.min_different) {
                return at + "shares " + std::to_string(common) + " players with lineup " + std::to_string(m + 1);
            }
        }
    }
    for (const auto& [p, count] : used) {
        if (!locked.count(p) && count > cap_count) {
            return pool[p].name + " is in " + std::to_string(count) + " lineups, over the exposure limit of " +
                   std::to_string(cap_count);
        }
    }
    return "";
}

Result<OptimizeResult> OptimizeLineups(const SiteRules& site, const std::vector<PoolPlayer>& pool,
                                       const LineupRules& rules, const OptimizeOptions& options,
                                       const PathPoints* paths) {
    const int roster = static_cast<int>(site.slots.size());
    const int n = static_cast<int>(pool.size());
    if (n == 0) {
        // GLPK aborts the process on a problem without columns: an empty pool is refused here.
        return InvalidArgument("salaries", "no player has both a salary and a projection");
    }
    if (rules.lineups < 1 || rules.lineups > 500) {
        return InvalidArgument("lineups", std::to_string(rules.lineups) + " is outside [1, 500]");
    }
    if (!(rules.max_exposure > 0.0 && rules.max_exposure <= 1.0)) {
        return InvalidArgument("max_exposure", "must be in (0, 1]");
    }
    if (rules.min_different < 1 || rules.min_different > roster) {
        return InvalidArgument("min_different", "must be in [1, " + std::to_string(roster) + "]");
    }
    if (rules.max_per_team < 0) {
        return InvalidArgument("max_per_team", "must be >= 0 (0: no limit beyond the site's)");
    }
    if (options.objective == Objective::kPTarget) {
        if (paths == nullptr || paths->data == nullptr || paths->paths == 0) {
            return InvalidArgument("objective", "p_target needs the simulated paths");
        }
        if (!(options.target > 0.0) || !std::isfinite(options.target)) {
            return InvalidArgument("target", "p_target needs a positive target score");
        }
        if (options.candidates < 1 || options.candidates > 64) {
            return InvalidArgument("candidates", "must be in [1, 64]");
        }
    }
    // Locks and excludes.
    std::vector<bool> locked(n, false), allowed(n, true);
    for (std::size_t i = 0; i < rules.excludes.size(); ++i) {
        const int p = Resolve(pool, rules.excludes[i]);
        if (p < 0) {
            return InvalidArgument("excludes[" + std::to_string(i) + "]",
                                   "'" + rules.excludes[i] +
                                       (p == -2 ? "' names two players; use the id" : "' is not in the salary pool"));
        }
        allowed[p] = false;
    }
    std::vector<int> lock_list;
    for (std::size_t i = 0; i < rules.locks.size(); ++i) {
        const std::string field = "locks[" + std::to_string(i) + "]";
        const int p = Resolve(pool, rules.locks[i]);
        if (p < 0) {
            return InvalidArgument(field,
                                   "'" + rules.locks[i] +
                                       (p == -2 ? "' names two players; use the id" : "' is not in the salary pool"));
        }
        if (!allowed[p]) {
            return InvalidArgument(field, pool[p].name + " is both locked and excluded");
        }
        if (locked[p]) {
            return InvalidArgument(field, pool[p].name + " is locked twice");
        }
        locked[p] = true;
        lock_list.push_back(p);
    }
    if (static_cast<int>(lock_list.size()) > roster) {
        return InvalidArgument("locks", std::to_string(lock_list.size()) + " players locked but a " + site.site +
                                            " lineup has " + std::to_string(roster));
    }
    if (!lock_list.empty()) {
        long long locked_salary = 0;
        std::string names;
        for (int p : lock_list) {
            locked_salary += pool[p].salary;
            names.append(names.empty() ? "" : " + ")
                .append(pool[p].name)
                .append(" (")
                .append(Dollars(pool[p].salary))
                .append(")");
        }
        if (locked_salary > site.salary_cap) {
            return InvalidArgument("locks", names + " = " + Dollars(locked_salary) + " exceeds the salary cap of " +
                                                Dollars(site.salary_cap));
        }
        std::vector<int> others;
        for (int p = 0; p < n; ++p) {
            if (allowed[p] && !locked[p]) {
                others.push_back(pool[p].salary);
            }
        }
        const std::size_t need = static_cast<std::size_t>(roster) - lock_list.size();
        if (others.size() < need) {
            return InvalidArgument("locks", "too few other players left to fill the lineup");
        }
        std::sort(others.begin(), others.end());
        long long cheapest = 0;
        for (std::size_t k = 0; k < need; ++k) {
            cheapest += others[k];
        }
        if (locked_salary + cheapest > site.salary_cap) {
            return InvalidArgument("locks", names + " = " + Dollars(locked_salary) + " leave " +
                                                Dollars(site.salary_cap - locked_salary) + " for " +
                                                std::to_string(need) + " more players, but the cheapest " +
                                                std::to_string(need) + " cost " + Dollars(cheapest) + " (salary cap " +
                                                Dollars(site.salary_cap) + ")");
        }
        if (!AssignSlots(site, pool, lock_list, nullptr)) {
            std::string pos;
            for (int p : lock_list) {
                pos.append(pos.empty() ? "" : ", ")
                    .append(pool[p].name)
                    .append(" (")
                    .append(PositionsText(pool[p].positions))
                    .append(")");
            }
            return InvalidArgument("locks", pos + " cannot all fill the " + site.site + " roster slots");
        }
        std::map<std::string, int> per_team;
        for (int p : lock_list) {
            ++per_team[pool[p].team];
        }
        for (const auto& [team, count] : per_team) {
            const int limit = std::min(site.max_per_team > 0 ? site.max_per_team : roster,
                                       rules.max_per_team > 0 ? rules.max_per_team : roster);
            if (count > limit) {
                return InvalidArgument("locks", std::to_string(count) + " locked players from " + team +
                                                    " exceed the limit of " + std::to_string(limit) + " per team");
            }
        }
    }
    // Team limits: the site's and the request's max per team, then explicit limits (validated).
    std::vector<TeamLimit> limits;
    std::set<std::string> teams;
    for (const PoolPlayer& p : pool) {
        teams.insert(p.team);
    }
    const int max_team = std::min(site.max_per_team > 0 ? site.max_per_team : roster,
                                  rules.max_per_team > 0 ? rules.max_per_team : roster);
    if (max_team < roster) {
        for (const std::string& t : teams) {
            limits.push_back({t, 0, max_team});
        }
    }
    for (std::size_t i = 0; i < rules.team_limits.size(); ++i) {
        const TeamLimit& l = rules.team_limits[i];
        const std::string field = "team_limits[" + std::to_string(i) + "]";
        if (!teams.count(l.team)) {
            return InvalidArgument(field + ".team", "'" + l.team + "' has no player in the salary pool");
        }
        if (l.min < 0 || l.max < l.min || l.min > roster) {
            return InvalidArgument(field, "needs 0 <= min <= max and min <= " + std::to_string(roster));
        }
        if (l.min > max_team) {
            return InvalidArgument(field + ".min", std::to_string(l.min) + " breaks the limit of " +
                                                       std::to_string(max_team) + " players per team");
        }
        limits.push_back(l);
    }
    for (std::size_t i = 0; i < rules.stacks.size(); ++i) {
        const StackRule& st = rules.stacks[i];
        const std::string field = "stacks[" + std::to_string(i) + "]";
        if (st.size < 1 || st.size > roster) {
            return InvalidArgument(field + ".size", "must be in [1, " + std::to_string(roster) + "]");
        }
        if (st.size > (st.by_game ? 2 * max_team : max_team)) {
            return InvalidArgument(field + ".size", "a stack of " + std::to_string(st.size) + " from one " +
                                                        (st.by_game ? "game" : "team") + " breaks the limit of " +
                                                        std::to_string(max_team) + " players per team");
        }
        for (const std::string& key : st.among) {
            const bool known = std::any_of(pool.begin(), pool.end(),
                                           [&](const PoolPlayer& p) { return (st.by_game ? p.game : p.team) == key; });
            if (!known) {
                return InvalidArgument(field + ".among",
                                       "'" + key + "' is no " + (st.by_game ? "game" : "team") + " of the salary pool");
            }
        }
    }

    const ThreadEnvironmentRelease release_environment; // destroyed after the problem below
    LineupMilp milp(site, pool, allowed, locked, limits, rules.stacks);
    const int max_common = roster - rules.min_different;
    const int exposure_cap = std::max(1, static_cast<int>(std::floor(rules.max_exposure * rules.lineups + 1e-9)));
    std::vector<int> used(n, 0);
    std::vector<double> mean(n);
    for (int p = 0; p < n; ++p) {
        mean[p] = pool[p].mean;
    }
    // For kPTarget: each player's standard deviation on the paths and, per game, the tilt of its players towards
    // the paths where the game's fantasy total is in its top fifth.
    std::vector<double> sd(n, 0.0);
    std::vector<std::vector<double>> game_tilt;
    if (options.objective == Objective::kPTarget) {
        const std::uint64_t m = paths->paths;
        const auto row_of = [&](int p) { return paths->data + static_cast<std::uint64_t>(pool[p].path_row) * m; };
        std::map<std::string, std::vector<int>> games;
        for (int p = 0; p < n; ++p) {
            if (pool[p].path_row < 0) {
                continue;
            }
            games[pool[p].game].push_back(p);
            double sum = 0.0, sum_sq = 0.0;
            for (std::uint64_t k = 0; k < m; ++k) {
                sum += row_of(p)[k];
                sum_sq += static_cast<double>(row_of(p)[k]) * row_of(p)[k];
            }
            sd[p] = std::sqrt(std::max(0.0, sum_sq / m - (sum / m) * (sum / m)));
        }
        for (const auto& [label, members] : games) {
            std::vector<double> total(m, 0.0);
            for (int p : members) {
                for (std::uint64_t k = 0; k < m; ++k) {
                    total[k] += row_of(p)[k];
                }
            }
            std::vector<double> sorted = total;
            const auto top = static_cast<std::ptrdiff_t>(std::max<std::uint64_t>(1, m / 5));
            std::nth_element(sorted.begin(), sorted.end() - top, sorted.end());
            const double cut = *(sorted.end() - top);
            std::vector<double> tilt(n, 0.0);
            for (int p : members) {
                double sum = 0.0, all = 0.0;
                std::uint64_t count = 0;
                for (std::uint64_t k = 0; k < m; ++k) {
                    all += row_of(p)[k];
                    if (total[k] >= cut) {
                        sum += row_of(p)[k];
                        ++count;
                    }
                }
                tilt[p] = sum / static_cast<double>(std::max<std::uint64_t>(count, 1)) - all / m;
            }
            game_tilt.push_back(std::move(tilt));
        }
    }
    // Every rule for one candidate set of players, given the lineups already taken (for the swap search).
    std::vector<std::vector<int>> taken;
    const auto admissible = [&](const std::vector<int>& players) {
        long long salary = 0;
        std::map<std::string, int> teams, games;
        for (int p : players) {
            if (!allowed[p] || (!locked[p] && used[p] >= exposure_cap)) {
                return false;
            }
            salary += pool[p].salary;
            ++teams[pool[p].team];
            ++games[pool[p].game];
        }
        if (salary > site.salary_cap || static_cast<int>(games.size()) < site.min_games ||
            static_cast<int>(teams.size()) < site.min_teams) {
            return false;
        }
        for (int p : lock_list) {
            if (std::find(players.begin(), players.end(), p) == players.end()) {
                return false;
            }
        }
        for (const TeamLimit& t : limits) {
            const int c = teams.count(t.team) ? teams[t.team] : 0;
            if (c < t.min || c > t.max) {
                return false;
            }
        }
        for (const StackRule& st : rules.stacks) {
            bool met = false;
            for (const auto& [key, count] : st.by_game ? games : teams) {
                met = met || (count >= st.size &&
                              (st.among.empty() || std::find(st.among.begin(), st.among.end(), key) != st.among.end()));
            }
            if (!met) {
                return false;
            }
        }
        for (const std::vector<int>& other : taken) {
            int common = 0;
            for (int p : players) {
                common += std::find(other.begin(), other.end(), p) != other.end() ? 1 : 0;
            }
            if (common > max_common) {
                return false;
            }
        }
        return AssignSlots(site, pool, players, nullptr);
    };
    // Best-improvement 1-swap hill climb on P(total >= target) over all paths; returns the swaps made.
    const auto ImproveBySwaps = [&](std::vector<int>& lineup) {
        const std::uint64_t m = paths->paths;
        const auto row_of = [&](int p) { return paths->data + static_cast<std::uint64_t>(pool[p].path_row) * m; };
        std::vector<double> total(m, 0.0);
        for (int p : lineup) {
            for (std::uint64_t k = 0; k < m; ++k) {
                total[k] += row_of(p)[k];
            }
        }
        const double cut = options.target - 1e-9;
        std::uint64_t hits =
            static_cast<std::uint64_t>(std::count_if(total.begin(), total.end(), [&](double t) { return t >= cut; }));
        int swaps = 0;
        for (int pass = 0; pass < options.swap_passes; ++pass) {
            std::uint64_t best_hits = hits;
            int best_i = -1, best_q = -1;
            long long salary = 0;
            for (int p : lineup) {
                salary += pool[p].salary;
            }
            std::vector<double> base(m);
            for (std::size_t i = 0; i < lineup.size(); ++i) {
                if (locked[lineup[i]]) {
                    continue;
                }
                const float* out_row = row_of(lineup[i]);
                for (std::uint64_t k = 0; k < m; ++k) {
                    base[k] = total[k] - out_row[k];
                }
                for (int q = 0; q < n; ++q) {
                    // Cheap rules first; the full check only for a swap that would improve.
                    if (pool[q].path_row < 0 || !allowed[q] || (!locked[q] && used[q] >= exposure_cap) ||
                        salary - pool[lineup[i]].salary + pool[q].salary > site.salary_cap ||
                        std::find(lineup.begin(), lineup.end(), q) != lineup.end()) {
                        continue;
                    }
                    const float* in_row = row_of(q);
                    std::uint64_t h = 0;
                    for (std::uint64_t k = 0; k < m; ++k) {
                        h += base[k] + in_row[k] >= cut ? 1u : 0u;
                    }
                    if (h <= best_hits) {
                        continue;
                    }
                    std::vector<int> trial = lineup;
                    trial[i] = q;
                    if (admissible(trial)) {
                        best_hits = h;
                        best_i = static_cast<int>(i);
                        best_q = q;
                    }
                }
            }
            if (best_i < 0) {
                break;
            }
            const float* out_row = row_of(lineup[best_i]);
            const float* in_row = row_of(best_q);
            for (std::uint64_t k = 0; k < m; ++k) {
                total[k] += in_row[k] - out_row[k];
            }
            lineup[best_i] = best_q;
            hits = best_hits;
            ++swaps;
        }
        return swaps;
    };
    OptimizeResult result;
    for (int l = 0; l < rules.lineups; ++l) {
        std::vector<int> best;
        double best_score = -1.0;
        const int tries = options.objective == Objective::kPTarget ? options.candidates : 1;
        bool infeasible = false;
        for (int c = 0; c < tries; ++c) {
            std::vector<double> coef = mean;
            if (c % 2 == 1) {
                // Upside: reward spread, which raises P(total >= target) when the target is above the mean.
                const double kappa = options.upside_tilt * static_cast<double>((c + 1) / 2);
                for (int p = 0; p < n; ++p) {
                    coef[p] = mean[p] + kappa * sd[p];
                }
            } else if (c > 0 && !game_tilt.empty()) {
                // A game scenario: the players of one game tilted towards their means on the paths where that
                // game's fantasy total is in its top fifth (pace, overtime, shared possessions: the simulated
                // correlation of teammates and opponents); games taken in turn across lineups and candidates.
                const std::size_t g = (static_cast<std::size_t>(l) * static_cast<std::size_t>(tries / 2) +
                                       static_cast<std::size_t>(c / 2 - 1)) %
                                      game_tilt.size();
                for (int p = 0; p < n; ++p) {
                    coef[p] = mean[p] + options.tilt * game_tilt[g][p];
                }
            }
            std::vector<int> chosen;
            const auto outcome = milp.Solve(coef, options.time_limit_s, c == 0 ? 0.0 : options.candidate_gap, &chosen);
            ++result.milps;
            if (outcome == LineupMilp::Outcome::kInfeasible) {
                infeasible = true;
                break;
            }
            if (outcome == LineupMilp::Outcome::kFailed) {
                return Status{StatusCode::kInternal, "the MILP solver failed on lineup " + std::to_string(l + 1)};
            }
            double score = 0.0;
            if (options.objective == Objective::kPTarget) {
                score = TargetProbability(pool, chosen, *paths, options.target).first;
            }
            if (best.empty() || score > best_score) {
                best = chosen;
                best_score = score;
            }
        }
        if (infeasible || best.empty()) {
            if (l == 0) {
                return InvalidArgument("rules", "no lineup satisfies the rules together (salary cap " +
                                                    Dollars(site.salary_cap) +
                                                    ", positions, locks, excludes, team limits, stacks, site rules)");
            }
            result.note = "only " + std::to_string(l) + " of " + std::to_string(rules.lineups) +
                          " lineups satisfy the rules with max_exposure " + std::to_string(rules.max_exposure) +
                          " and min_different " + std::to_string(rules.min_different);
            break;
        }
        if (options.objective == Objective::kPTarget && options.swap_passes > 0) {
            result.swaps += ImproveBySwaps(best);
        }
        Lineup lineup;
        if (!AssignSlots(site, pool, best, &lineup.players)) {
            return Status{StatusCode::kInternal, "the MILP picked players that do not fit the slots"};
        }
        for (int p : best) {
            lineup.salary += pool[p].salary;
            lineup.mean += pool[p].mean;
        }
        if (paths != nullptr && paths->data != nullptr && options.target > 0.0) {
            std::tie(lineup.p_target, lineup.p_target_se) = TargetProbability(pool, best, *paths, options.target);
        }
        result.lineups.push_back(std::move(lineup));
        milp.AddUniqueness(best, max_common);
        taken.push_back(best);
        for (int p : best) {
            if (++used[p] >= exposure_cap && !locked[p]) {
                milp.Forbid(p);
            }
        }
    }
    return result;
}

} // namespace simbook::fantasy
