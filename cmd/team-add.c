/* team-add - add a team that tickets can be handed to. */
#include "cli.h"

#include <getopt.h>

static const struct cli_opt opts[] = {
	{ "description", 'd', CLI_ARG, "TEXT", "what the team does" },
	CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

int main(int argc, char **argv)
{
	struct cli c;
	const char *desc = NULL;
	int ch;

	cli_init(&c, "team-add", "Add a team that tickets can be handed to.",
		 "[-d TEXT] [--db FILE] NAME", opts);
	c.operands = "team";
	while ((ch = cli_getopt(&c, argc, argv)) != -1)
		if (ch == 'd')
			desc = optarg;
	if (argc - optind != 1)
		cli_usage_error(&c, "give one team name");
	cli_open(&c, DESK_OPEN_CREATE);
	if (desk_team_add(&c.d, argv[optind], desc))
		cli_die(&c);
	int rc = cli_finish_stdout(&c, 0);
	cli_release(&c);
	return rc;
}
