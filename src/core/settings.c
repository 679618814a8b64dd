#include "settings.h"
#include "../i18n.h"
#include "util.h"
#include <glib.h>
#include <libconfig.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

/* No list in real settings comes near these (ten regions of a few counties,
 * a few hundred users, a cycle a year, a handful of options); a longer one
 * is refused before the checks, some of which compare every entry with
 * every other, and lists inside lists multiply. */
#define LIST_MAX 100
#define LONG_LIST_MAX 1000 /* cycles (and a timeline for each), users, members not expected */
/* Real settings are a few kilobytes (270 cycles take 650 kB). The limit
 * bounds libconfig's reading, and with the lists' limits every check. */
#define FILE_MAX (2 * 1024 * 1024)
/* Past this many problems the rest would only repeat them. */
#define PROBLEMS_MAX 100

/* The reader's state: the file, where problems go, and how many there were;
 * and what has been read so far, by name, so that every check of a name
 * against the others is one lookup (GLib's hash tables). */
struct ctx {
	const char *path;
	struct diags *errs;
	int bad;
	GHashTable *cycles;   /* cycle id -> its index + 1 */
	GHashTable *regions;  /* region codes */
	GHashTable *counties; /* county -> the code of the region it is in */
	GHashTable *logins;
};

/* Room for one more in an array of n that only this grows: doubled when
 * full (at each power of two), so a list of a thousand costs ten
 * reallocations, not a thousand copies. */
static void *grow(void *v, int n, size_t size)
{
	if (n & (n - 1))
		return v;
	return xrealloc(v, (size_t)(n ? 2 * n : 1) * size);
}

static GHashTable *names_new(void)
{
	return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
}

/* Adds key to a set; false when it was there already. */
static bool name_add(GHashTable *set, const char *key)
{
	if (g_hash_table_contains(set, key))
		return false;
	g_hash_table_insert(set, g_strdup(key), NULL);
	return true;
}

static const struct cycle *cycle_of(const struct ctx *c, const struct settings *s, const char *id)
{
	int i = GPOINTER_TO_INT(g_hash_table_lookup(c->cycles, id));
	return i ? &s->cycles[i - 1] : NULL;
}

static int line_of(const config_setting_t *st)
{
	return st ? (int)config_setting_source_line(st) : 0;
}

static const char *file_of(struct ctx *c, const config_setting_t *st)
{
	const char *f = st ? config_setting_source_file(st) : NULL;
	return f ? f : c->path;
}

