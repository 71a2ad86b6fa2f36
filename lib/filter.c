/*
 * filter.c - parse filter words into terms (see desk-filter(7)).
 *
 *   [-]field:[op]value[,value...]   op is one of = < <= > >=
 *   sort:[-]field
 *   anything else                   free text (a word or a quoted phrase)
 */
#include "internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	enum desk_ffield field;
	int ordered;  /* accepts < <= > >= */
} fields[] = {
	{ "id", DESK_F_ID, 1 },
	{ "status", DESK_F_STATUS, 0 },
	{ "priority", DESK_F_PRIORITY, 1 },
	{ "type", DESK_F_TYPE, 0 },
	{ "channel", DESK_F_CHANNEL, 0 },
	{ "tag", DESK_F_TAG, 0 },
	{ "assignee", DESK_F_ASSIGNEE, 0 },
	{ "team", DESK_F_TEAM, 0 },
	{ "requester", DESK_F_REQUESTER, 0 },
	{ "org", DESK_F_ORG, 0 },
	{ "created", DESK_F_CREATED, 1 },
	{ "updated", DESK_F_UPDATED, 1 },
	{ "solved", DESK_F_SOLVED, 1 },
	{ "sla", DESK_F_SLA, 0 },
	{ "due", DESK_F_DUE, 1 },
};

#define NFIELDS (sizeof fields / sizeof fields[0])

struct parse {
	struct desk *d;
	const char *word;
	int n;
};

static int bad(struct parse *P, const char *fmt, const char *arg)
{
	char what[1100];
	snprintf(what, sizeof what, fmt, arg);
	char q[104];
	return desk_error(P->d, EX_DATAERR, "bad filter word %d '%s': %s", P->n, desk_clip(q, sizeof q, P->word),
			  what);
}

void desk_filter_free(struct desk_filter *f)
{
	if (!f)
		return;
	for (int i = 0; i < f->nterms; i++) {
		for (int k = 0; k < f->terms[i].nvalues; k++)
			free(f->terms[i].values[k]);
		free(f->terms[i].values);
		free(f->terms[i].nums);
	}
	free(f->terms);
	free(f);
}

static void add_value(struct desk_fterm *t, const char *s, size_t n, int64_t num)
{
	t->values = desk_xrealloc(t->values, (size_t)(t->nvalues + 1) * sizeof *t->values);
	t->nums = desk_xrealloc(t->nums, (size_t)(t->nvalues + 1) * sizeof *t->nums);
	t->values[t->nvalues] = desk_xstrndup(s, n);
	t->nums[t->nvalues] = num;
	t->nvalues++;
}

/* Words that stand for a whole local day: a date, today, yesterday. */
static int is_bare_date(const char *s)
{
	if (strcmp(s, "today") == 0 || strcmp(s, "yesterday") == 0)
		return 1;
	return strlen(s) == 10 && isdigit((unsigned char)s[0]) && s[4] == '-' && s[7] == '-';
}

