#!/bin/sh
# The foundation: desk-init, ticket-new, ticket-list, ticket-show end to end,
# with the exact exit statuses of CONVENTIONS.md for bad input.
. "$(dirname "$0")/lib.sh"

count() { ticket-list | wc -l | tr -d ' '; }

# --- desk-init
run desk-init
status_is 0 "desk-init creates the database"
like "$out" "database: $DESK_DB*" "desk-init prints the path"
like "$out" "*schema: 5*" "desk-init prints the schema version"
like "$out" "*journal: truncate*why: SQLite older than 3.51.3*" "desk-init reports the journal mode and why"
run desk-init
status_is 0 "desk-init again is harmless"

# --- ticket-new prints the id alone
run ticket-new -s "VPN down" -r an@example.com -p urgent -c email -T incident -t vpn -t Network -m "Cannot connect since 9am"
status_is 0 "ticket-new"
is "$out" "1" "ticket-new prints the new id alone"
is "$err" "" "ticket-new is quiet"
runin "Hóa đơn tháng 11 bị sai số tiền.
发票金额错误。" ticket-new -s "Hóa đơn sai 发票错误" -r binh@example.vn -p high -c chat -t billing
status_is 0 "ticket-new reads the body from stdin"
is "$out" "2" "second id"
run ticket-new -s "Printer jam" -m "Tray 2" -p low
is "$out" "3" "third id"

# --- ticket-list
run ticket-list
status_is 0 "ticket-list"
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "1 2 3 " "ids first, in order"
is "$(printf '%s\n' "$out" | sed -n 2p | cut -f2,3,5,7)" "new	high	binh@example.vn	Hóa đơn sai 发票错误" "tsv columns: status priority requester subject"
run ticket-list status:new priority:urgent
is "$out" "1	new	urgent		an@example.com	$(printf '%s' "$out" | cut -f6)	VPN down" "status: and priority: filter"
run ticket-list tag:billing
is "$(printf '%s' "$out" | cut -f1)" "2" "tag: filter"
run ticket-list -tag:billing 'priority:>=normal'
is "$(printf '%s' "$out" | cut -f1)" "1" "negated tag with a comparison"
run ticket-list -H -n 1
is "$(printf '%s\n' "$out" | head -1)" "id	status	priority	assignee	requester	updated	subject" "-H prints the tsv header"
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" "2" "-n limits the rows"
run ticket-list -Ho tsv -n1
is "$(printf '%s\n' "$out" | head -1)" "id	status	priority	assignee	requester	updated	subject" "bundled short options: -Ho tsv"
run ticket-list -o csv tag:billing
like "$out" "id,status,priority,assignee,requester,updated,subject*2,new,high,,binh@example.vn,*" "csv"
run ticket-list -o json tag:vpn
like "$out" '\[*"id":1,*"tags":\["network","vpn"\]*\]' "json array with tags"
run ticket-list -o jsonl
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" "3" "jsonl: one object per line"
run ticket-list -o table
like "$out" "ID  STATUS  PRIORITY*" "table has a header"
run ticket-list status:closed
status_is 0 "no match is not an error"
is "$out" "" "no match prints nothing"

# --- ticket-list | ticket-show
ticket-list 'priority:>=high' | ticket-show >"$T/show" 2>"$T/showerr"
rc=$?
status_is 0 "ticket-list | ticket-show"
like "$(cat "$T/show")" "#1  VPN down*Cannot connect since 9am*#2  Hóa đơn sai 发票错误*发票金额错误。*" "show prints both tickets with their conversation"
run ticket-show 2 -o json
like "$out" '\[*"id":2,*"messages":\[{"id":2,"kind":"customer","author":"binh@example.vn",*' "ticket-show json"
run ticket-show '#3'
like "$out" "#3  Printer jam*" "'#3' is ticket 3"

# --- an output that cannot be written: 74 and a message, never silence
if [ -w /dev/full ]; then
	for cmd in "ticket-list" "ticket-list -o json" "ticket-show 1" "ticket-log 1" "desk-init"; do
		$cmd >/dev/full 2>"$T/e"
		rc=$?
		status_is 74 "$cmd to a full disk"
		like "$(cat "$T/e")" "*: cannot write to stdout: *" "$cmd says it could not write"
	done
fi

# --- bad ids: malformed 65, missing 66, mixed 1
for bad in 0 -1 abc 99999999999999999999 12abc; do
	run ticket-show -- "$bad"
	status_is 65 "ticket-show '$bad' is malformed"
	like "$err" "ticket-show: bad ticket id '$bad'" "message names '$bad'"
done
run ticket-show 999
status_is 66 "a missing ticket"
is "$err" "ticket-show: no ticket '#999'" "message names the missing ticket"
run ticket-show 1 999 2
status_is 1 "some found, some not"
like "$out" "#1 *#2 *" "the found ones are still shown"
runin "1
# a comment

#2
abc
" ticket-show -o jsonl
status_is 1 "ids from stdin, one malformed: partial success"
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" "2" "the good stdin ids are shown"

