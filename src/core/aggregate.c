#include "aggregate.h"
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
