/*
 * frontmatter.c - knowledge-base articles as Markdown files with a YAML
 * front matter header (see frontmatter.h), for kb-import, kb-export and
 * kb-edit.
 *
 * The header is read with libyaml's document API, as config.c reads
 * desk.yaml: a wrong type is an error naming file, line and key, an unknown
 * key is a warning. Nothing here walks deeper than a key's list, so anchors
 * and aliases cost nothing, even a list that contains itself.
 * Values are checked here (with the line) by the same rules the knowledge
 * base applies (desk_kb_check, desk_tag_normalise, desk_time_parse).
 */
#include "internal.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#define FM_TAGS_MAX 1000        /* tags in one file */
#define FM_UNKNOWN_WARN_MAX 10  /* unknown keys warned about, per file */
#define FM_DEPTH_MAX 16         /* nested lists and mappings */
#define FM_NODES_MAX 100000     /* values in one header */

/* The strings behind a parsed file's draft (fm->owned). */
struct fm_store {
	char *title, *lang, *status, *audience, *owner;
	char **tags;
	size_t ntags;
};

struct fm_loader {
	struct desk *d;
	const char *name;
	yaml_document_t *doc;
	struct desk_frontmatter *fm;
	struct fm_store *st;
	int unknown;            /* unknown keys seen */
};

enum { K_ID, K_TITLE, K_TAGS, K_LANG, K_STATUS, K_AUDIENCE, K_OWNER, K_REVIEW, K_COUNT };
static const char *const key_names[K_COUNT] = {
	"id", "title", "tags", "lang", "status", "audience", "owner", "review_by",
};

/* The YAML starts on the file's second line (the first is "---"). */
static unsigned long line_of(const yaml_node_t *n)
{
	return (unsigned long)n->start_mark.line + 2;
}

