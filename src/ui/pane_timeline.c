/* Timeline pane: one row per region with its strip of milestones, today,
 * and who has answered; Enter opens a region (its milestones and members),
 * u shows what is coming up in every region. */
#include "ui.h"
#include "strip.h"
#include "../core/text.h"
#include "../core/timeline.h"
#include "../core/util.h"
#include "../i18n.h"
#include <stdlib.h>
#include <string.h>

enum tl_mode { TL_REGIONS, TL_REGION, TL_UPCOMING };
enum member_sort { MSORT_NUMBER, MSORT_NAME, MSORT_STATE, MSORT_RECEIVED, MSORT_COUNT };

struct timeline {
	enum tl_mode mode;
	struct timeline_row *rows;
	int n;
	struct list list;     /* regions */
	struct member_status *members;
	int n_members;
	struct list mlist;    /* members of the open region */
	enum member_sort msort;
	struct upcoming *up;
	int n_up;
	struct list ulist;
	int up_days;
};

static void load_members(struct ui *ui, struct timeline *tl)
{
	free(tl->members);
	tl->members = NULL;
	tl->n_members = 0;
	if (tl->n && timeline_members(ui->st, ui->s, ui->cycle, tl->rows[tl->list.cur].region,
				     &tl->members, &tl->n_members) != 0)
		ui_message(ui, _("Could not read the members: %s"), store_errmsg(ui->st));
	tl->mlist.n = tl->n_members;
}

static void timeline_open(struct ui *ui, void *state)
{
	struct timeline *tl = state;
	free(tl->rows);
	tl->rows = NULL;
	tl->n = 0;
	if (timeline_rows(ui->st, ui->s, ui->cycle, ui->opt->today, &tl->rows, &tl->n) != 0)
		ui_message(ui, _("Could not read the timeline: %s"), store_errmsg(ui->st));
	list_set_count(&tl->list, tl->n);
	if (!tl->up_days)
		tl->up_days = 14;
	free(tl->up);
	timeline_upcoming(ui->s, ui->cycle, ui->opt->today, tl->up_days, &tl->up, &tl->n_up);
	tl->ulist.n = tl->n_up;
	if (tl->mode == TL_REGION)
		load_members(ui, tl);
}

static void timeline_close(struct ui *ui, void *state)
{
	struct timeline *tl = state;
	(void)ui;
	free(tl->rows);
	free(tl->members);
	free(tl->up);
	memset(tl, 0, sizeof *tl);
}

/* ---- the regions with their strips ---- */

enum { C_NAME, C_STRIP, C_RECEIVED, C_LATE, C_MISSING, C_FLAG, N_COLS };

/* The region's name, its strip (the room left), the counts and a flag. */
static void region_columns(struct column *c)
{
	const struct column cols[N_COLS] = {
		[C_NAME] = {_("Region"), COLS >= 100 ? 22 : 18},
		[C_STRIP] = {.width = 10, .flex = true},
		[C_RECEIVED] = {_("Recd."), 7, .right = true},
		[C_LATE] = {_("Late"), 4, .right = true},
		[C_MISSING] = {_("Miss"), 4, .right = true},
		[C_FLAG] = {.width = 2},
	};
	memcpy(c, cols, sizeof cols);
	table_layout(c, N_COLS, 1, COLS - 1, 1);
}

static struct strip make_strip(struct ui *ui, const struct column *c)
{
	struct strip s;
	timeline_span(ui->s, ui->cycle, &s.from, &s.to);
	s.width = c[C_STRIP].w;
	return s;
}

/* Overdue: the member deadline has passed and members are still missing. */
static bool overdue(const struct ui *ui, const struct timeline_row *r)
{
	const struct milestone *d = timeline_milestone(r->timeline, MILESTONE_MEMBER_DEADLINE);
	return d && d->to < ui->opt->today && r->missing > 0;
}

/* Due soon: a milestone of the region starts within 7 days. */
static bool due_soon(const struct ui *ui, const struct timeline_row *r)
{
	return r->has_next && r->next.from >= ui->opt->today && r->next.from - ui->opt->today <= 7;
}

