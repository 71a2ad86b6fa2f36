/*
 * bizcal.c - business-time arithmetic over a calendar (calendar.h).
 *
 * Local days are numbered (days since 1970-01-01 on the zone's wall clock);
 * the openings of day D are [utc_of(D + start), utc_of(D + end)) for each
 * range of its weekday, unless D is a holiday. Because utc_of is monotonic,
 * openings never overlap and follow each other in day order.
 *
 * On an ordinary day the open seconds are the nominal ones of its weekday,
 * so a stretch of ordinary days is counted in one step (whole weeks, then
 * a remainder from prefix sums). The only days looked at one by one are
 * the exceptions: holidays, and days that a UTC-offset change touches
 * (there a 23- or 25-hour day can hold more or less than nominal). The
 * days next to the instants a call starts and ends at are computed exactly
 * too, clipped to the instants.
 */
#include "calendar/cal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY 86400LL
#define NEVER INT64_MAX

/* The last local day the toolkit shows: 9999-12-31. */
static const int64_t last_day = 2932896;

static int load_zone(struct desk *d, struct desk_calendar *c)
{
	if (c->tz)
		return 0;
	if (desk_tz_load(d, c->zone, &c->tz) != 0) {
		char a[80], b[80];
		return desk_error(d, EX_CONFIG, "calendar '%s': unknown time zone '%s'", desk_clip(a, sizeof a, c->name),
				  desk_clip(b, sizeof b, c->zone));
	}
	return 0;
}

static int64_t utc_of(const struct desk_calendar *c, int64_t local)
{
	return desk_tz_utc_of(c->tz, local);
}

static int64_t local_day(const struct desk_calendar *c, int64_t t)
{
	return desk_floordiv(t + desk_tz_offset(c->tz, t), DAY);
}

static int md_cmp(int m1, int d1, int m2, int d2)
{
	return m1 != m2 ? m1 - m2 : d1 - d2;
}

