/* utf8.c - strict UTF-8 validation and display width (CJK counts 2). */
#include "internal.h"

#include <string.h>

size_t desk_utf8_bad_offset(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		if (c < 0x80) {
			if (c == 0)
				return i;
			i++;
			continue;
		}
		size_t len;
		uint32_t cp, min;
		if (c >= 0xc2 && c <= 0xdf) { len = 2; cp = c & 0x1f; min = 0x80; }
		else if (c >= 0xe0 && c <= 0xef) { len = 3; cp = c & 0x0f; min = 0x800; }
		else if (c >= 0xf0 && c <= 0xf4) { len = 4; cp = c & 0x07; min = 0x10000; }
		else return i;
		if (n - i < len)
			return i;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += len;
	}
	return n;
}

int desk_utf8_valid(const char *s, size_t n)
{
	return desk_utf8_bad_offset(s, n) == n;
}

int desk_text_check(struct desk *d, const char *what, const char *s, size_t n)
{
	size_t at = desk_utf8_bad_offset(s, n);
	if (at == n)
		return 0;
	if (s[at] == '\0')
		return desk_error(d, EX_DATAERR, "NUL byte in %s at byte %zu", what, at);
	return desk_error(d, EX_DATAERR, "invalid UTF-8 in %s at byte %zu", what, at);
}