/* One value of a field term. */
static int parse_value(struct parse *P, struct desk_fterm *t, const char *v, size_t n)
{
	struct desk *d = P->d;
	char *s = desk_xstrndup(v, n);
	int rc = 0;
	int64_t num = 0;
	char tag[DESK_TAG_MAX + 1];

	if (n == 0) {
		rc = bad(P, "empty value%s", "");
		goto out;
	}
	switch (t->field) {
	case DESK_F_ID:
		if (desk_id_parse(s, &num))
			rc = bad(P, "bad ticket id '%s'", s);
		break;
	case DESK_F_STATUS:
		if (strcmp(s, "unsolved") == 0) {
			/* the statuses that still owe the customer something */
			for (int i = 0; i < 4; i++)
				add_value(t, desk_statuses[i], strlen(desk_statuses[i]), 0);
			goto out;
		}
		if (!desk_status_valid(s))
			rc = bad(P, "unknown status '%s' (new, open, pending, on-hold, solved, closed, unsolved)", s);
		break;
	case DESK_F_PRIORITY: {
		int p;
		if (desk_priority_parse(s, &p))
			rc = bad(P, "unknown priority '%s' (low, normal, high, urgent)", s);
		num = p;
		break;
	}
	case DESK_F_TYPE:
		if (!desk_type_valid(s))
			rc = bad(P, "unknown type '%s' (question, incident, problem, task)", s);
		break;
	case DESK_F_CHANNEL:
		if (!desk_channel_valid(s))
			rc = bad(P, "unknown channel '%s' (email, chat, phone, social, web, api)", s);
		break;
	case DESK_F_TAG:
		if (desk_tag_normalise(d, s, tag)) {
			rc = bad(P, "%s", d->errmsg);
			break;
		}
		add_value(t, tag, strlen(tag), 0);
		goto out;
	case DESK_F_ASSIGNEE:
	case DESK_F_TEAM:
	case DESK_F_REQUESTER:
	case DESK_F_ORG:
		if (strcmp(s, "none") == 0) {
			t->none = 1;
			goto out;
		}
		if (t->field == DESK_F_ASSIGNEE && strcmp(s, "me") == 0) {
			t->me = 1;
			add_value(t, desk_actor(d), strlen(desk_actor(d)), 0);
			goto out;
		}
		break;
	case DESK_F_CREATED:
	case DESK_F_UPDATED:
	case DESK_F_SOLVED: {
		time_t when;
		if (desk_time_parse(d, s, &when)) {
			rc = bad(P, "%s", d->errmsg);
			break;
		}
		num = (int64_t)when;
		if (is_bare_date(s)) {
			/* a date stands for the whole day: created:2026-11-01 */
			struct tm tm;
			localtime_r(&when, &tm);
			tm.tm_mday++;
			tm.tm_isdst = -1;
			t->day_end = (int64_t)mktime(&tm);
		} else if (t->op == DESK_OP_EQ) {
			rc = bad(P, "compare times with <, <=, > or >= (or give a date) '%s'", s);
		}
		break;
	}
	case DESK_F_SLA:
		/* the states a running clock can be in: met and missed are
		 * completed clocks, which no longer run */
		if (strcmp(s, "ok") && strcmp(s, "at-risk") && strcmp(s, "paused") && strcmp(s, "breached"))
			rc = bad(P, "unknown SLA state '%s' (ok, at-risk, paused, breached)", s);
		break;
	case DESK_F_DUE: {
		/* a span from now: due:<4h, due:>1d; due:<0 and due:<-1h for
		 * the past */
		long long secs = 0;
		const char *v = s[0] == '-' ? s + 1 : s;
		if (t->op == DESK_OP_EQ)
			rc = bad(P, "compare due times with <, <=, > or >= (due:<4h) '%s'", s);
		else if (strcmp(v, "0") != 0 && desk_span_parse(v, &secs))
			rc = bad(P, "not a span '%s' (a whole number and s, m, h, d or w: 4h)", s);
		num = s[0] == '-' ? -secs : secs;
		break;
	}
	case DESK_F_TEXT:
		break;
	}
	if (!rc)
		add_value(t, s, n, num);
out:
	free(s);
	return rc;
}

static int parse_field_term(struct parse *P, struct desk_fterm *t, int fi, const char *v)
{
	t->field = fields[fi].field;
	t->op = DESK_OP_EQ;
	if (v[0] == '<' || v[0] == '>' || v[0] == '=') {
		if (!fields[fi].ordered)
			return bad(P, "'%s' takes no comparison", fields[fi].name);
		if (v[0] == '=') {
			v++;
		} else if (v[1] == '=') {
			t->op = v[0] == '<' ? DESK_OP_LE : DESK_OP_GE;
			v += 2;
		} else {
			t->op = v[0] == '<' ? DESK_OP_LT : DESK_OP_GT;
			v++;
		}
	}
	for (;;) {
		const char *comma = strchr(v, ',');
		size_t n = comma ? (size_t)(comma - v) : strlen(v);
		int rc = parse_value(P, t, v, n);
		if (rc)
			return rc;
		if (!comma)
			break;
		if (t->op != DESK_OP_EQ)
			return bad(P, "a comparison takes one value%s", "");
		v = comma + 1;
	}
	if (t->none && t->nvalues)
		return bad(P, "'none' cannot be combined with other values%s", "");
	return 0;
}

static int parse_sort(struct parse *P, struct desk_filter *f, const char *v)
{
	static const struct { const char *n; enum desk_ffield f; } keys[] = {
		{ "id", DESK_F_ID }, { "created", DESK_F_CREATED }, { "updated", DESK_F_UPDATED },
		{ "priority", DESK_F_PRIORITY }, { "status", DESK_F_STATUS }, { "solved", DESK_F_SOLVED },
		{ "due", DESK_F_DUE },
	};
	f->sort_desc = 0;
	if (*v == '-') {
		f->sort_desc = 1;
		v++;
	}
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(keys[i].n, v) == 0) {
			f->sort = keys[i].f;
			return 0;
		}
	return bad(P, "cannot sort by '%s' (id, created, updated, priority, status, solved, due)", v);
}

int desk_filter_tests_clocks(const struct desk_filter *f)
{
	if (!f)
		return 0;
	if (f->sort == DESK_F_DUE)
		return 1;
	for (int i = 0; i < f->nterms; i++)
		if (f->terms[i].field == DESK_F_SLA || f->terms[i].field == DESK_F_DUE)
			return 1;
	return 0;
}

