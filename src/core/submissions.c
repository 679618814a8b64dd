#include "submissions.h"
#include "../i18n.h"
#include "access.h"
#include "limit.h"
#include "store_int.h"
#include "submissions_int.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>

int submission_search(struct store *st, const char *cycle_id, const char *words,
		      long long **ids, int *n)
{
	*ids = NULL;
	*n = 0;
	char *q = limit_fts_query(words);
	if (!q[0]) { /* no words (only blanks): FTS5 calls an empty query an error */
		free(q);
		return 0;
	}
	sqlite3_stmt *s = store_prepare(st,
		/* The match runs once, as a set; joined row by row it ran per row. */
		"SELECT s.id FROM submission s WHERE s.cycle_id = ?2 AND s.current = 1"
		" AND s.id IN (SELECT rowid FROM submission_fts WHERE submission_fts MATCH ?1)");
	if (!s) {
		free(q);
		return -1;
	}
	sqlite3_bind_text(s, 1, q, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, cycle_id, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*ids = xrealloc(*ids, (size_t)(*n + 1) * sizeof **ids);
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	store_release(st, s);
	free(q);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* One text value of a row, by id (NULL when there is none). */
static char *text_of(struct store *st, const char *sql, long long id)
{
	sqlite3_stmt *s = store_prepare(st, sql);
	char *v = NULL;
	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = store_col_text(s, 0);
	store_release(st, s);
	return v;
}

/* Whether a row read at version (-1: not there) is the one the user saw
 * (expected -1: any); if not, errs says why. */
static bool version_holds(long long id, int version, int expected, struct diags *errs)
{
	if (version < 0)
		diags_add(errs, NULL, 0, _("submission %lld does not exist"), id);
	else if (expected >= 0 && version != expected)
		diags_add(errs, NULL, 0,
			  _("submission %lld was changed by someone else meanwhile; look again and retry"),
			  id);
	else
		return true;
	return false;
}

/* The start of every write: the transaction, and the row's current version
 * checked against the one the user saw (-1: do not check). */
static int write_begin(struct store *st, long long id, int expected_version, struct diags *errs)
{
	if (store_begin(st) != 0) {
		diags_add(errs, NULL, 0, "%s", store_errmsg(st));
		return -1;
	}
	if (access_submission(st, id, errs) != 0) {
		store_rollback(st);
		return -1;
	}
	sqlite3_stmt *s = store_prepare(st, "SELECT version FROM submission WHERE id = ?");
	int version = -1;
	if (s) {
		sqlite3_bind_int64(s, 1, id);
		if (sqlite3_step(s) == SQLITE_ROW)
			version = sqlite3_column_int(s, 0);
		store_release(st, s);
	}
	if (version_holds(id, version, expected_version, errs))
		return 0;
	store_rollback(st);
	return -1;
}

/* Bumps the version, writes the audit event and commits; or rolls back. */
static int write_end(struct store *st, int rc, long long id, const char *action,
		     const char *before, const char *after, struct diags *errs)
{
	if (!rc)
		rc = sub_exec_id(st, "UPDATE submission SET version = version + 1 WHERE id = ?", id);
	return store_finish(st, rc, action, "submission", id, before, after, errs, errs->n);
}

/* The note and the search index's entry, in the caller's transaction. */
static int insert_note(struct store *st, long long id, const char *text)
{
	if (submission_unindex(st, id) != 0)
		return -1;
	sqlite3_stmt *s = store_prepare(st,
		"INSERT INTO note (submission_id, author, created_at, text)"
		" VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?)");
	int rc = -1;
	if (s) {
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, st->user, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, text, -1, SQLITE_STATIC);
		rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
		store_release(st, s);
	}
	return rc ? -1 : submission_index(st, id);
}

int submission_add_note(struct store *st, long long id, int expected_version, const char *text,
			struct diags *errs)
{
	if (write_begin(st, id, expected_version, errs) != 0)
		return -1;
	return write_end(st, insert_note(st, id, text), id, "note", NULL, text, errs);
}

int submission_assign_member(struct store *st, long long id, int expected_version,
			     const char *member, struct diags *errs)
{
	if (write_begin(st, id, expected_version, errs) != 0)
		return -1;
	sqlite3_stmt *s = store_prepare(st,
		"SELECT rc.region_code FROM member m LEFT JOIN region_county rc"
		" ON rc.county = m.county WHERE m.number = ?");
	bool known = false;
	char *region = NULL;
	if (s) {
		sqlite3_bind_text(s, 1, member, -1, SQLITE_STATIC);
		known = sqlite3_step(s) == SQLITE_ROW;
		if (known && sqlite3_column_text(s, 0))
			region = xstrdup((const char *)sqlite3_column_text(s, 0));
		store_release(st, s);
	}
	if (!known)
		diags_add(errs, NULL, 0, _("no member has the number %s"), member);
	/* Giving a mail to a member writes in the member's region. */
	if (!known || access_region(st, region, errs) != 0) {
		free(region);
		store_rollback(st);
		return -1;
	}
	free(region);
	s = store_prepare(st, "SELECT cycle_id, member FROM submission WHERE id = ?");
	char *cycle = NULL, *before = NULL;
	if (s) {
		sqlite3_bind_int64(s, 1, id);
		if (sqlite3_step(s) == SQLITE_ROW) {
			cycle = store_col_text(s, 0);
			before = store_col_text(s, 1);
		}
		store_release(st, s);
	}
	/* The member's current submission, if any, becomes the earlier version. */
	long long prev = cycle ? sub_current_of(st, cycle, member) : -1;
	int rc = prev < 0 ? -1 : 0;
	if (!rc && prev > 0 && prev != id)
		rc = sub_exec_id(st, "UPDATE submission SET current = 0 WHERE id = ?", prev);
	s = rc ? NULL
	       : store_prepare(st, "UPDATE submission SET member = ?, current = 1,"
				   " supersedes = coalesce(supersedes, nullif(?, 0)) WHERE id = ?");
	if (s) {
		sqlite3_bind_text(s, 1, member, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, prev != id ? prev : 0);
		sqlite3_bind_int64(s, 3, id);
		rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
		store_release(st, s);
	} else {
		rc = -1;
	}
	rc = write_end(st, rc, id, "assign-member", before, member, errs);
	free(cycle);
	free(before);
	return rc;
}

int submission_set_answer(struct store *st, long long id, int expected_version,
			  const struct answer_in *a, const char *stance, int line_from, int line_to,
			  struct diags *errs)
{
	if (write_begin(st, id, expected_version, errs) != 0)
		return -1;
	int rc = submission_unindex(st, id);
	sqlite3_stmt *s = rc ? NULL : store_prepare(st,
		"INSERT INTO answer (submission_id, cycle_id, question_id, choice, text, stance,"
		"  line_from, line_to)"
		" SELECT id, cycle_id, ?2, ?3, ?4, ?5, nullif(?6, 0), nullif(?7, 0)"
		"   FROM submission WHERE id = ?1"
		" ON CONFLICT(submission_id, question_id) DO UPDATE SET choice = ?3, text = ?4,"
		"   stance = ?5, line_from = nullif(?6, 0), line_to = nullif(?7, 0)");
	rc = -1;
	if (s) {
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, a->question_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, a->choice, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, a->text, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, stance, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 6, line_from);
		sqlite3_bind_int(s, 7, line_to);
		rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
		store_release(st, s);
	}
	if (!rc)
		rc = submission_index(st, id);
	char *after = xasprintf("%s: %s", a->question_id, stance ? stance : (a->choice ? a->choice : ""));
	rc = write_end(st, rc, id, "set-answer", NULL, after, errs);
	free(after);
	return rc;
}

