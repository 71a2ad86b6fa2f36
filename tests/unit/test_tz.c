/* test_tz.c - time zones read from TZif files (lib/calendar/tz.c), checked
 * against glibc's localtime_r on the same tz database. */
#include "unit_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define T1970 0
#define T2100 4102444800LL /* 2100-01-01T00:00:00Z */

static struct desk_tz *load(struct desk *d, const char *zone)
{
	struct desk_tz *tz = NULL;
	int rc = desk_tz_load(d, zone, &tz);
	if (rc)
		fail_msg("cannot load '%s': %d %s", zone, rc, d->errmsg);
	assert_string_equal(desk_tz_name(tz), zone);
	return tz;
}

static void glibc_zone(const char *tzstr)
{
	setenv("TZ", tzstr, 1);
	tzset();
}

/* Our period at t against glibc's localtime_r (TZ already set); abbr and
 * isdst too when full. 0 when they agree. */
static int differs(const struct desk_tz *tz, const char *zone, int64_t t, int full)
{
	struct desk_tz_period p;
	struct tm tm;
	time_t tt = (time_t)t;
	desk_tz_period_at(tz, t, &p);
	assert_non_null(localtime_r(&tt, &tm));
	if (p.start > t || t >= p.end)
		fail_msg("%s: period [%lld, %lld) does not hold %lld", zone, (long long)p.start,
			 (long long)p.end, (long long)t);
	if (p.offset != tm.tm_gmtoff || desk_tz_offset(tz, t) != p.offset)
		fail_msg("%s at %lld: offset %d, glibc %ld", zone, (long long)t, p.offset, tm.tm_gmtoff);
	if (full && (strcmp(p.abbr, tm.tm_zone) != 0 || p.isdst != (tm.tm_isdst > 0)))
		fail_msg("%s at %lld: %s isdst %d, glibc %s isdst %d", zone, (long long)t, p.abbr, p.isdst,
			 tm.tm_zone, tm.tm_isdst);
	return 0;
}

/* Checks that utc_of inverts the offset at t: the wall clock of t is first
 * reached at t, or earlier only inside a fold (a later offset is smaller). */
static void check_inverse(const struct desk_tz *tz, const char *zone, int64_t t)
{
	int64_t local = t + desk_tz_offset(tz, t), r = desk_tz_utc_of(tz, local);
	if (r > t || r + desk_tz_offset(tz, r) != local || (r < t && desk_tz_offset(tz, r) <= desk_tz_offset(tz, t)))
		fail_msg("%s: utc_of(%lld) = %lld for t %lld", zone, (long long)local, (long long)r, (long long)t);
}

/* Samples 1970..2100 every 7 h (plus odd seconds) and +-1 s around every
 * period boundary; returns the number of boundaries compared. */
static long compare_zone(struct desk *d, const char *zone)
{
	struct desk_tz *tz = load(d, zone);
	long samples = 0, boundaries = 0;
	glibc_zone(zone);
	int64_t prev_local = INT64_MIN, prev_utc = INT64_MIN;
	for (int64_t t = T1970; t < T2100; t += 7 * 3600 + 13, samples++) {
		differs(tz, zone, t, samples % 8 == 0);
		check_inverse(tz, zone, t);
		/* monotone in local over an increasing sequence of wall times */
		int64_t local = t + desk_tz_offset(tz, t) + 5000, u = desk_tz_utc_of(tz, local);
		if (local > prev_local) {
			assert_true(u >= prev_utc);
			prev_local = local;
			prev_utc = u;
		}
	}
	struct desk_tz_period p;
	for (desk_tz_period_at(tz, T1970, &p); p.end < T2100; desk_tz_period_at(tz, p.end, &p)) {
		struct desk_tz_period q;
		desk_tz_period_at(tz, p.end, &q);
		assert_int_equal(q.start, p.end);
		for (int64_t k = -1; k <= 1; k++)
			differs(tz, zone, p.end + k, 1);
		check_inverse(tz, zone, p.end);
		check_inverse(tz, zone, p.end - 1);
		boundaries++;
	}
	assert_true(samples > 160000);
	desk_tz_free(tz);
	return boundaries;
}

