/*
 * tokenize.c - the "desk" FTS5 tokenizer (see tokenize.h) and its
 * registration on each connection.
 */
#include "internal.h"

#include <string.h>

#include "fold_table.h"

#define TOKEN_MAX 128 /* bytes of one folded token; longer words are cut */

static int is_cjk(uint32_t c)
{
	return (c >= 0x3040 && c <= 0x30ff) ||   /* hiragana, katakana */
	       (c >= 0x31f0 && c <= 0x31ff) ||
	       (c >= 0x3400 && c <= 0x4dbf) ||   /* CJK extension A */
	       (c >= 0x4e00 && c <= 0x9fff) ||   /* CJK unified ideographs */
	       (c >= 0xf900 && c <= 0xfaff) ||   /* compatibility ideographs */
	       (c >= 0xff66 && c <= 0xff9f) ||   /* halfwidth katakana */
	       (c >= 0x20000 && c <= 0x3134f);   /* extensions B.. */
}

/* Letters, digits and combining marks make words; the rest separates. */
static int is_word(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	if (c < 0xc0)
		return c == 0xaa || c == 0xb5 || c == 0xba;
	if (c == 0xd7 || c == 0xf7 || c == 0xfffd)
		return 0;
	if ((c >= 0x2000 && c <= 0x2bff) ||   /* punctuation, symbols, arrows, shapes */
	    (c >= 0x2e00 && c <= 0x2e7f) ||
	    (c >= 0x3000 && c <= 0x303f) ||   /* CJK punctuation: 、。「」 */
	    (c >= 0xfe10 && c <= 0xfe6f) ||   /* vertical and small forms */
	    (c >= 0xff00 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) ||
	    (c >= 0xff3b && c <= 0xff40) || (c >= 0xff5b && c <= 0xff65) ||
	    (c >= 0x1f000 && c <= 0x1faff) || /* emoji and pictographs */
	    (c >= 0xe000 && c <= 0xf8ff))     /* private use */
		return 0;
	return 1;
}

static int is_combining(uint32_t c)
{
	return (c >= 0x0300 && c <= 0x036f) || (c >= 0x1ab0 && c <= 0x1aff) ||
	       (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff) || (c >= 0xfe20 && c <= 0xfe2f);
}

