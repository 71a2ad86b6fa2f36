/*
 * filter.h - the ticket filter language (desk-filter(7)), one parser for
 * every command that selects tickets. The parser builds a small syntax tree;
 * the database backend turns it into a query with bound parameters.
 */
#ifndef DESK_FILTER_H
#define DESK_FILTER_H

#include <stdint.h>

#include "desk/core.h"

enum desk_ffield {
	DESK_F_ID, DESK_F_STATUS, DESK_F_PRIORITY, DESK_F_TYPE, DESK_F_CHANNEL,
	DESK_F_TAG, DESK_F_ASSIGNEE, DESK_F_TEAM, DESK_F_REQUESTER,
	DESK_F_CREATED, DESK_F_UPDATED, DESK_F_SOLVED, DESK_F_TEXT, DESK_F_ORG,
	/* clock terms: the SLA engine decides them, not a query (sla.h) */
	DESK_F_SLA,   /* sla:breached,at-risk: a running clock in that state */
	DESK_F_DUE,   /* due:<4h: the earliest running due time, from now */
};

enum desk_fop { DESK_OP_EQ, DESK_OP_LT, DESK_OP_LE, DESK_OP_GT, DESK_OP_GE };

struct desk_fterm {
	enum desk_ffield field;
	enum desk_fop op;
	int negate;          /* -field:value */
	int nvalues;         /* any of values[] (field:a,b) */
	char **values;       /* text values, normalised (statuses, tags, logins...) */
	int64_t *nums;       /* numeric values: ids, priorities, times (UTC s),
				due: seconds from now (negative: ago) */
	int64_t day_end;     /* times compared to a bare date: end of that day */
	int none;            /* assignee:none, team:none, requester:none, org:none */
	int me;              /* assignee:me (values[0] is the actor) */
	int word;            /* 1-based position of the word, for messages */
};

struct desk_filter {
	struct desk_fterm *terms;
	int nterms;
	enum desk_ffield sort;  /* DESK_F_ID by default; DESK_F_DUE: by due time */
	int sort_desc;
	long limit;             /* 0: no limit */
};

/*
 * Parse filter words. *out is allocated; free it with desk_filter_free.
 * Returns 0, or EX_DATAERR with a message naming the offending word:
 * "bad filter word 3 'priority:>=hihg': unknown priority 'hihg'".
 */
int desk_filter_parse(struct desk *d, int argc, char *const *argv, struct desk_filter **out);

void desk_filter_free(struct desk_filter *f);

/* A filter built by a program instead of parsed from words (so stored data
 * never has to be quoted as filter text): every ticket, in id order, until
 * terms are added. Allocated; desk_filter_free frees it. */
struct desk_filter *desk_filter_new(void);

/* Add the term field = value (one value, as written: no operator, no
 * negation, no list). Returns 0 or EX_DATAERR for a bad value. */
int desk_filter_add(struct desk *d, struct desk_filter *f, enum desk_ffield field, const char *value);

/*
 * Parse a filter written as one string (as in the team policy): words
 * split on spaces, where 'single' or "double" quotes keep spaces in a word
 * (no escapes). Errors as desk_filter_parse, plus an unclosed quote.
 */
int desk_filter_parse_text(struct desk *d, const char *text, struct desk_filter **out);

/*
 * Whether f tests SLA clocks (an sla: or due: term, or sort:due), which
 * only the SLA engine can decide: the store's listings refuse such a
 * filter with 65 naming the word, and desk_sla_ticket_list (sla.h) takes it.
 */
int desk_filter_tests_clocks(const struct desk_filter *f);

#endif
