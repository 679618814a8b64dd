#include "cli.h"
#include "../core/audit.h"
#include "../core/demo.h"
#include "../core/import.h"
#include "../core/limit.h"
#include "../core/submissions.h"
#include "../core/text.h"
#include "../core/util.h"
#include "../i18n.h"
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool cli_looks_like_option(const char *v)
{
	return v[0] == '-' && (v[1] == '-' || g_ascii_isalpha(v[1]));
}

bool cli_opt(int argc, char **argv, int *i, const char *name, const char *cmd, const char **out,
	     bool *bad)
{
	if (strcmp(argv[*i], name) != 0)
		return false;
	if (*i + 1 >= argc) {
		cli_usage_error(_("%s: %s needs a value\n"), cmd, name);
		*bad = true;
	} else if (cli_looks_like_option(argv[*i + 1])) {
		/* "-o --force" names no file called "--force". */
		cli_usage_error(_("%s: %s needs a value, not the option \"%s\"\n"), cmd, name,
			    argv[*i + 1]);
		*bad = true;
	} else {
		*out = argv[++*i];
	}
	return true;
}

int cli_bad_region(const struct settings *s, const char *code)
{
	char *msg = xasprintf(_("innspill: no region \"%s\"; the codes are:"), code);
	struct sbuf b = {0};
	sb_puts(&b, msg);
	for (int i = 0; i < s->n_regions; i++)
		sb_puts(&b, " "), sb_puts(&b, s->regions[i].code);
	char *all = sb_take(&b);
	cli_say(stderr, "%s", all);
	free(all), free(msg);
	return EXIT_USAGE;
}

int cmd_demo(const struct app_options *o, const struct settings *s, struct store *st, int argc,
	     char **argv)
{
	(void)argc, (void)argv; /* takes none: cli_check_command said so */
	struct diags errs = {0};
	struct demo_stats stats;
	if (demo_fill(st, s, o->today, &stats, &errs) != 0) {
		diags_print(&errs, stderr);
		diags_free(&errs);
		return EXIT_BAD_INPUT;
	}
	cli_say(stdout, _("%s: demo data: %d submissions from %d members, %d answers\n"),
		o->db_path, stats.submissions, stats.members, stats.answers);
	return EXIT_OK;
}

/* Progress on stderr, only when a person watches it. */
static void print_progress(void *ctx, long done, long total)
{
	(void)ctx;
	if (total > 0)
		fprintf(stderr, "\r%s %ld/%ld", _("importing"), done, total);
	else
		fprintf(stderr, "\r%s %ld", _("importing"), done);
}

int cmd_import(const struct app_options *o, const struct settings *s, struct store *st,
		      int argc, char **argv)
{
	struct import_opts io = {NULL, false, o->today, NULL, NULL};
	const char **paths = xcalloc((size_t)argc, sizeof *paths);
	int n = 0;
	bool bad = false;
	for (int i = 0; i < argc && !bad; i++) {
		if (strcmp(argv[i], "--dry-run") == 0)
			io.dry_run = true;
		else if (cli_opt(argc, argv, &i, "--cycle", "import", &io.cycle_id, &bad))
			;
		else if (argv[i][0] == '-' && argv[i][1])
			return free(paths), cli_usage_error(_("import: unknown option \"%s\"\n"), argv[i]);
		else
			paths[n++] = argv[i];
	}
	if (bad)
		return free(paths), EXIT_USAGE;
	if (n == 0)
		return free(paths), cli_usage_error("%s", _("import: name at least one file or folder\n"));
	if (isatty(STDERR_FILENO))
		io.progress = print_progress;
	struct diags errs = {0};
	struct import_result r;
	int rc = import_paths(st, s, &io, paths, n, &r, &errs);
	if (io.progress)
		fputs("\r\033[K", stderr);
	free(paths);
	if (rc != 0) {
		diags_print(&errs, stderr);
		fprintf(stderr, ngettext("innspill: %d problem; nothing was imported\n",
					 "innspill: %d problems; nothing was imported\n",
					 (unsigned long)errs.n), errs.n);
		diags_free(&errs);
		return EXIT_BAD_INPUT;
	}
	printf(io.dry_run ? _("would import: %d new, %d new versions, %d already there, %d unmatched\n")
			  : _("imported: %d new, %d new versions, %d already there, %d unmatched\n"),
	       r.added, r.new_versions, r.unchanged, r.unmatched);
	return EXIT_OK;
}

