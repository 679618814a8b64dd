/* Survey CSV import: good files in the forms spreadsheets and web surveys
 * write, importing again (nothing added) and new versions, the deadline
 * boundary, and bad files, each of which must be reported as FILE:LINE and
 * leave the database exactly as it was. Each test gets a fresh database in
 * its own directory under /tmp, with the shipped settings in it. */
#include "testdb.h"

#include "import.h"
#include "members.h"
#include <glib.h>

#define DATA "tests/data/import/csv/"
#define NORDLAND DATA "survey-nordland.csv"
#define NORDLAND_ROWS 9

/* ---- helpers ---- */

static int run_import(struct testdb *f, const char *const *paths, int n, bool dry_run,
		      struct import_result *res, struct diags *errs)
{
	struct import_opts o = {NULL, dry_run, day("2024-02-20"), NULL, NULL};
	return import_paths(f->st, &f->s, &o, paths, n, res, errs);
}

/* Imports one file that must go in without a message. */
static struct import_result import_ok(struct testdb *f, const char *path)
{
	struct import_result res;
	struct diags errs = {0};
	int rc = run_import(f, &path, 1, false, &res, &errs);
	expect_n_diags(&errs, 0);
	assert_int_equal(rc, 0);
	return res;
}

/* Imports one file that must be refused; the caller frees errs. */
static void import_bad(struct testdb *f, const char *path, struct diags *errs)
{
	struct import_result res;
	int rc = run_import(f, &path, 1, false, &res, errs);
	if (rc != -1)
		print_diags(errs);
	assert_int_equal(rc, -1);
	assert_true(errs->n > 0);
	for (int i = 0; i < errs->n; i++)
		assert_string_equal(errs->v[i].file, path);
}

static long long query_int(struct testdb *f, const char *sql)
{
	return db_int(f->st->db, sql);
}

static char *dump(struct testdb *f, const char *sql)
{
	return db_dump(f->st->db, sql);
}

static void expect_dump(struct testdb *f, const char *sql, const char *want)
{
	char *got = dump(f, sql);
	if (strcmp(got, want) != 0) {
		print_error("%s\ngot:\n%swant:\n%s", sql, got, want);
		free(got);
		fail();
	}
	free(got);
}

/* The database as it is on disk: the main file's bytes after a checkpoint
 * has moved everything committed out of the WAL, and every table's rows
 * (the audit log and the search index's tables too). A half-written import
 * would show in the rows. The bytes are not compared: an import announces
 * itself to others in the meta table before its transaction and takes the
 * announcement back after it, which leaves the rows as they were but not
 * every byte of the page they are on. */
struct snapshot {
	char *bytes, *rows;
	size_t len;
};

static char *read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	char *buf = NULL;
	size_t cap = 0;
	FILE *out = open_memstream(&buf, &cap);
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		fwrite(chunk, 1, n, out);
	fclose(fp);
	fclose(out);
	*len = cap;
	return buf;
}

static void snapshot_take(struct testdb *f, struct snapshot *s)
{
	assert_int_equal(sqlite3_exec(f->st->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL),
			 SQLITE_OK);
	s->bytes = read_file(f->db, &s->len);
	s->rows = db_dump_tables(f->st->db);
}

static void snapshot_free(struct snapshot *s)
{
	free(s->bytes);
	free(s->rows);
}

static bool snapshot_same(const struct snapshot *a, const struct snapshot *b)
{
	return strcmp(a->rows, b->rows) == 0;
}

static void expect_unchanged(struct testdb *f, const struct snapshot *before)
{
	struct snapshot after;
	snapshot_take(f, &after);
	if (strcmp(before->rows, after.rows) != 0)
		print_error("rows before:\n%s\nrows after:\n%s\n", before->rows, after.rows);
	assert_true(snapshot_same(before, &after));
	snapshot_free(&after);
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	fclose(fp);
}

static char *tmp_file(struct testdb *f, const char *name, const GString *content)
{
	char *path = xasprintf("%s/%s", f->dir, name);
	write_file(path, content->str, content->len);
	return path;
}

/* ---- good files ---- */

/* ';' with a byte order mark and CRLF line ends; a body in quotes over two
 * lines with "" in it; DD.MM.YYYY; choices in any case with blanks around;
 * a blank line; a row with answers and no body. */
