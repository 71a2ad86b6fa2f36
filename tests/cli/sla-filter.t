#!/bin/sh
# ticket-list and sla-check words that test SLA clocks: sla:STATE, due:<SPAN
# and sort:due, with the clock set by DESK_NOW; their negations, limits and
# bad input; where such words are refused.
. "$(dirname "$0")/lib.sh"

desk-init -q >/dev/null
cat >"$T/p.yaml" <<'EOF2'
calendars:
  always:
    timezone: UTC
    hours:
      mon-sun: 00:00-24:00
default_calendar: always
sla:
  - name: fast
    filter: "tag:vip"
    warn: 30m
    targets:
      normal: { first_response: 1h, resolution: 8h }
  - name: standard
    warn: 30m
    targets:
      normal: { first_response: 4h, resolution: 48h }
EOF2
at() { DESK_NOW=$1; export DESK_NOW; }
at 2026-12-01T08:00:00Z
desk-policy load -q "$T/p.yaml" >/dev/null

# a: first response due 10:00 (vip, 1h); b: due 13:00; c: solved; d: low
# priority, no target: no SLA at all
at 2026-12-07T09:00:00Z
a=$(ticket-new -s "vip down" -t vip -r a@example.com -m "help")
b=$(ticket-new -s "slow page" -r b@example.com -m "slow")
c=$(ticket-new -s "done already" -r c@example.com -m "hi")
d=$(ticket-new -s "low one" -p low -r d@example.com -m "hi")
ticket-reply -m "fixed" "$c" >/dev/null
ticket-update -s solved "$c" >/dev/null

at 2026-12-07T09:45:00Z
run ticket-list -o tsv sla:at-risk
status_is 0 "sla:at-risk lists"
is "$(printf '%s\n' "$out" | cut -f1)" "$a" "a is within 30m of its due time"
run ticket-list -o tsv sla:ok
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "$a $b " "a's resolution and b's clocks are ok"
run ticket-list -o tsv sla:breached
is "$out" "" "nothing breached yet"

at 2026-12-07T10:30:00Z
run ticket-list -o tsv sla:breached
is "$(printf '%s\n' "$out" | cut -f1)" "$a" "a breached at 10:30"
run ticket-list -o tsv -- -sla:breached
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "$b $c $d " \
	"-sla:breached keeps the solved ticket and the one with no SLA"
run ticket-list -o tsv sla:breached,ok
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "$a $b " "values are alternatives"
run ticket-list -o tsv sla:breached -tag:vip
is "$out" "" "clock words and the other words all hold (a is vip)"

# due: the earliest running due time, from now
run ticket-list -o tsv 'due:<0'
is "$(printf '%s\n' "$out" | cut -f1)" "$a" "due:<0 is overdue"
run ticket-list -o tsv 'due:<4h'
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "$a $b " "due:<4h (b due 13:00)"
run ticket-list -o tsv 'due:<2h'
is "$(printf '%s\n' "$out" | cut -f1)" "$a" "due:<2h leaves b out"
run ticket-list -o tsv 'due:>=-1h' 'due:<1h'
is "$(printf '%s\n' "$out" | cut -f1)" "$a" "due within the hour either side"
run ticket-list -o tsv -- '-due:<2h'
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "$b $c $d " "-due:<2h"

# sort:due: by the earliest running due, then the rest by id
run ticket-list -o tsv sort:due
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "$a $b $c $d " "sort:due"
run ticket-list -o tsv sort:-due
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "$b $a $c $d " "sort:-due: latest due first"
run ticket-list -o tsv -n 1 sort:-due
is "$(printf '%s\n' "$out" | cut -f1)" "$b" "-n counts after sorting by due"
run ticket-list -o tsv -n 3 -- sort:due -sla:at-risk
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "$a $b $c " "-n across both parts of sort:due"
run ticket-list -o tsv sort:-updated 'due:<4h'
status_is 0 "another sort with a clock word"
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "$b $a " "in that order"
run ticket-list -o json sla:breached
like "$out" '*"id":'"$a"',*' "json"
ticket-list sla:breached | ticket-update -t escalated >/dev/null
run ticket-list -o tsv tag:escalated
is "$(printf '%s\n' "$out" | cut -f1)" "$a" "a pipe into ticket-update reaches the breached ticket"

# a pause: b pending counts as paused
ticket-update -s pending "$b" >/dev/null
run ticket-list -o tsv sla:paused
is "$(printf '%s\n' "$out" | cut -f1)" "$b" "sla:paused (resolution stops while pending)"

# sla-check takes them to choose tickets
run sla-check -o tsv sla:paused
is "$(printf '%s\n' "$out" | cut -f1,2 | tr '\n' ' ')" "$b	first_response $b	resolution " \
	"sla-check sla:paused lists every running clock of the paused ticket"
run sla-check -o tsv 'due:<0'
is "$(printf '%s\n' "$out" | cut -f1 | sort -u)" "$a" "sla-check due:<0"

# bad input
run ticket-list sla:late
status_is 65 "an unknown state"
like "$err" "*unknown SLA state 'late' (ok, at-risk, paused, breached)*" "names the states"
run ticket-list sla:met
status_is 65 "met is not a running state"
run ticket-list due:4h
status_is 65 "due: needs a comparison"
like "$err" "*compare due times with <*" "says so"
run ticket-list 'due:<soon'
status_is 65 "due: needs a span"
like "$err" "*not a span 'soon'*" "says so"

# an SLA policy cannot choose by its own clocks
cat >"$T/bad.yaml" <<'EOF2'
calendars:
  always:
    timezone: UTC
    hours:
      mon-sun: 00:00-24:00
default_calendar: always
sla:
  - name: loop
    filter: "sla:breached"
    targets:
      normal: { first_response: 1h }
EOF2
run desk-policy check "$T/bad.yaml"
status_is 78 "an SLA filter testing clocks"
like "$err" "*bad.yaml:9*cannot test SLA clocks*" "with file and line"

# no SLA section: no clock runs
cat >"$T/none.yaml" <<'EOF2'
calendars:
  always:
    timezone: UTC
    hours:
      mon-sun: 00:00-24:00
EOF2
at 2026-12-07T11:00:00Z
desk-policy load -q "$T/none.yaml" >/dev/null
run ticket-list -o tsv sla:breached
status_is 0 "no policy"
is "$out" "" "no clock runs"
run ticket-list -o tsv -- -sla:breached
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "$a $b $c $d " "every ticket is not breached"
done_testing
