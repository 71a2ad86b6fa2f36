/*
 * message.c - the conversation: customer messages, public replies and
 * internal notes, with the status changes and response times they imply.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static const char *kind_name(enum desk_msg_kind k)
{
	return k == DESK_MSG_REPLY ? "reply" : k == DESK_MSG_NOTE ? "note" : "customer";
}

/* The agent row of the acting account, 0 when the account is no agent. */
static int actor_agent_id(struct desk *d, int64_t *id)
{
	sqlite3_stmt *st = desk_stmt(d, "SELECT id FROM agents WHERE login = ?1");
	if (!st)
		return d->err;
	sqlite3_bind_text(st, 1, desk_actor(d), -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : desk_db_fail(d, rc, "finding the agent");
}

static int insert_message(struct desk *d, int64_t id, const struct desk_message_draft *m,
			  int64_t agent, int64_t customer, const char *author)
{
	sqlite3_stmt *st = desk_stmt(d,
		"INSERT INTO messages (ticket_id, kind, agent_id, customer_id, author, body, created)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, kind_name(m->kind), -1, SQLITE_STATIC);
	if (agent)
		sqlite3_bind_int64(st, 3, agent);
	if (customer)
		sqlite3_bind_int64(st, 4, customer);
	sqlite3_bind_text(st, 5, author, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, m->body, (int)m->len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)d->now);
	int rc = desk_step_done(d, st, "adding the message");
	if (rc)
		return rc;
	int64_t msg = sqlite3_last_insert_rowid(d->db);
	char num[24];
	snprintf(num, sizeof num, "%lld", (long long)msg);
	if ((rc = desk_fts_message_add(d, msg, m->body, m->len)) || (rc = desk_ticket_touch(d, id)))
		return rc;
	if (m->kind != DESK_MSG_NOTE &&
	    (rc = desk_timeline_add(d, id, m->kind == DESK_MSG_REPLY ? "reply" : "customer", NULL, 0)))
		return rc;
	return desk_event_add(d, "ticket", id, m->kind == DESK_MSG_CUSTOMER ? "comment" : kind_name(m->kind),
			      NULL, num);
}

static int set_first_response(struct desk *d, int64_t id)
{
	sqlite3_stmt *st = desk_stmt(d,
		"UPDATE tickets SET first_response = ?2 WHERE id = ?1 AND first_response IS NULL");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)d->now);
	return desk_step_done(d, st, "recording the first response");
}

/* A customer writes on a closed ticket: a follow-up ticket takes it. */
static int follow_up(struct desk *d, const struct desk_ticket *t, const struct desk_message_draft *m,
		     const char *author, int64_t *new_id)
{
	const char **tags = NULL;
	size_t ntags = 0;
	char *tagbuf = t->tags ? desk_xstrdup(t->tags) : NULL, *save = NULL;
	for (char *w = tagbuf ? strtok_r(tagbuf, ",", &save) : NULL; w; w = strtok_r(NULL, ",", &save)) {
		tags = desk_xrealloc(tags, (ntags + 1) * sizeof *tags);
		tags[ntags++] = w;
	}
	struct desk_ticket_draft nt = {
		.subject = t->subject, .body = m->body, .body_len = m->len, .requester = author,
		.priority = desk_priority_name(t->priority), .channel = t->channel, .type = t->type,
		.tags = tags, .ntags = ntags,
	};
	int rc = desk_ticket_create(d, &nt, new_id);
	free(tagbuf);
	free(tags);
	if (rc)
		return rc;
	/* the follow-up stays with the same team */
	sqlite3_stmt *st = desk_stmt(d,
		"UPDATE tickets SET parent_id = ?2, team_id = (SELECT team_id FROM tickets WHERE id = ?2)"
		" WHERE id = ?1");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, *new_id);
	sqlite3_bind_int64(st, 2, t->id);
	if ((rc = desk_step_done(d, st, "linking the follow-up")))
		return rc;
	char a[24], b[24];
	snprintf(a, sizeof a, "#%lld", (long long)t->id);
	snprintf(b, sizeof b, "#%lld", (long long)*new_id);
	if (t->team && (rc = desk_event_add(d, "ticket", *new_id, "team", NULL, t->team)))
		return rc;
	if ((rc = desk_event_add(d, "ticket", *new_id, "follow_up_of", NULL, a)))
		return rc;
	return desk_event_add(d, "ticket", t->id, "follow_up", NULL, b);
}

