/*
 * kb.c - knowledge-base articles: create, change (with versions), read,
 * list, history and links to tickets. The full-text index kb_fts is kept
 * here, in the writer's transaction (see schema.c, migration 3).
 */
#include "internal.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

const char *const desk_kb_statuses[] = { "draft", "published", "archived", NULL };
const char *const desk_kb_audiences[] = { "internal", "public", NULL };

static int in_list(const char *const *l, const char *s)
{
	for (; *l; l++)
		if (strcmp(*l, s) == 0)
			return 1;
	return 0;
}

static int check_title(struct desk *d, const char *t)
{
	size_t n = strlen(t);
	if (desk_text_check(d, "title", t, n))
		return d->err;
	if (strpbrk(t, "\r\n"))
		return desk_error(d, EX_DATAERR, "title has a line break");
	for (size_t i = 0; i < n; i++)
		if (t[i] != ' ' && t[i] != '\t')
			goto nonblank;
	return desk_error(d, EX_DATAERR, "empty title");
nonblank:
	if (n > DESK_KB_TITLE_MAX)
		return desk_error(d, EX_DATAERR, "title longer than %d bytes", DESK_KB_TITLE_MAX);
	return 0;
}

static int check_lang(struct desk *d, const char *l)
{
	size_t n = strlen(l);
	if (n < 2 || n > 12)
		goto bad;
	for (size_t i = 0; i < n; i++)
		if (!((l[i] >= 'a' && l[i] <= 'z') || l[i] == '-'))
			goto bad;
	return 0;
bad: {
	char q[24];
	return desk_error(d, EX_DATAERR, "bad language '%s' (a code such as vi, zh, en, zh-tw)",
			  desk_clip(q, sizeof q, l));
}
}

/* Normalised, sorted, unique tags joined by spaces into *out (allocated). */
static int tag_string(struct desk *d, const char *const *tags, size_t n, char **out)
{
	char **norm = desk_xcalloc(n + 1, sizeof *norm);
	size_t k = 0;
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		char t[DESK_TAG_MAX + 1];
		if ((rc = desk_tag_normalise(d, tags[i], t)))
			goto out;
		size_t j = 0;
		while (j < k && strcmp(norm[j], t) < 0)
			j++;
		if (j < k && strcmp(norm[j], t) == 0)
			continue;
		memmove(norm + j + 1, norm + j, (k - j) * sizeof *norm);
		norm[j] = desk_xstrdup(t);
		k++;
	}
	struct desk_buf b = DESK_BUF_INIT;
	desk_buf_add(&b, "", 0);
	for (size_t i = 0; i < k; i++) {
		if (i)
			desk_buf_addc(&b, ' ');
		desk_buf_adds(&b, norm[i]);
	}
	*out = desk_buf_take(&b);
out:
	for (size_t i = 0; i < k; i++)
		free(norm[i]);
	free(norm);
	return rc;
}

static int check_draft(struct desk *d, const struct desk_article_draft *a, int creating, int body_optional)
{
	int rc;
	if (creating && !a->title)
		return desk_error(d, EX_USAGE, "a title is required");
	if (a->title && (rc = check_title(d, a->title)))
		return rc;
	if (creating && !a->body && !body_optional)
		return desk_error(d, EX_DATAERR, "empty article: nothing written");
	if (a->body && (rc = desk_body_check(d, a->body, a->body_len)))
		return rc;
	if (a->lang && (rc = check_lang(d, a->lang)))
		return rc;
	if (a->status && !in_list(desk_kb_statuses, a->status))
		return desk_error(d, EX_DATAERR, "bad status '%s' (draft, published, archived)", a->status);
	if (a->audience && !in_list(desk_kb_audiences, a->audience))
		return desk_error(d, EX_DATAERR, "bad audience '%s' (internal, public)", a->audience);
	if (a->owner && (rc = desk_login_check(d, "owner", a->owner)))
		return rc;
	char t[DESK_TAG_MAX + 1];
	for (size_t i = 0; i < a->ntags; i++)
		if ((rc = desk_tag_normalise(d, a->tags[i], t)))
			return rc;
	return 0;
}