static void test_against_glibc(void **state)
{
	struct unit *u = *state;
	/* minimums that any recent tzdata meets (2026f ends Morocco's
	 * Ramadan changes in 2026, so Casablanca has 64, no longer 100+) */
	static const struct { const char *zone; long min; } zones[] = {
		{ "Europe/Berlin", 240 },   { "America/New_York", 260 }, { "Asia/Ho_Chi_Minh", 1 },
		{ "Asia/Shanghai", 12 },    { "Australia/Lord_Howe", 230 }, { "Pacific/Apia", 20 },
		{ "America/Santiago", 200 }, { "Africa/Casablanca", 50 }, { "Europe/Dublin", 250 },
		{ "Asia/Kolkata", 0 },      { "America/St_Johns", 250 }, { "Pacific/Chatham", 240 },
		{ "UTC", 0 },
	};
	long total = 0;
	for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++) {
		long n = compare_zone(&u->d, zones[i].zone);
		if (getenv("TEST_TZ_VERBOSE"))
			fprintf(stderr, "%s: %ld transitions\n", zones[i].zone, n);
		if (n < zones[i].min)
			fail_msg("%s: only %ld transitions compared", zones[i].zone, n);
		total += n;
	}
	assert_true(total > 1800);
}

static int64_t utc(int y, int m, int dd, int h, int mi, int s)
{
	return desk_days_from_civil(y, m, dd) * 86400 + h * 3600 + mi * 60 + s;
}

static void test_berlin_exact(void **state)
{
	struct unit *u = *state;
	struct desk_tz *tz = load(&u->d, "Europe/Berlin");
	struct desk_tz_period p;
	int64_t spring = utc(2027, 3, 28, 1, 0, 0), autumn = utc(2027, 10, 31, 1, 0, 0);
	assert_int_equal(desk_tz_offset(tz, spring - 1), 3600);
	assert_int_equal(desk_tz_offset(tz, spring), 7200);
	assert_int_equal(desk_tz_offset(tz, autumn - 1), 7200);
	assert_int_equal(desk_tz_offset(tz, autumn), 3600);
	desk_tz_period_at(tz, spring + 3600, &p);
	assert_int_equal(p.start, spring);
	assert_int_equal(p.end, autumn);
	assert_string_equal(p.abbr, "CEST");
	assert_int_equal(p.isdst, 1);
	/* past the table (2037): the footer rule, same answers */
	for (int y = 2060; y <= 2100; y += 40) {
		/* the last Sundays are the 28th and the 31st in both years */
		int64_t s = utc(y, 3, 28, 1, 0, 0), a = utc(y, 10, 31, 1, 0, 0);
		assert_int_equal(desk_tz_offset(tz, s - 1), 3600);
		assert_int_equal(desk_tz_offset(tz, s), 7200);
		assert_int_equal(desk_tz_offset(tz, a - 1), 7200);
		assert_int_equal(desk_tz_offset(tz, a), 3600);
		desk_tz_period_at(tz, a, &p);
		assert_int_equal(p.start, a);
		assert_string_equal(p.abbr, "CET");
	}
	/* far past and far future: type 0 (LMT, +0:53:28) and the rule */
	assert_int_equal(desk_tz_offset(tz, -((int64_t)1 << 40)), 3208);
	assert_int_equal(desk_tz_offset(tz, utc(300000, 7, 1, 0, 0, 0)), 7200);
	desk_tz_period_at(tz, INT64_MAX, &p);
	assert_true(p.start <= INT64_MAX && p.end == INT64_MAX);
	desk_tz_period_at(tz, INT64_MIN, &p);
	assert_true(p.start == INT64_MIN && p.end > INT64_MIN);
	desk_tz_free(tz);
}

