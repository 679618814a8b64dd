/* Timeline pane: one row per region with its milestone dates and how many of
 * its members have answered. */
#include "ui.h"
#include "../core/text.h"
#include "../core/timeline.h"
#include "../core/util.h"
#include "../i18n.h"
#include <stdlib.h>

static struct {
	struct timeline_row *rows;
	int n;
	struct list list;
} tl;

static void timeline_open(struct ui *ui)
{
	free(tl.rows);
	tl.rows = NULL;
	tl.n = 0;
	if (timeline_rows(ui->st, ui->s, ui->cycle, ui->opt->today, &tl.rows, &tl.n) != 0)
		ui_message(ui, _("Could not read the timeline: %s"), store_errmsg(ui->st));
	tl.list.n = tl.n;
	list_clamp(&tl.list, tl.n);
}

static void timeline_close(struct ui *ui)
{
	(void)ui;
	free(tl.rows);
	tl.rows = NULL;
}

static void span_of(const struct timeline_row *r, enum milestone_kind k, char *buf, size_t n)
{
	const struct milestone *m = timeline_milestone(r->timeline, k);
	if (m)
		draw_span(buf, n, m->from, m->to);
	else
		snprintf(buf, n, "-");
}

/* Column layout: the name takes what the fixed columns leave. */
enum { W_DATE = 6, W_SPAN = 12, W_COUNT = 8, W_NUM = 7 };

static int name_width(int cols)
{
	int w = cols - 2 - (W_DATE + 1) * 2 - (W_SPAN + 1) - (W_COUNT + 1) - (W_NUM + 1) * 2 - 2;
	return w < 8 ? 8 : w;
}

static void draw_header(WINDOW *w, int nw)
{
	int x = 1;
	draw_text(w, 0, x, nw, _("Region"), A_BOLD);
	x += nw + 1;
	draw_text(w, 0, x, W_DATE, _("Due"), A_BOLD);
	x += W_DATE + 1;
	draw_text(w, 0, x, W_SPAN, _("Conference"), A_BOLD);
	x += W_SPAN + 1;
	draw_text(w, 0, x, W_DATE, _("Board"), A_BOLD);
	x += W_DATE + 1;
	draw_text_right(w, 0, x, W_COUNT, _("Received"), A_BOLD);
	x += W_COUNT + 1;
	draw_text_right(w, 0, x, W_NUM, _("Late"), A_BOLD);
	x += W_NUM + 1;
	draw_text_right(w, 0, x, W_NUM, _("Missing"), A_BOLD);
}

/* Members still missing after the member deadline: the row needs attention. */
static bool overdue(const struct ui *ui, const struct timeline_row *r)
{
	const struct milestone *d = timeline_milestone(r->timeline, MILESTONE_MEMBER_DEADLINE);
	return d && d->to < ui->opt->today && r->missing > 0;
}

static void draw_row(struct ui *ui, WINDOW *w, int y, const struct timeline_row *r, bool sel)
{
	int nw = name_width(COLS);
	char buf[64];
	attr_t a = sel ? A_REVERSE : A_NORMAL;
	int x = 1;
	mvwaddstr(w, y, 0, sel ? ">" : " ");
	draw_text(w, y, x, nw, r->region->name, a);
	x += nw + 1;
	span_of(r, MILESTONE_MEMBER_DEADLINE, buf, sizeof buf);
	draw_text(w, y, x, W_DATE, buf, A_NORMAL);
	x += W_DATE + 1;
	span_of(r, MILESTONE_STRATEGY_CONFERENCE, buf, sizeof buf);
	draw_text(w, y, x, W_SPAN, buf, A_NORMAL);
	x += W_SPAN + 1;
	span_of(r, MILESTONE_COUNTY_BOARD, buf, sizeof buf);
	draw_text(w, y, x, W_DATE, buf, A_NORMAL);
	x += W_DATE + 1;
	snprintf(buf, sizeof buf, "%d/%d", r->received, r->expected);
	draw_text_right(w, y, x, W_COUNT, buf, A_NORMAL);
	x += W_COUNT + 1;
	snprintf(buf, sizeof buf, "%d", r->late);
	draw_text_right(w, y, x, W_NUM, buf, r->late ? ui_attr(ui, COLOR_PAIR_WARN, A_NORMAL) : A_NORMAL);
	x += W_NUM + 1;
	snprintf(buf, sizeof buf, "%d", r->missing);
	draw_text_right(w, y, x, W_NUM, buf, A_NORMAL);
	x += W_NUM + 1;
	if (overdue(ui, r))
		draw_text(w, y, x, 1, "!", ui_attr(ui, COLOR_PAIR_LATE, A_BOLD));
}

/* "in 3 days", "today", "5 days ago" */
static void days_text(date_t from, date_t to, date_t today, char *buf, size_t n)
{
	int d = from - today;
	if (today >= from && today <= to)
		snprintf(buf, n, "%s", _("now"));
	else if (d > 0)
		snprintf(buf, n, ngettext("in %d day", "in %d days", (unsigned long)d), d);
	else
		snprintf(buf, n, ngettext("%d day ago", "%d days ago", (unsigned long)-d), -d);
}

static void draw_selected(struct ui *ui, WINDOW *w, int y, const struct timeline_row *r)
{
	char when[160], span[64], days[64];
	if (!r->next) {
		char *t = xasprintf(_("%s: no milestones left in this cycle"), r->region->name);
		draw_text(w, y, 1, COLS - 2, t, A_NORMAL);
		free(t);
		return;
	}
	draw_span(span, sizeof span, r->next->from, r->next->to);
	days_text(r->next->from, r->next->to, ui->opt->today, days, sizeof days);
	snprintf(when, sizeof when, "%s (%s)", span, days);
	const char *what = r->next->kind == MILESTONE_EXTRA ? r->next->name
							    : milestone_kind_label(r->next->kind);
	char *t = xasprintf(_("%s: next is %s, %s"), r->region->name, what, when);
	draw_text(w, y, 1, COLS - 2, t, A_NORMAL);
	free(t);
}

static void draw_legend(WINDOW *w, int y)
{
	draw_text(w, y, 1, COLS - 2,
		  _("Due = member deadline  Board = county board  ! = past due, members missing"),
		  A_DIM);
}

static void timeline_draw(struct ui *ui, WINDOW *w)
{
	int h = getmaxy(w);
	int page = h - 4;
	draw_header(w, name_width(COLS));
	list_clamp(&tl.list, page);
	for (int i = tl.list.top; i < tl.n && i - tl.list.top < page; i++) {
		int y = 1 + i - tl.list.top;
		draw_row(ui, w, y, &tl.rows[i], i == tl.list.cur);
		if (i == tl.list.cur)
			ui->cursor_y = y;
	}
	if (tl.n > 0)
		draw_selected(ui, w, h - 2, &tl.rows[tl.list.cur]);
	draw_legend(w, h - 1);
}

static int timeline_action(struct ui *ui, enum action a)
{
	return list_action(&tl.list, a, getmaxy(ui->body) - 4) ? REDRAW_BODY : REDRAW_NONE;
}

static const char *timeline_hint(void)
{
	return _("j/k move  2 inbox  3 answers  ? help  q quit");
}

const struct pane pane_timeline = {
	N_("Timeline"), KEYCTX_TIMELINE, timeline_open, timeline_draw, timeline_action,
	timeline_close, timeline_hint,
};