static void draw_region_header(struct ui *ui, WINDOW *w, const struct column *c,
			       const struct strip *s)
{
	table_header(w, 0, c, N_COLS, A_BOLD);
	strip_draw_months(w, 0, c[C_STRIP].x, s, ui->opt->today);
}

static void draw_region_row(struct ui *ui, WINDOW *w, int y, const struct column *c,
			    const struct timeline_row *r, const struct strip *s, bool sel)
{
	char buf[32];
	mvwaddstr(w, y, 0, sel ? ">" : " ");
	table_cell(w, y, &c[C_NAME], r->region->name, sel ? A_REVERSE : A_NORMAL);
	struct milestone *ms;
	int n = timeline_all(ui->cycle, r->timeline, &ms);
	strip_draw(w, y, c[C_STRIP].x, s, ms, n, ui->opt->today);
	free(ms);
	snprintf(buf, sizeof buf, "%d/%d", r->received, r->expected);
	table_cell(w, y, &c[C_RECEIVED], buf, A_NORMAL);
	snprintf(buf, sizeof buf, "%d", r->late);
	table_cell(w, y, &c[C_LATE], buf, r->late ? ui_attr(ui, COLOR_PAIR_WARN, A_NORMAL) : 0);
	snprintf(buf, sizeof buf, "%d", r->missing);
	table_cell(w, y, &c[C_MISSING], buf, A_NORMAL);
	int x = c[C_FLAG].x;
	if (overdue(ui, r))
		draw_text(w, y, x, 1, "!", ui_attr(ui, COLOR_PAIR_LATE, A_BOLD));
	else if (due_soon(ui, r))
		draw_text(w, y, x, 1, "*", ui_attr(ui, COLOR_PAIR_WARN, A_BOLD));
}

/* "in 3 days", "now", "5 days ago" */
static void days_text(date_t from, date_t to, date_t today, char *buf, size_t n)
{
	int d = from - today;
	if (today >= from && today <= to)
		snprintf(buf, n, "%s", _("now"));
	else if (d == 0)
		snprintf(buf, n, "%s", _("today"));
	else if (d > 0)
		snprintf(buf, n, ngettext("in %d day", "in %d days", (unsigned long)d), d);
	else
		snprintf(buf, n, ngettext("%d day ago", "%d days ago", (unsigned long)-d), -d);
}

static const char *milestone_name(const struct milestone *m)
{
	return m->kind == MILESTONE_EXTRA ? m->name : milestone_kind_label(m->kind);
}

static void draw_selected(struct ui *ui, WINDOW *w, int y, const struct timeline_row *r)
{
	char span[64], days[64];
	char *t;
	if (!r->has_next) {
		t = xasprintf(_("%s: no milestones left in this cycle"), r->region->name);
	} else {
		draw_span(span, sizeof span, r->next.from, r->next.to);
		days_text(r->next.from, r->next.to, ui->opt->today, days, sizeof days);
		t = xasprintf(_("%s: next is %s %s (%s)%s"), r->region->name, milestone_name(&r->next),
			      span, days, overdue(ui, r) ? _("; member deadline passed, members missing")
						     : "");
	}
	draw_text(w, y, 1, COLS - 2, t, A_NORMAL);
	free(t);
}

static void draw_legend(WINDOW *w, int y)
{
	char *t = xasprintf(_("%s sent %s autumn conf. %s member deadline %s strategy conf. %s county "
			      "board | 8 March %s main board  ! overdue  * due in 7 days"),
			    milestone_mark(MILESTONE_SENT), milestone_mark(MILESTONE_AUTUMN_CONFERENCE),
			    milestone_mark(MILESTONE_MEMBER_DEADLINE),
			    milestone_mark(MILESTONE_STRATEGY_CONFERENCE),
			    milestone_mark(MILESTONE_COUNTY_BOARD), milestone_mark(MILESTONE_MAIN_BOARD));
	char **lines;
	int n = text_wrap(t, COLS - 2, &lines);
	for (int i = 0; i < n && i < 2; i++)
		draw_text(w, y + i, 1, COLS - 2, lines[i], A_DIM);
	text_lines_free(lines, n);
	free(t);
}

