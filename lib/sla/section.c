/*
 * section.c - the `sla:` section of the team policy (desk-policy(5)): an
 * ordered list of policies, each with a filter, a calendar, the statuses
 * that pause its clocks, when a clock is at risk, and targets per priority
 * and metric. Checked strictly; every problem is reported with its key.
 */
#include "sla/sla.h"
#include "policy/reader.h"
#include "desk/filter.h"
#include "desk/policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Policies one document may have: each costs a query per ticket write. */
#define SLA_MAX_POLICIES 100

static const char *const pausable[] = { "new", "open", "pending", "on-hold", "solved" };

int sla_status_bit(const char *status)
{
	for (int i = 0; i < 5; i++)
		if (strcmp(pausable[i], status) == 0)
			return 1 << i;
	return 0;
}

void sla_section_free(struct sla_policy *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].filter_text);
		desk_filter_free(v[i].filter);
		free(v[i].calendar);
	}
	free(v);
}

const struct sla_policy *sla_policy_find(const struct desk_policy *p, const char *name)
{
	for (size_t i = 0; i < p->nsla; i++)
		if (strcmp(p->sla[i].name, name) == 0)
			return &p->sla[i];
	return NULL;
}

static int valid_name(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

struct one {
	struct sla_policy *pol;
	char path[256];
};

static void read_span(struct policy_reader *R, yaml_node_t *vn, const char *path, struct desk_bspan *out,
		      unsigned char *has)
{
	const char *s = policy_scalar(R, vn, path, "a span such as 30m, 4h or 2bd");
	if (!s)
		return;
	if (desk_bspan_parse(s, out)) {
		char qb[64];
		policy_err(R, vn, path, "bad span '%s' (30m, 4h, 1h30m, 90s or 2bd for business days; "
			   "d and w are not business time)", desk_clip(qb, sizeof qb, s));
		return;
	}
	*has = 1;
}

struct prio_ctx {
	struct sla_policy *pol;
	int prio;
};

static void metric_pair(struct policy_reader *R, const char *key, const char *kpath, yaml_node_t *vn, void *arg)
{
	struct prio_ctx *c = arg;
	int m = desk_sla_metric_parse(key);
	if (m < 0) {
		char qb[64];
		policy_err(R, vn, kpath, "unknown metric '%s' (first_response, next_response, resolution)",
			   desk_clip(qb, sizeof qb, key));
		return;
	}
	read_span(R, vn, kpath, &c->pol->targets[c->prio][m], &c->pol->has[c->prio][m]);
}

static void target_pair(struct policy_reader *R, const char *key, const char *kpath, yaml_node_t *vn, void *arg)
{
	struct sla_policy *pol = arg;
	int prio;
	if (desk_priority_parse(key, &prio)) {
		char qb[64];
		policy_err(R, vn, kpath, "unknown priority '%s' (low, normal, high, urgent)",
			   desk_clip(qb, sizeof qb, key));
		return;
	}
	struct prio_ctx c = { pol, prio };
	if (policy_is_null(vn))
		return; /* a priority listed with no targets has none */
	policy_each_pair(R, vn, kpath, metric_pair, &c);
}

static void read_pause_on(struct policy_reader *R, yaml_node_t *vn, const char *path, struct sla_policy *pol)
{
	pol->pause_mask = 0;
	if (policy_is_null(vn))
		return;
	if (vn->type == YAML_SCALAR_NODE) {
		policy_err(R, vn, path, "expected a list of statuses, such as [pending, on-hold]");
		return;
	}
	if (vn->type != YAML_SEQUENCE_NODE) {
		policy_err(R, vn, path, "expected a list of statuses");
		return;
	}
	for (yaml_node_item_t *it = vn->data.sequence.items.start; it < vn->data.sequence.items.top; it++) {
		yaml_node_t *in = policy_node(R, *it);
		if (!in || !policy_visit(R, in))
			return;
		const char *s = policy_scalar(R, in, path, "a status");
		if (!s)
			continue;
		int bit = sla_status_bit(s);
		if (!bit) {
			char qb[64];
			policy_err(R, in, path, "status '%s' cannot pause a clock (new, open, pending, on-hold, solved)",
				   desk_clip(qb, sizeof qb, s));
			continue;
		}
		pol->pause_mask |= (unsigned)bit;
	}
}

static void read_warn(struct policy_reader *R, yaml_node_t *vn, const char *path, struct sla_policy *pol)
{
	const char *s = policy_scalar(R, vn, path, "a share such as 80% or a span such as 30m");
	if (!s)
		return;
	size_t n = strlen(s);
	char qb[64];
	if (n >= 2 && s[n - 1] == '%') {
		int v = 0;
		for (size_t i = 0; i + 1 < n; i++) {
			if (s[i] < '0' || s[i] > '9' || v > 100) {
				v = -1;
				break;
			}
			v = v * 10 + (s[i] - '0');
		}
		if (v < 1 || v > 99) {
			policy_err(R, vn, path, "bad share '%s' (1%% to 99%% of the target)", desk_clip(qb, sizeof qb, s));
			return;
		}
		pol->warn_pct = v;
		pol->warn_secs = 0;
		return;
	}
	struct desk_bspan sp;
	if (desk_bspan_parse(s, &sp) || sp.days) {
		policy_err(R, vn, path, "bad warning '%s' (a share such as 80%% or a span before the due time "
			   "such as 30m or 1h)", desk_clip(qb, sizeof qb, s));
		return;
	}
	pol->warn_secs = sp.secs;
	pol->warn_pct = 0;
}

static void read_filter(struct policy_reader *R, yaml_node_t *vn, const char *path, struct sla_policy *pol)
{
	const char *s = policy_scalar(R, vn, path, "filter words, such as \"org:acme priority:>=high\"");
	if (!s)
		return;
	struct desk_filter *f = NULL;
	if (desk_filter_parse_text(R->d, s, &f)) {
		policy_err(R, vn, path, "%s", R->d->errmsg);
		return;
	}
	for (int i = 0; i < f->nterms; i++)
		if (f->terms[i].me) {
			policy_err(R, vn, path, "assignee:me means whoever runs a command; name the agent");
			desk_filter_free(f);
			return;
		}
	if (f->sort == DESK_F_ID && !f->sort_desc && desk_filter_tests_clocks(f)) {
		/* the clocks come from the policy the filter chooses */
		policy_err(R, vn, path, "an SLA filter cannot test SLA clocks (sla:, due:)");
		desk_filter_free(f);
		return;
	}
	if (f->sort != DESK_F_ID || f->sort_desc) {
		policy_err(R, vn, path, "sort: has no meaning in an SLA filter");
		desk_filter_free(f);
		return;
	}
	pol->filter_text = desk_xstrdup(s);
	pol->filter = f;
}

static void policy_pair(struct policy_reader *R, const char *key, const char *kpath, yaml_node_t *vn, void *arg)
{
	struct one *o = arg;
	struct sla_policy *pol = o->pol;
	if (strcmp(key, "name") == 0)
		return; /* read first, by one_policy */
	if (strcmp(key, "filter") == 0) {
		read_filter(R, vn, kpath, pol);
	} else if (strcmp(key, "calendar") == 0) {
		const char *s = policy_scalar(R, vn, kpath, "a calendar name");
		if (s) {
			pol->calendar = desk_xstrdup(s);
			pol->cal_node = vn;
		}
	} else if (strcmp(key, "pause_on") == 0) {
		read_pause_on(R, vn, kpath, pol);
	} else if (strcmp(key, "warn") == 0) {
		read_warn(R, vn, kpath, pol);
	} else if (strcmp(key, "targets") == 0) {
		if (policy_is_null(vn))
			return;
		policy_each_pair(R, vn, kpath, target_pair, pol);
	} else {
		char qb[64];
		policy_err(R, vn, kpath, "unknown key '%s' (name, filter, calendar, pause_on, warn, targets)",
			   desk_clip(qb, sizeof qb, key));
	}
}

/* The name of an item, read before its other keys so messages can say it. */
static yaml_node_t *find_key(struct policy_reader *R, yaml_node_t *map, const char *key)
{
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = policy_node(R, p->key);
		if (k && k->type == YAML_SCALAR_NODE && strcmp((const char *)k->data.scalar.value, key) == 0)
			return policy_node(R, p->value);
	}
	return NULL;
}

