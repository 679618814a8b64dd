/* The mail reader: the sample maildir and single mails under
 * tests/data/import/mail/ (plain, quoted-printable, base64 Latin-1, HTML
 * only, windows-1252 that says UTF-8, attachments, a Sami municipality, a
 * county, one that matches nothing, one with a forged number), importing
 * twice, a broken mail spoiling the whole import, a 20 MB attachment, and
 * the rules that tell the member. Each test gets its own database. */
#include "testdb.h"

#include "import.h"
#include "text.h"
#include "timelimit.h"
#include <glib.h>
#include <sys/stat.h>
#include <time.h>

#define MAIL "tests/data/import/mail/"
#define MAILDIR MAIL "maildir"
#define TODAY "2024-02-20"

struct fixture {
	struct testdb t; /* the database */
	char *mail;      /* mails written by a test */
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	testdb_open(&f->t, "ola");
	f->mail = tmpdir_make();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	testdb_close(&f->t);
	tmpdir_remove(f->mail);
	free(f);
	return 0;
}

/* ---- helpers ---- */

static int import(struct fixture *f, const char *const *paths, int n, struct import_result *r,
		  struct diags *errs)
{
	struct import_opts o = {0};
	o.dry_run = false;
	assert_true(date_parse(TODAY, &o.today));
	return import_paths(f->t.st, &f->t.s, &o, paths, n, r, errs);
}

/* Imports paths and expects no problem. */
static struct import_result import_ok(struct fixture *f, const char *const *paths, int n)
{
	struct import_result r;
	struct diags errs = {0};
	int rc = import(f, paths, n, &r, &errs);
	expect_n_diags(&errs, 0);
	assert_int_equal(rc, 0);
	return r;
}

static void expect_result(struct import_result r, int added, int versions, int unchanged,
			  int unmatched)
{
	if (r.added != added || r.new_versions != versions || r.unchanged != unchanged ||
	    r.unmatched != unmatched)
		fail_msg("imported %d new, %d new versions, %d unchanged, %d unmatched;"
			 " expected %d, %d, %d, %d", r.added, r.new_versions, r.unchanged,
			 r.unmatched, added, versions, unchanged, unmatched);
}

/* The first column of the first row of sql with ?1 bound to arg (caller
 * frees), or NULL for SQL NULL or no row. */
static char *text1(struct fixture *f, const char *sql, const char *arg)
{
	sqlite3_stmt *s = store_prepare(f->t.st, sql);
	if (!s)
		fail_msg("%s: %s", sql, store_errmsg(f->t.st));
	if (arg)
		sqlite3_bind_text(s, 1, arg, -1, SQLITE_STATIC);
	char *v = NULL;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
		v = xstrndup((const char *)sqlite3_column_blob(s, 0),
			     (size_t)sqlite3_column_bytes(s, 0));
	store_release(f->t.st, s);
	return v;
}

static long long int1(struct fixture *f, const char *sql, const char *arg)
{
	char *v = text1(f, sql, arg);
	long long n = v ? strtoll(v, NULL, 10) : -1;
	free(v);
	return n;
}

/* A column of the submission with this Message-ID. */
static char *field(struct fixture *f, const char *msgid, const char *column)
{
	char *sql = xasprintf("SELECT %s FROM submission WHERE message_id = ?1", column);
	char *v = text1(f, sql, msgid);
	free(sql);
	return v;
}

#define expect_field(f, msgid, column, want) expect_field_at(f, msgid, column, want, __LINE__)

static void expect_field_at(struct fixture *f, const char *msgid, const char *column,
			    const char *want, int line)
{
	char *got = field(f, msgid, column);
	if (!want && got)
		fail_msg("line %d: %s of <%s> is \"%s\", expected NULL", line, column, msgid, got);
	if (want && (!got || strcmp(got, want) != 0))
		fail_msg("line %d: %s of <%s> is %s%s%s, expected \"%s\"", line, column, msgid,
			 got ? "\"" : "", got ? got : "NULL", got ? "\"" : "", want);
	free(got);
}

#define expect_body_has(f, msgid, part) expect_body_has_at(f, msgid, part, __LINE__)

static void expect_body_has_at(struct fixture *f, const char *msgid, const char *part, int line)
{
	char *body = field(f, msgid, "body");
	if (!body || !strstr(body, part))
		fail_msg("line %d: the body of <%s> lacks \"%s\":\n%s", line, msgid, part,
			 body ? body : "NULL");
	free(body);
}

/* Every row of every table, for "the database is exactly as before". */
static char *dump_all(struct fixture *f)
{
	return db_dump_tables(f->t.st->db);
}

static void write_file(const char *path, const char *data, size_t n)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
}

/* A small UTF-8 mail in the test's mail folder; returns its path. */
static char *write_mail(struct fixture *f, const char *name, const char *from, const char *subject,
			const char *body)
{
	char *path = xasprintf("%s/%s", f->mail, name);
	char *text = xasprintf("From: %s\nTo: nordland@ks.no\nSubject: %s\n"
			       "Date: Mon, 12 Feb 2024 10:00:00 +0100\nMessage-ID: <%s@test>\n"
			       "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
			       "Content-Transfer-Encoding: 8bit\n\n%s\n",
			       from, subject, name, body);
	write_file(path, text, strlen(text));
	free(text);
	return path;
}

/* ---- the sample maildir ---- */

