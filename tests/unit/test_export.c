/* Exports and the counts under them: approved only against all received, a
 * new version that must not count twice, Oslo outside the expected set,
 * codes merged and renamed, hostile text in CSV, HTML and Markdown, quotes,
 * the region's own answer, and files that are never overwritten unasked. */
#include "testdb.h"
#include <locale.h>
#include <sys/stat.h>

#include "aggregate.h"
#include "export.h"

/* One submission answering "lokalt" with a choice and "handlingsrom" with a
 * text (either may be NULL), in the given review status. */
static long long answer(struct testdb *f, const char *member, const char *choice,
			const char *text, enum sub_status status)
{
	struct answer_in a[2];
	int n = 0;
	if (choice)
		a[n++] = (struct answer_in){"lokalt", choice, NULL};
	if (text)
		a[n++] = (struct answer_in){"handlingsrom", NULL, text};
	struct submission_in in = {.cycle_id = "2024", .member = member,
				   .received = day("2024-01-20"), .decided = day("2024-01-18"),
				   .body = "Vedtak", .source = "test", .answers = a, .n_answers = n};
	long long id = testdb_insert(f->st, &in);
	struct diags errs = {0};
	if (status != STATUS_NEW)
		assert_int_equal(submission_set_status(f->st, id, -1, status, &errs), 0);
	diags_free(&errs);
	return id;
}

static const struct question *question(struct testdb *f, const char *id)
{
	for (int i = 0; i < f->c->n_questions; i++)
		if (strcmp(f->c->questions[i].id, id) == 0)
			return &f->c->questions[i];
	fail_msg("no question %s", id);
	return NULL;
}

static const struct agg_row *row_of(const struct agg_table *t, const char *region)
{
	for (int i = 0; i < t->n_rows; i++)
		if (region ? t->rows[i].region && strcmp(t->rows[i].region->code, region) == 0
			   : !t->rows[i].region)
			return &t->rows[i];
	fail_msg("no row for %s", region ? region : "the whole country");
	return NULL;
}

/* The export as a string (caller frees). */
static char *export_str(struct testdb *f, enum export_format format, const char *region,
			enum agg_basis basis)
{
	struct export_opts o = {format, NULL, region, false, basis, day("2024-02-20")};
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	struct diags errs = {0};
	int rc = export_write(f->st, &f->s, &o, out, &errs);
	if (rc != 0)
		print_diags(&errs);
	assert_int_equal(rc, 0);
	fclose(out);
	diags_free(&errs);
	return buf;
}

static int count_lines_with(const char *text, const char *part)
{
	int n = 0;
	for (const char *line = text; line && *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char *l = xstrndup(line, len);
		n += strstr(l, part) != NULL;
		free(l);
		line = end ? end + 1 : NULL;
	}
	return n;
}

/* How many times c occurs in a Markdown text without a backslash before
 * it, outside table rows (whose | are the table's own). */
static int unescaped(const char *md, char c)
{
	int n = 0;
	for (const char *p = md; *p; p++) {
		if (*p == '|' && (p == md || p[-1] == '\n')) { /* a table row: skip it */
			p = strchr(p, '\n');
			if (!p)
				break;
			continue;
		}
		n += *p == c && (p == md || p[-1] != '\\');
	}
	return n;
}

/* ---- counting ---- */

