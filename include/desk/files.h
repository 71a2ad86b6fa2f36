/*
 * files.h - lists of files named on a command line, directories walked.
 */
#ifndef DESK_FILES_H
#define DESK_FILES_H

#include <stddef.h>

#include "desk/core.h"

struct desk_files {
	char **v;   /* paths, allocated; desk_files_release frees them */
	size_t n;
};

/*
 * Add path to f: a file as it is; a directory walked for files whose name
 * ends in suffix, in natural order (2-x.md before 10-y.md), hidden entries
 * skipped and symbolic links to directories not followed. A subdirectory
 * that cannot be read is a warning (desk_warn). Returns 0, or EX_NOINPUT / EX_NOPERM when path
 * itself cannot be opened.
 */
int desk_files_add(struct desk *d, struct desk_files *f, const char *path, const char *suffix);

/* Drop paths named twice (a directory and a file in it, say), keeping
 * each at its first place. O(n log n). */
void desk_files_dedup(struct desk_files *f);

void desk_files_release(struct desk_files *f);

/* Compare names with runs of digits as numbers: "2-x" < "10-y". */
int desk_natcmp(const char *a, const char *b);

#endif
