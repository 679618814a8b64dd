/* The inbox list: the rows a limit lets through, in the order asked for.
 *
 * Speed matters here: "cycle:all" lists every submission in the database
 * (100 000 in the benchmark). Joining each row to its member, region and
 * deadline in SQL costs four index lookups a row, and sorting in SQL a
 * second pass; so the table is read alone, the few hundred members and few
 * thousand deadlines are looked up in memory, and the rows sorted here. */
#include "submissions.h"
#include "../i18n.h"
#include "limit.h"
#include "store_int.h"
#include "util.h"
#include <glib.h>
#include <stdlib.h>
#include <string.h>

const char *sort_label(enum sub_sort s)
{
	switch (s) {
	case SORT_MEMBER: return _("member");
	case SORT_REGION: return _("region");
	case SORT_STATUS: return _("status");
	case SORT_RECEIVED: break;
	}
	return _("received");
}

bool sort_parse(const char *key, enum sub_sort *out)
{
	static const char *const keys[SORT_COUNT] = {
		[SORT_RECEIVED] = "received", [SORT_MEMBER] = "member",
		[SORT_REGION] = "region", [SORT_STATUS] = "status",
	};
	for (int i = 0; i < SORT_COUNT; i++)
		if (strcmp(key, keys[i]) == 0) {
			*out = (enum sub_sort)i;
			return true;
		}
	return false;
}

/* A member as the list needs it. */
struct member_info {
	const char *number;      /* interned in the store, like the texts below */
	const char *name;
	const char *region_code; /* interned in the store; NULL without a region */
	int region_seq;          /* the region's place in the settings; -1 without */
	int name_rank;           /* place in name order, case folded as SQLite's NOCASE */
};

/* One cycle's member deadlines, per region (a handful: a list will do). */
struct cycle_deadlines {
	const char **region_code;
	date_t *date;
	int n, cap;
};

static void deadlines_free(void *p)
{
	struct cycle_deadlines *d = p;
	free(d->region_code);
	free(d->date);
	free(d);
}

struct lookup {
	GHashTable *members;   /* member number -> struct member_info */
	GHashTable *deadlines; /* cycle id -> struct cycle_deadlines */
	struct member_info *info;
	int n_info;
	/* Rows come clustered by cycle: the last cycle found saves a hash. */
	char last_cycle[64];
	const struct cycle_deadlines *last_deadlines;
};

/* SQLite's NOCASE: ASCII letters folded, everything else compared as bytes. */
static int nocase_cmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y || !x)
			return x - y;
	}
}

static int cmp_info_name(const void *a, const void *b)
{
	const struct member_info *x = *(const struct member_info *const *)a;
	const struct member_info *y = *(const struct member_info *const *)b;
	return nocase_cmp(x->name, y->name);
}

static void rank_names(struct lookup *lk)
{
	const struct member_info **by = xmalloc((size_t)(lk->n_info ? lk->n_info : 1) * sizeof *by);
	for (int i = 0; i < lk->n_info; i++)
		by[i] = &lk->info[i];
	qsort(by, (size_t)lk->n_info, sizeof *by, cmp_info_name);
	int rank = 0;
	for (int i = 0; i < lk->n_info; i++) {
		if (i > 0 && nocase_cmp(by[i - 1]->name, by[i]->name) != 0)
			rank++;
		((struct member_info *)by[i])->name_rank = rank;
	}
	free(by);
}

