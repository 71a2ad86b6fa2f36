/* test_sla.c - the SLA section and clocks: known cases, and a randomized
 * comparison with a slow reference that walks business time minute by
 * minute. */
#include "unit_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 2026-12-07 is a Monday; Thursday 2026-12-10 is a holiday. */
#define MON ((time_t)1796601600)
#define H 3600
#define M 60

static const char *const doc =
	"calendars:\n"
	"  office:\n"
	"    timezone: UTC\n"
	"    hours:\n"
	"      mon-fri: 09:00-12:00, 13:00-17:00\n"
	"    holidays: [2026-12-10]\n"
	"default_calendar: office\n"
	"sla:\n"
	"  - name: fast\n"
	"    filter: \"tag:vip\"\n"
	"    pause_on: [pending, on-hold]\n"
	"    warn: 30m\n"
	"    targets:\n"
	"      urgent: { first_response: 30m, next_response: 1h, resolution: 4h }\n"
	"      high: { first_response: 2h, next_response: 90m, resolution: 2bd }\n"
	"  - name: std\n"
	"    targets:\n"
	"      normal: { first_response: 4h, next_response: 3h, resolution: 3bd }\n"
	"      low: { resolution: 16h }\n";

static struct desk_policy *policy(struct unit *u)
{
	struct desk_policy *p = NULL;
	assert_int_equal(desk_policy_parse(&u->d, "p.yaml", doc, strlen(doc), 1, &p, NULL), 0);
	return p;
}

static void mark(struct desk_timeline *tl, time_t at, enum desk_mark_what w, const char *v, int prio)
{
	if (tl->n == tl->cap) {
		tl->cap = tl->cap ? tl->cap * 2 : 16;
		tl->v = realloc(tl->v, tl->cap * sizeof *tl->v);
	}
	tl->v[tl->n++] = (struct desk_mark){ at, w, v ? strdup(v) : NULL, prio };
}

static const struct desk_sla_clock *clock_of(const struct desk_sla_eval *e, int metric)
{
	for (int i = 0; i < e->nclocks; i++)
		if (e->clocks[i].metric == metric)
			return &e->clocks[i];
	return NULL;
}

/* The example: created Friday 16:00, 4h first response. */
static void test_friday_ticket(void **state)
{
	struct unit *u = *state;
	struct desk_policy *p = policy(u);
	struct desk_timeline tl = { NULL, 0, 0 };
	time_t fri = MON - 3 * 86400 + 16 * H;
	mark(&tl, fri, DESK_MARK_STATUS, "new", 0);
	mark(&tl, fri, DESK_MARK_CUSTOMER, NULL, 0);
	mark(&tl, fri, DESK_MARK_TARGET, "std", 2);
	struct desk_sla_eval e;
	assert_int_equal(desk_sla_evaluate(&u->d, p, &tl, MON + 9 * H, &e), 0);
	assert_string_equal(e.policy, "std");
	const struct desk_sla_clock *fr = clock_of(&e, DESK_SLA_FIRST_RESPONSE);
	assert_non_null(fr);
	/* 16-17 Friday, 9-12 Monday */
	assert_int_equal(fr->due, MON + 12 * H);
	assert_int_equal(fr->state, DESK_SLA_OK);
	assert_int_equal(fr->remaining, 3 * H);
	assert_int_equal(desk_sla_evaluate(&u->d, p, &tl, MON + 12 * H + M, &e), 0);
	assert_int_equal(clock_of(&e, DESK_SLA_FIRST_RESPONSE)->state, DESK_SLA_BREACHED);
	/* pending 10-11 Monday: resolution moves an hour, first response not */
	mark(&tl, MON + 10 * H, DESK_MARK_STATUS, "pending", 0);
	mark(&tl, MON + 11 * H, DESK_MARK_STATUS, "open", 0);
	struct desk_sla_eval e2;
	assert_int_equal(desk_sla_evaluate(&u->d, p, &tl, MON + 11 * H + 30 * M, &e2), 0);
	assert_int_equal(clock_of(&e2, DESK_SLA_FIRST_RESPONSE)->due, MON + 12 * H);
	/* 3bd from Friday 16:00 is Wednesday 16:00 (Thursday is a holiday
	 * but comes after); one hour paused makes it 17:00 */
	assert_int_equal(clock_of(&e2, DESK_SLA_RESOLUTION)->due, MON + 2 * 86400 + 17 * H);
	/* a late reply: missed, for ever after */
	mark(&tl, MON + 12 * H + 30 * M, DESK_MARK_REPLY, NULL, 0);
	assert_int_equal(desk_sla_evaluate(&u->d, p, &tl, MON + 20 * 86400, &e), 0);
	assert_int_equal(clock_of(&e, DESK_SLA_FIRST_RESPONSE)->state, DESK_SLA_MISSED);
	/* a customer comment after the reply: next response from it */
	mark(&tl, MON + 14 * H, DESK_MARK_CUSTOMER, NULL, 0);
	assert_int_equal(desk_sla_evaluate(&u->d, p, &tl, MON + 14 * H, &e), 0);
	const struct desk_sla_clock *nr = clock_of(&e, DESK_SLA_NEXT_RESPONSE);
	assert_non_null(nr);
	assert_int_equal(nr->start, MON + 14 * H);
	assert_int_equal(nr->due, MON + 17 * H);
	assert_int_equal(nr->cycle, 1);
	desk_timeline_release(&tl);
	desk_policy_free(p);
}

