#!/usr/bin/python3
"""Vectorised numpy baseline of the simbook baseball kernel (kernels/baseball/baseball_step.cuh).

Same model, parameters and per-game work as the C++ kernel, so games/s can be compared: each team's day factor
and each starter's length drawn once per game, then every unfinished game plays one plate appearance per step in
lockstep (its outcome from the batting side's thresholds for its day factor, inning row and pitcher; its
base-running branch from the outcome and the base-out state; one 32-bit draw each), with the kernel's rules: three
outs end a half, no bottom of the 9th when the home team leads, walk-offs (only the winning run unless a home run),
extra innings (automatic runner on 2nd when set), invalid after 60 innings. Finished games drop out of the arrays.
It tallies what the kernel's BaseballOutcome holds: final score, innings, runs per inning (12 reported), first
five, first to score, walk-off, invalid. Paths differ from the C++ ones (numpy's Philox streams); statistics agree
within Monte Carlo error. Prints one JSON line.

The parameter tables are the kernel's own (the benchmark's models::ExampleBaseballModel()), written by
`simbook_baseball_bench --dump-params FILE`. Run with Debian's numpy:
  /usr/bin/python3 bench/baseline/baseball_numpy.py --params FILE [games] [--check --simbook build/cpu/app/simbook]
"""
import argparse
import json
import math
import subprocess
import time

import numpy as np

PA_OUTCOMES = 7
BASE_OUT_STATES = 24
INNING_OVER = 24
DAY_FACTORS = 3
INNING_ROWS = 10
RUNNING_BRANCHES = 4
REPORTED_INNINGS = 12
MAX_INNINGS = 60
RUNS_SHIFT = 5
HOME_RUN_SHIFT = 8


def load_params(path):
    with open(path) as f:
        d = json.load(f)
    pa = np.array(d["pa_threshold"], np.int64).reshape(-1, PA_OUTCOMES - 1)
    run = np.array(d["running_threshold"], np.int64).reshape(-1, RUNNING_BRANCHES - 1)
    assert pa.shape[0] == 2 * DAY_FACTORS * INNING_ROWS * 2 and run.shape[0] == PA_OUTCOMES * BASE_OUT_STATES
    # ChoiceOf(thresholds, x) = number of thresholds <= x. Each table's thresholds are cumulative (non-decreasing),
    # so with key = table << 32 | threshold all tables form one sorted array and the choice of draw x in table t is
    # searchsorted(keys, t << 32 | x, "right") - t * (thresholds per table).
    table = np.arange(pa.shape[0], dtype=np.int64)[:, None]
    row = np.arange(run.shape[0], dtype=np.int64)[:, None]
    pa_keys = ((table << 32) | pa).ravel()
    run_keys = ((row << 32) | run).ravel()
    assert (np.diff(pa_keys) >= 0).all() and (np.diff(run_keys) >= 0).all()
    return dict(pa_keys=pa_keys, run_keys=run_keys, result=np.array(d["running_result"], np.int64),
                day=np.array(d["day_threshold"], np.int64), whole=d["starter_whole"],
                has_extra=d["starter_has_extra"], extra=d["starter_extra_threshold"],
                automatic_runner=d["automatic_runner"])


def starter_length(p, team, inning, word):
    """StarterLength for a starter still in, at `inning`: floor(E) or floor(E) + 1, conditioned on reaching it."""
    whole, has_extra = p["whole"][team], p["has_extra"][team] != 0
    if whole >= inning:
        return np.where(has_extra & (word < p["extra"][team]), whole + 1, whole)
    return np.full(word.shape, whole + 1 if has_extra and whole + 1 >= inning else inning, np.int64)


class Outcomes:
    """The kernel's BaseballOutcome fields, one row per game."""

    def __init__(self, n):
        self.score = np.zeros((n, 2), np.int64)
        self.inning_runs = np.zeros((n, 2, REPORTED_INNINGS), np.int64)
        self.first_five = np.zeros((n, 2), np.int64)
        self.innings = np.zeros(n, np.int64)
        self.first_score = np.zeros(n, np.int64)
        self.walkoff = np.zeros(n, np.int64)
        self.invalid = np.zeros(n, np.int64)


