/* Exports (see export.h). The report is first built as a small document of
 * blocks that hold raw text from the database; the Markdown and HTML
 * renderers escape every string as they write it, so no text reaches the
 * output without passing an escaper, and both formats say the same things.
 * The CSV is written row by row. */
#include "export.h"
#include "../i18n.h"
#include "outfile.h"
#include "submissions.h"
#include "text.h"
#include "timeline.h"
#include "util.h"
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum { BAR_CELLS = 20, QUOTE_CHARS = 160, MAX_QUOTES = 3 };

static const char ellipsis[] = "\xE2\x80\xA6"; /* U+2026: files are UTF-8 */

/* ---- escaping ---- */

char *export_html_escape(const char *text)
{
	char *clean = text_sanitize(text ? text : "", true);
	struct sbuf b = {0};
	for (const char *p = clean; *p; p++) {
		switch (*p) {
		case '&': sb_puts(&b, "&amp;"); break;
		case '<': sb_puts(&b, "&lt;"); break;
		case '>': sb_puts(&b, "&gt;"); break;
		case '"': sb_puts(&b, "&quot;"); break;
		case '\'': sb_puts(&b, "&#39;"); break;
		default: sb_putc(&b, *p);
		}
	}
	free(clean);
	return sb_take(&b);
}

/* Characters that start emphasis, code, links, raw HTML, entities, table
 * cells or strike-through anywhere in a line. */
static bool md_special(char c)
{
	return c && strchr("\\`*_[]<>|&~", c);
}

char *export_md_escape(const char *text, bool at_line_start)
{
	char *clean = text_sanitize(text ? text : "", false);
	const char *p = clean;
	struct sbuf b = {0};
	if (at_line_start) {
		/* Leading blanks would make an indented code block. */
		while (*p == ' ')
			p++;
		const char *d = p;
		while (*d >= '0' && *d <= '9')
			d++;
		if (d > p && (*d == '.' || *d == ')')) { /* "1." starts a numbered list */
			sb_add(&b, p, (size_t)(d - p));
			sb_putc(&b, '\\');
			p = d;
		} else if (*p && strchr("#+-=", *p)) { /* headings, lists, rules */
			sb_putc(&b, '\\');
		}
	}
	for (; *p; p++) {
		if (md_special(*p))
			sb_putc(&b, '\\');
		sb_putc(&b, *p);
	}
	free(clean);
	return sb_take(&b);
}

char *export_csv_field(const char *value)
{
	char *clean = text_sanitize(value ? value : "", true);
	/* A spreadsheet would run "=HYPERLINK(...)" and the like. */
	bool formula = clean[0] && strchr("=+-@", clean[0]);
	bool quote = strpbrk(clean, ",\"\r\n") != NULL;
	struct sbuf b = {0};
	if (quote)
		sb_putc(&b, '"');
	if (formula)
		sb_putc(&b, '\'');
	for (const char *p = clean; *p; p++) {
		if (*p == '"')
			sb_putc(&b, '"');
		sb_putc(&b, *p);
	}
	if (quote)
		sb_putc(&b, '"');
	sb_add(&b, "", 0);
	free(clean);
	return b.s;
}

static bool utf8_start(char c)
{
	return ((unsigned char)c & 0xC0) != 0x80;
}

char *export_quote(const char *text, int max)
{
	char *clean = text_sanitize(text ? text : "", false);
	/* Runs of blanks (from newlines and tabs) become one space. */
	struct sbuf b = {0};
	for (const char *p = clean; *p; p++)
		if (*p != ' ' || (b.n > 0 && b.s[b.n - 1] != ' '))
			sb_putc(&b, *p);
	free(clean);
	char *s = sb_take(&b);
	size_t len = strlen(s);
	while (len && s[len - 1] == ' ')
		s[--len] = '\0';
	/* Where the max-th character ends, and the last word and sentence ends
	 * before it. */
	size_t cut = 0, space = 0, sentence = 0;
	int chars = 0;
	for (size_t i = 0; i < len; i++) {
		if (!utf8_start(s[i]))
			continue;
		if (s[i] == ' ') { /* a space right after the last character counts */
			space = i;
			if (i > 0 && strchr(".!?", s[i - 1]))
				sentence = i;
		}
		if (chars == max) {
			cut = i;
			break;
		}
		chars++;
	}
	if (cut == 0)
		return s;
	/* A whole sentence reads best, then a whole word; a cut inside a word
	 * only when there is no boundary in the second half. */
	const char *sep = "";
	if (sentence > cut / 2)
		cut = sentence, sep = " ";
	else if (space > cut / 2)
		cut = space;
	while (!*sep && cut > 0 && strchr(" ,;:-", s[cut - 1]))
		cut--;
	s[cut] = '\0';
	char *out = xasprintf("%s%s%s", s, sep, ellipsis);
	free(s);
	return out;
}

/* ---- the document ---- */

enum block_kind { BLK_HEADING, BLK_PARA, BLK_NOTE, BLK_META, BLK_TABLE, BLK_BARS, BLK_QUOTES,
		  BLK_ANSWER };

struct block {
	enum block_kind kind;
	int level;    /* heading: 1-4 */
	char *text;   /* heading, paragraph, note, the bars' caption, an answer */
	char **cells; /* rows × cols, row-major; a table's row 0 is its header */
	int rows, cols;
	char *align;  /* table: 'l' or 'r' per column */
	bool *strong; /* table: per row (the whole country's) */
	int *counts;  /* bars: per row; cells hold the labels */
	int total;    /* bars */
};

struct doc {
	char *title;
	struct block **v;
	int n;
};

