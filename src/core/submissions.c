#include "submissions.h"
#include "../i18n.h"
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

static date_t column_date(sqlite3_stmt *s, int i)
{
	const char *v = (const char *)sqlite3_column_text(s, i);
	date_t d;
	return v && date_parse(v, &d) ? d : DATE_NONE;
}

static char *column_dup(sqlite3_stmt *s, int i)
{
	const char *v = (const char *)sqlite3_column_text(s, i);
	return v ? xstrdup(v) : NULL;
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
	sqlite3_finalize(s);
	return rc;
}

int submission_insert(struct store *st, const struct submission_in *in, long long *id)
{
	sqlite3_stmt *s = store_prepare(st,
		"INSERT INTO submission (cycle_id, member, received, decided, body_by, reference,"
		" body, source, content_hash, created_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
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
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(s);
	if (rc)
		return -1;
	long long sid = sqlite3_last_insert_rowid(st->db);
	for (int i = 0; i < in->n_answers && !rc; i++)
		rc = insert_answer(st, sid, in->cycle_id, &in->answers[i]);
	if (!rc)
		rc = store_audit(st, "insert", "submission", sid, NULL, in->member);
	if (!rc && id)
		*id = sid;
	return rc;
}

/* Lateness is decided here, in one place: received after the member
 * deadline of the member's region; received on the deadline day is on time. */
static const char list_sql[] =
	"SELECT s.id, s.member, m.name, r.code, r.name, s.received, s.decided, s.status,"
	"       s.reviewer, s.received > ms.date_to, s.version"
	"  FROM submission s"
	"  LEFT JOIN member m ON m.number = s.member"
	"  LEFT JOIN region_county rc ON rc.county = m.county"
	"  LEFT JOIN region r ON r.code = rc.region_code"
	"  LEFT JOIN milestone ms ON ms.cycle_id = s.cycle_id AND ms.region_code = r.code"
	"       AND ms.kind = 'member_deadline'"
	" WHERE s.cycle_id = ? AND s.current = 1"
	" ORDER BY s.received DESC, s.id DESC";

static void read_row(sqlite3_stmt *s, struct submission_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(s, 0);
	const char *num = (const char *)sqlite3_column_text(s, 1);
	snprintf(r->member, sizeof r->member, "%s", num ? num : "");
	r->member_name = column_dup(s, 2);
	r->region_code = column_dup(s, 3);
	r->region_name = column_dup(s, 4);
	r->received = column_date(s, 5);
	r->decided = column_date(s, 6);
	const char *status = (const char *)sqlite3_column_text(s, 7);
	if (!status || !status_parse(status, &r->status))
		r->status = STATUS_NEW;
	r->reviewer = column_dup(s, 8);
	r->late = sqlite3_column_int(s, 9) != 0;
	r->version = sqlite3_column_int(s, 10);
}

int submissions_list(struct store *st, const char *cycle_id, struct submission_row **rows, int *n)
{
	*rows = NULL;
	*n = 0;
	sqlite3_stmt *s = store_prepare(st, list_sql);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, cycle_id, -1, SQLITE_STATIC);
	int cap = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			*rows = xrealloc(*rows, (size_t)cap * sizeof **rows);
		}
		read_row(s, &(*rows)[(*n)++]);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

void submission_rows_free(struct submission_row *rows, int n)
{
	for (int i = 0; i < n; i++) {
		free(rows[i].member_name);
		free(rows[i].region_code);
		free(rows[i].region_name);
		free(rows[i].reviewer);
	}
	free(rows);
}

int submission_set_status(struct store *st, long long id, int expected_version,
			  enum sub_status status, struct diags *errs)
{
	if (store_begin(st) != 0) {
		diags_add(errs, NULL, 0, _("the database is busy; try again: %s"), store_errmsg(st));
		return -1;
	}
	sqlite3_stmt *s = store_prepare(st, "SELECT status, version FROM submission WHERE id = ?");
	char *before = NULL;
	int version = -1;
	if (s) {
		sqlite3_bind_int64(s, 1, id);
		if (sqlite3_step(s) == SQLITE_ROW) {
			before = column_dup(s, 0);
			version = sqlite3_column_int(s, 1);
		}
		sqlite3_finalize(s);
	}
	int rc = -1;
	if (version < 0) {
		diags_add(errs, NULL, 0, _("submission %lld does not exist"), id);
	} else if (expected_version >= 0 && version != expected_version) {
		diags_add(errs, NULL, 0,
			  _("submission %lld was changed by someone else meanwhile; look again and retry"),
			  id);
	} else {
		s = store_prepare(st,
			"UPDATE submission SET status = ?, reviewer = ?, version = version + 1,"
			" reviewed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?");
		if (s) {
			sqlite3_bind_text(s, 1, status_key(status), -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, st->user, -1, SQLITE_STATIC);
			sqlite3_bind_int64(s, 3, id);
			rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
			sqlite3_finalize(s);
		}
		if (!rc)
			rc = store_audit(st, "set-status", "submission", id, before, status_key(status));
		if (!rc)
			rc = store_commit(st);
		if (rc)
			diags_add(errs, NULL, 0, _("could not save: %s"), store_errmsg(st));
	}
	if (rc)
		store_rollback(st);
	free(before);
	return rc;
}
