/* test_files.c - file lists and natural order. */
#include "unit_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void touch(const char *dir, const char *name)
{
	char p[256];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	FILE *fp = fopen(p, "w");
	assert_non_null(fp);
	fclose(fp);
}

static void test_natcmp(void **state)
{
	(void)state;
	assert_true(desk_natcmp("2-x.md", "10-y.md") < 0);
	assert_true(desk_natcmp("10-y.md", "2-x.md") > 0);
	assert_true(desk_natcmp("a1", "a01") != 0);
	assert_true(desk_natcmp("abc", "abd") < 0);
	assert_int_equal(desk_natcmp("same", "same"), 0);
	assert_true(desk_natcmp("a", "a1") < 0);
}

static void test_walk(void **state)
{
	struct unit *u = *state;
	char sub[160], hidden[160];
	snprintf(sub, sizeof sub, "%s/sub", u->dir);
	snprintf(hidden, sizeof hidden, "%s/.git", u->dir);
	mkdir(sub, 0700);
	mkdir(hidden, 0700);
	touch(u->dir, "10-ten.md");
	touch(u->dir, "2-two.md");
	touch(u->dir, "notes.txt");
	touch(sub, "1-one.md");
	touch(hidden, "x.md");
	struct desk_files f = { NULL, 0 };
	assert_int_equal(desk_files_add(&u->d, &f, u->dir, ".md"), 0);
	char again[200];
	snprintf(again, sizeof again, "%s/2-two.md", u->dir);
	assert_int_equal(desk_files_add(&u->d, &f, again, ".md"), 0);
	desk_files_dedup(&f);
	assert_int_equal(f.n, 3);
	assert_non_null(strstr(f.v[0], "/2-two.md"));
	assert_non_null(strstr(f.v[1], "/10-ten.md"));
	assert_non_null(strstr(f.v[2], "/sub/1-one.md"));
	char missing[200];
	snprintf(missing, sizeof missing, "%s/nope", u->dir);
	assert_int_equal(desk_files_add(&u->d, &f, missing, ".md"), EX_NOINPUT);
	desk_files_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_natcmp),
		cmocka_unit_test_setup_teardown(test_walk, unit_setup_nodb, unit_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
