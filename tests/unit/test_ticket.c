/* test_ticket.c - creating, reading and listing tickets. */
#include "unit_util.h"

#include <stdlib.h>
#include <string.h>

static int64_t create(struct unit *u, const char *subject, const char *requester, const char *prio)
{
	struct desk_ticket_draft t = { 0 };
	int64_t id = 0;
	t.subject = subject;
	t.requester = requester;
	t.priority = prio;
	t.body = "Xin chào, tôi không đăng nhập được.";
	t.body_len = strlen(t.body);
	int rc = desk_ticket_create(&u->d, &t, &id);
	if (rc)
		fail_msg("create failed: %s", u->d.errmsg);
	return id;
}

static void test_create_and_get(void **state)
{
	struct unit *u = *state;
	const char *tags[] = { "VPN", "network", "vpn" };
	struct desk_ticket_draft t = {
		.subject = "VPN down", .body = "since 9am", .body_len = 9,
		.requester = "an@example.com", .priority = "urgent", .channel = "email",
		.type = "incident", .tags = tags, .ntags = 3,
	};
	int64_t id;
	u->d.now = 1763884800;
	assert_int_equal(desk_ticket_create(&u->d, &t, &id), 0);
	assert_int_equal(id, 1);
	struct desk_ticket k;
	assert_int_equal(desk_ticket_get(&u->d, id, &k), 0);
	assert_string_equal(k.subject, "VPN down");
	assert_string_equal(k.status, "new");
	assert_int_equal(k.priority, DESK_PRIORITY_URGENT);
	assert_string_equal(k.channel, "email");
	assert_string_equal(k.type, "incident");
	assert_string_equal(k.requester, "an@example.com");
	assert_string_equal(k.tags, "network,vpn"); /* lowercased, deduplicated, sorted */
	assert_null(k.assignee);
	assert_int_equal(k.created, 1763884800);
	assert_int_equal(k.first_response, 0);
	desk_ticket_release(&k);
	/* one creation event, one customer created on first sight */
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM events WHERE entity = 'ticket'"), 1);
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM customers"), 1);
	create(u, "Again", "AN@example.com", NULL); /* same customer, any case */
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM customers"), 1);
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM events WHERE entity = 'customer'"), 1);
}

static void test_defaults_from_config(void **state)
{
	struct unit *u = *state;
	assert_int_equal(desk_config_load_string(&u->d, "d.yaml",
		"defaults:\n  priority: high\n  channel: phone\n  type: task\n", 56), 0);
	int64_t id = create(u, "Call back", NULL, NULL);
	struct desk_ticket k;
	assert_int_equal(desk_ticket_get(&u->d, id, &k), 0);
	assert_int_equal(k.priority, DESK_PRIORITY_HIGH);
	assert_string_equal(k.channel, "phone");
	assert_string_equal(k.type, "task");
	assert_null(k.requester);
	desk_ticket_release(&k);
}

static int count_msg(void *arg, const struct desk_message *m)
{
	int *n = arg;
	assert_string_equal(m->kind, "customer");
	assert_string_equal(m->body, "Xin chào, tôi không đăng nhập được.");
	(*n)++;
	return 0;
}

static void test_messages(void **state)
{
	struct unit *u = *state;
	int64_t id = create(u, "Không đăng nhập được", "binh@example.vn", "high");
	int n = 0;
	assert_int_equal(desk_ticket_messages(&u->d, id, count_msg, &n), 0);
	assert_int_equal(n, 1);
}

static void expect_rejected(struct unit *u, struct desk_ticket_draft *t, int code, const char *msg)
{
	int64_t id;
	long long before = unit_sql_int(u, "SELECT count(*) FROM tickets");
	assert_int_equal(desk_ticket_create(&u->d, t, &id), code);
	if (!strstr(u->d.errmsg, msg))
		fail_msg("message '%s' lacks '%s'", u->d.errmsg, msg);
	/* nothing half-written */
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM tickets"), before);
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM customers WHERE email = 'new@x.org'"), 0);
	assert_int_equal(u->d.tx_depth, 0);
}