static void __attribute__((format(printf, 3, 4)))
err(struct ctx *c, const config_setting_t *st, const char *fmt, ...)
{
	if (c->bad++ >= PROBLEMS_MAX) {
		if (c->bad == PROBLEMS_MAX + 1)
			diags_add(c->errs, file_of(c, st), line_of(st), "%s",
				  _("too many problems; the rest of the file was not checked"));
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	diags_add(c->errs, file_of(c, st), line_of(st), "%s", msg);
	free(msg);
}

/* Whether a list is short enough to read; says so when it is not. */
static bool list_fits(struct ctx *c, const config_setting_t *l, const char *name)
{
	int n = config_setting_length(l);
	static const char *const long_lists[] = {"cycles", "milestones", "users", "not_expected"};
	int max = LIST_MAX;
	for (size_t i = 0; i < sizeof long_lists / sizeof long_lists[0]; i++)
		if (strcmp(name, long_lists[i]) == 0)
			max = LONG_LIST_MAX;
	if (n <= max)
		return true;
	err(c, l, _("\"%s\" has %d entries; at most %d are allowed"), name, n, max);
	return false;
}

/* Reports every member of a group that is not in the allowed list, so a typo
 * in a setting's name is caught instead of silently ignored. */
static void check_names(struct ctx *c, const config_setting_t *g, const char *const *allowed)
{
	int n = config_setting_length(g);
	for (int i = 0; i < n; i++) {
		const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
		const char *name = config_setting_name(m);
		bool ok = false;
		for (const char *const *a = allowed; *a && !ok; a++)
			ok = strcmp(*a, name) == 0;
		if (!ok) {
			char list[512] = "";
			for (const char *const *a = allowed; *a; a++) {
				if (list[0])
					strncat(list, ", ", sizeof list - strlen(list) - 1);
				strncat(list, *a, sizeof list - strlen(list) - 1);
			}
			err(c, m, _("unknown setting \"%s\"; allowed here: %s"), name, list);
		}
	}
}

/* A required string member of a group; NULL (and an error) when absent. */
static char *req_string(struct ctx *c, const config_setting_t *g, const char *name)
{
	const config_setting_t *m = config_setting_get_member(g, name);
	if (!m) {
		err(c, g, _("\"%s\" is missing"), name);
		return NULL;
	}
	const char *v = config_setting_get_string(m);
	if (!v) {
		err(c, m, _("\"%s\" must be a string in double quotes"), name);
		return NULL;
	}
	if (!v[0]) {
		err(c, m, _("\"%s\" must not be empty"), name);
		return NULL;
	}
	return xstrdup(v);
}

static char *opt_string(struct ctx *c, const config_setting_t *g, const char *name)
{
	if (!config_setting_get_member(g, name))
		return NULL;
	return req_string(c, g, name);
}

static date_t date_value(struct ctx *c, const config_setting_t *m, const char *name)
{
	const char *v = config_setting_get_string(m);
	date_t d;
	if (!v) {
		err(c, m, _("\"%s\" must be a date in double quotes, \"YYYY-MM-DD\""), name);
		return DATE_NONE;
	}
	if (!date_parse(v, &d)) {
		err(c, m, _("\"%s\" is not a real date; \"%s\" must be YYYY-MM-DD, e.g. \"2024-03-08\""),
		    v, name);
		return DATE_NONE;
	}
	return d;
}

static date_t req_date(struct ctx *c, const config_setting_t *g, const char *name)
{
	const config_setting_t *m = config_setting_get_member(g, name);
	if (!m) {
		err(c, g, _("\"%s\" is missing"), name);
		return DATE_NONE;
	}
	return date_value(c, m, name);
}

/* A list or array of strings, as a NULL-free vector. */
static int string_list(struct ctx *c, const config_setting_t *m, const char *name, char ***out)
{
	*out = NULL;
	int n = 0;
	if (!m)
		return 0;
	if (!config_setting_is_aggregate(m)) {
		err(c, m, _("\"%s\" must be a list of strings, e.g. [\"a\", \"b\"]"), name);
		return 0;
	}
	if (!list_fits(c, m, name))
		return 0;
	int len = config_setting_length(m);
	for (int i = 0; i < len; i++) {
		const config_setting_t *e = config_setting_get_elem(m, (unsigned)i);
		const char *v = config_setting_get_string(e);
		if (!v || !v[0]) {
			err(c, e, _("\"%s\" must hold only non-empty strings"), name);
			continue;
		}
		ptrs_push((void ***)out, &n, xstrdup(v));
	}
	return n;
}

static void free_strings(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The list named name at the top level or in a group, which must be a list of
 * groups: ( { ... }, { ... } ). */
static const config_setting_t *group_list(struct ctx *c, const config_setting_t *parent,
					  const char *name, bool required)
{
	const config_setting_t *l = config_setting_get_member(parent, name);
	if (!l) {
		if (required)
			err(c, parent, _("\"%s\" is missing"), name);
		return NULL;
	}
	if (!config_setting_is_list(l)) {
		err(c, l, _("\"%s\" must be a list of groups: ( { ... }, { ... } )"), name);
		return NULL;
	}
	if (!list_fits(c, l, name))
		return NULL;
	int n = config_setting_length(l);
	for (int i = 0; i < n; i++) {
		const config_setting_t *e = config_setting_get_elem(l, (unsigned)i);
		if (!config_setting_is_group(e)) {
			err(c, e, _("each entry of \"%s\" must be a group in braces { ... }"), name);
			return NULL;
		}
	}
	return l;
}

/* ---- registers ---- */

static void read_register(struct ctx *c, struct settings *s, const config_setting_t *g,
			  const char *dir)
{
	static const char *const names[] = {"id", "municipalities", "counties", "source", NULL};
	check_names(c, g, names);
	char *id = req_string(c, g, "id");
	char *mun = req_string(c, g, "municipalities");
	char *cty = req_string(c, g, "counties");
	if (!id || !mun || !cty) {
		free(id), free(mun), free(cty);
		return;
	}
	for (int i = 0; i < s->n_registers; i++) {
		if (strcmp(s->registers[i].id, id) == 0) {
			err(c, g, _("register id \"%s\" is used twice"), id);
			free(id), free(mun), free(cty);
			return;
		}
	}
	s->registers = grow(s->registers, s->n_registers, sizeof *s->registers);
	struct member_register *r = &s->registers[s->n_registers++];
	memset(r, 0, sizeof *r);
	r->id = id;
	r->municipalities_path = path_join_rel(dir, mun);
	r->counties_path = path_join_rel(dir, cty);
	free(mun), free(cty);
	int before = c->errs->n;
	if (members_load(r, c->errs) != 0) {
		c->bad += c->errs->n - before;
		/* Register errors name the register file; point at the setting too. */
		err(c, g, _("register \"%s\" could not be read (see above)"), r->id);
	}
}

static const struct member_register *find_register(const struct settings *s, const char *id)
{
	for (int i = 0; i < s->n_registers; i++)
		if (strcmp(s->registers[i].id, id) == 0)
			return &s->registers[i];
	return NULL;
}

/* ---- cycles and questions ---- */

static void read_question(struct ctx *c, struct cycle *cy, GHashTable *ids,
			  const config_setting_t *g)
{
	static const char *const names[] = {"id", "key", "title", "text", "kind", "options", NULL};
	check_names(c, g, names);
	struct question q = {0};
	q.id = req_string(c, g, "id");
	q.key = opt_string(c, g, "key");
	if (!q.key && q.id)
		q.key = xstrdup(q.id);
	q.title = req_string(c, g, "title");
	q.text = req_string(c, g, "text");
	char *kind = req_string(c, g, "kind");
	const config_setting_t *opts = config_setting_get_member(g, "options");
	q.n_options = string_list(c, opts, "options", &q.options);
	if (kind && strcmp(kind, "choice") == 0) {
		q.kind = QUESTION_CHOICE;
		if (q.n_options < 2)
			err(c, opts ? opts : g,
			    _("question \"%s\" is a choice and needs \"options\" with at least two choices"),
			    q.id ? q.id : "?");
	} else if (kind && strcmp(kind, "text") == 0) {
		q.kind = QUESTION_TEXT;
		if (opts)
			err(c, opts, _("question \"%s\" is free text; \"options\" are only for kind \"choice\""),
			    q.id ? q.id : "?");
	} else if (kind) {
		err(c, config_setting_get_member(g, "kind"),
		    _("kind \"%s\" is not known; allowed: \"choice\", \"text\""), kind);
	}
	free(kind);
	GHashTable *seen = names_new();
	for (int i = 0; i < q.n_options; i++) {
		char *lower = g_ascii_strdown(q.options[i], -1);
		if (!name_add(seen, lower))
			err(c, opts, _("option \"%s\" is given twice"), q.options[i]);
		g_free(lower);
	}
	g_hash_table_destroy(seen);
	if (q.id && !name_add(ids, q.id))
		err(c, g, _("question id \"%s\" is used twice in cycle \"%s\""), q.id,
		    cy->id ? cy->id : "?");
	if (!q.id) {
		free(q.title), free(q.text), free(q.key), free_strings(q.options, q.n_options);
		return;
	}
	cy->questions = grow(cy->questions, cy->n_questions, sizeof q);
	cy->questions[cy->n_questions++] = q;
}

static void read_cycle(struct ctx *c, struct settings *s, const config_setting_t *g)
{
	static const char *const names[] = {"id", "title", "register", "sent", "national_deadline",
					    "main_board", "not_expected", "not_expected_reason",
					    "questions", NULL};
	check_names(c, g, names);
	struct cycle cy = {0};
	cy.id = req_string(c, g, "id");
	cy.title = req_string(c, g, "title");
	cy.register_id = req_string(c, g, "register");
	cy.sent = req_date(c, g, "sent");
	cy.national_deadline = req_date(c, g, "national_deadline");
	cy.main_board = req_date(c, g, "main_board");
	cy.not_expected_reason = opt_string(c, g, "not_expected_reason");
	const config_setting_t *ne = config_setting_get_member(g, "not_expected");
	cy.n_not_expected = string_list(c, ne, "not_expected", &cy.not_expected);
	if (cy.register_id) {
		cy.reg = find_register(s, cy.register_id);
		if (!cy.reg)
			err(c, config_setting_get_member(g, "register"),
			    _("register \"%s\" is not defined in \"registers\""), cy.register_id);
	}
	for (int i = 0; cy.reg && i < cy.n_not_expected; i++)
		if (!members_find(cy.reg, cy.not_expected[i]))
			err(c, ne, _("member \"%s\" in not_expected is not in register \"%s\""),
			    cy.not_expected[i], cy.reg->id);
	if (cy.sent != DATE_NONE && cy.national_deadline != DATE_NONE &&
	    cy.national_deadline <= cy.sent)
		err(c, config_setting_get_member(g, "national_deadline"),
		    _("national_deadline must come after the booklet is sent"));
	if (cy.national_deadline != DATE_NONE && cy.main_board != DATE_NONE &&
	    cy.main_board < cy.national_deadline)
		err(c, config_setting_get_member(g, "main_board"),
		    _("main_board must not come before national_deadline"));
	/* A cycle without an id is kept (its questions are still checked), so
	 * every later look at the cycles must allow for a NULL id. */
	if (cy.id && g_hash_table_contains(c->cycles, cy.id))
		err(c, g, _("cycle id \"%s\" is used twice"), cy.id);
	else if (cy.id)
		g_hash_table_insert(c->cycles, g_strdup(cy.id), GINT_TO_POINTER(s->n_cycles + 1));
	s->cycles = grow(s->cycles, s->n_cycles, sizeof cy);
	s->cycles[s->n_cycles] = cy;
	struct cycle *cp = &s->cycles[s->n_cycles++];
	const config_setting_t *qs = group_list(c, g, "questions", true);
	GHashTable *ids = names_new();
	for (int i = 0; qs && i < config_setting_length(qs); i++)
		read_question(c, cp, ids, config_setting_get_elem(qs, (unsigned)i));
	g_hash_table_destroy(ids);
	if (qs && config_setting_length(qs) == 0)
		err(c, qs, _("cycle \"%s\" has no questions"), cp->id ? cp->id : "?");
}

/* ---- regions and their milestones ---- */

static void add_milestone(struct region_timeline *t, enum milestone_kind k, const char *name,
			  date_t from, date_t to)
{
	t->milestones = grow(t->milestones, t->n_milestones, sizeof *t->milestones);
	struct milestone *m = &t->milestones[t->n_milestones++];
	m->kind = k;
	m->name = name ? xstrdup(name) : NULL;
	m->from = from;
	m->to = to;
}

/* A milestone that is one date or a from-to range ["YYYY-MM-DD", "YYYY-MM-DD"]. */
static void read_span(struct ctx *c, struct region_timeline *t, const config_setting_t *g,
		      const char *name, enum milestone_kind k, const char *label)
{
	const config_setting_t *m = config_setting_get_member(g, name);
	if (!m)
		return;
	date_t from, to;
	if (config_setting_is_aggregate(m)) {
		if (config_setting_length(m) != 2) {
			err(c, m, _("\"%s\" must be one date or two: [\"FROM\", \"TO\"]"), name);
			return;
		}
		from = date_value(c, config_setting_get_elem(m, 0), name);
		to = date_value(c, config_setting_get_elem(m, 1), name);
		if (from != DATE_NONE && to != DATE_NONE && to < from) {
			err(c, m, _("\"%s\" ends before it starts"), name);
			return;
		}
	} else {
		from = to = date_value(c, m, name);
	}
	if (from != DATE_NONE && to != DATE_NONE)
		add_milestone(t, k, label, from, to);
}

static void read_extras(struct ctx *c, struct region_timeline *t, const config_setting_t *g)
{
	const config_setting_t *l = group_list(c, g, "extra", false);
	for (int i = 0; l && i < config_setting_length(l); i++) {
		const config_setting_t *e = config_setting_get_elem(l, (unsigned)i);
		static const char *const names[] = {"name", "date", NULL};
		check_names(c, e, names);
		char *name = req_string(c, e, "name");
		if (!config_setting_get_member(e, "date"))
			err(c, e, _("\"%s\" is missing"), "date");
		else if (name)
			read_span(c, t, e, "date", MILESTONE_EXTRA, name);
		free(name);
	}
}

static void check_deadline(struct ctx *c, const struct settings *s, const config_setting_t *g,
			   const struct region_timeline *t)
{
	const struct cycle *cy = cycle_of(c, s, t->cycle_id);
	const struct milestone *md = timeline_milestone(t, MILESTONE_MEMBER_DEADLINE);
	if (!cy || !md || cy->national_deadline == DATE_NONE)
		return;
	if (md->from > cy->national_deadline) {
		char a[DATE_BUFSZ], b[DATE_BUFSZ];
		date_iso(md->from, a);
		date_iso(cy->national_deadline, b);
		err(c, config_setting_get_member(g, "member_deadline"),
		    _("member_deadline %s is after the national deadline %s of cycle \"%s\""), a, b,
		    cy->id);
	}
}

static void read_timeline(struct ctx *c, const struct settings *s, struct region *r,
			  GHashTable *cycles_seen, const config_setting_t *g)
{
	static const char *const names[] = {"cycle", "autumn_conference", "member_deadline",
					    "strategy_conference", "county_board", "extra", NULL};
	check_names(c, g, names);
	struct region_timeline t = {0};
	t.cycle_id = opt_string(c, g, "cycle");
	if (!t.cycle_id && s->n_cycles == 1 && s->cycles[0].id)
		t.cycle_id = xstrdup(s->cycles[0].id);
	if (!t.cycle_id) {
		err(c, g, _("\"cycle\" is missing; it is needed when there is more than one cycle"));
		return;
	}
	if (!cycle_of(c, s, t.cycle_id))
		err(c, g, _("cycle \"%s\" is not defined in \"cycles\""), t.cycle_id);
	if (!name_add(cycles_seen, t.cycle_id))
		err(c, g, _("region \"%s\" has two timelines for cycle \"%s\""), r->code,
		    t.cycle_id);
	read_span(c, &t, g, "autumn_conference", MILESTONE_AUTUMN_CONFERENCE, NULL);
	read_span(c, &t, g, "member_deadline", MILESTONE_MEMBER_DEADLINE, NULL);
	read_span(c, &t, g, "strategy_conference", MILESTONE_STRATEGY_CONFERENCE, NULL);
	read_span(c, &t, g, "county_board", MILESTONE_COUNTY_BOARD, NULL);
	read_extras(c, &t, g);
	if (!config_setting_get_member(g, "member_deadline"))
		err(c, g, _("\"%s\" is missing"), "member_deadline");
	check_deadline(c, s, g, &t);
	r->timelines = grow(r->timelines, r->n_timelines, sizeof t);
	r->timelines[r->n_timelines++] = t;
}

static void read_region(struct ctx *c, struct settings *s, const config_setting_t *g)
{
	static const char *const names[] = {"code", "name", "counties", "milestones", NULL};
	check_names(c, g, names);
	struct region r = {0};
	r.code = req_string(c, g, "code");
	r.name = req_string(c, g, "name");
	const config_setting_t *cs = config_setting_get_member(g, "counties");
	if (!cs)
		err(c, g, _("\"%s\" is missing"), "counties");
	r.n_counties = string_list(c, cs, "counties", &r.counties);
	if (r.code && !name_add(c->regions, r.code))
		err(c, g, _("region code \"%s\" is used twice"), r.code);
	if (!r.code)
		r.code = xstrdup("?");
	if (!r.name)
		r.name = xstrdup(r.code);
	const config_setting_t *ms = group_list(c, g, "milestones", true);
	GHashTable *cycles_seen = names_new();
	for (int i = 0; ms && i < config_setting_length(ms); i++)
		read_timeline(c, s, &r, cycles_seen, config_setting_get_elem(ms, (unsigned)i));
	g_hash_table_destroy(cycles_seen);
	s->regions = grow(s->regions, s->n_regions, sizeof r);
	s->regions[s->n_regions++] = r;
}

/* Every county of every register must be in exactly one region. */
static void check_counties(struct ctx *c, const struct settings *s, const config_setting_t *rl)
{
	for (int i = 0; i < s->n_regions; i++) {
		const struct region *r = &s->regions[i];
		const config_setting_t *g = config_setting_get_elem(rl, (unsigned)i);
		const config_setting_t *cs = config_setting_get_member(g, "counties");
		for (int j = 0; j < r->n_counties; j++) {
			bool known = false;
			for (int k = 0; k < s->n_registers && !known; k++)
				known = members_county(&s->registers[k], r->counties[j]) != NULL;
			if (!known && s->n_registers > 0)
				err(c, cs, _("county \"%s\" of region \"%s\" is not in the county register"),
				    r->counties[j], r->code);
			const char *other = g_hash_table_lookup(c->counties, r->counties[j]);
			if (!other)
				g_hash_table_insert(c->counties, g_strdup(r->counties[j]),
						    g_strdup(r->code));
			else if (strcmp(other, r->code) != 0)
				err(c, cs,
				    _("county \"%s\" is in region \"%s\" and in region \"%s\"; a county belongs to one region"),
				    r->counties[j], other, r->code);
		}
	}
	for (int k = 0; k < s->n_registers; k++) {
		const struct member_register *reg = &s->registers[k];
		for (int m = reg->n_municipalities; m < reg->n_members; m++)
			if (!g_hash_table_contains(c->counties, reg->members[m].number))
				err(c, rl,
				    _("county %s (%s) is in no region; add it to one region's \"counties\""),
				    reg->members[m].number, reg->members[m].name);
	}
}

/* ---- users ---- */

static void read_user(struct ctx *c, struct settings *s, const config_setting_t *g)
{
	static const char *const names[] = {"login", "role", "regions", NULL};
	check_names(c, g, names);
	struct user u = {0};
	u.login = req_string(c, g, "login");
	char *role = req_string(c, g, "role");
	const config_setting_t *rs = config_setting_get_member(g, "regions");
	u.n_regions = string_list(c, rs, "regions", &u.regions);
	if (role && strcmp(role, "central") == 0)
		u.role = ROLE_CENTRAL;
	else if (role && strcmp(role, "regional") == 0)
		u.role = ROLE_REGIONAL;
	else if (role && strcmp(role, "reader") == 0)
		u.role = ROLE_READER;
	else if (role)
		err(c, config_setting_get_member(g, "role"),
		    _("role \"%s\" is not known; allowed: \"central\", \"regional\", \"reader\""), role);
	free(role);
	if (u.role == ROLE_REGIONAL && u.n_regions == 0)
		err(c, g, _("a regional user needs \"regions\", the region codes they work for"));
	for (int i = 0; i < u.n_regions; i++)
		if (!g_hash_table_contains(c->regions, u.regions[i]))
			err(c, rs, _("region \"%s\" is not defined in \"regions\""), u.regions[i]);
	if (u.login && !name_add(c->logins, u.login))
		err(c, g, _("user \"%s\" is listed twice"), u.login);
	if (!u.login) {
		free_strings(u.regions, u.n_regions);
		return;
	}
	s->users = grow(s->users, s->n_users, sizeof u);
	s->users[s->n_users++] = u;
}

/* ---- reminders: lead times in days before a deadline ---- */

static void read_reminders(struct ctx *c, struct settings *s, const config_setting_t *m)
{
	static const int defaults[] = {14, 7, 2};
	if (!m) {
		s->n_reminders = 3;
		memcpy(s->reminders, defaults, sizeof defaults);
		return;
	}
	if (!config_setting_is_array(m) && !config_setting_is_list(m)) {
		err(c, m, _("\"reminders\" must be a list of days, e.g. [14, 7, 2]"));
		return;
	}
	int n = config_setting_length(m);
	for (int i = 0; i < n; i++) {
		const config_setting_t *e = config_setting_get_elem(m, (unsigned)i);
		if (config_setting_type(e) != CONFIG_TYPE_INT || config_setting_get_int(e) < 0 ||
		    config_setting_get_int(e) > 365) {
			err(c, e, _("a reminder is a number of days from 0 to 365"));
			continue;
		}
		if (s->n_reminders == SETTINGS_MAX_REMINDERS) {
			err(c, e, _("at most %d reminders"), SETTINGS_MAX_REMINDERS);
			break;
		}
		s->reminders[s->n_reminders++] = config_setting_get_int(e);
	}
}

/* The mode a new database file gets: octal, e.g. "0660"; never writable by
 * others, since anyone could then change the answers. */
static void read_mode(struct ctx *c, struct settings *s, const config_setting_t *m)
{
	s->database_mode = 0660;
	if (!m)
		return;
	const char *v = config_setting_get_string(m);
	char *end = NULL;
	long mode = v ? strtol(v, &end, 8) : -1;
	if (!v || !*v || *end || mode < 0 || mode > 0777 || (mode & 0600) != 0600 || (mode & 0002))
		err(c, m, _("\"database_mode\" must be an octal mode such as \"0660\" or \"0640\": "
			    "the owner reads and writes, others never write"));
	else
		s->database_mode = (int)mode;
}

/* ---- the file ---- */

static void read_all(struct ctx *c, struct settings *s, const config_t *cfg)
{
	const config_setting_t *root = config_root_setting(cfg);
	static const char *const names[] = {"database", "database_mode", "registers", "cycles",
					    "regions", "users", "reminders", NULL};
	check_names(c, root, names);
	char *dir = path_dirname(c->path);
	char *db = opt_string(c, root, "database");
	if (db) {
		s->database = path_join_rel(dir, db);
		free(db);
	}
	read_mode(c, s, config_setting_get_member(root, "database_mode"));
	const config_setting_t *l = group_list(c, root, "registers", true);
	for (int i = 0; l && i < config_setting_length(l); i++)
		read_register(c, s, config_setting_get_elem(l, (unsigned)i), dir);
	free(dir);
	l = group_list(c, root, "cycles", true);
	for (int i = 0; l && i < config_setting_length(l); i++)
		read_cycle(c, s, config_setting_get_elem(l, (unsigned)i));
	if (l && config_setting_length(l) == 0)
		err(c, l, _("\"cycles\" is empty; describe at least one debate booklet"));
	l = group_list(c, root, "regions", true);
	for (int i = 0; l && i < config_setting_length(l); i++)
		read_region(c, s, config_setting_get_elem(l, (unsigned)i));
	if (l)
		check_counties(c, s, l);
	read_reminders(c, s, config_setting_get_member(root, "reminders"));
	l = group_list(c, root, "users", false);
	for (int i = 0; l && i < config_setting_length(l); i++)
		read_user(c, s, config_setting_get_elem(l, (unsigned)i));
}

/* The file's text, read by us rather than by libconfig: only a regular file
 * (a FIFO or a device would block or never end) that not everyone may
 * change, bounded in size. */
static char *read_text(const char *path, struct diags *errs)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat sb;
	if (fd < 0 || fstat(fd, &sb) != 0) {
		diags_add(errs, path, 0, _("cannot read the settings file: %s"), strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	/* Checked on the file opened, not on the name (which may change in
	 * between). */
	int before = errs->n;
	if (sb.st_mode & S_IWOTH)
		diags_add(errs, path, 0,
			  _("the settings file may be changed by anyone on this machine; refused. Fix it with: chmod o-w %s"),
			  path);
	else if (!S_ISREG(sb.st_mode))
		diags_add(errs, path, 0, _("the settings file is not a regular file"));
	else if (sb.st_size > FILE_MAX)
		diags_add(errs, path, 0, _("the settings file is %lld bytes; at most %d are read"),
			  (long long)sb.st_size, FILE_MAX);
	if (errs->n > before) {
		close(fd);
		return NULL;
	}
	char *text = xmalloc((size_t)sb.st_size + 1);
	size_t n = 0;
	ssize_t got;
	while (n < (size_t)sb.st_size &&
	       ((got = read(fd, text + n, (size_t)sb.st_size - n)) > 0 || (got < 0 && errno == EINTR)))
		n += got > 0 ? (size_t)got : 0;
	close(fd);
	text[n] = '\0';
	if (strlen(text) != n) {
		diags_add(errs, path, 0, _("the settings file holds a NUL byte; it is not a text file"));
		free(text);
		return NULL;
	}
	return text;
}

/* libconfig's @include reads any file named, and its scanner ends the whole
 * program when that is a directory; the settings are one file. */
static bool has_include(const char *text, const char *path, struct diags *errs)
{
	int line = 1;
	bool found = false;
	for (const char *p = text; *p; line++) {
		p += strspn(p, " \t");
		if (strncmp(p, "@include", 8) == 0) {
			diags_add(errs, path, line,
				  _("@include is not supported: write the settings in one file"));
			found = true;
		}
		const char *nl = strchr(p, '\n');
		if (!nl)
			break;
		p = nl + 1;
	}
	return found;
}

int settings_load(const char *path, struct settings *s, struct diags *errs)
{
	memset(s, 0, sizeof *s);
	struct ctx c = {path, errs, 0, NULL, NULL, NULL, NULL};
	char *text = read_text(path, errs);
	if (!text || has_include(text, path, errs)) {
		free(text);
		return -1;
	}
	config_t cfg;
	config_init(&cfg);
	int ok = config_read_string(&cfg, text);
	free(text);
	if (!ok) {
		diags_add(errs, path, config_error_line(&cfg), _("syntax error: %s"),
			  config_error_text(&cfg));
		config_destroy(&cfg);
		return -1;
	}
	s->path = xstrdup(path);
	c.cycles = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	c.regions = names_new();
	c.counties = names_new();
	c.logins = names_new();
	read_all(&c, s, &cfg);
	config_destroy(&cfg);
	g_hash_table_destroy(c.cycles);
	g_hash_table_destroy(c.regions);
	g_hash_table_destroy(c.counties);
	g_hash_table_destroy(c.logins);
	if (c.bad) {
		settings_free(s);
		return -1;
	}
	return 0;
}

static void free_cycle(struct cycle *cy)
{
	free(cy->id), free(cy->title), free(cy->register_id), free(cy->not_expected_reason);
	free_strings(cy->not_expected, cy->n_not_expected);
	for (int i = 0; i < cy->n_questions; i++) {
		struct question *q = &cy->questions[i];
		free(q->id), free(q->title), free(q->text), free(q->key);
		free_strings(q->options, q->n_options);
	}
	free(cy->questions);
}

static void free_region(struct region *r)
{
	free(r->code), free(r->name);
	free_strings(r->counties, r->n_counties);
	for (int i = 0; i < r->n_timelines; i++) {
		for (int j = 0; j < r->timelines[i].n_milestones; j++)
			free(r->timelines[i].milestones[j].name);
		free(r->timelines[i].milestones);
		free(r->timelines[i].cycle_id);
	}
	free(r->timelines);
}

void settings_free(struct settings *s)
{
	for (int i = 0; i < s->n_registers; i++)
		members_free(&s->registers[i]);
	for (int i = 0; i < s->n_cycles; i++)
		free_cycle(&s->cycles[i]);
	for (int i = 0; i < s->n_regions; i++)
		free_region(&s->regions[i]);
	for (int i = 0; i < s->n_users; i++) {
		free(s->users[i].login);
		free_strings(s->users[i].regions, s->users[i].n_regions);
	}
	free(s->registers), free(s->cycles), free(s->regions), free(s->users);
	free(s->path), free(s->database);
	memset(s, 0, sizeof *s);
}

const struct cycle *settings_cycle(const struct settings *s, const char *id)
{
	for (int i = 0; i < s->n_cycles; i++)
		if (s->cycles[i].id && strcmp(s->cycles[i].id, id) == 0)
			return &s->cycles[i];
	return NULL;
}

const struct region *settings_region(const struct settings *s, const char *code)
{
	for (int i = 0; i < s->n_regions; i++)
		if (strcmp(s->regions[i].code, code) == 0)
			return &s->regions[i];
	return NULL;
}

const struct region *settings_region_of_county(const struct settings *s, const char *county)
{
	for (int i = 0; i < s->n_regions; i++)
		for (int j = 0; j < s->regions[i].n_counties; j++)
			if (strcmp(s->regions[i].counties[j], county) == 0)
				return &s->regions[i];
	return NULL;
}

const struct user *settings_user(const struct settings *s, const char *login)
{
	for (int i = 0; i < s->n_users; i++)
		if (strcmp(s->users[i].login, login) == 0)
			return &s->users[i];
	return NULL;
}

const struct region_timeline *region_timeline_for(const struct region *r, const char *cycle_id)
{
	for (int i = 0; i < r->n_timelines; i++)
		if (strcmp(r->timelines[i].cycle_id, cycle_id) == 0)
			return &r->timelines[i];
	return NULL;
}

const struct milestone *timeline_milestone(const struct region_timeline *t, enum milestone_kind k)
{
	for (int i = 0; t && i < t->n_milestones; i++)
		if (t->milestones[i].kind == k)
			return &t->milestones[i];
	return NULL;
}

bool cycle_member_expected(const struct cycle *c, const char *number)
{
	for (int i = 0; i < c->n_not_expected; i++)
		if (strcmp(c->not_expected[i], number) == 0)
			return false;
	return true;
}

const char *role_name(enum role r)
{
	switch (r) {
	case ROLE_CENTRAL: return _("central");
	case ROLE_REGIONAL: return _("regional");
	case ROLE_READER: break;
	}
	return _("reader");
}

const char *milestone_kind_label(enum milestone_kind k)
{
	switch (k) {
	case MILESTONE_AUTUMN_CONFERENCE: return _("autumn conference");
	case MILESTONE_MEMBER_DEADLINE: return _("member deadline");
	case MILESTONE_STRATEGY_CONFERENCE: return _("strategy conference");
	case MILESTONE_COUNTY_BOARD: return _("county board");
	case MILESTONE_EXTRA: return _("other");
	case MILESTONE_SENT: return _("booklet sent");
	case MILESTONE_NATIONAL_DEADLINE: return _("national deadline");
	case MILESTONE_MAIN_BOARD: return _("main board");
	}
	return "?";
}
