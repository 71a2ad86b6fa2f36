/* test_config.c - desk.yaml validation. */
#include "unit_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int load(struct unit *u, const char *yaml)
{
	return desk_config_load_string(&u->d, "desk.yaml", yaml, strlen(yaml));
}

static void test_defaults(void **state)
{
	struct unit *u = *state;
	assert_string_equal(u->d.cfg->default_priority, "normal");
	assert_int_equal(u->d.cfg->busy_timeout, 5000);
	assert_null(u->d.cfg->database);
	/* no file anywhere: defaults, no error */
	assert_int_equal(desk_config_load(&u->d, NULL), 0);
	assert_null(u->d.cfg->path);
	assert_int_equal(load(u, ""), 0);
	assert_int_equal(load(u, "# only a comment\n"), 0);
}

static void test_valid(void **state)
{
	struct unit *u = *state;
	assert_int_equal(load(u, "database: /srv/desk/desk.db\n"
				 "busy_timeout: 250\n"
				 "defaults:\n  priority: high\n  channel: email\n  type: incident\n"), 0);
	assert_string_equal(u->d.cfg->database, "/srv/desk/desk.db");
	assert_int_equal(u->d.cfg->busy_timeout, 250);
	assert_int_equal(u->d.busy_timeout_ms, 250);
	assert_string_equal(u->d.cfg->default_priority, "high");
	assert_string_equal(u->d.cfg->default_channel, "email");
	assert_string_equal(u->d.cfg->default_type, "incident");
	assert_string_equal(u->warnings, "");
}

static void test_paths(void **state)
{
	struct unit *u = *state;
	setenv("HOME", "/home/an", 1);
	assert_int_equal(load(u, "database: ~/desk.db\n"), 0);
	assert_string_equal(u->d.cfg->database, "/home/an/desk.db");
	assert_int_equal(desk_config_load_string(&u->d, "/etc/deskutils/desk.yaml",
						 "database: data/desk.db\n", 23), 0);
	assert_string_equal(u->d.cfg->database, "/etc/deskutils/data/desk.db");
}

static void expect_error(struct unit *u, const char *yaml, const char *msg)
{
	assert_int_equal(load(u, yaml), EX_CONFIG);
	if (!strstr(u->d.errmsg, msg))
		fail_msg("message '%s' lacks '%s'", u->d.errmsg, msg);
}

static void test_errors(void **state)
{
	struct unit *u = *state;
	expect_error(u, "busy_timeout: soon\n", "desk.yaml:1: key 'busy_timeout': expected a whole number");
	expect_error(u, "database: x\nbusy_timeout: -4\n", "desk.yaml:2: key 'busy_timeout'");
	expect_error(u, "busy_timeout: 99999999999999999999\n", "key 'busy_timeout'");
	expect_error(u, "database: [a, b]\n", "desk.yaml:1: key 'database': expected a string, found a list");
	expect_error(u, "defaults:\n  priority: hihg\n", "desk.yaml:2: key 'defaults.priority': expected low, normal, high or urgent");
	expect_error(u, "defaults: urgent\n", "key 'defaults': expected a mapping");
	expect_error(u, "database: a\ndatabase: b\n", "desk.yaml:2: key 'database': given twice");
	expect_error(u, "database: \"unterminated\n", "desk.yaml:");
	expect_error(u, "a: b: c\n", "malformed YAML");
	expect_error(u, "- just\n- a list\n", "the config must be a mapping");
	expect_error(u, "database: \"\"\n", "empty value");
	/* a failed load keeps the previous configuration */
	assert_string_equal(u->d.cfg->default_priority, "normal");
}

static void test_unknown_key_warns(void **state)
{
	struct unit *u = *state;
	assert_int_equal(load(u, "busy_timeout: 7\ncolour_scheme: dark\ndefaults:\n  sla: 4h\n"), 0);
	assert_non_null(strstr(u->warnings, "desk.yaml:2: unknown key 'colour_scheme' ignored"));
	assert_non_null(strstr(u->warnings, "desk.yaml:4: unknown key 'defaults.sla' ignored"));
	assert_int_equal(u->d.cfg->busy_timeout, 7);
	/* what the team decides moved to the team policy: a warning, ignored */
	assert_int_equal(load(u, "desk_name: A\nhooks_dir: /srv/hooks\n"), 0);
	assert_non_null(strstr(u->warnings, "desk.yaml:1: key 'desk_name' belongs to the team policy now"));
	assert_non_null(strstr(u->warnings, "desk.yaml:2: key 'hooks_dir' belongs to the team policy now"));
	/* a dotted key is not the nested key */
	assert_int_equal(load(u, "defaults.priority: high\n"), 0);
	assert_non_null(strstr(u->warnings, "unknown key 'defaults.priority' ignored"));
	assert_string_equal(u->d.cfg->default_priority, "normal");
}

static void test_file(void **state)
{
	struct unit *u = *state;
	char path[160];
	snprintf(path, sizeof path, "%s/desk.yaml", u->dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("database: /x.db\nbusy_timeout: x\n", fp);
	fclose(fp);
	setenv("DESK_CONFIG", path, 1);
	assert_int_equal(desk_config_load(&u->d, NULL), EX_CONFIG);
	assert_non_null(strstr(u->d.errmsg, "desk.yaml:2: key 'busy_timeout'"));
	assert_non_null(strstr(u->d.errmsg, u->dir));
	setenv("DESK_CONFIG", "/nonexistent/desk.yaml", 1);
	assert_int_equal(desk_config_load(&u->d, NULL), EX_CONFIG);
	assert_non_null(strstr(u->d.errmsg, "cannot read config: cannot open '/nonexistent/desk.yaml'"));
	unsetenv("DESK_CONFIG");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_defaults, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_valid, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_paths, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_errors, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_unknown_key_warns, unit_setup_nodb, unit_teardown),
		cmocka_unit_test_setup_teardown(test_file, unit_setup_nodb, unit_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
