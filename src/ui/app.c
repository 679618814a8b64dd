/* The main loop: input with a timeout, resize, pane switching. Handlers
 * change state and say what needs redrawing; only this loop draws, with one
 * doupdate() per turn, so a cursor move sends only the cells that changed. */
#include "ui.h"
#include "../core/access.h"
#include "../core/presence.h"
#include "../core/text.h"
#include "../core/timeline.h"
#include "../core/util.h"
#include "../i18n.h"
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const struct pane *const panes[] = {&pane_timeline, &pane_inbox, &pane_answers};
#define N_PANES 3

/* q while the terminal is too small, inside a prompt: the prompt ends
 * and so does the program. */
static bool quit_asked;

static bool too_small(void)
{
	return COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS;
}

static void free_windows(struct ui *ui)
{
	WINDOW **ws[] = {&ui->top, &ui->body, &ui->keys, &ui->status};
	for (size_t i = 0; i < sizeof ws / sizeof ws[0]; i++) {
		if (*ws[i])
			delwin(*ws[i]);
		*ws[i] = NULL;
	}
}

static void layout(struct ui *ui)
{
	free_windows(ui);
	if (too_small())
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
	for (int i = 0; i < N_PANES; i++) {
		char *tab = xasprintf(" %d %s ", i + 1, _(panes[i]->title));
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
	char *left = xasprintf(" %s  %s  %s %s%s%s", who, _(panes[ui->pane]->title), _("today"),
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
				     : panes[ui->pane]->hint();
	draw_text(ui->keys, 0, 1, COLS - 2, hint, A_NORMAL);
	wnoutrefresh(ui->keys);
}

static void draw(struct ui *ui, int what)
{
	if (too_small()) {
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
			panes[ui->pane]->draw(ui, ui->body);
	}
	/* The body goes last so the hardware cursor rests on the selected row,
	 * where screen readers and braille displays look for it. */
	wmove(ui->body, ui->cursor_y, 0);
	wnoutrefresh(ui->body);
	doupdate();
}

static int switch_pane(struct ui *ui, int to)
{
	if (to == ui->pane && !ui->pager)
		return REDRAW_NONE;
	pager_close(ui);
	ui->pane = to;
	panes[to]->open(ui);
	return REDRAW_ALL;
}

/* Global actions; returns -1 for quit. */
static int global_action(struct ui *ui, enum action a)
{
	switch (a) {
	case ACT_QUIT:
		if (ui->pager) {
			pager_close(ui);
			return REDRAW_ALL;
		}
		return -1;
	case ACT_HELP:
		if (ui->pager)
			pager_close(ui);
		else
			help_open(ui);
		return REDRAW_ALL;
	case ACT_PANE_TIMELINE: return switch_pane(ui, 0);
	case ACT_PANE_INBOX: return switch_pane(ui, 1);
	case ACT_PANE_ANSWERS: return switch_pane(ui, 2);
	case ACT_PANE_NEXT: return switch_pane(ui, (ui->pane + 1) % N_PANES);
	case ACT_PANE_PREV: return switch_pane(ui, (ui->pane + N_PANES - 1) % N_PANES);
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		return REDRAW_ALL;
	case ACT_CANCEL:
		pager_close(ui);
		return REDRAW_ALL;
	default:
		return REDRAW_NONE;
	}
}

static int handle_key(struct ui *ui, wint_t ch, bool is_key)
{
	const struct pane *p = panes[ui->pane];
	enum keyctx ctx = ui->pager ? KEYCTX_LIST : p->context ? p->context() : p->ctx;
	ui->key = ch;
	enum action a = keymap_lookup(ctx, ch, is_key);
	if (a == ACT_NONE) {
		ui_message(ui, "%s", _("That key does nothing here; press ? for help"));
		return REDRAW_STATUS;
	}
	if (too_small())
		return a == ACT_QUIT ? -1 : REDRAW_NONE;
	int r = ui->pager ? pager_action(ui, a) : panes[ui->pane]->action(ui, a);
	if (r == REDRAW_NONE)
		r = global_action(ui, a);
	return r;
}

static void start_curses(struct ui *ui)
{
	initscr();
	cbreak();
	noecho();
	nonl();
	set_escdelay(25);
	ui->colors = !ui->opt->no_color && has_colors();
	if (ui->colors) {
		start_color();
		use_default_colors();
		init_pair(COLOR_PAIR_TAB, COLOR_WHITE, COLOR_BLUE);
		init_pair(COLOR_PAIR_WARN, COLOR_YELLOW, -1);
		init_pair(COLOR_PAIR_LATE, COLOR_RED, -1);
		init_pair(COLOR_PAIR_OK, COLOR_GREEN, -1);
		init_pair(COLOR_PAIR_TITLE, COLOR_BLACK, COLOR_CYAN);
	}
}

bool ui_interrupted(void)
{
	return input_signal() != 0 || quit_asked;
}

void ui_resize(struct ui *ui)
{
	layout(ui);
	clearok(curscr, TRUE);
	draw(ui, REDRAW_ALL);
}

void ui_touch_keys(struct ui *ui)
{
	curs_set(1);
	if (ui->keys)
		touchwin(ui->keys);
}

void ui_reopen_pane(struct ui *ui)
{
	panes[ui->pane]->open(ui);
}

void ui_switch_pane(struct ui *ui, int i)
{
	switch_pane(ui, i);
}

void ui_draw_now(struct ui *ui)
{
	draw(ui, REDRAW_ALL);
}

/* Renews the mark on the submission we have open before it lapses. */
static void keep_presence(struct ui *ui, time_t now)
{
	if (ui->presence_id && now - ui->presence_at >= PRESENCE_RENEW) {
		presence_set(ui->st, ui->presence_id, now);
		ui->presence_at = now;
	}
}

/* When idle, at most about once a second: if another user committed, read
 * the pane again (the cursor stays on the same row) and redraw; ncurses sends
 * only the cells that changed. */
static int poll_others(struct ui *ui)
{
	time_t now = time(NULL);
	if (now == ui->polled_at)
		return REDRAW_NONE;
	ui->polled_at = now;
	int r = REDRAW_NONE;
	int v = store_data_version(ui->st);
	if (v != ui->data_version) {
		ui->data_version = v;
		if (!ui->pager)
			panes[ui->pane]->open(ui);
		r |= REDRAW_BODY;
	}
	if (now - ui->counted_at >= 10 || r) {
		int active = presence_active_others(ui->st, now);
		if (active != ui->active_others)
			r |= REDRAW_STATUS;
		ui->active_others = active;
		ui->counted_at = now;
	}
	keep_presence(ui, now);
	return r;
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

/* The window keys are read from: the body, or the screen itself while the
 * terminal is too small and there are no windows. */
static WINDOW *input_window(struct ui *ui)
{
	if (!too_small() && ui->body)
		return ui->body;
	keypad(stdscr, TRUE);
	return stdscr;
}

int ui_modal_key(struct ui *ui, wint_t *ch)
{
	for (;;) {
		if (ui_interrupted())
			return ERR;
		int r = input_key(input_window(ui), 1000, ch);
		if (r == ERR) {
			keep_presence(ui, time(NULL));
			continue;
		}
		if (r == KEY_CODE_YES && *ch == KEY_RESIZE) {
			ui_resize(ui);
			if (!too_small())
				return r;
		} else if (too_small()) {
			/* As the message says: q quits; other keys wait for room. */
			if (r == OK && *ch == L'q')
				quit_asked = true;
		} else {
			return r;
		}
	}
}

static void loop(struct ui *ui)
{
	int redraw = REDRAW_ALL;
	ui->data_version = store_data_version(ui->st);
	for (;;) {
		if (ui_interrupted())
			return;
		if (redraw)
			draw(ui, redraw);
		redraw = REDRAW_NONE;
		wint_t ch;
		int r = input_key(input_window(ui), 1000, &ch);
		if (r == ERR) {
			if (!too_small() && !ui_interrupted())
				redraw |= poll_others(ui);
			continue;
		}
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			layout(ui);
			clearok(curscr, TRUE);
			redraw = REDRAW_ALL;
			continue;
		}
		if (ui->message[0]) {
			ui->message[0] = '\0';
			redraw |= REDRAW_STATUS;
		}
		int h = handle_key(ui, ch, r == KEY_CODE_YES);
		if (h < 0)
			return;
		redraw |= h;
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

int tui_run(const struct app_options *o, struct settings *s, struct store *st)
{
	struct ui ui;
	memset(&ui, 0, sizeof ui);
	ui.opt = o;
	ui.s = s;
	ui.st = st;
	ui.cycle = &s->cycles[s->n_cycles - 1];
	ui.user = settings_user(s, o->user);
	char *demo = store_meta_get(st, "demo");
	ui.demo = demo != NULL;
	free(demo);
	input_catch_signals();
	start_curses(&ui);
	layout(&ui);
	ui_wait_install(&ui, true);
	for (int i = 0; i < N_PANES; i++)
		panes[i]->open(&ui);
	if (o->start_limit)
		inbox_goto(&ui, o->start_limit, 0);
	loop(&ui);
	ui_presence(&ui, 0);
	pager_close(&ui);
	for (int i = 0; i < N_PANES; i++)
		panes[i]->close(&ui);
	free_windows(&ui);
	endwin();
	ui_wait_install(&ui, false);
	return input_signal() ? 128 + input_signal() : 0;
}
