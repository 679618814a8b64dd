/* Bounded work on hostile input: each reader is given its worst cases (an
 * HTML body of deep nesting, fifty thousand entities and vertical tabs;
 * MIME nested deep and wide, forwards nested 100 000 deep, address groups
 * nested 50 000 deep; a CSV field of 10 MB and a header of 100 000
 * columns; settings of 3 MB, nested 100 000 deep, with lists longer than
 * allowed and lists in lists as long as allowed) and must end
 * within LIMIT seconds each, with a normal import or a clear message that
 * names the file, never a hang (timelimit.h turns a hang into a failure).
 * The files are made by the test in its own directory. */
#include "testdb.h"
#include "timelimit.h"

#include "import.h"
#include <glib.h>
#include <locale.h>

/* Seconds each case may take: 2 s (4 times the slowest case on a loaded
 * 2-core machine), 8 s in the sanitizer build, where every allocation and
 * memory access costs several times as much. Far below what a loop without
 * progress or a quadratic one takes (the cases fixed here took from 5 s to
 * for ever). */
#ifdef __SANITIZE_ADDRESS__
#define LIMIT 8.0
#else
#define LIMIT 2.0
#endif

/* ---- helpers ---- */

static char *write_data(struct testdb *f, const char *name, const char *data, size_t n)
{
	char *path = xasprintf("%s/%s", f->dir, name);
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
	return path;
}

/* Imports path within LIMIT seconds; returns import_paths' result. */
static int import_timed(struct testdb *f, const char *what, const char *path,
			struct import_result *r, struct diags *errs)
{
	struct import_opts o = {NULL, false, day("2024-02-20"), NULL, NULL};
	const char *paths[] = {path};
	struct timed t;
	timed_start(&t, what, LIMIT);
	int rc = import_paths(f->st, &f->s, &o, paths, 1, r, errs);
	timed_end(&t);
	return rc;
}

/* A mail from Bodø with the given headers after the usual ones, and body. */
static GString *mail_start(const char *id, const char *content_type)
{
	GString *m = g_string_new(NULL);
	g_string_printf(m, "From: <postmottak@bodo.kommune.no>\nSubject: Vedtak\n"
			   "Message-ID: <%s@test>\nMIME-Version: 1.0\nContent-Type: %s\n\n",
			id, content_type);
	return m;
}

static char *body_of(struct testdb *f, const char *msgid)
{
	char *sql = xasprintf("SELECT body FROM submission WHERE message_id = '%s'", msgid);
	char *v = db_dump(f->st->db, sql);
	free(sql);
	return v;
}

/* ---- HTML ---- */

/* Close to 1 MB of HTML (larger bodies are kept as attachments, unread):
 * 20 000 nested <div>s, 50 000 entities, vertical tabs everywhere, and the
 * things that have no end: a comment, a tag, a quote, a script. */
static void html_worst_cases(void **state)
{
	struct testdb *f = *state;
	GString *m = mail_start("html", "text/html; charset=utf-8");
	g_string_append(m, "<p>Kommunestyret\vvedtok.</p>\v");
	for (int i = 0; i < 20000; i++)
		g_string_append(m, "<div>\v");
	for (int i = 0; i < 50000; i++)
		g_string_append(m, i % 3 ? "&amp;" : i % 2 ? "&#x41;" : "&bogus");
	for (int i = 0; i < 20000; i++)
		g_string_append(m, "</div>\v\v");
	g_string_append(m, "<a href='x>\v<!-- \v<script>\v<b \"");
	assert_true(m->len < 1024 * 1024);
	char *path = write_data(f, "html.eml", m->str, m->len);
	struct import_result r;
	struct diags errs = {0};
	assert_int_equal(import_timed(f, "an HTML body's worst cases", path, &r, &errs), 0);
	expect_n_diags(&errs, 0);
	char *body = body_of(f, "html@test");
	assert_true(g_str_has_prefix(body, "Kommunestyret vedtok.\n"));
	free(body);
	g_string_free(m, TRUE);
	free(path);
}

/* ---- MIME ---- */