static struct block *doc_add(struct doc *d, enum block_kind kind, int cols)
{
	struct block *b = xcalloc(1, sizeof *b);
	b->kind = kind;
	b->cols = cols;
	ptrs_push((void ***)&d->v, &d->n, b);
	return b;
}

__attribute__((format(printf, 4, 0)))
static void doc_text(struct doc *d, enum block_kind kind, int level, const char *fmt, va_list ap)
{
	struct block *b = doc_add(d, kind, 0);
	b->level = level;
	b->text = xvasprintf(fmt, ap);
}

__attribute__((format(printf, 3, 4)))
static void doc_heading(struct doc *d, int level, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	doc_text(d, BLK_HEADING, level, fmt, ap);
	va_end(ap);
}

__attribute__((format(printf, 3, 4)))
static void doc_para(struct doc *d, bool note, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	doc_text(d, note ? BLK_NOTE : BLK_PARA, 0, fmt, ap);
	va_end(ap);
}

static void doc_answer(struct doc *d, const char *text)
{
	doc_add(d, BLK_ANSWER, 0)->text = xstrdup(text);
}

/* Appends one row of b->cols cells, taking the strings. */
static void block_row_take(struct block *b, bool strong, char **cells)
{
	b->cells = xrealloc(b->cells, (size_t)(b->rows + 1) * (size_t)b->cols * sizeof *b->cells);
	memcpy(b->cells + (size_t)b->rows * (size_t)b->cols, cells, (size_t)b->cols * sizeof *cells);
	b->strong = xrealloc(b->strong, (size_t)(b->rows + 1) * sizeof *b->strong);
	b->strong[b->rows++] = strong;
}

/* Appends one row from b->cols string arguments (copied; NULL is empty).
 * strong is an int: va_start after a parameter that is promoted (bool) is
 * undefined behaviour. */
static void block_row(struct block *b, int strong, ...)
{
	char **cells = xcalloc((size_t)b->cols, sizeof *cells);
	va_list ap;
	va_start(ap, strong);
	for (int i = 0; i < b->cols; i++) {
		const char *v = va_arg(ap, const char *);
		cells[i] = xstrdup(v ? v : "");
	}
	va_end(ap);
	block_row_take(b, strong != 0, cells);
	free(cells);
}

static struct block *doc_table(struct doc *d, const char *align)
{
	struct block *b = doc_add(d, BLK_TABLE, (int)strlen(align));
	b->align = xstrdup(align);
	return b;
}

static struct block *doc_bars(struct doc *d, char *caption, int total)
{
	struct block *b = doc_add(d, BLK_BARS, 1);
	b->text = caption;
	b->total = total;
	return b;
}

static void bars_add(struct block *b, const char *label, int count)
{
	b->counts = xrealloc(b->counts, (size_t)(b->rows + 1) * sizeof *b->counts);
	b->counts[b->rows] = count;
	block_row(b, false, label);
}

static void doc_free(struct doc *d)
{
	for (int i = 0; i < d->n; i++) {
		struct block *b = d->v[i];
		for (int j = 0; j < b->rows * b->cols; j++)
			free(b->cells[j]);
		free(b->cells), free(b->text), free(b->align), free(b->strong), free(b->counts);
		free(b);
	}
	free(d->v);
	free(d->title);
}

/* Whole percent, rounded half up; 0 of 0 is 0. */
static int percent(int count, int total)
{
	return total > 0 ? (int)(((long long)count * 200 + total) / (2LL * total)) : 0;
}

static char *percent_text(int count, int total)
{
	return xasprintf(_("%d %%"), percent(count, total));
}

/* ---- Markdown ---- */

static void md_put(FILE *out, const char *text, bool at_line_start)
{
	char *e = export_md_escape(text, at_line_start);
	fputs(e, out);
	free(e);
}

static void pad(FILE *out, int n)
{
	for (int i = 0; i < n; i++)
		fputc(' ', out);
}

/* Columns padded to the same width, so the file reads well as plain text. */
static void md_table(FILE *out, const struct block *b)
{
	int n = b->rows * b->cols;
	char **esc = xcalloc((size_t)(n ? n : 1), sizeof *esc);
	int *width = xcalloc((size_t)b->cols, sizeof *width);
	for (int i = 0; i < n; i++) {
		int r = i / b->cols, c = i % b->cols;
		esc[i] = export_md_escape(b->cells[i], false);
		if (b->strong[r] && c == 0 && esc[i][0]) {
			char *bold = xasprintf("**%s**", esc[i]);
			free(esc[i]);
			esc[i] = bold;
		}
		int w = text_width(esc[i]);
		width[c] = w > width[c] ? w : width[c];
	}
	for (int r = 0; r < b->rows; r++) {
		fputs("|", out);
		for (int c = 0; c < b->cols; c++) {
			const char *e = esc[r * b->cols + c];
			int w = width[c] < 3 ? 3 : width[c], fill = w - text_width(e);
			fputc(' ', out);
			if (b->align[c] == 'r')
				pad(out, fill);
			fputs(e, out);
			if (b->align[c] != 'r')
				pad(out, fill);
			fputs(" |", out);
		}
		fputc('\n', out);
		for (int c = 0; r == 0 && c < b->cols; c++) {
			int w = width[c] < 3 ? 3 : width[c];
			fputs(c == 0 ? "|" : "", out);
			fputs(b->align[c] == 'r' ? "" : ":", out);
			for (int k = 0; k < w + 1; k++)
				fputc('-', out);
			fputs(b->align[c] == 'r' ? ":|" : "|", out);
			if (c == b->cols - 1)
				fputc('\n', out);
		}
	}
	fputc('\n', out);
	for (int i = 0; i < n; i++)
		free(esc[i]);
	free(esc);
	free(width);
}

