/* unit_util.c - helpers shared by the unit tests. */
#include "unit_util.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void capture_warning(struct desk *d, const char *msg)
{
	struct unit *u = d->warn_arg;
	size_t n = strlen(u->warnings);
	snprintf(u->warnings + n, sizeof u->warnings - n, "%s\n", msg);
}

struct unit *unit_new_nodb(void)
{
	struct unit *u = calloc(1, sizeof *u);
	assert_non_null(u);
	unsetenv("DESK_NOW");
	unsetenv("DESK_DB");
	unsetenv("DESK_CONFIG");
	setenv("XDG_CONFIG_HOME", "/nonexistent-deskutils-test", 1);
	snprintf(u->dir, sizeof u->dir, "/tmp/desk-unit-XXXXXX");
	assert_non_null(mkdtemp(u->dir));
	snprintf(u->path, sizeof u->path, "%s/desk.db", u->dir);
	assert_int_equal(desk_init(&u->d), 0);
	u->d.warn = capture_warning;
	u->d.warn_arg = u;
	return u;
}

struct unit *unit_new(void)
{
	struct unit *u = unit_new_nodb();
	assert_int_equal(desk_open(&u->d, u->path, DESK_OPEN_CREATE), 0);
	return u;
}

void unit_free(struct unit *u)
{
	char cmd[160];
	desk_release(&u->d);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", u->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", u->dir);
	free(u);
}

int unit_setup(void **state)
{
	*state = unit_new();
	return 0;
}

int unit_setup_nodb(void **state)
{
	*state = unit_new_nodb();
	return 0;
}

int unit_teardown(void **state)
{
	unit_free(*state);
	return 0;
}

long long unit_sql_int(struct unit *u, const char *sql)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(u->d.db, sql, -1, &st, NULL), SQLITE_OK);
	long long v = -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}