/* multipart/mixed nested deep: 1 900 levels (each opened, none closed)
 * are parsed and refused as nested too deeply; 100 000 are refused before
 * they are parsed, for their boundary lines. */
static void mime_nested_deep(void **state)
{
	struct testdb *f = *state;
	static const struct {
		int levels;
		const char *what, *says;
	} cases[] = {
		{1900, "MIME nested 1 900 deep", "the mail's parts are nested too deeply"},
		{100000, "MIME nested 100 000 deep", "the mail has more than 1000 parts"},
	};
	for (int k = 0; k < 2; k++) {
		GString *m = mail_start("deep", "multipart/mixed; boundary=b0");
		for (int i = 0; i < cases[k].levels; i++)
			g_string_append_printf(m, "--b%d\nContent-Type: multipart/mixed; boundary=b%d\n\n",
					       i, i + 1);
		g_string_append_printf(m, "--b%d\nContent-Type: text/plain\n\nVedtak.\n",
				       cases[k].levels);
		char *path = write_data(f, "deep.eml", m->str, m->len);
		struct import_result r;
		struct diags errs = {0};
		assert_int_equal(import_timed(f, cases[k].what, path, &r, &errs), -1);
		expect_n_diags(&errs, 1);
		const struct diag *d = expect_diag(&errs, 0, cases[k].says);
		assert_string_equal(d->file, path);
		diags_free(&errs);
		g_string_free(m, TRUE);
		free(path);
	}
}

/* Forwarded mails (message/rfc822) nested 100 000 deep. */
static void forwards_nested_deep(void **state)
{
	struct testdb *f = *state;
	GString *m = mail_start("fwd", "message/rfc822");
	for (int i = 0; i < 100000; i++)
		g_string_append(m, "From: <a@b.no>\nMIME-Version: 1.0\nContent-Type: message/rfc822\n\n");
	g_string_append(m, "From: <a@b.no>\nContent-Type: text/plain\n\nVedtak.\n");
	char *path = write_data(f, "fwd.eml", m->str, m->len);
	struct import_result r;
	struct diags errs = {0};
	assert_int_equal(import_timed(f, "forwards nested 100 000 deep", path, &r, &errs), -1);
	expect_diag(&errs, 0, "Message-ID <fwd@test>: the mail's parts are nested too deeply");
	diags_free(&errs);
	g_string_free(m, TRUE);
	free(path);
}

/* Parts side by side in one multipart: 1 500 are parsed and refused as too
 * many; 100 000 are refused before they are parsed (GMime would spend
 * seconds making them). */
static void mime_many_parts(void **state)
{
	struct testdb *f = *state;
	static const int counts[] = {1500, 100000};
	for (int k = 0; k < 2; k++) {
		GString *m = mail_start("wide", "multipart/mixed; boundary=b");
		for (int i = 0; i < counts[k]; i++)
			g_string_append(m, "--b\nContent-Type: text/plain\n\nx\n");
		g_string_append(m, "--b--\n");
		char *path = write_data(f, "wide.eml", m->str, m->len);
		char *what = xasprintf("a mail of %d parts", counts[k]);
		struct import_result r;
		struct diags errs = {0};
		assert_int_equal(import_timed(f, what, path, &r, &errs), -1);
		expect_n_diags(&errs, 1);
		expect_diag(&errs, 0, "the mail has more than 1000 parts");
		diags_free(&errs);
		free(what);
		g_string_free(m, TRUE);
		free(path);
	}
}

/* Address groups nested 50 000 deep in From, and 200 000 deep (never
 * closed) in a forwarded mail's To: GMime parses groups recursively and
 * once crashed on them (a stack overflow). Refused before GMime sees them;
 * a group as real mails have it ("undisclosed-recipients:;") is read. */
