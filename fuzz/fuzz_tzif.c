/*
 * fuzz_tzif.c - TZif files: desk_tz_parse, then desk_tz_period_at,
 * desk_tz_offset and desk_tz_utc_of on what it returns.
 *
 * Input: the bytes of a file (the seeds are real zones from tzdata).
 * Checks:
 *  - desk_tz_parse returns 0 with a zone, or EX_DATAERR "time zone 'fuzz':
 *    not a valid tz database file" and no zone;
 *  - at a spread of instants (the int64 extremes, +-2^40, 0, +-2^31,
 *    numbers taken from the input, and +-1 s around the period boundaries
 *    found by walking from them), the period holds the instant
 *    (start <= t < end, or end == INT64_MAX: for ever), the next one starts where it ends and the one
 *    before ends where it starts, desk_tz_offset agrees, the offset is
 *    within +-26 h, isdst is 0 or 1 and the abbreviation is a short string;
 *  - desk_tz_utc_of is non-decreasing over the sorted instants, and (away
 *    from the int64 ends) its answer r is the least instant whose wall
 *    clock reads local or later: r + offset(r) >= local > r - 1 +
 *    offset(r - 1).
 */
#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

#define NT 96

static int cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static void check_period(const struct desk_tz *tz, int64_t t, struct desk_tz_period *p)
{
	struct desk_tz_period q;
	desk_tz_period_at(tz, t, p);
	/* INT64_MAX as the end means for ever: it holds INT64_MAX too */
	FZ_CHECK(p->start <= t && (t < p->end || p->end == INT64_MAX), "period [%lld, %lld) does not hold %lld", (long long)p->start,
		 (long long)p->end, (long long)t);
	FZ_CHECK(p->offset > -93600 && p->offset < 93600, "offset %d at %lld", (int)p->offset, (long long)t);
	FZ_CHECK(p->isdst == 0 || p->isdst == 1, "isdst %d", p->isdst);
	FZ_CHECK(memchr(p->abbr, '\0', sizeof p->abbr) != NULL, "abbreviation not terminated");
	FZ_CHECK(desk_tz_offset(tz, t) == p->offset, "desk_tz_offset disagrees at %lld", (long long)t);
	if (p->end != INT64_MAX) {
		desk_tz_period_at(tz, p->end, &q);
		FZ_CHECK(q.start == p->end, "period after [%lld, %lld) starts at %lld", (long long)p->start,
			 (long long)p->end, (long long)q.start);
		desk_tz_period_at(tz, p->end - 1, &q);
		FZ_CHECK(q.start == p->start && q.end == p->end && q.offset == p->offset, "period changes inside");
	}
	if (p->start != INT64_MIN) {
		desk_tz_period_at(tz, p->start - 1, &q);
		FZ_CHECK(q.end == p->start, "period before [%lld, %lld) ends at %lld", (long long)p->start,
			 (long long)p->end, (long long)q.end);
	}
}

static void check_utc_of(const struct desk_tz *tz, int64_t local)
{
	const int64_t lim = (int64_t)1 << 62;
	int64_t r = desk_tz_utc_of(tz, local);
	if (local < -lim || local > lim)
		return;
	FZ_CHECK(r + desk_tz_offset(tz, r) >= local, "utc_of(%lld) = %lld reads earlier", (long long)local,
		 (long long)r);
	FZ_CHECK(r - 1 + desk_tz_offset(tz, r - 1) < local, "utc_of(%lld) = %lld is not the first",
		 (long long)local, (long long)r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct desk *d = fz_desk();
	struct desk_tz *tz = (struct desk_tz *)&size; /* must become NULL on failure */
	desk_clear_error(d);
	int rc = desk_tz_parse(d, "fuzz", data, size, &tz);
	if (rc) {
		static const int allowed[] = { EX_DATAERR, 0 };
		fz_check_error(d, rc, "desk_tz_parse", allowed);
		FZ_CHECK(tz == NULL, "a zone left after a failure");
		FZ_CHECK(strcmp(d->errmsg, "time zone 'fuzz': not a valid tz database file") == 0, "message '%s'",
			 d->errmsg);
		return 0;
	}
	FZ_CHECK(tz != NULL && strcmp(desk_tz_name(tz), "fuzz") == 0, "no zone, or a renamed one");

	int64_t t[NT];
	int n = 0;
	static const int64_t fixed[] = { INT64_MIN, INT64_MIN + 1, -((int64_t)1 << 40), -2147483648LL, -1, 0, 1,
					 2147483647LL, 1700000000, 4102444800LL, (int64_t)1 << 40, INT64_MAX - 1,
					 INT64_MAX };
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		t[n++] = fixed[i];
	/* numbers from the input: where a transition time may sit */
	for (size_t off = 44; off + 8 <= size && n < 24; off += size / 11 + 1) {
		uint64_t v = 0;
		for (int k = 0; k < 8; k++)
			v = v << 8 | data[off + k];
		t[n++] = (int64_t)v;
	}
	/* walk a few periods from some of them; +-1 s around each boundary */
	int seeds = n;
	for (int i = 0; i < seeds && n + 3 <= NT; i++) {
		struct desk_tz_period p;
		int64_t at = t[i];
		for (int k = 0; k < 4 && n + 3 <= NT; k++) {
			check_period(tz, at, &p);
			if (p.end == INT64_MAX)
				break;
			t[n++] = p.end - 1;
			t[n++] = p.end;
				t[n++] = p.end + 1;
			at = p.end;
		}
	}
	for (int i = 0; i < n; i++) {
		struct desk_tz_period p;
		check_period(tz, t[i], &p);
	}
	qsort(t, (size_t)n, sizeof t[0], cmp64);
	int64_t prev = INT64_MIN;
	for (int i = 0; i < n; i++) {
		int64_t r = desk_tz_utc_of(tz, t[i]);
		FZ_CHECK(r >= prev, "utc_of not monotone at %lld: %lld after %lld", (long long)t[i], (long long)r,
			 (long long)prev);
		prev = r;
		check_utc_of(tz, t[i]);
	}
	desk_tz_free(tz);
	return 0;
}