static int regions_page(WINDOW *w)
{
	return getmaxy(w) - 5;
}

static void draw_regions(struct ui *ui, struct timeline *tl, WINDOW *w)
{
	int h = getmaxy(w), page = regions_page(w);
	struct column c[N_COLS];
	region_columns(c);
	struct strip s = make_strip(ui, c);
	draw_region_header(ui, w, c, &s);
	list_clamp(&tl->list, page);
	for (int i = tl->list.top; i < tl->n && i - tl->list.top < page; i++) {
		int y = 1 + i - tl->list.top;
		draw_region_row(ui, w, y, c, &tl->rows[i], &s, i == tl->list.cur);
		if (i == tl->list.cur)
			ui->cursor_y = y;
	}
	if (tl->n > 0)
		draw_selected(ui, w, h - 3, &tl->rows[tl->list.cur]);
	draw_legend(w, h - 2);
}

/* ---- one region: its milestones, then its members ---- */

/* One comparison per order; the number decides between equals. */
static int cmp_number(const void *a, const void *b)
{
	const struct member_status *x = a, *y = b;
	return strcmp(x->member->number, y->member->number);
}

static int cmp_name(const void *a, const void *b)
{
	const struct member_status *x = a, *y = b;
	return strcoll(x->member->name, y->member->name); /* Æ Ø Å in nb */
}

static int cmp_state(const void *a, const void *b)
{
	const struct member_status *x = a, *y = b;
	if (x->state != y->state)
		return (int)y->state - (int)x->state; /* missing first */
	return cmp_number(a, b);
}

static int cmp_received(const void *a, const void *b)
{
	const struct member_status *x = a, *y = b;
	if (x->received != y->received)
		return (x->received > y->received) - (x->received < y->received);
	return cmp_number(a, b);
}

static void sort_members(struct timeline *tl)
{
	static int (*const cmp[MSORT_COUNT])(const void *, const void *) = {
		[MSORT_NUMBER] = cmp_number, [MSORT_NAME] = cmp_name, [MSORT_STATE] = cmp_state,
		[MSORT_RECEIVED] = cmp_received,
	};
	qsort(tl->members, (size_t)tl->n_members, sizeof *tl->members, cmp[tl->msort]);
}

static const char *msort_label(enum member_sort s)
{
	switch (s) {
	case MSORT_NAME: return _("name");
	case MSORT_STATE: return _("state");
	case MSORT_RECEIVED: return _("received");
	case MSORT_NUMBER: case MSORT_COUNT: break;
	}
	return _("number");
}

static void draw_milestones(struct ui *ui, WINDOW *w, const struct timeline_row *r)
{
	struct milestone *ms;
	int n = timeline_all(ui->cycle, r->timeline, &ms), y = 1;
	char *title = xasprintf(_("%s: %d of %d answered, %d late, %d missing"), r->region->name,
				r->received, r->expected, r->late, r->missing);
	draw_text(w, 0, 1, COLS - 2, title, A_BOLD);
	free(title);
	/* The mark, the name, the days and how far off they are. */
	struct column c[] = {{.width = 1}, {.width = 24}, {.width = 12}, {.width = 1, .flex = true}};
	table_layout(c, 4, 2, COLS - 1, 1);
	for (int i = 0; i < n; i++, y++) {
		char span[64], days[64];
		draw_span(span, sizeof span, ms[i].from, ms[i].to);
		days_text(ms[i].from, ms[i].to, ui->opt->today, days, sizeof days);
		table_cell(w, y, &c[0], milestone_mark(ms[i].kind), A_BOLD);
		table_cell(w, y, &c[1], milestone_name(&ms[i]), A_NORMAL);
		table_cell(w, y, &c[2], span, A_NORMAL);
		table_cell(w, y, &c[3], days, ms[i].to < ui->opt->today ? A_DIM : A_NORMAL);
	}
	free(ms);
}

