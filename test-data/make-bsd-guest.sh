#!/bin/bash
# Builds a phony BSD guest for the inspection tests, host-side only:
#
#   make-bsd-guest.sh OUTPUT.img freebsd|netbsd
#
# The root tree holds just the files inspection reads; makefs(8) turns it
# into an FFS image, which goes into the partitioning the real system's
# installer makes:
#
#   freebsd   13.1, FFS (UFS1: Debian's makefs puts a UFS2 superblock at
#             8 KiB, where Linux's ufs does not look for one); GPT as bsdinstall lays it out (p1 freebsd-boot,
#             p2 freebsd-ufs root, p3 freebsd-swap), fstab by
#             /dev/ada0p2, hostname in rc.conf
#   netbsd    9.3, FFSv1 (Linux ufstype=44bsd); an MBR slice of type
#             0xa9 holding a BSD disklabel ('a' root, 'b' swap, 'c' the
#             slice, 'd' the disk), fstab by /dev/wd0a.  'a' starts at
#             the slice's first sector, so the slice itself (/dev/sda1 for
#             Linux) also shows the root filesystem; Linux lists 'a' and
#             'b' as /dev/sda5 and /dev/sda6.
#
# (libguestfs 1.48 cannot inspect a disklabel inside an MBR slice at all:
# its check of each partition's MBR type runs sfdisk on /dev/sda5, which
# sfdisk does not know, and inspect_os fails as a whole.)
set -e

here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
top=$(cd "$here/.." && pwd)
shared=${GUESTFERRY_SHARED_DATA:-$top/../shared/test-data}
img=${1:?usage: make-bsd-guest.sh OUTPUT.img freebsd|netbsd}
flavour=${2:?usage: make-bsd-guest.sh OUTPUT.img freebsd|netbsd}
command -v makefs > /dev/null ||
  { echo "make-bsd-guest: makefs is missing (apt-get install makefs)" >&2; exit 1; }

stage=$img.stage
fs=$img.ffs
trap 'rm -rf "$stage" "$fs"' EXIT

SLICE_START=2048       # sectors
ROOT_MB=24
SWAP_SECTORS=8192
DISK_MB=40

bsd_skeleton() {
  rm -rf "$stage"
  mkdir -p "$stage"/{bin,sbin,etc,boot/kernel,usr/bin,usr/lib,var/run,var/db,root,tmp,dev,home}
  install -m 755 "$shared/bin-x86_64-dynamic" "$stage/bin/ls"
  install -m 755 "$shared/bin-x86_64-dynamic" "$stage/bin/sh"
}

freebsd_tree() {
  bsd_skeleton
  cat > "$stage/etc/freebsd-update.conf" <<'EOF'
KeyPrint 800651ef4b4c71c27e60786d7b487188970f4b4169cc055784e21eb71d410cc5
ServerName update.FreeBSD.org
Components src world kernel
EOF
  # What freebsd-version(1) prints for the userland.
  cat > "$stage/bin/freebsd-version" <<'EOF'
#!/bin/sh
USERLAND_VERSION="13.1-RELEASE"
echo $USERLAND_VERSION
EOF
  chmod 755 "$stage/bin/freebsd-version"
  # update_motd writes the running kernel's version on top at boot.
  cat > "$stage/etc/motd" <<'EOF'
FreeBSD 13.1-RELEASE releng/13.1-n250148-fc952ac2212 GENERIC

Welcome to FreeBSD!
EOF
  # /etc/os-release is a link to the file the os-release rc script
  # writes at boot.
  ln -s ../var/run/os-release "$stage/etc/os-release"
  cat > "$stage/var/run/os-release" <<'EOF'
NAME=FreeBSD
VERSION="13.1-RELEASE"
VERSION_ID="13.1"
ID=freebsd
ANSI_COLOR="0;31"
PRETTY_NAME="FreeBSD 13.1-RELEASE"
CPE_NAME="cpe:/o:freebsd:freebsd:13.1"
HOME_URL="https://FreeBSD.org/"
BUG_REPORT_URL="https://bugs.FreeBSD.org/"
EOF
  cat > "$stage/etc/fstab" <<'EOF'
# Device        Mountpoint      FStype  Options Dump    Pass#
/dev/ada0p2     /               ufs     rw      1       1
/dev/ada0p3     none            swap    sw      0       0
EOF
  cat > "$stage/etc/rc.conf" <<'EOF'
hostname="freebsd-phony"
ifconfig_vtnet0="DHCP"
sshd_enable="YES"
EOF
  install -m 755 "$shared/bin-x86_64-dynamic" "$stage/boot/kernel/kernel"
}

