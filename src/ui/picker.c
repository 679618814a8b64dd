/* A searchable picker: type to narrow the list, arrows to move, Enter to
 * choose, Esc to cancel. Used to give an unmatched mail its member. */
#include "ui.h"
#include "../core/text.h"
#include "../core/util.h"
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

struct picker {
	const char *const *items;
	char **folded; /* case-folded items, for matching */
	int n;
	int *shown, n_shown;
	struct list list;
	wchar_t filter[128];
	int flen;
};

static char *fold(const char *s)
{
	char *v = text_valid_utf8(s) ? g_utf8_casefold(s, -1) : g_strdup(s);
	char *r = xstrdup(v);
	g_free(v);
	return r;
}

static void refilter(struct picker *p)
{
	char mb[512];
	size_t n = wcstombs(mb, p->filter, sizeof mb - 1);
	mb[n == (size_t)-1 ? 0 : n] = '\0';
	char *f = fold(mb);
	p->n_shown = 0;
	for (int i = 0; i < p->n; i++)
		if (strstr(p->folded[i], f))
			p->shown[p->n_shown++] = i;
	free(f);
	p->list.n = p->n_shown;
	p->list.cur = p->list.top = 0;
}

static void picker_draw(struct ui *ui, struct picker *p, const char *title)
{
	WINDOW *w = ui->body;
	if (!w || !ui->keys)
		return; /* too small: nothing to draw on */
	int page = getmaxy(w) - 1;
	werase(w);
	draw_text(w, 0, 1, COLS - 2, title, A_BOLD);
	list_clamp(&p->list, page);
	for (int i = p->list.top; i < p->n_shown && i - p->list.top < page; i++)
		draw_text(w, 1 + i - p->list.top, 1, COLS - 2, p->items[p->shown[i]],
			  i == p->list.cur ? A_REVERSE : A_NORMAL);
	wnoutrefresh(w);
	werase(ui->keys);
	mvwaddstr(ui->keys, 0, 0, "> ");
	waddnwstr(ui->keys, p->filter, p->flen);
	wnoutrefresh(ui->keys);
	doupdate();
}

/* Returns 1 chosen, -1 cancelled, 0 go on. */
static int picker_key(struct ui *ui, struct picker *p, wint_t ch, bool is_key)
{
	int page = getmaxy(ui->body) - 1;
	enum action a = ACT_NONE;
	if (is_key && ch == KEY_ENTER)
		return p->n_shown ? 1 : 0;
	if (is_key && (ch == KEY_BACKSPACE) && p->flen > 0) {
		p->filter[--p->flen] = 0;
		refilter(p);
	} else if (is_key) {
		a = keymap_lookup(KEYCTX_LIST, ch, true);
	} else if (ch == L'\r' || ch == L'\n') {
		return p->n_shown ? 1 : 0;
	} else if (ch == 27 || ch == 7) {
		return -1;
	} else if ((ch == 127 || ch == 8) && p->flen > 0) {
		p->filter[--p->flen] = 0;
		refilter(p);
	} else if (ch == 14 || ch == 16) { /* Ctrl-N, Ctrl-P */
		a = ch == 14 ? ACT_DOWN : ACT_UP;
	} else if (!text_is_control((uint32_t)ch) && iswprint(ch) && p->flen < 127) {
		p->filter[p->flen++] = (wchar_t)ch;
		p->filter[p->flen] = 0;
		refilter(p);
	}
	if (a != ACT_NONE)
		list_action(&p->list, a, page);
	return 0;
}

int picker_run(struct ui *ui, const char *title, const char *const *items, int n)
{
	struct picker p;
	memset(&p, 0, sizeof p);
	p.items = items;
	p.n = n;
	p.folded = xcalloc((size_t)n, sizeof *p.folded);
	p.shown = xcalloc((size_t)n, sizeof *p.shown);
	for (int i = 0; i < n; i++)
		p.folded[i] = fold(items[i]);
	refilter(&p);
	curs_set(0);
	int done = 0;
	while (!done) {
		picker_draw(ui, &p, title);
		wint_t ch;
		int r = ui_modal_key(ui, &ch);
		if (r == ERR)
			break;
		if (r == KEY_CODE_YES && ch == KEY_RESIZE)
			continue;
		done = picker_key(ui, &p, ch, r == KEY_CODE_YES);
	}
	int chosen = done == 1 ? p.shown[p.list.cur] : -1;
	for (int i = 0; i < n; i++)
		free(p.folded[i]);
	free(p.folded);
	free(p.shown);
	ui_touch_keys(ui);
	return chosen;
}
