/*
 * lifecycle.c - the status state machine and changes to a ticket's fields,
 * each change one transaction with one event per changed field.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>
#include <stdlib.h>

static int is_unsolved(const char *s)
{
	return strcmp(s, "new") == 0 || strcmp(s, "open") == 0 || strcmp(s, "pending") == 0 ||
	       strcmp(s, "on-hold") == 0;
}

int desk_status_move_ok(const char *from, const char *to)
{
	if (!desk_status_valid(from) || !desk_status_valid(to) || strcmp(from, to) == 0)
		return 0;
	if (strcmp(to, "new") == 0 || strcmp(from, "closed") == 0)
		return 0;
	if (strcmp(from, "solved") == 0)
		return strcmp(to, "open") == 0 || strcmp(to, "closed") == 0;
	return 1; /* unsolved -> any other unsolved, solved, or closed (via solved) */
}

int desk_ticket_touch(struct desk *d, int64_t id)
{
	sqlite3_stmt *st = desk_stmt(d, "UPDATE tickets SET updated = ?2 WHERE id = ?1");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)d->now);
	return desk_step_done(d, st, "updating the ticket");
}

/* One step of the state machine with its timestamps: solved keeps the
 * last solve (cleared by a reopen), first_solved the first, reopens counts
 * moves out of solved. */
static int status_step(struct desk *d, int64_t id, const char *from, const char *to)
{
	sqlite3_stmt *st = desk_stmt(d,
		"UPDATE tickets SET status = ?2, updated = ?3,"
		" solved = CASE WHEN ?2 = 'solved' THEN ?3"
		"   WHEN status = 'solved' AND ?2 <> 'closed' THEN NULL ELSE solved END,"
		" first_solved = CASE WHEN ?2 = 'solved' THEN coalesce(first_solved, ?3) ELSE first_solved END,"
		" reopens = reopens + (status = 'solved' AND ?2 <> 'closed'),"
		" closed = CASE WHEN ?2 = 'closed' THEN ?3 ELSE closed END"
		" WHERE id = ?1");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)d->now);
	int rc = desk_step_done(d, st, "changing the status");
	if (!rc)
		rc = desk_timeline_add(d, id, "status", to, 0);
	return rc ? rc : desk_event_add(d, "ticket", id, "status", from, to);
}

int desk_ticket_set_status(struct desk *d, int64_t id, const char *from, const char *to)
{
	if (!desk_status_valid(to))
		return desk_error(d, EX_DATAERR, "bad status '%s' (new, open, pending, on-hold, solved, closed)", to);
	if (strcmp(from, to) == 0)
		return 0;
	if (!desk_status_move_ok(from, to)) {
		if (strcmp(from, "closed") == 0)
			return desk_error(d, EX_DATAERR,
					  "ticket '#%lld' is closed, and closed is final (a customer message starts a follow-up)",
					  (long long)id);
		return desk_error(d, EX_DATAERR, "ticket '#%lld' cannot move from %s to %s", (long long)id, from, to);
	}
	int rc;
	if (strcmp(to, "closed") == 0 && is_unsolved(from)) {
		if ((rc = status_step(d, id, from, "solved")))
			return rc;
		from = "solved";
	}
	return status_step(d, id, from, to);
}

/* Set a text column and log it; col is a fixed name, never user text. */
static int set_field(struct desk *d, int64_t id, const char *field, const char *old, const char *new_value)
{
	sqlite3_stmt *st;
	if (strcmp(field, "type") == 0)
		st = desk_stmt(d, "UPDATE tickets SET type = ?2, updated = ?3 WHERE id = ?1");
	else
		st = desk_stmt(d, "UPDATE tickets SET subject = ?2, updated = ?3 WHERE id = ?1");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, new_value, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)d->now);
	int rc = desk_step_done(d, st, "updating the ticket");
	return rc ? rc : desk_event_add(d, "ticket", id, field, old, new_value);
}

static int set_priority(struct desk *d, const struct desk_ticket *t, int prio)
{
	if (prio == t->priority)
		return 0;
	sqlite3_stmt *st = desk_stmt(d, "UPDATE tickets SET priority = ?2, updated = ?3 WHERE id = ?1");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, t->id);
	sqlite3_bind_int(st, 2, prio);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)d->now);
	int rc = desk_step_done(d, st, "updating the ticket");
	return rc ? rc : desk_event_add(d, "ticket", t->id, "priority", desk_priority_name(t->priority),
					desk_priority_name(prio));
}

static int set_team(struct desk *d, const struct desk_ticket *t, const char *team)
{
	int64_t team_id = 0;
	char *stored = NULL;
	int rc, none = !*team || strcmp(team, "none") == 0;
	if (!none && (rc = desk_team_lookup(d, team, &team_id, &stored)))
		return rc;
	if (none ? !t->team : (t->team && strcmp(t->team, stored) == 0)) {
		free(stored);
		return 0;
	}
	sqlite3_stmt *st = desk_stmt(d, "UPDATE tickets SET team_id = ?2, updated = ?3 WHERE id = ?1");
	if (!st) {
		free(stored);
		return d->err;
	}
	sqlite3_bind_int64(st, 1, t->id);
	if (!none)
		sqlite3_bind_int64(st, 2, team_id);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)d->now);
	if (!(rc = desk_step_done(d, st, "updating the ticket")))
		rc = desk_event_add(d, "ticket", t->id, "team", t->team, stored); /* the name as stored */
	free(stored);
	return rc;
}

