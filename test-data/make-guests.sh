#!/bin/bash
# Builds the phony guest images used by the inspection tests:
#
#   make-guests.sh OUTDIR [NAME...]      (default: all of them)
#
# Each guest is a directory tree staged on the host (files only: no
# package is installed into it) and written into a disk image with this
# project's guestfish.  Images are cached in OUTDIR and rebuilt only when
# this script or the data it uses changes.  Prints the images' paths.
#
#   debian     real debootstrap minbase tree; /boot on its own partition,
#              swap, fstab by UUID= and LABEL=
#   ubuntu     root on LVM (VG with a '-' in its name, fstab by
#              /dev/mapper/ name), /boot by UUID=
#   fedora     rpm database (sqlite) from fedora-db.sql.xz, root on LVM,
#              separate /boot
#   rocky      RHEL-like, /etc/redhat-release, xfs root, rpm database
#   opensuse   two disks: / on the first, /home (LABEL=) on the second
#   archlinux  GPT, fstab by PARTUUID=, pacman local database
#   alpine     aarch64 busybox, apk installed database, /dev/disk/by-uuid
#   noos       filesystems but no operating system
#   corrupt    garbage with a partition table pointing at it
#   luks       Debian whose root is ext4 inside LUKS (passphrase
#              LUKS_PASSPHRASE below), /boot in the clear
#   freebsd    built by make-bsd-guest.sh: GPT, FFS root, /dev/ada0p2 fstab
#   windows    built by make-windows-guest.sh when that script exists
set -e

here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
top=$(cd "$here/.." && pwd)
shared=${GUESTFERRY_SHARED_DATA:-$top/../shared/test-data}
out=${1:?usage: make-guests.sh OUTDIR [NAME...]}
shift
mkdir -p "$out"
out=$(cd "$out" && pwd)
all="debian ubuntu fedora rocky centos7 opensuse archlinux alpine noos corrupt luks freebsd"
[ -x "$here/make-windows-guest.sh" ] && all="$all windows"
guests=${*:-$all}

guestfish() { "$top/run" guestfish "$@"; }

# ---- host-side staging -------------------------------------------------

# A usr-merged skeleton whose binaries are ARCH's ELF test executable.
skeleton() {
  local dir=$1 arch=$2
  rm -rf "$dir"
  mkdir -p "$dir"/{etc,usr/bin,usr/sbin,usr/lib,var/lib,var/log,root,home,tmp,boot,proc,sys,dev,run}
  ln -s usr/bin "$dir/bin"
  ln -s usr/sbin "$dir/sbin"
  ln -s usr/lib "$dir/lib"
  install -m 755 "$shared/bin-$arch-dynamic" "$dir/usr/bin/bash"
  install -m 755 "$shared/bin-$arch-dynamic" "$dir/usr/bin/ls"
  ln -s bash "$dir/usr/bin/sh"
}

# tar of a staged tree, owners kept numeric.
pack() { tar -C "$1" --numeric-owner -cf "$2" .; }

os_release() {   # DIR then KEY=VALUE lines
  local dir=$1; shift
  printf '%s\n' "$@" > "$dir/etc/os-release"
}

# ---- the guests ----------------------------------------------------------

