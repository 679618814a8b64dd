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
	struct milestone next; /* the next milestone on or after today, the */
	bool has_next;         /* cycle-wide ones included */
};

/* One row per region of the settings, in their order. */
int timeline_rows(struct store *st, const struct settings *s, const struct cycle *c, date_t today,
		  struct timeline_row **rows, int *n);
/* The first milestone (the cycle-wide ones included) that ends on or after
 * today; false when there is none. */
bool timeline_next(const struct cycle *c, const struct region_timeline *t, date_t today,
		   struct milestone *out);

/* Every milestone of a region in a cycle, the cycle-wide ones included
 * (booklet sent, national deadline, main board), in date order. */
int timeline_all(const struct cycle *c, const struct region_timeline *t, struct milestone **out);
/* The days the strip spans: from the earliest milestone to the main board. */
void timeline_span(const struct settings *s, const struct cycle *c, date_t *from, date_t *to);

/* Where a member stands in a cycle. */
enum member_state { STATE_ON_TIME, STATE_LATE, STATE_MISSING, STATE_NOT_EXPECTED };
const char *member_state_label(enum member_state s);

struct member_status {
	const struct member *member;
	enum member_state state;
	date_t received;        /* its first submission, or DATE_NONE */
	long long submission;   /* its current submission, or 0 */
};

/* The members of a region with their state (all regions when r is NULL). */
int timeline_members(struct store *st, const struct settings *s, const struct cycle *c,
		     const struct region *r, struct member_status **out, int *n);

/* A milestone in the next days, for the Upcoming view and reminders. */
struct upcoming {
	const struct region *region; /* NULL: the same for every region */
	struct milestone ms;
	int days;                    /* from today to its first day */
	bool reminder;               /* a reminder's lead time falls on today or is passed */
};

/* Milestones that start within days from today (or are going on), in date
 * order; cycle-wide ones once. */
int timeline_upcoming(const struct settings *s, const struct cycle *c, date_t today, int days,
		      struct upcoming **out, int *n);
/* The one-letter mark of a milestone kind on the strip (translated). */
const char *milestone_mark(enum milestone_kind k);

#endif
