/* Mail reader: one e-mailed resolution per file (a maildir's messages or a
 * single .eml file), parsed with GMime.
 *
 * What is taken from a mail:
 * - subject, sender ("Name <addr>"), Message-ID (without <>), all as valid
 *   UTF-8 without control characters;
 * - received: the Date header as a day in local time (TZ, Europe/Oslo in
 *   production). Without a usable Date (missing, unparsable, before 2000)
 *   the import's "today" is used, as for other files without a date: a
 *   maildir file's own time is the copy's time, not the sender's;
 * - the body: every inline text part in order, text/plain as it is and
 *   text/html made into readable text; in a multipart/alternative only the
 *   text/plain part. Any declared charset is converted to UTF-8; bytes that
 *   are not valid in it (a windows-1252 mail that says UTF-8) are read as
 *   windows-1252, then ISO-8859-1, so the stored text is always valid;
 * - attachments: every other part with a filename, an attachment
 *   disposition, or of a non-text type outside an HTML body's images, with
 *   name, type and decoded size. Text attachments are stored as UTF-8 (so the
 *   program can show them) and their size is then that of the stored text.
 *   An attachment over ATTACHMENT_MAX, or beyond MESSAGE_DATA_MAX for the
 *   whole message, is recorded without its data (data NULL), and its size is
 *   counted by decoding into a null stream, so a huge one costs neither
 *   memory nor a failed import.
 *
 * The member (see identify()) comes from the subject (a member number, or
 * "<name> kommune"), else the sender's address (<name>.kommune.no,
 * <name>fylke.no, <name>fylkeskommune.no), else the first lines of the body.
 * When the subject and the sender's address name different members the
 * mail is not trusted either way: it goes to the unmatched queue and the
 * reason is written into its origin.
 *
 * A message is the same message again when its Message-ID is (hash of
 * "msgid:" and the id), so a second delivery with other Received headers
 * adds nothing; without a Message-ID the file's bytes are hashed. */
#include "import.h"
#include "../i18n.h"
#include "mail_scan.h"
#include "members.h"
#include "text.h"
#include "util.h"
#include <errno.h>
#include <fcntl.h>
#include <gmime/gmime.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* An attachment larger than this is recorded by name, type and size only. */
#define ATTACHMENT_MAX ((size_t)10 * 1024 * 1024)
/* At most this much attachment data is kept from one message. */
#define MESSAGE_DATA_MAX ((size_t)32 * 1024 * 1024)
/* An inline text part larger than this is no resolution: it is kept as an
 * attachment instead of becoming the body. */
#define BODY_PART_MAX ((size_t)1024 * 1024)
/* Real mails nest a few levels and have a few dozen parts; hostile ones
 * may nest thousands deep or hold a hundred thousand parts, each of which
 * costs GMime system calls to read. */
#define DEPTH_MAX 24
#define PARTS_MAX 1000
/* Address groups ("team: a@b.no, c@d.no;") do not nest in real mail. */
#define GROUPS_MAX 8
/* The body is searched for a member in its first lines only: further down
 * resolutions quote and mention other members. */
#define BODY_SCAN_LINES 8
#define BODY_SCAN_BYTES 2000
/* Header texts are cut to this many bytes (whole characters). */
#define LINE_MAX_BYTES 998
#define NAME_MAX_BYTES 255
/* Dates before this are a sender's broken clock, not a real date. */
#define FIRST_YEAR 2000

struct mail_att {
	char *name, *type; /* g_malloc'd; name may be NULL */
	void *data;        /* g_malloc'd; NULL when not kept */
	size_t size;
};

struct mail {
	const char *path;
	char *message_id, *subject, *sender, *domain; /* g_malloc'd or NULL */
	date_t received;
	GString *body;
	struct mail_att *att;
	int n_att;
	size_t kept; /* attachment data kept so far */
	int parts;       /* parts walked so far */
	bool too_deep, too_many, io_error;
};

static void mail_free(struct mail *m)
{
	g_free(m->message_id);
	g_free(m->subject);
	g_free(m->sender);
	g_free(m->domain);
	if (m->body)
		g_string_free(m->body, TRUE);
	for (int i = 0; i < m->n_att; i++) {
		g_free(m->att[i].name);
		g_free(m->att[i].type);
		g_free(m->att[i].data);
	}
	g_free(m->att);
}

/* Reports a problem with a message as its file and, when known, its
 * Message-ID. */
static void problem(struct import_ctx *ctx, const struct mail *m, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void problem(struct import_ctx *ctx, const struct mail *m, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (m->message_id)
		diags_add(ctx->errs, m->path, 0, _("Message-ID <%s>: %s"), m->message_id, msg);
	else
		diags_add(ctx->errs, m->path, 0, "%s", msg);
	free(msg);
}

/* ---- text ---- */

/* What text_is_control() keeps from a terminal, the bidi marks and line
 * separators too; tabs and newlines are a body's own. */
static bool is_control(gunichar c)
{
	return c != '\t' && c != '\n' && text_is_control(c);
}

/* s cut to at most max bytes, at a character boundary (s is valid UTF-8). */
static void cut_utf8(char *s, size_t max)
{
	if (strlen(s) <= max)
		return;
	const char *end = s + max;
	while (end > s && ((unsigned char)*end & 0xC0) == 0x80)
		end--;
	s[end - s] = '\0';
}

/* One line of text from a header: valid UTF-8, no control characters, runs
 * of white space as one space, trimmed, at most max bytes. NULL when empty. */
static char *clean_line(const char *s, size_t max)
{
	if (!s)
		return NULL;
	char *valid = g_utf8_make_valid(s, -1);
	GString *out = g_string_new(NULL);
	bool space = false;
	for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (g_unichar_isspace(c) || c == '\t' || c == '\n') {
			space = out->len > 0;
			continue;
		}
		if (is_control(c))
			continue;
		if (space)
			g_string_append_c(out, ' ');
		space = false;
		g_string_append_unichar(out, c);
	}
	g_free(valid);
	char *r = g_string_free(out, FALSE);
	cut_utf8(r, max);
	if (*r)
		return r;
	g_free(r);
	return NULL;
}

/* Whether a line ends in a blank (space, tab, no-break space) of n bytes. */
static size_t trailing_blank(const GString *s)
{
	if (s->len && (s->str[s->len - 1] == ' ' || s->str[s->len - 1] == '\t'))
		return 1;
	if (s->len >= 2 && (unsigned char)s->str[s->len - 2] == 0xC2 &&
	    (unsigned char)s->str[s->len - 1] == 0xA0)
		return 2;
	return 0;
}

