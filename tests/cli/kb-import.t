#!/bin/sh
# Knowledge-base articles as Markdown files with front matter: kb-import
# (hand-written articles in vi, zh and en, a broken file, dry runs,
# re-imports, edits making versions), kb-export (names, atomic writes, a
# round trip into a fresh database compared field by field) and kb-edit
# (-m, stdin with front matter, tags, $EDITOR, bad input).
. "$(dirname "$0")/lib.sh"

desk-init -q >/dev/null
src=$T/src
mkdir -p "$src/more" "$src/.hidden"

cat >"$src/1-dat-lai-mat-khau.md" <<'EOF'
---
id: 1
title: Đặt lại mật khẩu
tags: [login, mật-khẩu]
lang: vi
status: published
audience: public
owner: dana
review_by: 2027-01-31
---

Vào **Tài khoản** → *Quên mật khẩu*, rồi làm theo hướng dẫn trong email.

- Liên kết hết hạn sau 30 phút.
EOF
# written on Windows: CRLF, and tags as one string
printf -- '---\r\nid: 2\r\ntitle: "Hóa đơn: sai số tiền"\r\ntags: hóa-đơn, billing\r\nlang: vi\r\n---\r\n\r\nKiểm tra lại mã số thuế trước khi xuất hóa đơn.\r\n' \
	>"$src/2-hoa-don.md"
cat >"$src/3-fapiao.md" <<'EOF'
---
id: 3
title: 发票抬头错误
tags:
  - 发票
  - billing
lang: zh
status: published
---

如需修改发票抬头，请在订单页面提交申请。
EOF
cat >"$src/more/4-vpn.md" <<'EOF'
---
id: 4
title: VPN error 809
tags: [vpn, network]
audience: internal
colour: blue
---

Check that UDP 500 and 4500 reach the firewall.
EOF
cat >"$src/more/5-refund.md" <<'EOF'
---
id: 5
title: 'Refunds: "how long?" # days'
tags: [billing, refund]
lang: en
status: draft
---

Refunds reach the card in 5-10 working days.
EOF
cat >"$src/zz-broken.md" <<'EOF'
---
title: Broken
tags: {not: a list}
---
text
EOF
echo "not markdown" >"$src/notes.txt"
printf -- '---\ntitle: hidden\n---\nx\n' >"$src/.hidden/6-hidden.md"

# ---- kb-import ----
run kb-import -n "$src"
status_is 1 "a dry run with one broken file"
is "$out" "1	created	$src/1-dat-lai-mat-khau.md
2	created	$src/2-hoa-don.md
3	created	$src/3-fapiao.md
4	created	$src/more/4-vpn.md
5	created	$src/more/5-refund.md" "the dry run says what it would do, in name order, subdirectories included"
run kb-list -o tsv
is "$out" "" "the dry run wrote nothing"

run kb-import "$src"
status_is 1 "import: some files worked, one failed"
is "$(printf '%s\n' "$out" | cut -f1,2 | tr '\t\n' ' ')" "1 created 2 created 3 created 4 created 5 created " \
	"five articles created, ids as in the files"
like "$err" "*kb-import: $src/zz-broken.md:3: key 'tags': expected a list of tags, found a mapping*" \
	"the broken file is reported with its line"
like "$err" "*warning: $src/more/4-vpn.md:6: unknown key 'colour' ignored*" "an unknown key is a warning"
case $err in *hidden*|*notes.txt*) ok 1 "hidden and non-.md files are skipped" ;;
*) ok 0 "hidden and non-.md files are skipped" ;; esac
case $err in *files*) ok 1 "no progress when stderr is not a terminal" ;;
*) ok 0 "no progress when stderr is not a terminal" ;; esac
run kb-list -o tsv
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" "5" "kb-list shows five articles"

run kb-show -o json 1
like "$out" '*"title":"Đặt lại mật khẩu","tags":\["login","mật-khẩu"\],"lang":"vi","status":"published","audience":"public","owner":"dana",*"review_by":"2027-01-31T00:00:00+00:00",*' \
	"every front matter field was stored"
like "$out" '*"body":"Vào \*\*Tài khoản\*\* → \*Quên mật khẩu\*, rồi làm theo hướng dẫn trong email.\\n\\n- Liên kết hết hạn sau 30 phút."}*' \
	"the body, without the blank line after the header or the final newline"
run kb-show -o json 2
like "$out" '*"title":"Hóa đơn: sai số tiền","tags":\["billing","hóa-đơn"\]*"body":"Kiểm tra lại mã số thuế trước khi xuất hóa đơn."}*' \
	"a CRLF file with comma-separated tags"
run kb-show -o json 5
like "$out" '*"title":"Refunds: \\"how long?\\" # days"*' "a quoted title with a colon, quotes and '#'"

run kb-import "$src"
status_is 1 "re-import (the broken file still fails)"
is "$(printf '%s\n' "$out" | cut -f2 | sort -u)" "unchanged" "re-import: every file unchanged"
run kb-import "$src/1-dat-lai-mat-khau.md" "$src/more"
status_is 0 "import of a file and a directory"
is "$(printf '%s\n' "$out" | cut -f1,2 | tr '\t\n' ' ')" "1 unchanged 4 unchanged 5 unchanged " "named files and directories"

