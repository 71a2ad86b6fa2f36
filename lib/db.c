/*
 * db.c - owns SQLite: locating, creating and opening the database file,
 * configuring the connection, migrations, the statement cache and write
 * transactions.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct desk_stmt_cache {
	size_t n, cap;
	struct {
		const char *sql;
		sqlite3_stmt *st;
	} *e;
};

int desk_db_fail(struct desk *d, int rc, const char *doing)
{
	const char *path = d->db_path ? d->db_path : "";
	const char *msg = d->db ? sqlite3_errmsg(d->db) : sqlite3_errstr(rc);
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return desk_error(d, EX_TEMPFAIL,
				  "database is locked '%s': gave up after %d ms while %s; nothing was written",
				  path, d->busy_timeout_ms, doing);
	case SQLITE_FULL:
		return desk_error(d, EX_IOERR, "disk full while %s '%s'", doing, path);
	case SQLITE_IOERR:
		return desk_error(d, EX_IOERR, "i/o error while %s '%s': %s", doing, path, msg);
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return desk_error(d, EX_NOPERM, "permission denied while %s '%s': %s", doing, path, msg);
	case SQLITE_CANTOPEN:
		return desk_error(d, EX_CANTCREAT, "cannot open database '%s': %s", path, msg);
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return desk_error(d, EX_DATAERR, "not a deskutils database or damaged '%s': %s", path, msg);
	case SQLITE_NOMEM:
		fprintf(stderr, "deskutils: out of memory\n");
		abort();
	default:
		return desk_error(d, EX_SOFTWARE, "internal error while %s: %s (a bug: please report it)",
				  doing, msg);
	}
}

void desk_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

char *desk_col_strdup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? desk_xstrdup((const char *)s) : NULL;
}

const char *desk_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? (const char *)s : "";
}

time_t desk_col_time(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? 0 : (time_t)sqlite3_column_int64(st, i);
}

int desk_step_row(struct desk *d, sqlite3_stmt *st, const char *doing)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 0;
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DESK_NO_ROW : desk_db_fail(d, rc, doing);
}

int desk_exec(struct desk *d, const char *sql)
{
	char *err = NULL;
	int rc = sqlite3_exec(d->db, sql, NULL, NULL, &err);
	sqlite3_free(err);
	return rc == SQLITE_OK ? 0 : desk_db_fail(d, rc, "updating the database");
}

sqlite3_stmt *desk_stmt(struct desk *d, const char *sql)
{
	struct desk_stmt_cache *c = d->stmts;
	if (!c)
		c = d->stmts = desk_xcalloc(1, sizeof *c);
	for (size_t i = 0; i < c->n; i++) {
		if (c->e[i].sql == sql) {
			sqlite3_reset(c->e[i].st);
			sqlite3_clear_bindings(c->e[i].st);
			return c->e[i].st;
		}
	}
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v3(d->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK) {
		desk_db_fail(d, rc, "preparing a query");
		return NULL;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->e = desk_xrealloc(c->e, c->cap * sizeof *c->e);
	}
	c->e[c->n].sql = sql;
	c->e[c->n].st = st;
	c->n++;
	return st;
}

int desk_step_done(struct desk *d, sqlite3_stmt *st, const char *doing)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	return desk_db_fail(d, rc, doing);
}

const char *desk_db_journal_mode(const char **why)
{
	if (sqlite3_libversion_number() >= 3051003) {
		if (why)
			*why = "SQLite 3.51.3 or newer: write-ahead log, readers never block the writer";
		return "wal";
	}
	if (why)
		*why = "SQLite older than 3.51.3 has the WAL-reset bug that can corrupt a database "
		       "written by several processes: rollback journal";
	return "truncate";
}

const char *desk_db_journal_mode_current(struct desk *d)
{
	static char mode[16];
	sqlite3_stmt *st = NULL;
	snprintf(mode, sizeof mode, "unknown");
	if (sqlite3_prepare_v2(d->db, "PRAGMA journal_mode", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		snprintf(mode, sizeof mode, "%s", desk_col_text(st, 0));
	sqlite3_finalize(st);
	return mode;
}

int desk_db_locate(struct desk *d, const char *opt_path, char **out, int *is_default)
{
	const char *env;
	*is_default = 0;
	if (opt_path && *opt_path) {
		*out = desk_xstrdup(opt_path);
		return 0;
	}
	if ((env = getenv("DESK_DB")) && *env) {
		*out = desk_xstrdup(env);
		return 0;
	}
	const char *cfgdb = desk_config_database(d->cfg);
	if (cfgdb) {
		*out = desk_xstrdup(cfgdb);
		return 0;
	}
	*is_default = 1;
	if ((env = getenv("XDG_DATA_HOME")) && *env == '/') {
		*out = desk_xasprintf("%s/deskutils/desk.db", env);
		return 0;
	}
	if ((env = getenv("HOME")) && *env) {
		*out = desk_xasprintf("%s/.local/share/deskutils/desk.db", env);
		return 0;
	}
	return desk_error(d, EX_CONFIG, "no place for the database: set $DESK_DB, `database:` in the config, or use --db");
}

/* mkdir -p for the directory part of path, mode 0700 (XDG data is private). */
static int make_parent_dirs(struct desk *d, const char *path)
{
	char *dir = desk_xstrdup(path);
	int rc = 0;
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		goto out;
	*slash = '\0';
	for (char *p = dir + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;
			*p = '\0';
			if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
				rc = desk_error(d, errno == EACCES ? EX_NOPERM : EX_CANTCREAT,
						"cannot create directory '%s': %s", dir, strerror(errno));
				goto out;
			}
			*p = c;
			if (!c)
				break;
		}
	}
