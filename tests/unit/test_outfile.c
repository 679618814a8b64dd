/* Every file the program writes for the user goes through outfile_write():
 * whole or not at all, on disk before it is in place, never replacing a file
 * unasked and never writing through a symlink. */
#include "testutil.h"

#include "outfile.h"
#include <errno.h>
#include <sys/stat.h>

static char *slurp(const char *path)
{
	FILE *in = fopen(path, "r");
	if (!in)
		return NULL;
	char buf[256];
	size_t n = fread(buf, 1, sizeof buf - 1, in);
	fclose(in);
	buf[n] = '\0';
	return xstrdup(buf);
}

static void spit(const char *path, const char *text)
{
	FILE *out = fopen(path, "w");
	assert_non_null(out);
	fputs(text, out);
	fclose(out);
}

/* How many names dir holds, besides . and .. */
static int entries(const char *dir)
{
	int n = 0;
	DIR *d = opendir(dir);
	assert_non_null(d);
	const struct dirent *e;
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static int write_text(FILE *out, void *ctx, struct diags *errs)
{
	(void)errs;
	fputs(ctx, out);
	return 0;
}

/* A writer that fails half-way, as a database error would. */
static int write_half(FILE *out, void *ctx, struct diags *errs)
{
	fputs(ctx, out);
	diags_add(errs, NULL, 0, "the database went away");
	return -1;
}

static void written_whole_with_the_umask(void **state)
{
	(void)state;
	char *dir = tmpdir_make(), *path = xasprintf("%s/plan.ics", dir);
	struct diags errs = {0};
	mode_t old = umask(027);
	assert_int_equal(outfile_write(path, false, write_text, "BEGIN:VCALENDAR\n", &errs), 0);
	umask(old);
	expect_n_diags(&errs, 0);
	char *got = slurp(path);
	assert_string_equal(got, "BEGIN:VCALENDAR\n");
	free(got);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0640);
	assert_int_equal(entries(dir), 1); /* no temporary file left */
	free(path);
	tmpdir_remove(dir);
}

static void an_existing_file_is_kept_unless_asked(void **state)
{
	(void)state;
	char *dir = tmpdir_make(), *path = xasprintf("%s/plan.ics", dir);
	struct diags errs = {0};
	spit(path, "old\n");
	assert_int_equal(outfile_write(path, false, write_text, "new\n", &errs), 1);
	expect_diag(&errs, 0, "the file exists already; it was not replaced");
	assert_string_equal(errs.v[0].file, path);
	char *got = slurp(path);
	assert_string_equal(got, "old\n");
	free(got);
	assert_int_equal(entries(dir), 1);
	assert_int_equal(outfile_write(path, true, write_text, "new\n", &errs), 0);
	got = slurp(path);
	assert_string_equal(got, "new\n");
	free(got);
	assert_int_equal(entries(dir), 1);
	diags_free(&errs);
	free(path);
	tmpdir_remove(dir);
}

static void a_symlink_is_replaced_never_followed(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	char *target = xasprintf("%s/target", dir), *link = xasprintf("%s/link.ics", dir);
	char *dangling = xasprintf("%s/dangling.ics", dir), *nowhere = xasprintf("%s/nowhere", dir);
	spit(target, "keep me\n");
	assert_int_equal(symlink(target, link), 0);
	assert_int_equal(symlink(nowhere, dangling), 0);
	struct diags errs = {0};
	assert_int_equal(outfile_write(link, false, write_text, "x\n", &errs), 1);
	assert_int_equal(outfile_write(dangling, false, write_text, "x\n", &errs), 1);
	assert_int_equal(access(nowhere, F_OK), -1);
	assert_int_equal(outfile_write(link, true, write_text, "x\n", &errs), 0);
	char *got = slurp(target);
	assert_string_equal(got, "keep me\n");
	free(got);
	struct stat sb;
	assert_int_equal(lstat(link, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	diags_free(&errs);
	free(target), free(link), free(dangling), free(nowhere);
	tmpdir_remove(dir);
}

/* A failed write leaves the old file as it was and nothing else behind. */
static void a_failed_write_changes_nothing(void **state)
{
	(void)state;
	char *dir = tmpdir_make(), *path = xasprintf("%s/report.md", dir);
	spit(path, "old\n");
	struct diags errs = {0};
	assert_int_equal(outfile_write(path, true, write_half, "half", &errs), -1);
	expect_diag(&errs, 0, "the database went away");
	char *got = slurp(path);
	assert_string_equal(got, "old\n");
	free(got);
	assert_int_equal(entries(dir), 1);
	diags_free(&errs);
	/* A folder that is not there: said, naming the file. */
	char *bad = xasprintf("%s/no/such/report.md", dir);
	assert_int_equal(outfile_write(bad, false, write_text, "x", &errs), -1);
	const struct diag *d = expect_diag(&errs, 0, "cannot write: No such file or directory");
	assert_string_equal(d->file, bad);
	diags_free(&errs);
	free(bad), free(path);
	tmpdir_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(written_whole_with_the_umask),
		cmocka_unit_test(an_existing_file_is_kept_unless_asked),
		cmocka_unit_test(a_symlink_is_replaced_never_followed),
		cmocka_unit_test(a_failed_write_changes_nothing),
	};
	return cmocka_run_group_tests_name("outfile", tests, NULL, NULL);
}
