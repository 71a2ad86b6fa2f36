/*
 * floor-list.c - the floor for `ticket-list status:STATUS priority:PRIORITY`
 * with tsv output: the same SQLite work with nothing around it.
 *
 *   DESK_DB=FILE floor-list [-i] [-p] STATUS PRIORITY
 *
 * The connection is opened as lib/db.c opens it (floor.h), then the
 * exact statement lib/ticket_list.c builds for those two filter words, with
 * the same bindings (status as text, priority as an integer 1-4), and the
 * rows printed as ticket-list prints tsv: id, status, priority, assignee,
 * requester, updated (ISO 8601, local time with offset), subject, with tab,
 * newline, carriage return and backslash escaped.
 *
 * -i runs the same listing with the filter written by hand in its barest
 *    form (t.status IN (?) AND t.priority IN (?)): a check that libdesk's
 *    form costs the same (it once wrapped terms in coalesce(), which kept
 *    SQLite off the index and made listing 16 times slower).
 * -p prints EXPLAIN QUERY PLAN for the statement instead of running it.
 *
 * Mirrors libdesk's SQL as of schema 2; run.sh checks that the output is
 * byte for byte that of ticket-list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "floor.h"

#define SELECT_FROM \
	"SELECT t.id, t.status, t.priority, a.login, c.email, t.subject, t.type, t.channel," \
	" tm.name, NULL, t.created, t.updated" \
	" FROM tickets t" \
	" LEFT JOIN agents a ON a.id = t.assignee_id" \
	" LEFT JOIN customers c ON c.id = t.requester_id" \
	" LEFT JOIN teams tm ON tm.id = t.team_id"

static const char *const sql_library =
	SELECT_FROM " WHERE 1 AND ((t.status IN (?)) AND (t.priority IN (?)))"
	" ORDER BY t.id";
static const char *const sql_indexable =
	SELECT_FROM " WHERE t.status IN (?) AND t.priority IN (?) ORDER BY t.id";

static void tsv(const unsigned char *s)
{
	if (!s)
		return;
	for (; *s; s++) {
		switch (*s) {
		case '\t': fputs("\\t", stdout); break;
		case '\n': fputs("\\n", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		case '\\': fputs("\\\\", stdout); break;
		default: putchar(*s);
		}
	}
}

static void iso_time(time_t t)
{
	struct tm tm;
	localtime_r(&t, &tm);
	long g = tm.tm_gmtoff;
	char sign = g < 0 ? '-' : '+';
	if (g < 0)
		g = -g;
	printf("%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	       tm.tm_hour, tm.tm_min, tm.tm_sec, sign, g / 3600, (g / 60) % 60);
}

int main(int argc, char **argv)
{
	static const char *const prios[] = { "low", "normal", "high", "urgent" };
	int indexable = 0, plan = 0, ch;
	while ((ch = getopt(argc, argv, "ip")) != -1) {
		if (ch == 'i')
			indexable = 1;
		else if (ch == 'p')
			plan = 1;
		else
			goto usage;
	}
	if (argc - optind != 2)
		goto usage;
	const char *status = argv[optind];
	int prio = 0;
	for (int i = 0; i < 4; i++)
		if (strcmp(argv[optind + 1], prios[i]) == 0)
			prio = i + 1;
	if (!prio)
		goto usage;

	floor_open("floor-list");
	sqlite3_stmt *st = NULL;

	const char *sql = indexable ? sql_indexable : sql_library;
	if (plan) {
		char *q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
		if (sqlite3_prepare_v2(db, q, -1, &st, NULL) != SQLITE_OK)
			fail("EXPLAIN QUERY PLAN");
		sqlite3_free(q);
		sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, prio);
		while (sqlite3_step(st) == SQLITE_ROW)
			printf("%s\n", (const char *)sqlite3_column_text(st, 3));
		sqlite3_finalize(st);
		sqlite3_close(db);
		return 0;
	}

	/* lib/ticket_list.c: desk_ticket_list */
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail("preparing the listing");
	sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, prio);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int p = sqlite3_column_int(st, 2);
		printf("%lld\t", (long long)sqlite3_column_int64(st, 0));
		tsv(sqlite3_column_text(st, 1));
		putchar('\t');
		fputs(p >= 1 && p <= 4 ? prios[p - 1] : "?", stdout);
		putchar('\t');
		tsv(sqlite3_column_text(st, 3));
		putchar('\t');
		tsv(sqlite3_column_text(st, 4));
		putchar('\t');
		iso_time((time_t)sqlite3_column_int64(st, 11));
		putchar('\t');
		tsv(sqlite3_column_text(st, 5));
		putchar('\n');
	}
	if (rc != SQLITE_DONE)
		fail("listing tickets");
	sqlite3_finalize(st);
	sqlite3_close(db);
	return fflush(stdout) ? 74 : 0;

usage:
	fputs("usage: DESK_DB=FILE floor-list [-i] [-p] STATUS PRIORITY\n", stderr);
	return 64;
}
