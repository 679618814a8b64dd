/* The inbox's logic without a terminal: where the cursor and the view go
 * when the rows are read again (after a review key or another user's
 * change), tags and the rows a bulk action works on, the undo stack, and
 * moving to the next new row or search hit. Linked with inbox_logic.o and
 * list.o only, no curses. */
#include "testutil.h"

#include "../../src/ui/inbox_logic.h"

/* Rows with ids first, first + 1, ...; every one new. */
static struct submission_row *rows_from(long long first, int n)
{
	struct submission_row *r = xcalloc((size_t)n, sizeof *r);
	for (int i = 0; i < n; i++) {
		r[i].id = first + i;
		r[i].status = STATUS_NEW;
	}
	return r;
}

/* An inbox of n rows (ids 1..n), the cursor on row cur, row top first shown. */
static void inbox_with(struct inbox *ib, int n, int cur, int top)
{
	memset(ib, 0, sizeof *ib);
	ib->rows = rows_from(1, n);
	ib->n = ib->list.n = ib->n_new = n;
	ib->list.cur = cur;
	ib->list.top = top;
}

/* Reads "the same rows" again with the submission at index gone (as when a
 * limit of new ones no longer shows an approved row), as inbox_reload does. */
static void reload_without(struct inbox *ib, long long gone, int page)
{
	long long keep = inbox_current_id(ib);
	int offset = ib->list.cur - ib->list.top;
	struct submission_row *r = xcalloc((size_t)ib->n, sizeof *r);
	int n = 0;
	for (int i = 0; i < ib->n; i++)
		if (ib->rows[i].id != gone)
			r[n++] = ib->rows[i];
	inbox_take_rows(ib, r, n, keep, offset, page);
}

/* The reload after a review key in the middle of a scrolled page: the view
 * stays, the cursor on the same submission on the same screen row. Before
 * the fix the page height was the row count: the view jumped to the top and
 * the cursor then landed on the bottom row. */
static void test_reload_keeps_the_view(void **state)
{
	(void)state;
	struct inbox ib;
	inbox_with(&ib, 100, 50, 40); /* a page of 20 rows: 40..59, cursor on the 11th */
	reload_without(&ib, 0, 20);
	assert_int_equal(ib.list.cur, 50);
	assert_int_equal(ib.list.top, 40);
	assert_int_equal(inbox_current_id(&ib), 51);
	/* Approving moved the cursor to the next row, then the rows came again. */
	ib.list.cur++;
	reload_without(&ib, 0, 20);
	assert_int_equal(inbox_current_id(&ib), 52);
	assert_int_equal(ib.list.top, 40);
	assert_int_equal(ib.list.cur - ib.list.top, 11);
	inbox_free(&ib);
}

/* A row above the cursor is gone: the cursor stays on its submission, now
 * one row up in the list, and on the same screen row. */
static void test_reload_follows_the_submission(void **state)
{
	(void)state;
	struct inbox ib;
	inbox_with(&ib, 100, 50, 40);
	reload_without(&ib, 45, 20);
	assert_int_equal(inbox_current_id(&ib), 51);
	assert_int_equal(ib.list.cur, 49);
	assert_int_equal(ib.list.top, 39);
	assert_int_equal(ib.n, 99);
	assert_int_equal(ib.list.n, 99);
	inbox_free(&ib);
}

/* The submission under the cursor is gone: the cursor stays on the same
 * row number, now the next submission; the view does not move. */
static void test_reload_without_the_current_row(void **state)
{
	(void)state;
	struct inbox ib;
	inbox_with(&ib, 100, 50, 40);
	reload_without(&ib, 51, 20);
	assert_int_equal(ib.list.cur, 50);
	assert_int_equal(ib.list.top, 40);
	assert_int_equal(inbox_current_id(&ib), 52);
	inbox_free(&ib);
}

/* Near the end of a list that got shorter, the page stays full. */
static void test_reload_at_the_end(void **state)
{
	(void)state;
	struct inbox ib;
	inbox_with(&ib, 30, 29, 10); /* rows 10..29, the cursor on the last */
	struct submission_row *r = rows_from(1, 25);
	inbox_take_rows(&ib, r, 25, 30, 19, 20);
	assert_int_equal(ib.list.cur, 24);
	assert_int_equal(ib.list.top, 5);
	/* No rows at all. */
	inbox_take_rows(&ib, NULL, 0, 25, 19, 20);
	assert_int_equal(ib.list.cur, 0);
	assert_int_equal(ib.list.top, 0);
	assert_int_equal(inbox_current_id(&ib), 0);
	inbox_free(&ib);
}

/* The page is not known yet (the terminal too small): the offset is kept
 * and the drawing fits it later. */
static void test_reload_without_a_page(void **state)
{
	(void)state;
	struct inbox ib;
	inbox_with(&ib, 100, 50, 40);
	reload_without(&ib, 0, 0);
	assert_int_equal(ib.list.cur, 50);
	assert_int_equal(ib.list.top, 40);
	inbox_free(&ib);
}

static void test_new_count(void **state)
{
	(void)state;
	struct inbox ib;
	inbox_with(&ib, 3, 0, 0);
	struct submission_row *r = rows_from(1, 4);
	r[1].status = STATUS_APPROVED;
	r[3].id = 0; /* a member without a submission */
	inbox_take_rows(&ib, r, 4, 1, 0, 10);
	assert_int_equal(ib.n_new, 2);
	inbox_free(&ib);
}

