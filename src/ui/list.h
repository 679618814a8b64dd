/* A scrolling list: where its cursor and its first shown row are, and how
 * the movement keys change them. No curses here, so the logic over a list
 * can be tested without a terminal. */
#ifndef INNSPILL_LIST_H
#define INNSPILL_LIST_H
#include "keymap.h"

/* The cursor row and the first row shown. */
struct list {
	int n, cur, top;
};

/* List movement (list.c); page is the number of visible rows. */
bool list_action(struct list *l, enum action a, int page);
void list_clamp(struct list *l, int page);
/* The list now has n rows (a reload): the cursor stays on its row number
 * (the last row when fewer), the first shown row where it was; drawing
 * clamps the view to the page. */
void list_set_count(struct list *l, int n);

#endif