int desk_kb_check(struct desk *d, const struct desk_article_draft *a, int creating, int body_optional)
{
	return check_draft(d, a, creating, body_optional);
}

static int fts_change(struct desk *d, int64_t id, const char *title, const char *tags, const char *body,
		      int remove)
{
	sqlite3_stmt *st = remove
		? desk_stmt(d, "INSERT INTO kb_fts (kb_fts, rowid, title, tags, body)"
			       " VALUES ('delete', ?1, ?2, ?3, ?4)")
		: desk_stmt(d, "INSERT INTO kb_fts (rowid, title, tags, body) VALUES (?1, ?2, ?3, ?4)");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, tags, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, body, -1, SQLITE_STATIC);
	return desk_step_done(d, st, "indexing the article");
}

static int set_tags(struct desk *d, int64_t id, const char *tags)
{
	sqlite3_stmt *st = desk_stmt(d, "DELETE FROM kb_tags WHERE article_id = ?1");
	int rc;
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = desk_step_done(d, st, "tagging the article")))
		return rc;
	char *copy = desk_xstrdup(tags), *save = NULL;
	for (char *t = strtok_r(copy, " ", &save); t && !rc; t = strtok_r(NULL, " ", &save)) {
		st = desk_stmt(d, "INSERT INTO kb_tags (article_id, tag) VALUES (?1, ?2)");
		if (!st) {
			rc = d->err;
			break;
		}
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, t, -1, SQLITE_TRANSIENT);
		rc = desk_step_done(d, st, "tagging the article");
	}
	free(copy);
	return rc;
}

int desk_kb_create(struct desk *d, const struct desk_article_draft *a, int64_t *id)
{
	char *tags = NULL;
	int rc;
	if ((rc = check_draft(d, a, 1, 0)) || (rc = tag_string(d, a->tags, a->ntags, &tags)))
		return rc;
	const char *lang = a->lang ? a->lang : desk_lang_guess(a->body);
	if ((rc = desk_tx_begin(d))) {
		free(tags);
		return rc;
	}
	sqlite3_stmt *st = desk_stmt(d,
		"INSERT INTO kb_articles (title, body, tags, lang, status, audience, owner, author,"
		" review_by, version_at, created, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?10)");
	if (!st) {
		rc = d->err;
		goto out;
	}
	sqlite3_bind_text(st, 1, a->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, a->body, (int)a->body_len, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, tags, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, a->status ? a->status : "draft", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, a->audience ? a->audience : "internal", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, a->owner ? a->owner : desk_actor(d), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, desk_actor(d), -1, SQLITE_STATIC);
	if (a->review_by)
		sqlite3_bind_int64(st, 9, (sqlite3_int64)a->review_by);
	sqlite3_bind_int64(st, 10, (sqlite3_int64)d->now);
	if ((rc = desk_step_done(d, st, "creating the article")))
		goto out;
	*id = sqlite3_last_insert_rowid(d->db);
	/* the index reads the body as stored: bind it NUL-terminated */
	char *body = desk_xstrndup(a->body, a->body_len);
	rc = fts_change(d, *id, a->title, tags, body, 0);
	free(body);
	if (rc || (rc = set_tags(d, *id, tags)))
		goto out;
	rc = desk_event_add(d, "article", *id, "article", NULL, "created");
out:
	free(tags);
	return desk_tx_end(d, rc);
}

