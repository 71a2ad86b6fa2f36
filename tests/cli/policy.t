#!/bin/sh
# desk-policy and desk-calendar end to end: load, show (byte for byte), log,
# diff, re-load, bad documents (each with 78 and nothing stored), two
# agents loading at once, and the calendar arithmetic for scripts.
. "$(dirname "$0")/lib.sh"
ex=$here/../../examples/policy.yaml

desk-init -q >/dev/null

# --- check
run desk-policy check "$ex"
status_is 0 "the example policy checks"
is "$out$err" "" "check is quiet when all is well"
run desk-policy show
status_is 66 "show before any load"
is "$err" "desk-policy: no team policy loaded (desk-policy load FILE)" "and says so"

# --- load, show, log
run desk-policy load "$ex"
status_is 0 "load"
is "$out" "1" "prints the version number"
run desk-policy show
cmp -s "$T/.out" "$ex"
ok $? "show prints the document byte for byte, comments included"
run desk-policy load "$ex"
status_is 0 "re-loading the same text"
is "$out" "1" "prints the same version"
is "$err" "desk-policy: unchanged: the text is version 1's; nothing stored" "and says nothing was stored"
run desk-policy load -q "$ex"
is "$err" "" "-q keeps it quiet"
sed 's/sat: "08:30-12:00"/sat: "08:30-11:30"/' "$ex" >"$T/v2.yaml"
run desk-policy load "$T/v2.yaml"
is "$out" "2" "a changed text is version 2"
run desk-policy log -o tsv
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "1 2 " "log lists both versions"
is "$(printf '%s\n' "$out" | cut -f3 | sort -u)" "$(id -un)" "the author is the Unix account"
is "$(printf '%s\n' "$out" | sed -n 1p | cut -f6)" "$(sha256sum <"$ex" | cut -d' ' -f1)" "the checksum is the text's SHA-256"
run desk-policy log -o json
like "$out" '[*{"version":1,"effective":"*","author":"*","lines":*,"bytes":*,"sha256":"*","source":"*","real_at":"*"}*' "log as JSON"
run desk-policy show --version 1
cmp -s "$T/.out" "$ex"
ok $? "show --version 1"
run desk-policy show --version=2
cmp -s "$T/.out" "$T/v2.yaml"
ok $? "show --version=2"
run desk-policy show --version 7
status_is 66 "a version that does not exist"
run desk-policy --version
like "$out" "desk-policy (deskutils) *" "--version alone is the program's version"

# --- diff
run desk-policy diff
status_is 0 "diff"
is "$(printf '%s\n' "$out" | grep '^[-+] ')" '-      sat: "08:30-12:00"
+      sat: "08:30-11:30"' "diff shows the changed line"
is "$(printf '%s\n' "$out" | sed -n 1,2p)" "--- policy version 1
+++ policy version 2" "diff names the versions"
run desk-policy diff 2 1
like "$out" "*-      sat: \"08:30-11:30\"*" "diff A B goes from A to B"
run desk-policy diff "$ex"
like "$out" "--- policy version 2*+++ $ex*+      sat: \"08:30-12:00\"*" "diff FILE: what loading it would change"
run desk-policy diff 2 2
is "$out" "" "no difference, no output"
status_is 0 "equal versions"

# --- bad documents: 78, every problem on its line, nothing stored
cat >"$T/bad.yaml" <<'YAML'
calendars:
  c:
    timezone: Mars/Base
    hours:
      mon-thu: "09:00-12:00, 11:00-17:00"
      sat: "17:00-09:00"
      sun: "10:00-10:00"
      fun: "09:00-10:00"
      fri: "25:00-26:00"
