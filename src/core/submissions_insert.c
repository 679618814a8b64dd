/* Submissions coming in: one at a time, or an import in bulk; their answers,
 * attachments, audit events and search index entries. The edits of a
 * submission already in are in submissions.c. */
#include "submissions.h"
#include "../i18n.h"
#include "access.h"
#include "store_int.h"
#include "submissions_int.h"
#include "util.h"
#include <glib.h>
#include <stdlib.h>
#include <string.h>

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

/* Answers are written many to a statement (store_insert_rows): an import
 * writes 500 000 of them, and a statement per answer costs a third more. */
struct answer_row {
	long long sid;
	const char *cycle;
	const struct answer_in *a;
};

static void bind_answer(sqlite3_stmt *s, int p, int i, void *ctx)
{
	const struct answer_row *r = &((const struct answer_row *)ctx)[i];
	sqlite3_bind_int64(s, p, r->sid);
	sqlite3_bind_text(s, p + 1, r->cycle, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, p + 2, r->a->question_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, p + 3, r->a->choice, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, p + 4, r->a->text, -1, SQLITE_STATIC);
}

static int insert_answer_rows(struct store *st, const struct answer_row *rows, int n)
{
	return store_insert_rows(st, "INSERT INTO answer (submission_id, cycle_id, question_id,"
				     " choice, text)", 5, n, bind_answer, (void *)rows);
}

static int insert_answers(struct store *st, long long sid, const char *cycle,
			  const struct answer_in *a, int n)
{
	struct answer_row *rows = xmalloc((size_t)(n ? n : 1) * sizeof *rows);
	for (int i = 0; i < n; i++)
		rows[i] = (struct answer_row){sid, cycle, &a[i]};
	int rc = insert_answer_rows(st, rows, n);
	free(rows);
	return rc;
}

/* The member's current submission in the cycle, or 0. */
long long sub_current_of(struct store *st, const char *cycle, const char *member)
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

int sub_exec_id(struct store *st, const char *sql, long long id)
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

/* The search index reads its texts from the view submission_text, and
 * keeps no copy of them: so a row is taken out of the index (with the texts
 * it was made from) before one of its texts changes, and put back after. */
int submission_unindex(struct store *st, long long id)
{
	return sub_exec_id(st,
		"INSERT INTO submission_fts (submission_fts, rowid, body, answers, notes)"
		" SELECT 'delete', id, body, answers, notes FROM submission_text WHERE id = ?", id);
}

/* FTS5's own integrity-check does not compare an index with external
 * content (in SQLite 3.40), so the check makes a second index from the
 * texts, in a temporary table, and compares the two: every term's counts,
 * and every document's length per column. */
static const char check_setup[] =
	"CREATE VIRTUAL TABLE temp.fts_check USING fts5(body, answers, notes, content = '',"
	"  tokenize = 'unicode61 remove_diacritics 0');"
	"INSERT INTO temp.fts_check (rowid, body, answers, notes)"
	"  SELECT id, body, answers, notes FROM submission_text;"
	"CREATE VIRTUAL TABLE temp.fts_check_main USING fts5vocab(main, submission_fts, row);"
	"CREATE VIRTUAL TABLE temp.fts_check_texts USING fts5vocab(temp, fts_check, row);";

static const char check_differences[] =
	"SELECT (SELECT count(*) FROM (SELECT * FROM temp.fts_check_main"
	"        EXCEPT SELECT * FROM temp.fts_check_texts))"
	"     + (SELECT count(*) FROM (SELECT * FROM temp.fts_check_texts"
	"        EXCEPT SELECT * FROM temp.fts_check_main))"
	"     + (SELECT count(*) FROM (SELECT id, sz FROM main.submission_fts_docsize"
	"        EXCEPT SELECT id, sz FROM temp.fts_check_docsize))"
	"     + (SELECT count(*) FROM (SELECT id, sz FROM temp.fts_check_docsize"
	"        EXCEPT SELECT id, sz FROM main.submission_fts_docsize))";

