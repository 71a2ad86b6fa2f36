/*
 * select.c - filter words that test SLA clocks (sla:STATE, due:<SPAN,
 * sort:due), for ticket-list and sla-check.
 *
 * No query can decide them: a clock's state comes from the engine. So the
 * store lists what the other words select, and the engine judges each
 * unsolved ticket's running clocks (a solved ticket has none). A ticket
 * with no running clock matches exactly when every clock term is negated:
 * -sla:breached keeps the solved tickets, sla:ok and due:<4h do not.
 */
#include "sla/sla.h"
#include "desk/filter.h"
#include "desk/policy.h"

#include <stdlib.h>
#include <string.h>

static int is_clock_term(const struct desk_fterm *t)
{
	return t->field == DESK_F_SLA || t->field == DESK_F_DUE;
}

struct desk_filter sla_filter_store_part(const struct desk_filter *f)
{
	struct desk_filter s = { NULL, 0, DESK_F_ID, 0, 0 };
	if (!f)
		return s;
	s.sort = f->sort == DESK_F_DUE ? DESK_F_ID : f->sort;
	s.sort_desc = f->sort == DESK_F_DUE ? 0 : f->sort_desc;
	s.limit = f->limit;
	s.terms = desk_xcalloc((size_t)f->nterms + 1, sizeof *s.terms);
	for (int i = 0; i < f->nterms; i++)
		if (!is_clock_term(&f->terms[i]))
			s.terms[s.nterms++] = f->terms[i];
	return s;
}

/* The earliest due time of a running clock; 0 when none runs. */
static time_t earliest_due(const struct desk_sla_eval *ev)
{
	time_t due = 0;
	for (int i = 0; i < ev->nclocks; i++)
		if (!ev->clocks[i].done && (!due || ev->clocks[i].due < due))
			due = ev->clocks[i].due;
	return due;
}

static int term_holds(const struct desk_fterm *t, const struct desk_sla_eval *ev, time_t when)
{
	if (t->field == DESK_F_SLA) {
		for (int i = 0; i < ev->nclocks; i++) {
			const struct desk_sla_clock *k = &ev->clocks[i];
			if (k->done)
				continue;
			for (int v = 0; v < t->nvalues; v++)
				if (strcmp(t->values[v], desk_sla_state_name(k->state)) == 0)
					return 1;
		}
		return 0;
	}
	time_t due = earliest_due(ev);
	if (!due)
		return 0;
	long long rel = (long long)due - (long long)when, x = t->nums[0];
	switch (t->op) {
	case DESK_OP_LT: return rel < x;
	case DESK_OP_LE: return rel <= x;
	case DESK_OP_GT: return rel > x;
	case DESK_OP_GE: return rel >= x;
	default: return 0;
	}
}

int desk_sla_clocks_match(const struct desk_filter *f, const struct desk_sla_eval *ev, time_t when)
{
	if (!f)
		return 1;
	for (int i = 0; i < f->nterms; i++)
		if (is_clock_term(&f->terms[i]) && term_holds(&f->terms[i], ev, when) == f->terms[i].negate)
			return 0;
	return 1;
}

/* What the engine said of one unsolved ticket the store part selected. */
struct judged {
	int64_t id;
	time_t due;   /* earliest running due; 0: none runs */
	int match;
};

struct select {
	struct desk *d;
	const struct desk_policy *p;
	const struct desk_filter *f;
	struct judged *v;
	size_t n, cap;
	/* the listing */
	int (*fn)(void *arg, const struct desk_ticket_row *r);
	void *arg;
	long left;        /* rows still allowed by the limit; <0: no limit */
	int empty_match;  /* a ticket with no running clock matches */
	int skip_due;     /* sort:due: those with a due time are listed already */
};

static int judge(void *arg, const struct desk_ticket_row *r, const struct desk_timeline *tl)
{
	struct select *s = arg;
	struct desk_sla_eval ev;
	int rc = s->p->nsla ? sla_evaluate(s->d, s->p, tl, s->d->now, 1, &ev) : (memset(&ev, 0, sizeof ev), 0);
	if (rc)
		return rc;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1024;
		s->v = desk_xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n].id = r->id;
	s->v[s->n].due = earliest_due(&ev);
	s->v[s->n].match = desk_sla_clocks_match(s->f, &ev, s->d->now);
	s->n++;
	return 0;
}

