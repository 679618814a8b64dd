#include "list.h"

void list_clamp(struct list *l, int page)
{
	if (page < 1)
		page = 1;
	if (l->cur >= l->n)
		l->cur = l->n - 1;
	if (l->cur < 0)
		l->cur = 0;
	if (l->top > l->cur)
		l->top = l->cur;
	if (l->cur >= l->top + page)
		l->top = l->cur - page + 1;
	if (l->top > l->n - page)
		l->top = l->n - page;
	if (l->top < 0)
		l->top = 0;
}

void list_set_count(struct list *l, int n)
{
	l->n = n;
	if (l->cur >= n)
		l->cur = n - 1;
	if (l->cur < 0)
		l->cur = 0;
	if (l->top > l->cur)
		l->top = l->cur;
}

/* Moves as the action says; false when the action is not a movement. Paging
 * moves the view and the cursor together, as less and mutt do. */
bool list_action(struct list *l, enum action a, int page)
{
	switch (a) {
	case ACT_DOWN: l->cur++; break;
	case ACT_UP: l->cur--; break;
	case ACT_PAGE_DOWN: l->cur += page, l->top += page; break;
	case ACT_PAGE_UP: l->cur -= page, l->top -= page; break;
	case ACT_FIRST: l->cur = 0; break;
	case ACT_LAST: l->cur = l->n - 1; break;
	default: return false;
	}
	list_clamp(l, page);
	return true;
}
