/* desk-calendar - a business calendar's openings, and its arithmetic for scripts. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_FROM = CLI_FIRST_FREE, OPT_TO, OPT_ADD, OPT_AT, OPT_BETWEEN, OPT_IS_OPEN, OPT_NEXT_OPEN };

static const struct cli_opt opts[] = {
	{ "from", OPT_FROM, CLI_ARG, "TIME", "list openings from TIME (default: the start of today)" },
	{ "to", OPT_TO, CLI_ARG, "TIME", "list openings until TIME (default: 7 days after --from)" },
	{ "add", OPT_ADD, CLI_ARG, "SPAN", "print the instant SPAN of business time after --at" },
	{ "at", OPT_AT, CLI_ARG, "TIME", "the start for --add (default: now)" },
	{ "between", OPT_BETWEEN, CLI_NOARG, NULL, "print the business time between the two TIME operands" },
	{ "is-open", OPT_IS_OPEN, CLI_ARG, "TIME", "exit 0 when open at TIME, 1 when closed" },
	{ "next-open", OPT_NEXT_OPEN, CLI_ARG, "TIME", "print the first open instant at or after TIME" },
	{ "list", 'l', CLI_NOARG, NULL, "list the calendars of the policy" },
	{ "file", 'f', CLI_ARG, "FILE", "use the calendars of this policy file, not the stored policy" },
	CLI_OPT_OUTPUT, CLI_OPT_HEADER, CLI_OPT_COLOR, CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_HELP,
	CLI_OPT_VERSION, CLI_OPT_END,
};

static const struct desk_column open_cols[] = {
	{ "date", "DATE", DESK_COL_TEXT, 0 },
	{ "weekday", "DAY", DESK_COL_TEXT, 0 },
	{ "start", "START", DESK_COL_TEXT, 0 },
	{ "end", "END", DESK_COL_TEXT, 0 },
	{ "hours", "HOURS", DESK_COL_TEXT, 0 },
	{ "utc_offset", "OFFSET", DESK_COL_TEXT, 0 },
	{ "start_utc", "START_UTC", DESK_COL_TEXT, 0 },
	{ "end_utc", "END_UTC", DESK_COL_TEXT, 0 },
};

static const struct desk_column list_cols[] = {
	{ "name", "NAME", DESK_COL_TEXT, 0 },
	{ "timezone", "TIMEZONE", DESK_COL_TEXT, 0 },
	{ "week_hours", "WEEK", DESK_COL_TEXT, 0 },
	{ "default", "DEFAULT", DESK_COL_TEXT, 0 },
};

static const char *const wdays[7] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

/* "4:00", "-1:30", "100:05" */
static char *hmm(long long secs, char *buf, size_t n)
{
	long long a = secs < 0 ? -secs : secs;
	snprintf(buf, n, "%s%lld:%02lld", secs < 0 ? "-" : "", a / 3600, a / 60 % 60);
	return buf;
}

static char *utc_iso(time_t t, char *buf, size_t n)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

struct listing {
	struct cli *c;
	struct desk_out *o;
	struct desk_calendar *cal;
};

static int opening_row(void *arg, const struct desk_opening *op)
{
	struct listing *L = arg;
	char date[24], s[16], e[16], h[24], off[16], su[32], eu[32];
	int64_t y;
	int m, dd;
	desk_civil_from_days(op->day, &y, &m, &dd);
	snprintf(date, sizeof date, "%04lld-%02d-%02d", (long long)y, m, dd);
	int64_t ls = (int64_t)op->start + op->start_off - op->day * 86400;
	int64_t le = (int64_t)op->end + op->end_off - op->day * 86400;
	snprintf(s, sizeof s, "%02d:%02d", (int)(ls / 3600 % 100), (int)(ls / 60 % 60));
	snprintf(e, sizeof e, "%02d:%02d", (int)(le / 3600 % 100), (int)(le / 60 % 60));
	int ao = op->start_off < 0 ? -op->start_off : op->start_off;
	snprintf(off, sizeof off, "%c%02d:%02d", op->start_off < 0 ? '-' : '+', ao / 3600, ao / 60 % 60);
	desk_out_text(L->o, date);
	desk_out_text(L->o, wdays[desk_weekday(op->day)]);
	desk_out_text(L->o, s);
	desk_out_text(L->o, e);
	desk_out_text(L->o, hmm((long long)(op->end - op->start), h, sizeof h));
	desk_out_text(L->o, off);
	desk_out_text(L->o, utc_iso(op->start, su, sizeof su));
	desk_out_text(L->o, utc_iso(op->end, eu, sizeof eu));
	return desk_out_row_end(L->o);
}