static void maildir_counts(void **state)
{
	struct fixture *f = *state;
	const char *paths[] = {MAILDIR};
	/* cur/ has ten; new/ a corrected version of Bodø's and Bodø's first mail
	 * delivered again; tmp/ (a mail being delivered) is not read. */
	expect_result(import_ok(f, paths, 1), 10, 1, 1, 2);
	assert_int_equal(int1(f, "SELECT count(*) FROM submission", NULL), 11);
	assert_int_equal(int1(f, "SELECT count(*) FROM submission WHERE source = 'mail'", NULL), 11);
	assert_int_equal(int1(f, "SELECT count(*) FROM submission WHERE member IS NULL", NULL), 2);
	/* Everything stored is valid UTF-8. */
	sqlite3_stmt *s = store_prepare(f->t.st, "SELECT body, coalesce(subject, ''), sender"
						 " FROM submission");
	assert_non_null(s);
	while (sqlite3_step(s) == SQLITE_ROW)
		for (int i = 0; i < 3; i++)
			assert_true(text_valid_utf8((const char *)sqlite3_column_text(s, i)));
	store_release(f->t.st, s);
}

/* UTF-8 quoted-printable, an RFC 2047 subject; later corrected. */
static void bodo_plain_and_new_version(void **state)
{
	struct fixture *f = *state;
	const char *paths[] = {MAILDIR};
	import_ok(f, paths, 1);
	const char *id = "20240125110012.4F2A1@bodo.kommune.no";
	expect_field(f, id, "member", "1804");
	expect_field(f, id, "received", "2024-01-25");
	expect_field(f, id, "decided", "2024-01-18");
	expect_field(f, id, "body_by", "bystyret");
	expect_field(f, id, "reference", "PS 24/7");
	expect_field(f, id, "source", "mail");
	expect_field(f, id, "sender", "Postmottak Bodø kommune <postmottak@bodo.kommune.no>");
	expect_field(f, id, "subject", "Vedtak i PS 24/7 - Debatthefte 2024 - Bodø kommune");
	expect_field(f, id, "origin",
		     MAILDIR "/cur/1706180414.M412P7311.mx1.ks.no,S=2210:2,S"
			     " <20240125110012.4F2A1@bodo.kommune.no>");
	char *hash = import_hash("msgid:20240125110012.4F2A1@bodo.kommune.no",
				 strlen("msgid:20240125110012.4F2A1@bodo.kommune.no"));
	expect_field(f, id, "content_hash", hash);
	free(hash);
	expect_body_has(f, id, "Til KS Nordland\n\nBystyret i Bodø behandlet saken i møte 18.01.2024,"
			       " PS 24/7 Debatthefte 2024 – innspill til KS.\n\nVedtak:\n1. Bodø"
			       " kommune mener det økonomiske handlingsrommet er for lite til å møte"
			       " omstillingsbehovene i årene som kommer.\n2. Lønnsoppgjøret 2024 bør"
			       " prioritere sykepleiere og lærere.\n");
	char *body = field(f, id, "body");
	assert_string_equal(body + strlen(body) - strlen("Postmottak\nBodø kommune"),
			    "Postmottak\nBodø kommune");
	free(body);

	/* The corrected mail is the current one; the first is kept beside it. */
	const char *id2 = "20240201081010.77B10@bodo.kommune.no";
	expect_field(f, id, "current", "0");
	expect_field(f, id2, "current", "1");
	expect_field(f, id2, "member", "1804");
	char *first = field(f, id, "id");
	expect_field(f, id2, "supersedes", first);
	free(first);
	expect_body_has(f, id2, "Korrigert vedtak (punkt 2 var feil i forrige e-post):");
	/* Delivered twice: one row. */
	assert_int_equal(int1(f, "SELECT count(*) FROM submission WHERE message_id = ?1", id), 1);
}

/* Base64 ISO-8859-1; sent 23:30 UTC on the 15th, which is the 16th in Norway. */
static void tromso_latin1_base64(void **state)
{
	struct fixture *f = *state;
	const char *paths[] = {MAILDIR};
	import_ok(f, paths, 1);
	const char *id = "5f3a9c02-1e7b-4b1e-9d55-0c2a61e0d7aa@tromso.kommune.no";
	expect_field(f, id, "member", "5501");
	expect_field(f, id, "received", "2024-02-16");
	expect_field(f, id, "decided", "2024-02-14");
	expect_field(f, id, "reference", "sak 12/24");
	expect_field(f, id, "body_by", "kommunestyret");
	expect_field(f, id, "sender", "Tromsø kommune <postmottak@tromso.kommune.no>");
	expect_field(f, id, "subject", "Kommunestyrets vedtak - innspill til KS' debatthefte 2024");
	expect_body_has(f, id, "Kommunestyret i Tromsø vedtok i møte den 14. februar 2024 (sak 12/24)"
			       " følgende uttalelse");
	expect_body_has(f, id, "\nSærlig må kommunene få beholde og rekruttere fagfolk");
	expect_body_has(f, id, "ÆØÅ æøå - sendt fra sak-/arkivsystemet.");
}