static void expect_errors(struct unit *u, const char *text, const char *want)
{
	struct desk_policy *p = NULL;
	struct desk_diag g = { NULL, 0 };
	int rc = desk_policy_parse(&u->d, "p.yaml", text, strlen(text), 1, &p, &g);
	desk_policy_free(p);
	if (rc != EX_CONFIG || g.n != 1 || !strstr(g.v[0], want)) {
		for (size_t i = 0; i < g.n; i++)
			fprintf(stderr, "  got: %s\n", g.v[i]);
		fail_msg("status %d, want 78 with '%s'", rc, want);
	}
	desk_diag_release(&g);
}

static void test_section_errors(void **state)
{
	struct unit *u = *state;
	expect_errors(u, "sla:\n  - name: a\n    calendar: nope\n    targets: {}\n",
		      "p.yaml:3: key 'sla.a.calendar': no calendar 'nope'");
	expect_errors(u, "sla:\n  - name: a\n    targets:\n      hihg: { resolution: 4h }\n",
		      "p.yaml:4: key 'sla.a.targets.hihg': unknown priority 'hihg'");
	expect_errors(u, "sla:\n  - name: a\n    targets:\n      high: { resolution: 4d }\n",
		      "p.yaml:4: key 'sla.a.targets.high.resolution': bad span '4d'");
	expect_errors(u, "sla:\n  - name: a\n    filter: \"priority:>=hihg\"\n    targets: {}\n",
		      "p.yaml:3: key 'sla.a.filter': bad filter word 1 'priority:>=hihg'");
	expect_errors(u, "sla:\n  - name: a\n    filter: \"'tag:x\"\n    targets: {}\n", "unclosed quote");
	expect_errors(u, "sla:\n  - name: a\n    targets: {}\n  - name: a\n    targets: {}\n",
		      "a second policy named 'a'");
	expect_errors(u, "sla:\n  - name: a\n    pause_on: [closed]\n    targets: {}\n",
		      "status 'closed' cannot pause");
	expect_errors(u, "sla:\n  - name: a\n    warn: 120%\n    targets: {}\n", "bad share '120%'");
	expect_errors(u, "sla:\n  - name: a\n    color: red\n    targets: {}\n", "unknown key 'color'");
	expect_errors(u, "sla:\n  - targets: {}\n", "key 'sla[0]': missing key 'name'");
	expect_errors(u, "sla:\n  - name: a\n", "missing key 'targets'");
	expect_errors(u, "sla: {}\n", "expected a list of policies");
	expect_errors(u, "sla:\n  - name: a\n    filter: \"assignee:me\"\n    targets: {}\n", "assignee:me");

	/* a bad filter after an earlier problem: the first stays the message
	 * and the status (the filter parser sets 65 on its own) */
	const char *two = "desk_name: \"\"\nsla:\n  - name: a\n    filter: \"priority:>=hihg\"\n    targets: {}\n";
	struct desk_policy *p = NULL;
	struct desk_diag g = { NULL, 0 };
	assert_int_equal(desk_policy_parse(&u->d, "p.yaml", two, strlen(two), 1, &p, &g), EX_CONFIG);
	assert_int_equal(g.n, 2);
	assert_int_equal(u->d.err, EX_CONFIG);
	assert_string_equal(u->d.errmsg, g.v[0]);
	assert_non_null(strstr(g.v[0], "desk_name"));
	desk_diag_release(&g);
	/* without diagnostics: the same message */
	assert_int_equal(desk_policy_parse(&u->d, "p.yaml", two, strlen(two), 1, &p, NULL), EX_CONFIG);
	assert_int_equal(u->d.err, EX_CONFIG);
	assert_non_null(strstr(u->d.errmsg, "desk_name"));
	assert_null(p);
}

