/*
 * floor-list.c - the floor for `ticket-list status:STATUS priority:PRIORITY`
 * with tsv output: the same SQLite work with nothing around it.
 *
 *   DESK_DB=FILE floor-list [-i] [-p] STATUS PRIORITY
 *
 * The connection is opened as lib/db.c opens it (floor.h), then the
 * exact statement lib/ticket_list.c builds for those two filter words, with
 * the same bindings (status as text, priority as an integer 1-4), and the
 * rows printed as ticket-list prints tsv (floor-out.h): id, status,
 * priority, assignee, requester, updated (ISO 8601, local time with
 * offset), subject, with tab, newline, carriage return and backslash
 * escaped.
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
#include "floor-out.h"

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
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		floor_ticket_row(st);
	if (rc != SQLITE_DONE)
		fail("listing tickets");
	sqlite3_finalize(st);
	sqlite3_close(db);
	return fflush(stdout) ? 74 : 0;

usage:
	fputs("usage: DESK_DB=FILE floor-list [-i] [-p] STATUS PRIORITY\n", stderr);
	return 64;
}
