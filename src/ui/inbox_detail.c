/* The open submission: who sent it and when, the resolution with numbered
 * lines (the numbers are what S splits by), the answers, notes, attachments
 * and earlier versions. All text from a submission is made inert first. */
#include "inbox.h"
#include "../core/text.h"
#include "../core/util.h"
#include "../i18n.h"
#include <stdlib.h>
#include <string.h>

void inbox_detail_invalidate(struct inbox *ib)
{
	struct inbox_detail_view *dv = &ib->dv;
	if (dv->loaded)
		detail_free(&dv->d);
	text_lines_free(dv->lines, dv->n);
	memset(dv, 0, sizeof *dv);
	ib->detail_top = 0;
}

struct detail *inbox_detail(struct ui *ui, struct inbox *ib)
{
	struct inbox_detail_view *dv = &ib->dv;
	long long id = inbox_current_id(ib);
	if (id == 0)
		return NULL;
	if (dv->loaded && dv->id == id)
		return &dv->d;
	inbox_detail_invalidate(ib);
	if (detail_load(ui->st, ui->cycle, id, &dv->d) != 0) {
		ui_message(ui, _("Could not read submission %lld: %s"), id, store_errmsg(ui->st));
		return NULL;
	}
	dv->loaded = true;
	dv->id = id;
	return &dv->d;
}

static void add(struct inbox_detail_view *dv, char *line)
{
	ptrs_push((void ***)&dv->lines, &dv->n, line);
}

/* Adds text wrapped to width with a prefix on the first line and an indent
 * of the same width on the rest. */
static void add_wrapped(struct inbox_detail_view *dv, const char *prefix, const char *text, int width)
{
	int pw = text_width(prefix);
	char **l;
	int n = text_wrap(text, width - pw > 10 ? width - pw : 10, &l);
	for (int i = 0; i < n; i++)
		add(dv, xasprintf("%s%s", i == 0 ? prefix : "", l[i]));
	if (n == 0)
		add(dv, xstrdup(prefix));
	text_lines_free(l, n);
	if (n > 1)
		for (int i = dv->n - n + 1; i < dv->n; i++) {
			char *ind = xasprintf("%*s%s", pw, "", dv->lines[i]);
			free(dv->lines[i]);
			dv->lines[i] = ind;
		}
}

static void add_heading(struct inbox_detail_view *dv, const struct inbox *ib,
			const struct detail *d)
{
	char dec[DATE_BUFSZ], rec[DATE_BUFSZ];
	date_nb(d->row.decided, dec);
	date_nb(d->row.received, rec);
	add(dv, xasprintf("%s%s%s%s%s%s%s", d->row.member_name ? d->row.member_name : _("(unmatched)"),
		      d->body_by ? " · " : "", d->body_by ? d->body_by : "", dec[0] ? " " : "", dec,
		      d->reference ? _(" · case ") : "", d->reference ? d->reference : ""));
	add(dv, xasprintf(_("Received %s%s · %s · %s%s%s"), rec, d->row.late ? _(" (LATE)") : "",
		      d->source ? d->source : "", status_label(d->row.status),
		      d->row.reviewer ? _(" by ") : "", d->row.reviewer ? d->row.reviewer : ""));
	const char *reader = inbox_reader_of(ib, d->row.id);
	if (reader)
		add(dv, xasprintf(_("%s is reading this now"), reader));
	if (d->row.assignee)
		add(dv, xasprintf(_("Given to %s"), d->row.assignee));
	if (d->sender)
		add(dv, xasprintf(_("From: %s"), d->sender));
	if (d->subject)
		add(dv, xasprintf(_("Subject: %s"), d->subject));
}

/* The resolution, numbered by its own lines. */
static void add_body(struct inbox_detail_view *dv, const struct detail *d, int width)
{
	add(dv, xstrdup(""));
	const char *p = d->body ? d->body : "";
	for (int no = 1; *p || no == 1; no++) {
		const char *nl = strchr(p, '\n');
		char *line = xstrndup(p, nl ? (size_t)(nl - p) : strlen(p));
		char *prefix = xasprintf("%3d  ", no);
		add_wrapped(dv, prefix, line, width);
		free(prefix);
		free(line);
		if (!nl)
			break;
		p = nl + 1;
	}
}

