/* Who may change what, for every role and every write, checked in core/:
 * central everywhere, regional in its own regions, readers and unlisted
 * logins nowhere (but in a demo database). And files anyone may write. */
#include "testutil.h"
#include <locale.h>
#include <sys/stat.h>

#include "access.h"
#include "aggregate.h"
#include "import.h"
#include "settings.h"
#include "store.h"
#include "submissions.h"

struct fixture {
	char *dir, *db;
	struct settings s;
	long long bodo, tromso, unmatched; /* Nordland, Troms og Finnmark, no member */
};

static long long add(struct store *st, const char *member)
{
	date_t d;
	assert_true(date_parse("2024-01-20", &d));
	struct answer_in a = {"handlingsrom", NULL, "Svar"};
	struct submission_in in = {.cycle_id = "2024", .member = member, .received = d,
				   .decided = DATE_NONE, .body = "Vedtak", .source = "test",
				   .answers = &a, .n_answers = 1};
	long long id;
	assert_int_equal(store_begin(st), 0);
	assert_true(submission_insert(st, &in, &id) >= 0);
	assert_int_equal(store_commit(st), 0);
	return id;
}

static struct store *open_as(struct fixture *f, const char *user)
{
	struct diags errs = {0};
	struct store *st = store_open(f->db, user, &errs);
	assert_non_null(st);
	assert_int_equal(store_sync_settings(st, &f->s, &errs), 0);
	diags_free(&errs);
	return st;
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	struct diags errs = {0};
	f->dir = tmpdir_make();
	f->db = xasprintf("%s/t.db", f->dir);
	assert_int_equal(settings_load("config/innspill.cfg", &f->s, &errs), 0);
	struct store *st = open_as(f, "ola");
	f->bodo = add(st, "1804");
	f->tromso = add(st, "5501");
	f->unmatched = add(st, NULL);
	store_close(st);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	settings_free(&f->s);
	free(f->db);
	tmpdir_remove(f->dir);
	free(f);
	return 0;
}

/* Every write on one submission, as one user: how many were allowed, and
 * the first refusal's message. */
static int writes_allowed(struct fixture *f, const char *user, long long id, char **why)
{
	struct store *st = open_as(f, user);
	struct diags errs = {0};
	const struct cycle *c = settings_cycle(&f->s, "2024");
	struct answer_in a = {"utenforskap", NULL, "Tekst"};
	int ok = 0;
	ok += submission_set_status(st, id, -1, STATUS_APPROVED, &errs) == 0;
	ok += submission_add_note(st, id, -1, "Notat", &errs) == 0;
	ok += submission_set_answer(st, id, -1, &a, "agree", 1, 1, &errs) == 0;
	ok += submission_assign(st, id, -1, "kari", &errs) == 0;
	long long code = 0;
	char *label = xasprintf("%s %lld", user, id);
	if (code_create(st, c, &c->questions[0], label, &code, &errs) == 0)
		ok += code_set(st, id, "handlingsrom", code, true, &errs) == 0;
	free(label);
	*why = errs.n ? xstrdup(errs.v[0].msg) : NULL;
	diags_free(&errs);
	store_close(st);
	return ok;
}

static void central_writes_everywhere(void **state)
{
	struct fixture *f = *state;
	char *why;
	assert_int_equal(writes_allowed(f, "ola", f->bodo, &why), 5);
	assert_null(why);
	assert_int_equal(writes_allowed(f, "ola", f->tromso, &why), 5);
	assert_null(why);
}

static void regional_writes_in_own_region(void **state)
{
	struct fixture *f = *state;
	char *why;
	assert_int_equal(writes_allowed(f, "kari", f->bodo, &why), 5);
	assert_null(why);
	assert_int_equal(writes_allowed(f, "kari", f->tromso, &why), 0);
	assert_non_null(strstr(why, "kari: works for other regions than Troms og Finnmark"));
	free(why);
	/* An unmatched mail is anyone's to sort out. */
	assert_int_equal(writes_allowed(f, "kari", f->unmatched, &why), 5);
	assert_null(why);
}

