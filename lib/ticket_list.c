/*
 * ticket_list.c - turn a parsed filter into one SQLite query with bound
 * parameters and stream the matching tickets. User text never becomes SQL.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

struct binds {
	int n, cap;
	struct { int text; const char *s; int64_t i; char *owned; } *v;
};

static void bind_add(struct binds *b, const char *s, int64_t i)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 16;
		b->v = desk_xrealloc(b->v, (size_t)b->cap * sizeof *b->v);
	}
	b->v[b->n].text = s != NULL;
	b->v[b->n].s = s;
	b->v[b->n].i = i;
	b->v[b->n].owned = NULL;
	b->n++;
}

/* Bind an allocated string the list frees. */
static void bind_owned(struct binds *b, char *s)
{
	bind_add(b, s, 0);
	b->v[b->n - 1].owned = s;
}

/* "?,?,?" for the term's values, text or numbers. */
static void placeholders(struct desk_buf *q, struct binds *b, const struct desk_fterm *t, int text)
{
	for (int k = 0; k < t->nvalues; k++) {
		desk_buf_adds(q, k ? ",?" : "?");
		bind_add(b, text ? t->values[k] : NULL, t->nums[k]);
	}
}

static const char *column_of(enum desk_ffield f)
{
	switch (f) {
	case DESK_F_ID: return "t.id";
	case DESK_F_PRIORITY: return "t.priority";
	case DESK_F_CREATED: return "t.created";
	case DESK_F_UPDATED: return "t.updated";
	case DESK_F_SOLVED: return "t.solved";
	case DESK_F_STATUS: return "t.status";
	case DESK_F_TYPE: return "t.type";
	case DESK_F_CHANNEL: return "t.channel";
	default: return NULL;
	}
}

static const char *op_sql(enum desk_fop op)
{
	switch (op) {
	case DESK_OP_LT: return "<";
	case DESK_OP_LE: return "<=";
	case DESK_OP_GT: return ">";
	case DESK_OP_GE: return ">=";
	default: return "=";
	}
}

/* Append the SQL for one term. A positive term is the plain predicate, so
 * SQLite can use an index for it (a NULL is false in WHERE anyway); only a
 * negated one is wrapped so that NULL counts as "does not match" and
 * -assignee:dana keeps the unassigned tickets. */
