/*
 * cal-bench.c - the cost of business-time arithmetic: desk_calendar_add and
 * desk_calendar_between over one-year and ten-year spans, in calendars with
 * 30 holidays, nanoseconds per call (median of ROUNDS rounds of CALLS
 * calls each, starting instants spread over a year).
 *
 *   cal-bench [-r ROUNDS] [-n CALLS] POLICY.yaml
 *
 * Prints one line per (calendar, operation, span):
 *   CALENDAR OP SPAN ns_per_call HOLIDAYS_IN_SPAN
 * The ten-year lines show the cost does not grow with the span: only the
 * holidays and UTC-offset changes inside a span are looked at one by one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "desk.h"

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static volatile long long sink;

/* One measurement: median ns per call over rounds. */
static double measure(struct desk *d, struct desk_calendar *c, int op, long long span_days, int rounds, int calls)
{
	double *r = calloc((size_t)rounds, sizeof *r);
	time_t base = 1798761600; /* 2027-01-01T00:00Z */
	/* the business seconds of the span from each start, for add */
	long long *want = calloc((size_t)calls, sizeof *want);
	for (int i = 0; i < calls; i++) {
		time_t a = base + (time_t)((long long)i * 365 * 86400 / calls);
		if (desk_calendar_between(d, c, a, a + span_days * 86400, &want[i])) {
			fprintf(stderr, "cal-bench: %s\n", d->errmsg);
			exit(1);
		}
	}
	for (int k = 0; k < rounds; k++) {
		double t0 = now_ns();
		for (int i = 0; i < calls; i++) {
			time_t a = base + (time_t)((long long)i * 365 * 86400 / calls), out;
			long long v;
			if (op == 0) {
				desk_calendar_between(d, c, a, a + span_days * 86400, &v);
				sink += v;
			} else {
				struct desk_bspan s = { want[i], 0 };
				desk_calendar_add(d, c, a, &s, &out);
				sink += out;
			}
		}
		r[k] = (now_ns() - t0) / calls;
	}
	qsort(r, (size_t)rounds, sizeof *r, cmp_d);
	double med = r[rounds / 2];
	free(r);
	free(want);
	return med;
}

int main(int argc, char **argv)
{
	int rounds = 15, calls = 20000, ch;
	while ((ch = getopt(argc, argv, "r:n:")) != -1) {
		if (ch == 'r')
			rounds = atoi(optarg);
		else if (ch == 'n')
			calls = atoi(optarg);
		else
			return 64;
	}
	if (optind != argc - 1 || rounds < 1 || calls < 1) {
		fprintf(stderr, "usage: cal-bench [-r ROUNDS] [-n CALLS] POLICY.yaml\n");
		return 64;
	}
	struct desk d;
	char *text = NULL;
	size_t len;
	struct desk_policy *p = NULL;
	if (desk_init(&d) || desk_read_file(&d, argv[optind], 1 << 20, &text, &len) ||
	    desk_policy_parse(&d, argv[optind], text, len, 0, &p, NULL)) {
		fprintf(stderr, "cal-bench: %s\n", d.errmsg);
		return 1;
	}
	printf("# calendar op span ns_per_call\n");
	for (size_t i = 1; i < p->ncals; i++) {
		struct desk_calendar *c = p->cals[i];
		static const long long spans[] = { 365, 3652 };
		static const char *const names[] = { "1y", "10y" };
		for (int op = 0; op < 2; op++)
			for (int s = 0; s < 2; s++)
				printf("%s %s %s %.0f\n", desk_calendar_name(c), op ? "add" : "between", names[s],
				       measure(&d, c, op, spans[s], rounds, calls));
	}
	desk_policy_free(p);
	free(text);
	desk_release(&d);
	return (int)(sink & 0);
}
