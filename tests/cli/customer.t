#!/bin/sh
# customer-list, customer-show and customer-update end to end, with the
# exact exit statuses of CONVENTIONS.md for bad input.
. "$(dirname "$0")/lib.sh"

events() { sqlite3 "$DESK_DB" "SELECT count(*) FROM events WHERE entity = '$1'" 2>/dev/null; }
have_sqlite3=0
command -v sqlite3 >/dev/null 2>&1 && have_sqlite3=1

run desk-init
status_is 0 "desk-init"
DESK_NOW=2026-11-20T08:00:00Z run ticket-new -s "VPN down" -r an@example.com -p urgent -m "since 9am"
DESK_NOW=2026-11-21T08:00:00Z run ticket-new -s "Hóa đơn sai 发票错误" -r binh@example.vn -p high -m "sai"
DESK_NOW=2026-11-22T08:00:00Z run ticket-new -s "Password reset" -r AN@example.com -m "again"
is "$out" "3" "three tickets, two customers"

# --- customer-list
run customer-list
status_is 0 "customer-list"
is "$out" "1	an@example.com			2	2	2026-11-20T08:00:00+00:00
2	binh@example.vn			1	1	2026-11-21T08:00:00+00:00" "tsv: id, email, name, organisation, tickets, unsolved, created"
run customer-list -H
is "$(printf '%s\n' "$out" | head -1)" "id	email	name	organisation	tickets	unsolved	created" "-H prints the tsv header"
run customer-list -o table
like "$out" "ID  EMAIL            NAME  ORGANISATION  TICKETS  UNSOLVED  CREATED*" "table has a header"
like "$out" "* 1  an@example.com   -     -                   2         2  2026-11-20 08:00*" "table row, ids right-aligned"
run customer-list -o csv
like "$out" "id,email,name,organisation,tickets,unsolved,created*1,an@example.com,,,2,2,2026-11-20T08:00:00+00:00*" "csv"
run customer-list -o json
like "$out" '\[*{"id":1,"email":"an@example.com","name":null,"organisation":null,"tickets":2,"unsolved":2,"created":"2026-11-20T08:00:00+00:00"},*"id":2,*\]' "json array"
run customer-list -o jsonl
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" "2" "jsonl: one object per line"
run customer-list binh
is "$(printf '%s' "$out" | cut -f1)" "2" "a search word matches the email"
run customer-list nobody
status_is 0 "no match is not an error"
is "$out" "" "no match prints nothing"

# --- customer-update
run customer-update -n "Nguyễn Văn An" --org Acme --notes "VIP; call before 10am" an@example.com
status_is 0 "customer-update by email"
is "$out" "" "customer-update is quiet"
run customer-update --org ACME 2
status_is 0 "customer-update by id joins the same organisation"
run customer-list --org acme
is "$(printf '%s\n' "$out" | cut -f1,3,4 | tr '\n' '|')" "1	Nguyễn Văn An	Acme|2		Acme|" "--org lists the organisation's customers, any case"
run customer-list Nguyễn
is "$(printf '%s' "$out" | cut -f1)" "1" "a search word matches the name"
if [ $have_sqlite3 = 1 ]; then
	is "$(events organisation)" "1" "the organisation was created once, with one event"
	is "$(sqlite3 "$DESK_DB" "SELECT field || ':' || coalesce(old, '-') || ':' || new FROM events WHERE entity = 'customer' AND entity_id = 1 AND field != 'customer' ORDER BY id" | tr '\n' '|')" \
		"name:-:Nguyễn Văn An|organisation:-:Acme|notes:-:VIP; call before 10am|" "one event per changed field, old and new"
fi
run customer-update --org "" 2
status_is 0 "an empty organisation removes it"
run customer-list --org ""
is "$(printf '%s' "$out" | cut -f1)" "2" "--org '' lists customers without one"

# --- customer-show
run customer-show an@example.com
status_is 0 "customer-show"
is "$out" "Nguyễn Văn An <an@example.com>
id: 1  organisation: Acme
created: 2026-11-20 08:00
tickets: 2  unsolved: 2
notes:
  VIP; call before 10am

ID  STATUS  PRIORITY  UPDATED           SUBJECT
 3  new     normal    2026-11-22 08:00  Password reset
 1  new     urgent    2026-11-20 08:00  VPN down" "text: details, then the tickets newest first"
run customer-show -o text '#2'
like "$out" "binh@example.vn
id: 2  organisation: -*notes: -*
 2  new     high      2026-11-21 08:00  Hóa đơn sai 发票错误" "-o text, '#2' is customer 2"
