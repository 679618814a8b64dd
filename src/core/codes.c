/* Writes of the answers work: codes (themes) and the region's own answer.
 * Each is one transaction with its audit event. */
#include "aggregate.h"
#include "access.h"
#include "../i18n.h"
#include "store_int.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>

/* The transaction, and the right to write: in a region when region is not
 * NULL, on a submission when submission > 0, else anywhere (codes belong to
 * a question, not a region). */
static int begin_as(struct store *st, const char *region, long long submission,
		    struct diags *errs)
{
	if (store_begin(st) != 0) {
		diags_add(errs, NULL, 0, "%s", store_errmsg(st));
		return -1;
	}
	int rc = region ? access_region(st, region, errs)
		 : submission > 0 ? access_submission(st, submission, errs)
				  : access_write(st, errs);
	if (rc)
		store_rollback(st);
	return rc;
}

static int begin(struct store *st, struct diags *errs)
{
	return begin_as(st, NULL, 0, errs);
}

static int step(sqlite3_stmt *s)
{
	return s && sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
}

static char *trimmed(const char *label)
{
	while (*label == ' ')
		label++;
	char *t = xstrdup(label);
	size_t n = strlen(t);
	while (n && t[n - 1] == ' ')
		t[--n] = '\0';
	return t;
}

/* Puts a code on an answer, in the caller's transaction, with its audit event. */
static int set_in(struct store *st, long long submission, const char *question_id,
		  long long code, bool on)
{
	sqlite3_stmt *s = store_prepare(st,
		on ? "INSERT OR IGNORE INTO answer_code (submission_id, question_id, code_id)"
		     " VALUES (?, ?, ?)"
		   : "DELETE FROM answer_code WHERE submission_id = ? AND question_id = ?"
		     " AND code_id = ?");
	if (s) {
		sqlite3_bind_int64(s, 1, submission);
		sqlite3_bind_text(s, 2, question_id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, code);
	}
	int rc = step(s);
	store_release(st, s);
	char *after = xasprintf("%s: %s %lld", question_id, on ? "+" : "-", code);
	if (!rc)
		rc = store_audit(st, on ? "code-set" : "code-clear", "submission", submission, NULL,
				 after);
	free(after);
	return rc;
}

int code_create(struct store *st, const struct cycle *c, const struct question *q,
		const char *label, long long *id, struct diags *errs)
{
	return code_create_on(st, c, q, label, 0, id, errs);
}

int code_create_on(struct store *st, const struct cycle *c, const struct question *q,
		   const char *label, long long submission, long long *id, struct diags *errs)
{
	int said = errs->n;
	char *l = trimmed(label);
	if (!l[0]) {
		diags_add(errs, NULL, 0, "%s", _("a code needs a name"));
		free(l);
		return -1;
	}
	if (begin(st, errs) != 0) {
		free(l);
		return -1;
	}
	if (submission > 0 && access_submission(st, submission, errs) != 0) {
		store_rollback(st);
		free(l);
		return -1;
	}
	sqlite3_stmt *s = store_prepare(st,
		"INSERT INTO code (cycle_id, question_id, label, seq, created_by, created_at)"
		" SELECT ?1, ?2, ?3, coalesce(MAX(seq), 0) + 1, ?4,"
		"  strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM code WHERE cycle_id = ?1 AND question_id = ?2");
	if (s) {
		sqlite3_bind_text(s, 1, c->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, q->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, l, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, st->user, -1, SQLITE_STATIC);
	}
	int rc = step(s);
	if (rc && sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_UNIQUE)
		diags_add(errs, NULL, 0, _("there is a code \"%s\" already"), l);
	store_release(st, s);
	long long new_id = rc ? 0 : sqlite3_last_insert_rowid(st->db);
	if (!rc && submission > 0) {
		/* The new code and its first answer are one change. */
		rc = store_audit(st, "code-create", "code", new_id, NULL, l);
		if (!rc)
			rc = set_in(st, submission, q->id, new_id, true);
		rc = store_end(st, rc, errs, said);
	} else {
		rc = store_finish(st, rc, "code-create", "code", new_id, NULL, l, errs, said);
	}
	if (!rc && id)
		*id = new_id;
	free(l);
	return rc;
}

int code_rename(struct store *st, long long id, const char *label, struct diags *errs)
{
	int said = errs->n;
	char *l = trimmed(label);
	if (!l[0] || begin(st, errs) != 0) {
		if (!l[0])
			diags_add(errs, NULL, 0, "%s", _("a code needs a name"));
		free(l);
		return -1;
	}
	sqlite3_stmt *s = store_prepare(st, "UPDATE code SET label = ? WHERE id = ?");
	if (s) {
		sqlite3_bind_text(s, 1, l, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, id);
	}
	int rc = step(s);
	if (rc && sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_UNIQUE)
		diags_add(errs, NULL, 0, _("there is a code \"%s\" already"), l);
	store_release(st, s);
	rc = store_finish(st, rc, "code-rename", "code", id, NULL, l, errs, said);
	free(l);
	return rc;
}

