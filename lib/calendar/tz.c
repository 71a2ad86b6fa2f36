/*
 * tz.c - IANA time zones from TZif files (RFC 8536, tzfile(5)), read
 * without touching the process's TZ: setenv/tzset is global state and
 * rereads a file each time the zone changes, and a desk computes in several
 * zones at once. Instants in the file's table are found by binary search;
 * instants past it follow the POSIX TZ rule of the file's footer, computed
 * for the years around the instant (no loop over years).
 *
 * Periods are the table's transitions as they stand: two consecutive
 * transitions to the same offset, isdst and abbreviation are not merged
 * (callers compare offsets, never count periods). Leap-second records are
 * skipped: the "right/" zones are not used, and POSIX zones have none.
 * The parser takes arbitrary bytes (it is fuzzed): every count is checked
 * against the buffer and every rule time is computed in a bounded range.
 */
#include "internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* RFC 8536: offsets lie in -89999..93599 s, so a wall clock is never more
 * than 26 h from UTC. */
#define TZ_MIN_OFF (-89999)
#define TZ_MAX_OFF 93599
#define TZ_SHIFT 93600
#define TZ_MAX_FILE (256 * 1024)
/* Past +-2^44 s (about year 560,000) a footer rule stands still: the
 * period holding the bound lasts for ever, and day arithmetic never
 * overflows. */
#define RULE_LIM ((int64_t)1 << 44)

struct tz_type {
	int32_t off;
	int isdst;
	char abbr[16];
};

/* A POSIX TZ date rule: Jn (1-365, no Feb 29), n (0-365) or Mm.w.d, and
 * the local time of the change in seconds (-167 h..167 h, RFC 8536 3.3.1). */
struct tz_date {
	char kind;
	int n, m, w, d;
	int32_t time;
};

struct tz_rule {
	struct tz_type std, dst;
	int has_dst;
	struct tz_date start, end;
};

struct desk_tz {
	char *name;
	int64_t *at;         /* transition instants, strictly increasing */
	uint8_t *idx;        /* type index in force from each transition */
	size_t n;
	struct tz_type *types; /* at least one */
	int has_rule;        /* the footer's rule holds from at[n-1] on */
	struct tz_rule rule;
	/* the period found last: business-time arithmetic asks about nearby
	 * instants many times over (zeroed: an empty range, never a hit) */
	struct desk_tz_period last;
};

void desk_tz_free(struct desk_tz *tz)
{
	if (!tz)
		return;
	free(tz->name);
	free(tz->at);
	free(tz->idx);
	free(tz->types);
	free(tz);
}

const char *desk_tz_name(const struct desk_tz *tz)
{
	return tz->name;
}

static int64_t sat_add(int64_t a, int64_t b)
{
	if (b > 0 && a > INT64_MAX - b)
		return INT64_MAX;
	if (b < 0 && a < INT64_MIN - b)
		return INT64_MIN;
	return a + b;
}

/* --- the POSIX TZ string of the footer --- */

/* An abbreviation: 3 or more letters, or <...> of letters, digits, + and -.
 * Kept up to 15 bytes. Returns the rest, or NULL. */
static const char *tz_abbr(const char *p, char *out)
{
	size_t n = 0;
	int quoted = *p == '<';
	if (quoted)
		p++;
	for (; quoted ? isalnum((unsigned char)*p) || *p == '+' || *p == '-' : isalpha((unsigned char)*p); p++, n++)
		if (n < 15)
			out[n] = *p;
	if ((quoted && *p++ != '>') || n < 3)
		return NULL;
	out[n < 15 ? n : 15] = '\0';
	return p;
}

/* A number of 1..maxd digits in lo..hi (no more digits after). */
static const char *tz_num(const char *p, int maxd, int lo, int hi, int *v)
{
	int n = 0, nd = 0;
	while (isdigit((unsigned char)*p) && nd < maxd)
		n = n * 10 + (*p++ - '0'), nd++;
	if (!nd || isdigit((unsigned char)*p) || n < lo || n > hi)
		return NULL;
	*v = n;
	return p;
}

