/*
 * floor-assign.c - the floor for `ticket-assign LOGIN ID` and
 * `ticket-assign -u ID`: the same SQLite work with nothing around it.
 *
 *   DESK_DB=FILE floor-assign LOGIN ID
 *   DESK_DB=FILE floor-assign -u ID
 *
 * The connection is opened as lib/db.c opens it (floor.h), then what
 * cmd/ticket-assign.c and lib/assign.c run, prepared the same way
 * (persistent): for an assignment the agent is looked up once before the
 * transaction (an unknown or inactive agent is refused before any id is
 * read); then in one BEGIN IMMEDIATE transaction the agent again, the
 * ticket (desk_ticket_get), and when it changes the UPDATE and the event
 * (who: the Unix account). A ticket that is new, closed, or assigned to
 * someone else is refused here (the bench never asks for those; libdesk
 * would also move a new ticket to open, which the floor does not mirror).
 *
 * Mirrors libdesk's SQL as of schema 3; run.sh checks that both write the
 * same rows.
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "floor.h"

/* lib/agent.c: AGENT_SELECT with desk_agent_get's WHERE */
#define AGENT_SQL \
	"SELECT a.id, a.login, a.name, a.email, a.role, a.active, a.created," \
	" (SELECT group_concat(name, ',') FROM (SELECT t.name FROM agent_teams x" \
	"   JOIN teams t ON t.id = x.team_id WHERE x.agent_id = a.id ORDER BY t.name))," \
	" (SELECT count(*) FROM tickets k WHERE k.assignee_id = a.id" \
	"   AND k.status IN ('new','open','pending','on-hold'))" \
	" FROM agents a WHERE a.login = ?1"

static sqlite3_stmt *stmt(const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
		fail(sql);
	return st;
}

/* desk_agent_get: the agent's id, exits when unknown or inactive. */
static sqlite3_int64 agent(sqlite3_stmt *st, const char *login)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		if (rc != SQLITE_DONE)
			fail("finding the agent");
		fprintf(stderr, "floor-assign: no agent '%s'\n", login);
		exit(66);
	}
	sqlite3_int64 id = sqlite3_column_int64(st, 0);
	int active = sqlite3_column_int(st, 5);
	sqlite3_reset(st);
	if (!active) {
		fprintf(stderr, "floor-assign: agent '%s' is inactive\n", login);
		exit(65);
	}
	return id;
}

int main(int argc, char **argv)
{
	const char *login = NULL, *ids;
	char *end;
	if (argc == 3 && strcmp(argv[1], "-u") == 0) {
		ids = argv[2];
	} else if (argc == 3) {
		login = argv[1];
		ids = argv[2];
	} else {
		goto usage;
	}
	long long id = strtoll(ids[0] == '#' ? ids + 1 : ids, &end, 10);
	if (*end || id <= 0)
		goto usage;
	sqlite3_int64 now = (sqlite3_int64)time(NULL);
	struct passwd *pw = getpwuid(geteuid());
	char actor[64];
	if (pw && pw->pw_name && *pw->pw_name)
		snprintf(actor, sizeof actor, "%s", pw->pw_name);
	else
		snprintf(actor, sizeof actor, "uid:%lu", (unsigned long)geteuid());

	floor_open("floor-assign");
	sqlite3_stmt *ag = login ? stmt(AGENT_SQL) : NULL;
	sqlite3_int64 agent_id = 0;
	if (login)
		agent_id = agent(ag, login); /* cmd/ticket-assign.c, before any id */

	/* lib/assign.c: desk_ticket_assign */
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		fail("BEGIN IMMEDIATE");
	if (login)
		agent_id = agent(ag, login);
	sqlite3_stmt *tk = stmt(
		FLOOR_TICKET_GET);
	sqlite3_bind_int64(tk, 1, id);
	if (sqlite3_step(tk) != SQLITE_ROW)
		fail("reading the ticket");
	char status[16], old[64] = "";
	snprintf(status, sizeof status, "%s", (const char *)sqlite3_column_text(tk, 2));
	int had = sqlite3_column_type(tk, 8) != SQLITE_NULL;
	if (had)
		snprintf(old, sizeof old, "%s", (const char *)sqlite3_column_text(tk, 8));
	sqlite3_reset(tk);
	sqlite3_stmt *up = NULL, *ev = NULL;
	if (login ? (had && strcmp(old, login) == 0) : !had)
		goto commit; /* already so */
	if (strcmp(status, "new") == 0 || strcmp(status, "closed") == 0 || (login && had)) {
		fprintf(stderr, "floor-assign: ticket '#%lld' is %s%s%s: not a case the floor mirrors\n", id,
			status, had ? ", assigned to " : "", old);
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return 65;
	}
	up = stmt("UPDATE tickets SET assignee_id = ?2, updated = ?3 WHERE id = ?1");
	sqlite3_bind_int64(up, 1, id);
	if (login)
		sqlite3_bind_int64(up, 2, agent_id);
	sqlite3_bind_int64(up, 3, now);
	if (sqlite3_step(up) != SQLITE_DONE)
		fail("assigning the ticket");
	sqlite3_reset(up);
	/* lib/event.c: desk_event_add */
	ev = stmt("INSERT INTO events (entity, entity_id, at, real_at, actor, field, old, new)"
		  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	sqlite3_bind_text(ev, 1, "ticket", -1, SQLITE_STATIC);
	sqlite3_bind_int64(ev, 2, id);
	sqlite3_bind_int64(ev, 3, now);
	sqlite3_bind_int64(ev, 4, (sqlite3_int64)time(NULL));
	sqlite3_bind_text(ev, 5, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(ev, 6, "assignee", -1, SQLITE_STATIC);
	if (had)
		sqlite3_bind_text(ev, 7, old, -1, SQLITE_STATIC);
	if (login)
		sqlite3_bind_text(ev, 8, login, -1, SQLITE_STATIC);
	if (sqlite3_step(ev) != SQLITE_DONE)
		fail("writing the event log");
	sqlite3_reset(ev);
commit:
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		fail("COMMIT");
	sqlite3_finalize(ag);
	sqlite3_finalize(tk);
	sqlite3_finalize(up);
	sqlite3_finalize(ev);
	sqlite3_close(db);
	return fflush(stdout) ? 74 : 0;

usage:
	fputs("usage: DESK_DB=FILE floor-assign LOGIN ID\n       DESK_DB=FILE floor-assign -u ID\n", stderr);
	return 64;
}
