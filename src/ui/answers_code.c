/* Reading and coding the answers to a free-text question: one answer at a
 * time on the left, the question's codebook with counts on the right; a
 * digit sets or clears a code and Space goes on, so forty answers are coded
 * in a few minutes. */
#include "answers.h"
#include "../core/export.h"
#include "../core/text.h"
#include "../core/util.h"
#include "../i18n.h"
#include <stdlib.h>
#include <string.h>

const struct question *answers_question(struct ui *ui, const struct answers *an)
{
	return an->n ? &ui->cycle->questions[an->list.cur] : NULL;
}

const struct region *answers_region(struct ui *ui, const struct answers *an)
{
	return an->scope >= 0 && an->scope < ui->s->n_regions ? &ui->s->regions[an->scope] : NULL;
}

void coding_close(struct answers *an)
{
	text_answers_free(an->ans, an->n_ans);
	agg_codes_free(an->codes, an->n_codes);
	an->ans = NULL;
	an->codes = NULL;
	an->n_ans = an->n_codes = 0;
	an->coding = false;
}

static void load_codes(struct ui *ui, struct answers *an)
{
	agg_codes_free(an->codes, an->n_codes);
	an->codes = NULL;
	an->n_codes = 0;
	aggregate_codes(ui->st, ui->s, ui->cycle, answers_question(ui, an), an->basis, &an->codes,
			&an->n_codes);
}

/* Reads the answers again, staying on the same submission. */
void coding_reload(struct ui *ui, struct answers *an)
{
	long long keep = an->n_ans ? an->ans[an->cur].submission : 0;
	text_answers_free(an->ans, an->n_ans);
	an->ans = NULL;
	an->n_ans = 0;
	if (aggregate_answers(ui->st, ui->s, ui->cycle, answers_question(ui, an), an->basis,
			      answers_region(ui, an), an->only_code, &an->ans, &an->n_ans) != 0)
		ui_message(ui, _("Could not read the answers: %s"), store_errmsg(ui->st));
	an->cur = 0;
	for (int i = 0; i < an->n_ans; i++)
		if (an->ans[i].submission == keep)
			an->cur = i;
	load_codes(ui, an);
}

void coding_open(struct ui *ui, struct answers *an)
{
	an->coding = true;
	an->only_code = 0;
	an->n_ans = 0;
	coding_reload(ui, an);
}

static bool has_code(const struct text_answer *a, long long id)
{
	for (int i = 0; i < a->n_codes; i++)
		if (a->codes[i] == id)
			return true;
	return false;
}

static int code_count(const struct answers *an, const struct agg_code *k, struct ui *ui)
{
	const struct region *r = answers_region(ui, an);
	return r ? k->per_region[r - ui->s->regions] : k->national;
}

static void draw_codebook(struct ui *ui, const struct answers *an, WINDOW *w, int x, int width)
{
	const struct text_answer *a = an->n_ans ? &an->ans[an->cur] : NULL;
	draw_text(w, 1, x, width, _("Codes"), A_BOLD);
	int h = getmaxy(w);
	for (int i = 0; i < an->n_codes && 2 + i < h - 1; i++) {
		char key[4], num[16];
		snprintf(key, sizeof key, "%d", (i + 1) % 10);
		snprintf(num, sizeof num, "%d", code_count(an, &an->codes[i], ui));
		bool on = a && has_code(a, an->codes[i].id);
		char *t = xasprintf("%s [%s] ", i < 10 ? key : " ", on ? "x" : " ");
		draw_text(w, 2 + i, x, 6, t, on ? A_BOLD : A_NORMAL);
		draw_text(w, 2 + i, x + 6, width - 11, an->codes[i].label,
			  an->only_code == an->codes[i].id ? A_REVERSE : A_NORMAL);
		draw_text_right(w, 2 + i, x + width - 4, 4, num, A_NORMAL);
		free(t);
	}
	if (an->n_codes == 0)
		draw_text(w, 2, x, width, _("c makes the first code"), A_DIM);
}

