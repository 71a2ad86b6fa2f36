/* kb-list - list knowledge-base articles, id first. */
#include "cli.h"

#include <getopt.h>
#include <string.h>

enum { OPT_STALE = CLI_FIRST_FREE, OPT_TAG, OPT_STATUS, OPT_AUDIENCE };

static const struct cli_opt opts[] = {
	CLI_OPT_OUTPUT, CLI_OPT_HEADER,
	{ "stale", OPT_STALE, CLI_NOARG, NULL, "only articles past their review date" },
	{ "tag", OPT_TAG, CLI_ARG, "TAG", "only articles with this tag" },
	{ "status", OPT_STATUS, CLI_ARG, "KBSTATUS", "only draft, published or archived articles" },
	{ "audience", OPT_AUDIENCE, CLI_ARG, "AUDIENCE", "only internal or public articles" },
	CLI_OPT_COLOR, CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

static const struct desk_column cols[] = {
	{ "id", "ID", DESK_COL_INT, 0 },
	{ "status", "STATUS", DESK_COL_TEXT, 0 },
	{ "audience", "AUDIENCE", DESK_COL_TEXT, 0 },
	{ "lang", "LANG", DESK_COL_TEXT, 0 },
	{ "version", "VER", DESK_COL_INT, 0 },
	{ "uses", "USES", DESK_COL_INT, 0 },
	{ "review_by", "REVIEW BY", DESK_COL_TIME, 0 },
	{ "title", "TITLE", DESK_COL_TEXT, DESK_COL_SHRINK },
	{ "tags", "TAGS", DESK_COL_LIST, DESK_COL_JSON_ONLY },
	{ "owner", "OWNER", DESK_COL_TEXT, DESK_COL_JSON_ONLY },
	{ "updated", "UPDATED", DESK_COL_TIME, DESK_COL_JSON_ONLY },
};

static int row(void *arg, const struct desk_kb_row *r)
{
	struct desk_out *o = arg;
	char tags[1024];
	snprintf(tags, sizeof tags, "%s", r->tags);
	for (char *p = tags; *p; p++)
		if (*p == ' ')
			*p = ',';
	desk_out_int(o, r->id);
	desk_out_text(o, r->status);
	desk_out_text(o, r->audience);
	desk_out_text(o, r->lang);
	desk_out_int(o, r->version);
	desk_out_int(o, r->uses);
	if (r->review_by)
		desk_out_time(o, r->review_by);
	else
		desk_out_null(o);
	desk_out_text(o, r->title);
	desk_out_list(o, tags);
	desk_out_text(o, r->owner);
	desk_out_time(o, r->updated);
	return desk_out_row_end(o);
}

int main(int argc, char **argv)
{
	struct cli c;
	struct desk_kb_filter f = { 0 };
	int ch;

	cli_init(&c, "kb-list", "List knowledge-base articles, id first, with their use counts.",
		 "[-o FORMAT] [-H] [--stale] [--tag TAG] [--status KBSTATUS] [--audience AUDIENCE] [--db FILE]", opts);
	while ((ch = cli_getopt(&c, argc, argv)) != -1) {
		switch (ch) {
		case OPT_STALE: f.stale = 1; break;
		case OPT_TAG: f.tag = optarg; break;
		case OPT_STATUS: f.status = optarg; break;
		case OPT_AUDIENCE: f.audience = optarg; break;
		}
	}
	if (optind < argc)
		cli_usage_error(&c, "unexpected argument '%s'", argv[optind]);
	if (f.status && strcmp(f.status, "draft") && strcmp(f.status, "published") && strcmp(f.status, "archived"))
		cli_usage_error(&c, "bad status '%s' (draft, published, archived)", f.status);
	if (f.audience && strcmp(f.audience, "internal") && strcmp(f.audience, "public"))
		cli_usage_error(&c, "bad audience '%s' (internal, public)", f.audience);
	cli_open(&c, DESK_OPEN_READ);
	struct desk_out *o = cli_list_begin(&c, cols, (int)(sizeof cols / sizeof cols[0]), NULL);
	int rc = cli_list_end(&c, o, desk_kb_list(&c.d, &f, row, o));
	cli_release(&c);
	return rc;
}
