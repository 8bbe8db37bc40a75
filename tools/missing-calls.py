#!/usr/bin/env python3
"""Prints, space-separated, which of the calls named in argv[2:] the
generator in argv[1] does not declare (all of them if it cannot be
loaded).  Used by meson to build virt-inspector only once they exist."""
import sys

sys.dont_write_bytecode = True

sys.path.insert(0, sys.argv[1])
wanted = sys.argv[2:]
try:
    import api
    declared = {c.name for c in api.ALL_CALLS}
except Exception:  # a generator being edited: nothing is known yet
    declared = set()
print(" ".join(c for c in wanted if c not in declared))
