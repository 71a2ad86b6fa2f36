/*
 * output.c - table, tsv, csv, json and jsonl, one implementation.
 *
 * tsv escapes tab, newline, carriage return and backslash as \t \n \r \\ so
 * a row is always one line; csv follows RFC 4180 (quoted fields, CRLF).
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#define TABLE_SAMPLE_ROWS 500 /* rows a table holds back to size its columns */

struct cell {
	int null;
	long long i;
	struct desk_buf text;
};

struct desk_out {
	FILE *fp;
	struct desk_out_opts opt;
	const struct desk_column *cols;
	int ncols;
	int ncell;          /* cells given in the current row */
	struct cell *row;   /* the current row */
	long nrows;
	/* table */
	char **held;        /* rendered cells of held rows, ncols each */
	int nheld;
	int *widths;
	int sized;          /* widths fixed, rows now stream */
	struct desk_buf line; /* csv, tsv: the row being written, one write per row */
};

int desk_format_parse(const char *s, enum desk_format *out)
{
	static const struct { const char *n; enum desk_format f; } t[] = {
		{ "table", DESK_FMT_TABLE }, { "tsv", DESK_FMT_TSV }, { "csv", DESK_FMT_CSV },
		{ "json", DESK_FMT_JSON }, { "jsonl", DESK_FMT_JSONL }, { "text", DESK_FMT_TEXT },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strcmp(s, t[i].n) == 0) {
			*out = t[i].f;
			return 0;
		}
	return -1;
}

const char *desk_format_name(enum desk_format f)
{
	switch (f) {
	case DESK_FMT_TABLE: return "table";
	case DESK_FMT_TSV: return "tsv";
	case DESK_FMT_CSV: return "csv";
	case DESK_FMT_JSON: return "json";
	case DESK_FMT_JSONL: return "jsonl";
	case DESK_FMT_TEXT: return "text";
	default: return "auto";
	}
}

static int is_json(const struct desk_out *o)
{
	return o->opt.format == DESK_FMT_JSON || o->opt.format == DESK_FMT_JSONL;
}

static int shown(const struct desk_out *o, int c)
{
	return is_json(o) || !(o->cols[c].flags & DESK_COL_JSON_ONLY);
}

struct desk_out *desk_out_new(FILE *fp, const struct desk_out_opts *opts,
			      const struct desk_column *cols, int ncols)
{
	struct desk_out *o = desk_xcalloc(1, sizeof *o);
	o->fp = fp;
	o->opt = *opts;
	if (o->opt.format == DESK_FMT_AUTO || o->opt.format == DESK_FMT_TEXT)
		o->opt.format = DESK_FMT_TSV;
	o->cols = cols;
	o->ncols = ncols;
	o->row = desk_xcalloc((size_t)ncols, sizeof *o->row);
	o->widths = desk_xcalloc((size_t)ncols, sizeof *o->widths);
	for (int c = 0; c < ncols; c++)
		o->row[c].null = 1;
	return o;
}

static struct cell *next_cell(struct desk_out *o)
{
	if (o->ncell >= o->ncols) {
		/* more cells than columns: a bug in the caller; keep the last */
		return &o->row[o->ncols - 1];
	}
	struct cell *c = &o->row[o->ncell++];
	c->null = 0;
	desk_buf_reset(&c->text);
	return c;
}

void desk_out_text(struct desk_out *o, const char *s)
{
	struct cell *c = next_cell(o);
	if (!s)
		c->null = 1;
	else
		desk_buf_adds(&c->text, s);
}

void desk_out_int(struct desk_out *o, long long v)
{
	struct cell *c = next_cell(o);
	/* by hand: a check prints hundreds of thousands of numbers, and
	 * printf's format machinery was a tenth of its time */
	char buf[24], *p = buf + sizeof buf;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	c->i = v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	desk_buf_add(&c->text, p, (size_t)(buf + sizeof buf - p));
}

void desk_out_real(struct desk_out *o, double v)
{
	struct cell *c = next_cell(o);
	desk_buf_addf(&c->text, "%.2f", v);
}

