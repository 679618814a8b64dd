/* Survey CSV reader.
 *
 * The file is streamed, never read whole: it is read in chunks and cut into
 * physical lines, so every message can name the line its record starts on
 * even when a quoted field spans lines. Each line is checked for NUL bytes
 * (a binary file) and for UTF-8 before libcsv parses it; libcsv's callbacks
 * collect one record's fields in buffers that are reused for every record.
 * A complete record is checked against the header and the settings, and
 * added when it is good. Every problem is reported; import.c rolls the
 * whole import back if there is any, so good rows may be added as we go.
 *
 * Reading and checking run in a thread of their own, and hand the good rows
 * to the caller's thread (the only one that touches the database) through a
 * small queue: on two cores the file is read while the rows are written. */
#include "import.h"
#include "../i18n.h"
#include "text.h"
#include "util.h"
#include <csv.h>
#include <errno.h>
#include <glib.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK (64 * 1024)
#define MAX_FIELD (1024 * 1024)
#define MAX_COLUMNS 256
/* Past this many problems in one file the rest would only repeat them (a
 * file in the wrong encoding has one on every line). */
#define MAX_PROBLEMS 100
/* Values quoted in messages are cut to this many columns. */
#define SHOW_WIDTH 60

enum column { COL_MEMBER, COL_DECIDED, COL_RECEIVED, COL_REFERENCE, COL_BODY, N_FIXED };

static const char *const fixed_names[N_FIXED] = {"member", "decided", "received", "reference",
						  "body"};

struct field {
	char *s;
	size_t len, cap;
};

/* From the reader to the writer: one item per row read, the row's copy,
 * &known_row for a row imported before, or NULL when it adds nothing (for
 * the progress count). */
#define QUEUE 256
static struct submission_in known_row;
struct queue {
	pthread_mutex_t mu;
	pthread_cond_t can_put, can_take;
	struct submission_in *item[QUEUE];
	int head, n;
	bool done; /* the reader has finished */
	bool stop; /* the writer failed: read no further */
};

struct reader {
	struct import_ctx *ctx;
	const char *path;
	struct csv_parser p;
	unsigned char delim; /* 0 until the header line has been seen */

	/* Where the input is. Lines are physical lines, counted from 1. */
	int line;        /* the line of the bytes being fed */
	int record_line; /* the line the record being parsed started on */
	int row_line;    /* the same, fixed when its first field ends */
	int quote_line;  /* the line the last quoted field opened on */
	bool in_quotes, line_start, skip_line;
	unsigned char prev;

	/* The record being collected: n_fields counts every field, but only
	 * as many as the header has are kept. */
	struct field *fields;
	int n_fields, n_kept;
	bool record_bad; /* already reported while reading (UTF-8, size) */

	/* The header: the field index of each column, or -1. */
	bool have_header;
	int header_line;
	int n_cols;
	int fixed[N_FIXED];
	int *qcol;     /* per question of the cycle */
	int *unnamed;  /* columns with no name, which must stay empty */
	int n_unnamed;

	int problems, rows;
	bool stop;
	struct queue *q; /* NULL: rows are written here, in this thread */
	bool handed;     /* the current row went into the queue */
	/* ctx->known: a row imported before (or read before in this import) is
	 * known here, without the database. */
	GHashTable *known;

	/* Scratch reused for every row. */
	struct answer_in *answers;
	GString *canon, *origin;
	char *shown[2];
};

/* ---- messages ---- */

static void problem(struct reader *r, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct reader *r, int line, const char *fmt, ...)
{
	if (r->stop)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	diags_add(r->ctx->errs, r->path, line, "%s", msg);
	free(msg);
	if (++r->problems == MAX_PROBLEMS) {
		diags_add(r->ctx->errs, r->path, line,
			  _("too many problems; the rest of the file was not checked"));
		r->stop = true;
	}
}

/* A value from the file made safe to print in a message, and short. Two
 * slots, so one message can show two values. */
