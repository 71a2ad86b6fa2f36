/*
 * kb.h - the knowledge base: articles with versions, tags, status,
 * audience, an owner and a review date, searched with the desk tokenizer
 * (Vietnamese with or without diacritics, Chinese and Japanese by character
 * pairs, English) and ranked by bm25 with the title above the tags above
 * the body.
 */
#ifndef DESK_KB_H
#define DESK_KB_H

#include <stdint.h>

#include "desk/core.h"

extern const char *const desk_kb_statuses[];  /* draft, published, archived */
extern const char *const desk_kb_audiences[]; /* internal, public */

#define DESK_KB_TITLE_MAX 300

/* A new article, or the changes to one (NULL: keep; for a change, tags
 * replace the whole set when set_tags is 1). review_by 0 means none. */
struct desk_article_draft {
	const char *title;
	const char *body;
	size_t body_len;
	const char *const *tags;
	size_t ntags;
	int set_tags;
	const char *lang;       /* NULL: detected from the text (vi, zh, ja, ko, en) */
	const char *status;     /* default draft */
	const char *audience;   /* default internal */
	const char *owner;      /* default the acting account */
	time_t review_by;
	int set_review;         /* for changes: review_by was given (0 clears it) */
};

/* Check a draft without writing (creating: title and body required; a
 * NULL body is allowed when body_optional). Returns 0 or EX_DATAERR. */
int desk_kb_check(struct desk *d, const struct desk_article_draft *a, int creating, int body_optional);

/*
 * Create an article in one transaction (article, tags, index, event).
 * Sets *id. Returns 0 or EX_DATAERR for a bad field (nothing written).
 */
int desk_kb_create(struct desk *d, const struct desk_article_draft *a, int64_t *id);

/*
 * Change article id. A change to the title, body or tags keeps the old
 * version in the history and numbers a new one; status, audience, lang,
 * owner and review date are logged as events. Nothing changed: nothing
 * written. *changed (may be NULL) is set to 1 when anything changed.
 * Returns 0, EX_NOINPUT, EX_DATAERR.
 */
int desk_kb_update(struct desk *d, int64_t id, const struct desk_article_draft *c, int *changed);

/* An article as read back; strings allocated, desk_kb_release frees. */
struct desk_article {
	int64_t id;
	char *title, *body, *tags; /* tags space-separated, sorted */
	char *lang, *status, *audience, *owner, *author; /* author: of this version */
	time_t review_by;          /* 0: none */
	int version, versions;     /* this version, and how many there are */
	time_t created, updated;   /* updated: the last change of any kind */
	time_t version_at;         /* when this version was written */
	long uses;                 /* tickets it was used on (kb-link) */
};

/* Read article id at version (0: current). EX_NOINPUT "no article 'ID'"
 * or "article 'ID' has no version N". */
int desk_kb_get(struct desk *d, int64_t id, int version, struct desk_article *a);
void desk_kb_release(struct desk_article *a);

struct desk_kb_filter {
	const char *tag, *status, *audience;
	int stale;        /* past its review date (at d->now) */
};

/* A listing row; pointers valid during the callback. */
struct desk_kb_row {
	int64_t id;
	const char *title, *tags, *lang, *status, *audience, *owner;
	int version;
	long uses;
	time_t review_by, updated;
};

/* Stream articles matching f (NULL: all), by id. */
int desk_kb_list(struct desk *d, const struct desk_kb_filter *f,
		 int (*fn)(void *arg, const struct desk_kb_row *r), void *arg);

/* One version in an article's history; pointers valid during the callback. */
struct desk_kb_version {
	int version;
	const char *title, *author;
	time_t created;
	long chars;
};

/* Stream article id's versions, oldest first. EX_NOINPUT when none. */
int desk_kb_history(struct desk *d, int64_t id,
		    int (*fn)(void *arg, const struct desk_kb_version *v), void *arg);

/* Record that article was used on ticket (once; again is a no-op). */
int desk_kb_link(struct desk *d, int64_t ticket, int64_t article);

struct desk_kb_search_opts {
	long limit;            /* default 10 */
	const char *audience;  /* only this audience, or NULL */
	const char *status;    /* only this status; NULL: all but archived */
	int syntax;            /* the query is raw FTS5 syntax */
	const char *mark_open, *mark_close; /* snippet highlight; NULL: none */
};

/* A hit; pointers valid during the callback. score: higher is better. */
struct desk_kb_hit {
	int64_t id;
	const char *title, *snippet, *status, *audience, *lang;
	double score;
};

/*
 * Search: the query is text, never FTS5 syntax (unless opts->syntax):
 * words and "quoted phrases" must all match; `word*` asks for a prefix;
 * quotes, -, :, NEAR(, AND, OR are only words. When no article has every
 * word, articles with any of them are ranked instead. Returns 0 with hits,
 * DESK_PARTIAL (1) "no match" or "empty query" when there are none,
 * EX_DATAERR for invalid UTF-8, an over-long query or bad raw syntax.
 */
int desk_kb_search(struct desk *d, const char *query, const struct desk_kb_search_opts *opts,
		   int (*fn)(void *arg, const struct desk_kb_hit *h), void *arg);

/* The best articles for a ticket: its subject and first message as the
 * query (any word), published and draft articles. DESK_PARTIAL when none. */
int desk_kb_suggest(struct desk *d, int64_t ticket, const struct desk_kb_search_opts *opts,
		    int (*fn)(void *arg, const struct desk_kb_hit *h), void *arg);

/*
 * Build the FTS5 query for user text (the KB query normaliser). any: join
 * with OR instead of AND. *out is allocated (caller frees), NULL when the
 * text has no searchable word. *nterms counts the terms. Returns 0 or
 * EX_DATAERR (invalid UTF-8, longer than 10,000 bytes).
 */
int desk_kb_query_build(struct desk *d, const char *text, int any, char **out, int *nterms);

/* Guess the language of text: "vi", "zh", "ja", "ko" or "en" (static). */
const char *desk_lang_guess(const char *text);

#endif
