/* The help screen, made from the keymap table so it tells the truth. */
#include "ui.h"
#include "../core/util.h"
#include "../i18n.h"
#include <stdlib.h>

/* Help lines: a title per context, then one line per action. */
static int help_lines(char ***out, const struct ui *ui)
{
	static const enum keyctx order[] = {KEYCTX_GLOBAL, KEYCTX_LIST, KEYCTX_TIMELINE,
					    KEYCTX_INBOX, KEYCTX_ANSWERS};
	int n = 0;
	*out = NULL;
	ptrs_push((void ***)out, &n, xasprintf("innspill %s  %s", VERSION, ui->cycle->title));
	for (size_t c = 0; c < sizeof order / sizeof order[0]; c++) {
		bool title = false;
		for (int i = 0; i < keymap_len; i++) {
			const struct binding *b = &keymap[i];
			if (b->ctx != order[c] || !b->help)
				continue;
			if (!title) {
				ptrs_push((void ***)out, &n, xstrdup(""));
				ptrs_push((void ***)out, &n, xasprintf("%s", keyctx_title(order[c])));
				title = true;
			}
			char keys[64];
			keymap_keys_of(b->ctx, b->action, keys, sizeof keys);
			ptrs_push((void ***)out, &n, xasprintf("  %-16s %s", keys, _(b->help)));
		}
	}
	return n;
}

void help_draw(struct ui *ui, WINDOW *w)
{
	char **lines;
	int n = help_lines(&lines, ui);
	int page = getmaxy(w);
	ui->help_list.n = n;
	list_clamp(&ui->help_list, page);
	for (int i = ui->help_list.top; i < n && i - ui->help_list.top < page; i++) {
		bool heading = lines[i][0] && lines[i][0] != ' ';
		draw_text(w, i - ui->help_list.top, 1, COLS - 2, lines[i], heading ? A_BOLD : A_NORMAL);
	}
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

int help_action(struct ui *ui, enum action a)
{
	int page = getmaxy(ui->body);
	/* Scrolling moves the view itself: there is no row to select. */
	if (a == ACT_DOWN)
		a = ACT_PAGE_DOWN, page = 1;
	else if (a == ACT_UP)
		a = ACT_PAGE_UP, page = 1;
	ui->help_list.cur = ui->help_list.top;
	return list_action(&ui->help_list, a, page) ? REDRAW_BODY : REDRAW_NONE;
}