static const char *show(struct reader *r, int slot, const char *s)
{
	free(r->shown[slot]);
	char *clean = text_sanitize(s, false);
	if (text_width(clean) > SHOW_WIDTH) {
		r->shown[slot] = text_fit(clean, SHOW_WIDTH);
		free(clean);
	} else {
		r->shown[slot] = clean;
	}
	return r->shown[slot];
}

/* ---- text helpers ---- */

/* Whether a and b are equal but for case, letter by letter (both valid,
 * NUL-terminated UTF-8). Allocates nothing: it runs for every choice. */
static bool caseeq(const char *a, const char *b)
{
	while (*a && *b) {
		gunichar ca = g_utf8_get_char(a), cb = g_utf8_get_char(b);
		if (ca != cb && g_unichar_tolower(ca) != g_unichar_tolower(cb))
			return false;
		a = g_utf8_next_char(a);
		b = g_utf8_next_char(b);
	}
	return *a == *b;
}

static bool is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool all_digits(const char *s)
{
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* ---- the header ---- */

static const char *question_id(const struct reader *r, int q)
{
	return r->ctx->cycle->questions[q].id;
}

/* "member, decided, ..., handlingsrom, ..." for messages (caller frees). */
static char *allowed_columns(const struct reader *r)
{
	GString *g = g_string_new(NULL);
	for (int i = 0; i < N_FIXED; i++)
		g_string_append_printf(g, "%s%s", i ? ", " : "", fixed_names[i]);
	for (int q = 0; q < r->ctx->cycle->n_questions; q++)
		g_string_append_printf(g, ", %s", question_id(r, q));
	return g_string_free(g, FALSE);
}

/* The slot in the header table a column name fills, or NULL if unknown. */
static int *column_slot(struct reader *r, const char *name)
{
	for (int i = 0; i < N_FIXED; i++)
		if (g_ascii_strcasecmp(name, fixed_names[i]) == 0)
			return &r->fixed[i];
	for (int q = 0; q < r->ctx->cycle->n_questions; q++)
		if (g_ascii_strcasecmp(name, question_id(r, q)) == 0)
			return &r->qcol[q];
	return NULL;
}

static void header_column(struct reader *r, int i)
{
	const char *name = r->fields[i].s;
	if (name[0] == '\0') {
		/* A spreadsheet adds these after a cell once formatted; harmless
		 * as long as nothing is in them. */
		r->unnamed[r->n_unnamed++] = i;
		return;
	}
	int *slot = column_slot(r, name);
	if (!slot) {
		char *allowed = allowed_columns(r);
		problem(r, r->row_line, _("unknown column \"%s\"; the columns can be: %s"),
			show(r, 0, name), allowed);
		free(allowed);
	} else if (*slot >= 0) {
		problem(r, r->row_line, _("column \"%s\" appears twice in the header"),
			show(r, 0, name));
	} else {
		*slot = i;
	}
}

/* The first record names the columns. Rows are still checked after a
 * mistake in it, unless there is no member column to check them by. */
static void read_header(struct reader *r)
{
	r->have_header = true;
	r->header_line = r->row_line;
	if (r->record_bad) {
		r->stop = true;
		return;
	}
	if (r->n_fields > MAX_COLUMNS) {
		problem(r, r->row_line, _("the header has %d columns; at most %d are allowed"),
			r->n_fields, MAX_COLUMNS);
		r->stop = true;
		return;
	}
	r->n_cols = r->n_fields;
	for (int i = 0; i < r->n_cols; i++)
		header_column(r, i);
	if (r->fixed[COL_MEMBER] < 0) {
		problem(r, r->row_line,
			_("the header has no \"member\" column; the first line must name the "
			  "columns, and \"member\" is required"));
		r->stop = true;
	}
}

/* ---- one row ---- */

static const char *cell(const struct reader *r, int idx)
{
	return idx < 0 ? "" : r->fields[idx].s;
}

static const char *col(const struct reader *r, enum column c)
{
	return cell(r, r->fixed[c]);
}

/* The member named in the member column, by number or by name. */
static const struct member *check_member(struct reader *r, const char *v)
{
	const struct member_register *reg = r->ctx->cycle->reg;
	const struct member *m = NULL, *other = NULL;
	if (v[0] == '\0') {
		problem(r, r->row_line, _("no member: the \"member\" column is empty"));
		return NULL;
	}
	if (all_digits(v) && strlen(v) != 2 && strlen(v) != 4) {
		if (strlen(v) == 1 || strlen(v) == 3)
			problem(r, r->row_line,
				_("\"%s\" is not a member number: a municipality has 4 digits and a "
				  "county 2 (did you mean \"0%s\"?)"), v, v);
		else
			problem(r, r->row_line,
				_("\"%s\" is not a member number: a municipality has 4 digits and a "
				  "county 2"), show(r, 0, v));
		return NULL;
	}
	int rc = members_lookup(reg, v, &m, &other);
	if (rc == -2)
		problem(r, r->row_line,
			_("\"%s\" could be %s %s or %s %s; give the member's number"),
			show(r, 0, v), m->number, m->name, other->number, other->name);
	else if (rc != 0 && all_digits(v))
		problem(r, r->row_line, _("there is no member %s in the register %s"), v, reg->id);
	else if (rc != 0)
		problem(r, r->row_line, _("no member is called \"%s\"; give the member's number"),
			show(r, 0, v));
	return rc == 0 ? m : NULL;
}

/* Whether s has the shape of a date, so "30.02.2024" can be told apart
 * from text that is not a date at all. */
static bool date_shaped(const char *s)
{
	static const char *const shapes[] = {"dddd-dd-dd", "dd.dd.dddd"};
	for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
		const char *p = shapes[i], *q = s;
		while (*p && *q && (*p == 'd' ? (*q >= '0' && *q <= '9') : *p == *q))
			p++, q++;
		if (!*p && !*q)
			return true;
	}
	return false;
}