/* A bar of BAR_CELLS cells in eighths of a cell. */
static char *md_bar(int count, int total)
{
	static const char *const part[8] = {"", "\xE2\x96\x8F", "\xE2\x96\x8E", "\xE2\x96\x8D",
					    "\xE2\x96\x8C", "\xE2\x96\x8B", "\xE2\x96\x8A",
					    "\xE2\x96\x89"}; /* ▏▎▍▌▋▊▉ */
	int eighths = total > 0 ? (int)(((long long)count * BAR_CELLS * 16 + total) / (2LL * total))
				: 0;
	struct sbuf b = {0};
	for (int i = 0; i < eighths / 8; i++)
		sb_puts(&b, "\xE2\x96\x88"); /* █ */
	sb_puts(&b, part[eighths % 8]);
	/* Padded, so every bar column is as wide in the plain text. */
	for (int i = (eighths + 7) / 8; i < BAR_CELLS; i++)
		sb_putc(&b, ' ');
	return sb_take(&b);
}

static void md_bars(FILE *out, const struct block *b)
{
	fputs("**", out);
	md_put(out, b->text, false);
	fputs("**\n\n", out);
	struct block t = {.kind = BLK_TABLE, .cols = 4, .align = "llrr"};
	char **cells = xcalloc(4, sizeof *cells);
	cells[0] = xstrdup(_("Answer")), cells[1] = xstrdup(_("Share"));
	cells[2] = xstrdup(_("Count")), cells[3] = xstrdup("%");
	block_row_take(&t, false, cells);
	for (int r = 0; r < b->rows; r++) {
		cells[0] = xstrdup(b->cells[r]);
		cells[1] = md_bar(b->counts[r], b->total);
		cells[2] = xasprintf("%d", b->counts[r]);
		cells[3] = percent_text(b->counts[r], b->total);
		block_row_take(&t, false, cells);
	}
	free(cells);
	md_table(out, &t);
	for (int i = 0; i < t.rows * t.cols; i++)
		free(t.cells[i]);
	free(t.cells), free(t.strong);
}

/* A region's answer as a block quote, its lines kept. */
static void md_answer(FILE *out, const char *text)
{
	char *clean = text_sanitize(text, true);
	for (char *line = clean; line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		fputs(*line ? "> " : ">", out);
		md_put(out, line, true);
		fputc('\n', out);
		line = nl ? nl + 1 : NULL;
	}
	fputc('\n', out);
	free(clean);
}

static void md_block(FILE *out, const struct block *b)
{
	switch (b->kind) {
	case BLK_HEADING:
		for (int i = 0; i < b->level; i++)
			fputc('#', out);
		fputc(' ', out);
		md_put(out, b->text, false);
		fputs("\n\n", out);
		break;
	case BLK_PARA:
		md_put(out, b->text, true);
		fputs("\n\n", out);
		break;
	case BLK_NOTE:
		fputc('*', out);
		md_put(out, b->text, false);
		fputs("*\n\n", out);
		break;
	case BLK_META:
		for (int r = 0; r < b->rows; r++) {
			fputs("- **", out);
			md_put(out, b->cells[r * 2], false);
			fputs(":** ", out);
			md_put(out, b->cells[r * 2 + 1], false);
			fputc('\n', out);
		}
		fputc('\n', out);
		break;
	case BLK_TABLE: md_table(out, b); break;
	case BLK_BARS: md_bars(out, b); break;
	case BLK_QUOTES:
		for (int r = 0; r < b->rows; r++) {
			fputs("- ", out);
			md_put(out, b->cells[r * 2], false);
			fputs(" \xE2\x80\x94 ", out); /* — */
			md_put(out, b->cells[r * 2 + 1], false);
			fputc('\n', out);
		}
		fputc('\n', out);
		break;
	case BLK_ANSWER: md_answer(out, b->text); break;
	}
}

static void md_render(FILE *out, const struct doc *d)
{
	for (int i = 0; i < d->n; i++)
		md_block(out, d->v[i]);
}

/* ---- HTML ---- */

/* Print-friendly; the bars are borders, which print even where a browser
 * leaves out backgrounds, and every bar has its number beside it. */
static const char html_style[] =
	"body{font-family:\"Segoe UI\",Roboto,Helvetica,Arial,sans-serif;color:#111;"
	"line-height:1.45;max-width:60rem;margin:2rem auto;padding:0 1rem}\n"
	"h1{font-size:1.6rem}\n"
	"h2{font-size:1.3rem;margin-top:2.2rem;border-bottom:1px solid #888;"
	"page-break-after:avoid;break-after:avoid}\n"
	"h3,h4{page-break-after:avoid;break-after:avoid}\n"
	"table{border-collapse:collapse;margin:.5rem 0 1.2rem}\n"
	"caption{text-align:left;font-weight:bold;padding:.2rem 0}\n"
	"th,td{border:1px solid #888;padding:.2rem .5rem;text-align:left;vertical-align:top}\n"
	"thead th{background:#eee}\n"
	".n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
	"tr.total th,tr.total td{font-weight:bold;border-top:2px solid #111}\n"
	".box{width:12rem;height:.9rem;border:1px solid #111}\n"
	".fill{height:0;border-top:.9rem solid #555}\n"
	"dl.meta{display:grid;grid-template-columns:max-content auto;gap:.1rem 1rem}\n"
	"dl.meta dt{font-weight:bold}\n"
	"dl.meta dd{margin:0}\n"
	".note{font-style:italic}\n"
	"blockquote{margin:.4rem 0 .8rem 1rem;padding-left:.8rem;border-left:3px solid #888}\n"
	"blockquote p{margin:.2rem 0}\n"
	".who{color:#444}\n"
	"@page{margin:2cm}\n"
	"@media print{body{margin:0;max-width:none;font-size:10.5pt}"
	"table,blockquote,.box{page-break-inside:avoid;break-inside:avoid}"
	"thead th{background:none}"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

