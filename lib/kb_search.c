/*
 * kb_search.c - knowledge-base search: the user's text becomes an FTS5
 * query of quoted phrases (never raw syntax unless asked), ranked by bm25
 * with the title weighted above the tags above the body.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#define QUERY_MAX 10000    /* bytes of user query text */
#define SUGGEST_TERMS 32   /* distinct tokens of a ticket used to suggest */

/* bm25 column weights: title, tags, body */
#define KB_RANK "bm25(kb_fts, 10.0, 5.0, 1.0)"

static void add_phrase(struct desk_buf *q, const char *s, size_t n, int prefix, int any, int *nterms)
{
	char *w = desk_xstrndup(s, n);
	if (desk_has_tokens(w)) {
		char *ph = desk_fts_phrase(w);
		if (*nterms)
			desk_buf_adds(q, any ? " OR " : " ");
		desk_buf_adds(q, ph);
		if (prefix)
			desk_buf_addc(q, '*');
		free(ph);
		(*nterms)++;
	}
	free(w);
}

int desk_kb_query_build(struct desk *d, const char *text, int any, char **out, int *nterms)
{
	struct desk_buf q = DESK_BUF_INIT;
	size_t n = strlen(text);
	*out = NULL;
	*nterms = 0;
	if (desk_text_check(d, "query", text, n))
		return d->err;
	if (n > QUERY_MAX)
		return desk_error(d, EX_DATAERR, "query longer than %d bytes", QUERY_MAX);
	const char *p = text;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		if (*p == '"') {
			/* a phrase, to the closing quote or the end */
			const char *e = strchr(p + 1, '"');
			size_t len = e ? (size_t)(e - p - 1) : strlen(p + 1);
			add_phrase(&q, p + 1, len, 0, any, nterms);
			p = e ? e + 1 : p + 1 + len;
			continue;
		}
		const char *e = p;
		while (*e && *e != ' ' && *e != '\t' && *e != '\n' && *e != '\r')
			e++;
		size_t len = (size_t)(e - p);
		int prefix = len > 1 && p[len - 1] == '*';
		add_phrase(&q, p, prefix ? len - 1 : len, prefix, any, nterms);
		p = e;
	}
	if (*nterms)
		*out = desk_buf_take(&q);
	else
		desk_buf_free(&q);
	return 0;
}

/* Run one FTS5 query; *hits counts the rows given to fn. Ranking reads
 * only the index and the filter columns (a covering index); the title and
 * the snippet are then fetched for the hits shown, not for every match. */
