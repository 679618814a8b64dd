/* Fuzz target: the text functions every untrusted text passes through on
 * its way to the terminal. The first byte picks a width (0-79), the rest is
 * the text. Properties: what comes out is valid UTF-8 with no control,
 * escape or direction character, and never wider than asked. */
#include "fuzz.h"

#include "text.h"
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Characters that change what a terminal does or how it orders text:
 * C0 and C1 controls, DEL, the direction marks, embeddings, overrides and
 * isolates, and the line and paragraph separators. */
static bool forbidden(unsigned c, bool keep_newlines)
{
	if (keep_newlines && (c == '\n' || c == '\t'))
		return false;
	return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x200e || c == 0x200f || c == 0x061c ||
	       (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 ||
	       c == 0x2029;
}

/* Decodes s (which must be valid UTF-8) and aborts on a forbidden character. */
static void check_inert(const char *s, bool keep_newlines)
{
	if (!text_valid_utf8(s))
		abort();
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c;
		int len;
		if (*p < 0x80)
			c = *p, len = 1;
		else if (*p < 0xe0)
			c = *p & 0x1f, len = 2;
		else if (*p < 0xf0)
			c = *p & 0x0f, len = 3;
		else
			c = *p & 0x07, len = 4;
		for (int i = 1; i < len; i++)
			c = (c << 6) | (p[i] & 0x3f);
		if (forbidden(c, keep_newlines))
			abort();
		p += len;
	}
}

static void check_fit(const char *s, int width)
{
	char *f = text_fit(s, width);
	check_inert(f, false);
	if (text_width(f) != width)
		abort(); /* text_fit promises exactly width columns */
	free(f);
	f = text_fit_right(s, width);
	check_inert(f, false);
	if (text_width(f) != width)
		abort();
	free(f);
}

static void check_wrap(const char *s, int width)
{
	char **lines;
	int n = text_wrap(s, width, &lines);
	for (int i = 0; i < n; i++) {
		check_inert(lines[i], false);
		/* A character two columns wide cannot fit a width of one. */
		if (width >= 2 && text_width(lines[i]) > width)
			abort();
	}
	text_lines_free(lines, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	fuzz_dir(); /* sets the UTF-8 locale */
	int width = data[0] % 80;
	char *s = fuzz_string(data + 1, size - 1);
	for (int keep = 0; keep <= 1; keep++) {
		char *clean = text_sanitize(s, keep);
		check_inert(clean, keep);
		free(clean);
	}
	if (text_width(s) < 0)
		abort();
	check_fit(s, width);
	check_wrap(s, width);
	char *a = text_to_ascii(s);
	for (const unsigned char *p = (const unsigned char *)a; *p; p++)
		if (*p >= 0x80 || (*p < 0x20 && *p != '\n') || *p == 0x7f)
			abort(); /* ASCII, printable */
	free(a);
	free(s);
	return 0;
}
