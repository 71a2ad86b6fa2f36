/* test_db.c - locating, creating, migrating and locking the database. */
#include "unit_util.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_create(void **state)
{
	struct unit *u = *state;
	assert_int_equal(desk_db_schema_version(&u->d), desk_schema_latest());
	assert_int_equal(unit_sql_int(u, "PRAGMA application_id"), 0x4445534b);
	assert_int_equal(unit_sql_int(u, "PRAGMA foreign_keys"), 1);
	assert_int_equal(unit_sql_int(u, "PRAGMA mmap_size"), 0);
	assert_int_equal(unit_sql_int(u, "PRAGMA synchronous"), 2);
	const char *why = NULL;
	const char *mode = desk_db_journal_mode(&why);
	assert_non_null(why);
	if (sqlite3_libversion_number() < 3051003)
		assert_string_equal(mode, "truncate");
	else
		assert_string_equal(mode, "wal");
	assert_string_equal(desk_db_journal_mode_current(&u->d), mode);
	/* reopening an up-to-date database changes nothing */
	desk_db_close(&u->d);
	assert_int_equal(desk_open(&u->d, u->path, DESK_OPEN_READ), 0);
	assert_int_equal(desk_db_schema_version(&u->d), desk_schema_latest());
}

static void test_missing(void **state)
{
	struct unit *u = *state;
	char path[200];
	snprintf(path, sizeof path, "%s/nope.db", u->dir);
	assert_int_equal(desk_open(&u->d, path, DESK_OPEN_READ), EX_NOINPUT);
	assert_non_null(strstr(u->d.errmsg, "no database"));
	assert_int_not_equal(access(path, F_OK), 0);
	snprintf(path, sizeof path, "%s/no/such/dir/desk.db", u->dir);
	assert_int_equal(desk_open(&u->d, path, DESK_OPEN_CREATE), EX_CANTCREAT);
	assert_non_null(strstr(u->d.errmsg, "cannot create database"));
	assert_int_equal(desk_open(&u->d, u->dir, DESK_OPEN_CREATE), EX_CANTCREAT);
	assert_non_null(strstr(u->d.errmsg, "is a directory"));
}

static void test_umask_decides_mode(void **state)
{
	struct unit *u = *state;
	char path[200];
	struct stat sb;
	snprintf(path, sizeof path, "%s/group.db", u->dir);
	mode_t old = umask(007);
	int rc = desk_open(&u->d, path, DESK_OPEN_CREATE);
	umask(old);
	assert_int_equal(rc, 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0660);
}