static void semicolon_bom_crlf(void **state)
{
	struct testdb *f = *state;
	struct import_result r = import_ok(f, DATA "good-semicolon.csv");
	assert_int_equal(r.added, 3);
	assert_int_equal(r.new_versions + r.unchanged + r.unmatched, 0);
	expect_dump(f,
		"SELECT member, received, coalesce(decided, '-'), coalesce(reference, '-'), body,"
		" source, origin, body_by IS NULL, length(content_hash), current"
		" FROM submission ORDER BY id",
		"1804|2024-01-18|2024-01-15|2023/4411|Bystyret i Bodø vedtok:\n"
		"«Vi støtter \"Debatthefte 2024\" i sin helhet.»|csv|" DATA "good-semicolon.csv:2|1|64|1\n"
		"1833|2024-01-19|2024-01-16|-|Rana kommunestyre slutter seg til innstillingen.|csv|"
		DATA "good-semicolon.csv:4|1|64|1\n"
		"1841|2024-01-20|-|24/7||csv|" DATA "good-semicolon.csv:6|1|64|1\n");
	expect_dump(f,
		"SELECT s.member, a.question_id, coalesce(a.choice, '-'), coalesce(a.text, '-')"
		" FROM answer a JOIN submission s ON s.id = a.submission_id"
		" ORDER BY s.id, a.question_id",
		"1804|handlingsrom|-|Nei, for lite.\n"
		"1804|lokalt|Delvis enig|-\n"
		"1804|prioritering|Sykepleiere|-\n"
		"1833|prioritering|Lærere|-\n"
		"1833|rekruttering|-|Lærlinger\n"
		"1841|lokalt|Uenig|-\n"
		"1841|prioritering|Generelt tillegg|-\n"
		"1841|utenforskap|-|Mer samarbeid.\n");
	/* the body is searchable */
	assert_int_equal(query_int(f, "SELECT count(*) FROM submission_fts"
				      " WHERE submission_fts MATCH 'Debatthefte'"), 1);
}

/* ',' without a byte order mark; header names in any case, with blanks, in
 * any order; Oslo (not expected in the cycle) and a county are members too;
 * no received date means today. */
static void comma_no_bom(void **state)
{
	struct testdb *f = *state;
	struct import_result r = import_ok(f, DATA "good-comma.csv");
	assert_int_equal(r.added, 3);
	expect_dump(f,
		"SELECT s.member, s.received, s.body, coalesce(a.choice, '-')"
		" FROM submission s LEFT JOIN answer a ON a.submission_id = s.id ORDER BY s.id",
		"0301|2024-02-01|Oslo bystyre gir innspill, men har ikke gitt forhandlingsfullmakt.|-\n"
		"18|2024-02-02|Fylkestinget i Nordland slutter seg til uttalelsen.|Lærere\n"
		"1806|2024-02-20|Narvik bystyre: enstemmig.|Generelt tillegg\n");
}

/* A member by a name it is known by: any case, any of its names. "Rana" and
 * "Raane" are the same member, so the second is a new version. */
static void members_by_name(void **state)
{
	struct testdb *f = *state;
	struct import_result r = import_ok(f, DATA "good-names.csv");
	assert_int_equal(r.added, 3);
	assert_int_equal(r.new_versions, 1);
	/* A member's rows keep the file's order, the last one current and
	 * superseding the one before it. */
	expect_dump(f, "SELECT member, current, supersedes IS NOT NULL FROM submission"
		       " ORDER BY member, id",
		    "1804|1|0\n1833|0|0\n1833|1|1\n5612|1|0\n");
	assert_int_equal(query_int(f, "SELECT count(*) FROM submission n JOIN submission o"
				      " ON o.id = n.supersedes WHERE o.member = n.member"
				      " AND o.id < n.id AND o.origin < n.origin"), 1);
}

static void lookup(const struct member_register *reg, const char *text, int want_rc,
		   const char *want, const char *want_other)
{
	const struct member *m, *other;
	int rc = members_lookup(reg, text, &m, &other);
	if (rc != want_rc)
		fail_msg("members_lookup(\"%s\") gave %d, not %d", text, rc, want_rc);
	if (want)
		assert_string_equal(m->number, want);
	if (want_other)
		assert_string_equal(other->number, want_other);
	if (rc == 0)
		assert_null(other);
}

