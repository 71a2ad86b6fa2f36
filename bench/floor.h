/*
 * floor.h - what both floors share: opening the database exactly as
 * lib/db.c does (desk_open -> configure -> check_and_migrate), and nothing
 * more. Included by floor-new.c and floor-list.c only.
 *
 * The connection, in libdesk's order: extended result codes, busy timeout
 * (5000 ms, the built-in default), defensive, foreign keys, untrusted
 * schema, no double-quoted strings, the "desk" FTS5 tokenizer registered,
 * mmap_size 0 and synchronous FULL, the journal mode libdesk picks for this
 * SQLite (WAL from 3.51.3, else truncate), then application_id and
 * user_version read back.
 *
 * The tokenizer is part of the SQL work (FTS5 calls it on every indexed
 * insert), so the floors run libdesk's own desk_tokenize() behind the same
 * FTS5 glue as lib/tokenize.c; that is all they take from libdesk.
 */
#ifndef FLOOR_H
#define FLOOR_H

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "desk/tokenize.h"

#define FLOOR_APPLICATION_ID 0x4445534b /* "DESK" */

static sqlite3 *db;
static const char *floor_prog;

static void fail(const char *doing)
{
	fprintf(stderr, "%s: %s: %s\n", floor_prog, doing, db ? sqlite3_errmsg(db) : "no database");
	exit(1);
}

/* --- the FTS5 glue of lib/tokenize.c around desk_tokenize */

struct floor_fts_call {
	void *ctx;
	int (*xToken)(void *, int, const char *, int, int, int);
};

static int floor_fts_token(void *arg, const char *tok, int len, int start, int end)
{
	struct floor_fts_call *c = arg;
	return c->xToken(c->ctx, 0, tok, len, start, end);
}

static int floor_fts_create(void *ctx, const char **azArg, int nArg, Fts5Tokenizer **ppOut)
{
	static int handle;
	(void)ctx; (void)azArg;
	if (nArg > 0)
		return SQLITE_ERROR;
	*ppOut = (Fts5Tokenizer *)&handle;
	return SQLITE_OK;
}

static void floor_fts_delete(Fts5Tokenizer *t)
{
	(void)t;
}

static int floor_fts_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n,
			      int (*xToken)(void *, int, const char *, int, int, int))
{
	(void)t; (void)flags;
	struct floor_fts_call c = { ctx, xToken };
	int rc = desk_tokenize(text, n, floor_fts_token, &c);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void floor_register_tokenizer(void)
{
	static fts5_tokenizer tok = { floor_fts_create, floor_fts_delete, floor_fts_tokenize };
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
	if (!api || api->xCreateTokenizer(api, "desk", NULL, &tok, NULL) != SQLITE_OK)
		fail("registering the desk tokenizer");
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

#endif
