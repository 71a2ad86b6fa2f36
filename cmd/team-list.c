/* team-list - the teams, name first. */
#include "cli.h"

#include <getopt.h>

static const struct cli_opt opts[] = {
	CLI_OPT_OUTPUT, CLI_OPT_HEADER, CLI_OPT_COLOR, CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP,
	CLI_OPT_VERSION, CLI_OPT_END,
};

static const struct desk_column cols[] = {
	{ "name", "NAME", DESK_COL_TEXT, 0 },
	{ "agents", "AGENTS", DESK_COL_INT, 0 },
	{ "open", "OPEN", DESK_COL_INT, 0 },
	{ "description", "DESCRIPTION", DESK_COL_TEXT, DESK_COL_SHRINK },
	{ "created", "CREATED", DESK_COL_TIME, DESK_COL_JSON_ONLY },
};

static int row(void *arg, const struct desk_team *t)
{
	struct desk_out *o = arg;
	desk_out_text(o, t->name);
	desk_out_int(o, t->agents);
	desk_out_int(o, t->open_tickets);
	desk_out_text(o, t->description);
	desk_out_time(o, t->created);
	return desk_out_row_end(o);
}

int main(int argc, char **argv)
{
	struct cli c;

	cli_init(&c, "team-list", "List the teams with their active agents and open tickets.",
		 "[-o FORMAT] [-H] [--db FILE]", opts);
	while (cli_getopt(&c, argc, argv) != -1)
		;
	if (optind < argc)
		cli_usage_error(&c, "unexpected argument '%s'", argv[optind]);
	cli_open(&c, DESK_OPEN_READ);
	struct desk_out *o = cli_list_begin(&c, cols, (int)(sizeof cols / sizeof cols[0]), NULL);
	int rc = cli_list_end(&c, o, desk_team_list(&c.d, row, o));
	cli_release(&c);
	return rc;
}
