/*
 * agent.h - the agents who work tickets, and the teams they belong to.
 * An agent's login is their Unix account name: the event log's actor.
 */
#ifndef DESK_AGENT_H
#define DESK_AGENT_H

#include <stdint.h>

#include "desk/core.h"

extern const char *const desk_roles[]; /* agent, lead, manager; NULL-terminated */

/* Check a login or team name: 1 to 32 bytes of a-z 0-9 . _ -, starting
 * with a letter or digit, not "me" or "none". Returns 0 or EX_DATAERR. */
int desk_login_check(struct desk *d, const char *what, const char *name);

struct desk_agent {
	int64_t id;
	char *login, *name, *email, *role;
	char *teams;       /* comma-separated, sorted, or NULL */
	int active;
	long open_tickets; /* assigned and unsolved */
	time_t created;
};

/*
 * Add an agent. name, email and team may be NULL; role NULL is "agent".
 * Returns 0, EX_DATAERR (bad or taken login, bad role or email),
 * EX_NOINPUT (no such team).
 */
int desk_agent_add(struct desk *d, const char *login, const char *name, const char *email,
		   const char *role, const char *team);

/* Read agent `login` into a (fields allocated; desk_agent_release frees).
 * Returns 0 or EX_NOINPUT "no agent 'LOGIN'". */
int desk_agent_get(struct desk *d, const char *login, struct desk_agent *a);
void desk_agent_release(struct desk_agent *a);

/* Changes to an agent; NULL leaves a field, active -1 leaves it. */
struct desk_agent_change {
	const char *name, *email, *role;
	const char *team_add, *team_remove;
	int active;
};

/* Apply a change in one transaction with events. Returns 0, EX_NOINPUT,
 * EX_DATAERR. */
int desk_agent_update(struct desk *d, const char *login, const struct desk_agent_change *c);

/* Stream agents (only active ones unless all), optionally of one team,
 * ordered by login. Pointers in *a are valid during the callback. */
int desk_agent_list(struct desk *d, const char *team, int all,
		    int (*fn)(void *arg, const struct desk_agent *a), void *arg);

struct desk_team {
	int64_t id;
	const char *name, *description;
	long agents, open_tickets;
	time_t created;
};

/* Add a team (description may be NULL). Returns 0 or EX_DATAERR. */
int desk_team_add(struct desk *d, const char *name, const char *description);

/* Stream teams ordered by name; pointers valid during the callback. */
int desk_team_list(struct desk *d, int (*fn)(void *arg, const struct desk_team *t), void *arg);

/* The id of team `name` (EX_NOINPUT "no team 'NAME'" when none). */
int desk_team_id(struct desk *d, const char *name, int64_t *id);

#endif
