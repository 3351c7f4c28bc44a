#!/usr/bin/python3
"""Vectorised numpy baseline of the simbook soccer model (kernels/soccer/soccer_step.cuh).

Same model and per-game work as the C++ kernel, so games/s can be compared: goals and red cards on the
shape clock, score effects, red-card factors, half-time score, first goal and its minute, lead changes and
goals per football minute. Paths differ from the C++ ones (different random streams); the statistics
agree within Monte Carlo error. Prints one JSON line.

Run with Debian's numpy: /usr/bin/python3 bench/baseline/soccer_numpy.py [games] [--check]
"""
import argparse
import json
import math
import time

import numpy as np

# models::SoccerModel{} defaults (models/soccer_model.hpp).
HOME_XG, AWAY_XG = 1.45, 1.15
SHAPE = np.array([0.8338, 0.9423, 1.0023, 0.5997, 1.0674, 1.0913, 1.1811, 0.7564])
STOPPAGE_1, STOPPAGE_2 = 2.0, 4.0
LEADING_MULT, TRAILING_MULT = 0.92, 1.10
HOME_REDS, AWAY_REDS = 0.07, 0.09
RED_OWN_MULT, RED_OPP_MULT = 0.72, 1.22
MAX_REDS = 4
FIRST_HALF_LAST = 3


def make_params():
    """models::MakeSoccerParams: segment table and per-shape-minute rates."""
    s1, s2 = STOPPAGE_1, STOPPAGE_2
    seg_end = np.array([15, 30, 45, 45 + s1, 60 + s1, 75 + s1, 90 + s1, 90 + s1 + s2], dtype=float)
    seg_start = np.concatenate(([0.0], seg_end[:-1]))
    shape_end = np.cumsum(SHAPE * (seg_end - seg_start))
    lam = shape_end[-1]  # xG and reds are per match; the kernel works per shape-minute
    reds = np.arange(MAX_REDS + 1)
    red_factor = RED_OWN_MULT ** reds[:, None] * RED_OPP_MULT ** reds[None, :]  # [own][opp]
    return dict(seg_end=seg_end, seg_start=seg_start, shape_end=shape_end,
                lam_start=np.concatenate(([0.0], shape_end[:-1])),
                goal_rate=np.array([HOME_XG, AWAY_XG]) / lam, red_rate=np.array([HOME_REDS, AWAY_REDS]) / lam,
                red_factor=red_factor)


def football_minute(p, t):
    """Minute 1..90 of a played-minute time; stoppage goals count as 45 or 90."""
    second = np.minimum(np.floor(t - STOPPAGE_1) + 1, 90)
    return np.where(t < 45.0, np.floor(t) + 1, np.where(t < p["seg_end"][FIRST_HALF_LAST], 45, second)).astype(np.int64)