static int is_leap(int64_t y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

/* The index of the first dated holiday on or after day (ndated when none). */
static size_t dated_from(const struct desk_calendar *c, int64_t day)
{
	size_t lo = 0, hi = c->ndated;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->dated[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int is_holiday(const struct desk_calendar *c, int64_t day)
{
	size_t lo = dated_from(c, day);
	if (lo < c->ndated && c->dated[lo] == day)
		return 1;
	if (c->nyearly) {
		/* a walk asks about the days of one year in turn: its yearly
		 * holidays as day numbers save a date conversion per day (the
		 * cache is no part of the calendar's value) */
		struct desk_calendar *m = (struct desk_calendar *)c;
		if (day < c->ystart || day >= c->yend) {
			int64_t y;
			int mm, dd;
			desk_civil_from_days(day, &y, &mm, &dd);
			if (!m->ydays)
				m->ydays = desk_xcalloc(c->nyearly, sizeof *m->ydays);
			for (size_t i = 0; i < c->nyearly; i++)
				m->ydays[i] = c->yearly[i].m == 2 && c->yearly[i].d == 29 && !is_leap(y)
						      ? INT64_MIN
						      : desk_days_from_civil(y, c->yearly[i].m, c->yearly[i].d);
			m->ystart = desk_days_from_civil(y, 1, 1);
			m->yend = desk_days_from_civil(y + 1, 1, 1);
		}
		for (size_t i = 0; i < c->nyearly; i++)
			if (c->ydays[i] == day)
				return 1;
	}
	return 0;
}

/* The first holiday on or after day, or NEVER. */
static int64_t next_holiday(const struct desk_calendar *c, int64_t day)
{
	int64_t best = NEVER;
	size_t lo = dated_from(c, day);
	if (lo < c->ndated)
		best = c->dated[lo];
	if (c->nyearly) {
		int64_t y;
		int m, dd;
		desk_civil_from_days(day, &y, &m, &dd);
		/* this year from today on, else the first of a later year (02-29
		 * alone may skip up to eight years) */
		for (int64_t yy = y; yy <= y + 8; yy++) {
			for (size_t i = 0; i < c->nyearly; i++) {
				int hm = c->yearly[i].m, hd = c->yearly[i].d;
				if (yy == y && md_cmp(hm, hd, m, dd) < 0)
					continue;
				if (hm == 2 && hd == 29 && !is_leap(yy))
					continue;
				int64_t h = desk_days_from_civil(yy, hm, hd);
				return h < best ? h : best;
			}
		}
	}
	return best;
}

/* Days a UTC-offset change touches, remembered between calls of one walk. */
struct shift_cache {
	int64_t lo, hi;      /* the days of the last change found */
	int valid;
};

/* The first day on or after day that an offset change touches, or NEVER. */
static int64_t next_shift_day(const struct desk_calendar *c, int64_t day, struct shift_cache *sc)
{
	if (sc->valid && day <= sc->hi)
		return sc->lo > day ? sc->lo : day;
	if (sc->valid && sc->hi == NEVER)
		return NEVER;
	int64_t t = utc_of(c, day * DAY) - 2 * DAY;
	for (;;) {
		struct desk_tz_period p, q;
		desk_tz_period_at(c->tz, t, &p);
		if (p.end == INT64_MAX) {
			*sc = (struct shift_cache){ NEVER, NEVER, 1 };
			return NEVER;
		}
		desk_tz_period_at(c->tz, p.end, &q);
		if (q.offset != p.offset) {
			int32_t lo = p.offset < q.offset ? p.offset : q.offset;
			int32_t hi = p.offset < q.offset ? q.offset : p.offset;
			int64_t dlo = desk_floordiv(p.end + lo - 1, DAY), dhi = desk_floordiv(p.end + hi, DAY);
			if (dhi >= day) {
				*sc = (struct shift_cache){ dlo, dhi, 1 };
				return dlo > day ? dlo : day;
			}
		}
		t = p.end;
	}
}

static int64_t next_exception(const struct desk_calendar *c, int64_t day, struct shift_cache *sc)
{
	int64_t h = next_holiday(c, day), s = next_shift_day(c, day, sc);
	return h < s ? h : s;
}

/* Nominal open seconds of the n days from day on. */
static int64_t nominal(const struct desk_calendar *c, int64_t day, int64_t n)
{
	int w = desk_weekday(day);
	return n / 7 * c->week + (c->cum[w + n % 7] - c->cum[w]);
}

/* Open weekdays among the n days from day on. */
static int64_t open_count(const struct desk_calendar *c, int64_t day, int64_t n)
{
	int w = desk_weekday(day);
	int per_week = c->opendays[7];
	return n / 7 * per_week + (c->opendays[w + n % 7] - c->opendays[w]);
}

/* Opening k of day (0-based): 1 with *s, *e set, 0 past the last. */
static int opening(const struct desk_calendar *c, int64_t day, int k, int holiday, int64_t *s, int64_t *e)
{
	int w = desk_weekday(day);
	if (holiday || k >= c->nranges[w])
		return 0;
	*s = utc_of(c, day * DAY + c->ranges[w][k].start);
	*e = utc_of(c, day * DAY + c->ranges[w][k].end);
	return 1;
}

/* Open seconds of day inside [a, b). */
static int64_t clip_day(const struct desk_calendar *c, int64_t day, int64_t a, int64_t b)
{
	int64_t total = 0, s, e;
	int hol = is_holiday(c, day);
	for (int k = 0; opening(c, day, k, hol, &s, &e); k++) {
		if (s < a)
			s = a;
		if (e > b)
			e = b;
		if (e > s)
			total += e - s;
	}
	return total;
}

/* Open seconds of the whole days [d0, d1). */
static int64_t stretch(const struct desk_calendar *c, int64_t d0, int64_t d1)
{
	struct shift_cache sc = { 0, 0, 0 };
	int64_t total = 0;
	while (d0 < d1) {
		int64_t x = next_exception(c, d0, &sc);
		if (x >= d1)
			return total + nominal(c, d0, d1 - d0);
		total += nominal(c, d0, x - d0) + clip_day(c, x, INT64_MIN, INT64_MAX);
		d0 = x + 1;
	}
	return total;
}

int desk_calendar_between(struct desk *d, struct desk_calendar *c, time_t a, time_t b, long long *secs)
{
	int rc;
	if ((rc = load_zone(d, c)))
		return rc;
	int sign = 1;
	if (b < a) {
		time_t t = a;
		a = b;
		b = t;
		sign = -1;
	}
	int64_t da = local_day(c, a), db = local_day(c, b), total = 0;
	if (db - da <= 3) {
		for (int64_t x = da - 1; x <= db + 1; x++)
			total += clip_day(c, x, a, b);
	} else {
		for (int64_t x = da - 1; x <= da + 1; x++)
			total += clip_day(c, x, a, b);
		total += stretch(c, da + 2, db - 1);
		for (int64_t x = db - 1; x <= db + 1; x++)
			total += clip_day(c, x, a, b);
	}
	*secs = sign * total;
	return 0;
}

static int too_late(struct desk *d, struct desk_calendar *c)
{
	char a[80];
	return desk_error(d, EX_DATAERR, "calendar '%s': the result is past the year 9999",
			  desk_clip(a, sizeof a, c->name));
}

/* Take r seconds out of day's openings from `from` on: 1 with *out set
 * when they run out there, else 0 with *r reduced. */
static int spend_day(const struct desk_calendar *c, int64_t day, int64_t from, int64_t *r, int64_t *out)
{
	int64_t s, e;
	int hol = is_holiday(c, day);
	for (int k = 0; opening(c, day, k, hol, &s, &e); k++) {
		if (s < from)
			s = from;
		if (e <= s)
			continue;
		if (*r <= e - s) {
			*out = s + *r;
			return 1;
		}
		*r -= e - s;
	}
	return 0;
}

static int add_secs(struct desk *d, struct desk_calendar *c, int64_t a, int64_t r, int64_t *out)
{
	int64_t da = local_day(c, a), day;
	for (day = da - 1; day <= da + 1; day++)
		if (spend_day(c, day, a, &r, out))
			return 0;
	struct shift_cache sc = { 0, 0, 0 };
	while (day <= last_day) {
		int64_t x = next_exception(c, day, &sc);
		/* more than enough ordinary days ahead: no need to count them */
		int64_t seg = x - day > (r / c->week + 2) * 7 ? INT64_MAX : nominal(c, day, x - day);
		if (seg >= r) {
			int64_t weeks = (r - 1) / c->week;
			day += 7 * weeks;
			r -= weeks * c->week;
			for (; day < x && day <= last_day; day++)
				if (spend_day(c, day, INT64_MIN, &r, out))
					return 0;
			continue;
		}
		r -= seg;
		if (spend_day(c, x, INT64_MIN, &r, out))
			return 0;
		day = x + 1;
	}
	return too_late(d, c);
}

static int add_days(struct desk *d, struct desk_calendar *c, int64_t a, int64_t n, int64_t *out)
{
	int64_t da = local_day(c, a);
	int64_t wall = a + desk_tz_offset(c->tz, a) - da * DAY;
	int64_t day = da + 1, per_week = c->opendays[7];
	while (day <= last_day) {
		int64_t x = next_holiday(c, day);
		int64_t cnt = x - day > (n / per_week + 2) * 7 ? INT64_MAX : open_count(c, day, x - day);
		if (cnt >= n) {
			int64_t weeks = (n - 1) / per_week;
			day += 7 * weeks;
			n -= weeks * per_week;
			for (; day < x && day <= last_day; day++) {
				if (c->open[desk_weekday(day)] > 0 && --n == 0) {
					time_t when;
					int rc = desk_calendar_next_open(d, c, (time_t)utc_of(c, day * DAY + wall), &when);
					*out = when;
					return rc;
				}
			}
			continue;
		}
		n -= cnt;
		day = x + 1;
	}
	return too_late(d, c);
}

int desk_calendar_add(struct desk *d, struct desk_calendar *c, time_t t, const struct desk_bspan *span,
		      time_t *out)
{
	int rc;
	int64_t res = t;
	if ((rc = load_zone(d, c)))
		return rc;
	if (span->days > 0) {
		if ((rc = add_days(d, c, t, span->days, &res)))
			return rc;
	} else if (span->secs > 0) {
		if ((rc = add_secs(d, c, t, span->secs, &res)))
			return rc;
	}
	if (local_day(c, res) > last_day)
		return too_late(d, c);
	*out = (time_t)res;
	return 0;
}

int desk_calendar_is_open(struct desk *d, struct desk_calendar *c, time_t t, int *open)
{
	int rc;
	if ((rc = load_zone(d, c)))
		return rc;
	int64_t dt = local_day(c, t), s, e;
	*open = 0;
	for (int64_t day = dt - 1; day <= dt + 1 && !*open; day++) {
		int hol = is_holiday(c, day);
		for (int k = 0; opening(c, day, k, hol, &s, &e); k++)
			if (s <= t && t < e)
				*open = 1;
	}
	return 0;
}

int desk_calendar_next_open(struct desk *d, struct desk_calendar *c, time_t t, time_t *out)
{
	int rc;
	if ((rc = load_zone(d, c)))
		return rc;
	int64_t s, e;
	/* closed stretches are closed weekdays and holidays: the walk is as
	 * long as they are */
	for (int64_t day = local_day(c, t) - 1; day <= last_day; day++) {
		int hol = is_holiday(c, day);
		for (int k = 0; opening(c, day, k, hol, &s, &e); k++) {
			if (e > t) {
				*out = (time_t)(s > t ? s : t);
				return 0;
			}
		}
	}
	return too_late(d, c);
}

int desk_calendar_intervals(struct desk *d, struct desk_calendar *c, time_t from, time_t to,
			    int (*fn)(void *arg, const struct desk_opening *o), void *arg)
{
	int rc;
	if ((rc = load_zone(d, c)))
		return rc;
	if (to <= from)
		return 0;
	int64_t last = local_day(c, to) + 1, s, e;
	for (int64_t day = local_day(c, from) - 1; day <= last; day++) {
		int hol = is_holiday(c, day);
		for (int k = 0; opening(c, day, k, hol, &s, &e); k++) {
			if (s < from)
				s = from;
			if (e > to)
				e = to;
			if (e <= s)
				continue;
			struct desk_opening o = { (time_t)s, (time_t)e, desk_tz_offset(c->tz, s),
						  desk_tz_offset(c->tz, e), day };
			if ((rc = fn(arg, &o)))
				return rc;
		}
	}
	return 0;
}

int desk_calendar_offset(struct desk *d, struct desk_calendar *c, time_t t, int *off)
{
	int rc;
	if ((rc = load_zone(d, c)))
		return rc;
	*off = desk_tz_offset(c->tz, t);
	return 0;
}

int desk_calendar_iso(struct desk *d, struct desk_calendar *c, time_t t, char *buf, size_t n)
{
	int off, rc;
	if ((rc = desk_calendar_offset(d, c, t, &off)))
		return rc;
	int64_t local = (int64_t)t + off, y;
	int64_t day = desk_floordiv(local, DAY), sec = local - day * DAY;
	int m, dd, aoff = off < 0 ? -off : off;
	desk_civil_from_days(day, &y, &m, &dd);
	snprintf(buf, n, "%04lld-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", (long long)y, m, dd, (int)(sec / 3600),
		 (int)(sec / 60 % 60), (int)(sec % 60), off < 0 ? '-' : '+', aoff / 3600, aoff / 60 % 60);
	return 0;
}

int desk_bspan_parse(const char *s, struct desk_bspan *out)
{
	long long total = 0;
	const char *p = s;
	*out = (struct desk_bspan){ 0, 0 };
	if (!*p)
		return -1;
	/* "Nbd" alone */
	size_t n = strlen(s);
	if (n > 2 && strcmp(s + n - 2, "bd") == 0) {
		long long v = 0;
		for (p = s; p < s + n - 2; p++) {
			if (*p < '0' || *p > '9' || v > DESK_BSPAN_MAX_DAYS)
				return -1;
			v = v * 10 + (*p - '0');
		}
		if (v <= 0 || v > DESK_BSPAN_MAX_DAYS)
			return -1;
		out->days = (int)v;
		return 0;
	}
	while (*p) {
		long long v = 0;
		if (*p < '0' || *p > '9')
			return -1;
		while (*p >= '0' && *p <= '9') {
			v = v * 10 + (*p++ - '0');
			if (v > DESK_BSPAN_MAX_SECS)
				return -1;
		}
		switch (*p++) {
		case 'h': v *= 3600; break;
		case 'm': v *= 60; break;
		case 's': break;
		default: return -1;
		}
		total += v;
		if (total > DESK_BSPAN_MAX_SECS)
			return -1;
	}
	if (total <= 0)
		return -1;
	out->secs = total;
	return 0;
}
