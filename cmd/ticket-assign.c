/* ticket-assign - give tickets to an agent, take them away, or take them over. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_STEAL = CLI_FIRST_FREE };

static const struct cli_opt opts[] = {
	{ "unassign", 'u', CLI_NOARG, NULL, "leave the tickets unassigned" },
	{ "steal", OPT_STEAL, CLI_NOARG, NULL, "take tickets another agent holds" },
	CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

struct job {
	const char *login;
	int flags;
};

static int assign_one(struct cli *c, int64_t id, void *arg)
{
	struct job *j = arg;
	return desk_ticket_assign(&c->d, id, j->login, j->flags);
}

int main(int argc, char **argv)
{
	struct cli c;
	struct job j = { NULL, 0 };
	int ch, unassign = 0;

	cli_init(&c, "ticket-assign", "Assign tickets to an agent, or unassign them.",
		 "[--steal] [--db FILE] AGENT [ID...]\n-u [--db FILE] [ID...]", opts);
	c.operands = "agent ids";
	while ((ch = cli_getopt(&c, argc, argv)) != -1) {
		if (ch == 'u')
			unassign = 1;
		else if (ch == OPT_STEAL)
			j.flags |= DESK_ASSIGN_STEAL;
	}
	if (!unassign) {
		if (optind >= argc)
			cli_usage_error(&c, "no agent (or -u to unassign)");
		j.login = argv[optind++];
		if (strcmp(j.login, "me") == 0)
			j.login = desk_actor(&c.d); /* as in assignee:me */
		if (desk_login_check(&c.d, "agent", j.login))
			cli_die(&c);
	} else if (j.flags) {
		cli_usage_error(&c, "-u and --steal do not go together");
	}
	cli_open(&c, DESK_OPEN_READ);
	if (j.login) {
		/* refuse an unknown or inactive agent before reading any id */
		struct desk_agent a;
		if (desk_agent_get(&c.d, j.login, &a))
			cli_die(&c);
		int active = a.active;
		desk_agent_release(&a);
		if (!active) {
			desk_error(&c.d, EX_DATAERR, "agent '%s' is inactive", j.login);
			cli_die(&c);
		}
	}
	int rc = cli_finish_stdout(&c, cli_each_id(&c, argc, argv, assign_one, &j));
	cli_release(&c);
	return rc;
}
