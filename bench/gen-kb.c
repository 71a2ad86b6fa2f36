/*
 * gen-kb.c - generate a realistic multilingual knowledge base for the
 * benchmarks, through libdesk's own writer.
 *
 *   gen-kb -n ARTICLES [-s SEED] [-b BATCH] OUT.db
 *   gen-kb --rebuild DB     time INSERT INTO kb_fts(kb_fts) VALUES('rebuild')
 *   gen-kb --info DB        articles, text bytes, index bytes, file bytes
 *
 * The database is created by libdesk (desk_open with DESK_OPEN_CREATE) and
 * every article goes in through desk_kb_create, the function kb-new and
 * kb-import call: checks, tags, language guess, the article row, its
 * full-text entry (the desk tokenizer), kb_tags and the event, in BATCH
 * articles per transaction (default 10,000) with libdesk's own connection
 * settings. The time spent in desk_kb_create and the commits is the
 * "per-article path" (create_seconds; seconds is the whole run, text
 * generation included). --rebuild measures the
 * other way to build the index: from the stored articles in one statement
 * (run it on a copy; the Makefile does).
 *
 * What the articles look like: a support knowledge base of 16 topics
 * (passwords, two-factor sign-in, invoices, refunds, payments and
 * subscriptions, VPN, Wi-Fi, email, shipping, returns, accounts, printers,
 * calendars, exports and imports, the mobile app, permissions), each with
 * parallel phrase sets in English, Vietnamese (diacritics, đ/Đ),
 * Simplified and Traditional Chinese: titles, symptoms, steps, plus common
 * intros, causes, general steps and notes. A title is a topic title with
 * the product, version and platform it is about ("Invoice amount is wrong
 * - DeskPay 3.2 on iPad"), unique across the base. Bodies are an intro,
 * Symptoms, Cause, numbered Steps and Notes, grown to a length drawn around
 * 1 KB (lognormal, 400 B to 4 KB). About 40% English, 30% Vietnamese, 15%
 * Simplified and 10% Traditional Chinese, 5% bilingual (a title and body in
 * two languages, as teams write for mixed audiences). Tags: 1-3 topic tags,
 * sometimes one in the article's language (hóa-đơn, 发票) and a general one
 * (faq, how-to, known-issue). 85% published, 10% draft, 5% archived; 55%
 * public; owners among 30 agents; 40% with a review date; created over
 * three years before "now".
 *
 * The output depends only on the seed, "now" ($DESK_NOW or the clock; only
 * the dates) and nothing else.
 */
#include <desk.h>

#include <getopt.h>
#include <math.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define DAY 86400

#include "rng.h"

/* ---------------------------------------------------------------- text */

enum lang { EN, VI, ZHS, ZHT, NLANG };

static const char *const products[] = {
	"Acme Mail", "DeskPay", "Orbit VPN", "CloudDrive", "PrintHub P300", "ShopFront",
	"TeamCal", "Ledger Pro", "FieldApp", "Nimbus Portal", "HelioPOS", "Kanso CRM",
};

static const char *const platforms[NLANG][8] = {
	{ "Windows 11", "Windows 10", "macOS", "iPhone", "Android", "the web app", "Linux", "iPad" },
	{ "Windows 11", "Windows 10", "macOS", "iPhone", "Android", "bản web", "Linux", "iPad" },
	{ "Windows 11", "Windows 10", "macOS", "iPhone", "安卓", "网页版", "Linux", "iPad" },
	{ "Windows 11", "Windows 10", "macOS", "iPhone", "Android", "網頁版", "Linux", "iPad" },
};

struct topic {
	const char *tags[3];
	const char *ltag[NLANG]; /* a tag in the language, or NULL */
	int products[3];
	const char *title[NLANG][4];
	const char *symptom[NLANG][3];
	const char *step[NLANG][5];
};

