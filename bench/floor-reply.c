/*
 * floor-reply.c - the floor for `ticket-reply ID -m TEXT` on a ticket that
 * is not closed: the same SQLite work with nothing around it.
 *
 *   DESK_DB=FILE floor-reply ID TEXT
 *
 * The connection is opened as lib/db.c opens it (floor.h), then what
 * lib/message.c's desk_ticket_add_message runs for a reply, prepared the
 * same way (persistent), in one BEGIN IMMEDIATE transaction: the ticket
 * (desk_ticket_get's statement), the acting agent's id (the Unix account,
 * NULL when it is no agent), the message, its message_fts entry, the
 * ticket's `updated` (desk_ticket_touch), the `reply` event (new = the
 * message id), the first response when there is none, and when the ticket
 * is new, lib/lifecycle.c's status step to open with its event. A closed
 * ticket is refused (the bench never replies to one). Prints nothing, as
 * ticket-reply prints nothing.
 *
 * Each step that moves an SLA clock also appends its mark to the ticket's
 * timeline (lib/timeline.c): the reply, and the status open. With no team
 * policy loaded, retargeting does nothing more.
 *
 * Mirrors libdesk's SQL as of schema 5; run.sh checks that both write the
 * same rows, on a new ticket and on an open one.
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "floor.h"

static sqlite3_stmt *stmt(const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
		fail(sql);
	return st;
}

static void done(sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		fail(sqlite3_sql(st));
	sqlite3_reset(st);
}

/* lib/event.c: desk_event_add */
static void event(sqlite3_stmt *st, sqlite3_int64 id, sqlite3_int64 now, const char *actor,
		  const char *field, const char *old, const char *new_value)
{
	sqlite3_bind_text(st, 1, "ticket", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)time(NULL));
	sqlite3_bind_text(st, 5, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, field, -1, SQLITE_STATIC);
	if (old)
		sqlite3_bind_text(st, 7, old, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 7);
	sqlite3_bind_text(st, 8, new_value, -1, SQLITE_STATIC);
	done(st);
}