/* [+-]h[hh][:mm[:ss]] with hours up to max_h: seconds into *v. */
static const char *tz_hms(const char *p, int max_h, int32_t *v)
{
	int sign = *p == '-' ? -1 : 1, h, m = 0, s = 0;
	if (*p == '+' || *p == '-')
		p++;
	if (!(p = tz_num(p, 3, 0, max_h, &h)))
		return NULL;
	if ((*p == ':' && !(p = tz_num(p + 1, 2, 0, 59, &m))) || (*p == ':' && !(p = tz_num(p + 1, 2, 0, 59, &s))))
		return NULL;
	*v = sign * (h * 3600 + m * 60 + s);
	return p;
}

static const char *tz_date(const char *p, struct tz_date *dt)
{
	dt->kind = *p == 'J' || *p == 'M' ? *p++ : 'n';
	if (dt->kind == 'M') {
		if (!(p = tz_num(p, 2, 1, 12, &dt->m)) || *p++ != '.' || !(p = tz_num(p, 1, 1, 5, &dt->w)) ||
		    *p++ != '.')
			return NULL;
		p = tz_num(p, 1, 0, 6, &dt->d);
	} else {
		p = tz_num(p, 3, dt->kind == 'J', 365, &dt->n);
	}
	if (!p)
		return NULL;
	dt->time = 7200;
	if (*p == '/')
		p = tz_hms(p + 1, 167, &dt->time);
	return p;
}

/* std offset [dst [offset] ,start[/time],end[/time]]. POSIX leaves a
 * summer time without dates to the implementation; zic always writes
 * them, so a footer without them is refused. 0 or -1. */
static int tz_rule_parse(const char *s, struct tz_rule *r)
{
	const char *p = s;
	int32_t off;
	memset(r, 0, sizeof *r);
	if (!(p = tz_abbr(p, r->std.abbr)) || !(p = tz_hms(p, 24, &off)))
		return -1;
	r->std.off = -off; /* POSIX counts west of Greenwich */
	if (!*p)
		return 0;
	if (!(p = tz_abbr(p, r->dst.abbr)))
		return -1;
	r->has_dst = 1;
	r->dst.isdst = 1;
	r->dst.off = r->std.off + 3600;
	if (*p != ',') {
		if (!(p = tz_hms(p, 24, &off)))
			return -1;
		r->dst.off = -off;
	}
	if (*p != ',' || !(p = tz_date(p + 1, &r->start)) || *p != ',' || !(p = tz_date(p + 1, &r->end)) ||
	    *p)
		return -1;
	return 0;
}

/* The local day number a date rule names in year y. */
static int64_t rule_day(const struct tz_date *dt, int64_t y)
{
	int64_t jan1 = desk_days_from_civil(y, 1, 1);
	int leap = desk_month_days(y, 2) == 29;
	if (dt->kind == 'J')
		return jan1 + dt->n - 1 + (leap && dt->n >= 60);
	if (dt->kind == 'n')
		return jan1 + dt->n;
	int64_t first = desk_days_from_civil(y, dt->m, 1);
	int wd = (desk_weekday(first) + 1) % 7; /* 0 is Sunday */
	int64_t day = first + (dt->d - wd + 7) % 7 + (int64_t)(dt->w - 1) * 7;
	if (day >= first + desk_month_days(y, dt->m)) /* week 5: the last */
		day -= 7;
	return day;
}

static void type_period(const struct tz_type *ty, int64_t start, int64_t end, struct desk_tz_period *p)
{
	p->start = start;
	p->end = end;
	p->offset = ty->off;
	p->isdst = ty->isdst;
	memcpy(p->abbr, ty->abbr, sizeof p->abbr);
}

/*
 * The period of the footer rule holding t, starting no earlier than floor
 * (the table's last transition). The changes of the years y-2..y+2 around
 * t always bracket it (a rule's changes stay within 8 days of their year),
 * and every call sorts the same changes, so neighbouring periods meet.
 */
