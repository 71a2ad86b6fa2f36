/* ticket-reopen - the short form of ticket-update -s open. */
#include "cli.h"

#include <getopt.h>

static const struct cli_opt opts[] = {
	CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

static int set_status(struct cli *c, int64_t id, void *arg)
{
	struct desk_ticket_change ch = { .status = arg };
	return desk_ticket_update(&c->d, id, &ch);
}

int main(int argc, char **argv)
{
	struct cli c;
	cli_init(&c, "ticket-reopen", "Reopen solved, pending or on-hold tickets.", "[--db FILE] [ID...]", opts);
	c.operands = "ids";
	while (cli_getopt(&c, argc, argv) != -1)
		;
	cli_open(&c, DESK_OPEN_READ);
	int rc = cli_finish_stdout(&c, cli_each_id(&c, argc, argv, set_status, "open"));
	cli_release(&c);
	return rc;
}
