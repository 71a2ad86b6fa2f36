#!/bin/sh
# Eight processes race to assign the same 200 tickets, each to its own agent.
# Every ticket must end with exactly one assignee and one assignment event,
# every loser must be told 'already assigned' (status 1) and nothing else may
# fail, and the database must pass its integrity and foreign-key checks.
. "$(dirname "$0")/lib.sh"

N=200
P=8
desk-init -q >/dev/null
printf 'busy_timeout: 30000\n' >"$XDG_CONFIG_HOME/desk.yaml"
mkdir -p "$XDG_CONFIG_HOME/deskutils" && mv "$XDG_CONFIG_HOME/desk.yaml" "$XDG_CONFIG_HOME/deskutils/"
i=1
while [ $i -le $P ]; do agent-add "a$i" >/dev/null; i=$((i + 1)); done
i=1
while [ $i -le $N ]; do echo "$i"; i=$((i + 1)); done >"$T/ids"
# 200 tickets, created fast through one process each
i=1
while [ $i -le $N ]; do ticket-new -s "race $i" -m "body $i" >/dev/null || echo "create $i failed"; i=$((i + 1)); done >"$T/create.err"
is "$(cat "$T/create.err")" "" "200 tickets created"

i=1
while [ $i -le $P ]; do
	ticket-assign "a$i" <"$T/ids" >"$T/out.$i" 2>"$T/err.$i" &
	i=$((i + 1))
done
wait
# every process exits 0 (won all) or 1 (lost some): read the stderr lines
bad=$(cat "$T"/err.* | grep -v "^ticket-assign: ticket '#[0-9]*' is already assigned to 'a[0-9]*'$" | head -5)
is "$bad" "" "no error but 'already assigned'"
lost=$(cat "$T"/err.* | wc -l | tr -d ' ')
is "$lost" "$(( N * (P - 1) ))" "every ticket lost by exactly seven processes"

run ticket-list assignee:none
is "$out" "" "no ticket left unassigned"
run ticket-list -o tsv
n=$(printf '%s\n' "$out" | cut -f4 | grep -c '^a[0-9]$')
is "$n" "$N" "every ticket has one assignee"
# one assignment event per ticket: read the log of every ticket
ticket-log -o tsv <"$T/ids" | awk -F'\t' '$4 == "assignee"' >"$T/assign-events"
is "$(wc -l <"$T/assign-events" | tr -d ' ')" "$N" "exactly one assignment event per ticket"
is "$(cut -f1 "$T/assign-events" | sort -n | uniq -d)" "" "no ticket assigned twice"
# the winners in the log are the assignees in the tickets
ticket-list -o tsv | cut -f1,4 | sort >"$T/holders"
cut -f1,6 "$T/assign-events" | sort >"$T/logged"
cmp -s "$T/holders" "$T/logged"
ok $? "the event log matches the tickets"

"$DESK_TEST_BIN/db-check" "$DESK_DB" >"$T/check" 2>&1
ok $? "PRAGMA integrity_check and foreign_key_check are clean"
done_testing
