#ifndef INNSPILL_STRIP_H
#define INNSPILL_STRIP_H
#include "../core/timeline.h"
#include <curses.h>

struct strip {
	date_t from, to; /* the days it covers */
	int width;       /* columns */
};

int strip_col(const struct strip *s, date_t d);
/* One string per column: the marks as drawn (for drawing and for tests). */
char **strip_cells(const struct strip *s, const struct milestone *ms, int n, date_t today);
void strip_free(char **cells, int width);
void strip_draw(WINDOW *w, int y, int x, const struct strip *s, const struct milestone *ms, int n,
		date_t today);
void strip_draw_months(WINDOW *w, int y, int x, const struct strip *s, date_t today);

#endif