static const struct topic topics[] = {
	{ /* passwords */
		{ "password", "login", "account" }, { NULL, "mật-khẩu", "密码", "密碼" }, { 9, 0, 11 },
		{ { "Reset your forgotten password", "Password reset email does not arrive",
		    "Change your password after an expiry warning", "Password rejected as too weak" },
		  { "Đặt lại mật khẩu khi quên", "Không nhận được email đặt lại mật khẩu",
		    "Đổi mật khẩu khi có cảnh báo hết hạn", "Mật khẩu bị từ chối vì quá yếu" },
		  { "忘记密码后如何重置", "收不到重置密码的邮件", "密码过期提醒后修改密码", "密码强度不够被拒绝" },
		  { "忘記密碼後如何重設", "收不到重設密碼的郵件", "密碼到期提醒後變更密碼", "密碼強度不足被拒絕" } },
		{ { "The sign-in page says the password is incorrect even though it was just changed.",
		    "The password reset link in the email has expired or shows an error.",
		    "The account asks for a new password every 90 days and rejects the old one." },
		  { "Trang đăng nhập báo sai mật khẩu dù vừa mới đổi.",
		    "Đường dẫn đặt lại mật khẩu trong email đã hết hạn hoặc báo lỗi.",
		    "Tài khoản yêu cầu đổi mật khẩu mỗi 90 ngày và không nhận mật khẩu cũ." },
		  { "登录页面提示密码错误，但刚刚才修改过。", "邮件中的重置密码链接已过期或打开报错。",
		    "账户每90天要求修改密码，并且不接受旧密码。" },
		  { "登入頁面顯示密碼錯誤，但剛剛才變更過。", "郵件中的重設密碼連結已過期或開啟時出錯。",
		    "帳戶每90天要求變更密碼，且不接受舊密碼。" } },
		{ { "Open the sign-in page and choose Forgot password.",
		    "Enter the email address of your account and press Send reset link.",
		    "Open the reset email within 30 minutes and click the link.",
		    "Choose a new password of at least 12 characters with a number and a symbol.",
		    "Sign in again on every device with the new password." },
		  { "Mở trang đăng nhập và chọn Quên mật khẩu.",
		    "Nhập địa chỉ email của tài khoản rồi bấm Gửi liên kết đặt lại.",
		    "Mở email đặt lại trong vòng 30 phút và bấm vào đường dẫn.",
		    "Chọn mật khẩu mới dài ít nhất 12 ký tự, có chữ số và ký hiệu.",
		    "Đăng nhập lại trên mọi thiết bị bằng mật khẩu mới." },
		  { "打开登录页面，点击“忘记密码”。", "输入账户的邮箱地址，点击“发送重置链接”。",
		    "在30分钟内打开重置邮件并点击链接。", "设置至少12位、包含数字和符号的新密码。",
		    "在所有设备上用新密码重新登录。" },
		  { "開啟登入頁面，點選「忘記密碼」。", "輸入帳戶的電子郵件地址，點選「傳送重設連結」。",
		    "在30分鐘內開啟重設郵件並點選連結。", "設定至少12個字元、包含數字和符號的新密碼。",
		    "在所有裝置上用新密碼重新登入。" } },
	},
	{ /* two-factor */
		{ "2fa", "login", "security" }, { NULL, "bảo-mật", "安全", "安全" }, { 9, 8, 11 },
		{ { "Set up two-factor authentication with an authenticator app", "Two-factor code is rejected",
		    "Lost phone: recover access without the two-factor code", "Turn on SMS verification codes" },
		  { "Bật xác thực hai lớp bằng ứng dụng Authenticator", "Mã xác thực hai lớp bị từ chối",
		    "Mất điện thoại: lấy lại quyền truy cập khi không có mã xác thực", "Bật mã xác minh qua SMS" },
		  { "使用验证器应用开启两步验证", "两步验证码被拒绝", "手机丢失后如何在没有验证码的情况下登录",
		    "开启短信验证码" },
		  { "使用驗證器應用程式開啟兩步驟驗證", "兩步驟驗證碼被拒絕", "手機遺失後如何在沒有驗證碼的情況下登入",
		    "開啟簡訊驗證碼" } },
		{ { "The six-digit code from the authenticator app is rejected as invalid.",
		    "The verification code by SMS never arrives.",
		    "The user changed phones and can no longer produce a two-factor code." },
		  { "Mã 6 số từ ứng dụng xác thực bị báo không hợp lệ.", "Mã xác minh qua SMS không bao giờ đến.",
		    "Người dùng đổi điện thoại và không còn tạo được mã xác thực hai lớp." },
		  { "验证器应用生成的6位验证码提示无效。", "短信验证码一直收不到。", "用户换了手机，无法再生成两步验证码。" },
		  { "驗證器應用程式產生的6位數驗證碼顯示無效。", "簡訊驗證碼一直收不到。",
		    "使用者換了手機，無法再產生兩步驟驗證碼。" } },
		{ { "Go to Settings → Security → Two-factor authentication.",
		    "Scan the QR code with Google Authenticator or Microsoft Authenticator.",
		    "Check that the clock on the phone is set automatically; codes depend on the time.",
		    "Enter one of the backup codes you saved when you enabled two-factor authentication.",
		    "Ask an administrator to reset two-factor authentication for the account." },
		  { "Vào Cài đặt → Bảo mật → Xác thực hai lớp.",
		    "Quét mã QR bằng Google Authenticator hoặc Microsoft Authenticator.",
		    "Kiểm tra đồng hồ điện thoại được đặt tự động; mã phụ thuộc vào thời gian.",
		    "Nhập một trong các mã dự phòng đã lưu khi bật xác thực hai lớp.",
		    "Nhờ quản trị viên đặt lại xác thực hai lớp cho tài khoản." },
		  { "进入“设置 → 安全 → 两步验证”。", "用 Google Authenticator 或 Microsoft Authenticator 扫描二维码。",
		    "确认手机时间设置为自动同步，验证码依赖时间。", "输入开启两步验证时保存的备用码。",
		    "请管理员为该账户重置两步验证。" },
		  { "進入「設定 → 安全性 → 兩步驟驗證」。", "用 Google Authenticator 或 Microsoft Authenticator 掃描 QR 碼。",
		    "確認手機時間設為自動同步，驗證碼依賴時間。", "輸入開啟兩步驟驗證時儲存的備用碼。",
		    "請管理員為該帳戶重設兩步驟驗證。" } },
	},
	{ /* invoices */
		{ "billing", "invoice", "finance" }, { NULL, "hóa-đơn", "发票", "發票" }, { 1, 7, 5 },
		{ { "Correct the company name on an invoice", "Invoice amount is wrong", "Download past invoices as PDF",
		    "Add a VAT number to your invoices" },
		  { "Sửa tên công ty trên hóa đơn", "Số tiền trên hóa đơn bị sai", "Tải hóa đơn cũ dưới dạng PDF",
		    "Thêm mã số thuế vào hóa đơn" },
		  { "修改发票上的公司名称", "发票金额错误", "下载历史发票PDF", "在发票上添加税号" },
		  { "修改發票上的公司名稱", "發票金額錯誤", "下載歷史發票PDF", "在發票上新增統一編號" } },
		{ { "The invoice shows the wrong company name or tax number.",
		    "The customer was charged twice and the invoice amount does not match the order.",
		    "The invoice for last month is missing from the billing page." },
		  { "Hóa đơn ghi sai tên công ty hoặc mã số thuế.",
		    "Khách hàng bị tính tiền hai lần và số tiền trên hóa đơn không khớp với đơn hàng.",
		    "Hóa đơn tháng trước không có trong trang thanh toán." },
		  { "发票抬头或税号填写错误。", "客户被重复扣款，发票金额与订单不符。", "账单页面里找不到上个月的发票。" },
		  { "發票抬頭或統一編號填寫錯誤。", "客戶被重複扣款，發票金額與訂單不符。", "帳單頁面裡找不到上個月的發票。" } },
		{ { "Open Billing → Invoices and select the invoice.",
		    "Check the billing address and VAT number under Billing details.",
		    "Click Request correction and describe what is wrong on the invoice.",
		    "The finance team issues a corrected invoice within 3 business days.",
		    "Download the invoice as PDF and forward it to your accountant." },
		  { "Mở mục Thanh toán → Hóa đơn và chọn hóa đơn cần sửa.",
		    "Kiểm tra địa chỉ xuất hóa đơn và mã số thuế trong Thông tin thanh toán.",
		    "Bấm Yêu cầu điều chỉnh và mô tả chỗ sai trên hóa đơn.",
		    "Bộ phận kế toán sẽ gửi hóa đơn điều chỉnh trong 3 ngày làm việc.",
		    "Tải hóa đơn dạng PDF và gửi cho kế toán của bạn." },
		  { "打开“账单 → 发票”，选择需要修改的发票。", "在“账单信息”中核对开票地址和税号。",
		    "点击“申请更正”，说明发票哪里有误。", "财务部门会在3个工作日内开具更正后的发票。",
		    "下载PDF格式的发票并转发给财务。" },
		  { "開啟「帳單 → 發票」，選擇需要修改的發票。", "在「帳單資訊」中核對開立地址和統一編號。",
		    "點選「申請更正」，說明發票哪裡有誤。", "財務部門會在3個工作天內開立更正後的發票。",
		    "下載PDF格式的發票並轉寄給會計。" } },
	},
	{ /* refunds */
		{ "refund", "billing", "payment" }, { NULL, "hoàn-tiền", "退款", "退款" }, { 5, 1, 10 },
		{ { "How long a refund takes", "Request a refund for a cancelled order",
		    "Refund not received after cancellation", "Partial refund for a damaged item" },
		  { "Hoàn tiền mất bao lâu", "Yêu cầu hoàn tiền cho đơn hàng đã hủy",
		    "Chưa nhận được tiền hoàn sau khi hủy đơn", "Hoàn tiền một phần cho sản phẩm bị hỏng" },
		  { "退款需要多久到账", "为已取消的订单申请退款", "取消订单后没有收到退款", "商品损坏申请部分退款" },
		  { "退款需要多久入帳", "為已取消的訂單申請退款", "取消訂單後沒有收到退款", "商品損壞申請部分退款" } },
		{ { "The order was cancelled but the refund has not appeared on the card.",
		    "The customer asks for a refund after being charged twice.",
		    "Only part of the amount was refunded." },
		  { "Đơn hàng đã hủy nhưng tiền chưa được hoàn về thẻ.",
		    "Khách hàng yêu cầu hoàn tiền vì bị trừ tiền hai lần.", "Chỉ một phần số tiền được hoàn lại." },
		  { "订单已取消，但退款还没有退回到银行卡。", "客户被重复扣款，要求退款。", "只退回了部分金额。" },
		  { "訂單已取消，但退款還沒有退回信用卡。", "客戶被重複扣款，要求退款。", "只退回了部分金額。" } },
		{ { "Open Orders and select the cancelled order.", "Click Request refund and choose the reason.",
		    "Refunds go back to the original payment method.",
		    "Card refunds take 5 to 7 business days; bank transfers up to 10.",
		    "If the refund is late, send us the transaction ID from your bank statement." },
		  { "Mở mục Đơn hàng và chọn đơn đã hủy.", "Bấm Yêu cầu hoàn tiền và chọn lý do.",
		    "Tiền được hoàn về phương thức thanh toán ban đầu.",
		    "Hoàn tiền về thẻ mất 5 đến 7 ngày làm việc; chuyển khoản ngân hàng tối đa 10 ngày.",
		    "Nếu chậm, hãy gửi mã giao dịch trên sao kê ngân hàng cho chúng tôi." },
		  { "打开“我的订单”，选择已取消的订单。", "点击“申请退款”并选择原因。", "退款将原路退回到付款方式。",
		    "银行卡退款需要5到7个工作日，银行转账最长10个工作日。", "如果退款延迟，请把银行流水上的交易号发给我们。" },
		  { "開啟「我的訂單」，選擇已取消的訂單。", "點選「申請退款」並選擇原因。", "退款將退回原付款方式。",
		    "信用卡退款需要5到7個工作天，銀行轉帳最長10個工作天。", "如果退款延遲，請提供銀行對帳單上的交易編號。" } },
	},
	{ /* payments and subscriptions */
		{ "payment", "subscription", "billing" }, { NULL, "thanh-toán", "订阅", "訂閱" }, { 1, 7, 9 },
		{ { "Update the credit card for your subscription", "Payment declined when renewing the plan",
		    "Switch from monthly to yearly billing", "Cancel a subscription" },
		  { "Cập nhật thẻ thanh toán cho gói đăng ký", "Thanh toán bị từ chối khi gia hạn gói",
		    "Chuyển từ thanh toán hàng tháng sang hàng năm", "Hủy gói đăng ký" },
		  { "更新订阅使用的信用卡", "续费时付款被拒", "从按月付费改为按年付费", "取消订阅" },
		  { "更新訂閱使用的信用卡", "續訂時付款被拒", "從按月付費改為按年付費", "取消訂閱" } },
		{ { "The renewal payment was declined by the bank.",
		    "The card on file has expired and the plan is about to be suspended.",
		    "The customer wants to change the plan without losing data." },
		  { "Ngân hàng từ chối khoản thanh toán gia hạn.", "Thẻ đã lưu hết hạn và gói dịch vụ sắp bị tạm ngưng.",
		    "Khách hàng muốn đổi gói mà không mất dữ liệu." },
		  { "续费扣款被银行拒绝。", "绑定的信用卡已过期，套餐即将被暂停。", "客户想更换套餐但不丢失数据。" },
		  { "續訂扣款被銀行拒絕。", "綁定的信用卡已過期，方案即將被暫停。", "客戶想變更方案但不遺失資料。" } },
		{ { "Open Billing → Subscription.", "Click Update payment method and enter the new card.",
		    "Choose Monthly or Yearly and confirm the change.", "The new price applies from the next billing date.",
		    "Cancelling keeps the account active until the end of the paid period." },
		  { "Mở Thanh toán → Gói đăng ký.", "Bấm Cập nhật phương thức thanh toán và nhập thẻ mới.",
		    "Chọn Hàng tháng hoặc Hàng năm rồi xác nhận.", "Giá mới được áp dụng từ kỳ thanh toán tiếp theo.",
		    "Khi hủy, tài khoản vẫn hoạt động đến hết thời gian đã trả tiền." },
		  { "打开“账单 → 订阅”。", "点击“更新付款方式”并输入新的信用卡。", "选择按月或按年并确认。",
		    "新价格从下一个账单日开始生效。", "取消后账户在已付费期间内仍可使用。" },
		  { "開啟「帳單 → 訂閱」。", "點選「更新付款方式」並輸入新的信用卡。", "選擇按月或按年並確認。",
		    "新價格從下一個帳單日開始生效。", "取消後帳戶在已付費期間內仍可使用。" } },
	},
	{ /* VPN */
		{ "vpn", "network", "remote-access" }, { NULL, NULL, NULL, NULL }, { 2, 9, 3 },
		{ { "VPN connection fails with error 809", "VPN disconnects every few minutes",
		    "Set up the VPN for new employees", "Cannot reach network drives over VPN" },
		  { "Kết nối VPN báo lỗi 809", "VPN bị ngắt sau vài phút", "Cài đặt VPN cho nhân viên mới",
		    "Không truy cập được ổ đĩa mạng qua VPN" },
		  { "VPN连接失败，错误809", "VPN每隔几分钟断开", "为新员工配置VPN", "通过VPN无法访问网络驱动器" },
		  { "VPN連線失敗，錯誤809", "VPN每隔幾分鐘斷線", "為新進員工設定VPN", "透過VPN無法存取網路磁碟機" } },
		{ { "The VPN client shows error 809 and does not connect.",
		    "The VPN connects but drops after a few minutes.",
		    "Internal websites and shared drives are unreachable while on the VPN." },
		  { "Phần mềm VPN báo lỗi 809 và không kết nối được.", "VPN kết nối được nhưng bị ngắt sau vài phút.",
		    "Không mở được trang nội bộ và thư mục dùng chung khi bật VPN." },
		  { "VPN客户端提示错误809，无法连接。", "VPN能连上，但几分钟后就断开。", "连接VPN后无法访问内部网站和共享盘。" },
		  { "VPN用戶端顯示錯誤809，無法連線。", "VPN能連上，但幾分鐘後就斷線。", "連上VPN後無法存取內部網站和共用資料夾。" } },
		{ { "Check that the internet connection works without the VPN.",
		    "Ask the network team to open UDP ports 500 and 4500 on the firewall.",
		    "Switch the VPN protocol from IKEv2 to SSTP in the client settings.",
		    "Install the latest version of the VPN client and restart the computer.",
		    "Sign in with your company account; the VPN uses single sign-on." },
		  { "Kiểm tra mạng internet vẫn hoạt động khi tắt VPN.",
		    "Nhờ bộ phận mạng mở cổng UDP 500 và 4500 trên tường lửa.",
		    "Đổi giao thức VPN từ IKEv2 sang SSTP trong phần cài đặt.",
		    "Cài phiên bản mới nhất của phần mềm VPN rồi khởi động lại máy.",
		    "Đăng nhập bằng tài khoản công ty; VPN dùng đăng nhập một lần." },
		  { "先确认不连VPN时网络正常。", "请网络组在防火墙上开放UDP 500和4500端口。",
		    "在客户端设置中把VPN协议从IKEv2改为SSTP。", "安装最新版VPN客户端并重启电脑。",
		    "使用公司账号登录，VPN支持单点登录。" },
		  { "先確認不連VPN時網路正常。", "請網路組在防火牆上開放UDP 500和4500連接埠。",
		    "在用戶端設定中把VPN通訊協定從IKEv2改為SSTP。", "安裝最新版VPN用戶端並重新開機。",
		    "使用公司帳號登入，VPN支援單一登入。" } },
	},
	{ /* Wi-Fi */
		{ "wifi", "network", "office" }, { NULL, "mạng", "网络", "網路" }, { 2, 8, 9 },
		{ { "Connect to the office Wi-Fi", "Wi-Fi keeps dropping in meeting rooms",
		    "Guest Wi-Fi password for visitors", "Slow Wi-Fi on the third floor" },
		  { "Kết nối Wi-Fi văn phòng", "Wi-Fi bị rớt trong phòng họp", "Mật khẩu Wi-Fi cho khách",
		    "Wi-Fi tầng 3 rất chậm" },
		  { "连接办公室无线网络", "会议室里Wi-Fi经常断线", "访客Wi-Fi密码", "三楼Wi-Fi速度很慢" },
		  { "連線辦公室無線網路", "會議室裡Wi-Fi經常斷線", "訪客Wi-Fi密碼", "三樓Wi-Fi速度很慢" } },
		{ { "The laptop sees the office network but cannot connect.",
		    "The connection drops when moving between meeting rooms.",
		    "Video calls freeze on the wireless network." },
		  { "Máy tính thấy mạng văn phòng nhưng không kết nối được.",
		    "Kết nối bị rớt khi di chuyển giữa các phòng họp.",
		    "Cuộc gọi video bị đứng hình khi dùng mạng không dây." },
		  { "笔记本能看到办公网络但连不上。", "在会议室之间走动时网络会断开。", "使用无线网络开视频会议时画面卡顿。" },
		  { "筆電能看到辦公室網路但連不上。", "在會議室之間移動時網路會中斷。", "使用無線網路開視訊會議時畫面卡頓。" } },
		{ { "Forget the network on the device and connect again.",
		    "Choose the Corp-Secure network and sign in with your company account.",
		    "Visitors use the Guest network; the password changes every Monday.",
		    "Update the wireless driver from the manufacturer's website.",
		    "Use a network cable for long video calls if the signal is weak." },
		  { "Xóa mạng đã lưu trên thiết bị rồi kết nối lại.",
		    "Chọn mạng Corp-Secure và đăng nhập bằng tài khoản công ty.",
		    "Khách dùng mạng Guest; mật khẩu đổi vào thứ Hai hằng tuần.",
		    "Cập nhật driver mạng không dây từ trang của nhà sản xuất.",
		    "Dùng dây mạng cho các cuộc gọi dài nếu sóng yếu." },
		  { "在设备上忘记该网络后重新连接。", "选择 Corp-Secure 网络并用公司账号登录。",
		    "访客使用 Guest 网络，密码每周一更换。", "从厂商网站更新无线网卡驱动。", "信号弱时，长时间视频会议请使用网线。" },
		  { "在裝置上忘記該網路後重新連線。", "選擇 Corp-Secure 網路並用公司帳號登入。",
		    "訪客使用 Guest 網路，密碼每週一更換。", "從廠商網站更新無線網卡驅動程式。",
		    "訊號弱時，長時間視訊會議請使用網路線。" } },
	},
	{ /* email */
		{ "email", "outlook", "mailbox" }, { NULL, "thư-điện-tử", "邮件", "郵件" }, { 0, 11, 9 },
		{ { "Emails stuck in the Outbox", "Outlook keeps asking for the password", "Add a shared mailbox in Outlook",
		    "Customer emails land in the spam folder" },
		  { "Email bị kẹt trong Hộp thư đi", "Outlook liên tục hỏi mật khẩu", "Thêm hộp thư dùng chung vào Outlook",
		    "Email khách hàng bị vào thư rác" },
		  { "邮件卡在发件箱", "Outlook反复要求输入密码", "在Outlook中添加共享邮箱", "客户邮件进了垃圾邮件" },
		  { "郵件卡在寄件匣", "Outlook反覆要求輸入密碼", "在Outlook中新增共用信箱", "客戶郵件被歸到垃圾郵件" } },
		{ { "Messages stay in the Outbox and are never sent.", "Outlook shows a password prompt every few minutes.",
		    "Replies from customers go to the junk folder." },
		  { "Thư nằm trong Hộp thư đi và không được gửi.", "Outlook hiện hộp thoại mật khẩu vài phút một lần.",
		    "Thư trả lời của khách hàng bị chuyển vào thư mục thư rác." },
		  { "邮件一直停留在发件箱里发不出去。", "Outlook每隔几分钟就弹出密码框。", "客户的回复被放进了垃圾邮件文件夹。" },
		  { "郵件一直停在寄件匣裡寄不出去。", "Outlook每隔幾分鐘就跳出密碼視窗。", "客戶的回覆被放進垃圾郵件資料夾。" } },
		{ { "Check the size of the attachments; the limit is 25 MB.", "Remove the account from Outlook and add it again.",
		    "Open File → Account settings → Shared mailboxes and add the address.",
		    "Mark the sender as safe and create a rule for the domain.",
		    "Ask IT to check the SPF and DKIM records of the domain." },
		  { "Kiểm tra dung lượng tệp đính kèm; giới hạn là 25 MB.", "Xóa tài khoản khỏi Outlook rồi thêm lại.",
		    "Mở Tệp → Cài đặt tài khoản → Hộp thư dùng chung và thêm địa chỉ.",
		    "Đánh dấu người gửi là an toàn và tạo quy tắc cho tên miền.",
		    "Nhờ IT kiểm tra bản ghi SPF và DKIM của tên miền." },
		  { "检查附件大小，上限为25 MB。", "在Outlook中删除账户后重新添加。", "打开“文件 → 账户设置 → 共享邮箱”并添加地址。",
		    "将发件人标记为安全，并为该域名创建规则。", "请IT检查域名的SPF和DKIM记录。" },
		  { "檢查附件大小，上限為25 MB。", "在Outlook中移除帳戶後重新新增。", "開啟「檔案 → 帳戶設定 → 共用信箱」並新增地址。",
		    "將寄件者標記為安全，並為該網域建立規則。", "請IT檢查網域的SPF和DKIM記錄。" } },
	},
	{ /* shipping */
		{ "shipping", "delivery", "order" }, { NULL, "giao-hàng", "物流", "物流" }, { 5, 10, 8 },
		{ { "Change the delivery address of an order", "Track a shipment", "Delivery is late",
		    "Shipping to another country" },
		  { "Đổi địa chỉ giao hàng của đơn hàng", "Theo dõi đơn vận chuyển", "Giao hàng bị chậm",
		    "Giao hàng ra nước ngoài" },
		  { "修改订单的收货地址", "查询物流信息", "快递延迟送达", "寄送到其他国家" },
		  { "修改訂單的收貨地址", "查詢物流資訊", "包裹延遲送達", "寄送到其他國家" } },
		{ { "The customer entered an old delivery address.", "The tracking number shows no updates for several days.",
		    "The parcel was marked as delivered but never arrived." },
		  { "Khách hàng nhập địa chỉ giao hàng cũ.", "Mã vận đơn không cập nhật trong nhiều ngày.",
		    "Kiện hàng báo đã giao nhưng khách chưa nhận được." },
		  { "客户填写了旧的收货地址。", "快递单号好几天没有更新。", "包裹显示已签收，但客户没有收到。" },
		  { "客戶填寫了舊的收貨地址。", "貨運單號好幾天沒有更新。", "包裹顯示已送達，但客戶沒有收到。" } },
		{ { "Open Orders and select the order.", "The delivery address can be changed until the order is packed.",
		    "Click Track shipment to see the carrier's latest scan.",
		    "If there is no update for 5 days, we open an investigation with the carrier.",
		    "International shipments may be held by customs for 2 to 4 days." },
		  { "Mở mục Đơn hàng và chọn đơn cần đổi.", "Có thể đổi địa chỉ giao hàng cho đến khi đơn được đóng gói.",
		    "Bấm Theo dõi vận chuyển để xem lần quét mới nhất của đơn vị vận chuyển.",
		    "Nếu 5 ngày không có cập nhật, chúng tôi sẽ yêu cầu đơn vị vận chuyển kiểm tra.",
		    "Hàng quốc tế có thể bị hải quan giữ từ 2 đến 4 ngày." },
		  { "打开“我的订单”，选择该订单。", "订单打包前都可以修改收货地址。", "点击“查看物流”查看快递公司最新的扫描记录。",
		    "如果5天没有更新，我们会联系快递公司调查。", "国际快递可能会被海关扣留2到4天。" },
		  { "開啟「我的訂單」，選擇該訂單。", "訂單包裝前都可以修改收貨地址。", "點選「查看物流」查看貨運公司最新的掃描紀錄。",
		    "如果5天沒有更新，我們會聯絡貨運公司調查。", "國際包裹可能會被海關扣留2到4天。" } },
	},
	{ /* returns */
		{ "returns", "order", "refund" }, { NULL, "trả-hàng", "退货", "退貨" }, { 5, 10, 1 },
		{ { "Return an item within 30 days", "Print a return label", "Exchange an item for another size",
		    "Returned item not refunded yet" },
		  { "Trả hàng trong vòng 30 ngày", "In nhãn trả hàng", "Đổi sản phẩm sang cỡ khác",
		    "Đã trả hàng nhưng chưa được hoàn tiền" },
		  { "30天内退货", "打印退货标签", "换货（更换尺码）", "已退货但尚未退款" },
		  { "30天內退貨", "列印退貨標籤", "換貨（更換尺寸）", "已退貨但尚未退款" } },
		{ { "The customer wants to return an item that does not fit.",
		    "The return label cannot be printed from the order page.",
		    "The returned parcel arrived but the refund is still pending." },
		  { "Khách hàng muốn trả sản phẩm không vừa.", "Không in được nhãn trả hàng từ trang đơn hàng.",
		    "Kiện hàng trả lại đã đến kho nhưng tiền hoàn vẫn đang chờ." },
		  { "客户想退回不合适的商品。", "无法在订单页面打印退货标签。", "退回的包裹已到仓库，但退款仍在处理中。" },
		  { "客戶想退回不合適的商品。", "無法在訂單頁面列印退貨標籤。", "退回的包裹已到倉庫，但退款仍在處理中。" } },
		{ { "Open Orders, select the item and click Return.",
		    "Choose a reason and whether you want a refund or an exchange.",
		    "Print the return label and attach it to the parcel.",
		    "Drop the parcel at any post office within 14 days.",
		    "The refund is issued when the warehouse has checked the item, usually within 5 days." },
		  { "Mở Đơn hàng, chọn sản phẩm và bấm Trả hàng.", "Chọn lý do và chọn hoàn tiền hay đổi hàng.",
		    "In nhãn trả hàng và dán lên kiện hàng.", "Gửi kiện hàng tại bưu điện bất kỳ trong vòng 14 ngày.",
		    "Tiền được hoàn khi kho đã kiểm tra sản phẩm, thường trong 5 ngày." },
		  { "打开“我的订单”，选择商品并点击“退货”。", "选择原因，以及退款还是换货。", "打印退货标签并贴在包裹上。",
		    "在14天内将包裹交到任意邮局。", "仓库检查商品后会发起退款，通常在5天内。" },
		  { "開啟「我的訂單」，選擇商品並點選「退貨」。", "選擇原因，以及退款還是換貨。", "列印退貨標籤並貼在包裹上。",
		    "在14天內將包裹交到任一郵局。", "倉庫檢查商品後會發起退款，通常在5天內。" } },
	},
	{ /* accounts */
		{ "account", "profile", "users" }, { NULL, "tài-khoản", "账户", "帳戶" }, { 9, 11, 3 },
		{ { "Change the email address of your account", "Forgot your username", "Close an account",
		    "Update company details" },
		  { "Đổi địa chỉ email của tài khoản", "Lấy lại tên đăng nhập đã quên", "Đóng tài khoản",
		    "Cập nhật thông tin công ty" },
		  { "修改账户的邮箱地址", "忘记用户名", "注销账户", "更新公司信息" },
		  { "變更帳戶的電子郵件地址", "忘記使用者名稱", "關閉帳戶", "更新公司資訊" } },
		{ { "The user no longer has access to the old email address.",
		    "The user forgot the username and cannot sign in.", "The company name on the account is out of date." },
		  { "Người dùng không còn truy cập được địa chỉ email cũ.",
		    "Người dùng quên tên đăng nhập nên không đăng nhập được.", "Tên công ty trên tài khoản đã cũ." },
		  { "用户已无法使用原来的邮箱地址。", "用户忘记了用户名，无法登录。", "账户上的公司名称已经过时。" },
		  { "使用者已無法使用原本的電子郵件地址。", "使用者忘記了使用者名稱，無法登入。", "帳戶上的公司名稱已經過時。" } },
		{ { "Open Settings → Account → Profile.",
		    "Enter the new email address and confirm it from the message we send.",
		    "On the sign-in page choose Forgot username; we email it to the address on file.",
		    "Company name, tax number and address are edited under Company details.",
		    "To close the account, export your data first, then click Close account." },
		  { "Mở Cài đặt → Tài khoản → Hồ sơ.", "Nhập địa chỉ email mới và xác nhận qua thư chúng tôi gửi.",
		    "Ở trang đăng nhập chọn Quên tên đăng nhập; chúng tôi sẽ gửi tên qua email đã đăng ký.",
		    "Tên công ty, mã số thuế và địa chỉ được sửa trong Thông tin doanh nghiệp.",
		    "Để đóng tài khoản, hãy xuất dữ liệu trước rồi bấm Đóng tài khoản." },
		  { "打开“设置 → 账户 → 个人资料”。", "输入新的邮箱地址，并通过我们发送的邮件确认。",
		    "在登录页选择“忘记用户名”，我们会发送到注册邮箱。", "公司名称、税号和地址在“企业信息”中修改。",
		    "注销账户前请先导出数据，然后点击“注销账户”。" },
		  { "開啟「設定 → 帳戶 → 個人資料」。", "輸入新的電子郵件地址，並透過我們寄出的郵件確認。",
		    "在登入頁選擇「忘記使用者名稱」，我們會寄到註冊信箱。", "公司名稱、統一編號和地址在「公司資訊」中修改。",
		    "關閉帳戶前請先匯出資料，然後點選「關閉帳戶」。" } },
	},
	{ /* printers */
		{ "printer", "hardware", "office" }, { NULL, "máy-in", "打印机", "印表機" }, { 4, 3, 9 },
		{ { "Paper jam in the printer tray", "Printer shows offline", "Install the office printer driver",
		    "Scan to email does not work" },
		  { "Máy in bị kẹt giấy", "Máy in báo ngoại tuyến", "Cài driver máy in văn phòng",
		    "Không quét được tài liệu gửi qua email" },
		  { "打印机卡纸", "打印机显示脱机", "安装办公室打印机驱动", "扫描到邮箱不可用" },
		  { "印表機卡紙", "印表機顯示離線", "安裝辦公室印表機驅動程式", "掃描到信箱無法使用" } },
		{ { "Paper jams in tray 2 every few pages.", "The printer shows as offline although it is switched on.",
		    "Scanned documents are never delivered by email." },
		  { "Giấy bị kẹt ở khay 2 sau vài trang.", "Máy in báo ngoại tuyến dù đang bật.",
		    "Tài liệu quét không bao giờ được gửi qua email." },
		  { "每打印几页纸就在纸盒2卡住。", "打印机已开机，但显示脱机。", "扫描的文件始终没有发送到邮箱。" },
		  { "每列印幾頁紙就在紙匣2卡住。", "印表機已開機，但顯示離線。", "掃描的文件始終沒有寄到信箱。" } },
		{ { "Open the front door and remove any jammed paper from tray 2.",
		    "Check that the paper guides match the paper size.",
		    "Restart the printer and wait until the status light is green.",
		    "Install the driver from the printer's web page and select the PCL 6 version.",
		    "For scan to email, check the SMTP settings in the printer's admin page." },
		  { "Mở nắp trước và lấy giấy bị kẹt ra khỏi khay 2.", "Kiểm tra thanh chặn giấy khớp với khổ giấy.",
		    "Khởi động lại máy in và chờ đèn trạng thái chuyển xanh.",
		    "Cài driver từ trang web của máy in và chọn bản PCL 6.",
		    "Với chức năng quét gửi email, kiểm tra cài đặt SMTP trong trang quản trị máy in." },
		  { "打开前盖，取出纸盒2中卡住的纸张。", "检查导纸板是否与纸张尺寸一致。", "重启打印机，等待状态灯变绿。",
		    "从打印机网页安装驱动，选择PCL 6版本。", "扫描到邮箱功能请检查打印机管理页面中的SMTP设置。" },
		  { "打開前蓋，取出紙匣2中卡住的紙張。", "檢查導紙板是否與紙張尺寸一致。", "重新啟動印表機，等待狀態燈變綠。",
		    "從印表機網頁安裝驅動程式，選擇PCL 6版本。", "掃描到信箱功能請檢查印表機管理頁面中的SMTP設定。" } },
	},
	{ /* calendars */
		{ "calendar", "sync", "meetings" }, { NULL, "lịch", "日历", "行事曆" }, { 6, 0, 8 },
		{ { "Calendar does not sync with the phone", "Share your calendar with a colleague",
		    "Meeting invitations show the wrong time zone", "Subscribe to a team calendar" },
		  { "Lịch không đồng bộ với điện thoại", "Chia sẻ lịch với đồng nghiệp",
		    "Lời mời họp hiển thị sai múi giờ", "Đăng ký lịch của nhóm" },
		  { "日历无法与手机同步", "与同事共享日历", "会议邀请显示的时区不对", "订阅团队日历" },
		  { "行事曆無法與手機同步", "與同事共用行事曆", "會議邀請顯示的時區不對", "訂閱團隊行事曆" } },
		{ { "Events created on the phone do not appear on the computer.",
		    "Meeting invitations show a time one hour off.", "A colleague cannot see the shared calendar." },
		  { "Sự kiện tạo trên điện thoại không hiện trên máy tính.", "Lời mời họp bị lệch một giờ.",
		    "Đồng nghiệp không xem được lịch được chia sẻ." },
		  { "在手机上创建的日程没有出现在电脑上。", "会议邀请的时间相差一小时。", "同事看不到共享的日历。" },
		  { "在手機上建立的行程沒有出現在電腦上。", "會議邀請的時間相差一小時。", "同事看不到共用的行事曆。" } },
		{ { "On the phone, open Settings → Accounts and turn on Calendar sync.",
		    "Remove the calendar account from the phone and add it again.",
		    "Check the time zone in the calendar settings and on the device.",
		    "Share the calendar from the calendar list and choose the permission level.",
		    "Subscribe to team calendars with the ICS link from the team page." },
		  { "Trên điện thoại, mở Cài đặt → Tài khoản và bật đồng bộ lịch.",
		    "Xóa tài khoản lịch khỏi điện thoại rồi thêm lại.", "Kiểm tra múi giờ trong cài đặt lịch và trên thiết bị.",
		    "Chia sẻ lịch từ danh sách lịch và chọn mức quyền.", "Đăng ký lịch nhóm bằng đường dẫn ICS trong trang của nhóm." },
		  { "在手机上打开“设置 → 账户”，开启日历同步。", "从手机中删除日历账户后重新添加。", "检查日历设置和设备上的时区。",
		    "在日历列表中共享日历并选择权限。", "使用团队页面中的ICS链接订阅团队日历。" },
		  { "在手機上開啟「設定 → 帳號」，開啟行事曆同步。", "從手機中移除行事曆帳號後重新新增。",
		    "檢查行事曆設定和裝置上的時區。", "在行事曆清單中共用行事曆並選擇權限。",
		    "使用團隊頁面中的ICS連結訂閱團隊行事曆。" } },
	},
	{ /* exports and imports */
		{ "export", "data", "csv" }, { NULL, "xuất-dữ-liệu", "导出", "匯出" }, { 11, 3, 7 },
		{ { "Export contacts to a CSV file", "Export reports to Excel", "Import customers from a spreadsheet",
		    "Export is empty or incomplete" },
		  { "Xuất danh bạ ra tệp CSV", "Xuất báo cáo ra Excel", "Nhập khách hàng từ bảng tính",
		    "Tệp xuất bị trống hoặc thiếu dữ liệu" },
		  { "导出联系人为CSV文件", "将报表导出到Excel", "从表格导入客户", "导出的文件为空或不完整" },
		  { "匯出聯絡人為CSV檔案", "將報表匯出到Excel", "從試算表匯入客戶", "匯出的檔案為空或不完整" } },
		{ { "The exported CSV file opens with broken characters in Excel.", "The export stops at 10,000 rows.",
		    "Imported customers are missing their phone numbers." },
		  { "Tệp CSV xuất ra bị lỗi font khi mở bằng Excel.", "Dữ liệu xuất bị dừng ở 10.000 dòng.",
		    "Khách hàng được nhập vào bị thiếu số điện thoại." },
		  { "导出的CSV文件用Excel打开后出现乱码。", "导出在10000行时停止。", "导入的客户缺少电话号码。" },
		  { "匯出的CSV檔案用Excel開啟後出現亂碼。", "匯出在10000列時停止。", "匯入的客戶缺少電話號碼。" } },
		{ { "Open Contacts, click Export and choose CSV.",
		    "Large exports are prepared in the background and sent to you by email.",
		    "In Excel, use Data → From Text/CSV and choose UTF-8 encoding.",
		    "For imports, download the template and keep the column names unchanged.",
		    "Check the import log for rows that were skipped." },
		  { "Mở Danh bạ, bấm Xuất và chọn định dạng CSV.",
		    "Tệp xuất lớn được chuẩn bị trong nền và gửi cho bạn qua email.",
		    "Trong Excel, dùng Dữ liệu → Từ Văn bản/CSV và chọn mã hóa UTF-8.",
		    "Khi nhập, hãy tải tệp mẫu và giữ nguyên tên cột.", "Xem nhật ký nhập để biết các dòng bị bỏ qua." },
		  { "打开“联系人”，点击“导出”，选择CSV格式。", "大量数据的导出会在后台生成，并通过邮件发送给您。",
		    "在Excel中使用“数据 → 从文本/CSV”，选择UTF-8编码。", "导入时请下载模板，不要修改列名。",
		    "查看导入日志，了解被跳过的行。" },
		  { "開啟「聯絡人」，點選「匯出」，選擇CSV格式。", "大量資料的匯出會在背景產生，並透過郵件寄給您。",
		    "在Excel中使用「資料 → 從文字/CSV」，選擇UTF-8編碼。", "匯入時請下載範本，不要修改欄位名稱。",
		    "查看匯入記錄，了解被略過的列。" } },
	},
	{ /* the mobile app */
		{ "mobile", "app", "notifications" }, { NULL, "di-động", "手机", "手機" }, { 8, 5, 6 },
		{ { "The mobile app crashes on start", "Push notifications do not arrive",
		    "Log in to the mobile app with a QR code", "Clear the app cache" },
		  { "Ứng dụng di động bị thoát khi mở", "Không nhận được thông báo đẩy",
		    "Đăng nhập ứng dụng di động bằng mã QR", "Xóa bộ nhớ đệm của ứng dụng" },
		  { "手机应用启动时闪退", "收不到推送通知", "用二维码登录手机应用", "清除应用缓存" },
		  { "手機應用程式啟動時閃退", "收不到推播通知", "用QR碼登入手機應用程式", "清除應用程式快取" } },
		{ { "The app closes immediately after the splash screen.", "Notifications stopped after the last update.",
		    "The app shows an empty screen after login." },
		  { "Ứng dụng tự thoát ngay sau màn hình chờ.", "Không còn nhận thông báo sau bản cập nhật gần nhất.",
		    "Ứng dụng hiện màn hình trống sau khi đăng nhập." },
		  { "应用在启动画面后立即闪退。", "上次更新后收不到通知了。", "登录后应用显示空白页面。" },
		  { "應用程式在啟動畫面後立即閃退。", "上次更新後收不到通知了。", "登入後應用程式顯示空白頁面。" } },
		{ { "Update the app from the App Store or Google Play.", "Allow notifications for the app in the phone settings.",
		    "Clear the app cache or reinstall the app.",
		    "Scan the QR code shown on the web app under Settings → Mobile.",
		    "Turn off battery saving for the app so that it can receive notifications." },
		  { "Cập nhật ứng dụng từ App Store hoặc Google Play.",
		    "Cho phép ứng dụng gửi thông báo trong cài đặt điện thoại.", "Xóa bộ nhớ đệm hoặc cài lại ứng dụng.",
		    "Quét mã QR hiển thị trên bản web ở mục Cài đặt → Di động.",
		    "Tắt chế độ tiết kiệm pin cho ứng dụng để nhận được thông báo." },
		  { "从App Store或Google Play更新应用。", "在手机设置中允许该应用发送通知。", "清除应用缓存或重新安装应用。",
		    "扫描网页版“设置 → 移动端”中显示的二维码。", "关闭该应用的省电模式，以便接收通知。" },
		  { "從App Store或Google Play更新應用程式。", "在手機設定中允許該應用程式傳送通知。", "清除應用程式快取或重新安裝。",
		    "掃描網頁版「設定 → 行動裝置」中顯示的QR碼。", "關閉該應用程式的省電模式，以便接收通知。" } },
	},
	{ /* permissions */
		{ "permissions", "users", "admin" }, { NULL, "phân-quyền", "权限", "權限" }, { 9, 3, 11 },
		{ { "Give a new employee access", "Remove access when someone leaves", "User cannot see the shared folder",
		    "Change a user's role to administrator" },
		  { "Cấp quyền truy cập cho nhân viên mới", "Thu hồi quyền khi nhân viên nghỉ việc",
		    "Người dùng không thấy thư mục dùng chung", "Đổi vai trò người dùng thành quản trị viên" },
		  { "为新员工开通权限", "员工离职时收回权限", "用户看不到共享文件夹", "将用户角色改为管理员" },
		  { "為新進員工開通權限", "員工離職時收回權限", "使用者看不到共用資料夾", "將使用者角色改為管理員" } },
		{ { "A new employee cannot open the shared folders of the team.", "A former employee still has access.",
		    "The user needs administrator rights to change settings." },
		  { "Nhân viên mới không mở được thư mục dùng chung của nhóm.", "Nhân viên đã nghỉ việc vẫn còn quyền truy cập.",
		    "Người dùng cần quyền quản trị để thay đổi cài đặt." },
		  { "新员工打不开团队的共享文件夹。", "离职员工仍然有访问权限。", "用户需要管理员权限才能修改设置。" },
		  { "新進員工打不開團隊的共用資料夾。", "離職員工仍然有存取權限。", "使用者需要管理員權限才能修改設定。" } },
		{ { "Open Admin → Users and select the user.", "Add the user to the right team group; access follows the group.",
		    "Remove the user from all groups and suspend the account on the last working day.",
		    "Change the role to Administrator only with the approval of the team lead.",
		    "Changes take up to 15 minutes to reach all services." },
		  { "Mở Quản trị → Người dùng và chọn người dùng.", "Thêm người dùng vào đúng nhóm; quyền truy cập đi theo nhóm.",
		    "Gỡ người dùng khỏi mọi nhóm và khóa tài khoản vào ngày làm việc cuối cùng.",
		    "Chỉ đổi vai trò thành Quản trị viên khi trưởng nhóm đã duyệt.",
		    "Thay đổi có thể mất đến 15 phút để áp dụng cho mọi dịch vụ." },
		  { "打开“管理 → 用户”，选择该用户。", "把用户加入正确的团队组，权限随组分配。",
		    "在最后一个工作日将用户移出所有组并停用账户。", "只有经团队负责人批准才能把角色改为管理员。",
		    "更改最多需要15分钟才能同步到所有服务。" },
		  { "開啟「管理 → 使用者」，選擇該使用者。", "把使用者加入正確的團隊群組，權限隨群組分配。",
		    "在最後一個工作日將使用者移出所有群組並停用帳戶。", "只有經團隊主管核准才能把角色改為管理員。",
		    "變更最多需要15分鐘才能同步到所有服務。" } },
	},
};
#define NTOPIC NELEM(topics)
static const int topic_w[] = { 12, 6, 10, 8, 6, 7, 4, 8, 8, 5, 6, 5, 4, 4, 4, 3 };

