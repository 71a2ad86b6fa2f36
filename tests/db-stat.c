/*
 * db-stat - test helper: print row counts of the main tables, one
 * "table count" per line; opened read-write, as the next command would,
 * so a hot journal left by a failed write is rolled back first; used by the torture tests to check
 * that a failed or killed write left nothing behind.
 * usage: db-stat DB
 */
#include <sqlite3.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	static const char *const tables[] = { "tickets", "messages", "events", "ticket_tags", "customers",
					      "kb_articles", "kb_versions", NULL };
	sqlite3 *db;
	if (argc != 2) {
		fprintf(stderr, "usage: db-stat DB\n");
		return 64;
	}
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		fprintf(stderr, "db-stat: %s\n", sqlite3_errmsg(db));
		return 66;
	}
	sqlite3_busy_timeout(db, 10000);
	for (int i = 0; tables[i]; i++) {
		char sql[64];
		sqlite3_stmt *st;
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[i]);
		if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
			printf("%s %lld\n", tables[i], (long long)sqlite3_column_int64(st, 0));
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return 0;
}