static const char *fold_lookup(uint32_t c)
{
	size_t lo = 0, hi = sizeof fold_table / sizeof fold_table[0];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (fold_table[mid].cp == c)
			return fold_table[mid].to;
		if (fold_table[mid].cp < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Decode one code point at p (< end); invalid bytes give U+FFFD, one byte. */
static uint32_t next_cp(const unsigned char **pp, const unsigned char *end)
{
	const unsigned char *p = *pp;
	uint32_t c = p[0];
	int len = 1;
	if (c >= 0xc2 && c <= 0xdf && end - p >= 2 && (p[1] & 0xc0) == 0x80) {
		c = ((c & 0x1f) << 6) | (p[1] & 0x3f);
		len = 2;
	} else if (c >= 0xe0 && c <= 0xef && end - p >= 3 && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80) {
		c = ((c & 0x0f) << 12) | ((uint32_t)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
		len = 3;
	} else if (c >= 0xf0 && c <= 0xf4 && end - p >= 4 && (p[1] & 0xc0) == 0x80 &&
		   (p[2] & 0xc0) == 0x80 && (p[3] & 0xc0) == 0x80) {
		c = ((c & 0x07) << 18) | ((uint32_t)(p[1] & 0x3f) << 12) | ((uint32_t)(p[2] & 0x3f) << 6) |
		    (p[3] & 0x3f);
		len = 4;
	} else if (c >= 0x80) {
		c = 0xfffd;
	}
	*pp = p + len;
	return c;
}

/* Append c folded to buf; 0 when it does not fit. A long word is cut by
 * the bytes of its folded form, at the first character that does not fit,
 * so that tokenizing a token again gives the same token. */
static int put_cp(char *buf, int *n, uint32_t c, const unsigned char *src, int srclen)
{
	char one = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	const char *out = &one;
	size_t k = 1;
	if (c >= 0x80) {
		const char *f = fold_lookup(c);
		out = f ? f : (const char *)src;
		k = f ? strlen(f) : (size_t)srclen;
	}
	if (*n + (int)k > TOKEN_MAX)
		return 0;
	memcpy(buf + *n, out, k);
	*n += (int)k;
	return 1;
}

int desk_tokenize(const char *text, int n,
		  int (*fn)(void *arg, const char *tok, int len, int start, int end), void *arg)
{
	const unsigned char *base = (const unsigned char *)text, *p = base, *end = base + n;
	char buf[TOKEN_MAX + 8];
	int rc;

	while (p < end) {
		const unsigned char *start = p;
		uint32_t c = next_cp(&p, end);
		if (is_cjk(c)) {
			/* a run of CJK: overlapping pairs, or the lone character */
			const unsigned char *prev = start, *prev_end = p;
			int emitted = 0;
			while (p < end) {
				const unsigned char *q = p;
				uint32_t d = next_cp(&q, end);
				if (!is_cjk(d))
					break;
				if ((rc = fn(arg, (const char *)prev, (int)(q - prev), (int)(prev - base),
					     (int)(q - base))))
					return rc;
				emitted = 1;
				prev = p;
				prev_end = q;
				p = q;
			}
			if (!emitted && (rc = fn(arg, (const char *)start, (int)(prev_end - start),
						 (int)(start - base), (int)(prev_end - base))))
				return rc;
			continue;
		}
		if (!is_word(c))
			continue;
		int len = 0, full = 0;
		const unsigned char *last = p;
		if (!is_combining(c))
			full = !put_cp(buf, &len, c, start, (int)(p - start));
		while (p < end) {
			const unsigned char *q = p;
			uint32_t d = next_cp(&q, end);
			if (!is_word(d) || is_cjk(d))
				break;
			if (!full && !is_combining(d))
				full = !put_cp(buf, &len, d, p, (int)(q - p));
			p = q;
			last = q;
		}
		if (len > 0 && (rc = fn(arg, buf, len, (int)(start - base), (int)(last - base))))
			return rc;
	}
	return 0;
}

static int found(void *arg, const char *tok, int len, int start, int end)
{
	(void)arg; (void)tok; (void)len; (void)start; (void)end;
	return 1;
}

int desk_has_tokens(const char *text)
{
	return desk_tokenize(text, (int)strlen(text), found, NULL) == 1;
}

/* --- FTS5 glue */

struct fts_call {
	void *ctx;
	int (*xToken)(void *, int, const char *, int, int, int);
};

static int fts_token(void *arg, const char *tok, int len, int start, int end)
{
	struct fts_call *c = arg;
	return c->xToken(c->ctx, 0, tok, len, start, end);
}

static int fts_create(void *ctx, const char **azArg, int nArg, Fts5Tokenizer **ppOut)
{
	(void)ctx; (void)azArg;
	if (nArg > 0)
		return SQLITE_ERROR; /* the desk tokenizer takes no options */
	*ppOut = (Fts5Tokenizer *)fold_table; /* any non-NULL handle: no state */
	return SQLITE_OK;
}

static void fts_delete(Fts5Tokenizer *t)
{
	(void)t;
}

static int fts_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n,
			int (*xToken)(void *, int, const char *, int, int, int))
{
	(void)t; (void)flags;
	struct fts_call c = { ctx, xToken };
	int rc = desk_tokenize(text, n, fts_token, &c);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int desk_tokenizer_register(struct desk *d)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	static fts5_tokenizer tok = { fts_create, fts_delete, fts_tokenize };
	if (sqlite3_prepare_v2(d->db, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
	if (!api)
		return desk_error(d, EX_SOFTWARE, "this SQLite has no FTS5 (deskutils needs it)");
	if (api->xCreateTokenizer(api, "desk", NULL, &tok, NULL) != SQLITE_OK)
		return desk_error(d, EX_SOFTWARE, "cannot register the desk tokenizer");
	return desk_snippet_register(d, api);
}
