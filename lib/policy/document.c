/*
 * document.c - the team policy document: parsed with libyaml, each top-level
 * section read by the subsystem that owns it (one table, below), then the
 * references between sections checked. Unknown top-level keys are
 * warnings, so an older deskutils still reads a newer team's document; the
 * sections it knows are checked strictly.
 */
#include "policy/reader.h"
#include "calendar/cal.h"
#include "sla/sla.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void desk_diag_release(struct desk_diag *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->v[i]);
	free(g->v);
	g->v = NULL;
	g->n = 0;
}

struct desk_policy *desk_policy_builtin(void)
{
	struct desk_policy *p = desk_xcalloc(1, sizeof *p);
	p->desk_name = desk_xstrdup("Support");
	p->default_calendar = desk_xstrdup("24x7");
	p->cals = desk_xmalloc(sizeof *p->cals);
	p->cals[0] = cal_builtin_24x7();
	p->ncals = 1;
	return p;
}

void desk_policy_free(struct desk_policy *p)
{
	if (!p)
		return;
	free(p->text);
	free(p->desk_name);
	free(p->hooks_dir);
	free(p->default_calendar);
	for (size_t i = 0; i < p->ncals; i++)
		cal_free(p->cals[i]);
	free(p->cals);
	sla_section_free(p->sla, p->nsla);
	free(p);
}

struct desk_calendar *desk_policy_calendar(const struct desk_policy *p, const char *name)
{
	for (size_t i = 0; i < p->ncals; i++)
		if (strcmp(p->cals[i]->name, name) == 0)
			return p->cals[i];
	return NULL;
}

/* What the sections hand to the reference checks. */
struct policy_build {
	struct desk_policy *p;
	yaml_node_t *default_calendar;
};

/* --- the small top-level keys --- */

static void read_desk_name(struct policy_reader *R, yaml_node_t *n, struct policy_build *B)
{
	const char *s = policy_scalar(R, n, "desk_name", "a name");
	if (!s)
		return;
	if (!*s) {
		policy_err(R, n, "desk_name", "empty value");
		return;
	}
	free(B->p->desk_name);
	B->p->desk_name = desk_xstrdup(s);
}

static void read_hooks_dir(struct policy_reader *R, yaml_node_t *n, struct policy_build *B)
{
	const char *s = policy_scalar(R, n, "hooks_dir", "a directory");
	if (!s)
		return;
	if (s[0] != '/') {
		policy_err(R, n, "hooks_dir", "expected an absolute path (every agent and cron job reads "
			   "the same policy)");
		return;
	}
	B->p->hooks_dir = desk_xstrdup(s);
}

static void read_default_calendar(struct policy_reader *R, yaml_node_t *n, struct policy_build *B)
{
	const char *s = policy_scalar(R, n, "default_calendar", "a calendar name");
	if (!s)
		return;
	free(B->p->default_calendar);
	B->p->default_calendar = desk_xstrdup(s);
	B->default_calendar = n;
}

static void read_calendars(struct policy_reader *R, yaml_node_t *n, struct policy_build *B)
{
	cal_section_read(R, n, &B->p->cals, &B->p->ncals);
}

static void read_sla(struct policy_reader *R, yaml_node_t *n, struct policy_build *B)
{
	sla_section_read(R, n, &B->p->sla, &B->p->nsla);
}

/* The top-level keys, each read by the subsystem that owns it. Later
 * sections (sla, routing, mail, ...) are added here. */
static const struct policy_section {
	const char *key;
	void (*read)(struct policy_reader *R, yaml_node_t *n, struct policy_build *B);
} sections[] = {
	{ "desk_name", read_desk_name },
	{ "hooks_dir", read_hooks_dir },
	{ "default_calendar", read_default_calendar },
	{ "calendars", read_calendars },
	{ "sla", read_sla },
};

