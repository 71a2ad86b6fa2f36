#!/bin/sh
# policy.sh - what the team policy costs (issue: team policy and business
# calendars). Two figures, measured in one run:
#
#  1. start-up: ticket-new on copies of the 10k desk, one with the example
#     team policy loaded (examples/policy.yaml: three calendars, 25
#     holidays) and one with none, against floor-new (the same SQLite work,
#     no policy) on the first, interleaved, medians;
#  2. arithmetic: bin/cal-bench, desk_calendar_add and _between over
#     one-year and ten-year spans in calendars with 30 holidays, ns a call.
#
# Writes results/policy.json. Run by `make -C bench` after run.sh, or alone:
#   sh bench/policy.sh        ROUNDS=6 RUNS=20 WARMUP=4 sh bench/policy.sh
set -eu
cd "$(dirname "$0")"
LC_ALL=C
export LC_ALL
BIN=${DESK_BIN:-../build/bin}
ROUNDS=${ROUNDS:-6}
RUNS=${RUNS:-20}
WARMUP=${WARMUP:-4}
for f in "$BIN/ticket-new" "$BIN/desk-policy" bin/floor-new bin/timeit bin/cal-bench data/desk-10k.db; do
	if [ ! -e "$f" ]; then
		echo "policy.sh: missing '$f': run make -C bench" >&2
		exit 1
	fi
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/desk-policy-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p results "$tmp/config"
XDG_CONFIG_HOME=$tmp/config
export XDG_CONFIG_HOME
unset DESK_CONFIG DESK_NOW DESK_DB 2>/dev/null || true

cp data/desk-10k.db "$tmp/policy.db"
cp data/desk-10k.db "$tmp/none.db"
# bring both to this schema first, so no run pays for a migration
DESK_DB=$tmp/none.db "$BIN/desk-init" -q > /dev/null
DESK_DB=$tmp/policy.db "$BIN/desk-init" -q > /dev/null
DESK_DB=$tmp/policy.db "$BIN/desk-policy" load -q ../examples/policy.yaml > /dev/null

SUBJ='VPN không kết nối được từ văn phòng Đà Nẵng'
EMAIL='an.nguyen@example.vn'
BODY='Từ sáng nay không vào được VPN, báo lỗi 809. 从今天早上开始无法连接。'
with_cmd() { DESK_DB=$tmp/policy.db "$@" "$BIN/ticket-new" -s "$SUBJ" -r "$EMAIL" -p high -t vpn -m "$BODY"; }
with_floor() { DESK_DB=$tmp/policy.db "$@" bin/floor-new "$SUBJ" "$EMAIL" high vpn "$BODY"; }
none_cmd() { DESK_DB=$tmp/none.db "$@" "$BIN/ticket-new" -s "$SUBJ" -r "$EMAIL" -p high -t vpn -m "$BODY"; }

bench() { # name, runner
	name=$1
	shift
	"$@" bin/timeit -n "$RUNS" -w "$WARMUP" --raw "$tmp/$name.raw" -- > /dev/null
}
r=1
while [ "$r" -le "$ROUNDS" ]; do
	if [ $((r % 2)) -eq 1 ]; then
		bench with_cmd with_cmd; bench with_floor with_floor; bench none_cmd none_cmd
	else
		bench none_cmd none_cmd; bench with_floor with_floor; bench with_cmd with_cmd
	fi
	r=$((r + 1))
done
median() { sort -n "$tmp/$1.raw" | awk '{ v[NR] = $1 } END { printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
m_with=$(median with_cmd)
m_floor=$(median with_floor)
m_none=$(median none_cmd)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
us() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (a - b) * 1000 }'; }

bin/cal-bench cal-policy.yaml > "$tmp/cal.out"

echo
echo "team policy: $ROUNDS rounds x $RUNS runs, 10k desk, command and floor interleaved"
printf '%-58s %9s %9s %7s\n' benchmark "median ms" "floor ms" ratio
printf '%-58s %9.2f %9.2f %6sx\n' "ticket-new, example policy loaded (3 calendars)" "$m_with" "$m_floor" "$(ratio "$m_with" "$m_floor")"
printf '%-58s %9.2f %9.2f %6sx\n' "ticket-new, no policy loaded" "$m_none" "$m_floor" "$(ratio "$m_none" "$m_floor")"
echo "  what reading the policy adds to a process: $(us "$m_with" "$m_none") us"
echo
echo "business-time arithmetic (bin/cal-bench, 30 holidays a calendar, median of 15 rounds of 20,000 calls):"
printf '  %-10s %-8s %12s %12s\n' calendar op "1-year ns" "10-year ns"
awk '!/^#/ { v[$1 " " $2 " " $3] = $4; k[$1 " " $2] = 1 } END { for (x in k) printf "  %-10s %-8s %12s %12s\n", substr(x, 1, index(x, " ") - 1), substr(x, index(x, " ") + 1), v[x " 1y"], v[x " 10y"] }' "$tmp/cal.out" | sort
{
	printf '{"ticket_new_policy_ms":%s,"floor_ms":%s,"ticket_new_no_policy_ms":%s,"ratio":%s,"arithmetic":[' \
		"$m_with" "$m_floor" "$m_none" "$(ratio "$m_with" "$m_floor")"
	awk 'BEGIN { n = 0 } !/^#/ { printf "%s{\"calendar\":\"%s\",\"op\":\"%s\",\"span\":\"%s\",\"ns\":%s}", (n++ ? "," : ""), $1, $2, $3, $4 }' "$tmp/cal.out"
	printf ']}\n'
} > results/policy.json