static void approved_only_against_all(void **state)
{
	struct testdb *f = *state;
	answer(f, "1804", "Enig", NULL, STATUS_APPROVED);      /* Nordland */
	answer(f, "1806", "Enig", NULL, STATUS_NEW);           /* Nordland */
	answer(f, "1811", "Uenig", NULL, STATUS_FOLLOW_UP);    /* Nordland */
	answer(f, "1812", "Uenig", NULL, STATUS_REJECTED);     /* Nordland */
	answer(f, "4201", "Delvis enig", NULL, STATUS_APPROVED); /* Agder */
	const struct question *q = question(f, "lokalt");
	struct agg_table t;
	assert_int_equal(aggregate_choice(f->st, &f->s, f->c, q, AGG_APPROVED, &t), 0);
	assert_int_equal(t.n_rows, f->s.n_regions + 1);
	const struct agg_row *nl = row_of(&t, "nordland"), *all = row_of(&t, NULL);
	assert_int_equal(nl->total, 1);
	assert_int_equal(nl->counts[0], 1); /* Enig */
	assert_int_equal(row_of(&t, "agder")->counts[1], 1);
	assert_int_equal(all->total, 2);
	assert_int_equal(row_of(&t, "viken")->total, 0);
	agg_table_free(&t);
	/* All received: new and follow-up count too, rejected never. */
	assert_int_equal(aggregate_choice(f->st, &f->s, f->c, q, AGG_ALL, &t), 0);
	nl = row_of(&t, "nordland"), all = row_of(&t, NULL);
	assert_int_equal(nl->total, 3);
	assert_int_equal(nl->counts[0], 2);
	assert_int_equal(nl->counts[2], 1);
	assert_int_equal(all->total, 4);
	assert_int_equal(all->counts[0] + all->counts[1] + all->counts[2], 4);
	agg_table_free(&t);

	/* The report says the same: one Enig of one in Nordland, a full bar. */
	char *md = export_str(f, EXPORT_MD, "nordland", AGG_APPROVED);
	assert_non_null(strstr(md, "approved submissions only (1)"));
	assert_non_null(strstr(md, "| 1 (100 %) |"));
	assert_non_null(strstr(md, "**Nordland: 1 answer**"));
	assert_non_null(strstr(md, "| Enig        | \xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88"
				   "\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88"
				   "\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88"
				   "\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88"
				   "\xE2\x96\x88 |     1 | 100 % |"));
	/* Only Nordland's row and the nation's; no other region. */
	assert_int_equal(count_lines_with(md, "| Agder"), 0);
	assert_int_equal(count_lines_with(md, "| **The whole country** |"), 2);
	free(md);
	md = export_str(f, EXPORT_MD, "nordland", AGG_ALL);
	assert_non_null(strstr(md, "all received submissions except rejected ones (3)"));
	/* 2 of 3 is 66.7 %: whole percent, rounded; 13.33 cells of 20 in eighths. */
	assert_non_null(strstr(md, "| 2 (67 %) |"));
	assert_non_null(strstr(md, "| Enig        | \xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88"
				   "\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88"
				   "\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x8D"
				   "       |     2 | 67 % |"));
	free(md);
}

