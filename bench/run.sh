#!/bin/sh
# run.sh - time the commands against their floors (bin/floor-*: the same
# SQLite work and nothing else), in one session, interleaved, and print one
# table: on the 1M-ticket desk ticket-new, ticket-list (two filters),
# ticket-show, ticket-assign, ticket-reply; on the 10k and 100k desks
# ticket-new and ticket-list status:open priority:urgent; on the 100k-article knowledge base kb-search
# with nine kinds of query. Then the knowledge base's build and index
# figures, its search quality (kb-quality.sh) and the tokenizer comparison
# (bin/kb-tokenizers). Writes results/foundation.json and results/kb.json.
# See README.md.
#
#   sh run.sh                 (make -C bench runs it after building and generating)
#   ROUNDS=10 RUNS=10 WARMUP=2 sh run.sh   (WARMUP + RUNS even)
#
# Environment: DESK_BIN (default ../build/bin) is where the commands are;
# SMALL_ROUNDS (default 4, at most ROUNDS) is how many of the rounds also
# time the 10k and 100k desks. Peers (taskwarrior's task, fossil) are timed
# when on PATH, else one line says they are not.
set -eu
cd "$(dirname "$0")"
# numbers with a decimal point whatever the user's locale (the commands
# never call setlocale, so this changes nothing for them)
LC_ALL=C
export LC_ALL

BIN=${DESK_BIN:-../build/bin}
DB=data/desk-1m.db
DB10K=data/desk-10k.db
DB100K=data/desk-100k.db
KB=data/kb-100k.db
ROUNDS=${ROUNDS:-10}
SMALL_ROUNDS=${SMALL_ROUNDS:-4}
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}

for f in ticket-new ticket-list ticket-show ticket-assign ticket-reply kb-search kb-new kb-list; do
	if [ ! -x "$BIN/$f" ]; then
		echo "run.sh: missing '$BIN/$f': run make, then make -C bench" >&2
		exit 1
	fi
done
for f in gen-desk gen-kb timeit kb-tokenizers floor-new floor-list floor-filter floor-show floor-assign floor-kb floor-reply; do
	if [ ! -x "bin/$f" ]; then
		echo "run.sh: missing 'bin/$f': run make -C bench" >&2
		exit 1
	fi
done
for f in "$DB" "$DB10K" "$DB100K" "$KB"; do
	if [ ! -f "$f" ]; then
		echo "run.sh: missing '$f': run make -C bench data" >&2
		exit 1
	fi
done
if [ $(((WARMUP + RUNS) % 2)) -ne 0 ]; then
	echo "run.sh: WARMUP + RUNS must be even (ticket-assign alternates assign and unassign)" >&2
	exit 64
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/desk-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p results "$tmp/config"
t_start=$(date +%s)
loadavg() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo null; }
load_start=$(loadavg)

# The commands as a user runs them, minus anyone's config: built-in
# defaults, the clock, the bench database (the knowledge-base runners set
# their own).
DESK_DB=$(pwd)/$DB
KB_DB=$(pwd)/$KB
D10K=$(pwd)/$DB10K
D100K=$(pwd)/$DB100K
XDG_CONFIG_HOME=$tmp/config
export DESK_DB XDG_CONFIG_HOME
unset DESK_CONFIG DESK_NOW 2>/dev/null || true
if [ -e /etc/deskutils/desk.yaml ]; then
	echo "run.sh: note: /etc/deskutils/desk.yaml exists; the commands read it, the floors do not" >&2
fi

SUBJ='VPN không kết nối được từ văn phòng Đà Nẵng'
EMAIL='bench.requester@example.com'
BODY='Chào anh/chị, từ sáng nay VPN liên tục bị ngắt. 谢谢！'
bin/gen-desk --pick "$DB" > "$tmp/pick"
info() { sed -n "s/^$1 //p" "$2"; }
SHOW_ID=$(info show_id "$tmp/pick")
ASSIGN_ID=$(info assign_id "$tmp/pick")
AGENT=$(info assign_agent "$tmp/pick")