sed -i 's/30 phút/15 phút/' "$src/1-dat-lai-mat-khau.md"
run kb-import "$src/1-dat-lai-mat-khau.md"
status_is 0 "import of an edited file"
is "$out" "1	updated	$src/1-dat-lai-mat-khau.md" "the edited file is updated"
run kb-show -o json 1
like "$out" '*"version":2,"versions":2,*15 phút*' "a new version with the new text"
run kb-show --version-number 1 -o json 1
like "$out" '*"version":1,*30 phút*' "version 1 keeps the old text"
run kb-log -o tsv 1
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" "2" "kb-log lists both versions"
sed -i 's/^status: draft/status: published/' "$src/more/5-refund.md"
run kb-import "$src/more/5-refund.md"
is "$(printf '%s' "$out" | cut -f2)" "updated" "a changed status is an update"
run kb-show -o json 5
like "$out" '*"status":"published",*"version":1,*' "without a new version"

run kb-import "$src/zz-broken.md"
status_is 65 "every file failed"
run kb-import "$T/nope" "$src"
status_is 66 "a named directory that does not exist"
like "$err" "kb-import: cannot open '$T/nope': No such file or directory" "and says which"
run kb-list -o tsv
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" "5" "nothing was imported"
printf -- '---\ntitle: x\n' >"$T/open.md"
run kb-import "$T/open.md"
status_is 65 "an unterminated header"
is "$err" "kb-import: $T/open.md:1: front matter never closed" "names the file and line 1"
printf -- '---\ntitle: caf\351\n---\nx\n' >"$T/latin1.md"
run kb-import "$T/latin1.md"
status_is 65 "invalid UTF-8"
is "$err" "kb-import: $T/latin1.md:2: invalid UTF-8" "names the line"
printf 'Just text, no header.\n' >"$T/plain.md"
run kb-import "$T/plain.md"
status_is 65 "a new article without a title"
like "$err" "kb-import: $T/plain.md: no title*" "says so"
run kb-import
status_is 64 "no operands"

if command -v script >/dev/null 2>&1; then
	script -qec "kb-import -n $src/more $src/1-dat-lai-mat-khau.md" /dev/null >"$T/tty" 2>&1
	like "$(cat "$T/tty")" "*kb-import: 3/3 files*" "progress on stderr when it is a terminal"
else
	echo "ok $((ntest += 1)) # skip script(1) is not installed"
fi

# ---- kb-export ----
run kb-export "$T/out/kb"
status_is 0 "kb-export into a new directory"
is "$out" "$T/out/kb/1-dat-lai-mat-khau.md
$T/out/kb/2-hoa-don-sai-so-tien.md
$T/out/kb/3.md
$T/out/kb/4-vpn-error-809.md
$T/out/kb/5-refunds-how-long-days.md" "one file per article, named ID-slug.md (a Chinese title gives ID.md)"
is "$(ls -A "$T/out/kb" | wc -l | tr -d ' ')" "5" "no temporary files left behind"
is "$(head -n 4 "$T/out/kb/5-refunds-how-long-days.md")" '---
id: 5
title: "Refunds: \"how long?\" # days"
tags: [billing, refund]' "titles that need quotes are quoted"
is "$(stat -c %a "$T/out/kb/3.md")" "644" "files get 0666 less the umask"
run kb-export --status published "$T/pub"
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" "3" "--status"
run kb-export --tag billing --audience internal "$T/bill"
is "$out" "$T/bill/2-hoa-don-sai-so-tien.md
$T/bill/3.md
$T/bill/5-refunds-how-long-days.md" "--tag and --audience"
run kb-export --status bogus "$T/x"
status_is 64 "a bad --status"

# round trip: export, import into an empty database, compare every field
run kb-edit --review-by 2027-03-01T15:30 --owner minh 4
status_is 0 "a review time that is not midnight"
kb-export "$T/rt" >/dev/null
run kb-import --db "$T/two.db" "$T/rt"
status_is 0 "import of the export into an empty database"
is "$(printf '%s\n' "$out" | cut -f1,2 | tr '\t\n' ' ')" "1 created 2 created 3 created 4 created 5 created " \
	"every article created, with its id"
is "$err" "" "without warnings"
# the fields a file carries (review dates by day); not ids, authors or times
fields() {
	kb-show -o jsonl "$@" 1 2 3 4 5 | sed -e 's/^{"id":[0-9]*,/{/' \
		-e 's/,"author":"[^"]*","version":[0-9]*,"versions":[0-9]*,"uses":[0-9]*,/,/' \
		-e 's/"review_by":"\([0-9-]*\)T[^"]*"/"review_by":"\1"/' \
		-e 's/,"created":"[^"]*","updated":"[^"]*","version_at":"[^"]*",/,/'
}
fields >"$T/one.json"
fields --db "$T/two.db" >"$T/two.json"
is "$(cat "$T/two.json")" "$(cat "$T/one.json")" \
	"round trip: titles, bodies, tags, statuses, audiences, langs, owners and review dates are the same"
