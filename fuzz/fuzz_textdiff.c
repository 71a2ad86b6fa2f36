/*
 * fuzz_textdiff.c - unified diffs: desk_textdiff_unified.
 *
 * Input: text a, a byte 0xFF, text b (no 0xFF: b is empty). Any other
 * bytes, NUL and CR included, are text. The diff is made with 3 lines of
 * context and again with 0, 1 or 2 (the input length picks), and from b
 * to a. Checks:
 *  - it returns 1 exactly when the texts differ, and appends nothing when
 *    they are equal; what out held before is kept;
 *  - an independent, strict applier takes the diff to a and gives b byte
 *    for byte; on the way it checks the shape diff -u gives a diff: header
 *    "--- a" "+++ b", hunk ranges that agree with the lines that follow,
 *    hunks in order, exactly `context` lines of context around each
 *    (fewer only at the ends of the text), hunks merged when their changes
 *    are at most 2 * context lines apart, deletions before insertions,
 *    "\ No newline at end of file" only after a last line;
 *  - the diff is minimal: for texts of up to 500 x 500 lines the changed
 *    lines number n + m - 2 LCS (dynamic programming), both ways round.
 */
#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

/* Lines of a text, split after each '\n'. */
struct lines {
	const char **s;
	size_t *n;
	long count;
};

static void lines_split(struct lines *l, const char *t, size_t len)
{
	l->s = malloc((len + 1) * sizeof *l->s);
	l->n = malloc((len + 1) * sizeof *l->n);
	FZ_CHECK(l->s && l->n, "out of memory");
	l->count = 0;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(t + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - t) + 1 : len;
		l->s[l->count] = t + i;
		l->n[l->count++] = e - i;
		i = e;
	}
}

static void lines_free(struct lines *l)
{
	free(l->s);
	free(l->n);
}

/* n + m - 2 LCS, or -1 when the texts are too big to check. */
static long min_changes(const char *a, size_t alen, const char *b, size_t blen)
{
	struct lines x, y;
	lines_split(&x, a, alen);
	lines_split(&y, b, blen);
	long r = -1;
	if ((x.count + 1) * (y.count + 1) <= 250000) {
		long *prev = calloc((size_t)y.count + 1, sizeof *prev);
		long *cur = calloc((size_t)y.count + 1, sizeof *cur);
		FZ_CHECK(prev && cur, "out of memory");
		for (long i = 1; i <= x.count; i++) {
			for (long j = 1; j <= y.count; j++) {
				if (x.n[i - 1] == y.n[j - 1] && memcmp(x.s[i - 1], y.s[j - 1], x.n[i - 1]) == 0)
					cur[j] = prev[j - 1] + 1;
				else
					cur[j] = prev[j] > cur[j - 1] ? prev[j] : cur[j - 1];
			}
			long *t = prev;
			prev = cur;
			cur = t;
		}
		r = x.count + y.count - 2 * prev[y.count];
		free(prev);
		free(cur);
	}
	lines_free(&x);
	lines_free(&y);
	return r;
}

static int eat(const char **p, const char *end, const char *s)
{
	size_t n = strlen(s);
	if ((size_t)(end - *p) < n || memcmp(*p, s, n) != 0)
		return 0;
	*p += n;
	return 1;
}

static int number(const char **p, const char *end, long *v)
{
	if (*p >= end || **p < '0' || **p > '9' || (**p == '0' && *p + 1 < end && (*p)[1] >= '0' && (*p)[1] <= '9'))
		return 0;
	for (*v = 0; *p < end && **p >= '0' && **p <= '9'; (*p)++) {
		if (*v > 100000000)
			return 0;
		*v = *v * 10 + (**p - '0');
	}
	return 1;
}

/* "L" or "L,N" of a hunk header: the 0-based first line and the count
 * (N is never 1: diff writes "L" then). */
static int range(const char **p, const char *end, long *start, long *len)
{
	long l, n = 1;
	if (!number(p, end, &l))
		return 0;
	if (*p < end && **p == ',') {
		(*p)++;
		if (!number(p, end, &n) || n == 1)
			return 0;
	}
	if (n > 0 && l < 1)
		return 0;
	*start = n == 0 ? l : l - 1;
	*len = n;
	return 1;
}

/* Apply diff d (ctx lines of context) to a into out, checking its shape;
 * *changed gets the lines deleted and inserted. NULL, or what is wrong. */
