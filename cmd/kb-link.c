/* kb-link - record that an article was used on a ticket. */
#include "cli.h"

#include <getopt.h>

static const struct cli_opt opts[] = {
	CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

int main(int argc, char **argv)
{
	struct cli c;
	int64_t ticket, article;

	cli_init(&c, "kb-link", "Record that a knowledge-base article was used on a ticket.",
		 "[--db FILE] TICKET ARTICLE", opts);
	c.operands = "ticket article";
	while (cli_getopt(&c, argc, argv) != -1)
		;
	if (argc - optind != 2)
		cli_usage_error(&c, "give a ticket id and an article id");
	if (desk_id_parse(argv[optind], &ticket)) {
		desk_error(&c.d, EX_DATAERR, "bad ticket id '%s'", argv[optind]);
		cli_die(&c);
	}
	if (desk_id_parse(argv[optind + 1], &article)) {
		desk_error(&c.d, EX_DATAERR, "bad article id '%s'", argv[optind + 1]);
		cli_die(&c);
	}
	cli_open(&c, DESK_OPEN_READ);
	if (desk_kb_link(&c.d, ticket, article))
		cli_die(&c);
	int rc = cli_finish_stdout(&c, 0);
	cli_release(&c);
	return rc;
}
