#!/bin/bash -
# guestfish built-in commands, usage errors, number and boolean parsing,
# exit codes.  No appliance needed.
. "$(dirname "$0")/test-lib.sh"

s() { script_check "$@" < /dev/null; }

s "help quit" 0 "quit - quit guestfish
     quit" 'help quit'
s "help unknown" 1 "nope: command not known: use -h to list all commands" 'help nope'
s "help usage" 1 "use 'help', 'help <cmd>' or 'help -l|--list' to list all commands" 'help a b'
s "time" 0 "hi
elapsed time: 0.00 seconds" 'time echo hi'
s "time usage" 1 "use 'time command [args...]'" 'time'
s "time failure" 1 "nosuch: unknown command" 'time nosuch'
s "lcd" 0 "/" 'lcd /
!pwd'
s "lcd missing" 1 "/nonexistent-dir: No such file or directory" 'lcd /nonexistent-dir'
s "setenv/unsetenv" 0 "bar" 'setenv FOO bar
!echo $FOO
unsetenv FOO
!echo $FOO'
s "setenv usage" 1 "use 'setenv VAR value' to set an environment variable" 'setenv A'
s "reopen usage" 1 "‘reopen’ command takes no parameters" 'reopen x'
s "reopen" 0 "" 'reopen'
s "alloc usage" 1 "use 'alloc file size' to create an image" 'alloc x'
s "sparse bad size" 1 "parse_size: invalid integer parameter (xstrtoull returned 2)" 'sparse x 1Q'
s "events" 0 '"" (1): *: echo all
"e1" (0): close,trace: echo closed
"e1" (2): progress: x
"" (1): *: echo all' 'event e1 close,trace "echo closed"
event "" "*" "echo all"
event e1 progress x
list-events
delete-event e1
list-events
delete-event ""'
s "event bad name" 1 "unknown event name: badev" 'event a badev c'
s "delete-event missing" 1 "delete-event: nope: no such event handler" 'delete-event nope'
s "close event" 0 "closed close" 'event e close "echo closed $EVENT"'

# generated commands: arity, numbers, booleans
s "usage error" 1 "error: incorrect number of arguments
usage: set-memsize memsize
type 'help set-memsize' for more help on set-memsize" 'set-memsize'
for v in "1k:1024" "1K:1024" "1M:1048576" "1KB:1000" "1MiB:1048576" "1G:1073741824" "1kB:1000"; do
    s "int $v" 0 "${v#*:}" "set-memsize ${v%%:*}
get-memsize"
done
s "int suffix" 1 "set-memsize: memsize: invalid integer parameter (xstrtoll returned 2)" 'set-memsize 1b'
s "int invalid" 1 "set-memsize: memsize: invalid integer parameter (xstrtoll returned 4)" 'set-memsize abc'
s "int range" 1 "set-memsize: memsize: integer out of range" 'set-memsize 2147483648'
s "underscore form" 0 "1000" 'set_memsize 1000
get_memsize'
for v in TRUE yes Y on 1 t; do s "bool $v" 0 "true" "set-autosync $v
get-autosync"; done
for v in off No 0 f; do s "bool $v" 0 "false" "set-autosync $v
get-autosync"; done
s "bool invalid" 1 "guestfish: 'maybe': invalid boolean value, use 'true' or 'false'" 'set-autosync maybe'
s "launch needed" 1 "*stdin*:1: libguestfs: error: list_devices: call launch before using this function
(in guestfish, don't forget to use the 'run' command)" 'list-devices'

finish
