#include "audit.h"
#include "store_int.h"
#include "text.h"
#include "util.h"
#include <stdlib.h>

/* One submission's history is asked for at a key press, so it has its own
 * statement, which the (entity, entity_id) index answers; the log's filters
 * read the events in order. */
#define LIST_SQL(where)                                                                     \
	"SELECT a.id, a.at, a.user, a.action, a.entity, a.entity_id, a.before, a.after"   \
	"  FROM audit_event a"                                                              \
	"  LEFT JOIN submission s ON a.entity = 'submission' AND s.id = a.entity_id"        \
	"  LEFT JOIN member m ON m.number = s.member"                                       \
	"  LEFT JOIN region_county rc ON rc.county = m.county"                              \
	" WHERE (?1 IS NULL OR a.user = ?1)"                                                \
	"   AND (?2 IS NULL OR rc.region_code = ?2)"                                        \
	"   AND (?3 IS NULL OR a.at >= ?3)" where

static const char list_sql[] = LIST_SQL(" AND ?4 = 0") " ORDER BY a.id";
/* The newest ?5, read from the end (and put in order after). */
static const char newest_sql[] = LIST_SQL(" AND ?4 = 0") " ORDER BY a.id DESC LIMIT ?5";
static const char history_sql[] =
	LIST_SQL(" AND a.entity = 'submission' AND a.entity_id = ?4") " ORDER BY a.id";

static void reverse(struct audit_event *e, int n)
{
	for (int i = 0, j = n - 1; i < j; i++, j--) {
		struct audit_event t = e[i];
		e[i] = e[j];
		e[j] = t;
	}
}

int audit_list(struct store *st, const struct audit_filter *f, struct audit_event **out, int *n)
{
	*out = NULL;
	*n = 0;
	bool newest = !f->submission && f->newest > 0;
	sqlite3_stmt *s = store_prepare(st, f->submission ? history_sql
					    : newest ? newest_sql : list_sql);
	if (!s)
		return -1;
	char since[DATE_BUFSZ];
	sqlite3_bind_text(s, 1, f->user, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, f->region, -1, SQLITE_STATIC);
	if (f->since != DATE_NONE) {
		date_iso(f->since, since);
		sqlite3_bind_text(s, 3, since, -1, SQLITE_STATIC);
	}
	sqlite3_bind_int64(s, 4, f->submission);
	if (newest)
		sqlite3_bind_int(s, 5, f->newest);
	int rc, cap = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*out = xrealloc(*out, (size_t)cap * sizeof **out);
		}
		struct audit_event *e = &(*out)[(*n)++];
		e->id = sqlite3_column_int64(s, 0);
		e->at = store_col_text(s, 1);
		e->user = store_col_text(s, 2);
		e->action = store_col_text(s, 3);
		e->entity = store_col_text(s, 4);
		e->entity_id = sqlite3_column_int64(s, 5);
		e->before = store_col_text(s, 6);
		e->after = store_col_text(s, 7);
	}
	store_release(st, s);
	if (newest)
		reverse(*out, *n);
	return rc == SQLITE_DONE ? 0 : -1;
}

void audit_free(struct audit_event *e, int n)
{
	for (int i = 0; i < n; i++)
		free(e[i].at), free(e[i].user), free(e[i].action), free(e[i].entity), free(e[i].before),
			free(e[i].after);
	free(e);
}

char *audit_line(const struct audit_event *e)
{
	char *line = xasprintf("%s %s %s %s %lld: %s -> %s", e->at, e->user, e->action, e->entity,
			       e->entity_id, e->before ? e->before : "-", e->after ? e->after : "-");
	/* Notes and answers are user text: keep the log one line and inert. */
	char *safe = text_sanitize(line, false);
	free(line);
	return safe;
}