/* A body's text made tidy: lines end in "\n" without trailing blanks, no
 * control characters, at most one empty line in a row, none at the start or
 * the end. s is valid UTF-8. */
static char *tidy_text(const char *s)
{
	GString *out = g_string_new(NULL), *line = g_string_new(NULL);
	bool blank = false; /* an empty line held back until text follows */
	for (const char *p = s; *p;) {
		size_t n = strcspn(p, "\r\n");
		g_string_truncate(line, 0);
		for (const char *q = p; q < p + n; q = g_utf8_next_char(q)) {
			gunichar c = g_utf8_get_char(q);
			if (c == 0x2028 || c == 0x2029) /* separators part words */
				c = ' ';
			if (!is_control(c))
				g_string_append_unichar(line, c);
		}
		for (size_t b; (b = trailing_blank(line)) > 0;)
			g_string_truncate(line, line->len - b);
		if (!line->len) {
			blank = out->len > 0;
		} else {
			if (out->len)
				g_string_append(out, blank ? "\n\n" : "\n");
			g_string_append_len(out, line->str, (gssize)line->len);
			blank = false;
		}
		p += n;
		p += (p[0] == '\r' && p[1] == '\n') ? 2 : (*p != '\0');
	}
	g_string_free(line, TRUE);
	return g_string_free(out, FALSE);
}

static bool charset_is(const char *charset, const char *const *names)
{
	for (; *names; names++)
		if (g_ascii_strcasecmp(charset, *names) == 0)
			return true;
	return false;
}

static const char *const utf8_names[] = {"utf-8", "utf8", "us-ascii", "ascii", NULL};
/* Mails that say Latin-1 are usually windows-1252 (quotes, dashes, euro). */
static const char *const latin1_names[] = {"iso-8859-1", "iso8859-1", "latin1", "latin-1",
					   "windows-1252", "cp1252", "iso-8859-15", NULL};

static bool has_8bit(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return true;
	return false;
}

static char *convert(const char *s, size_t n, const char *from)
{
	gsize written = 0;
	char *r = g_convert(s, (gssize)n, "UTF-8", from, NULL, &written, NULL);
	if (r && !g_utf8_validate(r, (gssize)written, NULL)) {
		g_free(r);
		return NULL;
	}
	return r;
}

/* Text in the declared charset (NULL: none) as valid UTF-8. NUL bytes are
 * dropped first: they end a C string and mean nothing in a resolution. */
static char *to_utf8(const char *bytes, size_t len, const char *charset)
{
	char *s = g_malloc(len + 1);
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (bytes[i])
			s[n++] = bytes[i];
	s[n] = '\0';
	char *r = NULL;
	bool valid = g_utf8_validate(s, (gssize)n, NULL);
	if (charset && !charset_is(charset, utf8_names)) {
		if (charset_is(charset, latin1_names))
			/* Valid UTF-8 with 8-bit bytes is almost never Latin-1 text. */
			r = valid && has_8bit(s, n) ? g_strdup(s) : convert(s, n, "WINDOWS-1252");
		else
			r = convert(s, n, g_mime_charset_iconv_name(charset));
	}
	if (!r && valid)
		r = g_strdup(s);
	if (!r)
		r = convert(s, n, "WINDOWS-1252");
	if (!r)
		r = convert(s, n, "ISO-8859-1");
	if (!r)
		r = g_utf8_make_valid(s, (gssize)n);
	g_free(s);
	return r;
}

/* ---- HTML to text ---- */

struct html_out {
	GString *s;
	bool space; /* white space seen and not written yet */
};

static void html_text(struct html_out *o, const char *t, size_t n)
{
	if (o->space && o->s->len && o->s->str[o->s->len - 1] != '\n' &&
	    o->s->str[o->s->len - 1] != ' ')
		g_string_append_c(o->s, ' ');
	o->space = false;
	g_string_append_len(o->s, t, (gssize)n);
}

static void trim_blanks(GString *s)
{
	while (s->len && s->str[s->len - 1] == ' ')
		g_string_truncate(s, s->len - 1);
}

static int trailing_newlines(const GString *s)
{
	int n = 0;
	for (size_t i = s->len; i > 0 && s->str[i - 1] == '\n' && n < 2; i--)
		n++;
	return n;
}

/* Makes the text end a line (lines 1) or a paragraph (lines 2). */
static void html_break(struct html_out *o, int lines)
{
	o->space = false;
	trim_blanks(o->s);
	if (!o->s->len)
		return;
	for (int have = trailing_newlines(o->s); have < lines; have++)
		g_string_append_c(o->s, '\n');
}

static void html_br(struct html_out *o)
{
	o->space = false;
	trim_blanks(o->s);
	if (o->s->len && trailing_newlines(o->s) < 2)
		g_string_append_c(o->s, '\n');
}

static const struct {
	const char *name, *text;
} html_entities[] = {
	{"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "},
	{"aelig", "æ"}, {"oslash", "ø"}, {"aring", "å"}, {"AElig", "Æ"}, {"Oslash", "Ø"},
	{"Aring", "Å"}, {"aacute", "á"}, {"Aacute", "Á"}, {"eacute", "é"}, {"Eacute", "É"},
	{"auml", "ä"}, {"Auml", "Ä"}, {"ouml", "ö"}, {"Ouml", "Ö"}, {"uuml", "ü"}, {"Uuml", "Ü"},
	{"ndash", "–"}, {"mdash", "—"}, {"laquo", "«"}, {"raquo", "»"}, {"hellip", "…"},
	{"lsquo", "‘"}, {"rsquo", "’"}, {"ldquo", "“"}, {"rdquo", "”"}, {"bull", "•"},
	{"middot", "·"}, {"euro", "€"}, {"sect", "§"}, {"deg", "°"}, {"copy", "©"}, {"shy", ""},
};

/* A character reference "&#229;" or "&#xE5;" at p (after the '&'); the
 * number must name a character that may be in text. */
static const char *html_number(struct html_out *o, const char *p)
{
	bool hex = p[1] == 'x' || p[1] == 'X';
	const char *q = p + (hex ? 2 : 1);
	unsigned long c = 0;
	int digits = 0;
	while (hex ? g_ascii_isxdigit(*q) : g_ascii_isdigit(*q)) {
		if (c <= 0x10FFFF)
			c = c * (hex ? 16 : 10) + (unsigned long)(hex ? g_ascii_xdigit_value(*q)
								    : g_ascii_digit_value(*q));
		q++;
		digits++;
	}
	if (!digits)
		return NULL;
	if (*q == ';')
		q++;
	gunichar u = (gunichar)c;
	if (c > 0x10FFFF || !g_unichar_validate(u) || is_control(u) || c == 0)
		u = 0xFFFD;
	char buf[8];
	html_text(o, buf, (size_t)g_unichar_to_utf8(u, buf));
	return q;
}