/* {P} product, {V} version, {O} platform, {C} error code, {T} a related title */
static const char *const intro[NLANG][4] = {
	{ "This article applies to {P} {V} on {O}.", "Applies to: {P} {V}, {O}.",
	  "Customers using {P} on {O} sometimes report this problem.", "Last checked with {P} {V}." },
	{ "Bài viết này áp dụng cho {P} {V} trên {O}.", "Áp dụng cho: {P} {V}, {O}.",
	  "Khách hàng dùng {P} trên {O} đôi khi gặp sự cố này.", "Đã kiểm tra lần cuối với {P} {V}." },
	{ "本文适用于{O}上的{P} {V}。", "适用范围：{P} {V}，{O}。", "在{O}上使用{P}的客户有时会遇到这个问题。",
	  "最近一次验证版本：{P} {V}。" },
	{ "本文適用於{O}上的{P} {V}。", "適用範圍：{P} {V}，{O}。", "在{O}上使用{P}的客戶有時會遇到這個問題。",
	  "最近一次驗證版本：{P} {V}。" },
};

static const char *const heading[NLANG][4] = { /* symptoms, cause, steps, notes */
	{ "Symptoms", "Cause", "Steps", "Notes" },
	{ "Hiện tượng", "Nguyên nhân", "Các bước", "Lưu ý" },
	{ "现象", "原因", "操作步骤", "注意" },
	{ "現象", "原因", "操作步驟", "注意" },
};
static const char *const colon[NLANG] = { ":", ":", "：", "：" };

