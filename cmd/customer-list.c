/* customer-list - list customers, id first. */
#include "cli.h"

#include <getopt.h>

enum { OPT_ORG = CLI_FIRST_FREE };

static const struct cli_opt opts[] = {
	CLI_OPT_OUTPUT, CLI_OPT_HEADER,
	{ "org", OPT_ORG, CLI_ARG, "ORG", "only customers of this organisation ('' for none)" },
	CLI_OPT_COLOR, CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

static const struct desk_column cols[] = {
	{ "id", "ID", DESK_COL_INT, 0 },
	{ "email", "EMAIL", DESK_COL_TEXT, 0 },
	{ "name", "NAME", DESK_COL_TEXT, DESK_COL_SHRINK },
	{ "organisation", "ORGANISATION", DESK_COL_TEXT, 0 },
	{ "tickets", "TICKETS", DESK_COL_INT, 0 },
	{ "unsolved", "UNSOLVED", DESK_COL_INT, 0 },
	{ "created", "CREATED", DESK_COL_TIME, 0 },
};

static int row(void *arg, const struct desk_customer_row *r)
{
	struct desk_out *o = arg;
	desk_out_int(o, r->id);
	desk_out_text(o, r->email);
	desk_out_text(o, r->name);
	desk_out_text(o, r->org);
	desk_out_int(o, r->tickets);
	desk_out_int(o, r->unsolved);
	desk_out_time(o, r->created);
	return desk_out_row_end(o);
}

int main(int argc, char **argv)
{
	struct cli c;
	const char *org = NULL, *word = NULL;
	int ch, rc;

	cli_init(&c, "customer-list", "List customers, id first.",
		 "[-o FORMAT] [-H] [--org ORG] [--db FILE] [WORD]", opts);
	while ((ch = cli_getopt(&c, argc, argv)) != -1) {
		if (ch == OPT_ORG)
			org = optarg;
	}
	if (argc - optind > 1)
		cli_usage_error(&c, "one search word at most (quote a phrase) '%s'", argv[optind + 1]);
	if (optind < argc)
		word = argv[optind];
	cli_open(&c, DESK_OPEN_READ);
	struct desk_out *o = cli_list_begin(&c, cols, (int)(sizeof cols / sizeof cols[0]), NULL);
	rc = cli_list_end(&c, o, desk_customer_list(&c.d, org, word, row, o));
	cli_release(&c);
	return rc;
}
