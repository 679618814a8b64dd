/* UTF-8 text: validity, display width, fitting to columns, and making untrusted
 * text inert before it reaches a terminal. Width follows wcwidth() in the
 * current LC_CTYPE, so the caller sets a UTF-8 locale. */
#ifndef INNSPILL_TEXT_H
#define INNSPILL_TEXT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

bool text_valid_utf8(const char *s);
/* Columns s takes on a terminal (after sanitising). */
int text_width(const char *s);
/* Whether a code point must never reach a terminal as it is: C0 and C1
 * controls, DEL, the bidi marks, embeddings, overrides and isolates (U+200E,
 * U+200F, U+061C, U+202A-202E, U+2066-2069), and the line and paragraph
 * separators U+2028, U+2029. The one filter of the whole program. */
bool text_is_control(uint32_t c);
/* A copy that is safe to print: invalid bytes, control and escape characters
 * become U+FFFD; newlines and tabs become spaces unless keep_newlines. */
char *text_sanitize(const char *s, bool keep_newlines);
/* A copy for a one-line message that shows what is there: a file name or a
 * word the user gave. Controls are written as C writes them (\n, \t, \r, \e,
 * \x07; \u200E above ASCII), bytes that are not UTF-8 as \xF8; the rest as
 * it is. The result is one line, and no terminal acts on it. */
char *text_escape(const char *s);
/* A sanitised copy of s that takes exactly width columns: cut with an
 * ellipsis when too long, padded with spaces when short. */
char *text_fit(const char *s, int width);
/* Like text_fit, but right-aligned (for numbers). */
char *text_fit_right(const char *s, int width);
/* Breaks sanitised s into lines of at most width columns, at spaces where it
 * can and inside a word where it must; newlines in s start new lines. Returns
 * the number of lines; *lines is an array of allocated strings. */
int text_wrap(const char *s, int width, char ***lines);
void text_lines_free(char **lines, int n);
/* A plain ASCII copy for terminals and mails that cannot show UTF-8:
 * æ→ae, ø→o, å→aa, accents dropped (á→a, š→s), anything else → '?'. */
char *text_to_ascii(const char *s);
/* Whether the ellipsis and box glyphs may be used (set from the locale). */
void text_set_ascii(bool ascii);
bool text_ascii(void);

#endif