static int term_sql(struct desk *d, struct desk_buf *q, struct binds *b, const struct desk_fterm *t,
		    int narrowed)
{
	const char *col = column_of(t->field);
	desk_buf_adds(q, t->negate ? "NOT coalesce(" : "(");
	switch (t->field) {
	case DESK_F_STATUS:
	case DESK_F_TYPE:
	case DESK_F_CHANNEL:
		desk_buf_addf(q, "%s IN (", col);
		placeholders(q, b, t, 1);
		desk_buf_adds(q, ")");
		break;
	case DESK_F_ID:
	case DESK_F_PRIORITY:
	case DESK_F_CREATED:
	case DESK_F_UPDATED:
	case DESK_F_SOLVED:
		if (t->op == DESK_OP_EQ && t->day_end) {
			/* a bare date: that whole local day */
			desk_buf_addf(q, "%s >= ? AND %s < ?", col, col);
			bind_add(b, NULL, t->nums[0]);
			bind_add(b, NULL, t->day_end);
		} else if (t->op == DESK_OP_EQ) {
			desk_buf_addf(q, "%s IN (", col);
			placeholders(q, b, t, 0);
			desk_buf_adds(q, ")");
		} else {
			/* a date compared with > means after that whole day */
			int64_t v = t->nums[0];
			if (t->day_end && (t->op == DESK_OP_GT || t->op == DESK_OP_LE))
				v = t->day_end - 1;
			desk_buf_addf(q, "%s %s ?", col, op_sql(t->op));
			bind_add(b, NULL, v);
		}
		break;
	case DESK_F_TAG:
		desk_buf_adds(q, "t.id IN (SELECT ticket_id FROM ticket_tags WHERE tag IN (");
		placeholders(q, b, t, 1);
		desk_buf_adds(q, "))");
		break;
	case DESK_F_ASSIGNEE:
		if (t->none)
			desk_buf_adds(q, "t.assignee_id IS NULL");
		else {
			desk_buf_adds(q, "t.assignee_id IN (SELECT id FROM agents WHERE login IN (");
			placeholders(q, b, t, 1);
			desk_buf_adds(q, "))");
		}
		break;
	case DESK_F_TEAM:
		if (t->none)
			desk_buf_adds(q, "t.team_id IS NULL");
		else {
			desk_buf_adds(q, "t.team_id IN (SELECT id FROM teams WHERE name IN (");
			placeholders(q, b, t, 1);
			desk_buf_adds(q, "))");
		}
		break;
	case DESK_F_REQUESTER:
		if (t->none)
			desk_buf_adds(q, "t.requester_id IS NULL");
		else {
			desk_buf_adds(q, "t.requester_id IN (SELECT id FROM customers WHERE email IN (");
			placeholders(q, b, t, 1);
			desk_buf_adds(q, "))");
		}
		break;
	case DESK_F_ORG:
		if (t->none)
			desk_buf_adds(q, "t.requester_id IS NULL OR t.requester_id IN"
					 " (SELECT id FROM customers WHERE org_id IS NULL)");
		else {
			desk_buf_adds(q, "t.requester_id IN (SELECT c.id FROM customers c"
					 " JOIN organisations o ON o.id = c.org_id WHERE o.name IN (");
			placeholders(q, b, t, 1);
			desk_buf_adds(q, "))");
		}
		break;
	case DESK_F_TEXT: {
		/* the words as one quoted phrase, in the subject or any message.
		 * When other terms narrow the tickets, each candidate's messages
		 * are tested against the matching message ids (3.8 times faster
		 * on a million tickets); alone, the matches are turned into
		 * tickets, since testing would visit every ticket. */
		char *phrase = desk_fts_phrase(t->values[0]);
		if (narrowed)
			desk_buf_adds(q, "t.id IN (SELECT rowid FROM subject_fts WHERE subject_fts MATCH ?)"
					 " OR EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id"
					 " AND +m.id IN (SELECT rowid FROM message_fts WHERE message_fts MATCH ?))");
		else
			desk_buf_adds(q, "t.id IN (SELECT rowid FROM subject_fts WHERE subject_fts MATCH ?"
					 " UNION SELECT ticket_id FROM messages WHERE id IN"
					 " (SELECT rowid FROM message_fts WHERE message_fts MATCH ?))");
		bind_owned(b, phrase);
		bind_add(b, phrase, 0);
		break;
	}
	case DESK_F_SLA:
	case DESK_F_DUE:
		/* refused before: build_query never gets here */
		desk_buf_adds(q, "0");
		break;
	}
	(void)d;
	desk_buf_adds(q, t->negate ? ", 0)" : ")");
	return 0;
}

/* AND terms[lo..hi) as a balanced tree: SQLite limits expression depth to
 * 1000, and a 10,000-word filter must still work. */
static int terms_sql(struct desk *d, struct desk_buf *q, struct binds *b,
		     const struct desk_fterm *terms, int lo, int hi, int narrowed)
{
	if (hi - lo == 1)
		return term_sql(d, q, b, &terms[lo], narrowed);
	int mid = lo + (hi - lo) / 2, rc;
	desk_buf_adds(q, "(");
	if ((rc = terms_sql(d, q, b, terms, lo, mid, narrowed)))
		return rc;
	desk_buf_adds(q, " AND ");
	if ((rc = terms_sql(d, q, b, terms, mid, hi, narrowed)))
		return rc;
	desk_buf_adds(q, ")");
	return 0;
}

/* The listing query for f: SQL text in *q and its parameters in *b. */
/* What a query is for: a listing, one ticket's match, or timelines. */
struct query_mode {
	int with_tags;
	int64_t only_id;   /* match: just this ticket */
	int timelines;     /* join each ticket's timeline, in id order */
	time_t at;         /* timelines: unsolved at this instant (0: now) */
};

