/* UTF-8 text: display width of Norwegian and Sami names, fitting to columns,
 * and making untrusted text inert before it reaches a terminal. */
#include "testutil.h"

#include "text.h"
#include <locale.h>
#include <stdbool.h>

#define REPL "\xEF\xBF\xBD" /* U+FFFD */
#define ELLIPSIS "\xE2\x80\xA6"

/* ---- validity ---- */

static void valid_utf8(void **state)
{
	(void)state;
	assert_true(text_valid_utf8(""));
	assert_true(text_valid_utf8("Bodø"));
	assert_true(text_valid_utf8("Kárášjohka - Karasjok"));
	assert_true(text_valid_utf8("Porsanger - Porsáŋgu - Porsanki"));
	assert_true(text_valid_utf8("\xF0\x9F\x98\x80"));     /* U+1F600, 4 bytes */
	assert_true(text_valid_utf8("\xF4\x8F\xBF\xBF"));     /* U+10FFFF, the last */
	assert_false(text_valid_utf8("\xFF"));
	assert_false(text_valid_utf8("Bod\xF8"));             /* Latin-1 ø */
	assert_false(text_valid_utf8("\xC0\xAF"));            /* overlong '/' */
	assert_false(text_valid_utf8("\xE0\x80\xAF"));        /* overlong, 3 bytes */
	assert_false(text_valid_utf8("\xED\xA0\x80"));        /* surrogate U+D800 */
	assert_false(text_valid_utf8("\xF4\x90\x80\x80"));    /* past U+10FFFF */
	assert_false(text_valid_utf8("\xC3"));                /* cut short at the end */
	assert_false(text_valid_utf8("\xE2\x82 euro"));       /* cut short inside */
	assert_false(text_valid_utf8("\x80"));                /* lone continuation byte */
}

/* ---- width ---- */

static void width_of_names(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("Bodø"), 4);
	assert_int_equal(text_width("Guovdageaidnu - Kautokeino"), 26);
	assert_int_equal(text_width("Kárášjohka - Karasjok"), 21);
	assert_int_equal(text_width("Porsanger - Porsáŋgu - Porsanki"), 31);
	assert_int_equal(text_width("Trøndelag - Trööndelage"), 23);
}

static void width_of_combining_and_wide(void **state)
{
	(void)state;
	assert_int_equal(text_width("a\xCC\x81"), 1);          /* a + U+0301 */
	assert_int_equal(text_width("Ka\xCC\x81ra\xCC\x81s\xCC\x8Cjohka"), 10);
	assert_int_equal(text_width("日"), 2);
	assert_int_equal(text_width("日本語"), 6);
	assert_int_equal(text_width("\xF0\x9F\x98\x80"), 2);   /* emoji */
	/* What cannot be shown takes one column, as the U+FFFD shown instead. */
	assert_int_equal(text_width("a\x1b[2J"), 5);
	assert_int_equal(text_width("\xFF\xFE"), 2);
	assert_int_equal(text_width("a\tb"), 3);
}

/* ---- fitting ---- */

static void expect_fit(const char *s, int width, const char *want)
{
	char *got = text_fit(s, width);
	assert_string_equal(got, want);
	assert_int_equal(text_width(got), width < 0 ? 0 : width);
	free(got);
}

static void fit_pads_and_cuts(void **state)
{
	(void)state;
	expect_fit("Bodø", 6, "Bodø  ");
	expect_fit("Bodø", 4, "Bodø");
	expect_fit("Bodø", 3, "Bo" ELLIPSIS);
	expect_fit("Bodø", 1, ELLIPSIS);
	expect_fit("Bodø", 0, "");
	expect_fit("Bodø", -3, "");
	expect_fit("Guovdageaidnu - Kautokeino", 10, "Guovdagea" ELLIPSIS);
	expect_fit("Kárášjohka - Karasjok", 12, "Kárášjohka " ELLIPSIS);
	expect_fit("a\xCC\x81" "bc", 2, "a\xCC\x81" ELLIPSIS);
	/* A wide character that does not fit is left out whole. */
	expect_fit("日本語", 6, "日本語");
	expect_fit("日本語", 5, "日本" ELLIPSIS);
	expect_fit("日本語", 4, "日" ELLIPSIS " ");
	/* The result is sanitised too. */
	expect_fit("a\x1b[2J", 3, "a" REPL ELLIPSIS);
	expect_fit("", 3, "   ");
}

static void fit_right_aligns(void **state)
{
	(void)state;
	char *s = text_fit_right("42", 5);
	assert_string_equal(s, "   42");
	free(s);
	s = text_fit_right("Bodø", 4);
	assert_string_equal(s, "Bodø");
	free(s);
	s = text_fit_right("Kárášjohka", 5);
	assert_string_equal(s, "Kárá" ELLIPSIS);
	free(s);
}

