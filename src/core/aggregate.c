#include "aggregate.h"
#include "store_int.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char counts_sql[] =
	"SELECT a.question_id, COUNT(*), SUM(s.status = 'approved')"
	"  FROM answer a JOIN submission s ON s.id = a.submission_id"
	" WHERE s.cycle_id = ?1 AND s.current = 1 AND s.member IS NOT NULL"
	"   AND (a.choice IS NOT NULL OR a.text IS NOT NULL)"
	" GROUP BY a.question_id";

static const char options_sql[] =
	"SELECT a.question_id, a.choice, COUNT(*)"
	"  FROM answer a JOIN submission s ON s.id = a.submission_id"
	" WHERE s.cycle_id = ?1 AND s.current = 1 AND s.member IS NOT NULL"
	"   AND a.choice IS NOT NULL"
	" GROUP BY a.question_id, a.choice";

static struct question_count *find(struct question_count *qc, int n, const char *id)
{
	for (int i = 0; i < n; i++)
		if (id && strcmp(qc[i].q->id, id) == 0)
			return &qc[i];
	return NULL;
}

static void add_option(struct question_count *q, const char *choice, int count)
{
	for (int i = 0; choice && i < q->q->n_options; i++)
		if (strcasecmp(q->q->options[i], choice) == 0)
			q->option_counts[i] += count;
}

int aggregate_questions(struct store *st, const struct cycle *c, struct question_count **out)
{
	int n = c->n_questions;
	struct question_count *qc = xcalloc((size_t)n, sizeof *qc);
	for (int i = 0; i < n; i++) {
		qc[i].q = &c->questions[i];
		qc[i].option_counts = xcalloc((size_t)c->questions[i].n_options, sizeof(int));
	}
	*out = qc;
	sqlite3_stmt *s = store_prepare(st, counts_sql);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, c->id, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW) {
		struct question_count *q = find(qc, n, (const char *)sqlite3_column_text(s, 0));
		if (q) {
			q->answered = sqlite3_column_int(s, 1);
			q->approved = sqlite3_column_int(s, 2);
		}
	}
	store_release(st, s);
	s = store_prepare(st, options_sql);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, c->id, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW) {
		struct question_count *q = find(qc, n, (const char *)sqlite3_column_text(s, 0));
		if (q)
			add_option(q, (const char *)sqlite3_column_text(s, 1), sqlite3_column_int(s, 2));
	}
	store_release(st, s);
	return 0;
}

void aggregate_free(struct question_count *qc, int n)
{
	for (int i = 0; i < n; i++)
		free(qc[i].option_counts);
	free(qc);
}

/* ---- choice questions per region ---- */

/* Prepares sql (which the caller frees) with ?1 the cycle and ?2 the question. */
static sqlite3_stmt *prepare_for(struct store *st, char *sql, const struct cycle *c,
				 const struct question *q)
{
	sqlite3_stmt *stmt = store_prepare(st, sql);
	free(sql);
	if (stmt) {
		sqlite3_bind_text(stmt, 1, c->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, q->id, -1, SQLITE_STATIC);
	}
	return stmt;
}

static const char *basis_sql(enum agg_basis b)
{
	return b == AGG_APPROVED ? " AND s.status = 'approved'" : " AND s.status != 'rejected'";
}

static int region_index(const struct settings *s, const char *code)
{
	for (int i = 0; code && i < s->n_regions; i++)
		if (strcmp(s->regions[i].code, code) == 0)
			return i;
	return -1;
}

int aggregate_choice(struct store *st, const struct settings *s, const struct cycle *c,
		     const struct question *q, enum agg_basis basis, struct agg_table *out)
{
	out->q = q;
	out->n_rows = s->n_regions + 1;
	out->rows = xcalloc((size_t)out->n_rows, sizeof *out->rows);
	for (int i = 0; i < out->n_rows; i++) {
		out->rows[i].region = i < s->n_regions ? &s->regions[i] : NULL;
		out->rows[i].counts = xcalloc((size_t)q->n_options, sizeof(int));
	}
	char *sql = xasprintf(
		"SELECT rc.region_code, a.choice, COUNT(*)"
		"  FROM answer a JOIN submission s ON s.id = a.submission_id"
		"  JOIN member m ON m.number = s.member"
		"  JOIN region_county rc ON rc.county = m.county"
		" WHERE s.cycle_id = ?1 AND a.question_id = ?2 AND s.current = 1"
		"   AND a.choice IS NOT NULL%s"
		" GROUP BY rc.region_code, a.choice", basis_sql(basis));
	sqlite3_stmt *stmt = prepare_for(st, sql, c, q);
	if (!stmt)
		return -1;
	struct agg_row *nation = &out->rows[s->n_regions];
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		int r = region_index(s, (const char *)sqlite3_column_text(stmt, 0));
		const char *choice = (const char *)sqlite3_column_text(stmt, 1);
		int n = sqlite3_column_int(stmt, 2);
		for (int o = 0; r >= 0 && choice && o < q->n_options; o++)
			if (strcasecmp(q->options[o], choice) == 0) {
				out->rows[r].counts[o] += n;
				out->rows[r].total += n;
				nation->counts[o] += n;
				nation->total += n;
			}
	}
	store_release(st, stmt);
	return 0;
}

void agg_table_free(struct agg_table *t)
{
	for (int i = 0; i < t->n_rows; i++)
		free(t->rows[i].counts);
	free(t->rows);
	memset(t, 0, sizeof *t);
}

/* ---- codes ---- */