static int by_id(const void *a, const void *b)
{
	const struct judged *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* 1: list the row; 0: not. */
static int wanted(const struct select *s, int64_t id)
{
	struct judged key = { id, 0, 0 };
	const struct judged *j = s->n ? bsearch(&key, s->v, s->n, sizeof *s->v, by_id) : NULL;
	if (!j)
		return s->empty_match;
	if (s->skip_due && j->due)
		return 0;
	return j->match;
}

enum { LIMIT_REACHED = -1000 };

static int emit(void *arg, const struct desk_ticket_row *r)
{
	struct select *s = arg;
	if (!wanted(s, r->id))
		return 0;
	if (s->left == 0)
		return LIMIT_REACHED;
	if (s->left > 0)
		s->left--;
	return s->fn(s->arg, r);
}

static int emit_listed(void *arg, const struct desk_ticket_row *r)
{
	struct select *s = arg;
	if (s->left == 0)
		return LIMIT_REACHED;
	if (s->left > 0)
		s->left--;
	return s->fn(s->arg, r);
}

static int by_due(const void *a, const void *b)
{
	const struct judged *x = a, *y = b;
	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int by_due_desc(const void *a, const void *b)
{
	const struct judged *x = a, *y = b;
	if (x->due != y->due)
		return x->due > y->due ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* List the judged tickets that match and pass keep, in the order of cmp
 * (NULL: by id; desc reverses it). */
static int list_judged(struct select *s, int with_tags, int (*keep)(const struct judged *),
		       int (*cmp)(const void *, const void *), int desc)
{
	struct judged *v = desk_xcalloc(s->n + 1, sizeof *v);
	int64_t *ids = desk_xcalloc(s->n + 1, sizeof *ids);
	size_t n = 0;
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].match && keep(&s->v[i]))
			v[n++] = s->v[i];
	if (cmp)
		qsort(v, n, sizeof *v, cmp);
	for (size_t i = 0; i < n; i++)
		ids[i] = v[desc ? n - 1 - i : i].id;
	int rc = desk_ticket_list_ids(s->d, ids, n, with_tags, emit_listed, s);
	free(v);
	free(ids);
	return rc;
}

static int has_due(const struct judged *j) { return j->due != 0; }
static int no_due(const struct judged *j) { return j->due == 0; }
static int any(const struct judged *j) { (void)j; return 1; }

int desk_sla_ticket_list(struct desk *d, const struct desk_filter *f, int with_tags,
			 int (*fn)(void *arg, const struct desk_ticket_row *r), void *arg)
{
	if (!desk_filter_tests_clocks(f))
		return desk_ticket_list(d, f, with_tags, fn, arg);
	struct desk_filter store = sla_filter_store_part(f);
	struct select s = { d, NULL, f, NULL, 0, 0, fn, arg, f->limit > 0 ? f->limit : -1, 0, 0 };
	struct desk_sla_eval none;
	memset(&none, 0, sizeof none);
	s.empty_match = desk_sla_clocks_match(f, &none, d->now);
	store.limit = 0;

	/* one snapshot for both passes */
	int rc = desk_tx_begin_read(d);
	if (rc)
		goto out;
	if ((rc = desk_policy_current(d, &s.p)) || (rc = desk_ticket_list_timelines(d, &store, 0, judge, &s)))
		goto end;
	/* the timelines came in id order, so s.v is sorted for bsearch */
	if (f->sort == DESK_F_DUE) {
		/* those with a running clock by due time (-due: the latest
		 * first), then the others by id */
		rc = list_judged(&s, with_tags, has_due, f->sort_desc ? by_due_desc : by_due, 0);
		s.skip_due = 1;
		if (!rc && s.left != 0)
			rc = s.empty_match ? desk_ticket_list(d, &store, with_tags, emit, &s)
					   : list_judged(&s, with_tags, no_due, NULL, 0);
	} else if (s.empty_match) {
		/* -sla:breached: every ticket the rest selects, bar the judged
		 * ones that failed */
		rc = desk_ticket_list(d, &store, with_tags, emit, &s);
	} else if (f->sort == DESK_F_ID) {
		rc = list_judged(&s, with_tags, any, NULL, f->sort_desc);
	} else {
		/* only unsolved tickets can match: in the store's order */
		static char *unsolved[] = { "new", "open", "pending", "on-hold" };
		static int64_t zero[4];
		struct desk_fterm t = { DESK_F_STATUS, DESK_OP_EQ, 0, 4, unsolved, zero, 0, 0, 0, 0 };
		store.terms[store.nterms++] = t;
		rc = desk_ticket_list(d, &store, with_tags, emit, &s);
	}
	if (rc == LIMIT_REACHED)
		rc = 0;
end:
	rc = desk_tx_end(d, rc);
out:
	free(s.v);
	free(store.terms);
	return rc;
}
