#!/bin/sh
# A ticket's whole life at the shell: new -> reply -> pending -> customer
# comment reopens -> solved -> closed -> follow-up, with the event log showing
# every step and its actor; assignment, agents and teams; exit statuses.
. "$(dirname "$0")/lib.sh"

me=$(id -un)
desk-init -q >/dev/null

run team-add billing -d "Invoices and refunds"
status_is 0 "team-add"
run team-add billing
status_is 65 "a team name is taken once"
run agent-add dana -n "Dana Lê" -e dana@example.com --team billing
status_is 0 "agent-add"
run agent-add "$me" -n "Me" --role lead
status_is 0 "agent-add for the acting account"
run agent-add dana
status_is 65 "agent logins are unique"
run agent-add Bad.Login
status_is 65 "a bad login"
run agent-add minh --team nosuch
status_is 66 "an unknown team"
run agent-list
is "$out" "dana	Dana Lê	dana@example.com	agent	billing	yes	0
$me	Me		lead		yes	0" "agent-list, login first"
run team-list
is "$out" "billing	1	0	Invoices and refunds" "team-list"

export DESK_NOW=2026-11-02T09:00:00+07:00
id=$(ticket-new -s "Không đăng nhập được" -r mai@example.vn -c email -m "Sau khi đổi mật khẩu")
is "$id" "1" "ticket-new"

DESK_NOW=2026-11-02T09:30:00+07:00 run ticket-reply "$id" -m "Chị thử đăng xuất rồi đăng nhập lại" -s pending
status_is 0 "ticket-reply -s pending"
run ticket-show "$id" -o json
like "$out" '*"status":"pending"*"first_response":"2026-11-02T02:30:00+00:00"*' "the reply set the first response and the status"
like "$out" '*"kind":"reply","author":"'"$me"'"*' "the reply is from the acting account"

DESK_NOW=2026-11-02T10:00:00+07:00 run ticket-note "$id" -m "Internal: check the SSO logs"
status_is 0 "ticket-note"
DESK_NOW=2026-11-02T11:00:00+07:00 runin "Vẫn không được ạ" ticket-comment "$id"
status_is 0 "ticket-comment reads stdin"
is "$out" "$id" "ticket-comment prints the ticket that got the message"
run ticket-list status:open
is "$(printf '%s' "$out" | cut -f1)" "$id" "the customer's message reopened the pending ticket"

DESK_NOW=2026-11-02T12:00:00+07:00 run ticket-update -s solved -p high -t +login -t +sso "$id"
status_is 0 "ticket-update solves and tags"
DESK_NOW=2026-11-03T09:00:00+07:00 run ticket-close "$id"
status_is 0 "ticket-close"
run ticket-reopen "$id"
status_is 65 "closed is final"
like "$err" "ticket-reopen: ticket '#1' is closed, and closed is final*" "and says so"
run ticket-reply "$id" -m "one more thing"
status_is 65 "no replies on a closed ticket"
DESK_NOW=2026-11-04T08:00:00+07:00 run ticket-comment "$id" -m "Lại bị lỗi rồi"
status_is 0 "a customer message on a closed ticket"
is "$out" "2" "starts follow-up ticket 2"
run ticket-show 2 -o json
like "$out" '*"subject":"Không đăng nhập được"*"priority":"high"*"tags":\["login","sso"\],"parent":1,*' "the follow-up copies the ticket and links to it"

unset DESK_NOW
run ticket-log "$id" -o tsv
is "$(printf '%s\n' "$out" | cut -f3,4,5,6 | tr '\t' ' ')" "$me ticket  created
$me reply  2
$me status new open
$me status open pending
$me note  3
$me comment  4
$me status pending open
$me priority normal high
$me tag  login
$me tag  sso
$me status open solved
$me status solved closed
$me follow_up  #2" "the event log shows every step with its actor"
run ticket-log "$id" -o json
like "$out" '\[*"id":1,"at":"2026-11-02T02:00:00+00:00","actor":"'"$me"'","field":"ticket",*"real_at":"*' "ticket-log json keeps the real time"
run ticket-log 99
status_is 66 "ticket-log of a missing ticket"

