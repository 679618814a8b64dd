/* Review actions in the inbox: status, undo, notes, tags and the ';' prefix,
 * limit, search, sort, member picker, splitting a resolution into answers,
 * attachments and importing. They work the same with a submission open. */
#include "inbox.h"
#include "../core/audit.h"
#include "../core/import.h"
#include "../core/text.h"
#include "../core/util.h"
#include "../i18n.h"
#include <stdlib.h>
#include <string.h>

/* Shows the first problem, or done (which it frees), and reloads the rows. */
static int report(struct ui *ui, struct inbox *ib, struct diags *errs, char *done)
{
	ui_message(ui, "%s", errs->n ? errs->v[0].msg : done);
	free(done);
	diags_free(errs);
	inbox_reload(ui, ib);
	return REDRAW_BODY | REDRAW_STATUS;
}

/* Changes the status of the target rows in one transaction, so that a
 * limit of thousands (T, then ;a) is one write, not thousands. */
static int set_status(struct ui *ui, struct inbox *ib, enum sub_status to, bool prefix)
{
	int *idx, n = inbox_targets(ib, prefix, &idx), m = 0;
	struct diags errs = {0};
	long long *ids = xmalloc((size_t)(n ? n : 1) * sizeof *ids);
	int *versions = xmalloc((size_t)(n ? n : 1) * sizeof *versions);
	bool *changed = xcalloc((size_t)(n ? n : 1), sizeof *changed);
	for (int i = 0; i < n; i++) {
		const struct submission_row *r = &ib->rows[idx[i]];
		if (r->status != to) {
			idx[m] = idx[i];
			ids[m] = r->id;
			versions[m++] = r->version;
		}
	}
	int count = m ? submission_set_status_many(ui->st, ids, versions, m, to, changed, &errs) : 0;
	inbox_undo_batch(ib);
	for (int i = 0; i < m; i++)
		if (changed[i])
			inbox_undo_push(ib, ids[i], ib->rows[idx[i]].status);
	free(idx);
	free(ids);
	free(versions);
	free(changed);
	if (n == 0 && !errs.n)
		diags_add(&errs, NULL, 0, "%s", prefix ? _("No tagged rows are shown")
						       : _("No submission here"));
	/* Moving on after a single change is what makes review fast. */
	if (!prefix && count > 0 && !errs.n && ib->list.cur + 1 < ib->n)
		ib->list.cur++;
	return report(ui, ib, &errs, xasprintf(_("%d marked %s"), count > 0 ? count : 0,
					   status_label(to)));
}

/* Puts the last batch back, each row to the status it had, in one
 * transaction: all of them or none. */
static int undo(struct ui *ui, struct inbox *ib)
{
	int first, n = inbox_undo_last(ib, &first);
	if (n == 0) {
		ui_message(ui, "%s", _("Nothing to undo"));
		return REDRAW_STATUS;
	}
	long long *ids = xmalloc((size_t)n * sizeof *ids);
	enum sub_status *before = xmalloc((size_t)n * sizeof *before);
	bool *changed = xcalloc((size_t)n, sizeof *changed);
	for (int i = 0; i < n; i++) {
		ids[i] = ib->undo[first + i].id;
		before[i] = ib->undo[first + i].before;
	}
	struct diags errs = {0};
	int back = submission_restore_status(ui->st, ids, before, n, changed, &errs);
	free(ids);
	free(before);
	free(changed);
	/* Kept when nothing was written (cancelled, or the database failed):
	 * u tries again. */
	if (back >= 0)
		ib->n_undo = first;
	return report(ui, ib, &errs, xasprintf(_("Undone: %d changed back"), back > 0 ? back : 0));
}

/* The ids and versions of the target rows, for a change to all of them. */
static void target_ids(const struct inbox *ib, const int *idx, int n, long long **ids,
		       int **versions)
{
	*ids = xmalloc((size_t)(n ? n : 1) * sizeof **ids);
	*versions = xmalloc((size_t)(n ? n : 1) * sizeof **versions);
	for (int i = 0; i < n; i++) {
		(*ids)[i] = ib->rows[idx[i]].id;
		(*versions)[i] = ib->rows[idx[i]].version;
	}
}

