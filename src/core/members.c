#include "members.h"
#include "../i18n.h"
#include "text.h"
#include "util.h"
#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIELDS 8

/* Splits one line of a register file into fields. Register files are plain
 * CSV; a field may be double-quoted with "" for a quote. Returns the count,
 * or -1 on an unterminated quote. */
static int split_line(char *line, char **f, int max)
{
	int n = 0;
	char *p = line;
	for (;;) {
		if (n == max)
			return n + 1;
		if (*p == '"') {
			char *w = ++p;
			f[n++] = w;
			for (;;) {
				if (*p == '\0')
					return -1;
				if (*p == '"' && p[1] == '"') {
					*w++ = '"';
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					*w++ = *p++;
				}
			}
			*w = '\0';
			if (*p == ',')
				p++;
			else if (*p == '\0')
				return n;
			else
				return -1;
		} else {
			f[n++] = p;
			char *c = strchr(p, ',');
			if (!c)
				return n;
			*c = '\0';
			p = c + 1;
		}
	}
}

static bool all_digits(const char *s, size_t len)
{
	if (strlen(s) != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static void chomp(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

struct reader {
	const char *path;
	struct member_register *reg;
	struct diags *errs;
	int bad;
};

static void add_member(struct member_register *reg, const char *number, const char *county,
		       enum member_kind kind, const char *name)
{
	reg->members = xrealloc(reg->members, (size_t)(reg->n_members + 1) * sizeof *reg->members);
	struct member *m = &reg->members[reg->n_members++];
	memset(m, 0, sizeof *m);
	snprintf(m->number, sizeof m->number, "%s", number);
	snprintf(m->county, sizeof m->county, "%s", county);
	m->kind = kind;
	m->name = xstrdup(name);
}

static void fail(struct reader *r, int line, const char *msg)
{
	diags_add(r->errs, r->path, line, "%s", msg);
	r->bad++;
}

/* One data row. The municipality file has number,name,county_number,...;
 * the county file number,name. */
static void read_row(struct reader *r, int line, char **f, int nf, enum member_kind kind)
{
	size_t digits = kind == MEMBER_MUNICIPALITY ? 4 : 2;
	int want = kind == MEMBER_MUNICIPALITY ? 3 : 2;
	if (nf < want) {
		fail(r, line, kind == MEMBER_MUNICIPALITY
			      ? _("expected number,name,county_number on this line")
			      : _("expected number,name on this line"));
		return;
	}
	if (!all_digits(f[0], digits)) {
		diags_add(r->errs, r->path, line, _("\"%s\" is not a %zu-digit number"), f[0], digits);
		r->bad++;
		return;
	}
	if (!text_valid_utf8(f[1]) || f[1][0] == '\0') {
		fail(r, line, _("the name is empty or not valid UTF-8"));
		return;
	}
	if (members_find(r->reg, f[0])) {
		diags_add(r->errs, r->path, line, _("number %s appears twice"), f[0]);
		r->bad++;
		return;
	}
	const char *county = kind == MEMBER_MUNICIPALITY ? f[2] : f[0];
	if (kind == MEMBER_MUNICIPALITY && (!all_digits(county, 2) || strncmp(f[0], county, 2) != 0)) {
		diags_add(r->errs, r->path, line,
			  _("county number %s does not match municipality number %s"), county, f[0]);
		r->bad++;
		return;
	}
	add_member(r->reg, f[0], county, kind, f[1]);
}

static int read_file(struct reader *r, enum member_kind kind)
{
	FILE *fp = fopen(r->path, "r");
	if (!fp) {
		diags_add(r->errs, r->path, 0, _("cannot read the register file: %s"), strerror(errno));
		return -1;
	}
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0, rows = 0;
	while (getline(&line, &cap, fp) > 0) {
		lineno++;
		chomp(line);
		char *p = line;
		if (lineno == 1 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
		    (unsigned char)p[2] == 0xBF)
			p += 3;
		if (*p == '\0')
			continue;
		char *f[MAX_FIELDS];
		int nf = split_line(p, f, MAX_FIELDS);
		if (nf < 0) {
			fail(r, lineno, _("unterminated quote"));
			continue;
		}
		if (lineno == 1) {
			if (strcmp(f[0], "number") != 0)
				fail(r, 1, _("the first line must be the header, starting with \"number\""));
			continue;
		}
		read_row(r, lineno, f, nf, kind);
		rows++;
	}
	free(line);
	fclose(fp);
	if (rows == 0 && !r->bad)
		fail(r, lineno, _("the register file has no members"));
	return r->bad ? -1 : 0;
}

int members_load(struct member_register *reg, struct diags *errs)
{
	struct reader r = {reg->municipalities_path, reg, errs, 0};
	int rc = read_file(&r, MEMBER_MUNICIPALITY);
	reg->n_municipalities = reg->n_members;
	struct reader rc2 = {reg->counties_path, reg, errs, 0};
	rc |= read_file(&rc2, MEMBER_COUNTY);
	reg->n_counties = reg->n_members - reg->n_municipalities;
	if (rc == 0) {
		for (int i = 0; i < reg->n_municipalities; i++) {
			if (!members_county(reg, reg->members[i].county)) {
				diags_add(errs, reg->municipalities_path, 0,
					  _("municipality %s lies in county %s, which is not in %s"),
					  reg->members[i].number, reg->members[i].county,
					  reg->counties_path);
				rc = -1;
			}
		}
	}
	/* An import looks a member up twice a row: by hash, not by 372 compares. */
	if (rc == 0) {
		reg->by_number = g_hash_table_new(g_str_hash, g_str_equal);
		for (int i = 0; i < reg->n_members; i++)
			g_hash_table_insert(reg->by_number, reg->members[i].number, &reg->members[i]);
	}
	return rc;
}

void members_free(struct member_register *reg)
{
	if (reg->by_number)
		g_hash_table_destroy(reg->by_number);
	for (int i = 0; i < reg->n_members; i++)
		free(reg->members[i].name);
	free(reg->members);
	free(reg->id);
	free(reg->municipalities_path);
	free(reg->counties_path);
	memset(reg, 0, sizeof *reg);
}

const struct member *members_find(const struct member_register *reg, const char *number)
{
	if (reg->by_number)
		return g_hash_table_lookup(reg->by_number, number);
	for (int i = 0; i < reg->n_members; i++)
		if (strcmp(reg->members[i].number, number) == 0)
			return &reg->members[i];
	return NULL;
}

const struct member *members_county(const struct member_register *reg, const char *county)
{
	for (int i = reg->n_municipalities; i < reg->n_members; i++)
		if (strcmp(reg->members[i].number, county) == 0)
			return &reg->members[i];
	return NULL;
}

/* ---- lookup by number or name ---- */

/* Whether the n bytes at b are a (NUL-terminated, NFC) in any case. Simple
 * per-character case mapping suffices for the register's Norwegian and Sami
 * letters, and allocates nothing, so a lookup stays cheap. */
static bool caseeq_n(const char *a, const char *b, size_t n)
{
	const char *end = b + n;
	while (*a && b < end) {
		gunichar ca = g_utf8_get_char(a), cb = g_utf8_get_char(b);
		if (ca != cb && g_unichar_tolower(ca) != g_unichar_tolower(cb))
			return false;
		a = g_utf8_next_char(a);
		b = g_utf8_next_char(b);
	}
	return *a == '\0' && b == end;
}

/* Whether text names the member: the whole name, one of its " - " parts
 * (the Norwegian, Sami and Kven forms), or a part without its " (...)". */
static bool name_matches(const char *name, const char *text)
{
	if (caseeq_n(text, name, strlen(name)))
		return true;
	const char *p = name;
	for (;;) {
		const char *sep = strstr(p, " - ");
		size_t len = sep ? (size_t)(sep - p) : strlen(p);
		if (caseeq_n(text, p, len))
			return true;
		const char *paren = len && p[len - 1] == ')' ? strstr(p, " (") : NULL;
		if (paren && paren < p + len && caseeq_n(text, p, (size_t)(paren - p)))
			return true;
		if (!sep)
			return false;
		p = sep + 3;
	}
}

static int lookup_number(const struct member_register *reg, const char *digits, size_t len,
			 const struct member **out)
{
	char num[5];
	if (len != 2 && len != 4)
		return -1;
	memcpy(num, digits, len);
	num[len] = '\0';
	*out = members_find(reg, num);
	return *out ? 0 : -1;
}

int members_lookup(const struct member_register *reg, const char *text, const struct member **out,
		   const struct member **other)
{
	*out = NULL;
	if (other)
		*other = NULL;
	while (*text == ' ' || *text == '\t')
		text++;
	size_t len = strlen(text);
	while (len && strchr(" \t\r\n", text[len - 1]))
		len--;
	if (len == 0 || !g_utf8_validate(text, (gssize)len, NULL))
		return -1;
	size_t digits = strspn(text, "0123456789");
	if (digits == len)
		return lookup_number(reg, text, len, out);
	/* Names from a Mac or a web form may come decomposed (a + combining
	 * ring); the register is composed. */
	char *nfc = g_utf8_normalize(text, (gssize)len, G_NORMALIZE_DEFAULT_COMPOSE);
	int rc = -1;
	for (int i = 0; nfc && i < reg->n_members; i++) {
		if (!name_matches(reg->members[i].name, nfc))
			continue;
		if (!*out) {
			*out = &reg->members[i];
			rc = 0;
		} else {
			if (other)
				*other = &reg->members[i];
			rc = -2;
			break;
		}
	}
	g_free(nfc);
	return rc;
}
