/* The timeline from the command line: status (for cron mails), missing (for
 * reminder mails) and ical (for Outlook and phone calendars). */
#include "cli.h"
#include "../core/outfile.h"
#include "../core/text.h"
#include "../core/timeline.h"
#include "../core/util.h"
#include "../i18n.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A name as the output can carry it: UTF-8 as it is, or plain ASCII. */
static char *out_text(const struct app_options *o, const char *s)
{
	return o->ascii ? text_to_ascii(s) : text_sanitize(s, false);
}

/* Pads by display width, so æøå and Sami names line up. */
static void print_padded(const struct app_options *o, const char *s, int width)
{
	char *t = out_text(o, s);
	char *f = text_fit(t, width);
	fputs(f, stdout);
	free(f);
	free(t);
}

/* --region CODE, and the options each command adds. Returns -1 on bad use. */
struct args {
	const char *region, *format, *output;
	bool force; /* -o may replace a file */
};

static int parse_args(int argc, char **argv, const char *cmd, bool format, bool output,
		      struct args *a)
{
	bool bad = false;
	for (int i = 0; i < argc && !bad; i++) {
		if (output && strcmp(argv[i], "--force") == 0)
			a->force = true;
		else if (!cli_opt(argc, argv, &i, "--region", cmd, &a->region, &bad) &&
			 !(format && cli_opt(argc, argv, &i, "--format", cmd, &a->format, &bad)) &&
			 !(output && cli_opt(argc, argv, &i, "-o", cmd, &a->output, &bad)))
			return cli_usage_error(_("%s: unknown argument \"%s\"\n"), cmd, argv[i]), -1;
	}
	if (bad)
		return -1;
	if (a->force && !a->output)
		return cli_usage_error(_("%s: --force goes with -o FILE\n"), cmd), -1;
	if (a->format && strcmp(a->format, "text") != 0 && strcmp(a->format, "csv") != 0)
		return cli_usage_error(_("%s: --format is text or csv, not \"%s\"\n"), cmd, a->format), -1;
	return 0;
}

static const struct region *want_region(const struct settings *s, const char *code, bool *bad)
{
	*bad = false;
	if (!code)
		return NULL;
	const struct region *r = settings_region(s, code);
	if (!r) {
		cli_bad_region(s, code);
		*bad = true;
	}
	return r;
}

static void days_words(int d, char *buf, size_t n)
{
	if (d == 0)
		snprintf(buf, n, "%s", _("today"));
	else if (d > 0)
		snprintf(buf, n, ngettext("in %d day", "in %d days", (unsigned long)d), d);
	else
		snprintf(buf, n, ngettext("%d day ago", "%d days ago", (unsigned long)-d), -d);
}

static void status_line(const struct app_options *o, const struct timeline_row *r)
{
	print_padded(o, r->region->name, 22);
	if (r->has_next) {
		char day[DATE_BUFSZ], when[64];
		date_iso(r->next.from, day);
		days_words(r->next.from - o->today, when, sizeof when);
		if (o->today >= r->next.from && o->today <= r->next.to)
			snprintf(when, sizeof when, "%s", _("now"));
		char *what = r->next.kind == MILESTONE_EXTRA
				     ? out_text(o, r->next.name)
				     : out_text(o, milestone_kind_label(r->next.kind));
		char *next = xasprintf("%s %s (%s)", what, day, when);
		print_padded(o, next, 46);
		free(next);
		free(what);
	} else {
		print_padded(o, _("no milestones left"), 46);
	}
	printf(_("received %d/%d  late %d  missing %d\n"), r->received, r->expected, r->late,
	       r->missing);
}

int cmd_status(const struct app_options *o, const struct settings *s, struct store *st, int argc,
	       char **argv)
{
	struct args a = {0};
	bool bad;
	if (parse_args(argc, argv, "status", false, false, &a) != 0)
		return EXIT_USAGE;
	const struct region *only = want_region(s, a.region, &bad);
	if (bad)
		return EXIT_USAGE;
	const struct cycle *c = &s->cycles[s->n_cycles - 1];
	struct timeline_row *rows;
	int n;
	if (timeline_rows(st, s, c, o->today, &rows, &n) != 0) {
		cli_say(stderr, _("innspill: %s: cannot read the timeline: %s\n"), o->db_path,
			store_errmsg(st));
		free(rows);
		return EXIT_BAD_INPUT;
	}
	char today[DATE_BUFSZ];
	date_iso(o->today, today);
	char *title = out_text(o, c->title);
	printf(_("%s, today %s\n"), title, today);
	free(title);
	for (int i = 0; i < n; i++)
		if (!only || rows[i].region == only)
			status_line(o, &rows[i]);
	free(rows);
	return EXIT_OK;
}