static const char *const cause[NLANG][4] = {
	{ "A recent update changed the default settings.", "The cached sign-in data on the device is out of date.",
	  "A firewall or proxy blocks the connection.", "The account does not have the required permission." },
	{ "Bản cập nhật gần đây đã thay đổi cài đặt mặc định.", "Dữ liệu đăng nhập lưu trên thiết bị đã cũ.",
	  "Tường lửa hoặc proxy chặn kết nối.", "Tài khoản chưa có quyền cần thiết." },
	{ "最近的更新修改了默认设置。", "设备上缓存的登录信息已过期。", "防火墙或代理阻止了连接。", "该账户没有所需的权限。" },
	{ "最近的更新變更了預設設定。", "裝置上快取的登入資訊已過期。", "防火牆或Proxy阻擋了連線。", "該帳戶沒有所需的權限。" },
};

static const char *const general_step[NLANG][4] = {
	{ "Sign out and sign in again.", "Restart {P} and try once more.",
	  "Make sure {P} is updated to version {V} or later.",
	  "If the problem continues, contact support with error code {C}." },
	{ "Đăng xuất rồi đăng nhập lại.", "Khởi động lại {P} và thử lại.",
	  "Đảm bảo {P} đã được cập nhật lên phiên bản {V} trở lên.",
	  "Nếu vẫn lỗi, hãy liên hệ bộ phận hỗ trợ kèm mã lỗi {C}." },
	{ "退出后重新登录。", "重启{P}后再试一次。", "确认{P}已更新到{V}或更高版本。",
	  "如果问题仍然存在，请联系客服并提供错误代码{C}。" },
	{ "登出後重新登入。", "重新啟動{P}後再試一次。", "確認{P}已更新到{V}或更新版本。",
	  "如果問題仍然存在，請聯絡客服並提供錯誤代碼{C}。" },
};

