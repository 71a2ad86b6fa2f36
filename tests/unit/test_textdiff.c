/*
 * test_textdiff.c - unified diffs against GNU diff: byte for byte on fixed
 * cases; on random ambiguous pairs (where diff may pick another minimal
 * alignment) the diff must apply to a giving b, be in the canonical shape
 * diff -u prints, and change as few lines as `diff --minimal` and an
 * independent LCS count say.
 */
#include "unit_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define T(s) s, sizeof(s) - 1

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
	assert_true(l->s && l->n);
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

static int lines_eq(const struct lines *a, long i, const struct lines *b, long j)
{
	return a->n[i] == b->n[j] && memcmp(a->s[i], b->s[j], a->n[i]) == 0;
}

/* Lines changed by a minimal diff: n + m - 2 LCS (plain dynamic programming). */
static long min_changes(const char *a, size_t alen, const char *b, size_t blen)
{
	struct lines x, y;
	lines_split(&x, a, alen);
	lines_split(&y, b, blen);
	long *prev = calloc((size_t)y.count + 1, sizeof *prev), *cur = calloc((size_t)y.count + 1, sizeof *cur);
	assert_true(prev && cur);
	for (long i = 1; i <= x.count; i++) {
		for (long j = 1; j <= y.count; j++) {
			if (lines_eq(&x, i - 1, &y, j - 1))
				cur[j] = prev[j - 1] + 1;
			else
				cur[j] = prev[j] > cur[j - 1] ? prev[j] : cur[j - 1];
		}
		long *t = prev;
		prev = cur;
		cur = t;
	}
	long lcs = prev[y.count];
	free(prev);
	free(cur);
	long r = x.count + y.count - 2 * lcs;
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
	if (*p >= end || **p < '0' || **p > '9')
		return 0;
	for (*v = 0; *p < end && **p >= '0' && **p <= '9'; (*p)++)
		*v = *v * 10 + (**p - '0');
	return 1;
}

/* "L" or "L,N" of a hunk header: the 0-based first line and the count. */
static int range(const char **p, const char *end, long *start, long *len)
{
	long l, n = 1;
	if (!number(p, end, &l))
		return 0;
	if (*p < end && **p == ',') {
		(*p)++;
		if (!number(p, end, &n))
			return 0;
	}
	if (n > 0 && l < 1)
		return 0;
	*start = n == 0 ? l : l - 1;
	*len = n;
	return 1;
}

/*
 * Apply the unified diff d (labels "a" and "b", ctx lines of context) to
 * a, into out; *changed gets the number of lines deleted and inserted.
 * Also checks the shape diff -u gives a diff: hunks in order with exactly
 * ctx lines of context around them (fewer only at the ends of the text),
 * merged when their changes are at most 2 ctx lines apart, deletions
 * before insertions, "\ No newline" only after a last line. Returns NULL,
 * or what is wrong.
 */
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

static void write_file(const char *path, const char *s, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(s, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* What GNU diff says, with -a (NUL bytes are text here). */
static void gnu_diff(struct unit *u, const char *a, size_t alen, const char *b, size_t blen, int ctx,
		     int minimal, struct desk_buf *out)
{
	char pa[160], pb[160], cmd[480], chunk[4096];
	snprintf(pa, sizeof pa, "%s/a", u->dir);
	snprintf(pb, sizeof pb, "%s/b", u->dir);
	write_file(pa, a, alen);
	write_file(pb, b, blen);
	snprintf(cmd, sizeof cmd, "diff -a %s-U%d --label a --label b '%s' '%s'", minimal ? "--minimal " : "",
		 ctx, pa, pb);
	FILE *f = popen(cmd, "r");
	assert_non_null(f);
	desk_buf_reset(out);
	desk_buf_add(out, "", 0);
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		desk_buf_add(out, chunk, n);
	int st = pclose(f);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), memcmp(a, b, alen < blen ? alen : blen) || alen != blen);
}

static void ours(const char *a, size_t alen, const char *b, size_t blen, int ctx, struct desk_buf *out)
{
	desk_buf_reset(out);
	desk_buf_add(out, "", 0);
	int differ = alen != blen || memcmp(a, b, alen) != 0;
	assert_int_equal(desk_textdiff_unified(a, alen, "a", b, blen, "b", ctx, out), differ);
	assert_int_equal(out->len == 0, !differ);
}

