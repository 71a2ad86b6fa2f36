/*
 * ticket.h - tickets, their requesters and their conversation.
 */
#ifndef DESK_TICKET_H
#define DESK_TICKET_H

#include <stdint.h>

#include "desk/core.h"

struct desk_filter;

/* Priorities are ordered, so filters can compare them. */
enum desk_priority {
	DESK_PRIORITY_LOW = 1,
	DESK_PRIORITY_NORMAL = 2,
	DESK_PRIORITY_HIGH = 3,
	DESK_PRIORITY_URGENT = 4,
};

#define DESK_SUBJECT_MAX 1000            /* bytes */
#define DESK_BODY_MAX (32 * 1024 * 1024) /* bytes */
#define DESK_TAG_MAX 64                  /* bytes */

/* Name <-> value. parse returns 0 or -1; name returns a static string. */
int desk_priority_parse(const char *s, int *out);
const char *desk_priority_name(int p);

/* 1 when s is a known status / channel / ticket type, else 0. */
int desk_status_valid(const char *s);
int desk_channel_valid(const char *s);
int desk_type_valid(const char *s);

/* Lists for messages and completion: "new, open, ..." (static strings). */
extern const char *const desk_statuses[];  /* NULL-terminated */
extern const char *const desk_channels[];
extern const char *const desk_types[];
extern const char *const desk_priorities[];

/*
 * Check and normalise a tag into out (at least DESK_TAG_MAX + 1 bytes):
 * ASCII letters are lowercased; a tag is 1 to 64 bytes of UTF-8 with no
 * space, comma or control character, not starting with '+' or '-'.
 * Returns 0 or EX_DATAERR.
 */
int desk_tag_normalise(struct desk *d, const char *tag, char *out);

/* Check an email address (one '@', no spaces or controls, at most 254
 * bytes). Returns 0 or EX_DATAERR. */
int desk_email_check(struct desk *d, const char *email);

/* Check a subject: 1 to DESK_SUBJECT_MAX bytes of UTF-8, one line.
 * Returns 0 or EX_DATAERR. */
int desk_subject_check(struct desk *d, const char *subject);

/* Check a message body: UTF-8, no NUL, at most DESK_BODY_MAX bytes, not
 * blank. len is the byte length. Returns 0 or EX_DATAERR. */
int desk_body_check(struct desk *d, const char *body, size_t len);

struct desk_ticket_draft {
	const char *subject;            /* required */
	const char *body;               /* the requester's first message, or NULL */
	size_t body_len;
	const char *requester;          /* email, or NULL; created on first sight */
	const char *priority;           /* NULL: defaults.priority from the config */
	const char *channel;            /* NULL: defaults.channel */
	const char *type;               /* NULL: defaults.type */
	const char *const *tags;
	size_t ntags;
};

/*
 * Create a ticket in one transaction (ticket, requester, first message,
 * tags, event). Sets *id. Returns 0, EX_DATAERR for bad fields (nothing is
 * written), EX_TEMPFAIL when locked, or another error status.
 */
int desk_ticket_create(struct desk *d, const struct desk_ticket_draft *t, int64_t *id);

/* A ticket as read back. Strings are allocated; desk_ticket_release frees
 * them. NULL where a field is empty (no assignee, ...). */
struct desk_ticket {
	int64_t id;
	char *subject;
	char *status;
	int priority;
	char *type;
	char *channel;
	char *requester;      /* email */
	char *requester_name;
	char *assignee;       /* login */
	char *team;
	char *tags;           /* comma-separated, sorted */
	int64_t parent_id;    /* 0 when none */
	time_t created, updated;
	time_t first_response, solved, closed; /* 0 when not yet */
};

/* Read ticket id. Returns 0, or EX_NOINPUT "no ticket '#ID'". */
int desk_ticket_get(struct desk *d, int64_t id, struct desk_ticket *t);
void desk_ticket_release(struct desk_ticket *t);

/* A message of the conversation; pointers are valid during the callback. */
struct desk_message {
	int64_t id;
	const char *kind;   /* customer, reply, note */
	const char *author; /* email or login */
	const char *body;
	time_t created;
};

/* Call fn for each message of ticket id, oldest first. fn returns 0 to go
 * on; anything else stops the walk and is returned. */
int desk_ticket_messages(struct desk *d, int64_t id,
			 int (*fn)(void *arg, const struct desk_message *m), void *arg);

/* A listing row; pointers are valid during the callback; NULL when empty. */
struct desk_ticket_row {
	int64_t id;
	const char *status;
	int priority;
	const char *assignee, *requester, *subject, *type, *channel, *team;
	const char *tags;  /* only when asked for, else NULL */
	time_t created, updated;
};

/*
 * Stream the tickets that match f (NULL: all), in the filter's order, up to
 * its limit. fn returns 0 to go on. Returns 0, fn's non-zero value, or an
 * error status.
 */
int desk_ticket_list(struct desk *d, const struct desk_filter *f, int with_tags,
		     int (*fn)(void *arg, const struct desk_ticket_row *r), void *arg);

/*
 * Stream the tickets ids[0..n) in that order (a missing id is skipped):
 * the rows as desk_ticket_list gives them. Returns as desk_ticket_list.
 */
int desk_ticket_list_ids(struct desk *d, const int64_t *ids, size_t n, int with_tags,
			 int (*fn)(void *arg, const struct desk_ticket_row *r), void *arg);

