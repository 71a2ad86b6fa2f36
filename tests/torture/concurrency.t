#!/bin/bash
# N processes (2, 4, 8) run a mix of every command that writes or reads
# (ticket-new, ticket-reply, ticket-note, ticket-update, ticket-assign,
# ticket-comment, kb-new, kb-search, ticket-list, ticket-show, and
# sla-check --notify under an SLA policy whose clocks breach within
# minutes) against one database. Afterwards: every change a command reported done is there
# exactly once, the event log agrees with the tickets, no command failed
# with anything but its documented outcomes (1 'already assigned', 75
# retryable), and integrity and foreign keys are clean.
# OPS (default 40) sets the operations per process; `make torture` runs more.
. "$(dirname "$0")/../cli/lib.sh"
OPS=${OPS:-40}
check=$DESK_TEST_BIN/db-invariants
desk-init -q >/dev/null
for a in a1 a2 a3 a4; do agent-add "$a" >/dev/null; done
cat >"$T/policy.yaml" <<'EOF'
sla:
  - name: all
    pause_on: [pending]
    warn: 50%
    targets:
      low: { first_response: 1m, next_response: 1m, resolution: 2m }
      normal: { first_response: 1m, next_response: 1m, resolution: 2m }
      high: { first_response: 1m, next_response: 1m, resolution: 2m }
      urgent: { first_response: 1m, next_response: 1m, resolution: 2m }
EOF
desk-policy load -q "$T/policy.yaml" || echo "Bail out! the SLA policy does not load"
for i in $(seq 1 40); do ticket-new -s "seed $i" -r "c$i@example.com" -m "seed body $i" >/dev/null; done

# the notices a cron job an hour from now would send: every clock breached
later=@$(($(date +%s) + 3600))

worker() { # WORKER-ID
	local w=$1 i id rc out
	RANDOM=$((w * 7919 + $$))
	for i in $(seq 1 "$OPS"); do
		id=$((RANDOM % 40 + 1))
		case $((RANDOM % 11)) in
		0) out=$(ticket-new -s "w$w new $i" -r "c$w@example.com" -t "w$w" -m "w$w body $i" 2>>"$T/err.$w"); rc=$?
		   [ $rc -eq 0 ] && printf '%s\tw%s new %s\n' "$out" "$w" "$i" >>"$T/new.$w"; echo "new $rc" ;;
		1) ticket-reply "$id" -m "w$w reply $i" 2>>"$T/err.$w"; rc=$?
		   [ $rc -eq 0 ] && echo "w$w reply $i" >>"$T/bodies.$w"; echo "reply $rc" ;;
		2) ticket-note "$id" -m "w$w note $i" 2>>"$T/err.$w"; rc=$?
		   [ $rc -eq 0 ] && echo "w$w note $i" >>"$T/bodies.$w"; echo "note $rc" ;;
		3) ticket-comment "$id" -m "w$w comment $i" >/dev/null 2>>"$T/err.$w"; rc=$?
		   [ $rc -eq 0 ] && echo "w$w comment $i" >>"$T/bodies.$w"; echo "comment $rc" ;;
		4) ticket-update -p "$(echo low normal high urgent | cut -d' ' -f$((RANDOM % 4 + 1)))" -t "+w$w" "$id" 2>>"$T/err.$w"
		   echo "update $?" ;;
		5) ticket-update -s "$(echo open pending on-hold | cut -d' ' -f$((RANDOM % 3 + 1)))" "$id" 2>>"$T/err.$w"
		   echo "status $?" ;;
		6) ticket-assign "a$((RANDOM % 4 + 1))" "$id" 2>>"$T/assign.$w"; echo "assign $?" ;;
		7) out=$(kb-new -T "w$w article $i" -t "w$w" -m "Bài viết $i 文章 $i article $i" 2>>"$T/err.$w"); rc=$?
		   [ $rc -eq 0 ] && printf '%s\tw%s article %s\n' "$out" "$w" "$i" >>"$T/kb.$w"; echo "kb-new $rc" ;;
		8) kb-search -q "bài viết" >/dev/null 2>>"$T/err.$w"; rc=$?; [ $rc -eq 1 ] && rc=0; echo "kb-search $rc" ;;
		9) ticket-list "status:open,pending" -n 20 | ticket-show >/dev/null 2>>"$T/err.$w"; echo "list $?" ;;
		10) DESK_NOW=$later sla-check --notify >/dev/null 2>>"$T/err.$w"; rc=$?; [ $rc -eq 1 ] && rc=0; echo "sla-check $rc" ;;
		esac
	done >"$T/outcomes.$w"
}

problems=""
total=0
for P in 2 4 8; do
	for w in $(seq 1 "$P"); do worker "$P$w" & done
	wait
	total=$((total + P * OPS))
done
cat "$T"/outcomes.* | sort | uniq -c | sed 's/^/# /'
bad=$(cat "$T"/outcomes.* | awk '$2 != 0 && !($1 == "assign" && $2 == 1) && $2 != 75' | sort | uniq -c)
is "$bad" "" "$total operations by 2, 4 and 8 processes: no outcome but 0, 1 (already assigned) and 75"
is "$(cat "$T"/err.* 2>/dev/null | grep -v 'database is locked' | head -5)" "" "no error messages but lock timeouts"
is "$(cat "$T"/assign.* 2>/dev/null | grep -v "is already assigned to 'a[1-4]'" | grep -v 'database is locked' | head -3)" "" \
	"assignment conflicts are reported as such"

cat "$T"/bodies.* >"$T/bodies" 2>/dev/null
"$check" -b "$T/bodies" "$DESK_DB" >"$T/inv" 2>&1
ok $? "event log agrees with the tickets; every message that exited 0 stored exactly once ($(wc -l <"$T/bodies")): $(head -c 300 "$T/inv")"
cat "$T"/new.* >"$T/new" 2>/dev/null
missing=""
while IFS='	' read -r id subject; do
	ticket-show -o json "$id" 2>/dev/null | grep -q "\"subject\":\"$subject\"" || missing="$missing $id"
done <"$T/new"
is "$missing" "" "every ticket whose ticket-new exited 0 is there ($(wc -l <"$T/new"))"
is "$(cut -f1 "$T/new" | sort | uniq -d)" "" "no id was handed out twice"
cat "$T"/kb.* >"$T/kb" 2>/dev/null
missing=""
while IFS='	' read -r id title; do
	kb-show -o json "$id" 2>/dev/null | grep -q "\"title\":\"$title\"" || missing="$missing $id"
done <"$T/kb"
is "$missing" "" "every article whose kb-new exited 0 is there ($(wc -l <"$T/kb"))"
notices=$(ticket-log -o tsv $(seq 1 40) 2>/dev/null | grep -c 'sla\.breached')
ok $((notices == 0)) "sla-check --notify announced breaches while the others wrote ($notices on the seed tickets)"
"$DESK_TEST_BIN/db-check" "$DESK_DB"
ok $? "PRAGMA integrity_check and foreign_key_check are clean"
done_testing