/* members_lookup, which the mail import uses too. */
static void member_lookup(void **state)
{
	struct testdb *f = *state;
	const struct member_register *reg = f->s.cycles[0].reg;
	lookup(reg, "1804", 0, "1804", NULL);
	lookup(reg, " 0301 ", 0, "0301", NULL);
	lookup(reg, "18", 0, "18", NULL);
	lookup(reg, "301", -1, NULL, NULL); /* no padding */
	lookup(reg, "9999", -1, NULL, NULL);
	lookup(reg, "Bodø", 0, "1804", NULL);
	lookup(reg, "bodø", 0, "1804", NULL);
	lookup(reg, "BODØ", 0, "1804", NULL);
	lookup(reg, "Kautokeino", 0, "5612", NULL);
	lookup(reg, "guovdageaidnu", 0, "5612", NULL);
	lookup(reg, "Guovdageaidnu - Kautokeino", 0, "5612", NULL);
	lookup(reg, "Evenášši", 0, "1853", NULL);
	lookup(reg, "EVENÁŠŠI", 0, "1853", NULL);
	lookup(reg, "Va\xcc\x8agan", 0, "1865", NULL); /* decomposed å */
	lookup(reg, "Herøy (Nordland)", 0, "1818", NULL);
	lookup(reg, "Nordland", 0, "18", NULL);
	lookup(reg, "Herøy", -2, "1515", "1818");
	lookup(reg, "Oslo", -2, "0301", "03");
	lookup(reg, "Atlantis", -1, NULL, NULL);
	lookup(reg, "Rana - ", -1, NULL, NULL);
	lookup(reg, "", -1, NULL, NULL);
	lookup(reg, "Bod\xf8", -1, NULL, NULL); /* Latin-1 */
	const struct member *m;
	assert_int_equal(members_lookup(reg, "Narvik", &m, NULL), 0);
	assert_int_equal(members_lookup(reg, "Våler", &m, NULL), -2);
}

/* ---- importing again ---- */

static void same_file_twice_adds_nothing(void **state)
{
	struct testdb *f = *state;
	struct import_result r = import_ok(f, NORDLAND);
	assert_int_equal(r.added, NORDLAND_ROWS);
	r = import_ok(f, NORDLAND);
	assert_int_equal(r.added, 0);
	assert_int_equal(r.new_versions, 0);
	assert_int_equal(r.unchanged, NORDLAND_ROWS);
	assert_int_equal(query_int(f, "SELECT count(*) FROM submission"), NORDLAND_ROWS);
	assert_int_equal(query_int(f, "SELECT count(*) FROM answer"), 28);
}

/* One file with a member three times, once repeated word for word, over a
 * row from an earlier import: the repeat is known, the versions chain in
 * the file's order, only the last is current, and the search finds it. */
static void versions_within_one_file(void **state)
{
	struct testdb *f = *state;
	char *path = xasprintf("%s/versions.csv", f->dir);
	const char *a = "member;received;body\n1804;2024-01-10;Første vedtak.\n";
	const char *b = "member;received;body\n"
			"1804;2024-01-20;Andre vedtak.\n"
			"1833;2024-01-20;Rana sier ja.\n"
			"1804;2024-01-20;Andre vedtak.\n"
			"1804;2024-01-25;Tredje vedtak om utenforskap.\n";
	write_file(path, a, strlen(a));
	assert_int_equal(import_ok(f, path).added, 1);
	write_file(path, b, strlen(b));
	struct import_result r = import_ok(f, path);
	assert_int_equal(r.added, 1);
	assert_int_equal(r.new_versions, 2);
	assert_int_equal(r.unchanged, 1);
	expect_dump(f, "SELECT s.body, s.current, coalesce(p.body, '-') FROM submission s"
		       " LEFT JOIN submission p ON p.id = s.supersedes WHERE s.member = '1804'"
		       " ORDER BY s.id",
		    "Første vedtak.|0|-\n"
		    "Andre vedtak.|0|Første vedtak.\n"
		    "Tredje vedtak om utenforskap.|1|Andre vedtak.\n");
	long long *ids;
	int n;
	assert_int_equal(submission_search(f->st, "2024", "utenforskap", &ids, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], query_int(f, "SELECT id FROM submission WHERE current = 1"
					      " AND member = '1804'"));
	free(ids);
	assert_int_equal(query_int(f, "SELECT count(*) FROM audit_event"
				      " WHERE action = 'insert-version'"), 2);
	/* The search index agrees with the texts it was made from. */
	assert_int_equal(submission_index_check(f->st), 0);
	free(path);
}

