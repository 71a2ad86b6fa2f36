# fish completion for deskutils.
#
# The completions are made when this file loads, by asking each command:
#
#   CMD --list-options     SHORT<TAB>--LONG<TAB>ARGNAME<TAB>HELP per option
#   CMD --complete=WHAT    statuses, priorities, channels, types, formats, ids
#
# so a new option needs no change here.  A new command needs a line in the
# table below.  The file is installed once per command name (see the
# Makefile); whichever copy fish loads first sets up every command.

# ---- deskutils commands: ADD NEW COMMANDS HERE -------------------------------
# name:operands, operands being ids (ticket ids) | filter (filter words) | none
set -g __deskutils_table \
    desk-init:none \
    ticket-new:none \
    ticket-show:ids \
    ticket-list:filter
# Asked for values when the command being completed cannot answer --complete
# itself (ticket-new exits 64 without -s before it gets that far).
set -g __deskutils_fallback ticket-list
# -----------------------------------------------------------------------------

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

# __deskutils_ask WHAT: the command's --complete=WHAT lines.  When the command
# fails (or gives nothing for a fixed list) the fallback command beside it is
# asked.  stdin is /dev/null: ticket-show wants ids on stdin from a terminal.
function __deskutils_ask -a what
    set -l cmd (commandline -opc)[1]
    set cmd (string replace -r -- '^~/' "$HOME/" "$cmd")
    set -l fb $__deskutils_fallback
    set -l dbopt
    set -l db (__deskutils_db)
    test -n "$db"; and set dbopt --db=$db
    set -l out ($cmd $dbopt --complete=$what </dev/null 2>/dev/null)
    set -l st $status
    if test $st -ne 0; or begin
            test (count $out) -eq 0; and test $what != ids
        end
        set -l dir (string replace -r -- '/[^/]*$' '' "$cmd")
        if test "$dir" != "$cmd"; and test -x "$dir/$fb"
            set fb "$dir/$fb"
        end
        test (string replace -r -- '.*/' '' "$cmd") = (string replace -r -- '.*/' '' "$fb"); and return
        set out ($fb $dbopt --complete=$what </dev/null 2>/dev/null)
    end
    for line in $out
        printf "%s\n" $line
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
        for f in status priority type channel tag assignee team requester id created updated solved sort
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
            set vals me none
        case team requester
            set vals none
        case sort
            test -n "$head"; and return
            for k in id created updated priority status solved
                set -a vals $k -$k
            end
    end
    for v in $vals
        printf '%s%s:%s%s\n' "$neg" $field "$head" $v
    end
end

for __deskutils_entry in $__deskutils_table
    set -l kv (string split -m 1 : -- "$__deskutils_entry")
    set -l c $kv[1]
    # once per command, and only when it is installed
    contains -- $c $__deskutils_done; and continue
    command -q $c; or continue
    set -l lines ($c --list-options </dev/null 2>/dev/null); or continue
    set -ga __deskutils_done $c

    complete -c $c -f # operands are never files
    for line in $lines
        set -l f (string split \t -- "$line")
        set -l args -c $c -l (string replace -r -- '^--' '' "$f[2]") -d "$f[4]"
        test "$f[1]" != -; and set -a args -s (string sub -s 2 -- "$f[1]")
        switch $f[3]
            case '-'
            case WHEN # optional: --color=WHEN only
                set -a args -f -a 'auto always never'
            case FILE
                set -a args -r -F
            case FORMAT
                set -a args -x -a '(__deskutils_ask formats)'
            case PRIORITY
                set -a args -x -a '(__deskutils_ask priorities)'
            case CHANNEL
                set -a args -x -a '(__deskutils_ask channels)'
            case TYPE
                set -a args -x -a '(__deskutils_ask types)'
            case STATUS
                set -a args -x -a '(__deskutils_ask statuses)'
            case '*' # SUBJECT, EMAIL, TEXT, TAG, N: typed, not completed
                set -a args -x
        end
        complete $args
    end

    switch $kv[2]
        case ids
            complete -c $c -k -f -a '(__deskutils_ask ids)'
        case filter
            complete -c $c -f -a '(__deskutils_filter)'
    end
end
set -e __deskutils_entry
