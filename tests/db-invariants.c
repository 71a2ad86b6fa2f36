/*
 * db-invariants - test helper for the torture tests: open the database as
 * a command would (libdesk: hot journals rolled back, tokenizer
 * registered) and check that no change was ever half made:
 *  - PRAGMA integrity_check and foreign_key_check are clean, and the
 *    full-text indexes pass FTS5's integrity-check;
 *  - every ticket has exactly one creation event and at least one message;
 *  - every message has its event, and every event names a message that exists;
 *  - each ticket's status, priority and assignee equal the newest value
 *    its event log records (or the creation value when none);
 *  - every tag a ticket carries was logged as added;
 *  - every article has its creation event and its versions are 1..N;
 *  - each ticket's timeline starts with status new at its creation, has
 *    one mark per status event and per public message, and ends in the
 *    ticket's status;
 *  - every SLA notice has exactly one sla.warning or sla.breached event.
 * With -b FILE, every line of FILE must be the body of exactly one message.
 * Prints each violation; exits 0 only when there is none.
 * usage: db-invariants [-b FILE] DB
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "desk.h"

static int bad;

/* Run a query whose rows are violations; print them. */
static void none(sqlite3 *db, const char *what, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		printf("%s: cannot check: %s\n", what, sqlite3_errmsg(db));
		bad = 1;
		return;
	}
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n++ < 5)
			printf("%s: %s %s %s\n", what, sqlite3_column_text(st, 0),
			       sqlite3_column_count(st) > 1 ? (const char *)sqlite3_column_text(st, 1) : "",
			       sqlite3_column_count(st) > 2 ? (const char *)sqlite3_column_text(st, 2) : "");
		bad = 1;
	}
	if (n > 5)
		printf("%s: ... %d in all\n", what, n);
	sqlite3_finalize(st);
}

static void exec_ok(sqlite3 *db, const char *what, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		printf("%s: %s\n", what, err ? err : "failed");
		bad = 1;
	}
	sqlite3_free(err);
}

