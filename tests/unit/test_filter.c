/* test_filter.c - the filter language: every operator, errors, hostile input. */
#include "unit_util.h"

#include <sqlite3.h>

#include "internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct desk_filter *parse(struct unit *u, int argc, char **argv)
{
	struct desk_filter *f = NULL;
	int rc = desk_filter_parse(&u->d, argc, argv, &f);
	if (rc)
		fail_msg("parse failed: %s", u->d.errmsg);
	return f;
}

static struct desk_filter *parse1(struct unit *u, const char *w)
{
	char *argv[] = { (char *)w };
	return parse(u, 1, argv);
}

static void expect_bad(struct unit *u, const char *w, const char *msg)
{
	char *argv[] = { "status:open", (char *)w };
	struct desk_filter *f = NULL;
	assert_int_equal(desk_filter_parse(&u->d, 2, argv, &f), EX_DATAERR);
	assert_null(f);
	if (!strstr(u->d.errmsg, msg))
		fail_msg("message '%s' lacks '%s'", u->d.errmsg, msg);
	/* the message points at the word */
	assert_non_null(strstr(u->d.errmsg, "word 2"));
}

static void test_terms(void **state)
{
	struct unit *u = *state;
	struct desk_filter *f = parse1(u, "status:open,pending");
	assert_int_equal(f->nterms, 1);
	assert_int_equal(f->terms[0].field, DESK_F_STATUS);
	assert_int_equal(f->terms[0].nvalues, 2);
	assert_string_equal(f->terms[0].values[1], "pending");
	desk_filter_free(f);

	f = parse1(u, "priority:>=high");
	assert_int_equal(f->terms[0].op, DESK_OP_GE);
	assert_int_equal(f->terms[0].nums[0], DESK_PRIORITY_HIGH);
	desk_filter_free(f);

	const char *ops[] = { "id:<5", "id:<=5", "id:>5", "id:>=5", "id:=5", "id:5" };
	const enum desk_fop want[] = { DESK_OP_LT, DESK_OP_LE, DESK_OP_GT, DESK_OP_GE, DESK_OP_EQ, DESK_OP_EQ };
	for (int i = 0; i < 6; i++) {
		f = parse1(u, ops[i]);
		assert_int_equal(f->terms[0].op, want[i]);
		assert_int_equal(f->terms[0].nums[0], 5);
		desk_filter_free(f);
	}

	f = parse1(u, "-tag:Spam");
	assert_true(f->terms[0].negate);
	assert_string_equal(f->terms[0].values[0], "spam");
	desk_filter_free(f);

	f = parse1(u, "assignee:me");
	assert_true(f->terms[0].me);
	assert_string_equal(f->terms[0].values[0], desk_actor(&u->d));
	desk_filter_free(f);

	f = parse1(u, "assignee:none");
	assert_true(f->terms[0].none);
	desk_filter_free(f);

	f = parse1(u, "status:unsolved");
	assert_int_equal(f->terms[0].nvalues, 4);
	desk_filter_free(f);

	u->d.now = 1763884800;
	f = parse1(u, "created:>7d");
	assert_int_equal(f->terms[0].op, DESK_OP_GT);
	assert_int_equal(f->terms[0].nums[0], 1763884800 - 7 * 86400);
	desk_filter_free(f);

	f = parse1(u, "updated:2026-11-01");
	assert_true(f->terms[0].day_end > f->terms[0].nums[0]);
	desk_filter_free(f);

	f = parse1(u, "sort:-updated");
	assert_int_equal(f->nterms, 0);
	assert_int_equal(f->sort, DESK_F_UPDATED);
	assert_true(f->sort_desc);
	desk_filter_free(f);

	/* clock words: the SLA engine's, marked so the store refuses them */
	f = parse1(u, "sla:breached,at-risk");
	assert_int_equal(f->terms[0].field, DESK_F_SLA);
	assert_int_equal(f->terms[0].nvalues, 2);
	assert_true(desk_filter_tests_clocks(f));
	desk_filter_free(f);
	const char *dues[] = { "due:<4h", "due:>=-1h30m", "due:<0", "due:<=1d" };
	const long long secs[] = { 4 * 3600, -5400, 0, 86400 };
	for (int i = 0; i < 4; i++) {
		f = parse1(u, dues[i]);
		assert_int_equal(f->terms[0].field, DESK_F_DUE);
		assert_int_equal(f->terms[0].nums[0], secs[i]);
		desk_filter_free(f);
	}
	f = parse1(u, "sort:-due");
	assert_int_equal(f->sort, DESK_F_DUE);
	assert_true(f->sort_desc);
	assert_true(desk_filter_tests_clocks(f));
	desk_filter_free(f);
	f = parse1(u, "status:open");
	assert_false(desk_filter_tests_clocks(f));
	desk_filter_free(f);
	assert_false(desk_filter_tests_clocks(NULL));

	/* free text, as written: quotes and FTS5 syntax are just text */
	f = parse1(u, "\"don't\" NEAR( -x * a:b");
	assert_int_equal(f->terms[0].field, DESK_F_TEXT);
	assert_string_equal(f->terms[0].values[0], "\"don't\" NEAR( -x * a:b");
	desk_filter_free(f);
}

