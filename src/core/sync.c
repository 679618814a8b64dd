/* Settings into the database. The settings file is the truth for cycles,
 * questions, regions, milestones and the register; the database keeps them so
 * that queries can join on them. A fingerprint of the settings makes the sync
 * a no-op when nothing changed, so every start is cheap and idempotent. */
#include "store.h"
#include "../i18n.h"
#include "store_int.h"
#include "util.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct fp {
	uint64_t h;
};

static void fp_str(struct fp *f, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : "\x01"); *p; p++)
		f->h = (f->h ^ *p) * 1099511628211ULL;
	f->h = (f->h ^ 0xFF) * 1099511628211ULL;
}

static void fp_int(struct fp *f, long long v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", v);
	fp_str(f, buf);
}

static char *fingerprint(const struct settings *s)
{
	struct fp f = {14695981039346656037ULL};
	fp_int(&f, STORE_SCHEMA_VERSION);
	for (int i = 0; i < s->n_registers; i++)
		for (int j = 0; j < s->registers[i].n_members; j++) {
			const struct member *m = &s->registers[i].members[j];
			fp_str(&f, m->number), fp_str(&f, m->name), fp_int(&f, m->kind);
		}
	for (int i = 0; i < s->n_cycles; i++) {
		const struct cycle *c = &s->cycles[i];
		fp_str(&f, c->id), fp_str(&f, c->title), fp_str(&f, c->register_id);
		fp_int(&f, c->sent), fp_int(&f, c->national_deadline), fp_int(&f, c->main_board);
		fp_str(&f, c->not_expected_reason);
		for (int j = 0; j < c->n_not_expected; j++)
			fp_str(&f, c->not_expected[j]);
		for (int j = 0; j < c->n_questions; j++) {
			const struct question *q = &c->questions[j];
			fp_str(&f, q->id), fp_str(&f, q->title), fp_str(&f, q->text), fp_int(&f, q->kind);
			fp_str(&f, q->key);
			for (int k = 0; k < q->n_options; k++)
				fp_str(&f, q->options[k]);
		}
	}
	for (int i = 0; i < s->n_regions; i++) {
		const struct region *r = &s->regions[i];
		fp_str(&f, r->code), fp_str(&f, r->name);
		for (int j = 0; j < r->n_counties; j++)
			fp_str(&f, r->counties[j]);
		for (int j = 0; j < r->n_timelines; j++) {
			fp_str(&f, r->timelines[j].cycle_id);
			for (int k = 0; k < r->timelines[j].n_milestones; k++) {
				const struct milestone *m = &r->timelines[j].milestones[k];
				fp_int(&f, m->kind), fp_str(&f, m->name);
				fp_int(&f, m->from), fp_int(&f, m->to);
			}
		}
	}
	return xasprintf("%016llx", (unsigned long long)f.h);
}

/* Runs one prepared statement with text parameters; NULL binds SQL NULL. */
static int run(struct store *st, const char *sql, int n, const char *const *v)
{
	sqlite3_stmt *s = store_prepare(st, sql);
	if (!s)
		return -1;
	for (int i = 0; i < n; i++)
		sqlite3_bind_text(s, i + 1, v[i], -1, SQLITE_STATIC);
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
	store_release(st, s);
	return rc;
}

#define RUN(st, sql, ...)                                                               \
	run(st, sql, (int)(sizeof((const char *[]){__VA_ARGS__}) / sizeof(const char *)), \
	    (const char *[]){__VA_ARGS__})

static const char *kind_key(enum milestone_kind k)
{
	static const char *const keys[] = {"autumn_conference", "member_deadline",
					   "strategy_conference", "county_board", "extra",
					   "sent", "national_deadline", "main_board"};
	return keys[k];
}

static int sync_registers(struct store *st, const struct settings *s)
{
	int rc = 0;
	for (int i = 0; i < s->n_registers && !rc; i++) {
		const struct member_register *r = &s->registers[i];
		rc = RUN(st, "INSERT OR IGNORE INTO member_register (id) VALUES (?)", r->id);
		for (int j = 0; j < r->n_members && !rc; j++) {
			const struct member *m = &r->members[j];
			rc = RUN(st,
				 "INSERT INTO member (number, name, county, kind, register_id)"
				 " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(number) DO UPDATE SET"
				 " name = ?2, county = ?3, kind = ?4, register_id = ?5",
				 m->number, m->name, m->county,
				 m->kind == MEMBER_COUNTY ? "county" : "municipality", r->id);
		}
	}
	return rc;
}

static int sync_milestone(struct store *st, const char *cycle, const char *region,
			  const struct milestone *m)
{
	char a[DATE_BUFSZ], b[DATE_BUFSZ];
	date_iso(m->from, a);
	date_iso(m->to, b);
	return RUN(st,
		   "INSERT INTO milestone (cycle_id, region_code, kind, name, date_from, date_to)"
		   " VALUES (?, ?, ?, ?, ?, ?)",
		   cycle, region, kind_key(m->kind), m->name, a, b);
}

