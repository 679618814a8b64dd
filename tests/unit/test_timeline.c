/* Where regions and members stand: on time, late, missing, not expected, at
 * and around each deadline, across the leap day, and what is coming up. */
#include "testutil.h"
#include <locale.h>

#include "settings.h"
#include "store.h"
#include "submissions.h"
#include "timeline.h"

struct fixture {
	char *dir, *db;
	struct settings s;
	struct store *st;
	const struct cycle *c;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	struct diags errs = {0};
	f->dir = tmpdir_make();
	f->db = xasprintf("%s/t.db", f->dir);
	assert_int_equal(settings_load("config/innspill.cfg", &f->s, &errs), 0);
	f->st = store_open(f->db, "ola", &errs);
	assert_non_null(f->st);
	assert_int_equal(store_sync_settings(f->st, &f->s, &errs), 0);
	f->c = settings_cycle(&f->s, "2024");
	diags_free(&errs);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	store_close(f->st);
	settings_free(&f->s);
	free(f->db);
	tmpdir_remove(f->dir);
	free(f);
	return 0;
}

static date_t day(const char *iso)
{
	date_t d;
	assert_true(date_parse(iso, &d));
	return d;
}

static void receive(struct fixture *f, const char *member, const char *received)
{
	struct submission_in in = {.cycle_id = "2024", .member = member, .received = day(received),
				   .decided = DATE_NONE, .body = "Vedtak", .source = "test"};
	assert_int_equal(store_begin(f->st), 0);
	assert_true(submission_insert(f->st, &in, NULL) >= 0);
	assert_int_equal(store_commit(f->st), 0);
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
	struct fixture *f = *state;
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
	struct fixture *f = *state;
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
	struct fixture *f = *state;
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
	struct fixture *f = *state;
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
	struct fixture *f = *state;
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
		cmocka_unit_test_setup_teardown(member_states_at_the_deadline, setup, teardown),
		cmocka_unit_test_setup_teardown(oslo_is_not_expected, setup, teardown),
		cmocka_unit_test_setup_teardown(next_milestone_around_a_deadline, setup, teardown),
		cmocka_unit_test_setup_teardown(a_span_over_the_leap_day, setup, teardown),
		cmocka_unit_test_setup_teardown(upcoming_in_date_order, setup, teardown),
	};
	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("timeline", tests, NULL, NULL);
}