void desk_out_time(struct desk_out *o, time_t t)
{
	struct cell *c = next_cell(o);
	char buf[40];
	c->i = (long long)t;
	if (o->opt.format == DESK_FMT_TABLE)
		desk_buf_adds(&c->text, desk_time_short(t, buf, sizeof buf));
	else
		desk_buf_adds(&c->text, desk_time_iso(t, buf, sizeof buf));
}

void desk_out_null(struct desk_out *o)
{
	next_cell(o)->null = 1;
}

void desk_out_list(struct desk_out *o, const char *s)
{
	desk_out_text(o, s);
}

void desk_json_string(FILE *fp, const char *s)
{
	putc('"', fp);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", fp); break;
		case '\\': fputs("\\\\", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\r': fputs("\\r", fp); break;
		case '\t': fputs("\\t", fp); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(fp, "\\u%04x", *p);
			else
				putc(*p, fp);
		}
	}
	putc('"', fp);
}

void desk_put_text(FILE *fp, const char *s)
{
	while (*s) {
		const char *start = s;
		uint32_t c = desk_utf8_next(&s);
		if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c < 0xa0))
			fputs("\xef\xbf\xbd", fp);
		else
			fwrite(start, 1, (size_t)(s - start), fp);
	}
}

void desk_json_key(FILE *fp, const char *key)
{
	putc(',', fp);
	desk_json_string(fp, key);
	putc(':', fp);
}

void desk_json_str(FILE *fp, const char *key, const char *v)
{
	desk_json_key(fp, key);
	if (v)
		desk_json_string(fp, v);
	else
		fputs("null", fp);
}

void desk_json_time(FILE *fp, const char *key, time_t t)
{
	char buf[40];
	desk_json_str(fp, key, t ? desk_time_iso(t, buf, sizeof buf) : NULL);
}

/* The words of s split on seps as a JSON array of strings. */
static void json_array(FILE *fp, const char *s, const char *seps)
{
	int first = 1;
	putc('[', fp);
	while (s && *s) {
		size_t n = strcspn(s, seps);
		if (n) {
			char *w = desk_xstrndup(s, n);
			if (!first)
				putc(',', fp);
			desk_json_string(fp, w);
			free(w);
			first = 0;
		}
		s += n + (s[n] ? 1 : 0);
	}
	putc(']', fp);
}

void desk_json_words(FILE *fp, const char *key, const char *words, const char *seps)
{
	desk_json_key(fp, key);
	json_array(fp, words, seps);
}

static void json_row(struct desk_out *o)
{
	if (o->opt.format == DESK_FMT_JSON)
		fputs(o->nrows == 0 ? "[\n" : ",\n", o->fp);
	putc('{', o->fp);
	for (int i = 0; i < o->ncols; i++) {
		const struct cell *c = &o->row[i];
		if (i)
			putc(',', o->fp);
		desk_json_string(o->fp, o->cols[i].name);
		putc(':', o->fp);
		if (c->null) {
			fputs(o->cols[i].type == DESK_COL_LIST ? "[]" : "null", o->fp);
			continue;
		}
		switch (o->cols[i].type) {
		case DESK_COL_INT:
		case DESK_COL_REAL:
			fputs(c->text.s, o->fp);
			break;
		case DESK_COL_LIST:
			json_array(o->fp, c->text.s, ",");
			break;
		default:
			desk_json_string(o->fp, c->text.s);
		}
	}
	putc('}', o->fp);
	if (o->opt.format == DESK_FMT_JSONL)
		putc('\n', o->fp);
}

static void tsv_field(struct desk_buf *b, const char *s)
{
	for (;;) {
		size_t n = strcspn(s, "\t\n\r\\");
		desk_buf_add(b, s, n);
		s += n;
		switch (*s) {
		case '\0': return;
		case '\t': desk_buf_add(b, "\\t", 2); break;
		case '\n': desk_buf_add(b, "\\n", 2); break;
		case '\r': desk_buf_add(b, "\\r", 2); break;
		default: desk_buf_add(b, "\\\\", 2); break;
		}
		s++;
	}
}

