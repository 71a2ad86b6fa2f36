/*
 * gen-desk.c - generate a realistic synthetic desk for the benchmarks.
 *
 *   gen-desk -n TICKETS -m MONTHS [-s SEED] [-c] OUT.db
 *   gen-desk --info DB          facts run.sh reports (sqlite version, counts)
 *   gen-desk --counts DB        rows per table, to compare what two writers did
 *   gen-desk --rows DB ID       what creating ticket ID wrote, minus ids and times
 *   gen-desk --pick DB          the tickets run.sh shows and assigns
 *   gen-desk --ticket DB ID     a ticket and its last event, minus times and ids
 *
 * The schema comes from libdesk itself (desk_open with DESK_OPEN_CREATE), so
 * the generated file is exactly what the commands would create. Rows are then
 * written with plain prepared statements in one transaction, with the
 * secondary indexes dropped during the load and rebuilt from their own SQL
 * afterwards (a sorted build is several times faster than a million random
 * index inserts). Foreign keys, synchronous writes and the journal are off
 * only while generating; the data are consistent by construction (-c runs
 * PRAGMA foreign_key_check to prove it).
 *
 * What the data look like:
 *  - tickets arrive as a Poisson process over MONTHS ending at "now" ($DESK_NOW
 *    or the clock), with weekday and hour-of-day seasonality in local time,
 *    slow growth, a holiday dip and a few outage bursts whose incidents are
 *    children (parent_id) of the first ticket of the outage;
 *  - priority low 20%, normal 55%, high 18%, urgent 7%; channel email 45%,
 *    chat 20%, web 15%, phone 10%, social 7%, api 3%; type by topic;
 *  - every ticket lives a simulated life (first response, pending and on-hold
 *    excursions, solved, closed four days later; a few go stale), and its
 *    status is where that life is at "now": old tickets are closed, recent ones
 *    new, open or pending;
 *  - N/4 customers with skewed activity, 65% in organisations; 3 teams and 30
 *    agents (two left, two joined recently); assignees follow team and language;
 *  - 1-4 messages per ticket, 0-3 tags, events for creation and status changes,
 *    all with ids in time order;
 *  - text is about 40% English, 35% Vietnamese, 25% Chinese (Simplified and
 *    Traditional), combined from template phrases.
 * The output depends only on the seed, "now" and the time zone.
 */
#include <desk.h>

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define HOUR 3600
#define DAY 86400

#include "rng.h"

/* ---------------------------------------------------------------- text */

enum lang { EN, VI, ZHS, ZHT, NLANG };
static const int lang_w[NLANG] = { 38, 37, 15, 10 };

enum cat { C_LOGIN, C_VPN, C_EMAIL, C_BILLING, C_BUG, C_FEATURE, C_HARDWARE, C_ACCOUNT, C_ORDER, NCAT };
static const int cat_w[NCAT] = { 18, 10, 10, 15, 14, 6, 9, 10, 8 };

/* teams: 0 Tier 1 Support, 1 Tier 2 Engineering, 2 Billing */
static const int cat_team[NCAT] = { 0, 1, 0, 2, 1, 1, 0, 0, 2 };

static const char *const types[] = { "question", "incident", "problem", "task" };
static const int cat_type_w[NCAT][4] = {
	{ 50, 40, 5, 5 }, { 10, 70, 15, 5 }, { 30, 55, 10, 5 }, { 70, 5, 5, 20 }, { 10, 50, 35, 5 },
	{ 40, 0, 0, 60 }, { 15, 50, 5, 30 }, { 20, 5, 0, 75 }, { 80, 10, 0, 10 },
};

static const int prio_w[4] = { 20, 55, 18, 7 }; /* low normal high urgent */
static const char *const channels[] = { "email", "chat", "web", "phone", "social", "api" };
static const int channel_w[] = { 45, 20, 15, 10, 7, 3 };
enum { CH_EMAIL, CH_CHAT, CH_WEB, CH_PHONE, CH_SOCIAL, CH_API };

static const char *const statuses[] = { "new", "open", "pending", "on-hold", "solved", "closed" };
enum { S_NEW, S_OPEN, S_PENDING, S_HOLD, S_SOLVED, S_CLOSED };

#define NCORE 5
static const char *const subject_core[NCAT][NLANG][NCORE] = {
	[C_LOGIN] = {
		{ "Cannot log in to my account", "Password reset link not working",
		  "Locked out after too many attempts", "Two-factor code never arrives",
		  "SSO login loops back to the sign-in page" },
		{ "Không đăng nhập được vào tài khoản", "Đường dẫn đặt lại mật khẩu không hoạt động",
		  "Tài khoản bị khóa sau nhiều lần đăng nhập sai", "Không nhận được mã xác thực hai lớp",
		  "Đăng nhập SSO bị quay lại trang đăng nhập" },
		{ "无法登录我的账户", "重置密码链接无效", "多次尝试后账户被锁定", "收不到双重验证码",
		  "单点登录一直跳回登录页" },
		{ "無法登入我的帳戶", "重設密碼連結無效", "多次嘗試後帳戶被鎖定", "收不到雙重驗證碼",
		  "單一登入一直跳回登入頁" },
	},
	[C_VPN] = {
		{ "VPN disconnects every few minutes", "Cannot connect to the VPN",
		  "Network drive not reachable over VPN", "Very slow connection from the branch office",
		  "Remote desktop times out" },
		{ "VPN bị ngắt kết nối liên tục", "Không kết nối được VPN",
		  "Không truy cập được ổ đĩa mạng qua VPN", "Mạng ở chi nhánh Đà Nẵng rất chậm",
		  "Điều khiển máy tính từ xa bị hết thời gian chờ" },
		{ "VPN每隔几分钟就断开", "无法连接VPN", "通过VPN无法访问网络驱动器", "分公司网络速度很慢",
		  "远程桌面连接超时" },
		{ "VPN每隔幾分鐘就斷線", "無法連線VPN", "透過VPN無法存取網路磁碟機", "分公司網路速度很慢",
		  "遠端桌面連線逾時" },
	},
	[C_EMAIL] = {
		{ "Emails stuck in the outbox", "Not receiving emails from customers",
		  "Outlook keeps asking for my password", "Shared mailbox missing in Outlook",
		  "Our newsletter lands in spam" },
		{ "Email bị kẹt trong hộp thư đi", "Không nhận được email từ khách hàng",
		  "Outlook liên tục hỏi mật khẩu", "Không thấy hộp thư dùng chung",
		  "Bản tin của chúng tôi bị vào thư rác" },
		{ "邮件卡在发件箱", "收不到客户的邮件", "Outlook一直要求输入密码", "共享邮箱在Outlook中消失",
		  "我们的通讯邮件进了垃圾箱" },
		{ "郵件卡在寄件匣", "收不到客戶的郵件", "Outlook一直要求輸入密碼", "共用信箱在Outlook中消失",
		  "我們的電子報被歸類為垃圾郵件" },
	},
	[C_BILLING] = {
		{ "Charged twice for the same invoice", "Refund request for order",
		  "Invoice shows the wrong amount", "Need a copy of last month's invoice",
		  "Payment declined but the money was taken" },
		{ "Bị trừ tiền hai lần cho cùng một hóa đơn", "Đề nghị hoàn tiền đơn hàng",
		  "Hóa đơn ghi sai số tiền", "Cần bản sao hóa đơn tháng trước",
		  "Thanh toán bị từ chối nhưng đã bị trừ tiền" },
		{ "同一张发票被扣款两次", "申请订单退款", "发票金额错误", "需要上个月的发票副本",
		  "付款被拒但钱已扣除" },
		{ "同一張發票被扣款兩次", "申請訂單退款", "發票金額錯誤", "需要上個月的發票副本",
		  "付款被拒但錢已扣除" },
	},
	[C_BUG] = {
		{ "App crashes when uploading a photo", "Error 500 when saving the report",
		  "Dashboard does not load", "Export to Excel produces an empty file",
		  "Mobile app freezes on startup" },
		{ "Ứng dụng bị thoát khi tải ảnh lên", "Lỗi 500 khi lưu báo cáo",
		  "Bảng điều khiển không tải được", "Xuất Excel ra tệp trống",
		  "Ứng dụng di động bị treo khi khởi động" },
		{ "上传照片时应用崩溃", "保存报表时出现500错误", "仪表板无法加载", "导出Excel得到空文件",
		  "手机应用启动时卡死" },
		{ "上傳照片時應用程式當機", "儲存報表時出現500錯誤", "儀表板無法載入", "匯出Excel得到空白檔案",
		  "手機App啟動時卡住" },
	},
	[C_FEATURE] = {
		{ "Feature request: dark mode", "Can you add an API for bulk export?",
		  "Integration with Slack", "Please support Vietnamese in PDF reports",
		  "Allow more than five users on our plan" },
		{ "Đề xuất tính năng: giao diện tối", "Có thể thêm API xuất dữ liệu hàng loạt không?",
		  "Tích hợp với Zalo", "Hỗ trợ tiếng Việt có dấu trong báo cáo PDF",
		  "Đề nghị tăng giới hạn người dùng" },
		{ "功能建议：深色模式", "能否增加批量导出的API？", "与企业微信集成", "PDF报表支持中文",
		  "希望提高套餐的用户数上限" },
		{ "功能建議：深色模式", "能否增加批次匯出的API？", "與LINE整合", "PDF報表支援繁體中文",
		  "希望提高方案的使用者上限" },
	},
	[C_HARDWARE] = {
		{ "Printer on the 3rd floor is offline", "Laptop will not turn on",
		  "Second monitor not detected", "Keyboard replacement needed",
		  "Headset microphone not working in calls" },
		{ "Máy in tầng 3 không hoạt động", "Máy tính xách tay không lên nguồn",
		  "Không nhận màn hình thứ hai", "Cần thay bàn phím", "Tai nghe không có tiếng khi gọi" },
		{ "三楼打印机离线", "笔记本电脑无法开机", "第二台显示器无法识别", "需要更换键盘",
		  "通话时耳机麦克风没有声音" },
		{ "三樓印表機離線", "筆記型電腦無法開機", "第二台螢幕無法偵測", "需要更換鍵盤",
		  "通話時耳機麥克風沒有聲音" },
	},
	[C_ACCOUNT] = {
		{ "New employee needs access to the CRM", "Please remove access for a former employee",
		  "Request to export all our data", "Change the account owner",
		  "Add a colleague to our team account" },
		{ "Nhân viên mới cần quyền truy cập CRM", "Đề nghị thu hồi quyền của nhân viên đã nghỉ việc",
		  "Yêu cầu xuất toàn bộ dữ liệu", "Đổi chủ sở hữu tài khoản",
		  "Thêm đồng nghiệp vào tài khoản nhóm" },
		{ "新员工需要CRM访问权限", "请删除离职员工的权限", "申请导出我们的全部数据", "更改账户所有者",
		  "把同事加入我们的团队账户" },
		{ "新進員工需要CRM存取權限", "請移除離職員工的權限", "申請匯出我們的全部資料", "變更帳戶擁有者",
		  "把同事加入我們的團隊帳戶" },
	},
	[C_ORDER] = {
		{ "Order has not arrived yet", "Wrong item delivered", "How do I return a product?",
		  "Tracking number does not work", "Parcel arrived damaged" },
		{ "Đơn hàng chưa được giao", "Giao sai sản phẩm", "Làm thế nào để đổi trả hàng?",
		  "Mã vận đơn không tra cứu được", "Hàng đến nơi bị hư hỏng" },
		{ "订单还没有到货", "收到的商品不对", "如何退货？", "物流单号查不到", "包裹到货时已损坏" },
		{ "訂單還沒有到貨", "收到的商品不對", "如何退貨？", "物流單號查不到", "包裹到貨時已損壞" },
	},
};