static int bad(struct fm_loader *L, const yaml_node_t *n, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int bad(struct fm_loader *L, const yaml_node_t *n, const char *key, const char *fmt, ...)
{
	char msg[sizeof L->d->errmsg];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return desk_error(L->d, EX_DATAERR, "%s:%lu: key '%s': %s", L->name, line_of(n), key, msg);
}

/* The library's own message for the last error, as the reason for key. */
static int bad_last(struct fm_loader *L, const yaml_node_t *n, const char *key)
{
	char msg[sizeof L->d->errmsg];
	memcpy(msg, L->d->errmsg, sizeof msg);
	msg[sizeof msg - 1] = '\0';
	return bad(L, n, key, "%s", msg);
}

static const char *kind(const yaml_node_t *n)
{
	return n->type == YAML_MAPPING_NODE ? "a mapping" : n->type == YAML_SEQUENCE_NODE ? "a list" : "a string";
}

/* A plain empty, ~ or null: the key is there without a value. */
static int is_null(const yaml_node_t *n)
{
	if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	const char *s = (const char *)n->data.scalar.value;
	return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
}

/* A scalar's text in *out (NULL for a null value), pointing into the document. */
static int text(struct fm_loader *L, const yaml_node_t *v, const char *key, const char **out)
{
	if (v->type != YAML_SCALAR_NODE)
		return bad(L, v, key, "expected a string, found %s", kind(v));
	const char *s = (const char *)v->data.scalar.value;
	size_t n = v->data.scalar.length;
	if (strlen(s) != n)
		return bad(L, v, key, "NUL byte in the value");
	if (!desk_utf8_valid(s, n))
		return bad(L, v, key, "invalid UTF-8 in the value");
	*out = is_null(v) ? NULL : s;
	return 0;
}

static int add_tag(struct fm_loader *L, const yaml_node_t *n, const char *t, size_t len)
{
	char norm[DESK_TAG_MAX + 1];
	struct fm_store *st = L->st;
	if (st->ntags >= FM_TAGS_MAX)
		return bad(L, n, "tags", "more than %d tags", FM_TAGS_MAX);
	char *tag = desk_xstrndup(t, len);
	if (desk_tag_normalise(L->d, tag, norm)) {
		free(tag);
		return bad_last(L, n, "tags");
	}
	st->tags = desk_xrealloc(st->tags, (st->ntags + 1) * sizeof *st->tags);
	st->tags[st->ntags++] = tag;
	return 0;
}

/* tags: [a, b], a block list, or "a, b" (commas or spaces); empty: none. */
static int load_tags(struct fm_loader *L, const yaml_node_t *v)
{
	int rc;
	L->fm->a.set_tags = 1;
	if (v->type == YAML_SEQUENCE_NODE) {
		for (yaml_node_item_t *i = v->data.sequence.items.start; i < v->data.sequence.items.top; i++) {
			yaml_node_t *n = yaml_document_get_node(L->doc, *i);
			const char *s;
			if (!n)
				continue;
			if (n->type != YAML_SCALAR_NODE)
				return bad(L, n, "tags", "expected a tag, found %s", kind(n));
			if ((rc = text(L, n, "tags", &s)) || (rc = add_tag(L, n, s ? s : "", s ? strlen(s) : 0)))
				return rc;
		}
		return 0;
	}
	if (v->type != YAML_SCALAR_NODE)
		return bad(L, v, "tags", "expected a list of tags, found %s", kind(v));
	const char *s;
	if ((rc = text(L, v, "tags", &s)) || !s)
		return rc;
	while (*s) {
		size_t n = strcspn(s, ", \t\r\n");
		if (n && (rc = add_tag(L, v, s, n)))
			return rc;
		s += n;
		s += strspn(s, ", \t\r\n");
	}
	return 0;
}

/* lang, status, audience, owner: a string the knowledge base accepts. */
static int load_field(struct fm_loader *L, int k, const yaml_node_t *v)
{
	struct desk_article_draft one = { 0 };
	const char *s;
	char **slot;
	int rc;
	if ((rc = text(L, v, key_names[k], &s)) || !s)
		return rc;
	switch (k) {
	case K_LANG: one.lang = s; slot = &L->st->lang; break;
	case K_STATUS: one.status = s; slot = &L->st->status; break;
	case K_AUDIENCE: one.audience = s; slot = &L->st->audience; break;
	default: one.owner = s; slot = &L->st->owner; break;
	}
	if (desk_kb_check(L->d, &one, 0, 1))
		return bad_last(L, v, key_names[k]);
	*slot = desk_xstrdup(s);
	return 0;
}

/* Files carry review dates as the local day, YYYY-MM-DD: t must be a day
 * that can be written so and read back, and not 0, which means none. */
static int day_ok(struct desk *d, time_t t)
{
	struct tm tm;
	char day[32];
	time_t back;
	if (t <= 0 || !localtime_r(&t, &tm) || tm.tm_year + 1900 > 9999 ||
	    !strftime(day, sizeof day, "%Y-%m-%d", &tm))
		return 0;
	if (desk_time_parse(d, day, &back) != 0) {
		desk_clear_error(d);
		return 0;
	}
	return back > 0 && desk_frontmatter_same_day(t, back);
}

static int load_key(struct fm_loader *L, int k, const yaml_node_t *v)
{
	struct desk_article_draft *a = &L->fm->a;
	const char *s;
	int rc;
	switch (k) {
	case K_ID:
		if ((rc = text(L, v, "id", &s)) || !s)
			return rc;
		if (desk_id_parse(s, &L->fm->id))
			return bad(L, v, "id", "expected a positive whole number, found '%.40s'", s);
		return 0;
	case K_TITLE: {
		if ((rc = text(L, v, "title", &s)))
			return rc;
		struct desk_article_draft one = { .title = s ? s : "" };
		if (desk_kb_check(L->d, &one, 0, 1))
			return bad_last(L, v, "title");
		a->title = L->st->title = desk_xstrdup(one.title);
		return 0;
	}
	case K_TAGS:
		return load_tags(L, v);
	case K_REVIEW:
		if ((rc = text(L, v, "review_by", &s)))
			return rc;
		a->set_review = 1;
		a->review_by = 0;
		if (!s || !strcmp(s, "none"))
			return 0;
		if (desk_time_parse(L->d, s, &a->review_by))
			return bad_last(L, v, "review_by");
		if (!day_ok(L->d, a->review_by))
			return bad(L, v, "review_by", "date out of range '%.40s' (1970-01-02 to 9999-12-31)", s);
		return 0;
	default:
		return load_field(L, k, v);
	}
}

static int load_mapping(struct fm_loader *L, const yaml_node_t *map)
{
	unsigned seen = 0;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *kn = yaml_document_get_node(L->doc, p->key);
		yaml_node_t *vn = yaml_document_get_node(L->doc, p->value);
		if (!kn || !vn)
			continue;
		if (kn->type != YAML_SCALAR_NODE)
			return desk_error(L->d, EX_DATAERR, "%s:%lu: keys must be plain words, found %s", L->name,
					  line_of(kn), kind(kn));
		const char *key = (const char *)kn->data.scalar.value;
		int k = 0;
		while (k < K_COUNT && strcmp(key_names[k], key) != 0)
			k++;
		if (k == K_COUNT) {
			if (L->unknown++ < FM_UNKNOWN_WARN_MAX)
				desk_warn(L->d, "%s:%lu: unknown key '%.64s' ignored", L->name, line_of(kn), key);
			else if (L->unknown == FM_UNKNOWN_WARN_MAX + 1)
				desk_warn(L->d, "%s: more unknown keys ignored", L->name);
			continue;
		}
		if (seen & (1u << k))
			return bad(L, kn, key, "given twice");
		seen |= 1u << k;
		int rc = load_key(L, k, vn);
		if (rc)
			return rc;
	}
	return 0;
}

