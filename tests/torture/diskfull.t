#!/bin/sh
# The disk fills up during a write: the command exits 74 (or 75), says
# so clearly, and the database is exactly as before and still sound.
# ENOSPC is injected by tests/enospc.c (LD_PRELOAD) after a byte budget,
# swept so the failure lands at every stage of a write: the journal, the
# database pages, the commit.
. "$(dirname "$0")/../cli/lib.sh"
shim=$DESK_TEST_BIN/enospc.so
# an ASan build must let the shim load beside its runtime
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

desk-init -q >/dev/null
for i in 1 2 3 4 5; do ticket-new -s "before $i" -r an@example.com -t vpn -m "body $i" >/dev/null; done
kb-new -T "Đặt lại mật khẩu" -m "Vào Cài đặt" >/dev/null
"$DESK_TEST_BIN/db-stat" "$DESK_DB" >"$T/before"

# the budget runs from nothing to past a whole write; somewhere in between
# every stage of the write fails once
failures=0 successes=0 odd=""
for budget in 0 1 100 512 1024 4096 8192 16384 32768 65536 131072 196608 262144 327680 393216 524288 1048576 2097152; do
	DESK_ENOSPC_MATCH="$T/desk.db" DESK_ENOSPC_AFTER=$budget LD_PRELOAD=$shim \
		ticket-new -s "while full $budget" -r bob@example.com -t full -m "a body" >"$T/o" 2>"$T/e"
	rc=$?
	case $rc in
	0) successes=$((successes + 1))
	   "$DESK_TEST_BIN/db-stat" "$DESK_DB" >"$T/before" ;;  # it fit: the new state is the baseline
	74|75)
	   failures=$((failures + 1))
	   grep -q "^ticket-new: disk full while .* '$T/desk.db'\$" "$T/e" ||
		grep -q "^ticket-new: i/o error while" "$T/e" || odd="$odd [$budget: $(cat "$T/e")]"
	   "$DESK_TEST_BIN/db-stat" "$DESK_DB" >"$T/after"
	   cmp -s "$T/before" "$T/after" || odd="$odd [$budget: counts changed]" ;;
	*) odd="$odd [$budget: exit $rc $(cat "$T/e")]" ;;
	esac
	"$DESK_TEST_BIN/db-check" "$DESK_DB" >"$T/check" 2>&1 || odd="$odd [$budget: $(cat "$T/check")]"
done
is "$odd" "" "every disk-full failure: exit 74, a clear message, nothing changed, the database sound"
[ "$failures" -ge 5 ]; ok $? "the disk filled during $failures writes"

# other writers too: a reply, an update, an assignment, a new article
agent-add dana >/dev/null
for cmd in "ticket-reply 1 -m reply" "ticket-update -s pending -t +x 2" "ticket-assign dana 3" "kb-new -T t -m b"; do
	"$DESK_TEST_BIN/db-stat" "$DESK_DB" >"$T/before"
	DESK_ENOSPC_MATCH="$T/desk.db" DESK_ENOSPC_AFTER=0 LD_PRELOAD=$shim $cmd >"$T/o" 2>"$T/e"
	rc=$?
	"$DESK_TEST_BIN/db-stat" "$DESK_DB" >"$T/after"
	[ $rc -eq 74 ] && cmp -s "$T/before" "$T/after"
	ok $? "${cmd%% *} on a full disk: exit 74, nothing written (exit $rc: $(cat "$T/e"))"
done
run ticket-list tag:full -status:closed
"$DESK_TEST_BIN/db-check" "$DESK_DB" >/dev/null 2>&1
ok $? "integrity and foreign keys still clean"
run ticket-new -s "after" -m "space again"
status_is 0 "writes work again when there is space"
done_testing