static int run_query(struct desk *d, const char *match, const struct desk_kb_search_opts *o,
		     int (*fn)(void *arg, const struct desk_kb_hit *h), void *arg, int *hits)
{
	sqlite3_stmt *st = desk_stmt(d,
		"SELECT kb_fts.rowid, " KB_RANK " FROM kb_fts"
		" JOIN kb_articles a INDEXED BY kb_articles_filter ON a.id = kb_fts.rowid"
		" WHERE kb_fts MATCH ?1 AND (?2 IS NULL OR a.audience = ?2)"
		" AND (CASE WHEN ?3 IS NULL THEN a.status <> 'archived' ELSE a.status = ?3 END)"
		" ORDER BY " KB_RANK " LIMIT ?4");
	long limit = o->limit > 0 ? o->limit : 10;
	struct { int64_t id; double rank; } *top = NULL;
	int n = 0, rc, ret = 0;
	*hits = 0;
	if (!st)
		return d->err;
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	desk_bind_text(st, 2, o->audience);
	desk_bind_text(st, 3, o->status);
	sqlite3_bind_int64(st, 4, limit);
	top = desk_xcalloc((size_t)(limit < 1000 ? limit : 1000), sizeof *top);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n % 1000 == 0 && n)
			top = desk_xrealloc(top, (size_t)(n + 1000) * sizeof *top);
		top[n].id = sqlite3_column_int64(st, 0);
		top[n].rank = sqlite3_column_double(st, 1);
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		if (o->syntax && (rc & 0xff) == SQLITE_ERROR) {
			char q[204];
			ret = desk_error(d, EX_DATAERR, "bad query syntax '%s': %s", desk_clip(q, sizeof q, match),
					 sqlite3_errmsg(d->db));
		} else {
			ret = desk_db_fail(d, rc, "searching");
		}
		goto out;
	}
	st = desk_stmt(d,
		"SELECT a.title, desk_snippet(kb_fts, 2, ?3, ?4, '…', 12), a.status, a.audience, a.lang"
		" FROM kb_fts JOIN kb_articles a ON a.id = kb_fts.rowid"
		" WHERE kb_fts MATCH ?1 AND kb_fts.rowid = ?2");
	if (!st) {
		ret = d->err;
		goto out;
	}
	for (int i = 0; i < n && !ret; i++) {
		sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, top[i].id);
		sqlite3_bind_text(st, 3, o->mark_open ? o->mark_open : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, o->mark_close ? o->mark_close : "", -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			struct desk_kb_hit h = {
				.id = top[i].id,
				.title = desk_col_text(st, 0),
				.score = -top[i].rank,
				.snippet = desk_col_text(st, 1),
				.status = desk_col_text(st, 2),
				.audience = desk_col_text(st, 3),
				.lang = desk_col_text(st, 4),
			};
			(*hits)++;
			ret = fn(arg, &h);
		} else if (rc != SQLITE_DONE) {
			ret = desk_db_fail(d, rc, "searching");
		}
		sqlite3_reset(st);
	}
out:
	free(top);
	return ret;
}

int desk_kb_search(struct desk *d, const char *query, const struct desk_kb_search_opts *opts,
		   int (*fn)(void *arg, const struct desk_kb_hit *h), void *arg)
{
	char *q = NULL;
	int nterms = 0, hits = 0, rc;

	if (opts->syntax) {
		size_t n = strlen(query);
		if (desk_text_check(d, "query", query, n))
			return d->err;
		if (n > QUERY_MAX)
			return desk_error(d, EX_DATAERR, "query longer than %d bytes", QUERY_MAX);
		if (!query[strspn(query, " \t\r\n")])
			return desk_error(d, DESK_PARTIAL, "empty query");
		rc = run_query(d, query, opts, fn, arg, &hits);
		char q[204];
		return rc ? rc : hits ? 0 : desk_error(d, DESK_PARTIAL, "no match for '%s'", desk_clip(q, sizeof q, query));
	}
	if ((rc = desk_kb_query_build(d, query, 0, &q, &nterms)))
		return rc;
	if (!q)
		return desk_error(d, DESK_PARTIAL, "empty query: no word to search for");
	rc = run_query(d, q, opts, fn, arg, &hits);
	free(q);
	if (!rc && !hits && nterms > 1) {
		/* no article has every word: rank those that have some */
		if ((rc = desk_kb_query_build(d, query, 1, &q, &nterms)))
			return rc;
		rc = run_query(d, q, opts, fn, arg, &hits);
		free(q);
	}
	if (rc)
		return rc;
	char cq[204];
	return hits ? 0 : desk_error(d, DESK_PARTIAL, "no match for '%s'", desk_clip(cq, sizeof cq, query));
}

struct terms {
	struct desk_buf q;
	int n;
	char seen[SUGGEST_TERMS][64];
};

/* Function words that would make every article look related to a ticket
 * (folded forms: the tokenizer has removed case and diacritics). */