static void test_bad_input(void **state)
{
	struct unit *u = *state;
	const char *badtag[] = { "ok", "two words" };
	const char *longtag[] = { "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" };
	char big[DESK_SUBJECT_MAX + 2];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	struct desk_ticket_draft t;

	t = (struct desk_ticket_draft){ .subject = "bad \xff subject", .requester = "new@x.org" };
	expect_rejected(u, &t, EX_DATAERR, "invalid UTF-8 in subject");
	t = (struct desk_ticket_draft){ .subject = "   ", .requester = "new@x.org" };
	expect_rejected(u, &t, EX_DATAERR, "empty subject");
	t = (struct desk_ticket_draft){ .subject = "two\nlines" };
	expect_rejected(u, &t, EX_DATAERR, "line break");
	t = (struct desk_ticket_draft){ .subject = big };
	expect_rejected(u, &t, EX_DATAERR, "longer than");
	t = (struct desk_ticket_draft){ .subject = "s", .requester = "not-an-email" };
	expect_rejected(u, &t, EX_DATAERR, "bad email address");
	t = (struct desk_ticket_draft){ .subject = "s", .requester = "a b@x.org" };
	expect_rejected(u, &t, EX_DATAERR, "bad email address");
	t = (struct desk_ticket_draft){ .subject = "s", .requester = "new@x.org", .priority = "hihg" };
	expect_rejected(u, &t, EX_DATAERR, "bad priority 'hihg'");
	t = (struct desk_ticket_draft){ .subject = "s", .channel = "fax" };
	expect_rejected(u, &t, EX_DATAERR, "bad channel 'fax'");
	t = (struct desk_ticket_draft){ .subject = "s", .type = "bug" };
	expect_rejected(u, &t, EX_DATAERR, "bad type 'bug'");
	t = (struct desk_ticket_draft){ .subject = "s", .requester = "new@x.org", .tags = badtag, .ntags = 2 };
	expect_rejected(u, &t, EX_DATAERR, "bad tag 'two words'");
	t = (struct desk_ticket_draft){ .subject = "s", .tags = longtag, .ntags = 1 };
	expect_rejected(u, &t, EX_DATAERR, "bad tag");
	t = (struct desk_ticket_draft){ .subject = "s", .requester = "new@x.org", .body = "a\0b", .body_len = 3 };
	expect_rejected(u, &t, EX_DATAERR, "NUL byte in message");
	t = (struct desk_ticket_draft){ .subject = "s", .body = " \n\t", .body_len = 3 };
	expect_rejected(u, &t, EX_DATAERR, "empty message");
}

static void test_get_missing(void **state)
{
	struct unit *u = *state;
	struct desk_ticket k;
	assert_int_equal(desk_ticket_get(&u->d, 99, &k), EX_NOINPUT);
	assert_string_equal(u->d.errmsg, "no ticket '#99'");
}

static void test_big_body(void **state)
{
	struct unit *u = *state;
	size_t n = 10 * 1024 * 1024;
	char *body = malloc(n + 1);
	memset(body, 'a', n);
	body[n] = '\0';
	struct desk_ticket_draft t = { .subject = "big", .body = body, .body_len = n };
	int64_t id;
	assert_int_equal(desk_ticket_create(&u->d, &t, &id), 0);
	assert_int_equal(unit_sql_int(u, "SELECT length(body) FROM messages"), (long long)n);
	free(body);
}

struct seen {
	int n;
	int64_t ids[16];
};

static int collect(void *arg, const struct desk_ticket_row *r)
{
	struct seen *s = arg;
	if (s->n < 16)
		s->ids[s->n] = r->id;
	s->n++;
	return 0;
}

static int stop_early(void *arg, const struct desk_ticket_row *r)
{
	(void)r;
	(*(int *)arg)++;
	return 42;
}

static void test_list_streams_and_stops(void **state)
{
	struct unit *u = *state;
	for (int i = 0; i < 5; i++)
		create(u, "t", NULL, i % 2 ? "urgent" : "low");
	struct seen s = { 0 };
	assert_int_equal(desk_ticket_list(&u->d, NULL, 1, collect, &s), 0);
	assert_int_equal(s.n, 5);
	assert_int_equal(s.ids[0], 1);
	int n = 0;
	assert_int_equal(desk_ticket_list(&u->d, NULL, 0, stop_early, &n), 42);
	assert_int_equal(n, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_and_get, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_defaults_from_config, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_messages, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_bad_input, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_get_missing, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_big_body, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_list_streams_and_stops, unit_setup, unit_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
