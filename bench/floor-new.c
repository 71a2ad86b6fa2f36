/*
 * floor-new.c - the floor for `ticket-new -s SUBJECT -r EMAIL -p PRIORITY
 * -t TAG -m BODY`: the same SQLite work with nothing around it.
 *
 *   DESK_DB=FILE floor-new SUBJECT EMAIL PRIORITY TAG BODY
 *
 * The connection is opened as lib/db.c opens it (floor.h), then the
 * statements desk_ticket_create runs, in order, prepared the same way
 * (persistent), in one BEGIN IMMEDIATE transaction. Type and channel are the
 * built-in defaults (question, web), the actor the Unix account, as in
 * libdesk. No config file, no option parsing beyond argv, no text checks.
 * Prints the new id.
 *
 * Mirrors libdesk as of schema 5 (subject and message full-text indexes kept
 * by the writer; the ticket's timeline marks: status new, the customer's
 * message; with no team policy loaded, nothing for the SLA targets). When the library's statements change, change these too:
 * run.sh compares what both write.
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
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		fail(sqlite3_sql(st));
	sqlite3_reset(st);
}

static void event(sqlite3_stmt *st, const char *entity, sqlite3_int64 id, sqlite3_int64 now,
		  const char *actor, const char *field, const char *new_value)
{
	sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)time(NULL));
	sqlite3_bind_text(st, 5, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, field, -1, SQLITE_STATIC);
	sqlite3_bind_null(st, 7);
	sqlite3_bind_text(st, 8, new_value, -1, SQLITE_STATIC);
	done(st);
}

int main(int argc, char **argv)
{
	static const char *const prios[] = { "low", "normal", "high", "urgent" };
	if (argc != 6) {
		fputs("usage: DESK_DB=FILE floor-new SUBJECT EMAIL PRIORITY TAG BODY\n", stderr);
		return 64;
	}
	const char *subject = argv[1], *email = argv[2], *tag = argv[4], *body = argv[5];
	int prio = 0;
	for (int i = 0; i < 4; i++)
		if (strcmp(argv[3], prios[i]) == 0)
			prio = i + 1;
	if (!prio) {
		fputs("floor-new: bad priority\n", stderr);
		return 64;
	}
	sqlite3_int64 now = (sqlite3_int64)time(NULL);
	struct passwd *pw = getpwuid(geteuid());
	char actor[64];
	if (pw && pw->pw_name && *pw->pw_name)
		snprintf(actor, sizeof actor, "%s", pw->pw_name);
	else
		snprintf(actor, sizeof actor, "uid:%lu", (unsigned long)geteuid());

	floor_open("floor-new");

	/* lib/ticket.c: desk_ticket_create */
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		fail("BEGIN IMMEDIATE");
	sqlite3_stmt *ev = NULL;
	sqlite3_int64 cust;
	sqlite3_stmt *sel = stmt("SELECT id FROM customers WHERE email = ?1");
	sqlite3_bind_text(sel, 1, email, -1, SQLITE_STATIC);
	int rc = sqlite3_step(sel);
	if (rc == SQLITE_ROW) {
		cust = sqlite3_column_int64(sel, 0);
		sqlite3_reset(sel);
	} else {
		if (rc != SQLITE_DONE)
			fail("finding the requester");
		sqlite3_reset(sel);
		sqlite3_stmt *ins = stmt("INSERT INTO customers (email, created) VALUES (?1, ?2)");
		sqlite3_bind_text(ins, 1, email, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 2, now);
		done(ins);
		cust = sqlite3_last_insert_rowid(db);
		ev = stmt("INSERT INTO events (entity, entity_id, at, real_at, actor, field, old, new)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
		event(ev, "customer", cust, now, actor, "customer", email);
		sqlite3_finalize(ins);
	}
	sqlite3_stmt *tk = stmt(
		"INSERT INTO tickets (subject, status, priority, type, channel, requester_id, created, updated)"
		" VALUES (?1, 'new', ?2, ?3, ?4, ?5, ?6, ?6)");
	sqlite3_bind_text(tk, 1, subject, -1, SQLITE_STATIC);
	sqlite3_bind_int(tk, 2, prio);
	sqlite3_bind_text(tk, 3, "question", -1, SQLITE_STATIC);
	sqlite3_bind_text(tk, 4, "web", -1, SQLITE_STATIC);
	sqlite3_bind_int64(tk, 5, cust);
	sqlite3_bind_int64(tk, 6, now);
	done(tk);
	sqlite3_int64 id = sqlite3_last_insert_rowid(db);

	sqlite3_stmt *sf = stmt("INSERT INTO subject_fts (rowid, subject) VALUES (?1, ?2)");
	sqlite3_bind_int64(sf, 1, id);
	sqlite3_bind_text(sf, 2, subject, -1, SQLITE_STATIC);
	done(sf);
	sqlite3_stmt *tl = stmt(FLOOR_TIMELINE_ADD);
	floor_timeline(tl, id, now, "status", "new");

	size_t blen = strlen(body);
	sqlite3_stmt *msg = stmt("INSERT INTO messages (ticket_id, kind, customer_id, author, body, created)"
				 " VALUES (?1, 'customer', ?2, ?3, ?4, ?5)");
	sqlite3_bind_int64(msg, 1, id);
	sqlite3_bind_int64(msg, 2, cust);
	sqlite3_bind_text(msg, 3, email, -1, SQLITE_STATIC);
	sqlite3_bind_text(msg, 4, body, (int)blen, SQLITE_STATIC);
	sqlite3_bind_int64(msg, 5, now);
	done(msg);
	sqlite3_stmt *mf = stmt("INSERT INTO message_fts (rowid, body) VALUES (?1, ?2)");
	sqlite3_bind_int64(mf, 1, sqlite3_last_insert_rowid(db));
	sqlite3_bind_text(mf, 2, body, (int)blen, SQLITE_STATIC);
	done(mf);
	floor_timeline(tl, id, now, "customer", NULL);

	sqlite3_stmt *tg = stmt("INSERT OR IGNORE INTO ticket_tags (ticket_id, tag) VALUES (?1, ?2)");
	sqlite3_bind_int64(tg, 1, id);
	sqlite3_bind_text(tg, 2, tag, -1, SQLITE_TRANSIENT);
	done(tg);

	if (!ev)
		ev = stmt("INSERT INTO events (entity, entity_id, at, real_at, actor, field, old, new)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	event(ev, "ticket", id, now, actor, "ticket", "created");
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		fail("COMMIT");

	sqlite3_finalize(sel);
	sqlite3_finalize(tk);
	sqlite3_finalize(sf);
	sqlite3_finalize(tl);
	sqlite3_finalize(msg);
	sqlite3_finalize(mf);
	sqlite3_finalize(tg);
	sqlite3_finalize(ev);
	sqlite3_close(db);
	printf("%lld\n", (long long)id);
	return fflush(stdout) ? 74 : 0;
}