static void one_policy(struct policy_reader *R, yaml_node_t *in, size_t i, struct sla_policy *pol,
		       const struct sla_policy *before, size_t nbefore)
{
	struct one o = { pol, "" };
	snprintf(o.path, sizeof o.path, "sla[%zu]", i);
	pol->pause_mask = (unsigned)sla_status_bit("pending");
	pol->warn_pct = 80;
	pol->node = in;
	if (in->type != YAML_MAPPING_NODE) {
		policy_err(R, in, o.path, "expected a mapping (name, filter, calendar, pause_on, warn, targets)");
		return;
	}
	yaml_node_t *nn = find_key(R, in, "name");
	const char *name = nn ? policy_scalar(R, nn, o.path, "a name") : NULL;
	if (!nn) {
		policy_err(R, in, o.path, "missing key 'name'");
	} else if (name && !valid_name(name)) {
		char qb[64];
		policy_err(R, nn, o.path, "bad name '%s' (1 to 64 of a-z, 0-9, - and _)", desk_clip(qb, sizeof qb, name));
	} else if (name) {
		for (size_t k = 0; k < nbefore; k++)
			if (before[k].name && strcmp(before[k].name, name) == 0) {
				policy_err(R, nn, o.path, "a second policy named '%s' (names are unique)", name);
				name = NULL;
				break;
			}
		if (name) {
			pol->name = desk_xstrdup(name);
			snprintf(o.path, sizeof o.path, "sla.%s", name);
		}
	}
	if (!find_key(R, in, "targets"))
		policy_err(R, in, o.path, "missing key 'targets'");
	policy_each_pair(R, in, o.path, policy_pair, &o);
}

