/*
 * check.c - the running SLA clocks of many tickets at an instant
 * (sla-check), one ticket's clocks (ticket-show), and the notices cron
 * sends once per ticket, metric and cycle.
 */
#include "sla/sla.h"
#include "desk/filter.h"
#include "desk/policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The policy in force at t (now when at is 0): *owned is set when it was
 * read for the occasion and must be freed. */
static int policy_for(struct desk *d, time_t at, const struct desk_policy **p, struct desk_policy **owned)
{
	*owned = NULL;
	if (!at)
		return desk_policy_current(d, p);
	int rc = desk_policy_at(d, at, owned);
	*p = *owned;
	return rc;
}

int desk_sla_ticket(struct desk *d, int64_t id, time_t at, struct desk_sla_eval *out)
{
	struct desk_ticket t;
	struct desk_timeline tl = { NULL, 0, 0 };
	const struct desk_policy *p;
	struct desk_policy *owned = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = desk_ticket_get(d, id, &t)))
		return rc;
	time_t when = at ? at : d->now;
	/* a closed ticket is judged under the policy of its closing */
	time_t version_at = t.closed && t.closed <= when ? t.closed : at;
	desk_ticket_release(&t);
	if ((rc = policy_for(d, version_at, &p, &owned)) || (rc = desk_ticket_timeline(d, id, &tl)))
		goto out;
	rc = desk_sla_evaluate(d, p, &tl, when, out);
out:
	desk_timeline_release(&tl);
	desk_policy_free(owned);
	return rc;
}

struct rowv {
	struct desk_sla_row *v;
	size_t n, cap;
};

struct check {
	struct desk *d;
	const struct desk_policy *p;
	const struct desk_sla_query *q;
	time_t when;
	struct rowv rows;
};

static int one_ticket(void *arg, const struct desk_ticket_row *r, const struct desk_timeline *tl)
{
	struct check *c = arg;
	struct desk_sla_eval ev;
	int rc = sla_evaluate(c->d, c->p, tl, c->when, 1, &ev);
	if (rc)
		return rc;
	/* sla:STATE and due:<SPAN choose tickets; the rows are their clocks */
	if (!desk_sla_clocks_match(c->q->filter, &ev, c->when))
		return 0;
	for (int i = 0; i < ev.nclocks; i++) {
		const struct desk_sla_clock *k = &ev.clocks[i];
		if (k->done || (c->q->metrics && !(c->q->metrics & (1u << k->metric))))
			continue;
		if (c->rows.n == c->rows.cap) {
			c->rows.cap = c->rows.cap ? c->rows.cap * 2 : 1024;
			c->rows.v = desk_xrealloc(c->rows.v, c->rows.cap * sizeof *c->rows.v);
		}
		struct desk_sla_row *o = &c->rows.v[c->rows.n++];
		/* the name as the policy spells it: it lives as long as the policy */
		const struct sla_policy *pol = sla_policy_find(c->p, ev.policy);
		o->id = r->id;
		o->policy = pol ? pol->name : "";
		o->assignee = r->assignee ? desk_xstrdup(r->assignee) : NULL;
		o->priority = ev.priority;
		o->clock = *k;
	}
	return 0;
}

static int by_due(const void *a, const void *b)
{
	const struct desk_sla_row *x = a, *y = b;
	if (x->clock.due != y->clock.due)
		return x->clock.due < y->clock.due ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->clock.metric - y->clock.metric;
}

/* Announce each at-risk or breached clock once: the notice and its event
 * are one transaction, and the notice's key refuses a second. */
static int notify(struct desk *d, const struct rowv *rows)
{
	int rc = desk_tx_begin(d);
	if (rc)
		return rc;
	for (size_t i = 0; i < rows->n && !rc; i++) {
		const struct desk_sla_row *r = &rows->v[i];
		int breached = r->clock.state == DESK_SLA_BREACHED;
		if (!breached && r->clock.state != DESK_SLA_AT_RISK)
			continue;
		sqlite3_stmt *st = desk_stmt(d,
			"INSERT OR IGNORE INTO sla_notices (ticket_id, metric, cycle, kind, at) VALUES (?1, ?2, ?3, ?4, ?5)");
		if (!st) {
			rc = d->err;
			break;
		}
		sqlite3_bind_int64(st, 1, r->id);
		sqlite3_bind_text(st, 2, desk_sla_metric_name(r->clock.metric), -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, r->clock.cycle);
		sqlite3_bind_text(st, 4, breached ? "breached" : "warning", -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, (sqlite3_int64)d->now);
		if ((rc = desk_step_done(d, st, "recording the notice")))
			break;
		if (sqlite3_changes(d->db) == 0)
			continue;
		char what[64];
		snprintf(what, sizeof what, "%s cycle %d", desk_sla_metric_name(r->clock.metric), r->clock.cycle);
		rc = desk_event_add(d, "ticket", r->id, breached ? "sla.breached" : "sla.warning", NULL, what);
	}
	return desk_tx_end(d, rc);
}

int desk_sla_check(struct desk *d, const struct desk_sla_query *q,
		   int (*fn)(void *arg, const struct desk_sla_row *r), void *arg, int *breached)
{
	struct desk_policy *owned = NULL;
	struct check c = { d, NULL, q, q->at ? q->at : d->now, { NULL, 0, 0 } };
	struct desk_filter store = sla_filter_store_part(q->filter);
	int rc;

	if (breached)
		*breached = 0;
	if (q->notify && q->at)
		return desk_error(d, EX_USAGE, "notices are for now, not for a past instant");
	if ((rc = policy_for(d, q->at, &c.p, &owned)))
		goto out;
	if (!c.p->nsla)
		goto out; /* no targets: nothing runs */
	if ((rc = desk_ticket_list_timelines(d, &store, q->at, one_ticket, &c)))
		goto out;
	if (c.rows.n)
		qsort(c.rows.v, c.rows.n, sizeof *c.rows.v, by_due);
	if (q->notify && (rc = notify(d, &c.rows)))
		goto out;
	for (size_t i = 0; i < c.rows.n; i++) {
		const struct desk_sla_row *r = &c.rows.v[i];
		if (q->states && !(q->states & (1u << r->clock.state)))
			continue;
		if (breached && r->clock.state == DESK_SLA_BREACHED)
			*breached = 1;
		if ((rc = fn(arg, r)))
			break;
	}
out:
	for (size_t i = 0; i < c.rows.n; i++)
		free((char *)c.rows.v[i].assignee);
	free(c.rows.v);
	free(store.terms);
	desk_policy_free(owned);
	return rc;
}
