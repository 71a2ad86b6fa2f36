/* test_output.c - the five output formats. */
#include "unit_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct desk_column cols[] = {
	{ "id", "ID", DESK_COL_INT, 0 },
	{ "subject", "SUBJECT", DESK_COL_TEXT, DESK_COL_SHRINK },
	{ "when", "WHEN", DESK_COL_TIME, 0 },
	{ "tags", "TAGS", DESK_COL_LIST, DESK_COL_JSON_ONLY },
};

/* Render two rows in a format; returns an allocated string. */
static char *render(enum desk_format f, int header, int width, const char *subject2)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct desk_out_opts o = { f, header, 0, width };
	struct desk_out *out = desk_out_new(fp, &o, cols, 4);
	desk_out_int(out, 7);
	desk_out_text(out, "VPN down");
	desk_out_time(out, 1763884800);
	desk_out_list(out, "vpn,network");
	assert_int_equal(desk_out_row_end(out), 0);
	desk_out_int(out, 12);
	desk_out_text(out, subject2);
	desk_out_null(out);
	desk_out_null(out);
	assert_int_equal(desk_out_row_end(out), 0);
	assert_int_equal(desk_out_finish(out), 0);
	desk_out_free(out);
	fclose(fp);
	return buf;
}

static int setup(void **state)
{
	(void)state;
	setenv("TZ", "UTC", 1);
	return 0;
}

static void test_tsv(void **state)
{
	(void)state;
	char *s = render(DESK_FMT_TSV, 0, 0, "tab\there\nnew\\line");
	assert_string_equal(s, "7\tVPN down\t2025-11-23T08:00:00+00:00\n"
			       "12\ttab\\there\\nnew\\\\line\t\n");
	free(s);
	s = render(DESK_FMT_TSV, 1, 0, "x");
	assert_string_equal(s, "id\tsubject\twhen\n7\tVPN down\t2025-11-23T08:00:00+00:00\n12\tx\t\n");
	free(s);
}

static void test_csv(void **state)
{
	(void)state;
	char *s = render(DESK_FMT_CSV, 0, 0, "say \"hi\", ok\r\nbye");
	assert_string_equal(s, "id,subject,when\r\n"
			       "7,VPN down,2025-11-23T08:00:00+00:00\r\n"
			       "12,\"say \"\"hi\"\", ok\r\nbye\",\r\n");
	free(s);
}

static void test_json(void **state)
{
	(void)state;
	char *s = render(DESK_FMT_JSON, 0, 0, "quote \" back \\ ctl \x01 tiếng Việt");
	assert_string_equal(s,
		"[\n{\"id\":7,\"subject\":\"VPN down\",\"when\":\"2025-11-23T08:00:00+00:00\",\"tags\":[\"vpn\",\"network\"]},\n"
		"{\"id\":12,\"subject\":\"quote \\\" back \\\\ ctl \\u0001 tiếng Việt\",\"when\":null,\"tags\":[]}\n]\n");
	free(s);
	s = render(DESK_FMT_JSONL, 0, 0, "x");
	assert_string_equal(s,
		"{\"id\":7,\"subject\":\"VPN down\",\"when\":\"2025-11-23T08:00:00+00:00\",\"tags\":[\"vpn\",\"network\"]}\n"
		"{\"id\":12,\"subject\":\"x\",\"when\":null,\"tags\":[]}\n");
	free(s);
}

static void test_empty(void **state)
{
	(void)state;
	const enum desk_format fs[] = { DESK_FMT_JSON, DESK_FMT_JSONL, DESK_FMT_TSV, DESK_FMT_CSV, DESK_FMT_TABLE };
	const char *want[] = { "[]\n", "", "", "id,subject,when\r\n", "" };
	for (int i = 0; i < 5; i++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&buf, &len);
		struct desk_out_opts o = { fs[i], 0, 0, 0 };
		struct desk_out *out = desk_out_new(fp, &o, cols, 4);
		assert_int_equal(desk_out_finish(out), 0);
		desk_out_free(out);
		fclose(fp);
		assert_string_equal(buf, want[i]);
		free(buf);
	}
}

static void test_table_aligns_wide_text(void **state)
{
	(void)state;
	char *s = render(DESK_FMT_TABLE, 0, 0, "发票错误 Điều");
	assert_string_equal(s,
		"ID  SUBJECT        WHEN\n"
		" 7  VPN down       2025-11-23 08:00\n"
		"12  发票错误 Điều  -\n");
	free(s);
}

static void test_table_cuts_to_width(void **state)
{
	(void)state;
	/* 2 + 2 + 24 + 2 + 16 = 46 columns wanted, 30 available: only the
	 * subject is cut, the times stay whole */
	char *s = render(DESK_FMT_TABLE, 0, 30, "a very long subject line");
	assert_string_equal(s,
		"ID  SUBJECT   WHEN\n"
		" 7  VPN down  2025-11-23 08:00\n"
		"12  a very …  -\n");
	free(s);
	/* cutting never splits a wide character */
	s = render(DESK_FMT_TABLE, 0, 30, "发票错误发票错误发票");
	assert_non_null(strstr(s, "12  发票错…   -\n"));
	free(s);
}

static void test_format_names(void **state)
{
	(void)state;
	enum desk_format f;
	assert_int_equal(desk_format_parse("jsonl", &f), 0);
	assert_int_equal(f, DESK_FMT_JSONL);
	assert_int_equal(desk_format_parse("yaml", &f), -1);
	assert_string_equal(desk_format_name(DESK_FMT_CSV), "csv");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tsv),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_table_aligns_wide_text),
		cmocka_unit_test(test_table_cuts_to_width),
		cmocka_unit_test(test_format_names),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
