/*
 * fuzz_output.c - the listing writer (desk_out_*) in every format, with
 * arbitrary cell text, and desk_put_text / desk_json_string.
 *
 * Input: byte 0 the format (table, tsv, csv, json, jsonl), byte 1 the
 * options (bit 0 header, bit 1 colour, the rest the number of columns,
 * 1..6), byte 2 the table width (odd: no limit), then one byte per column
 * (type: text, int, time, list, real; flags: JSON-only, shrink), then the
 * cells separated by NUL bytes, row after row. A cell "\x01" is a null
 * cell, "\x02" ends the row early (the rest are null). Numbers and times
 * are read from the cell text.
 *
 * Checks, when every text cell is valid UTF-8 (the writer's contract):
 *  - json and jsonl parse as JSON, with the columns' names as keys in
 *    order, and every value decodes back to exactly what was written (null
 *    as null, or [] for a list; a list as the array of its non-empty items);
 *  - csv parses as RFC 4180 (CRLF records, header line) and tsv by its
 *    escapes (\t \n \r \\), every field back to exactly the cell's text,
 *    JSON-only columns left out;
 *  - a table has a header and one line per row, no control character
 *    (but the header's bold when colour is on), and is valid UTF-8;
 *  - desk_put_text writes valid UTF-8 without control characters other
 *    than newline and tab.
 * Invalid UTF-8 cells are still written (for the sanitizers), unchecked.
 */
#include "fuzz_common.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXC 6

static const char *const names[MAXC] = { "id", "subject", "tags", "when", "score", "note" };
static const char *const titles[MAXC] = { "ID", "Subject", "Tags", "When", "Score", "Ghi chú 备注" };
static const enum desk_format formats[] = {
	DESK_FMT_TABLE, DESK_FMT_TSV, DESK_FMT_CSV, DESK_FMT_JSON, DESK_FMT_JSONL,
};
static const enum desk_coltype types[] = {
	DESK_COL_TEXT, DESK_COL_INT, DESK_COL_TIME, DESK_COL_LIST, DESK_COL_REAL,
};

struct cellv {
	int null;
	char *text; /* what the cell should read as in tsv, csv and json */
};

struct doc {
	struct desk_column cols[MAXC];
	int ncols;
	struct desk_out_opts opt;
	struct cellv *cells; /* nrows * ncols */
	int nrows, cap;
	int valid;           /* every text cell is UTF-8 */
};

/* --- a strict reader for the JSON the writer produces */

struct rd {
	const char *p, *end;
};

static int rd_lit(struct rd *r, const char *s)
{
	size_t n = strlen(s);
	if ((size_t)(r->end - r->p) < n || memcmp(r->p, s, n) != 0)
		return 0;
	r->p += n;
	return 1;
}

static void put_utf8(char **o, uint32_t c)
{
	unsigned char *q = (unsigned char *)*o;
	if (c < 0x80) {
		*q++ = (unsigned char)c;
	} else if (c < 0x800) {
		*q++ = (unsigned char)(0xc0 | c >> 6);
		*q++ = (unsigned char)(0x80 | (c & 0x3f));
	} else {
		*q++ = (unsigned char)(0xe0 | c >> 12);
		*q++ = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
		*q++ = (unsigned char)(0x80 | (c & 0x3f));
	}
	*o = (char *)q;
}

/* A JSON string into a new allocation; NULL when malformed. */
static char *rd_string(struct rd *r)
{
	if (r->p >= r->end || *r->p != '"')
		return NULL;
	r->p++;
	char *out = malloc((size_t)(r->end - r->p) + 1), *o = out;
	if (!out)
		abort();
	while (r->p < r->end && *r->p != '"') {
		unsigned char c = (unsigned char)*r->p++;
		if (c < 0x20)
			goto bad; /* raw control characters are not JSON */
		if (c != '\\') {
			*o++ = (char)c;
			continue;
		}
		if (r->p >= r->end)
			goto bad;
		switch (*r->p++) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '/': *o++ = '/'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u': {
			uint32_t v = 0;
			for (int k = 0; k < 4; k++) {
				if (r->p >= r->end)
					goto bad;
				char h = *r->p++;
				v = v << 4 | (uint32_t)(h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
							 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : 99);
				if (v > 0xffff)
					goto bad;
			}
			if (v >= 0xd800 && v < 0xe000)
				goto bad; /* the writer never needs surrogates */
			put_utf8(&o, v);
			break;
		}
		default:
			goto bad;
		}
	}
	if (r->p >= r->end)
		goto bad;
	r->p++;
	*o = '\0';
	return out;
