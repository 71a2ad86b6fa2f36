/*
 * db-check - test helper: run PRAGMA integrity_check and foreign_key_check
 * on a database, opened read-write as the next command would (a hot journal
 * is rolled back first); print what they report; exit 0 only when clean.
 * usage: db-check DB
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int bad = 0;
	if (argc != 2) {
		fprintf(stderr, "usage: db-check DB\n");
		return 64;
	}
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		fprintf(stderr, "db-check: %s\n", sqlite3_errmsg(db));
		return 66;
	}
	sqlite3_busy_timeout(db, 10000);
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		bad = 1;
	while (!bad && sqlite3_step(st) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		if (strcmp(r, "ok") != 0) {
			printf("integrity: %s\n", r);
			bad = 1;
		}
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
		bad = 1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		printf("foreign key: %s row %lld -> %s\n", sqlite3_column_text(st, 0),
		       (long long)sqlite3_column_int64(st, 1), sqlite3_column_text(st, 2));
		bad = 1;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return bad;
}
