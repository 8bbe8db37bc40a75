#!/bin/bash
# Configures (once) and builds guestferry in build/ (or $GUESTFERRY_BUILD).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
b=${GUESTFERRY_BUILD:-$top/build}
if [ ! -f "$b/build.ninja" ]; then
  meson setup "$b" "$top" "$@"
fi
ninja -C "$b"
