#!/bin/sh
# The knowledge base at the shell: kb-new, kb-show, kb-list, kb-search,
# kb-link, kb-suggest, kb-log; the multilingual corpus's labelled queries
# must rank their article first; hostile queries and bad input.
. "$(dirname "$0")/lib.sh"
data=$here/../data
desk-init -q >/dev/null

# load the corpus through kb-new
n=0
grep -v '^#' "$data/kb-corpus.tsv" | while IFS='	' read -r title tags body; do
	set -- $(for t in $tags; do printf -- '-t %s ' "$t"; done)
	printf '%b' "$body" | kb-new -T "$title" --status published "$@" >/dev/null || echo "kb-new failed: $title"
done >"$T/load"
is "$(cat "$T/load")" "" "30 articles loaded with kb-new"
run kb-list -o tsv
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" "30" "kb-list lists them"

# every labelled query ranks its article first
grep -v '^#' "$data/kb-queries.tsv" | while IFS='	' read -r q want; do
	got=$(kb-search -n 1 -o tsv -- "$q" | cut -f2)
	[ "$got" = "$want" ] || printf 'query %s: got %s, want %s\n' "$q" "$got" "$want"
done >"$T/quality"
is "$(cat "$T/quality")" "" "every labelled query ranks its article first (vi with and without diacritics, zh, zh-Hant, en)"

run kb-search dat lai mat khau
status_is 0 "kb-search"
like "$out" "1	Đặt lại mật khẩu tài khoản	*	*\\[mật\\] \\[khẩu\\]*" "tsv: id, title, score, snippet with [ ] marks"
run kb-search -o json 发票抬头
like "$out" '\[*{"id":11,"title":"修改发票抬头","score":*,"snippet":"如需修改发票抬头*' "json: plain snippet, numeric score"
run kb-search -o text password
like "$out" "21  Reset your password  (*)*    *[password]*" "text: grep-like, marks without colour when piped"
run kb-search zzzqqq
status_is 1 "no match"
is "$err" "kb-search: no match for 'zzzqqq'" "and says so"
run kb-search -q zzzqqq
is "$err" "" "-q keeps quiet about it"
run kb-search
status_is 1 "an empty query"
for q in '"' 'NEAR(' 'a AND' 'OR' '-' '*' 'a:b' '(' "'; DROP TABLE kb_articles; --" 'col:x' '"unterminated'; do
	run kb-search -- "$q"
	[ "$rc" -le 1 ]; ok $? "hostile query '$q' is only text (exit $rc)"
done
run kb-search "$(printf 'm\377t')"
status_is 65 "invalid UTF-8"
run kb-search "$(head -c 10001 /dev/zero | tr '\0' 'a')"
status_is 65 "a query over 10,000 bytes"
run kb-search --syntax 'NEAR(a b'
status_is 65 "--syntax errors are data errors"
run kb-search --syntax 'title:password'
status_is 0 "--syntax opts into FTS5 queries"
run kb-search --audience nobody x
status_is 64 "a bad audience"

# versions and the article's life
id=$(kb-new -T "Tạm thời" -m "bản nháp đầu tiên" --review-by 2020-01-01)
is "$id" "31" "kb-new prints the id"
run kb-show "$id"
like "$out" "31  Tạm thời*status: draft  audience: internal  lang: vi  version: 1 of 1*bản nháp đầu tiên" "kb-show text"
run kb-list --stale
is "$(printf '%s' "$out" | cut -f1)" "31" "kb-list --stale"
run kb-show "$id" -o json
like "$out" '*"status":"draft"*"version":1,"versions":1,"uses":0,"review_by":"2020-01-01T00:00:00+00:00"*' "kb-show json"
run kb-show 999
status_is 66 "a missing article"
run kb-show abc
status_is 65 "a malformed id"
run kb-new -T "x" -m "$(printf 'a\377')"
status_is 65 "invalid UTF-8 body"
run kb-new -T "" -m "x"
status_is 65 "an empty title"
run kb-new -m x
status_is 64 "no title"
run kb-new -T x --status gone -m y
status_is 64 "a bad status"
run kb-new -T x
status_is 65 "no body on an empty stdin"
is "$(kb-list | wc -l | tr -d ' ')" "31" "nothing was written by the failures"

# links and suggestions
t=$(ticket-new -s "Không nhận được email đặt lại mật khẩu" -m "Tôi bấm quên mật khẩu nhưng không thấy email")
run kb-suggest "$t"
status_is 0 "kb-suggest"
like "$(printf '%s\n' "$out" | head -1)" "1	Đặt lại mật khẩu tài khoản	*" "the best article first"
run kb-link "$t" 1
status_is 0 "kb-link"
run kb-link "$t" 1
status_is 0 "again is harmless"
run kb-list -o json --tag password
like "$out" '*{"id":1,*"uses":1,*' "kb-list shows the use count"
run ticket-log "$t"
like "$out" "*article		1*" "the link is in the ticket's log"
run kb-link "$t" 999
status_is 66 "a missing article"
run kb-link 999 1
status_is 66 "a missing ticket"
run kb-link "$t"
status_is 64 "two ids are needed"
run kb-log 1
like "$out" "1	1	*	*	*	Đặt lại mật khẩu tài khoản" "kb-log"
run kb-log 999
status_is 66 "kb-log of a missing article"
done_testing