int submission_set_status(struct store *st, long long id, int expected_version,
			  enum sub_status status, struct diags *errs)
{
	return submission_set_status_note(st, id, expected_version, status, NULL, errs);
}

int submission_set_status_note(struct store *st, long long id, int expected_version,
			       enum sub_status status, const char *note, struct diags *errs)
{
	if (write_begin(st, id, expected_version, errs) != 0)
		return -1;
	char *before = text_of(st, "SELECT status FROM submission WHERE id = ?", id);
	sqlite3_stmt *s = store_prepare(st,
		"UPDATE submission SET status = ?, reviewer = ?,"
		" reviewed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?");
	int rc = -1;
	if (s) {
		sqlite3_bind_text(s, 1, status_key(status), -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, st->user, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, id);
		rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
		store_release(st, s);
	}
	/* The status and the note are one change: both are saved, or neither. */
	if (!rc && note)
		rc = store_audit(st, "set-status", "submission", id, before, status_key(status)) ||
		     insert_note(st, id, note) ? -1 : 0;
	rc = note ? write_end(st, rc, id, "note", NULL, note, errs)
		  : write_end(st, rc, id, "set-status", before, status_key(status), errs);
	free(before);
	return rc;
}

/* One row of a bulk change, in the caller's transaction, once the row is
 * known to be allowed and unchanged since the user saw it: writes the change,
 * its audit event and the new version; 1 changed, 0 nothing to do, -1 the
 * database failed. before is the row's status; i its place in the batch. */
typedef int (*change_fn)(struct store *st, long long id, int i, const char *before, void *ctx);

/* 1 changed, 0 left as it was (stale or refused; said in errs), -1 failed. */
static int change_one(struct store *st, long long id, int expected_version, int i, change_fn fn,
		      void *ctx, struct diags *errs)
{
	if (access_submission(st, id, errs) != 0)
		return 0;
	sqlite3_stmt *s = store_prepare(st, "SELECT version, status FROM submission WHERE id = ?");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	int version = -1;
	char *before = NULL;
	if (sqlite3_step(s) == SQLITE_ROW) {
		version = sqlite3_column_int(s, 0);
		before = store_col_text(s, 1);
	}
	store_release(st, s);
	int rc = version_holds(id, version, expected_version, errs) ? fn(st, id, i, before, ctx) : 0;
	free(before);
	return rc;
}

