#!/bin/sh
# run.sh - time ticket-new and ticket-list on the 1M-ticket bench database
# against their floors (bin/floor-new, bin/floor-list: the same SQLite work
# and nothing else), in one session, interleaved, and print one table.
# Also writes results/foundation.json. See README.md.
#
#   sh run.sh                 (make -C bench runs it after building and generating)
#   ROUNDS=5 RUNS=20 WARMUP=2 sh run.sh
#
# Environment: DESK_BIN (default ../build/bin) is where the commands are.
set -eu
cd "$(dirname "$0")"
# numbers with a decimal point whatever the user's locale (the commands
# never call setlocale, so this changes nothing for them)
LC_ALL=C
export LC_ALL

BIN=${DESK_BIN:-../build/bin}
DB=data/desk-1m.db
ROUNDS=${ROUNDS:-5}
RUNS=${RUNS:-20}
WARMUP=${WARMUP:-2}

for f in "$BIN/ticket-new" "$BIN/ticket-list" bin/gen-desk bin/timeit bin/floor-new bin/floor-list; do
	if [ ! -x "$f" ]; then
		echo "run.sh: missing '$f': run make, then make -C bench" >&2
		exit 1
	fi
done
if [ ! -f "$DB" ]; then
	echo "run.sh: missing '$DB': run make -C bench data" >&2
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/desk-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p results "$tmp/config"

# The commands as a user runs them, minus anyone's config: built-in
# defaults, the clock, the bench database.
DESK_DB=$(pwd)/$DB
XDG_CONFIG_HOME=$tmp/config
export DESK_DB XDG_CONFIG_HOME
unset DESK_CONFIG DESK_NOW 2>/dev/null || true
if [ -e /etc/deskutils/desk.yaml ]; then
	echo "run.sh: note: /etc/deskutils/desk.yaml exists; the commands read it, the floors do not" >&2
fi

SUBJ='VPN không kết nối được từ văn phòng Đà Nẵng'
EMAIL='bench.requester@example.com'
BODY='Chào anh/chị, từ sáng nay VPN liên tục bị ngắt. 谢谢！'

new_cmd() { "$@" "$BIN/ticket-new" -s "$SUBJ" -r "$EMAIL" -p high -t vpn -m "$BODY"; }
new_floor() { "$@" bin/floor-new "$SUBJ" "$EMAIL" high vpn "$BODY"; }
list_cmd() { "$@" "$BIN/ticket-list" status:open priority:urgent; }
list_floor() { "$@" bin/floor-list open urgent; }
list_ref() { "$@" bin/floor-list -i open urgent; }

info() { sed -n "s/^$1 //p" "$2"; }

# ---------------------------------------------------------------- checks
# The floors must do the work the commands do: same rows written, same
# listing printed. A failure here means libdesk's SQL moved: update the floor.
bin/gen-desk --info "$DB" > "$tmp/info"
new_cmd > /dev/null # the requester exists from here on, for both
bin/gen-desk --counts "$DB" > "$tmp/counts0"
id_cmd=$(new_cmd)
bin/gen-desk --counts "$DB" > "$tmp/counts1"
id_floor=$(new_floor)
bin/gen-desk --counts "$DB" > "$tmp/counts2"
delta() { join "$1" "$2" | awk '{ print $1, $3 - $2 }'; }
delta "$tmp/counts0" "$tmp/counts1" > "$tmp/delta_cmd"
delta "$tmp/counts1" "$tmp/counts2" > "$tmp/delta_floor"
if ! cmp -s "$tmp/delta_cmd" "$tmp/delta_floor"; then
	echo "run.sh: ticket-new and floor-new wrote different numbers of rows (table, rows):" >&2
	paste "$tmp/delta_cmd" "$tmp/delta_floor" >&2
	exit 1
fi
bin/gen-desk --rows "$DB" "$id_cmd" > "$tmp/rows_cmd"
bin/gen-desk --rows "$DB" "$id_floor" > "$tmp/rows_floor"
if ! cmp -s "$tmp/rows_cmd" "$tmp/rows_floor"; then
	echo "run.sh: ticket-new and floor-new wrote different rows:" >&2
	diff "$tmp/rows_cmd" "$tmp/rows_floor" >&2 || true
	exit 1
fi
list_cmd > "$tmp/list_cmd"
list_floor > "$tmp/list_floor"
list_ref > "$tmp/list_ref"
if ! cmp -s "$tmp/list_cmd" "$tmp/list_floor" || ! cmp -s "$tmp/list_cmd" "$tmp/list_ref"; then
	echo "run.sh: ticket-list and floor-list print different listings" >&2
	diff "$tmp/list_cmd" "$tmp/list_floor" | head -5 >&2 || true
	exit 1
fi
nrows=$(wc -l < "$tmp/list_cmd" | tr -d ' ')

