/*
 * floor-show.c - the floor for `ticket-show ID` (text output, not on a
 * terminal): the same SQLite work with nothing around it.
 *
 *   DESK_DB=FILE floor-show ID
 *
 * The connection is opened as lib/db.c opens it (floor.h), then the two
 * statements ticket-show runs, prepared the same way (persistent): the
 * ticket with its requester, assignee, team and tags (lib/ticket.c
 * desk_ticket_get), then its messages in order (desk_ticket_messages). The
 * ticket is printed as cmd/ticket-show.c prints text without colour: a
 * header, the fields, then each message under a "--- time  author  (kind)"
 * line, control characters shown as U+FFFD (desk_put_text).
 *
 * Mirrors libdesk's SQL as of schema 3; run.sh checks that the output is
 * byte for byte that of ticket-show.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floor.h"
#include "floor-out.h"

static sqlite3_stmt *stmt(const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
		fail(sql);
	return st;
}

/* desk_put_text: C0 controls but newline and tab, DEL and C1 controls
 * become U+FFFD; the text is valid UTF-8 (libdesk checks it on the way in). */
static void put_text(const unsigned char *s)
{
	if (!s)
		return;
	for (; *s; s++) {
		if ((*s < 0x20 && *s != '\n' && *s != '\t') || *s == 0x7f) {
			fputs("\xef\xbf\xbd", stdout);
		} else if (*s == 0xc2 && s[1] >= 0x80 && s[1] < 0xa0) {
			fputs("\xef\xbf\xbd", stdout);
			s++;
		} else {
			putchar(*s);
		}
	}
}

static const char *or_dash(const unsigned char *s)
{
	return s && *s ? (const char *)s : "-";
}

int main(int argc, char **argv)
{
	static const char *const prios[] = { "low", "normal", "high", "urgent" };
	char *end;
	if (argc != 2)
		goto usage;
	long long id = strtoll(argv[1][0] == '#' ? argv[1] + 1 : argv[1], &end, 10);
	if (*end || id <= 0)
		goto usage;

	floor_open("floor-show");

	/* lib/ticket.c: desk_ticket_get */
	sqlite3_stmt *st = stmt(
		FLOOR_TICKET_GET);
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		fprintf(stderr, "floor-show: no ticket '#%lld'\n", id);
		return 66;
	}
	if (rc != SQLITE_ROW)
		fail("reading the ticket");
	char a[64], b[64];
	int p = sqlite3_column_int(st, 3);
	printf("#%lld  ", (long long)sqlite3_column_int64(st, 0));
	put_text(sqlite3_column_text(st, 1));
	printf("\nstatus: %s  priority: %s  type: %s  channel: %s\n", sqlite3_column_text(st, 2),
	       p >= 1 && p <= 4 ? prios[p - 1] : "?", sqlite3_column_text(st, 4), sqlite3_column_text(st, 5));
	if (sqlite3_column_type(st, 7) != SQLITE_NULL)
		printf("requester: %s <%s>\n", sqlite3_column_text(st, 7), sqlite3_column_text(st, 6));
	else
		printf("requester: %s\n", or_dash(sqlite3_column_text(st, 6)));
	printf("assignee: %s  team: ", or_dash(sqlite3_column_text(st, 8)));
	printf("%s\n", or_dash(sqlite3_column_text(st, 9)));
	printf("tags: %s\n", sqlite3_column_type(st, 10) != SQLITE_NULL ? (const char *)sqlite3_column_text(st, 10) : "-");
	printf("created: %s  updated: %s\n", floor_short_time((time_t)sqlite3_column_int64(st, 12), a, sizeof a),
	       floor_short_time((time_t)sqlite3_column_int64(st, 13), b, sizeof b));
	if (sqlite3_column_int64(st, 11))
		printf("follow-up of: #%lld\n", (long long)sqlite3_column_int64(st, 11));
	sqlite3_reset(st);

	/* lib/ticket.c: desk_ticket_messages */
	sqlite3_stmt *ms = stmt("SELECT id, kind, author, body, created FROM messages WHERE ticket_id = ?1 ORDER BY id");
	sqlite3_bind_int64(ms, 1, id);
	while ((rc = sqlite3_step(ms)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(ms, 1);
		const unsigned char *body = sqlite3_column_text(ms, 3);
		const char *label = strcmp(kind, "note") == 0 ? "internal note"
				  : strcmp(kind, "reply") == 0 ? "reply" : "customer";
		printf("\n--- %s  %s  (%s)\n", floor_short_time((time_t)sqlite3_column_int64(ms, 4), a, sizeof a),
		       sqlite3_column_text(ms, 2), label);
		put_text(body);
		size_t n = body ? strlen((const char *)body) : 0;
		if (!n || body[n - 1] != '\n')
			putchar('\n');
	}
	if (rc != SQLITE_DONE)
		fail("reading the conversation");
	sqlite3_reset(ms);
	sqlite3_finalize(st);
	sqlite3_finalize(ms);
	sqlite3_close(db);
	return fflush(stdout) ? 74 : 0;

usage:
	fputs("usage: DESK_DB=FILE floor-show ID\n", stderr);
	return 64;
}
