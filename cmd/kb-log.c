/* kb-log - the versions of knowledge-base articles. */
#include "cli.h"

#include <getopt.h>

static const struct cli_opt opts[] = {
	CLI_OPT_OUTPUT, CLI_OPT_HEADER, CLI_OPT_COLOR, CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP,
	CLI_OPT_VERSION, CLI_OPT_END,
};

static const struct desk_column cols[] = {
	{ "id", "ID", DESK_COL_INT, 0 },
	{ "version", "VER", DESK_COL_INT, 0 },
	{ "at", "AT", DESK_COL_TIME, 0 },
	{ "author", "AUTHOR", DESK_COL_TEXT, 0 },
	{ "bytes", "BYTES", DESK_COL_INT, 0 },
	{ "title", "TITLE", DESK_COL_TEXT, DESK_COL_SHRINK },
};

struct job {
	struct desk_out *o;
	int64_t id;
};

static int row(void *arg, const struct desk_kb_version *v)
{
	struct job *j = arg;
	desk_out_int(j->o, j->id);
	desk_out_int(j->o, v->version);
	desk_out_time(j->o, v->created);
	desk_out_text(j->o, v->author);
	desk_out_int(j->o, v->chars);
	desk_out_text(j->o, v->title);
	return desk_out_row_end(j->o);
}

static int log_one(struct cli *c, int64_t id, void *arg)
{
	struct job *j = arg;
	j->id = id;
	return desk_kb_history(&c->d, id, row, j);
}

int main(int argc, char **argv)
{
	struct cli c;
	struct job j;

	cli_init(&c, "kb-log", "Print the versions of knowledge-base articles: who wrote each, when.",
		 "[-o FORMAT] [-H] [--db FILE] [ID...]", opts);
	c.operands = "articles";
	c.id_noun = "article";
	while (cli_getopt(&c, argc, argv) != -1)
		;
	cli_open(&c, DESK_OPEN_READ);
	j.o = cli_list_begin(&c, cols, (int)(sizeof cols / sizeof cols[0]), NULL);
	int rc = cli_each_id(&c, argc, argv, log_one, &j); /* each id's failure is reported */
	int orc = cli_list_end(&c, j.o, 0);
	rc = orc ? orc : rc;
	cli_release(&c);
	return rc;
}
