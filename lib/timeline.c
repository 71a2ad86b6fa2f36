/*
 * timeline.c - each ticket's compact history as the SLA clocks see it
 * (ticket_timeline, migration 5): the statuses it entered, its public
 * messages, and the policy its targets were taken from. The writers append
 * in their own transaction; readers get whole timelines, one ticket at a
 * time or streamed over many.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

int desk_timeline_add(struct desk *d, int64_t ticket, const char *what, const char *value, int priority)
{
	sqlite3_stmt *st = desk_stmt(d,
		"INSERT INTO ticket_timeline (ticket_id, seq, at, what, value, priority)"
		" VALUES (?1, coalesce((SELECT max(seq) FROM ticket_timeline WHERE ticket_id = ?1), 0) + 1,"
		" ?2, ?3, ?4, ?5)");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, ticket);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)d->now);
	sqlite3_bind_text(st, 3, what, -1, SQLITE_STATIC);
	desk_bind_text(st, 4, value);
	if (priority)
		sqlite3_bind_int(st, 5, priority);
	return desk_step_done(d, st, "recording the ticket's timeline");
}

int desk_ticket_timeline_rebuild(struct desk *d)
{
	int rc;
	if ((rc = desk_tx_begin(d)))
		return rc;
	rc = desk_exec(d, "DELETE FROM ticket_timeline;\n" DESK_TIMELINE_REBUILD_SQL);
	return desk_tx_end(d, rc);
}

void desk_timeline_release(struct desk_timeline *tl)
{
	for (size_t i = 0; i < tl->n; i++)
		free(tl->v[i].value);
	free(tl->v);
	tl->v = NULL;
	tl->n = tl->cap = 0;
}

void desk_timeline_push(struct desk_timeline *tl, sqlite3_stmt *st, int col)
{
	if (tl->n == tl->cap) {
		tl->cap = tl->cap ? tl->cap * 2 : 8;
		tl->v = desk_xrealloc(tl->v, tl->cap * sizeof *tl->v);
	}
	struct desk_mark *m = &tl->v[tl->n++];
	m->at = (time_t)sqlite3_column_int64(st, col);
	const char *w = (const char *)sqlite3_column_text(st, col + 1);
	m->what = w[0] == 's' ? DESK_MARK_STATUS : w[0] == 'c' ? DESK_MARK_CUSTOMER
		: w[0] == 'r' ? DESK_MARK_REPLY : DESK_MARK_TARGET;
	m->value = desk_col_strdup(st, col + 2);
	m->priority = sqlite3_column_int(st, col + 3);
}

int desk_ticket_timeline(struct desk *d, int64_t id, struct desk_timeline *tl)
{
	sqlite3_stmt *st = desk_stmt(d,
		"SELECT at, what, value, priority FROM ticket_timeline WHERE ticket_id = ?1 ORDER BY seq");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, id);
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		desk_timeline_push(tl, st, 0);
	sqlite3_reset(st);
	return src == SQLITE_DONE ? 0 : desk_db_fail(d, src, "reading the ticket's timeline");
}

/* The columns both target readers select. */
#define TARGET_COLS \
	"t.id, t.priority, t.status," \
	" (SELECT value FROM ticket_timeline WHERE ticket_id = t.id AND what = 'target' ORDER BY seq DESC LIMIT 1)," \
	" (SELECT priority FROM ticket_timeline WHERE ticket_id = t.id AND what = 'target' ORDER BY seq DESC LIMIT 1)"

static void read_target(sqlite3_stmt *st, struct desk_target_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->priority = sqlite3_column_int(st, 1);
	r->status = (const char *)sqlite3_column_text(st, 2);
	r->policy = (const char *)sqlite3_column_text(st, 3);
	r->policy_priority = sqlite3_column_int(st, 4);
}

int desk_timeline_target(struct desk *d, int64_t id, int (*fn)(void *arg, const struct desk_target_row *r),
			 void *arg)
{
	sqlite3_stmt *st = desk_stmt(d, "SELECT " TARGET_COLS " FROM tickets t WHERE t.id = ?1");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, id);
	int rc = desk_step_row(d, st, "reading the ticket's targets");
	if (rc == DESK_NO_ROW)
		return desk_error(d, EX_NOINPUT, "no ticket '#%lld'", (long long)id);
	if (rc)
		return rc;
	struct desk_target_row r;
	read_target(st, &r);
	rc = fn(arg, &r);
	sqlite3_reset(st);
	return rc;
}

int desk_timeline_targets(struct desk *d, int (*fn)(void *arg, const struct desk_target_row *r), void *arg)
{
	sqlite3_stmt *st;
	int src = sqlite3_prepare_v2(d->db, "SELECT " TARGET_COLS " FROM tickets t WHERE t.status <> 'closed'"
				     " ORDER BY t.id", -1, &st, NULL);
	if (src != SQLITE_OK)
		return desk_db_fail(d, src, "reading the tickets' targets");
	int rc = 0;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct desk_target_row r;
		read_target(st, &r);
		if ((rc = fn(arg, &r)))
			break;
	}
	if (!rc && src != SQLITE_DONE)
		rc = desk_db_fail(d, src, "reading the tickets' targets");
	sqlite3_finalize(st);
	return rc;
}

int desk_timeline_customer_tickets(struct desk *d, int64_t customer, int64_t **ids, size_t *n)
{
	sqlite3_stmt *st = desk_stmt(d, "SELECT id FROM tickets WHERE requester_id = ?1 AND status <> 'closed'");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, customer);
	int src;
	size_t cap = 0;
	*ids = NULL;
	*n = 0;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*ids = desk_xrealloc(*ids, cap * sizeof **ids);
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (src != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return desk_db_fail(d, src, "finding the customer's tickets");
	}
	return 0;
}
