/*
 * output.h - the one writer behind every listing: table, tsv, csv, json,
 * jsonl. Rows stream: only a table buffers its first rows to size columns.
 */
#ifndef DESK_OUTPUT_H
#define DESK_OUTPUT_H

#include <stdio.h>

#include "desk/core.h"

enum desk_format {
	DESK_FMT_AUTO = 0, /* table on a terminal, tsv otherwise */
	DESK_FMT_TABLE,
	DESK_FMT_TSV,
	DESK_FMT_CSV,
	DESK_FMT_JSON,
	DESK_FMT_JSONL,
	DESK_FMT_TEXT,     /* a command's own human layout (ticket-show) */
};

/* Parse a -o argument; 0 or -1 when unknown. */
int desk_format_parse(const char *s, enum desk_format *out);
const char *desk_format_name(enum desk_format f);

enum desk_coltype {
	DESK_COL_TEXT,
	DESK_COL_INT,
	DESK_COL_TIME,  /* tables: local "YYYY-MM-DD HH:MM"; else ISO 8601 with offset */
	DESK_COL_LIST,  /* comma-separated words; a JSON array of strings */
	DESK_COL_REAL,  /* a number with two decimals; a JSON number */
};

enum desk_col_flags {
	DESK_COL_JSON_ONLY = 1, /* only in json/jsonl */
	DESK_COL_SHRINK = 2,    /* the column a too-wide table cuts first */
};

struct desk_column {
	const char *name;  /* JSON key and CSV header: lowercase */
	const char *title; /* table header */
	enum desk_coltype type;
	int flags;
};

struct desk_out_opts {
	enum desk_format format; /* AUTO is resolved against the stream */
	int header;              /* tsv: print a header line (-H) */
	int color;               /* table: bold header */
	int width;               /* table: columns available, 0 for no limit */
};

struct desk_out;

/*
 * Start writing rows of cols[0..ncols) to fp. cols must outlive the writer.
 * Allocates the writer; free it with desk_out_free after desk_out_finish.
 */
struct desk_out *desk_out_new(FILE *fp, const struct desk_out_opts *opts,
			      const struct desk_column *cols, int ncols);

/* Cells, in column order. Text must be valid UTF-8; NULL is a null cell. */
void desk_out_text(struct desk_out *o, const char *s);
void desk_out_int(struct desk_out *o, long long v);
void desk_out_real(struct desk_out *o, double v);
void desk_out_time(struct desk_out *o, time_t t);
void desk_out_null(struct desk_out *o);
void desk_out_list(struct desk_out *o, const char *comma_separated);

/* End the row (missing cells are null). Returns 0 or EX_IOERR. */
int desk_out_row_end(struct desk_out *o);

/* Flush buffered rows and close the document. Returns 0 or EX_IOERR. */
int desk_out_finish(struct desk_out *o);

/* Free the writer (does not close fp). */
void desk_out_free(struct desk_out *o);

/* Write text for a person to read: control characters other than newline
 * and tab (ESC, CR, C1 controls) become U+FFFD, so a message cannot drive
 * the terminal. */
void desk_put_text(FILE *fp, const char *s);

/* Write s as a JSON string literal (with quotes). */
void desk_json_string(FILE *fp, const char *s);

/* Fields of a JSON object, each after the object's first: ,"key":value.
 * desk_json_str writes null for NULL, desk_json_time null for 0 (ISO 8601
 * local time with offset otherwise), desk_json_words an array of the words
 * of `words` split on any character of `seps` (NULL: []). */
void desk_json_key(FILE *fp, const char *key);
void desk_json_str(FILE *fp, const char *key, const char *v);
void desk_json_time(FILE *fp, const char *key, time_t t);
void desk_json_words(FILE *fp, const char *key, const char *words, const char *seps);

#endif
