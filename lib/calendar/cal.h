/*
 * cal.h - the inside of a business calendar (internal to libdesk): what
 * lib/calendar/section.c reads from the policy and lib/calendar/bizcal.c
 * computes with.
 */
#ifndef DESK_CAL_H
#define DESK_CAL_H

#include "internal.h"

struct policy_reader;
struct yaml_node_s;

/* An opening on a weekday: [start, end) seconds of the local day, end up
 * to 86400 (24:00). */
struct cal_range {
	int32_t start, end;
};

struct desk_calendar {
	char *name;
	char *zone;                  /* IANA name */
	struct desk_tz *tz;          /* loaded on first use; owned */
	struct cal_range *ranges[7]; /* per weekday, Monday first, sorted, disjoint */
	int nranges[7];
	int64_t open[7];             /* nominal open seconds of each weekday */
	int64_t cum[15];             /* cum[i]: open seconds of weekdays 0..i-1, over two weeks */
	int64_t week;                /* open seconds of a whole week (> 0) */
	int opendays[15];            /* the same prefix sums, counting open weekdays */
	int64_t *dated;              /* dated holidays: sorted unique day numbers */
	size_t ndated;
	struct { int m, d; } *yearly; /* holidays every year, by month and day */
	size_t nyearly;
	/* the yearly holidays as day numbers of the year [ystart, yend) last
	 * asked about (zeroed: none); INT64_MIN for a 02-29 of a common year */
	int64_t ystart, yend, *ydays;
};

/* The built-in 24x7 calendar (UTC, always open). Allocated; cal_free. */
struct desk_calendar *cal_builtin_24x7(void);

/* Fill the prefix sums after the ranges are set. */
void cal_finish(struct desk_calendar *c);

void cal_free(struct desk_calendar *c);

/* Read section `calendars:` (node n) into *cals and *ncals, after the 24x7
 * one already there. Problems go to the reader. */
void cal_section_read(struct policy_reader *R, struct yaml_node_s *n, struct desk_calendar ***cals,
		      size_t *ncals);

#endif