static int load_members(struct store *st, struct lookup *lk)
{
	sqlite3_stmt *s = store_prepare(st,
		"SELECT m.number, m.name, rc.region_code, r.seq FROM member m"
		"  LEFT JOIN region_county rc ON rc.county = m.county"
		"  LEFT JOIN region r ON r.code = rc.region_code");
	if (!s)
		return -1;
	int cap = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (lk->n_info == cap) {
			cap = cap ? cap * 2 : 512;
			lk->info = xrealloc(lk->info, (size_t)cap * sizeof *lk->info);
		}
		struct member_info *m = &lk->info[lk->n_info++];
		m->number = store_intern(st, (const char *)sqlite3_column_text(s, 0));
		m->name = store_intern(st, (const char *)sqlite3_column_text(s, 1));
		if (!m->name)
			m->name = store_intern(st, "");
		m->region_code = store_intern(st, (const char *)sqlite3_column_text(s, 2));
		m->region_seq = sqlite3_column_type(s, 3) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 3);
		m->name_rank = 0;
	}
	store_release(st, s);
	if (rc != SQLITE_DONE)
		return -1;
	/* The values point into the array, so the table is filled only now that
	 * the array has stopped moving. */
	for (int i = 0; i < lk->n_info; i++)
		if (lk->info[i].number)
			g_hash_table_insert(lk->members, (gpointer)lk->info[i].number, &lk->info[i]);
	rank_names(lk);
	return 0;
}

static int load_deadlines(struct store *st, struct lookup *lk)
{
	sqlite3_stmt *s = store_prepare(st,
		"SELECT cycle_id, region_code, date_to FROM milestone"
		" WHERE kind = 'member_deadline' AND region_code IS NOT NULL");
	if (!s)
		return -1;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *cycle = store_intern(st, (const char *)sqlite3_column_text(s, 0));
		struct cycle_deadlines *d = g_hash_table_lookup(lk->deadlines, cycle);
		if (!d) {
			d = xcalloc(1, sizeof *d);
			g_hash_table_insert(lk->deadlines, (gpointer)cycle, d);
		}
		if (d->n == d->cap) {
			d->cap = d->cap ? d->cap * 2 : 16;
			d->region_code = xrealloc(d->region_code, (size_t)d->cap * sizeof *d->region_code);
			d->date = xrealloc(d->date, (size_t)d->cap * sizeof *d->date);
		}
		d->region_code[d->n] = store_intern(st, (const char *)sqlite3_column_text(s, 1));
		d->date[d->n++] = store_col_date(s, 2);
	}
	store_release(st, s);
	return rc == SQLITE_DONE ? 0 : -1;
}

static void lookup_free(struct lookup *lk)
{
	if (lk->members)
		g_hash_table_destroy(lk->members);
	if (lk->deadlines)
		g_hash_table_destroy(lk->deadlines);
	free(lk->info);
}

static int lookup_load(struct store *st, struct lookup *lk)
{
	memset(lk, 0, sizeof *lk);
	/* Keys are interned in the store, so the tables never free them. */
	lk->members = g_hash_table_new(g_str_hash, g_str_equal);
	lk->deadlines = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, deadlines_free);
	if (load_members(st, lk) != 0 || load_deadlines(st, lk) != 0) {
		lookup_free(lk);
		return -1;
	}
	return 0;
}

static date_t deadline_of(struct lookup *lk, const char *cycle, const char *region_code)
{
	if (!cycle || !region_code)
		return DATE_NONE;
	if (strcmp(lk->last_cycle, cycle) != 0) {
		lk->last_deadlines = g_hash_table_lookup(lk->deadlines, cycle);
		snprintf(lk->last_cycle, sizeof lk->last_cycle, "%s", cycle);
	}
	const struct cycle_deadlines *d = lk->last_deadlines;
	for (int i = 0; d && i < d->n; i++)
		if (d->region_code[i] == region_code)
			return d->date[i];
	return DATE_NONE;
}

/* What the order needs of a row, beside the row itself; small, as glibc's
 * qsort sorts elements of up to 32 bytes in place. */
struct sort_key {
	int name_rank, region_seq, status_rank;
	date_t received;
	long long id;
	int index; /* the row's place as read */
};

struct built {
	struct submission_row *rows;
	struct sort_key *keys;
	int n, cap;
};

static const int status_rank[STATUS_COUNT] = {
	[STATUS_NEW] = 0, [STATUS_FOLLOW_UP] = 1, [STATUS_APPROVED] = 2, [STATUS_REJECTED] = 3,
};

