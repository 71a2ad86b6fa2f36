/*
 * section.c - the `calendars:` section of the team policy: time zone,
 * weekly opening hours and holidays of each calendar, checked strictly
 * (desk-policy(5)), and the built-in 24x7 calendar.
 */
#include "calendar/cal.h"
#include "policy/reader.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A holiday range may not run longer than this many days. */
#define CAL_MAX_RANGE_DAYS 366
/* Dated holiday days a calendar may have in all. */
#define CAL_MAX_DATED 20000

static const char *const wdays[7] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

void cal_free(struct desk_calendar *c)
{
	if (!c)
		return;
	free(c->name);
	free(c->zone);
	desk_tz_free(c->tz);
	for (int i = 0; i < 7; i++)
		free(c->ranges[i]);
	free(c->dated);
	free(c->yearly);
	free(c->ydays);
	free(c);
}

void cal_finish(struct desk_calendar *c)
{
	c->week = 0;
	for (int i = 0; i < 7; i++) {
		c->open[i] = 0;
		for (int k = 0; k < c->nranges[i]; k++)
			c->open[i] += c->ranges[i][k].end - c->ranges[i][k].start;
		c->week += c->open[i];
	}
	c->cum[0] = 0;
	c->opendays[0] = 0;
	for (int i = 0; i < 14; i++) {
		c->cum[i + 1] = c->cum[i] + c->open[i % 7];
		c->opendays[i + 1] = c->opendays[i] + (c->open[i % 7] > 0);
	}
}

struct desk_calendar *cal_builtin_24x7(void)
{
	struct desk_calendar *c = desk_xcalloc(1, sizeof *c);
	c->name = desk_xstrdup("24x7");
	c->zone = desk_xstrdup("UTC");
	for (int i = 0; i < 7; i++) {
		c->ranges[i] = desk_xmalloc(sizeof *c->ranges[i]);
		c->ranges[i][0] = (struct cal_range){ 0, 86400 };
		c->nranges[i] = 1;
	}
	cal_finish(c);
	return c;
}

const char *desk_calendar_name(const struct desk_calendar *c)
{
	return c->name;
}

const char *desk_calendar_zone(const struct desk_calendar *c)
{
	return c->zone;
}

long long desk_calendar_week_seconds(const struct desk_calendar *c)
{
	return c->week;
}

/* Quote user text for a message, clipped and made printable. */
static const char *q(char *buf, size_t n, const char *s)
{
	return desk_clip(buf, n, s);
}

/* "mon-fri", "sat", "mon,wed,fri", "fri-mon": a bit per weekday, or -1. */
static int parse_days(const char *s)
{
	int mask = 0;
	while (*s) {
		int a = -1, b;
		while (*s == ' ')
			s++;
		for (int i = 0; i < 7; i++)
			if (strncmp(s, wdays[i], 3) == 0)
				a = i;
		if (a < 0)
			return -1;
		s += 3;
		b = a;
		if (*s == '-') {
			s++;
			b = -1;
			for (int i = 0; i < 7; i++)
				if (strncmp(s, wdays[i], 3) == 0)
					b = i;
			if (b < 0)
				return -1;
			s += 3;
		}
		for (int i = a;; i = (i + 1) % 7) {
			mask |= 1 << i;
			if (i == b)
				break;
		}
		while (*s == ' ')
			s++;
		if (*s == ',')
			s++;
		else if (*s)
			return -1;
	}
	return mask;
}

/* "HH:MM" (H:MM too) at *p: seconds of the day, or -1; *p moves past it. */
static int parse_clock(const char **p)
{
	const char *s = *p;
	int h = 0, m = 0, nd = 0;
	while (isdigit((unsigned char)*s) && nd < 2)
		h = h * 10 + (*s++ - '0'), nd++;
	if (nd == 0 || *s != ':' || !isdigit((unsigned char)s[1]) || !isdigit((unsigned char)s[2]))
		return -1;
	m = (s[1] - '0') * 10 + (s[2] - '0');
	s += 3;
	if (h > 24 || m > 59 || (h == 24 && m != 0))
		return -1;
	*p = s;
	return h * 3600 + m * 60;
}

static int range_cmp(const void *a, const void *b)
{
	const struct cal_range *x = a, *y = b;
	return (x->start > y->start) - (x->start < y->start);
}

