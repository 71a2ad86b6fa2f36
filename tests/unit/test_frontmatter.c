/* test_frontmatter.c - Markdown files with YAML front matter: parse, write, import. */
#include "unit_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int parse(struct unit *u, const char *text, struct desk_frontmatter *fm)
{
	return desk_frontmatter_parse(&u->d, "a.md", text, strlen(text), fm);
}

static void expect_error(struct unit *u, const char *text, const char *msg)
{
	struct desk_frontmatter fm;
	int rc = parse(u, text, &fm);
	if (rc != EX_DATAERR)
		fail_msg("status %d for '%.60s', wanted 65", rc, text);
	if (!strstr(u->d.errmsg, msg))
		fail_msg("message '%s' lacks '%s'", u->d.errmsg, msg);
	assert_null(fm.owned);
}

/* The body as a string (it is not NUL-terminated in the text). */
static char *body_of(const struct desk_frontmatter *fm)
{
	static char buf[256];
	if (!fm->a.body)
		return NULL;
	snprintf(buf, sizeof buf, "%.*s", (int)fm->a.body_len, fm->a.body);
	return buf;
}

static time_t day(struct unit *u, const char *s)
{
	time_t t;
	assert_int_equal(desk_time_parse(&u->d, s, &t), 0);
	return t;
}

static void test_all_keys(void **state)
{
	struct unit *u = *state;
	struct desk_frontmatter fm;
	assert_int_equal(parse(u, "---\n"
				  "id: 12\n"
				  "title: Đặt lại mật khẩu\n"
				  "tags: [login, Password]\n"
				  "lang: vi\n"
				  "status: published\n"
				  "audience: public\n"
				  "owner: dana\n"
				  "review_by: 2027-01-31\n"
				  "---\n"
				  "\n"
				  "Vào trang **Tài khoản**.\n\n- một\n- hai\n\n", &fm), 0);
	assert_int_equal(fm.id, 12);
	assert_string_equal(fm.a.title, "Đặt lại mật khẩu");
	assert_int_equal(fm.a.set_tags, 1);
	assert_int_equal(fm.a.ntags, 2);
	assert_string_equal(fm.a.tags[0], "login");
	assert_string_equal(fm.a.tags[1], "Password");
	assert_string_equal(fm.a.lang, "vi");
	assert_string_equal(fm.a.status, "published");
	assert_string_equal(fm.a.audience, "public");
	assert_string_equal(fm.a.owner, "dana");
	assert_int_equal(fm.a.set_review, 1);
	assert_int_equal(fm.a.review_by, day(u, "2027-01-31"));
	/* the blank line after the header and the trailing newlines are not the body's */
	assert_string_equal(body_of(&fm), "Vào trang **Tài khoản**.\n\n- một\n- hai");
	assert_string_equal(u->warnings, "");
	desk_frontmatter_release(&fm);
	assert_null(fm.owned);
}

static void test_tag_forms(void **state)
{
	struct unit *u = *state;
	struct desk_frontmatter fm;
	assert_int_equal(parse(u, "---\ntags: login, password,vpn\n---\nx\n", &fm), 0);
	assert_int_equal(fm.a.ntags, 3);
	assert_string_equal(fm.a.tags[2], "vpn");
	desk_frontmatter_release(&fm);
	assert_int_equal(parse(u, "---\ntags:\n  - hóa-đơn\n  - 发票\n---\nx\n", &fm), 0);
	assert_int_equal(fm.a.ntags, 2);
	assert_string_equal(fm.a.tags[0], "hóa-đơn");
	assert_string_equal(fm.a.tags[1], "发票");
	desk_frontmatter_release(&fm);
	/* empty: the article's tags are cleared */
	assert_int_equal(parse(u, "---\ntags: []\n---\nx\n", &fm), 0);
	assert_int_equal(fm.a.set_tags, 1);
	assert_int_equal(fm.a.ntags, 0);
	desk_frontmatter_release(&fm);
	assert_int_equal(parse(u, "---\ntags:\n---\nx\n", &fm), 0);
	assert_int_equal(fm.a.set_tags, 1);
	assert_int_equal(fm.a.ntags, 0);
	desk_frontmatter_release(&fm);
	/* not given: kept */
	assert_int_equal(parse(u, "---\ntitle: x\n---\nx\n", &fm), 0);
	assert_int_equal(fm.a.set_tags, 0);
	desk_frontmatter_release(&fm);
}