static void html_put(FILE *out, const char *text)
{
	char *e = export_html_escape(text);
	fputs(e, out);
	free(e);
}

static void html_cell(FILE *out, const struct block *b, int r, int c)
{
	bool head = r == 0 || c == 0;
	fputs(head ? "<th scope=\"" : "<td", out);
	if (head)
		fputs(r == 0 ? "col\"" : "row\"", out);
	if (b->align[c] == 'r')
		fputs(" class=\"n\"", out);
	fputc('>', out);
	html_put(out, b->cells[r * b->cols + c]);
	fputs(head ? "</th>" : "</td>", out);
}

static void html_table(FILE *out, const struct block *b)
{
	fputs("<table>\n<thead>\n", out);
	for (int r = 0; r < b->rows; r++) {
		fputs(b->strong[r] ? "<tr class=\"total\">" : "<tr>", out);
		for (int c = 0; c < b->cols; c++)
			html_cell(out, b, r, c);
		fputs("</tr>\n", out);
		if (r == 0)
			fputs("</thead>\n<tbody>\n", out);
	}
	fputs("</tbody>\n</table>\n", out);
}

static void html_bars(FILE *out, const struct block *b)
{
	fputs("<table class=\"bars\">\n<caption>", out);
	html_put(out, b->text);
	fprintf(out, "</caption>\n<thead>\n<tr><th scope=\"col\">");
	html_put(out, _("Answer"));
	fputs("</th><th scope=\"col\">", out);
	html_put(out, _("Share"));
	fputs("</th><th scope=\"col\" class=\"n\">", out);
	html_put(out, _("Count"));
	fputs("</th><th scope=\"col\" class=\"n\">%</th></tr>\n</thead>\n<tbody>\n", out);
	for (int r = 0; r < b->rows; r++) {
		int p = percent(b->counts[r], b->total);
		fputs("<tr><th scope=\"row\">", out);
		html_put(out, b->cells[r]);
		fprintf(out, "</th><td><div class=\"box\"><div class=\"fill\" style=\"width:%d%%\">"
			     "</div></div></td><td class=\"n\">%d</td><td class=\"n\">",
			p, b->counts[r]);
		char *pt = percent_text(b->counts[r], b->total);
		html_put(out, pt);
		free(pt);
		fputs("</td></tr>\n", out);
	}
	fputs("</tbody>\n</table>\n", out);
}

static void html_answer(FILE *out, const char *text)
{
	char *clean = text_sanitize(text, true);
	fputs("<blockquote class=\"answer\">\n", out);
	for (char *line = clean; line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		if (*line) {
			fputs("<p>", out);
			html_put(out, line);
			fputs("</p>\n", out);
		}
		line = nl ? nl + 1 : NULL;
	}
	fputs("</blockquote>\n", out);
	free(clean);
}

static void html_block(FILE *out, const struct block *b)
{
	switch (b->kind) {
	case BLK_HEADING:
		fprintf(out, "<h%d>", b->level);
		html_put(out, b->text);
		fprintf(out, "</h%d>\n", b->level);
		break;
	case BLK_PARA:
	case BLK_NOTE:
		fputs(b->kind == BLK_NOTE ? "<p class=\"note\">" : "<p>", out);
		html_put(out, b->text);
		fputs("</p>\n", out);
		break;
	case BLK_META:
		fputs("<dl class=\"meta\">\n", out);
		for (int r = 0; r < b->rows; r++) {
			fputs("<dt>", out);
			html_put(out, b->cells[r * 2]);
			fputs("</dt><dd>", out);
			html_put(out, b->cells[r * 2 + 1]);
			fputs("</dd>\n", out);
		}
		fputs("</dl>\n", out);
		break;
	case BLK_TABLE: html_table(out, b); break;
	case BLK_BARS: html_bars(out, b); break;
	case BLK_QUOTES:
		for (int r = 0; r < b->rows; r++) {
			fputs("<blockquote class=\"quote\"><p>", out);
			html_put(out, b->cells[r * 2]);
			fputs("</p><p class=\"who\">\xE2\x80\x94 ", out);
			html_put(out, b->cells[r * 2 + 1]);
			fputs("</p></blockquote>\n", out);
		}
		break;
	case BLK_ANSWER: html_answer(out, b->text); break;
	}
}

static void html_render(FILE *out, const struct doc *d)
{
	fputs("<!DOCTYPE html>\n<html lang=\"nb\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
	      out);
	html_put(out, d->title);
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", html_style);
	for (int i = 0; i < d->n; i++)
		html_block(out, d->v[i]);
	fputs("</body>\n</html>\n", out);
}

/* ---- what goes into the report ---- */

struct who {
	const struct member *m;
	const struct region *r;
	enum member_state state;
	date_t received;                  /* the first submission's */
	const struct submission_row *sub; /* the current one, or NULL */
};

struct ctx {
	struct store *st;
	const struct settings *s;
	const struct export_opts *o;
	const struct cycle *c;
	const struct region *region; /* NULL: the whole country */
	struct diags *errs;
	/* The members in scope, in region order then number. */
	struct who *who;
	int n_who;
	struct submission_row *subs;
	int n_subs;
};