static void address_groups_nested_deep(void **state)
{
	struct testdb *f = *state;
	GString *m[3];
	m[0] = g_string_new("From: ");
	for (int i = 0; i < 50000; i++)
		g_string_append(m[0], "g: ");
	g_string_append(m[0], "<postmottak@bodo.kommune.no>");
	for (int i = 0; i < 50000; i++)
		g_string_append_c(m[0], ';');
	g_string_append(m[0], "\nSubject: Vedtak\nMessage-ID: <groups@test>\n\nVedtak.\n");
	m[1] = mail_start("inner", "message/rfc822");
	g_string_append(m[1], "From: <a@b.no>\nTo: ");
	for (int i = 0; i < 200000; i++)
		g_string_append(m[1], "a: ");
	g_string_append(m[1], "\n\nVedtak.\n");
	m[2] = g_string_new("From: <postmottak@bodo.kommune.no>\nTo: undisclosed-recipients:;\n"
			    "Cc: (a: b: c) \"d: e: f\" <g:h@i.no>, team: a@b.no, c@d.no;\n"
			    "Subject: Vedtak\nMessage-ID: <group@test>\n\nVedtak.\n");
	static const char *const what[] = {"From nested 50 000 groups deep",
					   "a forward's To nested 200 000 groups deep",
					   "a group as real mails have it"};
	for (int k = 0; k < 3; k++) {
		char *path = write_data(f, "groups.eml", m[k]->str, m[k]->len);
		struct import_result r;
		struct diags errs = {0};
		int rc = import_timed(f, what[k], path, &r, &errs);
		if (k < 2) {
			assert_int_equal(rc, -1);
			expect_n_diags(&errs, 1);
			const struct diag *d = expect_diag(&errs, 0, "an address header nests groups "
							   "more than 8 deep");
			assert_string_equal(d->file, path);
		} else {
			expect_n_diags(&errs, 0);
			assert_int_equal(rc, 0);
		}
		diags_free(&errs);
		g_string_free(m[k], TRUE);
		free(path);
	}
}

/* ---- CSV ---- */

/* A quoted field of 10 MB: stopped at 1 MB, said on the line it starts. */
static void csv_huge_field(void **state)
{
	struct testdb *f = *state;
	GString *c = g_string_new("member;body\n1804;\"");
	for (int i = 0; i < 10 * 1024 * 1024 / 8; i++)
		g_string_append(c, "vedtak. ");
	g_string_append(c, "\"\n");
	char *path = write_data(f, "huge-field.csv", c->str, c->len);
	struct import_result r;
	struct diags errs = {0};
	assert_int_equal(import_timed(f, "a CSV field of 10 MB", path, &r, &errs), -1);
	const struct diag *d = expect_diag(&errs, 2, "longer than 1 MB");
	assert_string_equal(d->file, path);
	diags_free(&errs);
	g_string_free(c, TRUE);
	free(path);
}

/* A header of 100 000 columns, and a row of as many fields. */
static void csv_many_columns(void **state)
{
	struct testdb *f = *state;
	GString *c = g_string_new("member");
	for (int i = 0; i < 100000; i++)
		g_string_append_printf(c, ";c%d", i);
	g_string_append(c, "\n1804");
	for (int i = 0; i < 100000; i++)
		g_string_append(c, ";x");
	g_string_append_c(c, '\n');
	char *path = write_data(f, "wide.csv", c->str, c->len);
	struct import_result r;
	struct diags errs = {0};
	assert_int_equal(import_timed(f, "a CSV of 100 000 columns", path, &r, &errs), -1);
	expect_diag(&errs, 1, "the header has 100001 columns; at most 256 are allowed");
	diags_free(&errs);
	/* A good header, then a row of 100 000 fields. */
	g_string_assign(c, "member;body\n1804");
	for (int i = 0; i < 100000; i++)
		g_string_append(c, ";x");
	g_string_append_c(c, '\n');
	free(path);
	path = write_data(f, "wide-row.csv", c->str, c->len);
	assert_int_equal(import_timed(f, "a CSV row of 100 000 fields", path, &r, &errs), -1);
	expect_diag(&errs, 2, "this row has 100001 fields, but the header has 2");
	diags_free(&errs);
	g_string_free(c, TRUE);
	free(path);
}

