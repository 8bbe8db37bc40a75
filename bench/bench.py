#!/usr/bin/env python3
"""Benchmarks guestferry against libguestfs 1.48 on this machine, in the
same run, and prints a table of medians and ratios.

Usage: bench/bench.py [--runs N] [--skip-transfer]
Needs a built tree (scripts/build.sh) and libguestfs-dev installed.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.environ.get("GUESTFERRY_BUILD", os.path.join(TOP, "build"))


def build_binaries(tmp):
    src = os.path.join(TOP, "bench", "bench-ops.c")
    ref = os.path.join(tmp, "bench-ref")
    ours = os.path.join(tmp, "bench-ours")
    subprocess.run(["cc", "-O2", "-o", ref, src, "-lguestfs"], check=True)
    subprocess.run(["cc", "-O2", "-o", ours, src,
                    "-I", os.path.join(BUILD, "generator"),
                    "-L", os.path.join(BUILD, "lib"), "-lguestfs"], check=True)
    return ref, ours


def env_for(which):
    env = dict(os.environ)
    env["LIBGUESTFS_BACKEND"] = "direct"
    if which == "ref":
        env["LIBGUESTFS_BACKEND_SETTINGS"] = "force_tcg"
        env.pop("LD_LIBRARY_PATH", None)
        env.pop("LIBGUESTFS_PATH", None)
    else:
        env.pop("LIBGUESTFS_BACKEND_SETTINGS", None)
        env["LD_LIBRARY_PATH"] = os.path.join(BUILD, "lib")
        env["LIBGUESTFS_PATH"] = os.path.join(BUILD, "appliance")
    return env


def run(binary, which, *args):
    out = subprocess.run([binary, *args], env=env_for(which), check=True,
                         capture_output=True, text=True).stdout
    return {k: float(v) for k, v in (l.split() for l in out.splitlines())}


def median_of(binary, which, runs, key, *args):
    return statistics.median(run(binary, which, *args)[key] for _ in range(runs))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--skip-transfer", action="store_true")
    ap.add_argument("--transfer-mib", type=int, default=256)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ref, ours = build_binaries(tmp)
        # warm both appliance caches so launch numbers are steady-state
        run(ref, "ref", "launch")
        run(ours, "ours", "launch")
        rows = []
        for name, key, args, lower_better in (
                ("launch+close (s)", "total", ("launch",), True),
                ("ping round trip (ms)", "roundtrip", ("roundtrip", "2000"), True)):
            r = median_of(ref, "ref", a.runs, key, *args)
            o = median_of(ours, "ours", a.runs, key, *args)
            if "ms" in name:
                r, o = r * 1000, o * 1000
            rows.append((name, r, o, r / o if lower_better else o / r))
        if not a.skip_transfer:
            mib = str(a.transfer_mib)
            rr = [run(ref, "ref", "transfer", mib) for _ in range(max(1, a.runs // 2))]
            oo = [run(ours, "ours", "transfer", mib) for _ in range(max(1, a.runs // 2))]
            for key in ("upload_MBps", "download_MBps"):
                r = statistics.median(x[key] for x in rr)
                o = statistics.median(x[key] for x in oo)
                rows.append(("%s (%s MiB)" % (key.replace("_", " "), mib), r, o, o / r))
    print("| measure | libguestfs 1.48 | guestferry | speed-up |")
    print("|---|---|---|---|")
    for name, r, o, ratio in rows:
        print("| %s | %.3f | %.3f | %.2fx |" % (name, r, o, ratio))


if __name__ == "__main__":
    sys.exit(main())