static bool counts(const struct ctx *x, const struct submission_row *sub)
{
	return sub && (x->o->basis == AGG_ALL ? sub->status != STATUS_REJECTED
					      : sub->status == STATUS_APPROVED);
}

static int db_error(struct ctx *x)
{
	diags_add(x->errs, NULL, 0, _("cannot read the answers: %s"), store_errmsg(x->st));
	return -1;
}

static const struct submission_row *find_sub(const struct ctx *x, long long id)
{
	for (int i = 0; id && i < x->n_subs; i++)
		if (x->subs[i].id == id)
			return &x->subs[i];
	return NULL;
}

static int load_region_members(struct ctx *x, const struct region *r)
{
	struct member_status *ms;
	int n;
	if (timeline_members(x->st, x->s, x->c, r, &ms, &n) != 0) {
		free(ms);
		return db_error(x);
	}
	x->who = xrealloc(x->who, (size_t)(x->n_who + n + 1) * sizeof *x->who);
	for (int i = 0; i < n; i++)
		x->who[x->n_who++] = (struct who){ms[i].member, r, ms[i].state, ms[i].received,
						  find_sub(x, ms[i].submission)};
	free(ms);
	return 0;
}

static int load_members(struct ctx *x)
{
	if (submissions_list(x->st, x->c->id, &x->subs, &x->n_subs) != 0)
		return db_error(x);
	for (int i = 0; i < x->s->n_regions; i++) {
		const struct region *r = &x->s->regions[i];
		if ((!x->region || r == x->region) && load_region_members(x, r) != 0)
			return -1;
	}
	return 0;
}

static void ctx_free(struct ctx *x)
{
	free(x->who);
	submission_rows_free(x->subs, x->n_subs);
}

static void add_header(struct ctx *x, struct doc *d)
{
	int n[4] = {0}, counted = 0;
	for (int i = 0; i < x->n_who; i++) {
		n[x->who[i].state]++;
		counted += counts(x, x->who[i].sub);
	}
	int expected = n[STATE_ON_TIME] + n[STATE_LATE] + n[STATE_MISSING];
	int answered = n[STATE_ON_TIME] + n[STATE_LATE];
	d->title = xasprintf(_("%s: the members' answers"), x->c->title);
	doc_heading(d, 1, "%s", d->title);
	struct block *b = doc_add(d, BLK_META, 2);
	char day[DATE_BUFSZ] = "\xE2\x80\x93", *v;
	if (x->o->today != DATE_NONE)
		date_iso(x->o->today, day);
	block_row(b, false, _("Cycle"), (v = xasprintf("%s (%s)", x->c->title, x->c->id)));
	free(v);
	block_row(b, false, _("Scope"),
		  (v = x->region ? xasprintf(_("%s, with the whole country for comparison"),
					     x->region->name)
				 : xstrdup(_("the whole country"))));
	free(v);
	block_row(b, false, _("Counted"),
		  (v = xasprintf(x->o->basis == AGG_ALL
					 ? _("all received submissions except rejected ones (%d)")
					 : _("approved submissions only (%d)"),
				 counted)));
	free(v);
	block_row(b, false, _("Date"), day);
	block_row(b, false, _("Answered"),
		  (v = xasprintf(_("%d of %d expected members (%d %%): %d on time, %d late; %d missing"),
				 answered, expected, percent(answered, expected), n[STATE_ON_TIME],
				 n[STATE_LATE], n[STATE_MISSING])));
	free(v);
}

static char *count_cell(int count, int total)
{
	return xasprintf(_("%d (%d %%)"), count, percent(count, total));
}

static void add_choice_table(struct ctx *x, struct doc *d, const struct question *q,
			     const struct agg_table *t)
{
	char *align = xmalloc((size_t)q->n_options + 3);
	memset(align, 'r', (size_t)q->n_options + 2);
	align[0] = 'l', align[q->n_options + 2] = '\0';
	struct block *b = doc_table(d, align);
	free(align);
	char **cells = xcalloc((size_t)b->cols, sizeof *cells);
	cells[0] = xstrdup(_("Region"));
	for (int o = 0; o < q->n_options; o++)
		cells[o + 1] = xstrdup(q->options[o]);
	cells[q->n_options + 1] = xstrdup(_("Answers"));
	block_row_take(b, false, cells);
	for (int i = 0; i < t->n_rows; i++) {
		const struct agg_row *r = &t->rows[i];
		if (x->region && r->region && r->region != x->region)
			continue;
		cells[0] = xstrdup(r->region ? r->region->name : _("The whole country"));
		for (int o = 0; o < q->n_options; o++)
			cells[o + 1] = count_cell(r->counts[o], r->total);
		cells[q->n_options + 1] = xasprintf("%d", r->total);
		block_row_take(b, !r->region, cells);
	}
	free(cells);
}

static void add_bars(struct doc *d, const struct question *q, const struct agg_row *r)
{
	const char *name = r->region ? r->region->name : _("The whole country");
	if (r->total == 0) { /* empty bars say nothing */
		doc_para(d, true, _("%s: no answers counted yet."), name);
		return;
	}
	struct block *b = doc_bars(d, xasprintf(ngettext("%s: %d answer", "%s: %d answers",
							 (unsigned long)r->total),
						name, r->total),
				   r->total);
	for (int o = 0; o < q->n_options; o++)
		bars_add(b, q->options[o], r->counts[o]);
}