static void test_errors(void **state)
{
	struct unit *u = *state;
	expect_bad(u, "priority:hihg", "unknown priority 'hihg'");
	expect_bad(u, "status:opne", "unknown status 'opne'");
	expect_bad(u, "colour:red", "unknown field 'colour'");
	expect_bad(u, "status:>open", "'status' takes no comparison");
	expect_bad(u, "id:>1,2", "a comparison takes one value");
	expect_bad(u, "id:abc", "bad ticket id 'abc'");
	expect_bad(u, "id:0", "bad ticket id '0'");
	expect_bad(u, "created:soon", "bad date 'soon'");
	expect_bad(u, "created:2026-11-01T10:00", "compare times with");
	expect_bad(u, "status:", "empty value");
	expect_bad(u, "status:open,", "empty value");
	expect_bad(u, "sort:subject", "cannot sort by 'subject'");
	expect_bad(u, "tag:a b", "bad tag");
	expect_bad(u, "assignee:none,dana", "'none' cannot be combined");
	expect_bad(u, "status:\xff", "invalid UTF-8");
	expect_bad(u, "sla:late", "unknown SLA state 'late'");
	expect_bad(u, "sla:missed", "unknown SLA state 'missed'");
	expect_bad(u, "sla:<ok", "'sla' takes no comparison");
	expect_bad(u, "due:4h", "compare due times");
	expect_bad(u, "due:<soon", "not a span 'soon'");
	expect_bad(u, "due:<-", "not a span");
	expect_bad(u, "due:<4h,5h", "a comparison takes one value");
}

static void test_hostile(void **state)
{
	struct unit *u = *state;
	/* 10,000 words parse and list without trouble */
	int n = 10000;
	char **argv = calloc((size_t)n, sizeof *argv);
	for (int i = 0; i < n; i++) {
		argv[i] = malloc(32);
		snprintf(argv[i], 32, i % 2 ? "-tag:t%d" : "id:>=%d", i % 2 ? i : 1);
	}
	struct desk_filter *f = parse(u, n, argv);
	assert_int_equal(f->nterms, n);
	int rows = 0;
	assert_int_equal(desk_ticket_list(&u->d, f, 0, NULL, &rows), 0);
	desk_filter_free(f);
	for (int i = 0; i < n; i++)
		free(argv[i]);
	free(argv);

	/* found by fuzzing: a long multibyte tag; the message quoting it must
	 * stay valid UTF-8 (it once cut a character in half) */
	char *longtag[] = { "tag:pr1iiy!\xc2\xa2!!\xc2\xa2!\xc2\xa2\xc2\x9es!\xc2\xa2\xc2\x9e`a\xc2\xa2"
			    "\xc2\x9es`a\xc2\x9es\xc2\xa2!\xc2\xa2\xc2\x9e\xc2\xa2\xc2\x9e" "a~2ii\xe5\x8f\x91"
			    "\xe7\xa5\xa8y!\xc2\xa2!\xc2\xa2\xc2\x9esrs" };
	assert_int_equal(desk_filter_parse(&u->d, 1, longtag, &f), EX_DATAERR);
	assert_true(desk_utf8_valid(u->d.errmsg, strlen(u->d.errmsg)));
	assert_non_null(strstr(u->d.errmsg, "1 to 64 bytes"));

	/* quotes and SQL in values stay values */
	f = parse1(u, "requester:x'); DROP TABLE tickets; --@a.b");
	assert_int_equal(desk_ticket_list(&u->d, f, 0, NULL, NULL), 0);
	desk_filter_free(f);
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM sqlite_schema WHERE name = 'tickets'"), 1);
}