static void test_crlf_and_bom(void **state)
{
	struct unit *u = *state;
	struct desk_frontmatter fm;
	assert_int_equal(parse(u, "\xef\xbb\xbf---\r\ntitle: VPN\r\ntags: [vpn]\r\n---\r\n\r\nLine one\r\nLine two\r\n",
			       &fm), 0);
	assert_string_equal(fm.a.title, "VPN");
	assert_int_equal(fm.a.ntags, 1);
	assert_string_equal(body_of(&fm), "Line one\r\nLine two");
	desk_frontmatter_release(&fm);
}

static void test_no_header(void **state)
{
	struct unit *u = *state;
	struct desk_frontmatter fm;
	assert_int_equal(parse(u, "Just text.\n---\nnot: a header\n", &fm), 0);
	assert_int_equal(fm.id, 0);
	assert_null(fm.a.title);
	assert_int_equal(fm.a.set_tags, 0);
	assert_string_equal(body_of(&fm), "Just text.\n---\nnot: a header");
	desk_frontmatter_release(&fm);
	/* an empty header, and a header without a body */
	assert_int_equal(parse(u, "---\n---\nbody\n", &fm), 0);
	assert_string_equal(body_of(&fm), "body");
	desk_frontmatter_release(&fm);
	assert_int_equal(parse(u, "---\nstatus: archived\n---\n\n  \n", &fm), 0);
	assert_string_equal(fm.a.status, "archived");
	assert_null(fm.a.body);
	desk_frontmatter_release(&fm);
	/* "--- " and "----" do not close the header; a later "---" is body */
	assert_int_equal(parse(u, "---\ntitle: a\n--- \n----\n---\nx\n---\ny\n", &fm), EX_DATAERR);
	assert_int_equal(parse(u, "---\ntitle: a\n---\nx\n---\ny\n", &fm), 0);
	assert_string_equal(body_of(&fm), "x\n---\ny");
	desk_frontmatter_release(&fm);
}

static void test_unterminated(void **state)
{
	struct unit *u = *state;
	expect_error(u, "---\ntitle: x\nbody\n", "a.md:1: front matter never closed");
	expect_error(u, "---", "a.md:1: front matter never closed");
	expect_error(u, "---\r\ntitle: x\r\n--\r\n", "a.md:1: front matter never closed");
}

static void test_wrong_types(void **state)
{
	struct unit *u = *state;
	expect_error(u, "---\nid: 3\ntitle: [a, b]\n---\nx\n", "a.md:3: key 'title': expected a string, found a list");
	expect_error(u, "---\n\ntags: {a: 1}\n---\nx\n", "a.md:3: key 'tags': expected a list of tags, found a mapping");
	expect_error(u, "---\ntags:\n  - ok\n  - [no]\n---\nx\n", "a.md:4: key 'tags': expected a tag, found a list");
	expect_error(u, "---\nid: abc\n---\nx\n", "a.md:2: key 'id': expected a positive whole number, found 'abc'");
	expect_error(u, "---\nid: -4\n---\nx\n", "key 'id': expected a positive whole number");
	expect_error(u, "---\nid: [1]\n---\nx\n", "a.md:2: key 'id': expected a string, found a list");
	expect_error(u, "---\nlang: {a: b}\n---\nx\n", "a.md:2: key 'lang': expected a string, found a mapping");
	expect_error(u, "---\nowner:\n  - dana\n---\nx\n", "a.md:3: key 'owner': expected a string, found a list");
	expect_error(u, "---\nstatus: done\n---\nx\n", "a.md:2: key 'status': bad status 'done'");
	expect_error(u, "---\naudience: everyone\n---\nx\n", "a.md:2: key 'audience': bad audience 'everyone'");
	expect_error(u, "---\nlang: Vietnamese\n---\nx\n", "a.md:2: key 'lang': bad language");
	expect_error(u, "---\nowner: Dana Lê\n---\nx\n", "a.md:2: key 'owner':");
	expect_error(u, "---\nreview_by: soon\n---\nx\n", "a.md:2: key 'review_by': bad date 'soon'");
	expect_error(u, "---\ntitle:\n---\nx\n", "a.md:2: key 'title': empty title");
	expect_error(u, "---\ntitle: \"a\\nb\"\n---\nx\n", "a.md:2: key 'title': title has a line break");
	expect_error(u, "---\ntags: [a b]\n---\nx\n", "a.md:2: key 'tags': bad tag 'a b'");
	expect_error(u, "---\ntitle: a\ntitle: b\n---\nx\n", "a.md:3: key 'title': given twice");
	expect_error(u, "---\n- a\n- b\n---\nx\n", "a.md:2: the front matter must be a mapping of keys");
	expect_error(u, "---\ntitle: \"a\\0b\"\n---\nx\n", "a.md:2: key 'title': NUL byte");
	expect_error(u, "---\ntitle: x\ntags: [a\n---\nx\n", "a.md:4:1: malformed YAML");
	expect_error(u, "---\ntitle: x\n...\n--- y\n---\nx\n", "a.md:4: a second YAML document");
	assert_string_equal(u->warnings, "");
}

