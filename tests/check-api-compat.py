#!/usr/bin/env python3
"""Checks that every function, struct and optarg constant our guestfs.h
declares is declared identically in libguestfs 1.48's guestfs.h.

Usage: check-api-compat.py OUR_GUESTFS_H REFERENCE_GUESTFS_H
"""

import re
import sys


def norm(s):
    s = re.sub(r"\s+", " ", s)
    s = re.sub(r" ?([(),*]) ?", r"\1", s)
    return s.strip()


def prototypes(text):
    out = {}
    for m in re.finditer(r"extern GUESTFS_DLL_PUBLIC ([^;]*?)\b(guestfs_\w+) ?\(([^()]*)\)[^;]*;", text):
        out[m.group(2)] = norm(m.group(1) + "(" + m.group(3) + ")")
    return out


def defines(text):
    return dict(re.findall(r"#\s*define (GUESTFS_\w+) +(.+)", text))


def structs(text):
    return {m.group(1): norm(m.group(2)) for m in
            re.finditer(r"struct (guestfs_\w+) \{(.*?)\};", text, re.S)}


def main():
    ours, ref = (open(p).read() for p in sys.argv[1:3])
    # Our private calls (library <-> daemon) are not part of the API.
    ours = re.sub(r"#ifdef GUESTFS_PRIVATE.*?#endif /\* GUESTFS_PRIVATE \*/", "",
                  ours, flags=re.S)
    failures = 0
    checks = 0
    rp, rd, rs = prototypes(ref), defines(ref), structs(ref)
    for name, proto in sorted(prototypes(ours).items()):
        checks += 1
        if name not in rp:
            print("not in libguestfs: %s" % name)
            failures += 1
        elif rp[name] != proto:
            print("prototype differs: %s\n  ours: %s\n  ref:  %s" % (name, proto, rp[name]))
            failures += 1
    for name, value in sorted(defines(ours).items()):
        if name.startswith("GUESTFS_HAVE_") or name in ("GUESTFS_DLL_PUBLIC",):
            continue
        if name in rd:
            checks += 1
            if norm(rd[name]) != norm(value):
                print("define differs: %s ours=%s ref=%s" % (name, value, rd[name]))
                failures += 1
    for name, body in sorted(structs(ours).items()):
        checks += 1
        strip = lambda b: re.sub(r"/\*.*?\*/", "", b)  # noqa: E731
        if name not in rs or norm(strip(rs[name])).replace("# ", "#") != norm(strip(body)).replace("# ", "#"):
            print("struct differs: %s" % name)
            failures += 1
    print("%d passed, %d failed" % (checks - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
