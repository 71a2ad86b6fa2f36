/*
 * fuzz_time.c - time input: desk_time_parse and desk_span_parse, with
 * desk_time_iso, desk_time_short and desk_duration on what they return.
 *
 * Input: the text (a NUL-terminated copy; a NUL ends it). The clock is
 * fixed ($DESK_NOW, FZ_NOW) and so is the zone (FZ_TZ, with summer time).
 * Checks:
 *  - desk_time_parse returns 0 or EX_DATAERR "bad date '...'", a message
 *    that is valid UTF-8 when the input is;
 *  - a time it returns can be shown: localtime_r succeeds and
 *    desk_time_iso writes YYYY-MM-DDTHH:MM:SS+HH:MM (check time-range);
 *  - an ISO 8601 datetime with an explicit offset (Z, +HH:MM, +HHMM, +HH)
 *    means exactly the instant an independent computation gives, any such
 *    well-formed datetime is accepted, and the result round-trips:
 *    desk_time_parse(desk_time_iso(t)) == t (check time-roundtrip);
 *  - "@N" is N; a span is what an independent reader makes of it, and
 *    desk_time_parse of a span is now minus the span;
 *  - desk_span_parse returns 0 with a non-negative total or -1.
 */
#include "fuzz_common.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int ndigits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days from 1970-01-01, counted the slow way. */
static long long days_since_epoch(int y, int m, int d)
{
	static const int before[] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
	long long days = 0;
	for (int k = 1970; k < y; k++)
		days += leap(k) ? 366 : 365;
	days += before[m - 1] + (m > 2 && leap(y)) + d - 1;
	return days;
}

/*
 * The reference reading of YYYY-MM-DD[Tt ]HH:MM[:SS[.fff]](Z|z|+HH|+HHMM|+HH:MM)
 * with years 1970-9999 and valid fields. Returns 1 and sets *out for such a
 * string, 0 for anything else.
 */
static int ref_iso_offset(const char *s, long long *out)
{
	int y, mo, da, h, mi, se = 0, oh = 0, om = 0;
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	size_t n = strlen(s);
	if (n < 17 || ndigits(s, 4, &y) || s[4] != '-' || ndigits(s + 5, 2, &mo) || s[7] != '-' ||
	    ndigits(s + 8, 2, &da) || !(s[10] == 'T' || s[10] == 't' || s[10] == ' ') ||
	    ndigits(s + 11, 2, &h) || s[13] != ':' || ndigits(s + 14, 2, &mi))
		return 0;
	const char *p = s + 16;
	if (*p == ':') {
		if (ndigits(p + 1, 2, &se))
			return 0;
		p += 3;
		if (*p == '.' || *p == ',') {
			p++;
			if (!isdigit((unsigned char)*p))
				return 0;
			while (isdigit((unsigned char)*p))
				p++;
		}
	}
	long off;
	if ((*p == 'Z' || *p == 'z') && !p[1]) {
		off = 0;
	} else if (*p == '+' || *p == '-') {
		int sign = *p == '-' ? -1 : 1;
		const char *q = p + 1;
		if (ndigits(q, 2, &oh))
			return 0;
		q += 2;
		if (*q == ':')
			q++;
		if (*q) {
			if (ndigits(q, 2, &om) || q[2])
				return 0;
		} else if (q[-1] == ':') {
			return 0; /* "+05:" is not a form this reference knows */
		}
		off = sign * (oh * 3600L + om * 60L);
	} else {
		return 0;
	}
	if (y < 1970 || mo < 1 || mo > 12 || da < 1 || da > dim[mo - 1] + (mo == 2 && leap(y)) || h > 23 ||
	    mi > 59 || se > 60 || oh > 23 || om > 59)
		return 0;
	if (se == 60)
		se = 59; /* a leap second reads as the second before */
	*out = days_since_epoch(y, mo, da) * 86400 + h * 3600LL + mi * 60LL + se - off;
	return 1;
}

/* The reference reading of a span: (digits unit)+, units s m h d w.
 * Returns 1 and the total (saturated at 2^62) or 0; *maxn is the largest
 * number in it (saturated). */
static int ref_span(const char *s, long long *out, long long *maxn)
{
	*maxn = 0;
	unsigned __int128 total = 0;
	if (!isdigit((unsigned char)*s))
		return 0;
	while (*s) {
		unsigned __int128 n = 0;
		if (!isdigit((unsigned char)*s))
			return 0;
		while (isdigit((unsigned char)*s)) {
			n = n * 10 + (unsigned)(*s++ - '0');
			if (n > ((unsigned __int128)1 << 70))
				n = (unsigned __int128)1 << 70;
		}
		if (n > (unsigned __int128)*maxn)
			*maxn = n > ((unsigned __int128)1 << 62) ? 1LL << 62 : (long long)n;
		unsigned long u;
		switch (*s++) {
		case 's': u = 1; break;
		case 'm': u = 60; break;
		case 'h': u = 3600; break;
		case 'd': u = 86400; break;
		case 'w': u = 604800; break;
		default: return 0;
		}
		total += n * u;
		if (total > ((unsigned __int128)1 << 62))
			total = (unsigned __int128)1 << 62;
	}
	*out = (long long)total;
	return 1;
}

