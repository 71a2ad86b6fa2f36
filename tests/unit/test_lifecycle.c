/* test_lifecycle.c - state machine, updates, conversation, assignment, agents. */
#include "unit_util.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t new_ticket(struct unit *u, const char *requester)
{
	const char *tags[] = { "vpn" };
	struct desk_ticket_draft t = { .subject = "VPN down", .body = "Lỗi 809", .body_len = strlen("Lỗi 809"),
				       .requester = requester, .tags = tags, .ntags = 1 };
	int64_t id;
	assert_int_equal(desk_ticket_create(&u->d, &t, &id), 0);
	return id;
}

static char *status_of(struct unit *u, int64_t id)
{
	static char buf[16];
	struct desk_ticket t;
	assert_int_equal(desk_ticket_get(&u->d, id, &t), 0);
	snprintf(buf, sizeof buf, "%s", t.status);
	desk_ticket_release(&t);
	return buf;
}

static int set_status(struct unit *u, int64_t id, const char *s)
{
	struct desk_ticket_change c = { .status = s };
	return desk_ticket_update(&u->d, id, &c);
}

static long long events(struct unit *u)
{
	return unit_sql_int(u, "SELECT count(*) FROM events");
}

static void test_state_machine(void **state)
{
	(void)state;
	const char *st[] = { "new", "open", "pending", "on-hold", "solved", "closed" };
	/* allowed[from][to] */
	static const int allowed[6][6] = {
		{ 0, 1, 1, 1, 1, 1 },
		{ 0, 0, 1, 1, 1, 1 },
		{ 0, 1, 0, 1, 1, 1 },
		{ 0, 1, 1, 0, 1, 1 },
		{ 0, 1, 0, 0, 0, 1 },
		{ 0, 0, 0, 0, 0, 0 },
	};
	for (int f = 0; f < 6; f++)
		for (int t = 0; t < 6; t++)
			if (desk_status_move_ok(st[f], st[t]) != allowed[f][t])
				fail_msg("%s -> %s should be %s", st[f], st[t], allowed[f][t] ? "allowed" : "refused");
	assert_false(desk_status_move_ok("open", "bogus"));
}

static void test_status_timestamps(void **state)
{
	struct unit *u = *state;
	u->d.now = 1000;
	int64_t id = new_ticket(u, "an@example.com");
	u->d.now = 2000;
	assert_int_equal(set_status(u, id, "solved"), 0);
	assert_int_equal(unit_sql_int(u, "SELECT solved FROM tickets"), 2000);
	assert_int_equal(unit_sql_int(u, "SELECT first_solved FROM tickets"), 2000);
	u->d.now = 3000;
	assert_int_equal(set_status(u, id, "open"), 0); /* a reopen */
	assert_int_equal(unit_sql_int(u, "SELECT solved IS NULL FROM tickets"), 1);
	assert_int_equal(unit_sql_int(u, "SELECT reopens FROM tickets"), 1);
	u->d.now = 4000;
	long long before = events(u);
	assert_int_equal(set_status(u, id, "closed"), 0); /* passes through solved */
	assert_int_equal(events(u), before + 2);
	assert_int_equal(unit_sql_int(u, "SELECT solved FROM tickets"), 4000);
	assert_int_equal(unit_sql_int(u, "SELECT first_solved FROM tickets"), 2000);
	assert_int_equal(unit_sql_int(u, "SELECT closed FROM tickets"), 4000);
	assert_int_equal(unit_sql_int(u, "SELECT updated FROM tickets"), 4000);
	assert_string_equal(status_of(u, id), "closed");
}

static void test_illegal_moves_write_nothing(void **state)
{
	struct unit *u = *state;
	int64_t id = new_ticket(u, NULL);
	long long before = events(u);
	assert_int_equal(set_status(u, id, "bogus"), EX_DATAERR);
	assert_int_equal(set_status(u, id, "solved"), 0);
	before = events(u);
	assert_int_equal(set_status(u, id, "pending"), EX_DATAERR);
	assert_non_null(strstr(u->d.errmsg, "cannot move from solved to pending"));
	assert_int_equal(set_status(u, id, "new"), EX_DATAERR);
	/* a failing change in a multi-field update leaves no part behind */
	struct desk_ticket_change c = { .status = "pending", .priority = "urgent", .subject = "New subject" };
	assert_int_equal(desk_ticket_update(&u->d, id, &c), EX_DATAERR);
	assert_int_equal(events(u), before);
	assert_int_equal(unit_sql_int(u, "SELECT priority FROM tickets"), DESK_PRIORITY_NORMAL);
	assert_int_equal(set_status(u, id, "closed"), 0);
	assert_int_equal(set_status(u, id, "open"), EX_DATAERR);
	assert_non_null(strstr(u->d.errmsg, "closed is final"));
	struct desk_ticket_change p = { .priority = "high" };
	assert_int_equal(desk_ticket_update(&u->d, id, &p), EX_DATAERR);
	assert_int_equal(desk_ticket_update(&u->d, 99, &p), EX_NOINPUT);
	assert_int_equal(u->d.tx_depth, 0);
}