/* 200 000 lines of one quote each and of nothing but separators. */
static void csv_many_lines(void **state)
{
	struct testdb *f = *state;
	GString *c = g_string_new("member;body\n");
	for (int i = 0; i < 100000; i++)
		g_string_append(c, "\"\n;;;;;;;;\r\n");
	char *path = write_data(f, "lines.csv", c->str, c->len);
	struct import_result r;
	struct diags errs = {0};
	assert_int_equal(import_timed(f, "a CSV of 200 000 odd lines", path, &r, &errs), -1);
	assert_true(errs.n > 0 && errs.n <= 101); /* at most 100 problems, then a last word */
	diags_free(&errs);
	g_string_free(c, TRUE);
	free(path);
}

/* ---- settings ---- */

static int load_timed(const char *what, const char *path, struct diags *errs)
{
	struct settings s;
	struct timed t;
	timed_start(&t, what, LIMIT);
	int rc = settings_load(path, &s, errs);
	timed_end(&t);
	if (rc == 0)
		settings_free(&s);
	return rc;
}

/* Groups nested 100 000 deep: a syntax error of libconfig's, said on its
 * line, or a setting that is not allowed; never a crash. */
static void settings_nested_deep(void **state)
{
	struct testdb *f = *state;
	GString *c = g_string_new("cycles = ");
	for (int i = 0; i < 100000; i++)
		g_string_append(c, "{ a = ");
	g_string_append(c, "1");
	for (int i = 0; i < 100000; i++)
		g_string_append(c, "; }");
	g_string_append(c, ";\n");
	char *path = write_data(f, "deep.cfg", c->str, c->len);
	struct diags errs = {0};
	assert_int_equal(load_timed("settings nested 100 000 deep", path, &errs), -1);
	assert_true(errs.n > 0);
	assert_string_equal(errs.v[0].file, path);
	diags_free(&errs);
	g_string_free(c, TRUE);
	free(path);
}

/* A settings file of 3 MB is refused before libconfig reads it. */
static void settings_too_big(void **state)
{
	struct testdb *f = *state;
	GString *c = g_string_new(NULL);
	while (c->len < 3 * 1024 * 1024)
		g_string_append(c, "# Kommentar som gjentas og gjentas.\n");
	char *path = write_data(f, "big.cfg", c->str, c->len);
	struct diags errs = {0};
	assert_int_equal(load_timed("a settings file of 3 MB", path, &errs), -1);
	expect_n_diags(&errs, 1);
	expect_diag(&errs, 0, "at most 2097152 are read");
	diags_free(&errs);
	g_string_free(c, TRUE);
	free(path);
}

