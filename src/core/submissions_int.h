/* Shared by the files of the submissions module (submissions*.c) only. */
#ifndef INNSPILL_SUBMISSIONS_INT_H
#define INNSPILL_SUBMISSIONS_INT_H
#include "store.h"

/* Runs a statement with one id parameter; 0 or -1. */
int sub_exec_id(struct store *st, const char *sql, long long id);
/* The member's current submission in the cycle, 0 for none, -1 on an error. */
long long sub_current_of(struct store *st, const char *cycle, const char *member);

#endif
