/* The commands for scripts: which there are, how each is run, and how they
 * speak to the terminal that runs them (one escaped line a message). */
#include "cli.h"
#include "../core/text.h"
#include "../core/util.h"
#include "../i18n.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void say(FILE *out, const char *fmt, va_list ap)
{
	char *msg = xvasprintf(fmt, ap);
	size_t n = strlen(msg);
	if (n && msg[n - 1] == '\n')
		msg[n - 1] = '\0';
	char *shown = text_escape(msg);
	fprintf(out, "%s\n", shown);
	free(shown);
	free(msg);
}

void cli_say(FILE *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say(out, fmt, ap);
	va_end(ap);
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	cli_say(stderr, "innspill: %s", msg);
	free(msg);
	fprintf(stderr, _("Try 'innspill --help' for more information.\n"));
	return EXIT_USAGE;
}

typedef int (*cli_cmd_fn)(const struct app_options *o, const struct settings *s, struct store *st,
			  int argc, char **argv);

/* Commands and whether they take arguments; "check-config" and "tui" are
 * run by main() (NULL here): one needs no database, the other is no command. */
static const struct {
	const char *name;
	bool args;
	cli_cmd_fn run;
} commands[] = {
	{"check-config", false, NULL}, {"demo", false, cmd_demo}, {"tui", false, NULL},
	{"import", true, cmd_import}, {"list", true, cmd_list}, {"set-status", true, cmd_set_status},
	{"status", true, cmd_status}, {"missing", true, cmd_missing}, {"ical", true, cmd_ical},
	{"log", true, cmd_log}, {"export", true, cmd_export}, {"check-db", true, cmd_check_db}};

static int command_index(const char *cmd)
{
	for (int i = 0; i < (int)(sizeof commands / sizeof commands[0]); i++)
		if (strcmp(cmd, commands[i].name) == 0)
			return i;
	return -1;
}

int cli_check_command(const char *cmd, int n_args)
{
	int ci = command_index(cmd);
	if (ci < 0)
		return cli_usage_error(_("unknown command \"%s\"\n"), cmd);
	if (!commands[ci].args && n_args > 0)
		return cli_usage_error(_("%s takes no arguments\n"), cmd);
	return EXIT_OK;
}

int cli_run(const char *cmd, const struct app_options *o, const struct settings *s,
	    struct store *st, int argc, char **argv)
{
	int ci = command_index(cmd);
	if (ci < 0 || !commands[ci].run)
		return cli_usage_error(_("unknown command \"%s\"\n"), cmd);
	return commands[ci].run(o, s, st, argc, argv);
}

void cmd_check_config(const struct settings *s)
{
	cli_say(stdout, _("%s: the settings are valid\n"), s->path);
	for (int i = 0; i < s->n_cycles; i++) {
		const struct cycle *c = &s->cycles[i];
		int expected = 0;
		for (int j = 0; j < c->reg->n_members; j++)
			expected += cycle_member_expected(c, c->reg->members[j].number);
		char sent[DATE_BUFSZ], dl[DATE_BUFSZ];
		date_iso(c->sent, sent);
		date_iso(c->national_deadline, dl);
		cli_say(stdout, _("  cycle %s \"%s\": sent %s, national deadline %s, %d questions\n"),
			c->id, c->title, sent, dl, c->n_questions);
		cli_say(stdout, _("    register %s: %d municipalities, %d counties; %d members expected\n"),
			c->reg->id, c->reg->n_municipalities, c->reg->n_counties, expected);
	}
	printf(_("  %d regions, %d users\n"), s->n_regions, s->n_users);
}