/* The same note on the target rows, in one transaction. */
static int note(struct ui *ui, struct inbox *ib, bool prefix)
{
	int *idx, n = inbox_targets(ib, prefix, &idx);
	if (n == 0) {
		free(idx);
		ui_message(ui, "%s", _("No submission here"));
		return REDRAW_STATUS;
	}
	char *text = prompt_read(ui, _("Note:"), NULL);
	int changed = 0;
	struct diags errs = {0};
	if (text && text[0]) {
		long long *ids;
		int *versions;
		target_ids(ib, idx, n, &ids, &versions);
		bool *done = xcalloc((size_t)n, sizeof *done);
		changed = submission_add_note_many(ui->st, ids, versions, n, text, done, &errs);
		free(ids);
		free(versions);
		free(done);
	}
	free(idx);
	free(text);
	return report(ui, ib, &errs, xasprintf(_("Note added to %d"), changed > 0 ? changed : 0)) |
	       REDRAW_ALL;
}

/* Tags or untags the current row and moves on to the next. */
static int tag(struct inbox *ib)
{
	long long id = inbox_current_id(ib);
	if (!id)
		return REDRAW_NONE;
	inbox_tag_set(ib, id, !ids_has(ib->tags, ib->n_tags, id));
	if (ib->list.cur + 1 < ib->n)
		ib->list.cur++;
	return REDRAW_BODY;
}

/* Tags every row shown; when all are tagged already, untags them. */
static int tag_all(struct ui *ui, struct inbox *ib)
{
	bool untagged;
	int changed = inbox_tag_all(ib, &untagged);
	ui_message(ui, untagged ? _("%d untagged") : _("%d tagged"), changed);
	return REDRAW_BODY | REDRAW_STATUS;
}

static int limit(struct ui *ui, struct inbox *ib)
{
	char *expr = prompt_read(ui, _("Limit:"), ib->limit.text);
	if (!expr)
		return REDRAW_ALL;
	struct limit l;
	struct diags errs = {0};
	if (limit_parse_for(expr, ui->s, ui->opt->user, &l, &errs) != 0)
		ui_message(ui, "%s", errs.v[0].msg);
	else if (inbox_set_limit(ui, ib, &l) == 0)
		ui_message(ui, _("%d shown"), ib->n);
	diags_free(&errs);
	free(expr);
	return REDRAW_ALL;
}

static int search(struct ui *ui, struct inbox *ib)
{
	char *words = prompt_read(ui, _("Search:"), NULL);
	free(ib->hits);
	ib->hits = NULL;
	ib->n_hits = 0;
	ib->searching = false;
	if (!words || !words[0]) {
		free(words);
		return REDRAW_ALL;
	}
	if (submission_search(ui->st, ui->cycle->id, words, &ib->hits, &ib->n_hits) != 0) {
		ui_message(ui, _("Search failed: %s"), store_errmsg(ui->st));
		free(words);
		return REDRAW_ALL;
	}
	free(words);
	ids_sort(ib->hits, ib->n_hits);
	ib->searching = true;
	int shown, first = inbox_first_hit(ib, &shown);
	if (first >= 0)
		ib->list.cur = first;
	ui_message(ui, _("%d hits (%d shown); n next, p previous"), ib->n_hits, shown);
	return REDRAW_ALL;
}

static int sort(struct ui *ui, struct inbox *ib)
{
	ib->sort = (enum sub_sort)((ib->sort + 1) % SORT_COUNT);
	inbox_reload(ui, ib);
	ui_message(ui, _("Sorted by %s"), sort_label(ib->sort));
	return REDRAW_BODY | REDRAW_STATUS;
}