/* An entity at p (the '&'); returns where the text goes on. Unknown ones
 * are left as they are written. */
static const char *html_entity(struct html_out *o, const char *p)
{
	if (p[1] == '#') {
		const char *q = html_number(o, p + 1);
		if (q)
			return q;
	}
	size_t n = 0;
	while (n < 10 && g_ascii_isalnum(p[1 + n]))
		n++;
	if (n && p[1 + n] == ';')
		for (size_t i = 0; i < G_N_ELEMENTS(html_entities); i++)
			if (strlen(html_entities[i].name) == n &&
			    strncmp(html_entities[i].name, p + 1, n) == 0) {
				html_text(o, html_entities[i].text, strlen(html_entities[i].text));
				return p + n + 2;
			}
	html_text(o, "&", 1);
	return p + 1;
}

/* The end of the tag that starts at p ('<'): after its '>'. */
static const char *tag_end(const char *p)
{
	char quote = 0;
	for (p++; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if (*p == '>') {
			return p + 1;
		}
	}
	return p;
}

/* Where "</name" starts after p, or the end of the text: what a browser
 * does not show (scripts, styles) is skipped to there. */
static const char *raw_end(const char *p, const char *name)
{
	size_t n = strlen(name);
	for (; *p; p++)
		if (p[0] == '<' && p[1] == '/' && g_ascii_strncasecmp(p + 2, name, n) == 0)
			return p;
	return p;
}

static bool name_in(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(name, *list) == 0)
			return true;
	return false;
}

static const char *const paragraph_tags[] = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
					     "table", "blockquote", NULL};
static const char *const line_tags[] = {"div", "li", "tr", "dt", "dd", "pre", "hr", "section",
					"article", "header", "footer", "address", NULL};
static const char *const hidden_tags[] = {"script", "style", "title", "template", "noscript",
					  NULL};

/* One tag at p ('<'); returns where the text goes on. */
static const char *html_tag(struct html_out *o, const char *p)
{
	if (strncmp(p, "<!--", 4) == 0) {
		const char *e = strstr(p + 4, "-->");
		return e ? e + 3 : p + strlen(p);
	}
	const char *q = p + 1;
	bool closing = *q == '/';
	q += closing;
	if (!g_ascii_isalpha(*q) && *q != '!' && *q != '?') {
		html_text(o, "<", 1);
		return p + 1;
	}
	char name[16];
	size_t n = 0;
	while (g_ascii_isalnum(*q) && n < sizeof name - 1)
		name[n++] = g_ascii_tolower(*q++);
	name[n] = '\0';
	const char *end = tag_end(p);
	if (!closing && name_in(name, hidden_tags)) {
		const char *close = raw_end(end, name);
		return *close ? tag_end(close) : close;
	}
	if (strcmp(name, "br") == 0)
		html_br(o);
	else if (name_in(name, paragraph_tags))
		html_break(o, 2);
	else if (name_in(name, line_tags))
		html_break(o, 1);
	else if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0)
		o->space = true;
	if (!closing && strcmp(name, "li") == 0)
		html_text(o, "- ", 2);
	return end;
}

/* White space between words; the vertical tab is one too, as in C. */
#define HTML_SPACE " \t\r\n\f\v"

/* Readable text from HTML (valid UTF-8 in, valid UTF-8 out): tags dropped,
 * blocks and <br> as line breaks, entities decoded, white space collapsed,
 * scripts and styles left out. */
static char *html_to_text(const char *html)
{
	struct html_out o = {g_string_new(NULL), false};
	const char *p = html;
	/* Every branch moves p on by at least one byte: the run of text stops
	 * at the very bytes the other branches take (the vertical tab once
	 * was in one set and not the other, and the loop stood still). */
	while (*p) {
		if (*p == '<') {
			p = html_tag(&o, p);
		} else if (*p == '&') {
			p = html_entity(&o, p);
		} else if (strchr(HTML_SPACE, *p)) {
			o.space = true;
			p++;
		} else {
			size_t n = strcspn(p, "<&" HTML_SPACE);
			html_text(&o, p, n);
			p += n;
		}
	}
	return g_string_free(o.s, FALSE);
}

/* ---- parts ---- */

static const char *charset_of(GMimeObject *obj)
{
	return g_mime_object_get_content_type_parameter(obj, "charset");
}

/* The decoded size of a part, counted without keeping the data. */
static size_t part_size(struct mail *m, GMimePart *part)
{
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	if (!w)
		return 0;
	GMimeStream *null = g_mime_stream_null_new();
	if (g_mime_data_wrapper_write_to_stream(w, null) < 0)
		m->io_error = true;
	size_t n = GMIME_STREAM_NULL(null)->written;
	g_object_unref(null);
	return n;
}

/* The decoded content of a part. */
static GByteArray *part_bytes(struct mail *m, GMimePart *part)
{
	GByteArray *ba = g_byte_array_new();
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	if (w) {
		GMimeStream *mem = g_mime_stream_mem_new_with_byte_array(ba);
		g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(mem), FALSE);
		if (g_mime_data_wrapper_write_to_stream(w, mem) < 0)
			m->io_error = true;
		g_object_unref(mem);
	}
	return ba;
}

/* A part's text as valid UTF-8. */
static char *part_text(struct mail *m, GMimePart *part)
{
	GByteArray *ba = part_bytes(m, part);
	char *s = to_utf8((const char *)ba->data, ba->len, charset_of(GMIME_OBJECT(part)));
	g_byte_array_unref(ba);
	return s;
}

static void add_body_text(struct mail *m, GMimePart *part, bool html)
{
	char *s = part_text(m, part);
	if (html) {
		char *t = html_to_text(s);
		g_free(s);
		s = t;
	}
	if (m->body->len)
		g_string_append(m->body, "\n\n");
	g_string_append(m->body, s);
	g_free(s);
}

/* An attachment's name for the screen: no directories (a name is never a
 * path here), no control characters. */