def simulate(games, seed):
    p = make_params()
    rng = np.random.Generator(np.random.Philox(seed))  # counter-based, as the C++ path RNG
    lam_end = p["shape_end"][-1]
    rf = p["red_factor"]

    # Per-game results, written back through `idx` when a game leaves the compacted working set.
    home = np.zeros(games, np.int64)
    away = np.zeros(games, np.int64)
    ht = np.zeros((2, games), np.int64)
    reds_out = np.zeros((2, games), np.int64)
    first_team = np.zeros(games, np.int8)  # 0 none, 1 home, 2 away
    first_minute = np.zeros(games, np.int64)
    lead_changes = np.zeros(games, np.int64)
    goal_minutes = np.zeros(2 * 91, np.int64)  # [team * 91 + minute]: the tally's goals-by-window input

    # Working set: only games still in play, so each pass costs what the live games cost.
    idx = np.arange(games)
    t = np.zeros(games)
    lam = np.zeros(games)
    g = np.zeros((2, games), np.int64)
    red = np.zeros((2, games), np.int64)
    leader = np.zeros(games, np.int64)
    ht_done = np.zeros(games, bool)
    while idx.size:
        n = idx.size
        margin = g[0] - g[1]
        lead_h = np.where(margin > 0, LEADING_MULT, np.where(margin < 0, TRAILING_MULT, 1.0))
        lead_a = np.where(margin < 0, LEADING_MULT, np.where(margin > 0, TRAILING_MULT, 1.0))
        rate_h = p["goal_rate"][0] * lead_h * rf[red[0], red[1]]
        rate_a = p["goal_rate"][1] * lead_a * rf[red[1], red[0]]
        red_h = np.where(red[0] < MAX_REDS, p["red_rate"][0], 0.0)
        red_a = np.where(red[1] < MAX_REDS, p["red_rate"][1], 0.0)
        total = rate_h + rate_a + red_h + red_a

        target = lam + rng.standard_exponential(n) / total
        pick = rng.random(n) * total
        live = target < lam_end
        k = np.searchsorted(p["shape_end"][:-1], target, side="right")  # segment holding the target
        t_new = p["seg_start"][k] + (target - p["lam_start"][k]) / SHAPE[k]
        # Half-time score: the first event (or the whistle) past the end of the first half fixes it.
        crossing = ~ht_done & (~live | (k > FIRST_HALF_LAST))
        ht[:, idx[crossing]] = g[:, crossing]
        ht_done |= crossing

        goal = live & (pick < rate_h + rate_a)
        team = (pick >= rate_h).astype(np.int64)  # meaningful where goal
        is_red = live & ~goal
        red_team = (pick >= rate_h + rate_a + red_h).astype(np.int64)
        g[0] += goal & (team == 0)
        g[1] += goal & (team == 1)
        red[0] += is_red & (red_team == 0)
        red[1] += is_red & (red_team == 1)

        minute = football_minute(p, t_new)
        gi = np.nonzero(goal)[0]
        goal_minutes += np.bincount(team[gi] * 91 + minute[gi], minlength=2 * 91)
        first = gi[first_team[idx[gi]] == 0]
        first_team[idx[first]] = 1 + team[first]
        first_minute[idx[first]] = minute[first]
        margin = g[0] - g[1]
        new_leader = np.sign(margin)
        lead_changes[idx] += goal & (new_leader != 0) & (leader != 0) & (new_leader != leader)
        leader = np.where(goal & (new_leader != 0), new_leader, leader)
        t = np.where(live, t_new, t)
        lam = np.where(live, target, lam)

        done = ~live
        di = idx[done]
        home[di], away[di] = g[0, done], g[1, done]
        reds_out[:, di] = red[:, done]
        keep = live
        idx, t, lam, g, red, leader, ht_done = (idx[keep], t[keep], lam[keep], g[:, keep], red[:, keep],
                                                leader[keep], ht_done[keep])
    return dict(home=home, away=away, ht=ht, reds=reds_out, first_team=first_team, first_minute=first_minute,
                lead_changes=lead_changes, goal_minutes=goal_minutes)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("games", nargs="?", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--check", action="store_true", help="add statistics and standard errors for comparison")
    a = ap.parse_args()

    simulate(min(a.games, 10_000), a.seed + 1)  # warm-up: imports, allocator, caches out of the timing
    start = time.perf_counter()
    r = simulate(a.games, a.seed)
    seconds = time.perf_counter() - start
    n = a.games
    home_win = float(np.mean(r["home"] > r["away"]))
    out = {"model": "soccer", "games": n, "seconds": round(seconds, 4), "games_per_second": round(n / seconds),
           "home_win": round(home_win, 6), "mean_home": round(float(r["home"].mean()), 6),
           "mean_away": round(float(r["away"].mean()), 6)}
    if a.check:
        draw = float(np.mean(r["home"] == r["away"]))
        out.update({
            "draw": round(draw, 6), "away_win": round(1 - home_win - draw, 6),
            "se_home_win": round(math.sqrt(home_win * (1 - home_win) / n), 6),
            "se_mean_home": round(float(r["home"].std() / math.sqrt(n)), 6),
            "se_mean_away": round(float(r["away"].std() / math.sqrt(n)), 6),
            "ht_home_win": round(float(np.mean(r["ht"][0] > r["ht"][1])), 6),
            "first_goal_home": round(float(np.mean(r["first_team"] == 1)), 6),
            "no_goal": round(float(np.mean(r["first_team"] == 0)), 6),
            "mean_first_goal_minute": round(float(r["first_minute"][r["first_team"] > 0].mean()), 4),
            "mean_lead_changes": round(float(r["lead_changes"].mean()), 6),
            "red_home_mean": round(float(r["reds"][0].mean()), 6),
            "red_away_mean": round(float(r["reds"][1].mean()), 6),
        })
    print(json.dumps(out))


if __name__ == "__main__":
    main()
