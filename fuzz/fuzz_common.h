/*
 * fuzz_common.h - what the libFuzzer targets share: one struct desk per
 * process (with a temp-file database for the targets that need one), input
 * slicing, and the invariant checks that abort() on violation so libFuzzer
 * records the input as a crash.
 */
#ifndef DESK_FUZZ_COMMON_H
#define DESK_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "desk.h"

/* The fixed clock and zone every target runs with, so runs repeat: a zone
 * with summer time (as a POSIX rule: no tzdata needed) and a "now" in it. */
#define FZ_TZ "CET-1CEST,M3.5.0,M10.5.0/3"
#define FZ_NOW "2026-11-23T10:04:05+01:00"

/* The process's context, initialised on first call (desk_init). Warnings
 * are checked (not empty), counted and dropped. */
struct desk *fz_desk(void);

/* The same context with a database: a temp file created with
 * desk_open(..., DESK_OPEN_CREATE) on first call, seeded with a few agents,
 * teams, tickets (English, Vietnamese, Chinese) and KB articles, and
 * removed at exit. */
struct desk *fz_desk_db(void);

/* A NUL-terminated copy of data[0..size); free() it. */
char *fz_cstr(const uint8_t *data, size_t size);

/* Split data into words at NUL and newline bytes (empty words kept):
 * *argv is allocated, with the words in one block; fz_argv_free frees.
 * Returns the number of words. */
int fz_split(const uint8_t *data, size_t size, char ***argv);
void fz_argv_free(char **argv);

/* Report a violated invariant with the input context and abort(). */
void fz_fail(const char *what, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

#define FZ_CHECK(cond, ...) \
	do { if (!(cond)) fz_fail(#cond, __VA_ARGS__); } while (0)

/* A failed call: rc is one of the allowed statuses (a 0-terminated list),
 * d->err == rc and d->errmsg is not empty. */
void fz_check_error(struct desk *d, int rc, const char *call, const int *allowed);

/* Warnings seen so far (the hook only checks them). */
extern int fz_warnings;

/* 1 when the named check is listed in $DESK_FUZZ_SKIP (comma-separated):
 * a way to explore past a known, reported finding. Names: msg-utf8,
 * time-range, time-roundtrip, ids-spec, token-idempotent. */
int fz_skip(const char *check);

/* The message left in d is valid UTF-8 (call when the input was): a cut in
 * the middle of a character prints garbage. Skipped with msg-utf8. */
void fz_check_message_utf8(struct desk *d, const char *call);

/* Reference UTF-8 validator, written independently of lib/utf8.c: 1 when
 * s[0..n) is shortest-form UTF-8 without surrogates, at most U+10FFFF and
 * without NUL. */
int fz_utf8_ok(const char *s, size_t n);

#endif
