#!/usr/bin/env python3
"""Benchmarks guestferry against libguestfs 1.48 on this machine, in the
same run, and prints a table of medians and ratios.

Usage: bench/bench.py [--runs N] [--skip-transfer] [--skip-first]

Rows: launch+close warm (guestferry restores a saved appliance) and cold
(backend setting warm=0; both against libguestfs's only path, its cached
appliance), ping round trip (median of 2000), upload/download, qemu RSS
of an idle appliance, and the first-ever launch (empty cache directory:
the appliance and, for guestferry, the warm state are built).  The load
average is printed with the table: the machine may be shared.
Needs a built tree and libguestfs-dev installed.
"""
import argparse
import os
import shutil
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


def env_for(which, settings=None, cachedir=None):
    env = dict(os.environ)
    env["LIBGUESTFS_BACKEND"] = "direct"
    if which == "ref":
        env["LIBGUESTFS_BACKEND_SETTINGS"] = "force_tcg"
        env.pop("LD_LIBRARY_PATH", None)
        env.pop("LIBGUESTFS_PATH", None)
    else:
        env.pop("LIBGUESTFS_BACKEND_SETTINGS", None)
        if settings:
            env["LIBGUESTFS_BACKEND_SETTINGS"] = settings
        env["LD_LIBRARY_PATH"] = os.path.join(BUILD, "lib")
        env["LIBGUESTFS_PATH"] = os.path.join(BUILD, "appliance")
    if cachedir:
        env["LIBGUESTFS_CACHEDIR"] = cachedir
    return env


def run(binary, which, *args, settings=None, cachedir=None):
    out = subprocess.run([binary, *args], env=env_for(which, settings, cachedir),
                         check=True, capture_output=True, text=True).stdout
    return {k: float(v) for k, v in (l.split() for l in out.splitlines())}


def median_of(binary, which, runs, key, *args, settings=None):
    return statistics.median(run(binary, which, *args, settings=settings)[key]
                             for _ in range(runs))


def first_launch(binary, which, runs):
    """launch with an empty cache directory: everything is built."""
    times = []
    for _ in range(runs):
        d = tempfile.mkdtemp(prefix="bench-cache-", dir="/var/tmp")
        try:
            times.append(run(binary, which, "launch", cachedir=d)["total"])
        finally:
            shutil.rmtree(d, ignore_errors=True)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--skip-transfer", action="store_true")
    ap.add_argument("--skip-first", action="store_true")
    ap.add_argument("--transfer-mib", type=int, default=256)
    a = ap.parse_args()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        ref, ours = build_binaries(tmp)
        # warm both caches (appliances, guestferry's saved state)
        run(ref, "ref", "launch")
        run(ours, "ours", "launch")
        rows = []
        r = median_of(ref, "ref", a.runs, "total", "launch")
        for label, settings in (("warm", None), ("cold", "warm=0")):
            o = median_of(ours, "ours", a.runs, "total", "launch", settings=settings)
            rows.append(("launch+close, %s (s)" % label, r, o, r / o))
        r = median_of(ref, "ref", a.runs, "roundtrip", "roundtrip", "2000") * 1000
        o = median_of(ours, "ours", a.runs, "roundtrip", "roundtrip", "2000") * 1000
        rows.append(("ping round trip (ms)", r, o, r / o))
        if not a.skip_transfer:
            mib = str(a.transfer_mib)
            rr = [run(ref, "ref", "transfer", mib) for _ in range(a.runs)]
            oo = [run(ours, "ours", "transfer", mib) for _ in range(a.runs)]
            for key in ("upload_MBps", "download_MBps"):
                r = statistics.median(x[key] for x in rr)
                o = statistics.median(x[key] for x in oo)
                rows.append(("%s (%s MiB)" % (key.replace("_", " "), mib), r, o, o / r))
        n = max(1, min(3, a.runs))
        r = median_of(ref, "ref", n, "rss_MiB", "rss")
        o = median_of(ours, "ours", n, "rss_MiB", "rss")
        rows.append(("qemu RSS, idle (MiB)", r, o, r / o))
        if not a.skip_first:
            r = first_launch(ref, "ref", 1)
            o = first_launch(ours, "ours", n)
            rows.append(("first-ever launch+close (s)", r, o, r / o))
    load_after = os.getloadavg()
    print("| measure | libguestfs 1.48 | guestferry | speed-up |")
    print("|---|---|---|---|")
    for name, r, o, ratio in rows:
        print("| %s | %.3f | %.3f | %.2fx |" % (name, r, o, ratio))
    print("\nmedians of %d runs (RSS: %d; first-ever launch: libguestfs 1, "
          "guestferry %d); load average %.2f before, %.2f after, %d CPUs"
          % (a.runs, n, n, load_before[0], load_after[0], os.cpu_count()))


if __name__ == "__main__":
    sys.exit(main())
