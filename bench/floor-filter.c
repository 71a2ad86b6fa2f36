/*
 * floor-filter.c - the floor for a four-word ticket-list filter with free
 * text, with tsv output:
 *
 *   ticket-list status:S1,S2 'priority:>=P' channel:C WORD
 *
 *   DESK_DB=FILE floor-filter [-p] [-x] S1,S2 P C WORD
 *
 * The connection is opened as lib/db.c opens it (floor.h), then the exact
 * statement lib/ticket_list.c builds for those four terms (build_query,
 * terms_sql: each positive term a plain predicate in parentheses, the four
 * ANDed as a balanced tree, the word as a quoted FTS5 phrase looked up in
 * the subject index and, through messages, the message index), with the
 * same bindings (statuses as text, the priority as an integer 1-4, the
 * channel as text, the phrase twice), and the rows printed as ticket-list
 * prints tsv (floor-out.h).
 *
 * -p prints EXPLAIN QUERY PLAN for the statement instead of running it.
 * -x runs the same listing the way libdesk did before: the ticket of
 *    every message that has the word looked up (62,000 for 'vpn'), where
 *    libdesk now tests each candidate ticket's messages against the
 *    message hits. Same rows; about 3.8 times slower.
 *
 * Mirrors libdesk's SQL as of schema 3; run.sh checks that the output is
 * byte for byte that of ticket-list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* libdesk's form since the word is tested per candidate ticket when other
 * terms narrow the tickets (lib/ticket_list.c term_sql) */
static const char *const sql_library =
	SELECT_FROM " WHERE 1 AND (((t.status IN (?,?)) AND (t.priority >= ?)) AND ((t.channel IN (?))"
	" AND (t.id IN (SELECT rowid FROM subject_fts WHERE subject_fts MATCH ?)"
	" OR EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id"
	" AND +m.id IN (SELECT rowid FROM message_fts WHERE message_fts MATCH ?)))))"
	" ORDER BY t.id";

/* the form libdesk used before: every message with the word looked up to
 * its ticket (62,000 for 'vpn'); kept as -x for comparison */
static const char *const sql_per_ticket =
	SELECT_FROM " WHERE t.status IN (?,?) AND t.priority >= ? AND t.channel IN (?)"
	" AND (t.id IN (SELECT rowid FROM subject_fts WHERE subject_fts MATCH ?"
	" UNION SELECT ticket_id FROM messages WHERE id IN"
	" (SELECT rowid FROM message_fts WHERE message_fts MATCH ?)))"
	" ORDER BY t.id";

/* The word as one FTS5 phrase, as lib/fts.c desk_fts_phrase quotes it. */
static char *phrase(const char *w)
{
	size_t n = strlen(w);
	char *p = malloc(2 * n + 3), *q = p;
	if (!p)
		exit(70);
	*q++ = '"';
	for (; *w; w++) {
		if (*w == '"')
			*q++ = '"';
		*q++ = *w;
	}
	*q++ = '"';
	*q = '\0';
	return p;
}

int main(int argc, char **argv)
{
	static const char *const prios[] = { "low", "normal", "high", "urgent" };
	int plan = 0, per_ticket = 0, ch;
	while ((ch = getopt(argc, argv, "px")) != -1) {
		if (ch == 'p')
			plan = 1;
		else if (ch == 'x')
			per_ticket = 1;
		else
			goto usage;
	}
	if (argc - optind != 4)
		goto usage;
	char *statuses = argv[optind], *comma = strchr(statuses, ',');
	if (!comma || strchr(comma + 1, ','))
		goto usage; /* the statement has exactly two status placeholders */
	*comma = '\0';
	int prio = 0;
	for (int i = 0; i < 4; i++)
		if (strcmp(argv[optind + 1], prios[i]) == 0)
			prio = i + 1;
	if (!prio)
		goto usage;
	const char *channel = argv[optind + 2];
	char *ph = phrase(argv[optind + 3]);

	floor_open("floor-filter");
	const char *sql = per_ticket ? sql_per_ticket : sql_library;
	char *q = plan ? sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql) : NULL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, q ? q : sql, -1, &st, NULL) != SQLITE_OK)
		fail("preparing the listing");
	sqlite3_free(q);
	/* lib/ticket_list.c: desk_ticket_list, binds in the order of the terms */
	sqlite3_bind_text(st, 1, statuses, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, comma + 1, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, prio);
	sqlite3_bind_text(st, 4, channel, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, ph, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, ph, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (plan)
			printf("%s\n", (const char *)sqlite3_column_text(st, 3));
		else
			floor_ticket_row(st);
	}
	if (rc != SQLITE_DONE)
		fail("listing tickets");
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(ph);
	return fflush(stdout) ? 74 : 0;

usage:
	fputs("usage: DESK_DB=FILE floor-filter [-p] [-x] STATUS1,STATUS2 PRIORITY CHANNEL WORD\n", stderr);
	return 64;
}