/* The same file twice in one import: the second copy adds nothing. */
static void same_file_twice_in_one_import(void **state)
{
	struct testdb *f = *state;
	const char *paths[] = {DATA "good-names.csv", DATA "good-names.csv"};
	struct import_result r;
	struct diags errs = {0};
	long long cache = query_int(f, "PRAGMA cache_size");
	int rc = run_import(f, paths, 2, false, &r, &errs);
	if (rc != 0)
		print_diags(&errs);
	assert_int_equal(rc, 0);
	assert_int_equal(r.added, 3);
	assert_int_equal(r.new_versions, 1);
	assert_int_equal(r.unchanged, 4);
	assert_int_equal(query_int(f, "SELECT count(*) FROM submission"), 4);
	/* What the import set for itself is put back. */
	assert_int_equal(query_int(f, "PRAGMA foreign_keys"), 1);
	assert_int_equal(query_int(f, "PRAGMA cache_size"), cache);
	diags_free(&errs);
}

/* The received date is no part of the content: a resolution exported again
 * later is the same resolution. */
static void same_content_received_later_is_known(void **state)
{
	struct testdb *f = *state;
	char *path = xasprintf("%s/again.csv", f->dir);
	const char *a = "member;received;body\n1804;2024-01-20;Bodø sier ja.\n";
	const char *b = "member;received;body;lokalt\n1804;2024-02-01;Bodø sier ja.;\n";
	write_file(path, a, strlen(a));
	assert_int_equal(import_ok(f, path).added, 1);
	write_file(path, b, strlen(b));
	struct import_result r = import_ok(f, path);
	assert_int_equal(r.added + r.new_versions, 0);
	assert_int_equal(r.unchanged, 1);
	free(path);
}

static void changed_body_is_new_version(void **state)
{
	struct testdb *f = *state;
	import_ok(f, DATA "good-semicolon.csv");
	struct import_result r = import_ok(f, DATA "good-semicolon-v2.csv");
	assert_int_equal(r.added, 0);
	assert_int_equal(r.new_versions, 1);
	assert_int_equal(r.unchanged, 1);
	expect_dump(f,
		"SELECT id, current, coalesce(supersedes, '-'), received, body LIKE '%endret%'"
		" FROM submission WHERE member = '1804' ORDER BY id",
		"1|0|-|2024-01-18|0\n"
		"4|1|1|2024-01-22|1\n");
	assert_int_equal(query_int(f, "SELECT count(*) FROM submission"), 4);
}

/* Checked, counted, and nothing written. */
static void dry_run_changes_nothing(void **state)
{
	struct testdb *f = *state;
	struct snapshot before;
	snapshot_take(f, &before);
	const char *path = NORDLAND;
	struct import_result r;
	struct diags errs = {0};
	assert_int_equal(run_import(f, &path, 1, true, &r, &errs), 0);
	expect_n_diags(&errs, 0);
	assert_int_equal(r.added, NORDLAND_ROWS);
	expect_unchanged(f, &before);
	snapshot_free(&before);
	assert_int_equal(query_int(f, "SELECT count(*) FROM submission"), 0);
}

/* The snapshot does see an import: the check for "unchanged" can fail. */
static void snapshot_sees_an_import(void **state)
{
	struct testdb *f = *state;
	struct snapshot before, after;
	snapshot_take(f, &before);
	import_ok(f, DATA "deadline.csv");
	snapshot_take(f, &after);
	assert_false(snapshot_same(&before, &after));
	assert_true(before.len != after.len || memcmp(before.bytes, after.bytes, before.len) != 0);
	snapshot_free(&before);
	snapshot_free(&after);
}

/* Nordland's member deadline is 2024-01-26: received that day is on time,
 * the day after is late. */
static void deadline_boundary(void **state)
{
	struct testdb *f = *state;
	import_ok(f, DATA "deadline.csv");
	struct submission_row *rows;
	int n;
	assert_int_equal(submissions_list(f->st, "2024", &rows, &n), 0);
	assert_int_equal(n, 2);
	int seen = 0;
	for (int i = 0; i < n; i++) {
		assert_string_equal(rows[i].region_code, "nordland");
		if (strcmp(rows[i].member, "1804") == 0) {
			assert_int_equal(rows[i].received, day("2024-01-26"));
			assert_false(rows[i].late);
			seen |= 1;
		} else {
			assert_string_equal(rows[i].member, "1806");
			assert_int_equal(rows[i].received, day("2024-01-27"));
			assert_true(rows[i].late);
			seen |= 2;
		}
	}
	assert_int_equal(seen, 3);
	submission_rows_free(rows, n);
}

