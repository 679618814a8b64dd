/* The subcommands that work on the database from the command line, for
 * scripts and cron: each returns the program's exit code. */
#ifndef INNSPILL_CLI_H
#define INNSPILL_CLI_H
#include "../app.h"
#include <stdio.h>

enum { EXIT_OK = 0, EXIT_BAD_INPUT = 1, EXIT_USAGE = 2 };

/* Prints a message that may hold file names and words from users as one
 * line no terminal acts on: formatted, its last newline dropped, shown with
 * text_escape(), then ended with a newline. */
void cli_say(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints "innspill: MESSAGE" (as cli_say) and the --help hint; returns
 * EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Whether a word looks like an option: "-h", "--force", "--" (not "-", nor
 * "-5"). */
bool cli_looks_like_option(const char *v);
/* Whether argv[*i] is the option name, which takes a value: then the value
 * is put in *out and *i moves past it. A missing value, or one that looks
 * like an option itself ("-o --force", "-o -h"), is bad use: said on
 * stderr, with *bad set. */
bool cli_opt(int argc, char **argv, int *i, const char *name, const char *cmd, const char **out,
	     bool *bad);
/* "innspill: no region "CODE"; the codes are: ..." on stderr; returns
 * EXIT_USAGE. */
int cli_bad_region(const struct settings *s, const char *code);

/* Whether cmd is a command, and one that takes arguments when given n_args:
 * EXIT_OK, or EXIT_USAGE after saying why on stderr. */
int cli_check_command(const char *cmd, int n_args);
/* Runs a command that works on the database (not "check-config" nor "tui");
 * returns its exit code. */
int cli_run(const char *cmd, const struct app_options *o, const struct settings *s,
	    struct store *st, int argc, char **argv);

/* check-config: a summary of the settings, which are valid. */
void cmd_check_config(const struct settings *s);
int cmd_demo(const struct app_options *o, const struct settings *s, struct store *st, int argc,
	     char **argv);
int cmd_import(const struct app_options *o, const struct settings *s, struct store *st, int argc,
	       char **argv);
int cmd_check_db(const struct app_options *o, const struct settings *s, struct store *st,
		 int argc, char **argv);
int cmd_list(const struct app_options *o, const struct settings *s, struct store *st, int argc,
	     char **argv);
int cmd_set_status(const struct app_options *o, const struct settings *s, struct store *st,
		   int argc, char **argv);

int cmd_status(const struct app_options *o, const struct settings *s, struct store *st, int argc,
	       char **argv);
int cmd_missing(const struct app_options *o, const struct settings *s, struct store *st,
		int argc, char **argv);
int cmd_ical(const struct app_options *o, const struct settings *s, struct store *st, int argc,
	     char **argv);
int cmd_export(const struct app_options *o, const struct settings *s, struct store *st, int argc,
	       char **argv);

int cmd_log(const struct app_options *o, const struct settings *s, struct store *st, int argc,
	    char **argv);

#endif
