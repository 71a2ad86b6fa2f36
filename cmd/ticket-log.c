/* ticket-log - the history of tickets from the event log. */
#include "cli.h"

#include <getopt.h>

static const struct cli_opt opts[] = {
	CLI_OPT_OUTPUT, CLI_OPT_HEADER, CLI_OPT_COLOR, CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP,
	CLI_OPT_VERSION, CLI_OPT_END,
};

static const struct desk_column cols[] = {
	{ "id", "ID", DESK_COL_INT, 0 },
	{ "at", "AT", DESK_COL_TIME, 0 },
	{ "actor", "ACTOR", DESK_COL_TEXT, 0 },
	{ "field", "FIELD", DESK_COL_TEXT, 0 },
	{ "old", "OLD", DESK_COL_TEXT, DESK_COL_SHRINK },
	{ "new", "NEW", DESK_COL_TEXT, DESK_COL_SHRINK },
	{ "event", "EVENT", DESK_COL_INT, DESK_COL_JSON_ONLY },
	{ "real_at", "REAL_AT", DESK_COL_TIME, DESK_COL_JSON_ONLY },
};

static int row(void *arg, const struct desk_event *e)
{
	struct desk_out *o = arg;
	desk_out_int(o, e->entity_id);
	desk_out_time(o, e->at);
	desk_out_text(o, e->actor);
	desk_out_text(o, e->field);
	desk_out_text(o, e->old);
	desk_out_text(o, e->new_value);
	desk_out_int(o, e->id);
	desk_out_time(o, e->real_at);
	return desk_out_row_end(o);
}

static int log_one(struct cli *c, int64_t id, void *arg)
{
	struct desk_ticket t;
	int rc = desk_ticket_get(&c->d, id, &t);
	if (rc)
		return rc;
	desk_ticket_release(&t);
	rc = desk_event_list(&c->d, "ticket", id, row, arg);
	return rc == EX_IOERR ? desk_error(&c->d, EX_IOERR, "cannot write the log") : rc;
}

int main(int argc, char **argv)
{
	struct cli c;

	cli_init(&c, "ticket-log", "Print the history of tickets: who changed what, when.",
		 "[-o FORMAT] [-H] [--db FILE] [ID...]", opts);
	c.operands = "ids";
	while (cli_getopt(&c, argc, argv) != -1)
		;
	cli_open(&c, DESK_OPEN_READ);
	struct desk_out *o = cli_list_begin(&c, cols, (int)(sizeof cols / sizeof cols[0]), NULL);
	int rc = cli_each_id(&c, argc, argv, log_one, o); /* each id's failure is reported */
	int orc = cli_list_end(&c, o, 0);
	rc = orc ? orc : rc;
	cli_release(&c);
	return rc;
}
