/* ticket.c - creating and reading tickets and their conversation. */
#include "internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

const char *const desk_statuses[] = { "new", "open", "pending", "on-hold", "solved", "closed", NULL };
const char *const desk_channels[] = { "email", "chat", "phone", "social", "web", "api", NULL };
const char *const desk_types[] = { "question", "incident", "problem", "task", NULL };
const char *const desk_priorities[] = { "low", "normal", "high", "urgent", NULL };

static int in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

int desk_status_valid(const char *s) { return s && in_list(desk_statuses, s); }
int desk_channel_valid(const char *s) { return s && in_list(desk_channels, s); }
int desk_type_valid(const char *s) { return s && in_list(desk_types, s); }

int desk_priority_parse(const char *s, int *out)
{
	for (int i = 0; desk_priorities[i]; i++)
		if (strcmp(desk_priorities[i], s) == 0) {
			*out = i + 1;
			return 0;
		}
	return -1;
}

const char *desk_priority_name(int p)
{
	return p >= 1 && p <= 4 ? desk_priorities[p - 1] : "?";
}

int desk_tag_normalise(struct desk *d, const char *tag, char *out)
{
	size_t n = strlen(tag);
	if (n == 0 || n > DESK_TAG_MAX) {
		char q[72];
		return desk_error(d, EX_DATAERR, "bad tag '%s': 1 to %d bytes", desk_clip(q, sizeof q, tag),
				  DESK_TAG_MAX);
	}
	if (desk_text_check(d, "tag", tag, n))
		return d->err;
	if (tag[0] == '+' || tag[0] == '-')
		return desk_error(d, EX_DATAERR, "bad tag '%s': may not start with '+' or '-'", tag);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)tag[i];
		if (c <= ' ' || c == ',' || c == 0x7f)
			return desk_error(d, EX_DATAERR, "bad tag '%s': no spaces, commas or control characters", tag);
		out[i] = (char)(c < 0x80 ? tolower(c) : c);
	}
	out[n] = '\0';
	return 0;
}

int desk_email_check(struct desk *d, const char *e)
{
	size_t n = strlen(e);
	const char *at = strchr(e, '@');
	if (desk_text_check(d, "email address", e, n))
		return d->err;
	if (n > 254 || !at || at == e || !at[1] || strchr(at + 1, '@') || !strchr(at + 1, '.') ||
	    at[strlen(at) - 1] == '.')
		goto bad;
	for (const unsigned char *p = (const unsigned char *)e; *p; p++)
		if (*p <= ' ' || *p == 0x7f || *p == '<' || *p == '>' || *p == ',' || *p == ';' || *p == '"')
			goto bad;
	return 0;
bad: {
	char q[260];
	return desk_error(d, EX_DATAERR, "bad email address '%s'", desk_clip(q, sizeof q, e));
}
}

int desk_subject_check(struct desk *d, const char *s)
{
	size_t n = strlen(s);
	if (desk_text_check(d, "subject", s, n))
		return d->err;
	int blank = 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n' || c == '\r')
			return desk_error(d, EX_DATAERR, "subject has a line break");
		if (!isspace(c))
			blank = 0;
	}
	if (blank)
		return desk_error(d, EX_DATAERR, "empty subject");
	if (n > DESK_SUBJECT_MAX)
		return desk_error(d, EX_DATAERR, "subject longer than %d bytes", DESK_SUBJECT_MAX);
	return 0;
}

int desk_body_check(struct desk *d, const char *s, size_t n)
{
	if (n > DESK_BODY_MAX)
		return desk_error(d, EX_DATAERR, "message longer than %d MiB", DESK_BODY_MAX >> 20);
	if (desk_text_check(d, "message", s, n))
		return d->err;
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return 0;
	return desk_error(d, EX_DATAERR, "empty message: nothing written");
}

