/*
 * store.c - the versions of the team policy in the database: stored in one
 * transaction after a full check, never changed afterwards (the schema's
 * triggers refuse it), and read back as of any instant.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "desk/sha256.h"
#include "sla/sla.h"

/* The text and number of the newest version in force at t (version 0 and
 * NULL text when none). */
static int text_at(struct desk *d, time_t t, int64_t *version, time_t *effective, char **text, size_t *len)
{
	sqlite3_stmt *st = desk_stmt(d,
		"SELECT version, effective, text FROM policy_versions WHERE effective <= ?1"
		" ORDER BY effective DESC, version DESC LIMIT 1");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)t);
	int rc = desk_step_row(d, st, "reading the team policy");
	*version = 0;
	if (text)
		*text = NULL;
	if (rc == DESK_NO_ROW)
		return 0;
	if (rc)
		return rc;
	*version = sqlite3_column_int64(st, 0);
	if (effective)
		*effective = desk_col_time(st, 1);
	if (text) {
		*len = (size_t)sqlite3_column_bytes(st, 2);
		*text = desk_xmalloc(*len + 1);
		memcpy(*text, desk_col_text(st, 2), *len);
		(*text)[*len] = '\0';
	}
	sqlite3_reset(st);
	return 0;
}

/* Parse a stored version: no warnings, no tz lookups (start-up stays
 * cheap; the document was checked when it was loaded). */
static int parse_stored(struct desk *d, int64_t version, time_t effective, char *text, size_t len,
			struct desk_policy **out)
{
	char name[48];
	snprintf(name, sizeof name, "policy version %lld", (long long)version);
	int rc = desk_policy_parse(d, name, text, len, 0, out, NULL);
	if (rc) {
		char why[sizeof d->errmsg];
		snprintf(why, sizeof why, "%s", d->errmsg);
		return desk_error(d, EX_CONFIG, "the team policy in force does not load with this deskutils: %s", why);
	}
	(*out)->version = version;
	(*out)->effective = effective;
	return 0;
}

int desk_policy_at(struct desk *d, time_t t, struct desk_policy **out)
{
	int64_t version;
	time_t effective = 0;
	char *text = NULL;
	size_t len = 0;
	*out = NULL;
	int rc = text_at(d, t, &version, &effective, &text, &len);
	if (rc)
		return rc;
	if (!text) {
		*out = desk_policy_builtin();
		return 0;
	}
	rc = parse_stored(d, version, effective, text, len, out);
	free(text);
	return rc;
}

int desk_policy_current(struct desk *d, const struct desk_policy **out)
{
	if (!d->policy && !d->policy_rc) {
		struct desk_policy *p = NULL;
		int rc = desk_policy_at(d, d->now, &p);
		if (rc == EX_CONFIG) {
			/* remembered: every later call reports the same */
			d->policy_rc = rc;
			d->policy_msg = desk_xstrdup(d->errmsg);
		} else if (rc) {
			return rc;
		} else {
			d->policy = p;
			d->policy_release = desk_policy_free;
		}
	}
	if (d->policy_rc)
		return desk_error(d, d->policy_rc, "%s", d->policy_msg);
	if (out)
		*out = d->policy;
	return 0;
}

int desk_policy_get(struct desk *d, int64_t n, struct desk_policy **out)
{
	char *text = NULL;
	size_t len = 0;
	int64_t version;
	*out = NULL;
	int rc = desk_policy_text(d, n, &text, &len, &version);
	if (rc)
		return rc;
	sqlite3_stmt *st = desk_stmt(d, "SELECT effective FROM policy_versions WHERE version = ?1");
	if (!st) {
		free(text);
		return d->err;
	}
	sqlite3_bind_int64(st, 1, version);
	time_t effective = 0;
	if ((rc = desk_step_row(d, st, "reading the team policy")) == 0) {
		effective = desk_col_time(st, 0);
		sqlite3_reset(st);
	}
	rc = rc > 0 ? rc : parse_stored(d, version, effective, text, len, out);
	free(text);
	return rc;
}

int desk_policy_text(struct desk *d, int64_t n, char **text, size_t *len, int64_t *version)
{
	sqlite3_stmt *st = n > 0 ? desk_stmt(d, "SELECT version, text FROM policy_versions WHERE version = ?1")
				 : desk_stmt(d, "SELECT version, text FROM policy_versions ORDER BY version DESC LIMIT 1");
	*text = NULL;
	if (!st)
		return d->err;
	if (n > 0)
		sqlite3_bind_int64(st, 1, n);
	int rc = desk_step_row(d, st, "reading the team policy");
	if (rc == DESK_NO_ROW)
		return n > 0 ? desk_error(d, EX_NOINPUT, "no policy version %lld", (long long)n)
			     : desk_error(d, EX_NOINPUT, "no team policy loaded (desk-policy load FILE)");
	if (rc)
		return rc;
	if (version)
		*version = sqlite3_column_int64(st, 0);
	*len = (size_t)sqlite3_column_bytes(st, 1);
	*text = desk_xmalloc(*len + 1);
	memcpy(*text, desk_col_text(st, 1), *len);
	(*text)[*len] = '\0';
	sqlite3_reset(st);
	return 0;
}