static const char *const subj_prefix[NLANG][4] = {
	{ "Re: ", "Fwd: ", "[Action needed] ", "URGENT: " },
	{ "Re: ", "Fwd: ", "[Cần xử lý] ", "GẤP: " },
	{ "回复：", "转发：", "【急】", "【求助】" },
	{ "回覆：", "轉寄：", "【急】", "【求助】" },
};

static const char *const subj_suffix[NLANG][6] = {
	{ " since this morning", " after the latest update", " again", " for the whole team",
	  " - please help", " (second request)" },
	{ " từ sáng nay", " sau bản cập nhật mới", " lần nữa", " cho cả phòng", " - nhờ hỗ trợ",
	  " ở văn phòng Đống Đa" },
	{ "（今天早上开始）", "（更新后）", "，又出现了", "，整个团队都受影响", "，请帮忙", "（第二次反映）" },
	{ "（今天早上開始）", "（更新後）", "，又出現了", "，整個團隊都受影響", "，請幫忙", "（第二次反映）" },
};

static const char *const order_word[NLANG] = { " #", " số ", " #", " #" };

static const char *const greet[NLANG][4] = {
	{ "Hi,", "Hello team,", "Good morning,", "Dear support," },
	{ "Chào anh/chị,", "Xin chào bộ phận hỗ trợ,", "Kính gửi đội ngũ hỗ trợ,", "Chào bạn," },
	{ "您好，", "你好，", "客服您好，", "各位好，" },
	{ "您好，", "你好，", "客服您好，", "各位好，" },
};

static const char *const cust_sentence[NLANG][10] = {
	{ "I have already restarted my computer but nothing changed.",
	  "The error message says \"Access denied\".", "This is blocking my work today.",
	  "Several colleagues have the same problem.", "Screenshot attached.",
	  "It worked fine until yesterday.", "Could you please look into it as soon as possible?",
	  "I tried another browser and got the same result.", "We are on the Business plan.",
	  "This is the second time this week." },
	{ "Tôi đã khởi động lại máy nhưng vẫn không được.", "Thông báo lỗi là \"Truy cập bị từ chối\".",
	  "Việc này đang ảnh hưởng đến công việc của tôi.", "Nhiều đồng nghiệp cũng gặp lỗi tương tự.",
	  "Tôi gửi kèm ảnh chụp màn hình.", "Hôm qua vẫn dùng bình thường.",
	  "Nhờ anh/chị kiểm tra giúp sớm nhất có thể.", "Tôi đã thử trình duyệt khác nhưng vẫn vậy.",
	  "Đơn vị: Phòng Kế toán, chi nhánh Đà Nẵng.", "Đây là lần thứ hai trong tuần tôi gặp lỗi này." },
	{ "我已经重启了电脑，但问题依旧。", "错误提示是“拒绝访问”。", "这影响了我今天的工作。",
	  "好几位同事也遇到同样的问题。", "附上截图。", "昨天还一切正常。", "请尽快帮忙处理，谢谢。",
	  "换了浏览器也是一样。", "我们用的是企业版套餐。", "这是本周第二次出现这个问题。" },
	{ "我已經重新開機，但問題依舊。", "錯誤訊息是「拒絕存取」。", "這影響了我今天的工作。",
	  "好幾位同事也遇到同樣的問題。", "附上截圖。", "昨天還一切正常。", "請盡快協助處理，謝謝。",
	  "換了瀏覽器也是一樣。", "我們用的是企業版方案。", "這是本週第二次出現這個問題。" },
};

static const char *const cust_followup[NLANG][4] = {
	{ "Any update on this?", "It works now, thank you!", "Still not working, sorry.",
	  "Here is the screenshot you asked for." },
	{ "Có tiến triển gì chưa ạ?", "Đã được rồi, cảm ơn nhiều!", "Vẫn chưa được ạ, nhờ kiểm tra lại giúp.",
	  "Tôi gửi ảnh chụp màn hình như đã yêu cầu." },
	{ "请问有进展吗？", "现在可以了，谢谢！", "还是不行，麻烦再看一下。", "这是您要的截图。" },
	{ "請問有進展嗎？", "現在可以了，謝謝！", "還是不行，麻煩再看一下。", "這是您要的截圖。" },
};

static const char *const cust_closing[NLANG][3] = {
	{ "Thanks,", "Best regards,", "Thank you," },
	{ "Cảm ơn,", "Trân trọng,", "Xin cảm ơn," },
	{ "谢谢！", "此致", "祝好，" },
	{ "謝謝！", "敬祝 商祺", "祝好，" },
};

static const char *const reply_open[NLANG][3] = {
	{ "Thanks for reaching out.", "Thank you for your patience.", "Sorry for the trouble." },
	{ "Cảm ơn anh/chị đã liên hệ.", "Cảm ơn anh/chị đã kiên nhẫn chờ.", "Rất xin lỗi vì sự bất tiện này." },
	{ "感谢您的来信。", "感谢您的耐心等待。", "抱歉给您带来不便。" },
	{ "感謝您的來信。", "感謝您的耐心等候。", "抱歉造成您的不便。" },
};

static const char *const reply_sentence[NLANG][7] = {
	{ "I have reset the configuration on our side; please try again.",
	  "Could you send us a screenshot of the error?",
	  "We are aware of the issue and our engineers are working on it.",
	  "The refund has been processed and should appear within 5-7 business days.",
	  "I have escalated this to our technical team.", "Please clear your browser cache and sign in again.",
	  "Could you confirm when the problem started?" },
	{ "Chúng tôi đã đặt lại cấu hình, anh/chị vui lòng thử lại.",
	  "Anh/chị có thể gửi ảnh chụp màn hình lỗi được không?",
	  "Chúng tôi đã ghi nhận sự cố và đội kỹ thuật đang xử lý.",
	  "Khoản hoàn tiền đã được xử lý, sẽ về tài khoản trong 5-7 ngày làm việc.",
	  "Tôi đã chuyển yêu cầu cho bộ phận kỹ thuật.",
	  "Anh/chị vui lòng xóa bộ nhớ đệm trình duyệt và đăng nhập lại.",
	  "Anh/chị xác nhận giúp thời điểm lỗi bắt đầu xảy ra nhé." },
	{ "我们已在后台重置了配置，请再试一次。", "能否发一张错误截图给我们？", "我们已确认该问题，工程师正在处理。",
	  "退款已处理，预计5-7个工作日到账。", "我已将此问题升级给技术团队。", "请清除浏览器缓存后重新登录。",
	  "请确认问题是从什么时候开始的。" },
	{ "我們已在後台重設了設定，請再試一次。", "能否提供錯誤截圖給我們？", "我們已確認此問題，工程師正在處理。",
	  "退款已處理，預計5-7個工作天入帳。", "我已將此問題轉給技術團隊。", "請清除瀏覽器快取後重新登入。",
	  "請確認問題是從什麼時候開始的。" },
};

static const char *const reply_closing[NLANG] = { "Best regards,", "Trân trọng,", "祝好，", "祝 順心，" };

static const char *const note_text[NLANG][6] = {
	{ "Customer called again, asked for an update.", "Checked the logs: repeated auth failures.",
	  "Escalated to Tier 2.", "Known issue, see the parent ticket.", "Waiting for the vendor.",
	  "VIP customer - handle with priority." },
	{ "Khách gọi lại hỏi tiến độ.", "Đã kiểm tra log: lỗi xác thực lặp lại.", "Đã chuyển lên Tier 2.",
	  "Lỗi đã biết, xem ticket gốc.", "Đang chờ nhà cung cấp phản hồi.", "Khách VIP - ưu tiên xử lý." },
	{ "客户来电询问进度。", "查了日志：认证反复失败。", "已升级到二线。", "已知问题，见父工单。",
	  "等待供应商回复。", "VIP客户，优先处理。" },
	{ "客戶來電詢問進度。", "查了日誌：驗證反覆失敗。", "已轉交二線。", "已知問題，見父工單。",
	  "等待供應商回覆。", "VIP客戶，優先處理。" },
};

static const char *const cat_tags[NCAT][6] = {
	{ "login", "password-reset", "sso", "2fa", "locked-account", NULL },
	{ "vpn", "network", "remote-access", "branch-office", NULL },
	{ "email", "outlook", "mailbox", "spam", NULL },
	{ "billing", "invoice", "refund", "payment", "double-charge", "hóa-đơn" },
	{ "bug", "crash", "mobile", "performance", "android", "ios" },
	{ "feature-request", "api", "integration", "pdf", NULL },
	{ "hardware", "printer", "laptop", "monitor", "replacement", NULL },
	{ "access-request", "onboarding", "offboarding", "data-export", "gdpr", NULL },
	{ "order", "shipping", "delivery", "return", "退货", NULL },
};
static const char *const global_tags[] = { "vip", "escalated", "follow-up", "duplicate", "known-issue", "khẩn-cấp" };

/* ---------------------------------------------------------------- people */

struct word {
	const char *s, *a; /* display, ASCII for addresses */
};
struct zword {
	const char *hans, *hant, *a;
};

