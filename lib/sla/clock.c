/*
 * clock.c - a ticket's SLA clocks at an instant, from its timeline.
 *
 * One walk over the marks finds when each clock started and stopped:
 * first response from creation to the first public reply; next response from
 * the first customer message after a response to the next reply, one
 * cycle each time (a message on a solved ticket counts from its
 * reopening); resolution from creation to the last solve. A solve
 * completes whatever runs. Then each clock is measured over the status
 * stretches of its span: stretches in a pause status do not count, and
 * the due time is where the counted business time reaches the target. The
 * calendar arithmetic is exact, so the cost is a few calendar calls per
 * stretch, whatever the span's length.
 */
#include "sla/sla.h"
#include "desk/policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const metric_names[] = { "first_response", "next_response", "resolution" };
static const char *const state_names[] = { "ok", "at-risk", "paused", "breached", "met", "missed" };

const char *desk_sla_metric_name(int metric)
{
	return metric >= 0 && metric < DESK_SLA_NMETRICS ? metric_names[metric] : "?";
}

const char *desk_sla_state_name(int state)
{
	return state >= 0 && state <= DESK_SLA_MISSED ? state_names[state] : "?";
}

int desk_sla_metric_parse(const char *s)
{
	for (int i = 0; i < DESK_SLA_NMETRICS; i++)
		if (strcmp(metric_names[i], s) == 0)
			return i;
	return -1;
}

/* The ticket's statuses over time: stretch i runs from at[i] to at[i+1]
 * (the last to the horizon of whichever clock looks at it). */
struct stretches {
	time_t at[64];
	unsigned bit[64];
	int n;
	time_t *xat;       /* more than 64: allocated */
	unsigned *xbit;
	int cap;
};

static void stretch_add(struct stretches *s, time_t at, unsigned bit)
{
	if (s->n < 64) {
		s->at[s->n] = at;
		s->bit[s->n++] = bit;
		return;
	}
	if (s->n - 64 == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->xat = desk_xrealloc(s->xat, (size_t)s->cap * sizeof *s->xat);
		s->xbit = desk_xrealloc(s->xbit, (size_t)s->cap * sizeof *s->xbit);
	}
	s->xat[s->n - 64] = at;
	s->xbit[s->n - 64] = bit;
	s->n++;
}

static time_t s_at(const struct stretches *s, int i)
{
	return i < 64 ? s->at[i] : s->xat[i - 64];
}

static unsigned s_bit(const struct stretches *s, int i)
{
	return i < 64 ? s->bit[i] : s->xbit[i - 64];
}

/*
 * Measure a clock that counts from start to horizon h (its completion, or
 * the instant looked at), leaving out the stretches whose status is in
 * mask: *elapsed business seconds counted, and *due, the instant the count
 * reaches target, as if nothing paused after h.
 */
static int measure(struct desk *d, struct desk_calendar *cal, const struct stretches *s, unsigned mask,
		   time_t start, time_t h, long long target, long long *elapsed, time_t *due)
{
	long long left = target, sec;
	struct desk_bspan sp = { 0, 0 };
	int rc, found = 0;
	*elapsed = 0;
	*due = 0;
	for (int i = 0; i < s->n;) {
		if (s_bit(s, i) & mask) {
			i++;
			continue;
		}
		/* neighbouring stretches that both count are one span of
		 * counting: one calendar call, however often the status
		 * changed (new, open, on-hold for resolution...) */
		int j = i + 1;
		while (j < s->n && !(s_bit(s, j) & mask))
			j++;
		time_t a = s_at(s, i), b = j < s->n ? s_at(s, j) : h;
		i = j;
		if (a < start)
			a = start;
		if (b > h)
			b = h;
		if (b <= a)
			continue;
		if ((rc = desk_calendar_between(d, cal, a, b, &sec)))
			return rc;
		if (!found && sec >= left) {
			sp.secs = left;
			if ((rc = desk_calendar_add(d, cal, a, &sp, due)))
				return rc;
			found = 1;
		}
		if (!found)
			left -= sec;
		*elapsed += sec;
	}
	if (!found) {
		sp.secs = left;
		return desk_calendar_add(d, cal, h < start ? start : h, &sp, due);
	}
	return 0;
}

/* Business seconds of a target counted from start (Nbd: those days). */
static int target_secs(struct desk *d, struct desk_calendar *cal, const struct desk_bspan *t, time_t start,
		       long long *out)
{
	if (!t->days) {
		*out = t->secs;
		return 0;
	}
	time_t end;
	int rc = desk_calendar_add(d, cal, start, t, &end);
	return rc ? rc : desk_calendar_between(d, cal, start, end, out);
}

struct walk {
	time_t created;
	time_t fr_start, fr_done;
	int cycle;               /* next-response cycles started */
	time_t nr_start, nr_done;
	time_t last_solve;       /* the last entry into solved */
	int solved;              /* solved or closed at the instant */
	int held;                /* a customer wrote while it was solved */
	unsigned status;         /* bit of the status at the instant */
	const char *policy;      /* the target mark in force */
	int priority;
};

/* After a response, a customer message opens the next cycle. */
static void open_cycle(struct walk *w, time_t at)
{
	if (w->fr_done && (!w->cycle || w->nr_done)) {
		w->cycle++;
		w->nr_start = at;
		w->nr_done = 0;
	}
}