# ---------------------------------------------------------------- timing
# ROUNDS rounds; in each, every benchmark gets RUNS runs (after WARMUP
# unmeasured ones), command and floor back to back, the order swapped
# every round, so drift and noise fall on both alike.
bench() { # name, then the runner function
	name=$1
	shift
	"$@" bin/timeit -n "$RUNS" -w "$WARMUP" --raw "$tmp/$name.raw" -- >> "$tmp/$name.lines"
}
r=1
while [ "$r" -le "$ROUNDS" ]; do
	if [ $((r % 2)) -eq 1 ]; then
		bench new_cmd new_cmd
		bench new_floor new_floor
		bench list_cmd list_cmd
		bench list_floor list_floor
	else
		bench new_floor new_floor
		bench new_cmd new_cmd
		bench list_floor list_floor
		bench list_cmd list_cmd
	fi
	r=$((r + 1))
done

# median min max of the pooled runs, and the largest peak RSS
stats() {
	sort -n "$tmp/$1.raw" | awk -v rss="$(awk 'BEGIN { m = 0 } $4 > m { m = $4 } END { print m }' "$tmp/$1.lines")" '
		{ v[NR] = $1 }
		END {
			med = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			printf "%.3f %.3f %.3f %d\n", med, v[1], v[NR], rss
		}'
}
for b in new_cmd new_floor list_cmd list_floor; do
	stats "$b" > "$tmp/$b.stats"
done
get() { awk -v i="$2" '{ print $i }' "$tmp/$1.stats"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

sqlite_version=$(info sqlite "$tmp/info")
tickets=$(info tickets "$tmp/info")
db_bytes=$(wc -c < "$DB" | tr -d ' ')
gen_seconds=$(info seconds data/desk-1m.gen 2>/dev/null || true)
gen_tickets=$(info tickets data/desk-1m.gen 2>/dev/null || true)
gen_bytes=$(info bytes data/desk-1m.gen 2>/dev/null || true)
mb() { awk -v b="$1" 'BEGIN { printf "%.0f MB", b / 1e6 }'; }

r_new=$(ratio "$(get new_cmd 1)" "$(get new_floor 1)")
r_list=$(ratio "$(get list_cmd 1)" "$(get list_floor 1)")

echo
echo "deskutils benchmarks: $tickets tickets, $(mb "$db_bytes"), SQLite $sqlite_version," \
	"$ROUNDS rounds x $RUNS runs, command and floor interleaved"
if [ -n "$gen_seconds" ]; then
	echo "database: generated $gen_tickets tickets in $gen_seconds s ($(mb "$gen_bytes") then);" \
		"status:open priority:urgent matches $nrows"
fi
echo
printf '%-42s %9s %9s %9s %10s %10s %7s\n' benchmark "median ms" "min ms" "max ms" "peak RSS" "floor ms" ratio
row() { # label, bench, floor bench, ratio
	printf '%-42s %9.2f %9.2f %9.2f %7d KB %10.2f %6sx\n' "$1" "$(get "$2" 1)" "$(get "$2" 2)" \
		"$(get "$2" 3)" "$(get "$2" 4)" "$(get "$3" 1)" "$4"
}
row "ticket-new -s -r -p high -t vpn -m" new_cmd new_floor "$r_new"
row "ticket-list status:open priority:urgent" list_cmd list_floor "$r_list"
echo
echo "floor: bin/floor-new, bin/floor-list (same SQL, same pragmas, static SQLite, nothing else)"
echo "ratio: command median / floor median"
echo "query plan of the listing as libdesk writes it:"
DESK_DB=$DESK_DB bin/floor-list -p open urgent | sed 's/^/  /'

# ---------------------------------------------------------------- json
commit=$(git -C .. rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ "$commit" != unknown ] && [ -n "$(git -C .. status --porcelain -- lib cmd include 2>/dev/null)" ]; then
	commit="$commit-dirty"
fi
jb() { # one benchmark object
	printf '{"median_ms": %s, "min_ms": %s, "max_ms": %s, "maxrss_kb": %s' \
		"$(get "$1" 1)" "$(get "$1" 2)" "$(get "$1" 3)" "$(get "$1" 4)"
	if [ -n "$2" ]; then
		printf ', "floor": {"median_ms": %s, "min_ms": %s, "max_ms": %s, "maxrss_kb": %s}, "ratio": %s' \
			"$(get "$2" 1)" "$(get "$2" 2)" "$(get "$2" 3)" "$(get "$2" 4)" "$3"
	fi
	printf '}'
}
{
	printf '{\n'
	printf '  "timestamp": "%s",\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
	printf '  "commit": "%s",\n' "$commit"
	printf '  "host": "%s",\n' "$(uname -srm) $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') cpus"
	printf '  "sqlite_version": "%s",\n' "$sqlite_version"
	printf '  "tickets": %s,\n' "$tickets"
	printf '  "db_bytes": %s,\n' "$db_bytes"
	printf '  "generation": {"tickets": %s, "seconds": %s, "bytes": %s},\n' \
		"${gen_tickets:-null}" "${gen_seconds:-null}" "${gen_bytes:-null}"
	printf '  "rounds": %s, "runs_per_round": %s, "warmup_per_round": %s,\n' "$ROUNDS" "$RUNS" "$WARMUP"
	printf '  "ticket_new": %s,\n' "$(jb new_cmd new_floor "$r_new")"
	printf '  "ticket_list_open_urgent": %s,\n' "$(jb list_cmd list_floor "$r_list")"
	printf '  "list_rows": %s\n' "$nrows"
	printf '}\n'
} > results/foundation.json
echo
echo "results: bench/results/foundation.json"
