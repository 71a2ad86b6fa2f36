/* customer.c - finding, reading, listing and changing customers and their
 * organisations. Customers are created by ticket.c on first sight. */
#include "internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The statuses that still owe the customer something (filter.c "unsolved"). */
#define UNSOLVED "('new','open','pending','on-hold')"

int desk_customer_find(struct desk *d, const char *word, int64_t *id)
{
	char buf[128];
	size_t n = strlen(word);
	sqlite3_stmt *st;
	int rc;

	if (desk_text_check(d, "customer", word, n))
		return d->err;
	if (!strchr(word, '@')) {
		if (desk_id_parse(word, id))
			return desk_error(d, EX_DATAERR, "bad customer id '%s'", desk_clip(buf, sizeof buf, word));
		st = desk_stmt(d, "SELECT id FROM customers WHERE id = ?1");
		if (!st)
			return d->err;
		sqlite3_bind_int64(st, 1, *id);
	} else {
		st = desk_stmt(d, "SELECT id FROM customers WHERE email = ?1");
		if (!st)
			return d->err;
		sqlite3_bind_text(st, 1, word, (int)n, SQLITE_STATIC);
	}
	rc = desk_step_row(d, st, "finding the customer");
	if (rc == DESK_NO_ROW)
		return desk_error(d, EX_NOINPUT, "no customer '%s'", desk_clip(buf, sizeof buf, word));
	if (rc)
		return rc;
	*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

int desk_customer_get(struct desk *d, int64_t id, struct desk_customer *c)
{
	sqlite3_stmt *st = desk_stmt(d,
		"SELECT c.id, c.email, c.name, o.name, c.notes, c.created,"
		"  (SELECT count(*) FROM tickets WHERE requester_id = c.id),"
		"  (SELECT count(*) FROM tickets WHERE requester_id = c.id AND status IN " UNSOLVED ")"
		" FROM customers c LEFT JOIN organisations o ON o.id = c.org_id"
		" WHERE c.id = ?1");
	memset(c, 0, sizeof *c);
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, id);
	int rc = desk_step_row(d, st, "reading the customer");
	if (rc == DESK_NO_ROW)
		return desk_error(d, EX_NOINPUT, "no customer '%lld'", (long long)id);
	if (rc)
		return rc;
	c->id = sqlite3_column_int64(st, 0);
	c->email = desk_col_strdup(st, 1);
	c->name = desk_col_strdup(st, 2);
	c->org = desk_col_strdup(st, 3);
	c->notes = desk_col_strdup(st, 4);
	c->created = desk_col_time(st, 5);
	c->tickets = sqlite3_column_int64(st, 6);
	c->unsolved = sqlite3_column_int64(st, 7);
	sqlite3_reset(st);
	return 0;
}

void desk_customer_release(struct desk_customer *c)
{
	free(c->email);
	free(c->name);
	free(c->org);
	free(c->notes);
	memset(c, 0, sizeof *c);
}