/* A date column: empty gives DATE_NONE. */
static bool check_date(struct reader *r, enum column c, date_t *out)
{
	const char *v = col(r, c);
	*out = DATE_NONE;
	if (v[0] == '\0' || date_parse_any(v, out))
		return true;
	*out = DATE_NONE;
	if (date_shaped(v))
		problem(r, r->row_line, _("there is no day %s (column \"%s\")"), v, fixed_names[c]);
	else
		problem(r, r->row_line,
			_("\"%s\" in column \"%s\" is not a date; write YYYY-MM-DD or DD.MM.YYYY"),
			show(r, 0, v), fixed_names[c]);
	return false;
}

/* decided and received; no received date means today. */
static bool check_dates(struct reader *r, struct submission_in *in)
{
	bool ok = check_date(r, COL_DECIDED, &in->decided);
	ok &= check_date(r, COL_RECEIVED, &in->received);
	if (in->received == DATE_NONE)
		in->received = r->ctx->opts->today != DATE_NONE ? r->ctx->opts->today : date_today();
	if (ok && in->decided != DATE_NONE && in->decided > in->received) {
		char d[DATE_BUFSZ], rd[DATE_BUFSZ];
		date_iso(in->decided, d);
		date_iso(in->received, rd);
		problem(r, r->row_line, _("decided %s is after received %s"), d, rd);
		ok = false;
	}
	return ok;
}

/* The option a choice answer names, in the settings' spelling, or NULL. */
static const char *match_option(const struct question *q, const char *v)
{
	for (int i = 0; i < q->n_options; i++)
		if (caseeq(v, q->options[i]))
			return q->options[i];
	const char *found = NULL;
	char *nfc = g_utf8_normalize(v, -1, G_NORMALIZE_DEFAULT_COMPOSE);
	for (int i = 0; nfc && !found && i < q->n_options; i++)
		if (caseeq(nfc, q->options[i]))
			found = q->options[i];
	g_free(nfc);
	return found;
}

static void bad_option(struct reader *r, const struct question *q, const char *v)
{
	GString *g = g_string_new(NULL);
	for (int i = 0; i < q->n_options; i++)
		g_string_append_printf(g, "%s%s", i ? ", " : "", q->options[i]);
	problem(r, r->row_line, _("\"%s\" is not an option of question \"%s\"; the options are: %s"),
		show(r, 0, v), q->id, g->str);
	g_string_free(g, TRUE);
}

