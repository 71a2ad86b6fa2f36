/* ticket-show - print tickets with their conversation. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { OPT_AT = CLI_FIRST_FREE };

static const struct cli_opt opts[] = {
	{ "output", 'o', CLI_ARG, "FORMAT", "text (default), json or jsonl" },
	{ "at", OPT_AT, CLI_ARG, "TIME", "the SLA clocks as they stood at TIME" },
	CLI_OPT_COLOR, CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

struct show {
	struct cli *c;
	time_t at;      /* --at, 0: now */
	enum desk_format fmt;
	int color;
	int nmsg;
	int shown;     /* tickets printed so far */
};

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

static int text_message(void *arg, const struct desk_message *m)
{
	struct show *s = arg;
	char when[32];
	desk_time_short(m->created, when, sizeof when);
	const char *label = strcmp(m->kind, "note") == 0 ? "internal note"
			  : strcmp(m->kind, "reply") == 0 ? "reply" : "customer";
	printf("\n%s--- %s  %s  (%s)%s\n", s->color ? "\033[1m" : "", when, m->author, label,
	       s->color ? "\033[0m" : "");
	desk_put_text(stdout, m->body);
	if (!*m->body || m->body[strlen(m->body) - 1] != '\n')
		putchar('\n');
	return 0;
}

static void text_ticket(struct show *s, const struct desk_ticket *t)
{
	char a[32], b[32];
	if (s->shown)
		putchar('\n');
	printf("%s#%lld  ", s->color ? "\033[1m" : "", (long long)t->id);
	desk_put_text(stdout, t->subject);
	printf("%s\n", s->color ? "\033[0m" : "");
	printf("status: %s  priority: %s  type: %s  channel: %s\n", t->status,
	       desk_priority_name(t->priority), t->type, t->channel);
	if (t->requester_name)
		printf("requester: %s <%s>\n", t->requester_name, t->requester);
	else
		printf("requester: %s\n", or_dash(t->requester));
	printf("assignee: %s  team: %s\n", or_dash(t->assignee), or_dash(t->team));
	printf("tags: %s\n", t->tags ? t->tags : "-");
	printf("created: %s  updated: %s\n", desk_time_short(t->created, a, sizeof a),
	       desk_time_short(t->updated, b, sizeof b));
	if (t->parent_id)
		printf("follow-up of: #%lld\n", (long long)t->parent_id);
}

/* The ticket's clocks; a policy this build cannot read is a warning, so
 * the ticket is still shown. nclocks is 0 when there are none. */
static void sla_of(struct show *s, int64_t id, struct desk_sla_eval *e)
{
	int rc = desk_sla_ticket(&s->c->d, id, s->at, e);
	if (rc == EX_CONFIG) {
		desk_warn(&s->c->d, "no SLA clocks: %s", s->c->d.errmsg);
		e->nclocks = 0;
	} else if (rc) {
		cli_die(s->c);
	}
}

/* "4h", "2bd" as the policy would write the target: seconds here */
static void span(long long v, char *buf, size_t n)
{
	buf[0] = '-';
	desk_duration(v < 0 ? -v : v, buf + (v < 0), n - 1);
}

static void text_sla(struct show *s, int64_t id)
{
	struct desk_sla_eval e;
	sla_of(s, id, &e);
	for (int i = 0; i < e.nclocks; i++) {
		const struct desk_sla_clock *k = &e.clocks[i];
		char due[32], tg[40], rest[40], cyc[24] = "";
		span(k->target, tg, sizeof tg);
		span(k->done ? k->elapsed : k->remaining, rest, sizeof rest);
		if (k->metric == DESK_SLA_NEXT_RESPONSE)
			snprintf(cyc, sizeof cyc, " #%d", k->cycle);
		printf("sla: %s (%s)  %s%s %s  due %s  (%s, %s %s)\n", e.policy, e.calendar,
		       desk_sla_metric_name(k->metric), cyc, desk_sla_state_name(k->state),
		       desk_time_short(k->due, due, sizeof due), tg, rest, k->done ? "used" : "left");
	}
}

static void json_sla(struct show *s, int64_t id)
{
	struct desk_sla_eval e;
	sla_of(s, id, &e);
	desk_json_key(stdout, "sla");
	putchar('[');
	for (int i = 0; i < e.nclocks; i++) {
		const struct desk_sla_clock *k = &e.clocks[i];
		printf("%s{\"metric\":", i ? "," : "");
		desk_json_string(stdout, desk_sla_metric_name(k->metric));
		desk_json_str(stdout, "state", desk_sla_state_name(k->state));
		desk_json_time(stdout, "due", k->due);
		printf(",\"remaining\":%lld,\"elapsed\":%lld,\"target\":%lld", k->remaining, k->elapsed, k->target);
		desk_json_str(stdout, "policy", e.policy);
		desk_json_str(stdout, "calendar", e.calendar);
		printf(",\"cycle\":%d", k->cycle);
		desk_json_time(stdout, "start", k->start);
		desk_json_time(stdout, "done", k->done);
		putchar('}');
	}
	putchar(']');
}

