/*
 * hold-lock - test helper: take the database's write lock (BEGIN IMMEDIATE),
 * print "locked", and keep it until stdin closes or SECONDS pass.
 * usage: hold-lock DB [SECONDS]
 */
#include <poll.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	sqlite3 *db;
	if (argc < 2) {
		fprintf(stderr, "usage: hold-lock DB [SECONDS]\n");
		return 64;
	}
	int secs = argc > 2 ? atoi(argv[2]) : 30;
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA journal_mode", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "hold-lock: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	printf("locked\n");
	fflush(stdout);
	struct pollfd p = { 0, POLLIN, 0 };
	poll(&p, 1, secs * 1000);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(db);
	return 0;
}
