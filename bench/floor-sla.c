/*
 * floor-sla.c - the floor for `sla-check -o tsv` and `sla-check --at T -o
 * tsv`: the SQLite work the check must do, without the SLA engine.
 *
 *   DESK_DB=FILE floor-sla [-m] [-p] [-a EPOCH]
 *
 * The connection is opened as lib/db.c opens it (floor.h). Then, as
 * sla-check does: the team policy in force at the instant (lib/policy
 * store.c's statement; its text is read and kept, not parsed), and the
 * tickets unsolved at the instant with their timelines, by the statement
 * lib/ticket_list.c builds for desk_ticket_list_timelines with no filter:
 * the columns a clock needs, each ticket joined to its ticket_timeline
 * rows, read in id and seq order (the status test written +t.status, so
 * no sort); for now, the tickets whose status is new, open,
 * pending or on-hold; for -a T, the tickets created by T and not closed by
 * then, nor solved for good by then (never reopened and first solved by
 * T), with their marks up to T.
 *
 * Each ticket's marks are read once: the policy and priority of its last
 * target mark (no policy: no rows), whether a reply came (else the first
 * response is running, from the creation), whether a customer message
 * came after the last reply (a next-response cycle, from it), and for -a
 * whether the status entered last by T is solved or closed (the ticket was
 * solved then: no rows). The running clocks get a due time by plain wall
 * seconds from their start (a fixed target per priority and metric: no
 * calendar, no pauses, no business time), state breached or ok, and the
 * rows are sorted by due, id and metric and printed as sla-check prints
 * tsv: id, metric, state, due (ISO 8601 with offset), remaining (seconds),
 * policy, priority, assignee. So the rows are about those of sla-check
 * (the same tickets and metrics) but not the same bytes: what the floor
 * leaves out is the engine itself (the policy parsed, its calendars, the
 * clocks' business-time arithmetic) and the output layer.
 *
 * -m drops the status, created and updated columns too: a reference form.
 * -p prints EXPLAIN QUERY PLAN for the statement instead of running it.
 * -a EPOCH: the state at that instant (sla-check --at).
 *
 * "Now" is the clock, as for sla-check without $DESK_NOW. Mirrors
 * libdesk's SQL as of schema 5.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "floor.h"
#include "floor-out.h"

/* lib/policy/store.c text_at */
static const char *const sql_policy =
	"SELECT version, effective, text FROM policy_versions WHERE effective <= ?1"
	" ORDER BY effective DESC, version DESC LIMIT 1";

/* lib/ticket_list.c build_query, timelines, no filter terms */
#define LIBRARY_FROM \
	"SELECT t.id, t.status, t.priority, a.login, NULL, NULL, NULL, NULL," \
	" NULL, NULL, t.created, t.updated, tl.at, tl.what, tl.value, tl.priority" \
	" FROM tickets t" \
	" LEFT JOIN agents a ON a.id = t.assignee_id" \
	" JOIN ticket_timeline tl ON tl.ticket_id = t.id" \
	" WHERE 1"
/* the columns the check needs, in the same places */
#define MINIMAL_FROM \
	"SELECT t.id, NULL, t.priority, a.login, NULL, NULL, NULL, NULL," \
	" NULL, NULL, NULL, NULL, tl.at, tl.what, tl.value, tl.priority" \
	" FROM tickets t" \
	" LEFT JOIN agents a ON a.id = t.assignee_id" \
	" JOIN ticket_timeline tl ON tl.ticket_id = t.id" \
	" WHERE 1"
#define NOW_WHERE " AND +t.status IN ('new','open','pending','on-hold') ORDER BY t.id, tl.seq"
#define AT_WHERE \
	" AND t.created <= ? AND (t.closed IS NULL OR t.closed > ?)" \
	" AND NOT (t.reopens = 0 AND coalesce(t.first_solved <= ?, 0)) AND tl.at <= ?" \
	" ORDER BY t.id, tl.seq"

enum { FIRST_RESPONSE, NEXT_RESPONSE, RESOLUTION };
static const char *const metrics[] = { "first_response", "next_response", "resolution" };
static const char *const prios[] = { "low", "normal", "high", "urgent" };
/* wall seconds by priority 1-4 and metric: the floor's stand-in targets */
static const int64_t target[4][3] = {
	{ 8 * 3600, 16 * 3600, 5 * 86400 },
	{ 4 * 3600, 8 * 3600, 3 * 86400 },
	{ 2 * 3600, 4 * 3600, 2 * 86400 },
	{ 1 * 3600, 2 * 3600, 1 * 86400 },
};

struct row {
	int64_t id, due;
	const char *policy, *assignee; /* interned */
	int metric, priority;
};

static struct row *rows;
static size_t nrows, caprows;

/* policy names and logins: a handful each, kept once */
static const char **names;
static size_t nnames;

static const char *intern(const unsigned char *s)
{
	if (!s)
		return NULL;
	for (size_t i = 0; i < nnames; i++)
		if (strcmp(names[i], (const char *)s) == 0)
			return names[i];
	names = realloc(names, (nnames + 1) * sizeof *names);
	if (!names || !(names[nnames] = strdup((const char *)s)))
		fail("out of memory");
	return names[nnames++];
}

