/* agent.c - agents and teams. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

const char *const desk_roles[] = { "agent", "lead", "manager", NULL };

static int role_valid(const char *r)
{
	for (int i = 0; desk_roles[i]; i++)
		if (strcmp(desk_roles[i], r) == 0)
			return 1;
	return 0;
}

int desk_login_check(struct desk *d, const char *what, const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 32)
		goto bad;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		goto bad;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			goto bad;
	}
	if (strcmp(s, "me") == 0 || strcmp(s, "none") == 0)
		return desk_error(d, EX_DATAERR, "'%s' is a reserved word, not a name for a %s", s, what);
	return 0;
bad:
	if (!desk_utf8_valid(s, n))
		return desk_error(d, EX_DATAERR, "invalid UTF-8 in %s name", what);
	char q[80];
	return desk_error(d, EX_DATAERR,
			  "bad %s name '%s' (1 to 32 of a-z 0-9 . _ -, starting with a letter or digit)",
			  what, desk_clip(q, sizeof q, s));
}

static int check_text(struct desk *d, const char *what, const char *s, size_t max)
{
	size_t n = strlen(s);
	if (desk_text_check(d, what, s, n))
		return d->err;
	if (n > max || strpbrk(s, "\r\n"))
		return desk_error(d, EX_DATAERR, "bad %s: one line of at most %zu bytes", what, max);
	return 0;
}

int desk_team_id(struct desk *d, const char *name, int64_t *id)
{
	return desk_team_lookup(d, name, id, NULL);
}

int desk_team_lookup(struct desk *d, const char *name, int64_t *id, char **stored)
{
	sqlite3_stmt *st = desk_stmt(d, "SELECT id, name FROM teams WHERE name = ?1");
	if (!st)
		return d->err;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int rc = desk_step_row(d, st, "finding the team");
	if (rc == DESK_NO_ROW)
		return desk_error(d, EX_NOINPUT, "no team '%s' (create it with team-add)", name);
	if (rc)
		return rc;
	*id = sqlite3_column_int64(st, 0);
	if (stored)
		*stored = desk_col_strdup(st, 1);
	sqlite3_reset(st);
	return 0;
}

static int join_team(struct desk *d, int64_t agent, const char *login, const char *team, int join)
{
	int64_t tid;
	int rc;
	if ((rc = desk_team_id(d, team, &tid)))
		return rc;
	sqlite3_stmt *st = join
		? desk_stmt(d, "INSERT OR IGNORE INTO agent_teams (agent_id, team_id) VALUES (?1, ?2)")
		: desk_stmt(d, "DELETE FROM agent_teams WHERE agent_id = ?1 AND team_id = ?2");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, agent);
	sqlite3_bind_int64(st, 2, tid);
	if ((rc = desk_step_done(d, st, "changing the team")))
		return rc;
	(void)login;
	if (sqlite3_changes(d->db) == 0)
		return 0;
	return desk_event_add(d, "agent", agent, "team", join ? NULL : team, join ? team : NULL);
}

int desk_agent_add(struct desk *d, const char *login, const char *name, const char *email,
		   const char *role, const char *team)
{
	int rc;
	if (!role)
		role = "agent";
	if ((rc = desk_login_check(d, "agent", login)))
		return rc;
	if (!role_valid(role))
		return desk_error(d, EX_DATAERR, "bad role '%s' (agent, lead, manager)", role);
	if (name && (rc = check_text(d, "name", name, 200)))
		return rc;
	if (email && (rc = desk_email_check(d, email)))
		return rc;
	if ((rc = desk_tx_begin(d)))
		return rc;
	sqlite3_stmt *st = desk_stmt(d,
		"INSERT INTO agents (login, name, email, role, created) VALUES (?1, ?2, ?3, ?4, ?5)"
		" ON CONFLICT (login) DO NOTHING");
	if (!st)
		return desk_tx_end(d, d->err);
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	desk_bind_text(st, 2, name);
	desk_bind_text(st, 3, email);
	sqlite3_bind_text(st, 4, role, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)d->now);
	if ((rc = desk_step_done(d, st, "adding the agent")))
		return desk_tx_end(d, rc);
	if (sqlite3_changes(d->db) == 0)
		return desk_tx_end(d, desk_error(d, EX_DATAERR, "agent '%s' exists already", login));
	int64_t id = sqlite3_last_insert_rowid(d->db);
	if ((rc = desk_event_add(d, "agent", id, "agent", NULL, login)))
		return desk_tx_end(d, rc);
	if (team)
		rc = join_team(d, id, login, team, 1);
	return desk_tx_end(d, rc);
}

/* A macro, not an array: desk_stmt caches on the literal's address and
 * desk_agent_get needs the same columns with its own WHERE. */