int desk_kb_get(struct desk *d, int64_t id, int version, struct desk_article *a)
{
	memset(a, 0, sizeof *a);
	sqlite3_stmt *st = desk_stmt(d,
		"SELECT a.id, a.title, a.body, a.tags, a.lang, a.status, a.audience, a.owner, a.author,"
		" a.review_by, a.version, a.created, a.updated, a.version_at,"
		" (SELECT count(*) FROM kb_links WHERE article_id = a.id)"
		" FROM kb_articles a WHERE a.id = ?1");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, id);
	int rc = desk_step_row(d, st, "reading the article");
	if (rc == DESK_NO_ROW)
		return desk_error(d, EX_NOINPUT, "no article '%lld'", (long long)id);
	if (rc)
		return rc;
	a->id = sqlite3_column_int64(st, 0);
	a->title = desk_col_strdup(st, 1);
	a->body = desk_col_strdup(st, 2);
	a->tags = desk_col_strdup(st, 3);
	a->lang = desk_col_strdup(st, 4);
	a->status = desk_col_strdup(st, 5);
	a->audience = desk_col_strdup(st, 6);
	a->owner = desk_col_strdup(st, 7);
	a->author = desk_col_strdup(st, 8);
	a->review_by = desk_col_time(st, 9);
	a->version = a->versions = sqlite3_column_int(st, 10);
	a->created = desk_col_time(st, 11);
	a->updated = desk_col_time(st, 12);
	a->version_at = desk_col_time(st, 13);
	a->uses = sqlite3_column_int(st, 14);
	sqlite3_reset(st);
	if (version == 0 || version == a->version)
		return 0;
	st = desk_stmt(d, "SELECT title, body, tags, author, created FROM kb_versions"
			  " WHERE article_id = ?1 AND version = ?2");
	if (!st) {
		desk_kb_release(a);
		return d->err;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, version);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		free(a->title);
		free(a->body);
		free(a->tags);
		free(a->author);
		a->title = desk_col_strdup(st, 0);
		a->body = desk_col_strdup(st, 1);
		a->tags = desk_col_strdup(st, 2);
		a->author = desk_col_strdup(st, 3);
		a->version_at = desk_col_time(st, 4);
		a->version = version;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	int versions = a->versions;
	desk_kb_release(a);
	if (rc != SQLITE_DONE)
		return desk_db_fail(d, rc, "reading the article");
	return desk_error(d, EX_NOINPUT, "article '%lld' has no version %d (it has 1 to %d)", (long long)id,
			  version, versions);
}

void desk_kb_release(struct desk_article *a)
{
	free(a->title);
	free(a->body);
	free(a->tags);
	free(a->lang);
	free(a->status);
	free(a->audience);
	free(a->owner);
	free(a->author);
	memset(a, 0, sizeof *a);
}

/* A metadata field: column names are fixed here, never user text. */
static int set_meta(struct desk *d, const struct desk_article *cur, const char *field, const char *v)
{
	sqlite3_stmt *st;
	const char *old;
	if (strcmp(field, "status") == 0) {
		st = desk_stmt(d, "UPDATE kb_articles SET status = ?2 WHERE id = ?1");
		old = cur->status;
	} else if (strcmp(field, "audience") == 0) {
		st = desk_stmt(d, "UPDATE kb_articles SET audience = ?2 WHERE id = ?1");
		old = cur->audience;
	} else if (strcmp(field, "lang") == 0) {
		st = desk_stmt(d, "UPDATE kb_articles SET lang = ?2 WHERE id = ?1");
		old = cur->lang;
	} else {
		st = desk_stmt(d, "UPDATE kb_articles SET owner = ?2 WHERE id = ?1");
		old = cur->owner;
	}
	if (!st)
		return d->err;
	if (strcmp(old, v) == 0)
		return 0;
	sqlite3_bind_int64(st, 1, cur->id);
	sqlite3_bind_text(st, 2, v, -1, SQLITE_STATIC);
	int rc = desk_step_done(d, st, "changing the article");
	return rc ? rc : desk_event_add(d, "article", cur->id, field, old, v) ? d->err : 1;
}

static int set_review(struct desk *d, const struct desk_article *cur, time_t when)
{
	if (when == cur->review_by)
		return 0;
	sqlite3_stmt *st = desk_stmt(d, "UPDATE kb_articles SET review_by = ?2 WHERE id = ?1");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, cur->id);
	if (when)
		sqlite3_bind_int64(st, 2, (sqlite3_int64)when);
	int rc = desk_step_done(d, st, "changing the article");
	if (rc)
		return rc;
	char a[40] = "", b[40] = "";
	if (cur->review_by)
		desk_time_iso(cur->review_by, a, sizeof a);
	if (when)
		desk_time_iso(when, b, sizeof b);
	return desk_event_add(d, "article", cur->id, "review_by", *a ? a : NULL, *b ? b : NULL) ? d->err : 1;
}

