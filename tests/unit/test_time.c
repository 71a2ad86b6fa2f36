/* test_time.c - time input and output. */
#include "unit_util.h"

#include <stdlib.h>
#include <string.h>

static struct desk d;

static int setup(void **state)
{
	(void)state;
	setenv("TZ", "Asia/Ho_Chi_Minh", 1); /* +07:00, no DST */
	tzset();
	unsetenv("DESK_NOW");
	assert_int_equal(desk_init(&d), 0);
	d.now = 1763884800; /* 2025-11-23T08:00:00Z = 15:00 in Ho Chi Minh City */
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	desk_release(&d);
	return 0;
}

static time_t parse_ok(const char *s)
{
	time_t t = 0;
	int rc = desk_time_parse(&d, s, &t);
	if (rc)
		fail_msg("'%s' did not parse: %s", s, d.errmsg);
	return t;
}

static void parse_bad(const char *s)
{
	time_t t;
	if (desk_time_parse(&d, s, &t) != EX_DATAERR)
		fail_msg("'%s' parsed but should not", s);
	assert_non_null(strstr(d.errmsg, "bad date"));
}

static void test_iso(void **state)
{
	(void)state;
	assert_int_equal(parse_ok("2025-11-23T08:00:00Z"), 1763884800);
	assert_int_equal(parse_ok("2025-11-23T08:00:00z"), 1763884800);
	assert_int_equal(parse_ok("2025-11-23T15:00:00+07:00"), 1763884800);
	assert_int_equal(parse_ok("2025-11-23T15:00+0700"), 1763884800);
	assert_int_equal(parse_ok("2025-11-23T03:00:00-05:00"), 1763884800);
	assert_int_equal(parse_ok("2025-11-23 15:00:00.123+07"), 1763884800);
	/* no offset: local time */
	assert_int_equal(parse_ok("2025-11-23T15:00"), 1763884800);
	assert_int_equal(parse_ok("2025-11-23 15:00:00"), 1763884800);
	/* a date is local midnight */
	assert_int_equal(parse_ok("2025-11-23"), 1763884800 - 15 * 3600);
	assert_int_equal(parse_ok("2024-02-29"), parse_ok("2024-02-28") + 86400);
	assert_int_equal(parse_ok("@1763884800"), 1763884800);
}

static void test_words_and_spans(void **state)
{
	(void)state;
	assert_int_equal(parse_ok("now"), d.now);
	assert_int_equal(parse_ok("today"), d.now - 15 * 3600);
	assert_int_equal(parse_ok("yesterday"), d.now - 15 * 3600 - 86400);
	assert_int_equal(parse_ok("30m"), d.now - 1800);
	assert_int_equal(parse_ok("4h"), d.now - 4 * 3600);
	assert_int_equal(parse_ok("2d"), d.now - 2 * 86400);
	assert_int_equal(parse_ok("1w"), d.now - 7 * 86400);
	assert_int_equal(parse_ok("1d12h"), d.now - 36 * 3600);
	long long s;
	assert_int_equal(desk_span_parse("90s", &s), 0);
	assert_int_equal(s, 90);
	assert_int_equal(desk_span_parse("", &s), -1);
	assert_int_equal(desk_span_parse("5", &s), -1);
	assert_int_equal(desk_span_parse("5y", &s), -1);
	assert_int_equal(desk_span_parse("-5m", &s), -1);
	assert_int_equal(desk_span_parse("99999999999999999999d", &s), -1);
}

static void test_bad(void **state)
{
	(void)state;
	const char *bad[] = {
		"", "tomorrow", "2025-13-01", "2025-02-29", "2025-11-31", "2025-11-23T24:00",
		"2025-11-23T10:60", "2025-11-23T10", "2025-11-23X", "25-11-23", "2025/11/23",
		"2025-11-23T10:00+25:00", "@", "@12x", "@-5", "1969-12-31", "2025-11-23T10:00:00.",
		"now ", "\xff\xfe", "2025-11-23T10:00:00+07:00junk",
		/* found by fuzzing: times that could not be printed back */
		"9999-12-31T23:59:59Z", "1970-01-01T00:00:00+05:00", "@253402300799",
		"1000000000w1000000000w1000000000w", "300000d",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		parse_bad(bad[i]);
}

static void test_format(void **state)
{
	(void)state;
	char buf[40];
	assert_string_equal(desk_time_iso(1763884800, buf, sizeof buf), "2025-11-23T15:00:00+07:00");
	assert_string_equal(desk_time_short(1763884800, buf, sizeof buf), "2025-11-23 15:00");
	assert_string_equal(desk_duration(45, buf, sizeof buf), "45s");
	assert_string_equal(desk_duration(45 * 60, buf, sizeof buf), "45m");
	assert_string_equal(desk_duration(2 * 3600 + 5 * 60, buf, sizeof buf), "2h 05m");
	assert_string_equal(desk_duration(3 * 86400 + 4 * 3600, buf, sizeof buf), "3d 4h");
	assert_string_equal(desk_duration(-90, buf, sizeof buf), "-1m");
	/* round trip through the parser */
	assert_int_equal(parse_ok(desk_time_iso(1700000000, buf, sizeof buf)), 1700000000);
	assert_int_equal(parse_ok(desk_time_iso(253402000000, buf, sizeof buf)), 253402000000);
	/* an instant with no calendar date is printed as seconds, not garbage */
	assert_string_equal(desk_time_iso((time_t)-70000000000000000LL, buf, sizeof buf), "@-70000000000000000");

	/* the digits written by hand agree with strftime, in zones west and
	 * east, with half-hour offsets and summer time */
	const char *zones[] = { "America/St_Johns", "Asia/Kolkata", "Europe/Berlin", "UTC", "Pacific/Chatham" };
	for (size_t z = 0; z < sizeof zones / sizeof zones[0]; z++) {
		setenv("TZ", zones[z], 1);
		tzset();
		for (time_t t = -2000000000; t < 4000000000; t += 7777777) {
			struct tm tm;
			char want[64], sign;
			localtime_r(&t, &tm);
			long g = tm.tm_gmtoff;
			sign = g < 0 ? '-' : '+';
			g = g < 0 ? -g : g;
			size_t k = strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%S", &tm);
			snprintf(want + k, sizeof want - k, "%c%02ld:%02ld", sign, g / 3600, (g / 60) % 60);
			assert_string_equal(desk_time_iso(t, buf, sizeof buf), want);
		}
	}
	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
}

static void test_desk_now(void **state)
{
	(void)state;
	struct desk e;
	setenv("DESK_NOW", "2026-01-02T03:04:05Z", 1);
	assert_int_equal(desk_init(&e), 0);
	assert_int_equal(e.now, 1767323045);
	assert_true(e.now_overridden);
	desk_release(&e);
	setenv("DESK_NOW", "1767323045", 1);
	assert_int_equal(desk_init(&e), 0);
	assert_int_equal(e.now, 1767323045);
	desk_release(&e);
	setenv("DESK_NOW", "not a time", 1);
	assert_int_equal(desk_init(&e), EX_DATAERR);
	assert_non_null(strstr(e.errmsg, "DESK_NOW"));
	desk_release(&e);
	unsetenv("DESK_NOW");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iso),
		cmocka_unit_test(test_words_and_spans),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_desk_now),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