/* Reads one row; false when the limit's late or on-time test drops it. */
static bool read_row(struct store *st, struct lookup *lk, sqlite3_stmt *s, const struct limit *lim,
		     struct submission_row *r, struct sort_key *k)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(s, 0);
	const char *num = (const char *)sqlite3_column_text(s, 2);
	const struct member_info *m = num ? g_hash_table_lookup(lk->members, num) : NULL;
	r->received = store_col_date(s, 3);
	date_t deadline = m ? deadline_of(lk, (const char *)sqlite3_column_text(s, 1),
					  m->region_code) : DATE_NONE;
	r->late = deadline != DATE_NONE && r->received != DATE_NONE && r->received > deadline;
	if (lim && lim->late && !r->late)
		return false;
	if (lim && lim->ontime &&
	    !(deadline == DATE_NONE || (r->received != DATE_NONE && r->received <= deadline)))
		return false;
	if (num) {
		size_t len = strnlen(num, sizeof r->member - 1);
		memcpy(r->member, num, len);
		r->member[len] = '\0';
	}
	r->member_name = m ? m->name : NULL;
	const struct region *reg = m && m->region_code && st->settings
		? settings_region(st->settings, m->region_code) : NULL;
	r->region_code = reg ? reg->code : NULL;
	r->region_name = reg ? reg->name : NULL;
	r->decided = store_col_date(s, 4);
	const char *status = (const char *)sqlite3_column_text(s, 5);
	if (!status || !status_parse(status, &r->status))
		r->status = STATUS_NEW;
	r->reviewer = store_intern(st, (const char *)sqlite3_column_text(s, 6));
	r->version = sqlite3_column_int(s, 7);
	r->assignee = store_intern(st, (const char *)sqlite3_column_text(s, 8));
	*k = (struct sort_key){m ? m->name_rank : -1, m ? m->region_seq : -1,
			       status_rank[r->status], r->received, r->id, 0};
	return true;
}

/* The orders of the list; ties end on the id (or, for members without a
 * submission, on the member number), so every order is total. */
static int by_received(const struct sort_key *x, const struct sort_key *y)
{
	if (x->received != y->received)
		return x->received > y->received ? -1 : 1;
	return x->id == y->id ? 0 : x->id > y->id ? -1 : 1;
}

static int by_number(const struct sort_key *x, const struct sort_key *y,
		     const struct submission_row *rows)
{
	return strcmp(rows[x->index].member, rows[y->index].member);
}

static int cmp_received(const void *a, const void *b, void *rows)
{
	(void)rows;
	return by_received(a, b);
}

static int cmp_member(const void *a, const void *b, void *rows)
{
	const struct sort_key *x = a, *y = b;
	if (x->name_rank != y->name_rank)
		return x->name_rank < y->name_rank ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return by_number(x, y, rows);
}

static int cmp_region(const void *a, const void *b, void *rows)
{
	const struct sort_key *x = a, *y = b;
	if (x->region_seq != y->region_seq)
		return x->region_seq < y->region_seq ? -1 : 1;
	return cmp_member(a, b, rows);
}

static int cmp_status(const void *a, const void *b, void *rows)
{
	const struct sort_key *x = a, *y = b;
	(void)rows;
	if (x->status_rank != y->status_rank)
		return x->status_rank < y->status_rank ? -1 : 1;
	return by_received(x, y);
}

static int cmp_number(const void *a, const void *b, void *rows)
{
	return by_number(a, b, rows);
}

/* Sorts the rows by their keys: the keys are sorted, then the rows are
 * moved into place along the permutation's cycles, without a second copy. */