int desk_customer_ensure(struct desk *d, const char *email, int64_t *id)
{
	sqlite3_stmt *st = desk_stmt(d, "SELECT id FROM customers WHERE email = ?1");
	if (!st)
		return d->err;
	sqlite3_bind_text(st, 1, email, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return desk_db_fail(d, rc, "finding the requester");
	st = desk_stmt(d, "INSERT INTO customers (email, created) VALUES (?1, ?2)");
	if (!st)
		return d->err;
	sqlite3_bind_text(st, 1, email, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)d->now);
	if ((rc = desk_step_done(d, st, "creating the requester")))
		return rc;
	*id = sqlite3_last_insert_rowid(d->db);
	return desk_event_add(d, "customer", *id, "customer", NULL, email);
}

static int check_draft(struct desk *d, const struct desk_ticket_draft *t, int *prio)
{
	const char *p = t->priority ? t->priority : d->cfg->default_priority;
	if (!t->subject)
		return desk_error(d, EX_USAGE, "a subject is required");
	if (desk_subject_check(d, t->subject))
		return d->err;
	if (desk_priority_parse(p, prio))
		return desk_error(d, EX_DATAERR, "bad priority '%s' (low, normal, high, urgent)", p);
	if (t->channel && !desk_channel_valid(t->channel))
		return desk_error(d, EX_DATAERR, "bad channel '%s' (email, chat, phone, social, web, api)",
				  t->channel);
	if (t->type && !desk_type_valid(t->type))
		return desk_error(d, EX_DATAERR, "bad type '%s' (question, incident, problem, task)", t->type);
	if (t->requester && desk_email_check(d, t->requester))
		return d->err;
	if (t->body && desk_body_check(d, t->body, t->body_len))
		return d->err;
	return 0;
}

static int add_first_message(struct desk *d, int64_t id, const struct desk_ticket_draft *t,
			     int64_t cust)
{
	sqlite3_stmt *st = desk_stmt(d,
		"INSERT INTO messages (ticket_id, kind, customer_id, author, body, created)"
		" VALUES (?1, 'customer', ?2, ?3, ?4, ?5)");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, id);
	if (cust)
		sqlite3_bind_int64(st, 2, cust);
	sqlite3_bind_text(st, 3, t->requester ? t->requester : desk_actor(d), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, t->body, (int)t->body_len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)d->now);
	int rc = desk_step_done(d, st, "adding the message");
	if (rc)
		return rc;
	return desk_fts_message_add(d, sqlite3_last_insert_rowid(d->db), t->body, t->body_len);
}

static int add_tags(struct desk *d, int64_t id, const char *const *tags, size_t n)
{
	char norm[DESK_TAG_MAX + 1];
	for (size_t i = 0; i < n; i++) {
		int rc;
		if ((rc = desk_tag_normalise(d, tags[i], norm)))
			return rc;
		sqlite3_stmt *st = desk_stmt(d,
			"INSERT OR IGNORE INTO ticket_tags (ticket_id, tag) VALUES (?1, ?2)");
		if (!st)
			return d->err;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, norm, -1, SQLITE_TRANSIENT);
		if ((rc = desk_step_done(d, st, "tagging the ticket")))
			return rc;
	}
	return 0;
}

int desk_ticket_create(struct desk *d, const struct desk_ticket_draft *t, int64_t *id)
{
	int prio = 0, rc;
	int64_t cust = 0;
	char norm[DESK_TAG_MAX + 1];

	if ((rc = check_draft(d, t, &prio)))
		return rc;
	for (size_t i = 0; i < t->ntags; i++)
		if ((rc = desk_tag_normalise(d, t->tags[i], norm)))
			return rc;
	if ((rc = desk_tx_begin(d)))
		return rc;
	if (t->requester && (rc = desk_customer_ensure(d, t->requester, &cust)))
		return desk_tx_end(d, rc);
	sqlite3_stmt *st = desk_stmt(d,
		"INSERT INTO tickets (subject, status, priority, type, channel, requester_id, created, updated)"
		" VALUES (?1, 'new', ?2, ?3, ?4, ?5, ?6, ?6)");
	if (!st)
		return desk_tx_end(d, d->err);
	sqlite3_bind_text(st, 1, t->subject, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, prio);
	sqlite3_bind_text(st, 3, t->type ? t->type : d->cfg->default_type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, t->channel ? t->channel : d->cfg->default_channel, -1, SQLITE_STATIC);
	if (cust)
		sqlite3_bind_int64(st, 5, cust);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)d->now);
	if ((rc = desk_step_done(d, st, "creating the ticket")))
		return desk_tx_end(d, rc);
	*id = sqlite3_last_insert_rowid(d->db);
	if ((rc = desk_fts_subject_add(d, *id, t->subject)))
		return desk_tx_end(d, rc);
	if ((rc = desk_timeline_add(d, *id, "status", "new", 0)))
		return desk_tx_end(d, rc);
	if (t->body && ((rc = add_first_message(d, *id, t, cust)) ||
			(rc = desk_timeline_add(d, *id, "customer", NULL, 0))))
		return desk_tx_end(d, rc);
	if ((rc = add_tags(d, *id, t->tags, t->ntags)))
		return desk_tx_end(d, rc);
	if ((rc = desk_event_add(d, "ticket", *id, "ticket", NULL, "created")))
		return desk_tx_end(d, rc);
	rc = desk_sla_retarget(d, *id);
	return desk_tx_end(d, rc);
}

