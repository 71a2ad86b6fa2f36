/*
 * core.h - the libdesk context, error reporting and memory helpers.
 *
 * Every libdesk function that can fail takes a struct desk * and returns an
 * int: 0 on success, otherwise a sysexits(3) status (EX_DATAERR, ...), with a
 * message left in the context for the command to print. The library never
 * prints to stdout and never exits, except when memory runs out.
 */
#ifndef DESK_CORE_H
#define DESK_CORE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sysexits.h>
#include <time.h>

#define DESK_VERSION "0.1.0"

/* Status 1: done for some items, not for others (grep-like). */
#define DESK_PARTIAL 1

struct sqlite3;
struct desk_config;
struct desk_policy;

struct desk {
	struct sqlite3 *db;          /* open database, or NULL */
	char *db_path;               /* path the database was opened from */
	struct desk_config *cfg;     /* loaded configuration (never NULL after desk_init) */
	struct desk_stmt_cache *stmts; /* prepared statements, owned by db.c */
	int tx_depth;                /* nesting of desk_tx_begin */
	int tx_failed;               /* an inner transaction asked for rollback */
	int busy_timeout_ms;         /* how long a writer waits for the lock */
	time_t now;                  /* "now": the clock, or $DESK_NOW */
	int now_overridden;          /* $DESK_NOW was set */
	char *actor;                 /* Unix account acting, resolved lazily */
	int err;                     /* status of the last error, 0 when none */
	char errmsg[1024];           /* message of the last error */
	struct desk_policy *policy;  /* the team policy in force, read once (lib/policy/store.c) */
	void (*policy_release)(struct desk_policy *); /* frees policy; dropped with the database */
	int policy_rc;               /* reading it failed with this status... */
	char *policy_msg;            /* ...and this message (allocated) */
	void (*warn)(struct desk *, const char *msg); /* warning sink, may be NULL */
	void *warn_arg;
};

/*
 * Initialise a context: reads $DESK_NOW. Allocates nothing that
 * desk_release does not free. Returns 0 or EX_DATAERR (bad $DESK_NOW).
 */
int desk_init(struct desk *d);

/* Close the database and free everything the context owns (not d itself). */
void desk_release(struct desk *d);

/*
 * Record an error: formats the message into d->errmsg, sets d->err = code
 * and returns code, so callers can write `return desk_error(d, EX_..., ...)`.
 */
int desk_error(struct desk *d, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Emit a warning through d->warn (the command prints it unless -q). */
void desk_warn(struct desk *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Forget the last error. */
void desk_clear_error(struct desk *d);

/*
 * The acting Unix account, from getpwuid(geteuid()) (never $USER), or
 * "uid:N" when the account has no passwd entry. The string belongs to d.
 */
const char *desk_actor(struct desk *d);

/* Memory: these abort the process with a message when memory runs out.
 * The caller frees what they return with free(). */
void *desk_xmalloc(size_t n);
void *desk_xcalloc(size_t n, size_t size);
void *desk_xrealloc(void *p, size_t n);
char *desk_xstrdup(const char *s);
char *desk_xstrndup(const char *s, size_t n);
char *desk_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Read all of fp (named `name` in messages) into *text, NUL-terminated,
 * *len bytes; *text is allocated and the caller frees it. More than max
 * bytes is EX_DATAERR ("NAME: larger than N MiB"); a read error EX_IOERR.
 */
int desk_read_stream(struct desk *d, FILE *fp, const char *name, size_t max, char **text, size_t *len);

/* The same for a file: EX_NOINPUT when it does not exist, EX_NOPERM when
 * it may not be read. */
int desk_read_file(struct desk *d, const char *path, size_t max, char **text, size_t *len);

/* A growable string. Initialise with DESK_BUF_INIT; free buf.s with free()
 * or desk_buf_free. s is always NUL-terminated once anything was added. */
struct desk_buf {
	char *s;
	size_t len, cap;
};
#define DESK_BUF_INIT { NULL, 0, 0 }
void desk_buf_add(struct desk_buf *b, const char *s, size_t n);
void desk_buf_adds(struct desk_buf *b, const char *s);
void desk_buf_addc(struct desk_buf *b, char c);
void desk_buf_addf(struct desk_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void desk_buf_reset(struct desk_buf *b);
void desk_buf_free(struct desk_buf *b);
/* Detach the string: the caller owns and frees it; b is left empty. */
char *desk_buf_take(struct desk_buf *b);

#endif
