#!/bin/bash -
# guestfish command-line options that need no appliance.
. "$(dirname "$0")/test-lib.sh"

# --version: "guestfish MAJOR.MINOR.RELEASE[EXTRA]"
tests=$((tests + 1))
v=$("$FISH" --version); rc=$?
if [ $rc -ne 0 ] || ! [[ "$v" =~ ^guestfish\ [0-9]+\.[0-9]+\.[0-9]+ ]]; then
    failures=$((failures + 1)); echo "FAIL: --version printed '$v' rc=$rc"
fi
tests=$((tests + 1))
[ "$("$FISH" -V)" = "$v" ] || { failures=$((failures + 1)); echo "FAIL: -V"; }

# --help succeeds and mentions the options
tests=$((tests + 1))
out=$("$FISH" --help) && [[ "$out" == *"--ro"* ]] && [[ "$out" == *"-N|--new"* ]] ||
    { failures=$((failures + 1)); echo "FAIL: --help"; }

check "unknown long option" 1 "guestfish: unrecognized option '--bogus'
Try ‘guestfish --help’ for more information." --bogus
check "unknown short option" 1 "guestfish: invalid option -- 'e'
Try ‘guestfish --help’ for more information." -e
check "--format needs a following -a" 1 \
    "guestfish: --format parameter must appear before -a parameter" --format=raw
check "-a missing file" 1 \
    "guestfish: access: $tmpdir/nope.img: No such file or directory" -a "$tmpdir/nope.img"
check "-f missing file" 1 \
    "guestfish: open: $tmpdir/nope.fish: No such file or directory" -f "$tmpdir/nope.fish"
check "-N unknown type" 1 "guestfish: -N parameter ‘foo’: no such prepared disk image known.
Use 'guestfish -N help' to list possible values for the -N parameter." -N foo
check "-N bad size" 1 "parse_size: invalid integer parameter (xstrtoull returned 4)
guestfish: error creating prepared disk image ‘fs:ext4:abc’ on ‘test1.img’: failed to allocate disk" -N fs:ext4:abc

# -N help lists every type with its parameters
tests=$((tests + 1))
out=$("$FISH" -N help); rc=$?
for t in disk part fs lv lvfs bootroot bootrootlv; do
    [[ "$out" == *"guestfish -N $t "* ]] || rc=1
done
[[ "$out" == *"-N bootrootlv:<name>:<bootfs>:<rootfs>:<size>:<bootsize>:<partition>"* ]] || rc=1
[ $rc -eq 0 ] || { failures=$((failures + 1)); echo "FAIL: -N help"; }

# -f script: errors name the file and line
printf 'echo one\n\nadd-drive %s/nope.img\necho two\n' "$tmpdir" > "$tmpdir/s.fish"
check "-f script error location" 1 "one
$tmpdir/s.fish:3: libguestfs: error: $tmpdir/nope.img: No such file or directory" -f "$tmpdir/s.fish"
printf 'echo one\n-add-drive %s/nope.img\necho two\n' "$tmpdir" > "$tmpdir/s2.fish"
check "-f script dash prefix" 0 "one
$tmpdir/s2.fish:2: libguestfs: error: $tmpdir/nope.img: No such file or directory
two" -f "$tmpdir/s2.fish"
check "argv error location" 1 \
    "*stdin*:0: libguestfs: error: $tmpdir/nope.img: No such file or directory" \
    add-drive "$tmpdir/nope.img"

# -h / -h CMD
tests=$((tests + 1))
out=$("$FISH" -h) && [[ "$out" == "    Command              Description"* ]] &&
    [[ "$out" == *"echo                 display a line of text"* ]] &&
    [[ "$out" == *"run                  alias for 'launch'"* ]] ||
    { failures=$((failures + 1)); echo "FAIL: -h listing"; }
check "-h unknown" 1 "nope: command not known: use -h to list all commands" -h nope

# -n turns autosync off, -x turns tracing on
check "-n" 0 "false" -n get-autosync

# alloc / sparse create and add images
(cd "$tmpdir" && check "sparse+alloc" 0 "" -- sparse sp.img 1M : alloc al.img 64K)
tests=$((tests + 1))
[ "$(stat -c %s "$tmpdir/sp.img")" = 1048576 ] && [ "$(stat -c %s "$tmpdir/al.img")" = 65536 ] ||
    { failures=$((failures + 1)); echo "FAIL: image sizes"; }

finish
