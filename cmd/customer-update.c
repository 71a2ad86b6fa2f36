/* customer-update - change a customer's name, organisation or notes. */
#include "cli.h"

#include <getopt.h>

enum { OPT_ORG = CLI_FIRST_FREE, OPT_NOTES };

static const struct cli_opt opts[] = {
	{ "name", 'n', CLI_ARG, "NAME", "set the name ('' removes it)" },
	{ "org", OPT_ORG, CLI_ARG, "ORG", "set the organisation, created on first sight ('' removes it)" },
	{ "notes", OPT_NOTES, CLI_ARG, "TEXT", "set the notes ('' removes them)" },
	CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

int main(int argc, char **argv)
{
	struct cli c;
	struct desk_customer_change ch = { NULL, NULL, NULL };
	int64_t id;
	int opt;

	cli_init(&c, "customer-update", "Change a customer's name, organisation or notes.",
		 "[-n NAME] [--org ORG] [--notes TEXT] [--db FILE] EMAIL|ID", opts);
	c.operands = "customer";
	while ((opt = cli_getopt(&c, argc, argv)) != -1) {
		switch (opt) {
		case 'n':
			ch.name = optarg;
			break;
		case OPT_ORG:
			ch.org = optarg;
			break;
		case OPT_NOTES:
			ch.notes = optarg;
			break;
		}
	}
	if (!ch.name && !ch.org && !ch.notes)
		cli_usage_error(&c, "nothing to change (give -n, --org or --notes)");
	if (optind == argc)
		cli_usage_error(&c, "no customer (give an email address or an id)");
	if (argc - optind > 1)
		cli_usage_error(&c, "one customer at a time '%s'", argv[optind + 1]);
	cli_open(&c, DESK_OPEN_READ);
	if (desk_customer_find(&c.d, argv[optind], &id) ||
	    desk_customer_update(&c.d, id, &ch, NULL))
		cli_die(&c);
	cli_release(&c);
	return 0;
}