like "$(cat "$T/one.json")" '*"owner":"minh","review_by":"2027-03-01","body"*' "the comparison covers the edited fields"
kb-export --db "$T/two.db" "$T/rt2" >/dev/null
is "$(cd "$T/rt2" && cat *.md)" "$(cd "$T/rt" && cat *.md)" "and the second export is the same as the first"
run kb-import "$T/rt"
is "$(printf '%s\n' "$out" | cut -f2 | sort -u)" "unchanged" "importing an export back changes nothing"

# a renamed article: the export replaces its old file
run kb-edit -T "VPN lỗi 809" 4
kb-export "$T/rt" >"$T/paths"
is "$(ls "$T/rt" | tr '\n' ' ')" "1-dat-lai-mat-khau.md 2-hoa-don-sai-so-tien.md 3.md 4-vpn-loi-809.md 5-refunds-how-long-days.md " \
	"the old file of a renamed article is removed"

# ---- kb-edit ----
run kb-edit -m "Refunds take 5 to 10 working days." 5
status_is 0 "kb-edit -m"
is "$out" "" "prints nothing"
run kb-show -o json 5
like "$out" '*"version":2,*"body":"Refunds take 5 to 10 working days."}*' "the new text is a new version"
run kb-edit -t +faq -t -billing -t Extra 5
status_is 0 "kb-edit -t"
run kb-show -o json 5
like "$out" '*"tags":\["extra","faq","refund"\]*' "+TAG adds, -TAG removes, a bare TAG adds"
runin '---
title: Hoàn tiền
status: archived
tags: [refund, vi]
---

Tiền hoàn về thẻ sau 5-10 ngày làm việc.
' kb-edit 5
status_is 0 "kb-edit with front matter on stdin"
run kb-show -o json 5
like "$out" '*"title":"Hoàn tiền","tags":\["refund","vi"\],*"status":"archived",*"body":"Tiền hoàn về thẻ sau 5-10 ngày làm việc."}*' \
	"the front matter changes those fields too"
runin 'Plain text from a pipe.' kb-edit -t +pipe 5
run kb-show -o json 5
like "$out" '*"tags":\["pipe","refund","vi"\],*"body":"Plain text from a pipe."}*' "stdin without a header is the text; options apply"
runin '---
id: 4
---
x
' kb-edit 5
status_is 65 "stdin naming another article"
run kb-edit --status published 5
status_is 0 "options alone (stdin empty)"
run kb-show -o json 5
like "$out" '*"status":"published",*"body":"Plain text from a pipe."}*' "keep the text"
runin '---
tags: [ok, "bad tag"]
---
' kb-edit 5
status_is 65 "bad front matter on stdin"
like "$err" "kb-edit: stdin:2: key 'tags': bad tag 'bad tag'*" "names stdin and the line"
run kb-edit abc -m x
status_is 65 "a bad article id"
run kb-edit 99 -m x
status_is 66 "no such article"
like "$err" "kb-edit: no article '99'" "says so"
run kb-edit --status bogus 5
status_is 64 "a bad status"
run kb-edit 1 2
status_is 64 "two ids"
run kb-edit -T "" 5
status_is 65 "an empty title"
run kb-edit -t +"a b" 5
status_is 65 "a bad tag"

if command -v script >/dev/null 2>&1; then
	v=$(kb-show -o jsonl 4 | sed 's/.*"version":\([0-9]*\),.*/\1/')
	EDITOR='sed -i s/firewall/FIREWALL/' script -qec "kb-edit 4" /dev/null >"$T/tty" 2>&1
	rc=$?
	status_is 0 "kb-edit opens \$EDITOR on a terminal"
	run kb-show -o json 4
	like "$out" '*"body":"Check that UDP 500 and 4500 reach the FIREWALL."}*' "and applies what the editor saved"
	like "$out" "*\"version\":$((v + 1)),*" "as a new version"
	EDITOR='sed -i s/^status:.*/status:\ published/' script -qec "kb-edit 4" /dev/null >"$T/tty" 2>&1
	run kb-show -o json 4
	like "$out" "*\"status\":\"published\",*\"version\":$((v + 1)),*" "a field changed in the editor (no new version)"
	EDITOR=true script -qec "kb-edit 4" /dev/null >"$T/tty" 2>&1
	rc=$?
	status_is 0 "an editor that changes nothing"
	like "$(cat "$T/tty")" "*kb-edit: no change*" "says no change"
	EDITOR='sed -i s/^status:.*/status:\ bogus/' script -qec "kb-edit 4" /dev/null >"$T/tty" 2>&1
	rc=$?
	status_is 65 "a bad value saved in the editor"
	kept=$(sed -n "s/.*the edited text is kept in '\(.*\)'.*/\1/p" "$T/tty" | tr -d '\r')
	ok "$([ -n "$kept" ] && grep -q 'status: bogus' "$kept"; echo $?)" "the edited text is kept"
	rm -f "$kept"
else
	for i in 1 2 3 4 5 6 7 8 9; do echo "ok $((ntest += 1)) # skip script(1) is not installed"; done
fi

done_testing