char *desk_clip(char *buf, size_t size, const char *s)
{
	size_t o = 0, n = strlen(s), i = 0;
	while (i < n) {
		/* look at one character only: the whole rest made this quadratic */
		size_t ok = desk_utf8_bad_offset(s + i, n - i < 4 ? n - i : 4);
		size_t clen = 1;
		if (ok > 0) {
			/* one valid character */
			const char *p = s + i;
			desk_utf8_next(&p);
			clen = (size_t)(p - (s + i));
		}
		if (o + clen > size - 4) {
			memcpy(buf + o, "\xe2\x80\xa6", 3); /* … */
			o += 3;
			break;
		}
		if (ok == 0 || (unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			buf[o++] = '?';
		else {
			memcpy(buf + o, s + i, clen);
			o += clen;
		}
		i += ok == 0 ? 1 : clen;
	}
	buf[o] = '\0';
	return buf;
}

uint32_t desk_utf8_next(const char **pp)
{
	const unsigned char *p = (const unsigned char *)*pp;
	uint32_t c = p[0];
	size_t len = 1;
	if (c >= 0xc0 && c < 0xe0 && (p[1] & 0xc0) == 0x80) {
		c = ((c & 0x1f) << 6) | (p[1] & 0x3f);
		len = 2;
	} else if (c >= 0xe0 && c < 0xf0 && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80) {
		c = ((c & 0x0f) << 12) | ((p[1] & 0x3f) << 6) | (p[2] & 0x3f);
		len = 3;
	} else if (c >= 0xf0 && c < 0xf5 && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80 &&
		   (p[3] & 0xc0) == 0x80) {
		c = ((c & 0x07) << 18) | ((p[1] & 0x3f) << 12) | ((p[2] & 0x3f) << 6) | (p[3] & 0x3f);
		len = 4;
	} else if (c >= 0x80) {
		c = 0xfffd;
	}
	*pp += len;
	return c;
}

struct range {
	uint32_t lo, hi;
};

/* Zero-width: combining marks (Vietnamese typed with combining tones uses
 * U+0300..U+036F), zero-width spaces and joiners, variation selectors. */
static const struct range zero_width[] = {
	{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd }, { 0x0610, 0x061a },
	{ 0x064b, 0x065f }, { 0x0e31, 0x0e31 }, { 0x0e34, 0x0e3a }, { 0x0e47, 0x0e4e },
	{ 0x1ab0, 0x1aff }, { 0x1dc0, 0x1dff }, { 0x200b, 0x200f }, { 0x202a, 0x202e },
	{ 0x2060, 0x2064 }, { 0x20d0, 0x20ff }, { 0x302a, 0x302d }, { 0x3099, 0x309a },
	{ 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f }, { 0xfeff, 0xfeff }, { 0xe0100, 0xe01ef },
};

/* East Asian Wide and Fullwidth (Unicode 15, EastAsianWidth.txt W and F). */
static const struct range wide[] = {
	{ 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2329, 0x232a }, { 0x23e9, 0x23ec },
	{ 0x23f0, 0x23f0 }, { 0x23f3, 0x23f3 }, { 0x25fd, 0x25fe }, { 0x2614, 0x2615 },
	{ 0x2648, 0x2653 }, { 0x267f, 0x267f }, { 0x2693, 0x2693 }, { 0x26a1, 0x26a1 },
	{ 0x26aa, 0x26ab }, { 0x26bd, 0x26be }, { 0x26c4, 0x26c5 }, { 0x26ce, 0x26ce },
	{ 0x26d4, 0x26d4 }, { 0x26ea, 0x26ea }, { 0x26f2, 0x26f3 }, { 0x26f5, 0x26f5 },
	{ 0x26fa, 0x26fa }, { 0x26fd, 0x26fd }, { 0x2705, 0x2705 }, { 0x270a, 0x270b },
	{ 0x2728, 0x2728 }, { 0x274c, 0x274c }, { 0x274e, 0x274e }, { 0x2753, 0x2755 },
	{ 0x2757, 0x2757 }, { 0x2795, 0x2797 }, { 0x27b0, 0x27b0 }, { 0x27bf, 0x27bf },
	{ 0x2b1b, 0x2b1c }, { 0x2b50, 0x2b50 }, { 0x2b55, 0x2b55 }, { 0x2e80, 0x303e },
	{ 0x3041, 0x33ff }, { 0x3400, 0x4dbf }, { 0x4e00, 0x9fff }, { 0xa000, 0xa4cf },
	{ 0xa960, 0xa97f }, { 0xac00, 0xd7a3 }, { 0xf900, 0xfaff }, { 0xfe10, 0xfe19 },
	{ 0xfe30, 0xfe6f }, { 0xff00, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x16fe0, 0x16fe4 },
	{ 0x17000, 0x18cff }, { 0x1b000, 0x1b2ff }, { 0x1f004, 0x1f004 }, { 0x1f0cf, 0x1f0cf },
	{ 0x1f18e, 0x1f18e }, { 0x1f191, 0x1f19a }, { 0x1f200, 0x1f251 }, { 0x1f300, 0x1f64f },
	{ 0x1f680, 0x1f6ff }, { 0x1f7e0, 0x1f7eb }, { 0x1f90c, 0x1f9ff }, { 0x1fa70, 0x1faff },
	{ 0x20000, 0x2fffd }, { 0x30000, 0x3fffd },
};

static int in_table(uint32_t c, const struct range *t, size_t n)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c < t[mid].lo)
			hi = mid;
		else if (c > t[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

int desk_codepoint_width(uint32_t c)
{
	if (c < 0x20 || (c >= 0x7f && c < 0xa0))
		return 0;
	if (c < 0x300)
		return 1;
	if (in_table(c, zero_width, sizeof zero_width / sizeof zero_width[0]))
		return 0;
	if (in_table(c, wide, sizeof wide / sizeof wide[0]))
		return 2;
	return 1;
}

int desk_utf8_width(const char *s)
{
	int w = 0;
	while (*s)
		w += desk_codepoint_width(desk_utf8_next(&s));
	return w;
}

size_t desk_utf8_fit(const char *s, int cols)
{
	const char *p = s;
	int w = 0;
	while (*p) {
		const char *q = p;
		int cw = desk_codepoint_width(desk_utf8_next(&q));
		if (w + cw > cols)
			break;
		w += cw;
		p = q;
	}
	return (size_t)(p - s);
}
