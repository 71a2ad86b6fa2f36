/* kb-search - search the knowledge base; best match first. */
#include "cli.h"

#include <getopt.h>
#include <string.h>

enum { OPT_AUDIENCE = CLI_FIRST_FREE, OPT_STATUS, OPT_SYNTAX };

static const struct cli_opt opts[] = {
	{ "limit", 'n', CLI_ARG, "N", "at most N hits (default 10)" },
	{ "audience", OPT_AUDIENCE, CLI_ARG, "AUDIENCE", "only internal or only public articles" },
	{ "status", OPT_STATUS, CLI_ARG, "KBSTATUS", "only this status (default: all but archived)" },
	{ "syntax", OPT_SYNTAX, CLI_NOARG, NULL, "the query is SQLite FTS5 query syntax" },
	{ "output", 'o', CLI_ARG, "FORMAT", "text, table, tsv, csv, json or jsonl" },
	CLI_OPT_HEADER, CLI_OPT_COLOR, CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

int main(int argc, char **argv)
{
	struct cli c;
	struct desk_kb_search_opts so = { 0 };
	struct cli_hits h;
	struct desk_buf q = DESK_BUF_INIT;
	int ch;

	cli_init(&c, "kb-search", "Search the knowledge base, best match first.",
		 "[-n N] [--audience AUDIENCE] [--status KBSTATUS] [--syntax] [-o FORMAT] [--db FILE] QUERY...", opts);
	c.text_format = 1;
	c.formats = cli_hit_formats;
	c.operands = "query";
	while ((ch = cli_getopt(&c, argc, argv)) != -1) {
		switch (ch) {
		case 'n': so.limit = cli_count(&c, "limit", optarg); break;
		case OPT_AUDIENCE: so.audience = optarg; break;
		case OPT_STATUS: so.status = optarg; break;
		case OPT_SYNTAX: so.syntax = 1; break;
		}
	}
	if (so.audience && strcmp(so.audience, "internal") && strcmp(so.audience, "public"))
		cli_usage_error(&c, "bad audience '%s' (internal, public)", so.audience);
	if (so.status && strcmp(so.status, "draft") && strcmp(so.status, "published") && strcmp(so.status, "archived"))
		cli_usage_error(&c, "bad status '%s' (draft, published, archived)", so.status);
	for (int i = optind; i < argc; i++) {
		if (i > optind)
			desk_buf_addc(&q, ' ');
		desk_buf_adds(&q, argv[i]);
	}
	desk_buf_add(&q, "", 0);
	cli_open(&c, DESK_OPEN_READ);
	cli_hits_begin(&c, &h, &so);
	int rc = desk_kb_search(&c.d, q.s, &so, cli_hits_row, &h);
	desk_buf_free(&q);
	int orc = cli_hits_end(&h);
	if (rc == DESK_PARTIAL) {
		/* no hits: say so, like grep -q would not */
		if (!c.quiet)
			fprintf(stderr, "%s: %s\n", c.prog, c.d.errmsg);
	} else if (rc) {
		cli_die(&c);
	}
	rc = cli_finish_stdout(&c, orc ? EX_IOERR : rc);
	cli_release(&c);
	return rc;
}
