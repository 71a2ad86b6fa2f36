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

/*
 * The ticket timeline (lib/timeline.c): what the SLA clocks need, written by
 * the ticket writers inside their transaction. Each appends one row after
 * the ticket's last. value: the status entered (status), the policy name
 * or NULL (target); priority only for target rows.
 */
int desk_timeline_add(struct desk *d, int64_t ticket, const char *what, const char *value, int priority);

/* A ticket with the SLA target recorded for it last (lib/timeline.c);
 * strings valid during the callback; policy NULL when none. */
struct desk_target_row {
	int64_t id;
	int priority;
	const char *status;
	const char *policy;
	int policy_priority;
};

/* Ticket id's row (EX_NOINPUT when none), or every ticket not closed in
 * id order. fn's non-zero return stops and is returned. */
int desk_timeline_target(struct desk *d, int64_t id, int (*fn)(void *arg, const struct desk_target_row *r),
			 void *arg);
int desk_timeline_targets(struct desk *d, int (*fn)(void *arg, const struct desk_target_row *r), void *arg);

/* The tickets of customer that are not closed: *ids allocated (caller
 * frees), *n of them. */
int desk_timeline_customer_tickets(struct desk *d, int64_t customer, int64_t **ids, size_t *n);

/* Append the mark in columns col.. (at, what, value, priority) of st. */
struct desk_timeline;
void desk_timeline_push(struct desk_timeline *tl, sqlite3_stmt *st, int col);

/* The timelines of the tickets already there, from their events and
 * messages: migration 5, and desk_ticket_timeline_rebuild. Frozen with the
 * migration: change the rebuild by adding a migration, never here. The
 * creating event stands for the status new; the first message of a ticket
 * was written with it (no event of its own) and sorts right after it. */
#define DESK_TIMELINE_REBUILD_SQL \
	"INSERT INTO ticket_timeline (ticket_id, seq, at, what, value)\n" \
	" SELECT tid, row_number() OVER (PARTITION BY tid ORDER BY k), at, what, value FROM (\n" \
	"  SELECT entity_id AS tid, id AS k, at, 'status' AS what, 'new' AS value FROM events\n" \
	"   WHERE entity = 'ticket' AND field = 'ticket' AND new = 'created'\n" \
	"  UNION ALL SELECT entity_id, id, at, 'status', new FROM events\n" \
	"   WHERE entity = 'ticket' AND field = 'status'\n" \
	"  UNION ALL SELECT entity_id, id, at, CASE field WHEN 'comment' THEN 'customer' ELSE 'reply' END,\n" \
	"   NULL FROM events WHERE entity = 'ticket' AND field IN ('comment', 'reply')\n" \
	"  UNION ALL SELECT e.entity_id, e.id + 0.5, e.at, 'customer', NULL FROM events e\n" \
	"   WHERE e.entity = 'ticket' AND e.field = 'ticket' AND e.new = 'created'\n" \
	"   AND EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = e.entity_id AND m.kind = 'customer'\n" \
	"    AND m.id = (SELECT min(id) FROM messages WHERE ticket_id = e.entity_id)\n" \
	"    AND NOT EXISTS (SELECT 1 FROM events c WHERE c.entity = 'ticket' AND c.entity_id = e.entity_id\n" \
	"     AND c.field = 'comment' AND c.new = CAST(m.id AS TEXT)))\n" \
	" );\n"

#endif