/* HTML only, no Message-ID: readable text, hashed by its bytes. */
static void alta_html_only(void **state)
{
	struct fixture *f = *state;
	const char *paths[] = {MAILDIR};
	import_ok(f, paths, 1);
	const char *file = MAILDIR "/cur/1707831211.M51P7311.mx1.ks.no,S=1804:2,S";
	char *body = text1(f, "SELECT body FROM submission WHERE origin = ?1", file);
	assert_non_null(body);
	assert_string_equal(body,
			    "Til KS Troms og Finnmark\n\n"
			    "Alta kommunestyre behandlet saken i møte 12.02.2024,\nPS 15/24.\n\n"
			    "Vedtak:\n\n"
			    "- Kommunene trenger større handlingsrom & mer forutsigbare rammer.\n"
			    "- Rekruttering: «Heltid er hovedregelen» – også i Alta.\n"
			    "- Unge utenfor arbeid og skole <NEET> må få tilbud tidlig — før de"
			    " faller ut.\n\n"
			    "Med vennlig hilsen\nAlta kommune ÆØÅ");
	free(body);
	char *row = text1(f, "SELECT member || ' ' || received || ' ' || decided || ' ' || reference"
			     " || ' ' || body_by || ' ' || (message_id IS NULL) FROM submission"
			     " WHERE origin = ?1", file);
	assert_string_equal(row, "5601 2024-02-13 2024-02-12 PS 15/24 kommunestyret 1");
	free(row);

	/* No Message-ID: the hash of the file. */
	gchar *data;
	gsize len;
	assert_true(g_file_get_contents(file, &data, &len, NULL));
	char *hash = import_hash(data, len);
	g_free(data);
	char *stored = text1(f, "SELECT content_hash FROM submission WHERE origin = ?1", file);
	assert_string_equal(stored, hash);
	free(stored);
	free(hash);
}

/* windows-1252 bytes in a mail that says UTF-8, body and raw subject. */
static void vefsn_wrong_charset(void **state)
{
	struct fixture *f = *state;
	const char *paths[] = {MAILDIR};
	import_ok(f, paths, 1);
	const char *id = "CAK9x0vefsn+8Zq@mail.vefsn.kommune.no";
	expect_field(f, id, "member", "1824");
	expect_field(f, id, "subject", "Høringsuttalelse – Vefsn kommune");
	expect_field(f, id, "sender", "Åse Ødegård <post@vefsn.kommune.no>");
	expect_field(f, id, "decided", "2024-02-08");
	expect_field(f, id, "reference", "sak 9/24");
	expect_body_has(f, id, "Kommunestyret i Vefsn behandlet “Debatthefte 2024” i møte 08.02.2024"
			       " – sak 9/24.");
	expect_body_has(f, id, "Vefsn kommune støtter KS’ arbeid for økt handlingsrom. Særlig");
	expect_body_has(f, id, "Hilsen Åse Ødegård");
}

/* multipart/mixed: the text/plain of an alternative, a PDF and a Latin-1
 * text attachment (kept as UTF-8). */
static void fauske_attachments(void **state)
{
	struct fixture *f = *state;
	const char *paths[] = {MAILDIR};
	import_ok(f, paths, 1);
	const char *id = "ephorte.20240208.120008.4471@fauske.kommune.no";
	expect_field(f, id, "member", "1841");
	expect_field(f, id, "reference", "PS 12/24");
	expect_field(f, id, "sender",
		     "Fauske kommune – Fuossko suohkan <postmottak@fauske.kommune.no>");
	char *body = field(f, id, "body");
	assert_string_equal(body, "Vedlagt følger særutskrift av kommunestyrets vedtak i sak PS 12/24,"
				  " Debatthefte 2024.\n\nMed hilsen\nFauske kommune – Fuossko suohkan");
	free(body);

	char *rows = text1(f, "SELECT group_concat(name || '|' || type || '|' || size || '|' ||"
			      " length(data), ';') FROM (SELECT a.* FROM attachment a JOIN submission s"
			      " ON s.id = a.submission_id WHERE s.message_id = ?1 ORDER BY a.id)", id);
	assert_string_equal(rows, "Særutskrift PS 12-24.pdf|application/pdf|142|142;"
				  "vedtak.txt|text/plain|117|117");
	free(rows);
	char *pdf = text1(f, "SELECT substr(a.data, 1, 8) FROM attachment a JOIN submission s"
			     " ON s.id = a.submission_id WHERE s.message_id = ?1"
			     " AND a.type = 'application/pdf'", id);
	assert_string_equal(pdf, "%PDF-1.4");
	free(pdf);
	char *txt = text1(f, "SELECT a.data FROM attachment a JOIN submission s"
			     " ON s.id = a.submission_id WHERE s.message_id = ?1"
			     " AND a.type = 'text/plain'", id);
	assert_string_equal(txt, "Særutskrift\nKommunestyret i Fauske, møte 06.02.2024, PS 12/24\n"
				 "Vedtak: Fauske kommune slutter seg til KS' innspill.\n");
	free(txt);
}

/* A Sami municipality: its address has the Norwegian name, the subject both. */
static void kautokeino_sami(void **state)
{
	struct fixture *f = *state;
	const char *paths[] = {MAILDIR};
	import_ok(f, paths, 1);
	const char *id = "b1d0c7e2.0a1f@kautokeino.kommune.no";
	expect_field(f, id, "member", "5612");
	expect_field(f, id, "subject", "Guovdageaidnu suohkan / Kautokeino kommune – mearrádus / vedtak");
	expect_field(f, id, "decided", "2024-02-07");
	expect_field(f, id, "reference", "sak 5/24");
	expect_body_has(f, id, "meannudii ášši 5/24 čoahkkimis 07.02.2024.");
	expect_body_has(f, id, "Dearvvuođaiguin / Med hilsen");
}