int submission_index_check(struct store *st)
{
	int rc = store_exec(st, "BEGIN") == 0 && store_exec(st, check_setup) == 0 ? 0 : -1;
	/* Not kept for reuse: the tables it reads are gone after this. */
	sqlite3_stmt *s = NULL;
	if (!rc && sqlite3_prepare_v2(st->db, check_differences, -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		rc = sqlite3_column_int64(s, 0) > 0;
	else
		rc = -1;
	sqlite3_finalize(s);
	/* The temporary tables go with the rollback; nothing else was written. */
	store_exec(st, "ROLLBACK");
	return rc;
}

int submission_index_rebuild(struct store *st, struct diags *errs)
{
	int said = errs->n;
	/* Over 100 000 submissions this takes seconds: others are told. */
	if (store_activity_begin(st, "rebuild", "") != 0 || store_begin(st) != 0) {
		diags_add(errs, NULL, 0, "%s", store_errmsg(st));
		store_activity_end(st);
		return -1;
	}
	if (access_write(st, errs) != 0) {
		store_rollback(st);
		store_activity_end(st);
		return -1;
	}
	int rc = store_exec(st, "INSERT INTO submission_fts (submission_fts) VALUES ('rebuild')");
	rc = store_finish(st, rc, "rebuild-index", "database", 0, NULL, NULL, errs, said);
	store_activity_end(st);
	return rc;
}

#define INDEX_SQL(cond)                                           \
	"INSERT INTO submission_fts (rowid, body, answers, notes)"      \
	" SELECT id, body, answers, notes FROM submission_text WHERE " cond

int submission_index(struct store *st, long long id)
{
	return sub_exec_id(st, INDEX_SQL("id = ?"), id);
}

int submission_index_since(struct store *st, long long first_id)
{
	return sub_exec_id(st, INDEX_SQL("id >= ?"), first_id);
}

static int insert_row(struct store *st, const struct submission_in *in, long long prev,
		      bool current)
{
	sqlite3_stmt *s = store_prepare(st,
		"INSERT INTO submission (cycle_id, member, received, decided, body_by, reference,"
		" body, source, content_hash, message_id, sender, subject, origin, supersedes,"
		" current, created_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
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
	sqlite3_bind_int(s, 15, current);
	char now[STORE_NOW_SIZE];
	sqlite3_bind_text(s, 16, store_now(now), -1, SQLITE_STATIC);
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
	store_release(st, s);
	return rc;
}

/* A submission_in that owns its texts: they live in one string chunk. */
struct owned_in {
	struct submission_in in; /* first: a pointer to it is one to this */
	struct answer_in *answers;
	struct attachment_in *attachments;
	GStringChunk *texts;
};

static const char *keep(GStringChunk *c, const char *s)
{
	return s ? g_string_chunk_insert(c, s) : NULL;
}

struct submission_in *submission_in_dup(const struct submission_in *in)
{
	struct owned_in *o = xcalloc(1, sizeof *o);
	o->texts = g_string_chunk_new(2048);
	o->in = *in;
	const char **strs[] = {&o->in.cycle_id, &o->in.member, &o->in.body_by, &o->in.reference,
			       &o->in.body, &o->in.source, &o->in.content_hash, &o->in.message_id,
			       &o->in.sender, &o->in.subject, &o->in.origin};
	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
		*strs[i] = keep(o->texts, *strs[i]);
	o->answers = xcalloc((size_t)in->n_answers + 1, sizeof *o->answers);
	for (int i = 0; i < in->n_answers; i++)
		o->answers[i] = (struct answer_in){keep(o->texts, in->answers[i].question_id),
						   keep(o->texts, in->answers[i].choice),
						   keep(o->texts, in->answers[i].text)};
	o->in.answers = o->answers;
	o->attachments = xcalloc((size_t)in->n_attachments + 1, sizeof *o->attachments);
	for (int i = 0; i < in->n_attachments; i++) {
		const struct attachment_in *a = &in->attachments[i];
		/* A big file is kept as its name and size alone (data NULL). */
		void *data = a->data && a->size ? xmalloc(a->size) : NULL;
		if (data)
			memcpy(data, a->data, a->size);
		o->attachments[i] = (struct attachment_in){keep(o->texts, a->name),
							   keep(o->texts, a->type), data, a->size};
	}
	o->in.attachments = o->attachments;
	return &o->in;
}

void submission_in_free(struct submission_in *in)
{
	if (!in)
		return;
	struct owned_in *o = (struct owned_in *)in;
	for (int i = 0; i < o->in.n_attachments; i++)
		free((void *)o->attachments[i].data);
	free(o->attachments);
	free(o->answers);
	g_string_chunk_free(o->texts);
	free(o);
}

/* An import in progress. Most of a big import's rows are new versions of
 * a member's earlier row in the same import; writing each row as current and
 * then marking it superseded rewrote every row twice. So each member's
 * newest row is held back until the next one for the member comes, and is
 * written then, already superseded; the last ones are written as current
 * at the end. Rows of one member keep their order. */
struct held {
	struct submission_in *in; /* owned (submission_in_dup) */
	long long prev;           /* the row it supersedes, or 0 */
	long seq;                 /* arrival, to write the last ones in file order */
};

/* A row written, whose answers and audit event wait to be written with
 * those of the rows after it, many to a statement. */
struct pending {
	long long sid, prev;
	struct submission_in *in; /* owned */
};

#define PENDING 64

struct submission_bulk {
	long long first_id;
	GHashTable *held;   /* member number (interned) -> struct held */
	GHashTable *hashes; /* content hashes of the held rows */
	long seq;
	struct pending pend[PENDING];
	int n_pend;
};

/* Writes the answers and audit events of the pending rows. */
static int bulk_flush(struct store *st)
{
	struct submission_bulk *b = st->bulk;
	int n_answers = 0;
	for (int i = 0; i < b->n_pend; i++)
		n_answers += b->pend[i].in->n_answers;
	struct answer_row *answers = xmalloc((size_t)(n_answers ? n_answers : 1) * sizeof *answers);
	struct store_audit_row events[PENDING];
	int k = 0;
	for (int i = 0; i < b->n_pend; i++) {
		const struct pending *p = &b->pend[i];
		for (int j = 0; j < p->in->n_answers; j++)
			answers[k++] = (struct answer_row){p->sid, p->in->cycle_id, &p->in->answers[j]};
		events[i] = (struct store_audit_row){p->prev > 0 ? "insert-version" : "insert", p->sid,
						     NULL, p->in->member};
	}
	int rc = insert_answer_rows(st, answers, n_answers) != 0 ||
		 store_audit_rows(st, "submission", events, b->n_pend) != 0 ? -1 : 0;
	free(answers);
	for (int i = 0; i < b->n_pend; i++)
		submission_in_free(b->pend[i].in);
	b->n_pend = 0;
	return rc;
}

static void held_free(struct held *h)
{
	submission_in_free(h->in);
	free(h);
}

/* Writes a held row; the member's row from before the import, if it
 * supersedes one, stops being current. */
static int held_write(struct store *st, struct held *h, bool current, long long *id)
{
	if (h->prev > 0 && h->prev < st->bulk->first_id &&
	    sub_exec_id(st, "UPDATE submission SET current = 0 WHERE id = ?", h->prev) != 0)
		return -1;
	g_hash_table_remove(st->bulk->hashes, h->in->content_hash ? h->in->content_hash : "");
	if (insert_row(st, h->in, h->prev, current) != 0)
		return -1;
	long long sid = sqlite3_last_insert_rowid(st->db);
	for (int i = 0; i < h->in->n_attachments; i++)
		if (insert_attachment(st, sid, &h->in->attachments[i]) != 0)
			return -1;
	st->bulk->pend[st->bulk->n_pend++] = (struct pending){sid, h->prev, h->in};
	h->in = NULL;
	*id = sid;
	return st->bulk->n_pend == PENDING ? bulk_flush(st) : 0;
}

/* A matched row in an import (owned): the member's held row is written,
 * superseded by this one, and this one is held in its place. */
static int bulk_hold(struct store *st, struct submission_in *in, long long *id)
{
	struct submission_bulk *b = st->bulk;
	const char *member = store_intern(st, in->member);
	struct held *h = g_hash_table_lookup(b->held, member);
	long long prev;
	if (h) {
		int rc = held_write(st, h, false, &prev);
		g_hash_table_remove(b->held, member);
		if (rc != 0) {
			submission_in_free(in);
			return -1;
		}
	} else {
		prev = sub_current_of(st, in->cycle_id, in->member);
		if (prev < 0) {
			submission_in_free(in);
			return -1;
		}
	}
	h = xcalloc(1, sizeof *h);
	*h = (struct held){in, prev, b->seq++};
	g_hash_table_insert(b->held, (gpointer)member, h);
	if (in->content_hash)
		g_hash_table_add(b->hashes, (gpointer)in->content_hash);
	if (id)
		*id = 0; /* not written yet */
	return prev > 0;
}

bool submission_member_has_one(struct store *st, const char *cycle_id, const char *member)
{
	if (st->bulk && g_hash_table_lookup(st->bulk->held, member))
		return true;
	return sub_current_of(st, cycle_id, member) > 0;
}

int submission_bulk_begin(struct store *st)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT coalesce(MAX(id), 0) + 1 FROM submission");
	if (!s || sqlite3_step(s) != SQLITE_ROW) {
		store_release(st, s);
		return -1;
	}
	struct submission_bulk *b = xcalloc(1, sizeof *b);
	b->first_id = sqlite3_column_int64(s, 0);
	store_release(st, s);
	b->held = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)held_free);
	b->hashes = g_hash_table_new(g_str_hash, g_str_equal);
	st->bulk = b;
	return 0;
}