static const struct word en_first[] = {
	{ "James", "james" }, { "Mary", "mary" }, { "Robert", "robert" }, { "Patricia", "patricia" },
	{ "John", "john" }, { "Jennifer", "jennifer" }, { "Michael", "michael" }, { "Linda", "linda" },
	{ "David", "david" }, { "Elizabeth", "elizabeth" }, { "William", "william" }, { "Sarah", "sarah" },
	{ "Emma", "emma" }, { "Oliver", "oliver" }, { "Sophie", "sophie" }, { "Liam", "liam" },
	{ "Chloe", "chloe" }, { "Noah", "noah" }, { "Ava", "ava" }, { "Lucas", "lucas" },
	{ "Priya", "priya" }, { "Arjun", "arjun" }, { "Fatima", "fatima" }, { "Omar", "omar" },
	{ "Ana", "ana" }, { "Carlos", "carlos" }, { "Grace", "grace" }, { "Daniel", "daniel" },
};
static const struct word en_last[] = {
	{ "Smith", "smith" }, { "Johnson", "johnson" }, { "Williams", "williams" }, { "Brown", "brown" },
	{ "Jones", "jones" }, { "Garcia", "garcia" }, { "Miller", "miller" }, { "Davis", "davis" },
	{ "Wilson", "wilson" }, { "Taylor", "taylor" }, { "Anderson", "anderson" }, { "Thomas", "thomas" },
	{ "Moore", "moore" }, { "Martin", "martin" }, { "Lee", "lee" }, { "Clark", "clark" },
	{ "Walker", "walker" }, { "Hall", "hall" }, { "Young", "young" }, { "King", "king" },
	{ "Wright", "wright" }, { "Scott", "scott" }, { "Green", "green" }, { "Baker", "baker" },
	{ "Patel", "patel" }, { "Khan", "khan" }, { "O'Brien", "obrien" }, { "Murphy", "murphy" },
};
static const struct word vi_family[] = {
	{ "Nguyễn", "nguyen" }, { "Nguyễn", "nguyen" }, { "Nguyễn", "nguyen" }, { "Trần", "tran" },
	{ "Trần", "tran" }, { "Lê", "le" }, { "Lê", "le" }, { "Phạm", "pham" }, { "Hoàng", "hoang" },
	{ "Huỳnh", "huynh" }, { "Phan", "phan" }, { "Vũ", "vu" }, { "Võ", "vo" }, { "Đặng", "dang" },
	{ "Bùi", "bui" }, { "Đỗ", "do" }, { "Hồ", "ho" }, { "Ngô", "ngo" }, { "Dương", "duong" },
	{ "Lý", "ly" }, { "Đinh", "dinh" }, { "Đoàn", "doan" },
};
static const struct word vi_middle[] = {
	{ "Văn", "van" }, { "Thị", "thi" }, { "Đức", "duc" }, { "Minh", "minh" }, { "Ngọc", "ngoc" },
	{ "Thanh", "thanh" }, { "Hữu", "huu" }, { "Quang", "quang" }, { "Thu", "thu" }, { "Xuân", "xuan" },
	{ "Gia", "gia" }, { "Đình", "dinh" },
};
static const struct word vi_given[] = {
	{ "An", "an" }, { "Bình", "binh" }, { "Châu", "chau" }, { "Dũng", "dung" }, { "Đạt", "dat" },
	{ "Hà", "ha" }, { "Hải", "hai" }, { "Hạnh", "hanh" }, { "Hiếu", "hieu" }, { "Hoa", "hoa" },
	{ "Hùng", "hung" }, { "Hương", "huong" }, { "Khánh", "khanh" }, { "Lan", "lan" }, { "Linh", "linh" },
	{ "Long", "long" }, { "Mai", "mai" }, { "Nam", "nam" }, { "Nga", "nga" }, { "Phong", "phong" },
	{ "Phương", "phuong" }, { "Quân", "quan" }, { "Sơn", "son" }, { "Tâm", "tam" }, { "Thảo", "thao" },
	{ "Trang", "trang" }, { "Trung", "trung" }, { "Tuấn", "tuan" }, { "Việt", "viet" }, { "Yến", "yen" },
	{ "Đông", "dong" }, { "Điệp", "diep" },
};
static const struct zword zh_family[] = {
	{ "王", "王", "wang" }, { "李", "李", "li" }, { "张", "張", "zhang" }, { "刘", "劉", "liu" },
	{ "陈", "陳", "chen" }, { "杨", "楊", "yang" }, { "黄", "黃", "huang" }, { "赵", "趙", "zhao" },
	{ "吴", "吳", "wu" }, { "周", "周", "zhou" }, { "徐", "徐", "xu" }, { "孙", "孫", "sun" },
	{ "林", "林", "lin" }, { "郭", "郭", "guo" }, { "何", "何", "he" }, { "高", "高", "gao" },
};
static const struct zword zh_given[] = {
	{ "伟", "偉", "wei" }, { "芳", "芳", "fang" }, { "娜", "娜", "na" }, { "敏", "敏", "min" },
	{ "静", "靜", "jing" }, { "丽", "麗", "li" }, { "强", "強", "qiang" }, { "磊", "磊", "lei" },
	{ "军", "軍", "jun" }, { "洋", "洋", "yang" }, { "艳", "豔", "yan" }, { "杰", "傑", "jie" },
	{ "娟", "娟", "juan" }, { "涛", "濤", "tao" }, { "明", "明", "ming" }, { "超", "超", "chao" },
	{ "秀英", "秀英", "xiuying" }, { "志明", "志明", "zhiming" }, { "美玲", "美玲", "meiling" },
	{ "家豪", "家豪", "jiahao" }, { "雅婷", "雅婷", "yating" }, { "建华", "建華", "jianhua" },
};

static const char *const free_mail[NLANG][3] = {
	{ "gmail.example", "outlook.example", "yahoo.example" },
	{ "gmail.example", "yahoo.example", "fpt.example" },
	{ "qq.example", "163.example", "gmail.example" },
	{ "gmail.example", "yahoo.example", "hinet.example" },
};
static const char *const role_mail[] = { "info", "support", "admin", "it", "hr", "ketoan", "office" };

/* organisation names: A x B x C per language, made unique by construction */
static const struct word en_org_a[] = {
	{ "Northwind", "northwind" }, { "Contoso", "contoso" }, { "Fabrikam", "fabrikam" },
	{ "Tailspin", "tailspin" }, { "Wingtip", "wingtip" }, { "Blue Yonder", "blueyonder" },
	{ "Coho", "coho" }, { "Litware", "litware" }, { "Proseware", "proseware" }, { "Alpine", "alpine" },
	{ "Harbor", "harbor" }, { "Summit", "summit" }, { "Redwood", "redwood" }, { "Silverline", "silverline" },
	{ "Brightpath", "brightpath" }, { "Ironbridge", "ironbridge" }, { "Clearwater", "clearwater" },
	{ "Maple", "maple" }, { "Granite", "granite" }, { "Lakeside", "lakeside" },
};
static const struct word en_org_b[] = {
	{ "Traders", "traders" }, { "Systems", "systems" }, { "Logistics", "logistics" }, { "Health", "health" },
	{ "Foods", "foods" }, { "Labs", "labs" }, { "Consulting", "consulting" }, { "Retail", "retail" },
	{ "Media", "media" }, { "Energy", "energy" },
};
static const struct word en_org_c[] = {
	{ "Ltd", "" }, { "Inc.", "" }, { "LLC", "" }, { "Group", "" }, { "Co.", "" }, { "Pty Ltd", "" },
};
static const struct word vi_org_a[] = { { "TNHH", "" }, { "Cổ phần", "" }, { "TNHH MTV", "" } };
static const struct word vi_org_b[] = {
	{ "Thương mại", "tm" }, { "Dịch vụ", "dv" }, { "Công nghệ", "cn" }, { "Xây dựng", "xd" },
	{ "Vận tải", "vt" }, { "Thực phẩm", "tp" }, { "Điện tử", "dt" }, { "Dược phẩm", "dp" },
	{ "Du lịch", "dl" }, { "Đầu tư", "dtu" }, { "Nông sản", "ns" }, { "In ấn", "ia" },
};
static const struct word vi_org_c[] = {
	{ "Đại Phát", "daiphat" }, { "Sao Việt", "saoviet" }, { "Hưng Thịnh", "hungthinh" },
	{ "Phú Quý", "phuquy" }, { "Minh Long", "minhlong" }, { "Đông Á", "donga" },
	{ "Thành Đạt", "thanhdat" }, { "Hoàng Gia", "hoanggia" }, { "An Khang", "ankhang" },
	{ "Tân Phú", "tanphu" }, { "Bình Minh", "binhminh" }, { "Việt Tiến", "viettien" },
	{ "Đức Thành", "ducthanh" }, { "Hòa Bình", "hoabinh" }, { "Kim Long", "kimlong" },
	{ "Đại Dương", "daiduong" }, { "Trường Sơn", "truongson" }, { "Hải Đăng", "haidang" },
	{ "Phương Nam", "phuongnam" }, { "Đất Việt", "datviet" },
};
static const struct zword zh_org_a[] = {
	{ "北京", "台北", "bj" }, { "上海", "新竹", "sh" }, { "深圳", "台中", "sz" }, { "广州", "高雄", "gz" },
	{ "杭州", "香港", "hz" }, { "成都", "澳門", "cd" }, { "南京", "台南", "nj" }, { "武汉", "桃園", "wh" },
};
static const struct zword zh_org_b[] = {
	{ "华强", "華強", "huaqiang" }, { "新锐", "新銳", "xinrui" }, { "恒通", "恆通", "hengtong" },
	{ "瑞丰", "瑞豐", "ruifeng" }, { "金诚", "金誠", "jincheng" }, { "天成", "天成", "tiancheng" },
	{ "博远", "博遠", "boyuan" }, { "德昌", "德昌", "dechang" }, { "晶华", "晶華", "jinghua" },
	{ "鼎盛", "鼎盛", "dingsheng" },
};
static const struct zword zh_org_c[] = {
	{ "科技", "科技", "tech" }, { "贸易", "貿易", "trade" }, { "物流", "物流", "logistics" },
	{ "电子", "電子", "elec" }, { "信息技术", "資訊", "it" }, { "医疗", "醫療", "med" },
};

struct agent {
	const char *login, *name;
	int lang;
	unsigned teams; /* bit mask */
	const char *role;
	double from, to; /* active over this fraction of the span (0..1) */
};
static const struct agent agents[] = {
	{ "lan.nguyen", "Nguyễn Thị Lan", VI, 1, "lead", 0, 1 },
	{ "duc.tran", "Trần Minh Đức", VI, 1, "agent", 0, 1 },
	{ "nam.le", "Lê Hoàng Nam", VI, 2, "lead", 0, 1 },
	{ "ha.pham", "Phạm Thu Hà", VI, 1, "agent", 0, 1 },
	{ "huy.do", "Đỗ Quang Huy", VI, 2, "agent", 0, 1 },
	{ "anh.vu", "Vũ Ngọc Anh", VI, 4, "agent", 0, 1 },
	{ "dat.hoang", "Hoàng Văn Đạt", VI, 1, "agent", 0, 0.55 },
	{ "mai.bui", "Bùi Thị Mai", VI, 4, "agent", 0, 1 },
	{ "tung.dang", "Đặng Thanh Tùng", VI, 3, "agent", 0, 1 },
	{ "huong.ngo", "Ngô Thị Hương", VI, 1, "agent", 0.75, 1 },
	{ "khoa.phan", "Phan Đình Khoa", VI, 2, "agent", 0, 1 },
	{ "yen.vo", "Võ Thị Yến", VI, 1, "agent", 0, 1 },
	{ "wei.wang", "王伟", ZHS, 1, "agent", 0, 1 },
	{ "na.li", "李娜", ZHS, 4, "lead", 0, 1 },
	{ "jiahao.zhang", "張家豪", ZHT, 2, "agent", 0, 1 },
	{ "meiling.chen", "陳美玲", ZHT, 1, "agent", 0, 1 },
	{ "yang.liu", "刘洋", ZHS, 2, "agent", 0, 0.4 },
	{ "zhiming.lin", "林志明", ZHT, 1, "agent", 0, 1 },
	{ "jing.huang", "黄静", ZHS, 1, "agent", 0.8, 1 },
	{ "jie.zhou", "周杰", ZHS, 2, "agent", 0, 1 },
	{ "sarah.johnson", "Sarah Johnson", EN, 7, "manager", 0, 1 },
	{ "michael.brown", "Michael Brown", EN, 1, "agent", 0, 1 },
	{ "emma.wilson", "Emma Wilson", EN, 1, "agent", 0, 1 },
	{ "david.miller", "David Miller", EN, 2, "agent", 0, 1 },
	{ "olivia.taylor", "Olivia Taylor", EN, 4, "agent", 0, 1 },
	{ "james.anderson", "James Anderson", EN, 2, "agent", 0, 1 },
	{ "priya.patel", "Priya Patel", EN, 3, "agent", 0, 1 },
	{ "tom.obrien", "Tom O'Brien", EN, 1, "agent", 0, 1 },
	{ "lucas.garcia", "Lucas Garcia", EN, 4, "agent", 0, 1 },
	{ "chloe.martin", "Chloe Martin", EN, 1, "agent", 0, 1 },
};
#define NAGENTS NELEM(agents)
enum { ACT_MAIL = NAGENTS, ACT_WWW, ACT_API, ACT_CRON }; /* non-agent actors of events */

static const struct {
	const char *name, *desc;
} teams[] = {
	{ "Tier 1 Support", "First line: questions, accounts, hardware, email" },
	{ "Tier 2 Engineering", "Incidents, bugs, network and integrations" },
	{ "Billing", "Invoices, refunds, payments and orders" },
};

/* ---------------------------------------------------------------- buffers */

struct sbuf {
	char s[4096];
	size_t n;
};

static void sb_reset(struct sbuf *b)
{
	b->n = 0;
	b->s[0] = '\0';
}