static void test_locate(void **state)
{
	struct unit *u = *state;
	char *p = NULL;
	int def = 0;
	setenv("DESK_DB", "/env/desk.db", 1);
	assert_int_equal(desk_db_locate(&u->d, "/opt/desk.db", &p, &def), 0);
	assert_string_equal(p, "/opt/desk.db");
	free(p);
	assert_int_equal(desk_db_locate(&u->d, NULL, &p, &def), 0);
	assert_string_equal(p, "/env/desk.db");
	free(p);
	unsetenv("DESK_DB");
	assert_int_equal(desk_config_load_string(&u->d, "/etc/desk.yaml", "database: /cfg/desk.db\n", 23), 0);
	assert_int_equal(desk_db_locate(&u->d, NULL, &p, &def), 0);
	assert_string_equal(p, "/cfg/desk.db");
	assert_false(def);
	free(p);
	assert_int_equal(desk_config_load_string(&u->d, "x.yaml", "", 0), 0);
	setenv("XDG_DATA_HOME", "/xdg", 1);
	assert_int_equal(desk_db_locate(&u->d, NULL, &p, &def), 0);
	assert_string_equal(p, "/xdg/deskutils/desk.db");
	assert_true(def);
	free(p);
	unsetenv("XDG_DATA_HOME");
	setenv("HOME", u->dir, 1);
	assert_int_equal(desk_db_locate(&u->d, NULL, &p, &def), 0);
	free(p);
	/* the default location's directories are created, private */
	assert_int_equal(desk_open(&u->d, NULL, DESK_OPEN_CREATE), 0);
	char dir[200];
	struct stat sb;
	snprintf(dir, sizeof dir, "%s/.local/share/deskutils", u->dir);
	assert_int_equal(stat(dir, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
}

static void test_not_ours(void **state)
{
	struct unit *u = *state;
	char path[200];
	sqlite3 *db;
	snprintf(path, sizeof path, "%s/other.db", u->dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(desk_open(&u->d, path, DESK_OPEN_CREATE), EX_DATAERR);
	assert_non_null(strstr(u->d.errmsg, "not a deskutils database"));

	snprintf(path, sizeof path, "%s/text.db", u->dir);
	FILE *fp = fopen(path, "w");
	fputs("this is not a database at all, just some text that is long enough to be a header......\n", fp);
	fclose(fp);
	assert_int_equal(desk_open(&u->d, path, DESK_OPEN_READ), EX_DATAERR);

	/* a schema from a newer deskutils is refused, not damaged */
	snprintf(path, sizeof path, "%s/newer.db", u->dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA application_id = 1145393995; PRAGMA user_version = 999",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(desk_open(&u->d, path, DESK_OPEN_READ), EX_DATAERR);
	assert_non_null(strstr(u->d.errmsg, "newer than this deskutils"));
}

static void test_nested_rollback(void **state)
{
	struct unit *u = *state;
	struct desk *d = &u->d;
	assert_int_equal(desk_tx_begin(d), 0);
	assert_int_equal(desk_event_add(d, "ticket", 1, "x", NULL, "1"), 0);
	assert_int_equal(desk_tx_begin(d), 0);
	assert_int_equal(desk_event_add(d, "ticket", 1, "y", NULL, "2"), 0);
	assert_int_equal(desk_tx_end(d, EX_DATAERR), EX_DATAERR); /* inner fails */
	assert_int_equal(desk_tx_end(d, 0), EX_SOFTWARE);           /* outer cannot commit */
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM events"), 0);
	/* and a clean pair commits */
	assert_int_equal(desk_tx_begin(d), 0);
	assert_int_equal(desk_tx_begin(d), 0);
	assert_int_equal(desk_event_add(d, "ticket", 1, "z", "a", "b"), 0);
	assert_int_equal(desk_tx_end(d, 0), 0);
	assert_int_equal(desk_tx_end(d, 0), 0);
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM events"), 1);
}

static void test_event_log_append_only(void **state)
{
	struct unit *u = *state;
	struct desk *d = &u->d;
	d->now = 1000;
	d->now_overridden = 1;
	assert_int_equal(desk_event_add(d, "ticket", 5, "status", "new", "open"), 0);
	assert_int_equal(unit_sql_int(u, "SELECT at FROM events"), 1000);
	/* the real time of the write is kept beside the moved clock */
	assert_true(unit_sql_int(u, "SELECT real_at FROM events") > 1700000000);
	assert_int_not_equal(sqlite3_exec(d->db, "UPDATE events SET new = 'x'", NULL, NULL, NULL), SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(d->db), "append-only"));
	assert_int_not_equal(sqlite3_exec(d->db, "DELETE FROM events", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM events WHERE new = 'open'"), 1);
}

static void test_locked(void **state)
{
	struct unit *u = *state;
	sqlite3 *other;
	assert_int_equal(sqlite3_open(u->path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	desk_db_close(&u->d);
	u->d.busy_timeout_ms = 50;
	assert_int_equal(desk_open(&u->d, u->path, DESK_OPEN_READ), 0);
	assert_int_equal(desk_tx_begin(&u->d), EX_TEMPFAIL);
	assert_non_null(strstr(u->d.errmsg, "database is locked"));
	assert_non_null(strstr(u->d.errmsg, "nothing was written"));
	assert_int_equal(u->d.tx_depth, 0);
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	assert_int_equal(desk_tx_begin(&u->d), 0);
	assert_int_equal(desk_tx_end(&u->d, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_missing, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_umask_decides_mode, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_locate, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_not_ours, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_nested_rollback, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_event_log_append_only, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_locked, unit_setup, unit_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
