/* test_calendar.c - business calendars and business-time arithmetic. */
#include "unit_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char policy[] =
	"calendars:\n"
	"  office:\n"                      /* Mon-Fri 09:00-17:00, no DST */
	"    timezone: Asia/Ho_Chi_Minh\n"
	"    hours: { mon-fri: \"09:00-17:00\" }\n"
	"  office-hol:\n"                  /* the same with Monday 2027-01-11 a holiday */
	"    timezone: Asia/Ho_Chi_Minh\n"
	"    hours: { mon-fri: \"09:00-17:00\" }\n"
	"    holidays: [2027-01-11]\n"
	"  berlin:\n"
	"    timezone: Europe/Berlin\n"
	"    hours: { mon-fri: \"09:00-17:00\" }\n"
	"  berlin-round:\n"                /* open round the clock: the DST days show */
	"    timezone: Europe/Berlin\n"
	"    hours: { mon-sun: \"00:00-24:00\" }\n"
	"  hcm:\n"
	"    timezone: Asia/Ho_Chi_Minh\n"
	"    hours:\n"
	"      mon-fri: \"08:30-12:00, 13:00-17:30\"\n"
	"      sat: \"08:30-12:00\"\n"
	"    holidays:\n"
	"      - 2027-02-05..2027-02-11\n"
	"      - 04-30\n"
	"      - 05-01\n"
	"      - 2027-09-02\n"
	"      - 02-29\n"
	"  night:\n"                       /* a night shift across midnight, US DST */
	"    timezone: America/New_York\n"
	"    hours:\n"
	"      mon-fri: [\"00:00-06:00\", \"22:00-24:00\"]\n"
	"    holidays: [12-25, 2027-11-25..2027-11-26]\n"
	"  howe:\n"                        /* a 30-minute DST change */
	"    timezone: Australia/Lord_Howe\n"
	"    hours: { mon-sat: \"00:00-24:00\" }\n";

struct cal_state {
	struct unit *u;
	struct desk_policy *p;
};

static int setup(void **state)
{
	struct cal_state *s = calloc(1, sizeof *s);
	s->u = unit_new_nodb();
	setenv("TZ", "UTC", 1);
	tzset();
	if (desk_policy_parse(&s->u->d, "policy.yaml", policy, strlen(policy), 1, &s->p, NULL))
		fail_msg("policy did not parse: %s", s->u->d.errmsg);
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	struct cal_state *s = *state;
	desk_policy_free(s->p);
	unit_free(s->u);
	free(s);
	return 0;
}

static struct desk_calendar *cal(struct cal_state *s, const char *name)
{
	struct desk_calendar *c = desk_policy_calendar(s->p, name);
	if (!c)
		fail_msg("no calendar %s", name);
	return c;
}

static time_t at(struct cal_state *s, const char *iso)
{
	time_t t;
	if (desk_time_parse(&s->u->d, iso, &t))
		fail_msg("bad time %s", iso);
	return t;
}

static time_t add(struct cal_state *s, const char *c, const char *from, const char *span)
{
	struct desk_bspan b;
	time_t t;
	if (desk_bspan_parse(span, &b))
		fail_msg("bad span %s", span);
	if (desk_calendar_add(&s->u->d, cal(s, c), at(s, from), &b, &t))
		fail_msg("add failed: %s", s->u->d.errmsg);
	return t;
}

static long long between(struct cal_state *s, const char *c, const char *a, const char *b)
{
	long long v;
	if (desk_calendar_between(&s->u->d, cal(s, c), at(s, a), at(s, b), &v))
		fail_msg("between failed: %s", s->u->d.errmsg);
	return v;
}

static void expect(struct cal_state *s, const char *c, const char *from, const char *span, const char *want)
{
	time_t got = add(s, c, from, span), w = at(s, want);
	if (got != w) {
		char g[48];
		desk_calendar_iso(&s->u->d, cal(s, c), got, g, sizeof g);
		fail_msg("%s: %s + %s = %s, want %s", c, from, span, g, want);
	}
}

