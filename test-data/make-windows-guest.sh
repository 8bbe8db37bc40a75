#!/bin/bash
# Builds a phony Windows guest: an MBR disk with one NTFS partition
# holding just enough of Windows for inspection (registry hives and a PE
# cmd.exe).  Nothing is installed; everything comes from
# ../shared/test-data.
#
# Usage: make-windows-guest.sh OUTPUT.img
# Env:   GUESTFISH  the guestfish command (default: this tree's, via ./run)
#        TEST_DATA  the shared test data directory
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 OUTPUT.img" >&2
  exit 1
fi
output=$1
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
data=${TEST_DATA:-$here/../../shared/test-data}
read -r -a guestfish <<< "${GUESTFISH:-$here/../run guestfish}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Registry hives: libguestfs's minimal hive with the .reg files merged.
make_hive () {   # HIVE-NAME REG-FILE
  cp "$data/minimal-hive" "$tmp/$1"
  chmod u+w "$tmp/$1"
  hivexregedit --merge --prefix "HKEY_LOCAL_MACHINE\\$1" "$tmp/$1" "$2"
}
make_hive SOFTWARE "$data/windows-software.reg"
make_hive SYSTEM "$data/windows-system.reg"

# windows-system.reg maps C: (MountedDevices) to the partition at byte
# offset 0x10000000 of the disk whose MBR signature is "1234".
part_start=$(( 0x10000000 / 512 ))

"${guestfish[@]}" -- >/dev/null <<EOF2
sparse $tmp/disk.img 512M
run
part-init /dev/sda mbr
part-add /dev/sda p $part_start -64
pwrite-device /dev/sda "1234" 0x01b8
mkfs ntfs /dev/sda1
mount /dev/sda1 /
mkdir-p /Windows/System32/config
mkdir-p /Windows/System32/drivers/etc
upload $tmp/SOFTWARE /Windows/System32/config/SOFTWARE
upload $tmp/SYSTEM /Windows/System32/config/SYSTEM
upload $data/bin-win64.exe /Windows/System32/cmd.exe
mkdir-p "/Program Files"
EOF2

# mkntfs picks a random volume serial number (the filesystem's UUID, and
# libguestfs's <uuid>): set a fixed one in the boot sector and in its
# backup copy, the sector just past the volume's last one.
python3 - "$tmp/disk.img" $(( part_start * 512 )) <<'EOF2'
import struct, sys
path, start = sys.argv[1], int(sys.argv[2])
serial = struct.pack("<Q", 0x0123456789ABCDEF)   # blkid: 0123456789ABCDEF
with open(path, "r+b") as f:
    f.seek(start)
    boot = f.read(512)
    if boot[3:11] != b"NTFS    ":
        sys.exit("make-windows-guest: no NTFS boot sector at %d" % start)
    sectors = struct.unpack_from("<Q", boot, 0x28)[0]
    for offset in (start, start + sectors * 512):
        f.seek(offset)
        if f.read(11)[3:] != b"NTFS    ":
            sys.exit("make-windows-guest: no NTFS boot sector at %d" % offset)
        f.seek(offset + 0x48)
        f.write(serial)
EOF2

mv "$tmp/disk.img" "$output"