# The knowledge-base queries: name, label, query (the query may have spaces).
cat > "$tmp/kbq" <<'EOF'
kb_vi	kb-search vi, diacritics	đặt lại mật khẩu
kb_vi_ascii	kb-search vi, no diacritics	dat lai mat khau
kb_zh_hans	kb-search zh-Hans	重置密码
kb_zh_hant	kb-search zh-Hant	重設密碼
kb_en	kb-search en, one word	refund
kb_mixed	kb-search mixed en+zh	VPN 连接失败
kb_multi	kb-search en, five words	outlook keeps asking for password
kb_prefix	kb-search prefix	invoic*
kb_or	kb-search no article has all (OR)	refund vpn printer
EOF
kbq() { awk -F '\t' -v n="$1" -v f="$2" '$1 == n { print $f }' "$tmp/kbq"; }
KBNAMES=$(cut -f1 "$tmp/kbq")

# Runners: "$@" is bin/timeit and its options (or nothing, to run once).
new_cmd() { "$@" "$BIN/ticket-new" -s "$SUBJ" -r "$EMAIL" -p high -t vpn -m "$BODY"; }
new_floor() { "$@" bin/floor-new "$SUBJ" "$EMAIL" high vpn "$BODY"; }
list_cmd() { "$@" "$BIN/ticket-list" status:open priority:urgent; }
list_floor() { "$@" bin/floor-list open urgent; }
list_ref() { "$@" bin/floor-list -i open urgent; }
filter_ref() { "$@" bin/floor-filter -x open,pending high email vpn; }
filter_cmd() { "$@" "$BIN/ticket-list" status:open,pending 'priority:>=high' channel:email vpn; }
filter_floor() { "$@" bin/floor-filter open,pending high email vpn; }
show_cmd() { "$@" "$BIN/ticket-show" "$SHOW_ID"; }
show_floor() { "$@" bin/floor-show "$SHOW_ID"; }
# timeit alternates the two commands around "---": unassign, assign back
assign_cmd() { "$@" "$BIN/ticket-assign" -u "$ASSIGN_ID" --- "$BIN/ticket-assign" "$AGENT" "$ASSIGN_ID"; }
assign_floor() { "$@" bin/floor-assign -u "$ASSIGN_ID" --- bin/floor-assign "$AGENT" "$ASSIGN_ID"; }
# ticket-reply on the 1M desk: the ticket ticket-new made in the checks
# (new, then open after the first checked reply), REPLY_ID below.
REPLY='Chào anh/chị, chúng tôi đã khởi động lại cổng VPN. 请再试一次。'
reply_cmd() { "$@" "$BIN/ticket-reply" "$REPLY_ID" -m "$REPLY"; }
reply_floor() { "$@" bin/floor-reply "$REPLY_ID" "$REPLY"; }
# the smaller desks: the same ticket-new and ticket-list, their own file
# (the file as a prefix of the command itself, never of a shell function)
new10k_cmd() { DESK_DB=$D10K "$@" "$BIN/ticket-new" -s "$SUBJ" -r "$EMAIL" -p high -t vpn -m "$BODY"; }
new10k_floor() { DESK_DB=$D10K "$@" bin/floor-new "$SUBJ" "$EMAIL" high vpn "$BODY"; }
list10k_cmd() { DESK_DB=$D10K "$@" "$BIN/ticket-list" status:open priority:urgent; }
list10k_floor() { DESK_DB=$D10K "$@" bin/floor-list open urgent; }
new100k_cmd() { DESK_DB=$D100K "$@" "$BIN/ticket-new" -s "$SUBJ" -r "$EMAIL" -p high -t vpn -m "$BODY"; }
new100k_floor() { DESK_DB=$D100K "$@" bin/floor-new "$SUBJ" "$EMAIL" high vpn "$BODY"; }
list100k_cmd() { DESK_DB=$D100K "$@" "$BIN/ticket-list" status:open priority:urgent; }
list100k_floor() { DESK_DB=$D100K "$@" bin/floor-list open urgent; }
kb_cmd() { # name, then timeit
	q=$(kbq "$1" 3)
	shift
	DESK_DB=$KB_DB "$@" "$BIN/kb-search" -- "$q"
}
kb_floor() {
	q=$(kbq "$1" 3)
	shift
	DESK_DB=$KB_DB "$@" bin/floor-kb "$q"
}