static void test_review_by(void **state)
{
	struct unit *u = *state;
	struct desk_frontmatter fm;
	const char *clear[] = { "---\nreview_by:\n---\nx\n", "---\nreview_by: null\n---\nx\n",
				"---\nreview_by: ~\n---\nx\n", "---\nreview_by: none\n---\nx\n" };
	for (size_t i = 0; i < sizeof clear / sizeof clear[0]; i++) {
		assert_int_equal(parse(u, clear[i], &fm), 0);
		assert_int_equal(fm.a.set_review, 1);
		assert_int_equal(fm.a.review_by, 0);
		desk_frontmatter_release(&fm);
	}
	/* days a file cannot carry: before 1970 (0 would mean none), after 9999 */
	expect_error(u, "---\nreview_by: 1970-01-01T00:00Z\n---\nx\n", "a.md:2: key 'review_by': ");
	expect_error(u, "---\nreview_by: 1970-01-01T00:00Z\n---\nx\n", "out of range");
	expect_error(u, "---\nreview_by: 1970-01-01T00:00+05:00\n---\nx\n", "out of range");
	expect_error(u, "---\nreview_by: 9999-12-31T23:00-05:00\n---\nx\n", "out of range");
	assert_int_equal(parse(u, "---\nreview_by: 9999-12-31\n---\nx\n", &fm), 0);
	desk_frontmatter_release(&fm);
	assert_int_equal(parse(u, "---\nreview_by: \"2027-02-01T09:30:00+07:00\"\n---\nx\n", &fm), 0);
	assert_int_equal(fm.a.review_by, day(u, "2027-02-01T02:30:00Z"));
	desk_frontmatter_release(&fm);
}

static void test_unknown_key_warns(void **state)
{
	struct unit *u = *state;
	struct desk_frontmatter fm;
	assert_int_equal(parse(u, "---\ntitle: x\ncolour: red\nweight: {a: [1, 2]}\n---\nx\n", &fm), 0);
	assert_non_null(strstr(u->warnings, "a.md:3: unknown key 'colour' ignored"));
	assert_non_null(strstr(u->warnings, "a.md:4: unknown key 'weight' ignored"));
	assert_string_equal(fm.a.title, "x");
	desk_frontmatter_release(&fm);
}

static void test_invalid_utf8(void **state)
{
	struct unit *u = *state;
	expect_error(u, "---\ntitle: caf\xe9\n---\nx\n", "a.md:2: invalid UTF-8");
	expect_error(u, "---\ntitle: x\n---\n\nok\nbad \xc3\x28 here\n", "a.md:6: invalid UTF-8");
	expect_error(u, "---\ntitle: \xed\xa0\x80\n---\nx\n", "a.md:2: invalid UTF-8");
	struct desk_frontmatter fm;
	char nul[] = "---\ntitle: x\n---\na\0b";
	assert_int_equal(desk_frontmatter_parse(&u->d, "a.md", nul, sizeof nul - 1, &fm), EX_DATAERR);
	assert_non_null(strstr(u->d.errmsg, "a.md:4: NUL byte"));
	/* an escape cannot smuggle a surrogate in either */
	expect_error(u, "---\ntitle: \"\\ud800\"\n---\nx\n", "a.md:2:");
}

