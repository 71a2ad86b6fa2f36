/* ticket-show - print tickets with their conversation. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct cli_opt opts[] = {
	{ "output", 'o', CLI_ARG, "FORMAT", "text (default), json or jsonl" },
	CLI_OPT_COLOR, CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

struct show {
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
	struct show s = { DESK_FMT_TEXT, 0, 0, 0 };
	struct cli_tally tally = { 0, 0, 0 };
	struct desk_idreader r;
	int64_t id;
	int ch, rc;

	cli_init(&c, "ticket-show", "Print tickets with their conversation.",
		 "[-o text|json|jsonl] [--db FILE] [ID...]", opts);
	c.operands = "ids";
	c.text_format = 1;
	c.formats = cli_text_formats;
	while ((ch = cli_getopt(&c, argc, argv)) != -1)
		;
	(void)ch;
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
			rc = desk_ticket_messages(&c.d, id, text_message, &s);
		} else {
			json_ticket(&s, &t);
			rc = desk_ticket_messages(&c.d, id, json_message, &s);
			fputs("]}", stdout);
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
