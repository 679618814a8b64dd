/* The main loop: input with a timeout, resize, pane switching, requests
 * from one pane to show another. Handlers change state and say what needs
 * redrawing; only this loop draws, with one doupdate() per turn, so a cursor
 * move sends only the cells that changed. The panes come from the registry
 * (panes.c); nothing here knows one from another. */
#include "ui.h"
#include "panes.h"
#include "../core/presence.h"
#include "../core/util.h"
#include "../i18n.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
	case ACT_PANE_TIMELINE: return ui_switch_pane(ui, PANE_TIMELINE);
	case ACT_PANE_INBOX: return ui_switch_pane(ui, PANE_INBOX);
	case ACT_PANE_ANSWERS: return ui_switch_pane(ui, PANE_ANSWERS);
	case ACT_PANE_NEXT: return ui_switch_pane(ui, (ui->pane + 1) % PANE_COUNT);
	case ACT_PANE_PREV: return ui_switch_pane(ui, (ui->pane + PANE_COUNT - 1) % PANE_COUNT);
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
	const struct pane *p = ui->panes[ui->pane];
	void *state = ui->state[ui->pane];
	enum keyctx ctx = ui->pager ? KEYCTX_LIST : p->context ? p->context(state) : p->ctx;
	ui->key = ch;
	enum action a = keymap_lookup(ctx, ch, is_key);
	if (a == ACT_NONE) {
		ui_message(ui, "%s", _("That key does nothing here; press ? for help"));
		return REDRAW_STATUS;
	}
	if (ui_too_small())
		return a == ACT_QUIT ? -1 : REDRAW_NONE;
	int r = ui->pager ? pager_action(ui, a) : p->action(ui, state, a);
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
			ui->panes[ui->pane]->open(ui, ui->state[ui->pane]);
		r |= REDRAW_BODY;
	}
	if (now - ui->counted_at >= 10 || r) {
		int active = presence_active_others(ui->st, now);
		if (active != ui->active_others)
			r |= REDRAW_STATUS;
		ui->active_others = active;
		ui->counted_at = now;
	}
	ui_keep_presence(ui, now);
	return r;
}

/* Follows what a key asked for: another pane, limited and on a row. */
static int follow_request(struct ui *ui)
{
	struct ui_request r = ui->request;
	if (!r.pending)
		return REDRAW_NONE;
	memset(&ui->request, 0, sizeof ui->request);
	ui_switch_pane(ui, r.to);
	const struct pane *p = ui->panes[r.to];
	if (p->request)
		p->request(ui, ui->state[r.to], &r);
	free(r.limit);
	return REDRAW_ALL;
}

static void loop(struct ui *ui)
{
	int redraw = REDRAW_ALL;
	ui->data_version = store_data_version(ui->st);
	for (;;) {
		if (ui_interrupted())
			return;
		if (redraw)
			ui_draw(ui, redraw);
		redraw = REDRAW_NONE;
		wint_t ch;
		int r = input_key(ui_input_window(ui), 1000, &ch);
		if (r == ERR) {
			if (!ui_too_small() && !ui_interrupted())
				redraw |= poll_others(ui);
			continue;
		}
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			ui_layout(ui);
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
		redraw |= h | follow_request(ui);
	}
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
	ui.panes = ui_panes;
	for (int i = 0; i < PANE_COUNT; i++) {
		ui.state[i] = xcalloc(1, ui_panes[i]->state_size);
		if (ui_panes[i]->init)
			ui_panes[i]->init(ui.state[i]);
	}
	input_catch_signals();
	start_curses(&ui);
	ui_layout(&ui);
	ui_wait_install(&ui, true);
	for (int i = 0; i < PANE_COUNT; i++)
		ui_panes[i]->open(&ui, ui.state[i]);
	if (o->start_limit) {
		ui_request(&ui, PANE_INBOX, o->start_limit, 0);
		follow_request(&ui);
	}
	loop(&ui);
	ui_presence(&ui, 0);
	pager_close(&ui);
	for (int i = 0; i < PANE_COUNT; i++) {
		ui_panes[i]->close(&ui, ui.state[i]);
		free(ui.state[i]);
	}
	free(ui.request.limit);
	ui_free_windows(&ui);
	endwin();
	ui_wait_install(&ui, false);
	return input_signal() ? 128 + input_signal() : 0;
}
