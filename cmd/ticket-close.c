/* ticket-close - the short form of ticket-update -s closed. */
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
	cli_init(&c, "ticket-close", "Close tickets (solving them first when they are not solved); closed is final.", "[--db FILE] [ID...]", opts);
	c.operands = "ids";
	while (cli_getopt(&c, argc, argv) != -1)
		;
	cli_open(&c, DESK_OPEN_READ);
	int rc = cli_finish_stdout(&c, cli_each_id(&c, argc, argv, set_status, "closed"));
	cli_release(&c);
	return rc;
}
