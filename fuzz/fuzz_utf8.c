/*
 * fuzz_utf8.c - UTF-8 validation and display width: desk_utf8_bad_offset,
 * desk_utf8_valid, desk_text_check, desk_utf8_next, desk_utf8_width,
 * desk_utf8_fit.
 *
 * Input: any bytes; the first byte (when there is one) is the column
 * budget for desk_utf8_fit, the rest the text. Checks:
 *  - desk_utf8_bad_offset agrees with an independent validator: the bytes
 *    before it are valid, and it is n only for valid text; desk_utf8_valid
 *    and desk_text_check agree with it (message names the byte);
 *  - desk_utf8_next decodes valid text to the reference code points;
 *  - widths are 0..2 per code point and add up to desk_utf8_width;
 *  - desk_utf8_fit never splits a character (it stops on a boundary of
 *    desk_utf8_next's steps; on valid text never before a continuation
 *    byte), the prefix fits in the budget, and it is the longest that does;
 *    a string fits in its own width.
 */
#include "fuzz_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reference decoder for valid UTF-8. */
static uint32_t ref_next(const unsigned char **pp)
{
	const unsigned char *p = *pp;
	uint32_t c = p[0];
	int more = c < 0x80 ? 0 : c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3;
	if (more)
		c &= 0x3f >> more;
	for (int k = 1; k <= more; k++)
		c = c << 6 | (p[k] & 0x3f);
	*pp = p + 1 + more;
	return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct desk *d = fz_desk();
	int cols = size ? data[0] % 64 : 0;
	const uint8_t *body = size ? data + 1 : data;
	size_t n = size ? size - 1 : 0;
	char *buf = fz_cstr(body, n); /* n bytes, then a NUL */

	/* validation over the length, NUL bytes included */
	size_t off = desk_utf8_bad_offset(buf, n);
	int valid = fz_utf8_ok(buf, n);
	FZ_CHECK(off <= n, "offset %zu of %zu", off, n);
	FZ_CHECK(valid == (off == n), "desk_utf8_bad_offset %zu of %zu, reference says %s", off, n,
		 valid ? "valid" : "invalid");
	FZ_CHECK(fz_utf8_ok(buf, off), "bytes before the bad offset %zu are not valid", off);
	if (off < n) {
		/* the reference agrees that no valid character (or NUL) starts there */
		int longest = 0;
		for (int k = 1; k <= 4 && off + (size_t)k <= n; k++)
			if (fz_utf8_ok(buf + off, (size_t)k))
				longest = k;
		FZ_CHECK(longest == 0, "a valid %d-byte character at the bad offset %zu", longest, off);
	}
	FZ_CHECK(desk_utf8_valid(buf, n) == valid, "desk_utf8_valid disagrees");
	desk_clear_error(d);
	int rc = desk_text_check(d, "text", buf, n);
	if (valid) {
		FZ_CHECK(rc == 0, "desk_text_check refused valid text: %s", d->errmsg);
	} else {
		static const int allowed[] = { EX_DATAERR, 0 };
		char at[48];
		fz_check_error(d, rc, "desk_text_check", allowed);
		snprintf(at, sizeof at, "at byte %zu", off);
		FZ_CHECK(strstr(d->errmsg, at) != NULL, "message '%s' does not say '%s'", d->errmsg, at);
	}

	/* the text as a C string from here on */
	size_t len = strlen(buf);
	int cvalid = fz_utf8_ok(buf, len);
	if (cvalid) {
		const char *p = buf;
		const unsigned char *q = (const unsigned char *)buf;
		while (*p) {
			uint32_t a = desk_utf8_next(&p), b = ref_next(&q);
			FZ_CHECK(a == b && p == (const char *)q, "desk_utf8_next: U+%04X, reference U+%04X", a, b);
		}
	}

	/* widths */
	int width = desk_utf8_width(buf), sum = 0, steps = 0;
	size_t *bound = malloc((len + 1) * sizeof *bound);
	int *wat = malloc((len + 1) * sizeof *wat);
	if (!bound || !wat)
		abort();
	const char *p = buf;
	bound[0] = 0;
	wat[0] = 0;
	while (*p) {
		int cw = desk_codepoint_width(desk_utf8_next(&p));
		FZ_CHECK(cw >= 0 && cw <= 2, "width %d", cw);
		sum += cw;
		steps++;
		bound[steps] = (size_t)(p - buf);
		wat[steps] = sum;
		FZ_CHECK(bound[steps] <= len, "desk_utf8_next ran past the end");
	}
	FZ_CHECK(width == sum, "desk_utf8_width %d, sum %d", width, sum);
	FZ_CHECK(width <= 2 * (int)len, "width %d for %zu bytes", width, len);

	/* fitting */
	size_t fit = desk_utf8_fit(buf, cols);
	int k = 0;
	while (k < steps && bound[k] < fit)
		k++;
	FZ_CHECK(bound[k] == fit, "desk_utf8_fit(%d) = %zu splits a character", cols, fit);
	if (cvalid)
		FZ_CHECK(((unsigned char)buf[fit] & 0xc0) != 0x80, "desk_utf8_fit stops before a continuation byte");
	FZ_CHECK(wat[k] <= cols, "desk_utf8_fit(%d) keeps %d columns", cols, wat[k]);
	FZ_CHECK(k == steps || wat[k + 1] > cols, "desk_utf8_fit(%d) = %zu stops early (%d columns next)", cols,
		 fit, wat[k + 1]);
	FZ_CHECK(desk_utf8_fit(buf, width) == len, "the string does not fit in its own width %d", width);

	free(bound);
	free(wat);
	free(buf);
	return 0;
}