static void readers_write_nothing(void **state)
{
	struct fixture *f = *state;
	char *why;
	assert_int_equal(writes_allowed(f, "ingrid", f->bodo, &why), 0);
	assert_non_null(strstr(why, "a reader may not change anything"));
	free(why);
	assert_int_equal(writes_allowed(f, "stranger", f->bodo, &why), 0);
	assert_non_null(strstr(why, "not listed in the settings' users"));
	free(why);
	/* The refusals changed nothing and wrote no audit events. */
	struct store *st = open_as(f, "ola");
	sqlite3_stmt *s = store_prepare(st, "SELECT COUNT(*) FROM audit_event WHERE user IN"
					    " ('ingrid', 'stranger')");
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(s, 0), 0);
	store_release(st, s);
	store_close(st);
}

static void assigning_a_member_checks_its_region(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_as(f, "kari");
	struct diags errs = {0};
	/* Kari may sort the unmatched mail, but not give it to a Troms member. */
	assert_int_equal(submission_assign_member(st, f->unmatched, -1, "5501", &errs), -1);
	expect_diag(&errs, 0, "works for other regions than Troms og Finnmark");
	assert_int_equal(submission_assign_member(st, f->unmatched, -1, "1833", &errs), 0);
	diags_free(&errs);
	store_close(st);
}

static void region_answer_by_region(void **state)
{
	struct fixture *f = *state;
	const struct cycle *c = settings_cycle(&f->s, "2024");
	struct store *st = open_as(f, "eirik"); /* regional: troms-og-finnmark */
	struct diags errs = {0};
	assert_int_equal(region_answer_set(st, c, "troms-og-finnmark", "lokalt", "Enig", 0, &errs), 0);
	assert_int_equal(region_answer_set(st, c, "nordland", "lokalt", "Uenig", 0, &errs), -1);
	expect_diag(&errs, 0, "works for other regions than Nordland");
	/* Saving over an answer someone changed meanwhile is refused. */
	assert_int_equal(region_answer_set(st, c, "troms-og-finnmark", "lokalt", "Uenig", 0, &errs), -1);
	expect_diag(&errs, 0, "saved a newer answer meanwhile");
	diags_free(&errs);
	store_close(st);
}

static void import_only_for_own_region(void **state)
{
	struct fixture *f = *state;
	char *csv = xasprintf("%s/in.csv", f->dir);
	FILE *fp = fopen(csv, "w");
	fputs("member;body\n1806;Narvik sier ja\n5501;Tromsø sier nei\n", fp);
	fclose(fp);
	struct store *st = open_as(f, "kari");
	struct diags errs = {0};
	struct import_opts o = {NULL, false, 0, NULL, NULL};
	struct import_result r;
	const char *paths[] = {csv};
	assert_int_equal(import_paths(st, &f->s, &o, paths, 1, &r, &errs), -1);
	expect_n_diags(&errs, 1);
	expect_diag(&errs, 0, "works for other regions than Troms og Finnmark");
	diags_free(&errs);
	store_close(st);
	unlink(csv);
	free(csv);
}

static void world_writable_files_refused(void **state)
{
	struct fixture *f = *state;
	struct diags errs = {0};
	struct stat sb;
	assert_int_equal(stat(f->db, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0660);
	chmod(f->db, 0666);
	assert_null(store_open(f->db, "ola", &errs));
	expect_diag(&errs, 0, "chmod o-w");
	chmod(f->db, 0660);
	diags_free(&errs);
	char *cfg = xasprintf("%s/open.cfg", f->dir);
	FILE *fp = fopen(cfg, "w");
	fputs("cycles = ();\n", fp);
	fclose(fp);
	chmod(cfg, 0666);
	struct settings s;
	assert_int_equal(settings_load(cfg, &s, &errs), -1);
	expect_n_diags(&errs, 1);
	expect_diag(&errs, 0, "may be changed by anyone");
	diags_free(&errs);
	unlink(cfg);
	free(cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(central_writes_everywhere, setup, teardown),
		cmocka_unit_test_setup_teardown(regional_writes_in_own_region, setup, teardown),
		cmocka_unit_test_setup_teardown(readers_write_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(assigning_a_member_checks_its_region, setup, teardown),
		cmocka_unit_test_setup_teardown(region_answer_by_region, setup, teardown),
		cmocka_unit_test_setup_teardown(import_only_for_own_region, setup, teardown),
		cmocka_unit_test_setup_teardown(world_writable_files_refused, setup, teardown),
	};
	setlocale(LC_ALL, "C.UTF-8");
	umask(022);
	return cmocka_run_group_tests_name("access", tests, NULL, NULL);
}