/* ---- the reference: minute by minute ---- */

static int ref_open(time_t t)
{
	int64_t day = t / 86400;
	int wd = (int)((day + 4) % 7); /* 0 Sunday */
	int sec = (int)(t % 86400);
	if (wd == 0 || wd == 6 || day == (MON + 3 * 86400) / 86400)
		return 0;
	return (sec >= 9 * H && sec < 12 * H) || (sec >= 13 * H && sec < 17 * H);
}

static int ref_open_day(int64_t day)
{
	for (int s = 0; s < 86400; s += 60 * 60)
		if (ref_open(day * 86400 + s))
			return 1;
	return 0;
}

/* The status in force at t (a mark at t counts), looking only at marks up
 * to horizon h; "" before the first. */
static const char *ref_status(const struct desk_timeline *tl, time_t t, time_t h)
{
	const char *s = "";
	for (size_t i = 0; i < tl->n; i++) {
		if (tl->v[i].at > t || tl->v[i].at > h)
			break;
		if (tl->v[i].what == DESK_MARK_STATUS)
			s = tl->v[i].value;
	}
	return s;
}

static int paused(const char *const *pause, const char *s)
{
	for (; *pause; pause++)
		if (strcmp(*pause, s) == 0)
			return 1;
	return 0;
}

/* Count open, unpaused minutes from start: elapsed up to h, and the end
 * of the minute that reaches target (nothing pauses after h). */
static void ref_measure(const struct desk_timeline *tl, const char *const *pause, time_t start, time_t h,
			long long target, long long *elapsed, time_t *due)
{
	long long n = 0;
	*elapsed = 0;
	*due = 0;
	for (time_t m = start; !*due || m < h; m += 60) {
		int counts = ref_open(m) && (m >= h || !paused(pause, ref_status(tl, m, h)));
		if (!counts)
			continue;
		n += 60;
		if (m < h)
			*elapsed += 60;
		if (!*due && n >= target)
			*due = m + 60;
	}
}

static long long ref_target(const struct desk_bspan *sp, time_t start)
{
	if (!sp->days)
		return sp->secs;
	int64_t day = start / 86400;
	for (int k = 0; k < sp->days;)
		if (ref_open_day(++day))
			k++;
	time_t end = day * 86400 + start % 86400;
	while (!ref_open(end))
		end += 60;
	long long n = 0;
	for (time_t m = start; m < end; m += 60)
		n += ref_open(m) ? 60 : 0;
	return n;
}

