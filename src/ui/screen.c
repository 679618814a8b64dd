/* The frame around the panes: the tab line, the keys line, the status line,
 * the windows for the terminal's size, and the key loop of the modal parts
 * (prompts, pickers). It reaches the panes only through ui->panes, so a pane
 * may call anything here without depending on the main loop (app.c). */
#include "ui.h"
#include "../core/access.h"
#include "../core/presence.h"
#include "../core/text.h"
#include "../core/timeline.h"
#include "../core/util.h"
#include "../i18n.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* q while the terminal is too small, inside a prompt: the prompt ends
 * and so does the program. */
static bool quit_asked;

bool ui_too_small(void)
{
	return COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS;
}

void ui_free_windows(struct ui *ui)
{
	WINDOW **ws[] = {&ui->top, &ui->body, &ui->keys, &ui->status};
	for (size_t i = 0; i < sizeof ws / sizeof ws[0]; i++) {
		if (*ws[i])
			delwin(*ws[i]);
		*ws[i] = NULL;
	}
}

void ui_layout(struct ui *ui)
{
	ui_free_windows(ui);
	if (ui_too_small())
		return;
	ui->top = newwin(1, COLS, 0, 0);
	ui->body = newwin(LINES - 3, COLS, 1, 0);
	ui->keys = newwin(1, COLS, LINES - 2, 0);
	ui->status = newwin(1, COLS, LINES - 1, 0);
	keypad(ui->body, TRUE);
}

static void draw_too_small(void)
{
	werase(stdscr);
	char *msg = xasprintf(_("The terminal is too small: %dx%d. innspill needs at least %dx%d. "
				"Make the window larger, or press q to quit."),
			      COLS, LINES, UI_MIN_COLS, UI_MIN_ROWS);
	/* Wrap by hand at the width: the message must be readable even at 20 columns. */
	int w = COLS > 2 ? COLS - 2 : 1, y = 0;
	const char *p = msg;
	while (*p && y < LINES) {
		int len = (int)strlen(p);
		int cut = len;
		if (text_width(p) > w) {
			cut = w;
			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = w;
		}
		char *line = xstrndup(p, (size_t)cut);
		draw_text(stdscr, y++, 1, w, line, A_NORMAL);
		free(line);
		p += cut;
		while (*p == ' ')
			p++;
	}
	free(msg);
	wrefresh(stdscr);
}

static void draw_top(struct ui *ui)
{
	WINDOW *w = ui->top;
	werase(w);
	int x = 0;
	for (int i = 0; i < PANE_COUNT; i++) {
		char *tab = xasprintf(" %d %s ", i + 1, _(ui->panes[i]->title));
		int tw = text_width(tab);
		attr_t a = i == ui->pane ? ui_attr(ui, COLOR_PAIR_TAB, A_REVERSE | A_BOLD) : A_NORMAL;
		if (x + tw < COLS)
			draw_text(w, 0, x, tw, tab, a);
		x += tw;
		free(tab);
	}
	int room = COLS - x - 1;
	if (room > 8)
		draw_text_right(w, 0, x, room, ui->cycle->title, A_BOLD);
	wnoutrefresh(w);
}

/* The nearest milestone within a reminder's lead time, in the user's own
 * regions when they have some (as SCREENS: "Nordland: county board in 2 days"). */
static char *reminder_text(struct ui *ui)
{
	int lead = 0;
	for (int i = 0; i < ui->s->n_reminders; i++)
		lead = ui->s->reminders[i] > lead ? ui->s->reminders[i] : lead;
	struct upcoming *up;
	int n;
	timeline_upcoming(ui->s, ui->cycle, ui->opt->today, lead, &up, &n);
	const struct upcoming *best = NULL;
	for (int i = 0; i < n; i++) {
		const struct upcoming *u = &up[i];
		bool mine = !ui->user || ui->user->role != ROLE_REGIONAL || !u->region;
		for (int j = 0; !mine && j < ui->user->n_regions; j++)
			mine = strcmp(ui->user->regions[j], u->region->code) == 0;
		if (u->reminder && u->days >= 0 && mine && (!best || u->days < best->days))
			best = u;
	}
	char *t = NULL;
	if (best) {
		const char *what = best->ms.kind == MILESTONE_EXTRA ? best->ms.name
								     : milestone_kind_label(best->ms.kind);
		char when[64];
		if (best->days == 0)
			snprintf(when, sizeof when, "%s", _("today"));
		else
			snprintf(when, sizeof when, ngettext("in %d day", "in %d days",
							     (unsigned long)best->days), best->days);
		t = xasprintf("%s: %s %s", best->region ? best->region->name : ui->cycle->title, what,
			      when);
	}
	free(up);
	return t;
}

