/* kb-import - import Markdown files with front matter into the knowledge base. */
#include "cli.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* A file may hold the largest body and a header beside it. */
#define FILE_MAX (DESK_BODY_MAX + (1 << 20))

static const struct cli_opt opts[] = {
	{ "dry-run", 'n', CLI_NOARG, NULL, "check every file and say what would be done; write nothing" },
	CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

/* The progress line on stderr (a terminal), cleared before anything else
 * is printed. The command's own state, not the library's. */
static struct {
	int on, shown;
	struct timespec last;
} progress;

static void progress_clear(void)
{
	if (progress.shown) {
		fputs("\r\033[K", stderr);
		progress.shown = 0;
	}
}

static void progress_show(const char *prog, size_t done, size_t total)
{
	struct timespec now;
	if (!progress.on)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long ms = (now.tv_sec - progress.last.tv_sec) * 1000 + (now.tv_nsec - progress.last.tv_nsec) / 1000000;
	if (progress.shown && ms < 100 && done < total)
		return;
	fflush(stdout);
	fprintf(stderr, "\r%s: %zu/%zu files\033[K", prog, done, total);
	progress.shown = 1;
	progress.last = now;
}

static void print_warning(struct desk *d, const char *msg)
{
	struct cli *c = d->warn_arg;
	if (c->quiet)
		return;
	progress_clear();
	fprintf(stderr, "%s: warning: %s\n", c->prog, msg);
}

/* Articles this run created, in the order made (so ascending). A file's
 * id names an article only when the article was there before the run:
 * ids copied from another database must not update what an earlier file
 * of the same run has just created. */
static struct {
	int64_t *v;
	size_t n;
} made;

static int made_here(int64_t id)
{
	size_t lo = 0, hi = made.n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (made.v[mid] == id)
			return 1;
		if (made.v[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Errors that stop the whole import: the database, not the file. */
static int fatal_status(int rc)
{
	return rc == EX_TEMPFAIL || rc == EX_IOERR || rc == EX_SOFTWARE || rc == EX_NOPERM ||
	       rc == EX_CANTCREAT;
}

/* Import one file; *fatal is set for an error of the database (not the file). */
static int import_one(struct cli *c, const char *path, int *fatal)
{
	static const char *const said[] = { "", "created", "updated", "unchanged" };
	struct desk_frontmatter fm;
	enum desk_fm_action act;
	char *text = NULL;
	size_t len = 0;
	int64_t id;
	int rc;
	*fatal = 0;
	if ((rc = desk_read_file(&c->d, path, FILE_MAX, &text, &len)))
		return rc;
	if ((rc = desk_frontmatter_parse(&c->d, path, text, len, &fm)) == 0) {
		int64_t given = fm.id;
		int taken = given && made_here(given);
		if (taken)
			fm.id = 0;
		rc = desk_frontmatter_import(&c->d, path, &fm, &id, &act);
		*fatal = fatal_status(rc);
		desk_frontmatter_release(&fm);
		if (rc == 0 && act == DESK_FM_CREATED) {
			if (taken)
				desk_warn(&c->d, "%s: article '%lld' was created by this import from another file: "
					  "created as article '%lld'", path, (long long)given, (long long)id);
			made.v = desk_xrealloc(made.v, (made.n + 1) * sizeof *made.v);
			made.v[made.n++] = id;
		}
	}
	free(text);
	if (rc == 0) {
		progress_clear();
		printf("%lld\t%s\t%s\n", (long long)id, said[act], path);
	}
	return rc;
}

int main(int argc, char **argv)
{
	struct cli c;
	struct cli_tally tally = { 0, 0, 0 };
	struct desk_files f = { NULL, 0 };
	int ch, dry = 0, rc;

	cli_init(&c, "kb-import", "Import Markdown files with front matter into the knowledge base.",
		 "[-n] [--db FILE] PATH...", opts);
	c.operands = "paths";
	c.d.warn = print_warning;
	while ((ch = cli_getopt(&c, argc, argv)) != -1)
		if (ch == 'n')
			dry = 1;
	if (optind >= argc)
		cli_usage_error(&c, "no files or directories to import");
	/* every named path must be there before anything is written */
	for (int i = optind; i < argc; i++) {
		struct stat sb;
		if (stat(argv[i], &sb) != 0) {
			desk_error(&c.d, errno == EACCES ? EX_NOPERM : EX_NOINPUT, "cannot open '%s': %s", argv[i],
				   strerror(errno));
			cli_die(&c);
		}
		size_t before = f.n;
		if (desk_files_add(&c.d, &f, argv[i], ".md"))
			cli_die(&c);
		if (S_ISDIR(sb.st_mode) && f.n == before)
			desk_warn(&c.d, "no .md files in '%s'", argv[i]);
	}
	desk_files_dedup(&f);
	cli_open(&c, dry ? DESK_OPEN_READ : DESK_OPEN_CREATE);
	/* a dry run is the real run inside one transaction that is rolled back */
	if (dry && desk_tx_begin(&c.d))
		cli_die(&c);
	progress.on = isatty(STDERR_FILENO) && f.n > 1;
	for (size_t i = 0; i < f.n; i++) {
		int fatal;
		rc = import_one(&c, f.v[i], &fatal);
		if (rc == 0) {
			cli_tally_ok(&tally);
		} else if (fatal) {
			progress_clear();
			if (dry)
				desk_tx_end(&c.d, rc);
			cli_die(&c);
		} else {
			progress_clear();
			cli_tally_fail(&c, &tally);
		}
		progress_show(c.prog, i + 1, f.n);
	}
	progress_clear();
	if (dry) {
		desk_tx_end(&c.d, DESK_PARTIAL);
		desk_clear_error(&c.d);
	}
	desk_files_release(&f);
	free(made.v);
	rc = cli_finish_stdout(&c, cli_tally_status(&tally));
	cli_release(&c);
	return rc;
}