static char *clean_filename(const char *name)
{
	if (!name)
		return NULL;
	const char *base = name;
	for (const char *p = name; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	return clean_line(base, NAME_MAX_BYTES);
}

static void add_attachment(struct mail *m, GMimePart *part)
{
	GMimeObject *obj = GMIME_OBJECT(part);
	struct mail_att a = {0};
	a.name = clean_filename(g_mime_part_get_filename(part));
	char *type = g_mime_content_type_get_mime_type(g_mime_object_get_content_type(obj));
	a.type = g_ascii_strdown(type, -1);
	g_free(type);
	a.size = part_size(m, part);
	if (a.size <= ATTACHMENT_MAX && m->kept + a.size <= MESSAGE_DATA_MAX) {
		GByteArray *ba = part_bytes(m, part);
		if (g_str_has_prefix(a.type, "text/")) {
			a.data = to_utf8((const char *)ba->data, ba->len, charset_of(obj));
			a.size = strlen(a.data);
			g_byte_array_unref(ba);
		} else {
			a.size = ba->len;
			a.data = g_byte_array_free(ba, FALSE);
		}
		m->kept += a.size;
	}
	m->att = g_renew(struct mail_att, m->att, (gsize)m->n_att + 1);
	m->att[m->n_att++] = a;
}

static bool is_signature(GMimeContentType *ct)
{
	return g_mime_content_type_is_type(ct, "application", "pkcs7-signature") ||
	       g_mime_content_type_is_type(ct, "application", "x-pkcs7-signature") ||
	       g_mime_content_type_is_type(ct, "application", "pgp-signature");
}

/* A leaf part: body text, an attachment, or an HTML body's decoration. */
static void walk_part(struct mail *m, GMimePart *part, bool in_related)
{
	GMimeContentType *ct = g_mime_object_get_content_type(GMIME_OBJECT(part));
	/* Pictures of an HTML body are named too ("image001.png") but are
	 * attachments only when they say so. */
	bool attachment = g_mime_part_is_attachment(part) ||
			  (!in_related && g_mime_part_get_filename(part) != NULL);
	bool plain = g_mime_content_type_is_type(ct, "text", "plain");
	bool html = g_mime_content_type_is_type(ct, "text", "html");
	if (!attachment && (plain || html) && part_size(m, part) <= BODY_PART_MAX) {
		add_body_text(m, part, html);
		return;
	}
	if (is_signature(ct) || (!attachment && in_related))
		return;
	add_attachment(m, part);
}

static void walk(struct mail *m, GMimeObject *obj, int depth, bool in_related);

/* Of alternatives, the text/plain one; else the last (the richest). */
static GMimeObject *pick_alternative(GMimeMultipart *mp)
{
	int n = g_mime_multipart_get_count(mp);
	for (int i = 0; i < n; i++) {
		GMimeObject *c = g_mime_multipart_get_part(mp, i);
		if (GMIME_IS_PART(c) && !g_mime_part_is_attachment(GMIME_PART(c)) &&
		    g_mime_content_type_is_type(g_mime_object_get_content_type(c), "text", "plain"))
			return c;
	}
	return n ? g_mime_multipart_get_part(mp, n - 1) : NULL;
}

static void walk_multipart(struct mail *m, GMimeMultipart *mp, int depth, bool in_related)
{
	GMimeContentType *ct = g_mime_object_get_content_type(GMIME_OBJECT(mp));
	if (g_mime_content_type_is_type(ct, "multipart", "alternative")) {
		GMimeObject *c = pick_alternative(mp);
		if (c)
			walk(m, c, depth + 1, in_related);
		return;
	}
	bool related = g_mime_content_type_is_type(ct, "multipart", "related");
	int n = g_mime_multipart_get_count(mp);
	for (int i = 0; i < n && !m->too_deep && !m->too_many; i++)
		walk(m, g_mime_multipart_get_part(mp, i), depth + 1, related);
}

static void walk(struct mail *m, GMimeObject *obj, int depth, bool in_related)
{
	if (depth > DEPTH_MAX) {
		m->too_deep = true;
		return;
	}
	if (++m->parts > PARTS_MAX) {
		m->too_many = true;
		return;
	}
	if (GMIME_IS_MESSAGE_PART(obj)) {
		/* A forwarded mail: its text and attachments are this mail's. */
		GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
		GMimeObject *top = inner ? g_mime_message_get_mime_part(inner) : NULL;
		if (top)
			walk(m, top, depth + 1, false);
	} else if (GMIME_IS_MULTIPART(obj)) {
		walk_multipart(m, GMIME_MULTIPART(obj), depth, in_related);
	} else if (GMIME_IS_PART(obj)) {
		walk_part(m, GMIME_PART(obj), in_related);
	}
}

/* ---- headers ---- */

static InternetAddress *first_mailbox(InternetAddressList *list)
{
	int n = list ? internet_address_list_length(list) : 0;
	for (int i = 0; i < n; i++) {
		InternetAddress *a = internet_address_list_get_address(list, i);
		if (INTERNET_ADDRESS_IS_MAILBOX(a))
			return a;
		if (INTERNET_ADDRESS_IS_GROUP(a)) {
			InternetAddress *in = first_mailbox(
				internet_address_group_get_members(INTERNET_ADDRESS_GROUP(a)));
			if (in)
				return in;
		}
	}
	return NULL;
}

/* The sender as "Name <addr>" (or addr) and its domain; false without one. */
static bool read_sender(GMimeMessage *msg, struct mail *m)
{
	InternetAddress *a = first_mailbox(g_mime_message_get_from(msg));
	if (!a)
		return false;
	char *addr = clean_line(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a)),
				LINE_MAX_BYTES);
	if (!addr)
		return false;
	char *name = clean_line(internet_address_get_name(a), LINE_MAX_BYTES);
	m->sender = name ? g_strdup_printf("%s <%s>", name, addr) : g_strdup(addr);
	const char *at = strrchr(addr, '@');
	if (at && at[1]) {
		/* "xn--bod-2na.kommune.no" is "bodø.kommune.no". */
		char *host = g_hostname_to_unicode(at + 1);
		m->domain = g_utf8_strdown(host ? host : at + 1, -1);
		g_free(host);
		size_t n = strlen(m->domain);
		while (n && m->domain[n - 1] == '.')
			m->domain[--n] = '\0';
	}
	g_free(name);
	g_free(addr);
	return true;
}

static date_t received_date(GMimeMessage *msg, date_t fallback)
{
	GDateTime *dt = g_mime_message_get_date(msg);
	GDateTime *local = dt ? g_date_time_to_local(dt) : NULL;
	if (!local)
		return fallback;
	int y, mo, d;
	g_date_time_get_ymd(local, &y, &mo, &d);
	g_date_time_unref(local);
	return y >= FIRST_YEAR && date_valid_ymd(y, mo, d) ? date_from_ymd(y, mo, d) : fallback;
}

/* Whether the parsed message has any of the headers every mail has one of:
 * a file of something else parses as a message with none. */
static bool has_mail_headers(GMimeMessage *msg)
{
	static const char *const names[] = {"From", "To", "Cc", "Subject", "Date", "Message-ID",
					    "Received", "Return-Path", "Sender", "Reply-To",
					    "Delivered-To", "MIME-Version", "Content-Type"};
	GMimeHeaderList *h = g_mime_object_get_header_list(GMIME_OBJECT(msg));
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
		if (g_mime_header_list_contains(h, names[i]))
			return true;
	return false;
}

