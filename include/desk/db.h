/*
 * db.h - the one SQLite database file the toolkit shares.
 */
#ifndef DESK_DB_H
#define DESK_DB_H

#include "desk/core.h"

enum desk_open_flags {
	DESK_OPEN_READ = 0,     /* the database must exist */
	DESK_OPEN_CREATE = 1,   /* create it (and the default directory) if missing */
};

/*
 * Find the database path: opt_path (--db), else $DESK_DB, else `database:`
 * from the config, else $XDG_DATA_HOME/deskutils/desk.db
 * (~/.local/share/deskutils/desk.db). *out is allocated; the caller frees it.
 * *is_default is set when the XDG default was chosen (its directory may be
 * created). Returns 0 or EX_CONFIG when no location can be derived.
 */
int desk_db_locate(struct desk *d, const char *opt_path, char **out, int *is_default);

/*
 * Locate and open the database, apply pending migrations, and configure the
 * connection (busy timeout, foreign keys, defensive mode, journal mode, no
 * mmap). On success d->db and d->db_path are set and owned by d (freed by
 * desk_release). Errors: EX_NOINPUT (missing, DESK_OPEN_READ), EX_CANTCREAT,
 * EX_NOPERM, EX_DATAERR (not a deskutils database, or a newer schema),
 * EX_TEMPFAIL (locked while migrating).
 */
int desk_open(struct desk *d, const char *opt_path, int flags);

/* Finalize cached statements and close the database. Safe to call twice. */
void desk_db_close(struct desk *d);

/* Refresh the query planner's statistics (ANALYZE with a small
 * analysis_limit: quick even on a million tickets). Returns 0 or an error. */
int desk_db_analyze(struct desk *d);

/* Schema version this build writes, and the version of the open database. */
int desk_schema_latest(void);
int desk_db_schema_version(struct desk *d);

/*
 * The journal mode this build uses with the linked SQLite, and why
 * (a static string). WAL needs SQLite 3.51.3 or newer: older versions have
 * the WAL-reset bug that can corrupt a database written by several
 * processes, so they get a rollback journal.
 */
const char *desk_db_journal_mode(const char **why);

/* The journal mode the open database actually reports (static string). */
const char *desk_db_journal_mode_current(struct desk *d);

/*
 * Write transactions. desk_tx_begin takes the write lock at once
 * (BEGIN IMMEDIATE), waiting up to the busy timeout; it returns EX_TEMPFAIL
 * when the lock could not be had. Calls nest: only the outermost pair talks
 * to SQLite. desk_tx_end(d, rc) commits when rc is 0 and everything nested
 * agreed, rolls back otherwise, and returns rc (or the commit's error).
 */
int desk_tx_begin(struct desk *d);
int desk_tx_end(struct desk *d, int rc);

/* A read transaction: the reads until the matching desk_tx_end see one
 * snapshot of the database, whatever writers do meanwhile (WAL). Takes no
 * lock; nests like desk_tx_begin (inside a write transaction it is part
 * of it). */
int desk_tx_begin_read(struct desk *d);

#endif
