/*
 * sla.h - the SLA subsystem's insides (internal to libdesk): the policies
 * of the `sla:` section as read from the team policy.
 */
#ifndef DESK_SLA_INTERNAL_H
#define DESK_SLA_INTERNAL_H

#include "internal.h"
#include "desk/calendar.h"
#include "desk/sla.h"

struct policy_reader;
struct yaml_node_s;

/* Statuses as bits, for pause_on. */
int sla_status_bit(const char *status);

struct sla_policy {
	char *name;
	char *filter_text;            /* as written, or NULL: matches every ticket */
	struct desk_filter *filter;
	char *calendar;               /* as written, or NULL: default_calendar */
	struct desk_calendar *cal;    /* resolved once the document is read; the policy's */
	unsigned pause_mask;          /* bits of sla_status_bit */
	int warn_pct;                 /* at risk from this share of the target... */
	long long warn_secs;          /* ...or this close to the due time (when > 0) */
	struct desk_bspan targets[5][DESK_SLA_NMETRICS]; /* by priority 1..4 */
	unsigned char has[5][DESK_SLA_NMETRICS];
	struct yaml_node_s *node;     /* while parsing only: for messages */
	struct yaml_node_s *cal_node;
};

/* Read the `sla:` section into *out (*n policies, allocated;
 * sla_section_free). Problems go through the reader. */
void sla_section_read(struct policy_reader *R, struct yaml_node_s *n, struct sla_policy **out, size_t *nout);

/* Resolve calendars once every section is read (problems reported). */
void sla_section_resolve(struct policy_reader *R, struct sla_policy *v, size_t n, struct desk_policy *p);

void sla_section_free(struct sla_policy *v, size_t n);

/* The policy called name in p, or NULL. */
const struct sla_policy *sla_policy_find(const struct desk_policy *p, const char *name);

/* Re-take the targets of every ticket that is not closed (a new policy
 * version was stored), in the caller's transaction. */
int sla_retarget_all(struct desk *d, const struct desk_policy *p);

/* desk_sla_evaluate; with running_only, the completed clocks are left
 * out of *out (a check, which lists running clocks only). */
int sla_evaluate(struct desk *d, const struct desk_policy *p, const struct desk_timeline *tl, time_t at,
		 int running_only, struct desk_sla_eval *out);

/* The filter without its clock terms (sort:due becomes sort:id), for the
 * store: its terms array is allocated (free(.terms)); the terms are f's. */
struct desk_filter sla_filter_store_part(const struct desk_filter *f);


#endif