static void add_answers(struct inbox_detail_view *dv, const struct detail *d, int width)
{
	add(dv, xstrdup(""));
	add(dv, xstrdup(_("Answers")));
	for (int i = 0; i < d->n_answers; i++) {
		const struct detail_answer *a = &d->answers[i];
		char *title = text_fit(a->q->title, 16);
		char *prefix = xasprintf("%2d %s  ", i + 1, title);
		char *what;
		if (!a->answered)
			what = xstrdup(_("(not answered)"));
		else if (a->stance != STANCE_UNSET)
			what = xasprintf("[%s] %s", stance_label(a->stance), a->text ? a->text : "");
		else
			what = xasprintf("%s%s%s", a->choice ? a->choice : "",
					 a->choice && a->text ? " " : "", a->text ? a->text : "");
		if (a->line_from > 0) {
			char *w = xasprintf(_("%s (lines %d-%d)"), what, a->line_from, a->line_to);
			free(what);
			what = w;
		}
		add_wrapped(dv, prefix, what, width);
		free(what), free(prefix), free(title);
	}
}

static void add_rest(struct inbox_detail_view *dv, const struct detail *d, int width)
{
	if (d->n_notes)
		add(dv, xstrdup("")), add(dv, xstrdup(_("Notes")));
	for (int i = 0; i < d->n_notes; i++) {
		char *prefix = xasprintf("  %s %.10s: ", d->notes[i].author, d->notes[i].created);
		add_wrapped(dv, prefix, d->notes[i].text, width);
		free(prefix);
	}
	if (d->n_attachments)
		add(dv, xstrdup("")), add(dv, xstrdup(_("Attachments (v reads a text one)")));
	for (int i = 0; i < d->n_attachments; i++) {
		const struct detail_attachment *a = &d->attachments[i];
		add(dv, xasprintf("  %s  %s  %lld KB%s", a->name ? a->name : "-", a->type,
			      (a->size + 1023) / 1024, a->stored ? "" : _("  (too large, not kept)")));
	}
	if (d->n_versions)
		add(dv, xstrdup("")), add(dv, xstrdup(_("Earlier versions")));
	for (int i = 0; i < d->n_versions; i++) {
		char rec[DATE_BUFSZ];
		date_nb(d->versions[i].received, rec);
		add(dv, xasprintf(_("  no. %lld received %s (%s)"), d->versions[i].id, rec,
			      d->versions[i].source ? d->versions[i].source : ""));
	}
}

static void build(struct ui *ui, struct inbox *ib, int width)
{
	struct inbox_detail_view *dv = &ib->dv;
	struct detail *d = inbox_detail(ui, ib);
	if (!d || (dv->lines && dv->width == width))
		return;
	text_lines_free(dv->lines, dv->n);
	dv->lines = NULL;
	dv->n = 0;
	dv->width = width;
	add_heading(dv, ib, d);
	add_body(dv, d, width);
	add_answers(dv, d, width);
	add_rest(dv, d, width);
}

void inbox_detail_draw(struct ui *ui, struct inbox *ib, WINDOW *w, int y)
{
	const struct inbox_detail_view *dv = &ib->dv;
	int width = COLS - 2;
	build(ui, ib, width);
	int rows = getmaxy(w) - y;
	if (!dv->loaded) {
		draw_text(w, y, 1, width, inbox_current_id(ib) ? "" : _("No submission from this member"),
			  A_DIM);
		return;
	}
	if (ib->detail_top > dv->n - rows)
		ib->detail_top = dv->n - rows;
	if (ib->detail_top < 0)
		ib->detail_top = 0;
	for (int i = 0; i < rows && ib->detail_top + i < dv->n; i++)
		draw_text(w, y + i, 1, width, dv->lines[ib->detail_top + i],
			  ib->detail_top + i == 0 ? A_BOLD : A_NORMAL);
}

int inbox_detail_scroll(struct ui *ui, struct inbox *ib, int lines)
{
	if (!ib->detail_open) {
		ui_message(ui, "%s", _("Open a submission with Enter first"));
		return REDRAW_STATUS;
	}
	ib->detail_top += lines;
	if (ib->detail_top < 0)
		ib->detail_top = 0;
	return REDRAW_BODY;
}