/* One pass over the marks up to at. */
static void walk_marks(const struct desk_timeline *tl, time_t at, struct walk *w, struct stretches *s)
{
	memset(w, 0, sizeof *w);
	for (size_t i = 0; i < tl->n; i++) {
		const struct desk_mark *m = &tl->v[i];
		if (m->at > at)
			break;
		if (i == 0) {
			w->created = m->at;
			w->fr_start = m->at;
		}
		switch (m->what) {
		case DESK_MARK_STATUS: {
			const char *st = m->value ? m->value : "";
			w->status = (unsigned)sla_status_bit(st);
			w->solved = strcmp(st, "solved") == 0 || strcmp(st, "closed") == 0;
			stretch_add(s, m->at, w->status);
			/* what the customer wrote on a solved ticket waits for
			 * it to reopen: no clock runs on a solved ticket */
			if (!w->solved && w->held) {
				w->held = 0;
				open_cycle(w, m->at);
			}
			if (strcmp(st, "solved") == 0) {
				w->last_solve = m->at;
				if (!w->fr_done)
					w->fr_done = m->at;
				if (w->cycle && !w->nr_done)
					w->nr_done = m->at;
			}
			break;
		}
		case DESK_MARK_CUSTOMER:
			if (w->solved)
				w->held = 1;
			else
				open_cycle(w, m->at);
			break;
		case DESK_MARK_REPLY:
			if (!w->fr_done)
				w->fr_done = m->at;
			else if (w->cycle && !w->nr_done)
				w->nr_done = m->at;
			break;
		case DESK_MARK_TARGET:
			w->policy = m->value;
			w->priority = m->priority;
			break;
		}
	}
}

static int one_clock(struct desk *d, const struct sla_policy *pol, const struct stretches *s, const struct walk *w,
		     int metric, time_t start, time_t done, int cycle, time_t at, struct desk_sla_clock *c)
{
	unsigned mask = metric == DESK_SLA_FIRST_RESPONSE ? 0 : pol->pause_mask;
	time_t h = done ? done : at;
	int rc;
	memset(c, 0, sizeof *c);
	c->metric = metric;
	c->cycle = cycle;
	c->start = start;
	c->done = done;
	if ((rc = target_secs(d, pol->cal, &pol->targets[w->priority][metric], start, &c->target)) ||
	    (rc = measure(d, pol->cal, s, mask, start, h, c->target, &c->elapsed, &c->due)))
		return rc;
	c->remaining = c->target - c->elapsed;
	if (done)
		c->state = done <= c->due ? DESK_SLA_MET : DESK_SLA_MISSED;
	else if (at > c->due)
		c->state = DESK_SLA_BREACHED;
	else if (w->status & mask)
		c->state = DESK_SLA_PAUSED;
	else if (pol->warn_secs ? c->remaining <= pol->warn_secs
				: c->elapsed * 100 >= (long long)pol->warn_pct * c->target)
		c->state = DESK_SLA_AT_RISK;
	else
		c->state = DESK_SLA_OK;
	return 0;
}

int desk_sla_evaluate(struct desk *d, const struct desk_policy *p, const struct desk_timeline *tl,
		      time_t at, struct desk_sla_eval *out)
{
	return sla_evaluate(d, p, tl, at, 0, out);
}

int sla_evaluate(struct desk *d, const struct desk_policy *p, const struct desk_timeline *tl, time_t at,
		 int running_only, struct desk_sla_eval *out)
{
	struct stretches s;
	struct walk w;
	int rc = 0;

	memset(out, 0, sizeof *out);
	s.n = 0;
	s.xat = NULL;
	s.xbit = NULL;
	s.cap = 0;
	walk_marks(tl, at, &w, &s);
	const struct sla_policy *pol = w.policy ? sla_policy_find(p, w.policy) : NULL;
	if (!pol || !pol->cal || w.priority < 1 || w.priority > 4)
		goto out;
	snprintf(out->policy, sizeof out->policy, "%s", pol->name);
	snprintf(out->calendar, sizeof out->calendar, "%s", desk_calendar_name(pol->cal));
	out->priority = w.priority;
	const unsigned char *has = pol->has[w.priority];
	/* a check lists running clocks only: a completed one costs its
	 * calendar arithmetic for nothing */
	if (has[DESK_SLA_FIRST_RESPONSE] && tl->n && !(running_only && w.fr_done) &&
	    (rc = one_clock(d, pol, &s, &w, DESK_SLA_FIRST_RESPONSE, w.fr_start, w.fr_done, 1, at,
			    &out->clocks[out->nclocks++])))
		goto out;
	if (has[DESK_SLA_NEXT_RESPONSE] && w.cycle && !(running_only && w.nr_done) &&
	    (rc = one_clock(d, pol, &s, &w, DESK_SLA_NEXT_RESPONSE, w.nr_start, w.nr_done, w.cycle, at,
			    &out->clocks[out->nclocks++])))
		goto out;
	if (has[DESK_SLA_RESOLUTION] && !(running_only && w.solved) &&
	    (rc = one_clock(d, pol, &s, &w, DESK_SLA_RESOLUTION, w.created, w.solved ? w.last_solve : 0, 1, at,
			    &out->clocks[out->nclocks++])))
		goto out;
out:
	free(s.xat);
	free(s.xbit);
	return rc;
}