static int add_choice(struct ctx *x, struct doc *d, const struct question *q)
{
	struct agg_table t;
	if (aggregate_choice(x->st, x->s, x->c, q, x->o->basis, &t) != 0) {
		agg_table_free(&t);
		return db_error(x);
	}
	add_choice_table(x, d, q, &t);
	const struct agg_row *nation = &t.rows[t.n_rows - 1];
	if (x->region)
		add_bars(d, q, &t.rows[x->region - x->s->regions]);
	add_bars(d, q, nation);
	agg_table_free(&t);
	return 0;
}

static bool has_text(const struct text_answer *a)
{
	return a->text && a->text[strspn(a->text, " \t\r\n")];
}

static int with_text(const struct text_answer *a, int n)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		k += has_text(&a[i]);
	return k;
}

enum { SAME_START = 40 };

/* Whether two answers begin alike: a second quote that repeats the first
 * says nothing new (councils often adopt the same wording). */
static bool same_start(const char *a, const char *b)
{
	return strncmp(a + strspn(a, " \t\r\n"), b + strspn(b, " \t\r\n"), SAME_START) == 0;
}

static void add_quote(const struct ctx *x, struct block *b, const struct text_answer *t)
{
	char *cut = export_quote(t->text, QUOTE_CHARS);
	char *quoted = xasprintf(_("“%s”"), cut);
	/* Across the country, where the member is helps ("Herøy"). */
	bool where = !x->region && t->region && strcmp(t->region->name, t->member_name) != 0;
	char *who = where ? xasprintf("%s (%s)", t->member_name, t->region->name)
			  : xstrdup(t->member_name);
	block_row(b, false, quoted, who);
	free(quoted), free(cut), free(who);
}

/* Up to MAX_QUOTES quotes, spread over the list (which is in region order)
 * rather than the first few, so one region does not speak for all; an
 * answer that begins like one already quoted gives way to the next. */
static void add_quotes(const struct ctx *x, struct doc *d, const struct text_answer *a, int n)
{
	int *idx = xcalloc((size_t)n + 1, sizeof *idx), m = 0;
	for (int i = 0; i < n; i++)
		if (has_text(&a[i]))
			idx[m++] = i;
	int k = m < MAX_QUOTES ? m : MAX_QUOTES;
	const struct text_answer *chosen[MAX_QUOTES];
	int got = 0;
	for (int i = 0; i < k; i++) {
		for (int j = i * m / k, tries = 0; tries < m; j = (j + 1) % m, tries++) {
			const struct text_answer *t = &a[idx[j]];
			bool repeat = false;
			for (int c = 0; c < got; c++)
				repeat |= chosen[c] == t || same_start(chosen[c]->text, t->text);
			if (!repeat) {
				chosen[got++] = t;
				break;
			}
		}
	}
	struct block *b = got ? doc_add(d, BLK_QUOTES, 2) : NULL;
	for (int i = 0; i < got; i++)
		add_quote(x, b, chosen[i]);
	free(idx);
}

/* Answers to q in a scope (NULL: the whole country) with a code (0: any). */
static int load_answers(struct ctx *x, const struct question *q, const struct region *r,
			long long code, struct text_answer **a, int *n)
{
	if (aggregate_answers(x->st, x->s, x->c, q, x->o->basis, r, code, a, n) != 0) {
		text_answers_free(*a, *n);
		return db_error(x);
	}
	return 0;
}

static int add_code_quotes(struct ctx *x, struct doc *d, const struct question *q,
			   const struct agg_code *k, int count)
{
	doc_heading(d, 4, ngettext("%s (%d answer)", "%s (%d answers)", (unsigned long)count),
		    k->label, count);
	struct text_answer *a;
	int n;
	if (load_answers(x, q, x->region, k->id, &a, &n) != 0)
		return -1;
	add_quotes(x, d, a, n);
	text_answers_free(a, n);
	return 0;
}

static int add_codes(struct ctx *x, struct doc *d, const struct question *q,
		     const struct agg_code *codes, int nc, int answered)
{
	int national = answered;
	if (x->region) { /* the share in the whole country, for comparison */
		struct text_answer *all;
		int n;
		if (load_answers(x, q, NULL, 0, &all, &n) != 0)
			return -1;
		national = with_text(all, n);
		text_answers_free(all, n);
	}
	doc_heading(d, 3, "%s", _("Codes"));
	/* Without a region the table has three columns; the last two values
	 * given to block_row are then not read. */
	struct block *b = doc_table(d, x->region ? "lrrrr" : "lrr");
	if (x->region)
		block_row(b, false, _("Code"), x->region->name, "%", _("The whole country"), "%");
	else
		block_row(b, false, _("Code"), _("Answers"), "%");
	int ri = x->region ? (int)(x->region - x->s->regions) : -1;
	for (int i = 0; i < nc; i++) {
		int here = ri >= 0 ? codes[i].per_region[ri] : codes[i].national;
		char *c1 = xasprintf("%d", here), *p1 = percent_text(here, answered);
		char *c2 = xasprintf("%d", codes[i].national), *p2 = percent_text(codes[i].national,
										  national);
		block_row(b, false, codes[i].label, c1, p1, c2, p2);
		free(c1), free(p1), free(c2), free(p2);
	}
	for (int i = 0; i < nc; i++) {
		int here = ri >= 0 ? codes[i].per_region[ri] : codes[i].national;
		if (add_code_quotes(x, d, q, &codes[i], here) != 0)
			return -1;
	}
	return 0;
}

/* The codes with their quotes; a text question without codes yet gets a
 * few quotes from all its answers instead. */
