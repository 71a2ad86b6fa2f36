/* test_customer.c - finding, reading, listing and changing customers. */
#include "unit_util.h"

#include <stdlib.h>
#include <string.h>

static int64_t ticket(struct unit *u, const char *requester)
{
	struct desk_ticket_draft t = { .subject = "help", .requester = requester };
	int64_t id = 0;
	if (desk_ticket_create(&u->d, &t, &id))
		fail_msg("create failed: %s", u->d.errmsg);
	return id;
}

static int64_t find(struct unit *u, const char *word)
{
	int64_t id = 0;
	if (desk_customer_find(&u->d, word, &id))
		fail_msg("find '%s' failed: %s", word, u->d.errmsg);
	return id;
}

static void expect_msg(struct unit *u, const char *msg)
{
	if (!strstr(u->d.errmsg, msg))
		fail_msg("message '%s' lacks '%s'", u->d.errmsg, msg);
}

static void test_find(void **state)
{
	struct unit *u = *state;
	int64_t id = 0;
	ticket(u, "an@example.com");
	ticket(u, "binh@example.vn");
	assert_int_equal(find(u, "an@example.com"), 1);
	assert_int_equal(find(u, "AN@Example.COM"), 1); /* email case does not matter */
	assert_int_equal(find(u, "binh@example.vn"), 2);
	assert_int_equal(find(u, "2"), 2);
	assert_int_equal(find(u, "#1"), 1);

	assert_int_equal(desk_customer_find(&u->d, "nobody@example.com", &id), EX_NOINPUT);
	assert_string_equal(u->d.errmsg, "no customer 'nobody@example.com'");
	assert_int_equal(desk_customer_find(&u->d, "3", &id), EX_NOINPUT);
	assert_string_equal(u->d.errmsg, "no customer '3'");
	const char *bad[] = { "0", "-1", "abc", "12abc", "99999999999999999999", "" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(desk_customer_find(&u->d, bad[i], &id), EX_DATAERR);
		expect_msg(u, "bad customer id");
	}
	assert_int_equal(desk_customer_find(&u->d, "an\xff@example.com", &id), EX_DATAERR);
	expect_msg(u, "invalid UTF-8");
}

static void test_get(void **state)
{
	struct unit *u = *state;
	u->d.now = 1763884800;
	ticket(u, "an@example.com");
	ticket(u, "an@example.com");
	ticket(u, "an@example.com");
	ticket(u, "binh@example.vn");
	/* solve one of An's tickets behind the library's back */
	assert_int_equal(unit_sql_int(u, "UPDATE tickets SET status = 'solved' WHERE id = 2 RETURNING id"), 2);

	struct desk_customer c;
	assert_int_equal(desk_customer_get(&u->d, 1, &c), 0);
	assert_int_equal(c.id, 1);
	assert_string_equal(c.email, "an@example.com");
	assert_null(c.name);
	assert_null(c.org);
	assert_null(c.notes);
	assert_int_equal(c.created, 1763884800);
	assert_int_equal(c.tickets, 3);
	assert_int_equal(c.unsolved, 2);
	desk_customer_release(&c);

	assert_int_equal(desk_customer_get(&u->d, 7, &c), EX_NOINPUT);
	assert_string_equal(u->d.errmsg, "no customer '7'");
	desk_customer_release(&c);
}

static long long events(struct unit *u, const char *field)
{
	char sql[160];
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM events WHERE entity = 'customer' AND field = '%s'", field);
	return unit_sql_int(u, sql);
}