/* ---- bad files ---- */

struct bad_case {
	const char *file;
	int line;
	const char *part;
	int n_diags;
};

static const struct bad_case bad_cases[] = {
	{"bad-unclosed-quote.csv", 3, "has no closing quote", 1},
	{"bad-misplaced-quote.csv", 3, "misplaced quote", 1},
	{"bad-field-count.csv", 3, "this row has 4 fields, but the header has 3", 1},
	{"bad-member-unknown.csv", 3, "there is no member 9999", 1},
	{"bad-member-3-digits.csv", 2, "\"301\" is not a member number", 1},
	{"bad-member-name.csv", 3, "no member is called \"Atlantis\"", 1},
	{"bad-member-ambiguous.csv", 2,
	 "\"Herøy\" could be 1515 Herøy (Møre og Romsdal) or 1818 Herøy (Nordland)", 1},
	{"bad-column.csv", 1,
	 "unknown column \"kommentar\"; the columns can be: member, decided, received, "
	 "reference, body, handlingsrom, prioritering, rekruttering, lokalt, utenforskap", 1},
	{"bad-column-twice.csv", 1, "column \"Body\" appears twice", 1},
	{"bad-no-member-column.csv", 1, "no \"member\" column", 2},
	{"bad-choice.csv", 3,
	 "\"Kanskje\" is not an option of question \"lokalt\"; the options are: Enig, "
	 "Delvis enig, Uenig", 1},
	{"bad-date.csv", 3, "there is no day 30.02.2024 (column \"decided\")", 1},
	{"bad-date-text.csv", 2, "\"i går\" in column \"decided\" is not a date", 1},
	{"bad-decided-after-received.csv", 2, "decided 2024-01-25 is after received 2024-01-20", 1},
	{"bad-empty-row.csv", 3, "empty row", 1},
	{"bad-header-only.csv", 1, "header but no rows", 1},
	{"empty.csv", 1, "the file is empty", 1},
	{"bad-utf8.csv", 3, "not valid UTF-8", 1},
	{"bad-utf16.csv", 1, "UTF-16", 1},
	{"binary.csv", 1, "not a text file", 1},
};
#define N_BAD ((int)(sizeof bad_cases / sizeof bad_cases[0]))

/* The file is refused with its message on its line, and the database,
 * which already holds the Nordland survey, is exactly as before. */
static void bad_file(void **state)
{
	struct testdb *f = *state;
	const struct bad_case *c = f->param;
	import_ok(f, NORDLAND);
	struct snapshot before;
	snapshot_take(f, &before);
	char *path = xasprintf(DATA "%s", c->file);
	struct diags errs = {0};
	import_bad(f, path, &errs);
	expect_diag(&errs, c->line, c->part);
	expect_n_diags(&errs, c->n_diags);
	expect_unchanged(f, &before);
	snapshot_free(&before);
	diags_free(&errs);
	free(path);
}

/* Every problem of the file at once, each on the line its row starts on,
 * also after a record spanning lines. */
static void several_faulty_rows(void **state)
{
	struct testdb *f = *state;
	struct snapshot before;
	snapshot_take(f, &before);
	struct diags errs = {0};
	import_bad(f, DATA "bad-many.csv", &errs);
	expect_diag(&errs, 5, "did you mean \"0301\"");
	expect_diag(&errs, 6, "there is no day 31.04.2024");
	expect_diag(&errs, 7, "\"Bønder\" is not an option of question \"prioritering\"");
	expect_diag(&errs, 9, "this row has 8 fields, but the header has 10");
	expect_diag(&errs, 10, "decided 2024-01-19 is after received 2024-01-18");
	expect_diag(&errs, 10, "empty row");
	expect_n_diags(&errs, 6);
	expect_unchanged(f, &before);
	snapshot_free(&before);
	diags_free(&errs);
}

