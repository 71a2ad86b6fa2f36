/* customer-show - print customers with their ticket history. */
#include "cli.h"

#include <ctype.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct cli_opt opts[] = {
	{ "output", 'o', CLI_ARG, "FORMAT", "text (default), json or jsonl" },
	CLI_OPT_COLOR, CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

/* The ticket history under a customer in text: a table, newest first. */
static const struct desk_column hist_cols[] = {
	{ "id", "ID", DESK_COL_INT, 0 },
	{ "status", "STATUS", DESK_COL_TEXT, 0 },
	{ "priority", "PRIORITY", DESK_COL_TEXT, 0 },
	{ "updated", "UPDATED", DESK_COL_TIME, 0 },
	{ "subject", "SUBJECT", DESK_COL_TEXT, DESK_COL_SHRINK },
};

struct show {
	enum desk_format fmt;
	struct desk_out_opts table; /* how the text history table is drawn */
	struct desk_out *out;       /* text: the history table being written */
	int ntickets;               /* history rows of the current customer */
	int shown;                  /* customers printed so far */
};

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

static void text_customer(struct show *s, const struct desk_customer *k)
{
	char when[32];
	int bold = s->table.color;
	if (s->shown)
		putchar('\n');
	if (k->name)
		printf("%s%s <%s>%s\n", bold ? "\033[1m" : "", k->name, k->email, bold ? "\033[0m" : "");
	else
		printf("%s%s%s\n", bold ? "\033[1m" : "", k->email, bold ? "\033[0m" : "");
	printf("id: %lld  organisation: %s\n", (long long)k->id, or_dash(k->org));
	printf("created: %s\n", desk_time_short(k->created, when, sizeof when));
	printf("tickets: %lld  unsolved: %lld\n", k->tickets, k->unsolved);
	if (!k->notes) {
		puts("notes: -");
	} else {
		/* each line of the notes indented, so a block stays readable */
		puts("notes:");
		for (const char *p = k->notes; *p;) {
			size_t n = strcspn(p, "\n");
			printf("  %.*s\n", (int)n, p);
			p += n + (p[n] ? 1 : 0);
		}
	}
}

static void json_customer(struct show *s, const struct desk_customer *k)
{
	if (s->fmt == DESK_FMT_JSON)
		fputs(s->shown ? ",\n" : "[\n", stdout);
	printf("{\"id\":%lld", (long long)k->id);
	desk_json_str(stdout, "email", k->email);
	desk_json_str(stdout, "name", k->name);
	desk_json_str(stdout, "organisation", k->org);
	desk_json_str(stdout, "notes", k->notes);
	desk_json_time(stdout, "created", k->created);
	desk_json_key(stdout, "tickets");
	printf("%lld", k->tickets);
	desk_json_key(stdout, "unsolved");
	printf("%lld", k->unsolved);
	desk_json_key(stdout, "history");
	putchar('[');
}

static int history_row(void *arg, const struct desk_ticket_row *r)
{
	struct show *s = arg;
	if (s->fmt == DESK_FMT_TEXT) {
		if (!s->out) {
			putchar('\n');
			s->out = desk_out_new(stdout, &s->table, hist_cols,
					      (int)(sizeof hist_cols / sizeof hist_cols[0]));
		}
		desk_out_int(s->out, r->id);
		desk_out_text(s->out, r->status);
		desk_out_text(s->out, desk_priority_name(r->priority));
		desk_out_time(s->out, r->updated);
		desk_out_text(s->out, r->subject);
		s->ntickets++;
		return desk_out_row_end(s->out);
	}
	if (s->ntickets++)
		putchar(',');
	printf("{\"id\":%lld", (long long)r->id);
	desk_json_str(stdout, "status", r->status);
	desk_json_str(stdout, "priority", desk_priority_name(r->priority));
	desk_json_time(stdout, "updated", r->updated);
	desk_json_str(stdout, "subject", r->subject);
	putchar('}');
	return 0;
}

