/*
 * zonetime.c - times read and written on a calendar's own wall clock: a
 * Berlin desk types "2027-03-26 16:00" and means Berlin, whatever TZ the
 * shell has.
 */
#include "calendar/cal.h"

#include <ctype.h>
#include <string.h>

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* YYYY-MM-DD[(T| )HH:MM[:SS]] and nothing else: 1 with the wall clock as
 * local seconds, 0 when s has another form. */
static int naive_local(const char *s, int64_t *local, int *valid)
{
	int y, mo, da, h = 0, mi = 0, se = 0;
	size_t n = strlen(s);
	*valid = 0;
	if (n < 10 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) || s[7] != '-' ||
	    digits(s + 8, 2, &da))
		return 0;
	if (n > 10) {
		if (!(s[10] == 'T' || s[10] == ' ') || n < 16 || digits(s + 11, 2, &h) || s[13] != ':' ||
		    digits(s + 14, 2, &mi))
			return 0;
		if (n > 16 && (n != 19 || s[16] != ':' || digits(s + 17, 2, &se)))
			return 0;
	}
	*valid = y >= 1970 && mo >= 1 && mo <= 12 && da >= 1 && da <= desk_month_days(y, mo) && h < 24 &&
		 mi < 60 && se < 60;
	*local = desk_days_from_civil(y, mo, da) * 86400 + h * 3600 + mi * 60 + se;
	return 1;
}

int desk_calendar_time_parse(struct desk *d, struct desk_calendar *c, const char *s, time_t *out)
{
	int64_t local;
	int valid, rc;
	if (!naive_local(s, &local, &valid))
		return desk_time_parse(d, s, out);
	if (!valid) {
		char q[64];
		return desk_error(d, EX_DATAERR, "bad date '%s'", desk_clip(q, sizeof q, s));
	}
	int off;
	if ((rc = desk_calendar_offset(d, c, 0, &off)))   /* loads the zone */
		return rc;
	*out = (time_t)desk_tz_utc_of(c->tz, local);
	return 0;
}
