#!/bin/sh
# make install and make uninstall honour DESTDIR and PREFIX: every command,
# man page and completion lands where it should, and uninstall removes them.
. "$(dirname "$0")/lib.sh"
top=$(cd "$here/../.." && pwd)
root=$T/root
make -s -C "$top" install DESTDIR="$root" PREFIX=/usr >"$T/out" 2>&1
ok $? "make install DESTDIR=... PREFIX=/usr"
n=$(ls "$top"/cmd/*.c | wc -l | tr -d ' ')
is "$(ls "$root/usr/bin" | wc -l | tr -d ' ')" "$n" "every command is installed"
is "$(ls "$root/usr/share/man/man1" | wc -l | tr -d ' ')" "$n" "every command's man page is installed"
[ -f "$root/usr/share/man/man7/deskutils.7" ] && [ -f "$root/usr/share/man/man7/desk-filter.7" ] &&
	[ -f "$root/usr/share/man/man5/desk.yaml.5" ]
ok $? "deskutils(7), desk-filter(7) and desk.yaml(5) are installed"
[ -f "$root/usr/share/bash-completion/completions/ticket-list" ] &&
	[ -f "$root/usr/share/zsh/site-functions/_deskutils" ] &&
	[ -f "$root/usr/share/fish/vendor_completions.d/ticket-list.fish" ]
ok $? "bash, zsh and fish completions are installed"
"$root/usr/bin/ticket-list" --version >/dev/null
ok $? "an installed command runs"
make -s -C "$top" uninstall DESTDIR="$root" PREFIX=/usr >"$T/out" 2>&1
ok $? "make uninstall"
is "$(find "$root" -type f | wc -l | tr -d ' ')" "0" "uninstall leaves no file behind"
done_testing
