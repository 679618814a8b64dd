/* The inbox pane's state and the part of its logic that needs no terminal
 * (inbox_logic.c): tags, the rows a bulk action works on, undo, the cursor
 * across a reload. No curses here, so it is tested on its own. */
#ifndef INNSPILL_INBOX_LOGIC_H
#define INNSPILL_INBOX_LOGIC_H
#include "list.h"
#include "../core/detail.h"
#include "../core/limit.h"
#include "../core/presence.h"
#include "../core/submissions.h"

struct undo_entry {
	long long id;
	enum sub_status before;
	int batch;
};

/* The open submission's lines, made for one width. */
struct inbox_detail_view {
	long long id; /* whose lines these are; 0: none loaded */
	int width;
	struct detail d;
	bool loaded;
	char **lines;
	int n;
};

struct inbox {
	struct submission_row *rows;
	int n, n_new;
	struct list list;
	struct limit limit;
	enum sub_sort sort;
	long long *tags; /* sorted */
	int n_tags;
	bool prefix;     /* ';' was pressed: the next action goes to the tagged rows */
	bool searching;
	long long *hits; /* sorted */
	int n_hits;
	struct undo_entry *undo;
	int n_undo, batch;
	bool detail_open;
	int detail_top;  /* first line of the open submission shown */
	struct inbox_detail_view dv;
	struct presence_mark *marks; /* who else has which submission open */
	int n_marks;
	char *error; /* why the rows could not be read, or NULL */
};

/* ---- inbox_logic.c: no terminal needed ---- */
bool ids_has(const long long *ids, int n, long long id);
void ids_sort(long long *ids, int n);
long long inbox_current_id(const struct inbox *ib);
/* The row showing submission id, or -1. */
int inbox_find_row(const struct inbox *ib, long long id);
/* Who else has submission id open, or NULL. */
const char *inbox_reader_of(const struct inbox *ib, long long id);
/* Takes over new rows (the old ones freed) and puts the cursor back on
 * submission keep when they show it, else on the same row number; the row
 * under the cursor stays offset rows below the top of a page of page rows
 * (page < 1: not known yet, the drawing fits it). */
void inbox_take_rows(struct inbox *ib, struct submission_row *rows, int n, long long keep,
		     int offset, int page);
/* The rows an action works on: the tagged rows shown (never hidden ones)
 * with prefix, else the current row. Returns the count; *idx is freed by
 * the caller. */
int inbox_targets(const struct inbox *ib, bool prefix, int **idx);
void inbox_tag_set(struct inbox *ib, long long id, bool on);
/* Tags every row shown, or untags them when all are tagged; the count
 * changed, *untagged says which it was. */
int inbox_tag_all(struct inbox *ib, bool *untagged);
/* Starts a new batch of changes for undo. */
void inbox_undo_batch(struct inbox *ib);
void inbox_undo_push(struct inbox *ib, long long id, enum sub_status before);
/* The entries of the last batch: *first is where it starts; the count. */
int inbox_undo_last(const struct inbox *ib, int *first);
/* The next row after (dir 1) or before (dir -1) the cursor that is new, or
 * a search hit while a search is on; -1 when there is none. */
int inbox_next(const struct inbox *ib, int dir);
/* The first search hit at or after the cursor, else the first one; -1 when
 * none is shown. *shown: how many hits are shown. */
int inbox_first_hit(const struct inbox *ib, int *shown);
/* Frees what the state holds and zeroes it. */
void inbox_free(struct inbox *ib);

#endif