# ---------------------------------------------------------------- checks
# The floors must do the work the commands do: same rows written, same
# output printed. A failure here means libdesk's SQL moved: update the floor.
bin/gen-desk --info "$DB" > "$tmp/info"
bin/gen-desk --info "$DB10K" > "$tmp/info10k"
bin/gen-desk --info "$DB100K" > "$tmp/info100k"
delta() { join "$1" "$2" | awk '{ print $1, $3 - $2 }'; }
# check_write FILE WHAT NORM: between counts0/1 the command wrote, between
# counts1/2 the floor; rows_cmd and rows_floor (through NORM) must match
check_write() {
	delta "$tmp/counts0" "$tmp/counts1" > "$tmp/delta_cmd"
	delta "$tmp/counts1" "$tmp/counts2" > "$tmp/delta_floor"
	if ! cmp -s "$tmp/delta_cmd" "$tmp/delta_floor"; then
		echo "run.sh: $2 and its floor wrote different numbers of rows in $1 (table, rows):" >&2
		paste "$tmp/delta_cmd" "$tmp/delta_floor" >&2
		exit 1
	fi
	if ! cmp -s "$tmp/rows_cmd" "$tmp/rows_floor"; then
		echo "run.sh: $2 and its floor wrote different rows in $1:" >&2
		diff "$tmp/rows_cmd" "$tmp/rows_floor" >&2 || true
		exit 1
	fi
}
check_new() { # database file (absolute), its name; sets id_cmd, id_floor
	db_saved=$DESK_DB
	DESK_DB=$1
	new_cmd > /dev/null # the requester exists from here on, for both
	bin/gen-desk --counts "$1" > "$tmp/counts0"
	id_cmd=$(new_cmd)
	bin/gen-desk --counts "$1" > "$tmp/counts1"
	id_floor=$(new_floor)
	bin/gen-desk --counts "$1" > "$tmp/counts2"
	DESK_DB=$db_saved
	bin/gen-desk --rows "$1" "$id_cmd" > "$tmp/rows_cmd"
	bin/gen-desk --rows "$1" "$id_floor" > "$tmp/rows_floor"
	check_write "$2" ticket-new
}
check_new "$D10K" "the 10k desk"
check_new "$D100K" "the 100k desk"
check_new "$DESK_DB" "the 1M desk"

# ticket-reply on the two tickets just made: the first reply moves a new
# ticket to open and sets its first response, the second only adds; the
# message id (in the reply event) and the first-response time differ.
norm_reply() { sed -e 's/first_response=[0-9]*/first_response=T/' -e 's/\(field=reply old=NULL new=\)[0-9]*/\1N/'; }
for step in new open; do
	bin/gen-desk --counts "$DB" > "$tmp/counts0"
	"$BIN/ticket-reply" "$id_cmd" -m "$REPLY" > /dev/null
	bin/gen-desk --counts "$DB" > "$tmp/counts1"
	bin/floor-reply "$id_floor" "$REPLY" > /dev/null
	bin/gen-desk --counts "$DB" > "$tmp/counts2"
	bin/gen-desk --rows "$DB" "$id_cmd" | norm_reply > "$tmp/rows_cmd"
	bin/gen-desk --rows "$DB" "$id_floor" | norm_reply > "$tmp/rows_floor"
	check_write "the 1M desk" "ticket-reply on a $step ticket"
done
REPLY_ID=$id_cmd

same_output() { # name, what
	if ! cmp -s "$tmp/$1.out_cmd" "$tmp/$1.out_floor"; then
		echo "run.sh: $2 and its floor print different output:" >&2
		diff "$tmp/$1.out_cmd" "$tmp/$1.out_floor" | head -6 >&2 || true
		exit 1
	fi
}
list_cmd > "$tmp/list.out_cmd"
list_floor > "$tmp/list.out_floor"
same_output list "ticket-list status:open priority:urgent"
list_ref > "$tmp/list.out_floor"
same_output list "ticket-list status:open priority:urgent (index-usable form)"
nrows=$(wc -l < "$tmp/list.out_cmd" | tr -d ' ')
for k in 10k 100k; do
	list${k}_cmd > "$tmp/list$k.out_cmd"
	list${k}_floor > "$tmp/list$k.out_floor"
	same_output "list$k" "ticket-list status:open priority:urgent on the $k desk"
	wc -l < "$tmp/list$k.out_cmd" | tr -d ' ' > "$tmp/list$k.rows"