static void fmt_range(char *buf, size_t n, struct cal_range r)
{
	snprintf(buf, n, "%02d:%02d-%02d:%02d", r.start / 3600, r.start / 60 % 60, r.end / 3600,
		 r.end / 60 % 60);
}

/* Add one "08:30-12:00" to *v; 0, or -1 after reporting. */
static int add_range(struct policy_reader *R, yaml_node_t *n, const char *path, const char *text,
		     struct cal_range **v, int *nv)
{
	char qb[64];
	const char *p = text;
	while (*p == ' ')
		p++;
	int s = parse_clock(&p), e = -1;
	if (s >= 0 && *p == '-') {
		p++;
		e = parse_clock(&p);
	}
	while (*p == ' ')
		p++;
	if (s < 0 || e < 0 || *p) {
		policy_err(R, n, path, "bad opening hours '%s' (expected HH:MM-HH:MM, from 00:00 to 24:00)",
			   q(qb, sizeof qb, text));
		return -1;
	}
	if (s == 86400) {
		policy_err(R, n, path, "an opening cannot start at 24:00 '%s'", q(qb, sizeof qb, text));
		return -1;
	}
	if (e == s) {
		policy_err(R, n, path, "empty opening '%s'", q(qb, sizeof qb, text));
		return -1;
	}
	if (e < s) {
		policy_err(R, n, path, "opening ends before it starts '%s' (a night shift is two ranges: "
			   "22:00-24:00, then 00:00-06:00 the next day)", q(qb, sizeof qb, text));
		return -1;
	}
	*v = desk_xrealloc(*v, (size_t)(*nv + 1) * sizeof **v);
	(*v)[(*nv)++] = (struct cal_range){ s, e };
	return 0;
}

/* The value of one hours: key: "08:30-12:00, 13:00-17:30", a list of
 * such strings, or "closed". Sorted, checked for overlap, touching ranges
 * joined. Returns the count, -1 on a problem. */
static int read_ranges(struct policy_reader *R, yaml_node_t *vn, const char *path, struct cal_range **out)
{
	struct cal_range *v = NULL;
	int nv = 0, bad = 0;
	if (vn->type == YAML_SEQUENCE_NODE) {
		for (yaml_node_item_t *it = vn->data.sequence.items.start; it < vn->data.sequence.items.top; it++) {
			yaml_node_t *in = policy_node(R, *it);
			if (!in || !policy_visit(R, in))
				continue;
			const char *s = policy_scalar(R, in, path, "opening hours such as \"09:00-17:00\"");
			if (!s || add_range(R, in, path, s, &v, &nv))
				bad = 1;
		}
	} else {
		const char *s = policy_scalar(R, vn, path, "opening hours such as \"09:00-17:00\"");
		if (!s) {
			bad = 1;
		} else if (strcmp(s, "closed") != 0) {
			char *copy = desk_xstrdup(s), *save = NULL;
			int any = 0;
			for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
				any = 1;
				if (add_range(R, vn, path, tok, &v, &nv))
					bad = 1;
			}
			if (!any) {
				policy_err(R, vn, path, "no opening hours (write \"closed\" for a closed day)");
				bad = 1;
			}
			free(copy);
		}
	}
	if (!bad && nv > 1) {
		qsort(v, (size_t)nv, sizeof *v, range_cmp);
		int k = 0;
		for (int i = 1; i < nv; i++) {
			if (v[i].start < v[k].end) {
				char a[32], b[32];
				fmt_range(a, sizeof a, v[k]);
				fmt_range(b, sizeof b, v[i]);
				policy_err(R, vn, path, "openings '%s' and '%s' overlap", a, b);
				bad = 1;
				break;
			}
			if (v[i].start == v[k].end)
				v[k].end = v[i].end;
			else
				v[++k] = v[i];
		}
		nv = k + 1;
	}
	if (bad) {
		free(v);
		return -1;
	}
	*out = v;
	return nv;
}

struct cal_build {
	struct desk_calendar *c;
	int seen[7];                 /* line of the key that set each weekday, 0 when none */
	const char *seen_key[7];
};

