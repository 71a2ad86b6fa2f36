/* test_sha256.c - SHA-256 against the FIPS 180-4 examples and sha256sum. */
#include "unit_util.h"

#include <stdlib.h>
#include <string.h>

static void check(const void *data, size_t len, const char *want)
{
	char hex[65];
	memset(hex, 'x', sizeof hex);
	desk_sha256_hex(data, len, hex);
	assert_string_equal(hex, want);
}

static void test_fips_examples(void **state)
{
	(void)state;
	check("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	check(NULL, 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	check("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	check(m448, strlen(m448), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_million_a(void **state)
{
	(void)state;
	const char *want = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
	char *a = malloc(1000000);
	assert_non_null(a);
	memset(a, 'a', 1000000);
	check(a, 1000000, want);

	/* the same bytes streamed in uneven pieces, some across block ends */
	struct desk_sha256 s;
	char hex[65];
	desk_sha256_init(&s);
	size_t done = 0;
	for (size_t piece = 0; done < 1000000; piece = (piece * 7 + 13) % 200) {
		size_t n = piece < 1000000 - done ? piece : 1000000 - done;
		desk_sha256_update(&s, a + done, n);
		done += n;
	}
	desk_sha256_final(&s, hex);
	assert_string_equal(hex, want);
	free(a);
}

/* "abcdefghijklmnopqrstuvwxyz" repeated, cut to n bytes: the lengths on
 * both sides of the padding boundaries (56 bytes leave no room for the
 * length, 64 is one block). Expected values from sha256sum. */
static void test_padding_lengths(void **state)
{
	(void)state;
	static const struct {
		size_t n;
		const char *want;
	} cases[] = {
		{ 55, "595615dbe4f0f407ae397d08b4c2cb870cb9b0e11937416f950c5160acf9c005" },
		{ 56, "784f623b787495078e93ff28a25b581df0584055a7e71d8cd90c454716b92f51" },
		{ 63, "5ca3e1ef5207490eac01a795e5cc94d59582a5118bf9534665c8668d87aa647c" },
		{ 64, "2fcd5a0d60e4c941381fcc4e00a4bf8be422c3ddfafb93c809e8d1e2bfffae8e" },
		{ 65, "1b3cd1877ab2f2f19f7be001722554f336cb799df0329de0bb4c118dc6abc06d" },
	};
	char text[65];
	for (size_t i = 0; i < sizeof text; i++)
		text[i] = (char)('a' + i % 26);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		check(text, cases[i].n, cases[i].want);
		/* byte by byte gives the same */
		struct desk_sha256 s;
		char hex[65];
		desk_sha256_init(&s);
		for (size_t k = 0; k < cases[i].n; k++)
			desk_sha256_update(&s, text + k, 1);
		desk_sha256_final(&s, hex);
		assert_string_equal(hex, cases[i].want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fips_examples),
		cmocka_unit_test(test_million_a),
		cmocka_unit_test(test_padding_lengths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