done
filter_cmd > "$tmp/filter.out_cmd"
filter_floor > "$tmp/filter.out_floor"
same_output filter "ticket-list with four terms"
filter_ref > "$tmp/filter.out_floor"
same_output filter "ticket-list with four terms (word per ticket)"
nfilter=$(wc -l < "$tmp/filter.out_cmd" | tr -d ' ')
show_cmd > "$tmp/show.out_cmd"
show_floor > "$tmp/show.out_floor"
same_output show "ticket-show $SHOW_ID"
nmsgs=$(grep -c '^--- ' "$tmp/show.out_cmd" || true)

# ticket-assign: unassign, then assign back, by the command and by the
# floor: the same rows written, the same ticket and event afterwards.
assign_step() { # label, then the command
	label=$1
	shift
	bin/gen-desk --counts "$DB" > "$tmp/c0"
	"$@" > /dev/null
	bin/gen-desk --counts "$DB" > "$tmp/c1"
	delta "$tmp/c0" "$tmp/c1" > "$tmp/assign.$label.delta"
	bin/gen-desk --ticket "$DB" "$ASSIGN_ID" > "$tmp/assign.$label.state"
}
assign_step cmd_u "$BIN/ticket-assign" -u "$ASSIGN_ID"
assign_step cmd_a "$BIN/ticket-assign" "$AGENT" "$ASSIGN_ID"
assign_step floor_u bin/floor-assign -u "$ASSIGN_ID"
assign_step floor_a bin/floor-assign "$AGENT" "$ASSIGN_ID"
for s in u a; do
	if ! cmp -s "$tmp/assign.cmd_$s.delta" "$tmp/assign.floor_$s.delta" ||
	   ! cmp -s "$tmp/assign.cmd_$s.state" "$tmp/assign.floor_$s.state"; then
		echo "run.sh: ticket-assign and floor-assign wrote different rows ($s):" >&2
		diff "$tmp/assign.cmd_$s.state" "$tmp/assign.floor_$s.state" >&2 || true
		paste "$tmp/assign.cmd_$s.delta" "$tmp/assign.floor_$s.delta" >&2
		exit 1
	fi
done

for n in $KBNAMES; do
	kb_cmd "$n" > "$tmp/$n.out_cmd"
	kb_floor "$n" > "$tmp/$n.out_floor"
	same_output "$n" "kb-search '$(kbq "$n" 3)'"
	wc -l < "$tmp/$n.out_cmd" | tr -d ' ' > "$tmp/$n.hits"
	DESK_DB=$KB_DB bin/floor-kb -c "$(kbq "$n" 3)" > "$tmp/$n.matches"
done

# ---------------------------------------------------------------- timing
# ROUNDS rounds; in each, every benchmark gets RUNS runs (after WARMUP
# unmeasured ones), command and floor back to back, the order swapped
# every round, so drift and noise fall on both alike.
PAIRS="new list filter show assign reply $KBNAMES"
SMALL="new10k list10k new100k list100k"
[ "$SMALL_ROUNDS" -le "$ROUNDS" ] || SMALL_ROUNDS=$ROUNDS
bench() { # name, then the runner and its arguments
	name=$1
	shift
	"$@" bin/timeit -n "$RUNS" -w "$WARMUP" --raw "$tmp/$name.raw" -- >> "$tmp/$name.lines"
}
pair() { # round, name: command, floor and the floor's reference form
	case $2 in
	kb_*) c="kb_cmd $2" f="kb_floor $2" ;;
	*) c=$2_cmd f=$2_floor ;;
	esac
	case $2 in
	list | filter) ref=$2_ref ;;
	*) ref= ;;
	esac
	if [ $(($1 % 2)) -eq 1 ]; then
		bench "$2_cmd" $c
		bench "$2_floor" $f
		[ -z "$ref" ] || bench "$ref" "$ref"
	else
		[ -z "$ref" ] || bench "$ref" "$ref"
		bench "$2_floor" $f
		bench "$2_cmd" $c
	fi
}
r=1
while [ "$r" -le "$ROUNDS" ]; do
	for p in $PAIRS; do
		pair "$r" "$p"
	done
	if [ "$r" -le "$SMALL_ROUNDS" ]; then
		for p in $SMALL; do
			pair "$r" "$p"
		done
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
for p in $PAIRS $SMALL; do
	stats "${p}_cmd" > "$tmp/${p}_cmd.stats"
	stats "${p}_floor" > "$tmp/${p}_floor.stats"
