/* kb-edit - change a knowledge-base article: its fields from options, its text
 * from -m, stdin (with front matter) or $VISUAL/$EDITOR. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { OPT_LANG = CLI_FIRST_FREE, OPT_STATUS, OPT_AUDIENCE, OPT_OWNER, OPT_REVIEW };

static const struct cli_opt opts[] = {
	{ "title", 'T', CLI_ARG, "TITLE", "a new title" },
	{ "tag", 't', CLI_ARG, "TAG", "+TAG adds, -TAG removes (repeatable)" },
	{ "lang", OPT_LANG, CLI_ARG, "LANG", "vi, zh, en, ..." },
	{ "status", OPT_STATUS, CLI_ARG, "KBSTATUS", "draft, published or archived" },
	{ "audience", OPT_AUDIENCE, CLI_ARG, "AUDIENCE", "internal or public" },
	{ "owner", OPT_OWNER, CLI_ARG, "LOGIN", "who keeps it accurate" },
	{ "review-by", OPT_REVIEW, CLI_ARG, "DATE", "when it is due for review; none clears it" },
	{ "message", 'm', CLI_ARG, "TEXT", "the new text (else stdin, else $EDITOR)" },
	CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

/* What the command line asks for. */
struct edit {
	struct desk_article_draft opt;  /* fields from options */
	const char **tagops;            /* "+x" / "-x" / "x", in order */
	size_t ntagops;
	int any;                        /* an option that changes something was given */
	const char *m;
};

static int in_list(const char *const *l, const char *s)
{
	for (; *l; l++)
		if (strcmp(*l, s) == 0)
			return 1;
	return 0;
}

/* The article as a file, in memory (allocated). */
static char *article_text(struct cli *c, const struct desk_article *a, size_t *len)
{
	char *s = NULL;
	FILE *fp = open_memstream(&s, len);
	if (!fp) {
		fprintf(stderr, "%s: out of memory\n", c->prog);
		abort();
	}
	desk_frontmatter_write(fp, a);
	if (fclose(fp) != 0) {
		fprintf(stderr, "%s: out of memory\n", c->prog);
		abort();
	}
	return s;
}

/* The article's new tags: base (the file's, else the current ones), then
 * the -t operations in order. Allocated strings in *out. */
static int new_tags(struct cli *c, const struct edit *e, const struct desk_article_draft *file,
		    const struct desk_article *cur, char ***out, size_t *n)
{
	char norm[DESK_TAG_MAX + 1];
	char **v = NULL;
	size_t k = 0;
	if (file->set_tags) {
		for (size_t i = 0; i < file->ntags; i++) {
			v = desk_xrealloc(v, (k + 1) * sizeof *v);
			v[k++] = desk_xstrdup(file->tags[i]);
		}
	} else {
		char *copy = desk_xstrdup(cur->tags ? cur->tags : ""), *save = NULL;
		for (char *t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
			v = desk_xrealloc(v, (k + 1) * sizeof *v);
			v[k++] = desk_xstrdup(t);
		}
		free(copy);
	}
	for (size_t i = 0; i < e->ntagops; i++) {
		const char *op = e->tagops[i];
		int del = op[0] == '-';
		if (desk_tag_normalise(&c->d, op + (op[0] == '-' || op[0] == '+'), norm))
			goto bad;
		size_t j = 0;
		for (; j < k; j++) {
			char other[DESK_TAG_MAX + 1];
			if (desk_tag_normalise(&c->d, v[j], other))
				goto bad;
			if (strcmp(other, norm) == 0)
				break;
		}
		if (del && j < k) {
			free(v[j]);
			memmove(v + j, v + j + 1, (k - j - 1) * sizeof *v);
			k--;
		} else if (!del && j == k) {
			v = desk_xrealloc(v, (k + 1) * sizeof *v);
			v[k++] = desk_xstrdup(norm);
		}
	}
	*out = v;
	*n = k;
	return 0;
bad:
	for (size_t j = 0; j < k; j++)
		free(v[j]);
	free(v);
	return c->d.err;
}

