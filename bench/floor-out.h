/*
 * floor-out.h - what the listing floors print: tsv cells escaped as
 * lib/output.c escapes them, times as desk_time_iso/desk_time_short write
 * them, and one ticket-list tsv row. Included by floor-list.c and
 * floor-filter.c (and floor-show.c for the short times).
 */
#ifndef FLOOR_OUT_H
#define FLOOR_OUT_H

#include <sqlite3.h>
#include <stdio.h>
#include <time.h>

#define FLOOR_UNUSED __attribute__((unused))

/* A tsv cell: tab, newline, carriage return and backslash escaped. */
FLOOR_UNUSED static void floor_tsv(const unsigned char *s)
{
	if (!s)
		return;
	for (; *s; s++) {
		switch (*s) {
		case '\t': fputs("\\t", stdout); break;
		case '\n': fputs("\\n", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		case '\\': fputs("\\\\", stdout); break;
		default: putchar(*s);
		}
	}
}

/* ISO 8601, local time with offset (desk_time_iso). */
FLOOR_UNUSED static void floor_iso_time(time_t t)
{
	struct tm tm;
	localtime_r(&t, &tm);
	long g = tm.tm_gmtoff;
	char sign = g < 0 ? '-' : '+';
	if (g < 0)
		g = -g;
	printf("%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	       tm.tm_hour, tm.tm_min, tm.tm_sec, sign, g / 3600, (g / 60) % 60);
}

/* "YYYY-MM-DD HH:MM", local time (desk_time_short). */
FLOOR_UNUSED static const char *floor_short_time(time_t t, char *buf, size_t n)
{
	struct tm tm;
	localtime_r(&t, &tm);
	snprintf(buf, n, "%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		 tm.tm_hour, tm.tm_min);
	return buf;
}

/* One row of the listing query (columns as lib/ticket_list.c selects
 * them) as ticket-list prints tsv: id, status, priority, assignee,
 * requester, updated, subject. */
FLOOR_UNUSED static void floor_ticket_row(sqlite3_stmt *st)
{
	static const char *const prios[] = { "low", "normal", "high", "urgent" };
	int p = sqlite3_column_int(st, 2);
	printf("%lld\t", (long long)sqlite3_column_int64(st, 0));
	floor_tsv(sqlite3_column_text(st, 1));
	putchar('\t');
	fputs(p >= 1 && p <= 4 ? prios[p - 1] : "?", stdout);
	putchar('\t');
	floor_tsv(sqlite3_column_text(st, 3));
	putchar('\t');
	floor_tsv(sqlite3_column_text(st, 4));
	putchar('\t');
	floor_iso_time((time_t)sqlite3_column_int64(st, 11));
	putchar('\t');
	floor_tsv(sqlite3_column_text(st, 5));
	putchar('\n');
}

#endif
