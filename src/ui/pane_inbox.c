/* Inbox pane: the list of submissions above, the selected one below when it
 * is open (as mutt's index and pager). Every review key works in both. */
#include "ui.h"
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

struct inbox ib;

/* ---- the rows ---- */

static int find_row(long long id)
{
	for (int i = 0; id && i < ib.n; i++)
		if (ib.rows[i].id == id)
			return i;
	return -1;
}

long long inbox_current_id(void)
{
	return ib.n > 0 ? ib.rows[ib.list.cur].id : 0;
}

/* Reads the rows again, keeping the cursor on the same submission. */
int inbox_reload(struct ui *ui)
{
	long long keep = inbox_current_id();
	submission_rows_free(ib.rows, ib.n);
	free(ib.error);
	ib.error = NULL;
	if (submissions_query(ui->st, ui->cycle->id, &ib.limit, ib.sort, &ib.rows, &ib.n) != 0) {
		ib.error = xstrdup(store_errmsg(ui->st));
		ui_message(ui, _("Could not read the inbox: %s"), ib.error);
	}
	ib.n_new = 0;
	for (int i = 0; i < ib.n; i++)
		ib.n_new += ib.rows[i].id && ib.rows[i].status == STATUS_NEW;
	ib.list.n = ib.n;
	presence_free(ib.marks, ib.n_marks);
	presence_others(ui->st, time(NULL), &ib.marks, &ib.n_marks);
	int at = find_row(keep);
	if (at >= 0)
		ib.list.cur = at;
	list_clamp(&ib.list, ib.n);
	inbox_detail_invalidate();
	return ib.error ? -1 : 0;
}

int inbox_set_limit(struct ui *ui, struct limit *l)
{
	struct limit before = ib.limit;
	long long at = inbox_current_id();
	ib.limit = *l;
	ib.list.cur = ib.list.top = 0;
	if (inbox_reload(ui) == 0) {
		limit_free(&before);
		return 0;
	}
	/* Not "nothing matches": the query failed. The list stays as it was
	 * and the status line says why. */
	char *why = ib.error;
	ib.error = NULL;
	limit_free(&ib.limit);
	ib.limit = before;
	inbox_reload(ui);
	if (find_row(at) >= 0)
		ib.list.cur = find_row(at);
	ui_message(ui, _("This limit could not be used: %s"), why);
	free(why);
	return -1;
}

static void inbox_open(struct ui *ui)
{
	if (!ib.limit.where) {
		struct diags errs = {0};
		limit_parse("", ui->s, &ib.limit, &errs);
		diags_free(&errs);
	}
	inbox_reload(ui);
}

void inbox_goto(struct ui *ui, const char *expr, long long id)
{
	struct limit l;
	struct diags errs = {0};
	ui_switch_pane(ui, 1);
	if (limit_parse_for(expr, ui->s, ui->opt->user, &l, &errs) != 0) {
		ui_message(ui, "%s", errs.v[0].msg);
	} else if (inbox_set_limit(ui, &l) == 0) {
		int at = find_row(id);
		if (at >= 0) {
			ib.list.cur = at;
			ib.detail_open = true;
			inbox_detail_invalidate();
		}
		ui_message(ui, _("Limit: %s (%d shown)"), expr, ib.n);
	}
	diags_free(&errs);
}

static void inbox_close(struct ui *ui)
{
	(void)ui;
	submission_rows_free(ib.rows, ib.n);
	ib.rows = NULL;
	ib.n = 0;
	limit_free(&ib.limit);
	presence_free(ib.marks, ib.n_marks);
	free(ib.error);
	free(ib.tags);
	free(ib.hits);
	free(ib.undo);
	inbox_detail_invalidate();
	memset(&ib, 0, sizeof ib);
}

const char *inbox_reader_of(long long id)
{
	for (int i = 0; id && i < ib.n_marks; i++)
		if (ib.marks[i].submission == id)
			return ib.marks[i].user;
	return NULL;
}

/* ---- tags and search hits: sorted arrays of ids ---- */

static int cmp_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

bool ids_has(const long long *ids, int n, long long id)
{
	return ids && bsearch(&id, ids, (size_t)n, sizeof id, cmp_id) != NULL;
}

