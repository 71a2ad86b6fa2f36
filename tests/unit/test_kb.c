/* test_kb.c - knowledge base: versions, listing, links, and search quality
 * on the hand-labelled multilingual corpus in tests/data. */
#include "unit_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *data_dir(void)
{
	const char *d = getenv("DESK_TEST_DATA");
	return d && *d ? d : "tests/data";
}

/* Load tests/data/kb-corpus.tsv as published articles; returns the count. */
static int load_corpus(struct unit *u)
{
	char path[256], line[8192];
	snprintf(path, sizeof path, "%s/kb-corpus.tsv", data_dir());
	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	int n = 0;
	while (fgets(line, sizeof line, fp)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		char *title = strtok(line, "\t"), *tags = strtok(NULL, "\t"), *body = strtok(NULL, "\t");
		assert_non_null(body);
		/* "\n" in the file is a line break */
		for (char *p = body; (p = strstr(p, "\\n")); ) {
			*p = '\n';
			memmove(p + 1, p + 2, strlen(p + 2) + 1);
		}
		const char *tv[8];
		size_t nt = 0;
		for (char *t = strtok(tags, " "); t && nt < 8; t = strtok(NULL, " "))
			tv[nt++] = t;
		struct desk_article_draft a = { .title = title, .body = body, .body_len = strlen(body),
						.tags = tv, .ntags = nt, .status = "published" };
		int64_t id;
		if (desk_kb_create(&u->d, &a, &id))
			fail_msg("cannot load '%s': %s", title, u->d.errmsg);
		n++;
	}
	fclose(fp);
	return n;
}

struct top {
	char title[512];
	int hits;
};

static int first_hit(void *arg, const struct desk_kb_hit *h)
{
	struct top *t = arg;
	if (t->hits++ == 0)
		snprintf(t->title, sizeof t->title, "%s", h->title);
	return 0;
}

static void test_search_quality(void **state)
{
	struct unit *u = *state;
	assert_int_equal(load_corpus(u), 30);
	char path[256], line[1024];
	snprintf(path, sizeof path, "%s/kb-queries.tsv", data_dir());
	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	int queries = 0, wrong = 0;
	while (fgets(line, sizeof line, fp)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		char *tab = strchr(line, '\t');
		assert_non_null(tab);
		*tab = '\0';
		struct top t = { "", 0 };
		struct desk_kb_search_opts o = { .limit = 5 };
		int rc = desk_kb_search(&u->d, line, &o, first_hit, &t);
		queries++;
		if (rc || strcmp(t.title, tab + 1) != 0) {
			printf("query '%s': got '%s' (rc %d), want '%s'\n", line, t.title, rc, tab + 1);
			wrong++;
		}
	}
	fclose(fp);
	assert_true(queries >= 40);
	assert_int_equal(wrong, 0);
}

static int count(void *arg, const struct desk_kb_hit *h)
{
	(void)h;
	(*(int *)arg)++;
	return 0;
}

static void test_hostile_queries(void **state)
{
	struct unit *u = *state;
	load_corpus(u);
	struct desk_kb_search_opts o = { .limit = 5 };
	int n = 0;
	const char *ops[] = { "\"", "\"\"", "NEAR(", "NEAR(a b", "a AND", "OR", "-", "*", "a:b", ":", "(",
			      ")", "^", "col:x", "\"unterminated phrase", "password*", "'; DROP TABLE kb_articles; --",
			      "{title}: x", "+", "say \"\"hi\"\"", "a\"b\"c" };
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		int rc = desk_kb_search(&u->d, ops[i], &o, count, &n);
		if (rc != 0 && rc != DESK_PARTIAL)
			fail_msg("'%s' gave %d: %s", ops[i], rc, u->d.errmsg);
	}
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM kb_articles"), 30);
	assert_int_equal(desk_kb_search(&u->d, "", &o, count, &n), DESK_PARTIAL);
	assert_non_null(strstr(u->d.errmsg, "empty query"));
	assert_int_equal(desk_kb_search(&u->d, "   - * \"", &o, count, &n), DESK_PARTIAL);
	assert_int_equal(desk_kb_search(&u->d, "zzzzqqq", &o, count, &n), DESK_PARTIAL);
	assert_non_null(strstr(u->d.errmsg, "no match"));
	assert_int_equal(desk_kb_search(&u->d, "mật \xff khẩu", &o, count, &n), EX_DATAERR);
	char *big = malloc(10002);
	memset(big, 'a', 10001);
	for (int i = 5; i < 10001; i += 6)
		big[i] = ' ';
	big[10001] = '\0';
	assert_int_equal(desk_kb_search(&u->d, big, &o, count, &n), EX_DATAERR);
	big[10000] = '\0';
	int rc = desk_kb_search(&u->d, big, &o, count, &n);
	assert_true(rc == 0 || rc == DESK_PARTIAL);
	free(big);
	/* raw syntax only when asked; its errors are data errors */
	struct desk_kb_search_opts raw = { .limit = 5, .syntax = 1 };
	assert_int_equal(desk_kb_search(&u->d, "NEAR(a b", &raw, count, &n), EX_DATAERR);
	n = 0;
	assert_int_equal(desk_kb_search(&u->d, "title:password", &raw, count, &n), 0);
	assert_true(n >= 1);
}

