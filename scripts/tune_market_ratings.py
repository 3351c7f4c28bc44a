#!/usr/bin/env python3
"""Coordinate search of the market-ratings hyper-parameters on the pooled walk-forward 1X2 log loss.

Runs `simbook evaluate --model market-ratings --json` over the five leagues for the tuning seasons (default
2005-2012: 2005-06 to 2011-12) and prints every trial, so the choice can be checked. Usage:
  scripts/tune_market_ratings.py build/cpu/app/simbook [--seasons 2005-2012] [--data ../shared/data]
"""
import argparse
import json
import subprocess

GRID = {
    "half_life_days": [30, 45, 60, 90, 120],
    "prior_weight": [0.1, 0.3, 1.0, 3.0],
    "result_weight": [0.0, 0.1, 0.2, 0.3, 0.4],
    "shot_share": [0.0, 0.25, 0.5, 0.75, 1.0],
    "rho": [-0.12, -0.08, -0.05, -0.02, 0.0],
    "power": [1.0, 1.05, 1.1, 1.15, 1.2],
}


def evaluate(simbook, seasons, data, options):
    out = subprocess.run([simbook, "evaluate", "--model", "market-ratings", "--seasons", seasons, "--json",
                          "--market-options", json.dumps(options)] + (["--data", data] if data else []),
                         capture_output=True, text=True, check=True).stdout
    j = json.loads(out)
    return (j["with_market"]["model_minus_market_log_loss"]["mean"],
            j["over_under_2_5"]["model"]["log_loss"], j["over_under_2_5"]["base_rate"]["log_loss"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("simbook")
    parser.add_argument("--seasons", default="2005-2012")
    parser.add_argument("--data", default="")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--start", default="{}", help="JSON of starting values (else the committed file's)")
    args = parser.parse_args()
    best = json.loads(args.start)
    best_gap = evaluate(args.simbook, args.seasons, args.data, best)[0]
    print(f"start {best} gap {best_gap:+.5f}", flush=True)
    for _ in range(args.rounds):
        for name, values in GRID.items():
            for value in values:
                trial = dict(best, **{name: value})
                gap, ou, ou_base = evaluate(args.simbook, args.seasons, args.data, trial)
                print(f"  {name}={value}: gap {gap:+.5f}  O/U {ou:.4f} (base {ou_base:.4f})", flush=True)
                if gap < best_gap - 1e-5:
                    best, best_gap = trial, gap
            print(f"best {best} gap {best_gap:+.5f}", flush=True)


if __name__ == "__main__":
    main()
