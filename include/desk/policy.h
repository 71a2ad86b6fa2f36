/*
 * policy.h - the team policy: one YAML document kept in the database, every
 * version with its author, time and checksum (desk-policy(5)).
 *
 * What the team decides (calendars now; SLA, routing, mail, macros, QA and
 * hooks as those subsystems arrive) lives here, so every agent and every
 * cron job computes the same answer, and a past instant can be judged under
 * the policy that was in force then. A desk with no policy loaded has the
 * built-in one: the 24x7 calendar and nothing else.
 */
#ifndef DESK_POLICY_H
#define DESK_POLICY_H

#include "desk/core.h"

/* The documents are small; anything larger is refused before parsing. */
#define DESK_POLICY_MAX_BYTES (1 << 20)

/* Diagnostics of a check: every problem found, one line each, in the form
 * "FILE:LINE: key 'a.b.c': what is wrong". */
struct desk_diag {
	char **v;   /* allocated; desk_diag_release frees */
	size_t n;
};
void desk_diag_release(struct desk_diag *g);

struct desk_calendar;
struct sla_policy;

struct desk_policy {
	int64_t version;          /* 0: the built-in policy (none loaded) */
	time_t effective;         /* in force from (desk time of the load) */
	char *text;               /* the document as loaded (NULL when built in) */
	size_t len;
	char *desk_name;          /* desk_name:, default "Support" */
	char *hooks_dir;          /* hooks_dir: (absolute), or NULL */
	char *default_calendar;   /* default_calendar:, "24x7" when not given */
	struct desk_calendar **cals; /* calendars, the built-in 24x7 first */
	size_t ncals;
	struct sla_policy *sla;   /* sla: in order (lib/sla), nsla of them */
	size_t nsla;
};

/* One stored version, as listed by desk_policy_log. Strings are valid
 * during the callback only. */
struct desk_policy_version {
	int64_t version;
	time_t effective, real_at;
	const char *author, *source, *sha256;
	size_t size;               /* bytes of text */
	int lines;                 /* lines of text */
};

/*
 * Parse and check a policy document named `name` (for messages). With
 * warn, unknown top-level keys are warnings (desk_warn) and time zones are
 * looked up in the tz database; without (reading a stored version) both
 * are skipped, so a newer team's document still loads and start-up reads
 * no zone files. On success *out is allocated (desk_policy_free) and owns
 * a copy of the text. On failure the status is EX_CONFIG, d's message is
 * the first problem and, when diag is not NULL, every problem is in it.
 */
int desk_policy_parse(struct desk *d, const char *name, const char *text, size_t len, int warn,
		      struct desk_policy **out, struct desk_diag *diag);

/* The built-in policy (24x7 only). Allocated; desk_policy_free. */
struct desk_policy *desk_policy_builtin(void);

void desk_policy_free(struct desk_policy *p);

/*
 * Check a document and store it as the next version, in one transaction:
 * *version is the new number, or the current one with *unchanged set when
 * the text is byte-identical to the latest version (nothing written).
 * Errors: EX_CONFIG (diag as desk_policy_parse: nothing stored),
 * EX_DATAERR (a later version already took effect after desk time),
 * EX_TEMPFAIL, EX_IOERR.
 */
int desk_policy_store(struct desk *d, const char *name, const char *text, size_t len,
		      int64_t *version, int *unchanged, struct desk_diag *diag);

/*
 * The policy in force now (desk time), read and parsed once per process and
 * kept in d: later calls return the same object, which belongs to d.
 * Errors: EX_CONFIG when the stored version no longer parses with this
 * deskutils (the message says which version), database errors.
 */
int desk_policy_current(struct desk *d, const struct desk_policy **out);

/* The policy in force at instant t: the newest version whose effective
 * time is at or before t, else the built-in one. Allocated;
 * desk_policy_free. */
int desk_policy_at(struct desk *d, time_t t, struct desk_policy **out);

/* Version n. EX_NOINPUT when there is no such version. Allocated. */
int desk_policy_get(struct desk *d, int64_t n, struct desk_policy **out);

/* The text of version n (allocated, caller frees; *len bytes) without
 * parsing it; n == 0 means the latest. EX_NOINPUT when there is none. */
int desk_policy_text(struct desk *d, int64_t n, char **text, size_t *len, int64_t *version);

/* The number of the version in force at t, 0 when none. */
int desk_policy_version_at(struct desk *d, time_t t, int64_t *version);

/* Every version, oldest first. fn's non-zero return stops and is returned. */
int desk_policy_log(struct desk *d, int (*fn)(void *arg, const struct desk_policy_version *v), void *arg);

/* The calendar called name (case-sensitive), or NULL. */
struct desk_calendar *desk_policy_calendar(const struct desk_policy *p, const char *name);

#endif