/* Whatever the text and the width, the result takes exactly that width. */
static void fit_always_exact_width(void **state)
{
	(void)state;
	static const char *const samples[] = {
		"Bodø", "Guovdageaidnu - Kautokeino", "Porsanger - Porsáŋgu - Porsanki",
		"日本語のテキスト", "a\xCC\x81\xCC\x82xyz", "tab\there\nline", "\xFF\xC0\xAF bad",
		"\xE2\x80\xAE" "evil", "",
	};
	for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++)
		for (int w = 0; w <= 40; w++) {
			char *l = text_fit(samples[i], w), *r = text_fit_right(samples[i], w);
			if (text_width(l) != w || text_width(r) != w)
				fail_msg("\"%s\" at %d: \"%s\" is %d wide, \"%s\" is %d", samples[i], w, l,
					 text_width(l), r, text_width(r));
			assert_true(text_valid_utf8(l));
			assert_true(text_valid_utf8(r));
			free(l);
			free(r);
		}
}

static void ascii_fallback(void **state)
{
	(void)state;
	text_set_ascii(true);
	char *fit = text_fit("Kautokeino", 5);
	char *clean = text_sanitize("a\x1b[2J\xFF", false);
	text_set_ascii(false);
	assert_string_equal(fit, "Kaut~");
	assert_string_equal(clean, "a?[2J?");
	free(fit);
	free(clean);
}

/* ---- sanitising ---- */

static void expect_clean(const char *s, bool keep_newlines, const char *want)
{
	char *got = text_sanitize(s, keep_newlines);
	assert_string_equal(got, want);
	free(got);
}

static void sanitize_replaces_controls(void **state)
{
	(void)state;
	expect_clean("Bodø kommune", false, "Bodø kommune");
	expect_clean("\x1b", false, REPL);
	expect_clean("a\x1b[2Jb", false, "a" REPL "[2Jb");
	expect_clean("\x1b]0;title\a", false, REPL "]0;title" REPL);
	expect_clean("ding\a", false, "ding" REPL);
	expect_clean("\x7f", false, REPL);
	expect_clean("\xC2\x85", false, REPL);                   /* U+0085, NEL */
	expect_clean("\xC2\x9B" "2J", false, REPL "2J");          /* U+009B, CSI */
	expect_clean("abc\xE2\x80\xAE" "fdp.exe", false, "abc" REPL "fdp.exe"); /* U+202E */
	expect_clean("\xE2\x81\xA6x\xE2\x81\xA9", false, REPL "x" REPL);          /* U+2066, U+2069 */
}

static void sanitize_replaces_invalid_utf8(void **state)
{
	(void)state;
	expect_clean("\xFF", false, REPL);
	expect_clean("Bod\xF8", false, "Bod" REPL);
	expect_clean("\xC0\xAF", false, REPL REPL);
	expect_clean("\xED\xA0\x80", false, REPL REPL REPL);
	expect_clean("\xC3", false, REPL);
	expect_clean("\xE2\x82x", false, REPL REPL "x");
}

static void sanitize_newlines_and_tabs(void **state)
{
	(void)state;
	expect_clean("a\tb\r\nc", false, "a b  c");
	expect_clean("a\tb\r\nc", true, "a b \nc");
	expect_clean("\n\n", true, "\n\n");
}

/* Output that no terminal acts on: valid UTF-8 with no C0 or C1 control, DEL
 * or bidi override (a newline only when kept). */
static bool inert(const char *s, bool keep_newlines)
{
	if (!text_valid_utf8(s))
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p < 0x20 && !(keep_newlines && *p == '\n')) || *p == 0x7F)
			return false;
		if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			return false;
		if (p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE)
			return false;
		if (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)
			return false;
		if (p[0] == 0xE2 && p[1] == 0x80 &&
		    (p[2] == 0x8E || p[2] == 0x8F || p[2] == 0xA8 || p[2] == 0xA9))
			return false; /* LRM, RLM, U+2028, U+2029 */
		if (p[0] == 0xD8 && p[1] == 0x9C)
			return false; /* ALM */
	}
	return true;
}

static void expect_inert(const char *s)
{
	for (int keep = 0; keep <= 1; keep++) {
		char *out = text_sanitize(s, keep);
		if (!inert(out, keep))
			fail_msg("sanitising bytes %02x %02x %02x gave unsafe output",
				 (unsigned char)s[0], (unsigned char)s[1],
				 s[1] ? (unsigned char)s[2] : 0);
		free(out);
	}
}

/* Every byte, every pair of bytes and every three-byte sequence starting as
 * the bidi and C1 ones do comes out inert. */
static void sanitize_is_always_inert(void **state)
{
	(void)state;
	for (int a = 1; a < 256; a++) {
		for (int b = 0; b < 256; b++) {
			char s[4] = {(char)a, (char)b, 0, 0};
			expect_inert(s);
		}
	}
	for (int b = 0x80; b < 0xC0; b++)
		for (int c = 1; c < 256; c++) {
			char s[4] = {(char)0xE2, (char)b, (char)c, 0};
			expect_inert(s);
		}
}

