/*
 * tz.h - IANA time zones read from the system tz database (TZif files, as
 * in tzfile(5)), and the proleptic Gregorian calendar of local days.
 *
 * The process's own TZ is never touched: a desk in Hanoi and a calendar in
 * Berlin are computed side by side, without setenv/tzset (global state, and
 * a file read each time the zone changes). Instants are UTC Unix seconds;
 * "local seconds" are the wall clock of a zone counted the same way
 * (local = utc + offset), so day numbers and times of day fall out by
 * division.
 */
#ifndef DESK_TZ_H
#define DESK_TZ_H

#include <stdint.h>

#include "desk/core.h"

struct desk_tz;

/*
 * Load zone `name` (an IANA name such as "Europe/Berlin", or "UTC") from
 * $TZDIR, else /usr/share/zoneinfo. "UTC" works without a tz database.
 * Names are checked before any file is opened: no absolute paths, no "..",
 * only letters, digits and "/_+-." in components. *out is allocated; free
 * it with desk_tz_free. Errors: EX_NOINPUT "unknown time zone 'NAME'" (no
 * such zone, or a name that cannot be one), EX_DATAERR when the file is
 * not a valid TZif file.
 */
int desk_tz_load(struct desk *d, const char *name, struct desk_tz **out);

/* Parse a TZif image (tests and fuzzing); name is used in messages. */
int desk_tz_parse(struct desk *d, const char *name, const unsigned char *data, size_t len,
		  struct desk_tz **out);

void desk_tz_free(struct desk_tz *tz);

/* The zone's name as loaded; belongs to tz. */
const char *desk_tz_name(const struct desk_tz *tz);

/* One stretch of time with one UTC offset: [start, end). start is
 * INT64_MIN before the first transition, end INT64_MAX after the last
 * (for ever: such a period holds INT64_MAX too). Boundaries are the
 * file's transitions as they stand, so two neighbouring periods may show
 * the same offset, isdst and abbr; abbr is cut to 15 bytes. */
struct desk_tz_period {
	int64_t start, end;
	int32_t offset;   /* seconds east of UTC */
	int isdst;
	char abbr[16];    /* "CEST", "+07" */
};

/* The period that holds instant t. O(log transitions), O(1) for instants
 * past the table (the POSIX TZ rule of the file's footer), and O(1) when t
 * is in the period found last (kept in tz: a tz is for one thread). */
void desk_tz_period_at(const struct desk_tz *tz, int64_t t, struct desk_tz_period *p);

/* The UTC offset at instant t. */
int32_t desk_tz_offset(const struct desk_tz *tz, int64_t t);

/*
 * The first instant whose wall clock reads `local` or later: the usual
 * instant when that wall time exists once, the earlier one when it
 * happens twice (autumn), and the moment of the change when it falls in a
 * spring gap. Monotonic (non-decreasing) in local.
 */
int64_t desk_tz_utc_of(const struct desk_tz *tz, int64_t local);

/* Days since 1970-01-01 of a Gregorian date (proleptic; month 1-12). */
int64_t desk_days_from_civil(int64_t y, int m, int d);
/* The date of a day number. */
void desk_civil_from_days(int64_t days, int64_t *y, int *m, int *d);
/* Day of the week of a day number: 0 Monday .. 6 Sunday. */
int desk_weekday(int64_t days);
/* Days in month m (1-12) of year y. */
int desk_month_days(int64_t y, int m);

/* Floor division, for day numbers of instants before 1970. */
static inline int64_t desk_floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

#endif
