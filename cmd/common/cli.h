/*
 * cli.h - what every command's main() shares: one option table that drives
 * getopt_long, --help and shell completion; the common options; printing
 * errors as "command: message" and exiting with the sysexits status.
 * This glue prints and exits, so it lives beside the commands, not in libdesk.
 */
#ifndef DESK_CLI_H
#define DESK_CLI_H

#include <stdio.h>

#include "desk.h"

enum cli_arg { CLI_NOARG = 0, CLI_ARG = 1, CLI_OPTARG = 2 };

struct cli_opt {
	const char *lng;   /* long name, without -- */
	int shrt;          /* short letter, or a value >= 256 for long-only */
	enum cli_arg arg;
	const char *argname; /* FORMAT, FILE, ... (also tells completion what to offer) */
	const char *help;
};

/* Values for long-only options. */
enum {
	CLI_DB = 256, CLI_VERSION, CLI_COLOR, CLI_LIST_OPTIONS, CLI_COMPLETE, CLI_FIRST_FREE,
};

/* The common options; put the ones a command takes in its table. */
#define CLI_OPT_DB { "db", CLI_DB, CLI_ARG, "FILE", "use this database file" }
#define CLI_OPT_OUTPUT { "output", 'o', CLI_ARG, "FORMAT", "table, tsv, csv, json or jsonl" }
#define CLI_OPT_HEADER { "header", 'H', CLI_NOARG, NULL, "print a header line in tsv" }
#define CLI_OPT_COLOR { "color", CLI_COLOR, CLI_OPTARG, "WHEN", "colour: auto, always or never" }
#define CLI_OPT_QUIET { "quiet", 'q', CLI_NOARG, NULL, "no warnings" }
#define CLI_OPT_HELP { "help", 'h', CLI_NOARG, NULL, "print this help and exit" }
#define CLI_OPT_VERSION { "version", CLI_VERSION, CLI_NOARG, NULL, "print the version and exit" }
#define CLI_OPT_END { NULL, 0, 0, NULL, NULL }

struct cli {
	const char *prog;
	const char *synopsis;      /* the usage line(s), as in the man page */
	const char *summary;       /* one line: what the command does */
	const struct cli_opt *opts;
	struct desk d;
	const char *db_path;       /* --db */
	int quiet;
	enum desk_format format;   /* -o, AUTO when not given */
	int header;                /* -H */
	int color;                 /* -1 auto, 0 never, 1 always */
	const char *complete;      /* --complete WHAT */
	int filter_words;          /* operands are filter words: -tag:spam is one */
	int argc_fixed;            /* argc getopt sees after protect_filter_words */
	int text_format;           /* -o text is this command's own layout */
	const char *const *formats; /* -o values for completion; NULL: the five */
	const char *id_noun;       /* what the ids name: "ticket" unless set */
	const char *operands;      /* what the operands are, for completion:
				    * "ids", "filter", "agent ids", "login", "team",
				    * "customer", "articles", "query", "ticket article",
				    * "paths", or NULL for none */
	int init_rc;               /* desk_init failed (bad $DESK_NOW): reported on use */
	char init_msg[sizeof ((struct desk *)0)->errmsg];
	struct option *longopts;
	char *shortopts;
};

/* -o values of commands with their own text layout (for completion). */
extern const char *const cli_text_formats[];  /* text json jsonl */
extern const char *const cli_hit_formats[];   /* text and the five */

/* Set up: desk_init and the warning printer. Exits on a bad $DESK_NOW. */
void cli_init(struct cli *c, const char *prog, const char *summary, const char *synopsis,
	      const struct cli_opt *opts);

/*
 * getopt_long over the command's table. The common options are handled
 * here (--help and --version exit 0); returns the option's letter (or long
 * value) for the command's own, '?' never (bad options exit 64), -1 at the
 * end of options.
 */
int cli_getopt(struct cli *c, int argc, char **argv);

/* Load the config and open the database (flags: DESK_OPEN_*). Exits on
 * failure. Also answers --complete requests, then exits. */
void cli_open(struct cli *c, int flags);

/* Load the config only (commands without a database). Exits on failure. */
void cli_config(struct cli *c);

/* Print "prog: message" for d's last error and exit with its status. */
_Noreturn void cli_die(struct cli *c);