struct ref_clock {
	int on, cycle;
	time_t start, done;
};

static int is_response(const struct desk_mark *m)
{
	return m->what == DESK_MARK_REPLY || (m->what == DESK_MARK_STATUS && strcmp(m->value, "solved") == 0);
}

static void ref_clocks_of(const struct desk_timeline *tl, time_t at, struct ref_clock c[3], const char **pol,
			  int *prio);

/* No clock runs on a solved ticket: what a customer writes while it is
 * solved counts as written when it reopens. The timeline with those
 * messages moved there, its marks copies of tl's (the strings shared:
 * free out->v alone). */
static void ref_held(const struct desk_timeline *tl, struct desk_timeline *out)
{
	int solved = 0, held = 0;
	out->v = calloc(2 * tl->n + 1, sizeof *out->v);
	out->n = 0;
	for (size_t i = 0; i < tl->n; i++) {
		const struct desk_mark *m = &tl->v[i];
		if (m->what == DESK_MARK_CUSTOMER && solved) {
			held = 1;
			continue;
		}
		out->v[out->n++] = *m;
		if (m->what == DESK_MARK_STATUS) {
			solved = strcmp(m->value, "solved") == 0 || strcmp(m->value, "closed") == 0;
			if (!solved && held) {
				out->v[out->n++] = (struct desk_mark){ m->at, DESK_MARK_CUSTOMER, NULL, 0 };
				held = 0;
			}
		}
	}
}

static void ref_clocks(const struct desk_timeline *tl, time_t at, struct ref_clock c[3], const char **pol,
		       int *prio)
{
	struct desk_timeline h = { NULL, 0, 0 };
	ref_held(tl, &h);
	ref_clocks_of(&h, at, c, pol, prio);
	free(h.v);
}

/* Which clocks run, from the definitions: the first response is the first
 * reply or solve; a next-response cycle starts at a customer message after
 * the first response with no customer message since the last response. */
static void ref_clocks_of(const struct desk_timeline *tl, time_t at, struct ref_clock c[3], const char **pol,
			  int *prio)
{
	size_t n = 0;
	while (n < tl->n && tl->v[n].at <= at)
		n++;
	memset(c, 0, 3 * sizeof *c);
	*pol = NULL;
	for (size_t i = 0; i < n; i++)
		if (tl->v[i].what == DESK_MARK_TARGET) {
			*pol = tl->v[i].value;
			*prio = tl->v[i].priority;
		}
	time_t created = tl->v[0].at;
	c[0] = (struct ref_clock){ 1, 1, created, 0 };
	size_t fr = n;
	for (size_t i = 0; i < n; i++)
		if (is_response(&tl->v[i])) {
			fr = i;
			c[0].done = tl->v[i].at;
			break;
		}
	for (size_t i = fr + 1; i < n; i++) {
		if (tl->v[i].what != DESK_MARK_CUSTOMER)
			continue;
		int starts = 1;
		for (size_t k = i; k-- > fr + 1;) {
			if (is_response(&tl->v[k]))
				break;
			if (tl->v[k].what == DESK_MARK_CUSTOMER)
				starts = 0;
		}
		if (!starts)
			continue;
		c[1].on = 1;
		c[1].cycle++;
		c[1].start = tl->v[i].at;
		c[1].done = 0;
		for (size_t k = i + 1; k < n; k++)
			if (is_response(&tl->v[k])) {
				c[1].done = tl->v[k].at;
				break;
			}
	}
	const char *st = ref_status(tl, at, at);
	c[2] = (struct ref_clock){ 1, 1, created, 0 };
	if (strcmp(st, "solved") == 0 || strcmp(st, "closed") == 0)
		for (size_t i = 0; i < n; i++)
			if (tl->v[i].what == DESK_MARK_STATUS && strcmp(tl->v[i].value, "solved") == 0)
				c[2].done = tl->v[i].at;
}

static const char *const statuses[] = { "open", "pending", "on-hold", "solved", "open", "pending" };

