/* innspill: arguments, finding the settings and the database; then a
 * command (src/cli/) or the terminal program (src/ui/). */
#include "app.h"
#include "cli/cli.h"
#include "core/text.h"
#include "core/util.h"
#include "i18n.h"
#include "ui/keymap.h"
#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


static void usage(FILE *out)
{
	fprintf(out, _("Usage: innspill [OPTION]... [COMMAND]\n"
		       "Follow the debate booklet's answers from KS's members: region timelines,\n"
		       "the resolution inbox and the aggregated answers.\n"
		       "\n"
		       "Options:\n"
		       "  -c, --config FILE   settings file\n"
		       "  -d, --database FILE database file\n"
		       "      --today DATE    take DATE (YYYY-MM-DD) as today\n"
		       "      --ascii         draw with ASCII characters only\n"
		       "      --no-color      no colours (also when NO_COLOR is set)\n"
		       "      --limit EXPR    open on the inbox, limited by EXPR\n"
		       "  -h, --help          show this help and exit\n"
		       "  -V, --version       show the version and exit\n"
		       "\n"
		       "Commands:\n"
		       "  (none)              open the terminal program\n"
		       "  check-config        check the settings file and summarise it\n"
		       "  demo                fill the database with a demo data set\n"
		       "  import [--dry-run] [--cycle ID] PATH...\n"
		       "                      take in survey CSV files, mails or maildirs\n"
		       "  list [--limit EXPR] [--sort received|member|region|status] [--format text|csv]\n"
		       "                      print the submissions the limit shows\n"
		       "  set-status ID STATUS [--note TEXT]\n"
		       "                      STATUS: new, approved, follow-up, rejected\n"
		       "  status [--region CODE]\n"
		       "                      each region's next milestone and counts\n"
		       "  missing [--region CODE] [--format text|csv]\n"
		       "                      the members that have not answered\n"
		       "  log [--since DATE] [--user LOGIN] [--region CODE]\n"
		       "                      print the audit log: who changed what, when\n"
		       "  ical [--region CODE] [-o FILE [--force]]\n"
		       "                      every milestone as an iCalendar file\n"
		       "  export [--format md|csv|html] [--region CODE] [--cycle ID] [--all]\n"
		       "         [--bom] [-o FILE [--force]]\n"
		       "                      the answers as a report (md, html) or CSV; approved\n"
		       "                      submissions only unless --all\n"
		       "  check-db [--repair] check the database and its search index; --repair\n"
		       "                      makes the search index anew\n"
		       "  keys [--man]        list the keys (as roff for the man page)\n"
		       "\n"
		       "Exit status: 0 ok, 1 bad input (settings, data), 2 bad usage.\n"));
}

static bool file_exists(const char *p)
{
	return access(p, F_OK) == 0;
}

/* -c, then $INNSPILL_CONFIG, then the user's, the system's, the installed
 * default. Returns an allocated path. */
static char *find_config(const char *given)
{
	if (given)
		return xstrdup(given);
	const char *env = getenv("INNSPILL_CONFIG");
	if (env && env[0])
		return xstrdup(env);
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char *p = NULL;
	if (xdg && xdg[0])
		p = xasprintf("%s/innspill/innspill.cfg", xdg);
	else if (home && home[0])
		p = xasprintf("%s/.config/innspill/innspill.cfg", home);
	if (p && file_exists(p))
		return p;
	free(p);
	if (file_exists("/etc/innspill/innspill.cfg"))
		return xstrdup("/etc/innspill/innspill.cfg");
	return xstrdup(DEFAULT_CONFIG);
}

static int mkdirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int rc = mkdir(path, 0770);
		*p = '/';
		if (rc != 0 && errno != EEXIST)
			return -1;
	}
	return 0;
}

/* -d, then the settings' database, then $XDG_DATA_HOME/innspill/innspill.db. */
static char *find_database(const char *given, const struct settings *s)
{
	if (given)
		return xstrdup(given);
	if (s->database)
		return xstrdup(s->database);
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	char *p;
	if (xdg && xdg[0])
		p = xasprintf("%s/innspill/innspill.db", xdg);
	else
		p = xasprintf("%s/.local/share/innspill/innspill.db", home ? home : ".");
	mkdirs(p);
	return p;
}

static const char *login_name(void)
{
	struct passwd *pw = getpwuid(geteuid());
	return pw ? pw->pw_name : "unknown";
}

static int load_settings(const char *path, struct settings *s)
{
	struct diags errs = {0};
	if (settings_load(path, s, &errs) == 0)
		return 0;
	diags_print(&errs, stderr);
	fprintf(stderr, ngettext("innspill: %d problem in the settings; nothing was changed\n",
				 "innspill: %d problems in the settings; nothing was changed\n",
				 (unsigned long)errs.n),
		errs.n);
	diags_free(&errs);
	return -1;
}

