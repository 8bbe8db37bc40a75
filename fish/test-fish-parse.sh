#!/bin/bash -
# guestfish line parsing: quoting, escapes, comments, pipes, local commands,
# the '-' prefix.  No appliance needed.
. "$(dirname "$0")/test-lib.sh"

s() { script_check "$@" < /dev/null; }

s "plain words"    0 "a b c"            'echo a   b	c  '
s "single quotes"  0 "a b c d"          "echo a 'b c' d"
s "double quotes"  0 "x	y AA \\ \" ' ?" 'echo "x\ty" "\x41\101" "\\" "\"" "\x27" "\?"'
s "empty args"     0 "a  b"             'echo a "" b'
s "quote inside word is literal" 0 'a"b c"d' 'echo a"b c"d'
s "single quotes take no escapes" 0 'a\b' "echo 'a\\b'"
s "unquoted backslash literal" 0 'a\ b' 'echo a\ b'
s "comment" 0 "" '  # just a comment'
s "hash inside command is text" 0 "foo # bar" 'echo foo # bar'
s "tilde" 0 "$HOME ~ $HOME/x" 'echo ~ "~" ~/x'
s "quoted pipe is text" 0 "|" 'echo "|"'
s "pipe" 0 "HELLO" 'echo hello | tr a-z A-Z'
s "pipe without space after" 0 "HELLO" 'echo hello |tr a-z A-Z'
s "no pipe without space before" 0 "hello|tr a-z A-Z" 'echo hello|tr a-z A-Z'
s "pipe chain" 0 "x" 'echo x | cat | cat'
s "local command" 0 "local" '!echo local'
s "inline command" 0 "one
two" '<!echo echo one; echo echo two'
s "not separated (dq)" 1 "guestfish: command arguments not separated by whitespace" 'echo "a"b'
s "not separated (sq)" 1 "guestfish: command arguments not separated by whitespace" "echo 'a''b'"
s "unterminated dq" 1 "guestfish: unterminated double quote" 'echo "abc'
s "unterminated sq" 1 "guestfish: unterminated single quote" "echo 'abc"
s "bad escape offset" 1 "guestfish: invalid escape sequence in string (starting at offset 3)" 'echo "abc\q"'
s "bad hex escape" 1 "guestfish: invalid escape sequence in string (starting at offset 2)" 'echo "ab\x4g"'
s "nul escape refused" 1 "guestfish: invalid escape sequence in string (starting at offset 0)" 'echo "\000"'
s "dash prefix keeps going" 0 "nosuch: unknown command
Did you mean to open a disk image?  guestfish -a disk.img
For a list of commands:             guestfish -h
For complete documentation:         man guestfish
after" '-nosuch
echo after'
s "error stops script" 1 "1
nosuch: unknown command" 'echo 1
nosuch
echo 2'
s "local command failure stops script" 1 "" '!false
echo after'
s "pipe failure is not an error" 0 "after" 'echo x | false
echo after'
s "quit stops" 0 "1" 'echo 1
quit
echo 2'
s "exit stops" 0 "" 'exit
echo 2'

# Commands on the command line.
check "argv commands" 0 "a b
c d" echo a b : echo c d
check "argv no quote processing" 0 "'x y'" -- echo "'x y'"
check "argv error stops" 1 "1
nosuch: unknown command" echo 1 : nosuch : echo 2
check "argv dash prefix" 0 "nosuch: unknown command
Did you mean to open a disk image?  guestfish -a disk.img
For a list of commands:             guestfish -h
For complete documentation:         man guestfish
2" -- -nosuch : echo 2

finish
