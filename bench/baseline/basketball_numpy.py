#!/usr/bin/python3
"""Vectorised numpy baseline of the simbook basketball possession model (kernels/basketball/).

Same model and per-game work as the C++ kernel, so games/s can be compared: pace drawn per game, 2N
alternating possession slots, chances until a make / turnover / free-throw trip / defensive rebound, one
64-bit draw per chance (outcome; shooter in the high 16 bits and assister or rebounder in the low 16),
box-score lines per player, points per quarter, lead changes, largest run, overtimes until untied.
Player picks use 65536-entry lookup tables built from the model's 16-bit cumulative thresholds: the
distributions the C++ kernel's alias tables carry (kernels/basketball/box_params.hpp). Paths differ from the C++ ones; statistics agree within Monte Carlo
error. Prints one JSON line.

Run with Debian's numpy: /usr/bin/python3 bench/baseline/basketball_numpy.py [games] [--check]
"""
import argparse
import json
import math
import time

import numpy as np

MAX_PLAYERS = 16
PACE_VALUES = 41
PLAYER_SCALE = 65536
# Chance outcomes in threshold order: TO, 2 made, 2 miss OREB, 2 miss DREB, 3 made, 3 miss OREB,
# 3 miss DREB, FT trip 0/1/2 made.
POINTS = np.array([0, 2, 0, 0, 3, 0, 0, 0, 1, 2])
SHOOTER_TABLE = np.array([0, 0, 0, 0, 1, 1, 1, 2, 2, 2])  # 2PA, 3PA, FT trips
OFF_REB = np.array([0, 0, 1, 0, 0, 1, 0, 0, 0, 0], bool)
DEF_REB = np.array([0, 0, 0, 1, 0, 0, 1, 0, 0, 0])
# A player's box line packs four 16-bit counters (as the kernel's uint16 tallies) into one int64:
# points | threes << 16 | assists << 32 | rebounds << 48, so one chance costs three scatter-adds.
SHOOTER_ADD = POINTS + (np.array([0, 0, 0, 0, 1, 0, 0, 0, 0, 0]) << 16)
ASSIST_ADD = np.array([0, 1, 0, 0, 1, 0, 0, 0, 0, 0]) << 32
REBOUND_ADD = np.array([0, 0, 1, 1, 0, 1, 1, 0, 0, 0]) << 48
ROW = MAX_PLAYERS + 1  # box rows per team: the players and "nobody" (an unassisted make)

# models::ExampleBasketballModel(): team rates, then (minutes, usage, three_rate, ft_rate, rebound_pct,
# assist_pct) per player.
TEAMS = [
    dict(pace=97.5, tov=0.115, three_rate=0.47, ft_trip=0.11, two_pct=0.56, three_pct=0.388, ft_pct=0.80,
         orb=0.25, assist_rate=0.60,
         players=[(35.7, 0.30, 0.43, 0.28, 0.125, 0.22), (33.5, 0.29, 0.33, 0.25, 0.085, 0.17),
                  (29.6, 0.26, 0.38, 0.33, 0.12, 0.08), (32.6, 0.17, 0.57, 0.15, 0.065, 0.20),
                  (32.8, 0.15, 0.45, 0.10, 0.09, 0.18), (26.8, 0.12, 0.66, 0.08, 0.12, 0.14),
                  (22.0, 0.15, 0.85, 0.05, 0.07, 0.06), (22.0, 0.17, 0.60, 0.08, 0.06, 0.17),
                  (15.0, 0.12, 0.02, 0.30, 0.15, 0.07), (10.0, 0.15, 0.50, 0.10, 0.10, 0.07)]),
    dict(pace=97.0, tov=0.12, three_rate=0.34, ft_trip=0.11, two_pct=0.56, three_pct=0.375, ft_pct=0.77,
         orb=0.26, assist_rate=0.68,
         players=[(34.6, 0.31, 0.15, 0.28, 0.21, 0.42), (35.0, 0.27, 0.40, 0.15, 0.06, 0.30),
                  (31.7, 0.19, 0.55, 0.11, 0.12, 0.06), (31.5, 0.17, 0.10, 0.38, 0.09, 0.14),
                  (31.6, 0.14, 0.60, 0.11, 0.04, 0.09), (20.0, 0.15, 0.30, 0.20, 0.08, 0.07),
                  (22.0, 0.19, 0.40, 0.12, 0.05, 0.30), (15.0, 0.16, 0.40, 0.20, 0.09, 0.10),
                  (10.0, 0.13, 0.00, 0.50, 0.17, 0.08), (12.0, 0.20, 0.55, 0.10, 0.06, 0.07)]),
]
PACE_SD = 4.0


def threshold32(cumulative):
    scaled = np.floor(np.asarray(cumulative) * 2.0**32 + 0.5)  # std::round
    return np.where(scaled >= 2.0**32 - 1, 0xFFFFFFFF, np.maximum(scaled, 0)).astype(np.int64)


