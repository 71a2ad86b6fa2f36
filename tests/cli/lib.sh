# lib.sh - TAP helpers for the end-to-end tests. Source it first.
# Every test runs the built commands against a fresh database and an empty
# configuration in a temporary directory.
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${DESK_BIN:=$here/../../build/bin}"
: "${DESK_TEST_BIN:=$here/../../build/tests}"
PATH=$DESK_BIN:$PATH
T=$(mktemp -d "${TMPDIR:-/tmp}/desk-cli-XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
export DESK_DB="$T/desk.db" TZ=UTC LC_ALL=C
unset DESK_CONFIG DESK_NOW NO_COLOR VISUAL EDITOR
mkdir -p "$HOME" "$XDG_CONFIG_HOME"
ntest=0
nfail=0

# run CMD...: stdout in $out, stderr in $err, exit status in $rc (stdin: /dev/null)
run() {
	"$@" >"$T/.out" 2>"$T/.err" </dev/null
	rc=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}

# runin INPUT CMD...: the same with INPUT on stdin
runin() {
	input=$1
	shift
	printf '%s' "$input" | "$@" >"$T/.out" 2>"$T/.err"
	rc=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}

ok() { # ok CONDITION-STATUS DESCRIPTION
	ntest=$((ntest + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $ntest - $2"
	else
		echo "not ok $ntest - $2"
		nfail=$((nfail + 1))
	fi
}

is() { # is GOT WANT DESCRIPTION
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '# got:  %s\n# want: %s\n' "$1" "$2" | sed 's/^/# /'
	fi
}

like() { # like GOT GLOB DESCRIPTION
	case $1 in
	$2) ok 0 "$3" ;;
	*) ok 1 "$3"; printf '# got: %s\n# want like: %s\n' "$1" "$2" ;;
	esac
}

status_is() { # status_is WANT DESCRIPTION (checks $rc)
	if [ "$rc" -eq "$1" ]; then
		ok 0 "$2 (exit $1)"
	else
		ok 1 "$2 (exit $1)"
		printf '# exit %s, stderr: %s\n' "$rc" "$err"
	fi
}

done_testing() {
	echo "1..$ntest"
	[ "$nfail" -eq 0 ]
}