/* RFC 4180: quote a field that holds a delimiter or quote. Names come from
 * the register's files: made inert first, as everything printed is. */
static void csv_field(FILE *out, const char *raw, bool last)
{
	char *v = text_sanitize(raw ? raw : "", false);
	if (strpbrk(v, ",\"")) {
		fputc('"', out);
		for (const char *p = v; *p; p++) {
			if (*p == '"')
				fputc('"', out);
			fputc(*p, out);
		}
		fputc('"', out);
	} else {
		fputs(v, out);
	}
	fputs(last ? "\r\n" : ",", out);
	free(v);
}

static void list_csv(const struct submission_row *rows, int n)
{
	fputs("id,member,name,region,received,decided,status,late,reviewer\r\n", stdout);
	for (int i = 0; i < n; i++) {
		const struct submission_row *r = &rows[i];
		char id[24], rec[DATE_BUFSZ], dec[DATE_BUFSZ];
		snprintf(id, sizeof id, "%lld", r->id);
		date_iso(r->received, rec);
		date_iso(r->decided, dec);
		const char *f[] = {r->id ? id : "", r->member, r->member_name, r->region_code, rec,
				   dec, r->id ? status_key(r->status) : "missing",
				   r->late ? "late" : "", r->reviewer};
		for (size_t k = 0; k < sizeof f / sizeof f[0]; k++)
			csv_field(stdout, f[k], k + 1 == sizeof f / sizeof f[0]);
	}
}

/* Text: one line per submission; names are data and printed as they are. */
static void list_text(const struct submission_row *rows, int n)
{
	for (int i = 0; i < n; i++) {
		const struct submission_row *r = &rows[i];
		char rec[DATE_BUFSZ];
		date_iso(r->received, rec);
		/* Aligned by display width, so æøå and Sami names line up. */
		char *name = text_fit(r->member_name ? r->member_name : "-", 30);
		printf("%6lld  %-4s  %s  %-20s  %-10s  %s%s\n", r->id, r->member, name,
		       r->region_code ? r->region_code : "-", r->id ? rec : "-",
		       r->id ? status_key(r->status) : "missing", r->late ? "  late" : "");
		free(name);
	}
}

int cmd_list(const struct app_options *o, const struct settings *s, struct store *st, int argc,
	     char **argv)
{
	const char *expr = "", *format = "text", *sort_name = NULL;
	enum sub_sort sort = SORT_RECEIVED;
	bool bad = false;
	for (int i = 0; i < argc && !bad; i++) {
		if (!cli_opt(argc, argv, &i, "--limit", "list", &expr, &bad) &&
		    !cli_opt(argc, argv, &i, "--sort", "list", &sort_name, &bad) &&
		    !cli_opt(argc, argv, &i, "--format", "list", &format, &bad))
			return cli_usage_error(_("list: unknown argument \"%s\"\n"), argv[i]);
	}
	if (bad)
		return EXIT_USAGE;
	if (sort_name && !sort_parse(sort_name, &sort))
		return cli_usage_error(_("list: --sort is received, member, region or status, not \"%s\"\n"),
				   sort_name);
	if (strcmp(format, "text") != 0 && strcmp(format, "csv") != 0)
		return cli_usage_error(_("list: --format is text or csv, not \"%s\"\n"), format);
	struct limit l;
	struct diags errs = {0};
	if (limit_parse_for(expr, s, o->user, &l, &errs) != 0) {
		diags_print(&errs, stderr);
		diags_free(&errs);
		return EXIT_USAGE;
	}
	struct submission_row *rows;
	int n, rc = EXIT_OK;
	if (submissions_query(st, s->cycles[s->n_cycles - 1].id, &l, sort, &rows, &n) != 0) {
		cli_say(stderr, _("innspill: %s: cannot read the submissions: %s\n"), o->db_path,
			store_errmsg(st));
		rc = EXIT_BAD_INPUT;
	} else if (strcmp(format, "csv") == 0) {
		list_csv(rows, n);
	} else {
		list_text(rows, n);
	}
	submission_rows_free(rows, n);
	limit_free(&l);
	return rc;
}