def simulate(games, seed, p):
    """Plays `games` games from the first pitch; the state of the unfinished games lives in compacted arrays."""
    rng = np.random.Generator(np.random.Philox(seed))  # counter-based, as the kernel's PathRng
    out = Outcomes(games)
    ids = np.arange(games)
    words = rng.bit_generator.random_raw(games)
    day_home = np.searchsorted(p["day"], (words & 0xFFFFFFFF).astype(np.int64), side="right")
    day_away = np.searchsorted(p["day"], (words >> 32).astype(np.int64), side="right")
    words = rng.bit_generator.random_raw(games)
    # The home starter pitches the top halves (at inning 1), the away starter the bottom ones (inning 0 at the top
    # of the 1st, as the kernel's st.inning - 1).
    length_home = starter_length(p, 0, 1, (words & 0xFFFFFFFF).astype(np.int64))
    length_away = starter_length(p, 1, 0, (words >> 32).astype(np.int64))
    inning = np.ones(games, np.int64)
    bottom = np.zeros(games, np.int64)
    base_out = np.zeros(games, np.int64)
    home, away = np.zeros(games, np.int64), np.zeros(games, np.int64)
    half_runs = np.zeros(games, np.int64)
    first_score = np.zeros(games, np.int64)
    runs_flat = out.inning_runs.reshape(-1)  # [game, team, inning - 1]
    pa_keys, run_keys, result_table = p["pa_keys"], p["run_keys"], p["result"]
    auto = p["automatic_runner"] != 0
    while ids.size:
        raw = rng.bit_generator.random_raw(ids.size)  # low word: the outcome; high word: the base running
        is_bottom = bottom == 1
        pitcher = inning > np.where(is_bottom, length_away, length_home)
        row = np.where(inning > 9, 0, inning)
        day = np.where(is_bottom, day_home, day_away)
        table = (((1 - bottom) * DAY_FACTORS + day) * INNING_ROWS + row) * 2 + pitcher
        outcome = np.searchsorted(pa_keys, (table << 32) | (raw & 0xFFFFFFFF).astype(np.int64), side="right")
        outcome -= table * (PA_OUTCOMES - 1)
        r = outcome * BASE_OUT_STATES + base_out
        branch = np.searchsorted(run_keys, (r << 32) | (raw >> 32).astype(np.int64), side="right")
        branch -= r * (RUNNING_BRANCHES - 1)
        result = result_table[r * RUNNING_BRANCHES + branch]
        nxt = result & 31
        runs = (result >> RUNS_SHIFT) & 7
        walkoff = is_bottom & (inning >= 9) & (home + runs > away)
        before = home + away
        home_run = ((result >> HOME_RUN_SHIFT) & 1) == 1
        home = np.where(walkoff & ~home_run, away + 1, home + np.where(is_bottom, runs, 0))
        away = away + np.where(is_bottom, 0, runs)
        credited = home + away - before
        half_runs += credited
        first_score = np.where((first_score == 0) & (credited > 0), np.where(is_bottom, 1, 2), first_score)
        base_out = nxt
        third_out = nxt == INNING_OVER
        ended = third_out | walkoff
        if not ended.any():
            continue
        # EndHalves: the inning runs, the first five, the end of the game or the next half-inning.
        e = np.nonzero(ended & (inning <= REPORTED_INNINGS))[0]
        runs_flat[(ids[e] * 2 + (1 - bottom[e])) * REPORTED_INNINGS + inning[e] - 1] = np.minimum(half_runs[e], 255)
        fifth = np.nonzero(third_out & is_bottom & (inning == 5))[0]
        out.first_five[ids[fifth], 0], out.first_five[ids[fifth], 1] = home[fifth], away[fifth]
        late = third_out & (inning >= 9)
        over = walkoff | (late & ~is_bottom & (home > away)) | (late & is_bottom & (home != away))
        go_on = third_out & ~over
        inning = inning + (go_on & is_bottom)
        bottom = np.where(go_on, 1 - bottom, bottom)
        half_runs[ended] = 0
        base_out = np.where(go_on, np.where(auto & (inning > 9), 2, 0), base_out)
        too_long = go_on & (inning > MAX_INNINGS)
        done = over | too_long
        if done.any():
            d = ids[done]
            out.score[d, 0], out.score[d, 1] = home[done], away[done]
            out.innings[d] = inning[done]
            out.first_score[d] = first_score[done]
            out.walkoff[d] = walkoff[done]
            out.invalid[d] = too_long[done]
            keep = ~done
            ids, inning, bottom, base_out, home, away = (a[keep] for a in (ids, inning, bottom, base_out, home, away))
            half_runs, first_score, day_home, day_away, length_home, length_away = (
                a[keep] for a in (half_runs, first_score, day_home, day_away, length_home, length_away))
    out.innings = np.minimum(out.innings, 255)
    return out