static void sb_add(struct sbuf *b, const char *s)
{
	size_t k = strlen(s);
	if (b->n + k >= sizeof b->s)
		k = sizeof b->s - 1 - b->n;
	memcpy(b->s + b->n, s, k);
	b->n += k;
	b->s[b->n] = '\0';
}

static void sb_addf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_addf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(b->s + b->n, sizeof b->s - b->n, fmt, ap);
	va_end(ap);
	if (k > 0)
		b->n = b->n + (size_t)k < sizeof b->s ? b->n + (size_t)k : sizeof b->s - 1;
}

/* ---------------------------------------------------------------- model */

struct org {
	int lang;
	uint16_t a, b, c, dup;
};

struct customer {
	int64_t created;
	int64_t first_seen; /* 0: never asked anything */
	uint32_t id;        /* final id, in order of creation */
	int32_t org;        /* -1: none */
	uint8_t lang, named, style, first_channel;
	uint16_t n1, n2, n3; /* name parts */
	uint8_t domain;
};

struct msg {
	int64_t at;
	uint32_t ticket, cust;
	uint32_t seed;
	uint8_t kind, agent, lang, cat, core, j, email;
};
enum { K_CUSTOMER, K_REPLY, K_NOTE, K_FOLLOWUP };

struct ev {
	int64_t at;
	uint32_t entity_id;
	uint32_t msg; /* F_MESSAGE: the message's id */
	uint8_t entity, field, old, new_, actor, j;
};
enum { E_CUSTOMER, E_TICKET };
enum { F_CUSTOMER, F_CREATED, F_STATUS, F_MESSAGE };

