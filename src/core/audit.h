/* Reading the audit log: every write leaves an event (who, when, what,
 * before, after) in the same transaction as the change itself. */
#ifndef INNSPILL_AUDIT_H
#define INNSPILL_AUDIT_H
#include "date.h"
#include "store.h"

struct audit_filter {
	const char *user;    /* NULL: everyone */
	const char *region;  /* NULL: every region (events on submissions of its members) */
	date_t since;        /* DATE_NONE: from the start */
	long long submission; /* > 0: the history of one submission */
	int newest;          /* > 0: only the newest this many (still oldest first) */
};

struct audit_event {
	long long id, entity_id;
	char *at, *user, *action, *entity, *before, *after;
};

int audit_list(struct store *st, const struct audit_filter *f, struct audit_event **out, int *n);
void audit_free(struct audit_event *e, int n);
/* "2024-02-20T10:15:00Z ola set-status submission 12: new -> approved" */
char *audit_line(const struct audit_event *e);

#endif