static void county_and_body_match(void **state)
{
	struct fixture *f = *state;
	const char *paths[] = {MAILDIR};
	import_ok(f, paths, 1);
	const char *county = "TFK.2024.02.13.8@trondelagfylke.no";
	expect_field(f, county, "member", "50");
	expect_field(f, county, "body_by", "fylkestinget");
	expect_field(f, county, "decided", "2024-02-13");
	expect_field(f, county, "reference", "sak 8/24");
	/* From a private address; "Brønnøy kommune" starts the body. */
	const char *bronnoy = "AM0PR07MB4419.kari@outlook.com";
	expect_field(f, bronnoy, "member", "1813");
	expect_field(f, bronnoy, "decided", "2024-02-14");
}

static void unmatched_and_forged(void **state)
{
	struct fixture *f = *state;
	const char *paths[] = {MAILDIR};
	import_ok(f, paths, 1);
	/* A private address, no number, no name; no Date: received today. */
	const char *ola = "CAF=ola1958+xyz@mail.gmail.com";
	expect_field(f, ola, "member", NULL);
	expect_field(f, ola, "received", TODAY);
	expect_field(f, ola, "sender", "Ola Nordmann <ola.nordmann1958@gmail.com>");
	expect_body_has(f, ola, "Vi mener eldreomsorgen må prioriteres");

	/* The subject says 1804 Bodø, the mail is from Narvik: neither is trusted. */
	const char *forged = "narvik-2024-0211-1759@narvik.kommune.no";
	expect_field(f, forged, "member", NULL);
	char *origin = field(f, forged, "origin");
	assert_non_null(origin);
	assert_non_null(strstr(origin, "1707670800.M70P7311.mx1.ks.no,S=820:2,S"
				       " <narvik-2024-0211-1759@narvik.kommune.no>; not matched:"));
	assert_non_null(strstr(origin, "1804 Bodø"));
	assert_non_null(strstr(origin, "narvik.kommune.no is 1806 Narvik"));
	free(origin);
	/* Bodø's own resolution is not superseded by it. */
	expect_field(f, "20240201081010.77B10@bodo.kommune.no", "current", "1");
}

/* ---- importing again, single files ---- */

static void import_twice_changes_nothing(void **state)
{
	struct fixture *f = *state;
	const char *paths[] = {MAILDIR};
	import_ok(f, paths, 1);
	char *sub = text1(f, "SELECT group_concat(x, char(10)) FROM (SELECT id || member || body ||"
			     " coalesce(content_hash, '') || current AS x FROM submission ORDER BY id)",
			  NULL);
	long long atts = int1(f, "SELECT count(*) FROM attachment", NULL);
	expect_result(import_ok(f, paths, 1), 0, 0, 12, 0);
	char *again = text1(f, "SELECT group_concat(x, char(10)) FROM (SELECT id || member || body ||"
			       " coalesce(content_hash, '') || current AS x FROM submission"
			       " ORDER BY id)", NULL);
	assert_string_equal(again, sub);
	assert_int_equal(int1(f, "SELECT count(*) FROM attachment", NULL), atts);
	free(sub);
	free(again);

	/* One file of it on its own is known too. */
	const char *one[] = {MAILDIR "/new/1706180871.M1P9022.mx2.ks.no,S=2291"};
	expect_result(import_ok(f, one, 1), 0, 0, 1, 0);
}

static void single_files(void **state)
{
	struct fixture *f = *state;
	const char *paths[] = {MAIL "eml/sortland.eml"};
	expect_result(import_ok(f, paths, 1), 1, 0, 0, 0);
	/* "Kommunenr. 1870" in the body, from an address that says nothing. */
	expect_field(f, "sortland-2024-1@vesteralen.example", "member", "1870");
	expect_field(f, "sortland-2024-1@vesteralen.example", "decided", "2024-02-08");
}

/* Escape sequences, an unknown charset, NUL bytes, bad character references,
 * an attachment named like a path, a Date that is none: stored inert. */
static void hostile_mail_stored_inert(void **state)
{
	struct fixture *f = *state;
	const char *paths[] = {MAIL "eml/hostile.eml"};
	expect_result(import_ok(f, paths, 1), 1, 0, 0, 1);
	char *row = text1(f, "SELECT message_id || '|' || sender || '|' || subject || '|' || received"
			     " || '|' || body FROM submission", NULL);
	assert_non_null(row);
	assert_true(text_valid_utf8(row));
	for (const char *p = row; *p; p++)
		if ((unsigned char)*p < 0x20 && *p != '\n')
			fail_msg("control character %#x in \"%s\"", (unsigned)*p, row);
	assert_string_equal(row, "evil[1m@attacker.example|Evil [31mRed[0m <evil@attacker.example>|"
				 "Vedtak ]0;pwned [2J bell|" TODAY "|"
				 "Tekst med [2J escape, NUL  og Latin-1 æøå og ugyldig ÿþ.\n\n"
				 "\xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD[2J &bogus; slutt");
	free(row);
	char *att = text1(f, "SELECT name || '|' || type || '|' || size FROM attachment", NULL);
	assert_string_equal(att, "passwd|application/octet-stream|32");
	free(att);
}

/* ---- problems ---- */

/* Every broken file is reported, by file and Message-ID, all at once. */
static void broken_mails_all_reported(void **state)
{
	struct fixture *f = *state;
	char *before = dump_all(f);
	const char *paths[] = {MAIL "broken"};
	struct import_result r;
	struct diags errs = {0};
	assert_int_equal(import(f, paths, 1, &r, &errs), -1);
	expect_n_diags(&errs, 4);
	const struct diag *d = expect_diag(&errs, 0, "Message-ID <missing-from-1@ks-test.invalid>: "
						     "the mail has no sender (From)");
	assert_string_equal(d->file, MAIL "broken/missing-from.eml");
	d = expect_diag(&errs, 0, "Message-ID <no-body-1@bodo.kommune.no>: the mail has no text"
				  " and no attachments");
	assert_string_equal(d->file, MAIL "broken/no-body.eml");
	d = expect_diag(&errs, 0, "not a mail message: the file is empty");
	assert_string_equal(d->file, MAIL "broken/empty.eml");
	d = expect_diag(&errs, 0, "not a mail message: it does not start with mail headers");
	assert_string_equal(d->file, MAIL "broken/skjermbilde.png");
	diags_free(&errs);
	char *after = dump_all(f);
	assert_string_equal(after, before);
	free(before);
	free(after);
}

