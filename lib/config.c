/*
 * config.c - desk.yaml, parsed with libyaml and validated against one table
 * of known keys. Wrong types are errors naming file, line and key; unknown
 * keys are warnings, so an old deskutils can read a newer team's file.
 */
#include "internal.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

/* CFG_MOVED: a key that moved to the team policy: a warning, ignored */
enum cfg_type { CFG_STR, CFG_PATH, CFG_INT, CFG_MAP, CFG_MOVED };

struct cfg_key {
	const char *name;        /* dotted: "defaults.priority" */
	enum cfg_type type;
	size_t offset;           /* into struct desk_config */
	long min, max;           /* CFG_INT bounds */
	int (*check)(const char *value); /* CFG_STR: 1 when acceptable */
	const char *expect;      /* words for the error when check fails */
};

static int check_priority(const char *v) { int p; return desk_priority_parse(v, &p) == 0; }
static int check_channel(const char *v) { return desk_channel_valid(v); }
static int check_type(const char *v) { return desk_type_valid(v); }

#define OFF(f) offsetof(struct desk_config, f)
static const struct cfg_key keys[] = {
	{ "database", CFG_PATH, OFF(database), 0, 0, NULL, NULL },
	{ "hooks_dir", CFG_MOVED, 0, 0, 0, NULL, NULL },
	{ "desk_name", CFG_MOVED, 0, 0, 0, NULL, NULL },
	{ "busy_timeout", CFG_INT, OFF(busy_timeout), 0, 3600000, NULL, NULL },
	{ "defaults", CFG_MAP, 0, 0, 0, NULL, NULL },
	{ "defaults.priority", CFG_STR, OFF(default_priority), 0, 0, check_priority,
	  "low, normal, high or urgent" },
	{ "defaults.channel", CFG_STR, OFF(default_channel), 0, 0, check_channel,
	  "email, chat, phone, social, web or api" },
	{ "defaults.type", CFG_STR, OFF(default_type), 0, 0, check_type,
	  "question, incident, problem or task" },
};
#undef OFF

struct desk_config *desk_config_defaults(void)
{
	struct desk_config *c = desk_xcalloc(1, sizeof *c);
	c->busy_timeout = DESK_DEFAULT_BUSY_TIMEOUT_MS;
	c->default_priority = desk_xstrdup("normal");
	c->default_channel = desk_xstrdup("web");
	c->default_type = desk_xstrdup("question");
	return c;
}

void desk_config_free(struct desk_config *c)
{
	if (!c)
		return;
	free(c->path);
	free(c->database);
	free(c->default_priority);
	free(c->default_channel);
	free(c->default_type);
	free(c);
}

const char *desk_config_database(const struct desk_config *c)
{
	return c ? c->database : NULL;
}

static const struct cfg_key *find_key(const char *name)
{
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

/* "~/x" -> $HOME/x; a relative path is taken relative to the config file. */
static char *expand_path(const char *cfgpath, const char *v)
{
	const char *home = getenv("HOME");
	if (v[0] == '~' && (v[1] == '/' || v[1] == '\0') && home)
		return desk_xasprintf("%s%s", home, v + 1);
	if (v[0] == '/' || !cfgpath)
		return desk_xstrdup(v);
	const char *slash = strrchr(cfgpath, '/');
	if (!slash)
		return desk_xstrdup(v);
	return desk_xasprintf("%.*s/%s", (int)(slash - cfgpath), cfgpath, v);
}

struct loader {
	struct desk *d;
	const char *name;
	yaml_document_t *doc;
	struct desk_config *c;
};

static int bad(struct loader *L, yaml_node_t *n, const char *key, const char *what)
{
	return desk_error(L->d, EX_CONFIG, "%s:%lu: key '%s': %s", L->name,
			  (unsigned long)n->start_mark.line + 1, key, what);
}

static int set_scalar(struct loader *L, const struct cfg_key *k, yaml_node_t *v)
{
	char msg[160];
	if (v->type != YAML_SCALAR_NODE) {
		snprintf(msg, sizeof msg, "expected %s, found a %s",
			 k->type == CFG_INT ? "a whole number" : "a string",
			 v->type == YAML_MAPPING_NODE ? "mapping" : "list");
		return bad(L, v, k->name, msg);
	}
	const char *s = (const char *)v->data.scalar.value;
	size_t len = v->data.scalar.length;
	if (strlen(s) != len || !desk_utf8_valid(s, len))
		return bad(L, v, k->name, "invalid UTF-8 or a NUL byte");
	if (k->type == CFG_INT) {
		char *end;
		errno = 0;
		long n = strtol(s, &end, 10);
		if (!*s || *end || errno || n < k->min || n > k->max) {
			char q[48];
			snprintf(msg, sizeof msg, "expected a whole number from %ld to %ld, found '%s'",
				 k->min, k->max, desk_clip(q, sizeof q, s));
			return bad(L, v, k->name, msg);
		}
		*(long *)((char *)L->c + k->offset) = n;
		return 0;
	}
	if (!*s) {
		return bad(L, v, k->name, "empty value");
	}
	if (k->check && !k->check(s)) {
		char q[48];
		snprintf(msg, sizeof msg, "expected %s, found '%s'", k->expect, desk_clip(q, sizeof q, s));
		return bad(L, v, k->name, msg);
	}
	char **slot = (char **)((char *)L->c + k->offset);
	free(*slot);
	*slot = k->type == CFG_PATH ? expand_path(L->name, s) : desk_xstrdup(s);
	return 0;
}

/* Walk a mapping node; prefix is "" at the top. */
static int load_mapping(struct loader *L, yaml_node_t *map, const char *prefix)
{
	yaml_node_pair_t *p;
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *kn = yaml_document_get_node(L->doc, p->key);
		yaml_node_t *vn = yaml_document_get_node(L->doc, p->value);
		if (!kn || !vn)
			continue;
		if (kn->type != YAML_SCALAR_NODE)
			return bad(L, kn, prefix, "keys must be plain words");
		char *full = *prefix ? desk_xasprintf("%s.%s", prefix, (char *)kn->data.scalar.value)
				     : desk_xstrdup((char *)kn->data.scalar.value);
		int rc = 0;
		for (yaml_node_pair_t *q = map->data.mapping.pairs.start; q < p; q++) {
			yaml_node_t *prev = yaml_document_get_node(L->doc, q->key);
			if (prev && prev->type == YAML_SCALAR_NODE &&
			    strcmp((char *)prev->data.scalar.value, (char *)kn->data.scalar.value) == 0) {
				rc = bad(L, kn, full, "given twice");
				goto next;
			}
		}
		/* a dotted key ("defaults.priority:") is not the nested one */
		const struct cfg_key *k = strchr((char *)kn->data.scalar.value, '.') ? NULL : find_key(full);
		if (!k) {
			desk_warn(L->d, "%s:%lu: unknown key '%s' ignored", L->name,
				  (unsigned long)kn->start_mark.line + 1, full);
		} else if (k->type == CFG_MOVED) {
			desk_warn(L->d, "%s:%lu: key '%s' belongs to the team policy now (desk-policy(5)); ignored",
				  L->name, (unsigned long)kn->start_mark.line + 1, full);
		} else if (k->type == CFG_MAP) {
			if (vn->type == YAML_MAPPING_NODE)
				rc = load_mapping(L, vn, full);
			else if (!(vn->type == YAML_SCALAR_NODE && vn->data.scalar.length == 0))
				rc = bad(L, vn, full, "expected a mapping of keys");
		} else {
			rc = set_scalar(L, k, vn);
		}
	next:
		free(full);
		if (rc)
			return rc;
	}
	return 0;
}

