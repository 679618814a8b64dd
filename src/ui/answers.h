/* The answers pane's state, shared by pane_answers.c (questions, tables,
 * region answer, export) and answers_code.c (reading and coding free text). */
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

extern struct answers an;

const struct question *answers_question(struct ui *ui);
/* The region the scope names, or NULL. */
const struct region *answers_region(struct ui *ui);

/* Asks for a file name and format and exports (answers_code.c). */
void answers_export(struct ui *ui);

/* answers_code.c */
void coding_open(struct ui *ui);
void coding_reload(struct ui *ui);
void coding_close(void);
void coding_draw(struct ui *ui, WINDOW *w);
int coding_action(struct ui *ui, enum action a, wint_t ch);

#endif
