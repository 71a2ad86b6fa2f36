/*
 * frontmatter.h - knowledge-base articles as Markdown files with a YAML
 * front matter header, for kb-import, kb-export and kb-edit:
 *
 *   ---
 *   id: 12
 *   title: Đặt lại mật khẩu
 *   tags: [login, password]
 *   lang: vi
 *   status: published
 *   audience: public
 *   owner: dana
 *   review_by: 2027-01-31
 *   ---
 *   The body, Markdown.
 */
#ifndef DESK_FRONTMATTER_H
#define DESK_FRONTMATTER_H

#include <stdint.h>
#include <stdio.h>

#include "desk/core.h"
#include "desk/kb.h"

struct desk_frontmatter {
	int64_t id;                  /* id: when given, else 0 */
	struct desk_article_draft a; /* fields given; a.body points into the parsed text */
	void *owned;                 /* storage behind the strings; freed by release */
};

/*
 * Parse text[0..len) (a file named `name`, used in messages). Without a
 * leading "---" line the whole text is the body. Errors: EX_DATAERR with
 * "NAME:LINE: key 'K': what is wrong" (malformed YAML, wrong type, bad
 * value, unterminated header, invalid UTF-8); unknown keys are warnings.
 * The result points into text, which must outlive it.
 */
int desk_frontmatter_parse(struct desk *d, const char *name, const char *text, size_t len,
			   struct desk_frontmatter *fm);
void desk_frontmatter_release(struct desk_frontmatter *fm);

/* Write article a as front matter and body (what parse reads back).
 * Returns 0 or EX_IOERR. */
int desk_frontmatter_write(FILE *fp, const struct desk_article *a);

/* What desk_frontmatter_import did (or, in a transaction rolled back
 * afterwards, would do). */
enum desk_fm_action { DESK_FM_CREATED = 1, DESK_FM_UPDATED, DESK_FM_UNCHANGED };

/*
 * Write a parsed file to the knowledge base in one transaction: when
 * fm->id names an article, change it (a new version only when the title,
 * body or tags differ; a review date on the day the article already has is
 * left as it is, since files carry dates only); otherwise create an
 * article, which then needs a title and a body (a missing fm->id gets a
 * new id, with a warning). Sets *id and *action. Returns 0, EX_DATAERR
 * with "NAME: what is wrong", or the database's error.
 */
int desk_frontmatter_import(struct desk *d, const char *name, const struct desk_frontmatter *fm,
			    int64_t *id, enum desk_fm_action *action);

/*
 * The file name part for a title: the tokenizer's folded words, ASCII
 * letters and digits only, joined by '-', at most DESK_FM_SLUG_MAX bytes
 * ("Đặt lại mật khẩu" -> "dat-lai-mat-khau"; an all-CJK title gives "").
 * out must hold DESK_FM_SLUG_MAX + 1 bytes. Returns out.
 */
#define DESK_FM_SLUG_MAX 60
char *desk_frontmatter_slug(const char *title, char *out);

/* 1 when t1 and t2 fall on the same local calendar day, or are both 0. */
int desk_frontmatter_same_day(time_t t1, time_t t2);

#endif
