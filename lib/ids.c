/* ids.c - ticket ids from arguments or stdin (see ids.h for the rules). */
#include "internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int desk_id_parse(const char *s, int64_t *out)
{
	const char *p = s;
	if (*p == '#')
		p++;
	if (!isdigit((unsigned char)*p))
		return -1;
	int64_t v = 0;
	for (; *p; p++) {
		if (!isdigit((unsigned char)*p))
			return -1;
		int digit = *p - '0';
		/* checked before the multiplication: 18446744073709551617 once
		 * wrapped around to ticket 1 */
		if (v > (INT64_MAX - digit) / 10)
			return -1;
		v = v * 10 + digit;
	}
	if (v == 0)
		return -1;
	*out = (int64_t)v;
	return 0;
}

void desk_ids_init(struct desk_idreader *r, int argc, char **argv, FILE *in)
{
	memset(r, 0, sizeof *r);
	r->argc = argc;
	r->argv = argv;
	r->in = argc > 0 ? NULL : in;
	r->noun = "ticket";
}

void desk_ids_release(struct desk_idreader *r)
{
	free(r->line);
	r->line = NULL;
	r->cap = 0;
}

static int bad_id(struct desk *d, const struct desk_idreader *r, const char *tok)
{
	char shown[48];
	return desk_error(d, EX_DATAERR, "bad %s id '%s'", r->noun, desk_clip(shown, sizeof shown, tok));
}

int desk_ids_next(struct desk *d, struct desk_idreader *r, int64_t *id)
{
	if (!r->in) {
		if (r->i >= r->argc)
			return DESK_IDS_END;
		const char *tok = r->argv[r->i++];
		return desk_id_parse(tok, id) == 0 ? 0 : bad_id(d, r, tok);
	}
	for (;;) {
		ssize_t n = getline(&r->line, &r->cap, r->in);
		if (n < 0)
			return ferror(r->in) ? desk_error(d, EX_IOERR, "cannot read ids from stdin") : DESK_IDS_END;
		r->lineno++;
		char *p = r->line;
		while (isspace((unsigned char)*p))
			p++;
		char *e = p;
		while (*e && !isspace((unsigned char)*e))
			e++;
		*e = '\0';
		if (!*p)
			continue;
		if (p[0] == '#' && !isdigit((unsigned char)p[1]))
			continue;
		if (r->lineno == 1 && (strcmp(p, "id") == 0 || strcmp(p, "ID") == 0))
			continue;
		return desk_id_parse(p, id) == 0 ? 0 : bad_id(d, r, p);
	}
}
