# fish completion for deskutils.
#
# The completions are made when this file loads, by asking each command:
#
#   CMD --list-options     SHORT<TAB>--LONG<TAB>ARGNAME<TAB>HELP per option,
#                          then ARGS<TAB>KIND: what the operands are
#   CMD --complete=WHAT    statuses, priorities, channels, types, formats,
#                          roles, ids, agents, teams, calendars,
#                          policy-commands
#
# so a new option or a new command with a known kind of operands needs no
# change here but its name in the list below.  The values of the
# knowledge-base ARGNAMEs (KBSTATUS, AUDIENCE, LANG) and of METRIC (the SLA
# metrics of sla-check -m, a comma list) are fixed and listed here; article
# ids (ARGS articles, the second operand of ARGS ticket
# article) have no --complete, so nothing is offered for them; nor for
# times, spans and version numbers (ARGNAME TIME, SPAN, N), which are
# typed.  The file is installed once
# per command name (see the Makefile); whichever copy fish loads first sets
# up every command in the list, and each copy also sets up the command it
# is named after.

# ---- the deskutils commands: ADD NEW COMMANDS HERE ---------------------------
set -g __deskutils_commands \
    desk-init desk-policy desk-calendar sla-check \
    ticket-new ticket-show ticket-list ticket-update ticket-close ticket-reopen \
    ticket-assign ticket-log ticket-reply ticket-note ticket-comment \
    agent-add agent-update agent-list \
    team-add team-list \
    customer-list customer-show customer-update \
    kb-new kb-edit kb-show kb-list kb-search kb-log kb-link kb-suggest kb-import kb-export
# Commands whose LOGIN operand names an agent that does not exist yet
# (ARGS login says only "a login"): offer nothing there.
set -g __deskutils_new_login agent-add
# Field prefixes of filter words (desk-filter(7)), and the sort keys.
set -g __deskutils_fields status priority type channel tag assignee team requester org id created updated solved sla due sort
set -g __deskutils_sortkeys id created updated priority status solved due
# -----------------------------------------------------------------------------

# __deskutils_lines CMD: CMD's --list-options lines (with the ARGS line),
# asked once per command word for the session.
function __deskutils_lines -a cmd
    set -l var __deskutils_lo_(string escape --style=var -- "$cmd")
    if not set -q $var
        set -g $var ($cmd --list-options </dev/null 2>/dev/null)
    end
    for line in $$var
        printf '%s\n' $line
    end
end

# __deskutils_argname WORD LINE...: the ARGNAME of option WORD (-x or
# --long, which may be abbreviated) among the --list-options LINEs;
# nothing for an unknown or ambiguous one.
function __deskutils_argname
    set -l w $argv[1]
    set -e argv[1]
    set -l found
    set -l n 0
    for line in $argv
        set -l f (string split \t -- $line)
        test "$f[1]" = ARGS; and continue
        if string match -q -- '--*' $w
            if test "$f[2]" = "$w"
                printf '%s\n' $f[3]
                return
            else if test (string sub -l (string length -- $w) -- $f[2]) = "$w"
                set found $f[3]
                set n (math $n + 1)
            end
        else if test "$f[1]" = "$w"
            printf '%s\n' $f[3]
            return
        end
    end
    test $n -eq 1; and printf '%s\n' $found
end

# __deskutils_takes_next ARGNAME: true when the option's value may be the
# next word (it takes one and it is not optional, as [WHEN] is).
function __deskutils_takes_next -a a
    test -n "$a"; and test "$a" != -; and not string match -q -- '[*' "$a"
end

# __deskutils_args: the operands before the word being completed, one a
# line (options and their values left out).
function __deskutils_args
    set -l toks (commandline -opc)
    set -l lines (__deskutils_lines $toks[1])
    set -l kind none
    for line in $lines
        set -l f (string split \t -- $line)
        test "$f[1]" = ARGS; and set kind $f[2]
    end
    set -l ops
    set -l endopts 0
    set -l i 2
    while test $i -le (count $toks)
        set -l w $toks[$i]
        set i (math $i + 1)
        if test $endopts -eq 1
            set -a ops $w
        else if test "$w" = --
            set endopts 1
        else if string match -q -- '--*=*' "$w"
            continue
        else if string match -q -- '--?*' "$w"
            __deskutils_takes_next (__deskutils_argname $w $lines); and set i (math $i + 1)
        else if string match -q -- '-?*' "$w"
            if test "$kind" = filter; and string match -q -- '*:*' $w
                set -a ops $w # -tag:spam
                continue
            end
            set -l letters (string split '' -- (string sub -s 2 -- $w))
            set -l k 0
            for c in $letters # a cluster: -qH, -purgent
                set k (math $k + 1)
                set -l a (__deskutils_argname -$c $lines)
                test -z "$a" -o "$a" = -; and continue
                if __deskutils_takes_next $a; and test $k -eq (count $letters)
                    set i (math $i + 1)
                end
                break
            end
        else
            set -a ops $w
        end
    end
    set -q ops[1]; and printf '%s\n' $ops
