/*
 * tokenize.h - the "desk" full-text tokenizer, one index for Vietnamese,
 * Chinese, Japanese and English:
 *  - letters are lowercased and stripped of every diacritic, Vietnamese
 *    đ/Đ included (Unicode does not decompose them), whether the text is
 *    precomposed or typed with combining marks: "Điều" and "dieu" match;
 *  - runs of CJK ideographs and kana are cut into overlapping pairs
 *    ("发票错误" -> 发票 票错 错误), so a query of two or more characters
 *    finds the text that contains it; a lone character is its own token;
 *  - other words (Latin, Greek, Cyrillic, Hangul, digits) stay whole;
 *    punctuation, symbols and spaces separate tokens.
 */
#ifndef DESK_TOKENIZE_H
#define DESK_TOKENIZE_H

#include "desk/core.h"

/* Tokenize text[0..n): call fn for each token with its folded bytes and the
 * byte range it came from. fn returns 0 to go on; its non-zero value stops
 * and is returned. Invalid UTF-8 bytes separate tokens. Allocates nothing. */
int desk_tokenize(const char *text, int n,
		  int (*fn)(void *arg, const char *tok, int len, int start, int end), void *arg);

/* 1 when text yields at least one token (a query word worth searching). */
int desk_has_tokens(const char *text);

#endif
