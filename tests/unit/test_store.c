/* The database: creating, upgrading and refusing files, bringing the settings
 * in (and doing it again without changing anything), and the audit log. Each
 * test gets its own directory under /tmp. */
#include "testdb.h"

#define USER "tester"

/* The tables the settings are written to. */
static const char *const settings_tables[] = {
	"meta", "member_register", "member", "region", "region_county",
	"cycle", "question", "question_option", "milestone", "expected",
};
#define N_SETTINGS_TABLES ((int)(sizeof settings_tables / sizeof settings_tables[0]))

/* A test's own directory with nothing in it yet; testdb_teardown removes it
 * (and frees the settings, if a test loaded them). */
static int setup(void **state)
{
	struct testdb *f = xcalloc(1, sizeof *f);
	testdb_make(f);
	*state = f;
	return 0;
}

/* ---- helpers ---- */

static struct store *open_ok(const char *path)
{
	return testdb_store_open(path, USER);
}

/* The shipped settings in f->s, and the database opened as USER with them
 * synced. */
static struct store *open_synced(struct testdb *f)
{
	testdb_load(f);
	return testdb_connect(f, USER);
}

/* store_open must refuse path with one message containing part. */
static void expect_refused(const char *path, const char *part)
{
	struct diags errs = {0};
	struct store *st = store_open(path, USER, &errs);
	assert_null(st);
	expect_n_diags(&errs, 1);
	const struct diag *e = expect_diag(&errs, 0, part);
	assert_string_equal(e->file, path);
	diags_free(&errs);
}

/* The first column of the first row as text (caller frees), or NULL. */
static char *query_text(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	char *v = NULL;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
		v = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return v;
}

static void expect_text(sqlite3 *db, const char *sql, const char *want)
{
	char *got = query_text(db, sql);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static char *dump_table(sqlite3 *db, const char *table)
{
	char *sql = xasprintf("SELECT * FROM %s ORDER BY rowid", table);
	char *d = db_dump(db, sql);
	free(sql);
	return d;
}

/* A database file made directly with SQLite, outside the program. */
static sqlite3 *raw_open(const char *path)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	return db;
}

static void raw_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		print_error("%s: %s\n", sql, msg ? msg : "?");
		sqlite3_free(msg);
		fail();
	}
}

/* ---- opening ---- */

