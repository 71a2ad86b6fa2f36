/*
 * textdiff.c - unified diffs of two texts, printed as GNU `diff -u` prints
 * them (desk-policy diff shows what changed between two policy versions).
 *
 * Lines are numbered by equivalence class (hash, then bytes). The common
 * head and tail are set aside, keeping `context` lines of each so changes
 * can still slide into them. A line with no equal on the other side is
 * changed in every alignment, so it is marked at once and left out of the
 * search (GNU diff does the same). Myers' O(ND) algorithm, the linear-space
 * variant (middle snake, divide and conquer), aligns the rest. Runs of
 * changes then slide over equal neighbours as GNU diff slides them: merged
 * with a neighbouring run where possible, else moved as far down as they
 * go, unless they can face a change on the other side. So for most inputs
 * the hunks are the ones diff prints; where several minimal alignments
 * exist, diff's may still differ (it also drops some frequent lines from
 * its search, at the price of minimality, which this does not).
 *
 * Cost: memory linear in the lines; time O((N+M) D). A middle-snake search
 * that runs past `limit` rounds (4096 for small inputs, fewer for big ones)
 * splits at its furthest-reaching point instead, as GNU diff does for
 * "too expensive" inputs, and once WORK_BUDGET steps are spent whatever is
 * left is replaced wholesale: the diff stays correct, no longer minimal.
 */
#include "internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "desk/textdiff.h"

/* Steps (diagonals visited and lines compared) before the rest of the
 * search is replaced wholesale: about a second. */
#define WORK_BUDGET 400000000LL
#define LIMIT_MAX 4096
#define LIMIT_MIN 256

/* No point on this diagonal yet (forward and backward searches). */
#define FNONE (-1L)
#define BNONE LONG_MAX

struct text {
	const char *s;
	long n;          /* lines */
	size_t *off;     /* n + 1 offsets: line i is s[off[i] .. off[i + 1]) */
};

