/* A database for a test, for the tests that need one: the shipped settings
 * (config/innspill.cfg) brought into a new database in the test's own
 * directory under /tmp; and small helpers to fill it and read it back.
 * Static inline, as testutil.h: each test is a program of its own, linked
 * with all of src/core. */
#ifndef INNSPILL_TESTDB_H
#define INNSPILL_TESTDB_H
#include "testutil.h"

#include "date.h"
#include "settings.h"
#include "store.h"
#include "store_int.h" /* the core's tests see its insides (st->db) */
#include "submissions.h"
#include <sqlite3.h>
#include <sys/stat.h>

#ifndef TESTDB_SETTINGS
#define TESTDB_SETTINGS "config/innspill.cfg"
#endif

struct testdb {
	char *dir;             /* the test's own directory under /tmp */
	char *db;              /* the database file in it */
	struct settings s;     /* the shipped settings, once loaded */
	struct store *st;      /* open as testdb_open's user, settings synced; or NULL */
	const struct cycle *c; /* the settings' cycle 2024 */
	const void *param;     /* with testdb_setup: the test's initial state from cmocka */
};

/* A day written YYYY-MM-DD. */
static inline date_t day(const char *iso)
{
	date_t d;
	assert_true(date_parse(iso, &d));
	return d;
}

/* Makes t's directory and names its database in it; opens nothing. */
static inline void testdb_make(struct testdb *t)
{
	t->dir = tmpdir_make();
	t->db = xasprintf("%s/innspill.db", t->dir);
}

/* Loads the shipped settings into t->s, which must go without a message. */
static inline void testdb_load(struct testdb *t)
{
	struct diags errs = {0};
	int rc = settings_load(TESTDB_SETTINGS, &t->s, &errs);
	expect_n_diags(&errs, 0);
	assert_int_equal(rc, 0);
	t->c = settings_cycle(&t->s, "2024");
	assert_non_null(t->c);
}

/* Opens (creating and migrating) the database at path as user, without a
 * message. */
static inline struct store *testdb_store_open(const char *path, const char *user)
{
	struct diags errs = {0};
	struct store *st = store_open(path, user, &errs);
	expect_n_diags(&errs, 0);
	assert_non_null(st);
	return st;
}

/* Brings the settings into the database, without a message. */
static inline void testdb_sync(struct store *st, const struct settings *s)
{
	struct diags errs = {0};
	int rc = store_sync_settings(st, s, &errs);
	expect_n_diags(&errs, 0);
	assert_int_equal(rc, 0);
}

/* A connection of its own to t's database as user (as another member of
 * staff would have), with t's settings synced; the caller closes it. */
static inline struct store *testdb_connect(const struct testdb *t, const char *user)
{
	struct store *st = testdb_store_open(t->db, user);
	testdb_sync(st, &t->s);
	return st;
}

/* The template: a database made, migrated and synced once per process (and
 * per user, as the sync's audit event names its user), copied for each test
 * by testdb_open; creating and migrating costs far more than a copy. */
#define TESTDB_TEMPLATES 4
static struct testdb_template {
	char *user;
	char *dir;  /* its own directory under /tmp */
	char *path; /* the database file in it, checkpointed: no -wal to copy */
} testdb_templates[TESTDB_TEMPLATES];
static int testdb_n_templates;
static pid_t testdb_template_pid; /* a forked child must not remove them */

static inline void testdb_templates_remove(void)
{
	if (getpid() != testdb_template_pid)
		return;
	for (int i = 0; i < testdb_n_templates; i++) {
		tmpdir_remove(testdb_templates[i].dir);
		free(testdb_templates[i].path);
		free(testdb_templates[i].user);
	}
	testdb_n_templates = 0;
}

/* Writes the WAL into the database file and truncates it, so the file alone
 * is the whole database. */
static inline void testdb_checkpoint(const char *path)
{
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s: cannot checkpoint: %s", path, db ? sqlite3_errmsg(db) : "?");
	sqlite3_close(db);
	char *wal = xasprintf("%s-wal", path);
	struct stat sb;
	if (stat(wal, &sb) == 0 && sb.st_size > 0)
		fail_msg("%s: the WAL is not empty after a checkpoint", path);
	free(wal);
}

/* The template database for user, made on first use. */
static inline const char *testdb_template(const struct settings *s, const char *user)
{
	for (int i = 0; i < testdb_n_templates; i++)
		if (strcmp(testdb_templates[i].user, user) == 0)
			return testdb_templates[i].path;
	if (testdb_n_templates == TESTDB_TEMPLATES)
		fail_msg("more than %d users for testdb_open's templates", TESTDB_TEMPLATES);
	if (testdb_n_templates == 0) {
		testdb_template_pid = getpid();
		atexit(testdb_templates_remove);
	}
	struct testdb_template *tp = &testdb_templates[testdb_n_templates];
	tp->dir = tmpdir_make();
	tp->path = xasprintf("%s/template.db", tp->dir);
	tp->user = xstrdup(user);
	testdb_n_templates++;
	struct store *st = testdb_store_open(tp->path, user);
	testdb_sync(st, s);
	store_close(st);
	testdb_checkpoint(tp->path);
	return tp->path;
}