/* One broken mail among good ones: nothing at all is imported. */
static void broken_mail_spoils_the_import(void **state)
{
	struct fixture *f = *state;
	const char *first[] = {MAIL "eml/sortland.eml"};
	import_ok(f, first, 1);
	char *before = dump_all(f);

	const char *paths[] = {MAILDIR, MAIL "broken/missing-from.eml"};
	struct import_result r;
	struct diags errs = {0};
	assert_int_equal(import(f, paths, 2, &r, &errs), -1);
	expect_n_diags(&errs, 1);
	expect_diag(&errs, 0, "no sender");
	diags_free(&errs);
	char *after = dump_all(f);
	assert_string_equal(after, before);
	free(after);

	/* A binary file given by name fails the same way. */
	const char *bin[] = {MAIL "eml/hostile.eml", MAIL "broken/skjermbilde.png"};
	assert_int_equal(import(f, bin, 2, &r, &errs), -1);
	expect_n_diags(&errs, 1);
	diags_free(&errs);
	after = dump_all(f);
	assert_string_equal(after, before);
	free(after);
	free(before);
}

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A 20 MB attachment (made here, not kept in the repository): recorded by
 * name, type and size, its data not kept, quickly. */
static void big_attachment(void **state)
{
	struct fixture *f = *state;
	enum { SIZE = 20 * 1024 * 1024 };
	char *path = xasprintf("%s/big.eml", f->mail);
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	fputs("From: Postmottak <postmottak@bodo.kommune.no>\nTo: nordland@ks.no\n"
	      "Subject: Vedtak med vedlegg\nDate: Tue, 20 Feb 2024 08:00:00 +0100\n"
	      "Message-ID: <big-1@bodo.kommune.no>\nMIME-Version: 1.0\n"
	      "Content-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\n"
	      "Content-Type: text/plain; charset=utf-8\n\nSe vedlagte saksdokumenter.\n--b1\n"
	      "Content-Type: application/pdf\n"
	      "Content-Disposition: attachment; filename=\"Saksdokumenter.pdf\"\n"
	      "Content-Transfer-Encoding: base64\n\n", fp);
	/* Base64 of SIZE bytes, 57 bytes (76 characters) a line. */
	unsigned char chunk[57];
	for (size_t i = 0; i < sizeof chunk; i++)
		chunk[i] = (unsigned char)(i * 7 + 1);
	gchar *line = g_base64_encode(chunk, sizeof chunk);
	size_t left = SIZE;
	while (left >= sizeof chunk) {
		fputs(line, fp);
		fputc('\n', fp);
		left -= sizeof chunk;
	}
	g_free(line);
	line = g_base64_encode(chunk, left);
	fprintf(fp, "%s\n--b1--\n", line);
	g_free(line);
	assert_int_equal(fclose(fp), 0);

	double t0 = seconds();
	const char *paths[] = {path};
	expect_result(import_ok(f, paths, 1), 1, 0, 0, 0);
	double took = seconds() - t0;
	if (took > 20)
		fail_msg("importing a 20 MB attachment took %.1f s", took);
	char *att = text1(f, "SELECT name || '|' || type || '|' || size || '|' || (data IS NULL)"
			     " FROM attachment", NULL);
	assert_string_equal(att, "Saksdokumenter.pdf|application/pdf|20971520|1");
	free(att);
	expect_field(f, "big-1@bodo.kommune.no", "body", "Se vedlagte saksdokumenter.");
	expect_field(f, "big-1@bodo.kommune.no", "member", "1804");
	free(path);
}

/* ---- telling the member ---- */

struct case_ {
	const char *from, *subject, *body, *member; /* member NULL: unmatched */
};

