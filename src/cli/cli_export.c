/* `innspill export`: the answers as a Markdown or HTML report or as CSV, on
 * stdout or into a file that is never overwritten without --force. */
#include "cli.h"
#include "../core/export.h"
#include "../core/util.h"
#include "../i18n.h"
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

struct export_args {
	struct export_opts eo;
	const char *output;
	bool force;
};

static int parse_export_args(int argc, char **argv, struct export_args *a)
{
	const char *format = "md";
	bool bad = false;
	for (int i = 0; i < argc && !bad; i++) {
		const char *v = argv[i];
		if (cli_opt(argc, argv, &i, "--format", "export", &format, &bad) ||
		    cli_opt(argc, argv, &i, "--region", "export", &a->eo.region, &bad) ||
		    cli_opt(argc, argv, &i, "--cycle", "export", &a->eo.cycle_id, &bad) ||
		    cli_opt(argc, argv, &i, "-o", "export", &a->output, &bad))
			;
		else if (strcmp(v, "--all") == 0)
			a->eo.basis = AGG_ALL;
		else if (strcmp(v, "--bom") == 0)
			a->eo.bom = true;
		else if (strcmp(v, "--force") == 0)
			a->force = true;
		else
			return cli_usage_error(_("export: unknown argument \"%s\"\n"), v);
	}
	if (bad)
		return EXIT_USAGE;
	if (!export_format_parse(format, &a->eo.format))
		return cli_usage_error(_("export: --format is md, csv or html, not \"%s\"\n"), format);
	if (a->eo.bom && a->eo.format != EXPORT_CSV)
		return cli_usage_error("%s", _("export: --bom is only for --format csv\n"));
	if (a->force && !a->output)
		return cli_usage_error("%s", _("export: --force goes with -o FILE\n"));
	return EXIT_OK;
}

/* Names the valid choices, as bad use should. */
static int check_names(const struct settings *s, const struct export_opts *eo)
{
	if (eo->region && !settings_region(s, eo->region))
		return cli_bad_region(s, eo->region);
	if (eo->cycle_id && !settings_cycle(s, eo->cycle_id)) {
		char *msg = xasprintf(_("innspill: no cycle \"%s\"; the cycles are:"), eo->cycle_id);
		struct sbuf b = {0};
		sb_puts(&b, msg);
		for (int i = 0; i < s->n_cycles; i++)
			sb_puts(&b, " "), sb_puts(&b, s->cycles[i].id);
		char *all = sb_take(&b);
		cli_say(stderr, "%s", all);
		free(all), free(msg);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int cmd_export(const struct app_options *o, const struct settings *s, struct store *st, int argc,
	       char **argv)
{
	struct export_args a = {.eo = {.basis = AGG_APPROVED, .today = o->today}};
	int rc = parse_export_args(argc, argv, &a);
	if (rc == EXIT_OK)
		rc = check_names(s, &a.eo);
	if (rc != EXIT_OK)
		return rc;
	struct diags errs = {0};
	int r = a.output ? export_to_file(st, s, &a.eo, a.output, a.force, &errs)
			 : export_write(st, s, &a.eo, stdout, &errs);
	if (r == 1) {
		cli_say(stderr, _("innspill: %s exists already; add --force to replace it\n"),
			a.output);
	} else if (r != 0) {
		diags_print(&errs, stderr);
	}
	diags_free(&errs);
	return r == 0 ? EXIT_OK : EXIT_BAD_INPUT;
}
