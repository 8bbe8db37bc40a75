#!/bin/bash
# Builds a phony CentOS 7 guest whose rpm database is the Berkeley DB
# hash file /var/lib/rpm/Packages that rpm < 4.16 uses (the headers of
# ../shared/test-data/fedora-db.sql.xz, written by
# daemon/tests/make-rpmdb.py with db_load from db5.3-util).  Nothing is
# installed: the tree holds just enough of CentOS for inspection.
#
#   MBR, /dev/sda1 /boot (ext4: mkfs.xfs now wants 300 MB), /dev/sda2 /
#   (xfs), fstab by UUID=
#
# Usage: make-centos7-guest.sh OUTPUT.img
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
s=$tmp/root

# The tree: usr-merged as CentOS 7 is.
mkdir -p "$s"/{etc,usr/bin,usr/sbin,usr/lib,usr/lib64,var/lib/rpm,var/log,root,home,tmp,boot,proc,sys,dev,run}
ln -s usr/bin "$s/bin"
ln -s usr/sbin "$s/sbin"
ln -s usr/lib "$s/lib"
ln -s usr/lib64 "$s/lib64"
install -m 755 "$data/bin-x86_64-dynamic" "$s/usr/bin/bash"
install -m 755 "$data/bin-x86_64-dynamic" "$s/usr/bin/ls"
ln -s bash "$s/usr/bin/sh"
cat > "$s/etc/os-release" <<'EOF2'
NAME="CentOS Linux"
VERSION="7 (Core)"
ID="centos"
ID_LIKE="rhel fedora"
VERSION_ID="7"
PRETTY_NAME="CentOS Linux 7 (Core)"
ANSI_COLOR="0;31"
CPE_NAME="cpe:/o:centos:centos:7"
HOME_URL="https://www.centos.org/"
BUG_REPORT_URL="https://bugs.centos.org/"
EOF2
echo 'CentOS Linux release 7.9.2009 (Core)' > "$s/etc/centos-release"
ln -s centos-release "$s/etc/redhat-release"
ln -s centos-release "$s/etc/system-release"
echo centos7-phony.example.com > "$s/etc/hostname"
cat > "$s/etc/fstab" <<'EOF2'
UUID=01234567-0123-4567-89ab-0123456789e2 /     xfs  defaults 0 0
UUID=01234567-0123-4567-89ab-0123456789e1 /boot ext4 defaults 1 2
EOF2
python3 "$here/../daemon/tests/make-rpmdb.py" bdb "$data/fedora-db.sql.xz" \
  "$s/var/lib/rpm/Packages"
tar -C "$s" --numeric-owner -cf "$tmp/centos7.tar" .

"${guestfish[@]}" -- >/dev/null <<EOF2
sparse $tmp/disk.img 512M
run
part-init /dev/sda mbr
part-add /dev/sda p 2048 206847
part-add /dev/sda p 206848 -1
mkfs ext4 /dev/sda1
set-uuid /dev/sda1 01234567-0123-4567-89ab-0123456789e1
mkfs xfs /dev/sda2
set-uuid /dev/sda2 01234567-0123-4567-89ab-0123456789e2
mount /dev/sda2 /
mkdir /boot
mount /dev/sda1 /boot
tar-in $tmp/centos7.tar /
EOF2
mv "$tmp/disk.img" "$output"
