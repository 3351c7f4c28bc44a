#!/usr/bin/env python3
"""The README's evaluation table: every soccer variant tried, walk-forward on the five leagues, as markdown rows.

For each variant, `simbook evaluate --json` on the tuning seasons (2005-06 to 2011-12) and on the confirmation
seasons (2012-13 to 2015-16); 1X2 log loss model minus market (pooled and per league) and over/under 2.5.
Usage: scripts/evaluation_table.py build/cpu/app/simbook [--data ../shared/data]
"""
import argparse
import json
import subprocess

LEAGUES = ["premier-league", "bundesliga", "la-liga", "serie-a", "ligue-1"]
# (label, model, --market-options overriding models/params/soccer/market-ratings.json)
VARIANTS = [
    ("Dixon-Coles (results only; the previous default)", "dixon-coles", None),
    ("market ratings: odds only (half-life 60 d, prior weight 1, rho -0.05)", "market-ratings",
     {"half_life_days": 60, "prior_weight": 1, "result_weight": 0, "rho": -0.05, "power": 1, "motivation_weight": 0}),
    ("+ goals and shots on target (result weight 0.25, shot share 0.5)", "market-ratings",
     {"half_life_days": 60, "prior_weight": 1, "result_weight": 0.25, "shot_share": 0.5, "rho": -0.05, "power": 1,
      "motivation_weight": 0}),
    ("tuned: half-life 17 d, prior weight 0.1, result weight 0.1, shot share 0.75, rho -0.12", "market-ratings",
     {"power": 1, "motivation_weight": 0}),
    ("+ power recalibration 1.15", "market-ratings", {"motivation_weight": 0}),
    ("+ motivation 0.3 (futures-engine stakes, last 15%): **committed**", "market-ratings", {}),
    ("tried: ages from the latest earlier match (no summer fade)", "market-ratings", {"age_from_latest_match": True}),
    ("tried: season-start priors from a fit with a 240-day half-life (instead of 0)", "market-ratings",
     {"season_prior_half_life_days": 240}),
    ("tried: rho 0 (best 1X2 alone)", "market-ratings", {"rho": 0}),
    ("tried: half-life 60 d with the rest tuned", "market-ratings", {"half_life_days": 60}),
    ("tried: half-life 7 d", "market-ratings", {"half_life_days": 7}),
    ("tried: goals only (shot share 0)", "market-ratings", {"shot_share": 0}),
    ("tried: motivation 0.5", "market-ratings", {"motivation_weight": 0.5}),
]


def evaluate(simbook, data, model, options, seasons):
    args = [simbook, "evaluate", "--model", model, "--seasons", seasons, "--json"]
    if options is not None:
        args += ["--market-options", json.dumps(options)]
    if data:
        args += ["--data", data]
    return json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)


def gap(j):
    return j["with_market"]["model_minus_market_log_loss"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("simbook")
    parser.add_argument("--data", default="")
    args = parser.parse_args()
    print("| variant | 2005-12 pooled | 2012-16 pooled (s.e.) | " + " | ".join(LEAGUES) +
          " | O/U 2.5 2012-16 model / base |")
    print("|---" * (4 + len(LEAGUES)) + "|")
    for label, model, options in VARIANTS:
        tune = evaluate(args.simbook, args.data, model, options, "2005-2012")
        test = evaluate(args.simbook, args.data, model, options, "2012-2016")
        per_league = [f"{gap(test['leagues'][league])['mean']:+.4f}" for league in LEAGUES]
        ou = test["over_under_2_5"]
        print(f"| {label} | {gap(tune)['mean']:+.4f} | {gap(test)['mean']:+.4f} ({gap(test)['std_error']:.4f}) | " +
              " | ".join(per_league) +
              f" | {ou['model']['log_loss']:.4f} / {ou['base_rate']['log_loss']:.4f} |", flush=True)


if __name__ == "__main__":
    main()