/* Seed: ids 1..6 with known fields, then list and compare ids. */
static void seed(struct unit *u)
{
	static const struct { const char *s, *prio, *chan, *req, *tag; } rows[] = {
		{ "VPN down", "urgent", "email", "an@example.com", "vpn" },
		{ "Hóa đơn sai", "high", "chat", "binh@example.vn", "billing" },
		{ "发票错误", "normal", "web", NULL, "billing" },
		{ "Password reset", "low", "phone", "an@example.com", NULL },
		{ "Spam offer", "low", "email", "spam@bad.example", "spam" },
		{ "Printer jam", "high", "email", NULL, NULL },
	};
	for (int i = 0; i < 6; i++) {
		const char *tags[] = { rows[i].tag };
		struct desk_ticket_draft t = { .subject = rows[i].s, .priority = rows[i].prio,
			.channel = rows[i].chan, .requester = rows[i].req,
			.tags = tags, .ntags = rows[i].tag ? 1 : 0 };
		int64_t id;
		u->d.now = 1763884800 + i * 86400; /* one a day */
		assert_int_equal(desk_ticket_create(&u->d, &t, &id), 0);
	}
	assert_int_equal(sqlite3_exec(u->d.db,
		"INSERT INTO agents (login, created) VALUES ('dana', 0), ('minh', 0);"
		"INSERT INTO teams (name, created) VALUES ('billing', 0);"
		"UPDATE tickets SET status = 'open', assignee_id = 1 WHERE id IN (1, 2);"
		"UPDATE tickets SET status = 'pending', assignee_id = 2, team_id = 1 WHERE id = 3;"
		"UPDATE tickets SET status = 'solved', solved = created + 3600 WHERE id = 4;"
		"UPDATE tickets SET status = 'closed' WHERE id = 5;",
		NULL, NULL, NULL), SQLITE_OK);
}

static int collect(void *arg, const struct desk_ticket_row *r)
{
	char *s = arg;
	sprintf(s + strlen(s), "%s%lld", *s ? "," : "", (long long)r->id);
	return 0;
}

static void expect_ids(struct unit *u, const char *words, const char *want)
{
	char *copy = strdup(words), *argv[16], *save = NULL;
	int argc = 0;
	for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
		argv[argc++] = w;
	struct desk_filter *f = parse(u, argc, argv);
	char got[256] = "";
	assert_int_equal(desk_ticket_list(&u->d, f, 1, collect, got), 0);
	if (strcmp(got, want) != 0)
		fail_msg("'%s' gave [%s], want [%s]", words, got, want);
	desk_filter_free(f);
	free(copy);
}