debian_tree() {
  local d=$out/debian-root.tmp
  # debootstrap deletes its own work directory when it succeeds.
  if [ ! -f "$d/var/lib/dpkg/status" ] || [ -d "$d/debootstrap" ]; then
    rm -rf "$d"
    debootstrap --variant=minbase bookworm "$d" \
      "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" > "$out/debootstrap.log" 2>&1 ||
      { echo "make-guests: debootstrap failed, see $out/debootstrap.log" >&2; exit 1; }
  fi
  local s=$out/stage-debian
  rm -rf "$s"; cp -a "$d" "$s"
  rm -rf "$s"/usr/share/{doc,locale,man} "$s"/var/cache/* "$s"/var/lib/apt/lists/*
  # Pin what inspection reports, so that the expected output does not
  # depend on the day the mirror was read.
  install -m 644 "$here/debian/dpkg-status" "$s/var/lib/dpkg/status"
  install -m 644 "$here/debian/debian_version" "$s/etc/debian_version"
  install -m 644 "$here/debian/os-release" "$s/usr/lib/os-release"
  echo debian-phony > "$s/etc/hostname"
  cat > "$s/etc/fstab" <<'EOF'
# /etc/fstab: static file system information.
UUID=01234567-0123-4567-89ab-0123456789a2 /     ext4 errors=remount-ro 0 1
LABEL=DEBBOOT                               /boot ext2 defaults 0 2
UUID=01234567-0123-4567-89ab-0123456789a3 none  swap sw 0 0
/dev/sr0        /media/cdrom0   udf,iso9660 user,noauto 0 0
EOF
  pack "$s" "$out/debian.tar"; rm -rf "$s"
}

build_debian() {
  debian_tree
  guestfish <<EOF
sparse $1 700M
run
part-init /dev/sda mbr
part-add /dev/sda p 2048 131071
part-add /dev/sda p 131072 1269759
part-add /dev/sda p 1269760 -1
mkfs ext2 /dev/sda1 label:DEBBOOT
set-uuid /dev/sda1 01234567-0123-4567-89ab-0123456789a1
mkfs ext4 /dev/sda2
set-uuid /dev/sda2 01234567-0123-4567-89ab-0123456789a2
mkswap-U 01234567-0123-4567-89ab-0123456789a3 /dev/sda3
mount /dev/sda2 /
mkdir /boot
mount /dev/sda1 /boot
tar-in $out/debian.tar /
EOF
  rm -f "$out/debian.tar"
}

dpkg_tree() {   # DIR: Debian-style package database from debian-packages
  mkdir -p "$1/var/lib/dpkg"
  install -m 644 "$shared/debian-packages" "$1/var/lib/dpkg/status"
}

build_ubuntu() {
  local s=$out/stage-ubuntu
  skeleton "$s" x86_64
  os_release "$s" 'PRETTY_NAME="Ubuntu 22.04.3 LTS"' 'NAME="Ubuntu"' \
    'VERSION_ID="22.04"' 'VERSION="22.04.3 LTS (Jammy Jellyfish)"' \
    'VERSION_CODENAME=jammy' 'ID=ubuntu' 'ID_LIKE=debian'
  printf 'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=22.04\nDISTRIB_CODENAME=jammy\nDISTRIB_DESCRIPTION="Ubuntu 22.04.3 LTS"\n' > "$s/etc/lsb-release"
  echo bookworm/sid > "$s/etc/debian_version"
  echo ubuntu-phony > "$s/etc/hostname"
  dpkg_tree "$s"
  cat > "$s/etc/fstab" <<'EOF'
/dev/mapper/ubuntu--vg-ubuntu--lv / ext4 defaults 0 1
UUID=01234567-0123-4567-89ab-0123456789b1 /boot ext4 defaults 0 1
/swap.img none swap sw 0 0
EOF
  pack "$s" "$out/ubuntu.tar"; rm -rf "$s"
  guestfish <<EOF
sparse $1 300M
run
part-init /dev/sda mbr
part-add /dev/sda p 2048 133119
part-add /dev/sda p 133120 -1
mkfs ext4 /dev/sda1
set-uuid /dev/sda1 01234567-0123-4567-89ab-0123456789b1
pvcreate /dev/sda2
vgcreate ubuntu-vg /dev/sda2
lvcreate ubuntu-lv ubuntu-vg 160
mkfs ext4 /dev/ubuntu-vg/ubuntu-lv
set-uuid /dev/ubuntu-vg/ubuntu-lv 01234567-0123-4567-89ab-0123456789b2
mount /dev/ubuntu-vg/ubuntu-lv /
mkdir /boot
mount /dev/sda1 /boot
tar-in $out/ubuntu.tar /
EOF
  rm -f "$out/ubuntu.tar"
}

rpmdb_tree() {   # DIR: the sqlite rpm database restored from the dump
  mkdir -p "$1/var/lib/rpm"
  xz -dc "$shared/fedora-db.sql.xz" | sqlite3 "$1/var/lib/rpm/rpmdb.sqlite"
}

build_fedora() {
  local s=$out/stage-fedora
  skeleton "$s" x86_64
  os_release "$s" 'NAME="Fedora Linux"' 'VERSION="33 (Thirty Three)"' 'ID=fedora' \
    'VERSION_ID=33' 'PRETTY_NAME="Fedora 33 (Thirty Three)"' 'CPE_NAME="cpe:/o:fedoraproject:fedora:33"'
  echo 'Fedora release 33 (Thirty Three)' > "$s/etc/fedora-release"
  ln -s fedora-release "$s/etc/redhat-release"
  echo fedora-phony.example.com > "$s/etc/hostname"
  rpmdb_tree "$s"
  cat > "$s/etc/fstab" <<'EOF'
/dev/mapper/fedora-root /     ext4 defaults 1 1
UUID=01234567-0123-4567-89ab-0123456789c1 /boot ext4 defaults 1 2
/dev/mapper/fedora-swap none  swap defaults 0 0
EOF
  pack "$s" "$out/fedora.tar"; rm -rf "$s"
  guestfish <<EOF
sparse $1 300M
run
part-init /dev/sda mbr
part-add /dev/sda p 2048 133119
part-add /dev/sda p 133120 -1
mkfs ext4 /dev/sda1
set-uuid /dev/sda1 01234567-0123-4567-89ab-0123456789c1
pvcreate /dev/sda2
vgcreate fedora /dev/sda2
lvcreate root fedora 120
lvcreate swap fedora 16
mkfs ext4 /dev/fedora/root label:fedora-root
set-uuid /dev/fedora/root 01234567-0123-4567-89ab-0123456789c2
mkswap-U 01234567-0123-4567-89ab-0123456789c3 /dev/fedora/swap
mount /dev/fedora/root /
mkdir /boot
mount /dev/sda1 /boot
tar-in $out/fedora.tar /
EOF
  rm -f "$out/fedora.tar"
}

build_rocky() {
  local s=$out/stage-rocky
  skeleton "$s" x86_64
  os_release "$s" 'NAME="Rocky Linux"' 'VERSION="9.2 (Blue Onyx)"' 'ID="rocky"' \
    'ID_LIKE="rhel centos fedora"' 'VERSION_ID="9.2"' 'PLATFORM_ID="platform:el9"' \
    'PRETTY_NAME="Rocky Linux 9.2 (Blue Onyx)"'
  echo 'Rocky Linux release 9.2 (Blue Onyx)' > "$s/etc/rocky-release"
  ln -s rocky-release "$s/etc/redhat-release"
  ln -s rocky-release "$s/etc/system-release"
  echo rocky-phony > "$s/etc/hostname"
  rpmdb_tree "$s"
  cat > "$s/etc/fstab" <<'EOF'
UUID=01234567-0123-4567-89ab-0123456789d1 /     xfs  defaults 0 0
/dev/disk/by-uuid/01234567-0123-4567-89ab-0123456789d2 /var ext4 defaults 0 0
EOF
  pack "$s" "$out/rocky.tar"; rm -rf "$s"
  guestfish <<EOF
sparse $1 400M
run
part-init /dev/sda mbr
part-add /dev/sda p 2048 663551
part-add /dev/sda p 663552 -1
mkfs xfs /dev/sda1
set-uuid /dev/sda1 01234567-0123-4567-89ab-0123456789d1
mkfs ext4 /dev/sda2
set-uuid /dev/sda2 01234567-0123-4567-89ab-0123456789d2
mount /dev/sda1 /
mkdir /var
mount /dev/sda2 /var
tar-in $out/rocky.tar /
EOF
  rm -f "$out/rocky.tar"
}

build_opensuse() {
  local s=$out/stage-opensuse
  skeleton "$s" ppc64le
  os_release "$s" 'NAME="openSUSE Leap"' 'VERSION="15.4"' 'ID="opensuse-leap"' \
    'ID_LIKE="suse opensuse"' 'VERSION_ID="15.4"' 'PRETTY_NAME="openSUSE Leap 15.4"' \
    'CPE_NAME="cpe:/o:opensuse:leap:15.4"'
  echo opensuse-phony > "$s/etc/HOSTNAME"
  mkdir -p "$s/home/user"
  cat > "$s/etc/fstab" <<'EOF'
UUID=01234567-0123-4567-89ab-0123456789e1  /      ext4  defaults  0  1
LABEL=suse-home                            /home  ext4  defaults  0  2
EOF
  pack "$s" "$out/opensuse.tar"; rm -rf "$s"
  # Two disks: the second one is OUT's NAME-sdb.img.
  guestfish <<EOF
sparse $1 120M
sparse ${1%.img}-sdb.img 60M
run
part-disk /dev/sda mbr
part-disk /dev/sdb mbr
mkfs ext4 /dev/sda1
set-uuid /dev/sda1 01234567-0123-4567-89ab-0123456789e1
mkfs ext4 /dev/sdb1 label:suse-home
set-uuid /dev/sdb1 01234567-0123-4567-89ab-0123456789e2
mount /dev/sda1 /
mkdir /home
mount /dev/sdb1 /home
tar-in $out/opensuse.tar /
EOF
  rm -f "$out/opensuse.tar"
}

build_archlinux() {
  local s=$out/stage-arch
  skeleton "$s" x86_64
  os_release "$s" 'NAME="Arch Linux"' 'PRETTY_NAME="Arch Linux"' 'ID=arch' \
    'BUILD_ID=rolling' 'ANSI_COLOR="38;2;23;147;209"'
  echo archlinux-phony > "$s/etc/hostname"
  mkdir -p "$s/var/lib/pacman/local/test-package-1:0.1-1"
  install -m 644 "$shared/archlinux-package" "$s/var/lib/pacman/local/test-package-1:0.1-1/desc"
  cat > "$s/etc/fstab" <<'EOF'
# <file system> <dir> <type> <options> <dump> <pass>
PARTUUID=01234567-0123-4567-89ab-0123456789f1  /      ext4  rw,relatime  0 1
PARTUUID=01234567-0123-4567-89ab-0123456789f2  /var   ext4  rw,relatime  0 2
EOF
  pack "$s" "$out/arch.tar"; rm -rf "$s"
  guestfish <<EOF
sparse $1 120M
run
part-init /dev/sda gpt
part-add /dev/sda p 2048 133119
part-add /dev/sda p 133120 -34
part-set-gpt-guid /dev/sda 1 01234567-0123-4567-89AB-0123456789F1
part-set-gpt-guid /dev/sda 2 01234567-0123-4567-89AB-0123456789F2
mkfs ext4 /dev/sda1
set-uuid /dev/sda1 01234567-0123-4567-89ab-0123456789f3
mkfs ext4 /dev/sda2
set-uuid /dev/sda2 01234567-0123-4567-89ab-0123456789f4
mount /dev/sda1 /
mkdir /var
mount /dev/sda2 /var
tar-in $out/arch.tar /
EOF
  rm -f "$out/arch.tar"
}

build_alpine() {
  local s=$out/stage-alpine
  rm -rf "$s"
  mkdir -p "$s"/{bin,sbin,etc/apk,lib/apk/db,usr/bin,var,root,tmp}
  install -m 755 "$shared/bin-aarch64-dynamic" "$s/bin/busybox"
  for l in sh ls rm echo; do ln -s /bin/busybox "$s/bin/$l"; done
  os_release "$s" 'NAME="Alpine Linux"' 'ID=alpine' 'VERSION_ID=3.18.4' \
    'PRETTY_NAME="Alpine Linux v3.18"' 'HOME_URL="https://alpinelinux.org/"'
  echo 3.18.4 > "$s/etc/alpine-release"
  echo alpine-phony > "$s/etc/hostname"
  cat > "$s/lib/apk/db/installed" <<'EOF'
C:Q1p78yvTLG094tHE1+dToJGqmhO0w=
P:musl
V:1.2.4-r2
A:aarch64
S:383304
I:622592
T:the musl c library (libc) implementation
U:https://musl.libc.org/
L:MIT
o:musl
m:Timo Teräs <timo.teras@iki.fi>
t:1695131420
c:7f5a5d0c4c8e4fe0f4b1f1b1b7a0d1e2f1c2b3a4
F:lib
R:ld-musl-aarch64.so.1

C:Q1eMbt0dQ0xqVmiB1o8q3Gd0qQT4s=
P:busybox
V:1.36.1-r2
A:aarch64
S:507856
I:942080
T:Size optimized toolbox of many common UNIX utilities
U:https://busybox.net/
L:GPL-2.0-only
o:busybox
t:1695131420
D:so:libc.musl-aarch64.so.1

C:Q1AbCdEfGhIjKlMnOpQrStUvWxYz0=
P:alpine-baselayout
V:3.4.3-r1
A:aarch64
T:Alpine base dir structure and init scripts
U:https://git.alpinelinux.org/cgit/aports/tree/main/alpine-baselayout
L:GPL-2.0-only
o:alpine-baselayout

EOF
  cat > "$s/etc/fstab" <<'EOF'
/dev/disk/by-uuid/01234567-0123-4567-89ab-012345678901 / ext4 rw,relatime 0 1
tmpfs /tmp tmpfs nosuid,nodev 0 0
EOF
  pack "$s" "$out/alpine.tar"; rm -rf "$s"
  guestfish <<EOF
sparse $1 64M
run
part-disk /dev/sda mbr
mkfs ext4 /dev/sda1
set-uuid /dev/sda1 01234567-0123-4567-89ab-012345678901
mount /dev/sda1 /
tar-in $out/alpine.tar /
EOF
  rm -f "$out/alpine.tar"
}

build_noos() {
  guestfish <<EOF
sparse $1 64M
run
part-init /dev/sda mbr
part-add /dev/sda p 2048 65535
part-add /dev/sda p 65536 -1
mkfs ext4 /dev/sda1 label:DATA
set-uuid /dev/sda1 01234567-0123-4567-89ab-012345678a01
mkfs vfat /dev/sda2
mount /dev/sda1 /
mkdir-p /etc/not-an-os
write /README "just data, no operating system\n"
EOF
}

# An MBR whose partitions hold (deterministic) garbage and a damaged
# ext4 superblock: nothing mountable.
build_corrupt() {
  guestfish <<EOF
sparse $1 32M
run
part-init /dev/sda mbr
part-add /dev/sda p 2048 32767
part-add /dev/sda p 32768 -1
mkfs ext4 /dev/sda2
EOF
  python3 - "$1" <<'EOF'
import random, sys
rnd = random.Random(4)
with open(sys.argv[1], "r+b") as f:
    f.seek(2048 * 512)
    f.write(bytes(rnd.getrandbits(8) for _ in range(30720 * 512 // 16)))
    f.seek(32768 * 512 + 1024)          # ext4 superblock of sda2
    f.write(bytes(rnd.getrandbits(8) for _ in range(4096)))
EOF
}

# tests/test-inspect-guests.sh opens the luks guest with this passphrase.
LUKS_PASSPHRASE=phony-luks-passphrase
LUKS_UUID=01234567-0123-4567-89ab-0123456789aa

build_luks() {
  local s=$out/stage-luks
  skeleton "$s" x86_64
  install -m 644 "$here/debian/os-release" "$s/etc/os-release"
  install -m 644 "$here/debian/debian_version" "$s/etc/debian_version"
  echo luks-phony > "$s/etc/hostname"
  dpkg_tree "$s"
  echo "sda2_crypt UUID=$LUKS_UUID none luks" > "$s/etc/crypttab"
  cat > "$s/etc/fstab" <<'EOF'
UUID=01234567-0123-4567-89ab-0123456789ab /     ext4 errors=remount-ro 0 1
UUID=01234567-0123-4567-89ab-0123456789ac /boot ext4 defaults 0 2
EOF
  pack "$s" "$out/luks.tar"; rm -rf "$s"
  # With --keys-from-stdin a key is the line after its command.
  guestfish --keys-from-stdin <<EOF
sparse $1 200M
run
part-init /dev/sda mbr
part-add /dev/sda p 2048 133119
part-add /dev/sda p 133120 -1
mkfs ext4 /dev/sda1
set-uuid /dev/sda1 01234567-0123-4567-89ab-0123456789ac
luks-format /dev/sda2 0
$LUKS_PASSPHRASE
luks-open /dev/sda2 sda2_crypt
$LUKS_PASSPHRASE
mkfs ext4 /dev/mapper/sda2_crypt
set-uuid /dev/mapper/sda2_crypt 01234567-0123-4567-89ab-0123456789ab
mount /dev/mapper/sda2_crypt /
mkdir /boot
mount /dev/sda1 /boot
tar-in $out/luks.tar /
umount-all
luks-close /dev/mapper/sda2_crypt
EOF
  rm -f "$out/luks.tar"
  fix_luks_header "$1" 133120
}

# luksFormat gives the header a random UUID and a KDF tuned to cost 2 s
# of (emulated) CPU at every open.  Both are rewritten on the host: a
# fixed UUID for the expected output, and a cheap PBKDF2 so that the
# tests open it fast.  LUKS2 keeps its whole header in the first 16 MiB.
fix_luks_header() {   # IMAGE START-SECTOR
  local hdr=$out/luks-header.tmp
  dd if="$1" of="$hdr" bs=512 skip="$2" count=32768 status=none
  printf '%s' "$LUKS_PASSPHRASE" |
    cryptsetup -q luksConvertKey --key-file - --pbkdf pbkdf2 \
      --pbkdf-force-iterations 1000 "$hdr"
  cryptsetup -q luksUUID --uuid "$LUKS_UUID" "$hdr"
  dd if="$hdr" of="$1" bs=512 seek="$2" conv=notrunc status=none
  rm -f "$hdr"
}

build_windows() { "$here/make-windows-guest.sh" "$1"; }
build_centos7() { "$here/make-centos7-guest.sh" "$1"; }
build_freebsd() { "$here/make-bsd-guest.sh" "$1" freebsd; }

# ---- cache ---------------------------------------------------------------

# What an image depends on: the functions that build it (so that adding
# a guest does not rebuild the others), the data they read, and for
# Windows make-windows-guest.sh.
cache_key() {
  {
    declare -f skeleton pack os_release dpkg_tree rpmdb_tree debian_tree \
      fix_luks_header "build_$1"
    echo "$LUKS_PASSPHRASE $LUKS_UUID"
    cat "$shared"/* "$here"/debian/*
    [ "$1" = windows ] && cat "$here/make-windows-guest.sh"
    [ "$1" = freebsd ] && cat "$here/make-bsd-guest.sh"
    [ "$1" = centos7 ] && cat "$here/make-centos7-guest.sh" "$top/daemon/tests/make-rpmdb.py"
  } | sha256sum | cut -d' ' -f1
}

for name in $guests; do
  img=$out/$name.img
  key=$(cache_key "$name")
  if [ ! -f "$img" ] || [ "$(cat "$img.key" 2>/dev/null)" != "$key" ]; then
    rm -f "$img" "$img.key" "${img%.img}"-sdb.img
    echo "make-guests: building $name" >&2
    if ! "build_$name" "$img.tmp" >&2; then
      rm -f "$img.tmp" "$img.tmp-sdb.img"
      echo "make-guests: building $name failed" >&2
      exit 1
    fi
    [ -f "$img.tmp-sdb.img" ] && mv "$img.tmp-sdb.img" "${img%.img}-sdb.img"
    mv "$img.tmp" "$img"
    echo "$key" > "$img.key"
  fi
  echo "$img"
done
