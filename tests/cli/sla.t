#!/bin/sh
# The SLA engine end to end, with the clock set by DESK_NOW: due times in
# business hours, pauses, next-response cycles, missed for ever, the past
# under the policy version in force then, re-targeting, notices exactly
# once (also from overlapping runs), ticket-show's clocks, bad input.
. "$(dirname "$0")/lib.sh"

desk-init -q >/dev/null
cat >"$T/v1.yaml" <<'EOF'
calendars:
  office:
    timezone: UTC
    hours:
      mon-fri: 09:00-17:00
default_calendar: office
sla:
  - name: vip
    filter: "org:acme"
    pause_on: [pending, on-hold]
    warn: 30m
    targets:
      urgent: { first_response: 30m, next_response: 1h, resolution: 4h }
      normal: { first_response: 1h, next_response: 1h, resolution: 8h }
  - name: standard
    targets:
      normal: { first_response: 4h, next_response: 2h, resolution: 2bd }
EOF
# Friday 2026-12-04; Monday 2026-12-07
at() { DESK_NOW=$1; export DESK_NOW; }
at 2026-12-01T08:00:00Z
run desk-policy load -q "$T/v1.yaml"
status_is 0 "the policy with an sla: section loads"

at 2026-12-04T16:00:00Z
id=$(ticket-new -s "Printer on fire" -r an@example.com -m "help")
at 2026-12-07T09:00:00Z
run sla-check -o tsv
status_is 0 "nothing breached Monday 09:00"
is "$out" "$id	first_response	ok	2026-12-07T12:00:00+00:00	10800	standard	normal	
$id	resolution	ok	2026-12-08T16:00:00+00:00	54000	standard	normal	" \
	"Friday 16:00 + 4h is Monday 12:00; 2bd is Tuesday 16:00"
at 2026-12-07T12:01:00Z
run sla-check -o tsv -m first_response
status_is 1 "a breach is exit 1"
is "$out" "$id	first_response	breached	2026-12-07T12:00:00+00:00	-60	standard	normal	" "breached at 12:01"
run sla-check -o json --breached
like "$out" '*"id":'"$id"',"metric":"first_response","state":"breached","due":"2026-12-07T12:00:00+00:00","remaining":-60,"policy":"standard","priority":"normal","assignee":null*' "JSON keys"

# an hour pending moves resolution, not first response
at 2026-12-07T10:00:00Z
ticket-update -s pending "$id" >/dev/null
at 2026-12-07T11:00:00Z
ticket-update -s open "$id" >/dev/null
at 2026-12-07T11:30:00Z
run sla-check -o tsv
is "$(printf '%s\n' "$out" | cut -f2,4)" "first_response	2026-12-07T12:00:00+00:00
resolution	2026-12-08T17:00:00+00:00" "one hour pending moves the resolution due time by one hour"

# a late reply: missed for ever after
at 2026-12-07T12:30:00Z
ticket-reply -m "on it" "$id" >/dev/null
at 2026-12-20T12:00:00Z
run ticket-show "$id"
like "$out" "*sla: standard (office)  first_response missed  due 2026-12-07 12:00*" "a reply after the due time is missed"
at 2026-12-07T12:30:00Z
run sla-check -o tsv -m first_response
is "$out" "" "a missed first response no longer runs"

# a customer comment starts a next-response cycle from it
at 2026-12-07T14:00:00Z
ticket-comment -m "still burning" "$id" >/dev/null
at 2026-12-07T14:10:00Z
ticket-comment -m "hello?" "$id" >/dev/null
run sla-check -o json -m next_response
like "$out" '*"metric":"next_response","state":"ok","due":"2026-12-07T16:00:00+00:00"*"cycle":1*' \
	"the cycle counts from the first unanswered comment"
at 2026-12-07T15:00:00Z
ticket-reply -m "fixed" "$id" >/dev/null
at 2026-12-07T15:30:00Z
ticket-comment -m "thanks, one more" "$id" >/dev/null
run sla-check -o json -m next_response
like "$out" '*"due":"2026-12-08T09:30:00+00:00"*"cycle":2*' "a comment after the reply is cycle 2, from that comment (15:30 + 2h, overnight)"
run ticket-show -o json "$id"
like "$out" '*"sla":[{"metric":"first_response","state":"missed"*' "ticket-show -o json has the clocks"

# re-targeting: the customer joins acme, so vip applies from creation
at 2026-12-07T15:40:00Z
customer-update --org acme an@example.com >/dev/null
run sla-check -o tsv -m resolution
is "$out" "$id	resolution	ok	2026-12-07T17:00:00+00:00	4800	vip	normal	" \
	"vip's 8h resolution counts from creation (Friday 1h, Monday 7h, the hour pending added)"