/* Fills r->answers from the question columns; empty cells are no answer.
 * Returns how many, or -1 after a problem. */
static int check_answers(struct reader *r)
{
	const struct cycle *c = r->ctx->cycle;
	int n = 0;
	bool ok = true;
	for (int q = 0; q < c->n_questions; q++) {
		const char *v = cell(r, r->qcol[q]);
		if (v[0] == '\0')
			continue;
		struct answer_in *a = &r->answers[n++];
		a->question_id = c->questions[q].id;
		a->choice = NULL;
		a->text = NULL;
		if (c->questions[q].kind == QUESTION_TEXT) {
			a->text = v;
		} else if (!(a->choice = match_option(&c->questions[q], v))) {
			bad_option(r, &c->questions[q], v);
			ok = false;
		}
	}
	return ok ? n : -1;
}

/* Appends one length-prefixed piece, so no text can run into the next. */
static void canon_add(GString *g, const char *s)
{
	g_string_append_printf(g, "%zu:", strlen(s));
	g_string_append(g, s);
	g_string_append_c(g, '\n');
}

/* The content hash: what the council decided and answered, not when the
 * file was exported or what it is called, so a re-export is recognised. */
static char *row_hash(struct reader *r, const struct submission_in *in)
{
	char day[DATE_BUFSZ];
	GString *g = r->canon;
	g_string_truncate(g, 0);
	date_iso(in->decided, day);
	canon_add(g, in->member);
	canon_add(g, day);
	canon_add(g, in->reference ? in->reference : "");
	canon_add(g, in->body);
	for (int i = 0; i < in->n_answers; i++) {
		canon_add(g, in->answers[i].question_id);
		canon_add(g, in->answers[i].choice ? in->answers[i].choice : in->answers[i].text);
	}
	return import_hash(g->str, g->len);
}

/* Blocks while the queue is full; after a failed write, drops the row and
 * stops the reading. */
static void queue_put(struct reader *r, struct submission_in *in)
{
	struct queue *q = r->q;
	pthread_mutex_lock(&q->mu);
	while (q->n == QUEUE && !q->stop)
		pthread_cond_wait(&q->can_put, &q->mu);
	if (q->stop) {
		r->stop = true;
		submission_in_free(in);
	} else {
		/* Waking the writer costs a system call: only when it may sleep. */
		if (q->n++ == 0)
			pthread_cond_signal(&q->can_take);
		q->item[(q->head + q->n - 1) % QUEUE] = in;
	}
	pthread_mutex_unlock(&q->mu);
}

static void add_row(struct reader *r, struct submission_in *in)
{
	g_string_printf(r->origin, "%s:%d", r->path, r->row_line);
	in->origin = r->origin->str;
	char *hash = row_hash(r, in);
	in->content_hash = hash;
	if (r->q && r->known && g_hash_table_contains(r->known, hash)) {
		queue_put(r, &known_row); /* imported before, or earlier in this one */
		r->handed = true;
	} else if (r->q) {
		if (r->known)
			g_hash_table_add(r->known, xstrdup(hash));
		queue_put(r, submission_in_dup(in));
		r->handed = true;
	} else if (import_add(r->ctx, in) != 0) {
		r->problems++;
		r->stop = true; /* the database failed; more rows would fail alike */
	}
	free(hash);
}

static bool check_unnamed(struct reader *r)
{
	bool ok = true;
	for (int i = 0; i < r->n_unnamed; i++) {
		const char *v = cell(r, r->unnamed[i]);
		if (v[0] == '\0')
			continue;
		problem(r, r->row_line, _("\"%s\" is in column %d, which has no name in the header"),
			show(r, 0, v), r->unnamed[i] + 1);
		ok = false;
	}
	return ok;
}