static int stopword(const char *tok, int len)
{
	static const char *const words[] =
		{ "the", "and", "for", "with", "from", "this", "that", "have", "has", "not", "are", "was",
		  "you", "your", "our", "can", "how", "what", "when", "but", "all", "any", "there",
		  "please", "hi", "hello", "thanks", "thank",
		  "la", "cua", "va", "co", "cho", "voi", "cac", "nhung", "mot", "nay", "khi", "thi",
		  "da", "de", "duoc", "khong", "toi", "ban", "anh", "chi", "em", "a", "nhe", "xin", "chao",
		  "cam", "on", NULL };
	if (len < 3 && (unsigned char)tok[0] < 0x80 && !(tok[0] >= '0' && tok[0] <= '9'))
		return 1; /* to, of, in, an, is ... */
	for (int i = 0; words[i]; i++)
		if ((int)strlen(words[i]) == len && memcmp(words[i], tok, (size_t)len) == 0)
			return 1;
	return 0;
}

static int add_term(void *arg, const char *tok, int len, int start, int end)
{
	struct terms *t = arg;
	(void)start; (void)end;
	if (len >= 64 || stopword(tok, len))
		return 0;
	for (int i = 0; i < t->n; i++)
		if ((int)strlen(t->seen[i]) == len && memcmp(t->seen[i], tok, (size_t)len) == 0)
			return 0;
	memcpy(t->seen[t->n], tok, (size_t)len);
	t->seen[t->n][len] = '\0';
	char *ph = desk_fts_phrase(t->seen[t->n]);
	if (t->n)
		desk_buf_adds(&t->q, " OR ");
	desk_buf_adds(&t->q, ph);
	free(ph);
	return ++t->n >= SUGGEST_TERMS;
}

int desk_kb_suggest(struct desk *d, int64_t ticket, const struct desk_kb_search_opts *opts,
		    int (*fn)(void *arg, const struct desk_kb_hit *h), void *arg)
{
	struct desk_ticket t;
	struct terms terms;
	int rc, hits = 0;

	if ((rc = desk_ticket_get(d, ticket, &t)))
		return rc;
	memset(&terms, 0, sizeof terms);
	desk_tokenize(t.subject, (int)strlen(t.subject), add_term, &terms);
	desk_ticket_release(&t);
	sqlite3_stmt *st = desk_stmt(d, "SELECT body FROM messages WHERE ticket_id = ?1 ORDER BY id LIMIT 1");
	if (!st) {
		desk_buf_free(&terms.q);
		return d->err;
	}
	sqlite3_bind_int64(st, 1, ticket);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *body = desk_col_text(st, 0);
		int n = (int)strlen(body);
		desk_tokenize(body, n > 4000 ? 4000 : n, add_term, &terms);
	}
	sqlite3_reset(st);
	if (!terms.n) {
		desk_buf_free(&terms.q);
		return desk_error(d, DESK_PARTIAL, "ticket '#%lld' has no words to search for", (long long)ticket);
	}
	struct desk_kb_search_opts o = *opts;
	o.syntax = 0;
	rc = run_query(d, terms.q.s, &o, fn, arg, &hits);
	desk_buf_free(&terms.q);
	if (rc)
		return rc;
	return hits ? 0 : desk_error(d, DESK_PARTIAL, "no article matches ticket '#%lld'", (long long)ticket);
}

const char *desk_lang_guess(const char *text)
{
	long cjk = 0, kana = 0, hangul = 0, vi = 0, latin = 0;
	const char *p = text;
	for (int i = 0; *p && i < 4000; i++) {
		uint32_t c = desk_utf8_next(&p);
		if (c >= 0x3040 && c <= 0x30ff)
			kana++;
		else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf))
			cjk++;
		else if (c >= 0xac00 && c <= 0xd7a3)
			hangul++;
		else if ((c >= 0x1ea0 && c <= 0x1ef9) || c == 0x0111 || c == 0x0110 || c == 0x01a1 ||
			 c == 0x01a0 || c == 0x01b0 || c == 0x01af || c == 0x0103 || c == 0x0102)
			vi++;
		else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			latin++;
	}
	if (kana)
		return "ja";
	if (hangul > cjk)
		return "ko";
	if (cjk * 2 > latin / 3 && cjk)
		return "zh";
	if (vi)
		return "vi";
	return "en";
}