/* ---- finding the member ---- */

/* A spelling of a letter in an address or a text written without
 * Norwegian or Sami letters. */
static const struct {
	const char *letter, *alt[2];
} spellings[] = {
	{"æ", {"ae", "a"}}, {"ø", {"o", "oe"}}, {"å", {"a", "aa"}}, {"ä", {"a", "ae"}},
	{"ö", {"o", "oe"}}, {"á", {"a", NULL}}, {"č", {"c", NULL}}, {"đ", {"d", NULL}},
	{"ŋ", {"n", "ng"}}, {"š", {"s", NULL}}, {"ŧ", {"t", NULL}}, {"ž", {"z", NULL}},
	{"ï", {"i", NULL}}, {"é", {"e", NULL}}, {"ü", {"u", NULL}},
};

/* One way a member's name may be written: the whole name, each part of a
 * bilingual name ("Guovdageaidnu - Kautokeino"), or the name without its
 * county ("Herøy (Nordland)"). Lower-case. */
struct name_variant {
	const struct member *m;
	char *name;
	bool ascii_ok; /* long enough to be matched in its ASCII spellings too */
};

struct names {
	struct name_variant *v;
	int n;
};

static void names_add(struct names *ns, const struct member *m, const char *s, size_t len)
{
	while (len && s[len - 1] == ' ')
		len--;
	while (len && *s == ' ')
		s++, len--;
	if (!len)
		return;
	ns->v = g_renew(struct name_variant, ns->v, (gsize)ns->n + 1);
	struct name_variant *v = &ns->v[ns->n++];
	v->m = m;
	v->name = g_strndup(s, len);
	/* Short names ("Bø", "Hå") spelt in ASCII are ordinary words. */
	v->ascii_ok = g_utf8_strlen(v->name, -1) >= 4;
}

static void names_build(struct names *ns, const struct member_register *reg)
{
	memset(ns, 0, sizeof *ns);
	for (int i = 0; i < reg->n_members; i++) {
		const struct member *m = &reg->members[i];
		char *lower = g_utf8_strdown(m->name, -1);
		names_add(ns, m, lower, strlen(lower));
		const char *paren = strstr(lower, " (");
		if (paren)
			names_add(ns, m, lower, (size_t)(paren - lower));
		if (strstr(lower, " - "))
			for (const char *p = lower;;) {
				const char *sep = strstr(p, " - ");
				names_add(ns, m, p, sep ? (size_t)(sep - p) : strlen(p));
				if (!sep)
					break;
				p = sep + 3;
			}
		g_free(lower);
	}
}

static void names_free(struct names *ns)
{
	for (int i = 0; i < ns->n; i++)
		g_free(ns->v[i].name);
	g_free(ns->v);
}

static bool is_separator(gunichar c)
{
	return c == ' ' || c == '\t' || c == '-' || c == 0xA0 || (c >= 0x2010 && c <= 0x2014);
}

static const char *skip_separators(const char *t)
{
	while (*t && is_separator(g_utf8_get_char(t)))
		t = g_utf8_next_char(t);
	return t;
}

/* Where name (lower-case) ends when t starts with it, case aside, or NULL.
 * A space or hyphen in the name matches any run of spaces and dashes, or
 * none ("sør-varanger", "sørvaranger", "midtre-gauldal"); with ascii_ok a
 * letter may also be spelt as in spellings[]. */
static const char *match_name(const char *t, const char *name, bool ascii_ok)
{
	if (*name == '\0')
		return t;
	if (*name == ' ' || *name == '-') {
		while (*name == ' ' || *name == '-')
			name++;
		return match_name(skip_separators(t), name, ascii_ok);
	}
	const char *next = g_utf8_next_char(name);
	if (*t && g_unichar_tolower(g_utf8_get_char(t)) == g_utf8_get_char(name)) {
		const char *r = match_name(g_utf8_next_char(t), next, ascii_ok);
		if (r)
			return r;
	}
	for (size_t i = 0; ascii_ok && i < G_N_ELEMENTS(spellings); i++) {
		if (strncmp(name, spellings[i].letter, (size_t)(next - name)) != 0)
			continue;
		for (int j = 0; j < 2 && spellings[i].alt[j]; j++) {
			size_t n = strlen(spellings[i].alt[j]);
			const char *r = g_ascii_strncasecmp(t, spellings[i].alt[j], n) == 0
						? match_name(t + n, next, ascii_ok)
						: NULL;
			if (r)
				return r;
		}
	}
	return NULL;
}

/* Several clues may name the same member; two different ones cancel out. */
struct pick {
	const struct member *m;
	bool several;
};

static void pick_add(struct pick *p, const struct member *m)
{
	if (!p->m)
		p->m = m;
	else if (p->m != m)
		p->several = true;
}

/* The member a domain label ("bodo", "sor-varanger") names, of a kind. */
static const struct member *member_of_label(const struct names *ns, const char *label, size_t len,
					    enum member_kind kind)
{
	if (!len)
		return NULL;
	char *l = g_strndup(label, len);
	struct pick p = {0};
	for (int i = 0; i < ns->n; i++) {
		const char *end = ns->v[i].m->kind == kind ? match_name(l, ns->v[i].name, true) : NULL;
		if (end && *end == '\0')
			pick_add(&p, ns->v[i].m);
	}
	g_free(l);
	return p.several ? NULL : p.m;
}

/* The member a sender's domain names: <name>.kommune.no (or a subdomain
 * of it) for a municipality, <name>fylke.no or <name>fylkeskommune.no for a
 * county. */
static const struct member *member_of_domain(const struct names *ns, const char *domain)
{
	size_t n = strlen(domain);
	static const char kommune[] = ".kommune.no";
	if (n > strlen(kommune) && g_str_has_suffix(domain, kommune)) {
		size_t end = n - strlen(kommune), start = end;
		while (start && domain[start - 1] != '.')
			start--;
		return member_of_label(ns, domain + start, end - start, MEMBER_MUNICIPALITY);
	}
	if (!g_str_has_suffix(domain, ".no"))
		return NULL;
	size_t end = n - 3, start = end;
	while (start && domain[start - 1] != '.')
		start--;
	static const char *const suffixes[] = {"fylkeskommune", "fylke"};
	for (size_t i = 0; i < G_N_ELEMENTS(suffixes); i++) {
		size_t s = strlen(suffixes[i]);
		if (end - start > s && strncmp(domain + end - s, suffixes[i], s) == 0)
			return member_of_label(ns, domain + start, end - start - s, MEMBER_COUNTY);
	}
	return NULL;
}

