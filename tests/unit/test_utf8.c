/* test_utf8.c - validation and display width. */
#include "unit_util.h"

#include <string.h>

static int valid(const char *s)
{
	return desk_utf8_valid(s, strlen(s));
}

static void test_valid(void **state)
{
	(void)state;
	assert_true(valid("plain ascii"));
	assert_true(valid("Điều chỉnh hóa đơn"));
	assert_true(valid("发票錯誤"));
	assert_true(valid("\xf0\x9f\x98\x80")); /* U+1F600 */
	assert_true(valid("\xf4\x8f\xbf\xbf")); /* U+10FFFF */
	assert_false(valid("\xc0\xaf"));        /* overlong '/' */
	assert_false(valid("\xe0\x80\xaf"));    /* overlong */
	assert_false(valid("\xed\xa0\x80"));    /* surrogate D800 */
	assert_false(valid("\xf4\x90\x80\x80")); /* > U+10FFFF */
	assert_false(valid("\xe4\xb8"));        /* truncated */
	assert_false(valid("abc\x80"));         /* stray continuation */
	assert_false(valid("\xff"));
	assert_false(desk_utf8_valid("a\0b", 3)); /* NUL */
	assert_int_equal(desk_utf8_bad_offset("ab\xff", 3), 2);
}

static void test_text_check(void **state)
{
	struct unit *u = *state;
	assert_int_equal(desk_text_check(&u->d, "subject", "ok", 2), 0);
	assert_int_equal(desk_text_check(&u->d, "subject", "ab\xc3", 3), EX_DATAERR);
	assert_string_equal(u->d.errmsg, "invalid UTF-8 in subject at byte 2");
	assert_int_equal(desk_text_check(&u->d, "message", "a\0", 2), EX_DATAERR);
	assert_string_equal(u->d.errmsg, "NUL byte in message at byte 1");
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(desk_utf8_width("abc"), 3);
	assert_int_equal(desk_utf8_width("发票"), 4);
	assert_int_equal(desk_utf8_width("Điều"), 4);          /* precomposed */
	assert_int_equal(desk_utf8_width("Die\xcc\x82\xcc\x80u"), 4); /* combining marks */
	assert_int_equal(desk_utf8_width("한국어"), 6);
	assert_int_equal(desk_utf8_width("ｶﾀｶﾅ"), 4);            /* halfwidth */
	assert_int_equal(desk_utf8_width("ＡＢ"), 4);             /* fullwidth */
	assert_int_equal(desk_utf8_width("\xf0\x9f\x98\x80"), 2);
	assert_int_equal(desk_utf8_width(""), 0);
}

static void test_fit(void **state)
{
	(void)state;
	assert_int_equal(desk_utf8_fit("abcdef", 3), 3);
	assert_int_equal(desk_utf8_fit("发票错误", 5), 6); /* two wide chars, not half of a third */
	assert_int_equal(desk_utf8_fit("发票", 10), 6);
	/* a combining mark stays with its base */
	assert_int_equal(desk_utf8_fit("e\xcc\x81x", 1), 3);
}

static void test_clip(void **state)
{
	(void)state;
	char b[12];
	assert_string_equal(desk_clip(b, sizeof b, "short"), "short");
	assert_string_equal(desk_clip(b, sizeof b, "abcdefghijk"), "abcdefgh\xe2\x80\xa6");
	/* never half a character: 发 is 3 bytes, 8 bytes fit two of them */
	assert_string_equal(desk_clip(b, sizeof b, "发票错误"), "发票\xe2\x80\xa6");
	assert_string_equal(desk_clip(b, sizeof b, "a\xff\x1b[b"), "a??[b");
	assert_true(desk_utf8_valid(desk_clip(b, sizeof b, "\xe5\x8f\xd1\x91\xc3"), strlen(b)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test_setup_teardown(test_text_check, unit_setup_nodb, unit_teardown),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_clip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