/* A good file and a bad one in one import: neither goes in. */
static void one_bad_file_stops_all(void **state)
{
	struct testdb *f = *state;
	struct snapshot before;
	snapshot_take(f, &before);
	const char *paths[] = {NORDLAND, DATA "bad-choice.csv"};
	struct import_result r;
	struct diags errs = {0};
	assert_int_equal(run_import(f, paths, 2, false, &r, &errs), -1);
	expect_n_diags(&errs, 1);
	expect_diag(&errs, 3, "Kanskje");
	expect_unchanged(f, &before);
	snapshot_free(&before);
	diags_free(&errs);
}

/* After a misplaced quote, reading goes on at the next line. */
static void reading_goes_on_after_quote_error(void **state)
{
	struct testdb *f = *state;
	GString *g = g_string_new("member;body\n1804;Bodø sier \"ja\".\n1806;Narvik.\n0000;x\n");
	char *path = tmp_file(f, "quote.csv", g);
	struct diags errs = {0};
	import_bad(f, path, &errs);
	expect_diag(&errs, 2, "misplaced quote");
	expect_diag(&errs, 4, "there is no member 0000");
	expect_n_diags(&errs, 2);
	diags_free(&errs);
	free(path);
	g_string_free(g, TRUE);
}

/* A field over 1 MB is refused, not read into memory whole. */
static void field_too_long(void **state)
{
	struct testdb *f = *state;
	GString *g = g_string_new("member;body\n1804;Bodø.\n1806;\"");
	for (int i = 0; i < 1100 * 1024 / 16; i++)
		g_string_append(g, "Narvik sier ja. ");
	g_string_append(g, "\"\n");
	char *path = tmp_file(f, "long.csv", g);
	struct diags errs = {0};
	import_bad(f, path, &errs);
	expect_diag(&errs, 3, "a field is longer than 1 MB");
	expect_n_diags(&errs, 1);
	diags_free(&errs);
	free(path);
	g_string_free(g, TRUE);
}

/* An unclosed quote early in a long file: reported where the quote opens. */
static void unclosed_quote_in_long_file(void **state)
{
	struct testdb *f = *state;
	GString *g = g_string_new("member;body\n1804;Bodø.\n1806;\"Narvik sier\n");
	for (int i = 0; i < 40000; i++)
		g_string_append_printf(g, "1804;Linje %d med tekst.\n", i);
	char *path = tmp_file(f, "unclosed.csv", g);
	struct diags errs = {0};
	import_bad(f, path, &errs);
	expect_diag(&errs, 3, "closing quote missing");
	expect_n_diags(&errs, 1);
	diags_free(&errs);
	free(path);
	g_string_free(g, TRUE);
}

/* A file far larger than the reader's chunks, with CRLF, multi-byte
 * letters and quoted fields over several lines, so that characters, line
 * ends and fields fall across chunk boundaries; the line of a problem near
 * the end must still be exact, and the texts whole. */
static GString *big_file(const struct member_register *reg, int rows, int bad_row, int *bad_line)
{
	GString *g = g_string_new("\xef\xbb\xbfmember;body;lokalt\r\n");
	int line = 2;
	for (int i = 0; i < rows; i++) {
		const char *num = reg->members[i % reg->n_municipalities].number;
		if (i == bad_row)
			*bad_line = line;
		if (i % 3 == 0) {
			g_string_append_printf(g,
					       "%s;\"Vedtak %d: æøå ÆØÅ\r\nandre linje \"\"sitat\"\"\r\n"
					       "tredje linje\";%s\r\n",
					       num, i, i == bad_row ? "Kanskje" : "Enig");
			line += 3;
		} else {
			g_string_append_printf(g, "%s;Vedtak %d: blåbærsyltetøy på Røst;%s\r\n", num, i,
					       i == bad_row ? "Kanskje" : "delvis enig");
			line++;
		}
	}
	return g;
}