netbsd_tree() {
  bsd_skeleton
  install -m 755 "$shared/bin-x86_64-dynamic" "$stage/netbsd"
  cat > "$stage/etc/release" <<'EOF'
NetBSD 9.3/amd64

This system was built by releng on 2022-08-04.
EOF
  cat > "$stage/etc/fstab" <<'EOF'
/dev/wd0a       /       ffs     rw,log  1 1
/dev/wd0b       none    swap    sw,dp   0 0
kernfs          /kern   kernfs  rw
ptyfs           /dev/pts ptyfs  rw
procfs          /proc   procfs  rw
EOF
  cat > "$stage/etc/rc.conf" <<'EOF'
rc_configured=YES
hostname=netbsd-phony
EOF
  echo netbsd-phony > "$stage/etc/myname"
}

# The disk: GPT as FreeBSD's installer makes it, with fixed GUIDs.
gpt_disk() {
  truncate -s 0 "$img"
  truncate -s "${DISK_MB}M" "$img"
  local root=$(( $(stat -c %s "$fs") / 512 )) start=$SLICE_START
  local ufs=516E7CB6-6ECF-11D6-8FF8-00022D09712B
  local swap=516E7CB5-6ECF-11D6-8FF8-00022D09712B
  local boot=83BD6B9D-7F41-11DC-BE0B-001560B84F0F
  local id=01234567-0123-4567-89AB-0123456789B
  {
    echo "label: gpt"
    echo "label-id: ${id}0"
    echo "first-lba: 34"
    echo "start=40, size=1024, type=$boot, uuid=${id}1, name=gptboot0"
    echo "start=$start, size=$root, type=$ufs, uuid=${id}2, name=rootfs"
    echo "start=$((start + root)), size=$SWAP_SECTORS, type=$swap, uuid=${id}3, name=swapfs"
  } | sfdisk -q "$img"
  dd if="$fs" of="$img" bs=512 seek="$start" conv=notrunc status=none
}

# The disk: MBR slice 1 of type $1 over everything after SLICE_START,
# then the disklabel in the slice's second sector.
disklabel_disk() {   # MBR-TYPE RAW-PARTITION-LETTER
  truncate -s 0 "$img"
  truncate -s "${DISK_MB}M" "$img"
  printf 'label: dos\nlabel-id: 0x0b5d0b5d\nstart=%d, type=%s, bootable\n' \
    "$SLICE_START" "$1" | sfdisk -q "$img"
  dd if="$fs" of="$img" bs=512 seek="$SLICE_START" conv=notrunc status=none
  python3 - "$img" "$SLICE_START" "$(( $(stat -c %s "$fs") / 512 ))" \
    "$SWAP_SECTORS" "$2" <<'EOF'
import struct, sys
path, start, root, swap, raw = sys.argv[1], *map(int, sys.argv[2:5]), sys.argv[5]
disk = __import__("os").path.getsize(path) // 512
size = disk - start
FS_SWAP, FS_BSDFFS, FS_UNUSED = 1, 7, 0
parts = {"a": (root, start, FS_BSDFFS), "b": (swap, start + root, FS_SWAP)}
# 'c' is the slice; on NetBSD 'd' is the whole disk.
parts["c"] = (size, start, FS_UNUSED)
if raw == "d":
    parts["d"] = (disk, 0, FS_UNUSED)
n = len(parts)
body = b"".join(
    struct.pack("<IIIBBH", sz, off, 2048 if t == FS_BSDFFS else 0,
                t, 8 if t == FS_BSDFFS else 0, 0)
    for sz, off, t in (parts[k] for k in sorted(parts)))
MAGIC = 0x82564557
def header(checksum):
    return struct.pack("<IHH16s16sIIIIII HHI HHHHIII 20s 20s IHHII",
        MAGIC, 4, 0, b"amnesiac", b"", 512, 63, 16, disk // (63 * 16),
        63 * 16, disk, 0, 0, 0, 3600, 1, 0, 0, 0, 0, 0,
        b"", b"", MAGIC, checksum, n, 8192, 0)
label = header(0) + body
cs = 0
for (w,) in struct.iter_unpack("<H", label):
    cs ^= w
label = header(cs) + body
with open(path, "r+b") as f:
    f.seek((start + 1) * 512)
    f.write(label)
EOF
}

case $flavour in
  freebsd)
    freebsd_tree
    makefs -t ffs -B le -o version=1 -T 1660000000 -s "${ROOT_MB}m" "$fs" "$stage" > /dev/null
    gpt_disk ;;
  netbsd)
    netbsd_tree
    makefs -t ffs -B le -o version=1 -T 1660000000 -s "${ROOT_MB}m" "$fs" "$stage" > /dev/null
    disklabel_disk a9 d ;;
  *) echo "make-bsd-guest: unknown flavour $flavour" >&2; exit 1 ;;
esac
