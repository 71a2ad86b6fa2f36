/* event.c - the append-only event log (triggers in the schema refuse
 * UPDATE and DELETE on it). */
#include "internal.h"

int desk_event_add(struct desk *d, const char *entity, int64_t id, const char *field,
		   const char *old, const char *new_value)
{
	sqlite3_stmt *st = desk_stmt(d,
		"INSERT INTO events (entity, entity_id, at, real_at, actor, field, old, new)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	if (!st)
		return d->err;
	sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)d->now);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)time(NULL));
	sqlite3_bind_text(st, 5, desk_actor(d), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, field, -1, SQLITE_STATIC);
	desk_bind_text(st, 7, old);
	desk_bind_text(st, 8, new_value);
	return desk_step_done(d, st, "writing the event log");
}

int desk_event_list(struct desk *d, const char *entity, int64_t id,
		    int (*fn)(void *arg, const struct desk_event *e), void *arg)
{
	sqlite3_stmt *st = desk_stmt(d,
		"SELECT id, entity, entity_id, at, real_at, actor, field, old, new FROM events"
		" WHERE entity = ?1 AND entity_id = ?2 ORDER BY id");
	if (!st)
		return d->err;
	sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	int rc, ret = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct desk_event e = {
			.id = sqlite3_column_int64(st, 0),
			.entity = desk_col_text(st, 1),
			.entity_id = sqlite3_column_int64(st, 2),
			.at = (time_t)sqlite3_column_int64(st, 3),
			.real_at = (time_t)sqlite3_column_int64(st, 4),
			.actor = desk_col_text(st, 5),
			.field = desk_col_text(st, 6),
			.old = (const char *)sqlite3_column_text(st, 7),
			.new_value = (const char *)sqlite3_column_text(st, 8),
		};
		if ((ret = fn(arg, &e)) != 0)
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = desk_db_fail(d, rc, "reading the event log");
	sqlite3_reset(st);
	return ret;
}