/*
 * The status state machine (see deskutils(7)):
 *   new      -> open, pending, on-hold, solved
 *   open     -> pending, on-hold, solved
 *   pending  -> open, on-hold, solved       (waiting on the customer)
 *   on-hold  -> open, pending, solved       (waiting on a third party)
 *   solved   -> open (a reopen), closed
 *   closed   -> nothing: closed is final; a customer message starts a
 *               follow-up ticket linked to it
 * Closing an unsolved ticket passes through solved (both are logged).
 * Nothing goes back to new. Returns 1 when from -> to is allowed.
 */
int desk_status_move_ok(const char *from, const char *to);

/* Changes to a ticket's fields; NULL leaves a field as it is. team "" or
 * "none" removes the team. Tags are normalised as desk_tag_normalise. */
struct desk_ticket_change {
	const char *status;
	const char *priority;
	const char *type;
	const char *subject;
	const char *team;
	const char *const *tags_add;
	size_t ntags_add;
	const char *const *tags_remove;
	size_t ntags_remove;
};

/* Check a change without a ticket: values, tags, and that the team exists.
 * Returns 0, EX_DATAERR or EX_NOINPUT. */
int desk_ticket_change_check(struct desk *d, const struct desk_ticket_change *c);

/*
 * Apply a change to ticket id in one transaction, one event per changed
 * field; unchanged values write nothing. Returns 0, EX_NOINPUT (no such
 * ticket or team), EX_DATAERR (bad value, illegal status move: nothing is
 * written), or a database status.
 */
int desk_ticket_update(struct desk *d, int64_t id, const struct desk_ticket_change *c);

enum desk_msg_kind {
	DESK_MSG_CUSTOMER, /* from the customer: reopens pending and solved tickets */
	DESK_MSG_REPLY,    /* public, from the acting agent: sets the first response */
	DESK_MSG_NOTE,     /* internal, never a response */
};

struct desk_message_draft {
	enum desk_msg_kind kind;
	const char *body;
	size_t len;
	const char *author;  /* customer messages: the sender's email; NULL: the requester */
	const char *status;  /* then move to this status, or NULL */
};

/*
 * Add a message to ticket id in one transaction: the message, its index
 * entry, the status it implies (a reply moves new to open; a customer
 * message reopens pending or solved), m->status if given, the first
 * response time, and events. A customer message on a closed ticket goes
 * to its newest follow-up that is not closed, or starts one (same subject,
 * requester, priority, type, channel, team and tags, linked by parent). *ticket_out
 * (may be NULL) is set to the ticket that got the message.
 * Returns 0, EX_NOINPUT, EX_DATAERR (empty or invalid body, closed ticket
 * for replies and notes, illegal status), or a database status.
 */
int desk_ticket_add_message(struct desk *d, int64_t id, const struct desk_message_draft *m,
			    int64_t *ticket_out);

enum desk_assign_flags {
	DESK_ASSIGN_STEAL = 1, /* take the ticket even when someone holds it */
};

/*
 * Assign ticket id to the agent `login` (NULL: unassign). Assigning a new
 * ticket opens it. When another agent holds it and DESK_ASSIGN_STEAL is
 * not given, nothing changes and DESK_PARTIAL (1) is returned with the
 * message "ticket '#N' is already assigned to 'LOGIN'"; concurrent
 * assigners therefore see exactly one winner. Assigning to the current
 * holder is a no-op. Errors: EX_NOINPUT (no ticket, no agent), EX_DATAERR
 * (inactive agent, closed ticket).
 */
int desk_ticket_assign(struct desk *d, int64_t id, const char *login, int flags);

/*
 * A ticket's timeline: what the SLA clocks read (lib/timeline.c). Each
 * ticket's marks are in the order they happened.
 */
enum desk_mark_what {
	DESK_MARK_STATUS,   /* value: the status entered (creation enters new) */
	DESK_MARK_CUSTOMER, /* a message from the customer */
	DESK_MARK_REPLY,    /* a public reply from an agent */
	DESK_MARK_TARGET,   /* value: the SLA policy now in force (NULL: none), for priority */
};

struct desk_mark {
	time_t at;
	enum desk_mark_what what;
	char *value;
	int priority;
};

struct desk_timeline {
	struct desk_mark *v;  /* allocated; desk_timeline_release frees */
	size_t n, cap;
};

void desk_timeline_release(struct desk_timeline *tl);

/* Append ticket id's marks to *tl (which starts zeroed or released).
 * Returns 0 or a database status. */
int desk_ticket_timeline(struct desk *d, int64_t id, struct desk_timeline *tl);

/* Rebuild every timeline from the events and messages, in one
 * transaction: for generators that write rows directly. */
int desk_ticket_timeline_rebuild(struct desk *d);

/*
 * Stream the tickets that match f (NULL: all) and were unsolved at instant
 * at (0: now, by their status), each with its timeline up to that instant,
 * in id order; f's sort and limit are ignored. r carries the id, status,
 * priority, assignee, created and updated only (the rest NULL or 0). tl
 * and r are valid during the callback. fn returns 0 to go on.
 */
int desk_ticket_list_timelines(struct desk *d, const struct desk_filter *f, time_t at,
			       int (*fn)(void *arg, const struct desk_ticket_row *r,
					 const struct desk_timeline *tl), void *arg);

/* *yes = 1 when ticket id matches f. Returns 0 or an error status. */
int desk_ticket_match(struct desk *d, const struct desk_filter *f, int64_t id, int *yes);

#endif
