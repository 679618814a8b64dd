/* A one-line prompt on the keys line, with the editing keys a shell user
 * expects: Left/Right, Home/End, Backspace, Delete, Ctrl-U, Ctrl-W. Enter
 * accepts, Esc or Ctrl-G cancels. Input is wide characters, so æøå and Sami
 * letters type as they should. */
#include "ui.h"
#include "../core/text.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#define PROMPT_MAX 512

struct line {
	wchar_t buf[PROMPT_MAX + 1];
	int len, pos;
};

static void line_insert(struct line *l, wchar_t c)
{
	if (l->len >= PROMPT_MAX)
		return;
	wmemmove(l->buf + l->pos + 1, l->buf + l->pos, (size_t)(l->len - l->pos));
	l->buf[l->pos++] = c;
	l->buf[++l->len] = 0;
}

static void line_delete(struct line *l, int at, int n)
{
	if (at < 0 || n <= 0 || at + n > l->len)
		return;
	wmemmove(l->buf + at, l->buf + at + n, (size_t)(l->len - at - n));
	l->len -= n;
	l->buf[l->len] = 0;
	if (l->pos > at + n)
		l->pos -= n;
	else if (l->pos > at)
		l->pos = at;
}

static void line_kill_word(struct line *l)
{
	int p = l->pos;
	while (p > 0 && l->buf[p - 1] == L' ')
		p--;
	while (p > 0 && l->buf[p - 1] != L' ')
		p--;
	line_delete(l, p, l->pos - p);
}

/* Edits the line; returns 1 to accept, -1 to cancel, 0 to go on. */
static int line_key(struct line *l, wint_t ch, bool is_key)
{
	if (is_key) {
		switch (ch) {
		case KEY_LEFT: if (l->pos > 0) l->pos--; break;
		case KEY_RIGHT: if (l->pos < l->len) l->pos++; break;
		case KEY_HOME: l->pos = 0; break;
		case KEY_END: l->pos = l->len; break;
		case KEY_BACKSPACE: line_delete(l, l->pos - 1, 1); break;
		case KEY_DC: line_delete(l, l->pos, 1); break;
		case KEY_ENTER: return 1;
		default: break;
		}
		return 0;
	}
	switch (ch) {
	case L'\r': case L'\n': return 1;
	case 27: case 7: return -1; /* Esc, Ctrl-G */
	case 127: case 8: line_delete(l, l->pos - 1, 1); return 0;
	case 21: line_delete(l, 0, l->pos); return 0; /* Ctrl-U */
	case 23: line_kill_word(l); return 0;         /* Ctrl-W */
	case 1: l->pos = 0; return 0;                 /* Ctrl-A */
	case 5: l->pos = l->len; return 0;            /* Ctrl-E */
	default: break;
	}
	if (!text_is_control((uint32_t)ch) && iswprint((wint_t)ch))
		line_insert(l, (wchar_t)ch);
	return 0;
}

static char *line_utf8(const struct line *l)
{
	size_t n = wcstombs(NULL, l->buf, 0);
	if (n == (size_t)-1)
		return xstrdup("");
	char *s = xmalloc(n + 1);
	wcstombs(s, l->buf, n + 1);
	return s;
}

/* Draws label and text on the keys line, scrolled so the cursor shows. */
static void line_draw(struct ui *ui, const char *label, const struct line *l)
{
	WINDOW *w = ui->keys;
	if (!w)
		return; /* too small: there is no line to draw on */
	werase(w);
	int lw = text_width(label);
	draw_text(w, 0, 0, lw, label, A_BOLD);
	int room = COLS - lw - 1, start = 0, cw = 0;
	for (int i = 0; i < l->pos; i++)
		cw += wcwidth(l->buf[i]) > 0 ? wcwidth(l->buf[i]) : 1;
	while (cw >= room && start < l->pos)
		cw -= wcwidth(l->buf[start]) > 0 ? wcwidth(l->buf[start++]) : 1;
	mvwaddnwstr(w, 0, lw + 1, l->buf + start, l->len - start);
	wmove(w, 0, lw + 1 + cw);
	wnoutrefresh(w);
	doupdate();
}

char *prompt_read(struct ui *ui, const char *label, const char *initial)
{
	struct line l = {{0}, 0, 0};
	if (initial) {
		wchar_t w[PROMPT_MAX + 1];
		size_t n = mbstowcs(w, initial, PROMPT_MAX);
		for (size_t i = 0; n != (size_t)-1 && i < n; i++)
			line_insert(&l, w[i]);
	}
	curs_set(1);
	int done = 0;
	while (!done) {
		line_draw(ui, label, &l);
		wint_t ch;
		int r = ui_modal_key(ui, &ch);
		if (r == ERR)
			break;
		if (r == KEY_CODE_YES && ch == KEY_RESIZE)
			continue;
		done = line_key(&l, ch, r == KEY_CODE_YES);
	}
	ui_touch_keys(ui);
	return done == 1 ? line_utf8(&l) : NULL;
}
