/* Answers pane: the cycle's questions with how many answered; below, the
 * selected question's distribution per region and for the nation (a choice
 * question), or its codes (a free-text question), with bars. */
#include "answers.h"
#include "../core/text.h"
#include "../core/util.h"
#include "../i18n.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void answers_init(void *state)
{
	struct answers *an = state;
	an->scope = -1;
}

void answers_reload(struct ui *ui, struct answers *an)
{
	aggregate_free(an->qc, an->n);
	an->n = ui->cycle->n_questions;
	if (aggregate_questions(ui->st, ui->cycle, &an->qc) != 0)
		ui_message(ui, _("Could not count the answers: %s"), store_errmsg(ui->st));
	list_set_count(&an->list, an->n);
	if (an->coding)
		coding_reload(ui, an);
}

static void answers_open(struct ui *ui, void *state)
{
	answers_reload(ui, state);
}

static void answers_close(struct ui *ui, void *state)
{
	struct answers *an = state;
	(void)ui;
	coding_close(an);
	aggregate_free(an->qc, an->n);
	memset(an, 0, sizeof *an);
	answers_init(an);
}

/* ---- the question list ---- */

enum { C_NUM, C_TITLE, C_KIND, C_ANSWERED, C_APPROVED, N_COLS };

static void columns(struct column *c)
{
	const struct column cols[N_COLS] = {
		[C_NUM] = {"#", 3, .right = true},
		[C_TITLE] = {_("Question"), 8, .flex = true},
		[C_KIND] = {_("Kind"), 8},
		[C_ANSWERED] = {_("Answered"), 9, .right = true},
		[C_APPROVED] = {_("Approved"), 9, .right = true},
	};
	memcpy(c, cols, sizeof cols);
	table_layout(c, N_COLS, 1, COLS - 1, 1);
}

static void draw_question(const struct answers *an, WINDOW *w, int y, const struct column *c,
			  int i, bool sel)
{
	const struct question_count *q = &an->qc[i];
	char buf[32];
	mvwaddstr(w, y, 0, sel ? ">" : " ");
	snprintf(buf, sizeof buf, "%d", i + 1);
	table_cell(w, y, &c[C_NUM], buf, A_NORMAL);
	table_cell(w, y, &c[C_TITLE], q->q->title, sel ? A_REVERSE : A_NORMAL);
	table_cell(w, y, &c[C_KIND], q->q->kind == QUESTION_CHOICE ? _("choice") : _("text"),
		   A_NORMAL);
	snprintf(buf, sizeof buf, "%d", q->answered);
	table_cell(w, y, &c[C_ANSWERED], buf, A_NORMAL);
	snprintf(buf, sizeof buf, "%d", q->approved);
	table_cell(w, y, &c[C_APPROVED], buf, A_NORMAL);
}

/* ---- a choice question's table ---- */

static int pct(int part, int total)
{
	return total ? (part * 100 + total / 2) / total : 0;
}

/* The choice table's columns: the name, then per option a group of three,
 * its count, a bar sharing the room left, and the percent. */
enum { CH_NAME, CH_FIRST, CH_PER = 3 };

static struct column *choice_columns(const struct question *q, int *n)
{
	*n = CH_FIRST + CH_PER * q->n_options;
	struct column *c = xcalloc((size_t)*n, sizeof *c);
	c[CH_NAME] = (struct column){_("Region"), 14, .flex = false};
	for (int o = 0; o < q->n_options; o++) {
		struct column *g = &c[CH_FIRST + CH_PER * o];
		g[0] = (struct column){NULL, 4, .right = true, .pad = o > 0};
		g[1] = (struct column){NULL, 0, .flex = true, .pad = 1};
		g[2] = (struct column){NULL, 4, .right = true, .pad = 1};
	}
	/* No gap after the name: the counts are aligned right and keep it. */
	table_layout(c, *n, 1, COLS - 1, 0);
	return c;
}

/* The heading: each option's text over its whole group. */
static void draw_choice_header(WINDOW *w, int y, const struct column *c, const struct question *q)
{
	table_cell(w, y, &c[CH_NAME], c[CH_NAME].title, A_BOLD);
	for (int o = 0; o < q->n_options; o++) {
		const struct column *g = &c[CH_FIRST + CH_PER * o];
		draw_text(w, y, g[0].x, g[2].x + g[2].w - g[0].x, q->options[o], A_BOLD);
	}
}