static const struct case_ cases[] = {
	/* The sender's domain, in its ASCII spellings. */
	{"postmottak@sor-varanger.kommune.no", "Vedtak", "Se under.", "5605"},
	{"post@aal.kommune.no", "Vedtak", "Se under.", "3328"},
	{"post@al.kommune.no", "Vedtak", "Se under.", "3328"},
	{"post@baerum.kommune.no", "Vedtak", "Se under.", "3201"},
	{"post@midtregauldal.kommune.no", "Vedtak", "Se under.", "5027"},
	{"post@karasjok.kommune.no", "Vedtak", "Se under.", "5610"},
	{"post@hattfjelldal.kommune.no", "Vedtak", "Se under.", "1826"},
	{"post@porsangu.kommune.no", "Vedtak", "Se under.", "5622"},
	{"arkiv@sak.bodo.kommune.no", "Vedtak", "Se under.", "1804"},
	{"post@xn--bod-2na.kommune.no", "Vedtak", "Se under.", "1804"},
	{"post@Tromso.Kommune.NO.", "Vedtak", "Se under.", "5501"},
	{"post@tromsfylke.no", "Vedtak", "Se under.", "55"},
	{"post@nordlandfylkeskommune.no", "Vedtak", "Se under.", "18"},
	/* Two Herøys, two Vålers: the address cannot tell. */
	{"post@heroy.kommune.no", "Vedtak", "Se under.", NULL},
	{"post@valer.kommune.no", "Vedtak", "Se under.", NULL},
	/* Not a municipality's domain. */
	{"x@bodo.kommune.no.example.com", "Vedtak", "Se under.", NULL},
	{"x@kommune.no", "Vedtak", "Se under.", NULL},
	{"x@bodo.no", "Vedtak", "Se under.", NULL},
	/* The subject: a number, a name with "kommune", a county. */
	{"a@example.com", "Vedtak 1804", "Se under.", "1804"},
	{"a@example.com", "Vedtak (1804)", "Se under.", "1804"},
	{"a@example.com", "Vedtak fra Bodo kommune", "Se under.", "1804"},
	{"a@example.com", "Innspill fra Hå kommune", "Se under.", "1119"},
	{"a@example.com", "Nordland fylkeskommune - vedtak", "Se under.", "18"},
	{"a@example.com", "Oslo kommune", "Se under.", "0301"},
	{"a@example.com", "Kárášjohka gielda", "Se under.", "5610"},
	{"a@example.com", "Vedtak i fylkestinget (18)", "Se under.", "18"},
	/* Not a member's name or number. */
	{"a@example.com", "Vedtak 9999", "Se under.", NULL},
	{"a@example.com", "Møte 13.02.2024 kl. 10", "Se under.", NULL},
	{"a@example.com", "Sak 24/1804", "Se under.", NULL},
	{"a@example.com", "Vedtak om å ha kommunen med", "Se under.", NULL},
	{"a@example.com", "Vedtak i Bodø", "Se under.", NULL},
	{"a@example.com", "Vedtak i sak 11/24", "Se under.", NULL},
	/* Contradictions are not trusted. */
	{"a@example.com", "Bodø kommune og Narvik kommune", "Se under.", NULL},
	{"a@example.com", "Vedtak 1806 Bodø kommune", "Se under.", NULL},
	{"post@bodo.kommune.no", "Vedtak 1806", "Se under.", NULL},
	{"post@bodo.kommune.no", "Vedtak 1804", "Se under.", "1804"},
	{"post@bodo.kommune.no", "Vedtak Bodø kommune", "Narvik kommune vedtok det samme.", "1804"},
	/* The first lines of the body. */
	{"a@example.com", "Vedtak", "Fra Sør-Varanger kommune:\nVedtak ...", "5605"},
	{"a@example.com", "Vedtak", "Kommunenummer: 5601\n", "5601"},
	{"a@example.com", "Vedtak", "Hver time kommunen bruker ...", NULL},
	{"a@example.com", "Vedtak", "Bodø kommune og Narvik kommune er enige.", NULL},
	{"a@example.com", "Vedtak",
	 "1\n2\n3\n4\n5\n6\n7\n8\n9\nBodø kommune, står det langt nede.", NULL},
};

/* Each case in a database of its own: a member that has sent one already is
 * matched more carefully (see already_sent_from_elsewhere). */
static void member_rules(void **state)
{
	(void)state;
	int n = (int)(sizeof cases / sizeof cases[0]);
	for (int i = 0; i < n; i++) {
		void *own;
		setup(&own);
		struct fixture *f = own;
		char name[32];
		snprintf(name, sizeof name, "case-%02d", i);
		char *path = write_mail(f, name, cases[i].from, cases[i].subject, cases[i].body);
		const char *paths[] = {path};
		import_ok(f, paths, 1);
		char *msgid = xasprintf("%s@test", name);
		char *got = field(f, msgid, "member");
		if ((got == NULL) != (cases[i].member == NULL) ||
		    (got && strcmp(got, cases[i].member) != 0))
			fail_msg("From %s, Subject \"%s\": member %s, expected %s", cases[i].from,
				 cases[i].subject, got ? got : "NULL",
				 cases[i].member ? cases[i].member : "NULL");
		free(got);
		free(msgid);
		free(path);
		teardown(&own);
	}
}

/* A mail from an address that is no member's names a member in its
 * subject: a member with no resolution yet gets it; a member that has one
 * does not have it replaced by such a mail: it waits, unmatched, with the
 * reason, for staff to give it to the member (m). */
static void already_sent_from_elsewhere(void **state)
{
	struct fixture *f = *state;
	char *first = write_mail(f, "own", "post@bodo.kommune.no", "Vedtak", "Bodø sier ja.");
	char *other = write_mail(f, "other", "a@example.com", "Vedtak 1804", "Bodø sier nei.");
	char *fresh = write_mail(f, "fresh", "a@example.com", "Vedtak 1806", "Narvik sier ja.");
	const char *paths[] = {first, other, fresh};
	import_ok(f, paths, 3);
	char *got = field(f, "own@test", "member");
	assert_string_equal(got, "1804");
	free(got);
	assert_null(field(f, "other@test", "member"));
	got = field(f, "other@test", "origin");
	assert_non_null(strstr(got, "example.com is no member's address, and 1804 Bodø has sent"));
	free(got);
	got = field(f, "fresh@test", "member");
	assert_string_equal(got, "1806");
	free(got);
	/* Bodø's own resolution is still the current one. */
	got = field(f, "own@test", "current");
	assert_string_equal(got, "1");
	free(got);
	free(first);
	free(other);
	free(fresh);
}

/* ---- bodies ---- */

