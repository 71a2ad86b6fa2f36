/*
 * fuzz_filter.c - the filter language (desk_filter_parse) and the listing
 * query built from it (desk_ticket_list), on the seeded temp database.
 *
 * Input: filter words separated by NUL or newline bytes (one word may hold
 * spaces: a quoted phrase). Checks:
 *  - the parse returns 0 or EX_DATAERR "bad filter word N ...", with a
 *    message that is valid UTF-8 when the words are, and leaves *out alone
 *    on failure;
 *  - a parsed filter is well formed (terms name their word, values are
 *    valid UTF-8, comparisons have one value, priorities are 1..4 ...);
 *  - the SQL compiled from it prepares and runs: any error is a bug;
 *  - the tickets listed are exactly those an independent evaluation of the
 *    terms selects from the seeded tickets (when the filter has no
 *    free-text term), in the filter's order;
 *  - a filter with clock words (sla:, due:, sort:due) is refused by the
 *    store with 65 and listed by desk_sla_ticket_list instead: the seeded
 *    desk has no SLA policy, so no clock runs and a clock word holds
 *    exactly when it is negated; sort:due is then id order.
 */
#include "fuzz_common.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAXT 16

struct tkt {
	int64_t id;
	char *status, *assignee, *requester, *type, *channel, *team, *tags;
	int priority;
	time_t created, updated;
	int64_t solved; /* 0: NULL (never solved) */
};

