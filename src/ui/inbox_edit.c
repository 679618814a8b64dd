/* Two longer dialogues of the inbox: splitting lines of an e-mailed
 * resolution into an answer, and importing files from inside the program. */
#include "inbox.h"
#include "../core/import.h"
#include "../core/text.h"
#include "../core/util.h"
#include "../i18n.h"
#include <stdlib.h>
#include <string.h>

/* Asks for a number in 1..max; 0 when cancelled or wrong (with a message). */
static int ask_number(struct ui *ui, const char *label, int max)
{
	char *s = prompt_read(ui, label, NULL);
	char *end = NULL;
	long v = s ? strtol(s, &end, 10) : 0;
	bool ok = s && end != s && *end == '\0' && v >= 1 && v <= max;
	if (s && !ok)
		ui_message(ui, _("Give a number from 1 to %d"), max);
	free(s);
	return ok ? (int)v : 0;
}

static int body_lines(const char *body)
{
	int n = 1;
	for (const char *p = body; *p; p++)
		n += *p == '\n';
	return n;
}

/* "3-5", "4" or empty for all lines; false on nonsense. */
static bool parse_range(const char *s, int max, int *from, int *to)
{
	if (!s[0]) {
		*from = 1, *to = max;
		return true;
	}
	char *end;
	long a = strtol(s, &end, 10), b = a;
	if (end == s)
		return false;
	if (*end == '-') {
		char *e2;
		b = strtol(end + 1, &e2, 10);
		if (e2 == end + 1 || *e2)
			return false;
	} else if (*end) {
		return false;
	}
	if (a < 1 || b < a || b > max)
		return false;
	*from = (int)a, *to = (int)b;
	return true;
}

/* Lines from..to of the body, joined with spaces. */
static char *quote_lines(const char *body, int from, int to)
{
	char *out = xstrdup("");
	const char *p = body;
	for (int no = 1; p && no <= to; no++) {
		const char *nl = strchr(p, '\n');
		if (no >= from) {
			size_t len = nl ? (size_t)(nl - p) : strlen(p);
			char *line = xstrndup(p, len);
			char *next = xasprintf("%s%s%s", out, out[0] && line[0] ? " " : "", line);
			free(out), free(line);
			out = next;
		}
		p = nl ? nl + 1 : NULL;
	}
	return out;
}

static const char *ask_stance(struct ui *ui)
{
	char *s = prompt_read(ui, _("Stance: a agree, d disagree, p partly, n no answer, Enter none:"),
			      NULL);
	const char *stance = NULL;
	if (s && s[0]) {
		static const char *const keys[] = {"a", "agree", "d", "disagree", "p", "partly",
						   "n", "none"};
		for (int i = 0; i < 8; i += 2)
			if (strcmp(s, keys[i]) == 0)
				stance = keys[i + 1];
		if (!stance)
			ui_message(ui, "%s", _("Stance: type a, d, p or n"));
	}
	free(s);
	return stance;
}