bad:
	free(out);
	return NULL;
}

/* A JSON number as the writer prints it: -?digits(.digits)? */
static char *rd_number(struct rd *r)
{
	const char *s = r->p;
	if (r->p < r->end && *r->p == '-')
		r->p++;
	const char *dg = r->p;
	while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
		r->p++;
	if (r->p == dg || (*dg == '0' && r->p - dg > 1))
		return NULL;
	if (r->p < r->end && *r->p == '.') {
		r->p++;
		const char *f = r->p;
		while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
			r->p++;
		if (r->p == f)
			return NULL;
	}
	return strndup(s, (size_t)(r->p - s));
}

static void check_json_row(struct doc *D, struct rd *r, int row)
{
	FZ_CHECK(rd_lit(r, "{"), "row %d: no '{' at '%.20s'", row, r->p);
	for (int i = 0; i < D->ncols; i++) {
		const struct cellv *c = &D->cells[row * D->ncols + i];
		enum desk_coltype t = D->cols[i].type;
		if (i)
			FZ_CHECK(rd_lit(r, ","), "row %d col %d: no ','", row, i);
		char *key = rd_string(r);
		FZ_CHECK(key && strcmp(key, names[i]) == 0, "row %d: key '%s', expected '%s'", row, key ? key : "?",
			 names[i]);
		free(key);
		FZ_CHECK(rd_lit(r, ":"), "row %d: no ':'", row);
		if (c->null) {
			FZ_CHECK(rd_lit(r, t == DESK_COL_LIST ? "[]" : "null"), "row %d col %d: null written as '%.10s'",
				 row, i, r->p);
			continue;
		}
		if (t == DESK_COL_INT || t == DESK_COL_REAL) {
			char *num = rd_number(r);
			FZ_CHECK(num && strcmp(num, c->text) == 0, "row %d col %d: number '%s', expected '%s'", row, i,
				 num ? num : "(not a JSON number)", c->text);
			free(num);
		} else if (t == DESK_COL_LIST) {
			FZ_CHECK(rd_lit(r, "["), "row %d col %d: no '['", row, i);
			const char *p = c->text;
			int first = 1;
			while (*p) {
				const char *e = strchr(p, ',');
				size_t n = e ? (size_t)(e - p) : strlen(p);
				if (n) {
					if (!first)
						FZ_CHECK(rd_lit(r, ","), "row %d col %d: no ',' in the list", row, i);
					first = 0;
					char *item = rd_string(r);
					FZ_CHECK(item && strlen(item) == n && memcmp(item, p, n) == 0,
						 "row %d col %d: list item '%s', expected '%.*s'", row, i, item ? item : "?",
						 (int)n, p);
					free(item);
				}
				p += n + (e ? 1 : 0);
			}
			FZ_CHECK(rd_lit(r, "]"), "row %d col %d: list not closed at '%.10s'", row, i, r->p);
		} else {
			char *s = rd_string(r);
			FZ_CHECK(s && strcmp(s, c->text) == 0, "row %d col %d: string '%s', expected '%s'", row, i,
				 s ? s : "(malformed)", c->text);
			free(s);
		}
	}
	FZ_CHECK(rd_lit(r, "}"), "row %d: no '}' at '%.20s'", row, r->p);
}