static void test_update_writes_events(void **state)
{
	struct unit *u = *state;
	struct desk_customer c;
	int n = -1;
	ticket(u, "an@example.com");

	struct desk_customer_change ch = { .name = "Nguyễn Văn An", .org = "Acme", .notes = "VIP\nprefers phone" };
	assert_int_equal(desk_customer_update(&u->d, 1, &ch, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(desk_customer_get(&u->d, 1, &c), 0);
	assert_string_equal(c.name, "Nguyễn Văn An");
	assert_string_equal(c.org, "Acme");
	assert_string_equal(c.notes, "VIP\nprefers phone");
	desk_customer_release(&c);
	assert_int_equal(events(u, "name"), 1);
	assert_int_equal(events(u, "organisation"), 1);
	assert_int_equal(events(u, "notes"), 1);
	assert_int_equal(unit_sql_int(u,
		"SELECT count(*) FROM events WHERE entity = 'customer' AND entity_id = 1 AND field = 'name'"
		" AND old IS NULL AND new = 'Nguyễn Văn An'"), 1);

	/* the same values again: nothing changes, no event */
	long long before = unit_sql_int(u, "SELECT count(*) FROM events");
	assert_int_equal(desk_customer_update(&u->d, 1, &ch, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM events"), before);

	/* one field: one event, with the old value */
	ch = (struct desk_customer_change){ .name = "An Nguyen" };
	assert_int_equal(desk_customer_update(&u->d, 1, &ch, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM events"), before + 1);
	assert_int_equal(unit_sql_int(u,
		"SELECT count(*) FROM events WHERE field = 'name' AND old = 'Nguyễn Văn An' AND new = 'An Nguyen'"), 1);

	/* "" removes a field, with an event whose new value is null */
	ch = (struct desk_customer_change){ .name = "", .notes = "" };
	assert_int_equal(desk_customer_update(&u->d, 1, &ch, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(desk_customer_get(&u->d, 1, &c), 0);
	assert_null(c.name);
	assert_null(c.notes);
	assert_string_equal(c.org, "Acme");
	desk_customer_release(&c);
	assert_int_equal(unit_sql_int(u,
		"SELECT count(*) FROM events WHERE field = 'notes' AND old = 'VIP\nprefers phone' AND new IS NULL"), 1);
	assert_int_equal(u->d.tx_depth, 0);
}

static void expect_rejected(struct unit *u, int64_t id, const struct desk_customer_change *ch,
			    int code, const char *msg)
{
	long long ev = unit_sql_int(u, "SELECT count(*) FROM events");
	long long orgs = unit_sql_int(u, "SELECT count(*) FROM organisations");
	int n = -1;
	assert_int_equal(desk_customer_update(&u->d, id, ch, &n), code);
	expect_msg(u, msg);
	assert_int_equal(n, 0);
	/* nothing half-written */
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM events"), ev);
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM organisations"), orgs);
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM customers WHERE name IS NOT NULL"
					 " OR notes IS NOT NULL OR org_id IS NOT NULL"), 0);
	assert_int_equal(u->d.tx_depth, 0);
}

static void test_update_bad_input(void **state)
{
	struct unit *u = *state;
	char longname[DESK_CUSTOMER_NAME_MAX + 2];
	char *longnotes = malloc(DESK_CUSTOMER_NOTES_MAX + 2);
	memset(longname, 'x', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	memset(longnotes, 'y', DESK_CUSTOMER_NOTES_MAX + 1);
	longnotes[DESK_CUSTOMER_NOTES_MAX + 1] = '\0';
	ticket(u, "an@example.com");
	struct desk_customer_change ch;

	/* a good field beside a bad one: the good one is not written either */
	ch = (struct desk_customer_change){ .name = "bad \xff name", .org = "NewCo", .notes = "ok" };
	expect_rejected(u, 1, &ch, EX_DATAERR, "invalid UTF-8 in name");
	ch = (struct desk_customer_change){ .name = "ok", .org = "New\xc0\xaf" "Co" };
	expect_rejected(u, 1, &ch, EX_DATAERR, "invalid UTF-8 in organisation");
	ch = (struct desk_customer_change){ .org = "NewCo", .notes = "bad \xed\xa0\x80 notes" };
	expect_rejected(u, 1, &ch, EX_DATAERR, "invalid UTF-8 in notes");
	ch = (struct desk_customer_change){ .name = "two\nlines", .org = "NewCo" };
	expect_rejected(u, 1, &ch, EX_DATAERR, "name has a line break");
	ch = (struct desk_customer_change){ .name = "   " };
	expect_rejected(u, 1, &ch, EX_DATAERR, "blank name");
	ch = (struct desk_customer_change){ .name = longname };
	expect_rejected(u, 1, &ch, EX_DATAERR, "name longer than 200 bytes");
	ch = (struct desk_customer_change){ .org = "NewCo", .notes = longnotes };
	expect_rejected(u, 1, &ch, EX_DATAERR, "notes longer than 10000 bytes");
	ch = (struct desk_customer_change){ .name = "An", .org = "NewCo" };
	expect_rejected(u, 42, &ch, EX_NOINPUT, "no customer '42'");

	/* the limits themselves are fine */
	longname[DESK_CUSTOMER_NAME_MAX] = '\0';
	longnotes[DESK_CUSTOMER_NOTES_MAX] = '\0';
	ch = (struct desk_customer_change){ .name = longname, .notes = longnotes };
	assert_int_equal(desk_customer_update(&u->d, 1, &ch, NULL), 0);
	free(longnotes);
}

static void test_organisation(void **state)
{
	struct unit *u = *state;
	struct desk_customer c;
	ticket(u, "an@example.com");
	ticket(u, "binh@example.vn");

	struct desk_customer_change ch = { .org = "Acme Việt Nam" };
	assert_int_equal(desk_customer_update(&u->d, 1, &ch, NULL), 0);
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM organisations"), 1);
	assert_int_equal(unit_sql_int(u,
		"SELECT count(*) FROM events WHERE entity = 'organisation' AND entity_id = 1"
		" AND field = 'organisation' AND new = 'Acme Việt Nam'"), 1);

	/* the second customer joins the same organisation, any ASCII case:
	 * no second organisation, no second creation event */
	ch.org = "ACME Việt Nam";
	assert_int_equal(desk_customer_update(&u->d, 2, &ch, NULL), 0);
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM organisations"), 1);
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM events WHERE entity = 'organisation'"), 1);
	assert_int_equal(desk_customer_get(&u->d, 2, &c), 0);
	assert_string_equal(c.org, "Acme Việt Nam"); /* the name as first written */
	desk_customer_release(&c);
	assert_int_equal(unit_sql_int(u,
		"SELECT count(*) FROM events WHERE entity = 'customer' AND entity_id = 2"
		" AND field = 'organisation' AND old IS NULL AND new = 'Acme Việt Nam'"), 1);

	/* moving to another organisation records old and new */
	ch.org = "Globex";
	assert_int_equal(desk_customer_update(&u->d, 2, &ch, NULL), 0);
	assert_int_equal(unit_sql_int(u,
		"SELECT count(*) FROM events WHERE entity = 'customer' AND entity_id = 2"
		" AND field = 'organisation' AND old = 'Acme Việt Nam' AND new = 'Globex'"), 1);

	/* "" removes it from the customer; the organisation stays */
	int n = -1;
	ch.org = "";
	assert_int_equal(desk_customer_update(&u->d, 1, &ch, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(desk_customer_get(&u->d, 1, &c), 0);
	assert_null(c.org);
	desk_customer_release(&c);
	assert_int_equal(unit_sql_int(u, "SELECT count(*) FROM organisations"), 2);
	assert_int_equal(unit_sql_int(u,
		"SELECT count(*) FROM events WHERE entity = 'customer' AND entity_id = 1"
		" AND field = 'organisation' AND old = 'Acme Việt Nam' AND new IS NULL"), 1);
	/* removing it again changes nothing */
	assert_int_equal(desk_customer_update(&u->d, 1, &ch, &n), 0);
	assert_int_equal(n, 0);
}

struct rows {
	int n;
	int64_t ids[16];
	long long tickets[16], unsolved[16];
	char org[16][32];
};

static int collect(void *arg, const struct desk_customer_row *r)
{
	struct rows *s = arg;
	if (s->n < 16) {
		s->ids[s->n] = r->id;
		s->tickets[s->n] = r->tickets;
		s->unsolved[s->n] = r->unsolved;
		snprintf(s->org[s->n], sizeof s->org[s->n], "%s", r->org ? r->org : "-");
	}
	s->n++;
	return 0;
}

static struct rows list(struct unit *u, const char *org, const char *match)
{
	struct rows s;
	memset(&s, 0, sizeof s);
	if (desk_customer_list(&u->d, org, match, collect, &s))
		fail_msg("list failed: %s", u->d.errmsg);
	return s;
}

static int stop_early(void *arg, const struct desk_customer_row *r)
{
	(void)r;
	(*(int *)arg)++;
	return 42;
}

static void test_list(void **state)
{
	struct unit *u = *state;
	ticket(u, "an@example.com");
	ticket(u, "binh@example.vn");
	ticket(u, "chi@globex.com");
	ticket(u, "an@example.com");
	ticket(u, "dung@example.vn");
	assert_int_equal(unit_sql_int(u, "UPDATE tickets SET status = 'closed' WHERE id = 1 RETURNING id"), 1);
	struct desk_customer_change ch = { .org = "Acme" };
	assert_int_equal(desk_customer_update(&u->d, 1, &ch, NULL), 0);
	assert_int_equal(desk_customer_update(&u->d, 4, &ch, NULL), 0);
	ch = (struct desk_customer_change){ .org = "Globex", .name = "Chí Phèo" };
	assert_int_equal(desk_customer_update(&u->d, 3, &ch, NULL), 0);

	struct rows s = list(u, NULL, NULL);
	assert_int_equal(s.n, 4);
	for (int i = 0; i < 4; i++)
		assert_int_equal(s.ids[i], i + 1); /* ordered by id */
	assert_int_equal(s.tickets[0], 2);
	assert_int_equal(s.unsolved[0], 1);
	assert_string_equal(s.org[0], "Acme");
	assert_string_equal(s.org[1], "-");

	s = list(u, "acme", NULL); /* organisation, any ASCII case */
	assert_int_equal(s.n, 2);
	assert_int_equal(s.ids[0], 1);
	assert_int_equal(s.ids[1], 4);
	s = list(u, "", NULL); /* customers without one */
	assert_int_equal(s.n, 1);
	assert_int_equal(s.ids[0], 2);
	s = list(u, "Initech", NULL);
	assert_int_equal(s.n, 0);

	s = list(u, NULL, "EXAMPLE.vn"); /* in the email, any ASCII case */
	assert_int_equal(s.n, 2);
	assert_int_equal(s.ids[0], 2);
	assert_int_equal(s.ids[1], 4);
	s = list(u, NULL, "Phèo"); /* in the name */
	assert_int_equal(s.n, 1);
	assert_int_equal(s.ids[0], 3);
	s = list(u, "Acme", "dung"); /* both must hold */
	assert_int_equal(s.n, 1);
	assert_int_equal(s.ids[0], 4);
	s = list(u, NULL, "%"); /* no LIKE wildcards */
	assert_int_equal(s.n, 0);

	struct rows none = { 0 };
	assert_int_equal(desk_customer_list(&u->d, NULL, "bad \xff", collect, &none), EX_DATAERR);
	assert_int_equal(none.n, 0);
	int n = 0;
	assert_int_equal(desk_customer_list(&u->d, NULL, NULL, stop_early, &n), 42);
	assert_int_equal(n, 1);
}

static int org_collect(void *arg, const struct desk_org_row *r)
{
	struct rows *s = arg;
	if (s->n < 16) {
		s->ids[s->n] = r->id;
		s->tickets[s->n] = r->tickets;
		s->unsolved[s->n] = r->customers;
		snprintf(s->org[s->n], sizeof s->org[s->n], "%s", r->name);
	}
	s->n++;
	return 0;
}

static void test_org_list(void **state)
{
	struct unit *u = *state;
	ticket(u, "an@example.com");
	ticket(u, "an@example.com");
	ticket(u, "binh@example.vn");
	struct desk_customer_change ch = { .org = "Acme" };
	assert_int_equal(desk_customer_update(&u->d, 1, &ch, NULL), 0);
	assert_int_equal(desk_customer_update(&u->d, 2, &ch, NULL), 0);
	ch.org = "Empty Inc";
	assert_int_equal(desk_customer_update(&u->d, 2, &ch, NULL), 0);
	struct rows s = { 0 };
	assert_int_equal(desk_org_list(&u->d, org_collect, &s), 0);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.org[0], "Acme");
	assert_int_equal(s.unsolved[0], 1); /* customers */
	assert_int_equal(s.tickets[0], 2);
	assert_string_equal(s.org[1], "Empty Inc");
	assert_int_equal(s.unsolved[1], 1);
	assert_int_equal(s.tickets[1], 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_find, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_get, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_update_writes_events, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_update_bad_input, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_organisation, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_list, unit_setup, unit_teardown),
		cmocka_unit_test_setup_teardown(test_org_list, unit_setup, unit_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
