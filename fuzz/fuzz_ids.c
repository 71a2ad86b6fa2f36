/*
 * fuzz_ids.c - ticket ids: desk_id_parse, and desk_ids_next reading
 * arguments and reading stdin (the input through fmemopen).
 *
 * Checks:
 *  - desk_id_parse agrees with an independent reader: '#'? then digits,
 *    1..2^63-1;
 *  - from arguments (the input split at NUL and newline), desk_ids_next
 *    gives each word's id or EX_DATAERR "bad ticket id '...'" and moves on;
 *  - from stdin, it gives exactly the ids ids.h and deskutils(7) promise:
 *    the first whitespace-separated field of each line, blank lines,
 *    "#"-comment lines and a first-line "id"/"ID" header skipped, and
 *    EX_DATAERR for a bad field, then goes on (check ids-spec);
 *  - messages are valid UTF-8 and at most a line's worth, and the reader
 *    frees its buffer.
 */
#include "fuzz_common.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reference: the id in s, or 0 when s is not one. */
static int64_t ref_id(const char *s)
{
	if (*s == '#')
		s++;
	if (!*s)
		return 0;
	unsigned __int128 v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (unsigned)(*s - '0');
		if (v > (unsigned __int128)INT64_MAX)
			return 0;
	}
	return (int64_t)v;
}

static void check_bad(struct desk *d, int rc, const char *what)
{
	static const int allowed[] = { EX_DATAERR, 0 };
	fz_check_error(d, rc, what, allowed);
	FZ_CHECK(strncmp(d->errmsg, "bad ticket id '", 15) == 0, "message '%s'", d->errmsg);
	FZ_CHECK(strlen(d->errmsg) < 80, "message of %zu bytes", strlen(d->errmsg));
	if (!fz_skip("msg-utf8"))
		FZ_CHECK(fz_utf8_ok(d->errmsg, strlen(d->errmsg)), "message not UTF-8: '%s'", d->errmsg);
}

/* What a line of stdin should give: 1 an id (*id, 0 when the field is not
 * one: an error), 0 nothing (skipped). */
static int ref_line(const char *line, int first, int64_t *id)
{
	const char *p = line;
	while (*p && isspace((unsigned char)*p))
		p++;
	const char *e = p;
	while (*e && !isspace((unsigned char)*e))
		e++;
	if (p == e)
		return 0;
	char *field = strndup(p, (size_t)(e - p));
	int give = 1;
	if (field[0] == '#' && !(field[1] >= '0' && field[1] <= '9'))
		give = 0;
	else if (first && (strcmp(field, "id") == 0 || strcmp(field, "ID") == 0))
		give = 0;
	else
		*id = ref_id(field);
	free(field);
	return give;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct desk *d = fz_desk();
	int64_t id, want;
	int rc;

	/* 1. the whole input as one argument */
	char *s = fz_cstr(data, size);
	id = -1;
	rc = desk_id_parse(s, &id);
	want = ref_id(s);
	FZ_CHECK(rc == 0 || rc == -1, "desk_id_parse returned %d", rc);
	FZ_CHECK(rc == 0 ? id == want && id > 0 : want == 0, "desk_id_parse('%s'): %d %lld, reference %lld", s,
		 rc, (long long)id, (long long)want);
	free(s);

	/* 2. words as arguments */
	char **argv;
	int argc = fz_split(data, size, &argv);
	struct desk_idreader r;
	desk_ids_init(&r, argc, argv, stdin);
	for (int i = 0; i < argc; i++) {
		desk_clear_error(d);
		rc = desk_ids_next(d, &r, &id);
		want = ref_id(argv[i]);
		if (want) {
			FZ_CHECK(rc == 0 && id == want, "argument %d '%s': %d %lld", i, argv[i], rc, (long long)id);
		} else {
			FZ_CHECK(rc != 0, "argument %d '%s' read as %lld", i, argv[i], (long long)id);
			check_bad(d, rc, "desk_ids_next (argv)");
		}
	}
	FZ_CHECK(desk_ids_next(d, &r, &id) == DESK_IDS_END, "ids after the last argument");
	desk_ids_release(&r);
	fz_argv_free(argv);

	/* 3. the input as stdin */
	if (size == 0)
		return 0;
	FILE *in = fmemopen((void *)data, size, "r");
	FZ_CHECK(in != NULL, "fmemopen");
	desk_ids_init(&r, 0, NULL, in);
	const char *p = (const char *)data, *end = p + size;
	int lineno = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *line = fz_cstr((const uint8_t *)p, len); /* a NUL byte ends the line's text */
		p += len + (nl ? 1 : 0);
		lineno++;
		if (!ref_line(line, lineno == 1, &want)) {
			free(line);
			continue;
		}
		desk_clear_error(d);
		rc = desk_ids_next(d, &r, &id);
		if (!fz_skip("ids-spec")) {
			if (want)
				FZ_CHECK(rc == 0 && id == want, "line %d '%s': expected id %lld, got %d %lld", lineno,
					 line, (long long)want, rc, (long long)id);
			else
				FZ_CHECK(rc == EX_DATAERR, "line %d '%s': expected a bad id, got %d %lld", lineno, line,
					 rc, (long long)id);
		}
		if (rc == DESK_IDS_END) {
			free(line);
			break;
		}
		if (rc)
			check_bad(d, rc, "desk_ids_next (stdin)");
		free(line);
	}
	/* drain: nothing more when the spec check ran to the end */
	int extra = 0;
	while ((rc = desk_ids_next(d, &r, &id)) != DESK_IDS_END) {
		FZ_CHECK(rc == 0 || rc == EX_DATAERR, "desk_ids_next returned %d", rc);
		if (rc)
			check_bad(d, rc, "desk_ids_next (stdin)");
		FZ_CHECK(++extra <= (int)size, "desk_ids_next never ends");
	}
	if (!fz_skip("ids-spec"))
		FZ_CHECK(extra == 0, "%d more ids or errors than the lines hold", extra);
	desk_ids_release(&r);
	fclose(in);
	return 0;
}