/* Keep the current version in the history and write the new one. */
static int new_version(struct desk *d, const struct desk_article *cur, const char *title,
		       const char *body, const char *tags)
{
	sqlite3_stmt *st = desk_stmt(d,
		"INSERT INTO kb_versions (article_id, version, title, body, tags, author, created)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	int rc;
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, cur->id);
	sqlite3_bind_int(st, 2, cur->version);
	sqlite3_bind_text(st, 3, cur->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, cur->body, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, cur->tags, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, cur->author, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)cur->version_at);
	if ((rc = desk_step_done(d, st, "keeping the old version")) ||
	    (rc = fts_change(d, cur->id, cur->title, cur->tags, cur->body, 1)))
		return rc;
	st = desk_stmt(d,
		"UPDATE kb_articles SET title = ?2, body = ?3, tags = ?4, version = version + 1,"
		" author = ?5, version_at = ?6, updated = ?6 WHERE id = ?1");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, cur->id);
	sqlite3_bind_text(st, 2, title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, body, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, tags, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, desk_actor(d), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)d->now);
	if ((rc = desk_step_done(d, st, "writing the new version")) ||
	    (rc = fts_change(d, cur->id, title, tags, body, 0)))
		return rc;
	if (strcmp(tags, cur->tags) != 0 && (rc = set_tags(d, cur->id, tags)))
		return rc;
	char a[16], b[16];
	snprintf(a, sizeof a, "%d", cur->version);
	snprintf(b, sizeof b, "%d", cur->version + 1);
	return desk_event_add(d, "article", cur->id, "version", a, b);
}

int desk_kb_update(struct desk *d, int64_t id, const struct desk_article_draft *c, int *changed)
{
	struct desk_article cur;
	char *tags = NULL, *body = NULL;
	int rc, any = 0;

	if (changed)
		*changed = 0;
	if ((rc = check_draft(d, c, 0, 1)))
		return rc;
	if (c->set_tags && (rc = tag_string(d, c->tags, c->ntags, &tags)))
		return rc;
	if ((rc = desk_tx_begin(d))) {
		free(tags);
		return rc;
	}
	if ((rc = desk_kb_get(d, id, 0, &cur)))
		goto out_nocur;
	body = c->body ? desk_xstrndup(c->body, c->body_len) : NULL;
	const char *nt = c->title ? c->title : cur.title;
	const char *nb = body ? body : cur.body;
	const char *ng = tags ? tags : cur.tags;
	if (strcmp(nt, cur.title) || strcmp(nb, cur.body) || strcmp(ng, cur.tags)) {
		if ((rc = new_version(d, &cur, nt, nb, ng)))
			goto out;
		any = 1;
	}
	const char *fields[][2] = { { "status", c->status }, { "audience", c->audience },
				    { "lang", c->lang }, { "owner", c->owner } };
	for (int i = 0; i < 4; i++) {
		if (!fields[i][1])
			continue;
		if ((rc = set_meta(d, &cur, fields[i][0], fields[i][1])) < 0 || rc > 1)
			goto out;
		any |= rc;
		rc = 0;
	}
	if (c->set_review) {
		if ((rc = set_review(d, &cur, c->review_by)) > 1)
			goto out;
		any |= rc;
		rc = 0;
	}
	if (any && !strcmp(nt, cur.title) && !strcmp(nb, cur.body) && !strcmp(ng, cur.tags)) {
		/* metadata only: the version stays, the article was still touched */
		sqlite3_stmt *st = desk_stmt(d, "UPDATE kb_articles SET updated = ?2 WHERE id = ?1");
		if (!st) {
			rc = d->err;
			goto out;
		}
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)d->now);
		rc = desk_step_done(d, st, "changing the article");
	}
	if (!rc && changed)
		*changed = any;
out:
	desk_kb_release(&cur);
out_nocur:
	free(body);
	free(tags);
	return desk_tx_end(d, rc);
}

