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
