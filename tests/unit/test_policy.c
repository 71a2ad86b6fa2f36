/* test_policy.c - the team policy: checking, storing, versions in force. */
#include "unit_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

static int parse(struct unit *u, const char *text, struct desk_diag *g)
{
	struct desk_policy *p = NULL;
	int rc = desk_policy_parse(&u->d, "p.yaml", text, strlen(text), 1, &p, g);
	desk_policy_free(p);
	return rc;
}

/* The document fails with every one of the wanted messages (substrings,
 * in order), and no others. */
static void expect_errors(struct unit *u, const char *text, const char *const *want)
{
	struct desk_diag g = { NULL, 0 };
	int rc = parse(u, text, &g);
	size_t n = 0;
	while (want[n])
		n++;
	if (rc != EX_CONFIG || g.n != n) {
		for (size_t i = 0; i < g.n; i++)
			fprintf(stderr, "  got: %s\n", g.v[i]);
		fail_msg("status %d, %zu problems, want 78 and %zu for:\n%s", rc, g.n, n, text);
	}
	for (size_t i = 0; i < n; i++)
		if (!strstr(g.v[i], want[i]))
			fail_msg("problem %zu is '%s', want '%s'", i, g.v[i], want[i]);
	/* the context's message is the first problem */
	assert_string_equal(u->d.errmsg, g.v[0]);
	desk_diag_release(&g);
}

#define ERRS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void test_valid(void **state)
{
	struct unit *u = *state;
	struct desk_policy *p = NULL;
	const char *text = "# the team's policy\n"
			   "desk_name: ACME Hỗ trợ\n"
			   "default_calendar: hcm\n"
			   "hooks_dir: /srv/desk/hooks\n"
			   "calendars:\n"
			   "  hcm:\n"
			   "    timezone: Asia/Ho_Chi_Minh\n"
			   "    hours:\n"
			   "      mon-fri: \"08:30-12:00, 13:00-17:30\"\n"
			   "      sat: [\"08:30-12:00\"]\n"
			   "      sun: closed\n"
			   "    holidays:\n"
			   "      - 2027-02-05..2027-02-11\n"
			   "      - 04-30\n"
			   "  berlin:\n"
			   "    timezone: Europe/Berlin\n"
			   "    hours: { mon-fri: \"09:00-17:00\" }\n"
			   "  late:\n"
			   "    timezone: UTC\n"
			   "    hours: { \"mon,wed\": \"20:00-24:00\", fri-sun: \"00:00-02:00\" }\n"
			   "future_section: { anything: 1 }\n";
	assert_int_equal(desk_policy_parse(&u->d, "p.yaml", text, strlen(text), 1, &p, NULL), 0);
	assert_string_equal(p->desk_name, "ACME Hỗ trợ");
	assert_string_equal(p->default_calendar, "hcm");
	assert_string_equal(p->hooks_dir, "/srv/desk/hooks");
	assert_int_equal(p->ncals, 4); /* 24x7 first */
	assert_non_null(desk_policy_calendar(p, "24x7"));
	assert_int_equal(desk_calendar_week_seconds(desk_policy_calendar(p, "hcm")), 5 * 8 * 3600 + 3 * 3600 + 1800);
	assert_int_equal(desk_calendar_week_seconds(desk_policy_calendar(p, "late")), 2 * 4 * 3600 + 3 * 2 * 3600);
	assert_null(desk_policy_calendar(p, "HCM"));
	assert_memory_equal(p->text, text, strlen(text));
	/* an unknown top-level key is a warning naming file, line and key */
	assert_non_null(strstr(u->warnings, "p.yaml:21: unknown key 'future_section' ignored"));
	desk_policy_free(p);
	/* an empty document is the built-in policy */
	assert_int_equal(desk_policy_parse(&u->d, "p.yaml", "", 0, 1, &p, NULL), 0);
	assert_int_equal(p->ncals, 1);
	assert_string_equal(p->default_calendar, "24x7");
	desk_policy_free(p);
}

