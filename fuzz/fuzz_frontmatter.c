/*
 * fuzz_frontmatter.c - knowledge-base files with a YAML front matter
 * header (desk_frontmatter_parse), and what desk_frontmatter_write makes
 * of them. Built only when lib/frontmatter.c exists (fuzz/Makefile).
 *
 * Input: the file's bytes, as they are. Checks:
 *  - the parse returns 0 or EX_DATAERR "fuzz.md:...", with a message that
 *    is valid UTF-8 when the file is, and a failed parse leaves nothing
 *    allocated (fm->owned NULL);
 *  - a parsed file holds what the knowledge base accepts: the body points
 *    into the text and is not blank, title, tags, lang, status, audience
 *    and owner pass desk_kb_check, the tags at most 1000;
 *  - written back with desk_frontmatter_write (as kb-export does) and
 *    parsed again, an article with a title reads back the same: id,
 *    title, tags, lang, status, audience, owner, the review day and the
 *    body (check fm-roundtrip);
 *  - desk_frontmatter_slug of the title is at most 60 bytes of a-z, 0-9
 *    and single inner dashes.
 */
#include "fuzz_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME "fuzz.md"

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void check_slug(const char *title)
{
	char out[DESK_FM_SLUG_MAX + 1];
	desk_frontmatter_slug(title, out);
	size_t n = strlen(out);
	FZ_CHECK(n <= DESK_FM_SLUG_MAX, "slug of %zu bytes", n);
	for (size_t i = 0; i < n; i++)
		FZ_CHECK((out[i] >= 'a' && out[i] <= 'z') || (out[i] >= '0' && out[i] <= '9') ||
			 (out[i] == '-' && i > 0 && i + 1 < n && out[i - 1] != '-'),
			 "slug '%s' for title '%s'", out, title);
}

static void check_parsed(struct desk *d, const struct desk_frontmatter *fm, const char *text, size_t len)
{
	const struct desk_article_draft *a = &fm->a;
	FZ_CHECK(fm->id >= 0, "id %lld", (long long)fm->id);
	if (a->body) {
		FZ_CHECK(a->body >= text && a->body + a->body_len <= text + len && a->body_len > 0,
			 "the body is not inside the text");
		int blank = 1;
		for (size_t i = 0; i < a->body_len; i++)
			blank &= a->body[i] == ' ' || a->body[i] == '\t' || a->body[i] == '\n' || a->body[i] == '\r' ||
				 a->body[i] == '\v' || a->body[i] == '\f';
		FZ_CHECK(!blank, "a blank body");
	}
	FZ_CHECK(a->ntags <= 1000, "%zu tags", a->ntags);
	struct desk_article_draft chk = *a;
	chk.body = NULL; /* checked above; desk_body_check has its own limits */
	FZ_CHECK(desk_kb_check(d, &chk, 0, 1) == 0, "a parsed header the knowledge base refuses: %s", d->errmsg);
	if (a->title)
		check_slug(a->title);
}

/* The tags as desk_article keeps them: space-separated. */
static char *tag_string(const struct desk_article_draft *a)
{
	struct desk_buf b = DESK_BUF_INIT;
	desk_buf_add(&b, "", 0);
	for (size_t i = 0; i < a->ntags; i++) {
		if (i)
			desk_buf_addc(&b, ' ');
		desk_buf_adds(&b, a->tags[i]);
	}
	return desk_buf_take(&b);
}