static int exec2(struct store *st, const char *sql, long long a, long long b)
{
	sqlite3_stmt *s = store_prepare(st, sql);
	if (s) {
		sqlite3_bind_int64(s, 1, a);
		sqlite3_bind_int64(s, 2, b);
	}
	int rc = step(s);
	store_release(st, s);
	return rc;
}

int code_merge(struct store *st, long long from, long long into, struct diags *errs)
{
	int said = errs->n;
	if (from == into) {
		diags_add(errs, NULL, 0, "%s", _("a code cannot be merged into itself"));
		return -1;
	}
	if (begin(st, errs) != 0)
		return -1;
	/* Both codes must belong to the same question. */
	sqlite3_stmt *s = store_prepare(st,
		"SELECT COUNT(*) FROM code a JOIN code b ON a.cycle_id = b.cycle_id"
		" AND a.question_id = b.question_id WHERE a.id = ? AND b.id = ?");
	int same = 0;
	if (s) {
		sqlite3_bind_int64(s, 1, from);
		sqlite3_bind_int64(s, 2, into);
		if (sqlite3_step(s) == SQLITE_ROW)
			same = sqlite3_column_int(s, 0);
	}
	store_release(st, s);
	int rc = same ? 0 : -1;
	if (!same)
		diags_add(errs, NULL, 0, "%s", _("only codes of the same question can be merged"));
	if (!rc)
		rc = exec2(st,
			   "INSERT OR IGNORE INTO answer_code (submission_id, question_id, code_id)"
			   " SELECT submission_id, question_id, ?2 FROM answer_code WHERE code_id = ?1",
			   from, into);
	if (!rc)
		rc = exec2(st, "DELETE FROM answer_code WHERE code_id = ?1 AND ?2 = ?2", from, into);
	if (!rc)
		rc = exec2(st, "DELETE FROM code WHERE id = ?1 AND ?2 = ?2", from, into);
	char *after = xasprintf("%lld", into);
	rc = store_finish(st, rc, "code-merge", "code", from, NULL, after, errs, said);
	free(after);
	return rc;
}

int code_set(struct store *st, long long submission, const char *question_id, long long code,
	     bool on, struct diags *errs)
{
	int said = errs->n;
	if (begin_as(st, NULL, submission, errs) != 0)
		return -1;
	return store_end(st, set_in(st, submission, question_id, code, on), errs, said);
}

int region_answer_get(struct store *st, const struct cycle *c, const char *region,
		      const char *question, struct region_answer *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = store_prepare(st,
		"SELECT text, author, updated_at, version FROM region_answer"
		" WHERE cycle_id = ? AND region_code = ? AND question_id = ?");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, c->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, region, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, question, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		out->text = xstrdup((const char *)sqlite3_column_text(s, 0));
		out->author = xstrdup((const char *)sqlite3_column_text(s, 1));
		out->updated_at = xstrdup((const char *)sqlite3_column_text(s, 2));
		out->version = sqlite3_column_int(s, 3);
	}
	store_release(st, s);
	return 0;
}

int region_answer_set(struct store *st, const struct cycle *c, const char *region,
		      const char *question, const char *text, int expected_version,
		      struct diags *errs)
{
	int said = errs->n;
	if (begin_as(st, region, 0, errs) != 0)
		return -1;
	struct region_answer old;
	region_answer_get(st, c, region, question, &old);
	int rc = 0;
	if (old.version != expected_version) {
		diags_add(errs, NULL, 0,
			  _("%s saved a newer answer meanwhile; yours was not saved, look again"),
			  old.author ? old.author : "?");
		rc = -1;
	}
	sqlite3_stmt *s = rc ? NULL : store_prepare(st,
		"INSERT INTO region_answer (cycle_id, region_code, question_id, text, author,"
		" updated_at) VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
		" ON CONFLICT (cycle_id, region_code, question_id) DO UPDATE SET text = ?4,"
		" author = ?5, updated_at = excluded.updated_at, version = version + 1");
	if (s) {
		sqlite3_bind_text(s, 1, c->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, region, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, question, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, text, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, st->user, -1, SQLITE_STATIC);
		rc = step(s);
		store_release(st, s);
	}
	char *entity = xasprintf("%s/%s", region, question);
	rc = store_finish(st, rc, "region-answer", entity, 0, old.text, text, errs, said);
	free(entity);
	region_answer_free(&old);
	return rc;
}

void region_answer_free(struct region_answer *a)
{
	free(a->text), free(a->author), free(a->updated_at);
	memset(a, 0, sizeof *a);
}

char *aggregate_previous_cycle(struct store *st, const struct cycle *c, const struct question *q)
{
	sqlite3_stmt *s = store_prepare(st,
		"SELECT q.cycle_id FROM question q JOIN cycle y ON y.id = q.cycle_id"
		" WHERE q.key = ? AND q.cycle_id != ? ORDER BY y.sent DESC LIMIT 1");
	char *id = NULL;
	if (!s)
		return NULL;
	sqlite3_bind_text(s, 1, q->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, c->id, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = xstrdup((const char *)sqlite3_column_text(s, 0));
	store_release(st, s);
	return id;
}