static void check_json(struct doc *D, const char *out, size_t len)
{
	struct rd r = { out, out + len };
	if (D->opt.format == DESK_FMT_JSON) {
		if (D->nrows == 0) {
			FZ_CHECK(len == 3 && memcmp(out, "[]\n", 3) == 0, "empty json '%s'", out);
			return;
		}
		FZ_CHECK(rd_lit(&r, "[\n"), "json does not open with '[': '%.20s'", out);
		for (int row = 0; row < D->nrows; row++) {
			if (row)
				FZ_CHECK(rd_lit(&r, ",\n"), "no ',' before row %d", row);
			check_json_row(D, &r, row);
		}
		FZ_CHECK(rd_lit(&r, "\n]\n") && r.p == r.end, "json does not close: '%.20s'", r.p);
		return;
	}
	for (int row = 0; row < D->nrows; row++) {
		check_json_row(D, &r, row);
		FZ_CHECK(rd_lit(&r, "\n"), "jsonl row %d not ended by a newline", row);
	}
	FZ_CHECK(r.p == r.end, "trailing jsonl output '%.20s'", r.p);
}

/* --- csv and tsv */

static int shown(struct doc *D, int i)
{
	return !(D->cols[i].flags & DESK_COL_JSON_ONLY);
}

/* One csv field into a new allocation; sets *last at the end of a record. */
static char *csv_field(struct rd *r, int *last)
{
	struct desk_buf b = DESK_BUF_INIT;
	desk_buf_add(&b, "", 0);
	if (r->p < r->end && *r->p == '"') {
		r->p++;
		for (;;) {
			FZ_CHECK(r->p < r->end, "csv: quoted field not closed");
			if (*r->p == '"') {
				if (r->p + 1 < r->end && r->p[1] == '"') {
					desk_buf_addc(&b, '"');
					r->p += 2;
					continue;
				}
				r->p++;
				break;
			}
			desk_buf_addc(&b, *r->p++);
		}
	} else {
		while (r->p < r->end && *r->p != ',' && *r->p != '\r' && *r->p != '\n') {
			FZ_CHECK(*r->p != '"', "csv: a quote in an unquoted field");
			desk_buf_addc(&b, *r->p++);
		}
	}
	if (r->p < r->end && *r->p == ',') {
		r->p++;
		*last = 0;
	} else {
		FZ_CHECK(rd_lit(r, "\r\n"), "csv: field not followed by ',' or CRLF: '%.10s'", r->p);
		*last = 1;
	}
	return desk_buf_take(&b);
}

static char *tsv_field(struct rd *r, int *last)
{
	struct desk_buf b = DESK_BUF_INIT;
	desk_buf_add(&b, "", 0);
	while (r->p < r->end && *r->p != '\t' && *r->p != '\n') {
		char c = *r->p++;
		if (c == '\\') {
			FZ_CHECK(r->p < r->end, "tsv: a lone backslash at the end");
			char e = *r->p++;
			c = e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : e == '\\' ? '\\' : 0;
			FZ_CHECK(c, "tsv: unknown escape '\\%c'", e);
		} else {
			FZ_CHECK(c != '\r', "tsv: a raw CR");
		}
		desk_buf_addc(&b, c);
	}
	FZ_CHECK(r->p < r->end, "tsv: line not ended");
	*last = *r->p++ == '\n';
	return desk_buf_take(&b);
}

static void check_delimited(struct doc *D, const char *out, size_t len)
{
	int csv = D->opt.format == DESK_FMT_CSV;
	struct rd r = { out, out + len };
	int nshown = 0;
	for (int i = 0; i < D->ncols; i++)
		nshown += shown(D, i);
	int header = csv || D->opt.header;
	for (int row = header ? -1 : 0; row < D->nrows; row++) {
		int last = 0, k = 0;
		for (int i = 0; i < D->ncols; i++) {
			if (!shown(D, i))
				continue;
			FZ_CHECK(!last, "%s row %d: %d fields, expected %d", csv ? "csv" : "tsv", row, k, nshown);
			char *f = csv ? csv_field(&r, &last) : tsv_field(&r, &last);
			const char *want = row < 0 ? names[i]
					 : D->cells[row * D->ncols + i].null ? ""
					 : D->cells[row * D->ncols + i].text;
			FZ_CHECK(strcmp(f, want) == 0, "%s row %d col %d: '%s', expected '%s'", csv ? "csv" : "tsv", row,
				 i, f, want);
			free(f);
			k++;
		}
		FZ_CHECK(last || nshown == 0, "%s row %d: more fields than columns", csv ? "csv" : "tsv", row);
		if (nshown == 0)
			FZ_CHECK(rd_lit(&r, csv ? "\r\n" : "\n"), "empty record not ended");
	}
	FZ_CHECK(r.p == r.end, "%s: output after the last row: '%.20s'", csv ? "csv" : "tsv", r.p);
}

