/* agent-update - change an agent: name, address, role, teams, active. */
#include "cli.h"

#include <getopt.h>

enum { OPT_ROLE = CLI_FIRST_FREE, OPT_JOIN, OPT_LEAVE, OPT_ACTIVE, OPT_INACTIVE };

static const struct cli_opt opts[] = {
	{ "name", 'n', CLI_ARG, "NAME", "the agent's full name (empty to clear)" },
	{ "email", 'e', CLI_ARG, "EMAIL", "the agent's address (empty to clear)" },
	{ "role", OPT_ROLE, CLI_ARG, "ROLE", "agent, lead or manager" },
	{ "join", OPT_JOIN, CLI_ARG, "TEAM", "join a team" },
	{ "leave", OPT_LEAVE, CLI_ARG, "TEAM", "leave a team" },
	{ "active", OPT_ACTIVE, CLI_NOARG, NULL, "may be assigned tickets again" },
	{ "inactive", OPT_INACTIVE, CLI_NOARG, NULL, "may no longer be assigned tickets" },
	CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

int main(int argc, char **argv)
{
	struct cli c;
	struct desk_agent_change ch = { .active = -1 };
	int opt, any = 0;

	cli_init(&c, "agent-update", "Change an agent's name, address, role, teams or activity.",
		 "[-n NAME] [-e EMAIL] [--role ROLE] [--join TEAM] [--leave TEAM] [--active|--inactive] [--db FILE] LOGIN",
		 opts);
	c.operands = "login";
	while ((opt = cli_getopt(&c, argc, argv)) != -1) {
		any = 1;
		switch (opt) {
		case 'n': ch.name = optarg; break;
		case 'e': ch.email = optarg; break;
		case OPT_ROLE: ch.role = optarg; break;
		case OPT_JOIN: ch.team_add = optarg; break;
		case OPT_LEAVE: ch.team_remove = optarg; break;
		case OPT_ACTIVE:
		case OPT_INACTIVE:
			if (ch.active >= 0 && ch.active != (opt == OPT_ACTIVE))
				cli_usage_error(&c, "--active and --inactive do not go together");
			ch.active = opt == OPT_ACTIVE;
			break;
		default: any = 0;
		}
	}
	if (argc - optind != 1)
		cli_usage_error(&c, "give one login");
	if (!any)
		cli_usage_error(&c, "nothing to change");
	cli_open(&c, DESK_OPEN_READ);
	if (desk_agent_update(&c.d, argv[optind], &ch))
		cli_die(&c);
	int rc = cli_finish_stdout(&c, 0);
	cli_release(&c);
	return rc;
}