static void draw_answer(struct ui *ui, const struct answers *an, WINDOW *w, int width)
{
	const struct text_answer *a = &an->ans[an->cur];
	char dec[DATE_BUFSZ];
	date_nb(a->decided, dec);
	char *who = xasprintf("%s%s%s%s%s", a->member_name, a->body_by ? " · " : "",
			      a->body_by ? a->body_by : "", dec[0] ? " " : "", dec);
	draw_text(w, 1, 1, width, who, A_BOLD);
	free(who);
	char *quoted = xasprintf("\xC2\xAB%s\xC2\xBB", a->text ? a->text : a->choice);
	char **lines;
	int n = text_wrap(quoted, width, &lines), h = getmaxy(w);
	for (int i = 0; i < n && 3 + i < h; i++)
		draw_text(w, 3 + i, 1, width, lines[i], A_NORMAL);
	text_lines_free(lines, n);
	free(quoted);
	(void)ui;
}

void coding_draw(struct ui *ui, struct answers *an, WINDOW *w)
{
	const struct question *q = answers_question(ui, an);
	const struct region *r = answers_region(ui, an);
	char *head = an->n_ans
		? xasprintf(_("Question %d: %s   answer %d of %d (%s)"), an->list.cur + 1, q->title,
			    an->cur + 1, an->n_ans, r ? r->name : _("all regions"))
		: xasprintf(_("Question %d: %s   no answers to read"), an->list.cur + 1, q->title);
	draw_text(w, 0, 1, COLS - 2, head, A_BOLD);
	free(head);
	int book = COLS >= 100 ? 40 : 32, left = COLS - book - 3;
	if (an->n_ans)
		draw_answer(ui, an, w, left);
	draw_codebook(ui, an, w, left + 2, book);
	ui->cursor_y = 1;
}

static void toggle(struct ui *ui, struct answers *an, int k)
{
	if (!an->n_ans || k >= an->n_codes) {
		ui_message(ui, _("There is no code %d"), k + 1);
		return;
	}
	struct text_answer *a = &an->ans[an->cur];
	bool on = !has_code(a, an->codes[k].id);
	struct diags errs = {0};
	if (code_set(ui->st, a->submission, answers_question(ui, an)->id, an->codes[k].id, on, &errs) != 0)
		ui_message(ui, "%s", errs.v[0].msg);
	diags_free(&errs);
	coding_reload(ui, an);
}

static void new_code(struct ui *ui, struct answers *an)
{
	char *label = prompt_read(ui, _("New code:"), NULL);
	if (!label || !label[0]) {
		free(label);
		return;
	}
	struct diags errs = {0};
	long long id;
	if (code_create_on(ui->st, ui->cycle, answers_question(ui, an), label,
			   an->n_ans ? an->ans[an->cur].submission : 0, &id, &errs) != 0)
		ui_message(ui, "%s", errs.v[0].msg);
	diags_free(&errs);
	free(label);
	coding_reload(ui, an);
}

/* Asks for a code by its number in the codebook; -1 when none. */
static int ask_code(struct ui *ui, const struct answers *an, const char *label)
{
	char *s = prompt_read(ui, label, NULL);
	int k = s && s[0] ? atoi(s) - 1 : -1;
	if (s && s[0] && (k < 0 || k >= an->n_codes)) {
		ui_message(ui, _("There is no code %s"), s);
		k = -1;
	}
	free(s);
	return k;
}

static void rename_code(struct ui *ui, struct answers *an)
{
	int k = ask_code(ui, an, _("Rename code number:"));
	if (k < 0)
		return;
	char *label = prompt_read(ui, _("New name:"), an->codes[k].label);
	struct diags errs = {0};
	if (label && label[0] && code_rename(ui->st, an->codes[k].id, label, &errs) != 0)
		ui_message(ui, "%s", errs.v[0].msg);
	diags_free(&errs);
	free(label);
	coding_reload(ui, an);
}

