#!/usr/bin/env python3
"""Builds the fantasy demo data in this folder (run from the repository root, Debian's python3, stdlib only).

1. nba-2023-24-extra-rates.json: per-player steal, block and turnover rates (Basketball-Reference STL%, BLK%,
   TOV%), minutes-weighted over 2023-24 regular-season games of the shared data set and shrunk toward the league
   average with weight minutes / (minutes + 250). The possession kernel does not simulate these three stats; the
   fantasy projections draw them per path from these rates (see fantasy/extra_stats.hpp).
2. The demo slate and the salary files. THE SALARIES, POSITIONS AND PLAYER IDS ARE INVENTED: the fitted rosters
   (models/params/nba/2023-24.json) carry no positions, so positions are assigned from the fitted assist and
   rebound shares, and salaries from a rough points/minutes formula plus seeded noise. Only the player names and
   teams are real.

Usage: python3 data/fantasy/make_demo_data.py [shared data dir (default ../shared/data)]
"""
import csv
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SHRINK_MINUTES = 250.0
LAST_REGULAR_SEASON_DAY = "20240414"

# Ten games over twenty teams (a 10-game slate) and the first two as the small test slate.
GAMES = [("BOS", "DAL"), ("DEN", "LAL"), ("MIL", "PHI"), ("GSW", "PHO"), ("OKC", "MIN"),
         ("NYK", "MIA"), ("CLE", "ORL"), ("SAC", "LAC"), ("NOP", "IND"), ("HOU", "ATL")]
SMALL_GAMES = GAMES[:2]
# Basketball-Reference code -> the code DraftKings / FanDuel exports use.
SITE_CODE = {"BRK": "BKN", "PHO": "PHX", "CHO": "CHA", "GSW": "GS", "NOP": "NO", "NYK": "NY", "SAS": "SA"}


def minutes(text):
    if not text or ":" not in text:
        return 0.0
    m, s = text.split(":")
    return int(m) + int(s) / 60.0


def extra_rates(data_dir):
    path = Path(data_dir) / "basketball" / "player-stats" / "NBA_2023-2024_advanced_by_game.csv"
    totals = {}  # name -> [minutes, stl*min, blk*min, tov*min, tov minutes]
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["Period"] != "game" or row["Game Reference"][:8] > LAST_REGULAR_SEASON_DAY:
                continue
            mp = minutes(row["MP"])
            if mp <= 0:
                continue
            t = totals.setdefault(row["Player Name"], [0.0, 0.0, 0.0, 0.0, 0.0])
            t[0] += mp
            for k, column in ((1, "STL%"), (2, "BLK%")):
                if row[column]:
                    t[k] += mp * float(row[column])
            if row["TOV%"]:
                t[3] += mp * float(row["TOV%"])
                t[4] += mp
    league_minutes = sum(t[0] for t in totals.values())
    league = {"stl_pct": sum(t[1] for t in totals.values()) / league_minutes,
              "blk_pct": sum(t[2] for t in totals.values()) / league_minutes,
              "tov_pct": sum(t[3] for t in totals.values()) / sum(t[4] for t in totals.values())}
    players = {}
    for name, t in sorted(totals.items()):
        w = t[0] / (t[0] + SHRINK_MINUTES)
        wt = t[4] / (t[4] + SHRINK_MINUTES)
        players[name] = {
            "minutes": round(t[0], 1),
            "stl_pct": round(w * t[1] / t[0] + (1 - w) * league["stl_pct"], 3),
            "blk_pct": round(w * t[2] / t[0] + (1 - w) * league["blk_pct"], 3),
            "tov_pct": round(wt * (t[3] / t[4] if t[4] else 0) + (1 - wt) * league["tov_pct"], 3)}
    return {
        "season": "2023-24",
        "source": "shared data basketball/player-stats/NBA_2023-2024_advanced_by_game.csv (Basketball-Reference)",
        "definitions": {
            "stl_pct": "steals per 100 opponent possessions while on court",
            "blk_pct": "blocks per 100 opponent two-point attempts while on court",
            "tov_pct": "turnovers per 100 plays (FGA + 0.44 FTA + TOV)"},
        "shrinkage": "minutes-weighted season rate, shrunk toward the league with weight minutes / (minutes + 250)",
        "league": {k: round(v, 3) for k, v in league.items()},
        "players": players}


