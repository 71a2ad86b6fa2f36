/* agent-add - add an agent (a Unix login) who can be assigned tickets. */
#include "cli.h"

#include <getopt.h>

enum { OPT_TEAM = CLI_FIRST_FREE, OPT_ROLE };

static const struct cli_opt opts[] = {
	{ "name", 'n', CLI_ARG, "NAME", "the agent's full name" },
	{ "email", 'e', CLI_ARG, "EMAIL", "the agent's address" },
	{ "team", OPT_TEAM, CLI_ARG, "TEAM", "a team the agent belongs to" },
	{ "role", OPT_ROLE, CLI_ARG, "ROLE", "agent, lead or manager (default agent)" },
	CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

int main(int argc, char **argv)
{
	struct cli c;
	const char *name = NULL, *email = NULL, *team = NULL, *role = NULL;
	int ch;

	cli_init(&c, "agent-add", "Add an agent: the Unix login of someone who works tickets.",
		 "[-n NAME] [-e EMAIL] [--team TEAM] [--role ROLE] [--db FILE] LOGIN", opts);
	c.operands = "login";
	while ((ch = cli_getopt(&c, argc, argv)) != -1) {
		switch (ch) {
		case 'n': name = optarg; break;
		case 'e': email = optarg; break;
		case OPT_TEAM: team = optarg; break;
		case OPT_ROLE: role = optarg; break;
		}
	}
	if (argc - optind != 1)
		cli_usage_error(&c, "give one login");
	cli_open(&c, DESK_OPEN_CREATE);
	if (desk_agent_add(&c.d, argv[optind], name, email, role, team))
		cli_die(&c);
	int rc = cli_finish_stdout(&c, 0);
	cli_release(&c);
	return rc;
}