/* A file made of a prefix, one byte repeated n times and a suffix. */
static char *repeat(const char *pre, char c, size_t n, const char *post, size_t *len)
{
	size_t a = strlen(pre), b = strlen(post);
	char *s = malloc(a + n + b + 1);
	assert_non_null(s);
	memcpy(s, pre, a);
	memset(s + a, c, n);
	memcpy(s + a + n, post, b + 1);
	*len = a + n + b;
	return s;
}

static void test_hostile(void **state)
{
	struct unit *u = *state;
	struct desk_frontmatter fm;
	size_t len;
	/* a list that contains itself, as an unknown key and as the tags */
	assert_int_equal(parse(u, "---\na: &a [*a]\ntitle: x\n---\nx\n", &fm), 0);
	desk_frontmatter_release(&fm);
	expect_error(u, "---\ntags: &t [*t]\n---\nx\n", "key 'tags': expected a tag, found a list");
	/* billion laughs: aliases are shared, never expanded */
	const char *lol = "---\n"
		"a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
		"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
		"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
		"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
		"f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
		"g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
		"h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
		"i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n"
		"tags: *i\n"
		"---\nx\n";
	expect_error(u, lol, "key 'tags': expected a tag, found a list");
	/* an alias of a scalar is the scalar */
	assert_int_equal(parse(u, "---\ntitle: &t dana\nowner: *t\n---\nx\n", &fm), 0);
	assert_string_equal(fm.a.owner, "dana");
	desk_frontmatter_release(&fm);
	/* a 1 MB title: refused quickly, with its line */
	char *big = repeat("---\ntitle: ", 'x', 1 << 20, "\n---\nbody\n", &len);
	assert_int_equal(desk_frontmatter_parse(&u->d, "a.md", big, len, &fm), EX_DATAERR);
	assert_non_null(strstr(u->d.errmsg, "a.md:2: key 'title': title longer than 300 bytes"));
	free(big);
	/* a megabyte of '[' (libyaml's scanner is quadratic in the depth) */
	big = repeat("---\na: ", '[', 1 << 20, "\n---\nbody\n", &len);
	assert_int_equal(desk_frontmatter_parse(&u->d, "a.md", big, len, &fm), EX_DATAERR);
	assert_non_null(strstr(u->d.errmsg, "nested more than"));
	free(big);
	big = repeat("---\na: ", '{', 1 << 20, "\n---\nbody\n", &len);
	assert_int_equal(desk_frontmatter_parse(&u->d, "a.md", big, len, &fm), EX_DATAERR);
	free(big);
	/* a huge flat list: bounded */
	struct desk_buf b = DESK_BUF_INIT;
	desk_buf_adds(&b, "---\nother: [");
	for (int i = 0; i < 200000; i++)
		desk_buf_adds(&b, "1,");
	desk_buf_adds(&b, "1]\n---\nx\n");
	assert_int_equal(desk_frontmatter_parse(&u->d, "a.md", b.s, b.len, &fm), EX_DATAERR);
	assert_non_null(strstr(u->d.errmsg, "values in the front matter"));
	desk_buf_free(&b);
	/* thousands of tags */
	desk_buf_adds(&b, "---\ntags: [");
	for (int i = 0; i < 5000; i++)
		desk_buf_addf(&b, "t%d,", i);
	desk_buf_adds(&b, "x]\n---\nx\n");
	assert_int_equal(desk_frontmatter_parse(&u->d, "a.md", b.s, b.len, &fm), EX_DATAERR);
	assert_non_null(strstr(u->d.errmsg, "key 'tags': more than"));
	desk_buf_free(&b);
	/* many unknown keys: a few warnings, not thousands */
	desk_buf_adds(&b, "---\n");
	for (int i = 0; i < 1000; i++)
		desk_buf_addf(&b, "k%d: v\n", i);
	desk_buf_adds(&b, "---\nx\n");
	u->warnings[0] = '\0';
	assert_int_equal(desk_frontmatter_parse(&u->d, "a.md", b.s, b.len, &fm), 0);
	desk_frontmatter_release(&fm);
	int lines = 0;
	for (const char *p = u->warnings; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 11);
	desk_buf_free(&b);
	/* tags and other directives are read as data */
	assert_int_equal(parse(u, "---\n%YAML 1.1\n---\n", &fm), EX_DATAERR);
	assert_int_equal(parse(u, "---\ntitle: !!binary aGVsbG8=\n---\nx\n", &fm), 0);
	assert_string_equal(fm.a.title, "aGVsbG8=");
	desk_frontmatter_release(&fm);
}

