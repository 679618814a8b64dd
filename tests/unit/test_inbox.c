/* The inbox's core: limit expressions, the list with its late flag, status
 * changes with their audit events and version checks, notes, search,
 * members without a submission, assigning a member, splitting an answer. */
#include "testdb.h"
#include <glib.h>
#include <locale.h>

#include "audit.h"
#include "detail.h"
#include "limit.h"

/* A submission to the cycle 2024 with an answer to "handlingsrom"; its id. */
static long long add(struct testdb *f, const char *member, const char *received, const char *body)
{
	struct answer_in a = {"handlingsrom", NULL, "Vi trenger mer handlingsrom."};
	return testdb_add(f->st, member, received, body, &a, 1);
}

static int query_sorted(struct testdb *f, const char *expr, enum sub_sort sort,
			struct submission_row **rows)
{
	struct limit l;
	struct diags errs = {0};
	int n;
	assert_int_equal(limit_parse(expr, &f->s, &l, &errs), 0);
	assert_int_equal(submissions_query(f->st, "2024", &l, sort, rows, &n), 0);
	limit_free(&l);
	return n;
}

static int query(struct testdb *f, const char *expr, struct submission_row **rows)
{
	return query_sorted(f, expr, SORT_MEMBER, rows);
}

/* The rows' members in order, as "1804 1806 -" ("-": unmatched). */
static char *order_of(struct testdb *f, const char *expr, enum sub_sort sort)
{
	struct submission_row *rows;
	int n = query_sorted(f, expr, sort, &rows);
	char *out = xstrdup("");
	for (int i = 0; i < n; i++) {
		char *next = xasprintf("%s%s%s", out, i ? " " : "", rows[i].member[0] ? rows[i].member : "-");
		free(out);
		out = next;
	}
	submission_rows_free(rows, n);
	return out;
}

static void expect_order(struct testdb *f, const char *expr, enum sub_sort sort, const char *want)
{
	char *got = order_of(f, expr, sort);
	assert_string_equal(got, want);
	free(got);
}

/* The four orders of the s key and of list --sort, each ending on a tie
 * breaker; an unmatched submission (no name, no region) comes first where
 * names or regions decide. */
static void the_four_orders(void **state)
{
	struct testdb *f = *state;
	add(f, "1804", "2024-01-20", "Bodø");
	long long narvik = add(f, "1806", "2024-01-20", "Narvik, the same day");
	long long arendal = add(f, "4203", "2024-01-25", "Arendal");
	add(f, NULL, "2024-01-22", "Uten avsender");
	struct diags errs = {0};
	assert_int_equal(submission_set_status(f->st, narvik, -1, STATUS_APPROVED, &errs), 0);
	assert_int_equal(submission_set_status(f->st, arendal, -1, STATUS_FOLLOW_UP, &errs), 0);
	expect_order(f, "", SORT_RECEIVED, "4203 - 1806 1804");
	expect_order(f, "", SORT_MEMBER, "- 4203 1804 1806");
	expect_order(f, "", SORT_REGION, "- 4203 1804 1806");
	expect_order(f, "", SORT_STATUS, "- 1804 4203 1806");
	/* Limits keep the order; late and on time split the rows between them. */
	expect_order(f, "region:nordland", SORT_RECEIVED, "1806 1804");
	expect_order(f, "ontime", SORT_RECEIVED, "4203 - 1806 1804");
	expect_order(f, "late", SORT_RECEIVED, "");
	/* Members without a submission: by number, or by name. */
	char *by_number = order_of(f, "missing region:nordland", SORT_RECEIVED);
	assert_true(strncmp(by_number, "18 1811 1812 ", 13) == 0); /* the county first */
	free(by_number);
	char *by_name = order_of(f, "missing region:nordland", SORT_MEMBER);
	/* Aarborte - Hattfjelldal, Alstahaug, Andøy */
	assert_true(strncmp(by_name, "1826 1820 1871 ", 15) == 0);
	free(by_name);
	diags_free(&errs);
}

