/* time.c - ISO 8601 and relative time input, local-time output. */
#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Read exactly n digits. */
static int digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

static int days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

/* Days since 1970-01-01 for a proleptic Gregorian date (no timezone). */
static long long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (unsigned)(m + (m > 2 ? -3 : 9)) + 2) / 5 + (unsigned)d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

static time_t local_midnight(time_t t, int days_back)
{
	struct tm tm;
	localtime_r(&t, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_mday -= days_back;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

#define SPAN_MAX (200LL * 366 * 86400) /* two centuries: longer is a typo */

int desk_span_parse(const char *s, long long *secs)
{
	long long total = 0;
	if (!s || !isdigit((unsigned char)*s))
		return -1;
	while (*s) {
		if (!isdigit((unsigned char)*s))
			return -1;
		long long n = 0;
		while (isdigit((unsigned char)*s)) {
			if (n > 100000000LL)
				return -1;
			n = n * 10 + (*s++ - '0');
		}
		long long unit;
		switch (*s++) {
		case 's': unit = 1; break;
		case 'm': unit = 60; break;
		case 'h': unit = 3600; break;
		case 'd': unit = 86400; break;
		case 'w': unit = 7 * 86400; break;
		default: return -1;
		}
		if (n > (SPAN_MAX - total) / unit)
			return -1;
		total += n * unit;
	}
	*secs = total;
	return 0;
}

/* ISO 8601 date or datetime. */
static int parse_iso(const char *s, time_t *out)
{
	const char *p = s;
	int y, mo, da, h = 0, mi = 0, se = 0;
	if (digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &mo) || *p++ != '-' ||
	    digits(&p, 2, &da))
		return -1;
	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || da < 1 || da > days_in_month(y, mo))
		return -1;
	int has_time = 0, has_off = 0;
	long off = 0;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		has_time = 1;
		if (digits(&p, 2, &h) || *p++ != ':' || digits(&p, 2, &mi))
			return -1;
		if (*p == ':') {
			p++;
			if (digits(&p, 2, &se))
				return -1;
			if (*p == '.' || *p == ',') { /* fractions are dropped */
				p++;
				if (!isdigit((unsigned char)*p))
					return -1;
				while (isdigit((unsigned char)*p))
					p++;
			}
		}
		if (h > 23 || mi > 59 || se > 60)
			return -1;
		if (se == 60)
			se = 59;
		if (*p == 'Z' || *p == 'z') {
			p++;
			has_off = 1;
		} else if (*p == '+' || *p == '-') {
			int sign = *p++ == '-' ? -1 : 1, oh, om = 0;
			if (digits(&p, 2, &oh))
				return -1;
			if (*p == ':')
				p++;
			if (*p && digits(&p, 2, &om))
				return -1;
			if (oh > 23 || om > 59)
				return -1;
			off = sign * (oh * 3600L + om * 60L);
			has_off = 1;
		}
	}
	if (*p)
		return -1;
	(void)has_time;
	if (has_off) {
		long long t = days_from_civil(y, mo, da) * 86400LL + h * 3600LL + mi * 60LL + se - off;
		*out = (time_t)t;
		return 0;
	}
	struct tm tm = { 0 };
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = da;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	tm.tm_isdst = -1;
	errno = 0;
	time_t t = mktime(&tm);
	if (t == (time_t)-1 && errno)
		return -1;
	*out = t;
	return 0;
}

/* Times the toolkit can print and read back in any time zone: local years
 * 1970 to 9999. */
static int printable(time_t t)
{
	struct tm tm;
	return t >= 0 && localtime_r(&t, &tm) && tm.tm_year + 1900 >= 1970 && tm.tm_year + 1900 <= 9999;
}

static int parse_any(struct desk *d, const char *s, time_t *out);

