/* The settings file: the shipped one loads as documented, and each kind of
 * mistake is reported on the line it is on. The files in tests/data/settings/
 * are valid.cfg with one fault each (bad-many.cfg has several). */
#include "testutil.h"

#include "settings.h"
#include <sys/stat.h>
#include <unistd.h>

#define SHIPPED "config/innspill.cfg"
#define DATA "tests/data/settings/"

static date_t ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

/* ---- the shipped settings ---- */

static void shipped_settings_load_without_errors(void **state)
{
	(void)state;
	struct settings s;
	struct diags errs = {0};
	int rc = settings_load(SHIPPED, &s, &errs);
	expect_n_diags(&errs, 0);
	assert_int_equal(rc, 0);

	assert_int_equal(s.n_registers, 1);
	assert_int_equal(s.n_regions, 10);
	assert_int_equal(s.n_users, 4);
	assert_int_equal(s.n_cycles, 1);
	const struct cycle *c = settings_cycle(&s, "2024");
	assert_non_null(c);
	assert_int_equal(c->n_questions, 5);
	assert_string_equal(c->questions[0].id, "handlingsrom");
	assert_int_equal(c->questions[1].kind, QUESTION_CHOICE);
	assert_int_equal(c->questions[1].n_options, 3);
	assert_int_equal(c->national_deadline, ymd(2024, 3, 8));
	assert_int_equal(c->sent, ymd(2023, 11, 1));
	assert_ptr_equal(c->reg, &s.registers[0]);
	assert_null(settings_cycle(&s, "2025"));

	settings_free(&s);
	diags_free(&errs);
}

static void shipped_timeline_spans_leap_day(void **state)
{
	(void)state;
	struct settings s;
	struct diags errs = {0};
	assert_int_equal(settings_load(SHIPPED, &s, &errs), 0);

	const struct region *r = settings_region(&s, "troms-og-finnmark");
	assert_non_null(r);
	assert_string_equal(r->name, "Troms og Finnmark");
	assert_int_equal(r->n_counties, 2);
	/* The timeline names no cycle: with one cycle it is that one. */
	const struct region_timeline *t = region_timeline_for(r, "2024");
	assert_non_null(t);
	const struct milestone *m = timeline_milestone(t, MILESTONE_STRATEGY_CONFERENCE);
	assert_non_null(m);
	assert_int_equal(m->from, ymd(2024, 2, 28));
	assert_int_equal(m->to, ymd(2024, 3, 1));
	assert_int_equal(m->to - m->from, 2); /* 28 Feb, 29 Feb, 1 Mar */
	m = timeline_milestone(t, MILESTONE_MEMBER_DEADLINE);
	assert_non_null(m);
	assert_int_equal(m->from, ymd(2024, 2, 16));
	assert_int_equal(m->to, m->from);
	m = timeline_milestone(t, MILESTONE_EXTRA);
	assert_non_null(m);
	assert_string_equal(m->name, "Redaksjonskomité");
	assert_int_equal(m->from, ymd(2024, 2, 22));

	settings_free(&s);
	diags_free(&errs);
}

static void shipped_counties_users_and_oslo(void **state)
{
	(void)state;
	struct settings s;
	struct diags errs = {0};
	assert_int_equal(settings_load(SHIPPED, &s, &errs), 0);

	/* Every county of the register is in exactly one region. */
	const struct member_register *reg = &s.registers[0];
	for (int i = reg->n_municipalities; i < reg->n_members; i++)
		assert_non_null(settings_region_of_county(&s, reg->members[i].number));
	assert_string_equal(settings_region_of_county(&s, "03")->code, "viken");
	assert_string_equal(settings_region_of_county(&s, "56")->code, "troms-og-finnmark");
	assert_null(settings_region_of_county(&s, "99"));

	/* Oslo, municipality and county, has given no mandate. */
	const struct cycle *c = &s.cycles[0];
	assert_false(cycle_member_expected(c, "0301"));
	assert_false(cycle_member_expected(c, "03"));
	assert_true(cycle_member_expected(c, "5610"));
	assert_true(cycle_member_expected(c, "56"));
	assert_string_equal(c->not_expected_reason, "Oslo har ikke gitt KS forhandlingsfullmakt");

	const struct user *u = settings_user(&s, "ola");
	assert_non_null(u);
	assert_int_equal(u->role, ROLE_CENTRAL);
	u = settings_user(&s, "kari");
	assert_non_null(u);
	assert_int_equal(u->role, ROLE_REGIONAL);
	assert_int_equal(u->n_regions, 1);
	assert_string_equal(u->regions[0], "nordland");
	u = settings_user(&s, "ingrid");
	assert_non_null(u);
	assert_int_equal(u->role, ROLE_READER);
	assert_null(settings_user(&s, "root"));

	settings_free(&s);
	diags_free(&errs);
}