static struct store *open_store(const struct app_options *o, const struct settings *s)
{
	struct diags errs = {0};
	store_set_create_mode(s->database_mode);
	struct store *st = store_open(o->db_path, o->user, &errs);
	if (st && store_sync_settings(st, s, &errs) != 0) {
		store_close(st);
		st = NULL;
	}
	if (!st) {
		diags_print(&errs, stderr);
		diags_free(&errs);
	}
	return st;
}

enum { OPT_TODAY = 256, OPT_ASCII, OPT_NO_COLOR, OPT_LIMIT };

static int parse_options(int argc, char **argv, struct app_options *o)
{
	static const struct option longopts[] = {
		{"config", required_argument, NULL, 'c'}, {"database", required_argument, NULL, 'd'},
		{"today", required_argument, NULL, OPT_TODAY}, {"ascii", no_argument, NULL, OPT_ASCII},
		{"no-color", no_argument, NULL, OPT_NO_COLOR}, {"limit", required_argument, NULL, OPT_LIMIT},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'}, {NULL, 0, NULL, 0}};
	int ch;
	while ((ch = getopt_long(argc, argv, "+c:d:hV", longopts, NULL)) != -1) {
		/* "-c -h" names no settings file "-h"; a value given as
		 * "--config=-h" is meant and taken. */
		if (optarg && optarg == argv[optind - 1] && cli_looks_like_option(optarg))
			return cli_usage_error(_("%s needs a value, not the option \"%s\"\n"),
					   argv[optind - 2], optarg);
		switch (ch) {
		case 'c': o->config_path = optarg; break;
		case 'd': o->db_path = optarg; break;
		case OPT_TODAY:
			if (!date_parse(optarg, &o->today)) {
				cli_say(stderr, _("innspill: --today \"%s\" is not a real date; use YYYY-MM-DD\n"),
					optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_ASCII: o->ascii = true; break;
		case OPT_NO_COLOR: o->no_color = true; break;
		case OPT_LIMIT: o->start_limit = optarg; break;
		case 'h': usage(stdout); exit(EXIT_OK);
		case 'V': printf("innspill %s\n", VERSION); exit(EXIT_OK);
		default:
			fprintf(stderr, _("Try 'innspill --help' for more information.\n"));
			return EXIT_USAGE;
		}
	}
	return -1;
}

static void setup_locale(struct app_options *o)
{
	setlocale(LC_ALL, "");
	const char *dir = getenv("INNSPILL_LOCALEDIR");
	bindtextdomain("innspill", dir && dir[0] ? dir : LOCALEDIR);
	bind_textdomain_codeset("innspill", "UTF-8");
	textdomain("innspill");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		o->ascii = true;
	const char *nc = getenv("NO_COLOR");
	if (nc && nc[0])
		o->no_color = true;
}

int main(int argc, char **argv)
{
	struct app_options o = {0};
	o.today = DATE_NONE;
	setup_locale(&o);
	int rc = parse_options(argc, argv, &o);
	if (rc >= 0)
		return rc;
	const char *cmd = optind < argc ? argv[optind] : NULL;
	/* The key list needs no settings: the man page is made from it. */
	if (cmd && strcmp(cmd, "keys") == 0) {
		bool roff = optind + 1 < argc && strcmp(argv[optind + 1], "--man") == 0;
		keymap_print(stdout, roff);
		return EXIT_OK;
	}
	if (cmd && cli_check_command(cmd, argc - optind - 1) != 0)
		return EXIT_USAGE;
	if (o.today == DATE_NONE)
		o.today = date_today();
	text_set_ascii(o.ascii);
	o.user = login_name();

	char *cfg = find_config(o.config_path);
	struct settings s;
	if (load_settings(cfg, &s) != 0) {
		free(cfg);
		return EXIT_BAD_INPUT;
	}
	free(cfg);
	if (cmd && strcmp(cmd, "check-config") == 0) {
		cmd_check_config(&s);
		settings_free(&s);
		return EXIT_OK;
	}
	/* A terminal the program cannot draw on is said before anything is
	 * opened or drawn. */
	if ((!cmd || strcmp(cmd, "tui") == 0) && tui_check_terminal() != 0) {
		settings_free(&s);
		return EXIT_BAD_INPUT;
	}
	char *db = find_database(o.db_path, &s);
	o.db_path = db;
	struct store *st = open_store(&o, &s);
	if (!st)
		rc = EXIT_BAD_INPUT;
	else if (cmd && strcmp(cmd, "tui") != 0)
		rc = cli_run(cmd, &o, &s, st, argc - optind - 1, argv + optind + 1);
	else
		rc = tui_run(&o, &s, st);
	store_close(st);
	settings_free(&s);
	free(db);
	return rc;
}
