/*
 * fuzz_kbquery.c - the knowledge-base query normaliser
 * (desk_kb_query_build) and desk_kb_search on the seeded temp database.
 *
 * Input: the user's search text (a NUL-terminated copy). Checks:
 *  - the builder returns 0, or EX_DATAERR only for text that is not UTF-8
 *    or longer than 10,000 bytes; *out is NULL exactly when there is no
 *    term, and is valid UTF-8;
 *  - what it builds, AND or OR form, is accepted by FTS5 MATCH on kb_fts
 *    (the desk tokenizer): user text never becomes query syntax, so any
 *    FTS5 error is a bug;
 *  - desk_kb_search returns 0, DESK_PARTIAL (no match, empty query) or
 *    EX_DATAERR for bad text, never an internal error; its hits carry an
 *    id, UTF-8 title and snippet; and a raw-syntax search (an odd-sized
 *    input) fails only with EX_DATAERR.
 */
#include "fuzz_common.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

static sqlite3_stmt *match_st;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct desk *d = fz_desk_db();
	if (sqlite3_prepare_v2(d->db, "SELECT count(*) FROM kb_fts WHERE kb_fts MATCH ?1", -1, &match_st,
			       NULL) != SQLITE_OK) {
		fprintf(stderr, "fuzz_kbquery: %s\n", sqlite3_errmsg(d->db));
		exit(1);
	}
	return 0;
}

struct hits {
	int n;
	long limit;
};

static int on_hit(void *arg, const struct desk_kb_hit *h)
{
	struct hits *k = arg;
	FZ_CHECK(h->id > 0, "hit id %lld", (long long)h->id);
	FZ_CHECK(h->title && fz_utf8_ok(h->title, strlen(h->title)), "hit title not UTF-8");
	FZ_CHECK(h->snippet && fz_utf8_ok(h->snippet, strlen(h->snippet)), "snippet not UTF-8: '%s'",
		 h->snippet ? h->snippet : "(null)");
	FZ_CHECK(h->status && strcmp(h->status, "archived") != 0, "an archived article was found");
	FZ_CHECK(++k->n <= k->limit, "more hits than the limit");
	return 0;
}

static void check_match(struct desk *d, const char *q, const char *text)
{
	sqlite3_reset(match_st);
	sqlite3_bind_text(match_st, 1, q, -1, SQLITE_STATIC);
	int src = sqlite3_step(match_st);
	FZ_CHECK(src == SQLITE_ROW, "FTS5 refused the built query %s for '%s': %s", q, text,
		 sqlite3_errmsg(d->db));
	sqlite3_reset(match_st);
	sqlite3_clear_bindings(match_st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct desk *d = fz_desk_db();
	char *text = fz_cstr(data, size);
	size_t n = strlen(text);
	int ok_text = fz_utf8_ok(text, n) && n <= 10000;

	for (int any = 0; any <= 1; any++) {
		char *q = (char *)&n; /* must be set */
		int nterms = -1;
		desk_clear_error(d);
		int rc = desk_kb_query_build(d, text, any, &q, &nterms);
		if (rc) {
			static const int allowed[] = { EX_DATAERR, 0 };
			fz_check_error(d, rc, "desk_kb_query_build", allowed);
			FZ_CHECK(!ok_text, "desk_kb_query_build refused good text: %s", d->errmsg);
			FZ_CHECK(q == NULL, "*out set by a failed build");
			continue;
		}
		FZ_CHECK(ok_text, "desk_kb_query_build accepted text that is not UTF-8 or too long");
		FZ_CHECK(nterms >= 0 && (nterms == 0) == (q == NULL), "%d terms, query %s", nterms, q ? q : "NULL");
		FZ_CHECK(nterms <= (int)n, "%d terms from %zu bytes", nterms, n);
		if (!q)
			continue;
		FZ_CHECK(fz_utf8_ok(q, strlen(q)), "built query not UTF-8");
		FZ_CHECK(q[0] == '"', "built query '%s' does not start with a phrase", q);
		check_match(d, q, text);
		free(q);
	}

	struct desk_kb_search_opts o = {
		.limit = 3, .mark_open = "[", .mark_close = "]",
		.audience = (size & 2) ? "public" : NULL,
	};
	struct hits h = { 0, 3 };
	desk_clear_error(d);
	int rc = desk_kb_search(d, text, &o, on_hit, &h);
	if (rc) {
		static const int allowed[] = { DESK_PARTIAL, EX_DATAERR, 0 };
		fz_check_error(d, rc, "desk_kb_search", allowed);
		FZ_CHECK(rc == DESK_PARTIAL ? h.n == 0 : !ok_text, "desk_kb_search: %d after %d hits: %s", rc, h.n,
			 d->errmsg);
		if (ok_text)
			fz_check_message_utf8(d, "desk_kb_search");
	} else {
		FZ_CHECK(h.n > 0, "desk_kb_search returned 0 without hits");
	}

	if (size & 1) {
		/* the query syntax, when the user asks for it: errors are the user's */
		o.syntax = 1;
		h.n = 0;
		desk_clear_error(d);
		rc = desk_kb_search(d, text, &o, on_hit, &h);
		if (rc) {
			static const int allowed[] = { DESK_PARTIAL, EX_DATAERR, 0 };
			fz_check_error(d, rc, "desk_kb_search (syntax)", allowed);
		}
	}
	free(text);
	return 0;
}