/* One row: the name, then per option a count, a bar and a percent. */
static void draw_choice_row(struct ui *ui, WINDOW *w, int y, const struct column *c,
			    const char *name, const struct agg_row *r, int n_opt, attr_t attr)
{
	table_cell(w, y, &c[CH_NAME], name, attr);
	for (int o = 0; o < n_opt; o++) {
		const struct column *g = &c[CH_FIRST + CH_PER * o];
		char buf[16];
		snprintf(buf, sizeof buf, "%d", r->counts[o]);
		table_cell(w, y, &g[0], buf, attr);
		if (g[1].w > 0)
			draw_bar(w, y, g[1].x, g[1].w, r->total ? (double)r->counts[o] / r->total : 0,
				 ui_attr(ui, COLOR_PAIR_OK, A_NORMAL));
		snprintf(buf, sizeof buf, "%3d%%", pct(r->counts[o], r->total));
		table_cell(w, y, &g[2], buf, attr);
	}
}

static void draw_choice(struct ui *ui, const struct answers *an, WINDOW *w, int y, int bottom, const struct question *q)
{
	struct agg_table t;
	if (aggregate_choice(ui->st, ui->s, ui->cycle, q, an->basis, &t) != 0) {
		agg_table_free(&t);
		return;
	}
	int nc;
	struct column *c = choice_columns(q, &nc);
	draw_choice_header(w, y++, c, q);
	for (int i = 0; i < t.n_rows && y < bottom; i++) {
		bool nation = !t.rows[i].region;
		if (!nation && an->scope >= 0 && an->scope != i)
			continue;
		draw_choice_row(ui, w, y++, c, nation ? _("Nation") : t.rows[i].region->name,
				&t.rows[i], q->n_options, nation ? A_BOLD : A_NORMAL);
	}
	agg_table_free(&t);
	char *prev = an->yoy ? aggregate_previous_cycle(ui->st, ui->cycle, q) : NULL;
	const struct cycle *pc = prev ? settings_cycle(ui->s, prev) : NULL;
	const struct question *pq = NULL;
	for (int i = 0; pc && i < pc->n_questions; i++)
		if (strcmp(pc->questions[i].key, q->key) == 0)
			pq = &pc->questions[i];
	if (pq && pq->n_options == q->n_options && y < bottom &&
	    aggregate_choice(ui->st, ui->s, pc, pq, an->basis, &t) == 0) {
		draw_choice_row(ui, w, y++, c, pc->title, &t.rows[t.n_rows - 1], q->n_options, A_DIM);
		agg_table_free(&t);
	} else if (an->yoy && y < bottom) {
		draw_text(w, y++, 1, COLS - 2, _("No earlier cycle has this question"), A_DIM);
	}
	free(prev);
	free(c);
}

/* ---- a free-text question's codes ---- */

/* A region's name in three columns for a table heading: the capitals of a
 * name of several words ("Møre og Romsdal": MR), else its first letters. */
static void short_name(const char *name, char *out, size_t n)
{
	size_t o = 0;
	bool several = strchr(name, ' ') != NULL;
	for (const char *p = name; *p && o + 5 < n; p++) {
		bool start = p == name || p[-1] == ' ';
		if (several && !(start && (*p & 0x80 || (*p >= 'A' && *p <= 'Z'))))
			continue;
		do /* a whole UTF-8 character */
			out[o++] = *p;
		while ((p[1] & 0xC0) == 0x80 && ++p);
		if (!several && text_width(out) >= 3)
			break;
		out[o] = '\0';
	}
	out[o] = '\0';
}

/* The codes table's columns: the code, a count per region when every
 * region fits (headed by its short name), the count for the scope, a bar. */
static struct column *code_columns(const struct settings *s, bool per_region, char (*abbr)[16],
				   int *n)
{
	struct column *c = xcalloc((size_t)s->n_regions + 3, sizeof *c);
	int k = 0;
	c[k++] = (struct column){NULL, per_region ? 15 : 28, .flex = false};
	for (int i = 0; per_region && i < s->n_regions; i++) {
		short_name(s->regions[i].name, abbr[i], sizeof abbr[i]);
		c[k++] = (struct column){abbr[i], 4, .right = true, .pad = i == 0};
	}
	c[k++] = (struct column){per_region ? _("All") : NULL, per_region ? 5 : 4, .right = true,
				 .pad = !per_region};
	c[k++] = (struct column){NULL, 1, .flex = true, .pad = 1};
	table_layout(c, k, 2, COLS - 2, 0);
	*n = k;
	return c;
}

