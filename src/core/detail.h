/* Everything about one submission, for the detail view. */
#ifndef INNSPILL_DETAIL_H
#define INNSPILL_DETAIL_H
#include "submissions.h"

enum stance { STANCE_UNSET, STANCE_AGREE, STANCE_DISAGREE, STANCE_PARTLY, STANCE_NONE };
#define STANCE_COUNT 5
const char *stance_key(enum stance s); /* NULL for unset */
bool stance_parse(const char *key, enum stance *out);
const char *stance_label(enum stance s);

struct detail_answer {
	const struct question *q;
	bool answered;
	char *choice, *text;
	enum stance stance;
	int line_from, line_to; /* 0 when not split out of the body */
};

struct detail_note {
	char *author, *created, *text;
};

struct detail_attachment {
	long long id;
	char *name, *type;
	long long size;
	bool stored; /* the data is in the database */
};

struct detail_version {
	long long id;
	date_t received;
	char *source;
};

struct detail {
	struct submission_row row;
	char *body, *body_by, *reference, *source, *sender, *subject, *origin, *reviewed_at;
	struct detail_answer *answers; /* one per question of the cycle */
	int n_answers;
	struct detail_note *notes;
	int n_notes;
	struct detail_attachment *attachments;
	int n_attachments;
	struct detail_version *versions; /* earlier versions, newest first */
	int n_versions;
};

int detail_load(struct store *st, const struct cycle *c, long long id, struct detail *d);
void detail_free(struct detail *d);
/* A text attachment's content as UTF-8 (caller frees), or NULL. */
char *detail_attachment_text(struct store *st, long long attachment_id);

#endif
