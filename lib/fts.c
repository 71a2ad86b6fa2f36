/*
 * fts.c - keeps the full-text indexes of ticket subjects and messages in
 * step with their tables. Every writer of a subject or a message body calls
 * these inside its own transaction (see migration 2 in schema.c for why
 * this is not done by triggers).
 */
#include "internal.h"

int desk_fts_subject_add(struct desk *d, int64_t id, const char *subject)
{
	sqlite3_stmt *st = desk_stmt(d, "INSERT INTO subject_fts (rowid, subject) VALUES (?1, ?2)");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, subject, -1, SQLITE_STATIC);
	return desk_step_done(d, st, "indexing the subject");
}

int desk_fts_subject_remove(struct desk *d, int64_t id, const char *old_subject)
{
	sqlite3_stmt *st = desk_stmt(d,
		"INSERT INTO subject_fts (subject_fts, rowid, subject) VALUES ('delete', ?1, ?2)");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, old_subject, -1, SQLITE_STATIC);
	return desk_step_done(d, st, "indexing the subject");
}

int desk_fts_message_add(struct desk *d, int64_t msg_id, const char *body, size_t len)
{
	sqlite3_stmt *st = desk_stmt(d, "INSERT INTO message_fts (rowid, body) VALUES (?1, ?2)");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, msg_id);
	sqlite3_bind_text(st, 2, body, (int)len, SQLITE_STATIC);
	return desk_step_done(d, st, "indexing the message");
}

/*
 * The user's text as one FTS5 phrase: wrapped in double quotes with inner
 * quotes doubled, so operators (NEAR, AND, -, *, :, parentheses) are only
 * words. Allocated; the caller frees it.
 */
char *desk_fts_phrase(const char *text)
{
	struct desk_buf b = DESK_BUF_INIT;
	desk_buf_addc(&b, '"');
	for (const char *p = text; *p; p++) {
		if (*p == '"')
			desk_buf_addc(&b, '"');
		desk_buf_addc(&b, *p);
	}
	desk_buf_addc(&b, '"');
	return desk_buf_take(&b);
}