#define AGENT_SELECT \
	"SELECT a.id, a.login, a.name, a.email, a.role, a.active, a.created," \
	" (SELECT group_concat(name, ',') FROM (SELECT t.name FROM agent_teams x" \
	"   JOIN teams t ON t.id = x.team_id WHERE x.agent_id = a.id ORDER BY t.name))," \
	" (SELECT count(*) FROM tickets k WHERE k.assignee_id = a.id" \
	"   AND k.status IN ('new','open','pending','on-hold'))" \
	" FROM agents a"

static void agent_from_row(sqlite3_stmt *st, struct desk_agent *a, int copy)
{
	a->id = sqlite3_column_int64(st, 0);
	a->active = sqlite3_column_int(st, 5);
	a->created = (time_t)sqlite3_column_int64(st, 6);
	a->open_tickets = sqlite3_column_int(st, 8);
	if (copy) {
		a->login = desk_col_strdup(st, 1);
		a->name = desk_col_strdup(st, 2);
		a->email = desk_col_strdup(st, 3);
		a->role = desk_col_strdup(st, 4);
		a->teams = desk_col_strdup(st, 7);
	} else {
		a->login = (char *)sqlite3_column_text(st, 1);
		a->name = (char *)sqlite3_column_text(st, 2);
		a->email = (char *)sqlite3_column_text(st, 3);
		a->role = (char *)sqlite3_column_text(st, 4);
		a->teams = (char *)sqlite3_column_text(st, 7);
	}
}

int desk_agent_get(struct desk *d, const char *login, struct desk_agent *a)
{
	memset(a, 0, sizeof *a);
	sqlite3_stmt *st = desk_stmt(d, AGENT_SELECT " WHERE a.login = ?1");
	if (!st)
		return d->err;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	int rc = desk_step_row(d, st, "finding the agent");
	if (rc == DESK_NO_ROW)
		return desk_error(d, EX_NOINPUT, "no agent '%s' (add it with agent-add)", login);
	if (rc)
		return rc;
	agent_from_row(st, a, 1);
	sqlite3_reset(st);
	return 0;
}

void desk_agent_release(struct desk_agent *a)
{
	free(a->login);
	free(a->name);
	free(a->email);
	free(a->role);
	free(a->teams);
	memset(a, 0, sizeof *a);
}

static int set_agent_text(struct desk *d, const struct desk_agent *a, const char *field, const char *v)
{
	sqlite3_stmt *st;
	const char *old;
	if (strcmp(field, "name") == 0) {
		st = desk_stmt(d, "UPDATE agents SET name = ?2 WHERE id = ?1");
		old = a->name;
	} else if (strcmp(field, "email") == 0) {
		st = desk_stmt(d, "UPDATE agents SET email = ?2 WHERE id = ?1");
		old = a->email;
	} else {
		st = desk_stmt(d, "UPDATE agents SET role = ?2 WHERE id = ?1");
		old = a->role;
	}
	if (!st)
		return d->err;
	if (v && !*v)
		v = NULL; /* an empty value clears the field */
	if (old ? v && strcmp(old, v) == 0 : !v)
		return 0;
	sqlite3_bind_int64(st, 1, a->id);
	desk_bind_text(st, 2, v);
	int rc = desk_step_done(d, st, "updating the agent");
	return rc ? rc : desk_event_add(d, "agent", a->id, field, old, v);
}