/* Ours applies, and is the diff GNU diff prints byte for byte. */
static void same_as_gnu(struct unit *u, const char *a, size_t alen, const char *b, size_t blen, int ctx)
{
	struct desk_buf mine = DESK_BUF_INIT, gnu = DESK_BUF_INIT, patched = DESK_BUF_INIT;
	long changed;
	ours(a, alen, b, blen, ctx, &mine);
	gnu_diff(u, a, alen, b, blen, ctx, 0, &gnu);
	if (mine.len != gnu.len || memcmp(mine.s, gnu.s, mine.len) != 0)
		fail_msg("diff -U%d differs:\n%.*s---- GNU diff:\n%.*s", ctx, (int)mine.len, mine.s, (int)gnu.len,
			 gnu.s);
	const char *err = apply(a, alen, mine.s, mine.len, ctx, &patched, &changed);
	if (err)
		fail_msg("%s in:\n%.*s", err, (int)mine.len, mine.s);
	assert_int_equal(patched.len, blen);
	assert_memory_equal(patched.s, b, blen);
	desk_buf_free(&mine);
	desk_buf_free(&gnu);
	desk_buf_free(&patched);
}

static void test_literal(void **state)
{
	(void)state;
	struct desk_buf out = DESK_BUF_INIT;
	ours(T("a\nb\nc\n"), T("a\nc\nd"), 3, &out);
	assert_string_equal(out.s, "--- a\n+++ b\n@@ -1,3 +1,3 @@\n a\n-b\n c\n+d\n\\ No newline at end of file\n");
	ours(T(""), T("x\n"), 3, &out);
	assert_string_equal(out.s, "--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n");
	ours(T("1\n2\n3\n"), T("1\n3\n"), 0, &out);
	assert_string_equal(out.s, "--- a\n+++ b\n@@ -2 +1,0 @@\n-2\n");
	ours(T("same\n"), T("same\n"), 3, &out);
	assert_int_equal(out.len, 0);
	/* labels as given, without times; negative context is none */
	desk_buf_reset(&out);
	assert_int_equal(desk_textdiff_unified(T("x\n"), "v1 (2026-01-02)", T("y\n"), "v2", -5, &out), 1);
	assert_string_equal(out.s, "--- v1 (2026-01-02)\n+++ v2\n@@ -1 +1 @@\n-x\n+y\n");
	desk_buf_reset(&out);
	assert_int_equal(desk_textdiff_unified(NULL, 0, "a", NULL, 0, "b", 3, &out), 0);
	assert_int_equal(out.len, 0);
	desk_buf_free(&out);
}

/* "1\n" .. "n\n" with some lines replaced: edits[i] = line number, text */
static char *numbered(int n, const int *at, const char *const *text, int nedits)
{
	struct desk_buf b = DESK_BUF_INIT;
	for (int i = 1; i <= n; i++) {
		int k = 0;
		while (k < nedits && at[k] != i)
			k++;
		if (k < nedits)
			desk_buf_adds(&b, text[k]);
		else
			desk_buf_addf(&b, "%d\n", i);
	}
	desk_buf_add(&b, "", 0);
	return desk_buf_take(&b);
}