end

# __deskutils_nargs: how many operands come before the word being completed.
function __deskutils_nargs
    count (__deskutils_args)
end

# The --db FILE given on the command line so far, if any.
function __deskutils_db
    set -l toks (commandline -opc)
    set -l db
    set -l i 2
    while test $i -le (count $toks)
        switch $toks[$i]
            case --
                break
            case --db
                set i (math $i + 1)
                set db $toks[$i]
            case '--db=*'
                set db (string replace -- --db= '' "$toks[$i]")
        end
        set i (math $i + 1)
    end
    # (quoted: string with no argument would read stdin)
    string replace -r -- '^~/' "$HOME/" "$db"
end

# __deskutils_ask WHAT: the command's --complete=WHAT lines (ids, agents
# and teams as VALUE<TAB>DESCRIPTION, which fish shows as such).  stdin is
# /dev/null: ticket-show wants ids on stdin from a terminal.
function __deskutils_ask -a what
    set -l cmd (commandline -opc)[1]
    set cmd (string replace -r -- '^~/' "$HOME/" "$cmd")
    set -l dbopt
    set -l db (__deskutils_db)
    test -n "$db"; and set dbopt --db=$db
    for line in ($cmd $dbopt --complete=$what </dev/null 2>/dev/null)
        printf '%s\n' $line
    end
end

# __deskutils_operand N: true when the word being completed is operand
# number N (from 0).
function __deskutils_operand -a n
    test (__deskutils_nargs) -eq $n
end

# __deskutils_policy_file: true where desk-policy takes a file: the FILE of
# check and load, a side of diff (a version number, typed, or a file).
function __deskutils_policy_file
    set -l ops (__deskutils_args)
    switch "$ops[1]"
        case check load
            test (count $ops) -eq 1
        case diff
            test (count $ops) -le 2
        case '*'
            return 1
    end
end

# Filter words (desk-filter(7)): field prefixes, then a field's values.
function __deskutils_filter
    set -l tok (commandline -ct)
    set -l neg
    if string match -q -- '-*' "$tok"
        set neg -
        set tok (string sub -s 2 -- "$tok")
    end
    if not string match -q -- '*:*' "$tok"
        for f in $__deskutils_fields
            test -n "$neg" -a $f = sort; and continue
            printf '%s%s:\tfilter by %s\n' "$neg" $f $f
        end
        return
    end
    set -l parts (string split -m 1 : -- "$tok")
    set -l field $parts[1]
    set -l head (string match -r -- '^.*,' "$parts[2]") # a list: status:open,pen
    set -l vals
    switch $field
        case status
            set vals (__deskutils_ask statuses) unsolved
        case priority
            set vals (__deskutils_ask priorities)
        case type
            set vals (__deskutils_ask types)
        case channel
            set vals (__deskutils_ask channels)
        case assignee
            set vals (__deskutils_ask agents) me none
        case team
            set vals (__deskutils_ask teams) none
        case requester org
            set vals none
        case sla
            set vals ok at-risk paused breached
        case sort
            test -n "$head"; and return
            for k in $__deskutils_sortkeys
                set -a vals $k -$k
            end
    end
    for v in $vals
        printf '%s%s:%s%s\n' "$neg" $field "$head" $v
    end
end

# __deskutils_what ARGNAME: the --complete WHAT of an option's value, if any.
function __deskutils_what -a a
    switch $a
        case FORMAT
            echo formats
        case PRIORITY
            echo priorities
        case CHANNEL
            echo channels
        case TYPE
            echo types
        case STATUS
            echo statuses
        case ROLE
            echo roles
        case TEAM
            echo teams
        case LOGIN AGENT
            echo agents
    end
end

# __deskutils_fixed ARGNAME: the values of an ARGNAME that has no --complete
# but a fixed list, on one line.
function __deskutils_fixed -a a
    switch $a
        case KBSTATUS
            echo 'draft published archived'
        case AUDIENCE
            echo 'internal public'
        case LANG # the usual ones; any code is accepted
            echo 'vi zh en ja ko'
    end