/* Write article a, parse it back, and compare every field. */
static void round_trip(struct unit *u, const struct desk_article *a)
{
	char *text = NULL;
	size_t len = 0;
	struct desk_frontmatter fm;
	FILE *fp = open_memstream(&text, &len);
	assert_non_null(fp);
	assert_int_equal(desk_frontmatter_write(fp, a), 0);
	assert_int_equal(fclose(fp), 0);
	if (desk_frontmatter_parse(&u->d, "rt.md", text, len, &fm) != 0)
		fail_msg("%s\n--- in ---\n%s", u->d.errmsg, text);
	assert_int_equal(fm.id, a->id);
	if (strcmp(fm.a.title, a->title) != 0)
		fail_msg("title '%s' came back as '%s' from\n%s", a->title, fm.a.title, text);
	assert_int_equal(fm.a.set_tags, 1);
	struct desk_buf tags = DESK_BUF_INIT;
	desk_buf_add(&tags, "", 0);
	for (size_t i = 0; i < fm.a.ntags; i++)
		desk_buf_addf(&tags, "%s%s", i ? " " : "", fm.a.tags[i]);
	if (strcmp(tags.s, a->tags) != 0)
		fail_msg("tags '%s' came back as '%s' from\n%s", a->tags, tags.s, text);
	desk_buf_free(&tags);
	assert_string_equal(fm.a.lang, a->lang);
	assert_string_equal(fm.a.status, a->status);
	assert_string_equal(fm.a.audience, a->audience);
	assert_string_equal(fm.a.owner, a->owner);
	assert_int_equal(fm.a.set_review, a->review_by != 0);
	assert_true(desk_frontmatter_same_day(fm.a.review_by, a->review_by));
	assert_non_null(fm.a.body);
	assert_int_equal(fm.a.body_len, strlen(a->body));
	assert_memory_equal(fm.a.body, a->body, fm.a.body_len);
	desk_frontmatter_release(&fm);
	free(text);
}

static void test_write_round_trip(void **state)
{
	struct unit *u = *state;
	static const char *const titles[] = {
		"Plain title", "VPN: error 809", "key: value # not a comment", "\"quoted\"", "'single'",
		"[not a list]", "{not: a map}", "- not an item", "# heading?", "? question", "! tag", "& anchor",
		"* alias", "| block", "> folded", "% directive", "@ at", "` backtick", "123", "1.5", "0x1F",
		"-7", "+7", ".inf", "true", "No", "null", "~", "yes", "on", "2027-01-31", "a\\b", "tab\there",
		"trailing space ", " leading space", "a, b", "mixed: [x] {y} \"z\" 'w' # c",
		"Đặt lại mật khẩu khi quên", "Không đăng nhập được: lỗi 809", "发票错误怎么办？", "请求退款：步骤",
		"日本語のタイトル", "emoji \xf0\x9f\x98\x80 ok", "line\xe2\x80\xa8sep", "nbsp\xc2\xa0here",
		"c1\xc2\x85" "char", "bom\xef\xbb\xbfinside", "...", "---", "=",
	};
	static const char *const tagsets[] = {
		"", "vpn", "a:b c++ hóa-đơn 发票", "#x [y] {z} ~ null true 123 no- ...", "'q' \"d\" x|y",
	};
	static const char *const bodies[] = {
		"Body.", "\nstarts with a blank line", "---\nlooks: like a header\n---\ntext", "  indented\n\ttab",
		"CRLF\r\nlines", "一行\n两行",
	};
	struct desk_article a = {
		.id = 7, .lang = "vi", .status = "published", .audience = "public", .owner = "dana",
	};
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++) {
		a.title = (char *)titles[i];
		a.tags = (char *)tagsets[i % (sizeof tagsets / sizeof tagsets[0])];
		a.body = (char *)bodies[i % (sizeof bodies / sizeof bodies[0])];
		a.review_by = i % 2 ? day(u, "2027-01-31") : 0;
		a.id = (int64_t)i + 1;
		round_trip(u, &a);
	}
	/* the file as a person would read it */
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	a.id = 12;
	a.title = "Đặt lại mật khẩu";
	a.tags = "login password";
	a.body = "Text.";
	a.review_by = day(u, "2027-01-31");
	assert_int_equal(desk_frontmatter_write(fp, &a), 0);
	fclose(fp);
	assert_string_equal(text, "---\nid: 12\ntitle: Đặt lại mật khẩu\ntags: [login, password]\nlang: vi\n"
				  "status: published\naudience: public\nowner: dana\nreview_by: 2027-01-31\n---\n\nText.\n");
	free(text);
}

