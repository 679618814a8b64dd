#include "detail.h"
#include "../i18n.h"
#include "store_int.h"
#include "text.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>

static const char *const stance_keys[STANCE_COUNT] = {NULL, "agree", "disagree", "partly", "none"};

const char *stance_key(enum stance s)
{
	return stance_keys[s];
}

bool stance_parse(const char *key, enum stance *out)
{
	*out = STANCE_UNSET;
	for (int i = 1; key && i < STANCE_COUNT; i++)
		if (strcmp(key, stance_keys[i]) == 0) {
			*out = (enum stance)i;
			return true;
		}
	return false;
}

const char *stance_label(enum stance s)
{
	switch (s) {
	case STANCE_AGREE: return _("agree");
	case STANCE_DISAGREE: return _("disagree");
	case STANCE_PARTLY: return _("partly agree");
	case STANCE_NONE: return _("no answer");
	case STANCE_UNSET: break;
	}
	return "";
}

static int load_main(struct store *st, long long id, struct detail *d)
{
	sqlite3_stmt *s = store_prepare(st,
		"SELECT s.member, m.name, r.code, r.name, s.received, s.decided, s.status, s.reviewer,"
		"  s.received > ms.date_to, s.version, s.body, s.body_by, s.reference, s.source,"
		"  s.sender, s.subject, s.origin, s.reviewed_at, s.assignee"
		"  FROM submission s LEFT JOIN member m ON m.number = s.member"
		"  LEFT JOIN region_county rc ON rc.county = m.county"
		"  LEFT JOIN region r ON r.code = rc.region_code"
		"  LEFT JOIN milestone ms ON ms.cycle_id = s.cycle_id AND ms.region_code = r.code"
		"       AND ms.kind = 'member_deadline'"
		" WHERE s.id = ?");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	int rc = -1;
	if (sqlite3_step(s) == SQLITE_ROW) {
		struct submission_row *r = &d->row;
		r->id = id;
		const char *num = (const char *)sqlite3_column_text(s, 0);
		snprintf(r->member, sizeof r->member, "%s", num ? num : "");
		r->member_name = store_intern(st, (const char *)sqlite3_column_text(s, 1));
		const struct region *reg = sqlite3_column_text(s, 2) && st->settings
			? settings_region(st->settings, (const char *)sqlite3_column_text(s, 2)) : NULL;
		r->region_code = reg ? reg->code : NULL;
		r->region_name = reg ? reg->name : NULL;
		r->received = store_col_date(s, 4);
		r->decided = store_col_date(s, 5);
		const char *stat = (const char *)sqlite3_column_text(s, 6);
		if (!stat || !status_parse(stat, &r->status))
			r->status = STATUS_NEW;
		r->reviewer = store_intern(st, (const char *)sqlite3_column_text(s, 7));
		r->late = sqlite3_column_int(s, 8) != 0;
		r->version = sqlite3_column_int(s, 9);
		d->body = store_col_text(s, 10);
		d->body_by = store_col_text(s, 11);
		d->reference = store_col_text(s, 12);
		d->source = store_col_text(s, 13);
		d->sender = store_col_text(s, 14);
		d->subject = store_col_text(s, 15);
		d->origin = store_col_text(s, 16);
		d->reviewed_at = store_col_text(s, 17);
		r->assignee = store_intern(st, (const char *)sqlite3_column_text(s, 18));
		rc = 0;
	}
	store_release(st, s);
	return rc;
}

static int load_answers(struct store *st, const struct cycle *c, long long id, struct detail *d)
{
	d->n_answers = c->n_questions;
	d->answers = xcalloc((size_t)c->n_questions, sizeof *d->answers);
	for (int i = 0; i < c->n_questions; i++)
		d->answers[i].q = &c->questions[i];
	sqlite3_stmt *s = store_prepare(st,
		"SELECT question_id, choice, text, stance, line_from, line_to FROM answer"
		" WHERE submission_id = ?");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *qid = (const char *)sqlite3_column_text(s, 0);
		for (int i = 0; qid && i < d->n_answers; i++) {
			struct detail_answer *a = &d->answers[i];
			if (strcmp(a->q->id, qid) != 0)
				continue;
			a->answered = true;
			a->choice = store_col_text(s, 1);
			a->text = store_col_text(s, 2);
			stance_parse((const char *)sqlite3_column_text(s, 3), &a->stance);
			a->line_from = sqlite3_column_int(s, 4);
			a->line_to = sqlite3_column_int(s, 5);
		}
	}
	store_release(st, s);
	return 0;
}

