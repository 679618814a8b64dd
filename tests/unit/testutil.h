/* Helpers shared by the unit tests: cmocka's headers in the order it needs,
 * checks on diagnostics, and throw-away directories under /tmp. */
#ifndef INNSPILL_TESTUTIL_H
#define INNSPILL_TESTUTIL_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "diag.h"
#include "util.h"
#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Prints every message, as the program would, to show why a check failed. */
static inline void print_diags(const struct diags *d)
{
	for (int i = 0; i < d->n; i++)
		print_error("  diag %d: %s:%d: %s\n", i + 1, d->v[i].file ? d->v[i].file : "(no file)",
			    d->v[i].line, d->v[i].msg);
}

/* The message on line `line` whose text contains `part`, or NULL. */
static inline const struct diag *find_diag(const struct diags *d, int line, const char *part)
{
	for (int i = 0; i < d->n; i++)
		if (d->v[i].line == line && strstr(d->v[i].msg, part))
			return &d->v[i];
	return NULL;
}

static inline const struct diag *expect_diag_at(const struct diags *d, int line, const char *part,
						const char *file, int file_line)
{
	const struct diag *e = find_diag(d, line, part);
	if (!e) {
		print_error("no message on line %d containing \"%s\"; there were %d:\n", line, part,
			    d->n);
		print_diags(d);
		_fail(file, file_line);
	}
	return e;
}

/* Fails the test unless d holds a message on line `line` containing `part`;
 * gives that message. */
#define expect_diag(d, line, part) expect_diag_at((d), (line), (part), __FILE__, __LINE__)

static inline void expect_n_diags_at(const struct diags *d, int n, const char *file, int file_line)
{
	if (d->n != n) {
		print_error("expected %d message(s), got %d:\n", n, d->n);
		print_diags(d);
		_fail(file, file_line);
	}
}

/* Fails the test unless d holds exactly n messages (and shows them if not). */
#define expect_n_diags(d, n) expect_n_diags_at((d), (n), __FILE__, __LINE__)

/* A new empty directory under /tmp. */
static inline char *tmpdir_make(void)
{
	char *dir = xstrdup("/tmp/innspill-test-XXXXXX");
	if (!mkdtemp(dir)) {
		free(dir);
		fail_msg("cannot make a temporary directory");
	}
	return dir;
}

static inline int tmpdir_remove_one(const char *path, const struct stat *sb, int flag,
				    struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	remove(path);
	return 0;
}

/* Removes dir and everything in it (links themselves, never what they point
 * to), and frees the name. */
static inline void tmpdir_remove(char *dir)
{
	nftw(dir, tmpdir_remove_one, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
}

#endif
