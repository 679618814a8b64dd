#include "timeline.h"
#include "util.h"
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

const struct milestone *timeline_next(const struct region_timeline *t, date_t today)
{
	const struct milestone *best = NULL;
	for (int i = 0; t && i < t->n_milestones; i++) {
		const struct milestone *m = &t->milestones[i];
		if (m->to >= today && (!best || m->from < best->from))
			best = m;
	}
	return best;
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
		r->next = timeline_next(r->timeline, today);
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
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : -1;
}
