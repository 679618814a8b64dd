/* The inbox pane's state, shared by its three files: pane_inbox.c (list and
 * moving), inbox_detail.c (the open submission) and inbox_review.c (status,
 * notes, tags, limit, search, import). */
#ifndef INNSPILL_INBOX_H
#define INNSPILL_INBOX_H
#include "ui.h"
#include "../core/detail.h"
#include "../core/limit.h"
#include "../core/presence.h"
#include "../core/submissions.h"

struct undo_entry {
	long long id;
	enum sub_status before;
	int batch;
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
	struct presence_mark *marks; /* who else has which submission open */
	int n_marks;
	char *error; /* why the rows could not be read, or NULL */
};

extern struct inbox ib;

long long inbox_current_id(void);
/* Reads the rows again; -1 when that failed (ib.error says why, and no
 * rows show). */
int inbox_reload(struct ui *ui);
/* Limits the list by l (taken over). When the rows cannot be read with it,
 * the limit and the rows before stay, the status line says why, and -1. */
int inbox_set_limit(struct ui *ui, struct limit *l);
int inbox_page(WINDOW *w);
bool ids_has(const long long *ids, int n, long long id);
void ids_sort(long long *ids, int n);

/* Who else has submission id open, or NULL. */
const char *inbox_reader_of(long long id);

/* inbox_detail.c */
void inbox_detail_invalidate(void);
void inbox_detail_draw(struct ui *ui, WINDOW *w, int y);
int inbox_detail_scroll(struct ui *ui, int lines);
/* The loaded detail of the current row, loading it if needed (NULL: none). */
struct detail *inbox_detail(struct ui *ui);

/* inbox_review.c: returns REDRAW_NONE when the action is not a review one. */
int inbox_review_action(struct ui *ui, enum action a, bool prefix);

/* inbox_edit.c: splitting lines into an answer; importing from the pane. */
int inbox_split(struct ui *ui);
void inbox_import(struct ui *ui);

#endif