static void test_listing(void **state)
{
	struct unit *u = *state;
	seed(u);
	/* the store refuses what it cannot decide rather than ignore it */
	{
		char *argv[] = { "status:open", "sla:breached" };
		struct desk_filter *f = parse(u, 2, argv);
		char got[256] = "";
		assert_int_equal(desk_ticket_list(&u->d, f, 0, collect, got), EX_DATAERR);
		assert_non_null(strstr(u->d.errmsg, "bad filter word 2: SLA clocks"));
		assert_string_equal(got, "");
		desk_filter_free(f);
	}
	u->d.now = 1763884800 + 10 * 86400;
	expect_ids(u, "status:open", "1,2");
	expect_ids(u, "status:open,pending", "1,2,3");
	expect_ids(u, "status:unsolved", "1,2,3,6");
	expect_ids(u, "-status:closed,solved", "1,2,3,6");
	expect_ids(u, "priority:>=high", "1,2,6");
	expect_ids(u, "priority:<normal", "4,5");
	expect_ids(u, "priority:high status:open", "2");
	expect_ids(u, "tag:billing", "2,3");
	expect_ids(u, "tag:billing,vpn", "1,2,3");
	expect_ids(u, "-tag:spam", "1,2,3,4,6");
	expect_ids(u, "channel:email", "1,5,6");
	expect_ids(u, "assignee:dana", "1,2");
	expect_ids(u, "assignee:none", "4,5,6");
	expect_ids(u, "-assignee:dana", "3,4,5,6"); /* unassigned count as not dana */
	expect_ids(u, "team:billing", "3");
	expect_ids(u, "team:none -status:closed", "1,2,4,6");
	expect_ids(u, "requester:an@example.com", "1,4");
	expect_ids(u, "requester:AN@EXAMPLE.COM", "1,4");
	expect_ids(u, "requester:none", "3,6");
	expect_ids(u, "id:>4", "5,6");
	expect_ids(u, "id:2,4", "2,4");
	expect_ids(u, "created:>6d", "6");            /* within the last 6 days */
	expect_ids(u, "created:<=8d", "1,2,3");
	expect_ids(u, "solved:>2000-01-01", "4");
	expect_ids(u, "sort:-id", "6,5,4,3,2,1");
	expect_ids(u, "sort:priority status:open,new", "2,6,1"); /* ties by id */
	expect_ids(u, "sort:-priority", "1,6,2,3,5,4"); /* ties by id, same way */
	expect_ids(u, "sort:status", "6,1,2,3,4,5");     /* lifecycle order */
	expect_ids(u, "status:new priority:urgent", "");

	/* a bare date is the whole local day */
	char day[16], w[48];
	time_t third = 1763884800 + 2 * 86400;
	struct tm tm;
	localtime_r(&third, &tm);
	strftime(day, sizeof day, "%Y-%m-%d", &tm);
	snprintf(w, sizeof w, "created:%s", day);
	expect_ids(u, w, "3");
	snprintf(w, sizeof w, "created:>%s", day);
	expect_ids(u, w, "4,5,6");
	snprintf(w, sizeof w, "created:<=%s", day);
	expect_ids(u, w, "1,2,3");

	/* limit */
	struct desk_filter *f = parse1(u, "sort:-id");
	f->limit = 2;
	char got[64] = "";
	assert_int_equal(desk_ticket_list(&u->d, f, 0, collect, got), 0);
	assert_string_equal(got, "6,5");
	desk_filter_free(f);
}

/* Filters on indexed fields must use the indexes: a scan of every ticket
 * is what made listing 16 times slower on a million tickets. */
static void expect_plan(struct unit *u, const char *words, const char *want, const char *not)
{
	char *copy = strdup(words), *argv[8], *save = NULL;
	int argc = 0;
	for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
		argv[argc++] = w;
	struct desk_filter *f = parse(u, argc, argv);
	char *plan = desk_ticket_list_plan(&u->d, f);
	if (!strstr(plan, want) || (not && strstr(plan, not)))
		fail_msg("plan for '%s' is:\n%s(want '%s'%s%s)", words, plan, want, not ? ", not " : "", not ? not : "");
	free(plan);
	desk_filter_free(f);
	free(copy);
}

static void test_query_plans(void **state)
{
	struct unit *u = *state;
	expect_plan(u, "status:open priority:urgent", "USING INDEX tickets_status_priority", "SCAN t");
	expect_plan(u, "status:open,pending", "USING INDEX tickets_status_priority", "SCAN t");
	expect_plan(u, "assignee:dana status:open", "USING INDEX tickets_assignee", "SCAN t");
	expect_plan(u, "team:billing", "USING INDEX tickets_team", "SCAN t");
	expect_plan(u, "requester:an@example.com", "USING INDEX tickets_requester", "SCAN t");
	expect_plan(u, "tag:vpn", "ticket_tags_tag", NULL);
	expect_plan(u, "id:42", "USING INTEGER PRIMARY KEY", "SCAN t");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_terms, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_errors, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_hostile, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_listing, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_query_plans, unit_setup, unit_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
