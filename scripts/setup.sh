#!/bin/bash
# README command 1: install dependencies, build, and run the main job on a
# sample image: create a disk, partition and format it, write and read
# files through guestfish, print the result.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/install-deps.sh"
"$top/scripts/build.sh"

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
echo "== guestferry: building a sample disk image with guestfish"
"$top/run" guestfish -N sample.img=fs:ext4:200M -m /dev/sda1 <<'FISH'
write /hello "hello from guestferry\n"
mkdir-p /etc/app
write /etc/app/config "key=value\n"
echo "--- files:"
ls /
echo "--- /hello:"
cat /hello
echo "--- partitions:"
part-list /dev/sda
echo "--- filesystem:"
vfs-type /dev/sda1
df
FISH
echo "== reading it back, read-only:"
"$top/run" guestfish --ro -a sample.img -m /dev/sda1 cat /etc/app/config