/* HTML in all the ways mail programs write it. */
static void html_bodies(void **state)
{
	struct fixture *f = *state;
	char *path = xasprintf("%s/html.eml", f->mail);
	static const char mail[] =
		"From: post@bodo.kommune.no\nMessage-ID: <html-1@test>\n"
		"Content-Type: text/html; charset=iso-8859-1\n\n"
		"<HTML><HEAD><STYLE>p {color:red}</STYLE><TITLE>Tittel</TITLE></HEAD><BODY>"
		"<!-- kommentar <p>skjult</p> -->"
		"<DIV>Linje&nbsp;1</DIV><DIV>Linje 2<BR>Linje   3</DIV>"
		"<P>Avsnitt med <B>fet</B> skrift og <a href=\"x?a=1&amp;b=2\" title='a>b'>lenke</a>."
		"</P><table><tr><td>R\xe5" "d</td><td>&#248;</td></tr></table>"
		"<p>&AElig;&Oslash;&Aring; &aelig;&oslash;&aring; &#229; &#xE6; &quot;&lt;&gt;&quot;"
		" 3 &lt; 4 &amp;&amp; a&b</p><script type=\"x\">document.write('<p>nei</p>')</script>"
		"<p>Slutt</p><script>uten slutt";
	write_file(path, mail, sizeof mail - 1);
	const char *paths[] = {path};
	import_ok(f, paths, 1);
	expect_field(f, "html-1@test", "body",
		     "Linje 1\nLinje 2\nLinje 3\n\nAvsnitt med fet skrift og lenke.\n\nRåd ø\n\n"
		     "ÆØÅ æøå å æ \"<>\" 3 < 4 && a&b\n\nSlutt");
	free(path);
}

/* A forwarded mail (message/rfc822), nested parts and an inline image in an
 * HTML body. */
static void forwarded_and_related(void **state)
{
	struct fixture *f = *state;
	char *path = xasprintf("%s/fwd.eml", f->mail);
	static const char mail[] =
		"From: Kari <kari@bodo.kommune.no>\nSubject: Fwd: Vedtak\n"
		"Message-ID: <fwd-1@test>\nMIME-Version: 1.0\n"
		"Content-Type: multipart/mixed; boundary=o\n\n"
		"--o\nContent-Type: text/plain; charset=utf-8\n\nSe videresendt e-post.\n"
		"--o\nContent-Type: message/rfc822\n\n"
		"From: postmottak@bodo.kommune.no\nSubject: Vedtak\nMIME-Version: 1.0\n"
		"Content-Type: multipart/related; boundary=r\n\n"
		"--r\nContent-Type: text/html; charset=utf-8\n\n<p>Bystyret vedtok.</p>"
		"<img src=\"cid:logo\">\n"
		"--r\nContent-Type: image/png; name=\"image001.png\"\nContent-ID: <logo>\n"
		"Content-Disposition: inline; filename=\"image001.png\"\n"
		"Content-Transfer-Encoding: base64\n\niVBORw0KGgo=\n"
		"--r--\n"
		"--o--\n";
	write_file(path, mail, sizeof mail - 1);
	const char *paths[] = {path};
	import_ok(f, paths, 1);
	expect_field(f, "fwd-1@test", "body", "Se videresendt e-post.\n\nBystyret vedtok.");
	expect_field(f, "fwd-1@test", "body_by", "bystyret");
	assert_int_equal(int1(f, "SELECT count(*) FROM attachment", NULL), 0);
	free(path);
}

/* A vertical tab (0x0B) in an HTML body, written raw, quoted-printable or
 * in base64, is white space like any other: each mail is read at once. It
 * once made the HTML reader stand still for ever. */
static void html_vertical_tab(void **state)
{
	struct fixture *f = *state;
	static const char *const bodies[][2] = {
		{"8bit", "<p>Kommunestyret\vvedtok i sak.</p>\v<p>\v</p>\v"},
		{"quoted-printable", "<p>Kommunestyret=0Bvedtok i sak.</p>=0B\n"},
		{"base64", "PHA+S29tbXVuZXN0eXJldAt2ZWR0b2sgaSBzYWsuPC9wPg==\n"},
	};
	for (int i = 0; i < 3; i++) {
		char *path = xasprintf("%s/vt%d.eml", f->mail, i);
		char *text = xasprintf("From: <postmottak@bodo.kommune.no>\nSubject: Vedtak\n"
				       "Message-ID: <vt-%d@test>\nMIME-Version: 1.0\n"
				       "Content-Type: text/html; charset=utf-8\n"
				       "Content-Transfer-Encoding: %s\n\n%s",
				       i, bodies[i][0], bodies[i][1]);
		write_file(path, text, strlen(text));
		const char *paths[] = {path};
		struct timed t;
		timed_start(&t, "importing an HTML mail with a vertical tab", 2);
		import_ok(f, paths, 1);
		timed_end(&t);
		char *id = xasprintf("vt-%d@test", i);
		expect_field(f, id, "body", "Kommunestyret vedtok i sak.");
		free(id);
		free(text);
		free(path);
	}
}

/* A fresh maildir (cur/, new/ and tmp/ all empty) imports nothing, without
 * a problem: an empty folder once handed qsort a NULL array. */
static void empty_maildir(void **state)
{
	struct fixture *f = *state;
	char *md = xasprintf("%s/maildir", f->mail);
	assert_int_equal(mkdir(md, 0700), 0);
	static const char *const subs[] = {"cur", "new", "tmp"};
	for (int i = 0; i < 3; i++) {
		char *d = xasprintf("%s/%s", md, subs[i]);
		assert_int_equal(mkdir(d, 0700), 0);
		free(d);
	}
	const char *paths[] = {md};
	expect_result(import_ok(f, paths, 1), 0, 0, 0, 0);
	free(md);
}

