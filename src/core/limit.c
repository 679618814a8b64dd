#include "limit.h"
#include "../i18n.h"
#include "status.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct builder {
	char *where;
	struct limit *l;
	const char *user; /* for "mine" */
};

static void add_cond(struct builder *b, const char *cond)
{
	char *w = b->where ? xasprintf("%s AND %s", b->where, cond) : xstrdup(cond);
	free(b->where);
	b->where = w;
}

static void add_param(struct limit *l, const char *v)
{
	ptrs_push((void ***)&l->params, &l->n_params, xstrdup(v));
}

char *limit_fts_query(const char *words)
{
	char *copy = xstrdup(words), *save = NULL, *out = xstrdup("");
	for (char *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		/* A double quote inside a quoted FTS string is written twice. */
		char *q = xmalloc(strlen(w) * 2 + 1), *o = q;
		for (const char *p = w; *p; p++) {
			if (*p == '"')
				*o++ = '"';
			*o++ = *p;
		}
		*o = '\0';
		char *next = xasprintf("%s%s\"%s\"*", out, out[0] ? " " : "", q);
		free(q);
		free(out);
		out = next;
	}
	free(copy);
	return out;
}

/* A region by code, or by the start of its name ("møre" for Møre og Romsdal). */
static const struct region *find_region(const struct settings *s, const char *v)
{
	const struct region *r = settings_region(s, v);
	for (int i = 0; !r && i < s->n_regions; i++)
		if (strncasecmp(s->regions[i].name, v, strlen(v)) == 0)
			r = &s->regions[i];
	return r;
}

static int term_region(struct builder *b, const struct settings *s, const char *v,
		       struct diags *errs)
{
	const struct region *r = find_region(s, v);
	if (!r) {
		diags_add(errs, NULL, 0, _("no region \"%s\"; write region: with a region's code"), v);
		return -1;
	}
	add_cond(b, "s.member IN (SELECT m.number FROM member m JOIN region_county rc"
		    " ON rc.county = m.county WHERE rc.region_code = ?)");
	add_param(b->l, r->code);
	return 0;
}

static int term_status(struct builder *b, const char *v, struct diags *errs)
{
	enum sub_status st;
	bool ok = status_parse(v, &st);
	for (int i = 0; !ok && i < STATUS_COUNT; i++)
		if (strcasecmp(v, status_label((enum sub_status)i)) == 0)
			st = (enum sub_status)i, ok = true;
	if (!ok) {
		diags_add(errs, NULL, 0,
			  _("no status \"%s\"; use new, approved, follow-up or rejected"), v);
		return -1;
	}
	add_cond(b, "s.status = ?");
	add_param(b->l, status_key(st));
	return 0;
}

static int term_text(struct builder *b, const char *v)
{
	char *q = limit_fts_query(v);
	add_cond(b, "s.id IN (SELECT rowid FROM submission_fts WHERE submission_fts MATCH ?)");
	add_param(b->l, q);
	free(q);
	return 0;
}

/* "%v%" for LIKE, with LIKE's own wildcards in v taken literally: a name
 * part "%" or "_" matches only names that hold one. */
static char *like_pattern(const char *v)
{
	struct sbuf b = {0};
	sb_putc(&b, '%');
	for (const char *p = v; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			sb_putc(&b, '\\');
		sb_putc(&b, *p);
	}
	sb_putc(&b, '%');
	return sb_take(&b);
}

static int term_member(struct builder *b, const char *v)
{
	char *like = like_pattern(v);
	add_cond(b, "s.member IN (SELECT number FROM member WHERE number = ?"
		    " OR name LIKE ? ESCAPE '\\')");
	add_param(b->l, v);
	add_param(b->l, like);
	free(like);
	return 0;
}