static void add_row(int64_t id, int metric, int64_t start, int prio, const char *policy, const char *assignee)
{
	if (nrows == caprows) {
		caprows = caprows ? caprows * 2 : 1 << 16;
		rows = realloc(rows, caprows * sizeof *rows);
		if (!rows)
			fail("out of memory");
	}
	int p = prio >= 1 && prio <= 4 ? prio : 2;
	rows[nrows++] = (struct row){ .id = id, .due = start + target[p - 1][metric], .policy = policy,
				      .assignee = assignee, .metric = metric, .priority = p };
}

static int cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	if (x->due != y->due)
		return (x->due > y->due) - (x->due < y->due);
	if (x->id != y->id)
		return (x->id > y->id) - (x->id < y->id);
	return (x->metric > y->metric) - (x->metric < y->metric);
}

/* One ticket, its marks read: the running clocks. */
struct ticket {
	int64_t id, created, cycle_start;
	const char *policy, *assignee;
	int priority, replied, cycle, solved, has_target;
};

static void flush(const struct ticket *t)
{
	if (!t->id || !t->has_target || !t->policy || t->solved)
		return;
	if (!t->replied)
		add_row(t->id, FIRST_RESPONSE, t->created, t->priority, t->policy, t->assignee);
	else if (t->cycle)
		add_row(t->id, NEXT_RESPONSE, t->cycle_start, t->priority, t->policy, t->assignee);
	add_row(t->id, RESOLUTION, t->created, t->priority, t->policy, t->assignee);
}

int main(int argc, char **argv)
{
	int minimal = 0, plan = 0, ch;
	int64_t at = 0;
	char *end;
	while ((ch = getopt(argc, argv, "mpa:")) != -1) {
		if (ch == 'm')
			minimal = 1;
		else if (ch == 'p')
			plan = 1;
		else if (ch == 'a') {
			at = strtoll(optarg, &end, 10);
			if (*end || at <= 0)
				goto usage;
		} else
			goto usage;
	}
	if (optind != argc)
		goto usage;

	floor_open("floor-sla");
	sqlite3_stmt *st = NULL;
	char *sql = sqlite3_mprintf("%s%s", minimal ? MINIMAL_FROM : LIBRARY_FROM,
				    at ? AT_WHERE : NOW_WHERE);
	if (plan) {
		floor_plan(sql);
		sqlite3_free(sql);
		sqlite3_close(db);
		return 0;
	}
	int64_t now = at ? at : (int64_t)time(NULL);

	/* the policy in force at the instant: its text, as libdesk reads it */
	if (sqlite3_prepare_v2(db, sql_policy, -1, &st, NULL) != SQLITE_OK)
		fail("preparing the policy lookup");
	sqlite3_bind_int64(st, 1, now);
	char *policy_text = NULL;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		int n = sqlite3_column_bytes(st, 2);
		policy_text = malloc((size_t)n + 1);
		if (!policy_text)
			fail("out of memory");
		memcpy(policy_text, sqlite3_column_blob(st, 2), (size_t)n);
		policy_text[n] = '\0';
	} else if (rc != SQLITE_DONE)
		fail("reading the team policy");
	sqlite3_finalize(st);

	/* lib/ticket_list.c: desk_ticket_list_timelines */
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail("preparing the listing");
	if (at)
		for (int i = 1; i <= 4; i++)
			sqlite3_bind_int64(st, i, at);
	struct ticket t;
	memset(&t, 0, sizeof t);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (id != t.id) {
			flush(&t);
			memset(&t, 0, sizeof t);
			t.id = id;
			t.priority = sqlite3_column_int(st, 2);
			t.assignee = intern(sqlite3_column_text(st, 3));
			t.created = sqlite3_column_int64(st, 12); /* the first mark: created */
		}
		int64_t mat = sqlite3_column_int64(st, 12);
		const char *what = (const char *)sqlite3_column_text(st, 13);
		switch (what[0]) {
		case 's': { /* status */
			const char *v = (const char *)sqlite3_column_text(st, 14);
			t.solved = v && (strcmp(v, "solved") == 0 || strcmp(v, "closed") == 0);
			if (t.solved) /* a solve completes every clock */
				t.cycle = 0, t.replied = 1;
			break;
		}
		case 'c': /* customer */
			if (t.replied && !t.cycle)
				t.cycle = 1, t.cycle_start = mat;
			break;
		case 'r': /* reply */
			t.replied = 1;
			t.cycle = 0;
			break;
		default: /* target */
			t.has_target = 1;
			t.policy = intern(sqlite3_column_text(st, 14));
			if (sqlite3_column_type(st, 15) != SQLITE_NULL)
				t.priority = sqlite3_column_int(st, 15);
		}
	}
	if (rc != SQLITE_DONE)
		fail("listing tickets");
	flush(&t);
	sqlite3_finalize(st);
	sqlite3_free(sql);

	qsort(rows, nrows, sizeof *rows, cmp_row);
	for (size_t i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];
		printf("%lld\t%s\t%s\t", (long long)r->id, metrics[r->metric], r->due < now ? "breached" : "ok");
		floor_iso_time((time_t)r->due);
		printf("\t%lld\t", (long long)(r->due - now));
		floor_tsv((const unsigned char *)r->policy);
		printf("\t%s\t", prios[r->priority - 1]);
		floor_tsv((const unsigned char *)r->assignee);
		putchar('\n');
	}
	free(rows);
	free(policy_text);
	for (size_t i = 0; i < nnames; i++)
		free((void *)names[i]);
	free(names);
	sqlite3_close(db);
	return fflush(stdout) ? 74 : 0;

usage:
	fputs("usage: DESK_DB=FILE floor-sla [-m] [-p] [-a EPOCH]\n", stderr);
	return 64;
}
