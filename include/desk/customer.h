/*
 * customer.h - customers (the people who ask for help) and their
 * organisations. A customer is created on first sight by ticket-new -r
 * EMAIL; these functions find, read, list and change them.
 */
#ifndef DESK_CUSTOMER_H
#define DESK_CUSTOMER_H

#include <stdint.h>
#include <time.h>

#include "desk/core.h"

#define DESK_CUSTOMER_NAME_MAX 200    /* bytes, one line */
#define DESK_ORG_NAME_MAX 200         /* bytes, one line */
#define DESK_CUSTOMER_NOTES_MAX 10000 /* bytes */

/*
 * Find the customer a command-line word names: a word containing '@' is an
 * email address (compared without regard to ASCII case), any other word a
 * positive id as desk_id_parse reads it ("42", "#42"). Allocates nothing.
 * Sets *id and returns 0; EX_DATAERR for a word that is neither (or is not
 * UTF-8); EX_NOINPUT "no customer 'WORD'" when there is no such customer.
 */
int desk_customer_find(struct desk *d, const char *word, int64_t *id);

/* A customer as read back. Strings are allocated; desk_customer_release
 * frees them. NULL where a field is empty (no name, no organisation...). */
struct desk_customer {
	int64_t id;
	char *email;
	char *name;
	char *org;            /* the organisation's name */
	char *notes;
	time_t created;
	long long tickets;    /* tickets this customer requested */
	long long unsolved;   /* of those: new, open, pending or on-hold */
};

/*
 * Read customer id into *c (which the caller provides; its strings are
 * allocated here and freed by desk_customer_release, also after a
 * failure). Returns 0, EX_NOINPUT "no customer 'ID'", or an error status.
 */
int desk_customer_get(struct desk *d, int64_t id, struct desk_customer *c);
void desk_customer_release(struct desk_customer *c);

/* A listing row; pointers are valid during the callback; NULL when empty. */
struct desk_customer_row {
	int64_t id;
	const char *email, *name, *org;
	long long tickets, unsolved;
	time_t created;
};

/*
 * Stream customers ordered by id. org (NULL: any) keeps those of that
 * organisation (its name, ASCII case ignored); "" keeps those with none.
 * match (NULL or "": all) keeps those whose email or name contains it
 * (ASCII case ignored). Allocates nothing the caller frees. fn returns 0
 * to go on. Returns 0, fn's non-zero value, EX_DATAERR for text that is not
 * UTF-8, or an error status.
 */
int desk_customer_list(struct desk *d, const char *org, const char *match,
		       int (*fn)(void *arg, const struct desk_customer_row *r), void *arg);

/*
 * A change to a customer: NULL leaves a field as it is, "" removes it.
 * org names an organisation, created on first sight.
 */
struct desk_customer_change {
	const char *name;   /* at most DESK_CUSTOMER_NAME_MAX bytes, one line */
	const char *org;    /* at most DESK_ORG_NAME_MAX bytes, one line */
	const char *notes;  /* at most DESK_CUSTOMER_NOTES_MAX bytes */
};

/*
 * Apply ch to customer id in one transaction, writing one event (entity
 * "customer", field "name", "organisation" or "notes", old and new value)
 * per field that really changes, and one event (entity "organisation",
 * field "organisation") for an organisation created on first sight.
 * All text is checked first: EX_DATAERR for invalid UTF-8, a line break
 * in a name or an overlong value, and nothing is written. Allocates
 * nothing the caller frees. Returns 0, EX_NOINPUT "no customer 'ID'",
 * EX_TEMPFAIL when locked, or another error status. *changed (may be NULL)
 * is set to the number of fields that changed.
 */
int desk_customer_update(struct desk *d, int64_t id, const struct desk_customer_change *ch,
			 int *changed);

/* An organisation listing row; pointers are valid during the callback. */
struct desk_org_row {
	int64_t id;
	const char *name;
	long long customers;  /* customers in it */
	long long tickets;    /* tickets its customers requested */
	time_t created;
};

/*
 * Stream every organisation ordered by id. Allocates nothing the caller
 * frees. fn returns 0 to go on. Returns 0, fn's non-zero value, or an
 * error status.
 */
int desk_org_list(struct desk *d, int (*fn)(void *arg, const struct desk_org_row *r), void *arg);

#endif
