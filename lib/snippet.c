/*
 * snippet.c - desk_snippet(), an FTS5 auxiliary function that highlights
 * matches correctly when tokens overlap.
 *
 * The desk tokenizer cuts CJK text into overlapping character pairs, so two
 * separate matches can share a character ("发票" and "票抬"). FTS5's own
 * snippet() assumes tokens never overlap and then repeats text. Here the
 * matched tokens become byte ranges that are merged before any mark is
 * written, so the text is always reproduced exactly once.
 *
 *   desk_snippet(table, column, open, close, ellipsis, tokens)
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

struct tok {
	int start, end, hit;
};

struct toks {
	struct tok *v;
	int n, cap;
};

static int collect(void *arg, int flags, const char *t, int n, int start, int end)
{
	struct toks *k = arg;
	(void)flags; (void)t; (void)n;
	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 64;
		k->v = desk_xrealloc(k->v, (size_t)k->cap * sizeof *k->v);
	}
	k->v[k->n++] = (struct tok){ start, end, 0 };
	return SQLITE_OK;
}

static void snippet(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
		    sqlite3_value **val)
{
	if (nval != 5) {
		sqlite3_result_error(ctx, "desk_snippet: wrong number of arguments", -1);
		return;
	}
	int col = sqlite3_value_int(val[0]);
	const char *open = (const char *)sqlite3_value_text(val[1]);
	const char *close = (const char *)sqlite3_value_text(val[2]);
	const char *ellipsis = (const char *)sqlite3_value_text(val[3]);
	int want = sqlite3_value_int(val[4]);
	const char *text;
	int n, ninst, rc;
	struct toks k = { NULL, 0, 0 };
	struct desk_buf out = DESK_BUF_INIT;

	if (!open) open = "";
	if (!close) close = "";
	if (!ellipsis) ellipsis = "";
	if (want < 1)
		want = 1;
	if ((rc = api->xColumnText(fts, col, &text, &n)) != SQLITE_OK ||
	    (rc = api->xTokenize(fts, text, n, &k, collect)) != SQLITE_OK ||
	    (rc = api->xInstCount(fts, &ninst)) != SQLITE_OK)
		goto fail;
	for (int i = 0; i < ninst; i++) {
		int phrase, icol, off;
		if ((rc = api->xInst(fts, i, &phrase, &icol, &off)) != SQLITE_OK)
			goto fail;
		if (icol != col)
			continue;
		int size = api->xPhraseSize(fts, phrase);
		for (int t = off; t < off + size && t < k.n; t++)
			k.v[t].hit = 1;
	}
	/* the window of `want` tokens holding the most hits, starting a little
	 * before its first hit */
	int best = 0, best_hits = -1;
	for (int t = 0; t < k.n; t++) {
		if (!k.v[t].hit && !(t == 0 && best_hits < 0))
			continue;
		int w0 = t - want / 4 > 0 ? t - want / 4 : 0, hits = 0;
		for (int u = w0; u < w0 + want && u < k.n; u++)
			hits += k.v[u].hit;
		if (hits > best_hits) {
			best_hits = hits;
			best = w0;
		}
	}
	int w1 = best + want < k.n ? best + want : k.n;
	int from = best == 0 ? 0 : (k.n ? k.v[best].start : 0);
	int to = w1 >= k.n ? n : k.v[w1 - 1].end;
	if (from > 0)
		desk_buf_adds(&out, ellipsis);
	int pos = from;
	for (int t = best; t < w1; t++) {
		if (!k.v[t].hit)
			continue;
		/* merge this hit with every later hit that overlaps or touches it
		 * (character pairs in between that did not match are passed over) */
		int s = k.v[t].start, e = k.v[t].end;
		while (t + 1 < w1 && k.v[t + 1].start <= e) {
			t++;
			if (k.v[t].hit && k.v[t].end > e)
				e = k.v[t].end;
		}
		if (s < pos)
			s = pos;
		if (e > to)
			e = to;
		if (s >= e)
			continue;
		desk_buf_add(&out, text + pos, (size_t)(s - pos));
		desk_buf_adds(&out, open);
		desk_buf_add(&out, text + s, (size_t)(e - s));
		desk_buf_adds(&out, close);
		pos = e;
	}
	if (pos < to)
		desk_buf_add(&out, text + pos, (size_t)(to - pos));
	if (to < n)
		desk_buf_adds(&out, ellipsis);
	desk_buf_add(&out, "", 0);
	sqlite3_result_text(ctx, out.s, (int)out.len, free);
	free(k.v);
	return;
fail:
	free(k.v);
	desk_buf_free(&out);
	sqlite3_result_error_code(ctx, rc);
}

int desk_snippet_register(struct desk *d, fts5_api *api)
{
	if (api->xCreateFunction(api, "desk_snippet", NULL, snippet, NULL) != SQLITE_OK)
		return desk_error(d, EX_SOFTWARE, "cannot register desk_snippet");
	return 0;
}