static void test_query_builder(void **state)
{
	struct unit *u = *state;
	char *q;
	int n;
	assert_int_equal(desk_kb_query_build(&u->d, "reset \"spam folder\" pass* - * don't", 0, &q, &n), 0);
	assert_string_equal(q, "\"reset\" \"spam folder\" \"pass\"* \"don't\"");
	assert_int_equal(n, 4);
	free(q);
	assert_int_equal(desk_kb_query_build(&u->d, "a \"b", 1, &q, &n), 0);
	assert_string_equal(q, "\"a\" OR \"b\"");
	free(q);
	assert_int_equal(desk_kb_query_build(&u->d, "say \"\"hi\"\"", 0, &q, &n), 0);
	/* an empty phrase is dropped; quotes inside a word stay text */
	assert_string_equal(q, "\"say\" \"hi\"\"\"\"\"");
	free(q);
	assert_int_equal(desk_kb_query_build(&u->d, "- : *", 0, &q, &n), 0);
	assert_null(q);
}

static void test_versions(void **state)
{
	struct unit *u = *state;
	const char *tags[] = { "vpn" };
	struct desk_article_draft a = { .title = "VPN", .body = "old words", .body_len = 9, .tags = tags, .ntags = 1 };
	int64_t id;
	u->d.now = 1000;
	assert_int_equal(desk_kb_create(&u->d, &a, &id), 0);
	const char *ntags[] = { "network", "VPN" };
	struct desk_article_draft c = { .body = "new words", .body_len = 9, .tags = ntags, .ntags = 2, .set_tags = 1 };
	u->d.now = 2000;
	int changed = 0;
	assert_int_equal(desk_kb_update(&u->d, id, &c, &changed), 0);
	assert_true(changed);
	struct desk_article cur, old;
	assert_int_equal(desk_kb_get(&u->d, id, 0, &cur), 0);
	assert_int_equal(cur.version, 2);
	assert_string_equal(cur.body, "new words");
	assert_string_equal(cur.tags, "network vpn");
	assert_int_equal(desk_kb_get(&u->d, id, 1, &old), 0);
	assert_string_equal(old.body, "old words");
	assert_string_equal(old.tags, "vpn");
	assert_int_equal(old.version_at, 1000);
	desk_kb_release(&cur);
	desk_kb_release(&old);
	assert_int_equal(desk_kb_get(&u->d, id, 3, &old), EX_NOINPUT);
	assert_non_null(strstr(u->d.errmsg, "has no version 3"));
	/* the index follows: old words gone, new ones found, drafts included */
	struct desk_kb_search_opts o = { .limit = 5 };
	int n = 0;
	assert_int_equal(desk_kb_search(&u->d, "old", &o, count, &n), DESK_PARTIAL);
	assert_int_equal(desk_kb_search(&u->d, "new", &o, count, &n), 0);
	/* the same content again is no change */
	assert_int_equal(desk_kb_update(&u->d, id, &c, &changed), 0);
	assert_false(changed);
	/* metadata is an event, not a version */
	struct desk_article_draft m = { .status = "archived", .audience = "public" };
	assert_int_equal(desk_kb_update(&u->d, id, &m, &changed), 0);
	assert_true(changed);
	assert_int_equal(unit_sql_int(u, "SELECT version FROM kb_articles"), 2);
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM events WHERE entity = 'article'"), 4);
	n = 0;
	assert_int_equal(desk_kb_search(&u->d, "new", &o, count, &n), DESK_PARTIAL); /* archived */
	struct desk_kb_search_opts arch = { .limit = 5, .status = "archived" };
	assert_int_equal(desk_kb_search(&u->d, "new", &arch, count, &n), 0);
	/* bad changes write nothing */
	struct desk_article_draft bad = { .title = "two\nlines" };
	assert_int_equal(desk_kb_update(&u->d, id, &bad, &changed), EX_DATAERR);
	struct desk_article_draft badst = { .status = "gone" };
	assert_int_equal(desk_kb_update(&u->d, id, &badst, &changed), EX_DATAERR);
	assert_int_equal(desk_kb_update(&u->d, 99, &m, &changed), EX_NOINPUT);
	assert_int_equal(u->d.tx_depth, 0);
}

static int list_ids(void *arg, const struct desk_kb_row *r)
{
	char *s = arg;
	sprintf(s + strlen(s), "%s%lld", *s ? "," : "", (long long)r->id);
	return 0;
}