static void missing_row(const struct app_options *o, bool csv, const struct member_status *m,
			const struct region *r, const char *deadline)
{
	if (csv) {
		/* Names hold no commas or quotes in the register; quote anyway. */
		char *name = text_sanitize(m->member->name, false);
		printf("%s,\"%s\",%s,%s\r\n", m->member->number, name, r->code, deadline);
		free(name);
		return;
	}
	printf("%-4s  ", m->member->number);
	print_padded(o, m->member->name, 34);
	printf("  ");
	print_padded(o, r->name, 22);
	printf("  %s\n", deadline);
}

int cmd_missing(const struct app_options *o, const struct settings *s, struct store *st,
		int argc, char **argv)
{
	struct args a = {0};
	bool bad;
	if (parse_args(argc, argv, "missing", true, false, &a) != 0)
		return EXIT_USAGE;
	const struct region *only = want_region(s, a.region, &bad);
	if (bad)
		return EXIT_USAGE;
	bool csv = a.format && strcmp(a.format, "csv") == 0;
	const struct cycle *c = &s->cycles[s->n_cycles - 1];
	if (csv)
		fputs("member,name,region,deadline\r\n", stdout);
	for (int i = 0; i < s->n_regions; i++) {
		const struct region *r = &s->regions[i];
		if (only && r != only)
			continue;
		struct member_status *ms;
		int n;
		if (timeline_members(st, s, c, r, &ms, &n) != 0) {
			cli_say(stderr, _("innspill: %s: cannot read the members: %s\n"), o->db_path,
				store_errmsg(st));
			return EXIT_BAD_INPUT;
		}
		const struct milestone *d =
			timeline_milestone(region_timeline_for(r, c->id), MILESTONE_MEMBER_DEADLINE);
		char deadline[DATE_BUFSZ] = "";
		if (d)
			date_iso(d->to, deadline);
		for (int j = 0; j < n; j++)
			if (ms[j].state == STATE_MISSING)
				missing_row(o, csv, &ms[j], r, deadline);
		free(ms);
	}
	return EXIT_OK;
}

/* ---- iCalendar (RFC 5545) ---- */

/* Content lines are folded at 75 octets, never inside a UTF-8 sequence. */
static void ical_line(FILE *out, const char *line)
{
	size_t len = strlen(line), col = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)line[i];
		size_t seq = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
		if (col + seq > 75) {
			fputs("\r\n ", out);
			col = 1;
		}
		fwrite(line + i, 1, seq > len - i ? len - i : seq, out);
		i += seq - 1;
		col += seq;
	}
	fputs("\r\n", out);
}

/* TEXT values escape backslash, semicolon, comma and newline. */
static char *ical_escape(const char *s)
{
	char *out = xmalloc(strlen(s) * 2 + 1), *o = out;
	for (const char *p = s; *p; p++) {
		if (*p == '\\' || *p == ';' || *p == ',')
			*o++ = '\\';
		if (*p == '\n') {
			*o++ = '\\', *o++ = 'n';
			continue;
		}
		*o++ = *p;
	}
	*o = '\0';
	return out;
}

static void ical_prop(FILE *out, const char *name, const char *value)
{
	char *line = xasprintf("%s:%s", name, value);
	ical_line(out, line);
	free(line);
}

static void ical_date(char *buf, size_t n, date_t d)
{
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	snprintf(buf, n, "%04d%02d%02d", y, m, dd);
}

static const char *kind_key(enum milestone_kind k)
{
	static const char *const keys[] = {"autumn-conference", "member-deadline",
					   "strategy-conference", "county-board", "extra",
					   "sent", "national-deadline", "main-board"};
	return keys[k];
}

/* The UID stays the same for the same milestone, so a calendar that imports
 * the file again updates the event instead of adding a second one. */