/* A change to many submissions in one transaction: every one still at its
 * version and allowed to the user is changed; the others are said in errs.
 * If the database fails, nothing is written. */
static int change_many(struct store *st, const long long *ids, const int *versions, int n,
		       change_fn fn, void *ctx, bool *changed, struct diags *errs)
{
	int said = errs->n;
	for (int i = 0; i < n; i++)
		changed[i] = false;
	if (store_begin(st) != 0) {
		diags_add(errs, NULL, 0, "%s", store_errmsg(st));
		return -1;
	}
	int count = 0, rc = 0;
	for (int i = 0; i < n && rc >= 0; i++) {
		/* The reasons for the first rows left alone are enough to say. */
		struct diags why = {0};
		rc = change_one(st, ids[i], versions ? versions[i] : -1, i, fn, ctx, &why);
		for (int k = 0; k < why.n && errs->n - said < 10; k++)
			diags_add(errs, why.v[k].file, why.v[k].line, "%s", why.v[k].msg);
		diags_free(&why);
		changed[i] = rc == 1;
		count += rc == 1;
	}
	if (store_end(st, rc < 0 ? -1 : 0, errs, said) != 0) {
		for (int i = 0; i < n; i++)
			changed[i] = false;
		return -1;
	}
	return count;
}

/* The status of each row: one for all, or one per row (undo). */
struct status_change {
	enum sub_status one;
	const enum sub_status *each;
};

static int change_status(struct store *st, long long id, int i, const char *before, void *ctx)
{
	const struct status_change *c = ctx;
	const char *to = status_key(c->each ? c->each[i] : c->one);
	if (before && strcmp(before, to) == 0)
		return 0;
	char now[STORE_NOW_SIZE];
	sqlite3_stmt *s = store_prepare(st, "UPDATE submission SET status = ?, reviewer = ?, reviewed_at = ?,"
					    " version = version + 1 WHERE id = ?");
	int rc = -1;
	if (s) {
		sqlite3_bind_text(s, 1, to, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, st->user, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, store_now(now), -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 4, id);
		rc = sqlite3_step(s) == SQLITE_DONE ? 1 : -1;
		store_release(st, s);
	}
	if (rc == 1 && store_audit(st, "set-status", "submission", id, before, to) != 0)
		rc = -1;
	return rc;
}

int submission_set_status_many(struct store *st, const long long *ids, const int *versions, int n,
			       enum sub_status status, bool *changed, struct diags *errs)
{
	struct status_change c = {status, NULL};
	return change_many(st, ids, versions, n, change_status, &c, changed, errs);
}

int submission_restore_status(struct store *st, const long long *ids,
			      const enum sub_status *statuses, int n, bool *changed,
			      struct diags *errs)
{
	struct status_change c = {STATUS_NEW, statuses};
	return change_many(st, ids, NULL, n, change_status, &c, changed, errs);
}

static int change_note(struct store *st, long long id, int i, const char *before, void *ctx)
{
	(void)i, (void)before;
	const char *text = ctx;
	if (insert_note(st, id, text) != 0 ||
	    sub_exec_id(st, "UPDATE submission SET version = version + 1 WHERE id = ?", id) != 0 ||
	    store_audit(st, "note", "submission", id, NULL, text) != 0)
		return -1;
	return 1;
}

int submission_add_note_many(struct store *st, const long long *ids, const int *versions, int n,
			     const char *text, bool *changed, struct diags *errs)
{
	return change_many(st, ids, versions, n, change_note, (void *)text, changed, errs);
}

static int change_assignee(struct store *st, long long id, int i, const char *status, void *ctx)
{
	(void)i, (void)status;
	const char *login = ctx;
	char *before = text_of(st, "SELECT assignee FROM submission WHERE id = ?", id);
	sqlite3_stmt *s = store_prepare(st, "UPDATE submission SET assignee = ?,"
					    " version = version + 1 WHERE id = ?");
	int rc = -1;
	if (s) {
		sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, id);
		rc = sqlite3_step(s) == SQLITE_DONE ? 1 : -1;
		store_release(st, s);
	}
	if (rc == 1 && store_audit(st, "assign", "submission", id, before, login) != 0)
		rc = -1;
	free(before);
	return rc;
}

int submission_assign_many(struct store *st, const long long *ids, const int *versions, int n,
			   const char *login, bool *changed, struct diags *errs)
{
	return change_many(st, ids, versions, n, change_assignee, (void *)login, changed, errs);
}

int submission_assign(struct store *st, long long id, int expected_version, const char *login,
		      struct diags *errs)
{
	if (write_begin(st, id, expected_version, errs) != 0)
		return -1;
	char *before = text_of(st, "SELECT assignee FROM submission WHERE id = ?", id);
	sqlite3_stmt *s = store_prepare(st, "UPDATE submission SET assignee = ? WHERE id = ?");
	int rc = -1;
	if (s) {
		sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, id);
		rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
		store_release(st, s);
	}
	rc = write_end(st, rc, id, "assign", before, login, errs);
	free(before);
	return rc;
}
