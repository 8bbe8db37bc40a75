#!/bin/bash
# Builds virt-inspector against the system libguestfs (the reference,
# libguestfs 1.48) into OUTDIR (default build/tools-ref), to compare the
# tool's output with the reference's before our inspection calls exist.
set -e
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../build/tools-ref}
mkdir -p "$out"
cat > "$out/config.h" <<EOH
#define PACKAGE_VERSION "1.48.0"
EOH
env -u CPATH -u LIBRARY_PATH -u PKG_CONFIG_PATH \
  cc -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
  -D_GNU_SOURCE -O2 -I"$out" $(pkg-config --cflags libguestfs libxml-2.0) \
  -o "$out/virt-inspector" "$here"/virt-inspector.c "$here"/collect.c \
  "$here"/output-xml.c "$here"/output-json.c "$here"/xpath.c "$here"/keys.c \
  $(env -u PKG_CONFIG_PATH pkg-config --libs libguestfs libxml-2.0)
echo "$out/virt-inspector"
