#!/bin/sh
# kb-quality.sh - search quality on a big knowledge base: the 30
# hand-written articles of tests/data/kb-corpus.tsv among the 100,000
# generated ones of data/kb-100k.db, and the 44 hand-labelled queries of
# tests/data/kb-queries.tsv run through kb-search. Prints the share of
# queries whose expected article ranks first and the share where it is in
# the first five, then every miss with what came first instead.
#
#   sh kb-quality.sh [-s SUMMARY]
#
# The base with the hand-written articles, data/kb-quality.db, is made once
# from data/kb-100k.db (a copy, then kb-new for each article, published,
# with its tags) and kept; delete it to start over. Each expected title
# must occur exactly once in it. -s writes "queries N", "top1 N", "top5 N",
# "articles N" to SUMMARY for run.sh.
#
# Environment: DESK_BIN (default ../build/bin) is where the commands are.
set -eu
cd "$(dirname "$0")"
LC_ALL=C
export LC_ALL
BIN=${DESK_BIN:-../build/bin}
KB=data/kb-100k.db
DB=data/kb-quality.db
CORPUS=../tests/data/kb-corpus.tsv
QUERIES=../tests/data/kb-queries.tsv
summary=
if [ "${1:-}" = -s ] && [ $# -eq 2 ]; then
	summary=$2
elif [ $# -ne 0 ]; then
	echo "usage: sh kb-quality.sh [-s SUMMARY]" >&2
	exit 64
fi
for f in "$BIN/kb-new" "$BIN/kb-search" "$BIN/kb-list" "$KB" "$CORPUS" "$QUERIES"; do
	if [ ! -e "$f" ]; then
		echo "kb-quality.sh: missing '$f': run make, then make -C bench" >&2
		exit 1
	fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/desk-kbq.XXXXXX")
trap 'rm -rf "$tmp" "$DB.tmp" "$DB.tmp-journal" "$DB.tmp-wal" "$DB.tmp-shm"' EXIT INT TERM
mkdir -p "$tmp/config"
XDG_CONFIG_HOME=$tmp/config
export XDG_CONFIG_HOME
unset DESK_CONFIG DESK_NOW 2>/dev/null || true

if [ ! -f "$DB" ]; then
	rm -f "$DB.tmp" "$DB.tmp-journal"
	cp "$KB" "$DB.tmp"
	DESK_DB=$(pwd)/$DB.tmp
	export DESK_DB
	grep -v '^#' "$CORPUS" | while IFS='	' read -r title tags body; do
		set -- $(for t in $tags; do printf -- '-t %s ' "$t"; done)
		printf '%b' "$body" | "$BIN/kb-new" -q -T "$title" --status published "$@" > /dev/null
	done
	# every expected title exactly once
	"$BIN/kb-list" -o tsv | cut -f8- | sort > "$tmp/titles"
	grep -v '^#' "$QUERIES" | cut -f2 | sort -u | while IFS= read -r want; do
		n=$(grep -cxF -- "$want" "$tmp/titles" || true)
		if [ "$n" != 1 ]; then
			echo "kb-quality.sh: title '$want' occurs $n times in the base" >&2
			exit 1
		fi
	done
	mv "$DB.tmp" "$DB"
fi
DESK_DB=$(pwd)/$DB
export DESK_DB
articles=$("$BIN/kb-list" -o tsv | wc -l | tr -d ' ')

n=0 top1=0 top5=0
: > "$tmp/misses"
grep -v '^#' "$QUERIES" > "$tmp/queries"
while IFS='	' read -r q want; do
	n=$((n + 1))
	"$BIN/kb-search" -q -n 5 -o tsv -- "$q" < /dev/null | cut -f2 > "$tmp/hits" || true
	rank=$(grep -nxF -- "$want" "$tmp/hits" | head -1 | cut -d: -f1)
	if [ "$rank" = 1 ]; then
		top1=$((top1 + 1))
	fi
	if [ -n "$rank" ]; then
		top5=$((top5 + 1))
	fi
	if [ "$rank" != 1 ]; then
		first=$(head -1 "$tmp/hits")
		printf '  %s  (rank %s)\n      want: %s\n      got:  %s\n' "$q" "${rank:--}" "$want" \
			"${first:-(no hits)}" >> "$tmp/misses"
	fi
done < "$tmp/queries"

pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", b ? 100 * a / b : 0 }'; }
echo "search quality: $n labelled queries on $articles articles (30 hand-written among the generated):" \
	"top 1 $top1/$n ($(pct "$top1" "$n")), top 5 $top5/$n ($(pct "$top5" "$n"))"
if [ -s "$tmp/misses" ]; then
	echo "not first (rank in the first 5, - when lower or absent; got: what ranked first):"
	cat "$tmp/misses"
fi
if [ -n "$summary" ]; then
	printf 'queries %s\ntop1 %s\ntop5 %s\narticles %s\n' "$n" "$top1" "$top5" "$articles" > "$summary"
fi
