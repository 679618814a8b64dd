/* The answers pane's state, allocated by the main loop and handed to the
 * functions of pane_answers.c (questions, tables, region answer) and
 * answers_code.c (reading and coding free text, export). */
#ifndef INNSPILL_ANSWERS_H
#define INNSPILL_ANSWERS_H
#include "ui.h"
#include "../core/aggregate.h"

struct answers {
	struct question_count *qc;
	int n;
	struct list list;
	enum agg_basis basis;
	int scope;       /* -1: all regions, 0..n-1: one region, n: the nation */
	bool yoy;        /* show the previous cycle's distribution too */
	bool coding;     /* reading and coding one question's answers */
	struct text_answer *ans;
	int n_ans, cur;  /* the answer being read */
	struct agg_code *codes;
	int n_codes;
	long long only_code; /* > 0: read only the answers with this code */
};

/* pane_answers.c: reads the counts again (and the answers being coded). */
void answers_reload(struct ui *ui, struct answers *an);

/* answers_code.c */
/* The question under the cursor, or NULL. */
const struct question *answers_question(struct ui *ui, const struct answers *an);
/* The region the scope names, or NULL. */
const struct region *answers_region(struct ui *ui, const struct answers *an);
/* Asks for a file name and format and exports. */
void answers_export(struct ui *ui, struct answers *an);
void coding_open(struct ui *ui, struct answers *an);
void coding_reload(struct ui *ui, struct answers *an);
void coding_close(struct answers *an);
void coding_draw(struct ui *ui, struct answers *an, WINDOW *w);
int coding_action(struct ui *ui, struct answers *an, enum action a, wint_t ch);

#endif
