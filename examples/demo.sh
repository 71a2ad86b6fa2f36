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
# the demo agent's personal configuration (see desk.yaml(5))
defaults:
  priority: normal
  channel: email
YAML
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
	say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
else
	say() { printf '\n$ %s\n' "$*"; }
fi
day=$(date +%Y-%m-%d)
at() { DESK_NOW="${day}T$1:00"; export DESK_NOW; }

say desk-init
desk-init

# what the team decided: calendars (and, later, SLA targets, routing, ...)
here=$(cd "$(dirname "$0")" && pwd)
at 07:55
say desk-policy load examples/policy.yaml
desk-policy load "$here/policy.yaml"
say desk-calendar hcm --from "$day" --to "${day}T23:59"
desk-calendar hcm --from "$day" --to "${day}T23:59"
say desk-calendar hcm --add 4h --at "${day}T16:00"
desk-calendar hcm --add 4h --at "${day}T16:00"

# the team and its knowledge base
team-add billing -d "Invoices, refunds, payments" 
team-add network -d "VPN, office network"
agent-add "$(id -un)" -n "You" --team network --role lead
agent-add lan -n "Nguyễn Thị Lan" -e lan@acme.example --team billing
agent-add wei -n "Wei Zhang" -e wei@acme.example --team billing
kb-new -T "Kết nối VPN bị lỗi 809" -t vpn --status published -m \
	"Lỗi 809: tường lửa chặn cổng UDP 500 và 4500. Mở các cổng này hoặc chuyển VPN sang giao thức SSTP." >/dev/null
kb-new -T "Điều chỉnh hóa đơn bị tính sai" -t billing --status published -m \
	"Khi hóa đơn bị tính hai lần phí dịch vụ, kế toán điều chỉnh và gửi hóa đơn mới trong 3 ngày làm việc." >/dev/null
kb-new -T "修改发票抬头" -t billing --status published -m \
	"如需修改发票抬头，请在账户设置的发票信息中更新公司名称，然后重新开具发票。" >/dev/null
kb-new -T "Export contacts to CSV" -t export --status published --audience public -m \
	"Open Contacts, choose Export and pick CSV. Large exports are emailed to you." >/dev/null

# 08:05 - the morning's mail, chat and phone calls arrive
at 08:05
vpn=$(ticket-new -s "VPN down for the whole Hanoi office" -r linh.tran@example.vn -p urgent -T incident -t vpn \
	-m "Since 8am nobody in the Hanoi office can connect to the VPN. Error 809.")
at 08:12
ticket-new -s "Hóa đơn tháng 11 bị tính sai" -r nguyen.van.an@example.vn -p high -c chat -t billing \
	-m "Chào anh/chị, hóa đơn tháng 11 của công ty tôi bị tính hai lần phí dịch vụ. Đề nghị điều chỉnh." >/dev/null
at 08:30
ticket-new -s "发票抬头需要修改" -r wang.fang@example.cn -c web -t billing \
	-m "我们公司的发票抬头写错了，请帮忙修改为：上海某某科技有限公司。" >/dev/null
at 09:02
csv=$(ticket-new -s "How do I export my contacts to CSV?" -r sam.jones@example.com -p low \
	-m "Is there a way to export all of my contacts into a CSV file?")
at 09:40
ticket-new -s "Đăng nhập không được sau khi đổi mật khẩu" -r pham.thi.mai@example.vn -p high -c phone -t login \
	-m "Khách gọi điện: sau khi đổi mật khẩu thì không đăng nhập được trên ứng dụng di động." >/dev/null

say "ticket-list status:new                       # the morning queue"
ticket-list -o table status:new
say "ticket-list 'priority:>=high' status:new     # what needs attention first"
ticket-list -o table 'priority:>=high' status:new

# 09:45 - triage: billing to the billing team, the VPN outage to you
at 09:45
say "ticket-list tag:billing | ticket-update --team billing"
ticket-list tag:billing | ticket-update --team billing
say "ticket-list team:billing | ticket-assign lan"
ticket-list team:billing | ticket-assign lan
say "ticket-assign me $vpn"
ticket-assign me "$vpn"
say "kb-suggest $vpn                                # what the knowledge base knows"
kb-suggest -o table "$vpn"

# 10:00 - answers go out
at 10:00
say "ticket-reply $vpn -s pending -m ..."
ticket-reply "$vpn" -s pending -m "Chúng tôi đã tìm ra nguyên nhân: tường lửa chặn cổng UDP 500/4500. Vui lòng thử lại sau 10 phút."
kb-link "$vpn" 1
ticket-reply "$csv" -s solved -m "Open Contacts, choose Export and pick CSV. Large exports are emailed to you."
at 10:30
say "ticket-comment $vpn -m ...                    # the customer answers: the ticket reopens"
ticket-comment "$vpn" -m "Đã kết nối lại được, cảm ơn!"
at 10:35
ticket-update -s solved "$vpn"
unset DESK_NOW

say "ticket-log $vpn                               # who did what, when"
ticket-log -o table "$vpn"
say "kb-search dat lai hoa don                     # Vietnamese, typed without diacritics"
kb-search -o table dat lai hoa don
say "kb-search 发票                                 # Chinese"
kb-search -o table 发票
say "ticket-list status:unsolved sort:-priority    # the queue at 10:35"
ticket-list -o table status:unsolved sort:-priority
say "ticket-show $vpn -o json | head -c 400"
ticket-show "$vpn" -o json | head -c 400; echo
printf '\nThe demo desk is %s\nTry:  export DESK_DB=%s PATH=%s:$PATH; ticket-list -o table\n' "$DESK_DB" "$DESK_DB" "$bin"