static int sync_questions(struct store *st, const struct cycle *c)
{
	int rc = RUN(st, "DELETE FROM question_option WHERE cycle_id = ?", c->id);
	for (int j = 0; j < c->n_questions && !rc; j++) {
		const struct question *q = &c->questions[j];
		char seq[16];
		snprintf(seq, sizeof seq, "%d", j + 1);
		rc = RUN(st,
			 "INSERT INTO question (cycle_id, id, seq, title, text, kind, key)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(cycle_id, id) DO UPDATE SET"
			 " seq = ?3, title = ?4, text = ?5, kind = ?6, key = ?7",
			 c->id, q->id, seq, q->title, q->text,
			 q->kind == QUESTION_CHOICE ? "choice" : "text", q->key);
		for (int k = 0; k < q->n_options && !rc; k++) {
			snprintf(seq, sizeof seq, "%d", k + 1);
			rc = RUN(st,
				 "INSERT INTO question_option (cycle_id, question_id, seq, label)"
				 " VALUES (?, ?, ?, ?)",
				 c->id, q->id, seq, q->options[k]);
		}
	}
	return rc;
}

static int sync_expected(struct store *st, const struct cycle *c)
{
	/* Rebuilt whole, so a member dropped from the register is dropped here. */
	int rc = RUN(st, "DELETE FROM expected WHERE cycle_id = ?", c->id);
	if (!rc)
		rc = RUN(st,
		     "INSERT INTO expected (cycle_id, member, expected, reason)"
		     " SELECT ?, number, 1, NULL FROM member WHERE register_id = ?",
		     c->id, c->register_id);
	for (int j = 0; j < c->n_not_expected && !rc; j++)
		rc = RUN(st, "UPDATE expected SET expected = 0, reason = ? WHERE cycle_id = ? AND member = ?",
			 c->not_expected_reason, c->id, c->not_expected[j]);
	return rc;
}

static int sync_cycles(struct store *st, const struct settings *s)
{
	int rc = 0;
	for (int i = 0; i < s->n_cycles && !rc; i++) {
		const struct cycle *c = &s->cycles[i];
		char a[DATE_BUFSZ], b[DATE_BUFSZ], m[DATE_BUFSZ], seq[16];
		date_iso(c->sent, a), date_iso(c->national_deadline, b), date_iso(c->main_board, m);
		snprintf(seq, sizeof seq, "%d", i + 1);
		rc = RUN(st,
			 "INSERT INTO cycle (id, title, register_id, sent, national_deadline, main_board, seq)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(id) DO UPDATE SET"
			 " title = ?2, register_id = ?3, sent = ?4, national_deadline = ?5,"
			 " main_board = ?6, seq = ?7",
			 c->id, c->title, c->register_id, a, b, m, seq);
		struct milestone ms[] = {{MILESTONE_SENT, NULL, c->sent, c->sent},
					 {MILESTONE_NATIONAL_DEADLINE, NULL, c->national_deadline,
					  c->national_deadline},
					 {MILESTONE_MAIN_BOARD, NULL, c->main_board, c->main_board}};
		for (int k = 0; k < 3 && !rc; k++)
			rc = sync_milestone(st, c->id, NULL, &ms[k]);
		if (!rc)
			rc = sync_questions(st, c);
		if (!rc)
			rc = sync_expected(st, c);
	}
	return rc;
}

static int sync_regions(struct store *st, const struct settings *s)
{
	int rc = RUN(st, "DELETE FROM region_county");
	for (int i = 0; i < s->n_regions && !rc; i++) {
		const struct region *r = &s->regions[i];
		char seq[16];
		snprintf(seq, sizeof seq, "%d", i + 1);
		rc = RUN(st,
			 "INSERT INTO region (code, name, seq) VALUES (?1, ?2, ?3)"
			 " ON CONFLICT(code) DO UPDATE SET name = ?2, seq = ?3",
			 r->code, r->name, seq);
		for (int j = 0; j < r->n_counties && !rc; j++)
			rc = RUN(st, "INSERT INTO region_county (county, region_code) VALUES (?, ?)",
				 r->counties[j], r->code);
		for (int j = 0; j < r->n_timelines && !rc; j++)
			for (int k = 0; k < r->timelines[j].n_milestones && !rc; k++)
				rc = sync_milestone(st, r->timelines[j].cycle_id, r->code,
						    &r->timelines[j].milestones[k]);
	}
	return rc;
}

int store_sync_settings(struct store *st, const struct settings *s, struct diags *errs)
{
	st->settings = s;
	char *fp = fingerprint(s);
	char *old = store_meta_get(st, "settings_fingerprint");
	int rc = 0;
	if (old && strcmp(old, fp) == 0)
		goto out;
	if (store_begin(st) != 0) {
		diags_add(errs, st->path, 0, _("cannot write to the database: %s"), store_errmsg(st));
		rc = -1;
		goto out;
	}
	/* Milestones are rewritten whole; regions' milestones need their cycle. */
	rc = RUN(st, "DELETE FROM milestone");
	if (!rc)
		rc = sync_registers(st, s);
	if (!rc)
		rc = sync_cycles(st, s);
	if (!rc)
		rc = sync_regions(st, s);
	if (!rc)
		rc = store_meta_set(st, "settings_fingerprint", fp);
	if (!rc)
		rc = store_audit(st, "sync-settings", "settings", 0, old, fp);
	if (!rc)
		rc = store_commit(st);
	if (rc) {
		diags_add(errs, st->path, 0, _("cannot bring the settings into the database: %s"),
			  store_errmsg(st));
		store_rollback(st);
	}
out:
	free(old);
	free(fp);
	return rc;
}