static int change_tag(struct desk *d, int64_t id, const char *tag, int add)
{
	char norm[DESK_TAG_MAX + 1];
	int rc;
	if ((rc = desk_tag_normalise(d, tag, norm)))
		return rc;
	sqlite3_stmt *st = add
		? desk_stmt(d, "INSERT OR IGNORE INTO ticket_tags (ticket_id, tag) VALUES (?1, ?2)")
		: desk_stmt(d, "DELETE FROM ticket_tags WHERE ticket_id = ?1 AND tag = ?2");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, norm, -1, SQLITE_TRANSIENT);
	if ((rc = desk_step_done(d, st, "tagging the ticket")))
		return rc;
	if (sqlite3_changes(d->db) == 0)
		return 0;
	if ((rc = desk_ticket_touch(d, id)))
		return rc;
	return desk_event_add(d, "ticket", id, "tag", add ? NULL : norm, add ? norm : NULL);
}

/* Everything that can be checked before the transaction. */
static int check_change(struct desk *d, const struct desk_ticket_change *c, int *prio)
{
	char norm[DESK_TAG_MAX + 1];
	if (c->status && !desk_status_valid(c->status))
		return desk_error(d, EX_DATAERR, "bad status '%s' (new, open, pending, on-hold, solved, closed)",
				  c->status);
	if (c->priority && desk_priority_parse(c->priority, prio))
		return desk_error(d, EX_DATAERR, "bad priority '%s' (low, normal, high, urgent)", c->priority);
	if (c->type && !desk_type_valid(c->type))
		return desk_error(d, EX_DATAERR, "bad type '%s' (question, incident, problem, task)", c->type);
	if (c->subject && desk_subject_check(d, c->subject))
		return d->err;
	if (c->team && desk_text_check(d, "team", c->team, strlen(c->team)))
		return d->err;
	for (size_t i = 0; i < c->ntags_add; i++)
		if (desk_tag_normalise(d, c->tags_add[i], norm))
			return d->err;
	for (size_t i = 0; i < c->ntags_remove; i++)
		if (desk_tag_normalise(d, c->tags_remove[i], norm))
			return d->err;
	return 0;
}

int desk_ticket_change_check(struct desk *d, const struct desk_ticket_change *c)
{
	int prio, rc;
	int64_t team;
	if ((rc = check_change(d, c, &prio)))
		return rc;
	if (c->team && *c->team && strcmp(c->team, "none") != 0)
		return desk_team_id(d, c->team, &team);
	return 0;
}

int desk_ticket_update(struct desk *d, int64_t id, const struct desk_ticket_change *c)
{
	struct desk_ticket t;
	int prio = 0, rc;

	if ((rc = check_change(d, c, &prio)))
		return rc;
	if ((rc = desk_tx_begin(d)))
		return rc;
	if ((rc = desk_ticket_get(d, id, &t)))
		return desk_tx_end(d, rc);
	if (strcmp(t.status, "closed") == 0) {
		/* closing a closed ticket again is nothing to do; anything else is refused */
		int only_close = c->status && strcmp(c->status, "closed") == 0 && !c->priority && !c->type &&
				 !c->subject && !c->team && !c->ntags_add && !c->ntags_remove;
		if (!only_close)
			rc = desk_error(d, EX_DATAERR, "ticket '#%lld' is closed, and closed is final", (long long)id);
		goto out;
	}
	if (c->subject && strcmp(c->subject, t.subject) != 0) {
		if ((rc = desk_fts_subject_remove(d, id, t.subject)) ||
		    (rc = set_field(d, id, "subject", t.subject, c->subject)) ||
		    (rc = desk_fts_subject_add(d, id, c->subject)))
			goto out;
	}
	if (c->priority && (rc = set_priority(d, &t, prio)))
		goto out;
	if (c->type && strcmp(c->type, t.type) != 0 && (rc = set_field(d, id, "type", t.type, c->type)))
		goto out;
	if (c->team && (rc = set_team(d, &t, c->team)))
		goto out;
	for (size_t i = 0; i < c->ntags_add; i++)
		if ((rc = change_tag(d, id, c->tags_add[i], 1)))
			goto out;
	for (size_t i = 0; i < c->ntags_remove; i++)
		if ((rc = change_tag(d, id, c->tags_remove[i], 0)))
			goto out;
	/* status last: closing is final, so everything else lands first */
	if (c->status && (rc = desk_ticket_set_status(d, id, t.status, c->status)))
		goto out;
	rc = desk_sla_retarget(d, id);
out:
	desk_ticket_release(&t);
	return desk_tx_end(d, rc);
}