done
stats list_ref > "$tmp/list_ref.stats"
stats filter_ref > "$tmp/filter_ref.stats"
get() { awk -v i="$2" '{ print $i }' "$tmp/$1.stats"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
for p in $PAIRS $SMALL; do
	ratio "$(get "${p}_cmd" 1)" "$(get "${p}_floor" 1)" > "$tmp/$p.ratio"
done
r_ref=$(ratio "$(get list_floor 1)" "$(get list_ref 1)")
r_fref=$(ratio "$(get filter_floor 1)" "$(get filter_ref 1)")

load_end=$(loadavg)

# ------------------------------------------------- knowledge base figures
gen() { info "$1" data/kb-100k.gen 2>/dev/null || true; }
kb_articles=$(gen articles)
kb_create=$(gen create_seconds)
kb_index=$(gen index_bytes)
kb_text=$(gen text_bytes)
kb_file=$(gen file_bytes)
kb_rebuild=$(gen rebuild_seconds)
kb_rindex=$(gen rebuilt_index_bytes)
kb_c1n=$(gen commit1_articles)
kb_c1s=$(gen commit1_seconds)
per_s() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }
x() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

sh ./kb-quality.sh -s "$tmp/quality" > "$tmp/quality.out"
bin/kb-tokenizers -s "$tmp/tok" "$KB" ../tests/data/kb-corpus.tsv ../tests/data/kb-queries.tsv \
	"$tmp/tok.db" > "$tmp/tok.out"
q_n=$(info queries "$tmp/quality")
q_1=$(info top1 "$tmp/quality")
q_5=$(info top5 "$tmp/quality")
q_articles=$(info articles "$tmp/quality")
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", b ? 100 * a / b : 0 }'; }

# ---------------------------------------------------------------- peers
# Other tools that keep tickets, when installed (never installed by this
# script): taskwarrior's task add / task list, fossil's ticket add / ticket
# show, each on a store of the 10k desk's size built from scratch in $tmp
# (PEER_N tasks or tickets, default 10,000). Printed under the table.
PEER_N=${PEER_N:-10000}
peer_lines=
peer_time() { # label, then the command (run in a shell)
	lab=$1
	shift
	bin/timeit -n "$RUNS" -w "$WARMUP" -- sh -c "$*" > "$tmp/peer.t"
	peer_lines="$peer_lines$(printf '  %-48s %9s ms median (min %s, max %s), peak RSS %s KB' "$lab" $(cat "$tmp/peer.t"))
"
}
if command -v task > /dev/null 2>&1; then
	TASKDATA=$tmp/task TASKRC=$tmp/taskrc
	export TASKDATA TASKRC
	mkdir -p "$TASKDATA"
	printf 'data.location=%s\nconfirmation=off\nverbose=nothing\n' "$TASKDATA" > "$TASKRC"
	awk -v n="$PEER_N" 'BEGIN { for (i = 1; i <= n; i++) printf "{\"description\":\"bench task %d\",\"status\":\"pending\",\"priority\":\"%s\",\"uuid\":\"%08x-0000-4000-8000-%012d\"}\n", i, (i % 14 ? "M" : "H"), i, i }' \
		> "$tmp/tasks.json"
	task rc.hooks=off import "$tmp/tasks.json" > /dev/null 2>&1 || true
	peer_time "task add ($PEER_N tasks)" "task rc.hooks=off add priority:H project:vpn 'VPN down' > /dev/null"
	peer_time "task list priority:H ($PEER_N tasks)" "task rc.hooks=off priority:H list > /dev/null"
else
	peer_lines="${peer_lines}  task (taskwarrior): not installed, not timed
"
fi
if command -v fossil > /dev/null 2>&1; then
	FOSSIL_REPO=$tmp/peer.fossil
	fossil init "$FOSSIL_REPO" > /dev/null 2>&1
	awk -v n="$PEER_N" -v r="$FOSSIL_REPO" 'BEGIN { for (i = 1; i <= n; i++) printf "fossil ticket add title \"bench ticket %d\" status Open priority %s -R \"%s\" -q\n", i, (i % 14 ? "Medium" : "Immediate"), r }' \
		> "$tmp/fossil.sh"
	sh "$tmp/fossil.sh" > /dev/null 2>&1 || true
	peer_time "fossil ticket add ($PEER_N tickets)" "fossil ticket add title 'VPN down' status Open priority Immediate -R '$FOSSIL_REPO' -q > /dev/null"
	peer_time "fossil ticket show 0 ($PEER_N tickets)" "fossil ticket show 0 -R '$FOSSIL_REPO' > /dev/null"