static int assign(struct ui *ui, struct inbox *ib)
{
	long long id = inbox_current_id(ib);
	if (!id)
		return REDRAW_NONE;
	const struct member_register *reg = ui->cycle->reg;
	char **items = xcalloc((size_t)reg->n_members, sizeof *items);
	for (int i = 0; i < reg->n_members; i++) {
		const struct region *r = settings_region_of_county(ui->s, reg->members[i].county);
		items[i] = xasprintf("%s  %s  (%s)", reg->members[i].number, reg->members[i].name,
				     r ? r->name : "-");
	}
	int chosen = picker_run(ui, _("Member of this submission: type to narrow, Enter chooses"),
				(const char *const *)items, reg->n_members);
	for (int i = 0; i < reg->n_members; i++)
		free(items[i]);
	free(items);
	if (chosen < 0)
		return REDRAW_ALL;
	struct diags errs = {0};
	submission_assign_member(ui->st, id, ib->rows[ib->list.cur].version,
				 reg->members[chosen].number, &errs);
	return report(ui, ib, &errs, xasprintf(_("Member set: %s"), reg->members[chosen].name)) |
	       REDRAW_ALL;
}

static int attachment(struct ui *ui, struct inbox *ib)
{
	struct detail *d = inbox_detail(ui, ib);
	if (!d || d->n_attachments == 0) {
		ui_message(ui, "%s", _("This submission has no attachments"));
		return REDRAW_STATUS;
	}
	int k = 0;
	if (d->n_attachments > 1) {
		char **items = xcalloc((size_t)d->n_attachments, sizeof *items);
		for (int i = 0; i < d->n_attachments; i++)
			items[i] = xasprintf("%s  %s", d->attachments[i].name ? d->attachments[i].name : "-",
					     d->attachments[i].type);
		k = picker_run(ui, _("Which attachment?"), (const char *const *)items,
			       d->n_attachments);
		for (int i = 0; i < d->n_attachments; i++)
			free(items[i]);
		free(items);
		if (k < 0)
			return REDRAW_ALL;
	}
	char *text = detail_attachment_text(ui->st, d->attachments[k].id);
	if (!text) {
		ui_message(ui, _("%s is not a text attachment that can be shown here"),
			   d->attachments[k].type);
		return REDRAW_ALL;
	}
	char **lines;
	int n = text_wrap(text, COLS - 2, &lines);
	free(text);
	pager_open(ui, d->attachments[k].name ? d->attachments[k].name : _("Attachment"), lines, n);
	return REDRAW_ALL;
}

/* Gives the current (or the tagged) submissions to a user from the settings. */
static int give(struct ui *ui, struct inbox *ib, bool prefix)
{
	int *idx, n = inbox_targets(ib, prefix, &idx);
	if (n == 0) {
		free(idx);
		ui_message(ui, "%s", prefix ? _("No tagged rows are shown") : _("No submission here"));
		return REDRAW_STATUS;
	}
	int nu = ui->s->n_users;
	char **items = xcalloc((size_t)nu + 1, sizeof *items);
	items[0] = xstrdup(_("(nobody)"));
	for (int i = 0; i < nu; i++)
		items[i + 1] = xasprintf("%s  (%s)", ui->s->users[i].login,
					 role_name(ui->s->users[i].role));
	int k = picker_run(ui, _("Give to: type to narrow, Enter chooses"),
			   (const char *const *)items, nu + 1);
	for (int i = 0; i <= nu; i++)
		free(items[i]);
	free(items);
	if (k < 0) {
		free(idx);
		return REDRAW_ALL;
	}
	struct diags errs = {0};
	const char *login = k > 0 ? ui->s->users[k - 1].login : NULL;
	long long *ids;
	int *versions;
	target_ids(ib, idx, n, &ids, &versions);
	bool *done = xcalloc((size_t)n, sizeof *done);
	int changed = submission_assign_many(ui->st, ids, versions, n, login, done, &errs);
	free(ids);
	free(versions);
	free(done);
	free(idx);
	if (changed < 0)
		changed = 0;
	return report(ui, ib, &errs, xasprintf(_("%d given to %s"), changed, login ? login : _("nobody"))) |
	       REDRAW_ALL;
}

#define LOG_NEWEST 2000

