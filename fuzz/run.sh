#!/bin/sh
# fuzz/run.sh SECONDS TARGET... - replay each target's regression inputs
# (fuzz/regressions/TARGET-*), then fuzz it for SECONDS on a copy of its seed
# corpus in $FB/corpus/TARGET. Crash, leak and timeout inputs land in
# $FB/artifacts/. Prints one summary line per target (executions from
# libFuzzer's final stats) and exits 1 when any target failed.
# Environment: FB (default fuzz/build), FUZZ_JOBS (targets run at once),
# FUZZ_REPLAY=0 to fuzz without replaying the regressions first (to look
# past a known failure, with DESK_FUZZ_SKIP; see fuzz/README.md).
set -u

[ $# -ge 2 ] || { echo "usage: fuzz/run.sh SECONDS TARGET..." >&2; exit 64; }
secs=$1
shift
FB=${FB:-fuzz/build}
jobs=${FUZZ_JOBS:-1}
case $jobs in ''|*[!0-9]*|0) jobs=1 ;; esac

mkdir -p "$FB/artifacts" "$FB/corpus" "$FB/logs" "$FB/tmp"
# the targets' temp databases: inside the build directory, so whatever a
# crash leaves behind goes with fuzz-clean
TMPDIR=$(cd "$FB/tmp" && pwd)
export TMPDIR
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
COMMON="-timeout=10 -rss_limit_mb=2048 -detect_leaks=1"

# Run one target; writes $FB/logs/T.status ("ok" or "FAIL what").
one() {
	t=$1
	bin="$FB/fuzz_$t"
	log="$FB/logs/$t.log"
	status="$FB/logs/$t.status"
	: >"$log"
	if [ ! -x "$bin" ]; then
		echo "FAIL not built" >"$status"
		return
	fi
	# 1. regressions: inputs that once crashed must stay fixed
	set -- $(ls fuzz/regressions/"$t"-* 2>/dev/null)
	if [ $# -gt 0 ] && [ "${FUZZ_REPLAY:-1}" != 0 ]; then
		if ! "$bin" $COMMON -artifact_prefix="$FB/artifacts/$t-" "$@" >"$FB/logs/$t.replay.log" 2>&1; then
			cat "$FB/logs/$t.replay.log" >>"$log"
			echo "FAIL regression input" >"$status"
			return
		fi
	fi
	# 2. fuzz on a copy of the seed corpus (what earlier runs found is kept)
	# a seeded run starts from the committed corpus alone, so it can be
	# reproduced; otherwise what earlier runs found is kept
	[ -n "${FUZZ_SEED:-}" ] && rm -rf "$FB/corpus/$t"
	mkdir -p "$FB/corpus/$t"
	cp fuzz/corpus/"$t"/* "$FB/corpus/$t/" 2>/dev/null
	dict=""
	[ -f "fuzz/dict/$t.dict" ] && dict="-dict=fuzz/dict/$t.dict"
	# FUZZ_SEED fixes the sequence of inputs (the smoke, so CI explores a
	# prefix of what a longer run with the same seed already cleared)
	"$bin" $COMMON ${FUZZ_SEED:+-seed=$FUZZ_SEED} -max_total_time="$secs" -print_final_stats=1 \
		-artifact_prefix="$FB/artifacts/$t-" $dict "$FB/corpus/$t" >>"$log" 2>&1
	rc=$?
	if [ $rc -eq 0 ]; then
		echo ok >"$status"
	else
		echo "FAIL exit $rc" >"$status"
	fi
}

n=0
for t in "$@"; do
	echo "fuzz: $t (${secs}s)"
	one "$t" &
	n=$((n + 1))
	if [ "$n" -ge "$jobs" ]; then
		wait
		n=0
	fi
done
wait

failed=0
printf '%-12s %12s %10s %9s  %s\n' target executions exec/s corpus result
for t in "$@"; do
	log="$FB/logs/$t.log"
	res=$(cat "$FB/logs/$t.status" 2>/dev/null || echo "FAIL no status")
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
	cov=$(ls "$FB/corpus/$t" 2>/dev/null | wc -l)
	printf '%-12s %12s %10s %9s  %s\n' "$t" "${execs:--}" "${rate:--}" "$cov" "$res"
	case $res in ok) ;; *) failed=1 ;; esac
done
for t in "$@"; do
	res=$(cat "$FB/logs/$t.status" 2>/dev/null || echo "FAIL")
	case $res in ok) continue ;; esac
	echo
	echo "=== $t: $res (full log: $FB/logs/$t.log)"
	# the sanitizer or invariant report, without the fuzzing progress lines
	grep -v -E '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse|INITED|RELOAD)' "$FB/logs/$t.log" | tail -60
done
[ $failed -eq 0 ] || { echo "fuzz: failures; inputs are in $FB/artifacts/" >&2; exit 1; }
echo "fuzz: all targets ran clean"
