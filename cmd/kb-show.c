/* kb-show - print knowledge-base articles. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { OPT_VERSION_N = CLI_FIRST_FREE };

static const struct cli_opt opts[] = {
	{ "version-number", OPT_VERSION_N, CLI_ARG, "N", "show version N instead of the current one" },
	{ "output", 'o', CLI_ARG, "FORMAT", "text (default), json or jsonl" },
	CLI_OPT_COLOR, CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

struct show {
	enum desk_format fmt;
	int color, shown, version;
};

static void text_article(struct show *s, const struct desk_article *a)
{
	char c[32], u[32], r[32];
	if (s->shown)
		fputs("\n", stdout);
	printf("%s%lld  ", s->color ? "\033[1m" : "", (long long)a->id);
	desk_put_text(stdout, a->title);
	printf("%s\n", s->color ? "\033[0m" : "");
	printf("status: %s  audience: %s  lang: %s  version: %d of %d\n", a->status, a->audience, a->lang,
	       a->version, a->versions);
	printf("tags: %s\n", *a->tags ? a->tags : "-");
	printf("owner: %s  author: %s  review by: %s  used on: %ld ticket%s\n", a->owner, a->author,
	       a->review_by ? desk_time_short(a->review_by, r, sizeof r) : "-", a->uses, a->uses == 1 ? "" : "s");
	printf("created: %s  updated: %s  this version: %s\n\n", desk_time_short(a->created, c, sizeof c),
	       desk_time_short(a->updated, u, sizeof u), desk_time_short(a->version_at, r, sizeof r));
	desk_put_text(stdout, a->body);
	if (!*a->body || a->body[strlen(a->body) - 1] != '\n')
		putchar('\n');
}

static void json_article(struct show *s, const struct desk_article *a)
{
	if (s->fmt == DESK_FMT_JSON)
		fputs(s->shown ? ",\n" : "[\n", stdout);
	printf("{\"id\":%lld", (long long)a->id);
	desk_json_str(stdout, "title", a->title);
	desk_json_words(stdout, "tags", a->tags, " ");
	desk_json_str(stdout, "lang", a->lang);
	desk_json_str(stdout, "status", a->status);
	desk_json_str(stdout, "audience", a->audience);
	desk_json_str(stdout, "owner", a->owner);
	desk_json_str(stdout, "author", a->author);
	printf(",\"version\":%d,\"versions\":%d,\"uses\":%ld", a->version, a->versions, a->uses);
	desk_json_time(stdout, "review_by", a->review_by);
	desk_json_time(stdout, "created", a->created);
	desk_json_time(stdout, "updated", a->updated);
	desk_json_time(stdout, "version_at", a->version_at);
	desk_json_str(stdout, "body", a->body);
	putchar('}');
	if (s->fmt == DESK_FMT_JSONL)
		putchar('\n');
}

static int show_one(struct cli *c, int64_t id, void *arg)
{
	struct show *s = arg;
	struct desk_article a;
	int rc = desk_kb_get(&c->d, id, s->version, &a);
	if (rc)
		return rc;
	if (s->fmt == DESK_FMT_TEXT)
		text_article(s, &a);
	else
		json_article(s, &a);
	s->shown++;
	desk_kb_release(&a);
	return ferror(stdout) ? desk_error(&c->d, EX_IOERR, "cannot write the article") : 0;
}

int main(int argc, char **argv)
{
	struct cli c;
	struct show s = { DESK_FMT_TEXT, 0, 0, 0 };
	int ch;

	cli_init(&c, "kb-show", "Print knowledge-base articles.",
		 "[--version-number N] [-o text|json|jsonl] [--db FILE] [ID...]", opts);
	c.text_format = 1;
	c.formats = cli_text_formats;
	c.operands = "articles";
	c.id_noun = "article";
	while ((ch = cli_getopt(&c, argc, argv)) != -1)
		if (ch == OPT_VERSION_N)
			s.version = (int)cli_count(&c, "version", optarg);
	if (c.format != DESK_FMT_AUTO && c.format != DESK_FMT_TEXT && c.format != DESK_FMT_JSON &&
	    c.format != DESK_FMT_JSONL)
		cli_usage_error(&c, "output format '%s' is not for this command (text, json, jsonl)",
				desk_format_name(c.format));
	if (c.format != DESK_FMT_AUTO)
		s.fmt = c.format;
	s.color = s.fmt == DESK_FMT_TEXT && cli_color(&c);
	cli_open(&c, DESK_OPEN_READ);
	int rc = cli_each_id(&c, argc, argv, show_one, &s);
	if (s.fmt == DESK_FMT_JSON)
		fputs(s.shown ? "\n]\n" : "[]\n", stdout);
	rc = cli_finish_stdout(&c, rc);
	cli_release(&c);
	return rc;
}