static void ical_event(FILE *out, const struct settings *s, const struct cycle *c,
		       const struct region *r, const struct milestone *m, int nth, date_t today)
{
	char start[16], end[16], stamp[32], *uid, *summary;
	ical_date(start, sizeof start, m->from);
	ical_date(end, sizeof end, m->to + 1); /* DTEND of an all-day event is exclusive */
	ical_date(stamp, sizeof stamp, today);
	strcat(stamp, "T000000Z");
	const char *what = m->kind == MILESTONE_EXTRA ? m->name : milestone_kind_label(m->kind);
	uid = xasprintf("%s-%s-%s-%d@innspill", c->id, r ? r->code : "all", kind_key(m->kind), nth);
	summary = r ? xasprintf("KS %s: %s", r->name, what) : xasprintf("%s: %s", c->title, what);
	char *esc = ical_escape(summary);
	ical_line(out, "BEGIN:VEVENT");
	ical_prop(out, "UID", uid);
	ical_prop(out, "DTSTAMP", stamp);
	ical_prop(out, "DTSTART;VALUE=DATE", start);
	ical_prop(out, "DTEND;VALUE=DATE", end);
	ical_prop(out, "SUMMARY", esc);
	ical_prop(out, "TRANSP", "TRANSPARENT");
	for (int i = 0; i < s->n_reminders; i++) {
		char trig[32];
		snprintf(trig, sizeof trig, "-P%dD", s->reminders[i]);
		ical_line(out, "BEGIN:VALARM");
		ical_prop(out, "ACTION", "DISPLAY");
		ical_prop(out, "TRIGGER", trig);
		ical_prop(out, "DESCRIPTION", esc);
		ical_line(out, "END:VALARM");
	}
	ical_line(out, "END:VEVENT");
	free(esc), free(uid), free(summary);
}

static void ical_write(FILE *out, const struct settings *s, const struct cycle *c,
		       const struct region *only, date_t today)
{
	ical_line(out, "BEGIN:VCALENDAR");
	ical_prop(out, "VERSION", "2.0");
	ical_prop(out, "PRODID", "-//KS//innspill " VERSION "//NB");
	ical_prop(out, "CALSCALE", "GREGORIAN");
	ical_prop(out, "METHOD", "PUBLISH");
	char *name = ical_escape(c->title);
	ical_prop(out, "X-WR-CALNAME", name);
	free(name);
	struct milestone wide[] = {
		{MILESTONE_SENT, NULL, c->sent, c->sent},
		{MILESTONE_NATIONAL_DEADLINE, NULL, c->national_deadline, c->national_deadline},
		{MILESTONE_MAIN_BOARD, NULL, c->main_board, c->main_board}};
	for (int i = 0; i < 3; i++)
		ical_event(out, s, c, NULL, &wide[i], 0, today);
	for (int i = 0; i < s->n_regions; i++) {
		const struct region *r = &s->regions[i];
		const struct region_timeline *t = region_timeline_for(r, c->id);
		for (int j = 0; (!only || r == only) && t && j < t->n_milestones; j++)
			ical_event(out, s, c, r, &t->milestones[j],
				   t->milestones[j].kind == MILESTONE_EXTRA ? j : 0, today);
	}
	ical_line(out, "END:VCALENDAR");
}

struct ical_job {
	const struct settings *s;
	const struct cycle *c;
	const struct region *only;
	date_t today;
};

static int write_ical(FILE *out, void *ctx, struct diags *errs)
{
	(void)errs;
	const struct ical_job *j = ctx;
	ical_write(out, j->s, j->c, j->only, j->today);
	return 0;
}

int cmd_ical(const struct app_options *o, const struct settings *s, struct store *st, int argc,
	     char **argv)
{
	(void)st;
	struct args a = {0};
	bool bad;
	if (parse_args(argc, argv, "ical", false, true, &a) != 0)
		return EXIT_USAGE;
	const struct region *only = want_region(s, a.region, &bad);
	if (bad)
		return EXIT_USAGE;
	const struct cycle *c = &s->cycles[s->n_cycles - 1];
	if (!a.output) {
		ical_write(stdout, s, c, only, o->today);
		return EXIT_OK;
	}
	struct ical_job j = {s, c, only, o->today};
	struct diags errs = {0};
	int r = outfile_write(a.output, a.force, write_ical, &j, &errs);
	if (r == 1)
		cli_say(stderr, _("innspill: %s exists already; add --force to replace it\n"),
			a.output);
	else if (r != 0)
		diags_print(&errs, stderr);
	diags_free(&errs);
	return r == 0 ? EXIT_OK : EXIT_BAD_INPUT;
}
