/* The columns of a table laid out once, instead of by hand in every pane:
 * fixed columns keep their width, flexible ones share what is left (at least
 * their own width each), one gap between columns. Cells are fitted to their
 * column by display width, so wide letters and … never push the next one. */
#include "ui.h"

void table_layout(struct column *c, int n, int x, int right, int gap)
{
	int fixed = 0, flex = 0;
	for (int i = 0; i < n; i++) {
		fixed += (i ? gap + c[i].pad : 0) + (c[i].flex ? 0 : c[i].width);
		flex += c[i].flex;
	}
	int share = flex ? (right - x - fixed) / flex : 0;
	for (int i = 0; i < n; i++) {
		c[i].w = !c[i].flex ? c[i].width : share > c[i].width ? share : c[i].width;
		if (i)
			x += gap + c[i].pad;
		c[i].x = x;
		x += c[i].w;
	}
}

void table_cell(WINDOW *w, int y, const struct column *c, const char *s, attr_t attr)
{
	if (c->right)
		draw_text_right(w, y, c->x, c->w, s, attr);
	else
		draw_text(w, y, c->x, c->w, s, attr);
}

void table_header(WINDOW *w, int y, const struct column *c, int n, attr_t attr)
{
	for (int i = 0; i < n; i++)
		if (c[i].title)
			table_cell(w, y, &c[i], c[i].title, attr);
}