struct gen {
	struct rng r;
	sqlite3 *db;
	int64_t now, start, span;
	long n, ncust, norg;
	struct org *orgs;
	struct customer *cust;
	uint32_t *by_id; /* customer index of final id - 1 */
	struct msg *msgs;
	size_t nmsgs, capmsgs;
	struct ev *evs;
	size_t nevs, capevs;
	long ntags;
	int msg_events;  /* -e: an event per message after the first, as the commands write */
	double *stuck_p; /* --open: the chance a ticket that would be solved by now is not */
	struct rng br;   /* --open: the backlog's own draws */
	long nstuck;
	sqlite3_stmt *ins_ticket, *ins_tag, *ins_msg, *ins_ev, *ins_cust, *ins_org;
};

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
	va_list ap;
	fputs("gen-desk: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

static void exec_sql(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		die("%s: %s", sql, err ? err : sqlite3_errmsg(db));
}

static sqlite3_stmt *prep(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
		die("%s: %s", sql, sqlite3_errmsg(db));
	return st;
}

static void step(sqlite3 *db, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		die("insert failed: %s", sqlite3_errmsg(db));
	sqlite3_reset(st);
}

static void text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void int_or_null(sqlite3_stmt *st, int i, int64_t v)
{
	if (v)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

/* ------------------------------------------------------ arrivals over time */

static const double wday_factor[7] = { 0.35, 1.15, 1.10, 1.05, 1.05, 0.95, 0.45 }; /* Sun..Sat */
static const double hour_factor[24] = {
	0.12, 0.08, 0.06, 0.05, 0.05, 0.08, 0.18, 0.45, 0.85, 1.20, 1.35, 1.30,
	1.00, 1.15, 1.30, 1.25, 1.10, 0.90, 0.65, 0.50, 0.40, 0.32, 0.25, 0.18,
};

struct outage {
	int64_t from, to;
	int cat;
	uint32_t first; /* id of the first ticket of the outage: the parent */
};

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/*
 * n arrival times of an inhomogeneous Poisson process over [start, now):
 * given their number, the arrivals are independent draws from the rate
 * function, which is piecewise constant by hour. Returned sorted; the caller
 * frees.
 */
static int64_t *arrivals(struct gen *g, const struct outage *out, int nout)
{
	long nb = (long)((g->span + HOUR - 1) / HOUR);
	double *cdf = xrealloc(NULL, (size_t)(nb + 1) * sizeof *cdf);
	cdf[0] = 0;
	for (long b = 0; b < nb; b++) {
		int64_t t = g->start + (int64_t)b * HOUR;
		int64_t width = t + HOUR <= g->now ? HOUR : g->now - t;
		time_t mid = (time_t)(t + width / 2);
		struct tm tm;
		localtime_r(&mid, &tm);
		double w = wday_factor[tm.tm_wday] * hour_factor[tm.tm_hour];
		w *= 0.8 + 0.4 * (double)b / (double)nb; /* the desk grows */
		if ((tm.tm_mon == 11 && tm.tm_mday >= 24) || (tm.tm_mon == 0 && tm.tm_mday == 1))
			w *= 0.5;
		for (int k = 0; k < nout; k++)
			if (t < out[k].to && t + width > out[k].from)
				w *= 3.0;
		cdf[b + 1] = cdf[b] + w * (double)width / HOUR;
	}
	int64_t *ts = xrealloc(NULL, (size_t)g->n * sizeof *ts);
	double total = cdf[nb];
	for (long i = 0; i < g->n; i++) {
		double u = unif(&g->r) * total;
		long lo = 0, hi = nb; /* cdf[lo] <= u < cdf[hi] */
		while (hi - lo > 1) {
			long mid = (lo + hi) / 2;
			if (cdf[mid] <= u)
				lo = mid;
			else
				hi = mid;
		}
		int64_t t = g->start + (int64_t)lo * HOUR;
		int64_t width = t + HOUR <= g->now ? HOUR : g->now - t;
		double f = (u - cdf[lo]) / (cdf[lo + 1] - cdf[lo]);
		int64_t at = t + (int64_t)(f * (double)width);
		ts[i] = at < g->now ? at : g->now - 1;
	}
	qsort(ts, (size_t)g->n, sizeof *ts, cmp_i64);
	free(cdf);
	return ts;
}

/* ------------------------------------------------------------- customers */

static void org_name(const struct gen *g, uint32_t k, struct sbuf *b, struct sbuf *domain)
{
	const struct org *o = &g->orgs[k];
	sb_reset(b);
	sb_reset(domain);
	switch (o->lang) {
	case EN:
		sb_addf(b, "%s %s %s", en_org_a[o->a].s, en_org_b[o->b].s, en_org_c[o->c].s);
		sb_addf(domain, "%s%s", en_org_a[o->a].a, en_org_b[o->b].a);
		break;
	case VI:
		sb_addf(b, "Công ty %s %s %s", vi_org_a[o->a].s, vi_org_b[o->b].s, vi_org_c[o->c].s);
		sb_addf(domain, "%s%s", vi_org_c[o->c].a, vi_org_b[o->b].a);
		break;
	default: {
		int t = o->lang == ZHT;
		sb_addf(b, "%s%s%s%s", t ? zh_org_a[o->a].hant : zh_org_a[o->a].hans,
			t ? zh_org_b[o->b].hant : zh_org_b[o->b].hans, t ? zh_org_c[o->c].hant : zh_org_c[o->c].hans,
			t ? "股份有限公司" : "有限公司");
		sb_addf(domain, "%s%s%s", zh_org_b[o->b].a, zh_org_c[o->c].a, t ? ".tw" : "");
	}
	}
	if (o->dup) {
		sb_addf(b, " %u", o->dup + 1);
		sb_addf(domain, "%u", o->dup + 1);
	}
	sb_add(domain, ".example");
}

static void make_orgs(struct gen *g)
{
	static const int sizes[NLANG][3] = {
		{ NELEM(en_org_a), NELEM(en_org_b), NELEM(en_org_c) },
		{ NELEM(vi_org_a), NELEM(vi_org_b), NELEM(vi_org_c) },
		{ NELEM(zh_org_a), NELEM(zh_org_b), NELEM(zh_org_c) },
		{ NELEM(zh_org_a), NELEM(zh_org_b), NELEM(zh_org_c) },
	};
	uint32_t used[NLANG] = { 0 };
	g->orgs = xrealloc(NULL, (size_t)g->norg * sizeof *g->orgs);
	for (long i = 0; i < g->norg; i++) {
		int l = pick(&g->r, lang_w, NLANG);
		uint32_t combos = (uint32_t)(sizes[l][0] * sizes[l][1] * sizes[l][2]);
		uint32_t k = used[l]++;
		/* a fixed permutation of the combinations: 7919 is prime and larger
		 * than any of the products, so it is coprime with them */
		uint32_t c = (uint32_t)(((uint64_t)(k % combos) * 7919u) % combos);
		struct org *o = &g->orgs[i];
		o->lang = l;
		o->a = (uint16_t)(c % (uint32_t)sizes[l][0]);
		o->b = (uint16_t)(c / (uint32_t)sizes[l][0] % (uint32_t)sizes[l][1]);
		o->c = (uint16_t)(c / (uint32_t)(sizes[l][0] * sizes[l][1]));
		o->dup = (uint16_t)(k / combos);
	}
}

static void customer_name(const struct customer *c, struct sbuf *b)
{
	sb_reset(b);
	switch (c->lang) {
	case EN:
		sb_addf(b, "%s %s", en_first[c->n1].s, en_last[c->n2].s);
		break;
	case VI:
		sb_addf(b, "%s %s %s", vi_family[c->n1].s, vi_middle[c->n2].s, vi_given[c->n3].s);
		break;
	case ZHS:
		sb_addf(b, "%s%s", zh_family[c->n1].hans, zh_given[c->n2].hans);
		break;
	default:
		sb_addf(b, "%s%s", zh_family[c->n1].hant, zh_given[c->n2].hant);
	}
}

static void customer_email(const struct gen *g, const struct customer *c, struct sbuf *b)
{
	const char *first = "", *last = "";
	if (c->named) {
		switch (c->lang) {
		case EN: first = en_first[c->n1].a; last = en_last[c->n2].a; break;
		case VI: first = vi_given[c->n3].a; last = vi_family[c->n1].a; break;
		default: first = zh_given[c->n2].a; last = zh_family[c->n1].a;
		}
	}
	sb_reset(b);
	if (!c->named)
		sb_addf(b, "%s%u", role_mail[c->n3 % NELEM(role_mail)], c->id);
	else if (c->style == 0)
		sb_addf(b, "%s.%s%u", first, last, c->id);
	else if (c->style == 1)
		sb_addf(b, "%c%s%u", first[0], last, c->id);
	else
		sb_addf(b, "%s%s%u", last, first, c->id);
	sb_add(b, "@");
	if (c->org >= 0) {
		struct sbuf name, dom;
		org_name(g, (uint32_t)c->org, &name, &dom);
		sb_add(b, dom.s);
	} else {
		sb_add(b, free_mail[c->lang][c->domain % 3]);
	}
}

static void make_customers(struct gen *g)
{
	g->cust = xrealloc(NULL, (size_t)g->ncust * sizeof *g->cust);
	for (long i = 0; i < g->ncust; i++) {
		struct customer *c = &g->cust[i];
		memset(c, 0, sizeof *c);
		c->org = -1;
		if (chance(&g->r, 0.65)) {
			/* a few big organisations, many small ones */
			double u = unif(&g->r);
			c->org = (int32_t)((double)g->norg * u * u);
			c->lang = chance(&g->r, 0.85) ? (uint8_t)g->orgs[c->org].lang : (uint8_t)pick(&g->r, lang_w, NLANG);
		} else {
			c->lang = (uint8_t)pick(&g->r, lang_w, NLANG);
		}
		c->named = chance(&g->r, 0.9);
		c->style = (uint8_t)below(&g->r, 3);
		c->domain = (uint8_t)below(&g->r, 3);
		switch (c->lang) {
		case EN:
			c->n1 = (uint16_t)below(&g->r, NELEM(en_first));
			c->n2 = (uint16_t)below(&g->r, NELEM(en_last));
			break;
		case VI:
			c->n1 = (uint16_t)below(&g->r, NELEM(vi_family));
			c->n2 = (uint16_t)below(&g->r, NELEM(vi_middle));
			c->n3 = (uint16_t)below(&g->r, NELEM(vi_given));
			break;
		default:
			c->n1 = (uint16_t)below(&g->r, NELEM(zh_family));
			c->n2 = (uint16_t)below(&g->r, NELEM(zh_given));
		}
		if (!c->named)
			c->n3 = (uint16_t)below(&g->r, 1000);
	}
}

/* qsort has no context argument: the customers being sorted */
static const struct customer *sort_base;

static int cmp_cust(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int64_t cx = sort_base[x].created, cy = sort_base[y].created;
	if (cx != cy)
		return (cx > cy) - (cx < cy);
	return (x > y) - (x < y);
}

/* ------------------------------------------------------------- staging */

static void stage_msg(struct gen *g, const struct msg *m)
{
	if (g->nmsgs == g->capmsgs) {
		g->capmsgs = g->capmsgs ? g->capmsgs * 2 : 1 << 20;
		g->msgs = xrealloc(g->msgs, g->capmsgs * sizeof *g->msgs);
	}
	g->msgs[g->nmsgs++] = *m;
}

static void stage_ev(struct gen *g, int64_t at, int entity, uint32_t id, int field, int old, int new_,
		     int actor, int j)
{
	if (g->nevs == g->capevs) {
		g->capevs = g->capevs ? g->capevs * 2 : 1 << 20;
		g->evs = xrealloc(g->evs, g->capevs * sizeof *g->evs);
	}
	g->evs[g->nevs++] = (struct ev){ .at = at, .entity_id = id, .entity = (uint8_t)entity,
					  .field = (uint8_t)field, .old = (uint8_t)old, .new_ = (uint8_t)new_,
					  .actor = (uint8_t)actor, .j = (uint8_t)j };
}

static int cmp_msg(const void *a, const void *b)
{
	const struct msg *x = a, *y = b;
	if (x->at != y->at)
		return (x->at > y->at) - (x->at < y->at);
	if (x->ticket != y->ticket)
		return (x->ticket > y->ticket) - (x->ticket < y->ticket);
	return (x->j > y->j) - (x->j < y->j);
}

static int cmp_ev(const void *a, const void *b)
{
	const struct ev *x = a, *y = b;
	if (x->at != y->at)
		return (x->at > y->at) - (x->at < y->at);
	if (x->entity != y->entity)
		return (x->entity > y->entity) - (x->entity < y->entity);
	if (x->entity_id != y->entity_id)
		return (x->entity_id > y->entity_id) - (x->entity_id < y->entity_id);
	return (x->j > y->j) - (x->j < y->j);
}

/* ------------------------------------------------------------- tickets */

/* An agent of the team, active at time t, preferring the ticket's language. */
static int choose_agent(struct gen *g, int team, int lang, int64_t t)
{
	int cand[NAGENTS], nc = 0, same[NAGENTS], ns = 0;
	double f = (double)(t - g->start) / (double)g->span;
	for (int a = 0; a < NAGENTS; a++) {
		if (!(agents[a].teams & (1u << team)) || f < agents[a].from || f >= agents[a].to)
			continue;
		if (strcmp(agents[a].role, "manager") == 0 && !chance(&g->r, 0.1))
			continue;
		cand[nc++] = a;
		if (agents[a].lang == lang || (lang >= ZHS && agents[a].lang >= ZHS))
			same[ns++] = a;
	}
	if (ns && chance(&g->r, 0.6))
		return same[below(&g->r, (uint32_t)ns)];
	if (nc)
		return cand[below(&g->r, (uint32_t)nc)];
	return 20; /* the manager covers */
}

static void subject(struct gen *g, int lang, int cat, int core, struct sbuf *b)
{
	sb_reset(b);
	if (chance(&g->r, 0.12))
		sb_add(b, subj_prefix[lang][below(&g->r, 4)]);
	sb_add(b, subject_core[cat][lang][core]);
	if ((cat == C_BILLING || cat == C_ORDER) && chance(&g->r, 0.5))
		sb_addf(b, "%s%06u", order_word[lang], 100000 + below(&g->r, 900000));
	if (chance(&g->r, 0.3))
		sb_add(b, subj_suffix[lang][below(&g->r, 6)]);
}

/* The text of a staged message, regenerated from its seed. */
static void body(const struct gen *g, const struct msg *m, struct sbuf *b)
{
	struct rng r;
	rng_seed(&r, m->seed);
	int l = m->lang;
	const char *sep = l >= ZHS ? "" : " ";
	struct sbuf name;
	sb_reset(b);
	switch (m->kind) {
	case K_CUSTOMER: {
		sb_add(b, greet[l][below(&r, 4)]);
		sb_add(b, "\n\n");
		sb_add(b, subject_core[m->cat][l][m->core]);
		sb_add(b, l >= ZHS ? "。" : ".");
		int k = 1 + (int)below(&r, 3), last = -1;
		for (int i = 0; i < k; i++) {
			int s = (int)below(&r, 10);
			if (s == last)
				continue;
			sb_add(b, sep);
			sb_add(b, cust_sentence[l][s]);
			last = s;
		}
		sb_add(b, "\n\n");
		sb_add(b, cust_closing[l][below(&r, 3)]);
		const struct customer *c = &g->cust[m->cust];
		if (c->named) {
			customer_name(c, &name);
			sb_add(b, "\n");
			sb_add(b, name.s);
		}
		break;
	}
	case K_FOLLOWUP:
		sb_add(b, cust_followup[l][below(&r, 4)]);
		break;
	case K_REPLY: {
		const struct customer *c = &g->cust[m->cust];
		if (c->named && l == EN)
			sb_addf(b, "Hi %s,", en_first[c->n1].s);
		else if (c->named && l == VI)
			sb_addf(b, "Chào anh/chị %s,", vi_given[c->n3].s);
		else if (c->named)
			sb_addf(b, "%s%s，", l == ZHS ? zh_family[c->n1].hans : zh_family[c->n1].hant,
				l == ZHS ? "先生/女士" : "先生/小姐");
		else
			sb_add(b, greet[l][below(&r, 4)]);
		sb_add(b, "\n\n");
		sb_add(b, reply_open[l][below(&r, 3)]);
		sb_add(b, sep);
		sb_add(b, reply_sentence[l][below(&r, 7)]);
		sb_add(b, "\n\n");
		sb_add(b, reply_closing[l]);
		sb_add(b, "\n");
		sb_add(b, agents[m->agent].name);
		break;
	}
	default: /* a note, in the agent's language */
		sb_add(b, note_text[agents[m->agent].lang][below(&r, 6)]);
		if (chance(&r, 0.3)) {
			sb_add(b, " ");
			sb_add(b, note_text[agents[m->agent].lang][below(&r, 6)]);
		}
	}
}

struct life {
	int64_t at[10];
	uint8_t from[10], to[10];
	int n;
};

static void tr(struct life *L, int64_t at, int from, int to)
{
	L->at[L->n] = at;
	L->from[L->n] = (uint8_t)from;
	L->to[L->n] = (uint8_t)to;
	L->n++;
}

static int off_hours(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	return tm.tm_wday == 0 || tm.tm_wday == 6 || tm.tm_hour < 8 || tm.tm_hour >= 18;
}

/*
 * The life of a ticket from its creation: first touch, excursions to pending
 * and on-hold, solved, closed four days later. Some never get solved. Times
 * may lie beyond now: the caller keeps what has happened.
 */
static void live(struct rng *r, int64_t c, int prio, struct life *L)
{
	static const double fr_mean_h[5] = { 0, 12, 6, 2, 0.5 };
	static const double solve_median_h[5] = { 0, 60, 36, 24, 20 };
	static const double stale_p[5] = { 0, 0.015, 0.010, 0.008, 0.008 };
	L->n = 0;
	double fr = expo(r, fr_mean_h[prio] * HOUR) + 60;
	if (off_hours(c) && prio < 4)
		fr += expo(r, 8 * HOUR);
	int64_t cur = c + (int64_t)fr;
	tr(L, cur, S_NEW, S_OPEN);
	int stale = chance(r, stale_p[prio]);
	double work = lognorm(r, solve_median_h[prio] * HOUR, 1.3);
	if (chance(r, 0.35)) {
		double part = work * (0.1 + 0.4 * unif(r));
		cur += (int64_t)part;
		work -= part;
		tr(L, cur, S_OPEN, S_PENDING);
		if (stale && chance(r, 0.5))
			return; /* the customer never answered, nobody followed up */
		cur += (int64_t)lognorm(r, 18 * HOUR, 1.0);
		tr(L, cur, S_PENDING, S_OPEN);
	}
	if (chance(r, 0.06)) {
		double part = work * (0.1 + 0.5 * unif(r));
		cur += (int64_t)part;
		work -= part;
		tr(L, cur, S_OPEN, S_HOLD);
		if (stale)
			return;
		cur += (int64_t)lognorm(r, 4 * DAY, 0.8);
		tr(L, cur, S_HOLD, S_OPEN);
	}
	if (stale)
		return;
	cur += (int64_t)work;
	tr(L, cur, S_OPEN, S_SOLVED);
	if (chance(r, 0.06)) {
		/* "it is back": the customer answers before the ticket closes */
		cur += 2 * HOUR + (int64_t)below(r, 3 * DAY);
		tr(L, cur, S_SOLVED, S_OPEN);
		cur += (int64_t)lognorm(r, solve_median_h[prio] * HOUR / 2, 1.0);
		tr(L, cur, S_OPEN, S_SOLVED);
	}
	cur += 4 * DAY + (int64_t)below(r, 2 * HOUR);
	tr(L, cur, S_SOLVED, S_CLOSED);
}

/*
 * --open: the backlog. A ticket whose life would have reached solved by now
 * stops short of it: left new (never touched), waiting in pending or
 * on-hold, or open. The draws are the backlog's own (g->br).
 */
static void backlog(struct gen *g, struct life *L)
{
	int s = 0;
	while (s < L->n && L->to[s] != S_SOLVED)
		s++;
	double u = unif(&g->br);
	if (u < 0.10) {
		L->n = 0; /* nobody picked it up */
		return;
	}
	L->n = s;
	if (u < 0.35) /* waiting: cut right after its last entry to pending or on-hold */
		for (int k = s - 1; k >= 0; k--)
			if (L->to[k] == S_PENDING || L->to[k] == S_HOLD) {
				L->n = k + 1;
				return;
			}
}

/*
 * --open N: how likely each ticket is to be in the backlog, so that about N
 * tickets are new, open, pending or on-hold at now. Tickets that are open
 * anyway (the last two weeks, the stale ones) count first; of the others, a
 * ticket of age A joins the backlog with chance min(1, b e^(-A/60 days)),
 * b chosen so the expected total is N. Which tickets are open anyway is
 * estimated by living every ticket once on a separate stream (the same
 * lives in distribution, not draw for draw).
 */
static void plan_backlog(struct gen *g, const int64_t *ts, long want, uint64_t seed)
{
	struct rng r;
	rng_seed(&r, seed ^ 0x6261636b6c6f67ULL); /* "backlog" */
	rng_seed(&g->br, seed ^ 0x6f70656e2d6e6f77ULL);
	uint8_t *open_anyway = xrealloc(NULL, (size_t)g->n);
	double *w = xrealloc(NULL, (size_t)g->n * sizeof *w);
	long natural = 0;
	for (long i = 0; i < g->n; i++) {
		struct life L;
		live(&r, ts[i], 1 + pick(&r, prio_w, 4), &L);
		int status = S_NEW;
		for (int k = 0; k < L.n && L.at[k] < g->now; k++)
			status = L.to[k];
		open_anyway[i] = status < S_SOLVED;
		natural += open_anyway[i];
		w[i] = exp(-(double)(g->now - ts[i]) / (60.0 * DAY));
	}
	double need = (double)(want - natural), lo = 0, hi = 1;
	g->stuck_p = xrealloc(NULL, (size_t)g->n * sizeof *g->stuck_p);
	if (need <= 0) {
		fprintf(stderr, "gen-desk: --open %ld: about %ld tickets are open anyway\n", want, natural);
		hi = 0;
	} else {
		double sum_w = 0;
		for (long i = 0; i < g->n; i++)
			sum_w += open_anyway[i] ? 0 : w[i];
		if (sum_w <= need)
			die("--open %ld: more than this desk can hold open", want);
		while (hi < 1e9) { /* the expectation grows with b: bracket, then bisect */
			double e = 0;
			for (long i = 0; i < g->n; i++)
				e += open_anyway[i] ? 0 : fmin(1, hi * w[i]);
			if (e >= need)
				break;
			lo = hi;
			hi *= 2;
		}
		for (int it = 0; it < 60; it++) {
			double mid = (lo + hi) / 2, e = 0;
			for (long i = 0; i < g->n; i++)
				e += open_anyway[i] ? 0 : fmin(1, mid * w[i]);
			if (e < need)
				lo = mid;
			else
				hi = mid;
		}
	}
	for (long i = 0; i < g->n; i++)
		g->stuck_p[i] = fmin(1, hi * w[i]);
	free(open_anyway);
	free(w);
}

static int actor_for_channel(int ch, int agent)
{
	switch (ch) {
	case CH_EMAIL: return ACT_MAIL;
	case CH_API: return ACT_API;
	case CH_PHONE: return agent;
	default: return ACT_WWW;
	}
}

static const char *actor_name(int a)
{
	if (a < NAGENTS)
		return agents[a].login;
	return a == ACT_MAIL ? "mail" : a == ACT_WWW ? "www-data" : a == ACT_API ? "api" : "desk";
}

static void make_tickets(struct gen *g, const int64_t *ts, const uint32_t *req, const uint8_t *chan,
			 struct outage *out, int nout)
{
	struct sbuf subj;
	int o = 0; /* the outage under way or next */
	for (long i = 0; i < g->n; i++) {
		uint32_t id = (uint32_t)i + 1;
		int64_t c = ts[i];
		const struct customer *cu = &g->cust[req[i]];
		int lang = cu->lang;
		int cat = pick(&g->r, cat_w, NCAT);
		uint32_t parent = 0;
		while (o < nout && out[o].to <= c)
			o++;
		int in_outage = o < nout && out[o].from <= c && chance(&g->r, 0.6);
		if (in_outage) {
			cat = out[o].cat;
			if (out[o].first)
				parent = out[o].first;
			else
				out[o].first = id;
		}
		int core = (int)below(&g->r, NCORE);
		int type = in_outage ? (parent ? 1 : 2) : pick(&g->r, cat_type_w[cat], 4);
		int prio = 1 + pick(&g->r, prio_w, 4);
		if (in_outage && prio < 3 && chance(&g->r, 0.5))
			prio = 3;
		int ch = chan[i];
		int team = chance(&g->r, 0.9) ? cat_team[cat] : (int)below(&g->r, 3);
		subject(g, lang, cat, core, &subj);

		struct life L;
		live(&g->r, c, prio, &L);
		if (g->stuck_p) { /* --open: one backlog draw per ticket, whatever its life */
			double u = unif(&g->br);
			int k = 0;
			while (k < L.n && L.at[k] < g->now)
				k++;
			if (k > 0 && L.to[k - 1] >= S_SOLVED && u < g->stuck_p[i]) {
				backlog(g, &L);
				g->nstuck++;
			}
		}
		int status = S_NEW, napplied = 0, reopens = 0;
		int64_t last_change = c, solved = 0, first_solved = 0, closed = 0;
		for (int k = 0; k < L.n && L.at[k] < g->now; k++) {
			status = L.to[k];
			last_change = L.at[k];
			napplied++;
			if (L.to[k] == S_SOLVED) {
				solved = L.at[k];
				if (!first_solved)
					first_solved = L.at[k];
			}
			if (L.from[k] == S_SOLVED && L.to[k] == S_OPEN) {
				solved = 0; /* solved is the last solve, cleared by a reopen */
				reopens++;
			}
			if (L.to[k] == S_CLOSED)
				closed = L.at[k];
		}
		int touched = napplied > 0;
		int64_t fr_at = touched ? L.at[0] : 0;
		int assignee = -1;
		if (touched ? chance(&g->r, 0.95) : chance(&g->r, 0.1))
			assignee = choose_agent(g, team, lang, touched ? fr_at : c);
		int has_team = touched ? chance(&g->r, 0.95) : chance(&g->r, 0.7);
		int worker = assignee >= 0 ? assignee : choose_agent(g, team, lang, touched ? fr_at : c);

		/* the conversation */
		int64_t first_response = 0, last_msg = c;
		struct msg m = { .at = c, .ticket = id, .cust = req[i], .kind = K_CUSTOMER,
				 .lang = (uint8_t)lang, .cat = (uint8_t)cat, .core = (uint8_t)core,
				 .agent = (uint8_t)worker, .email = ch == CH_EMAIL, .j = 0 };
		m.seed = (uint32_t)next(&g->r);
		stage_msg(g, &m);
		if (touched) {
			static const int nmsg_w[4] = { 10, 40, 30, 20 };
			int nm = 1 + pick(&g->r, nmsg_w, 4);
			int64_t end = solved ? solved : last_change > fr_at ? last_change : g->now;
			if (end > g->now)
				end = g->now;
			int64_t times[4];
			int kinds[4];
			for (int k = 1; k < nm; k++) {
				if (k == 1) {
					times[k] = fr_at;
					kinds[k] = chance(&g->r, 0.85) ? K_REPLY : K_NOTE;
				} else {
					times[k] = fr_at + (int64_t)(unif(&g->r) * (double)(end - fr_at));
					static const int kind_w[3] = { 45, 35, 20 };
					int kk = pick(&g->r, kind_w, 3);
					kinds[k] = kk == 0 ? K_FOLLOWUP : kk == 1 ? K_REPLY : K_NOTE;
				}
			}
			/* later messages in time order */
			for (int a = 2; a < nm; a++)
				for (int b = a + 1; b < nm; b++)
					if (times[b] < times[a]) {
						int64_t t = times[a];
						times[a] = times[b];
						times[b] = t;
					}
			for (int k = 1; k < nm; k++) {
				m.at = times[k];
				m.kind = (uint8_t)kinds[k];
				m.j = (uint8_t)k;
				m.seed = (uint32_t)next(&g->r);
				stage_msg(g, &m);
				if (kinds[k] == K_REPLY && !first_response)
					first_response = times[k];
				if (times[k] > last_msg)
					last_msg = times[k];
			}
		} else if (chance(&g->r, 0.15)) {
			m.at = c + (int64_t)(unif(&g->r) * (double)(g->now - c));
			m.kind = K_FOLLOWUP;
			m.j = 1;
			m.seed = (uint32_t)next(&g->r);
			stage_msg(g, &m);
			last_msg = m.at;
		}
		int64_t updated = last_msg > last_change ? last_msg : last_change;

		/* events: created, then each status change that has happened */
		stage_ev(g, c, E_TICKET, id, F_CREATED, 0, 0, actor_for_channel(ch, worker), 0);
		for (int k = 0; k < napplied; k++)
			stage_ev(g, L.at[k], E_TICKET, id, F_STATUS, L.from[k], L.to[k],
				 L.to[k] == S_CLOSED ? ACT_CRON : worker, k + 1);

		sqlite3_stmt *st = g->ins_ticket;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, subj.s, (int)subj.n, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, statuses[status], -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 4, prio);
		sqlite3_bind_text(st, 5, types[type], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, channels[ch], -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 7, g->cust[req[i]].id);
		int_or_null(st, 8, assignee >= 0 ? assignee + 1 : 0);
		int_or_null(st, 9, has_team ? team + 1 : 0);
		int_or_null(st, 10, parent);
		sqlite3_bind_int64(st, 11, c);
		sqlite3_bind_int64(st, 12, updated);
		int_or_null(st, 13, first_response);
		int_or_null(st, 14, solved);
		int_or_null(st, 15, closed);
		int_or_null(st, 16, first_solved);
		sqlite3_bind_int(st, 17, reopens);
		step(g->db, st);

		/* tags: topic first, sometimes a general one */
		static const int ntag_w[4] = { 30, 40, 20, 10 };
		int nt = pick(&g->r, ntag_w, 4);
		const char *chosen[4];
		int nc = 0;
		if (in_outage)
			chosen[nc++] = "outage";
		int ncat = 0;
		while (ncat < 6 && cat_tags[cat][ncat])
			ncat++;
		for (int k = 0; k < nt && nc < 4; k++) {
			const char *tag;
			if (chance(&g->r, 0.15))
				tag = PICK(&g->r, global_tags);
			else {
				double u = unif(&g->r);
				tag = cat_tags[cat][(int)(u * u * ncat)]; /* the first tags are the common ones */
			}
			int dup = 0;
			for (int q = 0; q < nc; q++)
				dup |= strcmp(chosen[q], tag) == 0;
			if (!dup)
				chosen[nc++] = tag;
		}
		for (int k = 0; k < nc; k++) {
			sqlite3_bind_int64(g->ins_tag, 1, id);
			sqlite3_bind_text(g->ins_tag, 2, chosen[k], -1, SQLITE_STATIC);
			step(g->db, g->ins_tag);
			g->ntags++;
		}
	}
}

/* ------------------------------------------------------------- writing */

static void write_fixed(struct gen *g)
{
	sqlite3_stmt *st = prep(g->db, "INSERT INTO teams (id, name, description, created) VALUES (?1, ?2, ?3, ?4)");
	for (int t = 0; t < NELEM(teams); t++) {
		sqlite3_bind_int(st, 1, t + 1);
		text(st, 2, teams[t].name);
		text(st, 3, teams[t].desc);
		sqlite3_bind_int64(st, 4, g->start - 30 * DAY);
		step(g->db, st);
	}
	sqlite3_finalize(st);
	st = prep(g->db, "INSERT INTO agents (id, login, name, email, role, active, created)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	sqlite3_stmt *at = prep(g->db, "INSERT INTO agent_teams (agent_id, team_id) VALUES (?1, ?2)");
	char email[96];
	for (int a = 0; a < NAGENTS; a++) {
		snprintf(email, sizeof email, "%s@support.example", agents[a].login);
		sqlite3_bind_int(st, 1, a + 1);
		text(st, 2, agents[a].login);
		text(st, 3, agents[a].name);
		text(st, 4, email);
		text(st, 5, agents[a].role);
		sqlite3_bind_int(st, 6, agents[a].to >= 1);
		sqlite3_bind_int64(st, 7, g->start - 30 * DAY + (int64_t)(agents[a].from * (double)g->span));
		step(g->db, st);
		for (int t = 0; t < 3; t++)
			if (agents[a].teams & (1u << t)) {
				sqlite3_bind_int(at, 1, a + 1);
				sqlite3_bind_int(at, 2, t + 1);
				step(g->db, at);
			}
	}
	sqlite3_finalize(st);
	sqlite3_finalize(at);
}

static void write_orgs(struct gen *g)
{
	struct sbuf name, dom;
	sqlite3_stmt *st = prep(g->db, "INSERT INTO organisations (id, name, created) VALUES (?1, ?2, ?3)");
	for (long i = 0; i < g->norg; i++) {
		org_name(g, (uint32_t)i, &name, &dom);
		sqlite3_bind_int64(st, 1, i + 1);
		sqlite3_bind_text(st, 2, name.s, (int)name.n, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, g->start - (int64_t)below(&g->r, 365) * DAY);
		step(g->db, st);
	}
	sqlite3_finalize(st);
}

static void write_customers(struct gen *g)
{
	struct sbuf name, email;
	sqlite3_stmt *st = prep(g->db, "INSERT INTO customers (id, email, name, org_id, created)"
				      " VALUES (?1, ?2, ?3, ?4, ?5)");
	for (long k = 0; k < g->ncust; k++) {
		const struct customer *c = &g->cust[g->by_id[k]];
		customer_email(g, c, &email);
		sqlite3_bind_int64(st, 1, c->id);
		sqlite3_bind_text(st, 2, email.s, (int)email.n, SQLITE_STATIC);
		if (c->named) {
			customer_name(c, &name);
			sqlite3_bind_text(st, 3, name.s, (int)name.n, SQLITE_STATIC);
		} else {
			sqlite3_bind_null(st, 3);
		}
		int_or_null(st, 4, c->org >= 0 ? c->org + 1 : 0);
		sqlite3_bind_int64(st, 5, c->created);
		step(g->db, st);
		stage_ev(g, c->created, E_CUSTOMER, c->id, F_CUSTOMER, 0, 0,
			 c->first_seen ? actor_for_channel(c->first_channel, 20) : 20, 0);
	}
	sqlite3_finalize(st);
}

static void write_messages(struct gen *g)
{
	struct sbuf b, email;
	char mid[96];
	qsort(g->msgs, g->nmsgs, sizeof *g->msgs, cmp_msg);
	sqlite3_stmt *st = g->ins_msg;
	static const char *const kinds[] = { "customer", "reply", "note", "customer" };
	for (size_t k = 0; k < g->nmsgs; k++) {
		const struct msg *m = &g->msgs[k];
		const struct customer *c = &g->cust[m->cust];
		body(g, m, &b);
		sqlite3_bind_int64(st, 1, (int64_t)k + 1);
		sqlite3_bind_int64(st, 2, m->ticket);
		text(st, 3, kinds[m->kind]);
		if (m->kind == K_CUSTOMER || m->kind == K_FOLLOWUP) {
			customer_email(g, c, &email);
			sqlite3_bind_null(st, 4);
			sqlite3_bind_int64(st, 5, c->id);
			sqlite3_bind_text(st, 6, email.s, (int)email.n, SQLITE_STATIC);
		} else {
			sqlite3_bind_int(st, 4, m->agent + 1);
			sqlite3_bind_null(st, 5);
			text(st, 6, agents[m->agent].login);
		}
		sqlite3_bind_text(st, 7, b.s, (int)b.n, SQLITE_STATIC);
		sqlite3_bind_int64(st, 8, m->at);
		if (m->email && m->kind != K_NOTE) {
			snprintf(mid, sizeof mid, "<%08x.%u.%u@%s>", m->seed, m->ticket, m->j,
				 m->kind == K_REPLY ? "support.example" : "mail.example");
			text(st, 9, mid);
		} else {
			sqlite3_bind_null(st, 9);
		}
		step(g->db, st);
		/* -e: its event, as ticket-reply, ticket-note and ticket-comment
		 * write them (the first message comes with the ticket: none) */
		if (g->msg_events && m->j > 0) {
			int actor = m->kind == K_REPLY || m->kind == K_NOTE ? m->agent : m->email ? ACT_MAIL : ACT_WWW;
			stage_ev(g, m->at, E_TICKET, m->ticket, F_MESSAGE, 0, m->kind, actor, 16 + m->j);
			g->evs[g->nevs - 1].msg = (uint32_t)k + 1;
		}
	}
}

static void write_events(struct gen *g)
{
	struct sbuf email;
	qsort(g->evs, g->nevs, sizeof *g->evs, cmp_ev);
	sqlite3_stmt *st = g->ins_ev;
	for (size_t k = 0; k < g->nevs; k++) {
		const struct ev *e = &g->evs[k];
		sqlite3_bind_int64(st, 1, (int64_t)k + 1);
		text(st, 2, e->entity == E_CUSTOMER ? "customer" : "ticket");
		sqlite3_bind_int64(st, 3, e->entity_id);
		sqlite3_bind_int64(st, 4, e->at);
		sqlite3_bind_int64(st, 5, e->at);
		text(st, 6, actor_name(e->actor));
		switch (e->field) {
		case F_CUSTOMER:
			customer_email(g, &g->cust[g->by_id[e->entity_id - 1]], &email);
			text(st, 7, "customer");
			sqlite3_bind_null(st, 8);
			sqlite3_bind_text(st, 9, email.s, (int)email.n, SQLITE_STATIC);
			break;
		case F_CREATED:
			text(st, 7, "ticket");
			sqlite3_bind_null(st, 8);
			text(st, 9, "created");
			break;
		case F_MESSAGE: {
			char num[16];
			snprintf(num, sizeof num, "%u", e->msg);
			text(st, 7, e->new_ == K_REPLY ? "reply" : e->new_ == K_NOTE ? "note" : "comment");
			sqlite3_bind_null(st, 8);
			sqlite3_bind_text(st, 9, num, -1, SQLITE_TRANSIENT);
			break;
		}
		default:
			text(st, 7, "status");
			text(st, 8, statuses[e->old]);
			text(st, 9, statuses[e->new_]);
		}
		step(g->db, st);
	}
}

/* ------------------------------------------------------------- main */

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

/* --info DB: what run.sh reports about the bench database. */
static int info(const char *path)
{
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die("cannot open '%s': %s", path, sqlite3_errmsg(db));
	printf("sqlite %s\n", sqlite3_libversion());
	printf("tickets %lld\n", (long long)one_int(db, "SELECT count(*) FROM tickets"));
	printf("open_urgent %lld\n", (long long)one_int(db,
		"SELECT count(*) FROM tickets WHERE status = 'open' AND priority = 4"));
	printf("messages %lld\n", (long long)one_int(db, "SELECT max(id) FROM messages"));
	printf("events %lld\n", (long long)one_int(db, "SELECT max(id) FROM events"));
	printf("customers %lld\n", (long long)one_int(db, "SELECT max(id) FROM customers"));
	sqlite3_close(db);
	return 0;
}

/* --counts DB: rows per table, full-text shadow tables other than docsize
 * left out (their segment merges make the counts move unevenly). */
static int counts(const char *path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die("cannot open '%s': %s", path, sqlite3_errmsg(db));
	if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
				   " AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite%'"
				   " AND name NOT LIKE '%\\_data' ESCAPE '\\' AND name NOT LIKE '%\\_idx' ESCAPE '\\'"
				   " AND name NOT LIKE '%\\_config' ESCAPE '\\' ORDER BY name", -1, &st, NULL) != SQLITE_OK)
		die("%s", sqlite3_errmsg(db));
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		char *sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\"", name);
		printf("%s %lld\n", name, (long long)one_int(db, sql));
		sqlite3_free(sql);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return 0;
}