static void sort_rows(struct built *b, enum sub_sort sort, bool missing)
{
	int (*cmp)(const void *, const void *, void *) =
		sort == SORT_MEMBER ? cmp_member
		: sort == SORT_REGION ? cmp_region
		: missing ? cmp_number
		: sort == SORT_STATUS ? cmp_status : cmp_received;
	if (b->n < 2)
		return;
	for (int i = 0; i < b->n; i++)
		b->keys[i].index = i;
	qsort_r(b->keys, (size_t)b->n, sizeof *b->keys, cmp, b->rows);
	for (int i = 0; i < b->n; i++) {
		if (b->keys[i].index == i)
			continue;
		struct submission_row first = b->rows[i];
		int j = i;
		for (;;) {
			int from = b->keys[j].index;
			b->keys[j].index = j; /* placed */
			if (from == i) {
				b->rows[j] = first;
				break;
			}
			b->rows[j] = b->rows[from];
			j = from;
		}
	}
}

static const char row_columns[] =
	"SELECT s.id, s.cycle_id, s.member, s.received, s.decided, s.status, s.reviewer,"
	" s.version, s.assignee";

/* Expected members with no submission, as rows with id 0 and the columns of
 * a submission, so that the limit's conditions read the same on them. */
static const char missing_from[] =
	" FROM (SELECT 0 AS id, e.cycle_id AS cycle_id, e.member AS member, NULL AS received,"
	"   NULL AS decided, NULL AS status, NULL AS reviewer, 0 AS version, NULL AS assignee"
	"   FROM expected e WHERE e.cycle_id = ?1 AND e.expected = 1 AND NOT EXISTS"
	"   (SELECT 1 FROM submission x WHERE x.cycle_id = e.cycle_id AND x.member = e.member"
	"    AND x.current = 1)) s WHERE 1";

static char *query_sql(const struct limit *lim, bool missing, bool all)
{
	/* The cycle as a plain condition, so the planner can use the cycle's
	 * index; "cycle:all" leaves it out and reads the whole table. */
	return xasprintf("%s%s AND %s AND (%s)", row_columns,
			 missing ? missing_from : " FROM submission s WHERE s.current = 1",
			 missing ? "?1 = ?1" : all ? "?1 IS NULL" : "s.cycle_id = ?1",
			 lim ? lim->where : "1");
}

int submissions_query(struct store *st, const char *cycle_id, const struct limit *lim,
		      enum sub_sort sort, struct submission_row **rows, int *n)
{
	*rows = NULL;
	*n = 0;
	bool missing = lim && lim->missing;
	bool all = lim && lim->all_cycles && !missing;
	struct lookup lk;
	if (lookup_load(st, &lk) != 0)
		return -1;
	char *sql = query_sql(lim, missing, all);
	sqlite3_stmt *s = store_prepare(st, sql);
	free(sql);
	if (!s) {
		lookup_free(&lk);
		return -1;
	}
	if (!all)
		sqlite3_bind_text(s, 1, cycle_id, -1, SQLITE_STATIC);
	for (int i = 0; lim && i < lim->n_params; i++)
		sqlite3_bind_text(s, i + 2, lim->params[i], -1, SQLITE_STATIC);
	struct built b = {0};
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (b.n == b.cap) {
			b.cap = b.cap ? b.cap * 2 : 256;
			b.rows = xrealloc(b.rows, (size_t)b.cap * sizeof *b.rows);
			b.keys = xrealloc(b.keys, (size_t)b.cap * sizeof *b.keys);
		}
		if (read_row(st, &lk, s, lim, &b.rows[b.n], &b.keys[b.n]))
			b.n++;
	}
	store_release(st, s);
	lookup_free(&lk);
	if (rc != SQLITE_DONE) {
		free(b.rows);
		free(b.keys);
		return -1;
	}
	sort_rows(&b, sort, missing);
	*rows = b.rows;
	*n = b.n;
	free(b.keys);
	return 0;
}

int submissions_list(struct store *st, const char *cycle_id, struct submission_row **rows, int *n)
{
	return submissions_query(st, cycle_id, NULL, SORT_RECEIVED, rows, n);
}

void submission_rows_free(struct submission_row *rows, int n)
{
	(void)n; /* the rows' texts belong to the store */
	free(rows);
}