static long long count(struct testdb *f, const char *sql)
{
	return db_int(f->st->db, sql);
}

/* The search index holds exactly the texts it reads (compared with an
 * index made anew from them). */
static void expect_index_matches_texts(struct testdb *f)
{
	assert_int_equal(submission_index_check(f->st), 0);
}

/* Nordland's member deadline is 2024-01-26: that day is on time, the next late. */
static void late_at_the_deadline(void **state)
{
	struct testdb *f = *state;
	add(f, "1804", "2024-01-26", "Bodø");
	add(f, "1806", "2024-01-27", "Narvik");
	struct submission_row *rows;
	int n = query(f, "region:nordland", &rows);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].member_name, "Bodø");
	assert_false(rows[0].late);
	assert_string_equal(rows[1].member_name, "Narvik");
	assert_true(rows[1].late);
	submission_rows_free(rows, n);
	n = query(f, "late", &rows);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].member, "1806");
	submission_rows_free(rows, n);
}

static void limit_errors_say_what_is_allowed(void **state)
{
	struct testdb *f = *state;
	struct limit l;
	struct diags errs = {0};
	assert_int_equal(limit_parse("region:atlantis", &f->s, &l, &errs), -1);
	expect_diag(&errs, 0, "no region \"atlantis\"");
	assert_int_equal(limit_parse("status:done", &f->s, &l, &errs), -1);
	expect_diag(&errs, 0, "use new, approved, follow-up or rejected");
	assert_int_equal(limit_parse("lat", &f->s, &l, &errs), -1);
	expect_diag(&errs, 0, "\"lat\" is not a limit");
	assert_int_equal(limit_parse("region:", &f->s, &l, &errs), -1);
	expect_diag(&errs, 0, "needs a value");
	diags_free(&errs);
	/* A region by the start of its name, case as the user types it. */
	assert_int_equal(limit_parse("region:møre status:NEW", &f->s, &l, &errs), 0);
	assert_int_equal(l.n_params, 2);
	assert_string_equal(l.params[0], "more-og-romsdal");
	assert_string_equal(l.params[1], "new");
	limit_free(&l);
}

static void status_change_is_audited_and_versioned(void **state)
{
	struct testdb *f = *state;
	long long id = add(f, "1804", "2024-01-20", "Bodø");
	struct diags errs = {0};
	assert_int_equal(submission_set_status(f->st, id, 1, STATUS_APPROVED, &errs), 0);
	assert_int_equal(count(f, "SELECT version FROM submission"), 2);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM audit_event WHERE action = 'set-status'"
				  " AND user = 'ola' AND before = 'new' AND after = 'approved'"), 1);
	/* A change made on the stale view (version 1) is refused, not applied. */
	assert_int_equal(submission_set_status(f->st, id, 1, STATUS_REJECTED, &errs), -1);
	expect_diag(&errs, 0, "changed by someone else");
	assert_int_equal(count(f, "SELECT status = 'approved' FROM submission"), 1);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM audit_event WHERE action = 'set-status'"), 1);
	diags_free(&errs);
}

/* A bulk status change is one transaction: rows still at their version and
 * in the user's regions change (each with its audit event); a stale row and
 * one of another region are left alone, and said. */