# --- assignment
t3=$(ticket-new -s "Refund" -r an@example.com -c chat -m "Please refund")
t4=$(ticket-new -s "Invoice copy" -r an@example.com -c email -m "Send a copy")
t5=$(ticket-new -s "Câu hỏi" -r binh@example.vn -c email -m "?")
ticket-list status:new channel:email | ticket-assign dana >"$T/o" 2>"$T/e"
rc=$?
status_is 0 "ticket-list status:new channel:email | ticket-assign dana"
run ticket-list assignee:dana -o jsonl
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" "3" "ticket-list assignee:dana -o jsonl: one line per ticket"
like "$out" '{"id":2,"status":"open",*"assignee":"dana"*' "assigning opened the new tickets"
run ticket-list assignee:dana status:open -o jsonl
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" "3" "assignee and status together"
run ticket-assign "$me" "$t4"
status_is 1 "someone else holds it"
is "$err" "ticket-assign: ticket '#$t4' is already assigned to 'dana'" "and we are told who"
run ticket-assign --steal "$me" "$t4"
status_is 0 "--steal takes it"
run ticket-list assignee:me
is "$(printf '%s' "$out" | cut -f1)" "$t4" "assignee:me"
run ticket-assign -u "$t4"
status_is 0 "unassign"
run ticket-list assignee:none -status:closed
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "$t3 $t4 " "assignee:none"
run ticket-assign nobody "$t3"
status_is 66 "an unknown agent"
run agent-update dana --inactive
status_is 0 "agent-update --inactive"
run ticket-assign dana "$t3"
status_is 65 "an inactive agent is refused"
run agent-list
is "$(printf '%s' "$out" | cut -f1)" "$me" "inactive agents are hidden"
run agent-list -a -o csv
like "$out" "login,name,email,role,teams,active,open*dana,Dana Lê,dana@example.com,agent,billing,no,2*" "agent-list -a shows them"
run ticket-assign "$me" 1 "$t3"
status_is 1 "one closed, one assigned: partial"
run ticket-update --team billing "$t3"
run ticket-list team:billing
is "$(printf '%s' "$out" | cut -f1)" "$t3" "team: filter"
run ticket-update --team nosuch "$t3"
status_is 66 "an unknown team"
run ticket-update -s bogus "$t3"
status_is 64 "a bad status name"
run ticket-update "$t3"
status_is 64 "nothing to change"
run ticket-update -s pending -t "bad tag" "$t3"
status_is 65 "a bad tag"
run ticket-list status:pending
is "$out" "" "nothing of the failed update was written"
run ticket-reply -m "x"
status_is 0 "no ids on an empty stdin: nothing to do, like xargs"
is "$out$err" "" "and nothing said"
run ticket-reply 1 2
status_is 64 "without -m, one ticket only"
run ticket-reply abc
status_is 65 "a malformed id"
run ticket-reply 99 -m x
status_is 66 "a missing ticket"

# --- follow-ups keep the team (logged) and every tag; later messages join
# the open follow-up; a team is logged as it is stored
team-add ops >/dev/null
t70=$(ticket-new -s "many tags" -r mai@example.vn -m x $(i=1; while [ $i -le 70 ]; do printf -- '-t t%d ' $i; i=$((i + 1)); done))
ticket-update --team OPS -s closed "$t70" >/dev/null
run ticket-log "$t70" -o tsv
like "$out" "*team		ops*" "a team change is logged with the stored name"
f1=$(ticket-comment -m again "$t70")
f2=$(ticket-comment -m more "$t70")
is "$f2" "$f1" "a second message joins the open follow-up"
run ticket-show -o json "$f1"
is "$(printf '%s' "$out" | grep -o '"t[0-9]*"' | wc -l | tr -d ' ')" "70" "the follow-up keeps all 70 tags"
like "$out" '*"team":"ops"*' "and the team"
run ticket-log "$f1" -o tsv
like "$out" "*team		ops*follow_up_of		#$t70*" "the follow-up's team is in its log"

# --- free text
run ticket-list "đăng nhập"
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "1 2 " "a Vietnamese phrase"
run ticket-list dang nhap duoc
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "1 2 " "words typed without diacritics, đ included"
run ticket-list 'KHÔNG ĐĂNG'
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "1 2 " "upper case with diacritics"
run ticket-list SSO
is "$(printf '%s' "$out" | cut -f1)" "1" "internal notes are searched"
run ticket-list "don't" 'NEAR(' '*' '"' AND
status_is 0 "FTS5 syntax is only text"
run ticket-list refund -status:closed
is "$(printf '%s' "$out" | cut -f1)" "$t3" "text and fields together"
run ticket-list -- -refund channel:chat
is "$out" "" "a negated word"
done_testing