int desk_agent_update(struct desk *d, const char *login, const struct desk_agent_change *c)
{
	struct desk_agent a;
	int rc;
	if (c->role && !role_valid(c->role))
		return desk_error(d, EX_DATAERR, "bad role '%s' (agent, lead, manager)", c->role);
	if (c->name && (rc = check_text(d, "name", c->name, 200)))
		return rc;
	if (c->email && *c->email && (rc = desk_email_check(d, c->email)))
		return rc;
	if ((rc = desk_tx_begin(d)))
		return rc;
	if ((rc = desk_agent_get(d, login, &a)))
		return desk_tx_end(d, rc);
	if (c->name)
		rc = set_agent_text(d, &a, "name", c->name);
	if (!rc && c->email)
		rc = set_agent_text(d, &a, "email", c->email);
	if (!rc && c->role)
		rc = set_agent_text(d, &a, "role", c->role);
	if (!rc && c->team_add)
		rc = join_team(d, a.id, login, c->team_add, 1);
	if (!rc && c->team_remove)
		rc = join_team(d, a.id, login, c->team_remove, 0);
	if (!rc && c->active >= 0 && c->active != a.active) {
		sqlite3_stmt *st = desk_stmt(d, "UPDATE agents SET active = ?2 WHERE id = ?1");
		if (!st) {
			rc = d->err;
		} else {
			sqlite3_bind_int64(st, 1, a.id);
			sqlite3_bind_int(st, 2, c->active ? 1 : 0);
			if (!(rc = desk_step_done(d, st, "updating the agent")))
				rc = desk_event_add(d, "agent", a.id, "active", a.active ? "yes" : "no",
						    c->active ? "yes" : "no");
		}
	}
	desk_agent_release(&a);
	return desk_tx_end(d, rc);
}

int desk_agent_list(struct desk *d, const char *team, int all,
		    int (*fn)(void *arg, const struct desk_agent *a), void *arg)
{
	struct desk_buf q = DESK_BUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc, ret = 0;
	desk_buf_adds(&q, AGENT_SELECT);
	desk_buf_adds(&q, " WHERE (?1 OR a.active)");
	if (team)
		desk_buf_adds(&q, " AND a.id IN (SELECT agent_id FROM agent_teams x JOIN teams t"
				  " ON t.id = x.team_id WHERE t.name = ?2)");
	desk_buf_adds(&q, " ORDER BY a.login");
	rc = sqlite3_prepare_v2(d->db, q.s, -1, &st, NULL);
	desk_buf_free(&q);
	if (rc != SQLITE_OK)
		return desk_db_fail(d, rc, "listing agents");
	sqlite3_bind_int(st, 1, all);
	if (team)
		sqlite3_bind_text(st, 2, team, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct desk_agent a;
		agent_from_row(st, &a, 0);
		if ((ret = fn(arg, &a)) != 0)
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = desk_db_fail(d, rc, "listing agents");
	sqlite3_finalize(st);
	return ret;
}

int desk_team_add(struct desk *d, const char *name, const char *description)
{
	int rc;
	if ((rc = desk_login_check(d, "team", name)))
		return rc;
	if (description && (rc = check_text(d, "description", description, 500)))
		return rc;
	if ((rc = desk_tx_begin(d)))
		return rc;
	sqlite3_stmt *st = desk_stmt(d,
		"INSERT INTO teams (name, description, created) VALUES (?1, ?2, ?3)"
		" ON CONFLICT (name) DO NOTHING");
	if (!st)
		return desk_tx_end(d, d->err);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	desk_bind_text(st, 2, description);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)d->now);
	if ((rc = desk_step_done(d, st, "adding the team")))
		return desk_tx_end(d, rc);
	if (sqlite3_changes(d->db) == 0)
		return desk_tx_end(d, desk_error(d, EX_DATAERR, "team '%s' exists already", name));
	rc = desk_event_add(d, "team", sqlite3_last_insert_rowid(d->db), "team", NULL, name);
	return desk_tx_end(d, rc);
}

int desk_team_list(struct desk *d, int (*fn)(void *arg, const struct desk_team *t), void *arg)
{
	sqlite3_stmt *st = desk_stmt(d,
		"SELECT t.id, t.name, t.description, t.created,"
		" (SELECT count(*) FROM agent_teams x JOIN agents a ON a.id = x.agent_id"
		"   WHERE x.team_id = t.id AND a.active),"
		" (SELECT count(*) FROM tickets k WHERE k.team_id = t.id"
		"   AND k.status IN ('new','open','pending','on-hold'))"
		" FROM teams t ORDER BY t.name");
	if (!st)
		return d->err;
	int rc, ret = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct desk_team t = {
			.id = sqlite3_column_int64(st, 0),
			.name = desk_col_text(st, 1),
			.description = (const char *)sqlite3_column_text(st, 2),
			.created = (time_t)sqlite3_column_int64(st, 3),
			.agents = sqlite3_column_int(st, 4),
			.open_tickets = sqlite3_column_int(st, 5),
		};
		if ((ret = fn(arg, &t)) != 0)
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = desk_db_fail(d, rc, "listing teams");
	sqlite3_reset(st);
	return ret;
}
