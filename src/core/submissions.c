#include "submissions.h"
#include "../i18n.h"
#include "access.h"
#include "limit.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>

static const char *const status_keys[STATUS_COUNT] = {"new", "approved", "follow-up", "rejected"};

const char *status_key(enum sub_status s)
{
	return status_keys[s];
}

bool status_parse(const char *key, enum sub_status *out)
{
	for (int i = 0; i < STATUS_COUNT; i++)
		if (strcmp(key, status_keys[i]) == 0) {
			*out = (enum sub_status)i;
			return true;
		}
	return false;
}

const char *status_label(enum sub_status s)
{
	switch (s) {
	case STATUS_APPROVED: return _("approved");
	case STATUS_FOLLOW_UP: return _("follow-up");
	case STATUS_REJECTED: return _("rejected");
	case STATUS_NEW: break;
	}
	return _("new");
}

static void bind_date(sqlite3_stmt *s, int i, date_t d)
{
	char buf[DATE_BUFSZ];
	if (d == DATE_NONE) {
		sqlite3_bind_null(s, i);
		return;
	}
	date_iso(d, buf);
	sqlite3_bind_text(s, i, buf, -1, SQLITE_TRANSIENT);
}

static int insert_answer(struct store *st, long long sid, const char *cycle,
			 const struct answer_in *a)
{
	sqlite3_stmt *s = store_prepare(st,
		"INSERT INTO answer (submission_id, cycle_id, question_id, choice, text)"
		" VALUES (?, ?, ?, ?, ?)");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, sid);
	sqlite3_bind_text(s, 2, cycle, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, a->question_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, a->choice, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, a->text, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
	store_release(st, s);
	return rc;
}

/* The member's current submission in the cycle, or 0. */
static long long current_of(struct store *st, const char *cycle, const char *member)
{
	if (!member)
		return 0;
	sqlite3_stmt *s = store_prepare(st,
		"SELECT id FROM submission WHERE cycle_id = ? AND member = ? AND current = 1");
	long long id = 0;
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, cycle, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, member, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	store_release(st, s);
	return id;
}

static int exec_id(struct store *st, const char *sql, long long id)
{
	sqlite3_stmt *s = store_prepare(st, sql);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
	store_release(st, s);
	return rc;
}

static int insert_attachment(struct store *st, long long sid, const struct attachment_in *a)
{
	sqlite3_stmt *s = store_prepare(st,
		"INSERT INTO attachment (submission_id, name, type, size, data) VALUES (?, ?, ?, ?, ?)");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, sid);
	sqlite3_bind_text(s, 2, a->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, a->type ? a->type : "application/octet-stream", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)a->size);
	sqlite3_bind_blob64(s, 5, a->data, a->size, SQLITE_STATIC);
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
	store_release(st, s);
	return rc;
}

/* The search index row of a submission is rebuilt from its texts whenever
 * one of them changes: simple, and cheap for one row. */
int submission_reindex(struct store *st, long long id)
{
	if (exec_id(st, "DELETE FROM submission_fts WHERE rowid = ?", id) != 0)
		return -1;
	return exec_id(st,
		"INSERT INTO submission_fts (rowid, body, answers, notes)"
		" SELECT s.id, s.body || ' ' || coalesce(s.subject, ''),"
		"  (SELECT group_concat(coalesce(a.choice, '') || ' ' || coalesce(a.text, ''), ' ')"
		"     FROM answer a WHERE a.submission_id = s.id),"
		"  (SELECT group_concat(n.text, ' ') FROM note n WHERE n.submission_id = s.id)"
		"  FROM submission s WHERE s.id = ?", id);
}

