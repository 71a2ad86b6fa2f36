/* cli.c - shared command glue; see cli.h. */
#define _GNU_SOURCE
#include "cli.h"

#include <errno.h>
#include <stdint.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

const char *const cli_text_formats[] = { "text", "json", "jsonl", NULL };
const char *const cli_hit_formats[] = { "text", "table", "tsv", "csv", "json", "jsonl", NULL };

static void print_warning(struct desk *d, const char *msg)
{
	struct cli *c = d->warn_arg;
	if (!c->quiet)
		fprintf(stderr, "%s: warning: %s\n", c->prog, msg);
}

void cli_init(struct cli *c, const char *prog, const char *summary, const char *synopsis,
	      const struct cli_opt *opts)
{
	memset(c, 0, sizeof *c);
	c->prog = prog;
	c->summary = summary;
	c->synopsis = synopsis;
	c->opts = opts;
	c->color = -1;
	c->init_rc = desk_init(&c->d);
	if (c->init_rc)
		snprintf(c->init_msg, sizeof c->init_msg, "%s", c->d.errmsg);
	c->d.warn = print_warning;
	c->d.warn_arg = c;
}

void cli_release(struct cli *c)
{
	desk_release(&c->d);
	free(c->longopts);
	free(c->shortopts);
	c->longopts = NULL;
	c->shortopts = NULL;
}

int cli_report(struct cli *c)
{
	fprintf(stderr, "%s: %s\n", c->prog, c->d.errmsg[0] ? c->d.errmsg : "failed");
	return c->d.err ? c->d.err : EX_SOFTWARE;
}

_Noreturn void cli_die(struct cli *c)
{
	int rc = cli_report(c);
	cli_release(c);
	exit(rc);
}

static void usage_line(struct cli *c, FILE *fp)
{
	const char *s = c->synopsis;
	int first = 1;
	while (*s) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		fprintf(fp, "%s %s %.*s\n", first ? "usage:" : "      ", c->prog, (int)n, s);
		first = 0;
		s += n + (e ? 1 : 0);
	}
}

_Noreturn void cli_usage_error(struct cli *c, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", c->prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	usage_line(c, stderr);
	cli_release(c);
	exit(EX_USAGE);
}

static void help(struct cli *c)
{
	usage_line(c, stdout);
	printf("\n%s\n\noptions:\n", c->summary);
	for (const struct cli_opt *o = c->opts; o->lng; o++) {
		char left[64];
		char arg[24] = "";
		if (o->arg == CLI_ARG)
			snprintf(arg, sizeof arg, " %s", o->argname);
		else if (o->arg == CLI_OPTARG)
			snprintf(arg, sizeof arg, "[=%s]", o->argname);
		if (o->shrt < 256)
			snprintf(left, sizeof left, "-%c, --%s%s", o->shrt, o->lng, arg);
		else
			snprintf(left, sizeof left, "    --%s%s", o->lng, arg);
		printf("  %-26s %s\n", left, o->help);
	}
	printf("\nSee %s(1).\n", c->prog);
}

/* One line per option for the completion scripts:
 * SHORT<TAB>LONG<TAB>ARGNAME<TAB>HELP, "-" where absent; ARGNAME is
 * written [WHEN] for an optional value and ends in "..." when the option
 * may be repeated. Then one line ARGS<TAB>KIND for the operands. */
static void list_options(struct cli *c)
{
	for (const struct cli_opt *o = c->opts; o->lng; o++) {
		char s[4] = "-";
		if (o->shrt < 256)
			snprintf(s, sizeof s, "-%c", o->shrt);
		char arg[40] = "-";
		if (o->arg == CLI_ARG)
			snprintf(arg, sizeof arg, "%s", o->argname);
		else if (o->arg == CLI_OPTARG)
			snprintf(arg, sizeof arg, "[%s]", o->argname);
		if (o->arg && strstr(o->help, "repeatable"))
			strcat(arg, "...");
		printf("%s\t--%s\t%s\t%s\n", s, o->lng, arg, o->help);
	}
	/* the operands: ARGS<TAB>KIND, KIND one of ids, filter, agent ids,
	 * login, team, customer, articles, query, ticket article, paths, none */
	printf("ARGS\t%s\n", c->operands ? c->operands : "none");
}