/* Checks one data row, reporting every problem in it; adds it if good. */
static void check_row(struct reader *r)
{
	struct submission_in in = {0};
	in.cycle_id = r->ctx->cycle->id;
	in.source = "csv";
	const struct member *m = check_member(r, col(r, COL_MEMBER));
	bool ok = m != NULL;
	ok &= check_dates(r, &in);
	in.n_answers = check_answers(r);
	ok &= in.n_answers >= 0;
	ok &= check_unnamed(r);
	in.body = col(r, COL_BODY);
	if (in.body[0] == '\0' && in.n_answers == 0) {
		problem(r, r->row_line, _("empty row: no resolution text (\"body\") and no answers"));
		ok = false;
	}
	if (!ok || r->problems > 0)
		return; /* the import is rolled back anyway: adding is wasted work */
	in.member = m->number;
	in.reference = col(r, COL_REFERENCE)[0] ? col(r, COL_REFERENCE) : NULL;
	in.answers = r->answers;
	add_row(r, &in);
}

static bool record_blank(const struct reader *r)
{
	for (int i = 0; i < r->n_kept; i++)
		if (r->fields[i].len)
			return false;
	return true;
}

static void read_row(struct reader *r)
{
	/* A spreadsheet writes an empty row as ";;;;": skipped like a blank
	 * line. A row already reported (bad UTF-8) is not checked further. */
	if (r->record_bad || (r->n_fields == r->n_kept && record_blank(r)))
		return;
	r->rows++;
	if (r->n_fields != r->n_cols)
		problem(r, r->row_line,
			ngettext("this row has %d field, but the header has %d",
				 "this row has %d fields, but the header has %d",
				 (unsigned long)r->n_fields), r->n_fields, r->n_cols);
	else
		check_row(r);
	if (!r->q)
		import_step(r->ctx);
	else if (!r->handed)
		queue_put(r, NULL);
	r->handed = false;
}

/* ---- libcsv callbacks ---- */

/* Keeps a field trimmed of surrounding blanks, with CRLF or CR inside it
 * made LF, in a buffer that is reused for the next record. */
static void keep_field(struct field *f, const char *s, size_t len)
{
	while (len && is_blank((unsigned char)s[0]))
		s++, len--;
	while (len && is_blank((unsigned char)s[len - 1]))
		len--;
	if (f->cap < len + 1) {
		f->cap = len + 1 > 64 ? len + 1 : 64;
		f->s = xrealloc(f->s, f->cap);
	}
	if (!memchr(s, '\r', len)) {
		memcpy(f->s, s, len);
		f->len = len;
	} else {
		size_t n = 0;
		for (size_t i = 0; i < len; i++)
			if (s[i] != '\r')
				f->s[n++] = s[i];
			else if (i + 1 == len || s[i + 1] != '\n')
				f->s[n++] = '\n';
		f->len = n;
	}
	f->s[f->len] = '\0';
}

static void on_field(void *data, size_t len, void *ctx)
{
	struct reader *r = ctx;
	if (r->n_fields++ == 0)
		r->row_line = r->record_line;
	if (len > MAX_FIELD) {
		if (!r->record_bad)
			problem(r, r->row_line, _("a field is longer than 1 MB"));
		r->record_bad = true;
		return;
	}
	int limit = r->have_header ? r->n_cols : MAX_COLUMNS + 1;
	if (r->n_kept >= limit)
		return;
	keep_field(&r->fields[r->n_kept++], data ? data : "", data ? len : 0);
}

static void on_record(int c, void *ctx)
{
	struct reader *r = ctx;
	(void)c;
	if (!r->stop) {
		if (r->have_header)
			read_row(r);
		else
			read_header(r);
	}
	r->n_fields = r->n_kept = 0;
	r->record_bad = false;
}

/* ---- feeding lines to libcsv ---- */

static void parser_init(struct reader *r)
{
	csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	/* libcsv grows a field's buffer by this much at a time (128 bytes
	 * unless told): a field of 1 MB was 8 000 reallocations, each copying
	 * all of it where realloc cannot move pages (under the sanitizers). */
	csv_set_blk_size(&r->p, CHUNK);
	if (r->delim)
		csv_set_delim(&r->p, r->delim);
}

