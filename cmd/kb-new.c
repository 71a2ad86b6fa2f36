/* kb-new - write a knowledge-base article and print its id. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_LANG = CLI_FIRST_FREE, OPT_AUDIENCE, OPT_STATUS, OPT_OWNER, OPT_REVIEW };

static const struct cli_opt opts[] = {
	{ "title", 'T', CLI_ARG, "TITLE", "the article's title (required)" },
	{ "tag", 't', CLI_ARG, "TAG", "add a tag (repeatable)" },
	{ "lang", OPT_LANG, CLI_ARG, "LANG", "vi, zh, en, ... (default: guessed from the text)" },
	{ "audience", OPT_AUDIENCE, CLI_ARG, "AUDIENCE", "internal (default) or public" },
	{ "status", OPT_STATUS, CLI_ARG, "KBSTATUS", "draft (default), published or archived" },
	{ "owner", OPT_OWNER, CLI_ARG, "LOGIN", "who keeps it accurate (default: you)" },
	{ "review-by", OPT_REVIEW, CLI_ARG, "DATE", "when it is due for review" },
	{ "message", 'm', CLI_ARG, "TEXT", "the body (else stdin, else $EDITOR)" },
	CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

int main(int argc, char **argv)
{
	struct cli c;
	struct desk_article_draft a = { 0 };
	const char **tags = NULL, *m = NULL, *review = NULL;
	char *body = NULL;
	int ch;

	cli_init(&c, "kb-new", "Write a knowledge-base article and print its id.",
		 "-T TITLE [-t TAG]... [--lang LANG] [--audience AUDIENCE] [--status KBSTATUS] [--owner LOGIN] [--review-by DATE] [-m TEXT] [--db FILE]",
		 opts);
	while ((ch = cli_getopt(&c, argc, argv)) != -1) {
		switch (ch) {
		case 'T': a.title = optarg; break;
		case 'm': m = optarg; break;
		case OPT_LANG: a.lang = optarg; break;
		case OPT_AUDIENCE: a.audience = optarg; break;
		case OPT_STATUS: a.status = optarg; break;
		case OPT_OWNER: a.owner = optarg; break;
		case OPT_REVIEW: review = optarg; break;
		case 't':
			tags = desk_xrealloc(tags, (a.ntags + 1) * sizeof *tags);
			tags[a.ntags++] = optarg;
			break;
		}
	}
	if (optind < argc)
		cli_usage_error(&c, "unexpected argument '%s'", argv[optind]);
	if (!a.title)
		cli_usage_error(&c, "a title is required (-T)");
	if (a.status && strcmp(a.status, "draft") && strcmp(a.status, "published") && strcmp(a.status, "archived"))
		cli_usage_error(&c, "bad status '%s' (draft, published, archived)", a.status);
	if (a.audience && strcmp(a.audience, "internal") && strcmp(a.audience, "public"))
		cli_usage_error(&c, "bad audience '%s' (internal, public)", a.audience);
	a.tags = tags;
	cli_config(&c);
	if (review && desk_time_parse(&c.d, review, &a.review_by))
		cli_die(&c);
	/* everything but the body is checked before the editor opens */
	int64_t id = 0;
	if (desk_kb_check(&c.d, &a, 1, 1))
		cli_die(&c);
	cli_open(&c, DESK_OPEN_CREATE);
	cli_read_body(&c, m, &body, &a.body_len);
	a.body = body;
	int rc = desk_kb_create(&c.d, &a, &id);
	free(body);
	free(tags);
	if (rc)
		cli_die(&c);
	printf("%lld\n", (long long)id);
	rc = cli_finish_stdout(&c, 0);
	cli_release(&c);
	return rc;
}
