/*
 * floor.h - what the floors share: opening the database exactly as
 * lib/db.c does (desk_open -> configure -> check_and_migrate), and nothing
 * more. Included by every floor-*.c.
 *
 * The connection, in libdesk's order: extended result codes, busy timeout
 * (5000 ms, the built-in default), defensive, foreign keys, untrusted
 * schema, no double-quoted strings, the "desk" FTS5 tokenizer and the
 * desk_snippet() function registered, mmap_size 0 and synchronous FULL, the
 * journal mode libdesk picks for this SQLite (WAL from 3.51.3, else
 * truncate), then application_id and user_version read back.
 *
 * The tokenizer and the snippet function are part of the SQL work (FTS5
 * calls the tokenizer on every indexed insert and query, the snippet on
 * every hit), so the floors register them with libdesk's own
 * desk_tokenizer_register(); that, and floor-kb's query builder, is all
 * they take from libdesk.
 */
#ifndef FLOOR_H
#define FLOOR_H

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk/core.h"

#define FLOOR_APPLICATION_ID 0x4445534b /* "DESK" */

/* lib/ticket.c desk_ticket_get: how every command reads a ticket */
#define FLOOR_TICKET_GET \
	"SELECT t.id, t.subject, t.status, t.priority, t.type, t.channel, c.email, c.name," \
	"  a.login, tm.name," \
	"  (SELECT group_concat(tag, ',') FROM (SELECT tag FROM ticket_tags" \
	"     WHERE ticket_id = t.id ORDER BY tag))," \
	"  t.parent_id, t.created, t.updated, t.first_response, t.solved, t.closed" \
	" FROM tickets t" \
	" LEFT JOIN customers c ON c.id = t.requester_id" \
	" LEFT JOIN agents a ON a.id = t.assignee_id" \
	" LEFT JOIN teams tm ON tm.id = t.team_id" \
	" WHERE t.id = ?1"

static sqlite3 *db;
static const char *floor_prog;

static void fail(const char *doing)
{
	fprintf(stderr, "%s: %s: %s\n", floor_prog, doing, db ? sqlite3_errmsg(db) : "no database");
	exit(1);
}

/* --- what FTS5 needs on every connection: libdesk registers the "desk"
 * tokenizer and the desk_snippet() auxiliary function in one internal call
 * (lib/tokenize.c, declared in lib/internal.h); the floors make the same
 * call, so they register exactly what the commands register. */

int desk_tokenizer_register(struct desk *d);

static void floor_register_tokenizer(void)
{
	struct desk d;
	memset(&d, 0, sizeof d);
	d.db = db;
	if (desk_tokenizer_register(&d) != 0) {
		fprintf(stderr, "%s: %s\n", floor_prog, d.errmsg);
		exit(70);
	}
}

/* --- open */

static int floor_pragma_int(const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW)
		fail(sql);
	int v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Open $DESK_DB as libdesk does; exits on failure. */
static void floor_open(const char *prog)
{
	const char *path = getenv("DESK_DB");
	floor_prog = prog;
	if (!path || !*path) {
		fprintf(stderr, "%s: set DESK_DB\n", prog);
		exit(64);
	}
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, NULL) != SQLITE_OK)
		fail("opening the database");
	sqlite3_extended_result_codes(db, 1);
	sqlite3_busy_timeout(db, 5000);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
	floor_register_tokenizer();
	if (sqlite3_exec(db, "PRAGMA mmap_size = 0; PRAGMA synchronous = FULL", NULL, NULL, NULL) != SQLITE_OK)
		fail("PRAGMA mmap_size, synchronous");
	const char *jm = sqlite3_libversion_number() >= 3051003 ? "PRAGMA journal_mode = wal"
								 : "PRAGMA journal_mode = truncate";
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, jm, -1, &st, NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW)
		fail(jm);
	sqlite3_finalize(st);
	if (floor_pragma_int("PRAGMA application_id") != FLOOR_APPLICATION_ID ||
	    floor_pragma_int("PRAGMA user_version") < 1) {
		fprintf(stderr, "%s: not a deskutils database (run a command on it first)\n", prog);
		exit(65);
	}
}

/* Print the plan SQLite makes for sql (parameters unbound), one line per
 * step, as the benchmarks show it under their tables. */
static inline void floor_plan(const char *sql)
{
	sqlite3_stmt *st = NULL;
	char *q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	if (!q || sqlite3_prepare_v2(db, q, -1, &st, NULL) != SQLITE_OK)
		fail("EXPLAIN QUERY PLAN");
	sqlite3_free(q);
	while (sqlite3_step(st) == SQLITE_ROW)
		printf("%s\n", (const char *)sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
}

/* lib/timeline.c: desk_timeline_add (schema 5), one mark after the
 * ticket's last: the statement, and one mark through it */
#define FLOOR_TIMELINE_ADD \
	"INSERT INTO ticket_timeline (ticket_id, seq, at, what, value, priority)" \
	" VALUES (?1, coalesce((SELECT max(seq) FROM ticket_timeline WHERE ticket_id = ?1), 0) + 1," \
	" ?2, ?3, ?4, ?5)"

static inline void floor_timeline(sqlite3_stmt *st, sqlite3_int64 id, sqlite3_int64 now, const char *what,
				  const char *value)
{
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_text(st, 3, what, -1, SQLITE_STATIC);
	if (value)
		sqlite3_bind_text(st, 4, value, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 4);
	sqlite3_bind_null(st, 5);
	if (sqlite3_step(st) != SQLITE_DONE)
		fail(sqlite3_sql(st));
	sqlite3_reset(st);
}

#endif