static void bulk_status_change(void **state)
{
	struct testdb *f = *state;
	long long a = add(f, "1804", "2024-01-20", "Bodø");
	long long b = add(f, "1806", "2024-01-21", "Narvik");
	long long c = add(f, "5501", "2024-01-22", "Tromsø");
	struct diags errs = {0};
	/* kari works for Nordland; b changes under her feet. */
	struct store *kari = testdb_connect(f, "kari");
	assert_int_equal(submission_set_status(f->st, b, -1, STATUS_FOLLOW_UP, &errs), 0);
	long long ids[] = {a, b, c};
	int versions[] = {1, 1, 1};
	bool changed[3];
	long long events = count(f, "SELECT COUNT(*) FROM audit_event");
	assert_int_equal(submission_set_status_many(kari, ids, versions, 3, STATUS_APPROVED, changed,
						    &errs), 1);
	assert_true(changed[0]);
	assert_false(changed[1]);
	assert_false(changed[2]);
	assert_int_equal(errs.n, 2);
	expect_diag(&errs, 0, "changed by someone else");
	expect_diag(&errs, 0, "works for other regions than Troms og Finnmark");
	assert_int_equal(count(f, "SELECT COUNT(*) FROM submission WHERE status = 'approved'"), 1);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM audit_event") - events, 1);
	assert_int_equal(count(f, "SELECT version FROM submission WHERE status = 'approved'"), 2);
	diags_free(&errs);
	store_close(kari);
}

/* The log: everything in order, one submission's history, and the newest
 * few (what the W key shows of a big year), still oldest first. */
static void the_log(void **state)
{
	struct testdb *f = *state;
	long long a = add(f, "1804", "2024-01-20", "Bodø");
	long long b = add(f, "1806", "2024-01-21", "Narvik");
	struct diags errs = {0};
	assert_int_equal(submission_set_status(f->st, a, -1, STATUS_APPROVED, &errs), 0);
	assert_int_equal(submission_set_status(f->st, b, -1, STATUS_REJECTED, &errs), 0);
	struct audit_event *ev;
	int n;
	struct audit_filter all = {.since = DATE_NONE};
	assert_int_equal(audit_list(f->st, &all, &ev, &n), 0);
	assert_true(n >= 4);
	long long last = ev[n - 1].id, before_last = ev[n - 2].id;
	for (int i = 1; i < n; i++)
		assert_true(ev[i - 1].id < ev[i].id);
	audit_free(ev, n);
	struct audit_filter newest = {.since = DATE_NONE, .newest = 2};
	assert_int_equal(audit_list(f->st, &newest, &ev, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(ev[0].id, before_last);
	assert_int_equal(ev[1].id, last);
	assert_string_equal(ev[1].after, "rejected");
	audit_free(ev, n);
	struct audit_filter history = {.since = DATE_NONE, .submission = a};
	assert_int_equal(audit_list(f->st, &history, &ev, &n), 0);
	assert_int_equal(n, 2); /* inserted, approved */
	assert_string_equal(ev[0].action, "insert");
	assert_string_equal(ev[1].after, "approved");
	audit_free(ev, n);
	struct audit_filter nobody = {.user = "nobody", .since = DATE_NONE, .newest = 10};
	assert_int_equal(audit_list(f->st, &nobody, &ev, &n), 0);
	assert_int_equal(n, 0);
	audit_free(ev, n);
	diags_free(&errs);
}

static void notes_are_searchable(void **state)
{
	struct testdb *f = *state;
	long long a = add(f, "1804", "2024-01-20", "Kommunestyret ber om mer lokal lønnsdannelse.");
	long long b = add(f, "1806", "2024-01-21", "Ungt utenforskap er en stor utfordring.");
	struct diags errs = {0};
	assert_int_equal(submission_add_note(f->st, a, -1, "Ring rådmannen om sykepleiere", &errs), 0);
	long long *ids;
	int n;
	assert_int_equal(submission_search(f->st, "2024", "utenfor", &ids, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], b);
	free(ids);
	assert_int_equal(submission_search(f->st, "2024", "rådmannen", &ids, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], a);
	free(ids);
	/* FTS syntax in the user's words is taken as words, not as an error. */
	assert_int_equal(submission_search(f->st, "2024", "\"AND OR (", &ids, &n), 0);
	assert_int_equal(n, 0);
	free(ids);
	struct submission_row *rows;
	n = query(f, "text:lønnsdannelse", &rows);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, a);
	submission_rows_free(rows, n);
	/* A second note: the first one's words are still found, once. */
	assert_int_equal(submission_add_note(f->st, a, -1, "Svar kom", &errs), 0);
	assert_int_equal(submission_search(f->st, "2024", "rådmannen", &ids, &n), 0);
	assert_int_equal(n, 1);
	free(ids);
	expect_index_matches_texts(f);
	diags_free(&errs);
}

/* "missing": expected members without a submission; Oslo is not expected. */
static void missing_lists_expected_members(void **state)
{
	struct testdb *f = *state;
	add(f, "1804", "2024-01-20", "Bodø");
	struct submission_row *rows;
	int n = query(f, "missing region:nordland", &rows);
	assert_int_equal(n, 41 + 1 - 1); /* 41 municipalities and the county, less Bodø */
	for (int i = 0; i < n; i++) {
		assert_int_equal(rows[i].id, 0);
		assert_string_not_equal(rows[i].member, "1804");
	}
	submission_rows_free(rows, n);
	n = query(f, "missing region:viken member:Oslo", &rows);
	assert_int_equal(n, 0);
	submission_rows_free(rows, n);
}

static void a_new_version_supersedes(void **state)
{
	struct testdb *f = *state;
	long long old = add(f, "1804", "2024-01-20", "Første vedtak");
	long long nw = add(f, "1804", "2024-01-22", "Nytt vedtak");
	struct submission_row *rows;
	int n = query(f, "", &rows);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, nw);
	submission_rows_free(rows, n);
	struct detail d;
	assert_int_equal(detail_load(f->st, &f->s.cycles[0], nw, &d), 0);
	assert_int_equal(d.n_versions, 1);
	assert_int_equal(d.versions[0].id, old);
	detail_free(&d);
}