static const char *apply(const char *a, size_t alen, const char *d, size_t dlen, long ctx,
			 struct desk_buf *out, long *changed)
{
	static const char nonl_mark[] = "\\ No newline at end of file\n";
	const char *p = d, *end = d + dlen, *err = NULL;
	struct lines x;
	long pos = 0, outlines = 0, prev_end = -1, prev_trail = 0;
	int closed = 0;
	lines_split(&x, a, alen);
	*changed = 0;
	desk_buf_reset(out);
	desk_buf_add(out, "", 0);
	if (dlen == 0) {
		desk_buf_add(out, a, alen);
		goto out;
	}
	err = "bad header";
	if (!eat(&p, end, "--- a\n+++ b\n"))
		goto out;
	while (p < end) {
		long sa, la, sb, lb;
		err = "bad hunk header";
		if (!eat(&p, end, "@@ -") || !range(&p, end, &sa, &la) || !eat(&p, end, " +") ||
		    !range(&p, end, &sb, &lb) || !eat(&p, end, " @@\n"))
			goto out;
		err = "hunk out of order or past the end";
		if (sa < pos || sa + la > x.count)
			goto out;
		err = "hunk after a line without newline";
		for (; pos < sa; pos++, outlines++) {
			if (closed)
				goto out;
			desk_buf_add(out, x.s[pos], x.n[pos]);
		}
		err = "hunk starts at the wrong line of b";
		if (outlines != sb)
			goto out;
		long run = 0, lead = -1, first = -1, last = -1;
		char prev = ' ';
		while (la > 0 || lb > 0) {
			err = "hunk cut short";
			if (p >= end)
				goto out;
			char tag = *p++;
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			if (!nl)
				goto out;
			const char *s = p;
			size_t n = (size_t)(nl - p) + 1;
			p = nl + 1;
			int nonl = eat(&p, end, nonl_mark);
			if (nonl)
				n--;
			err = "bad line tag or count";
			if (tag != ' ' && tag != '-' && tag != '+')
				goto out;
			if ((tag != '+' && la == 0) || (tag != '-' && lb == 0))
				goto out;
			if (tag != '+') {
				err = "line not in a";
				if (pos >= x.count || x.n[pos] != n || memcmp(x.s[pos], s, n) != 0)
					goto out;
				pos++, la--;
			}
			if (tag != '-') {
				err = "line after a line without newline";
				if (closed)
					goto out;
				desk_buf_add(out, s, n);
				closed = nonl;
				outlines++, lb--;
			} else if (nonl && pos != x.count) {
				err = "no-newline mark inside a";
				goto out;
			}
			if (tag == ' ') {
				run++;
				prev = ' ';
				continue;
			}
			err = "deletion after insertion";
			if (tag == '-' && prev == '+')
				goto out;
			err = "context inside a hunk longer than 2 * context";
			if (lead < 0)
				lead = run;
			else if (run > 2 * ctx)
				goto out;
			run = 0;
			if (first < 0)
				first = tag == '-' ? pos - 1 : pos;
			last = pos;
			prev = tag;
			(*changed)++;
		}
		err = "hunk without changes";
		if (lead < 0)
			goto out;
		err = "hunks that should be one";
		if (prev_end >= 0 && first - prev_end <= 2 * ctx)
			goto out;
		err = "wrong context before a hunk";
		if (lead != (prev_end < 0 && first < ctx ? first : ctx))
			goto out;
		err = "wrong context after a hunk";
		if (prev_end >= 0 && prev_trail != ctx)
			goto out;
		prev_end = last;
		prev_trail = run;
	}
	err = "wrong context after the last hunk";
	if (prev_trail != (x.count - prev_end < ctx ? x.count - prev_end : ctx))
		goto out;
	err = "text after a line without newline";
	for (; pos < x.count; pos++) {
		if (closed)
			goto out;
		desk_buf_add(out, x.s[pos], x.n[pos]);
	}
	err = NULL;
out:
	lines_free(&x);
	return err;
}

/* Diff a against b with ctx lines of context, check it; returns the
 * number of changed lines. */
static long one(const char *a, size_t alen, const char *b, size_t blen, int ctx)
{
	struct desk_buf out = DESK_BUF_INIT, patched = DESK_BUF_INIT;
	int differ = alen != blen || memcmp(a, b, alen) != 0;
	desk_buf_adds(&out, "kept");
	int rc = desk_textdiff_unified(a, alen, "a", b, blen, "b", ctx, &out);
	FZ_CHECK(rc == differ, "returned %d for texts that %s", rc, differ ? "differ" : "are equal");
	FZ_CHECK(memcmp(out.s, "kept", 4) == 0, "what out held was overwritten");
	FZ_CHECK((out.len == 4) == !differ, "%zu bytes of diff for texts that %s", out.len - 4,
		 differ ? "differ" : "are equal");
	FZ_CHECK(out.s[out.len] == '\0', "output not NUL-terminated");
	long changed;
	const char *err = apply(a, alen, out.s + 4, out.len - 4, ctx, &patched, &changed);
	FZ_CHECK(err == NULL, "diff -U%d: %s in:\n%.*s", ctx, err, (int)(out.len - 4), out.s + 4);
	FZ_CHECK(patched.len == blen && memcmp(patched.s, b, blen) == 0,
		 "diff -U%d applied to a does not give b:\n%.*s", ctx, (int)(out.len - 4), out.s + 4);
	desk_buf_free(&out);
	desk_buf_free(&patched);
	return changed;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *cut = size ? memchr(s, 0xff, size) : NULL;
	size_t alen = cut ? (size_t)(cut - s) : size;
	const char *b = cut ? cut + 1 : s + size;
	size_t blen = cut ? size - alen - 1 : 0;

	long ab = one(s, alen, b, blen, 3);
	one(s, alen, b, blen, (int)(size % 3));
	long ba = one(b, blen, s, alen, 3);
	long min = min_changes(s, alen, b, blen);
	if (min >= 0) {
		FZ_CHECK(ab == min, "a to b changes %ld lines, a minimal diff %ld", ab, min);
		FZ_CHECK(ba == min, "b to a changes %ld lines, a minimal diff %ld", ba, min);
	}
	return 0;
}
