#!/bin/bash
# README command 2: install dependencies, build, run every test (unit and
# appliance tests), and print a closing "N passed, N failed" line.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
b=${GUESTFERRY_BUILD:-$top/build}
"$top/scripts/install-deps.sh" || exit 1
"$top/scripts/build.sh" || exit 1
meson test -C "$b" --print-errorlogs --no-rebuild "$@"
rc=$?

# The same code under AddressSanitizer and UBSan: the tests that need no
# appliance (the appliance ones run the optimised build above).
asan=${GUESTFERRY_ASAN_BUILD:-$top/build-asan}
if [ ! -f "$asan/build.ninja" ]; then
  meson setup "$asan" "$top" -Db_sanitize=address,undefined -Db_lundef=false >/dev/null || exit 1
fi
ninja -C "$asan" >/dev/null || { echo "ASan build failed"; exit 1; }
# stdbuf (fish tests) preloads a library, which ASan would refuse.
export ASAN_OPTIONS=verify_asan_link_order=0 UBSAN_OPTIONS=halt_on_error=1
meson test -C "$asan" --print-errorlogs --no-rebuild --logbase asan-unit \
  --suite unit --suite fish || rc=1
meson test -C "$asan" --print-errorlogs --no-rebuild --logbase asan-host \
  daemon appliance-build || rc=1

python3 - "$b/meson-logs/testlog.json" "$asan/meson-logs/asan-unit.json" \
  "$asan/meson-logs/asan-host.json" <<'PY'
import json, sys
ok = bad = 0
for line in (l for f in sys.argv[1:] for l in open(f)):
    r = json.loads(line)
    if r.get("result") in ("OK", "EXPECTEDFAIL"):
        ok += 1
    elif r.get("result") != "SKIP":
        bad += 1
print("%d passed, %d failed" % (ok, bad))
PY
exit $rc
