/* sla-check - the running SLA clocks of the unsolved tickets, by due time. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_AT = CLI_FIRST_FREE, OPT_BREACHED, OPT_AT_RISK, OPT_NOTIFY };

static const struct cli_opt opts[] = {
	{ "at", OPT_AT, CLI_ARG, "TIME", "the clocks as they were at TIME" },
	{ "breached", OPT_BREACHED, CLI_NOARG, NULL, "only breached clocks" },
	{ "at-risk", OPT_AT_RISK, CLI_NOARG, NULL, "only clocks at risk" },
	{ "metric", 'm', CLI_ARG, "METRIC", "only first_response, next_response or resolution (a comma list; repeatable)" },
	{ "notify", OPT_NOTIFY, CLI_NOARG, NULL, "record sla.warning and sla.breached events, once each" },
	CLI_OPT_OUTPUT, CLI_OPT_HEADER, CLI_OPT_COLOR, CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION,
	CLI_OPT_END,
};

#define COLS(REMAINING_TYPE) { \
	{ "id", "ID", DESK_COL_INT, 0 }, \
	{ "metric", "METRIC", DESK_COL_TEXT, 0 }, \
	{ "state", "STATE", DESK_COL_TEXT, 0 }, \
	{ "due", "DUE", DESK_COL_TIME, 0 }, \
	{ "remaining", "REMAINING", REMAINING_TYPE, 0 }, \
	{ "policy", "POLICY", DESK_COL_TEXT, 0 }, \
	{ "priority", "PRIORITY", DESK_COL_TEXT, 0 }, \
	{ "assignee", "ASSIGNEE", DESK_COL_TEXT, 0 }, \
	{ "cycle", "CYCLE", DESK_COL_INT, DESK_COL_JSON_ONLY }, \
	{ "target", "TARGET", DESK_COL_INT, DESK_COL_JSON_ONLY }, \
}

/* A table is read by people: remaining as "-1h05m"; elsewhere seconds. */
static const struct desk_column table_cols[] = COLS(DESK_COL_TEXT);
static const struct desk_column cols[] = COLS(DESK_COL_INT);

struct out {
	struct desk_out *o;
	int table;
};

static int row(void *arg, const struct desk_sla_row *r)
{
	struct out *w = arg;
	desk_out_int(w->o, r->id);
	desk_out_text(w->o, desk_sla_metric_name(r->clock.metric));
	desk_out_text(w->o, desk_sla_state_name(r->clock.state));
	desk_out_time(w->o, r->clock.due);
	if (w->table) {
		char buf[40];
		long long v = r->clock.remaining;
		buf[0] = '-';
		desk_duration(v < 0 ? -v : v, buf + (v < 0), sizeof buf - 1);
		desk_out_text(w->o, buf);
	} else {
		desk_out_int(w->o, r->clock.remaining);
	}
	desk_out_text(w->o, r->policy);
	desk_out_text(w->o, desk_priority_name(r->priority));
	desk_out_text(w->o, r->assignee);
	desk_out_int(w->o, r->clock.cycle);
	desk_out_int(w->o, r->clock.target);
	return desk_out_row_end(w->o);
}

/* -m first_response,resolution (repeatable) */
static unsigned parse_metrics(struct cli *c, const char *s, unsigned have)
{
	char *copy = desk_xstrdup(s), *save = NULL;
	for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		int m = desk_sla_metric_parse(w);
		if (m < 0) {
			desk_error(&c->d, EX_DATAERR, "unknown metric '%s' (first_response, next_response, resolution)", w);
			free(copy);
			cli_die(c);
		}
		have |= 1u << m;
	}
	free(copy);
	return have;
}

int main(int argc, char **argv)
{
	struct cli c;
	struct desk_filter *f = NULL;
	struct desk_out_opts oo;
	struct desk_sla_query q = { NULL, 0, 0, 0, 0 };
	const char *at = NULL;
	int ch, rc, breached = 0;

	cli_init(&c, "sla-check", "List the running SLA clocks of the unsolved tickets, by due time.",
		 "[FILTER...] [--at TIME] [--breached] [--at-risk] [-m METRIC] [--notify] [-o FORMAT] [-H] [--db FILE] [-q]",
		 opts);
	c.operands = "filter";
	c.filter_words = 1;
	while ((ch = cli_getopt(&c, argc, argv)) != -1) {
		switch (ch) {
		case OPT_AT: at = optarg; break;
		case OPT_BREACHED: q.states |= 1u << DESK_SLA_BREACHED; break;
		case OPT_AT_RISK: q.states |= 1u << DESK_SLA_AT_RISK; break;
		case OPT_NOTIFY: q.notify = 1; break;
		case 'm': q.metrics = parse_metrics(&c, optarg, q.metrics); break;
		}
	}
	if (at && q.notify)
		cli_usage_error(&c, "--notify announces what is due now: it cannot go with --at");
	if (at && desk_time_parse(&c.d, at, &q.at))
		cli_die(&c);
	if (desk_filter_parse(&c.d, argc - optind, argv + optind, &f))
		cli_die(&c);
	q.filter = f;
	cli_open(&c, DESK_OPEN_READ);
	cli_out_opts(&c, &oo, DESK_FMT_AUTO);
	struct out w = { NULL, oo.format == DESK_FMT_TABLE };
	w.o = cli_list_begin(&c, w.table ? table_cols : cols, (int)(sizeof cols / sizeof cols[0]), &oo);
	rc = desk_sla_check(&c.d, &q, row, &w, &breached);
	desk_filter_free(f);
	rc = cli_list_end(&c, w.o, rc);
	cli_release(&c);
	/* like grep: 1 says something is breached, for cron and if */
	return rc ? rc : breached;
}