static void test_weekend(void **state)
{
	struct cal_state *s = *state;
	/* Friday 16:00 plus 4h in Mon-Fri 09:00-17:00 is Monday 12:00 */
	expect(s, "office", "2027-01-08T16:00+07:00", "4h", "2027-01-11T12:00+07:00");
	/* the same with Monday a holiday is Tuesday 12:00 */
	expect(s, "office-hol", "2027-01-08T16:00+07:00", "4h", "2027-01-12T12:00+07:00");
	/* a start at night counts from the next opening */
	expect(s, "office", "2027-01-06T22:30+07:00", "4h", "2027-01-07T13:00+07:00");
	expect(s, "office", "2027-01-07T03:00+07:00", "30m", "2027-01-07T09:30+07:00");
	expect(s, "office", "2027-01-09T10:00+07:00", "1h30m", "2027-01-11T10:30+07:00");
	/* the count runs out at a closing: the closing, not the next opening */
	expect(s, "office", "2027-01-08T16:00+07:00", "1h", "2027-01-08T17:00+07:00");
	/* whole weeks */
	expect(s, "office", "2027-01-04T09:00+07:00", "40h", "2027-01-08T17:00+07:00");
	expect(s, "office", "2027-01-04T09:00+07:00", "400h", "2027-03-12T17:00+07:00");
	assert_int_equal(between(s, "office", "2027-01-08T16:00+07:00", "2027-01-11T12:00+07:00"), 4 * 3600);
	assert_int_equal(between(s, "office", "2027-01-11T12:00+07:00", "2027-01-08T16:00+07:00"), -4 * 3600);
	assert_int_equal(between(s, "office", "2027-01-09T00:00+07:00", "2027-01-10T23:59+07:00"), 0);
}

static void test_business_days(void **state)
{
	struct cal_state *s = *state;
	/* 2bd from Thursday 15:00 is Monday 15:00 */
	expect(s, "office", "2027-01-07T15:00+07:00", "2bd", "2027-01-11T15:00+07:00");
	expect(s, "office-hol", "2027-01-07T15:00+07:00", "2bd", "2027-01-12T15:00+07:00");
	/* a closed moment moves to the next opening */
	expect(s, "office", "2027-01-07T20:00+07:00", "1bd", "2027-01-11T09:00+07:00");
	expect(s, "office", "2027-01-09T10:00+07:00", "1bd", "2027-01-11T10:00+07:00");
	expect(s, "office", "2027-01-04T10:00+07:00", "10bd", "2027-01-18T10:00+07:00");
	/* Tết: 2027-02-05 (Fri) .. 02-11 (Thu) closed, Saturdays open */
	expect(s, "hcm", "2027-02-04T10:00+07:00", "1bd", "2027-02-12T10:00+07:00");
	expect(s, "hcm", "2027-02-04T10:00+07:00", "2bd", "2027-02-13T10:00+07:00");
	/* Saturday has only a morning: 15:00 there is closed, so Monday 08:30 */
	expect(s, "hcm", "2027-02-12T15:00+07:00", "1bd", "2027-02-15T08:30+07:00");
}

static void test_hcm(void **state)
{
	struct cal_state *s = *state;
	/* lunch is closed */
	expect(s, "hcm", "2027-03-01T11:00+07:00", "2h", "2027-03-01T14:00+07:00");
	/* Saturday morning then Monday */
	expect(s, "hcm", "2027-03-06T11:00+07:00", "2h", "2027-03-08T09:30+07:00");
	/* 04-30 is a Friday in 2027, 05-01 a Saturday: Thursday 16:30 + 1h30m is Monday 09:00 */
	expect(s, "hcm", "2027-04-29T16:30+07:00", "1h", "2027-04-29T17:30+07:00");
	expect(s, "hcm", "2027-04-29T16:30+07:00", "1h30m", "2027-05-03T09:00+07:00");
	/* Tết in one span: Thursday 17:00 .. Friday after, 8 h a weekday */
	assert_int_equal(between(s, "hcm", "2027-02-04T17:30+07:00", "2027-02-12T17:30+07:00"), 8 * 3600);
	/* the yearly 02-29 only in leap years: 2028-02-29 is a Tuesday */
	assert_int_equal(between(s, "hcm", "2028-02-29T00:00+07:00", "2028-03-01T00:00+07:00"), 0);
	int open;
	assert_int_equal(desk_calendar_is_open(&s->u->d, cal(s, "hcm"), at(s, "2027-03-01T12:30+07:00"), &open), 0);
	assert_false(open);
	assert_int_equal(desk_calendar_is_open(&s->u->d, cal(s, "hcm"), at(s, "2027-03-01T13:00+07:00"), &open), 0);
	assert_true(open);
	time_t t;
	assert_int_equal(desk_calendar_next_open(&s->u->d, cal(s, "hcm"), at(s, "2027-02-04T18:00+07:00"), &t), 0);
	assert_int_equal(t, at(s, "2027-02-12T08:30+07:00"));
}