static void hours_pair(struct policy_reader *R, const char *key, const char *kpath, yaml_node_t *vn, void *arg)
{
	struct cal_build *B = arg;
	char qb[64];
	int mask = parse_days(key);
	if (mask <= 0) {
		policy_err(R, vn, kpath, "unknown day '%s' (mon, tue, wed, thu, fri, sat, sun, or a range "
			   "such as mon-fri; several with commas)", q(qb, sizeof qb, key));
		return;
	}
	struct cal_range *v = NULL;
	int nv = read_ranges(R, vn, kpath, &v);
	for (int i = 0; i < 7; i++) {
		if (!(mask & (1 << i)))
			continue;
		if (B->seen[i]) {
			policy_err(R, vn, kpath, "%s already has hours (line %d)", wdays[i], B->seen[i]);
			continue;
		}
		B->seen[i] = (int)policy_line(vn);
		if (nv > 0) {
			B->c->ranges[i] = desk_xmalloc((size_t)nv * sizeof *v);
			memcpy(B->c->ranges[i], v, (size_t)nv * sizeof *v);
			B->c->nranges[i] = nv;
		}
	}
	free(v);
}

/* "YYYY-MM-DD" at s (exactly 10 bytes): the day number, or INT64_MIN. */
static int64_t parse_date(const char *s, size_t n)
{
	int y, m, d;
	if (n != 10 || s[4] != '-' || s[7] != '-')
		return INT64_MIN;
	for (size_t i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return INT64_MIN;
	y = atoi(s);
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 || d > desk_month_days(y, m))
		return INT64_MIN;
	return desk_days_from_civil(y, m, d);
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static int cmp_md(const void *a, const void *b)
{
	const int *x = a, *y = b;
	return x[0] != y[0] ? x[0] - y[0] : x[1] - y[1];
}

static void read_holiday(struct policy_reader *R, struct desk_calendar *c, yaml_node_t *in, const char *path,
			 size_t *cap)
{
	char qb[64];
	const char *s = policy_scalar(R, in, path, "a date (YYYY-MM-DD), a range (A..B) or a day every year (MM-DD)");
	if (!s)
		return;
	size_t n = strlen(s);
	const char *dots = strstr(s, "..");
	if (n == 5 && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) && s[2] == '-' &&
	    isdigit((unsigned char)s[3]) && isdigit((unsigned char)s[4])) {
		int m = (s[0] - '0') * 10 + (s[1] - '0'), d = (s[3] - '0') * 10 + (s[4] - '0');
		if (m < 1 || m > 12 || d < 1 || d > desk_month_days(2000, m)) {
			policy_err(R, in, path, "no such day of the year '%s'", q(qb, sizeof qb, s));
			return;
		}
		c->yearly = desk_xrealloc(c->yearly, (c->nyearly + 1) * sizeof *c->yearly);
		c->yearly[c->nyearly].m = m;
		c->yearly[c->nyearly].d = d;
		c->nyearly++;
		return;
	}
	int64_t a, b;
	if (dots) {
		a = parse_date(s, (size_t)(dots - s));
		b = parse_date(dots + 2, strlen(dots + 2));
	} else {
		a = b = parse_date(s, n);
	}
	if (a == INT64_MIN || b == INT64_MIN) {
		policy_err(R, in, path, "bad holiday '%s' (YYYY-MM-DD from 1970 to 9999, a range "
			   "YYYY-MM-DD..YYYY-MM-DD, or MM-DD for every year)", q(qb, sizeof qb, s));
		return;
	}
	if (b < a) {
		policy_err(R, in, path, "holiday range ends before it starts '%s'", q(qb, sizeof qb, s));
		return;
	}
	if (b - a >= CAL_MAX_RANGE_DAYS) {
		policy_err(R, in, path, "holiday range longer than %d days '%s'", CAL_MAX_RANGE_DAYS,
			   q(qb, sizeof qb, s));
		return;
	}
	if (c->ndated + (size_t)(b - a + 1) > CAL_MAX_DATED) {
		policy_err(R, in, path, "more than %d holiday days in one calendar", CAL_MAX_DATED);
		return;
	}
	if (c->ndated + (size_t)(b - a + 1) > *cap) {
		*cap = (c->ndated + (size_t)(b - a + 1)) * 2;
		c->dated = desk_xrealloc(c->dated, *cap * sizeof *c->dated);
	}
	for (int64_t day = a; day <= b; day++)
		c->dated[c->ndated++] = day;
}