static void test_calendar_errors(void **state)
{
	struct unit *u = *state;
	const char *head = "calendars:\n  c:\n    timezone: Europe/Berlin\n    hours:\n";
	char buf[1024];
#define HOURS(h) (snprintf(buf, sizeof buf, "%s      %s\n", head, h), buf)
	expect_errors(u, HOURS("mon-fri: \"09:00-12:00, 11:00-17:00\""),
		      ERRS("p.yaml:5: key 'calendars.c.hours.mon-fri': openings '09:00-12:00' and '11:00-17:00' overlap"));
	expect_errors(u, HOURS("mon: \"17:00-09:00\""), ERRS("key 'calendars.c.hours.mon': opening ends before it starts '17:00-09:00'"));
	expect_errors(u, HOURS("mon: \"09:00-09:00\""), ERRS("empty opening '09:00-09:00'"));
	expect_errors(u, HOURS("mon: \"09:00-25:00\""), ERRS("bad opening hours '09:00-25:00'"));
	expect_errors(u, HOURS("mon: \"09:60-10:00\""), ERRS("bad opening hours"));
	expect_errors(u, HOURS("mon: \"24:00-24:00\""), ERRS("cannot start at 24:00"));
	expect_errors(u, HOURS("mon: \"9-17\""), ERRS("bad opening hours '9-17'"));
	expect_errors(u, HOURS("mo-fr: \"09:00-17:00\""), ERRS("key 'calendars.c.hours.mo-fr': unknown day 'mo-fr'"));
	expect_errors(u, HOURS("funday: \"09:00-17:00\""), ERRS("unknown day 'funday'"));
	expect_errors(u, HOURS("mon-fri: \"09:00-17:00\"\n      fri: \"10:00-11:00\""),
		      ERRS("p.yaml:6: key 'calendars.c.hours.fri': fri already has hours (line 5)"));
	expect_errors(u, HOURS("sun: closed"), ERRS("key 'calendars.c': the calendar is never open"));
	expect_errors(u, "calendars:\n  c:\n    timezone: Mars/Olympus_Mons\n    hours: { mon: \"09:00-10:00\" }\n",
		      ERRS("p.yaml:3: key 'calendars.c.timezone': unknown time zone 'Mars/Olympus_Mons'"));
	expect_errors(u, "calendars:\n  c:\n    timezone: ../../etc/passwd\n    hours: { mon: \"09:00-10:00\" }\n",
		      ERRS("unknown time zone '../../etc/passwd'"));
	expect_errors(u, "calendars:\n  c:\n    hours: { mon: \"09:00-10:00\" }\n", ERRS("key 'calendars.c': no timezone"));
	expect_errors(u, "calendars:\n  c:\n    timezone: UTC\n", ERRS("key 'calendars.c': no hours"));
	expect_errors(u, "calendars:\n  c:\n    timezone: UTC\n    hours: { mon: \"09:00-10:00\" }\n    colour: red\n",
		      ERRS("p.yaml:5: key 'calendars.c.colour': unknown key"));
	expect_errors(u, "calendars:\n  24x7:\n    timezone: UTC\n    hours: { mon: \"09:00-10:00\" }\n",
		      ERRS("key 'calendars.24x7': 24x7 is built in"));
	expect_errors(u, "calendars:\n  \"a b\":\n    timezone: UTC\n    hours: { mon: \"09:00-10:00\" }\n",
		      ERRS("bad calendar name 'a b'"));
	/* holidays */
	const char *hol = "calendars:\n  c:\n    timezone: UTC\n    hours: { mon: \"09:00-10:00\" }\n    holidays:\n";
#define HOL(h) (snprintf(buf, sizeof buf, "%s      - %s\n", hol, h), buf)
	expect_errors(u, HOL("2027-02-30"), ERRS("p.yaml:6: key 'calendars.c.holidays': bad holiday '2027-02-30'"));
	expect_errors(u, HOL("13-01"), ERRS("no such day of the year '13-01'"));
	expect_errors(u, HOL("02-30"), ERRS("no such day of the year '02-30'"));
	expect_errors(u, HOL("2027-02-11..2027-02-05"), ERRS("holiday range ends before it starts"));
	expect_errors(u, HOL("1970-01-01..9999-12-31"), ERRS("holiday range longer than 366 days"));
	expect_errors(u, HOL("tomorrow"), ERRS("bad holiday 'tomorrow'"));
	expect_errors(u, HOL("{ date: 2027-01-01 }"), ERRS("expected a date"));
	/* references between sections */
	expect_errors(u, "default_calendar: hcm\n", ERRS("p.yaml:1: key 'default_calendar': no calendar 'hcm' in calendars"));
	expect_errors(u, "hooks_dir: hooks\n", ERRS("key 'hooks_dir': expected an absolute path"));
	expect_errors(u, "calendars: [a, b]\n", ERRS("key 'calendars': expected a mapping of keys, found a list"));
	expect_errors(u, "- a\n- b\n", ERRS("p.yaml:1: the team policy must be a mapping of keys"));
	expect_errors(u, "desk_name: a\ndesk_name: b\n", ERRS("p.yaml:2: key 'desk_name': given twice"));
#undef HOURS
#undef HOL
}