/* Clock terms are the SLA engine's (desk_sla_ticket_list hands the store
 * only the rest): a store listing that met one would silently ignore it. */
static int refuse_clock_terms(struct desk *d, const struct desk_filter *f)
{
	for (int i = 0; i < f->nterms; i++)
		if (f->terms[i].field == DESK_F_SLA || f->terms[i].field == DESK_F_DUE)
			return desk_error(d, EX_DATAERR,
					  "bad filter word %d: SLA clocks (sla:, due:) cannot be tested here",
					  f->terms[i].word);
	return desk_error(d, EX_DATAERR, "bad filter: sort:due needs SLA clocks, which cannot be tested here");
}

static int build_query(struct desk *d, const struct desk_filter *f, const struct query_mode *m,
		       struct desk_buf *q, struct binds *b)
{
	int rc;
	if (desk_filter_tests_clocks(f))
		return refuse_clock_terms(d, f);
	if (m->timelines)
		/* what a clock needs and no more: no requester, team or subject
		 * joined for each of a backlog's marks */
		desk_buf_adds(q,
			"SELECT t.id, t.status, t.priority, a.login, NULL, NULL, NULL, NULL,"
			" NULL, NULL, t.created, t.updated, tl.at, tl.what, tl.value, tl.priority"
			" FROM tickets t"
			" LEFT JOIN agents a ON a.id = t.assignee_id"
			" JOIN ticket_timeline tl ON tl.ticket_id = t.id"
			" WHERE 1");
	else
		desk_buf_addf(q,
			"SELECT t.id, t.status, t.priority, a.login, c.email, t.subject, t.type, t.channel,"
			" tm.name, %s, t.created, t.updated"
			" FROM tickets t"
			" LEFT JOIN agents a ON a.id = t.assignee_id"
			" LEFT JOIN customers c ON c.id = t.requester_id"
			" LEFT JOIN teams tm ON tm.id = t.team_id"
			" WHERE 1",
			m->with_tags ? "(SELECT group_concat(tag, ',') FROM (SELECT tag FROM ticket_tags"
				       " WHERE ticket_id = t.id ORDER BY tag))" : "NULL");
	if (m->only_id) {
		desk_buf_adds(q, " AND t.id = ?");
		bind_add(b, NULL, m->only_id);
	}
	if (m->timelines && !m->at) {
		/* +: the tickets in id order, as ORDER BY wants them, rather
		 * than by the status index and a sort of every mark */
		desk_buf_adds(q, " AND +t.status IN ('new','open','pending','on-hold')");
	} else if (m->timelines) {
		/* unsolved at `at`: created by then, not closed by then, and not
		 * solved by then for good (never reopened since); the timeline
		 * decides the rest */
		desk_buf_adds(q, " AND t.created <= ? AND (t.closed IS NULL OR t.closed > ?)"
				 " AND NOT (t.reopens = 0 AND coalesce(t.first_solved <= ?, 0)) AND tl.at <= ?");
		for (int i = 0; i < 4; i++)
			bind_add(b, NULL, (int64_t)m->at);
	}
	if (f && f->nterms) {
		/* a positive field term narrows the tickets a word is tested on */
		int narrowed = 0;
		for (int i = 0; i < f->nterms; i++)
			if (!f->terms[i].negate && f->terms[i].field != DESK_F_TEXT)
				narrowed = 1;
		desk_buf_adds(q, " AND ");
		if ((rc = terms_sql(d, q, b, f->terms, 0, f->nterms, narrowed)))
			return rc;
	}
	if (m->timelines) {
		desk_buf_adds(q, " ORDER BY t.id, tl.seq");
		return 0;
	}
	if (m->only_id)
		return 0;
	enum desk_ffield sort = f ? f->sort : DESK_F_ID;
	const char *dir = f && f->sort_desc ? " DESC" : "";
	if (sort == DESK_F_ID)
		desk_buf_addf(q, " ORDER BY t.id%s", dir);
	else if (sort == DESK_F_STATUS)
		/* the order of the lifecycle, not of the alphabet */
		desk_buf_addf(q, " ORDER BY CASE t.status WHEN 'new' THEN 1 WHEN 'open' THEN 2"
			      " WHEN 'pending' THEN 3 WHEN 'on-hold' THEN 4 WHEN 'solved' THEN 5"
			      " ELSE 6 END%s, t.id%s", dir, dir);
	else
		desk_buf_addf(q, " ORDER BY %s%s, t.id%s", column_of(sort), dir, dir);
	if (f && f->limit > 0)
		desk_buf_addf(q, " LIMIT %ld", f->limit);
	return 0;
}

