/* What main() hands to the commands and to the terminal program. */
#ifndef INNSPILL_APP_H
#define INNSPILL_APP_H
#include "core/date.h"
#include "core/settings.h"
#include "core/store.h"

struct app_options {
	const char *config_path;
	const char *db_path;
	date_t today;
	const char *user;
	bool ascii;    /* --ascii, or a locale that is not UTF-8 */
	bool no_color; /* --no-color or NO_COLOR */
	const char *start_limit; /* --limit: open on the Inbox with this limit */
};

/* Whether the terminal program can work in this terminal: 0, or -1 after
 * saying on stderr why not (not a terminal, TERM unset, unknown or dumb). */
int tui_check_terminal(void);
/* The terminal program; returns the exit code. */
int tui_run(const struct app_options *o, struct settings *s, struct store *st);

#endif
