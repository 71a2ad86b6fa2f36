/* test_ids.c - ticket ids from arguments and stdin. */
#include "unit_util.h"

#include <stdio.h>
#include <string.h>

static void test_parse(void **state)
{
	(void)state;
	int64_t id;
	assert_int_equal(desk_id_parse("42", &id), 0);
	assert_int_equal(id, 42);
	assert_int_equal(desk_id_parse("#42", &id), 0);
	assert_int_equal(id, 42);
	assert_int_equal(desk_id_parse("9223372036854775807", &id), 0);
	assert_int_equal(id, INT64_MAX);
	/* found by fuzzing: 2^64 + 1 once wrapped around to ticket 1 */
	assert_int_equal(desk_id_parse("18446744073709551617", &id), -1);
	assert_int_equal(desk_id_parse("92233720368547758070", &id), -1);
	const char *bad[] = { "0", "#0", "-1", "abc", "12abc", "99999999999999999999",
			      "9223372036854775808", "", "#", "##1", " 1", "1 ", "+1", "0x10", "１" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (desk_id_parse(bad[i], &id) != -1)
			fail_msg("'%s' parsed as an id", bad[i]);
}

static void test_args(void **state)
{
	struct unit *u = *state;
	char *argv[] = { "1", "#2", "x", "3" };
	struct desk_idreader r;
	int64_t id;
	desk_ids_init(&r, 4, argv, stdin);
	assert_int_equal(desk_ids_next(&u->d, &r, &id), 0);
	assert_int_equal(id, 1);
	assert_int_equal(desk_ids_next(&u->d, &r, &id), 0);
	assert_int_equal(id, 2);
	assert_int_equal(desk_ids_next(&u->d, &r, &id), EX_DATAERR);
	assert_string_equal(u->d.errmsg, "bad ticket id 'x'");
	assert_int_equal(desk_ids_next(&u->d, &r, &id), 0);
	assert_int_equal(id, 3);
	assert_int_equal(desk_ids_next(&u->d, &r, &id), DESK_IDS_END);
	desk_ids_release(&r);
}

static void test_stdin(void **state)
{
	struct unit *u = *state;
	static char text[] =
		"id\tstatus\tsubject\n"
		"12\topen\tVPN down\n"
		"\n"
		"   \t\n"
		"# a comment line\n"
		"#\n"
		"#13 the hash form\n"
		"  14   leading blanks\n"
		"0\tzero is no id\n"
		"15";
	FILE *fp = fmemopen(text, strlen(text), "r");
	assert_non_null(fp);
	struct desk_idreader r;
	int64_t id;
	desk_ids_init(&r, 0, NULL, fp);
	assert_int_equal(desk_ids_next(&u->d, &r, &id), 0);
	assert_int_equal(id, 12);
	assert_int_equal(desk_ids_next(&u->d, &r, &id), 0);
	assert_int_equal(id, 13);
	assert_int_equal(desk_ids_next(&u->d, &r, &id), 0);
	assert_int_equal(id, 14);
	assert_int_equal(desk_ids_next(&u->d, &r, &id), EX_DATAERR);
	assert_string_equal(u->d.errmsg, "bad ticket id '0'");
	assert_int_equal(desk_ids_next(&u->d, &r, &id), 0);
	assert_int_equal(id, 15);
	assert_int_equal(desk_ids_next(&u->d, &r, &id), DESK_IDS_END);
	desk_ids_release(&r);
	fclose(fp);
}

/* found by fuzzing: a line starting with another kind of white space was
 * taken for a blank line and its id dropped */
static void test_other_whitespace(void **state)
{
	struct unit *u = *state;
	static char text[] = "\v9\n\f10\n\r11\n";
	FILE *fp = fmemopen(text, strlen(text), "r");
	struct desk_idreader r;
	int64_t id;
	desk_ids_init(&r, 0, NULL, fp);
	for (int want = 9; want <= 11; want++) {
		assert_int_equal(desk_ids_next(&u->d, &r, &id), 0);
		assert_int_equal(id, want);
	}
	assert_int_equal(desk_ids_next(&u->d, &r, &id), DESK_IDS_END);
	desk_ids_release(&r);
	fclose(fp);
}

static void test_hostile(void **state)
{
	struct unit *u = *state;
	static char text[] = "\xff\xfe\x01 junk\n99999999999999999999999999999999999999999999999999999999\n7\n";
	FILE *fp = fmemopen(text, strlen(text), "r");
	struct desk_idreader r;
	int64_t id;
	desk_ids_init(&r, 0, NULL, fp);
	assert_int_equal(desk_ids_next(&u->d, &r, &id), EX_DATAERR);
	assert_int_equal(desk_ids_next(&u->d, &r, &id), EX_DATAERR);
	assert_non_null(strstr(u->d.errmsg, "…"));
	assert_int_equal(desk_ids_next(&u->d, &r, &id), 0);
	assert_int_equal(id, 7);
	desk_ids_release(&r);
	fclose(fp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test_setup_teardown(test_args, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_stdin, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_hostile, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_other_whitespace, unit_setup_nodb, unit_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