static void read_holidays(struct policy_reader *R, struct desk_calendar *c, yaml_node_t *vn, const char *path)
{
	size_t cap = 0;
	if (policy_is_null(vn))
		return;
	if (vn->type != YAML_SEQUENCE_NODE) {
		policy_err(R, vn, path, "expected a list of dates");
		return;
	}
	for (yaml_node_item_t *it = vn->data.sequence.items.start; it < vn->data.sequence.items.top; it++) {
		yaml_node_t *in = policy_node(R, *it);
		if (in && policy_visit(R, in))
			read_holiday(R, c, in, path, &cap);
		if (R->over_budget)
			return;
	}
	/* sorted and unique: the arithmetic looks holidays up by bisection */
	if (c->ndated) {
		qsort(c->dated, c->ndated, sizeof *c->dated, cmp_i64);
		size_t k = 0;
		for (size_t i = 1; i < c->ndated; i++)
			if (c->dated[i] != c->dated[k])
				c->dated[++k] = c->dated[i];
		c->ndated = k + 1;
	}
	if (c->nyearly) {
		qsort(c->yearly, c->nyearly, sizeof *c->yearly, cmp_md);
		size_t k = 0;
		for (size_t i = 1; i < c->nyearly; i++)
			if (cmp_md(&c->yearly[i], &c->yearly[k]) != 0)
				c->yearly[++k] = c->yearly[i];
		c->nyearly = k + 1;
	}
}

struct cal_keys {
	struct desk_calendar *c;
	yaml_node_t *zone, *hours;
};

static void calendar_pair(struct policy_reader *R, const char *key, const char *kpath, yaml_node_t *vn, void *arg)
{
	struct cal_keys *K = arg;
	char qb[64];
	if (strcmp(key, "timezone") == 0) {
		const char *s = policy_scalar(R, vn, kpath, "an IANA time zone such as Asia/Ho_Chi_Minh");
		if (!s)
			return;
		K->zone = vn;
		K->c->zone = desk_xstrdup(s);
		if (R->warn) {
			/* check mode: the zone must be in this system's tz database */
			if (desk_tz_load(R->d, s, &K->c->tz) != 0)
				policy_err(R, vn, kpath, "unknown time zone '%s' (not in the system tz database)",
					   q(qb, sizeof qb, s));
		}
	} else if (strcmp(key, "hours") == 0) {
		struct cal_build B = { K->c, { 0 }, { 0 } };
		K->hours = vn;
		if (policy_is_null(vn))
			return;
		policy_each_pair(R, vn, kpath, hours_pair, &B);
	} else if (strcmp(key, "holidays") == 0) {
		read_holidays(R, K->c, vn, kpath);
	} else {
		policy_err(R, vn, kpath, "unknown key (a calendar has timezone, hours and holidays)");
	}
}

static int valid_name(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!isalnum((unsigned char)s[n]) && s[n] != '_' && s[n] != '-')
			return 0;
	return n > 0 && n <= 64;
}

struct cal_list {
	struct desk_calendar ***cals;
	size_t *ncals;
};

static void one_calendar(struct policy_reader *R, const char *key, const char *kpath, yaml_node_t *vn, void *arg)
{
	struct cal_list *L = arg;
	char qb[80];
	if (!valid_name(key)) {
		policy_err(R, vn, kpath, "bad calendar name '%s' (letters, digits, - and _, up to 64)",
			   q(qb, sizeof qb, key));
		return;
	}
	if (strcmp(key, "24x7") == 0) {
		policy_err(R, vn, kpath, "24x7 is built in and cannot be redefined");
		return;
	}
	struct desk_calendar *c = desk_xcalloc(1, sizeof *c);
	c->name = desk_xstrdup(key);
	struct cal_keys K = { c, NULL, NULL };
	int before = R->nerr;
	policy_each_pair(R, vn, kpath, calendar_pair, &K);
	if (vn->type == YAML_MAPPING_NODE) {
		if (!K.zone)
			policy_err(R, vn, kpath, "no timezone (an IANA name such as Europe/Berlin)");
		if (!K.hours)
			policy_err(R, vn, kpath, "no hours (for example mon-fri: \"09:00-17:00\")");
	}
	cal_finish(c);
	if (R->nerr == before && c->week == 0)
		policy_err(R, K.hours ? K.hours : vn, kpath, "the calendar is never open");
	*L->cals = desk_xrealloc(*L->cals, (*L->ncals + 1) * sizeof **L->cals);
	(*L->cals)[(*L->ncals)++] = c;
}

void cal_section_read(struct policy_reader *R, yaml_node_t *n, struct desk_calendar ***cals, size_t *ncals)
{
	struct cal_list L = { cals, ncals };
	if (policy_is_null(n))
		return;
	policy_each_pair(R, n, "calendars", one_calendar, &L);
}