static void rule_period(const struct tz_rule *r, int64_t t, int64_t floor, struct desk_tz_period *p)
{
	const struct tz_type *ty = &r->std;
	int64_t start = INT64_MIN, end = INT64_MAX;
	if (r->has_dst) {
		int64_t tc = t < -RULE_LIM ? -RULE_LIM : t > RULE_LIM ? RULE_LIM : t, y;
		int m, d, ne = 0, cur = 0;
		struct change { int64_t at; int dst; } ev[10], x;
		desk_civil_from_days(desk_floordiv(tc + r->std.off, 86400), &y, &m, &d);
		for (int64_t yy = y - 2; yy <= y + 2; yy++) {
			ev[ne++] = (struct change){ rule_day(&r->start, yy) * 86400 + r->start.time - r->std.off, 1 };
			ev[ne++] = (struct change){ rule_day(&r->end, yy) * 86400 + r->end.time - r->dst.off, 0 };
		}
		for (int i = 1; i < ne; i++) /* stable: a tie keeps the later change */
			for (int k = i; k > 0 && ev[k].at < ev[k - 1].at; k--)
				x = ev[k], ev[k] = ev[k - 1], ev[k - 1] = x;
		for (int i = 0; i < ne; i++)
			if (ev[i].at <= tc)
				cur = i;
		start = ev[cur].at <= -RULE_LIM ? INT64_MIN : ev[cur].at;
		end = ev[cur + 1].at > RULE_LIM ? INT64_MAX : ev[cur + 1].at;
		ty = ev[cur].dst ? &r->dst : &r->std;
	}
	type_period(ty, start < floor ? floor : start, end, p);
}

