/* Inbox pane: the list of submissions above, the selected one below when it
 * is open (as mutt's index and pager). Every review key works in both. */
#include "inbox.h"
#include "../core/detail.h"
#include "../core/limit.h"
#include "../core/submissions.h"
#include "../core/text.h"
#include "../core/util.h"
#include "../i18n.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void inbox_open(struct ui *ui, void *state)
{
	struct inbox *ib = state;
	if (!ib->limit.where) {
		struct diags errs = {0};
		limit_parse("", ui->s, &ib->limit, &errs);
		diags_free(&errs);
	}
	inbox_reload(ui, ib);
}

/* Another pane asks for the inbox limited by r->limit, on submission r->id
 * when it is shown. */
static void inbox_request(struct ui *ui, void *state, const struct ui_request *r)
{
	struct inbox *ib = state;
	struct limit l;
	struct diags errs = {0};
	if (!r->limit)
		return;
	if (limit_parse_for(r->limit, ui->s, ui->opt->user, &l, &errs) != 0) {
		ui_message(ui, "%s", errs.v[0].msg);
	} else if (inbox_set_limit(ui, ib, &l) == 0) {
		int at = inbox_find_row(ib, r->id);
		if (at >= 0) {
			ib->list.cur = at;
			ib->detail_open = true;
			inbox_detail_invalidate(ib);
		}
		ui_message(ui, _("Limit: %s (%d shown)"), r->limit, ib->n);
	}
	diags_free(&errs);
}

static void inbox_close(struct ui *ui, void *state)
{
	(void)ui;
	inbox_free(state);
}

/* ---- drawing ---- */

enum { C_ID, C_MEMBER, C_REGION, C_DATE, C_STATUS, C_LATE, C_WHO, N_COLS };

/* After the cursor, tag and status marks; the member's name takes the room. */
static void columns(struct column *c)
{
	const struct column cols[N_COLS] = {
		[C_ID] = {_("No."), 6, .right = true},
		[C_MEMBER] = {_("Member"), 8, .flex = true},
		[C_REGION] = {_("Region"), 16},
		[C_DATE] = {_("Received"), 10},
		[C_STATUS] = {_("Status"), 10},
		[C_LATE] = {NULL, 4},
		[C_WHO] = {_("Reviewer"), 8},
	};
	memcpy(c, cols, sizeof cols);
	table_layout(c, N_COLS, 3, COLS - 1, 1);
}

/* One letter per status, so the state reads without colour. */
static const char *status_flag(const struct submission_row *r)
{
	static const char *const flags[STATUS_COUNT] = {"N", "A", "F", "R"};
	return r->id ? flags[r->status] : "-";
}

static void draw_row(struct ui *ui, const struct inbox *ib, WINDOW *w, int y,
		     const struct column *c, const struct submission_row *r, bool sel)
{
	char buf[32];
	attr_t a = sel ? A_REVERSE : A_NORMAL;
	mvwaddstr(w, y, 0, sel ? ">" : " ");
	draw_text(w, y, 1, 1, ids_has(ib->tags, ib->n_tags, r->id) ? "*" : " ", A_BOLD);
	draw_text(w, y, 2, 1, status_flag(r), r->status == STATUS_NEW ? A_BOLD : A_NORMAL);
	snprintf(buf, sizeof buf, "%lld", r->id);
	table_cell(w, y, &c[C_ID], r->id ? buf : r->member, a);
	table_cell(w, y, &c[C_MEMBER], r->member_name ? r->member_name : _("(unmatched)"), a);
	table_cell(w, y, &c[C_REGION], r->region_name ? r->region_name : "-", A_NORMAL);
	date_nb(r->received, buf);
	table_cell(w, y, &c[C_DATE], r->id ? buf : "", A_NORMAL);
	table_cell(w, y, &c[C_STATUS], r->id ? status_label(r->status) : _("missing"), A_NORMAL);
	table_cell(w, y, &c[C_LATE], r->late ? _("LATE") : "", ui_attr(ui, COLOR_PAIR_LATE, A_BOLD));
	/* Someone reading it now matters most, then who it is given to. */
	const char *reader = inbox_reader_of(ib, r->id);
	char *who = reader ? xasprintf("(%s)", reader)
		  : r->assignee && r->status == STATUS_NEW ? xasprintf("@%s", r->assignee)
		  : xstrdup(r->reviewer ? r->reviewer : "");
	table_cell(w, y, &c[C_WHO], who, reader ? A_BOLD : A_NORMAL);
	free(who);
}