static void test_dst(void **state)
{
	struct cal_state *s = *state;
	/* 2027-03-28: 02:00 CET becomes 03:00 CEST; 2027-10-31: 03:00 CEST becomes 02:00 CET */
	expect(s, "berlin", "2027-03-26T16:00+01:00", "4h", "2027-03-29T12:00+02:00");
	expect(s, "berlin", "2027-03-26T16:00+01:00", "4h", "2027-03-29T10:00Z");
	expect(s, "berlin", "2027-10-29T16:00+02:00", "4h", "2027-11-01T12:00+01:00");
	expect(s, "berlin", "2027-10-29T16:00+02:00", "4h", "2027-11-01T11:00Z");
	expect(s, "berlin", "2027-03-25T10:00+01:00", "2bd", "2027-03-29T10:00+02:00");
	/* the 23- and 25-hour days of a calendar open round the clock */
	assert_int_equal(between(s, "berlin-round", "2027-03-28T00:00+01:00", "2027-03-29T00:00+02:00"), 23 * 3600);
	assert_int_equal(between(s, "berlin-round", "2027-10-31T00:00+02:00", "2027-11-01T00:00+01:00"), 25 * 3600);
	assert_int_equal(between(s, "berlin-round", "2027-03-01T00:00+01:00", "2027-04-01T00:00+02:00"),
			 31 * 86400 - 3600);
	assert_int_equal(between(s, "berlin-round", "2027-01-01T00:00+01:00", "2028-01-01T00:00+01:00"),
			 365 * 86400);
	expect(s, "berlin-round", "2027-03-27T12:00+01:00", "24h", "2027-03-28T13:00+02:00");
	expect(s, "berlin-round", "2027-10-30T12:00+02:00", "24h", "2027-10-31T11:00+01:00");
	/* Lord Howe moves by 30 minutes (2027-04-04 and 2027-10-03, Sundays): closed Sundays */
	assert_int_equal(between(s, "howe", "2027-04-03T00:00+11:00", "2027-04-06T00:00+10:30"), 2 * 86400);
}

/* The sum of the listed openings inside [a, b): a second reading of between. */
struct sum { long long total; };
static int add_opening(void *arg, const struct desk_opening *o)
{
	((struct sum *)arg)->total += o->end - o->start;
	return 0;
}

static uint64_t rng_state = 88172645463325252ULL;
static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void test_property(void **state)
{
	struct cal_state *s = *state;
	const char *names[] = { "office", "hcm", "berlin", "berlin-round", "night", "howe", "24x7" };
	const int ncal = (int)(sizeof names / sizeof names[0]);
	time_t lo = at(s, "2026-01-01T00:00Z"), hi = at(s, "2031-01-01T00:00Z");
	long checked = 0, crossed = 0;
	for (int i = 0; i < 100000; i++) {
		struct desk_calendar *c = cal(s, names[rnd() % ncal]);
		time_t a = lo + (time_t)(rnd() % (uint64_t)(hi - lo));
		/* spans from a second to 2000 hours, most of them short */
		long long d1 = 1 + (long long)(rnd() % (rnd() % 2 ? 3600 * 12 : 3600 * 2000));
		long long d2 = d1 + 1 + (long long)(rnd() % 7200);
		struct desk_bspan b1 = { d1, 0 }, b2 = { d2, 0 };
		time_t t1, t2;
		long long back;
		assert_int_equal(desk_calendar_add(&s->u->d, c, a, &b1, &t1), 0);
		assert_int_equal(desk_calendar_add(&s->u->d, c, a, &b2, &t2), 0);
		assert_int_equal(desk_calendar_between(&s->u->d, c, a, t1, &back), 0);
		if (back != d1)
			fail_msg("%s: between(%lld, add(%lld)) = %lld", desk_calendar_name(c), (long long)a, d1, back);
		/* add is monotonic in the span, strictly: every second of
		 * business time lies somewhere */
		if (!(t1 < t2))
			fail_msg("%s: add(%lld, %lld) = %lld, add(.., %lld) = %lld", desk_calendar_name(c),
				 (long long)a, d1, (long long)t1, d2, (long long)t2);
		/* the end of a count is open just before it */
		int open;
		assert_int_equal(desk_calendar_is_open(&s->u->d, c, t1 - 1, &open), 0);
		assert_true(open);
		/* a short window checked against the listed openings */
		if (i % 50 == 0) {
			struct sum sm = { 0 };
			time_t e = t1 < a + 40 * 86400 ? t1 : a + 40 * 86400;
			assert_int_equal(desk_calendar_intervals(&s->u->d, c, a, e, add_opening, &sm), 0);
			assert_int_equal(desk_calendar_between(&s->u->d, c, a, e, &back), 0);
			if (back != sm.total)
				fail_msg("%s: between %lld, openings %lld", desk_calendar_name(c), back, sm.total);
			crossed++;
		}
		checked++;
	}
	assert_int_equal(checked, 100000);
	assert_true(crossed >= 2000);
}

