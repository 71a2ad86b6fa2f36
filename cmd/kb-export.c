/* kb-export - write knowledge-base articles as Markdown files with front matter. */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { OPT_STATUS = CLI_FIRST_FREE, OPT_TAG, OPT_AUDIENCE };

static const struct cli_opt opts[] = {
	{ "status", OPT_STATUS, CLI_ARG, "KBSTATUS", "only articles with this status" },
	{ "tag", OPT_TAG, CLI_ARG, "TAG", "only articles with this tag" },
	{ "audience", OPT_AUDIENCE, CLI_ARG, "AUDIENCE", "only articles for this audience" },
	CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

static int in_list(const char *const *l, const char *s)
{
	for (; *l; l++)
		if (strcmp(*l, s) == 0)
			return 1;
	return 0;
}

struct ids {
	int64_t *v;
	size_t n;
};

static int collect(void *arg, const struct desk_kb_row *r)
{
	struct ids *ids = arg;
	ids->v = desk_xrealloc(ids->v, (ids->n + 1) * sizeof *ids->v);
	ids->v[ids->n++] = r->id;
	return 0;
}

/* mkdir -p: the directory and its parents, mode 0777 less the umask. */
static int make_dir(struct desk *d, const char *dir)
{
	char *p = desk_xstrdup(dir);
	struct stat sb;
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			int err = errno;
			free(p);
			return desk_error(d, err == EACCES ? EX_NOPERM : EX_CANTCREAT, "cannot create directory '%s': %s",
					  dir, strerror(err));
		}
		*s = '/';
	}
	free(p);
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return desk_error(d, errno == EACCES ? EX_NOPERM : EX_CANTCREAT, "cannot create directory '%s': %s",
				  dir, strerror(errno));
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return desk_error(d, EX_CANTCREAT, "not a directory '%s'", dir);
	return 0;
}

/* A file an earlier export may have written: "ID.md" or "ID-slug.md". */
struct old {
	int64_t id;
	char *name;
};