static void assigning_a_member(void **state)
{
	struct testdb *f = *state;
	long long id = add(f, NULL, "2024-01-20", "Vedtak uten avsender");
	struct submission_row *rows;
	int n = query(f, "unmatched", &rows);
	assert_int_equal(n, 1);
	submission_rows_free(rows, n);
	struct diags errs = {0};
	assert_int_equal(submission_assign_member(f->st, id, -1, "9999", &errs), -1);
	expect_diag(&errs, 0, "no member has the number 9999");
	diags_free(&errs);
	assert_int_equal(submission_assign_member(f->st, id, -1, "5612", &errs), 0);
	n = query(f, "member:Kautokeino", &rows);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].member_name, "Guovdageaidnu - Kautokeino");
	assert_string_equal(rows[0].region_code, "troms-og-finnmark");
	submission_rows_free(rows, n);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM audit_event WHERE action = 'assign-member'"
				  " AND after = '5612'"), 1);
}

static void splitting_lines_into_an_answer(void **state)
{
	struct testdb *f = *state;
	long long id = add(f, "1804", "2024-01-20",
			   "Vedtak:\nBodø mener handlingsrommet er for lite.\nDet trengs færre statlige krav.");
	struct answer_in a = {"utenforskap", NULL, "Det trengs færre statlige krav."};
	struct diags errs = {0};
	assert_int_equal(submission_set_answer(f->st, id, -1, &a, "partly", 3, 3, &errs), 0);
	struct detail d;
	assert_int_equal(detail_load(f->st, &f->s.cycles[0], id, &d), 0);
	const struct detail_answer *da = &d.answers[4];
	assert_string_equal(da->q->id, "utenforskap");
	assert_true(da->answered);
	assert_int_equal(da->stance, STANCE_PARTLY);
	assert_int_equal(da->line_from, 3);
	assert_int_equal(da->line_to, 3);
	/* The other questions still show as unanswered, but the first. */
	assert_true(d.answers[0].answered);
	assert_false(d.answers[1].answered);
	detail_free(&d);
	/* A stance outside the four is refused by the database, and nothing changes. */
	assert_int_equal(submission_set_answer(f->st, id, -1, &a, "maybe", 3, 3, &errs), -1);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM answer WHERE stance = 'partly'"), 1);
	/* Answers are searched; a changed answer's old words are gone from the
	 * index, the new ones there, and the index agrees with the texts. */
	expect_index_matches_texts(f);
	struct answer_in b = {"lokalt", NULL, "Mer penger til barnevernet."};
	struct answer_in c = {"lokalt", NULL, "Flere lærlinger."};
	long long *ids;
	int n;
	assert_int_equal(submission_set_answer(f->st, id, -1, &b, NULL, 0, 0, &errs), 0);
	assert_int_equal(submission_search(f->st, "2024", "barnevernet", &ids, &n), 0);
	assert_int_equal(n, 1);
	free(ids);
	assert_int_equal(submission_set_answer(f->st, id, -1, &c, NULL, 0, 0, &errs), 0);
	assert_int_equal(submission_search(f->st, "2024", "barnevernet", &ids, &n), 0);
	assert_int_equal(n, 0);
	free(ids);
	assert_int_equal(submission_search(f->st, "2024", "lærlinger", &ids, &n), 0);
	assert_int_equal(n, 1);
	free(ids);
	expect_index_matches_texts(f);
	diags_free(&errs);
}