static void test_every_error_reported(void **state)
{
	struct unit *u = *state;
	/* one pass finds all of them, each on its line */
	expect_errors(u,
		      "calendars:\n"
		      "  a:\n"
		      "    timezone: Nowhere/Town\n"
		      "    hours:\n"
		      "      mon: \"25:00-26:00\"\n"
		      "      tue: \"12:00-11:00\"\n"
		      "  b:\n"
		      "    timezone: UTC\n"
		      "    hours: { xyz: \"09:00-10:00\" }\n"
		      "    holidays: [2027-13-01]\n",
		      ERRS("p.yaml:3: key 'calendars.a.timezone': unknown time zone",
			   "p.yaml:5: key 'calendars.a.hours.mon': bad opening hours",
			   "p.yaml:6: key 'calendars.a.hours.tue': opening ends before it starts",
			   "p.yaml:9: key 'calendars.b.hours.xyz': unknown day",
			   "p.yaml:10: key 'calendars.b.holidays': bad holiday"));
}

static void test_hostile_documents(void **state)
{
	struct unit *u = *state;
	struct desk_diag g = { NULL, 0 };
	/* billion laughs: nine levels of ten aliases expand to 10^9 nodes */
	struct desk_buf b = DESK_BUF_INIT;
	desk_buf_adds(&b, "a: &a [x, x, x, x, x, x, x, x, x, x]\n");
	for (char c = 'b'; c <= 'j'; c++)
		desk_buf_addf(&b, "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n", c, c, c - 1, c - 1,
			      c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
	desk_buf_adds(&b, "calendars:\n  c:\n    timezone: UTC\n    hours: { mon: \"09:00-10:00\" }\n"
		      "    holidays: *j\n");
	assert_int_equal(parse(u, b.s, &g), EX_CONFIG);
	assert_non_null(strstr(g.v[0], "expands to more than"));
	desk_diag_release(&g);
	desk_buf_free(&b);
	/* aliases that stay small are fine */
	assert_int_equal(parse(u, "calendars:\n  a:\n    timezone: UTC\n    hours: &h { mon-fri: \"09:00-17:00\" }\n"
				  "  b:\n    timezone: Europe/Berlin\n    hours: *h\n", NULL), 0);
	/* not UTF-8 */
	assert_int_equal(parse(u, "desk_name: ok\ndesk_name2: caf\xe9\n", &g), EX_CONFIG);
	assert_non_null(strstr(g.v[0], "p.yaml:2: invalid UTF-8 at byte 29"));
	desk_diag_release(&g);
	/* too large */
	size_t big = 2 << 20;
	char *text = malloc(big + 1);
	memset(text, '#', big);
	text[big] = '\0';
	assert_int_equal(parse(u, text, &g), EX_CONFIG);
	assert_non_null(strstr(g.v[0], "larger than 1 MiB"));
	desk_diag_release(&g);
	free(text);
	/* malformed YAML names line and column */
	assert_int_equal(parse(u, "calendars:\n  c: [unclosed\n", &g), EX_CONFIG);
	assert_non_null(strstr(g.v[0], "p.yaml:3:1: malformed YAML"));
	desk_diag_release(&g);
	/* a NUL byte */
	struct desk_policy *p = NULL;
	assert_int_equal(desk_policy_parse(&u->d, "p.yaml", "a: b\0c\n", 7, 1, &p, NULL), EX_CONFIG);
	assert_non_null(strstr(u->d.errmsg, "a NUL byte"));
}

static const char v1[] = "calendars:\n  c:\n    timezone: UTC\n    hours: { mon-fri: \"09:00-17:00\" }\n";
static const char v2[] = "calendars:\n  c:\n    timezone: UTC\n    hours: { mon-sat: \"09:00-17:00\" }\n";

static void test_store(void **state)
{
	struct unit *u = *state;
	int64_t v;
	int same;
	const struct desk_policy *cur;
	/* no policy: the built-in one */
	assert_int_equal(desk_policy_current(&u->d, &cur), 0);
	assert_int_equal(cur->version, 0);
	assert_int_equal(cur->ncals, 1);

	u->d.now = 1800000000;
	assert_int_equal(desk_policy_store(&u->d, "a.yaml", v1, strlen(v1), &v, &same, NULL), 0);
	assert_int_equal(v, 1);
	assert_false(same);
	/* byte-identical: no new version */
	assert_int_equal(desk_policy_store(&u->d, "a.yaml", v1, strlen(v1), &v, &same, NULL), 0);
	assert_int_equal(v, 1);
	assert_true(same);
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM policy_versions"), 1);
	/* an invalid document stores nothing */
	struct desk_diag g = { NULL, 0 };
	const char *bad = "calendars:\n  c:\n    timezone: UTC\n    hours: { mon: \"09:00-08:00\" }\n";
	assert_int_equal(desk_policy_store(&u->d, "b.yaml", bad, strlen(bad), &v, &same, &g), EX_CONFIG);
	assert_int_equal(g.n, 1);
	desk_diag_release(&g);
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM policy_versions"), 1);

	u->d.now = 1800086400;
	assert_int_equal(desk_policy_store(&u->d, "a.yaml", v2, strlen(v2), &v, &same, NULL), 0);
	assert_int_equal(v, 2);
	/* v1 again is a new version: it differs from the latest */
	u->d.now = 1800172800;
	assert_int_equal(desk_policy_store(&u->d, "a.yaml", v1, strlen(v1), &v, &same, NULL), 0);
	assert_int_equal(v, 3);
	/* the policy in force at a past instant */
	struct desk_policy *p;
	assert_int_equal(desk_policy_at(&u->d, 1800000000 - 1, &p), 0);
	assert_int_equal(p->version, 0);
	desk_policy_free(p);
	assert_int_equal(desk_policy_at(&u->d, 1800050000, &p), 0);
	assert_int_equal(p->version, 1);
	desk_policy_free(p);
	assert_int_equal(desk_policy_at(&u->d, 1800100000, &p), 0);
	assert_int_equal(p->version, 2);
	assert_int_equal(p->effective, 1800086400);
	assert_int_equal(desk_calendar_week_seconds(desk_policy_calendar(p, "c")), 6 * 8 * 3600);
	desk_policy_free(p);
	assert_int_equal(desk_policy_get(&u->d, 2, &p), 0);
	assert_int_equal(p->version, 2);
	desk_policy_free(p);
	assert_int_equal(desk_policy_get(&u->d, 9, &p), EX_NOINPUT);
	char *text;
	size_t len;
	assert_int_equal(desk_policy_text(&u->d, 0, &text, &len, &v), 0);
	assert_int_equal(v, 3);
	assert_int_equal(len, strlen(v1));
	assert_memory_equal(text, v1, len);
	free(text);
	/* loading into the past is refused */
	u->d.now = 1800000000;
	assert_int_equal(desk_policy_store(&u->d, "a.yaml", v2, strlen(v2), &v, &same, NULL), EX_DATAERR);
	/* versions are append-only */
	assert_int_not_equal(sqlite3_exec(u->d.db, "UPDATE policy_versions SET text = 'x'", NULL, NULL, NULL), 0);
	assert_int_not_equal(sqlite3_exec(u->d.db, "DELETE FROM policy_versions", NULL, NULL, NULL), 0);
	/* every load is in the event log */
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM events WHERE entity = 'policy'"), 3);
}

static int count_row(void *arg, const struct desk_policy_version *v)
{
	int *n = arg;
	(*n)++;
	assert_int_equal(v->version, *n);
	assert_int_equal(strlen(v->sha256), 64);
	assert_int_equal(v->lines, 4);
	return 0;
}

static void test_log_and_cache(void **state)
{
	struct unit *u = *state;
	int64_t v;
	int same, n = 0;
	const struct desk_policy *a, *b;
	assert_int_equal(desk_policy_store(&u->d, "a.yaml", v1, strlen(v1), &v, &same, NULL), 0);
	assert_int_equal(desk_policy_store(&u->d, "a.yaml", v2, strlen(v2), &v, &same, NULL), 0);
	assert_int_equal(desk_policy_log(&u->d, count_row, &n), 0);
	assert_int_equal(n, 2);
	/* read once per process: the same object every time */
	assert_int_equal(desk_policy_current(&u->d, &a), 0);
	assert_int_equal(desk_policy_current(&u->d, &b), 0);
	assert_ptr_equal(a, b);
	assert_int_equal(a->version, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_valid, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_calendar_errors, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_every_error_reported, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_hostile_documents, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_store, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_log_and_cache, unit_setup, unit_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
