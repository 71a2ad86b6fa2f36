/*
 * schema.c - the database schema, as numbered migrations.
 *
 * migrations[i] brings a database from user_version i to i + 1. Never edit a
 * migration that has shipped: add the next one. Each runs in the write
 * transaction that desk_open takes when the version is behind.
 */
#include "internal.h"

#include <stdio.h>

static const char *const migrations[] = {
	/* 0 -> 1: the foundation */
	"CREATE TABLE organisations (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL UNIQUE COLLATE NOCASE,\n"
	"  notes TEXT,\n"
	"  created INTEGER NOT NULL\n"
	");\n"
	"CREATE TABLE customers (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  email TEXT NOT NULL UNIQUE COLLATE NOCASE,\n"
	"  name TEXT,\n"
	"  org_id INTEGER REFERENCES organisations(id),\n"
	"  notes TEXT,\n"
	"  created INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX customers_org ON customers(org_id);\n"
	"CREATE TABLE teams (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL UNIQUE COLLATE NOCASE,\n"
	"  description TEXT,\n"
	"  created INTEGER NOT NULL\n"
	");\n"
	"CREATE TABLE agents (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  login TEXT NOT NULL UNIQUE,\n"
	"  name TEXT,\n"
	"  email TEXT,\n"
	"  role TEXT NOT NULL DEFAULT 'agent' CHECK (role IN ('agent','lead','manager')),\n"
	"  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),\n"
	"  created INTEGER NOT NULL\n"
	");\n"
	"CREATE TABLE agent_teams (\n"
	"  agent_id INTEGER NOT NULL REFERENCES agents(id),\n"
	"  team_id INTEGER NOT NULL REFERENCES teams(id),\n"
	"  PRIMARY KEY (agent_id, team_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX agent_teams_team ON agent_teams(team_id);\n"
	/* priority is 1 low .. 4 urgent so that priority:>=high is a range */
	"CREATE TABLE tickets (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  subject TEXT NOT NULL,\n"
	"  status TEXT NOT NULL DEFAULT 'new'\n"
	"    CHECK (status IN ('new','open','pending','on-hold','solved','closed')),\n"
	"  priority INTEGER NOT NULL DEFAULT 2 CHECK (priority BETWEEN 1 AND 4),\n"
	"  type TEXT NOT NULL,\n"
	"  channel TEXT NOT NULL,\n"
	"  requester_id INTEGER REFERENCES customers(id),\n"
	"  assignee_id INTEGER REFERENCES agents(id),\n"
	"  team_id INTEGER REFERENCES teams(id),\n"
	"  parent_id INTEGER REFERENCES tickets(id),\n"
	"  created INTEGER NOT NULL,\n"
	"  updated INTEGER NOT NULL,\n"
	"  first_response INTEGER,\n"
	"  solved INTEGER,\n"
	"  closed INTEGER\n"
	");\n"
	"CREATE INDEX tickets_status_priority ON tickets(status, priority);\n"
	"CREATE INDEX tickets_assignee ON tickets(assignee_id, status);\n"
	"CREATE INDEX tickets_team ON tickets(team_id, status);\n"
	"CREATE INDEX tickets_requester ON tickets(requester_id);\n"
	"CREATE INDEX tickets_created ON tickets(created);\n"
	"CREATE INDEX tickets_updated ON tickets(updated);\n"
	"CREATE INDEX tickets_parent ON tickets(parent_id) WHERE parent_id IS NOT NULL;\n"
	"CREATE TABLE ticket_tags (\n"
	"  ticket_id INTEGER NOT NULL REFERENCES tickets(id),\n"
	"  tag TEXT NOT NULL,\n"
	"  PRIMARY KEY (ticket_id, tag)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX ticket_tags_tag ON ticket_tags(tag, ticket_id);\n"
	/* the conversation: kind customer (from the requester), reply (public,
	 * from an agent), note (internal, never a response) */
	"CREATE TABLE messages (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  ticket_id INTEGER NOT NULL REFERENCES tickets(id),\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('customer','reply','note')),\n"
	"  agent_id INTEGER REFERENCES agents(id),\n"
	"  customer_id INTEGER REFERENCES customers(id),\n"
	"  author TEXT NOT NULL,\n"
	"  body TEXT NOT NULL,\n"
	"  created INTEGER NOT NULL,\n"
	"  message_id TEXT\n"
	");\n"
	"CREATE INDEX messages_ticket ON messages(ticket_id, id);\n"
	"CREATE INDEX messages_message_id ON messages(message_id) WHERE message_id IS NOT NULL;\n"
	/* the append-only event log: at is desk time ($DESK_NOW may move it),
	 * real_at the wall clock of the write, so nothing is quietly backdated */
	"CREATE TABLE events (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  entity TEXT NOT NULL,\n"
	"  entity_id INTEGER NOT NULL,\n"
	"  at INTEGER NOT NULL,\n"
	"  real_at INTEGER NOT NULL,\n"
	"  actor TEXT NOT NULL,\n"
	"  field TEXT NOT NULL,\n"
	"  old TEXT,\n"
	"  new TEXT\n"
	");\n"
	"CREATE INDEX events_entity ON events(entity, entity_id, id);\n"
	"CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events\n"
	"  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;\n"
	"CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events\n"
	"  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;\n",

	/* 1 -> 2: the ticket lifecycle and free-text search with the desk
	 * tokenizer (lib/tokenize.c: Vietnamese folded, CJK pairs). first_solved and
	 * reopens serve first-resolution and reopen-rate reports; solved is
	 * the last solve (NULL while reopened). The full-text indexes use
	 * external content and are kept by lib/fts.c in the writer's
	 * transaction, not by triggers: with trusted_schema off (a shared file
	 * must not run planted trigger code) triggers may not write to FTS5. */
	"ALTER TABLE tickets ADD COLUMN first_solved INTEGER;\n"
	"ALTER TABLE tickets ADD COLUMN reopens INTEGER NOT NULL DEFAULT 0;\n"
	"UPDATE tickets SET first_solved = solved WHERE solved IS NOT NULL;\n"
	"CREATE INDEX tickets_solved ON tickets(solved) WHERE solved IS NOT NULL;\n"
	"CREATE VIRTUAL TABLE subject_fts USING fts5(subject, content='tickets', content_rowid='id',\n"
	"  tokenize='desk');\n"
	"CREATE VIRTUAL TABLE message_fts USING fts5(body, content='messages', content_rowid='id',\n"
	"  tokenize='desk');\n"
	"INSERT INTO subject_fts(subject_fts) VALUES ('rebuild');\n"
	"INSERT INTO message_fts(message_fts) VALUES ('rebuild');\n",

	/* 2 -> 3: the knowledge base. kb_articles holds the current version;
	 * kb_versions every version an edit replaced. tags is kept beside
	 * kb_tags as one space-separated string because the full-text index
	 * (external content, desk tokenizer, kept by lib/kb.c) reads its
	 * columns from kb_articles. */
	"CREATE TABLE kb_articles (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  title TEXT NOT NULL,\n"
	"  body TEXT NOT NULL,\n"
	"  tags TEXT NOT NULL DEFAULT '',\n"
	"  lang TEXT NOT NULL,\n"
	"  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published','archived')),\n"
	"  audience TEXT NOT NULL DEFAULT 'internal' CHECK (audience IN ('internal','public')),\n"
	"  owner TEXT NOT NULL,\n"
	"  author TEXT NOT NULL,\n"
	"  review_by INTEGER,\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  version_at INTEGER NOT NULL,\n"
	"  created INTEGER NOT NULL,\n"
	"  updated INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX kb_articles_status ON kb_articles(status, audience);\n"
	/* covers the filter of a search, so ranking never reads article rows */
	"CREATE INDEX kb_articles_filter ON kb_articles(id, status, audience);\n"
	"CREATE INDEX kb_articles_review ON kb_articles(review_by) WHERE review_by IS NOT NULL;\n"
	"CREATE TABLE kb_tags (\n"
	"  article_id INTEGER NOT NULL REFERENCES kb_articles(id),\n"
	"  tag TEXT NOT NULL,\n"
	"  PRIMARY KEY (article_id, tag)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX kb_tags_tag ON kb_tags(tag, article_id);\n"
	"CREATE TABLE kb_versions (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  article_id INTEGER NOT NULL REFERENCES kb_articles(id),\n"
	"  version INTEGER NOT NULL,\n"
	"  title TEXT NOT NULL,\n"
	"  body TEXT NOT NULL,\n"
	"  tags TEXT NOT NULL,\n"
	"  author TEXT NOT NULL,\n"
	"  created INTEGER NOT NULL,\n"
	"  UNIQUE (article_id, version)\n"
	");\n"
	"CREATE TABLE kb_links (\n"
	"  ticket_id INTEGER NOT NULL REFERENCES tickets(id),\n"
	"  article_id INTEGER NOT NULL REFERENCES kb_articles(id),\n"
	"  actor TEXT NOT NULL,\n"
	"  created INTEGER NOT NULL,\n"
	"  PRIMARY KEY (ticket_id, article_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX kb_links_article ON kb_links(article_id);\n"
	"CREATE VIRTUAL TABLE kb_fts USING fts5(title, tags, body, content='kb_articles',\n"
	"  content_rowid='id', tokenize='desk');\n",

	/* 3 -> 4: the team policy (desk-policy(5)): every version of the one
	 * YAML document, append-only. effective is desk time ($DESK_NOW may
	 * move it) from which the version is in force; real_at the wall clock
	 * of the load, so a version cannot be quietly backdated. */
	"CREATE TABLE policy_versions (\n"
	"  version INTEGER PRIMARY KEY,\n"
	"  effective INTEGER NOT NULL,\n"
	"  real_at INTEGER NOT NULL,\n"
	"  author TEXT NOT NULL,\n"
	"  source TEXT NOT NULL,\n"
	"  sha256 TEXT NOT NULL,\n"
	"  text TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX policy_versions_effective ON policy_versions(effective, version);\n"
	"CREATE TRIGGER policy_versions_append_only_update BEFORE UPDATE ON policy_versions\n"
	"  BEGIN SELECT RAISE(ABORT, 'policy versions are append-only'); END;\n"
	"CREATE TRIGGER policy_versions_append_only_delete BEFORE DELETE ON policy_versions\n"
	"  BEGIN SELECT RAISE(ABORT, 'policy versions are append-only'); END;\n",

	/* 4 -> 5: the SLA engine (lib/sla). ticket_timeline is each ticket's
	 * compact history as the SLA clocks see it (statuses entered, public
	 * messages, the policy and priority targets were taken for), written
	 * by the ticket writers in their transaction, so a check reads a few
	 * small rows per ticket instead of its events and message bodies.
	 * sla_notices remembers which warnings and breaches were announced,
	 * so overlapping cron runs announce each once. The timelines of the
	 * tickets already there come from their events and messages. */
	"CREATE TABLE ticket_timeline (\n"
	"  ticket_id INTEGER NOT NULL REFERENCES tickets(id),\n"
	"  seq INTEGER NOT NULL,\n"
	"  at INTEGER NOT NULL,\n"
	"  what TEXT NOT NULL CHECK (what IN ('status','customer','reply','target')),\n"
	"  value TEXT,\n"
	"  priority INTEGER,\n"
	"  PRIMARY KEY (ticket_id, seq)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE sla_notices (\n"
	"  ticket_id INTEGER NOT NULL REFERENCES tickets(id),\n"
	"  metric TEXT NOT NULL,\n"
	"  cycle INTEGER NOT NULL,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('warning','breached')),\n"
	"  at INTEGER NOT NULL,\n"
	"  PRIMARY KEY (ticket_id, metric, cycle, kind)\n"
	") WITHOUT ROWID;\n"
	DESK_TIMELINE_REBUILD_SQL,
};

#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int desk_schema_latest(void)
{
	return NMIGRATIONS;
}

/* Apply migrations from version `from` up to the latest; the caller holds
 * the write transaction. */
int desk_schema_migrate(struct desk *d, int from)
{
	int rc;
	for (int v = from; v < NMIGRATIONS; v++) {
		if ((rc = desk_exec(d, migrations[v])) != 0)
			return rc;
	}
	char sql[96];
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d;",
		 DESK_APPLICATION_ID, NMIGRATIONS);
	return desk_exec(d, sql);
}
