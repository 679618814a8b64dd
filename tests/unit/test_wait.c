/* Writers wait for someone else's import, say whose, and go through: a
 * second process holds the database (BEGIN IMMEDIATE) for a few seconds,
 * as an import does, while this one makes a change. And changes to many
 * rows, or to a status and a note, are all or nothing. */
#include "testdb.h"
#include "aggregate.h"
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

/* Longer than the 5 s a write used to wait before it failed with "the
 * database is busy; try again". */
#define HOLD_MS 5500

static long long ms_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct fixture {
	struct testdb t; /* first: testdb_teardown ends the test */
	long long id;
	pid_t holder;
	int ready; /* the read end of the pipe the holder says "holding" on */
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	testdb_open(&f->t, "ola");
	/* Bodø, in Nordland, where kari writes too. */
	f->id = testdb_add(f->t.st, "1804", "2024-01-20", "Vedtak", NULL, 0);
	*state = f;
	return 0;
}

/* The holder: another process, its own connection as kari. With announce,
 * it says it imports big.csv first, as an import does. It holds the
 * database for ms, says so on the pipe once it holds it, then lets go. */
static void holder_run(struct fixture *f, int out, bool announce, int ms)
{
	struct diags errs = {0};
	struct store *st = store_open(f->t.db, "kari", &errs);
	if (!st || (announce && store_activity_begin(st, "import", "big.csv") != 0) ||
	    store_begin(st) != 0)
		_exit(2);
	if (write(out, "h", 1) != 1)
		_exit(3);
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
	int rc = store_commit(st);
	store_activity_end(st);
	store_close(st);
	_exit(rc ? 4 : 0);
}

/* Starts the holder and returns once it holds the database. No connection
 * may be open across fork(): this process's is closed and opened again. */
static void hold(struct fixture *f, bool announce, int ms)
{
	store_close(f->t.st);
	f->t.st = NULL;
	int p[2];
	assert_int_equal(pipe(p), 0);
	f->holder = fork();
	assert_true(f->holder >= 0);
	if (f->holder == 0) {
		close(p[0]);
		holder_run(f, p[1], announce, ms);
	}
	close(p[1]);
	char c;
	assert_int_equal(read(p[0], &c, 1), 1);
	close(p[0]);
	f->t.st = testdb_connect(&f->t, "ola");
}