static void random_history(struct desk_timeline *tl, unsigned *seed)
{
	time_t t = MON - 3 * 86400 + (time_t)(rand_r(seed) % (7 * 24 * 60)) * 60;
	mark(tl, t, DESK_MARK_STATUS, "new", 0);
	if (rand_r(seed) % 4)
		mark(tl, t, DESK_MARK_CUSTOMER, NULL, 0);
	static const char *const pols[] = { "fast", "std" };
	static const int prios[2][2] = { { 4, 3 }, { 2, 1 } };
	int pi = rand_r(seed) % 2;
	mark(tl, t, DESK_MARK_TARGET, pols[pi], prios[pi][rand_r(seed) % 2]);
	int n = rand_r(seed) % 10;
	for (int i = 0; i < n; i++) {
		int r = rand_r(seed) % 10;
		if (r > 1)
			t += (time_t)(rand_r(seed) % (r > 6 ? 2000 : 300)) * 60;
		int what = rand_r(seed) % 9;
		if (what < 3)
			mark(tl, t, DESK_MARK_CUSTOMER, NULL, 0);
		else if (what < 5)
			mark(tl, t, DESK_MARK_REPLY, NULL, 0);
		else if (what < 8)
			mark(tl, t, DESK_MARK_STATUS, statuses[rand_r(seed) % 6], 0);
		else {
			pi = rand_r(seed) % 2;
			mark(tl, t, DESK_MARK_TARGET, pols[pi], prios[pi][rand_r(seed) % 2]);
		}
	}
}

static const char *const pause_fast[] = { "pending", "on-hold", NULL };
static const char *const pause_std[] = { "pending", NULL };
static const char *const pause_none[] = { NULL };

static void test_reference(void **state)
{
	struct unit *u = *state;
	struct desk_policy *p = policy(u);
	unsigned seed = 20261204;
	int compared = 0;
	for (int h = 0; h < 2500; h++) {
		struct desk_timeline tl = { NULL, 0, 0 };
		random_history(&tl, &seed);
		time_t last = tl.v[tl.n - 1].at;
		for (int k = 0; k < 3; k++) {
			time_t at = tl.v[0].at + (time_t)(rand_r(&seed) % ((last - tl.v[0].at) / 60 + 3000)) * 60;
			struct desk_sla_eval e;
			assert_int_equal(desk_sla_evaluate(&u->d, p, &tl, at, &e), 0);
			struct ref_clock rc[3];
			const char *pol;
			int prio = 0;
			ref_clocks(&tl, at, rc, &pol, &prio);
			assert_string_equal(e.policy, pol);
			/* the targets, as the document says */
			const struct desk_bspan spans[2][5][3] = {
				[0][4] = { { 1800, 0 }, { 3600, 0 }, { 4 * H, 0 } },
				[0][3] = { { 2 * H, 0 }, { 90 * M, 0 }, { 0, 2 } },
				[1][2] = { { 4 * H, 0 }, { 3 * H, 0 }, { 0, 3 } },
				[1][1] = { { 0, 0 }, { 0, 0 }, { 16 * H, 0 } },
			};
			int pi = strcmp(pol, "fast") == 0 ? 0 : 1;
			const char *const *pause = pi == 0 ? pause_fast : pause_std;
			int nref = 0;
			for (int m = 0; m < 3; m++) {
				const struct desk_bspan *sp = &spans[pi][prio][m];
				if (!rc[m].on || (!sp->secs && !sp->days))
					continue;
				nref++;
				const struct desk_sla_clock *c = clock_of(&e, m);
				if (!c)
					fail_msg("history %d: no %s clock", h, desk_sla_metric_name(m));
				long long target = ref_target(sp, rc[m].start), elapsed;
				time_t due, hz = rc[m].done ? rc[m].done : at;
				ref_measure(&tl, m == 0 ? pause_none : pause, rc[m].start, hz, target, &elapsed, &due);
				int st;
				if (rc[m].done)
					st = rc[m].done <= due ? DESK_SLA_MET : DESK_SLA_MISSED;
				else if (at > due)
					st = DESK_SLA_BREACHED;
				else if (m && paused(pause, ref_status(&tl, at, at)))
					st = DESK_SLA_PAUSED;
				else if (pi == 0 ? target - elapsed <= 30 * M : elapsed * 100 >= 80 * target)
					st = DESK_SLA_AT_RISK;
				else
					st = DESK_SLA_OK;
				if (c->start != rc[m].start || c->done != rc[m].done || c->target != target ||
				    c->elapsed != elapsed || c->due != due || c->state != st || c->cycle != rc[m].cycle)
					fail_msg("history %d at %lld, %s: engine start %lld done %lld target %lld elapsed %lld "
						 "due %lld state %s cycle %d; reference %lld %lld %lld %lld %lld %s %d",
						 h, (long long)at, desk_sla_metric_name(m), (long long)c->start,
						 (long long)c->done, c->target, c->elapsed, (long long)c->due,
						 desk_sla_state_name(c->state), c->cycle, (long long)rc[m].start,
						 (long long)rc[m].done, target, elapsed, (long long)due,
						 desk_sla_state_name(st), rc[m].cycle);
				assert_int_equal(c->remaining, target - elapsed);
				compared++;
			}
			assert_int_equal(e.nclocks, nref);
		}
		desk_timeline_release(&tl);
	}
	assert_true(compared > 6000);
	desk_policy_free(p);
}