void ids_sort(long long *ids, int n)
{
	if (n > 1)
		qsort(ids, (size_t)n, sizeof *ids, cmp_id);
}

/* ---- drawing ---- */

enum { W_ID = 6, W_REGION = 16, W_DATE = 10, W_STATUS = 10, W_LATE = 4, W_WHO = 8 };

static int member_width(void)
{
	int w = COLS - 4 - (W_ID + 1) - (W_REGION + 1) - (W_DATE + 1) - (W_STATUS + 1) -
		(W_LATE + 1) - W_WHO - 1;
	return w < 8 ? 8 : w;
}

/* One letter per status, so the state reads without colour. */
static const char *status_flag(const struct submission_row *r)
{
	static const char *const flags[STATUS_COUNT] = {"N", "A", "F", "R"};
	return r->id ? flags[r->status] : "-";
}

static void draw_header(WINDOW *w)
{
	int x = 3, mw = member_width();
	draw_text_right(w, 0, x, W_ID, _("No."), A_BOLD);
	x += W_ID + 1;
	draw_text(w, 0, x, mw, _("Member"), A_BOLD);
	x += mw + 1;
	draw_text(w, 0, x, W_REGION, _("Region"), A_BOLD);
	x += W_REGION + 1;
	draw_text(w, 0, x, W_DATE, _("Received"), A_BOLD);
	x += W_DATE + 1;
	draw_text(w, 0, x, W_STATUS, _("Status"), A_BOLD);
	x += W_STATUS + 1 + W_LATE + 1;
	draw_text(w, 0, x, W_WHO, _("Reviewer"), A_BOLD);
}

static void draw_row(struct ui *ui, WINDOW *w, int y, const struct submission_row *r, bool sel)
{
	char buf[32];
	int x = 3, mw = member_width();
	attr_t a = sel ? A_REVERSE : A_NORMAL;
	mvwaddstr(w, y, 0, sel ? ">" : " ");
	draw_text(w, y, 1, 1, ids_has(ib.tags, ib.n_tags, r->id) ? "*" : " ", A_BOLD);
	draw_text(w, y, 2, 1, status_flag(r), r->status == STATUS_NEW ? A_BOLD : A_NORMAL);
	snprintf(buf, sizeof buf, "%lld", r->id);
	draw_text_right(w, y, x, W_ID, r->id ? buf : r->member, a);
	x += W_ID + 1;
	draw_text(w, y, x, mw, r->member_name ? r->member_name : _("(unmatched)"), a);
	x += mw + 1;
	draw_text(w, y, x, W_REGION, r->region_name ? r->region_name : "-", A_NORMAL);
	x += W_REGION + 1;
	date_nb(r->received, buf);
	draw_text(w, y, x, W_DATE, r->id ? buf : "", A_NORMAL);
	x += W_DATE + 1;
	draw_text(w, y, x, W_STATUS, r->id ? status_label(r->status) : _("missing"), A_NORMAL);
	x += W_STATUS + 1;
	draw_text(w, y, x, W_LATE, r->late ? _("LATE") : "", ui_attr(ui, COLOR_PAIR_LATE, A_BOLD));
	x += W_LATE + 1;
	/* Someone reading it now matters most, then who it is given to. */
	const char *reader = inbox_reader_of(r->id);
	char *who = reader ? xasprintf("(%s)", reader)
		  : r->assignee && r->status == STATUS_NEW ? xasprintf("@%s", r->assignee)
		  : xstrdup(r->reviewer ? r->reviewer : "");
	draw_text(w, y, x, W_WHO, who, reader ? A_BOLD : A_NORMAL);
	free(who);
}

/* How many list rows show: all but the header and the counter line, or a
 * third of the body when a submission is open below. */
int inbox_page(WINDOW *w)
{
	int h = getmaxy(w);
	if (!ib.detail_open)
		return h - 2;
	int idx = h / 3 - 1;
	return idx < 3 ? 3 : idx;
}