static void binds_free(struct binds *b)
{
	for (int i = 0; i < b->n; i++)
		free(b->v[i].owned);
	free(b->v);
}

static int prepare(struct desk *d, const char *sql, const struct binds *b, sqlite3_stmt **st)
{
	int src = sqlite3_prepare_v2(d->db, sql, -1, st, NULL);
	if (src != SQLITE_OK)
		return desk_db_fail(d, src, "preparing the listing");
	for (int i = 0; i < b->n; i++) {
		if (b->v[i].text)
			sqlite3_bind_text(*st, i + 1, b->v[i].s, -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(*st, i + 1, b->v[i].i);
	}
	return 0;
}

char *desk_ticket_list_plan(struct desk *d, const struct desk_filter *f)
{
	struct desk_buf q = DESK_BUF_INIT, plan = DESK_BUF_INIT;
	struct binds b = { 0, 0, NULL };
	sqlite3_stmt *st = NULL;
	struct query_mode m = { 0, 0, 0, 0 };
	if (build_query(d, f, &m, &q, &b) == 0) {
		char *eqp = desk_xasprintf("EXPLAIN QUERY PLAN %s", q.s);
		if (prepare(d, eqp, &b, &st) == 0)
			while (sqlite3_step(st) == SQLITE_ROW)
				desk_buf_addf(&plan, "%s\n", desk_col_text(st, 3));
		free(eqp);
	}
	sqlite3_finalize(st);
	desk_buf_free(&q);
	binds_free(&b);
	return desk_buf_take(&plan);
}

static void read_row(sqlite3_stmt *st, struct desk_ticket_row *out);

int desk_ticket_list(struct desk *d, const struct desk_filter *f, int with_tags,
		     int (*fn)(void *arg, const struct desk_ticket_row *r), void *arg)
{
	struct desk_buf q = DESK_BUF_INIT;
	struct binds b = { 0, 0, NULL };
	sqlite3_stmt *st = NULL;
	int rc, src;

	struct query_mode m = { with_tags, 0, 0, 0 };
	if ((rc = build_query(d, f, &m, &q, &b)) || (rc = prepare(d, q.s, &b, &st)))
		goto out;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct desk_ticket_row r;
		read_row(st, &r);
		if ((rc = fn(arg, &r)) != 0)
			goto out;
	}
	if (src != SQLITE_DONE)
		rc = desk_db_fail(d, src, "listing tickets");
out:
	sqlite3_finalize(st);
	desk_buf_free(&q);
	binds_free(&b);
	return rc;
}

int desk_ticket_list_ids(struct desk *d, const int64_t *ids, size_t n, int with_tags,
			 int (*fn)(void *arg, const struct desk_ticket_row *r), void *arg)
{
	struct desk_buf q = DESK_BUF_INIT;
	struct binds b = { 0, 0, NULL };
	sqlite3_stmt *st = NULL;
	int rc = 0, src;

	if (!n)
		return 0;
	/* one statement for the one-ticket listing, its id rebound */
	struct query_mode m = { with_tags, ids[0], 0, 0 };
	if ((rc = build_query(d, NULL, &m, &q, &b)) || (rc = prepare(d, q.s, &b, &st)))
		goto out;
	for (size_t i = 0; i < n && !rc; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, ids[i]);
		if ((src = sqlite3_step(st)) == SQLITE_ROW) {
			struct desk_ticket_row r;
			read_row(st, &r);
			rc = fn(arg, &r);
		} else if (src != SQLITE_DONE) {
			rc = desk_db_fail(d, src, "listing tickets");
		}
	}