def se_mean(x):
    return float(x.std() / math.sqrt(x.size))


def se_rate(q, n):
    return math.sqrt(q * (1 - q) / n)


def check(out, simbook, sims):
    """Runs `simbook simulate --sport baseball` (the C++ kernel, the same example model) and compares statistics:
    each line's difference over the combined standard error of the two runs."""
    cpp = json.loads(subprocess.run([simbook, "simulate", "--sport", "baseball", "--sims", str(sims), "--json"],
                                    check=True, capture_output=True, text=True).stdout)
    n = out.score.shape[0]
    home, away = out.score[:, 0], out.score[:, 1]
    extra, walkoff = out.innings > 9, out.walkoff == 1
    home_win = float(np.mean(home > away))
    ours = {
        "mean_home": (float(home.mean()), se_mean(home), cpp["mean_score"]["home"], None),
        "mean_away": (float(away.mean()), se_mean(away), cpp["mean_score"]["away"], None),
        "home_win": (home_win, se_rate(home_win, n), cpp["win_probability"]["home"], sims),
        "extra_innings": (float(extra.mean()), se_rate(float(extra.mean()), n), cpp["extra_innings_probability"], sims),
        "walkoff": (float(walkoff.mean()), se_rate(float(walkoff.mean()), n), cpp["walkoff_probability"], sims),
        "home_runs_1st": (float(out.inning_runs[:, 0, 0].mean()), se_mean(out.inning_runs[:, 0, 0]),
                          cpp["inning_mean_runs"]["home"][0], None),
        "away_runs_1st": (float(out.inning_runs[:, 1, 0].mean()), se_mean(out.inning_runs[:, 1, 0]),
                          cpp["inning_mean_runs"]["away"][0], None),
    }
    rows, worst = {}, 0.0
    for name, (value, se, theirs, rate_n) in ours.items():
        # The C++ run's error: binomial for rates; for means, assume the same spread as ours at its path count.
        se_cpp = se_rate(theirs, rate_n) if rate_n else se * math.sqrt(n / sims)
        z = (value - theirs) / math.sqrt(se * se + se_cpp * se_cpp)
        worst = max(worst, abs(z))
        rows[name] = {"numpy": round(value, 5), "cpp": round(theirs, 5), "z": round(z, 2)}
    # Runs per inning must add up to the final score within the reported innings.
    nine = out.innings <= REPORTED_INNINGS
    assert (out.inning_runs[nine].sum(axis=2) == out.score[nine]).all(), "inning runs must add up to the score"
    assert cpp["invalid_paths"] == 0 and not out.invalid.any()
    return {"check_sims_cpp": sims, "check": rows, "check_max_abs_z": round(worst, 2), "check_ok": worst < 4.0}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("games", nargs="?", type=int, default=100_000)
    ap.add_argument("--params", required=True, help="JSON from simbook_baseball_bench --dump-params FILE")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--check", action="store_true", help="compare statistics with `simbook simulate`")
    ap.add_argument("--simbook", default="build/cpu/app/simbook", help="the simbook CLI for --check")
    ap.add_argument("--check-sims", type=int, default=200_000)
    a = ap.parse_args()

    p = load_params(a.params)
    simulate(min(a.games, 2_000), a.seed + 1, p)  # warm-up: imports, allocator out of the timing
    start = time.perf_counter()
    out = simulate(a.games, a.seed, p)
    seconds = time.perf_counter() - start
    home, away = out.score[:, 0], out.score[:, 1]
    res = {"model": "baseball", "games": a.games, "seconds": round(seconds, 4),
           "games_per_second": round(a.games / seconds), "home_win": round(float(np.mean(home > away)), 6),
           "mean_home": round(float(home.mean()), 4), "mean_away": round(float(away.mean()), 4),
           "extra_innings": round(float(np.mean(out.innings > 9)), 6)}
    if a.check:
        res.update(check(out, a.simbook, a.check_sims))
    print(json.dumps(res))


if __name__ == "__main__":
    main()