static void test_utc_of(void **state)
{
	struct unit *u = *state;
	struct desk_tz *tz = load(&u->d, "Europe/Berlin");
	int64_t gap = utc(2027, 3, 28, 2, 30, 0), fold = utc(2027, 10, 31, 2, 30, 0);
	assert_int_equal(desk_tz_utc_of(tz, gap), utc(2027, 3, 28, 1, 0, 0));
	assert_int_equal(desk_tz_utc_of(tz, fold), utc(2027, 10, 31, 0, 30, 0));
	assert_int_equal(desk_tz_utc_of(tz, utc(2027, 6, 1, 12, 0, 0)), utc(2027, 6, 1, 10, 0, 0));
	assert_int_equal(desk_tz_utc_of(tz, utc(2080, 3, 31, 2, 0, 0)), utc(2080, 3, 31, 1, 0, 0));
	/* dense scans across both changes of 2027 and 2090 */
	int64_t at[] = { utc(2027, 3, 28, 1, 0, 0), utc(2027, 10, 31, 1, 0, 0), utc(2090, 3, 26, 1, 0, 0),
			 utc(2090, 10, 29, 1, 0, 0) };
	long steps = 0;
	for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
		int64_t prev = INT64_MIN;
		for (int64_t local = at[i] - 3 * 3600; local < at[i] + 5 * 3600; local += 7, steps++) {
			int64_t r = desk_tz_utc_of(tz, local);
			assert_true(r >= prev);
			assert_true(r + desk_tz_offset(tz, r) >= local);
			assert_true(r - 1 + desk_tz_offset(tz, r - 1) < local);
			prev = r;
		}
	}
	assert_true(steps > 16000);
	/* the extremes saturate without overflow */
	assert_true(desk_tz_utc_of(tz, INT64_MIN) <= desk_tz_utc_of(tz, INT64_MIN + 1));
	assert_true(desk_tz_utc_of(tz, INT64_MAX) >= desk_tz_utc_of(tz, INT64_MAX - 100000));
	desk_tz_free(tz);
}

