/* Who may change what, for every role and every write, checked in core/:
 * central everywhere, regional in its own regions, readers and unlisted
 * logins nowhere (but in a demo database). And files anyone may write. */
#include "testdb.h"
#include <glib.h>
#include <locale.h>
#include <sys/stat.h>

#include "access.h"
#include "aggregate.h"
#include "import.h"

struct fixture {
	struct testdb t; /* first: testdb_teardown ends the test */
	long long bodo, tromso, unmatched; /* Nordland, Troms og Finnmark, no member */
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	testdb_open(&f->t, "ola");
	struct answer_in a = {"handlingsrom", NULL, "Svar"};
	f->bodo = testdb_add(f->t.st, "1804", "2024-01-20", "Vedtak", &a, 1);
	f->tromso = testdb_add(f->t.st, "5501", "2024-01-20", "Vedtak", &a, 1);
	f->unmatched = testdb_add(f->t.st, NULL, "2024-01-20", "Vedtak", &a, 1);
	*state = f;
	return 0;
}

/* Every write on one submission, as one user: how many were allowed, and
 * the first refusal's message. */
static int writes_allowed(struct fixture *f, const char *user, long long id, char **why)
{
	struct store *st = testdb_connect(&f->t, user);
	struct diags errs = {0};
	const struct cycle *c = f->t.c;
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
	struct store *st = testdb_connect(&f->t, "ola");
	assert_int_equal(db_int(st->db, "SELECT COUNT(*) FROM audit_event WHERE user IN"
					" ('ingrid', 'stranger')"), 0);
	store_close(st);
}

static void assigning_a_member_checks_its_region(void **state)
{
	struct fixture *f = *state;
	struct store *st = testdb_connect(&f->t, "kari");
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
	const struct cycle *c = f->t.c;
	struct store *st = testdb_connect(&f->t, "eirik"); /* regional: troms-og-finnmark */
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

/* kari (regional: nordland) imports the CSV text; the import is refused
 * with one message, and writes nothing. */
static void expect_import_refused(struct fixture *f, const char *csv_text)
{
	char *csv = xasprintf("%s/in.csv", f->t.dir);
	FILE *fp = fopen(csv, "w");
	fputs(csv_text, fp);
	fclose(fp);
	long long before = db_int(f->t.st->db, "SELECT count(*) FROM submission");
	struct store *st = testdb_connect(&f->t, "kari");
	struct diags errs = {0};
	struct import_opts o = {NULL, false, 0, NULL, NULL};
	struct import_result r;
	const char *paths[] = {csv};
	assert_int_equal(import_paths(st, &f->t.s, &o, paths, 1, &r, &errs), -1);
	expect_n_diags(&errs, 1);
	expect_diag(&errs, 0, "works for other regions than Troms og Finnmark");
	assert_int_equal(db_int(st->db, "SELECT count(*) FROM submission"), before);
	diags_free(&errs);
	store_close(st);
	unlink(csv);
	free(csv);
}

static void import_only_for_own_region(void **state)
{
	expect_import_refused(*state, "member;body\n1806;Narvik sier ja\n5501;Tromsø sier nei\n");
}

/* A refusal early in a long file stops the reading too: one message, not
 * one per row (the reading runs in a thread of its own, which must not be
 * left waiting to hand over rows). */
static void refused_early_in_a_long_file(void **state)
{
	GString *csv = g_string_new("member;body\n5501;Tromsø sier nei\n");
	for (int i = 0; i < 5000; i++)
		g_string_append_printf(csv, "1806;Narvik sier ja, gang %d\n", i);
	expect_import_refused(*state, csv->str);
	g_string_free(csv, TRUE);
}

static void world_writable_files_refused(void **state)
{
	struct fixture *f = *state;
	struct diags errs = {0};
	struct stat sb;
	assert_int_equal(stat(f->t.db, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0660);
	chmod(f->t.db, 0666);
	assert_null(store_open(f->t.db, "ola", &errs));
	expect_diag(&errs, 0, "chmod o-w");
	chmod(f->t.db, 0660);
	diags_free(&errs);
	char *cfg = xasprintf("%s/open.cfg", f->t.dir);
	FILE *fp = fopen(cfg, "w");
	fputs("cycles = ();\n", fp);
	fclose(fp);
	chmod(cfg, 0666);
	struct settings s;
	assert_int_equal(settings_load(cfg, &s, &errs), -1);
	expect_n_diags(&errs, 1);
	expect_diag(&errs, 0, "may be changed by anyone");
	diags_free(&errs);
	/* A database mode that lets others write is refused in the settings. */
	fp = fopen(cfg, "w");
	fputs("database_mode = \"0666\";\ncycles = ();\n", fp);
	fclose(fp);
	chmod(cfg, 0644);
	assert_int_equal(settings_load(cfg, &s, &errs), -1);
	expect_diag(&errs, 1, "others never write");
	diags_free(&errs);
	unlink(cfg);
	free(cfg);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, testdb_teardown)
	const struct CMUnitTest tests[] = {
		T(central_writes_everywhere),
		T(regional_writes_in_own_region),
		T(readers_write_nothing),
		T(assigning_a_member_checks_its_region),
		T(region_answer_by_region),
		T(import_only_for_own_region),
		T(refused_early_in_a_long_file),
		T(world_writable_files_refused),
	};
#undef T
	setlocale(LC_ALL, "C.UTF-8");
	umask(022);
	return cmocka_run_group_tests_name("access", tests, NULL, NULL);
}