run customer-show -o json 1 2
like "$out" '\[
{"id":1,"email":"an@example.com","name":"Nguyễn Văn An","organisation":"Acme","notes":"VIP; call before 10am","created":"2026-11-20T08:00:00+00:00","tickets":2,"unsolved":2,"history":\[{"id":3,"status":"new","priority":"normal","updated":"2026-11-22T08:00:00+00:00","subject":"Password reset"},{"id":1,*}\]},
{"id":2,*}
\]' "json: one array, history newest first"
run customer-show -o jsonl 2 1
is "$(printf '%s\n' "$out" | cut -c1-8 | tr '\n' ' ')" '{"id":2, {"id":1, ' "jsonl: one object per line, in the order asked"
customer-list | customer-show -o jsonl >"$T/piped" 2>"$T/pipederr"
rc=$?
status_is 0 "customer-list | customer-show"
is "$(wc -l <"$T/piped" | tr -d ' ')" "2" "every listed customer is shown"
runin "# customers to call
id
binh@example.vn
" customer-show -o jsonl
is "$(printf '%s' "$out" | cut -c1-8)" '{"id":2,' "emails on stdin; comments and a header skipped"

# --- bad input: 66, 65, 1
run customer-show nobody@example.com
status_is 66 "an unknown customer"
is "$err" "customer-show: no customer 'nobody@example.com'" "the message names it"
run customer-show 99
status_is 66 "an unknown customer id"
for bad in 0 -1 abc 12abc 99999999999999999999; do
	run customer-show -- "$bad"
	status_is 65 "customer-show '$bad' is malformed"
	is "$err" "customer-show: bad customer id '$bad'" "message names '$bad'"
done
run customer-show 1 99 2
status_is 1 "some found, some not"
like "$out" "*an@example.com*binh@example.vn*" "the found ones are still shown"
run customer-show -o json 99
is "$out" "[]" "json with nothing shown is an empty array"
run customer-show "$(printf 'an\377@example.com')"
status_is 65 "invalid UTF-8 in a customer word"

before=$(customer-show -o jsonl 1)
run customer-update nobody@example.com -n Nobody
status_is 66 "customer-update of an unknown customer"
is "$err" "customer-update: no customer 'nobody@example.com'" "the message names it"
run customer-update -n "$(printf 'bad \377 name')" --org NewCo 1
status_is 65 "invalid UTF-8 in a name"
like "$err" "customer-update: invalid UTF-8 in name*" "the message says why"
run customer-update --notes "$(printf 'bad \377')" 1
status_is 65 "invalid UTF-8 in notes"
run customer-update -n "$(printf 'two\nlines')" 1
status_is 65 "a name with a line break"
run customer-update -n "$(printf '%0201d' 0)" 1
status_is 65 "a name longer than 200 bytes"
run customer-update -n x abc
status_is 65 "a malformed id"
is "$(customer-show -o jsonl 1)" "$before" "nothing was changed by the failed updates"
run customer-list --org NewCo
is "$out" "" "no organisation was created by a failed update"

# --- usage errors: 64
run customer-update 1
status_is 64 "no change option"
like "$err" "customer-update: nothing to change*usage: customer-update *" "usage line on stderr"
run customer-update -n x
status_is 64 "no customer"
run customer-update -n x 1 2
status_is 64 "two customers"
run customer-update --frobnicate -n x 1
status_is 64 "unknown option"
like "$err" "customer-update: unknown option '--frobnicate'*" "names the option"
run customer-list --frobnicate
status_is 64 "customer-list: unknown option"
run customer-list -o yaml
status_is 64 "customer-list: bad output format"
run customer-list a b
status_is 64 "customer-list: two search words"
run customer-show -x 1
status_is 64 "customer-show: unknown option"
run customer-show -o csv 1
status_is 64 "customer-show has no csv"
run customer-show --help
status_is 0 "--help"
like "$out" "usage: customer-show \\[-o text|json|jsonl\\] \\[--db FILE\\] EMAIL|ID...*" "--help prints the usage"
run customer-list --version
like "$out" "customer-list (deskutils) *" "--version"
run customer-list --db "$T/absent.db"
status_is 66 "readers do not create a database"

# an address the filter language would read as an operator still shows
ticket-new -s "odd address" -r '=odd@example.com' -m hi >/dev/null
run customer-show '=odd@example.com'
status_is 0 "customer-show of '=odd@example.com'"
like "$out" "*odd address*" "with its ticket history"
done_testing
