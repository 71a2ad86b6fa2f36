/* desk-init - create or upgrade the database and say how it is kept. */
#include "cli.h"

#include <sqlite3.h>
#include <getopt.h>
#include <stdlib.h>

static const struct cli_opt opts[] = {
	CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

int main(int argc, char **argv)
{
	struct cli c;
	cli_init(&c, "desk-init", "Create the deskutils database, or upgrade its schema, and report it.",
		 "[--db FILE] [-q]", opts);
	while (cli_getopt(&c, argc, argv) != -1)
		;
	if (optind < argc)
		cli_usage_error(&c, "unexpected argument '%s'", argv[optind]);
	cli_open(&c, DESK_OPEN_CREATE);
	/* fresh planner statistics keep listings on their indexes as the desk grows */
	if (desk_db_analyze(&c.d))
		cli_die(&c);
	const char *why;
	desk_db_journal_mode(&why);
	printf("database: %s\n", c.d.db_path);
	printf("schema: %d\n", desk_db_schema_version(&c.d));
	printf("journal: %s\n", desk_db_journal_mode_current(&c.d));
	printf("sqlite: %s\n", sqlite3_libversion());
	printf("why: %s\n", why);
	int rc = cli_finish_stdout(&c, 0);
	cli_release(&c);
	return rc;
}
