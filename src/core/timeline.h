/* Where each region stands in a cycle: counts of who has answered, and the
 * next milestone from a given day. */
#ifndef INNSPILL_TIMELINE_H
#define INNSPILL_TIMELINE_H
#include "settings.h"
#include "store.h"

struct timeline_row {
	const struct region *region;
	const struct region_timeline *timeline; /* NULL when the region has none */
	int expected;  /* members expected to answer */
	int received;  /* of those, how many have a submission */
	int late;      /* received after the region's member deadline */
	int missing;   /* expected - received */
	const struct milestone *next; /* the next milestone on or after today */
};

/* One row per region of the settings, in their order. */
int timeline_rows(struct store *st, const struct settings *s, const struct cycle *c, date_t today,
		  struct timeline_row **rows, int *n);
/* The first milestone of t that ends on or after today, or NULL. */
const struct milestone *timeline_next(const struct region_timeline *t, date_t today);

#endif
