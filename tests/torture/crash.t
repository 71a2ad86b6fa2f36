#!/bin/bash
# Writers killed with SIGKILL at random moments: single changes (ticket-new,
# ticket-reply, kb-new), bulk work (ticket-list | ticket-update over many
# tickets) and sla-check --notify (a notice and its event, or neither). After every kill the database must open and be sound, hold
# every change whose command exited 0, and no half change (db-invariants).
# KILLS (default 220) sets how many kills; `make torture` runs more.
. "$(dirname "$0")/../cli/lib.sh"
KILLS=${KILLS:-220}
SEED=${SEED:-$$}
RANDOM=$SEED
echo "# seed $SEED, $KILLS kills"
check=$DESK_TEST_BIN/db-invariants

desk-init -q >/dev/null
printf 'busy_timeout: 20000\n' >"$T/desk.yaml"
export DESK_CONFIG=$T/desk.yaml
printf 'sla:\n  - name: all\n    targets:\n      normal: { first_response: 1m, resolution: 2m }\n      high: { first_response: 1m, resolution: 2m }\n' >"$T/policy.yaml"
desk-policy load -q "$T/policy.yaml" || echo "Bail out! the SLA policy does not load"
for i in $(seq 1 30); do ticket-new -s "seed $i" -r "c$((i % 7))@example.com" -m "seed body $i" >/dev/null; done

kills=0 finished=0 problems=""
: >"$T/ok-tickets" ; : >"$T/ok-bodies" ; : >"$T/ok-articles"
n=0
while [ "$kills" -lt "$KILLS" ] && [ "$n" -lt $((KILLS * 20)) ]; do
	n=$((n + 1))
	delay=$(printf '0.%03d' $((RANDOM % 8)))
	case $((RANDOM % 6)) in
	0) ticket-new -s "crash $n" -r "c$((n % 7))@example.com" -t "t$((n % 5))" -m "crash body $n" >"$T/out" 2>"$T/err" &
	   what=new ;;
	1) id=$((RANDOM % 30 + 1))
	   ticket-reply "$id" -m "reply $n" >"$T/out" 2>"$T/err" &
	   what=reply ;;
	2) kb-new -T "article $n" -t crash -m "Nội dung bài viết $n 内容" >"$T/out" 2>"$T/err" &
	   what=kb ;;
	3) # bulk: one transaction per ticket, killed part way through the pipeline
	   (ticket-list -o tsv | ticket-update -t "+bulk$n" -p high) >"$T/out" 2>"$T/err" &
	   what=bulk ;;
	4) # bulk intake: a long pipeline of ticket-new, killed part way through
	   (for j in 1 2 3 4 5 6 7 8 9 10; do
		ticket-new -s "intake $n.$j" -r "c$j@example.com" -m "intake body $n.$j" || exit 1
	   done) >"$T/out" 2>"$T/err" &
	   what=intake ;;
	5) # the cron job, an hour on: every clock breached, each announced once
	   DESK_NOW=@$(($(date +%s) + 3600)) sla-check --notify >"$T/out" 2>"$T/err" &
	   what=sla ;;
	esac
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	[ "$what" = bulk ] && pkill -9 -f "ticket-update -t \+bulk$n" 2>/dev/null
	[ "$what" = intake ] && pkill -9 -f "ticket-new -s intake $n\." 2>/dev/null
	wait "$pid" 2>/dev/null
	rc=$?
	[ "$what" = sla ] && [ "$rc" -eq 1 ] && rc=0 # 1: breaches listed
	# only a writer that really died of SIGKILL counts as a kill
	[ "$rc" -eq 137 ] && kills=$((kills + 1))
	# every id the intake printed was committed first, killed or not
	if [ "$what" = intake ]; then
		j=0
		while read -r id; do
			j=$((j + 1))
			printf '%s\tintake %s.%s\n' "$id" "$n" "$j" >>"$T/ok-tickets"
		done <"$T/out"
	fi
	if [ "$rc" -eq 0 ]; then
		finished=$((finished + 1))
		case $what in
		new) printf '%s\tcrash %s\n' "$(cat "$T/out")" "$n" >>"$T/ok-tickets" ;;
		reply) echo "reply $n" >>"$T/ok-bodies" ;;
		kb) printf '%s\tarticle %s\n' "$(cat "$T/out")" "$n" >>"$T/ok-articles" ;;
		esac
	elif [ "$rc" -ne 137 ] && [ "$rc" -ne 75 ]; then
		problems="$problems [$what $n: exit $rc $(head -c 200 "$T/err")]"
	fi
	# the database opens and is whole after every kill
	if ! "$check" "$DESK_DB" >"$T/inv" 2>&1; then
		problems="$problems [after $what $n: $(head -c 300 "$T/inv")]"
		break
	fi
done
echo "# $kills kills, $finished commands finished"
is "$problems" "" "after every one of $kills kills the database opened, sound, with no half change"
[ "$kills" -ge "$KILLS" ]; ok $? "at least $KILLS writers killed mid-flight"

# everything a command reported done is there, exactly once
missing=""
while IFS='	' read -r id subject; do
	got=$(ticket-show -o json "$id" 2>/dev/null | grep -c "\"subject\":\"$subject\"")
	[ "$got" = 1 ] || missing="$missing $id"
done <"$T/ok-tickets"
is "$missing" "" "every ticket whose ticket-new exited 0 is present ($(wc -l <"$T/ok-tickets") of them)"
"$check" -b "$T/ok-bodies" "$DESK_DB" >"$T/inv" 2>&1
ok $? "every reply that exited 0 is stored exactly once ($(wc -l <"$T/ok-bodies") of them) $(head -c 200 "$T/inv")"
missing=""
while IFS='	' read -r id title; do
	kb-show -o json "$id" 2>/dev/null | grep -q "\"title\":\"$title\"" || missing="$missing $id"
done <"$T/ok-articles"
is "$missing" "" "every article whose kb-new exited 0 is present"
run ticket-new -s "after the storm" -m "still writable"
status_is 0 "the desk still takes writes"
done_testing
