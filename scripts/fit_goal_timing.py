#!/usr/bin/env python3
"""Fits the soccer goal-timing shape (models/soccer_model.hpp kDefaultGoalShape) from timed goals.

Reads soccer/international/goalscorers.csv under the data directory (argument, $SIMBOOK_DATA or
../shared/data) and prints the relative intensity per played minute of the eight segments: 0-15, 15-30,
30-45, first-half stoppage, 45-60, 60-75, 75-90, second-half stoppage. Minute 45 (90) in the data holds the
45th (90th) minute and the stoppage; the stoppage part is the excess over the neighbouring segment's
per-minute rate, spread over the model's default stoppage (2 and 4 minutes).
"""
import csv
import os
import sys

data = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SIMBOOK_DATA", "../shared/data")
counts = {}
for row in csv.DictReader(open(os.path.join(data, "soccer/international/goalscorers.csv"), encoding="utf-8")):
    try:
        minute = int(float(row["minute"]))
    except ValueError:
        continue
    counts[minute] = counts.get(minute, 0) + 1


def total(lo, hi):
    return sum(counts.get(m, 0) for m in range(lo, hi + 1))


late_first = total(31, 44) / 14
late_second = total(76, 89) / 14
rates = [total(1, 15) / 15, total(16, 30) / 15, late_first, (counts.get(45, 0) - late_first) / 2,
         total(46, 60) / 15, total(61, 75) / 15, late_second, (counts.get(90, 0) - late_second) / 4]
lengths = [15, 15, 15, 2, 15, 15, 15, 4]
mean = sum(r * n for r, n in zip(rates, lengths)) / sum(lengths)
print("goals:", sum(counts.values()))
print("shape:", ", ".join(f"{r / mean:.4f}" for r in rates))
