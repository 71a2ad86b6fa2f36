/* files.c - lists of files named on a command line, directories walked. */
#include "internal.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Names in order, runs of digits compared as numbers: 2-x.md before 10-y.md. */
int desk_natcmp(const char *a, const char *b)
{
	const char *a0 = a, *b0 = b;
	while (*a && *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			while (*a == '0')
				a++;
			while (*b == '0')
				b++;
			size_t la = 0, lb = 0;
			while (isdigit((unsigned char)a[la]))
				la++;
			while (isdigit((unsigned char)b[lb]))
				lb++;
			if (la != lb)
				return la < lb ? -1 : 1;
			int c = memcmp(a, b, la);
			if (c)
				return c;
			a += la;
			b += lb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	if (*a || *b)
		return *a ? 1 : -1;
	return strcmp(a0, b0);
}

static int cmp_names(const void *x, const void *y)
{
	return desk_natcmp(*(char *const *)x, *(char *const *)y);
}

static int ends_with(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);
	return n > k && strcmp(name + n - k, suffix) == 0;
}

static void add(struct desk_files *f, char *path)
{
	f->v = desk_xrealloc(f->v, (f->n + 1) * sizeof *f->v);
	f->v[f->n++] = path;
}

static void walk(struct desk *d, struct desk_files *f, const char *dir, const char *suffix)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;
	if (!dp) {
		desk_warn(d, "cannot read directory '%s': %s", dir, strerror(errno));
		return;
	}
	while ((e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		names = desk_xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = desk_xstrdup(e->d_name);
	}
	closedir(dp);
	qsort(names, n, sizeof *names, cmp_names);
	size_t dl = strlen(dir);
	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	for (size_t i = 0; i < n; i++) {
		char *path = desk_xasprintf("%.*s/%s", (int)dl, dir, names[i]);
		struct stat sb;
		if (lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			walk(d, f, path, suffix);
			free(path);
		} else if (ends_with(names[i], suffix) && stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
			add(f, path);
		} else {
			free(path);
		}
		free(names[i]);
	}
	free(names);
}

int desk_files_add(struct desk *d, struct desk_files *f, const char *path, const char *suffix)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return desk_error(d, errno == EACCES ? EX_NOPERM : EX_NOINPUT, "cannot open '%s': %s", path,
				  strerror(errno));
	if (S_ISDIR(sb.st_mode))
		walk(d, f, path, suffix);
	else
		add(f, desk_xstrdup(path));
	return 0;
}

static int cmp_paths(const void *x, const void *y)
{
	return strcmp(**(char **const *)x, **(char **const *)y);
}

/* A file named twice (a directory and a file in it) is imported once, at
 * its first place. */
void desk_files_dedup(struct desk_files *f)
{
	char ***by = desk_xcalloc(f->n + 1, sizeof *by);
	for (size_t i = 0; i < f->n; i++)
		by[i] = &f->v[i];
	qsort(by, f->n, sizeof *by, cmp_paths);
	for (size_t i = 1; i < f->n; i++) {
		if (strcmp(*by[i], *by[i - 1]) != 0)
			continue;
		/* free the later of the two; keep the earlier */
		char **a = by[i - 1] < by[i] ? by[i] : by[i - 1];
		char **keep = a == by[i] ? by[i - 1] : by[i];
		free(*a);
		*a = NULL;
		by[i] = keep;
	}
	size_t k = 0;
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i])
			f->v[k++] = f->v[i];
	f->n = k;
	free(by);
}

void desk_files_release(struct desk_files *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i]);
	free(f->v);
	f->v = NULL;
	f->n = 0;
}
