/* The help screen, made from the keymap table so it tells the truth. */
#include "ui.h"
#include "../core/util.h"
#include "../i18n.h"
#include <stdlib.h>

void help_open(struct ui *ui)
{
	char **lines;
	int n = keymap_lines(&lines, false);
	char *title = xasprintf(_("Help: innspill %s"), VERSION);
	pager_open(ui, title, lines, n);
	free(title);
}
