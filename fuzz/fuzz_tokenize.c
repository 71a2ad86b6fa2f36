/*
 * fuzz_tokenize.c - the desk full-text tokenizer (desk_tokenize,
 * desk_has_tokens).
 *
 * Input: any bytes (the tokenizer takes a length; NUL bytes included).
 * Checks, for every token:
 *  - its byte range lies within the input, is non-empty, and ranges come in
 *    order without overlapping more than a CJK pair's shared character;
 *  - it is 1..128 bytes, with no ASCII capital letter;
 *  - a CJK token is the input's own bytes (tok == text + start);
 *  - when the input is valid UTF-8: the token and its source range are
 *    valid UTF-8 (ranges start and end on character boundaries);
 *  - tokenizing a token again gives that one token back (folding is
 *    idempotent: desk_kb_suggest re-queries folded tokens through FTS5;
 *    check token-idempotent);
 *  - a callback's non-zero value stops the walk and is returned;
 *  - desk_has_tokens agrees with the count (for input without NUL).
 */
#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

struct walk {
	const char *text;
	int n, utf8;
	int count, stop_at;
	int last_start, last_end;
};

struct one {
	int count;
	char tok[200];
	int len;
};

static int collect_one(void *arg, const char *tok, int len, int start, int end)
{
	struct one *o = arg;
	(void)start;
	(void)end;
	if (o->count++ == 0 && len < (int)sizeof o->tok) {
		memcpy(o->tok, tok, (size_t)len);
		o->len = len;
	}
	return 0;
}

static int on_token(void *arg, const char *tok, int len, int start, int end)
{
	struct walk *w = arg;
	FZ_CHECK(start >= 0 && start < end && end <= w->n, "token range [%d, %d) in %d bytes", start, end, w->n);
	FZ_CHECK(len >= 1 && len <= 128, "token of %d bytes", len);
	FZ_CHECK(start >= w->last_start, "token at %d after one at %d", start, w->last_start);
	FZ_CHECK(w->count == 0 || start >= w->last_end ||
		 /* CJK pairs overlap by one character */
		 (tok == w->text + start && end > w->last_end),
		 "token [%d, %d) overlaps [%d, %d)", start, end, w->last_start, w->last_end);
	int in_input = tok >= w->text && tok < w->text + w->n;
	if (in_input)
		FZ_CHECK(tok == w->text + start && len == end - start, "a token from the input is not its range");
	for (int i = 0; i < len; i++)
		FZ_CHECK(!(tok[i] >= 'A' && tok[i] <= 'Z'), "capital letter in token '%.*s'", len, tok);
	if (w->utf8) {
		FZ_CHECK(fz_utf8_ok(tok, (size_t)len), "token '%.*s' is not UTF-8", len, tok);
		FZ_CHECK(fz_utf8_ok(w->text + start, (size_t)(end - start)),
			 "token range [%d, %d) cuts a character", start, end);
		if (!fz_skip("token-idempotent")) {
			struct one o = { 0, "", 0 };
			desk_tokenize(tok, len, collect_one, &o);
			FZ_CHECK(o.count == 1 && o.len == len && memcmp(o.tok, tok, (size_t)len) == 0,
				 "token '%.*s' (from '%.*s') tokenizes again to %d tokens, the first '%.*s'", len, tok,
				 end - start, w->text + start, o.count, o.len, o.tok);
		}
	}
	w->last_start = start;
	w->last_end = end;
	w->count++;
	return w->count == w->stop_at ? 42 : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 1 << 20)
		return 0;
	/* the tokenizer reads exactly n bytes: give it a buffer of that size */
	char *text = malloc(size ? size : 1);
	if (!text)
		abort();
	memcpy(text, data, size);
	struct walk w = { text, (int)size, fz_utf8_ok(text, size), 0, 0, 0, 0 };
	int rc = desk_tokenize(text, (int)size, on_token, &w);
	FZ_CHECK(rc == 0, "desk_tokenize returned %d without being stopped", rc);
	int total = w.count;

	/* stopping: the callback's value comes back, and nothing follows it */
	if (total > 0) {
		struct walk s = { text, (int)size, w.utf8, 0, 1 + (int)(size % (size_t)total), 0, 0 };
		rc = desk_tokenize(text, (int)size, on_token, &s);
		FZ_CHECK(rc == 42 && s.count == s.stop_at, "stopped at %d: returned %d after %d tokens", s.stop_at,
			 rc, s.count);
	}

	if (!memchr(text, '\0', size)) {
		char *c = fz_cstr(data, size);
		FZ_CHECK(desk_has_tokens(c) == (total > 0), "desk_has_tokens says %d, %d tokens", desk_has_tokens(c),
			 total);
		free(c);
	}
	free(text);
	return 0;
}