else
	peer_lines="${peer_lines}  fossil: not installed, not timed
"
fi
peers() {
	echo "peers (same machine, same run, not floors; a shell starts each):"
	printf '%s' "$peer_lines"
}

# ---------------------------------------------------------------- table
sqlite_version=$(info sqlite "$tmp/info")
tickets=$(info tickets "$tmp/info")
db_bytes=$(wc -c < "$DB" | tr -d ' ')
gen_seconds=$(info seconds data/desk-1m.gen 2>/dev/null || true)
gen_tickets=$(info tickets data/desk-1m.gen 2>/dev/null || true)
gen_bytes=$(info bytes data/desk-1m.gen 2>/dev/null || true)
mb0() { awk -v b="$1" 'BEGIN { printf "%.0f MB", b / 1e6 }'; }

echo
echo "deskutils benchmarks: SQLite $sqlite_version, $ROUNDS rounds x $RUNS runs, command and floor interleaved," \
	"load average $load_start before, $load_end after"
echo "desk: $tickets tickets, $(mb0 "$db_bytes")${gen_seconds:+ (generated $gen_tickets in $gen_seconds s, $(mb0 "$gen_bytes") then)}"
for k in 10k 100k; do
	f=data/desk-$k.db
	echo "desk $k: $(info tickets "$tmp/info$k") tickets, $(mb0 "$(wc -c < "$f" | tr -d ' ')")" \
		"(generated in $(info seconds "data/desk-$k.gen" 2>/dev/null || echo '?') s), $SMALL_ROUNDS rounds x $RUNS runs"
done
echo "knowledge base: $kb_articles articles, $(mb "$kb_text") of text, $(mb0 "$kb_file")"
echo
printf '%-50s %9s %9s %9s %10s %10s %7s\n' benchmark "median ms" "min ms" "max ms" "peak RSS" "floor ms" ratio
row() { # label, pair name
	printf '%-50s %9.2f %9.2f %9.2f %7d KB %10.2f %6sx\n' "$1" "$(get "$2_cmd" 1)" "$(get "$2_cmd" 2)" \
		"$(get "$2_cmd" 3)" "$(get "$2_cmd" 4)" "$(get "$2_floor" 1)" "$(cat "$tmp/$2.ratio")"
}
row "ticket-new -s -r -p high -t vpn -m" new
row "ticket-list status:open priority:urgent" list
printf '%-50s %9.2f %9.2f %9.2f %7d KB %10s %6sx\n' "  floor-list, WHERE an index can serve" \
	"$(get list_ref 1)" "$(get list_ref 2)" "$(get list_ref 3)" "$(get list_ref 4)" "" "$r_ref"
row "ticket-list 4 terms + word (see below)" filter
printf '%-50s %9.2f %9.2f %9.2f %7d KB %10s %6sx\n' "  floor-filter -x, the older union form" \
	"$(get filter_ref 1)" "$(get filter_ref 2)" "$(get filter_ref 3)" "$(get filter_ref 4)" "" "$r_fref"
row "ticket-show ID ($nmsgs messages)" show
row "ticket-assign AGENT ID / -u ID, alternating" assign
row "ticket-reply ID -m TEXT" reply
row "ticket-new -s -r -p high -t vpn -m, 100k desk" new100k
row "ticket-list status:open priority:urgent, 100k" list100k
row "ticket-new -s -r -p high -t vpn -m, 10k desk" new10k
row "ticket-list status:open priority:urgent, 10k" list10k
for n in $KBNAMES; do
	row "$(kbq "$n" 2)" "$n"