/* ---- faulty files ---- */

/* The base of every faulty file must itself be clean, so that each faulty
 * file's messages come from its one fault. */
static void base_file_is_valid(void **state)
{
	(void)state;
	struct settings s;
	struct diags errs = {0};
	int rc = settings_load(DATA "valid.cfg", &s, &errs);
	expect_n_diags(&errs, 0);
	assert_int_equal(rc, 0);
	assert_int_equal(s.n_regions, 2);
	assert_int_equal(s.cycles[0].n_questions, 2);
	settings_free(&s);
	diags_free(&errs);
}

/* Loads a faulty file: it must be refused with n messages, all naming it. */
static void load_bad(const char *name, int n, struct diags *errs)
{
	char *path = xasprintf(DATA "%s", name);
	struct settings s;
	int rc = settings_load(path, &s, errs);
	expect_n_diags(errs, n);
	assert_int_equal(rc, -1);
	assert_null(s.regions); /* freed on failure */
	assert_null(s.path);
	free(path);
}

/* A file with one fault gives one message, on line `line`, containing `part`,
 * and it names the file. */
static void expect_one_fault(const char *name, int line, const char *part)
{
	struct diags errs = {0};
	load_bad(name, 1, &errs);
	const struct diag *e = expect_diag(&errs, line, part);
	assert_non_null(e->file);
	assert_non_null(strstr(e->file, name));
	diags_free(&errs);
}

static void date_that_does_not_exist(void **state)
{
	(void)state;
	expect_one_fault("bad-date.cfg", 29,
			 "\"2024-02-30\" is not a real date; \"member_deadline\" must be YYYY-MM-DD");
}

static void county_in_two_regions(void **state)
{
	(void)state;
	expect_one_fault("bad-county-twice.cfg", 32,
			 "county \"56\" is in region \"nord\" and in region \"sor\"");
}

static void county_in_no_region(void **state)
{
	(void)state;
	/* Reported at the "regions" list, naming the county. */
	expect_one_fault("bad-county-missing.cfg", 25,
			 "county 50 (Trøndelag - Trööndelage) is in no region");
}

static void county_not_in_register(void **state)
{
	(void)state;
	expect_one_fault("bad-county-unknown.cfg", 32,
			 "county \"99\" of region \"sor\" is not in the county register");
}

static void member_deadline_after_national_deadline(void **state)
{
	(void)state;
	expect_one_fault("bad-deadline.cfg", 34,
			 "member_deadline 2024-03-11 is after the national deadline 2024-03-08");
}

static void duplicate_question_id(void **state)
{
	(void)state;
	expect_one_fault("bad-dup-question.cfg", 18,
			 "question id \"handlingsrom\" is used twice in cycle \"2024\"");
}

static void duplicate_region_code(void **state)
{
	(void)state;
	expect_one_fault("bad-dup-region.cfg", 31, "region code \"nord\" is used twice");
}

static void duplicate_cycle_id(void **state)
{
	(void)state;
	expect_one_fault("bad-dup-cycle.cfg", 23, "cycle id \"2024\" is used twice");
}

static void choice_without_options(void **state)
{
	(void)state;
	expect_one_fault("bad-choice-no-options.cfg", 18,
			 "question \"lokalt\" is a choice and needs \"options\"");
}

static void unknown_setting_name(void **state)
{
	(void)state;
	expect_one_fault("bad-setting-name.cfg", 30,
			 "unknown setting \"strategy_conferense\"; allowed here: cycle, "
			 "autumn_conference, member_deadline, strategy_conference");
}

static void unknown_role(void **state)
{
	(void)state;
	expect_one_fault("bad-role.cfg", 38, "role \"admin\" is not known");
}

static void syntax_error(void **state)
{
	(void)state;
	expect_one_fault("bad-syntax.cfg", 14, "syntax error");
}

/* The register file's own message names that file; a second one points at
 * the register in the settings. */
static void missing_register_file(void **state)
{
	(void)state;
	struct diags errs = {0};
	load_bad("bad-register-missing.cfg", 2, &errs);
	const struct diag *e = expect_diag(&errs, 0, "cannot read the register file");
	assert_string_equal(e->file, DATA "../../../config/kommuner-1999.csv");
	e = expect_diag(&errs, 3, "register \"2024\" could not be read");
	assert_string_equal(e->file, DATA "bad-register-missing.cfg");
	diags_free(&errs);
}

static void missing_settings_file(void **state)
{
	(void)state;
	struct diags errs = {0};
	load_bad("no-such-file.cfg", 1, &errs);
	expect_diag(&errs, 0, "cannot read the settings file");
	diags_free(&errs);
}