static int malformed(struct desk *d, const char *name, const yaml_parser_t *parser)
{
	return desk_error(d, EX_DATAERR, "%s:%lu:%lu: malformed YAML: %s", name,
			  (unsigned long)parser->problem_mark.line + 2,
			  (unsigned long)parser->problem_mark.column + 1,
			  parser->problem ? parser->problem : "syntax error");
}

/*
 * Walk the events first, stopping at the first list or mapping nested
 * deeper than FM_DEPTH_MAX or past FM_NODES_MAX values: libyaml's scanner
 * takes time in the square of the nesting depth ("[[[[..." a megabyte long
 * would run for hours), and its document holds every node in memory. The
 * scanner looks at most about a thousand tokens ahead, so stopping early
 * bounds the work.
 */
static int check_shape(struct desk *d, const char *name, const char *y, size_t n)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	long depth = 0, nodes = 0;
	int rc = 0;

	if (!yaml_parser_initialize(&parser)) {
		fprintf(stderr, "deskutils: out of memory\n");
		abort();
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)y, n);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	for (;;) {
		if (!yaml_parser_parse(&parser, &ev)) {
			rc = malformed(d, name, &parser);
			break;
		}
		yaml_event_type_t type = ev.type;
		unsigned long line = (unsigned long)ev.start_mark.line + 2;
		yaml_event_delete(&ev);
		if (type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT)
			depth++;
		else if (type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT)
			depth--;
		if (depth > FM_DEPTH_MAX) {
			rc = desk_error(d, EX_DATAERR, "%s:%lu: lists or mappings nested more than %d deep", name,
					line, FM_DEPTH_MAX);
			break;
		}
		if (++nodes > FM_NODES_MAX) {
			rc = desk_error(d, EX_DATAERR, "%s:%lu: more than %d values in the front matter", name,
					line, FM_NODES_MAX);
			break;
		}
		if (type == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&parser);
	return rc;
}

