/* Between store.c and its helpers store_wait.c and store_fault.c. */
#ifndef INNSPILL_STORE_INT_H
#define INNSPILL_STORE_INT_H
#include "store.h"

/* Sets the busy handler of a newly opened connection. */
void store_wait_init(struct store *st);
/* The last error as a fault of a file, with the file and what to do, or
 * NULL when it is not one (caller frees). */
char *store_fault_explain(struct store *st);
/* The same for a database file that could not be created (errno err). */
char *store_fault_create(const char *path, int err);

#endif
