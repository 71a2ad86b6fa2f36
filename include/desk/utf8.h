/*
 * utf8.h - UTF-8 validation and terminal display width.
 */
#ifndef DESK_UTF8_H
#define DESK_UTF8_H

#include "desk/core.h"

/* 1 when s[0..n) is valid UTF-8 (shortest forms, no surrogates, at most
 * U+10FFFF) with no NUL byte; 0 otherwise. */
int desk_utf8_valid(const char *s, size_t n);

/* Offset of the first invalid byte (or NUL) in s[0..n), or n when valid. */
size_t desk_utf8_bad_offset(const char *s, size_t n);

/*
 * Check user text: returns 0, or EX_DATAERR with "invalid UTF-8 in WHAT at
 * byte N" (or "NUL byte in WHAT").
 */
int desk_text_check(struct desk *d, const char *what, const char *s, size_t n);

/* Decode one code point at *p (valid UTF-8 assumed; bad bytes give U+FFFD
 * and advance one byte). Advances *p. */
uint32_t desk_utf8_next(const char **p);

/* Columns a code point takes on a terminal: 0 (combining, controls),
 * 1, or 2 (East Asian wide and fullwidth). */
int desk_codepoint_width(uint32_t c);

/* Display width of a NUL-terminated UTF-8 string. */
int desk_utf8_width(const char *s);

/*
 * User text made safe to quote in a message: at most size - 4 bytes of
 * whole characters (then "…"), invalid UTF-8 and control characters shown
 * as '?'. Writes into buf (size at least 8) and returns it.
 */
char *desk_clip(char *buf, size_t size, const char *s);

/* Bytes of s that fit in at most cols display columns (whole characters,
 * combining marks kept with their base). */
size_t desk_utf8_fit(const char *s, int cols);

#endif