/* Parse the header's YAML y[0..n), which starts on the file's line 2. */
static int load_yaml(struct desk *d, const char *name, const char *y, size_t n, struct desk_frontmatter *fm)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	struct fm_loader L = { d, name, &doc, fm, fm->owned, 0 };
	int rc;

	if ((rc = check_shape(d, name, y, n)))
		return rc;
	if (!yaml_parser_initialize(&parser)) {
		fprintf(stderr, "deskutils: out of memory\n");
		abort();
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)y, n);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	if (!yaml_parser_load(&parser, &doc))
		goto malformed;
	yaml_node_t *root = yaml_document_get_root_node(&doc);
	if (!root || (root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0))
		;       /* an empty header */
	else if (root->type != YAML_MAPPING_NODE)
		rc = desk_error(d, EX_DATAERR, "%s:%lu: the front matter must be a mapping of keys, found %s",
				name, line_of(root), kind(root));
	else
		rc = load_mapping(&L, root);
	yaml_document_delete(&doc);
	if (rc)
		goto out;
	/* "...\n--- x" inside the header would start a second document */
	if (!yaml_parser_load(&parser, &doc))
		goto malformed;
	root = yaml_document_get_root_node(&doc);
	if (root)
		rc = desk_error(d, EX_DATAERR, "%s:%lu: a second YAML document in the front matter", name,
				line_of(root));
	yaml_document_delete(&doc);
	goto out;
malformed:
	rc = malformed(d, name, &parser);
out:
	yaml_parser_delete(&parser);
	return rc;
}

/* End of the line that starts at i: the index of its '\n', or len. */
static size_t line_end(const char *t, size_t len, size_t i)
{
	const char *nl = memchr(t + i, '\n', len - i);
	return nl ? (size_t)(nl - t) : len;
}

/* The line t[a..b) is "---" (a CR before the newline is tolerated). */
static int is_fence(const char *t, size_t a, size_t b)
{
	if (b > a && t[b - 1] == '\r')
		b--;
	return b - a == 3 && memcmp(t + a, "---", 3) == 0;
}

static unsigned long line_at(const char *t, size_t off)
{
	unsigned long line = 1;
	for (size_t i = 0; i < off; i++)
		line += t[i] == '\n';
	return line;
}

int desk_frontmatter_parse(struct desk *d, const char *name, const char *text, size_t len,
			   struct desk_frontmatter *fm)
{
	memset(fm, 0, sizeof *fm);
	size_t at = desk_utf8_bad_offset(text, len);
	if (at < len)
		return desk_error(d, EX_DATAERR, "%s:%lu: %s", name, line_at(text, at),
				  text[at] ? "invalid UTF-8" : "NUL byte");
	fm->owned = desk_xcalloc(1, sizeof(struct fm_store));
	size_t body = 0;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		body = 3;       /* a byte-order mark some editors write */
	size_t e = line_end(text, len, body);
	if (is_fence(text, body, e)) {
		size_t start = e < len ? e + 1 : len, p = start, q = len;
		int closed = 0;
		while (p < len) {
			q = line_end(text, len, p);
			if (is_fence(text, p, q)) {
				closed = 1;
				break;
			}
			p = q + 1;
		}
		int rc = closed ? load_yaml(d, name, text + start, p - start, fm)
				: desk_error(d, EX_DATAERR, "%s:1: front matter never closed", name);
		if (rc) {
			desk_frontmatter_release(fm);
			return rc;
		}
		body = q < len ? q + 1 : len;
		/* the blank line that separates the header from the body */
		if (body < len && text[body] == '\n')
			body++;
		else if (body + 1 < len && text[body] == '\r' && text[body + 1] == '\n')
			body += 2;
	}
	struct fm_store *st = fm->owned;
	fm->a.tags = (const char *const *)st->tags;
	fm->a.ntags = st->ntags;
	fm->a.lang = st->lang;
	fm->a.status = st->status;
	fm->a.audience = st->audience;
	fm->a.owner = st->owner;
	/* trailing newlines are the editor's, as in cli_read_body */
	size_t end = len;
	while (end > body && (text[end - 1] == '\n' || text[end - 1] == '\r'))
		end--;
	for (size_t i = body; i < end; i++) {
		if (!isspace((unsigned char)text[i])) {
			fm->a.body = text + body;
			fm->a.body_len = end - body;
			break;
		}
	}
	return 0;
}

