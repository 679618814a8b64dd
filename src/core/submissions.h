/* Submissions: the members' resolutions, their answers and their review
 * status. Every change goes through one function per action that writes the
 * row and its audit event in one transaction. */
#ifndef INNSPILL_SUBMISSIONS_H
#define INNSPILL_SUBMISSIONS_H
#include "date.h"
#include "diag.h"
#include "status.h"
#include "store.h"
#include <stdbool.h>

struct answer_in {
	const char *question_id;
	const char *choice; /* for choice questions, one of the options; else NULL */
	const char *text;   /* free text or a quote; may be NULL */
};

struct attachment_in {
	const char *name; /* may be NULL */
	const char *type; /* "text/plain", "application/pdf" */
	const void *data;
	size_t size;
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
	const char *content_hash; /* the same content is never imported twice */
	const char *message_id;   /* mail only */
	const char *sender, *subject;
	const char *origin;       /* "FILE:LINE" or the mail's file name */
	const struct answer_in *answers;
	int n_answers;
	const struct attachment_in *attachments;
	int n_attachments;
};

/* Inserts one submission with its answers, attachments, search index entry
 * and audit event. When the member already has a current submission in the
 * cycle, the new one supersedes it (the old one stays, as history). The
 * caller holds the transaction (store_begin/store_commit), so an import is
 * all or nothing. Returns -1 on error, 0 for a new one, 1 for a new version. */
int submission_insert(struct store *st, const struct submission_in *in, long long *id);
/* The same for a copy made by submission_in_dup(), which it takes over. */
int submission_insert_owned(struct store *st, struct submission_in *in, long long *id);
/* A copy of a submission_in with its own texts and attachments; and its end. */
struct submission_in *submission_in_dup(const struct submission_in *in);
void submission_in_free(struct submission_in *in);
/* Takes one submission out of the search index, before one of its texts
 * (answers, notes) changes; and puts it in, after. */
int submission_unindex(struct store *st, long long id);
int submission_index(struct store *st, long long id);
/* Whether the search index holds exactly the texts it reads (0), does
 * not (1), or could not be checked (-1). */
int submission_index_check(struct store *st);
/* Makes the search index anew from the texts (a writer's repair). */
int submission_index_rebuild(struct store *st, struct diags *errs);
/* Indexes for search every submission from first_id on. */
int submission_index_since(struct store *st, long long first_id);
/* An import: submission_insert()s between these, in one transaction, are
 * indexed for search and supersede earlier versions at the end, set-wise.
 * submission_bulk_end() does that work (call it before the commit);
 * submission_bulk_abort() drops it (before a rollback). */
int submission_bulk_begin(struct store *st);
int submission_bulk_end(struct store *st);
void submission_bulk_abort(struct store *st);
/* The content hashes of the cycle's submissions, as a set of strings (a
 * GHashTable the caller destroys), or NULL on an error. */
struct _GHashTable *submission_hashes(struct store *st, const char *cycle_id);
/* Whether the member has a current submission in the cycle (also one an
 * import under way has read). */
bool submission_member_has_one(struct store *st, const char *cycle_id, const char *member);
/* Whether a submission with this content hash is already in the cycle. */
bool submission_hash_exists(struct store *st, const char *cycle_id, const char *hash);

/* A row's texts are borrowed from the store (store_intern) and stay valid
 * until it is closed: 100 000 rows would otherwise be 300 000 allocations. */
struct submission_row {
	long long id;
	char member[5];
	const char *member_name;
	/* The region's code and name, borrowed from the settings (or NULL). */
	const char *region_code, *region_name;
	date_t received, decided;
	enum sub_status status;
	const char *reviewer;
	bool late; /* received after its region's member deadline */
	int version;
	const char *assignee; /* who it is given to, or NULL */
};

enum sub_sort { SORT_RECEIVED, SORT_MEMBER, SORT_REGION, SORT_STATUS };
#define SORT_COUNT 4
const char *sort_label(enum sub_sort s);
/* "received", "member", "region", "status": the words of the command line. */
bool sort_parse(const char *key, enum sub_sort *out);

struct limit;
/* The cycle's current submissions that the limit lets through (NULL: all),
 * in the given order. With the limit's "missing", the expected members
 * without a submission instead, as rows with id 0. */
int submissions_query(struct store *st, const char *cycle_id, const struct limit *lim,
		      enum sub_sort sort, struct submission_row **rows, int *n);
/* The cycle's current submissions, newest received first. */
int submissions_list(struct store *st, const char *cycle_id, struct submission_row **rows, int *n);
/* Ids of the current submissions whose texts, answers or notes hold the words. */
int submission_search(struct store *st, const char *cycle_id, const char *words,
		      long long **ids, int *n);
void submission_rows_free(struct submission_row *rows, int n);

/* Changes one submission's status if it is still at expected_version; the
 * reason for a refusal goes to errs. */
int submission_set_status(struct store *st, long long id, int expected_version,
			  enum sub_status status, struct diags *errs);

/* A bulk status change in one transaction: every submission still at its
 * version (versions NULL: no check) and allowed to the user is changed and
 * audited; the others are left as they are and said in errs. changed[i]
 * tells which changed. Returns how many, or -1 (nothing written). */
int submission_set_status_many(struct store *st, const long long *ids, const int *versions, int n,
			       enum sub_status status, bool *changed, struct diags *errs);

/* Undo: puts each submission back to its own status, as one transaction. */
int submission_restore_status(struct store *st, const long long *ids,
			      const enum sub_status *statuses, int n, bool *changed,
			      struct diags *errs);
/* Sets the status and adds a note (note NULL: none) as one change: both are
 * saved, or neither. */
int submission_set_status_note(struct store *st, long long id, int expected_version,
			       enum sub_status status, const char *note, struct diags *errs);
/* The same note on many submissions, and many submissions given to one
 * reviewer (NULL: nobody), each in one transaction as the bulk status
 * change is. */
int submission_add_note_many(struct store *st, const long long *ids, const int *versions, int n,
			     const char *text, bool *changed, struct diags *errs);
int submission_assign_many(struct store *st, const long long *ids, const int *versions, int n,
			   const char *login, bool *changed, struct diags *errs);

/* Adds a note (author: the acting user). */
int submission_add_note(struct store *st, long long id, int expected_version, const char *text,
			struct diags *errs);
/* Gives an unmatched (or wrongly matched) submission its member; it becomes
 * the member's current submission. */
int submission_assign_member(struct store *st, long long id, int expected_version,
			     const char *member, struct diags *errs);
/* Sets one answer, e.g. split out of lines line_from..line_to of the body
 * with a stance ("agree", "disagree", "partly", "none" or NULL). */
int submission_set_answer(struct store *st, long long id, int expected_version,
			  const struct answer_in *a, const char *stance, int line_from, int line_to,
			  struct diags *errs);

/* Gives a submission to a reviewer (login), or to nobody (NULL). */
int submission_assign(struct store *st, long long id, int expected_version, const char *login,
		      struct diags *errs);

#endif
