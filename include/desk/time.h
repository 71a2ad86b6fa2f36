/*
 * time.h - parsing and formatting times. Times are stored as UTC Unix
 * seconds; input is read as local time unless it carries an offset.
 */
#ifndef DESK_TIME_H
#define DESK_TIME_H

#include "desk/core.h"

/*
 * Parse a point in time: ISO 8601 dates and datetimes (YYYY-MM-DD,
 * YYYY-MM-DDTHH:MM[:SS] with optional Z or +HH:MM / +HHMM, a space may stand
 * for T), `now`, `today`, `yesterday` (local midnight), a span such as
 * `30m`, `4h`, `2d`, `1w` meaning that long before now, or `@SECONDS`.
 * "now" is d->now. Returns 0, or EX_DATAERR with the message "bad date 'S'".
 */
int desk_time_parse(struct desk *d, const char *s, time_t *out);

/*
 * Parse a span: a positive whole number followed by s, m, h, d or w
 * (several may be joined: 1d12h). Returns 0 and sets *secs, or -1.
 */
int desk_span_parse(const char *s, long long *secs);

/* Format t as ISO 8601 local time with offset ("2026-11-23T10:04:05+07:00")
 * into buf (at least 32 bytes). Returns buf. */
char *desk_time_iso(time_t t, char *buf, size_t n);

/* Format t for tables: "2026-11-23 10:04" in local time. Returns buf. */
char *desk_time_short(time_t t, char *buf, size_t n);

/* Format a duration as "3d 4h", "2h 05m", "45m", "30s". Returns buf. */
char *desk_duration(long long secs, char *buf, size_t n);

#endif