static const char *const note[NLANG][4] = {
	{ "Administrators can do this for several users at once from the admin console.",
	  "This change is recorded in the audit log.", "See also: {T}.",
	  "Screenshots may differ slightly between versions." },
	{ "Quản trị viên có thể thực hiện việc này cho nhiều người dùng cùng lúc trong trang quản trị.",
	  "Thay đổi này được ghi lại trong nhật ký kiểm tra.", "Xem thêm: {T}.",
	  "Ảnh chụp màn hình có thể hơi khác giữa các phiên bản." },
	{ "管理员可以在管理后台为多个用户批量操作。", "此更改会记录在审计日志中。", "另请参阅：{T}。",
	  "不同版本的界面截图可能略有不同。" },
	{ "管理員可以在管理後台為多位使用者批次操作。", "此變更會記錄在稽核日誌中。", "另請參閱：{T}。",
	  "不同版本的畫面截圖可能略有不同。" },
};

static const char *const general_tags[] = { "faq", "how-to", "known-issue", "troubleshooting", "policy" };

static const char *const owners[] = {
	"lan.nguyen", "duc.tran", "nam.le", "ha.pham", "huy.do", "anh.vu", "dat.hoang", "mai.bui",
	"tung.dang", "huong.ngo", "khoa.phan", "yen.vo", "wei.wang", "na.li", "jiahao.zhang",
	"meiling.chen", "yang.liu", "zhiming.lin", "jing.huang", "jie.zhou", "sarah.johnson",
	"michael.brown", "emma.wilson", "david.miller", "olivia.taylor", "james.anderson",
	"priya.patel", "tom.obrien", "lucas.garcia", "chloe.martin",
};

