/* desk-policy - check, load, show and compare the team policy (desk-policy(5)). */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_VERSION_N = CLI_FIRST_FREE, OPT_AT };

static const struct cli_opt opts[] = {
	{ "version-number", OPT_VERSION_N, CLI_ARG, "N", "show: version N (also --version N)" },
	{ "at", OPT_AT, CLI_ARG, "TIME", "show: the version in force at TIME" },
	CLI_OPT_OUTPUT, CLI_OPT_HEADER, CLI_OPT_COLOR, CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP,
	CLI_OPT_VERSION, CLI_OPT_END,
};

static const struct desk_column cols[] = {
	{ "version", "VER", DESK_COL_INT, 0 },
	{ "effective", "EFFECTIVE", DESK_COL_TIME, 0 },
	{ "author", "AUTHOR", DESK_COL_TEXT, 0 },
	{ "lines", "LINES", DESK_COL_INT, 0 },
	{ "bytes", "BYTES", DESK_COL_INT, 0 },
	{ "sha256", "SHA256", DESK_COL_TEXT, DESK_COL_SHRINK },
	{ "source", "SOURCE", DESK_COL_TEXT, DESK_COL_SHRINK },
	{ "real_at", "REAL_AT", DESK_COL_TIME, DESK_COL_JSON_ONLY },
};

/* Read FILE (or - for stdin) as a policy document: 66 when missing, 78
 * when larger than the policy may be. */
static char *read_doc(struct cli *c, const char *path, size_t *len)
{
	char *text = NULL;
	int rc = strcmp(path, "-") == 0
		? desk_read_stream(&c->d, stdin, "stdin", DESK_POLICY_MAX_BYTES, &text, len)
		: desk_read_file(&c->d, path, DESK_POLICY_MAX_BYTES, &text, len);
	if (rc == EX_DATAERR)
		desk_error(&c->d, EX_CONFIG, "%s: larger than %d MiB: the team policy is limited to %d MiB",
			   path, DESK_POLICY_MAX_BYTES >> 20, DESK_POLICY_MAX_BYTES >> 20);
	if (rc)
		cli_die(c);
	return text;
}

/* Every problem on its own line, then the status. */
static int report_diag(struct cli *c, struct desk_diag *g, int rc)
{
	if (g->n == 0)
		return cli_report(c);
	for (size_t i = 0; i < g->n; i++)
		fprintf(stderr, "%s: %s\n", c->prog, g->v[i]);
	return rc;
}

static int cmd_check(struct cli *c, const char *path)
{
	size_t len;
	struct desk_diag g = { NULL, 0 };
	struct desk_policy *p = NULL;
	cli_config(c);
	char *text = read_doc(c, path, &len);
	int rc = desk_policy_parse(&c->d, strcmp(path, "-") == 0 ? "stdin" : path, text, len, 1, &p, &g);
	if (rc)
		rc = report_diag(c, &g, rc);
	desk_policy_free(p);
	desk_diag_release(&g);
	free(text);
	return rc;
}

static int cmd_load(struct cli *c, const char *path)
{
	size_t len;
	int64_t version = 0;
	int unchanged = 0;
	struct desk_diag g = { NULL, 0 };
	char *text = read_doc(c, path, &len);
	const char *name = strcmp(path, "-") == 0 ? "stdin" : path;
	/* the whole check comes before the database is touched: a bad
	 * document leaves no database behind */
	struct desk_policy *checked = NULL;
	cli_config(c);
	int crc = desk_policy_parse(&c->d, name, text, len, 1, &checked, &g);
	desk_policy_free(checked);
	if (crc) {
		crc = report_diag(c, &g, crc);
		desk_diag_release(&g);
		free(text);
		return crc;
	}
	desk_diag_release(&g);
	cli_open(c, DESK_OPEN_CREATE);
	/* the store checks again: its warnings were printed already */
	void (*warn)(struct desk *, const char *) = c->d.warn;
	c->d.warn = NULL;
	int rc = desk_policy_store(&c->d, name, text, len, &version, &unchanged, &g);
	c->d.warn = warn;
	if (rc) {
		rc = rc == EX_CONFIG ? report_diag(c, &g, rc) : cli_report(c);
	} else {
		printf("%lld\n", (long long)version);
		if (unchanged && !c->quiet)
			fprintf(stderr, "%s: unchanged: the text is version %lld's; nothing stored\n", c->prog,
				(long long)version);
		rc = cli_finish_stdout(c, 0);
	}
	desk_diag_release(&g);
	free(text);
	return rc;
}

static int cmd_show(struct cli *c, int64_t n, const char *at)
{
	char *text = NULL;
	size_t len = 0;
	int rc;
	cli_open(c, DESK_OPEN_READ);
	if (!n) {
		/* the version in force now, or at TIME */
		time_t t = c->d.now;
		if ((at && desk_time_parse(&c->d, at, &t)) || desk_policy_version_at(&c->d, t, &n))
			cli_die(c);
		if (n == 0) {
			if (at)
				desk_error(&c->d, EX_NOINPUT, "no team policy was in force at '%s'", at);
			else
				desk_error(&c->d, EX_NOINPUT, "no team policy loaded (desk-policy load FILE)");
			cli_die(c);
		}
	}
	if ((rc = desk_policy_text(&c->d, n, &text, &len, NULL)))
		cli_die(c);
	fwrite(text, 1, len, stdout);
	free(text);
	return cli_finish_stdout(c, 0);
}

static int log_row(void *arg, const struct desk_policy_version *v)
{
	struct desk_out *o = arg;
	desk_out_int(o, v->version);
	desk_out_time(o, v->effective);
	desk_out_text(o, v->author);
	desk_out_int(o, v->lines);
	desk_out_int(o, (int64_t)v->size);
	desk_out_text(o, v->sha256);
	desk_out_text(o, v->source);
	desk_out_time(o, v->real_at);
	return desk_out_row_end(o);
}

