#!/bin/sh
# demo.sh - a short scripted day at the desk, run by `make demo`.
# usage: demo.sh BINDIR   (creates BINDIR/../demo/desk.db afresh)
set -eu
bin=$(cd "$1" && pwd)
PATH=$bin:$PATH
demo=$(dirname "$bin")/demo
rm -rf "$demo"
mkdir -p "$demo"
export DESK_DB="$demo/desk.db" TZ="${TZ:-Asia/Ho_Chi_Minh}"
export DESK_CONFIG="$demo/desk.yaml"
cat >"$DESK_CONFIG" <<'YAML'
# the demo desk's configuration (see desk.yaml(5))
desk_name: Acme Support
defaults:
  priority: normal
  channel: email
YAML
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
	say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
else
	say() { printf '\n$ %s\n' "$*"; }
fi

say desk-init
desk-init

# 08:05 - the morning's mail, chat and phone calls arrive
at() { DESK_NOW="$(date +%Y-%m-%d)T$1:00"; export DESK_NOW; }
at 08:05
ticket-new -s "VPN down for the whole Hanoi office" -r linh.tran@example.vn -p urgent -T incident -t vpn -t network \
	-m "Since 8am nobody in the Hanoi office can connect to the VPN. Error 809." >/dev/null
at 08:12
ticket-new -s "Hóa đơn tháng 11 bị tính sai" -r nguyen.van.an@example.vn -p high -c chat -t billing \
	-m "Chào anh/chị, hóa đơn tháng 11 của công ty tôi bị tính hai lần phí dịch vụ. Đề nghị điều chỉnh." >/dev/null
at 08:30
ticket-new -s "发票抬头需要修改" -r wang.fang@example.cn -c web -t billing \
	-m "我们公司的发票抬头写错了，请帮忙修改为：上海某某科技有限公司。" >/dev/null
at 09:02
ticket-new -s "How do I export my contacts to CSV?" -r sam.jones@example.com -p low -T question \
	-m "Is there a way to export all of my contacts into a CSV file?" >/dev/null
at 09:40
ticket-new -s "Đăng nhập không được sau khi đổi mật khẩu" -r pham.thi.mai@example.vn -p high -c phone -t login \
	-m "Khách gọi điện: sau khi đổi mật khẩu thì không đăng nhập được trên ứng dụng di động." >/dev/null
at 10:15
id=$(ticket-new -s "Printer in meeting room 3 jams" -r it-ops@example.com -p low -T task -c api -m "Tray 2 jams on every job.")
unset DESK_NOW

say "ticket-list                                  # the whole queue"
ticket-list -o table
say "ticket-list 'priority:>=high' status:new     # what needs attention first"
ticket-list -o table 'priority:>=high' status:new
say "ticket-list tag:billing -o json | head -c 300"
ticket-list tag:billing -o json | head -c 300; echo
say "ticket-list 'priority:>=high' | ticket-show  # read them, one pipe"
ticket-list 'priority:>=high' | ticket-show
say "ticket-show $id -o json"
ticket-show "$id" -o json
printf '\nThe demo desk is %s\nTry:  DESK_DB=%s %s/ticket-list -o table\n' "$DESK_DB" "$DESK_DB" "$bin"