/* The kind of member the word at t stands for: "kommune" (and its
 * compounds "kommunestyret", "kommunens"), the Sami "suohkan", "gielda",
 * "tjïelte", the Nynorsk "herad"; "fylke" ("fylkeskommune", "fylkestinget").
 * -1 for any other word. */
static int kind_word(const char *t)
{
	while (*t && g_unichar_isspace(g_utf8_get_char(t)))
		t = g_utf8_next_char(t);
	static const char *const municipality[] = {"kommune", "suohkan", "gielda", "tjïelte", "herad"};
	for (size_t i = 0; i < G_N_ELEMENTS(municipality); i++)
		if (g_ascii_strncasecmp(t, municipality[i], strlen(municipality[i])) == 0)
			return MEMBER_MUNICIPALITY;
	return g_ascii_strncasecmp(t, "fylke", 5) == 0 ? MEMBER_COUNTY : -1;
}

/* Members named in text as "<name> kommune" or "<name> fylkeskommune" (see
 * kind_word); a name alone may be a place, a person or a word ("Time"). In
 * a body, where text runs on, the name must also start with a capital. */
static void names_in_text(const struct names *ns, const char *text, bool capital, struct pick *p)
{
	gunichar prev = ' ';
	for (const char *t = text; *t; t = g_utf8_next_char(t)) {
		gunichar c = g_utf8_get_char(t);
		bool start = !g_unichar_isalnum(prev) && g_unichar_isalnum(c);
		prev = c;
		if (!start || (capital && !g_unichar_isupper(c)))
			continue;
		for (int i = 0; i < ns->n; i++) {
			const char *end = match_name(t, ns->v[i].name, ns->v[i].ascii_ok);
			if (end && !(*end && g_unichar_isalnum(g_utf8_get_char(end))) &&
			    kind_word(end) == (int)ns->v[i].m->kind)
				pick_add(p, ns->v[i].m);
		}
	}
}

/* Member numbers standing alone in a subject: "vedtak 1804", "Bodø kommune
 * (1804)"; a county's two digits only in brackets, "(18)". Numbers that are
 * part of a date, a case number or an amount ("13.02.2024", "24/1804") are
 * not. */
static void numbers_in_subject(const struct member_register *reg, const char *s, struct pick *p)
{
	for (const char *q = s; *q;) {
		if (!g_ascii_isdigit(*q)) {
			q++;
			continue;
		}
		const char *e = q;
		while (g_ascii_isdigit(*e))
			e++;
		size_t n = (size_t)(e - q);
		bool glued = (q - s >= 2 && strchr("/.:,-", q[-1]) && g_ascii_isdigit(q[-2])) ||
			     (*e && strchr("/.:,-", *e) && g_ascii_isdigit(e[1]));
		char num[5];
		if (n == 4 && !glued) {
			memcpy(num, q, 4);
			num[4] = '\0';
			const struct member *m = members_find(reg, num);
			if (m && m->kind == MEMBER_MUNICIPALITY)
				pick_add(p, m);
		} else if (n == 2 && q > s && q[-1] == '(' && *e == ')') {
			memcpy(num, q, 2);
			num[2] = '\0';
			const struct member *m = members_county(reg, num);
			if (m)
				pick_add(p, m);
		}
		q = e;
	}
}

/* Member numbers in a body, only where they are said to be one:
 * "Kommunenr. 1870", "kommunenummer: 1870", "fylkesnr 18". */
static void numbers_in_body(const struct member_register *reg, const char *s, struct pick *p)
{
	static const struct {
		const char *word;
		size_t digits;
	} words[] = {{"kommunenummer", 4}, {"kommunenr", 4}, {"knr", 4},
		     {"fylkesnummer", 2}, {"fylkesnr", 2}};
	for (const char *q = s; *q; q++) {
		if (q > s && g_ascii_isalnum(q[-1]))
			continue;
		for (size_t i = 0; i < G_N_ELEMENTS(words); i++) {
			size_t wl = strlen(words[i].word);
			if (g_ascii_strncasecmp(q, words[i].word, wl) != 0)
				continue;
			const char *d = q + wl;
			while (*d == '.' || *d == ':' || *d == ' ')
				d++;
			size_t n = strspn(d, "0123456789");
			if (n != words[i].digits)
				continue;
			char num[5];
			memcpy(num, d, n);
			num[n] = '\0';
			const struct member *m = n == 4 ? members_find(reg, num) : members_county(reg, num);
			if (m && m->kind == (n == 4 ? MEMBER_MUNICIPALITY : MEMBER_COUNTY))
				pick_add(p, m);
		}
	}
}

/* The first lines of a body, where a letter says who it is from. */
static char *body_start(const char *body)
{
	GString *s = g_string_new(NULL);
	int lines = 0;
	for (const char *p = body; *p && lines < BODY_SCAN_LINES && s->len < BODY_SCAN_BYTES;) {
		size_t n = strcspn(p, "\n");
		if (n) {
			g_string_append_len(s, p, (gssize)n);
			g_string_append_c(s, '\n');
			lines++;
		}
		p += n + (p[n] == '\n');
	}
	char *r = g_string_free(s, FALSE);
	cut_utf8(r, BODY_SCAN_BYTES);
	return r;
}

static const struct member *member_in_body(const struct import_ctx *ctx, const struct names *ns,
					   const char *body)
{
	char *start = body_start(body);
	struct pick p = {0};
	numbers_in_body(ctx->cycle->reg, start, &p);
	names_in_text(ns, start, true, &p);
	g_free(start);
	return p.several ? NULL : p.m;
}

/* The member a mail is from, or NULL with, when clues contradict each
 * other, the reason in *why (g_malloc'd):
 * 1. the subject: a member number, else a member's name ("Bodø kommune");
 *    a subject that names two members is not trusted;
 * 2. the sender's domain;
 *    but when the subject and the domain name different members (a forged
 *    or mistyped number, a mail sent on another's behalf), neither is
 *    trusted: staff decide;
 * 3. the first lines of the body: a number given as one, or a name.
 * A mail from an address that is no member's (a private or a consultant's
 * address) names a member in its subject or body only: when that member has
 * a resolution already, the mail would replace it, so staff decide. */