static void build_getopt(struct cli *c)
{
	size_t n = 0;
	while (c->opts[n].lng)
		n++;
	c->longopts = calloc(n + 3, sizeof *c->longopts);
	c->shortopts = calloc(2 * n + 4, 3);
	if (!c->longopts || !c->shortopts)
		abort();
	char *sp = c->shortopts;
	*sp++ = ':';
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct cli_opt *o = &c->opts[i];
		c->longopts[k++] = (struct option){ o->lng,
			o->arg == CLI_ARG ? required_argument : o->arg == CLI_OPTARG ? optional_argument : no_argument,
			NULL, o->shrt };
		if (o->shrt < 256) {
			*sp++ = (char)o->shrt;
			if (o->arg == CLI_ARG)
				*sp++ = ':';
			else if (o->arg == CLI_OPTARG) {
				*sp++ = ':';
				*sp++ = ':';
			}
		}
	}
	c->longopts[k++] = (struct option){ "list-options", no_argument, NULL, CLI_LIST_OPTIONS };
	c->longopts[k++] = (struct option){ "complete", required_argument, NULL, CLI_COMPLETE };
}

static void complete_now(struct cli *c);

/* The option of the table that a word names, or NULL. */
static const struct cli_opt *find_opt(const struct cli *c, const char *w)
{
	for (const struct cli_opt *o = c->opts; o->lng; o++) {
		if (w[1] == '-') {
			size_t n = strlen(o->lng);
			if (strncmp(w + 2, o->lng, n) == 0 && w[2 + n] == '\0')
				return o;
		} else if (o->shrt < 256 && w[1] == o->shrt) {
			return o;
		}
	}
	return NULL;
}

/*
 * Filter words such as -tag:spam look like options. Move the options (and
 * their values) to the front and the words behind them, keeping order, and
 * let getopt see only the options, so they may still come anywhere:
 * ticket-list -tag:spam -o json status:open.
 */
static void protect_filter_words(struct cli *c, int argc, char **argv)
{
	char **opts = calloc((size_t)argc + 1, sizeof *opts);
	char **words = calloc((size_t)argc + 1, sizeof *words);
	int no = 0, nw = 0, i;
	if (!opts || !words)
		abort();
	for (i = 1; i < argc; i++) {
		char *w = argv[i];
		if (strcmp(w, "--") == 0) {
			for (i++; i < argc; i++)
				words[nw++] = argv[i];
			break;
		}
		if (strcmp(w, "--complete") == 0 && i + 1 < argc) {
			opts[no++] = w;
			opts[no++] = argv[++i];
			continue;
		}
		const struct cli_opt *o = w[0] == '-' && w[1] ? find_opt(c, w) : NULL;
		int filterish = w[0] == '-' && strchr(w, ':') && w[1] != '-';
		if (w[0] != '-' || !w[1] || (filterish && !(o && w[2] == '\0'))) {
			words[nw++] = w;
			continue;
		}
		opts[no++] = w;
		/* an option's value in the next word: "--db F", "-n 5", and in a
		 * cluster of letters "-Ho tsv", where the first letter that takes
		 * a value takes the rest of the word or, at its end, the next */
		int takes_next = 0;
		if (w[1] == '-') {
			takes_next = o && o->arg == CLI_ARG && !strchr(w, '=');
		} else {
			for (const char *l = w + 1; *l; l++) {
				char one[3] = { '-', *l, '\0' };
				const struct cli_opt *lo = find_opt(c, one);
				if (!lo)
					break;
				if (lo->arg == CLI_ARG) {
					takes_next = l[1] == '\0';
					break;
				}
			}
		}
		if (takes_next && i + 1 < argc)
			opts[no++] = argv[++i];
	}
	int k = 1;
	for (i = 0; i < no; i++)
		argv[k++] = opts[i];
	for (i = 0; i < nw; i++)
		argv[k++] = words[i];
	free(opts);
	free(words);
	/* getopt sees only the options; the words follow at optind */
	c->argc_fixed = 1 + no;
}