static void check_iso_shape(const char *b)
{
	/* [-]Y...-MM-DDTHH:MM:SS+HH:MM */
	const char *p = b;
	if (*p == '-')
		p++;
	int yd = 0;
	while (isdigit((unsigned char)*p))
		p++, yd++;
	int ok = yd >= 1 && strlen(p) == 21; /* years before 1000 or after 9999 have other widths */
	static const char shape[] = "-99-99T99:99:99+99:99";
	for (int i = 0; ok && i < 21; i++)
		ok = shape[i] == '9' ? isdigit((unsigned char)p[i]) != 0
				     : (shape[i] == '+' ? (p[i] == '+' || p[i] == '-') : p[i] == shape[i]);
	FZ_CHECK(ok, "desk_time_iso wrote '%s'", b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct desk *d = fz_desk();
	char *s = fz_cstr(data, size);
	size_t n = strlen(s);
	int utf8 = fz_utf8_ok(s, n);
	time_t t = 0;
	long long span = -1, ref = 0, maxn = 0;
	char iso[64], iso2[64], shortb[64], dur[64];

	/* spans */
	int src = desk_span_parse(s, &span);
	FZ_CHECK(src == 0 || src == -1, "desk_span_parse returned %d", src);
	int have_ref_span = ref_span(s, &ref, &maxn);
	if (src == 0) {
		FZ_CHECK(have_ref_span && span == ref, "span '%s': %lld, reference %lld", s, span, ref);
		FZ_CHECK(span >= 0, "negative span %lld", span);
		desk_duration(span, dur, sizeof dur);
		desk_duration(-span, dur, sizeof dur);
	} else if (have_ref_span) {
		/* only spans with a ten-digit number or longer than two centuries
		 * (lib/time.c SPAN_MAX, 200 * 366 days) may be refused */
		FZ_CHECK(maxn >= 1000000000LL || ref > 200LL * 366 * 86400,
			 "span '%s' (%lld s) refused", s, ref);
	}

	/* points in time */
	desk_clear_error(d);
	int rc = desk_time_parse(d, s, &t);
	if (rc) {
		static const int allowed[] = { EX_DATAERR, 0 };
		fz_check_error(d, rc, "desk_time_parse", allowed);
		FZ_CHECK(strncmp(d->errmsg, "bad date '", 10) == 0, "message '%s'", d->errmsg);
		if (utf8)
			fz_check_message_utf8(d, "desk_time_parse");
	} else {
		FZ_CHECK(n > 0, "an empty string is a time");
		struct tm tm;
		if (!fz_skip("time-range"))
			FZ_CHECK(localtime_r(&t, &tm) != NULL,
				 "'%s' parsed to %lld, which no calendar date shows", s, (long long)t);
		if (localtime_r(&t, &tm)) {
			desk_time_iso(t, iso, sizeof iso);
			check_iso_shape(iso);
			desk_time_short(t, shortb, sizeof shortb);
		}
		if (src == 0)
			FZ_CHECK(t == d->now - span, "span '%s': %lld, not now - %lld", s, (long long)t, span);
		if (s[0] == '@')
			FZ_CHECK((long long)t == strtoll(s + 1, NULL, 10), "'%s' parsed to %lld", s, (long long)t);
	}

	/* an explicit offset: the exact instant, and back through desk_time_iso */
	long long want;
	if (ref_iso_offset(s, &want)) {
		/* the toolkit refuses instants it could not print back: those
		 * whose local year is outside 1970..9999 */
		time_t wt = (time_t)want;
		struct tm wtm;
		int printable = want >= 0 && localtime_r(&wt, &wtm) && wtm.tm_year + 1900 >= 1970 &&
				wtm.tm_year + 1900 <= 9999;
		if (!printable) {
			FZ_CHECK(rc == EX_DATAERR, "'%s' is out of range but was accepted", s);
			free(s);
			return 0;
		}
		FZ_CHECK(rc == 0, "'%s' refused: %s", s, d->errmsg);
		FZ_CHECK((long long)t == want, "'%s' parsed to %lld, reference %lld", s, (long long)t, want);
		if (!fz_skip("time-roundtrip")) {
			desk_time_iso(t, iso, sizeof iso);
			time_t back = 0;
			int rc2 = desk_time_parse(d, iso, &back);
			FZ_CHECK(rc2 == 0 && back == t,
				 "'%s' -> %lld -> desk_time_iso '%s' -> %s %lld", s, (long long)t, iso,
				 rc2 ? d->errmsg : "parsed to", (long long)back);
			desk_time_iso(back, iso2, sizeof iso2);
			FZ_CHECK(strcmp(iso, iso2) == 0, "'%s' then '%s'", iso, iso2);
		}
	}
	free(s);
	return 0;
}