static void check_table(struct doc *D, const char *out, size_t len)
{
	FZ_CHECK(fz_utf8_ok(out, len), "table output is not UTF-8");
	if (D->nrows == 0) {
		FZ_CHECK(len == 0, "a table without rows printed %zu bytes", len);
		return;
	}
	int lines = 0;
	const char *p = out, *end = out + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		FZ_CHECK(nl, "table line not ended");
		const char *a = p, *b = nl;
		if (lines == 0 && D->opt.color) {
			FZ_CHECK(b - a >= 8 && memcmp(a, "\033[1m", 4) == 0 && memcmp(b - 4, "\033[0m", 4) == 0,
				 "header without bold");
			a += 4;
			b -= 4;
		}
		for (const char *q = a; q < b; q++)
			FZ_CHECK((unsigned char)*q >= 0x20 && *q != 0x7f, "control byte 0x%02x in table line %d",
				 (unsigned char)*q, lines);
		/* C1 controls (U+0080..U+009F) */
		for (const char *q = a; q + 1 < b; q++)
			FZ_CHECK(!((unsigned char)q[0] == 0xc2 && (unsigned char)q[1] < 0xa0),
				 "C1 control in table line %d", lines);
		lines++;
		p = nl + 1;
	}
	FZ_CHECK(lines == D->nrows + 1, "table of %d rows printed %d lines", D->nrows, lines);
}

/* --- feeding the writer */

static void add_row(struct doc *D)
{
	if (D->nrows == D->cap) {
		D->cap = D->cap ? D->cap * 2 : 8;
		D->cells = realloc(D->cells, (size_t)D->cap * (size_t)D->ncols * sizeof *D->cells);
		if (!D->cells)
			abort();
	}
	for (int i = 0; i < D->ncols; i++)
		D->cells[D->nrows * D->ncols + i] = (struct cellv){ 1, NULL };
	D->nrows++;
}

static void put_cell(struct doc *D, struct desk_out *o, int col, const char *s)
{
	struct cellv *c = &D->cells[(D->nrows - 1) * D->ncols + col];
	char buf[64];
	if (strcmp(s, "\001") == 0) {
		desk_out_null(o);
		return;
	}
	c->null = 0;
	switch (D->cols[col].type) {
	case DESK_COL_INT: {
		long long v = strtoll(s, NULL, 10);
		desk_out_int(o, v);
		snprintf(buf, sizeof buf, "%lld", v);
		c->text = strdup(buf);
		break;
	}
	case DESK_COL_REAL: {
		double v = strtod(s, NULL);
		if (!isfinite(v) || fabs(v) > 1e15)
			v = 0; /* scores are finite: NaN is outside the writer's contract */
		desk_out_real(o, v);
		snprintf(buf, sizeof buf, "%.2f", v);
		c->text = strdup(buf);
		break;
	}
	case DESK_COL_TIME: {
		long long v = strtoll(s, NULL, 10);
		if (v < 0 || v > 253402300799LL)
			v = v < 0 ? 0 : 253402300799LL; /* the times the toolkit stores */
		desk_out_time(o, (time_t)v);
		if (D->opt.format == DESK_FMT_TABLE)
			desk_time_short((time_t)v, buf, sizeof buf);
		else
			desk_time_iso((time_t)v, buf, sizeof buf);
		c->text = strdup(buf);
		break;
	}
	case DESK_COL_LIST:
		D->valid &= fz_utf8_ok(s, strlen(s));
		desk_out_list(o, s);
		c->text = strdup(s);
		break;
	default:
		D->valid &= fz_utf8_ok(s, strlen(s));
		desk_out_text(o, s);
		c->text = strdup(s);
		break;
	}
	if (!c->text)
		abort();
}