static int count_rows(void *arg, const struct desk_ticket_row *r)
{
	(void)r;
	(*(int *)arg)++;
	return 0;
}

static int matches(struct unit *u, const char *word)
{
	char *argv[] = { (char *)word };
	struct desk_filter *f;
	int n = 0;
	assert_int_equal(desk_filter_parse(&u->d, 1, argv, &f), 0);
	assert_int_equal(desk_ticket_list(&u->d, f, 0, count_rows, &n), 0);
	desk_filter_free(f);
	return n;
}

static void test_fields(void **state)
{
	struct unit *u = *state;
	int64_t id = new_ticket(u, NULL);
	assert_int_equal(desk_team_add(&u->d, "network", NULL), 0);
	const char *add[] = { "Outage", "vpn" };
	const char *del[] = { "vpn", "never-there" };
	struct desk_ticket_change c = { .priority = "urgent", .type = "incident", .subject = "Hanoi office offline",
					.team = "network", .tags_add = add, .ntags_add = 2,
					.tags_remove = del, .ntags_remove = 2 };
	long long before = events(u);
	assert_int_equal(desk_ticket_update(&u->d, id, &c), 0);
	struct desk_ticket t;
	assert_int_equal(desk_ticket_get(&u->d, id, &t), 0);
	assert_int_equal(t.priority, DESK_PRIORITY_URGENT);
	assert_string_equal(t.type, "incident");
	assert_string_equal(t.subject, "Hanoi office offline");
	assert_string_equal(t.team, "network");
	assert_string_equal(t.tags, "outage");
	desk_ticket_release(&t);
	/* priority, type, subject, team, +outage, -vpn: six events; vpn re-add and never-there are no-ops */
	assert_int_equal(events(u), before + 6);
	/* the subject index follows the change */
	assert_int_equal(matches(u, "hanoi"), 1);
	assert_int_equal(matches(u, "VPN down"), 0);
	assert_int_equal(matches(u, "809"), 1); /* the message is still there */
	/* the same change again writes nothing */
	before = events(u);
	struct desk_ticket_change same = { .priority = "urgent", .team = "network" };
	assert_int_equal(desk_ticket_update(&u->d, id, &same), 0);
	assert_int_equal(events(u), before);
	struct desk_ticket_change none = { .team = "none" };
	assert_int_equal(desk_ticket_update(&u->d, id, &none), 0);
	assert_int_equal(unit_sql_int(u, "SELECT team_id IS NULL FROM tickets"), 1);
	struct desk_ticket_change bad = { .team = "nosuch" };
	assert_int_equal(desk_ticket_update(&u->d, id, &bad), EX_NOINPUT);
	assert_non_null(strstr(u->d.errmsg, "no team 'nosuch'"));
}

static int64_t message(struct unit *u, int64_t id, enum desk_msg_kind k, const char *status, int want)
{
	struct desk_message_draft m = { .kind = k, .body = "Xin chào", .len = strlen("Xin chào"), .status = status };
	int64_t got = 0;
	assert_int_equal(desk_ticket_add_message(&u->d, id, &m, &got), want);
	return got;
}