struct desk_filter *desk_filter_new(void)
{
	struct desk_filter *f = desk_xcalloc(1, sizeof *f);
	f->sort = DESK_F_ID;
	return f;
}

int desk_filter_add(struct desk *d, struct desk_filter *f, enum desk_ffield field, const char *value)
{
	struct parse P = { d, value, f->nterms + 1 };
	f->terms = desk_xrealloc(f->terms, (size_t)(f->nterms + 1) * sizeof *f->terms);
	struct desk_fterm *t = &f->terms[f->nterms];
	memset(t, 0, sizeof *t);
	t->field = field;
	t->op = DESK_OP_EQ;
	t->word = f->nterms + 1;
	int rc = field == DESK_F_TEXT ? (add_value(t, value, strlen(value), 0), 0)
				      : parse_value(&P, t, value, strlen(value));
	f->nterms++; /* counted even when bad, so desk_filter_free frees it */
	return rc;
}

int desk_filter_parse(struct desk *d, int argc, char *const *argv, struct desk_filter **out)
{
	struct desk_filter *f = desk_xcalloc(1, sizeof *f);
	struct parse P = { d, NULL, 0 };
	int rc = 0;

	f->sort = DESK_F_ID;
	for (int i = 0; i < argc; i++) {
		const char *w = argv[i];
		P.word = w;
		P.n = i + 1;
		if (desk_text_check(d, "filter", w, strlen(w))) {
			char why[sizeof d->errmsg];
			snprintf(why, sizeof why, "%s", d->errmsg);
			rc = desk_error(d, EX_DATAERR, "bad filter word %d: %s", i + 1, why);
			goto out;
		}
		if (!*w)
			continue;
		if (strncmp(w, "sort:", 5) == 0) {
			if ((rc = parse_sort(&P, f, w + 5)))
				goto out;
			continue;
		}
		int negate = 0;
		const char *name = w;
		if (w[0] == '-' && w[1]) {
			negate = 1;
			name++;
		}
		const char *colon = strchr(name, ':');
		int fi = -1;
		if (colon) {
			for (size_t k = 0; k < NFIELDS; k++)
				if (strlen(fields[k].name) == (size_t)(colon - name) &&
				    strncmp(fields[k].name, name, (size_t)(colon - name)) == 0)
					fi = (int)k;
			/* "colour:red" is a typo; "note: printer" is a phrase */
			int plain = !strchr(name, ' ');
			for (const char *p = name; p < colon; p++)
				if (!islower((unsigned char)*p) && *p != '_')
					plain = 0;
			if (fi < 0 && plain && colon > name) {
				char *fname = desk_xstrndup(name, (size_t)(colon - name));
				rc = bad(&P, "unknown field '%s' (see desk-filter(7))", fname);
				free(fname);
				goto out;
			}
		}
		f->terms = desk_xrealloc(f->terms, (size_t)(f->nterms + 1) * sizeof *f->terms);
		struct desk_fterm *t = &f->terms[f->nterms++];
		memset(t, 0, sizeof *t);
		t->word = i + 1;
		t->negate = negate;
		if (fi >= 0) {
			rc = parse_field_term(&P, t, fi, colon + 1);
		} else {
			/* free text: the whole word (or phrase) is searched as written */
			t->field = DESK_F_TEXT;
			t->op = DESK_OP_EQ;
			add_value(t, name, strlen(name), 0);
		}
		if (rc)
			goto out;
	}
out:
	if (rc) {
		desk_filter_free(f);
		return rc;
	}
	*out = f;
	return 0;
}

int desk_filter_parse_text(struct desk *d, const char *text, struct desk_filter **out)
{
	char **words = NULL;
	int n = 0, rc;
	struct desk_buf w = DESK_BUF_INIT;
	const char *p = text;

	*out = NULL;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		int have = 0;
		while (*p && *p != ' ' && *p != '\t') {
			if (*p == '\'' || *p == '"') {
				const char *end = strchr(p + 1, *p);
				if (!end) {
					rc = desk_error(d, EX_DATAERR, "bad filter: unclosed quote %c", *p);
					goto out;
				}
				desk_buf_add(&w, p + 1, (size_t)(end - p - 1));
				p = end + 1;
			} else {
				desk_buf_add(&w, p++, 1);
			}
			have = 1;
		}
		if (have) {
			words = desk_xrealloc(words, (size_t)(n + 1) * sizeof *words);
			words[n++] = desk_buf_take(&w);
			if (!words[n - 1])
				words[n - 1] = desk_xstrdup("");
		}
	}
	rc = desk_filter_parse(d, n, words, out);
out:
	for (int i = 0; i < n; i++)
		free(words[i]);
	free(words);
	desk_buf_free(&w);
	return rc;
}
