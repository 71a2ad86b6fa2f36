/*
 * enospc.so - test shim (LD_PRELOAD): the disk fills up. Writes to files
 * whose path contains $DESK_ENOSPC_MATCH fail with ENOSPC once
 * $DESK_ENOSPC_AFTER bytes (default 0) have been written to them in this
 * process. Used by tests/torture/diskfull.sh; the commands link libc
 * dynamically, so SQLite's pwrite64/write calls reach this first.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static long long written;

static int full(int fd, size_t n)
{
	const char *match = getenv("DESK_ENOSPC_MATCH");
	if (!match || !*match)
		return 0;
	char link[64], path[PATH_MAX];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t k = readlink(link, path, sizeof path - 1);
	if (k < 0)
		return 0;
	path[k] = '\0';
	if (!strstr(path, match))
		return 0;
	const char *after = getenv("DESK_ENOSPC_AFTER");
	long long budget = after ? atoll(after) : 0;
	if (written + (long long)n > budget)
		return 1;
	written += (long long)n;
	return 0;
}

ssize_t write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);
	if (!real)
		real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	if (full(fd, n)) {
		errno = ENOSPC;
		return -1;
	}
	return real(fd, buf, n);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t off)
{
	static ssize_t (*real)(int, const void *, size_t, off64_t);
	if (!real)
		real = (ssize_t (*)(int, const void *, size_t, off64_t))dlsym(RTLD_NEXT, "pwrite64");
	if (full(fd, n)) {
		errno = ENOSPC;
		return -1;
	}
	return real(fd, buf, n, off);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	return pwrite64(fd, buf, n, (off64_t)off);
}