int cli_getopt(struct cli *c, int argc, char **argv)
{
	if (!c->longopts) {
		build_getopt(c);
		opterr = 0;
		if (c->filter_words)
			protect_filter_words(c, argc, argv);
	}
	if (c->argc_fixed)
		argc = c->argc_fixed;
	for (;;) {
		int ch = getopt_long(argc, argv, c->shortopts, c->longopts, NULL);
		switch (ch) {
		case -1:
			if (c->complete)
				complete_now(c);
			return -1;
		case '?':
			if (optopt && optopt < 256)
				cli_usage_error(c, "unknown option '-%c'", optopt);
			cli_usage_error(c, "unknown option '%s'", argv[optind - 1]);
		case ':':
			if (optopt && optopt < 256)
				cli_usage_error(c, "option '-%c' needs a value", optopt);
			cli_usage_error(c, "option '%s' needs a value", argv[optind - 1]);
		case 'h':
			help(c);
			ch = cli_finish_stdout(c, 0);
			cli_release(c);
			exit(ch);
		case CLI_VERSION:
			printf("%s (deskutils) %s\n", c->prog, DESK_VERSION);
			ch = cli_finish_stdout(c, 0);
			cli_release(c);
			exit(ch);
		case CLI_LIST_OPTIONS:
			list_options(c);
			cli_release(c);
			exit(0);
		case CLI_COMPLETE:
			c->complete = optarg;
			break;
		case CLI_DB:
			c->db_path = optarg;
			break;
		case 'q':
			c->quiet = 1;
			break;
		case 'H':
			c->header = 1;
			break;
		case 'o':
			if (desk_format_parse(optarg, &c->format) ||
			    (c->format == DESK_FMT_TEXT && !c->text_format))
				cli_usage_error(c, "unknown output format '%s' (table, tsv, csv, json, jsonl)", optarg);
			break;
		case CLI_COLOR:
			if (!optarg || strcmp(optarg, "always") == 0)
				c->color = 1;
			else if (strcmp(optarg, "never") == 0)
				c->color = 0;
			else if (strcmp(optarg, "auto") == 0)
				c->color = -1;
			else
				cli_usage_error(c, "bad --color value '%s' (auto, always, never)", optarg);
			break;
		default:
			return ch;
		}
	}
}

void cli_config(struct cli *c)
{
	if (c->init_rc) {
		desk_error(&c->d, c->init_rc, "%s", c->init_msg);
		cli_die(c);
	}
	if (desk_config_load(&c->d, NULL))
		cli_die(c);
}

static void print_list(const char *const *l)
{
	for (; *l; l++)
		puts(*l);
}

static int print_completion_id(void *arg, const struct desk_ticket_row *r)
{
	(void)arg;
	printf("%lld\t%s\n", (long long)r->id, r->subject ? r->subject : "");
	return 0;
}

static int print_completion_agent(void *arg, const struct desk_agent *a)
{
	(void)arg;
	printf("%s\t%s\n", a->login, a->name ? a->name : "");
	return 0;
}

static int print_completion_team(void *arg, const struct desk_team *t)
{
	(void)arg;
	printf("%s\t%s\n", t->name, t->description ? t->description : "");
	return 0;
}

/* --complete WHAT: values for the completion scripts, asked of the tool. */
static void complete(struct cli *c)
{
	static const char *const formats[] = { "table", "tsv", "csv", "json", "jsonl", NULL };
	const char *w = c->complete;
	int rc = 0;
	if (strcmp(w, "statuses") == 0)
		print_list(desk_statuses);
	else if (strcmp(w, "priorities") == 0)
		print_list(desk_priorities);
	else if (strcmp(w, "channels") == 0)
		print_list(desk_channels);
	else if (strcmp(w, "types") == 0)
		print_list(desk_types);
	else if (strcmp(w, "formats") == 0)
		print_list(c->formats ? c->formats : formats);
	else if (strcmp(w, "agents") == 0)
		rc = desk_agent_list(&c->d, NULL, 0, print_completion_agent, NULL);
	else if (strcmp(w, "teams") == 0)
		rc = desk_team_list(&c->d, print_completion_team, NULL);
	else if (strcmp(w, "roles") == 0)
		print_list(desk_roles);
	else if (strcmp(w, "calendars") == 0) {
		const struct desk_policy *p;
		if ((rc = desk_policy_current(&c->d, &p)) == 0)
			for (size_t i = 0; i < p->ncals; i++)
				printf("%s\t%s\n", desk_calendar_name(p->cals[i]), desk_calendar_zone(p->cals[i]));
	} else if (strcmp(w, "policy-commands") == 0) {
		static const char *const subs[] = { "check", "load", "show", "log", "diff", NULL };
		print_list(subs);
	}
	else if (strcmp(w, "ids") == 0) {
		struct desk_filter *f = NULL;
		char *words[] = { "status:unsolved", "sort:-updated" };
		if (desk_filter_parse(&c->d, 2, words, &f) == 0) {
			f->limit = 200;
			rc = desk_ticket_list(&c->d, f, 0, print_completion_id, NULL);
		}
		desk_filter_free(f);
	} else {
		cli_usage_error(c, "cannot complete '%s' (statuses, priorities, channels, types, formats, "
				"roles, ids, agents, teams, calendars, policy-commands)", w);
	}
	cli_release(c);
	exit(rc ? EX_SOFTWARE : 0);
}

