/*
 * sla.h - service-level targets (section `sla:` of the team policy) and
 * the clocks that measure a ticket against them, at any instant.
 *
 * Three metrics, each in the business hours of the policy's calendar:
 * first response (creation to the first public reply), next response
 * (each customer message after a reply, to the next reply: one cycle per
 * such message) and resolution (creation to the last solve). A solve
 * completes every running clock. Next response and resolution stop while
 * the ticket is in a `pause_on` status; pausing subtracts, never resets.
 * See sla-check(1) and desk-policy(5) for the exact rules.
 */
#ifndef DESK_SLA_H
#define DESK_SLA_H

#include <stdint.h>

#include "desk/core.h"
#include "desk/ticket.h"

struct desk_policy;
struct desk_filter;

enum desk_sla_metric {
	DESK_SLA_FIRST_RESPONSE,
	DESK_SLA_NEXT_RESPONSE,
	DESK_SLA_RESOLUTION,
	DESK_SLA_NMETRICS
};

enum desk_sla_state {
	DESK_SLA_OK,
	DESK_SLA_AT_RISK,
	DESK_SLA_PAUSED,
	DESK_SLA_BREACHED,
	DESK_SLA_MET,     /* completed by its due time */
	DESK_SLA_MISSED,  /* completed after it */
};

/* "first_response", ... and "ok", "at-risk", ... (static strings). */
const char *desk_sla_metric_name(int metric);
const char *desk_sla_state_name(int state);
/* The metric called s; -1 when there is none. */
int desk_sla_metric_parse(const char *s);

/* One clock of a ticket at an instant. */
struct desk_sla_clock {
	int metric;
	int state;
	int cycle;            /* next response: 1, 2, ...; the others 1 */
	time_t start;         /* when it started counting */
	time_t done;          /* when it was completed, 0 while running */
	time_t due;           /* when the target is reached (a paused clock: if it resumed at the instant) */
	long long target;     /* business seconds */
	long long elapsed;    /* business seconds counted, pauses removed */
	long long remaining;  /* target - elapsed: negative once breached */
};

/* A ticket's clocks at an instant. */
struct desk_sla_eval {
	char policy[72];        /* "": no SLA applies */
	char calendar[72];
	int priority;
	int nclocks;
	struct desk_sla_clock clocks[DESK_SLA_NMETRICS]; /* in metric order, only those with a target */
};

/*
 * The clocks of a ticket with timeline tl at instant at (marks after it are
 * ignored) under policy p (the version in force then). Pure but for the
 * calendar's time zone, loaded on first use. Returns 0, or the calendar's
 * error status.
 */
int desk_sla_evaluate(struct desk *d, const struct desk_policy *p, const struct desk_timeline *tl,
		      time_t at, struct desk_sla_eval *out);

/*
 * A ticket's clocks at instant at (0: now) under the policy in force then
 * (for a ticket closed before it, the one in force when it closed).
 * Returns 0, EX_NOINPUT (no such ticket), EX_CONFIG (that policy cannot be
 * read), or a database status.
 */
int desk_sla_ticket(struct desk *d, int64_t id, time_t at, struct desk_sla_eval *out);

/*
 * Take the ticket's SLA policy and targets afresh (after it was created or
 * changed), in the caller's transaction: when the first policy that matches
 * or the priority differs from what is recorded, a target mark and an
 * `sla` event are written. Returns 0 or an error status.
 */
int desk_sla_retarget(struct desk *d, int64_t id);

/* The same for every ticket of customer `customer` that is not closed
 * (its organisation changed). */
int desk_sla_retarget_customer(struct desk *d, int64_t customer);

/* One row of a check: a running clock of an unsolved ticket. */
struct desk_sla_row {
	int64_t id;
	const char *policy, *assignee; /* assignee NULL when none */
	int priority;
	struct desk_sla_clock clock;
};

struct desk_sla_query {
	const struct desk_filter *filter; /* NULL: every ticket */
	time_t at;                        /* 0: now */
	unsigned metrics;                 /* bit per metric; 0: all */
	unsigned states;                  /* bit per state; 0: all */
	int notify;                       /* record sla.warning / sla.breached once */
};

/*
 * The running clocks of the tickets unsolved at q->at that match
 * q->filter, sorted by due time, then id and metric. fn is called for each
 * row (its strings valid during the call); its non-zero return stops and is
 * returned. *breached (may be NULL) is set when a row given to fn is
 * breached. With notify (only for now), each at-risk or breached clock not
 * announced before gets its event (ticket, field sla.warning or
 * sla.breached, new "METRIC cycle N"), once however many runs overlap.
 * Returns 0, fn's value, EX_CONFIG, or a database status.
 */
int desk_sla_check(struct desk *d, const struct desk_sla_query *q,
		   int (*fn)(void *arg, const struct desk_sla_row *r), void *arg, int *breached);

/*
 * Whether every clock word of f (sla:, due:; f NULL: none) holds for the
 * running clocks of ev at instant when; the other words are not looked
 * at. A negated word holds where the word does not, so with no running
 * clock only negated clock words hold. Allocates nothing.
 */
int desk_sla_clocks_match(const struct desk_filter *f, const struct desk_sla_eval *ev, time_t when);

/*
 * ticket-list for a filter that tests SLA clocks (sla:STATE, due:<SPAN,
 * sort:due; desk-filter(7)); any other filter goes straight to
 * desk_ticket_list. The clocks are judged now under the policy in force; a
 * ticket none of whose clocks runs (solved, or no SLA) matches only when
 * every clock term is negated. sort:due lists the tickets by their earliest
 * running due time (-due: latest first), then those without one by id.
 * All from one snapshot. Rows, fn and returns as desk_ticket_list.
 */
int desk_sla_ticket_list(struct desk *d, const struct desk_filter *f, int with_tags,
			 int (*fn)(void *arg, const struct desk_ticket_row *r), void *arg);

#endif
