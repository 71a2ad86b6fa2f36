/*
 * assign.c - manual assignment. The read, the check and the write happen
 * under one write lock (BEGIN IMMEDIATE), so of two agents taking the same
 * ticket at the same moment exactly one wins and the other is told who.
 */
#include "internal.h"

#include <string.h>

int desk_ticket_assign(struct desk *d, int64_t id, const char *login, int flags)
{
	struct desk_agent a = { 0 };
	struct desk_ticket t;
	int rc;

	if ((rc = desk_tx_begin(d)))
		return rc;
	if (login) {
		if ((rc = desk_agent_get(d, login, &a)))
			return desk_tx_end(d, rc);
		if (!a.active) {
			rc = desk_error(d, EX_DATAERR, "agent '%s' is inactive", login);
			desk_agent_release(&a);
			return desk_tx_end(d, rc);
		}
	}
	if ((rc = desk_ticket_get(d, id, &t))) {
		desk_agent_release(&a);
		return desk_tx_end(d, rc);
	}
	if (login ? (t.assignee && strcmp(t.assignee, login) == 0) : !t.assignee)
		goto out; /* already so: nothing to do */
	if (strcmp(t.status, "closed") == 0) {
		rc = desk_error(d, EX_DATAERR, "ticket '#%lld' is closed, and closed is final", (long long)id);
		goto out;
	}
	if (login && t.assignee && !(flags & DESK_ASSIGN_STEAL)) {
		rc = desk_error(d, DESK_PARTIAL, "ticket '#%lld' is already assigned to '%s'", (long long)id,
				t.assignee);
		goto out;
	}
	sqlite3_stmt *st = desk_stmt(d, "UPDATE tickets SET assignee_id = ?2, updated = ?3 WHERE id = ?1");
	if (!st) {
		rc = d->err;
		goto out;
	}
	sqlite3_bind_int64(st, 1, id);
	if (login)
		sqlite3_bind_int64(st, 2, a.id);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)d->now);
	if ((rc = desk_step_done(d, st, "assigning the ticket")) ||
	    (rc = desk_event_add(d, "ticket", id, "assignee", t.assignee, login)))
		goto out;
	/* someone owns it now: it is no longer new */
	if (login && strcmp(t.status, "new") == 0 && (rc = desk_ticket_set_status(d, id, "new", "open")))
		goto out;
	rc = desk_sla_retarget(d, id);
out:
	desk_ticket_release(&t);
	desk_agent_release(&a);
	return desk_tx_end(d, rc);
}