int desk_customer_list(struct desk *d, const char *org, const char *match,
		       int (*fn)(void *arg, const struct desk_customer_row *r), void *arg)
{
	if (org && desk_text_check(d, "organisation", org, strlen(org)))
		return d->err;
	if (match && desk_text_check(d, "search word", match, strlen(match)))
		return d->err;
	if (match && !*match)
		match = NULL;
	/* lower() folds ASCII only, as NOCASE does: the same rule everywhere */
	sqlite3_stmt *st = desk_stmt(d,
		"SELECT c.id, c.email, c.name, o.name,"
		"  (SELECT count(*) FROM tickets WHERE requester_id = c.id),"
		"  (SELECT count(*) FROM tickets WHERE requester_id = c.id AND status IN " UNSOLVED "),"
		"  c.created"
		" FROM customers c LEFT JOIN organisations o ON o.id = c.org_id"
		" WHERE (?1 IS NULL OR (?1 = '' AND c.org_id IS NULL) OR o.name = ?1)"
		"   AND (?2 IS NULL OR instr(lower(c.email), lower(?2)) > 0"
		"        OR instr(lower(coalesce(c.name, '')), lower(?2)) > 0)"
		" ORDER BY c.id");
	if (!st)
		return d->err;
	desk_bind_text(st, 1, org);
	desk_bind_text(st, 2, match);
	int rc, ret = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct desk_customer_row r = {
			.id = sqlite3_column_int64(st, 0),
			.email = (const char *)sqlite3_column_text(st, 1),
			.name = (const char *)sqlite3_column_text(st, 2),
			.org = (const char *)sqlite3_column_text(st, 3),
			.tickets = sqlite3_column_int64(st, 4),
			.unsolved = sqlite3_column_int64(st, 5),
			.created = desk_col_time(st, 6),
		};
		if ((ret = fn(arg, &r)) != 0)
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = desk_db_fail(d, rc, "listing customers");
	sqlite3_reset(st);
	return ret;
}

/* A name (of a customer or an organisation): UTF-8, one line, not blank,
 * at most max bytes. "" is fine: it removes the field. */
static int check_name(struct desk *d, const char *what, const char *s, size_t max)
{
	size_t n = strlen(s);
	int blank = 1;
	if (desk_text_check(d, what, s, n))
		return d->err;
	if (n == 0)
		return 0;
	if (n > max)
		return desk_error(d, EX_DATAERR, "%s longer than %zu bytes", what, max);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n' || c == '\r')
			return desk_error(d, EX_DATAERR, "%s has a line break", what);
		if (!isspace(c))
			blank = 0;
	}
	if (blank)
		return desk_error(d, EX_DATAERR, "blank %s (give '' to remove it)", what);
	return 0;
}

static int check_change(struct desk *d, const struct desk_customer_change *ch)
{
	if (ch->name && check_name(d, "name", ch->name, DESK_CUSTOMER_NAME_MAX))
		return d->err;
	if (ch->org && check_name(d, "organisation", ch->org, DESK_ORG_NAME_MAX))
		return d->err;
	if (ch->notes) {
		size_t n = strlen(ch->notes);
		if (desk_text_check(d, "notes", ch->notes, n))
			return d->err;
		if (n > DESK_CUSTOMER_NOTES_MAX)
			return desk_error(d, EX_DATAERR, "notes longer than %d bytes", DESK_CUSTOMER_NOTES_MAX);
	}
	return 0;
}

/* old (NULL when empty) and the new value ("" to remove) are the same. */
static int same(const char *old, const char *new_value)
{
	if (!old)
		return !*new_value;
	return strcmp(old, new_value) == 0;
}

static const char *or_null(const char *s)
{
	return *s ? s : NULL;
}

/* The organisation called name (ASCII case ignored), created on first
 * sight. *stored is set to its name as stored (allocated; caller frees). */
static int org_id(struct desk *d, const char *name, int64_t *id, char **stored)
{
	sqlite3_stmt *st = desk_stmt(d, "SELECT id, name FROM organisations WHERE name = ?1");
	int rc;
	if (!st)
		return d->err;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*stored = desk_col_strdup(st, 1);
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return desk_db_fail(d, rc, "finding the organisation");
	st = desk_stmt(d, "INSERT INTO organisations (name, created) VALUES (?1, ?2)");
	if (!st)
		return d->err;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)d->now);
	if ((rc = desk_step_done(d, st, "creating the organisation")))
		return rc;
	*id = sqlite3_last_insert_rowid(d->db);
	*stored = desk_xstrdup(name);
	return desk_event_add(d, "organisation", *id, "organisation", NULL, name);
}