static int export_name(const char *name, int64_t *id)
{
	const char *p = name;
	long long n = 0;
	if (*p < '1' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9' && n < (1LL << 60))
		n = n * 10 + (*p++ - '0');
	if (*p == '-')
		while ((*++p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-')
			;
	if (strcmp(p, ".md") != 0)
		return 0;
	*id = n;
	return 1;
}

static void scan_old(const char *dir, struct old **olds, size_t *n)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	int64_t id;
	if (!dp)
		return;
	while ((e = readdir(dp)) != NULL) {
		if (!export_name(e->d_name, &id))
			continue;
		*olds = desk_xrealloc(*olds, (*n + 1) * sizeof **olds);
		(*olds)[*n].id = id;
		(*olds)[*n].name = desk_xstrdup(e->d_name);
		(*n)++;
	}
	closedir(dp);
}

/* An article renamed since the last export left its old file: remove it,
 * but only when its front matter says it is this article. */
static void remove_stale(struct cli *c, const char *dir, const struct old *olds, size_t n, int64_t id,
			 const char *name)
{
	void (*warn)(struct desk *, const char *) = c->d.warn;
	for (size_t i = 0; i < n; i++) {
		if (olds[i].id != id || strcmp(olds[i].name, name) == 0)
			continue;
		char *path = desk_xasprintf("%s/%s", dir, olds[i].name);
		FILE *fp = fopen(path, "rb");
		struct desk_buf b = DESK_BUF_INIT;
		char chunk[8192];
		size_t k;
		while (fp && b.len < (1 << 20) && (k = fread(chunk, 1, sizeof chunk, fp)) > 0)
			desk_buf_add(&b, chunk, k);
		if (fp) {
			struct desk_frontmatter fm;
			desk_buf_add(&b, "", 0);
			c->d.warn = NULL;
			if (desk_frontmatter_parse(&c->d, path, b.s, b.len, &fm) == 0 && fm.id == id)
				unlink(path);
			desk_frontmatter_release(&fm);
			desk_clear_error(&c->d);
			c->d.warn = warn;
			fclose(fp);
		}
		desk_buf_free(&b);
		free(path);
	}
}

/* Write a to dir/name through a temporary file renamed into place. */
static int write_file(struct desk *d, const char *dir, const char *name, const struct desk_article *a,
		      mode_t mode)
{
	char *path = desk_xasprintf("%s/%s", dir, name);
	char *tmp = desk_xasprintf("%s/.%s.XXXXXX", dir, name);
	int rc = 0, fd = mkstemp(tmp);
	if (fd < 0) {
		rc = desk_error(d, errno == EACCES ? EX_NOPERM : EX_CANTCREAT, "cannot create a file in '%s': %s",
				dir, strerror(errno));
		goto out;
	}
	FILE *fp = fdopen(fd, "w");
	if (!fp) {
		close(fd);
		rc = desk_error(d, EX_IOERR, "cannot write '%s': %s", tmp, strerror(errno));
		unlink(tmp);
		goto out;
	}
	/* the file is the user's, not a secret: as a shell redirection would make it */
	int bad = fchmod(fd, mode) != 0;
	bad = bad || desk_frontmatter_write(fp, a) != 0 || fflush(fp) != 0 || fsync(fd) != 0;
	int err = errno;
	bad = fclose(fp) != 0 || bad;
	if (bad) {
		rc = desk_error(d, EX_IOERR, "cannot write '%s': %s", path, strerror(err ? err : errno));
		unlink(tmp);
		goto out;
	}
	if (rename(tmp, path) != 0) {
		rc = desk_error(d, EX_CANTCREAT, "cannot write '%s': %s", path, strerror(errno));
		unlink(tmp);
	}
out:
	free(path);
	free(tmp);
	return rc;
}

int main(int argc, char **argv)
{
	struct cli c;
	struct desk_kb_filter f = { 0 };
	struct ids ids = { NULL, 0 };
	struct old *olds = NULL;
	size_t nold = 0;
	int ch, rc = 0;

	cli_init(&c, "kb-export", "Write knowledge-base articles as Markdown files with front matter.",
		 "[--status KBSTATUS] [--tag TAG] [--audience AUDIENCE] [--db FILE] DIR", opts);
	c.operands = "paths";
	while ((ch = cli_getopt(&c, argc, argv)) != -1) {
		switch (ch) {
		case OPT_STATUS: f.status = optarg; break;
		case OPT_TAG: f.tag = optarg; break;
		case OPT_AUDIENCE: f.audience = optarg; break;
		}
	}
	if (optind >= argc)
		cli_usage_error(&c, "no directory to export to");
	if (argc - optind > 1)
		cli_usage_error(&c, "unexpected argument '%s'", argv[optind + 1]);
	if (f.status && !in_list(desk_kb_statuses, f.status))
		cli_usage_error(&c, "bad status '%s' (draft, published, archived)", f.status);
	if (f.audience && !in_list(desk_kb_audiences, f.audience))
		cli_usage_error(&c, "bad audience '%s' (internal, public)", f.audience);
	char *dir = desk_xstrdup(argv[optind]);
	size_t dl = strlen(dir);
	while (dl > 1 && dir[dl - 1] == '/')
		dir[--dl] = '\0';
	if (!*dir)
		cli_usage_error(&c, "empty directory name");
	cli_open(&c, DESK_OPEN_READ);
	if (desk_kb_list(&c.d, &f, collect, &ids))
		cli_die(&c);
	mode_t mask = umask(0);
	umask(mask);
	if ((rc = make_dir(&c.d, dir)))
		goto out;
	scan_old(dir, &olds, &nold);
	for (size_t i = 0; i < ids.n && !rc; i++) {
		struct desk_article a;
		char slug[DESK_FM_SLUG_MAX + 1], name[DESK_FM_SLUG_MAX + 32];
		if ((rc = desk_kb_get(&c.d, ids.v[i], 0, &a)))
			break;
		desk_frontmatter_slug(a.title, slug);
		snprintf(name, sizeof name, "%lld%s%s.md", (long long)a.id, *slug ? "-" : "", slug);
		rc = write_file(&c.d, dir, name, &a, 0666 & ~mask);
		desk_kb_release(&a);
		if (rc)
			break;
		printf("%s/%s\n", dir, name);
		remove_stale(&c, dir, olds, nold, ids.v[i], name);
	}
	/* the renames themselves reach the disk */
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
out:
	if (rc)
		cli_report(&c);
	for (size_t i = 0; i < nold; i++)
		free(olds[i].name);
	free(olds);
	free(ids.v);
	free(dir);
	rc = cli_finish_stdout(&c, rc);
	cli_release(&c);
	return rc;
}