YAML
run desk-policy check "$T/bad.yaml"
status_is 78 "check of a bad document"
is "$err" "desk-policy: $T/bad.yaml:3: key 'calendars.c.timezone': unknown time zone 'Mars/Base' (not in the system tz database)
desk-policy: $T/bad.yaml:5: key 'calendars.c.hours.mon-thu': openings '09:00-12:00' and '11:00-17:00' overlap
desk-policy: $T/bad.yaml:6: key 'calendars.c.hours.sat': opening ends before it starts '17:00-09:00' (a night shift is two ranges: 22:00-24:00, then 00:00-06:00 the next day)
desk-policy: $T/bad.yaml:7: key 'calendars.c.hours.sun': empty opening '10:00-10:00'
desk-policy: $T/bad.yaml:8: key 'calendars.c.hours.fun': unknown day 'fun' (mon, tue, wed, thu, fri, sat, sun, or a range such as mon-fri; several with commas)
desk-policy: $T/bad.yaml:9: key 'calendars.c.hours.fri': bad opening hours '25:00-26:00' (expected HH:MM-HH:MM, from 00:00 to 24:00)" "every problem, one a line, with file, line and key"
run desk-policy load "$T/bad.yaml"
status_is 78 "load of a bad document"
run desk-policy log -o tsv
is "$(printf '%s\n' "$out" | wc -l)" "2" "nothing stored"
run desk-policy show
cmp -s "$T/.out" "$T/v2.yaml"
ok $? "the policy in force is unchanged"

printf 'desk_name: caf\351\n' >"$T/latin1.yaml"
run desk-policy load "$T/latin1.yaml"
status_is 78 "not UTF-8"
is "$err" "desk-policy: $T/latin1.yaml:1: invalid UTF-8 at byte 14: the team policy is UTF-8 text" "says where"
head -c 2100000 /dev/zero | tr '\0' '#' >"$T/big.yaml"
run desk-policy load "$T/big.yaml"
status_is 78 "a 2 MB document"
is "$err" "desk-policy: $T/big.yaml: larger than 1 MiB: the team policy is limited to 1 MiB" "the limit is named"
{
	echo 'a: &a [x, x, x, x, x, x, x, x, x, x]'
	prev=a
	for l in b c d e f g h i j; do
		echo "$l: &$l [*$prev, *$prev, *$prev, *$prev, *$prev, *$prev, *$prev, *$prev, *$prev, *$prev]"
		prev=$l
	done
	echo 'calendars: { c: { timezone: UTC, hours: { mon: "09:00-10:00" }, holidays: *j } }'
} >"$T/laughs.yaml"
run desk-policy load "$T/laughs.yaml"
status_is 78 "billion laughs"
like "$err" "*expands to more than 200000 nodes*" "refused by the node budget"
printf 'calendars: [unclosed\n' >"$T/broken.yaml"
run desk-policy load "$T/broken.yaml"
status_is 78 "malformed YAML"
run desk-policy load "$T/missing.yaml"
status_is 66 "a missing file"
run desk-policy log -o tsv
is "$(printf '%s\n' "$out" | wc -l)" "2" "still nothing stored"
printf 'future: { x: 1 }\ncalendars: { c: { timezone: UTC, hours: { mon: "09:00-10:00" } } }\n' >"$T/fut.yaml"
run desk-policy check "$T/fut.yaml"
status_is 0 "an unknown top-level key"
is "$err" "desk-policy: warning: $T/fut.yaml:1: unknown key 'future' ignored" "is a warning"
run desk-policy frob
status_is 64 "an unknown subcommand"
run desk-policy load
status_is 64 "load without a file"
runin 'calendars: { c: { timezone: UTC, hours: { mon: "09:00-10:00" } } }' desk-policy check -
status_is 0 "check - reads stdin"

run desk-policy load --db "$T/fresh.db" "$T/bad.yaml"
status_is 78 "a bad document into a new database"
[ ! -e "$T/fresh.db" ]
ok $? "leaves no database behind"
run desk-calendar -f "$T/big.yaml"
status_is 78 "desk-calendar -f on a 2 MB file"

# --- two agents loading at once: both get a version, none lost
printf 'busy_timeout: 30000\n' >"$T/wait.yaml"
i=1
while [ $i -le 6 ]; do
	printf 'desk_name: agent %s\n' "$i" >"$T/p$i.yaml"
	DESK_CONFIG="$T/wait.yaml" desk-policy load "$T/p$i.yaml" >"$T/v$i" 2>"$T/e$i" &
	i=$((i + 1))
done
wait
is "$(cat "$T"/e[1-6])" "" "no loader failed"
is "$(cat "$T"/v[1-6] | sort -n | tr '\n' ' ')" "3 4 5 6 7 8 " "six loads, six versions"
i=1
while [ $i -le 6 ]; do
	run desk-policy show --version "$(cat "$T/v$i")"
	cmp -s "$T/.out" "$T/p$i.yaml" || break
	i=$((i + 1))