static void top_pair(struct policy_reader *R, const char *key, const char *kpath, yaml_node_t *vn, void *arg)
{
	(void)kpath;
	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
		if (strcmp(sections[i].key, key) == 0) {
			sections[i].read(R, vn, arg);
			return;
		}
	}
	if (R->warn) {
		char qb[64];
		desk_warn(R->d, "%s:%lu: unknown key '%s' ignored", R->name, policy_line(vn),
			  desk_clip(qb, sizeof qb, key));
	}
}

/* References between sections, once every section is read. */
static void check_references(struct policy_reader *R, struct policy_build *B)
{
	if (B->default_calendar && !desk_policy_calendar(B->p, B->p->default_calendar)) {
		char qb[80];
		policy_err(R, B->default_calendar, "default_calendar", "no calendar '%s' in calendars",
			   desk_clip(qb, sizeof qb, B->p->default_calendar));
	}
	sla_section_resolve(R, B->p->sla, B->p->nsla, B->p);
}

/* The line of byte offset off in text. */
static unsigned long line_of(const char *text, size_t off)
{
	unsigned long line = 1;
	for (size_t i = 0; i < off; i++)
		line += text[i] == '\n';
	return line;
}

/* A problem that stops the reading at once: m (allocated) becomes the
 * message and the one diagnostic. Returns EX_CONFIG. */
static int one_problem(struct desk *d, struct desk_diag *diag, char *m)
{
	desk_error(d, EX_CONFIG, "%s", m);
	if (diag) {
		diag->v = desk_xrealloc(diag->v, (diag->n + 1) * sizeof *diag->v);
		diag->v[diag->n++] = m;
	} else {
		free(m);
	}
	return EX_CONFIG;
}

int desk_policy_parse(struct desk *d, const char *name, const char *text, size_t len, int warn,
		      struct desk_policy **out, struct desk_diag *diag)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	struct desk_policy *p = NULL;
	int have_doc = 0, ret = EX_CONFIG;
	struct policy_reader R = { d, name, &doc, diag, 0, warn, POLICY_NODE_BUDGET, 0, NULL };

	*out = NULL;
	if (len > DESK_POLICY_MAX_BYTES)
		return one_problem(d, diag, desk_xasprintf("%s: larger than %d MiB: the team policy is "
							   "limited to %d MiB", name, DESK_POLICY_MAX_BYTES >> 20,
							   DESK_POLICY_MAX_BYTES >> 20));
	size_t bad = desk_utf8_bad_offset(text, len);
	if (bad < len) {
		return one_problem(d, diag, desk_xasprintf("%s:%lu: %s at byte %zu: the team policy is UTF-8 "
							   "text", name, line_of(text, bad),
							   text[bad] ? "invalid UTF-8" : "a NUL byte", bad));
	}
	if (!yaml_parser_initialize(&parser)) {
		fprintf(stderr, "deskutils: out of memory\n");
		abort();
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		char *m = desk_xasprintf("%s:%lu:%lu: malformed YAML: %s", name,
					 (unsigned long)parser.problem_mark.line + 1,
					 (unsigned long)parser.problem_mark.column + 1,
					 parser.problem ? parser.problem : "syntax error");
		yaml_parser_delete(&parser);
		return one_problem(d, diag, m);
	}
	have_doc = 1;
	p = desk_policy_builtin();
	struct policy_build B = { p, NULL };
	yaml_node_t *root = yaml_document_get_root_node(&doc);
	if (root && !policy_is_null(root) && policy_check_expansion(&R, root) == 0) {
		if (root->type != YAML_MAPPING_NODE)
			policy_err(&R, root, "", "the team policy must be a mapping of keys");
		else
			policy_each_pair(&R, root, "", top_pair, &B);
	}
	if (!R.nerr)
		check_references(&R, &B);
	if (R.nerr)
		goto out;
	p->text = desk_xmalloc(len + 1);
	memcpy(p->text, text, len);
	p->text[len] = '\0';
	p->len = len;
	*out = p;
	p = NULL;
	ret = 0;
out:
	if (R.nerr)
		desk_error(d, EX_CONFIG, "%s", R.first);
	free(R.first);
	desk_policy_free(p);
	if (have_doc)
		yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return ret;
}
