/*
 * kb-tokenizers.c - which FTS5 tokenizer for the knowledge base: build the
 * same kb_fts-like index with each candidate over one sample and try the
 * hand-labelled queries on it.
 *
 *   kb-tokenizers [-n SAMPLE] [-s SUMMARY] KB.db CORPUS.tsv QUERIES.tsv SCRATCH.db
 *
 * The sample is the first SAMPLE articles of KB.db (default 20,000; made
 * by gen-kb) plus the hand-written articles of CORPUS.tsv (title, tags,
 * body; \n a line break), copied into SCRATCH.db (created, and deleted at
 * the end). For each tokenizer
 *
 *   unicode61 remove_diacritics 2   SQLite's default, with diacritics off
 *   trigram                         substrings of three characters
 *   desk                            libdesk's: Vietnamese folded (đ too),
 *                                   CJK as overlapping pairs
 *
 * an index like kb_fts (title, tags, body; external content) is built
 * with 'rebuild' and timed, and its size taken from dbstat. Then every
 * query of QUERIES.tsv (query, title of the article that should rank
 * first) is built as kb-search builds it (desk_kb_query_build: quoted
 * phrases, `word*` a prefix; OR when no article has every word) and run as
 * kb-search runs it (bm25 10/5/1, archived left out, 10 hits): "all
 * words" counts the queries whose article has every word (the tokenizer
 * matched them all), "found" those whose article matches the query that
 * ran (with the OR retry), "top 1" and "top 5" those where it ranks there. Prints a table, then each query whose
 * outcome differs between tokenizers with the rank each gives (- when not
 * in the 10 hits).
 *
 * -s writes one tab-separated line per tokenizer to SUMMARY: name,
 * articles/s, index bytes, text bytes, all words, found, top 1, top 5,
 * queries, ms per query.
 *
 * Only desk_kb_query_build and the desk tokenizer come from libdesk; the
 * SQL is plain.
 */
#include <desk.h>

#include <getopt.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int desk_tokenizer_register(struct desk *d); /* lib/tokenize.c (internal) */

#define MAXQ 200

static const struct {
	const char *name, *table, *spec;
} toks[] = {
	{ "unicode61 remove_diacritics 2", "fts_unicode61", "unicode61 remove_diacritics 2" },
	{ "trigram", "fts_trigram", "trigram" },
	{ "desk", "fts_desk", "desk" },
};
#define NTOK 3

static sqlite3 *db;

static void die(const char *what)
{
	fprintf(stderr, "kb-tokenizers: %s: %s\n", what, db ? sqlite3_errmsg(db) : "");
	exit(1);
}

static void exec(const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(sql);
}

