/* Year over year: the same question (by key) in an earlier cycle is found,
 * and its distribution counted from that cycle's own submissions. */
#define TESTDB_SETTINGS "tests/data/settings/two-cycles.cfg"
#include "testdb.h"
#include <locale.h>

#include "aggregate.h"

static void answer(struct testdb *t, const char *cycle, const char *member, const char *qid,
		   const char *choice)
{
	struct answer_in a = {qid, choice, NULL};
	struct submission_in in = {.cycle_id = cycle, .member = member,
				   .received = day("2023-01-20"), .decided = DATE_NONE,
				   .body = "Vedtak", .source = "test", .answers = &a, .n_answers = 1};
	long long id = testdb_insert(t->st, &in);
	struct diags errs = {0};
	assert_int_equal(submission_set_status(t->st, id, -1, STATUS_APPROVED, &errs), 0);
	diags_free(&errs);
}

static void earlier_cycle_by_key(void **state)
{
	struct testdb *t = *state;
	const struct cycle *c24 = settings_cycle(&t->s, "2024");
	const struct cycle *c23 = settings_cycle(&t->s, "2023");
	const struct question *q24 = &c24->questions[1];
	assert_string_equal(q24->key, "lokalt");
	char *prev = aggregate_previous_cycle(t->st, c24, q24);
	assert_non_null(prev);
	assert_string_equal(prev, "2023");
	free(prev);
	/* A question with no twin in another cycle has none. */
	assert_null(aggregate_previous_cycle(t->st, c24, &c24->questions[0]));
	answer(t, "2023", "1804", "lokal2023", "Enig");
	answer(t, "2023", "1806", "lokal2023", "uenig");
	answer(t, "2023", "5501", "lokal2023", "Enig");
	answer(t, "2024", "1804", "lokalt", "Uenig");
	struct agg_table old, now;
	assert_int_equal(aggregate_choice(t->st, &t->s, c23, &c23->questions[0], AGG_APPROVED, &old),
			 0);
	assert_int_equal(aggregate_choice(t->st, &t->s, c24, q24, AGG_APPROVED, &now), 0);
	const struct agg_row *n23 = &old.rows[old.n_rows - 1], *n24 = &now.rows[now.n_rows - 1];
	assert_null(n23->region);
	assert_int_equal(n23->total, 3);
	assert_int_equal(n23->counts[0], 2); /* Enig */
	assert_int_equal(n23->counts[1], 1); /* Uenig, whatever its case */
	assert_int_equal(n24->total, 1);
	assert_int_equal(n24->counts[1], 1);
	agg_table_free(&old);
	agg_table_free(&now);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(earlier_cycle_by_key, testdb_setup, testdb_teardown),
	};
	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("year over year", tests, NULL, NULL);
}
