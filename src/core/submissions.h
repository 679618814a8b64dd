/* Submissions: the members' resolutions, their answers and their review
 * status. Every change goes through one function per action that writes the
 * row and its audit event in one transaction. */
#ifndef INNSPILL_SUBMISSIONS_H
#define INNSPILL_SUBMISSIONS_H
#include "date.h"
#include "diag.h"
#include "store.h"
#include <stdbool.h>

enum sub_status { STATUS_NEW, STATUS_APPROVED, STATUS_FOLLOW_UP, STATUS_REJECTED };
#define STATUS_COUNT 4

/* "new", "approved", "follow-up", "rejected": the words of the database and
 * the command line. */
const char *status_key(enum sub_status s);
bool status_parse(const char *key, enum sub_status *out);
/* The word shown on screen (translated). */
const char *status_label(enum sub_status s);

struct answer_in {
	const char *question_id;
	const char *choice; /* for choice questions, one of the options; else NULL */
	const char *text;   /* free text or a quote; may be NULL */
};

struct submission_in {
	const char *cycle_id;
	const char *member;    /* member number; NULL when not matched yet */
	date_t received;
	date_t decided;        /* DATE_NONE when unknown */
	const char *body_by;   /* "kommunestyret", "fylkestinget", ... */
	const char *reference; /* the council's case number */
	const char *body;      /* the resolution text */
	const char *source;    /* "demo", "csv", "mail" */
	const char *content_hash;
	const struct answer_in *answers;
	int n_answers;
};

/* Inserts one submission with its answers and audit event. The caller holds
 * the transaction (store_begin/store_commit), so an import is all or nothing. */
int submission_insert(struct store *st, const struct submission_in *in, long long *id);

struct submission_row {
	long long id;
	char member[5];
	char *member_name;
	char *region_code, *region_name;
	date_t received, decided;
	enum sub_status status;
	char *reviewer;
	bool late; /* received after its region's member deadline */
	int version;
};

/* The cycle's current submissions, newest received first. */
int submissions_list(struct store *st, const char *cycle_id, struct submission_row **rows, int *n);
void submission_rows_free(struct submission_row *rows, int n);

/* Changes one submission's status if it is still at expected_version; the
 * reason for a refusal goes to errs. */
int submission_set_status(struct store *st, long long id, int expected_version,
			  enum sub_status status, struct diags *errs);

#endif