/* Copies the file from to the new file to, with from's permissions (the
 * program makes a database 0660 whatever the umask; tests check it). */
static inline void testdb_copy(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb");
	FILE *out = fopen(to, "wbx");
	if (!in || !out)
		fail_msg("cannot copy %s to %s", from, to);
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			fail_msg("cannot write %s", to);
	struct stat sb;
	if (ferror(in) || fstat(fileno(in), &sb) != 0 || fchmod(fileno(out), sb.st_mode & 07777) != 0 ||
	    fclose(out) != 0)
		fail_msg("cannot copy %s to %s", from, to);
	fclose(in);
}

/* A new directory, the shipped settings, and a new database with them in
 * it (a copy of the template), open in t->st as user. */
static inline void testdb_open(struct testdb *t, const char *user)
{
	testdb_make(t);
	testdb_load(t);
	testdb_copy(testdb_template(&t->s, user), t->db);
	t->st = testdb_connect(t, user);
}

/* Closes t->st (if open), frees the settings (if loaded), and removes the
 * directory with the database in it. */
static inline void testdb_close(struct testdb *t)
{
	store_close(t->st);
	settings_free(&t->s);
	free(t->db);
	tmpdir_remove(t->dir);
}

/* cmocka setup and teardown for tests whose state is a struct testdb, open
 * as ola (central staff: may write everywhere). testdb_teardown also ends a
 * test whose state is a fixture of its own that begins with a struct testdb
 * and holds nothing else to free. */
static inline int testdb_setup(void **state)
{
	struct testdb *t = xcalloc(1, sizeof *t);
	t->param = *state;
	testdb_open(t, "ola");
	*state = t;
	return 0;
}

static inline int testdb_teardown(void **state)
{
	struct testdb *t = *state;
	testdb_close(t);
	free(t);
	return 0;
}

/* A test run with testdb_setup and testdb_teardown. */
#define testdb_test(f) cmocka_unit_test_setup_teardown(f, testdb_setup, testdb_teardown)

/* Puts one submission in, in a transaction of its own; gives its id. */
static inline long long testdb_insert(struct store *st, const struct submission_in *in)
{
	long long id;
	assert_int_equal(store_begin(st), 0);
	assert_true(submission_insert(st, in, &id) >= 0);
	assert_int_equal(store_commit(st), 0);
	return id;
}

/* A submission to the cycle 2024 from member (NULL: not matched), received
 * on that day (YYYY-MM-DD), decided on an unknown day, with this body and
 * these answers, from the source "test"; gives its id. */
static inline long long testdb_add(struct store *st, const char *member, const char *received,
				   const char *body, const struct answer_in *answers, int n_answers)
{
	struct submission_in in = {.cycle_id = "2024", .member = member, .received = day(received),
				   .decided = DATE_NONE, .body = body, .source = "test",
				   .answers = answers, .n_answers = n_answers};
	return testdb_insert(st, &in);
}

/* The first column of the first row of sql, which must give a row; a ?1 in
 * sql is bound to arg. */
static inline long long db_int_arg(sqlite3 *db, const char *sql, long long arg)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_bind_parameter_count(s) > 0)
		sqlite3_bind_int64(s, 1, arg);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	long long v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* The first column of the first row of sql, which must give a row. */
static inline long long db_int(sqlite3 *db, const char *sql)
{
	return db_int_arg(db, sql, 0);
}

/* Every row of a query, one line per row, columns split by '|', NULL as
 * "NULL" (caller frees). */
static inline char *db_dump(sqlite3 *db, const char *sql)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	while (sqlite3_step(s) == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(s); i++) {
			const unsigned char *v = sqlite3_column_text(s, i);
			fprintf(out, "%s%s", i ? "|" : "", v ? (const char *)v : "NULL");
		}
		fputc('\n', out);
	}
	sqlite3_finalize(s);
	fclose(out);
	return buf;
}

/* Every row of every table (the search index's and SQLite's own too), each
 * table under a line "== NAME", its rows in storage order: the same rows
 * give the same dump (caller frees). */
static inline char *db_dump_tables(sqlite3 *db)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	char *tables = db_dump(db, "SELECT name FROM sqlite_master WHERE type = 'table'"
				   " ORDER BY name");
	for (char *t = strtok(tables, "\n"); t; t = strtok(NULL, "\n")) {
		char *sql = xasprintf("SELECT * FROM \"%s\"", t);
		char *rows = db_dump(db, sql);
		fprintf(out, "== %s\n%s", t, rows);
		free(rows);
		free(sql);
	}
	free(tables);
	fclose(out);
	return buf;
}

#endif