def player_lut(weights, mass=1.0):
    """Lookup table x (16 bits) -> player index, equal to the kernel's count of thresholds <= x."""
    w = np.asarray(weights, float)
    cum = np.floor(np.cumsum(w / w.sum() * mass) * PLAYER_SCALE + 0.5).astype(np.int64)  # std::lround
    if mass == 1.0:
        cum[-1] = PLAYER_SCALE  # as FillPlayerThresholds: no rounding gap at the top
    thresholds = np.concatenate((cum, np.full(MAX_PLAYERS - len(w), PLAYER_SCALE)))
    return np.searchsorted(thresholds, np.arange(PLAYER_SCALE), side="right").astype(np.int64)


def team_params(t):
    """models::MakeTeamParams: chance thresholds and the player lookup tables."""
    live = 1 - t["tov"]
    fga, trip = live * (1 - t["ft_trip"]), live * t["ft_trip"]
    two, three, orb, ft = fga * (1 - t["three_rate"]), fga * t["three_rate"], t["orb"], t["ft_pct"]
    prob = [t["tov"], two * t["two_pct"], two * (1 - t["two_pct"]) * orb, two * (1 - t["two_pct"]) * (1 - orb),
            three * t["three_pct"], three * (1 - t["three_pct"]) * orb, three * (1 - t["three_pct"]) * (1 - orb),
            trip * (1 - ft) ** 2, trip * 2 * ft * (1 - ft), trip * ft * ft]
    pl = np.array(t["players"])
    minutes, use = pl[:, 0], pl[:, 0] * pl[:, 1]
    shooter = np.stack([player_lut(use * (1 - pl[:, 2])), player_lut(use * pl[:, 2]), player_lut(use * pl[:, 3])])
    assist_w = minutes * pl[:, 5]
    assister = np.full((MAX_PLAYERS, PLAYER_SCALE), len(pl), np.int64)
    for s in range(len(pl)):
        others = assist_w.copy()
        others[s] = 0.0
        assister[s] = player_lut(others, t["assist_rate"])  # index len(pl) = unassisted ("nobody" row)
    return threshold32(np.cumsum(prob[:-1])), shooter, assister, player_lut(minutes * pl[:, 4])


def make_params():
    chance, shooter, assister, rebounder = zip(*(team_params(t) for t in TEAMS))
    mean = 0.5 * (TEAMS[0]["pace"] + TEAMS[1]["pace"])
    pace_min = int(math.floor(mean + 0.5)) - PACE_VALUES // 2
    n = pace_min + np.arange(PACE_VALUES)
    cdf = np.vectorize(lambda x: 0.5 * math.erfc(-(x - mean) / (PACE_SD * math.sqrt(2))))
    mass = cdf(n + 0.5) - cdf(n - 0.5)
    mass /= mass.sum()
    # Both teams' chance thresholds in one sorted array: key = team << 32 | draw, outcome = rank - 9 * team.
    chance_keys = np.concatenate((chance[0], chance[1] + (1 << 32)))
    # Lookup tables flattened: [team, table or shooter, 16-bit draw] is one integer index.
    return dict(chance_keys=chance_keys, shooter=np.stack(shooter).ravel(), assister=np.stack(assister).ravel(),
                rebounder=np.stack(rebounder).ravel(), pace_min=pace_min, pace_thresholds=threshold32(np.cumsum(mass)[:-1]))


class Games:
    """Per-game state; per-team arrays are flat [game * 2 + team] so one index reaches them."""

    def __init__(self, n):
        self.score = np.zeros(2 * n, np.int64)
        self.period_points = np.zeros(2 * n * 5, np.int64)
        self.box = np.zeros(2 * n * ROW, np.int64)  # packed lines, [game, team, player]
        self.last_leader = np.zeros(n, np.int64)
        self.run_team = np.full(n, -1, np.int64)
        self.run_points = np.zeros(n, np.int64)
        self.largest_run = np.zeros(n, np.int64)
        self.largest_run_team = np.zeros(n, np.int64)
        self.lead_changes = np.zeros(n, np.int64)