void cli_open(struct cli *c, int flags)
{
	cli_config(c);
	if (desk_open(&c->d, c->db_path, flags))
		cli_die(c);
	/* The team policy in force, read once for the whole process. A stored
	 * version this build cannot read (EX_CONFIG) is remembered and
	 * reported by what needs the policy; the rest of the desk still works. */
	int rc = desk_policy_current(&c->d, NULL);
	if (rc && rc != EX_CONFIG)
		cli_die(c);
}

/* --complete WHAT, answered as soon as the options are read, so a command's
 * own required options do not stand in the way; never creates a database. */
static void complete_now(struct cli *c)
{
	if (strcmp(c->complete, "ids") == 0 || strcmp(c->complete, "agents") == 0 ||
	    strcmp(c->complete, "teams") == 0 || strcmp(c->complete, "calendars") == 0) {
		if (c->init_rc || desk_config_load(&c->d, NULL) ||
		    desk_open(&c->d, c->db_path, DESK_OPEN_READ)) {
			cli_release(c);
			exit(0);
		}
	}
	complete(c);
}

int cli_color(struct cli *c)
{
	if (c->color >= 0)
		return c->color;
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
	if (nc && *nc)
		return 0;
	if (term && strcmp(term, "dumb") == 0)
		return 0;
	return isatty(STDOUT_FILENO);
}

void cli_out_opts(struct cli *c, struct desk_out_opts *o, enum desk_format text_default)
{
	memset(o, 0, sizeof *o);
	o->format = c->format;
	o->header = c->header;
	int tty = isatty(STDOUT_FILENO);
	if (o->format == DESK_FMT_AUTO)
		o->format = text_default != DESK_FMT_AUTO ? text_default : tty ? DESK_FMT_TABLE : DESK_FMT_TSV;
	o->color = cli_color(c);
	if (tty) {
		struct winsize ws;
		if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
			o->width = ws.ws_col;
	}
	const char *cols = getenv("COLUMNS");
	if (!o->width && cols && atoi(cols) > 0 && tty)
		o->width = atoi(cols);
}

/* Read all of fp into *body; exits on errors and oversize input. */
static void read_all(struct cli *c, FILE *fp, const char *what, char **body, size_t *len)
{
	if (desk_read_stream(&c->d, fp, what, DESK_BODY_MAX, body, len))
		cli_die(c);
}

char *cli_edit_text(struct cli *c, const char *initial, size_t len, const char *suffix, char **path,
		    size_t *outlen)
{
	const char *ed = getenv("VISUAL");
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	const char *tmp = getenv("TMPDIR");
	*path = desk_xasprintf("%s/desk-XXXXXX%s", tmp && *tmp ? tmp : "/tmp", suffix);
	int fd = mkstemps(*path, (int)strlen(suffix));
	if (fd < 0) {
		desk_error(&c->d, EX_CANTCREAT, "cannot create a temporary file '%s': %s", *path, strerror(errno));
		cli_die(c);
	}
	FILE *fp = fdopen(fd, "w");
	if (!fp || fwrite(initial, 1, len, fp) != len || fclose(fp) != 0) {
		desk_error(&c->d, EX_IOERR, "cannot write '%s': %s", *path, strerror(errno));
		unlink(*path);
		cli_die(c);
	}
	char *cmd = desk_xasprintf("%s \"$1\"", ed);
	pid_t pid = fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, "sh", *path, (char *)NULL);
		_exit(127);
	}
	free(cmd);
	int status = 0;
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		unlink(*path);
		desk_error(&c->d, EX_DATAERR, "editor '%s' failed: nothing written", ed);
		cli_die(c);
	}
	char *text;
	if (desk_read_file(&c->d, *path, DESK_BODY_MAX + (1 << 20), &text, outlen))
		cli_die(c);
	return text;
}

