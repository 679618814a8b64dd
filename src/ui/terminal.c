/* The terminal itself: whether the full-screen program can work in it at
 * all, and its size while no key is read. Apart from app.c because
 * <term.h> defines a macro for every terminfo capability. */
#include "ui.h"
#include "../app.h"
#include "../i18n.h"
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <term.h>
#include <unistd.h>

/* Before curses starts, so a terminal it cannot use is left untouched. */
int tui_check_terminal(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "%s", _("innspill: the full-screen program needs a terminal, and its input "
					"or output is not one; the commands (innspill --help) work without\n"));
		return -1;
	}
	const char *term = getenv("TERM");
	int err = 0;
	bool ok = term && term[0] && setupterm(NULL, STDOUT_FILENO, &err) == OK;
	if (ok) {
		/* dumb and its like cannot put the cursor where it is wanted. */
		const char *cup = tigetstr("cup");
		ok = cup && cup != (char *)-1;
		del_curterm(cur_term);
	}
	if (ok)
		return 0;
	if (!term || !term[0])
		fprintf(stderr, "%s", _("innspill: TERM is not set, so the full-screen program cannot tell "
					"what the terminal can do; set it (e.g. TERM=xterm-256color), or use "
					"the commands (innspill --help)\n"));
	else
		fprintf(stderr, _("innspill: the terminal \"%s\" (TERM) cannot be used: it is unknown here "
				  "or cannot move the cursor; set TERM to the terminal's type (e.g. "
				  "TERM=xterm-256color), or use the commands (innspill --help)\n"),
			term);
	return -1;
}

/* A resize is a KEY_RESIZE from the keyboard; long work that reads no keys
 * (an import) asks the terminal instead, so its progress fits the window. */
void ui_follow_size(struct ui *ui)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0 ||
	    !is_term_resized(ws.ws_row, ws.ws_col))
		return;
	resizeterm(ws.ws_row, ws.ws_col);
	ui_resize(ui);
}