static void draw_codes(struct ui *ui, const struct answers *an, WINDOW *w, int y, int bottom, const struct question *q)
{
	struct agg_code *codes;
	int n;
	if (aggregate_codes(ui->st, ui->s, ui->cycle, q, an->basis, &codes, &n) != 0)
		return;
	const struct region *r = answers_region(ui, an);
	if (n == 0)
		draw_text(w, y++, 1, COLS - 2,
			  _("No codes yet: Enter reads the answers, c there makes a code"), A_DIM);
	else
		draw_text(w, y++, 1, COLS - 2, r ? r->name : _("Codes, members per code (nation)"),
			  A_BOLD);
	/* All regions: a column per region when they fit, then the nation. */
	int nr = ui->s->n_regions;
	bool per = !r && COLS - 2 - 16 - 6 - 10 >= nr * 4;
	char (*abbr)[16] = xcalloc((size_t)nr + 1, sizeof *abbr);
	int nc, max = 1;
	struct column *c = code_columns(ui->s, per, abbr, &nc);
	const struct column *total = &c[nc - 2], *bar = &c[nc - 1];
	for (int i = 0; i < n; i++) {
		int v = r ? codes[i].per_region[an->scope] : codes[i].national;
		max = v > max ? v : max;
	}
	if (per && n > 0 && y < bottom)
		table_header(w, y++, c, nc, A_DIM);
	for (int i = 0; i < n && y < bottom; i++, y++) {
		int v = r ? codes[i].per_region[an->scope] : codes[i].national;
		char buf[16];
		table_cell(w, y, &c[0], codes[i].label, A_NORMAL);
		for (int k = 0; per && k < nr; k++) {
			snprintf(buf, sizeof buf, "%d", codes[i].per_region[k]);
			table_cell(w, y, &c[1 + k], buf, A_NORMAL);
		}
		snprintf(buf, sizeof buf, "%d", v);
		table_cell(w, y, total, buf, per ? A_BOLD : A_NORMAL);
		draw_bar(w, y, bar->x, bar->w, (double)v / max, ui_attr(ui, COLOR_PAIR_OK, A_NORMAL));
	}
	free(c);
	free(abbr);
	agg_codes_free(codes, n);
}

static void draw_region_answer(struct ui *ui, const struct answers *an, WINDOW *w, int y, int bottom,
			       const struct question *q)
{
	const struct region *r = answers_region(ui, an);
	struct region_answer ra;
	if (!r || y >= bottom || region_answer_get(ui->st, ui->cycle, r->code, q->id, &ra) != 0)
		return;
	char *head = ra.version ? xasprintf(_("%s's answer (%s, %.10s):"), r->name, ra.author,
					    ra.updated_at)
				: xasprintf(_("%s has no answer yet (w writes it)"), r->name);
	draw_text(w, y++, 1, COLS - 2, head, A_BOLD);
	free(head);
	char **lines;
	int n = text_wrap(ra.text ? ra.text : "", COLS - 4, &lines);
	for (int i = 0; i < n && y < bottom; i++)
		draw_text(w, y++, 3, COLS - 4, lines[i], A_NORMAL);
	text_lines_free(lines, n);
	region_answer_free(&ra);
}

static const char *scope_name(struct ui *ui, const struct answers *an)
{
	if (an->scope < 0)
		return _("all regions");
	if (an->scope >= ui->s->n_regions)
		return _("the nation");
	return ui->s->regions[an->scope].name;
}

static void draw_detail(struct ui *ui, const struct answers *an, WINDOW *w, int y, int bottom)
{
	const struct question *q = answers_question(ui, an);
	char *head = xasprintf(_("%s  [%s, %s]"), q->text,
			       an->basis == AGG_APPROVED ? _("approved answers") : _("all received"),
			       scope_name(ui, an));
	char **lines;
	int n = text_wrap(head, COLS - 2, &lines);
	for (int i = 0; i < n && i < 2; i++)
		draw_text(w, y++, 1, COLS - 2, lines[i], i == 0 ? A_BOLD : A_NORMAL);
	text_lines_free(lines, n);
	free(head);
	if (q->kind == QUESTION_CHOICE)
		draw_choice(ui, an, w, y, bottom, q);
	else
		draw_codes(ui, an, w, y, bottom, q);
	if (an->scope >= 0 && an->scope < ui->s->n_regions)
		draw_region_answer(ui, an, w, bottom - 3, bottom, q);
}

static int list_rows(const struct answers *an, WINDOW *w)
{
	int h = getmaxy(w);
	return an->n < h / 3 ? an->n : h / 3;
}

