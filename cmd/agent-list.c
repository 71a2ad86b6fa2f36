/* agent-list - the agents, login first. */
#include "cli.h"

#include <getopt.h>

enum { OPT_TEAM = CLI_FIRST_FREE };

static const struct cli_opt opts[] = {
	CLI_OPT_OUTPUT, CLI_OPT_HEADER,
	{ "team", OPT_TEAM, CLI_ARG, "TEAM", "only agents of this team" },
	{ "all", 'a', CLI_NOARG, NULL, "inactive agents too" },
	CLI_OPT_COLOR, CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

static const struct desk_column cols[] = {
	{ "login", "LOGIN", DESK_COL_TEXT, 0 },
	{ "name", "NAME", DESK_COL_TEXT, DESK_COL_SHRINK },
	{ "email", "EMAIL", DESK_COL_TEXT, 0 },
	{ "role", "ROLE", DESK_COL_TEXT, 0 },
	{ "teams", "TEAMS", DESK_COL_LIST, 0 },
	{ "active", "ACTIVE", DESK_COL_TEXT, 0 },
	{ "open", "OPEN", DESK_COL_INT, 0 },
	{ "created", "CREATED", DESK_COL_TIME, DESK_COL_JSON_ONLY },
};

static int row(void *arg, const struct desk_agent *a)
{
	struct desk_out *o = arg;
	desk_out_text(o, a->login);
	desk_out_text(o, a->name);
	desk_out_text(o, a->email);
	desk_out_text(o, a->role);
	desk_out_list(o, a->teams);
	desk_out_text(o, a->active ? "yes" : "no");
	desk_out_int(o, a->open_tickets);
	desk_out_time(o, a->created);
	return desk_out_row_end(o);
}

int main(int argc, char **argv)
{
	struct cli c;
	const char *team = NULL;
	int ch, all = 0;

	cli_init(&c, "agent-list", "List the agents, login first, with their open tickets.",
		 "[-o FORMAT] [-H] [-a] [--team TEAM] [--db FILE]", opts);
	while ((ch = cli_getopt(&c, argc, argv)) != -1) {
		if (ch == 'a')
			all = 1;
		else if (ch == OPT_TEAM)
			team = optarg;
	}
	if (optind < argc)
		cli_usage_error(&c, "unexpected argument '%s'", argv[optind]);
	cli_open(&c, DESK_OPEN_READ);
	int64_t tid;
	if (team && desk_team_id(&c.d, team, &tid))
		cli_die(&c);
	struct desk_out *o = cli_list_begin(&c, cols, (int)(sizeof cols / sizeof cols[0]), NULL);
	int rc = cli_list_end(&c, o, desk_agent_list(&c.d, team, all, row, o));
	cli_release(&c);
	return rc;
}