int aggregate_codes(struct store *st, const struct settings *s, const struct cycle *c,
		    const struct question *q, enum agg_basis basis, struct agg_code **out, int *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT id, label FROM code WHERE cycle_id = ? AND question_id = ? ORDER BY seq, id");
	if (!stmt)
		return -1;
	sqlite3_bind_text(stmt, 1, c->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, q->id, -1, SQLITE_STATIC);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		struct agg_code *k = &(*out)[(*n)++];
		k->id = sqlite3_column_int64(stmt, 0);
		k->label = xstrdup((const char *)sqlite3_column_text(stmt, 1));
		k->per_region = xcalloc((size_t)s->n_regions, sizeof(int));
		k->national = 0;
	}
	store_release(st, stmt);
	char *sql = xasprintf(
		"SELECT ac.code_id, rc.region_code, COUNT(*)"
		"  FROM answer_code ac JOIN submission s ON s.id = ac.submission_id"
		"  JOIN member m ON m.number = s.member"
		"  JOIN region_county rc ON rc.county = m.county"
		" WHERE s.cycle_id = ?1 AND ac.question_id = ?2 AND s.current = 1%s"
		" GROUP BY ac.code_id, rc.region_code", basis_sql(basis));
	stmt = prepare_for(st, sql, c, q);
	if (!stmt)
		return -1;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(stmt, 0);
		int r = region_index(s, (const char *)sqlite3_column_text(stmt, 1));
		int cnt = sqlite3_column_int(stmt, 2);
		for (int i = 0; i < *n; i++)
			if ((*out)[i].id == id && r >= 0) {
				(*out)[i].per_region[r] += cnt;
				(*out)[i].national += cnt;
			}
	}
	store_release(st, stmt);
	return 0;
}

void agg_codes_free(struct agg_code *codes, int n)
{
	for (int i = 0; i < n; i++)
		free(codes[i].label), free(codes[i].per_region);
	free(codes);
}

/* ---- the answers themselves ---- */

static void load_codes(struct store *st, struct text_answer *a, const char *qid)
{
	sqlite3_stmt *s = store_prepare(st,
		"SELECT code_id FROM answer_code WHERE submission_id = ? AND question_id = ?"
		" ORDER BY code_id");
	if (!s)
		return;
	sqlite3_bind_int64(s, 1, a->submission);
	sqlite3_bind_text(s, 2, qid, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW) {
		a->codes = xrealloc(a->codes, (size_t)(a->n_codes + 1) * sizeof *a->codes);
		a->codes[a->n_codes++] = sqlite3_column_int64(s, 0);
	}
	store_release(st, s);
}

int aggregate_answers(struct store *st, const struct settings *s, const struct cycle *c,
		      const struct question *q, enum agg_basis basis, const struct region *region,
		      long long code, struct text_answer **out, int *n)
{
	*out = NULL;
	*n = 0;
	char *sql = xasprintf(
		"SELECT s.id, s.member, m.name, rc.region_code, s.decided, s.received, s.body_by,"
		"       a.text, a.choice, s.status = 'approved', s.received > ms.date_to"
		"  FROM answer a JOIN submission s ON s.id = a.submission_id"
		"  JOIN member m ON m.number = s.member"
		"  JOIN region_county rc ON rc.county = m.county"
		"  JOIN region r ON r.code = rc.region_code"
		"  LEFT JOIN milestone ms ON ms.cycle_id = s.cycle_id AND ms.region_code = r.code"
		"       AND ms.kind = 'member_deadline'"
		" WHERE s.cycle_id = ?1 AND a.question_id = ?2 AND s.current = 1"
		"   AND (a.text IS NOT NULL OR a.choice IS NOT NULL)%s"
		"   AND (?3 IS NULL OR r.code = ?3)"
		"   AND (?4 = 0 OR EXISTS (SELECT 1 FROM answer_code ac WHERE ac.submission_id = s.id"
		"        AND ac.question_id = a.question_id AND ac.code_id = ?4))"
		" ORDER BY r.seq, m.name", basis_sql(basis));
	sqlite3_stmt *stmt = prepare_for(st, sql, c, q);
	if (!stmt)
		return -1;
	if (region)
		sqlite3_bind_text(stmt, 3, region->code, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 4, code);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		struct text_answer *a = &(*out)[(*n)++];
		memset(a, 0, sizeof *a);
		a->submission = sqlite3_column_int64(stmt, 0);
		snprintf(a->member, sizeof a->member, "%s", sqlite3_column_text(stmt, 1));
		a->member_name = store_col_text(stmt, 2);
		int r = region_index(s, (const char *)sqlite3_column_text(stmt, 3));
		a->region = r >= 0 ? &s->regions[r] : NULL;
		a->decided = store_col_date(stmt, 4);
		a->received = store_col_date(stmt, 5);
		a->body_by = store_col_text(stmt, 6);
		a->text = store_col_text(stmt, 7);
		a->choice = store_col_text(stmt, 8);
		a->approved = sqlite3_column_int(stmt, 9) != 0;
		a->late = sqlite3_column_int(stmt, 10) != 0;
	}
	store_release(st, stmt);
	for (int i = 0; i < *n; i++)
		load_codes(st, &(*out)[i], q->id);
	return 0;
}

void text_answers_free(struct text_answer *a, int n)
{
	for (int i = 0; i < n; i++)
		free(a[i].member_name), free(a[i].body_by), free(a[i].text), free(a[i].choice),
			free(a[i].codes);
	free(a);
}