static double mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static sqlite3_int64 one_int(const char *sql)
{
	sqlite3_stmt *st = NULL;
	sqlite3_int64 v = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die(sql);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Split a tsv line in place into at most n fields; returns how many. */
static int fields(char *line, char **f, int n)
{
	int k = 0;
	line[strcspn(line, "\r\n")] = '\0';
	f[k++] = line;
	for (char *p = line; *p && k < n; p++)
		if (*p == '\t') {
			*p = '\0';
			f[k++] = p + 1;
		}
	return k;
}

/* "\n" in the corpus stands for a line break. */
static void unescape(char *s)
{
	char *o = s;
	for (; *s; s++) {
		if (s[0] == '\\' && s[1] == 'n') {
			*o++ = '\n';
			s++;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

struct query {
	char *text, *want;
	sqlite3_int64 want_id;
	int rank[NTOK];  /* 1..10, 0: not in the hits */
	int found[NTOK]; /* the article matches the query run */
	int all[NTOK];   /* the article has every word (the AND query) */
};

/* Run q on tokenizer t as kb-search would; sets rank and found. */
static void try_query(struct desk *d, int t, struct query *q, double *secs)
{
	char sql[512], *match = NULL;
	int nterms = 0;
	double t0 = mono();
	q->rank[t] = q->found[t] = q->all[t] = 0;
	snprintf(sql, sizeof sql,
		 "SELECT f.rowid FROM %s f JOIN kb_articles a ON a.id = f.rowid"
		 " WHERE %s MATCH ?1 AND a.status <> 'archived' ORDER BY bm25(%s, 10.0, 5.0, 1.0) LIMIT 10",
		 toks[t].table, toks[t].table, toks[t].table);
	for (int any = 0; any < 2; any++) {
		if (desk_kb_query_build(d, q->text, any, &match, &nterms) || !match)
			break;
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
			die(sql);
		sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
		int hits = 0, rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			hits++;
			if (sqlite3_column_int64(st, 0) == q->want_id && !q->rank[t])
				q->rank[t] = hits;
		}
		if (rc != SQLITE_DONE)
			die(q->text);
		sqlite3_finalize(st);
		/* does the article match at all (beyond the 10 hits)? */
		char fsql[256];
		snprintf(fsql, sizeof fsql, "SELECT count(*) FROM %s WHERE %s MATCH ?1 AND rowid = ?2", toks[t].table,
			 toks[t].table);
		if (sqlite3_prepare_v2(db, fsql, -1, &st, NULL) != SQLITE_OK)
			die(fsql);
		sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, q->want_id);
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0) {
			q->found[t] = 1;
			q->all[t] = !any;
		}
		sqlite3_finalize(st);
		free(match);
		match = NULL;
		if (hits || nterms < 2)
			break; /* kb-search retries with OR only when nothing has every word */
	}
	*secs += mono() - t0;
}

int main(int argc, char **argv)
{
	long sample = 20000;
	const char *summary = NULL;
	FILE *sum = NULL;
	int ch;
	while ((ch = getopt(argc, argv, "n:s:")) != -1) {
		if (ch == 'n')
			sample = atol(optarg);
		else if (ch == 's')
			summary = optarg;
		else
			goto usage;
	}
	if (argc - optind != 4 || sample <= 0)
		goto usage;
	const char *kb = argv[optind], *corpus = argv[optind + 1], *queries = argv[optind + 2],
		   *scratch = argv[optind + 3];

	unlink(scratch);
	if (sqlite3_open(scratch, &db) != SQLITE_OK)
		die("opening the scratch database");
	struct desk d;
	memset(&d, 0, sizeof d);
	d.db = db;
	if (desk_tokenizer_register(&d))
		die(d.errmsg);
	exec("PRAGMA journal_mode = off; PRAGMA synchronous = off");
	exec("CREATE TABLE kb_articles (id INTEGER PRIMARY KEY, title TEXT, tags TEXT, body TEXT, status TEXT)");
	char *sql = sqlite3_mprintf("ATTACH %Q AS src", kb);
	exec(sql);
	sqlite3_free(sql);
	sql = sqlite3_mprintf("INSERT INTO kb_articles SELECT id, title, tags, body, status FROM src.kb_articles"
			      " WHERE id <= %ld ORDER BY id", sample);
	exec(sql);
	sqlite3_free(sql);
	exec("DETACH src");

	/* the hand-written articles, after the sample */
	FILE *fp = fopen(corpus, "r");
	if (!fp) {
		perror(corpus);
		return 1;
	}
	char line[65536], *f[3];
	sqlite3_stmt *ins = NULL;
	if (sqlite3_prepare_v2(db, "INSERT INTO kb_articles (title, tags, body, status) VALUES (?1, ?2, ?3, 'published')",
			       -1, &ins, NULL) != SQLITE_OK)
		die("insert");
	int ncorpus = 0;
	while (fgets(line, sizeof line, fp)) {
		if (line[0] == '#' || fields(line, f, 3) != 3)
			continue;
		unescape(f[2]);
		for (int i = 0; i < 3; i++)
			sqlite3_bind_text(ins, i + 1, f[i], -1, SQLITE_TRANSIENT);
		if (sqlite3_step(ins) != SQLITE_DONE)
			die("insert");
		sqlite3_reset(ins);
		ncorpus++;
	}
	fclose(fp);
	sqlite3_finalize(ins);
	long narticles = (long)one_int("SELECT count(*) FROM kb_articles");
	long long text = one_int("SELECT sum(length(CAST(title AS BLOB)) + length(CAST(tags AS BLOB))"
				 " + length(CAST(body AS BLOB))) FROM kb_articles");

	/* the labelled queries */
	struct query q[MAXQ];
	int nq = 0;
	fp = fopen(queries, "r");
	if (!fp) {
		perror(queries);
		return 1;
	}
	sqlite3_stmt *find = NULL;
	if (sqlite3_prepare_v2(db, "SELECT id, (SELECT count(*) FROM kb_articles WHERE title = ?1)"
				   " FROM kb_articles WHERE title = ?1 ORDER BY id DESC LIMIT 1", -1, &find, NULL) != SQLITE_OK)
		die("find");
	while (fgets(line, sizeof line, fp) && nq < MAXQ) {
		if (line[0] == '#' || fields(line, f, 2) != 2)
			continue;
		q[nq].text = strdup(f[0]);
		q[nq].want = strdup(f[1]);
		sqlite3_bind_text(find, 1, f[1], -1, SQLITE_TRANSIENT);
		if (sqlite3_step(find) != SQLITE_ROW) {
			fprintf(stderr, "kb-tokenizers: no article '%s' for query '%s'\n", f[1], f[0]);
			return 1;
		}
		if (sqlite3_column_int(find, 1) != 1) {
			fprintf(stderr, "kb-tokenizers: title '%s' is not unique in the sample\n", f[1]);
			return 1;
		}
		q[nq].want_id = sqlite3_column_int64(find, 0);
		sqlite3_reset(find);
		nq++;
	}
	fclose(fp);
	sqlite3_finalize(find);

	if (summary && !(sum = fopen(summary, "w"))) {
		perror(summary);
		return 1;
	}
	printf("tokenizers on %ld articles (%ld generated + %d hand-written, %.1f MB of text), %d labelled queries\n\n",
	       narticles, narticles - ncorpus, ncorpus, (double)text / 1e6, nq);
	printf("%-30s %10s %9s %7s %9s %7s %7s %7s %9s\n", "tokenizer", "build a/s", "index MB", "x text",
	       "all words", "found", "top 1", "top 5", "query ms");
	for (int t = 0; t < NTOK; t++) {
		sql = sqlite3_mprintf("CREATE VIRTUAL TABLE %s USING fts5(title, tags, body, content='kb_articles',"
				      " content_rowid='id', tokenize=%Q)", toks[t].table, toks[t].spec);
		exec(sql);
		sqlite3_free(sql);
		sql = sqlite3_mprintf("INSERT INTO %s(%s) VALUES ('rebuild')", toks[t].table, toks[t].table);
		double t0 = mono();
		exec(sql);
		double build = mono() - t0;
		sqlite3_free(sql);
		sql = sqlite3_mprintf("SELECT sum(pgsize) FROM dbstat WHERE name LIKE '%q%%'", toks[t].table);
		long long bytes = one_int(sql);
		sqlite3_free(sql);
		int all = 0, found = 0, top1 = 0, top5 = 0;
		double secs = 0;
		for (int i = 0; i < nq; i++) {
			try_query(&d, t, &q[i], &secs);
			found += q[i].found[t];
			all += q[i].all[t];
			top1 += q[i].rank[t] == 1;
			top5 += q[i].rank[t] >= 1 && q[i].rank[t] <= 5;
		}
		printf("%-30s %10.0f %9.1f %6.2fx %5d/%-3d %3d/%-3d %3d/%-3d %3d/%-3d %9.2f\n", toks[t].name,
		       (double)narticles / build, (double)bytes / 1e6, (double)bytes / (double)text, all, nq, found, nq,
		       top1, nq, top5, nq, secs * 1e3 / nq);
		fflush(stdout);
		if (sum)
			fprintf(sum, "%s\t%.0f\t%lld\t%lld\t%d\t%d\t%d\t%d\t%d\t%.3f\n", toks[t].name,
				(double)narticles / build, bytes, text, all, found, top1, top5, nq, secs * 1e3 / nq);
	}
	printf("\nqueries where they differ: rank of the expected article in the 10 hits, ~ matched but lower,\n"
	       "- not matched; * when it lacks a word of the query (found only by the OR retry):\n");
	printf("  %-24s %-10s %-8s %-5s  %s\n", "query", "unicode61", "trigram", "desk", "expected");
	for (int i = 0; i < nq; i++) {
		int same = 1;
		for (int t = 1; t < NTOK; t++)
			same &= q[i].rank[t] == q[i].rank[0] && q[i].found[t] == q[i].found[0] &&
				q[i].all[t] == q[i].all[0];
		if (same)
			continue;
		char r[NTOK][8];
		for (int t = 0; t < NTOK; t++) {
			if (q[i].rank[t])
				snprintf(r[t], sizeof r[t], "%d", q[i].rank[t]);
			else
				snprintf(r[t], sizeof r[t], "%s", q[i].found[t] ? "~" : "-");
			if (q[i].found[t] && !q[i].all[t])
				strcat(r[t], "*");
		}
		/* pad by display columns: the queries are CJK and Vietnamese too */
		int w = desk_utf8_width(q[i].text);
		printf("  %s%*s %-10s %-8s %-5s  %s\n", q[i].text, w < 24 ? 24 - w : 0, "", r[0], r[1], r[2],
		       q[i].want);
	}
	sqlite3_close(db);
	unlink(scratch);
	if (sum && fclose(sum)) {
		perror(summary);
		return 1;
	}
	for (int i = 0; i < nq; i++) {
		free(q[i].text);
		free(q[i].want);
	}
	return 0;

usage:
	fputs("usage: kb-tokenizers [-n SAMPLE] [-s SUMMARY] KB.db CORPUS.tsv QUERIES.tsv SCRATCH.db\n", stderr);
	return 64;
}