static int add_texts(struct ctx *x, struct doc *d, const struct question *q)
{
	struct agg_code *codes;
	int nc;
	struct text_answer *a = NULL;
	int n = 0;
	if (aggregate_codes(x->st, x->s, x->c, q, x->o->basis, &codes, &nc) != 0) {
		agg_codes_free(codes, nc);
		return db_error(x);
	}
	int rc = load_answers(x, q, x->region, 0, &a, &n);
	int answered = rc ? 0 : with_text(a, n);
	if (!rc && q->kind == QUESTION_TEXT)
		doc_para(d, false, ngettext("%d answer with text counted.",
					    "%d answers with text counted.", (unsigned long)answered),
			 answered);
	if (!rc && nc > 0) {
		rc = add_codes(x, d, q, codes, nc, answered);
	} else if (!rc && q->kind == QUESTION_TEXT && answered > 0) {
		doc_para(d, true, "%s", _("No codes yet. Some of the answers:"));
		add_quotes(x, d, a, n);
	}
	text_answers_free(a, n);
	agg_codes_free(codes, nc);
	return rc;
}

/* The region's own answer (the county board's decision), when written; for
 * the whole country, every region's that is. */
static int add_region_answers(struct ctx *x, struct doc *d, const struct question *q)
{
	bool first = true;
	for (int i = 0; i < x->s->n_regions; i++) {
		const struct region *r = &x->s->regions[i];
		if (x->region && r != x->region)
			continue;
		struct region_answer ra;
		if (region_answer_get(x->st, x->c, r->code, q->id, &ra) != 0)
			return db_error(x);
		if (ra.version > 0 && ra.text) {
			if (first)
				doc_heading(d, 3, "%s", x->region ? _("The region's answer")
								  : _("The regions' answers"));
			if (!x->region)
				doc_heading(d, 4, "%s", r->name);
			doc_answer(d, ra.text);
			first = false;
		}
		region_answer_free(&ra);
	}
	return 0;
}

static int add_question(struct ctx *x, struct doc *d, int qi)
{
	const struct question *q = &x->c->questions[qi];
	doc_heading(d, 2, "%d. %s", qi + 1, q->title);
	doc_para(d, true, "%s", q->text);
	if (q->kind == QUESTION_CHOICE && add_choice(x, d, q) != 0)
		return -1;
	if (add_texts(x, d, q) != 0)
		return -1;
	return add_region_answers(x, d, q);
}

static char *day_text(date_t day)
{
	char buf[DATE_BUFSZ];
	if (day == DATE_NONE)
		return xstrdup("\xE2\x80\x93"); /* – */
	date_iso(day, buf);
	return xstrdup(buf);
}

static char *deadline_text(const struct ctx *x, const struct region *r)
{
	const struct milestone *m =
		timeline_milestone(region_timeline_for(r, x->c->id), MILESTONE_MEMBER_DEADLINE);
	return day_text(m ? m->to : x->c->national_deadline);
}

static void add_member_group(struct ctx *x, struct doc *d, enum member_state state,
			     const char *label)
{
	int count = 0;
	for (int i = 0; i < x->n_who; i++)
		count += x->who[i].state == state;
	doc_heading(d, 3, "%s (%d)", label, count);
	if (state == STATE_NOT_EXPECTED && count > 0 && x->c->not_expected_reason)
		doc_para(d, true, "%s", x->c->not_expected_reason);
	if (count == 0) {
		doc_para(d, true, "%s", _("None."));
		return;
	}
	bool missing = state == STATE_MISSING;
	struct block *b = doc_table(d, missing ? "llll" : "lllll");
	if (missing)
		block_row(b, false, _("No."), _("Member"), _("Region"), _("Deadline"));
	else
		block_row(b, false, _("No."), _("Member"), _("Region"), _("Received"), _("Status"));
	for (int i = 0; i < x->n_who; i++) {
		const struct who *w = &x->who[i];
		if (w->state != state)
			continue;
		char *when = missing ? deadline_text(x, w->r) : day_text(w->received);
		const char *status = w->sub ? status_label(w->sub->status) : "\xE2\x80\x93";
		/* The missing have four columns: their status is not read. */
		block_row(b, false, w->m->number, w->m->name, w->r->name, when, status);
		free(when);
	}
}

static void add_appendix(struct ctx *x, struct doc *d)
{
	doc_heading(d, 2, "%s", _("Appendix: who answered"));
	doc_para(d, true, "%s",
		 _("Every member in the scope with its first submission's date and the review "
		   "status of its current one. Members outside the expected set are listed apart; "
		   "their answers count in the tables like anyone's."));
	add_member_group(x, d, STATE_ON_TIME, _("Answered on time"));
	add_member_group(x, d, STATE_LATE, _("Answered late"));
	add_member_group(x, d, STATE_MISSING, _("Missing"));
	add_member_group(x, d, STATE_NOT_EXPECTED, _("Not expected"));
}

static int build_report(struct ctx *x, struct doc *d)
{
	add_header(x, d);
	for (int i = 0; i < x->c->n_questions; i++)
		if (add_question(x, d, i) != 0)
			return -1;
	add_appendix(x, d);
	return 0;
}

/* ---- CSV ---- */

static void csv_row(FILE *out, const char *const *f, int n)
{
	for (int i = 0; i < n; i++) {
		char *v = export_csv_field(f[i]);
		fputs(v, out);
		fputs(i + 1 < n ? "," : "\r\n", out);
		free(v);
	}
}

static const char *state_key(enum member_state s)
{
	static const char *const keys[] = {"on-time", "late", "missing", "not-expected"};
	return keys[s];
}

