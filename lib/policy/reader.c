/* reader.c - walking the policy's YAML tree; see reader.h. */
#include "policy/reader.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

unsigned long policy_line(yaml_node_t *n)
{
	return n ? (unsigned long)n->start_mark.line + 1 : 0;
}

void policy_err(struct policy_reader *R, yaml_node_t *n, const char *path, const char *fmt, ...)
{
	char what[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	char *line, qp[200];
	if (path && *path)
		line = desk_xasprintf("%s:%lu: key '%s': %s", R->name, policy_line(n),
				      desk_clip(qp, sizeof qp, path), what);
	else
		line = desk_xasprintf("%s:%lu: %s", R->name, policy_line(n), what);
	if (R->nerr++ == 0)
		R->first = desk_xstrdup(line);
	if (R->diag) {
		R->diag->v = desk_xrealloc(R->diag->v, (R->diag->n + 1) * sizeof *R->diag->v);
		R->diag->v[R->diag->n++] = line;
	} else {
		free(line);
	}
}

int policy_visit(struct policy_reader *R, yaml_node_t *n)
{
	if (R->budget > 0) {
		R->budget--;
		return 1;
	}
	if (!R->over_budget) {
		R->over_budget = 1;
		policy_err(R, n, "", "the document expands to more than %d nodes through YAML aliases "
			   "(aliases used to repeat a subtree?)", POLICY_NODE_BUDGET);
	}
	return 0;
}

yaml_node_t *policy_node(struct policy_reader *R, int index)
{
	return yaml_document_get_node(R->doc, index);
}

int policy_is_null(yaml_node_t *n)
{
	if (!n || n->type != YAML_SCALAR_NODE)
		return 0;
	const char *s = (const char *)n->data.scalar.value;
	if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	return !*s || strcmp(s, "~") == 0 || strcmp(s, "null") == 0;
}

static const char *kind(yaml_node_t *n)
{
	switch (n->type) {
	case YAML_MAPPING_NODE: return "a mapping";
	case YAML_SEQUENCE_NODE: return "a list";
	default: return "a value";
	}
}

const char *policy_scalar(struct policy_reader *R, yaml_node_t *n, const char *path, const char *what)
{
	if (n->type != YAML_SCALAR_NODE) {
		policy_err(R, n, path, "expected %s, found %s", what, kind(n));
		return NULL;
	}
	const char *s = (const char *)n->data.scalar.value;
	if (strlen(s) != n->data.scalar.length) {
		policy_err(R, n, path, "a NUL byte in the value");
		return NULL;
	}
	return s;
}

void policy_each_pair(struct policy_reader *R, yaml_node_t *map, const char *path,
		      void (*fn)(struct policy_reader *R, const char *key, const char *kpath,
				 yaml_node_t *value, void *arg),
		      void *arg)
{
	if (!policy_visit(R, map))
		return;
	if (map->type != YAML_MAPPING_NODE) {
		policy_err(R, map, path, "expected a mapping of keys, found %s", kind(map));
		return;
	}
	/* repeated keys are found by comparing each with those before it */
	if (map->data.mapping.pairs.top - map->data.mapping.pairs.start > POLICY_MAX_KEYS) {
		policy_err(R, map, path, "more than %d keys in one mapping", POLICY_MAX_KEYS);
		return;
	}
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *kn = policy_node(R, p->key), *vn = policy_node(R, p->value);
		if (!kn || !vn)
			continue;
		if (kn->type != YAML_SCALAR_NODE || strlen((char *)kn->data.scalar.value) != kn->data.scalar.length) {
			policy_err(R, kn, path, "keys must be plain words");
			continue;
		}
		const char *key = (const char *)kn->data.scalar.value;
		char *kpath = *path ? desk_xasprintf("%s.%s", path, key) : desk_xstrdup(key);
		int twice = 0;
		for (yaml_node_pair_t *q = map->data.mapping.pairs.start; q < p && !twice; q++) {
			yaml_node_t *prev = policy_node(R, q->key);
			twice = prev && prev->type == YAML_SCALAR_NODE &&
				strcmp((const char *)prev->data.scalar.value, key) == 0;
		}
		if (twice)
			policy_err(R, kn, kpath, "given twice");
		else if (policy_visit(R, vn))
			fn(R, key, kpath, vn, arg);
		free(kpath);
		if (R->over_budget)
			return;
	}
}

/* One frame of the walk below: a node and how many of its children are done. */
struct frame {
	int node;
	size_t child;
};

static int child_of(yaml_node_t *n, size_t i, int *out)
{
	if (n->type == YAML_SEQUENCE_NODE) {
		size_t k = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
		if (i >= k)
			return 0;
		*out = n->data.sequence.items.start[i];
		return 1;
	}
	if (n->type == YAML_MAPPING_NODE) {
		size_t k = (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
		if (i >= 2 * k)
			return 0;
		yaml_node_pair_t *p = &n->data.mapping.pairs.start[i / 2];
		*out = i % 2 ? p->value : p->key;
		return 1;
	}
	return 0;
}

int policy_check_expansion(struct policy_reader *R, yaml_node_t *root)
{
	yaml_document_t *doc = R->doc;
	size_t nn = (size_t)(doc->nodes.top - doc->nodes.start);
	uint64_t *size = desk_xcalloc(nn + 1, sizeof *size);
	unsigned char *state = desk_xcalloc(nn + 1, 1); /* 0 new, 1 open, 2 done */
	struct frame *st = desk_xmalloc((nn + 1) * sizeof *st);
	size_t top = 0;
	int ret = 0, r = (int)(root - doc->nodes.start) + 1;
	const uint64_t cap = POLICY_NODE_BUDGET + 1;
	st[top++] = (struct frame){ r, 0 };
	state[r] = 1;
	/* the size of a node expanded: itself and its children's, each node
	 * computed once (an alias is a second reference to the same node) */
	while (top && !ret) {
		struct frame *f = &st[top - 1];
		yaml_node_t *n = yaml_document_get_node(doc, f->node);
		int c;
		if (n && child_of(n, f->child, &c)) {
			f->child++;
			if (c < 1 || (size_t)c > nn)
				continue;
			if (state[c] == 1) {
				policy_err(R, yaml_document_get_node(doc, c), "", "a YAML alias refers to a node that contains it");
				ret = -1;
			} else if (state[c] == 0) {
				state[c] = 1;
				st[top++] = (struct frame){ c, 0 };
			}
			continue;
		}
		uint64_t total = 1;
		for (size_t i = 0; n && child_of(n, i, &c); i++)
			if (c >= 1 && (size_t)c <= nn)
				total = total + size[c] > cap ? cap : total + size[c];
		size[f->node] = total;
		state[f->node] = 2;
		top--;
	}
	if (!ret && size[r] >= cap) {
		policy_err(R, root, "", "the document expands to more than %d nodes through YAML aliases "
			   "(aliases used to repeat a subtree?)", POLICY_NODE_BUDGET);
		ret = -1;
	}
	free(size);
	free(state);
	free(st);
	return ret;
}
