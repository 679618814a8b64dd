/* The timeline strip: a row of cells from the cycle's first day to the main
 * board, each cell a few days, with a letter per milestone, a span for a
 * conference over several days, and today. Readable without colour. */
#include "ui.h"
#include "strip.h"
#include "../core/text.h"
#include "../core/util.h"
#include "../i18n.h"
#include <stdlib.h>
#include <string.h>

int strip_col(const struct strip *s, date_t d)
{
	if (s->to <= s->from || s->width < 2)
		return 0;
	long c = (long)(d - s->from) * (s->width - 1) / (s->to - s->from);
	return c < 0 ? 0 : c >= s->width ? s->width - 1 : (int)c;
}

/* When two milestones fall in one cell, the one that matters more to staff
 * wins: deadlines first. */
static int priority(enum milestone_kind k)
{
	static const int p[] = {
		[MILESTONE_AUTUMN_CONFERENCE] = 1, [MILESTONE_MEMBER_DEADLINE] = 7,
		[MILESTONE_STRATEGY_CONFERENCE] = 4, [MILESTONE_COUNTY_BOARD] = 5,
		[MILESTONE_EXTRA] = 2, [MILESTONE_SENT] = 3, [MILESTONE_NATIONAL_DEADLINE] = 6,
		[MILESTONE_MAIN_BOARD] = 6};
	return p[k];
}

/* Fills cells (one string per cell) and returns them; caller frees with
 * strip_free. */
char **strip_cells(const struct strip *s, const struct milestone *ms, int n, date_t today)
{
	bool ascii = text_ascii();
	char **cell = xcalloc((size_t)s->width, sizeof *cell);
	int *prio = xcalloc((size_t)s->width, sizeof *prio);
	int tcol = today >= s->from && today <= s->to ? strip_col(s, today) : -1;
	for (int i = 0; i < s->width; i++) {
		bool past = today > s->from + (date_t)((long)(s->to - s->from) * i / (s->width - 1));
		cell[i] = xstrdup(past ? (ascii ? "-" : "\xE2\x94\x80") : (ascii ? "." : "\xC2\xB7"));
	}
	if (tcol >= 0) {
		free(cell[tcol]);
		cell[tcol] = xstrdup(ascii ? ":" : "\xE2\x94\x8A");
	}
	for (int i = 0; i < n; i++) {
		int a = strip_col(s, ms[i].from), b = strip_col(s, ms[i].to), pr = priority(ms[i].kind);
		for (int c = a + 1; c <= b; c++)
			if (prio[c] < pr) {
				free(cell[c]);
				cell[c] = xstrdup("=");
				prio[c] = pr;
			}
		if (prio[a] < pr) {
			free(cell[a]);
			cell[a] = xstrdup(milestone_mark(ms[i].kind));
			prio[a] = pr;
		}
	}
	free(prio);
	return cell;
}

void strip_free(char **cells, int width)
{
	for (int i = 0; i < width; i++)
		free(cells[i]);
	free(cells);
}

void strip_draw(WINDOW *w, int y, int x, const struct strip *s, const struct milestone *ms, int n,
		date_t today)
{
	char **cell = strip_cells(s, ms, n, today);
	for (int i = 0; i < s->width; i++) {
		bool mark = strlen(cell[i]) == 1 && cell[i][0] >= 'A' && cell[i][0] <= 'Z';
		wattron(w, mark ? A_BOLD : 0);
		mvwaddstr(w, y, x + i, cell[i]);
		wattroff(w, mark ? A_BOLD : 0);
	}
	strip_free(cell, s->width);
}

/* Month names at the first of each month, and today's mark. */
void strip_draw_months(WINDOW *w, int y, int x, const struct strip *s, date_t today)
{
	static const char *const months[] = {N_("jan"), N_("feb"), N_("mar"), N_("apr"),
					     N_("may"), N_("jun"), N_("jul"), N_("aug"),
					     N_("sep"), N_("oct"), N_("nov"), N_("dec")};
	int yy, mm, dd, next_free = 0;
	int tcol = today >= s->from && today <= s->to ? strip_col(s, today) : -1;
	date_to_ymd(s->from, &yy, &mm, &dd);
	for (date_t d = date_from_ymd(yy, mm, 1); d <= s->to;) {
		int c = strip_col(s, d);
		const char *name = _(months[mm - 1]);
		int nw = text_width(name);
		/* Today's mark must not cover a letter of the name: the name moves past it. */
		if (tcol >= c && tcol < c + nw)
			c = tcol + 1;
		if (d >= s->from && c >= next_free && c + nw <= s->width) {
			draw_text(w, y, x + c, nw, name, A_NORMAL);
			next_free = c + nw + 1;
		}
		if (++mm > 12)
			mm = 1, yy++;
		d = date_from_ymd(yy, mm, 1);
	}
	if (today >= s->from && today <= s->to)
		mvwaddstr(w, y, x + strip_col(s, today), text_ascii() ? "v" : "\xE2\x96\xBC");
}