void desk_frontmatter_release(struct desk_frontmatter *fm)
{
	struct fm_store *st = fm->owned;
	if (st) {
		free(st->title);
		free(st->lang);
		free(st->status);
		free(st->audience);
		free(st->owner);
		for (size_t i = 0; i < st->ntags; i++)
			free(st->tags[i]);
		free(st->tags);
		free(st);
	}
	memset(fm, 0, sizeof *fm);
}

/* Code points that must be escaped in a double-quoted YAML scalar: those
 * outside YAML's printable set, the Unicode line breaks and the BOM. */
static int must_escape(uint32_t c)
{
	return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029 ||
	       c == 0xfeff || c == 0xfffe || c == 0xffff;
}

/*
 * Whether s reads back as the same string, and as a string, when written
 * without quotes, both in a block mapping and in a flow list. Conservative:
 * anything that a YAML reader could take for an indicator, a comment, a
 * number, a boolean or null is quoted.
 */
static int plain_ok(const char *s)
{
	static const char *const words[] = {
		"null", "true", "false", "yes", "no", "on", "off", "y", "n", NULL,
	};
	size_t n = strlen(s);
	if (n == 0 || strchr("-?:,[]{}#&*!|>'\"%@`+.0123456789~=< ", s[0]) || s[n - 1] == ' ')
		return 0;
	if (strpbrk(s, ":#,[]{}\"'\\"))
		return 0;
	for (int i = 0; words[i]; i++)
		if (strcasecmp(s, words[i]) == 0)
			return 0;
	const char *p = s;
	while (*p) {
		const char *q = p;
		uint32_t c = desk_utf8_next(&p);
		if (must_escape(c) || (c == 0xfffd && p - q == 1))
			return 0;
	}
	return 1;
}

static void put_quoted(FILE *fp, const char *s)
{
	const char *p = s;
	fputc('"', fp);
	while (*p) {
		const char *q = p;
		uint32_t c = desk_utf8_next(&p);
		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", (int)c);
		else if (c == '\n')
			fputs("\\n", fp);
		else if (c == '\t')
			fputs("\\t", fp);
		else if (c == '\r')
			fputs("\\r", fp);
		else if (c < 0x100 && must_escape(c))
			fprintf(fp, "\\x%02X", (unsigned)c);
		else if (must_escape(c) || (c == 0xfffd && p - q == 1))
			fprintf(fp, "\\u%04X", (unsigned)c);
		else
			fwrite(q, 1, (size_t)(p - q), fp);
	}
	fputc('"', fp);
}

static void put_scalar(FILE *fp, const char *s)
{
	if (plain_ok(s))
		fputs(s, fp);
	else
		put_quoted(fp, s);
}

int desk_frontmatter_write(FILE *fp, const struct desk_article *a)
{
	fputs("---\n", fp);
	if (a->id)
		fprintf(fp, "id: %lld\n", (long long)a->id);
	fputs("title: ", fp);
	put_scalar(fp, a->title ? a->title : "");
	fputs("\ntags: [", fp);
	const char *t = a->tags ? a->tags : "";
	int first = 1;
	while (*t) {
		size_t n = strcspn(t, " ");
		if (n) {
			char *tag = desk_xstrndup(t, n);
			fputs(first ? "" : ", ", fp);
			put_scalar(fp, tag);
			free(tag);
			first = 0;
		}
		t += n;
		t += strspn(t, " ");
	}
	fputs("]\n", fp);
	const char *fields[][2] = { { "lang", a->lang }, { "status", a->status },
				    { "audience", a->audience }, { "owner", a->owner } };
	for (int i = 0; i < 4; i++) {
		if (!fields[i][1] || !*fields[i][1])
			continue;
		fprintf(fp, "%s: ", fields[i][0]);
		put_scalar(fp, fields[i][1]);
		fputc('\n', fp);
	}
	if (a->review_by) {
		struct tm tm;
		char day[32];
		time_t when = a->review_by;
		if (localtime_r(&when, &tm) && strftime(day, sizeof day, "%Y-%m-%d", &tm))
			fprintf(fp, "review_by: %s\n", day);
	}
	fputs("---\n\n", fp);
	const char *body = a->body ? a->body : "";
	size_t n = strlen(body);
	fwrite(body, 1, n, fp);
	if (n && body[n - 1] != '\n')
		fputc('\n', fp);
	return ferror(fp) ? EX_IOERR : 0;
}