int cmd_set_status(const struct app_options *o, const struct settings *s, struct store *st,
		   int argc, char **argv)
{
	(void)o, (void)s;
	const char *note = NULL;
	const char *pos[2] = {NULL, NULL};
	int np = 0;
	bool bad = false;
	for (int i = 0; i < argc && !bad; i++) {
		if (cli_opt(argc, argv, &i, "--note", "set-status", &note, &bad))
			;
		else if (np < 2 && argv[i][0] != '-')
			pos[np++] = argv[i];
		else
			return cli_usage_error(_("set-status: unknown argument \"%s\"\n"), argv[i]);
	}
	if (bad)
		return EXIT_USAGE;
	if (np != 2)
		return cli_usage_error("%s", _("set-status: give ID and STATUS\n"));
	char *end;
	long long id = strtoll(pos[0], &end, 10);
	enum sub_status status;
	if (*end || id <= 0)
		return cli_usage_error(_("set-status: \"%s\" is not a submission number\n"), pos[0]);
	if (!status_parse(pos[1], &status))
		return cli_usage_error(_("set-status: STATUS is new, approved, follow-up or rejected, not \"%s\"\n"),
				   pos[1]);
	struct diags errs = {0};
	int rc = submission_set_status_note(st, id, -1, status, note, &errs);
	if (rc != 0) {
		diags_print(&errs, stderr);
		diags_free(&errs);
		return EXIT_BAD_INPUT;
	}
	printf(_("%lld: %s\n"), id, status_key(status));
	return EXIT_OK;
}

/* One line of check-db: "NAME: ok" or "NAME: what is wrong". */
static bool check_line(const char *name, char *problem)
{
	if (!problem) {
		printf(_("%s: ok\n"), name);
		return true;
	}
	char *shown = text_sanitize(problem, false);
	printf(_("%s: %s\n"), name, shown);
	free(shown);
	free(problem);
	return false;
}

int cmd_check_db(const struct app_options *o, const struct settings *s, struct store *st,
		 int argc, char **argv)
{
	(void)s;
	bool repair = false;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--repair") == 0)
			repair = true;
		else
			return cli_usage_error(_("check-db: unknown argument \"%s\"\n"), argv[i]);
	}
	cli_say(stdout, _("database %s\n"), o->db_path);
	bool ok = check_line(_("pages and indexes"), store_check_pages(st));
	ok &= check_line(_("references"), store_check_references(st));
	int idx = submission_index_check(st);
	if (idx > 0 && repair) {
		struct diags errs = {0};
		if (submission_index_rebuild(st, &errs) != 0) {
			diags_print(&errs, stderr);
			diags_free(&errs);
			return EXIT_BAD_INPUT;
		}
		printf("%s\n", _("search index: made anew from the texts"));
		idx = submission_index_check(st);
	}
	ok &= check_line(_("search index"),
			 idx == 0 ? NULL
			 : idx > 0 ? xstrdup(_("does not match the texts; innspill check-db --repair makes it anew"))
			 : xasprintf("%s", store_errmsg(st)));
	return ok ? EXIT_OK : EXIT_BAD_INPUT;
}

int cmd_log(const struct app_options *o, const struct settings *s, struct store *st, int argc,
	    char **argv)
{
	struct audit_filter f = {.since = DATE_NONE};
	const char *since = NULL;
	bool bad = false;
	for (int i = 0; i < argc && !bad; i++) {
		if (!cli_opt(argc, argv, &i, "--since", "log", &since, &bad) &&
		    !cli_opt(argc, argv, &i, "--user", "log", &f.user, &bad) &&
		    !cli_opt(argc, argv, &i, "--region", "log", &f.region, &bad))
			return cli_usage_error(_("log: unknown argument \"%s\"\n"), argv[i]);
	}
	if (bad)
		return EXIT_USAGE;
	if (since && !date_parse(since, &f.since))
		return cli_usage_error(_("log: --since \"%s\" is not a date; use YYYY-MM-DD\n"), since);
	if (f.region && !settings_region(s, f.region))
		return cli_usage_error(_("log: no region \"%s\"\n"), f.region);
	struct audit_event *ev;
	int n;
	if (audit_list(st, &f, &ev, &n) != 0) {
		cli_say(stderr, _("innspill: %s: cannot read the log: %s\n"), o->db_path,
			store_errmsg(st));
		return EXIT_BAD_INPUT;
	}
	for (int i = 0; i < n; i++) {
		char *line = audit_line(&ev[i]);
		puts(line);
		free(line);
	}
	audit_free(ev, n);
	return EXIT_OK;
}