int inbox_split(struct ui *ui, struct inbox *ib)
{
	struct detail *d = inbox_detail(ui, ib);
	if (!d) {
		ui_message(ui, "%s", _("No submission here"));
		return REDRAW_STATUS;
	}
	ib->detail_open = true;
	ui_draw_now(ui);
	int max = body_lines(d->body ? d->body : "");
	char *label = xasprintf(_("Lines of the resolution (1-%d, e.g. 3-5; Enter: all):"), max);
	char *range = prompt_read(ui, label, NULL);
	free(label);
	int from, to;
	if (!range || !parse_range(range, max, &from, &to)) {
		if (range)
			ui_message(ui, _("Give lines as 3-5 or 4, from 1 to %d"), max);
		free(range);
		return REDRAW_ALL;
	}
	free(range);
	char *qlabel = xasprintf(_("Which question (1-%d)?"), ui->cycle->n_questions);
	int qn = ask_number(ui, qlabel, ui->cycle->n_questions);
	free(qlabel);
	if (!qn)
		return REDRAW_ALL;
	const struct question *q = &ui->cycle->questions[qn - 1];
	struct answer_in a = {q->id, NULL, NULL};
	const char *stance = NULL;
	if (q->kind == QUESTION_CHOICE) {
		char *ol = xasprintf(_("Which option (1-%d)? %s"), q->n_options, q->options[0]);
		int on = ask_number(ui, ol, q->n_options);
		free(ol);
		if (!on)
			return REDRAW_ALL;
		a.choice = q->options[on - 1];
	} else {
		stance = ask_stance(ui);
	}
	char *text = quote_lines(d->body ? d->body : "", from, to);
	a.text = text;
	struct diags errs = {0};
	long long id = d->row.id;
	int version = d->row.version;
	if (submission_set_answer(ui->st, id, version, &a, stance, from, to, &errs) == 0)
		ui_message(ui, _("Lines %d-%d are now the answer to question %d"), from, to, qn);
	else
		ui_message(ui, "%s", errs.v[0].msg);
	diags_free(&errs);
	free(text);
	inbox_reload(ui, ib);
	return REDRAW_ALL;
}

/* Draws a progress bar on the status line while an import runs: at most ten
 * times a second, as 30 000 rows a second would otherwise send a bar each
 * over a slow link. No key is read meanwhile, so a signal or a terminal
 * that is gone ends the program from here (the import undone), and the
 * window's size is asked for here. */
static void progress(void *ctx, long done, long total)
{
	struct ui *ui = ctx;
	static long long last;
	if (ui_interrupted())
		ui_abort(ui);
	long long now = ui_clock_ms();
	if (done > 1 && done != total && now - last < 100)
		return;
	last = now;
	if (input_terminal_gone())
		ui_abort(ui);
	ui_follow_size(ui);
	if (!ui->status)
		return; /* too small: the screen says so */
	char *t = total > 0 ? xasprintf(_("Importing %ld of %ld"), done, total)
			    : xasprintf(_("Importing %ld"), done);
	werase(ui->status);
	int w = COLS - 2, filled = total > 0 ? (int)((long)w * done / total) : 0;
	draw_text(ui->status, 0, 1, w, t, A_BOLD);
	mvwchgat(ui->status, 0, 1, filled, A_REVERSE, 0, NULL);
	wnoutrefresh(ui->status);
	doupdate();
	free(t);
}

void inbox_import(struct ui *ui, struct inbox *ib)
{
	char *path = prompt_read(ui, _("Import file or folder:"), NULL);
	if (!path || !path[0]) {
		free(path);
		return;
	}
	struct import_opts o = {ui->cycle->id, false, ui->opt->today, progress, ui};
	struct import_result r;
	struct diags errs = {0};
	const char *paths[] = {path};
	if (import_paths(ui->st, ui->s, &o, paths, 1, &r, &errs) != 0) {
		char **lines = NULL;
		int n = 0;
		for (int i = 0; i < errs.n; i++)
			ptrs_push((void ***)&lines, &n,
				  errs.v[i].line ? xasprintf("%s:%d: %s", errs.v[i].file, errs.v[i].line,
							     errs.v[i].msg)
						 : xasprintf("%s: %s", errs.v[i].file ? errs.v[i].file : "",
							     errs.v[i].msg));
		char *title = xasprintf(ngettext("%d problem; nothing was imported (q closes)",
						 "%d problems; nothing was imported (q closes)",
						 (unsigned long)errs.n), errs.n);
		pager_open(ui, title, lines, n);
		free(title);
	} else {
		ui_message(ui, _("Imported: %d new, %d new versions, %d already there, %d unmatched"),
			   r.added, r.new_versions, r.unchanged, r.unmatched);
		inbox_reload(ui, ib);
	}
	diags_free(&errs);
	free(path);
}