run ticket-log "$id"
like "$out" "*	sla	standard normal: first_response 4h, next_response 2h, resolution 2bd	vip normal: first_response 1h, next_response 1h, resolution 8h*" \
	"the event log records the policy and targets"

# the past, under the policy version in force then
sed 's/first_response: 4h/first_response: 1h/' "$T/v1.yaml" >"$T/v2.yaml"
at 2026-12-08T09:00:00Z
id2=$(ticket-new -s "Second" -r bo@example.com -m "hi")
at 2026-12-08T09:30:00Z
desk-policy load -q "$T/v2.yaml" >/dev/null
at 2026-12-08T10:30:00Z
run sla-check -o tsv -m first_response "id:$id2"
is "$(printf '%s' "$out" | cut -f3,4)" "breached	2026-12-08T10:00:00+00:00" "now: 1h under version 2"
run sla-check -o tsv -m first_response --at 2026-12-08T09:20:00Z "id:$id2"
is "$(printf '%s' "$out" | cut -f3,4,5)" "ok	2026-12-08T13:00:00+00:00	13200" "--at before the load: 4h under version 1"
run sla-check -o tsv --at 2026-12-07T11:59:00Z -m first_response
is "$(printf '%s' "$out" | cut -f1,3)" "$id	at-risk" "--at gives the first ticket's state as it was then"
run ticket-show --at 2026-12-07T09:00:00Z "$id"
like "$out" "*first_response ok  due 2026-12-07 12:00*" "ticket-show --at"

# notices: once per ticket, metric and cycle, however many runs overlap
run sla-check --notify -o tsv
first=$(ticket-log "$id" "$id2" | grep -c 'sla\.')
run sla-check --notify -o tsv
again=$(ticket-log "$id" "$id2" | grep -c 'sla\.')
is "$again" "$first" "a second run announces nothing again"
ok "$([ "$first" -ge 2 ]; echo $?)" "the first run announced the breaches ($first)"
for i in 1 2 3 4 5 6; do
	ticket-new -s "load $i" -r "c$i@example.com" -m "body $i" >/dev/null
done
at 2026-12-09T16:00:00Z
# overlapping writers wait for each other (sanitizer builds are slow)
printf 'busy_timeout: 30000\n' >"$T/desk.yaml"
export DESK_CONFIG=$T/desk.yaml
for i in 1 2 3 4; do sla-check --notify -o tsv >/dev/null 2>"$T/n$i.err" & done
wait
n=$(for t in $(ticket-list -o tsv | cut -f1); do ticket-log "$t"; done | grep -c 'sla\.breached	')
u=$(for t in $(ticket-list -o tsv | cut -f1); do ticket-log "$t"; done | grep 'sla\.breached	' | cut -f1,6 | sort -u | wc -l)
is "$n" "$u" "four overlapping runs: each breach announced exactly once ($n)"
is "$(cat "$T"/n*.err)" "" "and no run failed"

# pipes: the ids go first
run sh -c 'sla-check --breached | ticket-close'
status_is 0 "sla-check --breached pipes into ticket-close"
run sla-check -o tsv
is "$out" "" "nothing runs once the tickets are solved"
status_is 0 "and the exit status is 0 again"

# bad input
run sla-check 'priority:>=hihg'
status_is 65 "a bad filter"
like "$err" "sla-check: bad filter word 1 'priority:>=hihg'*" "says which word"
run sla-check -m speed
status_is 65 "an unknown metric"
run sla-check --at yesterdayish
status_is 65 "a bad time"
run sla-check --notify --at 2026-12-01
status_is 64 "--notify with --at"
for bad in "calendar: nope|p.yaml:4: key 'sla.a.calendar': no calendar 'nope'" \
	"targets: { hihg: { resolution: 4h } }|p.yaml:4: key 'sla.a.targets.hihg': unknown priority" \
	"targets: { high: { resolution: soon } }|p.yaml:4: key 'sla.a.targets.high.resolution': bad span 'soon'" \
	"filter: \"status:opne\"|p.yaml:4: key 'sla.a.filter': bad filter word 1 'status:opne'"; do
	printf 'sla:\n  - name: a\n    warn: 50%%\n    %s\n' "${bad%%|*}" >"$T/p.yaml"
	case $bad in targets*) ;; *) printf '    targets: {}\n' >>"$T/p.yaml" ;; esac
	(cd "$T" && desk-policy check p.yaml >/dev/null 2>"$T/.err"; echo $? >"$T/.rc")
	is "$(cat "$T/.rc")" 78 "desk-policy check: ${bad%%|*}"
	like "$(cat "$T/.err")" "*${bad#*|}*" "names file, line and key"
done
v=$(desk-policy log -o tsv | wc -l)
(cd "$T" && desk-policy load p.yaml >/dev/null 2>&1)
is "$(desk-policy log -o tsv | wc -l)" "$v" "a bad load stores nothing"

done_testing