/* The members list starts below the milestones (the region's and the three
 * cycle-wide ones), a blank line and its heading. */
static int members_y0(const struct timeline_row *r)
{
	return 1 + (r->timeline ? r->timeline->n_milestones : 0) + 3 + 2;
}

static int members_page(WINDOW *w, int y0)
{
	return getmaxy(w) - y0;
}

/* A member's number, name, state and when it answered. */
static void member_columns(struct column *c)
{
	const struct column cols[4] = {{.width = 4}, {.width = 1, .flex = true, .pad = 1}, {.width = 14},
				       {.width = 10}};
	memcpy(c, cols, sizeof cols);
	table_layout(c, 4, 2, COLS - 6, 1);
}

static void draw_member(struct ui *ui, WINDOW *w, int y, const struct column *c,
			const struct member_status *m, bool sel)
{
	char rec[DATE_BUFSZ];
	date_nb(m->received, rec);
	mvwaddstr(w, y, 0, sel ? ">" : " ");
	table_cell(w, y, &c[0], m->member->number, A_NORMAL);
	table_cell(w, y, &c[1], m->member->name, sel ? A_REVERSE : A_NORMAL);
	attr_t a = m->state == STATE_MISSING ? ui_attr(ui, COLOR_PAIR_LATE, A_BOLD)
		 : m->state == STATE_LATE    ? ui_attr(ui, COLOR_PAIR_WARN, A_NORMAL)
					     : A_NORMAL;
	table_cell(w, y, &c[2], member_state_label(m->state), a);
	table_cell(w, y, &c[3], rec, A_NORMAL);
}

static void draw_region(struct ui *ui, struct timeline *tl, WINDOW *w)
{
	const struct timeline_row *r = &tl->rows[tl->list.cur];
	draw_milestones(ui, w, r);
	int y0 = members_y0(r);
	char *hdr = xasprintf(_("Members (sorted by %s)"), msort_label(tl->msort));
	draw_text(w, y0 - 1, 1, COLS - 2, hdr, A_BOLD);
	free(hdr);
	int page = members_page(w, y0);
	if (page < 1)
		return;
	list_clamp(&tl->mlist, page);
	struct column c[4];
	member_columns(c);
	for (int i = tl->mlist.top; i < tl->n_members && i - tl->mlist.top < page; i++) {
		int y = y0 + i - tl->mlist.top;
		draw_member(ui, w, y, c, &tl->members[i], i == tl->mlist.cur);
		if (i == tl->mlist.cur)
			ui->cursor_y = y;
	}
}

/* ---- upcoming in every region ---- */

static void draw_upcoming(struct ui *ui, struct timeline *tl, WINDOW *w)
{
	char *title = xasprintf(_("Upcoming: the next %d days in every region"), tl->up_days);
	draw_text(w, 0, 1, COLS - 2, title, A_BOLD);
	free(title);
	int page = getmaxy(w) - 2;
	if (tl->n_up == 0)
		draw_text(w, 1, 2, COLS - 3, _("Nothing in these days"), A_DIM);
	list_clamp(&tl->ulist, page);
	/* When, how far off, where, what. */
	struct column c[] = {{.width = 12}, {.width = 12}, {.width = 20}, {.width = 1, .flex = true}};
	table_layout(c, 4, 2, COLS - 1, 1);
	for (int i = tl->ulist.top; i < tl->n_up && i - tl->ulist.top < page; i++) {
		const struct upcoming *u = &tl->up[i];
		int y = 1 + i - tl->ulist.top;
		char span[64], days[64];
		draw_span(span, sizeof span, u->ms.from, u->ms.to);
		days_text(u->ms.from, u->ms.to, ui->opt->today, days, sizeof days);
		mvwaddstr(w, y, 0, i == tl->ulist.cur ? ">" : " ");
		table_cell(w, y, &c[0], span, A_NORMAL);
		table_cell(w, y, &c[1], days, u->reminder ? A_BOLD : A_NORMAL);
		table_cell(w, y, &c[2], u->region ? u->region->name : _("all regions"), A_NORMAL);
		table_cell(w, y, &c[3], milestone_name(&u->ms), A_NORMAL);
		if (i == tl->ulist.cur)
			ui->cursor_y = y;
	}
}

