/* kb-suggest - the articles most likely to answer a ticket. */
#include "cli.h"

#include <getopt.h>

static const struct cli_opt opts[] = {
	{ "limit", 'n', CLI_ARG, "N", "at most N articles (default 5)" },
	{ "output", 'o', CLI_ARG, "FORMAT", "text, table, tsv, csv, json or jsonl" },
	CLI_OPT_HEADER, CLI_OPT_COLOR, CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

int main(int argc, char **argv)
{
	struct cli c;
	struct desk_kb_search_opts so = { .limit = 5 };
	struct cli_hits h;
	int64_t id;
	int ch;

	cli_init(&c, "kb-suggest", "Suggest knowledge-base articles for a ticket, best first.",
		 "[-n N] [-o FORMAT] [--db FILE] TICKET", opts);
	c.text_format = 1;
	c.formats = cli_hit_formats;
	c.operands = "ids";
	while ((ch = cli_getopt(&c, argc, argv)) != -1)
		if (ch == 'n')
			so.limit = cli_count(&c, "limit", optarg);
	if (argc - optind != 1)
		cli_usage_error(&c, "give one ticket id");
	if (desk_id_parse(argv[optind], &id)) {
		desk_error(&c.d, EX_DATAERR, "bad ticket id '%s'", argv[optind]);
		cli_die(&c);
	}
	cli_open(&c, DESK_OPEN_READ);
	cli_hits_begin(&c, &h, &so);
	int rc = desk_kb_suggest(&c.d, id, &so, cli_hits_row, &h);
	int orc = cli_hits_end(&h);
	if (rc == DESK_PARTIAL) {
		if (!c.quiet)
			fprintf(stderr, "%s: %s\n", c.prog, c.d.errmsg);
	} else if (rc) {
		cli_die(&c);
	}
	rc = cli_finish_stdout(&c, orc ? EX_IOERR : rc);
	cli_release(&c);
	return rc;
}