void sla_section_read(struct policy_reader *R, yaml_node_t *n, struct sla_policy **out, size_t *nout)
{
	if (policy_is_null(n))
		return;
	if (n->type != YAML_SEQUENCE_NODE) {
		policy_err(R, n, "sla", "expected a list of policies (- name: ...)");
		return;
	}
	size_t cnt = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	if (cnt > SLA_MAX_POLICIES) {
		policy_err(R, n, "sla", "%zu policies: at most %d", cnt, SLA_MAX_POLICIES);
		return;
	}
	struct sla_policy *v = desk_xcalloc(cnt ? cnt : 1, sizeof *v);
	size_t i = 0;
	for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++, i++) {
		yaml_node_t *in = policy_node(R, *it);
		if (!in || !policy_visit(R, in))
			break;
		one_policy(R, in, i, &v[i], v, i);
		if (R->over_budget)
			break;
	}
	sla_section_free(*out, *nout);
	*out = v;
	*nout = cnt;
}

void sla_section_resolve(struct policy_reader *R, struct sla_policy *v, size_t n, struct desk_policy *p)
{
	for (size_t i = 0; i < n; i++) {
		const char *name = v[i].calendar ? v[i].calendar : p->default_calendar;
		v[i].cal = desk_policy_calendar(p, name);
		if (!v[i].cal && v[i].calendar) {
			char path[128], qb[80];
			snprintf(path, sizeof path, "sla.%s.calendar", v[i].name ? v[i].name : "?");
			policy_err(R, v[i].cal_node, path, "no calendar '%s' in calendars",
				   desk_clip(qb, sizeof qb, v[i].calendar));
		}
		v[i].node = v[i].cal_node = NULL;
	}
}
