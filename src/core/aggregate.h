/* Counting the answers: per question, how many members answered it, and for
 * choice questions how many chose each option. */
#ifndef INNSPILL_AGGREGATE_H
#define INNSPILL_AGGREGATE_H
#include "settings.h"
#include "store.h"

struct question_count {
	const struct question *q;
	int answered;          /* current submissions with an answer to it */
	int approved;          /* of those, approved */
	int *option_counts;    /* choice questions: per option, from all answered */
};

/* One entry per question of the cycle, in the settings' order. */
int aggregate_questions(struct store *st, const struct cycle *c, struct question_count **out);
void aggregate_free(struct question_count *qc, int n);

#endif