static void merge_code(struct ui *ui, struct answers *an)
{
	int from = ask_code(ui, an, _("Merge code number:"));
	int into = from < 0 ? -1 : ask_code(ui, an, _("into code number:"));
	if (into < 0)
		return;
	struct diags errs = {0};
	if (code_merge(ui->st, an->codes[from].id, an->codes[into].id, &errs) != 0)
		ui_message(ui, "%s", errs.v[0].msg);
	else
		ui_message(ui, _("Merged into %s"), an->codes[into].label);
	diags_free(&errs);
	if (an->only_code == an->codes[from].id)
		an->only_code = 0;
	coding_reload(ui, an);
}

static void filter_code(struct ui *ui, struct answers *an)
{
	if (an->only_code) {
		an->only_code = 0;
	} else {
		int k = ask_code(ui, an, _("Only the answers with code number:"));
		if (k < 0)
			return;
		an->only_code = an->codes[k].id;
	}
	coding_reload(ui, an);
	an->cur = 0;
}

static int step_answer(struct ui *ui, struct answers *an, int dir)
{
	if (an->cur + dir < 0 || an->cur + dir >= an->n_ans) {
		ui_message(ui, "%s", dir > 0 ? _("That was the last answer") : _("This is the first"));
		return REDRAW_STATUS;
	}
	an->cur += dir;
	return REDRAW_BODY;
}

int coding_action(struct ui *ui, struct answers *an, enum action a, wint_t ch)
{
	switch (a) {
	case ACT_NEXT_ANSWER: case ACT_DOWN: return step_answer(ui, an, 1);
	case ACT_PREV_ANSWER: case ACT_UP: return step_answer(ui, an, -1);
	case ACT_CODE_TOGGLE: toggle(ui, an, ch == L'0' ? 9 : (int)(ch - L'1')); return REDRAW_ALL;
	case ACT_NEW_CODE: new_code(ui, an); return REDRAW_ALL;
	case ACT_RENAME_CODE: rename_code(ui, an); return REDRAW_ALL;
	case ACT_MERGE_CODE: merge_code(ui, an); return REDRAW_ALL;
	case ACT_CODE_FILTER: filter_code(ui, an); return REDRAW_ALL;
	case ACT_TO_INBOX:
		if (an->n_ans) {
			char *lim = xasprintf("member:%s", an->ans[an->cur].member);
			ui_request(ui, PANE_INBOX, lim, an->ans[an->cur].submission);
			free(lim);
		}
		return REDRAW_ALL;
	default:
		return REDRAW_NONE;
	}
}

/* The format from the file name's ending, Markdown when there is none. */
static enum export_format format_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	enum export_format f = EXPORT_MD;
	if (dot)
		export_format_parse(dot + 1, &f);
	return f;
}

void answers_export(struct ui *ui, struct answers *an)
{
	const struct region *r = answers_region(ui, an);
	char *def = xasprintf("innspill-%s%s%s.md", ui->cycle->id, r ? "-" : "", r ? r->code : "");
	char *path = prompt_read(ui, _("Export to (.md, .csv or .html):"), def);
	free(def);
	if (!path || !path[0]) {
		free(path);
		return;
	}
	struct export_opts o = {format_of(path), ui->cycle->id, r ? r->code : NULL, false, an->basis,
				ui->opt->today};
	struct diags errs = {0};
	int rc = export_to_file(ui->st, ui->s, &o, path, false, &errs);
	if (rc == 1) {
		/* Never overwrite without asking. */
		char *q = xasprintf(_("%s exists. Replace it? (y/n)"), path);
		char *yes = prompt_read(ui, q, NULL);
		free(q);
		rc = yes && (yes[0] == 'y' || yes[0] == 'j') ? export_to_file(ui->st, ui->s, &o, path, true, &errs)
							   : 2;
		free(yes);
	}
	if (rc == 0)
		ui_message(ui, _("Exported to %s"), path);
	else if (rc == 2)
		ui_message(ui, "%s", _("Nothing was written"));
	else if (errs.n)
		ui_message(ui, "%s", errs.v[0].msg);
	diags_free(&errs);
	free(path);
}
