/* The inbox's logic that needs no terminal: the sorted id sets of tags and
 * search hits, the rows a bulk action works on, the undo stack, and where
 * the cursor and the view go when the rows are read again. */
#include "inbox_logic.h"
#include "../core/text.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

/* ---- sorted arrays of ids ---- */

static int cmp_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

bool ids_has(const long long *ids, int n, long long id)
{
	return ids && bsearch(&id, ids, (size_t)n, sizeof id, cmp_id) != NULL;
}

void ids_sort(long long *ids, int n)
{
	if (n > 1)
		qsort(ids, (size_t)n, sizeof *ids, cmp_id);
}

/* ---- the rows ---- */

long long inbox_current_id(const struct inbox *ib)
{
	return ib->n > 0 ? ib->rows[ib->list.cur].id : 0;
}

int inbox_find_row(const struct inbox *ib, long long id)
{
	for (int i = 0; id && i < ib->n; i++)
		if (ib->rows[i].id == id)
			return i;
	return -1;
}

const char *inbox_reader_of(const struct inbox *ib, long long id)
{
	for (int i = 0; id && i < ib->n_marks; i++)
		if (ib->marks[i].submission == id)
			return ib->marks[i].user;
	return NULL;
}

/* A review action or another user's change reads the rows again: the view
 * must not jump, so the row under the cursor keeps its place on screen. */
void inbox_take_rows(struct inbox *ib, struct submission_row *rows, int n, long long keep,
		     int offset, int page)
{
	submission_rows_free(ib->rows, ib->n);
	ib->rows = rows;
	ib->n = n;
	ib->n_new = 0;
	for (int i = 0; i < n; i++)
		ib->n_new += rows[i].id && rows[i].status == STATUS_NEW;
	struct list *l = &ib->list;
	l->n = n;
	int at = inbox_find_row(ib, keep);
	if (at >= 0)
		l->cur = at;
	if (l->cur >= n)
		l->cur = n - 1;
	if (l->cur < 0)
		l->cur = 0;
	if (offset < 0)
		offset = 0;
	if (page >= 1 && offset >= page)
		offset = page - 1;
	l->top = l->cur - offset;
	if (page >= 1)
		list_clamp(l, page);
	else if (l->top < 0)
		l->top = 0;
}

int inbox_targets(const struct inbox *ib, bool prefix, int **idx)
{
	*idx = xcalloc((size_t)(ib->n ? ib->n : 1), sizeof **idx);
	int n = 0;
	if (!prefix) {
		if (ib->n && ib->rows[ib->list.cur].id)
			(*idx)[n++] = ib->list.cur;
		return n;
	}
	for (int i = 0; i < ib->n; i++)
		if (ib->rows[i].id && ids_has(ib->tags, ib->n_tags, ib->rows[i].id))
			(*idx)[n++] = i;
	return n;
}

/* ---- tags ---- */

void inbox_tag_set(struct inbox *ib, long long id, bool on)
{
	bool has = ids_has(ib->tags, ib->n_tags, id);
	if (on && !has) {
		ib->tags = xrealloc(ib->tags, (size_t)(ib->n_tags + 1) * sizeof *ib->tags);
		ib->tags[ib->n_tags++] = id;
		ids_sort(ib->tags, ib->n_tags);
	} else if (!on && has) {
		int j = 0;
		for (int i = 0; i < ib->n_tags; i++)
			if (ib->tags[i] != id)
				ib->tags[j++] = ib->tags[i];
		ib->n_tags = j;
	}
}

/* The shown ids sorted, so that 100 000 tags are untagged at once. */
static int untag_shown(struct inbox *ib)
{
	long long *shown = xmalloc((size_t)(ib->n ? ib->n : 1) * sizeof *shown);
	for (int i = 0; i < ib->n; i++)
		shown[i] = ib->rows[i].id;
	ids_sort(shown, ib->n);
	int j = 0;
	for (int i = 0; i < ib->n_tags; i++)
		if (!ids_has(shown, ib->n, ib->tags[i]))
			ib->tags[j++] = ib->tags[i];
	free(shown);
	int changed = ib->n_tags - j;
	ib->n_tags = j;
	return changed;
}

int inbox_tag_all(struct inbox *ib, bool *untagged)
{
	bool all = true;
	for (int i = 0; i < ib->n && all; i++)
		all = !ib->rows[i].id || ids_has(ib->tags, ib->n_tags, ib->rows[i].id);
	*untagged = all;
	if (all)
		return untag_shown(ib);
	int changed = 0;
	ib->tags = xrealloc(ib->tags, (size_t)(ib->n_tags + ib->n) * sizeof *ib->tags);
	for (int i = 0; i < ib->n; i++)
		if (ib->rows[i].id && !ids_has(ib->tags, ib->n_tags, ib->rows[i].id))
			ib->tags[ib->n_tags + changed++] = ib->rows[i].id;
	ib->n_tags += changed;
	ids_sort(ib->tags, ib->n_tags);
	return changed;
}

/* ---- undo ---- */

void inbox_undo_batch(struct inbox *ib)
{
	ib->batch++;
}

void inbox_undo_push(struct inbox *ib, long long id, enum sub_status before)
{
	ib->undo = xrealloc(ib->undo, (size_t)(ib->n_undo + 1) * sizeof *ib->undo);
	ib->undo[ib->n_undo++] = (struct undo_entry){id, before, ib->batch};
}

int inbox_undo_last(const struct inbox *ib, int *first)
{
	*first = ib->n_undo;
	if (ib->n_undo == 0)
		return 0;
	int batch = ib->undo[ib->n_undo - 1].batch;
	while (*first > 0 && ib->undo[*first - 1].batch == batch)
		(*first)--;
	return ib->n_undo - *first;
}

/* ---- moving to the next new row or search hit ---- */

int inbox_next(const struct inbox *ib, int dir)
{
	for (int i = ib->list.cur + dir; i >= 0 && i < ib->n; i += dir) {
		const struct submission_row *r = &ib->rows[i];
		bool hit = ib->searching ? ids_has(ib->hits, ib->n_hits, r->id)
					 : r->id && r->status == STATUS_NEW;
		if (hit)
			return i;
	}
	return -1;
}

int inbox_first_hit(const struct inbox *ib, int *shown)
{
	int first = -1;
	*shown = 0;
	for (int i = 0; i < ib->n; i++)
		if (ids_has(ib->hits, ib->n_hits, ib->rows[i].id)) {
			(*shown)++;
			if (first < 0 || (first < ib->list.cur && i >= ib->list.cur))
				first = i;
		}
	return first;
}

void inbox_free(struct inbox *ib)
{
	submission_rows_free(ib->rows, ib->n);
	limit_free(&ib->limit);
	presence_free(ib->marks, ib->n_marks);
	free(ib->error);
	free(ib->tags);
	free(ib->hits);
	free(ib->undo);
	if (ib->dv.loaded)
		detail_free(&ib->dv.d);
	text_lines_free(ib->dv.lines, ib->dv.n);
	memset(ib, 0, sizeof *ib);
}
