/* Inbox pane: the cycle's submissions, newest first. */
#include "ui.h"
#include "../core/submissions.h"
#include "../core/text.h"
#include "../core/util.h"
#include "../i18n.h"
#include <stdlib.h>

static struct {
	struct submission_row *rows;
	int n, n_new;
	struct list list;
} ib;

static void inbox_open(struct ui *ui)
{
	submission_rows_free(ib.rows, ib.n);
	if (submissions_list(ui->st, ui->cycle->id, &ib.rows, &ib.n) != 0)
		ui_message(ui, _("Could not read the inbox: %s"), store_errmsg(ui->st));
	ib.n_new = 0;
	for (int i = 0; i < ib.n; i++)
		ib.n_new += ib.rows[i].status == STATUS_NEW;
	ib.list.n = ib.n;
	list_clamp(&ib.list, ib.n);
}

static void inbox_close(struct ui *ui)
{
	(void)ui;
	submission_rows_free(ib.rows, ib.n);
	ib.rows = NULL;
	ib.n = 0;
}

enum { W_ID = 6, W_REGION = 16, W_DATE = 10, W_STATUS = 10, W_LATE = 4, W_WHO = 8 };

static int member_width(void)
{
	int w = COLS - 3 - (W_ID + 1) - (W_REGION + 1) - (W_DATE + 1) - (W_STATUS + 1) -
		(W_LATE + 1) - W_WHO - 1;
	return w < 8 ? 8 : w;
}

/* One letter per status, so the state reads without colour. */
static const char *status_flag(enum sub_status s)
{
	static const char *const flags[STATUS_COUNT] = {"N", "A", "F", "R"};
	return flags[s];
}

static void draw_header(WINDOW *w)
{
	int x = 2, mw = member_width();
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
	int x = 2, mw = member_width();
	attr_t a = sel ? A_REVERSE : A_NORMAL;
	mvwaddstr(w, y, 0, sel ? ">" : " ");
	draw_text(w, y, 1, 1, status_flag(r->status), r->status == STATUS_NEW ? A_BOLD : A_NORMAL);
	snprintf(buf, sizeof buf, "%lld", r->id);
	draw_text_right(w, y, x, W_ID, buf, a);
	x += W_ID + 1;
	draw_text(w, y, x, mw, r->member_name ? r->member_name : _("(unmatched)"), a);
	x += mw + 1;
	draw_text(w, y, x, W_REGION, r->region_name ? r->region_name : "-", A_NORMAL);
	x += W_REGION + 1;
	date_nb(r->received, buf);
	draw_text(w, y, x, W_DATE, buf, A_NORMAL);
	x += W_DATE + 1;
	draw_text(w, y, x, W_STATUS, status_label(r->status), A_NORMAL);
	x += W_STATUS + 1;
	draw_text(w, y, x, W_LATE, r->late ? _("LATE") : "", ui_attr(ui, COLOR_PAIR_LATE, A_BOLD));
	x += W_LATE + 1;
	draw_text(w, y, x, W_WHO, r->reviewer ? r->reviewer : "", A_NORMAL);
}

static int page_rows(WINDOW *w)
{
	return getmaxy(w) - 2;
}

static void inbox_draw(struct ui *ui, WINDOW *w)
{
	int page = page_rows(w);
	draw_header(w);
	list_clamp(&ib.list, page);
	for (int i = ib.list.top; i < ib.n && i - ib.list.top < page; i++) {
		int y = 1 + i - ib.list.top;
		draw_row(ui, w, y, &ib.rows[i], i == ib.list.cur);
		if (i == ib.list.cur)
			ui->cursor_y = y;
	}
	char *t = ib.n ? xasprintf(_("%d of %d  %d new  N new  A approved  F follow-up  R rejected"),
				   ib.list.cur + 1, ib.n, ib.n_new)
		       : xstrdup(_("No submissions in this cycle yet"));
	draw_text(w, getmaxy(w) - 1, 1, COLS - 2, t, A_DIM);
	free(t);
}

static int inbox_action(struct ui *ui, enum action a)
{
	return list_action(&ib.list, a, page_rows(ui->body)) ? REDRAW_BODY : REDRAW_NONE;
}

static const char *inbox_hint(void)
{
	return _("j/k move  PgDn/PgUp page  g/G first/last  1 timeline  3 answers  ? help");
}

const struct pane pane_inbox = {
	N_("Inbox"), KEYCTX_INBOX, inbox_open, inbox_draw, inbox_action, inbox_close, inbox_hint,
};