static void test_conversation(void **state)
{
	struct unit *u = *state;
	u->d.now = 1000;
	int64_t id = new_ticket(u, "an@example.com");
	u->d.now = 1500;
	message(u, id, DESK_MSG_NOTE, NULL, 0);
	assert_string_equal(status_of(u, id), "new");
	assert_int_equal(unit_sql_int(u, "SELECT first_response IS NULL FROM tickets"), 1);
	u->d.now = 2000;
	message(u, id, DESK_MSG_REPLY, "pending", 0);
	assert_string_equal(status_of(u, id), "pending");
	assert_int_equal(unit_sql_int(u, "SELECT first_response FROM tickets"), 2000);
	u->d.now = 2500;
	message(u, id, DESK_MSG_REPLY, NULL, 0);
	assert_int_equal(unit_sql_int(u, "SELECT first_response FROM tickets"), 2000); /* first only */
	message(u, id, DESK_MSG_CUSTOMER, NULL, 0);
	assert_string_equal(status_of(u, id), "open");            /* the customer answered */
	assert_int_equal(set_status(u, id, "on-hold"), 0);
	message(u, id, DESK_MSG_CUSTOMER, NULL, 0);
	assert_string_equal(status_of(u, id), "on-hold");         /* still waiting on the third party */
	assert_int_equal(set_status(u, id, "solved"), 0);
	message(u, id, DESK_MSG_CUSTOMER, NULL, 0);
	assert_string_equal(status_of(u, id), "open");            /* reopened */
	assert_int_equal(unit_sql_int(u, "SELECT reopens FROM tickets"), 1);
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM messages WHERE ticket_id = 1"), 7);
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM messages WHERE kind = 'note'"), 1);

	/* closed: replies refused, a customer message starts a follow-up */
	assert_int_equal(set_status(u, id, "closed"), 0);
	message(u, id, DESK_MSG_REPLY, NULL, EX_DATAERR);
	message(u, id, DESK_MSG_NOTE, NULL, EX_DATAERR);
	int64_t f = message(u, id, DESK_MSG_CUSTOMER, NULL, 0);
	assert_int_not_equal(f, id);
	struct desk_ticket t;
	assert_int_equal(desk_ticket_get(&u->d, f, &t), 0);
	assert_int_equal(t.parent_id, id);
	assert_string_equal(t.status, "new");
	assert_string_equal(t.requester, "an@example.com");
	assert_string_equal(t.tags, "vpn");
	assert_string_equal(t.subject, "VPN down");
	desk_ticket_release(&t);
	assert_string_equal(status_of(u, id), "closed");
	/* the next message joins that follow-up instead of starting another */
	int64_t f2 = message(u, id, DESK_MSG_CUSTOMER, NULL, 0);
	assert_int_equal(f2, f);
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM tickets WHERE parent_id = 1"), 1);
	assert_int_equal(set_status(u, f, "closed"), 0);
	int64_t f3 = message(u, id, DESK_MSG_CUSTOMER, NULL, 0);
	assert_int_not_equal(f3, f);
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM tickets WHERE parent_id = 1"), 2);
}

static void test_comment_needs_author(void **state)
{
	struct unit *u = *state;
	int64_t id = new_ticket(u, NULL);
	message(u, id, DESK_MSG_CUSTOMER, NULL, EX_DATAERR);
	assert_non_null(strstr(u->d.errmsg, "has no requester"));
	struct desk_message_draft m = { .kind = DESK_MSG_CUSTOMER, .body = "hi", .len = 2, .author = "cc@example.org" };
	assert_int_equal(desk_ticket_add_message(&u->d, id, &m, NULL), 0);
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM customers WHERE email = 'cc@example.org'"), 1);
	struct desk_message_draft bad = { .kind = DESK_MSG_REPLY, .body = "\xff", .len = 1 };
	long long before = events(u);
	assert_int_equal(desk_ticket_add_message(&u->d, id, &bad, NULL), EX_DATAERR);
	struct desk_message_draft empty = { .kind = DESK_MSG_REPLY, .body = "  ", .len = 2 };
	assert_int_equal(desk_ticket_add_message(&u->d, id, &empty, NULL), EX_DATAERR);
	struct desk_message_draft badst = { .kind = DESK_MSG_REPLY, .body = "x", .len = 1, .status = "new" };
	assert_int_equal(desk_ticket_add_message(&u->d, id, &badst, NULL), EX_DATAERR); /* never to new */
	assert_int_equal(events(u), before);
	assert_int_equal(desk_ticket_add_message(&u->d, 42, &m, NULL), EX_NOINPUT);
}

static void test_assign(void **state)
{
	struct unit *u = *state;
	int64_t id = new_ticket(u, NULL);
	assert_int_equal(desk_agent_add(&u->d, "dana", "Dana Lê", "dana@example.com", NULL, NULL), 0);
	assert_int_equal(desk_agent_add(&u->d, "minh", NULL, NULL, "lead", NULL), 0);
	assert_int_equal(desk_ticket_assign(&u->d, id, "dana", 0), 0);
	assert_string_equal(status_of(u, id), "open"); /* assigned: no longer new */
	long long before = events(u);
	assert_int_equal(desk_ticket_assign(&u->d, id, "dana", 0), 0); /* idempotent */
	assert_int_equal(events(u), before);
	assert_int_equal(desk_ticket_assign(&u->d, id, "minh", 0), DESK_PARTIAL);
	assert_string_equal(u->d.errmsg, "ticket '#1' is already assigned to 'dana'");
	assert_int_equal(events(u), before);
	assert_int_equal(desk_ticket_assign(&u->d, id, "minh", DESK_ASSIGN_STEAL), 0);
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM events WHERE field = 'assignee' AND old = 'dana' AND new = 'minh'"), 1);
	assert_int_equal(desk_ticket_assign(&u->d, id, NULL, 0), 0);
	assert_int_equal(unit_sql_int(u, "SELECT assignee_id IS NULL FROM tickets"), 1);
	assert_int_equal(desk_ticket_assign(&u->d, id, "nobody", 0), EX_NOINPUT);
	struct desk_agent_change off = { .active = 0 };
	assert_int_equal(desk_agent_update(&u->d, "dana", &off), 0);
	assert_int_equal(desk_ticket_assign(&u->d, id, "dana", 0), EX_DATAERR);
	assert_int_equal(desk_ticket_assign(&u->d, 77, "minh", 0), EX_NOINPUT);
	assert_int_equal(set_status(u, id, "closed"), 0);
	assert_int_equal(desk_ticket_assign(&u->d, id, "minh", 0), EX_DATAERR);
	assert_int_equal(u->d.tx_depth, 0);
}