static void fresh_database(void **state)
{
	struct testdb *f = *state;
	assert_int_equal(store_n_migrations, STORE_SCHEMA_VERSION);
	struct store *st = open_ok(f->db);
	assert_int_equal(store_user_version(st), STORE_SCHEMA_VERSION);
	expect_text(st->db, "PRAGMA journal_mode", "wal");
	assert_int_equal(db_int(st->db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(db_int(st->db, "SELECT count(*) FROM sqlite_master"
					" WHERE type = 'table' AND name = 'audit_event'"), 1);
	store_close(st);

	/* Opening again finds it up to date and changes nothing. */
	st = open_ok(f->db);
	assert_int_equal(store_user_version(st), STORE_SCHEMA_VERSION);
	assert_int_equal(db_int(st->db, "PRAGMA foreign_keys"), 1);
	store_close(st);
}

/* The schema, for comparing databases. */
static char *schema(sqlite3 *db)
{
	return db_dump(db, "SELECT type, name, sql FROM sqlite_master WHERE name != 'legacy'"
			   " ORDER BY type, name");
}

/* A database left at each older version (with data of its own) is brought to
 * the latest one, keeps its data, and ends with a fresh database's schema. */
static void upgrade_from_every_version(void **state)
{
	struct testdb *f = *state;
	struct store *st = open_ok(f->db);
	char *fresh = schema(st->db);
	store_close(st);

	for (int v = 0; v < store_n_migrations; v++) {
		char *path = xasprintf("%s/v%d.db", f->dir, v);
		sqlite3 *db = raw_open(path);
		for (int i = 0; i < v; i++)
			raw_exec(db, store_migrations[i]);
		char *pragma = xasprintf("PRAGMA user_version = %d", v);
		raw_exec(db, pragma);
		free(pragma);
		raw_exec(db, "CREATE TABLE legacy (x TEXT); INSERT INTO legacy VALUES ('kept')");
		sqlite3_close(db);

		st = open_ok(path);
		assert_int_equal(store_user_version(st), STORE_SCHEMA_VERSION);
		expect_text(st->db, "SELECT x FROM legacy", "kept");
		char *upgraded = schema(st->db);
		assert_string_equal(upgraded, fresh);
		free(upgraded);
		store_close(st);
		free(path);
	}
	free(fresh);
}

/* Version 6 rebuilt the answers and the search index: a version 5 database
 * with a coded answer and a note keeps them, and finds their words. */
static void upgrade_keeps_answers_and_search(void **state)
{
	struct testdb *f = *state;
	char *path = xasprintf("%s/v5.db", f->dir);
	sqlite3 *db = raw_open(path);
	for (int i = 0; i < 5; i++)
		raw_exec(db, store_migrations[i]);
	raw_exec(db, "PRAGMA user_version = 5;"
		 "INSERT INTO member_register VALUES ('r', NULL);"
		 "INSERT INTO member VALUES ('1804', 'Bodø', '18', 'municipality', 'r');"
		 "INSERT INTO cycle VALUES ('2024', 'T', 'r', '2023-11-01', '2024-03-01',"
		 "  '2024-04-01', 1);"
		 "INSERT INTO question (cycle_id, id, seq, title, text, kind)"
		 "  VALUES ('2024', 'q', 1, 'Q', 'Q?', 'text');"
		 "INSERT INTO submission (id, cycle_id, member, received, body, source, created_at)"
		 "  VALUES (7, '2024', '1804', '2024-01-20', 'Bystyret vedtok', 'csv', 'x');"
		 "INSERT INTO answer (submission_id, cycle_id, question_id, text, stance)"
		 "  VALUES (7, '2024', 'q', 'Mer handlingsrom', 'agree');"
		 "INSERT INTO note (submission_id, author, created_at, text)"
		 "  VALUES (7, 'ola', 'x', 'Ring rådmannen');"
		 "INSERT INTO code (id, cycle_id, question_id, label, seq, created_by, created_at)"
		 "  VALUES (1, '2024', 'q', 'Økonomi', 1, 'ola', 'x');"
		 "INSERT INTO answer_code VALUES (7, 'q', 1);");
	sqlite3_close(db);

	struct store *st = open_ok(path);
	assert_int_equal(store_user_version(st), STORE_SCHEMA_VERSION);
	assert_int_equal(db_int(st->db, "PRAGMA foreign_keys"), 1);
	expect_text(st->db, "SELECT text || '|' || stance FROM answer", "Mer handlingsrom|agree");
	expect_text(st->db, "SELECT label FROM code JOIN answer_code ON code_id = id"
			    " WHERE submission_id = 7", "Økonomi");
	const char *words[] = {"Bystyret", "handlingsrom", "rådmannen"};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		long long *ids;
		int n;
		assert_int_equal(submission_search(st, "2024", words[i], &ids, &n), 0);
		assert_int_equal(n, 1);
		assert_int_equal(ids[0], 7);
		free(ids);
	}
	assert_int_equal(submission_index_check(st), 0);
	/* The check is real: documents taken out of the index are missed. */
	raw_exec(st->db, "INSERT INTO submission_fts (submission_fts, rowid, body, answers, notes)"
			 " SELECT 'delete', id, body, answers, notes FROM submission_text");
	assert_int_equal(submission_index_check(st), 1);
	store_close(st);
	free(path);
}

static void newer_database_refused(void **state)
{
	struct testdb *f = *state;
	sqlite3 *db = raw_open(f->db);
	raw_exec(db, "CREATE TABLE future (x); PRAGMA user_version = 999");
	sqlite3_close(db);

	expect_refused(f->db, "schema version 999, newer than this program knows");

	/* Left as it was. */
	db = raw_open(f->db);
	assert_int_equal(db_int(db, "PRAGMA user_version"), 999);
	assert_int_equal(db_int(db, "SELECT count(*) FROM sqlite_master"), 1);
	sqlite3_close(db);
}

/* A file that is not a database is refused and left as it was. */
static void not_a_database_refused(void **state)
{
	struct testdb *f = *state;
	static const char text[] = "Innspill fra Bodø kommune: dette er ingen database.\n";
	char junk[4096];
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = text[i % (sizeof text - 1)];
	FILE *fp = fopen(f->db, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(junk, 1, sizeof junk, fp), sizeof junk);
	assert_int_equal(fclose(fp), 0);

	expect_refused(f->db, "not a database");

	char after[sizeof junk + 1];
	fp = fopen(f->db, "rb");
	assert_non_null(fp);
	assert_int_equal(fread(after, 1, sizeof after, fp), sizeof junk);
	fclose(fp);
	assert_memory_equal(after, junk, sizeof junk);
}

static void missing_directory_refused(void **state)
{
	struct testdb *f = *state;
	char *path = xasprintf("%s/no/such/dir/innspill.db", f->dir);
	expect_refused(path, "cannot create the database: No such file or directory");
	free(path);
}

/* ---- settings into the database ---- */

static void sync_writes_settings(void **state)
{
	struct testdb *f = *state;
	struct store *st = open_synced(f);
	sqlite3 *db = st->db;

	assert_int_equal(db_int(db, "SELECT count(*) FROM member"), 372);
	assert_int_equal(db_int(db, "SELECT count(*) FROM member WHERE kind = 'county'"), 15);
	expect_text(db, "SELECT name FROM member WHERE number = '5610'", "Kárášjohka - Karasjok");
	assert_int_equal(db_int(db, "SELECT count(*) FROM region"), 10);
	assert_int_equal(db_int(db, "SELECT count(*) FROM region_county"), 15);
	expect_text(db, "SELECT region_code FROM region_county WHERE county = '03'", "viken");
	assert_int_equal(db_int(db, "SELECT count(*) FROM cycle"), 1);
	expect_text(db, "SELECT national_deadline FROM cycle WHERE id = '2024'", "2024-03-08");
	assert_int_equal(db_int(db, "SELECT count(*) FROM question"), 5);
	assert_int_equal(db_int(db, "SELECT count(*) FROM question_option"), 6);
	expect_text(db, "SELECT group_concat(label, '/') FROM (SELECT label FROM question_option"
			" WHERE question_id = 'lokalt' ORDER BY seq)", "Enig/Delvis enig/Uenig");

	/* Everyone is expected to answer but Oslo, municipality and county. */
	assert_int_equal(db_int(db, "SELECT count(*) FROM expected WHERE expected = 1"), 370);
	expect_text(db, "SELECT group_concat(member, ',') FROM (SELECT member FROM expected"
			" WHERE expected = 0 ORDER BY member)", "03,0301");
	expect_text(db, "SELECT reason FROM expected WHERE member = '0301'",
		    "Oslo har ikke gitt KS forhandlingsfullmakt");

	/* 3 for the whole cycle; 4 for each region and Troms og Finnmark's extra. */
	assert_int_equal(db_int(db, "SELECT count(*) FROM milestone"), 3 + 10 * 4 + 1);
	expect_text(db, "SELECT date_from || '..' || date_to FROM milestone"
			" WHERE region_code = 'troms-og-finnmark' AND kind = 'strategy_conference'",
		    "2024-02-28..2024-03-01");
	expect_text(db, "SELECT date_from FROM milestone"
			" WHERE region_code IS NULL AND kind = 'national_deadline'", "2024-03-08");
	assert_int_equal(db_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);

	assert_int_equal(db_int(db, "SELECT count(*) FROM audit_event"), 1);
	expect_text(db, "SELECT user || ' ' || action FROM audit_event", USER " sync-settings");

	store_close(st);
}

static void dump_settings_tables(sqlite3 *db, char **out)
{
	for (int i = 0; i < N_SETTINGS_TABLES; i++)
		out[i] = dump_table(db, settings_tables[i]);
}

/* The settings tables hold what `before` says. */
static void expect_tables_unchanged(sqlite3 *db, char **before)
{
	for (int i = 0; i < N_SETTINGS_TABLES; i++) {
		char *now = dump_table(db, settings_tables[i]);
		if (strcmp(now, before[i]) != 0)
			fail_msg("table %s changed", settings_tables[i]);
		free(now);
	}
}

static void free_dumps(char **d)
{
	for (int i = 0; i < N_SETTINGS_TABLES; i++)
		free(d[i]);
}

/* Syncing the same settings again writes nothing and logs nothing, also in
 * a later session. */
static void sync_twice_changes_nothing(void **state)
{
	struct testdb *f = *state;
	struct store *st = open_synced(f);
	char *before[N_SETTINGS_TABLES];
	dump_settings_tables(st->db, before);

	int changes = sqlite3_total_changes(st->db);
	testdb_sync(st, &f->s);
	assert_int_equal(sqlite3_total_changes(st->db), changes);
	store_close(st);

	st = open_ok(f->db);
	testdb_sync(st, &f->s);
	expect_tables_unchanged(st->db, before);
	assert_int_equal(db_int(st->db, "SELECT count(*) FROM audit_event"), 1);
	store_close(st);
	free_dumps(before);
}

/* Without the fingerprint shortcut, writing the same settings again still
 * gives the same rows. */
static void full_resync_gives_same_rows(void **state)
{
	struct testdb *f = *state;
	struct store *st = open_synced(f);
	char *before[N_SETTINGS_TABLES];
	dump_settings_tables(st->db, before);

	assert_int_equal(store_exec(st, "DELETE FROM meta WHERE key = 'settings_fingerprint'"), 0);
	testdb_sync(st, &f->s);
	expect_tables_unchanged(st->db, before);
	assert_int_equal(db_int(st->db, "SELECT count(*) FROM audit_event"), 2);
	store_close(st);
	free_dumps(before);
}

/* A change to the settings reaches the database and is logged. */
static void sync_takes_changes(void **state)
{
	struct testdb *f = *state;
	struct store *st = open_synced(f);
	char *first = store_meta_get(st, "settings_fingerprint");
	assert_non_null(first);

	struct region *r = (struct region *)settings_region(&f->s, "nordland");
	free(r->name);
	r->name = xstrdup("Nordland fylke");
	struct milestone *m = (struct milestone *)timeline_milestone(
		region_timeline_for(r, "2024"), MILESTONE_MEMBER_DEADLINE);
	m->from = m->to = date_from_ymd(2024, 1, 31);
	testdb_sync(st, &f->s);

	expect_text(st->db, "SELECT name FROM region WHERE code = 'nordland'", "Nordland fylke");
	expect_text(st->db, "SELECT date_from FROM milestone WHERE region_code = 'nordland'"
			    " AND kind = 'member_deadline'", "2024-01-31");
	assert_int_equal(db_int(st->db, "SELECT count(*) FROM milestone"), 44);
	assert_int_equal(db_int(st->db, "SELECT count(*) FROM audit_event"), 2);
	char *before = query_text(st->db, "SELECT before FROM audit_event ORDER BY id DESC");
	assert_string_equal(before, first);
	free(before);
	free(first);
	store_close(st);
}

/* ---- the audit log ---- */

static void audit_records_who_what_before_after(void **state)
{
	struct testdb *f = *state;
	struct store *st = open_ok(f->db);
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_audit(st, "review", "submission", 42, "{\"status\":\"new\"}",
				     "{\"status\":\"approved\"}"), 0);
	assert_int_equal(store_audit(st, "create", "note", 7, NULL, "Ring ordføreren"), 0);
	assert_int_equal(store_commit(st), 0);

	char *rows = db_dump(st->db, "SELECT user, action, entity, entity_id, before, after"
				     " FROM audit_event ORDER BY id");
	assert_string_equal(rows,
			    USER "|review|submission|42|{\"status\":\"new\"}|{\"status\":\"approved\"}\n"
			    USER "|create|note|7|NULL|Ring ordføreren\n");
	free(rows);

	/* When, in UTC: "YYYY-MM-DDTHH:MM:SSZ". */
	char *at = query_text(st->db, "SELECT at FROM audit_event WHERE id = 1");
	assert_non_null(at);
	assert_int_equal(strlen(at), 20);
	assert_int_equal(at[10], 'T');
	assert_int_equal(at[19], 'Z');
	at[10] = '\0';
	date_t d;
	assert_true(date_parse(at, &d));
	free(at);
	store_close(st);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, testdb_teardown)
	const struct CMUnitTest store_tests[] = {
		T(fresh_database),
		T(upgrade_from_every_version),
		T(upgrade_keeps_answers_and_search),
		T(newer_database_refused),
		T(not_a_database_refused),
		T(missing_directory_refused),
		T(sync_writes_settings),
		T(sync_twice_changes_nothing),
		T(full_resync_gives_same_rows),
		T(sync_takes_changes),
		T(audit_records_who_what_before_after),
	};
#undef T
	return cmocka_run_group_tests(store_tests, NULL, NULL) ? 1 : 0;
}