int main(int argc, char **argv)
{
	char *end;
	if (argc != 3)
		goto usage;
	long long id = strtoll(argv[1][0] == '#' ? argv[1] + 1 : argv[1], &end, 10);
	if (*end || id <= 0)
		goto usage;
	const char *body = argv[2];
	size_t blen = strlen(body);
	sqlite3_int64 now = (sqlite3_int64)time(NULL);
	struct passwd *pw = getpwuid(geteuid());
	char actor[64];
	if (pw && pw->pw_name && *pw->pw_name)
		snprintf(actor, sizeof actor, "%s", pw->pw_name);
	else
		snprintf(actor, sizeof actor, "uid:%lu", (unsigned long)geteuid());

	floor_open("floor-reply");

	/* lib/message.c: desk_ticket_add_message */
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		fail("BEGIN IMMEDIATE");
	/* lib/ticket.c: desk_ticket_get */
	sqlite3_stmt *tk = stmt(
		FLOOR_TICKET_GET);
	sqlite3_bind_int64(tk, 1, id);
	if (sqlite3_step(tk) != SQLITE_ROW)
		fail("reading the ticket");
	char status[16];
	snprintf(status, sizeof status, "%s", (const char *)sqlite3_column_text(tk, 2));
	sqlite3_reset(tk);
	if (strcmp(status, "closed") == 0) {
		fprintf(stderr, "floor-reply: ticket '#%lld' is closed: not a case the floor mirrors\n", id);
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return 65;
	}

	/* actor_agent_id */
	sqlite3_stmt *ag = stmt("SELECT id FROM agents WHERE login = ?1");
	sqlite3_bind_text(ag, 1, actor, -1, SQLITE_STATIC);
	int rc = sqlite3_step(ag);
	sqlite3_int64 agent = rc == SQLITE_ROW ? sqlite3_column_int64(ag, 0) : 0;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		fail("finding the agent");
	sqlite3_reset(ag);

	/* insert_message */
	sqlite3_stmt *msg = stmt(
		"INSERT INTO messages (ticket_id, kind, agent_id, customer_id, author, body, created)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	sqlite3_bind_int64(msg, 1, id);
	sqlite3_bind_text(msg, 2, "reply", -1, SQLITE_STATIC);
	if (agent)
		sqlite3_bind_int64(msg, 3, agent);
	sqlite3_bind_text(msg, 5, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(msg, 6, body, (int)blen, SQLITE_STATIC);
	sqlite3_bind_int64(msg, 7, now);
	done(msg);
	sqlite3_int64 mid = sqlite3_last_insert_rowid(db);
	char num[24];
	snprintf(num, sizeof num, "%lld", (long long)mid);
	/* lib/fts.c: desk_fts_message_add */
	sqlite3_stmt *mf = stmt("INSERT INTO message_fts (rowid, body) VALUES (?1, ?2)");
	sqlite3_bind_int64(mf, 1, mid);
	sqlite3_bind_text(mf, 2, body, (int)blen, SQLITE_STATIC);
	done(mf);
	/* lib/lifecycle.c: desk_ticket_touch */
	sqlite3_stmt *tu = stmt("UPDATE tickets SET updated = ?2 WHERE id = ?1");
	sqlite3_bind_int64(tu, 1, id);
	sqlite3_bind_int64(tu, 2, now);
	done(tu);
	sqlite3_stmt *tl = stmt(FLOOR_TIMELINE_ADD);
	floor_timeline(tl, id, now, "reply", NULL);
	sqlite3_stmt *ev = stmt("INSERT INTO events (entity, entity_id, at, real_at, actor, field, old, new)"
				" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	event(ev, id, now, actor, "reply", NULL, num);

	/* set_first_response */
	sqlite3_stmt *fr = stmt("UPDATE tickets SET first_response = ?2 WHERE id = ?1 AND first_response IS NULL");
	sqlite3_bind_int64(fr, 1, id);
	sqlite3_bind_int64(fr, 2, now);
	done(fr);

	/* new -> open: lib/lifecycle.c desk_ticket_set_status, status_step */
	sqlite3_stmt *ss = NULL;
	if (strcmp(status, "new") == 0) {
		ss = stmt("UPDATE tickets SET status = ?2, updated = ?3,"
			  " solved = CASE WHEN ?2 = 'solved' THEN ?3"
			  "   WHEN status = 'solved' AND ?2 <> 'closed' THEN NULL ELSE solved END,"
			  " first_solved = CASE WHEN ?2 = 'solved' THEN coalesce(first_solved, ?3) ELSE first_solved END,"
			  " reopens = reopens + (status = 'solved' AND ?2 <> 'closed'),"
			  " closed = CASE WHEN ?2 = 'closed' THEN ?3 ELSE closed END"
			  " WHERE id = ?1");
		sqlite3_bind_int64(ss, 1, id);
		sqlite3_bind_text(ss, 2, "open", -1, SQLITE_STATIC);
		sqlite3_bind_int64(ss, 3, now);
		done(ss);
		floor_timeline(tl, id, now, "status", "open");
		sqlite3_clear_bindings(ev);
		event(ev, id, now, actor, "status", "new", "open");
	}
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		fail("COMMIT");
	sqlite3_finalize(tk);
	sqlite3_finalize(ag);
	sqlite3_finalize(msg);
	sqlite3_finalize(mf);
	sqlite3_finalize(tu);
	sqlite3_finalize(tl);
	sqlite3_finalize(ev);
	sqlite3_finalize(fr);
	sqlite3_finalize(ss);
	sqlite3_close(db);
	return fflush(stdout) ? 74 : 0;

usage:
	fputs("usage: DESK_DB=FILE floor-reply ID TEXT\n", stderr);
	return 64;
}
