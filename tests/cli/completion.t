#!/bin/sh
# Shell completion: the bash function run against the real commands, and a
# syntax check of the zsh and fish scripts where those shells are installed.
#   DESK_BIN=build/bin prove tests/cli/completion.t
top=$(cd "$(dirname "$0")/../.." && pwd)
DESK_BIN=${DESK_BIN:-$top/build/bin}
DESK_BIN=$(cd "$DESK_BIN" && pwd) || exit 1
PATH=$DESK_BIN:$PATH
export PATH
BASHCOMP=$top/completions/bash/deskutils
ZSHCOMP=$top/completions/zsh/_deskutils
FISHCOMP=$top/completions/fish/deskutils.fish

tmp=$(mktemp -d "${TMPDIR:-/tmp}/desk-completion.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
# a fresh database and no one's configuration
export DESK_DB="$tmp/d.db" HOME="$tmp" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
export TZ=UTC LC_ALL=C
unset DESK_CONFIG DESK_NOW VISUAL EDITOR

echo 1..62
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n # skip $1"; }
check() { # check DESCRIPTION COMMAND...: ok when COMMAND succeeds
	d=$1
	shift
	if "$@"; then ok "$d"; else notok "$d"; fi
}

# comp WORD...: source the bash script and call _deskutils as bash would for
# a line made of the WORDs, completing the last one.  Prints COMPREPLY, one a
# line.  $LINE, when set, is COMP_LINE (the words then being the pieces bash
# splits that line into at ':' and '=').
comp() {
	LINE=${LINE-} bash -c '
		. "$0" || exit 2
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE=${LINE:-$*}
		COMP_POINT=${#COMP_LINE}
		_deskutils "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" || exit 3
		for w in "${COMPREPLY[@]}"; do printf "%s\n" "$w"; done' "$BASHCOMP" "$@"
}
# has WORD: stdin has a line that is WORD
has() { grep -qxF -- "$1"; }
# replies WANT WORD...: the completion of WORD... is exactly WANT (one line)
replies() {
	want=$1
	shift
	got=$(comp "$@")
	[ "$got" = "$want" ] && return 0
	echo "# want '$(echo $want)', got '$(echo $got)'"
	return 1
}

# 1-2: the bash script parses and registers every command
check "bash -n completions/bash/deskutils" bash -n "$BASHCOMP"
registered() {
	out=$(bash -c '. "$0" && complete -p' "$BASHCOMP") || return 1
	for c in desk-init ticket-new ticket-show ticket-list; do
		printf '%s\n' "$out" | has "complete -F _deskutils $c" || return 1
	done
}
check "bash script registers _deskutils for the commands" registered

# a database with two tickets
desk-init -q >/dev/null </dev/null || echo "# desk-init failed"
id1=$(ticket-new -s x -m y </dev/null) || echo "# ticket-new failed"
id2=$(ticket-new -s "second one" -m y -p high </dev/null) || echo "# ticket-new failed"

# 3-8: options and their values, from --list-options and --complete
check "ticket-new --pri<TAB> gives --priority" replies --priority ticket-new --pri
check "ticket-new -p <TAB> includes urgent" eval 'comp ticket-new -p "" | has urgent'
check "ticket-list -o <TAB> includes json" eval 'comp ticket-list -o "" | has json'
check "ticket-list --color=<TAB> offers auto always never" \
	replies "$(printf '%s\n' --color=auto --color=always --color=never)" ticket-list --color=
options() {
	out=$(comp ticket-list -) || return 1
	for o in -o --output -n --limit --db --color --help; do
		printf '%s\n' "$out" | has "$o" || return 1
	done
}
check "ticket-list -<TAB> lists short and long options" options
check "ticket-new --db <TAB> completes files" eval '(cd "$tmp" && comp ticket-new --db d.) | has d.db'

# 9-16: filter words
check "ticket-list status:<TAB> includes status:open" eval 'comp ticket-list status: | has status:open'
fields() {
	out=$(comp ticket-list "") || return 1
	for f in status: priority: type: channel: tag: assignee: team: requester: id: created: updated: solved: sla: due: sort:; do
		printf '%s\n' "$out" | has "$f" || return 1
	done
}
check "ticket-list <TAB> offers the field prefixes" fields
check "ticket-list pri<TAB> gives priority:" replies priority: ticket-list pri
check "ticket-list assignee:<TAB> offers me and none" \
	replies "$(printf '%s\n' assignee:me assignee:none)" ticket-list assignee:
check "ticket-list channel:em<TAB> gives channel:email" replies channel:email ticket-list channel:em
check "ticket-list sla:b<TAB> gives sla:breached" replies sla:breached ticket-list sla:b
check "ticket-list sort:-d<TAB> gives sort:-due" replies sort:-due ticket-list sort:-d
# as bash really splits "status:op" (COMP_WORDBREAKS): the reply replaces "op"
check "ticket-list status:op<TAB>, split at the colon, gives open" \
	eval '(LINE="ticket-list status:op"; comp ticket-list status : op) | has open'

# 17-20: ticket ids from the database
check "ticket-show <TAB> lists the ids of the tickets" \
	eval 'comp ticket-show "" >"$tmp/out" && has "$id1" <"$tmp/out" && has "$id2" <"$tmp/out"'
check "ticket-show --db FILE <TAB> reads that database" \
	eval '(DESK_DB=$tmp/none.db; comp ticket-show --db "$tmp/d.db" "") | has "$id2"'
check "ticket-show <TAB> with no database offers nothing" \
	eval '(DESK_DB=$tmp/none.db; replies "" ticket-show "")'
check "ticket-new takes no operands: nothing after -s x" replies "" ticket-new -s x ""

# 21-22: a command not in the list still gets its options, and its operands
# from its ARGS line (desk-frob is desk-init: ARGS none)
ln -s "$DESK_BIN/ticket-list" "$tmp/ticket-frob"
ln -s "$DESK_BIN/desk-init" "$tmp/desk-frob"
check "an unknown command gets its own options" replies --limit "$tmp/ticket-frob" --li
check "an unknown command with ARGS none takes no operands" replies "" "$tmp/desk-frob" ""

# 23-27: the list of commands, and commands that are not on it
every() {
	out=$(bash -c '. "$0" && complete -p' "$BASHCOMP") || return 1
	for c in "$DESK_BIN"/*; do
		[ -x "$c" ] || continue
		printf '%s\n' "$out" | has "complete -F _deskutils ${c##*/}" || { echo "# ${c##*/} not registered"; return 1; }
	done
}
check "bash script registers every command in \$DESK_BIN" every
check "an unknown command gets its operands from its ARGS line (filter)" \
	eval 'comp "$tmp/ticket-frob" "" | has status:'
# bash-completion's on-demand loader sources the file named after the
# command: 2.11 with the loader's own $1, 2.12 with the name as an argument
check "loaded by __load_completion for ticket-frob, registers it" eval 'bash -c "
	__load_completion() { . \"\$0\"; }
	__load_completion ticket-frob && complete -p ticket-frob" "$BASHCOMP" >/dev/null 2>&1'
check "loaded by _comp_load for a path, registers it and its name" eval 'bash -c "
	_comp_load() { . \"\$0\" \"\$1\"; }
	_comp_load /x/ticket-frob && complete -p /x/ticket-frob && complete -p ticket-frob" "$BASHCOMP" >/dev/null 2>&1'
check "sourced by hand, registers nothing but the list" eval '! bash -c ". \"\$0\" && complete -p ticket-frob" "$BASHCOMP" >/dev/null 2>&1'

# 28-38: agents, teams, roles, the operand kinds of the newer commands
agent-add dana </dev/null >/dev/null 2>&1 || echo "# agent-add failed"
team-add -d "first line: mail" support </dev/null >/dev/null 2>&1 || echo "# team-add failed"
check "ticket-assign <TAB> offers the agent dana" eval 'comp ticket-assign "" | has dana'
check "ticket-assign dana <TAB> offers a ticket id" \
	eval 'comp ticket-assign dana "" >"$tmp/out" && has "$id1" <"$tmp/out" && ! has dana <"$tmp/out"'
statuses() {
	out=$(comp ticket-update -s "") || return 1
	for s in new open pending on-hold solved closed; do
		printf '%s\n' "$out" | has "$s" || return 1
	done
}
check "ticket-update -s <TAB> offers the statuses" statuses
check "agent-add --role <TAB> offers manager" eval 'comp agent-add --role "" | has manager'
check "ticket-list assignee:<TAB> offers assignee:dana and assignee:me" \
	eval 'comp ticket-list assignee: >"$tmp/out" && has assignee:dana <"$tmp/out" && has assignee:me <"$tmp/out"'
check "ticket-show -o <TAB> offers text and not csv" \
	eval 'comp ticket-show -o "" >"$tmp/out" && has text <"$tmp/out" && ! has csv <"$tmp/out"'
check "customer-list --<TAB> offers --org" eval 'comp customer-list -- | has --org'
check "agent-add <TAB> offers nothing (a new login)" replies "" agent-add ""
check "agent-update <TAB> offers the agent dana, once" replies dana agent-update ""
check "ticket-list team:<TAB> offers team:support and team:none" \
	replies "$(printf '%s\n' team:support team:none)" ticket-list team:
check "ticket-update --team=<TAB> offers the team" replies --team=support ticket-update --team=

# 39-42: the knowledge base: fixed values of KBSTATUS and AUDIENCE, and
# ARGS ticket article (a ticket id, then an article id, which has no source)
check "kb-search --status <TAB> offers published" eval 'comp kb-search --status "" | has published'
check "kb-new --audience <TAB> offers public" eval 'comp kb-new --audience "" | has public'
check "kb-link <TAB> offers a ticket id" eval 'comp kb-link "" | has "$id1"'
check "kb-link ID <TAB> offers no ticket id for the article" replies "" kb-link "$id1" ""
mkdir -p "$tmp/articles" && : >"$tmp/articles/1-x.md"
check "kb-import <TAB> completes files and directories" eval 'comp kb-import "$tmp/arti" | has "$tmp/articles"'

# 44-58: the team policy (ARGS policy) and business calendars (ARGS
# calendar), after loading a policy with two calendars
cat >"$tmp/policy.yaml" <<'EOF'
default_calendar: office
calendars:
  office:
    timezone: UTC
    hours: { mon-fri: "09:00-17:00" }
  night:
    timezone: UTC
    hours: { mon-fri: "22:00-24:00" }
EOF
desk-policy -q load "$tmp/policy.yaml" </dev/null >/dev/null || echo "# desk-policy load failed"
check "desk-policy <TAB> offers the subcommands" \
	replies "$(printf '%s\n' check load show log diff)" desk-policy ""
check "desk-policy l<TAB> offers load and log" replies "$(printf '%s\n' load log)" desk-policy l
check "desk-policy --vers<TAB> offers --version and --version-number" \
	eval 'comp desk-policy --vers >"$tmp/out" && has --version <"$tmp/out" && has --version-number <"$tmp/out"'
check "desk-policy load <TAB> completes files" eval 'comp desk-policy load "$tmp/pol" | has "$tmp/policy.yaml"'
check "desk-policy diff 1 <TAB> completes files" eval 'comp desk-policy diff 1 "$tmp/pol" | has "$tmp/policy.yaml"'
check "desk-policy show <TAB> offers nothing" replies "" desk-policy show ""
check "desk-policy check FILE <TAB> offers nothing more" replies "" desk-policy check "$tmp/policy.yaml" ""
check "desk-calendar <TAB> offers the calendars of the policy" \
	replies "$(printf '%s\n' 24x7 office night)" desk-calendar ""
check "desk-calendar --db FILE <TAB> reads that database" \
	eval '(DESK_DB=$tmp/none.db; comp desk-calendar --db "$tmp/d.db" n) | has night'
check "desk-calendar <TAB> with no database offers nothing" \
	eval '(DESK_DB=$tmp/none.db; replies "" desk-calendar "")'
check "desk-calendar --ad<TAB> gives --add" replies --add desk-calendar --ad
check "desk-calendar --betw<TAB> gives --between" replies --between desk-calendar --betw
check "desk-calendar office --between <TAB> offers no times" replies "" desk-calendar office --between ""
check "desk-calendar --add 4h --at <TAB> offers nothing" replies "" desk-calendar --add 4h --at ""
check "desk-calendar -f <TAB> completes files" eval 'comp desk-calendar -f "$tmp/pol" | has "$tmp/policy.yaml"'

# 59-62: zsh and fish, when installed: the scripts parse, and fish answers
# for the new operand kinds (complete -C runs its real completion)
if command -v zsh >/dev/null 2>&1; then
	check "zsh -n completions/zsh/_deskutils" zsh -n "$ZSHCOMP"
else
	skip "zsh not installed"
fi
if command -v fish >/dev/null 2>&1; then
	check "fish -n completions/fish/deskutils.fish" fish -n "$FISHCOMP"
	# fishcomp LINE: the values fish offers for LINE, sorted, on one line
	fishcomp() {
		fish -c 'source $argv[1]; complete -C $argv[2]' "$FISHCOMP" "$1" </dev/null |
			cut -f1 | sort | tr '\n' ' '
	}
	check "fish: desk-policy <TAB> offers the subcommands" \
		eval '[ "$(fishcomp "desk-policy ")" = "check diff load log show " ]'
	check "fish: desk-calendar <TAB> offers the calendars" \
		eval '[ "$(fishcomp "desk-calendar ")" = "24x7 night office " ]'
else
	skip "fish not installed"
	skip "fish not installed"
	skip "fish not installed"
fi