static const struct member *identify(const struct import_ctx *ctx, const struct names *ns,
				     const struct mail *m, char **why)
{
	struct pick num = {0}, name = {0};
	*why = NULL;
	if (m->subject) {
		numbers_in_subject(ctx->cycle->reg, m->subject, &num);
		names_in_text(ns, m->subject, false, &name);
	}
	const struct member *dom = m->domain ? member_of_domain(ns, m->domain) : NULL;
	if (num.several || name.several || (num.m && name.m && num.m != name.m)) {
		*why = g_strdup(_("the subject names more than one member"));
		return NULL;
	}
	const struct member *claim = num.m ? num.m : name.m;
	if (claim && dom && claim != dom) {
		*why = g_strdup_printf(_("the subject names %s %s, but the sender %s is %s %s"),
				       claim->number, claim->name, m->domain, dom->number, dom->name);
		return NULL;
	}
	if (dom)
		return dom;
	const struct member *said = claim ? claim
				    : m->body ? member_in_body(ctx, ns, m->body->str) : NULL;
	if (said && submission_member_has_one(ctx->st, ctx->cycle->id, said->number)) {
		*why = g_strdup_printf(_("the sender %s is no member's address, and %s %s has "
					 "sent a resolution already"),
				       m->domain ? m->domain : "?", said->number, said->name);
		return NULL;
	}
	return said;
}

/* ---- what a resolution says about itself ---- */

static const char *const month_names[] = {"januar", "februar", "mars", "april", "mai", "juni",
					  "juli", "august", "september", "oktober", "november",
					  "desember"};

static int read_int(const char **p, int min_digits, int max_digits)
{
	int v = 0, n = 0;
	while (n < max_digits && g_ascii_isdigit(**p)) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n >= min_digits && !g_ascii_isdigit(**p) ? v : -1;
}

/* A date written at s: "13.02.2024", "13.2.2024" or "13. februar 2024". */
static bool date_at(const char *s, date_t *out)
{
	const char *p = s;
	int d = read_int(&p, 1, 2), mo = -1;
	if (d < 0 || *p++ != '.')
		return false;
	if (g_ascii_isdigit(*p)) {
		mo = read_int(&p, 1, 2);
		if (mo < 0 || *p++ != '.')
			return false;
	} else {
		while (*p == ' ')
			p++;
		for (int i = 0; i < 12 && mo < 0; i++) {
			size_t n = strlen(month_names[i]);
			if (g_ascii_strncasecmp(p, month_names[i], n) == 0 && !g_ascii_isalpha(p[n])) {
				mo = i + 1;
				p += n;
			}
		}
		if (mo < 0 || *p != ' ')
			return false;
		while (*p == ' ')
			p++;
	}
	int y = read_int(&p, 4, 4);
	if (y < FIRST_YEAR || !date_valid_ymd(y, mo, d))
		return false;
	*out = date_from_ymd(y, mo, d);
	return true;
}

/* The day the council decided: a date shortly after "møte" ("i møte
 * 13.02.2024", "møte den 13. februar 2024"), or after the other words a
 * resolution is announced with, in that order. */
static date_t decided_date(const char *body)
{
	static const char *const words[] = {"møte", "čoahkkim", "behandl", "vedt", "kommunestyre",
					    "bystyre", "fylkesting"};
	for (size_t i = 0; i < G_N_ELEMENTS(words); i++) {
		size_t wl = strlen(words[i]);
		for (const char *p = body; *p; p++) {
			if (g_ascii_strncasecmp(p, words[i], wl) != 0)
				continue;
			const char *from = p + wl;
			for (const char *q = from; *q && q < from + 80; q++) {
				date_t d;
				if (g_ascii_isdigit(*q) && !g_ascii_isdigit(q[-1]) && date_at(q, &d))
					return d;
			}
		}
	}
	return DATE_NONE;
}

/* The council's case number: "PS 24/17", "sak 12/24", "sak nr. 12/24",
 * "saksnr. 12/24", the Sami "ášši 5/24", kept as "PS 24/17" or "sak 12/24". */
static char *reference_in(const char *s)
{
	static const struct {
		const char *word, *as;
	} words[] = {{"ps", "PS"}, {"saksnr", "sak"}, {"sak", "sak"}, {"ášši", "sak"}};
	for (const char *p = s; *p; p++) {
		if (p > s && g_ascii_isalnum(p[-1]))
			continue;
		for (size_t i = 0; i < G_N_ELEMENTS(words); i++) {
			size_t wl = strlen(words[i].word);
			const char *q = p + wl;
			if (g_ascii_strncasecmp(p, words[i].word, wl) != 0 || g_ascii_isalnum(*q))
				continue;
			while (*q == ' ' || *q == '.' || *q == ':')
				q++;
			if (g_ascii_strncasecmp(q, "nr", 2) == 0 && !g_ascii_isalnum(q[2]))
				for (q += 2; *q == ' ' || *q == '.' || *q == ':'; q++)
					;
			size_t a = strspn(q, "0123456789");
			size_t b = a && q[a] == '/' ? strspn(q + a + 1, "0123456789") : 0;
			if (a && a <= 4 && b && b <= 6 && !g_ascii_isdigit(q[a + 1 + b]))
				return g_strdup_printf("%s %.*s", words[i].as, (int)(a + 1 + b), q);
		}
	}
	return NULL;
}

/* The body that decided, by the first one the text mentions. */
static const char *body_by(const char *text)
{
	static const struct {
		const char *word, *body;
	} words[] = {{"kommunestyre", "kommunestyret"}, {"bystyre", "bystyret"},
		     {"fylkesting", "fylkestinget"}};
	for (const char *p = text; p && *p; p++)
		for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
			if (g_ascii_strncasecmp(p, words[i].word, strlen(words[i].word)) == 0)
				return words[i].body;
	return NULL;
}

/* ---- one message ---- */

static void gmime_once(void)
{
	static bool done;
	if (!done) {
		g_mime_init();
		done = true;
	}
}

/* The SHA-256 of a file, read in pieces (a mail may be large). */
static char *hash_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	unsigned char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		g_checksum_update(sum, buf, n);
	bool ok = !ferror(fp);
	fclose(fp);
	char *h = ok ? xstrdup(g_checksum_get_string(sum)) : NULL;
	g_checksum_free(sum);
	return h;
}

/* Why GMime must not be given the file (see mail_scan.h), or NULL: more
 * lines that may start a part than a mail of PARTS_MAX parts has, or
 * address groups nested deeper than any mail's (RFC 5322 nests none). The
 * reason is in a static buffer. */
static const char *beyond_gmime(int fd)
{
	static char why[160];
	struct mail_scan sc;
	if (mail_scan_fd(fd, &sc) != 0)
		snprintf(why, sizeof why, _("cannot read: %s"), strerror(errno));
	else if (sc.boundaries > 2 * PARTS_MAX)
		snprintf(why, sizeof why, _("the mail has more than %d parts"), PARTS_MAX);
	else if (sc.groups > GROUPS_MAX)
		snprintf(why, sizeof why, _("an address header nests groups more than %d deep"),
			 GROUPS_MAX);
	else
		return NULL;
	return why;
}

