#include "ui.h"
#include "../core/text.h"
#include "../core/util.h"
#include <stdarg.h>
#include <stdlib.h>

/* A column that does not fit is cut at the window's right edge: ncurses would
 * wrap the rest onto the start of the next line. */
static int fit_width(WINDOW *w, int x, int width)
{
	int room = getmaxx(w) - x;
	return width < room ? width : room;
}

static void draw_fitted(WINDOW *w, int y, int x, int width, const char *s, attr_t attr,
			bool right)
{
	width = fit_width(w, x, width);
	if (width <= 0)
		return;
	/* --ascii, or a locale that is not UTF-8: letters too (ø as o). */
	char *a = text_ascii() ? text_to_ascii(s ? s : "") : NULL;
	const char *v = a ? a : s ? s : "";
	char *t = right ? text_fit_right(v, width) : text_fit(v, width);
	free(a);
	wattron(w, attr);
	mvwaddstr(w, y, x, t);
	wattroff(w, attr);
	free(t);
}

void draw_text(WINDOW *w, int y, int x, int width, const char *s, attr_t attr)
{
	draw_fitted(w, y, x, width, s, attr, false);
}

void draw_text_right(WINDOW *w, int y, int x, int width, const char *s, attr_t attr)
{
	draw_fitted(w, y, x, width, s, attr, true);
}

attr_t ui_attr(const struct ui *ui, enum color c, attr_t mono)
{
	return ui->colors ? (attr_t)COLOR_PAIR(c) | (mono & A_BOLD) : mono;
}

void draw_span(char *buf, size_t n, date_t from, date_t to)
{
	int y1, m1, d1, y2, m2, d2;
	if (from == DATE_NONE) {
		snprintf(buf, n, "-");
		return;
	}
	date_to_ymd(from, &y1, &m1, &d1);
	date_to_ymd(to, &y2, &m2, &d2);
	const char *dash = text_ascii() ? "-" : "\xE2\x80\x93";
	if (from == to)
		snprintf(buf, n, "%02d.%02d", d1, m1);
	else if (m1 == m2)
		snprintf(buf, n, "%02d.%s%02d.%02d", d1, dash, d2, m2);
	else
		snprintf(buf, n, "%02d.%02d%s%02d.%02d", d1, m1, dash, d2, m2);
}

void ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->message, sizeof ui->message, fmt, ap);
	va_end(ap);
}

/* A horizontal bar of width cells for a fraction 0..1, in eighth blocks so
 * small differences show; '#' and '+' when only ASCII can be drawn. */
void draw_bar(WINDOW *w, int y, int x, int width, double frac, attr_t attr)
{
	static const char *const eighths[] = {"", "\xE2\x96\x8F", "\xE2\x96\x8E", "\xE2\x96\x8D",
					      "\xE2\x96\x8C", "\xE2\x96\x8B", "\xE2\x96\x8A",
					      "\xE2\x96\x89"};
	if (width <= 0)
		return;
	if (frac < 0)
		frac = 0;
	if (frac > 1)
		frac = 1;
	int units = (int)(frac * width * 8 + 0.5);
	int full = units / 8, part = units % 8;
	wattron(w, attr);
	wmove(w, y, x);
	for (int i = 0; i < full; i++)
		waddstr(w, text_ascii() ? "#" : "\xE2\x96\x88");
	if (part)
		waddstr(w, text_ascii() ? "+" : eighths[part]);
	wattroff(w, attr);
}
