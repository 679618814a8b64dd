/* The inbox pane: its state (inbox_logic.h), allocated by the main loop and
 * handed to the functions of its files: pane_inbox.c (list and moving),
 * inbox_rows.c (reading the rows), inbox_detail.c (the open submission),
 * inbox_review.c (status, notes, tags, limit, search) and inbox_edit.c
 * (splitting, importing). */
#ifndef INNSPILL_INBOX_H
#define INNSPILL_INBOX_H
#include "inbox_logic.h"
#include "ui.h"

/* ---- inbox_rows.c ---- */
/* Reads the rows again; -1 when that failed (ib->error says why, and no
 * rows show). */
int inbox_reload(struct ui *ui, struct inbox *ib);
/* Limits the list by l (taken over). When the rows cannot be read with it,
 * the limit and the rows before stay, the status line says why, and -1. */
int inbox_set_limit(struct ui *ui, struct inbox *ib, struct limit *l);
int inbox_page(const struct inbox *ib, WINDOW *w);

/* ---- inbox_detail.c ---- */
void inbox_detail_invalidate(struct inbox *ib);
void inbox_detail_draw(struct ui *ui, struct inbox *ib, WINDOW *w, int y);
int inbox_detail_scroll(struct ui *ui, struct inbox *ib, int lines);
/* The loaded detail of the current row, loading it if needed (NULL: none). */
struct detail *inbox_detail(struct ui *ui, struct inbox *ib);

/* ---- inbox_review.c: returns REDRAW_NONE when the action is not a review one. */
int inbox_review_action(struct ui *ui, struct inbox *ib, enum action a, bool prefix);

/* ---- inbox_edit.c: splitting lines into an answer; importing from the pane. */
int inbox_split(struct ui *ui, struct inbox *ib);
void inbox_import(struct ui *ui, struct inbox *ib);

#endif