static void draw_status(struct ui *ui)
{
	WINDOW *w = ui->status;
	char today[DATE_BUFSZ], who[160];
	date_nb(ui->opt->today, today);
	bool demo;
	access_role(ui->st, &demo);
	if (!ui->user)
		snprintf(who, sizeof who, "%s (%s)", ui->opt->user,
			 demo ? _("demo: may change everything") : _("reader, not in the settings"));
	else if (ui->user->role == ROLE_REGIONAL && ui->user->n_regions > 0)
		snprintf(who, sizeof who, "%s (%s: %s)", ui->user->login, role_name(ui->user->role),
			 ui->user->regions[0]);
	else
		snprintf(who, sizeof who, "%s (%s)", ui->user->login, role_name(ui->user->role));
	char others[64] = "";
	if (ui->active_others > 0)
		snprintf(others, sizeof others,
			 ngettext("  %d other active", "  %d others active",
				  (unsigned long)ui->active_others),
			 ui->active_others);
	char *left = xasprintf(" %s  %s  %s %s%s%s", who, _(ui->panes[ui->pane]->title), _("today"),
			       today, ui->demo ? _("  DEMO") : "", others);
	werase(w);
	wbkgdset(w, ' ' | ui_attr(ui, COLOR_PAIR_TITLE, A_REVERSE));
	werase(w);
	int lw = text_width(left);
	/* A message matters more than the user's name: it gets the room. */
	if (ui->message[0]) {
		int room = COLS - text_width(ui->message) - 2;
		if (lw > room)
			lw = room > 10 ? room : 10;
	}
	if (lw > COLS)
		lw = COLS;
	draw_text(w, 0, 0, lw, left, ui_attr(ui, COLOR_PAIR_TITLE, A_REVERSE));
	if (ui->message[0] && COLS - lw > 4) {
		draw_text_right(w, 0, lw + 1, COLS - lw - 2, ui->message,
				ui_attr(ui, COLOR_PAIR_TITLE, A_REVERSE | A_BOLD));
	} else if (COLS - lw > 12) {
		char *r = reminder_text(ui);
		if (r)
			draw_text_right(w, 0, lw + 1, COLS - lw - 2, r,
					ui_attr(ui, COLOR_PAIR_TITLE, A_REVERSE));
		free(r);
	}
	free(left);
	wnoutrefresh(w);
}

static void draw_keys(struct ui *ui)
{
	werase(ui->keys);
	const char *hint = ui->pager ? _("j/k scroll  Space/- page  q close")
				     : ui->panes[ui->pane]->hint(ui->state[ui->pane]);
	draw_text(ui->keys, 0, 1, COLS - 2, hint, A_NORMAL);
	wnoutrefresh(ui->keys);
}

void ui_draw(struct ui *ui, int what)
{
	if (ui_too_small()) {
		draw_too_small();
		return;
	}
	if (what & REDRAW_ALL & ~(REDRAW_BODY | REDRAW_STATUS))
		draw_top(ui);
	/* The keys line follows the pane's state; unchanged, it costs no bytes. */
	if (what & (REDRAW_BODY | (REDRAW_ALL & ~REDRAW_STATUS)))
		draw_keys(ui);
	if (what & REDRAW_STATUS)
		draw_status(ui);
	if (what & REDRAW_BODY) {
		werase(ui->body);
		ui->cursor_y = 0;
		if (ui->pager)
			pager_draw(ui, ui->body);
		else
			ui->panes[ui->pane]->draw(ui, ui->state[ui->pane], ui->body);
	}
	/* The body goes last so the hardware cursor rests on the selected row,
	 * where screen readers and braille displays look for it. */
	wmove(ui->body, ui->cursor_y, 0);
	wnoutrefresh(ui->body);
	doupdate();
}

int ui_switch_pane(struct ui *ui, int to)
{
	if (to == ui->pane && !ui->pager)
		return REDRAW_NONE;
	pager_close(ui);
	ui->pane = to;
	ui->panes[to]->open(ui, ui->state[to]);
	return REDRAW_ALL;
}

void ui_request(struct ui *ui, enum pane_id to, const char *limit, long long id)
{
	free(ui->request.limit);
	ui->request = (struct ui_request){true, to, limit ? xstrdup(limit) : NULL, id};
}

bool ui_interrupted(void)
{
	return input_signal() != 0 || quit_asked;
}

void ui_resize(struct ui *ui)
{
	ui_layout(ui);
	clearok(curscr, TRUE);
	ui_draw(ui, REDRAW_ALL);
}

void ui_touch_keys(struct ui *ui)
{
	curs_set(1);
	if (ui->keys)
		touchwin(ui->keys);
}

void ui_draw_now(struct ui *ui)
{
	ui_draw(ui, REDRAW_ALL);
}

void ui_keep_presence(struct ui *ui, long now)
{
	if (ui->presence_id && now - ui->presence_at >= PRESENCE_RENEW) {
		presence_set(ui->st, ui->presence_id, now);
		ui->presence_at = now;
	}
}

void ui_presence(struct ui *ui, long long id)
{
	if (id == ui->presence_id)
		return;
	ui->presence_id = id;
	ui->presence_at = time(NULL);
	presence_set(ui->st, id, ui->presence_at);
	/* Our own mark is not news to us. */
	ui->data_version = store_data_version(ui->st);
}

/* The body, or the screen itself while the terminal is too small and there
 * are no windows. */
WINDOW *ui_input_window(struct ui *ui)
{
	if (!ui_too_small() && ui->body)
		return ui->body;
	keypad(stdscr, TRUE);
	return stdscr;
}

int ui_modal_key(struct ui *ui, wint_t *ch)
{
	for (;;) {
		if (ui_interrupted())
			return ERR;
		int r = input_key(ui_input_window(ui), 1000, ch);
		if (r == ERR) {
			ui_keep_presence(ui, time(NULL));
			continue;
		}
		if (r == KEY_CODE_YES && *ch == KEY_RESIZE) {
			ui_resize(ui);
			if (!ui_too_small())
				return r;
		} else if (ui_too_small()) {
			/* As the message says: q quits; other keys wait for room. */
			if (r == OK && *ch == L'q')
				quit_asked = true;
		} else {
			return r;
		}
	}
}

void ui_abort(struct ui *ui)
{
	/* The work under way is one transaction: none of it is kept. */
	store_rollback(ui->st);
	ui_presence(ui, 0);
	endwin();
	/* _exit: the work's memory is in use on the stack being left, and
	 * nothing else is buffered (the terminal was written by endwin). */
	_exit(input_signal() ? 128 + input_signal() : 0);
}