static void big_file_across_chunks(void **state)
{
	struct testdb *f = *state;
	const struct member_register *reg = f->s.cycles[0].reg;
	int bad_line = 0;
	GString *g = big_file(reg, 6000, 5990, &bad_line);
	assert_true(g->len > 3 * 64 * 1024);
	char *path = tmp_file(f, "big-bad.csv", g);
	struct diags errs = {0};
	import_bad(f, path, &errs);
	expect_diag(&errs, bad_line, "\"Kanskje\" is not an option");
	expect_n_diags(&errs, 1);
	diags_free(&errs);
	free(path);
	g_string_free(g, TRUE);

	g = big_file(reg, 6000, -1, &bad_line);
	path = tmp_file(f, "big.csv", g);
	struct import_result r = import_ok(f, path);
	assert_int_equal(r.added + r.new_versions, 6000);
	assert_int_equal(query_int(f, "SELECT count(*) FROM submission"), 6000);
	assert_int_equal(query_int(f, "SELECT count(*) FROM submission WHERE body LIKE"
				      " 'Vedtak %: æøå ÆØÅ' || char(10) || 'andre linje \"sitat\"'"
				      " || char(10) || 'tredje linje'"), 2000);
	assert_int_equal(query_int(f, "SELECT count(*) FROM submission WHERE body LIKE"
				      " 'Vedtak %: blåbærsyltetøy på Røst'"), 4000);
	assert_int_equal(query_int(f, "SELECT count(*) FROM answer WHERE choice = 'Delvis enig'"),
			 4000);
	free(path);
	g_string_free(g, TRUE);
}

/* The reader takes the file in chunks of 64 KiB: a line that starts with a
 * two-byte letter just before the end of a chunk, and a CRLF cut in two by
 * it, must come through whole. */
static void letter_at_chunk_end(void **state)
{
	struct testdb *f = *state;
	for (int k = 1; k <= 4; k++) {
		const char *header = "member;body\r\n";
		GString *g = g_string_new(header);
		/* the padding row ends 65536 - k bytes into the file */
		int pad = 65536 - k - (int)strlen(header) - (int)strlen("1804;\r\n");
		g_string_append(g, "1804;");
		for (int i = 0; i < pad; i++)
			g_string_append_c(g, 'a');
		g_string_append(g, "\r\n");
		assert_int_equal(g->len, 65536 - k);
		g_string_append(g, "Ørland;Ørland kommunestyre: ja.\r\n9999;x\r\n");
		char *path = tmp_file(f, "chunk.csv", g);
		struct diags errs = {0};
		import_bad(f, path, &errs);
		expect_diag(&errs, 4, "there is no member 9999");
		expect_n_diags(&errs, 1);
		diags_free(&errs);
		/* without the bad row, it goes in whole */
		g_string_truncate(g, g->len - strlen("9999;x\r\n"));
		write_file(path, g->str, g->len);
		struct import_result r = import_ok(f, path);
		assert_int_equal(r.added + r.new_versions + r.unchanged, 2);
		expect_dump(f, "SELECT body FROM submission WHERE member = '5057'",
			    "Ørland kommunestyre: ja.\n");
		assert_int_equal(query_int(f, "SELECT length(body) FROM submission"
					      " WHERE member = '1804' AND current = 1"), pad);
		free(path);
		g_string_free(g, TRUE);
	}
}

/* Columns with no name (a spreadsheet's trailing ";;") are allowed while
 * they are empty. */
static void unnamed_columns(void **state)
{
	struct testdb *f = *state;
	GString *g = g_string_new("member;body;;\n1804;Bodø.;;\n1806;Narvik.;; \n1841;Fauske.;;Hei\n");
	char *path = tmp_file(f, "unnamed.csv", g);
	struct diags errs = {0};
	import_bad(f, path, &errs);
	expect_diag(&errs, 4, "\"Hei\" is in column 4, which has no name in the header");
	expect_n_diags(&errs, 1);
	diags_free(&errs);
	g_string_truncate(g, g->len - strlen("1841;Fauske.;;Hei\n"));
	write_file(path, g->str, g->len);
	assert_int_equal(import_ok(f, path).added, 2);
	free(path);
	g_string_free(g, TRUE);
}

/* Old Mac spreadsheets end lines with CR alone. */
static void cr_line_ends(void **state)
{
	struct testdb *f = *state;
	GString *g = g_string_new("member;body\r1804;\"Bodø\rsier ja.\"\r\r9999;Ukjent.\r");
	char *path = tmp_file(f, "cr.csv", g);
	struct diags errs = {0};
	import_bad(f, path, &errs);
	expect_diag(&errs, 5, "there is no member 9999");
	expect_n_diags(&errs, 1);
	diags_free(&errs);
	g_string_truncate(g, g->len - strlen("9999;Ukjent.\r"));
	write_file(path, g->str, g->len);
	import_ok(f, path);
	expect_dump(f, "SELECT body FROM submission", "Bodø\nsier ja.\n");
	free(path);
	g_string_free(g, TRUE);
}