static void period_at(const struct desk_tz *tz, int64_t t, struct desk_tz_period *p)
{
	if (tz->n == 0 || t < tz->at[0]) {
		/* before the first transition: type 0 (RFC 8536 3.2) */
		if (tz->n == 0 && tz->has_rule)
			rule_period(&tz->rule, t, INT64_MIN, p);
		else
			type_period(&tz->types[0], INT64_MIN, tz->n ? tz->at[0] : INT64_MAX, p);
		return;
	}
	size_t lo = 0, hi = tz->n; /* at[lo] <= t < at[hi] */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (tz->at[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	if (lo + 1 < tz->n)
		type_period(&tz->types[tz->idx[lo]], tz->at[lo], tz->at[lo + 1], p);
	else if (tz->has_rule)
		rule_period(&tz->rule, t, tz->at[lo], p);
	else
		type_period(&tz->types[tz->idx[lo]], tz->at[lo], INT64_MAX, p);
}

void desk_tz_period_at(const struct desk_tz *tz, int64_t t, struct desk_tz_period *p)
{
	/* the zeroed cache, [0, 0), holds no instant */
	if (t >= tz->last.start && (t < tz->last.end || tz->last.end == INT64_MAX)) {
		*p = tz->last;
		return;
	}
	period_at(tz, t, p);
	((struct desk_tz *)tz)->last = *p; /* the cache is no part of its value */
}

int32_t desk_tz_offset(const struct desk_tz *tz, int64_t t)
{
	struct desk_tz_period p;
	desk_tz_period_at(tz, t, &p);
	return p.offset;
}

/*
 * The least t with t + offset(t) >= local. Before local - 26 h no instant
 * qualifies (offsets stay under 26 h); from there, within a period the wall
 * clock grows with t, so the first period with a candidate holds the
 * answer. The walk ends: every period ends later than the one before, and
 * one starting after local + 26 h takes its start.
 */
int64_t desk_tz_utc_of(const struct desk_tz *tz, int64_t local)
{
	struct desk_tz_period p;
	desk_tz_period_at(tz, sat_add(local, -TZ_SHIFT), &p);
	for (;;) {
		int64_t cand = sat_add(local, -(int64_t)p.offset);
		if (cand < p.start)
			cand = p.start;
		if (cand < p.end || p.end == INT64_MAX)
			return cand;
		desk_tz_period_at(tz, p.end, &p);
	}
}

/* --- the TZif file --- */

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

struct tzif_counts {
	uint32_t isut, isstd, leap, time, type, chars;
};

/* The header at p: 0, or -1 when it is not one or its counts cannot be
 * (RFC 8536 3.1); only the sizes matter for a version 1 block that is
 * skipped. */
static int read_counts(const unsigned char *p, size_t len, int strict, struct tzif_counts *c)
{
	uint32_t v[6];
	if (len < 44 || memcmp(p, "TZif", 4) != 0)
		return -1;
	for (int i = 0; i < 6; i++)
		if ((v[i] = be32(p + 20 + 4 * i)) > len)
			return -1; /* each counts at least a byte: keeps the sums below in range */
	*c = (struct tzif_counts){ v[0], v[1], v[2], v[3], v[4], v[5] };
	if (strict && (c->type == 0 || c->type > 256 || c->chars == 0 || (c->isstd && c->isstd != c->type) ||
		       (c->isut && c->isut != c->type)))
		return -1;
	return 0;
}

/* Bytes of the data block after the header. */
static uint64_t block_size(const struct tzif_counts *c, int tsize)
{
	return (uint64_t)c->time * (uint64_t)(tsize + 1) + (uint64_t)c->type * 6 + c->chars +
	       (uint64_t)c->leap * (uint64_t)(tsize + 4) + c->isstd + c->isut;
}

static int bad_file(struct desk *d, const char *name)
{
	char q[80];
	return desk_error(d, EX_DATAERR, "time zone '%s': not a valid tz database file",
			  desk_clip(q, sizeof q, name));
}

/* The footer "\nTZ\n" at p (version 2 and later): 0 or -1. */
static int read_footer(const unsigned char *p, const unsigned char *end, struct desk_tz *tz)
{
	char rule[256];
	if (p >= end || *p != '\n')
		return -1;
	const unsigned char *nl = memchr(p + 1, '\n', (size_t)(end - p - 1));
	size_t n = nl ? (size_t)(nl - p - 1) : 0;
	if (!nl || n >= sizeof rule || memchr(p + 1, '\0', n))
		return -1;
	memcpy(rule, p + 1, n);
	rule[n] = '\0';
	tz->has_rule = n > 0; /* without a rule the last type holds for ever */
	return n ? tz_rule_parse(rule, &tz->rule) : 0;
}

/*
 * *out is allocated (desk_tz_free) on success and NULL on failure: a
 * version 1 file uses its 32-bit block; version 2 and later skip it for
 * the 64-bit block and the footer.
 */
int desk_tz_parse(struct desk *d, const char *name, const unsigned char *data, size_t len,
		  struct desk_tz **out)
{
	struct tzif_counts c;
	struct desk_tz *tz = NULL;
	int tsize = 4, ret = -1;
	const unsigned char *p = data, *end = data + len;
	*out = NULL;
	if (len < 44 || read_counts(p, len, data[4] < '2', &c))
		goto out;
	p += 44;
	if (data[4] >= '2') {
		if (block_size(&c, 4) > (uint64_t)(end - p))
			goto out;
		p += block_size(&c, 4);
		if (read_counts(p, (size_t)(end - p), 1, &c))
			goto out;
		p += 44;
		tsize = 8;
	}
	if (block_size(&c, tsize) > (uint64_t)(end - p))
		goto out;
	tz = desk_xcalloc(1, sizeof *tz);
	tz->name = desk_xstrdup(name);
	tz->n = c.time;
	tz->at = desk_xcalloc(c.time ? c.time : 1, sizeof *tz->at);
	tz->idx = desk_xcalloc(c.time ? c.time : 1, 1);
	tz->types = desk_xcalloc(c.type, sizeof *tz->types);
	for (uint32_t i = 0; i < c.time; i++, p += tsize) {
		uint64_t v = be32(p);
		tz->at[i] = tsize == 8 ? (int64_t)(v << 32 | be32(p + 4)) : (int32_t)(uint32_t)v;
		if (i && tz->at[i] <= tz->at[i - 1])
			goto out;
	}
	for (uint32_t i = 0; i < c.time; i++)
		if ((tz->idx[i] = *p++) >= c.type)
			goto out;
	const unsigned char *types = p, *chars = p + (size_t)c.type * 6;
	for (uint32_t i = 0; i < c.type; i++) {
		int32_t off = (int32_t)be32(types + 6 * i);
		unsigned isdst = types[6 * i + 4], ai = types[6 * i + 5];
		if (off < TZ_MIN_OFF || off > TZ_MAX_OFF || isdst > 1 || ai >= c.chars)
			goto out;
		const unsigned char *nul = memchr(chars + ai, '\0', c.chars - ai);
		if (!nul)
			goto out;
		size_t an = (size_t)(nul - (chars + ai));
		tz->types[i].off = off;
		tz->types[i].isdst = (int)isdst;
		memcpy(tz->types[i].abbr, chars + ai, an < 15 ? an : 15);
	}
	/* leap-second records and the isstd/isut indicators are not needed */
	p = chars + c.chars + (size_t)c.leap * (size_t)(tsize + 4) + c.isstd + c.isut;
	if (tsize == 8 && read_footer(p, end, tz))
		goto out;
	*out = tz;
	tz = NULL;
	ret = 0;
out:
	desk_tz_free(tz);
	return ret ? bad_file(d, name) : 0;
}

/* 1 when s can name a file under the zone directory: relative, components
 * of [A-Za-z0-9_+.-] other than "." and "..", none empty. */
static int zone_name_ok(const char *s)
{
	if (!*s || strlen(s) >= 256)
		return 0;
	for (const char *c = s;;) {
		size_t len = strcspn(c, "/");
		if (len == 0 || (len == 1 && c[0] == '.') || (len == 2 && c[0] == '.' && c[1] == '.'))
			return 0;
		for (size_t i = 0; i < len; i++)
			if (!isalnum((unsigned char)c[i]) && !strchr("_+-.", c[i]))
				return 0;
		if (!c[len])
			return 1;
		c += len + 1;
	}
}

/* *out is allocated (desk_tz_free) on success, NULL on failure. */
int desk_tz_load(struct desk *d, const char *name, struct desk_tz **out)
{
	char q[80], *path = NULL, *text = NULL;
	size_t len = 0;
	int ret;
	*out = NULL;
	if (strcmp(name, "UTC") == 0 || strcmp(name, "Etc/UTC") == 0) {
		/* built in: a desk without a tz database still has UTC */
		struct desk_tz *tz = *out = desk_xcalloc(1, sizeof *tz);
		tz->name = desk_xstrdup(name);
		tz->types = desk_xcalloc(1, sizeof *tz->types);
		memcpy(tz->types[0].abbr, "UTC", 4);
		return 0;
	}
	if (!zone_name_ok(name))
		return desk_error(d, EX_NOINPUT, "unknown time zone '%s'", desk_clip(q, sizeof q, name));
	const char *dir = getenv("TZDIR");
	if (!dir || !*dir)
		dir = "/usr/share/zoneinfo";
	path = desk_xasprintf("%s/%s", dir, name);
	ret = desk_read_file(d, path, TZ_MAX_FILE, &text, &len);
	if (ret == EX_DATAERR) /* larger than any zone */
		ret = bad_file(d, name);
	else if (ret) /* missing, a directory, unreadable */
		ret = desk_error(d, EX_NOINPUT, "unknown time zone '%s'", desk_clip(q, sizeof q, name));
	else
		ret = desk_tz_parse(d, name, (const unsigned char *)text, len, out);
	free(path);
	free(text);
	return ret;
}