static void edit_body(struct cli *c, char **body, size_t *len)
{
	char *path;
	*body = cli_edit_text(c, "", 0, ".md", &path, len);
	unlink(path);
	free(path);
}

void cli_read_body(struct cli *c, const char *m, char **body, size_t *len)
{
	if (m) {
		*body = desk_xstrdup(m);
		*len = strlen(m);
	} else if (!isatty(STDIN_FILENO)) {
		read_all(c, stdin, "the message from stdin", body, len);
	} else {
		edit_body(c, body, len);
	}
	/* trailing newlines are the editor's and the shell's, not the writer's */
	while (*len > 0 && ((*body)[*len - 1] == '\n' || (*body)[*len - 1] == '\r'))
		(*body)[--*len] = '\0';
	if (desk_body_check(&c->d, *body, *len)) {
		free(*body);
		*body = NULL;
		cli_die(c);
	}
}

void cli_tally_ok(struct cli_tally *t)
{
	t->ok++;
}

void cli_tally_fail(struct cli *c, struct cli_tally *t)
{
	int rc = cli_report(c);
	if (t->failed == 0)
		t->status = rc;
	else if (t->status != rc)
		t->status = DESK_PARTIAL;
	t->failed++;
	desk_clear_error(&c->d);
}

int cli_tally_status(const struct cli_tally *t)
{
	if (!t->failed)
		return 0;
	return t->ok ? DESK_PARTIAL : t->status;
}

static int fatal_status(int rc)
{
	return rc == EX_TEMPFAIL || rc == EX_IOERR || rc == EX_SOFTWARE || rc == EX_NOPERM ||
	       rc == EX_CANTCREAT;
}

int cli_each_id(struct cli *c, int argc, char **argv,
		int (*fn)(struct cli *c, int64_t id, void *arg), void *arg)
{
	struct cli_tally tally = { 0, 0, 0 };
	struct desk_idreader r;
	int64_t id;
	int rc;

	const char *noun = c->id_noun ? c->id_noun : "ticket";
	if (optind >= argc && isatty(STDIN_FILENO))
		cli_usage_error(c, "no %s ids (give them as arguments or on stdin)", noun);
	desk_ids_init(&r, argc - optind, argv + optind, stdin);
	r.noun = noun;
	while ((rc = desk_ids_next(&c->d, &r, &id)) != DESK_IDS_END) {
		if (rc == 0)
			rc = fn(c, id, arg);
		if (rc == 0) {
			cli_tally_ok(&tally);
			continue;
		}
		if (fatal_status(rc)) {
			desk_ids_release(&r);
			cli_die(c);
		}
		cli_tally_fail(c, &tally);
	}
	desk_ids_release(&r);
	return cli_tally_status(&tally);
}

long cli_count(struct cli *c, const char *opt, const char *s)
{
	char *end;
	errno = 0;
	long n = strtol(s, &end, 10);
	if (*end || errno || n <= 0 || end == s)
		cli_usage_error(c, "bad %s '%s' (a whole number above 0)", opt, s);
	return n;
}

static int set_status(struct cli *c, int64_t id, void *arg)
{
	struct desk_ticket_change ch = { .status = arg };
	return desk_ticket_update(&c->d, id, &ch);
}