/* Print the rows of one query as "table: col=value ...", leaving out the
 * columns listed in skip (ids and times, which differ between two runs). */
static void dump(sqlite3 *db, const char *table, const char *sql, int64_t id, const char *const *skip)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die("%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		printf("%s:", table);
		for (int i = 0; i < sqlite3_column_count(st); i++) {
			const char *col = sqlite3_column_name(st, i);
			int skipped = 0;
			for (const char *const *k = skip; *k; k++)
				skipped |= strcmp(*k, col) == 0;
			if (skipped)
				continue;
			const unsigned char *v = sqlite3_column_text(st, i);
			printf(" %s=%s", col, v ? (const char *)v : "NULL");
		}
		putchar('\n');
	}
	sqlite3_finalize(st);
}

/* --rows DB ID: what creating ticket ID wrote, without ids and times. */
static int rows(const char *path, const char *ids)
{
	static const char *const skip_ticket[] = { "id", "created", "updated", NULL };
	static const char *const skip_msg[] = { "id", "ticket_id", "created", NULL };
	static const char *const skip_tag[] = { "ticket_id", NULL };
	static const char *const skip_ev[] = { "id", "entity_id", "at", "real_at", NULL };
	sqlite3 *db = NULL;
	int64_t id = strtoll(ids, NULL, 10);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die("cannot open '%s': %s", path, sqlite3_errmsg(db));
	dump(db, "tickets", "SELECT * FROM tickets WHERE id = ?1", id, skip_ticket);
	dump(db, "messages", "SELECT * FROM messages WHERE ticket_id = ?1 ORDER BY id", id, skip_msg);
	dump(db, "ticket_tags", "SELECT * FROM ticket_tags WHERE ticket_id = ?1 ORDER BY tag", id, skip_tag);
	dump(db, "events", "SELECT * FROM events WHERE entity = 'ticket' AND entity_id = ?1 ORDER BY id", id, skip_ev);
	sqlite3_close(db);
	return 0;
}

