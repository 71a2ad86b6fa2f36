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

#endif