static void csv_field(struct desk_buf *b, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		desk_buf_adds(b, s);
		return;
	}
	desk_buf_add(b, "\"", 1);
	for (;;) {
		size_t n = strcspn(s, "\"");
		desk_buf_add(b, s, n);
		s += n;
		if (!*s)
			break;
		desk_buf_add(b, "\"\"", 2);
		s++;
	}
	desk_buf_add(b, "\"", 1);
}

/* A csv or tsv line, built whole and written at once: stdio locks the
 * stream on every call, which cost a check a tenth of its time. */
static void delimited_line(struct desk_out *o, const char *const *fields)
{
	int first = 1, csv = o->opt.format == DESK_FMT_CSV;
	struct desk_buf *b = &o->line;
	desk_buf_reset(b);
	for (int i = 0; i < o->ncols; i++) {
		if (!shown(o, i))
			continue;
		if (!first)
			desk_buf_add(b, csv ? "," : "\t", 1);
		first = 0;
		if (csv)
			csv_field(b, fields[i]);
		else
			tsv_field(b, fields[i]);
	}
	desk_buf_adds(b, csv ? "\r\n" : "\n");
	fwrite(b->s, 1, b->len, o->fp);
}

static void header_line(struct desk_out *o)
{
	const char *f[o->ncols];
	for (int i = 0; i < o->ncols; i++)
		f[i] = o->cols[i].name;
	delimited_line(o, f);
}

/* Table cells: controls become spaces so a row stays one line. */
static char *table_cell(const struct cell *c)
{
	if (c->null)
		return desk_xstrdup("-");
	struct desk_buf b = DESK_BUF_INIT;
	const char *p = c->text.s;
	while (*p) {
		const char *start = p;
		uint32_t ch = desk_utf8_next(&p);
		if (ch < 0x20 || (ch >= 0x7f && ch < 0xa0))
			desk_buf_addc(&b, ' ');
		else
			desk_buf_add(&b, start, (size_t)(p - start));
	}
	return desk_buf_take(&b);
}

static void table_print_cell(struct desk_out *o, int col, const char *s, int last)
{
	int w = o->widths[col];
	int sw = desk_utf8_width(s);
	int right = o->cols[col].type == DESK_COL_INT || o->cols[col].type == DESK_COL_REAL;
	if (sw > w) {
		size_t n = desk_utf8_fit(s, w > 1 ? w - 1 : 0);
		fwrite(s, 1, n, o->fp);
		char *cut = desk_xstrndup(s, n);
		sw = desk_utf8_width(cut) + 1;
		free(cut);
		fputs("\xe2\x80\xa6", o->fp); /* … */
		if (!last)
			for (int k = sw; k < w; k++)
				putc(' ', o->fp);
		return;
	}
	if (right)
		for (int k = sw; k < w; k++)
			putc(' ', o->fp);
	fputs(s, o->fp);
	if (!right && !last)
		for (int k = sw; k < w; k++)
			putc(' ', o->fp);
}

static void table_line(struct desk_out *o, char *const *cells, int header)
{
	int last = -1;
	for (int i = 0; i < o->ncols; i++)
		if (shown(o, i))
			last = i;
	if (header && o->opt.color)
		fputs("\033[1m", o->fp);
	int first = 1;
	for (int i = 0; i < o->ncols; i++) {
		if (!shown(o, i))
			continue;
		if (!first)
			fputs("  ", o->fp);
		first = 0;
		table_print_cell(o, i, cells[i], i == last);
	}
	if (header && o->opt.color)
		fputs("\033[0m", o->fp);
	putc('\n', o->fp);
}

/* Fix column widths from the header and the held rows, then cut the
 * widest columns (the SHRINK one first) until the table fits. */
