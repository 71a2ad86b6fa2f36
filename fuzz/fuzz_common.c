/* fuzz_common.c - the shared context, temp database and checks of the fuzz targets. */
#include "fuzz_common.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sanitizer/common_interface_defs.h>

static struct desk D;
static int have_desk, have_db;
static char dir[512], path[560];

/* Remove the temp database's files, without touching the context: also
 * called on the way down after a crash. */
static void remove_files(void)
{
	static const char *const ext[] = { "", "-wal", "-shm", "-journal" };
	char p[600];
	if (!have_db)
		return;
	for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		snprintf(p, sizeof p, "%s%s", path, ext[i]);
		unlink(p);
	}
	rmdir(dir);
}

void fz_fail(const char *what, const char *fmt, ...)
{
	va_list ap;
	char msg[3000];
	va_start(ap, fmt);
	int n = vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n==FUZZ INVARIANT== %s\n  %s%s\n", what, msg,
		n >= (int)sizeof msg ? " [...]" : "");
	remove_files();
	abort();
}

/* Warnings go to the user's terminal: never empty. */
static void check_warning(struct desk *d, const char *msg)
{
	(void)d;
	FZ_CHECK(msg && *msg, "empty warning");
	fz_warnings++;
}

int fz_warnings;

int fz_skip(const char *check)
{
	const char *s = getenv("DESK_FUZZ_SKIP");
	size_t n = strlen(check);
	while (s && *s) {
		size_t len = strcspn(s, ", ");
		if (len == n && strncmp(s, check, n) == 0)
			return 1;
		s += len;
		s += strspn(s, ", ");
	}
	return 0;
}

void fz_check_message_utf8(struct desk *d, const char *call)
{
	if (fz_skip("msg-utf8"))
		return;
	FZ_CHECK(fz_utf8_ok(d->errmsg, strlen(d->errmsg)),
		 "%s: the message for UTF-8 input is not UTF-8 (a multi-byte character cut): '%s'", call,
		 d->errmsg);
}

struct desk *fz_desk(void)
{
	if (have_desk)
		return &D;
	setenv("TZ", FZ_TZ, 1);
	tzset();
	setenv("DESK_NOW", FZ_NOW, 1);
	unsetenv("DESK_DB");
	unsetenv("DESK_CONFIG");
	setenv("XDG_CONFIG_HOME", "/nonexistent-deskutils-fuzz", 1);
	if (desk_init(&D) != 0) {
		fprintf(stderr, "fuzz: desk_init: %s\n", D.errmsg);
		exit(1);
	}
	D.warn = check_warning;
	have_desk = 1;
	return &D;
}

static void cleanup(void)
{
	if (!have_db)
		return;
	desk_release(&D);
	remove_files();
	have_db = have_desk = 0;
}

static void must(struct desk *d, int rc, const char *what)
{
	if (rc != 0) {
		fprintf(stderr, "fuzz: seeding the database: %s: %s\n", what, d->errmsg);
		exit(1);
	}
}