/* Norwegian spreadsheets separate with ';', others with ','; the header
 * line tells which, counting only separators outside quotes. */
static unsigned char detect_delim(const char *s, size_t n)
{
	int semi = 0, comma = 0;
	bool quoted = false;
	for (size_t i = 0; i < n && s[i] != '\n' && s[i] != '\r'; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted)
			semi += s[i] == ';', comma += s[i] == ',';
	}
	return comma > semi ? ',' : ';';
}

/* libcsv stops at a quote it cannot place. The record is given up, and
 * reading goes on from the next line. */
static void quote_error(struct reader *r)
{
	if (r->quote_line < r->line)
		problem(r, r->quote_line,
			_("the quoted field that starts on this line does not end properly (line %d); "
			  "is a closing quote missing?"), r->line);
	else
		problem(r, r->line,
			_("misplaced quote: a field with a quote in it must be put in quotes as a "
			  "whole, with each quote inside written twice (\"\")"));
	csv_free(&r->p);
	parser_init(r);
	r->n_fields = r->n_kept = 0;
	r->record_bad = false;
	r->skip_line = true;
}

static void feed(struct reader *r, const char *s, size_t n)
{
	if (!r->delim) {
		size_t lead = 0;
		while (lead < n && is_blank((unsigned char)s[lead]))
			lead++;
		if (lead == n) /* a blank line before the header */
			return;
		r->delim = detect_delim(s + lead, n - lead);
		csv_set_delim(&r->p, r->delim);
	}
	if (csv_parse(&r->p, s, n, on_field, on_record, r) < n) {
		if (csv_error(&r->p) == CSV_EPARSE) {
			quote_error(r);
		} else {
			problem(r, r->line, _("cannot read the file: %s"),
				csv_strerror(csv_error(&r->p)));
			r->stop = true;
		}
		return;
	}
	if (r->p.entry_pos > MAX_FIELD) {
		/* Stop before a field without end (a closing quote missing, as a
		 * rule) takes the whole file into memory. */
		if (r->in_quotes && r->quote_line < r->line)
			problem(r, r->quote_line,
				_("the quoted field that starts on this line is longer than 1 MB; "
				  "is its closing quote missing?"));
		else
			problem(r, r->line, _("a field is longer than 1 MB"));
		r->stop = true;
	}
}

/* One piece of a physical line: all of it, or as much as one chunk held.
 * has_nul: the scanner found a NUL byte in it. */
static void segment(struct reader *r, const char *s, size_t n, bool ends_line, bool has_nul)
{
	if (has_nul) {
		problem(r, r->line, _("a NUL byte on this line: this is not a text file"));
		r->stop = true;
		return;
	}
	if (!r->skip_line) {
		const char *bad;
		if (!g_utf8_validate(s, (gssize)n, &bad)) {
			problem(r, r->line,
				_("this line is not valid UTF-8 (byte 0x%02X); save the file as UTF-8"),
				(unsigned char)*bad);
			r->record_bad = true;
		}
		feed(r, s, n);
	}
	if (ends_line) {
		if (r->skip_line)
			r->in_quotes = false;
		r->skip_line = false;
		r->line++;
	}
	r->line_start = ends_line;
}

/* Tracks quotes byte by byte, to know whether a line break ends a record
 * and where a quoted field began. */
static void track_quote(struct reader *r)
{
	if (!r->in_quotes && r->prev != '"')
		r->quote_line = r->line;
	r->in_quotes = !r->in_quotes;
}

/* Where the last complete UTF-8 character in s[start..end) ends, so a
 * chunk never splits one. */
