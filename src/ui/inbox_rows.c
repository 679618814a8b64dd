/* Reading the inbox's rows: again after a change, or with another limit;
 * and how many of them a page shows. */
#include "inbox.h"
#include "../core/util.h"
#include "../i18n.h"
#include <stdlib.h>
#include <time.h>

/* How many list rows show: all but the header and the counter line, or a
 * third of the body when a submission is open below. */
int inbox_page(const struct inbox *ib, WINDOW *w)
{
	int h = getmaxy(w);
	if (!ib->detail_open)
		return h - 2;
	int idx = h / 3 - 1;
	return idx < 3 ? 3 : idx;
}

/* Reads the rows again, keeping the cursor on the same submission and the
 * rows around it where they were on screen. */
int inbox_reload(struct ui *ui, struct inbox *ib)
{
	long long keep = inbox_current_id(ib);
	int offset = ib->list.cur - ib->list.top;
	struct submission_row *rows;
	int n;
	free(ib->error);
	ib->error = NULL;
	if (submissions_query(ui->st, ui->cycle->id, &ib->limit, ib->sort, &rows, &n) != 0) {
		ib->error = xstrdup(store_errmsg(ui->st));
		ui_message(ui, _("Could not read the inbox: %s"), ib->error);
	}
	inbox_take_rows(ib, rows, n, keep, offset, ui->body ? inbox_page(ib, ui->body) : 0);
	presence_free(ib->marks, ib->n_marks);
	presence_others(ui->st, time(NULL), &ib->marks, &ib->n_marks);
	inbox_detail_invalidate(ib);
	return ib->error ? -1 : 0;
}

int inbox_set_limit(struct ui *ui, struct inbox *ib, struct limit *l)
{
	struct limit before = ib->limit;
	long long at = inbox_current_id(ib);
	ib->limit = *l;
	ib->list.cur = ib->list.top = 0;
	if (inbox_reload(ui, ib) == 0) {
		limit_free(&before);
		return 0;
	}
	/* Not "nothing matches": the query failed. The list stays as it was
	 * and the status line says why. */
	char *why = ib->error;
	ib->error = NULL;
	limit_free(&ib->limit);
	ib->limit = before;
	inbox_reload(ui, ib);
	if (inbox_find_row(ib, at) >= 0)
		ib->list.cur = inbox_find_row(ib, at);
	ui_message(ui, _("This limit could not be used: %s"), why);
	free(why);
	return -1;
}

