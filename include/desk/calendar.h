/*
 * calendar.h - business calendars (section `calendars:` of the team
 * policy) and exact business-time arithmetic over them.
 *
 * A calendar is a time zone, weekly opening hours (several ranges a day,
 * up to 24:00) and holidays (dates, ranges, and month-days every year).
 * Arithmetic works on whole stretches of ordinary days at once; only
 * holidays and days with a UTC-offset change are looked at one by one, so
 * the cost of a call grows with those, never with the length of a span.
 * Business time is real elapsed time inside opening hours: a 25-hour
 * autumn day open round the clock counts 25 hours.
 */
#ifndef DESK_CALENDAR_H
#define DESK_CALENDAR_H

#include "desk/core.h"

struct desk_calendar;

/* A business span: `secs` business seconds ("30m", "4h", "1h30m"), or
 * `days` business days ("2bd"); exactly one is non-zero. */
struct desk_bspan {
	long long secs;
	int days;
};

/* The longest span accepted: 100,000 hours or 10,000 business days. */
#define DESK_BSPAN_MAX_SECS (100000LL * 3600)
#define DESK_BSPAN_MAX_DAYS 10000

/* Parse "30m", "4h", "1h30m", "90s", "2bd". 0, or -1 (units d and w are
 * refused: say Nbd for business days). */
int desk_bspan_parse(const char *s, struct desk_bspan *out);

const char *desk_calendar_name(const struct desk_calendar *c);
const char *desk_calendar_zone(const struct desk_calendar *c);
/* Open seconds of an ordinary week (no holiday, no offset change). */
long long desk_calendar_week_seconds(const struct desk_calendar *c);

/*
 * The arithmetic. Each may load the calendar's time zone on first use
 * (EX_CONFIG "calendar 'X': unknown time zone 'Z'" when the tz database
 * lost it); results past the year 9999 are EX_DATAERR.
 */

/* t plus span: for seconds, the earliest instant by which the calendar has
 * been open span seconds since t (the end of an opening when that is
 * where the count runs out); for Nbd, the same local clock time N open
 * days later, moved to the next opening when that moment is closed. */
int desk_calendar_add(struct desk *d, struct desk_calendar *c, time_t t, const struct desk_bspan *span,
		      time_t *out);

/* Open seconds in [a, b); negative when b is before a. */
int desk_calendar_between(struct desk *d, struct desk_calendar *c, time_t a, time_t b, long long *secs);

/* *open = 1 when the calendar is open at t. */
int desk_calendar_is_open(struct desk *d, struct desk_calendar *c, time_t t, int *open);

/* The first instant at or after t when the calendar is open. */
int desk_calendar_next_open(struct desk *d, struct desk_calendar *c, time_t t, time_t *out);

/* One opening, as listed by desk_calendar_intervals. */
struct desk_opening {
	time_t start, end;         /* UTC, [start, end) */
	int start_off, end_off;    /* the zone's UTC offsets at start and end */
	int64_t day;               /* the local day it belongs to (days since 1970-01-01) */
};

/* The openings that overlap [from, to), clipped to it, in order. fn's
 * non-zero return stops and is returned. */
int desk_calendar_intervals(struct desk *d, struct desk_calendar *c, time_t from, time_t to,
			    int (*fn)(void *arg, const struct desk_opening *o), void *arg);

/* The UTC offset of the calendar's zone at t (loads the zone). */
int desk_calendar_offset(struct desk *d, struct desk_calendar *c, time_t t, int *off);

/* Format t in the calendar's zone as ISO 8601 with its offset
 * ("2027-03-29T12:00:00+02:00") into buf (at least 32 bytes). */
int desk_calendar_iso(struct desk *d, struct desk_calendar *c, time_t t, char *buf, size_t n);

/*
 * Parse a time for this calendar: a date or datetime without an offset
 * (YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS], a space for T) is read on the
 * calendar's wall clock, the first such instant when it happens twice, the
 * moment of the change in a spring gap; everything else as
 * desk_time_parse. Returns 0 or EX_DATAERR "bad date 'S'".
 */
int desk_calendar_time_parse(struct desk *d, struct desk_calendar *c, const char *s, time_t *out);

#endif
