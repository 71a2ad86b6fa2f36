/*
 * fuzz_policy.c - the team policy document (desk_policy_parse) and the
 * business-time arithmetic over whatever calendars it defines.
 *
 * Input: the document's bytes, as they are. Checks:
 *  - the parse returns 0 or EX_CONFIG, with a message naming "fuzz.yaml"
 *    (or the size limit) that is valid UTF-8 when the input is, and with
 *    the first diagnostic as the message;
 *  - a parsed policy has the built-in 24x7 calendar first, its
 *    default_calendar names one of its calendars, and keeps the text;
 *  - for each calendar (zones loaded from the system tz database; an
 *    unknown one must fail with EX_CONFIG), from a few instants derived
 *    from the input: between(a, add(a, d)) == d, add is monotonic in d,
 *    the instant before add's result is open, next_open is open and not
 *    before its start, and between is antisymmetric.
 */
#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

#define NAME "fuzz.yaml"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_desk();
	return 0;
}

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

static void exercise(struct desk *d, struct desk_calendar *c, uint64_t seed)
{
	/* instants from 2000 to 2060 */
	const int64_t lo = 946684800, span = 60LL * 365 * 86400;
	for (int i = 0; i < 4; i++) {
		seed = mix(seed + (uint64_t)i + 1);
		time_t a = (time_t)(lo + (int64_t)(seed % (uint64_t)span)), t1, t2, nx;
		long long d1 = 1 + (long long)(mix(seed) % (3600 * 500)), d2 = d1 + 1 + (long long)(seed % 9000);
		struct desk_bspan s1 = { d1, 0 }, s2 = { d2, 0 };
		long long back, rev;
		int rc = desk_calendar_add(d, c, a, &s1, &t1);
		if (rc) {
			static const int allowed[] = { EX_CONFIG, EX_DATAERR, 0 };
			fz_check_error(d, rc, "desk_calendar_add", allowed);
			return;
		}
		FZ_CHECK(desk_calendar_add(d, c, a, &s2, &t2) == 0, "add %lld failed after add %lld", d2, d1);
		FZ_CHECK(t1 < t2, "add not monotonic: %lld -> %lld, %lld -> %lld", d1, (long long)t1, d2,
			 (long long)t2);
		FZ_CHECK(desk_calendar_between(d, c, a, t1, &back) == 0, "between failed");
		FZ_CHECK(back == d1, "between(a, add(a, %lld)) = %lld", d1, back);
		FZ_CHECK(desk_calendar_between(d, c, t1, a, &rev) == 0 && rev == -back, "between not antisymmetric");
		int open = 0;
		FZ_CHECK(desk_calendar_is_open(d, c, t1 - 1, &open) == 0 && open, "closed just before add's result");
		if (desk_calendar_next_open(d, c, a, &nx) == 0) {
			FZ_CHECK(nx >= a, "next_open before its start");
			FZ_CHECK(desk_calendar_is_open(d, c, nx, &open) == 0 && open, "next_open is closed");
		}
		struct desk_bspan bd = { 0, 1 + (int)(seed % 30) };
		if (desk_calendar_add(d, c, a, &bd, &t1) == 0) {
			FZ_CHECK(t1 > a, "business days went back");
			FZ_CHECK(desk_calendar_is_open(d, c, t1, &open) == 0 && open, "Nbd landed when closed");
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct desk *d = fz_desk();
	struct desk_policy *p = NULL;
	struct desk_diag g = { NULL, 0 };
	int utf8 = fz_utf8_ok((const char *)data, size);

	desk_clear_error(d);
	int rc = desk_policy_parse(d, NAME, (const char *)data, size, 0, &p, &g);
	if (rc) {
		static const int allowed[] = { EX_CONFIG, 0 };
		fz_check_error(d, rc, "desk_policy_parse", allowed);
		FZ_CHECK(p == NULL, "a failed parse returned a policy");
		/* the message is the first problem (cut to the context's buffer) */
		FZ_CHECK(g.n >= 1 && strncmp(g.v[0], d->errmsg, strlen(d->errmsg)) == 0,
			 "the message is not the first problem");
		FZ_CHECK(strncmp(d->errmsg, NAME ":", strlen(NAME) + 1) == 0, "message '%s'", d->errmsg);
		if (utf8)
			fz_check_message_utf8(d, "desk_policy_parse");
		desk_diag_release(&g);
		return 0;
	}
	FZ_CHECK(g.n == 0, "problems without a failure");
	FZ_CHECK(p->ncals >= 1 && strcmp(desk_calendar_name(p->cals[0]), "24x7") == 0, "24x7 is not first");
	FZ_CHECK(desk_policy_calendar(p, p->default_calendar) != NULL, "default_calendar '%s' missing",
		 p->default_calendar);
	FZ_CHECK(p->len == size && memcmp(p->text, data, size) == 0, "the text was not kept");
	uint64_t seed = size;
	for (size_t i = 0; i < size && i < 64; i++)
		seed = seed * 131 + data[i];
	for (size_t i = 0; i < p->ncals && i < 4; i++)
		exercise(d, p->cals[i], seed + i);
	desk_policy_free(p);
	return 0;
}