/* Links from a folder to itself: each is reported by its path, and the walk
 * ends at once. With two such links it once went round for ever (2^40 ways
 * down before the system's limit on links). */
static void folder_linked_to_itself(void **state)
{
	struct fixture *f = *state;
	char *dir = xasprintf("%s/loop", f->mail);
	assert_int_equal(mkdir(dir, 0700), 0);
	free(write_mail(f, "loop/1.eml", "<postmottak@bodo.kommune.no>", "Vedtak", "Vedtak."));
	char *a = xasprintf("%s/a", dir), *b = xasprintf("%s/b", dir);
	assert_int_equal(symlink(".", a), 0);
	assert_int_equal(symlink(".", b), 0);
	char *before = dump_all(f);
	const char *paths[] = {dir};
	struct import_result r;
	struct diags errs = {0};
	struct timed t;
	timed_start(&t, "importing a folder with links to itself", 2);
	assert_int_equal(import(f, paths, 1, &r, &errs), -1);
	timed_end(&t);
	expect_n_diags(&errs, 2);
	char *again = xasprintf("this is the folder %s again (a link to it)", dir);
	assert_string_equal(expect_diag(&errs, 0, again)->file, a);
	free(again);
	assert_string_equal(errs.v[1].file, b);
	diags_free(&errs);
	char *after = dump_all(f);
	assert_string_equal(after, before);
	free(before), free(after), free(a), free(b), free(dir);
}

/* Folders nested deeper than any mail store are not walked to the end. */
static void folders_nested_too_deep(void **state)
{
	struct fixture *f = *state;
	GString *p = g_string_new(f->mail);
	for (int i = 0; i < 20; i++) {
		g_string_append(p, "/d");
		assert_int_equal(mkdir(p->str, 0700), 0);
	}
	const char *paths[] = {f->mail};
	struct import_result r;
	struct diags errs = {0};
	assert_int_equal(import(f, paths, 1, &r, &errs), -1);
	expect_n_diags(&errs, 1);
	expect_diag(&errs, 0, "folders nested more than 16 deep; this one was not read");
	diags_free(&errs);
	g_string_free(p, TRUE);
}

/* The bidi marks (LRM, RLM, ALM), an override and the line separators are
 * kept out of what is stored, in headers and body alike, as the terminal
 * filter keeps them off the screen: the importer uses the same filter. */
static void bidi_marks_not_stored(void **state)
{
	struct fixture *f = *state;
	char *path = write_mail(f, "bidi.eml", "\"Kari\xE2\x80\x8F Nordmann\" <kari@bodo.kommune.no>",
				"Vedtak\xE2\x80\x8E \xE2\x80\xAE" "fdp.exe",
				"Kommunestyret\xE2\x80\xA8vedtok\xD8\x9C i sak\xE2\x80\xA9" "12/24.");
	const char *paths[] = {path};
	import_ok(f, paths, 1);
	expect_field(f, "bidi.eml@test", "subject", "Vedtak fdp.exe");
	expect_field(f, "bidi.eml@test", "sender", "Kari Nordmann <kari@bodo.kommune.no>");
	expect_field(f, "bidi.eml@test", "body", "Kommunestyret vedtok i sak 12/24.");
	free(path);
}

/* The import writes with foreign keys off; a row that would point to
 * nothing (here: a member the database lost) is found before the commit,
 * and the import is rolled back with a message that names the database. */
static void foreign_keys_checked_before_commit(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(sqlite3_exec(f->t.st->db, "PRAGMA foreign_keys = OFF;"
				      "DELETE FROM member WHERE number = '1804';"
				      "PRAGMA foreign_keys = ON;", NULL, NULL, NULL), SQLITE_OK);
	char *before = dump_all(f);
	char *path = write_mail(f, "fk.eml", "<postmottak@bodo.kommune.no>", "Vedtak", "Vedtak.");
	const char *paths[] = {path};
	struct import_result r;
	struct diags errs = {0};
	assert_int_equal(import(f, paths, 1, &r, &errs), -1);
	expect_n_diags(&errs, 1);
	const struct diag *d = expect_diag(&errs, 0, "the import would leave 1 row of submission "
					   "pointing to a row of member that is not there; "
					   "nothing was imported");
	assert_string_equal(d->file, f->t.db);
	diags_free(&errs);
	char *after = dump_all(f);
	assert_string_equal(after, before);
	free(before), free(after), free(path);
}

int main(void)
{
	/* Received dates are Norway's days. */
	setenv("TZ", "Europe/Oslo", 1);
	tzset();
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(maildir_counts),
		T(bodo_plain_and_new_version),
		T(tromso_latin1_base64),
		T(alta_html_only),
		T(vefsn_wrong_charset),
		T(fauske_attachments),
		T(kautokeino_sami),
		T(county_and_body_match),
		T(unmatched_and_forged),
		T(import_twice_changes_nothing),
		T(single_files),
		T(hostile_mail_stored_inert),
		T(broken_mails_all_reported),
		T(broken_mail_spoils_the_import),
		T(big_attachment),
		T(member_rules),
		T(already_sent_from_elsewhere),
		T(html_bodies),
		T(forwarded_and_related),
		T(html_vertical_tab),
		T(empty_maildir),
		T(folder_linked_to_itself),
		T(folders_nested_too_deep),
		T(bidi_marks_not_stored),
		T(foreign_keys_checked_before_commit),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
