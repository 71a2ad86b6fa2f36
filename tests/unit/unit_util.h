/* unit_util.h - fresh databases and captured warnings for the unit tests. */
#ifndef UNIT_UTIL_H
#define UNIT_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "desk.h"

struct unit {
	struct desk d;
	char dir[64];
	char path[128];
	char warnings[4096];
};

/* A context with a new database in a new temporary directory ($DESK_NOW
 * and the config are cleared first). Allocated; free with unit_free. */
struct unit *unit_new(void);
/* A context without a database (open it yourself). */
struct unit *unit_new_nodb(void);
void unit_free(struct unit *u);

/* cmocka setup/teardown wrappers: *state is a struct unit. */
int unit_setup(void **state);
int unit_setup_nodb(void **state);
int unit_teardown(void **state);

/* Run SQL on the unit's database and return the first column of the first
 * row as an integer (tests only; the library keeps its SQL to itself). */
long long unit_sql_int(struct unit *u, const char *sql);

#endif