static void test_list_link_suggest(void **state)
{
	struct unit *u = *state;
	load_corpus(u);
	u->d.now = 1000000;
	struct desk_article_draft r = { .review_by = 500000, .set_review = 1 };
	assert_int_equal(desk_kb_update(&u->d, 3, &r, NULL), 0);
	struct desk_article_draft p = { .audience = "public" };
	assert_int_equal(desk_kb_update(&u->d, 21, &p, NULL), 0);
	char got[256] = "";
	struct desk_kb_filter stale = { .stale = 1 };
	assert_int_equal(desk_kb_list(&u->d, &stale, list_ids, got), 0);
	assert_string_equal(got, "3");
	got[0] = '\0';
	struct desk_kb_filter tag = { .tag = "2FA" };
	assert_int_equal(desk_kb_list(&u->d, &tag, list_ids, got), 0);
	assert_string_equal(got, "3,19,23");
	got[0] = '\0';
	struct desk_kb_filter pub = { .audience = "public" };
	assert_int_equal(desk_kb_list(&u->d, &pub, list_ids, got), 0);
	assert_string_equal(got, "21");
	struct desk_kb_search_opts po = { .limit = 5, .audience = "public" };
	struct top t = { "", 0 };
	assert_int_equal(desk_kb_search(&u->d, "password", &po, first_hit, &t), 0);
	assert_int_equal(t.hits, 1);

	struct desk_ticket_draft td = { .subject = "Không nhận được email đặt lại mật khẩu",
					.body = "Tôi bấm quên mật khẩu nhưng không thấy email", .body_len = 45 };
	int64_t tid;
	assert_int_equal(desk_ticket_create(&u->d, &td, &tid), 0);
	struct desk_kb_search_opts so = { .limit = 3 };
	struct top s = { "", 0 };
	assert_int_equal(desk_kb_suggest(&u->d, tid, &so, first_hit, &s), 0);
	assert_string_equal(s.title, "Đặt lại mật khẩu tài khoản");
	assert_int_equal(desk_kb_link(&u->d, tid, 1), 0);
	assert_int_equal(desk_kb_link(&u->d, tid, 1), 0); /* once */
	struct desk_article a;
	assert_int_equal(desk_kb_get(&u->d, 1, 0, &a), 0);
	assert_int_equal(a.uses, 1);
	desk_kb_release(&a);
	assert_int_equal(desk_kb_link(&u->d, 999, 1), EX_NOINPUT);
	assert_int_equal(desk_kb_link(&u->d, tid, 999), EX_NOINPUT);
}

struct snip {
	char s[4][512];
	int n;
};

static int snips(void *arg, const struct desk_kb_hit *h)
{
	struct snip *s = arg;
	if (s->n < 4)
		snprintf(s->s[s->n++], 512, "%s", h->snippet);
	return 0;
}

/* Character pairs overlap: separate matches that share a character must
 * still reproduce the text exactly once (FTS5's snippet() repeats it). */
static void test_snippet_overlaps(void **state)
{
	struct unit *u = *state;
	struct desk_article_draft a = { .title = "修改发票抬头", .body = "如需修改发票抬头，请在账户设置中更新。",
					.body_len = strlen("如需修改发票抬头，请在账户设置中更新。") };
	int64_t id;
	assert_int_equal(desk_kb_create(&u->d, &a, &id), 0);
	struct desk_kb_search_opts o = { .limit = 5, .mark_open = "[", .mark_close = "]" };
	struct snip s = { .n = 0 };
	assert_int_equal(desk_kb_search(&u->d, "发票 票抬 抬头", &o, snips, &s), 0);
	assert_string_equal(s.s[0], "如需修改[发票抬头]，请在账户设置…");
	s.n = 0;
	assert_int_equal(desk_kb_search(&u->d, "修改 发票", &o, snips, &s), 0);
	assert_string_equal(s.s[0], "如需[修改发票]抬头，请在账户设置…");
	s.n = 0;
	struct desk_kb_search_opts plain = { .limit = 5 };
	assert_int_equal(desk_kb_search(&u->d, "账户设置", &plain, snips, &s), 0);
	assert_string_equal(s.s[0], "如需修改发票抬头，请在账户设置…");
}

static void test_lang_guess(void **state)
{
	(void)state;
	assert_string_equal(desk_lang_guess("Đặt lại mật khẩu"), "vi");
	assert_string_equal(desk_lang_guess("重置密码"), "zh");
	assert_string_equal(desk_lang_guess("パスワードをリセット"), "ja");
	assert_string_equal(desk_lang_guess("비밀번호 재설정"), "ko");
	assert_string_equal(desk_lang_guess("Reset your password"), "en");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_search_quality, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_hostile_queries, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_query_builder, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_versions, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_list_link_suggest, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_snippet_overlaps, unit_setup, unit_teardown),
		cmocka_unit_test(test_lang_guess),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
