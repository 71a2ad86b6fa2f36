/* ticket-new - open a ticket and print its id. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>

static const struct cli_opt opts[] = {
	{ "subject", 's', CLI_ARG, "SUBJECT", "the ticket's subject (required)" },
	{ "requester", 'r', CLI_ARG, "EMAIL", "the customer asking; created on first sight" },
	{ "priority", 'p', CLI_ARG, "PRIORITY", "low, normal, high or urgent" },
	{ "channel", 'c', CLI_ARG, "CHANNEL", "email, chat, phone, social, web or api" },
	{ "type", 'T', CLI_ARG, "TYPE", "question, incident, problem or task" },
	{ "tag", 't', CLI_ARG, "TAG", "add a tag (repeatable)" },
	{ "message", 'm', CLI_ARG, "TEXT", "the first message (else stdin, else $EDITOR)" },
	CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

int main(int argc, char **argv)
{
	struct cli c;
	struct desk_ticket_draft t = { 0 };
	const char **tags = NULL;
	const char *m = NULL;
	char *body = NULL;
	int ch;

	cli_init(&c, "ticket-new", "Open a ticket and print its id.",
		 "-s SUBJECT [-r EMAIL] [-p PRIORITY] [-c CHANNEL] [-T TYPE] [-t TAG]... [-m TEXT] [--db FILE]",
		 opts);
	while ((ch = cli_getopt(&c, argc, argv)) != -1) {
		switch (ch) {
		case 's': t.subject = optarg; break;
		case 'r': t.requester = optarg; break;
		case 'p': t.priority = optarg; break;
		case 'c': t.channel = optarg; break;
		case 'T': t.type = optarg; break;
		case 'm': m = optarg; break;
		case 't':
			tags = desk_xrealloc(tags, (t.ntags + 1) * sizeof *tags);
			tags[t.ntags++] = optarg;
			break;
		}
	}
	if (optind < argc)
		cli_usage_error(&c, "unexpected argument '%s'", argv[optind]);
	if (!t.subject)
		cli_usage_error(&c, "a subject is required (-s)");
	t.tags = tags;
	/* Check the fields and open the database before asking for a body: a typo should not cost
	 * the user what they typed into the editor. */
	int64_t id = 0;
	int prio;
	if (desk_subject_check(&c.d, t.subject) ||
	    (t.requester && desk_email_check(&c.d, t.requester)))
		cli_die(&c);
	if (t.priority && desk_priority_parse(t.priority, &prio))
		cli_usage_error(&c, "bad priority '%s' (low, normal, high, urgent)", t.priority);
	if (t.channel && !desk_channel_valid(t.channel))
		cli_usage_error(&c, "bad channel '%s' (email, chat, phone, social, web, api)", t.channel);
	if (t.type && !desk_type_valid(t.type))
		cli_usage_error(&c, "bad type '%s' (question, incident, problem, task)", t.type);
	char norm[DESK_TAG_MAX + 1];
	for (size_t i = 0; i < t.ntags; i++)
		if (desk_tag_normalise(&c.d, t.tags[i], norm))
			cli_die(&c);
	cli_open(&c, DESK_OPEN_CREATE);
	cli_read_body(&c, m, &body, &t.body_len);
	t.body = body;
	int rc = desk_ticket_create(&c.d, &t, &id);
	free(body);
	free(tags);
	if (rc)
		cli_die(&c);
	printf("%lld\n", (long long)id);
	rc = cli_finish_stdout(&c, 0);
	cli_release(&c);
	return rc;
}
