/* Counting the answers: per question, per region and nationally; the
 * free-text answers with their codes; codes (themes) per question and the
 * region's own answer. Only current submissions from known members count,
 * so a superseded version never counts twice. */
#ifndef INNSPILL_AGGREGATE_H
#define INNSPILL_AGGREGATE_H
#include "settings.h"
#include "store.h"

/* Which submissions count: approved only (the default) or all received. */
enum agg_basis { AGG_APPROVED, AGG_ALL };

struct question_count {
	const struct question *q;
	int answered;       /* current submissions with an answer to it */
	int approved;       /* of those, approved */
	int *option_counts; /* choice questions: per option, from all answered */
};

/* One entry per question of the cycle, in the settings' order. */
int aggregate_questions(struct store *st, const struct cycle *c, struct question_count **out);
void aggregate_free(struct question_count *qc, int n);

/* A choice question's table: one row per region, then the nation. */
struct agg_row {
	const struct region *region; /* NULL: the whole country */
	int *counts;                 /* per option */
	int total;
};

struct agg_table {
	const struct question *q;
	struct agg_row *rows;
	int n_rows; /* regions + 1 */
};

int aggregate_choice(struct store *st, const struct settings *s, const struct cycle *c,
		     const struct question *q, enum agg_basis basis, struct agg_table *out);
void agg_table_free(struct agg_table *t);

/* A code (theme) of a free-text question, with how many members have it. */
struct agg_code {
	long long id;
	char *label;
	int *per_region; /* indexed like settings.regions */
	int national;
};

int aggregate_codes(struct store *st, const struct settings *s, const struct cycle *c,
		    const struct question *q, enum agg_basis basis, struct agg_code **out, int *n);
void agg_codes_free(struct agg_code *codes, int n);

/* One member's answer to a free-text question, with its codes. */
struct text_answer {
	long long submission;
	char member[5];
	char *member_name, *body_by, *text, *choice;
	const struct region *region;
	date_t decided, received;
	bool approved, late;
	long long *codes;
	int n_codes;
};

/* The answers to q, in region order then member name; region NULL: all;
 * code > 0: only the answers with that code. */
int aggregate_answers(struct store *st, const struct settings *s, const struct cycle *c,
		      const struct question *q, enum agg_basis basis, const struct region *region,
		      long long code, struct text_answer **out, int *n);
void text_answers_free(struct text_answer *a, int n);

/* Writes: each in one transaction with its audit event. */
int code_create(struct store *st, const struct cycle *c, const struct question *q,
		const char *label, long long *id, struct diags *errs);
/* A new code set at once on one answer (submission's to q), as one change. */
int code_create_on(struct store *st, const struct cycle *c, const struct question *q,
		   const char *label, long long submission, long long *id, struct diags *errs);
int code_rename(struct store *st, long long id, const char *label, struct diags *errs);
/* Moves every answer of code `from` to code `into` and removes `from`. */
int code_merge(struct store *st, long long from, long long into, struct diags *errs);
/* Sets or clears a code on one member's answer. */
int code_set(struct store *st, long long submission, const char *question_id, long long code,
	     bool on, struct diags *errs);

/* The region's answer to a question (the county board's decision). */
struct region_answer {
	char *text, *author, *updated_at;
	int version; /* 0: none written yet */
};
int region_answer_get(struct store *st, const struct cycle *c, const char *region,
		      const char *question, struct region_answer *out);
/* Refused when someone saved a newer version since expected_version. */
int region_answer_set(struct store *st, const struct cycle *c, const char *region,
		      const char *question, const char *text, int expected_version,
		      struct diags *errs);
void region_answer_free(struct region_answer *a);

/* The same question (by key) in another cycle of the database, for year over
 * year: that cycle's id (caller frees) or NULL. */
char *aggregate_previous_cycle(struct store *st, const struct cycle *c, const struct question *q);

#endif