done
echo
echo "floor: bin/floor-* (same SQL, same pragmas, static SQLite, nothing else); ratio: command median / floor median"
echo "indented lines: the same rows by other SQL; ratio = the floor's median / its median (what libdesk's form costs)"
echo "ticket-list 4 terms: status:open,pending 'priority:>=high' channel:email vpn ($nfilter rows)"
echo "ticket-show $SHOW_ID, ticket-assign $AGENT $ASSIGN_ID (unassigned and assigned back, one write each)"
echo "ticket-reply $REPLY_ID: the ticket ticket-new made in the checks, open after the checked reply; one message each run"
echo "ticket-list status:open priority:urgent: $nrows rows on 1M, $(cat "$tmp/list100k.rows") on 100k, $(cat "$tmp/list10k.rows") on 10k"
echo "kb-search queries (hits shown / articles matching, not archived):"
for n in $KBNAMES; do
	printf '  %-36s %s  (%s / %s)\n' "$(kbq "$n" 2)" "$(kbq "$n" 3)" "$(cat "$tmp/$n.hits")" "$(cat "$tmp/$n.matches")"
done
peers

echo
echo "knowledge base build ($kb_articles articles, $(mb "$kb_text") of title+tags+body text):"
printf '  %-44s %8s s %9s articles/s   index %s (%sx text)\n' "desk_kb_create, 10,000 per transaction" \
	"$kb_create" "$(per_s "$kb_articles" "$kb_create")" "$(mb "$kb_index")" "$(x "$kb_index" "$kb_text")"
printf '  %-44s %8s s %9s articles/s   index %s (%sx text)\n' "INSERT INTO kb_fts(kb_fts) VALUES('rebuild')" \
	"$kb_rebuild" "$(per_s "$kb_articles" "$kb_rebuild")" "$(mb "$kb_rindex")" "$(x "$kb_rindex" "$kb_text")"
printf '  %-44s %8s s %9s articles/s   (as kb-new and kb-import commit)\n' \
	"desk_kb_create, a commit each ($kb_c1n articles)" "$kb_c1s" "$(per_s "$kb_c1n" "$kb_c1s")"
echo
cat "$tmp/quality.out"
echo
echo "tokenizer comparison (bin/kb-tokenizers):"
cat "$tmp/tok.out"
echo
echo "query plans as libdesk writes them:"
echo "  ticket-list status:open priority:urgent"
bin/floor-list -p open urgent | sed 's/^/    /'
echo "  ticket-list status:open,pending 'priority:>=high' channel:email vpn"
bin/floor-filter -p open,pending high email vpn | sed 's/^/    /'
echo "  the older union form (floor-filter -x)"
bin/floor-filter -px open,pending high email vpn | sed 's/^/    /'
echo "  kb-search"
DESK_DB=$KB_DB bin/floor-kb -p refund | sed 's/^/    /'

# ---------------------------------------------------------------- json
commit=$(git -C .. rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ "$commit" != unknown ] && [ -n "$(git -C .. status --porcelain -- lib cmd include 2>/dev/null)" ]; then
	commit="$commit-dirty"
