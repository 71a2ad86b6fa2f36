/* ticket-list - list the tickets that match a filter, id first. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>

static const struct cli_opt opts[] = {
	CLI_OPT_OUTPUT, CLI_OPT_HEADER,
	{ "limit", 'n', CLI_ARG, "N", "at most N tickets" },
	CLI_OPT_COLOR, CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

static const struct desk_column cols[] = {
	{ "id", "ID", DESK_COL_INT, 0 },
	{ "status", "STATUS", DESK_COL_TEXT, 0 },
	{ "priority", "PRIORITY", DESK_COL_TEXT, 0 },
	{ "assignee", "ASSIGNEE", DESK_COL_TEXT, 0 },
	{ "requester", "REQUESTER", DESK_COL_TEXT, 0 },
	{ "updated", "UPDATED", DESK_COL_TIME, 0 },
	{ "subject", "SUBJECT", DESK_COL_TEXT, DESK_COL_SHRINK },
	{ "type", "TYPE", DESK_COL_TEXT, DESK_COL_JSON_ONLY },
	{ "channel", "CHANNEL", DESK_COL_TEXT, DESK_COL_JSON_ONLY },
	{ "team", "TEAM", DESK_COL_TEXT, DESK_COL_JSON_ONLY },
	{ "tags", "TAGS", DESK_COL_LIST, DESK_COL_JSON_ONLY },
	{ "created", "CREATED", DESK_COL_TIME, DESK_COL_JSON_ONLY },
};

static int row(void *arg, const struct desk_ticket_row *r)
{
	struct desk_out *o = arg;
	desk_out_int(o, r->id);
	desk_out_text(o, r->status);
	desk_out_text(o, desk_priority_name(r->priority));
	desk_out_text(o, r->assignee);
	desk_out_text(o, r->requester);
	desk_out_time(o, r->updated);
	desk_out_text(o, r->subject);
	desk_out_text(o, r->type);
	desk_out_text(o, r->channel);
	desk_out_text(o, r->team);
	desk_out_list(o, r->tags);
	desk_out_time(o, r->created);
	return desk_out_row_end(o);
}

int main(int argc, char **argv)
{
	struct cli c;
	struct desk_filter *f = NULL;
	struct desk_out_opts oo;
	long limit = 0;
	int ch, rc;

	cli_init(&c, "ticket-list", "List the tickets that match a filter, id first.",
		 "[-o FORMAT] [-H] [-n N] [--db FILE] [FILTER...]", opts);
	c.operands = "filter";
	c.filter_words = 1;
	while ((ch = cli_getopt(&c, argc, argv)) != -1) {
		if (ch == 'n') {
			char *end;
			errno = 0;
			limit = strtol(optarg, &end, 10);
			if (*end || errno || limit <= 0)
				cli_usage_error(&c, "bad limit '%s' (a whole number above 0)", optarg);
		}
	}
	if (desk_filter_parse(&c.d, argc - optind, argv + optind, &f))
		cli_die(&c);
	if (limit)
		f->limit = limit;
	cli_open(&c, DESK_OPEN_READ);
	struct desk_out *o = cli_list_begin(&c, cols, (int)(sizeof cols / sizeof cols[0]), &oo);
	/* tags cost a lookup per row: only json shows them */
	int json = oo.format == DESK_FMT_JSON || oo.format == DESK_FMT_JSONL;
	/* sla: and due: words need the SLA engine; it passes the rest on */
	rc = desk_sla_ticket_list(&c.d, f, json, row, o);
	desk_filter_free(f);
	rc = cli_list_end(&c, o, rc);
	cli_release(&c);
	return rc;
}