static size_t utf8_cut(const char *s, size_t start, size_t end)
{
	size_t i = end, back = 0;
	while (i > start && back < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--, back++;
	if (i > start && (unsigned char)s[i - 1] >= 0xC0)
		return i - 1;
	return end;
}

/* Cuts buf into segments and feeds them; returns how many bytes were used
 * (the rest, a split character or a lone CR, waits for the next chunk). */
static size_t feed_chunk(struct reader *r, const char *buf, size_t len, bool eof)
{
	size_t i = 0;
	while (i < len && !r->stop) {
		size_t start = i;
		bool brk = false, nul = false;
		if (r->line_start && !r->in_quotes)
			r->record_line = r->line;
		for (; i < len && !brk; i++) {
			char c = buf[i];
			if (c == '"')
				track_quote(r);
			else if (c == '\0')
				nul = true;
			else if (c == '\n')
				brk = true;
			else if (c == '\r' && i + 1 < len)
				brk = buf[i + 1] != '\n';
			else if (c == '\r' && !eof)
				break; /* a CR at the end: is an LF next? */
			else if (c == '\r')
				brk = true;
			r->prev = (unsigned char)c;
		}
		if (!brk && !eof) {
			i = i < len ? i : utf8_cut(buf, start, i);
			if (i == start)
				break;
		}
		segment(r, buf + start, i - start, brk, nul);
	}
	return i;
}

/* The start of the file: a UTF-8 byte order mark is dropped; UTF-16 and
 * binary files (a NUL byte early on: images, spreadsheets, archives) are
 * refused as a whole rather than line by line. Returns how many bytes to
 * skip, or -1. */
static int file_start(struct reader *r, const unsigned char *b, size_t len)
{
	if (len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
		return 3;
	if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
		problem(r, 1, _("the file is UTF-16 text; save it as UTF-8"));
	else if (memchr(b, '\0', len))
		problem(r, 1, _("this is not a text file; export the survey as CSV"));
	else
		return 0;
	r->stop = true;
	return -1;
}

static void read_stream(struct reader *r, FILE *fp)
{
	char *buf = xmalloc(CHUNK);
	size_t keep = 0;
	bool first = true;
	while (!r->stop) {
		size_t got = fread(buf + keep, 1, CHUNK - keep, fp);
		bool eof = got < CHUNK - keep;
		if (ferror(fp)) {
			problem(r, r->line, _("cannot read: %s"), strerror(errno));
			break;
		}
		size_t len = keep + got, skip = 0;
		if (first) {
			int s = file_start(r, (const unsigned char *)buf, len);
			if (s < 0)
				break;
			skip = (size_t)s;
			first = false;
		}
		size_t used = skip + feed_chunk(r, buf + skip, len - skip, eof);
		keep = len - used;
		memmove(buf, buf + used, keep);
		if (eof)
			break;
	}
	free(buf);
}

/* The end of the file: the last record may lack its line break, and a
 * quote may still be open. */
static void finish(struct reader *r)
{
	if (r->stop)
		return;
	if (csv_fini(&r->p, on_field, on_record, r) != 0) {
		problem(r, r->quote_line,
			_("the quoted field that starts on this line has no closing quote"));
		return;
	}
	if (!r->have_header && r->problems == 0)
		problem(r, 1, _("the file is empty"));
	else if (r->have_header && r->rows == 0 && r->problems == 0)
		problem(r, r->header_line, _("the file has a header but no rows"));
}

static void reader_init(struct reader *r, struct import_ctx *ctx, const char *path)
{
	int nq = ctx->cycle->n_questions;
	memset(r, 0, sizeof *r);
	r->ctx = ctx;
	r->path = path;
	r->line = r->record_line = r->row_line = r->quote_line = 1;
	r->line_start = true;
	for (int i = 0; i < N_FIXED; i++)
		r->fixed[i] = -1;
	r->qcol = xmalloc((size_t)(nq ? nq : 1) * sizeof *r->qcol);
	for (int q = 0; q < nq; q++)
		r->qcol[q] = -1;
	r->fields = xcalloc(MAX_COLUMNS + 1, sizeof *r->fields);
	r->unnamed = xcalloc(MAX_COLUMNS + 1, sizeof *r->unnamed);
	r->answers = xcalloc((size_t)(nq ? nq : 1), sizeof *r->answers);
	r->canon = g_string_new(NULL);
	r->origin = g_string_new(NULL);
	parser_init(r);
}

static void reader_free(struct reader *r)
{
	csv_free(&r->p);
	for (int i = 0; i <= MAX_COLUMNS; i++)
		free(r->fields[i].s);
	free(r->fields);
	free(r->qcol);
	free(r->unnamed);
	free(r->answers);
	g_string_free(r->canon, TRUE);
	g_string_free(r->origin, TRUE);
	free(r->shown[0]);
	free(r->shown[1]);
}

static void *reader_main(void *arg)
{
	struct reader *r = arg;
	FILE *fp = fopen(r->path, "rb");
	if (!fp) {
		problem(r, 0, _("cannot read: %s"), strerror(errno));
	} else {
		read_stream(r, fp);
		fclose(fp);
		finish(r);
	}
	if (r->q) {
		pthread_mutex_lock(&r->q->mu);
		r->q->done = true;
		pthread_cond_signal(&r->q->can_take);
		pthread_mutex_unlock(&r->q->mu);
	}
	return NULL;
}

/* Everything in the queue, taken at once (few wake-ups); 0 once the reader
 * is done and the queue empty. */
static int queue_take(struct queue *q, struct submission_in **out)
{
	pthread_mutex_lock(&q->mu);
	while (q->n == 0 && !q->done)
		pthread_cond_wait(&q->can_take, &q->mu);
	int n = q->n;
	for (int i = 0; i < n; i++)
		out[i] = q->item[(q->head + i) % QUEUE];
	q->head = (q->head + n) % QUEUE;
	q->n = 0;
	if (n == QUEUE)
		pthread_cond_signal(&q->can_put);
	pthread_mutex_unlock(&q->mu);
	return n;
}

/* The writer's side: the rows into the database, in the order read. Its
 * messages are kept apart while the reader adds its own, and joined after. */
static bool write_rows(struct import_ctx *ctx, struct queue *q, struct diags *dberrs, bool look)
{
	struct import_ctx wctx = *ctx;
	wctx.errs = dberrs;
	bool failed = false;
	struct submission_in **batch = xmalloc(QUEUE * sizeof *batch);
	int n;
	while ((n = queue_take(q, batch)) > 0)
		for (int i = 0; i < n; i++) {
			struct submission_in *in = batch[i];
			if (in == &known_row) {
				ctx->res->unchanged++;
			} else if (in && !failed && import_add_owned(&wctx, in, look) != 0) {
				failed = true;
				pthread_mutex_lock(&q->mu);
				q->stop = true;
				pthread_cond_broadcast(&q->can_put);
				pthread_mutex_unlock(&q->mu);
			} else if (in && failed) {
				submission_in_free(in);
			}
			import_step(ctx);
		}
	free(batch);
	return !failed;
}

int import_csv_file(struct import_ctx *ctx, const char *path)
{
	struct reader r;
	reader_init(&r, ctx, path);
	struct queue q = {.mu = PTHREAD_MUTEX_INITIALIZER, .can_put = PTHREAD_COND_INITIALIZER,
			  .can_take = PTHREAD_COND_INITIALIZER};
	struct diags dberrs = {0};
	bool ok = true;
	pthread_t t;
	r.q = &q;
	if (!ctx->known && !ctx->known_failed) {
		ctx->known = submission_hashes(ctx->st, ctx->cycle->id);
		ctx->known_failed = !ctx->known;
	}
	r.known = ctx->known;
	/* Signals (a resize, Ctrl-C in the program) are for the main thread:
	 * the reader is started with all of them blocked. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int started = pthread_create(&t, NULL, reader_main, &r);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (started != 0) {
		r.q = NULL; /* no thread to be had: read and write here */
		reader_main(&r);
	} else {
		/* Without the set of known hashes, the database is asked. */
		ok = write_rows(ctx, &q, &dberrs, r.known == NULL);
		pthread_join(t, NULL);
	}
	for (int i = 0; i < dberrs.n; i++)
		diags_add(ctx->errs, dberrs.v[i].file, dberrs.v[i].line, "%s", dberrs.v[i].msg);
	diags_free(&dberrs);
	int rc = r.problems || !ok ? -1 : 0;
	reader_free(&r);
	return rc;
}
