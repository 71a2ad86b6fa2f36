/*
 * reader.h - walking the team policy's YAML tree (internal to libdesk).
 *
 * The policy's sections are read by the subsystems that own them
 * (calendars by lib/calendar, ...), all through this reader, so every
 * section reports problems the same way: "FILE:LINE: key 'a.b.c': what",
 * collected, so a long document is fixed in one pass. The reader also
 * bounds the work: YAML aliases may point at the same subtree many times
 * ("billion laughs"), so every node visited is counted against a budget.
 */
#ifndef DESK_POLICY_READER_H
#define DESK_POLICY_READER_H

#include <yaml.h>

#include "internal.h"

/* Nodes a document may expand to through aliases before it is refused. */
#define POLICY_NODE_BUDGET 200000
/* Keys one mapping may have. */
#define POLICY_MAX_KEYS 5000

struct policy_reader {
	struct desk *d;
	const char *name;          /* the file, for messages */
	yaml_document_t *doc;
	struct desk_diag *diag;    /* problems, or NULL to keep only the first */
	int nerr;                  /* problems found */
	int warn;                  /* check mode: warnings and tz lookups */
	long budget;               /* nodes left to visit */
	int over_budget;           /* reported once */
	char *first;               /* the first problem (allocated): the message,
				    * set when the reading ends, whatever the
				    * library calls on the way left in d */
};

/* Report a problem at node n, under key path (may be "" for the top). */
void policy_err(struct policy_reader *R, yaml_node_t *n, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Before anything is read: the whole document, expanded through its
 * aliases, stays within POLICY_NODE_BUDGET nodes and no alias contains
 * itself. 0, or -1 after reporting. Linear in the nodes written. */
int policy_check_expansion(struct policy_reader *R, yaml_node_t *root);

/* Spend one node of the budget; 0 when the document is over it (reported). */
int policy_visit(struct policy_reader *R, yaml_node_t *n);

/*
 * Walk the pairs of a mapping node: fn is called for each pair with the key
 * text and the joined path ("calendars.hcm"). Non-scalar and repeated keys
 * are reported and skipped. A node that is not a mapping is reported as
 * "expected a mapping". fn's return value is ignored: it reports through
 * policy_err and carries on.
 */
void policy_each_pair(struct policy_reader *R, yaml_node_t *map, const char *path,
		      void (*fn)(struct policy_reader *R, const char *key, const char *kpath,
				 yaml_node_t *value, void *arg),
		      void *arg);

/* The node a pair or item refers to. */
yaml_node_t *policy_node(struct policy_reader *R, int index);

/* The text of a scalar node (valid while the document lives), or NULL with
 * "expected WHAT" reported when it is not a scalar. Scalars with a NUL
 * byte are reported too. */
const char *policy_scalar(struct policy_reader *R, yaml_node_t *n, const char *path, const char *what);

/* 1 when n is an empty scalar (`key:` with nothing, or ~ / null). */
int policy_is_null(yaml_node_t *n);

/* The 1-based line of a node. */
unsigned long policy_line(yaml_node_t *n);

#endif
