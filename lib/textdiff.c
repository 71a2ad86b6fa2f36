/*
 * textdiff.c - unified diffs of two texts: the common head and tail taken
 * off, Myers' greedy O(ND) search on what is left (lines compared by hash,
 * then bytes), hunks with context as diff -u prints them.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "desk/textdiff.h"

/* Past this many differences the middle is replaced wholesale: the trace
 * of the search grows with the square of D. */
#define DIFF_MAX_D 4000

struct line {
	const char *s;
	size_t n;         /* bytes, with the newline when there is one */
	uint64_t h;
};

static struct line *split(const char *t, size_t len, size_t *n)
{
	size_t cap = 16, k = 0;
	struct line *v = desk_xmalloc(cap * sizeof *v);
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(t + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - t) + 1 : len;
		if (k == cap)
			v = desk_xrealloc(v, (cap *= 2) * sizeof *v);
		uint64_t h = 1469598103934665603ULL;
		for (size_t j = i; j < e; j++)
			h = (h ^ (unsigned char)t[j]) * 1099511628211ULL;
		v[k++] = (struct line){ t + i, e - i, h };
		i = e;
	}
	*n = k;
	return v;
}

static int same(const struct line *x, const struct line *y)
{
	return x->h == y->h && x->n == y->n && memcmp(x->s, y->s, x->n) == 0;
}

/* The edit script: ops[i] is '=', '-' or '+', in order. */
struct script {
	char *op;
	size_t n, cap;
};

static void push(struct script *s, char c, size_t count)
{
	if (s->n + count > s->cap) {
		s->cap = (s->n + count) * 2 + 16;
		s->op = desk_xrealloc(s->op, s->cap);
	}
	memset(s->op + s->n, c, count);
	s->n += count;
}

/* Myers on a[0..n) and b[0..m): the ops, in order, appended to s. */
static void myers(const struct line *a, long n, const struct line *b, long m, struct script *s)
{
	long max = n + m, off = max + 1;
	if (max == 0)
		return;
	long limit = max < DIFF_MAX_D ? max : DIFF_MAX_D;
	long *v = desk_xcalloc((size_t)(2 * max + 3), sizeof *v);
	long **trace = desk_xcalloc((size_t)limit + 1, sizeof *trace);
	long d, found = -1;
	for (d = 0; d <= limit && found < 0; d++) {
		for (long k = -d; k <= d; k += 2) {
			long x = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) ? v[off + k + 1]
											   : v[off + k - 1] + 1;
			long y = x - k;
			while (x < n && y < m && same(&a[x], &b[y]))
				x++, y++;
			v[off + k] = x;
			if (x >= n && y >= m) {
				found = d;
				break;
			}
		}
		trace[d] = desk_xmalloc((size_t)(2 * d + 1) * sizeof **trace);
		memcpy(trace[d], v + off - d, (size_t)(2 * d + 1) * sizeof **trace);
	}
	if (found < 0) {
		/* too different: all of a out, all of b in */
		push(s, '-', (size_t)n);
		push(s, '+', (size_t)m);
	} else {
		/* walk back from (n, m), collecting ops in reverse */
		char *rev = desk_xmalloc((size_t)(n + m) + 1);
		size_t nr = 0;
		long x = n, y = m;
		for (long dd = found; dd > 0; dd--) {
			/* trace[dd - 1] holds diagonals -(dd - 1) .. dd - 1 */
			long *pv = trace[dd - 1] + dd - 1, k = x - y;
			long pk = (k == -dd || (k != dd && pv[k - 1] < pv[k + 1])) ? k + 1 : k - 1;
			long px = pv[pk], py = px - pk;
			while (x > px && y > py) {   /* the snake after the step */
				rev[nr++] = '=';
				x--, y--;
			}
			if (pk == k + 1) {
				rev[nr++] = '+';
				y--;
			} else {
				rev[nr++] = '-';
				x--;
			}
		}
		while (x > 0 && y > 0) {
			rev[nr++] = '=';
			x--, y--;
		}
		for (size_t i = nr; i > 0; i--)
			push(s, rev[i - 1], 1);
		free(rev);
	}
	for (long i = 0; i < d && i <= limit; i++)
		free(trace[i]);
	free(trace);
	free(v);
}

static void emit_line(struct desk_buf *out, char tag, const struct line *l)
{
	desk_buf_addc(out, tag);
	desk_buf_add(out, l->s, l->n);
	if (l->n == 0 || l->s[l->n - 1] != '\n')
		desk_buf_adds(out, "\n\\ No newline at end of file\n");
}

static void range(struct desk_buf *out, size_t start, size_t len)
{
	if (len == 1)
		desk_buf_addf(out, "%zu", start + 1);
	else
		desk_buf_addf(out, "%zu,%zu", len ? start + 1 : start, len);
}

int desk_textdiff_unified(const char *a, size_t alen, const char *la, const char *b, size_t blen,
			  const char *lb, int context, struct desk_buf *out)
{
	size_t n, m;
	struct line *A = split(a, alen, &n), *B = split(b, blen, &m);
	struct script s = { NULL, 0, 0 };
	size_t head = 0, tail = 0;
	while (head < n && head < m && same(&A[head], &B[head]))
		head++;
	while (tail < n - head && tail < m - head && same(&A[n - 1 - tail], &B[m - 1 - tail]))
		tail++;
	push(&s, '=', head);
	myers(A + head, (long)(n - head - tail), B + head, (long)(m - head - tail), &s);
	push(&s, '=', tail);
	int differ = head + tail < n || head + tail < m;
	if (differ) {
		desk_buf_addf(out, "--- %s\n+++ %s\n", la, lb);
		size_t ctx = context < 0 ? 0 : (size_t)context;
		size_t i = 0, ai = 0, bi = 0; /* op index and the lines before it */
		while (i < s.n) {
			if (s.op[i] == '=') {
				i++, ai++, bi++;
				continue;
			}
			/* a hunk: back up ctx lines, then run until ctx*2 equal lines follow */
			size_t back = 0;
			while (back < ctx && back < i && s.op[i - back - 1] == '=')
				back++;
			size_t hs = i - back, as = ai - back, bs = bi - back, he = i;
			for (;;) {
				while (he < s.n && s.op[he] != '=')
					he++;
				size_t run = 0;
				while (he + run < s.n && s.op[he + run] == '=')
					run++;
				if (he + run >= s.n || run > 2 * ctx) {
					he += run < ctx ? run : ctx;
					break;
				}
				he += run;
			}
			size_t al = 0, bl = 0;
			for (size_t k = hs; k < he; k++) {
				al += s.op[k] != '+';
				bl += s.op[k] != '-';
			}
			desk_buf_adds(out, "@@ -");
			range(out, as, al);
			desk_buf_adds(out, " +");
			range(out, bs, bl);
			desk_buf_adds(out, " @@\n");
			size_t x = as, y = bs;
			for (size_t k = hs; k < he; k++) {
				if (s.op[k] == '=')
					emit_line(out, ' ', &A[x++]), y++;
				else if (s.op[k] == '-')
					emit_line(out, '-', &A[x++]);
				else
					emit_line(out, '+', &B[y++]);
			}
			i = he;
			ai = x;
			bi = y;
		}
	}
	free(s.op);
	free(A);
	free(B);
	return differ;
}
