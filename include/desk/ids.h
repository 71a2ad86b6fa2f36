/*
 * ids.h - ticket ids from arguments or from stdin.
 *
 * "42" and "#42" are the same ticket. On stdin the first whitespace-separated
 * field of each line is the id; blank lines are skipped, and so are comment
 * lines: a line whose first field starts with '#' not followed by a digit
 * ("# note", "#"), and a first line whose first field is "id" or "ID" (the
 * header of `-H` output).
 */
#ifndef DESK_IDS_H
#define DESK_IDS_H

#include <stdint.h>
#include <stdio.h>

#include "desk/core.h"

#define DESK_IDS_END (-1)

/* Parse an id: digits, optionally after '#', from 1 to 2^63-1.
 * Returns 0 and sets *out, or -1. */
int desk_id_parse(const char *s, int64_t *out);

struct desk_idreader {
	int argc;
	char **argv;
	int i;
	FILE *in;       /* NULL when ids come from argv */
	char *line;
	size_t cap;
	unsigned long lineno;
	const char *noun;  /* for messages: "ticket" unless set after init */
};

/* Read ids from argv[0..argc), or from `in` when argc is 0. Set r->noun
 * afterwards for ids of something else ("article"). */
void desk_ids_init(struct desk_idreader *r, int argc, char **argv, FILE *in);

/*
 * Next id: returns 0 and sets *id; DESK_IDS_END when done; EX_DATAERR with
 * "bad ticket id 'X'" for a malformed one (the reader has moved past it, so
 * the caller may go on); EX_IOERR when stdin cannot be read.
 */
int desk_ids_next(struct desk *d, struct desk_idreader *r, int64_t *id);

/* Free the reader's line buffer. */
void desk_ids_release(struct desk_idreader *r);

#endif