static int insert_row(struct store *st, const struct submission_in *in, long long prev)
{
	sqlite3_stmt *s = store_prepare(st,
		"INSERT INTO submission (cycle_id, member, received, decided, body_by, reference,"
		" body, source, content_hash, message_id, sender, subject, origin, supersedes,"
		" created_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
		" strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, in->cycle_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, in->member, -1, SQLITE_STATIC);
	bind_date(s, 3, in->received);
	bind_date(s, 4, in->decided);
	sqlite3_bind_text(s, 5, in->body_by, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, in->reference, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, in->body ? in->body : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, in->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, in->content_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 10, in->message_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 11, in->sender, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 12, in->subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 13, in->origin, -1, SQLITE_STATIC);
	if (prev > 0)
		sqlite3_bind_int64(s, 14, prev);
	else
		sqlite3_bind_null(s, 14);
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
	store_release(st, s);
	return rc;
}

int submission_insert(struct store *st, const struct submission_in *in, long long *id)
{
	long long prev = current_of(st, in->cycle_id, in->member);
	if (prev < 0 || (prev > 0 && exec_id(st, "UPDATE submission SET current = 0 WHERE id = ?",
					     prev) != 0))
		return -1;
	if (insert_row(st, in, prev) != 0)
		return -1;
	long long sid = sqlite3_last_insert_rowid(st->db);
	int rc = 0;
	for (int i = 0; i < in->n_answers && !rc; i++)
		rc = insert_answer(st, sid, in->cycle_id, &in->answers[i]);
	for (int i = 0; i < in->n_attachments && !rc; i++)
		rc = insert_attachment(st, sid, &in->attachments[i]);
	/* A bulk import indexes all its rows at the end, in one statement. */
	if (!rc && !st->defer_index)
		rc = submission_reindex(st, sid);
	if (!rc)
		rc = store_audit(st, prev > 0 ? "insert-version" : "insert", "submission", sid, NULL,
				 in->member);
	if (!rc && id)
		*id = sid;
	return rc ? -1 : prev > 0;
}

bool submission_hash_exists(struct store *st, const char *cycle_id, const char *hash)
{
	sqlite3_stmt *s = store_prepare(st,
		"SELECT 1 FROM submission WHERE cycle_id = ? AND content_hash = ?");
	bool found = false;
	if (!s)
		return false;
	sqlite3_bind_text(s, 1, cycle_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, hash, -1, SQLITE_STATIC);
	found = sqlite3_step(s) == SQLITE_ROW;
	store_release(st, s);
	return found;
}

int submission_search(struct store *st, const char *cycle_id, const char *words,
		      long long **ids, int *n)
{
	*ids = NULL;
	*n = 0;
	char *q = limit_fts_query(words);
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

int submission_index_since(struct store *st, long long first_id)
{
	return exec_id(st,
		"INSERT INTO submission_fts (rowid, body, answers, notes)"
		" SELECT s.id, s.body || ' ' || coalesce(s.subject, ''),"
		"  (SELECT group_concat(coalesce(a.choice, '') || ' ' || coalesce(a.text, ''), ' ')"
		"     FROM answer a WHERE a.submission_id = s.id),"
		"  (SELECT group_concat(n.text, ' ') FROM note n WHERE n.submission_id = s.id)"
		"  FROM submission s WHERE s.id >= ?", first_id);
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

/* The start of every write: the transaction, and the row's current version
 * checked against the one the user saw (-1: do not check). */
static int write_begin(struct store *st, long long id, int expected_version, struct diags *errs)
{
	if (store_begin(st) != 0) {
		diags_add(errs, NULL, 0, _("the database is busy; try again: %s"), store_errmsg(st));
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
	if (version < 0)
		diags_add(errs, NULL, 0, _("submission %lld does not exist"), id);
	else if (expected_version >= 0 && version != expected_version)
		diags_add(errs, NULL, 0,
			  _("submission %lld was changed by someone else meanwhile; look again and retry"),
			  id);
	else
		return 0;
	store_rollback(st);
	return -1;
}

/* Bumps the version, writes the audit event and commits; or rolls back. */
static int write_end(struct store *st, int rc, long long id, const char *action,
		     const char *before, const char *after, struct diags *errs)
{
	if (!rc)
		rc = exec_id(st, "UPDATE submission SET version = version + 1 WHERE id = ?", id);
	return store_finish(st, rc, action, "submission", id, before, after, errs, errs->n);
}

int submission_add_note(struct store *st, long long id, int expected_version, const char *text,
			struct diags *errs)
{
	if (write_begin(st, id, expected_version, errs) != 0)
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
	if (!rc)
		rc = submission_reindex(st, id);
	return write_end(st, rc, id, "note", NULL, text, errs);
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
	long long prev = cycle ? current_of(st, cycle, member) : -1;
	int rc = prev < 0 ? -1 : 0;
	if (!rc && prev > 0 && prev != id)
		rc = exec_id(st, "UPDATE submission SET current = 0 WHERE id = ?", prev);
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
	sqlite3_stmt *s = store_prepare(st,
		"INSERT INTO answer (submission_id, cycle_id, question_id, choice, text, stance,"
		"  line_from, line_to)"
		" SELECT id, cycle_id, ?2, ?3, ?4, ?5, nullif(?6, 0), nullif(?7, 0)"
		"   FROM submission WHERE id = ?1"
		" ON CONFLICT(submission_id, question_id) DO UPDATE SET choice = ?3, text = ?4,"
		"   stance = ?5, line_from = nullif(?6, 0), line_to = nullif(?7, 0)");
	int rc = -1;
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
		rc = submission_reindex(st, id);
	char *after = xasprintf("%s: %s", a->question_id, stance ? stance : (a->choice ? a->choice : ""));
	rc = write_end(st, rc, id, "set-answer", NULL, after, errs);
	free(after);
	return rc;
}

int submission_set_status(struct store *st, long long id, int expected_version,
			  enum sub_status status, struct diags *errs)
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
	rc = write_end(st, rc, id, "set-status", before, status_key(status), errs);
	free(before);
	return rc;
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