static int set_org(struct desk *d, const struct desk_customer *cur, const char *name, int *n)
{
	int64_t oid = 0;
	char *stored = NULL;
	sqlite3_stmt *st;
	int rc;

	/* organisation names are unique without regard to ASCII case */
	if (cur->org && *name && sqlite3_stricmp(cur->org, name) == 0)
		return 0;
	if (!cur->org && !*name)
		return 0;
	if (*name && (rc = org_id(d, name, &oid, &stored)))
		goto out;
	st = desk_stmt(d, "UPDATE customers SET org_id = ?2 WHERE id = ?1");
	if (!st) {
		rc = d->err;
		goto out;
	}
	sqlite3_bind_int64(st, 1, cur->id);
	if (oid)
		sqlite3_bind_int64(st, 2, oid);
	if ((rc = desk_step_done(d, st, "changing the organisation")))
		goto out;
	if ((rc = desk_event_add(d, "customer", cur->id, "organisation", cur->org, stored)))
		goto out;
	/* SLA policies may pick tickets by organisation */
	if ((rc = desk_sla_retarget_customer(d, cur->id)))
		goto out;
	(*n)++;
out:
	free(stored);
	return rc;
}

int desk_customer_update(struct desk *d, int64_t id, const struct desk_customer_change *ch,
			 int *changed)
{
	struct desk_customer cur;
	sqlite3_stmt *st;
	int rc, n = 0;

	if (changed)
		*changed = 0;
	if ((rc = check_change(d, ch)))
		return rc;
	if ((rc = desk_tx_begin(d)))
		return rc;
	if ((rc = desk_customer_get(d, id, &cur)))
		goto out;
	if (ch->name && !same(cur.name, ch->name)) {
		if (!(st = desk_stmt(d, "UPDATE customers SET name = ?2 WHERE id = ?1"))) {
			rc = d->err;
			goto out;
		}
		sqlite3_bind_int64(st, 1, id);
		desk_bind_text(st, 2, or_null(ch->name));
		if ((rc = desk_step_done(d, st, "changing the name")) ||
		    (rc = desk_event_add(d, "customer", id, "name", cur.name, or_null(ch->name))))
			goto out;
		n++;
	}
	if (ch->org && (rc = set_org(d, &cur, ch->org, &n)))
		goto out;
	if (ch->notes && !same(cur.notes, ch->notes)) {
		if (!(st = desk_stmt(d, "UPDATE customers SET notes = ?2 WHERE id = ?1"))) {
			rc = d->err;
			goto out;
		}
		sqlite3_bind_int64(st, 1, id);
		desk_bind_text(st, 2, or_null(ch->notes));
		if ((rc = desk_step_done(d, st, "changing the notes")) ||
		    (rc = desk_event_add(d, "customer", id, "notes", cur.notes, or_null(ch->notes))))
			goto out;
		n++;
	}
out:
	desk_customer_release(&cur);
	rc = desk_tx_end(d, rc);
	if (!rc && changed)
		*changed = n;
	return rc;
}

int desk_org_list(struct desk *d, int (*fn)(void *arg, const struct desk_org_row *r), void *arg)
{
	sqlite3_stmt *st = desk_stmt(d,
		"SELECT o.id, o.name,"
		"  (SELECT count(*) FROM customers WHERE org_id = o.id),"
		"  (SELECT count(*) FROM tickets t JOIN customers c ON c.id = t.requester_id"
		"     WHERE c.org_id = o.id),"
		"  o.created"
		" FROM organisations o ORDER BY o.id");
	if (!st)
		return d->err;
	int rc, ret = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct desk_org_row r = {
			.id = sqlite3_column_int64(st, 0),
			.name = (const char *)sqlite3_column_text(st, 1),
			.customers = sqlite3_column_int64(st, 2),
			.tickets = sqlite3_column_int64(st, 3),
			.created = desk_col_time(st, 4),
		};
		if ((ret = fn(arg, &r)) != 0)
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = desk_db_fail(d, rc, "listing organisations");
	sqlite3_reset(st);
	return ret;
}