static void a_new_version_counts_once(void **state)
{
	struct testdb *f = *state;
	answer(f, "1804", "Enig", "Første vedtak.", STATUS_APPROVED);
	answer(f, "1804", "Uenig", "Nytt vedtak.", STATUS_APPROVED);
	struct agg_table t;
	for (int b = AGG_APPROVED; b <= AGG_ALL; b++) {
		assert_int_equal(aggregate_choice(f->st, &f->s, f->c, question(f, "lokalt"),
						  (enum agg_basis)b, &t), 0);
		const struct agg_row *all = row_of(&t, NULL);
		assert_int_equal(all->total, 1);
		assert_int_equal(all->counts[0], 0);
		assert_int_equal(all->counts[2], 1);
		agg_table_free(&t);
	}
	struct text_answer *a;
	int n;
	assert_int_equal(aggregate_answers(f->st, &f->s, f->c, question(f, "handlingsrom"),
					   AGG_ALL, NULL, 0, &a, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(a[0].text, "Nytt vedtak.");
	text_answers_free(a, n);
	/* The CSV has one row per question for the member, from the new version. */
	char *csv = export_str(f, EXPORT_CSV, "nordland", AGG_APPROVED);
	assert_int_equal(count_lines_with(csv, "1804,Bodø,"), f->c->n_questions);
	assert_non_null(strstr(csv, "1804,Bodø,nordland,on-time,approved,2024-01-20,2024-01-18,"
				    "lokalt,Uenig,,\r\n"));
	assert_non_null(strstr(csv, ",handlingsrom,,Nytt vedtak.,\r\n"));
	assert_null(strstr(csv, "Første"));
	free(csv);
	char *md = export_str(f, EXPORT_MD, NULL, AGG_APPROVED);
	assert_non_null(strstr(md, "approved submissions only (1)"));
	assert_non_null(strstr(md, "1 answer with text counted."));
	free(md);
}

/* Oslo gave KS no mandate: its answer still counts in the tables (in Viken,
 * where the settings put Oslo), but the appendix and the CSV call it "not
 * expected", and it is neither on time, late nor missing. */
static void a_member_not_expected(void **state)
{
	struct testdb *f = *state;
	answer(f, "0301", "Enig", NULL, STATUS_APPROVED);
	struct agg_table t;
	assert_int_equal(aggregate_choice(f->st, &f->s, f->c, question(f, "lokalt"), AGG_APPROVED,
					  &t), 0);
	assert_int_equal(row_of(&t, "viken")->counts[0], 1);
	assert_int_equal(row_of(&t, NULL)->total, 1);
	agg_table_free(&t);
	char *md = export_str(f, EXPORT_MD, "viken", AGG_APPROVED);
	assert_non_null(strstr(md, "### Not expected (2)"));
	assert_non_null(strstr(md, "| 0301 | Oslo   | Viken  | 2024-01-20 | approved |"));
	assert_non_null(strstr(md, "| 03   | Oslo   | Viken  | \xE2\x80\x93          "
				   "| \xE2\x80\x93        |")); /* – : no submission */
	assert_non_null(strstr(md, "Oslo har ikke gitt KS forhandlingsfullmakt"));
	/* Expected: 54 in Viken, Oslo not among them, none answered. */
	assert_non_null(strstr(md, "0 of 54 expected members (0 %): 0 on time, 0 late; 54 missing"));
	assert_non_null(strstr(md, "### Answered on time (0)"));
	assert_non_null(strstr(md, "| Viken                 | 1 (100 %) |"));
	free(md);
	char *csv = export_str(f, EXPORT_CSV, "viken", AGG_APPROVED);
	assert_non_null(strstr(csv, "0301,Oslo,viken,not-expected,approved,2024-01-20,2024-01-18,"
				    "lokalt,Enig,,\r\n"));
	assert_non_null(strstr(csv, "03,Oslo,viken,not-expected,,,,lokalt,,,\r\n"));
	free(csv);
}

/* ---- codes ---- */

static long long answer_id(struct testdb *f, const char *member)
{
	struct text_answer *a;
	int n;
	long long id = 0;
	assert_int_equal(aggregate_answers(f->st, &f->s, f->c, question(f, "handlingsrom"),
					   AGG_ALL, NULL, 0, &a, &n), 0);
	for (int i = 0; i < n; i++)
		if (strcmp(a[i].member, member) == 0)
			id = a[i].submission;
	text_answers_free(a, n);
	assert_true(id > 0);
	return id;
}

static void codes_merged_and_renamed(void **state)
{
	struct testdb *f = *state;
	const struct question *q = question(f, "handlingsrom");
	answer(f, "1804", NULL, "Rammene er for trange.", STATUS_APPROVED);
	answer(f, "1806", NULL, "Staten styrer for mye.", STATUS_APPROVED);
	answer(f, "4201", NULL, "Både rammer og statlig styring.", STATUS_APPROVED);
	struct diags errs = {0};
	long long money, state_rule;
	assert_int_equal(code_create(f->st, f->c, q, "Rammer", &money, &errs), 0);
	assert_int_equal(code_create(f->st, f->c, q, "Statlig styring", &state_rule, &errs), 0);
	assert_int_equal(code_set(f->st, answer_id(f, "1804"), "handlingsrom", money, true, &errs), 0);
	assert_int_equal(code_set(f->st, answer_id(f, "4201"), "handlingsrom", money, true, &errs), 0);
	assert_int_equal(code_set(f->st, answer_id(f, "1806"), "handlingsrom", state_rule, true,
				  &errs), 0);
	assert_int_equal(code_set(f->st, answer_id(f, "4201"), "handlingsrom", state_rule, true,
				  &errs), 0);
	struct agg_code *k;
	int n;
	assert_int_equal(aggregate_codes(f->st, &f->s, f->c, q, AGG_APPROVED, &k, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(k[0].label, "Rammer");
	assert_int_equal(k[0].national, 2);
	assert_int_equal(k[0].per_region[3], 1); /* Nordland */
	assert_int_equal(k[1].national, 2);
	agg_codes_free(k, n);

	char *csv = export_str(f, EXPORT_CSV, NULL, AGG_APPROVED);
	assert_non_null(strstr(csv, ",Både rammer og statlig styring.,Rammer; Statlig styring\r\n"));
	free(csv);

	/* Renamed, then merged: 4201 had both and counts once. */
	assert_int_equal(code_rename(f->st, money, "Økonomi", &errs), 0);
	assert_int_equal(code_merge(f->st, state_rule, money, &errs), 0);
	assert_int_equal(aggregate_codes(f->st, &f->s, f->c, q, AGG_APPROVED, &k, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(k[0].label, "Økonomi");
	assert_int_equal(k[0].national, 3);
	assert_int_equal(k[0].per_region[3], 2);
	assert_int_equal(k[0].per_region[0], 1); /* Agder */
	agg_codes_free(k, n);
	expect_n_diags(&errs, 0);

	char *md = export_str(f, EXPORT_MD, "nordland", AGG_APPROVED);
	assert_non_null(strstr(md, "### Codes"));
	assert_non_null(strstr(md, "| Økonomi |        2 | 100 % |                 3 | 100 % |"));
	assert_non_null(strstr(md, "#### Økonomi (2 answers)"));
	assert_non_null(strstr(md, "- “Rammene er for trange.” — Bodø\n"));
	assert_non_null(strstr(md, "- “Staten styrer for mye.” — Narvik\n"));
	assert_null(strstr(md, "Både")); /* Agder's answer: not in Nordland's quotes */
	assert_null(strstr(md, "No codes yet"));
	free(md);
	/* Across the country the quote says where the member is. */
	md = export_str(f, EXPORT_MD, NULL, AGG_APPROVED);
	assert_non_null(strstr(md, "- “Både rammer og statlig styring.” — Risør (Agder)\n"));
	free(md);
}

/* ---- escaping ---- */

static void csv_fields_are_quoted_and_defused(void **state)
{
	(void)state;
	static const struct { const char *in, *out; } cases[] = {
		{"Bodø", "Bodø"},
		{"", ""},
		{"a,b", "\"a,b\""},
		{"si \"nei\"", "\"si \"\"nei\"\"\""},
		{"linje 1\nlinje 2", "\"linje 1\nlinje 2\""},
		{"a\r\nb", "\"a \nb\""},                   /* CR is a control character: a space */
		{"=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"},
		{"=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""},
		{"+47 22 00 00 00", "'+47 22 00 00 00"},
		{"-1", "'-1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"a=b", "a=b"},                             /* only at the start */
		{"\x1b[31mrød\x1b[0m", "\xEF\xBF\xBD[31mrød\xEF\xBF\xBD[0m"},
		{"\xff\xfe", "\xEF\xBF\xBD\xEF\xBF\xBD"},  /* not UTF-8 */
		{"tab\there", "tab here"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = export_csv_field(cases[i].in);
		assert_string_equal(got, cases[i].out);
		free(got);
	}
}

static void html_and_markdown_escape_everything(void **state)
{
	(void)state;
	char *h = export_html_escape("<script>alert('x') & \"y\"</script>\x1b]0;t\x07");
	assert_string_equal(h, "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
			       "\xEF\xBF\xBD]0;t\xEF\xBF\xBD");
	free(h);
	char *m = export_md_escape("a | b *c* [d](e) <i> `f` \\ & ~g_", false);
	assert_string_equal(m, "a \\| b \\*c\\* \\[d\\](e) \\<i\\> \\`f\\` \\\\ \\& \\~g\\_");
	free(m);
	m = export_md_escape("linje\nto", false);
	assert_string_equal(m, "linje to");
	free(m);
	static const struct { const char *in, *out; } starts[] = {
		{"# overskrift", "\\# overskrift"}, {"- punkt", "\\- punkt"},
		{"+ punkt", "\\+ punkt"},           {"12. punkt", "12\\. punkt"},
		{"3) punkt", "3\\) punkt"},         {"> sitat", "\\> sitat"},
		{"    kode", "kode"},               {"===", "\\==="},
		{"2024 var", "2024 var"},
	};
	for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++) {
		m = export_md_escape(starts[i].in, true);
		assert_string_equal(m, starts[i].out);
		free(m);
	}
}

static const char hostile[] = "<script>alert(1)</script> & \"x\", 'y'\n| *z* \x1b[2J=cmd";

static void hostile_answers_stay_text(void **state)
{
	struct testdb *f = *state;
	answer(f, "1804", NULL, hostile, STATUS_APPROVED);
	struct diags errs = {0};
	assert_int_equal(region_answer_set(f->st, f->c, "nordland", "handlingsrom", hostile, 0,
					   &errs), 0);
	diags_free(&errs);
	char *html = export_str(f, EXPORT_HTML, NULL, AGG_APPROVED);
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "\x1b"));
	assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;, "
				     "&#39;y&#39;"));
	assert_non_null(strstr(html, "<!DOCTYPE html>\n<html lang=\"nb\">"));
	assert_null(strstr(html, "href="));
	assert_null(strstr(html, "src="));
	free(html);
	char *md = export_str(f, EXPORT_MD, "nordland", AGG_APPROVED);
	assert_int_equal(unescaped(md, '<'), 0);
	assert_int_equal(unescaped(md, '|'), 0); /* only the tables' own */
	assert_null(strstr(md, "\x1b"));
	assert_non_null(strstr(md, "\\<script\\>alert(1)\\</script\\> \\& \"x\", 'y' \\| \\*z\\*"));
	/* The region's answer keeps its lines, each one quoted and escaped. */
	assert_non_null(strstr(md, "### The region's answer\n\n> \\<script\\>"));
	assert_non_null(strstr(md, "\n> \\| \\*z\\* \xEF\xBF\xBD\\[2J=cmd\n"));
	free(md);
	char *csv = export_str(f, EXPORT_CSV, "nordland", AGG_APPROVED);
	assert_null(strstr(csv, "\x1b"));
	assert_non_null(strstr(csv, ",\"<script>alert(1)</script> & \"\"x\"\", 'y'\n| *z* "
				    "\xEF\xBF\xBD[2J=cmd\",\r\n"));
	free(csv);
}

/* ---- quotes ---- */

static void quotes_are_short_and_cut_at_a_boundary(void **state)
{
	(void)state;
	char *q = export_quote("  Kort   svar.\n", 160);
	assert_string_equal(q, "Kort svar.");
	free(q);
	q = export_quote("Første setning her. Andre setning som er lang nok til å kuttes", 30);
	assert_string_equal(q, "Første setning her. \xE2\x80\xA6");
	free(q);
	q = export_quote("ord ord ord ord ord ord ord ord ord ord", 18);
	assert_string_equal(q, "ord ord ord ord\xE2\x80\xA6");
	free(q);
	q = export_quote("æøåæøåæøåæøå", 5); /* no boundary: cut inside, whole characters */
	assert_string_equal(q, "æøåæø\xE2\x80\xA6");
	free(q);
	q = export_quote("a, b, c, d, e, f", 11);
	assert_string_equal(q, "a, b, c, d\xE2\x80\xA6");
	free(q);
}

/* At most three quotes, spread over the regions. */
static void at_most_three_quotes(void **state)
{
	struct testdb *f = *state;
	static const char *const members[] = {"4201", "4202", "3401", "1804", "1806", "1103",
					      "5501", "5001", "4601"};
	for (size_t i = 0; i < sizeof members / sizeof members[0]; i++) {
		char *t = xasprintf("Svar nummer %zu.", i);
		answer(f, members[i], NULL, t, STATUS_APPROVED);
		free(t);
	}
	char *md = export_str(f, EXPORT_MD, NULL, AGG_APPROVED);
	assert_non_null(strstr(md, "9 answers with text counted."));
	assert_int_equal(count_lines_with(md, "- “Svar nummer"), 3);
	free(md);
}

/* Councils often adopt the same wording; a repeat gives way to the next. */
static void a_repeated_answer_is_quoted_once(void **state)
{
	struct testdb *f = *state;
	static const char same[] = "Samme ordlyd som nabokommunen har vedtatt, ord for ord.";
	answer(f, "4201", NULL, same, STATUS_APPROVED);
	answer(f, "1804", NULL, same, STATUS_APPROVED);
	answer(f, "5501", NULL, "Tromsø sier noe annet.", STATUS_APPROVED);
	answer(f, "4601", NULL, "Bergen sier noe tredje.", STATUS_APPROVED);
	char *md = export_str(f, EXPORT_MD, NULL, AGG_APPROVED);
	assert_int_equal(count_lines_with(md, "Samme ordlyd"), 1);
	assert_non_null(strstr(md, "- “Samme ordlyd som nabokommunen har vedtatt, ord for ord.”"
				   " — Risør (Agder)\n"
				   "- “Tromsø sier noe annet.” — Tromsø (Troms og Finnmark)\n"
				   "- “Bergen sier noe tredje.” — Bergen (Vestland)\n"));
	free(md);
}

static void region_answers_in_scope(void **state)
{
	struct testdb *f = *state;
	struct diags errs = {0};
	assert_int_equal(region_answer_set(f->st, f->c, "nordland", "lokalt",
					   "Nordland mener rammen\nbør fordeles sentralt.", 0, &errs),
			 0);
	char *md = export_str(f, EXPORT_MD, "nordland", AGG_APPROVED);
	assert_non_null(strstr(md, "### The region's answer\n\n> Nordland mener rammen\n"
				   "> bør fordeles sentralt.\n"));
	free(md);
	md = export_str(f, EXPORT_MD, "agder", AGG_APPROVED);
	assert_null(strstr(md, "Nordland mener"));
	free(md);
	md = export_str(f, EXPORT_MD, NULL, AGG_APPROVED);
	assert_non_null(strstr(md, "### The regions' answers\n\n#### Nordland\n\n> Nordland mener"));
	free(md);
	char *html = export_str(f, EXPORT_HTML, "nordland", AGG_APPROVED);
	assert_non_null(strstr(html, "<blockquote class=\"answer\">\n<p>Nordland mener rammen</p>\n"
				     "<p>bør fordeles sentralt.</p>\n</blockquote>"));
	free(html);
	diags_free(&errs);
}

static void bad_names_and_the_bom(void **state)
{
	struct testdb *f = *state;
	struct export_opts o = {EXPORT_MD, NULL, "atlantis", false, AGG_APPROVED, day("2024-02-20")};
	struct diags errs = {0};
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_int_equal(export_write(f->st, &f->s, &o, out, &errs), -1);
	expect_diag(&errs, 0, "no region \"atlantis\"");
	o.region = NULL, o.cycle_id = "1999";
	assert_int_equal(export_write(f->st, &f->s, &o, out, &errs), -1);
	expect_diag(&errs, 0, "no cycle \"1999\"");
	fflush(out);
	assert_int_equal(len, 0);
	o.cycle_id = NULL, o.format = EXPORT_CSV, o.bom = true;
	assert_int_equal(export_write(f->st, &f->s, &o, out, &errs), 0);
	fclose(out);
	static const char head[] = "\xEF\xBB\xBFmember,name,region,state,status,received,"
				   "decided,question,choice,answer,codes\r\n";
	assert_true(len > sizeof head);
	assert_memory_equal(buf, head, sizeof head - 1);
	free(buf);
	diags_free(&errs);
	enum export_format fm;
	assert_true(export_format_parse("html", &fm));
	assert_int_equal(fm, EXPORT_HTML);
	assert_false(export_format_parse("pdf", &fm));
}

/* ---- files ---- */

static char *slurp(const char *path)
{
	FILE *in = fopen(path, "r");
	assert_non_null(in);
	char *buf = xcalloc(1, 1 << 20);
	size_t n = fread(buf, 1, (1 << 20) - 1, in);
	buf[n] = '\0';
	fclose(in);
	return buf;
}

static void spit(const char *path, const char *text)
{
	FILE *out = fopen(path, "w");
	assert_non_null(out);
	fputs(text, out);
	fclose(out);
}

/* Temporary files left behind in dir (".NAME.XXXXXX"). */
static int temp_files_in(const char *dir)
{
	int n = 0;
	DIR *d = opendir(dir);
	const struct dirent *e;
	while ((e = readdir(d)))
		n += e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 &&
		     strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static void files_are_not_overwritten_unasked(void **state)
{
	struct testdb *f = *state;
	struct export_opts o = {EXPORT_HTML, NULL, NULL, false, AGG_APPROVED, day("2024-02-20")};
	struct diags errs = {0};
	char *path = xasprintf("%s/rapport.html", f->dir);
	assert_int_equal(export_to_file(f->st, &f->s, &o, path, false, &errs), 0);
	char *first = slurp(path);
	assert_non_null(strstr(first, "<!DOCTYPE html>"));
	char *want = export_str(f, EXPORT_HTML, NULL, AGG_APPROVED);
	assert_string_equal(first, want);
	free(want);
	/* There now: refused, untouched, no temporary file left. */
	o.format = EXPORT_MD;
	assert_int_equal(export_to_file(f->st, &f->s, &o, path, false, &errs), 1);
	expect_diag(&errs, 0, "exists already");
	char *again = slurp(path);
	assert_string_equal(again, first);
	free(again);
	assert_int_equal(temp_files_in(f->dir), 0);
	/* Asked to: replaced. */
	assert_int_equal(export_to_file(f->st, &f->s, &o, path, true, &errs), 0);
	again = slurp(path);
	assert_non_null(strstr(again, "# Debatthefte 2024"));
	free(again);
	free(first);
	free(path);
	diags_free(&errs);
}

static void a_symlink_is_never_followed(void **state)
{
	struct testdb *f = *state;
	struct export_opts o = {EXPORT_CSV, NULL, NULL, false, AGG_APPROVED, day("2024-02-20")};
	struct diags errs = {0};
	char *target = xasprintf("%s/target", f->dir), *link_path = xasprintf("%s/link.csv", f->dir);
	spit(target, "keep me\n");
	assert_int_equal(symlink(target, link_path), 0);
	assert_int_equal(export_to_file(f->st, &f->s, &o, link_path, false, &errs), 1);
	/* Replacing replaces the link itself, never what it points to. */
	assert_int_equal(export_to_file(f->st, &f->s, &o, link_path, true, &errs), 0);
	char *t = slurp(target);
	assert_string_equal(t, "keep me\n");
	free(t);
	struct stat sb;
	assert_int_equal(lstat(link_path, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	/* A dangling link counts as there, too. */
	char *dangling = xasprintf("%s/dangling.md", f->dir), *nowhere = xasprintf("%s/nowhere", f->dir);
	assert_int_equal(symlink(nowhere, dangling), 0);
	assert_int_equal(export_to_file(f->st, &f->s, &o, dangling, false, &errs), 1);
	assert_int_equal(access(nowhere, F_OK), -1);
	/* A folder that is not there: an error, nothing made. */
	char *bad = xasprintf("%s/no/such/dir.csv", f->dir);
	assert_int_equal(export_to_file(f->st, &f->s, &o, bad, false, &errs), -1);
	expect_diag(&errs, 0, "cannot write");
	free(bad), free(dangling), free(nowhere), free(target), free(link_path);
	diags_free(&errs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		testdb_test(approved_only_against_all),
		testdb_test(a_new_version_counts_once),
		testdb_test(a_member_not_expected),
		testdb_test(codes_merged_and_renamed),
		cmocka_unit_test(csv_fields_are_quoted_and_defused),
		cmocka_unit_test(html_and_markdown_escape_everything),
		testdb_test(hostile_answers_stay_text),
		cmocka_unit_test(quotes_are_short_and_cut_at_a_boundary),
		testdb_test(at_most_three_quotes),
		testdb_test(a_repeated_answer_is_quoted_once),
		testdb_test(region_answers_in_scope),
		testdb_test(bad_names_and_the_bom),
		testdb_test(files_are_not_overwritten_unasked),
		testdb_test(a_symlink_is_never_followed),
	};
	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("export", tests, NULL, NULL);
}