/* Whether the file starts as a mail does: with a header ("Name: value") or
 * an mbox "From " line. */
static const char *not_a_mail(int fd, bool *mbox)
{
	char buf[1024];
	ssize_t n = pread(fd, buf, sizeof buf, 0);
	*mbox = false;
	if (n <= 0)
		return n == 0 ? _("the file is empty") : strerror(errno);
	if (n >= 5 && memcmp(buf, "From ", 5) == 0) {
		*mbox = true;
		return NULL;
	}
	ssize_t i = 0;
	while (i < n && buf[i] > ' ' && buf[i] < 0x7F && buf[i] != ':')
		i++;
	if (i == 0 || i >= n || buf[i] != ':')
		return _("it does not start with mail headers");
	return NULL;
}

/* Reads everything the submission needs from a parsed message; reports
 * every problem. */
static int read_message(struct import_ctx *ctx, struct mail *m, GMimeMessage *msg)
{
	m->message_id = clean_line(g_mime_message_get_message_id(msg), LINE_MAX_BYTES);
	if (!has_mail_headers(msg)) {
		problem(ctx, m, _("not a mail message: %s"), _("it has no mail headers"));
		return -1;
	}
	int rc = 0;
	m->subject = clean_line(g_mime_message_get_subject(msg), LINE_MAX_BYTES);
	if (!read_sender(msg, m)) {
		problem(ctx, m, "%s", _("the mail has no sender (From)"));
		rc = -1;
	}
	date_t today = ctx->opts->today != DATE_NONE ? ctx->opts->today : date_today();
	m->received = received_date(msg, today);
	GString *raw = g_string_new(NULL);
	m->body = raw;
	GMimeObject *top = g_mime_message_get_mime_part(msg);
	if (top)
		walk(m, top, 0, false);
	char *body = tidy_text(raw->str);
	g_string_assign(m->body, body);
	g_free(body);
	if (m->too_deep) {
		problem(ctx, m, "%s", _("the mail's parts are nested too deeply"));
		rc = -1;
	}
	if (m->too_many) {
		problem(ctx, m, _("the mail has more than %d parts"), PARTS_MAX);
		rc = -1;
	}
	if (m->io_error) {
		problem(ctx, m, "%s", _("a part of the mail cannot be read"));
		rc = -1;
	}
	if (!m->body->len && !m->n_att && !m->too_deep && !m->too_many) {
		problem(ctx, m, "%s", _("the mail has no text and no attachments"));
		rc = -1;
	}
	return rc;
}

static int parse_file(struct import_ctx *ctx, struct mail *m)
{
	int fd = open(m->path, O_RDONLY);
	if (fd < 0) {
		problem(ctx, m, _("cannot read: %s"), strerror(errno));
		return -1;
	}
	bool mbox;
	const char *why = not_a_mail(fd, &mbox);
	if (why) {
		problem(ctx, m, _("not a mail message: %s"), why);
		close(fd);
		return -1;
	}
	if ((why = beyond_gmime(fd)) != NULL) {
		problem(ctx, m, "%s", why);
		close(fd);
		return -1;
	}
	GMimeStream *stream = g_mime_stream_fs_new(fd); /* closes fd */
	GMimeParser *parser = g_mime_parser_new_with_stream(stream);
	if (mbox)
		g_mime_parser_set_format(parser, GMIME_FORMAT_MBOX);
	/* 8-bit headers without a charset: UTF-8 if they are, else windows-1252. */
	GMimeParserOptions *opts = g_mime_parser_options_new();
	const char *fallback[] = {"utf-8", "windows-1252", NULL};
	g_mime_parser_options_set_fallback_charsets(opts, fallback);
	GMimeMessage *msg = g_mime_parser_construct_message(parser, opts);
	int rc = -1;
	if (msg) {
		rc = read_message(ctx, m, msg);
		g_object_unref(msg);
	} else {
		problem(ctx, m, _("not a mail message: %s"), _("it cannot be parsed"));
	}
	g_mime_parser_options_free(opts);
	g_object_unref(parser);
	g_object_unref(stream);
	return rc;
}

/* "FILE <Message-ID>", and why it was not matched when clues disagreed. */
static char *origin_of(const struct mail *m, const char *why)
{
	GString *s = g_string_new(m->path);
	if (m->message_id)
		g_string_append_printf(s, " <%s>", m->message_id);
	if (why) {
		g_string_append(s, "; ");
		g_string_append_printf(s, _("not matched: %s"), why);
	}
	return g_string_free(s, FALSE);
}

static int add_submission(struct import_ctx *ctx, struct mail *m)
{
	char *hash;
	if (m->message_id) {
		char *key = g_strconcat("msgid:", m->message_id, NULL);
		hash = import_hash(key, strlen(key));
		g_free(key);
	} else if (!(hash = hash_file(m->path))) {
		problem(ctx, m, _("cannot read: %s"), strerror(errno));
		return -1;
	}
	struct names ns;
	names_build(&ns, ctx->cycle->reg);
	char *why;
	const struct member *member = identify(ctx, &ns, m, &why);
	names_free(&ns);
	char *reference = m->subject ? reference_in(m->subject) : NULL;
	if (!reference)
		reference = reference_in(m->body->str);
	const char *by = body_by(m->body->str);
	char *origin = origin_of(m, why);
	struct attachment_in *att = g_new0(struct attachment_in, (gsize)m->n_att + 1);
	for (int i = 0; i < m->n_att; i++)
		att[i] = (struct attachment_in){m->att[i].name, m->att[i].type, m->att[i].data,
						m->att[i].size};
	struct submission_in in = {
		.cycle_id = ctx->cycle->id,
		.member = member ? member->number : NULL,
		.received = m->received,
		.decided = decided_date(m->body->str),
		.body_by = by ? by : body_by(m->subject),
		.reference = reference,
		.body = m->body->str,
		.source = "mail",
		.content_hash = hash,
		.message_id = m->message_id,
		.sender = m->sender,
		.subject = m->subject,
		.origin = origin,
		.attachments = att,
		.n_attachments = m->n_att,
	};
	int rc = import_add(ctx, &in);
	g_free(att);
	g_free(origin);
	g_free(reference);
	g_free(why);
	free(hash);
	return rc;
}

int import_mail_file(struct import_ctx *ctx, const char *path)
{
	gmime_once();
	struct mail m = {.path = path, .received = DATE_NONE};
	int rc = parse_file(ctx, &m);
	if (rc == 0)
		rc = add_submission(ctx, &m);
	mail_free(&m);
	import_step(ctx);
	return rc;
}