out:
	free(dir);
	return rc;
}

/* Create the file with open(2) so the caller's umask decides its mode: a
 * team that runs with umask 007 gets a group-writable desk, nobody gets
 * more than they asked for. SQLite gives its journal the same mode. */
static int create_file(struct desk *d, const char *path)
{
	int fd = open(path, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0666);
	if (fd < 0) {
		if (errno == EEXIST)
			return 0;
		return desk_error(d, errno == EACCES ? EX_NOPERM : EX_CANTCREAT,
				  "cannot create database '%s': %s", path, strerror(errno));
	}
	close(fd);
	return 0;
}

static int read_pragma_int(struct desk *d, const char *sql, int *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(d->db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int(st, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : desk_db_fail(d, rc, "reading the database header");
}

int desk_db_analyze(struct desk *d)
{
	int rc = desk_tx_begin(d);
	if (rc)
		return rc;
	return desk_tx_end(d, desk_exec(d, "PRAGMA analysis_limit = 1000; ANALYZE"));
}

int desk_db_schema_version(struct desk *d)
{
	int v = -1;
	if (d->db)
		read_pragma_int(d, "PRAGMA user_version", &v);
	return v;
}

/* Check the file is ours and bring its schema up to date. */
static int check_and_migrate(struct desk *d)
{
	int app = 0, ver = 0, ntables = 0, rc;
	if ((rc = read_pragma_int(d, "PRAGMA application_id", &app)) ||
	    (rc = read_pragma_int(d, "PRAGMA user_version", &ver)))
		return rc;
	if (ver == desk_schema_latest() && app == DESK_APPLICATION_ID)
		return 0;
	if (app != DESK_APPLICATION_ID && app != 0)
		return desk_error(d, EX_DATAERR, "not a deskutils database '%s'", d->db_path);
	if (ver > desk_schema_latest())
		return desk_error(d, EX_DATAERR,
				  "database '%s' has schema %d, newer than this deskutils knows (%d): upgrade deskutils",
				  d->db_path, ver, desk_schema_latest());
	if ((rc = desk_tx_begin(d)))
		return rc;
	/* Another process may have migrated while we waited for the lock. */
	if ((rc = read_pragma_int(d, "PRAGMA user_version", &ver)) ||
	    (rc = read_pragma_int(d, "PRAGMA application_id", &app)))
		return desk_tx_end(d, rc);
	if (ver == 0 && app == 0) {
		if ((rc = read_pragma_int(d, "SELECT count(*) FROM sqlite_schema", &ntables)))
			return desk_tx_end(d, rc);
		if (ntables)
			return desk_tx_end(d, desk_error(d, EX_DATAERR,
							 "not a deskutils database '%s'", d->db_path));
	}
	if (ver < desk_schema_latest())
		rc = desk_schema_migrate(d, ver);
	return desk_tx_end(d, rc);
}

static int configure(struct desk *d)
{
	int rc;
	sqlite3_extended_result_codes(d->db, 1);
	sqlite3_busy_timeout(d->db, d->busy_timeout_ms);
	sqlite3_db_config(d->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(d->db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, NULL);
	sqlite3_db_config(d->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(d->db, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
	sqlite3_db_config(d->db, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
	/* The full-text indexes need their tokenizer on every connection. */
	if ((rc = desk_tokenizer_register(d)))
		return rc;
	/* Never mmap: a stray write through a mapping corrupts the file. */
	if ((rc = desk_exec(d, "PRAGMA mmap_size = 0; PRAGMA synchronous = FULL")))
		return rc;
	const char *want = desk_db_journal_mode(NULL);
	char sql[48];
	snprintf(sql, sizeof sql, "PRAGMA journal_mode = %s", want);
	sqlite3_stmt *st = NULL;
	rc = sqlite3_prepare_v2(d->db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *got = desk_col_text(st, 0);
		if (strcmp(got, want) != 0)
			desk_warn(d, "database '%s' stays in journal mode %s (wanted %s)", d->db_path, got, want);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : desk_db_fail(d, rc, "setting the journal mode");
}

/* desk_open's work; on failure the caller closes what was opened. */
static int open_path(struct desk *d, const char *path, int is_default, int flags)
{
	struct stat sb;
	int rc;
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT)
			return desk_error(d, errno == EACCES ? EX_NOPERM : EX_NOINPUT,
					  "cannot open database '%s': %s", path, strerror(errno));
		if (!(flags & DESK_OPEN_CREATE))
			return desk_error(d, EX_NOINPUT, "no database '%s' (create it with desk-init)", path);
		if (is_default && (rc = make_parent_dirs(d, path)))
			return rc;
		if ((rc = create_file(d, path)))
			return rc;
	} else if (S_ISDIR(sb.st_mode)) {
		return desk_error(d, EX_CANTCREAT, "database is a directory '%s'", path);
	}
	rc = sqlite3_open_v2(path, &d->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, NULL);
	if (rc != SQLITE_OK)
		return desk_db_fail(d, rc, "opening the database");
	if ((rc = configure(d)) || (rc = check_and_migrate(d)))
		return rc;
	return 0;
}

int desk_open(struct desk *d, const char *opt_path, int flags)
{
	char *path = NULL;
	int is_default = 0, rc;

	desk_db_close(d);
	if ((rc = desk_db_locate(d, opt_path, &path, &is_default)))
		return rc;
	d->db_path = path;
	if ((rc = open_path(d, path, is_default, flags)))
		desk_db_close(d);
	return rc;
}

void desk_db_close(struct desk *d)
{
	if (d->stmts) {
		for (size_t i = 0; i < d->stmts->n; i++)
			sqlite3_finalize(d->stmts->e[i].st);
		free(d->stmts->e);
		free(d->stmts);
		d->stmts = NULL;
	}
	if (d->db) {
		sqlite3_close(d->db);
		d->db = NULL;
	}
	free(d->db_path);
	d->db_path = NULL;
	/* the policy read from this database goes with it */
	if (d->policy_release)
		d->policy_release(d->policy);
	d->policy = NULL;
	d->policy_release = NULL;
	d->policy_rc = 0;
	free(d->policy_msg);
	d->policy_msg = NULL;
	d->tx_depth = 0;
	d->tx_failed = 0;
}

int desk_tx_begin(struct desk *d)
{
	if (d->tx_depth++ > 0)
		return 0;
	d->tx_failed = 0;
	int rc = sqlite3_exec(d->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		d->tx_depth = 0;
		return desk_db_fail(d, rc, "taking the write lock");
	}
	return 0;
}

int desk_tx_begin_read(struct desk *d)
{
	if (d->tx_depth++ > 0)
		return 0;
	d->tx_failed = 0;
	/* deferred: no lock until the first read, which takes the snapshot */
	int rc = sqlite3_exec(d->db, "BEGIN", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		d->tx_depth = 0;
		return desk_db_fail(d, rc, "starting a read");
	}
	return 0;
}

int desk_tx_end(struct desk *d, int rc)
{
	if (d->tx_depth <= 0)
		return rc ? rc : desk_error(d, EX_SOFTWARE, "transaction ended twice (a bug: please report it)");
	if (rc)
		d->tx_failed = 1;
	if (--d->tx_depth > 0)
		return rc;
	if (d->tx_failed) {
		sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
		return rc ? rc : desk_error(d, EX_SOFTWARE, "nested transaction failed silently (a bug)");
	}
	int src = sqlite3_exec(d->db, "COMMIT", NULL, NULL, NULL);
	if (src != SQLITE_OK) {
		/* A COMMIT that could not get its lock leaves the transaction open. */
		rc = desk_db_fail(d, src, "committing");
		if (!sqlite3_get_autocommit(d->db))
			sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	return 0;
}