int desk_frontmatter_same_day(time_t t1, time_t t2)
{
	struct tm x, y;
	if (!t1 || !t2)
		return t1 == t2;
	if (!localtime_r(&t1, &x) || !localtime_r(&t2, &y))
		return t1 == t2;
	return x.tm_year == y.tm_year && x.tm_yday == y.tm_yday;
}

int desk_frontmatter_import(struct desk *d, const char *name, const struct desk_frontmatter *fm,
			    int64_t *id, enum desk_fm_action *action)
{
	struct desk_article_draft a = fm->a;
	struct desk_article cur;
	int rc, changed = 0;

	*id = 0;
	*action = 0;
	if ((rc = desk_tx_begin(d)))
		return rc;
	if (fm->id) {
		rc = desk_kb_get(d, fm->id, 0, &cur);
		if (rc == 0) {
			if (a.set_review && desk_frontmatter_same_day(a.review_by, cur.review_by))
				a.set_review = 0;
			desk_kb_release(&cur);
			if ((rc = desk_kb_update(d, fm->id, &a, &changed)) == 0) {
				*id = fm->id;
				*action = changed ? DESK_FM_UPDATED : DESK_FM_UNCHANGED;
			}
			goto out;
		}
		if (rc != EX_NOINPUT)
			goto out;
		desk_clear_error(d);
	}
	if (!a.title)
		rc = desk_error(d, EX_DATAERR, "no title: a new article needs 'title:' in its front matter");
	else if (!a.body)
		rc = desk_error(d, EX_DATAERR, "no text: a new article needs a body after its front matter");
	else if ((rc = desk_kb_create(d, &a, id)) == 0)
		*action = DESK_FM_CREATED;
out:
	rc = desk_tx_end(d, rc);
	if (rc == EX_DATAERR || rc == EX_USAGE) {
		char msg[sizeof d->errmsg];
		memcpy(msg, d->errmsg, sizeof msg);
		msg[sizeof msg - 1] = '\0';
		rc = desk_error(d, EX_DATAERR, "%s: %s", name, msg);
	}
	if (rc) {
		*id = 0;
		*action = 0;
	} else if (fm->id && *action == DESK_FM_CREATED && *id != fm->id) {
		desk_warn(d, "%s: no article '%lld': created as article '%lld'", name, (long long)fm->id,
			  (long long)*id);
	}
	return rc;
}

struct slug {
	char *out;
	size_t len;
};

static int slug_word(void *arg, const char *tok, int len, int start, int end)
{
	struct slug *s = arg;
	char w[DESK_FM_SLUG_MAX];
	size_t k = 0;
	(void)start;
	(void)end;
	for (int i = 0; i < len && k < sizeof w; i++)
		if ((tok[i] >= 'a' && tok[i] <= 'z') || (tok[i] >= '0' && tok[i] <= '9'))
			w[k++] = tok[i];
	if (k == 0)
		return 0;
	if (s->len && s->len + 1 + k > DESK_FM_SLUG_MAX)
		return 1;       /* whole words only, after the first */
	if (s->len)
		s->out[s->len++] = '-';
	memcpy(s->out + s->len, w, k);
	s->len += k;
	return 0;
}

char *desk_frontmatter_slug(const char *title, char *out)
{
	struct slug s = { out, 0 };
	size_t n = strlen(title);
	desk_tokenize(title, n > 100000 ? 100000 : (int)n, slug_word, &s);
	out[s.len] = '\0';
	return out;
}