struct question_data {
	struct text_answer *a;
	int n;
	struct agg_code *codes;
	int nc;
};

static const struct text_answer *answer_of(const struct question_data *qd, const char *member)
{
	for (int i = 0; i < qd->n; i++)
		if (strcmp(qd->a[i].member, member) == 0)
			return &qd->a[i];
	return NULL;
}

/* The answer's code labels in the codes' own order, "; " between. */
static char *code_labels(const struct question_data *qd, const struct text_answer *a)
{
	struct sbuf b = {0};
	for (int i = 0; a && i < qd->nc; i++)
		for (int j = 0; j < a->n_codes; j++)
			if (a->codes[j] == qd->codes[i].id) {
				if (b.n)
					sb_puts(&b, "; ");
				sb_puts(&b, qd->codes[i].label);
			}
	return sb_take(&b);
}

static void csv_member(struct ctx *x, FILE *out, const struct who *w,
		       const struct question_data *qd)
{
	char *received = w->received == DATE_NONE ? xstrdup("") : day_text(w->received);
	char *decided = w->sub && w->sub->decided != DATE_NONE ? day_text(w->sub->decided)
							       : xstrdup("");
	for (int q = 0; q < x->c->n_questions; q++) {
		const struct text_answer *a = answer_of(&qd[q], w->m->number);
		char *codes = code_labels(&qd[q], a);
		const char *f[] = {w->m->number, w->m->name, w->r->code, state_key(w->state),
				   w->sub ? status_key(w->sub->status) : "", received, decided,
				   x->c->questions[q].id, a ? a->choice : NULL, a ? a->text : NULL,
				   codes};
		csv_row(out, f, (int)(sizeof f / sizeof f[0]));
		free(codes);
	}
	free(received), free(decided);
}

static int write_csv(struct ctx *x, FILE *out)
{
	int nq = x->c->n_questions, rc = 0;
	struct question_data *qd = xcalloc((size_t)nq + 1, sizeof *qd);
	for (int q = 0; !rc && q < nq; q++) {
		const struct question *qq = &x->c->questions[q];
		rc = load_answers(x, qq, x->region, 0, &qd[q].a, &qd[q].n);
		if (!rc && aggregate_codes(x->st, x->s, x->c, qq, x->o->basis, &qd[q].codes,
					   &qd[q].nc) != 0)
			rc = db_error(x);
	}
	if (!rc) {
		if (x->o->bom)
			fputs("\xEF\xBB\xBF", out);
		static const char *const head[] = {"member", "name", "region", "state", "status",
						   "received", "decided", "question", "choice",
						   "answer", "codes"};
		csv_row(out, head, (int)(sizeof head / sizeof head[0]));
		for (int i = 0; i < x->n_who; i++)
			csv_member(x, out, &x->who[i], qd);
	}
	for (int q = 0; q < nq; q++) {
		text_answers_free(qd[q].a, qd[q].n);
		agg_codes_free(qd[q].codes, qd[q].nc);
	}
	free(qd);
	return rc;
}

/* ---- entry points ---- */

bool export_format_parse(const char *name, enum export_format *out)
{
	static const char *const names[] = {"md", "csv", "html"};
	for (int i = 0; name && i < 3; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (enum export_format)i;
			return true;
		}
	return false;
}

const char *export_format_ext(enum export_format f)
{
	return f == EXPORT_CSV ? "csv" : f == EXPORT_HTML ? "html" : "md";
}

static int ctx_init(struct ctx *x, struct store *st, const struct settings *s,
		    const struct export_opts *o, struct diags *errs)
{
	memset(x, 0, sizeof *x);
	x->st = st, x->s = s, x->o = o, x->errs = errs;
	x->c = o->cycle_id ? settings_cycle(s, o->cycle_id)
			   : s->n_cycles > 0 ? &s->cycles[s->n_cycles - 1] : NULL;
	if (!x->c) {
		diags_add(errs, NULL, 0, _("no cycle \"%s\" in the settings"),
			  o->cycle_id ? o->cycle_id : "");
		return -1;
	}
	if (o->region && !(x->region = settings_region(s, o->region))) {
		diags_add(errs, NULL, 0, _("no region \"%s\" in the settings"), o->region);
		return -1;
	}
	return load_members(x);
}

int export_write(struct store *st, const struct settings *s, const struct export_opts *o,
		 FILE *out, struct diags *errs)
{
	struct ctx x;
	int rc = ctx_init(&x, st, s, o, errs);
	if (!rc && o->format == EXPORT_CSV) {
		rc = write_csv(&x, out);
	} else if (!rc) {
		struct doc d = {0};
		rc = build_report(&x, &d);
		if (!rc && o->format == EXPORT_HTML)
			html_render(out, &d);
		else if (!rc)
			md_render(out, &d);
		doc_free(&d);
	}
	ctx_free(&x);
	if (!rc && (fflush(out) != 0 || ferror(out))) {
		diags_add(errs, NULL, 0, _("cannot write the export: %s"), strerror(errno));
		rc = -1;
	}
	return rc;
}

struct export_job {
	struct store *st;
	const struct settings *s;
	const struct export_opts *o;
};

static int write_export(FILE *out, void *ctx, struct diags *errs)
{
	struct export_job *j = ctx;
	return export_write(j->st, j->s, j->o, out, errs);
}

int export_to_file(struct store *st, const struct settings *s, const struct export_opts *o,
		   const char *path, bool overwrite, struct diags *errs)
{
	struct export_job j = {st, s, o};
	return outfile_write(path, overwrite, write_export, &j, errs);
}