static int json_message(void *arg, const struct desk_message *m)
{
	struct show *s = arg;
	if (s->nmsg++)
		putchar(',');
	printf("{\"id\":%lld", (long long)m->id);
	desk_json_str(stdout, "kind", m->kind);
	desk_json_str(stdout, "author", m->author);
	desk_json_time(stdout, "created", m->created);
	desk_json_str(stdout, "body", m->body);
	putchar('}');
	return 0;
}

static void json_ticket(struct show *s, const struct desk_ticket *t)
{
	if (s->fmt == DESK_FMT_JSON)
		fputs(s->shown ? ",\n" : "[\n", stdout);
	printf("{\"id\":%lld", (long long)t->id);
	desk_json_str(stdout, "subject", t->subject);
	desk_json_str(stdout, "status", t->status);
	desk_json_str(stdout, "priority", desk_priority_name(t->priority));
	desk_json_str(stdout, "type", t->type);
	desk_json_str(stdout, "channel", t->channel);
	desk_json_str(stdout, "requester", t->requester);
	desk_json_str(stdout, "requester_name", t->requester_name);
	desk_json_str(stdout, "assignee", t->assignee);
	desk_json_str(stdout, "team", t->team);
	desk_json_words(stdout, "tags", t->tags, ",");
	desk_json_key(stdout, "parent");
	if (t->parent_id)
		printf("%lld", (long long)t->parent_id);
	else
		fputs("null", stdout);
	desk_json_time(stdout, "created", t->created);
	desk_json_time(stdout, "updated", t->updated);
	desk_json_time(stdout, "first_response", t->first_response);
	desk_json_time(stdout, "solved", t->solved);
	desk_json_time(stdout, "closed", t->closed);
	desk_json_key(stdout, "messages");
	putchar('[');
}

int main(int argc, char **argv)
{
	struct cli c;
	struct show s = { &c, 0, DESK_FMT_TEXT, 0, 0, 0 };
	const char *at = NULL;
	struct cli_tally tally = { 0, 0, 0 };
	struct desk_idreader r;
	int64_t id;
	int ch, rc;

	cli_init(&c, "ticket-show", "Print tickets with their conversation.",
		 "[-o text|json|jsonl] [--at TIME] [--db FILE] [ID...]", opts);
	c.operands = "ids";
	c.text_format = 1;
	c.formats = cli_text_formats;
	while ((ch = cli_getopt(&c, argc, argv)) != -1)
		if (ch == OPT_AT)
			at = optarg;
	if (at && desk_time_parse(&c.d, at, &s.at))
		cli_die(&c);
	if (c.format != DESK_FMT_AUTO && c.format != DESK_FMT_TEXT && c.format != DESK_FMT_JSON &&
	    c.format != DESK_FMT_JSONL)
		cli_usage_error(&c, "output format '%s' is not for this command (text, json, jsonl)",
				desk_format_name(c.format));
	if (c.format != DESK_FMT_AUTO)
		s.fmt = c.format;
	s.color = s.fmt == DESK_FMT_TEXT && cli_color(&c);
	if (optind == argc && isatty(STDIN_FILENO))
		cli_usage_error(&c, "no ticket ids (give them as arguments or on stdin)");
	cli_open(&c, DESK_OPEN_READ);
	desk_ids_init(&r, argc - optind, argv + optind, stdin);
	while ((rc = desk_ids_next(&c.d, &r, &id)) != DESK_IDS_END) {
		struct desk_ticket t;
		if (rc || (rc = desk_ticket_get(&c.d, id, &t))) {
			if (rc == EX_IOERR || rc == EX_TEMPFAIL || rc == EX_SOFTWARE)
				cli_die(&c);
			cli_tally_fail(&c, &tally);
			continue;
		}
		s.nmsg = 0;
		if (s.fmt == DESK_FMT_TEXT) {
			text_ticket(&s, &t);
			text_sla(&s, id);
			rc = desk_ticket_messages(&c.d, id, text_message, &s);
		} else {
			json_ticket(&s, &t);
			rc = desk_ticket_messages(&c.d, id, json_message, &s);
			putchar(']');
			if (!rc)
				json_sla(&s, id);
			putchar('}');
			if (s.fmt == DESK_FMT_JSONL)
				putchar('\n');
		}
		desk_ticket_release(&t);
		if (rc)
			cli_die(&c);
		s.shown++;
		cli_tally_ok(&tally);
	}
	desk_ids_release(&r);
	if (s.fmt == DESK_FMT_JSON)
		fputs(s.shown ? "\n]\n" : "[]\n", stdout);
	rc = cli_finish_stdout(&c, cli_tally_status(&tally));
	cli_release(&c);
	return rc;
}
