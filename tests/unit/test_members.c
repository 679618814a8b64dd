/* The member register: the shipped 2024 files, and register files with
 * mistakes, which must be reported as file:line. */
#include "testutil.h"

#include "members.h"
#include <stdbool.h>

#define DATA "tests/data/settings/"

/* A register read from two files; returns what members_load returned. */
static int load(struct member_register *reg, const char *municipalities, const char *counties,
		struct diags *errs)
{
	*reg = (struct member_register){0};
	reg->id = xstrdup("test");
	reg->municipalities_path = xstrdup(municipalities);
	reg->counties_path = xstrdup(counties);
	return members_load(reg, errs);
}

static bool all_digits(const char *s)
{
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static void shipped_register_counts(void **state)
{
	(void)state;
	struct member_register reg;
	struct diags errs = {0};
	int rc = load(&reg, "config/kommuner-2024.csv", "config/fylker-2024.csv", &errs);
	expect_n_diags(&errs, 0);
	assert_int_equal(rc, 0);
	assert_int_equal(reg.n_municipalities, 357);
	assert_int_equal(reg.n_counties, 15);
	assert_int_equal(reg.n_members, 372);
	members_free(&reg);
}

/* Municipalities come first with 4-digit numbers, then counties with 2-digit
 * ones; no number twice; each municipality lies in a county of the register. */
static void shipped_register_numbers(void **state)
{
	(void)state;
	struct member_register reg;
	struct diags errs = {0};
	assert_int_equal(load(&reg, "config/kommuner-2024.csv", "config/fylker-2024.csv", &errs), 0);
	for (int i = 0; i < reg.n_members; i++) {
		const struct member *m = &reg.members[i];
		bool municipality = i < reg.n_municipalities;
		assert_int_equal(m->kind, municipality ? MEMBER_MUNICIPALITY : MEMBER_COUNTY);
		assert_int_equal(strlen(m->number), municipality ? 4 : 2);
		assert_true(all_digits(m->number));
		assert_int_equal(strlen(m->county), 2);
		assert_int_equal(strncmp(m->number, m->county, 2), 0);
		assert_non_null(members_county(&reg, m->county));
		assert_true(m->name[0] != '\0');
		for (int j = 0; j < i; j++)
			if (strcmp(reg.members[j].number, m->number) == 0)
				fail_msg("number %s appears twice", m->number);
	}
	members_free(&reg);
}

static void shipped_register_lookups(void **state)
{
	(void)state;
	struct member_register reg;
	struct diags errs = {0};
	assert_int_equal(load(&reg, "config/kommuner-2024.csv", "config/fylker-2024.csv", &errs), 0);

	const struct member *m = members_find(&reg, "0301");
	assert_non_null(m);
	assert_string_equal(m->name, "Oslo");
	assert_string_equal(m->county, "03");
	assert_int_equal(m->kind, MEMBER_MUNICIPALITY);
	m = members_county(&reg, "03");
	assert_non_null(m);
	assert_string_equal(m->name, "Oslo");
	assert_int_equal(m->kind, MEMBER_COUNTY);

	m = members_find(&reg, "5610");
	assert_non_null(m);
	assert_string_equal(m->name, "Kárášjohka - Karasjok");
	assert_string_equal(m->county, "56");
	assert_string_equal(members_county(&reg, "56")->name, "Finnmark - Finnmárku - Finmarkku");
	assert_string_equal(members_find(&reg, "1580")->name, "Haram");

	assert_null(members_find(&reg, "301"));
	assert_null(members_find(&reg, "9999"));
	assert_null(members_county(&reg, "0301")); /* a municipality is not a county */
	assert_null(members_county(&reg, "99"));
	members_free(&reg);
}

/* Quoted fields, with "" for a quote and a comma inside. */
static void quoted_fields(void **state)
{
	(void)state;
	struct member_register reg;
	struct diags errs = {0};
	int rc = load(&reg, DATA "small-kommuner.csv", DATA "small-fylker.csv", &errs);
	expect_n_diags(&errs, 0);
	assert_int_equal(rc, 0);
	assert_int_equal(reg.n_municipalities, 3);
	assert_int_equal(reg.n_counties, 3);
	assert_string_equal(members_find(&reg, "1103")->name, "Stavanger, \"Siddis\"");
	assert_string_equal(members_find(&reg, "5610")->name, "Kárášjohka - Karasjok");
	assert_string_equal(members_county(&reg, "56")->name, "Finnmark - Finnmárku - Finmarkku");
	members_free(&reg);
}

/* Checks that a message is on line `line` of `file`. */
static void expect_at(const struct diags *errs, const char *file, int line, const char *part)
{
	const struct diag *e = expect_diag(errs, line, part);
	assert_string_equal(e->file, file);
}

/* Every bad line of both files is reported, each with its file and line. */
static void malformed_register(void **state)
{
	(void)state;
	const char *mun = DATA "bad-kommuner.csv", *cty = DATA "bad-fylker.csv";
	struct member_register reg;
	struct diags errs = {0};
	assert_int_equal(load(&reg, mun, cty, &errs), -1);
	expect_n_diags(&errs, 7);
	expect_at(&errs, mun, 3, "\"301\" is not a 4-digit number");
	expect_at(&errs, mun, 4, "unterminated quote");
	expect_at(&errs, mun, 6, "number 1101 appears twice");
	expect_at(&errs, mun, 7, "county number 12 does not match municipality number 1103");
	expect_at(&errs, mun, 8, "the name is empty");
	expect_at(&errs, mun, 9, "expected number,name,county_number");
	expect_at(&errs, cty, 4, "\"031\" is not a 2-digit number");
	members_free(&reg);
	diags_free(&errs);
}

static void missing_register_file(void **state)
{
	(void)state;
	const char *mun = DATA "no-such-kommuner.csv";
	struct member_register reg;
	struct diags errs = {0};
	assert_int_equal(load(&reg, mun, "config/fylker-2024.csv", &errs), -1);
	expect_n_diags(&errs, 1);
	expect_at(&errs, mun, 0, "cannot read the register file: No such file or directory");
	members_free(&reg);
	diags_free(&errs);
}

/* Tests that write register files get a directory, removed even when they fail. */
static int setup_dir(void **state)
{
	*state = tmpdir_make();
	return 0;
}

static int teardown_dir(void **state)
{
	tmpdir_remove(*state);
	return 0;
}

/* Writes a file in dir and gives its path. */
static char *write_file(const char *dir, const char *name, const char *content)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(content, f);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* A register saved by a spreadsheet program: byte order mark, CRLF. */
static void byte_order_mark_and_crlf(void **state)
{
	const char *dir = *state;
	char *mun = write_file(dir, "k.csv",
			       "\xEF\xBB\xBFnumber,name,county_number\r\n0301,Oslo,03\r\n\r\n"
			       "5610,Kárášjohka - Karasjok,56\r\n");
	char *cty = write_file(dir, "f.csv", "\xEF\xBB\xBFnumber,name\r\n03,Oslo\r\n56,Finnmark\r\n");
	struct member_register reg;
	struct diags errs = {0};
	int rc = load(&reg, mun, cty, &errs);
	expect_n_diags(&errs, 0);
	assert_int_equal(rc, 0);
	assert_int_equal(reg.n_municipalities, 2);
	assert_int_equal(reg.n_counties, 2);
	assert_string_equal(members_find(&reg, "5610")->name, "Kárášjohka - Karasjok");
	assert_string_equal(members_county(&reg, "56")->name, "Finnmark");
	members_free(&reg);
	free(mun);
	free(cty);
}

/* A municipality whose county is not in the county file, and a file with
 * only its header. */
static void county_missing_and_empty_file(void **state)
{
	const char *dir = *state;
	char *cty = write_file(dir, "f.csv", "number,name\n03,Oslo\n56,Finnmark\n");
	char *empty = write_file(dir, "tom.csv", "number,name\n");
	const char *mun = DATA "small-kommuner.csv";
	struct member_register reg;
	struct diags errs = {0};
	assert_int_equal(load(&reg, mun, cty, &errs), -1);
	expect_n_diags(&errs, 1);
	expect_at(&errs, mun, 0, "municipality 1103 lies in county 11, which is not in");
	members_free(&reg);
	diags_free(&errs);

	assert_int_equal(load(&reg, mun, empty, &errs), -1);
	expect_n_diags(&errs, 1);
	expect_at(&errs, empty, 1, "the register file has no members");
	members_free(&reg);
	diags_free(&errs);
	free(cty);
	free(empty);
}

int main(void)
{
	const struct CMUnitTest members_tests[] = {
		cmocka_unit_test(shipped_register_counts),
		cmocka_unit_test(shipped_register_numbers),
		cmocka_unit_test(shipped_register_lookups),
		cmocka_unit_test(quoted_fields),
		cmocka_unit_test(malformed_register),
		cmocka_unit_test(missing_register_file),
		cmocka_unit_test_setup_teardown(byte_order_mark_and_crlf, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(county_missing_and_empty_file, setup_dir,
						teardown_dir),
	};
	return cmocka_run_group_tests(members_tests, NULL, NULL) ? 1 : 0;
}