static int cmd_log(struct cli *c)
{
	cli_open(c, DESK_OPEN_READ);
	struct desk_out *o = cli_list_begin(c, cols, (int)(sizeof cols / sizeof cols[0]), NULL);
	return cli_list_end(c, o, desk_policy_log(&c->d, log_row, o));
}

/* A side of a diff: a version number, or a file. */
struct side {
	char *text;
	size_t len;
	char *label;
};

static int64_t version_word(struct cli *c, const char *w)
{
	int64_t n = 0;
	if (!*w)
		return -1;
	for (const char *p = w; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		n = n * 10 + (*p - '0');
		if (n > 1000000000)
			cli_usage_error(c, "bad version '%s'", w);
	}
	if (n == 0)
		cli_usage_error(c, "bad version '%s' (versions count from 1)", w);
	return n;
}

static void load_side(struct cli *c, const char *w, int64_t n, struct side *s)
{
	if (!w || version_word(c, w) > 0) {
		if (w)
			n = version_word(c, w);
		if (desk_policy_text(&c->d, n, &s->text, &s->len, &n))
			cli_die(c);
		s->label = desk_xasprintf("policy version %lld", (long long)n);
	} else {
		s->text = read_doc(c, w, &s->len);
		s->label = desk_xstrdup(w);
	}
}

static int cmd_diff(struct cli *c, int nargs, char **args)
{
	struct side a = { 0 }, b = { 0 };
	struct desk_buf out = DESK_BUF_INIT;
	cli_open(c, DESK_OPEN_READ);
	int64_t latest = 0;
	char *t = NULL;
	size_t tl;
	if (desk_policy_text(&c->d, 0, &t, &tl, &latest))
		cli_die(c);
	free(t);
	if (nargs == 0) {
		if (latest < 2) {
			desk_error(&c->d, EX_NOINPUT, "only one policy version: nothing to compare");
			cli_die(c);
		}
		load_side(c, NULL, latest - 1, &a);
		load_side(c, NULL, latest, &b);
	} else if (nargs == 1 && version_word(c, args[0]) < 0) {
		/* a file alone: what loading it would change */
		load_side(c, NULL, latest, &a);
		load_side(c, args[0], 0, &b);
	} else {
		load_side(c, args[0], 0, &a);
		load_side(c, nargs > 1 ? args[1] : NULL, latest, &b);
	}
	desk_textdiff_unified(a.text, a.len, a.label, b.text, b.len, b.label, 3, &out);
	if (out.len)
		fwrite(out.s, 1, out.len, stdout);
	desk_buf_free(&out);
	free(a.text);
	free(a.label);
	free(b.text);
	free(b.label);
	return cli_finish_stdout(c, 0);
}

/* "show --version N" names a policy version, as the issue that made this
 * command asked; --version alone still prints the program's version. */
static void version_operand(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return;
		if (strncmp(argv[i], "--version=", 10) == 0) {
			static char eq[64];
			snprintf(eq, sizeof eq, "--version-number=%s", argv[i] + 10);
			argv[i] = eq;
		} else if (strcmp(argv[i], "--version") == 0 && i + 1 < argc && argv[i + 1][0] >= '0' &&
			   argv[i + 1][0] <= '9') {
			argv[i] = "--version-number";
		}
	}
}

int main(int argc, char **argv)
{
	struct cli c;
	int64_t n = 0;
	const char *at = NULL;
	int ch;

	cli_init(&c, "desk-policy", "Check, load, show and compare the team policy kept in the database.",
		 "check FILE\n"
		 "load FILE\n"
		 "show [--version-number N | --at TIME]\n"
		 "log [-o FORMAT] [-H]\n"
		 "diff [A [B]]", opts);
	c.operands = "policy";
	version_operand(argc, argv);
	while ((ch = cli_getopt(&c, argc, argv)) != -1) {
		switch (ch) {
		case OPT_VERSION_N:
			n = version_word(&c, optarg);
			if (n < 0)
				cli_usage_error(&c, "bad version '%s'", optarg);
			break;
		case OPT_AT:
			at = optarg;
			break;
		}
	}
	if (optind >= argc)
		cli_usage_error(&c, "which: check, load, show, log or diff?");
	const char *sub = argv[optind++];
	int nargs = argc - optind, rc;
	char **args = argv + optind;
	if ((n || at) && strcmp(sub, "show") != 0)
		cli_usage_error(&c, "--version-number and --at go with show");
	if (n && at)
		cli_usage_error(&c, "--version-number or --at, not both");
	if (strcmp(sub, "check") == 0 || strcmp(sub, "load") == 0) {
		if (nargs != 1)
			cli_usage_error(&c, "%s takes one FILE (- for stdin)", sub);
		rc = sub[0] == 'c' ? cmd_check(&c, args[0]) : cmd_load(&c, args[0]);
	} else if (strcmp(sub, "show") == 0 || strcmp(sub, "log") == 0) {
		if (nargs)
			cli_usage_error(&c, "unexpected argument '%s'", args[0]);
		rc = sub[0] == 's' ? cmd_show(&c, n, at) : cmd_log(&c);
	} else if (strcmp(sub, "diff") == 0) {
		if (nargs > 2)
			cli_usage_error(&c, "diff takes at most two versions or files");
		rc = cmd_diff(&c, nargs, args);
	} else {
		cli_usage_error(&c, "unknown subcommand '%s' (check, load, show, log, diff)", sub);
	}
	cli_release(&c);
	return rc;
}
