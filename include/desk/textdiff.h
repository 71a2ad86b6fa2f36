/* textdiff.h - a unified diff of two texts (desk-policy diff). */
#ifndef DESK_TEXTDIFF_H
#define DESK_TEXTDIFF_H

#include "desk/core.h"

/*
 * Append to out a unified diff (the format of `diff -u`, with the labels
 * la and lb in the header and no times) of text a and text b, with
 * `context` lines of context. Nothing is appended when the texts are
 * equal. Returns 1 when they differ, 0 when equal. The diff is minimal
 * (Myers) unless the texts differ in more than a few thousand lines, where
 * the middle that differs is replaced wholesale: still a correct diff.
 */
int desk_textdiff_unified(const char *a, size_t alen, const char *la, const char *b, size_t blen,
			  const char *lb, int context, struct desk_buf *out);

#endif
