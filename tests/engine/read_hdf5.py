"""Checks that `simbook simulate --hdf5` writes a file h5py can read, with consistent contents."""
import json
import os
import subprocess
import sys

try:
    import h5py
except ImportError:  # python3-h5py is installed by .ci/run; without it there is nothing to check
    print("h5py not installed: skipped")
    sys.exit(0)

binary, workdir = sys.argv[1], sys.argv[2]
os.makedirs(workdir, exist_ok=True)
for sport in ("soccer", "basketball"):
    path = os.path.join(workdir, sport + ".h5")
    out = subprocess.run([binary, "simulate", "--sport", sport, "--sims", "20000", "--seed", "3", "--json",
                          "--hdf5", path], check=True, capture_output=True, text=True).stdout
    result = json.loads(out)
    with h5py.File(path, "r") as f:
        assert f.attrs["sims"] == result["sims"] == 20000, f.attrs["sims"]
        assert f.attrs["seed"] == 3
        assert f.attrs["sport"] == sport.encode() or f.attrs["sport"] == sport
        json.loads(f.attrs["model"])
        counts = f["score_counts"][()]
        assert counts.sum() == 20000
        assert abs(f["score_distribution"][()].sum() - 1.0) < 1e-9
        home_win = sum(counts[h, a] for h in range(counts.shape[0]) for a in range(counts.shape[1]) if h > a)
        assert abs(home_win / 20000 - result["win_probability"]["home"]) < 1e-12
        if sport == "basketball":
            stats = f["basketball/player_stat_counts"][()]
            assert stats.shape[1:] == (4, 256) and (stats.sum(axis=2) == 20000).all()
print("ok")