/* A limit of a thousand words is refused with the program's own message
 * (it once reached SQLite, which said "Expression tree is too large"); one
 * of the most words allowed still runs. */
static void limit_word_count_bounded(void **state)
{
	struct testdb *f = *state;
	add(f, "1804", "2024-01-20", "Bodø");
	GString *g = g_string_new(NULL);
	for (int i = 0; i < 1000; i++)
		g_string_append(g, "status:new ");
	struct limit l;
	struct diags errs = {0};
	assert_int_equal(limit_parse(g->str, &f->s, &l, &errs), -1);
	expect_n_diags(&errs, 1);
	expect_diag(&errs, 0, "the limit has 1000 words; at most 50 are allowed");
	diags_free(&errs);
	g_string_truncate(g, 0);
	for (int i = 0; i < LIMIT_MAX_WORDS; i++)
		g_string_append(g, i % 2 ? "text:Bodø " : "status:new ");
	struct submission_row *rows;
	assert_int_equal(query(f, g->str, &rows), 1);
	submission_rows_free(rows, 1);
	g_string_free(g, TRUE);
}

/* member: matches a part of a name as typed: % and _ are characters like
 * any other, not LIKE's wildcards. */
static void member_wildcards_literal(void **state)
{
	struct testdb *f = *state;
	add(f, "1804", "2024-01-20", "Bodø");
	add(f, "1806", "2024-01-21", "Narvik");
	struct submission_row *rows;
	assert_int_equal(query(f, "member:%", &rows), 0);
	submission_rows_free(rows, 0);
	assert_int_equal(query(f, "member:_", &rows), 0);
	submission_rows_free(rows, 0);
	assert_int_equal(query(f, "member:B%d", &rows), 0);
	submission_rows_free(rows, 0);
	int n = query(f, "member:odø", &rows);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].member, "1804");
	submission_rows_free(rows, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		testdb_test(late_at_the_deadline),
		testdb_test(the_four_orders),
		testdb_test(the_log),
		testdb_test(bulk_status_change),
		testdb_test(limit_errors_say_what_is_allowed),
		testdb_test(status_change_is_audited_and_versioned),
		testdb_test(notes_are_searchable),
		testdb_test(missing_lists_expected_members),
		testdb_test(a_new_version_supersedes),
		testdb_test(assigning_a_member),
		testdb_test(splitting_lines_into_an_answer),
		testdb_test(limit_word_count_bounded),
		testdb_test(member_wildcards_literal),
	};
	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("inbox", tests, NULL, NULL);
}