def possession(p, rng, s, g, team, period):
    """Plays one possession for games g (team on offence per game): chances until the ball changes hands."""
    while g.size:
        raw = rng.bit_generator.random_raw(g.size)
        draw = (raw & 0xFFFFFFFF).astype(np.int64)  # int64 throughout: uint64 mixed with int64 gives float64
        o = np.searchsorted(p["chance_keys"], (team << 32) | draw, side="right") - 9 * team
        high, low = (raw >> 48).astype(np.int64), ((raw >> 32) & 0xFFFF).astype(np.int64)
        pts = POINTS[o]
        shooter = p["shooter"][((team * 3 + SHOOTER_TABLE[o]) << 16) | high]
        assister = p["assister"][((team * MAX_PLAYERS + shooter) << 16) | low]
        reb_team = team ^ DEF_REB[o]
        rebounder = p["rebounder"][(reb_team << 16) | low]
        # Each game appears once in g, so plain fancy-index += is a correct scatter-add.
        gt = 2 * g + team
        s.box[gt * ROW + shooter] += SHOOTER_ADD[o]
        s.box[gt * ROW + assister] += ASSIST_ADD[o]
        s.box[(2 * g + reb_team) * ROW + rebounder] += REBOUND_ADD[o]

        s.score[gt] += pts
        s.period_points[gt * 5 + period] += pts
        run_team, run_points, largest = s.run_team[g], s.run_points[g], s.largest_run[g]
        run_points = np.where((pts > 0) & (team != run_team), pts, run_points + pts)
        s.run_points[g] = run_points
        s.run_team[g] = np.where(pts > 0, team, run_team)
        longer = run_points > largest
        s.largest_run[g] = np.where(longer, run_points, largest)
        s.largest_run_team[g] = np.where(longer, team, s.largest_run_team[g])
        leader = np.sign(s.score[2 * g] - s.score[2 * g + 1])
        last = s.last_leader[g]
        s.lead_changes[g] += (leader != 0) & (last != 0) & (leader != last)
        s.last_leader[g] = np.where(leader != 0, leader, last)

        more = OFF_REB[o]
        g, team = g[more], team[more]
        if not isinstance(period, int):
            period = period[more]


def simulate(games, seed):
    p = make_params()
    rng = np.random.Generator(np.random.Philox(seed))  # counter-based, as the C++ path RNG
    raw = rng.bit_generator.random_raw(games)
    n = p["pace_min"] + np.searchsorted(p["pace_thresholds"], (raw & 0xFFFFFFFF).astype(np.int64), side="right")
    offense = ((raw >> 63) & 1).astype(np.int64)  # tip-off: a fair coin
    # Longest games first, so the games still in regulation at slot k are a prefix.
    order = np.argsort(-n, kind="stable")
    n, offense = n[order], offense[order]
    s = Games(games)
    slots = 2 * n
    active = np.searchsorted(-slots, -np.arange(int(slots[0])), side="left")  # games with slots > k
    everyone = np.arange(games)
    for k in range(int(slots[0])):
        g = everyone[:active[k]]
        # Slot k of 2N sits at (k + 0.5) / 2N of regulation: quarter = min(3, floor((2k + 1) / N)).
        quarter = np.minimum(3, (2 * k + 1) // n[g])
        possession(p, rng, s, g, offense[g], quarter)
        offense[g] ^= 1
    overtimes = np.zeros(games, np.int64)
    ot_slots = 2 * ((n * 300 + 1440) // 2880)
    tied = np.nonzero(s.score[0::2] == s.score[1::2])[0]
    while tied.size:  # every tied game plays a whole overtime, then ties are checked again
        overtimes[tied] += 1
        for k in range(int(ot_slots[tied].max())):
            g = tied[ot_slots[tied] > k]
            possession(p, rng, s, g, offense[g], 4)
            offense[g] ^= 1
        tied = tied[s.score[2 * tied] == s.score[2 * tied + 1]]
    return s, overtimes


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("games", nargs="?", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--check", action="store_true", help="add statistics and standard errors for comparison")
    a = ap.parse_args()

    simulate(min(a.games, 2_000), a.seed + 1)  # warm-up: imports, tables, allocator out of the timing
    start = time.perf_counter()
    s, overtimes = simulate(a.games, a.seed)
    seconds = time.perf_counter() - start
    home, away = s.score[0::2], s.score[1::2]
    home_win = float(np.mean(home > away))
    out = {"model": "basketball", "games": a.games, "seconds": round(seconds, 4),
           "games_per_second": round(a.games / seconds), "home_win": round(home_win, 6),
           "mean_home": round(float(home.mean()), 4), "mean_away": round(float(away.mean()), 4)}
    if a.check:
        n = a.games
        box = s.box.reshape(n, 2, ROW)
        points = box & 0xFFFF
        assert (points.sum(axis=2).ravel() == s.score).all(), "player points must add up to the score"
        out.update({
            "se_home_win": round(math.sqrt(home_win * (1 - home_win) / n), 6),
            "se_mean_home": round(float(home.std() / math.sqrt(n)), 4),
            "se_mean_away": round(float(away.std() / math.sqrt(n)), 4),
            "overtime_probability": round(float(np.mean(overtimes > 0)), 6),
            "mean_lead_changes": round(float(s.lead_changes.mean()), 4),
            "mean_largest_run": round(float(s.largest_run.mean()), 4),
            "largest_run_home": round(float(np.mean(s.largest_run_team == 0)), 6),
            "period_mean_points_home": [round(float(x), 3) for x in s.period_points.reshape(n, 2, 5)[:, 0].mean(0)],
            "top_scorer_points": [round(float(points[:, t, :MAX_PLAYERS].mean(axis=0).max()), 3) for t in (0, 1)],
            "mean_team_assists": [round(float(((box[:, t] >> 32) & 0xFFFF).sum(1).mean()), 3) for t in (0, 1)],
            "mean_team_rebounds": [round(float((box[:, t] >> 48).sum(1).mean()), 3) for t in (0, 1)],
        })
    print(json.dumps(out))


if __name__ == "__main__":
    main()