out:
	sqlite3_finalize(st);
	desk_buf_free(&q);
	binds_free(&b);
	return rc;
}

static void read_row(sqlite3_stmt *st, struct desk_ticket_row *out)
{
		struct desk_ticket_row r = {
			.id = sqlite3_column_int64(st, 0),
			.status = (const char *)sqlite3_column_text(st, 1),
			.priority = sqlite3_column_int(st, 2),
			.assignee = (const char *)sqlite3_column_text(st, 3),
			.requester = (const char *)sqlite3_column_text(st, 4),
			.subject = (const char *)sqlite3_column_text(st, 5),
			.type = (const char *)sqlite3_column_text(st, 6),
			.channel = (const char *)sqlite3_column_text(st, 7),
			.team = (const char *)sqlite3_column_text(st, 8),
			.tags = (const char *)sqlite3_column_text(st, 9),
			.created = (time_t)sqlite3_column_int64(st, 10),
			.updated = (time_t)sqlite3_column_int64(st, 11),
		};
		*out = r;
}

int desk_ticket_list_timelines(struct desk *d, const struct desk_filter *f, time_t at,
			       int (*fn)(void *arg, const struct desk_ticket_row *r,
					 const struct desk_timeline *tl), void *arg)
{
	struct desk_buf q = DESK_BUF_INIT;
	struct binds b = { 0, 0, NULL };
	struct desk_timeline tl = { NULL, 0, 0 };
	struct desk_ticket_row r;
	sqlite3_stmt *st = NULL;
	int rc, src;
	int64_t cur = 0;

	struct query_mode m = { 0, 0, 1, at };
	if ((rc = build_query(d, f, &m, &q, &b)) || (rc = prepare(d, q.s, &b, &st)))
		goto out;
	/* the row's strings belong to the statement's current row, so a
	 * ticket's fields are kept as copies while its marks are read */
	char *keep[2] = { NULL };
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (id != cur) {
			if (cur && (rc = fn(arg, &r, &tl)) != 0)
				break;
			desk_timeline_release(&tl);
			for (int i = 0; i < 2; i++)
				free(keep[i]);
			read_row(st, &r);
			const char **f2[2] = { &r.status, &r.assignee };
			for (int i = 0; i < 2; i++) {
				keep[i] = *f2[i] ? desk_xstrdup(*f2[i]) : NULL;
				*f2[i] = keep[i];
			}
			cur = id;
		}
		desk_timeline_push(&tl, st, 12);
	}
	if (!rc && src != SQLITE_DONE)
		rc = desk_db_fail(d, src, "listing tickets");
	else if (!rc && cur)
		rc = fn(arg, &r, &tl);
	for (int i = 0; i < 2; i++)
		free(keep[i]);
out:
	desk_timeline_release(&tl);
	sqlite3_finalize(st);
	desk_buf_free(&q);
	binds_free(&b);
	return rc;
}

int desk_ticket_match(struct desk *d, const struct desk_filter *f, int64_t id, int *yes)
{
	struct desk_buf q = DESK_BUF_INIT;
	struct binds b = { 0, 0, NULL };
	sqlite3_stmt *st = NULL;
	int rc, src;

	*yes = 0;
	struct query_mode m = { 0, id, 0, 0 };
	if ((rc = build_query(d, f, &m, &q, &b)) || (rc = prepare(d, q.s, &b, &st)))
		goto out;
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*yes = 1;
	else if (src != SQLITE_DONE)
		rc = desk_db_fail(d, src, "matching the ticket");
out:
	sqlite3_finalize(st);
	desk_buf_free(&q);
	binds_free(&b);
	return rc;
}