static const struct cli_opt status_opts[] = {
	CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

int cli_status_command(int argc, char **argv, const char *prog, const char *summary, const char *status)
{
	struct cli c;
	cli_init(&c, prog, summary, "[--db FILE] [ID...]", status_opts);
	c.operands = "ids";
	while (cli_getopt(&c, argc, argv) != -1)
		;
	cli_open(&c, DESK_OPEN_READ);
	int rc = cli_finish_stdout(&c, cli_each_id(&c, argc, argv, set_status, (void *)status));
	cli_release(&c);
	return rc;
}

struct message_job {
	struct desk_message_draft m;
	int print_id;
};

static int add_one_message(struct cli *c, int64_t id, void *arg)
{
	struct message_job *j = arg;
	int64_t got = id;
	int rc = desk_ticket_add_message(&c->d, id, &j->m, &got);
	if (rc == 0 && j->print_id)
		printf("%lld\n", (long long)got);
	return rc;
}

static const struct cli_opt message_opts[] = {
	{ "message", 'm', CLI_ARG, "TEXT", "the message (else stdin, else $EDITOR)" },
	{ "status", 's', CLI_ARG, "STATUS", "then set this status" },
	CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

static const struct cli_opt comment_opts[] = {
	{ "message", 'm', CLI_ARG, "TEXT", "the message (else stdin, else $EDITOR)" },
	{ "author", 'a', CLI_ARG, "EMAIL", "who wrote it (default: the requester)" },
	{ "status", 's', CLI_ARG, "STATUS", "then set this status" },
	CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

int cli_message_command(int argc, char **argv, enum desk_msg_kind kind)
{
	struct cli c;
	struct message_job j = { { .kind = kind }, kind == DESK_MSG_CUSTOMER };
	const char *m = NULL;
	char *body = NULL;
	int ch;

	if (kind == DESK_MSG_REPLY)
		cli_init(&c, "ticket-reply", "Add a public reply from you to tickets.",
			 "[-s STATUS] [--db FILE] -m TEXT [ID...]\n[-s STATUS] [--db FILE] ID", message_opts);
	else if (kind == DESK_MSG_NOTE)
		cli_init(&c, "ticket-note", "Add an internal note to tickets; it is never a response.",
			 "[-s STATUS] [--db FILE] -m TEXT [ID...]\n[-s STATUS] [--db FILE] ID", message_opts);
	else
		cli_init(&c, "ticket-comment", "Record a message from the customer on tickets.",
			 "[-a EMAIL] [-s STATUS] [--db FILE] -m TEXT [ID...]\n[-a EMAIL] [-s STATUS] [--db FILE] ID",
			 comment_opts);
	c.operands = "ids";
	while ((ch = cli_getopt(&c, argc, argv)) != -1) {
		switch (ch) {
		case 'm': m = optarg; break;
		case 's': j.m.status = optarg; break;
		case 'a': j.m.author = optarg; break;
		}
	}
	if (j.m.status && (!desk_status_valid(j.m.status) || strcmp(j.m.status, "new") == 0))
		cli_usage_error(&c, "bad status '%s' after a message (open, pending, on-hold, solved, closed)",
				j.m.status);
	/* without -m the body comes from stdin or an editor: one ticket only */
	if (!m && argc - optind != 1)
		cli_usage_error(&c, "give one ticket id, or the message with -m for several");
	if (!m) {
		int64_t id;
		if (desk_id_parse(argv[optind], &id)) {
			desk_error(&c.d, EX_DATAERR, "bad ticket id '%s'", argv[optind]);
			cli_die(&c);
		}
	}
	cli_open(&c, DESK_OPEN_READ);
	cli_read_body(&c, m, &body, &j.m.len);
	j.m.body = body;
	int rc = cli_each_id(&c, argc, argv, add_one_message, &j);
	free(body);
	rc = cli_finish_stdout(&c, rc);
	cli_release(&c);
	return rc;
}

struct desk_out *cli_list_begin(struct cli *c, const struct desk_column *cols, int ncols,
				struct desk_out_opts *oo)
{
	struct desk_out_opts opts;
	cli_out_opts(c, &opts, DESK_FMT_AUTO);
	if (oo)
		*oo = opts;
	return desk_out_new(stdout, &opts, cols, ncols);
}

int cli_list_end(struct cli *c, struct desk_out *o, int rc)
{
	if (!rc)
		rc = desk_out_finish(o);
	desk_out_free(o);
	if (rc && rc != EX_IOERR)
		cli_die(c);
	return cli_finish_stdout(c, rc);
}

int cli_finish_stdout(struct cli *c, int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout) || rc == EX_IOERR) {
		fprintf(stderr, "%s: cannot write to stdout: %s\n", c->prog, strerror(errno));
		return EX_IOERR;
	}
	return rc;
}

static const struct desk_column hit_cols[] = {
	{ "id", "ID", DESK_COL_INT, 0 },
	{ "title", "TITLE", DESK_COL_TEXT, DESK_COL_SHRINK },
	{ "score", "SCORE", DESK_COL_REAL, 0 },
	{ "snippet", "SNIPPET", DESK_COL_TEXT, DESK_COL_SHRINK },
	{ "status", "STATUS", DESK_COL_TEXT, DESK_COL_JSON_ONLY },
	{ "audience", "AUDIENCE", DESK_COL_TEXT, DESK_COL_JSON_ONLY },
	{ "lang", "LANG", DESK_COL_TEXT, DESK_COL_JSON_ONLY },
};

#define MARK_OPEN "\x01"
#define MARK_CLOSE "\x02"

void cli_hits_begin(struct cli *c, struct cli_hits *h, struct desk_kb_search_opts *opts)
{
	struct desk_out_opts oo;
	memset(h, 0, sizeof *h);
	h->c = c;
	cli_out_opts(c, &oo, isatty(STDOUT_FILENO) ? DESK_FMT_TEXT : DESK_FMT_AUTO);
	h->fmt = c->format == DESK_FMT_AUTO ? oo.format : c->format;
	h->color = oo.color;
	if (h->fmt == DESK_FMT_TEXT) {
		opts->mark_open = MARK_OPEN;
		opts->mark_close = MARK_CLOSE;
	} else if (h->fmt == DESK_FMT_JSON || h->fmt == DESK_FMT_JSONL) {
		opts->mark_open = opts->mark_close = NULL;
	} else {
		opts->mark_open = "[";
		opts->mark_close = "]";
	}
	if (h->fmt != DESK_FMT_TEXT) {
		oo.format = h->fmt;
		h->out = desk_out_new(stdout, &oo, hit_cols, (int)(sizeof hit_cols / sizeof hit_cols[0]));
	}
}

/* A snippet on one line: newlines and tabs become spaces. */
static char *one_line(const char *s)
{
	char *t = desk_xstrdup(s);
	for (char *p = t; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	return t;
}

int cli_hits_row(void *arg, const struct desk_kb_hit *hit)
{
	struct cli_hits *h = arg;
	char score[32];
	char *snip = one_line(hit->snippet);
	snprintf(score, sizeof score, "%.2f", hit->score);
	h->n++;
	if (h->out) {
		desk_out_int(h->out, hit->id);
		desk_out_text(h->out, hit->title);
		desk_out_real(h->out, hit->score);
		desk_out_text(h->out, snip);
		desk_out_text(h->out, hit->status);
		desk_out_text(h->out, hit->audience);
		desk_out_text(h->out, hit->lang);
		free(snip);
		return desk_out_row_end(h->out);
	}
	/* text: like grep -n: the id and title, then the snippet indented */
	printf("%s%lld%s  ", h->color ? "\033[1m" : "", (long long)hit->id, h->color ? "\033[0m" : "");
	desk_put_text(stdout, hit->title);
	printf("  (%s%s%s)\n    ", score, strcmp(hit->status, "published") ? ", " : "",
	       strcmp(hit->status, "published") ? hit->status : "");
	for (char *p = snip, *q; *p; p = q) {
		q = p + strcspn(p, MARK_OPEN MARK_CLOSE);
		char save = *q;
		*q = '\0';
		desk_put_text(stdout, p);
		*q = save;
		if (!*q)
			break;
		if (*q == MARK_OPEN[0])
			fputs(h->color ? "\033[1;31m" : "[", stdout);
		else
			fputs(h->color ? "\033[0m" : "]", stdout);
		q++;
	}
	putchar('\n');
	free(snip);
	return ferror(stdout) ? EX_IOERR : 0;
}

int cli_hits_end(struct cli_hits *h)
{
	int rc = 0;
	if (h->out) {
		rc = desk_out_finish(h->out);
		desk_out_free(h->out);
		h->out = NULL;
	}
	return rc;
}