/* Words without a colon. */
static int term_word(struct builder *b, const char *w, struct diags *errs)
{
	static const struct { const char *word, *cond; } words[] = {
		{"unmatched", "s.member IS NULL"},
		{"new", "s.status = 'new'"},
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcasecmp(w, words[i].word) == 0) {
			add_cond(b, words[i].cond);
			return 0;
		}
	/* Lateness needs the member's deadline; the list decides it row by row. */
	if (strcasecmp(w, "late") == 0) {
		b->l->late = true;
		return 0;
	}
	if (strcasecmp(w, "ontime") == 0) {
		b->l->ontime = true;
		return 0;
	}
	if (strcasecmp(w, "missing") == 0) {
		b->l->missing = true;
		return 0;
	}
	if (strcasecmp(w, "mine") == 0 && b->user) {
		add_cond(b, "s.assignee = ?");
		add_param(b->l, b->user);
		return 0;
	}
	diags_add(errs, NULL, 0,
		  _("\"%s\" is not a limit; use region:CODE status:STATUS member:NAME text:WORDS "
		    "assigned:LOGIN late ontime unmatched missing mine"), w);
	return -1;
}

static int term(struct builder *b, const struct settings *s, char *t, struct diags *errs)
{
	char *colon = strchr(t, ':');
	if (!colon)
		return term_word(b, t, errs);
	*colon = '\0';
	const char *v = colon + 1;
	if (!*v) {
		diags_add(errs, NULL, 0, _("\"%s:\" needs a value after the colon"), t);
		return -1;
	}
	if (strcasecmp(t, "region") == 0)
		return term_region(b, s, v, errs);
	if (strcasecmp(t, "status") == 0)
		return term_status(b, v, errs);
	if (strcasecmp(t, "text") == 0)
		return term_text(b, v);
	if (strcasecmp(t, "member") == 0)
		return term_member(b, v);
	if (strcasecmp(t, "cycle") == 0) {
		if (strcasecmp(v, "all") == 0) {
			b->l->all_cycles = true;
			return 0;
		}
		add_cond(b, "s.cycle_id = ?");
		add_param(b->l, v);
		b->l->all_cycles = true;
		return 0;
	}
	if (strcasecmp(t, "assigned") == 0) {
		add_cond(b, "s.assignee = ?");
		add_param(b->l, v);
		return 0;
	}
	diags_add(errs, NULL, 0,
		  _("\"%s:\" is not a limit; use region: status: member: text: assigned: cycle:"), t);
	return -1;
}

static int count_words(const char *s)
{
	int n = 0;
	for (const char *p = s; *p;) {
		p += strspn(p, " \t");
		if (*p)
			n++;
		p += strcspn(p, " \t");
	}
	return n;
}

int limit_parse(const char *expr, const struct settings *s, struct limit *out, struct diags *errs)
{
	return limit_parse_for(expr, s, NULL, out, errs);
}

int limit_parse_for(const char *expr, const struct settings *s, const char *user,
		    struct limit *out, struct diags *errs)
{
	memset(out, 0, sizeof *out);
	out->text = xstrdup(expr ? expr : "");
	int words = count_words(out->text);
	if (words > LIMIT_MAX_WORDS) {
		/* Each word is a condition; SQLite refuses a query of about a
		 * thousand with a message of its own that tells the user nothing. */
		diags_add(errs, NULL, 0, _("the limit has %d words; at most %d are allowed"), words,
			  LIMIT_MAX_WORDS);
		limit_free(out);
		return -1;
	}
	struct builder b = {NULL, out, user};
	char *copy = xstrdup(out->text), *save = NULL;
	int rc = 0;
	for (char *t = strtok_r(copy, " \t", &save); t; t = strtok_r(NULL, " \t", &save))
		rc |= term(&b, s, t, errs);
	free(copy);
	out->where = b.where ? b.where : xstrdup("1");
	if (rc)
		limit_free(out);
	return rc;
}

void limit_free(struct limit *l)
{
	for (int i = 0; i < l->n_params; i++)
		free(l->params[i]);
	free(l->params);
	free(l->where);
	free(l->text);
	memset(l, 0, sizeof *l);
}
