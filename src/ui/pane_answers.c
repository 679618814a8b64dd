/* Answers pane: the cycle's questions with how many members answered them;
 * the selected question's full text and, for a choice, its distribution. */
#include "ui.h"
#include "../core/aggregate.h"
#include "../core/text.h"
#include "../core/util.h"
#include "../i18n.h"
#include <stdlib.h>

static struct {
	struct question_count *qc;
	int n;
	struct list list;
} an;

static void answers_open(struct ui *ui)
{
	aggregate_free(an.qc, an.n);
	an.n = ui->cycle->n_questions;
	if (aggregate_questions(ui->st, ui->cycle, &an.qc) != 0)
		ui_message(ui, _("Could not count the answers: %s"), store_errmsg(ui->st));
	an.list.n = an.n;
	list_clamp(&an.list, an.n);
}

static void answers_close(struct ui *ui)
{
	(void)ui;
	aggregate_free(an.qc, an.n);
	an.qc = NULL;
	an.n = 0;
}

enum { W_NUM = 3, W_KIND = 8, W_COUNT = 9 };

static int title_width(void)
{
	int w = COLS - 2 - (W_NUM + 1) - (W_KIND + 1) - (W_COUNT + 1) * 2;
	return w < 8 ? 8 : w;
}

static void draw_header(WINDOW *w)
{
	int x = 1, tw = title_width();
	draw_text_right(w, 0, x, W_NUM, "#", A_BOLD);
	x += W_NUM + 1;
	draw_text(w, 0, x, tw, _("Question"), A_BOLD);
	x += tw + 1;
	draw_text(w, 0, x, W_KIND, _("Kind"), A_BOLD);
	x += W_KIND + 1;
	draw_text_right(w, 0, x, W_COUNT, _("Answered"), A_BOLD);
	x += W_COUNT + 1;
	draw_text_right(w, 0, x, W_COUNT, _("Approved"), A_BOLD);
}

static void draw_row(WINDOW *w, int y, int i, bool sel)
{
	const struct question_count *q = &an.qc[i];
	char buf[32];
	int x = 1, tw = title_width();
	mvwaddstr(w, y, 0, sel ? ">" : " ");
	snprintf(buf, sizeof buf, "%d", i + 1);
	draw_text_right(w, y, x, W_NUM, buf, A_NORMAL);
	x += W_NUM + 1;
	draw_text(w, y, x, tw, q->q->title, sel ? A_REVERSE : A_NORMAL);
	x += tw + 1;
	draw_text(w, y, x, W_KIND, q->q->kind == QUESTION_CHOICE ? _("choice") : _("text"), A_NORMAL);
	x += W_KIND + 1;
	snprintf(buf, sizeof buf, "%d", q->answered);
	draw_text_right(w, y, x, W_COUNT, buf, A_NORMAL);
	x += W_COUNT + 1;
	snprintf(buf, sizeof buf, "%d", q->approved);
	draw_text_right(w, y, x, W_COUNT, buf, A_NORMAL);
}

/* The selected question: its text, then its options with counts. */
static void draw_detail(WINDOW *w, int y, int bottom, const struct question_count *q)
{
	char **lines;
	int n = text_wrap(q->q->text, COLS - 4, &lines);
	for (int i = 0; i < n && y < bottom; i++)
		draw_text(w, y++, 2, COLS - 4, lines[i], A_NORMAL);
	text_lines_free(lines, n);
	int total = 0;
	for (int i = 0; i < q->q->n_options; i++)
		total += q->option_counts[i];
	for (int i = 0; i < q->q->n_options && y < bottom; i++) {
		int c = q->option_counts[i];
		char *t = xasprintf("%5d  %3d%%", c, total ? (c * 100 + total / 2) / total : 0);
		draw_text(w, y, 4, 24, q->q->options[i], A_NORMAL);
		draw_text(w, y++, 29, 12, t, A_NORMAL);
		free(t);
	}
}

static void answers_draw(struct ui *ui, WINDOW *w)
{
	int h = getmaxy(w);
	draw_header(w);
	int page = an.n < h - 3 ? an.n : h - 3;
	list_clamp(&an.list, page);
	for (int i = an.list.top; i < an.n && i - an.list.top < page; i++) {
		int y = 1 + i - an.list.top;
		draw_row(w, y, i, i == an.list.cur);
		if (i == an.list.cur)
			ui->cursor_y = y;
	}
	if (an.n > 0) {
		mvwhline(w, page + 1, 0, ACS_HLINE, COLS);
		draw_detail(w, page + 2, h, &an.qc[an.list.cur]);
	}
}

static int answers_action(struct ui *ui, enum action a)
{
	int h = getmaxy(ui->body);
	int page = an.n < h - 3 ? an.n : h - 3;
	return list_action(&an.list, a, page) ? REDRAW_BODY : REDRAW_NONE;
}

static const char *answers_hint(void)
{
	return _("j/k move  1 timeline  2 inbox  ? help  q quit");
}

const struct pane pane_answers = {
	N_("Answers"), KEYCTX_ANSWERS, answers_open, answers_draw, answers_action, answers_close,
	answers_hint,
};