int desk_time_parse(struct desk *d, const char *s, time_t *out)
{
	time_t t = 0;
	int rc = parse_any(d, s, &t);
	if (rc)
		return rc;
	if (!printable(t)) {
		char q[84];
		return desk_error(d, EX_DATAERR, "bad date '%s': out of range (years 1970 to 9999)",
				  desk_clip(q, sizeof q, s));
	}
	*out = t;
	return 0;
}

static int parse_any(struct desk *d, const char *s, time_t *out)
{
	long long span;
	if (!s || !*s)
		return desk_error(d, EX_DATAERR, "bad date ''");
	if (strcmp(s, "now") == 0) {
		*out = d->now;
		return 0;
	}
	if (strcmp(s, "today") == 0) {
		*out = local_midnight(d->now, 0);
		return 0;
	}
	if (strcmp(s, "yesterday") == 0) {
		*out = local_midnight(d->now, 1);
		return 0;
	}
	if (s[0] == '@') {
		char *end;
		errno = 0;
		long long v = strtoll(s + 1, &end, 10);
		if (isdigit((unsigned char)s[1]) && !*end && !errno && v <= 253402300799LL) {
			*out = (time_t)v;
			return 0;
		}
		char q[84];
		return desk_error(d, EX_DATAERR, "bad date '%s'", desk_clip(q, sizeof q, s));
	}
	if (desk_span_parse(s, &span) == 0) {
		*out = d->now - (time_t)span;
		return 0;
	}
	if (parse_iso(s, out) == 0)
		return 0;
	char q[84];
	return desk_error(d, EX_DATAERR,
			  "bad date '%s' (use YYYY-MM-DD[THH:MM[:SS][+HH:MM]], @SECONDS, now, today, yesterday, or a span like 2d)",
			  desk_clip(q, sizeof q, s));
}

char *desk_time_iso(time_t t, char *buf, size_t n)
{
	struct tm tm;
	char off[24];
	if (!localtime_r(&t, &tm)) {
		snprintf(buf, n, "@%lld", (long long)t); /* no calendar date: the seconds */
		return buf;
	}
	long g = tm.tm_gmtoff;
	char sign = g < 0 ? '-' : '+';
	if (g < 0)
		g = -g;
	int year = tm.tm_year + 1900;
	if (year < 0 || year > 9999 || g >= 100 * 3600 || n < 26) {
		snprintf(off, sizeof off, "%c%02ld:%02ld", sign, g / 3600, (g / 60) % 60);
		snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d%s", year, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
			 tm.tm_min, tm.tm_sec, off);
		return buf;
	}
	/* the usual case by hand: reports print a time per row */
	const int v[] = { year / 100, year % 100, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
			  (int)(g / 3600), (int)((g / 60) % 60) };
	/* what follows each pair of digits; 's' the offset's sign */
	static const char after[] = { 0, '-', '-', 'T', ':', ':', 's', ':', 0 };
	char *p = buf;
	for (int i = 0; i < 9; i++) {
		*p++ = (char)('0' + v[i] / 10);
		*p++ = (char)('0' + v[i] % 10);
		if (after[i])
			*p++ = after[i] == 's' ? sign : after[i];
	}
	*p = '\0';
	return buf;
}

char *desk_time_short(time_t t, char *buf, size_t n)
{
	struct tm tm;
	if (!localtime_r(&t, &tm)) {
		snprintf(buf, n, "@%lld", (long long)t);
		return buf;
	}
	snprintf(buf, n, "%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		 tm.tm_hour, tm.tm_min);
	return buf;
}

char *desk_duration(long long s, char *buf, size_t n)
{
	const char *neg = s < 0 ? "-" : "";
	if (s < 0)
		s = -s;
	if (s >= 86400)
		snprintf(buf, n, "%s%lldd %lldh", neg, s / 86400, (s % 86400) / 3600);
	else if (s >= 3600)
		snprintf(buf, n, "%s%lldh %02lldm", neg, s / 3600, (s % 3600) / 60);
	else if (s >= 60)
		snprintf(buf, n, "%s%lldm", neg, s / 60);
	else
		snprintf(buf, n, "%s%llds", neg, s);
	return buf;
}