void submission_bulk_abort(struct store *st)
{
	if (!st->bulk)
		return;
	for (int i = 0; i < st->bulk->n_pend; i++)
		submission_in_free(st->bulk->pend[i].in);
	g_hash_table_destroy(st->bulk->hashes);
	g_hash_table_destroy(st->bulk->held);
	free(st->bulk);
	st->bulk = NULL;
}

static int by_seq(const void *a, const void *b)
{
	const struct held *x = *(struct held *const *)a, *y = *(struct held *const *)b;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Writes the held rows as current, in the order they came, then indexes
 * everything the import added for search, in one statement. */
int submission_bulk_end(struct store *st)
{
	struct submission_bulk *b = st->bulk;
	if (!b)
		return 0;
	guint n = g_hash_table_size(b->held), k = 0;
	struct held **last = g_new(struct held *, n + 1);
	GHashTableIter it;
	gpointer value;
	g_hash_table_iter_init(&it, b->held);
	while (g_hash_table_iter_next(&it, NULL, &value))
		last[k++] = value;
	qsort(last, n, sizeof *last, by_seq);
	int rc = 0;
	for (guint i = 0; i < n && !rc; i++) {
		long long id;
		rc = held_write(st, last[i], true, &id);
	}
	g_free(last);
	if (!rc)
		rc = bulk_flush(st);
	long long first = b->first_id;
	submission_bulk_abort(st);
	return rc ? -1 : submission_index_since(st, first);
}

/* The row, its answers and attachments, and its audit event. */
static int insert_all(struct store *st, const struct submission_in *in, long long prev,
		      bool current, long long *id)
{
	if (insert_row(st, in, prev, current) != 0)
		return -1;
	long long sid = sqlite3_last_insert_rowid(st->db);
	int rc = insert_answers(st, sid, in->cycle_id, in->answers, in->n_answers);
	for (int i = 0; i < in->n_attachments && !rc; i++)
		rc = insert_attachment(st, sid, &in->attachments[i]);
	if (!rc && !st->bulk)
		rc = submission_index(st, sid);
	if (!rc)
		rc = store_audit(st, prev > 0 ? "insert-version" : "insert", "submission", sid, NULL,
				 in->member);
	*id = sid;
	return rc;
}

int submission_insert_owned(struct store *st, struct submission_in *in, long long *id)
{
	if (st->bulk && in->member)
		return bulk_hold(st, in, id);
	int rc = submission_insert(st, in, id);
	submission_in_free(in);
	return rc;
}

int submission_insert(struct store *st, const struct submission_in *in, long long *id)
{
	if (st->bulk && in->member)
		return bulk_hold(st, submission_in_dup(in), id);
	long long prev = sub_current_of(st, in->cycle_id, in->member), sid = 0;
	if (prev < 0 || (prev > 0 && sub_exec_id(st, "UPDATE submission SET current = 0 WHERE id = ?",
					     prev) != 0))
		return -1;
	if (insert_all(st, in, prev, true, &sid) != 0)
		return -1;
	if (id)
		*id = sid;
	return prev > 0;
}

GHashTable *submission_hashes(struct store *st, const char *cycle_id)
{
	sqlite3_stmt *s = store_prepare(st,
		"SELECT content_hash FROM submission WHERE cycle_id = ? AND content_hash IS NOT NULL");
	if (!s)
		return NULL;
	sqlite3_bind_text(s, 1, cycle_id, -1, SQLITE_STATIC);
	GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		g_hash_table_add(set, xstrdup((const char *)sqlite3_column_text(s, 0)));
	store_release(st, s);
	if (rc != SQLITE_DONE) {
		g_hash_table_destroy(set);
		return NULL;
	}
	return set;
}

bool submission_hash_exists(struct store *st, const char *cycle_id, const char *hash)
{
	if (st->bulk && g_hash_table_contains(st->bulk->hashes, hash))
		return true;
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