/* t toggles one tag, T tags every row shown or untags them all; ';' then
 * works on the tagged rows shown, never on hidden ones or missing members. */
static void test_tags_and_targets(void **state)
{
	(void)state;
	struct inbox ib;
	inbox_with(&ib, 5, 2, 0);
	ib.rows[4].id = 0;
	inbox_tag_set(&ib, 4, true);
	inbox_tag_set(&ib, 2, true);
	inbox_tag_set(&ib, 99, true); /* tagged before a limit hid it */
	inbox_tag_set(&ib, 2, true);
	assert_int_equal(ib.n_tags, 3);
	assert_true(ids_has(ib.tags, ib.n_tags, 2) && ids_has(ib.tags, ib.n_tags, 99));
	int *idx, n = inbox_targets(&ib, true, &idx);
	assert_int_equal(n, 2);
	assert_int_equal(idx[0], 1);
	assert_int_equal(idx[1], 3);
	free(idx);
	n = inbox_targets(&ib, false, &idx);
	assert_int_equal(n, 1);
	assert_int_equal(idx[0], 2);
	free(idx);
	ib.list.cur = 4; /* a missing member: nothing to change */
	assert_int_equal(inbox_targets(&ib, false, &idx), 0);
	free(idx);
	inbox_tag_set(&ib, 4, false);
	assert_int_equal(ib.n_tags, 2);

	bool untagged;
	assert_int_equal(inbox_tag_all(&ib, &untagged), 3); /* 1, 3, 4 */
	assert_false(untagged);
	assert_int_equal(ib.n_tags, 5);
	assert_int_equal(inbox_tag_all(&ib, &untagged), 4); /* all shown; 99 stays */
	assert_true(untagged);
	assert_int_equal(ib.n_tags, 1);
	assert_int_equal(ib.tags[0], 99);
	inbox_free(&ib);
}

/* u puts back the last batch only: a bulk change is one batch. */
static void test_undo_batches(void **state)
{
	(void)state;
	struct inbox ib;
	inbox_with(&ib, 5, 0, 0);
	int first;
	assert_int_equal(inbox_undo_last(&ib, &first), 0);
	inbox_undo_batch(&ib);
	inbox_undo_push(&ib, 1, STATUS_NEW);
	inbox_undo_batch(&ib);
	inbox_undo_push(&ib, 2, STATUS_NEW);
	inbox_undo_push(&ib, 3, STATUS_FOLLOW_UP);
	assert_int_equal(inbox_undo_last(&ib, &first), 2);
	assert_int_equal(first, 1);
	assert_int_equal(ib.undo[first + 1].id, 3);
	assert_int_equal(ib.undo[first + 1].before, STATUS_FOLLOW_UP);
	ib.n_undo = first; /* undone */
	assert_int_equal(inbox_undo_last(&ib, &first), 1);
	assert_int_equal(first, 0);
	assert_int_equal(ib.undo[0].id, 1);
	inbox_free(&ib);
}

/* n and p: the next new row, or the next search hit while a search is on. */
static void test_next_new_and_hits(void **state)
{
	(void)state;
	struct inbox ib;
	inbox_with(&ib, 6, 0, 0);
	ib.rows[1].status = STATUS_APPROVED;
	ib.rows[2].status = STATUS_APPROVED;
	assert_int_equal(inbox_next(&ib, 1), 3);
	ib.list.cur = 3;
	assert_int_equal(inbox_next(&ib, -1), 0);
	ib.list.cur = 5;
	assert_int_equal(inbox_next(&ib, 1), -1);

	ib.hits = xmalloc(2 * sizeof *ib.hits);
	ib.hits[0] = 2, ib.hits[1] = 5;
	ib.n_hits = 2;
	ib.searching = true;
	ib.list.cur = 0;
	assert_int_equal(inbox_next(&ib, 1), 1);
	int shown;
	ib.list.cur = 3;
	assert_int_equal(inbox_first_hit(&ib, &shown), 4); /* the first at or after the cursor */
	assert_int_equal(shown, 2);
	ib.list.cur = 5;
	assert_int_equal(inbox_first_hit(&ib, &shown), 1); /* none after: the first */
	inbox_free(&ib);
}

/* A reload of a plain list (the timeline's regions, the questions) keeps
 * the cursor's row and the view; with fewer rows the cursor goes to the
 * last, and the view follows it only as far as it must. */
static void test_list_set_count(void **state)
{
	(void)state;
	struct list l = {.n = 40, .cur = 25, .top = 20};
	list_set_count(&l, 40);
	assert_int_equal(l.cur, 25);
	assert_int_equal(l.top, 20); /* list_clamp(&l, l.n) put it at 0 */
	list_clamp(&l, 10);
	assert_int_equal(l.top, 20);
	list_set_count(&l, 22);
	assert_int_equal(l.cur, 21);
	assert_int_equal(l.top, 20);
	list_set_count(&l, 0);
	assert_int_equal(l.cur, 0);
	assert_int_equal(l.top, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reload_keeps_the_view),
		cmocka_unit_test(test_reload_follows_the_submission),
		cmocka_unit_test(test_reload_without_the_current_row),
		cmocka_unit_test(test_reload_at_the_end),
		cmocka_unit_test(test_reload_without_a_page),
		cmocka_unit_test(test_new_count),
		cmocka_unit_test(test_tags_and_targets),
		cmocka_unit_test(test_undo_batches),
		cmocka_unit_test(test_next_new_and_hits),
		cmocka_unit_test(test_list_set_count),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