static int list_calendars(struct cli *c, const struct desk_policy *p)
{
	struct desk_out *o = cli_list_begin(c, list_cols, (int)(sizeof list_cols / sizeof list_cols[0]), NULL);
	int rc = 0;
	for (size_t i = 0; i < p->ncals && !rc; i++) {
		char h[24];
		struct desk_calendar *cal = p->cals[i];
		long long week = desk_calendar_week_seconds(cal);
		desk_out_text(o, desk_calendar_name(cal));
		desk_out_text(o, desk_calendar_zone(cal));
		desk_out_text(o, hmm(week, h, sizeof h));
		desk_out_text(o, strcmp(desk_calendar_name(cal), p->default_calendar) == 0 ? "yes" : "no");
		rc = desk_out_row_end(o);
	}
	return cli_list_end(c, o, rc);
}

static time_t when(struct cli *c, struct desk_calendar *cal, const char *s)
{
	time_t t;
	if (desk_calendar_time_parse(&c->d, cal, s, &t))
		cli_die(c);
	return t;
}

int main(int argc, char **argv)
{
	struct cli c;
	const char *from = NULL, *to = NULL, *add = NULL, *at = NULL, *is_open = NULL, *next_open = NULL;
	const char *file = NULL;
	int between = 0, list = 0, ch, rc = 0;
	struct desk_policy *own = NULL;
	const struct desk_policy *p = NULL;

	cli_init(&c, "desk-calendar", "Show a business calendar's openings, and compute with business time.",
		 "[NAME] [--from TIME] [--to TIME] [-f FILE] [-o FORMAT] [-H]\n"
		 "NAME --add SPAN [--at TIME]\n"
		 "NAME --between A B\n"
		 "NAME --is-open TIME | --next-open TIME\n"
		 "--list", opts);
	c.operands = "calendar";
	while ((ch = cli_getopt(&c, argc, argv)) != -1) {
		switch (ch) {
		case OPT_FROM: from = optarg; break;
		case OPT_TO: to = optarg; break;
		case OPT_ADD: add = optarg; break;
		case OPT_AT: at = optarg; break;
		case OPT_BETWEEN: between = 1; break;
		case OPT_IS_OPEN: is_open = optarg; break;
		case OPT_NEXT_OPEN: next_open = optarg; break;
		case 'l': list = 1; break;
		case 'f': file = optarg; break;
		}
	}
	int modes = !!add + between + !!is_open + !!next_open + list;
	if (modes > 1)
		cli_usage_error(&c, "--add, --between, --is-open, --next-open and --list go alone");
	if ((from || to) && modes)
		cli_usage_error(&c, "--from and --to list openings: not with --add, --between, --is-open, --next-open or --list");
	if (at && !add)
		cli_usage_error(&c, "--at goes with --add");
	struct desk_bspan span;
	if (add && desk_bspan_parse(add, &span))
		cli_usage_error(&c, "bad span '%s' (30m, 4h, 1h30m, or 2bd for business days)", add);
	int nops = argc - optind;
	if (nops > (between ? 3 : 1) || (between && nops < 2))
		cli_usage_error(&c, between ? "--between takes NAME A B, or A B for the default calendar"
					    : "unexpected argument '%s'", argv[optind + (nops > 1)]);
	const char *name = (between ? nops == 3 : nops == 1) ? argv[optind] : NULL;

	if (file) {
		char *text = NULL;
		size_t len;
		cli_config(&c);
		int rrc = desk_read_file(&c.d, file, DESK_POLICY_MAX_BYTES, &text, &len);
		if (rrc == EX_DATAERR)   /* too large: as desk-policy says it */
			desk_error(&c.d, EX_CONFIG, "%s: larger than %d MiB: the team policy is limited to %d MiB",
				   file, DESK_POLICY_MAX_BYTES >> 20, DESK_POLICY_MAX_BYTES >> 20);
		if (rrc || desk_policy_parse(&c.d, file, text, len, 1, &own, NULL)) {
			free(text);
			cli_die(&c);
		}
		free(text);
		p = own;
	} else {
		cli_open(&c, DESK_OPEN_READ);
		if (desk_policy_current(&c.d, &p))
			cli_die(&c);
	}
	if (list) {
		rc = list_calendars(&c, p);
		goto out;
	}
	if (!name)
		name = p->default_calendar;
	struct desk_calendar *cal = desk_policy_calendar(p, name);
	if (!cal) {
		char q[80];
		desk_error(&c.d, EX_NOINPUT, "no calendar '%s' in the team policy", desk_clip(q, sizeof q, name));
		desk_policy_free(own);
		cli_die(&c);
	}
	char iso[48], h[24];
	if (add) {
		time_t t0 = at ? when(&c, cal, at) : c.d.now, t;
		if (desk_calendar_add(&c.d, cal, t0, &span, &t) || desk_calendar_iso(&c.d, cal, t, iso, sizeof iso))
			cli_die(&c);
		printf("%s\n", iso);
	} else if (between) {
		time_t a = when(&c, cal, argv[argc - 2]), b = when(&c, cal, argv[argc - 1]);
		long long secs;
		if (desk_calendar_between(&c.d, cal, a, b, &secs))
			cli_die(&c);
		printf("%lld\t%s\n", secs, hmm(secs, h, sizeof h));
	} else if (is_open) {
		int open;
		if (desk_calendar_is_open(&c.d, cal, when(&c, cal, is_open), &open))
			cli_die(&c);
		printf("%s\n", open ? "open" : "closed");
		rc = open ? 0 : 1;
	} else if (next_open) {
		time_t t;
		if (desk_calendar_next_open(&c.d, cal, when(&c, cal, next_open), &t) ||
		    desk_calendar_iso(&c.d, cal, t, iso, sizeof iso))
			cli_die(&c);
		printf("%s\n", iso);
	} else {
		time_t f, e;
		if (from) {
			f = when(&c, cal, from);
		} else {
			/* the start of today on the calendar's clock */
			int off;
			if (desk_calendar_offset(&c.d, cal, c.d.now, &off))
				cli_die(&c);
			int64_t day = desk_floordiv((int64_t)c.d.now + off, 86400);
			char today[16];
			int64_t y;
			int m, dd;
			desk_civil_from_days(day, &y, &m, &dd);
			snprintf(today, sizeof today, "%04lld-%02d-%02d", (long long)y, m, dd);
			f = when(&c, cal, today);
		}
		e = to ? when(&c, cal, to) : f + 7 * 86400;
		if (e < f) {
			desk_error(&c.d, EX_DATAERR, "--to is before --from");
			cli_die(&c);
		}
		struct listing L = { &c, NULL, cal };
		L.o = cli_list_begin(&c, open_cols, (int)(sizeof open_cols / sizeof open_cols[0]), NULL);
		rc = cli_list_end(&c, L.o, desk_calendar_intervals(&c.d, cal, f, e, opening_row, &L));
		goto out;
	}
	rc = cli_finish_stdout(&c, rc);
out:
	desk_policy_free(own);
	cli_release(&c);
	return rc;
}