int desk_config_load_string(struct desk *d, const char *name, const char *yaml, size_t len)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	struct desk_config *c = desk_config_defaults();
	struct loader L = { d, name, &doc, c };
	int rc = 0, have_doc = 0;

	c->path = desk_xstrdup(name);
	if (!yaml_parser_initialize(&parser)) {
		fprintf(stderr, "deskutils: out of memory\n");
		abort();
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, len);
	if (!yaml_parser_load(&parser, &doc)) {
		rc = desk_error(d, EX_CONFIG, "%s:%lu:%lu: malformed YAML: %s", name,
				(unsigned long)parser.problem_mark.line + 1,
				(unsigned long)parser.problem_mark.column + 1,
				parser.problem ? parser.problem : "syntax error");
		goto out;
	}
	have_doc = 1;
	yaml_node_t *root = yaml_document_get_root_node(&doc);
	if (root) {
		if (root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0)
			;       /* an empty file: defaults */
		else if (root->type != YAML_MAPPING_NODE)
			rc = desk_error(d, EX_CONFIG, "%s:%lu: the config must be a mapping of keys", name,
					(unsigned long)root->start_mark.line + 1);
		else
			rc = load_mapping(&L, root, "");
	}
out:
	if (have_doc)
		yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	if (rc) {
		desk_config_free(c);
		return rc;
	}
	desk_config_free(d->cfg);
	d->cfg = c;
	d->busy_timeout_ms = (int)c->busy_timeout;
	return 0;
}

int desk_config_load(struct desk *d, const char *path)
{
	char *found = NULL, *text = NULL;
	size_t len = 0;
	int rc;
	const char *env;

	if (path)
		found = desk_xstrdup(path);
	else if ((env = getenv("DESK_CONFIG")) && *env)
		found = desk_xstrdup(env);
	else {
		const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
		char *cand = NULL;
		if (xdg && *xdg == '/')
			cand = desk_xasprintf("%s/deskutils/desk.yaml", xdg);
		else if (home && *home)
			cand = desk_xasprintf("%s/.config/deskutils/desk.yaml", home);
		if (cand && access(cand, F_OK) == 0)
			found = cand;
		else {
			free(cand);
			if (access("/etc/deskutils/desk.yaml", F_OK) == 0)
				found = desk_xstrdup("/etc/deskutils/desk.yaml");
		}
	}
	if (!found)
		return 0; /* built-in defaults */
	if (desk_read_file(d, found, 1 << 20, &text, &len) != 0) {
		/* any trouble reading the config file is a config error */
		char why[sizeof d->errmsg];
		snprintf(why, sizeof why, "%s", d->errmsg);
		rc = desk_error(d, EX_CONFIG, "cannot read config: %s", why);
	} else {
		rc = desk_config_load_string(d, found, text, len);
	}
	free(text);
	free(found);
	return rc;
}