int desk_ticket_get(struct desk *d, int64_t id, struct desk_ticket *t)
{
	sqlite3_stmt *st = desk_stmt(d,
		"SELECT t.id, t.subject, t.status, t.priority, t.type, t.channel, c.email, c.name,"
		"  a.login, tm.name,"
		"  (SELECT group_concat(tag, ',') FROM (SELECT tag FROM ticket_tags"
		"     WHERE ticket_id = t.id ORDER BY tag)),"
		"  t.parent_id, t.created, t.updated, t.first_response, t.solved, t.closed"
		" FROM tickets t"
		" LEFT JOIN customers c ON c.id = t.requester_id"
		" LEFT JOIN agents a ON a.id = t.assignee_id"
		" LEFT JOIN teams tm ON tm.id = t.team_id"
		" WHERE t.id = ?1");
	memset(t, 0, sizeof *t);
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, id);
	int rc = desk_step_row(d, st, "reading the ticket");
	if (rc == DESK_NO_ROW)
		return desk_error(d, EX_NOINPUT, "no ticket '#%lld'", (long long)id);
	if (rc)
		return rc;
	t->id = sqlite3_column_int64(st, 0);
	t->subject = desk_col_strdup(st, 1);
	t->status = desk_col_strdup(st, 2);
	t->priority = sqlite3_column_int(st, 3);
	t->type = desk_col_strdup(st, 4);
	t->channel = desk_col_strdup(st, 5);
	t->requester = desk_col_strdup(st, 6);
	t->requester_name = desk_col_strdup(st, 7);
	t->assignee = desk_col_strdup(st, 8);
	t->team = desk_col_strdup(st, 9);
	t->tags = desk_col_strdup(st, 10);
	t->parent_id = sqlite3_column_int64(st, 11);
	t->created = desk_col_time(st, 12);
	t->updated = desk_col_time(st, 13);
	t->first_response = desk_col_time(st, 14);
	t->solved = desk_col_time(st, 15);
	t->closed = desk_col_time(st, 16);
	sqlite3_reset(st);
	return 0;
}

void desk_ticket_release(struct desk_ticket *t)
{
	free(t->subject);
	free(t->status);
	free(t->type);
	free(t->channel);
	free(t->requester);
	free(t->requester_name);
	free(t->assignee);
	free(t->team);
	free(t->tags);
	memset(t, 0, sizeof *t);
}

int desk_ticket_messages(struct desk *d, int64_t id,
			 int (*fn)(void *arg, const struct desk_message *m), void *arg)
{
	sqlite3_stmt *st = desk_stmt(d,
		"SELECT id, kind, author, body, created FROM messages WHERE ticket_id = ?1 ORDER BY id");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, id);
	int rc, ret = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct desk_message m = {
			.id = sqlite3_column_int64(st, 0),
			.kind = desk_col_text(st, 1),
			.author = desk_col_text(st, 2),
			.body = desk_col_text(st, 3),
			.created = desk_col_time(st, 4),
		};
		if ((ret = fn(arg, &m)) != 0)
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = desk_db_fail(d, rc, "reading the conversation");
	sqlite3_reset(st);
	return ret;
}
