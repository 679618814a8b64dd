/* A text view over the pane, as less shows a file: help, the problems of an
 * import, a text attachment. */
#include "ui.h"
#include "../core/util.h"
#include <stdlib.h>

void pager_open(struct ui *ui, const char *title, char **lines, int n)
{
	pager_close(ui);
	struct pager *p = xcalloc(1, sizeof *p);
	p->title = xstrdup(title);
	p->lines = lines;
	p->n = n;
	p->list.n = n;
	ui->pager = p;
}

void pager_close(struct ui *ui)
{
	struct pager *p = ui->pager;
	if (!p)
		return;
	for (int i = 0; i < p->n; i++)
		free(p->lines[i]);
	free(p->lines);
	free(p->title);
	free(p);
	ui->pager = NULL;
}

void pager_draw(struct ui *ui, WINDOW *w)
{
	struct pager *p = ui->pager;
	int page = getmaxy(w) - 1;
	draw_text(w, 0, 1, COLS - 2, p->title, A_BOLD);
	p->list.cur = p->list.top;
	list_clamp(&p->list, page);
	for (int i = p->list.top; i < p->n && i - p->list.top < page; i++) {
		bool heading = p->lines[i][0] && p->lines[i][0] != ' ';
		draw_text(w, 1 + i - p->list.top, 1, COLS - 2, p->lines[i],
			  heading ? A_BOLD : A_NORMAL);
	}
}

int pager_action(struct ui *ui, enum action a)
{
	struct pager *p = ui->pager;
	if (a == ACT_CANCEL) {
		pager_close(ui);
		return REDRAW_ALL;
	}
	int page = getmaxy(ui->body) - 1;
	/* Scrolling moves the view itself: there is no row to select. */
	if (a == ACT_DOWN || a == ACT_UP) {
		p->list.top += a == ACT_DOWN ? 1 : -1;
		p->list.cur = p->list.top;
		list_clamp(&p->list, page);
		return REDRAW_BODY;
	}
	p->list.cur = p->list.top;
	return list_action(&p->list, a, page) ? REDRAW_BODY : REDRAW_NONE;
}
