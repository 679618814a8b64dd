/* A deterministic demo data set, so `make run` opens on a working day. */
#ifndef INNSPILL_DEMO_H
#define INNSPILL_DEMO_H
#include "date.h"
#include "diag.h"
#include "settings.h"
#include "store.h"

struct demo_stats {
	int submissions, members, answers;
};

/* Fills the database with submissions for about 70% of each cycle's expected
 * members, received up to `today`, with Norwegian resolution texts and
 * answers to every question. The same settings and today give the same data.
 * Refuses a database that already holds submissions. Marks the database as
 * demo (meta key "demo"). One transaction: all or nothing. */
int demo_fill(struct store *st, const struct settings *s, date_t today, struct demo_stats *stats,
	      struct diags *errs);

#endif
