/* Who else is at work: which submission each person has open right now, and
 * how many others wrote lately. A mark is renewed while the submission stays
 * open and lapses by itself when a program stops without clearing it. */
#ifndef INNSPILL_PRESENCE_H
#define INNSPILL_PRESENCE_H
#include "store.h"
#include <time.h>

#define PRESENCE_TTL 90      /* seconds a mark lives without renewal */
#define PRESENCE_RENEW 30    /* how often an open submission renews it */
#define ACTIVE_WINDOW 300    /* seconds since a write that count as active */

/* Marks (id > 0) or clears (id 0) what this program has open. */
int presence_set(struct store *st, long long id, time_t now);
struct presence_mark {
	long long submission;
	char *user;
};
/* Others' live marks. */
int presence_others(struct store *st, time_t now, struct presence_mark **out, int *n);
void presence_free(struct presence_mark *m, int n);
/* How many other people wrote or had something open in the last minutes. */
int presence_active_others(struct store *st, time_t now);

#endif