static void table_size(struct desk_out *o)
{
	int total = 0, n = 0;
	for (int i = 0; i < o->ncols; i++) {
		if (!shown(o, i))
			continue;
		int w = desk_utf8_width(o->cols[i].title);
		for (int r = 0; r < o->nheld; r++) {
			int cw = desk_utf8_width(o->held[r * o->ncols + i]);
			if (cw > w)
				w = cw;
		}
		o->widths[i] = w;
		total += w;
		n++;
	}
	total += 2 * (n - 1);
	if (o->opt.width > 0) {
		for (int i = 0; i < o->ncols && total > o->opt.width; i++) {
			if (!shown(o, i) || !(o->cols[i].flags & DESK_COL_SHRINK))
				continue;
			int min = 6, cut = total - o->opt.width;
			if (o->widths[i] - cut < min)
				cut = o->widths[i] > min ? o->widths[i] - min : 0;
			o->widths[i] -= cut;
			total -= cut;
		}
		while (total > o->opt.width) {
			int widest = -1;
			for (int i = 0; i < o->ncols; i++)
				if (shown(o, i) && o->cols[i].type != DESK_COL_TIME && o->cols[i].type != DESK_COL_INT &&
				    o->cols[i].type != DESK_COL_REAL &&
				    (widest < 0 || o->widths[i] > o->widths[widest]))
					widest = i;
			if (widest < 0 || o->widths[widest] <= 8)
				break;
			o->widths[widest]--;
			total--;
		}
	}
	o->sized = 1;
	char *titles[o->ncols];
	for (int i = 0; i < o->ncols; i++)
		titles[i] = (char *)o->cols[i].title;
	table_line(o, titles, 1);
	for (int r = 0; r < o->nheld; r++) {
		table_line(o, &o->held[r * o->ncols], 0);
		for (int i = 0; i < o->ncols; i++)
			free(o->held[r * o->ncols + i]);
	}
	free(o->held);
	o->held = NULL;
	o->nheld = 0;
}

int desk_out_row_end(struct desk_out *o)
{
	switch (o->opt.format) {
	case DESK_FMT_JSON:
	case DESK_FMT_JSONL:
		json_row(o);
		break;
	case DESK_FMT_CSV:
	case DESK_FMT_TSV: {
		if (o->nrows == 0 && (o->opt.header || o->opt.format == DESK_FMT_CSV))
			header_line(o);
		const char *f[o->ncols];
		for (int i = 0; i < o->ncols; i++)
			f[i] = o->row[i].null ? "" : o->row[i].text.s;
		delimited_line(o, f);
		break;
	}
	default: {
		char **cells = desk_xcalloc((size_t)o->ncols, sizeof *cells);
		for (int i = 0; i < o->ncols; i++)
			cells[i] = table_cell(&o->row[i]);
		if (!o->sized) {
			o->held = desk_xrealloc(o->held, (size_t)(o->nheld + 1) * (size_t)o->ncols * sizeof *o->held);
			memcpy(&o->held[o->nheld * o->ncols], cells, (size_t)o->ncols * sizeof *cells);
			o->nheld++;
			if (o->nheld >= TABLE_SAMPLE_ROWS)
				table_size(o);
		} else {
			table_line(o, cells, 0);
			for (int i = 0; i < o->ncols; i++)
				free(cells[i]);
		}
		free(cells);
	}
	}
	o->nrows++;
	o->ncell = 0;
	for (int i = 0; i < o->ncols; i++)
		o->row[i].null = 1;
	return ferror(o->fp) ? EX_IOERR : 0;
}

int desk_out_finish(struct desk_out *o)
{
	switch (o->opt.format) {
	case DESK_FMT_JSON:
		fputs(o->nrows ? "\n]\n" : "[]\n", o->fp);
		break;
	case DESK_FMT_TABLE:
		if (!o->sized && o->nrows)
			table_size(o);
		break;
	case DESK_FMT_CSV:
	case DESK_FMT_TSV:
		if (o->nrows == 0 && (o->opt.header || o->opt.format == DESK_FMT_CSV))
			header_line(o);
		break;
	default:
		break;
	}
	if (fflush(o->fp) != 0 || ferror(o->fp))
		return EX_IOERR;
	return 0;
}

void desk_out_free(struct desk_out *o)
{
	if (!o)
		return;
	for (int r = 0; r < o->nheld; r++)
		for (int i = 0; i < o->ncols; i++)
			free(o->held[r * o->ncols + i]);
	free(o->held);
	for (int i = 0; i < o->ncols; i++)
		desk_buf_free(&o->row[i].text);
	free(o->row);
	free(o->widths);
	desk_buf_free(&o->line);
	free(o);
}