int main(int argc, char **argv)
{
	struct cli c;
	struct edit e = { 0 };
	struct desk_frontmatter fm = { 0 };
	struct desk_article cur = { 0 };
	char *text = NULL, *orig = NULL, *path = NULL, *body = NULL, **tags = NULL;
	size_t len = 0, orig_len = 0, ntags = 0;
	const char *review = NULL;
	int64_t id;
	int ch, rc, changed = 0;

	cli_init(&c, "kb-edit", "Change a knowledge-base article: its fields, its text, or both in $EDITOR.",
		 "[-T TITLE] [-t +TAG|-TAG]... [--lang LANG] [--status KBSTATUS] [--audience AUDIENCE] [--owner LOGIN] [--review-by DATE] [-m TEXT] [--db FILE] ID",
		 opts);
	c.operands = "articles";
	c.id_noun = "article";
	while ((ch = cli_getopt(&c, argc, argv)) != -1) {
		switch (ch) {
		case 'T': e.opt.title = optarg; break;
		case 'm': e.m = optarg; break;
		case OPT_LANG: e.opt.lang = optarg; break;
		case OPT_STATUS: e.opt.status = optarg; break;
		case OPT_AUDIENCE: e.opt.audience = optarg; break;
		case OPT_OWNER: e.opt.owner = optarg; break;
		case OPT_REVIEW: review = optarg; break;
		case 't':
			e.tagops = desk_xrealloc(e.tagops, (e.ntagops + 1) * sizeof *e.tagops);
			e.tagops[e.ntagops++] = optarg;
			break;
		}
	}
	e.any = e.opt.title || e.m || e.opt.lang || e.opt.status || e.opt.audience || e.opt.owner || review ||
		e.ntagops;
	if (optind >= argc)
		cli_usage_error(&c, "no article id");
	if (argc - optind > 1)
		cli_usage_error(&c, "unexpected argument '%s'", argv[optind + 1]);
	if (e.opt.status && !in_list(desk_kb_statuses, e.opt.status))
		cli_usage_error(&c, "bad status '%s' (draft, published, archived)", e.opt.status);
	if (e.opt.audience && !in_list(desk_kb_audiences, e.opt.audience))
		cli_usage_error(&c, "bad audience '%s' (internal, public)", e.opt.audience);
	if (desk_id_parse(argv[optind], &id)) {
		desk_error(&c.d, EX_DATAERR, "bad article id '%s'", argv[optind]);
		cli_die(&c);
	}
	cli_config(&c);
	if (review) {
		e.opt.set_review = 1;
		if (*review && strcmp(review, "none") != 0 && desk_time_parse(&c.d, review, &e.opt.review_by))
			cli_die(&c);
	}
	/* everything the options say is checked before an editor opens */
	if (desk_kb_check(&c.d, &e.opt, 0, 1))
		cli_die(&c);
	for (size_t i = 0; i < e.ntagops; i++) {
		char norm[DESK_TAG_MAX + 1];
		const char *op = e.tagops[i];
		if (desk_tag_normalise(&c.d, op + (op[0] == '-' || op[0] == '+'), norm))
			cli_die(&c);
	}
	cli_open(&c, DESK_OPEN_READ);
	if (desk_kb_get(&c.d, id, 0, &cur))
		cli_die(&c);

	/* the text: -m, else stdin, else (nothing else asked) the editor */
	if (e.m) {
		len = strlen(e.m);
		while (len > 0 && (e.m[len - 1] == '\n' || e.m[len - 1] == '\r'))
			len--;
		body = desk_xstrndup(e.m, len);
		if (desk_body_check(&c.d, body, len))
			cli_die(&c);
		fm.a.body = body;
		fm.a.body_len = len;
	} else if (!isatty(STDIN_FILENO)) {
		if (desk_read_stream(&c.d, stdin, "stdin", DESK_BODY_MAX + (1 << 20), &text, &len))
			cli_die(&c);
		if (desk_frontmatter_parse(&c.d, "stdin", text, len, &fm))
			cli_die(&c);
	} else if (!e.any) {
		orig = article_text(&c, &cur, &orig_len);
		text = cli_edit_text(&c, orig, orig_len, ".md", &path, &len);
		if (len == orig_len && memcmp(text, orig, len) == 0) {
			unlink(path);
			if (!c.quiet)
				fprintf(stderr, "%s: no change\n", c.prog);
			rc = 0;
			goto out;
		}
		if (desk_frontmatter_parse(&c.d, path, text, len, &fm))
			goto kept;
	}
	if (fm.id && fm.id != id) {
		desk_error(&c.d, EX_DATAERR, "%s: id %lld is not article '%lld'", path ? path : "stdin",
			   (long long)fm.id, (long long)id);
		goto kept;
	}

	/* the options over the file */
	struct desk_article_draft a = fm.a;
	int file_review = a.set_review;
	if (e.opt.title) a.title = e.opt.title;
	if (e.opt.lang) a.lang = e.opt.lang;
	if (e.opt.status) a.status = e.opt.status;
	if (e.opt.audience) a.audience = e.opt.audience;
	if (e.opt.owner) a.owner = e.opt.owner;
	if (e.opt.set_review) {
		a.set_review = 1;
		a.review_by = e.opt.review_by;
		file_review = 0;
	}
	if (!e.any && !a.title && !a.body && !a.set_tags && !a.lang && !a.status && !a.audience && !a.owner &&
	    !a.set_review) {
		desk_error(&c.d, EX_DATAERR, "empty article: nothing written");
		goto kept;
	}

	/* read the article again under the write lock: what the tags build on */
	if ((rc = desk_tx_begin(&c.d)))
		goto kept;
	desk_kb_release(&cur);
	if ((rc = desk_kb_get(&c.d, id, 0, &cur)))
		goto end;
	if (orig) {
		size_t now_len;
		char *now = article_text(&c, &cur, &now_len);
		int moved = now_len != orig_len || memcmp(now, orig, now_len) != 0;
		free(now);
		if (moved) {
			rc = desk_error(&c.d, EX_TEMPFAIL, "article '%lld' changed while it was being edited",
					(long long)id);
			goto end;
		}
	}
	/* files carry the review date only: the same day keeps the time it has */
	if (file_review && desk_frontmatter_same_day(a.review_by, cur.review_by))
		a.set_review = 0;
	if (a.set_tags || e.ntagops) {
		if ((rc = new_tags(&c, &e, &fm.a, &cur, &tags, &ntags)))
			goto end;
		a.tags = (const char *const *)tags;
		a.ntags = ntags;
		a.set_tags = 1;
	}
	rc = desk_kb_update(&c.d, id, &a, &changed);
end:
	rc = desk_tx_end(&c.d, rc);
	if (rc)
		goto kept;
	if (path)
		unlink(path);
	if (!changed && !c.quiet)
		fprintf(stderr, "%s: no change\n", c.prog);
	goto out;
kept:
	rc = cli_report(&c);
	if (path)
		fprintf(stderr, "%s: the edited text is kept in '%s'\n", c.prog, path);
out:
	for (size_t i = 0; i < ntags; i++)
		free(tags[i]);
	free(tags);
	desk_frontmatter_release(&fm);
	desk_kb_release(&cur);
	free(e.tagops);
	free(text);
	free(orig);
	free(path);
	free(body);
	rc = cli_finish_stdout(&c, rc);
	cli_release(&c);
	return rc;
}
