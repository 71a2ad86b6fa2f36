/*
 * targets.c - which SLA policy and targets a ticket is measured against.
 *
 * The first policy whose filter matches applies. It is decided when the
 * ticket is written (created, changed, a message, assigned, its customer's
 * organisation changed) and, for every ticket not closed, when a new
 * policy version is stored, and recorded as a target mark on the ticket's
 * timeline (with an `sla` event) only when it changes. A change re-targets
 * the ticket from its creation: the clocks are measured under the targets
 * in force at the instant looked at.
 */
#include "sla/sla.h"
#include "desk/filter.h"
#include "desk/policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "4h", "1h30m", "90s", "2bd" */
static void span_text(const struct desk_bspan *s, char *buf, size_t n)
{
	if (s->days) {
		snprintf(buf, n, "%dbd", s->days);
		return;
	}
	long long h = s->secs / 3600, m = s->secs / 60 % 60, sec = s->secs % 60;
	size_t k = 0;
	buf[0] = '\0';
	if (h)
		k += (size_t)snprintf(buf + k, n - k, "%lldh", h);
	if (m && k < n)
		k += (size_t)snprintf(buf + k, n - k, "%lldm", m);
	if (sec && k < n)
		snprintf(buf + k, n - k, "%llds", sec);
}

/* "vip urgent: first_response 30m, resolution 4h" (allocated), NULL for none. */
static char *describe(const struct sla_policy *pol, int prio)
{
	if (!pol)
		return NULL;
	struct desk_buf b = DESK_BUF_INIT;
	desk_buf_addf(&b, "%s %s:", pol->name, desk_priority_name(prio));
	int any = 0;
	for (int m = 0; m < DESK_SLA_NMETRICS; m++) {
		if (!pol->has[prio][m])
			continue;
		char sp[32];
		span_text(&pol->targets[prio][m], sp, sizeof sp);
		desk_buf_addf(&b, "%s %s %s", any ? "," : "", desk_sla_metric_name(m), sp);
		any = 1;
	}
	if (!any)
		desk_buf_adds(&b, " no targets");
	return desk_buf_take(&b);
}

/* The first policy of p that ticket id matches, or NULL. */
static int first_match(struct desk *d, const struct desk_policy *p, int64_t id, const struct sla_policy **out)
{
	*out = NULL;
	for (size_t i = 0; i < p->nsla; i++) {
		int yes = 1, rc;
		if (p->sla[i].filter && (rc = desk_ticket_match(d, p->sla[i].filter, id, &yes)))
			return rc;
		if (yes) {
			*out = &p->sla[i];
			return 0;
		}
	}
	return 0;
}

/* Record pol (NULL: none) for a ticket now measured with priority prio,
 * when it differs from what was recorded last (old, under was_p). */
static int record(struct desk *d, const struct desk_policy *was_p, int64_t id, const char *old, int old_prio,
		  const struct sla_policy *pol, int prio)
{
	if (!pol && !old)
		return 0;
	if (pol && old && strcmp(pol->name, old) == 0 && prio == old_prio)
		return 0;
	int rc = desk_timeline_add(d, id, "target", pol ? pol->name : NULL, prio);
	if (rc)
		return rc;
	const struct sla_policy *was = old && was_p ? sla_policy_find(was_p, old) : NULL;
	char *a = was ? describe(was, old_prio) : old ? desk_xasprintf("%s %s", old, desk_priority_name(old_prio))
						      : NULL;
	char *b = describe(pol, prio);
	rc = desk_event_add(d, "ticket", id, "sla", a, b);
	free(a);
	free(b);
	return rc;
}

/* What is recorded for one ticket, copied out of the reader's row. */
struct current {
	int64_t id;
	char *policy;
	int pprio, prio, closed;
};

