/* test_tokenize.c - the desk tokenizer. */
#include "unit_util.h"

#include <stdio.h>
#include <string.h>

struct toks {
	char s[1024];
};

static int collect(void *arg, const char *tok, int len, int start, int end)
{
	struct toks *t = arg;
	size_t n = strlen(t->s);
	snprintf(t->s + n, sizeof t->s - n, "%s%.*s@%d-%d", n ? " " : "", len, tok, start, end);
	return 0;
}

static const char *toks(const char *text)
{
	static struct toks t;
	t.s[0] = '\0';
	assert_int_equal(desk_tokenize(text, (int)strlen(text), collect, &t), 0);
	return t.s;
}

static void test_latin_and_vietnamese(void **state)
{
	(void)state;
	assert_string_equal(toks("Hello, World!"), "hello@0-5 world@7-12");
	assert_string_equal(toks("Điều chỉnh"), "dieu@0-7 chinh@8-15");
	assert_string_equal(toks("đĐ"), "dd@0-4");
	/* every Vietnamese vowel with every tone, both cases, folds to its base */
	const char *vi = "àáảãạ ăằắẳẵặ âầấẩẫậ èéẻẽẹ êềếểễệ ìíỉĩị òóỏõọ ôồốổỗộ ơờớởỡợ ùúủũụ ưừứửữự ỳýỷỹỵ";
	const char *want = "aaaaa aaaaaa aaaaaa eeeee eeeeee iiiii ooooo oooooo oooooo uuuuu uuuuuu yyyyy";
	struct toks t = { "" };
	desk_tokenize(vi, (int)strlen(vi), collect, &t);
	char got[256] = "";
	for (char *p = t.s; *p; ) {
		char *at = strchr(p, '@');
		strncat(got, p, (size_t)(at - p));
		p = strchr(at, ' ');
		if (!p)
			break;
		strcat(got, " ");
		p++;
	}
	assert_string_equal(got, want);
	/* upper case too, and text typed with combining marks */
	assert_string_equal(toks("ĐIỀU"), "dieu@0-7");
	assert_string_equal(toks("Die\xcc\x82\xcc\x80u"), "dieu@0-8");
	assert_string_equal(toks("Ça Ñandú Straße Æsir"), "ca@0-3 nandu@4-11 strasse@12-19 aesir@20-25");
	assert_string_equal(toks("ПРИВЕТ Ελλάδα"), "привет@0-12 ελλαδα@13-25");
	assert_string_equal(toks("don't NEAR(x) a-b \"q\" *"), "don@0-3 t@4-5 near@6-10 x@11-12 a@14-15 b@16-17 q@19-20");
	assert_string_equal(toks("ＡＢＣ１２"), "abc12@0-15");
}

/* found by fuzzing: folding must reach a fixed point, or text indexed
 * with one letter can never be found by typing what it folds to */
static void test_fold_fixed_point(void **state)
{
	(void)state;
	assert_string_equal(toks("\xc4\xbf"), "l@0-2");           /* Ŀ */
	assert_string_equal(toks("\xc7\xa2"), "ae@0-2");          /* Ǣ */
	assert_string_equal(toks("\xc7\xbe"), "o@0-2");           /* Ǿ */
	assert_string_equal(toks("\xc9\x83"), "b@0-2");           /* Ƀ */
	assert_string_equal(toks("\xe1\xba\x9e"), "ss@0-3");     /* ẞ */
	/* every letter of Latin-1 to Latin Extended Additional, Greek and
	 * Cyrillic: tokenizing a token again gives the same token */
	for (uint32_t c = 0xc0; c < 0x2000; c++) {
		char in[8], first[64];
		int n = 0;
		if (c < 0x80) in[n++] = (char)c;
		else if (c < 0x800) { in[n++] = (char)(0xc0 | (c >> 6)); in[n++] = (char)(0x80 | (c & 0x3f)); }
		else { in[n++] = (char)(0xe0 | (c >> 12)); in[n++] = (char)(0x80 | ((c >> 6) & 0x3f)); in[n++] = (char)(0x80 | (c & 0x3f)); }
		in[n] = '\0';
		snprintf(first, sizeof first, "%s", toks(in));
		char *at = strchr(first, '@');
		if (!at)
			continue;
		*at = '\0';
		const char *again = toks(first);
		char want[80];
		snprintf(want, sizeof want, "%s@0-%zu", first, strlen(first));
		if (strcmp(again, want) != 0)
			fail_msg("U+%04X folds to '%s', which folds to '%s'", c, first, again);
	}
}

static void test_cjk(void **state)
{
	(void)state;
	assert_string_equal(toks("发票错误"), "发票@0-6 票错@3-9 错误@6-12");
	assert_string_equal(toks("發票"), "發票@0-6");
	assert_string_equal(toks("错"), "错@0-3");
	/* punctuation ends a run; Latin and digits in between stay words */
	assert_string_equal(toks("发票，错误"), "发票@0-6 错误@9-15");
	assert_string_equal(toks("VPN连接失败2次"), "vpn@0-3 连接@3-9 接失@6-12 失败@9-15 2@15-16 次@16-19");
	assert_string_equal(toks("ログイン"), "ログ@0-6 グイ@3-9 イン@6-12");
	assert_string_equal(toks("한국어 지원"), "한국어@0-9 지원@10-16");
}

static void test_hostile(void **state)
{
	(void)state;
	assert_string_equal(toks(""), "");
	assert_string_equal(toks("   ,.;!?"), "");
	assert_string_equal(toks("\xff\xfe" "ab\xc3"), "ab@2-4");
	assert_string_equal(toks("\xcc\x80\xcc\x80"), ""); /* lone combining marks */
	assert_string_equal(toks("😀 ok"), "ok@5-7");
	/* a very long word is cut, not overflowed */
	char big[5000];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	const char *r = toks(big);
	assert_true(strlen(r) < 200);
	/* found by fuzzing: a long word is cut by its folded bytes, so the cut
	 * token tokenizes to itself (ǅ -> dz, ß -> ss near the limit) */
	char lng[300] = "\xc7\x85\xc4\xbf";
	for (int i = 0; i < 120; i++)
		strcat(lng, "L");
	strcat(lng, "\xc3\x9f");
	char once[200];
	snprintf(once, sizeof once, "%s", toks(lng));
	*strchr(once, '@') = '\0';
	char twice[200];
	snprintf(twice, sizeof twice, "%s", toks(once));
	*strchr(twice, '@') = '\0';
	assert_string_equal(once, twice);
	assert_true(strlen(once) <= 128);
	assert_true(desk_has_tokens("Điều"));
	assert_false(desk_has_tokens("- * \" :"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_latin_and_vietnamese),
		cmocka_unit_test(test_cjk),
		cmocka_unit_test(test_fold_fixed_point),
		cmocka_unit_test(test_hostile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
