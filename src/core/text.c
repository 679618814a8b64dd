#include "text.h"
#include "util.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define REPLACEMENT 0xFFFD

static bool ascii_only;

void text_set_ascii(bool ascii)
{
	ascii_only = ascii;
}

bool text_ascii(void)
{
	return ascii_only;
}

/* Decodes one UTF-8 sequence; returns its length, or 0 for an invalid one
 * (overlong forms, surrogates and values past U+10FFFF are invalid). */
static size_t decode(const unsigned char *s, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t len;
	uint32_t c, min;
	if ((s[0] & 0xE0) == 0xC0) {
		len = 2, c = s[0] & 0x1F, min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3, c = s[0] & 0x0F, min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4, c = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

bool text_valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		uint32_t c;
		size_t n = decode(p, &c);
		if (!n)
			return false;
		p += n;
	}
	return true;
}

bool text_is_control(uint32_t c)
{
	return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) ||
	       /* bidi marks, embeddings, overrides and isolates can reorder
	        * what follows them, so text shows other than it is */
	       c == 0x200E || c == 0x200F || c == 0x061C || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2066 && c <= 0x2069) ||
	       /* the line and paragraph separators break a line like \n */
	       c == 0x2028 || c == 0x2029;
}

static int cp_width(uint32_t c)
{
	int w = wcwidth((wchar_t)c);
	return w < 0 ? 1 : w;
}

static size_t encode(uint32_t c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* The next printable code point of s, with bad input already replaced. */
static uint32_t next_safe(const unsigned char **p, bool keep_newlines)
{
	uint32_t c;
	size_t n = decode(*p, &c);
	if (!n) {
		(*p)++;
		return ascii_only ? '?' : REPLACEMENT;
	}
	*p += n;
	if (c == '\n' && keep_newlines)
		return c;
	if (c == '\n' || c == '\t' || c == '\r')
		return ' ';
	if (text_is_control(c))
		return ascii_only ? '?' : REPLACEMENT;
	return c;
}

char *text_sanitize(const char *s, bool keep_newlines)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = xmalloc(strlen(s) * 3 + 1); /* one bad byte grows to 3 */
	size_t o = 0;
	while (*p)
		o += encode(next_safe(&p, keep_newlines), out + o);
	out[o] = '\0';
	return out;
}

/* How text_escape writes one control character. */
static void escape_control(uint32_t c, char *out, size_t size)
{
	switch (c) {
	case '\n': snprintf(out, size, "\\n"); break;
	case '\t': snprintf(out, size, "\\t"); break;
	case '\r': snprintf(out, size, "\\r"); break;
	case 0x1B: snprintf(out, size, "\\e"); break;
	default: snprintf(out, size, c < 0x80 ? "\\x%02X" : "\\u%04X", (unsigned)c);
	}
}

char *text_escape(const char *s)
{
	struct sbuf b = {0};
	sb_add(&b, "", 0);
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		uint32_t c;
		size_t n = decode(p, &c);
		char esc[12];
		if (!n) {
			snprintf(esc, sizeof esc, "\\x%02X", *p);
			n = 1;
		} else if (text_is_control(c)) {
			escape_control(c, esc, sizeof esc);
		} else {
			sb_add(&b, (const char *)p, n);
			p += n;
			continue;
		}
		sb_puts(&b, esc);
		p += n;
	}
	return sb_take(&b);
}

int text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int w = 0;
	while (*p)
		w += cp_width(next_safe(&p, false));
	return w;
}

static char *fit(const char *s, int width, bool right)
{
	if (width <= 0)
		return xstrdup("");
	const char *ell = ascii_only ? "~" : "\xE2\x80\xA6";
	int total = text_width(s);
	char *out = xmalloc(strlen(s) * 3 + (size_t)width + 8);
	size_t o = 0;
	int used = 0;
	const unsigned char *p = (const unsigned char *)s;
	int limit = total > width ? width - 1 : width;
	if (right && total < width) {
		memset(out, ' ', (size_t)(width - total));
		o = (size_t)(width - total);
		used = width - total;
		limit = width;
	}
	while (*p) {
		const unsigned char *save = p;
		uint32_t c = next_safe(&p, false);
		int cw = cp_width(c);
		if (used + cw > limit) {
			p = save;
			break;
		}
		o += encode(c, out + o);
		used += cw;
	}
	if (*p) {
		memcpy(out + o, ell, strlen(ell));
		o += strlen(ell);
		used++;
	}
	while (used < width) {
		out[o++] = ' ';
		used++;
	}
	out[o] = '\0';
	return out;
}