static int copy_current(void *arg, const struct desk_target_row *r)
{
	struct current *c = arg;
	c->id = r->id;
	c->policy = r->policy ? desk_xstrdup(r->policy) : NULL;
	c->pprio = r->policy_priority;
	c->prio = r->priority;
	c->closed = r->status && strcmp(r->status, "closed") == 0;
	return 0;
}

int desk_sla_retarget(struct desk *d, int64_t id)
{
	const struct desk_policy *p;
	/* a stored policy this build cannot read stops no ticket work: the
	 * SLA commands report it */
	if (desk_policy_current(d, &p))
		return 0;
	/* no sla section: a load already cleared every ticket not closed */
	if (!p->nsla)
		return 0;
	struct current cur = { 0, NULL, 0, 0, 0 };
	int rc = desk_timeline_target(d, id, copy_current, &cur);
	if (!rc && !cur.closed) {
		const struct sla_policy *pol = NULL;
		if (!(rc = first_match(d, p, id, &pol)))
			rc = record(d, p, id, cur.policy, cur.pprio, pol, cur.prio);
	}
	free(cur.policy);
	return rc;
}

int desk_sla_retarget_customer(struct desk *d, int64_t customer)
{
	int64_t *ids;
	size_t n;
	int rc = desk_timeline_customer_tickets(d, customer, &ids, &n);
	for (size_t i = 0; !rc && i < n; i++)
		rc = desk_sla_retarget(d, ids[i]);
	free(ids);
	return rc;
}

/* Every ticket not closed, with what is recorded for it and the policy it
 * matches first under the new version (index into p->sla, -1: none). */
struct all {
	struct current *v;
	int *match;
	size_t n, cap;
};

static int collect(void *arg, const struct desk_target_row *r)
{
	struct all *a = arg;
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 1024;
		a->v = desk_xrealloc(a->v, a->cap * sizeof *a->v);
	}
	copy_current(&a->v[a->n++], r);
	return 0;
}

struct mark_ctx {
	struct all *a;
	int policy;
};

static int cmp_id(const void *k, const void *e)
{
	int64_t id = *(const int64_t *)k, o = ((const struct current *)e)->id;
	return id < o ? -1 : id > o;
}

static int mark_match(void *arg, const struct desk_ticket_row *r)
{
	struct mark_ctx *m = arg;
	struct current *c = bsearch(&r->id, m->a->v, m->a->n, sizeof *m->a->v, cmp_id);
	if (c && m->a->match[c - m->a->v] < 0)
		m->a->match[c - m->a->v] = m->policy;
	return 0;
}

int sla_retarget_all(struct desk *d, const struct desk_policy *p)
{
	struct all a = { NULL, NULL, 0, 0 };
	const struct desk_policy *was = NULL;
	if (desk_policy_current(d, &was))
		was = NULL; /* the old version is unreadable: name its policies only */
	int rc = desk_timeline_targets(d, collect, &a);
	if (rc)
		goto out;
	a.match = desk_xmalloc((a.n ? a.n : 1) * sizeof *a.match);
	for (size_t i = 0; i < a.n; i++)
		a.match[i] = -1;
	/* one listing per policy, in order: the first match wins */
	for (size_t k = 0; k < p->nsla && !rc; k++) {
		if (!p->sla[k].filter) {
			for (size_t i = 0; i < a.n; i++)
				if (a.match[i] < 0)
					a.match[i] = (int)k;
			break;
		}
		struct mark_ctx m = { &a, (int)k };
		rc = desk_ticket_list(d, p->sla[k].filter, 0, mark_match, &m);
	}
	for (size_t i = 0; i < a.n && !rc; i++) {
		if (a.v[i].closed)
			continue;
		const struct sla_policy *pol = a.match[i] >= 0 ? &p->sla[a.match[i]] : NULL;
		rc = record(d, was, a.v[i].id, a.v[i].policy, a.v[i].pprio, pol, a.v[i].prio);
	}
out:
	for (size_t i = 0; i < a.n; i++)
		free(a.v[i].policy);
	free(a.v);
	free(a.match);
	return rc;
}