/* The bidi marks and the line separators never reach a terminal: LRM, RLM
 * and ALM reorder the text around them, U+2028 and U+2029 break a line. */
static void sanitize_replaces_bidi_marks_and_separators(void **state)
{
	(void)state;
	expect_clean("a\xE2\x80\x8E" "b", false, "a" REPL "b");  /* U+200E LRM */
	expect_clean("a\xE2\x80\x8F" "b", false, "a" REPL "b");  /* U+200F RLM */
	expect_clean("a\xD8\x9C" "b", false, "a" REPL "b");      /* U+061C ALM */
	expect_clean("a\xE2\x80\xA8" "b", true, "a" REPL "b");   /* U+2028 */
	expect_clean("a\xE2\x80\xA9" "b", true, "a" REPL "b");   /* U+2029 */
	static const uint32_t all[] = {0x200E, 0x200F, 0x061C, 0x202A, 0x202B, 0x202C, 0x202D,
				       0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x2028, 0x2029};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		assert_true(text_is_control(all[i]));
	/* Letters around them, and the ordinary no-break and zero-width space, stay. */
	assert_false(text_is_control(0x200B));
	assert_false(text_is_control(0xA0));
	assert_false(text_is_control(0x05D0)); /* Hebrew alef */
	assert_int_equal(text_width("a\xE2\x80\x8F" "b"), 3);
}

static void expect_escaped(const char *s, const char *want)
{
	char *got = text_escape(s);
	assert_string_equal(got, want);
	free(got);
}

/* File names and words in messages show what is there, on one line, inert. */
static void escape_shows_controls(void **state)
{
	(void)state;
	expect_escaped("tests/vedtak.eml", "tests/vedtak.eml");
	expect_escaped("Bodø kommune", "Bodø kommune");
	expect_escaped("a\x1b[31mb", "a\\e[31mb");
	expect_escaped("to\nlines\r\n", "to\\nlines\\r\\n");
	expect_escaped("tab\there", "tab\\there");
	expect_escaped("bell\a", "bell\\x07");
	expect_escaped("del\x7f", "del\\x7F");
	expect_escaped("Bod\xF8", "Bod\\xF8");
	expect_escaped("\xC2\x9B" "2J", "\\u009B2J");
	expect_escaped("abc\xE2\x80\xAE" "fdp.exe", "abc\\u202Efdp.exe");
	expect_escaped("\xE2\x80\x8E\xE2\x80\xA8", "\\u200E\\u2028");
	expect_escaped("back\\slash", "back\\slash");
	/* Every byte and pair of bytes comes out inert and on one line. */
	for (int a = 1; a < 256; a++)
		for (int b = 0; b < 256; b++) {
			char in[3] = {(char)a, (char)b, 0};
			char *out = text_escape(in);
			if (!inert(out, false))
				fail_msg("escaping %02x %02x gave unsafe output", a, b);
			free(out);
		}
}

/* Every diagnostic is one inert line, whatever file name or word it holds. */
static void diagnostics_are_one_inert_line(void **state)
{
	(void)state;
	struct diags d = {0};
	diags_add(&d, "inn/a\nb\x1b[2J.eml", 3, "\"%s\" is not a limit", "x\a\xE2\x80\xAE");
	assert_string_equal(d.v[0].file, "inn/a\\nb\\e[2J.eml");
	assert_string_equal(d.v[0].msg, "\"x\\x07\\u202E\" is not a limit");
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	diags_print(&d, out);
	fclose(out);
	assert_string_equal(buf, "inn/a\\nb\\e[2J.eml:3: \"x\\x07\\u202E\" is not a limit\n");
	free(buf);
	diags_free(&d);
}

static int setup_locale(void **state)
{
	(void)state;
	/* Widths follow wcwidth(), so a UTF-8 locale is needed. */
	return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest text_tests[] = {
		cmocka_unit_test(valid_utf8),
		cmocka_unit_test(width_of_names),
		cmocka_unit_test(width_of_combining_and_wide),
		cmocka_unit_test(fit_pads_and_cuts),
		cmocka_unit_test(fit_right_aligns),
		cmocka_unit_test(fit_always_exact_width),
		cmocka_unit_test(ascii_fallback),
		cmocka_unit_test(sanitize_replaces_controls),
		cmocka_unit_test(sanitize_replaces_invalid_utf8),
		cmocka_unit_test(sanitize_newlines_and_tabs),
		cmocka_unit_test(sanitize_is_always_inert),
		cmocka_unit_test(sanitize_replaces_bidi_marks_and_separators),
		cmocka_unit_test(escape_shows_controls),
		cmocka_unit_test(diagnostics_are_one_inert_line),
	};
	return cmocka_run_group_tests(text_tests, setup_locale, NULL) ? 1 : 0;
}