static void draw_counter(WINDOW *w, int y)
{
	char *t;
	if (ib.error)
		t = xasprintf(_("Could not read the inbox: %s"), ib.error);
	else if (ib.n == 0)
		t = xstrdup(ib.limit.text[0] ? _("Nothing matches the limit; l changes it")
					     : _("No submissions in this cycle yet"));
	else
		t = xasprintf(_("%d of %d  %d new  %d tagged  sorted by %s%s%s"), ib.list.cur + 1, ib.n,
			      ib.n_new, ib.n_tags, sort_label(ib.sort),
			      ib.limit.text[0] ? _("  limit: ") : "", ib.limit.text);
	draw_text(w, y, 1, COLS - 2, t, A_DIM);
	free(t);
}

static void inbox_draw(struct ui *ui, WINDOW *w)
{
	int page = inbox_page(w);
	draw_header(w);
	list_clamp(&ib.list, page);
	for (int i = ib.list.top; i < ib.n && i - ib.list.top < page; i++) {
		int y = 1 + i - ib.list.top;
		draw_row(ui, w, y, &ib.rows[i], i == ib.list.cur);
		if (i == ib.list.cur)
			ui->cursor_y = y;
	}
	if (ib.detail_open) {
		mvwhline(w, page + 1, 0, text_ascii() ? '-' : ACS_HLINE, COLS);
		inbox_detail_draw(ui, w, page + 2);
	} else {
		draw_counter(w, getmaxy(w) - 1);
	}
}

/* ---- moving ---- */

/* The next row after (dir 1) or before (dir -1) the cursor that is new, or
 * a search hit while a search is on. */
static int jump(struct ui *ui, int dir)
{
	for (int i = ib.list.cur + dir; i >= 0 && i < ib.n; i += dir) {
		const struct submission_row *r = &ib.rows[i];
		bool hit = ib.searching ? ids_has(ib.hits, ib.n_hits, r->id)
					: r->id && r->status == STATUS_NEW;
		if (hit) {
			ib.list.cur = i;
			inbox_detail_invalidate();
			return REDRAW_BODY;
		}
	}
	ui_message(ui, "%s", ib.searching ? _("No more hits") : _("No more new submissions"));
	return REDRAW_STATUS;
}

static int move_cursor(struct ui *ui, enum action a)
{
	long long before = inbox_current_id();
	if (!list_action(&ib.list, a, inbox_page(ui->body)))
		return REDRAW_NONE;
	if (inbox_current_id() != before)
		inbox_detail_invalidate();
	return REDRAW_BODY;
}

static int inbox_action(struct ui *ui, enum action a)
{
	bool prefix = ib.prefix;
	ib.prefix = false;
	switch (a) {
	case ACT_OPEN:
		ib.detail_open = !ib.detail_open;
		ib.detail_top = 0;
		return REDRAW_BODY;
	case ACT_CANCEL:
		if (!ib.searching && !prefix)
			return REDRAW_NONE;
		ib.searching = false;
		ui_message(ui, "%s", _("Cancelled"));
		return REDRAW_ALL;
	case ACT_NEXT_NEW: return jump(ui, 1);
	case ACT_PREV_NEW: return jump(ui, -1);
	case ACT_SCROLL_DOWN: case ACT_SCROLL_UP:
		return inbox_detail_scroll(ui, a == ACT_SCROLL_DOWN ? 1 : -1);
	case ACT_PAGE_DOWN: case ACT_PAGE_UP:
		if (ib.detail_open)
			return inbox_detail_scroll(ui, a == ACT_PAGE_DOWN ? 10 : -10);
		return move_cursor(ui, a);
	default:
		break;
	}
	int r = inbox_review_action(ui, a, prefix);
	return r != REDRAW_NONE ? r : move_cursor(ui, a);
}

/* After every key: tell others which submission we have open. */
static int inbox_action_marked(struct ui *ui, enum action a)
{
	int r = inbox_action(ui, a);
	ui_presence(ui, ib.detail_open ? inbox_current_id() : 0);
	return r;
}

static const char *inbox_hint(void)
{
	if (ib.prefix)
		return _("Tagged rows: a approve  f follow-up  r reject  o new  N note  Esc cancel");
	if (ib.detail_open)
		return _("a approve  f follow-up  r reject  N note  S split  J/K scroll  Enter close");
	return _("Enter open  a approve  f follow-up  r reject  / search  l limit  t tag  ? help");
}

const struct pane pane_inbox = {
	N_("Inbox"), KEYCTX_INBOX, inbox_open, inbox_draw, inbox_action_marked, inbox_close,
	inbox_hint, NULL,
};