static void text_split(struct text *t, const char *s, size_t len)
{
	long n = 0;
	for (const char *p = s, *end = s + len; p < end; n++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	t->s = s;
	t->n = n;
	t->off = desk_xmalloc(((size_t)n + 1) * sizeof *t->off);
	size_t o = 0;
	for (long i = 0; i < n; i++) {
		t->off[i] = o;
		const char *nl = memchr(s + o, '\n', len - o);
		o = nl ? (size_t)(nl - s) + 1 : len;
	}
	t->off[n] = len;
}

static const char *line_at(const struct text *t, long i, size_t *len)
{
	*len = t->off[i + 1] - t->off[i];
	return t->s + t->off[i];
}

static int line_same(const struct text *a, long i, const struct text *b, long j)
{
	size_t n, m;
	const char *p = line_at(a, i, &n), *q = line_at(b, j, &m);
	return n == m && memcmp(p, q, n) == 0;
}

/* Equivalence classes of lines: open addressing, sized for every line. */
struct classes {
	long *slot;      /* class + 1, 0 when empty */
	size_t mask;
	struct cls {
		uint64_t h;
		const char *s;
		size_t n;
	} *c;
	long count;
};

static void classes_init(struct classes *k, long lines)
{
	size_t size = 16;
	while (size < 2 * (size_t)lines)
		size *= 2;
	k->slot = desk_xcalloc(size, sizeof *k->slot);
	k->mask = size - 1;
	k->c = desk_xmalloc(((size_t)lines + 1) * sizeof *k->c);
	k->count = 0;
}

static long class_of(struct classes *k, const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	size_t i = (size_t)(h ^ h >> 29) & k->mask;
	for (;; i = (i + 1) & k->mask) {
		long c = k->slot[i] - 1;
		if (c < 0)
			break;
		if (k->c[c].h == h && k->c[c].n == n && memcmp(k->c[c].s, s, n) == 0)
			return c;
	}
	k->c[k->count] = (struct cls){ h, s, n };
	k->slot[i] = ++k->count;
	return k->count - 1;
}

/* The search: classes of the lines still compared, where they are in the
 * window, and the changed flags it sets there. */
struct myers {
	const long *xv, *yv;
	const long *xi, *yi;
	char *xch, *ych;
	long *fd, *bd;       /* furthest point by diagonal x - y, from -ny-1 to nx+1 */
	long limit;
	long long budget;
};

/*
 * A point on an edit path of xv[xoff..xlim) and yv[yoff..ylim) (both not
 * empty, first lines different, last lines different) that splits it in
 * two, into *xm, *ym: on a minimal path when the search meets in the
 * middle within `limit` rounds, else the point that got furthest. Never
 * the start or the end.
 *
 * fd[k] is the largest x on diagonal k reached from the start with the
 * cost so far, bd[k] the smallest x from which the end is reached. A step
 * that would leave the box is not taken: the diagonals past it lead to
 * dearer paths than the one along the edge.
 */
static void midpoint(struct myers *m, long xoff, long xlim, long yoff, long ylim, long *xm, long *ym)
{
	long *fd = m->fd, *bd = m->bd;
	const long *xv = m->xv, *yv = m->yv;
	const long dmin = xoff - ylim, dmax = xlim - yoff;
	const long fmid = xoff - yoff, bmid = xlim - ylim;
	long fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
	const int odd = (fmid - bmid) & 1;

	fd[fmid] = xoff;
	fd[fmid - 1] = fd[fmid + 1] = FNONE;
	bd[bmid] = xlim;
	bd[bmid - 1] = bd[bmid + 1] = BNONE;
	for (long c = 1;; c++) {
		/* one more step from the start on every diagonal in reach */
		if (fmin > dmin)
			fd[--fmin - 1] = FNONE;
		else
			fmin++;
		if (fmax < dmax)
			fd[++fmax + 1] = FNONE;
		else
			fmax--;
		for (long k = fmax; k >= fmin; k -= 2) {
			long x = fd[k], lo = fd[k - 1], hi = fd[k + 1];
			if (lo != FNONE && lo < xlim && lo + 1 > x)
				x = lo + 1;                     /* a line of x deleted */
			if (hi != FNONE && hi - k <= ylim && hi > x)
				x = hi;                         /* a line of y inserted */
			if (x == FNONE)
				continue;
			long y = x - k, x0 = x;
			while (x < xlim && y < ylim && xv[x] == yv[y])
				x++, y++;
			fd[k] = x;
			m->budget -= 1 + (x - x0);
			if (odd && bmin <= k && k <= bmax && bd[k] <= x) {
				*xm = x, *ym = y;
				return;
			}
		}
		/* and one more back from the end */
		if (bmin > dmin)
			bd[--bmin - 1] = BNONE;
		else
			bmin++;
		if (bmax < dmax)
			bd[++bmax + 1] = BNONE;
		else
			bmax--;
		for (long k = bmax; k >= bmin; k -= 2) {
			long x = bd[k], lo = bd[k - 1], hi = bd[k + 1];
			if (lo != BNONE && lo - k >= yoff && lo < x)
				x = lo;
			if (hi != BNONE && hi > xoff && hi - 1 < x)
				x = hi - 1;
			if (x == BNONE)
				continue;
			long y = x - k, x0 = x;
			while (x > xoff && y > yoff && xv[x - 1] == yv[y - 1])
				x--, y--;
			bd[k] = x;
			m->budget -= 1 + (x0 - x);
			if (!odd && fmin <= k && k <= fmax && x <= fd[k]) {
				*xm = x, *ym = y;
				return;
			}
		}
		if (c < m->limit && m->budget >= 0)
			continue;
		/* too expensive: split where one search got furthest (x + y is
		 * 2x - k); every point is past the start and short of the end,
		 * or the searches would have met */
		long fbest = -1, fk = 0, bbest = -1, bk = 0;
		for (long k = fmax; k >= fmin; k -= 2)
			if (fd[k] != FNONE && 2 * fd[k] - k - (xoff + yoff) > fbest)
				fbest = 2 * fd[k] - k - (xoff + yoff), fk = k;
		for (long k = bmax; k >= bmin; k -= 2)
			if (bd[k] != BNONE && (xlim + ylim) - (2 * bd[k] - k) > bbest)
				bbest = (xlim + ylim) - (2 * bd[k] - k), bk = k;
		if (fbest >= bbest)
			*xm = fd[fk], *ym = fd[fk] - fk;
		else
			*xm = bd[bk], *ym = bd[bk] - bk;
		return;
	}
}

/* Mark the changed lines of xv[xoff..xlim) against yv[yoff..ylim). */
static void compareseq(struct myers *m, long xoff, long xlim, long yoff, long ylim)
{
	for (;;) {
		while (xoff < xlim && yoff < ylim && m->xv[xoff] == m->yv[yoff])
			xoff++, yoff++;
		while (xlim > xoff && ylim > yoff && m->xv[xlim - 1] == m->yv[ylim - 1])
			xlim--, ylim--;
		if (xoff == xlim || yoff == ylim || m->budget < 0) {
			for (; xoff < xlim; xoff++)
				m->xch[m->xi[xoff]] = 1;
			for (; yoff < ylim; yoff++)
				m->ych[m->yi[yoff]] = 1;
			return;
		}
		long xm, ym;
		midpoint(m, xoff, xlim, yoff, ylim, &xm, &ym);
		/* the first half costs at most half: the recursion stays shallow */
		compareseq(m, xoff, xm, yoff, ym);
		xoff = xm, yoff = ym;
	}
}

/*
 * Slide each run of changed lines of one side (flags ch, classes eq, n
 * lines; ch[-1] and ch[n] are 0) over equal neighbours: up and down to
 * merge with other runs, then as far down as it goes, unless on the way
 * it faced changed lines of the other side (flags oc, with the same
 * sentinels), where it goes back to the last such place. j follows the
 * other side's unchanged line paired with line i.
 */
static void slide(char *ch, const long *eq, long n, const char *oc)
{
	long i = 0, j = 0;
	for (;;) {
		while (i < n && !ch[i]) {
			while (oc[j])
				j++;
			i++, j++;
		}
		if (i == n)
			return;
		long start = i, len, facing;
		while (ch[i])
			i++;
		while (oc[j])
			j++;
		do {
			len = i - start;
			while (start > 0 && eq[start - 1] == eq[i - 1]) {
				ch[--start] = 1;
				ch[--i] = 0;
				while (ch[start - 1])
					start--;
				for (j--; oc[j]; j--)
					;
			}
			facing = oc[j - 1] ? i : n;
			while (i < n && eq[start] == eq[i]) {
				ch[start++] = 0;
				ch[i++] = 1;
				while (ch[i])
					i++;
				for (j++; oc[j]; j++)
					facing = i;
			}
		} while (len != i - start);
		while (facing < i) {
			ch[--start] = 1;
			ch[--i] = 0;
			for (j--; oc[j]; j--)
				;
		}
	}
}

static void emit_line(struct desk_buf *out, char tag, const struct text *t, long i)
{
	size_t n;
	const char *s = line_at(t, i, &n);
	desk_buf_addc(out, tag);
	desk_buf_add(out, s, n);
	if (s[n - 1] != '\n')
		desk_buf_adds(out, "\n\\ No newline at end of file\n");
}

/* A hunk range as diff prints it: "L" for one line, "L,N", and for no
 * lines the number of the line before with ",0". */
static void emit_range(struct desk_buf *out, long start, long len)
{
	if (len == 1)
		desk_buf_addf(out, "%ld", start + 1);
	else
		desk_buf_addf(out, "%ld,%ld", len ? start + 1 : start, len);
}

struct change {
	long a, b;       /* first line of the change on each side */
	long del, ins;
};

/* The hunks of the changes v[0..nv) of a against b, ctx lines of context. */
static void emit_hunks(struct desk_buf *out, const struct text *a, const struct text *b,
		       const struct change *v, long nv, long ctx)
{
	for (long h = 0; h < nv;) {
		long e = h;
		/* changes at most 2 * ctx unchanged lines apart share a hunk */
		while (e + 1 < nv && v[e + 1].a - (v[e].a + v[e].del) <= 2 * ctx)
			e++;
		long lead = v[h].a < ctx ? v[h].a : ctx;
		long enda = v[e].a + v[e].del, endb = v[e].b + v[e].ins;
		long trail = a->n - enda < ctx ? a->n - enda : ctx;
		long x = v[h].a - lead, y = v[h].b - lead;
		desk_buf_adds(out, "@@ -");
		emit_range(out, x, enda + trail - x);
		desk_buf_adds(out, " +");
		emit_range(out, y, endb + trail - y);
		desk_buf_adds(out, " @@\n");
		for (long k = h; k <= e; k++) {
			for (; x < v[k].a; x++, y++)
				emit_line(out, ' ', a, x);
			for (long i = 0; i < v[k].del; i++)
				emit_line(out, '-', a, x++);
			for (long i = 0; i < v[k].ins; i++)
				emit_line(out, '+', b, y++);
		}
		for (long i = 0; i < trail; i++)
			emit_line(out, ' ', a, x++);
		h = e + 1;
	}
}

/*
 * The changes between the windows a[w..wa) and b[w..wb) (absolute line
 * numbers), in order, into *v (allocated, the caller frees). Returns their
 * number.
 */
static long align(const struct text *a, const struct text *b, long w, long wa, long wb,
		  struct change **v)
{
	long na = wa - w, nb = wb - w;
	struct classes k;
	classes_init(&k, na + nb);
	long *ea = desk_xmalloc(((size_t)na + 1) * sizeof *ea);
	long *eb = desk_xmalloc(((size_t)nb + 1) * sizeof *eb);
	for (long i = 0; i < na; i++) {
		size_t n;
		const char *s = line_at(a, w + i, &n);
		ea[i] = class_of(&k, s, n);
	}
	for (long i = 0; i < nb; i++) {
		size_t n;
		const char *s = line_at(b, w + i, &n);
		eb[i] = class_of(&k, s, n);
	}
	/* which classes each side has */
	char *ina = desk_xcalloc((size_t)k.count + 1, 1), *inb = desk_xcalloc((size_t)k.count + 1, 1);
	for (long i = 0; i < na; i++)
		ina[ea[i]] = 1;
	for (long i = 0; i < nb; i++)
		inb[eb[i]] = 1;

	/* changed flags with a 0 before and after */
	char *cha = desk_xcalloc((size_t)na + 2, 1), *chb = desk_xcalloc((size_t)nb + 2, 1);
	char *xch = cha + 1, *ych = chb + 1;
	long *xv = desk_xmalloc(((size_t)na + 1) * sizeof *xv), *xi = desk_xmalloc(((size_t)na + 1) * sizeof *xi);
	long *yv = desk_xmalloc(((size_t)nb + 1) * sizeof *yv), *yi = desk_xmalloc(((size_t)nb + 1) * sizeof *yi);
	long nx = 0, ny = 0;
	for (long i = 0; i < na; i++) {
		if (inb[ea[i]])
			xv[nx] = ea[i], xi[nx++] = i;
		else
			xch[i] = 1;
	}
	for (long i = 0; i < nb; i++) {
		if (ina[eb[i]])
			yv[ny] = eb[i], yi[ny++] = i;
		else
			ych[i] = 1;
	}

	struct myers m = { xv, yv, xi, yi, xch, ych, NULL, NULL, LIMIT_MAX, WORK_BUDGET };
	/* a split after `limit` rounds costs some limit^2 steps and moves
	 * at least limit lines on: keep limit * lines within the budget */
	long long per = WORK_BUDGET / (8 * ((long long)nx + ny + 1));
	if (per < m.limit)
		m.limit = per < LIMIT_MIN ? LIMIT_MIN : (long)per;
	long *fdiag = desk_xmalloc(((size_t)nx + (size_t)ny + 3) * sizeof *fdiag);
	long *bdiag = desk_xmalloc(((size_t)nx + (size_t)ny + 3) * sizeof *bdiag);
	m.fd = fdiag + ny + 1;
	m.bd = bdiag + ny + 1;
	compareseq(&m, 0, nx, 0, ny);
	free(fdiag);
	free(bdiag);

	slide(xch, ea, na, ych);
	slide(ych, eb, nb, xch);

	/* runs of changed lines, paired where they face each other */
	long cap = 16, nv = 0;
	*v = desk_xmalloc((size_t)cap * sizeof **v);
	for (long i = 0, j = 0; i < na || j < nb; i++, j++) {
		if (!xch[i] && !ych[j])
			continue;
		long i0 = i, j0 = j;
		while (xch[i])
			i++;
		while (ych[j])
			j++;
		if (nv == cap)
			*v = desk_xrealloc(*v, (size_t)(cap *= 2) * sizeof **v);
		(*v)[nv++] = (struct change){ w + i0, w + j0, i - i0, j - j0 };
	}

	free(xv), free(xi), free(yv), free(yi);
	free(cha), free(chb);
	free(ina), free(inb);
	free(ea), free(eb);
	free(k.slot), free(k.c);
	return nv;
}

int desk_textdiff_unified(const char *a, size_t alen, const char *la, const char *b, size_t blen,
			  const char *lb, int context, struct desk_buf *out)
{
	if (alen == blen && (alen == 0 || memcmp(a, b, alen) == 0))
		return 0;
	struct text ta, tb;
	text_split(&ta, a, alen);
	text_split(&tb, b, blen);
	long ctx = context < 0 ? 0 : context;
	if (ctx > ta.n + tb.n)
		ctx = ta.n + tb.n; /* no more context than there are lines */

	/* the common head and tail, but for ctx lines the changes may slide into */
	long head = 0, tail = 0;
	while (head < ta.n && head < tb.n && line_same(&ta, head, &tb, head))
		head++;
	while (tail < ta.n - head && tail < tb.n - head && line_same(&ta, ta.n - 1 - tail, &tb, tb.n - 1 - tail))
		tail++;
	long w = head - (head < ctx ? head : ctx);
	long keep = tail < ctx ? tail : ctx;

	struct change *v;
	long nv = align(&ta, &tb, w, ta.n - tail + keep, tb.n - tail + keep, &v);
	desk_buf_addf(out, "--- %s\n+++ %s\n", la, lb);
	emit_hunks(out, &ta, &tb, v, nv, ctx);
	free(v);
	free(ta.off);
	free(tb.off);
	return 1;
}