/* A NUL byte after the first chunk, on a known line. */
static void nul_byte_later(void **state)
{
	struct testdb *f = *state;
	GString *g = g_string_new("member;body\n");
	for (int i = 0; i < 5000; i++)
		g_string_append(g, "1804;Bodø sier ja.\n");
	g_string_append_len(g, "1806;Nar\0vik.\n", 14);
	char *path = tmp_file(f, "nul.csv", g);
	struct diags errs = {0};
	import_bad(f, path, &errs);
	expect_diag(&errs, 5002, "NUL byte");
	expect_n_diags(&errs, 1);
	diags_free(&errs);
	free(path);
	g_string_free(g, TRUE);
}

/* A file with a problem on every line says so for a while, then stops. */
static void too_many_problems(void **state)
{
	struct testdb *f = *state;
	GString *g = g_string_new("member;body\n");
	for (int i = 0; i < 500; i++)
		g_string_append(g, "9999;Ukjent.\n");
	char *path = tmp_file(f, "many.csv", g);
	struct diags errs = {0};
	import_bad(f, path, &errs);
	expect_diag(&errs, 2, "there is no member 9999");
	expect_diag(&errs, 101, "there is no member 9999");
	expect_diag(&errs, 101, "too many problems");
	expect_n_diags(&errs, 101);
	diags_free(&errs);
	free(path);
	g_string_free(g, TRUE);
}

/* Rows of empty cells (as spreadsheets write empty rows) and blank lines
 * are skipped, not errors. */
static void blank_rows_skipped(void **state)
{
	struct testdb *f = *state;
	GString *g = g_string_new("\n  \nmember,body,lokalt\n,,\n\n1804,Bodø.,\n  ,  ,  \n");
	char *path = tmp_file(f, "blank.csv", g);
	struct import_result r = import_ok(f, path);
	assert_int_equal(r.added, 1);
	expect_dump(f, "SELECT member, substr(origin, -2) FROM submission", "1804|:6\n");
	free(path);
	g_string_free(g, TRUE);
}

/* A cycle the settings do not have is said against the settings file. */
static void unknown_cycle_names_the_settings(void **state)
{
	struct testdb *f = *state;
	struct import_opts o = {"1999", false, day("2024-02-20"), NULL, NULL};
	const char *paths[] = {NORDLAND};
	struct import_result res;
	struct diags errs = {0};
	assert_int_equal(import_paths(f->st, &f->s, &o, paths, 1, &res, &errs), -1);
	expect_n_diags(&errs, 1);
	const struct diag *d = expect_diag(&errs, 0, "cycle \"1999\" is not in the settings");
	assert_non_null(d->file);
	assert_string_equal(d->file, f->s.path);
	diags_free(&errs);
}

int main(void)
{
	struct CMUnitTest tests[] = {
		testdb_test(semicolon_bom_crlf),
		testdb_test(comma_no_bom),
		testdb_test(members_by_name),
		testdb_test(member_lookup),
		testdb_test(same_file_twice_adds_nothing),
		testdb_test(same_content_received_later_is_known),
		testdb_test(versions_within_one_file),
		testdb_test(same_file_twice_in_one_import),
		testdb_test(changed_body_is_new_version),
		testdb_test(dry_run_changes_nothing),
		testdb_test(snapshot_sees_an_import),
		testdb_test(deadline_boundary),
		testdb_test(several_faulty_rows),
		testdb_test(one_bad_file_stops_all),
		testdb_test(reading_goes_on_after_quote_error),
		testdb_test(field_too_long),
		testdb_test(unclosed_quote_in_long_file),
		testdb_test(big_file_across_chunks),
		testdb_test(letter_at_chunk_end),
		testdb_test(unnamed_columns),
		testdb_test(cr_line_ends),
		testdb_test(nul_byte_later),
		testdb_test(too_many_problems),
		testdb_test(blank_rows_skipped),
		testdb_test(unknown_cycle_names_the_settings),
	};
	int rc = cmocka_run_group_tests_name("import_csv", tests, NULL, NULL);
	/* One test per bad file, named after it. */
	struct CMUnitTest bad[N_BAD];
	for (int i = 0; i < N_BAD; i++)
		bad[i] = (struct CMUnitTest){bad_cases[i].file, bad_file, testdb_setup, testdb_teardown,
					     (void *)&bad_cases[i]};
	rc |= _cmocka_run_group_tests("import_csv_bad_files", bad, N_BAD, NULL, NULL);
	return rc ? 1 : 0;
}