static void show_log(struct ui *ui, const struct audit_filter *f, const char *title)
{
	struct audit_event *ev;
	int n;
	if (audit_list(ui->st, f, &ev, &n) != 0) {
		ui_message(ui, _("Could not read the log: %s"), store_errmsg(ui->st));
		return;
	}
	bool more = f->newest > 0 && n == f->newest;
	char **lines = xcalloc((size_t)n + 2, sizeof *lines);
	int k = 0;
	if (more)
		lines[k++] = xasprintf(_("(the newest %d events; since:DATE, user:LOGIN or region:CODE "
					 "show older ones)"), n);
	for (int i = 0; i < n; i++)
		lines[k++] = audit_line(&ev[i]);
	audit_free(ev, n);
	if (k == 0)
		lines[k++] = xstrdup(_("(nothing)"));
	pager_open(ui, title, lines, k);
}

static int history(struct ui *ui, struct inbox *ib)
{
	long long id = inbox_current_id(ib);
	if (!id)
		return REDRAW_NONE;
	struct audit_filter f = {.since = DATE_NONE, .submission = id};
	char *title = xasprintf(_("History of submission %lld (q closes)"), id);
	show_log(ui, &f, title);
	free(title);
	return REDRAW_ALL;
}

/* "user:ola region:nordland since:2024-02-01", any of them. */
static int whole_log(struct ui *ui)
{
	char *expr = prompt_read(ui, _("Log for (user:LOGIN region:CODE since:DATE):"), NULL);
	if (!expr)
		return REDRAW_ALL;
	/* The whole log of a busy year is 200 000 events: the newest few
	 * thousand are what is looked for, and they come at once. */
	struct audit_filter f = {.since = DATE_NONE, .newest = LOG_NEWEST};
	char *save = NULL;
	bool ok = true;
	for (char *t = strtok_r(expr, " ", &save); t && ok; t = strtok_r(NULL, " ", &save)) {
		if (strncmp(t, "user:", 5) == 0)
			f.user = t + 5;
		else if (strncmp(t, "region:", 7) == 0)
			f.region = t + 7;
		else if (strncmp(t, "since:", 6) == 0)
			ok = date_parse_any(t + 6, &f.since);
		else
			ok = false;
	}
	if (ok)
		show_log(ui, &f, _("The log (q closes)"));
	else
		ui_message(ui, "%s", _("Use user:LOGIN region:CODE since:YYYY-MM-DD"));
	free(expr);
	return REDRAW_ALL;
}

int inbox_review_action(struct ui *ui, struct inbox *ib, enum action a, bool prefix)
{
	switch (a) {
	case ACT_APPROVE: return set_status(ui, ib, STATUS_APPROVED, prefix);
	case ACT_FOLLOW_UP: return set_status(ui, ib, STATUS_FOLLOW_UP, prefix);
	case ACT_REJECT: return set_status(ui, ib, STATUS_REJECTED, prefix);
	case ACT_REOPEN: return set_status(ui, ib, STATUS_NEW, prefix);
	case ACT_UNDO: return undo(ui, ib);
	case ACT_NOTE: return note(ui, ib, prefix);
	case ACT_TAG: return tag(ib);
	case ACT_TAG_ALL: return tag_all(ui, ib);
	case ACT_TAG_PREFIX:
		ib->prefix = !prefix;
		return REDRAW_ALL;
	case ACT_LIMIT: return limit(ui, ib);
	case ACT_SEARCH: return search(ui, ib);
	case ACT_SORT: return sort(ui, ib);
	case ACT_ASSIGN: return assign(ui, ib);
	case ACT_ATTACHMENT: return attachment(ui, ib);
	case ACT_SPLIT: return inbox_split(ui, ib);
	case ACT_IMPORT: inbox_import(ui, ib); return REDRAW_ALL;
	case ACT_GIVE: return give(ui, ib, prefix);
	case ACT_HISTORY: return history(ui, ib);
	case ACT_LOG: return whole_log(ui);
	default: return REDRAW_NONE;
	}
}
