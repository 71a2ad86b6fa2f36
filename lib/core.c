/* core.c - the context, error reporting, memory and string buffers. */
#include "internal.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void oom(size_t n)
{
	fprintf(stderr, "deskutils: out of memory (%zu bytes)\n", n);
	abort();
}

void *desk_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *desk_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *desk_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

char *desk_xstrdup(const char *s)
{
	return desk_xstrndup(s, strlen(s));
}

char *desk_xstrndup(const char *s, size_t n)
{
	char *p = desk_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *desk_xasprintf(const char *fmt, ...)
{
	struct desk_buf b = DESK_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	desk_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	if (!b.s)
		desk_buf_add(&b, "", 0);
	return desk_buf_take(&b);
}

static void buf_grow(struct desk_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->s = desk_xrealloc(b->s, cap);
	b->cap = cap;
}

void desk_buf_add(struct desk_buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void desk_buf_adds(struct desk_buf *b, const char *s)
{
	desk_buf_add(b, s, strlen(s));
}

void desk_buf_addc(struct desk_buf *b, char c)
{
	desk_buf_add(b, &c, 1);
}

void desk_buf_vaddf(struct desk_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void desk_buf_addf(struct desk_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	desk_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void desk_buf_reset(struct desk_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void desk_buf_free(struct desk_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

char *desk_buf_take(struct desk_buf *b)
{
	char *s = b->s ? b->s : desk_xstrdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

int desk_read_stream(struct desk *d, FILE *fp, const char *name, size_t max, char **text, size_t *len)
{
	struct desk_buf b = DESK_BUF_INIT;
	char chunk[65536];
	size_t n;
	desk_buf_add(&b, "", 0);
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		desk_buf_add(&b, chunk, n);
		if (b.len > max) {
			desk_buf_free(&b);
			if (max >= 1 << 20)
				return desk_error(d, EX_DATAERR, "%s: larger than %zu MiB", name, max >> 20);
			return desk_error(d, EX_DATAERR, "%s: larger than %zu KiB", name, max >> 10);
		}
	}
	if (ferror(fp)) {
		int err = errno;
		desk_buf_free(&b);
		return desk_error(d, EX_IOERR, "cannot read %s: %s", name, strerror(err));
	}
	*len = b.len;
	*text = desk_buf_take(&b);
	return 0;
}

int desk_read_file(struct desk *d, const char *path, size_t max, char **text, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return desk_error(d, errno == EACCES ? EX_NOPERM : errno == ENOENT ? EX_NOINPUT : EX_IOERR,
				  "cannot open '%s': %s", path, strerror(errno));
	char *name = desk_xasprintf("'%s'", path);
	int rc = desk_read_stream(d, fp, name, max, text, len);
	free(name);
	fclose(fp);
	return rc;
}

int desk_error(struct desk *d, int code, const char *fmt, ...)
{
	char raw[sizeof d->errmsg];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	/* messages quote user text: keep them valid UTF-8 with no control
	 * characters, even when the quote or the truncation cut a character */
	desk_clip(d->errmsg, sizeof d->errmsg, raw);
	d->err = code;
	return code;
}

void desk_clear_error(struct desk *d)
{
	d->err = 0;
	d->errmsg[0] = '\0';
}

void desk_warn(struct desk *d, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	if (!d->warn)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	d->warn(d, msg);
}

int desk_init(struct desk *d)
{
	memset(d, 0, sizeof *d);
	d->busy_timeout_ms = DESK_DEFAULT_BUSY_TIMEOUT_MS;
	d->cfg = desk_config_defaults();
	d->now = time(NULL);
	const char *env = getenv("DESK_NOW");
	if (env && *env) {
		time_t t;
		char *end;
		long long secs = strtoll(env, &end, 10);
		/* Epoch seconds, or any time input; spans are read against the
		 * real clock and mean "that long ago". */
		if (*end == '\0' && env[0] >= '0' && env[0] <= '9' && secs > 0 && secs < 253402300800LL)
			t = (time_t)secs;
		else if (desk_time_parse(d, env, &t) != 0)
			return desk_error(d, EX_DATAERR, "bad $DESK_NOW '%s'", env);
		d->now = t;
		d->now_overridden = 1;
	}
	return 0;
}

void desk_release(struct desk *d)
{
	desk_db_close(d);
	desk_config_free(d->cfg);
	d->cfg = NULL;
	free(d->actor);
	d->actor = NULL;
}

const char *desk_actor(struct desk *d)
{
	if (!d->actor) {
		uid_t uid = geteuid();
		struct passwd *pw = getpwuid(uid);
		if (pw && pw->pw_name && *pw->pw_name)
			d->actor = desk_xstrdup(pw->pw_name);
		else
			d->actor = desk_xasprintf("uid:%lu", (unsigned long)uid);
	}
	return d->actor;
}