end

# __deskutils_metrics: the SLA metrics for -m METRIC, which takes a comma
# list: after "first_response," the metrics with that list before them.
function __deskutils_metrics
    set -l tok (commandline -ct)
    set tok (string replace -r -- '^(--[^=]*=|-[a-zA-Z])' '' "$tok")
    set -l head (string match -r -- '^.*,' "$tok")
    for m in first_response next_response resolution
        printf '%s%s\tSLA metric\n' "$head" $m
    end
end

# The listed commands, and the one this copy of the file is named after.
set -l __deskutils_self (string replace -r -- '\.fish$' '' (string replace -r -- '.*/' '' (status filename)))
set -l __deskutils_names $__deskutils_commands
if test "$__deskutils_self" != deskutils; and not contains -- "$__deskutils_self" $__deskutils_names
    set -a __deskutils_names $__deskutils_self
end

for __deskutils_c in $__deskutils_names
    set -l c $__deskutils_c
    # once per command, and only when it is installed
    contains -- $c $__deskutils_done; and continue
    command -q $c; or continue
    set -l lines (__deskutils_lines $c)
    test (count $lines) -gt 0; or continue
    set -ga __deskutils_done $c

    complete -c $c -f # operands are never files
    set -l kind none
    for __deskutils_line in $lines
        set -l f (string split \t -- "$__deskutils_line")
        if test "$f[1]" = ARGS
            set kind $f[2]
            continue
        end
        set -l args -c $c -l (string replace -r -- '^--' '' "$f[2]") -d "$f[4]"
        test "$f[1]" != -; and set -a args -s (string sub -s 2 -- "$f[1]")
        # TAG... may repeat; [WHEN] is optional: --color=WHEN only
        set -l base (string replace -r -- '\.\.\.$' '' "$f[3]")
        set -l optional 0
        if string match -qr -- '^\[.*\]$' "$base"
            set optional 1
            set base (string replace -r -- '^\[(.*)\]$' '$1' "$base")
        end
        set -l what (__deskutils_what $base)
        set -l fixed (__deskutils_fixed $base)
        if test "$base" = -
            # no value
        else if test $optional -eq 1
            test "$base" = WHEN; and set -a args -f -a 'auto always never'
            test -n "$what"; and set -a args -f -a "(__deskutils_ask $what)"
        else if test "$base" = FILE
            set -a args -r -F
        else if test -n "$what"
            set -a args -x -a "(__deskutils_ask $what)"
        else if test "$base" = METRIC
            set -a args -x -a '(__deskutils_metrics)'
        else if test -n "$fixed"
            set -a args -x -a "$fixed"
        else # SUBJECT, EMAIL, TEXT, TAG, NAME, ORG, N, DATE, TIME, SPAN: typed, not completed
            set -a args -x
        end
        complete $args
    end

    switch $kind
        case ids
            complete -c $c -k -f -a '(__deskutils_ask ids)'
        case filter
            complete -c $c -f -a '(__deskutils_filter)'
        case 'agent ids' # ticket-assign LOGIN ID...
            complete -c $c -f -n '__deskutils_operand 0' -a '(__deskutils_ask agents)'
            complete -c $c -k -f -n 'not __deskutils_operand 0' -a '(__deskutils_ask ids)'
        case login # an existing agent, unless the command adds one
            if not contains -- $c $__deskutils_new_login
                complete -c $c -f -n '__deskutils_operand 0' -a '(__deskutils_ask agents)'
            end
        case paths # kb-import PATH..., kb-export DIR
            complete -c $c -F
        case policy # desk-policy SUBCOMMAND [FILE | A [B]]
            complete -c $c -f -n '__deskutils_operand 0' -a '(__deskutils_ask policy-commands)'
            complete -c $c -F -n __deskutils_policy_file
        case calendar # desk-calendar [NAME] ...; the times of --between are typed
            complete -c $c -f -n '__deskutils_operand 0' -a '(__deskutils_ask calendars)'
        case 'ticket article' # kb-link TICKET ARTICLE: no source of article ids yet
            complete -c $c -k -f -n '__deskutils_operand 0' -a '(__deskutils_ask ids)'
            # team (a new name), customer, articles (nothing to ask for yet),
            # query (free text), none
    end
end
set -e __deskutils_c
set -e __deskutils_line