def positions(team):
    """Invented positions: guards by assist share, centres by rebound share; dual eligibility for neighbours."""
    players = [p for p in team["model"]["players"] if p["minutes"] > 0]
    order = ["PG", "SG", "SF", "PF", "C"]
    out = {}
    for p in players:
        score = 2.0 + 25.0 * (p["rebound_pct"] - 0.10) - 6.0 * (p["assist_pct"] - 0.15)
        k = max(0, min(4, int(round(score))))
        frac = score - int(score)
        second = k + 1 if frac > 0.3 and frac < 0.5 and k < 4 else (k - 1 if frac >= 0.5 and frac < 0.7 and k > 0 else None)
        pos = [order[k]] + ([order[second]] if second is not None and second != k else [])
        out[p["name"]] = sorted(set(pos), key=order.index)
    return out


def salaries(league, games, site, rng):
    rows = []
    for home, away in games:
        for team_code, opp in ((home, away), (away, home)):
            team = league["teams"][team_code]
            pos = positions(team)
            roster = {r["name"]: r for r in team["roster"]}
            for p in team["model"]["players"]:
                if p["minutes"] < 6:
                    continue
                r = roster[p["name"]]
                est = r["points_per_game"] + 0.9 * p["minutes"] * (p["rebound_pct"] + p["assist_pct"]) + 0.05 * p["minutes"]
                if site == "draftkings":
                    salary = 3000 + 215 * max(0.0, est - 6.0) + rng.randint(-6, 6) * 100
                    salary = int(max(3000, min(11800, round(salary / 100) * 100)))
                else:
                    salary = 3500 + 245 * max(0.0, est - 6.0) + rng.randint(-6, 6) * 100
                    salary = int(max(3500, min(12500, round(salary / 100) * 100)))
                rows.append((p["name"], team_code, opp, home, away, pos[p["name"]], salary))
    return rows


def write_draftkings(rows, path):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Position", "Name + ID", "Name", "ID", "Roster Position", "Salary", "Game Info", "TeamAbbrev",
                    "AvgPointsPerGame"])
        for i, (name, team, opp, home, away, pos, salary) in enumerate(rows):
            pid = 90000000 + i
            roster = list(pos)
            if {"PG", "SG"} & set(pos):
                roster.append("G")
            if {"SF", "PF"} & set(pos):
                roster.append("F")
            roster.append("UTIL")
            game = f"{SITE_CODE.get(away, away)}@{SITE_CODE.get(home, home)} 11/22/2026 07:30PM ET"
            w.writerow(["/".join(pos), f"{name} ({pid})", name, pid, "/".join(roster), salary, game,
                        SITE_CODE.get(team, team), "0.0"])


def write_fanduel(rows, path):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Id", "Position", "First Name", "Nickname", "Last Name", "FPPG", "Played", "Salary", "Game",
                    "Team", "Opponent", "Injury Indicator", "Injury Details", "Tier"])
        for i, (name, team, opp, home, away, pos, salary) in enumerate(rows):
            first, _, last = name.partition(" ")
            game = f"{SITE_CODE.get(away, away)}@{SITE_CODE.get(home, home)}"
            w.writerow([f"104001-{70000 + i}", "/".join(pos), first, name, last, "0.0", "0", salary, game,
                        SITE_CODE.get(team, team), SITE_CODE.get(opp, opp), "", "", ""])


def main():
    data_dir = sys.argv[1] if len(sys.argv) > 1 else str(ROOT.parent / "shared" / "data")
    rates = extra_rates(data_dir)
    (HERE / "nba-2023-24-extra-rates.json").write_text(json.dumps(rates, indent=1, ensure_ascii=False) + "\n",
                                                       encoding="utf-8")
    league = json.loads((ROOT / "models" / "params" / "nba" / "2023-24.json").read_text(encoding="utf-8"))
    note = ("Invented demo slate: the games are not a real schedule, and the salaries, positions and IDs in the "
            "salary files are invented (only the fitted teams' player names are real).")
    for stem, games in (("slate-10", GAMES), ("slate-2", SMALL_GAMES)):
        slate = {"note": note, "games": [{"home": h, "away": a} for h, a in games]}
        (HERE / f"{stem}.json").write_text(json.dumps(slate, indent=1) + "\n", encoding="utf-8")
        write_draftkings(salaries(league, games, "draftkings", random.Random(7)), HERE / f"DKSalaries-{stem}.csv")
        write_fanduel(salaries(league, games, "fanduel", random.Random(8)), HERE / f"FDSalaries-{stem}.csv")


if __name__ == "__main__":
    main()