static void test_names(void **state)
{
	struct unit *u = *state;
	struct desk_tz *tz = (struct desk_tz *)1;
	const char *bad[] = { "Mars/Olympus", "../etc/passwd", "/etc/passwd", "Europe/../Europe/Berlin", "",
			      "Europe//Berlin", "Europe/Berlin/", "./UTC", "Europe/Ber lin", "Europe\\Berlin" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		desk_clear_error(&u->d);
		assert_int_equal(desk_tz_load(&u->d, bad[i], &tz), EX_NOINPUT);
		assert_null(tz);
		char want[300];
		snprintf(want, sizeof want, "unknown time zone '%s'", bad[i]);
		assert_string_equal(u->d.errmsg, want);
	}
	char longname[400];
	memset(longname, 'a', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	assert_int_equal(desk_tz_load(&u->d, longname, &tz), EX_NOINPUT);
	assert_non_null(strstr(u->d.errmsg, "unknown time zone 'aaaa"));
	/* a directory and a file that is not a zone */
	assert_int_equal(desk_tz_load(&u->d, "Europe", &tz), EX_NOINPUT);
	assert_int_equal(desk_tz_load(&u->d, "zone.tab", &tz), EX_DATAERR);
	assert_string_equal(u->d.errmsg, "time zone 'zone.tab': not a valid tz database file");
	assert_null(tz);
}

static void test_tzdir(void **state)
{
	struct unit *u = *state;
	struct desk_tz *tz;
	setenv("TZDIR", u->dir, 1); /* empty */
	assert_int_equal(desk_tz_load(&u->d, "Europe/Berlin", &tz), EX_NOINPUT);
	assert_string_equal(u->d.errmsg, "unknown time zone 'Europe/Berlin'");
	const char *utcs[] = { "UTC", "Etc/UTC" };
	for (int i = 0; i < 2; i++) {
		tz = load(&u->d, utcs[i]);
		struct desk_tz_period p;
		desk_tz_period_at(tz, 1700000000, &p);
		assert_int_equal(p.offset, 0);
		assert_string_equal(p.abbr, "UTC");
		assert_int_equal(desk_tz_utc_of(tz, 1700000000), 1700000000);
		desk_tz_free(tz);
	}
	/* a zone copied there is found */
	char *text = NULL, path[200];
	size_t len;
	assert_int_equal(desk_read_file(&u->d, "/usr/share/zoneinfo/Asia/Ho_Chi_Minh", 1 << 20, &text, &len), 0);
	snprintf(path, sizeof path, "%s/Saigon", u->dir);
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	fclose(fp);
	free(text);
	tz = load(&u->d, "Saigon");
	assert_int_equal(desk_tz_offset(tz, 1700000000), 7 * 3600);
	desk_tz_free(tz);
	setenv("TZDIR", "", 1); /* empty: the default directory */
	tz = load(&u->d, "Europe/Berlin");
	desk_tz_free(tz);
	unsetenv("TZDIR");
}

/* A TZif image: version ver ('\0', '2', '3', '4'); for version 2 and later
 * an empty version 1 block, the 64-bit block and the footer. */
static size_t tzif(unsigned char *buf, char ver, int n, const int64_t *at, const unsigned char *idx, int ntypes,
		   const int32_t *off, const unsigned char *isdst, const unsigned char *ai, const char *chars,
		   int nchars, int nleap, const char *footer)
{
	unsigned char *p = buf;
	int tsize = ver ? 8 : 4;
	uint32_t counts[6] = { 0, 0, (uint32_t)nleap, (uint32_t)n, (uint32_t)ntypes, (uint32_t)nchars };
	if (ver) {
		memcpy(p, "TZif", 4);
		p[4] = (unsigned char)ver;
		memset(p + 5, 0, 39);
		p += 44;
	}
	memcpy(p, "TZif", 4);
	p[4] = (unsigned char)ver;
	memset(p + 5, 0, 15);
	p += 20;
	for (int i = 0; i < 6; i++, p += 4)
		for (int k = 0; k < 4; k++)
			p[k] = (unsigned char)(counts[i] >> (24 - 8 * k));
	for (int i = 0; i < n; i++, p += tsize)
		for (int k = 0; k < tsize; k++)
			p[k] = (unsigned char)((uint64_t)at[i] >> (8 * (tsize - 1 - k)));
	if (n)
		memcpy(p, idx, (size_t)n);
	p += n;
	for (int i = 0; i < ntypes; i++, p += 6) {
		for (int k = 0; k < 4; k++)
			p[k] = (unsigned char)((uint32_t)off[i] >> (24 - 8 * k));
		p[4] = isdst[i];
		p[5] = ai[i];
	}
	memcpy(p, chars, (size_t)nchars);
	p += nchars;
	memset(p, 0x11, (size_t)nleap * (size_t)(tsize + 4));
	p += nleap * (tsize + 4);
	if (ver) {
		*p++ = '\n';
		memcpy(p, footer, strlen(footer));
		p += strlen(footer);
		*p++ = '\n';
	}
	return (size_t)(p - buf);
}

/* A version 2 file of no transitions and the footer rule alone. */
static int parse_footer(struct desk *d, const char *footer, struct desk_tz **tz)
{
	unsigned char buf[512];
	int32_t off = 0;
	unsigned char z = 0;
	size_t len = tzif(buf, '2', 0, NULL, NULL, 1, &off, &z, &z, "XXX", 4, 0, footer);
	return desk_tz_parse(d, "footer", buf, len, tz);
}

static void test_footer_rules(void **state)
{
	struct unit *u = *state;
	/* POSIX TZ strings that name no file, so glibc reads the rule itself */
	const char *rules[] = {
		"CET-1CEST,M3.5.0,M10.5.0/3",       "<+07>-7",
		"XST5XDT,M3.2.0,M11.1.0",           "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1",
		"AAA3BBB,J60/2,J300/2",
		"AAA-5BBB-6,59/1:30,300/25",        "IST-1GMT0,M10.5.0,M3.5.0/1",
		"<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", "<-04>4<-03>,M9.1.6/24,M4.1.6/24",
		"AAA+3:30BBB+2:30,M3.2.0/-1:30,M11.1.0/26", "<-02>2<-01>,M3.5.0/-1,M10.5.0/0",
		"NST3:30NDT,M3.2.0,M11.1.0",        "AAA-14BBB,M1.1.1/167,M12.5.6/-167",
	};
	long checked = 0;
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		struct desk_tz *tz = NULL;
		if (parse_footer(&u->d, rules[i], &tz))
			fail_msg("'%s' refused: %s", rules[i], u->d.errmsg);
		glibc_zone(rules[i]);
		for (int64_t t = utc(1971, 1, 1, 0, 0, 0); t < T2100; t += 3 * 86400 + 3607, checked++) {
			differs(tz, rules[i], t, 1);
			check_inverse(tz, rules[i], t);
		}
		struct desk_tz_period p;
		int bounds = 0;
		for (desk_tz_period_at(tz, utc(2020, 1, 1, 0, 0, 0), &p); p.end < utc(2030, 1, 1, 0, 0, 0);
		     desk_tz_period_at(tz, p.end, &p), bounds++)
			for (int64_t k = -1; k <= 1; k++)
				differs(tz, rules[i], p.end + k, 1);
		assert_true(bounds == 0 || bounds >= 19);
		desk_tz_free(tz);
	}
	assert_true(checked > 100000);
	/* summer time all year (RFC 8536 3.3.1): glibc computes each year's
	 * changes on the UTC year and so shows EST from 00:00 to 05:00 UTC
	 * every 1 January; tzcode and we keep EDT */
	struct desk_tz *tz = NULL;
	assert_int_equal(parse_footer(&u->d, "XST5XDT,0/0,J365/25", &tz), 0);
	for (int64_t t = 0; t < T2100; t += 3 * 3600 + 1)
		assert_int_equal(desk_tz_offset(tz, t), -4 * 3600);
	desk_tz_free(tz);
	/* a DST offset defaults to std + 1 h */
	assert_int_equal(parse_footer(&u->d, "AAA5BBB,M3.2.0,M11.1.0", &tz), 0);
	assert_int_equal(desk_tz_offset(tz, utc(2030, 7, 1, 0, 0, 0)), -4 * 3600);
	desk_tz_free(tz);
	const char *bad[] = { "CET", "CET-1CEST", "CET-1CEST,M3.5.0", "CET-1CEST,M13.1.0,M10.5.0",
			      "CET-1CEST,M3.6.0,M10.5.0", "CET-1CEST,M3.5.7,M10.5.0", "CET-1CEST,M3.5.0,M10.5.0/168",
			      "<AB>3", "CET-25", "CE-1", "CET-1CEST,J0,J365", "CET-1CEST,366,0", "CET-1:60",
			      "CET-1CEST,M3.5.0,M10.5.0x", "<CET-1", "CET-1CEST,M03.05.00,M10.5.0/3:" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		tz = (struct desk_tz *)1;
		if (parse_footer(&u->d, bad[i], &tz) != EX_DATAERR)
			fail_msg("footer '%s' accepted", bad[i]);
		assert_null(tz);
		assert_string_equal(u->d.errmsg, "time zone 'footer': not a valid tz database file");
	}
}

