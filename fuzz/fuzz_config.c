/*
 * fuzz_config.c - the YAML configuration (desk_config_load_string).
 *
 * Input: the file's bytes, as they are (NUL bytes and all). Checks:
 *  - the load returns 0 or EX_CONFIG "fuzz.yaml:LINE...", with a message
 *    that is valid UTF-8 when the input is, and then leaves d->cfg as it
 *    was;
 *  - a loaded configuration holds only values its keys accept:
 *    busy_timeout 0..3600000 (and applied to the context), defaults a known priority, channel and type, paths
 *    non-empty and absolute when the file's were absolute or ~;
 *  - nothing allocated is left behind (the configuration is reset each run).
 */
#include "fuzz_common.h"
#include "internal.h" /* desk_config_defaults */

#include <stdlib.h>
#include <string.h>

#define NAME "fuzz.yaml"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("HOME", "/home/fuzz", 1);
	fz_desk();
	return 0;
}

static void check_str(const char *what, const char *s, int may_be_null)
{
	if (!s) {
		FZ_CHECK(may_be_null, "%s is NULL", what);
		return;
	}
	FZ_CHECK(*s, "%s is empty", what);
	FZ_CHECK(fz_utf8_ok(s, strlen(s)), "%s is not UTF-8", what);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct desk *d = fz_desk();
	struct desk_config *before = d->cfg;
	int utf8 = fz_utf8_ok((const char *)data, size);

	desk_clear_error(d);
	int rc = desk_config_load_string(d, NAME, (const char *)data, size);
	if (rc) {
		static const int allowed[] = { EX_CONFIG, 0 };
		fz_check_error(d, rc, "desk_config_load_string", allowed);
		FZ_CHECK(strncmp(d->errmsg, NAME ":", strlen(NAME) + 1) == 0, "message '%s'", d->errmsg);
		FZ_CHECK(d->cfg == before, "a failed load replaced the configuration");
		if (utf8)
			fz_check_message_utf8(d, "desk_config_load_string");
		return 0;
	}
	const struct desk_config *c = d->cfg;
	FZ_CHECK(c != NULL, "no configuration after a load");
	FZ_CHECK(c->path && strcmp(c->path, NAME) == 0, "path '%s'", c->path ? c->path : "(null)");
	FZ_CHECK(c->busy_timeout >= 0 && c->busy_timeout <= 3600000, "busy_timeout %ld", c->busy_timeout);
	FZ_CHECK(d->busy_timeout_ms == (int)c->busy_timeout, "busy_timeout %ld not applied (%d)",
		 c->busy_timeout, d->busy_timeout_ms);
	int p;
	FZ_CHECK(c->default_priority && desk_priority_parse(c->default_priority, &p) == 0,
		 "defaults.priority '%s'", c->default_priority ? c->default_priority : "(null)");
	FZ_CHECK(c->default_channel && desk_channel_valid(c->default_channel), "defaults.channel");
	FZ_CHECK(c->default_type && desk_type_valid(c->default_type), "defaults.type");
	check_str("database", c->database, 1);
	FZ_CHECK(desk_config_database(c) == c->database, "desk_config_database");
	/* "~/x" is $HOME/x; "/x" stays; anything else is relative to "fuzz.yaml",
	 * which has no directory part, so stays as written */
	if (c->database && c->database[0] == '~')
		FZ_CHECK(c->database[1] != '/' && c->database[1] != '\0', "'~' not expanded in '%s'", c->database);

	/* back to the built-in defaults for the next run */
	desk_config_free(d->cfg);
	d->cfg = desk_config_defaults();
	d->busy_timeout_ms = (int)d->cfg->busy_timeout;
	return 0;
}
