/* Where regions and members stand: on time, late, missing, not expected, at
 * and around each deadline, across the leap day, and what is coming up. */
#include "testdb.h"
#include <locale.h>

#include "timeline.h"

/* A submission from member, received on that day (YYYY-MM-DD). */
static void receive(struct testdb *f, const char *member, const char *received)
{
	testdb_add(f->st, member, received, "Vedtak", NULL, 0);
}

static const struct member_status *state_of(const struct member_status *ms, int n,
					    const char *number)
{
	for (int i = 0; i < n; i++)
		if (strcmp(ms[i].member->number, number) == 0)
			return &ms[i];
	fail_msg("member %s not listed", number);
	return NULL;
}

/* Nordland's member deadline is 2024-01-26. */
static void member_states_at_the_deadline(void **state)
{
	struct testdb *f = *state;
	receive(f, "1804", "2024-01-25"); /* the day before */
	receive(f, "1806", "2024-01-26"); /* on the day: on time */
	receive(f, "1811", "2024-01-27"); /* the day after: late */
	struct member_status *ms;
	int n;
	const struct region *nordland = settings_region(&f->s, "nordland");
	assert_int_equal(timeline_members(f->st, &f->s, f->c, nordland, &ms, &n), 0);
	assert_int_equal(n, 42);
	assert_int_equal(state_of(ms, n, "1804")->state, STATE_ON_TIME);
	assert_int_equal(state_of(ms, n, "1806")->state, STATE_ON_TIME);
	assert_int_equal(state_of(ms, n, "1811")->state, STATE_LATE);
	assert_int_equal(state_of(ms, n, "1812")->state, STATE_MISSING);
	assert_int_equal(state_of(ms, n, "18")->state, STATE_MISSING);
	free(ms);
	struct timeline_row *rows;
	assert_int_equal(timeline_rows(f->st, &f->s, f->c, day("2024-02-20"), &rows, &n), 0);
	assert_string_equal(rows[3].region->code, "nordland");
	assert_int_equal(rows[3].expected, 42);
	assert_int_equal(rows[3].received, 3);
	assert_int_equal(rows[3].late, 1);
	assert_int_equal(rows[3].missing, 39);
	free(rows);
}

/* Oslo has not given KS a mandate: listed, but not expected and not missing. */
static void oslo_is_not_expected(void **state)
{
	struct testdb *f = *state;
	struct member_status *ms;
	int n;
	const struct region *viken = settings_region(&f->s, "viken");
	assert_int_equal(timeline_members(f->st, &f->s, f->c, viken, &ms, &n), 0);
	assert_int_equal(state_of(ms, n, "0301")->state, STATE_NOT_EXPECTED);
	assert_int_equal(state_of(ms, n, "03")->state, STATE_NOT_EXPECTED);
	free(ms);
	struct timeline_row *rows;
	assert_int_equal(timeline_rows(f->st, &f->s, f->c, day("2024-02-20"), &rows, &n), 0);
	assert_string_equal(rows[9].region->code, "viken");
	assert_int_equal(rows[9].expected, 12 + 21 + 18 + 3); /* 51 municipalities, 3 counties */
	free(rows);
}

static void next_milestone_around_a_deadline(void **state)
{
	struct testdb *f = *state;
	const struct region_timeline *t =
		region_timeline_for(settings_region(&f->s, "nordland"), "2024");
	struct milestone m;
	assert_true(timeline_next(f->c, t, day("2024-01-26"), &m));
	assert_int_equal(m.kind, MILESTONE_MEMBER_DEADLINE);
	assert_true(timeline_next(f->c, t, day("2024-01-27"), &m));
	assert_int_equal(m.kind, MILESTONE_STRATEGY_CONFERENCE);
	/* After the region's own milestones, the cycle-wide ones follow. */
	assert_true(timeline_next(f->c, t, day("2024-02-09"), &m));
	assert_int_equal(m.kind, MILESTONE_NATIONAL_DEADLINE);
	assert_true(timeline_next(f->c, t, day("2024-03-21"), &m));
	assert_int_equal(m.kind, MILESTONE_MAIN_BOARD);
	assert_false(timeline_next(f->c, t, day("2024-03-22"), &m));
}

/* Troms og Finnmark's conference runs 28 February to 1 March 2024. */
static void a_span_over_the_leap_day(void **state)
{
	struct testdb *f = *state;
	const struct region_timeline *t =
		region_timeline_for(settings_region(&f->s, "troms-og-finnmark"), "2024");
	const struct milestone *c = timeline_milestone(t, MILESTONE_STRATEGY_CONFERENCE);
	assert_int_equal(c->to - c->from, 2); /* three days: 28, 29, 1 */
	struct milestone m;
	assert_true(timeline_next(f->c, t, day("2024-02-29"), &m));
	assert_int_equal(m.kind, MILESTONE_STRATEGY_CONFERENCE);
	struct upcoming *up;
	int n;
	assert_int_equal(timeline_upcoming(&f->s, f->c, day("2024-02-29"), 0, &up, &n), 0);
	bool found = false;
	for (int i = 0; i < n; i++)
		if (up[i].region && strcmp(up[i].region->code, "troms-og-finnmark") == 0 &&
		    up[i].ms.kind == MILESTONE_STRATEGY_CONFERENCE) {
			found = true;
			assert_int_equal(up[i].days, -1); /* began yesterday, still going on */
		}
	assert_true(found);
	free(up);
}

static void upcoming_in_date_order(void **state)
{
	struct testdb *f = *state;
	struct upcoming *up;
	int n;
	assert_int_equal(timeline_upcoming(&f->s, f->c, day("2024-02-20"), 14, &up, &n), 0);
	assert_int_equal(n, 12);
	for (int i = 1; i < n; i++)
		assert_true(up[i - 1].ms.from <= up[i].ms.from);
	assert_string_equal(up[0].region->code, "trondelag"); /* county board today */
	assert_int_equal(up[0].days, 0);
	assert_true(up[0].reminder);
	assert_int_equal(up[n - 1].days, 14);
	free(up);
	/* The national deadline is one milestone for all, listed once. */
	assert_int_equal(timeline_upcoming(&f->s, f->c, day("2024-03-08"), 0, &up, &n), 0);
	int national = 0;
	for (int i = 0; i < n; i++)
		national += up[i].ms.kind == MILESTONE_NATIONAL_DEADLINE;
	assert_int_equal(national, 1);
	free(up);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		testdb_test(member_states_at_the_deadline),
		testdb_test(oslo_is_not_expected),
		testdb_test(next_milestone_around_a_deadline),
		testdb_test(a_span_over_the_leap_day),
		testdb_test(upcoming_in_date_order),
	};
	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("timeline", tests, NULL, NULL);
}