static void check_put_text(const char *s)
{
	char *out = NULL, *js = NULL;
	size_t len = 0, jlen = 0;
	FILE *fp = open_memstream(&out, &len), *jf = open_memstream(&js, &jlen);
	if (!fp || !jf)
		abort();
	desk_put_text(fp, s);
	desk_json_string(jf, s);
	fclose(fp);
	fclose(jf);
	if (fz_utf8_ok(s, strlen(s))) {
		FZ_CHECK(fz_utf8_ok(out, len), "desk_put_text wrote invalid UTF-8");
		for (size_t i = 0; i < len; i++) {
			unsigned char c = (unsigned char)out[i];
			FZ_CHECK(c >= 0x20 || c == '\n' || c == '\t', "desk_put_text let control 0x%02x through", c);
			FZ_CHECK(c != 0x7f, "desk_put_text let DEL through");
			FZ_CHECK(!(c == 0xc2 && i + 1 < len && (unsigned char)out[i + 1] < 0xa0),
				 "desk_put_text let a C1 control through");
		}
		struct rd r = { js, js + jlen };
		char *back = rd_string(&r);
		FZ_CHECK(back && r.p == r.end && strcmp(back, s) == 0, "desk_json_string('%s') wrote %s", s, js);
		free(back);
	}
	free(out);
	free(js);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	struct doc D = { .valid = 1 };
	D.opt.format = formats[data[0] % 5];
	D.opt.header = data[1] & 1;
	D.opt.color = (data[1] >> 1) & 1;
	D.ncols = 1 + (data[1] >> 2) % MAXC;
	D.opt.width = data[2] & 1 ? 0 : data[2] / 2;
	size_t pos = 3;
	for (int i = 0; i < D.ncols; i++) {
		uint8_t b = pos < size ? data[pos++] : 0;
		D.cols[i].name = names[i];
		D.cols[i].title = titles[i];
		D.cols[i].type = types[b % 5];
		D.cols[i].flags = (b >> 3) & 3;
	}

	char **cells;
	int ncells = pos < size ? fz_split(data + pos, size - pos, &cells) : 0;
	if (!ncells)
		cells = NULL;

	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	if (!fp)
		abort();
	struct desk_out *o = desk_out_new(fp, &D.opt, D.cols, D.ncols);
	int col = 0;
	for (int k = 0; k < ncells; k++) {
		const char *s = cells[k];
		if (col == 0)
			add_row(&D);
		if (strcmp(s, "\002") == 0) {
			col = D.ncols;
		} else {
			put_cell(&D, o, col, s);
			col++;
		}
		if (col == D.ncols) {
			FZ_CHECK(desk_out_row_end(o) == 0, "desk_out_row_end failed");
			col = 0;
		}
	}
	if (col)
		FZ_CHECK(desk_out_row_end(o) == 0, "desk_out_row_end failed");
	FZ_CHECK(desk_out_finish(o) == 0, "desk_out_finish failed");
	desk_out_free(o);
	fclose(fp);

	if (D.valid) {
		switch (D.opt.format) {
		case DESK_FMT_JSON:
		case DESK_FMT_JSONL:
			FZ_CHECK(fz_utf8_ok(out, len), "json output is not UTF-8");
			check_json(&D, out, len);
			break;
		case DESK_FMT_CSV:
		case DESK_FMT_TSV:
			check_delimited(&D, out, len);
			break;
		default:
			check_table(&D, out, len);
			break;
		}
	}
	for (int k = 0; k < ncells && k < 8; k++)
		check_put_text(cells[k]);

	for (int i = 0; i < D.nrows * D.ncols; i++)
		free(D.cells[i].text);
	free(D.cells);
	free(out);
	if (cells)
		fz_argv_free(cells);
	return 0;
}
