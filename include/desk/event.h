/*
 * event.h - the append-only event log. Every change to a ticket (and to
 * customers, agents, teams) writes one event per field in the same
 * transaction: who, when, what field, old value, new value.
 */
#ifndef DESK_EVENT_H
#define DESK_EVENT_H

#include <stdint.h>

#include "desk/core.h"

/*
 * Append an event for entity ("ticket", "customer", ...) number id. The
 * actor is desk_actor(d); `at` is d->now and the real wall-clock time is
 * kept beside it. old and new may be NULL. Returns 0 or an error status.
 * Call it inside the transaction that makes the change.
 */
int desk_event_add(struct desk *d, const char *entity, int64_t id, const char *field,
		   const char *old, const char *new_value);

/* An event as read back; pointers are valid during the callback. */
struct desk_event {
	int64_t id, entity_id;
	const char *entity, *actor, *field, *old, *new_value; /* old/new may be NULL */
	time_t at, real_at;
};

/* Stream the events of one entity, oldest first. fn returns 0 to go on.
 * Returns 0, fn's value, or an error status. */
int desk_event_list(struct desk *d, const char *entity, int64_t id,
		    int (*fn)(void *arg, const struct desk_event *e), void *arg);

#endif