static int load_notes(struct store *st, long long id, struct detail *d)
{
	sqlite3_stmt *s = store_prepare(st,
		"SELECT author, created_at, text FROM note WHERE submission_id = ? ORDER BY id");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		d->notes = xrealloc(d->notes, (size_t)(d->n_notes + 1) * sizeof *d->notes);
		struct detail_note *n = &d->notes[d->n_notes++];
		n->author = store_col_text(s, 0);
		n->created = store_col_text(s, 1);
		n->text = store_col_text(s, 2);
	}
	store_release(st, s);
	return 0;
}

static int load_attachments(struct store *st, long long id, struct detail *d)
{
	sqlite3_stmt *s = store_prepare(st,
		"SELECT id, name, type, size, data IS NOT NULL FROM attachment"
		" WHERE submission_id = ? ORDER BY id");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		d->attachments = xrealloc(d->attachments,
					  (size_t)(d->n_attachments + 1) * sizeof *d->attachments);
		struct detail_attachment *a = &d->attachments[d->n_attachments++];
		a->id = sqlite3_column_int64(s, 0);
		a->name = store_col_text(s, 1);
		a->type = store_col_text(s, 2);
		a->size = sqlite3_column_int64(s, 3);
		a->stored = sqlite3_column_int(s, 4) != 0;
	}
	store_release(st, s);
	return 0;
}

/* Earlier versions: follow the supersedes chain back. */
static int load_versions(struct store *st, long long id, struct detail *d)
{
	sqlite3_stmt *s = store_prepare(st,
		"WITH RECURSIVE v(id) AS (SELECT supersedes FROM submission WHERE id = ?"
		"  UNION ALL SELECT s.supersedes FROM submission s JOIN v ON s.id = v.id)"
		" SELECT s.id, s.received, s.source FROM v JOIN submission s ON s.id = v.id");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		d->versions = xrealloc(d->versions, (size_t)(d->n_versions + 1) * sizeof *d->versions);
		struct detail_version *v = &d->versions[d->n_versions++];
		v->id = sqlite3_column_int64(s, 0);
		v->received = store_col_date(s, 1);
		v->source = store_col_text(s, 2);
	}
	store_release(st, s);
	return 0;
}

int detail_load(struct store *st, const struct cycle *c, long long id, struct detail *d)
{
	memset(d, 0, sizeof *d);
	if (load_main(st, id, d) != 0 || load_answers(st, c, id, d) != 0 ||
	    load_notes(st, id, d) != 0 || load_attachments(st, id, d) != 0 ||
	    load_versions(st, id, d) != 0) {
		detail_free(d);
		return -1;
	}
	return 0;
}

void detail_free(struct detail *d)
{
	free(d->body), free(d->body_by), free(d->reference), free(d->source);
	free(d->sender), free(d->subject), free(d->origin), free(d->reviewed_at);
	for (int i = 0; i < d->n_answers; i++)
		free(d->answers[i].choice), free(d->answers[i].text);
	for (int i = 0; i < d->n_notes; i++)
		free(d->notes[i].author), free(d->notes[i].created), free(d->notes[i].text);
	for (int i = 0; i < d->n_attachments; i++)
		free(d->attachments[i].name), free(d->attachments[i].type);
	for (int i = 0; i < d->n_versions; i++)
		free(d->versions[i].source);
	free(d->answers), free(d->notes), free(d->attachments), free(d->versions);
	memset(d, 0, sizeof *d);
}

char *detail_attachment_text(struct store *st, long long attachment_id)
{
	sqlite3_stmt *s = store_prepare(st,
		"SELECT data FROM attachment WHERE id = ? AND type LIKE 'text/%' AND data IS NOT NULL");
	char *t = NULL;
	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, attachment_id);
	if (sqlite3_step(s) == SQLITE_ROW) {
		const char *b = sqlite3_column_blob(s, 0);
		int n = sqlite3_column_bytes(s, 0);
		t = xstrndup(b ? b : "", (size_t)n);
	}
	store_release(st, s);
	return t;
}