static void test_like_gnu(void **state)
{
	struct unit *u = *state;
	/* inserts, deletes, changes at the start, in the middle, at the end */
	same_as_gnu(u, T("a\nb\nc\n"), T("a\nb\nc\n"), 3);
	same_as_gnu(u, T("b\nc\nd\ne\n"), T("a\nb\nc\nd\ne\n"), 3);
	same_as_gnu(u, T("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"), T("1\n2\n3\n4\n5\nnew\n6\n7\n8\n9\n10\n"), 3);
	same_as_gnu(u, T("1\n2\n3\n4\n5\n6\n"), T("1\n2\n3\n4\n5\n6\n7\n"), 3);
	same_as_gnu(u, T("1\n2\n3\n4\n5\n6\n7\n8\n"), T("1\n2\n3\n5\n6\n7\n8\n"), 3);
	same_as_gnu(u, T("1\n2\n3\n4\n5\n6\n7\n8\n"), T("2\n3\n4\n5\n6\n7\n8\n"), 3);
	same_as_gnu(u, T("1\n2\n3\n4\n5\n6\n7\n8\n"), T("1\n2\n3\n4\n5\n6\n7\n"), 3);
	same_as_gnu(u, T("1\n2\n3\n4\n5\n6\n7\n8\n"), T("1\n2\n3\nfour\n5\n6\n7\n8\n"), 3);
	same_as_gnu(u, T("a: 1\nb: 2\n"), T("x: 9\ny: 8\nz: 7\n"), 3);
	/* empty sides */
	same_as_gnu(u, T(""), T("a\nb\n"), 3);
	same_as_gnu(u, T("a\nb\n"), T(""), 3);
	same_as_gnu(u, T(""), T("no newline"), 3);
	/* missing final newline on one side, the other, both */
	same_as_gnu(u, T("a\nb\nc"), T("a\nb\nc\n"), 3);
	same_as_gnu(u, T("a\nb\nc\n"), T("a\nb\nc"), 3);
	same_as_gnu(u, T("a\nb\nc"), T("a\nB\nc"), 3);
	same_as_gnu(u, T("1\n2\n3\n4\n5\n6\n7\n8\n9\nlast"), T("1\nTWO\n3\n4\n5\n6\n7\n8\n9\nlast"), 3);
	same_as_gnu(u, T("a\nb"), T("a\nc"), 0);
	/* CRLF lines are bytes like any other; so are NUL bytes */
	same_as_gnu(u, T("a\r\nb\r\nc\r\n"), T("a\r\nB\r\nc\r\n"), 3);
	same_as_gnu(u, T("a\nb\n"), T("a\r\nb\n"), 3);
	same_as_gnu(u, T("k\0v\nx\0y\n"), T("k\0v\nx\0z\n"), 3);
	/* equal lines around an insert: the run slides as diff slides it */
	same_as_gnu(u, T("a\n\nb\n\nc\n"), T("a\n\nb\n\nnew\n\nc\n"), 3);
	same_as_gnu(u, T("x\nx\nx\n"), T("x\nx\nx\nx\n"), 3);
	same_as_gnu(u, T("}\n}\n"), T("}\n  if:\n}\n}\n"), 3);
	same_as_gnu(u, T("- a\n- b\n- a\n- b\n"), T("- a\n- b\n- a\n- b\n- a\n- b\n"), 1);
	/* an insert that can slide down stays where it faces the deletion */
	same_as_gnu(u, T("mode: a\nend\n"), T("end\nend\n"), 3);

	/* hunks: far apart, and merged when their context would overlap
	 * (changes at most 2 * context unchanged lines apart) */
	static const char *const two[] = { "X\n", "Y\n" };
	for (int gap = 4; gap <= 9; gap++) {
		for (int ctx = 0; ctx <= 4; ctx++) {
			int at[] = { 5, 5 + gap + 1 };
			char *a = numbered(30, NULL, NULL, 0), *b = numbered(30, at, two, 2);
			same_as_gnu(u, a, strlen(a), b, strlen(b), ctx);
			free(a);
			free(b);
		}
	}
	static const char *const three[] = { "A\n", "B\n", "C\n" };
	int far[] = { 2, 40, 77 };
	char *a = numbered(80, NULL, NULL, 0), *b = numbered(80, far, three, 3);
	same_as_gnu(u, a, strlen(a), b, strlen(b), 3);
	same_as_gnu(u, b, strlen(b), a, strlen(a), 1);
	same_as_gnu(u, a, strlen(a), b, strlen(b), 50);
	free(a);
	free(b);
}

static uint64_t rng_state;

static unsigned rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

/* A 50-line text over a few distinct lines, and a copy with random line
 * edits: many equally short diffs exist. */
static void random_pair(struct desk_buf *a, struct desk_buf *b)
{
	static const char *const words[] = { "a: 1\n", "b: 2\n", "\n", "  - x\n", "}\n", "c: 3\n", "d\r\n" };
	int line[80], n = 50, alpha = 2 + (int)rnd(4);
	for (int i = 0; i < n; i++)
		line[i] = (int)rnd((unsigned)alpha);
	desk_buf_reset(a);
	desk_buf_reset(b);
	desk_buf_add(a, "", 0);
	desk_buf_add(b, "", 0);
	for (int i = 0; i < n; i++)
		desk_buf_adds(a, words[line[i]]);
	for (int e = (int)rnd(10); e > 0; e--) {
		int p = (int)rnd((unsigned)n + 1), op = (int)rnd(3);
		if (op == 0 && n < 80) {
			memmove(line + p + 1, line + p, (size_t)(n - p) * sizeof *line);
			line[p] = (int)rnd(7);
			n++;
		} else if (op == 1 && p < n) {
			memmove(line + p, line + p + 1, (size_t)(n - p - 1) * sizeof *line);
			n--;
		} else if (p < n) {
			line[p] = (int)rnd(7);
		}
	}
	for (int i = 0; i < n; i++)
		desk_buf_adds(b, words[line[i]]);
	/* now and then a last line without its newline */
	if (rnd(5) == 0 && a->len)
		a->s[--a->len] = '\0';
	if (rnd(5) == 0 && b->len)
		b->s[--b->len] = '\0';
}

