#include "timeline.h"
#include "../i18n.h"
#include "store_int.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>

/* Per region: expected members, how many of them answered, how many of those
 * were late. A member's first submission decides whether it was late. */
static const char counts_sql[] =
	"SELECT rc.region_code, SUM(e.expected), SUM(e.expected AND sub.first IS NOT NULL),"
	"       SUM(e.expected AND sub.first > ms.date_to)"
	"  FROM expected e"
	"  JOIN member m ON m.number = e.member"
	"  JOIN region_county rc ON rc.county = m.county"
	"  LEFT JOIN (SELECT member, MIN(received) AS first FROM submission"
	"              WHERE cycle_id = ?1 AND member IS NOT NULL GROUP BY member) sub"
	"         ON sub.member = e.member"
	"  LEFT JOIN milestone ms ON ms.cycle_id = ?1 AND ms.region_code = rc.region_code"
	"       AND ms.kind = 'member_deadline'"
	" WHERE e.cycle_id = ?1"
	" GROUP BY rc.region_code";

bool timeline_next(const struct cycle *c, const struct region_timeline *t, date_t today,
		   struct milestone *out)
{
	struct milestone *all;
	int n = timeline_all(c, t, &all);
	bool found = false;
	for (int i = 0; i < n && !found; i++)
		if (all[i].to >= today) {
			*out = all[i];
			found = true;
		}
	free(all);
	return found;
}

static struct timeline_row *find_row(struct timeline_row *rows, int n, const char *code)
{
	for (int i = 0; i < n; i++)
		if (strcmp(rows[i].region->code, code) == 0)
			return &rows[i];
	return NULL;
}

int timeline_rows(struct store *st, const struct settings *s, const struct cycle *c, date_t today,
		  struct timeline_row **rows, int *n)
{
	*n = s->n_regions;
	*rows = xcalloc((size_t)s->n_regions, sizeof **rows);
	for (int i = 0; i < s->n_regions; i++) {
		struct timeline_row *r = &(*rows)[i];
		r->region = &s->regions[i];
		r->timeline = region_timeline_for(r->region, c->id);
		r->has_next = timeline_next(c, r->timeline, today, &r->next);
	}
	sqlite3_stmt *q = store_prepare(st, counts_sql);
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, c->id, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct timeline_row *r = find_row(*rows, *n, (const char *)sqlite3_column_text(q, 0));
		if (!r)
			continue;
		r->expected = sqlite3_column_int(q, 1);
		r->received = sqlite3_column_int(q, 2);
		r->late = sqlite3_column_int(q, 3);
		r->missing = r->expected - r->received;
	}
	store_release(st, q);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int by_date(const void *a, const void *b)
{
	const struct milestone *x = a, *y = b;
	return x->from != y->from ? (x->from > y->from) - (x->from < y->from)
				  : (int)x->kind - (int)y->kind;
}

int timeline_all(const struct cycle *c, const struct region_timeline *t, struct milestone **out)
{
	int n = t ? t->n_milestones : 0;
	struct milestone *v = xcalloc((size_t)n + 3, sizeof *v);
	for (int i = 0; i < n; i++)
		v[i] = t->milestones[i];
	v[n++] = (struct milestone){MILESTONE_SENT, NULL, c->sent, c->sent};
	v[n++] = (struct milestone){MILESTONE_NATIONAL_DEADLINE, NULL, c->national_deadline,
				    c->national_deadline};
	v[n++] = (struct milestone){MILESTONE_MAIN_BOARD, NULL, c->main_board, c->main_board};
	qsort(v, (size_t)n, sizeof *v, by_date);
	*out = v;
	return n;
}

void timeline_span(const struct settings *s, const struct cycle *c, date_t *from, date_t *to)
{
	*from = c->sent;
	*to = c->main_board;
	for (int i = 0; i < s->n_regions; i++) {
		const struct region_timeline *t = region_timeline_for(&s->regions[i], c->id);
		for (int j = 0; t && j < t->n_milestones; j++) {
			if (t->milestones[j].from < *from)
				*from = t->milestones[j].from;
			if (t->milestones[j].to > *to)
				*to = t->milestones[j].to;
		}
	}
}

const char *member_state_label(enum member_state s)
{
	switch (s) {
	case STATE_ON_TIME: return _("on time");
	case STATE_LATE: return _("late");
	case STATE_MISSING: return _("missing");
	case STATE_NOT_EXPECTED: break;
	}
	return _("not expected");
}

