#include "presence.h"
#include "store_int.h"
#include "util.h"
#include <stdlib.h>
#include <unistd.h>

/* A mark is not a change anyone reviews: no audit event, its own small
 * transaction, and a busy database simply means it is tried again later. */
int presence_set(struct store *st, long long id, time_t now)
{
	sqlite3_stmt *s = store_prepare(st,
		id > 0 ? "INSERT INTO presence (user, pid, submission_id, seen_at) VALUES (?, ?, ?, ?)"
			 " ON CONFLICT(user, pid) DO UPDATE SET submission_id = excluded.submission_id,"
			 " seen_at = excluded.seen_at"
		       : "DELETE FROM presence WHERE user = ? AND pid = ? AND ?3 = ?3 AND ?4 = ?4");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, st->user, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)getpid());
	sqlite3_bind_int64(s, 3, id);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)now);
	/* Never waits: during someone's import the screen must not freeze. */
	int patience = store_set_patience(st, 0);
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
	store_set_patience(st, patience);
	store_release(st, s);
	return rc;
}

int presence_others(struct store *st, time_t now, struct presence_mark **out, int *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = store_prepare(st,
		"SELECT submission_id, user FROM presence WHERE seen_at >= ? AND NOT (user = ? AND pid = ?)"
		" ORDER BY submission_id");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)(now - PRESENCE_TTL));
	sqlite3_bind_text(s, 2, st->user, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)getpid());
	while (sqlite3_step(s) == SQLITE_ROW) {
		*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		(*out)[*n].submission = sqlite3_column_int64(s, 0);
		(*out)[*n].user = xstrdup((const char *)sqlite3_column_text(s, 1));
		(*n)++;
	}
	store_release(st, s);
	return 0;
}

void presence_free(struct presence_mark *m, int n)
{
	for (int i = 0; i < n; i++)
		free(m[i].user);
	free(m);
}

int presence_active_others(struct store *st, time_t now)
{
	sqlite3_stmt *s = store_prepare(st,
		"SELECT COUNT(DISTINCT user) FROM ("
		"  SELECT user FROM audit_event WHERE at >= strftime('%Y-%m-%dT%H:%M:%SZ', ?1, 'unixepoch')"
		"  UNION ALL SELECT user FROM presence WHERE seen_at >= ?2) WHERE user != ?3");
	int n = 0;
	if (!s)
		return 0;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)(now - ACTIVE_WINDOW));
	sqlite3_bind_int64(s, 2, (sqlite3_int64)(now - PRESENCE_TTL));
	sqlite3_bind_text(s, 3, st->user, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	store_release(st, s);
	return n;
}