/* ---------------------------------------------------------------- buffers */

struct buf {
	char *s;
	size_t n, cap;
};

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
	va_list ap;
	fputs("gen-kb: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void badd(struct buf *b, const char *s, size_t k)
{
	if (b->n + k + 1 > b->cap) {
		b->cap = (b->n + k + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s)
			die("out of memory");
	}
	memcpy(b->s + b->n, s, k);
	b->n += k;
	b->s[b->n] = '\0';
}

static void bputs(struct buf *b, const char *s)
{
	badd(b, s, strlen(s));
}

static void bprintf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bprintf(struct buf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (k > 0)
		badd(b, tmp, (size_t)k < sizeof tmp ? (size_t)k : sizeof tmp - 1);
}

static void breset(struct buf *b)
{
	b->n = 0;
	badd(b, "", 0);
}

/* ---------------------------------------------------------------- articles */

struct art {
	int lang, topic, title, product, platform, form;
	char version[8], code[16];
	const char *related; /* {T} */
};

/* Append template t with the article's slots filled in. */
static void expand(struct buf *b, const char *t, const struct art *a)
{
	while (*t) {
		const char *o = strchr(t, '{');
		if (!o || !o[1] || o[2] != '}') {
			bputs(b, t);
			return;
		}
		badd(b, t, (size_t)(o - t));
		switch (o[1]) {
		case 'P': bputs(b, products[a->product]); break;
		case 'V': bputs(b, a->version); break;
		case 'O': bputs(b, platforms[a->lang][a->platform]); break;
		case 'C': bputs(b, a->code); break;
		case 'T': bputs(b, a->related); break;
		default: badd(b, o, 3);
		}
		t = o + 3;
	}
}

static void make_title(struct buf *b, const struct art *a)
{
	const char *core = topics[a->topic].title[a->lang][a->title];
	const char *prod = products[a->product], *plat = platforms[a->lang][a->platform];
	switch (a->lang) {
	case EN:
		if (a->form == 0)
			bprintf(b, "%s – %s %s on %s", core, prod, a->version, plat);
		else if (a->form == 1)
			bprintf(b, "%s (%s %s, %s)", core, prod, a->version, plat);
		else
			bprintf(b, "%s %s: %s on %s", prod, a->version, core, plat);
		break;
	case VI:
		if (a->form == 0)
			bprintf(b, "%s – %s %s trên %s", core, prod, a->version, plat);
		else if (a->form == 1)
			bprintf(b, "%s (%s %s, %s)", core, prod, a->version, plat);
		else
			bprintf(b, "%s %s: %s trên %s", prod, a->version, core, plat);
		break;
	default:
		if (a->form == 0)
			bprintf(b, "%s %s：%s（%s）", prod, a->version, core, plat);
		else
			bprintf(b, "%s（%s %s，%s）", core, prod, a->version, plat);
		break;
	}
}

/* A body of about target bytes in a's language: an intro, Symptoms,
 * Cause, Steps, Notes, then (for longer articles) more of the sentences
 * not used yet, each at most once. */
static void make_body(struct rng *r, struct buf *b, struct art *a, size_t target)
{
	const struct topic *t = &topics[a->topic];
	int l = a->lang;
	const char *sep = l >= ZHS ? "" : " ";
	size_t start = b->n;
	/* every sentence the article may use: 0-2 symptoms, 3-6 causes,
	 * 7-10 general steps, 11-14 notes */
	const char *pool[15];
	int used[15] = { 0 };
	for (int i = 0; i < 3; i++)
		pool[i] = t->symptom[l][i];
	for (int i = 0; i < 4; i++) {
		pool[3 + i] = cause[l][i];
		pool[7 + i] = general_step[l][i];
		pool[11 + i] = note[l][i];
	}
	int x;
#define USE(i) (x = (i), used[x] = 1, pool[x])

	expand(b, intro[l][below(r, 4)], a);
	bprintf(b, "\n\n%s%s\n", heading[l][0], colon[l]);
	int s0 = (int)below(r, 3);
	bputs(b, USE(s0));
	if (chance(r, 0.5)) {
		bputs(b, sep);
		bputs(b, USE((s0 + 1 + (int)below(r, 2)) % 3));
	}
	bprintf(b, "\n\n%s%s\n", heading[l][1], colon[l]);
	expand(b, USE(3 + (int)below(r, 4)), a);
	bprintf(b, "\n\n%s%s\n", heading[l][2], colon[l]);
	/* the topic's steps in order, general ones mixed in, until the body
	 * approaches its length (at least three steps) */
	int n = 0, k = (int)below(r, 2);
	for (; k < 5; k++) {
		bprintf(b, "%d. %s\n", ++n, t->step[l][k]);
		int g = 7 + (int)below(r, 4);
		if (!used[g] && chance(r, 0.25)) {
			bprintf(b, "%d. ", ++n);
			expand(b, USE(g), a);
			bputs(b, "\n");
		}
		if (b->n - start + 120 > target && n >= 3)
			break;
	}
	bprintf(b, "\n%s%s\n", heading[l][3], colon[l]);
	expand(b, USE(11 + (int)below(r, 4)), a);
	/* longer articles: the rest, in a random order */
	int order[15];
	for (int i = 0; i < 15; i++)
		order[i] = i;
	for (int i = 14; i > 0; i--) {
		int j = (int)below(r, (uint32_t)i + 1), x = order[i];
		order[i] = order[j];
		order[j] = x;
	}
	for (int i = 0; i < 15 && b->n - start < target; i++) {
		if (used[order[i]])
			continue;
		bputs(b, sep);
		expand(b, USE(order[i]), a);
	}
#undef USE
}

/* ---------------------------------------------------------------- titles */

struct set {
	uint64_t *h;
	size_t cap, n;
};

static uint64_t fnv(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h | 1;
}

/* Add s; 0 when it was there already. */
static int set_add(struct set *st, const char *s)
{
	if (st->n * 2 >= st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 1 << 16;
		uint64_t *h = calloc(cap, sizeof *h);
		if (!h)
			die("out of memory");
		for (size_t i = 0; i < st->cap; i++)
			if (st->h[i])
				for (size_t j = st->h[i] & (cap - 1);; j = (j + 1) & (cap - 1))
					if (!h[j]) {
						h[j] = st->h[i];
						break;
					}
		free(st->h);
		st->h = h;
		st->cap = cap;
	}
	uint64_t v = fnv(s);
	for (size_t j = v & (st->cap - 1);; j = (j + 1) & (st->cap - 1)) {
		if (st->h[j] == v)
			return 0;
		if (!st->h[j]) {
			st->h[j] = v;
			st->n++;
			return 1;
		}
	}
}

static void draw(struct rng *r, struct art *a, int lang, int topic)
{
	a->lang = lang;
	a->topic = topic;
	a->title = (int)below(r, 4);
	a->product = topics[topic].products[below(r, 10) < 7 ? 0 : 1 + below(r, 2)];
	if (chance(r, 0.1))
		a->product = (int)below(r, NELEM(products));
	a->platform = (int)below(r, 8);
	a->form = (int)below(r, lang >= ZHS ? 2 : 3);
	snprintf(a->version, sizeof a->version, "%u.%u", 1 + below(r, 9), below(r, 10));
	if (chance(r, 0.5))
		snprintf(a->code, sizeof a->code, "E%04u", 1000 + below(r, 9000));
	else
		snprintf(a->code, sizeof a->code, "0x8007%04X", below(r, 0x10000));
	/* "see also": another title of the same topic, or of a neighbour */
	int rt = chance(r, 0.7) ? topic : (int)below(r, NTOPIC);
	a->related = topics[rt].title[lang][below(r, 4)];
}

/* ---------------------------------------------------------------- main */

static double mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int64_t one_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static const char *const sql_text_bytes =
	"SELECT sum(length(CAST(title AS BLOB)) + length(CAST(tags AS BLOB)) + length(CAST(body AS BLOB)))"
	" FROM kb_articles";
static const char *const sql_index_bytes = "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'kb\\_fts%' ESCAPE '\\'";

/* Facts about a KB database: articles, bytes of text, of index, of file. */
static void facts(sqlite3 *db, const char *path, const char *prefix)
{
	struct stat sb;
	printf("%sarticles %lld\n", prefix, (long long)one_int(db, "SELECT count(*) FROM kb_articles"));
	printf("%stext_bytes %lld\n", prefix, (long long)one_int(db, sql_text_bytes));
	printf("%sindex_bytes %lld\n", prefix, (long long)one_int(db, sql_index_bytes));
	if (stat(path, &sb) == 0)
		printf("%sfile_bytes %lld\n", prefix, (long long)sb.st_size);
}

static void open_desk(struct desk *d, const char *path, int flags)
{
	if (desk_init(d) || desk_open(d, path, flags))
		die("%s", d->errmsg);
}

/* --rebuild DB: the index built in one statement from the stored articles,
 * in one transaction, on libdesk's connection. */
static int rebuild(const char *path)
{
	struct desk d;
	open_desk(&d, path, DESK_OPEN_READ);
	printf("before_index_bytes %lld\n", (long long)one_int(d.db, sql_index_bytes));
	double t0 = mono();
	if (desk_tx_begin(&d) ||
	    desk_tx_end(&d, sqlite3_exec(d.db, "INSERT INTO kb_fts(kb_fts) VALUES ('rebuild')", NULL, NULL, NULL)))
		die("rebuild: %s", sqlite3_errmsg(d.db));
	double t1 = mono();
	printf("rebuild_seconds %.2f\n", t1 - t0);
	facts(d.db, path, "rebuilt_");
	desk_release(&d);
	return 0;
}

static int info(const char *path)
{
	struct desk d;
	open_desk(&d, path, DESK_OPEN_READ);
	facts(d.db, path, "");
	desk_release(&d);
	return 0;
}

static void usage(void)
{
	fputs("usage: gen-kb -n ARTICLES [-s SEED] [-b BATCH] OUT.db\n"
	      "       gen-kb --rebuild DB\n"
	      "       gen-kb --info DB\n", stderr);
	exit(64);
}

int main(int argc, char **argv)
{
	static const int lang_w[] = { 40, 30, 15, 10, 5 }; /* en vi zhs zht, bilingual */
	static const int pair[][2] = { { VI, ZHS }, { EN, ZHS }, { EN, VI }, { VI, ZHT }, { EN, ZHT } };
	long n = 0, batch = 10000;
	uint64_t seed = 1;
	char *end;
	int ch;

	if (argc == 3 && strcmp(argv[1], "--rebuild") == 0)
		return rebuild(argv[2]);
	if (argc == 3 && strcmp(argv[1], "--info") == 0)
		return info(argv[2]);
	while ((ch = getopt(argc, argv, "n:s:b:h")) != -1) {
		switch (ch) {
		case 'n': n = strtol(optarg, &end, 10); if (*end || n <= 0 || n > 10000000) usage(); break;
		case 's': seed = strtoull(optarg, &end, 10); if (*end) usage(); break;
		case 'b': batch = strtol(optarg, &end, 10); if (*end || batch <= 0) usage(); break;
		default: usage();
		}
	}
	if (optind != argc - 1 || !n)
		usage();
	const char *path = argv[optind];
	struct stat sb;
	if (stat(path, &sb) == 0)
		die("'%s' exists: generate into a new file", path);

	struct rng r;
	struct desk d;
	struct buf title = { 0 }, body = { 0 }, part = { 0 };
	struct set titles = { 0 };
	long per_lang[NLANG + 1] = { 0 }, status_n[3] = { 0 };
	rng_seed(&r, seed);
	double t0 = mono(), create = 0;
	open_desk(&d, path, DESK_OPEN_CREATE);
	time_t now = d.now, span = 3 * 365 * DAY;

	if (desk_tx_begin(&d))
		die("%s", d.errmsg);
	for (long i = 0; i < n; i++) {
		struct art a, b2;
		int kind = pick(&r, lang_w, NELEM(lang_w));
		int topic = pick(&r, topic_w, NTOPIC);
		int tries = 0;
		per_lang[kind]++;
		double u = exp(0.3 * gauss(&r));
		size_t target = (size_t)(1000.0 * u);
		if (target < 400)
			target = 400;
		if (target > 4000)
			target = 4000;
		do {
			breset(&title);
			if (kind < NLANG) {
				draw(&r, &a, kind, topic);
				make_title(&title, &a);
			} else {
				/* bilingual: the same title in two languages */
				const int *p = pair[below(&r, NELEM(pair))];
				draw(&r, &a, p[0], topic);
				b2 = a;
				b2.lang = p[1];
				b2.related = topics[topic].title[p[1]][a.title];
				make_title(&title, &a);
				bputs(&title, " ");
				bputs(&title, topics[topic].title[p[1]][a.title]);
			}
		} while (!set_add(&titles, title.s) && ++tries < 50);
		if (tries >= 50)
			die("cannot find a unique title after %ld articles: use fewer", i);

		breset(&body);
		if (kind < NLANG) {
			make_body(&r, &body, &a, target);
		} else {
			make_body(&r, &body, &a, target / 2);
			bputs(&body, "\n\n---\n\n");
			breset(&part);
			make_body(&r, &part, &b2, target / 2);
			bputs(&body, part.s);
		}

		/* tags: topic tags, sometimes one in the language, a general one */
		const struct topic *t = &topics[topic];
		const char *tags[5];
		size_t ntags = 0;
		int nt = 1 + (int)below(&r, 3);
		for (int k = 0; k < nt; k++)
			tags[ntags++] = t->tags[k];
		int l = kind < NLANG ? kind : a.lang;
		if (t->ltag[l] && chance(&r, 0.4))
			tags[ntags++] = t->ltag[l];
		if (chance(&r, 0.2))
			tags[ntags++] = general_tags[below(&r, NELEM(general_tags))];

		int sx = pick(&r, (const int[]){ 85, 10, 5 }, 3);
		status_n[sx]++;
		struct desk_article_draft dr = {
			.title = title.s,
			.body = body.s,
			.body_len = body.n,
			.tags = tags,
			.ntags = ntags,
			.status = desk_kb_statuses[sx == 0 ? 1 : sx == 1 ? 0 : 2],
			.audience = chance(&r, 0.55) ? "public" : "internal",
			.owner = owners[below(&r, NELEM(owners))],
		};
		/* created over three years, in id order */
		d.now = now - span + (time_t)((double)span * ((double)i + unif(&r)) / (double)n);
		if (chance(&r, 0.4))
			dr.review_by = d.now + (time_t)(90 + below(&r, 640)) * DAY;
		int64_t id;
		double c0 = mono();
		if (desk_kb_create(&d, &dr, &id))
			die("article %ld: %s", i + 1, d.errmsg);
		if ((i + 1) % batch == 0 && i + 1 < n) {
			if (desk_tx_end(&d, 0) || desk_tx_begin(&d))
				die("%s", d.errmsg);
		}
		create += mono() - c0;
	}
	double c0 = mono();
	if (desk_tx_end(&d, 0))
		die("%s", d.errmsg);
	create += mono() - c0;
	d.now = now;
	double t1 = mono();
	printf("seed %llu\nbatch %ld\nen %ld\nvi %ld\nzh_hans %ld\nzh_hant %ld\nbilingual %ld\n"
	       "published %ld\ndraft %ld\narchived %ld\ncreate_seconds %.2f\nseconds %.2f\n",
	       (unsigned long long)seed, batch, per_lang[EN], per_lang[VI], per_lang[ZHS], per_lang[ZHT],
	       per_lang[NLANG], status_n[0], status_n[1], status_n[2], create, t1 - t0);
	facts(d.db, path, "");
	desk_release(&d);
	free(title.s);
	free(body.s);
	free(part.s);
	free(titles.h);
	return 0;
}