static void test_long_spans(void **state)
{
	struct cal_state *s = *state;
	/* ten years of a 40-hour week, no holidays, no DST: 52 weeks and a day or two a year */
	long long ten = between(s, "office", "2027-01-01T00:00+07:00", "2037-01-01T00:00+07:00");
	assert_int_equal(ten, 2609LL * 8 * 3600); /* 2609 weekdays in 2027..2036 */
	/* round trips over years */
	struct desk_bspan b = { ten, 0 };
	time_t t;
	assert_int_equal(desk_calendar_add(&s->u->d, cal(s, "office"), at(s, "2027-01-01T00:00+07:00"), &b, &t), 0);
	assert_int_equal(t, at(s, "2036-12-31T17:00+07:00"));
	/* past 9999 is an error, not a wrap */
	struct desk_bspan big = { DESK_BSPAN_MAX_SECS, 0 };
	assert_int_equal(desk_calendar_add(&s->u->d, cal(s, "office"), at(s, "9990-01-01T00:00Z"), &big, &t),
			 EX_DATAERR);
}

static void test_spans(void **state)
{
	(void)state;
	struct desk_bspan b;
	assert_int_equal(desk_bspan_parse("30m", &b), 0);
	assert_int_equal(b.secs, 1800);
	assert_int_equal(desk_bspan_parse("1h30m", &b), 0);
	assert_int_equal(b.secs, 5400);
	assert_int_equal(desk_bspan_parse("2bd", &b), 0);
	assert_int_equal(b.days, 2);
	assert_int_equal(b.secs, 0);
	const char *bad[] = { "", "0m", "2d", "1w", "bd", "0bd", "h", "4", "4hx", "-4h", "1.5h", "99999999h",
			      "10001bd", "2bdh", NULL };
	for (int i = 0; bad[i]; i++)
		if (desk_bspan_parse(bad[i], &b) == 0)
			fail_msg("'%s' parsed", bad[i]);
}

static void test_zone_time(void **state)
{
	struct cal_state *s = *state;
	time_t t;
	/* a time without an offset is read on the calendar's clock */
	assert_int_equal(desk_calendar_time_parse(&s->u->d, cal(s, "berlin"), "2027-03-26 16:00", &t), 0);
	assert_int_equal(t, at(s, "2027-03-26T15:00Z"));
	/* in the spring gap: the moment of the change */
	assert_int_equal(desk_calendar_time_parse(&s->u->d, cal(s, "berlin"), "2027-03-28T02:30", &t), 0);
	assert_int_equal(t, at(s, "2027-03-28T01:00Z"));
	assert_int_equal(desk_calendar_time_parse(&s->u->d, cal(s, "berlin"), "2027-02-30", &t), EX_DATAERR);
	char iso[48];
	assert_int_equal(desk_calendar_iso(&s->u->d, cal(s, "berlin"), at(s, "2027-03-29T10:00Z"), iso, sizeof iso), 0);
	assert_string_equal(iso, "2027-03-29T12:00:00+02:00");
}

/* Every day of 2024..2031 in hcm, asked in an order that jumps between
 * years (the yearly holidays are kept per year between calls), against
 * the hours and holidays read off the document by gmtime. */
static void test_days_any_order(void **state)
{
	struct cal_state *s = *state;
	const int64_t first = 19723, ndays = 2922; /* 2024-01-01, eight years */
	unsigned seed = 20261205;
	for (int64_t k = 0; k < ndays; k++) {
		int64_t day = first + (k * 1009 + rand_r(&seed) % 3) % ndays;
		time_t a = (time_t)(day * 86400 - 7 * 3600);
		long long v;
		assert_int_equal(desk_calendar_between(&s->u->d, cal(s, "hcm"), a, a + 86400, &v), 0);
		struct tm tm;
		time_t noon = (time_t)(day * 86400 + 43200);
		gmtime_r(&noon, &tm);
		int m = tm.tm_mon + 1, d = tm.tm_mday, y = tm.tm_year + 1900;
		int holiday = (m == 4 && d == 30) || (m == 5 && d == 1) || (m == 2 && d == 29) ||
			      (y == 2027 && m == 2 && d >= 5 && d <= 11) || (y == 2027 && m == 9 && d == 2);
		long long want = holiday ? 0 : tm.tm_wday >= 1 && tm.tm_wday <= 5 ? 8 * 3600 : tm.tm_wday == 6 ? 12600 : 0;
		if (v != want)
			fail_msg("hcm %04d-%02d-%02d: %lld open seconds, want %lld", y, m, d, v, want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_weekend, setup, teardown),
		cmocka_unit_test_setup_teardown(test_business_days, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hcm, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dst, setup, teardown),
		cmocka_unit_test_setup_teardown(test_property, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_spans, setup, teardown),
		cmocka_unit_test_setup_teardown(test_days_any_order, setup, teardown),
		cmocka_unit_test(test_spans),
		cmocka_unit_test_setup_teardown(test_zone_time, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
