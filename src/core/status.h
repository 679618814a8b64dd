/* A submission's review status and its words. A module of its own so that
 * the limit parser and the submissions need not include each other. */
#ifndef INNSPILL_STATUS_H
#define INNSPILL_STATUS_H
#include <stdbool.h>

enum sub_status { STATUS_NEW, STATUS_APPROVED, STATUS_FOLLOW_UP, STATUS_REJECTED };
#define STATUS_COUNT 4

/* "new", "approved", "follow-up", "rejected": the words of the database and
 * the command line. */
const char *status_key(enum sub_status s);
bool status_parse(const char *key, enum sub_status *out);
/* The word shown on screen (translated). */
const char *status_label(enum sub_status s);

#endif
