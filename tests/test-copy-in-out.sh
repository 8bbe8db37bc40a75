#!/bin/bash
# guestfish copy-in / copy-out (and the tar-in / tar-out calls under them)
# end to end with the real appliance: a round trip must preserve the
# tree, and neither side may write outside its target directory when the
# archive or the guest is hostile (symlinks out, "..", absolute names,
# device nodes, setuid files).
set -u
tmp=$(mktemp -d); trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
cd "$tmp"
pass=0 fail=0
check () { if [ "$2" = "$3" ]; then pass=$((pass+1)); echo "ok - $1"; else fail=$((fail+1)); echo "FAIL - $1"; diff <(echo "$3") <(echo "$2") | head -20; fi; }

# ---- a host tree to copy in ------------------------------------------------
mkdir -p src/dir/sub "src/dir/with space"
echo one > src/dir/a
printf 'two\n' > src/dir/sub/b
echo three > "src/dir/with space/c d"
printf '#!/bin/sh\n' > src/dir/run.sh; chmod 0750 src/dir/run.sh
ln -s sub/b src/dir/rel-link
echo single > src/single.txt
head -c 3000000 /dev/urandom > src/dir/big.bin

# ---- hostile archives ------------------------------------------------------
python3 - <<'EOF'
import io, tarfile

def tar(path, members):
    with tarfile.open(path, "w") as t:
        for name, kind, extra in members:
            ti = tarfile.TarInfo(name)
            ti.mode = extra.get("mode", 0o644)
            if kind == "file":
                data = extra.get("data", b"pwned\n")
                ti.size = len(data)
                t.addfile(ti, io.BytesIO(data))
                continue
            ti.type = {"sym": tarfile.SYMTYPE, "hard": tarfile.LNKTYPE,
                       "chr": tarfile.CHRTYPE, "dir": tarfile.DIRTYPE}[kind]
            ti.linkname = extra.get("to", "")
            if kind == "chr":
                ti.devmajor, ti.devminor = 1, 3
            t.addfile(ti)

# Guest-side traps: symlinks leading out of the target directory.
tar("links.tar", [("out-abs", "sym", {"to": "/etc"}),
                  ("out-rel", "sym", {"to": "../../.."}),
                  ("in-rel", "sym", {"to": "sub"}),
                  ("sub", "dir", {"mode": 0o755})])
# Extraction through those symlinks, plus ".." and absolute names.
tar("through.tar", [("out-abs/pwned", "file", {}),
                    ("out-rel/pwned2", "file", {}),
                    ("../escape", "file", {}),
                    ("/abs-escape", "file", {}),
                    ("in-rel/fine", "file", {"data": b"fine\n"})])
# What a hostile guest could leave for copy-out: devices, setuid files,
# symlinks out, a hard link out.
tar("nasty.tar", [("setuid", "file", {"mode": 0o4755}),
                  ("null", "chr", {}),
                  ("to-host", "sym", {"to": "/etc/passwd"}),
                  ("up", "sym", {"to": "../../.."}),
                  ("plain", "file", {"data": b"plain\n"})])
EOF

mkdir out out2 sentinel
out=$(guestfish -N disk.img=fs:ext4:200M -m /dev/sda1 <<EOF 2>&1
mkdir /in
copy-in src/dir src/single.txt /in
echo --- ls
ls /in
ls /in/dir
cat "/in/dir/with space/c d"
checksums-out md5 /in/dir sums
echo --- copy-out
copy-out /in/dir /in/single.txt out
echo --- tar-out excludes
tar-out /in/dir excl.tar "excludes:./sub* ./big.bin"
echo --- guest traps
mkdir /etc
mkdir /t
mkdir /t/sub
tar-in links.tar /t
-tar-in through.tar /t
echo --- after through
ls /etc
ls /t
ls /t/sub
exists /escape
exists /abs-escape
exists /t/abs-escape
echo --- nasty
mkdir /n
tar-in nasty.tar /n
-copy-out /n out2
-copy-out /n/.. out2
echo --- done
EOF
)
echo "$out" | sed 's/^/  | /'

section () { echo "$out" | sed -n "/^--- $1\$/,/^--- /p" | sed '1d;$d'; }

check "ls after copy-in" "$(section ls)" "dir
single.txt
a
big.bin
rel-link
run.sh
sub
with space
three"
check "big file intact in the guest (checksums-out)" \
  "$(grep big.bin sums)" "$(cd src/dir && md5sum ./big.bin)"
check "copy-out round trip (contents)" "$(diff -r src/dir out/dir 2>&1 && echo same)" "same"
check "copy-out single file" "$(cat out/single.txt 2>&1)" "single"
check "copy-out keeps symlinks" "$(readlink out/dir/rel-link)" "sub/b"
check "copy-out keeps modes" "$(stat -c %a out/dir/run.sh)" "750"
check "tar-out excludes" "$(tar tf excl.tar | sort | tr '\n' ' ')" \
  "./ ./a ./rel-link ./run.sh ./with space/ ./with space/c d "

# Guest-side: the through-symlink writes failed, nothing escaped /t.
check "tar-in through guest symlinks fails" \
  "$(echo "$out" | grep -c 'tar_in: tar subcommand failed on directory: /t')" "1"
check "nothing written through symlinks" "$(section 'after through')" "abs-escape
in-rel
out-abs
out-rel
sub
fine
false
false
true"

# Host-side copy-out of hostile content.
check "copy-out: no device node" "$(find out2 \( -type c -o -type b \) | wc -l)" "0"
check "copy-out: setuid bit cleared" "$(stat -c %a out2/n/setuid 2>&1)" "755"
check "copy-out: plain file" "$(cat out2/n/plain 2>&1)" "plain"
check "copy-out: symlinks stay links" "$(readlink out2/n/to-host)" "/etc/passwd"
check "copy-out: nothing outside the target" "$(ls -A sentinel | wc -l) $(ls -A "$tmp" | sort | tr '\n' ' ')" \
  "0 disk.img excl.tar links.tar nasty.tar out out2 sentinel src sums through.tar "
check "copy-out of .. refused" "$(echo "$out" | grep -c 'copy[-_]out: /n/..: give the directory without')" "1"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