/* Through the database: what the knowledge base stores comes back. */
static void test_round_trip_stored(void **state)
{
	struct unit *u = *state;
	const char *tags[] = { "Billing", "hóa-đơn", "发票", "a:b" };
	struct desk_article_draft d = { .title = "Hóa đơn: sai số tiền [VAT] # 2", .body = "Nội dung\n\n发票",
					.tags = tags, .ntags = 4, .status = "published", .owner = "dana" };
	d.body_len = strlen(d.body);
	int64_t id;
	struct desk_article a;
	assert_int_equal(desk_kb_create(&u->d, &d, &id), 0);
	assert_int_equal(desk_kb_get(&u->d, id, 0, &a), 0);
	round_trip(u, &a);
	desk_kb_release(&a);
}

static int import(struct unit *u, const char *text, int64_t *id, enum desk_fm_action *act)
{
	struct desk_frontmatter fm;
	int rc = desk_frontmatter_parse(&u->d, "in.md", text, strlen(text), &fm);
	if (rc == 0)
		rc = desk_frontmatter_import(&u->d, "in.md", &fm, id, act);
	desk_frontmatter_release(&fm);
	return rc;
}

static void test_import(void **state)
{
	struct unit *u = *state;
	int64_t id;
	enum desk_fm_action act;
	const char *v1 = "---\nid: 1\ntitle: Reset a password\ntags: [login]\nstatus: published\n"
			 "review_by: 2027-01-31\n---\n\nOpen Settings.\n";
	assert_int_equal(import(u, v1, &id, &act), 0);
	assert_int_equal(act, DESK_FM_CREATED);
	assert_int_equal(id, 1);
	assert_string_equal(u->warnings, "");
	assert_int_equal(import(u, v1, &id, &act), 0);
	assert_int_equal(act, DESK_FM_UNCHANGED);
	assert_int_equal(unit_sql_int(u, "SELECT version FROM kb_articles WHERE id = 1"), 1);
	/* metadata only: no new version */
	assert_int_equal(import(u, "---\nid: 1\nstatus: archived\n---\n", &id, &act), 0);
	assert_int_equal(act, DESK_FM_UPDATED);
	assert_int_equal(unit_sql_int(u, "SELECT version FROM kb_articles WHERE id = 1"), 1);
	/* the text: a new version; the old one is kept */
	assert_int_equal(import(u, "---\nid: 1\ntitle: Reset a password\n---\nOpen Settings, then Security.\n",
				&id, &act), 0);
	assert_int_equal(act, DESK_FM_UPDATED);
	struct desk_article a;
	assert_int_equal(desk_kb_get(&u->d, 1, 0, &a), 0);
	assert_int_equal(a.version, 2);
	assert_string_equal(a.body, "Open Settings, then Security.");
	assert_string_equal(a.tags, "login");
	assert_string_equal(a.status, "archived");
	desk_kb_release(&a);
	assert_int_equal(desk_kb_get(&u->d, 1, 1, &a), 0);
	assert_string_equal(a.body, "Open Settings.");
	desk_kb_release(&a);
	/* the same review day keeps the stored time; another day changes it */
	struct desk_article_draft c = { .set_review = 1, .review_by = day(u, "2027-01-31T15:00") };
	assert_int_equal(desk_kb_update(&u->d, 1, &c, NULL), 0);
	assert_int_equal(import(u, "---\nid: 1\nreview_by: 2027-01-31\n---\n", &id, &act), 0);
	assert_int_equal(act, DESK_FM_UNCHANGED);
	assert_int_equal(import(u, "---\nid: 1\nreview_by: 2027-02-01\n---\n", &id, &act), 0);
	assert_int_equal(act, DESK_FM_UPDATED);
	assert_int_equal(unit_sql_int(u, "SELECT review_by FROM kb_articles WHERE id = 1"), day(u, "2027-02-01"));
	/* an id that does not exist: a new article, with a warning when its id differs */
	assert_int_equal(import(u, "---\nid: 40\ntitle: 发票错误\n---\n发票上的金额不对\n", &id, &act), 0);
	assert_int_equal(act, DESK_FM_CREATED);
	assert_int_equal(id, 2);
	assert_non_null(strstr(u->warnings, "in.md: no article '40': created as article '2'"));
	/* a new article needs a title and a text; a bad one writes nothing */
	long long n = unit_sql_int(u, "SELECT count(*) FROM kb_articles");
	assert_int_equal(import(u, "Text without a header.\n", &id, &act), EX_DATAERR);
	assert_non_null(strstr(u->d.errmsg, "in.md: no title"));
	assert_int_equal(import(u, "---\ntitle: Only a title\n---\n", &id, &act), EX_DATAERR);
	assert_non_null(strstr(u->d.errmsg, "in.md: no text"));
	assert_int_equal(import(u, "---\nid: 1\ntitle: \"   \"\n---\nx\n", &id, &act), EX_DATAERR);
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM kb_articles"), n);
	assert_int_equal(unit_sql_int(u, "SELECT version FROM kb_articles WHERE id = 1"), 2);
}