static void answers_draw(struct ui *ui, void *state, WINDOW *w)
{
	struct answers *an = state;
	if (an->coding) {
		coding_draw(ui, an, w);
		return;
	}
	int h = getmaxy(w), page = list_rows(an, w);
	struct column c[N_COLS];
	columns(c);
	table_header(w, 0, c, N_COLS, A_BOLD);
	list_clamp(&an->list, page);
	for (int i = an->list.top; i < an->n && i - an->list.top < page; i++) {
		int y = 1 + i - an->list.top;
		draw_question(an, w, y, c, i, i == an->list.cur);
		if (i == an->list.cur)
			ui->cursor_y = y;
	}
	if (an->n > 0) {
		mvwhline(w, page + 1, 0, text_ascii() ? '-' : ACS_HLINE, COLS);
		draw_detail(ui, an, w, page + 2, h);
	}
}

/* ---- writing the region's answer ---- */

static int write_answer(struct ui *ui, struct answers *an)
{
	const struct region *r = answers_region(ui, an);
	const struct question *q = answers_question(ui, an);
	if (!r) {
		ui_message(ui, "%s", _("Choose one region with s first"));
		return REDRAW_STATUS;
	}
	struct region_answer ra;
	region_answer_get(ui->st, ui->cycle, r->code, q->id, &ra);
	bool tried;
	char *text = editor_edit(ui, ra.text, &tried);
	if (!tried) /* no editor on this machine at all: the line editor */
		text = prompt_read(ui, _("Region's answer:"), ra.text);
	struct diags errs = {0};
	if (!text)
		ui_message(ui, "%s", tried ? _("The editor failed; nothing was saved")
					   : _("Nothing was saved"));
	else if (ra.text && strcmp(text, ra.text) == 0)
		ui_message(ui, "%s", _("Unchanged"));
	else if (region_answer_set(ui->st, ui->cycle, r->code, q->id, text, ra.version, &errs) == 0)
		ui_message(ui, _("Saved %s's answer"), r->name);
	else
		ui_message(ui, "%s", errs.v[0].msg);
	diags_free(&errs);
	free(text);
	region_answer_free(&ra);
	return REDRAW_ALL;
}

static int answers_action(struct ui *ui, void *state, enum action a)
{
	struct answers *an = state;
	if (an->coding && a == ACT_CANCEL) {
		coding_close(an);
		answers_reload(ui, an);
		return REDRAW_ALL;
	}
	if (an->coding)
		return coding_action(ui, an, a, ui->key);
	switch (a) {
	case ACT_BASIS:
		an->basis = an->basis == AGG_APPROVED ? AGG_ALL : AGG_APPROVED;
		return REDRAW_BODY;
	case ACT_SCOPE:
		an->scope = an->scope >= ui->s->n_regions ? -1 : an->scope + 1;
		return REDRAW_BODY;
	case ACT_YOY:
		an->yoy = !an->yoy;
		return REDRAW_BODY;
	case ACT_OPEN:
		if (answers_question(ui, an) && answers_question(ui, an)->kind == QUESTION_TEXT) {
			coding_open(ui, an);
			return REDRAW_ALL;
		}
		ui_message(ui, "%s", _("A choice question has no text to code; see the table"));
		return REDRAW_STATUS;
	case ACT_WRITE:
		return an->n ? write_answer(ui, an) : REDRAW_NONE;
	case ACT_EXPORT:
		answers_export(ui, an);
		return REDRAW_ALL;
	default:
		return list_action(&an->list, a, list_rows(an, ui->body)) ? REDRAW_BODY : REDRAW_NONE;
	}
}

static const char *answers_hint(const void *state)
{
	const struct answers *an = state;
	if (an->coding)
		return _("Space next  p back  1-9 code  c new code  Enter only a code  i inbox  Esc back");
	return _("Enter code answers  v approved/all  s scope  y last cycle  w write  e export");
}

static enum keyctx answers_context(const void *state)
{
	const struct answers *an = state;
	return an->coding ? KEYCTX_CODING : KEYCTX_ANSWERS;
}

const struct pane pane_answers = {
	.title = N_("Answers"),
	.ctx = KEYCTX_ANSWERS,
	.state_size = sizeof(struct answers),
	.init = answers_init,
	.open = answers_open,
	.draw = answers_draw,
	.action = answers_action,
	.close = answers_close,
	.hint = answers_hint,
	.context = answers_context,
};
