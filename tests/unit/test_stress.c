/* Many staff at once: 8 processes each make 500 random status changes and
 * notes through the public write functions on the same 20 submissions. No
 * write may fail because another process was writing, and afterwards the
 * audit log and the rows must agree exactly: no lost update. */
#include "testdb.h"
#include <locale.h>
#include <sys/wait.h>
#include <time.h>

#define PROCS 8
#define OPS 500
#define ROWS 20
#define LIMIT_SECONDS 60

struct fixture {
	struct testdb t; /* first: testdb_teardown ends the test */
	long long ids[ROWS];
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	testdb_open(&f->t, "ola");
	/* Nordland's members, so that kari (regional, Nordland) may write them too. */
	const struct member_register *reg = f->t.c->reg;
	int first = 0;
	while (strcmp(reg->members[first].county, "18") != 0)
		first++;
	struct store *st = f->t.st;
	assert_int_equal(store_begin(st), 0);
	for (int i = 0; i < ROWS; i++) {
		struct submission_in in = {.cycle_id = "2024", .member = reg->members[first + i].number,
					   .received = date_from_ymd(2024, 1, 20), .decided = DATE_NONE,
					   .body = "Vedtak", .source = "test"};
		assert_true(submission_insert(st, &in, &f->ids[i]) >= 0);
	}
	assert_int_equal(store_commit(st), 0);
	/* No connection may be open across fork(): the workers open their own. */
	store_close(st);
	f->t.st = NULL;
	*state = f;
	return 0;
}

/* One worker: its own connection, as another person would have. Exits 0
 * when every write succeeded. */
static int worker(struct fixture *f, int n)
{
	struct diags errs = {0};
	struct store *st = store_open(f->t.db, n % 2 ? "ola" : "kari", &errs);
	if (!st || store_sync_settings(st, &f->t.s, &errs) != 0)
		return 2;
	unsigned seed = (unsigned)n * 7919u + 1;
	int failed = 0;
	time_t start = time(NULL);
	for (int i = 0; i < OPS && time(NULL) - start < LIMIT_SECONDS; i++) {
		seed = seed * 1103515245u + 12345u;
		long long id = f->ids[(seed >> 8) % ROWS];
		int rc = (seed >> 4) % 3 == 0
				 ? submission_add_note(st, id, -1, "Sjekket", &errs)
				 : submission_set_status(st, id, -1, (enum sub_status)((seed >> 12) % 4),
							 &errs);
		failed += rc != 0;
	}
	if (failed)
		diags_print(&errs, stderr);
	diags_free(&errs);
	store_close(st);
	return failed ? 1 : 0;
}

static int query_int(struct store *st, const char *sql, long long id)
{
	return (int)db_int_arg(st->db, sql, id);
}

static void eight_writers_lose_nothing(void **state)
{
	struct fixture *f = *state;
	pid_t pids[PROCS];
	time_t start = time(NULL);
	for (int i = 0; i < PROCS; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0)
			_exit(worker(f, i));
	}
	for (int i = 0; i < PROCS; i++) {
		int status;
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	assert_true(time(NULL) - start <= LIMIT_SECONDS);
	struct diags errs = {0};
	struct store *st = store_open(f->t.db, "ola", &errs);
	assert_non_null(st);
	int writes = 0;
	for (int i = 0; i < ROWS; i++) {
		long long id = f->ids[i];
		/* Every write bumped the version once and left one event. */
		int events = query_int(st, "SELECT COUNT(*) FROM audit_event WHERE entity = 'submission'"
					   " AND entity_id = ? AND action IN ('set-status', 'note')", id);
		assert_int_equal(query_int(st, "SELECT version FROM submission WHERE id = ?", id),
				 1 + events);
		assert_int_equal(query_int(st, "SELECT COUNT(*) FROM note WHERE submission_id = ?", id),
				 query_int(st, "SELECT COUNT(*) FROM audit_event WHERE action = 'note'"
					       " AND entity_id = ?", id));
		/* The row's status is what the last status event says it became. */
		assert_int_equal(query_int(st, "SELECT s.status = coalesce((SELECT after FROM audit_event"
					       " WHERE action = 'set-status' AND entity_id = s.id"
					       " ORDER BY id DESC LIMIT 1), 'new') FROM submission s"
					       " WHERE s.id = ?", id), 1);
		writes += events;
	}
	assert_int_equal(writes, PROCS * OPS);
	store_close(st);
	diags_free(&errs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(eight_writers_lose_nothing, setup, testdb_teardown),
	};
	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("stress", tests, NULL, NULL);
}