done
is "$i" "7" "each version holds its loader's text"

# --- desk-calendar
desk-policy load -q "$ex" >/dev/null
run desk-calendar berlin --add 4h --at 2027-01-08T16:00
is "$out" "2027-01-11T12:00:00+01:00" "--add on the calendar's clock: Friday 16:00 + 4h is Monday 12:00"
run desk-calendar hcm --add 4h --at 2027-01-08T16:00
is "$out" "2027-01-09T11:00:00+07:00" "Saturday mornings count in Ho Chi Minh City"
run desk-calendar berlin --add 4h --at 2027-03-25T16:00
is "$out" "2027-03-30T12:00:00+02:00" "over Good Friday, Easter Monday and the DST change"
run desk-calendar berlin --add 2bd --at 2027-01-07T15:00
is "$out" "2027-01-11T15:00:00+01:00" "2bd from Thursday 15:00 is Monday 15:00"
run desk-calendar hcm --add 2bd --at 2027-01-07T15:00
is "$out" "2027-01-11T08:30:00+07:00" "the second open day is a Saturday, closed at 15:00: Monday's opening"
run desk-calendar hcm --between 2027-01-08T16:00 2027-01-11T12:00
is "$out" "$(printf '30600\t8:30')" "--between prints seconds, then h:mm"
run desk-calendar hcm --between 2027-01-11T12:00 2027-01-08T16:00
is "$out" "$(printf -- '-30600\t-8:30')" "negative when B comes first"
run desk-calendar --between 2027-01-04T00:00Z 2027-01-05T00:00Z
is "$out" "$(printf '28800\t8:00')" "the default calendar when none is named"
run desk-calendar 24x7 --between 2027-01-04T00:00Z 2027-01-05T00:00Z
is "$out" "$(printf '86400\t24:00')" "24x7 is built in"
run desk-calendar hcm --is-open 2027-01-08T12:30
status_is 1 "closed at lunch"
is "$out" "closed" "says closed"
run desk-calendar hcm --is-open 2027-01-08T13:00
status_is 0 "open after lunch"
run desk-calendar hcm --next-open 2027-02-04T18:00
is "$out" "2027-02-12T08:30:00+07:00" "--next-open skips Tết"
run desk-calendar hcm --from 2027-01-08 --to 2027-01-10 -o tsv
is "$out" "$(printf '2027-01-08\tfri\t08:30\t12:00\t3:30\t+07:00\t2027-01-08T01:30:00Z\t2027-01-08T05:00:00Z
2027-01-08\tfri\t13:00\t17:30\t4:30\t+07:00\t2027-01-08T06:00:00Z\t2027-01-08T10:30:00Z
2027-01-09\tsat\t08:30\t12:00\t3:30\t+07:00\t2027-01-09T01:30:00Z\t2027-01-09T05:00:00Z')" "openings, local and UTC"
run desk-calendar night --from 2027-03-12 --to 2027-03-16 -o tsv
like "$out" "*2027-03-14	sun	22:00	24:00	2:00	-04:00	2027-03-15T02:00:00Z	2027-03-15T04:00:00Z*" "a shift ending at 24:00, after the US change"
run desk-calendar -l -o tsv
is "$(printf '%s\n' "$out" | cut -f1,2,4 | tr '\t\n' ', ')" "24x7,UTC,no hcm,Asia/Ho_Chi_Minh,yes berlin,Europe/Berlin,no night,America/New_York,no " "--list"
run desk-calendar nowhere
status_is 66 "an unknown calendar"
is "$err" "desk-calendar: no calendar 'nowhere' in the team policy" "says which"
run desk-calendar hcm --add 2d
status_is 64 "calendar days are not business time"
run desk-calendar hcm --add 4h --at 2027-02-30T10:00
status_is 65 "a bad date"
run desk-calendar hcm --add 4h --between 1 2
status_is 64 "one thing at a time"
run desk-calendar -f "$T/fut.yaml" c --add 1h --at 2027-01-04T09:30
is "$out" "2027-01-11T09:30:00+00:00" "-f: a file's calendars, before loading it"

# --- the policy in force at a past instant stays what it was
DESK_NOW=2020-01-01T00:00Z run desk-calendar hcm --add 1h
status_is 66 "before any version took effect there is no hcm calendar"
done_testing
