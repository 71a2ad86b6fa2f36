/*
 * floor-kb.c - the floor for `kb-search QUERY` with tsv output (stdout not
 * a terminal): the same SQLite work with nothing around it.
 *
 *   DESK_DB=FILE floor-kb [-p | -c] QUERY
 *
 * The connection is opened as lib/db.c opens it (floor.h). The FTS5 query
 * is built by libdesk's own desk_kb_query_build (every word a quoted
 * phrase, `word*` a prefix, all words required), then the statement
 * lib/kb_search.c run_query runs, prepared the same way (persistent), with
 * the same bindings (snippet marks [ and ], no audience, no status: all
 * but archived, limit 10): bm25 with the title weighted 10, the tags 5,
 * the body 1, a snippet of the body (desk_snippet, libdesk's highlighter
 * for overlapping CJK pairs), joined to kb_articles. When no article
 * has every word and there are several, the query is built again with OR
 * and run again, as desk_kb_search does. Hits are printed as kb-search
 * prints tsv: id, title, score (-bm25, two decimals), snippet on one line.
 *
 * -p prints EXPLAIN QUERY PLAN for the statement instead of running it.
 * -c prints instead how many articles (not archived) match the query that
 *    ran: the rows bm25 had to score (not part of the floor's work).
 *
 * Mirrors libdesk's SQL as of schema 3; run.sh checks that the output is
 * byte for byte that of kb-search.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <desk.h>

#include "floor.h"
#include "floor-out.h"

#define KB_RANK "bm25(kb_fts, 10.0, 5.0, 1.0)"

/* as lib/kb_search.c run_query: rank on the index and the covering
 * filter index, then title and snippet for the hits shown */
static const char *const sql_search =
	"SELECT kb_fts.rowid, " KB_RANK " FROM kb_fts"
	" JOIN kb_articles a INDEXED BY kb_articles_filter ON a.id = kb_fts.rowid"
	" WHERE kb_fts MATCH ?1 AND (?2 IS NULL OR a.audience = ?2)"
	" AND (CASE WHEN ?3 IS NULL THEN a.status <> 'archived' ELSE a.status = ?3 END)"
	" ORDER BY " KB_RANK " LIMIT ?4";
static const char *const sql_hit =
	"SELECT a.title, desk_snippet(kb_fts, 2, ?3, ?4, '…', 12), a.status, a.audience, a.lang"
	" FROM kb_fts JOIN kb_articles a ON a.id = kb_fts.rowid"
	" WHERE kb_fts MATCH ?1 AND kb_fts.rowid = ?2";

static int count_only;

/* Run the search for match; prints the hits (or with -c, counts them
 * all), returns how many hits. */
static int run(sqlite3_stmt *st, const char *match)
{
	static sqlite3_stmt *hit;
	int64_t ids[10];
	double ranks[10];
	int rc, hits = 0, n = 0;
	if (!hit && sqlite3_prepare_v2(db, sql_hit, -1, &hit, NULL) != SQLITE_OK)
		fail("preparing");
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_null(st, 2);
	sqlite3_bind_null(st, 3);
	sqlite3_bind_int64(st, 4, 10);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < 10) {
		ids[n] = sqlite3_column_int64(st, 0);
		ranks[n++] = sqlite3_column_double(st, 1);
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		fail("searching");
	for (int i = 0; i < n; i++) {
		sqlite3_reset(hit);
		sqlite3_bind_text(hit, 1, match, -1, SQLITE_STATIC);
		sqlite3_bind_int64(hit, 2, ids[i]);
		sqlite3_bind_text(hit, 3, "[", -1, SQLITE_STATIC);
		sqlite3_bind_text(hit, 4, "]", -1, SQLITE_STATIC);
		if (sqlite3_step(hit) != SQLITE_ROW)
			continue;
		hits++;
		if (count_only)
			continue;
		printf("%lld\t", (long long)ids[i]);
		floor_tsv(sqlite3_column_text(hit, 0));
		printf("\t%.2f\t", -ranks[i]);
		/* the snippet on one line (cmd/common/cli.c one_line), then tsv */
		const unsigned char *s = sqlite3_column_text(hit, 1);
		for (; s && *s; s++) {
			if (*s == '\n' || *s == '\r' || *s == '\t')
				putchar(' ');
			else if (*s == '\\')
				fputs("\\\\", stdout);
			else
				putchar(*s);
		}
		putchar('\n');
	}
	sqlite3_reset(st);
	if (count_only && hits) {
		sqlite3_stmt *c = NULL;
		if (sqlite3_prepare_v2(db, "SELECT count(*) FROM kb_fts JOIN kb_articles a ON a.id = kb_fts.rowid"
					   " WHERE kb_fts MATCH ?1 AND a.status <> 'archived'", -1, &c, NULL) != SQLITE_OK)
			fail("counting");
		sqlite3_bind_text(c, 1, match, -1, SQLITE_STATIC);
		if (sqlite3_step(c) != SQLITE_ROW)
			fail("counting");
		printf("%lld\n", (long long)sqlite3_column_int64(c, 0));
		sqlite3_finalize(c);
	}
	return hits;
}

int main(int argc, char **argv)
{
	struct desk d; /* only for desk_kb_query_build's error message */
	char *match = NULL;
	int nterms = 0, plan = 0, ch;
	while ((ch = getopt(argc, argv, "pc")) != -1) {
		if (ch == 'p')
			plan = 1;
		else if (ch == 'c')
			count_only = 1;
		else
			goto usage;
	}
	if (argc - optind != 1)
		goto usage;
	const char *query = argv[optind];
	memset(&d, 0, sizeof d);

	floor_open("floor-kb");
	if (desk_kb_query_build(&d, query, 0, &match, &nterms)) {
		fprintf(stderr, "floor-kb: %s\n", d.errmsg);
		return 65;
	}
	if (!match) {
		fputs("floor-kb: empty query\n", stderr);
		return 1;
	}
	sqlite3_stmt *st = NULL;
	if (plan) {
		floor_plan(sql_search);
		sqlite3_close(db);
		free(match);
		return 0;
	}

	/* lib/kb_search.c: desk_kb_search, run_query */
	if (sqlite3_prepare_v3(db, sql_search, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
		fail("preparing the search");
	int hits = run(st, match);
	free(match);
	match = NULL;
	if (!hits && nterms > 1) {
		/* no article has every word: rank those that have some */
		if (desk_kb_query_build(&d, query, 1, &match, &nterms))
			return 65;
		hits = run(st, match);
		free(match);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	if (fflush(stdout))
		return 74;
	if (!hits) {
		fprintf(stderr, "floor-kb: no match for '%.200s'\n", query);
		return 1;
	}
	return 0;

usage:
	fputs("usage: DESK_DB=FILE floor-kb [-p | -c] QUERY\n", stderr);
	return 64;
}