static void test_tzif_forms(void **state)
{
	struct unit *u = *state;
	unsigned char buf[1024];
	int64_t at[] = { -100000, 0, 1000000 };
	unsigned char idx[] = { 1, 2, 1 }, isdst[] = { 0, 0, 1 }, ai[] = { 0, 4, 8 };
	int32_t off[] = { 100, 3600, 7200 };
	const char chars[] = "LMT\0AAA\0BBB";
	struct desk_tz *tz;
	for (int v = 0; v < 4; v++) {
		char ver = "\0" "234"[v];
		size_t len = tzif(buf, ver, 3, at, idx, 3, off, isdst, ai, chars, 12, v == 2 ? 3 : 0, "");
		assert_int_equal(desk_tz_parse(&u->d, "forms", buf, len, &tz), 0);
		struct desk_tz_period p;
		desk_tz_period_at(tz, -100001, &p); /* before the first: type 0 */
		assert_int_equal(p.offset, 100);
		assert_string_equal(p.abbr, "LMT");
		assert_int_equal(p.end, -100000);
		desk_tz_period_at(tz, 5, &p);
		assert_int_equal(p.offset, 7200);
		assert_int_equal(p.start, 0);
		assert_int_equal(p.end, 1000000);
		assert_int_equal(p.isdst, 1);
		desk_tz_period_at(tz, INT64_MAX, &p); /* no rule: the last type for ever */
		assert_int_equal(p.offset, 3600);
		assert_int_equal(p.start, 1000000);
		assert_int_equal(p.end, INT64_MAX);
		desk_tz_free(tz);
	}
	/* a fixed offset: no transitions, no rule */
	size_t len = tzif(buf, '2', 0, NULL, NULL, 1, &off[1], isdst, &ai[1], chars, 12, 0, "");
	assert_int_equal(desk_tz_parse(&u->d, "fixed", buf, len, &tz), 0);
	assert_int_equal(desk_tz_offset(tz, INT64_MIN), 3600);
	assert_int_equal(desk_tz_offset(tz, INT64_MAX), 3600);
	assert_int_equal(desk_tz_utc_of(tz, 7200), 3600);
	desk_tz_free(tz);
	/* broken: times not increasing, type index, abbreviation index,
	 * offset -2^31, no NUL in the abbreviations, missing footer */
	int64_t same[] = { 0, 0, 5 };
	unsigned char badidx[] = { 0, 3, 0 }, badai[] = { 0, 12, 0 };
	int32_t badoff[] = { INT32_MIN, 0, 0 };
	size_t lens[6];
	unsigned char bufs[6][512];
	lens[0] = tzif(bufs[0], '2', 3, same, idx, 3, off, isdst, ai, chars, 12, 0, "");
	lens[1] = tzif(bufs[1], '2', 3, at, badidx, 3, off, isdst, ai, chars, 12, 0, "");
	lens[2] = tzif(bufs[2], '2', 3, at, idx, 3, off, isdst, badai, chars, 12, 0, "");
	lens[3] = tzif(bufs[3], '2', 3, at, idx, 3, badoff, isdst, ai, chars, 12, 0, "");
	lens[4] = tzif(bufs[4], '2', 3, at, idx, 3, off, isdst, ai, "LMT\0AAA\0BBBX", 12, 0, "");
	lens[5] = tzif(bufs[5], '2', 3, at, idx, 3, off, isdst, ai, chars, 12, 0, "") - 2;
	for (int i = 0; i < 6; i++) {
		tz = (struct desk_tz *)1;
		if (desk_tz_parse(&u->d, "broken", bufs[i], lens[i], &tz) != EX_DATAERR)
			fail_msg("broken file %d accepted", i);
		assert_null(tz);
	}
}