int main(int argc, char **argv)
{
	const char *bodies = NULL;
	int ch;
	while ((ch = getopt(argc, argv, "b:")) != -1) {
		if (ch == 'b')
			bodies = optarg;
		else
			return 64;
	}
	if (optind != argc - 1) {
		fprintf(stderr, "usage: db-invariants [-b FILE] DB\n");
		return 64;
	}
	struct desk d;
	desk_init(&d);
	d.busy_timeout_ms = 20000;
	if (desk_open(&d, argv[optind], DESK_OPEN_READ)) {
		printf("open: %s\n", d.errmsg);
		return 1;
	}
	sqlite3 *db = d.db;
	none(db, "integrity", "SELECT integrity_check FROM pragma_integrity_check WHERE integrity_check <> 'ok'");
	none(db, "foreign key", "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check");
	exec_ok(db, "subject index", "INSERT INTO subject_fts (subject_fts) VALUES ('integrity-check')");
	exec_ok(db, "message index", "INSERT INTO message_fts (message_fts) VALUES ('integrity-check')");
	exec_ok(db, "article index", "INSERT INTO kb_fts (kb_fts) VALUES ('integrity-check')");
	none(db, "ticket without one creation event",
	     "SELECT t.id FROM tickets t WHERE (SELECT count(*) FROM events e WHERE e.entity = 'ticket'"
	     " AND e.entity_id = t.id AND e.field = 'ticket' AND e.new = 'created') <> 1");
	none(db, "creation event without its ticket",
	     "SELECT e.entity_id FROM events e WHERE e.entity = 'ticket' AND e.field = 'ticket'"
	     " AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = e.entity_id)");
	none(db, "ticket without a message",
	     "SELECT t.id FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id)");
	none(db, "message without its event",
	     "SELECT m.id, m.ticket_id FROM messages m WHERE m.id > (SELECT min(id) FROM messages x"
	     " WHERE x.ticket_id = m.ticket_id) AND NOT EXISTS (SELECT 1 FROM events e WHERE e.entity = 'ticket'"
	     " AND e.entity_id = m.ticket_id AND e.field IN ('reply', 'note', 'comment') AND e.new = CAST(m.id AS TEXT))");
	none(db, "message event without its message",
	     "SELECT e.entity_id, e.new FROM events e WHERE e.entity = 'ticket' AND e.field IN ('reply','note','comment')"
	     " AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = CAST(e.new AS INTEGER))");
	none(db, "status differs from the log",
	     "SELECT t.id, t.status, (SELECT e.new FROM events e WHERE e.entity = 'ticket' AND e.entity_id = t.id"
	     " AND e.field = 'status' ORDER BY e.id DESC LIMIT 1) AS logged FROM tickets t"
	     " WHERE t.status <> coalesce(logged, 'new')");
	none(db, "priority differs from the log",
	     "SELECT t.id, t.priority, (SELECT e.new FROM events e WHERE e.entity = 'ticket' AND e.entity_id = t.id"
	     " AND e.field = 'priority' ORDER BY e.id DESC LIMIT 1) AS logged FROM tickets t"
	     " WHERE logged IS NOT NULL AND logged <> CASE t.priority WHEN 1 THEN 'low' WHEN 2 THEN 'normal'"
	     " WHEN 3 THEN 'high' ELSE 'urgent' END");
	none(db, "assignee differs from the log",
	     "SELECT t.id, a.login, (SELECT coalesce(e.new, '-') FROM events e WHERE e.entity = 'ticket'"
	     " AND e.entity_id = t.id AND e.field = 'assignee' ORDER BY e.id DESC LIMIT 1) AS logged"
	     " FROM tickets t LEFT JOIN agents a ON a.id = t.assignee_id"
	     " WHERE coalesce(a.login, '-') <> coalesce(logged, '-')");
	none(db, "tag added without an event",
	     "SELECT g.ticket_id, g.tag FROM ticket_tags g WHERE g.tag LIKE 'bulk%' AND NOT EXISTS"
	     " (SELECT 1 FROM events e WHERE e.entity = 'ticket' AND e.entity_id = g.ticket_id"
	     " AND e.field = 'tag' AND e.new = g.tag)");
	none(db, "tag event without its tag",
	     "SELECT e.entity_id, e.new FROM events e WHERE e.entity = 'ticket' AND e.field = 'tag' AND e.new LIKE 'bulk%'"
	     " AND NOT EXISTS (SELECT 1 FROM ticket_tags g WHERE g.ticket_id = e.entity_id AND g.tag = e.new)");
	none(db, "article without its creation event",
	     "SELECT a.id FROM kb_articles a WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.entity = 'article'"
	     " AND e.entity_id = a.id AND e.field = 'article')");
	none(db, "article versions not 1..N",
	     "SELECT a.id, a.version, (SELECT count(*) FROM kb_versions v WHERE v.article_id = a.id) AS n"
	     " FROM kb_articles a WHERE n <> a.version - 1");
	none(db, "timeline not begun with status new at creation",
	     "SELECT t.id FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM ticket_timeline tl WHERE tl.ticket_id = t.id"
	     " AND tl.seq = (SELECT min(seq) FROM ticket_timeline x WHERE x.ticket_id = t.id)"
	     " AND tl.what = 'status' AND tl.value = 'new' AND tl.at = t.created)");
	none(db, "status marks differ from the status events",
	     "SELECT t.id, (SELECT count(*) FROM ticket_timeline tl WHERE tl.ticket_id = t.id AND tl.what = 'status') AS m,"
	     " (SELECT count(*) FROM events e WHERE e.entity = 'ticket' AND e.entity_id = t.id AND e.field = 'status') AS e"
	     " FROM tickets t WHERE m <> e + 1");
	none(db, "timeline does not end in the ticket's status",
	     "SELECT t.id, t.status FROM tickets t WHERE t.status <> (SELECT tl.value FROM ticket_timeline tl"
	     " WHERE tl.ticket_id = t.id AND tl.what = 'status' ORDER BY tl.seq DESC LIMIT 1)");
	none(db, "message marks differ from the public messages",
	     "SELECT t.id, (SELECT count(*) FROM ticket_timeline tl WHERE tl.ticket_id = t.id"
	     " AND tl.what IN ('reply', 'customer')) AS m,"
	     " (SELECT count(*) FROM messages g WHERE g.ticket_id = t.id AND g.kind <> 'note') AS g"
	     " FROM tickets t WHERE m <> g");
	none(db, "SLA notice without exactly one event",
	     "SELECT n.ticket_id, n.metric, n.cycle FROM sla_notices n WHERE (SELECT count(*) FROM events e"
	     " WHERE e.entity = 'ticket' AND e.entity_id = n.ticket_id"
	     " AND e.field = CASE n.kind WHEN 'breached' THEN 'sla.breached' ELSE 'sla.warning' END"
	     " AND e.new = n.metric || ' cycle ' || n.cycle) <> 1");
	if (bodies) {
		FILE *fp = fopen(bodies, "r");
		char line[4096];
		sqlite3_stmt *st;
		sqlite3_prepare_v2(db, "SELECT count(*) FROM messages WHERE body = ?1", -1, &st, NULL);
		while (fp && fgets(line, sizeof line, fp)) {
			line[strcspn(line, "\n")] = '\0';
			sqlite3_bind_text(st, 1, line, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) != 1) {
				printf("message '%s' stored %d times\n", line, sqlite3_column_int(st, 0));
				bad = 1;
			}
			sqlite3_reset(st);
		}
		sqlite3_finalize(st);
		if (fp)
			fclose(fp);
	}
	desk_release(&d);
	return bad;
}