static void timeline_draw(struct ui *ui, void *state, WINDOW *w)
{
	struct timeline *tl = state;
	if (tl->mode == TL_REGION && tl->n > 0)
		draw_region(ui, tl, w);
	else if (tl->mode == TL_UPCOMING)
		draw_upcoming(ui, tl, w);
	else
		draw_regions(ui, tl, w);
}

/* ---- keys ---- */

static int open_region(struct ui *ui, struct timeline *tl)
{
	if (tl->n == 0)
		return REDRAW_NONE;
	tl->mode = TL_REGION;
	tl->mlist.cur = tl->mlist.top = 0;
	load_members(ui, tl);
	sort_members(tl);
	return REDRAW_ALL;
}

static int region_action(struct ui *ui, struct timeline *tl, enum action a)
{
	const struct timeline_row *r = &tl->rows[tl->list.cur];
	switch (a) {
	case ACT_CANCEL: case ACT_OPEN:
		if (a == ACT_OPEN && tl->n_members > 0) {
			const struct member_status *m = &tl->members[tl->mlist.cur];
			char *lim = xasprintf("%smember:%s", m->submission ? "" : "missing ",
					      m->member->number);
			ui_request(ui, PANE_INBOX, lim, m->submission);
			free(lim);
			return REDRAW_ALL;
		}
		tl->mode = TL_REGIONS;
		return REDRAW_ALL;
	case ACT_SORT:
		tl->msort = (enum member_sort)((tl->msort + 1) % MSORT_COUNT);
		sort_members(tl);
		return REDRAW_BODY;
	case ACT_TO_INBOX: {
		char *lim = xasprintf("region:%s", r->region->code);
		ui_request(ui, PANE_INBOX, lim, 0);
		free(lim);
		return REDRAW_ALL;
	}
	default:
		return list_action(&tl->mlist, a, members_page(ui->body, members_y0(r)))
			       ? REDRAW_BODY
			       : REDRAW_NONE;
	}
}

static int timeline_action(struct ui *ui, void *state, enum action a)
{
	struct timeline *tl = state;
	if (tl->mode == TL_REGION && tl->n > 0)
		return region_action(ui, tl, a);
	if (a == ACT_UPCOMING) {
		tl->mode = tl->mode == TL_UPCOMING ? TL_REGIONS : TL_UPCOMING;
		return REDRAW_ALL;
	}
	if (tl->mode == TL_UPCOMING) {
		if (a == ACT_CANCEL) {
			tl->mode = TL_REGIONS;
			return REDRAW_ALL;
		}
		return list_action(&tl->ulist, a, getmaxy(ui->body) - 2) ? REDRAW_BODY : REDRAW_NONE;
	}
	if (a == ACT_OPEN)
		return open_region(ui, tl);
	if (a == ACT_TO_INBOX && tl->n > 0) {
		char *lim = xasprintf("region:%s", tl->rows[tl->list.cur].region->code);
		ui_request(ui, PANE_INBOX, lim, 0);
		free(lim);
		return REDRAW_ALL;
	}
	return list_action(&tl->list, a, regions_page(ui->body)) ? REDRAW_BODY : REDRAW_NONE;
}

static const char *timeline_hint(const void *state)
{
	const struct timeline *tl = state;
	if (tl->mode == TL_REGION)
		return _("Enter member's submission  i region's inbox  s sort  Esc back  ? help");
	if (tl->mode == TL_UPCOMING)
		return _("j/k move  u or Esc back to the regions  ? help  q quit");
	return _("Enter region  u upcoming  i inbox of the region  2 inbox  3 answers  ? help");
}

const struct pane pane_timeline = {
	.title = N_("Timeline"),
	.ctx = KEYCTX_TIMELINE,
	.state_size = sizeof(struct timeline),
	.open = timeline_open,
	.draw = timeline_draw,
	.action = timeline_action,
	.close = timeline_close,
	.hint = timeline_hint,
};
