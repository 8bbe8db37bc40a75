#!/usr/bin/env python3
"""Checks that libguestfs.so exports exactly the symbols the generated
version script lists (append-only ABI: nothing undeclared leaks out).

Usage: check-exports.py LIBGUESTFS_SO LIBGUESTFS_SYMS
"""
import re
import subprocess
import sys

so, syms = sys.argv[1:3]
declared = set(re.findall(r"^\s+(guestfs_\w+);", open(syms).read(), re.M))
out = subprocess.run(["nm", "-D", "--defined-only", so], check=True,
                     capture_output=True, text=True).stdout
exported = {l.split()[-1].split("@")[0] for l in out.splitlines()
            if l.split()[-2] in ("T", "D", "B", "R", "W", "V")}
exported.discard("GUESTFS_0.0")
extra = sorted(exported - declared)
missing = sorted(declared - exported)
for s in extra:
    print("exported but not declared: " + s)
for s in missing:
    print("declared but not exported: " + s)
bad = len(extra) + len(missing)
print("%d passed, %d failed" % (len(declared) - len(missing), bad))
sys.exit(1 if bad else 0)
