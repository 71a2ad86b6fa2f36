/*
 * textdiff.h - a unified diff of two texts, as GNU `diff -u` prints it
 * (desk-policy diff shows what changed between two policy versions).
 */
#ifndef DESK_TEXTDIFF_H
#define DESK_TEXTDIFF_H

#include <stddef.h>

#include "desk/core.h"

/*
 * Append to out a unified diff (diff -u format) of text a (labelled la)
 * and text b (labelled lb), with `context` lines of context (3 is diff's
 * default; a negative value is 0). Nothing is appended when the texts are
 * equal. Returns 1 when they differ, 0 when equal.
 *
 * The texts are lines split after each '\n'; any byte may appear in them
 * (NUL, '\r': a CRLF line differs from the same line with LF), and a last
 * line without a newline is followed by "\ No newline at end of file".
 * The output is what `diff -u --label LA --label LB` prints: headers
 * "--- LA" and "+++ LB" without times, hunks "@@ -l,n +l,n @@". The diff is
 * minimal; among minimal alignments it picks the one GNU diff picks in all
 * but rare cases. Texts that differ past some thousands of lines get a
 * correct but coarser diff, so the time stays under about a second for
 * inputs of a few MiB; memory is linear in the number of lines.
 *
 * la and lb must not be NULL. The output grows out (the caller frees it
 * with desk_buf_free); working memory is freed before returning.
 */
int desk_textdiff_unified(const char *a, size_t alen, const char *la, const char *b, size_t blen,
			  const char *lb, int context, struct desk_buf *out);

#endif