static void draw_counter(const struct inbox *ib, WINDOW *w, int y)
{
	char *t;
	if (ib->error)
		t = xasprintf(_("Could not read the inbox: %s"), ib->error);
	else if (ib->n == 0)
		t = xstrdup(ib->limit.text[0] ? _("Nothing matches the limit; l changes it")
					     : _("No submissions in this cycle yet"));
	else
		t = xasprintf(_("%d of %d  %d new  %d tagged  sorted by %s%s%s"), ib->list.cur + 1, ib->n,
			      ib->n_new, ib->n_tags, sort_label(ib->sort),
			      ib->limit.text[0] ? _("  limit: ") : "", ib->limit.text);
	draw_text(w, y, 1, COLS - 2, t, A_DIM);
	free(t);
}

static void inbox_draw(struct ui *ui, void *state, WINDOW *w)
{
	struct inbox *ib = state;
	int page = inbox_page(ib, w);
	struct column c[N_COLS];
	columns(c);
	table_header(w, 0, c, N_COLS, A_BOLD);
	list_clamp(&ib->list, page);
	for (int i = ib->list.top; i < ib->n && i - ib->list.top < page; i++) {
		int y = 1 + i - ib->list.top;
		draw_row(ui, ib, w, y, c, &ib->rows[i], i == ib->list.cur);
		if (i == ib->list.cur)
			ui->cursor_y = y;
	}
	if (ib->detail_open) {
		mvwhline(w, page + 1, 0, text_ascii() ? '-' : ACS_HLINE, COLS);
		inbox_detail_draw(ui, ib, w, page + 2);
	} else {
		draw_counter(ib, w, getmaxy(w) - 1);
	}
}

/* ---- moving ---- */

/* To the next new row, or the next search hit while a search is on. */
static int jump(struct ui *ui, struct inbox *ib, int dir)
{
	int i = inbox_next(ib, dir);
	if (i >= 0) {
		ib->list.cur = i;
		return REDRAW_BODY;
	}
	ui_message(ui, "%s", ib->searching ? _("No more hits") : _("No more new submissions"));
	return REDRAW_STATUS;
}

static int move_cursor(struct ui *ui, struct inbox *ib, enum action a)
{
	return list_action(&ib->list, a, inbox_page(ib, ui->body)) ? REDRAW_BODY : REDRAW_NONE;
}

static int inbox_action(struct ui *ui, struct inbox *ib, enum action a)
{
	bool prefix = ib->prefix;
	ib->prefix = false;
	switch (a) {
	case ACT_OPEN:
		ib->detail_open = !ib->detail_open;
		ib->detail_top = 0;
		return REDRAW_BODY;
	case ACT_CANCEL:
		if (!ib->searching && !prefix)
			return REDRAW_NONE;
		ib->searching = false;
		ui_message(ui, "%s", _("Cancelled"));
		return REDRAW_ALL;
	case ACT_NEXT_NEW: return jump(ui, ib, 1);
	case ACT_PREV_NEW: return jump(ui, ib, -1);
	case ACT_SCROLL_DOWN: case ACT_SCROLL_UP:
		return inbox_detail_scroll(ui, ib, a == ACT_SCROLL_DOWN ? 1 : -1);
	case ACT_PAGE_DOWN: case ACT_PAGE_UP:
		if (ib->detail_open)
			return inbox_detail_scroll(ui, ib, a == ACT_PAGE_DOWN ? 10 : -10);
		return move_cursor(ui, ib, a);
	default:
		break;
	}
	int r = inbox_review_action(ui, ib, a, prefix);
	return r != REDRAW_NONE ? r : move_cursor(ui, ib, a);
}

/* After every key: the open submission follows the cursor, and others are
 * told which one we have open. */
static int inbox_action_marked(struct ui *ui, void *state, enum action a)
{
	struct inbox *ib = state;
	long long before = inbox_current_id(ib);
	int r = inbox_action(ui, ib, a);
	if (inbox_current_id(ib) != before)
		inbox_detail_invalidate(ib);
	ui_presence(ui, ib->detail_open ? inbox_current_id(ib) : 0);
	return r;
}

static const char *inbox_hint(const void *state)
{
	const struct inbox *ib = state;
	if (ib->prefix)
		return _("Tagged rows: a approve  f follow-up  r reject  o new  N note  Esc cancel");
	if (ib->detail_open)
		return _("a approve  f follow-up  r reject  N note  S split  J/K scroll  Enter close");
	return _("Enter open  a approve  f follow-up  r reject  / search  l limit  t tag  ? help");
}

const struct pane pane_inbox = {
	.title = N_("Inbox"),
	.ctx = KEYCTX_INBOX,
	.state_size = sizeof(struct inbox),
	.open = inbox_open,
	.draw = inbox_draw,
	.action = inbox_action_marked,
	.close = inbox_close,
	.hint = inbox_hint,
	.request = inbox_request,
};