int desk_policy_version_at(struct desk *d, time_t t, int64_t *version)
{
	return text_at(d, t, version, NULL, NULL, NULL);
}

int desk_policy_log(struct desk *d, int (*fn)(void *arg, const struct desk_policy_version *v), void *arg)
{
	sqlite3_stmt *st = desk_stmt(d,
		"SELECT version, effective, real_at, author, source, sha256, length(CAST(text AS BLOB)),"
		" length(text) - length(replace(text, char(10), ''))"
		"   + (length(text) > 0 AND substr(text, -1) <> char(10))"
		" FROM policy_versions ORDER BY version");
	if (!st)
		return d->err;
	int rc, ret = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct desk_policy_version v = {
			.version = sqlite3_column_int64(st, 0),
			.effective = desk_col_time(st, 1),
			.real_at = desk_col_time(st, 2),
			.author = desk_col_text(st, 3),
			.source = desk_col_text(st, 4),
			.sha256 = desk_col_text(st, 5),
			.size = (size_t)sqlite3_column_int64(st, 6),
			.lines = sqlite3_column_int(st, 7),
		};
		if ((ret = fn(arg, &v)) != 0)
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = desk_db_fail(d, rc, "reading the team policy");
	sqlite3_reset(st);
	return ret;
}

/* Inside the write transaction: the next version, unless the text is the
 * latest one's. */
static int store_locked(struct desk *d, const char *name, const char *text, size_t len, const char *sha,
			int64_t *version, int *unchanged)
{
	sqlite3_stmt *st = desk_stmt(d,
		"SELECT version, sha256, effective, text = ?1 FROM policy_versions ORDER BY version DESC LIMIT 1");
	if (!st)
		return d->err;
	sqlite3_bind_text(st, 1, text, (int)len, SQLITE_STATIC);
	int rc = desk_step_row(d, st, "reading the team policy");
	int64_t latest = 0;
	if (rc > 0)
		return rc;
	if (rc == 0) {
		latest = sqlite3_column_int64(st, 0);
		int same = strcmp(desk_col_text(st, 1), sha) == 0 && sqlite3_column_int(st, 3) == 1;
		time_t eff = desk_col_time(st, 2);
		sqlite3_reset(st);
		if (same) {
			*version = latest;
			*unchanged = 1;
			return 0;
		}
		if (eff > d->now) {
			char when[40];
			return desk_error(d, EX_DATAERR, "policy version %lld took effect at %s, after the time of "
					  "this load ($DESK_NOW?): a policy cannot be loaded into the past",
					  (long long)latest, desk_time_iso(eff, when, sizeof when));
		}
	}
	st = desk_stmt(d,
		"INSERT INTO policy_versions (version, effective, real_at, author, source, sha256, text)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	if (!st)
		return d->err;
	sqlite3_bind_int64(st, 1, latest + 1);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)d->now);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)time(NULL));
	sqlite3_bind_text(st, 4, desk_actor(d), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, sha, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, text, (int)len, SQLITE_STATIC);
	if ((rc = desk_step_done(d, st, "storing the team policy")))
		return rc;
	*version = latest + 1;
	return desk_event_add(d, "policy", *version, "loaded", NULL, sha);
}

int desk_policy_store(struct desk *d, const char *name, const char *text, size_t len,
		      int64_t *version, int *unchanged, struct desk_diag *diag)
{
	struct desk_policy *p = NULL;
	char sha[65];
	*unchanged = 0;
	*version = 0;
	int rc = desk_policy_parse(d, name, text, len, 1, &p, diag);
	if (rc)
		return rc;
	desk_sha256_hex(text, len, sha);
	if ((rc = desk_tx_begin(d))) {
		desk_policy_free(p);
		return rc;
	}
	rc = store_locked(d, name, text, len, sha, version, unchanged);
	/* what the subsystems derived from the policy follows it in the same
	 * transaction: the SLA targets of every ticket not closed */
	if (!rc && !*unchanged) {
		p->version = *version;
		p->effective = d->now;
		rc = sla_retarget_all(d, p);
	}
	rc = desk_tx_end(d, rc);
	if (rc || *unchanged) {
		if (rc)
			*version = 0;
		desk_policy_free(p);
		return rc;
	}
	/* from now on this process works under the new version */
	if (d->policy && d->policy_release)
		d->policy_release(d->policy);
	free(d->policy_msg);
	d->policy_msg = NULL;
	d->policy_rc = 0;
	d->policy = p;
	d->policy_release = desk_policy_free;
	return 0;
}