char *text_fit(const char *s, int width)
{
	return fit(s, width, false);
}

char *text_fit_right(const char *s, int width)
{
	return fit(s, width, true);
}

/* Wraps one paragraph (no newlines) into lines. */
static void wrap_paragraph(const char *p, int width, char ***lines, int *n)
{
	while (*p) {
		const unsigned char *q = (const unsigned char *)p;
		const char *last_space = NULL;
		int used = 0;
		while (*q) {
			const unsigned char *save = q;
			uint32_t c = next_safe(&q, false);
			int cw = cp_width(c);
			if (used + cw > width) {
				q = save;
				break;
			}
			if (c == ' ')
				last_space = (const char *)save;
			used += cw;
		}
		const char *end = (const char *)q;
		if (*q && last_space && last_space > p)
			end = last_space;
		if (end == p) { /* a character wider than the width: a line of its own */
			const unsigned char *r = (const unsigned char *)p;
			next_safe(&r, false);
			end = (const char *)r;
		}
		char *raw = xstrndup(p, (size_t)(end - p));
		ptrs_push((void ***)lines, n, text_sanitize(raw, false));
		free(raw);
		p = end;
		while (*p == ' ')
			p++;
	}
}

int text_wrap(const char *s, int width, char ***lines)
{
	int n = 0;
	*lines = NULL;
	if (width < 1)
		width = 1;
	char *copy = text_sanitize(s, true);
	/* Each newline starts a line; an empty line stays an empty line. */
	for (char *para = copy; para;) {
		char *nl = strchr(para, '\n');
		if (nl)
			*nl = '\0';
		if (*para)
			wrap_paragraph(para, width, lines, &n);
		else
			ptrs_push((void ***)lines, &n, xstrdup(""));
		para = nl ? nl + 1 : NULL;
	}
	free(copy);
	return n;
}

void text_lines_free(char **lines, int n)
{
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* The Norwegian and Sami letters, and the common accented Latin ones. */
static const char *ascii_for(uint32_t c)
{
	static const struct { uint32_t c; const char *a; } map[] = {
		{0xE6, "ae"}, {0xC6, "AE"}, {0xF8, "o"}, {0xD8, "O"}, {0xE5, "aa"}, {0xC5, "AA"},
		{0xE1, "a"}, {0xC1, "A"}, {0xE0, "a"}, {0xE4, "a"}, {0xC4, "A"}, {0xE9, "e"},
		{0xC9, "E"}, {0xE8, "e"}, {0xF6, "o"}, {0xD6, "O"}, {0xF3, "o"}, {0xFC, "u"},
		{0xDC, "U"}, {0xED, "i"}, {0xEF, "i"}, {0x161, "s"}, {0x160, "S"}, {0x10D, "c"},
		{0x10C, "C"}, {0x111, "d"}, {0x110, "D"}, {0x14B, "n"}, {0x14A, "N"}, {0x167, "t"},
		{0x166, "T"}, {0x17E, "z"}, {0x17D, "Z"}, {0x2013, "-"}, {0x2014, "-"},
		{0xAB, "\""}, {0xBB, "\""}, {0x2026, "..."}, {0xA0, " "},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i].c == c)
			return map[i].a;
	return NULL;
}

char *text_to_ascii(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = xmalloc(strlen(s) * 3 + 1);
	size_t o = 0;
	while (*p) {
		uint32_t c = next_safe(&p, false);
		const char *a = c < 0x80 ? NULL : ascii_for(c);
		if (c < 0x80)
			out[o++] = (char)c;
		else if (a)
			o += (size_t)(stpcpy(out + o, a) - (out + o));
		else if (wcwidth((wchar_t)c) != 0) /* combining accents simply go */
			out[o++] = '?';
	}
	out[o] = '\0';
	return out;
}