static struct tkt all[MAXT];
static int nall;

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int collect_all(void *arg, const struct desk_ticket_row *r)
{
	(void)arg;
	FZ_CHECK(nall < MAXT, "more seeded tickets than expected");
	struct tkt *t = &all[nall++];
	t->id = r->id;
	t->status = dup_or_null(r->status);
	t->assignee = dup_or_null(r->assignee);
	t->requester = dup_or_null(r->requester);
	t->type = dup_or_null(r->type);
	t->channel = dup_or_null(r->channel);
	t->team = dup_or_null(r->team);
	t->tags = dup_or_null(r->tags);
	t->priority = r->priority;
	t->created = r->created;
	t->updated = r->updated;
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct desk *d = fz_desk_db();
	if (desk_ticket_list(d, NULL, 1, collect_all, NULL) != 0 || nall == 0) {
		fprintf(stderr, "fuzz_filter: cannot list the seeded tickets: %s\n", d->errmsg);
		exit(1);
	}
	/* the listing row has no solved time: read it here */
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(d->db, "SELECT solved FROM tickets WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
		exit(1);
	for (int k = 0; k < nall; k++) {
		sqlite3_bind_int64(st, 1, all[k].id);
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
			all[k].solved = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return 0;
}

static int in_values(const struct desk_fterm *t, const char *s)
{
	if (!s)
		return 0;
	for (int k = 0; k < t->nvalues; k++)
		if (strcmp(t->values[k], s) == 0)
			return 1;
	return 0;
}

/* Emails are compared without regard to ASCII case (customers.email is
 * COLLATE NOCASE; see desk_customer_find). */
static int in_values_nocase(const struct desk_fterm *t, const char *s)
{
	if (!s)
		return 0;
	for (int k = 0; k < t->nvalues; k++)
		if (strcasecmp(t->values[k], s) == 0)
			return 1;
	return 0;
}

static int in_nums(const struct desk_fterm *t, int64_t v)
{
	for (int k = 0; k < t->nvalues; k++)
		if (t->nums[k] == v)
			return 1;
	return 0;
}

static int has_tag(const char *tags, const char *tag)
{
	size_t n = strlen(tag);
	for (const char *p = tags; p && *p;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && memcmp(p, tag, n) == 0)
			return 1;
		p += len + (e ? 1 : 0);
	}
	return 0;
}

/* A numeric comparison as desk-filter(7) describes it: a bare date is the
 * whole local day, so > and <= count from its end. */
static int cmp_num(const struct desk_fterm *t, int64_t v)
{
	if (t->op == DESK_OP_EQ)
		return t->day_end ? v >= t->nums[0] && v < t->day_end : in_nums(t, v);
	int64_t x = t->nums[0];
	if (t->day_end && (t->op == DESK_OP_GT || t->op == DESK_OP_LE))
		x = t->day_end - 1;
	switch (t->op) {
	case DESK_OP_LT: return v < x;
	case DESK_OP_LE: return v <= x;
	case DESK_OP_GT: return v > x;
	default: return v >= x;
	}
}

/* 1 match, 0 no match (a NULL column never matches a positive term). */
static int term_matches(const struct desk_fterm *t, const struct tkt *k)
{
	int m;
	switch (t->field) {
	case DESK_F_ID: m = cmp_num(t, k->id); break;
	case DESK_F_PRIORITY: m = cmp_num(t, k->priority); break;
	case DESK_F_CREATED: m = cmp_num(t, (int64_t)k->created); break;
	case DESK_F_UPDATED: m = cmp_num(t, (int64_t)k->updated); break;
	case DESK_F_SOLVED: m = k->solved ? cmp_num(t, k->solved) : 0; break;
	case DESK_F_STATUS: m = in_values(t, k->status); break;
	case DESK_F_TYPE: m = in_values(t, k->type); break;
	case DESK_F_CHANNEL: m = in_values(t, k->channel); break;
	case DESK_F_TAG:
		m = 0;
		for (int v = 0; v < t->nvalues; v++)
			m |= has_tag(k->tags, t->values[v]);
		break;
	case DESK_F_ASSIGNEE: m = t->none ? !k->assignee : in_values(t, k->assignee); break;
	case DESK_F_TEAM: m = t->none ? !k->team : in_values(t, k->team); break;
	case DESK_F_REQUESTER: m = t->none ? !k->requester : in_values_nocase(t, k->requester); break;
	default: m = 0; break; /* sla:, due: with no clock running */
	}
	return t->negate ? !m : m;
}

static int lifecycle(const char *s)
{
	static const char *const order[] = { "new", "open", "pending", "on-hold", "solved" };
	for (int i = 0; i < 5; i++)
		if (s && strcmp(s, order[i]) == 0)
			return i + 1;
	return 6;
}

static int64_t solved_of(int64_t id)
{
	for (int k = 0; k < nall; k++)
		if (all[k].id == id)
			return all[k].solved;
	return 0;
}

struct got {
	const struct desk_filter *f;
	int64_t ids[MAXT];
	int64_t keys[MAXT];
	int n;
};

static int on_row(void *arg, const struct desk_ticket_row *r)
{
	struct got *g = arg;
	FZ_CHECK(g->n < MAXT, "the listing returned more rows than there are tickets");
	FZ_CHECK(r->id > 0 && r->status && desk_status_valid(r->status), "bad row #%lld", (long long)r->id);
	int64_t key = r->id;
	switch (g->f->sort) {
	case DESK_F_CREATED: key = r->created; break;
	case DESK_F_UPDATED: key = r->updated; break;
	case DESK_F_PRIORITY: key = r->priority; break;
	case DESK_F_STATUS: key = lifecycle(r->status); break;
	case DESK_F_SOLVED: key = solved_of(r->id); break;
	default: break;
	}
	g->ids[g->n] = r->id;
	g->keys[g->n] = key;
	g->n++;
	return 0;
}

static void check_filter(const struct desk_filter *f, int argc, char **argv, int words_utf8)
{
	FZ_CHECK(f->nterms >= 0 && f->nterms <= argc, "%d terms from %d words", f->nterms, argc);
	FZ_CHECK(f->limit >= 0, "negative limit");
	FZ_CHECK(f->sort == DESK_F_ID || f->sort == DESK_F_CREATED || f->sort == DESK_F_UPDATED ||
		 f->sort == DESK_F_PRIORITY || f->sort == DESK_F_STATUS || f->sort == DESK_F_SOLVED ||
		 f->sort == DESK_F_DUE,
		 "sort by field %d", (int)f->sort);
	FZ_CHECK(words_utf8, "a word that is not UTF-8 was accepted");
	int lastword = 0;
	for (int i = 0; i < f->nterms; i++) {
		const struct desk_fterm *t = &f->terms[i];
		FZ_CHECK(t->word > lastword && t->word <= argc, "term %d names word %d", i, t->word);
		lastword = t->word;
		const char *w = argv[t->word - 1];
		FZ_CHECK(t->none ? t->nvalues == 0 : t->nvalues >= 1, "term %d: %d values, none=%d", i,
			 t->nvalues, t->none);
		FZ_CHECK(t->op == DESK_OP_EQ || t->nvalues == 1, "a comparison with %d values", t->nvalues);
		for (int k = 0; k < t->nvalues; k++) {
			FZ_CHECK(t->values[k] && fz_utf8_ok(t->values[k], strlen(t->values[k])),
				 "term %d value %d is not UTF-8", i, k);
			if (t->field == DESK_F_PRIORITY)
				FZ_CHECK(t->nums[k] >= 1 && t->nums[k] <= 4, "priority %lld", (long long)t->nums[k]);
			if (t->field == DESK_F_ID)
				FZ_CHECK(t->nums[k] >= 1, "ticket id %lld", (long long)t->nums[k]);
			if (t->field == DESK_F_STATUS)
				FZ_CHECK(desk_status_valid(t->values[k]), "status '%s'", t->values[k]);
			if (t->field == DESK_F_SLA)
				FZ_CHECK(!strcmp(t->values[k], "ok") || !strcmp(t->values[k], "at-risk") ||
					 !strcmp(t->values[k], "paused") || !strcmp(t->values[k], "breached"),
					 "SLA state '%s'", t->values[k]);
			if (t->field == DESK_F_DUE)
				FZ_CHECK(t->op != DESK_OP_EQ, "due: without a comparison");
			if (t->field == DESK_F_TAG) {
				char norm[DESK_TAG_MAX + 1];
				FZ_CHECK(desk_tag_normalise(fz_desk(), t->values[k], norm) == 0 &&
					 strcmp(norm, t->values[k]) == 0, "tag '%s' is not normalised", t->values[k]);
			}
		}
		if (t->field == DESK_F_TEXT) {
			const char *want = t->negate ? w + 1 : w;
			FZ_CHECK(t->nvalues == 1 && strcmp(t->values[0], want) == 0,
				 "free text '%s' from word '%s'", t->values[0], w);
		}
		if (t->day_end)
			FZ_CHECK(t->day_end > t->nums[0] && t->day_end - t->nums[0] <= 25 * 3600 &&
				 t->day_end - t->nums[0] >= 23 * 3600,
				 "a day from %lld to %lld", (long long)t->nums[0], (long long)t->day_end);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct desk *d = fz_desk_db();
	char **argv;
	int argc = fz_split(data, size, &argv);
	struct desk_filter *f = (struct desk_filter *)&argc; /* must stay untouched on failure */
	int words_utf8 = 1;
	for (int i = 0; i < argc; i++)
		words_utf8 &= fz_utf8_ok(argv[i], strlen(argv[i]));

	desk_clear_error(d);
	int rc = desk_filter_parse(d, argc, argv, &f);
	if (rc) {
		static const int allowed[] = { EX_DATAERR, 0 };
		fz_check_error(d, rc, "desk_filter_parse", allowed);
		FZ_CHECK(f == (struct desk_filter *)&argc, "*out was changed by a failed parse");
		FZ_CHECK(strncmp(d->errmsg, "bad filter word ", 16) == 0, "message '%s'", d->errmsg);
		if (words_utf8)
			fz_check_message_utf8(d, "desk_filter_parse");
		fz_argv_free(argv);
		return 0;
	}
	FZ_CHECK(f != NULL, "parse returned 0 without a filter");
	check_filter(f, argc, argv, words_utf8);

	struct got g = { .f = f };
	int clocks = desk_filter_tests_clocks(f);
	rc = desk_ticket_list(d, f, (int)(size & 1), on_row, &g);
	if (clocks) {
		FZ_CHECK(rc == EX_DATAERR && strncmp(d->errmsg, "bad filter", 10) == 0 && g.n == 0,
			 "the store took clock words (%d): %s", rc, d->errmsg);
		desk_clear_error(d);
		rc = desk_sla_ticket_list(d, f, (int)(size & 1), on_row, &g);
		FZ_CHECK(rc == 0, "desk_sla_ticket_list failed for a parsed filter (%d): %s", rc, d->errmsg);
	}
	FZ_CHECK(rc == 0, "desk_ticket_list failed for a parsed filter (%d): %s", rc, d->errmsg);

	/* order: the sort key, then the id, both in the filter's direction
	 * (SQLite puts NULL, an unsolved ticket's solved time, first: 0 here);
	 * sort:due with no clock running is id order either way */
	int desc = f->sort_desc && f->sort != DESK_F_DUE;
	for (int i = 1; i < g.n; i++) {
		int64_t a = g.keys[i - 1], b = g.keys[i];
		int ok = desc ? (a > b || (a == b && g.ids[i - 1] > g.ids[i]))
			      : (a < b || (a == b && g.ids[i - 1] < g.ids[i]));
		FZ_CHECK(ok, "rows #%lld and #%lld out of order", (long long)g.ids[i - 1], (long long)g.ids[i]);
	}

	/* the same selection, evaluated here */
	int checkable = f->limit == 0;
	for (int i = 0; i < f->nterms; i++)
		if (f->terms[i].field == DESK_F_TEXT)
			checkable = 0;
	if (checkable) {
		int want = 0;
		for (int k = 0; k < nall; k++) {
			int m = 1;
			for (int i = 0; i < f->nterms && m; i++)
				m = term_matches(&f->terms[i], &all[k]);
			if (!m)
				continue;
			want++;
			int found = 0;
			for (int j = 0; j < g.n; j++)
				found |= g.ids[j] == all[k].id;
			FZ_CHECK(found, "ticket #%lld matches every term but was not listed", (long long)all[k].id);
		}
		FZ_CHECK(want == g.n, "%d tickets listed, %d match", g.n, want);
	}
	if (getenv("DESK_FUZZ_DEBUG"))
		fprintf(stderr, "filter: %d terms, %d rows%s\n", f->nterms, g.n, checkable ? " (checked)" : "");
	desk_filter_free(f);
	fz_argv_free(argv);
	return 0;
}
