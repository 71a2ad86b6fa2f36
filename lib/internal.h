/*
 * internal.h - what the files of libdesk share and commands never see:
 * SQLite access helpers and defaults. All SQL lives in lib/.
 */
#ifndef DESK_INTERNAL_H
#define DESK_INTERNAL_H

#include "desk.h"

#include <sqlite3.h>
#include <stdarg.h>

#define DESK_DEFAULT_BUSY_TIMEOUT_MS 5000
#define DESK_APPLICATION_ID 0x4445534b /* "DESK" */

void desk_buf_vaddf(struct desk_buf *b, const char *fmt, va_list ap);

/* schema.c: apply migrations from version `from`; caller holds the write lock */
int desk_schema_migrate(struct desk *d, int from);

/* fts.c: keep the full-text indexes; call inside the writer's transaction */
int desk_fts_subject_add(struct desk *d, int64_t id, const char *subject);
int desk_fts_subject_remove(struct desk *d, int64_t id, const char *old_subject);
int desk_fts_message_add(struct desk *d, int64_t msg_id, const char *body, size_t len);
/* The user's text as one quoted FTS5 phrase; allocated, caller frees. */
char *desk_fts_phrase(const char *text);

/* lifecycle.c: inside a transaction; from is the ticket's current status */
int desk_ticket_set_status(struct desk *d, int64_t id, const char *from, const char *to);
int desk_ticket_touch(struct desk *d, int64_t id);

/* ticket.c: the customer with this email, created on first sight (with an
 * event); inside a transaction */
int desk_customer_ensure(struct desk *d, const char *email, int64_t *id);

/* tokenize.c: register the "desk" FTS5 tokenizer and desk_snippet() on d->db */
int desk_tokenizer_register(struct desk *d);
/* snippet.c: register desk_snippet(), the overlap-safe highlighter */
int desk_snippet_register(struct desk *d, fts5_api *api);

/* ticket_list.c: EXPLAIN QUERY PLAN of the listing for f, one step a line
 * (tests check that filters use indexes). Allocated; caller frees. */
char *desk_ticket_list_plan(struct desk *d, const struct desk_filter *f);

/* agent.c: desk_team_id, and the name as stored (allocated, caller
 * frees) when stored is not NULL: names match without regard to case */
int desk_team_lookup(struct desk *d, const char *name, int64_t *id, char **stored);

/* config.c */
struct desk_config *desk_config_defaults(void);

/*
 * A prepared statement for sql, cached for the life of the connection and
 * reset with its bindings cleared. sql must be a string literal (the cache
 * keys on its address). Returns NULL after setting the error.
 * The statement belongs to the cache: never finalize it.
 */
sqlite3_stmt *desk_stmt(struct desk *d, const char *sql);

/* Map a SQLite result code to a sysexits status and set the message,
 * naming what was being done. Returns the status. */
int desk_db_fail(struct desk *d, int rc, const char *doing);

/* Step a statement that returns no rows; 0 or an error status. */
int desk_step_done(struct desk *d, sqlite3_stmt *st, const char *doing);

/* Run SQL text without results (schema, pragmas). 0 or an error status. */
int desk_exec(struct desk *d, const char *sql);

/* Bind text (NULL binds NULL). */
void desk_bind_text(sqlite3_stmt *st, int i, const char *s);

/* Column text as an allocated copy (NULL stays NULL); caller frees. */
char *desk_col_strdup(sqlite3_stmt *st, int i);

/* Column text or "" (never NULL), valid until the next step. */
const char *desk_col_text(sqlite3_stmt *st, int i);

/* Column as a time; NULL is 0 (not yet, none). */
time_t desk_col_time(sqlite3_stmt *st, int i);

/*
 * Step a statement that returns at most one row: 0 with the row ready to
 * read (the caller resets the statement when done), DESK_NO_ROW when there
 * is none, or an error status; in both of those the statement is reset.
 */
#define DESK_NO_ROW (-1)
int desk_step_row(struct desk *d, sqlite3_stmt *st, const char *doing);

#endif