static void roundtrip(struct desk *d, const struct desk_frontmatter *fm)
{
	const struct desk_article_draft *a = &fm->a;
	char *body = a->body ? strndup(a->body, a->body_len) : NULL;
	char *tags = tag_string(a);
	time_t review = a->set_review ? a->review_by : 0;
	struct tm tm;
	if (review && fz_skip("time-roundtrip") &&
	    (!localtime_r(&review, &tm) || tm.tm_year + 1900 < 1970 || tm.tm_year + 1900 > 9999))
		review = 0; /* the known finding: a day desk_time_parse refuses */
	struct desk_article art = {
		.id = fm->id, .title = (char *)a->title, .body = body, .tags = tags,
		.lang = (char *)a->lang, .status = (char *)a->status, .audience = (char *)a->audience,
		.owner = (char *)a->owner, .review_by = review,
	};
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	if (!fp)
		abort();
	FZ_CHECK(desk_frontmatter_write(fp, &art) == 0, "desk_frontmatter_write failed");
	fclose(fp);

	struct desk_frontmatter back;
	desk_clear_error(d);
	int rc = desk_frontmatter_parse(d, NAME, out, len, &back);
	FZ_CHECK(rc == 0, "desk_frontmatter_write wrote a file the parser refuses: %s\n---- written:\n%s", d->errmsg,
		 out);
	const struct desk_article_draft *b = &back.a;
	FZ_CHECK(back.id == fm->id, "id %lld read back as %lld", (long long)fm->id, (long long)back.id);
	FZ_CHECK(same(a->title, b->title), "title '%s' read back as '%s'", a->title, b->title ? b->title : "(none)");
	FZ_CHECK(a->ntags == b->ntags, "%zu tags read back as %zu\n---- written:\n%s", a->ntags, b->ntags, out);
	for (size_t i = 0; i < a->ntags; i++) {
		char x[DESK_TAG_MAX + 1], y[DESK_TAG_MAX + 1];
		FZ_CHECK(desk_tag_normalise(d, a->tags[i], x) == 0 && desk_tag_normalise(d, b->tags[i], y) == 0 &&
			 strcmp(x, y) == 0, "tag '%s' read back as '%s'", a->tags[i], b->tags[i]);
	}
	FZ_CHECK(same(a->lang, b->lang) && same(a->status, b->status) && same(a->audience, b->audience) &&
		 same(a->owner, b->owner), "lang, status, audience or owner changed\n---- written:\n%s", out);
	time_t r1 = review, r2 = b->set_review ? b->review_by : 0;
	FZ_CHECK(desk_frontmatter_same_day(r1, r2), "review_by %lld read back as %lld\n---- written:\n%s",
		 (long long)r1, (long long)r2, out);
	FZ_CHECK((!a->body && !b->body) ||
		 (a->body && b->body && a->body_len == b->body_len && memcmp(a->body, b->body, a->body_len) == 0),
		 "the body changed\n---- written:\n%s", out);
	desk_frontmatter_release(&back);
	free(out);
	free(tags);
	free(body);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct desk *d = fz_desk();
	/* the text in an allocation of its own size, so reads past it are caught */
	char *text = malloc(size ? size : 1);
	if (!text)
		abort();
	memcpy(text, data, size);
	int utf8 = fz_utf8_ok(text, size);
	struct desk_frontmatter fm;

	desk_clear_error(d);
	int rc = desk_frontmatter_parse(d, NAME, text, size, &fm);
	if (rc) {
		static const int allowed[] = { EX_DATAERR, 0 };
		fz_check_error(d, rc, "desk_frontmatter_parse", allowed);
		FZ_CHECK(strncmp(d->errmsg, NAME ":", strlen(NAME) + 1) == 0, "message '%s'", d->errmsg);
		FZ_CHECK(fm.owned == NULL, "a failed parse kept its storage");
		if (utf8)
			fz_check_message_utf8(d, "desk_frontmatter_parse");
		free(text);
		return 0;
	}
	FZ_CHECK(utf8, "a file that is not UTF-8 (or has a NUL byte) was accepted");
	check_parsed(d, &fm, text, size);
	if (fm.a.title && !fz_skip("fm-roundtrip"))
		roundtrip(d, &fm);
	desk_frontmatter_release(&fm);
	FZ_CHECK(fm.owned == NULL, "desk_frontmatter_release left owned storage");
	free(text);
	return 0;
}
