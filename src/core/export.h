/* Exports of a cycle's answers: a report in Markdown or HTML, and the raw
 * answers as CSV for spreadsheets.
 *
 * What an export holds
 *  - Scope: without a region, every region and the whole country; with one,
 *    the tables show that region's row and the whole country's row for
 *    comparison, while quotes, the region's answer, the CSV rows and the
 *    appendix hold only that region's members.
 *  - Basis: which submissions count (approved only, or all but rejected).
 *    It applies everywhere: tables, codes, quotes and the CSV's answers.
 *  - Members outside the expected set (Oslo without a mandate): their
 *    answers count in the tables like anyone's (a resolution they sent is
 *    still an answer), but the appendix and the CSV list them as "not
 *    expected", never as on time, late or missing.
 *  - A member's new version supersedes the old one: only current
 *    submissions count, so a member counts once.
 *
 * Output depends only on the database and the options (today comes from
 * them, never from the clock), so the same database gives the same bytes.
 *
 * Escaping: all text from the database is untrusted. It is sanitised
 * (text_sanitize: invalid UTF-8, control and escape characters become
 * U+FFFD) in every format, then
 *  - HTML: & < > " ' become entities everywhere; no scripts, no external
 *    links or assets; CSS inline in one <style> block.
 *  - Markdown: characters that would change the structure (| \ ` * _ [ ] <
 *    > & ~, and block markers such as # - + = > "1." at a line's start) get
 *    a backslash; newlines in table cells become spaces.
 *  - CSV (RFC 4180): fields holding , " CR or LF are quoted, with " doubled;
 *    lines end in CRLF. A field that begins with = + - or @ gets a leading
 *    apostrophe (') so a spreadsheet shows it as text and never runs it as
 *    a formula ("formula injection"); the apostrophe is then part of the
 *    value for other readers. */
#ifndef INNSPILL_EXPORT_H
#define INNSPILL_EXPORT_H
#include "aggregate.h"
#include "date.h"
#include "diag.h"
#include "settings.h"
#include "store.h"
#include <stdbool.h>
#include <stdio.h>

enum export_format { EXPORT_MD, EXPORT_CSV, EXPORT_HTML };

struct export_opts {
	enum export_format format;
	const char *cycle_id; /* NULL: the last cycle of the settings */
	const char *region;   /* a region code; NULL: the whole country */
	bool bom;             /* CSV: begin with a UTF-8 byte order mark (for Excel) */
	enum agg_basis basis;
	date_t today;         /* the date printed on the report */
};

/* "md", "csv" or "html". */
bool export_format_parse(const char *name, enum export_format *out);
/* The usual file name ending: "md", "csv", "html". */
const char *export_format_ext(enum export_format f);

/* Writes the export to out. Returns 0, or -1 with the reason in errs (an
 * unknown cycle or region, a database or write error). */
int export_write(struct store *st, const struct settings *s, const struct export_opts *o,
		 FILE *out, struct diags *errs);

/* Writes the export to path as outfile_write() writes every file: whole or
 * not at all, never through a symlink. An existing path is replaced only
 * when overwrite is set. Returns 0; 1 when path exists and overwrite is not
 * set (nothing is written); -1 on error (reason in errs, path untouched). */
int export_to_file(struct store *st, const struct settings *s, const struct export_opts *o,
		   const char *path, bool overwrite, struct diags *errs);

/* One CSV field as written (without the separator): sanitised, quoted when
 * needed, a formula neutralised. Caller frees. */
char *export_csv_field(const char *value);
/* Sanitised text with & < > " ' as entities. Caller frees. */
char *export_html_escape(const char *text);
/* Sanitised text for inline Markdown; at_line_start also escapes block
 * markers. Caller frees. */
char *export_md_escape(const char *text, bool at_line_start);
/* A short quote: the first max characters at a word boundary, with "…"
 * when cut; newlines become spaces. Caller frees. */
char *export_quote(const char *text, int max);

#endif