# --- bad input leaves nothing behind
before=$(count)
run ticket-new -s "$(printf 'bad \377 subject')" -m body
status_is 65 "invalid UTF-8 subject"
like "$err" "ticket-new: invalid UTF-8 in subject*" "the message says why"
runin "$(printf 'body \377')" ticket-new -s ok
status_is 65 "invalid UTF-8 body"
run ticket-new -s ok
status_is 65 "an empty body (stdin is /dev/null)"
like "$err" "*empty message*" "empty body message"
run ticket-new -s ok -r "not an email" -m x
status_is 65 "a bad requester"
run ticket-new -s ok -t "two words" -m x
status_is 65 "a bad tag"
is "$(count)" "$before" "nothing was stored by the failed commands"

# --- usage errors: 64
run ticket-new --frobnicate
status_is 64 "unknown option"
like "$err" "ticket-new: unknown option '--frobnicate'*usage: ticket-new -s SUBJECT*" "usage line on stderr"
run ticket-new -m body
status_is 64 "missing subject"
run ticket-new -s x -p hihg -m y
status_is 64 "bad priority name"
run ticket-list -o yaml
status_is 64 "bad output format"
run ticket-show -o csv 1
status_is 64 "ticket-show has no csv"
run ticket-list priority:hihg
status_is 65 "bad filter word"
like "$err" "ticket-list: bad filter word 1 'priority:hihg': unknown priority 'hihg'*" "the message points at the word"
run ticket-new --help
status_is 0 "--help"
like "$out" "usage: ticket-new -s SUBJECT*--priority PRIORITY*" "--help prints usage and options to stdout"
run ticket-list --version
like "$out" "ticket-list (deskutils) *" "--version"

# --- where the database lives
run ticket-new --db "$T/no/such/dir/desk.db" -s x -m y
status_is 73 "missing database directory"
like "$err" "ticket-new: cannot create database '$T/no/such/dir/desk.db'*" "names the path"
run ticket-list --db "$T/absent.db"
status_is 66 "readers do not create a database"
like "$err" "*no database '$T/absent.db' (create it with desk-init)" "and say how to make one"
[ ! -e "$T/absent.db" ]; ok $? "no file was created"
env -u DESK_DB sh -c 'desk-init' >"$T/o" 2>&1
like "$(cat "$T/o")" "database: $XDG_DATA_HOME/deskutils/desk.db*" "XDG default location"
printf 'database: %s/fromconfig.db\n' "$T" >"$XDG_CONFIG_HOME/desk.yaml"
mkdir -p "$XDG_CONFIG_HOME/deskutils" && mv "$XDG_CONFIG_HOME/desk.yaml" "$XDG_CONFIG_HOME/deskutils/"
env -u DESK_DB sh -c 'desk-init' >"$T/o" 2>&1
like "$(cat "$T/o")" "database: $T/fromconfig.db*" "database: from the config"
rm -f "$XDG_CONFIG_HOME/deskutils/desk.yaml"
(umask 007 && ticket-new --db "$T/group.db" -s x -m y >/dev/null)
is "$(stat -c %a "$T/group.db")" "660" "umask decides the mode of a new database"

# --- configuration errors: 78 with file:line and key
printf 'database: %s\nbusy_timeout: soon\n' "$T/desk.db" >"$T/bad.yaml"
DESK_CONFIG="$T/bad.yaml" run ticket-list
status_is 78 "wrong type in the config"
is "$err" "ticket-list: $T/bad.yaml:2: key 'busy_timeout': expected a whole number from 0 to 3600000, found 'soon'" "file:line and key"
printf 'database: [unclosed\n' >"$T/bad.yaml"
DESK_CONFIG="$T/bad.yaml" run ticket-list
status_is 78 "malformed YAML"
like "$err" "ticket-list: $T/bad.yaml:2:*malformed YAML*" "malformed YAML names file and line"
printf 'busy_timeout: 5000\nfancy: yes\n' >"$T/warn.yaml"
DESK_CONFIG="$T/warn.yaml" run ticket-list
status_is 0 "an unknown key is only a warning"
is "$err" "ticket-list: warning: $T/warn.yaml:2: unknown key 'fancy' ignored" "the warning names file and line"
DESK_CONFIG="$T/warn.yaml" run ticket-list -q
is "$err" "" "-q silences warnings"

# --- a locked database: 75 and nothing written
printf 'busy_timeout: 200\n' >"$T/fast.yaml"
before=$(count)
mkfifo "$T/hold"
"$DESK_TEST_BIN/hold-lock" "$DESK_DB" 20 <"$T/hold" >"$T/holding" &
holder=$!
exec 9>"$T/hold"
for i in 1 2 3 4 5 6 7 8 9 10; do grep -q locked "$T/holding" 2>/dev/null && break; sleep 0.1; done
DESK_CONFIG="$T/fast.yaml" run ticket-new -s "while locked" -m body
status_is 75 "locked past the busy timeout"
like "$err" "ticket-new: database is locked '$DESK_DB': gave up after 200 ms*nothing was written" "a clear, retryable message"
exec 9>&-
wait $holder
is "$(count)" "$before" "nothing was written while locked"
run ticket-new -s "after the lock" -m body
status_is 0 "works again once the lock is gone"

# --- $DESK_NOW moves the clock, the event keeps the real time
DESK_NOW=2026-01-02T03:04:05Z run ticket-new -s "from the past" -m x
run ticket-list -o json "id:$out"
like "$out" '*"created":"2026-01-02T03:04:05+00:00"*' "DESK_NOW sets the time"
DESK_NOW=garbage run ticket-list
status_is 65 "a bad DESK_NOW"

done_testing
