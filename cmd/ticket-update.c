/* ticket-update - change a ticket's status, priority, type, subject, tags or team. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>

enum { OPT_SUBJECT = CLI_FIRST_FREE, OPT_TEAM };

static const struct cli_opt opts[] = {
	{ "status", 's', CLI_ARG, "STATUS", "new status (see the state machine in deskutils(7))" },
	{ "priority", 'p', CLI_ARG, "PRIORITY", "low, normal, high or urgent" },
	{ "type", 'T', CLI_ARG, "TYPE", "question, incident, problem or task" },
	{ "subject", OPT_SUBJECT, CLI_ARG, "SUBJECT", "a new subject" },
	{ "tag", 't', CLI_ARG, "TAG", "+TAG adds, -TAG removes (repeatable)" },
	{ "team", OPT_TEAM, CLI_ARG, "TEAM", "hand to this team; none removes it" },
	CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP, CLI_OPT_VERSION, CLI_OPT_END,
};

static int update_one(struct cli *c, int64_t id, void *arg)
{
	return desk_ticket_update(&c->d, id, arg);
}

int main(int argc, char **argv)
{
	struct cli c;
	struct desk_ticket_change ch = { 0 };
	const char **add = NULL, **del = NULL;
	int opt, p;

	cli_init(&c, "ticket-update", "Change tickets' status, priority, type, subject, tags or team.",
		 "[-s STATUS] [-p PRIORITY] [-T TYPE] [--subject SUBJECT] [-t +TAG|-TAG]... [--team TEAM] [--db FILE] [ID...]",
		 opts);
	c.operands = "ids";
	while ((opt = cli_getopt(&c, argc, argv)) != -1) {
		switch (opt) {
		case 's': ch.status = optarg; break;
		case 'p': ch.priority = optarg; break;
		case 'T': ch.type = optarg; break;
		case OPT_SUBJECT: ch.subject = optarg; break;
		case OPT_TEAM: ch.team = optarg; break;
		case 't':
			if (optarg[0] == '-') {
				del = desk_xrealloc(del, (ch.ntags_remove + 1) * sizeof *del);
				del[ch.ntags_remove++] = optarg + 1;
			} else {
				add = desk_xrealloc(add, (ch.ntags_add + 1) * sizeof *add);
				add[ch.ntags_add++] = optarg + (optarg[0] == '+');
			}
			break;
		}
	}
	ch.tags_add = add;
	ch.tags_remove = del;
	if (!ch.status && !ch.priority && !ch.type && !ch.subject && !ch.team && !ch.ntags_add &&
	    !ch.ntags_remove)
		cli_usage_error(&c, "nothing to change");
	if (ch.status && !desk_status_valid(ch.status))
		cli_usage_error(&c, "bad status '%s' (new, open, pending, on-hold, solved, closed)", ch.status);
	if (ch.priority && desk_priority_parse(ch.priority, &p))
		cli_usage_error(&c, "bad priority '%s' (low, normal, high, urgent)", ch.priority);
	if (ch.type && !desk_type_valid(ch.type))
		cli_usage_error(&c, "bad type '%s' (question, incident, problem, task)", ch.type);
	cli_open(&c, DESK_OPEN_READ);
	/* a bad value is one error, not one per ticket */
	if (desk_ticket_change_check(&c.d, &ch))
		cli_die(&c);
	int rc = cli_each_id(&c, argc, argv, update_one, &ch);
	free(add);
	free(del);
	rc = cli_finish_stdout(&c, rc);
	cli_release(&c);
	return rc;
}