static void seed(struct desk *d)
{
	static const struct {
		const char *subject, *body, *requester, *priority, *channel, *type;
		const char *tags[3];
		const char *assignee, *status;
	} tickets[] = {
		{ "VPN down after update", "Since this morning the VPN client won't connect: error 809.",
		  "an@example.com", "high", "email", "incident", { "vpn", "network", NULL }, "dana", "open" },
		{ "Không nhận được email đặt lại mật khẩu", "Tôi đã thử ba lần nhưng không nhận được email.",
		  "minh@example.vn", "normal", "web", "question", { "login", "tiếng-việt", NULL }, "lan", "pending" },
		{ "发票错误", "我的发票金额不对，请帮忙检查。", "wang@example.cn", "urgent", "chat", "problem",
		  { "billing", "发票", NULL }, NULL, NULL },
		{ "Printer \"NEAR(\" jams", "Paper jams -- don't ask; AND/OR it's \"stuck\" * again.",
		  "an@example.com", "low", "phone", "task", { "spam", NULL, NULL }, "dana", "solved" },
	};
	static const struct {
		const char *title, *body, *lang, *status, *audience;
		const char *tags[3];
	} articles[] = {
		{ "Reset your password", "Open the login page and choose \"Forgot password\".", "en",
		  "published", "public", { "login", "password", NULL } },
		{ "Đặt lại mật khẩu", "Mở trang đăng nhập và chọn \"Quên mật khẩu\". Điều này mất 5 phút.", "vi",
		  "published", "public", { "login", "tiếng-việt", NULL } },
		{ "发票问题处理", "如果发票错误，请在系统中提交更正申请。", "zh", "draft", "internal",
		  { "billing", NULL, NULL } },
		{ "VPN error 809", "Error 809 means UDP 500/4500 is blocked: NEAR the firewall, AND/OR NAT.", "en",
		  "archived", "internal", { "vpn", NULL, NULL } },
	};

	must(d, desk_team_add(d, "network", "Network and VPN"), "team");
	must(d, desk_team_add(d, "billing", NULL), "team");
	must(d, desk_agent_add(d, "dana", "Dana Scully", "dana@example.com", "lead", "network"), "agent");
	must(d, desk_agent_add(d, "lan", "Nguyễn Thị Lan", "lan@example.vn", NULL, "billing"), "agent");
	time_t now = d->now;
	for (size_t i = 0; i < sizeof tickets / sizeof tickets[0]; i++) {
		/* spread the tickets over the last weeks, across day boundaries */
		d->now = now - (time_t)i * (5 * 86400 + 7 * 3600);
		size_t ntags = 0;
		while (ntags < 3 && tickets[i].tags[ntags])
			ntags++;
		struct desk_ticket_draft t = {
			.subject = tickets[i].subject, .body = tickets[i].body,
			.body_len = strlen(tickets[i].body), .requester = tickets[i].requester,
			.priority = tickets[i].priority, .channel = tickets[i].channel,
			.type = tickets[i].type, .tags = tickets[i].tags, .ntags = ntags,
		};
		int64_t id;
		must(d, desk_ticket_create(d, &t, &id), "ticket");
		d->now += 3 * 3600 + (time_t)i * 1800; /* updated later than created */
		if (tickets[i].assignee)
			must(d, desk_ticket_assign(d, id, tickets[i].assignee, 0), "assign");
		if (tickets[i].status) {
			struct desk_ticket_change c = { .status = tickets[i].status };
			must(d, desk_ticket_update(d, id, &c), "status");
		}
	}
	d->now = now;
	for (size_t i = 0; i < sizeof articles / sizeof articles[0]; i++) {
		size_t ntags = 0;
		while (ntags < 3 && articles[i].tags[ntags])
			ntags++;
		struct desk_article_draft a = {
			.title = articles[i].title, .body = articles[i].body,
			.body_len = strlen(articles[i].body), .lang = articles[i].lang,
			.status = articles[i].status, .audience = articles[i].audience,
			.tags = articles[i].tags, .ntags = ntags, .set_tags = 1,
		};
		int64_t id;
		must(d, desk_kb_create(d, &a, &id), "article");
	}
}

struct desk *fz_desk_db(void)
{
	struct desk *d = fz_desk();
	if (have_db)
		return d;
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/desk-fuzz-XXXXXX", tmp && *tmp && strlen(tmp) < 400 ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("fuzz: mkdtemp");
		exit(1);
	}
	snprintf(path, sizeof path, "%s/desk.db", dir);
	if (desk_open(d, path, DESK_OPEN_CREATE) != 0) {
		fprintf(stderr, "fuzz: desk_open: %s\n", d->errmsg);
		exit(1);
	}
	have_db = 1;
	atexit(cleanup);
	__sanitizer_set_death_callback(remove_files); /* a sanitizer report */
	seed(d);
	desk_clear_error(d);
	return d;
}

char *fz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

int fz_split(const uint8_t *data, size_t size, char ***argv)
{
	size_t words = 1;
	for (size_t i = 0; i < size; i++)
		words += data[i] == '\0' || data[i] == '\n';
	/* the pointers, then the words with their terminators */
	char **v = malloc((words + 1) * sizeof *v + size + 1);
	if (!v)
		abort();
	char *s = (char *)(v + words + 1);
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	int n = 0;
	v[n++] = s;
	for (size_t i = 0; i < size; i++)
		if (s[i] == '\0' || s[i] == '\n') {
			s[i] = '\0';
			v[n++] = s + i + 1;
		}
	v[n] = NULL;
	*argv = v;
	return n;
}

void fz_argv_free(char **argv)
{
	free(argv);
}

void fz_check_error(struct desk *d, int rc, const char *call, const int *allowed)
{
	int ok = 0;
	for (const int *a = allowed; *a; a++)
		ok |= rc == *a;
	FZ_CHECK(ok, "%s returned %d ('%s')", call, rc, d->errmsg);
	FZ_CHECK(d->err == rc, "%s returned %d but d->err is %d", call, rc, d->err);
	FZ_CHECK(d->errmsg[0] != '\0', "%s returned %d with an empty message", call, rc);
}

int fz_utf8_ok(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		if (c == 0)
			return 0;
		if (c < 0x80) {
			i++;
			continue;
		}
		int more;
		uint32_t cp;
		if ((c & 0xe0) == 0xc0) { more = 1; cp = c & 0x1f; }
		else if ((c & 0xf0) == 0xe0) { more = 2; cp = c & 0x0f; }
		else if ((c & 0xf8) == 0xf0) { more = 3; cp = c & 0x07; }
		else return 0;
		if ((size_t)more >= n - i)
			return 0;
		for (int k = 1; k <= more; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		static const uint32_t min[] = { 0, 0x80, 0x800, 0x10000 };
		if (cp < min[more] || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000))
			return 0;
		i += (size_t)more + 1;
	}
	return 1;
}