static void holder_done(struct fixture *f)
{
	int status;
	assert_int_equal(waitpid(f->holder, &status, 0), f->holder);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* What the waiting hook saw. */
struct seen {
	int calls;
	bool ended;         /* called with who NULL at the end */
	long waited;        /* the longest wait it was told of */
	struct store_holder who;
	long cancel_after;  /* give up after this many ms; 0: never */
};

static bool record(void *ctx, const struct store_holder *who, long waited_ms)
{
	struct seen *s = ctx;
	if (!who) {
		s->ended = true;
		return true;
	}
	s->calls++;
	s->waited = waited_ms;
	if (who->known)
		s->who = *who;
	return !(s->cancel_after && waited_ms >= s->cancel_after);
}

static const char *status_of(struct fixture *f)
{
	static char buf[32];
	char *sql = xasprintf("SELECT status FROM submission WHERE id = %lld", f->id);
	char *v = db_dump(f->t.st->db, sql);
	free(sql);
	snprintf(buf, sizeof buf, "%s", v);
	free(v);
	return buf;
}

static void a_write_waits_for_an_import_and_goes_through(void **state)
{
	struct fixture *f = *state;
	hold(f, true, HOLD_MS);
	struct seen seen = {0};
	store_set_wait(f->t.st, record, &seen);
	struct diags errs = {0};
	long long start = ms_now();
	int rc = submission_set_status(f->t.st, f->id, -1, STATUS_APPROVED, &errs);
	long took = (long)(ms_now() - start);
	expect_n_diags(&errs, 0);
	assert_int_equal(rc, 0);
	holder_done(f);
	/* It waited for the holder and did not fail; the hook was told, every
	 * 100 ms or so, whose import it was. */
	assert_true(took >= HOLD_MS - 500);
	assert_true(seen.calls >= 10);
	assert_true(seen.ended);
	assert_string_equal(seen.who.login, "kari");
	assert_string_equal(seen.who.kind, "import");
	assert_string_equal(seen.who.detail, "big.csv");
	assert_int_equal(seen.who.pid, f->holder);
	assert_string_equal(status_of(f), "approved\n");
	/* The announcement is gone with the import. */
	assert_int_equal(db_int(f->t.st->db, "SELECT count(*) FROM meta WHERE key LIKE 'activity:%'"), 0);
}

static void esc_cancels_the_wait_and_nothing_is_saved(void **state)
{
	struct fixture *f = *state;
	hold(f, true, 1500);
	struct seen seen = {.cancel_after = 300};
	store_set_wait(f->t.st, record, &seen);
	struct diags errs = {0};
	int rc = submission_set_status(f->t.st, f->id, -1, STATUS_REJECTED, &errs);
	assert_int_equal(rc, -1);
	expect_diag(&errs, 0, "cancelled; nothing was saved: kari's import is still writing");
	assert_true(seen.waited < 1000);
	holder_done(f);
	assert_string_equal(status_of(f), "new\n");
	diags_free(&errs);
}

/* The command line: no hook, a line on stderr after a second. */
static void without_a_hook_stderr_says_whom_it_waits_for(void **state)
{
	struct fixture *f = *state;
	char *path = xasprintf("%s/stderr", f->t.dir);
	fflush(stderr);
	int saved = dup(2);
	FILE *err = fopen(path, "w");
	assert_non_null(err);
	hold(f, true, 1800);
	dup2(fileno(err), 2);
	struct diags errs = {0};
	int rc = submission_set_status(f->t.st, f->id, -1, STATUS_APPROVED, &errs);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	fclose(err);
	holder_done(f);
	expect_n_diags(&errs, 0);
	assert_int_equal(rc, 0);
	size_t len;
	FILE *in = fopen(path, "r");
	char text[512] = "";
	len = fread(text, 1, sizeof text - 1, in);
	text[len] = '\0';
	fclose(in);
	if (!strstr(text, "innspill: waiting for kari's import of big.csv…\n"))
		fail_msg("stderr was: %s", text);
	/* Said once, not every 100 ms. */
	assert_null(strstr(strstr(text, "waiting") + 1, "waiting"));
	free(path);
}

/* An announcement left by an importer that was killed is not believed:
 * the process that holds the database now is someone else. */
static void a_killed_importers_announcement_is_not_believed(void **state)
{
	struct fixture *f = *state;
	/* An announcement by a process that is gone: a child that exits at once. */
	pid_t gone = fork();
	if (gone == 0)
		_exit(0);
	waitpid(gone, NULL, 0);
	char host[128];
	gethostname(host, sizeof host);
	host[127] = '\0';
	char *k = xasprintf("activity:%s:%ld", host, (long)gone);
	char *v = xasprintf("per\t%ld\t%s\t0\timport\told.csv", (long)gone, host);
	assert_int_equal(store_meta_set(f->t.st, k, v), 0);
	free(v);
	hold(f, false, 1200);
	struct seen seen = {0};
	store_set_wait(f->t.st, record, &seen);
	struct diags errs = {0};
	assert_int_equal(submission_set_status(f->t.st, f->id, -1, STATUS_APPROVED, &errs), 0);
	holder_done(f);
	assert_true(seen.calls > 0);
	assert_string_equal(seen.who.login, "");
	/* The next announcement on this host clears it. */
	assert_int_equal(store_activity_begin(f->t.st, "import", "new.csv"), 0);
	char *left = db_dump(f->t.st->db, "SELECT value FROM meta WHERE key LIKE 'activity:%'");
	assert_null(strstr(left, "old.csv"));
	assert_non_null(strstr(left, "new.csv"));
	free(left);
	store_activity_end(f->t.st);
	free(k);
}

/* A status and its note are one change: a note that cannot be saved takes
 * the status with it. */
static void status_and_note_are_saved_together_or_not_at_all(void **state)
{
	struct fixture *f = *state;
	struct store *st = f->t.st;
	struct diags errs = {0};
	assert_int_equal(submission_set_status_note(st, f->id, -1, STATUS_APPROVED, "Sjekket", &errs), 0);
	assert_string_equal(status_of(f), "approved\n");
	assert_int_equal(db_int(st->db, "SELECT count(*) FROM note WHERE text = 'Sjekket'"), 1);
	assert_int_equal(db_int(st->db, "SELECT count(*) FROM audit_event WHERE entity = 'submission'"
					" AND action IN ('set-status', 'note')"), 2);
	assert_int_equal(store_exec(st, "CREATE TRIGGER no_notes BEFORE INSERT ON note"
					" BEGIN SELECT RAISE(ABORT, 'no notes today'); END"), 0);
	int events = (int)db_int(st->db, "SELECT count(*) FROM audit_event");
	assert_int_equal(submission_set_status_note(st, f->id, -1, STATUS_REJECTED, "Nei", &errs), -1);
	expect_diag(&errs, 0, "no notes today");
	assert_string_equal(status_of(f), "approved\n");
	assert_int_equal(db_int(st->db, "SELECT count(*) FROM audit_event"), events);
	diags_free(&errs);
}

static long long add_member(struct fixture *f, const char *member)
{
	return testdb_add(f->t.st, member, "2024-01-21", "Vedtak", NULL, 0);
}

/* The bulk note (; N), the bulk hand-over (; A) and undo: when one row
 * fails, no row is changed. */
static void bulk_notes_givings_and_undo_are_all_or_nothing(void **state)
{
	struct fixture *f = *state;
	struct store *st = f->t.st;
	long long ids[3] = {f->id, add_member(f, "1806"), add_member(f, "1811")};
	bool changed[3];
	struct diags errs = {0};
	assert_int_equal(submission_add_note_many(st, ids, NULL, 3, "Alle", changed, &errs), 3);
	assert_int_equal(db_int(st->db, "SELECT count(*) FROM note WHERE text = 'Alle'"), 3);
	char *before = db_dump_tables(st->db);
	char *sql = xasprintf("CREATE TRIGGER third BEFORE INSERT ON note WHEN NEW.submission_id = %lld"
			      " BEGIN SELECT RAISE(ABORT, 'not the third'); END;"
			      "CREATE TRIGGER third_given BEFORE UPDATE OF assignee ON submission"
			      " WHEN NEW.id = %lld BEGIN SELECT RAISE(ABORT, 'not the third'); END;"
			      "CREATE TRIGGER third_status BEFORE UPDATE OF status ON submission"
			      " WHEN NEW.id = %lld BEGIN SELECT RAISE(ABORT, 'not the third'); END;",
			      ids[2], ids[2], ids[2]);
	assert_int_equal(store_exec(st, sql), 0);
	free(sql);
	free(before);
	before = db_dump_tables(st->db);
	assert_int_equal(submission_add_note_many(st, ids, NULL, 3, "Igjen", changed, &errs), -1);
	assert_int_equal(submission_assign_many(st, ids, NULL, 3, "kari", changed, &errs), -1);
	enum sub_status back[3] = {STATUS_APPROVED, STATUS_FOLLOW_UP, STATUS_REJECTED};
	assert_int_equal(submission_restore_status(st, ids, back, 3, changed, &errs), -1);
	assert_false(changed[0] || changed[1] || changed[2]);
	expect_diag(&errs, 0, "not the third");
	char *after = db_dump_tables(st->db);
	assert_string_equal(before, after);
	free(before);
	free(after);
	diags_free(&errs);
	/* Without the fault all three go through, each to its own status. */
	assert_int_equal(store_exec(st, "DROP TRIGGER third; DROP TRIGGER third_given;"
					" DROP TRIGGER third_status"), 0);
	assert_int_equal(submission_assign_many(st, ids, NULL, 3, "kari", changed, &errs), 3);
	assert_int_equal(submission_restore_status(st, ids, back, 3, changed, &errs), 3);
	char *rows = db_dump(st->db, "SELECT status, assignee FROM submission ORDER BY id");
	assert_string_equal(rows, "approved|kari\nfollow-up|kari\nrejected|kari\n");
	free(rows);
	expect_n_diags(&errs, 0);
}

/* c in the coding view: a new code set on the answer at hand. When the
 * answer cannot take it, there is no new code either. */
static void a_new_code_and_its_first_answer_are_one_change(void **state)
{
	struct fixture *f = *state;
	struct store *st = f->t.st;
	const struct question *q = &f->t.c->questions[0];
	struct answer_in a = {.question_id = q->id, .text = "Mer frihet"};
	long long sub = testdb_add(st, "1806", "2024-01-22", "Vedtak", &a, 1);
	struct diags errs = {0};
	long long id = 0;
	assert_int_equal(code_create_on(st, f->t.c, q, "Frihet", sub, &id, &errs), 0);
	assert_int_equal(db_int_arg(st->db, "SELECT count(*) FROM answer_code WHERE code_id = ?1", id), 1);
	assert_int_equal(store_exec(st, "CREATE TRIGGER no_codes BEFORE INSERT ON answer_code"
					" BEGIN SELECT RAISE(ABORT, 'no codes today'); END"), 0);
	char *before = db_dump_tables(st->db);
	assert_int_equal(code_create_on(st, f->t.c, q, "Styring", sub, &id, &errs), -1);
	expect_diag(&errs, 0, "no codes today");
	char *after = db_dump_tables(st->db);
	assert_string_equal(before, after);
	free(before);
	free(after);
	diags_free(&errs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_write_waits_for_an_import_and_goes_through, setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(esc_cancels_the_wait_and_nothing_is_saved, setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(without_a_hook_stderr_says_whom_it_waits_for, setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(a_killed_importers_announcement_is_not_believed, setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(status_and_note_are_saved_together_or_not_at_all, setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(bulk_notes_givings_and_undo_are_all_or_nothing, setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(a_new_code_and_its_first_answer_are_one_change, setup,
						testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