static void test_slug(void **state)
{
	(void)state;
	char s[DESK_FM_SLUG_MAX + 1];
	assert_string_equal(desk_frontmatter_slug("Đặt lại mật khẩu", s), "dat-lai-mat-khau");
	assert_string_equal(desk_frontmatter_slug("VPN: error 809!", s), "vpn-error-809");
	assert_string_equal(desk_frontmatter_slug("发票错误", s), "");
	assert_string_equal(desk_frontmatter_slug("发票 VAT 错误", s), "vat");
	assert_string_equal(desk_frontmatter_slug("  --  ", s), "");
	assert_string_equal(desk_frontmatter_slug("Café Ωmega", s), "cafe-mega");
	desk_frontmatter_slug("one two three four five six seven eight nine ten eleven twelve thirteen", s);
	assert_true(strlen(s) <= DESK_FM_SLUG_MAX);
	assert_string_equal(s, "one-two-three-four-five-six-seven-eight-nine-ten-eleven");
	char longword[200];
	memset(longword, 'a', 199);
	longword[199] = '\0';
	assert_int_equal(strlen(desk_frontmatter_slug(longword, s)), DESK_FM_SLUG_MAX);
}

static void test_same_day(void **state)
{
	struct unit *u = *state;
	assert_true(desk_frontmatter_same_day(0, 0));
	assert_false(desk_frontmatter_same_day(0, day(u, "2027-01-31")));
	assert_true(desk_frontmatter_same_day(day(u, "2027-01-31"), day(u, "2027-01-31T23:59")));
	assert_false(desk_frontmatter_same_day(day(u, "2027-01-31"), day(u, "2027-02-01")));
}

int main(void)
{
	/* dates in the files are local: fix the zone (+07:00, no DST) */
	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_all_keys, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_tag_forms, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_crlf_and_bom, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_no_header, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_unterminated, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_wrong_types, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_review_by, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_unknown_key_warns, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_invalid_utf8, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_hostile, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_write_round_trip, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_round_trip_stored, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_import, unit_setup, unit_teardown),
		cmocka_unit_test(test_slug),
		cmocka_unit_test_setup_teardown(test_same_day, unit_setup_nodb, unit_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