static int count_agents(void *arg, const struct desk_agent *a)
{
	char *s = arg;
	sprintf(s + strlen(s), "%s%s:%s:%ld", *s ? " " : "", a->login, a->teams ? a->teams : "-", a->open_tickets);
	return 0;
}

static void test_agents_and_teams(void **state)
{
	struct unit *u = *state;
	assert_int_equal(desk_team_add(&u->d, "billing", "Invoices"), 0);
	assert_int_equal(desk_team_add(&u->d, "billing", NULL), EX_DATAERR);
	assert_int_equal(desk_team_add(&u->d, "none", NULL), EX_DATAERR);
	assert_int_equal(desk_team_add(&u->d, "Bad Name", NULL), EX_DATAERR);
	assert_int_equal(desk_agent_add(&u->d, "dana", NULL, NULL, NULL, "billing"), 0);
	assert_int_equal(desk_agent_add(&u->d, "dana", NULL, NULL, NULL, NULL), EX_DATAERR);
	assert_non_null(strstr(u->d.errmsg, "exists already"));
	assert_int_equal(desk_agent_add(&u->d, "me", NULL, NULL, NULL, NULL), EX_DATAERR);
	assert_int_equal(desk_agent_add(&u->d, "x", NULL, NULL, "boss", NULL), EX_DATAERR);
	assert_int_equal(desk_agent_add(&u->d, "y", NULL, "not-email", NULL, NULL), EX_DATAERR);
	assert_int_equal(desk_agent_add(&u->d, "z", NULL, NULL, NULL, "nosuch"), EX_NOINPUT);
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM agents"), 1); /* z was rolled back */
	assert_int_equal(desk_agent_add(&u->d, "minh", "Minh", NULL, "manager", NULL), 0);
	int64_t id = new_ticket(u, NULL);
	assert_int_equal(desk_ticket_assign(&u->d, id, "dana", 0), 0);
	struct desk_agent_change j = { .team_add = "billing", .active = -1 };
	assert_int_equal(desk_agent_update(&u->d, "minh", &j), 0);
	char got[200] = "";
	assert_int_equal(desk_agent_list(&u->d, NULL, 0, count_agents, got), 0);
	assert_string_equal(got, "dana:billing:1 minh:billing:0");
	struct desk_agent_change off = { .active = 0, .team_remove = "billing" };
	assert_int_equal(desk_agent_update(&u->d, "minh", &off), 0);
	got[0] = '\0';
	assert_int_equal(desk_agent_list(&u->d, NULL, 0, count_agents, got), 0);
	assert_string_equal(got, "dana:billing:1");
	got[0] = '\0';
	assert_int_equal(desk_agent_list(&u->d, NULL, 1, count_agents, got), 0);
	assert_string_equal(got, "dana:billing:1 minh:-:0");
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM events WHERE entity = 'agent' AND field = 'active'"), 1);
}

static int collect_fields(void *arg, const struct desk_event *e)
{
	char *s = arg;
	sprintf(s + strlen(s), "%s%s", *s ? "," : "", e->field);
	return 0;
}

static void test_event_list(void **state)
{
	struct unit *u = *state;
	int64_t id = new_ticket(u, NULL);
	assert_int_equal(set_status(u, id, "pending"), 0);
	char got[200] = "";
	assert_int_equal(desk_event_list(&u->d, "ticket", id, collect_fields, got), 0);
	assert_string_equal(got, "ticket,status");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_state_machine),
		cmocka_unit_test_setup_teardown(test_status_timestamps, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_illegal_moves_write_nothing, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_fields, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_conversation, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_comment_needs_author, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_assign, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_agents_and_teams, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_event_list, unit_setup, unit_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
