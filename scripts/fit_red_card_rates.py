#!/usr/bin/env python3
"""Red cards per match for the home and the away team (models/soccer_model.hpp defaults).

Reads HR/AR from soccer/results/<league>/season-YYZZ.csv under the data directory (argument, $SIMBOOK_DATA
or ../shared/data), seasons 2010-11 onward in the five leagues.
"""
import csv
import glob
import os
import sys

data = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SIMBOOK_DATA", "../shared/data")
home = away = matches = 0
for path in glob.glob(os.path.join(data, "soccer/results/*/season-*.csv")):
    yy = int(os.path.basename(path)[len("season-"):][:2])
    if (1900 if yy >= 90 else 2000) + yy < 2010:  # season-1011.csv starts in 2010
        continue
    for row in csv.DictReader(open(path, encoding="utf-8", errors="replace")):
        try:
            h, a = int(row["HR"]), int(row["AR"])
        except (KeyError, ValueError):
            continue
        home, away, matches = home + h, away + a, matches + 1
print(f"matches: {matches}  home reds per match: {home / matches:.4f}  away: {away / matches:.4f}")