/* Every prefix of a real file, random bytes and flipped bits: parsed or
 * refused, never read past the end (the asan run checks that). */
static void test_garbage(void **state)
{
	struct unit *u = *state;
	char *text = NULL;
	size_t len;
	struct desk_tz *tz;
	assert_int_equal(desk_read_file(&u->d, "/usr/share/zoneinfo/Europe/Berlin", 1 << 20, &text, &len), 0);
	assert_true(len > 1000);
	int ok = 0;
	for (size_t n = 0; n <= len; n++) {
		unsigned char *copy = malloc(n ? n : 1); /* exactly n bytes, for asan */
		memcpy(copy, text, n);
		int rc = desk_tz_parse(&u->d, "Europe/Berlin", copy, n, &tz);
		assert_true(rc == 0 || rc == EX_DATAERR);
		if (n == 60)
			assert_int_equal(rc, EX_DATAERR);
		if (rc == 0) {
			ok++;
			desk_tz_offset(tz, 1700000000);
			desk_tz_free(tz);
		} else {
			assert_null(tz);
			assert_string_equal(u->d.errmsg, "time zone 'Europe/Berlin': not a valid tz database file");
		}
		free(copy);
	}
	assert_int_equal(ok, 1); /* only the whole file (the footer ends it) */
	uint64_t seed = 88172645463325252ULL;
	unsigned char junk[4096];
	for (int round = 0; round < 3000; round++) {
		const unsigned char *data = junk;
		size_t n;
		for (size_t i = 0; i < sizeof junk; i++) {
			seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
			junk[i] = (unsigned char)seed;
		}
		if (round % 2) { /* the real file with a few bytes changed */
			memcpy(junk, text, len);
			for (int k = 0; k < 1 + round % 5; k++)
				junk[(seed >> (8 * k)) % len] ^= (unsigned char)(1u << (k + round) % 8);
			n = len;
		} else {
			memcpy(junk, "TZif2", 5);
			n = (size_t)(seed % sizeof junk);
		}
		int rc = desk_tz_parse(&u->d, "junk", data, n, &tz);
		assert_true(rc == 0 || rc == EX_DATAERR);
		if (rc == 0) {
			for (int64_t t = -((int64_t)1 << 40); t < ((int64_t)1 << 40); t += (int64_t)1 << 36) {
				struct desk_tz_period p;
				desk_tz_period_at(tz, t, &p);
				assert_true(p.start <= t && t < p.end);
				assert_true(desk_tz_utc_of(tz, t) <= desk_tz_utc_of(tz, t + 1));
			}
			desk_tz_free(tz);
		}
	}
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_against_glibc, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_berlin_exact, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_utc_of, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_names, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_tzdir, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_footer_rules, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_tzif_forms, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_garbage, unit_setup_nodb, unit_teardown),
	};
	unsetenv("TZDIR");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