/* Every fault is reported, not only the first. */
static void all_faults_reported(void **state)
{
	(void)state;
	struct diags errs = {0};
	load_bad("bad-many.cfg", 5, &errs);
	expect_diag(&errs, 12, "\"2023-11-31\" is not a real date");
	expect_diag(&errs, 18, "question id \"handlingsrom\" is used twice");
	expect_diag(&errs, 25, "county 50 (Trøndelag - Trööndelage) is in no region");
	expect_diag(&errs, 30, "unknown setting \"strategy_conferense\"");
	expect_diag(&errs, 38, "role \"admin\" is not known");
	diags_free(&errs);
}

/* Loads path, which must be refused with one message on `line` holding part. */
static void expect_refused(const char *path, int line, const char *part)
{
	struct settings s;
	struct diags errs = {0};
	assert_int_equal(settings_load(path, &s, &errs), -1);
	expect_n_diags(&errs, 1);
	const struct diag *e = expect_diag(&errs, line, part);
	assert_string_equal(e->file, path);
	diags_free(&errs);
}

/* libconfig's @include ended the whole program when it named a directory
 * ("input in flex scanner failed", exit 2), and would block on a FIFO: the
 * settings are one file, and an @include says so on its line. */
static void include_refused_on_its_line(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	char *path = xasprintf("%s/innspill.cfg", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("# settings\n\n  @include \".\"\n", f);
	fclose(f);
	expect_refused(path, 3, "@include is not supported");
	unlink(path);
	free(path);
	tmpdir_remove(dir);
}

/* A FIFO as the settings file would block the program for ever; a file with
 * a NUL byte is not text. Both are refused at once, naming the file. */
static void settings_not_a_regular_text_file(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	char *fifo = xasprintf("%s/fifo.cfg", dir), *bin = xasprintf("%s/nul.cfg", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	expect_refused(fifo, 0, "not a regular file");
	FILE *f = fopen(bin, "w");
	assert_non_null(f);
	fwrite("a = 1;\0b = 2;\n", 1, 15, f);
	fclose(f);
	expect_refused(bin, 0, "NUL byte");
	free(fifo), free(bin);
	tmpdir_remove(dir);
}


/* An entry without its id, code or login before one with it: each is
 * reported on its line, and nothing crashes on the missing field (a cycle
 * without an id once crashed every command). */
static void missing_ids_reported(void **state)
{
	(void)state;
	struct diags errs = {0};
	load_bad("bad-missing-ids.cfg", 8, &errs);
	expect_diag(&errs, 4, "\"id\" is missing");  /* a register */
	expect_diag(&errs, 12, "\"id\" is missing"); /* a cycle */
	expect_diag(&errs, 14, "\"id\" is missing"); /* its question */
	expect_diag(&errs, 23, "\"id\" is missing"); /* a question of the next cycle */
	expect_diag(&errs, 31, "\"code\" is missing");
	expect_diag(&errs, 32, "\"cycle\" is missing");
	expect_diag(&errs, 35, "\"cycle\" is missing");
	expect_diag(&errs, 43, "\"login\" is missing");
	for (int i = 0; i < errs.n; i++)
		assert_string_equal(errs.v[i].file, DATA "bad-missing-ids.cfg");
	diags_free(&errs);
}

int main(void)
{
	const struct CMUnitTest settings_tests[] = {
		cmocka_unit_test(shipped_settings_load_without_errors),
		cmocka_unit_test(shipped_timeline_spans_leap_day),
		cmocka_unit_test(shipped_counties_users_and_oslo),
		cmocka_unit_test(base_file_is_valid),
		cmocka_unit_test(date_that_does_not_exist),
		cmocka_unit_test(county_in_two_regions),
		cmocka_unit_test(county_in_no_region),
		cmocka_unit_test(county_not_in_register),
		cmocka_unit_test(member_deadline_after_national_deadline),
		cmocka_unit_test(duplicate_question_id),
		cmocka_unit_test(duplicate_region_code),
		cmocka_unit_test(duplicate_cycle_id),
		cmocka_unit_test(choice_without_options),
		cmocka_unit_test(unknown_setting_name),
		cmocka_unit_test(unknown_role),
		cmocka_unit_test(syntax_error),
		cmocka_unit_test(missing_register_file),
		cmocka_unit_test(missing_settings_file),
		cmocka_unit_test(all_faults_reported),
		cmocka_unit_test(include_refused_on_its_line),
		cmocka_unit_test(settings_not_a_regular_text_file),

		cmocka_unit_test(missing_ids_reported),
	};
	return cmocka_run_group_tests(settings_tests, NULL, NULL) ? 1 : 0;
}