/* --pick DB: the tickets run.sh shows and assigns. An open, normal-priority
 * ticket with four messages to show; another open one held by an active
 * agent to assign back and forth (to that agent, so the bench leaves it as
 * it found it). Both outside every benchmarked listing. */
static int pick_tickets(const char *path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die("cannot open '%s': %s", path, sqlite3_errmsg(db));
	int64_t show = one_int(db,
		"SELECT t.id FROM tickets t WHERE t.status = 'open' AND t.priority = 2"
		" AND (SELECT count(*) FROM messages m WHERE m.ticket_id = t.id) = 4"
		" ORDER BY t.id DESC LIMIT 1");
	if (sqlite3_prepare_v2(db,
		"SELECT t.id, a.login FROM tickets t JOIN agents a ON a.id = t.assignee_id AND a.active = 1"
		" WHERE t.status = 'open' AND t.priority = 2 AND t.id <> ?1 ORDER BY t.id DESC LIMIT 1",
		-1, &st, NULL) != SQLITE_OK)
		die("%s", sqlite3_errmsg(db));
	sqlite3_bind_int64(st, 1, show);
	if (show <= 0 || sqlite3_step(st) != SQLITE_ROW)
		die("no open tickets to show and assign in '%s'", path);
	printf("show_id %lld\nassign_id %lld\nassign_agent %s\n", (long long)show,
	       (long long)sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return 0;
}

/* --ticket DB ID: the ticket row and its last event, without the times and
 * ids that differ between two writers. */
static int ticket_state(const char *path, const char *ids)
{
	static const char *const skip_ticket[] = { "updated", NULL };
	static const char *const skip_ev[] = { "id", "at", "real_at", NULL };
	sqlite3 *db = NULL;
	int64_t id = strtoll(ids, NULL, 10);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die("cannot open '%s': %s", path, sqlite3_errmsg(db));
	dump(db, "tickets", "SELECT * FROM tickets WHERE id = ?1", id, skip_ticket);
	dump(db, "events", "SELECT * FROM events WHERE entity = 'ticket' AND entity_id = ?1 ORDER BY id DESC LIMIT 1",
	     id, skip_ev);
	sqlite3_close(db);
	return 0;
}

static void usage(void)
{
	fputs("usage: gen-desk -n TICKETS -m MONTHS [-s SEED] [-c] [-e] [--open N] OUT.db\n"
	      "       gen-desk --info DB\n"
	      "       gen-desk --counts DB\n"
	      "       gen-desk --rows DB TICKET-ID\n"
	      "       gen-desk --pick DB\n"
	      "       gen-desk --ticket DB TICKET-ID\n", stderr);
	exit(64);
}

int main(int argc, char **argv)
{
	struct gen g;
	struct desk d;
	long n = 0;
	double months = 0;
	uint64_t seed = 1;
	int check = 0, ch;
	long want_open = 0;
	char *end;
	static const struct option longopts[] = {
		{ "open", required_argument, NULL, 'o' },
		{ "message-events", no_argument, NULL, 'e' },
		{ NULL, 0, NULL, 0 },
	};

	memset(&g, 0, sizeof g);
	if (argc == 3 && strcmp(argv[1], "--info") == 0)
		return info(argv[2]);
	if (argc == 3 && strcmp(argv[1], "--counts") == 0)
		return counts(argv[2]);
	if (argc == 4 && strcmp(argv[1], "--rows") == 0)
		return rows(argv[2], argv[3]);
	if (argc == 3 && strcmp(argv[1], "--pick") == 0)
		return pick_tickets(argv[2]);
	if (argc == 4 && strcmp(argv[1], "--ticket") == 0)
		return ticket_state(argv[2], argv[3]);
	while ((ch = getopt_long(argc, argv, "n:m:s:ceo:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'n': n = strtol(optarg, &end, 10); if (*end || n <= 0 || n > 100000000) usage(); break;
		case 'm': months = strtod(optarg, &end); if (*end || months <= 0 || months > 600) usage(); break;
		case 's': seed = strtoull(optarg, &end, 10); if (*end) usage(); break;
		case 'c': check = 1; break;
		case 'e': g.msg_events = 1; break;
		case 'o': want_open = strtol(optarg, &end, 10); if (*end || want_open <= 0) usage(); break;
		default: usage();
		}
	}
	if (optind != argc - 1 || !n || months <= 0 || want_open > n)
		usage();
	const char *path = argv[optind];
	struct stat sb;
	if (stat(path, &sb) == 0)
		die("'%s' exists: generate into a new file", path);

	double t0 = mono();
	/* one thread, no malloc statistics: before SQLite initialises */
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	rng_seed(&g.r, seed);
	if (desk_init(&d) || desk_open(&d, path, DESK_OPEN_CREATE))
		die("%s", d.errmsg);
	g.db = d.db;
	g.now = (int64_t)d.now;
	g.span = (int64_t)(months * 30.436875 * DAY);
	g.start = g.now - g.span;
	g.n = n;
	g.ncust = n / 4 > 0 ? n / 4 : 1;
	g.norg = n / 500 > 3 ? n / 500 : 3;

	/* generation only: no journal, no syncs, no checks, a big cache */
	sqlite3_db_config(g.db, SQLITE_DBCONFIG_DEFENSIVE, 0, NULL);
	exec_sql(g.db, "PRAGMA foreign_keys = OFF; PRAGMA synchronous = OFF; PRAGMA journal_mode = OFF;"
		       " PRAGMA cache_size = -1048576; PRAGMA temp_store = MEMORY; PRAGMA locking_mode = EXCLUSIVE");

	/* drop the secondary indexes; rebuild them from their own SQL at the end */
	char **index_sql = NULL;
	int nindex = 0;
	{
		sqlite3_stmt *st = prep(g.db, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL");
		char **names = NULL;
		while (sqlite3_step(st) == SQLITE_ROW) {
			names = xrealloc(names, (size_t)(nindex + 1) * sizeof *names);
			index_sql = xrealloc(index_sql, (size_t)(nindex + 1) * sizeof *index_sql);
			names[nindex] = strdup((const char *)sqlite3_column_text(st, 0));
			index_sql[nindex] = strdup((const char *)sqlite3_column_text(st, 1));
			nindex++;
		}
		sqlite3_finalize(st);
		for (int i = 0; i < nindex; i++) {
			char *sql = sqlite3_mprintf("DROP INDEX \"%w\"", names[i]);
			exec_sql(g.db, sql);
			sqlite3_free(sql);
			free(names[i]);
		}
		free(names);
	}

	/* outages: a few bursts a month of one topic */
	int nout = (int)(months * 1.5 + 0.5);
	struct outage *out = xrealloc(NULL, (size_t)(nout ? nout : 1) * sizeof *out);
	for (int k = 0; k < nout; k++) {
		static const int ocat[] = { C_VPN, C_EMAIL, C_BUG, C_LOGIN };
		out[k].from = g.start + (int64_t)(unif(&g.r) * (double)g.span);
		out[k].to = out[k].from + HOUR * (2 + (int64_t)below(&g.r, 7));
		out[k].cat = PICK(&g.r, ocat);
		out[k].first = 0;
	}
	for (int a = 1; a < nout; a++) /* by start; the windows may overlap, rarely */
		for (int b = a; b > 0 && out[b].from < out[b - 1].from; b--) {
			struct outage t = out[b];
			out[b] = out[b - 1];
			out[b - 1] = t;
		}

	int64_t *ts = arrivals(&g, out, nout);
	if (want_open)
		plan_backlog(&g, ts, want_open, seed);
	make_orgs(&g);
	make_customers(&g);

	/* who asks: skewed (a few customers ask a lot), scattered over the ids */
	uint32_t *req = xrealloc(NULL, (size_t)n * sizeof *req);
	uint8_t *chan = xrealloc(NULL, (size_t)n);
	uint64_t P = 2654435761u % (uint64_t)g.ncust;
	for (;;) {
		uint64_t a = P, b = (uint64_t)g.ncust;
		while (b) {
			uint64_t t = a % b;
			a = b;
			b = t;
		}
		if (a == 1)
			break;
		P++;
	}
	for (long i = 0; i < n; i++) {
		double u = unif(&g.r);
		uint64_t slot = (uint64_t)((double)g.ncust * u * u);
		uint32_t ci = (uint32_t)((slot * P + 12345) % (uint64_t)g.ncust);
		req[i] = ci;
		struct customer *c = &g.cust[ci];
		chan[i] = (uint8_t)pick(&g.r, channel_w, NELEM(channel_w));
		if (!c->first_seen) {
			c->first_seen = ts[i];
			c->first_channel = chan[i];
		}
	}
	/* created on first sight, or earlier (imported, or known before asking) */
	for (long i = 0; i < g.ncust; i++) {
		struct customer *c = &g.cust[i];
		if (!c->first_seen)
			c->created = g.start + (int64_t)(unif(&g.r) * (double)g.span);
		else if (chance(&g.r, 0.3))
			c->created = c->first_seen - (int64_t)below(&g.r, 60 * DAY) - 1;
		else
			c->created = c->first_seen;
	}
	g.by_id = xrealloc(NULL, (size_t)g.ncust * sizeof *g.by_id);
	for (long i = 0; i < g.ncust; i++)
		g.by_id[i] = (uint32_t)i;
	sort_base = g.cust;
	qsort(g.by_id, (size_t)g.ncust, sizeof *g.by_id, cmp_cust);
	for (long k = 0; k < g.ncust; k++)
		g.cust[g.by_id[k]].id = (uint32_t)k + 1;

	exec_sql(g.db, "BEGIN");
	g.ins_ticket = prep(g.db,
		"INSERT INTO tickets (id, subject, status, priority, type, channel, requester_id, assignee_id,"
		" team_id, parent_id, created, updated, first_response, solved, closed, first_solved, reopens)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
	g.ins_tag = prep(g.db, "INSERT INTO ticket_tags (ticket_id, tag) VALUES (?1, ?2)");
	g.ins_msg = prep(g.db,
		"INSERT INTO messages (id, ticket_id, kind, agent_id, customer_id, author, body, created, message_id)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
	g.ins_ev = prep(g.db,
		"INSERT INTO events (id, entity, entity_id, at, real_at, actor, field, old, new)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
	write_fixed(&g);
	write_orgs(&g);
	write_customers(&g);
	make_tickets(&g, ts, req, chan, out, nout);
	write_messages(&g);
	write_events(&g);
	sqlite3_finalize(g.ins_ticket);
	sqlite3_finalize(g.ins_tag);
	sqlite3_finalize(g.ins_msg);
	sqlite3_finalize(g.ins_ev);
	exec_sql(g.db, "COMMIT");
	double t_rows = mono();
	for (int i = 0; i < nindex; i++) {
		exec_sql(g.db, index_sql[i]);
		free(index_sql[i]);
	}
	free(index_sql);
	double t_index = mono();
	/* the SLA clocks' timelines, from the events and messages by libdesk's
	 * own statement (migration 5's): after the indexes, which it reads */
	if (desk_ticket_timeline_rebuild(&d))
		die("%s", d.errmsg);
	double t_timeline = mono();
	/* the full-text indexes (external content): built from their tables */
	{
		sqlite3_stmt *st = prep(g.db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
					      " AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'");
		while (sqlite3_step(st) == SQLITE_ROW) {
			char *sql = sqlite3_mprintf("INSERT INTO \"%w\"(\"%w\") VALUES ('rebuild')",
						    sqlite3_column_text(st, 0), sqlite3_column_text(st, 0));
			exec_sql(g.db, sql);
			sqlite3_free(sql);
		}
		sqlite3_finalize(st);
	}
	double t_fts = mono();

	int64_t nopen = one_int(g.db, "SELECT count(*) FROM tickets WHERE status IN ('new','open','pending','on-hold')");
	int64_t ntimeline = one_int(g.db, "SELECT count(*) FROM ticket_timeline");

	int64_t open_urgent = one_int(g.db, "SELECT count(*) FROM tickets WHERE status = 'open' AND priority = 4");
	if (check) {
		sqlite3_stmt *st = prep(g.db, "PRAGMA foreign_key_check");
		int bad = 0;
		while (sqlite3_step(st) == SQLITE_ROW)
			bad++;
		sqlite3_finalize(st);
		if (bad)
			die("foreign_key_check: %d violations", bad);
		fprintf(stderr, "gen-desk: foreign keys consistent\n");
	}
	exec_sql(g.db, "PRAGMA foreign_keys = ON");
	sqlite3_db_config(g.db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	desk_release(&d);
	double t1 = mono();
	if (stat(path, &sb) != 0)
		die("'%s' vanished: %s", path, strerror(errno));

	printf("tickets %ld\ncustomers %ld\norganisations %ld\nagents %d\nmessages %zu\nevents %zu\ntags %ld\n"
	       "open_urgent %lld\nopen %lld\nbacklog %ld\ntimeline %lld\nseed %llu\nmonths %g\nnow %lld\n"
	       "rows_seconds %.2f\nindex_seconds %.2f\ntimeline_seconds %.2f\nfts_seconds %.2f\nseconds %.2f\n"
	       "bytes %lld\n",
	       n, g.ncust, g.norg, NAGENTS, g.nmsgs, g.nevs, g.ntags, (long long)open_urgent, (long long)nopen,
	       g.nstuck, (long long)ntimeline, (unsigned long long)seed, months, (long long)g.now, t_rows - t0,
	       t_index - t_rows, t_timeline - t_index, t_fts - t_timeline, t1 - t0, (long long)sb.st_size);
	free(ts);
	free(req);
	free(chan);
	free(out);
	free(g.orgs);
	free(g.cust);
	free(g.by_id);
	free(g.msgs);
	free(g.evs);
	free(g.stuck_p);
	return 0;
}