/* Print one customer and the tickets they asked for, newest first. */
static int show_customer(struct cli *c, struct show *s, int64_t id)
{
	struct desk_customer k;
	struct desk_filter *f = NULL;
	int rc;

	if ((rc = desk_customer_get(&c->d, id, &k)))
		return rc;
	/* built, not parsed: an address may hold characters the filter
	 * language reads as operators ("=an@example.com") */
	f = desk_filter_new();
	f->sort = DESK_F_UPDATED;
	f->sort_desc = 1;
	if ((rc = desk_filter_add(&c->d, f, DESK_F_REQUESTER, k.email)))
		goto out;
	s->ntickets = 0;
	if (s->fmt == DESK_FMT_TEXT)
		text_customer(s, &k);
	else
		json_customer(s, &k);
	rc = desk_ticket_list(&c->d, f, 0, history_row, s);
	if (s->out) {
		if (!rc)
			rc = desk_out_finish(s->out);
		desk_out_free(s->out);
		s->out = NULL;
	}
	if (s->fmt != DESK_FMT_TEXT) {
		fputs("]}", stdout);
		if (s->fmt == DESK_FMT_JSONL)
			putchar('\n');
	}
	if (rc == EX_IOERR && !c->d.err)
		desk_error(&c->d, EX_IOERR, "cannot write the output");
	s->shown++;
out:
	desk_filter_free(f);
	desk_customer_release(&k);
	return rc;
}

/*
 * The next customer word: from the arguments, or when there are none from
 * stdin, the first whitespace-separated field of each line, skipping blank
 * lines, comments ('#' not followed by a digit) and a first field "id" or
 * "ID" on the first line (a listing's header). NULL at the end.
 */
static const char *next_word(int argc, char **argv, int *i, char **line, size_t *cap,
			     unsigned long *lineno)
{
	if (argc > 0)
		return *i < argc ? argv[(*i)++] : NULL;
	for (;;) {
		if (getline(line, cap, stdin) < 0)
			return NULL;
		(*lineno)++;
		char *p = *line;
		while (*p == ' ' || *p == '\t')
			p++;
		char *e = p;
		while (*e && !isspace((unsigned char)*e))
			e++;
		*e = '\0';
		if (!*p || (p[0] == '#' && !isdigit((unsigned char)p[1])))
			continue;
		if (*lineno == 1 && (strcmp(p, "id") == 0 || strcmp(p, "ID") == 0))
			continue;
		return p;
	}
}

int main(int argc, char **argv)
{
	struct cli c;
	struct show s = { DESK_FMT_TEXT, { 0 }, NULL, 0, 0 };
	struct cli_tally tally = { 0, 0, 0 };
	char *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0;
	const char *word;
	int ch, rc, i = 0;

	cli_init(&c, "customer-show", "Print customers with their ticket history.",
		 "[-o text|json|jsonl] [--db FILE] EMAIL|ID...", opts);
	c.operands = "customer";
	c.text_format = 1;
	while ((ch = cli_getopt(&c, argc, argv)) != -1)
		;
	(void)ch;
	if (c.format != DESK_FMT_AUTO && c.format != DESK_FMT_TEXT && c.format != DESK_FMT_JSON &&
	    c.format != DESK_FMT_JSONL)
		cli_usage_error(&c, "output format '%s' is not for this command (text, json, jsonl)",
				desk_format_name(c.format));
	if (c.format != DESK_FMT_AUTO)
		s.fmt = c.format;
	if (optind == argc && isatty(STDIN_FILENO))
		cli_usage_error(&c, "no customers (give email addresses or ids as arguments or on stdin)");
	cli_open(&c, DESK_OPEN_READ);
	cli_out_opts(&c, &s.table, DESK_FMT_TABLE);
	s.table.format = DESK_FMT_TABLE;
	s.table.color = s.fmt == DESK_FMT_TEXT && s.table.color;
	while ((word = next_word(argc - optind, argv + optind, &i, &line, &cap, &lineno))) {
		int64_t id;
		if ((rc = desk_customer_find(&c.d, word, &id)) || (rc = show_customer(&c, &s, id))) {
			if (rc != EX_DATAERR && rc != EX_NOINPUT)
				cli_die(&c);
			cli_tally_fail(&c, &tally);
			continue;
		}
		cli_tally_ok(&tally);
	}
	free(line);
	if (ferror(stdin)) {
		desk_error(&c.d, EX_IOERR, "cannot read customers from stdin");
		cli_die(&c);
	}
	if (s.fmt == DESK_FMT_JSON)
		fputs(s.shown ? "\n]\n" : "[]\n", stdout);
	rc = cli_finish_stdout(&c, cli_tally_status(&tally));
	cli_release(&c);
	return rc;
}