static void test_random_minimal(void **state)
{
	struct unit *u = *state;
	struct desk_buf a = DESK_BUF_INIT, b = DESK_BUF_INIT, mine = DESK_BUF_INIT, gnu = DESK_BUF_INIT;
	struct desk_buf patched = DESK_BUF_INIT;
	rng_state = 0x9e3779b97f4a7c15ULL;
	for (int t = 0; t < 200; t++) {
		random_pair(&a, &b);
		int ctx = (int)rnd(5);
		long changed, gnu_changed;
		ours(a.s, a.len, b.s, b.len, ctx, &mine);
		const char *err = apply(a.s, a.len, mine.s, mine.len, ctx, &patched, &changed);
		if (err)
			fail_msg("case %d: %s in:\n%.*s", t, err, (int)mine.len, mine.s);
		assert_int_equal(patched.len, b.len);
		assert_memory_equal(patched.s, b.s, b.len);
		/* as few changed lines as diff --minimal (read by the same
		 * checker, which GNU's output passes too) and the LCS */
		gnu_diff(u, a.s, a.len, b.s, b.len, ctx, 1, &gnu);
		err = apply(a.s, a.len, gnu.s, gnu.len, ctx, &patched, &gnu_changed);
		if (err)
			fail_msg("case %d: checker refuses GNU diff: %s in:\n%.*s", t, err, (int)gnu.len, gnu.s);
		assert_int_equal(changed, gnu_changed);
		assert_int_equal(changed, min_changes(a.s, a.len, b.s, b.len));
	}
	desk_buf_free(&a);
	desk_buf_free(&b);
	desk_buf_free(&mine);
	desk_buf_free(&gnu);
	desk_buf_free(&patched);
}

/* 1 MiB of YAML-like lines with three lines changed: three hunks, as diff. */
static void test_big_few_changes(void **state)
{
	struct unit *u = *state;
	struct desk_buf a = DESK_BUF_INIT, b = DESK_BUF_INIT;
	long n = 0;
	while (a.len < 1024 * 1024)
		desk_buf_addf(&a, "  key_%ld: value %ld\n", n, (n * 7919) % 1000), n++;
	desk_buf_add(&b, a.s, a.len);
	const long at[] = { 10, n / 2, n - 5 };
	for (int i = 0; i < 3; i++) {
		char *p = b.s;
		for (long k = 0; k < at[i]; k++)
			p = strchr(p, '\n') + 1;
		p[2] = 'K'; /* "  key_..." becomes "  Key_..." */
	}
	same_as_gnu(u, a.s, a.len, b.s, b.len, 3);
	struct desk_buf out = DESK_BUF_INIT;
	ours(a.s, a.len, b.s, b.len, 3, &out);
	int hunks = 0;
	for (const char *p = out.s; (p = strstr(p, "\n@@ ")) != NULL; p++)
		hunks++;
	assert_int_equal(hunks, 3);
	desk_buf_free(&out);
	desk_buf_free(&a);
	desk_buf_free(&b);
}

/*
 * Two unrelated texts of 30000 lines over four distinct lines: an edit
 * distance in the tens of thousands, past the point where the search
 * splits heuristically. The diff must still apply, and stay close to
 * minimal: about 20900 lines change (the minimum is near 20800), where
 * replacing everything would change all 60000.
 */
static void test_big_different(void **state)
{
	(void)state;
	struct desk_buf a = DESK_BUF_INIT, b = DESK_BUF_INIT, out = DESK_BUF_INIT, patched = DESK_BUF_INIT;
	static const char *const words[] = { "a\n", "b\n", "c\n", "d\n" };
	rng_state = 42;
	for (int i = 0; i < 30000; i++) {
		desk_buf_adds(&a, words[rnd(4)]);
		desk_buf_adds(&b, words[rnd(4)]);
	}
	ours(a.s, a.len, b.s, b.len, 3, &out);
	long changed;
	const char *err = apply(a.s, a.len, out.s, out.len, 3, &patched, &changed);
	if (err)
		fail_msg("%s", err);
	assert_int_equal(patched.len, b.len);
	assert_memory_equal(patched.s, b.s, b.len);
	assert_true(changed < 60000 * 4 / 10);
	desk_buf_free(&a);
	desk_buf_free(&b);
	desk_buf_free(&out);
	desk_buf_free(&patched);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literal),
		cmocka_unit_test_setup_teardown(test_like_gnu, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_random_minimal, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_big_few_changes, unit_setup_nodb, unit_teardown),
		cmocka_unit_test(test_big_different),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