/* The newest follow-up of ticket id that is not closed, 0 when none. */
static int open_follow_up(struct desk *d, int64_t id, int64_t *out)
{
	sqlite3_stmt *st = desk_stmt(d,
		"SELECT id FROM tickets WHERE parent_id = ?1 AND status <> 'closed' ORDER BY id DESC LIMIT 1");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : desk_db_fail(d, rc, "finding the follow-up");
}

static int add_message(struct desk *d, const struct desk_ticket *t, const struct desk_message_draft *m,
		       int64_t *ticket_out);

/* A customer writes on a closed ticket: its open follow-up takes the
 * message, or a new follow-up is started. */
static int closed_ticket_message(struct desk *d, const struct desk_ticket *t, const struct desk_message_draft *m,
				 const char *author, int64_t *ticket_out)
{
	int64_t fu;
	int rc;
	if ((rc = open_follow_up(d, t->id, &fu)))
		return rc;
	if (!fu)
		return follow_up(d, t, m, author, ticket_out);
	struct desk_ticket f;
	if ((rc = desk_ticket_get(d, fu, &f)))
		return rc;
	rc = add_message(d, &f, m, ticket_out);
	desk_ticket_release(&f);
	return rc;
}

static int add_message(struct desk *d, const struct desk_ticket *t, const struct desk_message_draft *m,
		       int64_t *ticket_out)
{
	int64_t agent = 0, customer = 0;
	int rc;
	const char *closed = strcmp(t->status, "closed") == 0 ? t->status : NULL;

	*ticket_out = t->id;
	if (m->kind == DESK_MSG_CUSTOMER) {
		const char *author = m->author ? m->author : t->requester;
		if (!author)
			return desk_error(d, EX_DATAERR,
					  "ticket '#%lld' has no requester: say who wrote with an email address",
					  (long long)t->id);
		if (closed)
			return closed_ticket_message(d, t, m, author, ticket_out);
		if ((rc = desk_customer_ensure(d, author, &customer)) ||
		    (rc = insert_message(d, t->id, m, 0, customer, author)))
			return rc;
		/* the customer answered: waiting on them is over */
		if (strcmp(t->status, "pending") == 0 || strcmp(t->status, "solved") == 0)
			if ((rc = desk_ticket_set_status(d, t->id, t->status, "open")))
				return rc;
		return 0;
	}
	if (closed)
		return desk_error(d, EX_DATAERR, "ticket '#%lld' is closed, and closed is final", (long long)t->id);
	if ((rc = actor_agent_id(d, &agent)) ||
	    (rc = insert_message(d, t->id, m, agent, 0, desk_actor(d))))
		return rc;
	if (m->kind == DESK_MSG_REPLY) {
		if ((rc = set_first_response(d, t->id)))
			return rc;
		if (strcmp(t->status, "new") == 0)
			if ((rc = desk_ticket_set_status(d, t->id, "new", "open")))
				return rc;
	}
	return 0;
}

int desk_ticket_add_message(struct desk *d, int64_t id, const struct desk_message_draft *m,
			    int64_t *ticket_out)
{
	struct desk_ticket t;
	int64_t out = id;
	int rc;

	if ((rc = desk_body_check(d, m->body, m->len)))
		return rc;
	if (m->author && (rc = desk_email_check(d, m->author)))
		return rc;
	if (m->status && (!desk_status_valid(m->status) || strcmp(m->status, "new") == 0))
		return desk_error(d, EX_DATAERR, "bad status '%s' after a message (open, pending, on-hold, solved, closed)",
				  m->status);
	if ((rc = desk_tx_begin(d)))
		return rc;
	if ((rc = desk_ticket_get(d, id, &t)))
		return desk_tx_end(d, rc);
	rc = add_message(d, &t, m, &out);
	desk_ticket_release(&t);
	if (!rc && m->status && out == id) {
		/* re-read: the message itself may have moved the status */
		if ((rc = desk_ticket_get(d, id, &t)) == 0) {
			rc = desk_ticket_set_status(d, id, t.status, m->status);
			desk_ticket_release(&t);
		}
	}
	if (!rc)
		rc = desk_sla_retarget(d, out);
	rc = desk_tx_end(d, rc);
	if (!rc && ticket_out)
		*ticket_out = out;
	return rc;
}