/* The clock words judge running clocks only; negation holds where the
 * word does not, also with no clock at all. */
static void test_clock_words(void **state)
{
	struct unit *u = *state;
	struct desk_sla_eval ev;
	memset(&ev, 0, sizeof ev);
	ev.nclocks = 2;
	ev.clocks[0] = (struct desk_sla_clock){ .metric = DESK_SLA_FIRST_RESPONSE, .state = DESK_SLA_MISSED,
						 .done = MON, .due = MON - H };
	ev.clocks[1] = (struct desk_sla_clock){ .metric = DESK_SLA_RESOLUTION, .state = DESK_SLA_AT_RISK,
						 .due = MON + 2 * H };
	struct desk_sla_eval none;
	memset(&none, 0, sizeof none);
	static const struct { const char *w; int yes, empty; } cases[] = {
		{ "sla:at-risk", 1, 0 },
		{ "sla:breached", 0, 0 },
		{ "sla:breached,at-risk", 1, 0 },
		{ "-sla:breached", 1, 1 },
		{ "-sla:at-risk", 0, 1 },
		{ "due:<3h", 1, 0 },     /* the done clock's earlier due does not count */
		{ "due:<2h", 0, 0 },
		{ "due:<=2h", 1, 0 },
		{ "due:>1h", 1, 0 },
		{ "due:>=2h", 1, 0 },
		{ "due:>2h", 0, 0 },
		{ "due:<0", 0, 0 },
		{ "-due:<0", 1, 1 },
		{ "status:open", 1, 1 }, /* not a clock word: not looked at */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *argv[] = { (char *)cases[i].w };
		struct desk_filter *f = NULL;
		assert_int_equal(desk_filter_parse(&u->d, 1, argv, &f), 0);
		if (desk_sla_clocks_match(f, &ev, MON) != cases[i].yes)
			fail_msg("'%s' should %shold", cases[i].w, cases[i].yes ? "" : "not ");
		if (desk_sla_clocks_match(f, &none, MON) != cases[i].empty)
			fail_msg("'%s' with no clock should %shold", cases[i].w, cases[i].empty ? "" : "not ");
		desk_filter_free(f);
	}
	assert_true(desk_sla_clocks_match(NULL, &none, MON));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_friday_ticket, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_section_errors, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_reference, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_clock_words, unit_setup_nodb, unit_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