/* Print "prog: message", the usage line, and exit 64. */
_Noreturn void cli_usage_error(struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print "prog: message" for d's last error without exiting; returns d.err. */
int cli_report(struct cli *c);

/* Output options from -o/-H/--color and the terminal; AUTO becomes table
 * on a terminal, else tsv (or `text_default` when that is not AUTO). */
void cli_out_opts(struct cli *c, struct desk_out_opts *o, enum desk_format text_default);

/* 1 when colour is on for stdout. */
int cli_color(struct cli *c);

/*
 * A message body: m when not NULL, else stdin when it is not a terminal,
 * else $VISUAL/$EDITOR on a temporary file. *body is allocated (the caller
 * frees it). Exits 65 on an empty or invalid body, 74 on read errors.
 */
void cli_read_body(struct cli *c, const char *m, char **body, size_t *len);

/*
 * Open $VISUAL/$EDITOR on a temporary file (name ending in suffix) that
 * holds initial[0..len), and return what was saved (allocated; *outlen
 * bytes). *path is the temporary file, allocated and still on disk: the
 * caller removes it, or keeps it when the text cannot be used. Exits when
 * the editor fails (65) or the file cannot be made (73, 74).
 */
char *cli_edit_text(struct cli *c, const char *initial, size_t len, const char *suffix, char **path,
		    size_t *outlen);

/* Free what cli_init and cli_open allocated. */
void cli_release(struct cli *c);



/* Outcome of a command that works through several items (ids): exit 0
 * when all went well; when some failed, the one status they share if none
 * succeeded (66 for a single missing ticket, like cat), else 1. */
struct cli_tally {
	int ok, failed, status;
};
void cli_tally_ok(struct cli_tally *t);
/* Report d's error (prog: message) and count the failure. */
void cli_tally_fail(struct cli *c, struct cli_tally *t);
int cli_tally_status(const struct cli_tally *t);
/*
 * Run fn for each ticket id: argv[optind..argc) or, when there are none and
 * stdin is not a terminal, stdin (else exit 64). Failures are reported and
 * tallied; a lock timeout, i/o or internal error stops at once with its
 * status (each id is its own transaction: those before it are done).
 * Returns the exit status.
 */
int cli_each_id(struct cli *c, int argc, char **argv,
		int (*fn)(struct cli *c, int64_t id, void *arg), void *arg);

/* main() of ticket-reply, ticket-note and ticket-comment. */
int cli_message_command(int argc, char **argv, enum desk_msg_kind kind);

/* Start a listing on stdout with the command's -o, -H and --color (oo,
 * when not NULL, receives the options chosen). Allocated; cli_list_end
 * frees it. */
struct desk_out *cli_list_begin(struct cli *c, const struct desk_column *cols, int ncols,
				struct desk_out_opts *oo);

/* End a listing; rc is what producing it returned. A library error is
 * printed and exits with its status; otherwise the status is 0, or 74 with
 * a message when stdout could not be written. Frees o. */
int cli_list_end(struct cli *c, struct desk_out *o, int rc);

/* Flush stdout; on failure say so and return EX_IOERR, else rc. */
int cli_finish_stdout(struct cli *c, int rc);

/* main() of ticket-close and ticket-reopen: move each ticket to status. */
int cli_status_command(int argc, char **argv, const char *prog, const char *summary, const char *status);

/* Parse -n N style counts: a whole number above 0, else exit 64. */
long cli_count(struct cli *c, const char *opt, const char *s);

/* Search hits (kb-search, kb-suggest): text on a terminal (colour
 * highlights), else the chosen format; see kb-search(1). */
struct cli_hits {
	struct cli *c;
	enum desk_format fmt;
	int color;
	struct desk_out *out;
	long n;
};
/* Set up hits output and the snippet marks in opts. */
void cli_hits_begin(struct cli *c, struct cli_hits *h, struct desk_kb_search_opts *opts);
/* The callback for desk_kb_search and desk_kb_suggest. */
int cli_hits_row(void *arg, const struct desk_kb_hit *hit);
/* Finish; returns EX_IOERR when output failed, else 0. */
int cli_hits_end(struct cli_hits *h);

#endif