static const char members_sql[] =
	"SELECT e.member, e.expected, sub.first, sub.cur, sub.first > ms.date_to"
	"  FROM expected e"
	"  JOIN member m ON m.number = e.member"
	"  JOIN region_county rc ON rc.county = m.county"
	"  LEFT JOIN (SELECT member, MIN(received) AS first,"
	"                    MAX(CASE WHEN current = 1 THEN id END) AS cur FROM submission"
	"              WHERE cycle_id = ?1 AND member IS NOT NULL GROUP BY member) sub"
	"         ON sub.member = e.member"
	"  LEFT JOIN milestone ms ON ms.cycle_id = ?1 AND ms.region_code = rc.region_code"
	"       AND ms.kind = 'member_deadline'"
	" WHERE e.cycle_id = ?1 AND (?2 IS NULL OR rc.region_code = ?2)"
	" ORDER BY e.member";

int timeline_members(struct store *st, const struct settings *s, const struct cycle *c,
		     const struct region *r, struct member_status **out, int *n)
{
	(void)s;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *q = store_prepare(st, members_sql);
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, c->id, -1, SQLITE_STATIC);
	if (r)
		sqlite3_bind_text(q, 2, r->code, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const struct member *m = members_find(c->reg, (const char *)sqlite3_column_text(q, 0));
		if (!m)
			continue;
		*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		struct member_status *ms = &(*out)[(*n)++];
		ms->member = m;
		const char *first = (const char *)sqlite3_column_text(q, 2);
		if (!first || !date_parse(first, &ms->received))
			ms->received = DATE_NONE;
		ms->submission = sqlite3_column_int64(q, 3);
		if (!sqlite3_column_int(q, 1))
			ms->state = STATE_NOT_EXPECTED;
		else if (ms->received == DATE_NONE)
			ms->state = STATE_MISSING;
		else
			ms->state = sqlite3_column_int(q, 4) ? STATE_LATE : STATE_ON_TIME;
	}
	store_release(st, q);
	return rc == SQLITE_DONE ? 0 : -1;
}

static bool reminded(const struct settings *s, int days)
{
	for (int i = 0; i < s->n_reminders; i++)
		if (days <= s->reminders[i])
			return true;
	return false;
}

static void add_upcoming(struct upcoming **out, int *n, const struct region *r,
			 const struct milestone *m, date_t today, const struct settings *s)
{
	*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
	struct upcoming *u = &(*out)[(*n)++];
	u->region = r;
	u->ms = *m;
	u->days = m->from - today;
	u->reminder = reminded(s, u->days < 0 ? 0 : u->days);
}

static int by_upcoming(const void *a, const void *b)
{
	const struct upcoming *x = a, *y = b;
	if (x->ms.from != y->ms.from)
		return (x->ms.from > y->ms.from) - (x->ms.from < y->ms.from);
	if (!x->region || !y->region)
		return !x->region ? -1 : !y->region;
	return strcmp(x->region->name, y->region->name);
}

static bool in_window(const struct milestone *m, date_t today, int days)
{
	return m->to >= today && m->from <= today + days;
}

int timeline_upcoming(const struct settings *s, const struct cycle *c, date_t today, int days,
		      struct upcoming **out, int *n)
{
	*out = NULL;
	*n = 0;
	struct milestone wide[] = {
		{MILESTONE_SENT, NULL, c->sent, c->sent},
		{MILESTONE_NATIONAL_DEADLINE, NULL, c->national_deadline, c->national_deadline},
		{MILESTONE_MAIN_BOARD, NULL, c->main_board, c->main_board}};
	for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
		if (in_window(&wide[i], today, days))
			add_upcoming(out, n, NULL, &wide[i], today, s);
	for (int i = 0; i < s->n_regions; i++) {
		const struct region_timeline *t = region_timeline_for(&s->regions[i], c->id);
		for (int j = 0; t && j < t->n_milestones; j++)
			if (in_window(&t->milestones[j], today, days))
				add_upcoming(out, n, &s->regions[i], &t->milestones[j], today, s);
	}
	if (*n > 1)
		qsort(*out, (size_t)*n, sizeof **out, by_upcoming);
	return 0;
}

const char *milestone_mark(enum milestone_kind k)
{
	/* TRANSLATORS: one-letter marks on the timeline strip; keep them one
	 * letter each and different from each other. */
	switch (k) {
	case MILESTONE_AUTUMN_CONFERENCE: return _("A");
	case MILESTONE_SENT: return _("S");
	case MILESTONE_MEMBER_DEADLINE: return _("D");
	case MILESTONE_STRATEGY_CONFERENCE: return _("C");
	case MILESTONE_COUNTY_BOARD: return _("B");
	case MILESTONE_NATIONAL_DEADLINE: return "|";
	case MILESTONE_MAIN_BOARD: return _("M");
	case MILESTONE_EXTRA: break;
	}
	return _("X");
}