int desk_kb_list(struct desk *d, const struct desk_kb_filter *f,
		 int (*fn)(void *arg, const struct desk_kb_row *r), void *arg)
{
	sqlite3_stmt *st = desk_stmt(d,
		"SELECT a.id, a.title, a.tags, a.lang, a.status, a.audience, a.owner, a.version,"
		" (SELECT count(*) FROM kb_links WHERE article_id = a.id), a.review_by, a.updated"
		" FROM kb_articles a"
		" WHERE (?1 IS NULL OR a.id IN (SELECT article_id FROM kb_tags WHERE tag = ?1))"
		" AND (?2 IS NULL OR a.status = ?2) AND (?3 IS NULL OR a.audience = ?3)"
		" AND (?4 = 0 OR (a.review_by < ?5 AND a.status <> 'archived'))"
		" ORDER BY a.id");
	char tag[DESK_TAG_MAX + 1];
	int rc, ret = 0;
	if (!st)
		return d->err;
	if (f && f->tag) {
		if ((rc = desk_tag_normalise(d, f->tag, tag)))
			return rc;
		sqlite3_bind_text(st, 1, tag, -1, SQLITE_TRANSIENT);
	}
	if (f && f->status)
		sqlite3_bind_text(st, 2, f->status, -1, SQLITE_STATIC);
	if (f && f->audience)
		sqlite3_bind_text(st, 3, f->audience, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, f && f->stale);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)d->now);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct desk_kb_row r = {
			.id = sqlite3_column_int64(st, 0),
			.title = desk_col_text(st, 1),
			.tags = desk_col_text(st, 2),
			.lang = desk_col_text(st, 3),
			.status = desk_col_text(st, 4),
			.audience = desk_col_text(st, 5),
			.owner = desk_col_text(st, 6),
			.version = sqlite3_column_int(st, 7),
			.uses = sqlite3_column_int(st, 8),
			.review_by = desk_col_time(st, 9),
			.updated = desk_col_time(st, 10),
		};
		if ((ret = fn(arg, &r)) != 0)
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = desk_db_fail(d, rc, "listing articles");
	sqlite3_reset(st);
	return ret;
}

int desk_kb_history(struct desk *d, int64_t id,
		    int (*fn)(void *arg, const struct desk_kb_version *v), void *arg)
{
	sqlite3_stmt *st = desk_stmt(d,
		"SELECT version, title, author, created, length(CAST(body AS BLOB)) FROM kb_versions"
		" WHERE article_id = ?1"
		" UNION ALL"
		" SELECT version, title, author, version_at, length(CAST(body AS BLOB)) FROM kb_articles WHERE id = ?1"
		" ORDER BY 1");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, id);
	int rc, ret = 0, n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct desk_kb_version v = {
			.version = sqlite3_column_int(st, 0),
			.title = desk_col_text(st, 1),
			.author = desk_col_text(st, 2),
			.created = desk_col_time(st, 3),
			.chars = sqlite3_column_int(st, 4),
		};
		n++;
		if ((ret = fn(arg, &v)) != 0)
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = desk_db_fail(d, rc, "reading the history");
	sqlite3_reset(st);
	if (!ret && n == 0)
		ret = desk_error(d, EX_NOINPUT, "no article '%lld'", (long long)id);
	return ret;
}

int desk_kb_link(struct desk *d, int64_t ticket, int64_t article)
{
	struct desk_ticket t;
	struct desk_article a;
	int rc;
	if ((rc = desk_tx_begin(d)))
		return rc;
	if ((rc = desk_ticket_get(d, ticket, &t)))
		return desk_tx_end(d, rc);
	desk_ticket_release(&t);
	if ((rc = desk_kb_get(d, article, 0, &a)))
		return desk_tx_end(d, rc);
	desk_kb_release(&a);
	sqlite3_stmt *st = desk_stmt(d,
		"INSERT OR IGNORE INTO kb_links (ticket_id, article_id, actor, created) VALUES (?1, ?2, ?3, ?4)");
	if (!st)
		return desk_tx_end(d, d->err);
	sqlite3_bind_int64(st, 1, ticket);
	sqlite3_bind_int64(st, 2, article);
	sqlite3_bind_text(st, 3, desk_actor(d), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)d->now);
	if ((rc = desk_step_done(d, st, "linking the article")) || sqlite3_changes(d->db) == 0)
		return desk_tx_end(d, rc);
	char num[24];
	snprintf(num, sizeof num, "%lld", (long long)article);
	rc = desk_event_add(d, "ticket", ticket, "article", NULL, num);
	return desk_tx_end(d, rc);
}