/* Lists longer than any real one are refused, each with its length. */
static void settings_long_lists(void **state)
{
	struct testdb *f = *state;
	static const struct {
		const char *list, *says;
	} cases[] = {
		{"cycles", "\"cycles\" has 1500 entries; at most 1000 are allowed"},
		{"regions", "\"regions\" has 1500 entries; at most 100 are allowed"},
		{"users", "\"users\" has 1500 entries; at most 1000 are allowed"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		GString *c = g_string_new(NULL);
		g_string_printf(c, "%s = (", cases[k].list);
		for (int i = 0; i < 1500; i++)
			g_string_append_printf(c, "%s{ id = \"c%d\"; }", i ? ", " : "", i);
		g_string_append(c, ");\n");
		char *path = write_data(f, "lists.cfg", c->str, c->len);
		char *what = xasprintf("settings with 1 500 %s", cases[k].list);
		struct diags errs = {0};
		assert_int_equal(load_timed(what, path, &errs), -1);
		const struct diag *d = expect_diag(&errs, 1, cases[k].says);
		assert_string_equal(d->file, path);
		diags_free(&errs);
		free(what);
		g_string_free(c, TRUE);
		free(path);
	}
}

/* Lists in lists, each as long as allowed, in a file just under the size
 * allowed: every check of a name against the others is a lookup, so this
 * takes no longer than reading the file. Three files: 1 000 users of 100
 * regions each, with 100 regions of 100 counties; 1 000 cycles and 60
 * regions with a timeline for each; 30 cycles of 30 questions of 100
 * options. Each has problems (no registers), and at most 100 are said. */
static void settings_lists_in_lists(void **state)
{
	struct testdb *f = *state;
	GString *c[3];
	for (int k = 0; k < 3; k++)
		c[k] = g_string_new(NULL);
	g_string_append(c[0], "regions = (");
	for (int r = 0; r < 100; r++) {
		g_string_append_printf(c[0], "%s{ code = \"r%d\"; name = \"R\"; counties = [", r ? "," : "", r);
		for (int k = 0; k < 100; k++)
			g_string_append_printf(c[0], "%s\"%d\"", k ? "," : "", r * 100 + k);
		g_string_append(c[0], "]; milestones = (); }");
	}
	g_string_append(c[0], ");\nusers = (");
	for (int u = 0; u < 1000; u++) {
		g_string_append_printf(c[0], "%s{ login = \"u%d\"; role = \"regional\"; regions = [",
				       u ? "," : "", u);
		for (int k = 0; k < 100; k++)
			g_string_append_printf(c[0], "%s\"r%d\"", k ? "," : "", k);
		g_string_append(c[0], "]; }");
	}
	g_string_append(c[0], ");\n");
	g_string_append(c[1], "cycles = (");
	for (int i = 0; i < 1000; i++)
		g_string_append_printf(c[1], "%s{ id = \"c%d\"; }", i ? "," : "", i);
	g_string_append(c[1], ");\nregions = (");
	for (int r = 0; r < 60; r++) {
		g_string_append_printf(c[1], "%s{ code = \"r%d\"; name = \"R\"; counties = []; milestones = (",
				       r ? "," : "", r);
		for (int k = 0; k < 1000; k++)
			g_string_append_printf(c[1], "%s{cycle=\"c%d\";}", k ? "," : "", k);
		g_string_append(c[1], "); }");
	}
	g_string_append(c[1], ");\n");
	g_string_append(c[2], "cycles = (");
	for (int i = 0; i < 30; i++) {
		g_string_append_printf(c[2], "%s{ id = \"c%d\"; questions = (", i ? "," : "", i);
		for (int q = 0; q < 30; q++) {
			g_string_append_printf(c[2], "%s{ id = \"q%d\"; kind = \"choice\"; options = [",
					       q ? "," : "", q);
			for (int o = 0; o < 100; o++)
				g_string_append_printf(c[2], "%s\"Alternativ %d\"", o ? "," : "", o);
			g_string_append(c[2], "]; }");
		}
		g_string_append(c[2], "); }");
	}
	g_string_append(c[2], ");\n");
	static const char *const what[] = {"1 000 users of 100 regions of 100 counties",
					   "60 regions with 1 000 timelines",
					   "30 cycles of 30 questions of 100 options"};
	for (int k = 0; k < 3; k++) {
		if (c[k]->len >= 2 * 1024 * 1024)
			fail_msg("%s: %zu bytes, more than the settings may be", what[k], c[k]->len);
		char *path = write_data(f, "nested.cfg", c[k]->str, c[k]->len);
		struct diags errs = {0};
		assert_int_equal(load_timed(what[k], path, &errs), -1);
		assert_true(errs.n > 0 && errs.n <= 101);
		if (errs.n == 101)
			expect_diag(&errs, errs.v[100].line, "too many problems; the rest of the file "
							     "was not checked");
		diags_free(&errs);
		g_string_free(c[k], TRUE);
		free(path);
	}
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		testdb_test(html_worst_cases),
		testdb_test(mime_nested_deep),
		testdb_test(forwards_nested_deep),
		testdb_test(mime_many_parts),
		testdb_test(address_groups_nested_deep),
		testdb_test(csv_huge_field),
		testdb_test(csv_many_columns),
		testdb_test(csv_many_lines),
		testdb_test(settings_nested_deep),
		testdb_test(settings_too_big),
		testdb_test(settings_long_lists),
		testdb_test(settings_lists_in_lists),
	};
	return cmocka_run_group_tests_name("bounded", tests, NULL, NULL);
}