fi
jb() { # one benchmark object: stats name, floor stats name, ratio
	printf '{"median_ms": %s, "min_ms": %s, "max_ms": %s, "maxrss_kb": %s' \
		"$(get "$1" 1)" "$(get "$1" 2)" "$(get "$1" 3)" "$(get "$1" 4)"
	if [ -n "$2" ]; then
		printf ', "floor": {"median_ms": %s, "min_ms": %s, "max_ms": %s, "maxrss_kb": %s}, "ratio": %s' \
			"$(get "$2" 1)" "$(get "$2" 2)" "$(get "$2" 3)" "$(get "$2" 4)" "$3"
	fi
	printf '}'
}
jp() { jb "$1_cmd" "$1_floor" "$(cat "$tmp/$1.ratio")"; }
jstr() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }
header() {
	printf '  "timestamp": "%s",\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
	printf '  "commit": "%s",\n' "$commit"
	printf '  "host": "%s",\n' "$(uname -srm) $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') cpus"
	printf '  "sqlite_version": "%s",\n' "$sqlite_version"
	printf '  "rounds": %s, "runs_per_round": %s, "warmup_per_round": %s,\n' "$ROUNDS" "$RUNS" "$WARMUP"
	printf '  "loadavg": {"before": %s, "after": %s},\n' "$load_start" "$load_end"
}
{
	printf '{\n'
	header
	printf '  "tickets": %s,\n' "$tickets"
	printf '  "db_bytes": %s,\n' "$db_bytes"
	printf '  "generation": {"tickets": %s, "seconds": %s, "bytes": %s},\n' \
		"${gen_tickets:-null}" "${gen_seconds:-null}" "${gen_bytes:-null}"
	printf '  "ticket_new": %s,\n' "$(jp new)"
	printf '  "ticket_list_open_urgent": %s,\n' "$(jp list)"
	printf '  "floor_list_indexable": %s,\n' "$(jb list_ref "" "")"
	printf '  "list_rows": %s,\n' "$nrows"
	printf '  "ticket_list_filter": %s,\n' "$(jp filter)"
	printf '  "filter": "status:open,pending priority:>=high channel:email vpn",\n'
	printf '  "filter_rows": %s,\n' "$nfilter"
	printf '  "floor_filter_union_form": %s,\n' "$(jb filter_ref "" "")"
	printf '  "ticket_show": %s,\n' "$(jp show)"
	printf '  "show_id": %s, "show_messages": %s,\n' "$SHOW_ID" "$nmsgs"
	printf '  "ticket_assign": %s,\n' "$(jp assign)"
	printf '  "assign_id": %s,\n' "$ASSIGN_ID"
	printf '  "ticket_reply": %s,\n' "$(jp reply)"
	printf '  "reply_id": %s,\n' "$REPLY_ID"
	for k in 10k 100k; do
		printf '  "desk_%s": {"tickets": %s, "db_bytes": %s, "rounds": %s, "ticket_new": %s, "ticket_list_open_urgent": %s, "list_rows": %s},\n' \
			"$k" "$(info tickets "$tmp/info$k")" "$(wc -c < "data/desk-$k.db" | tr -d ' ')" "$SMALL_ROUNDS" \
			"$(jp "new$k")" "$(jp "list$k")" "$(cat "$tmp/list$k.rows")"
	done
	printf '  "peers": {"task": %s, "fossil": %s}\n' \
		"$(command -v task > /dev/null 2>&1 && echo true || echo false)" \
		"$(command -v fossil > /dev/null 2>&1 && echo true || echo false)"
	printf '}\n'
} > results/foundation.json
{
	printf '{\n'
	header
	printf '  "articles": %s,\n' "${kb_articles:-null}"
	printf '  "text_bytes": %s,\n' "${kb_text:-null}"
	printf '  "file_bytes": %s,\n' "${kb_file:-null}"
	printf '  "build": {"per_article": {"seconds": %s, "articles_per_s": %s, "index_bytes": %s},\n' \
		"${kb_create:-null}" "$(per_s "$kb_articles" "$kb_create")" "${kb_index:-null}"
	printf '            "rebuild": {"seconds": %s, "articles_per_s": %s, "index_bytes": %s},\n' \
		"${kb_rebuild:-null}" "$(per_s "$kb_articles" "$kb_rebuild")" "${kb_rindex:-null}"
	printf '            "commit_each": {"articles": %s, "seconds": %s, "articles_per_s": %s}},\n' \
		"${kb_c1n:-null}" "${kb_c1s:-null}" "$(per_s "$kb_c1n" "$kb_c1s")"
	printf '  "search": {\n'
	first=1
	for n in $KBNAMES; do
		[ $first = 1 ] || printf ',\n'
		first=0
		printf '    "%s": {"query": %s, "hits": %s, "matches": %s, "timing": %s}' "$n" "$(jstr "$(kbq "$n" 3)")" \
			"$(cat "$tmp/$n.hits")" "$(cat "$tmp/$n.matches")" "$(jp "$n")"
	done
	printf '\n  },\n'
	printf '  "quality": {"articles": %s, "queries": %s, "top1": %s, "top5": %s, "top1_share": %s, "top5_share": %s},\n' \
		"$q_articles" "$q_n" "$q_1" "$q_5" "$(x "$q_1" "$q_n")" "$(x "$q_5" "$q_n")"
	printf '  "tokenizers": [\n'
	awk -F '\t' '{ printf "%s    {\"tokenizer\": \"%s\", \"build_articles_per_s\": %s, \"index_bytes\": %s, \"text_bytes\": %s, \"all_words\": %s, \"found\": %s, \"top1\": %s, \"top5\": %s, \"queries\": %s, \"ms_per_query\": %s}", (NR > 1 ? ",\n" : ""), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 } END { print "" }' "$tmp/tok"
	printf '  ]\n'
	printf '}\n'
} > results/kb.json
echo
echo "results: bench/results/foundation.json, bench/results/kb.json ($(($(date +%s) - t_start)) s)"
